#ifndef DISCIPLINE_SERVICE_GRPC_AUTH_H_
#define DISCIPLINE_SERVICE_GRPC_AUTH_H_

// The caller of a call: the bearer token of its `authorization` metadata,
// verified by the TokenVerifier port. UNAUTHENTICATED without a valid token.
// What the caller may do is decided by the use cases (domain/access.h).

#include <grpcpp/server_context.h>

#include "absl/status/statusor.h"
#include "service/domain/access.h"
#include "service/grpc/observability.h"
#include "service/ports/token_verifier.h"

namespace discipline::grpc_api {

class Authenticator {
 public:
  // `notes` (optional, not owned) learns each call's caller for its log line.
  explicit Authenticator(ports::TokenVerifier& verifier, CallerNotes* notes = nullptr)
      : verifier_(verifier), notes_(notes) {}
  absl::StatusOr<domain::Caller> Authenticate(const grpc::ServerContextBase& ctx) const;

 private:
  ports::TokenVerifier& verifier_;
  CallerNotes* notes_;
};

}  // namespace discipline::grpc_api

#endif  // DISCIPLINE_SERVICE_GRPC_AUTH_H_
