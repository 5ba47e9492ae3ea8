#ifndef DISCIPLINE_ADAPTERS_MARIADB_AUDIT_STORE_H_
#define DISCIPLINE_ADAPTERS_MARIADB_AUDIT_STORE_H_

// The audit side of the case repository on MariaDB: the chain's history
// and its verification, the events that change nothing (reads of the sealed
// reporter and of documents), and migration 0011's sealing of reporters
// written in plain text. Row format: adapters/mariadb/AUDIT_FORMAT.md.
// Thread-safe; the pool is shared with the other ports (not owned).

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "adapters/common/reporter_seal.h"
#include "service/domain/audit.h"
#include "service/ports/case_repository.h"

namespace discipline::mariadb {

class Pool;

// One page of AuditStore::SealReporters.
struct SealRun {
  int read = 0;              // rows still at reporter_format 0, read in this page
  int sealed = 0;            // of them, whose reporter moved to reporter_sealed (one audit event each)
  int empty = 0;             // of them, without a reporter (marked, no event)
  int failed = 0;            // whose case_proto could not be read (left as they are)
  std::string last_case_id;  // where the next page starts
  std::string last_error;
};

class AuditStore {
 public:
  // `seal` (not owned, may be null: none configured) outlives this.
  AuditStore(Pool& pool, const adapters::ReporterSeal* seal) : pool_(pool), seal_(seal) {}

  // As ports::CaseRepository.
  absl::StatusOr<std::vector<domain::AuditEvent>> History(const std::string& case_id, int64_t after_sequence,
                                                          int limit);
  absl::StatusOr<ports::VerifyResult> Verify(const std::string& case_id);
  absl::StatusOr<std::string> ReadReporter(const std::string& case_id, const ports::AuditEntry& entry, absl::Time at);
  absl::Status RecordRead(const std::string& case_id, const ports::AuditEntry& entry, absl::Time at);

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

 private:
  absl::StatusOr<std::string> AppendRead(const std::string& case_id, const ports::AuditEntry& entry, absl::Time at,
                                         bool open_reporter);
  Pool& pool_;
  const adapters::ReporterSeal* const seal_;
};

}  // namespace discipline::mariadb

#endif  // DISCIPLINE_ADAPTERS_MARIADB_AUDIT_STORE_H_
