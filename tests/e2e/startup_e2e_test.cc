// e2e: what an older binary does on a newer schema (docs/operations.md, "An
// older binary on a newer schema"): the database records a migration this
// binary does not know; the server refuses to start with exit status 5,
// names the migration, applies nothing and serves nothing.

#include <stdio.h>
#include <sys/wait.h>

#include <fstream>

#include "absl/strings/str_cat.h"
#include "adapters/mariadb/connection.h"
#include "adapters/mariadb/migrations.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/server_process.h"
#include "tests/testing/test_db.h"

namespace discipline::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kFuture[] = "9001_from_a_newer_release.sql";

struct Exit {
  int status = -1;
  std::string log;
};

// Runs the server with `args` to its end (at most 60 s), its log captured.
Exit RunServer(const std::string& args) {
  const std::string command =
      absl::StrCat("timeout 60 ", std::getenv("DISCIPLINE_SERVER_BIN"), " --listen=127.0.0.1:0 ", args, " 2>&1");
  Exit out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  char buffer[4096];
  for (size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.log.append(buffer, n);
  const int status = pclose(pipe);
  out.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

class StartupE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = TestDatabase::Create();
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = std::move(*db);
    // The schema as this binary leaves it, served once.
    auto first = ServerProcess::Start(*db_);
    ASSERT_TRUE(first.ok()) << first.status();
    EXPECT_EQ((*first)->Stop(), 0);
    // Then a newer release's migration, as its binary would record it.
    auto owner = mariadb::Connection::Open(db_->Owner());
    ASSERT_TRUE(owner.ok()) << owner.status();
    ASSERT_TRUE((*owner)
                    ->Update("INSERT INTO schema_migrations (version, name, sha256) VALUES (9001, ?, ?)",
                             {kFuture, std::string(64, 'a')})
                    .ok());
    config_ = absl::StrCat(std::getenv("DISCIPLINE_TEST_TMP"), "/startup-", db_->name(), ".textproto");
    std::ofstream(config_) << IdentityConfig() << "\n" << ReporterKeyConfig();
  }

  int64_t RecordedMigrations() {
    auto owner = mariadb::Connection::Open(db_->Owner());
    if (!owner.ok()) return -1;
    auto rows = (*owner)->Query("SELECT COUNT(*) FROM schema_migrations");
    if (!rows.ok() || rows->empty()) return -1;
    return std::stoll(rows->front()[0].value_or("-1"));
  }

  std::string ServiceArgs() const {
    return absl::StrCat("--db_socket=", db_->socket(), " --db_name=", db_->name(), " --db_user=", db_->service_user(),
                        " --db_password_file=", db_->service_password_file(), " --config=", config_);
  }

  std::unique_ptr<TestDatabase> db_;
  std::string config_;
};

// As the systemd unit starts it: with the migration account.
TEST_F(StartupE2eTest, AnOlderBinaryOnANewerSchemaRefusesToStartWithStatus5) {
  const int64_t before = RecordedMigrations();
  ASSERT_EQ(before, static_cast<int64_t>(mariadb::BuiltinMigrations().size()) + 1);
  const Exit run = RunServer(absl::StrCat(ServiceArgs(), " --db_migrate_user=", db_->owner_user(),
                                          " --db_migrate_password_file=", db_->owner_password_file()));
  EXPECT_EQ(run.status, 5) << run.log;
  EXPECT_THAT(run.log, HasSubstr("the schema is newer than this binary"));
  EXPECT_THAT(run.log, HasSubstr(kFuture));
  EXPECT_THAT(run.log, HasSubstr(std::string(mariadb::BuiltinMigrations().back().name)));
  EXPECT_THAT(run.log, Not(HasSubstr("serving on port")));
  EXPECT_THAT(run.log, Not(HasSubstr("migrations: ")));  // nothing applied, nothing checked
  EXPECT_EQ(RecordedMigrations(), before);
}

// With the service account only (a replica started without the migration
// account): the same refusal, not "migrations missing" (status 3).
TEST_F(StartupE2eTest, TheServiceAccountAloneAlsoRefusesWithStatus5) {
  const Exit run = RunServer(ServiceArgs());
  EXPECT_EQ(run.status, 5) << run.log;
  EXPECT_THAT(run.log, HasSubstr(kFuture));
  EXPECT_THAT(run.log, Not(HasSubstr("serving on port")));
}

// Once the newer release's row is gone (the backup from before the upgrade
// restored), the same binary starts again.
TEST_F(StartupE2eTest, TheSameBinaryStartsOnItsOwnSchema) {
  auto owner = mariadb::Connection::Open(db_->Owner());
  ASSERT_TRUE(owner.ok()) << owner.status();
  ASSERT_TRUE((*owner)->Update("DELETE FROM schema_migrations WHERE version = 9001").ok());
  auto server = ServerProcess::Start(*db_);
  ASSERT_TRUE(server.ok()) << server.status();
  EXPECT_EQ((*server)->Stop(), 0);
}

}  // namespace
}  // namespace discipline::testing
