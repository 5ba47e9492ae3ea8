#ifndef DISCIPLINE_SERVICE_APP_REPORT_USE_CASES_H_
#define DISCIPLINE_SERVICE_APP_REPORT_USE_CASES_H_

// ReportService's use cases: authorize (supervisor across agencies; auditor
// and PPK for their own), check the period, count through the port, build
// the report in the domain. Thread-safe.

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "service/domain/access.h"
#include "service/domain/reports.h"
#include "service/ports/clock.h"
#include "service/ports/report_repository.h"

namespace discipline::app {

struct ReportPeriod {
  // Defaults: `to` today (WIB), `from` a year before it.
  std::optional<absl::CivilDay> from, to;
};

struct FollowThroughAnswer {
  domain::FollowThroughReport report;
  absl::CivilDay from, to, as_of;
};

struct ConsistencyAnswer {
  domain::ConsistencyReport report;
  absl::CivilDay from, to;
};

class ReportUseCases {
 public:
  // An agency is compared with the national pattern from this many cases.
  static constexpr int kMinCasesCompared = 3;
  // The longest period one report covers.
  static constexpr int kMaxPeriodDays = 5 * 366;

  ReportUseCases(ports::ReportRepository& store, const ports::Clock& clock, const domain::Policy& policy)
      : store_(store), clock_(clock), policy_(policy) {}

  absl::StatusOr<FollowThroughAnswer> FollowThrough(const domain::Caller& caller, std::string agency_code,
                                                    const ReportPeriod& period, domain::NeutralityAspect aspect);
  absl::StatusOr<ConsistencyAnswer> Consistency(const domain::Caller& caller, std::string agency_code,
                                                const std::string& provision_id, const ReportPeriod& period,
                                                domain::NeutralityAspect aspect);

 private:
  // The agency the report is limited to: the caller's own unless it is the
  // supervisor (any, or all when empty). PERMISSION_DENIED otherwise.
  absl::StatusOr<std::string> Scope(const domain::Caller& caller, std::string agency_code) const;
  absl::Status Resolve(const ReportPeriod& period, absl::CivilDay& from, absl::CivilDay& to) const;

  ports::ReportRepository& store_;
  const ports::Clock& clock_;
  const domain::Policy& policy_;
};

}  // namespace discipline::app

#endif  // DISCIPLINE_SERVICE_APP_REPORT_USE_CASES_H_
