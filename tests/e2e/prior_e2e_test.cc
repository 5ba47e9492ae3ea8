// e2e: the law as practised on the case side, through the real server (real
// MariaDB, real demo SIMPEG), law reference §2.5a:
// - a punishment imposed outside the service, entered with
//   CaseService.AddPriorPunishment, counts for the repeat-offence rule of the
//   case and of the employee's later cases: the recommendation offers only
//   types heavier than it;
// - a keberatan filed in its window suspends the effective date, and the
//   remedy decision sets it (PP 79/2021; Peraturan BKN 6/2022 Pasal 50).

#include <grpcpp/client_context.h>

#include "asn/discipline/v1/audit.grpc.pb.h"
#include "asn/discipline/v1/cases.grpc.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/case_e2e.h"

namespace discipline {
namespace {

namespace pb = ::asn::discipline::v1;
using ::testing::HasSubstr;

// Andi Saputra, pelaksana of KOTA-CONTOH (the demo's personnel).
constexpr char kAndi[] = "199006052015031005";

class PriorE2eTest : public ::discipline::testing::CaseE2eTest {
 protected:
  // A case of Andi alleging `finding` (which occurred on `occurred_on`),
  // summoned and examined with it proven (CaseE2eTest::SummonedAndExamined).
  pb::Case ExaminedOn(const std::string& prefix, const pb::Finding& finding, const std::string& occurred_on) {
    pb::FileCaseRequest file;
    file.set_request_id(prefix + "-file");
    file.set_agency_code(agency_);
    file.set_employee_nip(kAndi);
    file.set_source(pb::SOURCE_ATASAN_LANGSUNG);
    auto* a = file.add_allegations();
    a->set_provision_id(finding.provision_id());
    a->set_impact(finding.impact());
    a->set_absence_days(finding.absence_days());
    a->set_occurred_on(occurred_on);
    file.set_received_on("2026-10-01");
    return SummonedAndExamined(Must(&pb::CaseService::Stub::FileCase, file), prefix, finding, "198009092005012002",
                               /*team=*/false);
  }

