// db: the schema migrations against the real MariaDB that tests/run.sh
// started.

#include "adapters/mariadb/migrations.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/test_db.h"

namespace discipline::mariadb {
namespace {

using ::discipline::testing::StatusIs;
using ::discipline::testing::TestDatabase;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

class MigrationsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = TestDatabase::Create();
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = std::move(*db);
    auto conn = Connection::Open(db_->Owner());
    ASSERT_TRUE(conn.ok()) << conn.status();
    owner_ = std::move(*conn);
  }
  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<Connection> owner_;
};

TEST_F(MigrationsTest, SecondApplicationIsANoOp) {
  auto first = ApplyMigrations(*owner_, BuiltinMigrations());
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_THAT(first->applied, SizeIs(BuiltinMigrations().size()));
  EXPECT_EQ(first->already_applied, 0);

  auto second = ApplyMigrations(*owner_, BuiltinMigrations());
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_THAT(second->applied, IsEmpty());
  EXPECT_EQ(second->already_applied, static_cast<int>(BuiltinMigrations().size()));

  auto rows = owner_->Query("SELECT COUNT(*) FROM schema_migrations");
  ASSERT_TRUE(rows.ok()) << rows.status();
  EXPECT_EQ(rows->at(0).at(0).value_or(""), std::to_string(BuiltinMigrations().size()));
}

TEST_F(MigrationsTest, ChangedMigrationIsRefused) {
  ASSERT_TRUE(ApplyMigrations(*owner_, BuiltinMigrations()).ok());
  EmbeddedFileList changed = BuiltinMigrations();
  const std::string edited = std::string(changed[0].contents) + "\n-- edited after release\n";
  changed[0].contents = edited;
  EXPECT_THAT(ApplyMigrations(*owner_, changed),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("was changed after it was applied")));
}

// An older binary on a newer schema (docs/operations.md): the database has a
// migration the binary's list does not hold; nothing of the list is applied
// (not even its own pending ones) and the refusal names the migration.
TEST_F(MigrationsTest, NewerSchemaIsRefusedBeforeAnythingIsApplied) {
  EmbeddedFileList older(BuiltinMigrations().begin(), BuiltinMigrations().end() - 1);
  ASSERT_TRUE(ApplyMigrations(*owner_, {BuiltinMigrations().front()}).ok());
  // The newest migration recorded as if a newer binary applied it (its text
  // is not run: only the record matters here).
  ASSERT_TRUE(owner_
                  ->Update("INSERT INTO schema_migrations (version, name, sha256) VALUES (9001, "
                           "'9001_from_a_newer_release.sql', REPEAT('a', 64))")
                  .ok());
  EXPECT_THAT(ApplyMigrations(*owner_, older),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("9001_from_a_newer_release.sql")));
  auto rows = owner_->Query("SELECT COUNT(*) FROM schema_migrations");
  ASSERT_TRUE(rows.ok()) << rows.status();
  EXPECT_EQ(rows->at(0).at(0).value_or(""), "2") << "the older list's pending migrations were applied";
}

TEST_F(MigrationsTest, MisnamedMigrationIsRefused) {
  EmbeddedFileList bad = {{"initial.sql", "SELECT 1"}};
  EXPECT_THAT(ApplyMigrations(*owner_, bad),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("NNNN_name.sql")));
}

TEST_F(MigrationsTest, FailingMigrationNamesItsFileAndIsNotRecorded) {
  EmbeddedFileList bad = {{"0001_broken.sql", "CREATE TABLE t (x INT);\nTHIS IS NOT SQL;"}};
  EXPECT_THAT(ApplyMigrations(*owner_, bad), StatusIs(absl::StatusCode::kInternal, HasSubstr("0001_broken.sql")));
  auto rows = owner_->Query("SELECT COUNT(*) FROM schema_migrations");
  ASSERT_TRUE(rows.ok()) << rows.status();
  EXPECT_EQ(rows->at(0).at(0).value_or(""), "0");
}

TEST_F(MigrationsTest, ServiceAccountMayOnlyAppendToTheAuditLog) {
  ASSERT_TRUE(ApplyMigrations(*owner_, BuiltinMigrations()).ok());
  auto svc = Connection::Open(db_->Service());
  ASSERT_TRUE(svc.ok()) << svc.status();
  constexpr char kInsert[] =
      "INSERT INTO audit_events (case_id, sequence, occurred_at, actor, action, from_state, to_state, payload_json,"
      " prev_hash, hash) VALUES ('c1', 1, NOW(6), 'test', 'FileCase', 0, 1, '{}', REPEAT('0', 64), REPEAT('a', 64))";
  ASSERT_TRUE((*svc)->Update(kInsert).ok());
  EXPECT_THAT((*svc)->Update("UPDATE audit_events SET actor = 'forged' WHERE case_id = 'c1'"),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT((*svc)->Update("DELETE FROM audit_events WHERE case_id = 'c1'"),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT((*svc)->Execute("DROP TABLE cases"), StatusIs(absl::StatusCode::kPermissionDenied));
  // The first response to a request_id cannot be rewritten either.
  ASSERT_TRUE((*svc)
                  ->Update("INSERT INTO idempotency_records (scope, method, request_id, request_sha256, case_id, "
                           "response) VALUES ('KOTA-CONTOH', 'FileCase', 'r1', REPEAT('b', 64), 'c1', 'x')")
                  .ok());
  EXPECT_THAT((*svc)->Update("UPDATE idempotency_records SET response = 'y' WHERE request_id = 'r1'"),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT((*svc)->Update("DELETE FROM idempotency_records WHERE request_id = 'r1'"),
              StatusIs(absl::StatusCode::kPermissionDenied));
}

}  // namespace
}  // namespace discipline::mariadb
