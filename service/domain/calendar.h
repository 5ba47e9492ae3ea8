#ifndef DISCIPLINE_SERVICE_DOMAIN_CALENDAR_H_
#define DISCIPLINE_SERVICE_DOMAIN_CALENDAR_H_

// The working-day calendar (hari kerja): Monday to Friday, less national
// holidays, cuti bersama, ad-hoc days off (polling days) and an agency's own
// days off. Only the years the data covers are known: a computation that
// leaves them fails instead of guessing. Immutable and thread-safe after
// Create().

#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"

namespace discipline::domain {

struct DayOffEntry {
  absl::CivilDay day;
  std::string name;
};

struct CalendarSpec {
  // National data version, e.g. "ID-2024.2-2025.1-2026.1-2027.1".
  std::string version;
  // Years covered, each with its national days off.
  std::map<int, std::vector<DayOffEntry>> years;
  struct Agency {
    std::string version;
    std::vector<DayOffEntry> days_off;
  };
  std::map<std::string, Agency> agencies;
};

// A computed date and the calendar version it was computed with.
struct CalendarDate {
  absl::CivilDay day;
  std::string calendar_version;
};

class WorkingDayCalendar {
 public:
  // FAILED_PRECONDITION when a day off lies outside the years covered or the
  // spec has no year.
  static absl::StatusOr<WorkingDayCalendar> Create(const CalendarSpec& spec);

  // The `days`-th working day after `from` (before it when negative; `from`
  // itself is not counted). days == 0 returns `from`. Errors:
  // INVALID_ARGUMENT when |days| exceeds ten years' worth; FAILED_PRECONDITION
  // when the walk leaves the covered years.
  absl::StatusOr<CalendarDate> AddWorkingDays(absl::CivilDay from, int days, absl::string_view agency_code = {}) const;

  // The working days after `from` up to and including `to`: the inverse of
  // AddWorkingDays for a working day `to` (AddWorkingDays(from, n) == to gives
  // n). Negative when `to` is before `from`. FAILED_PRECONDITION when either
  // day is outside the covered years.
  absl::StatusOr<int> WorkingDaysBetween(absl::CivilDay from, absl::CivilDay to,
                                         absl::string_view agency_code = {}) const;

  // FAILED_PRECONDITION outside the covered years.
  absl::StatusOr<bool> IsWorkingDay(absl::CivilDay day, absl::string_view agency_code = {}) const;

  // "<national version>" or "<national version>+<agency>@<agency version>".
  std::string Version(absl::string_view agency_code = {}) const;

  int first_year() const { return first_year_; }
  int last_year() const { return last_year_; }

  // Days from `today` until the last covered day (negative once past it), so
  // an operator can be warned before deadlines start running off the end.
  int DaysCovered(absl::CivilDay today) const { return static_cast<int>(absl::CivilDay(last_year_, 12, 31) - today); }

 private:
  WorkingDayCalendar() = default;
  bool IsOff(absl::CivilDay day, absl::string_view agency_code) const;
  // FAILED_PRECONDITION for `day` outside the covered years, naming the fix.
  absl::Status Uncovered(absl::CivilDay day, absl::string_view what) const;

  std::string version_;
  int first_year_ = 0;
  int last_year_ = 0;
  std::set<absl::CivilDay> national_;
  std::map<std::string, std::pair<std::string, std::set<absl::CivilDay>>, std::less<>> agencies_;
};

// Parses a strict ISO "YYYY-MM-DD" into a valid calendar day.
// INVALID_ARGUMENT naming `field` otherwise.
absl::StatusOr<absl::CivilDay> ParseIsoDate(absl::string_view text, absl::string_view field);
std::string FormatIsoDate(absl::CivilDay day);

}  // namespace discipline::domain

#endif  // DISCIPLINE_SERVICE_DOMAIN_CALENDAR_H_
