#include "adapters/mariadb/case_store.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "adapters/common/digest.h"
#include "adapters/mariadb/notification_store.h"
#include "adapters/mariadb/pool.h"
#include "service/codec/case_codec.h"
#include "service/codec/stored_case_codec.h"
#include "service/common/errors.h"
#include "service/common/status_macros.h"
#include "service/domain/audit_chain.h"
#include "service/domain/calendar.h"
#include "service/domain/violation_claim.h"

namespace discipline::mariadb {
namespace {

using adapters::Sha256Hex;
using domain::AuditEvent;
using domain::Case;

// Written last in the change's transaction, with the response: a concurrent
// repeat of the same request_id fails on this key, rolls back, and returns
// the first response.
constexpr char kInsertIdempotencyHead[] =
    "INSERT INTO idempotency_records (scope, method, request_id, request_sha256, case_id, response) VALUES ";
constexpr char kIdempotencyRow[] = "(?, ?, ?, ?, ?, ?)";
constexpr char kSelectIdempotency[] =
    "SELECT request_sha256, response FROM idempotency_records WHERE scope = ? AND method = ? AND request_id = ?";
// Allocates the next `k` register numbers of an agency and year and hands
// back the last: LAST_INSERT_ID(expr) puts it in the statement's OK packet,
// so it costs one round trip.
constexpr char kBumpCounter[] =
    "INSERT INTO register_counters (agency_code, year, last_value) VALUES (?, ?, LAST_INSERT_ID(?)) "
    "ON DUPLICATE KEY UPDATE last_value = LAST_INSERT_ID(last_value + ?)";
constexpr char kInsertCaseHead[] =
    "INSERT INTO cases (case_id, agency_code, register_number, state, version, employee_nip, received_on, "
    "next_due_on, case_proto, created_at, updated_at, audit_head, audit_count, neutrality_aspects, "
    "follow_up_state, follow_up_due_on, follow_up_done_on, decided_on, punishment, provision_id, reporter_sealed, "
    "reporter_key_id) VALUES ";
constexpr char kCaseRow[] = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
// One violation, one punishment (migration 0013): a filing's claims go in
// first, before any lock on the register counters, so a second filing of a
// claimed violation fails early on the primary key.
constexpr char kInsertClaimHead[] =
    "INSERT INTO violation_claims (employee_nip, provision_id, occurred_on, case_id) VALUES ";
constexpr char kClaimRow[] = "(?, ?, ?, ?)";
constexpr char kClaimHolder[] =
    "SELECT v.case_id, c.register_number, c.agency_code FROM violation_claims v JOIN cases c ON c.case_id = v.case_id "
    "WHERE v.employee_nip = ? AND v.provision_id = ? AND v.occurred_on = ?";
constexpr char kReleaseClaims[] = "DELETE FROM violation_claims WHERE case_id = ?";
// The backfill of migration 0013: the rows filed before it, locked while
// their claims go in (a change to DISMISSED meanwhile would release nothing).
// Of two old cases of one violation the first keeps the claim (IGNORE).
constexpr char kSelectUnclaimed[] =
    "SELECT case_id, case_proto FROM cases WHERE violation_claims = 0 AND case_id > ? ORDER BY case_id LIMIT ? "
    "FOR UPDATE";
constexpr char kInsertOldClaim[] =
    "INSERT IGNORE INTO violation_claims (employee_nip, provision_id, occurred_on, case_id) VALUES (?, ?, ?, ?)";
constexpr char kSetClaimed[] = "UPDATE cases SET violation_claims = 1 WHERE case_id = ?";
constexpr char kSelectOfEmployee[] = "SELECT case_proto FROM cases WHERE employee_nip = ? ORDER BY case_id";
constexpr char kLockCase[] =
    "SELECT version, audit_head, audit_count, reporter_format FROM cases WHERE case_id = ? FOR UPDATE";
constexpr char kUpdateCase[] =
    "UPDATE cases SET state = ?, version = ?, next_due_on = ?, case_proto = ?, updated_at = ?, audit_head = ?, "
    "audit_count = ?, neutrality_aspects = ?, follow_up_state = ?, follow_up_due_on = ?, follow_up_done_on = ?, "
    "decided_on = ?, punishment = ?, provision_id = ?, report_columns = 1 WHERE case_id = ? AND version = ?";
// The backfill of migration 0010: rows whose report columns predate 0008.
constexpr char kSelectUnreported[] =
    "SELECT case_id, version, case_proto FROM cases WHERE report_columns = 0 AND case_id > ? ORDER BY case_id "
    "LIMIT ?";
constexpr char kSetReportColumns[] =
    "UPDATE cases SET neutrality_aspects = ?, follow_up_state = ?, follow_up_due_on = ?, follow_up_done_on = ?, "
    "decided_on = ?, punishment = ?, provision_id = ?, report_columns = 1 "
    "WHERE case_id = ? AND version = ? AND report_columns = 0";
constexpr char kInsertEventHead[] =
    "INSERT INTO audit_events (case_id, sequence, occurred_at, actor, action, from_state, to_state, payload_json, "
    "prev_hash, hash) VALUES ";
constexpr char kEventRow[] = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr char kSelectCase[] = "SELECT case_proto FROM cases WHERE case_id = ?";
constexpr char kLockCaseForRead[] =
    "SELECT case_proto, audit_head, audit_count, version, state, reporter_format, reporter_sealed FROM cases "
    "WHERE case_id = ? FOR UPDATE";
// Migration 0011: the rows whose case_proto may still hold the reporter in
// plain text, and their sealing.
constexpr char kSelectUnsealed[] =
    "SELECT case_id FROM cases WHERE reporter_format = 0 AND case_id > ? ORDER BY case_id LIMIT ?";
constexpr char kSealRow[] =
    "UPDATE cases SET case_proto = ?, reporter_sealed = ?, reporter_key_id = ?, reporter_format = 1, audit_head = ?, "
    "audit_count = ? WHERE case_id = ? AND audit_count = ? AND reporter_format = 0";
constexpr char kMarkNoReporter[] = "UPDATE cases SET reporter_format = 1 WHERE case_id = ? AND reporter_format = 0";
constexpr char kOtherKey[] =
    "SELECT reporter_key_id FROM cases WHERE reporter_key_id IS NOT NULL AND reporter_key_id <> ? LIMIT 1";
constexpr char kAnyKey[] = "SELECT reporter_key_id FROM cases WHERE reporter_key_id IS NOT NULL LIMIT 1";
constexpr char kAdvanceHead[] =
    "UPDATE cases SET audit_head = ?, audit_count = ? WHERE case_id = ? AND audit_count = ?";
constexpr char kSelectCaseHead[] = "SELECT case_proto, audit_head, audit_count FROM cases WHERE case_id = ?";
constexpr char kSelectDecided[] =
    "SELECT case_proto FROM cases WHERE employee_nip = ? AND state IN (5, 6, 7) ORDER BY case_id";
// Migration 0012: punishments imposed outside the service, per employee.
constexpr char kInsertPriorHead[] =
    "INSERT INTO prior_punishments (case_id, sequence, employee_nip, punishment, provision_id, decision_number, "
    "decided_on, effective_on, source, document_id) VALUES ";
constexpr char kPriorRow[] = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr char kSelectPriors[] =
    "SELECT punishment, provision_id, decision_number, DATE_FORMAT(decided_on, '%Y-%m-%d'), "
    "DATE_FORMAT(effective_on, '%Y-%m-%d'), source, document_id FROM prior_punishments WHERE employee_nip = ? "
    "ORDER BY recorded_at, case_id, sequence";
constexpr char kSelectFollowUpsDue[] =
    "SELECT case_proto FROM cases WHERE follow_up_state IN (1, 2) AND follow_up_due_on < ? "
    "ORDER BY follow_up_state, follow_up_due_on, case_id LIMIT ?";
// Evaluated left to right: holder first, then expires_at sees the new holder.
constexpr char kAcquireLease[] =
    "INSERT INTO background_leases (name, holder, expires_at) VALUES (?, ?, NOW(6) + INTERVAL ? MICROSECOND) "
    "ON DUPLICATE KEY UPDATE holder = IF(holder = VALUES(holder) OR expires_at < NOW(6), VALUES(holder), holder), "
    "expires_at = IF(holder = VALUES(holder), VALUES(expires_at), expires_at)";
// A record (re)enters the outbox pending, or refused when it cannot be made.
// SIASN's id of the case's record stays (a remedy's record is saved again
// under it), and so does save_sent (a save whose answer may be lost).
constexpr char kPutOutbox[] =
    "INSERT INTO siasn_outbox (case_id, idempotency_key, payload_json, state, last_error, nip, sk_document_id, "
    "sk_dokumen_ref) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
    "ON DUPLICATE KEY UPDATE idempotency_key = VALUES(idempotency_key), payload_json = VALUES(payload_json), "
    "state = VALUES(state), attempts = 0, next_attempt_at = NOW(6), last_error = VALUES(last_error), "
    "exported_at = NULL, stage = 0, nip = VALUES(nip), sk_document_id = VALUES(sk_document_id), "
    "sk_dokumen_ref = VALUES(sk_dokumen_ref), updated_at = NOW(6), enqueued_at = NOW(6)";
constexpr char kDueOutbox[] =
    "SELECT case_id, idempotency_key, payload_json, attempts, siasn_id, stage, save_sent, nip, sk_document_id, "
    "sk_dokumen_ref, attached_document_id FROM siasn_outbox WHERE state = 1 AND next_attempt_at <= NOW(6) "
    "ORDER BY next_attempt_at LIMIT ?";
constexpr char kOutboxSaveSent[] =
    "UPDATE siasn_outbox SET save_sent = 1, updated_at = NOW(6) WHERE case_id = ? AND idempotency_key = ? AND "
    "state = 1";
// The id belongs to the case whatever record is in the outbox now; the step
// only to the record that was saved.
constexpr char kOutboxSaved[] =
    "UPDATE siasn_outbox SET siasn_id = IF(siasn_id = '', ?, siasn_id), save_sent = 0, "
    "stage = IF(idempotency_key = ? AND state = 1, 1, stage), updated_at = NOW(6) WHERE case_id = ?";
constexpr char kOutboxDelivered[] =
    "UPDATE siasn_outbox SET state = 2, attempts = attempts + 1, siasn_id = ?, exported_at = NOW(6), last_error = '', "
    "stage = 0, save_sent = 0, attached_document_id = IF(sk_document_id = '', attached_document_id, sk_document_id), "
    "updated_at = NOW(6) WHERE case_id = ? AND idempotency_key = ?";
constexpr char kOutboxFailed[] =
    "UPDATE siasn_outbox SET state = ?, attempts = attempts + 1, last_error = ?, "
    "next_attempt_at = NOW(6) + INTERVAL ? MICROSECOND, updated_at = NOW(6) WHERE case_id = ? AND idempotency_key = ? "
    "AND state = 1";
constexpr char kOutboxOf[] =
    "SELECT state, attempts, last_error, DATE_FORMAT(exported_at, '%Y-%m-%dT%H:%i:%s.%fZ'), siasn_id, idempotency_key, "
    "stage FROM siasn_outbox WHERE case_id = ?";
constexpr char kLeaseHolder[] = "SELECT holder FROM background_leases WHERE name = ?";
constexpr char kSelectEvents[] =
    "SELECT case_id, sequence, DATE_FORMAT(occurred_at, '%Y-%m-%dT%H:%i:%s.%fZ'), actor, action, from_state, "
    "to_state, payload_json, prev_hash, hash FROM audit_events WHERE case_id = ? AND sequence > ? "
    "ORDER BY sequence LIMIT ?";
// A read-only transaction whose reads all see one snapshot: the case row and
// its events as of one moment, however the case changes meanwhile.
constexpr char kSnapshot[] = "START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY";
constexpr int kVerifyBatch = 1000;
constexpr int kCreateRetries = 3;
constexpr char kCaseUploads[] = "SELECT COUNT(*), COALESCE(SUM(size_bytes), 0) FROM document_uploads WHERE case_id = ?";
constexpr char kCallerUploads[] =
    "SELECT COALESCE(SUM(size_bytes), 0) FROM document_uploads WHERE caller = ? AND created_at > ?";
constexpr char kInsertUpload[] =
    "INSERT INTO document_uploads (document_id, case_id, caller, agency_code, size_bytes) VALUES (?, ?, ?, ?, ?)";
constexpr char kInsertDocumentRead[] =
    "INSERT INTO document_reads (document_id, agency_code, kind, sha256, actor, read_at) VALUES (?, ?, ?, ?, ?, ?)";

std::string SqlTime(absl::Time t) { return absl::FormatTime("%Y-%m-%d %H:%M:%E6S", t, absl::UTCTimeZone()); }

std::string SerializeProto(const google::protobuf::MessageLite& p) {
  std::string out;
  google::protobuf::io::StringOutputStream stream(&out);
  google::protobuf::io::CodedOutputStream coded(&stream);
  coded.SetSerializationDeterministic(true);
  p.SerializeToCodedStream(&coded);
  coded.Trim();
  return out;
}

// The stored form: asn.discipline.internal.v1.StoredCase (codec/stored_case_codec.h).
std::string Serialize(const Case& c) { return codec::SerializeStoredCase(c); }

// A stored case as every reader gets it: never with a reporter, also from a
// row the sealing step of migration 0011 has not reached yet (only
// ReadReporter opens the reporter).
absl::StatusOr<Case> Deserialize(const std::string& bytes) { return codec::ParseStoredCase(bytes); }

std::string Sha256Of(absl::string_view bytes) { return Sha256Hex(std::string(bytes)); }

std::string EventHash(const AuditEvent& e) { return domain::ChainHash(e, &Sha256Of); }

// The payload as stored: what changed, plus the digest of the case as
// stored after the change, so Verify sees a case row edited behind the
// service's back.
std::string StoredPayload(const ports::AuditEntry& entry, const std::string& case_bytes, int64_t version) {
  std::string documents;
  for (const auto& [id, sha] : entry.documents) {
    // Ids and hashes are [a-z0-9-] only: no escaping needed.
    absl::StrAppend(&documents, documents.empty() ? "" : ",", "{\"id\":\"", id, "\",\"sha256\":\"", sha, "\"}");
  }
  return absl::StrCat("{\"change\":", entry.payload_json.empty() ? "{}" : entry.payload_json, ",\"documents\":[",
                      documents, "],\"case_sha256\":\"", Sha256Hex(case_bytes), "\",\"version\":", version, "}");
}

// Runs `body` in a transaction. `*commit_sent` tells a failure of the
// COMMIT itself (whose outcome the client cannot know) from one before it
// (rolled back).
absl::Status InTransaction(Connection& conn, const std::function<absl::Status()>& body, bool* commit_sent = nullptr) {
  // With autocommit off the transaction began after the last COMMIT.
  if (conn.autocommit()) RETURN_IF_ERROR(conn.Execute("START TRANSACTION"));
  absl::Status s = body();
  if (s.ok()) {
    if (commit_sent != nullptr) *commit_sent = true;
    return conn.Execute("COMMIT");
  }
  (void)conn.Execute("ROLLBACK");
  return s;
}

std::optional<std::string> Cell(const Connection::Row& r, size_t i) { return i < r.size() ? r[i] : std::nullopt; }

using Params = std::vector<std::optional<std::string>>;

// "INSERT ... VALUES " followed by `rows` copies of the row's placeholders.
// Each size is a distinct statement text, prepared once per connection.
std::string MultiRow(absl::string_view head, absl::string_view row, size_t rows) {
  std::string sql(head);
  for (size_t i = 0; i < rows; ++i) absl::StrAppend(&sql, i == 0 ? "" : ", ", row);
  return sql;
}

// The first response to a key as stored, when the key comes again: only for
// the same request (a record carried over without a digest matches any).
// `digest` is the request's digest as this store writes it now; a record
// written before migration 0011 holds the plain SHA-256.
absl::StatusOr<Case> FirstResponse(const std::string& stored_sha, const std::string& response,
                                   const ports::IdempotencyKey& key, const std::string& digest) {
  if (!stored_sha.empty() && stored_sha != digest && stored_sha != Sha256Hex(key.request)) {
    return WithIndonesian(InvalidField("request_id", absl::StrCat("was already used for a different ", key.method,
                                                                  " request; use a new request_id for a new request")),
                          "request_id sudah dipakai untuk permintaan lain; gunakan request_id baru.");
  }
  return Deserialize(response);
}

// The response as kept for a retry: the case as stored (the reporter is
// never in it: SealForStore took it out before).
std::string StoredResponse(const Case& c) { return Serialize(c); }

// A case as it is about to be stored, with the audit event of the change.
struct StoredChange {
  std::string bytes;  // the case row's case_proto
  AuditEvent event;
};

StoredChange PrepareChange(const Case& c, const ports::AuditEntry& entry, int64_t sequence, std::string prev_hash) {
  StoredChange out{Serialize(c), {}};
  AuditEvent& e = out.event;
  e.case_id = c.case_id;
  e.sequence = sequence;
  e.occurred_at = c.updated_at;
  e.actor = entry.actor;
  e.action = entry.action;
  e.from_state = entry.from_state;
  e.to_state = c.state;
  e.prev_hash = std::move(prev_hash);
  e.payload_json = StoredPayload(entry, out.bytes, c.version);
  e.hash = EventHash(e);
  return out;
}

std::optional<std::string> DueText(const Case& c) {
  const auto due = domain::NextDue(c);
  return due.has_value() ? std::optional<std::string>(domain::FormatIsoDate(*due)) : std::nullopt;
}

std::optional<std::string> DayText(const std::optional<absl::CivilDay>& day) {
  return day.has_value() ? std::optional<std::string>(domain::FormatIsoDate(*day)) : std::nullopt;
}

// The report and filter columns of a case row (migration 0008), in the
// order of the statements: neutrality_aspects, follow_up_state,
// follow_up_due_on, follow_up_done_on, decided_on, punishment, provision_id.
void AppendReportColumns(const Case& c, Params* p) {
  int aspects = 0;
  for (const auto& a : c.allegations) {
    if (a.neutrality_aspect != domain::NeutralityAspect::kUnspecified)
      aspects |= 1 << static_cast<int>(a.neutrality_aspect);
  }
  const auto& f = c.follow_up;
  const std::optional<domain::Punishment> in_force = domain::EffectivePunishment(c);
  std::optional<std::string> provision;
  if (in_force.has_value() && c.recommendation.has_value() &&
      !c.recommendation->assessment.resolved_provision_id.empty()) {
    provision = c.recommendation->assessment.resolved_provision_id;
  }
  p->insert(p->end(),
            {absl::StrCat(aspects), absl::StrCat(f.has_value() ? static_cast<int>(f->state) : 0),
             f.has_value() ? DayText(f->due_on) : std::nullopt, f.has_value() ? DayText(f->done_on) : std::nullopt,
             provision.has_value() ? DayText(c.decision->decided_on) : std::nullopt,
             absl::StrCat(provision.has_value() ? static_cast<int>(*in_force) : 0), provision});
}

void AppendCaseRow(const Case& c, const StoredChange& s, const std::optional<std::string>& sealed_reporter,
                   const std::optional<std::string>& key_id, Params* p) {
  p->insert(p->end(),
            {c.case_id, c.agency_code, c.register_number, absl::StrCat(static_cast<int>(c.state)),
             absl::StrCat(c.version), c.employee.nip, domain::FormatIsoDate(c.received_on), DueText(c), s.bytes,
             SqlTime(c.created_at), SqlTime(c.updated_at), s.event.hash, absl::StrCat(s.event.sequence)});
  AppendReportColumns(c, p);
  p->insert(p->end(), {sealed_reporter, sealed_reporter.has_value() ? key_id : std::nullopt});
}

void AppendEventRow(const AuditEvent& e, Params* p) {
  p->insert(p->end(), {e.case_id, absl::StrCat(e.sequence), SqlTime(e.occurred_at), e.actor, e.action,
                       absl::StrCat(static_cast<int>(e.from_state)), absl::StrCat(static_cast<int>(e.to_state)),
                       e.payload_json, e.prev_hash, e.hash});
}

// `digest`: CaseStore::RequestDigest of the request (a filing's request
// holds the reporter).
void AppendIdempotencyRow(const ports::IdempotencyKey& key, const std::string& digest, const Case& c, Params* p) {
  p->insert(p->end(), {key.scope, key.method, key.request_id, digest, c.case_id, StoredResponse(c)});
}

// Takes the next `count` register numbers of the agency and year; the last.
absl::StatusOr<uint64_t> BumpCounter(Connection& conn, const std::string& agency, int year, size_t count) {
  const std::string k = absl::StrCat(count);
  ASSIGN_OR_RETURN(uint64_t last, conn.Insert(kBumpCounter, {agency, absl::StrCat(year), k, k}));
  if (last < count) return absl::InternalError("register counter gave no value");
  return last;
}

std::string RegisterNumber(int year, uint64_t n) { return absl::StrFormat("HD/%d/%06d", year, n); }

// Filings get their own connections, with autocommit off: they only ever
// run transactions.
ConnectionOptions ManualCommit(ConnectionOptions o) {
  o.autocommit = false;
  return o;
}

}  // namespace

std::string NewCaseId() { return adapters::TimeOrderedId(); }

// One filing waiting for its batch. Guarded by CaseStore::batch_mu_ except
// `result`, which only the writer touches before setting `done`.
struct CaseStore::Filing {
  Filing(const Case* c, const ports::AuditEntry* entry, const ports::IdempotencyKey* key)
      : c(c), entry(entry), key(key) {}
  const Case* c;
  const ports::AuditEntry* entry;
  const ports::IdempotencyKey* key;
  // CreateRelated: the case filed against, changed in the same transaction.
  const Case* related = nullptr;
  const ports::AuditEntry* related_entry = nullptr;
  bool done = false;             // `result` is final
  std::condition_variable wake;  // done
  absl::StatusOr<Case> result = absl::UnknownError("not written");
};

CaseStore::CaseStore(const ConnectionOptions& options, int pool_size, FilingBatchOptions batch,
                     std::shared_ptr<const adapters::ReporterSeal> seal)
    : pool_(std::make_unique<Pool>(options, pool_size)),
      filing_pool_(std::make_unique<Pool>(ManualCommit(options), 1)),
      seal_(std::move(seal)),
      batch_(batch) {}
CaseStore::~CaseStore() {
  {
    std::lock_guard<std::mutex> lock(batch_mu_);
    stopping_ = true;
  }
  batch_cv_.notify_one();
  if (writer_.joinable()) writer_.join();
}

// The reporter, sealed, is in one place: this store (with the keys of
// adapters/common/reporter_seal.h). A case is written with the commitment in
// place of the reporter, the reporter itself encrypted in reporter_sealed;
// every case read comes back without it; only ReadReporter opens it.
absl::Status CaseStore::SealForStore(Case& c, std::optional<std::string>* sealed) const {
  if (!c.reporter.empty()) {
    if (seal_ == nullptr) {
      return WithIndonesian(absl::FailedPreconditionError(
                                "reporter: this server has no reporter_key_file configured, so it cannot keep a "
                                "reporter sealed; file the case without one or configure the key"),
                            "Server belum dikonfigurasi untuk menyimpan pelapor secara rahasia.");
    }
    c.reporter_commitment = seal_->Commitment(c.case_id, c.reporter);
    if (sealed != nullptr) {
      ASSIGN_OR_RETURN(*sealed, seal_->Seal(c.case_id, c.reporter));
    }
  }
  c.reporter.clear();
  return absl::OkStatus();
}

std::string CaseStore::RequestDigest(const std::string& request) const {
  return seal_ != nullptr ? seal_->RequestDigest(request) : Sha256Hex(request);
}

struct CaseStore::Sealed {
  std::string bytes;  // the case_proto now
  std::string head;
  int64_t count = 0;
  std::string reporter;    // the reporter the row held ("" for none)
  std::string commitment;  // its commitment, now in case_proto
};

absl::StatusOr<CaseStore::Sealed> CaseStore::SealLegacyRow(Connection& conn, const std::string& case_id,
                                                           const std::string& bytes, const std::string& head,
                                                           int64_t count, int64_t version, int state, absl::Time at) {
  codec::pb::Case p;
  if (!p.ParseFromString(bytes))
    return absl::DataLossError(absl::StrCat("case ", case_id, ": case_proto does not parse"));
  Sealed out{bytes, head, count, p.reporter(), ""};
  if (out.reporter.empty()) {
    // Nothing to seal: case_proto stays as it is, and so does the chain.
    RETURN_IF_ERROR(conn.Update(kMarkNoReporter, {case_id}).status());
    return out;
  }
  if (seal_ == nullptr) {
    return absl::FailedPreconditionError(
        absl::StrCat("case ", case_id,
                     " holds a reporter written before migration 0011, and no reporter_key_file is configured "
                     "to seal it"));
  }
  out.commitment = seal_->Commitment(case_id, out.reporter);
  p.clear_reporter();
  p.set_reporter_commitment(out.commitment);
  out.bytes = SerializeProto(p);
  ASSIGN_OR_RETURN(std::string sealed, seal_->Seal(case_id, out.reporter));
  // A no-change event: the same state on both sides, the same version; its
  // case_sha256 is the digest of the case_proto without the reporter. The
  // events before it keep what they hashed (AUDIT_FORMAT.md).
  AuditEvent e;
  e.case_id = case_id;
  e.sequence = count + 1;
  e.occurred_at = at;
  e.actor = "system";
  e.action = "SealReporter";
  e.from_state = e.to_state = static_cast<domain::CaseState>(state);
  e.prev_hash = head;
  e.payload_json =
      StoredPayload({e.actor, e.action, e.from_state, "{\"reporter\":\"sealed\"}", {}}, out.bytes, version);
  e.hash = EventHash(e);
  ASSIGN_OR_RETURN(uint64_t n, conn.Update(kSealRow, {out.bytes, sealed, seal_->key_id(), e.hash,
                                                      absl::StrCat(e.sequence), case_id, absl::StrCat(count)}));
  if (n != 1)
    return absl::AbortedError(absl::StrCat("case ", case_id, " changed while its reporter was sealed; retry"));
  Params event_row;
  AppendEventRow(e, &event_row);
  RETURN_IF_ERROR(conn.Update(MultiRow(kInsertEventHead, kEventRow, 1), event_row).status());
  out.head = e.hash;
  out.count = e.sequence;
  return out;
}

// The read is an event that changes nothing: appended to the chain in the
// case row's lock, recording the digest of the case as it stands, so the
// chain still ends at the case; the reporter is returned only if it commits.
absl::StatusOr<std::string> CaseStore::ReadReporter(const std::string& case_id, const ports::AuditEntry& entry,
                                                    absl::Time at) {
  return AppendRead(case_id, entry, at, /*open_reporter=*/true);
}

absl::Status CaseStore::RecordRead(const std::string& case_id, const ports::AuditEntry& entry, absl::Time at) {
  return AppendRead(case_id, entry, at, /*open_reporter=*/false).status();
}

// One event that changes nothing, appended under the case's row lock: the
// read of the sealed reporter (opened only then, and only recorded when there
// is one) or of a document (always recorded). A row still in the format
// before migration 0011 is sealed first, so the read's event records the
// sealed case's digest.
absl::StatusOr<std::string> CaseStore::AppendRead(const std::string& case_id, const ports::AuditEntry& entry,
                                                  absl::Time at, bool open_reporter) {
  std::string reporter;
  RETURN_IF_ERROR(pool_->With([&](Connection& conn) -> absl::Status {
    return InTransaction(conn, [&]() -> absl::Status {
      reporter.clear();
      ASSIGN_OR_RETURN(auto rows, conn.Query(kLockCaseForRead, {case_id}));
      if (rows.empty()) return absl::NotFoundError(absl::StrCat("case_id: no case ", case_id));
      std::string bytes = Cell(rows[0], 0).value_or("");
      std::string head = Cell(rows[0], 1).value_or("");
      int64_t count = 0, version = 0;
      int state = 0, format = 1;
      (void)absl::SimpleAtoi(Cell(rows[0], 2).value_or("0"), &count);
      (void)absl::SimpleAtoi(Cell(rows[0], 3).value_or("0"), &version);
      (void)absl::SimpleAtoi(Cell(rows[0], 4).value_or("0"), &state);
      (void)absl::SimpleAtoi(Cell(rows[0], 5).value_or("1"), &format);
      if (format == 0) {
        ASSIGN_OR_RETURN(Sealed sealed, SealLegacyRow(conn, case_id, bytes, head, count, version, state, at));
        bytes = std::move(sealed.bytes);
        head = std::move(sealed.head);
        count = sealed.count;
        reporter = std::move(sealed.reporter);
      } else if (const auto value = Cell(rows[0], 6); open_reporter && value.has_value()) {
        if (seal_ == nullptr) {
          return absl::FailedPreconditionError("the reporter is sealed and no reporter_key_file is configured");
        }
        ASSIGN_OR_RETURN(reporter, seal_->Open(case_id, *value));
      }
      if (open_reporter && reporter.empty()) return absl::OkStatus();  // none to read, no event
      AuditEvent e;
      e.case_id = case_id;
      e.sequence = count + 1;
      e.occurred_at = at;
      e.actor = entry.actor;
      e.action = entry.action;
      e.from_state = e.to_state = static_cast<domain::CaseState>(state);
      e.prev_hash = head;
      e.payload_json = StoredPayload(entry, bytes, version);
      e.hash = EventHash(e);
      Params event_row;
      AppendEventRow(e, &event_row);
      RETURN_IF_ERROR(conn.Update(MultiRow(kInsertEventHead, kEventRow, 1), event_row).status());
      ASSIGN_OR_RETURN(uint64_t n,
                       conn.Update(kAdvanceHead, {e.hash, absl::StrCat(e.sequence), case_id, absl::StrCat(count)}));
      if (n != 1) return absl::AbortedError("the case's history moved during the read; retry");
      return absl::OkStatus();
    });
  }));
  if (!open_reporter) reporter.clear();
  return reporter;
}

absl::StatusOr<SealRun> CaseStore::SealReporters(const std::string& after_case_id, int limit) {
  SealRun run;
  run.last_case_id = after_case_id;
  RETURN_IF_ERROR(pool_->With([&](Connection& conn) -> absl::Status {
    ASSIGN_OR_RETURN(auto ids, conn.Query(kSelectUnsealed, {after_case_id, absl::StrCat(limit)}));
    // The page's rows are sealed and committed together.
    return InTransaction(conn, [&]() -> absl::Status {
      run = SealRun{};
      run.last_case_id = after_case_id;
      for (const auto& id : ids) {
        const std::string case_id = Cell(id, 0).value_or("");
        run.last_case_id = case_id;
        ++run.read;
        ASSIGN_OR_RETURN(auto rows, conn.Query(kLockCaseForRead, {case_id}));
        int64_t count = 0, version = 0;
        int state = 0, format = 1;
        if (rows.empty()) continue;
        (void)absl::SimpleAtoi(Cell(rows[0], 2).value_or("0"), &count);
        (void)absl::SimpleAtoi(Cell(rows[0], 3).value_or("0"), &version);
        (void)absl::SimpleAtoi(Cell(rows[0], 4).value_or("0"), &state);
        (void)absl::SimpleAtoi(Cell(rows[0], 5).value_or("1"), &format);
        if (format != 0) continue;  // sealed meanwhile by a change of the case
        absl::StatusOr<Sealed> sealed =
            SealLegacyRow(conn, case_id, Cell(rows[0], 0).value_or(""), Cell(rows[0], 1).value_or(""), count, version,
                          state, absl::Now());
        if (sealed.status().code() == absl::StatusCode::kDataLoss) {
          // Nothing written for it; left at 0, passed over, and logged.
          ++run.failed;
          run.last_error = std::string(sealed.status().message());
          continue;
        }
        if (!sealed.ok()) return sealed.status();
        ++(sealed->reporter.empty() ? run.empty : run.sealed);
      }
      return absl::OkStatus();
    });
  }));
  return run;
}

absl::Status CaseStore::CheckReporterKey() {
  return pool_->Read([&](Connection& conn) -> absl::Status {
    if (seal_ == nullptr) {
      ASSIGN_OR_RETURN(auto rows, conn.Query(kAnyKey));
      if (rows.empty()) return absl::OkStatus();
      return absl::FailedPreconditionError(absl::StrCat("the case database holds reporters sealed under reporter key ",
                                                        Cell(rows[0], 0).value_or(""),
                                                        "; configure reporter_key_file with that key"));
    }
    ASSIGN_OR_RETURN(auto rows, conn.Query(kOtherKey, {seal_->key_id()}));
    if (rows.empty()) return absl::OkStatus();
    return absl::FailedPreconditionError(absl::StrCat(
        "the case database holds reporters sealed under reporter key ", Cell(rows[0], 0).value_or(""),
        ", and reporter_key_file holds key ", seal_->key_id(), ": configure the key they were sealed with"));
  });
}

absl::Status CaseStore::Check(const ports::Upload& u, const ports::UploadLimits& limits) {
  return pool_->Read([&](Connection& conn) -> absl::Status {
    if (!u.case_id.empty()) {
      ASSIGN_OR_RETURN(auto rows, conn.Query(kCaseUploads, {u.case_id}));
      int64_t count = 0, bytes = 0;
      (void)absl::SimpleAtoi(Cell(rows[0], 0).value_or("0"), &count);
      (void)absl::SimpleAtoi(Cell(rows[0], 1).value_or("0"), &bytes);
      if (count + 1 > limits.max_documents_per_case) {
        return WithIndonesian(
            absl::ResourceExhaustedError(absl::StrCat("upload quota: case ", u.case_id, " has ", count,
                                                      " documents; at most ", limits.max_documents_per_case)),
            "Kuota dokumen perkara ini sudah penuh.");
      }
      if (bytes + u.size_bytes > limits.max_bytes_per_case) {
        return WithIndonesian(absl::ResourceExhaustedError(absl::StrCat("upload quota: case ", u.case_id,
                                                                        " would hold ", bytes + u.size_bytes,
                                                                        " bytes; at most ", limits.max_bytes_per_case)),
                              "Kuota ukuran dokumen perkara ini sudah penuh.");
      }
    }
    ASSIGN_OR_RETURN(auto rows, conn.Query(kCallerUploads, {u.caller, SqlTime(absl::Now() - absl::Hours(24))}));
    int64_t bytes = 0;
    (void)absl::SimpleAtoi(Cell(rows[0], 0).value_or("0"), &bytes);
    if (bytes + u.size_bytes > limits.max_bytes_per_caller_per_day) {
      return WithIndonesian(absl::ResourceExhaustedError(absl::StrCat("upload quota: the caller uploaded ", bytes,
                                                                      " bytes in the last 24 hours; at most ",
                                                                      limits.max_bytes_per_caller_per_day)),
                            "Kuota unggah harian Anda sudah penuh.");
    }
    return absl::OkStatus();
  });
}

absl::Status CaseStore::Record(const std::string& document_id, const ports::Upload& u) {
  return pool_->With([&](Connection& conn) -> absl::Status {
    absl::Status s = conn.Update(kInsertUpload, {document_id, u.case_id, u.caller.substr(0, 64), u.agency_code,
                                                 absl::StrCat(u.size_bytes)})
                         .status();
    // The same content uploaded again by the same caller: recorded once.
    return s.code() == absl::StatusCode::kAlreadyExists ? absl::OkStatus() : s;
  });
}

absl::Status CaseStore::RecordDocumentRead(const ports::DocumentRead& r) {
  return pool_->With([&](Connection& conn) -> absl::Status {
    return conn
        .Update(kInsertDocumentRead,
                {r.document_id, r.agency_code, absl::StrCat(r.kind), r.sha256, r.actor.substr(0, 255), SqlTime(r.at)})
        .status();
  });
}

absl::Status CaseStore::Ping() {
  return pool_->Read([](Connection& conn) { return conn.Query("SELECT 1").status(); });
}

std::vector<ports::PoolUse> CaseStore::PoolUses() const {
  const Pool::Use cases = pool_->use(), filings = filing_pool_->use();
  return {{"cases", cases.in_use, cases.open, cases.size}, {"filings", filings.in_use, filings.open, filings.size}};
}

FilingStats CaseStore::filing_stats() const {
  std::lock_guard<std::mutex> lock(batch_mu_);
  return stats_;
}

// Group commit: filings queue, and one writer thread writes whatever has
// queued as one batch, then the next: one transaction, and so one redo-log
// flush, per batch instead of per filing. Each caller gets its answer only
// after its batch committed. The writer goes straight on to the next batch,
// so no hand-over sits between two batches.
absl::StatusOr<Case> CaseStore::Create(const Case& c, const ports::AuditEntry& entry,
                                       const ports::IdempotencyKey& key) {
  Filing mine(&c, &entry, &key);
  std::unique_lock<std::mutex> lock(batch_mu_);
  if (stopping_) return absl::UnavailableError("the case store is shutting down");
  if (!writer_.joinable()) writer_ = std::thread([this] { WriteLoop(); });
  queue_.push_back(&mine);
  batch_cv_.notify_one();
  mine.wake.wait(lock, [&] { return mine.done; });
  return std::move(mine.result);
}

absl::StatusOr<Case> CaseStore::CreateRelated(const Case& c, const ports::AuditEntry& entry,
                                              const ports::IdempotencyKey& key, const Case& related,
                                              const ports::AuditEntry& related_entry) {
  // Written on its own, on this thread: the related case's row is locked and
  // changed in the filing's transaction (InsertFilings).
  Filing mine(&c, &entry, &key);
  mine.related = &related;
  mine.related_entry = &related_entry;
  WriteBatch({&mine});
  return std::move(mine.result);
}

void CaseStore::WriteLoop() {
  std::unique_lock<std::mutex> lock(batch_mu_);
  for (;;) {
    batch_cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, and nothing is left to write
    std::vector<Filing*> batch;
    while (!queue_.empty() && batch.size() < static_cast<size_t>(std::max(1, batch_.max_batch))) {
      batch.push_back(queue_.front());
      queue_.pop_front();
    }
    lock.unlock();
    const absl::Time started = absl::Now();
    WriteBatch(batch);
    const absl::Duration took = absl::Now() - started;
    lock.lock();
    stats_.writing += took;
    ++stats_.batches;
    stats_.filings += batch.size();
    stats_.largest_batch = std::max<uint64_t>(stats_.largest_batch, batch.size());
    for (Filing* f : batch) {
      f->done = true;
      f->wake.notify_one();
    }
  }
}

std::vector<absl::StatusOr<Case>> CaseStore::CreateBatch(const std::vector<NewFiling>& filings) {
  std::deque<Filing> items;
  for (const NewFiling& f : filings) items.emplace_back(&f.c, &f.entry, &f.key);
  std::vector<Filing*> batch;
  for (Filing& f : items) batch.push_back(&f);
  WriteBatch(batch);
  std::vector<absl::StatusOr<Case>> out;
  for (Filing& f : items) out.push_back(std::move(f.result));
  return out;
}

// Writes the batch in one transaction (TryWrite). When that fails before
// COMMIT (a racing repeat of a request_id, a deadlock, one bad row) it was
// rolled back, and each filing is written on its own so that each gets its
// own answer. When the COMMIT itself fails its outcome is unknown: every
// filing gets the error, and a retry with the same request_id is safe.
void CaseStore::WriteBatch(const std::vector<Filing*>& batch) {
  // A request_id twice in one batch: the repeat is written after the first
  // committed, and so replays it.
  std::vector<Filing*> first, alone;
  std::set<std::tuple<std::string, std::string, std::string>> seen;
  for (Filing* f : batch) {
    (seen.insert({f->key->scope, f->key->method, f->key->request_id}).second ? first : alone).push_back(f);
  }
  if (first.size() == 1) {
    alone.insert(alone.begin(), first[0]);
  } else {
    bool commit_sent = false;
    const absl::Status s = TryWrite(first, &commit_sent);
    if (!s.ok() && !commit_sent && s.code() != absl::StatusCode::kUnavailable) {
      alone.insert(alone.begin(), first.begin(), first.end());
    } else if (!s.ok()) {
      for (Filing* f : first) f->result = s;
    }
  }
  for (Filing* f : alone) {
    for (int attempt = 0; attempt < kCreateRetries; ++attempt) {
      bool commit_sent = false;
      const absl::Status s = TryWrite({f}, &commit_sent);
      if (s.ok()) break;
      f->result = s;
      // A repeat that committed between this transaction's look-up and its
      // insert: answer with the first response. Else a violation another
      // case holds: answer naming it; when that case released it meanwhile,
      // try again.
      if (s.code() == absl::StatusCode::kAlreadyExists) {
        auto replay = FindByRequestId(*f->key);
        if (!replay.ok()) {
          f->result = replay.status();
        } else if (replay->has_value()) {
          f->result = std::move(**replay);
        } else {
          absl::StatusOr<bool> named = ClaimConflict(*f->c, f->result);
          if (!named.ok()) f->result = named.status();
          if (named.ok() && !*named) continue;
        }
      }
      // A deadlock rolled everything back: try again.
      if (s.code() != absl::StatusCode::kAborted || commit_sent) break;
    }
  }
}

// One transaction for `filings` (distinct request_ids): for a lone filing
// the look-up of its request_id, then one counter statement per agency and
// year, then one multi-row INSERT each for the cases, their first audit
// events and the idempotency records. Sets every filing's result only when
// the transaction committed.
absl::Status CaseStore::TryWrite(const std::vector<Filing*>& filings, bool* commit_sent) {
  std::vector<absl::StatusOr<Case>> results;
  const absl::Status s = filing_pool_->With([&](Connection& conn) -> absl::Status {
    return InTransaction(
        conn,
        [&]() -> absl::Status {
          results.assign(filings.size(), absl::UnknownError("not written"));
          // A batch does not spend the look-up's round trip: a request_id
          // stored before fails its idempotency insert, and the batch is
          // then written filing by filing.
          if (filings.size() == 1) {
            ASSIGN_OR_RETURN(bool seen, LookUpRequest(conn, *filings[0], results[0]));
            if (seen) return absl::OkStatus();
          }
          return InsertFilings(conn, filings, results);
        },
        commit_sent);
  });
  if (!s.ok()) return s;
  for (size_t i = 0; i < filings.size(); ++i) filings[i]->result = std::move(results[i]);
  return absl::OkStatus();
}

// Whether the filing's request_id was stored before; then `result` is its
// first response (or INVALID_ARGUMENT when it was used for another method).
absl::StatusOr<bool> CaseStore::LookUpRequest(Connection& conn, const Filing& filing, absl::StatusOr<Case>& result) {
  const ports::IdempotencyKey& k = *filing.key;
  ASSIGN_OR_RETURN(auto rows, conn.Query(kSelectIdempotency, {k.scope, k.method, k.request_id}));
  if (rows.empty()) return false;
  result = FirstResponse(Cell(rows[0], 0).value_or(""), Cell(rows[0], 1).value_or(""), k, RequestDigest(k.request));
  return true;
}

absl::Status CaseStore::InsertFilings(Connection& conn, const std::vector<Filing*>& filings,
                                      std::vector<absl::StatusOr<Case>>& results) {
  std::vector<Case> cases;
  for (const Filing* f : filings) cases.push_back(*f->c);
  Params claim_keys;
  size_t claims = 0;
  for (const Case& c : cases) {
    for (const domain::ViolationKey& k : domain::ViolationKeysOf(c)) {
      claim_keys.insert(claim_keys.end(), {k.nip, k.provision_id, domain::FormatIsoDate(k.occurred_on), c.case_id});
      ++claims;
    }
  }
  if (claims > 0) {
    absl::Status claimed = conn.Update(MultiRow(kInsertClaimHead, kClaimRow, claims), claim_keys).status();
    // Told apart from a racing request_id by WriteBatch (ClaimConflict).
    if (claimed.code() == absl::StatusCode::kAlreadyExists)
      return absl::AlreadyExistsError("allegations: a violation of this filing is claimed by another case; retry");
    RETURN_IF_ERROR(claimed);
  }
  // Register numbers, agency by agency in a fixed order (concurrent batches
  // lock the counter rows in the same order), numbered in arrival order. The
  // counter rows stay locked until COMMIT: a rolled-back batch leaves no gap.
  std::map<std::pair<std::string, int>, std::vector<size_t>> by_register;
  for (size_t i = 0; i < cases.size(); ++i) {
    by_register[{cases[i].agency_code, cases[i].received_on.year()}].push_back(i);
  }
  for (const auto& [key, members] : by_register) {
    ASSIGN_OR_RETURN(uint64_t last, BumpCounter(conn, key.first, key.second, members.size()));
    uint64_t n = last - members.size();
    for (size_t i : members) cases[i].register_number = RegisterNumber(key.second, ++n);
  }
  Params case_rows, event_rows, claim_rows;
  for (size_t k = 0; k < cases.size(); ++k) {
    const Filing& f = *filings[k];
    cases[k].version = 1;
    std::optional<std::string> sealed;
    RETURN_IF_ERROR(SealForStore(cases[k], &sealed));
    const StoredChange s = PrepareChange(cases[k], *f.entry, 1, domain::kGenesisHash);
    AppendCaseRow(cases[k], s, sealed, seal_ != nullptr ? std::optional<std::string>(seal_->key_id()) : std::nullopt,
                  &case_rows);
    AppendEventRow(s.event, &event_rows);
    AppendIdempotencyRow(*f.key, RequestDigest(f.key->request), cases[k], &claim_rows);
  }
  RETURN_IF_ERROR(conn.Update(MultiRow(kInsertCaseHead, kCaseRow, cases.size()), case_rows).status());
  RETURN_IF_ERROR(conn.Update(MultiRow(kInsertEventHead, kEventRow, cases.size()), event_rows).status());
  RETURN_IF_ERROR(conn.Update(MultiRow(kInsertIdempotencyHead, kIdempotencyRow, cases.size()), claim_rows).status());
  for (const Filing* f : filings) {
    if (f->related == nullptr) continue;
    Case related = *f->related;
    RETURN_IF_ERROR(WriteChange(conn, related, *f->related_entry));
  }
  for (size_t k = 0; k < cases.size(); ++k) results[k] = std::move(cases[k]);
  return absl::OkStatus();
}

// One case change inside the caller's transaction: locks the row, checks
// the version, writes the row, its audit event, the claims it releases, its
// priors and its SIASN record (Update, UpdateMany).
absl::Status CaseStore::WriteChange(Connection& conn, Case& c, const ports::AuditEntry& entry) {
  ASSIGN_OR_RETURN(auto rows, conn.Query(kLockCase, {c.case_id}));
  if (rows.empty()) return absl::NotFoundError(absl::StrCat("case_id: no case ", c.case_id));
  const std::string stored_version = Cell(rows[0], 0).value_or("");
  if (stored_version != absl::StrCat(c.version - 1)) {
    return WithIndonesian(
        absl::AbortedError(absl::StrCat("version: the case is at version ", stored_version,
                                        ", the request was based on ", c.version - 1, "; reload and retry")),
        "Perkara telah diubah oleh pengguna lain. Muat ulang lalu coba lagi.");
  }
  int64_t count = 0;
  (void)absl::SimpleAtoi(Cell(rows[0], 2).value_or("0"), &count);
  std::string head = Cell(rows[0], 1).value_or("");
  // The reporter is set at filing only; a case changed before the
  // sealing step of 0011 reached it is sealed first, in this
  // transaction, with its own event.
  c.reporter.clear();
  if (Cell(rows[0], 3).value_or("1") == "0") {
    ASSIGN_OR_RETURN(auto locked, conn.Query(kLockCaseForRead, {c.case_id}));
    if (locked.empty()) return absl::NotFoundError(absl::StrCat("case_id: no case ", c.case_id));
    int state = 0;
    (void)absl::SimpleAtoi(Cell(locked[0], 4).value_or("0"), &state);
    ASSIGN_OR_RETURN(Sealed sealed, SealLegacyRow(conn, c.case_id, Cell(locked[0], 0).value_or(""), head, count,
                                                  c.version - 1, state, c.updated_at));
    head = std::move(sealed.head);
    count = sealed.count;
    c.reporter_commitment = std::move(sealed.commitment);
  }
  const StoredChange stored = PrepareChange(c, entry, count + 1, head);
  const AuditEvent& e = stored.event;
  Params update{absl::StrCat(static_cast<int>(c.state)),
                absl::StrCat(c.version),
                DueText(c),
                stored.bytes,
                SqlTime(c.updated_at),
                e.hash,
                absl::StrCat(e.sequence)};
  AppendReportColumns(c, &update);
  update.insert(update.end(), {c.case_id, absl::StrCat(c.version - 1)});
  ASSIGN_OR_RETURN(uint64_t n, conn.Update(kUpdateCase, update));
  if (n != 1) return absl::AbortedError("version: the case changed during the update; reload and retry");
  // Ended without a punishment: its violations may be filed again.
  if (!domain::HoldsViolations(c.state)) RETURN_IF_ERROR(conn.Update(kReleaseClaims, {c.case_id}).status());
  Params event_row;
  AppendEventRow(e, &event_row);
  RETURN_IF_ERROR(conn.Update(MultiRow(kInsertEventHead, kEventRow, 1), event_row).status());
  if (!entry.new_priors.empty()) {
    // The last entries of the case's priors, under the employee's NIP.
    Params prior_rows;
    const size_t first = c.prior_punishments.size() - std::min(c.prior_punishments.size(), entry.new_priors.size());
    for (size_t k = 0; k < entry.new_priors.size(); ++k) {
      const domain::PriorPunishment& p = entry.new_priors[k];
      prior_rows.insert(
          prior_rows.end(),
          {c.case_id, absl::StrCat(first + k), c.employee.nip, absl::StrCat(static_cast<int>(p.punishment)),
           p.provision_id, p.decision_number, domain::FormatIsoDate(p.decided_on), DayText(p.effective_on),
           absl::StrCat(static_cast<int>(p.source)), p.document_id});
    }
    RETURN_IF_ERROR(conn.Update(MultiRow(kInsertPriorHead, kPriorRow, entry.new_priors.size()), prior_rows).status());
  }
  if (!entry.siasn_key.empty()) {
    const bool refused = !entry.siasn_record.has_value();
    RETURN_IF_ERROR(conn.Update(kPutOutbox, {c.case_id, entry.siasn_key,
                                             refused ? "" : codec::SiasnPayloadJson(*entry.siasn_record),
                                             absl::StrCat(refused ? 3 : 1), entry.siasn_error.substr(0, 1000),
                                             c.employee.nip, refused ? "" : entry.siasn_record->sk_document_id,
                                             refused ? "" : entry.siasn_record->sk_dokumen_ref})
                        .status());
  }
  // Notifications the change makes due, with the change (0022).
  return PutNotifications(conn, entry.notifications);
}

absl::StatusOr<Case> CaseStore::Update(const Case& input, const ports::AuditEntry& entry,
                                       const ports::IdempotencyKey& key) {
  // One case is a change of many with one member: the same transaction, the
  // same replay of a repeated request.
  return UpdateMany({{input, entry}}, key);
}

absl::StatusOr<Case> CaseStore::UpdateMany(const std::vector<std::pair<Case, ports::AuditEntry>>& changes,
                                           const ports::IdempotencyKey& key) {
  if (changes.empty()) return absl::InvalidArgumentError("no change");
  std::vector<Case> cs;
  for (const auto& ch : changes) cs.push_back(ch.first);
  // Rows are locked in case id order, whatever the request's order, so that
  // two joins of overlapping cases cannot deadlock.
  std::vector<size_t> order(cs.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return cs[a].case_id < cs[b].case_id; });
  bool replay = false;
  absl::Status s = pool_->With([&](Connection& conn) -> absl::Status {
    return InTransaction(conn, [&]() -> absl::Status {
      for (size_t i : order) RETURN_IF_ERROR(WriteChange(conn, cs[i], changes[i].second));
      Params claim_row;
      AppendIdempotencyRow(key, RequestDigest(key.request), cs[0], &claim_row);
      absl::Status claim = conn.Update(MultiRow(kInsertIdempotencyHead, kIdempotencyRow, 1), claim_row).status();
      if (claim.code() == absl::StatusCode::kAlreadyExists) {
        replay = true;
        return absl::AlreadyExistsError("replay");
      }
      return claim;
    });
  });
  if (replay || s.code() == absl::StatusCode::kAborted) {
    auto first = FindByRequestId(key);
    if (first.ok() && first->has_value()) return **first;
    if (replay)
      return first.ok() ? absl::InternalError("request_id: the first response is not recorded") : first.status();
  }
  if (!s.ok()) return s;
  return cs[0];
}

