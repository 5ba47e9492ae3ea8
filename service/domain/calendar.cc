#include "service/domain/calendar.h"

#include <cstdlib>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "service/common/errors.h"

namespace discipline::domain {
namespace {

// Ten years of working days: a longer walk is a mistake in the request.
constexpr int kMaxWorkingDays = 2600;

bool IsWeekend(absl::CivilDay day) {
  const absl::Weekday w = absl::GetWeekday(day);
  return w == absl::Weekday::saturday || w == absl::Weekday::sunday;
}

}  // namespace

absl::StatusOr<WorkingDayCalendar> WorkingDayCalendar::Create(const CalendarSpec& spec) {
  if (spec.years.empty()) return absl::FailedPreconditionError("calendar: no year is covered");
  WorkingDayCalendar c;
  c.version_ = spec.version;
  c.first_year_ = spec.years.begin()->first;
  c.last_year_ = spec.years.rbegin()->first;
  for (int y = c.first_year_; y <= c.last_year_; ++y) {
    if (!spec.years.contains(y)) {
      return absl::FailedPreconditionError(
          absl::StrCat("calendar: year ", y, " is missing between ", c.first_year_, " and ", c.last_year_));
    }
  }
  for (const auto& [year, days] : spec.years) {
    for (const DayOffEntry& d : days) {
      if (d.day.year() != year) {
        return absl::FailedPreconditionError(
            absl::StrCat("calendar: ", FormatIsoDate(d.day), " (", d.name, ") is listed under year ", year));
      }
      c.national_.insert(d.day);
    }
  }
  for (const auto& [code, agency] : spec.agencies) {
    auto& entry = c.agencies_[code];
    entry.first = agency.version;
    for (const DayOffEntry& d : agency.days_off) {
      if (d.day.year() < c.first_year_ || d.day.year() > c.last_year_) {
        return absl::FailedPreconditionError(absl::StrCat("calendar: agency ", code, " day off ", FormatIsoDate(d.day),
                                                          " is outside the covered years"));
      }
      entry.second.insert(d.day);
    }
  }
  return c;
}

bool WorkingDayCalendar::IsOff(absl::CivilDay day, absl::string_view agency_code) const {
  if (IsWeekend(day) || national_.contains(day)) return true;
  if (agency_code.empty()) return false;
  auto it = agencies_.find(agency_code);
  return it != agencies_.end() && it->second.second.contains(day);
}

absl::Status WorkingDayCalendar::Uncovered(absl::CivilDay day, absl::string_view what) const {
  return WithIndonesian(
      absl::FailedPreconditionError(absl::StrCat(
          "calendar covers ", first_year_, "-", last_year_, " only; ", what, " ", day.year(),
          ": add that year's national holiday and cuti bersama decree (SKB) to the calendar, see docs/law.md "
          "\"Legal updates without touching C++\"")),
      absl::StrCat("Kalender hari kerja belum memuat tahun ", day.year(),
                   ". Minta operator menambahkan SKB hari libur nasional dan cuti bersama tahun tersebut."));
}

absl::StatusOr<bool> WorkingDayCalendar::IsWorkingDay(absl::CivilDay day, absl::string_view agency_code) const {
  if (day.year() < first_year_ || day.year() > last_year_)
    return Uncovered(day, absl::StrCat(FormatIsoDate(day), " is in"));
  return !IsOff(day, agency_code);
}

absl::StatusOr<int> WorkingDayCalendar::WorkingDaysBetween(absl::CivilDay from, absl::CivilDay to,
                                                           absl::string_view agency_code) const {
  for (absl::CivilDay day : {from, to}) {
    if (day.year() < first_year_ || day.year() > last_year_) {
      return Uncovered(day, absl::StrCat(FormatIsoDate(day), " is in"));
    }
  }
  const int sign = to >= from ? 1 : -1;
  const absl::CivilDay first = sign > 0 ? from : to, last = sign > 0 ? to : from;
  int count = 0;
  for (absl::CivilDay day = first + 1; day <= last; ++day) count += IsOff(day, agency_code) ? 0 : 1;
  return sign * count;
}

absl::StatusOr<CalendarDate> WorkingDayCalendar::AddWorkingDays(absl::CivilDay from, int days,
                                                                absl::string_view agency_code) const {
  // Compared before any negation: -INT32_MIN does not exist.
  if (days < -kMaxWorkingDays || days > kMaxWorkingDays) {
    return InvalidField("days", absl::StrCat("must be between -", kMaxWorkingDays, " and ", kMaxWorkingDays));
  }
  if (from.year() < first_year_ || from.year() > last_year_) {
    return Uncovered(from, absl::StrCat(FormatIsoDate(from), " is in"));
  }
  const int step = days >= 0 ? 1 : -1;
  absl::CivilDay day = from;
  for (int left = days >= 0 ? days : -days; left > 0;) {
    day += step;
    if (day.year() < first_year_ || day.year() > last_year_) {
      return Uncovered(day, absl::StrCat("counting ", days, " working days from ", FormatIsoDate(from), " reaches"));
    }
    if (!IsOff(day, agency_code)) --left;
  }
  return CalendarDate{day, Version(agency_code)};
}

std::string WorkingDayCalendar::Version(absl::string_view agency_code) const {
  if (!agency_code.empty()) {
    auto it = agencies_.find(agency_code);
    if (it != agencies_.end()) return absl::StrCat(version_, "+", agency_code, "@", it->second.first);
  }
  return version_;
}

absl::StatusOr<absl::CivilDay> ParseIsoDate(absl::string_view text, absl::string_view field) {
  auto bad = [&] {
    return InvalidField(field, absl::StrCat("'", Excerpt(text), "' is not a date of the form YYYY-MM-DD"),
                        "Tanggal harus berformat TTTT-BB-HH.");
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return bad();
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(text[i]))) return bad();
  }
  int y = 0, m = 0, d = 0;
  if (!absl::SimpleAtoi(text.substr(0, 4), &y) || !absl::SimpleAtoi(text.substr(5, 2), &m) ||
      !absl::SimpleAtoi(text.substr(8, 2), &d)) {
    return bad();
  }
  const absl::CivilDay day(y, m, d);
  // CivilDay normalises 2026-02-30 to 2026-03-02: a changed field means the
  // date does not exist.
  if (day.year() != y || day.month() != m || day.day() != d) return bad();
  return day;
}

std::string FormatIsoDate(absl::CivilDay day) {
  return absl::StrFormat("%04d-%02d-%02d", day.year(), day.month(), day.day());
}

}  // namespace discipline::domain
