#ifndef DISCIPLINE_ADAPTERS_MARIADB_NOTIFICATION_STORE_H_
#define DISCIPLINE_ADAPTERS_MARIADB_NOTIFICATION_STORE_H_

// The notification outbox over MariaDB (table notification_outbox, migration
// 0022). Rows are put by the case store in the change's transaction
// (PutNotifications); the dispatcher reads and marks them on a connection of
// its own.

#include <memory>
#include <vector>

#include "adapters/mariadb/connection.h"
#include "service/ports/notifier.h"

namespace discipline::mariadb {

class Pool;

// The Message-ID of a notification key: "<key@asn-discipline.notify>", the
// key's characters outside [A-Za-z0-9.-] as '.'.
std::string MessageIdOf(const std::string& key);

// Inserts `notifications` pending on `conn` (inside the caller's
// transaction). A key already present is left as it is.
absl::Status PutNotifications(Connection& conn, const std::vector<ports::Notification>& notifications);

class NotificationStore final : public ports::NotificationOutbox {
 public:
  explicit NotificationStore(const ConnectionOptions& options);
  ~NotificationStore() override;
  absl::StatusOr<int> Enqueue(const std::vector<ports::Notification>& notifications) override;
  absl::StatusOr<std::vector<ports::Notification>> DueNotifications(int limit) override;
  absl::Status MarkSending(const ports::Notification& n) override;
  absl::Status MarkSent(const ports::Notification& n) override;
  absl::Status MarkFailed(const ports::Notification& n, const std::string& error, bool maybe_sent, bool refused,
                          absl::Duration retry_after) override;

 private:
  std::unique_ptr<Pool> pool_;
};

}  // namespace discipline::mariadb

#endif  // DISCIPLINE_ADAPTERS_MARIADB_NOTIFICATION_STORE_H_
