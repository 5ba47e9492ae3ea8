#ifndef DISCIPLINE_SERVICE_CODEC_STORED_CASE_CODEC_H_
#define DISCIPLINE_SERVICE_CODEC_STORED_CASE_CODEC_H_

// Domain case ⇄ asn.discipline.internal.v1.StoredCase: the one home of the
// case's stored form (the case store's case_proto and first responses).
// What is computed when a case is read (the punishment in force, its end,
// the working days left, the SIASN delivery) is not stored; the API's view
// of a case is case_codec.h's ToProto.

#include <string>

#include "absl/status/statusor.h"
#include "asn/discipline/internal/v1/stored_case.pb.h"
#include "service/domain/case.h"

namespace discipline::codec {

namespace stored = ::asn::discipline::internal::v1;

void ToStored(const domain::Case& c, stored::StoredCase* out);
// INVALID_ARGUMENT naming the field for a stored case whose dates do not
// decode.
absl::StatusOr<domain::Case> FromStored(const stored::StoredCase& s);

// The stored bytes (deterministic serialization: the same case, the same
// bytes, for the audit chain's digest) and back. A row written as a
// serialized v1.Case, before StoredCase, parses unchanged. DATA_LOSS for
// bytes that do not parse.
std::string SerializeStoredCase(const domain::Case& c);
absl::StatusOr<domain::Case> ParseStoredCase(const std::string& bytes);

}  // namespace discipline::codec

#endif  // DISCIPLINE_SERVICE_CODEC_STORED_CASE_CODEC_H_
