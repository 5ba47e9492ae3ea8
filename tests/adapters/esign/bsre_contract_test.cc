// The BSrE client against the e-sign contract server on loopback (the
// project's API contract, third stage: API v2 sign/pdf; the passphrase is
// never retried).

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "adapters/esign/bsre_signer.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "service/common/errors.h"
#include "tests/testing/child_process.h"
#include "tests/testing/status_matchers.h"

namespace discipline::esign {
namespace {

namespace gp = google::protobuf;
using ::testing::HasSubstr;

constexpr char kPdf[] = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n";
constexpr char kNik[] = "3174012345678901";
constexpr char kPassphrase[] = "Rahasia-Kontrak-42";

class BsreContractTest : public ::testing::Test {
 protected:
  void Start(std::vector<std::string> flags) {
    const char* env = std::getenv("DISCIPLINE_TEST_TMP");
    const std::string tmp = env != nullptr ? env : "/tmp";
    const std::string tag =
        absl::StrCat(getpid(), "-", ::testing::UnitTest::GetInstance()->current_test_info()->name());
    const std::string port_file = absl::StrCat(tmp, "/esign-", tag, ".port");
    state_file_ = absl::StrCat(tmp, "/esign-", tag, ".json");
    unlink(port_file.c_str());
    unlink(state_file_.c_str());
    std::vector<std::string> args = {DISCIPLINE_ESIGN_CONTRACT_BIN, "--port_file=" + port_file,
                                     "--state_file=" + state_file_, absl::StrCat("--nik=", kNik),
                                     absl::StrCat("--passphrase=", kPassphrase)};
    args.insert(args.end(), flags.begin(), flags.end());
    auto child = ::discipline::testing::StartChild(args, port_file);
    ASSERT_TRUE(child.ok()) << "the contract server did not start"
                            << ": " << child.status();
    pid_ = child->pid;
    const int port = child->port;
    options_.base_url = absl::StrCat("http://127.0.0.1:", port);
    options_.user = "esign";
    options_.password = "esign";
    options_.timeout = absl::Seconds(2);
  }
  void TearDown() override {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }
  int Count(const char* key) {
    std::ifstream in(state_file_);
    std::stringstream text;
    text << in.rdbuf();
    gp::Struct s;
    EXPECT_TRUE(gp::util::JsonStringToMessage(text.str(), &s).ok()) << text.str();
    auto it = s.fields().find(key);
    return it == s.fields().end() ? -1 : static_cast<int>(it->second.number_value());
  }

  pid_t pid_ = -1;
  std::string state_file_;
  BsreOptions options_;
};

TEST_F(BsreContractTest, SignsWithTheRightPassphrase) {
  Start({});
  BsreSigner signer(options_);
  absl::StatusOr<std::string> pdf = signer.SignPdf(kPdf, {kNik, kPassphrase, ""});
  ASSERT_TRUE(pdf.ok()) << pdf.status();
  EXPECT_TRUE(pdf->rfind(kPdf, 0) == 0) << "the signed PDF extends the input";
  EXPECT_GT(pdf->size(), sizeof(kPdf) - 1);
  EXPECT_EQ(Count("signed"), 1);
  EXPECT_EQ(Count("badRequests"), 0);
}

TEST_F(BsreContractTest, SignsWithTotp) {
  Start({"--totp=654321"});
  BsreSigner signer(options_);
  EXPECT_TRUE(signer.SignPdf(kPdf, {kNik, "", "654321"}).ok());
}

TEST_F(BsreContractTest, WrongPassphraseIsRefusedInIndonesianAndNotRetried) {
  Start({});
  BsreSigner signer(options_);
  const absl::Status s = signer.SignPdf(kPdf, {kNik, "salah-sekali", ""}).status();
  EXPECT_THAT(s, testing::StatusIs(absl::StatusCode::kFailedPrecondition));
  ASSERT_TRUE(IndonesianOf(s).has_value());
  EXPECT_THAT(*IndonesianOf(s), HasSubstr("salah"));
  EXPECT_THAT(std::string(s.message()), ::testing::Not(HasSubstr("salah-sekali")));
  EXPECT_EQ(Count("calls"), 1);
  EXPECT_EQ(Count("refusals"), 1);
}

TEST_F(BsreContractTest, UnknownNikIsRefused) {
  Start({});
  BsreSigner signer(options_);
  const absl::Status s = signer.SignPdf(kPdf, {"3174019999999999", kPassphrase, ""}).status();
  EXPECT_THAT(s, testing::StatusIs(absl::StatusCode::kFailedPrecondition));
  ASSERT_TRUE(IndonesianOf(s).has_value());
  EXPECT_THAT(*IndonesianOf(s), HasSubstr("tidak terdaftar"));
}

TEST_F(BsreContractTest, WrongBasicCredentialsAreUnavailable) {
  Start({});
  options_.password = "bukan";
  BsreSigner signer(options_);
  EXPECT_THAT(signer.SignPdf(kPdf, {kNik, kPassphrase, ""}).status(),
              testing::StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_EQ(Count("unauthorized"), 1);
}

TEST_F(BsreContractTest, ServerErrorIsUnavailableAndNotRetried) {
  Start({"--fail_signs=1"});
  BsreSigner signer(options_);
  EXPECT_THAT(signer.SignPdf(kPdf, {kNik, kPassphrase, ""}).status(),
              testing::StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_EQ(Count("calls"), 1);
}

TEST_F(BsreContractTest, HangIsUnavailableAfterTheTimeoutAndNotRetried) {
  Start({"--hang_signs=1", "--hang_seconds=10"});
  BsreSigner signer(options_);
  const absl::Time start = absl::Now();
  EXPECT_THAT(signer.SignPdf(kPdf, {kNik, kPassphrase, ""}).status(),
              testing::StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_LT(absl::Now() - start, absl::Seconds(6));
  // The call reached BSrE (it signed, then hung): one call, not repeated.
  EXPECT_EQ(Count("calls"), 1);
}

}  // namespace
}  // namespace discipline::esign
