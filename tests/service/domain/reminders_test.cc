// unit: which open deadlines are due a reminder, and to whom
// (service/domain/reminders.h), on the built-in working-day calendar (the
// yearly SKB on national holidays and cuti bersama; reference §6).

#include "service/domain/reminders.h"

#include <ostream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/rules.h"

namespace discipline::domain {
namespace {

using ::discipline::testing::BuiltinRules;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

const WorkingDayCalendar& Cal() { return BuiltinRules().calendar; }
absl::CivilDay D(int y, int m, int d) { return absl::CivilDay(y, m, d); }

// A case summoned for an examination on `due`, examiners A and B named.
Case Summoned(absl::CivilDay due) {
  Case c;
  c.case_id = "c-1";
  c.agency_code = "KOTA-CONTOH";
  c.employee.superior_nip = "197001011990031001";
  Summons s;
  s.sequence = 1;
  s.examination_on = due;
  s.examiner_nips = {"197802142003121003", "198001012005011002"};
  c.summonses.push_back(s);
  // PP 94/2021 Pasal 26 ayat (2): the examination on the summoned day.
  c.open_deadlines.push_back({"examination", due, Cal().Version(), "PP 94/2021 Pasal 26 ayat (2)"});
  return c;
}

struct Row {
  absl::CivilDay due;
  absl::CivilDay today;
  bool reminded;
  const char* why;
};

// The test's name in ctest: its reason.
void PrintTo(const Row& r, std::ostream* os) { *os << r.why; }

class RemindersDueTest : public ::testing::TestWithParam<Row> {};

// N = 2 working days (the default): reminded from the 2nd working day
// before the due day up to the due day, never after it.
TEST_P(RemindersDueTest, FromTheNthWorkingDayBeforeUntilTheDueDay) {
  const Row& r = GetParam();
  const std::vector<DueReminder> due = RemindersDue(Summoned(r.due), r.today, 2, Cal());
  if (r.reminded) {
    ASSERT_EQ(due.size(), 1u) << r.why;
    EXPECT_EQ(due[0].deadline.what, "examination");
    EXPECT_EQ(due[0].deadline.due_on, r.due);
  } else {
    EXPECT_THAT(due, IsEmpty()) << r.why;
  }
}

INSTANTIATE_TEST_SUITE_P(Calendar, RemindersDueTest,
                         ::testing::Values(
                             // An ordinary week: due Friday 16 Oct 2026; the 2nd working day
                             // before it is Wednesday 14 Oct.
                             Row{D(2026, 10, 16), D(2026, 10, 13), false, "Tuesday: three working days before"},
                             Row{D(2026, 10, 16), D(2026, 10, 14), true, "Wednesday: the 2nd working day before"},
                             Row{D(2026, 10, 16), D(2026, 10, 16), true, "the due day itself"},
                             Row{D(2026, 10, 16), D(2026, 10, 17), false, "past the due day"},
                             // Over a weekend: due Monday 19 Oct 2026, reminded from Thursday 15.
                             Row{D(2026, 10, 19), D(2026, 10, 14), false, "Wednesday before: three working days"},
                             Row{D(2026, 10, 19), D(2026, 10, 15), true, "Thursday: Fri and Mon are the two"},
                             Row{D(2026, 10, 19), D(2026, 10, 17), true, "Saturday: a run on a day off still reminds"},
                             // Nyepi and Idul Fitri 2026 (SKB: 18 Mar cuti, 19 Nyepi, 20 cuti,
                             // 23-24 cuti): due Wednesday 25 Mar, the two working days before it
                             // are 16 and 17 Mar, so the reminder starts on Monday 16 Mar, nine
                             // calendar days ahead.
                             Row{D(2026, 3, 25), D(2026, 3, 13), false, "Friday 13 Mar: three working days before"},
                             Row{D(2026, 3, 25), D(2026, 3, 16), true, "Monday 16 Mar: the 2nd working day before"},
                             Row{D(2026, 3, 25), D(2026, 3, 20), true, "cuti bersama inside the window"},
                             // Christmas 2026 (24 cuti, 25 holiday): due Monday 28 Dec, reminded
                             // from Tuesday 22 Dec (22, 23 are the working days before 28).
                             Row{D(2026, 12, 28), D(2026, 12, 21), false, "Monday 21 Dec"},
                             Row{D(2026, 12, 28), D(2026, 12, 22), true, "Tuesday 22 Dec"}));

TEST(ReminderDayTest, IsTheNthWorkingDayBeforeTheDueDay) {
  // The 2nd working day before Wednesday 25 Mar 2026 over the Eid 2026
  // days off is Monday 16 Mar; the 1st is Tuesday 17 Mar.
  EXPECT_EQ(*ReminderDay(Cal(), D(2026, 3, 25), 2, "KOTA-CONTOH"), D(2026, 3, 16));
  EXPECT_EQ(*ReminderDay(Cal(), D(2026, 3, 25), 1, "KOTA-CONTOH"), D(2026, 3, 17));
  // N = 0: on the due day only.
  EXPECT_EQ(*ReminderDay(Cal(), D(2026, 3, 25), 0, "KOTA-CONTOH"), D(2026, 3, 25));
}

TEST(OwnersOfTest, EachDeadlineGoesToWhoeverMustAct) {
  Case c = Summoned(D(2026, 10, 16));
  // PP 94/2021 Pasal 26-27: the examiners the summons names.
  EXPECT_THAT(OwnersOf(c, c.open_deadlines[0]),
              ElementsAre(DeadlineOwner{"197802142003121003", false}, DeadlineOwner{"198001012005011002", false}));
  // PP 94/2021 Pasal 26 ayat (3): the direct superior issues the second
  // summons.
  EXPECT_THAT(OwnersOf(c, Deadline{"second_summons", D(2026, 10, 27), "", ""}),
              ElementsAre(DeadlineOwner{"197001011990031001", false}));
  // PP 94/2021 Pasal 37 ayat (3): the official who decided delivers; a
  // political PPK (no NIP) through his office.
  c.decision.emplace();
  c.decision->decided_by.nip = "196501011990031001";
  EXPECT_THAT(OwnersOf(c, Deadline{"delivery", D(2026, 11, 5), "", ""}),
              ElementsAre(DeadlineOwner{"196501011990031001", false}));
  c.decision->decided_by.nip.clear();
  EXPECT_THAT(OwnersOf(c, Deadline{"delivery", D(2026, 11, 5), "", ""}), ElementsAre(DeadlineOwner{"", true}));
  // SKB 2022 netralitas ASN: the PPK follows up.
  EXPECT_THAT(OwnersOf(c, Deadline{"ppk_follow_up", D(2026, 11, 5), "", ""}), ElementsAre(DeadlineOwner{"", true}));
  // PP 79/2021: the employee's own time to object is nobody's duty here.
  EXPECT_THAT(OwnersOf(c, Deadline{"remedy", D(2026, 11, 5), "", ""}), IsEmpty());
}

TEST(ReminderKeyTest, OnePerCaseDeadlineDueDateAndRecipient) {
  const Deadline d{"examination", D(2026, 10, 16), "", ""};
  EXPECT_EQ(ReminderKey("c-1", d, {"197802142003121003", false}),
            "reminder:c-1:examination:2026-10-16:197802142003121003");
  EXPECT_EQ(ReminderKey("c-1", d, {"", true}), "reminder:c-1:examination:2026-10-16:ppk");
  // A deadline moved to another day is reminded again.
  EXPECT_NE(ReminderKey("c-1", d, {"", true}),
            ReminderKey("c-1", {"examination", D(2026, 10, 19), "", ""}, {"", true}));
  EXPECT_EQ(DigestKey("KOTA-CONTOH", D(2026, 10, 16)), "digest:KOTA-CONTOH:2026-10-16");
}

}  // namespace
}  // namespace discipline::domain
