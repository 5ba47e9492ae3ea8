// unit: the use cases over in-memory ports. What the app layer itself
// decides: which checks run before a filing is stored, the answer to a
// retried request when a check would now refuse it, and the version check
// of a change. (The MariaDB store behind the same port: db tests; the whole
// path through the server: e2e.)

#include "service/app/case_use_cases.h"

#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/common/errors.h"
#include "tests/testing/rules.h"
#include "tests/testing/status_matchers.h"

namespace discipline::app {
namespace {

using ::discipline::testing::BuiltinRules;
using ::discipline::testing::StatusIs;
using domain::Case;
using domain::CaseState;
using ::testing::HasSubstr;
using ::testing::Optional;

// Keeps cases and first responses in maps; no audit chain. As the port
// says, a write whose request_id was stored meanwhile (a racing repeat)
// returns the first response: the store's own check in the write's
// transaction, not a look-up of the use case's (not counted in `lookups`).
// Thread-safe, as the port.
class MemoryCases final : public ports::CaseRepository {
 public:
  absl::StatusOr<Case> Create(const Case& c, const ports::AuditEntry&, const ports::IdempotencyKey& key) override {
    std::lock_guard<std::mutex> lock(mu_);
    if (auto first = Stored(key); !first.ok() || first->has_value()) {
      if (!first.ok()) return first.status();
      return **first;
    }
    Case stored = c;
    // As the port says: the reporter is kept apart, the case carries a
    // stand-in commitment.
    if (!stored.reporter.empty()) {
      reporters_[c.case_id] = stored.reporter;
      stored.reporter_commitment = "commitment-" + c.case_id;
      stored.reporter.clear();
    }
    stored.register_number = absl::StrCat("HD/2026/", ++registered_);
    cases_[c.case_id] = stored;
    responses_[{key.scope, key.method, key.request_id}] = {key.request, stored};
    return stored;
  }
  absl::StatusOr<Case> CreateRelated(const Case& c, const ports::AuditEntry& entry, const ports::IdempotencyKey& key,
                                     const Case& related, const ports::AuditEntry&) override {
    if (auto first = FindByRequestId(key); !first.ok() || first->has_value()) return Create(c, entry, key);
    auto it = cases_.find(related.case_id);
    if (it == cases_.end()) return absl::NotFoundError("no case");
    if (it->second.version != related.version - 1) return absl::AbortedError("stale");
    it->second = related;
    return Create(c, entry, key);
  }
  absl::StatusOr<Case> Update(const Case& c, const ports::AuditEntry& entry,
                              const ports::IdempotencyKey& key) override {
    std::lock_guard<std::mutex> lock(mu_);
    if (auto first = Stored(key); !first.ok() || first->has_value()) {
      if (!first.ok()) return first.status();
      return **first;
    }
    ++updates;
    auto it = cases_.find(c.case_id);
    if (it == cases_.end()) return absl::NotFoundError("no case");
    if (it->second.version != c.version - 1) return absl::AbortedError("stale");
    it->second = c;
    stored_priors.insert(stored_priors.end(), entry.new_priors.begin(), entry.new_priors.end());
    responses_[{key.scope, key.method, key.request_id}] = {key.request, c};
    return c;
  }
  absl::StatusOr<Case> UpdateMany(const std::vector<std::pair<Case, ports::AuditEntry>>& changes,
                                  const ports::IdempotencyKey& key) override {
    std::lock_guard<std::mutex> lock(mu_);
    if (auto first = Stored(key); !first.ok() || first->has_value()) {
      if (!first.ok()) return first.status();
      return **first;
    }
    for (const auto& [c, entry] : changes) {
      auto it = cases_.find(c.case_id);
      if (it == cases_.end()) return absl::NotFoundError("no case");
      if (it->second.version != c.version - 1) return absl::AbortedError("stale");
    }
    for (const auto& [c, entry] : changes) cases_[c.case_id] = c;
    responses_[{key.scope, key.method, key.request_id}] = {key.request, changes.front().first};
    return changes.front().first;
  }
  absl::StatusOr<std::optional<Case>> FindByRequestId(const ports::IdempotencyKey& key) override {
    absl::StatusOr<std::optional<Case>> found;
    {
      std::lock_guard<std::mutex> lock(mu_);
      ++lookups;
      found = Stored(key);
    }
    // Holds every look-up until `hold_lookups` of them have been made: the
    // requests that made them race to their writes, none seeing the other's.
    std::unique_lock<std::mutex> lock(hold_mu_);
    if (hold_lookups > 0) {
      ++held_;
      held_cv_.notify_all();
      held_cv_.wait(lock, [&] { return held_ >= hold_lookups; });
    }
    return found;
  }
  absl::StatusOr<Case> Get(const std::string& case_id) override {
    std::lock_guard<std::mutex> lock(mu_);
    ++gets;
    auto it = cases_.find(case_id);
    if (it == cases_.end()) return absl::NotFoundError("no case");
    return it->second;
  }
  // Every case of the filter's agency, in one page.
  absl::StatusOr<ports::CasePage> List(const ports::CaseFilter& f) override {
    ports::CasePage page;
    for (const auto& [id, c] : cases_) {
      if (c.agency_code == f.agency_code) page.cases.push_back(c);
    }
    return page;
  }
  absl::StatusOr<std::vector<Case>> DecidedCasesOf(const std::string&) override { return std::vector<Case>{}; }
  absl::StatusOr<std::vector<Case>> CasesOfEmployee(const std::string& nip) override {
    std::vector<Case> out;
    for (const auto& [id, c] : cases_) {
      if (c.employee.nip == nip) out.push_back(c);
    }
    return out;
  }
  absl::StatusOr<std::vector<domain::PriorPunishment>> PriorPunishmentsOf(const std::string&) override {
    return stored_priors;
  }
  // The priors stored with the changes (AuditEntry::new_priors).
  std::vector<domain::PriorPunishment> stored_priors;
  absl::StatusOr<std::vector<Case>> FollowUpsDue(absl::CivilDay before, int) override {
    std::vector<Case> due;
    for (const auto& [id, c] : cases_) {
      if (c.follow_up.has_value() && c.follow_up->due_on < before &&
          (c.follow_up->state == domain::FollowUpState::kPending ||
           c.follow_up->state == domain::FollowUpState::kOverdue)) {
        due.push_back(c);
      }
    }
    return due;
  }
  absl::StatusOr<std::vector<domain::AuditEvent>> History(const std::string&, int64_t, int) override {
    return std::vector<domain::AuditEvent>{};
  }
  absl::StatusOr<ports::VerifyResult> Verify(const std::string&) override { return ports::VerifyResult{}; }
  absl::StatusOr<std::string> ReadReporter(const std::string& case_id, const ports::AuditEntry& entry,
                                           absl::Time) override {
    reads.push_back({case_id, entry.actor});
    return reporters_[case_id];
  }
  absl::Status RecordRead(const std::string& case_id, const ports::AuditEntry& entry, absl::Time) override {
    reads.push_back({case_id, entry.actor});
    return absl::OkStatus();
  }
  std::vector<std::pair<std::string, std::string>> reads;  // case, actor

