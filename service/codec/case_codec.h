#ifndef DISCIPLINE_SERVICE_CODEC_CASE_CODEC_H_
#define DISCIPLINE_SERVICE_CODEC_CASE_CODEC_H_

// Domain values ⇄ asn.discipline.v1 messages, for the gRPC handlers (requests
// and responses). A case is stored as asn.discipline.internal.v1.StoredCase
// (stored_case_codec.h), not as the API's Case. The domain enums share the
// proto numbers.

#include "absl/status/statusor.h"
#include "asn/discipline/v1/cases.pb.h"
#include "asn/discipline/v1/rules.pb.h"
#include "service/domain/case.h"
#include "service/domain/discipline_status.h"
#include "service/domain/rules_engine.h"
#include "service/domain/siasn.h"

namespace discipline::codec {

namespace pb = ::asn::discipline::v1;

void ToProto(const domain::Assessment& a, pb::Assessment* out);
void ToProto(const domain::ProvisionSummary& p, pb::Provision* out);
void ToProto(const domain::EmployeeSnapshot& e, pb::EmployeeSnapshot* out);
domain::Official FromProto(const pb::Official& o);
// The API's view of a case (the one home of domain Case → v1.Case): the
// stored fields and what is computed from them (the punishment in force and
// its end). The gRPC edge adds what is read with the case (the working days
// left to each deadline, the SIASN delivery). The stored form is
// stored_case_codec.h's, never this message.
void ToProto(const domain::Case& c, pb::Case* out);

// An alleged or examined violation from the request; INVALID_ARGUMENT naming
// `field` (e.g. "allegations[2].occurred_on").
absl::StatusOr<domain::ViolationRecord> FromProto(const pb::Allegation& a, const std::string& field);
void ToProto(const domain::ExternalRecommendation& r, pb::ExternalRecommendation* out);
void ToProto(const domain::SiasnHukdis& h, pb::SiasnHukdis* out);
// SIASN's hukdis/save body: the JSON mapping of SiasnHukdis (SIASN's field
// names, every field present).
std::string SiasnPayloadJson(const domain::SiasnHukdis& h);
// Checks the enums and parses issued_on; `field` names the message
// ("recommendation"). follow_up_due_on is the caller's.
absl::StatusOr<domain::ExternalRecommendation> FromProto(const pb::ExternalRecommendation& r, const std::string& field);
absl::StatusOr<domain::ViolationRecord> FromProto(const pb::Finding& f, const std::string& field);

// An employee's discipline status (GetDisciplineStatus).
void ToProto(const domain::DisciplineStatus& s, pb::DisciplineStatus* out);
// A prior punishment (AddPriorPunishment, and as stored on a case):
// INVALID_ARGUMENT naming `field` ("prior.decided_on") for a bad enum or date.
void ToProto(const domain::PriorPunishment& p, pb::PriorPunishment* out);
absl::StatusOr<domain::PriorPunishment> FromProto(const pb::PriorPunishment& p, const std::string& field);

// An optional ISO date ("" → nullopt).
absl::StatusOr<std::optional<absl::CivilDay>> OptionalDate(const std::string& text, const std::string& field);

}  // namespace discipline::codec

#endif  // DISCIPLINE_SERVICE_CODEC_CASE_CODEC_H_
