#include "adapters/mariadb/store_internal.h"

#include "absl/strings/str_cat.h"
#include "adapters/common/digest.h"
#include "service/codec/case_codec.h"
#include "service/codec/stored_case_codec.h"
#include "service/common/errors.h"
#include "service/common/status_macros.h"
#include "service/domain/audit_chain.h"
#include "service/domain/calendar.h"

namespace discipline::mariadb::internal {
namespace {

constexpr std::string_view kInsertEventHead =
    "INSERT INTO audit_events (case_id, sequence, occurred_at, actor, action, from_state, to_state, payload_json, "
    "prev_hash, hash) VALUES ";
constexpr std::string_view kEventRow = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kLockCaseForRead =
    "SELECT case_proto, audit_head, audit_count, version, state, reporter_format, reporter_sealed FROM cases "
    "WHERE case_id = ? FOR UPDATE";
constexpr std::string_view kAdvanceHead =
    "UPDATE cases SET audit_head = ?, audit_count = ? WHERE case_id = ? AND audit_count = ?";
// Written last in the change's transaction, with the response: a concurrent
// repeat of the same request_id fails on this key, rolls back, and returns
// the first response.
constexpr std::string_view kInsertIdempotencyHead =
    "INSERT INTO idempotency_records (scope, method, request_id, request_sha256, case_id, response) VALUES ";
constexpr std::string_view kIdempotencyRow = "(?, ?, ?, ?, ?, ?)";
constexpr std::string_view kSelectIdempotency =
    "SELECT request_sha256, response FROM idempotency_records WHERE scope = ? AND method = ? AND request_id = ?";

void AppendEventRow(const domain::AuditEvent& e, Params* p) {
  p->insert(p->end(), {e.case_id, IntParam(e.sequence), TimeParam(e.occurred_at), e.actor, e.action,
                       EnumParam(e.from_state), EnumParam(e.to_state), e.payload_json, e.prev_hash, e.hash});
}

}  // namespace

absl::Status InTransaction(Connection& conn, const std::function<absl::Status()>& body, bool* commit_sent) {
  // With autocommit off the transaction began after the last COMMIT.
  if (conn.autocommit()) RETURN_IF_ERROR(conn.Execute("START TRANSACTION"));
  absl::Status s = body();
  if (s.ok()) {
    if (commit_sent != nullptr) *commit_sent = true;
    return conn.Execute("COMMIT");
  }
  (void)conn.Execute("ROLLBACK");  // the session is closed by the pool if this fails too
  return s;
}

std::string MultiRow(std::string_view head, std::string_view row, size_t rows) {
  std::string sql(head);
  for (size_t i = 0; i < rows; ++i) {
    if (i > 0) sql += ", ";
    sql += row;
  }
  return sql;
}

// asn.discipline.internal.v1.StoredCase (service/codec/stored_case_codec.h).
std::string EncodeCase(const domain::Case& c) { return codec::SerializeStoredCase(c); }

// A row written before migration 0011 is a serialized v1.Case, whose
// reporter StoredCase does not keep.
absl::StatusOr<domain::Case> DecodeLegacyCase(absl::string_view bytes) {
  ASSIGN_OR_RETURN(domain::Case c, codec::ParseStoredCase(std::string(bytes)));
  codec::pb::Case legacy;  // only for its reporter (field 8)
  if (!legacy.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return absl::DataLossError("a stored case does not parse");
  }
  c.reporter = legacy.reporter();
  return c;
}

// A stored case as every reader gets it: never with a reporter, also from a
// row the sealing step of migration 0011 has not reached yet (only
// ReadReporter opens the reporter).
absl::StatusOr<domain::Case> DecodeCase(absl::string_view bytes) {
  ASSIGN_OR_RETURN(domain::Case c, codec::ParseStoredCase(std::string(bytes)));
  c.reporter.clear();
  return c;
}

std::string Sha256Of(absl::string_view bytes) { return adapters::Sha256Hex(std::string(bytes)); }

std::string StoredPayload(const ports::AuditEntry& entry, const std::string& case_bytes, int64_t version) {
  std::string documents;
  for (const auto& [id, sha] : entry.documents) {
    // Ids and hashes are [a-z0-9-] only: no escaping needed.
    absl::StrAppend(&documents, documents.empty() ? "" : ",", "{\"id\":\"", id, "\",\"sha256\":\"", sha, "\"}");
  }
  return absl::StrCat("{\"change\":", entry.payload_json.empty() ? "{}" : entry.payload_json, ",\"documents\":[",
                      documents, "],\"case_sha256\":\"", Sha256Of(case_bytes), "\",\"version\":", version, "}");
}

std::string EventHash(const domain::AuditEvent& e) { return domain::ChainHash(e, &Sha256Of); }

absl::Status InsertEvents(Connection& conn, const std::vector<domain::AuditEvent>& events) {
  if (events.empty()) return absl::OkStatus();
  Params rows;
  for (const domain::AuditEvent& e : events) AppendEventRow(e, &rows);
  return conn.Update(MultiRow(kInsertEventHead, kEventRow, events.size()), rows).status();
}

absl::StatusOr<LockedCase> LockCase(Connection& conn, const std::string& case_id) {
  ASSIGN_OR_RETURN(auto rows, conn.Query(kLockCaseForRead, {case_id}));
  if (rows.empty()) return absl::NotFoundError(absl::StrCat("case_id: no case ", case_id));
  const RowReader r(rows[0], "cases");
  LockedCase out;
  out.case_id = case_id;
  ASSIGN_OR_RETURN(out.bytes, r.String(0));
  ASSIGN_OR_RETURN(out.head, r.String(1));
  ASSIGN_OR_RETURN(out.count, r.Int64(2));
  ASSIGN_OR_RETURN(out.version, r.Int64(3));
  ASSIGN_OR_RETURN(out.state, r.Enum<domain::CaseState>(4));
  ASSIGN_OR_RETURN(out.format, r.Enum<ReporterFormat>(5));
  ASSIGN_OR_RETURN(out.sealed_reporter, r.OptionalString(6));
  return out;
}

absl::Status AppendNoChangeEvent(Connection& conn, LockedCase& row, const ports::AuditEntry& entry, absl::Time at) {
  domain::AuditEvent e;
  e.case_id = row.case_id;
  e.sequence = row.count + 1;
  e.occurred_at = at;
  e.actor = entry.actor;
  e.action = entry.action;
  e.from_state = e.to_state = row.state;
  e.prev_hash = row.head;
  e.payload_json = StoredPayload(entry, row.bytes, row.version);
  e.hash = EventHash(e);
  RETURN_IF_ERROR(InsertEvents(conn, {e}));
  ASSIGN_OR_RETURN(uint64_t n,
                   conn.Update(kAdvanceHead, {e.hash, IntParam(e.sequence), row.case_id, IntParam(row.count)}));
  if (n != 1) return absl::AbortedError(absl::StrCat("case ", row.case_id, ": its history moved meanwhile; retry"));
  row.head = e.hash;
  row.count = e.sequence;
  return absl::OkStatus();
}

// The reporter, sealed, is in one place: this store (with the keys of
// adapters/common/reporter_seal.h). A case is written with the commitment in
// place of the reporter, the reporter itself encrypted in reporter_sealed;
// every case read comes back without it; only ReadReporter opens it.
absl::Status SealForStore(const adapters::ReporterSeal* seal, domain::Case& c, std::optional<std::string>* sealed) {
  if (!c.reporter.empty()) {
    if (seal == nullptr) {
      return WithIndonesian(absl::FailedPreconditionError(
                                "reporter: this server has no reporter_key_file configured, so it cannot keep a "
                                "reporter sealed; file the case without one or configure the key"),
                            "Server belum dikonfigurasi untuk menyimpan pelapor secara rahasia.");
    }
    c.reporter_commitment = seal->Commitment(c.case_id, c.reporter);
    if (sealed != nullptr) {
      ASSIGN_OR_RETURN(*sealed, seal->Seal(c.case_id, c.reporter));
    }
  }
  c.reporter.clear();
  return absl::OkStatus();
}

std::string RequestDigest(const adapters::ReporterSeal* seal, const std::string& request) {
  return seal != nullptr ? seal->RequestDigest(request) : adapters::Sha256Hex(request);
}

// The first response to a key as stored, when the key comes again: only for
// the same request (a record carried over without a digest matches any). A
// record written before migration 0011 holds the plain SHA-256.
absl::StatusOr<std::optional<domain::Case>> FirstResponse(Connection& conn, const adapters::ReporterSeal* seal,
                                                          const ports::IdempotencyKey& key) {
  ASSIGN_OR_RETURN(auto rows, conn.Query(kSelectIdempotency, {key.scope, key.method, key.request_id}));
  if (rows.empty()) return std::optional<domain::Case>();
  const RowReader r(rows[0], "idempotency_records");
  ASSIGN_OR_RETURN(std::string stored_sha, r.StringOrEmpty(0));
  ASSIGN_OR_RETURN(std::string response, r.String(1));
  if (!stored_sha.empty() && stored_sha != RequestDigest(seal, key.request) &&
      stored_sha != adapters::Sha256Hex(key.request)) {
    return WithIndonesian(InvalidField("request_id", absl::StrCat("was already used for a different ", key.method,
                                                                  " request; use a new request_id for a new request")),
                          "request_id sudah dipakai untuk permintaan lain; gunakan request_id baru.");
  }
  ASSIGN_OR_RETURN(domain::Case c, DecodeCase(response));
  return std::optional<domain::Case>(std::move(c));
}

// The response as kept for a retry: the case as stored (the reporter is
// never in it: SealForStore took it out before).
void AppendIdempotencyRow(const adapters::ReporterSeal* seal, const ports::IdempotencyKey& key, const domain::Case& c,
                          Params* p) {
  p->insert(p->end(),
            {key.scope, key.method, key.request_id, RequestDigest(seal, key.request), c.case_id, EncodeCase(c)});
}

std::string InsertIdempotencySql(size_t rows) { return MultiRow(kInsertIdempotencyHead, kIdempotencyRow, rows); }

std::optional<std::string> DueParam(const domain::Case& c) { return DayParam(domain::NextDue(c)); }

}  // namespace discipline::mariadb::internal