  size_t size() const { return cases_.size(); }
  int lookups = 0;
  int gets = 0;
  int updates = 0;  // changes stored (not a repeat's replay)
  int hold_lookups = 0;

 private:
  // The first response to `key` as stored (the caller holds mu_).
  absl::StatusOr<std::optional<Case>> Stored(const ports::IdempotencyKey& key) const {
    auto it = responses_.find({key.scope, key.method, key.request_id});
    if (it == responses_.end()) return std::optional<Case>();
    if (it->second.first != key.request) return InvalidField("request_id", "was already used for another request");
    return std::optional<Case>(it->second.second);
  }

  std::mutex mu_;
  std::mutex hold_mu_;
  std::condition_variable held_cv_;
  int held_ = 0;
  std::map<std::string, Case> cases_;
  std::map<std::string, std::string> reporters_;
  std::map<std::tuple<std::string, std::string, std::string>, std::pair<std::string, Case>> responses_;
  int registered_ = 0;
};

// One employee of KOTA-CONTOH; `down` makes every call UNAVAILABLE, as a
// SIMPEG that does not answer.
class OnePerson final : public ports::PersonnelDirectory {
 public:
  absl::StatusOr<domain::EmployeeSnapshot> GetEmployee(const std::string& nip) override {
    if (down) return absl::UnavailableError("simpeg: no answer within 2 s");
    if (nip != kNip) return absl::NotFoundError("no employee");
    domain::EmployeeSnapshot e;
    e.nip = kNip;
    e.name = "Andi Saputra";
    e.agency_code = agency;
    return e;
  }
  absl::StatusOr<std::vector<domain::EmployeeSnapshot>> SuperiorChain(const std::string&, int) override {
    return std::vector<domain::EmployeeSnapshot>{};
  }
  absl::StatusOr<domain::Agency> GetAgency(const std::string& code) override {
    if (down) return absl::UnavailableError("simpeg: no answer within 2 s");
    if (code != agency) return absl::NotFoundError("no agency");
    domain::Agency a;
    a.code = agency;
    a.time_zone = time_zone;
    return a;
  }

  static constexpr char kNip[] = "199006052015031005";
  bool down = false;
  std::string agency = "KOTA-CONTOH";
  std::string time_zone = "Asia/Pontianak";
};

class FixedClock final : public ports::Clock {
 public:
  absl::Time Now() const override { return now; }
  absl::Time now = absl::FromCivil(absl::CivilSecond(2026, 3, 10, 9, 0, 0), absl::UTCTimeZone());
};

class CaseUseCasesTest : public ::testing::Test {
 protected:
  CaseUseCasesTest()
      : uses_(Deps{cases_, personnel_, BuiltinRules().engine, BuiltinRules().calendar, clock_,
                   [this] { return absl::StrCat("case-", ++ids_); }, nullptr}) {}

  static FileCaseInput Report(const std::string& request_id) {
    FileCaseInput in;
    in.request_id = request_id;
    in.agency_code = "KOTA-CONTOH";
    in.employee_nip = "19900605 201503 1 005";
    in.source = domain::Source::kSistemKehadiran;
    in.allegations.push_back({.provision_id = "PP94.4.f", .absence_days = 12});
    in.received_on = absl::CivilDay(2026, 3, 2);
    return in;
  }

