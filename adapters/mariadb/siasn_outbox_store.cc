#include "adapters/mariadb/siasn_outbox_store.h"

#include "adapters/mariadb/pool.h"
#include "adapters/mariadb/store_internal.h"
#include "service/codec/case_codec.h"
#include "service/common/status_macros.h"

namespace discipline::mariadb {
namespace {

using ports::SiasnExportState;
using ports::SiasnStep;

// A record (re)enters the outbox pending, or refused when it cannot be made,
// at the save step. SIASN's id of the case's record stays (a remedy's record
// is saved again under it), and so does save_sent (a save whose answer may be
// lost).
constexpr std::string_view kPutOutbox =
    "INSERT INTO siasn_outbox (case_id, idempotency_key, payload_json, state, last_error, nip, sk_document_id, "
    "sk_dokumen_ref, stage) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON DUPLICATE KEY UPDATE idempotency_key = VALUES(idempotency_key), payload_json = VALUES(payload_json), "
    "state = VALUES(state), attempts = 0, next_attempt_at = NOW(6), last_error = VALUES(last_error), "
    "exported_at = NULL, stage = VALUES(stage), nip = VALUES(nip), sk_document_id = VALUES(sk_document_id), "
    "sk_dokumen_ref = VALUES(sk_dokumen_ref), updated_at = NOW(6), enqueued_at = NOW(6)";
constexpr std::string_view kDueOutbox =
    "SELECT case_id, idempotency_key, payload_json, attempts, siasn_id, stage, save_sent, nip, sk_document_id, "
    "sk_dokumen_ref, attached_document_id FROM siasn_outbox WHERE state = ? AND next_attempt_at <= NOW(6) "
    "ORDER BY next_attempt_at LIMIT ?";
constexpr std::string_view kOutboxSaveSent =
    "UPDATE siasn_outbox SET save_sent = 1, updated_at = NOW(6) WHERE case_id = ? AND idempotency_key = ? AND "
    "state = ?";
// The id belongs to the case whatever record is in the outbox now; the step
// only to the record that was saved (pending: its attachment is due).
constexpr std::string_view kOutboxSaved =
    "UPDATE siasn_outbox SET siasn_id = IF(siasn_id = '', ?, siasn_id), save_sent = 0, "
    "stage = IF(idempotency_key = ? AND state = ?, ?, stage), updated_at = NOW(6) WHERE case_id = ?";
constexpr std::string_view kOutboxDelivered =
    "UPDATE siasn_outbox SET state = ?, attempts = attempts + 1, siasn_id = ?, exported_at = NOW(6), last_error = '', "
    "stage = ?, save_sent = 0, attached_document_id = IF(sk_document_id = '', attached_document_id, sk_document_id), "
    "updated_at = NOW(6) WHERE case_id = ? AND idempotency_key = ?";
constexpr std::string_view kOutboxFailed =
    "UPDATE siasn_outbox SET state = ?, attempts = attempts + 1, last_error = ?, "
    "next_attempt_at = NOW(6) + INTERVAL ? MICROSECOND, updated_at = NOW(6) WHERE case_id = ? AND idempotency_key = ? "
    "AND state = ?";
constexpr std::string_view kOutboxOf =
    "SELECT state, attempts, last_error, DATE_FORMAT(exported_at, '%Y-%m-%dT%H:%i:%s.%fZ'), siasn_id, idempotency_key, "
    "stage FROM siasn_outbox WHERE case_id = ?";

}  // namespace

namespace internal {

absl::Status PutSiasnRecord(Connection& conn, const domain::Case& c, const ports::AuditEntry& entry) {
  const bool refused = !entry.siasn_record.has_value();
  return conn
      .Update(kPutOutbox,
              {c.case_id, entry.siasn_key, refused ? "" : codec::SiasnPayloadJson(*entry.siasn_record),
               EnumParam(refused ? SiasnExportState::kRefused : SiasnExportState::kPending),
               entry.siasn_error.substr(0, 1000), c.employee.nip, refused ? "" : entry.siasn_record->sk_document_id,
               refused ? "" : entry.siasn_record->sk_dokumen_ref, EnumParam(SiasnStep::kSave)})
      .status();
}

}  // namespace internal

absl::StatusOr<std::vector<ports::OutboxRecord>> SiasnOutboxStore::DueRecords(int limit) {
  std::vector<ports::OutboxRecord> out;
  RETURN_IF_ERROR(pool_.Read([&](Connection& conn) -> absl::Status {
    out.clear();
    ASSIGN_OR_RETURN(auto rows, conn.Query(kDueOutbox, {EnumParam(SiasnExportState::kPending), IntParam(limit)}));
    for (const auto& row : rows) {
      const RowReader r(row, "siasn_outbox");
      ports::OutboxRecord o;
      ASSIGN_OR_RETURN(o.case_id, r.String(0));
      ASSIGN_OR_RETURN(o.idempotency_key, r.String(1));
      ASSIGN_OR_RETURN(o.payload_json, r.StringOrEmpty(2));
      ASSIGN_OR_RETURN(const int64_t attempts, r.Int64(3));
      o.attempts = static_cast<int>(attempts);
      ASSIGN_OR_RETURN(o.siasn_id, r.StringOrEmpty(4));
      ASSIGN_OR_RETURN(o.step, r.Enum<SiasnStep>(5));
      ASSIGN_OR_RETURN(o.save_sent, r.Bool(6));
      ASSIGN_OR_RETURN(o.nip, r.StringOrEmpty(7));
      ASSIGN_OR_RETURN(o.sk_document_id, r.StringOrEmpty(8));
      ASSIGN_OR_RETURN(o.sk_dokumen_ref, r.StringOrEmpty(9));
      ASSIGN_OR_RETURN(o.attached_document_id, r.StringOrEmpty(10));
      out.push_back(std::move(o));
    }
    return absl::OkStatus();
  }));
  return out;
}

absl::Status SiasnOutboxStore::MarkSaveSent(const ports::OutboxRecord& r) {
  return pool_.With([&](Connection& conn) -> absl::Status {
    return conn.Update(kOutboxSaveSent, {r.case_id, r.idempotency_key, EnumParam(SiasnExportState::kPending)}).status();
  });
}

absl::Status SiasnOutboxStore::MarkSaved(const ports::OutboxRecord& r, const std::string& siasn_id) {
  return pool_.With([&](Connection& conn) -> absl::Status {
    return conn
        .Update(kOutboxSaved, {siasn_id.substr(0, 128), r.idempotency_key, EnumParam(SiasnExportState::kPending),
                               EnumParam(SiasnStep::kAttach), r.case_id})
        .status();
  });
}

absl::Status SiasnOutboxStore::MarkDelivered(const ports::OutboxRecord& r, const std::string& siasn_id) {
  return pool_.With([&](Connection& conn) -> absl::Status {
    return conn
        .Update(kOutboxDelivered, {EnumParam(SiasnExportState::kDelivered), siasn_id.substr(0, 128),
                                   EnumParam(SiasnStep::kSave), r.case_id, r.idempotency_key})
        .status();
  });
}

absl::Status SiasnOutboxStore::MarkFailed(const ports::OutboxRecord& r, const std::string& error, bool refused,
                                          absl::Duration retry_after) {
  return pool_.With([&](Connection& conn) -> absl::Status {
    return conn
        .Update(kOutboxFailed, {EnumParam(refused ? SiasnExportState::kRefused : SiasnExportState::kPending),
                                error.substr(0, 1000), IntParam(absl::ToInt64Microseconds(retry_after)), r.case_id,
                                r.idempotency_key, EnumParam(SiasnExportState::kPending)})
        .status();
  });
}

absl::StatusOr<std::optional<ports::SiasnExport>> SiasnOutboxStore::ExportOf(const std::string& case_id) {
  std::optional<ports::SiasnExport> out;
  RETURN_IF_ERROR(pool_.Read([&](Connection& conn) -> absl::Status {
    out.reset();
    ASSIGN_OR_RETURN(auto rows, conn.Query(kOutboxOf, {case_id}));
    if (rows.empty()) return absl::OkStatus();
    const RowReader r(rows[0], "siasn_outbox");
    ports::SiasnExport e;
    ASSIGN_OR_RETURN(e.state, r.Enum<SiasnExportState>(0));
    ASSIGN_OR_RETURN(const int64_t attempts, r.Int64(1));
    e.attempts = static_cast<int>(attempts);
    ASSIGN_OR_RETURN(e.last_error, r.StringOrEmpty(2));
    ASSIGN_OR_RETURN(e.exported_at, r.OptionalTime(3));
    ASSIGN_OR_RETURN(e.siasn_id, r.StringOrEmpty(4));
    ASSIGN_OR_RETURN(e.idempotency_key, r.StringOrEmpty(5));
    ASSIGN_OR_RETURN(e.step, r.Enum<SiasnStep>(6));
    out = std::move(e);
    return absl::OkStatus();
  }));
  return out;
}

}  // namespace discipline::mariadb
