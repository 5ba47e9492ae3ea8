#ifndef DISCIPLINE_ADAPTERS_MARIADB_LEASE_STORE_H_
#define DISCIPLINE_ADAPTERS_MARIADB_LEASE_STORE_H_

// Leases on MariaDB (table background_leases, migration 0008). Thread-safe;
// the pool is shared with the other ports (not owned).

#include <string>

#include "service/ports/lease.h"

namespace discipline::mariadb {

class Pool;

class LeaseStore final : public ports::Leases {
 public:
  explicit LeaseStore(Pool& pool) : pool_(pool) {}
  // One statement: the lease row is taken when free or expired, renewed
  // when it is the holder's; the database's clock decides expiry.
  absl::StatusOr<bool> Acquire(const std::string& name, const std::string& holder, absl::Duration ttl) override;

 private:
  Pool& pool_;
};

}  // namespace discipline::mariadb

#endif  // DISCIPLINE_ADAPTERS_MARIADB_LEASE_STORE_H_
