#include "adapters/siasn/sender.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "adapters/common/http_client.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"

namespace discipline::siasn {
namespace {

namespace gp = google::protobuf;

constexpr char kApi[] = "/apisiasn/1.0";
// An SK larger than this is not attached (SIASN's upload limit is lower).
constexpr size_t kMaxSkBytes = 20 << 20;

// A string field at `path` of a JSON object, if any (numbers as integers).
std::string Field(const gp::Struct& s, std::initializer_list<const char*> path) {
  const gp::Struct* at = &s;
  size_t i = 0;
  for (const char* key : path) {
    auto it = at->fields().find(key);
    if (it == at->fields().end()) return "";
    if (++i == path.size()) {
      if (it->second.has_string_value()) return it->second.string_value();
      if (it->second.has_number_value()) return absl::StrCat(static_cast<int64_t>(it->second.number_value()));
      return "";
    }
    if (!it->second.has_struct_value()) return "";
    at = &it->second.struct_value();
  }
  return "";
}

// SIASN's own words about an answer: its "message" (or "error"), else the
// start of the body. Never a header: the tokens stay out of errors.
std::string Message(const adapters::HttpReply& r) {
  gp::Struct s;
  if (gp::util::JsonStringToMessage(r.body, &s).ok()) {
    for (const char* key : {"message", "error_description", "error"}) {
      if (std::string m = Field(s, {key}); !m.empty()) return m.substr(0, 500);
    }
  }
  return r.body.substr(0, 200);
}

// Whether a 2xx answer says `"success": false` (SIASN refuses some records
// with 200).
bool SaysFailure(const gp::Struct& s) {
  auto it = s.fields().find("success");
  return it != s.fields().end() && it->second.has_bool_value() && !it->second.bool_value();
}

}  // namespace

absl::Duration Sender::Backoff(int attempts) {
  return std::min(absl::Seconds(1) * (int64_t{1} << std::min(attempts, 20)), absl::Minutes(10));
}

absl::Status Sender::Tokens() {
  absl::StatusOr<std::vector<std::string>> headers = tokens_.Headers();
  if (!headers.ok()) return headers.status();
  headers_ = *std::move(headers);
  return absl::OkStatus();
}

namespace {

// How an answer counts. `answer` gets the parsed body of a 2xx.
enum class Class { kOk, kRetry, kUnauthorized, kRefused };
Class Classify(const adapters::HttpReply& r, gp::Struct* answer) {
  if (r.status >= 200 && r.status < 300) {
    (void)gp::util::JsonStringToMessage(r.body, answer);
    return SaysFailure(*answer) ? Class::kRefused : Class::kOk;
  }
  if (r.status == 401) return Class::kUnauthorized;
  if (r.status >= 400 && r.status < 500 && r.status != 408 && r.status != 429) return Class::kRefused;
  return Class::kRetry;
}

std::string Describe(const char* call, const adapters::HttpReply& r) {
  if (r.status == 0) return absl::StrCat(call, ": no answer: ", r.error);
  return absl::StrCat(call, ": HTTP ", r.status, ": ", Message(r));
}

}  // namespace

Sender::StepResult Sender::FindSaved(const ports::OutboxRecord& r) {
  gp::Struct payload;
  if (!gp::util::JsonStringToMessage(r.payload_json, &payload).ok()) {
    return {Outcome::kRefused, "the outbox payload is not a JSON object", ""};
  }
  const adapters::HttpReply reply =
      adapters::HttpCall({.url = absl::StrCat(options_.api_base, kApi, "/pns/rw-hukdis/", adapters::UrlEncode(r.nip)),
                          .headers = headers_,
                          .timeout = options_.timeout});
  gp::Struct answer;
  switch (Classify(reply, &answer)) {
    case Class::kOk:
      break;
    case Class::kUnauthorized:
      tokens_.Drop();
      return {Outcome::kRetry, Describe("rw-hukdis", reply), ""};
    case Class::kRefused:
      // No riwayat for the employee (yet): nothing was saved.
      if (reply.status == 404) return {Outcome::kDone, "", ""};
      return {Outcome::kRefused, Describe("rw-hukdis", reply), ""};
    case Class::kRetry:
      return {Outcome::kRetry, Describe("rw-hukdis", reply), ""};
  }
  // An answer without its list says nothing about what was saved: saving
  // again could make a second record, so ask again later. An empty riwayat
  // (null or []) is nothing saved.
  auto data = answer.fields().find("data");
  if (data == answer.fields().end()) {
    return {Outcome::kRetry, "rw-hukdis: the answer has no data list; asking again later", ""};
  }
  if (!data->second.has_list_value()) return {Outcome::kDone, "", ""};
  const std::string sk = Field(payload, {"skNomor"});
  const std::string jenis = Field(payload, {"jenisHukumanId"});
  for (const gp::Value& v : data->second.list_value().values()) {
    if (!v.has_struct_value()) continue;
    const gp::Struct& rec = v.struct_value();
    if (Field(rec, {"skNomor"}) == sk && Field(rec, {"jenisHukumanId"}) == jenis && !Field(rec, {"id"}).empty()) {
      return {Outcome::kDone, "", Field(rec, {"id"})};
    }
  }
  return {Outcome::kDone, "", ""};
}

Sender::StepResult Sender::Save(const ports::OutboxRecord& r) {
  std::string id = r.siasn_id;
  if (id.empty() && r.save_sent && !r.nip.empty()) {
    // An earlier save may have reached SIASN without its answer coming
    // back: adopt that record rather than make a second one.
    StepResult found = FindSaved(r);
    if (found.outcome != Outcome::kDone) return found;
    id = found.siasn_id;
  }
  gp::Struct payload;
  if (!gp::util::JsonStringToMessage(r.payload_json, &payload).ok()) {
    return {Outcome::kRefused, "the outbox payload is not a JSON object", ""};
  }
  (*payload.mutable_fields())["id"].set_string_value(id);
  std::string body;
  (void)gp::util::MessageToJsonString(payload, &body);
  if (id.empty()) {
    if (absl::Status s = outbox_.MarkSaveSent(r); !s.ok()) return {Outcome::kRetry, std::string(s.message()), ""};
  }
  std::vector<std::string> headers = headers_;
  headers.push_back("Content-Type: application/json");
  const adapters::HttpReply reply = adapters::HttpCall({.url = absl::StrCat(options_.api_base, kApi, "/hukdis/save"),
                                                        .post = true,
                                                        .body = body,
                                                        .headers = headers,
                                                        .timeout = options_.timeout});
  gp::Struct answer;
  switch (Classify(reply, &answer)) {
    case Class::kOk: {
      std::string saved = Field(answer, {"mapData", "rwHukdisId"});
      if (saved.empty()) saved = id;
      if (saved.empty()) return {Outcome::kRetry, "hukdis/save: the answer has no mapData.rwHukdisId", ""};
      return {Outcome::kDone, "", saved};
    }
    case Class::kUnauthorized:
      tokens_.Drop();
      return {Outcome::kRetry, Describe("hukdis/save", reply), ""};
    case Class::kRefused:
      return {Outcome::kRefused, Describe("hukdis/save", reply), ""};
    case Class::kRetry:
      break;
  }
  return {Outcome::kRetry, Describe("hukdis/save", reply), ""};
}

Sender::StepResult Sender::Attach(const ports::OutboxRecord& r, const std::string& siasn_id) {
  absl::StatusOr<std::unique_ptr<ports::DocumentReader>> doc = documents_.Open(r.sk_document_id);
  if (!doc.ok()) {
    const std::string error = absl::StrCat("the SK ", r.sk_document_id, " cannot be read: ", doc.status().message());
    return {doc.status().code() == absl::StatusCode::kUnavailable ? Outcome::kRetry : Outcome::kRefused, error, ""};
  }
  std::string pdf, chunk;
  do {
    if (absl::Status s = (*doc)->Read(1 << 16, &chunk); !s.ok()) {
      return {Outcome::kRetry, absl::StrCat("the SK ", r.sk_document_id, ": ", s.message()), ""};
    }
    pdf += chunk;
    if (pdf.size() > kMaxSkBytes) return {Outcome::kRefused, "the SK is larger than 20 MiB", ""};
  } while (!chunk.empty());
  std::string file_name = (*doc)->metadata().file_name;
  if (file_name.empty()) file_name = "sk-hukuman-disiplin.pdf";
  const adapters::HttpReply reply = adapters::HttpCall(
      {.url = absl::StrCat(options_.api_base, kApi, "/upload-dok-rw"),
       .post = true,
       .multipart = {{"file", pdf, file_name, "application/pdf"},
                     {"id_riwayat", siasn_id, "", ""},
                     {"id_ref_dokumen", r.sk_dokumen_ref.empty() ? "882" : r.sk_dokumen_ref, "", ""}},
       .headers = headers_,
       .timeout = options_.timeout});
  gp::Struct answer;
  switch (Classify(reply, &answer)) {
    case Class::kOk:
      return {Outcome::kDone, "", siasn_id};
    case Class::kUnauthorized:
      tokens_.Drop();
      return {Outcome::kRetry, Describe("upload-dok-rw", reply), ""};
    case Class::kRefused:
      return {Outcome::kRefused, Describe("upload-dok-rw", reply), ""};
    case Class::kRetry:
      break;
  }
  return {Outcome::kRetry, Describe("upload-dok-rw", reply), ""};
}

absl::StatusOr<SendRun> Sender::RunOnce(int limit) {
  absl::StatusOr<std::vector<ports::OutboxRecord>> due = outbox_.DueRecords(limit);
  if (!due.ok()) return due.status();
  SendRun run;
  for (const ports::OutboxRecord& record : *due) {
    if (absl::Status tokens = Tokens(); !tokens.ok()) {
      // The whole pass waits for the token services; the record too.
      run.last_error = std::string(tokens.message());
      (void)outbox_.MarkFailed(record, run.last_error, false, Backoff(record.attempts));
      ++run.retried;
      break;
    }
    std::string id = record.siasn_id;
    StepResult step{Outcome::kDone, "", id};
    if (record.step == ports::SiasnStep::kSave || id.empty()) {
      step = Save(record);
      if (step.outcome == Outcome::kDone) {
        id = step.siasn_id;
        // Durably before the attachment: a restart attaches to this record.
        if (absl::Status s = outbox_.MarkSaved(record, id); !s.ok()) {
          run.last_error = absl::StrCat(record.case_id, ": ", s.message());
          ++run.retried;
          continue;
        }
      }
    }
    const bool attach = !record.sk_document_id.empty() && record.sk_document_id != record.attached_document_id;
    if (step.outcome == Outcome::kDone && attach) step = Attach(record, id);
    if (step.outcome == Outcome::kDone) {
      absl::Status marked = outbox_.MarkDelivered(record, id);
      if (!marked.ok()) run.last_error = std::string(marked.message());
      ++run.delivered;
      continue;
    }
    run.last_error = absl::StrCat(record.case_id, ": ", step.error);
    const bool refused = step.outcome == Outcome::kRefused;
    (void)outbox_.MarkFailed(record, step.error, refused, Backoff(record.attempts));
    ++(refused ? run.refused : run.retried);
  }
  return run;
}

}  // namespace discipline::siasn
