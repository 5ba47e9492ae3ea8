// unit: the case state machine. Every state × every command (legal ones
// succeed, illegal ones are FAILED_PRECONDITION), and the working-day limits
// of PP 94/2021 Pasal 26 across the 2026 Nyepi and Idul Fitri week.

#include "service/domain/case_machine.h"

#include <functional>
#include <map>
#include <set>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/common/errors.h"
#include "tests/testing/rules.h"
#include "tests/testing/status_matchers.h"

namespace discipline::domain {
namespace {

using ::discipline::testing::BuiltinRules;
using ::discipline::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Optional;

absl::CivilDay D(int y, int m, int d) { return absl::CivilDay(y, m, d); }

MachineContext Ctx() { return {BuiltinRules().engine, BuiltinRules().calendar}; }

Case NewCase() {
  Case c;
  c.case_id = "c1";
  c.agency_code = "KOTA-CONTOH";
  c.state = CaseState::kReceived;
  c.employee.nip = "199006052015031005";
  c.employee.position_kind = PositionKind::kPelaksana;
  c.employee.environment = Environment::kKabupatenKota;
  c.received_on = D(2026, 3, 2);
  c.allegations.push_back({.provision_id = "PP94.4.f", .absence_days = 12});
  return c;
}

ViolationRecord Attendance(int days, bool proven = true) {
  return {.provision_id = "PP94.4.f", .absence_days = days, .proven = proven};
}

// ---- Commands with arguments valid for the state they are legal in ----

const IssueSummonsCommand kSummons{D(2026, 3, 25), D(2026, 4, 6)};
const RecordExaminationCommand kExamined{.examined_on = D(2026, 4, 6),
                                         .attended = true,
                                         .findings = {Attendance(12)},
                                         .bap_document_id = "doc-bap-1",
                                         .examiner_nips = {"198009092005012002"}};
const RecommendCommand kRecommend{D(2026, 4, 7), {}};
const DecideCommand kApprove{DecisionOutcome::kApprove, Punishment::kUnspecified, "800/123/BKPSDM/2026", D(2026, 4, 8),
                             ""};

enum class Cmd {
  kSummons,
  kExamine,
  kRecommend,
  kDecide,
  kDeliver,
  kRemedy,
  kClose,
  kTerminate,
  kDecideRemedy,
  kWithdraw,
  kRelease,  // ReleaseFromDuty
  kDied,     // RecordEmployeeEvent(EMPLOYEE_EVENT_DIED)
  kReissue,
  kReopen
};
const std::vector<Cmd> kAllCommands = {
    Cmd::kSummons,   Cmd::kExamine,      Cmd::kRecommend, Cmd::kDecide,  Cmd::kDeliver, Cmd::kRemedy,  Cmd::kClose,
    Cmd::kTerminate, Cmd::kDecideRemedy, Cmd::kWithdraw,  Cmd::kRelease, Cmd::kDied,    Cmd::kReissue, Cmd::kReopen};

// The employee's superiors, nearest first: the direct superior (a pengawas)
// and the next higher official (an administrator).
const EmployeeSnapshot kDirectSuperior{
    .nip = "198009092005012002", .name = "Rina", .position_kind = PositionKind::kPengawas};
const EmployeeSnapshot kNextHigher{
    .nip = "197511032000032001", .name = "Sri", .position_kind = PositionKind::kAdministrator};
const EmployeeSnapshot kTwoUp{
    .nip = "197205211998031002", .name = "Hendra", .position_kind = PositionKind::kJptPratama};
const ReleaseFromDutyCommand kRelease{"800/PS/BKPSDM/2026",
                                      D(2026, 3, 16),
                                      "198009092005012002",
                                      "197309091998121011",
                                      {kDirectSuperior, kNextHigher, kTwoUp}};
const RecordEmployeeEventCommand kDiedEvent{EmployeeEventKind::kDied, D(2026, 4, 10), "doc-akta-kematian", ""};

// PP 94/2021 ≈ Pasal 31 allows the release only where berat is likely: the
// matrix makes it so on each case (the rule itself has its own tests), so
// that only the state decides.
Case BeratLikely(Case c) {
  if (c.recommendation.has_value()) c.recommendation->assessment.level = SanctionLevel::kBerat;
  if (c.examination.has_value())
    c.examination->findings = {{.provision_id = "PP94.4.f", .absence_days = 25, .proven = true}};
  for (ViolationRecord& a : c.allegations) a.absence_days = 25;
  return c;
}
const DecideRemedyCommand kUpheld{.outcome = RemedyOutcome::kUpheld,
                                  .decision_number = "800/KEB/2026",
                                  .decided_on = D(2026, 4, 20),
                                  .decided_by = {AuthorityRole::kUnspecified, "", "Gubernur Contoh", "Gubernur"}};

// api.md third stage, ReissueSummons: Fri 10 Apr 2026, the examination on
// the 3rd working day after (PP 94/2021 Pasal 26 ayat (2)-(3), reference
// §2.5a); after the missed examination of 16 Mar it is a late second summons.
const ReissueSummonsCommand kReissued{{D(2026, 4, 10), D(2026, 4, 15)}, "surat panggilan tidak ditandatangani"};

absl::StatusOr<Case> Apply(Cmd cmd, Case c) {
  switch (cmd) {
    case Cmd::kSummons:
      return IssueSummons(Ctx(), std::move(c), kSummons);
    case Cmd::kExamine:
      return RecordExamination(Ctx(), std::move(c), kExamined);
    case Cmd::kRecommend:
      return RecommendSanction(Ctx(), std::move(c), kRecommend);
    case Cmd::kDecide:
      return DecideSanction(Ctx(), std::move(c), kApprove);
    case Cmd::kDeliver:
      return RecordDelivery(Ctx(), std::move(c), D(2026, 4, 9));
    case Cmd::kRemedy:
      return FileRemedy(Ctx(), std::move(c), Remedy::kKeberatan, D(2026, 4, 10));
    case Cmd::kClose:
      return CloseCase(Ctx(), std::move(c), {"selesai", false, D(2026, 5, 4)});
    case Cmd::kTerminate:
      return CloseCase(Ctx(), std::move(c), {"pegawai meninggal dunia", true, D(2026, 4, 6), TerminationReason::kDied});
    case Cmd::kDecideRemedy:
      return DecideRemedy(Ctx(), std::move(c), kUpheld);
    case Cmd::kWithdraw:
      return WithdrawRecommendation(Ctx(), std::move(c), {"fakta temuan keliru"});
    case Cmd::kRelease:
      return ReleaseFromDuty(Ctx(), BeratLikely(std::move(c)), kRelease);
    case Cmd::kDied:
      return RecordEmployeeEvent(Ctx(), std::move(c), kDiedEvent);
    case Cmd::kReissue:
      return ReissueSummons(Ctx(), std::move(c), kReissued);
    case Cmd::kReopen:
      return ReopenExamination(Ctx(), std::move(c), {"tingkat menjadi berat: tim pemeriksa"});
  }
  return absl::InternalError("unreachable");
}

Case Must(absl::StatusOr<Case> c) {
  EXPECT_TRUE(c.ok()) << c.status();
  return c.ok() ? *std::move(c) : Case{};
}

// Every reachable state, built by legal steps.
std::map<std::string, Case> States() {
  std::map<std::string, Case> s;
  s["RECEIVED"] = NewCase();
  // PP 94/2021 Pasal 26 ayat (2): Fri 6 Mar, examination on the 6th working
  // day after (reference §2.5a).
  s["SUMMONED"] = Must(IssueSummons(Ctx(), NewCase(), {D(2026, 3, 6), D(2026, 3, 16)}));
  s["SUMMONED_MISSED"] =
      Must(RecordExamination(Ctx(), s["SUMMONED"], {.examined_on = D(2026, 3, 16), .attended = false}));
  s["EXAMINED"] = Must(Apply(Cmd::kExamine, s["SUMMONED"]));
  s["RECOMMENDED"] = Must(Apply(Cmd::kRecommend, s["EXAMINED"]));
  s["DECIDED"] = Must(Apply(Cmd::kDecide, s["RECOMMENDED"]));
  s["DECIDED_DELIVERED"] = Must(Apply(Cmd::kDeliver, s["DECIDED"]));
  s["UNDER_REMEDY"] = Must(Apply(Cmd::kRemedy, s["DECIDED_DELIVERED"]));
  s["CLOSED"] = Must(Apply(Cmd::kClose, s["UNDER_REMEDY"]));
  s["DISMISSED"] =
      Must(DecideSanction(Ctx(), s["RECOMMENDED"],
                          {DecisionOutcome::kReject, Punishment::kUnspecified, "", D(2026, 4, 8), "tidak terbukti"}));
  s["TERMINATED"] = Must(Apply(Cmd::kTerminate, s["RECEIVED"]));
  return s;
}

// The legal (state, command) pairs and the state each leads to.
const std::map<std::pair<std::string, Cmd>, CaseState> kLegal = {
    {{"RECEIVED", Cmd::kSummons}, CaseState::kSummoned},
    {{"RECEIVED", Cmd::kTerminate}, CaseState::kTerminated},
    {{"SUMMONED", Cmd::kExamine}, CaseState::kExamined},
    {{"SUMMONED", Cmd::kTerminate}, CaseState::kTerminated},
    {{"SUMMONED_MISSED", Cmd::kSummons}, CaseState::kSummoned},
    {{"SUMMONED_MISSED", Cmd::kTerminate}, CaseState::kTerminated},
    {{"EXAMINED", Cmd::kRecommend}, CaseState::kRecommended},
    {{"EXAMINED", Cmd::kTerminate}, CaseState::kTerminated},
    {{"RECOMMENDED", Cmd::kDecide}, CaseState::kDecided},
    {{"RECOMMENDED", Cmd::kTerminate}, CaseState::kTerminated},
    // The recommendation withdrawn before the decision (api.md, third stage).
    {{"RECOMMENDED", Cmd::kWithdraw}, CaseState::kExamined},
    {{"DECIDED", Cmd::kDeliver}, CaseState::kDecided},
    {{"DECIDED_DELIVERED", Cmd::kRemedy}, CaseState::kUnderRemedy},
    {{"DECIDED_DELIVERED", Cmd::kClose}, CaseState::kClosed},
    {{"UNDER_REMEDY", Cmd::kClose}, CaseState::kClosed},
    {{"UNDER_REMEDY", Cmd::kDecideRemedy}, CaseState::kClosed},
    // PP 94/2021 ≈ Pasal 31 (reference §2.5a): the temporary release from
    // the examination until the decision; the state does not change.
    {{"SUMMONED", Cmd::kRelease}, CaseState::kSummoned},
    {{"SUMMONED_MISSED", Cmd::kRelease}, CaseState::kSummoned},
    {{"EXAMINED", Cmd::kRelease}, CaseState::kExamined},
    {{"RECOMMENDED", Cmd::kRelease}, CaseState::kRecommended},
    // Reference §2.5a (PP 53/2010 Pasal 40 practice): death before the
    // decision terminates the case; after it (and under a remedy) the case
    // closes and the punishment lapses (the default configuration).
    {{"RECEIVED", Cmd::kDied}, CaseState::kTerminated},
    {{"SUMMONED", Cmd::kDied}, CaseState::kTerminated},
    {{"SUMMONED_MISSED", Cmd::kDied}, CaseState::kTerminated},
    {{"EXAMINED", Cmd::kDied}, CaseState::kTerminated},
    {{"RECOMMENDED", Cmd::kDied}, CaseState::kTerminated},
    {{"DECIDED", Cmd::kDied}, CaseState::kClosed},
    {{"DECIDED_DELIVERED", Cmd::kDied}, CaseState::kClosed},
    {{"UNDER_REMEDY", Cmd::kDied}, CaseState::kClosed},
    // api.md third stage: a summons reissued before the examination (a
    // defective one replaced, or the late second after a missed first), and
    // the examination reopened before a recommendation.
    {{"SUMMONED", Cmd::kReissue}, CaseState::kSummoned},
    {{"SUMMONED_MISSED", Cmd::kReissue}, CaseState::kSummoned},
    {{"EXAMINED", Cmd::kReopen}, CaseState::kSummoned},
};

TEST(CaseStateMachine, EveryStateTimesEveryCommand) {
  int legal = 0, illegal = 0;
  for (const auto& [name, c] : States()) {
    for (Cmd cmd : kAllCommands) {
      auto result = Apply(cmd, c);
      auto it = kLegal.find({name, cmd});
      if (it != kLegal.end()) {
        ASSERT_TRUE(result.ok()) << name << " × command " << static_cast<int>(cmd) << ": " << result.status();
        EXPECT_EQ(result->state, it->second) << name << " × command " << static_cast<int>(cmd);
        ++legal;
      } else {
        EXPECT_THAT(result, StatusIs(absl::StatusCode::kFailedPrecondition))
            << name << " × command " << static_cast<int>(cmd);
        ++illegal;
      }
    }
  }
  EXPECT_EQ(legal, static_cast<int>(kLegal.size()));
  EXPECT_EQ(legal + illegal, static_cast<int>(States().size() * kAllCommands.size()));
}

TEST(CaseStateMachine, AWithdrawnRecommendationCanBeMadeAgainAndNeedsAReason) {
  const Case recommended = Must(Apply(Cmd::kRecommend, Must(Apply(Cmd::kExamine, States()["SUMMONED"]))));
  EXPECT_THAT(WithdrawRecommendation(Ctx(), recommended, {""}), StatusIs(absl::StatusCode::kInvalidArgument));
  const Case withdrawn = Must(WithdrawRecommendation(Ctx(), recommended, {"dampak keliru dicatat"}));
  EXPECT_EQ(withdrawn.state, CaseState::kExamined);
  EXPECT_FALSE(withdrawn.recommendation.has_value());
  ASSERT_TRUE(withdrawn.examination.has_value());  // the examination stands
  const Case again = Must(Apply(Cmd::kRecommend, withdrawn));
  EXPECT_EQ(again.state, CaseState::kRecommended);
  EXPECT_EQ(again.recommendation->assessment.punishment, recommended.recommendation->assessment.punishment);
}

// ---- PP 94/2021 ≈ Pasal 31: the temporary release (reference §2.5a) ----

TEST(TemporaryRelease, OnlyWhereBeratIsLikely_Pasal31) {
  // 12 days' absence is not berat, 25 days' is (PP 94/2021 Pasal 4 huruf f with
  // Pasal 11 ayat (2) huruf d: berat from 21 days in a year).
  EXPECT_THAT(ReleaseFromDuty(Ctx(), States()["SUMMONED"], kRelease),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("Pasal 31")));
  // 25 days' absence as alleged: berat is likely.
  const Case released = Must(ReleaseFromDuty(Ctx(), BeratLikely(States()["SUMMONED"]), kRelease));
  ASSERT_TRUE(released.temporary_release.has_value());
  EXPECT_EQ(released.temporary_release->decree_number, "800/PS/BKPSDM/2026");
  EXPECT_EQ(released.temporary_release->released_by_nip, "198009092005012002");
  EXPECT_EQ(released.temporary_release->acting_official_nip, "197309091998121011");
  EXPECT_FALSE(released.temporary_release->ended_on.has_value());
  EXPECT_TRUE(released.temporarily_released);
  // Once per case.
  EXPECT_THAT(ReleaseFromDuty(Ctx(), released, kRelease), StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST(TemporaryRelease, ByTheDirectSuperiorOrTheNextHigherOfficial_Pasal31) {
  const Case summoned = BeratLikely(States()["SUMMONED"]);
  ReleaseFromDutyCommand cmd = kRelease;
  cmd.released_by_nip = kNextHigher.nip;
  EXPECT_TRUE(ReleaseFromDuty(Ctx(), summoned, cmd).ok());
  cmd.released_by_nip = kTwoUp.nip;  // two levels up: neither
  EXPECT_THAT(ReleaseFromDuty(Ctx(), summoned, cmd),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("direct superior")));
  cmd.released_by_nip = "199912312020121001";  // not in the chain at all
  EXPECT_THAT(ReleaseFromDuty(Ctx(), summoned, cmd), StatusIs(absl::StatusCode::kFailedPrecondition));
  cmd = kRelease;
  cmd.acting_official_nip = "12345";
  EXPECT_THAT(ReleaseFromDuty(Ctx(), summoned, cmd), StatusIs(absl::StatusCode::kInvalidArgument));
  cmd = kRelease;
  cmd.decree_number = "";
  EXPECT_THAT(ReleaseFromDuty(Ctx(), summoned, cmd), StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(TemporaryRelease, EndsByItselfAtTheDecision_Pasal31) {
  RecordExaminationCommand examined = kExamined;
  examined.findings = {Attendance(25)};
  examined.examination_team_nips = {"197905052004012005", "197309091998121011"};
  Case c = Must(RecordExamination(Ctx(), States()["SUMMONED"], examined));
  c = Must(ReleaseFromDuty(Ctx(), c, kRelease));
  c = Must(RecommendSanction(Ctx(), c, kRecommend));
  EXPECT_FALSE(c.temporary_release->ended_on.has_value());  // runs until the decision
  DecideCommand decide = kApprove;
  const Case decided = Must(DecideSanction(Ctx(), c, decide));
  EXPECT_THAT(decided.temporary_release->ended_on, Optional(D(2026, 4, 8)));
  // A rejected recommendation is a decision too.
  const Case dismissed = Must(DecideSanction(
      Ctx(), c, {DecisionOutcome::kReject, Punishment::kUnspecified, "", D(2026, 4, 9), "tidak terbukti"}));
  EXPECT_THAT(dismissed.temporary_release->ended_on, Optional(D(2026, 4, 9)));
}

// ---- RecordEmployeeEvent (reference §2.5a) ----

RecordEmployeeEventCommand Event(EmployeeEventKind kind) { return {kind, D(2026, 4, 10), "", "catatan"}; }

TEST(EmployeeEvent, DeathBeforeTheDecisionTerminatesTheCase_PP53Pasal40) {
  const Case released = Must(ReleaseFromDuty(Ctx(), BeratLikely(States()["SUMMONED"]), kRelease));
  const Case c = Must(RecordEmployeeEvent(Ctx(), released, kDiedEvent));
  EXPECT_EQ(c.state, CaseState::kTerminated);
  EXPECT_EQ(c.termination_reason, TerminationReason::kDied);
  EXPECT_TRUE(c.open_deadlines.empty());
  EXPECT_THAT(c.temporary_release->ended_on, Optional(D(2026, 4, 10)));
  ASSERT_EQ(c.employee_events.size(), 1u);
  EXPECT_EQ(c.employee_events[0].kind, EmployeeEventKind::kDied);
  EXPECT_EQ(c.employee_events[0].consequence, EmployeeEventConsequence::kCaseTerminated);
  EXPECT_EQ(c.employee_events[0].state_at_event, CaseState::kSummoned);
  EXPECT_EQ(c.employee_events[0].document_id, "doc-akta-kematian");
}

TEST(EmployeeEvent, DeathAfterTheDecisionClosesTheCaseOrIsRecordedByConfiguration_PP53Pasal40) {
  const Case closed = Must(RecordEmployeeEvent(Ctx(), States()["UNDER_REMEDY"], kDiedEvent));
  EXPECT_EQ(closed.state, CaseState::kClosed);
  EXPECT_EQ(closed.employee_events.back().consequence, EmployeeEventConsequence::kCaseClosedPunishmentLapsed);
  ASSERT_TRUE(EffectivePunishment(States()["UNDER_REMEDY"]).has_value());
  EXPECT_FALSE(EffectivePunishment(closed).has_value());  // the punishment lapses
  auto book = config::ParseRuleBook(config::BuiltinRulesText());
  LegalSettings recorded_only;
  recorded_only.death_after_decision_closes_case = false;
  auto engine = RulesEngine::Create(*book, recorded_only);
  ASSERT_TRUE(engine.ok());
  MachineContext ctx{*engine, BuiltinRules().calendar};
  const Case decided = Must(RecordEmployeeEvent(ctx, States()["DECIDED"], kDiedEvent));
  EXPECT_EQ(decided.state, CaseState::kDecided);
  EXPECT_EQ(decided.employee_events.back().consequence, EmployeeEventConsequence::kRecorded);
}

TEST(EmployeeEvent, BupBeforeTheDecisionGoesOnByDefaultOrTerminatesByConfiguration) {
  // Reference §2.5 (PP 53/2010 practice): a PNS reaching BUP under
  // examination keeps his salary until the decision: the case goes on.
  const Case goes_on = Must(RecordEmployeeEvent(Ctx(), States()["EXAMINED"], Event(EmployeeEventKind::kReachedBup)));
  EXPECT_EQ(goes_on.state, CaseState::kExamined);
  EXPECT_EQ(goes_on.employee_events.back().consequence, EmployeeEventConsequence::kRecorded);
  auto book = config::ParseRuleBook(config::BuiltinRulesText());
  LegalSettings terminates;
  terminates.bup_before_decision_terminates = true;
  auto engine = RulesEngine::Create(*book, terminates);
  ASSERT_TRUE(engine.ok());
  MachineContext ctx{*engine, BuiltinRules().calendar};
  const Case ended = Must(RecordEmployeeEvent(ctx, States()["EXAMINED"], Event(EmployeeEventKind::kReachedBup)));
  EXPECT_EQ(ended.state, CaseState::kTerminated);
  EXPECT_EQ(ended.termination_reason, TerminationReason::kReachedBup);
}

TEST(EmployeeEvent, ResignationRequestRefusedUnderExaminationOrServing_PP11Pasal238Ayat3) {
  for (const char* state : {"SUMMONED", "EXAMINED", "RECOMMENDED", "DECIDED_DELIVERED", "UNDER_REMEDY"}) {
    const Case before = States()[state];
    const Case c = Must(RecordEmployeeEvent(Ctx(), before, Event(EmployeeEventKind::kResignationRequested)));
    EXPECT_EQ(c.state, before.state) << state;  // the case goes on
    EXPECT_EQ(c.employee_events.back().consequence, EmployeeEventConsequence::kResignationRefused) << state;
    EXPECT_THAT(c.employee_events.back().legal_basis, HasSubstr("PP 11/2017 Pasal 238 ayat (3)")) << state;
  }
}

TEST(EmployeeEvent, TransferAndDetentionAreRecordedAndTheCaseStays) {
  for (EmployeeEventKind kind : {EmployeeEventKind::kTransferred, EmployeeEventKind::kDetained}) {
    const Case before = States()["EXAMINED"];
    const Case c = Must(RecordEmployeeEvent(Ctx(), before, Event(kind)));
    EXPECT_EQ(c.state, CaseState::kExamined);
    EXPECT_EQ(c.agency_code, before.agency_code);
    EXPECT_EQ(c.employee.nip, before.employee.nip);
    EXPECT_EQ(c.employee_events.back().consequence, EmployeeEventConsequence::kRecorded);
  }
}

TEST(EmployeeEvent, RefusedOnAClosedCaseAndNeedsAKnownEventAndDate) {
  EXPECT_THAT(RecordEmployeeEvent(Ctx(), States()["CLOSED"], kDiedEvent),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(RecordEmployeeEvent(Ctx(), States()["EXAMINED"], Event(EmployeeEventKind::kUnspecified)),
              StatusIs(absl::StatusCode::kInvalidArgument));
  RecordEmployeeEventCommand early = kDiedEvent;
  early.occurred_on = D(2026, 3, 1);  // before the case was received (2 Mar)
  EXPECT_THAT(RecordEmployeeEvent(Ctx(), States()["EXAMINED"], early), StatusIs(absl::StatusCode::kInvalidArgument));
}

// PP 94/2021 Pasal 26 ayat (3): the second summons is due within 7 working
// days of the missed examination; one issued later is a dead end for
// IssueSummons. ReissueSummons (api.md third stage) issues it with the
// irregularity recorded, and the interval rule for the new letter holds.
TEST(ReissueSummons, LateSecondSummonsRecordsTheIrregularity_Pasal26Ayat3) {
  const Case missed = States()["SUMMONED_MISSED"];
  EXPECT_THAT(IssueSummons(Ctx(), missed, kReissued.summons),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("Pasal 26 ayat (3)")));
  const Case c = Must(ReissueSummons(Ctx(), missed, kReissued));
  EXPECT_EQ(c.state, CaseState::kSummoned);
  ASSERT_EQ(c.summonses.size(), 2u);
  EXPECT_TRUE(c.summonses[0].missed);
  EXPECT_EQ(c.summonses[1].sequence, 2);
  EXPECT_EQ(c.summonses[1].issued_on, D(2026, 4, 10));
  EXPECT_EQ(c.summonses[1].irregularity, "surat panggilan tidak ditandatangani");
  ASSERT_EQ(c.open_deadlines.size(), 1u);  // the second_summons deadline is closed
  EXPECT_EQ(c.open_deadlines[0].what, "examination");
  EXPECT_EQ(c.open_deadlines[0].due_on, D(2026, 4, 15));
  // The case goes on: examined on the reissued summons' date.
  EXPECT_EQ(Must(RecordExamination(Ctx(), c,
                                   {.examined_on = D(2026, 4, 15),
                                    .attended = true,
                                    .findings = {Attendance(12)},
                                    .bap_document_id = "doc-bap-1",
                                    .examiner_nips = {"198009092005012002"}}))
                .state,
            CaseState::kExamined);
  // Pasal 26 ayat (3) with ayat (2): the new letter sets the examination by
  // the 7th working day after it (Fri 10 Apr → Tue 21 Apr; Wed 22 Apr is
  // the 8th).
  EXPECT_TRUE(ReissueSummons(Ctx(), missed, {{D(2026, 4, 10), D(2026, 4, 21)}, "terlambat"}).ok());
  EXPECT_THAT(ReissueSummons(Ctx(), missed, {{D(2026, 4, 10), D(2026, 4, 22)}, "terlambat"}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("Pasal 26 ayat (3)")));
  // Not before the missed examination, and never without the irregularity.
  EXPECT_THAT(ReissueSummons(Ctx(), missed, {{D(2026, 3, 13), D(2026, 3, 17)}, "terlambat"}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("issued_on")));
  EXPECT_THAT(ReissueSummons(Ctx(), missed, {kReissued.summons, ""}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("irregularity")));
}

// A defective first summons not yet attended is replaced by a new first
// summons (PP 94/2021 Pasal 26 ayat (2) applies to it).
TEST(ReissueSummons, DefectiveFirstSummonsIsReplaced_Pasal26Ayat2) {
  const Case c = Must(ReissueSummons(Ctx(), States()["SUMMONED"], kReissued));
  ASSERT_EQ(c.summonses.size(), 1u);
  EXPECT_EQ(c.summonses[0].sequence, 1);
  EXPECT_EQ(c.summonses[0].issued_on, D(2026, 4, 10));
  EXPECT_EQ(c.summonses[0].irregularity, "surat panggilan tidak ditandatangani");
  ASSERT_EQ(c.open_deadlines.size(), 1u);
  EXPECT_EQ(c.open_deadlines[0].due_on, D(2026, 4, 15));
  EXPECT_EQ(c.open_deadlines[0].legal_basis, "PP 94/2021 Pasal 26 ayat (2)");
  EXPECT_THAT(ReissueSummons(Ctx(), States()["SUMMONED"], {{D(2026, 4, 10), D(2026, 4, 22)}, "cacat"}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("Pasal 26 ayat (2)")));
  // Before the letter it replaces: refused.
  EXPECT_THAT(ReissueSummons(Ctx(), States()["SUMMONED"], {{D(2026, 3, 5), D(2026, 3, 9)}, "cacat"}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("issued_on")));
}

// ReopenExamination (api.md third stage): EXAMINED → SUMMONED with a reason;
// the examination is removed from the case (the audit keeps it) and is
// recorded again, e.g. by a team named in a reissued summons where the level
// rose to berat (PP 94/2021 ≈ Pasal 29, tim pemeriksa).
TEST(ReopenExamination, ReopenedExaminationIsRecordedAgainByTheTeam_Pasal29) {
  const Case examined = States()["EXAMINED"];
  EXPECT_THAT(ReopenExamination(Ctx(), examined, {""}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("reason")));
  const Case reopened = Must(ReopenExamination(Ctx(), examined, {"tingkat menjadi berat"}));
  EXPECT_EQ(reopened.state, CaseState::kSummoned);
  EXPECT_FALSE(reopened.examination.has_value());
  EXPECT_EQ(reopened.summonses.size(), examined.summonses.size());
  IssueSummonsCommand team{D(2026, 4, 10), D(2026, 4, 15)};
  team.examination_team_nips = {"197501012000031001", "198009092005012002"};
  team.examination_team_decree_number = "800/TIM/2026";
  const Case summoned = Must(ReissueSummons(Ctx(), reopened, {team, "pemeriksaan oleh tim"}));
  EXPECT_EQ(summoned.summonses.back().examination_team_nips.size(), 2u);
  const Case again = Must(RecordExamination(Ctx(), summoned,
                                            {.examined_on = D(2026, 4, 15),
                                             .attended = true,
                                             .findings = {Attendance(30)},
                                             .bap_document_id = "doc-bap-2",
                                             .examiner_nips = {"197501012000031001"}}));
  EXPECT_EQ(again.state, CaseState::kExamined);
  EXPECT_EQ(again.examination->bap_document_id, "doc-bap-2");
}

// Reference §2.5a, "One violation, one punishment": one employee's open
// cases are joined into one before the recommendation. Every state of the
// target × every state of the joined case: legal where both are RECEIVED,
// SUMMONED or EXAMINED (an examined target takes only an examined case);
// the joined case ends CLOSED pointing at the target.
TEST(JoinCases, EveryStatePair_Reference25a) {
  const std::set<std::string> open = {"RECEIVED", "SUMMONED", "SUMMONED_MISSED", "EXAMINED"};
  const auto states = States();
  int legal = 0;
  for (const auto& [t_name, t] : states) {
    for (const auto& [j_name, j0] : states) {
      Case j = j0;
      j.case_id = "c2";
      auto r = JoinCases(Ctx(), t, {j}, D(2026, 4, 6));
      const bool ok = open.contains(t_name) && open.contains(j_name) && (t_name != "EXAMINED" || j_name == "EXAMINED");
      if (!ok) {
        EXPECT_THAT(r, StatusIs(absl::StatusCode::kFailedPrecondition)) << t_name << " ← " << j_name;
        continue;
      }
      ASSERT_TRUE(r.ok()) << t_name << " ← " << j_name << ": " << r.status();
      ++legal;
      EXPECT_EQ(r->target.state, t.state);
      EXPECT_EQ(r->target.allegations.size(), t.allegations.size() + j.allegations.size());
      EXPECT_THAT(r->target.joined_case_ids, ElementsAre("c2"));
      ASSERT_EQ(r->joined.size(), 1u);
      EXPECT_EQ(r->joined[0].state, CaseState::kClosed);
      EXPECT_EQ(r->joined[0].joined_into, "c1");
      EXPECT_TRUE(r->joined[0].open_deadlines.empty());
    }
  }
  EXPECT_EQ(legal, 3 * 4 + 1);
}

TEST(JoinCases, RefusesOtherEmployeesAgenciesAndRepeats_Reference25a) {
  const Case target = States()["RECEIVED"];
  Case other = target;
  other.case_id = "c2";
  other.employee.nip = "199208222019032003";
  EXPECT_THAT(JoinCases(Ctx(), target, {other}, D(2026, 4, 6)),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("§2.5a")));
  Case elsewhere = target;
  elsewhere.case_id = "c3";
  elsewhere.agency_code = "PROV-CONTOH";
  EXPECT_THAT(JoinCases(Ctx(), target, {elsewhere}, D(2026, 4, 6)),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("agency")));
  Case second = target;
  second.case_id = "c4";
  EXPECT_THAT(JoinCases(Ctx(), target, {second, second}, D(2026, 4, 6)),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("joined_case_ids[1]")));
  EXPECT_THAT(JoinCases(Ctx(), target, {target}, D(2026, 4, 6)),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("joined_case_ids[0]")));
  EXPECT_THAT(JoinCases(Ctx(), target, {}, D(2026, 4, 6)),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("joined_case_ids")));
}

