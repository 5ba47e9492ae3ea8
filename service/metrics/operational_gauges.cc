#include "service/metrics/operational_gauges.h"

#include <utility>

namespace discipline::metrics {

OperationalGauges::OperationalGauges(ports::OperationalStats& stats, const ports::Clock& clock,
                                     std::function<absl::CivilDay(absl::Time)> today, absl::Duration ttl)
    : stats_(stats), clock_(clock), today_(std::move(today)), ttl_(ttl) {}

std::optional<ports::OperationalSnapshot> OperationalGauges::Current() {
  std::lock_guard<std::mutex> lock(mu_);
  const absl::Time now = clock_.Now();
  if (now - read_at_ >= ttl_) {
    auto read = stats_.Snapshot(today_(now));
    read_at_ = now;
    if (read.ok()) {
      cached_ = *std::move(read);
    } else {
      cached_.reset();
    }
  }
  return cached_;
}

// One piece: the list of the gauges, each a name, its help and one lambda.
void OperationalGauges::Register(Registry& registry) {
  registry.AddGauge("discipline_operational_stats_up",
                    "1 when the last read of the database's operational figures succeeded (cached for a few seconds)",
                    {}, [this] {
                      return std::vector<GaugeSample>{{{}, Current().has_value() ? 1.0 : 0.0}};
                    });
  registry.AddGauge("discipline_siasn_outbox_pending", "SIASN hukdis records waiting in the outbox", {}, [this] {
    auto s = Current();
    if (!s) return std::vector<GaugeSample>{};
    return std::vector<GaugeSample>{{{}, static_cast<double>(s->outbox_pending)}};
  });
  registry.AddGauge("discipline_siasn_outbox_oldest_age_seconds",
                    "Seconds the oldest pending SIASN record has waited since it entered the outbox (0: none pending)",
                    {}, [this] {
                      auto s = Current();
                      if (!s) return std::vector<GaugeSample>{};
                      const double age = s->outbox_oldest_age ? absl::ToDoubleSeconds(*s->outbox_oldest_age) : 0;
                      return std::vector<GaugeSample>{{{}, age}};
                    });
  registry.AddGauge("discipline_open_deadline_cases", "Cases with at least one open deadline, per agency", {"agency"},
                    [this] {
                      std::vector<GaugeSample> out;
                      if (auto s = Current()) {
                        for (const auto& a : s->agencies) {
                          out.push_back({{a.agency_code}, static_cast<double>(a.cases_with_open_deadline)});
                        }
                      }
                      return out;
                    });
  registry.AddGauge("discipline_overdue_cases", "Cases past their earliest open deadline, per agency", {"agency"},
                    [this] {
                      std::vector<GaugeSample> out;
                      if (auto s = Current()) {
                        for (const auto& a : s->agencies) {
                          out.push_back({{a.agency_code}, static_cast<double>(a.overdue_cases)});
                        }
                      }
                      return out;
                    });
  // The pools are read at every scrape: no query, only counters.
  registry.AddGauge("discipline_db_pool_connections_in_use", "Database connections lent out now, per pool", {"pool"},
                    [this] {
                      std::vector<GaugeSample> out;
                      for (const auto& p : stats_.Pools()) out.push_back({{p.pool}, static_cast<double>(p.in_use)});
                      return out;
                    });
  registry.AddGauge("discipline_db_pool_connections_open", "Database connections open (lent or idle), per pool",
                    {"pool"}, [this] {
                      std::vector<GaugeSample> out;
                      for (const auto& p : stats_.Pools()) out.push_back({{p.pool}, static_cast<double>(p.open)});
                      return out;
                    });
  registry.AddGauge("discipline_db_pool_size", "Database connections a pool opens at most", {"pool"}, [this] {
    std::vector<GaugeSample> out;
    for (const auto& p : stats_.Pools()) out.push_back({{p.pool}, static_cast<double>(p.size)});
    return out;
  });
}

}  // namespace discipline::metrics
