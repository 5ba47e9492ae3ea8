// e2e (security): the safe edges of authority, through the real server with
// real signed tokens (api.md, third stage, "Safe edges").
//
// - Examiners are named before they act: an examiner the summons does not
//   name may not record the examination, even with his own NIP in
//   examiner_nips; the case is unchanged; the named examiner records it.
// - Separation of duties: a termination and an annulment are requested by
//   one person and carried out only when the agency's PPK, another person,
//   confirms; each step is in the case's history.
// - A keberatan's deciding official comes from the personnel data, not from
//   a name typed in.

#include <grpcpp/client_context.h>

#include "asn/discipline/v1/cases.grpc.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/case_e2e.h"

namespace discipline {
namespace {

namespace pb = ::asn::discipline::v1;
using grpc::StatusCode;
using ::testing::HasSubstr;

constexpr char kAgency[] = "KOTA-CONTOH";
constexpr char kAndi[] = "199006052015031005";           // pelaksana
constexpr char kNamedExaminer[] = "197802142003121003";  // Agus Prasetyo
constexpr char kOtherExaminer[] = "197905052004012005";  // Maya Anggraini
constexpr char kOperator[] = "199208222019032003";       // Dewi Lestari

class AuthzE2eTest : public ::discipline::testing::CaseE2eTest {
 protected:
  std::unique_ptr<grpc::ClientContext> As(const std::string& nip, const std::vector<std::string>& roles) {
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(20)));
    ::discipline::testing::AddToken(*ctx, nip, kAgency, roles);
    return ctx;
  }
  pb::Case Filed(const std::string& prefix, int absence_days = 5) {
    pb::FileCaseRequest file;
    file.set_request_id(prefix + "-file");
    file.set_agency_code(kAgency);
    file.set_employee_nip(kAndi);
    file.set_source(pb::SOURCE_APIP);
    auto* a = file.add_allegations();
    a->set_provision_id("PP94.4.f");
    a->set_absence_days(absence_days);
    file.set_received_on("2026-10-01");
    return Must(&pb::CaseService::Stub::FileCase, file);
  }
  // Summoned on 1 Oct 2026 for 12 Oct (the 7th working day), naming
  // kNamedExaminer.
  pb::Case Summoned(const std::string& prefix, int absence_days = 5) {
    auto summons = Change<pb::IssueSummonsRequest>(Filed(prefix, absence_days), prefix + "-summons");
    summons.set_issued_on("2026-10-01");
    summons.set_examination_on("2026-10-12");
    summons.add_examiner_nips(kNamedExaminer);
    return Must(&pb::CaseService::Stub::IssueSummons, summons);
  }
  pb::RecordExaminationRequest Examination(const pb::Case& c, const std::string& rid, const std::string& examiner,
                                           int absence_days = 5) {
    auto exam = Change<pb::RecordExaminationRequest>(c, rid);
    exam.set_examined_on("2026-10-12");
    exam.set_attended(true);
    auto* f = exam.add_findings();
    f->set_provision_id("PP94.4.f");
    f->set_proven(true);
    f->set_absence_days(absence_days);
    exam.set_bap_document_id(bap_);
    exam.add_examiner_nips(examiner);
    return exam;
  }
  pb::Case Get(const std::string& case_id) {
    pb::GetCaseRequest r;
    r.set_case_id(case_id);
    pb::Case out;
    EXPECT_TRUE(cases_->GetCase(Ctx().get(), r, &out).ok());
    return out;
  }
  std::vector<std::string> Actions(const std::string& case_id) {
    pb::GetCaseHistoryRequest r;
    r.set_case_id(case_id);
    pb::GetCaseHistoryResponse history;
    EXPECT_TRUE(audit_->GetCaseHistory(Ctx().get(), r, &history).ok());
    std::vector<std::string> out;
    for (const auto& e : history.events()) out.push_back(e.action());
    return out;
  }
  // 17 days' absence: a 12-month tukin cut (PP 94/2021 Pasal 10) decided by
  // the mayor (the PPK), delivered, under keberatan.
  pb::Case UnderKeberatan(const std::string& prefix) {
    pb::Case c = Summoned(prefix, 17);
    bap_ = UploadBap().document_id();
    c = Must(&pb::CaseService::Stub::RecordExamination, Examination(c, prefix + "-exam", kNamedExaminer, 17));
    auto rec = Change<pb::RecommendSanctionRequest>(c, prefix + "-rec");
    rec.set_recommended_on("2026-10-13");
    c = Must(&pb::CaseService::Stub::RecommendSanction, rec);
    auto decide = Change<pb::DecideSanctionRequest>(c, prefix + "-decide");
    decide.set_outcome(pb::DECISION_OUTCOME_APPROVE);
    decide.set_decision_number("800/1/2026");
    decide.set_decided_on("2026-10-14");
    c = Must(&pb::CaseService::Stub::DecideSanction, decide);
    EXPECT_EQ(c.decision().remedy(), pb::REMEDY_KEBERATAN);
    auto deliver = Change<pb::RecordDeliveryRequest>(c, prefix + "-deliver");
    deliver.set_delivered_on("2026-10-15");
    c = Must(&pb::CaseService::Stub::RecordDelivery, deliver);
    auto remedy = Change<pb::FileRemedyRequest>(c, prefix + "-remedy");
    remedy.set_kind(pb::REMEDY_KEBERATAN);
    remedy.set_filed_on("2026-10-16");
    return Must(&pb::CaseService::Stub::FileRemedy, remedy);
  }
  std::string bap_;
};