  MemoryCases cases_;
  OnePerson personnel_;
  FixedClock clock_;
  std::atomic<int> ids_{0};
  CaseUseCases uses_;
  // An operator of the city, as the token of its HR staff would say.
  domain::Caller caller_ = [] {
    domain::Caller c;
    c.nip = "198009092005012002";
    c.name = "Rina Marlina";
    c.agency_code = "KOTA-CONTOH";
    c.roles = {domain::Role::kOperator};
    return c;
  }();
};

TEST_F(CaseUseCasesTest, FilingTakesTheEmployeeSnapshotAndLooksItsRequestIdUpOnce) {
  auto filed = uses_.FileCase(caller_, Report("r-1"));
  ASSERT_TRUE(filed.ok()) << filed.status();
  EXPECT_EQ(filed->state, CaseState::kReceived);
  EXPECT_EQ(filed->version, 1);
  EXPECT_EQ(filed->employee.name, "Andi Saputra");
  EXPECT_EQ(filed->employee.nip, OnePerson::kNip);
  // One owner of idempotency: the use case looks the request_id up once,
  // before its checks; a racing repeat is the store's write's to answer.
  EXPECT_EQ(cases_.lookups, 1) << "the use case's one look-up";
  auto again = uses_.FileCase(caller_, Report("r-1"));
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->case_id, filed->case_id);
  EXPECT_EQ(cases_.lookups, 2) << "a retry is answered by its one look-up";
}

// Two identical requests at once, neither seeing the other's answer when it
// looks its request_id up: one filing, one change, and both callers get the
// same answer (the store's write turns the race into the stored answer).
TEST_F(CaseUseCasesTest, ConcurrentIdenticalRequestsMakeOneChangeAndGetTheSameAnswer) {
  cases_.hold_lookups = 2;
  absl::StatusOr<CaseView> filed[2];
  {
    std::thread a([&] { filed[0] = uses_.FileCase(caller_, Report("twin-1")); });
    std::thread b([&] { filed[1] = uses_.FileCase(caller_, Report("twin-1")); });
    a.join();
    b.join();
  }
  ASSERT_TRUE(filed[0].ok()) << filed[0].status();
  ASSERT_TRUE(filed[1].ok()) << filed[1].status();
  EXPECT_EQ(cases_.size(), 1u);
  EXPECT_EQ(filed[0]->case_id, filed[1]->case_id);
  EXPECT_EQ(filed[0]->register_number, filed[1]->register_number);

  cases_.hold_lookups = 4;  // the two above and the two below
  const domain::IssueSummonsCommand summons{absl::CivilDay(2026, 3, 2), absl::CivilDay(2026, 3, 11)};
  const ChangeInput change{"twin-2", filed[0]->case_id, 1, "{}", "summons"};
  absl::StatusOr<CaseView> summoned[2];
  {
    std::thread a([&] { summoned[0] = uses_.IssueSummons(caller_, change, summons); });
    std::thread b([&] { summoned[1] = uses_.IssueSummons(caller_, change, summons); });
    a.join();
    b.join();
  }
  ASSERT_TRUE(summoned[0].ok()) << summoned[0].status();
  ASSERT_TRUE(summoned[1].ok()) << summoned[1].status();
  EXPECT_EQ(cases_.updates, 1) << "one state change";
  EXPECT_EQ(summoned[0]->version, 2);
  EXPECT_EQ(summoned[1]->version, 2);
  EXPECT_EQ(summoned[0]->state, CaseState::kSummoned);
  EXPECT_EQ(summoned[1]->state, CaseState::kSummoned);
}

TEST_F(CaseUseCasesTest, RetryWhileSimpegIsDownReturnsTheFirstResponse) {
  auto first = uses_.FileCase(caller_, Report("r-1"));
  ASSERT_TRUE(first.ok()) << first.status();
  personnel_.down = true;
  auto again = uses_.FileCase(caller_, Report("r-1"));
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->case_id, first->case_id);
  EXPECT_EQ(cases_.size(), 1u);
}

TEST_F(CaseUseCasesTest, NewFilingWhileSimpegIsDownIsUnavailable) {
  personnel_.down = true;
  EXPECT_THAT(uses_.FileCase(caller_, Report("r-2")), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_EQ(cases_.size(), 0u);
}

TEST_F(CaseUseCasesTest, RetryAfterTheEmployeeMovedReturnsTheFirstResponse) {
  auto first = uses_.FileCase(caller_, Report("r-1"));
  ASSERT_TRUE(first.ok()) << first.status();
  personnel_.agency = "PROV-CONTOH";  // a mutation in SIMPEG since
  auto again = uses_.FileCase(caller_, Report("r-1"));
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->case_id, first->case_id);
  // A new request is checked against today's data.
  auto other = uses_.FileCase(caller_, Report("r-3"));
  EXPECT_THAT(other, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("belongs to PROV-CONTOH")));
  EXPECT_THAT(FieldOf(other.status()), Optional(std::string("agency_code")));
}

TEST_F(CaseUseCasesTest, UnknownProvisionNamesTheAllegation) {
  FileCaseInput in = Report("r-4");
  in.allegations.push_back({.provision_id = "PP94.99.z"});
  auto r = uses_.FileCase(caller_, in);
  EXPECT_THAT(r, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("PP94.99.z")));
  EXPECT_THAT(FieldOf(r.status()), Optional(std::string("allegations[1].provision_id")));
}

TEST_F(CaseUseCasesTest, SameRequestIdWithAnotherRequestIsRefusedEvenWhenChecksFail) {
  FileCaseInput in = Report("r-1");
  in.request = "first request";
  auto first = uses_.FileCase(caller_, in);
  ASSERT_TRUE(first.ok());
  personnel_.down = true;
  in.request = "another request";
  auto refused = uses_.FileCase(caller_, in);
  EXPECT_THAT(refused, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(FieldOf(refused.status()), Optional(std::string("request_id")));
}

TEST_F(CaseUseCasesTest, RequestIdIsScopedByAgencyAndMethod) {
  auto first = uses_.FileCase(caller_, Report("same-id"));
  ASSERT_TRUE(first.ok());
  // The same request_id for another method is another request.
  domain::IssueSummonsCommand summons{absl::CivilDay(2026, 3, 2), absl::CivilDay(2026, 3, 11)};
  auto summoned = uses_.IssueSummons(caller_, {"same-id", first->case_id, 1, "{}", "summons"}, summons);
  ASSERT_TRUE(summoned.ok()) << summoned.status();
  EXPECT_EQ(summoned->state, CaseState::kSummoned);
  // Another agency's filing with the same request_id is its own: it never
  // answers with the first agency's case.
  personnel_.agency = "PROV-CONTOH";
  FileCaseInput prov = Report("same-id");
  prov.agency_code = "PROV-CONTOH";
  domain::Caller prov_operator = caller_;
  prov_operator.agency_code = "PROV-CONTOH";
  auto other = uses_.FileCase(prov_operator, prov);
  ASSERT_TRUE(other.ok()) << other.status();
  EXPECT_NE(other->case_id, first->case_id);
  EXPECT_EQ(other->agency_code, "PROV-CONTOH");
}

TEST_F(CaseUseCasesTest, RetryOfACommittedChangeWithTheOldVersionGetsTheFirstResponse) {
  auto filed = uses_.FileCase(caller_, Report("r-1"));
  ASSERT_TRUE(filed.ok());
  domain::IssueSummonsCommand summons{absl::CivilDay(2026, 3, 2), absl::CivilDay(2026, 3, 11)};
  auto first = uses_.IssueSummons(caller_, {"s-1", filed->case_id, 1, "{}", "summons"}, summons);
  ASSERT_TRUE(first.ok());
  auto again = uses_.IssueSummons(caller_, {"s-1", filed->case_id, 1, "{}", "summons"}, summons);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->version, 2);
}

