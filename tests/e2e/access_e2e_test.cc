// e2e: who may do what, through the real server with real signed tokens.
// Every RPC × every role × a caller of the case's own agency and of another
// agency, each cell asserting the exact code the API contract
// (api.md, "Identity") gives it; the matrix is printed. Also: the sealed
// reporter, and the audit actor.

#include <grpcpp/client_context.h>

#include <cstdio>
#include <functional>
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "asn/discipline/v1/rules.grpc.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/case_e2e.h"

namespace discipline {
namespace {

namespace pb = ::asn::discipline::v1;
using grpc::StatusCode;
using ::testing::HasSubstr;

constexpr char kOwn[] = "KOTA-CONTOH";
constexpr char kOther[] = "PROV-CONTOH";

// The NIP each role's token carries (demo personnel of KOTA-CONTOH).
const std::map<std::string, std::string> kNipOf = {{"operator", "199208222019032003"},
                                                   {"intake", "199501302020121006"},
                                                   {"examiner", "197802142003121003"},
                                                   {"official", "198009092005012002"},
                                                   {"ppk", ""},
                                                   {"auditor", "198604182011012004"},
                                                   {"supervisor", "197407071999031008"},
                                                   {"admin", "198301172009021004"}};
const std::vector<std::string> kRoles = {"operator", "ppk",     "intake",     "examiner",
                                         "official", "auditor", "supervisor", "admin"};

// The contract, restated: the code each cell must give. "own" is a caller of
// the case's agency. Allowed reads answer OK; allowed changes are sent on a
// stale version and answer ABORTED (the authorization passed, the version
// check ran); a role without the right is PERMISSION_DENIED; a case outside
// the caller's scope is NOT_FOUND.
StatusCode Expected(const std::string& rpc, const std::string& role, bool own) {
  const bool reader = role != "admin";  // every role of the agency but admin; supervisor everywhere
  auto read = [&] {
    if (!reader) return StatusCode::PERMISSION_DENIED;
    return own || role == "supervisor" ? StatusCode::OK : StatusCode::NOT_FOUND;
  };
  auto change = [&](std::initializer_list<const char*> roles) {
    for (const char* r : roles) {
      if (role == r) return own ? StatusCode::ABORTED : StatusCode::NOT_FOUND;
    }
    return StatusCode::PERMISSION_DENIED;
  };
  if (rpc == "AssessViolation" || rpc == "ListProvisions" || rpc == "AddWorkingDays") return StatusCode::OK;
  if (rpc == "FileCase") {
    if (role == "supervisor") return StatusCode::OK;  // a recommendation, into any agency
    if (role == "operator" || role == "intake") return own ? StatusCode::OK : StatusCode::PERMISSION_DENIED;
    return StatusCode::PERMISSION_DENIED;
  }
  if (rpc == "ListCases") {
    if (!reader) return StatusCode::PERMISSION_DENIED;
    return own || role == "supervisor" ? StatusCode::OK : StatusCode::PERMISSION_DENIED;
  }
  if (rpc == "GetCase" || rpc == "GetCaseHistory" || rpc == "VerifyCaseHistory" || rpc == "ExportCaseHistory" ||
      rpc == "GetDocument") {
    return read();
  }
  if (rpc == "IssueSummons" || rpc == "RecordDelivery" || rpc == "FileRemedy" || rpc == "CloseCase") {
    return change({"operator"});
  }
  // The examiner is named on the examination (in the request, or on the case).
  if (rpc == "RecordExamination" || rpc == "RecommendSanction") return change({"operator", "examiner"});
  // The case's official is the pengawas (ringan for a pelaksana); the PPK's
  // office does not decide it.
  if (rpc == "DecideSanction") {
    if (role == "official") return own ? StatusCode::ABORTED : StatusCode::NOT_FOUND;
    if (role == "ppk") return own ? StatusCode::PERMISSION_DENIED : StatusCode::NOT_FOUND;
    return StatusCode::PERMISSION_DENIED;
  }
  if (rpc == "DecideRemedy") return change({"operator", "ppk"});
  // Separation of duties: the agency's PPK confirms a termination or an
  // annulment (api.md "Safe edges").
  if (rpc == "ConfirmCaseAction") return change({"ppk"});
  // The temporary release and the employee's events: operators (api.md,
  // third stage).
  if (rpc == "ReleaseFromDuty" || rpc == "RecordEmployeeEvent") return change({"operator"});
  if (rpc == "UploadDocument") {
    if (role == "operator" || role == "intake" || role == "examiner")
      return own ? StatusCode::OK : StatusCode::NOT_FOUND;
    return StatusCode::PERMISSION_DENIED;
  }
  ADD_FAILURE() << "no expectation for " << rpc;
  return StatusCode::UNKNOWN;
}

class AccessE2eTest : public ::discipline::testing::CaseE2eTest {
 protected:
  void SetUp() override {
    CaseE2eTest::SetUp();
    rules_ = pb::RulesService::NewStub(server_->Channel());
    docs_ = pb::DocumentService::NewStub(server_->Channel());
    // Andi Saputra (pelaksana), 5 days' absence: ringan, decided by his
    // pengawas Rina Marlina (198009092005012002).
    examined_ = Examined("e");
    recommended_ = Examined("r");
    auto rec = Change<pb::RecommendSanctionRequest>(recommended_, "r-rec");
    rec.set_recommended_on("2026-10-13");
    recommended_ = Must(&pb::CaseService::Stub::RecommendSanction, rec);
    ASSERT_EQ(recommended_.recommendation().authority().nip(), "198009092005012002");
    document_id_ = UploadBap().document_id();
  }
  pb::Case Examined(const std::string& prefix) {
    pb::Finding f;
    f.set_provision_id("PP94.4.f");
    f.set_proven(true);
    f.set_absence_days(5);
    return CaseE2eTest::Examined(prefix, "199006052015031005", f, "197802142003121003", /*team=*/false,
                                 "Pelapor Rahasia");
  }
  std::unique_ptr<grpc::ClientContext> As(const std::string& role, const std::string& agency) {
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(20)));
    ::discipline::testing::AddToken(*ctx, kNipOf.at(role), agency, {role});
    return ctx;
  }
  template <typename Request>
  Request Stale(const pb::Case& c, const std::string& rid) {
    Request r = Change<Request>(c, rid);
    r.set_version(999);
    return r;
  }
  // One call of `rpc` as `role` of `agency`; its code.
  StatusCode Cell(const std::string& rpc, const std::string& role, const std::string& agency, int n) {
    auto ctx = As(role, agency);
    const std::string rid = absl::StrCat("m-", n);
    pb::Case out;
    grpc::Status s;
    if (rpc == "AssessViolation") {
      pb::AssessViolationRequest r;
      r.set_provision_id("PP94.4.f");
      r.set_absence_days(12);
      pb::Assessment a;
      s = rules_->AssessViolation(ctx.get(), r, &a);
    } else if (rpc == "ListProvisions") {
      pb::ListProvisionsResponse resp;
      s = rules_->ListProvisions(ctx.get(), pb::ListProvisionsRequest(), &resp);
    } else if (rpc == "AddWorkingDays") {
      pb::AddWorkingDaysRequest r;
      r.set_from("2026-12-17");
      r.set_days(14);
      pb::AddWorkingDaysResponse resp;
      s = rules_->AddWorkingDays(ctx.get(), r, &resp);
    } else if (rpc == "FileCase") {
      pb::FileCaseRequest r;
      r.set_request_id(rid);
      r.set_agency_code(kOwn);
      r.set_employee_nip("199006052015031005");
      r.set_source(pb::SOURCE_BKN);
      r.add_allegations()->set_provision_id("PP94.3.d");
      r.set_received_on("2026-11-02");
      // A BKN recommendation: what the supervisor files into any agency.
      r.mutable_recommendation()->set_issuer(pb::ISSUER_BKN);
      r.mutable_recommendation()->set_number("R-1/BKN/11/2026");
      r.mutable_recommendation()->set_issued_on("2026-10-30");
      s = cases_->FileCase(ctx.get(), r, &out);
    } else if (rpc == "GetCase") {
      pb::GetCaseRequest r;
      r.set_case_id(examined_.case_id());
      s = cases_->GetCase(ctx.get(), r, &out);
    } else if (rpc == "ListCases") {
      pb::ListCasesRequest r;
      r.set_agency_code(kOwn);
      pb::ListCasesResponse resp;
      s = cases_->ListCases(ctx.get(), r, &resp);
    } else if (rpc == "IssueSummons") {
      auto r = Stale<pb::IssueSummonsRequest>(examined_, rid);
      r.set_issued_on("2026-10-01");
      r.set_examination_on("2026-10-12");
      s = cases_->IssueSummons(ctx.get(), r, &out);
    } else if (rpc == "RecordExamination") {
      auto r = Stale<pb::RecordExaminationRequest>(examined_, rid);
      r.set_examined_on("2026-10-12");
      r.add_examiner_nips("197802142003121003");
      s = cases_->RecordExamination(ctx.get(), r, &out);
    } else if (rpc == "RecommendSanction") {
      s = cases_->RecommendSanction(ctx.get(), Stale<pb::RecommendSanctionRequest>(examined_, rid), &out);
    } else if (rpc == "DecideSanction") {
      auto r = Stale<pb::DecideSanctionRequest>(recommended_, rid);
      r.set_outcome(pb::DECISION_OUTCOME_APPROVE);
      r.set_decision_number("800/1/2026");
      r.set_decided_on("2026-10-14");
      s = cases_->DecideSanction(ctx.get(), r, &out);
    } else if (rpc == "RecordDelivery") {
      auto r = Stale<pb::RecordDeliveryRequest>(examined_, rid);
      r.set_delivered_on("2026-10-15");
      s = cases_->RecordDelivery(ctx.get(), r, &out);
    } else if (rpc == "FileRemedy") {
      auto r = Stale<pb::FileRemedyRequest>(examined_, rid);
      r.set_kind(pb::REMEDY_KEBERATAN);
      r.set_filed_on("2026-10-16");
      s = cases_->FileRemedy(ctx.get(), r, &out);
    } else if (rpc == "CloseCase") {
      auto r = Stale<pb::CloseCaseRequest>(examined_, rid);
      r.set_reason("selesai");
      s = cases_->CloseCase(ctx.get(), r, &out);
    } else if (rpc == "DecideRemedy") {
      auto r = Stale<pb::DecideRemedyRequest>(examined_, rid);
      r.set_outcome(pb::REMEDY_OUTCOME_UPHELD);
      r.set_decision_number("800/KEB/1");
      r.set_decided_on("2026-10-20");
      r.mutable_decided_by()->set_name("Wali Kota Contoh");
      s = cases_->DecideRemedy(ctx.get(), r, &out);
    } else if (rpc == "ConfirmCaseAction") {
      auto r = Stale<pb::ConfirmCaseActionRequest>(examined_, rid);
      r.set_kind(pb::CASE_ACTION_KIND_TERMINATE);
      s = cases_->ConfirmCaseAction(ctx.get(), r, &out);
    } else if (rpc == "ReleaseFromDuty") {
      auto r = Stale<pb::ReleaseFromDutyRequest>(examined_, rid);
      r.set_decree_number("800/PS/1");
      r.set_decided_on("2026-10-12");
      r.set_released_by_nip("198009092005012002");
      r.set_acting_official_nip("199208222019032003");
      s = cases_->ReleaseFromDuty(ctx.get(), r, &out);
    } else if (rpc == "RecordEmployeeEvent") {
      auto r = Stale<pb::RecordEmployeeEventRequest>(examined_, rid);
      r.set_event(pb::EMPLOYEE_EVENT_DETAINED);
      r.set_occurred_on("2026-10-13");
      s = cases_->RecordEmployeeEvent(ctx.get(), r, &out);
    } else if (rpc == "GetCaseHistory") {
      pb::GetCaseHistoryRequest r;
      r.set_case_id(examined_.case_id());
      pb::GetCaseHistoryResponse resp;
      s = audit_->GetCaseHistory(ctx.get(), r, &resp);
    } else if (rpc == "VerifyCaseHistory") {
      pb::VerifyCaseHistoryRequest r;
      r.set_case_id(examined_.case_id());
      pb::VerifyCaseHistoryResponse resp;
      s = audit_->VerifyCaseHistory(ctx.get(), r, &resp);
    } else if (rpc == "ExportCaseHistory") {
      pb::ExportCaseHistoryRequest r;
      r.set_case_id(examined_.case_id());
      auto reader = audit_->ExportCaseHistory(ctx.get(), r);
      pb::AuditEvent e;
      while (reader->Read(&e)) {
      }
      s = reader->Finish();
    } else if (rpc == "UploadDocument") {
      pb::DocumentRef ref;
      auto writer = docs_->UploadDocument(ctx.get(), &ref);
      pb::UploadDocumentRequest m;
      m.mutable_metadata()->set_kind(pb::DOCUMENT_KIND_BUKTI);
      m.mutable_metadata()->set_file_name("bukti.pdf");
      m.mutable_metadata()->set_case_id(examined_.case_id());
      writer->Write(m);
      pb::UploadDocumentRequest chunk;
      chunk.set_chunk("bukti");
      writer->Write(chunk);
      writer->WritesDone();
      s = writer->Finish();
    } else if (rpc == "GetDocument") {
      pb::GetDocumentRequest r;
      r.set_document_id(document_id_);
      auto reader = docs_->GetDocument(ctx.get(), r);
      pb::GetDocumentResponse part;
      while (reader->Read(&part)) {
      }
      s = reader->Finish();
    }
    return s.error_code();
  }

