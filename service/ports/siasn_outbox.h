#ifndef DISCIPLINE_SERVICE_PORTS_SIASN_OUTBOX_H_
#define DISCIPLINE_SERVICE_PORTS_SIASN_OUTBOX_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace discipline::ports {

enum class SiasnExportState { kUnspecified = 0, kPending = 1, kDelivered = 2, kRefused = 3 };

// A hukdis record waiting in the outbox (one per case: a later record of the
// case, after a remedy, replaces it under a new key).
struct OutboxRecord {
  std::string case_id;
  // Sent with every attempt; SIASN (or the contract server) answers a
  // repeat with the record it already has.
  std::string idempotency_key;
  std::string payload_json;
  int attempts = 0;
};

struct SiasnExport {
  SiasnExportState state = SiasnExportState::kUnspecified;
  int attempts = 0;
  std::string last_error;
  std::optional<absl::Time> exported_at;
  std::string siasn_id;
  std::string idempotency_key;
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
  virtual absl::Status MarkDelivered(const OutboxRecord& r, const std::string& siasn_id) = 0;
  // Counts the attempt; `refused`: SIASN refused the record itself (no
  // further attempt), else the next attempt after `retry_after`.
  virtual absl::Status MarkFailed(const OutboxRecord& r, const std::string& error, bool refused,
                                  absl::Duration retry_after) = 0;
  virtual absl::StatusOr<std::optional<SiasnExport>> ExportOf(const std::string& case_id) = 0;
};

}  // namespace discipline::ports

#endif  // DISCIPLINE_SERVICE_PORTS_SIASN_OUTBOX_H_
