// e2e: the case as it really goes, through the real server: one violation is
// filed once (ALREADY_EXISTS naming the case, also for two filings at once;
// reference §2.5a), the employee's discipline status for HR before, during
// and after a sedang punishment over gRPC and the JSON gateway (PP 11/2017
// Pasal 238 ayat (3); Peraturan BKN 6/2022), the punishment's end date
// (PP 94/2021 Pasal 8 ayat (3)), and a BKN recommendation filed after its
// follow-up deadline reading OVERDUE at once.

#include <httplib.h>

#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"
#include "tests/testing/case_e2e.h"
#include "tests/testing/requests.h"

namespace discipline {
namespace {

namespace pb = ::asn::discipline::v1;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr char kAndi[] = "199006052015031005";   // pelaksana of KOTA-CONTOH (demo data)
constexpr char kOther[] = "199208222019032003";  // another employee of KOTA-CONTOH

class DisciplineStatusE2eTest : public testing::CaseE2eTest {
 protected:
  DisciplineStatusE2eTest() {
    with_http_ = true;
    // No escalation timer: what a case reads is derived when read.
    extra_args_ = {"--escalation_interval_seconds=0"};
  }

  // A report of a violation of Pasal 5 huruf g (pungutan liar) on `occurred_on`.
  static pb::FileCaseRequest Pungli(const std::string& request_id, const std::string& nip,
                                    const std::string& occurred_on) {
    pb::FileCaseRequest r;
    r.set_request_id(request_id);
    r.set_agency_code("KOTA-CONTOH");
    r.set_employee_nip(nip);
    r.set_source(pb::SOURCE_PENGADUAN_MASYARAKAT);
    auto* a = r.add_allegations();
    a->set_provision_id("PP94.5.g");
    a->set_description("Memungut biaya pelayanan di luar ketentuan");
    a->set_occurred_on(occurred_on);
    r.set_received_on("2026-10-01");
    return r;
  }

  grpc::Status Status(const std::string& nip, const std::string& on_date, pb::DisciplineStatus* out) {
    pb::GetDisciplineStatusRequest r;
    r.set_nip(nip);
    r.set_on_date(on_date);
    return cases_->GetDisciplineStatus(Ctx().get(), r, out);
  }

  pb::DisciplineStatus MustStatus(const std::string& nip, const std::string& on_date) {
    pb::DisciplineStatus out;
    grpc::Status s = Status(nip, on_date, &out);
    EXPECT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();
    return out;
  }

  // Andi's absence of 12 days (PP 94/2021 Pasal 4 huruf f: sedang, the tukin
  // cut for 6 months), decided 25 Mar 2026 and delivered 26 Mar, in force
  // from 17 Apr 2026 (the 15th working day, Peraturan BKN 6/2022 Pasal 50).
  pb::Case DeliveredSedang() {
    pb::FileCaseRequest file;
    file.set_request_id("st-file");
    file.set_agency_code("KOTA-CONTOH");
    file.set_employee_nip(kAndi);
    file.set_source(pb::SOURCE_SISTEM_KEHADIRAN);
    auto* a = file.add_allegations();
    a->set_provision_id("PP94.4.f");
    a->set_absence_days(12);
    file.set_received_on("2026-03-02");
    pb::Case c = Must(&pb::CaseService::Stub::FileCase, file);
    auto summons = Change<pb::IssueSummonsRequest>(c, "st-summons");
    summons.set_issued_on("2026-03-02");
    summons.set_examination_on("2026-03-11");
    c = Must(&pb::CaseService::Stub::IssueSummons, summons);
    auto exam = Change<pb::RecordExaminationRequest>(c, "st-exam");
    exam.set_examined_on("2026-03-11");
    exam.set_attended(true);
    auto* f = exam.add_findings();
    f->set_provision_id("PP94.4.f");
    f->set_proven(true);
    f->set_absence_days(12);
    exam.set_bap_document_id(UploadBap().document_id());
    exam.add_examiner_nips("198009092005012002");
    c = Must(&pb::CaseService::Stub::RecordExamination, exam);
    auto rec = Change<pb::RecommendSanctionRequest>(c, "st-rec");
    rec.set_recommended_on("2026-03-17");
    c = Must(&pb::CaseService::Stub::RecommendSanction, rec);
    auto decide = Change<pb::DecideSanctionRequest>(c, "st-decide");
    decide.set_outcome(pb::DECISION_OUTCOME_APPROVE);
    decide.set_decision_number("800.1.6.3/017/BKPSDM/2026");
    decide.set_decided_on("2026-03-25");
    c = Must(&pb::CaseService::Stub::DecideSanction, decide);
    auto deliver = Change<pb::RecordDeliveryRequest>(c, "st-deliver");
    deliver.set_delivered_on("2026-03-26");
    return Must(&pb::CaseService::Stub::RecordDelivery, deliver);
  }