absl::StatusOr<bool> CaseStore::ClaimConflict(const Case& c, absl::StatusOr<Case>& result) {
  bool found = false;
  RETURN_IF_ERROR(pool_->Read([&](Connection& conn) -> absl::Status {
    found = false;
    for (const domain::ViolationKey& k : domain::ViolationKeysOf(c)) {
      ASSIGN_OR_RETURN(auto rows,
                       conn.Query(kClaimHolder, {k.nip, k.provision_id, domain::FormatIsoDate(k.occurred_on)}));
      if (rows.empty()) continue;
      // Another agency's case (the employee's former one) is not named.
      result = Cell(rows[0], 2).value_or("") == c.agency_code
                   ? domain::ViolationAlreadyFiled(k, Cell(rows[0], 0).value_or(""), Cell(rows[0], 1).value_or(""))
                   : domain::ViolationAlreadyFiledElsewhere(k);
      found = true;
      return absl::OkStatus();
    }
    return absl::OkStatus();
  }));
  return found;
}

namespace {

// The stored cases one statement selects for an employee's NIP (its first
// column the case's bytes), read in one snapshot.
absl::StatusOr<std::vector<Case>> CasesSelected(Pool& pool, const char* sql, const std::string& nip) {
  std::vector<Case> out;
  RETURN_IF_ERROR(pool.Read([&](Connection& conn) -> absl::Status {
    out.clear();
    ASSIGN_OR_RETURN(auto rows, conn.Query(sql, {nip}));
    for (const auto& r : rows) {
      ASSIGN_OR_RETURN(Case c, Deserialize(Cell(r, 0).value_or("")));
      out.push_back(std::move(c));
    }
    return absl::OkStatus();
  }));
  return out;
}

}  // namespace