  std::unique_ptr<pb::RulesService::Stub> rules_;
  std::unique_ptr<pb::DocumentService::Stub> docs_;
  pb::Case examined_, recommended_;
  std::string document_id_;
};

const char* Short(StatusCode c) {
  switch (c) {
    case StatusCode::OK:
      return "ok";
    case StatusCode::ABORTED:
      return "ABRT";
    case StatusCode::PERMISSION_DENIED:
      return "DENY";
    case StatusCode::NOT_FOUND:
      return "NFND";
    default:
      return "????";
  }
}

TEST_F(AccessE2eTest, EveryRpcTimesEveryRoleTimesOwnAndOtherAgency) {
  const std::vector<std::string> rpcs = {
      "AssessViolation",   "ListProvisions",     "AddWorkingDays",    "FileCase",          "GetCase",
      "ListCases",         "IssueSummons",       "RecordExamination", "RecommendSanction", "DecideSanction",
      "RecordDelivery",    "FileRemedy",         "CloseCase",         "DecideRemedy",      "GetCaseHistory",
      "VerifyCaseHistory", "ExportCaseHistory",  "UploadDocument",    "GetDocument",       "ConfirmCaseAction",
      "ReleaseFromDuty",   "RecordEmployeeEvent"};
  int cells = 0, n = 0;
  std::printf("%-18s", "rpc \\ role");
  for (const auto& role : kRoles) std::printf(" %-10.10s", role.c_str());
  std::printf("   (own agency / other agency)\n");
  for (const std::string& rpc : rpcs) {
    std::printf("%-18s", rpc.c_str());
    for (const std::string& role : kRoles) {
      std::string cell;
      for (bool own : {true, false}) {
        const StatusCode got = Cell(rpc, role, own ? kOwn : kOther, n++);
        const StatusCode want = Expected(rpc, role, own);
        EXPECT_EQ(got, want) << rpc << " as " << role << " of " << (own ? "the case's agency" : "another agency");
        absl::StrAppend(&cell, cell.empty() ? "" : "/", Short(got));
        ++cells;
      }
      std::printf(" %-10s", cell.c_str());
    }
    std::printf("\n");
  }
  std::printf("access matrix: %d cells (%zu RPCs x %zu roles x 2 agencies)\n", cells, rpcs.size(), kRoles.size());
  EXPECT_EQ(cells, 22 * 8 * 2);
}