  static std::vector<pb::Restriction> Kinds(const pb::DisciplineStatus& s) {
    std::vector<pb::Restriction> out;
    for (const auto& r : s.restrictions()) out.push_back(r.restriction());
    return out;
  }
};

// The ResourceInfo detail of an error, if any.
std::optional<google::rpc::ResourceInfo> ResourceOf(const grpc::Status& s) {
  google::rpc::Status details;
  if (!details.ParseFromString(s.error_details())) return std::nullopt;
  for (const auto& d : details.details()) {
    google::rpc::ResourceInfo info;
    if (d.UnpackTo(&info)) return info;
  }
  return std::nullopt;
}

TEST_F(DisciplineStatusE2eTest, OneViolationIsFiledOnceNamingTheCaseThatHasIt) {
  // Reference §2.5a: "PNS tidak dapat dijatuhi Hukuman Disiplin 2 (dua) kali
  // atau lebih untuk 1 (satu) Pelanggaran Disiplin".
  const pb::Case first = Must(&pb::CaseService::Stub::FileCase, Pungli("dup-1", kAndi, "2026-09-15"));
  // A retry of the same request is its first result, not a duplicate.
  const pb::Case retried = Must(&pb::CaseService::Stub::FileCase, Pungli("dup-1", kAndi, "2026-09-15"));
  EXPECT_EQ(retried.case_id(), first.case_id());

  pb::Case out;
  const grpc::Status again = cases_->FileCase(Ctx().get(), Pungli("dup-2", kAndi, "2026-09-15"), &out);
  ASSERT_EQ(again.error_code(), grpc::StatusCode::ALREADY_EXISTS) << again.error_message();
  EXPECT_THAT(again.error_message(), HasSubstr(first.case_id()));
  EXPECT_THAT(again.error_message(), HasSubstr(first.register_number()));
  const auto resource = ResourceOf(again);
  ASSERT_TRUE(resource.has_value());
  EXPECT_EQ(resource->resource_type(), "asn.discipline.v1.Case");
  EXPECT_EQ(resource->resource_name(), first.case_id());
  EXPECT_EQ(resource->description(), first.register_number());

  // Another day, another provision or another employee is another violation.
  EXPECT_EQ(cases_->FileCase(Ctx().get(), Pungli("dup-3", kAndi, "2026-09-16"), &out).error_code(),
            grpc::StatusCode::OK);
  EXPECT_EQ(cases_->FileCase(Ctx().get(), Pungli("dup-4", kOther, "2026-09-15"), &out).error_code(),
            grpc::StatusCode::OK);

  // A case that ends without a punishment (terminated: the employee left
  // service before the decision) releases the violation.
  auto close = Change<pb::CloseCaseRequest>(first, "dup-close");
  close.set_reason("Pegawai meninggal dunia sebelum keputusan.");
  close.set_terminated(true);
  close.set_termination_reason(pb::TERMINATION_REASON_DIED);
  // A termination is not one operator's alone: the agency's ppk confirms it
  // (docs/identity.md, "Separation of duties").
  const pb::Case requested = Must(&pb::CaseService::Stub::CloseCase, close);
  ASSERT_EQ(requested.pending_action().kind(), pb::CASE_ACTION_KIND_TERMINATE);
  auto confirm = Change<pb::ConfirmCaseActionRequest>(requested, "dup-confirm");
  confirm.set_kind(pb::CASE_ACTION_KIND_TERMINATE);
  const std::string operator_nip = nip_;
  const std::vector<std::string> operator_roles = roles_;
  nip_ = "";
  roles_ = {"ppk"};
  const pb::Case terminated = Must(&pb::CaseService::Stub::ConfirmCaseAction, confirm);
  nip_ = operator_nip;
  roles_ = operator_roles;
  EXPECT_EQ(terminated.state(), pb::CASE_STATE_TERMINATED);
  const pb::Case refiled = Must(&pb::CaseService::Stub::FileCase, Pungli("dup-5", kAndi, "2026-09-15"));
  EXPECT_NE(refiled.case_id(), first.case_id());
}

TEST_F(DisciplineStatusE2eTest, OfTwoSimultaneousFilingsOfOneViolationExactlyOneWins) {
  constexpr int kFilings = 8;
  std::vector<grpc::Status> statuses(kFilings);
  std::vector<pb::Case> cases(kFilings);
  std::vector<std::thread> threads;
  for (int i = 0; i < kFilings; ++i) {
    threads.emplace_back([&, i] {
      statuses[i] = cases_->FileCase(Ctx().get(), Pungli(absl::StrCat("race-", i), kAndi, "2026-09-20"), &cases[i]);
    });
  }
  for (auto& t : threads) t.join();
  int won = -1;
  for (int i = 0; i < kFilings; ++i) {
    if (statuses[i].ok()) {
      EXPECT_EQ(won, -1) << "filings " << won << " and " << i << " both stored the violation";
      won = i;
    }
  }
  ASSERT_NE(won, -1) << "no filing was stored";
  for (int i = 0; i < kFilings; ++i) {
    if (i == won) continue;
    EXPECT_EQ(statuses[i].error_code(), grpc::StatusCode::ALREADY_EXISTS) << i << ": " << statuses[i].error_message();
    EXPECT_THAT(statuses[i].error_message(), HasSubstr(cases[won].case_id())) << i;
  }
  pb::ListCasesRequest list;
  list.set_employee_nip(kAndi);
  pb::ListCasesResponse listed;
  ASSERT_TRUE(cases_->ListCases(Ctx().get(), list, &listed).ok());
  EXPECT_EQ(listed.cases_size(), 1);
}

TEST_F(DisciplineStatusE2eTest, StatusBeforeDuringAndAfterASedangPunishment) {
  const pb::Case c = DeliveredSedang();
  // 12 days of absence: the KGB deferral for 1 (satu) year, in place of the
  // 6-month tukin cut (law reference 2.5a; KMK 5/KMK.01/2022).
  ASSERT_EQ(c.decision().punishment(), pb::PUNISHMENT_PENUNDAAN_KGB_1_TAHUN);
  ASSERT_EQ(c.effective_on(), "2026-04-17");
  // 1 year from 17 Apr 2026: the last day 16 Apr 2027.
  EXPECT_EQ(c.ends_on(), "2027-04-16");

  // Under examination before the decision: no resignation (PP 11/2017
  // Pasal 238 ayat (3)).
  pb::DisciplineStatus s = MustStatus(kAndi, "2026-03-20");
  EXPECT_TRUE(s.under_examination());
  EXPECT_THAT(Kinds(s), ElementsAre(pb::RESTRICTION_NO_RESIGNATION, pb::RESTRICTION_NO_TRANSFER));

  // Decided and delivered, not yet in effect.
  s = MustStatus(kAndi, "2026-04-16");
  EXPECT_FALSE(s.under_examination());
  EXPECT_THAT(s.open_case_ids(), ElementsAre(c.case_id()));
  EXPECT_THAT(s.serving(), IsEmpty());
  EXPECT_THAT(s.restrictions(), IsEmpty());

  // Serving: no resignation, no KGB, no promotion (Peraturan BKN 6/2022 for
  // a sedang punishment), no transfer, each until 16 Apr 2027.
  s = MustStatus(kAndi, "2026-06-01");
  ASSERT_EQ(s.serving_size(), 1);
  EXPECT_EQ(s.serving(0).case_id(), c.case_id());
  EXPECT_EQ(s.serving(0).punishment(), pb::PUNISHMENT_PENUNDAAN_KGB_1_TAHUN);
  EXPECT_EQ(s.serving(0).level(), pb::SANCTION_LEVEL_SEDANG);
  EXPECT_EQ(s.serving(0).effective_on(), "2026-04-17");
  EXPECT_EQ(s.serving(0).ends_on(), "2027-04-16");
  EXPECT_THAT(Kinds(s), ElementsAre(pb::RESTRICTION_NO_RESIGNATION, pb::RESTRICTION_NO_KGB,
                                    pb::RESTRICTION_NO_PROMOTION, pb::RESTRICTION_NO_TRANSFER));
  for (const auto& r : s.restrictions()) {
    EXPECT_EQ(r.until(), "2027-04-16") << pb::Restriction_Name(r.restriction());
    EXPECT_FALSE(r.legal_basis().empty());
  }
  EXPECT_THAT(s.restrictions(0).legal_basis(), HasSubstr("PP 11/2017 Pasal 238 ayat (3)"));
  EXPECT_THAT(s.restrictions(1).legal_basis(), HasSubstr("Peraturan BKN 6/2022"));
  // The last day in force still restricts; the day after does not.
  EXPECT_EQ(MustStatus(kAndi, "2027-04-16").serving_size(), 1);
  s = MustStatus(kAndi, "2027-04-17");
  EXPECT_THAT(s.serving(), IsEmpty());
  EXPECT_THAT(s.restrictions(), IsEmpty());
  EXPECT_EQ(s.last_punishment().case_id(), c.case_id());
  EXPECT_EQ(s.last_punishment().ends_on(), "2027-04-16");
  // Without a day: today in the agency (Asia/Jakarta), serving or not as
  // today falls within 17 Apr 2026 .. 16 Apr 2027.
  absl::TimeZone jakarta;
  ASSERT_TRUE(absl::LoadTimeZone("Asia/Jakarta", &jakarta));
  const std::string before = absl::FormatTime("%Y-%m-%d", absl::Now(), jakarta);
  s = MustStatus("19900605 201503 1 005", "");
  const std::string after = absl::FormatTime("%Y-%m-%d", absl::Now(), jakarta);
  EXPECT_EQ(s.nip(), kAndi);
  EXPECT_TRUE(s.on_date() == before || s.on_date() == after) << s.on_date();
  EXPECT_EQ(s.serving_size(), s.on_date() >= "2026-04-17" && s.on_date() <= "2027-04-16" ? 1 : 0);
}

TEST_F(DisciplineStatusE2eTest, StatusOverHttp) {
  const pb::Case c = DeliveredSedang();
  auto issuer = testing::DemoIssuer();
  ASSERT_TRUE(issuer.ok());
  httplib::Client http("127.0.0.1", http_port_);
  http.set_read_timeout(20, 0);
  const httplib::Headers auditor = {
      {"Authorization", "Bearer " + (*issuer)->Mint("199208222019032003", "Auditor", "KOTA-CONTOH", {"auditor"})}};
  auto during = http.Get(absl::StrCat("/v1/employees/", kAndi, "/disciplineStatus?onDate=2026-06-01").c_str(), auditor);
  ASSERT_TRUE(during);
  ASSERT_EQ(during->status, 200) << during->body;
  pb::DisciplineStatus s;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(during->body, &s).ok()) << during->body;
  ASSERT_EQ(s.serving_size(), 1);
  EXPECT_EQ(s.serving(0).ends_on(), "2027-04-16");
  EXPECT_THAT(Kinds(s), ElementsAre(pb::RESTRICTION_NO_RESIGNATION, pb::RESTRICTION_NO_KGB,
                                    pb::RESTRICTION_NO_PROMOTION, pb::RESTRICTION_NO_TRANSFER));
  EXPECT_THAT(during->body, HasSubstr("\"RESTRICTION_NO_KGB\""));

