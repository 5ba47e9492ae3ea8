// e2e, security: the sealed reporter cannot be confirmed offline (API
// contract, "Safe edges": no value a non-intake caller can read may be
// computed from the sealed reporter without a server-side secret). A case is
// filed with a known reporter through the real server; an auditor reads the
// case and its whole history and export, and rebuilds the stored case the
// way an attacker would, with the true reporter in it: no case_sha256 and no
// hash matches, and no payload holds the reporter.

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "adapters/common/digest.h"
#include "adapters/common/reporter_seal.h"
#include "gmock/gmock.h"
#include "tests/testing/case_e2e.h"

namespace discipline::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kReporter[] = "Drs. Bambang Wicaksono, Kepala Bagian Umum, 0813-1111-2222";
constexpr char kAuditorNip[] = "198604182011012004";
constexpr char kIntakeNip[] = "199501302020121006";

// The case as the server stores it, rebuilt from an answer: the computed
// parts of the answer dropped (those StoredCase does not hold: the working
// days left, the SIASN delivery, the punishment in effect and its end, the
// documents listed), deterministic protobuf serialization.
std::string Rebuilt(pb::Case c) {
  for (auto& d : *c.mutable_open_deadlines()) d.clear_working_days_left();
  c.clear_siasn_export();
  c.clear_effective_punishment();
  c.clear_ends_on();
  c.clear_documents();
  std::string out;
  google::protobuf::io::StringOutputStream stream(&out);
  google::protobuf::io::CodedOutputStream coded(&stream);
  coded.SetSerializationDeterministic(true);
  c.SerializeToCodedStream(&coded);
  coded.Trim();
  return out;
}

std::string Sha(const std::string& s) { return adapters::Sha256Hex(s); }

std::string CaseDigestOf(const std::string& payload) {
  const std::string key = "\"case_sha256\":\"";
  const size_t at = payload.rfind(key);
  return at == std::string::npos ? "" : payload.substr(at + key.size(), 64);
}

class ReporterSealE2eTest : public CaseE2eTest {
 protected:
  std::unique_ptr<grpc::ClientContext> As(const std::string& nip, const std::string& role) {
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(20)));
    AddToken(*ctx, nip, agency_, {role});
    return ctx;
  }

  // Filed with kReporter, summoned, examined; intake has read the reporter.
  pb::Case FiledAndRead() {
    pb::Finding f;
    f.set_provision_id("PP94.4.f");
    f.set_proven(true);
    f.set_absence_days(5);
    const pb::Case examined =
        Examined("seal", "199006052015031005", f, "197802142003121003", /*team=*/false, kReporter);
    EXPECT_EQ(examined.reporter(), "");
    pb::GetCaseRequest get;
    get.set_case_id(examined.case_id());
    pb::Case read;
    EXPECT_TRUE(cases_->GetCase(As(kIntakeNip, "intake").get(), get, &read).ok());
    EXPECT_EQ(read.reporter(), kReporter) << "intake reads the reporter";
    return examined;
  }

  std::vector<pb::AuditEvent> History(const std::string& case_id) {
    std::vector<pb::AuditEvent> out;
    pb::GetCaseHistoryRequest h;
    h.set_case_id(case_id);
    h.set_page_size(2);
    for (int pages = 0; pages < 50; ++pages) {
      pb::GetCaseHistoryResponse page;
      const grpc::Status s = audit_->GetCaseHistory(As(kAuditorNip, "auditor").get(), h, &page);
      EXPECT_TRUE(s.ok()) << s.error_message();
      out.insert(out.end(), page.events().begin(), page.events().end());
      if (!s.ok() || page.next_page_token().empty()) break;
      h.set_page_token(page.next_page_token());
    }
    return out;
  }

  std::vector<pb::AuditEvent> Export(const std::string& case_id) {
    std::vector<pb::AuditEvent> out;
    pb::ExportCaseHistoryRequest r;
    r.set_case_id(case_id);
    auto ctx = As(kAuditorNip, "auditor");
    auto reader = audit_->ExportCaseHistory(ctx.get(), r);
    pb::AuditEvent e;
    while (reader->Read(&e)) out.push_back(e);
    const grpc::Status s = reader->Finish();
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }
};

