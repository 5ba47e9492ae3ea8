// e2e: the case as it really goes, through the real server (reference
// §2.5a): the temporary release from duty (PP 94/2021 ≈ Pasal 31) by the
// direct superior, ended by itself at the decision; the employee's events:
// death while summoned (TERMINATED) and after the decision (CLOSED, the
// punishment lapses; PP 53/2010 Pasal 40 practice), and a resignation request
// under examination answered with the refusal of PP 11/2017 Pasal 238 ayat
// (3), over gRPC and the JSON gateway. Each change is an audit event.

#include <httplib.h>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "tests/testing/case_e2e.h"
#include "tests/testing/requests.h"

namespace discipline {
namespace {

namespace pb = ::asn::discipline::v1;
using ::testing::HasSubstr;

constexpr char kAndi[] = "199006052015031005";    // pelaksana of KOTA-CONTOH (demo data)
constexpr char kDewi[] = "199208222019032003";    // pelaksana, the same unit
constexpr char kRina[] = "198009092005012002";    // their direct superior (pengawas)
constexpr char kHendra[] = "197205211998031002";  // Kepala Dinas: three levels up

class EmployeeEventsE2eTest : public testing::CaseE2eTest {
 protected:
  EmployeeEventsE2eTest() {
    with_http_ = true;
    extra_args_ = {"--escalation_interval_seconds=0"};
  }

  static pb::Finding Absence(int days) {
    pb::Finding f;
    f.set_provision_id("PP94.4.f");
    f.set_absence_days(days);
    f.set_proven(true);
    return f;
  }

  std::string LastAction(const std::string& case_id) {
    pb::GetCaseHistoryRequest h;
    h.set_case_id(case_id);
    pb::GetCaseHistoryResponse history;
    EXPECT_TRUE(audit_->GetCaseHistory(Ctx().get(), h, &history).ok());
    if (history.events_size() == 0) return "";
    return history.events(history.events_size() - 1).action();
  }

