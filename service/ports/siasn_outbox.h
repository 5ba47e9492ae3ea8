#ifndef DISCIPLINE_SERVICE_PORTS_SIASN_OUTBOX_H_
#define DISCIPLINE_SERVICE_PORTS_SIASN_OUTBOX_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace discipline::ports {

enum class SiasnExportState { kUnspecified = 0, kPending = 1, kDelivered = 2, kRefused = 3 };

// How far a record got: its save is due, or the attachment of its SK.
enum class SiasnStep { kSave = 0, kAttach = 1 };

// A hukdis record waiting in the outbox (one per case: a later record of the
// case, after a remedy, replaces it under a new key and is saved under the
// SIASN id the case already has).
struct OutboxRecord {
  std::string case_id;
  // The version of the case's record; every mark names it, so that a stale
  // attempt never overwrites a newer record.
  std::string idempotency_key;
  std::string payload_json;
  int attempts = 0;
  // SIASN's rwHukdisId once a save answered (saved again under it).
  std::string siasn_id;
  SiasnStep step = SiasnStep::kSave;
  // A save of a new record went out and its answer may be lost: look for
  // the record in the employee's riwayat before saving again.
  bool save_sent = false;
  std::string nip;
  // The signed SK to attach (upload-dok-rw) and its SIASN dokumen ref.
  std::string sk_document_id;
  std::string sk_dokumen_ref;
  // The SK attached last.
  std::string attached_document_id;
};

struct SiasnExport {
  SiasnExportState state = SiasnExportState::kUnspecified;
  int attempts = 0;
  std::string last_error;
  std::optional<absl::Time> exported_at;
  std::string siasn_id;
  std::string idempotency_key;
  // While pending: the step due.
  SiasnStep step = SiasnStep::kSave;
};

// The durable outbox of SIASN records. Rows are written by CaseRepository's
// Update in the change's own transaction (AuditEntry::outbox); the sender
// reads and marks them here. A mark names the key it attempted, so a
// stale attempt never overwrites a newer record. Thread-safe.
class SiasnOutbox {
 public:
  virtual ~SiasnOutbox() = default;
  // Pending records whose next attempt is due, oldest first.
  virtual absl::StatusOr<std::vector<OutboxRecord>> DueRecords(int limit) = 0;
  // Durably, before a save of a new record goes out.
  virtual absl::Status MarkSaveSent(const OutboxRecord& r) = 0;
  // SIASN saved the record as `siasn_id`: the case keeps that id (whatever
  // record of the case is in the outbox now), and this record's SK
  // attachment is due.
  virtual absl::Status MarkSaved(const OutboxRecord& r, const std::string& siasn_id) = 0;
  // Saved, and its SK attached (or none to attach).
  virtual absl::Status MarkDelivered(const OutboxRecord& r, const std::string& siasn_id) = 0;
  // Counts the attempt; `refused`: SIASN refused the record itself (no
  // further attempt), else the next attempt after `retry_after`.
  virtual absl::Status MarkFailed(const OutboxRecord& r, const std::string& error, bool refused,
                                  absl::Duration retry_after) = 0;
  virtual absl::StatusOr<std::optional<SiasnExport>> ExportOf(const std::string& case_id) = 0;
};

}  // namespace discipline::ports

#endif  // DISCIPLINE_SERVICE_PORTS_SIASN_OUTBOX_H_
