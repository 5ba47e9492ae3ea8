#ifndef DISCIPLINE_ADAPTERS_SIASN_TOKENS_H_
#define DISCIPLINE_ADAPTERS_SIASN_TOKENS_H_

// SIASN's two tokens, as every call needs them (the project's SIASN
// reference, "Hosts and tokens"): the API manager's token (OAuth2 client
// credentials at token_url, HTTP Basic with the consumer key and secret) and
// the operator's SSO token (a password grant at sso_token_url, or the token
// the agency supplies in sso_token_file). Both are cached and fetched again
// a minute before they expire, or after Drop() (a 401). Shared by the outbox
// sender and the SIASN personnel source. Thread-safe.

#include <mutex>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace discipline::siasn {

struct TokenOptions {
  std::string token_url;
  std::string client_id;
  std::string client_secret;
  std::string sso_token_url;
  std::string sso_client_id;
  std::string sso_username;
  std::string sso_password;
  std::string sso_token_file;
  absl::Duration timeout = absl::Seconds(10);
};

class Tokens {
 public:
  explicit Tokens(TokenOptions options) : options_(std::move(options)) {}

  // The headers of an API call (`Authorization: Bearer <API manager
  // token>`, `Auth: bearer <SSO token>`, `Accept: application/json`), the
  // tokens fetched when due. UNAVAILABLE naming the token that failed
  // (never the token or a secret).
  absl::StatusOr<std::vector<std::string>> Headers();
  // Forgets both tokens (SIASN answered 401).
  void Drop();

 private:
  struct Cached {
    std::string token;
    absl::Time expires = absl::InfinitePast();
  };
  absl::StatusOr<Cached> Grant(const std::string& url, const std::string& form, const std::string& basic_auth,
                               const char* what);

  const TokenOptions options_;
  std::mutex mu_;  // held across a token fetch: one fetch at a time
  Cached api_token_;
  Cached sso_token_;
};

}  // namespace discipline::siasn

#endif  // DISCIPLINE_ADAPTERS_SIASN_TOKENS_H_