TEST_F(AccessE2eTest, WithoutAValidTokenEveryCallIsUnauthenticated) {
  pb::GetCaseRequest r;
  r.set_case_id(examined_.case_id());
  pb::Case out;
  grpc::ClientContext none;
  EXPECT_EQ(cases_->GetCase(&none, r, &out).error_code(), StatusCode::UNAUTHENTICATED);
  grpc::ClientContext garbage;
  garbage.AddMetadata("authorization", "Bearer not.a.token");
  EXPECT_EQ(cases_->GetCase(&garbage, r, &out).error_code(), StatusCode::UNAUTHENTICATED);
  grpc::ClientContext basic;
  basic.AddMetadata("authorization", "Basic dXNlcjpwYXNz");
  EXPECT_EQ(cases_->GetCase(&basic, r, &out).error_code(), StatusCode::UNAUTHENTICATED);
  // The x-actor header is no identity.
  grpc::ClientContext actor;
  actor.AddMetadata("x-actor", "198009092005012002");
  EXPECT_EQ(cases_->GetCase(&actor, r, &out).error_code(), StatusCode::UNAUTHENTICATED);
  pb::AssessViolationRequest assess;
  assess.set_provision_id("PP94.4.f");
  pb::Assessment a;
  grpc::ClientContext rules;
  EXPECT_EQ(rules_->AssessViolation(&rules, assess, &a).error_code(), StatusCode::UNAUTHENTICATED);
}

