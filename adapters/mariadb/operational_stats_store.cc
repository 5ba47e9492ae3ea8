#include "adapters/mariadb/operational_stats_store.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "adapters/mariadb/pool.h"
#include "service/common/status_macros.h"

namespace discipline::mariadb {
namespace {

// Pending records: the filter is the leading column of ix_outbox_due.
constexpr char kOutbox[] =
    "SELECT COUNT(*), TIMESTAMPDIFF(MICROSECOND, MIN(enqueued_at), NOW(6)) FROM siasn_outbox WHERE state = ?";
// A scan of ix_cases_agency_due (agency_code, next_due_on), which covers it.
constexpr char kAgencies[] =
    "SELECT agency_code, COUNT(*), SUM(next_due_on < ?) FROM cases WHERE next_due_on IS NOT NULL "
    "GROUP BY agency_code";

int64_t Number(const std::optional<std::string>& v) {
  int64_t n = 0;
  if (v.has_value()) (void)absl::SimpleAtoi(*v, &n);
  return n;
}

}  // namespace

OperationalStatsStore::OperationalStatsStore(const ConnectionOptions& options, const CaseStore& cases)
    : pool_(std::make_unique<Pool>(options, 1)), cases_(cases) {}

OperationalStatsStore::~OperationalStatsStore() = default;

absl::StatusOr<ports::OperationalSnapshot> OperationalStatsStore::Snapshot(absl::CivilDay today) {
  ports::OperationalSnapshot out;
  RETURN_IF_ERROR(pool_->Read([&](Connection& conn) -> absl::Status {
    out = {};
    ASSIGN_OR_RETURN(auto outbox,
                     conn.Query(kOutbox, {absl::StrCat(static_cast<int>(ports::SiasnExportState::kPending))}));
    if (!outbox.empty() && outbox[0].size() == 2) {
      out.outbox_pending = Number(outbox[0][0]);
      if (outbox[0][1].has_value()) out.outbox_oldest_age = absl::Microseconds(Number(outbox[0][1]));
    }
    ASSIGN_OR_RETURN(auto agencies, conn.Query(kAgencies, {absl::FormatCivilTime(today)}));
    for (const auto& row : agencies) {
      if (row.size() != 3 || !row[0].has_value()) continue;
      out.agencies.push_back({*row[0], Number(row[1]), Number(row[2])});
    }
    return absl::OkStatus();
  }));
  out.pools = Pools();
  return out;
}

std::vector<ports::PoolUse> OperationalStatsStore::Pools() { return cases_.PoolUses(); }

}  // namespace discipline::mariadb