TEST_F(CaseUseCasesTest, ChangeBasedOnAStaleVersionIsAborted) {
  auto filed = uses_.FileCase(caller_, Report("r-1"));
  ASSERT_TRUE(filed.ok());
  domain::IssueSummonsCommand summons{absl::CivilDay(2026, 3, 2), absl::CivilDay(2026, 3, 11)};
  ASSERT_TRUE(uses_.IssueSummons(caller_, {"s-1", filed->case_id, 1, "{}"}, summons).ok());
  EXPECT_THAT(uses_.IssueSummons(caller_, {"s-2", filed->case_id, 1, "{}"}, summons),
              StatusIs(absl::StatusCode::kAborted, HasSubstr("version")));
  EXPECT_THAT(uses_.IssueSummons(caller_, {"s-3", filed->case_id, 0, "{}"}, summons),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

// api.md "Safe edges": the reporter never appears in an audit payload; a
// filing with one shows that it has one, and no more.
TEST(ReporterAsAuditedTest, AReporterIsShownAsConfidentialAndNeverItself) {
  EXPECT_EQ(ReporterAsAudited("Budi Santoso, 0812-3456-7890"), "[rahasia]");
  EXPECT_EQ(ReporterAsAudited(""), "");
}

// Intake reads the sealed reporter with GetCase, and the read is recorded;
// an operator reads the case without it, and nothing is recorded.
TEST_F(CaseUseCasesTest, OnlyIntakeOpensTheReporterAndItsReadIsRecorded) {
  FileCaseInput in = Report("rep-1");
  in.reporter = "Budi Santoso";
  auto filed = uses_.FileCase(caller_, in);
  ASSERT_TRUE(filed.ok()) << filed.status();
  EXPECT_TRUE(filed->reporter.empty()) << "the filing's answer carries no reporter";
  auto as_operator = uses_.GetCase(caller_, filed->case_id);
  ASSERT_TRUE(as_operator.ok()) << as_operator.status();
  EXPECT_TRUE(as_operator->reporter.empty());
  EXPECT_TRUE(cases_.reads.empty());
  domain::Caller intake = caller_;
  intake.roles = {domain::Role::kIntake};
  auto as_intake = uses_.GetCase(intake, filed->case_id);
  ASSERT_TRUE(as_intake.ok()) << as_intake.status();
  EXPECT_EQ(as_intake->reporter, "Budi Santoso");
  ASSERT_EQ(cases_.reads.size(), 1u);
  EXPECT_EQ(cases_.reads[0].first, filed->case_id);
}

// ---- The agency's own day (WIB UTC+7, WITA UTC+8, WIT UTC+9) ----

struct ZoneRow {
  const char* zone;
  int offset_hours;
};

class AgencyDayTest : public CaseUseCasesTest, public ::testing::WithParamInterface<ZoneRow> {};

// At the agency's local midnight, today's report can be filed and
// tomorrow's cannot: "today" is the agency's day, not Jakarta's.
TEST_P(AgencyDayTest, FilingOnTheAgencysOwnDayAtItsMidnight) {
  const ZoneRow& z = GetParam();
  personnel_.time_zone = z.zone;
  // 00:00:30 local on 11 March 2026.
  clock_.now = absl::FromCivil(absl::CivilSecond(2026, 3, 11, 0, 0, 30), absl::FixedTimeZone(z.offset_hours * 3600));
  FileCaseInput today = Report(absl::StrCat("today-", z.offset_hours));
  today.received_on = absl::CivilDay(2026, 3, 11);
  auto filed = uses_.FileCase(caller_, today);
  ASSERT_TRUE(filed.ok()) << z.zone << ": " << filed.status();
  EXPECT_EQ(filed->agency_time_zone, z.zone);

  FileCaseInput tomorrow = Report(absl::StrCat("tomorrow-", z.offset_hours));
  tomorrow.received_on = absl::CivilDay(2026, 3, 12);
  auto refused = uses_.FileCase(caller_, tomorrow);
  EXPECT_THAT(refused, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("in the future")));
  EXPECT_THAT(FieldOf(refused.status()), Optional(std::string("received_on")));

  // A minute before local midnight it is still 10 March there.
  clock_.now -= absl::Minutes(1);
  FileCaseInput early = Report(absl::StrCat("early-", z.offset_hours));
  early.received_on = absl::CivilDay(2026, 3, 11);
  EXPECT_THAT(uses_.FileCase(caller_, early), StatusIs(absl::StatusCode::kInvalidArgument));
}

INSTANTIATE_TEST_SUITE_P(Zones, AgencyDayTest,
                         ::testing::Values(ZoneRow{"Asia/Jakarta", 7}, ZoneRow{"Asia/Pontianak", 7},
                                           ZoneRow{"Asia/Makassar", 8}, ZoneRow{"Asia/Jayapura", 9}, ZoneRow{"WIT", 9}),
                         [](const auto& info) {
                           return absl::StrCat("UTC_plus_", info.param.offset_hours, "_", info.index);
                         });

// A WIT agency between 00:00 and 02:00 local time: Jakarta is still on the
// day before, the agency is not.
TEST_F(CaseUseCasesTest, WitAgencyFilesTodaysReportBeforeJakartasMidnight) {
  personnel_.time_zone = "Asia/Jayapura";
  clock_.now = absl::FromCivil(absl::CivilSecond(2026, 3, 11, 1, 30, 0), absl::FixedTimeZone(9 * 3600));
  ASSERT_EQ(JakartaDay(clock_.now), absl::CivilDay(2026, 3, 10));
  FileCaseInput in = Report("wit-1");
  in.received_on = absl::CivilDay(2026, 3, 11);
  EXPECT_TRUE(uses_.FileCase(caller_, in).ok());
}

// The later changes of the case use the zone it was filed with.
TEST_F(CaseUseCasesTest, ChangesAreDatedByTheAgencysDay) {
  personnel_.time_zone = "Asia/Jayapura";
  clock_.now = absl::FromCivil(absl::CivilSecond(2026, 3, 11, 1, 0, 0), absl::FixedTimeZone(9 * 3600));
  FileCaseInput in = Report("wit-2");
  in.received_on = absl::CivilDay(2026, 3, 11);
  auto filed = uses_.FileCase(caller_, in);
  ASSERT_TRUE(filed.ok()) << filed.status();
  // 11 March in Jayapura, 10 March in Jakarta: a summons issued on 11 March
  // is today there.
  auto summoned = uses_.IssueSummons(caller_, {"wit-3", filed->case_id, 1, "{}"},
                                     {absl::CivilDay(2026, 3, 11), absl::CivilDay(2026, 3, 27)});
  ASSERT_TRUE(summoned.ok()) << summoned.status();
  auto future = uses_.IssueSummons(caller_, {"wit-4", filed->case_id, 2, "{}"},
                                   {absl::CivilDay(2026, 3, 12), absl::CivilDay(2026, 3, 30)});
  EXPECT_THAT(FieldOf(future.status()), Optional(std::string("issued_on")));
}

// The working days left to an open deadline, counted from the agency's own
// day: 17 Dec 2026 + 14 working days is 12 Jan 2027 (24 Dec cuti bersama,
// 25 Dec and 1 Jan holidays, 5 Jan Isra Mikraj: SKB 1497/2025 and Keputusan
// Bersama 1205/2026), so on 17 Dec 14 are left; on 18 Dec in a WIT agency
// (while Jakarta is still on 17 Dec) 13; on 14 Jan the deadline is 2 days past.
TEST_F(CaseUseCasesTest, WorkingDaysLeftToEachDeadlineOnTheAgencysDay) {
  Case c;
  c.agency_code = "KEMENDUMMY";
  c.agency_time_zone = "Asia/Jakarta";
  c.open_deadlines.push_back({"delivery", absl::CivilDay(2027, 1, 12), "v", "PP 94/2021 Pasal 37 ayat (3)"});
  c.open_deadlines.push_back({"beyond", absl::CivilDay(2028, 1, 3), "v", "none"});
  const absl::TimeZone wib = absl::FixedTimeZone(7 * 3600);
  clock_.now = absl::FromCivil(absl::CivilSecond(2026, 12, 17, 10, 0, 0), wib);
  EXPECT_THAT(uses_.WorkingDaysLeft(c), ::testing::ElementsAre(Optional(14), std::nullopt));

  c.agency_time_zone = "Asia/Jayapura";
  clock_.now = absl::FromCivil(absl::CivilSecond(2026, 12, 17, 23, 30, 0), wib);
  EXPECT_THAT(uses_.WorkingDaysLeft(c), ::testing::ElementsAre(Optional(13), std::nullopt));

  c.agency_time_zone = "Asia/Jakarta";
  clock_.now = absl::FromCivil(absl::CivilSecond(2027, 1, 14, 9, 0, 0), wib);
  EXPECT_THAT(uses_.WorkingDaysLeft(c), ::testing::ElementsAre(Optional(-2), std::nullopt));
}

TEST_F(CaseUseCasesTest, UnknownZoneInThePersonnelDataIsAFailedPrecondition) {
  personnel_.time_zone = "Europe/Paris";
  EXPECT_THAT(uses_.FileCase(caller_, Report("paris")),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("not an Indonesian zone")));
}

