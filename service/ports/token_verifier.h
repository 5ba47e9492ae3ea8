#ifndef DISCIPLINE_SERVICE_PORTS_TOKEN_VERIFIER_H_
#define DISCIPLINE_SERVICE_PORTS_TOKEN_VERIFIER_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "service/domain/access.h"

namespace discipline::ports {

// Bearer token in, verified Caller out.
//
// Thread safety: safe to call from many threads.
// Errors: UNAUTHENTICATED for any token that is not a valid, current token of
// the configured issuer for this service (the message says why, without
// echoing the token); UNAVAILABLE when the issuer's keys cannot be fetched
// and none are cached.
class TokenVerifier {
 public:
  virtual ~TokenVerifier() = default;
  virtual absl::StatusOr<domain::Caller> Verify(absl::string_view token) = 0;
};

}  // namespace discipline::ports

#endif  // DISCIPLINE_SERVICE_PORTS_TOKEN_VERIFIER_H_
