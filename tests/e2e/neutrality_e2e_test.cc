// e2e: neutrality follow-through on the real server and MariaDB. BKN files
// a recommendation into an agency; the server's escalation timer (every
// second here) marks it overdue and asks for blocking; the PPK's decision
// ends it and lifts the blocking. The reports count it, over gRPC and as
// CSV, CSV for Excel and XLSX over HTTP, against figures counted by hand.

#include <httplib.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <functional>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "adapters/mariadb/connection.h"
#include "asn/discipline/v1/reports.grpc.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/case_e2e.h"
#include "tests/testing/requests.h"

namespace discipline {
namespace {

namespace pb = ::asn::discipline::v1;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr char kEmployee[] = "199006052015031005";  // a pelaksana of KOTA-CONTOH
constexpr char kBknNip[] = "197001011995031001";

// One cell of a workbook as tests/e2e/read_xlsx.py (openpyxl) read it.
struct Cell {
  std::string kind;  // s, n, d, b
  std::string value;
  double number = 0;
  bool bold = false;
};
// "Sheet!row,column" → its cell; empty when the reader refused the file.
using Workbook = absl::flat_hash_map<std::string, Cell>;

Workbook ReadWorkbook(const std::string& bytes) {
  const std::string dir = std::getenv("DISCIPLINE_TEST_TMP");
  const std::string in = absl::StrCat(dir, "/report-", getpid(), ".xlsx"), out = in + ".tsv";
  std::ofstream(in, std::ios::binary) << bytes;
  const std::string cmd =
      absl::StrCat("/usr/bin/python3 ", DISCIPLINE_SOURCE_DIR, "/tests/e2e/read_xlsx.py ", in, " >", out);
  if (std::system(cmd.c_str()) != 0) return {};
  std::ifstream tsv(out);
  Workbook book;
  for (std::string line; std::getline(tsv, line);) {
    const std::vector<std::string> f = absl::StrSplit(line, '\t');
    if (f.size() != 6) continue;
    Cell c{f[3], f[4], 0, f[5] == "1"};
    if (c.kind == "n") (void)absl::SimpleAtod(c.value, &c.number);
    book[absl::StrCat(f[0], "!", f[1], ",", f[2])] = c;
  }
  return book;
}

std::string Today() { return absl::FormatTime("%Y-%m-%d", absl::Now(), absl::FixedTimeZone(7 * 3600)); }

class NeutralityE2eTest : public testing::CaseE2eTest {
 protected:
  NeutralityE2eTest() {
    with_http_ = true;
    extra_args_ = {"--escalation_interval_seconds=1"};
  }

  // As BKN's supervisor: a recommendation for SKB2022.5 (campaigning with
  // party or PNS attributes for a calon: PP 94/2021 Pasal 5 huruf n angka 2).
  pb::Case FileRecommendation(const std::string& id, const std::string& due_on, pb::NeutralityAspect aspect) {
    const pb::FileCaseRequest r = testing::BknRecommendation(id, due_on, aspect);
    return As(kBknNip, "BKN", {"supervisor"}, [&] { return Must(&pb::CaseService::Stub::FileCase, r); });
  }

  // Runs `fn` with another caller's token.
  pb::Case As(const std::string& nip, const std::string& agency, std::vector<std::string> roles,
              const std::function<pb::Case()>& fn) {
    const std::string saved_nip = nip_, saved_agency = agency_;
    const std::vector<std::string> saved_roles = roles_;
    nip_ = nip;
    agency_ = agency;
    roles_ = std::move(roles);
    pb::Case out = fn();
    nip_ = saved_nip;
    agency_ = saved_agency;
    roles_ = saved_roles;
    return out;
  }

  pb::Case Get(const std::string& id) {
    pb::GetCaseRequest r;
    r.set_case_id(id);
    return Must(&pb::CaseService::Stub::GetCase, r);
  }

  // Polls until the follow-up reaches `state` (the timer runs every second).
  pb::Case AwaitFollowUp(const std::string& id, pb::FollowUpState state) {
    pb::Case c;
    for (int i = 0; i < 150; ++i) {
      c = Get(id);
      if (c.follow_up().state() == state) return c;
      absl::SleepFor(absl::Milliseconds(100));
    }
    ADD_FAILURE() << "follow-up of " << id << " stayed " << pb::FollowUpState_Name(c.follow_up().state());
    return c;
  }

