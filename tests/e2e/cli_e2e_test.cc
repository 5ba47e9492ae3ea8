// e2e: the operators' client (service/cli) against the real server: the
// README's walk-through uploads the BAP with it before the examination.

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "adapters/mariadb/connection.h"
#include "asn/discipline/v1/documents.grpc.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/case_e2e.h"

namespace discipline {
namespace {

namespace pb = ::asn::discipline::v1;
using ::testing::HasSubstr;
using ::testing::Not;

class CliE2eTest : public testing::CaseE2eTest {
 protected:
  // The client run as an HR operator of the city with `args`: what it
  // printed (both streams) and its exit status.
  std::pair<std::string, int> Cli(const std::string& args) {
    const std::string command =
        absl::StrCat(DISCIPLINE_CLI_BIN, " --server=", server_->address(),
                     " --issuer_dir=", std::getenv("DISCIPLINE_TEST_ISSUER_DIR"),
                     " --as=199208222019032003 --roles=operator --agency=KOTA-CONTOH ", args, " 2>&1");
    FILE* p = popen(command.c_str(), "r");
    std::string out;
    char buffer[4096];
    for (size_t n; (n = fread(buffer, 1, sizeof buffer, p)) > 0;) out.append(buffer, n);
    const int status = pclose(p);
    return {out, WIFEXITED(status) ? WEXITSTATUS(status) : -1};
  }

  std::string File(const std::string& name, const std::string& contents) {
    const std::string path = absl::StrCat(std::getenv("DISCIPLINE_TEST_TMP"), "/cli-", db_->name(), "-", name);
    std::ofstream(path, std::ios::binary) << contents;
    return path;
  }

  // The bytes the server gives back for `document_id`.
  std::string Download(const std::string& document_id) {
    auto stub = pb::DocumentService::NewStub(server_->Channel());
    grpc::ClientContext ctx;
    testing::AddToken(ctx, "199208222019032003", "KOTA-CONTOH", {"operator"});
    pb::GetDocumentRequest req;
    req.set_document_id(document_id);
    auto reader = stub->GetDocument(&ctx, req);
    std::string bytes;
    for (pb::GetDocumentResponse r; reader->Read(&r);) bytes += r.chunk();
    EXPECT_TRUE(reader->Finish().ok());
    return bytes;
  }

