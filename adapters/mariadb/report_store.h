#ifndef DISCIPLINE_ADAPTERS_MARIADB_REPORT_STORE_H_
#define DISCIPLINE_ADAPTERS_MARIADB_REPORT_STORE_H_

// ReportRepository on MariaDB: GROUP BY over the report columns of the cases
// table (migration 0008), which every change of a case writes in its own
// transaction, answered from the covering indexes. Thread-safe; the pool is
// shared with the other ports (not owned).

#include <vector>

#include "service/ports/report_repository.h"

namespace discipline::mariadb {

class Pool;

class ReportStore final : public ports::ReportRepository {
 public:
  explicit ReportStore(Pool& pool) : pool_(pool) {}
  absl::StatusOr<std::vector<domain::FollowUpTally>> FollowUps(const ports::FollowUpQuery& q) override;
  absl::StatusOr<std::vector<domain::PunishmentTally>> Punishments(const ports::PunishmentQuery& q) override;
  // ix_cases_rejected_proven (migration 0025), index only.
  absl::StatusOr<std::vector<domain::ProvenRejectionTally>> ProvenRejections(const ports::PunishmentQuery& q) override;

 private:
  Pool& pool_;
};

}  // namespace discipline::mariadb

#endif  // DISCIPLINE_ADAPTERS_MARIADB_REPORT_STORE_H_
