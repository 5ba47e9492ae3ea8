#include "adapters/mariadb/audit_store.h"

#include <algorithm>
#include <iterator>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "adapters/mariadb/pool.h"
#include "adapters/mariadb/store_internal.h"
#include "service/common/status_macros.h"
#include "service/domain/audit_chain.h"

namespace discipline::mariadb {
namespace {

using domain::AuditEvent;
using internal::LockedCase;
using internal::ReporterFormat;

constexpr std::string_view kSelectEvents =
    "SELECT case_id, sequence, DATE_FORMAT(occurred_at, '%Y-%m-%dT%H:%i:%s.%fZ'), actor, action, from_state, "
    "to_state, payload_json, prev_hash, hash FROM audit_events WHERE case_id = ? AND sequence > ? "
    "ORDER BY sequence LIMIT ?";
constexpr std::string_view kSelectCaseHead = "SELECT case_proto, audit_head, audit_count FROM cases WHERE case_id = ?";
// A read-only transaction whose reads all see one snapshot: the case row and
// its events as of one moment, however the case changes meanwhile.
constexpr std::string_view kSnapshot = "START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY";
// Migration 0011: the rows whose case_proto may still hold the reporter in
// plain text, and their sealing.
constexpr std::string_view kSelectUnsealed =
    "SELECT case_id FROM cases WHERE reporter_format = ? AND case_id > ? ORDER BY case_id LIMIT ?";
constexpr std::string_view kSealRow =
    "UPDATE cases SET case_proto = ?, reporter_sealed = ?, reporter_key_id = ?, reporter_format = ? "
    "WHERE case_id = ? AND audit_count = ? AND reporter_format = ?";
constexpr std::string_view kMarkNoReporter =
    "UPDATE cases SET reporter_format = ? WHERE case_id = ? AND reporter_format = ?";
constexpr std::string_view kOtherKey =
    "SELECT reporter_key_id FROM cases WHERE reporter_key_id IS NOT NULL AND reporter_key_id <> ? LIMIT 1";
constexpr std::string_view kAnyKey = "SELECT reporter_key_id FROM cases WHERE reporter_key_id IS NOT NULL LIMIT 1";
constexpr int kVerifyBatch = 1000;

// The events of a case after `after_sequence`, at most `limit`, on `conn`.
absl::StatusOr<std::vector<AuditEvent>> ReadEvents(Connection& conn, const std::string& case_id, int64_t after_sequence,
                                                   int limit) {
  std::vector<AuditEvent> out;
  ASSIGN_OR_RETURN(auto rows,
                   conn.Query(kSelectEvents, {case_id, IntParam(after_sequence), IntParam(std::max(1, limit))}));
  for (const auto& row : rows) {
    const RowReader r(row, "audit_events");
    AuditEvent e;
    ASSIGN_OR_RETURN(e.case_id, r.String(0));
    ASSIGN_OR_RETURN(e.sequence, r.Int64(1));
    ASSIGN_OR_RETURN(e.occurred_at, r.Time(2));
    ASSIGN_OR_RETURN(e.actor, r.String(3));
    ASSIGN_OR_RETURN(e.action, r.String(4));
    ASSIGN_OR_RETURN(e.from_state, r.Enum<domain::CaseState>(5));
    ASSIGN_OR_RETURN(e.to_state, r.Enum<domain::CaseState>(6));
    ASSIGN_OR_RETURN(e.payload_json, r.String(7));
    ASSIGN_OR_RETURN(e.prev_hash, r.String(8));
    ASSIGN_OR_RETURN(e.hash, r.String(9));
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace

namespace internal {

absl::Status SealLegacyRow(Connection& conn, const adapters::ReporterSeal* seal, LockedCase& row, absl::Time at,
                           std::string* reporter, std::string* commitment) {
  absl::StatusOr<domain::Case> c = DecodeLegacyCase(row.bytes);
  if (!c.ok()) {
    return absl::DataLossError(
        absl::StrCat("case ", row.case_id, ": case_proto does not parse: ", c.status().message()));
  }
  *reporter = c->reporter;
  commitment->clear();
  if (reporter->empty()) {
    // Nothing to seal: case_proto stays as it is, and so does the chain.
    RETURN_IF_ERROR(conn.Update(kMarkNoReporter,
                                {EnumParam(ReporterFormat::kSealed), row.case_id, EnumParam(ReporterFormat::kPlain)})
                        .status());
    row.format = ReporterFormat::kSealed;
    return absl::OkStatus();
  }
  if (seal == nullptr) {
    return absl::FailedPreconditionError(
        absl::StrCat("case ", row.case_id,
                     " holds a reporter written before migration 0011, and no reporter_key_file is configured "
                     "to seal it"));
  }
  *commitment = seal->Commitment(row.case_id, *reporter);
  c->reporter.clear();
  c->reporter_commitment = *commitment;
  row.bytes = EncodeCase(*c);
  ASSIGN_OR_RETURN(std::string sealed, seal->Seal(row.case_id, *reporter));
  ASSIGN_OR_RETURN(uint64_t n,
                   conn.Update(kSealRow, {row.bytes, sealed, seal->key_id(), EnumParam(ReporterFormat::kSealed),
                                          row.case_id, IntParam(row.count), EnumParam(ReporterFormat::kPlain)}));
  if (n != 1) {
    return absl::AbortedError(absl::StrCat("case ", row.case_id, " changed while its reporter was sealed; retry"));
  }
  row.format = ReporterFormat::kSealed;
  // A no-change event: the same state on both sides, the same version; its
  // case_sha256 is the digest of the case_proto without the reporter. The
  // events before it keep what they hashed (AUDIT_FORMAT.md).
  ports::AuditEntry entry;
  entry.actor = "system";
  entry.action = "SealReporter";
  entry.from_state = row.state;
  entry.payload_json = "{\"reporter\":\"sealed\"}";
  return AppendNoChangeEvent(conn, row, entry, at);
}

}  // namespace internal

// The read is an event that changes nothing: appended to the chain in the
// case row's lock, recording the digest of the case as it stands, so the
// chain still ends at the case; the reporter is returned only if it commits.
absl::StatusOr<std::string> AuditStore::ReadReporter(const std::string& case_id, const ports::AuditEntry& entry,
                                                     absl::Time at) {
  return AppendRead(case_id, entry, at, /*open_reporter=*/true);
}

absl::Status AuditStore::RecordRead(const std::string& case_id, const ports::AuditEntry& entry, absl::Time at) {
  return AppendRead(case_id, entry, at, /*open_reporter=*/false).status();
}

// One event that changes nothing, appended under the case's row lock: the
// read of the sealed reporter (opened only then, and only recorded when there
// is one) or of a document (always recorded). A row still in the format
// before migration 0011 is sealed first, so the read's event records the
// sealed case's digest.
absl::StatusOr<std::string> AuditStore::AppendRead(const std::string& case_id, const ports::AuditEntry& entry,
                                                   absl::Time at, bool open_reporter) {
  std::string reporter;
  RETURN_IF_ERROR(pool_.With([&](Connection& conn) -> absl::Status {
    return internal::InTransaction(conn, [&]() -> absl::Status {
      reporter.clear();
      ASSIGN_OR_RETURN(LockedCase row, internal::LockCase(conn, case_id));
      if (row.format == ReporterFormat::kPlain) {
        std::string commitment;
        RETURN_IF_ERROR(internal::SealLegacyRow(conn, seal_, row, at, &reporter, &commitment));
      } else if (open_reporter && row.sealed_reporter.has_value()) {
        if (seal_ == nullptr) {
          return absl::FailedPreconditionError("the reporter is sealed and no reporter_key_file is configured");
        }
        ASSIGN_OR_RETURN(reporter, seal_->Open(case_id, *row.sealed_reporter));
      }
      if (open_reporter && reporter.empty()) return absl::OkStatus();  // none to read, no event
      return internal::AppendNoChangeEvent(conn, row, entry, at);
    });
  }));
  if (!open_reporter) reporter.clear();
  return reporter;
}

absl::StatusOr<SealRun> AuditStore::SealReporters(const std::string& after_case_id, int limit) {
  SealRun run;
  run.last_case_id = after_case_id;
  RETURN_IF_ERROR(pool_.With([&](Connection& conn) -> absl::Status {
    ASSIGN_OR_RETURN(auto ids,
                     conn.Query(kSelectUnsealed, {EnumParam(ReporterFormat::kPlain), after_case_id, IntParam(limit)}));
    // The page's rows are sealed and committed together.
    return internal::InTransaction(conn, [&]() -> absl::Status {
      run = SealRun{};
      run.last_case_id = after_case_id;
      for (const auto& id : ids) {
        ASSIGN_OR_RETURN(const std::string case_id, RowReader(id, "cases").String(0));
        run.last_case_id = case_id;
        ++run.read;
        absl::StatusOr<LockedCase> row = internal::LockCase(conn, case_id);
        if (row.status().code() == absl::StatusCode::kNotFound) continue;
        std::string reporter, commitment;
        absl::Status sealed = row.status();
        if (sealed.ok() && row->format != ReporterFormat::kPlain) continue;  // sealed meanwhile by a change
        if (sealed.ok()) sealed = internal::SealLegacyRow(conn, seal_, *row, absl::Now(), &reporter, &commitment);
        if (sealed.code() == absl::StatusCode::kDataLoss) {
          // Nothing written for it; left at 0, passed over, and logged.
          ++run.failed;
          run.last_error = std::string(sealed.message());
          continue;
        }
        RETURN_IF_ERROR(sealed);
        ++(reporter.empty() ? run.empty : run.sealed);
      }
      return absl::OkStatus();
    });
  }));
  return run;
}

absl::Status AuditStore::CheckReporterKey() {
  return pool_.Read([&](Connection& conn) -> absl::Status {
    if (seal_ == nullptr) {
      ASSIGN_OR_RETURN(auto rows, conn.Query(kAnyKey));
      if (rows.empty()) return absl::OkStatus();
      ASSIGN_OR_RETURN(const std::string key_id, RowReader(rows[0], "cases").String(0));
      return absl::FailedPreconditionError(absl::StrCat("the case database holds reporters sealed under reporter key ",
                                                        key_id, "; configure reporter_key_file with that key"));
    }
    ASSIGN_OR_RETURN(auto rows, conn.Query(kOtherKey, {seal_->key_id()}));
    if (rows.empty()) return absl::OkStatus();
    ASSIGN_OR_RETURN(const std::string key_id, RowReader(rows[0], "cases").String(0));
    return absl::FailedPreconditionError(absl::StrCat("the case database holds reporters sealed under reporter key ",
                                                      key_id, ", and reporter_key_file holds key ", seal_->key_id(),
                                                      ": configure the key they were sealed with"));
  });
}

absl::StatusOr<std::vector<AuditEvent>> AuditStore::History(const std::string& case_id, int64_t after_sequence,
                                                            int limit) {
  std::vector<AuditEvent> out;
  RETURN_IF_ERROR(pool_.Read([&](Connection& conn) -> absl::Status {
    ASSIGN_OR_RETURN(out, ReadEvents(conn, case_id, after_sequence, limit));
    return absl::OkStatus();
  }));
  return out;
}

// The case row and every event are read in one consistent snapshot, so a
// case that changes while it is verified is never reported as tampered
// with; the chain itself is checked by the domain (audit_chain.h).
absl::StatusOr<ports::VerifyResult> AuditStore::Verify(const std::string& case_id) {
  domain::ChainHead head;
  std::vector<AuditEvent> events;
  bool exists = false;
  RETURN_IF_ERROR(pool_.Read([&](Connection& conn) -> absl::Status {
    events.clear();
    exists = false;
    RETURN_IF_ERROR(conn.Execute(kSnapshot));
    absl::Status s = [&]() -> absl::Status {
      ASSIGN_OR_RETURN(auto rows, conn.Query(kSelectCaseHead, {case_id}));
      if (rows.empty()) return absl::OkStatus();
      exists = true;
      const RowReader r(rows[0], "cases");
      ASSIGN_OR_RETURN(const std::string bytes, r.String(0));
      head.case_sha256 = internal::Sha256Of(bytes);
      ASSIGN_OR_RETURN(head.head_hash, r.String(1));
      ASSIGN_OR_RETURN(head.count, r.Int64(2));
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
  const domain::ChainVerdict v = domain::VerifyChain(head, events, &internal::Sha256Of);
  return ports::VerifyResult{v.valid, v.events_checked, v.first_invalid_sequence, v.reason};
}

}  // namespace discipline::mariadb