absl::StatusOr<std::vector<Case>> CaseStore::CasesOfEmployee(const std::string& nip) {
  return CasesSelected(*pool_, kSelectOfEmployee, nip);
}

absl::StatusOr<std::optional<Case>> CaseStore::FindByRequestId(const ports::IdempotencyKey& key) {
  std::optional<Case> found;
  RETURN_IF_ERROR(pool_->Read([&](Connection& conn) -> absl::Status {
    ASSIGN_OR_RETURN(auto rows, conn.Query(kSelectIdempotency, {key.scope, key.method, key.request_id}));
    if (rows.empty()) return absl::OkStatus();
    ASSIGN_OR_RETURN(Case c, FirstResponse(Cell(rows[0], 0).value_or(""), Cell(rows[0], 1).value_or(""), key,
                                           RequestDigest(key.request)));
    found = std::move(c);
    return absl::OkStatus();
  }));
  return found;
}

absl::StatusOr<BackfillRun> CaseStore::BackfillReportColumns(const std::string& after_case_id, int limit) {
  BackfillRun run;
  run.last_case_id = after_case_id;
  RETURN_IF_ERROR(pool_->With([&](Connection& conn) -> absl::Status {
    ASSIGN_OR_RETURN(auto rows, conn.Query(kSelectUnreported, {after_case_id, absl::StrCat(limit)}));
    // The page's updates commit together: one redo-log flush, not one a row.
    return InTransaction(conn, [&]() -> absl::Status {
      for (const auto& row : rows) {
        const std::string case_id = Cell(row, 0).value_or("");
        run.last_case_id = case_id;
        ++run.read;
        absl::StatusOr<Case> c = Deserialize(Cell(row, 2).value_or(""));
        if (!c.ok()) {
          // Left at 0 and passed over; the server logs it.
          ++run.failed;
          run.last_error = absl::StrCat(case_id, ": ", c.status().message());
          continue;
        }
        Params p;
        AppendReportColumns(*c, &p);
        p.insert(p.end(), {case_id, Cell(row, 1).value_or("")});
        // A row changed since the read was given its columns by that change.
        ASSIGN_OR_RETURN(uint64_t n, conn.Update(kSetReportColumns, p));
        run.updated += static_cast<int>(n);
      }
      return absl::OkStatus();
    });
  }));
  return run;
}

