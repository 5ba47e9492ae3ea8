// e2e: the delivery of a decided case's hukdis record to SIASN, against a
// contract server on loopback (tests/contract/siasn_contract_server.cc: it
// checks the payload, issues the OAuth2 token, fails or hangs on demand).
// The record is written to the outbox with the delivery, in its
// transaction; the server's sender posts it, retries with backoff, and
// marks it delivered with SIASN's id. Killed in the middle of a post and
// restarted, the server posts it again under the same key: SIASN holds it
// once.

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/case_e2e.h"
#include "tests/testing/requests.h"

namespace discipline {
namespace {

namespace pb = ::asn::discipline::v1;
namespace gp = ::google::protobuf;

class SiasnE2eTest : public testing::CaseE2eTest {
 protected:
  // Starts the contract server with `flags`, then the service configured to
  // send to it.
  void StartWith(const std::vector<std::string>& flags, const std::vector<std::string>& server_flags = {}) {
    const std::string tmp = std::getenv("DISCIPLINE_TEST_TMP");
    const std::string tag = absl::StrCat(getpid(), "-", ::testing::UnitTest::GetInstance()->current_test_info()->name());
    const std::string port_file = absl::StrCat(tmp, "/siasn-", tag, ".port");
    state_file_ = absl::StrCat(tmp, "/siasn-", tag, ".json");
    const std::string secret_file = absl::StrCat(tmp, "/siasn-", tag, ".secret");
    std::ofstream(secret_file) << "rahasia-uji\n";
    unlink(port_file.c_str());
    unlink(state_file_.c_str());
    std::vector<std::string> args = {DISCIPLINE_SIASN_CONTRACT_BIN, "--port_file=" + port_file,
                                     "--state_file=" + state_file_};
    args.insert(args.end(), flags.begin(), flags.end());
    contract_pid_ = fork();
    ASSERT_GE(contract_pid_, 0);
    if (contract_pid_ == 0) {
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
    int port = 0;
    for (int i = 0; i < 200 && port == 0; ++i) {
      std::ifstream in(port_file);
      if (!(in >> port)) absl::SleepFor(absl::Milliseconds(25));
    }
    ASSERT_GT(port, 0) << "the contract server did not start";
    const std::string base = absl::StrCat("http://127.0.0.1:", port);
    top_config_ = absl::StrCat("siasn { token_url: \"", base, "/oauth2/token\" endpoint: \"", base,
                               "/apisiasn/1.0/hukdis/save\" client_id: \"asn-discipline\" client_secret_file: \"",
                               secret_file, "\" poll_seconds: 1 timeout_seconds: 2 "
                               "document_base_uri: \"https://intranet.example.go.id\" }");
    extra_args_ = {"--instance_name=siasn-e2e"};
    extra_args_.insert(extra_args_.end(), server_flags.begin(), server_flags.end());
    CaseE2eTest::SetUp();
  }
  void SetUp() override {}
  void TearDown() override {
    if (contract_pid_ > 0) {
      kill(contract_pid_, SIGKILL);
      waitpid(contract_pid_, nullptr, 0);
    }
  }

  // Takes `c` from RECEIVED through the summons, the examination (with
  // `finding` proven), the recommendation and the decision of the PPK's
  // office (with the signed SK) to its delivery: its record is due.
  pb::Case ToDelivery(pb::Case c, const std::string& prefix, const pb::Finding& finding) {
    c = SummonedAndExamined(c, prefix, finding, "197802142003121003", false);
    auto rec = Change<pb::RecommendSanctionRequest>(c, prefix + "-rec");
    rec.set_recommended_on("2026-10-13");
    c = Must(&pb::CaseService::Stub::RecommendSanction, rec);
    EXPECT_EQ(c.recommendation().authority().role(), pb::AUTHORITY_ROLE_PPK);
    auto decide = Change<pb::DecideSanctionRequest>(c, prefix + "-decide");
    decide.set_outcome(pb::DECISION_OUTCOME_APPROVE);
    const pb::Assessment& a = c.recommendation().assessment();
    decide.set_punishment(a.punishment() != pb::PUNISHMENT_UNSPECIFIED ? a.punishment() : a.options(0).punishment());
    decide.set_decision_number("800.1.6.3/901/BKPSDM/2026");
    decide.set_decided_on("2026-10-14");
    decide.set_decision_document_id(UploadBap("SK-hukuman-disiplin.pdf").document_id());
    c = Must(&pb::CaseService::Stub::DecideSanction, decide);
    auto delivery = Change<pb::RecordDeliveryRequest>(c, prefix + "-deliver");
    delivery.set_delivered_on("2026-10-15");
    return Must(&pb::CaseService::Stub::RecordDelivery, delivery);
  }

  // An absence case of the city (PP 94/2021 Pasal 4 huruf f), delivered.
  pb::Case Delivered(const std::string& prefix) {
    const pb::FileCaseRequest file = testing::AbsenceReport(prefix + "-file", "2026-10-01");
    pb::Finding f;
    f.set_provision_id("PP94.4.f");
    f.set_proven(true);
    f.set_absence_days(12);
    return ToDelivery(Must(&pb::CaseService::Stub::FileCase, file), prefix, f);
  }

  pb::Case Get(const std::string& id) {
    pb::GetCaseRequest r;
    r.set_case_id(id);
    return Must(&pb::CaseService::Stub::GetCase, r);
  }

  pb::Case AwaitDelivered(const std::string& id) {
    pb::Case c;
    for (int i = 0; i < 300; ++i) {
      c = Get(id);
      if (c.siasn_export().state() == pb::SIASN_EXPORT_STATE_DELIVERED) return c;
      absl::SleepFor(absl::Milliseconds(100));
    }
    ADD_FAILURE() << "not delivered: " << c.siasn_export().ShortDebugString();
    return c;
  }

  // What the contract server received.
  gp::Struct State() {
    std::ifstream in(state_file_);
    std::stringstream text;
    text << in.rdbuf();
    gp::Struct s;
    (void)gp::util::JsonStringToMessage(text.str(), &s);
    return s;
  }
  int Posts() {
    const gp::Struct s = State();
    auto it = s.fields().find("posts");
    return it == s.fields().end() ? 0 : static_cast<int>(it->second.number_value());
  }

  pid_t contract_pid_ = -1;
  std::string state_file_;
};

TEST_F(SiasnE2eTest, TheRecordArrivesOnceAfterFailuresWithSiasnsId) {
  StartWith({"--fail_first=2"});
  const pb::Case c = Delivered("s1");
  // Written with the delivery, in its transaction.
  EXPECT_EQ(Get(c.case_id()).siasn_export().idempotency_key(), absl::StrCat(c.case_id(), ":", c.version()));
  const pb::Case done = AwaitDelivered(c.case_id());
  EXPECT_EQ(done.siasn_export().attempts(), 3) << "two 503s, then the record";
  EXPECT_EQ(done.siasn_export().siasn_id(), "rw-hukdis-1");
  EXPECT_TRUE(done.siasn_export().has_exported_at());
  EXPECT_EQ(Posts(), 3);
  const gp::Struct state = State();
  const auto& records = state.fields().at("records").list_value();
  ASSERT_EQ(records.values_size(), 1);
  const auto& sent = records.values(0).struct_value();
  EXPECT_EQ(sent.fields().at("key").string_value(), done.siasn_export().idempotency_key());
  // What arrived is what GetSiasnRecord shows.
  pb::GetSiasnRecordRequest req;
  req.set_case_id(c.case_id());
  pb::SiasnRecord record;
  ASSERT_TRUE(cases_->GetSiasnRecord(Ctx().get(), req, &record).ok());
  const auto& payload = sent.fields().at("payload").struct_value().fields();
  EXPECT_EQ(payload.at("jenisHukumanId").string_value(), record.hukdis().jenis_hukuman_id());
  EXPECT_EQ(payload.at("pnsOrangId").string_value(), record.hukdis().pns_orang_id());
  EXPECT_FALSE(record.hukdis().pns_orang_id().empty());
  EXPECT_EQ(payload.at("skNomor").string_value(), "800.1.6.3/901/BKPSDM/2026");
  EXPECT_EQ(payload.at("skTanggal").string_value(), "14-10-2026");
  EXPECT_EQ(payload.at("path").list_value().values_size(), 2) << "the SK and the BAP";
  EXPECT_EQ(record.export_().state(), pb::SIASN_EXPORT_STATE_DELIVERED);
}

// The neutrality flow end to end: BKN's recommendation, overdue and a
// blocking request by the server's timer, the PPK's decision lifting it,
// and the SIASN record surviving a kill of the server in the middle of its
// export.
TEST_F(SiasnE2eTest, RecommendationBlockedThenDecidedAndItsRecordSurvivesARestartExactlyOnce) {
  StartWith({"--hang_first=1", "--hang_seconds=20"}, {"--escalation_interval_seconds=1"});
  const pb::FileCaseRequest file = testing::BknRecommendation("s2-file", "2026-10-05");
  const std::string saved_nip = nip_, saved_agency = agency_;
  const std::vector<std::string> saved_roles = roles_;
  nip_ = "197001011995031001";
  agency_ = "BKN";
  roles_ = {"supervisor"};
  const pb::Case filed = Must(&pb::CaseService::Stub::FileCase, file);
  nip_ = saved_nip;
  agency_ = saved_agency;
  roles_ = saved_roles;
  pb::Case c;
  for (int i = 0; i < 150; ++i) {
    c = Get(filed.case_id());
    if (c.follow_up().state() == pb::FOLLOW_UP_STATE_BLOCKING_REQUESTED) break;
    absl::SleepFor(absl::Milliseconds(100));
  }
  ASSERT_EQ(c.follow_up().state(), pb::FOLLOW_UP_STATE_BLOCKING_REQUESTED);
  pb::Finding f;
  f.set_provision_id("SKB2022.5");
  f.set_candidate_status(pb::CANDIDATE_STATUS_CALON);
  f.set_proven(true);
  c = ToDelivery(c, "s2", f);
  EXPECT_EQ(c.follow_up().state(), pb::FOLLOW_UP_STATE_DONE);
  EXPECT_FALSE(c.follow_up().blocking_lifted_on().empty());
  // The first post has reached SIASN (and is stored there), its answer not
  // yet back: the server dies.
  for (int i = 0; i < 200 && Posts() < 1; ++i) absl::SleepFor(absl::Milliseconds(50));
  ASSERT_EQ(Posts(), 1);
  EXPECT_EQ(Get(c.case_id()).siasn_export().state(), pb::SIASN_EXPORT_STATE_PENDING);
  kill(server_->pid(), SIGKILL);
  server_->Stop();
  auto restarted = testing::ServerProcess::Start(*db_, extra_args_, extra_config_, top_config_);
  ASSERT_TRUE(restarted.ok()) << restarted.status();
  server_ = std::move(*restarted);
  cases_ = pb::CaseService::NewStub(server_->Channel());
  const pb::Case done = AwaitDelivered(c.case_id());
  EXPECT_EQ(done.siasn_export().siasn_id(), "rw-hukdis-1");
  EXPECT_EQ(Posts(), 2) << "posted again after the restart";
  const gp::Struct state = State();
  ASSERT_EQ(state.fields().at("records").list_value().values_size(), 1) << "held once, under one key";
  const auto& payload =
      state.fields().at("records").list_value().values(0).struct_value().fields().at("payload").struct_value();
  // SKB2022.5 for a calon is PP 94/2021 Pasal 5 huruf n angka 2: a
  // prohibition, sedang (angka 1 cites no disciplinary level, law
  // reference 2.5a).
  EXPECT_EQ(payload.fields().at("alasanHukumanDisiplinId").string_value(), "2");
  EXPECT_EQ(payload.fields().at("jenisTingkatHukumanId").string_value(), "S");
}

}  // namespace
}  // namespace discipline