// Reference §2.5a: several violations → one punishment, the heaviest. Two
// examined cases joined: the recommendation weighs both findings and is the
// heavier one's.
TEST(JoinCases, TheRecommendationOfJoinedCasesIsTheHeaviest_Reference25a) {
  auto examined = [](const std::string& id, int days) {
    RecordExaminationCommand e = kExamined;
    e.findings = {Attendance(days)};
    Case c = Must(RecordExamination(Ctx(), States()["SUMMONED"], e));
    c.case_id = id;
    return c;
  };
  const Case light = examined("c1", 4), heavy = examined("c2", 12);
  const Case alone_light = Must(Apply(Cmd::kRecommend, light));
  const Case alone_heavy = Must(Apply(Cmd::kRecommend, heavy));
  ASSERT_NE(alone_light.recommendation->assessment.level, alone_heavy.recommendation->assessment.level);
  auto joined = JoinCases(Ctx(), light, {heavy}, D(2026, 4, 6));
  ASSERT_TRUE(joined.ok()) << joined.status();
  EXPECT_EQ(joined->target.examination->findings.size(), 2u);
  const Case recommended = Must(Apply(Cmd::kRecommend, joined->target));
  EXPECT_EQ(recommended.recommendation->assessment.level, alone_heavy.recommendation->assessment.level);
  EXPECT_EQ(recommended.recommendation->assessment.punishment, alone_heavy.recommendation->assessment.punishment);
}

