#include "service/app/report_use_cases.h"

#include "absl/strings/str_cat.h"
#include "service/app/case_use_cases.h"
#include "service/app/request_limits.h"
#include "service/common/errors.h"
#include "service/common/status_macros.h"

namespace discipline::app {

absl::StatusOr<std::string> ReportUseCases::Scope(const domain::Caller& caller, std::string agency_code) const {
  RETURN_IF_ERROR(CheckText(agency_code, kMaxAgencyCodeBytes, "agency_code"));
  RETURN_IF_ERROR(domain::Authorize(caller, domain::Action::kReports, nullptr, policy_, agency_code));
  return domain::SeesEveryAgency(caller, domain::Action::kReports, policy_) ? agency_code : caller.agency_code;
}

absl::Status ReportUseCases::Resolve(const ReportPeriod& period, absl::CivilDay& from, absl::CivilDay& to) const {
  to = period.to.value_or(JakartaDay(clock_.Now()));
  from = period.from.value_or(to - 365);
  if (from > to) return InvalidField("from", "is after to");
  if (to - from > kMaxPeriodDays) {
    return InvalidField("from", absl::StrCat("the period is at most ", kMaxPeriodDays, " days; split the report"));
  }
  return absl::OkStatus();
}

absl::StatusOr<FollowThroughAnswer> ReportUseCases::FollowThrough(const domain::Caller& caller, std::string agency_code,
                                                                  const ReportPeriod& period,
                                                                  domain::NeutralityAspect aspect) {
  ports::FollowUpQuery q;
  ASSIGN_OR_RETURN(q.agency_code, Scope(caller, std::move(agency_code)));
  RETURN_IF_ERROR(Resolve(period, q.from, q.to));
  q.as_of = JakartaDay(clock_.Now());
  q.aspect = aspect;
  ASSIGN_OR_RETURN(auto tallies, store_.FollowUps(q));
  return FollowThroughAnswer{domain::BuildFollowThrough(tallies), q.from, q.to, q.as_of};
}

absl::StatusOr<ConsistencyAnswer> ReportUseCases::Consistency(const domain::Caller& caller, std::string agency_code,
                                                              const std::string& provision_id,
                                                              const ReportPeriod& period,
                                                              domain::NeutralityAspect aspect) {
  ASSIGN_OR_RETURN(const std::string agency, Scope(caller, std::move(agency_code)));
  RETURN_IF_ERROR(CheckText(provision_id, 32, "provision_id"));
  ports::PunishmentQuery q;
  q.provision_id = provision_id;
  RETURN_IF_ERROR(Resolve(period, q.from, q.to));
  q.aspect = aspect;
  // The national pattern is the whole country's, whoever asks.
  ASSIGN_OR_RETURN(auto tallies, store_.Punishments(q));
  ConsistencyAnswer answer{domain::BuildConsistency(tallies, kMinCasesCompared, agency), q.from, q.to};
  // Reference §2.5a (≈ PP 94/2021 Pasal 24): rejections of proven findings
  // are flagged, the caller's agency's only when the report is scoped.
  ASSIGN_OR_RETURN(auto rejections, store_.ProvenRejections(q));
  for (domain::ProvenRejectionTally& t : rejections) {
    if (agency.empty() || t.agency_code == agency) answer.report.proven_rejections.push_back(std::move(t));
  }
  return answer;
}

}  // namespace discipline::app
