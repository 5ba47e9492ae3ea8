#include "service/grpc/auth.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "service/common/errors.h"

namespace discipline::grpc_api {

absl::StatusOr<domain::Caller> Authenticator::Authenticate(const grpc::ServerContextBase& ctx) const {
  const auto& metadata = ctx.client_metadata();
  auto it = metadata.find("authorization");
  if (it == metadata.end()) {
    return WithIndonesian(absl::UnauthenticatedError("authorization: a bearer token is required"),
                          "Permintaan tanpa token masuk (Authorization: Bearer).");
  }
  const absl::string_view value(it->second.data(), it->second.size());
  constexpr absl::string_view kScheme = "bearer ";
  if (value.size() <= kScheme.size() || !absl::StartsWithIgnoreCase(value, kScheme)) {
    return absl::UnauthenticatedError("authorization: expected \"Bearer <token>\"");
  }
  auto caller = verifier_.Verify(absl::StripLeadingAsciiWhitespace(value.substr(kScheme.size())));
  if (!caller.ok() && caller.status().code() == absl::StatusCode::kUnauthenticated) {
    return WithIndonesian(caller.status(), "Token masuk tidak sah atau sudah kedaluwarsa.");
  }
  if (caller.ok() && notes_ != nullptr) notes_->Note(&ctx, *caller);
  return caller;
}

}  // namespace discipline::grpc_api