// Reference §2.5a (the superior's liability, ≈ Pasal 24): the official who
// does not punish a proven violation is punished by his own superior, so a
// rejection of proven findings needs its reason and is flagged.
TEST(DecideSanction, ARejectionOfProvenFindingsIsFlagged_Reference25aPasal24) {
  const Case recommended = States()["RECOMMENDED"];
  ASSERT_TRUE(recommended.examination->findings[0].proven);
  EXPECT_THAT(
      DecideSanction(Ctx(), recommended, {DecisionOutcome::kReject, Punishment::kUnspecified, "", D(2026, 4, 8), ""}),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("reason")));
  const Case dismissed = States()["DISMISSED"];
  EXPECT_EQ(dismissed.state, CaseState::kDismissed);
  EXPECT_TRUE(dismissed.decision->rejected_proven_findings);
  EXPECT_FALSE(States()["DECIDED"].decision->rejected_proven_findings);
}

TEST(CaseStateMachine, DecisionBeforeExaminationIsRejected) {
  EXPECT_THAT(Apply(Cmd::kDecide, States()["SUMMONED"]),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("SUMMONED")));
}

// ---- PP 94/2021 Pasal 26 on working days across the 2026 Eid week ----

// Reference §2.5a corrects §2.5: PP 94/2021 Pasal 26 ayat (2) reads "jarak
// waktu antara tanggal surat panggilan dengan tanggal pemeriksaan paling
// lambat 7 (tujuh) hari kerja": the examination falls at most 7 working days
// after the letter (not "at least 7 days' notice", which is PP 53/2010's).
TEST(Summons, FirstSummonsExaminationWithinSevenWorkingDays_Pasal26Ayat2) {
  // Issued Tue 17 Mar 2026: 18 cuti, 19 Nyepi, 20 cuti, 21-22 Idul Fitri,
  // 23-24 cuti; the 3rd working day after is Fri 27 Mar, the 7th Thu 2 Apr,
  // the 8th (3 Apr is Good Friday) Mon 6 Apr.
  Case c = NewCase();
  auto three = IssueSummons(Ctx(), c, {D(2026, 3, 17), D(2026, 3, 27)});
  ASSERT_TRUE(three.ok()) << three.status();
  EXPECT_EQ(three->state, CaseState::kSummoned);
  auto seven = IssueSummons(Ctx(), c, {D(2026, 3, 17), D(2026, 4, 2)});
  ASSERT_TRUE(seven.ok()) << seven.status();
  ASSERT_EQ(seven->open_deadlines.size(), 1u);
  EXPECT_EQ(seven->open_deadlines[0].what, "examination");
  EXPECT_EQ(seven->open_deadlines[0].due_on, D(2026, 4, 2));
  EXPECT_EQ(seven->open_deadlines[0].legal_basis, "PP 94/2021 Pasal 26 ayat (2)");
  EXPECT_THAT(IssueSummons(Ctx(), c, {D(2026, 3, 17), D(2026, 4, 6)}),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       ::testing::AllOf(HasSubstr("Pasal 26 ayat (2)"), HasSubstr("2026-04-02"))));
  // Nor on the day of the letter itself.
  EXPECT_THAT(IssueSummons(Ctx(), c, {D(2026, 3, 17), D(2026, 3, 17)}),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

// PP 94/2021 Pasal 26 ayat (3) with ayat (2) (reference §2.5a): the second
// letter, too, sets the examination within 7 working days of it.
TEST(Summons, SecondSummonsExaminationWithinSevenWorkingDays_Pasal26Ayat3) {
  // Missed Mon 16 Mar; the second letter Wed 25 Mar: the 3rd working day
  // after is Mon 30 Mar, the 7th (3 Apr is Good Friday) Mon 6 Apr, the 8th
  // Tue 7 Apr.
  const Case missed = States()["SUMMONED_MISSED"];
  auto three = IssueSummons(Ctx(), missed, {D(2026, 3, 25), D(2026, 3, 30)});
  ASSERT_TRUE(three.ok()) << three.status();
  EXPECT_EQ(three->summonses.size(), 2u);
  EXPECT_TRUE(IssueSummons(Ctx(), missed, {D(2026, 3, 25), D(2026, 4, 6)}).ok());
  EXPECT_THAT(IssueSummons(Ctx(), missed, {D(2026, 3, 25), D(2026, 4, 7)}),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       ::testing::AllOf(HasSubstr("Pasal 26 ayat (3)"), HasSubstr("2026-04-06"))));
}