absl::StatusOr<BackfillRun> CaseStore::BackfillViolationClaims(const std::string& after_case_id, int limit) {
  BackfillRun run;
  run.last_case_id = after_case_id;
  RETURN_IF_ERROR(pool_->With([&](Connection& conn) -> absl::Status {
    return InTransaction(conn, [&]() -> absl::Status {
      ASSIGN_OR_RETURN(auto rows, conn.Query(kSelectUnclaimed, {after_case_id, absl::StrCat(limit)}));
      for (const auto& row : rows) {
        const std::string case_id = Cell(row, 0).value_or("");
        run.last_case_id = case_id;
        ++run.read;
        absl::StatusOr<Case> c = Deserialize(Cell(row, 1).value_or(""));
        if (!c.ok()) {
          ++run.failed;  // left at 0 and passed over; the server logs it
          run.last_error = absl::StrCat(case_id, ": ", c.status().message());
          continue;
        }
        if (domain::HoldsViolations(c->state)) {
          for (const domain::ViolationKey& k : domain::ViolationKeysOf(*c)) {
            RETURN_IF_ERROR(
                conn.Update(kInsertOldClaim, {k.nip, k.provision_id, domain::FormatIsoDate(k.occurred_on), case_id})
                    .status());
          }
        }
        ASSIGN_OR_RETURN(uint64_t n, conn.Update(kSetClaimed, {case_id}));
        run.updated += static_cast<int>(n);
      }
      return absl::OkStatus();
    });
  }));
  return run;
}

