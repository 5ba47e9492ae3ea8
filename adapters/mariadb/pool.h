#ifndef DISCIPLINE_ADAPTERS_MARIADB_POOL_H_
#define DISCIPLINE_ADAPTERS_MARIADB_POOL_H_

// A fixed-size pool of MariaDB connections, opened on demand. A connection
// returned after an error that may have broken it is closed instead of
// reused. Thread-safe.

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "absl/status/statusor.h"
#include "adapters/mariadb/connection.h"

namespace discipline::mariadb {

class Pool {
 public:
  Pool(ConnectionOptions options, int size) : options_(std::move(options)), size_(size) {}

  // Runs `fn` with a connection; waits for one when all are busy.
  // UNAVAILABLE when none can be opened.
  absl::Status With(const std::function<absl::Status(Connection&)>& fn);

  // For reads only (`fn` changes nothing, so running it twice is safe): as
  // With, but when a pooled connection turns out dead (UNAVAILABLE: the
  // server restarted since it was last used, error 2006) `fn` runs once more
  // on a fresh connection, so the first read after a restart does not fail.
  absl::Status Read(const std::function<absl::Status(Connection&)>& fn);

  // Connections lent out now, open (lent or idle), and the most it opens
  // (for GET /metrics).
  struct Use {
    int in_use = 0;
    int open = 0;
    int size = 0;
  };
  Use use();

 private:
  // `*reused` tells whether the connection came from the idle list.
  absl::Status Run(const std::function<absl::Status(Connection&)>& fn, bool* reused);

  ConnectionOptions options_;
  const int size_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Connection>> idle_;
  int open_ = 0;
};

}  // namespace discipline::mariadb

#endif  // DISCIPLINE_ADAPTERS_MARIADB_POOL_H_
