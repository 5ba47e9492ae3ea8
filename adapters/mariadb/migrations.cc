#include "adapters/mariadb/migrations.h"

#include <algorithm>
#include <map>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "adapters/common/digest.h"
#include "adapters/mariadb/row.h"
#include "service/common/status_macros.h"

namespace discipline::mariadb::embedded {
extern const EmbeddedFileList kMigrations;
}  // namespace discipline::mariadb::embedded

namespace discipline::mariadb {
namespace {

constexpr char kCreateTable[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INT NOT NULL PRIMARY KEY,"
    " name VARCHAR(255) NOT NULL,"
    " sha256 CHAR(64) NOT NULL,"
    " applied_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)"
    ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";
constexpr char kSelectApplied[] = "SELECT version, name, sha256 FROM schema_migrations ORDER BY version";
constexpr char kInsertApplied[] = "INSERT INTO schema_migrations (version, name, sha256) VALUES (?, ?, ?)";
constexpr char kLock[] = "SELECT GET_LOCK(CONCAT(DATABASE(), '.schema_migrations'), 60)";
constexpr char kUnlock[] = "SELECT RELEASE_LOCK(CONCAT(DATABASE(), '.schema_migrations'))";

absl::StatusOr<int> VersionOf(absl::string_view name) {
  int version = 0;
  if (name.size() < 10 || name[4] != '_' || !absl::SimpleAtoi(name.substr(0, 4), &version) || version <= 0 ||
      name.substr(name.size() - 4) != ".sql") {
    return absl::FailedPreconditionError(absl::StrCat("migration file '", name, "' is not named NNNN_name.sql"));
  }
  return version;
}

}  // namespace

const EmbeddedFileList& BuiltinMigrations() { return embedded::kMigrations; }

// One piece: everything under one named lock (the recorded migrations read,
// a newer schema refused, each pending file applied and recorded).
absl::StatusOr<MigrationResult> ApplyMigrations(Connection& conn, const EmbeddedFileList& migrations) {
  RETURN_IF_ERROR(conn.Execute(kCreateTable));
  ASSIGN_OR_RETURN(auto lock, conn.Query(kLock));
  if (lock.empty() || !lock[0][0].has_value() || *lock[0][0] != "1") {
    return absl::UnavailableError("another process holds the migration lock for 60 s");
  }
  auto result = [&]() -> absl::StatusOr<MigrationResult> {
    ASSIGN_OR_RETURN(auto rows, conn.Query(kSelectApplied));
    std::map<int, std::pair<std::string, std::string>> applied;
    for (const auto& row : rows) {
      const RowReader r(row, "schema_migrations");
      ASSIGN_OR_RETURN(const int64_t version, r.Int64(0));
      ASSIGN_OR_RETURN(std::string name, r.StringOrEmpty(1));
      ASSIGN_OR_RETURN(std::string sha, r.StringOrEmpty(2));
      applied[static_cast<int>(version)] = {std::move(name), std::move(sha)};
    }
    // A recorded migration this binary does not know (a newer binary
    // applied it): nothing is applied on such a schema.
    for (const auto& [version, recorded] : applied) {
      const bool known = std::any_of(migrations.begin(), migrations.end(), [&](const EmbeddedFile& f) {
        absl::StatusOr<int> v = VersionOf(f.name);
        return v.ok() && *v == version;
      });
      if (!known) {
        return absl::FailedPreconditionError(absl::StrCat("the database has migration ", recorded.first,
                                                          " that this binary does not know: is it older?"));
      }
    }
    MigrationResult out;
    int last = 0;
    for (const EmbeddedFile& f : migrations) {
      ASSIGN_OR_RETURN(int version, VersionOf(f.name));
      if (version <= last) return absl::FailedPreconditionError(absl::StrCat("migration ", f.name, " is out of order"));
      last = version;
      const std::string sha = adapters::Sha256Hex(f.contents);
      if (auto it = applied.find(version); it != applied.end()) {
        if (it->second.second != sha) {
          return absl::FailedPreconditionError(absl::StrCat("migration ", f.name, " was changed after it was applied",
                                                            " (recorded as ", it->second.first,
                                                            "): add a new migration instead"));
        }
        ++out.already_applied;
        applied.erase(it);
        continue;
      }
      absl::Status s = conn.Execute(std::string(f.contents));
      if (!s.ok()) return absl::Status(s.code(), absl::StrCat("migration ", f.name, ": ", s.message()));
      RETURN_IF_ERROR(conn.Update(kInsertApplied, {absl::StrCat(version), std::string(f.name), sha}).status());
      out.applied.push_back(std::string(f.name));
    }
    if (!applied.empty()) {
      return absl::FailedPreconditionError(absl::StrCat("the database has migration ", applied.begin()->second.first,
                                                        " that this binary does not know: is it older?"));
    }
    return out;
  }();
  (void)conn.Query(kUnlock);
  return result;
}

}  // namespace discipline::mariadb
