// db: the neutrality follow-up escalation against MariaDB. Runs repeated,
// and runs racing from two stores (two sets of sessions, as two replicas),
// store each step exactly once; the lease has one holder at a time.

#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/barrier.h"
#include "absl/time/clock.h"
#include "adapters/mariadb/case_store.h"
#include "gtest/gtest.h"
#include "service/app/case_use_cases.h"
#include "tests/testing/rules.h"
#include "tests/testing/test_db.h"

namespace discipline::mariadb {
namespace {

using ::discipline::testing::BuiltinRules;
using ::discipline::testing::TestDatabase;
using domain::Case;
using domain::CaseState;

constexpr int kCases = 24;

class NoPersonnel final : public ports::PersonnelDirectory {
 public:
  absl::StatusOr<domain::EmployeeSnapshot> GetEmployee(const std::string&) override { return Refused(); }
  absl::StatusOr<std::vector<domain::EmployeeSnapshot>> SuperiorChain(const std::string&, int) override {
    return Refused();
  }
  absl::StatusOr<domain::Agency> GetAgency(const std::string&) override { return Refused(); }

 private:
  static absl::Status Refused() { return absl::FailedPreconditionError("the escalation reads no personnel data"); }
};

class FixedClock final : public ports::Clock {
 public:
  absl::Time Now() const override { return now; }
  absl::Time now = absl::FromCivil(absl::CivilSecond(2026, 6, 15, 9, 0, 0), absl::UTCTimeZone());
};

// A case filed on a BKN recommendation received 11 May 2026: due 29 May
// (10 working days), blocking from 9 June (5 working days of grace).
Case Recommended() {
  Case c;
  c.case_id = NewCaseId();
  c.agency_code = "KOTA-CONTOH";
  c.state = CaseState::kReceived;
  c.version = 1;
  c.employee.nip = "199006052015031005";
  c.received_on = absl::CivilDay(2026, 5, 11);
  c.allegations.push_back({.provision_id = "SKB2022.2",
                           .candidate_status = domain::CandidateStatus::kCalon,
                           .neutrality_aspect = domain::NeutralityAspect::kPelayananPublik});
  c.created_at = c.updated_at = absl::Now();
  const domain::MachineContext ctx{BuiltinRules().engine, BuiltinRules().calendar};
  EXPECT_TRUE(domain::OpenFollowUp(ctx, c,
                                   {domain::Issuer::kBkn, "R-9/2026", absl::CivilDay(2026, 5, 8),
                                    domain::Track::kDiscipline, domain::Punishment::kUnspecified},
                                   std::nullopt)
                  .ok());
  return c;
}

class EscalationDbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = TestDatabase::CreateMigrated();
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = std::move(*db);
    for (auto& s : stores_) s = std::make_unique<CaseStore>(db_->Service(), 4);
    for (int i = 0; i < 2; ++i) {
      uses_[i] = std::make_unique<app::CaseUseCases>(
          app::Deps{*stores_[i], personnel_, BuiltinRules().engine, BuiltinRules().calendar, clock_, &NewCaseId});
    }
    for (int i = 0; i < kCases; ++i) {
      auto c = stores_[0]->Create(Recommended(), {"test", "FileCase", CaseState::kUnspecified, "{}"},
                                  {"KOTA-CONTOH", "FileCase", absl::StrCat("f-", i), ""});
      ASSERT_TRUE(c.ok()) << c.status();
      ids_.push_back(c->case_id);
    }
  }

  // The escalation steps in the case's audit history, in order.
  std::vector<std::string> Steps(const std::string& id) {
    auto events = stores_[0]->History(id, 0, 100);
    EXPECT_TRUE(events.ok()) << events.status();
    std::vector<std::string> steps;
    for (const auto& e : *events) {
      if (e.action != "EscalateFollowUp") continue;
      EXPECT_TRUE(absl::StartsWith(e.actor, "system")) << e.actor;
      steps.push_back(absl::StrContains(e.payload_json, "BLOCKING_REQUESTED") ? "BLOCKING_REQUESTED" : "OVERDUE");
    }
    return steps;
  }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<CaseStore> stores_[2];
  std::unique_ptr<app::CaseUseCases> uses_[2];
  NoPersonnel personnel_;
  FixedClock clock_;
  std::vector<std::string> ids_;
};

TEST_F(EscalationDbTest, ARepeatedRunChangesNothing) {
  auto first = uses_[0]->EscalateFollowUps();
  ASSERT_TRUE(first.ok()) << first.status();
  // 15 June is past both the due day and the grace: two steps per case.
  EXPECT_EQ(first->steps, 2 * kCases);
  EXPECT_EQ(first->failed, 0) << first->last_error;
  auto again = uses_[0]->EscalateFollowUps();
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->steps, 0);
  for (const std::string& id : ids_) {
    EXPECT_EQ(Steps(id), (std::vector<std::string>{"OVERDUE", "BLOCKING_REQUESTED"})) << id;
    auto c = stores_[0]->Get(id);
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(c->follow_up->state, domain::FollowUpState::kBlockingRequested);
    EXPECT_EQ(c->version, 3);
    auto verified = stores_[0]->Verify(id);
    ASSERT_TRUE(verified.ok());
    EXPECT_TRUE(verified->valid) << verified->reason;
  }
  // Nothing is left for the timer's query.
  auto due = stores_[0]->FollowUpsDue(absl::CivilDay(2026, 12, 31), 1000);
  ASSERT_TRUE(due.ok());
  EXPECT_TRUE(due->empty());
}

TEST_F(EscalationDbTest, TwoReplicasRacingStoreEachStepOnce) {
  absl::Barrier start(2);
  int steps[2] = {0, 0};
  std::thread runners[2];
  for (int i = 0; i < 2; ++i) {
    runners[i] = std::thread([&, i] {
      start.Block();
      for (int round = 0; round < 3; ++round) {
        auto run = uses_[i]->EscalateFollowUps();
        ASSERT_TRUE(run.ok()) << run.status();
        steps[i] += run->steps;
      }
    });
  }
  for (auto& r : runners) r.join();
  // A runner that lost a race is answered with the step the other stored.
  EXPECT_GE(steps[0] + steps[1], 2 * kCases);
  EXPECT_LE(steps[0], 2 * kCases);
  EXPECT_LE(steps[1], 2 * kCases);
  for (const std::string& id : ids_) {
    EXPECT_EQ(Steps(id), (std::vector<std::string>{"OVERDUE", "BLOCKING_REQUESTED"})) << id;
    auto verified = stores_[1]->Verify(id);
    ASSERT_TRUE(verified.ok());
    EXPECT_TRUE(verified->valid) << verified->reason;
  }
}

TEST_F(EscalationDbTest, TheLeaseHasOneHolderUntilItExpires) {
  auto a = stores_[0]->Acquire("follow_up_escalation", "replica-a:1", absl::Seconds(30));
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_TRUE(*a);
  EXPECT_FALSE(*stores_[1]->Acquire("follow_up_escalation", "replica-b:2", absl::Seconds(30)));
  EXPECT_TRUE(*stores_[0]->Acquire("follow_up_escalation", "replica-a:1", absl::Milliseconds(1)));
  absl::SleepFor(absl::Milliseconds(20));
  EXPECT_TRUE(*stores_[1]->Acquire("follow_up_escalation", "replica-b:2", absl::Seconds(30)));
  EXPECT_FALSE(*stores_[0]->Acquire("follow_up_escalation", "replica-a:1", absl::Seconds(30)));
}

}  // namespace
}  // namespace discipline::mariadb