TEST_F(CaseUseCasesTest, AllegationCannotHaveOccurredInTheFutureOrAfterTheReport) {
  FileCaseInput in = Report("occurred-1");
  in.allegations[0].occurred_on = absl::CivilDay(2026, 3, 5);
  auto refused = uses_.FileCase(caller_, in);
  EXPECT_THAT(FieldOf(refused.status()), Optional(std::string("allegations[0].occurred_on")));
  in.allegations[0].occurred_on = absl::CivilDay(2026, 2, 27);
  EXPECT_TRUE(uses_.FileCase(caller_, in).ok());
}

// ---- Neutrality follow-through ----

FileCaseInput Recommendation(const std::string& request_id) {
  FileCaseInput in;
  in.request_id = request_id;
  in.agency_code = "KOTA-CONTOH";
  in.employee_nip = OnePerson::kNip;
  in.source = domain::Source::kBkn;
  // PP 94/2021 Pasal 5 huruf n angka 2 (sedang); angka 1 cites no
  // disciplinary level (law reference 2.5a).
  in.allegations.push_back({.provision_id = "SKB2022.5",
                            .candidate_status = domain::CandidateStatus::kCalon,
                            .neutrality_aspect = domain::NeutralityAspect::kPolitik});
  in.received_on = absl::CivilDay(2026, 3, 2);
  in.recommendation =
      domain::ExternalRecommendation{domain::Issuer::kBkn, "R-77/BKN/2026", absl::CivilDay(2026, 2, 27),
                                     domain::Track::kDiscipline, domain::Punishment::kPenundaanKgb1Tahun};
  return in;
}

TEST_F(CaseUseCasesTest, EveryNeutralityAllegationNamesItsKasnAspect) {
  FileCaseInput in = Recommendation("r-aspect");
  in.allegations[0].neutrality_aspect = domain::NeutralityAspect::kUnspecified;
  EXPECT_THAT(uses_.FileCase(caller_, in),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("allegations[0].neutrality_aspect")));
  EXPECT_EQ(cases_.size(), 0u);
}