  pb::Case Recommend(const pb::Case& c, const std::string& prefix) {
    auto rec = Change<pb::RecommendSanctionRequest>(c, prefix + "-rec");
    rec.set_recommended_on("2026-10-13");
    return Must(&pb::CaseService::Stub::RecommendSanction, rec);
  }
};

pb::Finding Proven(const std::string& provision, pb::Impact impact, int absence_days = 0) {
  pb::Finding f;
  f.set_provision_id(provision);
  f.set_proven(true);
  f.set_impact(impact);
  f.set_absence_days(absence_days);
  return f;
}

// A written reprimand (teguran tertulis) of 2025 for PP 94/2021 Pasal 3
// huruf d, imposed before the service was installed.
pb::PriorPunishment WrittenReprimand2025() {
  pb::PriorPunishment p;
  p.set_punishment(pb::PUNISHMENT_TEGURAN_TERTULIS);
  p.set_provision_id("PP94.3.d");
  p.set_decision_number("800.1.6.3/017/BKPSDM/2025");
  p.set_decided_on("2025-06-02");
  p.set_effective_on("2025-06-23");
  p.set_source(pb::PRIOR_SOURCE_MANUAL);
  return p;
}

// The options lighter than or equal to the written reprimand: none may be
// offered after it (a repeat offence is punished more heavily, §2.5a).
void ExpectOnlyHeavierThanAWrittenReprimand(const pb::Case& c) {
  const pb::Assessment& a = c.recommendation().assessment();
  ASSERT_GT(a.options_size(), 0);
  for (const pb::SanctionOption& o : a.options()) {
    EXPECT_NE(o.punishment(), pb::PUNISHMENT_TEGURAN_LISAN);
    EXPECT_NE(o.punishment(), pb::PUNISHMENT_TEGURAN_TERTULIS);
  }
  EXPECT_NE(a.punishment(), pb::PUNISHMENT_TEGURAN_LISAN);
  EXPECT_NE(a.punishment(), pb::PUNISHMENT_TEGURAN_TERTULIS);
}

TEST_F(PriorE2eTest, APriorEnteredByHandMakesTheRecommendationHeavierForThisAndLaterCases) {
  // Without a prior, PP94.3.d at the unit's scope offers the ringan level
  // from the verbal reprimand up.
  const pb::Case plain =
      Recommend(ExaminedOn("plain", Proven("PP94.3.d", pb::IMPACT_UNIT_KERJA), "2026-09-01"), "plain");
  bool lisan = false;
  for (const auto& o : plain.recommendation().assessment().options()) {
    lisan |= o.punishment() == pb::PUNISHMENT_TEGURAN_LISAN;
  }
  EXPECT_TRUE(lisan) << plain.recommendation().assessment().DebugString();
  EXPECT_FALSE(plain.recommendation().has_counted_prior());

  const pb::Case examined = ExaminedOn("rep", Proven("PP94.3.d", pb::IMPACT_UNIT_KERJA), "2026-09-14");
  auto add = Change<pb::AddPriorPunishmentRequest>(examined, "rep-prior");
  *add.mutable_prior() = WrittenReprimand2025();

  // Only an operator enters it.
  roles_ = {"examiner"};
  pb::Case out;
  EXPECT_EQ(Call(&pb::CaseService::Stub::AddPriorPunishment, add, &out).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  roles_ = {"operator", "ppk"};
  // Validated: the prior names the PP 94/2021 provision, not a form.
  auto bad = add;
  bad.set_request_id("rep-prior-bad");
  bad.mutable_prior()->set_provision_id("SKB2022.1");
  grpc::Status refused = Call(&pb::CaseService::Stub::AddPriorPunishment, bad, &out);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(refused.error_message(), HasSubstr("prior.provision_id"));

  const pb::Case with_prior = Must(&pb::CaseService::Stub::AddPriorPunishment, add);
  EXPECT_EQ(with_prior.version(), examined.version() + 1);
  EXPECT_EQ(with_prior.state(), pb::CASE_STATE_EXAMINED);
  ASSERT_EQ(with_prior.prior_punishments_size(), 1);
  EXPECT_EQ(with_prior.prior_punishments(0).decision_number(), "800.1.6.3/017/BKPSDM/2025");
  EXPECT_EQ(with_prior.prior_punishments(0).source(), pb::PRIOR_SOURCE_MANUAL);
  EXPECT_EQ(with_prior.prior_punishments(0).effective_on(), "2025-06-23");
  // A retry returns the first result; the change is an audit event.
  const pb::Case again = Must(&pb::CaseService::Stub::AddPriorPunishment, add);
  EXPECT_EQ(again.version(), with_prior.version());
  EXPECT_EQ(again.prior_punishments_size(), 1);
  pb::GetCaseHistoryRequest hreq;
  hreq.set_case_id(with_prior.case_id());
  pb::GetCaseHistoryResponse history;
  {
    auto ctx = Ctx();
    ASSERT_TRUE(audit_->GetCaseHistory(ctx.get(), hreq, &history).ok());
  }
  ASSERT_GT(history.events_size(), 0);
  EXPECT_EQ(history.events(history.events_size() - 1).action(), "AddPriorPunishment");
  EXPECT_THAT(history.events(history.events_size() - 1).payload_json(), HasSubstr("800.1.6.3/017/BKPSDM/2025"));

  const pb::Case rec = Recommend(with_prior, "rep");
  ExpectOnlyHeavierThanAWrittenReprimand(rec);
  // The recommendation names the SK it counted.
  EXPECT_EQ(rec.recommendation().counted_prior().decision_number(), "800.1.6.3/017/BKPSDM/2025");
  EXPECT_EQ(rec.recommendation().counted_prior().case_id(), "") << "recorded outside the service";
  EXPECT_EQ(rec.recommendation().counted_prior().imposed_on(), "2025-06-02");

  // The prior is the employee's: a later case of the same nature counts it
  // too, without entering it again.
  const pb::Case later =
      Recommend(ExaminedOn("later", Proven("PP94.3.d", pb::IMPACT_UNIT_KERJA), "2026-09-21"), "later");
  EXPECT_EQ(later.prior_punishments_size(), 0);
  ExpectOnlyHeavierThanAWrittenReprimand(later);
}

// Reference §2.5a "Remedy and the effective date": a keberatan filed in its
// window suspends the effective date; upheld, the punishment takes effect
// by the rule of effect after delivery (the 15th working day, Peraturan BKN
// 6/2022 Pasal 50 ayat (1)) counted from the remedy decision.
TEST_F(PriorE2eTest, AKeberatanBlanksTheEffectiveDateAndTheUpheldDecisionSetsIt) {
  // 17 days' absence: the rank demotion for 1 year in place of the 12-month
  // tukin cut (PP 94/2021 Pasal 10; law reference 2.5a, KMK 5/KMK.01/2022),
  // the mayor's, keberatan open against it.
  const pb::Case rec =
      Recommend(ExaminedOn("eff", Proven("PP94.4.f", pb::IMPACT_UNSPECIFIED, 17), "2026-09-30"), "eff");
  auto decide = Change<pb::DecideSanctionRequest>(rec, "eff-decide");
  decide.set_outcome(pb::DECISION_OUTCOME_APPROVE);
  decide.set_decision_number("800.1.6.3/101/BKPSDM/2026");
  decide.set_decided_on("2026-10-14");
  const pb::Case decided = Must(&pb::CaseService::Stub::DecideSanction, decide);
  ASSERT_EQ(decided.decision().remedy(), pb::REMEDY_KEBERATAN);

  auto deliver = Change<pb::RecordDeliveryRequest>(decided, "eff-deliver");
  deliver.set_delivered_on("2026-10-15");
  const pb::Case delivered = Must(&pb::CaseService::Stub::RecordDelivery, deliver);
  // Thu 15 Oct 2026 + 15 working days.
  EXPECT_EQ(delivered.effective_on(), "2026-11-05");

  auto file = Change<pb::FileRemedyRequest>(delivered, "eff-keberatan");
  file.set_kind(pb::REMEDY_KEBERATAN);
  file.set_filed_on("2026-10-16");
  const pb::Case under = Must(&pb::CaseService::Stub::FileRemedy, file);
  EXPECT_EQ(under.state(), pb::CASE_STATE_UNDER_REMEDY);
  EXPECT_EQ(under.effective_on(), "") << "no date on which nothing takes effect";
  pb::GetCaseRequest get;
  get.set_case_id(under.case_id());
  pb::Case read;
  {
    auto ctx = Ctx();
    ASSERT_TRUE(cases_->GetCase(ctx.get(), get, &read).ok());
  }
  EXPECT_EQ(read.effective_on(), "") << "as stored";

  auto remedy = Change<pb::DecideRemedyRequest>(under, "eff-upheld");
  remedy.set_outcome(pb::REMEDY_OUTCOME_UPHELD);
  remedy.set_decision_number("800/KEB/17/2026");
  remedy.set_decided_on("2026-11-02");
  // The keberatan's official from the personnel data: the PPK of the
  // province (the governor), above the mayor.
  remedy.mutable_decided_by()->set_role(pb::AUTHORITY_ROLE_PPK);
  remedy.set_decided_by_agency_code("PROV-CONTOH");
  const pb::Case ended = Must(&pb::CaseService::Stub::DecideRemedy, remedy);
  EXPECT_EQ(ended.state(), pb::CASE_STATE_CLOSED);
  EXPECT_EQ(ended.effective_punishment(), pb::PUNISHMENT_PENURUNAN_PANGKAT_1_TAHUN);
  // Mon 2 Nov 2026 + 15 working days.
  EXPECT_EQ(ended.effective_on(), "2026-11-23");
}

}  // namespace
}  // namespace discipline
