#ifndef DISCIPLINE_SERVICE_PORTS_LEASE_H_
#define DISCIPLINE_SERVICE_PORTS_LEASE_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace discipline::ports {

// Background work that must run on one replica at a time (the follow-up
// escalation, the SIASN sender) is done by the holder of a lease kept in
// the shared database.
//
// Thread safety: every method may be called from many threads and
// processes. Errors: UNAVAILABLE when the database does not answer.
class Leases {
 public:
  virtual ~Leases() = default;
  // Takes or renews the lease `name` for `holder` until `ttl` from the
  // database's clock; true when `holder` holds it afterwards (it was free,
  // expired, or already its own).
  virtual absl::StatusOr<bool> Acquire(const std::string& name, const std::string& holder, absl::Duration ttl) = 0;
};

}  // namespace discipline::ports

#endif  // DISCIPLINE_SERVICE_PORTS_LEASE_H_