// The sealed reporter: only intake reads it, and each read is in the
// history; no other role's answer carries it.
TEST_F(AccessE2eTest, TheReporterIsSealedForEveryRoleButIntakeAndAReadIsAudited) {
  pb::GetCaseRequest r;
  r.set_case_id(examined_.case_id());
  for (const std::string& role : kRoles) {
    if (role == "admin") continue;
    pb::Case out;
    ASSERT_TRUE(cases_->GetCase(As(role, kOwn).get(), r, &out).ok()) << role;
    EXPECT_EQ(out.reporter(), role == "intake" ? "Pelapor Rahasia" : "") << role;
  }
  pb::ListCasesResponse listed;
  ASSERT_TRUE(cases_->ListCases(As("intake", kOwn).get(), pb::ListCasesRequest(), &listed).ok());
  for (const auto& c : listed.cases()) EXPECT_EQ(c.reporter(), "");
  pb::GetCaseHistoryRequest h;
  h.set_case_id(examined_.case_id());
  pb::GetCaseHistoryResponse history;
  ASSERT_TRUE(audit_->GetCaseHistory(As("auditor", kOwn).get(), h, &history).ok());
  int reads = 0;
  for (const auto& e : history.events()) {
    if (e.action() == "ReadReporter") {
      ++reads;
      EXPECT_THAT(e.actor(), HasSubstr("199501302020121006"));
      EXPECT_THAT(e.actor(), HasSubstr("intake"));
    }
    EXPECT_THAT(e.payload_json(), ::testing::Not(HasSubstr("Pelapor Rahasia")));
  }
  EXPECT_EQ(reads, 1);
  pb::VerifyCaseHistoryRequest v;
  v.set_case_id(examined_.case_id());
  pb::VerifyCaseHistoryResponse verified;
  ASSERT_TRUE(audit_->VerifyCaseHistory(As("auditor", kOwn).get(), v, &verified).ok());
  EXPECT_TRUE(verified.valid()) << verified.reason();
}

