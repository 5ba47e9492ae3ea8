#ifndef DISCIPLINE_ADAPTERS_MARIADB_MIGRATIONS_H_
#define DISCIPLINE_ADAPTERS_MARIADB_MIGRATIONS_H_

// Forward-only schema migrations: numbered files NNNN_name.sql under
// adapters/mariadb/migrations/, compiled into the binary, applied in order
// and recorded in `schema_migrations` (version, name, SHA-256, time). A
// recorded migration whose text has changed stops the start-up: history is
// never rewritten, a fix is a new file.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "adapters/mariadb/connection.h"
#include "service/common/embedded_file.h"

namespace discipline::mariadb {

// The migrations compiled into this binary, in order.
const EmbeddedFileList& BuiltinMigrations();

struct MigrationResult {
  std::vector<std::string> applied;  // names applied by this call
  int already_applied = 0;
};

// Applies the pending migrations of `migrations` on `conn` (whose database
// is the target), serialised across processes by a named lock. Errors:
// FAILED_PRECONDITION (a bad file name, a changed or unknown recorded
// migration), UNAVAILABLE (lost connection), INTERNAL (SQL error, naming the
// file).
absl::StatusOr<MigrationResult> ApplyMigrations(Connection& conn, const EmbeddedFileList& migrations);

}  // namespace discipline::mariadb

#endif  // DISCIPLINE_ADAPTERS_MARIADB_MIGRATIONS_H_