// PP 53/2010's reading ("paling lambat 7 hari kerja sebelum tanggal
// pemeriksaan": at least 7 working days' notice) stays a configuration
// (legal.summons_interval: SUMMONS_INTERVAL_NOTICE_AT_LEAST).
TEST(Summons, OldNoticeDirectionUnderItsConfiguration_PP53Of2010) {
  auto book = config::ParseRuleBook(config::BuiltinRulesText());
  LegalSettings at_least;
  at_least.summons_interval = SummonsInterval::kNoticeAtLeast;
  auto engine = RulesEngine::Create(*book, at_least);
  ASSERT_TRUE(engine.ok());
  MachineContext ctx{*engine, BuiltinRules().calendar};
  Case c = NewCase();
  EXPECT_THAT(IssueSummons(ctx, c, {D(2026, 3, 17), D(2026, 3, 27)}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("2026-04-02")));
  EXPECT_THAT(IssueSummons(ctx, c, {D(2026, 3, 17), D(2026, 4, 1)}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("2026-04-02")));
  EXPECT_TRUE(IssueSummons(ctx, c, {D(2026, 3, 17), D(2026, 4, 2)}).ok());
  EXPECT_TRUE(IssueSummons(ctx, c, {D(2026, 3, 17), D(2026, 4, 6)}).ok());
  // PP 53/2010 set no interval for the second letter: only its own deadline.
  const Case missed = Must(RecordExamination(ctx, Must(IssueSummons(ctx, c, {D(2026, 3, 2), D(2026, 3, 16)})),
                                             {.examined_on = D(2026, 3, 16), .attended = false}));
  EXPECT_TRUE(IssueSummons(ctx, missed, {D(2026, 3, 25), D(2026, 4, 7)}).ok());
}

TEST(Summons, SecondSummonsWithinSevenWorkingDaysOfTheMissedDate_Pasal26Ayat3) {
  // Missed Mon 16 Mar 2026; 7 working days later, across the holiday week,
  // is Wed 1 Apr.
  const Case missed = States()["SUMMONED_MISSED"];
  ASSERT_EQ(missed.open_deadlines.size(), 1u);
  EXPECT_EQ(missed.open_deadlines[0].what, "second_summons");
  EXPECT_EQ(missed.open_deadlines[0].due_on, D(2026, 4, 1));
  EXPECT_THAT(IssueSummons(Ctx(), missed, {D(2026, 4, 2), D(2026, 4, 13)}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("2026-04-01")));
  auto ok = IssueSummons(Ctx(), missed, {D(2026, 4, 1), D(2026, 4, 13)});
  ASSERT_TRUE(ok.ok()) << ok.status();
  EXPECT_EQ(ok->summonses.size(), 2u);
}

TEST(Summons, NoThirdSummons) {
  Case c = Must(IssueSummons(Ctx(), States()["SUMMONED_MISSED"], {D(2026, 3, 25), D(2026, 4, 6)}));
  EXPECT_THAT(IssueSummons(Ctx(), c, {D(2026, 4, 7), D(2026, 4, 20)}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("two summonses")));
}

// api.md "Safe edges": the summons names the examiners and the team (with
// the decree that formed it) before they act; NIPs are checked (18 digits)
// and stored normalised.
TEST(Summons, NamesTheExaminersAndTheTeamWithItsDecree) {
  IssueSummonsCommand cmd{D(2026, 3, 17), D(2026, 4, 2)};
  cmd.examiner_nips = {"19780214 200312 1 003", "197802142003121003"};
  cmd.examination_team_nips = {"197111201996032002"};
  cmd.examination_team_decree_number = "800/TIM/7/2026";
  auto ok = IssueSummons(Ctx(), NewCase(), cmd);
  ASSERT_TRUE(ok.ok()) << ok.status();
  ASSERT_EQ(ok->summonses.size(), 1u);
  EXPECT_EQ(ok->summonses[0].examiner_nips, std::vector<std::string>{"197802142003121003"});
  EXPECT_EQ(ok->summonses[0].examination_team_nips, std::vector<std::string>{"197111201996032002"});
  EXPECT_EQ(ok->summonses[0].examination_team_decree_number, "800/TIM/7/2026");
  EXPECT_EQ(NamedExaminers(*ok), (std::vector<std::string>{"197802142003121003", "197111201996032002"}));

  IssueSummonsCommand bad = cmd;
  bad.examiner_nips = {"12345"};
  auto r = IssueSummons(Ctx(), NewCase(), bad);
  EXPECT_THAT(r, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(FieldOf(r.status()).value_or(""), "examiner_nips[0]");
  IssueSummonsCommand no_decree = cmd;
  no_decree.examination_team_decree_number.clear();
  r = IssueSummons(Ctx(), NewCase(), no_decree);
  EXPECT_THAT(r, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(FieldOf(r.status()).value_or(""), "examination_team_decree_number");
}

// The examination may add team members to the team the summons named.
TEST(Examination, AddsTeamMembersToTheTeamTheSummonsNamed) {
  IssueSummonsCommand cmd{D(2026, 3, 17), D(2026, 4, 2)};
  cmd.examiner_nips = {"198009092005012002"};
  cmd.examination_team_nips = {"197111201996032002"};
  cmd.examination_team_decree_number = "800/TIM/7/2026";
  Case summoned = Must(IssueSummons(Ctx(), NewCase(), cmd));
  RecordExaminationCommand exam = kExamined;
  exam.examined_on = D(2026, 4, 2);
  exam.examination_team_nips = {"197905052004012005", "197111201996032002"};
  auto e = RecordExamination(Ctx(), summoned, exam);
  ASSERT_TRUE(e.ok()) << e.status();
  EXPECT_EQ(e->examination_team_nips, (std::vector<std::string>{"197111201996032002", "197905052004012005"}));
}

TEST(Examination, AbsentTwiceIsDecidedOnTheEvidence_Pasal26Ayat4) {
  Case c = Must(IssueSummons(Ctx(), States()["SUMMONED_MISSED"], {D(2026, 3, 25), D(2026, 4, 6)}));
  auto e = RecordExamination(Ctx(), c, {.examined_on = D(2026, 4, 6), .attended = false, .findings = {Attendance(12)}});
  ASSERT_TRUE(e.ok()) << e.status();
  EXPECT_EQ(e->state, CaseState::kExamined);
  EXPECT_FALSE(e->examination->attended);
}

TEST(Examination, AttendedNeedsTheBap) {
  RecordExaminationCommand cmd = kExamined;
  cmd.bap_document_id.clear();
  auto r = RecordExamination(Ctx(), States()["SUMMONED"], cmd);
  EXPECT_THAT(r, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(FieldOf(r.status()).value_or(""), "bap_document_id");
}

TEST(Examination, FindingThatTheRulesCannotAssessNamesItsIndex) {
  RecordExaminationCommand cmd = kExamined;
  cmd.findings = {Attendance(12), {.provision_id = "PP94.3.d", .proven = true}};
  auto r = RecordExamination(Ctx(), States()["SUMMONED"], cmd);
  EXPECT_THAT(r, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(FieldOf(r.status()).value_or(""), "findings[1].impact");
}

TEST(Examination, TemporaryReleaseOnlyWhereBeratIsLikely) {
  RecordExaminationCommand cmd = kExamined;
  cmd.temporary_release = true;
  EXPECT_THAT(RecordExamination(Ctx(), States()["SUMMONED"], cmd), StatusIs(absl::StatusCode::kFailedPrecondition));
  cmd.findings = {Attendance(25)};
  auto r = RecordExamination(Ctx(), States()["SUMMONED"], cmd);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(r->temporarily_released);
}

TEST(Recommendation, BeratNeedsAnExaminationTeam) {
  RecordExaminationCommand cmd = kExamined;
  cmd.findings = {Attendance(25)};
  Case examined = Must(RecordExamination(Ctx(), States()["SUMMONED"], cmd));
  EXPECT_THAT(RecommendSanction(Ctx(), examined, kRecommend),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("examination team")));
  cmd.examination_team_nips = {"197905052004012005", "197309091998121011"};
  examined = Must(RecordExamination(Ctx(), States()["SUMMONED"], cmd));
  auto r = RecommendSanction(Ctx(), examined, kRecommend);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->recommendation->assessment.punishment, Punishment::kPembebasanJabatan);
}

TEST(Recommendation, HeaviestProvenFindingWinsAndUnprovenAreIgnored) {
  RecordExaminationCommand cmd = kExamined;
  cmd.findings = {Attendance(4),
                  Attendance(30, /*proven=*/false),
                  {.provision_id = "PP94.3.d", .impact = Impact::kInstansi, .proven = true}};
  Case examined = Must(RecordExamination(Ctx(), States()["SUMMONED"], cmd));
  auto r = RecommendSanction(Ctx(), examined, kRecommend);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->recommendation->assessment.resolved_provision_id, "PP94.3.d");
  EXPECT_EQ(r->recommendation->assessment.level, SanctionLevel::kSedang);
}

PriorCandidate InForce(const std::string& provision, Punishment p, absl::CivilDay on) {
  return {.case_id = "e0",
          .decision_number = "SK-" + FormatIsoDate(on),
          .provision_id = provision,
          .punishment = p,
          .imposed_on = on};
}

TEST(Recommendation, RepeatOffenceFromThePriorPunishment) {
  RecordExaminationCommand cmd = kExamined;
  cmd.findings = {{.provision_id = "PP94.3.d", .impact = Impact::kInstansi, .proven = true}};  // sedang
  Case examined = Must(RecordExamination(Ctx(), States()["SUMMONED"], cmd));
  auto r = RecommendSanction(Ctx(), examined,
                             {D(2026, 4, 7), {InForce("PP94.3.d", Punishment::kPotonganTukin9Bulan, D(2025, 6, 2))}});
  ASSERT_TRUE(r.ok()) << r.status();
  // Law reference 2.5a: heavier than the last punishment in force of the
  // same nature; the 9-month cut ranks with its substitute, the rank-promotion
  // deferral, so the next heavier sedang type is the rank demotion for 1 year.
  EXPECT_EQ(r->recommendation->assessment.punishment, Punishment::kPenurunanPangkat1Tahun);
}

TEST(Recommendation, AttendanceBandsByCumulativeDaysEvenAfterAPrior) {
  // Law reference 2.5a: PP 94/2021 Pasal 4 huruf f bands by the year's
  // cumulative days; the repeat rule is not applied on top. 12 days: the
  // KGB deferral in place of the 6-month cut (KMK 5/KMK.01/2022).
  Case examined = States()["EXAMINED"];
  auto r = RecommendSanction(Ctx(), examined,
                             {D(2026, 4, 7), {InForce("PP94.4.f", Punishment::kPotonganTukin9Bulan, D(2025, 6, 2))}});
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->recommendation->assessment.punishment, Punishment::kPenundaanKgb1Tahun);
}

TEST(Recommendation, RepeatOffencePermitsEveryHeavierTypeAndRecommendsTheNext) {
  // Law reference 2.5a: heavier than the last punishment of the same nature,
  // not exactly the next type. PP94.3.d at instansi is sedang; after a KGB
  // deferral the rank-promotion deferral is recommended, the PPK may
  // approve it or modify to any heavier type.
  RecordExaminationCommand cmd = kExamined;
  cmd.findings = {{.provision_id = "PP94.3.d", .impact = Impact::kInstansi, .proven = true}};
  Case examined = Must(RecordExamination(Ctx(), States()["SUMMONED"], cmd));
  RecommendCommand rec = kRecommend;
  rec.priors = {InForce("PP94.3.d", Punishment::kPenundaanKgb1Tahun, D(2025, 6, 2))};
  Case r = Must(RecommendSanction(Ctx(), examined, rec));
  EXPECT_EQ(r.recommendation->assessment.punishment, Punishment::kPenundaanPangkat1Tahun);
  EXPECT_EQ(Must(DecideSanction(Ctx(), r, kApprove)).decision->punishment, Punishment::kPenundaanPangkat1Tahun);
  auto heavier = DecideSanction(
      Ctx(), r, {DecisionOutcome::kModify, Punishment::kPenurunanPangkat1Tahun, "SK-1", D(2026, 4, 8), "lebih berat"});
  ASSERT_TRUE(heavier.ok()) << heavier.status();
  EXPECT_EQ(heavier->decision->punishment, Punishment::kPenurunanPangkat1Tahun);
  EXPECT_THAT(DecideSanction(
                  Ctx(), r, {DecisionOutcome::kModify, Punishment::kPenundaanKgb1Tahun, "SK-1", D(2026, 4, 8), "sama"}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("not permitted")));
}

