#ifndef DISCIPLINE_ADAPTERS_IDENTITY_JWT_H_
#define DISCIPLINE_ADAPTERS_IDENTITY_JWT_H_

// JSON Web Tokens as the intranet's single sign-on issues them (OpenID
// Connect, Keycloak-style): RS256 or ES256 signatures verified with OpenSSL
// against the issuer's JWKS; header and claims read with protobuf's JSON
// mapping (google.protobuf.Struct); base64url with Abseil. No other
// algorithm is accepted: "none", every HMAC algorithm and a key of another
// type than the algorithm's are refused.
//
// Also the issuer side, for the demo issuer, the operators' CLI and the
// tests: signing a token with a PEM private key, and the JWKS of its public
// key. The same code verifies in production and in the tests.

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "google/protobuf/struct.pb.h"

namespace discipline::identity {

// A public key of a JWKS, ready for verification. Owns an EVP_PKEY.
class PublicKey {
 public:
  ~PublicKey();
  PublicKey(const PublicKey&) = delete;
  PublicKey& operator=(const PublicKey&) = delete;
  const std::string& kid() const { return kid_; }
  // "RS256" for an RSA key, "ES256" for a P-256 key.
  const std::string& alg() const { return alg_; }
  // Verifies `signature` (JWS form: raw r||s for ES256) over `signed_part`.
  bool Verify(absl::string_view signed_part, absl::string_view signature) const;

 private:
  friend absl::StatusOr<std::vector<std::shared_ptr<PublicKey>>> ParseJwks(absl::string_view json);
  PublicKey(void* pkey, std::string kid, std::string alg) : pkey_(pkey), kid_(std::move(kid)), alg_(std::move(alg)) {}
  void* pkey_;  // EVP_PKEY*
  std::string kid_;
  std::string alg_;
};

// The keys of a JWKS document ({"keys": [...]}); keys of other types or
// curves are skipped. INVALID_ARGUMENT when the document does not parse or
// holds no usable key.
absl::StatusOr<std::vector<std::shared_ptr<PublicKey>>> ParseJwks(absl::string_view json);

// A token split and decoded, not yet verified.
struct DecodedJwt {
  std::string alg;
  std::string kid;
  google::protobuf::Struct claims;
  std::string signed_part;  // header.payload, as sent
  std::string signature;    // decoded
};

// Splits and decodes a compact JWS. UNAUTHENTICATED when it is not one.
absl::StatusOr<DecodedJwt> DecodeJwt(absl::string_view token);

// The issuer side: a PEM (PKCS#8) private key, RSA or P-256.
class SigningKey {
 public:
  // INVALID_ARGUMENT when the PEM does not hold an RSA or P-256 private key.
  static absl::StatusOr<std::unique_ptr<SigningKey>> FromPem(absl::string_view pem, std::string kid);
  // A new key (for tests): "RS256" (2048-bit RSA) or "ES256".
  static absl::StatusOr<std::unique_ptr<SigningKey>> Generate(absl::string_view alg, std::string kid);
  ~SigningKey();
  const std::string& kid() const { return kid_; }
  const std::string& alg() const { return alg_; }
  // The private key as PKCS#8 PEM.
  std::string PrivatePem() const;
  // {"keys":[<this key's public JWK>]}
  std::string Jwks() const;
  // A compact JWS of `claims` with header {"alg","typ":"JWT","kid"}.
  // `header_alg` overrides the header's alg (tests of refusals).
  std::string Sign(const google::protobuf::Struct& claims, absl::string_view header_alg = {}) const;

 private:
  SigningKey(void* pkey, std::string kid, std::string alg) : pkey_(pkey), kid_(std::move(kid)), alg_(std::move(alg)) {}
  void* pkey_;  // EVP_PKEY*
  std::string kid_;
  std::string alg_;
};

// base64url without padding (RFC 7515).
std::string Base64Url(absl::string_view bytes);

// Claims helpers for the issuer side.
struct DemoClaims {
  std::string issuer;
  std::string audience;
  std::string nip;
  std::string name;
  std::string agency_code;
  std::vector<std::string> roles;
  absl::Time issued_at;
  absl::Duration lifetime = absl::Hours(8);
  std::string jti;
};
google::protobuf::Struct ClaimsOf(const DemoClaims& c);

}  // namespace discipline::identity

#endif  // DISCIPLINE_ADAPTERS_IDENTITY_JWT_H_
