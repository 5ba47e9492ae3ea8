#ifndef DISCIPLINE_SERVICE_PORTS_OPERATIONAL_STATS_H_
#define DISCIPLINE_SERVICE_PORTS_OPERATIONAL_STATS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace discipline::ports {

// One agency's open work.
struct AgencyLoad {
  std::string agency_code;
  // Cases with at least one open deadline.
  int64_t cases_with_open_deadline = 0;
  // Cases whose earliest open deadline is before `today`.
  int64_t overdue_cases = 0;
};

// Connections of one database pool.
struct PoolUse {
  std::string pool;  // "cases", "filings"
  int in_use = 0;
  int open = 0;
  int size = 0;
};

struct OperationalSnapshot {
  // SIASN records waiting to be sent (pending).
  int64_t outbox_pending = 0;
  // How long the oldest pending record has waited since it entered the
  // outbox; none when nothing is pending.
  std::optional<absl::Duration> outbox_oldest_age;
  std::vector<AgencyLoad> agencies;
  std::vector<PoolUse> pools;
};

// The service's operational figures, for GET /metrics. Each call reads them
// afresh with a few aggregate queries on indexed columns; the caller caches.
// Thread-safe. UNAVAILABLE when the database does not answer.
class OperationalStats {
 public:
  virtual ~OperationalStats() = default;
  virtual absl::StatusOr<OperationalSnapshot> Snapshot(absl::CivilDay today) = 0;
  // The pools only: no query, never fails.
  virtual std::vector<PoolUse> Pools() = 0;
};

}  // namespace discipline::ports

#endif  // DISCIPLINE_SERVICE_PORTS_OPERATIONAL_STATS_H_