// api.md "Safe edges": RecordExamination by an examiner not named is
// PERMISSION_DENIED, whatever the request names; the case is unchanged.
TEST_F(AuthzE2eTest, AnExaminerNotNamedByTheSummonsCannotSelfAssign) {
  const pb::Case summoned = Summoned("self");
  ASSERT_EQ(summoned.summonses_size(), 1);
  EXPECT_THAT(summoned.summonses(0).examiner_nips(), ::testing::ElementsAre(kNamedExaminer));
  bap_ = UploadBap().document_id();

  pb::Case out;
  grpc::Status s = cases_->RecordExamination(As(kOtherExaminer, {"examiner"}).get(),
                                             Examination(summoned, "self-exam-1", kOtherExaminer), &out);
  EXPECT_EQ(s.error_code(), StatusCode::PERMISSION_DENIED) << s.error_message();
  // Naming the named examiner beside himself is no better.
  auto both = Examination(summoned, "self-exam-2", kOtherExaminer);
  both.add_examiner_nips(kNamedExaminer);
  s = cases_->RecordExamination(As(kOtherExaminer, {"examiner"}).get(), both, &out);
  EXPECT_EQ(s.error_code(), StatusCode::PERMISSION_DENIED) << s.error_message();

  const pb::Case unchanged = Get(summoned.case_id());
  EXPECT_EQ(unchanged.state(), pb::CASE_STATE_SUMMONED);
  EXPECT_EQ(unchanged.version(), summoned.version());
  EXPECT_FALSE(unchanged.has_examination());
  EXPECT_THAT(Actions(summoned.case_id()), ::testing::Not(::testing::Contains("RecordExamination")));

  // The named examiner records it, and may add a team member.
  auto named = Examination(summoned, "self-exam-3", kNamedExaminer);
  named.add_examination_team_nips(kOtherExaminer);
  s = cases_->RecordExamination(As(kNamedExaminer, {"examiner"}).get(), named, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.state(), pb::CASE_STATE_EXAMINED);
  EXPECT_THAT(out.examination_team_nips(), ::testing::ElementsAre(kOtherExaminer));
}

// A malformed NIP named at the summons is INVALID_ARGUMENT naming the field.
TEST_F(AuthzE2eTest, TheSummonsChecksTheNipsItNames) {
  auto summons = Change<pb::IssueSummonsRequest>(Filed("nip"), "nip-summons");
  summons.set_issued_on("2026-10-01");
  summons.set_examination_on("2026-10-12");
  summons.add_examiner_nips("1978-02-14");
  pb::Case out;
  const grpc::Status s = Call(&pb::CaseService::Stub::IssueSummons, summons, &out);
  EXPECT_EQ(s.error_code(), StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("examiner_nips"));
}

