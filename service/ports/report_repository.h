#ifndef DISCIPLINE_SERVICE_PORTS_REPORT_REPOSITORY_H_
#define DISCIPLINE_SERVICE_PORTS_REPORT_REPOSITORY_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "service/domain/reports.h"

namespace discipline::ports {

struct FollowUpQuery {
  std::string agency_code;  // empty: every agency
  absl::CivilDay from, to;  // received_on, both counted
  absl::CivilDay as_of;     // a follow-up is past due when its due day is before this
  domain::NeutralityAspect aspect = domain::NeutralityAspect::kUnspecified;
};

struct PunishmentQuery {
  std::string provision_id;  // empty: every provision
  absl::CivilDay from, to;   // the decision's day, both counted
  domain::NeutralityAspect aspect = domain::NeutralityAspect::kUnspecified;
};

// The counts the reports are built from, grouped by the store (from columns
// kept in the same transaction as each case change).
// Thread safety: any thread. Errors: UNAVAILABLE when the database is down.
class ReportRepository {
 public:
  virtual ~ReportRepository() = default;
  virtual absl::StatusOr<std::vector<domain::FollowUpTally>> FollowUps(const FollowUpQuery& q) = 0;
  // Every agency's tallies (the national pattern needs them all).
  virtual absl::StatusOr<std::vector<domain::PunishmentTally>> Punishments(const PunishmentQuery& q) = 0;
  // The decisions from q.from to q.to (both counted) that rejected proven
  // findings (domain::Decision::rejected_proven_findings), by agency; every
  // agency's, of any provision (q.provision_id is not applied).
  virtual absl::StatusOr<std::vector<domain::ProvenRejectionTally>> ProvenRejections(const PunishmentQuery& q) = 0;
};

}  // namespace discipline::ports

#endif  // DISCIPLINE_SERVICE_PORTS_REPORT_REPOSITORY_H_