absl::StatusOr<Case> CaseStore::Get(const std::string& case_id) {
  absl::StatusOr<Case> result = absl::NotFoundError(absl::StrCat("case_id: no case ", case_id));
  RETURN_IF_ERROR(pool_->Read([&](Connection& conn) -> absl::Status {
    ASSIGN_OR_RETURN(auto rows, conn.Query(kSelectCase, {case_id}));
    if (!rows.empty()) result = Deserialize(Cell(rows[0], 0).value_or(""));
    return absl::OkStatus();
  }));
  return result;
}

namespace {

// The aspect filter of a report or listing; appended to `sql` and `params`.
void AspectFilter(domain::NeutralityAspect aspect, std::string& sql, Params& params) {
  if (aspect == domain::NeutralityAspect::kUnspecified) return;
  sql += " AND (neutrality_aspects & ?) <> 0";
  params.push_back(absl::StrCat(1 << static_cast<int>(aspect)));
}

int64_t Count(const Connection::Row& r, size_t i) {
  int64_t n = 0;
  (void)absl::SimpleAtoi(Cell(r, i).value_or("0"), &n);
  return n;
}

}  // namespace

absl::StatusOr<ports::CasePage> CaseStore::List(const ports::CaseFilter& f) {
  const int page_size = f.page_size <= 0 ? 50 : std::min(f.page_size, 500);
  // Fixed fragments only; every value is a placeholder.
  std::string sql = "SELECT case_id, case_proto, next_due_on FROM cases WHERE ";
  std::vector<std::optional<std::string>> params;
  if (f.overdue_only) {
    // A range on ix_cases_due (next_due_on, case_id), whatever the size.
    sql += "next_due_on < ?";
    params.push_back(domain::FormatIsoDate(f.today));
    if (f.after_due_on.has_value()) {
      const std::string due = domain::FormatIsoDate(*f.after_due_on);
      sql += " AND (next_due_on > ? OR (next_due_on = ? AND case_id > ?))";
      params.insert(params.end(), {due, due, f.after_case_id});
    }
  } else {
    sql += "case_id > ?";
    params.push_back(f.after_case_id);
  }
  if (!f.agency_code.empty()) {
    sql += " AND agency_code = ?";
    params.push_back(f.agency_code);
  }
  if (f.state != domain::CaseState::kUnspecified) {
    sql += " AND state = ?";
    params.push_back(absl::StrCat(static_cast<int>(f.state)));
  }
  if (!f.employee_nip.empty()) {
    sql += " AND employee_nip = ?";
    params.push_back(f.employee_nip);
  }
  AspectFilter(f.neutrality_aspect, sql, params);
  // The limit is a parameter too: one statement text per filter shape, not
  // one per page size (the prepared-statement cache stays bounded).
  absl::StrAppend(&sql, f.overdue_only ? " ORDER BY next_due_on, case_id" : " ORDER BY case_id", " LIMIT ?");
  params.push_back(absl::StrCat(page_size + 1));
  ports::CasePage page;
  RETURN_IF_ERROR(pool_->Read([&](Connection& conn) -> absl::Status {
    page.cases.clear();
    ASSIGN_OR_RETURN(auto rows, conn.Query(sql, params));
    for (size_t i = 0; i < rows.size() && static_cast<int>(i) < page_size; ++i) {
      ASSIGN_OR_RETURN(Case c, Deserialize(Cell(rows[i], 1).value_or("")));
      page.cases.push_back(std::move(c));
    }
    page.more = static_cast<int>(rows.size()) > page_size;
    return absl::OkStatus();
  }));
  return page;
}