// Law reference 2.5a: the case's employee type goes into the assessment. A
// CPNS's sedang carries dismissal as CPNS (PP 11/2017 ≈ Pasal 36,
// unverified); a PPPK's berat (termination of the work agreement, PP 49/2018
// Pasal 53) has no punishment value: refused, naming the gap.
TEST(Recommendation, TheCasesEmployeeTypeIsAssessed) {
  Case cpns = States()["SUMMONED"];
  cpns.employee.employee_type = EmployeeType::kCpns;
  Case rec = Must(RecommendSanction(Ctx(), Must(RecordExamination(Ctx(), cpns, kExamined)), kRecommend));
  EXPECT_EQ(rec.recommendation->assessment.punishment, Punishment::kPenundaanKgb1Tahun);  // 12 days
  EXPECT_THAT(rec.recommendation->assessment.consequences, ElementsAre(HasSubstr("diberhentikan sebagai CPNS")));

  Case pppk = States()["SUMMONED"];
  pppk.employee.employee_type = EmployeeType::kPppk;
  RecordExaminationCommand berat = kExamined;
  berat.findings = {Attendance(22)};
  berat.examination_team_nips = {"198009092005012002"};
  EXPECT_THAT(RecordExamination(Ctx(), pppk, berat),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("PP 49/2018 Pasal 53")));
  RecordExaminationCommand ringan = kExamined;
  ringan.findings = {Attendance(5)};
  Case light = Must(RecommendSanction(Ctx(), Must(RecordExamination(Ctx(), pppk, ringan)), kRecommend));
  EXPECT_EQ(light.recommendation->assessment.punishment, Punishment::kTeguranTertulis);
  EXPECT_TRUE(light.recommendation->assessment.consequences.empty());
}

TEST(Decision, TheTukinCutIsNotImposedWhileItsSubstitutesAre) {
  // PP 94/2021 Pasal 8 ayat (3); KMK 5/KMK.01/2022: the built-in table names
  // no date for the tukin cut; a decision imposing it is refused.
  RecordExaminationCommand cmd = kExamined;
  cmd.findings = {{.provision_id = "PP94.3.d", .impact = Impact::kInstansi, .proven = true}};
  Case rec = Must(RecommendSanction(Ctx(), Must(RecordExamination(Ctx(), States()["SUMMONED"], cmd)), kRecommend));
  DecideCommand choose = kApprove;
  choose.punishment = Punishment::kPotonganTukin6Bulan;
  EXPECT_THAT(DecideSanction(Ctx(), rec, choose),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("PENUNDAAN_KGB_1_TAHUN")));
}

TEST(Recommendation, NothingProvenMeansDismissal) {
  RecordExaminationCommand cmd = kExamined;
  cmd.findings = {Attendance(12, false)};
  Case examined = Must(RecordExamination(Ctx(), States()["SUMMONED"], cmd));
  EXPECT_THAT(RecommendSanction(Ctx(), examined, kRecommend), StatusIs(absl::StatusCode::kFailedPrecondition));
  auto closed = CloseCase(Ctx(), examined, {"tidak terbukti", false, D(2026, 4, 7)});
  ASSERT_TRUE(closed.ok()) << closed.status();
  EXPECT_EQ(closed->state, CaseState::kDismissed);
}

TEST(Decision, ModifyMustStayWithinThePermittedPunishments) {
  const Case rec = States()["RECOMMENDED"];  // fixed: KGB deferral (12 days)
  EXPECT_THAT(
      DecideSanction(Ctx(), rec,
                     {DecisionOutcome::kModify, Punishment::kTeguranLisan, "SK-1", D(2026, 4, 8), "ringan saja"}),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("not permitted")));
}

TEST(Decision, OfficialChoosesWithinTheLevelWhenNothingIsFixed) {
  RecordExaminationCommand cmd = kExamined;
  cmd.findings = {{.provision_id = "PP94.3.d", .impact = Impact::kInstansi, .proven = true}};
  Case rec = Must(RecommendSanction(Ctx(), Must(RecordExamination(Ctx(), States()["SUMMONED"], cmd)), kRecommend));
  auto no_choice = DecideSanction(Ctx(), rec, kApprove);
  EXPECT_THAT(no_choice, StatusIs(absl::StatusCode::kInvalidArgument));
  DecideCommand choose = kApprove;
  choose.punishment = Punishment::kPenundaanPangkat1Tahun;  // KMK 5/KMK.01/2022 (law reference 2.5a)
  auto decided = DecideSanction(Ctx(), rec, choose);
  ASSERT_TRUE(decided.ok()) << decided.status();
  EXPECT_EQ(decided->decision->punishment, Punishment::kPenundaanPangkat1Tahun);
}

TEST(Delivery, DeadlineAndEffectiveDate) {
  const Case decided = States()["DECIDED"];  // decided Wed 8 Apr 2026
  ASSERT_EQ(decided.open_deadlines.size(), 1u);
  EXPECT_EQ(decided.open_deadlines[0].what, "delivery");
  // PP 94/2021 Pasal 37 ayat (3): "paling lambat 14 (empat belas) hari sejak
  // keputusan ditetapkan": 14 calendar days by default (reference §2.5a).
  EXPECT_EQ(decided.open_deadlines[0].due_on, D(2026, 4, 22));
  EXPECT_EQ(decided.open_deadlines[0].legal_basis, "PP 94/2021 Pasal 37 ayat (3)");
  const Case delivered = States()["DECIDED_DELIVERED"];  // delivered Thu 9 Apr
  EXPECT_EQ(delivered.effective_on, D(2026, 4, 30));     // 15th working day after
  ASSERT_EQ(delivered.open_deadlines.size(), 1u);
  EXPECT_EQ(delivered.open_deadlines[0].what, "remedy");
  EXPECT_EQ(NextDue(delivered), D(2026, 4, 29));
}

// One data set reads the delivery limit as 14 working days: a configuration
// (legal.delivery_counts_working_days; reference §2.5a).
TEST(Delivery, LimitInWorkingDaysUnderItsConfiguration_Pasal37Ayat3) {
  auto book = config::ParseRuleBook(config::BuiltinRulesText());
  LegalSettings working;
  working.delivery_counts_working_days = true;
  auto engine = RulesEngine::Create(*book, working);
  ASSERT_TRUE(engine.ok());
  MachineContext ctx{*engine, BuiltinRules().calendar};
  auto decided = DecideSanction(ctx, States()["RECOMMENDED"], kApprove);  // Wed 8 Apr 2026
  ASSERT_TRUE(decided.ok()) << decided.status();
  ASSERT_EQ(decided->open_deadlines.size(), 1u);
  // 14 working days: no day off falls between 9 and 28 April 2026.
  EXPECT_EQ(decided->open_deadlines[0].due_on, D(2026, 4, 28));
}

// The PPK's inbox (api.md: "most urgent first, with the deadline"): the
// nearest open deadline first, cases without one after, and among equals the
// longest waiting recommendation first.
TEST(Inbox, NearestDeadlineFirstThenTheLongestWaiting) {
  auto recommended = [](const std::string& id, absl::CivilDay on, std::vector<absl::CivilDay> due) {
    Case c;
    c.case_id = id;
    c.recommendation.emplace();
    c.recommendation->recommended_on = on;
    for (absl::CivilDay d : due) c.open_deadlines.push_back({"ppk_follow_up", d, "v", "basis"});
    return c;
  };
  std::vector<Case> inbox = {recommended("a", D(2026, 3, 1), {}), recommended("b", D(2026, 3, 5), {D(2026, 3, 20)}),
                             recommended("c", D(2026, 3, 6), {D(2026, 3, 25), D(2026, 3, 10)}),
                             recommended("d", D(2026, 2, 28), {}), recommended("e", D(2026, 3, 2), {D(2026, 3, 10)})};
  SortByUrgency(inbox);
  std::vector<std::string> order;
  for (const Case& c : inbox) order.push_back(c.case_id);
  EXPECT_THAT(order, ::testing::ElementsAre("e", "c", "b", "d", "a"));
}

TEST(Remedy, OnlyTheRemedyThePunishmentAllows) {
  const Case delivered = States()["DECIDED_DELIVERED"];  // tukin cut: keberatan
  EXPECT_THAT(FileRemedy(Ctx(), delivered, Remedy::kBandingAdministratif, D(2026, 4, 10)),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("KEBERATAN")));
  EXPECT_THAT(FileRemedy(Ctx(), delivered, Remedy::kKeberatan, D(2026, 5, 4)),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("window closed")));
}

TEST(Termination, NotAfterTheDecision) {
  EXPECT_THAT(Apply(Cmd::kTerminate, States()["DECIDED"]), StatusIs(absl::StatusCode::kFailedPrecondition));
  const Case t = States()["TERMINATED"];
  EXPECT_TRUE(t.open_deadlines.empty());
}

// ---- The official for an AuthorityRole ----

TEST(ResolveOfficial, NearestSuperiorOfTheKindThenUpThenPpk) {
  EmployeeSnapshot pengawas{.nip = "198009092005012002",
                            .name = "Rina",
                            .position_kind = PositionKind::kPengawas,
                            .position_title = "Kasubbag"};
  EmployeeSnapshot admin{.nip = "197511032000032001",
                         .name = "Sri",
                         .position_kind = PositionKind::kAdministrator,
                         .position_title = "Sekretaris Dinas"};
  EmployeeSnapshot jptp{.nip = "197205211998031002",
                        .name = "Hendra",
                        .position_kind = PositionKind::kJptPratama,
                        .position_title = "Kepala Dinas"};
  Agency agency{.code = "KOTA-CONTOH", .ppk_title = "Wali Kota Contoh", .ppk_name = "H. Darmawan Saleh"};
  const std::vector<EmployeeSnapshot> chain = {pengawas, admin, jptp};
  EXPECT_EQ(ResolveOfficial(AuthorityRole::kPengawas, chain, agency).nip, pengawas.nip);
  EXPECT_EQ(ResolveOfficial(AuthorityRole::kAdministrator, chain, agency).nip, admin.nip);
  // No JPT madya in a city: the authority passes to the PPK.
  const Official up = ResolveOfficial(AuthorityRole::kJptMadya, chain, agency);
  EXPECT_EQ(up.role, AuthorityRole::kPpk);
  EXPECT_EQ(up.name, "H. Darmawan Saleh");
  // No pengawas above a functional official: the administrator.
  EXPECT_EQ(ResolveOfficial(AuthorityRole::kPengawas, {admin, jptp}, agency).nip, admin.nip);
  EXPECT_EQ(ResolveOfficial(AuthorityRole::kPresiden, chain, agency).name, "Presiden Republik Indonesia");
}

// ---- The hearing: PP 94/2021 Pasal 26 ayat (3)-(4) ----

TEST(Examination, AbsenceCannotBeRecordedBeforeTheExaminationDate_Pasal26) {
  const Case summoned = States()["SUMMONED"];  // examination set for 16 Mar 2026
  auto early = RecordExamination(Ctx(), summoned, {.examined_on = D(2026, 3, 5), .attended = false});
  EXPECT_THAT(early, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("Pasal 26")));
  EXPECT_THAT(FieldOf(early.status()), Optional(std::string("examined_on")));
  // On the day itself the absence is known.
  EXPECT_TRUE(RecordExamination(Ctx(), summoned, {.examined_on = D(2026, 3, 16), .attended = false}).ok());
}

