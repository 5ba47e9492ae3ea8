#include "service/domain/reminders.h"

#include "absl/strings/str_cat.h"

namespace discipline::domain {

std::vector<DeadlineOwner> OwnersOf(const Case& c, const Deadline& d) {
  std::vector<DeadlineOwner> owners;
  if (d.what == "examination") {
    // PP 94/2021 Pasal 26-27: the examiners the summons names hold the
    // examination on the day it gives.
    if (!c.summonses.empty()) {
      const Summons& s = c.summonses.back();
      for (const std::string& nip : s.examiner_nips.empty() ? s.examination_team_nips : s.examiner_nips) {
        owners.push_back({nip, false});
      }
    }
  } else if (d.what == "second_summons") {
    // PP 94/2021 Pasal 26 ayat (2) and (3): the direct superior summons,
    // the second time too.
    if (!c.employee.superior_nip.empty()) owners.push_back({c.employee.superior_nip, false});
  } else if (d.what == "delivery") {
    // PP 94/2021 Pasal 37 ayat (3): the decision is delivered by the
    // official who decided it (or an official he designates).
    if (c.decision.has_value() && !c.decision->decided_by.nip.empty()) {
      owners.push_back({c.decision->decided_by.nip, false});
    } else {
      owners.push_back({"", true});
    }
  } else if (d.what == "ppk_follow_up") {
    // SKB 2022 netralitas ASN: the PPK follows up the recommendation.
    owners.push_back({"", true});
  }
  return owners;
}

absl::StatusOr<absl::CivilDay> ReminderDay(const WorkingDayCalendar& calendar, absl::CivilDay due_on,
                                           int working_days_before, const std::string& agency_code) {
  if (working_days_before <= 0) return due_on;
  absl::StatusOr<CalendarDate> day = calendar.AddWorkingDays(due_on, -working_days_before, agency_code);
  if (!day.ok()) return day.status();
  return day->day;
}

std::vector<DueReminder> RemindersDue(const Case& c, absl::CivilDay today, int working_days_before,
                                      const WorkingDayCalendar& calendar) {
  std::vector<DueReminder> out;
  for (const Deadline& d : c.open_deadlines) {
    if (today > d.due_on) continue;  // past: the overdue figures tell of it
    absl::StatusOr<absl::CivilDay> from = ReminderDay(calendar, d.due_on, working_days_before, c.agency_code);
    if (!from.ok() || today < *from) continue;
    std::vector<DeadlineOwner> owners = OwnersOf(c, d);
    if (owners.empty()) continue;
    out.push_back({d, std::move(owners)});
  }
  return out;
}

std::string ReminderKey(const std::string& case_id, const Deadline& d, const DeadlineOwner& owner) {
  return absl::StrCat("reminder:", case_id, ":", d.what, ":", FormatIsoDate(d.due_on), ":",
                      owner.ppk_office ? std::string("ppk") : owner.nip);
}

std::string DigestKey(const std::string& agency_code, absl::CivilDay day) {
  return absl::StrCat("digest:", agency_code, ":", FormatIsoDate(day));
}

}  // namespace discipline::domain
