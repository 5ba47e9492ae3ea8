#ifndef DISCIPLINE_SERVICE_DOMAIN_NOTIFICATIONS_H_
#define DISCIPLINE_SERVICE_DOMAIN_NOTIFICATIONS_H_

// The text of the notifications the service sends, in Bahasa Indonesia.
// Pure: the caller supplies the case, the recipient and the agency.

#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "service/domain/case.h"
#include "service/domain/personnel.h"

namespace discipline::domain {

struct NotificationText {
  std::string subject;
  std::string body;  // plain text, lines separated by "\n"
};

// "11 November 2026".
std::string DateInWords(absl::CivilDay day);

// The summons to the employee (PP 94/2021 Pasal 26 ayat (1): the employee is
// summoned in writing before the examination). `summons` is the case's
// summons just issued; `time` "HH:MM" and `place` when the summons has them
// ("" otherwise); `zone_label` the agency's zone ("WIB", "WITA", "WIT").
NotificationText SummonsNotification(const Case& c, const Summons& summons, const Agency& agency,
                                     const std::string& time, const std::string& place);

// What an open deadline asks for, in words ("pemeriksaan", ...).
std::string DeadlineInWords(const std::string& what);

// The reminder to whoever owns an open deadline of `c` (service/domain/
// reminders.h says who), `working_days_left` working days before it falls
// due (0: due today). `recipient` the name to greet ("" for none).
NotificationText DeadlineReminderNotification(const Case& c, const Deadline& d, const Agency& agency,
                                              const std::string& recipient, int working_days_left);

// The PPK's daily digest of `day`: the cases of `agency` awaiting his
// decision (register number, employee, nearest deadline), in the inbox's
// order (SortByUrgency). `cases` is not empty.
NotificationText PpkDigestNotification(const Agency& agency, absl::CivilDay day, const std::vector<Case>& cases);

// "WIB", "WITA" or "WIT" for an Indonesian IANA zone; "" otherwise.
std::string ZoneLabel(const std::string& iana_zone);

}  // namespace discipline::domain

#endif  // DISCIPLINE_SERVICE_DOMAIN_NOTIFICATIONS_H_