TEST_F(ReporterSealE2eTest, AnAuditorCannotCheckAGuessOfTheReporterOffline) {
  const pb::Case filed = FiledAndRead();
  pb::GetCaseRequest get;
  get.set_case_id(filed.case_id());
  pb::Case seen;
  ASSERT_TRUE(cases_->GetCase(As(kAuditorNip, "auditor").get(), get, &seen).ok());
  EXPECT_EQ(seen.reporter(), "");
  ASSERT_FALSE(seen.reporter_commitment().empty()) << "the case carries the commitment";

  const std::vector<pb::AuditEvent> history = History(filed.case_id());
  const std::vector<pb::AuditEvent> exported = Export(filed.case_id());
  ASSERT_GE(history.size(), 4u);  // FileCase, IssueSummons, RecordExamination, ReadReporter
  ASSERT_EQ(exported.size(), history.size());
  EXPECT_EQ(history.back().action(), "ReadReporter");

  // The attacker's rebuild is exact: without a reporter, the answer rebuilds
  // the stored bytes the last event hashed (so the checks below can fail).
  EXPECT_EQ(Sha(Rebuilt(seen)), CaseDigestOf(history.back().payload_json()));

  // The guesses: the true reporter put back, with and without the
  // commitment, and the reporter alone.
  std::set<std::string> guesses;
  pb::Case guess = seen;
  guess.set_reporter(kReporter);
  guesses.insert(Sha(Rebuilt(guess)));
  guess.clear_reporter_commitment();
  guesses.insert(Sha(Rebuilt(guess)));
  guesses.insert(Sha(kReporter));
  guesses.insert(Sha(absl::StrCat(filed.case_id(), kReporter)));
  for (const auto* events : {&history, &exported}) {
    for (const pb::AuditEvent& e : *events) {
      SCOPED_TRACE(absl::StrCat(e.action(), " #", e.sequence()));
      EXPECT_EQ(guesses.count(CaseDigestOf(e.payload_json())), 0u) << "case_sha256 confirms the guess";
      EXPECT_EQ(guesses.count(e.hash()), 0u);
      EXPECT_EQ(guesses.count(e.prev_hash()), 0u);
      for (const std::string& g : guesses) EXPECT_THAT(e.payload_json(), Not(HasSubstr(g)));
      EXPECT_THAT(e.payload_json(), Not(HasSubstr("Bambang")));
      EXPECT_THAT(e.actor(), Not(HasSubstr("Bambang")));
    }
  }
  EXPECT_EQ(guesses.count(seen.reporter_commitment()), 0u);

  // With the server's secret the commitment does bind the reporter: the
  // case hash covers it, and a wrong reporter has another commitment.
  const char* key_file = std::getenv("DISCIPLINE_TEST_REPORTER_KEY_FILE");
  ASSERT_NE(key_file, nullptr) << "tests/run.sh sets DISCIPLINE_TEST_REPORTER_KEY_FILE";
  auto seal = adapters::ReporterSeal::FromKeyFile(key_file);
  ASSERT_TRUE(seal.ok()) << seal.status();
  EXPECT_EQ(seen.reporter_commitment(), (*seal)->Commitment(filed.case_id(), kReporter));
  EXPECT_NE(seen.reporter_commitment(), (*seal)->Commitment(filed.case_id(), "Drs. Bambang"));

  // The other readers: listings carry no reporter either.
  pb::ListCasesResponse listed;
  ASSERT_TRUE(cases_->ListCases(As(kAuditorNip, "auditor").get(), pb::ListCasesRequest(), &listed).ok());
  ASSERT_GT(listed.cases_size(), 0);
  for (const auto& c : listed.cases()) EXPECT_EQ(c.reporter(), "");

  pb::VerifyCaseHistoryRequest v;
  v.set_case_id(filed.case_id());
  pb::VerifyCaseHistoryResponse verified;
  ASSERT_TRUE(audit_->VerifyCaseHistory(As(kAuditorNip, "auditor").get(), v, &verified).ok());
  EXPECT_TRUE(verified.valid()) << verified.reason();
}

// A server started with another reporter key, with a key file that is not
// there, or with none, on a database that holds sealed reporters: it stops
// before it serves (status 2), says why, and prints no key.
TEST_F(ReporterSealE2eTest, ServerWithoutTheRightKeyRefusesToStartAndPrintsNoKey) {
  FiledAndRead();
  const std::string tmp = std::getenv("DISCIPLINE_TEST_TMP");
  const std::string other_key = std::string(64, 'b');
  const std::string key_file = absl::StrCat(tmp, "/other-reporter-", db_->name(), ".key");
  std::ofstream(key_file) << other_key << "\n";
  std::string right_key;
  std::ifstream(std::getenv("DISCIPLINE_TEST_REPORTER_KEY_FILE")) >> right_key;
  ASSERT_EQ(right_key.size(), 64u);

  struct Start {
    std::string key_line;
    std::string says;
  };
  const std::vector<Start> starts = {
      {absl::StrCat("reporter_key_file: \"", key_file, "\""), "reporter key"},
      {absl::StrCat("reporter_key_file: \"", tmp, "/no-such-reporter.key\""), "cannot read"},
      {"", "configure reporter_key_file"},
  };
  for (const Start& start : starts) {
    SCOPED_TRACE(start.key_line);
    const std::string config = absl::StrCat(tmp, "/other-key-", db_->name(), ".textproto");
    std::ofstream(config) << IdentityConfig() << "\n" << start.key_line << "\n";
    const std::string command = absl::StrCat(
        "timeout 60 ", std::getenv("DISCIPLINE_SERVER_BIN"), " --listen=127.0.0.1:0 --db_socket=", db_->socket(),
        " --db_name=", db_->name(), " --db_user=", db_->service_user(),
        " --db_password_file=", db_->service_password_file(), " --config=", config, " 2>&1");
    FILE* out = popen(command.c_str(), "r");
    ASSERT_NE(out, nullptr);
    std::string log;
    char buffer[4096];
    for (size_t n; (n = fread(buffer, 1, sizeof buffer, out)) > 0;) log.append(buffer, n);
    const int status = pclose(out);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 2) << log;
    EXPECT_THAT(log, HasSubstr(start.says));
    EXPECT_THAT(log, Not(HasSubstr("serving on port")));
    EXPECT_THAT(log, Not(HasSubstr(other_key)));
    EXPECT_THAT(log, Not(HasSubstr(right_key)));
  }
}

}  // namespace
}  // namespace discipline::testing
