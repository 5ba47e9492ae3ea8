#include "adapters/mariadb/lease_store.h"

#include "adapters/mariadb/pool.h"
#include "adapters/mariadb/store_internal.h"
#include "service/common/status_macros.h"

namespace discipline::mariadb {
namespace {

// Evaluated left to right: holder first, then expires_at sees the new holder.
constexpr std::string_view kAcquireLease =
    "INSERT INTO background_leases (name, holder, expires_at) VALUES (?, ?, NOW(6) + INTERVAL ? MICROSECOND) "
    "ON DUPLICATE KEY UPDATE holder = IF(holder = VALUES(holder) OR expires_at < NOW(6), VALUES(holder), holder), "
    "expires_at = IF(holder = VALUES(holder), VALUES(expires_at), expires_at)";
constexpr std::string_view kLeaseHolder = "SELECT holder FROM background_leases WHERE name = ?";

}  // namespace

absl::StatusOr<bool> LeaseStore::Acquire(const std::string& name, const std::string& holder, absl::Duration ttl) {
  bool held = false;
  RETURN_IF_ERROR(pool_.With([&](Connection& conn) -> absl::Status {
    return internal::InTransaction(conn, [&]() -> absl::Status {
      RETURN_IF_ERROR(conn.Update(kAcquireLease, {name, holder, IntParam(absl::ToInt64Microseconds(ttl))}).status());
      ASSIGN_OR_RETURN(auto rows, conn.Query(kLeaseHolder, {name}));
      held = false;
      if (rows.empty()) return absl::OkStatus();
      ASSIGN_OR_RETURN(const std::string now_held_by, RowReader(rows[0], "background_leases").String(0));
      held = now_held_by == holder;
      return absl::OkStatus();
    });
  }));
  return held;
}

}  // namespace discipline::mariadb
