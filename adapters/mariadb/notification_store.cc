#include "adapters/mariadb/notification_store.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "adapters/mariadb/pool.h"
#include "adapters/mariadb/row.h"
#include "service/common/status_macros.h"

namespace discipline::mariadb {
namespace {

// notification_outbox.state (migration 0022).
enum class NotificationState { kPending = 1, kSent = 2, kRefused = 3 };

constexpr std::string_view kPut =
    "INSERT IGNORE INTO notification_outbox (notification_key, case_id, kind, channel, recipient, subject, body, "
    "message_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kDue =
    "SELECT notification_key, case_id, kind, channel, recipient, subject, body, message_id, attempts, maybe_sent OR "
    "sending "
    "FROM notification_outbox WHERE state = ? AND next_attempt_at <= NOW(6) ORDER BY next_attempt_at LIMIT ?";
constexpr std::string_view kSending =
    "UPDATE notification_outbox SET maybe_sent = GREATEST(maybe_sent, sending), sending = 1, attempts = attempts + 1, "
    "updated_at = NOW(6) "
    "WHERE notification_key = ? AND state = ?";
constexpr std::string_view kSent =
    "UPDATE notification_outbox SET state = ?, sending = 0, last_error = '', sent_at = NOW(6), updated_at = NOW(6) "
    "WHERE notification_key = ?";
constexpr std::string_view kFailed =
    "UPDATE notification_outbox SET state = ?, sending = 0, maybe_sent = GREATEST(maybe_sent, ?), last_error = ?, "
    "next_attempt_at = NOW(6) + INTERVAL ? MICROSECOND, updated_at = NOW(6) WHERE notification_key = ?";

}  // namespace

std::string MessageIdOf(const std::string& key) {
  std::string left = key;
  for (char& ch : left) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(ch)) && ch != '.' && ch != '-') ch = '.';
  }
  return absl::StrCat("<", left, "@asn-discipline.notify>");
}

namespace {

// Inserts the rows whose key is new; returns how many were.
absl::StatusOr<int> Put(Connection& conn, const std::vector<ports::Notification>& notifications) {
  int added = 0;
  for (const ports::Notification& n : notifications) {
    ASSIGN_OR_RETURN(uint64_t changed, conn.Update(kPut, {n.key.substr(0, 190), n.case_id, n.kind, EnumParam(n.channel),
                                                          n.recipient.substr(0, 320), n.subject.substr(0, 998), n.body,
                                                          MessageIdOf(n.key)}));
    added += static_cast<int>(changed);
  }
  return added;
}

}  // namespace

absl::Status PutNotifications(Connection& conn, const std::vector<ports::Notification>& notifications) {
  return Put(conn, notifications).status();
}

NotificationStore::NotificationStore(const ConnectionOptions& options) : pool_(std::make_unique<Pool>(options, 1)) {}

NotificationStore::~NotificationStore() = default;

absl::StatusOr<int> NotificationStore::Enqueue(const std::vector<ports::Notification>& notifications) {
  int added = 0;
  // INSERT IGNORE by key: a repeated write after a lost answer adds nothing.
  RETURN_IF_ERROR(pool_->With([&](Connection& conn) -> absl::Status {
    ASSIGN_OR_RETURN(added, Put(conn, notifications));
    return absl::OkStatus();
  }));
  return added;
}

absl::StatusOr<std::vector<ports::Notification>> NotificationStore::DueNotifications(int limit) {
  std::vector<ports::Notification> out;
  RETURN_IF_ERROR(pool_->Read([&](Connection& conn) -> absl::Status {
    out.clear();
    ASSIGN_OR_RETURN(auto rows, conn.Query(kDue, {EnumParam(NotificationState::kPending), IntParam(limit)}));
    for (const auto& row : rows) {
      const RowReader r(row, "notification_outbox");
      ports::Notification n;
      ASSIGN_OR_RETURN(n.key, r.String(0));
      ASSIGN_OR_RETURN(n.case_id, r.StringOrEmpty(1));
      ASSIGN_OR_RETURN(n.kind, r.StringOrEmpty(2));
      ASSIGN_OR_RETURN(n.channel, r.Enum<ports::NotifyChannel>(3));
      ASSIGN_OR_RETURN(n.recipient, r.StringOrEmpty(4));
      ASSIGN_OR_RETURN(n.subject, r.StringOrEmpty(5));
      ASSIGN_OR_RETURN(n.body, r.StringOrEmpty(6));
      ASSIGN_OR_RETURN(n.message_id, r.StringOrEmpty(7));
      ASSIGN_OR_RETURN(const int64_t attempts, r.Int64(8));
      n.attempts = static_cast<int>(attempts);
      ASSIGN_OR_RETURN(n.maybe_sent, r.Bool(9));
      out.push_back(std::move(n));
    }
    return absl::OkStatus();
  }));
  return out;
}

absl::Status NotificationStore::MarkSending(const ports::Notification& n) {
  return pool_->With([&](Connection& conn) -> absl::Status {
    ASSIGN_OR_RETURN(uint64_t changed, conn.Update(kSending, {n.key, EnumParam(NotificationState::kPending)}));
    if (changed != 1) return absl::FailedPreconditionError(absl::StrCat("notification ", n.key, " is not pending"));
    return absl::OkStatus();
  });
}

absl::Status NotificationStore::MarkSent(const ports::Notification& n) {
  return pool_->With([&](Connection& conn) -> absl::Status {
    return conn.Update(kSent, {EnumParam(NotificationState::kSent), n.key}).status();
  });
}

absl::Status NotificationStore::MarkFailed(const ports::Notification& n, const std::string& error, bool maybe_sent,
                                           bool refused, absl::Duration retry_after) {
  return pool_->With([&](Connection& conn) -> absl::Status {
    return conn
        .Update(kFailed, {EnumParam(refused ? NotificationState::kRefused : NotificationState::kPending),
                          IntParam(maybe_sent ? 1 : 0), error.substr(0, 1000),
                          IntParam(absl::ToInt64Microseconds(retry_after)), n.key})
        .status();
  });
}

}  // namespace discipline::mariadb
