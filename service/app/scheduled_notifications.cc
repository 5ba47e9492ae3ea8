#include "service/app/scheduled_notifications.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "service/domain/local_time.h"
#include "service/domain/notifications.h"
#include "service/domain/reminders.h"

namespace discipline::app {
namespace {

using domain::Case;

// Pages of the case listing one run reads at most (500 cases each).
constexpr int kMaxPages = 40;

// The agency's day and hour now (WIB when the case names no zone).
absl::CivilHour AgencyHour(absl::Time now, const std::string& zone_name) {
  absl::StatusOr<domain::AgencyZone> zone = domain::ParseAgencyZone(zone_name);
  const absl::TimeZone tz = zone.ok() ? zone->zone : absl::FixedTimeZone(7 * 3600);
  return absl::ToCivilHour(now, tz);
}

// Whether the office of `agency_code`'s PPK may decide `c` (the inbox's
// rule: for one of the recommended punishments, or the recommendation's
// authority when it offers none).
bool AwaitsPpk(const Case& c, const domain::Policy& policy) {
  if (!c.recommendation.has_value()) return false;
  domain::Caller ppk;
  ppk.agency_code = c.agency_code;
  ppk.roles = {domain::Role::kPpk};
  if (c.recommendation->assessment.options.empty()) {
    const domain::CaseScope whole = domain::ScopeOf(c);
    return domain::Authorize(ppk, domain::Action::kDecideSanction, &whole, policy).ok();
  }
  for (const auto& o : c.recommendation->assessment.options) {
    const domain::CaseScope scope = domain::ScopeOf(c, o.punishment);
    if (domain::Authorize(ppk, domain::Action::kDecideSanction, &scope, policy).ok()) return true;
  }
  return false;
}

}  // namespace

std::string ScheduledNotifications::PpkAddress(const domain::Agency& agency) {
  if (!agency.ppk_nip.empty()) {
    if (absl::StatusOr<domain::EmployeeSnapshot> e = d_.personnel.GetEmployee(agency.ppk_nip);
        e.ok() && !e->email.empty()) {
      return e->email;
    }
  }
  auto it = d_.settings.ppk_email.find(agency.code);
  return it == d_.settings.ppk_email.end() ? "" : it->second;
}

// One piece: a page loop over the cases with an open deadline, with the
// owner of each deadline and its once-only key built inside the loop.
absl::StatusOr<ScheduleRun> ScheduledNotifications::RemindDeadlines() {
  const absl::Time now = d_.clock.Now();
  // The cases whose earliest open deadline falls before the bound: every
  // deadline that is due a reminder today, in any zone, is at most N
  // working days away, and N working days span at most N + 10 working days
  // of the national calendar (an agency's own days off added); past the
  // calendar's years, two months.
  const absl::CivilDay today = absl::CivilDay(absl::ToCivilHour(now, absl::FixedTimeZone(9 * 3600)));
  absl::CivilDay bound = today + 62;
  if (auto far = d_.calendar.AddWorkingDays(today, d_.settings.reminder_working_days + 10); far.ok()) {
    bound = far->day;
  }
  ports::CaseFilter filter;
  filter.overdue_only = true;
  filter.today = bound + 1;
  filter.page_size = 500;
  ScheduleRun run;
  std::map<std::string, domain::Agency> agencies;
  for (int page_no = 0; page_no < kMaxPages; ++page_no) {
    absl::StatusOr<ports::CasePage> page = d_.cases.List(filter);
    if (!page.ok()) return page.status();
    for (const Case& c : page->cases) {
      const absl::CivilDay day(AgencyHour(now, c.agency_time_zone));
      const std::vector<domain::DueReminder> due =
          domain::RemindersDue(c, day, d_.settings.reminder_working_days, d_.calendar);
      if (due.empty()) continue;
      if (!agencies.contains(c.agency_code)) {
        domain::Agency a;
        if (auto got = d_.personnel.GetAgency(c.agency_code); got.ok()) a = *got;
        if (a.code.empty()) a.code = c.agency_code;
        if (a.name.empty()) a.name = c.agency_code;
        agencies[c.agency_code] = a;
      }
      const domain::Agency& agency = agencies[c.agency_code];
      std::vector<ports::Notification> batch;
      for (const domain::DueReminder& r : due) {
        const int left = d_.calendar.WorkingDaysBetween(day, r.deadline.due_on, c.agency_code).value_or(0);
        for (const domain::DeadlineOwner& owner : r.owners) {
          std::string address, name;
          if (owner.ppk_office) {
            address = PpkAddress(agency);
            name = agency.ppk_title;
          } else if (auto e = d_.personnel.GetEmployee(owner.nip); e.ok()) {
            address = e->email;
            name = e->name;
          } else {
            run.last_error = absl::StrCat(c.case_id, ": ", e.status().message());
          }
          if (address.empty()) {
            ++run.no_address;
            continue;
          }
          const domain::NotificationText text = domain::DeadlineReminderNotification(c, r.deadline, agency, name, left);
          ports::Notification n;
          n.key = absl::StrCat(domain::ReminderKey(c.case_id, r.deadline, owner), ":email");
          n.case_id = c.case_id;
          n.kind = "deadline_reminder";
          n.channel = ports::NotifyChannel::kEmail;
          n.recipient = address;
          n.subject = text.subject;
          n.body = text.body;
          batch.push_back(std::move(n));
        }
      }
      if (batch.empty()) continue;
      absl::StatusOr<int> added = d_.outbox.Enqueue(batch);
      if (!added.ok()) return added.status();
      run.enqueued += *added;
      run.already += static_cast<int>(batch.size()) - *added;
    }
    if (!page->more || page->cases.empty()) break;
    filter.after_case_id = page->cases.back().case_id;
    filter.after_due_on = domain::NextDue(page->cases.back());
  }
  return run;
}

absl::StatusOr<ScheduleRun> ScheduledNotifications::SendPpkDigests() {
  const absl::Time now = d_.clock.Now();
  // The recommendations waiting for a decision, by agency.
  std::map<std::string, std::vector<Case>> waiting;
  ports::CaseFilter filter;
  filter.state = domain::CaseState::kRecommended;
  filter.page_size = 500;
  for (int page_no = 0; page_no < kMaxPages; ++page_no) {
    absl::StatusOr<ports::CasePage> page = d_.cases.List(filter);
    if (!page.ok()) return page.status();
    const std::string last = page->cases.empty() ? "" : page->cases.back().case_id;
    for (Case& c : page->cases) {
      if (AwaitsPpk(c, d_.policy)) waiting[c.agency_code].push_back(std::move(c));
    }
    if (!page->more || last.empty()) break;
    filter.after_case_id = last;
  }
  ScheduleRun run;
  for (auto& [agency_code, cases] : waiting) {
    domain::Agency agency;
    if (auto got = d_.personnel.GetAgency(agency_code); got.ok()) agency = *got;
    if (agency.code.empty()) agency.code = agency_code;
    if (agency.name.empty()) agency.name = agency_code;
    if (agency.time_zone.empty()) agency.time_zone = cases.front().agency_time_zone;
    const absl::CivilHour hour = AgencyHour(now, agency.time_zone);
    if (hour.hour() < d_.settings.digest_hour) continue;
    const std::string address = PpkAddress(agency);
    if (address.empty()) {
      ++run.no_address;
      continue;
    }
    domain::SortByUrgency(cases);
    const absl::CivilDay day(hour);
    const domain::NotificationText text = domain::PpkDigestNotification(agency, day, cases);
    ports::Notification n;
    n.key = absl::StrCat(domain::DigestKey(agency_code, day), ":email");
    n.kind = "ppk_digest";
    n.channel = ports::NotifyChannel::kEmail;
    n.recipient = address;
    n.subject = text.subject;
    n.body = text.body;
    absl::StatusOr<int> added = d_.outbox.Enqueue({n});
    if (!added.ok()) return added.status();
    run.enqueued += *added;
    run.already += 1 - *added;
  }
  return run;
}

}  // namespace discipline::app