  auto after = http.Get(absl::StrCat("/v1/employees/", kAndi, "/disciplineStatus?on_date=2027-04-17").c_str(), auditor);
  ASSERT_TRUE(after);
  ASSERT_EQ(after->status, 200) << after->body;
  pb::DisciplineStatus later;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(after->body, &later).ok());
  EXPECT_THAT(later.restrictions(), IsEmpty());
  EXPECT_EQ(later.last_punishment().case_id(), c.case_id());

  // A bad day is 400 naming on_date; an employee of another agency is 404,
  // like an unknown one; a role without the right is 403.
  auto bad = http.Get(absl::StrCat("/v1/employees/", kAndi, "/disciplineStatus?onDate=2026-13-01").c_str(), auditor);
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  EXPECT_THAT(bad->body, HasSubstr("on_date"));
  const httplib::Headers province = {
      {"Authorization", "Bearer " + (*issuer)->Mint("197001011995031001", "Operator", "PROV-CONTOH", {"operator"})}};
  auto hidden = http.Get(absl::StrCat("/v1/employees/", kAndi, "/disciplineStatus").c_str(), province);
  ASSERT_TRUE(hidden);
  EXPECT_EQ(hidden->status, 404) << hidden->body;
  const httplib::Headers examiner = {
      {"Authorization", "Bearer " + (*issuer)->Mint("198009092005012002", "Pemeriksa", "KOTA-CONTOH", {"examiner"})}};
  auto denied = http.Get(absl::StrCat("/v1/employees/", kAndi, "/disciplineStatus").c_str(), examiner);
  ASSERT_TRUE(denied);
  EXPECT_EQ(denied->status, 403) << denied->body;
  // BKN's supervisor reads across agencies.
  const httplib::Headers bkn = {
      {"Authorization", "Bearer " + (*issuer)->Mint("197001011995031001", "Pengawas BKN", "BKN", {"supervisor"})}};
  auto supervised = http.Get(absl::StrCat("/v1/employees/", kAndi, "/disciplineStatus?onDate=2026-06-01").c_str(), bkn);
  ASSERT_TRUE(supervised);
  EXPECT_EQ(supervised->status, 200) << supervised->body;
}

