// e2e: the PPK's pages in a real browser (playwright-core driving Debian's
// chromium, tests/browser/pages_test.mjs) against the real server's
// gateway. This test prepares two recommended cases of the city (their
// official is the PPK: sedang for a pelaksana of a city), runs the script
// with the tokens the intranet's proxy would add, then checks through gRPC
// that the decision made on the page reached DECIDED with the SK typed.
// Screenshots are kept in build/browser-screenshots/.

#include <cstdlib>
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tests/testing/case_e2e.h"
#include "tests/testing/requests.h"

namespace discipline {
namespace {

namespace pb = ::asn::discipline::v1;

class BrowserE2eTest : public ::discipline::testing::CaseE2eTest {
 protected:
  BrowserE2eTest() { with_http_ = true; }
  pb::Case Recommended(const std::string& prefix) {
    pb::Finding f;
    f.set_provision_id("PP94.4.f");
    f.set_proven(true);
    f.set_absence_days(12);
    pb::Case c = Examined(prefix, "199006052015031005", f, "197802142003121003", false);
    auto rec = Change<pb::RecommendSanctionRequest>(c, prefix + "-rec");
    rec.set_recommended_on("2026-10-13");
    return Must(&pb::CaseService::Stub::RecommendSanction, rec);
  }
};

TEST_F(BrowserE2eTest, TheOfficialDecidesThroughThePages) {
  const pb::Case decide = Recommended("b1");
  const pb::Case refuse = Recommended("b2");
  // A BKN recommendation past its follow-up day, for the report page.
  Must(&pb::CaseService::Stub::FileCase, testing::BknRecommendation("b3-file", "2026-10-15"));
  ASSERT_EQ(decide.recommendation().authority().role(), pb::AUTHORITY_ROLE_PPK);
  auto issuer = testing::DemoIssuer();
  ASSERT_TRUE(issuer.ok());
  const std::string screenshots = std::string(DISCIPLINE_SOURCE_DIR) + "/build/browser-screenshots";
  std::filesystem::create_directories(screenshots);
  const std::string sk = "800.1.6.3/333/BKPSDM/2026";
  const std::string cfg = absl::StrCat(
      R"({"base":"http://127.0.0.1:)", http_port_, R"(","screenshots":")", screenshots, R"(",)", R"("ppk_token":")",
      (*issuer)->Mint("", "Kantor Wali Kota", "KOTA-CONTOH", {"ppk"}), R"(",)", R"("other_token":")",
      (*issuer)->Mint("", "Kantor Gubernur", "PROV-CONTOH", {"ppk"}), R"(",)", R"("auditor_token":")",
      (*issuer)->Mint("198604182011012004", "Siti Nurhaliza", "KOTA-CONTOH", {"auditor"}), R"(",)",
      R"("supervisor_token":")", (*issuer)->Mint("197001011995031001", "Pengawas BKN", "BKN", {"supervisor"}), R"(",)",
      R"("decide_case":")", decide.case_id(), R"(","decide_register":")", decide.register_number(),
      R"(","refuse_case":")", refuse.case_id(), R"(","sk_number":")", sk, R"("})");
  setenv("BROWSER_TEST", cfg.c_str(), 1);
  const std::string cmd = absl::StrCat("node '", DISCIPLINE_SOURCE_DIR, "/tests/browser/pages_test.mjs'");
  const int rc = std::system(cmd.c_str());
  EXPECT_EQ(rc, 0) << "the browser checks failed (their output is above)";

  pb::GetCaseRequest get;
  get.set_case_id(decide.case_id());
  pb::Case out;
  grpc::ClientContext ctx;
  testing::AddToken(ctx, "198604182011012004", "KOTA-CONTOH", {"auditor"});
  ASSERT_TRUE(cases_->GetCase(&ctx, get, &out).ok());
  EXPECT_EQ(out.state(), pb::CASE_STATE_DECIDED);
  EXPECT_EQ(out.decision().decision_number(), sk);
  // The refused one is still waiting.
  get.set_case_id(refuse.case_id());
  grpc::ClientContext ctx2;
  testing::AddToken(ctx2, "198604182011012004", "KOTA-CONTOH", {"auditor"});
  ASSERT_TRUE(cases_->GetCase(&ctx2, get, &out).ok());
  EXPECT_EQ(out.state(), pb::CASE_STATE_RECOMMENDED);
}

}  // namespace
}  // namespace discipline
