// e2e: a case filed against an earlier one through the real server. PP
// 94/2021 Pasal 28 (the superior's liability): the direct superior who knew
// of a violation and did not summon, examine or report it is punished; his
// case names the offender's case (related_case_id, relation), and the
// offender's case lists his (related_by), recorded by an audited change in
// the filing's transaction.

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/case_e2e.h"

namespace discipline {
namespace {

namespace pb = ::asn::discipline::v1;
using ::testing::HasSubstr;

constexpr char kAndi[] = "199006052015031005";  // pelaksana of KOTA-CONTOH (demo data)
constexpr char kRina[] = "198009092005012002";  // Andi's direct superior (demo data)

class RelatedCaseE2eTest : public testing::CaseE2eTest {
 protected:
  // The caller: Rina's own superior (an operator and the PPK's office), so
  // that nobody files a case against himself.
  RelatedCaseE2eTest() { nip_ = "197511032000032001"; }

  static pb::FileCaseRequest Filing(const std::string& request_id, const std::string& nip,
                                    const std::string& provision) {
    pb::FileCaseRequest file;
    file.set_request_id(request_id);
    file.set_agency_code("KOTA-CONTOH");
    file.set_employee_nip(nip);
    file.set_source(pb::SOURCE_ATASAN_LANGSUNG);
    auto* a = file.add_allegations();
    a->set_provision_id(provision);
    if (provision == "PP94.4.f") a->set_absence_days(12);
    file.set_received_on("2026-10-01");
    return file;
  }

  pb::Case Get(const std::string& case_id) {
    pb::GetCaseRequest g;
    g.set_case_id(case_id);
    pb::Case out;
    grpc::Status s = cases_->GetCase(Ctx().get(), g, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  std::vector<pb::AuditEvent> History(const std::string& case_id) {
    pb::GetCaseHistoryRequest h;
    h.set_case_id(case_id);
    pb::GetCaseHistoryResponse history;
    grpc::Status s = audit_->GetCaseHistory(Ctx().get(), h, &history);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return {history.events().begin(), history.events().end()};
  }
};

// PP 94/2021 Pasal 28: case A (Andi's absence), then case B against Andi's
// direct superior with related_case_id = A and the superior's liability:
// GetCase(B) names A, GetCase(A) lists B; A's change is its own audited,
// verifiable event; a retried filing returns the first B and lists it once.
TEST_F(RelatedCaseE2eTest, TheSuperiorsCaseIsShownOnBothCases_Pasal28) {
  const pb::Case a = Must(&pb::CaseService::Stub::FileCase, Filing("rel-a", kAndi, "PP94.4.f"));
  ASSERT_FALSE(a.case_id().empty());
  pb::FileCaseRequest fb = Filing("rel-b", kRina, "PP94.3.d");
  fb.set_related_case_id(a.case_id());
  fb.set_relation(pb::CASE_RELATION_SUPERIOR_LIABILITY);
  const pb::Case b = Must(&pb::CaseService::Stub::FileCase, fb);
  EXPECT_EQ(b.related_case_id(), a.case_id());
  EXPECT_EQ(b.relation(), pb::CASE_RELATION_SUPERIOR_LIABILITY);
  EXPECT_EQ(b.related_by_size(), 0);

  const pb::Case got_b = Get(b.case_id());
  EXPECT_EQ(got_b.related_case_id(), a.case_id());
  EXPECT_EQ(got_b.relation(), pb::CASE_RELATION_SUPERIOR_LIABILITY);
  const pb::Case got_a = Get(a.case_id());
  ASSERT_EQ(got_a.related_by_size(), 1);
  EXPECT_EQ(got_a.related_by(0).case_id(), b.case_id());
  EXPECT_EQ(got_a.related_by(0).relation(), pb::CASE_RELATION_SUPERIOR_LIABILITY);
  EXPECT_TRUE(got_a.related_case_id().empty());
  // A changed: its next version, its state as it was, an event of its own.
  EXPECT_EQ(got_a.version(), a.version() + 1);
  EXPECT_EQ(got_a.state(), a.state());
  const std::vector<pb::AuditEvent> events = History(a.case_id());
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].action(), "RelatedCaseFiled");
  EXPECT_THAT(events[1].payload_json(), HasSubstr(b.case_id()));
  EXPECT_THAT(events[1].payload_json(), HasSubstr("CASE_RELATION_SUPERIOR_LIABILITY"));
  pb::VerifyCaseHistoryRequest vreq;
  vreq.set_case_id(a.case_id());
  pb::VerifyCaseHistoryResponse vresp;
  ASSERT_TRUE(audit_->VerifyCaseHistory(Ctx().get(), vreq, &vresp).ok());
  EXPECT_TRUE(vresp.valid()) << vresp.DebugString();

  // The same request again: the first B, and A lists it once.
  const pb::Case again = Must(&pb::CaseService::Stub::FileCase, fb);
  EXPECT_EQ(again.case_id(), b.case_id());
  EXPECT_EQ(Get(a.case_id()).related_by_size(), 1);
}

// The related case must exist and be readable (else NOT_FOUND), come with
// its relation (INVALID_ARGUMENT "relation"), and be another employee's
// (PP 94/2021 Pasal 28: the superior's own case, INVALID_ARGUMENT
// "related_case_id"). Nothing is filed then.
TEST_F(RelatedCaseE2eTest, ARelatedCaseIsCheckedBeforeFiling_Pasal28) {
  const pb::Case a = Must(&pb::CaseService::Stub::FileCase, Filing("bad-a", kAndi, "PP94.4.f"));
  pb::Case out;

  pb::FileCaseRequest missing = Filing("bad-missing", kRina, "PP94.3.d");
  missing.set_related_case_id("01JNOSUCHCASE000000000000");
  missing.set_relation(pb::CASE_RELATION_SUPERIOR_LIABILITY);
  grpc::Status s = Call(&pb::CaseService::Stub::FileCase, missing, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND) << s.error_message();
  EXPECT_THAT(s.error_message(), HasSubstr("related_case_id"));

  pb::FileCaseRequest no_relation = Filing("bad-norel", kRina, "PP94.3.d");
  no_relation.set_related_case_id(a.case_id());
  s = Call(&pb::CaseService::Stub::FileCase, no_relation, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << s.error_message();
  EXPECT_THAT(s.error_message(), HasSubstr("relation"));

  pb::FileCaseRequest no_case = Filing("bad-nocase", kRina, "PP94.3.d");
  no_case.set_relation(pb::CASE_RELATION_SUPERIOR_LIABILITY);
  s = Call(&pb::CaseService::Stub::FileCase, no_case, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << s.error_message();
  EXPECT_THAT(s.error_message(), HasSubstr("related_case_id"));

  pb::FileCaseRequest same = Filing("bad-same", kAndi, "PP94.3.d");
  same.set_related_case_id(a.case_id());
  same.set_relation(pb::CASE_RELATION_SUPERIOR_LIABILITY);
  s = Call(&pb::CaseService::Stub::FileCase, same, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << s.error_message();
  EXPECT_THAT(s.error_message(), HasSubstr("related_case_id"));

  const pb::Case a_now = Get(a.case_id());
  EXPECT_EQ(a_now.related_by_size(), 0);
  EXPECT_EQ(a_now.version(), a.version());
}

}  // namespace
}  // namespace discipline
