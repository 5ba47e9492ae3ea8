#include "service/app/notification_dispatcher.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace discipline::app {

absl::Duration NotificationDispatcher::Backoff(int attempts) {
  return std::min(absl::Seconds(1) * (int64_t{1} << std::clamp(attempts - 1, 0, 20)), absl::Minutes(10));
}

absl::StatusOr<NotifyRun> NotificationDispatcher::RunOnce(int limit) {
  absl::StatusOr<std::vector<ports::Notification>> due = outbox_.DueNotifications(limit);
  if (!due.ok()) return due.status();
  NotifyRun run;
  for (const ports::Notification& n : *due) {
    auto channel = channels_.find(n.channel);
    if (channel == channels_.end()) continue;
    // Counted durably before it goes out; a row another pass took is left.
    if (absl::Status s = outbox_.MarkSending(n); !s.ok()) {
      run.last_error = absl::StrCat(n.key, ": ", s.message());
      continue;
    }
    const ports::SendResult r = channel->second->Send(n);
    const int attempts = n.attempts + 1;
    absl::Status marked;
    switch (r.outcome) {
      case ports::SendOutcome::kSent:
        marked = outbox_.MarkSent(n);
        ++run.sent;
        break;
      case ports::SendOutcome::kRefused:
        marked = outbox_.MarkFailed(n, r.error, false, true, absl::ZeroDuration());
        ++run.refused;
        run.last_error = absl::StrCat(n.key, ": ", r.error);
        break;
      case ports::SendOutcome::kRetry:
      case ports::SendOutcome::kMaybeSent: {
        const bool give_up = attempts >= kMaxAttempts;
        marked =
            outbox_.MarkFailed(n, r.error, r.outcome == ports::SendOutcome::kMaybeSent, give_up, Backoff(attempts));
        ++(give_up ? run.refused : run.retried);
        run.last_error = absl::StrCat(n.key, ": ", r.error);
        break;
      }
    }
    if (!marked.ok()) run.last_error = absl::StrCat(n.key, ": ", marked.message());
  }
  return run;
}

}  // namespace discipline::app
