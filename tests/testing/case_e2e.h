#ifndef DISCIPLINE_TESTS_TESTING_CASE_E2E_H_
#define DISCIPLINE_TESTS_TESTING_CASE_E2E_H_

// The fixture of the e2e tests of CaseService and AuditService: a throwaway
// case database, the real server on port 0, stubs, a call context with a
// deadline, and helpers for the common calls.

#include <grpcpp/client_context.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>

#include "absl/time/clock.h"
#include "asn/discipline/v1/audit.grpc.pb.h"
#include "asn/discipline/v1/cases.grpc.pb.h"
#include "asn/discipline/v1/documents.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/testing/server_process.h"
#include "tests/testing/test_db.h"

namespace discipline::testing {

namespace pb = ::asn::discipline::v1;

class CaseE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = TestDatabase::Create();
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = std::move(*db);
    std::vector<std::string> args;
    std::string port_file;
    if (with_http_) {
      port_file = std::string(std::getenv("DISCIPLINE_TEST_TMP")) + "/http-" + db_->name() + ".port";
      args = {"--http_listen=127.0.0.1:0", "--http_port_file=" + port_file};
    }
    args.insert(args.end(), extra_args_.begin(), extra_args_.end());
    auto server = ServerProcess::Start(*db_, args, extra_config_, top_config_);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    cases_ = pb::CaseService::NewStub(server_->Channel());
    audit_ = pb::AuditService::NewStub(server_->Channel());
    // The gateway writes its port once it serves.
    for (int i = 0; with_http_ && i < 100 && http_port_ == 0; ++i) {
      std::ifstream in(port_file);
      if (!(in >> http_port_)) absl::SleepFor(absl::Milliseconds(50));
    }
    if (with_http_) {
      ASSERT_GT(http_port_, 0) << "the HTTP gateway did not start";
    }
  }
  // Set in a derived fixture's constructor: also serve the JSON gateway
  // (http_port_), and lines added to the documents { } config.
  bool with_http_ = false;
  std::string extra_config_;
  // Flags added to the server's command line, and top-level lines of its
  // generated config.
  std::vector<std::string> extra_args_;
  std::string top_config_;
  int http_port_ = 0;

  // A call context with a deadline and a token of `nip_` with `roles_` in
  // `agency_` (by default an operator who is also the PPK's office of
  // KOTA-CONTOH, so that one caller can take a case through its life).
  std::unique_ptr<grpc::ClientContext> Ctx() {
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(20)));
    AddToken(*ctx, nip_, agency_, roles_);
    return ctx;
  }
  std::string nip_ = "198009092005012002";
  std::string agency_ = "KOTA-CONTOH";
  std::vector<std::string> roles_ = {"operator", "ppk"};

  template <typename Request>
  grpc::Status Call(grpc::Status (pb::CaseService::Stub::*rpc)(grpc::ClientContext*, const Request&, pb::Case*),
                    const Request& req, pb::Case* out) {
    return (cases_.get()->*rpc)(Ctx().get(), req, out);
  }

  // The call, expected to succeed.
  template <typename Request>
  pb::Case Must(grpc::Status (pb::CaseService::Stub::*rpc)(grpc::ClientContext*, const Request&, pb::Case*),
                const Request& req) {
    pb::Case out;
    grpc::Status s = Call(rpc, req, &out);
    EXPECT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();
    return out;
  }

  // A change request of `c` at its current version.
  template <typename Request>
  static Request Change(const pb::Case& c, const std::string& request_id) {
    Request r;
    r.set_request_id(request_id);
    r.set_case_id(c.case_id());
    r.set_version(c.version());
    return r;
  }

  // Files a case of `agency_` for `nip` alleging `finding`, summons it on
  // 1 Oct 2026 for 12 Oct, and records the examination of 12 Oct with the
  // finding proven, a BAP, and `examiner` as the examiner (and the
  // examination team, when `team`). The examined case.
  pb::Case Examined(const std::string& prefix, const std::string& nip, const pb::Finding& finding,
                    const std::string& examiner, bool team, const std::string& reporter = "") {
    pb::FileCaseRequest file;
    file.set_request_id(prefix + "-file");
    file.set_agency_code(agency_);
    file.set_employee_nip(nip);
    file.set_source(pb::SOURCE_APIP);
    file.set_reporter(reporter);
    auto* a = file.add_allegations();
    a->set_provision_id(finding.provision_id());
    a->set_impact(finding.impact());
    a->set_absence_days(finding.absence_days());
    file.set_received_on("2026-10-01");
    return SummonedAndExamined(Must(&pb::CaseService::Stub::FileCase, file), prefix, finding, examiner, team);
  }

  // A filed case summoned on 1 Oct 2026 for 12 Oct, naming `examiner` (and
  // the examination team, when `team`), and examined on 12 Oct with
  // `finding` proven, a BAP, and `examiner`. The examined case.
  pb::Case SummonedAndExamined(pb::Case c, const std::string& prefix, const pb::Finding& finding,
                               const std::string& examiner, bool team) {
    auto summons = Change<pb::IssueSummonsRequest>(c, prefix + "-summons");
    summons.set_issued_on("2026-10-01");
    summons.set_examination_on("2026-10-12");
    // Examiners are named before they act (api.md "Safe edges").
    summons.add_examiner_nips(examiner);
    if (team) {
      summons.add_examination_team_nips(examiner);
      summons.set_examination_team_decree_number("800/TIM/" + prefix + "/2026");
    }
    c = Must(&pb::CaseService::Stub::IssueSummons, summons);
    auto exam = Change<pb::RecordExaminationRequest>(c, prefix + "-exam");
    exam.set_examined_on("2026-10-12");
    exam.set_attended(true);
    *exam.add_findings() = finding;
    exam.set_bap_document_id(UploadBap().document_id());
    exam.add_examiner_nips(examiner);
    if (team) exam.add_examination_team_nips(examiner);
    return Must(&pb::CaseService::Stub::RecordExamination, exam);
  }

  // Uploads a small BAP; its reference.
  pb::DocumentRef UploadBap(const std::string& file_name = "BAP.pdf") {
    auto docs = pb::DocumentService::NewStub(server_->Channel());
    auto ctx = Ctx();
    pb::DocumentRef ref;
    auto writer = docs->UploadDocument(ctx.get(), &ref);
    pb::UploadDocumentRequest m;
    m.mutable_metadata()->set_kind(pb::DOCUMENT_KIND_BAP);
    m.mutable_metadata()->set_file_name(file_name);
    m.mutable_metadata()->set_media_type("application/pdf");
    EXPECT_TRUE(writer->Write(m));
    pb::UploadDocumentRequest chunk;
    chunk.set_chunk("%PDF-1.4 Berita Acara Pemeriksaan (contoh)");
    EXPECT_TRUE(writer->Write(chunk));
    writer->WritesDone();
    grpc::Status s = writer->Finish();
    EXPECT_TRUE(s.ok()) << s.error_message();
    return ref;
  }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<pb::CaseService::Stub> cases_;
  std::unique_ptr<pb::AuditService::Stub> audit_;
};

}  // namespace discipline::testing

#endif  // DISCIPLINE_TESTS_TESTING_CASE_E2E_H_
