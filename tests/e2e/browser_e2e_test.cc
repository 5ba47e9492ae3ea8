// e2e: the intranet's pages in a real browser (playwright-core driving
// Debian's chromium, tests/browser/pages_test.mjs) against the real server's
// gateway, under the agency's letterhead and signing through the BSrE
// contract server. This test prepares two recommended cases of the city
// (their official is the PPK: sedang for a pelaksana of a city), runs the
// script with the tokens the intranet's proxy would add, then checks through
// gRPC that the decision made on the page reached DECIDED with the SK typed
// and its SK signed there, and that the case an operator filed and summoned
// on /kasus/ is SUMMONED. Screenshots are kept in build/browser-screenshots/.

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "tests/testing/case_e2e.h"
#include "tests/testing/child_process.h"
#include "tests/testing/requests.h"

namespace discipline {
namespace {

namespace pb = ::asn::discipline::v1;

// The signer's credentials the BSrE contract server accepts.
constexpr char kNik[] = "3174012345678901";
constexpr char kPassphrase[] = "Kunci-Rahasia-PPK-2026";

class BrowserE2eTest : public ::discipline::testing::CaseE2eTest {
 protected:
  BrowserE2eTest() { with_http_ = true; }
  // The BSrE contract server first, then the service signing through it.
  void SetUp() override {
    const std::string tmp = std::getenv("DISCIPLINE_TEST_TMP");
    const std::string port_file = absl::StrCat(tmp, "/esign-browser-", getpid(), ".port");
    const std::string password_file = absl::StrCat(tmp, "/esign-browser-", getpid(), ".password");
    std::ofstream(password_file) << "esign\n";
    unlink(port_file.c_str());
    std::vector<std::string> args = {DISCIPLINE_ESIGN_CONTRACT_BIN, "--port_file=" + port_file,
                                     absl::StrCat("--state_file=", tmp, "/esign-browser-", getpid(), ".json"),
                                     absl::StrCat("--nik=", kNik), absl::StrCat("--passphrase=", kPassphrase)};
    auto child = ::discipline::testing::StartChild(args, port_file);
    ASSERT_TRUE(child.ok()) << "the e-sign contract server did not start"
                            << ": " << child.status();
    contract_pid_ = child->pid;
    const int port = child->port;
    top_config_ = absl::StrCat(
        "letterhead { names: \"PEMERINTAH KOTA CONTOH\" names: \"BADAN KEPEGAWAIAN DAN PENGEMBANGAN SDM\" "
        "address: \"Jalan Merdeka Nomor 1, Kota Contoh\" place: \"Kota Contoh\" }\n",
        "esign { base_url: \"http://127.0.0.1:", port, "\" user: \"esign\" password_file: \"", password_file,
        "\" timeout_seconds: 5 }");
    CaseE2eTest::SetUp();
  }
  void TearDown() override {
    if (contract_pid_ > 0) {
      kill(contract_pid_, SIGKILL);
      waitpid(contract_pid_, nullptr, 0);
    }
  }
  pid_t contract_pid_ = -1;
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
      R"(","refuse_case":")", refuse.case_id(), R"(","sk_number":")", sk, R"(",)", R"("operator_token":")",
      (*issuer)->Mint("198009092005012002", "Rina Marlina", "KOTA-CONTOH", {"operator"}), R"(",)",
      R"("file_nip":"199208222019032003","examiner_nip":"197802142003121003",)", R"("nik":")", kNik,
      R"(","passphrase":")", kPassphrase, R"("})");
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
  // Signed on the decision page (api.md "Letters and the electronic
  // signature": the signed SK becomes the decision's document).
  EXPECT_FALSE(out.decision().decision_document_id().empty()) << "the SK signed on the page is the decision's document";
  // The refused one is still waiting.
  get.set_case_id(refuse.case_id());
  grpc::ClientContext ctx2;
  testing::AddToken(ctx2, "198604182011012004", "KOTA-CONTOH", {"auditor"});
  ASSERT_TRUE(cases_->GetCase(&ctx2, get, &out).ok());
  EXPECT_EQ(out.state(), pb::CASE_STATE_RECOMMENDED);
  // The case the operator filed and summoned on /kasus/ (PP 94/2021 Pasal
  // 26: the first summons), with the summons' letter details typed there.
  pb::ListCasesRequest list;
  list.set_employee_nip("199208222019032003");
  pb::ListCasesResponse filed;
  grpc::ClientContext ctx3;
  testing::AddToken(ctx3, "198604182011012004", "KOTA-CONTOH", {"auditor"});
  ASSERT_TRUE(cases_->ListCases(&ctx3, list, &filed).ok());
  ASSERT_EQ(filed.cases_size(), 1);
  EXPECT_EQ(filed.cases(0).state(), pb::CASE_STATE_SUMMONED);
  ASSERT_EQ(filed.cases(0).summonses_size(), 1);
  EXPECT_EQ(filed.cases(0).summonses(0).letter_number(), "800.1.6.2/041/BKPSDM/2026");
}

}  // namespace
}  // namespace discipline
