// unit: the employee's discipline status for HR (reference §2.5a, api.md
// GetDisciplineStatus): before, during and after a sedang punishment, an open
// case, a ringan one, a remedy, a punishment recorded elsewhere; the end date
// of each punishment with a period (PP 94/2021 Pasal 8); the follow-up as
// read (the 2022 joint decree's deadline read OVERDUE at once); and the
// violations a case claims (one violation, one punishment).

#include "service/domain/discipline_status.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/common/errors.h"
#include "service/domain/case_machine.h"
#include "service/domain/violation_claim.h"
#include "tests/testing/rules.h"
#include "tests/testing/status_matchers.h"

namespace discipline::domain {
namespace {

using ::discipline::testing::BuiltinRules;
using ::discipline::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr char kNip[] = "199006052015031005";

const RulesEngine& Rules() { return BuiltinRules().engine; }

// A case decided 2 Nov 2026 and delivered 3 Nov, in force from 24 Nov 2026
// (15 working days later, Peraturan BKN 6/2022 Pasal 50 ayat (1)).
Case Decided(const std::string& id, Punishment p) {
  Case c;
  c.case_id = id;
  c.agency_code = "KOTA-CONTOH";
  c.employee.nip = kNip;
  c.state = CaseState::kDecided;
  c.received_on = absl::CivilDay(2026, 9, 1);
  Decision d;
  d.outcome = DecisionOutcome::kApprove;
  d.punishment = p;
  d.decision_number = "800/77/BKPSDM/2026";
  d.decided_on = absl::CivilDay(2026, 11, 2);
  c.decision = d;
  c.delivered_on = absl::CivilDay(2026, 11, 3);
  c.effective_on = absl::CivilDay(2026, 11, 24);
  return c;
}

Case Open(const std::string& id, CaseState state, absl::CivilDay received_on) {
  Case c;
  c.case_id = id;
  c.agency_code = "KOTA-CONTOH";
  c.employee.nip = kNip;
  c.state = state;
  c.received_on = received_on;
  return c;
}

std::vector<Restriction> Kinds(const DisciplineStatus& s) {
  std::vector<Restriction> out;
  for (const RestrictionEntry& e : s.restrictions) out.push_back(e.restriction);
  return out;
}

const RestrictionEntry* Find(const DisciplineStatus& s, Restriction r) {
  for (const RestrictionEntry& e : s.restrictions) {
    if (e.restriction == r) return &e;
  }
  return nullptr;
}

// PP 94/2021 Pasal 8 ayat (2)-(4): the periods of the punishments.
struct DurationRow {
  Punishment punishment;
  int months;
};

class PunishmentDuration : public ::testing::TestWithParam<DurationRow> {};

TEST_P(PunishmentDuration, IsThePeriodOfPasal8) {
  EXPECT_EQ(PunishmentDurationMonths(GetParam().punishment), GetParam().months) << Name(GetParam().punishment);
}

INSTANTIATE_TEST_SUITE_P(Pasal8, PunishmentDuration,
                         ::testing::Values(
                             // ayat (2): reprimands have no period.
                             DurationRow{Punishment::kTeguranLisan, 0}, DurationRow{Punishment::kTeguranTertulis, 0},
                             DurationRow{Punishment::kPernyataanTidakPuas, 0},
                             // ayat (3): the tukin cut for 6, 9 or 12 months.
                             DurationRow{Punishment::kPotonganTukin6Bulan, 6},
                             DurationRow{Punishment::kPotonganTukin9Bulan, 9},
                             DurationRow{Punishment::kPotonganTukin12Bulan, 12},
                             // ayat (4) huruf a-b: 12 months; huruf c (PDHTAPS) ends the service.
                             DurationRow{Punishment::kPenurunanJabatan, 12},
                             DurationRow{Punishment::kPembebasanJabatan, 12}, DurationRow{Punishment::kPdhtaps, 0}));

TEST(EndsOn, IsTheDayBeforeTheSameDayTheMonthsLater) {
  // PP 94/2021 Pasal 8 ayat (3): 6 months from 24 Nov 2026 ends 23 May 2027.
  EXPECT_EQ(EndsOn(Decided("c1", Punishment::kPotonganTukin6Bulan)), absl::CivilDay(2027, 5, 23));
  // Pasal 8 ayat (4) huruf a: demotion for 12 months ends 23 Nov 2027.
  EXPECT_EQ(EndsOn(Decided("c1", Punishment::kPenurunanJabatan)), absl::CivilDay(2027, 11, 23));
  // Pasal 8 ayat (3): 9 months from 24 Nov 2026 ends 23 Aug 2027.
  EXPECT_EQ(EndsOn(Decided("c1", Punishment::kPotonganTukin9Bulan)), absl::CivilDay(2027, 8, 23));
}

TEST(EndsOn, IsUnsetWithoutAPeriodOrAnEffectiveDate) {
  // Pasal 8 ayat (2): a reprimand has no period.
  EXPECT_EQ(EndsOn(Decided("c1", Punishment::kTeguranTertulis)), std::nullopt);
  // Pasal 8 ayat (4) huruf c: PDHTAPS ends the service, not a period.
  EXPECT_EQ(EndsOn(Decided("c1", Punishment::kPdhtaps)), std::nullopt);
  Case undelivered = Decided("c1", Punishment::kPotonganTukin12Bulan);
  undelivered.effective_on.reset();
  EXPECT_EQ(EndsOn(undelivered), std::nullopt);
  // An annulled punishment (PP 79/2021) is not in force.
  Case annulled = Decided("c1", Punishment::kPotonganTukin12Bulan);
  annulled.state = CaseState::kClosed;
  annulled.remedy_decision = RemedyDecision{RemedyOutcome::kAnnulled};
  EXPECT_EQ(EndsOn(annulled), std::nullopt);
}

// A sedang punishment (tukin cut for 12 months, Pasal 8 ayat (3)) in force
// 24 Nov 2026 to 23 Nov 2027.
struct SedangRow {
  const char* name;
  absl::CivilDay on_date;
  bool serving;
  bool last_punishment;
};

class SedangPunishment : public ::testing::TestWithParam<SedangRow> {};

TEST_P(SedangPunishment, RestrictsWhileServed) {
  const SedangRow& row = GetParam();
  const DisciplineStatus s =
      ComputeDisciplineStatus(kNip, row.on_date, {Decided("c1", Punishment::kPotonganTukin12Bulan)}, {}, Rules());
  EXPECT_FALSE(s.under_examination);
  EXPECT_THAT(s.open_case_ids, ElementsAre("c1"));  // DECIDED is not final
  EXPECT_EQ(s.last_punishment.has_value(), row.last_punishment);
  if (!row.serving) {
    EXPECT_THAT(s.serving, IsEmpty());
    EXPECT_THAT(s.restrictions, IsEmpty());
    return;
  }
  ASSERT_EQ(s.serving.size(), 1u);
  EXPECT_EQ(s.serving[0].case_id, "c1");
  EXPECT_EQ(s.serving[0].level, SanctionLevel::kSedang);
  EXPECT_EQ(s.serving[0].effective_on, absl::CivilDay(2026, 11, 24));
  EXPECT_EQ(s.serving[0].ends_on, absl::CivilDay(2027, 11, 23));
  // PP 11/2017 Pasal 238 ayat (3); Peraturan BKN 6/2022 (KGB, promotion);
  // Peraturan BKN 5/2019 (transfer, the default configuration).
  EXPECT_THAT(Kinds(s), ElementsAre(Restriction::kNoResignation, Restriction::kNoKgb, Restriction::kNoPromotion,
                                    Restriction::kNoTransfer));
  for (const RestrictionEntry& e : s.restrictions) {
    EXPECT_EQ(e.until, absl::CivilDay(2027, 11, 23)) << Name(e.restriction);
    EXPECT_THAT(e.case_ids, ElementsAre("c1"));
  }
  EXPECT_THAT(Find(s, Restriction::kNoResignation)->legal_basis, HasSubstr("PP 11/2017 Pasal 238 ayat (3)"));
  EXPECT_THAT(Find(s, Restriction::kNoResignation)->legal_basis, HasSubstr("PP 17/2020"));
  EXPECT_THAT(Find(s, Restriction::kNoKgb)->legal_basis, HasSubstr("Peraturan BKN 6/2022"));
  EXPECT_THAT(Find(s, Restriction::kNoPromotion)->legal_basis, HasSubstr("Peraturan BKN 6/2022"));
  EXPECT_THAT(Find(s, Restriction::kNoTransfer)->legal_basis, HasSubstr("Peraturan BKN 5/2019"));
}

INSTANTIATE_TEST_SUITE_P(Pasal8Ayat3, SedangPunishment,
                         ::testing::Values(
                             // Decided and delivered, not yet in effect (Peraturan BKN 6/2022
                             // Pasal 50 ayat (1)): nothing is served yet.
                             SedangRow{"DeliveredNotYetInEffect", absl::CivilDay(2026, 11, 23), false, false},
                             SedangRow{"FirstDayInEffect", absl::CivilDay(2026, 11, 24), true, true},
                             SedangRow{"LastDayInForce", absl::CivilDay(2027, 11, 23), true, true},
                             // The period is over: the punishment stays the last one, and
                             // restricts nothing.
                             SedangRow{"DayAfterTheEnd", absl::CivilDay(2027, 11, 24), false, true}),
                         [](const ::testing::TestParamInfo<SedangRow>& i) { return std::string(i.param.name); });

TEST(DisciplineStatus, UnderExaminationRefusesResignationUntilTheDecision) {
  // PP 11/2017 Pasal 238 ayat (3): under examination → no resignation; no
  // punishment is served, so the pay step and promotion are not held.
  const DisciplineStatus s = ComputeDisciplineStatus(
      kNip, absl::CivilDay(2026, 12, 1), {Open("c2", CaseState::kSummoned, absl::CivilDay(2026, 11, 2))}, {}, Rules());
  EXPECT_TRUE(s.under_examination);
  EXPECT_THAT(s.open_case_ids, ElementsAre("c2"));
  EXPECT_THAT(Kinds(s), ElementsAre(Restriction::kNoResignation, Restriction::kNoTransfer));
  EXPECT_EQ(Find(s, Restriction::kNoResignation)->until, std::nullopt);
  EXPECT_THAT(Find(s, Restriction::kNoResignation)->case_ids, ElementsAre("c2"));
}

TEST(DisciplineStatus, ACaseReceivedAfterTheDayDoesNotCount) {
  const DisciplineStatus s = ComputeDisciplineStatus(
      kNip, absl::CivilDay(2026, 11, 1), {Open("c2", CaseState::kReceived, absl::CivilDay(2026, 11, 2))}, {}, Rules());
  EXPECT_FALSE(s.under_examination);
  EXPECT_THAT(s.open_case_ids, IsEmpty());
  EXPECT_THAT(s.restrictions, IsEmpty());
}

TEST(DisciplineStatus, ADecidedCaseWasUnderExaminationBeforeItsDecision) {
  const DisciplineStatus s = ComputeDisciplineStatus(kNip, absl::CivilDay(2026, 10, 30),
                                                     {Decided("c1", Punishment::kPotonganTukin12Bulan)}, {}, Rules());
  EXPECT_TRUE(s.under_examination);
  EXPECT_THAT(Kinds(s), ElementsAre(Restriction::kNoResignation, Restriction::kNoTransfer));
}

TEST(DisciplineStatus, DismissedAndTerminatedCasesImposeNothing) {
  // Reference §2.5a: a case that ends without a punishment leaves no status.
  Case dismissed = Open("c3", CaseState::kDismissed, absl::CivilDay(2026, 9, 1));
  Case terminated = Open("c4", CaseState::kTerminated, absl::CivilDay(2026, 9, 1));
  const DisciplineStatus s =
      ComputeDisciplineStatus(kNip, absl::CivilDay(2026, 12, 1), {dismissed, terminated}, {}, Rules());
  EXPECT_FALSE(s.under_examination);
  EXPECT_THAT(s.open_case_ids, IsEmpty());
  EXPECT_THAT(s.restrictions, IsEmpty());
  EXPECT_FALSE(s.last_punishment.has_value());
}

TEST(DisciplineStatus, ARinganPunishmentIsTheLastButNotServed) {
  // Pasal 8 ayat (2): a written reprimand has no period to serve.
  Case c = Decided("c5", Punishment::kTeguranTertulis);
  c.state = CaseState::kClosed;
  const DisciplineStatus s = ComputeDisciplineStatus(kNip, absl::CivilDay(2026, 12, 1), {c}, {}, Rules());
  ASSERT_TRUE(s.last_punishment.has_value());
  EXPECT_EQ(s.last_punishment->punishment, Punishment::kTeguranTertulis);
  EXPECT_EQ(s.last_punishment->ends_on, std::nullopt);
  EXPECT_THAT(s.serving, IsEmpty());
  EXPECT_THAT(s.restrictions, IsEmpty());
}

TEST(DisciplineStatus, BeratDemotionHoldsThePayStepAndPromotion) {
  // Pasal 8 ayat (4) huruf a, 12 months; Peraturan BKN 6/2022 (berat).
  Case c = Decided("c6", Punishment::kPenurunanJabatan);
  c.state = CaseState::kClosed;
  const DisciplineStatus s = ComputeDisciplineStatus(kNip, absl::CivilDay(2027, 6, 1), {c}, {}, Rules());
  ASSERT_EQ(s.serving.size(), 1u);
  EXPECT_EQ(s.serving[0].level, SanctionLevel::kBerat);
  EXPECT_THAT(Kinds(s), ElementsAre(Restriction::kNoResignation, Restriction::kNoKgb, Restriction::kNoPromotion,
                                    Restriction::kNoTransfer));
}

TEST(DisciplineStatus, APendingRemedySuspendsThePunishment) {
  // Reference §2.5a: a remedy filed within its window suspends the effective
  // date; PP 11/2017 Pasal 238 ayat (3): no resignation while a dismissal is
  // under banding.
  Case keberatan = Decided("c7", Punishment::kPotonganTukin12Bulan);
  keberatan.state = CaseState::kUnderRemedy;
  keberatan.remedy = Remedy::kKeberatan;
  keberatan.remedy_filed_on = absl::CivilDay(2026, 11, 10);
  DisciplineStatus s = ComputeDisciplineStatus(kNip, absl::CivilDay(2026, 12, 1), {keberatan}, {}, Rules());
  EXPECT_THAT(s.serving, IsEmpty());
  EXPECT_THAT(s.restrictions, IsEmpty());

  Case banding = Decided("c8", Punishment::kPdhtaps);
  banding.state = CaseState::kUnderRemedy;
  banding.remedy = Remedy::kBandingAdministratif;
  banding.remedy_filed_on = absl::CivilDay(2026, 11, 10);
  s = ComputeDisciplineStatus(kNip, absl::CivilDay(2026, 12, 1), {banding}, {}, Rules());
  EXPECT_FALSE(s.under_examination);
  EXPECT_THAT(Kinds(s), ElementsAre(Restriction::kNoResignation, Restriction::kNoTransfer));
  EXPECT_THAT(Find(s, Restriction::kNoResignation)->case_ids, ElementsAre("c8"));
}

TEST(DisciplineStatus, APunishmentRecordedElsewhereCounts) {
  // Reference §2.5a: punishments from SIMPEG's or SIASN's riwayat count. A
  // 6-month tukin cut (Pasal 8 ayat (3)) from 1 Oct 2026 ends 31 Mar 2027.
  PunishmentTerm simpeg;
  simpeg.punishment = Punishment::kPotonganTukin6Bulan;
  simpeg.decision_number = "862/11/2026";
  simpeg.decided_on = absl::CivilDay(2026, 9, 1);
  simpeg.effective_on = absl::CivilDay(2026, 10, 1);
  const DisciplineStatus s = ComputeDisciplineStatus(kNip, absl::CivilDay(2027, 1, 4), {}, {simpeg}, Rules());
  ASSERT_EQ(s.serving.size(), 1u);
  EXPECT_EQ(s.serving[0].ends_on, absl::CivilDay(2027, 3, 31));
  EXPECT_EQ(s.serving[0].level, SanctionLevel::kSedang);
  EXPECT_THAT(Kinds(s), ElementsAre(Restriction::kNoResignation, Restriction::kNoKgb, Restriction::kNoPromotion,
                                    Restriction::kNoTransfer));
  EXPECT_THAT(Find(s, Restriction::kNoKgb)->case_ids, IsEmpty());
  EXPECT_EQ(Find(s, Restriction::kNoKgb)->until, absl::CivilDay(2027, 3, 31));
}

TEST(DisciplineStatus, TheTransferRestrictionIsConfiguration) {
  // Peraturan BKN 5/2019's article is unverified: an agency may turn it off
  // or cite its own basis.
  auto book = config::ParseRuleBook(config::BuiltinRulesText());
  ASSERT_TRUE(book.ok());
  LegalSettings off;
  off.restrict_transfer = false;
  auto engine = RulesEngine::Create(*book, off);
  ASSERT_TRUE(engine.ok());
  Case c = Decided("c1", Punishment::kPotonganTukin12Bulan);
  DisciplineStatus s = ComputeDisciplineStatus(kNip, absl::CivilDay(2027, 1, 4), {c}, {}, *engine);
  EXPECT_THAT(Kinds(s), ElementsAre(Restriction::kNoResignation, Restriction::kNoKgb, Restriction::kNoPromotion));

  LegalSettings own;
  own.transfer_restriction_basis = "Peraturan Bupati Contoh 12/2025 Pasal 4";
  engine = RulesEngine::Create(*book, own);
  ASSERT_TRUE(engine.ok());
  s = ComputeDisciplineStatus(kNip, absl::CivilDay(2027, 1, 4), {c}, {}, *engine);
  ASSERT_NE(Find(s, Restriction::kNoTransfer), nullptr);
  EXPECT_EQ(Find(s, Restriction::kNoTransfer)->legal_basis, "Peraturan Bupati Contoh 12/2025 Pasal 4");
}

TEST(FollowUpAsRead, APendingFollowUpPastItsDueDayReadsOverdueAtOnce) {
  // The 2022 joint decree: the PPK's follow-up due 14 Aug 2026; read in
  // December it is overdue without waiting for the escalation timer.
  Case c = Open("c9", CaseState::kReceived, absl::CivilDay(2026, 12, 1));
  c.follow_up = FollowUp{FollowUpState::kPending, absl::CivilDay(2026, 8, 14), {}, {}, {}, {}};
  EXPECT_EQ(FollowUpAsRead(c, absl::CivilDay(2026, 12, 2)).follow_up->state, FollowUpState::kOverdue);
  // On its due day it is still pending.
  EXPECT_EQ(FollowUpAsRead(c, absl::CivilDay(2026, 8, 14)).follow_up->state, FollowUpState::kPending);
  // A stored later step is kept as it is.
  c.follow_up->state = FollowUpState::kBlockingRequested;
  EXPECT_EQ(FollowUpAsRead(c, absl::CivilDay(2026, 12, 2)).follow_up->state, FollowUpState::kBlockingRequested);
  c.follow_up->state = FollowUpState::kDone;
  EXPECT_EQ(FollowUpAsRead(c, absl::CivilDay(2026, 12, 2)).follow_up->state, FollowUpState::kDone);
}

TEST(ViolationClaim, ACaseClaimsEachDatedAllegationOnce) {
  // Reference §2.5a: one violation is the employee, the provision and the day.
  Case c = Open("c10", CaseState::kReceived, absl::CivilDay(2026, 11, 2));
  c.allegations = {{"PP94.5.g", "pungli", absl::CivilDay(2026, 10, 1)},
                   {"PP94.5.g", "again, the same", absl::CivilDay(2026, 10, 1)},
                   {"PP94.4.f", "no date yet", std::nullopt},
                   {"PP94.3.d", "", absl::CivilDay(2026, 9, 30)}};
  EXPECT_THAT(ViolationKeysOf(c), ElementsAre(ViolationKey{kNip, "PP94.3.d", absl::CivilDay(2026, 9, 30)},
                                              ViolationKey{kNip, "PP94.5.g", absl::CivilDay(2026, 10, 1)}));
}

TEST(ViolationClaim, OnlyADismissedOrTerminatedCaseReleasesItsViolations) {
  // Reference §2.5a: no PNS is punished twice for one violation; a case that
  // imposed no punishment (not proven, or the employee died or left) does
  // not bar a new filing.
  for (CaseState s : {CaseState::kReceived, CaseState::kSummoned, CaseState::kExamined, CaseState::kRecommended,
                      CaseState::kDecided, CaseState::kUnderRemedy, CaseState::kClosed}) {
    EXPECT_TRUE(HoldsViolations(s)) << Name(s);
  }
  EXPECT_FALSE(HoldsViolations(CaseState::kDismissed));
  EXPECT_FALSE(HoldsViolations(CaseState::kTerminated));
}

TEST(ViolationClaim, TheRefusalNamesTheCase) {
  const absl::Status s =
      ViolationAlreadyFiled({kNip, "PP94.5.g", absl::CivilDay(2026, 10, 1)}, "01JCASE", "HD/2026/000042");
  EXPECT_THAT(s, StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_THAT(s.message(), HasSubstr("01JCASE"));
  EXPECT_THAT(s.message(), HasSubstr("HD/2026/000042"));
  EXPECT_THAT(s.message(), HasSubstr("PP94.5.g"));
  ASSERT_TRUE(ResourceOf(s).has_value());
  EXPECT_EQ(ResourceOf(s)->resource_name, "01JCASE");
  EXPECT_EQ(ResourceOf(s)->description, "HD/2026/000042");
  EXPECT_THAT(IndonesianOf(s).value_or(""), HasSubstr("HD/2026/000042"));
}

}  // namespace
}  // namespace discipline::domain