  // Summons, examination (the form proven), recommendation and the
  // decision of the official the recommendation names: the KGB deferral
  // (the sedang type in force, KMK 5/KMK.01/2022; law reference 2.5a).
  // With a `reject_reason`, the official rejects the recommendation instead.
  pb::Case Decide(pb::Case c, const std::string& prefix, const std::string& reject_reason = "") {
    pb::Finding f;
    f.set_provision_id("SKB2022.5");
    f.set_candidate_status(pb::CANDIDATE_STATUS_CALON);
    f.set_proven(true);
    c = SummonedAndExamined(c, prefix, f, "198009092005012002", false);
    c = Must(&pb::CaseService::Stub::RecommendSanction, Change<pb::RecommendSanctionRequest>(c, prefix + "-rec"));
    auto decide = Change<pb::DecideSanctionRequest>(c, prefix + "-decide");
    if (reject_reason.empty()) {
      decide.set_outcome(pb::DECISION_OUTCOME_APPROVE);
      decide.set_punishment(pb::PUNISHMENT_PENUNDAAN_KGB_1_TAHUN);
    } else {
      decide.set_outcome(pb::DECISION_OUTCOME_REJECT);
      decide.set_reason(reject_reason);
    }
    decide.set_decision_number(absl::StrCat("800/", prefix, "/2026"));
    decide.set_decided_on(Today());
    const pb::Official& who = c.recommendation().authority();
    if (who.role() == pb::AUTHORITY_ROLE_PPK) return Must(&pb::CaseService::Stub::DecideSanction, decide);
    return As(who.nip(), "KOTA-CONTOH", {"official"},
              [&] { return Must(&pb::CaseService::Stub::DecideSanction, decide); });
  }

  std::unique_ptr<grpc::ClientContext> ReportCtx(const std::string& nip, const std::string& agency,
                                                 const std::string& role) {
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(20)));
    testing::AddToken(*ctx, nip, agency, {role});
    return ctx;
  }
};

TEST_F(NeutralityE2eTest, OverdueThenBlockedByTheTimerThenDecidedAndLifted) {
  const pb::Case filed = FileRecommendation("n-1", "2026-10-15", pb::NEUTRALITY_ASPECT_POLITIK);
  // Its due day has passed: it reads OVERDUE at once (derived when read);
  // the timer stores the step, with overdue_on, and the blocking request.
  EXPECT_EQ(filed.follow_up().state(), pb::FOLLOW_UP_STATE_OVERDUE);
  EXPECT_EQ(filed.follow_up().overdue_on(), "");
  EXPECT_EQ(filed.follow_up().due_on(), "2026-10-15");
  EXPECT_EQ(filed.external_recommendation().issuer(), pb::ISSUER_BKN);
  ASSERT_EQ(filed.open_deadlines_size(), 1);
  EXPECT_EQ(filed.open_deadlines(0).what(), "ppk_follow_up");
  // Past the due day and its grace: overdue, then a blocking request, each
  // by the server itself.
  const pb::Case blocked = AwaitFollowUp(filed.case_id(), pb::FOLLOW_UP_STATE_BLOCKING_REQUESTED);
  EXPECT_EQ(blocked.follow_up().overdue_on(), Today());
  EXPECT_EQ(blocked.follow_up().blocking_requested_on(), Today());
  pb::GetCaseHistoryRequest h;
  h.set_case_id(filed.case_id());
  pb::GetCaseHistoryResponse history;
  ASSERT_TRUE(audit_->GetCaseHistory(Ctx().get(), h, &history).ok());
  std::vector<std::string> escalations;
  for (const auto& e : history.events()) {
    if (e.action() != "EscalateFollowUp") continue;
    EXPECT_TRUE(absl::StartsWith(e.actor(), "system")) << e.actor();
    escalations.push_back(e.payload_json());
  }
  ASSERT_EQ(escalations.size(), 2u) << "each step once, however often the timer ran";
  EXPECT_THAT(escalations[0], HasSubstr("OVERDUE"));
  EXPECT_THAT(escalations[1], HasSubstr("BLOCKING_REQUESTED"));

  const pb::Case decided = Decide(blocked, "n-1");
  ASSERT_EQ(decided.state(), pb::CASE_STATE_DECIDED);
  EXPECT_EQ(decided.follow_up().state(), pb::FOLLOW_UP_STATE_DONE);
  EXPECT_EQ(decided.follow_up().done_on(), Today());
  EXPECT_EQ(decided.follow_up().blocking_lifted_on(), Today());
  for (const auto& d : decided.open_deadlines()) EXPECT_NE(d.what(), "ppk_follow_up");
  pb::VerifyCaseHistoryRequest v;
  v.set_case_id(filed.case_id());
  pb::VerifyCaseHistoryResponse verified;
  ASSERT_TRUE(audit_->VerifyCaseHistory(Ctx().get(), v, &verified).ok());
  EXPECT_TRUE(verified.valid());
}

