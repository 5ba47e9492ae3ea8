#ifndef DISCIPLINE_SERVICE_GRPC_AUTH_H_
#define DISCIPLINE_SERVICE_GRPC_AUTH_H_

// The caller of a call: the bearer token of its `authorization` metadata,
// verified by the TokenVerifier port. UNAUTHENTICATED without a valid token.
// What the caller may do is decided by the use cases (domain/access.h).

#include <grpcpp/server_context.h>

#include "absl/status/statusor.h"
#include "service/domain/access.h"
#include "service/ports/token_verifier.h"

namespace discipline::grpc_api {

class Authenticator {
 public:
  explicit Authenticator(ports::TokenVerifier& verifier) : verifier_(verifier) {}
  absl::StatusOr<domain::Caller> Authenticate(const grpc::ServerContextBase& ctx) const;

 private:
  ports::TokenVerifier& verifier_;
};

}  // namespace discipline::grpc_api

#endif  // DISCIPLINE_SERVICE_GRPC_AUTH_H_
