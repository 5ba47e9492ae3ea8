#include "service/grpc/conversions.h"

#include "absl/strings/str_cat.h"
#include "service/common/errors.h"
#include "service/domain/calendar.h"

namespace discipline::grpc_api {
namespace {

namespace pb = ::asn::discipline::v1;
namespace d = ::discipline::domain;

// The domain enums share the proto numbers: spot-check both ends of each.
static_assert(static_cast<int>(d::SanctionLevel::kBerat) == pb::SANCTION_LEVEL_BERAT);
static_assert(static_cast<int>(d::Punishment::kTeguranLisan) == pb::PUNISHMENT_TEGURAN_LISAN);
static_assert(static_cast<int>(d::Punishment::kPdhtaps) == pb::PUNISHMENT_PDHTAPS);
static_assert(static_cast<int>(d::Punishment::kPenundaanKgb1Tahun) == pb::PUNISHMENT_PENUNDAAN_KGB_1_TAHUN);
static_assert(static_cast<int>(d::Punishment::kPenundaanPangkat1Tahun) == pb::PUNISHMENT_PENUNDAAN_PANGKAT_1_TAHUN);
static_assert(static_cast<int>(d::Punishment::kPenurunanPangkat1Tahun) == pb::PUNISHMENT_PENURUNAN_PANGKAT_1_TAHUN);
static_assert(static_cast<int>(d::kLastPunishment) == pb::Punishment_MAX);
static_assert(static_cast<int>(d::Impact::kNegara) == pb::IMPACT_NEGARA);
static_assert(static_cast<int>(d::PositionKind::kFungsionalKeterampilan) == pb::POSITION_KIND_FUNGSIONAL_KETERAMPILAN);
static_assert(static_cast<int>(d::Environment::kPerwakilanLuarNegeri) == pb::ENVIRONMENT_PERWAKILAN_LUAR_NEGERI);
static_assert(static_cast<int>(d::AuthorityRole::kPejabatFungsionalDitunjuk) ==
              pb::AUTHORITY_ROLE_PEJABAT_FUNGSIONAL_DITUNJUK);
static_assert(static_cast<int>(d::Remedy::kBandingAdministratif) == pb::REMEDY_BANDING_ADMINISTRATIF);
static_assert(static_cast<int>(d::Track::kDismissal) == pb::TRACK_DISMISSAL);
static_assert(static_cast<int>(d::CandidateStatus::kCalon) == pb::CANDIDATE_STATUS_CALON);
static_assert(static_cast<int>(d::ExaminationTeam::kNotRequired) == pb::EXAMINATION_TEAM_NOT_REQUIRED);

// Open proto3 enums may carry numbers the schema does not name.
template <typename Out>
absl::StatusOr<Out> CheckedEnum(int value, bool (*is_valid)(int), absl::string_view field) {
  if (!is_valid(value)) return InvalidField(field, absl::StrCat("unknown enum value ", value));
  return static_cast<Out>(value);
}

}  // namespace

absl::StatusOr<d::ViolationFacts> ToViolationFacts(const pb::AssessViolationRequest& r) {
  d::ViolationFacts f;
  f.provision_id = r.provision_id();
  auto impact = CheckedEnum<d::Impact>(r.impact(), pb::Impact_IsValid, "impact");
  if (!impact.ok()) return impact.status();
  f.impact = *impact;
  f.absence_days = r.absence_days();
  f.consecutive_absence_days = r.consecutive_absence_days();
  auto kind = CheckedEnum<d::PositionKind>(r.position_kind(), pb::PositionKind_IsValid, "position_kind");
  if (!kind.ok()) return kind.status();
  f.position_kind = *kind;
  auto env = CheckedEnum<d::Environment>(r.environment(), pb::Environment_IsValid, "environment");
  if (!env.ok()) return env.status();
  f.environment = *env;
  auto prior = CheckedEnum<d::Punishment>(r.prior_punishment(), pb::Punishment_IsValid, "prior_punishment");
  if (!prior.ok()) return prior.status();
  f.prior_punishment = *prior;
  auto status = CheckedEnum<d::CandidateStatus>(r.candidate_status(), pb::CandidateStatus_IsValid, "candidate_status");
  if (!status.ok()) return status.status();
  f.candidate_status = *status;
  f.employee_is_ppk = r.employee_is_ppk();
  auto type = CheckedEnum<d::EmployeeType>(r.employee_type(), pb::EmployeeType_IsValid, "employee_type");
  if (!type.ok()) return type.status();
  f.employee_type = *type;
  if (!r.on_date().empty()) {
    auto day = d::ParseIsoDate(r.on_date(), "on_date");
    if (!day.ok()) return day.status();
    f.on_date = *day;
  }
  return f;
}

}  // namespace discipline::grpc_api
