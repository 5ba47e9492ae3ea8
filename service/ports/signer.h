#ifndef DISCIPLINE_SERVICE_PORTS_SIGNER_H_
#define DISCIPLINE_SERVICE_PORTS_SIGNER_H_

// The agency's electronic signature (BSrE): a PDF in, the same PDF signed by
// the official out.

#include <string>

#include "absl/status/statusor.h"

namespace discipline::ports {

// The signer's credentials. They pass through: never stored, logged, put in
// an audit payload, an idempotency record or an error text. Exactly one of
// passphrase and totp is set.
struct SignCredentials {
  std::string nik;
  std::string passphrase;
  std::string totp;
};

// Thread safety: implementations are safe to use from many threads.
// Errors: FAILED_PRECONDITION with a Bahasa Indonesia message (errors.h) when
// the signature service refuses (a wrong passphrase, a NIK without a
// certificate); UNAVAILABLE when it cannot be reached, times out or fails.
// A signing call that may have reached the service is reported, never
// repeated.
class Signer {
 public:
  virtual ~Signer() = default;
  virtual absl::StatusOr<std::string> SignPdf(const std::string& pdf, const SignCredentials& credentials) = 0;
};

}  // namespace discipline::ports

#endif  // DISCIPLINE_SERVICE_PORTS_SIGNER_H_
