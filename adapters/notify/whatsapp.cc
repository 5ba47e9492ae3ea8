#include "adapters/notify/whatsapp.h"

#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "adapters/common/http_client.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"

namespace discipline::notify {

absl::StatusOr<std::unique_ptr<WhatsappNotifier>> WhatsappNotifier::Create(WhatsappOptions options) {
  if (!absl::StartsWith(options.url, "http://") && !absl::StartsWith(options.url, "https://")) {
    return absl::InvalidArgumentError("whatsapp url: must be an http:// or https:// URL");
  }
  std::string token;
  if (!options.token_file.empty()) {
    std::ifstream in(options.token_file);
    if (!in) return absl::NotFoundError(absl::StrCat("whatsapp token_file: cannot read ", options.token_file));
    std::stringstream text;
    text << in.rdbuf();
    token = std::string(absl::StripAsciiWhitespace(text.str()));
  }
  return std::unique_ptr<WhatsappNotifier>(new WhatsappNotifier(std::move(options), std::move(token)));
}

ports::SendResult WhatsappNotifier::Send(const ports::Notification& n) {
  google::protobuf::Struct body;
  (*body.mutable_fields())["to"].set_string_value(n.recipient);
  (*body.mutable_fields())["message"].set_string_value(absl::StrCat(n.subject, "\n\n", n.body));
  (*body.mutable_fields())["message_id"].set_string_value(n.message_id);
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(body, &json);
  std::vector<std::string> headers = {"Content-Type: application/json", "Accept: application/json",
                                      absl::StrCat("Idempotency-Key: ", n.message_id)};
  if (!token_.empty()) headers.push_back(absl::StrCat("Authorization: Bearer ", token_));
  const adapters::HttpReply r = adapters::HttpCall(
      {.url = options_.url, .post = true, .body = json, .headers = headers, .timeout = options_.timeout});
  if (r.status >= 200 && r.status < 300) return {ports::SendOutcome::kSent, ""};
  if (r.status == 0) return {ports::SendOutcome::kMaybeSent, absl::StrCat("whatsapp: no answer: ", r.error)};
  const std::string error = absl::StrCat("whatsapp: HTTP ", r.status, ": ", r.body.substr(0, 200));
  if (r.status >= 400 && r.status < 500 && r.status != 408 && r.status != 429) {
    return {ports::SendOutcome::kRefused, error};
  }
  return {ports::SendOutcome::kRetry, error};
}

}  // namespace discipline::notify