TEST_F(DisciplineStatusE2eTest, AWithdrawnRecommendationIsAnAuditedStepBackToTheExamination) {
  pb::Finding absent;
  absent.set_provision_id("PP94.4.f");
  absent.set_proven(true);
  absent.set_absence_days(12);
  pb::Case c = Examined("wd", kAndi, absent, "198009092005012002", false);
  auto rec = Change<pb::RecommendSanctionRequest>(c, "wd-rec");
  rec.set_recommended_on("2026-10-13");
  c = Must(&pb::CaseService::Stub::RecommendSanction, rec);
  ASSERT_EQ(c.state(), pb::CASE_STATE_RECOMMENDED);

  auto withdraw = Change<pb::WithdrawRecommendationRequest>(c, "wd-withdraw");
  pb::Case out;
  // The reason is required; an examiner not named on the case may not.
  EXPECT_EQ(cases_->WithdrawRecommendation(Ctx().get(), withdraw, &out).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  withdraw.set_reason("Jumlah hari tidak masuk kerja keliru dicatat.");
  roles_ = {"examiner"};
  nip_ = "199208222019032003";
  EXPECT_EQ(cases_->WithdrawRecommendation(Ctx().get(), withdraw, &out).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  roles_ = {"operator", "ppk"};
  nip_ = "198009092005012002";
  const pb::Case withdrawn = Must(&pb::CaseService::Stub::WithdrawRecommendation, withdraw);
  EXPECT_EQ(withdrawn.state(), pb::CASE_STATE_EXAMINED);
  EXPECT_FALSE(withdrawn.has_recommendation());
  // A retry answers the first result; a decision now is refused: without a
  // recommendation no official is named to decide.
  EXPECT_EQ(Must(&pb::CaseService::Stub::WithdrawRecommendation, withdraw).version(), withdrawn.version());
  auto decide = Change<pb::DecideSanctionRequest>(withdrawn, "wd-decide");
  decide.set_outcome(pb::DECISION_OUTCOME_APPROVE);
  decide.set_decision_number("800/1/2026");
  decide.set_decided_on("2026-10-14");
  EXPECT_EQ(cases_->DecideSanction(Ctx().get(), decide, &out).error_code(), grpc::StatusCode::PERMISSION_DENIED);

  pb::GetCaseHistoryRequest h;
  h.set_case_id(c.case_id());
  pb::GetCaseHistoryResponse history;
  ASSERT_TRUE(audit_->GetCaseHistory(Ctx().get(), h, &history).ok());
  ASSERT_GE(history.events_size(), 1);
  const pb::AuditEvent& last = history.events(history.events_size() - 1);
  EXPECT_EQ(last.action(), "WithdrawRecommendation");
  EXPECT_EQ(last.from_state(), pb::CASE_STATE_RECOMMENDED);
  EXPECT_EQ(last.to_state(), pb::CASE_STATE_EXAMINED);
  EXPECT_THAT(last.payload_json(), HasSubstr("keliru dicatat"));

  auto again = Change<pb::RecommendSanctionRequest>(withdrawn, "wd-rec-2");
  again.set_recommended_on("2026-10-14");
  EXPECT_EQ(Must(&pb::CaseService::Stub::RecommendSanction, again).state(), pb::CASE_STATE_RECOMMENDED);
}

TEST_F(DisciplineStatusE2eTest, ARecommendationFiledAfterItsDeadlineReadsOverdueAtOnce) {
  // BKN's recommendation, received 20 Jul 2026 with its follow-up due 14 Aug
  // 2026, entered only now (December): the deadline has passed, so it reads
  // OVERDUE when read, not PENDING until the escalation timer (off here)
  // next runs.
  pb::FileCaseRequest r = testing::BknRecommendation("late-1", "2026-08-14");
  r.set_received_on("2026-07-20");
  r.mutable_recommendation()->set_issued_on("2026-07-15");
  const std::string saved_nip = nip_, saved_agency = agency_;
  const std::vector<std::string> saved_roles = roles_;
  nip_ = "197001011995031001";
  agency_ = "BKN";
  roles_ = {"supervisor"};
  const pb::Case filed = Must(&pb::CaseService::Stub::FileCase, r);
  nip_ = saved_nip;
  agency_ = saved_agency;
  roles_ = saved_roles;
  EXPECT_EQ(filed.follow_up().state(), pb::FOLLOW_UP_STATE_OVERDUE);
  EXPECT_EQ(filed.follow_up().due_on(), "2026-08-14");

  pb::GetCaseRequest get;
  get.set_case_id(filed.case_id());
  EXPECT_EQ(Must(&pb::CaseService::Stub::GetCase, get).follow_up().state(), pb::FOLLOW_UP_STATE_OVERDUE);
  pb::ListCasesRequest list;
  list.set_employee_nip(kAndi);
  pb::ListCasesResponse listed;
  ASSERT_TRUE(cases_->ListCases(Ctx().get(), list, &listed).ok());
  ASSERT_EQ(listed.cases_size(), 1);
  EXPECT_EQ(listed.cases(0).follow_up().state(), pb::FOLLOW_UP_STATE_OVERDUE);
  // Derived, not stored: the only event is the filing.
  pb::GetCaseHistoryRequest h;
  h.set_case_id(filed.case_id());
  pb::GetCaseHistoryResponse history;
  ASSERT_TRUE(audit_->GetCaseHistory(Ctx().get(), h, &history).ok());
  ASSERT_EQ(history.events_size(), 1);
  EXPECT_EQ(history.events(0).action(), "FileCase");
}

}  // namespace
}  // namespace discipline
