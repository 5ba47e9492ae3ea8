// e2e: the real discipline_server binary on port 0 against the test MariaDB,
// called through a real gRPC channel.

#include <grpcpp/client_context.h>
#include <signal.h>

#include <fstream>
#include <set>

#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpc/reflection/v1alpha/reflection.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/testing/server_process.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/test_db.h"

namespace discipline {
namespace {

using ::discipline::testing::ServerProcess;
using ::discipline::testing::StatusIs;
using ::discipline::testing::TestDatabase;
using ::testing::HasSubstr;
using ::testing::IsSupersetOf;

class ServerE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = TestDatabase::Create();
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = std::move(*db);
  }
  std::unique_ptr<TestDatabase> db_;
};

grpc::health::v1::HealthCheckResponse::ServingStatus Health(const std::shared_ptr<grpc::Channel>& channel) {
  auto stub = grpc::health::v1::Health::NewStub(channel);
  grpc::ClientContext ctx;
  ctx.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(5)));
  grpc::health::v1::HealthCheckRequest req;
  grpc::health::v1::HealthCheckResponse resp;
  grpc::Status s = stub->Check(&ctx, req, &resp);
  EXPECT_TRUE(s.ok()) << s.error_message();
  return resp.status();
}

TEST_F(ServerE2eTest, ServesHealthAndReflectionThenStopsCleanlyOnSigterm) {
  auto server = ServerProcess::Start(*db_);
  ASSERT_TRUE(server.ok()) << server.status();
  EXPECT_EQ(Health((*server)->Channel()), grpc::health::v1::HealthCheckResponse::SERVING);

  auto reflection = grpc::reflection::v1alpha::ServerReflection::NewStub((*server)->Channel());
  grpc::ClientContext ctx;
  auto stream = reflection->ServerReflectionInfo(&ctx);
  grpc::reflection::v1alpha::ServerReflectionRequest req;
  req.set_list_services("");
  ASSERT_TRUE(stream->Write(req));
  grpc::reflection::v1alpha::ServerReflectionResponse resp;
  ASSERT_TRUE(stream->Read(&resp));
  stream->WritesDone();
  std::set<std::string> names;
  for (const auto& s : resp.list_services_response().service()) names.insert(s.name());
  EXPECT_THAT(names, IsSupersetOf({"asn.discipline.v1.RulesService", "asn.discipline.v1.CaseService",
                                   "asn.discipline.v1.AuditService", "grpc.health.v1.Health"}));
  EXPECT_TRUE(stream->Finish().ok());

  const pid_t pid = (*server)->pid();
  EXPECT_EQ((*server)->Stop(), 0);
  EXPECT_NE(kill(pid, 0), 0) << "the server process is still there after SIGTERM";
}

TEST_F(ServerE2eTest, SecondStartAppliesNoMigrationAndServes) {
  {
    auto first = ServerProcess::Start(*db_);
    ASSERT_TRUE(first.ok()) << first.status();
  }
  auto second = ServerProcess::Start(*db_);
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(Health((*second)->Channel()), grpc::health::v1::HealthCheckResponse::SERVING);
}

TEST_F(ServerE2eTest, BusyPortIsRefusedAtStart) {
  auto first = ServerProcess::Start(*db_);
  ASSERT_TRUE(first.ok()) << first.status();
  auto second = ServerProcess::Start(*db_, {"--listen=127.0.0.1:" + std::to_string((*first)->port())});
  // README: a busy port stops the start with exit status 4 (not a crash).
  EXPECT_THAT(second.status(), StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("with status 4")))
      << "a second server on the busy port " << (*first)->port();
  EXPECT_EQ(Health((*first)->Channel()), grpc::health::v1::HealthCheckResponse::SERVING);
}

TEST_F(ServerE2eTest, ServiceAccountWithoutMigrationsIsRefused) {
  // No migration account: the fresh database has no schema, so the server
  // must refuse to serve rather than fail on the first request.
  const std::string config = ::testing::TempDir() + "/identity-only.textproto";
  std::ofstream(config) << testing::IdentityConfig();
  auto server = ServerProcess::StartWithArgs(
      {"--db_socket=" + db_->socket(), "--db_name=" + db_->name(), "--db_user=" + db_->service_user(),
       "--db_password_file=" + db_->service_password_file(), "--config=" + config});
  // README: a database missing migrations stops the start with status 3.
  EXPECT_THAT(server.status(), StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("with status 3")));
}

// README: a config that does not parse, or a rules table with gaps, stops
// the start with status 2.
TEST_F(ServerE2eTest, BadConfigurationStopsTheStartWithStatus2) {
  const std::string dir = ::testing::TempDir();
  const std::string bad_config = dir + "/bad-server.textproto";
  std::ofstream(bad_config) << "this is { not a ServerConfig";
  auto unparsed = ServerProcess::Start(*db_, {"--config=" + bad_config});
  EXPECT_THAT(unparsed.status(), StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("with status 2")));

  const std::string rules = dir + "/gappy-rules.textproto";
  std::ofstream(rules) << "version: \"empty\"\n";
  const std::string config = dir + "/gappy-server.textproto";
  std::ofstream(config) << "rules_file: \"" << rules << "\"\n";
  auto gappy = ServerProcess::Start(*db_, {"--config=" + config});
  EXPECT_THAT(gappy.status(), StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("with status 2")));
}

}  // namespace
}  // namespace discipline
