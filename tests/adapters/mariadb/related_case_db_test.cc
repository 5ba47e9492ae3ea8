// db: a case filed against an earlier one (PP 94/2021 Pasal 28, the
// superior's liability) is written with the earlier case's change in one
// transaction: both or neither, and a retried filing replays the first.

#include "absl/time/clock.h"
#include "adapters/mariadb/case_store.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/domain/related_case.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/test_db.h"

namespace discipline::mariadb {
namespace {

using ::discipline::testing::StatusIs;
using ::discipline::testing::TestDatabase;
using domain::Case;
using domain::CaseRelation;
using domain::CaseState;

Case NewCase(const std::string& nip, const std::string& provision) {
  Case c;
  c.case_id = NewCaseId();
  c.agency_code = "KOTA-CONTOH";
  c.state = CaseState::kReceived;
  c.version = 1;
  c.employee.nip = nip;
  c.received_on = absl::CivilDay(2026, 3, 2);
  c.allegations.push_back({.provision_id = provision, .absence_days = 12});
  c.created_at = c.updated_at = absl::Now();
  return c;
}

ports::IdempotencyKey Key(const std::string& request_id) { return {"KOTA-CONTOH", "FileCase", request_id, "req"}; }

class RelatedCaseDbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = TestDatabase::CreateMigrated();
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = std::move(*db);
    store_ = std::make_unique<CaseStore>(db_->Service(), 4, FilingBatchOptions{}, nullptr);
  }

  // The superior's case against `earlier` (as the use case makes it).
  absl::StatusOr<Case> FileAgainst(const Case& earlier, const std::string& request_id, Case* filed) {
    *filed = NewCase("198009092005012002", "PP94.3.d");
    filed->related_case_id = earlier.case_id;
    filed->relation = CaseRelation::kSuperiorLiability;
    const Case changed =
        domain::RecordRelatedFiling(earlier, filed->case_id, CaseRelation::kSuperiorLiability, absl::Now());
    return store_->CreateRelated(*filed, {"test", "FileCase", CaseState::kUnspecified, "{}"}, Key(request_id), changed,
                                 {"test", "RelatedCaseFiled", earlier.state, "{}"});
  }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<CaseStore> store_;
};

// PP 94/2021 Pasal 28: both cases show the relation once written; the
// earlier case's change is an event of its own on a chain that verifies.
TEST_F(RelatedCaseDbTest, BothCasesAreWrittenInOneTransaction_Pasal28) {
  auto a = store_->Create(NewCase("199006052015031005", "PP94.4.f"),
                          {"test", "FileCase", CaseState::kUnspecified, "{}"}, Key("a"));
  ASSERT_TRUE(a.ok()) << a.status();
  Case b;
  auto filed = FileAgainst(*a, "b", &b);
  ASSERT_TRUE(filed.ok()) << filed.status();
  EXPECT_EQ(filed->related_case_id, a->case_id);
  auto b_read = store_->Get(b.case_id);
  ASSERT_TRUE(b_read.ok()) << b_read.status();
  EXPECT_EQ(b_read->related_case_id, a->case_id);
  EXPECT_EQ(b_read->relation, CaseRelation::kSuperiorLiability);
  auto a_read = store_->Get(a->case_id);
  ASSERT_TRUE(a_read.ok()) << a_read.status();
  EXPECT_EQ(a_read->version, 2);
  ASSERT_EQ(a_read->related_by.size(), 1u);
  EXPECT_EQ(a_read->related_by[0].case_id, b.case_id);
  auto history = store_->History(a->case_id, 0, 10);
  ASSERT_TRUE(history.ok()) << history.status();
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[1].action, "RelatedCaseFiled");
  auto verified = store_->Verify(a->case_id);
  ASSERT_TRUE(verified.ok()) << verified.status();
  EXPECT_TRUE(verified->valid);

  // The same request_id again: the first case, and A is not changed twice.
  Case again;
  auto replay = FileAgainst(*a_read, "b", &again);
  ASSERT_TRUE(replay.ok()) << replay.status();
  EXPECT_EQ(replay->case_id, b.case_id);
  EXPECT_EQ(store_->Get(a->case_id)->version, 2);
}

// The earlier case changed meanwhile: ABORTED, and the new case is not
// filed either.
TEST_F(RelatedCaseDbTest, AStaleEarlierCaseFilesNothing_Pasal28) {
  auto a = store_->Create(NewCase("199006052015031005", "PP94.4.f"),
                          {"test", "FileCase", CaseState::kUnspecified, "{}"}, Key("a"));
  ASSERT_TRUE(a.ok()) << a.status();
  Case stale = *a;
  stale.version = 0;  // as read before a change the store has since made
  Case b;
  EXPECT_THAT(FileAgainst(stale, "b", &b), StatusIs(absl::StatusCode::kAborted));
  EXPECT_THAT(store_->Get(b.case_id), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(store_->Get(a->case_id)->version, 1);
  EXPECT_TRUE(store_->Get(a->case_id)->related_by.empty());
}

}  // namespace
}  // namespace discipline::mariadb
