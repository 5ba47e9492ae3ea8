#ifndef DISCIPLINE_ADAPTERS_MARIADB_CASE_STORE_H_
#define DISCIPLINE_ADAPTERS_MARIADB_CASE_STORE_H_

// CaseRepository on MariaDB (InnoDB). Row formats: adapters/mariadb/AUDIT_FORMAT.md.

#include <memory>

#include "adapters/mariadb/connection.h"
#include "service/ports/case_repository.h"

namespace discipline::mariadb {

class Pool;

class CaseStore final : public ports::CaseRepository {
 public:
  // `pool_size` connections at most, opened on demand.
  CaseStore(ConnectionOptions options, int pool_size);
  ~CaseStore() override;

  absl::StatusOr<domain::Case> Create(const domain::Case& c, const ports::AuditEntry& entry,
                                      const std::string& request_id) override;
  absl::StatusOr<domain::Case> Update(const domain::Case& c, const ports::AuditEntry& entry,
                                      const std::string& request_id) override;
  absl::StatusOr<std::optional<domain::Case>> FindByRequestId(const std::string& request_id, const std::string& method,
                                                              const std::string& case_id) override;
  absl::StatusOr<domain::Case> Get(const std::string& case_id) override;
  absl::StatusOr<ports::CasePage> List(const ports::CaseFilter& filter) override;
  absl::StatusOr<std::vector<domain::Case>> DecidedCasesOf(const std::string& nip) override;
  absl::StatusOr<std::vector<domain::AuditEvent>> History(const std::string& case_id, int64_t after_sequence,
                                                          int limit) override;
  absl::StatusOr<ports::VerifyResult> Verify(const std::string& case_id) override;

 private:
  absl::StatusOr<domain::Case> Write(const domain::Case& c, const ports::AuditEntry& entry,
                                     const std::string& request_id, bool create);
  std::unique_ptr<Pool> pool_;
};

// A new case id (adapters::TimeOrderedId): URL-safe and growing with time.
std::string NewCaseId();

}  // namespace discipline::mariadb

#endif  // DISCIPLINE_ADAPTERS_MARIADB_CASE_STORE_H_