// Separation of duties: an operator's termination waits; the operator
// cannot confirm it himself; the PPK's office does, and the case is
// terminated with its reason. Every step is in the history.
TEST_F(AuthzE2eTest, ATerminationIsCarriedOutOnlyWhenThePpkConfirms) {
  const pb::Case filed = Filed("term");
  auto close = Change<pb::CloseCaseRequest>(filed, "term-close-1");
  close.set_reason("Pegawai meninggal dunia");
  close.set_terminated(true);
  pb::Case out;
  grpc::Status s = cases_->CloseCase(As(kOperator, {"operator"}).get(), close, &out);
  EXPECT_EQ(s.error_code(), StatusCode::INVALID_ARGUMENT) << "a termination names its reason code";
  close.set_request_id("term-close-2");
  close.set_termination_reason(pb::TERMINATION_REASON_DIED);
  s = cases_->CloseCase(As(kOperator, {"operator", "ppk"}).get(), close, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.state(), pb::CASE_STATE_RECEIVED);
  EXPECT_EQ(out.pending_action().kind(), pb::CASE_ACTION_KIND_TERMINATE);
  EXPECT_EQ(out.pending_action().requested_by(), kOperator);

  auto confirm = Change<pb::ConfirmCaseActionRequest>(out, "term-confirm-1");
  confirm.set_kind(pb::CASE_ACTION_KIND_TERMINATE);
  // Not the requester, even holding the ppk role; not an operator.
  pb::Case refused;
  EXPECT_EQ(cases_->ConfirmCaseAction(As(kOperator, {"operator", "ppk"}).get(), confirm, &refused).error_code(),
            StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(cases_->ConfirmCaseAction(As("198503012010011010", {"operator"}).get(), confirm, &refused).error_code(),
            StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Get(filed.case_id()).state(), pb::CASE_STATE_RECEIVED);

  s = cases_->ConfirmCaseAction(As("", {"ppk"}).get(), confirm, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.state(), pb::CASE_STATE_TERMINATED);
  EXPECT_EQ(out.termination_reason(), pb::TERMINATION_REASON_DIED);
  EXPECT_FALSE(out.has_pending_action());
  EXPECT_THAT(Actions(filed.case_id()), ::testing::ElementsAre("FileCase", "CloseCase", "ConfirmCaseAction"));
}

// Separation of duties for an annulment, and the keberatan's official from
// the personnel data: a free-text name is refused, an unknown NIP too; the
// superior by NIP is resolved; the annulment waits for the PPK.
TEST_F(AuthzE2eTest, AnAnnulmentWaitsForThePpkAndItsOfficialIsFromThePersonnelData) {
  const pb::Case under = UnderKeberatan("annul");
  ASSERT_EQ(under.state(), pb::CASE_STATE_UNDER_REMEDY);
  auto remedy = Change<pb::DecideRemedyRequest>(under, "annul-1");
  remedy.set_outcome(pb::REMEDY_OUTCOME_ANNULLED);
  remedy.set_annulment_reason(pb::ANNULMENT_REASON_PROCEDURAL_DEFECT);
  remedy.set_decision_number("800/KEB/9/2026");
  remedy.set_decided_on("2026-10-20");
  remedy.mutable_decided_by()->set_name("Siapa Saja");
  pb::Case out;
  grpc::Status s = cases_->DecideRemedy(As(kOperator, {"operator"}).get(), remedy, &out);
  EXPECT_EQ(s.error_code(), StatusCode::INVALID_ARGUMENT) << s.error_message();
  EXPECT_THAT(s.error_message(), HasSubstr("decided_by.nip"));
  remedy.set_request_id("annul-2");
  remedy.mutable_decided_by()->set_nip("199912312020121999");
  s = cases_->DecideRemedy(As(kOperator, {"operator"}).get(), remedy, &out);
  EXPECT_EQ(s.error_code(), StatusCode::INVALID_ARGUMENT) << s.error_message();
  // The mayor's superior, the governor: a PPK, resolved by the agency.
  remedy.set_request_id("annul-3");
  remedy.clear_decided_by();
  remedy.mutable_decided_by()->set_role(pb::AUTHORITY_ROLE_PPK);
  remedy.set_decided_by_agency_code("PROV-CONTOH");
  s = cases_->DecideRemedy(As(kOperator, {"operator"}).get(), remedy, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.state(), pb::CASE_STATE_UNDER_REMEDY);
  EXPECT_EQ(out.pending_action().kind(), pb::CASE_ACTION_KIND_ANNUL);
  EXPECT_EQ(out.pending_action().decided_by().name(), "Dr. H. Syamsul Bahri");
  EXPECT_EQ(out.pending_action().decided_by().title(), "Gubernur Contoh");
  EXPECT_FALSE(out.has_remedy_decision());

  auto confirm = Change<pb::ConfirmCaseActionRequest>(out, "annul-confirm");
  confirm.set_kind(pb::CASE_ACTION_KIND_ANNUL);
  pb::Case refused;
  EXPECT_EQ(cases_->ConfirmCaseAction(As(kOperator, {"ppk"}).get(), confirm, &refused).error_code(),
            StatusCode::PERMISSION_DENIED);
  s = cases_->ConfirmCaseAction(As("", {"ppk"}).get(), confirm, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.state(), pb::CASE_STATE_CLOSED);
  EXPECT_EQ(out.remedy_decision().outcome(), pb::REMEDY_OUTCOME_ANNULLED);
  EXPECT_EQ(out.remedy_decision().annulment_reason(), pb::ANNULMENT_REASON_PROCEDURAL_DEFECT);
  EXPECT_EQ(out.effective_punishment(), pb::PUNISHMENT_UNSPECIFIED);
}

}  // namespace
}  // namespace discipline
