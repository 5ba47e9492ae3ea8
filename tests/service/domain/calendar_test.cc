// unit: the working-day calendar across the Eid and Christmas weeks of
// 2024-2027 (the yearly SKB on national holidays and cuti bersama).

#include "service/domain/calendar.h"

#include <iterator>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/common/errors.h"
#include "tests/testing/rules.h"
#include "tests/testing/status_matchers.h"

namespace discipline::domain {
namespace {

using ::discipline::testing::BuiltinRules;
using ::discipline::testing::IsOkAndHolds;
using ::discipline::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Optional;

const WorkingDayCalendar& Cal() { return BuiltinRules().calendar; }

absl::CivilDay D(int y, int m, int d) { return absl::CivilDay(y, m, d); }

struct Row {
  absl::CivilDay from;
  int days;
  absl::CivilDay expected;
  const char* why;
};

class AddWorkingDaysTest : public ::testing::TestWithParam<Row> {};

TEST_P(AddWorkingDaysTest, SkipsWeekendsHolidaysAndCutiBersama) {
  const Row& r = GetParam();
  auto got = Cal().AddWorkingDays(r.from, r.days);
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->day, r.expected) << r.why << ": got " << FormatIsoDate(got->day);
  EXPECT_EQ(got->calendar_version, Cal().Version());
}

// The inverse count over the same decreed dates: from `from` to the day the
// table says, the table's number of working days (the inbox's "working days
// left" to a deadline).
TEST_P(AddWorkingDaysTest, WorkingDaysBetweenCountsTheSameDays) {
  const Row& r = GetParam();
  auto n = Cal().WorkingDaysBetween(r.from, r.expected);
  ASSERT_TRUE(n.ok()) << n.status();
  EXPECT_EQ(*n, r.days) << r.why;
}

INSTANTIATE_TEST_SUITE_P(Calendar, AddWorkingDaysTest,
                         ::testing::Values(
                             // 2024 Idul Fitri: 8-9 Apr cuti, 10-11 holiday, 12 and 15 cuti.
                             Row{D(2024, 4, 5), 1, D(2024, 4, 16), "Eid 2024 forward"},
                             Row{D(2024, 4, 16), -1, D(2024, 4, 5), "Eid 2024 backward"},
                             Row{D(2024, 4, 4), 7, D(2024, 4, 23), "Eid 2024, 7 working days"},
                             // 2024 Christmas: 25 holiday, 26 cuti.
                             Row{D(2024, 12, 24), 1, D(2024, 12, 27), "Christmas 2024"},
                             // 2024 polling days.
                             Row{D(2024, 2, 13), 1, D(2024, 2, 15), "Pemilu 14 Feb 2024"},
                             Row{D(2024, 11, 26), 1, D(2024, 11, 28), "Pilkada 27 Nov 2024"},
                             // 2025 Idul Fitri: 28 Mar cuti (Nyepi), 31 Mar-1 Apr holiday, 2-4, 7 Apr cuti.
                             Row{D(2025, 3, 27), 1, D(2025, 4, 8), "Eid 2025 forward"},
                             Row{D(2025, 4, 8), -1, D(2025, 3, 27), "Eid 2025 backward"},
                             // 2025 Christmas: 25 holiday, 26 cuti.
                             Row{D(2025, 12, 24), 1, D(2025, 12, 29), "Christmas 2025"},
                             // Across New Year 2025→2026: 31 Dec working, 1 Jan holiday.
                             Row{D(2025, 12, 30), 2, D(2026, 1, 2), "New Year 2026"},
                             // 2026 Nyepi and Idul Fitri: 18 Mar cuti, 19 Nyepi, 20 cuti, 21-22 Eid, 23-24 cuti.
                             Row{D(2026, 3, 17), 1, D(2026, 3, 25), "Eid 2026 forward"},
                             Row{D(2026, 3, 25), -1, D(2026, 3, 17), "Eid 2026 backward"},
                             Row{D(2026, 3, 16), 5, D(2026, 3, 30), "Eid 2026, 5 working days"},
                             // 2026 Christmas: 24 cuti, 25 holiday.
                             Row{D(2026, 12, 23), 1, D(2026, 12, 28), "Christmas 2026"},
                             // 14 working days of delivery (PP 94/2021 Pasal 37 ayat (3)).
                             Row{D(2026, 5, 11), 14, D(2026, 6, 5), "Ascension, Eid al-Adha, Pancasila 2026"},
                             Row{D(2026, 7, 1), 0, D(2026, 7, 1), "zero days"},
                             // Across the year end 2026→2027: 24 Dec cuti, 25 Dec, 1 Jan, and
                             // 5 Jan 2027 (Isra Mikraj 1448 H) are off. A decision of 17 Dec 2026
                             // is delivered by 12 Jan 2027 (PP 94/2021 Pasal 37 ayat (3)).
                             Row{D(2026, 12, 17), 14, D(2027, 1, 12), "delivery across New Year 2027"},
                             Row{D(2027, 1, 12), -14, D(2026, 12, 17), "back across New Year 2027"},
                             Row{D(2026, 12, 31), 1, D(2027, 1, 4), "New Year 2027"},
                             Row{D(2027, 1, 4), 1, D(2027, 1, 6), "Isra Mikraj 1448 H"},
                             // March 2027: 8 Nyepi, 9 cuti, 10-11 Eid, 12 and 15 cuti; 25 cuti,
                             // 26 Good Friday.
                             Row{D(2027, 3, 5), 1, D(2027, 3, 16), "Nyepi and Eid 2027 forward"},
                             Row{D(2027, 3, 16), -1, D(2027, 3, 5), "Nyepi and Eid 2027 backward"},
                             Row{D(2027, 3, 5), 7, D(2027, 3, 24), "Nyepi and Eid 2027, 7 working days"},
                             Row{D(2027, 3, 24), 1, D(2027, 3, 29), "Good Friday 2027"},
                             // May 2027: 6 Ascension; 17 Eid al-Adha, 18-19 cuti, 20 Vesak.
                             Row{D(2027, 5, 14), 1, D(2027, 5, 21), "Eid al-Adha and Vesak 2027 forward"},
                             Row{D(2027, 5, 21), -1, D(2027, 5, 14), "Eid al-Adha and Vesak 2027 backward"},
                             Row{D(2027, 5, 5), 14, D(2027, 6, 2),
                                 "Ascension, Eid al-Adha, Vesak and Pancasila 2027, 14 working days"},
                             // 1 Jun Pancasila, 17 Aug Independence, 24 Dec cuti Natal 2027.
                             Row{D(2027, 5, 31), 1, D(2027, 6, 2), "Pancasila 2027"},
                             Row{D(2027, 8, 16), 1, D(2027, 8, 18), "Independence Day 2027"},
                             Row{D(2027, 12, 23), 1, D(2027, 12, 27), "Christmas 2027"}),
                         [](const auto& info) { return absl::StrCat("row_", info.index); });

TEST(Calendar, OutsideTheKnownYearsIsAnError) {
  EXPECT_THAT(Cal().AddWorkingDays(D(2023, 12, 29), 1), StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(Cal().AddWorkingDays(D(2027, 12, 28), 10), StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(Cal().AddWorkingDays(D(2024, 1, 3), -5), StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(Cal().IsWorkingDay(D(2028, 1, 4)), StatusIs(absl::StatusCode::kFailedPrecondition));
  // The refusal names the year and the fix.
  EXPECT_THAT(Cal().AddWorkingDays(D(2027, 12, 28), 10),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       AllOf(HasSubstr("reaches 2028"), HasSubstr("decree (SKB)"), HasSubstr("Legal updates"))));
}

TEST(Calendar, WorkingDaysBetweenDaysOff) {
  // Eid 2024: 8-9 Apr cuti, 10-11 holiday, 12 cuti, 13-14 weekend, 15 cuti.
  EXPECT_THAT(Cal().WorkingDaysBetween(D(2024, 4, 5), D(2024, 4, 15)), IsOkAndHolds(0));
  EXPECT_THAT(Cal().WorkingDaysBetween(D(2024, 4, 15), D(2024, 4, 5)), IsOkAndHolds(0));
  EXPECT_THAT(Cal().WorkingDaysBetween(D(2024, 4, 5), D(2024, 4, 5)), IsOkAndHolds(0));
  // 16 Apr 2024 is a Tuesday and the first working day after Eid.
  EXPECT_THAT(Cal().WorkingDaysBetween(D(2024, 4, 5), D(2024, 4, 16)), IsOkAndHolds(1));
  EXPECT_THAT(Cal().WorkingDaysBetween(D(2024, 4, 16), D(2024, 4, 5)), IsOkAndHolds(-1));
  EXPECT_THAT(Cal().WorkingDaysBetween(D(2023, 12, 29), D(2024, 1, 2)),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("2023-12-29")));
}

TEST(Calendar, DaysCoveredCountsToTheLastCoveredDay) {
  // The built-in calendar ends with 2027.
  EXPECT_EQ(Cal().DaysCovered(D(2027, 12, 31)), 0);
  EXPECT_EQ(Cal().DaysCovered(D(2027, 11, 23)), 38);
  EXPECT_EQ(Cal().DaysCovered(D(2026, 12, 31)), 365);
  EXPECT_EQ(Cal().DaysCovered(D(2028, 1, 2)), -2);
}

TEST(Calendar, AbsurdDayCountIsInvalidArgument) {
  auto r = Cal().AddWorkingDays(D(2025, 1, 6), 100000);
  EXPECT_THAT(r, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(FieldOf(r.status()), Optional(std::string("days")));
}

TEST(Calendar, AgencyDaysOffAreAddedAndVersioned) {
  CalendarSpec spec;
  spec.version = "test-1";
  spec.years[2026] = {{D(2026, 1, 1), "Tahun Baru"}};
  spec.agencies["KOTA-CONTOH"] = {"v3", {{D(2026, 1, 5), "Hari jadi kota"}}};
  auto cal = WorkingDayCalendar::Create(spec);
  ASSERT_TRUE(cal.ok()) << cal.status();
  auto national = cal->AddWorkingDays(D(2026, 1, 2), 1);
  auto agency = cal->AddWorkingDays(D(2026, 1, 2), 1, "KOTA-CONTOH");
  ASSERT_TRUE(national.ok() && agency.ok());
  EXPECT_EQ(national->day, D(2026, 1, 5));
  EXPECT_EQ(agency->day, D(2026, 1, 6));
  EXPECT_EQ(national->calendar_version, "test-1");
  EXPECT_EQ(agency->calendar_version, "test-1+KOTA-CONTOH@v3");
  EXPECT_EQ(cal->AddWorkingDays(D(2026, 1, 2), 1, "UNKNOWN")->day, D(2026, 1, 5));
}

TEST(Calendar, DayOffOutsideItsYearIsRefused) {
  CalendarSpec spec;
  spec.years[2026] = {{D(2025, 12, 25), "misplaced"}};
  EXPECT_THAT(WorkingDayCalendar::Create(spec), StatusIs(absl::StatusCode::kFailedPrecondition));
  CalendarSpec gap;
  gap.years[2024] = {};
  gap.years[2026] = {};
  EXPECT_THAT(WorkingDayCalendar::Create(gap), StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST(Calendar, BuiltinYearsHaveTheDecreedNumberOfDays) {
  // 2024: 17 holidays + 10 cuti bersama + 2 polling days; 2025: 17 + 10;
  // 2026: 17 + 8 (SKB 1497/2025, 2/2025, 5/2025); 2027: 18 + 8 (Keputusan
  // Bersama 1205/2026, 3/2026, 2/2026).
  auto spec = config::ParseCalendar(config::BuiltinCalendarText());
  ASSERT_TRUE(spec.ok()) << spec.status();
  EXPECT_EQ(spec->years.at(2024).size(), 29u);
  EXPECT_EQ(spec->years.at(2025).size(), 27u);
  EXPECT_EQ(spec->years.at(2026).size(), 25u);
  EXPECT_EQ(spec->years.at(2027).size(), 26u);
}

// Every day off of 2027, typed from the reference (discipline-law.md §6:
// Keputusan Bersama Menag, Menaker, MenPANRB Nomor 1205 Tahun 2026, Nomor 3
// Tahun 2026, Nomor 2 Tahun 2026; Lampiran A holidays, Lampiran B cuti
// bersama).
struct DayOff2027 {
  absl::CivilDay day;
  bool cuti_bersama;
  const char* what;
};
const DayOff2027 k2027[] = {
    {D(2027, 1, 1), false, "Tahun Baru Masehi"},
    {D(2027, 1, 5), false, "Isra Mikraj 1448 H"},
    {D(2027, 2, 5), true, "cuti bersama Imlek"},
    {D(2027, 2, 6), false, "Imlek 2578 (Sabtu)"},
    {D(2027, 3, 8), false, "Nyepi Saka 1949"},
    {D(2027, 3, 9), true, "cuti bersama Idul Fitri"},
    {D(2027, 3, 10), false, "Idul Fitri 1448 H"},
    {D(2027, 3, 11), false, "Idul Fitri 1448 H"},
    {D(2027, 3, 12), true, "cuti bersama Idul Fitri"},
    {D(2027, 3, 15), true, "cuti bersama Idul Fitri"},
    {D(2027, 3, 25), true, "cuti bersama Wafat Yesus Kristus"},
    {D(2027, 3, 26), false, "Wafat Yesus Kristus"},
    {D(2027, 3, 28), false, "Paskah (Minggu)"},
    {D(2027, 5, 1), false, "Hari Buruh (Sabtu)"},
    {D(2027, 5, 6), false, "Kenaikan Yesus Kristus"},
    {D(2027, 5, 17), false, "Idul Adha 1448 H"},
    {D(2027, 5, 18), true, "cuti bersama Idul Adha"},
    {D(2027, 5, 19), true, "cuti bersama Waisak"},
    {D(2027, 5, 20), false, "Waisak 2571"},
    {D(2027, 6, 1), false, "Hari Lahir Pancasila"},
    {D(2027, 6, 6), false, "Tahun Baru Islam 1449 H (Minggu)"},
    {D(2027, 8, 15), false, "Maulid Nabi (Minggu)"},
    {D(2027, 8, 17), false, "Hari Kemerdekaan"},
    {D(2027, 12, 24), true, "cuti bersama Natal"},
    {D(2027, 12, 25), false, "Natal (Sabtu)"},
    {D(2027, 12, 26), false, "Isra Mikraj 1449 H (Minggu)"},
};

TEST(Calendar2027, EveryDayOffOfTheDecreeAndNoOther) {
  std::set<absl::CivilDay> off;
  int holidays = 0, cuti = 0;
  for (const DayOff2027& d : k2027) {
    off.insert(d.day);
    (d.cuti_bersama ? cuti : holidays)++;
    auto is_working = Cal().IsWorkingDay(d.day);
    ASSERT_TRUE(is_working.ok()) << is_working.status();
    EXPECT_FALSE(*is_working) << d.what << " " << FormatIsoDate(d.day);
  }
  EXPECT_EQ(holidays, 18);
  EXPECT_EQ(cuti, 8);
  // Every other weekday of 2027 is a working day: 261 weekdays less the 19
  // decreed days that fall on one (the stock exchange's closure list).
  int working = 0, weekday_off = 0;
  for (absl::CivilDay d(2027, 1, 1); d.year() == 2027; ++d) {
    const absl::Weekday w = absl::GetWeekday(d);
    const bool weekend = w == absl::Weekday::saturday || w == absl::Weekday::sunday;
    auto is_working = Cal().IsWorkingDay(d);
    ASSERT_TRUE(is_working.ok()) << is_working.status();
    EXPECT_EQ(*is_working, !weekend && !off.contains(d)) << FormatIsoDate(d);
    working += *is_working;
    weekday_off += !weekend && off.contains(d);
  }
  EXPECT_EQ(weekday_off, 19);
  EXPECT_EQ(working, 261 - 19);
}

TEST(Calendar2027, EachEntryHasTheKindOfTheDecree) {
  auto spec = config::ParseCalendar(config::BuiltinCalendarText());
  ASSERT_TRUE(spec.ok()) << spec.status();
  const auto& year = spec->years.at(2027);
  ASSERT_EQ(year.size(), std::size(k2027));
  for (size_t i = 0; i < year.size(); ++i) {
    EXPECT_EQ(year[i].day, k2027[i].day) << k2027[i].what;
    EXPECT_EQ(absl::StrContains(absl::AsciiStrToLower(year[i].name), "cuti bersama"), k2027[i].cuti_bersama)
        << k2027[i].what << ": " << year[i].name;
  }
}

TEST(ParseIsoDate, StrictForm) {
  EXPECT_EQ(*ParseIsoDate("2026-02-28", "from"), D(2026, 2, 28));
  for (const char* bad : {"2026-02-30", "2026-2-28", "26-02-28", "2026/02/28", "", "2026-13-01", "abcd-ef-gh"}) {
    auto r = ParseIsoDate(bad, "from");
    EXPECT_THAT(r, StatusIs(absl::StatusCode::kInvalidArgument)) << bad;
    EXPECT_THAT(FieldOf(r.status()), Optional(std::string("from"))) << bad;
  }
}

}  // namespace
}  // namespace discipline::domain
