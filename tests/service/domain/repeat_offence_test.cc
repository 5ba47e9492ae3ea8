// unit: the repeat-offence rule on the case side (law reference §2.5a,
// "Repeat offence"): which earlier punishment counts, from this service's
// decided cases and from punishments recorded outside it, and the recording
// of such a punishment on a case (AddPriorPunishment).
//
// "PNS yang pernah dijatuhi Hukuman Disiplin, kemudian melakukan Pelanggaran
// Disiplin yang sifatnya sama, kepadanya dijatuhi jenis Hukuman Disiplin yang
// lebih berat dari Hukuman Disiplin terakhir yang pernah dijatuhkan
// kepadanya" (PP 94/2021 jo. Peraturan BKN 6/2022, article unverified): the
// LAST punishment of the same nature that is IN FORCE (delivered, not
// annulled, after any remedy), not the heaviest.

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/common/errors.h"
#include "service/domain/case_machine.h"
#include "tests/testing/rules.h"
#include "tests/testing/status_matchers.h"

namespace discipline::domain {
namespace {

using ::discipline::testing::BuiltinRules;
using ::discipline::testing::StatusIs;
using ::testing::Optional;

absl::CivilDay D(int y, int m, int d) { return absl::CivilDay(y, m, d); }

MachineContext Ctx() { return {BuiltinRules().engine, BuiltinRules().calendar}; }

// PP 94/2021 Pasal 3 huruf d at the unit's scope: ringan.
constexpr char kProvision[] = "PP94.3.d";

// An earlier case of the employee, decided by SK of `on` and delivered the
// day after, closed.
Case Earlier(const std::string& id, Punishment p, absl::CivilDay on, const std::string& provision = kProvision) {
  Case e;
  e.case_id = id;
  e.state = CaseState::kClosed;
  e.recommendation = Recommendation{};
  e.recommendation->assessment.resolved_provision_id = provision;
  e.decision =
      Decision{.outcome = DecisionOutcome::kApprove, .punishment = p, .decision_number = "SK-" + id, .decided_on = on};
  e.delivered_on = on + 1;
  return e;
}

PriorPunishment Manual(Punishment p, absl::CivilDay on, const std::string& number,
                       const std::string& provision = kProvision) {
  return {.punishment = p,
          .provision_id = provision,
          .decision_number = number,
          .decided_on = on,
          .source = PriorSource::kManual};
}

// The current case, examined with PP94.3.d proven at the unit's scope.
Case Examined() {
  Case c;
  c.case_id = "c1";
  c.agency_code = "KOTA-CONTOH";
  c.state = CaseState::kExamined;
  c.employee.nip = "199006052015031005";
  c.employee.position_kind = PositionKind::kPelaksana;
  c.employee.environment = Environment::kKabupatenKota;
  c.received_on = D(2026, 3, 2);
  c.allegations = {{.provision_id = kProvision, .impact = Impact::kUnitKerja}};
  c.summonses = {{1, D(2026, 3, 6), D(2026, 3, 16), true, false}};
  c.examination = Examination{D(2026, 3, 16),
                              true,
                              {{.provision_id = kProvision, .impact = Impact::kUnitKerja, .proven = true}},
                              "doc-bap-1",
                              {"198009092005012002"}};
  return c;
}

absl::StatusOr<Case> Recommend(std::vector<PriorCandidate> priors) {
  RecommendCommand cmd;
  cmd.recommended_on = D(2026, 3, 17);
  cmd.priors = std::move(priors);
  return RecommendSanction(Ctx(), Examined(), cmd);
}

// Every option offered is heavier than `prior` (and there is one).
void ExpectOnlyHeavierThan(const Case& c, Punishment prior) {
  const Assessment& a = c.recommendation->assessment;
  ASSERT_FALSE(a.options.empty());
  for (const SanctionOption& o : a.options) {
    EXPECT_GT(static_cast<int>(o.punishment), static_cast<int>(prior)) << Name(o.punishment);
  }
}

bool OffersTeguranLisan(const Case& c) {
  for (const SanctionOption& o : c.recommendation->assessment.options) {
    if (o.punishment == Punishment::kTeguranLisan) return true;
  }
  return false;
}

TEST(RepeatOffenceBaseline, WithoutAPriorTheWholeRinganLevelIsOffered) {
  auto r = Recommend({});
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(OffersTeguranLisan(*r));
}

// Reference §2.5a: punishments imposed before the service was installed, or
// by another agency, count; entered by hand with the SK.
TEST(RepeatOffence, AWrittenReprimandEnteredByHandCounts) {
  const auto candidates =
      PriorCandidates({}, {Manual(Punishment::kTeguranTertulis, D(2025, 8, 4), "800/1/2025")}, "c1");
  const auto last = LastPriorInForce(candidates, kProvision);
  ASSERT_TRUE(last.has_value());
  EXPECT_EQ(last->punishment, Punishment::kTeguranTertulis);
  EXPECT_EQ(last->case_id, "") << "recorded outside the service";
  auto r = Recommend(candidates);
  ASSERT_TRUE(r.ok()) << r.status();
  ExpectOnlyHeavierThan(*r, Punishment::kTeguranTertulis);
  // The recommendation shows the SK it counted.
  ASSERT_TRUE(r->recommendation->counted_prior.has_value());
  EXPECT_EQ(r->recommendation->counted_prior->decision_number, "800/1/2025");
  // Another provision is another nature: it does not count.
  EXPECT_FALSE(LastPriorInForce(candidates, "PP94.3.e").has_value());
}

// Reference §2.5a: "not annulled".
TEST(RepeatOffence, AnAnnulledPunishmentIsNoRepeat) {
  Case annulled = Earlier("e1", Punishment::kTeguranTertulis, D(2025, 8, 4));
  annulled.remedy_decision = RemedyDecision{.outcome = RemedyOutcome::kAnnulled, .decided_on = D(2025, 9, 1)};
  const auto candidates = PriorCandidates({annulled}, {}, "c1");
  ASSERT_EQ(candidates.size(), 1u);
  EXPECT_EQ(candidates[0].standing, PriorStanding::kAnnulled);
  EXPECT_FALSE(LastPriorInForce(candidates, kProvision).has_value());
  auto r = Recommend(candidates);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(OffersTeguranLisan(*r)) << "no repeat offence";
  EXPECT_FALSE(r->recommendation->counted_prior.has_value());
  // The same SK read back from SIASN is the annulled case's, not a prior in
  // force of its own.
  const auto with_siasn = PriorCandidates({annulled},
                                          {{.punishment = Punishment::kTeguranTertulis,
                                            .provision_id = kProvision,
                                            .decision_number = "SK-e1",
                                            .decided_on = D(2025, 8, 4),
                                            .source = PriorSource::kSiasn}},
                                          "c1");
  EXPECT_FALSE(LastPriorInForce(with_siasn, kProvision).has_value());
}

// Reference §2.5a: "after any remedy": under a pending keberatan the
// punishment does not count yet.
TEST(RepeatOffence, APunishmentUnderKeberatanIsNotYetCounted) {
  Case under = Earlier("e1", Punishment::kTeguranTertulis, D(2025, 8, 4));
  under.state = CaseState::kUnderRemedy;
  under.remedy = Remedy::kKeberatan;
  under.remedy_filed_on = D(2025, 8, 11);
  const auto candidates = PriorCandidates({under}, {}, "c1");
  ASSERT_EQ(candidates.size(), 1u);
  EXPECT_EQ(candidates[0].standing, PriorStanding::kUnderRemedy);
  EXPECT_FALSE(LastPriorInForce(candidates, kProvision).has_value());
  auto r = Recommend(candidates);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(OffersTeguranLisan(*r));
}

// Reference §2.5a: "delivered": a decision not yet delivered does not count.
TEST(RepeatOffence, ADecisionNotYetDeliveredIsNotCounted) {
  Case decided = Earlier("e1", Punishment::kTeguranTertulis, D(2025, 8, 4));
  decided.state = CaseState::kDecided;
  decided.delivered_on.reset();
  const auto candidates = PriorCandidates({decided}, {}, "c1");
  ASSERT_EQ(candidates.size(), 1u);
  EXPECT_EQ(candidates[0].standing, PriorStanding::kNotDelivered);
  EXPECT_FALSE(LastPriorInForce(candidates, kProvision).has_value());
}

// Reference §2.5a: "terakhir": the last in force, not the heaviest.
TEST(RepeatOffence, OfTwoPriorsTheLastInForceCountsNotTheHeaviest) {
  // A statement of dissatisfaction in 2024 (this service), a verbal
  // reprimand in 2025 (entered by hand).
  const auto candidates = PriorCandidates({Earlier("e1", Punishment::kPernyataanTidakPuas, D(2024, 5, 6))},
                                          {Manual(Punishment::kTeguranLisan, D(2025, 8, 4), "800/2/2025")}, "c1");
  const auto last = LastPriorInForce(candidates, kProvision);
  ASSERT_TRUE(last.has_value());
  EXPECT_EQ(last->punishment, Punishment::kTeguranLisan);
  // A later one under keberatan does not displace the last in force.
  Case pending = Earlier("e2", Punishment::kTeguranTertulis, D(2026, 1, 5));
  pending.state = CaseState::kUnderRemedy;
  const auto with_pending = PriorCandidates({Earlier("e1", Punishment::kPernyataanTidakPuas, D(2024, 5, 6)), pending},
                                            {Manual(Punishment::kTeguranLisan, D(2025, 8, 4), "800/2/2025")}, "c1");
  EXPECT_THAT(LastPriorInForce(with_pending, kProvision),
              Optional(::testing::Field(&PriorCandidate::punishment, Punishment::kTeguranLisan)));
  auto r = Recommend(candidates);
  ASSERT_TRUE(r.ok()) << r.status();
  ExpectOnlyHeavierThan(*r, Punishment::kTeguranLisan);
}

// "Pernah dijatuhi Hukuman Disiplin, kemudian melakukan Pelanggaran
// Disiplin" (reference §2.5a): only a punishment imposed before the new
// violation occurred counts.
TEST(RepeatOffence, OnlyAPunishmentImposedBeforeTheViolationCounts) {
  const auto candidates =
      PriorCandidates({}, {Manual(Punishment::kTeguranTertulis, D(2026, 2, 2), "800/3/2026")}, "c1");
  EXPECT_FALSE(LastPriorInForce(candidates, kProvision, D(2026, 1, 15)).has_value());
  EXPECT_FALSE(LastPriorInForce(candidates, kProvision, D(2026, 2, 2)).has_value()) << "not the same day";
  EXPECT_TRUE(LastPriorInForce(candidates, kProvision, D(2026, 2, 3)).has_value());
  // Through the recommendation: the allegation names the day.
  Case c = Examined();
  c.allegations[0].occurred_on = D(2026, 1, 15);
  RecommendCommand cmd;
  cmd.recommended_on = D(2026, 3, 17);
  cmd.priors = candidates;
  auto r = RecommendSanction(Ctx(), c, cmd);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(OffersTeguranLisan(*r)) << "the SK of 2 Feb came after the violation of 15 Jan";
  EXPECT_FALSE(r->recommendation->counted_prior.has_value());
}

// ---- AddPriorPunishment (api.md, third stage) ----

TEST(AddPriorPunishment, RecordsThePriorOnTheOpenCase) {
  Case c = Examined();
  auto r = AddPriorPunishment(Ctx(), c, Manual(Punishment::kTeguranTertulis, D(2025, 8, 4), "800/1/2025"));
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->prior_punishments.size(), 1u);
  EXPECT_EQ(r->prior_punishments[0].decision_number, "800/1/2025");
  EXPECT_EQ(r->state, CaseState::kExamined) << "the case's step stays";
  // The same SK twice is refused.
  EXPECT_THAT(AddPriorPunishment(Ctx(), *r, Manual(Punishment::kTeguranTertulis, D(2025, 8, 4), "800/1/2025")),
              StatusIs(absl::StatusCode::kAlreadyExists));
  // A closed case takes no more.
  c.state = CaseState::kClosed;
  EXPECT_THAT(AddPriorPunishment(Ctx(), c, Manual(Punishment::kTeguranTertulis, D(2025, 8, 4), "800/1/2025")),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST(AddPriorPunishment, InvalidInputNamesTheField) {
  auto field = [](PriorPunishment p) {
    return FieldOf(AddPriorPunishment(Ctx(), Examined(), std::move(p)).status()).value_or("");
  };
  PriorPunishment p = Manual(Punishment::kTeguranTertulis, D(2025, 8, 4), "800/1/2025");
  p.punishment = Punishment::kUnspecified;
  EXPECT_EQ(field(p), "prior.punishment");
  p = Manual(Punishment::kTeguranTertulis, D(2025, 8, 4), "800/1/2025", "");
  EXPECT_EQ(field(p), "prior.provision_id");
  // "Sifatnya sama" is judged by the PP 94/2021 provision: not a neutrality
  // form, not an unknown id.
  p = Manual(Punishment::kTeguranTertulis, D(2025, 8, 4), "800/1/2025", "SKB2022.1");
  EXPECT_EQ(field(p), "prior.provision_id");
  p = Manual(Punishment::kTeguranTertulis, D(2025, 8, 4), "800/1/2025", "PP94.99.z");
  EXPECT_EQ(field(p), "prior.provision_id");
  p = Manual(Punishment::kTeguranTertulis, D(2025, 8, 4), "");
  EXPECT_EQ(field(p), "prior.decision_number");
  p = Manual(Punishment::kTeguranTertulis, D(2025, 8, 4), "800/1/2025");
  p.effective_on = D(2025, 8, 1);
  EXPECT_EQ(field(p), "prior.effective_on");
  p = Manual(Punishment::kTeguranTertulis, D(2025, 8, 4), "800/1/2025");
  p.source = PriorSource::kUnspecified;
  EXPECT_EQ(field(p), "prior.source");
}

}  // namespace
}  // namespace discipline::domain
