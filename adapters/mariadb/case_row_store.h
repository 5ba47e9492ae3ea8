#ifndef DISCIPLINE_ADAPTERS_MARIADB_CASE_ROW_STORE_H_
#define DISCIPLINE_ADAPTERS_MARIADB_CASE_ROW_STORE_H_

// The case rows of the case repository on MariaDB: the reads of cases and
// the changes of filed cases (each with its audit event, its claims, its
// priors, its SIASN record and its notifications, in one transaction). New
// filings go through FilingWriter, the audit side through AuditStore; the
// repository is their composition (CaseStore). Thread-safe; the pool is
// shared with the other ports (not owned).

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "adapters/common/reporter_seal.h"
#include "adapters/mariadb/row.h"
#include "service/ports/case_repository.h"

namespace discipline::mariadb {

class Pool;

class CaseRowStore {
 public:
  // `seal` (not owned, may be null: none configured) outlives this.
  CaseRowStore(Pool& pool, const adapters::ReporterSeal* seal) : pool_(pool), seal_(seal) {}

  // As ports::CaseRepository.
  absl::StatusOr<domain::Case> UpdateMany(const std::vector<std::pair<domain::Case, ports::AuditEntry>>& changes,
                                          const ports::IdempotencyKey& key);
  absl::StatusOr<std::optional<domain::Case>> FindByRequestId(const ports::IdempotencyKey& key);
  absl::StatusOr<domain::Case> Get(const std::string& case_id);
  absl::StatusOr<ports::CasePage> List(const ports::CaseFilter& filter);
  absl::StatusOr<std::vector<domain::Case>> DecidedCasesOf(const std::string& nip);
  absl::StatusOr<std::vector<domain::Case>> CasesOfEmployee(const std::string& nip);
  absl::StatusOr<std::vector<domain::PriorPunishment>> PriorPunishmentsOf(const std::string& nip);
  absl::StatusOr<std::vector<domain::Case>> FollowUpsDue(absl::CivilDay before, int limit);

 private:
  absl::StatusOr<std::vector<domain::Case>> CasesSelected(std::string_view sql, const Params& params);
  Pool& pool_;
  const adapters::ReporterSeal* const seal_;
};

}  // namespace discipline::mariadb

#endif  // DISCIPLINE_ADAPTERS_MARIADB_CASE_ROW_STORE_H_
