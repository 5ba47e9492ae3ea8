#ifndef DISCIPLINE_SERVICE_DOMAIN_REMINDERS_H_
#define DISCIPLINE_SERVICE_DOMAIN_REMINDERS_H_

// Which open deadlines of a case are due a reminder, and to whom. Pure: the
// caller supplies the agency's day and the working-day calendar.
//
// A deadline falling due on D is reminded from the N-th working day before
// D (the calendar's hari kerja: Monday to Friday less the national holidays,
// cuti bersama and the agency's days off) until D itself, so that a run
// missed on the reminder day (the server down) still reminds once later;
// the outbox's key, one per (case, deadline, due date, recipient), keeps it
// to one reminder.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "service/domain/calendar.h"
#include "service/domain/case.h"

namespace discipline::domain {

// Who answers for a deadline: a civil servant by NIP, or the office of the
// agency's PPK (a political office without a NIP).
struct DeadlineOwner {
  std::string nip;  // empty for the PPK's office
  bool ppk_office = false;

  bool operator==(const DeadlineOwner&) const = default;
};

struct DueReminder {
  Deadline deadline;
  std::vector<DeadlineOwner> owners;
};

// The owners of `d` on `c`:
// - "examination": the examiners named on the latest summons (PP 94/2021
//   Pasal 26-27: the examination is held by them on the summoned day);
// - "second_summons": the employee's direct superior, who summons (PP
//   94/2021 Pasal 26 ayat (2) and (3));
// - "delivery": the official who decided, or the PPK's office when that
//   official has no NIP (PP 94/2021 Pasal 37 ayat (3));
// - "ppk_follow_up": the PPK's office (SKB 2022 netralitas ASN);
// - "remedy" and "remedy_decision" have none: the first is the employee's
//   own time to object (PP 79/2021), the second runs outside the agency.
std::vector<DeadlineOwner> OwnersOf(const Case& c, const Deadline& d);

// The first day a reminder of a deadline due on `due_on` is due: the
// `working_days_before`-th working day before it (calendar of `agency_code`).
// FAILED_PRECONDITION when that walk leaves the calendar's years.
absl::StatusOr<absl::CivilDay> ReminderDay(const WorkingDayCalendar& calendar, absl::CivilDay due_on,
                                           int working_days_before, const std::string& agency_code);

// The open deadlines of `c` that are due a reminder on `today` (the
// agency's day): ReminderDay(due) <= today <= due, with at least one owner.
// A deadline whose reminder day cannot be computed (outside the calendar's
// years) is skipped; the calendar warning at start-up names that case.
std::vector<DueReminder> RemindersDue(const Case& c, absl::CivilDay today, int working_days_before,
                                      const WorkingDayCalendar& calendar);

// The outbox key of a reminder: one per case, deadline, due date and
// recipient, so that it is enqueued once whatever the number of runs.
std::string ReminderKey(const std::string& case_id, const Deadline& d, const DeadlineOwner& owner);
// The outbox key of the PPK's digest: one per agency and agency day.
std::string DigestKey(const std::string& agency_code, absl::CivilDay day);

}  // namespace discipline::domain

#endif  // DISCIPLINE_SERVICE_DOMAIN_REMINDERS_H_
