#ifndef DISCIPLINE_ADAPTERS_MARIADB_CASE_STORE_H_
#define DISCIPLINE_ADAPTERS_MARIADB_CASE_STORE_H_

// CaseRepository on MariaDB (InnoDB). Row formats: adapters/mariadb/AUDIT_FORMAT.md.

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "absl/time/time.h"
#include "adapters/common/reporter_seal.h"
#include "adapters/mariadb/connection.h"
#include "service/ports/case_repository.h"
#include "service/ports/lease.h"
#include "service/ports/operational_stats.h"
#include "service/ports/report_repository.h"
#include "service/ports/upload_ledger.h"

namespace discipline::mariadb {

class Pool;

// Group commit of new filings (see CaseStore::Create).
struct FilingBatchOptions {
  // Filings written in one transaction at most; 1 writes each on its own.
  // One batch is written at a time: a batch holds its agencies' register
  // counter rows until it commits, so a second writer would only wait.
  int max_batch = 32;
};

// How the filings went into batches, for the operator's log and the bench.
struct FilingStats {
  uint64_t filings = 0;
  uint64_t batches = 0;
  uint64_t largest_batch = 0;
  absl::Duration writing;  // the writer's time in WriteBatch, all batches
};

// One page of CaseStore::SealReporters.
struct SealRun {
  int read = 0;              // rows still at reporter_format 0, read in this page
  int sealed = 0;            // of them, whose reporter moved to reporter_sealed (one audit event each)
  int empty = 0;             // of them, without a reporter (marked, no event)
  int failed = 0;            // whose case_proto could not be read (left as they are)
  std::string last_case_id;  // where the next page starts
  std::string last_error;
};

// One page of CaseStore::BackfillReportColumns.
struct BackfillRun {
  int read = 0;              // rows still to fill, read in this page
  int updated = 0;           // of them, filled now
  int failed = 0;            // whose case_proto could not be read (left as they are)
  std::string last_case_id;  // where the next page starts
  std::string last_error;
};

class CaseStore final : public ports::CaseRepository,
                        public ports::UploadLedger,
                        public ports::Leases,
                        public ports::ReportRepository,
                        public ports::SiasnOutbox {
 public:
  // `pool_size` connections at most, opened on demand. `seal` seals the
  // reporters (adapters/common/reporter_seal.h); without one a case with a
  // reporter is refused (FAILED_PRECONDITION) and none is read.
  CaseStore(const ConnectionOptions& options, int pool_size, FilingBatchOptions batch = {},
            std::shared_ptr<const adapters::ReporterSeal> seal = nullptr);
  ~CaseStore() override;

  // Filings that arrive together are written together: one transaction for
  // the batch, so one redo-log flush. Each caller still gets its own answer
  // (its case, its replay, or its own error), and only after the commit. A
  // request_id stored before returns its first response and writes nothing;
  // the register number is taken inside the filing's transaction, so a
  // filing that fails leaves no gap.
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
  // One statement: the lease row is taken when free or expired, renewed
  // when it is the holder's; the database's clock decides expiry.
  absl::StatusOr<bool> Acquire(const std::string& name, const std::string& holder, absl::Duration ttl) override;
  // GROUP BY over the covering indexes of migration 0008.
  absl::StatusOr<std::vector<domain::FollowUpTally>> FollowUps(const ports::FollowUpQuery& q) override;
  absl::StatusOr<std::vector<domain::PunishmentTally>> Punishments(const ports::PunishmentQuery& q) override;
  absl::StatusOr<std::vector<ports::OutboxRecord>> DueRecords(int limit) override;
  absl::Status MarkSaveSent(const ports::OutboxRecord& r) override;
  absl::Status MarkSaved(const ports::OutboxRecord& r, const std::string& siasn_id) override;
  absl::Status MarkDelivered(const ports::OutboxRecord& r, const std::string& siasn_id) override;
  absl::Status MarkFailed(const ports::OutboxRecord& r, const std::string& error, bool refused,
                          absl::Duration retry_after) override;
  absl::StatusOr<std::optional<ports::SiasnExport>> ExportOf(const std::string& case_id) override;
  absl::StatusOr<std::vector<domain::AuditEvent>> History(const std::string& case_id, int64_t after_sequence,
                                                          int limit) override;
  absl::StatusOr<ports::VerifyResult> Verify(const std::string& case_id) override;
  absl::StatusOr<std::string> ReadReporter(const std::string& case_id, const ports::AuditEntry& entry,
                                           absl::Time at) override;
  absl::Status RecordRead(const std::string& case_id, const ports::AuditEntry& entry, absl::Time at) override;

  // Writes `filings` as one batch, now, on the calling thread; the answers in
  // the same order. Create uses the same path for the filings it gathers.
  struct NewFiling {
    domain::Case c;
    ports::AuditEntry entry;
    ports::IdempotencyKey key;
  };
  std::vector<absl::StatusOr<domain::Case>> CreateBatch(const std::vector<NewFiling>& filings);

  FilingStats filing_stats() const;

  // OK when the database answers a trivial query (for the health status).
  absl::Status Ping();
  // The pools' connections, for GET /metrics ("cases", "filings").
  std::vector<ports::PoolUse> PoolUses() const;

  // Migration 0010's backfill: the report and filter columns of up to
  // `limit` rows written before migration 0008 (report_columns = 0), after
  // `after_case_id` in case_id order, computed from their case_proto. Safe
  // to run on several replicas at once and to repeat; a row that changed
  // meanwhile keeps what its change wrote. The server runs it at start-up
  // (BackfillRun.read == 0: nothing left).
  absl::StatusOr<BackfillRun> BackfillReportColumns(const std::string& after_case_id, int limit);
  // Migration 0013's backfill: the violation claims (domain/violation_claim.h)
  // of up to `limit` cases filed before it (violation_claims = 0), after
  // `after_case_id`, each page in one transaction over its locked rows. Safe
  // to repeat and to run on several replicas; the server runs it at start-up.
  absl::StatusOr<BackfillRun> BackfillViolationClaims(const std::string& after_case_id, int limit);

  // Migration 0011's sealing step: up to `limit` rows after `after_case_id`
  // whose case_proto may still hold the reporter in plain text
  // (reporter_format = 0). Each reporter moves into reporter_sealed, the
  // case_proto is stored again with its commitment instead, and one
  // "SealReporter" event (no change of state, actor "system") records the
  // new case_sha256; history is never rewritten. Safe to repeat and to run
  // on several replicas. FAILED_PRECONDITION when a row holds a reporter and
  // no seal is configured. The server runs it before it serves.
  absl::StatusOr<SealRun> SealReporters(const std::string& after_case_id, int limit);
  // OK when every sealed reporter in the database was sealed under this
  // store's key; FAILED_PRECONDITION (naming the key ids, never a key) when
  // some were sealed under another key or no key is configured.
  absl::Status CheckReporterKey();

  absl::Status Check(const ports::Upload& upload, const ports::UploadLimits& limits) override;
  absl::Status Record(const std::string& document_id, const ports::Upload& upload) override;
  absl::Status RecordDocumentRead(const ports::DocumentRead& read) override;

 private:
  absl::StatusOr<std::string> AppendRead(const std::string& case_id, const ports::AuditEntry& entry, absl::Time at,
                                         bool open_reporter);
  struct Filing;
  void WriteLoop();
  void WriteBatch(const std::vector<Filing*>& batch);
  absl::Status TryWrite(const std::vector<Filing*>& filings, bool* commit_sent);
  absl::StatusOr<bool> LookUpRequest(Connection& conn, const Filing& filing, absl::StatusOr<domain::Case>& result);
  // After a filing failed on a claimed violation: whether a case holds one of
  // its violations now; then `result` is ALREADY_EXISTS naming that case.
  absl::Status WriteChange(Connection& conn, domain::Case& c, const ports::AuditEntry& entry);
  absl::StatusOr<bool> ClaimConflict(const domain::Case& c, absl::StatusOr<domain::Case>& result);
  absl::Status InsertFilings(Connection& conn, const std::vector<Filing*>& filings,
                             std::vector<absl::StatusOr<domain::Case>>& results);
  // The case row's reporter_format is 0: seals its reporter on `conn`, in
  // the caller's transaction, from the locked row's content; the new
  // case_proto, head and count (and `*reporter` the reporter it held).
  struct Sealed;
  absl::StatusOr<Sealed> SealLegacyRow(Connection& conn, const std::string& case_id, const std::string& bytes,
                                       const std::string& head, int64_t count, int64_t version, int state,
                                       absl::Time at);
  // The stored forms of a case about to be written: its case_proto (the
  // commitment in place of the reporter) and, at filing, the sealed value.
  absl::Status SealForStore(domain::Case& c, std::optional<std::string>* sealed) const;
  std::string RequestDigest(const std::string& request) const;
  std::unique_ptr<Pool> pool_;
  std::unique_ptr<Pool> filing_pool_;                         // for filings: autocommit off
  const std::shared_ptr<const adapters::ReporterSeal> seal_;  // null: none configured
  const FilingBatchOptions batch_;
  mutable std::mutex batch_mu_;
  std::condition_variable batch_cv_;  // the writer: a filing queued, or stopping
  std::deque<Filing*> queue_;         // filings not yet in a batch, oldest first
  bool stopping_ = false;
  std::thread writer_;  // started by the first filing
  FilingStats stats_;
};

// A new case id (adapters::TimeOrderedId): URL-safe and growing with time.
std::string NewCaseId();

}  // namespace discipline::mariadb

#endif  // DISCIPLINE_ADAPTERS_MARIADB_CASE_STORE_H_
