#include "adapters/mariadb/notification_store.h"

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "adapters/mariadb/pool.h"
#include "service/common/status_macros.h"

namespace discipline::mariadb {
namespace {

constexpr char kPut[] =
    "INSERT IGNORE INTO notification_outbox (notification_key, case_id, kind, channel, recipient, subject, body, "
    "message_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
constexpr char kDue[] =
    "SELECT notification_key, case_id, kind, channel, recipient, subject, body, message_id, attempts, maybe_sent OR "
    "sending "
    "FROM notification_outbox WHERE state = 1 AND next_attempt_at <= NOW(6) ORDER BY next_attempt_at LIMIT ?";
constexpr char kSending[] =
    "UPDATE notification_outbox SET maybe_sent = GREATEST(maybe_sent, sending), sending = 1, attempts = attempts + 1, "
    "updated_at = NOW(6) "
    "WHERE notification_key = ? AND state = 1";
constexpr char kSent[] =
    "UPDATE notification_outbox SET state = 2, sending = 0, last_error = '', sent_at = NOW(6), updated_at = NOW(6) "
    "WHERE notification_key = ?";
constexpr char kFailed[] =
    "UPDATE notification_outbox SET state = ?, sending = 0, maybe_sent = GREATEST(maybe_sent, ?), last_error = ?, "
    "next_attempt_at = NOW(6) + INTERVAL ? MICROSECOND, updated_at = NOW(6) WHERE notification_key = ?";

std::optional<std::string> At(const Connection::Row& r, size_t i) { return i < r.size() ? r[i] : std::nullopt; }

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
    ASSIGN_OR_RETURN(
        uint64_t changed,
        conn.Update(kPut, {n.key.substr(0, 190), n.case_id, n.kind, absl::StrCat(static_cast<int>(n.channel)),
                           n.recipient.substr(0, 320), n.subject.substr(0, 998), n.body, MessageIdOf(n.key)}));
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
    ASSIGN_OR_RETURN(auto rows, conn.Query(kDue, {absl::StrCat(limit)}));
    for (const auto& r : rows) {
      ports::Notification n;
      n.key = At(r, 0).value_or("");
      n.case_id = At(r, 1).value_or("");
      n.kind = At(r, 2).value_or("");
      n.channel = At(r, 3).value_or("1") == "2" ? ports::NotifyChannel::kWhatsapp : ports::NotifyChannel::kEmail;
      n.recipient = At(r, 4).value_or("");
      n.subject = At(r, 5).value_or("");
      n.body = At(r, 6).value_or("");
      n.message_id = At(r, 7).value_or("");
      (void)absl::SimpleAtoi(At(r, 8).value_or("0"), &n.attempts);
      n.maybe_sent = At(r, 9).value_or("0") == "1";
      out.push_back(std::move(n));
    }
    return absl::OkStatus();
  }));
  return out;
}

absl::Status NotificationStore::MarkSending(const ports::Notification& n) {
  return pool_->With([&](Connection& conn) -> absl::Status {
    ASSIGN_OR_RETURN(uint64_t changed, conn.Update(kSending, {n.key}));
    if (changed != 1) return absl::FailedPreconditionError(absl::StrCat("notification ", n.key, " is not pending"));
    return absl::OkStatus();
  });
}

absl::Status NotificationStore::MarkSent(const ports::Notification& n) {
  return pool_->With([&](Connection& conn) -> absl::Status { return conn.Update(kSent, {n.key}).status(); });
}

absl::Status NotificationStore::MarkFailed(const ports::Notification& n, const std::string& error, bool maybe_sent,
                                           bool refused, absl::Duration retry_after) {
  return pool_->With([&](Connection& conn) -> absl::Status {
    return conn
        .Update(kFailed, {refused ? "3" : "1", maybe_sent ? "1" : "0", error.substr(0, 1000),
                          absl::StrCat(absl::ToInt64Microseconds(retry_after)), n.key})
        .status();
  });
}

}  // namespace discipline::mariadb
