// fault: the real server and a MariaDB of the test's own, broken on
// purpose, on loopback, in loops bounded by count and time:
// - kill -9 of the server, five times, under 32 writers that retry the same
//   request_id until it is acknowledged: nothing acknowledged is lost,
//   nothing is filed twice, the register has no gap, sampled chains verify;
// - kill -9 of MariaDB under the same load: the writers see UNAVAILABLE only,
//   the service recovers by itself, nothing acknowledged is lost;
// - health follows the database: NOT_SERVING while it is down.

#include <grpcpp/client_context.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <signal.h>

#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "adapters/mariadb/connection.h"
#include "asn/discipline/v1/audit.grpc.pb.h"
#include "asn/discipline/v1/cases.grpc.pb.h"
#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/testing/mariadb_instance.h"
#include "tests/testing/server_process.h"

namespace discipline {
namespace {

namespace pb = ::asn::discipline::v1;
using ::discipline::testing::MariadbInstance;
using ::discipline::testing::ServerProcess;

// Demo employees of KOTA-CONTOH (deploy/demo/demo-personnel.csv).
const char* const kEmployees[] = {"199006052015031005", "199208222019032003", "199501302020121006",
                                  "198604182011012004", "198812122014031007"};

// A channel that reconnects within a second of the server coming back.
std::shared_ptr<grpc::Channel> Channel(const std::string& address) {
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 100);
  args.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, 100);
  args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 500);
  return grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(), args);
}

pb::FileCaseRequest Filing(const std::string& request_id, int n) {
  pb::FileCaseRequest r;
  r.set_request_id(request_id);
  r.set_agency_code("KOTA-CONTOH");
  r.set_employee_nip(kEmployees[n % 5]);
  r.set_source(pb::SOURCE_SISTEM_KEHADIRAN);
  auto* a = r.add_allegations();
  a->set_provision_id("PP94.4.f");
  a->set_absence_days(12);
  r.set_received_on("2026-11-02");
  return r;
}

// Writers that file cases and retry each request_id until it is
// acknowledged (or the run ends), counting the codes they saw.
class Writers {
 public:
  Writers(std::shared_ptr<grpc::Channel> channel, int count) : channel_(std::move(channel)) {
    for (int t = 0; t < count; ++t) threads_.emplace_back([this, t] { Run(t); });
  }
  void Stop() {
    stop_ = true;
    for (auto& t : threads_) t.join();
  }
  // request_id → case_id of every acknowledged filing.
  std::map<std::string, std::string> acknowledged;
  std::map<grpc::StatusCode, int> codes;
  std::vector<std::string> unexpected;
  std::atomic<int> attempts{0};

 private:
  void Run(int t) {
    auto stub = pb::CaseService::NewStub(channel_);
    for (int i = 0; !stop_ && i < 100000; ++i) {
      const std::string rid = absl::StrCat("fault-", t, "-", i);
      const pb::FileCaseRequest req = Filing(rid, t + i);
      // The same request_id again and again, until acknowledged.
      while (!stop_) {
        grpc::ClientContext ctx;
        ctx.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(5)));
        testing::AddToken(ctx, "199208222019032003", "KOTA-CONTOH", {"operator"});
        pb::Case out;
        const grpc::Status s = stub->FileCase(&ctx, req, &out);
        ++attempts;
        std::lock_guard<std::mutex> lock(mu_);
        ++codes[s.error_code()];
        if (s.ok()) {
          acknowledged[rid] = out.case_id();
          break;
        }
        const auto c = s.error_code();
        if (c != grpc::StatusCode::UNAVAILABLE && c != grpc::StatusCode::DEADLINE_EXCEEDED &&
            c != grpc::StatusCode::ABORTED && c != grpc::StatusCode::CANCELLED) {
          unexpected.push_back(absl::StrCat(rid, ": ", c, " ", s.error_message()));
          break;
        }
        mu_.unlock();
        absl::SleepFor(absl::Milliseconds(50));
        mu_.lock();
      }
    }
  }
  std::shared_ptr<grpc::Channel> channel_;
  std::atomic<bool> stop_{false};
  std::mutex mu_;
  std::vector<std::thread> threads_;
};

class FaultTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = MariadbInstance::StartWithDemoSimpeg();
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = std::move(*db);
    ASSERT_TRUE(db_->BootstrapCaseDatabase("discipline_fault").ok());
    StartServer(0);
  }
  void StartServer(int port) {
    std::vector<std::string> args = db_->ServerArgs();
    args.push_back(absl::StrCat("--listen=127.0.0.1:", port));
    auto server = ServerProcess::StartWithArgs(args);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    port_ = server_->port();
  }
  // Every case of the database: request_id → (case_id, register), and the
  // register numbers.
  void CheckStore(const std::map<std::string, std::string>& acknowledged) {
    auto owner = mariadb::Connection::Open(db_->Owner());
    ASSERT_TRUE(owner.ok()) << owner.status();
    auto rows = (*owner)->Query(
        "SELECT k.request_id, c.case_id, c.register_number FROM cases c JOIN idempotency_records k "
        "ON k.case_id = c.case_id AND k.method = 'FileCase'");
    ASSERT_TRUE(rows.ok()) << rows.status();
    std::map<std::string, std::string> stored;
    std::set<std::string> registers;
    for (const auto& r : *rows) {
      stored[r[0].value_or("")] = r[1].value_or("");
      registers.insert(r[2].value_or(""));
    }
    auto count = (*owner)->Query("SELECT COUNT(*), COUNT(DISTINCT register_number) FROM cases");
    ASSERT_TRUE(count.ok());
    int64_t cases = 0, distinct = 0;
    (void)absl::SimpleAtoi(count->at(0).at(0).value_or("0"), &cases);
    (void)absl::SimpleAtoi(count->at(0).at(1).value_or("0"), &distinct);
    int lost = 0, mismatched = 0;
    for (const auto& [rid, case_id] : acknowledged) {
      auto it = stored.find(rid);
      if (it == stored.end()) {
        ++lost;
      } else if (it->second != case_id) {
        ++mismatched;
      }
    }
    // Every case has exactly one filing record: none filed twice.
    const int64_t duplicated = cases - static_cast<int64_t>(stored.size());
    // Register numbers 1..N without a gap.
    int gaps = 0;
    for (int64_t n = 1; n <= cases; ++n) gaps += !registers.contains(absl::StrFormat("HD/2026/%06d", n));
    std::printf("fault: acknowledged %zu, stored %lld, lost %d, mismatched %d, duplicated %lld, register gaps %d\n",
                acknowledged.size(), static_cast<long long>(cases), lost, mismatched,
                static_cast<long long>(duplicated), gaps);
    EXPECT_EQ(lost, 0);
    EXPECT_EQ(mismatched, 0);
    EXPECT_EQ(duplicated, 0);
    EXPECT_EQ(distinct, cases);
    EXPECT_EQ(gaps, 0);
    // Sampled chains verify.
    auto audit = pb::AuditService::NewStub(Channel(server_->address()));
    int checked = 0;
    for (auto it = acknowledged.begin(); it != acknowledged.end() && checked < 50; ++checked) {
      pb::VerifyCaseHistoryRequest req;
      req.set_case_id(it->second);
      pb::VerifyCaseHistoryResponse resp;
      grpc::ClientContext ctx;
      ctx.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
      testing::AddToken(ctx, "198604182011012004", "KOTA-CONTOH", {"auditor"});
      ASSERT_TRUE(audit->VerifyCaseHistory(&ctx, req, &resp).ok());
      EXPECT_TRUE(resp.valid()) << it->second << ": " << resp.reason();
      std::advance(it, std::max<size_t>(1, acknowledged.size() / 50));
    }
  }
  std::unique_ptr<MariadbInstance> db_;
  std::unique_ptr<ServerProcess> server_;
  int port_ = 0;
};

TEST_F(FaultTest, KillNineOfTheServerUnderRetryingWritersLosesAndDuplicatesNothing) {
  const std::string address = server_->address();
  Writers writers(Channel(address), 32);
  for (int kill_round = 0; kill_round < 5; ++kill_round) {
    absl::SleepFor(absl::Milliseconds(1500));
    ASSERT_EQ(kill(server_->pid(), SIGKILL), 0);
    server_->Stop();  // reaps the killed process
    absl::SleepFor(absl::Milliseconds(200));
    StartServer(port_);
  }
  absl::SleepFor(absl::Milliseconds(1500));
  writers.Stop();
  EXPECT_TRUE(writers.unexpected.empty()) << writers.unexpected.front();
  EXPECT_GT(writers.acknowledged.size(), 100u);
  std::printf("fault: %d attempts; codes:", writers.attempts.load());
  for (const auto& [code, n] : writers.codes) std::printf(" %d×%d", code, n);
  std::printf("\n");
  CheckStore(writers.acknowledged);
}

TEST_F(FaultTest, KillNineOfMariadbGivesUnavailableOnlyThenRecovers) {
  Writers writers(Channel(server_->address()), 32);
  absl::SleepFor(absl::Milliseconds(1500));
  ASSERT_TRUE(db_->Kill9().ok());
  absl::SleepFor(absl::Milliseconds(1500));
  ASSERT_TRUE(db_->Start().ok());
  const size_t before = [&] {
    absl::SleepFor(absl::Milliseconds(200));
    return writers.attempts.load();
  }();
  absl::SleepFor(absl::Seconds(3));
  writers.Stop();
  EXPECT_TRUE(writers.unexpected.empty()) << writers.unexpected.front();
  for (const auto& [code, n] : writers.codes) {
    EXPECT_TRUE(code == grpc::StatusCode::OK || code == grpc::StatusCode::UNAVAILABLE)
        << "code " << code << " seen " << n << " times while MariaDB was down";
  }
  EXPECT_GT(writers.attempts.load(), static_cast<int>(before)) << "writes went on after MariaDB came back";
  CheckStore(writers.acknowledged);
}

grpc::health::v1::HealthCheckResponse::ServingStatus Health(const std::string& address) {
  auto stub = grpc::health::v1::Health::NewStub(Channel(address));
  grpc::ClientContext ctx;
  ctx.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(5)));
  grpc::health::v1::HealthCheckRequest req;
  grpc::health::v1::HealthCheckResponse resp;
  if (!stub->Check(&ctx, req, &resp).ok()) return grpc::health::v1::HealthCheckResponse::UNKNOWN;
  return resp.status();
}

TEST_F(FaultTest, HealthIsNotServingWhileTheCaseDatabaseIsDown) {
  using H = grpc::health::v1::HealthCheckResponse;
  const std::string address = server_->address();
  EXPECT_EQ(Health(address), H::SERVING);
  ASSERT_TRUE(db_->Stop().ok());
  auto wait_for = [&](H::ServingStatus want) {
    for (int i = 0; i < 100 && Health(address) != want; ++i) absl::SleepFor(absl::Milliseconds(200));
    return Health(address);
  };
  EXPECT_EQ(wait_for(H::NOT_SERVING), H::NOT_SERVING);
  ASSERT_TRUE(db_->Start().ok());
  EXPECT_EQ(wait_for(H::SERVING), H::SERVING);
}

}  // namespace
}  // namespace discipline
