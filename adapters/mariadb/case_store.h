#ifndef DISCIPLINE_ADAPTERS_MARIADB_CASE_STORE_H_
#define DISCIPLINE_ADAPTERS_MARIADB_CASE_STORE_H_

// The MariaDB store: one pool of connections and one object per port over
// it, composed. Each port's SQL lives with its class:
//   CaseRowStore      (case_row_store.h)       reads and changes of cases
//   FilingWriter      (filing_writer.h)        new cases, group commit
//   AuditStore        (audit_store.h)          history, verification, reads
//   SiasnOutboxStore  (siasn_outbox_store.h)   the SIASN outbox
//   ReportStore       (report_store.h)         the report tallies
//   LeaseStore        (lease_store.h)          background leases
//   UploadLedgerStore (upload_ledger_store.h)  upload quotas, document reads
// CaseStore implements ports::CaseRepository from the first three, and
// forwards the other ports to their objects for wiring that takes the store
// as a whole; new wiring can take a port's object (outbox(), ...) instead.
// Row formats: docs/storage.md and adapters/mariadb/AUDIT_FORMAT.md.

#include <memory>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "adapters/common/reporter_seal.h"
#include "adapters/mariadb/audit_store.h"
#include "adapters/mariadb/backfill.h"
#include "adapters/mariadb/case_row_store.h"
#include "adapters/mariadb/connection.h"
#include "adapters/mariadb/filing_writer.h"
#include "adapters/mariadb/lease_store.h"
#include "adapters/mariadb/report_store.h"
#include "adapters/mariadb/siasn_outbox_store.h"
#include "adapters/mariadb/upload_ledger_store.h"
#include "service/ports/case_repository.h"
#include "service/ports/lease.h"
#include "service/ports/operational_stats.h"
#include "service/ports/report_repository.h"
#include "service/ports/siasn_outbox.h"
#include "service/ports/upload_ledger.h"