  static std::string DocumentId(const std::string& out) {
    const size_t at = out.find("\"documentId\": \"");
    if (at == std::string::npos) return "";
    const size_t start = at + 15;
    return out.substr(start, out.find('"', start) - start);
  }
};

constexpr char kMetadata[] =
    R"('{"metadata":{"kind":"DOCUMENT_KIND_BAP","fileName":"bap.txt","mediaType":"text/plain"}}')";

TEST_F(CliE2eTest, UploadDocumentSendsTheFileAfterItsMetadata) {
  // "abc": the first example of FIPS 180-2, whose SHA-256 it gives.
  auto [out, status] = Cli(absl::StrCat("UploadDocument ", kMetadata, " --file=", File("abc", "abc")));
  ASSERT_EQ(status, 0) << out;
  EXPECT_THAT(out, HasSubstr("\"sha256\": \"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\""));
  EXPECT_THAT(out, HasSubstr("\"sizeBytes\": \"3\""));
  EXPECT_EQ(Download(DocumentId(out)), "abc");

  // More than one chunk of 64 KiB: four, the last short.
  std::string big(200000, '\0');
  for (size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>(i * 7 % 251);
  std::tie(out, status) = Cli(absl::StrCat("UploadDocument ", kMetadata, " --file=", File("big", big)));
  ASSERT_EQ(status, 0) << out;
  EXPECT_THAT(out, HasSubstr("\"sizeBytes\": \"200000\""));
  EXPECT_EQ(Download(DocumentId(out)), big);
}

TEST_F(CliE2eTest, UploadDocumentWithoutAFileSendsNothing) {
  auto [out, status] = Cli(absl::StrCat("UploadDocument ", kMetadata));
  EXPECT_EQ(status, 2);
  EXPECT_THAT(out, HasSubstr("needs --file=PATH"));
  std::tie(out, status) = Cli(absl::StrCat("UploadDocument ", kMetadata, " --file=/nonexistent/bap.pdf"));
  EXPECT_EQ(status, 2);
}

// The token never on the command line (other users see the process list):
// --token is refused; from a file or DISCIPLINE_TOKEN it works.
TEST_F(CliE2eTest, TheTokenComesFromAFileOrTheEnvironmentNeverTheCommandLine) {
  auto [token, status] = Cli("mint");
  ASSERT_EQ(status, 0) << token;
  while (!token.empty() && token.back() == '\n') token.pop_back();
  const std::string assess = R"(AssessViolation '{"provisionId":"PP94.4.f","absenceDays":12}')";
  const std::string bin = absl::StrCat(DISCIPLINE_CLI_BIN, " --server=", server_->address(), " ");
  auto run = [](const std::string& command) {
    FILE* p = popen((command + " 2>&1").c_str(), "r");
    std::string out;
    char buffer[4096];
    for (size_t n; (n = fread(buffer, 1, sizeof buffer, p)) > 0;) out.append(buffer, n);
    const int st = pclose(p);
    return std::make_pair(out, WIFEXITED(st) ? WEXITSTATUS(st) : -1);
  };
  auto [out, code] = run(absl::StrCat(bin, "--token=", token, " ", assess));
  EXPECT_EQ(code, 3) << out;  // INVALID_ARGUMENT
  EXPECT_THAT(out, HasSubstr("--token is refused"));
  std::tie(out, code) = run(absl::StrCat("DISCIPLINE_TOKEN=", token, " ", bin, assess));
  EXPECT_EQ(code, 0) << out;
  std::tie(out, code) = run(absl::StrCat(bin, "--token_file=", File("token", token), " ", assess));
  EXPECT_EQ(code, 0) << out;
}

// After a restore (docs/operations.md, "Backups"): verify-all asks the
// server to verify the audit chain of every case the caller may list, and
// names each broken one. Three cases of the city: all hold (exit 0); one
// event changed behind the service: that case, and exit 15 (DATA_LOSS).
TEST_F(CliE2eTest, VerifyAllChecksEveryCaseAndNamesTheBrokenChain) {
  std::vector<pb::Case> filed;
  for (const char* day : {"2026-09-01", "2026-09-02", "2026-09-03"}) {
    pb::FileCaseRequest file;
    file.set_request_id(absl::StrCat("verify-all-", day));
    file.set_agency_code("KOTA-CONTOH");
    file.set_employee_nip("199006052015031005");
    file.set_source(pb::SOURCE_SISTEM_KEHADIRAN);
    auto* a = file.add_allegations();
    a->set_provision_id("PP94.4.f");
    a->set_absence_days(12);
    a->set_occurred_on(day);
    file.set_received_on("2026-10-01");
    filed.push_back(Must(&pb::CaseService::Stub::FileCase, file));
  }
  auto [ok_out, ok_status] = Cli("verify-all");
  EXPECT_EQ(ok_status, 0) << ok_out;
  EXPECT_THAT(ok_out, HasSubstr("\"casesChecked\":3"));
  EXPECT_THAT(ok_out, HasSubstr("\"broken\":0"));

  auto owner = mariadb::Connection::Open(db_->Owner());
  ASSERT_TRUE(owner.ok()) << owner.status();
  ASSERT_TRUE((*owner)
                  ->Execute(absl::StrCat("UPDATE audit_events SET actor = 'someone else' WHERE case_id = '",
                                         filed[1].case_id(), "' AND sequence = 1"))
                  .ok());
  auto [bad_out, bad_status] = Cli("verify-all");
  EXPECT_EQ(bad_status, 15) << bad_out;  // DATA_LOSS
  EXPECT_THAT(bad_out, HasSubstr(absl::StrCat("\"caseId\":\"", filed[1].case_id(), "\"")));
  EXPECT_THAT(bad_out, HasSubstr("\"firstInvalidSequence\":1"));
  EXPECT_THAT(bad_out, Not(HasSubstr(filed[0].case_id())));
  EXPECT_THAT(bad_out, HasSubstr("\"broken\":1"));
}

// A bearer token goes in plaintext only to loopback: to another address the
// client refuses before it connects (no --ca_file).
TEST_F(CliE2eTest, TheTokenIsNotSentInPlaintextOffLoopback) {
  const std::string command = absl::StrCat(
      DISCIPLINE_CLI_BIN,
      " --server=192.0.2.10:50051 --deadline_seconds=30 --issuer_dir=", std::getenv("DISCIPLINE_TEST_ISSUER_DIR"),
      " --as=199208222019032003 --roles=operator --agency=KOTA-CONTOH ",
      R"(AssessViolation '{"provisionId":"PP94.4.f","absenceDays":12}')", " 2>&1");
  const absl::Time start = absl::Now();
  FILE* p = popen(command.c_str(), "r");
  std::string out;
  char buffer[4096];
  for (size_t n; (n = fread(buffer, 1, sizeof buffer, p)) > 0;) out.append(buffer, n);
  const int status = pclose(p);
  EXPECT_EQ(WIFEXITED(status) ? WEXITSTATUS(status) : -1, 9) << out;  // FAILED_PRECONDITION
  EXPECT_THAT(out, HasSubstr("plaintext"));
  EXPECT_LT(absl::Now() - start, absl::Seconds(10)) << "it did not try to connect";
}

}  // namespace
}  // namespace discipline