absl::StatusOr<std::vector<Case>> CaseStore::FollowUpsDue(absl::CivilDay before, int limit) {
  std::vector<Case> due;
  RETURN_IF_ERROR(pool_->Read([&](Connection& conn) -> absl::Status {
    due.clear();
    ASSIGN_OR_RETURN(auto rows, conn.Query(kSelectFollowUpsDue, {domain::FormatIsoDate(before), absl::StrCat(limit)}));
    for (const auto& r : rows) {
      ASSIGN_OR_RETURN(Case c, Deserialize(Cell(r, 0).value_or("")));
      due.push_back(std::move(c));
    }
    return absl::OkStatus();
  }));
  return due;
}

absl::StatusOr<std::vector<ports::OutboxRecord>> CaseStore::DueRecords(int limit) {
  std::vector<ports::OutboxRecord> out;
  RETURN_IF_ERROR(pool_->Read([&](Connection& conn) -> absl::Status {
    out.clear();
    ASSIGN_OR_RETURN(auto rows, conn.Query(kDueOutbox, {absl::StrCat(limit)}));
    for (const auto& r : rows) {
      int attempts = 0;
      (void)absl::SimpleAtoi(Cell(r, 3).value_or("0"), &attempts);
      ports::OutboxRecord o{Cell(r, 0).value_or(""), Cell(r, 1).value_or(""), Cell(r, 2).value_or(""), attempts};
      o.siasn_id = Cell(r, 4).value_or("");
      o.step = Cell(r, 5).value_or("0") == "1" ? ports::SiasnStep::kAttach : ports::SiasnStep::kSave;
      o.save_sent = Cell(r, 6).value_or("0") == "1";
      o.nip = Cell(r, 7).value_or("");
      o.sk_document_id = Cell(r, 8).value_or("");
      o.sk_dokumen_ref = Cell(r, 9).value_or("");
      o.attached_document_id = Cell(r, 10).value_or("");
      out.push_back(std::move(o));
    }
    return absl::OkStatus();
  }));
  return out;
}