namespace discipline::mariadb {

class Pool;

class CaseStore final : public ports::CaseRepository,
                        public ports::UploadLedger,
                        public ports::Leases,
                        public ports::ReportRepository,
                        public ports::SiasnOutbox {
 public:
  using NewFiling = mariadb::NewFiling;

  // `pool_size` connections at most, opened on demand. `seal` seals the
  // reporters (adapters/common/reporter_seal.h); without one a case with a
  // reporter is refused (FAILED_PRECONDITION) and none is read.
  CaseStore(const ConnectionOptions& options, int pool_size, FilingBatchOptions batch = {},
            std::shared_ptr<const adapters::ReporterSeal> seal = nullptr);
  ~CaseStore() override;

  // The ports' objects (owned by this store, valid while it lives).
  CaseRowStore& rows() { return *rows_; }
  FilingWriter& filings() { return *filings_; }
  AuditStore& audit() { return *audit_; }
  SiasnOutboxStore& outbox() { return *outbox_; }
  ReportStore& reports() { return *reports_; }
  LeaseStore& leases() { return *leases_; }
  UploadLedgerStore& uploads() { return *uploads_; }

  // ports::CaseRepository: filings group-committed (FilingWriter::Create).
  absl::StatusOr<domain::Case> Create(const domain::Case& c, const ports::AuditEntry& entry,
                                      const ports::IdempotencyKey& key) override;
  absl::StatusOr<domain::Case> Update(const domain::Case& c, const ports::AuditEntry& entry,
                                      const ports::IdempotencyKey& key) override;
  absl::StatusOr<domain::Case> CreateRelated(const domain::Case& c, const ports::AuditEntry& entry,
                                             const ports::IdempotencyKey& key, const domain::Case& related,
                                             const ports::AuditEntry& related_entry) override;
  absl::StatusOr<domain::Case> UpdateMany(const std::vector<std::pair<domain::Case, ports::AuditEntry>>& changes,
                                          const ports::IdempotencyKey& key) override;
  absl::StatusOr<std::optional<domain::Case>> FindByRequestId(const ports::IdempotencyKey& key) override;
  absl::StatusOr<domain::Case> Get(const std::string& case_id) override;
  absl::StatusOr<ports::CasePage> List(const ports::CaseFilter& filter) override;
  absl::StatusOr<std::vector<domain::Case>> DecidedCasesOf(const std::string& nip) override;
  absl::StatusOr<std::vector<domain::Case>> CasesOfEmployee(const std::string& nip) override;
  absl::StatusOr<std::vector<domain::PriorPunishment>> PriorPunishmentsOf(const std::string& nip) override;
  absl::StatusOr<std::vector<domain::Case>> FollowUpsDue(absl::CivilDay before, int limit) override;
  absl::StatusOr<std::vector<domain::AuditEvent>> History(const std::string& case_id, int64_t after_sequence,
                                                          int limit) override;
  absl::StatusOr<ports::VerifyResult> Verify(const std::string& case_id) override;
  absl::StatusOr<std::string> ReadReporter(const std::string& case_id, const ports::AuditEntry& entry,
                                           absl::Time at) override;
  absl::Status RecordRead(const std::string& case_id, const ports::AuditEntry& entry, absl::Time at) override;

  // Forwarded to leases(), reports(), outbox(), uploads().
  absl::StatusOr<bool> Acquire(const std::string& name, const std::string& holder, absl::Duration ttl) override;
  absl::StatusOr<std::vector<domain::FollowUpTally>> FollowUps(const ports::FollowUpQuery& q) override;
  absl::StatusOr<std::vector<domain::PunishmentTally>> Punishments(const ports::PunishmentQuery& q) override;
  absl::StatusOr<std::vector<domain::ProvenRejectionTally>> ProvenRejections(const ports::PunishmentQuery& q) override;
  absl::StatusOr<std::vector<ports::OutboxRecord>> DueRecords(int limit) override;
  absl::Status MarkSaveSent(const ports::OutboxRecord& r) override;
  absl::Status MarkSaved(const ports::OutboxRecord& r, const std::string& siasn_id) override;
  absl::Status MarkDelivered(const ports::OutboxRecord& r, const std::string& siasn_id) override;
  absl::Status MarkFailed(const ports::OutboxRecord& r, const std::string& error, bool refused,
                          absl::Duration retry_after) override;
  absl::StatusOr<std::optional<ports::SiasnExport>> ExportOf(const std::string& case_id) override;
  absl::Status Check(const ports::Upload& upload, const ports::UploadLimits& limits) override;
  absl::Status Record(const std::string& document_id, const ports::Upload& upload) override;
  absl::Status RecordDocumentRead(const ports::DocumentRead& read) override;

  // FilingWriter::CreateBatch, FilingWriter::stats.
  std::vector<absl::StatusOr<domain::Case>> CreateBatch(const std::vector<NewFiling>& filings);
  FilingStats filing_stats() const;

  // OK when the database answers a trivial query (for the health status).
  absl::Status Ping();
  // The pools' connections, for GET /metrics ("cases", "filings").
  std::vector<ports::PoolUse> PoolUses() const;

  // The start-up steps (backfill.h, AuditStore).
  absl::StatusOr<BackfillRun> BackfillReportColumns(const std::string& after_case_id, int limit);
  absl::StatusOr<BackfillRun> BackfillViolationClaims(const std::string& after_case_id, int limit);
  absl::StatusOr<SealRun> SealReporters(const std::string& after_case_id, int limit);
  absl::Status CheckReporterKey();

 private:
  std::unique_ptr<Pool> pool_;
  std::unique_ptr<Pool> filing_pool_;                         // for filings: autocommit off
  const std::shared_ptr<const adapters::ReporterSeal> seal_;  // null: none configured
  std::unique_ptr<CaseRowStore> rows_;
  std::unique_ptr<AuditStore> audit_;
  std::unique_ptr<SiasnOutboxStore> outbox_;
  std::unique_ptr<ReportStore> reports_;
  std::unique_ptr<LeaseStore> leases_;
  std::unique_ptr<UploadLedgerStore> uploads_;
  std::unique_ptr<FilingWriter> filings_;  // last: its writer stops first
};

// A new case id (adapters::TimeOrderedId): URL-safe and growing with time.
std::string NewCaseId();

}  // namespace discipline::mariadb

#endif  // DISCIPLINE_ADAPTERS_MARIADB_CASE_STORE_H_
