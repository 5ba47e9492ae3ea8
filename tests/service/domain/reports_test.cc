// unit: the supervisors' reports from grouped counts, checked against
// fixtures counted by hand (api.md, "National record and reports").

#include "service/domain/reports.h"

#include "gtest/gtest.h"

namespace discipline::domain {
namespace {

constexpr int kPolitik = 1 << static_cast<int>(NeutralityAspect::kPolitik);
constexpr int kPelayanan = 1 << static_cast<int>(NeutralityAspect::kPelayananPublik);
constexpr int kKeputusan = 1 << static_cast<int>(NeutralityAspect::kPengambilanKeputusan);

using S = FollowUpState;

// AG-A: 3 decided in time, 1 late, 1 pending before its due day, 1 overdue,
// 2 with a blocking request. AG-B: 1 late, 1 pending past its due day (the
// timer has not run yet).
const std::vector<FollowUpTally> kFollowUps = {
    {"AG-A", S::kDone, true, true, kPolitik, 3},
    {"AG-A", S::kDone, true, false, kPolitik | kPelayanan, 1},
    {"AG-A", S::kPending, false, false, kKeputusan, 1},
    {"AG-A", S::kOverdue, true, false, kPolitik, 1},
    {"AG-A", S::kBlockingRequested, true, false, kPelayanan, 2},
    {"AG-B", S::kDone, true, false, kPolitik, 1},
    {"AG-B", S::kPending, true, false, 0, 1},
};

TEST(FollowThroughReport, PerAgencyCountsAndRateByHand) {
  const FollowThroughReport r = BuildFollowThrough(kFollowUps);
  ASSERT_EQ(r.rows.size(), 2u);
  const FollowThroughRow& a = r.rows[0];
  EXPECT_EQ(a.agency_code, "AG-A");
  EXPECT_EQ(a.received, 8);
  EXPECT_EQ(a.decided_in_time, 3);
  EXPECT_EQ(a.decided_late, 1);
  EXPECT_EQ(a.open, 4);
  EXPECT_EQ(a.overdue, 3) << "the overdue one and the two blocked; not the one still within its period";
  EXPECT_EQ(a.blocking_requested, 2);
  EXPECT_DOUBLE_EQ(a.follow_through_rate, 0.5);
  const FollowThroughRow& b = r.rows[1];
  EXPECT_EQ(b.agency_code, "AG-B");
  EXPECT_EQ(b.received, 2);
  EXPECT_EQ(b.decided_late, 1);
  EXPECT_EQ(b.overdue, 1) << "past due whatever the timer has marked";
  EXPECT_DOUBLE_EQ(b.follow_through_rate, 0.5);
  EXPECT_EQ(r.total.received, 10);
  EXPECT_EQ(r.total.decided_in_time + r.total.decided_late, 5);
  EXPECT_EQ(r.total.open, 5);
  EXPECT_EQ(r.total.overdue, 4);
  EXPECT_DOUBLE_EQ(r.total.follow_through_rate, 0.5);
}

TEST(FollowThroughReport, CasesPerKasnAspectCountACaseUnderEachOfItsAspects) {
  const FollowThroughReport r = BuildFollowThrough(kFollowUps);
  ASSERT_EQ(r.aspects.size(), 3u);
  EXPECT_EQ(r.aspects[0].aspect, NeutralityAspect::kPolitik);
  EXPECT_EQ(r.aspects[0].cases, 6);
  EXPECT_EQ(r.aspects[0].decided, 5);
  EXPECT_EQ(r.aspects[1].aspect, NeutralityAspect::kPelayananPublik);
  EXPECT_EQ(r.aspects[1].cases, 3);
  EXPECT_EQ(r.aspects[1].decided, 1);
  EXPECT_EQ(r.aspects[2].aspect, NeutralityAspect::kPengambilanKeputusan);
  EXPECT_EQ(r.aspects[2].cases, 1);
  EXPECT_EQ(r.aspects[2].decided, 0);
}

TEST(FollowThroughReport, NothingReceivedIsARateOfZeroNotADivisionByZero) {
  const FollowThroughReport r = BuildFollowThrough({});
  EXPECT_TRUE(r.rows.empty());
  EXPECT_EQ(r.total.received, 0);
  EXPECT_EQ(r.total.follow_through_rate, 0);
}

// PP94.5.n.1 (sedang, Pasal 8 ayat (3): tukin cut 6, 9 or 12 months).
const std::vector<PunishmentTally> kPunishments = {
    {"PP94.5.n.1", "AG1", Punishment::kPotonganTukin6Bulan, 4},
    {"PP94.5.n.1", "AG1", Punishment::kPotonganTukin9Bulan, 1},
    {"PP94.5.n.1", "AG2", Punishment::kPotonganTukin6Bulan, 2},
    {"PP94.5.n.1", "AG3", Punishment::kPotonganTukin12Bulan, 3},
    {"PP94.5.n.1", "AG4", Punishment::kPotonganTukin12Bulan, 2},
    {"PP94.3.d", "AG1", Punishment::kTeguranTertulis, 1},
    {"PP94.3.d", "AG1", Punishment::kTeguranLisan, 1},
};

TEST(ConsistencyReport, AgenciesWhoseUsualPunishmentIsNotTheNationalOneAreMarked) {
  const ConsistencyReport r = BuildConsistency(kPunishments, 3);
  ASSERT_EQ(r.provisions.size(), 2u);
  const ProvisionPattern& n1 = r.provisions[1];
  ASSERT_EQ(n1.provision_id, "PP94.5.n.1");
  EXPECT_EQ(n1.cases, 12);
  // 6 + 2 of 6 months nationally, heaviest first: 12 months 5, 9 months 1, 6 months 6.
  ASSERT_EQ(n1.national.size(), 3u);
  EXPECT_EQ(n1.national[0], std::make_pair(Punishment::kPotonganTukin12Bulan, int64_t{5}));
  EXPECT_EQ(n1.national[2], std::make_pair(Punishment::kPotonganTukin6Bulan, int64_t{6}));
  EXPECT_EQ(n1.national_usual, Punishment::kPotonganTukin6Bulan);
  // AG3 (3 cases, all 12 months) departs; AG4 (2 cases) is below the minimum.
  ASSERT_EQ(n1.departures.size(), 1u);
  EXPECT_EQ(n1.departures[0].agency_code, "AG3");
  EXPECT_EQ(n1.departures[0].usual, Punishment::kPotonganTukin12Bulan);
  EXPECT_EQ(n1.departures[0].cases, 3);
  EXPECT_FALSE(n1.departures[0].explanation.empty());
  int departing_rows = 0;
  for (const ConsistencyRow& row : r.rows) departing_rows += row.departs ? 1 : 0;
  EXPECT_EQ(departing_rows, 1);
  EXPECT_EQ(r.rows.size(), kPunishments.size());
}

TEST(ConsistencyReport, ATieIsTheLighterPunishment) {
  const ConsistencyReport r = BuildConsistency(kPunishments, 1);
  EXPECT_EQ(r.provisions[0].provision_id, "PP94.3.d");
  EXPECT_EQ(r.provisions[0].national_usual, Punishment::kTeguranLisan);
  EXPECT_TRUE(r.provisions[0].departures.empty());
}

TEST(ConsistencyReport, OneAgencysViewKeepsTheNationalPattern) {
  const ConsistencyReport r = BuildConsistency(kPunishments, 3, "AG3");
  const ProvisionPattern& n1 = r.provisions[1];
  EXPECT_EQ(n1.national_usual, Punishment::kPotonganTukin6Bulan) << "the country's pattern, not AG3's";
  EXPECT_EQ(n1.cases, 12);
  ASSERT_EQ(n1.departures.size(), 1u);
  for (const ConsistencyRow& row : r.rows) EXPECT_EQ(row.tally.agency_code, "AG3");
}

}  // namespace
}  // namespace discipline::domain