  pb::RecordEmployeeEventRequest Event(const pb::Case& c, const std::string& id, pb::EmployeeEventKind kind,
                                       const std::string& on) {
    auto r = Change<pb::RecordEmployeeEventRequest>(c, id);
    r.set_event(kind);
    r.set_occurred_on(on);
    r.set_note("dicatat oleh operator kepegawaian");
    return r;
  }
};

TEST_F(EmployeeEventsE2eTest, ReleaseFromDutyEndsAtTheDecisionAndDeathAfterItClosesTheCase) {
  // 25 days' absence: berat (PP 94/2021 Pasal 4 huruf f, 21 days and more),
  // so the release is open (≈ Pasal 31) and a team examines.
  pb::Case c = Examined("rel", kAndi, Absence(25), kRina, /*team=*/true);
  ASSERT_EQ(c.state(), pb::CASE_STATE_EXAMINED);

  auto release = Change<pb::ReleaseFromDutyRequest>(c, "rel-release");
  release.set_decree_number("800.1.6.4/PS-01/BKPSDM/2026");
  release.set_decided_on("2026-10-12");
  release.set_acting_official_nip(kDewi);
  // Not the direct superior nor the next higher official: refused, naming
  // the rule (PP 94/2021 ≈ Pasal 31).
  release.set_released_by_nip(kHendra);
  pb::Case out;
  grpc::Status refused = cases_->ReleaseFromDuty(Ctx().get(), release, &out);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(refused.error_message(), HasSubstr("Pasal 31"));

  release.set_released_by_nip(kRina);
  c = Must(&pb::CaseService::Stub::ReleaseFromDuty, release);
  EXPECT_TRUE(c.temporarily_released());
  EXPECT_EQ(c.temporary_release().released_by_nip(), kRina);
  EXPECT_EQ(c.temporary_release().acting_official_nip(), kDewi);
  EXPECT_EQ(c.temporary_release().decided_on(), "2026-10-12");
  EXPECT_EQ(c.temporary_release().ended_on(), "");  // runs until the decision
  EXPECT_EQ(LastAction(c.case_id()), "ReleaseFromDuty");
  // A retry is its first result.
  EXPECT_EQ(Must(&pb::CaseService::Stub::ReleaseFromDuty, release).version(), c.version());

  auto rec = Change<pb::RecommendSanctionRequest>(c, "rel-rec");
  rec.set_recommended_on("2026-10-13");
  c = Must(&pb::CaseService::Stub::RecommendSanction, rec);
  ASSERT_EQ(c.state(), pb::CASE_STATE_RECOMMENDED);
  auto decide = Change<pb::DecideSanctionRequest>(c, "rel-decide");
  decide.set_outcome(pb::DECISION_OUTCOME_APPROVE);
  decide.set_decision_number("800.1.6.3/031/BKPSDM/2026");
  decide.set_decided_on("2026-10-14");
  c = Must(&pb::CaseService::Stub::DecideSanction, decide);
  ASSERT_EQ(c.state(), pb::CASE_STATE_DECIDED);
  // Reference §2.5a: the release ends by itself at the decision.
  EXPECT_EQ(c.temporary_release().ended_on(), "2026-10-14");
  EXPECT_NE(c.effective_punishment(), pb::PUNISHMENT_UNSPECIFIED);

  // Death after the decision (PP 53/2010 Pasal 40 practice, the default
  // configuration): the case closes, the punishment lapses.
  c = Must(&pb::CaseService::Stub::RecordEmployeeEvent, Event(c, "rel-died", pb::EMPLOYEE_EVENT_DIED, "2026-10-20"));
  EXPECT_EQ(c.state(), pb::CASE_STATE_CLOSED);
  EXPECT_EQ(c.effective_punishment(), pb::PUNISHMENT_UNSPECIFIED);  // lapsed
  ASSERT_EQ(c.employee_events_size(), 1);
  EXPECT_EQ(c.employee_events(0).consequence(), pb::EMPLOYEE_EVENT_CONSEQUENCE_CASE_CLOSED_PUNISHMENT_LAPSED);
  EXPECT_EQ(c.employee_events(0).state_at_event(), pb::CASE_STATE_DECIDED);
  EXPECT_EQ(LastAction(c.case_id()), "RecordEmployeeEvent");
}

TEST_F(EmployeeEventsE2eTest, DeathWhileSummonedTerminatesTheCase) {
  pb::FileCaseRequest file;
  file.set_request_id("died-file");
  file.set_agency_code("KOTA-CONTOH");
  file.set_employee_nip(kDewi);
  file.set_source(pb::SOURCE_SISTEM_KEHADIRAN);
  auto* a = file.add_allegations();
  a->set_provision_id("PP94.4.f");
  a->set_absence_days(12);
  file.set_received_on("2026-10-01");
  pb::Case c = Must(&pb::CaseService::Stub::FileCase, file);
  auto summons = Change<pb::IssueSummonsRequest>(c, "died-summons");
  summons.set_issued_on("2026-10-01");
  summons.set_examination_on("2026-10-08");
  summons.add_examiner_nips(kRina);
  c = Must(&pb::CaseService::Stub::IssueSummons, summons);
  ASSERT_EQ(c.state(), pb::CASE_STATE_SUMMONED);

  // Reference §2.5a (PP 53/2010 Pasal 40 practice): a PNS who dies before
  // the decision is not punished and the case ends: TERMINATED at once, the
  // event being documented (no second person's confirmation).
  auto died = Event(c, "died-event", pb::EMPLOYEE_EVENT_DIED, "2026-10-05");
  c = Must(&pb::CaseService::Stub::RecordEmployeeEvent, died);
  EXPECT_EQ(c.state(), pb::CASE_STATE_TERMINATED);
  EXPECT_EQ(c.termination_reason(), pb::TERMINATION_REASON_DIED);
  EXPECT_EQ(c.open_deadlines_size(), 0);
  ASSERT_EQ(c.employee_events_size(), 1);
  EXPECT_EQ(c.employee_events(0).event(), pb::EMPLOYEE_EVENT_DIED);
  EXPECT_EQ(c.employee_events(0).occurred_on(), "2026-10-05");
  EXPECT_EQ(c.employee_events(0).consequence(), pb::EMPLOYEE_EVENT_CONSEQUENCE_CASE_TERMINATED);
  EXPECT_EQ(LastAction(c.case_id()), "RecordEmployeeEvent");
  // The retry is the first result; a further event on the ended case is
  // refused.
  EXPECT_EQ(Must(&pb::CaseService::Stub::RecordEmployeeEvent, died).version(), c.version());
  pb::Case out;
  EXPECT_EQ(
      cases_->RecordEmployeeEvent(Ctx().get(), Event(c, "died-again", pb::EMPLOYEE_EVENT_DETAINED, "2026-10-06"), &out)
          .error_code(),
      grpc::StatusCode::FAILED_PRECONDITION);
}

TEST_F(EmployeeEventsE2eTest, ResignationRequestUnderExaminationIsRefusedOverHttp) {
  const pb::Case c = Examined("resign", kAndi, Absence(12), kRina, /*team=*/false);
  ASSERT_EQ(c.state(), pb::CASE_STATE_EXAMINED);
  auto issuer = testing::DemoIssuer();
  ASSERT_TRUE(issuer.ok());
  httplib::Client http("127.0.0.1", http_port_);
  http.set_read_timeout(20, 0);
  const httplib::Headers op = {
      {"Authorization", "Bearer " + (*issuer)->Mint(kRina, "Operator", "KOTA-CONTOH", {"operator"})}};
  const std::string body = absl::StrCat("{\"requestId\":\"resign-event\",\"version\":", c.version(),
                                        ",\"event\":\"EMPLOYEE_EVENT_RESIGNATION_REQUESTED\","
                                        "\"occurredOn\":\"2026-10-15\",\"note\":\"permohonan berhenti atas "
                                        "permintaan sendiri\"}");
  auto res =
      http.Post(absl::StrCat("/v1/cases/", c.case_id(), ":recordEmployeeEvent").c_str(), op, body, "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  pb::Case answered;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(res->body, &answered).ok()) << res->body;
  // PP 11/2017 Pasal 238 ayat (3) as amended by PP 17/2020: refused while
  // under examination; the case goes on.
  EXPECT_EQ(answered.state(), pb::CASE_STATE_EXAMINED);
  ASSERT_EQ(answered.employee_events_size(), 1);
  EXPECT_EQ(answered.employee_events(0).consequence(), pb::EMPLOYEE_EVENT_CONSEQUENCE_RESIGNATION_REFUSED);
  EXPECT_THAT(answered.employee_events(0).legal_basis(), HasSubstr("PP 11/2017 Pasal 238 ayat (3)"));
  EXPECT_EQ(LastAction(c.case_id()), "RecordEmployeeEvent");

  // An examiner-only caller may not record the employee's events.
  const httplib::Headers examiner = {
      {"Authorization", "Bearer " + (*issuer)->Mint(kRina, "Pemeriksa", "KOTA-CONTOH", {"examiner"})}};
  const std::string again = absl::StrCat("{\"requestId\":\"resign-2\",\"version\":", answered.version(),
                                         ",\"event\":\"EMPLOYEE_EVENT_DETAINED\",\"occurredOn\":\"2026-10-16\"}");
  auto denied = http.Post(absl::StrCat("/v1/cases/", c.case_id(), ":recordEmployeeEvent").c_str(), examiner, again,
                          "application/json");
  ASSERT_TRUE(denied);
  EXPECT_EQ(denied->status, 403) << denied->body;
}

}  // namespace
}  // namespace discipline
