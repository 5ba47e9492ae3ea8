#ifndef DISCIPLINE_SERVICE_COMMON_ERRORS_H_
#define DISCIPLINE_SERVICE_COMMON_ERRORS_H_

// Status constructors that carry what the gRPC edge needs to build
// google.rpc.BadRequest and LocalizedMessage details, as absl::Status
// payloads, so the core stays free of gRPC and protobuf.

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace discipline {

// Payload type URLs (values are plain UTF-8 text).
inline constexpr absl::string_view kFieldPayload = "type.asn-discipline/field";
inline constexpr absl::string_view kMessageIdPayload = "type.asn-discipline/message-id";

// INVALID_ARGUMENT "<field>: <reason>", with the field recorded for the
// BadRequest field violation. `pesan` is the Bahasa Indonesia message shown to
// officials (optional).
absl::Status InvalidField(absl::string_view field, absl::string_view reason, absl::string_view pesan = {});

// Adds a Bahasa Indonesia message to any status.
absl::Status WithIndonesian(absl::Status status, absl::string_view pesan);

// A value quoted in a message: at most 40 bytes (cut on a UTF-8 character
// boundary), with "…" when cut, so that a huge bad value is never copied
// back to the caller.
std::string Excerpt(absl::string_view value);

// Attaches text for the operator's log (a database's own message, a path)
// that must not reach callers; the gRPC edge logs it.
absl::Status WithDetail(absl::Status status, absl::string_view detail);
std::optional<std::string> DetailOf(const absl::Status& status);

// Names an existing resource a status is about (ALREADY_EXISTS: the case
// that already answers for a violation): the gRPC edge adds it as a
// google.rpc.ResourceInfo of `resource_type` (e.g. "asn.discipline.v1.Case"),
// `resource_name` (the case_id) and `description` (the register number).
struct ResourceRef {
  std::string resource_type;
  std::string resource_name;
  std::string description;
};
absl::Status WithResource(absl::Status status, const ResourceRef& resource);
std::optional<ResourceRef> ResourceOf(const absl::Status& status);

// The field an INVALID_ARGUMENT names, if any.
std::optional<std::string> FieldOf(const absl::Status& status);
// The Bahasa Indonesia message, if any.
std::optional<std::string> IndonesianOf(const absl::Status& status);

}  // namespace discipline

#endif  // DISCIPLINE_SERVICE_COMMON_ERRORS_H_
