#ifndef DISCIPLINE_ADAPTERS_PERSONNEL_SQL_READER_H_
#define DISCIPLINE_ADAPTERS_PERSONNEL_SQL_READER_H_

// The database server under a SIMPEG directory: one read-only query with one
// parameter at a time, on a small pool of connections opened on demand. The
// MariaDB reader runs over adapters/mariadb's pool; the PostgreSQL reader
// over libpq (postgres_reader.h).

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace discipline::personnel {

class SqlReader {
 public:
  using Row = std::vector<std::optional<std::string>>;
  using Rows = std::vector<Row>;
  virtual ~SqlReader() = default;
  // `sql` holds one `?` placeholder, bound to `param` as text; every column
  // is read as text (NULL as nullopt). UNAVAILABLE when the server cannot
  // be reached in time; INTERNAL (or PERMISSION_DENIED) for an error of the
  // server.
  virtual absl::StatusOr<Rows> Run(const std::string& sql, const std::string& param) = 0;
};

}  // namespace discipline::personnel

#endif  // DISCIPLINE_ADAPTERS_PERSONNEL_SQL_READER_H_
