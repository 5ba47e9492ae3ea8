#include "adapters/mariadb/case_store.h"

#include "adapters/common/digest.h"
#include "adapters/mariadb/pool.h"

namespace discipline::mariadb {
namespace {

constexpr std::string_view kPing = "SELECT 1";

// Filings get their own connections, with autocommit off: they only ever
// run transactions.
ConnectionOptions ManualCommit(ConnectionOptions o) {
  o.autocommit = false;
  return o;
}

}  // namespace

std::string NewCaseId() { return adapters::TimeOrderedId(); }

CaseStore::CaseStore(const ConnectionOptions& options, int pool_size, FilingBatchOptions batch,
                     std::shared_ptr<const adapters::ReporterSeal> seal)
    : pool_(std::make_unique<Pool>(options, pool_size)),
      filing_pool_(std::make_unique<Pool>(ManualCommit(options), 1)),
      seal_(std::move(seal)),
      rows_(std::make_unique<CaseRowStore>(*pool_, seal_.get())),
      audit_(std::make_unique<AuditStore>(*pool_, seal_.get())),
      outbox_(std::make_unique<SiasnOutboxStore>(*pool_)),
      reports_(std::make_unique<ReportStore>(*pool_)),
      leases_(std::make_unique<LeaseStore>(*pool_)),
      uploads_(std::make_unique<UploadLedgerStore>(*pool_)),
      filings_(std::make_unique<FilingWriter>(*pool_, *filing_pool_, seal_.get(), batch)) {}

CaseStore::~CaseStore() { filings_.reset(); }

absl::StatusOr<domain::Case> CaseStore::Create(const domain::Case& c, const ports::AuditEntry& entry,
                                               const ports::IdempotencyKey& key) {
  return filings_->Create(c, entry, key);
}
absl::StatusOr<domain::Case> CaseStore::CreateRelated(const domain::Case& c, const ports::AuditEntry& entry,
                                                      const ports::IdempotencyKey& key, const domain::Case& related,
                                                      const ports::AuditEntry& related_entry) {
  return filings_->CreateRelated(c, entry, key, related, related_entry);
}
absl::StatusOr<domain::Case> CaseStore::Update(const domain::Case& c, const ports::AuditEntry& entry,
                                               const ports::IdempotencyKey& key) {
  // One case is a change of many with one member: the same transaction, the
  // same replay of a repeated request.
  return rows_->UpdateMany({{c, entry}}, key);
}
absl::StatusOr<domain::Case> CaseStore::UpdateMany(
    const std::vector<std::pair<domain::Case, ports::AuditEntry>>& changes, const ports::IdempotencyKey& key) {
  return rows_->UpdateMany(changes, key);
}
absl::StatusOr<std::optional<domain::Case>> CaseStore::FindByRequestId(const ports::IdempotencyKey& key) {
  return rows_->FindByRequestId(key);
}
absl::StatusOr<domain::Case> CaseStore::Get(const std::string& case_id) { return rows_->Get(case_id); }
absl::StatusOr<ports::CasePage> CaseStore::List(const ports::CaseFilter& filter) { return rows_->List(filter); }
absl::StatusOr<std::vector<domain::Case>> CaseStore::DecidedCasesOf(const std::string& nip) {
  return rows_->DecidedCasesOf(nip);
}
absl::StatusOr<std::vector<domain::Case>> CaseStore::CasesOfEmployee(const std::string& nip) {
  return rows_->CasesOfEmployee(nip);
}
absl::StatusOr<std::vector<domain::PriorPunishment>> CaseStore::PriorPunishmentsOf(const std::string& nip) {
  return rows_->PriorPunishmentsOf(nip);
}
absl::StatusOr<std::vector<domain::Case>> CaseStore::FollowUpsDue(absl::CivilDay before, int limit) {
  return rows_->FollowUpsDue(before, limit);
}
absl::StatusOr<std::vector<domain::AuditEvent>> CaseStore::History(const std::string& case_id, int64_t after_sequence,
                                                                   int limit) {
  return audit_->History(case_id, after_sequence, limit);
}
absl::StatusOr<ports::VerifyResult> CaseStore::Verify(const std::string& case_id) { return audit_->Verify(case_id); }
absl::StatusOr<std::string> CaseStore::ReadReporter(const std::string& case_id, const ports::AuditEntry& entry,
                                                    absl::Time at) {
  return audit_->ReadReporter(case_id, entry, at);
}
absl::Status CaseStore::RecordRead(const std::string& case_id, const ports::AuditEntry& entry, absl::Time at) {
  return audit_->RecordRead(case_id, entry, at);
}

absl::StatusOr<bool> CaseStore::Acquire(const std::string& name, const std::string& holder, absl::Duration ttl) {
  return leases_->Acquire(name, holder, ttl);
}
absl::StatusOr<std::vector<domain::FollowUpTally>> CaseStore::FollowUps(const ports::FollowUpQuery& q) {
  return reports_->FollowUps(q);
}
absl::StatusOr<std::vector<domain::PunishmentTally>> CaseStore::Punishments(const ports::PunishmentQuery& q) {
  return reports_->Punishments(q);
}
absl::StatusOr<std::vector<domain::ProvenRejectionTally>> CaseStore::ProvenRejections(const ports::PunishmentQuery& q) {
  return reports_->ProvenRejections(q);
}
absl::StatusOr<std::vector<ports::OutboxRecord>> CaseStore::DueRecords(int limit) { return outbox_->DueRecords(limit); }
absl::Status CaseStore::MarkSaveSent(const ports::OutboxRecord& r) { return outbox_->MarkSaveSent(r); }
absl::Status CaseStore::MarkSaved(const ports::OutboxRecord& r, const std::string& siasn_id) {
  return outbox_->MarkSaved(r, siasn_id);
}
absl::Status CaseStore::MarkDelivered(const ports::OutboxRecord& r, const std::string& siasn_id) {
  return outbox_->MarkDelivered(r, siasn_id);
}
absl::Status CaseStore::MarkFailed(const ports::OutboxRecord& r, const std::string& error, bool refused,
                                   absl::Duration retry_after) {
  return outbox_->MarkFailed(r, error, refused, retry_after);
}
absl::StatusOr<std::optional<ports::SiasnExport>> CaseStore::ExportOf(const std::string& case_id) {
  return outbox_->ExportOf(case_id);
}
absl::Status CaseStore::Check(const ports::Upload& upload, const ports::UploadLimits& limits) {
  return uploads_->Check(upload, limits);
}
absl::Status CaseStore::Record(const std::string& document_id, const ports::Upload& upload) {
  return uploads_->Record(document_id, upload);
}
absl::Status CaseStore::RecordDocumentRead(const ports::DocumentRead& read) {
  return uploads_->RecordDocumentRead(read);
}

std::vector<absl::StatusOr<domain::Case>> CaseStore::CreateBatch(const std::vector<NewFiling>& filings) {
  return filings_->CreateBatch(filings);
}
FilingStats CaseStore::filing_stats() const { return filings_->stats(); }

absl::Status CaseStore::Ping() {
  return pool_->Read([](Connection& conn) { return conn.Query(kPing).status(); });
}

std::vector<ports::PoolUse> CaseStore::PoolUses() const {
  const Pool::Use cases = pool_->use(), filings = filing_pool_->use();
  return {{"cases", cases.in_use, cases.open, cases.size}, {"filings", filings.in_use, filings.open, filings.size}};
}

absl::StatusOr<BackfillRun> CaseStore::BackfillReportColumns(const std::string& after_case_id, int limit) {
  return mariadb::BackfillReportColumns(*pool_, after_case_id, limit);
}
absl::StatusOr<BackfillRun> CaseStore::BackfillViolationClaims(const std::string& after_case_id, int limit) {
  return mariadb::BackfillViolationClaims(*pool_, after_case_id, limit);
}
absl::StatusOr<SealRun> CaseStore::SealReporters(const std::string& after_case_id, int limit) {
  return audit_->SealReporters(after_case_id, limit);
}
absl::Status CaseStore::CheckReporterKey() { return audit_->CheckReporterKey(); }

}  // namespace discipline::mariadb