TEST_F(NeutralityE2eTest, AMissingAspectIsRefusedNamingTheField) {
  pb::FileCaseRequest r;
  r.set_request_id("n-aspect");
  r.set_agency_code("KOTA-CONTOH");
  r.set_employee_nip(kEmployee);
  r.set_source(pb::SOURCE_BAWASLU);
  r.add_allegations()->set_provision_id("SKB2022.4");
  r.set_received_on("2026-10-01");
  pb::Case out;
  const grpc::Status s = Call(&pb::CaseService::Stub::FileCase, r, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("allegations[0].neutrality_aspect"));
}

// Migration 0010: cases stored before the report columns existed (0008)
// are counted once the server that starts after the upgrade has filled
// their columns from the stored cases, not only after their next change.
TEST_F(NeutralityE2eTest, CasesStoredBeforeTheReportColumnsAreCountedAfterTheServerStarts) {
  FileRecommendation("old-a", "2027-01-29", pb::NEUTRALITY_ASPECT_POLITIK);
  Decide(FileRecommendation("old-b", "2027-01-29", pb::NEUTRALITY_ASPECT_POLITIK), "old-b");
  auto report = [&] {
    auto reports = pb::ReportService::NewStub(server_->Channel());
    pb::GetFollowThroughReportRequest req;
    req.set_from("2026-10-01");  // the recommendations' receipt (testing::BknRecommendation)
    req.set_to("2026-10-31");
    pb::FollowThroughReport r;
    const grpc::Status s = reports->GetFollowThroughReport(ReportCtx(kBknNip, "BKN", "supervisor").get(), req, &r);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return r;
  };
  ASSERT_EQ(report().total().received(), 2);

  // The rows as a server before 0008 left them; the cases themselves as they were.
  auto owner = mariadb::Connection::Open(db_->Owner());
  ASSERT_TRUE(owner.ok()) << owner.status();
  ASSERT_TRUE((*owner)
                  ->Execute("UPDATE cases SET neutrality_aspects = 0, follow_up_state = 0, follow_up_due_on = NULL, "
                            "follow_up_done_on = NULL, decided_on = NULL, punishment = 0, provision_id = NULL, "
                            "report_columns = 0")
                  .ok());
  ASSERT_EQ(report().total().received(), 0);

  // The upgraded server starts, and fills them in while it serves.
  ASSERT_EQ(server_->Stop(), 0);
  auto restarted = testing::ServerProcess::Start(*db_, {"--escalation_interval_seconds=1"});
  ASSERT_TRUE(restarted.ok()) << restarted.status();
  server_ = std::move(*restarted);
  pb::FollowThroughReport r;
  for (int i = 0; i < 100 && (r = report()).total().received() < 2; ++i) absl::SleepFor(absl::Milliseconds(100));
  EXPECT_EQ(r.total().received(), 2);
  EXPECT_EQ(r.total().decided_in_time(), 1);
  EXPECT_EQ(r.total().open(), 1);
  ASSERT_GE(r.aspects_size(), 1);
  EXPECT_EQ(r.aspects(0).neutrality_aspect(), pb::NEUTRALITY_ASPECT_POLITIK);
  EXPECT_EQ(r.aspects(0).cases(), 2);
}