TEST(Examination, SecondAbsenceBeforeTheSecondDateIsRefusedToo_Pasal26Ayat4) {
  Case missed = States()["SUMMONED_MISSED"];
  Case second = Must(IssueSummons(Ctx(), missed, {D(2026, 3, 17), D(2026, 3, 30)}));
  // Without this rule two early absences would send the case to a decision
  // on the evidence without the employee ever being heard.
  EXPECT_THAT(RecordExamination(Ctx(), second, {.examined_on = D(2026, 3, 25), .attended = false}),
              StatusIs(absl::StatusCode::kInvalidArgument));
  auto on_evidence = RecordExamination(
      Ctx(), second, {.examined_on = D(2026, 3, 30), .attended = false, .findings = {Attendance(12)}});
  ASSERT_TRUE(on_evidence.ok()) << on_evidence.status();
  EXPECT_EQ(on_evidence->state, CaseState::kExamined);
}

TEST(Examination, AttendedExaminationIsOnOrAfterTheSummonsDate_Pasal26Ayat2) {
  RecordExaminationCommand cmd = kExamined;
  cmd.examined_on = D(2026, 3, 13);  // summons set 16 Mar
  EXPECT_THAT(RecordExamination(Ctx(), States()["SUMMONED"], cmd), StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(Summons, ExaminationYearsAheadIsRefused) {
  auto r = IssueSummons(Ctx(), NewCase(), {D(2026, 3, 2), D(2027, 3, 2)});
  EXPECT_THAT(r, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(FieldOf(r.status()), Optional(std::string("examination_on")));
  // 90 days is the configured bound (LegalSettings::summons_max_lead_days);
  // it matters under PP 53/2010's reading, which sets no latest date.
  auto book = config::ParseRuleBook(config::BuiltinRulesText());
  LegalSettings at_least;
  at_least.summons_interval = SummonsInterval::kNoticeAtLeast;
  auto engine = RulesEngine::Create(*book, at_least);
  ASSERT_TRUE(engine.ok());
  MachineContext ctx{*engine, BuiltinRules().calendar};
  EXPECT_TRUE(IssueSummons(ctx, NewCase(), {D(2026, 3, 2), D(2026, 5, 29)}).ok());
  auto beyond = IssueSummons(ctx, NewCase(), {D(2026, 3, 2), D(2026, 6, 1)});
  EXPECT_THAT(beyond, StatusIs(absl::StatusCode::kInvalidArgument));
}

// ---- The official of the punishment imposed (reference §1.2) ----

// The demo's provincial secretary (JPT madya, PROV-CONTOH) examined for
// PP94.5.a (abuse of authority: always berat).
Case JptMadyaRecommended(bool is_ppk = false) {
  Case c = NewCase();
  c.agency_code = "PROV-CONTOH";
  c.employee.nip = "196808151993031001";
  c.employee.position_kind = PositionKind::kJptMadya;
  c.employee.environment = Environment::kProvinsi;
  c.employee.is_ppk = is_ppk;
  c.allegations = {{.provision_id = "PP94.5.a", .impact = Impact::kInstansi}};
  Case summoned = Must(IssueSummons(Ctx(), c, {D(2026, 3, 6), D(2026, 3, 16)}));
  RecordExaminationCommand exam = kExamined;
  exam.examined_on = D(2026, 3, 16);
  exam.findings = {{.provision_id = "PP94.5.a", .impact = Impact::kInstansi, .proven = true}};
  exam.examination_team_nips = {"197111201996032002"};
  RecommendCommand rec = kRecommend;
  rec.agency = {.code = "PROV-CONTOH", .ppk_title = "Gubernur Contoh", .ppk_name = "Dr. H. Syamsul Bahri"};
  return Must(RecommendSanction(Ctx(), Must(RecordExamination(Ctx(), summoned, exam)), rec));
}

TEST(DecidingOfficial, RecommendationNamesTheOfficialOfEveryOption) {
  const Case rec = JptMadyaRecommended();
  const Recommendation& r = *rec.recommendation;
  ASSERT_EQ(r.officials.size(), 3u);  // berat: demotion, release, PDHTAPS
  EXPECT_EQ(r.officials[0].official.role, AuthorityRole::kPpk);
  EXPECT_EQ(r.officials[0].official.name, "Dr. H. Syamsul Bahri");
  EXPECT_EQ(r.officials[1].official.role, AuthorityRole::kPpk);
  EXPECT_EQ(r.officials[2].punishment, Punishment::kPdhtaps);
  EXPECT_EQ(r.officials[2].official.role, AuthorityRole::kPresiden);
  EXPECT_EQ(r.officials[2].proposed_by.role, AuthorityRole::kPpk);
  EXPECT_EQ(r.officials[2].proposed_by.title, "Gubernur Contoh");
  EXPECT_EQ(r.authority.role, AuthorityRole::kPpk);
}

TEST(DecidingOfficial, PdhtapsOfAJptMadyaIsThePresidentsOnThePpksProposal) {
  DecideCommand modify{DecisionOutcome::kModify, Punishment::kPdhtaps, "Keppres 12/TPA/2026", D(2026, 4, 20),
                       "dampak pada instansi berat"};
  // The proposal is required where the President decides.
  auto without = DecideSanction(Ctx(), JptMadyaRecommended(), modify);
  EXPECT_THAT(without, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(FieldOf(without.status()), Optional(std::string("proposal_number")));
  modify.proposal_number = "800/USUL/PROV/2026";
  modify.proposed_on = D(2026, 4, 10);
  auto decided = DecideSanction(Ctx(), JptMadyaRecommended(), modify);
  ASSERT_TRUE(decided.ok()) << decided.status();
  EXPECT_EQ(decided->decision->decided_by.role, AuthorityRole::kPresiden);
  EXPECT_EQ(decided->decision->decision_number, "Keppres 12/TPA/2026");
  ASSERT_TRUE(decided->decision->proposal.has_value());
  EXPECT_EQ(decided->decision->proposal->proposed_by.role, AuthorityRole::kPpk);
  EXPECT_EQ(decided->decision->proposal->proposed_by.name, "Dr. H. Syamsul Bahri");
  EXPECT_EQ(decided->decision->proposal->number, "800/USUL/PROV/2026");
  // Against the President's decision: the configured remedy (none; the
  // administrative court), so no remedy window opens at delivery.
  EXPECT_EQ(decided->decision->remedy, Remedy::kNone);
  Case delivered = Must(RecordDelivery(Ctx(), *decided, D(2026, 4, 21)));
  EXPECT_TRUE(delivered.open_deadlines.empty());
  EXPECT_THAT(FileRemedy(Ctx(), delivered, Remedy::kBandingAdministratif, D(2026, 4, 22)),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST(DecidingOfficial, DemotionOfTheSameOfficialIsThePpksWithKeberatan) {
  DecideCommand approve{DecisionOutcome::kApprove, Punishment::kPenurunanJabatan, "800/SK/PROV/2026", D(2026, 4, 20),
                        ""};
  auto decided = DecideSanction(Ctx(), JptMadyaRecommended(), approve);
  ASSERT_TRUE(decided.ok()) << decided.status();
  EXPECT_EQ(decided->decision->decided_by.role, AuthorityRole::kPpk);
  EXPECT_EQ(decided->decision->decided_by.title, "Gubernur Contoh");
  EXPECT_EQ(decided->decision->remedy, Remedy::kKeberatan);
  EXPECT_FALSE(decided->decision->proposal.has_value());
  // No proposal belongs to a PPK's own decision.
  approve.proposal_number = "800/USUL/2026";
  approve.proposed_on = D(2026, 4, 10);
  EXPECT_THAT(DecideSanction(Ctx(), JptMadyaRecommended(), approve), StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(DecidingOfficial, JptMadyaWhoIsThePpkIsDecidedByThePresidentForEveryOption) {
  const Case rec = JptMadyaRecommended(/*is_ppk=*/true);
  for (const OptionOfficial& o : rec.recommendation->officials) {
    EXPECT_EQ(o.official.role, AuthorityRole::kPresiden) << Name(o.punishment);
  }
  auto decided = DecideSanction(
      Ctx(), rec, {DecisionOutcome::kApprove, Punishment::kPenurunanJabatan, "Keppres 13/2026", D(2026, 4, 20), ""});
  ASSERT_TRUE(decided.ok()) << decided.status();
  EXPECT_EQ(decided->decision->decided_by.role, AuthorityRole::kPresiden);
  EXPECT_EQ(decided->decision->remedy, Remedy::kNone);
}

// ---- Repeat offences across neutrality forms and articles ----

// A closed case of the employee whose decision (SK of `on`) was delivered.
Case Decided(const std::string& id, const std::string& resolved, Punishment p, absl::CivilDay on = D(2025, 1, 6)) {
  Case e;
  e.case_id = id;
  e.state = CaseState::kClosed;
  e.recommendation = Recommendation{};
  e.recommendation->assessment.resolved_provision_id = resolved;
  e.decision =
      Decision{.outcome = DecisionOutcome::kApprove, .punishment = p, .decision_number = "SK-" + id, .decided_on = on};
  e.delivered_on = on + 1;
  return e;
}

Case NeutralityExamined(const std::string& provision) {
  RecordExaminationCommand cmd = kExamined;
  cmd.findings = {{.provision_id = provision, .candidate_status = CandidateStatus::kCalon, .proven = true}};
  return Must(RecordExamination(Ctx(), States()["SUMMONED"], cmd));
}

TEST(RepeatOffence, NeutralityFormsAndTheirArticleAreOneOffence) {
  // SKB2022.5 (official candidate) resolves to PP 94/2021 Pasal 5 huruf n
  // angka 2 (sedang, Pasal 13 huruf g). Law reference 2.5a: any type heavier
  // than the last is permitted, the next one recommended.
  std::vector<Case> record = {Decided("e1", "PP94.5.n.2", Punishment::kPenundaanKgb1Tahun, D(2024, 3, 4))};
  RecommendCommand cmd = kRecommend;
  cmd.priors = PriorCandidates(record, {}, "c1");
  auto second = RecommendSanction(Ctx(), NeutralityExamined("SKB2022.5"), cmd);
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(second->recommendation->assessment.resolved_provision_id, "PP94.5.n.2");
  EXPECT_EQ(second->recommendation->assessment.punishment, Punishment::kPenundaanPangkat1Tahun);
  // The next, recorded under the article itself, is heavier again.
  record.push_back(Decided("e2", "PP94.5.n.2", Punishment::kPenundaanPangkat1Tahun, D(2025, 3, 3)));
  cmd.priors = PriorCandidates(record, {}, "c1");
  auto third = RecommendSanction(Ctx(), NeutralityExamined("PP94.5.n.2"), cmd);
  ASSERT_TRUE(third.ok()) << third.status();
  EXPECT_EQ(third->recommendation->assessment.punishment, Punishment::kPenurunanPangkat1Tahun);
  // Another article is another offence.
  auto other = RecommendSanction(Ctx(), NeutralityExamined("PP94.4.a"), cmd);  // sedang, another article
  ASSERT_TRUE(other.ok()) << other.status();
  EXPECT_EQ(other->recommendation->assessment.punishment, Punishment::kUnspecified);
}

// Reference §2.5a: the punishment in force after any remedy.
TEST(RepeatOffence, TheRecordCountsThePunishmentInForceAfterTheRemedy) {
  Case annulled = Decided("e1", "PP94.5.n.1", Punishment::kPotonganTukin12Bulan);
  annulled.remedy_decision = RemedyDecision{.outcome = RemedyOutcome::kAnnulled};
  Case modified = Decided("e2", "PP94.5.n.1", Punishment::kPotonganTukin12Bulan);
  modified.remedy_decision = RemedyDecision{
      .outcome = RemedyOutcome::kModified, .punishment = Punishment::kPotonganTukin6Bulan, .decided_on = D(2025, 2, 3)};
  Case rejected = Decided("e3", "PP94.5.n.1", Punishment::kUnspecified);
  rejected.decision->outcome = DecisionOutcome::kReject;
  const auto candidates =
      PriorCandidates({annulled, modified, rejected, Decided("c1", "PP94.5.n.1", Punishment::kPdhtaps)}, {}, "c1");
  ASSERT_EQ(candidates.size(), 2u) << "the rejection and the current case are no candidates";
  EXPECT_EQ(candidates[0].standing, PriorStanding::kAnnulled);
  EXPECT_EQ(candidates[1].standing, PriorStanding::kInForce);
  EXPECT_EQ(candidates[1].punishment, Punishment::kPotonganTukin6Bulan) << "as the remedy decision modified it";
  EXPECT_EQ(candidates[1].imposed_on, D(2025, 2, 3));
  const auto last = LastPriorInForce(candidates, "PP94.5.n.1");
  ASSERT_TRUE(last.has_value());
  EXPECT_EQ(last->case_id, "e2");
}

// ---- The end of a remedy (PP 79/2021) ----

TEST(RemedyDecision, FilingOpensTheConfiguredDecisionDeadline) {
  const Case under = States()["UNDER_REMEDY"];  // keberatan filed Fri 10 Apr 2026
  // PP 79/2021 with PP 94/2021 (reference §2.5a "Remedy and the effective
  // date"): the keberatan filed in its window suspends the effective date
  // (30 Apr after the delivery of 9 Apr): the case shows none.
  ASSERT_TRUE(States()["DECIDED_DELIVERED"].effective_on.has_value());
  EXPECT_FALSE(under.effective_on.has_value());
  ASSERT_EQ(under.open_deadlines.size(), 1u);
  EXPECT_EQ(under.open_deadlines[0].what, "remedy_decision");
  // 21 working days (LegalSettings::keberatan_decision_working_days).
  EXPECT_EQ(under.open_deadlines[0].due_on, D(2026, 5, 12));
}

// Reference §2.5a "Remedy and the effective date": the punishment takes
// effect by the remedy decision, by the rule of effect after delivery
// (Peraturan BKN 6/2022 Pasal 50 ayat (1), 15 working days) counted from the
// remedy decision.
TEST(RemedyDecision, UpheldTakesEffectCountedFromTheRemedyDecisionAndCloses) {
  auto r = DecideRemedy(Ctx(), States()["UNDER_REMEDY"], kUpheld);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->state, CaseState::kClosed);
  // Decided Mon 20 Apr 2026; 1 May (Labour Day) is not counted: the 15th
  // working day after is Tue 12 May.
  EXPECT_EQ(r->effective_on, D(2026, 5, 12));
  EXPECT_EQ(EffectivePunishment(*r), Punishment::kPenundaanKgb1Tahun);
  EXPECT_TRUE(r->open_deadlines.empty());
  EXPECT_EQ(r->remedy_decision->decided_by.name, "Gubernur Contoh");
}

TEST(RemedyDecision, ModifiedStaysWithinTheLevel_Pasal8) {
  DecideRemedyCommand cmd = kUpheld;
  cmd.outcome = RemedyOutcome::kModified;
  cmd.reason = "dikurangi";
  cmd.punishment = Punishment::kTeguranTertulis;  // ringan: another level
  EXPECT_THAT(DecideRemedy(Ctx(), States()["UNDER_REMEDY"], cmd), StatusIs(absl::StatusCode::kFailedPrecondition));
  cmd.punishment = Punishment::kUnspecified;
  EXPECT_THAT(FieldOf(DecideRemedy(Ctx(), States()["UNDER_REMEDY"], cmd).status()),
              Optional(std::string("punishment")));
  cmd.punishment = Punishment::kPenundaanPangkat1Tahun;
  auto r = DecideRemedy(Ctx(), States()["UNDER_REMEDY"], cmd);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(EffectivePunishment(*r), Punishment::kPenundaanPangkat1Tahun);
  EXPECT_EQ(r->decision->punishment, Punishment::kPenundaanKgb1Tahun) << "the SK as first decided is kept";
  EXPECT_EQ(r->effective_on, D(2026, 5, 12)) << "modified: counted from the remedy decision (reference §2.5a)";
}

TEST(RemedyDecision, AnnulledLiftsThePunishment) {
  DecideRemedyCommand cmd = kUpheld;
  cmd.outcome = RemedyOutcome::kAnnulled;
  // api.md "Safe edges" (separation of duties): an annulment names its
  // reason.
  EXPECT_THAT(FieldOf(DecideRemedy(Ctx(), States()["UNDER_REMEDY"], cmd).status()),
              Optional(std::string("annulment_reason")));
  cmd.annulment_reason = AnnulmentReason::kProceduralDefect;
  auto r = DecideRemedy(Ctx(), States()["UNDER_REMEDY"], cmd);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_FALSE(r->effective_on.has_value());
  EXPECT_EQ(EffectivePunishment(*r), std::nullopt);
  EXPECT_EQ(r->remedy_decision->annulment_reason, AnnulmentReason::kProceduralDefect);
}

// Separation of duties: a termination is requested (the state stays, the
// request waits as the pending action) and carried out on confirmation;
// a second request waits for the first; a rejection drops it.
TEST(SeparationOfDuties, TerminationIsRequestedThenConfirmed) {
  const Case examined = States()["EXAMINED"];
  CloseCommand cmd{"pegawai meninggal dunia", true, D(2026, 4, 6)};
  EXPECT_THAT(FieldOf(RequestTermination(Ctx(), examined, cmd, "199208222019032003", absl::Now()).status()),
              Optional(std::string("termination_reason")));
  cmd.termination_reason = TerminationReason::kDied;
  Case requested = Must(RequestTermination(Ctx(), examined, cmd, "199208222019032003", absl::Now()));
  EXPECT_EQ(requested.state, CaseState::kExamined);
  ASSERT_TRUE(requested.pending_action.has_value());
  EXPECT_EQ(requested.pending_action->kind, CaseActionKind::kTerminate);
  EXPECT_EQ(requested.pending_action->requested_by, "199208222019032003");
  EXPECT_THAT(RequestTermination(Ctx(), requested, cmd, "199208222019032003", absl::Now()),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(ConfirmAction(Ctx(), requested, CaseActionKind::kAnnul, false, D(2026, 4, 7)),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  Case rejected = Must(ConfirmAction(Ctx(), requested, CaseActionKind::kTerminate, true, D(2026, 4, 7)));
  EXPECT_EQ(rejected.state, CaseState::kExamined);
  EXPECT_FALSE(rejected.pending_action.has_value());
  Case done = Must(ConfirmAction(Ctx(), requested, CaseActionKind::kTerminate, false, D(2026, 4, 7)));
  EXPECT_EQ(done.state, CaseState::kTerminated);
  EXPECT_EQ(done.termination_reason, TerminationReason::kDied);
  EXPECT_FALSE(done.pending_action.has_value());
  // Not after the decision, already at the request.
  EXPECT_THAT(RequestTermination(Ctx(), States()["DECIDED"], cmd, "199208222019032003", absl::Now()),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST(SeparationOfDuties, AnnulmentIsRequestedThenConfirmed) {
  DecideRemedyCommand cmd = kUpheld;
  cmd.outcome = RemedyOutcome::kAnnulled;
  cmd.annulment_reason = AnnulmentReason::kNotProven;
  Case requested = Must(RequestAnnulment(Ctx(), States()["UNDER_REMEDY"], cmd, "199208222019032003", absl::Now()));
  EXPECT_EQ(requested.state, CaseState::kUnderRemedy);
  EXPECT_FALSE(requested.remedy_decision.has_value());
  ASSERT_TRUE(requested.pending_action.has_value());
  EXPECT_EQ(requested.pending_action->decided_by.name, "Gubernur Contoh");
  Case done = Must(ConfirmAction(Ctx(), requested, CaseActionKind::kAnnul, false, D(2026, 4, 21)));
  EXPECT_EQ(done.state, CaseState::kClosed);
  EXPECT_EQ(done.remedy_decision->outcome, RemedyOutcome::kAnnulled);
  EXPECT_EQ(done.remedy_decision->annulment_reason, AnnulmentReason::kNotProven);
  EXPECT_EQ(done.remedy_decision->decision_number, "800/KEB/2026");
  EXPECT_EQ(EffectivePunishment(done), std::nullopt);
}

// The keberatan withdrawn (CloseCase in UNDER_REMEDY): the suspension ends,
// and the punishment takes effect counted from the withdrawal.
TEST(RemedyDecision, WithdrawnRemedyTakesEffectCountedFromTheWithdrawal) {
  const Case closed = States()["CLOSED"];  // closed Mon 4 May 2026
  EXPECT_EQ(closed.state, CaseState::kClosed);
  // Not counted: 14 May (Ascension), 15 May (cuti bersama), 27 May (Eid
  // al-Adha), 28 May (cuti bersama): the 15th working day is Fri 29 May.
  EXPECT_EQ(closed.effective_on, D(2026, 5, 29));
}

TEST(RemedyDecision, KeberatanIsDecidedByTheSuperiorNotTheOfficialWhoImposed) {
  DecideRemedyCommand cmd = kUpheld;
  cmd.decided_by = States()["UNDER_REMEDY"].decision->decided_by;  // the PPK of the city
  cmd.decided_by.name = "H. Darmawan Saleh";
  EXPECT_THAT(DecideRemedy(Ctx(), States()["UNDER_REMEDY"], cmd), StatusIs(absl::StatusCode::kFailedPrecondition));
  cmd.decided_by = {};
  EXPECT_THAT(FieldOf(DecideRemedy(Ctx(), States()["UNDER_REMEDY"], cmd).status()),
              Optional(std::string("decided_by.name")));
}

TEST(RemedyDecision, NotBeforeTheFiling) {
  DecideRemedyCommand cmd = kUpheld;
  cmd.decided_on = D(2026, 4, 9);
  EXPECT_THAT(FieldOf(DecideRemedy(Ctx(), States()["UNDER_REMEDY"], cmd).status()),
              Optional(std::string("decided_on")));
}

TEST(RemedyDecision, BandingIsDecidedByBpasn) {
  Case c = JptMadyaRecommended();
  // PDHTAPS by the PPK for an administrator: banding to BPASN.
  c.employee.position_kind = PositionKind::kAdministrator;
  RecommendCommand rec = kRecommend;
  Case examined = c;
  examined.state = CaseState::kExamined;
  examined.recommendation.reset();
  Case recommended = Must(RecommendSanction(Ctx(), examined, rec));
  Case decided = Must(DecideSanction(
      Ctx(), recommended, {DecisionOutcome::kApprove, Punishment::kPdhtaps, "800/PDH/2026", D(2026, 4, 20), ""}));
  EXPECT_EQ(decided.decision->remedy, Remedy::kBandingAdministratif);
  Case delivered = Must(RecordDelivery(Ctx(), decided, D(2026, 4, 21)));
  Case under = Must(FileRemedy(Ctx(), delivered, Remedy::kBandingAdministratif, D(2026, 4, 22)));
  DecideRemedyCommand cmd = kUpheld;
  cmd.decided_on = D(2026, 5, 20);
  auto r = DecideRemedy(Ctx(), under, cmd);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->remedy_decision->decided_by.title, "BPASN");
}

// ---- Neutrality follow-through (the 2022 joint decree; reference §3) ----

namespace neutrality {

const ExternalRecommendation kBkn{Issuer::kBkn, "R-123/KASN/5/2026", D(2026, 5, 8), Track::kEthics,
                                  Punishment::kUnspecified};

Case Filed() {
  Case c = NewCase();
  c.received_on = D(2026, 5, 11);  // a Monday
  c.allegations = {{.provision_id = "SKB2022.1",
                    .candidate_status = CandidateStatus::kBakalCalon,
                    .neutrality_aspect = NeutralityAspect::kPolitik}};
  EXPECT_TRUE(OpenFollowUp(Ctx(), c, kBkn, std::nullopt).ok());
  return c;
}

Case RecommendedOn(std::vector<ViolationRecord> findings) {
  Case c = Must(IssueSummons(Ctx(), Filed(), {D(2026, 5, 11), D(2026, 5, 25)}));
  c = Must(RecordExamination(Ctx(), std::move(c),
                             {.examined_on = D(2026, 5, 25),
                              .attended = true,
                              .findings = std::move(findings),
                              .bap_document_id = "doc-bap-1",
                              .examiner_nips = {"198009092005012002"},
                              .examination_team_nips = {"198009092005012002", "197501012000031001"}}));
  return Must(RecommendSanction(Ctx(), std::move(c), {D(2026, 5, 26), {}}));
}

const ViolationRecord kEthicsFinding{
    .provision_id = "SKB2022.1", .candidate_status = CandidateStatus::kBakalCalon, .proven = true};
// SKB2022.5 for a calon is PP 94/2021 Pasal 5 huruf n angka 2 (sedang);
// SKB2022.1 resolves to angka 1, which cites no disciplinary level (law
// reference 2.5a) and is an ethics matter for a calon too.
const ViolationRecord kDisciplineFinding{
    .provision_id = "SKB2022.5", .candidate_status = CandidateStatus::kCalon, .proven = true};
const ViolationRecord kPartyMembership{.provision_id = "SKB2022.9", .proven = true};

DecideCommand Decide(MoralSanction moral, Punishment p = Punishment::kUnspecified) {
  DecideCommand d{DecisionOutcome::kApprove, p, "800/NET/2026", D(2026, 5, 29), ""};
  d.moral_sanction = moral;
  return d;
}

TEST(FollowUp, TheRecommendationOpensThePpkFollowUpDeadlineInWorkingDays) {
  // Received Monday 11 May 2026; 10 working days (the configured default):
  // 14 May (Ascension) and 15 May (cuti bersama), 27 May (Eid al-Adha) and
  // 28 May (cuti bersama) are not counted (SKB 1497/2025): 29 May.
  const Case c = Filed();
  ASSERT_TRUE(c.follow_up.has_value());
  EXPECT_EQ(c.follow_up->state, FollowUpState::kPending);
  EXPECT_EQ(c.follow_up->due_on, D(2026, 5, 29));
  ASSERT_EQ(c.open_deadlines.size(), 1u);
  EXPECT_EQ(c.open_deadlines[0].what, "ppk_follow_up");
  EXPECT_EQ(c.open_deadlines[0].due_on, D(2026, 5, 29));
  EXPECT_EQ(c.external_recommendation->number, "R-123/KASN/5/2026");
}

TEST(FollowUp, AGivenDueDayIsKeptButNotBeforeReceipt) {
  Case c = NewCase();
  c.received_on = D(2026, 5, 11);
  ASSERT_OK(OpenFollowUp(Ctx(), c, kBkn, D(2026, 5, 18)));
  EXPECT_EQ(c.follow_up->due_on, D(2026, 5, 18));
  Case early = NewCase();
  early.received_on = D(2026, 5, 11);
  EXPECT_THAT(OpenFollowUp(Ctx(), early, kBkn, D(2026, 5, 4)),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("recommendation.follow_up_due_on")));
}

TEST(FollowUp, IssuerNumberAndAnIssueDayNotAfterReceiptAreRequired) {
  Case c = NewCase();
  ExternalRecommendation r = kBkn;
  r.issuer = Issuer::kUnspecified;
  EXPECT_THAT(OpenFollowUp(Ctx(), c, r, std::nullopt),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("issuer")));
  r = kBkn;
  r.number.clear();
  EXPECT_THAT(OpenFollowUp(Ctx(), c, r, std::nullopt),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("number")));
  r = kBkn;
  r.issued_on = c.received_on + 1;
  EXPECT_THAT(OpenFollowUp(Ctx(), c, r, std::nullopt),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("recommendation.issued_on")));
}

TEST(FollowUp, OverdueTheDayAfterTheDueDayThenBlockingAfterTheGrace_PeraturanBkn1Of2023) {
  Case c = Filed();
  // Due 29 May: nothing is due on that day itself.
  EXPECT_THAT(Escalate(Ctx(), c, D(2026, 5, 29)), StatusIs(absl::StatusCode::kFailedPrecondition));
  c = Must(Escalate(Ctx(), std::move(c), D(2026, 5, 30)));
  EXPECT_EQ(c.follow_up->state, FollowUpState::kOverdue);
  EXPECT_EQ(c.follow_up->overdue_on, D(2026, 5, 30));
  // A repeated run changes nothing.
  EXPECT_THAT(Escalate(Ctx(), c, D(2026, 5, 30)), StatusIs(absl::StatusCode::kFailedPrecondition));
  // Grace of 5 working days after 29 May: 1 June is a holiday (Pancasila),
  // so 2, 3, 4, 5 and 8 June; blocking is requested from 9 June.
  EXPECT_THAT(Escalate(Ctx(), c, D(2026, 6, 8)), StatusIs(absl::StatusCode::kFailedPrecondition));
  c = Must(Escalate(Ctx(), std::move(c), D(2026, 6, 9)));
  EXPECT_EQ(c.follow_up->state, FollowUpState::kBlockingRequested);
  EXPECT_EQ(c.follow_up->blocking_requested_on, D(2026, 6, 9));
  EXPECT_THAT(Escalate(Ctx(), c, D(2026, 12, 31)), StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST(FollowUp, OneStepPerRunEvenWhenBothAreLongDue) {
  Case c = Filed();
  c = Must(Escalate(Ctx(), std::move(c), D(2026, 7, 1)));
  EXPECT_EQ(c.follow_up->state, FollowUpState::kOverdue);
  c = Must(Escalate(Ctx(), std::move(c), D(2026, 7, 1)));
  EXPECT_EQ(c.follow_up->state, FollowUpState::kBlockingRequested);
}

TEST(FollowUp, TheDecisionEndsItAndLiftsTheBlocking) {
  Case c = RecommendedOn({kEthicsFinding});
  c = Must(Escalate(Ctx(), std::move(c), D(2026, 6, 1)));
  c = Must(Escalate(Ctx(), std::move(c), D(2026, 6, 10)));
  ASSERT_EQ(c.follow_up->state, FollowUpState::kBlockingRequested);
  DecideCommand d = Decide(MoralSanction::kPernyataanTertutup);
  d.decided_on = D(2026, 6, 11);
  c = Must(DecideSanction(Ctx(), std::move(c), d));
  EXPECT_EQ(c.follow_up->state, FollowUpState::kDone);
  EXPECT_EQ(c.follow_up->done_on, D(2026, 6, 11));
  EXPECT_EQ(c.follow_up->blocking_lifted_on, D(2026, 6, 11));
  for (const Deadline& dl : c.open_deadlines) EXPECT_NE(dl.what, "ppk_follow_up");
  EXPECT_THAT(Escalate(Ctx(), c, D(2026, 12, 31)), StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST(FollowUp, ARejectionOrATerminationEndsItToo) {
  Case rejected = Must(
      DecideSanction(Ctx(), RecommendedOn({kEthicsFinding}),
                     {DecisionOutcome::kReject, Punishment::kUnspecified, "", D(2026, 5, 27), "bukti tidak cukup"}));
  EXPECT_EQ(rejected.follow_up->state, FollowUpState::kDone);
  EXPECT_FALSE(rejected.follow_up->blocking_lifted_on.has_value());
  Case ended =
      Must(CloseCase(Ctx(), Filed(), {"pegawai meninggal dunia", true, D(2026, 5, 20), TerminationReason::kDied}));
  EXPECT_EQ(ended.follow_up->state, FollowUpState::kDone);
  EXPECT_TRUE(ended.open_deadlines.empty());
}

TEST(EthicsTrack, AllEthicsFindingsGoOnToAMoralSanctionByThePpk_PP42Of2004Pasal15) {
  Case c = RecommendedOn({kEthicsFinding});
  ASSERT_EQ(c.state, CaseState::kRecommended);
  EXPECT_EQ(c.recommendation->tracks, std::vector<Track>{Track::kEthics});
  EXPECT_EQ(c.recommendation->assessment.track, Track::kEthics);
  EXPECT_EQ(c.recommendation->authority.role, AuthorityRole::kPpk);
  EXPECT_THAT(DecideSanction(Ctx(), c, Decide(MoralSanction::kUnspecified)),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("moral_sanction")));
  EXPECT_THAT(DecideSanction(Ctx(), c, Decide(MoralSanction::kPernyataanTerbuka, Punishment::kTeguranLisan)),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("punishment")));
  DecideCommand modify = Decide(MoralSanction::kPernyataanTerbuka);
  modify.outcome = DecisionOutcome::kModify;
  modify.reason = "lain";
  EXPECT_THAT(DecideSanction(Ctx(), c, modify), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("outcome")));
  const Case decided = Must(DecideSanction(Ctx(), c, Decide(MoralSanction::kPernyataanTerbuka)));
  EXPECT_EQ(decided.state, CaseState::kDecided);
  EXPECT_EQ(decided.decision->moral_sanction, MoralSanction::kPernyataanTerbuka);
  EXPECT_EQ(decided.decision->punishment, Punishment::kUnspecified);
  // Not a hukuman disiplin: no PP 79/2021 remedy, nothing in the record of
  // punishments.
  EXPECT_EQ(decided.decision->remedy, Remedy::kNone);
  EXPECT_FALSE(EffectivePunishment(decided).has_value());
}

TEST(EthicsTrack, MixedFindingsKeepBothTracks) {
  Case c = RecommendedOn({kEthicsFinding, kDisciplineFinding});
  EXPECT_EQ(c.recommendation->tracks, (std::vector<Track>{Track::kDiscipline, Track::kEthics}));
  // SKB2022.5 for a calon is PP 94/2021 Pasal 5 huruf n angka 2: sedang.
  EXPECT_EQ(c.recommendation->assessment.level, SanctionLevel::kSedang);
  EXPECT_THAT(DecideSanction(Ctx(), c, Decide(MoralSanction::kUnspecified, Punishment::kPenundaanKgb1Tahun)),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("moral_sanction")));
  EXPECT_THAT(DecideSanction(Ctx(), c, Decide(MoralSanction::kPernyataanTertutup)),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("punishment")));
  const Case decided =
      Must(DecideSanction(Ctx(), c, Decide(MoralSanction::kPernyataanTertutup, Punishment::kPenundaanKgb1Tahun)));
  EXPECT_EQ(decided.decision->punishment, Punishment::kPenundaanKgb1Tahun);
  EXPECT_EQ(decided.decision->moral_sanction, MoralSanction::kPernyataanTertutup);
  EXPECT_EQ(EffectivePunishment(decided), Punishment::kPenundaanKgb1Tahun);
}

TEST(EthicsTrack, DisciplineOnlyNeedsNoMoralSanctionAndRefusesOne) {
  Case c = RecommendedOn({kDisciplineFinding});
  EXPECT_EQ(c.recommendation->tracks, std::vector<Track>{Track::kDiscipline});
  EXPECT_THAT(DecideSanction(Ctx(), c, Decide(MoralSanction::kPernyataanTertutup, Punishment::kPenundaanKgb1Tahun)),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("moral_sanction")));
  EXPECT_TRUE(DecideSanction(Ctx(), c, Decide(MoralSanction::kUnspecified, Punishment::kPenundaanKgb1Tahun)).ok());
}

TEST(DismissalTrack, PartyMembershipEndsInTheDismissalUnderTheAsnLawWithBanding) {
  Case c = RecommendedOn({kPartyMembership});
  EXPECT_EQ(c.recommendation->tracks, std::vector<Track>{Track::kDismissal});
  EXPECT_EQ(c.recommendation->authority.role, AuthorityRole::kPpk);
  const Case decided = Must(DecideSanction(Ctx(), c, Decide(MoralSanction::kUnspecified)));
  EXPECT_TRUE(decided.decision->dismissal);
  EXPECT_EQ(decided.decision->punishment, Punishment::kUnspecified);
  EXPECT_EQ(decided.decision->remedy, Remedy::kBandingAdministratif);
  EXPECT_EQ(decided.follow_up->state, FollowUpState::kDone);
}

TEST(EthicsTrack, TheEthicsCouncilsSummonsFollowsItsOwnConfiguredNotice) {
  auto book = config::ParseRuleBook(config::BuiltinRulesText());
  LegalSettings settings;
  settings.ethics_summons_notice_working_days = 10;
  auto engine = RulesEngine::Create(*book, settings);
  ASSERT_TRUE(engine.ok());
  const MachineContext ctx{*engine, BuiltinRules().calendar};
  // Issued Monday 11 May 2026: 7 working days (the PP 94 rule) is 22 May;
  // 10 is 29 May (not counted: 14 May Ascension, 15 May cuti bersama, 27 May
  // Eid al-Adha, 28 May cuti bersama; SKB 1497/2025).
  EXPECT_THAT(IssueSummons(ctx, Filed(), {D(2026, 5, 11), D(2026, 5, 22)}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("Majelis Kode Etik")));
  EXPECT_THAT(IssueSummons(ctx, Filed(), {D(2026, 5, 11), D(2026, 5, 28)}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("2026-05-29")));
  auto summoned = IssueSummons(ctx, Filed(), {D(2026, 5, 11), D(2026, 5, 29)});
  ASSERT_TRUE(summoned.ok()) << summoned.status();
  EXPECT_THAT(summoned->open_deadlines.back().legal_basis, HasSubstr("PP 42/2004"));
  // A discipline allegation keeps PP 94/2021 Pasal 26 ayat (2).
  Case mixed = Filed();
  mixed.allegations.push_back({.provision_id = "PP94.4.f", .absence_days = 12});
  EXPECT_TRUE(IssueSummons(ctx, mixed, {D(2026, 5, 11), D(2026, 5, 22)}).ok());
}

}  // namespace neutrality

}  // namespace
}  // namespace discipline::domain
