#ifndef DISCIPLINE_ADAPTERS_IDENTITY_DEMO_ISSUER_H_
#define DISCIPLINE_ADAPTERS_IDENTITY_DEMO_ISSUER_H_

// The demo issuer of the API contract, for deploy/run.sh, the tests and the
// operators' CLI: under a directory (var/identity/),
//   demo-issuer.key        PKCS#8 PEM private key (ES256), mode 0600
//   demo-issuer.json       {"issuer","audience","kid","alg"}
//   demo-issuer.jwks.json  the JWKS the server is configured to trust
// Its tokens are verified by the same code as a production issuer's.

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "adapters/identity/jwt.h"

namespace discipline::identity {

class DemoIssuer {
 public:
  // Loads the issuer of `dir`, creating it first when it does not exist.
  static absl::StatusOr<std::unique_ptr<DemoIssuer>> OpenOrCreate(const std::string& dir);
  // Loads it; NOT_FOUND when `dir` has none.
  static absl::StatusOr<std::unique_ptr<DemoIssuer>> Open(const std::string& dir);

  const std::string& issuer() const { return issuer_; }
  const std::string& audience() const { return audience_; }
  std::string jwks_file() const { return dir_ + "/demo-issuer.jwks.json"; }
  const SigningKey& key() const { return *key_; }

  // A token for `nip` (empty for the PPK's office) of `agency` with `roles`.
  std::string Mint(const std::string& nip, const std::string& name, const std::string& agency,
                   const std::vector<std::string>& roles, absl::Duration lifetime = absl::Hours(8),
                   absl::Time now = absl::Now()) const;
  // The claims Mint would sign, to alter them in tests of refusals.
  DemoClaims Claims(const std::string& nip, const std::string& name, const std::string& agency,
                    const std::vector<std::string>& roles, absl::Duration lifetime, absl::Time now) const;

 private:
  DemoIssuer() = default;
  std::string dir_;
  std::string issuer_;
  std::string audience_;
  std::unique_ptr<SigningKey> key_;
};

}  // namespace discipline::identity

#endif  // DISCIPLINE_ADAPTERS_IDENTITY_DEMO_ISSUER_H_