// PP 94/2021 Pasal 28 (the superior's liability): a case filed against an
// earlier one. The earlier case must be one the caller may read (another
// agency's is NOT_FOUND, as any case the caller may not see), of another
// employee (INVALID_ARGUMENT); then it lists the new case.
TEST_F(CaseUseCasesTest, ACaseFiledAgainstAnEarlierOneIsCheckedAndListed_Pasal28) {
  auto earlier_of = [&](const std::string& id, const std::string& agency, const std::string& nip) {
    Case c;
    c.case_id = id;
    c.agency_code = agency;
    c.state = CaseState::kExamined;
    c.version = 3;
    c.employee.nip = nip;
    c.employee.agency_code = agency;
    EXPECT_TRUE(cases_.Create(c, {}, {agency, "FileCase", id, ""}).ok());
  };
  earlier_of("earlier-prov", "PROV-CONTOH", "199208222019032003");
  earlier_of("earlier-own", "KOTA-CONTOH", OnePerson::kNip);
  earlier_of("earlier-staff", "KOTA-CONTOH", "199208222019032003");

  FileCaseInput in = Report("r-rel-1");
  in.relation = domain::CaseRelation::kSuperiorLiability;
  in.related_case_id = "earlier-prov";
  auto r = uses_.FileCase(caller_, in);
  EXPECT_THAT(r, StatusIs(absl::StatusCode::kNotFound, HasSubstr("related_case_id")));
  in.related_case_id = "no-such-case";
  EXPECT_THAT(uses_.FileCase(caller_, in), StatusIs(absl::StatusCode::kNotFound, HasSubstr("related_case_id")));
  in.related_case_id = "earlier-own";
  r = uses_.FileCase(caller_, in);
  EXPECT_THAT(r, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("Pasal 28")));
  EXPECT_THAT(FieldOf(r.status()), Optional(std::string("related_case_id")));

  in.related_case_id = "earlier-staff";
  auto filed = uses_.FileCase(caller_, in);
  ASSERT_TRUE(filed.ok()) << filed.status();
  EXPECT_EQ(filed->related_case_id, "earlier-staff");
  EXPECT_EQ(filed->relation, domain::CaseRelation::kSuperiorLiability);
  auto earlier = cases_.Get("earlier-staff");
  ASSERT_TRUE(earlier.ok());
  EXPECT_EQ(earlier->version, 4);
  EXPECT_EQ(earlier->state, CaseState::kExamined);
  ASSERT_EQ(earlier->related_by.size(), 1u);
  EXPECT_EQ(earlier->related_by[0].case_id, filed->case_id);
}

TEST_F(CaseUseCasesTest, TheBknSupervisorFilesRecommendationsIntoAnyAgencyAndNothingElse) {
  domain::Caller bkn;
  bkn.nip = "197001011995031001";
  bkn.agency_code = "BKN";
  bkn.roles = {domain::Role::kSupervisor};
  auto filed = uses_.FileCase(bkn, Recommendation("r-bkn"));
  ASSERT_TRUE(filed.ok()) << filed.status();
  EXPECT_EQ(filed->agency_code, "KOTA-CONTOH");
  ASSERT_TRUE(filed->follow_up.has_value());
  EXPECT_EQ(filed->follow_up->state, domain::FollowUpState::kPending);
  EXPECT_THAT(uses_.FileCase(bkn, Report("r-bkn-plain")), StatusIs(absl::StatusCode::kPermissionDenied));
}

TEST_F(CaseUseCasesTest, EscalationStepsOncePerDueDayAndARepeatedRunChangesNothing) {
  // Received Monday 2 March 2026; 10 working days: 16 March.
  auto filed = uses_.FileCase(caller_, Recommendation("r-esc"));
  ASSERT_TRUE(filed.ok()) << filed.status();
  ASSERT_EQ(filed->follow_up->due_on, absl::CivilDay(2026, 3, 16));
  clock_.now = absl::FromCivil(absl::CivilSecond(2026, 3, 16, 9, 0, 0), absl::UTCTimeZone());
  auto run = uses_.EscalateFollowUps();
  ASSERT_TRUE(run.ok()) << run.status();
  EXPECT_EQ(run->steps, 0) << "not before the day after the due day";
  clock_.now = absl::FromCivil(absl::CivilSecond(2026, 3, 17, 9, 0, 0), absl::UTCTimeZone());
  run = uses_.EscalateFollowUps();
  ASSERT_TRUE(run.ok()) << run.status();
  EXPECT_EQ(run->steps, 1);
  EXPECT_EQ(cases_.Get(filed->case_id)->follow_up->state, domain::FollowUpState::kOverdue);
  EXPECT_EQ(uses_.EscalateFollowUps()->steps, 0);
  // Grace: 5 working days after 16 March, not counting 18 (cuti bersama),
  // 19 (Nyepi), 20, 23, 24 (cuti bersama) March: 17, 25, 26, 27, 30 March.
  clock_.now = absl::FromCivil(absl::CivilSecond(2026, 3, 30, 9, 0, 0), absl::UTCTimeZone());
  EXPECT_EQ(uses_.EscalateFollowUps()->steps, 0);
  clock_.now = absl::FromCivil(absl::CivilSecond(2026, 3, 31, 9, 0, 0), absl::UTCTimeZone());
  EXPECT_EQ(uses_.EscalateFollowUps()->steps, 1);
  const Case blocked = *cases_.Get(filed->case_id);
  EXPECT_EQ(blocked.follow_up->state, domain::FollowUpState::kBlockingRequested);
  EXPECT_EQ(blocked.follow_up->blocking_requested_on, absl::CivilDay(2026, 3, 31));
  EXPECT_EQ(blocked.version, 3);
  EXPECT_EQ(uses_.EscalateFollowUps()->steps, 0);
}

