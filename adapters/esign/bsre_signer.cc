#include "adapters/esign/bsre_signer.h"

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "adapters/common/http_client.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "service/common/errors.h"

namespace discipline::esign {
namespace {

namespace gp = google::protobuf;

constexpr char kSignPath[] = "/api/v2/sign/pdf";

// Text quoted back from BSrE, with the official's credentials taken out
// (a service that echoes them must not put them in an error or a log).
std::string Scrub(std::string text, const ports::SignCredentials& c) {
  for (const std::string* secret : {&c.passphrase, &c.totp, &c.nik}) {
    if (!secret->empty()) text = absl::StrReplaceAll(text, {{*secret, "***"}});
  }
  return Excerpt(text);
}

// BSrE's own words about a refusal: its "error" or "message".
std::string MessageOf(const std::string& body) {
  gp::Struct s;
  if (!gp::util::JsonStringToMessage(body, &s).ok()) return "";
  for (const char* key : {"error", "message", "error_description"}) {
    auto it = s.fields().find(key);
    if (it != s.fields().end() && it->second.has_string_value()) return it->second.string_value();
  }
  return "";
}

}  // namespace

absl::StatusOr<std::string> BuildSignRequest(const std::string& pdf, const ports::SignCredentials& credentials,
                                             const BsreOptions& options) {
  if (credentials.nik.empty()) return InvalidField("nik", "is required", "NIK penanda tangan wajib diisi.");
  if (credentials.passphrase.empty() == credentials.totp.empty()) {
    return InvalidField("passphrase", "exactly one of passphrase and totp is required",
                        "Isi salah satu: passphrase atau kode TOTP.");
  }
  gp::Struct request;
  auto& f = *request.mutable_fields();
  f["nik"].set_string_value(credentials.nik);
  if (!credentials.passphrase.empty()) {
    f["passphrase"].set_string_value(credentials.passphrase);
  } else {
    f["totp"].set_string_value(credentials.totp);
  }
  gp::Struct property;
  auto& p = *property.mutable_fields();
  p["tampilan"].set_string_value("INVISIBLE");
  if (!options.reason.empty()) p["reason"].set_string_value(options.reason);
  if (!options.location.empty()) p["location"].set_string_value(options.location);
  *f["signatureProperties"].mutable_list_value()->add_values()->mutable_struct_value() = property;
  f["file"].mutable_list_value()->add_values()->set_string_value(absl::Base64Escape(pdf));
  std::string json;
  if (!gp::util::MessageToJsonString(request, &json).ok()) {
    return absl::InternalError("esign: the request cannot be printed as JSON");
  }
  return json;
}

absl::StatusOr<std::string> ParseSignAnswer(long status, const std::string& body, const std::string& transport_error,
                                            const ports::SignCredentials& credentials) {
  const char* const kUnavailable =
      "Layanan tanda tangan elektronik BSrE tidak dapat dihubungi atau tidak menjawab. Dokumen belum tentu "
      "ditandatangani; periksa sebelum mencoba lagi.";
  if (status == 0) {
    return WithIndonesian(
        absl::UnavailableError(absl::StrCat("esign: no answer: ", Scrub(transport_error, credentials))), kUnavailable);
  }
  if (status >= 200 && status < 300) {
    gp::Struct answer;
    std::string pdf;
    if (!gp::util::JsonStringToMessage(body, &answer).ok()) {
      return WithIndonesian(absl::UnavailableError("esign: the answer is not a JSON object"), kUnavailable);
    }
    auto it = answer.fields().find("file");
    if (it == answer.fields().end() || !it->second.has_list_value() || it->second.list_value().values_size() != 1 ||
        !it->second.list_value().values(0).has_string_value() ||
        !absl::Base64Unescape(it->second.list_value().values(0).string_value(), &pdf) ||
        !absl::StartsWith(pdf, "%PDF-")) {
      return WithIndonesian(absl::UnavailableError("esign: the answer carries no signed PDF in file[0]"), kUnavailable);
    }
    return pdf;
  }
  const std::string message = Scrub(MessageOf(body), credentials);
  if (status == 401 || status == 403 || status == 408 || status == 429 || status >= 500) {
    // 401/403: the agency's client user and password (an operator's
    // matter, not the official's); the rest: an outage.
    return WithIndonesian(absl::UnavailableError(absl::StrCat("esign: HTTP ", status, ": ", message)), kUnavailable);
  }
  // A refusal of the official's signature (BSrE's v2 messages, e.g.
  // "Passphrase anda salah", "NIK tidak terdaftar").
  const std::string lower = absl::AsciiStrToLower(message);
  std::string pesan;
  if (absl::StrContains(lower, "passphrase") || absl::StrContains(lower, "totp") || absl::StrContains(lower, "otp")) {
    pesan = "Passphrase atau kode TOTP tanda tangan elektronik salah. Dokumen tidak ditandatangani.";
  } else if (absl::StrContains(lower, "nik") || absl::StrContains(lower, "terdaftar") ||
             absl::StrContains(lower, "sertifikat") || absl::StrContains(lower, "certificate")) {
    pesan =
        "NIK penanda tangan tidak terdaftar atau sertifikat elektroniknya tidak aktif di BSrE. Dokumen tidak "
        "ditandatangani.";
  } else {
    pesan = absl::StrCat("BSrE menolak penandatanganan: ", message.empty() ? "tanpa keterangan" : message,
                         ". Dokumen tidak ditandatangani.");
  }
  return WithIndonesian(
      absl::FailedPreconditionError(absl::StrCat("esign: BSrE refused the signature (HTTP ", status, "): ", message)),
      pesan);
}

absl::StatusOr<std::string> BsreSigner::SignPdf(const std::string& pdf, const ports::SignCredentials& credentials) {
  absl::StatusOr<std::string> body = BuildSignRequest(pdf, credentials, options_);
  if (!body.ok()) return body.status();
  std::string base = options_.base_url;
  while (absl::EndsWith(base, "/")) base.pop_back();
  // One call, never retried (see the header).
  const adapters::HttpReply reply =
      adapters::HttpCall({.url = absl::StrCat(base, kSignPath),
                          .post = true,
                          .body = *std::move(body),
                          .headers = {"Content-Type: application/json", "Accept: application/json"},
                          .basic_auth = absl::StrCat(options_.user, ":", options_.password),
                          .timeout = options_.timeout,
                          .max_answer_bytes = options_.max_pdf_bytes * 4 / 3 + (1 << 16)});
  return ParseSignAnswer(reply.status, reply.body, reply.error, credentials);
}

}  // namespace discipline::esign
