// e2e: the full lifecycle of an attendance case for an employee of the demo
// data, through the real server (real MariaDB, real demo SIMPEG), then its
// history, export and verification.

#include <grpcpp/client_context.h>

#include <thread>
#include <vector>

#include "absl/time/clock.h"
#include "asn/discipline/v1/audit.grpc.pb.h"
#include "asn/discipline/v1/cases.grpc.pb.h"
#include "asn/discipline/v1/documents.grpc.pb.h"
#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"
#include "tests/testing/case_e2e.h"
#include "tests/testing/server_process.h"
#include "tests/testing/test_db.h"

namespace discipline {
namespace {

namespace pb = ::asn::discipline::v1;
using ::discipline::testing::ServerProcess;
using ::discipline::testing::TestDatabase;
using ::testing::HasSubstr;

class LifecycleE2eTest : public ::discipline::testing::CaseE2eTest {
 protected:
  pb::DocumentRef UploadBap() { return CaseE2eTest::UploadBap("BAP-Andi-Saputra.pdf"); }
};

pb::FileCaseRequest AttendanceReport(const std::string& request_id, const std::string& nip) {
  pb::FileCaseRequest r;
  r.set_request_id(request_id);
  r.set_agency_code("KOTA-CONTOH");
  r.set_employee_nip(nip);
  r.set_source(pb::SOURCE_SISTEM_KEHADIRAN);
  r.set_reporter("Sistem Kehadiran Kota Contoh");
  auto* a = r.add_allegations();
  a->set_provision_id("PP94.4.f");
  a->set_description("Tidak masuk kerja tanpa alasan yang sah, Januari-Februari 2026");
  a->set_absence_days(12);
  r.set_received_on("2026-03-02");
  return r;
}

TEST_F(LifecycleE2eTest, AttendanceCaseFromReportToClosing) {
  // Andi Saputra, pelaksana in the city's education office.
  const pb::Case filed = Must(&pb::CaseService::Stub::FileCase, AttendanceReport("lc-1", "19900605 201503 1 005"));
  EXPECT_EQ(filed.state(), pb::CASE_STATE_RECEIVED);
  EXPECT_EQ(filed.version(), 1);
  EXPECT_EQ(filed.register_number(), "HD/2026/000001");
  EXPECT_EQ(filed.employee().name(), "Andi Saputra");
  EXPECT_EQ(filed.employee().superior_nip(), "198009092005012002");
  const std::string id = filed.case_id();

  // A retried filing returns the first result, without the sealed reporter.
  EXPECT_EQ(filed.reporter(), "") << "no response carries the reporter";
  const pb::Case again = Must(&pb::CaseService::Stub::FileCase, AttendanceReport("lc-1", "199006052015031005"));
  EXPECT_EQ(again.case_id(), id);
  EXPECT_EQ(again.reporter(), "");
  // The same request_id with a different request is refused, naming
  // request_id: it never answers with the first case.
  pb::FileCaseRequest changed = AttendanceReport("lc-1", "199006052015031005");
  changed.mutable_allegations(0)->set_absence_days(13);
  pb::Case refused_filing;
  grpc::Status reused = cases_->FileCase(Ctx().get(), changed, &refused_filing);
  EXPECT_EQ(reused.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(reused.error_message(), HasSubstr("request_id"));
  // The same request_id in another agency is another request: it is checked
  // on its own (this employee is not of PROV-CONTOH) and never gets
  // KOTA-CONTOH's case.
  pb::FileCaseRequest other_agency = AttendanceReport("lc-1", "199006052015031005");
  other_agency.set_agency_code("PROV-CONTOH");
  // Filing into another agency is not the city's operator's to do ...
  EXPECT_EQ(cases_->FileCase(Ctx().get(), other_agency, &refused_filing).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  // ... and for the province's operator it is a request of its own.
  agency_ = "PROV-CONTOH";
  grpc::Status scoped = cases_->FileCase(Ctx().get(), other_agency, &refused_filing);
  agency_ = "KOTA-CONTOH";
  EXPECT_EQ(scoped.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(scoped.error_message(), HasSubstr("agency_code"));

  pb::IssueSummonsRequest summons;
  summons.set_request_id("lc-2");
  summons.set_case_id(id);
  summons.set_version(1);
  // PP 94/2021 Pasal 26 ayat (2): the examination within 7 working days of
  // the letter (reference §2.5a).
  summons.set_issued_on("2026-03-06");
  summons.set_examination_on("2026-03-16");
  const pb::Case summoned = Must(&pb::CaseService::Stub::IssueSummons, summons);
  EXPECT_EQ(summoned.state(), pb::CASE_STATE_SUMMONED);

  // Sixteen copies of one change in flight at once, each based on version 1:
  // all get the first result (one commit), none a stale version.
  {
    pb::IssueSummonsRequest copy = summons;
    copy.set_request_id("lc-2-concurrent");
    std::vector<std::thread> threads;
    std::vector<grpc::Status> statuses(16);
    std::vector<int64_t> versions(16);
    // A fresh case for the race, so the lifecycle below is unchanged.
    const pb::Case raced = Must(&pb::CaseService::Stub::FileCase, AttendanceReport("lc-race", "199208222019032003"));
    copy.set_case_id(raced.case_id());
    for (int i = 0; i < 16; ++i) {
      threads.emplace_back([&, i] {
        pb::Case out;
        statuses[i] = cases_->IssueSummons(Ctx().get(), copy, &out);
        versions[i] = out.version();
      });
    }
    for (auto& t : threads) t.join();
    for (int i = 0; i < 16; ++i) {
      EXPECT_TRUE(statuses[i].ok()) << i << ": " << statuses[i].error_code() << " " << statuses[i].error_message();
      EXPECT_EQ(versions[i], 2) << i;
    }
  }

  // A change based on a stale version is refused.
  summons.set_request_id("lc-2-stale");
  pb::Case stale;
  EXPECT_EQ(cases_->IssueSummons(Ctx().get(), summons, &stale).error_code(), grpc::StatusCode::ABORTED);

  pb::RecordExaminationRequest exam;
  exam.set_request_id("lc-3");
  exam.set_case_id(id);
  exam.set_version(2);
  exam.set_examined_on("2026-03-16");
  exam.set_attended(true);
  auto* f = exam.add_findings();
  f->set_provision_id("PP94.4.f");
  f->set_proven(true);
  f->set_absence_days(12);
  // The BAP must be a stored document; the audit event records its hash.
  exam.set_bap_document_id("doc-00000000000000000000");
  pb::Case refused;
  grpc::Status missing = cases_->RecordExamination(Ctx().get(), exam, &refused);
  EXPECT_EQ(missing.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << missing.error_message();
  const pb::DocumentRef bap = UploadBap();
  exam.set_bap_document_id(bap.document_id());
  exam.add_examiner_nips("198009092005012002");
  const pb::Case examined = Must(&pb::CaseService::Stub::RecordExamination, exam);
  EXPECT_EQ(examined.state(), pb::CASE_STATE_EXAMINED);

  pb::RecommendSanctionRequest rec;
  rec.set_request_id("lc-4");
  rec.set_case_id(id);
  rec.set_version(3);
  rec.set_recommended_on("2026-03-17");
  const pb::Case recommended = Must(&pb::CaseService::Stub::RecommendSanction, rec);
  EXPECT_EQ(recommended.state(), pb::CASE_STATE_RECOMMENDED);
  const auto& assessment = recommended.recommendation().assessment();
  EXPECT_EQ(assessment.level(), pb::SANCTION_LEVEL_SEDANG);
  // 11-13 days: the KGB deferral in place of the 6-month tukin cut (KMK
  // 5/KMK.01/2022; law reference 2.5a).
  EXPECT_EQ(assessment.punishment(), pb::PUNISHMENT_PENUNDAAN_KGB_1_TAHUN);
  // Sedang for a pelaksana in a city: the PPK, the mayor (a political office).
  EXPECT_EQ(recommended.recommendation().authority().role(), pb::AUTHORITY_ROLE_PPK);
  EXPECT_EQ(recommended.recommendation().authority().name(), "H. Darmawan Saleh");
  EXPECT_EQ(recommended.recommendation().authority().title(), "Wali Kota Contoh");

  pb::DecideSanctionRequest decide;
  decide.set_request_id("lc-5");
  decide.set_case_id(id);
  decide.set_version(4);
  decide.set_outcome(pb::DECISION_OUTCOME_APPROVE);
  decide.set_decision_number("800.1.6.3/017/BKPSDM/2026");
  decide.set_decided_on("2026-03-25");
  const pb::Case decided = Must(&pb::CaseService::Stub::DecideSanction, decide);
  EXPECT_EQ(decided.state(), pb::CASE_STATE_DECIDED);
  EXPECT_EQ(decided.decision().punishment(), pb::PUNISHMENT_PENUNDAAN_KGB_1_TAHUN);
  ASSERT_EQ(decided.open_deadlines_size(), 1);
  EXPECT_EQ(decided.open_deadlines(0).what(), "delivery");
  // PP 94/2021 Pasal 37 ayat (3): "paling lambat 14 (empat belas) hari sejak
  // keputusan ditetapkan", calendar days by default (reference §2.5a).
  EXPECT_EQ(decided.open_deadlines(0).due_on(), "2026-04-08");

  pb::RecordDeliveryRequest deliver;
  deliver.set_request_id("lc-6");
  deliver.set_case_id(id);
  deliver.set_version(5);
  deliver.set_delivered_on("2026-03-26");
  const pb::Case delivered = Must(&pb::CaseService::Stub::RecordDelivery, deliver);
  EXPECT_EQ(delivered.effective_on(), "2026-04-17");  // 15th working day after receipt

  pb::CloseCaseRequest close;
  close.set_request_id("lc-7");
  close.set_case_id(id);
  close.set_version(6);
  close.set_reason("Hukuman telah disampaikan; tidak ada upaya administratif.");
  const pb::Case closed = Must(&pb::CaseService::Stub::CloseCase, close);
  EXPECT_EQ(closed.state(), pb::CASE_STATE_CLOSED);
  EXPECT_EQ(closed.version(), 7);

  // The history: seven events in order, each chained to the last.
  pb::GetCaseHistoryRequest hreq;
  hreq.set_case_id(id);
  hreq.set_page_size(4);
  std::vector<pb::AuditEvent> events;
  for (int page = 0; page < 3; ++page) {
    pb::GetCaseHistoryResponse hresp;
    ASSERT_TRUE(audit_->GetCaseHistory(Ctx().get(), hreq, &hresp).ok());
    events.insert(events.end(), hresp.events().begin(), hresp.events().end());
    if (hresp.next_page_token().empty()) break;
    hreq.set_page_token(hresp.next_page_token());
  }
  ASSERT_EQ(events.size(), 7u);
  const std::vector<std::string> actions = {"FileCase",          "IssueSummons",   "RecordExamination",
                                            "RecommendSanction", "DecideSanction", "RecordDelivery",
                                            "CloseCase"};
  for (size_t i = 0; i < events.size(); ++i) {
    EXPECT_EQ(events[i].sequence(), static_cast<int64_t>(i + 1));
    EXPECT_EQ(events[i].action(), actions[i]);
    EXPECT_THAT(events[i].actor(), HasSubstr("198009092005012002"));
    if (i > 0) {
      EXPECT_EQ(events[i].prev_hash(), events[i - 1].hash());
    }
  }
  EXPECT_EQ(events[0].to_state(), pb::CASE_STATE_RECEIVED);
  EXPECT_EQ(events[6].from_state(), pb::CASE_STATE_DECIDED);
  EXPECT_THAT(events[0].payload_json(), HasSubstr("[rahasia]")) << "the reporter stays confidential";
  EXPECT_THAT(events[0].payload_json(), ::testing::Not(HasSubstr("Sistem Kehadiran Kota Contoh")));
  EXPECT_THAT(events[2].payload_json(), HasSubstr(bap.sha256()));

  pb::VerifyCaseHistoryRequest vreq;
  vreq.set_case_id(id);
  pb::VerifyCaseHistoryResponse vresp;
  ASSERT_TRUE(audit_->VerifyCaseHistory(Ctx().get(), vreq, &vresp).ok());
  EXPECT_TRUE(vresp.valid()) << vresp.reason();
  EXPECT_EQ(vresp.events_checked(), 7);

  pb::ExportCaseHistoryRequest ereq;
  ereq.set_case_id(id);
  auto ctx = Ctx();
  auto reader = audit_->ExportCaseHistory(ctx.get(), ereq);
  pb::AuditEvent e;
  std::vector<std::string> hashes;
  while (reader->Read(&e)) hashes.push_back(e.hash());
  EXPECT_TRUE(reader->Finish().ok());
  ASSERT_EQ(hashes.size(), 7u);
  EXPECT_EQ(hashes.back(), events.back().hash());

  pb::ListCasesRequest list;
  list.set_agency_code("KOTA-CONTOH");
  list.set_state(pb::CASE_STATE_CLOSED);
  pb::ListCasesResponse listed;
  ASSERT_TRUE(cases_->ListCases(Ctx().get(), list, &listed).ok());
  ASSERT_EQ(listed.cases_size(), 1);
  EXPECT_EQ(listed.cases(0).case_id(), id);
}

TEST_F(LifecycleE2eTest, BadFilingsGiveTheirCodes) {
  pb::Case out;
  EXPECT_EQ(cases_->FileCase(Ctx().get(), AttendanceReport("bad-1", "199901012020011001"), &out).error_code(),
            grpc::StatusCode::NOT_FOUND);
  grpc::Status s = cases_->FileCase(Ctx().get(), AttendanceReport("bad-2", "1990-06-05"), &out);
  ASSERT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  google::rpc::Status details;
  ASSERT_TRUE(details.ParseFromString(s.error_details()));
  google::rpc::BadRequest bad;
  ASSERT_TRUE(details.details(0).UnpackTo(&bad));
  EXPECT_EQ(bad.field_violations(0).field(), "employee_nip");
  // An employee of another agency.
  pb::FileCaseRequest other = AttendanceReport("bad-3", "199102282016031005");
  EXPECT_EQ(cases_->FileCase(Ctx().get(), other, &out).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  pb::FileCaseRequest unknown = AttendanceReport("bad-4", "199006052015031005");
  unknown.mutable_allegations(0)->set_provision_id("PP94.9.z");
  EXPECT_EQ(cases_->FileCase(Ctx().get(), unknown, &out).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  pb::FileCaseRequest no_id = AttendanceReport("", "199006052015031005");
  EXPECT_EQ(cases_->FileCase(Ctx().get(), no_id, &out).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  pb::GetCaseRequest get;
  get.set_case_id("nosuchcase");
  EXPECT_EQ(cases_->GetCase(Ctx().get(), get, &out).error_code(), grpc::StatusCode::NOT_FOUND);
  // A page token is opaque: garbage is refused, not an empty last page.
  pb::ListCasesRequest list;
  list.set_page_token("garbage");
  pb::ListCasesResponse listed;
  EXPECT_EQ(cases_->ListCases(Ctx().get(), list, &listed).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

// Huge values are refused at once, naming the field, and the error never
// copies them back (a reply whose trailers outgrow gRPC's metadata limit
// would leave the client waiting for its deadline).
TEST_F(LifecycleE2eTest, HugeValuesAreRefusedQuicklyWithAShortMessage) {
  const std::string huge(1 << 20, 'X');
  auto quick = [&](auto call, grpc::StatusCode code, const std::string& field) {
    const absl::Time start = absl::Now();
    grpc::Status s = call();
    EXPECT_EQ(s.error_code(), code) << field << ": " << s.error_message().substr(0, 200);
    EXPECT_LT(s.error_message().size(), 300u) << field;
    EXPECT_LT(absl::Now() - start, absl::Seconds(15)) << field << ": the reply reached the client's deadline";
    if (!field.empty()) {
      google::rpc::Status details;
      ASSERT_TRUE(details.ParseFromString(s.error_details())) << field;
      google::rpc::BadRequest bad;
      ASSERT_TRUE(details.details(0).UnpackTo(&bad)) << field;
      EXPECT_EQ(bad.field_violations(0).field(), field);
    }
  };
  pb::Case out;
  pb::FileCaseRequest agency = AttendanceReport("huge-1", "199006052015031005");
  agency.set_agency_code(huge);
  quick([&] { return cases_->FileCase(Ctx().get(), agency, &out); }, grpc::StatusCode::INVALID_ARGUMENT, "agency_code");
  pb::FileCaseRequest reporter = AttendanceReport("huge-2", "199006052015031005");
  reporter.set_reporter(huge);
  quick([&] { return cases_->FileCase(Ctx().get(), reporter, &out); }, grpc::StatusCode::INVALID_ARGUMENT, "reporter");
  pb::FileCaseRequest provision = AttendanceReport("huge-3", "199006052015031005");
  provision.mutable_allegations(0)->set_provision_id(huge);
  quick([&] { return cases_->FileCase(Ctx().get(), provision, &out); }, grpc::StatusCode::INVALID_ARGUMENT,
        "allegations[0].provision_id");
  pb::FileCaseRequest negative = AttendanceReport("huge-4", "199006052015031005");
  negative.mutable_allegations(0)->set_absence_days(INT32_MIN);
  quick([&] { return cases_->FileCase(Ctx().get(), negative, &out); }, grpc::StatusCode::INVALID_ARGUMENT,
        "allegations[0].absence_days");
  pb::FileCaseRequest ancient = AttendanceReport("huge-5", "199006052015031005");
  ancient.set_received_on("0001-01-01");
  quick([&] { return cases_->FileCase(Ctx().get(), ancient, &out); }, grpc::StatusCode::INVALID_ARGUMENT,
        "received_on");
  pb::FileCaseRequest future = AttendanceReport("huge-6", "199006052015031005");
  future.mutable_allegations(0)->set_occurred_on("2099-01-01");
  quick([&] { return cases_->FileCase(Ctx().get(), future, &out); }, grpc::StatusCode::INVALID_ARGUMENT,
        "allegations[0].occurred_on");
  pb::GetCaseRequest get;
  get.set_case_id(huge);
  quick([&] { return cases_->GetCase(Ctx().get(), get, &out); }, grpc::StatusCode::INVALID_ARGUMENT, "case_id");
}

}  // namespace
}  // namespace discipline
