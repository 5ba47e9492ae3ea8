// db: the operational figures of GET /metrics from a real MariaDB: the SIASN
// outbox's pending records and how long the oldest has waited since it
// entered the outbox (migration 0018's enqueued_at), delivered and refused
// records left out; the pools.

#include "adapters/mariadb/operational_stats_store.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/test_db.h"

namespace discipline::mariadb {
namespace {

using ::discipline::testing::TestDatabase;

class OperationalStatsStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = TestDatabase::CreateMigrated();
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = std::move(*db);
    auto owner = Connection::Open(db_->Owner());
    ASSERT_TRUE(owner.ok()) << owner.status();
    owner_ = std::move(*owner);
    store_ = std::make_unique<CaseStore>(db_->Service(), 4);
    stats_ = std::make_unique<OperationalStatsStore>(db_->Service(), *store_);
  }
  // A record of `case_id` in `state` (1 pending, 2 delivered, 3 refused,
  // SiasnExportState), entered `hours_ago`, last attempted just now.
  void PutOutbox(const std::string& case_id, int state, int hours_ago) {
    ASSERT_TRUE(owner_
                    ->Update("INSERT INTO siasn_outbox (case_id, idempotency_key, payload_json, state, enqueued_at) "
                             "VALUES (?, ?, '{}', ?, NOW(6) - INTERVAL ? HOUR)",
                             {case_id, case_id + "-k", std::to_string(state), std::to_string(hours_ago)})
                    .ok());
  }
  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<Connection> owner_;
  std::unique_ptr<CaseStore> store_;
  std::unique_ptr<OperationalStatsStore> stats_;
};

TEST_F(OperationalStatsStoreTest, EmptyOutboxHasNoAge) {
  auto s = stats_->Snapshot(absl::CivilDay(2026, 12, 7));
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->outbox_pending, 0);
  EXPECT_FALSE(s->outbox_oldest_age.has_value());
  EXPECT_TRUE(s->agencies.empty());
  ASSERT_EQ(s->pools.size(), 2u);
  EXPECT_EQ(s->pools[0].pool, "cases");
  EXPECT_EQ(s->pools[0].size, 4);
}

TEST_F(OperationalStatsStoreTest, PendingRecordsAndTheOldestOnesWait) {
  PutOutbox("case-a", 1, 2);
  PutOutbox("case-b", 1, 0);
  PutOutbox("case-c", 2, 5);  // delivered: not waiting
  PutOutbox("case-d", 3, 9);  // refused: not waiting either
  auto s = stats_->Snapshot(absl::CivilDay(2026, 12, 7));
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->outbox_pending, 2);
  ASSERT_TRUE(s->outbox_oldest_age.has_value());
  EXPECT_GE(*s->outbox_oldest_age, absl::Hours(2));
  EXPECT_LT(*s->outbox_oldest_age, absl::Hours(2) + absl::Minutes(5));
}

TEST_F(OperationalStatsStoreTest, PoolsShowConnectionsLentAndOpen) {
  ASSERT_TRUE(store_->Ping().ok());
  const auto pools = stats_->Pools();
  ASSERT_EQ(pools.size(), 2u);
  EXPECT_EQ(pools[0].open, 1);    // the ping's connection, kept
  EXPECT_EQ(pools[0].in_use, 0);  // and returned
  EXPECT_EQ(pools[1].pool, "filings");
  EXPECT_EQ(pools[1].size, 1);
}

}  // namespace
}  // namespace discipline::mariadb
