#ifndef DISCIPLINE_ADAPTERS_MARIADB_OPERATIONAL_STATS_STORE_H_
#define DISCIPLINE_ADAPTERS_MARIADB_OPERATIONAL_STATS_STORE_H_

// OperationalStats over MariaDB: two aggregate queries on indexed columns
// (the outbox's state, the cases' agency and earliest open deadline), on a
// connection of its own so that a scrape never waits for the case pool.

#include <memory>
#include <vector>

#include "adapters/mariadb/case_store.h"
#include "adapters/mariadb/connection.h"
#include "service/ports/operational_stats.h"

namespace discipline::mariadb {

class Pool;

class OperationalStatsStore final : public ports::OperationalStats {
 public:
  // `cases` (not owned, outlives this) reports its pools.
  OperationalStatsStore(const ConnectionOptions& options, const CaseStore& cases);
  ~OperationalStatsStore() override;
  absl::StatusOr<ports::OperationalSnapshot> Snapshot(absl::CivilDay today) override;
  std::vector<ports::PoolUse> Pools() override;

 private:
  std::unique_ptr<Pool> pool_;
  const CaseStore& cases_;
};

}  // namespace discipline::mariadb

#endif  // DISCIPLINE_ADAPTERS_MARIADB_OPERATIONAL_STATS_STORE_H_
