// e2e: who decides and how a remedy ends, through the real server (real
// MariaDB, real demo SIMPEG): the President's PDHTAPS of a JPT madya on the
// PPK's proposal (PP 94/2021, reference §1.2), and a keberatan decided
// (PP 79/2021) whose outcome is the punishment the employee's record keeps
// for a repeat offence.

#include <grpcpp/client_context.h>

#include "absl/time/clock.h"
#include "asn/discipline/v1/audit.grpc.pb.h"
#include "asn/discipline/v1/cases.grpc.pb.h"
#include "asn/discipline/v1/documents.grpc.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/case_e2e.h"
#include "tests/testing/server_process.h"
#include "tests/testing/test_db.h"

namespace discipline {
namespace {

namespace pb = ::asn::discipline::v1;
using ::discipline::testing::ServerProcess;
using ::discipline::testing::TestDatabase;

class DecisionE2eTest : public ::discipline::testing::CaseE2eTest {
 protected:
  // Files `finding` as an allegation, examines it as proven with an
  // examination team (CaseE2eTest::Examined), and recommends on 13 Oct.
  pb::Case Recommended(const std::string& prefix, const std::string& agency, const std::string& nip,
                       const pb::Finding& finding) {
    agency_ = agency;  // the calls are the agency's own
    pb::Case c = Examined(prefix, nip, finding, "197111201996032002", /*team=*/true);
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

// The demo's provincial secretary (JPT madya of PROV-CONTOH, NIP
// 196808151993031001), PP94.5.a: the governor may demote or release him,
// but his PDHTAPS is the President's, on the governor's proposal.
TEST_F(DecisionE2eTest, PdhtapsOfTheProvincialSecretaryIsThePresidentsOnTheGovernorsProposal) {
  const pb::Case rec =
      Recommended("pres", "PROV-CONTOH", "196808151993031001", Proven("PP94.5.a", pb::IMPACT_INSTANSI));
  ASSERT_EQ(rec.state(), pb::CASE_STATE_RECOMMENDED);
  ASSERT_EQ(rec.recommendation().officials_size(), 3);
  EXPECT_EQ(rec.recommendation().officials(0).official().role(), pb::AUTHORITY_ROLE_PPK);
  EXPECT_EQ(rec.recommendation().officials(0).official().title(), "Gubernur Contoh");
  EXPECT_EQ(rec.recommendation().officials(2).punishment(), pb::PUNISHMENT_PDHTAPS);
  EXPECT_EQ(rec.recommendation().officials(2).official().role(), pb::AUTHORITY_ROLE_PRESIDEN);
  EXPECT_EQ(rec.recommendation().officials(2).proposed_by().name(), "Dr. H. Syamsul Bahri");

  auto decide = Change<pb::DecideSanctionRequest>(rec, "pres-decide");
  decide.set_outcome(pb::DECISION_OUTCOME_MODIFY);
  decide.set_punishment(pb::PUNISHMENT_PDHTAPS);
  decide.set_decision_number("Keppres 31/TPA/2026");
  decide.set_decided_on("2026-10-20");
  decide.set_reason("Penyalahgunaan wewenang berdampak pada instansi");
  pb::Case refused;
  grpc::Status s = Call(&pb::CaseService::Stub::DecideSanction, decide, &refused);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), ::testing::HasSubstr("proposal_number"));

  decide.set_request_id("pres-decide-2");
  decide.set_proposal_number("800.1.6.4/USUL/PROV/2026");
  decide.set_proposed_on("2026-10-15");
  const pb::Case decided = Must(&pb::CaseService::Stub::DecideSanction, decide);
  EXPECT_EQ(decided.state(), pb::CASE_STATE_DECIDED);
  EXPECT_EQ(decided.decision().decided_by().role(), pb::AUTHORITY_ROLE_PRESIDEN);
  EXPECT_EQ(decided.decision().decision_number(), "Keppres 31/TPA/2026");
  EXPECT_EQ(decided.decision().proposal().proposed_by().role(), pb::AUTHORITY_ROLE_PPK);
  EXPECT_EQ(decided.decision().proposal().proposed_by().title(), "Gubernur Contoh");
  EXPECT_EQ(decided.decision().proposal().number(), "800.1.6.4/USUL/PROV/2026");
  // The President's decisions: the configured remedy (none by default).
  EXPECT_EQ(decided.decision().remedy(), pb::REMEDY_NONE);