// A case of another agency is answered word for word as a case that does
// not exist: its existence is not revealed.
TEST_F(AccessE2eTest, AnotherAgencysCaseLooksLikeNoCase) {
  pb::GetCaseRequest real;
  real.set_case_id(examined_.case_id());
  pb::GetCaseRequest none;
  none.set_case_id(std::string(examined_.case_id().size(), 'z'));
  pb::Case out;
  const grpc::Status hidden = cases_->GetCase(As("operator", kOther).get(), real, &out);
  const grpc::Status missing = cases_->GetCase(As("operator", kOther).get(), none, &out);
  EXPECT_EQ(hidden.error_code(), StatusCode::NOT_FOUND);
  EXPECT_EQ(missing.error_code(), StatusCode::NOT_FOUND);
  EXPECT_EQ(hidden.error_message(), "case_id: no case " + real.case_id());
  EXPECT_EQ(missing.error_message(), "case_id: no case " + none.case_id());
  EXPECT_EQ(hidden.error_details(), missing.error_details());
}

// The audit actor is the verified caller: NIP, name, roles, session.
TEST_F(AccessE2eTest, TheAuditActorIsTheVerifiedCaller) {
  pb::GetCaseHistoryRequest h;
  h.set_case_id(recommended_.case_id());
  pb::GetCaseHistoryResponse history;
  ASSERT_TRUE(audit_->GetCaseHistory(As("auditor", kOwn).get(), h, &history).ok());
  ASSERT_GE(history.events_size(), 4);
  for (const auto& e : history.events()) {
    EXPECT_THAT(e.actor(), HasSubstr("198009092005012002"));  // the fixture's caller
    EXPECT_THAT(e.actor(), HasSubstr("operator"));
    EXPECT_THAT(e.actor(), HasSubstr("session "));
    EXPECT_THAT(e.actor(), ::testing::Not(HasSubstr("unauthenticated")));
  }
}

}  // namespace
}  // namespace discipline
