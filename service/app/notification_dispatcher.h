#ifndef DISCIPLINE_SERVICE_APP_NOTIFICATION_DISPATCHER_H_
#define DISCIPLINE_SERVICE_APP_NOTIFICATION_DISPATCHER_H_

// Sends the due notifications of the outbox through their channel, one
// attempt each per pass, and records the outcome. An attempt is counted
// durably before it goes out (MarkSending): a process that dies mid-send
// leaves the row marked, and the next pass treats it as maybe sent.
//
// A message that may have reached the relay (no final answer after the
// whole message was handed over, or a crash mid-send) is sent again with the
// same Message-ID: SMTP gives no way to ask a relay whether it took a
// message, so exactly-once is not possible; what is guaranteed is that it is
// not lost and that every copy is the same message (same Message-ID, which
// mail clients use to fold duplicates), and the row says maybe_sent.
// Run by one replica at a time (the lease "notify").

#include <map>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "service/ports/notifier.h"

namespace discipline::app {

struct NotifyRun {
  int sent = 0;
  int retried = 0;
  int refused = 0;
  std::string last_error;
};

class NotificationDispatcher {
 public:
  explicit NotificationDispatcher(ports::NotificationOutbox& outbox) : outbox_(outbox) {}
  // `notifier` (not owned) sends its channel's notifications; a channel
  // without one leaves them waiting.
  void AddChannel(ports::Notifier* notifier) { channels_[notifier->channel()] = notifier; }
  absl::StatusOr<NotifyRun> RunOnce(int limit = 50);

  // 1 s, 2 s, 4 s, ... at most 10 min.
  static absl::Duration Backoff(int attempts);
  // After this many attempts a notification is given up (refused).
  static constexpr int kMaxAttempts = 40;

 private:
  ports::NotificationOutbox& outbox_;
  std::map<ports::NotifyChannel, ports::Notifier*> channels_;
};

}  // namespace discipline::app

#endif  // DISCIPLINE_SERVICE_APP_NOTIFICATION_DISPATCHER_H_
