// e2e: the case's other paths through the real server (api.md third stage):
// a second summons past the 7 working days of PP 94/2021 Pasal 26 ayat (3)
// reissued with its irregularity recorded, and an examination reopened
// (EXAMINED → SUMMONED) over the JSON gateway and recorded again by a team
// (PP 94/2021 ≈ Pasal 29, tim pemeriksa). Each step is an audited change.

#include <httplib.h>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/case_e2e.h"
#include "tests/testing/requests.h"

namespace discipline {
namespace {

namespace pb = ::asn::discipline::v1;
using ::testing::HasSubstr;

constexpr char kAndi[] = "199006052015031005";      // pelaksana of KOTA-CONTOH (demo data)
constexpr char kExaminer[] = "198009092005012002";  // the examiner the fixture names

class CasePathsE2eTest : public testing::CaseE2eTest {
 protected:
  CasePathsE2eTest() { with_http_ = true; }

  pb::Case Filed(const std::string& prefix, const std::string& nip = kAndi, const std::string& provision = "PP94.4.f") {
    pb::FileCaseRequest file;
    file.set_request_id(prefix + "-file");
    file.set_agency_code("KOTA-CONTOH");
    file.set_employee_nip(nip);
    file.set_source(pb::SOURCE_ATASAN_LANGSUNG);
    auto* a = file.add_allegations();
    a->set_provision_id(provision);
    if (provision == "PP94.4.f") a->set_absence_days(12);
    file.set_received_on("2026-10-01");
    return Must(&pb::CaseService::Stub::FileCase, file);
  }

