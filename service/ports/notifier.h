#ifndef DISCIPLINE_SERVICE_PORTS_NOTIFIER_H_
#define DISCIPLINE_SERVICE_PORTS_NOTIFIER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace discipline::ports {

enum class NotifyChannel { kEmail = 1, kWhatsapp = 2 };

// A notification as the outbox keeps it. `key` is unique per notification
// (e.g. "<case_id>:<version>:summons:email"); the Message-ID is made from it
// when it is enqueued and never changes, so that a copy sent again is
// recognisably the same message.
struct Notification {
  std::string key;
  std::string case_id;
  std::string kind;  // "summons", "deadline_reminder", "ppk_digest"
  NotifyChannel channel = NotifyChannel::kEmail;
  std::string recipient;  // an e-mail address or a phone number
  std::string subject;
  std::string body;
  std::string message_id;  // "<key@host>", set by the outbox
  int attempts = 0;
  // An earlier attempt handed the whole message to the relay and its answer
  // is not known (a timeout or a dropped connection after the end of DATA).
  bool maybe_sent = false;
};

// How one attempt ended.
enum class SendOutcome {
  kSent,       // the relay or gateway accepted it
  kRetry,      // not sent (refused for now, no connection): try again
  kMaybeSent,  // handed over completely, no answer: may have been sent
  kRefused,    // refused for good (5xx, a bad address): no further attempt
};

struct SendResult {
  SendOutcome outcome = SendOutcome::kRetry;
  std::string error;  // never contains a secret
};

// One channel (SMTP, a WhatsApp gateway). Thread-compatible.
class Notifier {
 public:
  virtual ~Notifier() = default;
  virtual NotifyChannel channel() const = 0;
  virtual SendResult Send(const Notification& n) = 0;
};

// The durable outbox of notifications. Rows are written by CaseRepository
// in the change's own transaction (AuditEntry::notifications); the
// dispatcher reads and marks them here. Thread-safe.
class NotificationOutbox {
 public:
  virtual ~NotificationOutbox() = default;
  // Writes `notifications` pending, outside any change of a case (the
  // reminders and digests of the scheduled jobs). A key already in the
  // outbox, pending, sent or refused, is left as it is: a notification is
  // enqueued once, however often a job runs. Returns how many were new.
  virtual absl::StatusOr<int> Enqueue(const std::vector<Notification>& notifications) = 0;
  // Pending notifications whose next attempt is due, oldest first.
  virtual absl::StatusOr<std::vector<Notification>> DueNotifications(int limit) = 0;
  // Durably, before a send goes out: the attempt is counted.
  virtual absl::Status MarkSending(const Notification& n) = 0;
  virtual absl::Status MarkSent(const Notification& n) = 0;
  // `maybe_sent`: the message may have reached the relay (kept on the row);
  // `refused`: no further attempt; else the next after `retry_after`.
  virtual absl::Status MarkFailed(const Notification& n, const std::string& error, bool maybe_sent, bool refused,
                                  absl::Duration retry_after) = 0;
};

}  // namespace discipline::ports

#endif  // DISCIPLINE_SERVICE_PORTS_NOTIFIER_H_
