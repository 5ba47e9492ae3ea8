#ifndef DISCIPLINE_ADAPTERS_PERSONNEL_SIMPEG_DIRECTORY_H_
#define DISCIPLINE_ADAPTERS_PERSONNEL_SIMPEG_DIRECTORY_H_

// PersonnelDirectory over an agency's SIMPEG database in MariaDB or
// PostgreSQL (SimpegConnection.driver), driven by a SimpegMapping textproto
// (proto/asn/discipline/config/v1/simpeg.proto): the SQL is assembled once
// from the mapping and run as prepared statements under a read-only account,
// with connect and query timeouts. Successful answers are cached for
// cache_ttl_seconds. A lost connection is dropped and re-opened on the next
// call, so the directory recovers by itself when the database comes back.
// When the mapping names a history, the riwayat hukuman disiplin is read as
// prior punishments (PRIOR_SOURCE_SIMPEG).

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "adapters/personnel/sql_reader.h"
#include "asn/discipline/config/v1/simpeg.pb.h"
#include "service/ports/clock.h"
#include "service/ports/personnel_directory.h"

namespace discipline::personnel {

namespace cfg = ::asn::discipline::config::v1;

// Reads and checks a mapping file: every field expression present, exactly
// one superior strategy, value mappings without duplicates. INVALID_ARGUMENT
// naming what is missing; NOT_FOUND for an unreadable file.
absl::StatusOr<cfg::SimpegMapping> LoadSimpegMapping(const std::string& path);
absl::Status ValidateSimpegMapping(const cfg::SimpegMapping& mapping);

class SimpegDirectory final : public ports::PersonnelDirectory {
 public:
  // `connection.mapping_file` names the mapping; the password comes from
  // `connection.password_file`. Does not connect yet: a SIMPEG that is down
  // at start-up does not stop the service.
  static absl::StatusOr<std::unique_ptr<SimpegDirectory>> Create(const cfg::SimpegConnection& connection,
                                                                 const ports::Clock& clock);
  ~SimpegDirectory() override;

  absl::StatusOr<domain::EmployeeSnapshot> GetEmployee(const std::string& nip) override;
  absl::StatusOr<std::vector<domain::EmployeeSnapshot>> SuperiorChain(const std::string& nip,
                                                                      int max_depth = 16) override;
  absl::StatusOr<domain::Agency> GetAgency(const std::string& agency_code) override;
  // The rows of the mapping's history query; empty without one. A row
  // whose punishment code is not mapped, or that names no provision or no
  // readable SK date, cannot count and is skipped (logged).
  absl::StatusOr<std::vector<domain::PriorPunishment>> PriorPunishments(const std::string& nip) override;

  const std::string& employee_sql() const { return employee_sql_; }

 private:
  SimpegDirectory(cfg::SimpegConnection connection, cfg::SimpegMapping mapping, std::string password,
                  const ports::Clock& clock);

  using Rows = SqlReader::Rows;
  // Runs one query on a pooled connection (kPoolSize at most, opened on
  // demand, dropped on a connection error); a dead pooled connection is
  // replaced and the read run once more. No lock is held across I/O.
  absl::StatusOr<Rows> Run(const std::string& sql, const std::string& param);
  template <typename T>
  struct Cached {
    T value;
    absl::Time expires;
  };
  // Keeps `value` for the TTL; at kMaxCached entries the expired ones go
  // first, then the one that expires soonest. REQUIRES: mu_ held.
  template <typename T>
  void Remember(std::map<std::string, Cached<T>>& cache, const std::string& key, T value, absl::Time now);
  absl::StatusOr<domain::EmployeeSnapshot> Fetch(const std::string& nip);
  absl::StatusOr<std::string> FindSuperior(const std::string& nip, const std::string& key);

  const cfg::SimpegConnection connection_;
  const cfg::SimpegMapping mapping_;
  const std::string password_;
  const ports::Clock& clock_;
  std::string employee_sql_;

  std::unique_ptr<SqlReader> reader_;

 public:
  static constexpr int kPoolSize = 4;
  static constexpr size_t kMaxCached = 10000;  // default of cache_max_entries
  // Entries cached now (employees + agencies + histories), for the tests
  // of the bound.
  size_t cached_entries();

 private:
  std::mutex mu_;  // the caches only
  std::map<std::string, Cached<domain::EmployeeSnapshot>> employees_;
  std::map<std::string, Cached<domain::Agency>> agencies_;
  std::map<std::string, Cached<std::vector<domain::PriorPunishment>>> priors_;
};

}  // namespace discipline::personnel

#endif  // DISCIPLINE_ADAPTERS_PERSONNEL_SIMPEG_DIRECTORY_H_