  pb::AuditEvent LastEvent(const std::string& case_id) {
    pb::GetCaseHistoryRequest h;
    h.set_case_id(case_id);
    pb::GetCaseHistoryResponse history;
    grpc::Status s = audit_->GetCaseHistory(Ctx().get(), h, &history);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return history.events_size() > 0 ? history.events(history.events_size() - 1) : pb::AuditEvent();
  }
};

// PP 94/2021 Pasal 26 ayat (3): after the missed examination of Mon 12 Oct
// 2026 the second summons is due within 7 working days; on Mon 2 Nov
// IssueSummons refuses it. ReissueSummons issues it with the irregularity
// recorded, the new letter within 7 working days (Pasal 26 ayat (2)-(3)),
// and the case goes on to the examination.
TEST_F(CasePathsE2eTest, TheLateSecondSummonsIsReissuedWithItsIrregularity_Pasal26Ayat3) {
  pb::Case c = Filed("late");
  auto first = Change<pb::IssueSummonsRequest>(c, "late-summons");
  first.set_issued_on("2026-10-01");
  first.set_examination_on("2026-10-12");
  first.add_examiner_nips(kExaminer);
  c = Must(&pb::CaseService::Stub::IssueSummons, first);
  auto absent = Change<pb::RecordExaminationRequest>(c, "late-absent");
  absent.set_examined_on("2026-10-12");
  absent.set_attended(false);
  c = Must(&pb::CaseService::Stub::RecordExamination, absent);
  ASSERT_EQ(c.state(), pb::CASE_STATE_SUMMONED);
  ASSERT_TRUE(c.summonses(0).missed());

  pb::Case out;
  auto second = Change<pb::IssueSummonsRequest>(c, "late-second");
  second.set_issued_on("2026-11-02");
  second.set_examination_on("2026-11-05");
  second.add_examiner_nips(kExaminer);
  grpc::Status refused = Call(&pb::CaseService::Stub::IssueSummons, second, &out);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(refused.error_message(), HasSubstr("Pasal 26 ayat (3)"));

  auto reissue = Change<pb::ReissueSummonsRequest>(c, "late-reissue");
  reissue.set_issued_on("2026-11-02");
  reissue.set_examination_on("2026-11-05");
  reissue.add_examiner_nips(kExaminer);
  // The irregularity is required; an examiner may not reissue a summons.
  EXPECT_EQ(Call(&pb::CaseService::Stub::ReissueSummons, reissue, &out).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  reissue.set_irregularity("Surat panggilan kedua terlambat: melewati 7 hari kerja sejak pemeriksaan 12-10-2026.");
  roles_ = {"examiner"};
  EXPECT_EQ(Call(&pb::CaseService::Stub::ReissueSummons, reissue, &out).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  roles_ = {"operator", "ppk"};
  // The new letter too sets the examination within 7 working days (Mon 2 Nov
  // → Wed 11 Nov is the 7th; Thu 12 Nov the 8th).
  auto too_far = reissue;
  too_far.set_request_id("late-reissue-far");
  too_far.set_examination_on("2026-11-12");
  EXPECT_EQ(Call(&pb::CaseService::Stub::ReissueSummons, too_far, &out).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);

  const pb::Case reissued = Must(&pb::CaseService::Stub::ReissueSummons, reissue);
  EXPECT_EQ(reissued.state(), pb::CASE_STATE_SUMMONED);
  ASSERT_EQ(reissued.summonses_size(), 2);
  EXPECT_EQ(reissued.summonses(1).sequence(), 2);
  EXPECT_EQ(reissued.summonses(1).issued_on(), "2026-11-02");
  EXPECT_THAT(reissued.summonses(1).irregularity(), HasSubstr("terlambat"));
  // A retry answers the first result.
  EXPECT_EQ(Must(&pb::CaseService::Stub::ReissueSummons, reissue).version(), reissued.version());
  const pb::AuditEvent last = LastEvent(c.case_id());
  EXPECT_EQ(last.action(), "ReissueSummons");
  EXPECT_EQ(last.from_state(), pb::CASE_STATE_SUMMONED);
  EXPECT_THAT(last.payload_json(), HasSubstr("terlambat"));

  auto exam = Change<pb::RecordExaminationRequest>(reissued, "late-exam");
  exam.set_examined_on("2026-11-05");
  exam.set_attended(true);
  auto* f = exam.add_findings();
  f->set_provision_id("PP94.4.f");
  f->set_absence_days(12);
  f->set_proven(true);
  exam.set_bap_document_id(UploadBap().document_id());
  exam.add_examiner_nips(kExaminer);
  EXPECT_EQ(Must(&pb::CaseService::Stub::RecordExamination, exam).state(), pb::CASE_STATE_EXAMINED);
}

// ReopenExamination over the JSON gateway (POST
// /v1/cases/{case_id}:reopenExamination): EXAMINED → SUMMONED with the
// reason, the examination off the case and in the audit; a team named by a
// reissued summons records it again (PP 94/2021 ≈ Pasal 29).
TEST_F(CasePathsE2eTest, AReopenedExaminationIsRecordedAgainByATeam_Pasal29) {
  pb::Finding absent;
  absent.set_provision_id("PP94.4.f");
  absent.set_proven(true);
  absent.set_absence_days(12);
  const pb::Case examined = Examined("reopen", kAndi, absent, kExaminer, false);
  ASSERT_EQ(examined.state(), pb::CASE_STATE_EXAMINED);

  auto issuer = testing::DemoIssuer();
  ASSERT_TRUE(issuer.ok());
  httplib::Client http("127.0.0.1", http_port_);
  const httplib::Headers op = {
      {"Authorization", "Bearer " + (*issuer)->Mint(kExaminer, "Operator", "KOTA-CONTOH", {"operator"})}};
  const std::string path = absl::StrCat("/v1/cases/", examined.case_id(), ":reopenExamination");
  auto missing =
      http.Post(path.c_str(), op, absl::StrCat(R"({"requestId":"reopen-1","version":)", examined.version(), "}"),
                "application/json");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 400) << missing->body;
  EXPECT_THAT(missing->body, HasSubstr("reason"));
  auto reopened =
      http.Post(path.c_str(), op,
                absl::StrCat(R"({"requestId":"reopen-1","version":)", examined.version(),
                             R"(,"reason":"Jumlah hari bertambah: tingkat menjadi berat, diperiksa tim."})"),
                "application/json");
  ASSERT_TRUE(reopened);
  ASSERT_EQ(reopened->status, 200) << reopened->body;

  pb::GetCaseRequest get;
  get.set_case_id(examined.case_id());
  pb::Case c;
  ASSERT_TRUE(cases_->GetCase(Ctx().get(), get, &c).ok());
  EXPECT_EQ(c.state(), pb::CASE_STATE_SUMMONED);
  EXPECT_FALSE(c.has_examination());
  const pb::AuditEvent last = LastEvent(c.case_id());
  EXPECT_EQ(last.action(), "ReopenExamination");
  EXPECT_EQ(last.from_state(), pb::CASE_STATE_EXAMINED);
  EXPECT_EQ(last.to_state(), pb::CASE_STATE_SUMMONED);
  EXPECT_THAT(last.payload_json(), HasSubstr("tingkat menjadi berat"));
  // Reopened twice: refused, the examination is not recorded yet.
  auto twice = Change<pb::ReopenExaminationRequest>(c, "reopen-2");
  twice.set_reason("lagi");
  pb::Case out;
  EXPECT_EQ(Call(&pb::CaseService::Stub::ReopenExamination, twice, &out).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);

  // The team is named by a reissued summons, then examines.
  constexpr char kMember[] = "199208222019032003";
  auto team = Change<pb::ReissueSummonsRequest>(c, "reopen-team");
  team.set_issued_on("2026-11-02");
  team.set_examination_on("2026-11-05");
  team.add_examiner_nips(kExaminer);
  team.add_examination_team_nips(kExaminer);
  team.add_examination_team_nips(kMember);
  team.set_examination_team_decree_number("800/TIM/reopen/2026");
  team.set_irregularity("Pemeriksaan ulang oleh tim pemeriksa.");
  c = Must(&pb::CaseService::Stub::ReissueSummons, team);
  auto exam = Change<pb::RecordExaminationRequest>(c, "reopen-exam-again");
  exam.set_examined_on("2026-11-05");
  exam.set_attended(true);
  *exam.add_findings() = absent;
  exam.set_bap_document_id(UploadBap().document_id());
  exam.add_examiner_nips(kExaminer);
  exam.add_examination_team_nips(kMember);
  const pb::Case again = Must(&pb::CaseService::Stub::RecordExamination, exam);
  EXPECT_EQ(again.state(), pb::CASE_STATE_EXAMINED);
  EXPECT_EQ(again.examination().examined_on(), "2026-11-05");
}

// Reference §2.5a, "One violation, one punishment": the agency's own report
// and a parallel one against the same employee are joined into one case;
// the joined case ends CLOSED pointing at the target, its allegations are
// the target's, every change is audited, all in one transaction (a refusal
// changes no case).
TEST_F(CasePathsE2eTest, ParallelCasesOfOneEmployeeAreJoinedIntoOne_Reference25a) {
  const pb::Case target = Filed("join-a");
  const pb::Case parallel = Filed("join-b", kAndi, "PP94.5.g");
  const pb::Case third = Filed("join-c", kAndi, "PP94.4.a");
  const pb::Case other = Filed("join-other", "199208222019032003");

  pb::Case out;
  auto join = Change<pb::JoinCasesRequest>(target, "join-1");
  EXPECT_EQ(Call(&pb::CaseService::Stub::JoinCases, join, &out).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  // The same case twice, the target itself: bad input.
  join.add_joined_case_ids(parallel.case_id());
  join.add_joined_case_ids(parallel.case_id());
  grpc::Status twice = Call(&pb::CaseService::Stub::JoinCases, join, &out);
  EXPECT_EQ(twice.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(twice.error_message(), HasSubstr("joined_case_ids[1]"));
  join.clear_joined_case_ids();
  join.add_joined_case_ids(target.case_id());
  EXPECT_EQ(Call(&pb::CaseService::Stub::JoinCases, join, &out).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  // Another employee's case among them: refused, and nothing changed (one
  // transaction: the good case is not joined either).
  join.clear_joined_case_ids();
  join.add_joined_case_ids(third.case_id());
  join.add_joined_case_ids(other.case_id());
  grpc::Status employee = Call(&pb::CaseService::Stub::JoinCases, join, &out);
  EXPECT_EQ(employee.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(employee.error_message(), HasSubstr("2.5a"));
  pb::GetCaseRequest get;
  get.set_case_id(third.case_id());
  pb::Case unchanged;
  ASSERT_TRUE(cases_->GetCase(Ctx().get(), get, &unchanged).ok());
  EXPECT_EQ(unchanged.state(), pb::CASE_STATE_RECEIVED);
  EXPECT_EQ(unchanged.version(), third.version());
  // An examiner may not join cases.
  join.clear_joined_case_ids();
  join.add_joined_case_ids(parallel.case_id());
  join.add_joined_case_ids(third.case_id());
  roles_ = {"examiner"};
  EXPECT_EQ(Call(&pb::CaseService::Stub::JoinCases, join, &out).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  roles_ = {"operator", "ppk"};

  const pb::Case joined = Must(&pb::CaseService::Stub::JoinCases, join);
  EXPECT_EQ(joined.state(), pb::CASE_STATE_RECEIVED);
  EXPECT_EQ(joined.version(), target.version() + 1);
  ASSERT_EQ(joined.allegations_size(), 3);
  EXPECT_EQ(joined.allegations(1).provision_id(), "PP94.5.g");
  EXPECT_EQ(joined.allegations(2).provision_id(), "PP94.4.a");
  ASSERT_EQ(joined.joined_case_ids_size(), 2);
  EXPECT_EQ(joined.joined_case_ids(0), parallel.case_id());
  // A retry answers the first result.
  EXPECT_EQ(Must(&pb::CaseService::Stub::JoinCases, join).version(), joined.version());

  for (const pb::Case* j : {&parallel, &third}) {
    get.set_case_id(j->case_id());
    pb::Case ended;
    ASSERT_TRUE(cases_->GetCase(Ctx().get(), get, &ended).ok());
    EXPECT_EQ(ended.state(), pb::CASE_STATE_CLOSED);
    EXPECT_EQ(ended.joined_into(), target.case_id());
    EXPECT_EQ(ended.version(), j->version() + 1);
    const pb::AuditEvent last = LastEvent(j->case_id());
    EXPECT_EQ(last.action(), "JoinCases");
    EXPECT_EQ(last.from_state(), pb::CASE_STATE_RECEIVED);
    EXPECT_EQ(last.to_state(), pb::CASE_STATE_CLOSED);
  }
  EXPECT_EQ(LastEvent(target.case_id()).action(), "JoinCases");
  // An ended case is not joined again.
  auto again = Change<pb::JoinCasesRequest>(joined, "join-2");
  again.add_joined_case_ids(parallel.case_id());
  EXPECT_EQ(Call(&pb::CaseService::Stub::JoinCases, again, &out).error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  // The audit chains of the cases still verify.
  for (const std::string& id : {target.case_id(), parallel.case_id()}) {
    pb::VerifyCaseHistoryRequest v;
    v.set_case_id(id);
    pb::VerifyCaseHistoryResponse verified;
    ASSERT_TRUE(audit_->VerifyCaseHistory(Ctx().get(), v, &verified).ok());
    EXPECT_TRUE(verified.valid()) << verified.reason();
  }
}

// Reference §2.5a, the superior's liability (≈ Pasal 24): the PBM who does
// not punish a proven violation is punished by his own superior, so the
// rejection of proven findings needs its reason and is flagged on the
// decision. 17 days' absence of a pelaksana: the mayor (the PPK) decides.
TEST_F(CasePathsE2eTest, ARejectionOfProvenFindingsIsFlagged_Reference25aPasal24) {
  pb::Finding absent;
  absent.set_provision_id("PP94.4.f");
  absent.set_proven(true);
  absent.set_absence_days(17);
  pb::Case c = Examined("rej", kAndi, absent, kExaminer, false);
  auto rec = Change<pb::RecommendSanctionRequest>(c, "rej-rec");
  rec.set_recommended_on("2026-10-13");
  c = Must(&pb::CaseService::Stub::RecommendSanction, rec);
  ASSERT_EQ(c.state(), pb::CASE_STATE_RECOMMENDED);
  auto reject = Change<pb::DecideSanctionRequest>(c, "rej-decide");
  reject.set_outcome(pb::DECISION_OUTCOME_REJECT);
  reject.set_decided_on("2026-10-14");
  pb::Case out;
  EXPECT_EQ(Call(&pb::CaseService::Stub::DecideSanction, reject, &out).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  reject.set_reason("Pegawai sedang menjalani tugas belajar yang tidak tercatat.");
  const pb::Case dismissed = Must(&pb::CaseService::Stub::DecideSanction, reject);
  EXPECT_EQ(dismissed.state(), pb::CASE_STATE_DISMISSED);
  EXPECT_TRUE(dismissed.decision().rejected_proven_findings());
  EXPECT_THAT(dismissed.decision().reason(), HasSubstr("tugas belajar"));
}

}  // namespace
}  // namespace discipline