  auto deliver = Change<pb::RecordDeliveryRequest>(decided, "pres-deliver");
  deliver.set_delivered_on("2026-10-21");
  const pb::Case delivered = Must(&pb::CaseService::Stub::RecordDelivery, deliver);
  EXPECT_EQ(delivered.open_deadlines_size(), 0) << "no remedy window against the President";
  auto remedy = Change<pb::FileRemedyRequest>(delivered, "pres-remedy");
  remedy.set_kind(pb::REMEDY_BANDING_ADMINISTRATIF);
  remedy.set_filed_on("2026-10-22");
  pb::Case out;
  EXPECT_EQ(Call(&pb::CaseService::Stub::FileRemedy, remedy, &out).error_code(), grpc::StatusCode::FAILED_PRECONDITION);
}

// Andi Saputra (pelaksana, KOTA-CONTOH): 17 days' absence is a 12-month
// tukin cut (PP 94/2021 Pasal 10), decided by the mayor; the keberatan
// reduces it to 6 months. A second attendance offence is banded by its own
// cumulative days only: the repeat rule is not applied on top of the count
// (reference §2.5a, "Repeat offence").
TEST_F(DecisionE2eTest, KeberatanModifiedClosesTheCaseAndIsWhatTheRecordKeeps) {
  const std::string andi = "199006052015031005";
  const pb::Case rec = Recommended("keb", "KOTA-CONTOH", andi, Proven("PP94.4.f", pb::IMPACT_UNSPECIFIED, 17));
  // 17-20 days: rank demotion in place of the 12-month cut (law reference 2.5a).
  ASSERT_EQ(rec.recommendation().assessment().punishment(), pb::PUNISHMENT_PENURUNAN_PANGKAT_1_TAHUN);
  auto decide = Change<pb::DecideSanctionRequest>(rec, "keb-decide");
  decide.set_outcome(pb::DECISION_OUTCOME_APPROVE);
  decide.set_decision_number("800.1.6.3/090/BKPSDM/2026");
  decide.set_decided_on("2026-10-14");
  const pb::Case decided = Must(&pb::CaseService::Stub::DecideSanction, decide);
  EXPECT_EQ(decided.decision().remedy(), pb::REMEDY_KEBERATAN);
  auto deliver = Change<pb::RecordDeliveryRequest>(decided, "keb-deliver");
  deliver.set_delivered_on("2026-10-15");
  const pb::Case delivered = Must(&pb::CaseService::Stub::RecordDelivery, deliver);
  auto file = Change<pb::FileRemedyRequest>(delivered, "keb-objection");
  file.set_kind(pb::REMEDY_KEBERATAN);
  file.set_filed_on("2026-10-16");
  const pb::Case under = Must(&pb::CaseService::Stub::FileRemedy, file);
  EXPECT_EQ(under.state(), pb::CASE_STATE_UNDER_REMEDY);
  ASSERT_EQ(under.open_deadlines_size(), 1);
  EXPECT_EQ(under.open_deadlines(0).what(), "remedy_decision");
  // The keberatan suspends the effective date (reference §2.5a).
  EXPECT_EQ(under.effective_on(), "");

  auto remedy = Change<pb::DecideRemedyRequest>(under, "keb-remedy");
  remedy.set_outcome(pb::REMEDY_OUTCOME_MODIFIED);
  remedy.set_punishment(pb::PUNISHMENT_TEGURAN_TERTULIS);  // ringan: not of the level
  remedy.set_decision_number("800/KEB/2026");
  remedy.set_decided_on("2026-11-02");
  remedy.set_reason("Ada alasan yang meringankan");
  // The governor, the mayor's superior: a PPK, resolved from the personnel
  // data by the agency (api.md "Safe edges": not a name typed in).
  remedy.mutable_decided_by()->set_role(pb::AUTHORITY_ROLE_PPK);
  remedy.set_decided_by_agency_code("PROV-CONTOH");
  pb::Case out;
  EXPECT_EQ(Call(&pb::CaseService::Stub::DecideRemedy, remedy, &out).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  remedy.set_request_id("keb-remedy-2");
  remedy.set_punishment(pb::PUNISHMENT_PENUNDAAN_KGB_1_TAHUN);
  const pb::Case ended = Must(&pb::CaseService::Stub::DecideRemedy, remedy);
  EXPECT_EQ(ended.state(), pb::CASE_STATE_CLOSED);
  EXPECT_EQ(ended.remedy_decision().outcome(), pb::REMEDY_OUTCOME_MODIFIED);
  EXPECT_EQ(ended.effective_punishment(), pb::PUNISHMENT_PENUNDAAN_KGB_1_TAHUN);
  // Counted from the remedy decision of Mon 2 Nov 2026: the 15th working day
  // after (Peraturan BKN 6/2022 Pasal 50 ayat (1); reference §2.5a).
  EXPECT_EQ(ended.effective_on(), "2026-11-23");
  EXPECT_EQ(ended.open_deadlines_size(), 0);

  pb::GetCaseHistoryRequest hreq;
  hreq.set_case_id(ended.case_id());
  pb::GetCaseHistoryResponse history;
  ASSERT_TRUE(audit_->GetCaseHistory(Ctx().get(), hreq, &history).ok());
  ASSERT_GT(history.events_size(), 0);
  EXPECT_EQ(history.events(history.events_size() - 1).action(), "DecideRemedy");
  EXPECT_EQ(history.events(history.events_size() - 1).to_state(), pb::CASE_STATE_CLOSED);
  pb::VerifyCaseHistoryRequest vreq;
  vreq.set_case_id(ended.case_id());
  pb::VerifyCaseHistoryResponse verified;
  ASSERT_TRUE(audit_->VerifyCaseHistory(Ctx().get(), vreq, &verified).ok());
  EXPECT_TRUE(verified.valid()) << verified.reason();

  // Law reference 2.5a: attendance bands by the year's cumulative days; the
  // repeat rule is not applied on top of the count, whatever the prior.
  const pb::Case again = Recommended("keb2", "KOTA-CONTOH", andi, Proven("PP94.4.f", pb::IMPACT_UNSPECIFIED, 12));
  EXPECT_EQ(again.recommendation().assessment().punishment(), pb::PUNISHMENT_PENUNDAAN_KGB_1_TAHUN);
}

}  // namespace
}  // namespace discipline
