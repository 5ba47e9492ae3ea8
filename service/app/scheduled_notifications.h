#ifndef DISCIPLINE_SERVICE_APP_SCHEDULED_NOTIFICATIONS_H_
#define DISCIPLINE_SERVICE_APP_SCHEDULED_NOTIFICATIONS_H_

// The notifications no change of a case makes due, put in the outbox by a
// timer (service/bootstrap/background_jobs.h): the reminder to whoever owns
// an open deadline N working days before it falls due, and the PPK's daily
// digest of his inbox. Each has a key of its own in the outbox (one per
// case, deadline, due date and recipient; one per agency and agency day),
// so a job run twice, or by two replicas, or again after a restart,
// enqueues it once; the dispatcher sends it with its retries and backoff.
// E-mail only: the addresses come from the personnel source.

#include <map>
#include <string>

#include "absl/status/statusor.h"
#include "service/domain/access.h"
#include "service/domain/calendar.h"
#include "service/ports/case_repository.h"
#include "service/ports/clock.h"
#include "service/ports/notifier.h"
#include "service/ports/personnel_directory.h"

namespace discipline::app {

struct ScheduleSettings {
  // A deadline is reminded from this many working days before it falls due.
  int reminder_working_days = 2;
  // The agency's local hour (0-23) from which the day's digest is sent.
  int digest_hour = 7;
  // The address of a political PPK (no NIP, so none in the personnel
  // source), by agency code.
  std::map<std::string, std::string> ppk_email;
};

struct ScheduleDeps {
  ports::CaseRepository& cases;
  ports::PersonnelDirectory& personnel;
  ports::NotificationOutbox& outbox;
  const domain::WorkingDayCalendar& calendar;
  const ports::Clock& clock;
  const domain::Policy& policy;
  ScheduleSettings settings;
};

struct ScheduleRun {
  int enqueued = 0;    // new in the outbox
  int already = 0;     // enqueued by an earlier run
  int no_address = 0;  // an owner without an e-mail address
  std::string last_error;
};

class ScheduledNotifications {
 public:
  explicit ScheduledNotifications(ScheduleDeps deps) : d_(std::move(deps)) {}

  // The reminders due today (each case's agency day) of every open
  // deadline (domain::RemindersDue).
  absl::StatusOr<ScheduleRun> RemindDeadlines();
  // Per agency with cases awaiting its PPK's decision, once its local hour
  // has reached digest_hour: one digest for the agency's day.
  absl::StatusOr<ScheduleRun> SendPpkDigests();

 private:
  // The PPK's address: the personnel source's, for a PPK with a NIP, else
  // the configured one; "" when there is none.
  std::string PpkAddress(const domain::Agency& agency);

  ScheduleDeps d_;
};

}  // namespace discipline::app

#endif  // DISCIPLINE_SERVICE_APP_SCHEDULED_NOTIFICATIONS_H_
