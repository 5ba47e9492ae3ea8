#include "adapters/mariadb/operational_stats_store.h"

#include "adapters/mariadb/pool.h"
#include "adapters/mariadb/row.h"
#include "service/common/status_macros.h"

namespace discipline::mariadb {
namespace {

// Pending records: the filter is the leading column of ix_outbox_due.
constexpr std::string_view kOutbox =
    "SELECT COUNT(*), TIMESTAMPDIFF(MICROSECOND, MIN(enqueued_at), NOW(6)) FROM siasn_outbox WHERE state = ?";
// A scan of ix_cases_agency_due (agency_code, next_due_on), which covers it.
constexpr std::string_view kAgencies =
    "SELECT agency_code, COUNT(*), SUM(next_due_on < ?) FROM cases WHERE next_due_on IS NOT NULL "
    "GROUP BY agency_code";

}  // namespace

OperationalStatsStore::OperationalStatsStore(const ConnectionOptions& options, const CaseStore& cases)
    : pool_(std::make_unique<Pool>(options, 1)), cases_(cases) {}

OperationalStatsStore::~OperationalStatsStore() = default;

absl::StatusOr<ports::OperationalSnapshot> OperationalStatsStore::Snapshot(absl::CivilDay today) {
  ports::OperationalSnapshot out;
  RETURN_IF_ERROR(pool_->Read([&](Connection& conn) -> absl::Status {
    out = {};
    ASSIGN_OR_RETURN(auto outbox, conn.Query(kOutbox, {EnumParam(ports::SiasnExportState::kPending)}));
    if (!outbox.empty()) {
      const RowReader r(outbox[0], "siasn_outbox");
      ASSIGN_OR_RETURN(out.outbox_pending, r.Int64(0));
      // NULL when nothing is pending.
      ASSIGN_OR_RETURN(const std::optional<int64_t> oldest, r.OptionalInt64(1));
      if (oldest.has_value()) out.outbox_oldest_age = absl::Microseconds(*oldest);
    }
    ASSIGN_OR_RETURN(auto agencies, conn.Query(kAgencies, {DayParam(today)}));
    for (const auto& row : agencies) {
      const RowReader r(row, "cases");
      ports::AgencyLoad a;
      ASSIGN_OR_RETURN(a.agency_code, r.String(0));
      ASSIGN_OR_RETURN(a.cases_with_open_deadline, r.Int64(1));
      ASSIGN_OR_RETURN(a.overdue_cases, r.Int64(2));
      out.agencies.push_back(std::move(a));
    }
    return absl::OkStatus();
  }));
  out.pools = Pools();
  return out;
}

std::vector<ports::PoolUse> OperationalStatsStore::Pools() { return cases_.PoolUses(); }

}  // namespace discipline::mariadb
