// unit: the gateway's route table (adapters/http/routes.h) built from the
// API's google.api.http annotations (AIP-127), the look-up of a request in
// it (404 and 405 included), the transcoding of a request (transcode.h) and
// the download rule (downloads.h); no server.

#include "adapters/http/routes.h"

#include <map>

#include "adapters/http/downloads.h"
#include "adapters/http/transcode.h"
#include "asn/discipline/v1/cases.pb.h"
#include "asn/discipline/v1/reports.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/grpc/generic_call.h"

namespace discipline::http {
namespace {

namespace pb = ::asn::discipline::v1;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;
using Outcome = RouteMatch::Outcome;

class RoutesTest : public ::testing::Test {
 protected:
  const std::vector<BoundRoute> table_ = BuildRouteTable(grpc_api::ApiServices());
};

TEST_F(RoutesTest, TheTableHoldsTheAnnotatedRpcsOnly) {
  bool get_case = false;
  for (const BoundRoute& b : table_) {
    // DocumentService.UploadDocument has no annotation (the upload has a
    // route of its own, upload_route.h).
    EXPECT_NE(b.route.method, "asn.discipline.v1.DocumentService.UploadDocument");
    if (b.route.method != "asn.discipline.v1.CaseService.GetCase") continue;
    get_case = true;
    EXPECT_EQ(b.route.verb, "GET");
    EXPECT_EQ(b.route.path, "/v1/cases/{case_id}");
    EXPECT_THAT(b.params, ElementsAre("case_id"));
    EXPECT_EQ(b.body, "");
    EXPECT_EQ(b.grpc_path, "/asn.discipline.v1.CaseService/GetCase");
    EXPECT_EQ(b.input->GetDescriptor(), pb::GetCaseRequest::descriptor());
  }
  EXPECT_TRUE(get_case);
}

TEST_F(RoutesTest, APathVariableIsBoundToItsField) {
  const RouteMatch m = MatchRoute(table_, "GET", "/v1/cases/KASUS-1");
  ASSERT_EQ(m.outcome, Outcome::kFound);
  EXPECT_EQ(m.route->route.method, "asn.discipline.v1.CaseService.GetCase");
  EXPECT_THAT(m.bindings, ElementsAre(Pair("case_id", "KASUS-1")));
}

TEST_F(RoutesTest, TheCustomVerbIsNotPartOfTheVariable) {
  const RouteMatch m = MatchRoute(table_, "POST", "/v1/cases/KASUS-1:decide");
  ASSERT_EQ(m.outcome, Outcome::kFound);
  EXPECT_EQ(m.route->route.method, "asn.discipline.v1.CaseService.DecideSanction");
  EXPECT_EQ(m.route->body, "*");
  EXPECT_THAT(m.bindings, ElementsAre(Pair("case_id", "KASUS-1")));
}

TEST_F(RoutesTest, TwoVariablesAreBoundInTheTemplatesOrder) {
  const RouteMatch m = MatchRoute(table_, "POST", "/v1/cases/K-7/documents/D-9:sign");
  ASSERT_EQ(m.outcome, Outcome::kFound);
  EXPECT_EQ(m.route->route.method, "asn.discipline.v1.DocumentService.SignDocument");
  EXPECT_THAT(m.bindings, ElementsAre(Pair("case_id", "K-7"), Pair("document_id", "D-9")));
}

TEST_F(RoutesTest, OnePathTwoVerbsTwoRpcs) {
  const RouteMatch list = MatchRoute(table_, "GET", "/v1/cases");
  ASSERT_EQ(list.outcome, Outcome::kFound);
  EXPECT_EQ(list.route->route.method, "asn.discipline.v1.CaseService.ListCases");
  EXPECT_TRUE(list.bindings.empty());
  const RouteMatch file = MatchRoute(table_, "POST", "/v1/cases");
  ASSERT_EQ(file.outcome, Outcome::kFound);
  EXPECT_EQ(file.route->route.method, "asn.discipline.v1.CaseService.FileCase");
}

TEST_F(RoutesTest, APathNoTemplateMatchesIsNotFound) {
  for (const char* path : {"/v1/nothing", "/v1/cases/a/b", "/v1/cases/", "/v1/cases/K-1:nosuchverb", "/cases",
                           "/v1/cases/K-1:decide/x", "/v1/reports/follow-through/"}) {
    const RouteMatch m = MatchRoute(table_, "GET", path);
    EXPECT_EQ(m.outcome, Outcome::kNoRoute) << path;
    EXPECT_EQ(m.route, nullptr) << path;
  }
  // A segment holds no ':' nor '/': the variable cannot swallow the verb.
  EXPECT_EQ(MatchRoute(table_, "POST", "/v1/cases/a:b:decide").outcome, Outcome::kNoRoute);
}

TEST_F(RoutesTest, AKnownPathUnderAnotherVerbIsMethodNotAllowed) {
  const RouteMatch del = MatchRoute(table_, "DELETE", "/v1/cases");
  EXPECT_EQ(del.outcome, Outcome::kWrongVerb);
  EXPECT_EQ(del.route, nullptr);
  EXPECT_THAT(del.allowed, UnorderedElementsAre("GET", "POST"));
  const RouteMatch get_decide = MatchRoute(table_, "GET", "/v1/cases/K-1:decide");
  EXPECT_EQ(get_decide.outcome, Outcome::kWrongVerb);
  EXPECT_THAT(get_decide.allowed, ElementsAre("POST"));
  const RouteMatch post_report = MatchRoute(table_, "POST", "/v1/reports/consistency");
  EXPECT_EQ(post_report.outcome, Outcome::kWrongVerb);
  EXPECT_THAT(post_report.allowed, ElementsAre("GET"));
}

// The rule of downloads.h: server-streaming with `DocumentInfo info` and
// `bytes chunk`.
TEST_F(RoutesTest, OnlyADocumentsShapeIsADownload) {
  const RouteMatch doc = MatchRoute(table_, "GET", "/v1/documents/D-1");
  ASSERT_EQ(doc.outcome, Outcome::kFound);
  EXPECT_TRUE(IsDownload(doc.route->method));
  const RouteMatch history = MatchRoute(table_, "GET", "/v1/cases/K-1/history:export");
  ASSERT_EQ(history.outcome, Outcome::kFound);
  EXPECT_TRUE(history.route->method->server_streaming());
  EXPECT_FALSE(IsDownload(history.route->method));
  const RouteMatch get_case = MatchRoute(table_, "GET", "/v1/cases/K-1");
  EXPECT_FALSE(IsDownload(get_case.route->method));
}

TEST_F(RoutesTest, QueryParametersAndPathVariablesFillTheRequest) {
  const RouteMatch m = MatchRoute(table_, "GET", "/v1/cases");
  ASSERT_EQ(m.outcome, Outcome::kFound);
  pb::ListCasesRequest req;
  const std::multimap<std::string, std::string> query = {
      {"agencyCode", "KOTA-CONTOH"}, {"page_size", "20"}, {"overdueOnly", "true"}, {"format", "csv"}};
  ASSERT_TRUE(TranscodeRequest(*m.route, m, "", query, &req).ok());
  EXPECT_EQ(req.agency_code(), "KOTA-CONTOH");
  EXPECT_EQ(req.page_size(), 20);
  EXPECT_TRUE(req.overdue_only());

  const grpc::Status bad = TranscodeRequest(*m.route, m, "", {{"page_size", "dua"}}, &req);
  EXPECT_EQ(bad.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(bad.error_message(), HasSubstr("page_size"));
  const grpc::Status unknown = TranscodeRequest(*m.route, m, "", {{"nosuch", "1"}}, &req);
  EXPECT_EQ(unknown.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(unknown.error_message(), HasSubstr("nosuch"));
}

TEST_F(RoutesTest, TheBodyAndThePathVariableFillTheRequest) {
  const RouteMatch m = MatchRoute(table_, "POST", "/v1/cases/K-1:decide");
  ASSERT_EQ(m.outcome, Outcome::kFound);
  pb::DecideSanctionRequest req;
  ASSERT_TRUE(TranscodeRequest(*m.route, m, R"({"requestId":"r-1","caseId":"OTHER"})", {}, &req).ok());
  EXPECT_EQ(req.request_id(), "r-1");
  // The path's case wins over the body's.
  EXPECT_EQ(req.case_id(), "K-1");
  const grpc::Status unknown = TranscodeRequest(*m.route, m, R"({"nosuchField":1})", {}, &req);
  EXPECT_EQ(unknown.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(unknown.error_message(), HasSubstr("body"));
}

TEST(HttpStatusOf, TheCodesHttpMapping) {
  EXPECT_EQ(HttpStatusOf(grpc::StatusCode::INVALID_ARGUMENT), 400);
  EXPECT_EQ(HttpStatusOf(grpc::StatusCode::FAILED_PRECONDITION), 400);
  EXPECT_EQ(HttpStatusOf(grpc::StatusCode::UNAUTHENTICATED), 401);
  EXPECT_EQ(HttpStatusOf(grpc::StatusCode::PERMISSION_DENIED), 403);
  EXPECT_EQ(HttpStatusOf(grpc::StatusCode::NOT_FOUND), 404);
  EXPECT_EQ(HttpStatusOf(grpc::StatusCode::ABORTED), 409);
  EXPECT_EQ(HttpStatusOf(grpc::StatusCode::UNAVAILABLE), 503);
}

}  // namespace
}  // namespace discipline::http