absl::Status CaseStore::MarkSaveSent(const ports::OutboxRecord& r) {
  return pool_->With([&](Connection& conn) -> absl::Status {
    return conn.Update(kOutboxSaveSent, {r.case_id, r.idempotency_key}).status();
  });
}

absl::Status CaseStore::MarkSaved(const ports::OutboxRecord& r, const std::string& siasn_id) {
  return pool_->With([&](Connection& conn) -> absl::Status {
    return conn.Update(kOutboxSaved, {siasn_id.substr(0, 128), r.idempotency_key, r.case_id}).status();
  });
}

absl::Status CaseStore::MarkDelivered(const ports::OutboxRecord& r, const std::string& siasn_id) {
  return pool_->With([&](Connection& conn) -> absl::Status {
    return conn.Update(kOutboxDelivered, {siasn_id.substr(0, 128), r.case_id, r.idempotency_key}).status();
  });
}

absl::Status CaseStore::MarkFailed(const ports::OutboxRecord& r, const std::string& error, bool refused,
                                   absl::Duration retry_after) {
  return pool_->With([&](Connection& conn) -> absl::Status {
    return conn
        .Update(kOutboxFailed, {absl::StrCat(refused ? 3 : 1), error.substr(0, 1000),
                                absl::StrCat(absl::ToInt64Microseconds(retry_after)), r.case_id, r.idempotency_key})
        .status();
  });
}