TEST_F(NeutralityE2eTest, ReportsCountedByHandOverGrpcAndCsv) {
  // A: due 15 Oct (blocked by now); B: due 29 Jan 2027 (open, within its
  // period); C: due 29 Jan 2027 and decided today (in time).
  const pb::Case a = FileRecommendation("r-a", "2026-10-15", pb::NEUTRALITY_ASPECT_POLITIK);
  FileRecommendation("r-b", "2027-01-29", pb::NEUTRALITY_ASPECT_PELAYANAN_PUBLIK);
  Decide(FileRecommendation("r-c", "2027-01-29", pb::NEUTRALITY_ASPECT_POLITIK), "r-c");
  AwaitFollowUp(a.case_id(), pb::FOLLOW_UP_STATE_BLOCKING_REQUESTED);

  auto reports = pb::ReportService::NewStub(server_->Channel());
  pb::GetFollowThroughReportRequest req;
  req.set_from("2026-10-01");
  req.set_to("2026-10-31");
  pb::FollowThroughReport r;
  grpc::Status s = reports->GetFollowThroughReport(ReportCtx(kBknNip, "BKN", "supervisor").get(), req, &r);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(r.rows_size(), 1);
  const pb::FollowThroughRow& row = r.rows(0);
  EXPECT_EQ(row.agency_code(), "KOTA-CONTOH");
  EXPECT_EQ(row.received(), 3);
  EXPECT_EQ(row.decided_in_time(), 1);
  EXPECT_EQ(row.decided_late(), 0);
  EXPECT_EQ(row.open(), 2);
  EXPECT_EQ(row.overdue(), 1);
  EXPECT_EQ(row.blocking_requested(), 1);
  EXPECT_NEAR(row.follow_through_rate(), 1.0 / 3, 1e-9);
  ASSERT_EQ(r.aspects_size(), 3);
  EXPECT_EQ(r.aspects(0).neutrality_aspect(), pb::NEUTRALITY_ASPECT_POLITIK);
  EXPECT_EQ(r.aspects(0).cases(), 2);
  EXPECT_EQ(r.aspects(0).decided(), 1);
  EXPECT_EQ(r.aspects(1).cases(), 1);
  EXPECT_EQ(r.aspects(2).cases(), 0);
  // Filtered by aspect.
  req.set_neutrality_aspect(pb::NEUTRALITY_ASPECT_PELAYANAN_PUBLIK);
  ASSERT_TRUE(reports->GetFollowThroughReport(ReportCtx(kBknNip, "BKN", "supervisor").get(), req, &r).ok());
  EXPECT_EQ(r.total().received(), 1);
  req.clear_neutrality_aspect();

  // An agency's auditor sees its own agency; not another's; an operator none.
  ASSERT_TRUE(
      reports->GetFollowThroughReport(ReportCtx("198009092005012002", "KOTA-CONTOH", "auditor").get(), req, &r).ok());
  EXPECT_EQ(r.total().received(), 3);
  req.set_agency_code("KOTA-CONTOH");
  EXPECT_EQ(reports->GetFollowThroughReport(ReportCtx("198009092005012002", "PROV-CONTOH", "auditor").get(), req, &r)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(reports->GetFollowThroughReport(ReportCtx("198009092005012002", "KOTA-CONTOH", "operator").get(), req, &r)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  req.set_from("2026-11-01");
  req.set_to("2026-10-01");
  EXPECT_EQ(reports->GetFollowThroughReport(ReportCtx(kBknNip, "BKN", "supervisor").get(), req, &r).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);

  // The consistency report: C's punishment, under the PP 94 provision the
  // form resolves to.
  pb::GetConsistencyReportRequest creq;
  creq.set_from(Today());
  creq.set_to(Today());
  pb::ConsistencyReport cr;
  s = reports->GetConsistencyReport(ReportCtx(kBknNip, "BKN", "supervisor").get(), creq, &cr);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(cr.rows_size(), 1);
  EXPECT_EQ(cr.rows(0).provision_id(), "PP94.5.n.2");
  EXPECT_EQ(cr.rows(0).agency_code(), "KOTA-CONTOH");
  EXPECT_EQ(cr.rows(0).punishment(), pb::PUNISHMENT_PENUNDAAN_KGB_1_TAHUN);
  EXPECT_EQ(cr.rows(0).count(), 1);

  // The same report as CSV over the intranet's gateway.
  httplib::Client http("127.0.0.1", http_port_);
  auto issuer = testing::DemoIssuer();
  ASSERT_TRUE(issuer.ok());
  const httplib::Headers bkn = {
      {"Authorization", "Bearer " + (*issuer)->Mint(kBknNip, "Pengawas BKN", "BKN", {"supervisor"})}};
  auto csv = http.Get("/v1/reports/follow-through?from=2026-10-01&to=2026-10-31&format=csv", bkn);
  ASSERT_TRUE(csv);
  EXPECT_EQ(csv->status, 200);
  EXPECT_THAT(csv->get_header_value("Content-Type"), HasSubstr("text/csv"));
  const std::vector<std::string> lines = absl::StrSplit(csv->body, "\r\n", absl::SkipEmpty());
  ASSERT_EQ(lines.size(), 2u) << csv->body;
  EXPECT_EQ(lines[0], "agencyCode,received,decidedInTime,decidedLate,open,overdue,blockingRequested,followThroughRate");
  EXPECT_EQ(lines[1], "KOTA-CONTOH,3,1,0,2,1,1,0.333333");
  auto json = http.Get("/v1/reports/consistency?from=" + Today() + "&to=" + Today(), bkn);
  ASSERT_TRUE(json);
  EXPECT_EQ(json->status, 200);
  EXPECT_THAT(json->body, HasSubstr("PP94.5.n.2"));
  // xlsx is a format now (docs/intranet.md); an unknown one is still 400.
  auto bad = http.Get("/v1/reports/follow-through?format=pdf", bkn);
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  auto not_report = http.Get("/v1/cases?format=csv", bkn);
  ASSERT_TRUE(not_report);
  EXPECT_EQ(not_report->status, 400);
  auto not_report_xlsx = http.Get("/v1/cases?format=xlsx", bkn);
  ASSERT_TRUE(not_report_xlsx);
  EXPECT_EQ(not_report_xlsx->status, 400);

  // The same report for Excel in an Indonesian locale: a UTF-8 BOM, ';'
  // between fields (',' is the decimal separator there), a decimal comma.
  auto excel = http.Get("/v1/reports/follow-through?from=2026-10-01&to=2026-10-31&format=csv-excel", bkn);
  ASSERT_TRUE(excel);
  EXPECT_EQ(excel->status, 200);
  EXPECT_THAT(excel->get_header_value("Content-Type"), HasSubstr("text/csv"));
  EXPECT_THAT(excel->get_header_value("Content-Disposition"), HasSubstr(".csv"));
  ASSERT_TRUE(absl::StartsWith(excel->body, "\xEF\xBB\xBF")) << excel->body.substr(0, 20);
  const std::vector<std::string> excel_lines = absl::StrSplit(excel->body.substr(3), "\r\n", absl::SkipEmpty());
  ASSERT_EQ(excel_lines.size(), 2u) << excel->body;
  EXPECT_THAT(std::vector<std::string>(absl::StrSplit(excel_lines[0], ';')),
              ElementsAre("agencyCode", "received", "decidedInTime", "decidedLate", "open", "overdue",
                          "blockingRequested", "followThroughRate"));
  // The same figures as counted by hand above: 3 received, 1 in time, 2
  // open, 1 overdue, 1 blocking asked, 1/3 followed through.
  EXPECT_THAT(std::vector<std::string>(absl::StrSplit(excel_lines[1], ';')),
              ElementsAre("KOTA-CONTOH", "3", "1", "0", "2", "1", "1", "0,333333"));

  // And as an Excel workbook, read back by openpyxl.
  auto xlsx = http.Get("/v1/reports/follow-through?from=2026-10-01&to=2026-10-31&format=xlsx", bkn);
  ASSERT_TRUE(xlsx);
  EXPECT_EQ(xlsx->status, 200);
  EXPECT_EQ(xlsx->get_header_value("Content-Type"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_THAT(xlsx->get_header_value("Content-Disposition"), HasSubstr("GetFollowThroughReport.xlsx"));
  EXPECT_EQ(xlsx->get_header_value("Cache-Control"), "no-store");
  const Workbook book = ReadWorkbook(xlsx->body);
  ASSERT_FALSE(book.empty()) << "openpyxl could not read the workbook";
  const char* const header[] = {"agencyCode", "received", "decidedInTime",     "decidedLate",
                                "open",       "overdue",  "blockingRequested", "followThroughRate"};
  for (int col = 1; col <= 8; ++col) {
    const std::string at = absl::StrCat("Laporan!1,", col);
    ASSERT_TRUE(book.contains(at)) << at;
    EXPECT_EQ(book.at(at).kind, "s") << at;
    EXPECT_EQ(book.at(at).value, header[col - 1]) << at;
    EXPECT_TRUE(book.at(at).bold) << "the header row is bold: " << at;
  }
  EXPECT_EQ(book.at("Laporan!2,1").value, "KOTA-CONTOH");
  EXPECT_FALSE(book.at("Laporan!2,1").bold);
  const double figures[] = {3, 1, 0, 2, 1, 1};
  for (int col = 2; col <= 7; ++col) {
    const std::string at = absl::StrCat("Laporan!2,", col);
    ASSERT_TRUE(book.contains(at)) << at;
    EXPECT_EQ(book.at(at).kind, "n") << at;
    EXPECT_EQ(book.at(at).number, figures[col - 2]) << at;
  }
  EXPECT_NEAR(book.at("Laporan!2,8").number, 1.0 / 3, 1e-9);
  EXPECT_FALSE(book.contains("Laporan!3,1")) << "one agency, one row";
  // The report's period as real Excel dates.
  ASSERT_TRUE(book.contains("Keterangan!1,2"));
  EXPECT_EQ(book.at("Keterangan!1,1").value, "from");
  EXPECT_EQ(book.at("Keterangan!1,2").kind, "d");
  EXPECT_EQ(book.at("Keterangan!1,2").value, "2026-10-01");
  EXPECT_EQ(book.at("Keterangan!2,1").value, "to");
  EXPECT_EQ(book.at("Keterangan!2,2").kind, "d");
  EXPECT_EQ(book.at("Keterangan!2,2").value, "2026-10-31");
}

// Reference §2.5a, the superior's liability (≈ PP 94/2021 Pasal 24): a
// decision that rejects proven findings is flagged and counted per agency by
// the consistency report; a case decided with a punishment is not.
TEST_F(NeutralityE2eTest, ARejectionOfProvenFindingsIsCountedByTheConsistencyReport_Reference25aPasal24) {
  // Two recommendations into KOTA-CONTOH, both with the finding proven: one
  // decided with a punishment, one rejected by the official with a reason.
  const pb::Case kept = Decide(FileRecommendation("p-kept", "2027-01-29", pb::NEUTRALITY_ASPECT_POLITIK), "p-kept");
  ASSERT_EQ(kept.state(), pb::CASE_STATE_DECIDED);
  EXPECT_FALSE(kept.decision().rejected_proven_findings());
  const pb::Case rejected = Decide(FileRecommendation("p-rej", "2027-01-29", pb::NEUTRALITY_ASPECT_POLITIK), "p-rej",
                                   "Pegawai sedang menjalani tugas belajar yang tidak tercatat.");
  ASSERT_EQ(rejected.state(), pb::CASE_STATE_DISMISSED);
  EXPECT_TRUE(rejected.decision().rejected_proven_findings());

  auto reports = pb::ReportService::NewStub(server_->Channel());
  pb::GetConsistencyReportRequest creq;
  creq.set_from(Today());  // both decided today
  creq.set_to(Today());
  pb::ConsistencyReport cr;
  const grpc::Status s = reports->GetConsistencyReport(ReportCtx(kBknNip, "BKN", "supervisor").get(), creq, &cr);
  ASSERT_TRUE(s.ok()) << s.error_message();
  // One rejection of proven findings, in the agency of both cases; the
  // punished case is not one.
  ASSERT_EQ(cr.rejections_of_proven_findings_size(), 1);
  EXPECT_EQ(cr.rejections_of_proven_findings(0).agency_code(), "KOTA-CONTOH");
  EXPECT_EQ(cr.rejections_of_proven_findings(0).count(), 1);
  EXPECT_EQ(cr.rejections_of_proven_findings_total(), 1);
  // The punishments: only the kept case's (a rejection punishes nobody).
  int64_t punished = 0;
  for (const pb::ConsistencyRow& row : cr.rows()) punished += row.count();
  EXPECT_EQ(punished, 1);

  // A period before the decisions counts none.
  creq.set_from("2026-01-01");
  creq.set_to("2026-01-31");
  ASSERT_TRUE(reports->GetConsistencyReport(ReportCtx(kBknNip, "BKN", "supervisor").get(), creq, &cr).ok());
  EXPECT_EQ(cr.rejections_of_proven_findings_size(), 0);
  EXPECT_EQ(cr.rejections_of_proven_findings_total(), 0);
}

}  // namespace
}  // namespace discipline
