#ifndef DISCIPLINE_ADAPTERS_MARIADB_SIASN_OUTBOX_STORE_H_
#define DISCIPLINE_ADAPTERS_MARIADB_SIASN_OUTBOX_STORE_H_

// SiasnOutbox on MariaDB (table siasn_outbox, migrations 0009, 0017, 0018).
// Records are put by the case store in the change's own transaction
// (internal::PutSiasnRecord); the sender reads and marks them here.
// Thread-safe; the pool is shared with the other ports (not owned).

#include <optional>
#include <string>
#include <vector>

#include "service/ports/siasn_outbox.h"

namespace discipline::mariadb {

class Pool;

class SiasnOutboxStore final : public ports::SiasnOutbox {
 public:
  explicit SiasnOutboxStore(Pool& pool) : pool_(pool) {}
  absl::StatusOr<std::vector<ports::OutboxRecord>> DueRecords(int limit) override;
  absl::Status MarkSaveSent(const ports::OutboxRecord& r) override;
  absl::Status MarkSaved(const ports::OutboxRecord& r, const std::string& siasn_id) override;
  absl::Status MarkDelivered(const ports::OutboxRecord& r, const std::string& siasn_id) override;
  absl::Status MarkFailed(const ports::OutboxRecord& r, const std::string& error, bool refused,
                          absl::Duration retry_after) override;
  absl::StatusOr<std::optional<ports::SiasnExport>> ExportOf(const std::string& case_id) override;

 private:
  Pool& pool_;
};

}  // namespace discipline::mariadb

#endif  // DISCIPLINE_ADAPTERS_MARIADB_SIASN_OUTBOX_STORE_H_