// GetDisciplineStatus (api.md, third stage): operators, auditors and ppk of
// the employee's agency, and BKN's supervisor; another agency's employee is
// not revealed.
TEST_F(CaseUseCasesTest, DisciplineStatusIsForTheEmployeesAgencyAndTheSupervisor) {
  ASSERT_TRUE(uses_.FileCase(caller_, Report("r-1")).ok());
  auto mine = uses_.GetDisciplineStatus(caller_, "19900605 201503 1 005", std::nullopt);
  ASSERT_TRUE(mine.ok()) << mine.status();
  EXPECT_EQ(mine->nip, OnePerson::kNip);
  // Today in the agency's zone (Pontianak, WIB: 16:00 on 10 Mar).
  EXPECT_EQ(mine->on_date, absl::CivilDay(2026, 3, 10));
  // Filed 2 Mar, not decided: under examination, no resignation (PP 11/2017
  // Pasal 238 ayat (3)).
  EXPECT_TRUE(mine->under_examination);
  ASSERT_FALSE(mine->restrictions.empty());
  EXPECT_EQ(mine->restrictions[0].restriction, domain::Restriction::kNoResignation);

  domain::Caller other = caller_;
  other.agency_code = "PROV-CONTOH";
  EXPECT_THAT(uses_.GetDisciplineStatus(other, OnePerson::kNip, std::nullopt), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(uses_.GetDisciplineStatus(caller_, "199901012020011001", std::nullopt),
              StatusIs(absl::StatusCode::kNotFound));
  domain::Caller examiner = caller_;
  examiner.roles = {domain::Role::kExaminer};
  EXPECT_THAT(uses_.GetDisciplineStatus(examiner, OnePerson::kNip, std::nullopt),
              StatusIs(absl::StatusCode::kPermissionDenied));
  domain::Caller bkn = other;
  bkn.agency_code = "BKN";
  bkn.roles = {domain::Role::kSupervisor};
  EXPECT_TRUE(uses_.GetDisciplineStatus(bkn, OnePerson::kNip, absl::CivilDay(2026, 3, 1)).ok());
  EXPECT_THAT(uses_.GetDisciplineStatus(caller_, "12345", std::nullopt), StatusIs(absl::StatusCode::kInvalidArgument));
}

// Reference §2.5a: a punishment imposed outside the service is entered by
// an operator (api.md AddPriorPunishment), dated no later than the agency's
// today, and stored with the change for the employee's later cases.
TEST_F(CaseUseCasesTest, AddPriorPunishmentIsTheOperatorsAndIsStoredWithTheChange) {
  auto filed = uses_.FileCase(caller_, Report("p-1"));
  ASSERT_TRUE(filed.ok()) << filed.status();
  const domain::PriorPunishment prior{.punishment = domain::Punishment::kTeguranTertulis,
                                      .provision_id = "PP94.3.d",
                                      .decision_number = "800/1/2025",
                                      .decided_on = absl::CivilDay(2025, 6, 2),
                                      .source = domain::PriorSource::kManual};
  domain::Caller examiner = caller_;
  examiner.roles = {domain::Role::kExaminer};
  EXPECT_THAT(uses_.AddPriorPunishment(examiner, {"p-2", filed->case_id, 1, "{}", "prior"}, prior),
              StatusIs(absl::StatusCode::kPermissionDenied));
  domain::PriorPunishment future = prior;
  future.decided_on = absl::CivilDay(2026, 3, 11);  // the agency's today is 10 March
  auto refused = uses_.AddPriorPunishment(caller_, {"p-3", filed->case_id, 1, "{}", "future"}, future);
  EXPECT_THAT(FieldOf(refused.status()), Optional(std::string("prior.decided_on")));
  EXPECT_TRUE(cases_.stored_priors.empty());

  auto added = uses_.AddPriorPunishment(caller_, {"p-4", filed->case_id, 1, "{}", "prior"}, prior);
  ASSERT_TRUE(added.ok()) << added.status();
  EXPECT_EQ(added->version, 2);
  ASSERT_EQ(added->prior_punishments.size(), 1u);
  ASSERT_EQ(cases_.stored_priors.size(), 1u);
  EXPECT_EQ(cases_.stored_priors[0].decision_number, "800/1/2025");
  // A retry answers with the first response and stores nothing more.
  auto again = uses_.AddPriorPunishment(caller_, {"p-4", filed->case_id, 1, "{}", "prior"}, prior);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->version, 2);
  EXPECT_EQ(cases_.stored_priors.size(), 1u);
}

// The agency option narrow_to_named (api.md, "Identity": an agency may
// narrow examiners and officials to the cases they are named on) holds for
// ListCases as for GetCase: an examiner lists only the cases whose summons
// or examination names him; an operator still lists every case.
TEST_F(CaseUseCasesTest, NarrowedToNamedAnExaminerListsOnlyTheCasesNamingHim) {
  domain::Policy narrow = domain::DefaultPolicy();
  narrow.narrow_to_named = true;
  Deps deps{cases_,
            personnel_,
            BuiltinRules().engine,
            BuiltinRules().calendar,
            clock_,
            [this] { return absl::StrCat("case-", ++ids_); },
            nullptr};
  deps.policy = &narrow;
  CaseUseCases uses(deps);
  auto named = uses.FileCase(caller_, Report("n-1"));
  auto other = uses.FileCase(caller_, Report("n-2"));
  ASSERT_TRUE(named.ok() && other.ok());
  domain::IssueSummonsCommand summons{absl::CivilDay(2026, 3, 2), absl::CivilDay(2026, 3, 11)};
  summons.examiner_nips = {"197802142003121003"};
  ASSERT_TRUE(uses.IssueSummons(caller_, {"n-s", named->case_id, 1, "{}", "s"}, summons).ok());

  auto as = [](domain::Role role, const std::string& nip) {
    domain::Caller c;
    c.nip = nip;
    c.agency_code = "KOTA-CONTOH";
    c.roles = {role};
    return c;
  };
  auto ids = [&](const domain::Caller& c) {
    std::vector<std::string> out;
    auto page = uses.ListCases(c, {});
    EXPECT_TRUE(page.ok()) << page.status();
    if (page.ok()) {
      for (const Case& listed : page->cases) out.push_back(listed.case_id);
    }
    return out;
  };
  EXPECT_THAT(ids(as(domain::Role::kExaminer, "197802142003121003")), ::testing::ElementsAre(named->case_id));
  EXPECT_THAT(ids(as(domain::Role::kExaminer, "197905052004012005")), ::testing::IsEmpty());
  EXPECT_THAT(ids(as(domain::Role::kOperator, "199208222019032003")),
              ::testing::UnorderedElementsAre(named->case_id, other->case_id));
  // Without the option, the examiner lists the agency's cases.
  EXPECT_EQ(uses_.ListCases(as(domain::Role::kExaminer, "197905052004012005"), {})->cases.size(), 2u);
}

