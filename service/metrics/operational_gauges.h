#ifndef DISCIPLINE_SERVICE_METRICS_OPERATIONAL_GAUGES_H_
#define DISCIPLINE_SERVICE_METRICS_OPERATIONAL_GAUGES_H_

// The gauges of GET /metrics that the database knows: the SIASN outbox, the
// agencies' open deadlines and overdue cases, the connection pools. Read
// through the OperationalStats port at scrape time and kept for `ttl`, so
// that several scrapers (or a fast one) cost one set of queries per `ttl`.

#include <functional>
#include <mutex>
#include <optional>

#include "absl/time/civil_time.h"
#include "absl/time/clock.h"  // ports/clock.h's SystemClock
#include "absl/time/time.h"
#include "service/metrics/metrics.h"
#include "service/ports/clock.h"
#include "service/ports/operational_stats.h"

namespace discipline::metrics {

class OperationalGauges {
 public:
  // `today` gives the day deadlines are compared with (the agency's day).
  // Not owned; must outlive the registry's renders.
  OperationalGauges(ports::OperationalStats& stats, const ports::Clock& clock,
                    std::function<absl::CivilDay(absl::Time)> today, absl::Duration ttl = absl::Seconds(15));
  // Adds the gauge families to `registry`.
  void Register(Registry& registry);

 private:
  // The cached snapshot, refreshed when older than ttl_; none while the
  // database does not answer.
  std::optional<ports::OperationalSnapshot> Current();

  ports::OperationalStats& stats_;
  const ports::Clock& clock_;
  std::function<absl::CivilDay(absl::Time)> today_;
  const absl::Duration ttl_;
  std::mutex mu_;
  absl::Time read_at_ = absl::InfinitePast();
  std::optional<ports::OperationalSnapshot> cached_;
};

}  // namespace discipline::metrics

#endif  // DISCIPLINE_SERVICE_METRICS_OPERATIONAL_GAUGES_H_
