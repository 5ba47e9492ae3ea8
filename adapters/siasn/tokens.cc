#include "adapters/siasn/tokens.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "adapters/common/http_client.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"

namespace discipline::siasn {
namespace {

namespace gp = google::protobuf;

std::string StringField(const gp::Struct& s, const char* key) {
  auto it = s.fields().find(key);
  if (it == s.fields().end()) return "";
  if (it->second.has_string_value()) return it->second.string_value();
  return "";
}

// The token service's own words: its error text, else the start of the
// body. Never a header: the secrets stay out of errors.
std::string Message(const adapters::HttpReply& r) {
  gp::Struct s;
  if (gp::util::JsonStringToMessage(r.body, &s).ok()) {
    for (const char* key : {"message", "error_description", "error"}) {
      if (std::string m = StringField(s, key); !m.empty()) return m.substr(0, 500);
    }
  }
  return r.body.substr(0, 200);
}

}  // namespace

absl::StatusOr<Tokens::Cached> Tokens::Grant(const std::string& url, const std::string& form,
                                             const std::string& basic_auth, const char* what) {
  const adapters::HttpReply r =
      adapters::HttpCall({.url = url,
                          .post = true,
                          .body = form,
                          .headers = {"Content-Type: application/x-www-form-urlencoded", "Accept: application/json"},
                          .basic_auth = basic_auth,
                          .timeout = options_.timeout});
  if (r.status == 0) return absl::UnavailableError(absl::StrCat("siasn ", what, " token: ", r.error));
  if (r.status != 200) {
    return absl::UnavailableError(absl::StrCat("siasn ", what, " token: HTTP ", r.status, ": ", Message(r)));
  }
  gp::Struct s;
  Cached c;
  if (!gp::util::JsonStringToMessage(r.body, &s).ok() || (c.token = StringField(s, "access_token")).empty()) {
    return absl::UnavailableError(absl::StrCat("siasn ", what, " token: the answer has no access_token"));
  }
  int64_t expires_in = 3600;
  if (auto it = s.fields().find("expires_in"); it != s.fields().end() && it->second.has_number_value()) {
    expires_in = static_cast<int64_t>(it->second.number_value());
  }
  // Fetched again a minute before it expires (or at half its life when
  // that is shorter), so that no call goes out with an expired token.
  c.expires = absl::Now() + absl::Seconds(std::max<int64_t>(expires_in - std::min<int64_t>(60, expires_in / 2), 1));
  return c;
}

absl::StatusOr<std::vector<std::string>> Tokens::Headers() {
  std::lock_guard<std::mutex> lock(mu_);
  const absl::Time now = absl::Now();
  if (api_token_.token.empty() || now >= api_token_.expires) {
    absl::StatusOr<Cached> t = Grant(options_.token_url, "grant_type=client_credentials",
                                     absl::StrCat(options_.client_id, ":", options_.client_secret), "API manager");
    if (!t.ok()) return t.status();
    api_token_ = *t;
  }
  if (!options_.sso_token_url.empty()) {
    if (sso_token_.token.empty() || now >= sso_token_.expires) {
      const std::string form =
          absl::StrCat("grant_type=password&client_id=", adapters::UrlEncode(options_.sso_client_id),
                       "&username=", adapters::UrlEncode(options_.sso_username),
                       "&password=", adapters::UrlEncode(options_.sso_password));
      absl::StatusOr<Cached> t = Grant(options_.sso_token_url, form, "", "SSO");
      if (!t.ok()) return t.status();
      sso_token_ = *t;
    }
  } else if (!options_.sso_token_file.empty()) {
    // The agency's token, read on every call: it replaces the file when it
    // renews the token.
    std::ifstream in(options_.sso_token_file);
    std::stringstream text;
    text << in.rdbuf();
    sso_token_.token = std::string(absl::StripAsciiWhitespace(text.str()));
    if (sso_token_.token.empty()) {
      return absl::UnavailableError(
          absl::StrCat("siasn SSO token: ", options_.sso_token_file, " is empty or unreadable"));
    }
  } else {
    return absl::UnavailableError("siasn SSO token: neither sso_token_url nor sso_token_file is configured");
  }
  return std::vector<std::string>{absl::StrCat("Authorization: Bearer ", api_token_.token),
                                  absl::StrCat("Auth: bearer ", sso_token_.token), "Accept: application/json"};
}

void Tokens::Drop() {
  std::lock_guard<std::mutex> lock(mu_);
  api_token_ = {};
  sso_token_ = {};
}

}  // namespace discipline::siasn