// api.md "Safe edges": GetDocument authorizes before it opens anything, and
// its errors never cross agencies: another agency's document is NOT_FOUND,
// answered before its case is read.
TEST_F(CaseUseCasesTest, AnotherAgencysDocumentIsNotFoundBeforeItsCaseIsRead) {
  auto filed = uses_.FileCase(caller_, Report("d-1"));
  ASSERT_TRUE(filed.ok()) << filed.status();
  ports::DocumentMetadata doc{.case_id = filed->case_id,
                              .kind = 2,
                              .file_name = "bukti.pdf",
                              .media_type = "application/pdf",
                              .agency_code = caller_.agency_code};
  domain::Caller other = caller_;
  other.agency_code = "PROV-CONTOH";
  const int gets = cases_.gets;
  EXPECT_THAT(uses_.AuthorizeDocumentRead(other, "doc-1", doc), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(cases_.gets, gets) << "the case is not read for another agency's caller";
  EXPECT_TRUE(uses_.AuthorizeDocumentRead(caller_, "doc-1", doc).ok());
  EXPECT_EQ(cases_.gets, gets + 1);
}

// Reference §2.5a: a punishment imposed outside the service and entered
// with its SK (AddPriorPunishment) counts for the employee's status too: a
// KGB deferral for 1 (satu) year in force from 5 Jan 2026 is served until
// 4 Jan 2027, and no KGB is granted meanwhile (Peraturan BKN 6/2022).
TEST_F(CaseUseCasesTest, DisciplineStatusCountsThePunishmentsEnteredWithTheirSk) {
  cases_.stored_priors = {{.punishment = domain::Punishment::kPenundaanKgb1Tahun,
                           .provision_id = "PP94.3.d",
                           .decision_number = "800/9/2025",
                           .decided_on = absl::CivilDay(2025, 12, 1),
                           .effective_on = absl::CivilDay(2026, 1, 5),
                           .source = domain::PriorSource::kManual}};
  auto s = uses_.GetDisciplineStatus(caller_, OnePerson::kNip, absl::CivilDay(2026, 3, 1));
  ASSERT_TRUE(s.ok()) << s.status();
  ASSERT_EQ(s->serving.size(), 1u);
  EXPECT_EQ(s->serving[0].case_id, "");
  EXPECT_EQ(s->serving[0].decision_number, "800/9/2025");
  EXPECT_EQ(s->serving[0].ends_on, absl::CivilDay(2027, 1, 4));
  bool no_kgb = false;
  for (const auto& r : s->restrictions) no_kgb |= r.restriction == domain::Restriction::kNoKgb;
  EXPECT_TRUE(no_kgb);
  auto after = uses_.GetDisciplineStatus(caller_, OnePerson::kNip, absl::CivilDay(2027, 1, 5));
  ASSERT_TRUE(after.ok()) << after.status();
  EXPECT_TRUE(after->serving.empty());
}

// After a transfer, the case of the former agency still counts (under
// examination: no resignation, PP 11/2017 Pasal 238 ayat (3)), but its id
// is not the new agency's to know; BKN's supervisor sees it.
TEST_F(CaseUseCasesTest, DisciplineStatusHidesTheIdsOfAnotherAgencysCases) {
  auto filed = uses_.FileCase(caller_, Report("t-1"));
  ASSERT_TRUE(filed.ok()) << filed.status();
  personnel_.agency = "PROV-CONTOH";  // transferred
  domain::Caller province = caller_;
  province.agency_code = "PROV-CONTOH";
  auto s = uses_.GetDisciplineStatus(province, OnePerson::kNip, absl::CivilDay(2026, 3, 10));
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_TRUE(s->under_examination);
  EXPECT_TRUE(s->open_case_ids.empty());
  ASSERT_FALSE(s->restrictions.empty());
  EXPECT_EQ(s->restrictions[0].restriction, domain::Restriction::kNoResignation);
  EXPECT_TRUE(s->restrictions[0].case_ids.empty());
  domain::Caller bkn = province;
  bkn.agency_code = "BKN";
  bkn.roles = {domain::Role::kSupervisor};
  auto seen = uses_.GetDisciplineStatus(bkn, OnePerson::kNip, absl::CivilDay(2026, 3, 10));
  ASSERT_TRUE(seen.ok()) << seen.status();
  EXPECT_THAT(seen->open_case_ids, ::testing::ElementsAre(filed->case_id));
}

// Separation of duties: a termination requested by an operator holds the
// case; no other change (a summons here) is made before the PPK confirms or
// rejects it, so the termination is carried out on the case it was asked for.
TEST_F(CaseUseCasesTest, APendingTerminationHoldsTheCase) {
  auto filed = uses_.FileCase(caller_, Report("h-1"));
  ASSERT_TRUE(filed.ok()) << filed.status();
  domain::CloseCommand close{.reason = "Pegawai meninggal dunia",
                             .terminated = true,
                             .closed_on = absl::CivilDay(2026, 3, 10),
                             .termination_reason = domain::TerminationReason::kDied};
  auto requested = uses_.CloseCase(caller_, {"h-2", filed->case_id, 1, "{}", "close"}, close);
  ASSERT_TRUE(requested.ok()) << requested.status();
  ASSERT_TRUE(requested->pending_action.has_value());
  EXPECT_EQ(requested->state, domain::CaseState::kReceived);
  domain::IssueSummonsCommand summons{absl::CivilDay(2026, 3, 10), absl::CivilDay(2026, 3, 12)};
  EXPECT_THAT(uses_.IssueSummons(caller_, {"h-3", filed->case_id, requested->version, "{}", "s"}, summons),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("pending_action")));
}

}  // namespace
}  // namespace discipline::app