absl::StatusOr<std::optional<ports::SiasnExport>> CaseStore::ExportOf(const std::string& case_id) {
  std::optional<ports::SiasnExport> out;
  RETURN_IF_ERROR(pool_->Read([&](Connection& conn) -> absl::Status {
    out.reset();
    ASSIGN_OR_RETURN(auto rows, conn.Query(kOutboxOf, {case_id}));
    if (rows.empty()) return absl::OkStatus();
    ports::SiasnExport e;
    int state = 0;
    (void)absl::SimpleAtoi(Cell(rows[0], 0).value_or("0"), &state);
    e.state = static_cast<ports::SiasnExportState>(state);
    (void)absl::SimpleAtoi(Cell(rows[0], 1).value_or("0"), &e.attempts);
    e.last_error = Cell(rows[0], 2).value_or("");
    if (auto at = Cell(rows[0], 3); at.has_value()) {
      absl::Time t;
      std::string err;
      if (absl::ParseTime(absl::RFC3339_full, *at, &t, &err)) e.exported_at = t;
    }
    e.siasn_id = Cell(rows[0], 4).value_or("");
    e.idempotency_key = Cell(rows[0], 5).value_or("");
    e.step = Cell(rows[0], 6).value_or("0") == "1" ? ports::SiasnStep::kAttach : ports::SiasnStep::kSave;
    out = e;
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<bool> CaseStore::Acquire(const std::string& name, const std::string& holder, absl::Duration ttl) {
  bool held = false;
  RETURN_IF_ERROR(pool_->With([&](Connection& conn) -> absl::Status {
    return InTransaction(conn, [&]() -> absl::Status {
      RETURN_IF_ERROR(
          conn.Update(kAcquireLease, {name, holder, absl::StrCat(absl::ToInt64Microseconds(ttl))}).status());
      ASSIGN_OR_RETURN(auto rows, conn.Query(kLeaseHolder, {name}));
      held = !rows.empty() && Cell(rows[0], 0).value_or("") == holder;
      return absl::OkStatus();
    });
  }));
  return held;
}

absl::StatusOr<std::vector<domain::FollowUpTally>> CaseStore::FollowUps(const ports::FollowUpQuery& q) {
  // A range on ix_cases_follow_report (follow_up_state > 0, then
  // received_on), answered from the index alone.
  std::string sql =
      "SELECT agency_code, follow_up_state, follow_up_due_on < ?, COALESCE(follow_up_done_on <= follow_up_due_on, 0), "
      "neutrality_aspects, COUNT(*) FROM cases WHERE follow_up_state > 0 AND received_on BETWEEN ? AND ?";
  Params params{domain::FormatIsoDate(q.as_of), domain::FormatIsoDate(q.from), domain::FormatIsoDate(q.to)};
  if (!q.agency_code.empty()) {
    sql += " AND agency_code = ?";
    params.push_back(q.agency_code);
  }
  AspectFilter(q.aspect, sql, params);
  sql += " GROUP BY 1, 2, 3, 4, 5";
  std::vector<domain::FollowUpTally> out;
  RETURN_IF_ERROR(pool_->Read([&](Connection& conn) -> absl::Status {
    out.clear();
    ASSIGN_OR_RETURN(auto rows, conn.Query(sql, params));
    for (const auto& r : rows) {
      out.push_back({Cell(r, 0).value_or(""), static_cast<domain::FollowUpState>(Count(r, 1)), Count(r, 2) != 0,
                     Count(r, 3) != 0, static_cast<int>(Count(r, 4)), Count(r, 5)});
    }
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::vector<domain::PunishmentTally>> CaseStore::Punishments(const ports::PunishmentQuery& q) {
  // ix_cases_consistency (provision_id, decided_on, ...), index only.
  std::string sql = "SELECT provision_id, agency_code, punishment, COUNT(*) FROM cases WHERE ";
  Params params;
  if (q.provision_id.empty()) {
    sql += "provision_id IS NOT NULL";
  } else {
    sql += "provision_id = ?";
    params.push_back(q.provision_id);
  }
  sql += " AND decided_on BETWEEN ? AND ?";
  params.insert(params.end(), {domain::FormatIsoDate(q.from), domain::FormatIsoDate(q.to)});
  AspectFilter(q.aspect, sql, params);
  sql += " GROUP BY 1, 2, 3";
  std::vector<domain::PunishmentTally> out;
  RETURN_IF_ERROR(pool_->Read([&](Connection& conn) -> absl::Status {
    out.clear();
    ASSIGN_OR_RETURN(auto rows, conn.Query(sql, params));
    for (const auto& r : rows) {
      out.push_back({Cell(r, 0).value_or(""), Cell(r, 1).value_or(""), static_cast<domain::Punishment>(Count(r, 2)),
                     Count(r, 3)});
    }
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::vector<domain::PriorPunishment>> CaseStore::PriorPunishmentsOf(const std::string& nip) {
  std::vector<domain::PriorPunishment> out;
  RETURN_IF_ERROR(pool_->Read([&](Connection& conn) -> absl::Status {
    out.clear();
    ASSIGN_OR_RETURN(auto rows, conn.Query(kSelectPriors, {nip}));
    for (const auto& r : rows) {
      domain::PriorPunishment p;
      int punishment = 0, source = 0;
      (void)absl::SimpleAtoi(Cell(r, 0).value_or("0"), &punishment);
      p.punishment = static_cast<domain::Punishment>(punishment);
      p.provision_id = Cell(r, 1).value_or("");
      p.decision_number = Cell(r, 2).value_or("");
      ASSIGN_OR_RETURN(p.decided_on, domain::ParseIsoDate(Cell(r, 3).value_or(""), "prior_punishments.decided_on"));
      if (const auto eff = Cell(r, 4); eff.has_value() && !eff->empty()) {
        ASSIGN_OR_RETURN(p.effective_on, domain::ParseIsoDate(*eff, "prior_punishments.effective_on"));
      }
      (void)absl::SimpleAtoi(Cell(r, 5).value_or("0"), &source);
      p.source = static_cast<domain::PriorSource>(source);
      p.document_id = Cell(r, 6).value_or("");
      out.push_back(std::move(p));
    }
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::vector<Case>> CaseStore::DecidedCasesOf(const std::string& nip) {
  return CasesSelected(*pool_, kSelectDecided, nip);
}

namespace {

// The events of a case after `after_sequence`, at most `limit`, on `conn`.
absl::StatusOr<std::vector<AuditEvent>> ReadEvents(Connection& conn, const std::string& case_id, int64_t after_sequence,
                                                   int limit) {
  std::vector<AuditEvent> out;
  ASSIGN_OR_RETURN(
      auto rows, conn.Query(kSelectEvents, {case_id, absl::StrCat(after_sequence), absl::StrCat(std::max(1, limit))}));
  for (const auto& r : rows) {
    AuditEvent e;
    e.case_id = Cell(r, 0).value_or("");
    (void)absl::SimpleAtoi(Cell(r, 1).value_or("0"), &e.sequence);
    std::string err;
    (void)absl::ParseTime("%Y-%m-%dT%H:%M:%E*SZ", Cell(r, 2).value_or(""), absl::UTCTimeZone(), &e.occurred_at, &err);
    e.actor = Cell(r, 3).value_or("");
    e.action = Cell(r, 4).value_or("");
    int from = 0, to = 0;
    (void)absl::SimpleAtoi(Cell(r, 5).value_or("0"), &from);
    (void)absl::SimpleAtoi(Cell(r, 6).value_or("0"), &to);
    e.from_state = static_cast<domain::CaseState>(from);
    e.to_state = static_cast<domain::CaseState>(to);
    e.payload_json = Cell(r, 7).value_or("");
    e.prev_hash = Cell(r, 8).value_or("");
    e.hash = Cell(r, 9).value_or("");
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace

absl::StatusOr<std::vector<AuditEvent>> CaseStore::History(const std::string& case_id, int64_t after_sequence,
                                                           int limit) {
  std::vector<AuditEvent> out;
  RETURN_IF_ERROR(pool_->Read([&](Connection& conn) -> absl::Status {
    ASSIGN_OR_RETURN(out, ReadEvents(conn, case_id, after_sequence, limit));
    return absl::OkStatus();
  }));
  return out;
}

// The case row and every event are read in one consistent snapshot, so a
// case that changes while it is verified is never reported as tampered
// with; the chain itself is checked by the domain (audit_chain.h).
absl::StatusOr<ports::VerifyResult> CaseStore::Verify(const std::string& case_id) {
  domain::ChainHead head;
  std::vector<AuditEvent> events;
  bool exists = false;
  RETURN_IF_ERROR(pool_->Read([&](Connection& conn) -> absl::Status {
    events.clear();
    exists = false;
    RETURN_IF_ERROR(conn.Execute(kSnapshot));
    absl::Status s = [&]() -> absl::Status {
      ASSIGN_OR_RETURN(auto rows, conn.Query(kSelectCaseHead, {case_id}));
      if (rows.empty()) return absl::OkStatus();
      exists = true;
      head.case_sha256 = Sha256Hex(Cell(rows[0], 0).value_or(""));
      head.head_hash = Cell(rows[0], 1).value_or("");
      (void)absl::SimpleAtoi(Cell(rows[0], 2).value_or("0"), &head.count);
      for (int64_t after = 0;;) {
        ASSIGN_OR_RETURN(auto batch, ReadEvents(conn, case_id, after, kVerifyBatch));
        if (batch.empty()) break;
        after = batch.back().sequence;
        const bool last = batch.size() < static_cast<size_t>(kVerifyBatch);
        events.insert(events.end(), std::make_move_iterator(batch.begin()), std::make_move_iterator(batch.end()));
        if (last) break;
      }
      return absl::OkStatus();
    }();
    const absl::Status end = conn.Execute("COMMIT");
    return s.ok() ? end : s;
  }));
  if (!exists) return absl::NotFoundError(absl::StrCat("case_id: no case ", case_id));
  const domain::ChainVerdict v = domain::VerifyChain(head, events, &Sha256Of);
  return ports::VerifyResult{v.valid, v.events_checked, v.first_invalid_sequence, v.reason};
}

}  // namespace discipline::mariadb
