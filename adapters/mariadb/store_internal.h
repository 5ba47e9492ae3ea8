#ifndef DISCIPLINE_ADAPTERS_MARIADB_STORE_INTERNAL_H_
#define DISCIPLINE_ADAPTERS_MARIADB_STORE_INTERNAL_H_

// For the MariaDB store's own .cc files only: the helpers its per-port
// classes share (transactions, the stored form of a case, the audit chain's
// rows, idempotency records, the sealed reporter). Every function taking a
// Connection runs on it, inside the caller's transaction when there is one.
// Row formats: docs/storage.md.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "adapters/common/reporter_seal.h"
#include "adapters/mariadb/connection.h"
#include "adapters/mariadb/row.h"
#include "service/domain/audit.h"
#include "service/domain/case.h"
#include "service/ports/case_repository.h"

namespace discipline::mariadb::internal {

// Runs `body` in a transaction. `*commit_sent` tells a failure of the
// COMMIT itself (whose outcome the client cannot know) from one before it
// (rolled back).
absl::Status InTransaction(Connection& conn, const std::function<absl::Status()>& body, bool* commit_sent = nullptr);

// "INSERT ... VALUES " followed by `rows` copies of the row's placeholders.
// Each size is a distinct statement text, prepared once per connection.
std::string MultiRow(std::string_view head, std::string_view row, size_t rows);

// The stored form of a case (cases.case_proto, idempotency_records.response):
// the one pair of functions that knows it. DecodeCase drops a reporter a row
// written before migration 0011 may still hold; DecodeLegacyCase keeps it
// (for the sealing step only). DATA_LOSS when the bytes do not parse.
std::string EncodeCase(const domain::Case& c);
absl::StatusOr<domain::Case> DecodeCase(absl::string_view bytes);
absl::StatusOr<domain::Case> DecodeLegacyCase(absl::string_view bytes);

// Hex SHA-256.
std::string Sha256Of(absl::string_view bytes);

// cases.reporter_format (migration 0011): whether case_proto may still hold
// the reporter in plain text.
enum class ReporterFormat { kPlain = 0, kSealed = 1 };

// --- The audit chain -------------------------------------------------------

// The payload as stored: what changed, plus the digest of the case as
// stored after the change, so Verify sees a case row edited behind the
// service's back.
std::string StoredPayload(const ports::AuditEntry& entry, const std::string& case_bytes, int64_t version);
std::string EventHash(const domain::AuditEvent& e);
// Inserts `events` (one multi-row statement).
absl::Status InsertEvents(Connection& conn, const std::vector<domain::AuditEvent>& events);

// A case row locked FOR UPDATE with what an event that changes nothing needs.
struct LockedCase {
  std::string case_id;
  std::string bytes;  // case_proto
  std::string head;   // audit_head
  int64_t count = 0;  // audit_count
  int64_t version = 0;
  domain::CaseState state = domain::CaseState::kUnspecified;
  ReporterFormat format = ReporterFormat::kSealed;
  std::optional<std::string> sealed_reporter;
};
// NOT_FOUND naming case_id when there is no such case.
absl::StatusOr<LockedCase> LockCase(Connection& conn, const std::string& case_id);

// Appends an event that changes nothing (the same state on both sides, the
// same version: a read, the sealing of a reporter) to the locked case's
// chain: its row, and the row's head moved to it. `entry` gives actor,
// action and payload; its case_sha256 is the digest of `row.bytes`. Updates
// `row` (head, count). ABORTED when the chain moved meanwhile.
absl::Status AppendNoChangeEvent(Connection& conn, LockedCase& row, const ports::AuditEntry& entry, absl::Time at);

// --- The sealed reporter (adapters/common/reporter_seal.h) -----------------

// The stored forms of a case about to be written: its case_proto (the
// commitment in place of the reporter) and, at filing, the sealed value.
// FAILED_PRECONDITION when the case has a reporter and `seal` is null.
absl::Status SealForStore(const adapters::ReporterSeal* seal, domain::Case& c, std::optional<std::string>* sealed);
// The digest an idempotency record keeps of a request.
std::string RequestDigest(const adapters::ReporterSeal* seal, const std::string& request);
// The locked row is at ReporterFormat::kPlain: moves its reporter into
// reporter_sealed, stores case_proto again with the commitment, and appends
// a "SealReporter" event (actor "system"); a row without a reporter is only
// marked. Updates `row`; `*reporter` gets the reporter it held ("" for
// none), `*commitment` its commitment. DATA_LOSS when case_proto does not
// parse (nothing written).
absl::Status SealLegacyRow(Connection& conn, const adapters::ReporterSeal* seal, LockedCase& row, absl::Time at,
                           std::string* reporter, std::string* commitment);

// --- Idempotency records ---------------------------------------------------

// The first response stored under `key`, if any; INVALID_ARGUMENT naming
// request_id when the key was used for a different request.
absl::StatusOr<std::optional<domain::Case>> FirstResponse(Connection& conn, const adapters::ReporterSeal* seal,
                                                          const ports::IdempotencyKey& key);
// Appends the record of `c` as the response to `key` (six parameters).
void AppendIdempotencyRow(const adapters::ReporterSeal* seal, const ports::IdempotencyKey& key, const domain::Case& c,
                          Params* p);
// The INSERT of `rows` records (AppendIdempotencyRow's parameters).
std::string InsertIdempotencySql(size_t rows);

// --- Columns kept beside case_proto ----------------------------------------

// The next due day of the case (cases.next_due_on).
std::optional<std::string> DueParam(const domain::Case& c);
// The report and filter columns of a case row (migration 0008), in the
// order of the statements: neutrality_aspects, follow_up_state,
// follow_up_due_on, follow_up_done_on, decided_on, punishment, provision_id,
// and rejected_proven_on (migration 0025).
void AppendReportColumns(const domain::Case& c, Params* p);
// Only cases with an allegation of `aspect` (none: every case): appended to
// a statement's WHERE and its parameters.
void AspectFilter(domain::NeutralityAspect aspect, std::string& sql, Params& params);

// --- Changes of filed cases ----------------------------------------------

// One case change inside the caller's transaction: locks the row, checks
// the version (ABORTED when `c.version` is not the stored one + 1), writes
// the row, its audit event, the claims it releases or moves, its priors,
// its SIASN record and its notifications. (case_row_store.cc)
absl::Status WriteCaseChange(Connection& conn, const adapters::ReporterSeal* seal, domain::Case& c,
                             const ports::AuditEntry& entry);

// --- Violation claims (migration 0013, domain/violation_claim.h) -----------

// Claims the violations of `cases` (one statement). ALREADY_EXISTS when one
// is claimed by another case.
absl::Status InsertClaims(Connection& conn, const std::vector<domain::Case>& cases);
// Releases the claims of a case that no longer holds its violations.
absl::Status ReleaseClaims(Connection& conn, const std::string& case_id);
// Moves the claims of `from` to `to` (a case joined into another).
absl::Status MoveClaims(Connection& conn, const std::string& from, const std::string& to);
// After a filing failed on a claimed violation: the error naming the case
// that holds one of its violations now, or nullopt when none does.
absl::StatusOr<std::optional<absl::Status>> ClaimConflict(Connection& conn, const domain::Case& c);

// --- The SIASN outbox ------------------------------------------------------

// Puts the change's SIASN record (entry.siasn_key set) into the outbox,
// pending, or refused when it could not be made.
absl::Status PutSiasnRecord(Connection& conn, const domain::Case& c, const ports::AuditEntry& entry);

}  // namespace discipline::mariadb::internal

#endif  // DISCIPLINE_ADAPTERS_MARIADB_STORE_INTERNAL_H_
