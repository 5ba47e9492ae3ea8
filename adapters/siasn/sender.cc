#include "adapters/siasn/sender.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "adapters/common/http_client.h"
#include "absl/time/clock.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"

namespace discipline::siasn {
namespace {

// A string field at `path` (dot-separated) of a JSON object, if any.
std::string Field(const google::protobuf::Struct& s, std::initializer_list<const char*> path) {
  const google::protobuf::Struct* at = &s;
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

std::string Excerpt(const std::string& body) { return body.substr(0, 200); }

}  // namespace

absl::Duration Sender::Backoff(int attempts) {
  return std::min(absl::Seconds(1) * (int64_t{1} << std::min(attempts, 20)), absl::Minutes(10));
}

absl::StatusOr<std::string> Sender::Token() {
  if (!token_.empty() && absl::Now() < token_expires_) return token_;
  const adapters::HttpReply r =
      adapters::HttpCall({.url = options_.token_url,
                          .post = true,
                          .body = "grant_type=client_credentials",
                          .headers = {"Content-Type: application/x-www-form-urlencoded", "Accept: application/json"},
                          .basic_auth = absl::StrCat(options_.client_id, ":", options_.client_secret),
                          .timeout = options_.timeout});
  if (r.status == 0) return absl::UnavailableError(absl::StrCat("siasn token: ", r.error));
  if (r.status != 200) return absl::UnavailableError(absl::StrCat("siasn token: HTTP ", r.status, " ", Excerpt(r.body)));
  google::protobuf::Struct s;
  if (!google::protobuf::util::JsonStringToMessage(r.body, &s).ok() || Field(s, {"access_token"}).empty()) {
    return absl::UnavailableError("siasn token: the answer has no access_token");
  }
  token_ = Field(s, {"access_token"});
  int64_t expires_in = 3600;
  if (auto it = s.fields().find("expires_in"); it != s.fields().end() && it->second.has_number_value()) {
    expires_in = static_cast<int64_t>(it->second.number_value());
  }
  token_expires_ = absl::Now() + absl::Seconds(std::max<int64_t>(expires_in - 30, 1));
  return token_;
}

absl::StatusOr<SendRun> Sender::RunOnce(int limit) {
  absl::StatusOr<std::vector<ports::OutboxRecord>> due = outbox_.DueRecords(limit);
  if (!due.ok()) return due.status();
  SendRun run;
  for (const ports::OutboxRecord& record : *due) {
    absl::StatusOr<std::string> token = Token();
    if (!token.ok()) {
      // The whole pass waits for the token service; the record too.
      run.last_error = std::string(token.status().message());
      (void)outbox_.MarkFailed(record, run.last_error, false, Backoff(record.attempts));
      ++run.retried;
      break;
    }
    const adapters::HttpReply r =
        adapters::HttpCall({.url = options_.endpoint,
                            .post = true,
                            .body = record.payload_json,
                            .headers = {"Content-Type: application/json", "Accept: application/json",
                                        absl::StrCat("Authorization: Bearer ", *token),
                                        absl::StrCat("Idempotency-Key: ", record.idempotency_key)},
                            .timeout = options_.timeout});
    if (r.status >= 200 && r.status < 300) {
      google::protobuf::Struct s;
      std::string id;
      if (google::protobuf::util::JsonStringToMessage(r.body, &s).ok()) {
        id = Field(s, {"id"});
        if (id.empty()) id = Field(s, {"data", "id"});
        if (id.empty()) id = Field(s, {"mapData", "rwHukdisId"});
      }
      absl::Status marked = outbox_.MarkDelivered(record, id);
      if (!marked.ok()) run.last_error = std::string(marked.message());
      ++run.delivered;
      continue;
    }
    const std::string error =
        r.status == 0 ? absl::StrCat("no answer: ", r.error) : absl::StrCat("HTTP ", r.status, ": ", Excerpt(r.body));
    run.last_error = absl::StrCat(record.case_id, ": ", error);
    if (r.status == 401) token_.clear();
    const bool refused = r.status >= 400 && r.status < 500 && r.status != 401 && r.status != 408 && r.status != 429;
    (void)outbox_.MarkFailed(record, error, refused, Backoff(record.attempts));
    ++(refused ? run.refused : run.retried);
  }
  return run;
}

}  // namespace discipline::siasn
