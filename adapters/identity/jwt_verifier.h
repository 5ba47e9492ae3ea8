#ifndef DISCIPLINE_ADAPTERS_IDENTITY_JWT_VERIFIER_H_
#define DISCIPLINE_ADAPTERS_IDENTITY_JWT_VERIFIER_H_

// TokenVerifier for the intranet's OpenID Connect tokens (jwt.h): the keys
// come from a JWKS file or the issuer's jwks_uri (libcurl), cached and
// fetched again, at most once per refetch interval, when a token names an
// unknown kid. Checks: the algorithm (RS256, ES256) and that the key is of
// its type, the signature, iss, aud, exp and nbf with at most 60 s of skew,
// and the token's size. A verified token is cached by its SHA-256 until it
// expires, so a busy caller pays for one signature check.

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "adapters/identity/jwt.h"
#include "service/ports/clock.h"
#include "service/ports/token_verifier.h"

namespace discipline::identity {

struct VerifierOptions {
  std::string issuer;    // must equal the token's iss
  std::string audience;  // must be the token's aud, or one of them
  // Keycloak: this service's client id in the realm (default: audience).
  // Its client roles (resource_access.<client_id>.roles), when the token
  // carries any, are the caller's roles and realm roles are then ignored; a
  // token's azp (the client it was issued to), when present, must be this
  // client or one of authorized_parties (the intranet's portal).
  std::string client_id;
  std::vector<std::string> authorized_parties;
  // Exactly one of these: a JWKS document on disk, the issuer's jwks_uri,
  // or OpenID discovery (the jwks_uri of the issuer's
  // /.well-known/openid-configuration, whose issuer must equal `issuer`).
  std::string jwks_file;
  std::string jwks_uri;
  bool discover = false;
  // Claim names (a dotted name is a path into nested claims). Empty: the
  // NIP from "nip", else preferred_username when it is a NIP; the agency
  // from "agency_code"; the roles from "roles" and "realm_access.roles".
  // Keycloak's client roles (above) are preferred to roles_claim's.
  std::string nip_claim;
  std::string agency_claim;
  std::string roles_claim;
  absl::Duration max_skew = absl::Seconds(60);  // at most 60 s
  size_t max_token_bytes = 8192;
  absl::Duration refetch_interval = absl::Seconds(30);
  absl::Duration fetch_timeout = absl::Seconds(5);
  size_t cache_entries = 10000;
};

class JwtVerifier final : public ports::TokenVerifier {
 public:
  // INVALID_ARGUMENT for bad options or an unreadable JWKS file; a jwks_uri
  // that does not answer yet is fetched again on the first token.
  static absl::StatusOr<std::unique_ptr<JwtVerifier>> Create(VerifierOptions options, const ports::Clock& clock);

  absl::StatusOr<domain::Caller> Verify(absl::string_view token) override;

  // How many tokens were verified by signature (not from the cache), and
  // how many JWKS fetches ran: for tests and the bench.
  int64_t signature_checks() const;
  int64_t key_fetches() const;

 private:
  JwtVerifier(VerifierOptions options, const ports::Clock& clock) : options_(std::move(options)), clock_(clock) {}
  // Loads the keys (file or URI). Serialized by fetch_mu_.
  absl::Status LoadKeys();
  std::shared_ptr<PublicKey> KeyFor(const std::string& kid, absl::Status* why);
  absl::StatusOr<domain::Caller> CheckClaims(const DecodedJwt& jwt, absl::Time* expires) const;

  const VerifierOptions options_;
  const ports::Clock& clock_;

  std::mutex fetch_mu_;              // one fetch at a time
  std::string discovered_jwks_uri_;  // guarded by fetch_mu_ (or Create)
  mutable std::mutex mu_;
  std::vector<std::shared_ptr<PublicKey>> keys_;
  absl::Time last_fetch_ = absl::InfinitePast();
  int64_t fetches_ = 0;
  int64_t checks_ = 0;
  struct Verified {
    domain::Caller caller;
    absl::Time expires;
  };
  std::map<std::string, Verified> cache_;  // by SHA-256 of the token
};

// The JWKS at `url` (http or https), within `timeout`. UNAVAILABLE when it
// cannot be fetched.
absl::StatusOr<std::string> FetchUrl(const std::string& url, absl::Duration timeout);

// OpenID Connect Discovery 1.0: GET <issuer>/.well-known/openid-configuration
// and its jwks_uri. The document's `issuer` must be `issuer` exactly
// (Discovery §4.3), and both URLs https except on loopback. UNAVAILABLE when
// the document cannot be fetched; INVALID_ARGUMENT when it is not JSON, names
// another issuer, or has no jwks_uri.
absl::StatusOr<std::string> DiscoverJwksUri(const std::string& issuer, absl::Duration timeout);

}  // namespace discipline::identity

#endif  // DISCIPLINE_ADAPTERS_IDENTITY_JWT_VERIFIER_H_
