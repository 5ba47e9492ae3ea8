// db: the MariaDB case store under concurrency, and the audit chain against
// rows changed behind the service's back.

#include "adapters/mariadb/case_store.h"

#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/barrier.h"
#include "absl/time/clock.h"
#include "adapters/mariadb/migrations.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/common/errors.h"
#include "tests/testing/mariadb_instance.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/test_db.h"

namespace discipline::mariadb {
namespace {

using ::discipline::testing::StatusIs;
using ::discipline::testing::TestDatabase;
using domain::Case;
using domain::CaseState;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Optional;

constexpr int kThreads = 8;

Case NewCase(const std::string& agency = "KOTA-CONTOH") {
  Case c;
  c.case_id = NewCaseId();
  c.agency_code = agency;
  c.state = CaseState::kReceived;
  c.version = 1;
  c.employee.nip = "199006052015031005";
  c.employee.name = "Andi Saputra";
  c.received_on = absl::CivilDay(2026, 3, 2);
  c.allegations.push_back({.provision_id = "PP94.4.f", .absence_days = 12});
  c.created_at = c.updated_at = absl::Now();
  return c;
}

// The idempotency key of a request of the KOTA-CONTOH demo agency.
ports::IdempotencyKey Key(const std::string& request_id, const std::string& method = "FileCase",
                          const std::string& scope = "KOTA-CONTOH", const std::string& request = "") {
  return {scope, method, request_id, request};
}

class CaseStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = TestDatabase::CreateMigrated();
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = std::move(*db);
    // The owner's connection, to change rows behind the service's back.
    auto owner = Connection::Open(db_->Owner());
    ASSERT_TRUE(owner.ok()) << owner.status();
    owner_ = std::move(*owner);
    auto seal = adapters::ReporterSeal::FromKey(std::string(32, 's'));
    ASSERT_TRUE(seal.ok()) << seal.status();
    store_ = std::make_unique<CaseStore>(db_->Service(), kThreads + 2, FilingBatchOptions{}, *seal);
  }

  Case Filed(const std::string& request_id = NewCaseId()) {
    auto c = store_->Create(NewCase(), {"test", "FileCase", CaseState::kUnspecified, "{}"}, Key(request_id));
    EXPECT_TRUE(c.ok()) << c.status();
    return *c;
  }

  // Moves `c` one step (a summons) as version `c.version + 1`.
  absl::StatusOr<Case> Step(Case c, const std::string& request_id) {
    c.version += 1;
    c.state = CaseState::kSummoned;
    c.summonses.push_back({1, absl::CivilDay(2026, 3, 2), absl::CivilDay(2026, 3, 16)});
    c.updated_at = absl::Now();
    return store_->Update(c, {"test", "IssueSummons", CaseState::kReceived, "{}"}, Key(request_id, "IssueSummons"));
  }

  // Every case id the filter lists, page after page.
  std::vector<std::string> ListAll(ports::CaseFilter f) {
    std::vector<std::string> seen;
    for (int pages = 0; pages < 10; ++pages) {
      auto page = store_->List(f);
      EXPECT_TRUE(page.ok()) << page.status();
      if (!page.ok()) break;
      for (const auto& c : page->cases) seen.push_back(c.case_id);
      if (!page->more) break;
      // The position the gRPC edge's token carries: the last case (and, for
      // overdue listings, its due date).
      f.after_case_id = page->cases.back().case_id;
      if (f.overdue_only) f.after_due_on = domain::NextDue(page->cases.back());
    }
    return seen;
  }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<Connection> owner_;
  std::unique_ptr<CaseStore> store_;
};

// Reference §2.5a (the superior's liability, ≈ PP 94/2021 Pasal 24): a
// decision that rejects proven findings is counted in the consistency
// report, in its decision's period; a rejection without proven findings is
// not.
TEST_F(CaseStoreTest, RejectionsOfProvenFindingsAreCountedByAgencyInTheirPeriod) {
  auto reject = [&](const std::string& request_id, bool proven) {
    Case c = Filed(request_id);
    c.version = 2;
    c.state = CaseState::kDismissed;
    domain::Decision d;
    d.outcome = domain::DecisionOutcome::kReject;
    d.decided_on = absl::CivilDay(2026, 4, 1);
    d.reason = "Tidak cukup alasan.";
    d.rejected_proven_findings = proven;
    c.decision = d;
    c.updated_at = absl::Now();
    auto stored =
        store_->Update(c, {"test", "DecideSanction", CaseState::kRecommended, "{}"}, Key(request_id + "-d", "Decide"));
    EXPECT_TRUE(stored.ok()) << stored.status();
  };
  reject("proven", true);
  reject("unproven", false);
  ports::PunishmentQuery q;
  q.from = absl::CivilDay(2026, 1, 1);
  q.to = absl::CivilDay(2026, 12, 31);
  auto tallies = store_->ProvenRejections(q);
  ASSERT_TRUE(tallies.ok()) << tallies.status();
  ASSERT_EQ(tallies->size(), 1u);
  EXPECT_EQ((*tallies)[0].agency_code, "KOTA-CONTOH");
  EXPECT_EQ((*tallies)[0].count, 1);
  q.from = absl::CivilDay(2026, 4, 2);
  auto later = store_->ProvenRejections(q);
  ASSERT_TRUE(later.ok()) << later.status();
  EXPECT_THAT(*later, IsEmpty());
  // A row written before migration 0025 gets the column from the backfill.
  ASSERT_TRUE(owner_->Execute("UPDATE cases SET rejected_proven_on = NULL, report_columns = 0").ok());
  q.from = absl::CivilDay(2026, 1, 1);
  EXPECT_THAT(*store_->ProvenRejections(q), IsEmpty());
  auto run = store_->BackfillReportColumns("", 100);
  ASSERT_TRUE(run.ok()) << run.status();
  auto again = store_->ProvenRejections(q);
  ASSERT_TRUE(again.ok()) << again.status();
  ASSERT_EQ(again->size(), 1u);
  EXPECT_EQ((*again)[0].count, 1);
}

TEST_F(CaseStoreTest, ListingByKasnAspectFindsTheCasesWithAnAllegationOfIt) {
  // Three cases: politik; pelayanan publik and pengambilan keputusan; none.
  const std::vector<std::vector<domain::NeutralityAspect>> aspects = {
      {domain::NeutralityAspect::kPolitik},
      {domain::NeutralityAspect::kPelayananPublik, domain::NeutralityAspect::kPengambilanKeputusan},
      {}};
  std::vector<std::string> ids;
  for (size_t i = 0; i < aspects.size(); ++i) {
    Case c = NewCase();
    c.allegations.clear();
    for (auto a : aspects[i]) {
      c.allegations.push_back(
          {.provision_id = "SKB2022.2", .candidate_status = domain::CandidateStatus::kCalon, .neutrality_aspect = a});
    }
    if (c.allegations.empty()) c.allegations.push_back({.provision_id = "PP94.4.f", .absence_days = 12});
    auto filed = store_->Create(c, {"test", "FileCase", CaseState::kUnspecified, "{}"}, Key(absl::StrCat("asp-", i)));
    ASSERT_TRUE(filed.ok()) << filed.status();
    ids.push_back(filed->case_id);
  }
  ports::CaseFilter f;
  f.agency_code = "KOTA-CONTOH";
  f.neutrality_aspect = domain::NeutralityAspect::kPolitik;
  EXPECT_EQ(ListAll(f), std::vector<std::string>{ids[0]});
  f.neutrality_aspect = domain::NeutralityAspect::kPengambilanKeputusan;
  EXPECT_EQ(ListAll(f), std::vector<std::string>{ids[1]});
  f.neutrality_aspect = domain::NeutralityAspect::kPelayananPublik;
  EXPECT_EQ(ListAll(f), std::vector<std::string>{ids[1]});
  f.neutrality_aspect = domain::NeutralityAspect::kUnspecified;
  EXPECT_EQ(ListAll(f).size(), 3u);
}

// Migration 0010: rows written before 0008 kept its defaults (no KASN
// aspect, no follow-up, no punishment in force) until their next change, so
// the listing by aspect and the reports missed them. The backfill computes
// the columns from the stored case: the aspect bit is 1 << NeutralityAspect
// (0008_neutrality_follow_up.sql).
TEST_F(CaseStoreTest, BackfillFillsTheReportColumnsOfRowsWrittenBeforeMigration0008) {
  Case politik = NewCase();
  politik.allegations = {{.provision_id = "SKB2022.2",
                          .candidate_status = domain::CandidateStatus::kCalon,
                          .neutrality_aspect = domain::NeutralityAspect::kPolitik}};
  auto neutral = store_->Create(politik, {"test", "FileCase", CaseState::kUnspecified, "{}"}, Key("bf-1"));
  ASSERT_TRUE(neutral.ok()) << neutral.status();
  const Case plain = Filed("bf-2");

  // What the service writes now is filled already.
  auto none = store_->BackfillReportColumns("", 100);
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_EQ(none->read, 0);

  // The rows as a server before 0008 left them.
  ASSERT_TRUE(owner_
                  ->Execute("UPDATE cases SET neutrality_aspects = 0, follow_up_state = 0, follow_up_due_on = NULL, "
                            "follow_up_done_on = NULL, decided_on = NULL, punishment = 0, provision_id = NULL, "
                            "report_columns = 0")
                  .ok());
  ports::CaseFilter f;
  f.agency_code = "KOTA-CONTOH";
  f.neutrality_aspect = domain::NeutralityAspect::kPolitik;
  EXPECT_THAT(ListAll(f), IsEmpty());

  // Page by page, one row a page, in case_id order; then nothing is left.
  std::string after;
  int updated = 0;
  for (int page = 0; page < 2; ++page) {
    auto run = store_->BackfillReportColumns(after, 1);
    ASSERT_TRUE(run.ok()) << run.status();
    EXPECT_EQ(run->read, 1);
    EXPECT_EQ(run->failed, 0);
    updated += run->updated;
    after = run->last_case_id;
  }
  EXPECT_EQ(updated, 2);
  auto rest = store_->BackfillReportColumns(after, 1);
  ASSERT_TRUE(rest.ok()) << rest.status();
  EXPECT_EQ(rest->read, 0);
  EXPECT_EQ(ListAll(f), std::vector<std::string>{neutral->case_id});
  auto bits = owner_->Query("SELECT neutrality_aspects FROM cases WHERE case_id = ?", {neutral->case_id});
  ASSERT_TRUE(bits.ok()) << bits.status();
  EXPECT_EQ(bits->at(0).at(0).value_or(""), absl::StrCat(1 << static_cast<int>(domain::NeutralityAspect::kPolitik)));

  // A row changed before the backfill reached it is filled by its change.
  ASSERT_TRUE(owner_->Execute("UPDATE cases SET report_columns = 0").ok());
  ASSERT_TRUE(Step(plain, "bf-step").ok());
  auto after_change = store_->BackfillReportColumns("", 100);
  ASSERT_TRUE(after_change.ok()) << after_change.status();
  EXPECT_EQ(after_change->read, 1);  // the neutrality case only
  EXPECT_EQ(after_change->last_case_id, neutral->case_id);
}

TEST_F(CaseStoreTest, EightThreadsRacingOnOneVersionExactlyOneWins) {
  const Case c = Filed();
  absl::Barrier* barrier = new absl::Barrier(kThreads);
  std::vector<absl::StatusCode> codes(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      if (barrier->Block()) delete barrier;
      codes[i] = Step(c, absl::StrCat("race-", i)).status().code();
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(std::count(codes.begin(), codes.end(), absl::StatusCode::kOk), 1);
  EXPECT_EQ(std::count(codes.begin(), codes.end(), absl::StatusCode::kAborted), kThreads - 1);
  auto stored = store_->Get(c.case_id);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->version, 2);
  auto history = store_->History(c.case_id, 0, 100);
  ASSERT_TRUE(history.ok());
  EXPECT_EQ(history->size(), 2u) << "the losers left no audit event";
}

// JoinCases (reference §2.5a): several cases change in ONE transaction,
// each with its audit event; one stale version and none changes; a retry
// answers the first response.
TEST_F(CaseStoreTest, UpdateManyCommitsEveryCaseWithItsEventOrNone) {
  const Case a = Filed(), b = Filed(), c = Filed();
  auto change = [](Case x, int64_t version, CaseState state) {
    x.version = version;
    x.state = state;
    x.updated_at = absl::Now();
    return x;
  };
  const ports::AuditEntry target_entry{"test", "JoinCases", CaseState::kReceived, "{}"};
  // c's version is stale (it is at 1; 3 claims 2 stored): nothing commits.
  EXPECT_THAT(store_->UpdateMany({{change(a, 2, CaseState::kReceived), target_entry},
                                  {change(b, 2, CaseState::kClosed), target_entry},
                                  {change(c, 3, CaseState::kClosed), target_entry}},
                                 Key("join-stale", "JoinCases")),
              StatusIs(absl::StatusCode::kAborted));
  for (const Case& x : {a, b, c}) {
    auto stored = store_->Get(x.case_id);
    ASSERT_TRUE(stored.ok());
    EXPECT_EQ(stored->version, 1);
    EXPECT_EQ(store_->History(x.case_id, 0, 100)->size(), 1u);
  }
  const std::vector<std::pair<Case, ports::AuditEntry>> join = {{change(a, 2, CaseState::kReceived), target_entry},
                                                                {change(b, 2, CaseState::kClosed), target_entry}};
  auto joined = store_->UpdateMany(join, Key("join-1", "JoinCases"));
  ASSERT_TRUE(joined.ok()) << joined.status();
  EXPECT_EQ(joined->case_id, a.case_id);
  EXPECT_EQ(store_->Get(b.case_id)->state, CaseState::kClosed);
  for (const Case& x : {a, b}) {
    auto history = store_->History(x.case_id, 0, 100);
    ASSERT_TRUE(history.ok());
    ASSERT_EQ(history->size(), 2u);
    EXPECT_EQ(history->back().action, "JoinCases");
    auto verified = store_->Verify(x.case_id);
    ASSERT_TRUE(verified.ok());
    EXPECT_TRUE(verified->valid) << verified->reason;
  }
  auto again = store_->UpdateMany(join, Key("join-1", "JoinCases"));
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->version, 2);
}

TEST_F(CaseStoreTest, EightConcurrentDuplicatesOfOneRequestIdFileOneCase) {
  absl::Barrier* barrier = new absl::Barrier(kThreads);
  std::vector<std::string> ids(kThreads), registers(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      Case c = NewCase();  // each attempt would make a new id: only one may land
      if (barrier->Block()) delete barrier;
      auto r = store_->Create(c, {"test", "FileCase", CaseState::kUnspecified, "{}"}, Key("same-request"));
      ASSERT_TRUE(r.ok()) << r.status();
      ids[i] = r->case_id;
      registers[i] = r->register_number;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), 1u);
  EXPECT_EQ(std::set<std::string>(registers.begin(), registers.end()).size(), 1u);
  auto rows = owner_->Query("SELECT COUNT(*) FROM cases");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(rows->at(0).at(0).value_or(""), "1");
}

TEST_F(CaseStoreTest, EightConcurrentFilingsGetDistinctRegisterNumbers) {
  absl::Barrier* barrier = new absl::Barrier(kThreads);
  std::vector<std::string> registers(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      Case c = NewCase();
      if (barrier->Block()) delete barrier;
      auto r = store_->Create(c, {"test", "FileCase", CaseState::kUnspecified, "{}"}, Key(absl::StrCat("filing-", i)));
      ASSERT_TRUE(r.ok()) << r.status();
      registers[i] = r->register_number;
    });
  }
  for (auto& t : threads) t.join();
  const std::set<std::string> distinct(registers.begin(), registers.end());
  EXPECT_EQ(distinct.size(), static_cast<size_t>(kThreads));
  EXPECT_EQ(*distinct.begin(), "HD/2026/000001");
  EXPECT_EQ(*distinct.rbegin(), "HD/2026/000008");
  // Another agency counts on its own.
  auto other = store_->Create(NewCase("PROV-CONTOH"), {"test", "FileCase", CaseState::kUnspecified, "{}"},
                              Key("prov-1", "FileCase", "PROV-CONTOH"));
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(other->register_number, "HD/2026/000001");
}

TEST_F(CaseStoreTest, RepeatedUpdateReturnsTheFirstResponse) {
  const Case c = Filed();
  auto first = Step(c, "step-1");
  ASSERT_TRUE(first.ok()) << first.status();
  auto again = Step(c, "step-1");
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->version, first->version);
  // Another request under the same key is refused, naming request_id.
  auto other = store_->FindByRequestId(Key("step-1", "IssueSummons", "KOTA-CONTOH", "another request"));
  EXPECT_THAT(other, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("different IssueSummons request")));
  EXPECT_THAT(FieldOf(other.status()), Optional(std::string("request_id")));
  // Another method, or another agency, is another key.
  auto close = store_->FindByRequestId(Key("step-1", "CloseCase"));
  ASSERT_TRUE(close.ok()) << close.status();
  EXPECT_FALSE(close->has_value());
  auto prov = store_->FindByRequestId(Key("step-1", "IssueSummons", "PROV-CONTOH"));
  ASSERT_TRUE(prov.ok()) << prov.status();
  EXPECT_FALSE(prov->has_value());
}

// The same request_id in two agencies files two cases: the second agency
// never gets the first agency's case.
TEST_F(CaseStoreTest, RequestIdIsScopedByAgency) {
  auto kota = store_->Create(NewCase(), {"test", "FileCase", CaseState::kUnspecified, "{}"}, Key("r1"));
  auto prov = store_->Create(NewCase("PROV-CONTOH"), {"test", "FileCase", CaseState::kUnspecified, "{}"},
                             Key("r1", "FileCase", "PROV-CONTOH"));
  ASSERT_TRUE(kota.ok() && prov.ok()) << kota.status() << prov.status();
  EXPECT_NE(kota->case_id, prov->case_id);
  EXPECT_EQ(prov->agency_code, "PROV-CONTOH");
}

// The stored first response never holds the sealed reporter.
TEST_F(CaseStoreTest, StoredResponseHasNoReporter) {
  Case c = NewCase();
  c.reporter = "Pelapor Rahasia, 0812-0000-0000";
  auto filed = store_->Create(c, {"test", "FileCase", CaseState::kUnspecified, "{}"}, Key("sealed"));
  ASSERT_TRUE(filed.ok()) << filed.status();
  auto rows = owner_->Query("SELECT COUNT(*) FROM idempotency_records WHERE LOCATE('Pelapor Rahasia', response) > 0");
  ASSERT_TRUE(rows.ok()) << rows.status();
  EXPECT_EQ(rows->at(0).at(0).value_or(""), "0");
  auto replay = store_->FindByRequestId(Key("sealed"));
  ASSERT_TRUE(replay.ok() && replay->has_value());
  EXPECT_EQ((*replay)->reporter, "");
  // Nor does the stored case, nor any case read (api.md, "Safe edges"): it
  // is sealed apart, and only ReadReporter opens it.
  EXPECT_EQ(filed->reporter, "");
  auto stored = store_->Get(filed->case_id);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->reporter, "");
  EXPECT_FALSE(stored->reporter_commitment.empty());
  auto located = owner_->Query(
      "SELECT LOCATE('Pelapor Rahasia', case_proto), LOCATE('Pelapor Rahasia', "
      "reporter_sealed) FROM cases WHERE case_id = ?",
      {filed->case_id});
  ASSERT_TRUE(located.ok()) << located.status();
  EXPECT_EQ(located->at(0).at(0).value_or(""), "0");
  EXPECT_EQ(located->at(0).at(1).value_or(""), "0");
  auto read = store_->ReadReporter(filed->case_id, {"intake", "ReadReporter", CaseState::kReceived, "{}"}, absl::Now());
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(*read, c.reporter);
  auto v = store_->Verify(filed->case_id);
  ASSERT_TRUE(v.ok() && v->valid) << v->reason;
  EXPECT_EQ(v->events_checked, 2) << "the read is in the chain";
}

// Retention: the owner's purge removes records older than its argument; the
// service role can neither delete nor call it (append-only).
TEST_F(CaseStoreTest, IdempotencyRecordsExpireOnlyThroughTheOwnersPurge) {
  Filed("old-1");
  Filed("new-1");
  ASSERT_TRUE(owner_
                  ->Execute("UPDATE idempotency_records SET created_at = NOW(6) - INTERVAL 31 DAY "
                            "WHERE request_id = 'old-1'")
                  .ok());
  auto service = Connection::Open(db_->Service());
  ASSERT_TRUE(service.ok()) << service.status();
  EXPECT_FALSE((*service)->Execute("DELETE FROM idempotency_records").ok());
  EXPECT_FALSE((*service)->Execute("CALL purge_idempotency_records(0)").ok());
  ASSERT_TRUE(owner_->Execute("CALL purge_idempotency_records(30)").ok());
  auto rows = owner_->Query("SELECT request_id FROM idempotency_records ORDER BY request_id");
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(rows->at(0).at(0).value_or(""), "new-1");
  auto events = owner_->Query(
      "SELECT COUNT(*) FROM information_schema.events "
      "WHERE event_name = 'purge_idempotency_records_daily' AND event_schema = DATABASE()");
  ASSERT_TRUE(events.ok()) << events.status();
  EXPECT_EQ(events->at(0).at(0).value_or(""), "1");
}

class TamperTest : public CaseStoreTest {
 protected:
  void SetUp() override {
    CaseStoreTest::SetUp();
    Case c = Filed();
    auto s = Step(c, "t-1");
    ASSERT_TRUE(s.ok()) << s.status();
    Case next = *s;
    next.version += 1;
    next.state = CaseState::kTerminated;
    next.close_reason = "meninggal dunia";
    ASSERT_TRUE(store_->Update(next, {"test", "CloseCase", CaseState::kSummoned, "{}"}, Key("t-2", "CloseCase")).ok());
    id_ = c.case_id;
    auto v = store_->Verify(id_);
    ASSERT_TRUE(v.ok() && v->valid) << v.status() << v->reason;
    ASSERT_EQ(v->events_checked, 3);
  }
  ports::VerifyResult Verify() {
    auto v = store_->Verify(id_);
    EXPECT_TRUE(v.ok()) << v.status();
    return *v;
  }
  void AsOwner(const std::string& sql) { ASSERT_TRUE(owner_->Execute(sql).ok()) << sql; }
  std::string id_;
};

TEST_F(TamperTest, ModifiedEventIsDetected) {
  AsOwner(absl::StrCat("UPDATE audit_events SET actor = 'someone else' WHERE case_id = '", id_, "' AND sequence = 2"));
  const auto v = Verify();
  EXPECT_FALSE(v.valid);
  EXPECT_EQ(v.first_invalid_sequence, 2);
}

TEST_F(TamperTest, DeletedEventIsDetected) {
  AsOwner(absl::StrCat("DELETE FROM audit_events WHERE case_id = '", id_, "' AND sequence = 2"));
  const auto v = Verify();
  EXPECT_FALSE(v.valid);
  EXPECT_EQ(v.first_invalid_sequence, 2);
}

TEST_F(TamperTest, DeletedLastEventIsDetected) {
  AsOwner(absl::StrCat("DELETE FROM audit_events WHERE case_id = '", id_, "' AND sequence = 3"));
  const auto v = Verify();
  EXPECT_FALSE(v.valid);
  EXPECT_EQ(v.first_invalid_sequence, 3);
}

TEST_F(TamperTest, ReorderedEventsAreDetected) {
  AsOwner(absl::StrCat("UPDATE audit_events SET sequence = 99 WHERE case_id = '", id_, "' AND sequence = 2; ",
                       "UPDATE audit_events SET sequence = 2 WHERE case_id = '", id_, "' AND sequence = 3; ",
                       "UPDATE audit_events SET sequence = 3 WHERE case_id = '", id_, "' AND sequence = 99"));
  const auto v = Verify();
  EXPECT_FALSE(v.valid);
  EXPECT_EQ(v.first_invalid_sequence, 2);
}

TEST_F(TamperTest, CaseRowChangedBehindTheServiceIsDetected) {
  AsOwner(absl::StrCat("UPDATE cases SET case_proto = CONCAT(case_proto, 'x') WHERE case_id = '", id_, "'"));
  const auto v = Verify();
  EXPECT_FALSE(v.valid);
  EXPECT_THAT(v.reason, HasSubstr("digest"));
}

TEST_F(CaseStoreTest, ListPagesByKeysetAndFilters) {
  std::vector<std::string> ids;
  for (int i = 0; i < 7; ++i) {
    Case c = NewCase(i % 2 == 0 ? "KOTA-CONTOH" : "PROV-CONTOH");
    auto r = store_->Create(c, {"test", "FileCase", CaseState::kUnspecified, "{}"}, Key(absl::StrCat("list-", i)));
    ASSERT_TRUE(r.ok());
    ids.push_back(r->case_id);
    absl::SleepFor(absl::Milliseconds(2));
  }
  ports::CaseFilter f;
  f.page_size = 3;
  EXPECT_EQ(ListAll(f), ids);
  ports::CaseFilter by_agency;
  by_agency.agency_code = "PROV-CONTOH";
  EXPECT_EQ(store_->List(by_agency)->cases.size(), 3u);
  // A position is only ever a bound parameter.
  ports::CaseFilter odd;
  odd.after_case_id = "x'; DROP TABLE cases; --";
  ASSERT_TRUE(store_->List(odd).ok());
  EXPECT_EQ(ListAll(f), ids);
}

TEST_F(CaseStoreTest, OverdueListsCasesPastAnOpenDeadline) {
  Case due = NewCase();
  due.open_deadlines.push_back({"delivery", absl::CivilDay(2026, 4, 28), "v", "PP 94/2021 Pasal 37 ayat (3)"});
  ASSERT_TRUE(store_->Create(due, {"test", "FileCase", CaseState::kUnspecified, "{}"}, Key("due-1")).ok());
  ASSERT_TRUE(store_->Create(NewCase(), {"test", "FileCase", CaseState::kUnspecified, "{}"}, Key("due-2")).ok());
  ports::CaseFilter f;
  f.overdue_only = true;
  f.today = absl::CivilDay(2026, 4, 29);
  auto page = store_->List(f);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->cases.size(), 1u);
  EXPECT_EQ(page->cases[0].case_id, due.case_id);
  f.today = absl::CivilDay(2026, 4, 28);
  EXPECT_TRUE(store_->List(f)->cases.empty());
}

TEST_F(CaseStoreTest, OverdueListingRunsMostOverdueFirstAcrossPages) {
  // Filed in this order, due on these days: the listing follows the due date.
  const std::vector<int> due_days = {20, 5, 12, 5, 30};
  std::vector<std::string> ids;
  for (size_t i = 0; i < due_days.size(); ++i) {
    Case c = NewCase();
    c.open_deadlines.push_back({"delivery", absl::CivilDay(2026, 4, due_days[i]), "v", "basis"});
    ASSERT_TRUE(
        store_->Create(c, {"test", "FileCase", CaseState::kUnspecified, "{}"}, Key(absl::StrCat("od-", i))).ok());
    ids.push_back(c.case_id);
    absl::SleepFor(absl::Milliseconds(2));
  }
  ports::CaseFilter f;
  f.overdue_only = true;
  f.today = absl::CivilDay(2026, 5, 1);
  f.page_size = 2;
  EXPECT_EQ(ListAll(f), (std::vector<std::string>{ids[1], ids[3], ids[2], ids[0], ids[4]}));
}

// Group commit: CreateBatch writes a batch now, as Create does for the
// filings that arrive together.
class FilingBatchTest : public CaseStoreTest {
 protected:
  static CaseStore::NewFiling Filing(const std::string& request_id, const std::string& agency = "KOTA-CONTOH") {
    return {NewCase(agency), {"test", "FileCase", CaseState::kUnspecified, "{}"}, Key(request_id, "FileCase", agency)};
  }
  std::string Count(const std::string& table) {
    auto rows = owner_->Query(absl::StrCat("SELECT COUNT(*) FROM ", table));
    EXPECT_TRUE(rows.ok()) << rows.status();
    return rows.ok() ? rows->at(0).at(0).value_or("") : "";
  }
};

TEST_F(FilingBatchTest, BatchFilesEveryCaseWithConsecutiveNumbersPerAgency) {
  std::vector<CaseStore::NewFiling> batch;
  for (int i = 0; i < 5; ++i) batch.push_back(Filing(absl::StrCat("b-", i), i < 3 ? "KOTA-CONTOH" : "PROV-CONTOH"));
  const auto results = store_->CreateBatch(batch);
  ASSERT_EQ(results.size(), 5u);
  std::vector<std::string> numbers;
  for (size_t i = 0; i < results.size(); ++i) {
    ASSERT_TRUE(results[i].ok()) << results[i].status();
    EXPECT_EQ(results[i]->case_id, batch[i].c.case_id);
    EXPECT_EQ(results[i]->version, 1);
    numbers.push_back(results[i]->register_number);
    // Each case has its own chain of one event, and verifies.
    auto v = store_->Verify(results[i]->case_id);
    ASSERT_TRUE(v.ok()) << v.status();
    EXPECT_TRUE(v->valid) << v->reason;
    EXPECT_EQ(v->events_checked, 1);
  }
  EXPECT_EQ(numbers, (std::vector<std::string>{"HD/2026/000001", "HD/2026/000002", "HD/2026/000003", "HD/2026/000001",
                                               "HD/2026/000002"}));
  EXPECT_EQ(Count("cases"), "5");
  EXPECT_EQ(Count("audit_events"), "5");
  EXPECT_EQ(Count("idempotency_records"), "5");
  // The next filing continues the register.
  auto next = store_->Create(NewCase(), {"test", "FileCase", CaseState::kUnspecified, "{}"}, Key("b-next"));
  ASSERT_TRUE(next.ok()) << next.status();
  EXPECT_EQ(next->register_number, "HD/2026/000004");
}

TEST_F(FilingBatchTest, StoredRequestIdInABatchReplaysAndTheOthersFileWithoutAGap) {
  const Case first = Filed("r-1");  // HD/2026/000001
  // Alone, a repeat is answered from the look-up and takes no number.
  auto again = store_->Create(NewCase(), {"test", "FileCase", CaseState::kUnspecified, "{}"}, Key("r-1"));
  ASSERT_TRUE(again.ok());
  const std::string first_id = first.case_id;
  EXPECT_EQ(again->case_id, first_id);
  const auto results = store_->CreateBatch({Filing("r-2"), Filing("r-1"), Filing("r-3")});
  ASSERT_TRUE(results[0].ok() && results[1].ok() && results[2].ok());
  EXPECT_EQ(results[1]->case_id, first_id) << "the repeat answers with the first filing";
  EXPECT_EQ(results[0]->register_number, "HD/2026/000002");
  EXPECT_EQ(results[2]->register_number, "HD/2026/000003");
  EXPECT_EQ(Count("cases"), "3");
}

TEST_F(FilingBatchTest, RequestIdTwiceInOneBatchFilesOneCase) {
  const auto results = store_->CreateBatch({Filing("twice"), Filing("twice")});
  ASSERT_TRUE(results[0].ok()) << results[0].status();
  ASSERT_TRUE(results[1].ok()) << results[1].status();
  EXPECT_EQ(results[0]->case_id, results[1]->case_id);
  EXPECT_EQ(results[0]->register_number, results[1]->register_number);
  EXPECT_EQ(Count("cases"), "1");
}

// One violation, one punishment (reference §2.5a): a filing of Pasal 5 huruf
// g on 15 Sep 2026 by the demo employee.
CaseStore::NewFiling Pungli(const std::string& request_id) {
  CaseStore::NewFiling f{NewCase(), {"test", "FileCase", CaseState::kUnspecified, "{}"}, Key(request_id)};
  f.c.allegations = {{.provision_id = "PP94.5.g", .occurred_on = absl::CivilDay(2026, 9, 15)}};
  return f;
}

TEST_F(FilingBatchTest, OneViolationTwiceInOneBatchIsStoredOnceAndTheOtherNamesIt) {
  const auto results = store_->CreateBatch({Pungli("v-1"), Pungli("v-2"), Filing("other")});
  ASSERT_TRUE(results[0].ok()) << results[0].status();
  EXPECT_THAT(results[1], StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_THAT(results[1].status().message(), HasSubstr(results[0]->case_id));
  EXPECT_THAT(results[1].status().message(), HasSubstr(results[0]->register_number));
  ASSERT_TRUE(ResourceOf(results[1].status()).has_value());
  EXPECT_EQ(ResourceOf(results[1].status())->resource_name, results[0]->case_id);
  ASSERT_TRUE(results[2].ok()) << results[2].status();
  // The refused filing took no register number.
  EXPECT_EQ(results[0]->register_number, "HD/2026/000001");
  EXPECT_EQ(results[2]->register_number, "HD/2026/000002");
  EXPECT_EQ(Count("cases"), "2");
  EXPECT_EQ(Count("violation_claims"), "1");
}

// The claim is national (a transferred employee is not punished twice),
// but another agency's case is not named: neither its id nor its number
// crosses agencies (api.md, "Identity": scope).
TEST_F(FilingBatchTest, AViolationHeldByAnotherAgencysCaseIsRefusedWithoutNamingIt) {
  const auto first = store_->CreateBatch({Pungli("v-1")});
  ASSERT_TRUE(first[0].ok()) << first[0].status();
  CaseStore::NewFiling elsewhere = Pungli("v-2");
  elsewhere.c.agency_code = "PROV-CONTOH";
  const auto refused = store_->CreateBatch({elsewhere});
  EXPECT_THAT(refused[0], StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("another agency")));
  EXPECT_THAT(refused[0].status().message(), ::testing::Not(HasSubstr(first[0]->case_id)));
  EXPECT_THAT(refused[0].status().message(), ::testing::Not(HasSubstr(first[0]->register_number)));
  EXPECT_FALSE(ResourceOf(refused[0].status()).has_value());
}

TEST_F(FilingBatchTest, ARetriedFilingOfAClaimedViolationReplaysItsFirstResponse) {
  const auto first = store_->CreateBatch({Pungli("v-1")});
  ASSERT_TRUE(first[0].ok()) << first[0].status();
  // Alone and within a batch, the same request_id answers its first case.
  auto alone = store_->Create(Pungli("v-1").c, {"test", "FileCase", CaseState::kUnspecified, "{}"}, Key("v-1"));
  ASSERT_TRUE(alone.ok()) << alone.status();
  EXPECT_EQ(alone->case_id, first[0]->case_id);
  const auto batch = store_->CreateBatch({Filing("x-1"), Pungli("v-1")});
  ASSERT_TRUE(batch[1].ok()) << batch[1].status();
  EXPECT_EQ(batch[1]->case_id, first[0]->case_id);
  // A new request for the same violation is refused.
  EXPECT_THAT(store_->CreateBatch({Pungli("v-2")})[0], StatusIs(absl::StatusCode::kAlreadyExists));
}

TEST_F(FilingBatchTest, EightConcurrentFilingsOfOneViolationStoreOneCase) {
  std::vector<absl::StatusOr<Case>> results(kThreads, absl::UnknownError("not run"));
  std::vector<std::thread> threads;
  absl::Barrier* start = new absl::Barrier(kThreads);
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      CaseStore::NewFiling f = Pungli(absl::StrCat("race-", i));
      if (start->Block()) delete start;
      results[i] = store_->Create(f.c, f.entry, f.key);
    });
  }
  for (auto& t : threads) t.join();
  int stored = 0;
  for (const auto& r : results) {
    if (r.ok()) {
      ++stored;
    } else {
      EXPECT_THAT(r, StatusIs(absl::StatusCode::kAlreadyExists));
    }
  }
  EXPECT_EQ(stored, 1);
  EXPECT_EQ(Count("cases"), "1");
}

TEST_F(FilingBatchTest, ADismissedCaseReleasesItsViolation) {
  // Reference §2.5a: a case that imposed no punishment does not bar a new
  // filing of the violation (e.g. on new evidence).
  const auto first = store_->CreateBatch({Pungli("v-1")});
  ASSERT_TRUE(first[0].ok()) << first[0].status();
  Case dismissed = *first[0];
  dismissed.version = 2;
  dismissed.state = CaseState::kDismissed;
  dismissed.updated_at = absl::Now();
  ASSERT_TRUE(
      store_->Update(dismissed, {"test", "CloseCase", CaseState::kReceived, "{}"}, Key("close", "CloseCase")).ok());
  EXPECT_EQ(Count("violation_claims"), "0");
  const auto again = store_->CreateBatch({Pungli("v-2")});
  ASSERT_TRUE(again[0].ok()) << again[0].status();
  EXPECT_NE(again[0]->case_id, first[0]->case_id);
}

// Reference §2.5a, one punishment for several violations: a case joined
// into another (JoinCases) hands its violations to the surviving case, and
// with them their claims, so a later filing of a joined violation names the
// surviving case, not the closed one.
TEST_F(FilingBatchTest, AJoinedCasesViolationIsHeldByTheSurvivingCase) {
  const auto filed = store_->CreateBatch({Filing("target"), Pungli("v-1")});
  ASSERT_TRUE(filed[0].ok()) << filed[0].status();
  ASSERT_TRUE(filed[1].ok()) << filed[1].status();
  Case survivor = *filed[0];
  Case joined = *filed[1];
  survivor.version = 2;
  survivor.allegations.insert(survivor.allegations.end(), joined.allegations.begin(), joined.allegations.end());
  survivor.joined_case_ids = {joined.case_id};
  survivor.updated_at = absl::Now();
  joined.version = 2;
  joined.state = CaseState::kClosed;
  joined.joined_into = survivor.case_id;
  joined.updated_at = survivor.updated_at;
  auto join = store_->UpdateMany({{survivor, {"test", "JoinCases", CaseState::kReceived, "{}"}},
                                  {joined, {"test", "JoinCases", CaseState::kReceived, "{}"}}},
                                 Key("join", "JoinCases"));
  ASSERT_TRUE(join.ok()) << join.status();
  EXPECT_EQ(Count("violation_claims"), "1");
  const auto again = store_->CreateBatch({Pungli("v-2")});
  EXPECT_THAT(again[0], StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_THAT(again[0].status().message(), HasSubstr(survivor.case_id));
  EXPECT_THAT(again[0].status().message(), HasSubstr(survivor.register_number));
  EXPECT_THAT(again[0].status().message(), ::testing::Not(HasSubstr(joined.case_id)));
  ASSERT_TRUE(ResourceOf(again[0].status()).has_value());
  EXPECT_EQ(ResourceOf(again[0].status())->resource_name, survivor.case_id);
}

TEST_F(FilingBatchTest, BackfillClaimsTheViolationsOfCasesFiledBeforeMigration0013) {
  const auto first = store_->CreateBatch({Pungli("v-1")});
  ASSERT_TRUE(first[0].ok()) << first[0].status();
  Case dismissed = NewCase();
  dismissed.state = CaseState::kDismissed;
  dismissed.allegations = {{.provision_id = "PP94.5.g", .occurred_on = absl::CivilDay(2026, 8, 1)}};
  ASSERT_TRUE(
      store_->CreateBatch({{dismissed, {"test", "FileCase", CaseState::kUnspecified, "{}"}, Key("v-old")}})[0].ok());
  // What the service writes now is claimed already.
  auto none = store_->BackfillViolationClaims("", 100);
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_EQ(none->read, 0);
  // The rows as a server before 0013 left them.
  ASSERT_TRUE(owner_->Execute("DELETE FROM violation_claims").ok());
  ASSERT_TRUE(owner_->Execute("UPDATE cases SET violation_claims = 0").ok());
  auto run = store_->BackfillViolationClaims("", 100);
  ASSERT_TRUE(run.ok()) << run.status();
  EXPECT_EQ(run->read, 2);
  EXPECT_EQ(run->updated, 2);
  // Only the case that holds its violation claims it (reference §2.5a).
  EXPECT_EQ(Count("violation_claims"), "1");
  auto rest = store_->BackfillViolationClaims(run->last_case_id, 100);
  ASSERT_TRUE(rest.ok()) << rest.status();
  EXPECT_EQ(rest->read, 0);
  const auto again = store_->CreateBatch({Pungli("v-2")});
  EXPECT_THAT(again[0], StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_THAT(again[0].status().message(), HasSubstr(first[0]->case_id));
}

TEST_F(FilingBatchTest, OneBadFilingFailsAloneAndLeavesNoGap) {
  auto bad = Filing("bad", std::string(70, 'X'));  // longer than agency_code holds
  const auto results = store_->CreateBatch({Filing("good-1"), bad, Filing("good-2")});
  ASSERT_TRUE(results[0].ok()) << results[0].status();
  ASSERT_TRUE(results[2].ok()) << results[2].status();
  EXPECT_THAT(results[1], StatusIs(absl::StatusCode::kInternal));
  EXPECT_EQ(results[0]->register_number, "HD/2026/000001");
  EXPECT_EQ(results[2]->register_number, "HD/2026/000002");
  EXPECT_EQ(Count("cases"), "2");
  EXPECT_EQ(Count("audit_events"), "2");
}

TEST_F(FilingBatchTest, RequestIdReusedWithAnotherRequestIsRefusedInABatch) {
  auto first = Filing("reused");
  first.key.request = "the first request";
  ASSERT_TRUE(store_->CreateBatch({first})[0].ok());
  auto other = Filing("reused");
  other.key.request = "another request";
  const auto results = store_->CreateBatch({Filing("fresh"), other});
  EXPECT_TRUE(results[0].ok()) << results[0].status();
  EXPECT_THAT(results[1], StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("different FileCase request")));
  EXPECT_EQ(Count("cases"), "2");
}

TEST_F(FilingBatchTest, TextIsStoredByteForByte) {
  auto f = Filing("text");
  f.entry.actor = "unauthenticated:Dra. Siti \xC3\x91urhayati@ipv4:127.0.0.1:5000";
  f.entry.payload_json =
      "{\"reporter\":\"[rahasia]\",\"note\":\"baris 1\\nbaris 2 \\\"kutipan\\\" \\\\ \xE2\x80\x94 ok\"}";
  f.c.allegations[0].description = "Tidak masuk kerja \xE2\x80\x94 \"Januari\"\n\\ tab\t";
  const auto results = store_->CreateBatch({f, Filing("plain")});
  ASSERT_TRUE(results[0].ok()) << results[0].status();
  auto history = store_->History(f.c.case_id, 0, 10);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ(history->at(0).actor, f.entry.actor);
  EXPECT_THAT(history->at(0).payload_json, HasSubstr(f.entry.payload_json));
  auto stored = store_->Get(f.c.case_id);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->allegations[0].description, f.c.allegations[0].description);
  auto v = store_->Verify(f.c.case_id);
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->valid) << v->reason;
}

// Many filers at once, a quarter of the filings repeats of request_ids
// others use: every request_id files exactly one case, every repeat gets that
// case, and the register runs 1..N without a gap or a duplicate.
TEST_F(FilingBatchTest, ConcurrentFilingsWithRepeatsLeaveAGaplessRegister) {
  constexpr int kFilers = 8;
  constexpr int kEach = 25;
  std::vector<std::vector<std::pair<std::string, std::string>>> got(kFilers);  // request_id, case_id
  std::vector<std::string> errors;
  std::mutex mu;
  std::vector<std::thread> threads;
  for (int t = 0; t < kFilers; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        // Every fourth filing repeats a request_id of the filer before.
        const std::string id =
            i % 4 == 3 ? absl::StrCat("f", (t + kFilers - 1) % kFilers, "-", i - 1) : absl::StrCat("f", t, "-", i);
        auto r = store_->Create(NewCase(), {"test", "FileCase", CaseState::kUnspecified, "{}"}, Key(id));
        if (!r.ok()) {
          std::lock_guard<std::mutex> lock(mu);
          errors.push_back(r.status().ToString());
          continue;
        }
        got[t].push_back({id, r->case_id});
      }
    });
  }
  for (auto& th : threads) th.join();
  ASSERT_TRUE(errors.empty()) << errors.front();
  std::map<std::string, std::set<std::string>> cases_of;
  for (const auto& filer : got) {
    for (const auto& [id, case_id] : filer) cases_of[id].insert(case_id);
  }
  for (const auto& [id, ids] : cases_of) EXPECT_EQ(ids.size(), 1u) << id << " filed more than one case";
  const size_t distinct = cases_of.size();
  EXPECT_EQ(Count("cases"), absl::StrCat(distinct));
  EXPECT_EQ(Count("audit_events"), absl::StrCat(distinct));
  auto rows =
      owner_->Query("SELECT MIN(register_number), MAX(register_number), COUNT(DISTINCT register_number) FROM cases");
  ASSERT_TRUE(rows.ok()) << rows.status();
  EXPECT_EQ(rows->at(0).at(0).value_or(""), "HD/2026/000001");
  EXPECT_EQ(rows->at(0).at(1).value_or(""), absl::StrFormat("HD/2026/%06d", distinct));
  EXPECT_EQ(rows->at(0).at(2).value_or(""), absl::StrCat(distinct));
  const FilingStats stats = store_->filing_stats();
  EXPECT_EQ(stats.filings, static_cast<uint64_t>(kFilers * kEach));
  EXPECT_GE(stats.batches, 1u);
  EXPECT_LE(stats.batches, stats.filings);
  EXPECT_GT(stats.writing, absl::ZeroDuration());
}

// The database stops under the store and comes back: filing answers
// UNAVAILABLE meanwhile (no hang, no half write), then works again on fresh
// connections, and the register goes on without a gap.
TEST(CaseStoreOutageTest, FilingWhileTheDatabaseIsDownIsUnavailableThenResumes) {
  auto own = testing::MariadbInstance::StartWithDemoSimpeg();
  ASSERT_TRUE(own.ok()) << own.status();
  testing::MariadbInstance& db = **own;
  ASSERT_TRUE(db.BootstrapCaseDatabase("discipline_outage").ok());
  {
    auto owner = Connection::Open(db.Owner());
    ASSERT_TRUE(owner.ok()) << owner.status();
    ASSERT_TRUE(ApplyMigrations(**owner, BuiltinMigrations()).ok());
  }
  ConnectionOptions service = db.Service();
  service.connect_timeout = absl::Seconds(2);
  service.read_timeout = absl::Seconds(5);
  CaseStore store(service, 4);
  auto filing = [&](const std::string& request_id) {
    Case c = NewCase();
    return store.Create(c, {"test", "FileCase", CaseState::kUnspecified, "{}"}, Key(request_id));
  };
  auto first = filing("outage-1");
  ASSERT_TRUE(first.ok()) << first.status();

  ASSERT_TRUE(db.Stop().ok());
  EXPECT_THAT(filing("outage-2"), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_THAT(store.Get(first->case_id), StatusIs(absl::StatusCode::kUnavailable));

  ASSERT_TRUE(db.Start().ok());
  auto second = filing("outage-2");
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(second->register_number, "HD/2026/000002");
  auto v = store.Verify(second->case_id);
  ASSERT_TRUE(v.ok()) << v.status();
  EXPECT_TRUE(v->valid) << v->reason;
}

// Verifying while the cases change: the case row and its events are read in
// one snapshot, so an untouched history is never reported as tampered with.
TEST_F(CaseStoreTest, VerifyWhileCasesChangeNeverReportsAFalseBreak) {
  constexpr int kCases = 15;
  constexpr int kSteps = 12;
  std::vector<Case> cases;
  for (int i = 0; i < kCases; ++i) cases.push_back(Filed(absl::StrCat("cv-", i)));
  std::atomic<bool> writing{true};
  std::atomic<int> verified{0}, broken{0};
  std::string first_break;
  std::mutex mu;
  std::thread writer([&] {
    for (int step = 0; step < kSteps; ++step) {
      for (Case& c : cases) {
        auto next = Step(c, absl::StrCat("cv-step-", c.case_id, "-", step));
        ASSERT_TRUE(next.ok()) << next.status();
        c = *next;
      }
    }
    writing = false;
  });
  std::vector<std::thread> verifiers;
  for (int t = 0; t < 3; ++t) {
    verifiers.emplace_back([&] {
      while (writing) {
        for (const Case& c : cases) {
          auto v = store_->Verify(c.case_id);
          if (!v.ok()) continue;
          ++verified;
          if (!v->valid) {
            ++broken;
            std::lock_guard<std::mutex> lock(mu);
            if (first_break.empty()) first_break = absl::StrCat(c.case_id, ": ", v->reason);
          }
        }
      }
    });
  }
  writer.join();
  for (auto& t : verifiers) t.join();
  EXPECT_EQ(broken.load(), 0) << first_break;
  EXPECT_GT(verified.load(), 0);
  for (const Case& c : cases) {
    auto v = store_->Verify(c.case_id);
    ASSERT_TRUE(v.ok());
    EXPECT_TRUE(v->valid) << v->reason;
    EXPECT_EQ(v->events_checked, kSteps + 1);
  }
}

// Thousands of page sizes and history limits: the limit is a bound
// parameter, so the statements prepared on the server stay few.
TEST_F(CaseStoreTest, ThousandsOfPageSizesKeepThePreparedStatementsBounded) {
  const Case c = Filed("ps-1");
  auto count = [&] {
    auto rows = owner_->Query("SHOW GLOBAL STATUS LIKE 'Prepared_stmt_count'");
    EXPECT_TRUE(rows.ok()) << rows.status();
    int64_t n = 0;
    if (rows.ok() && !rows->empty()) (void)absl::SimpleAtoi(rows->at(0).at(1).value_or("0"), &n);
    return n;
  };
  const int64_t before = count();
  for (int size = 1; size <= 2000; ++size) {
    ports::CaseFilter f;
    f.page_size = size;
    f.agency_code = "KOTA-CONTOH";
    auto page = store_->List(f);
    ASSERT_TRUE(page.ok()) << size << ": " << page.status();
    ASSERT_EQ(page->cases.size(), 1u);
    auto history = store_->History(c.case_id, 0, size);
    ASSERT_TRUE(history.ok()) << history.status();
  }
  // Two statement texts (the listing and the history) on each pooled
  // connection, whatever the sizes; other tests' servers may add a few.
  EXPECT_LT(count() - before, 2 * (kThreads + 2) + 20);
}

// One connection's cache is bounded (least recently used out, closed).
TEST_F(CaseStoreTest, ConnectionClosesTheStatementsItEvicts) {
  auto conn = Connection::Open(db_->Service());
  ASSERT_TRUE(conn.ok()) << conn.status();
  for (size_t i = 0; i < Connection::kMaxStatements * 3; ++i) {
    auto rows = (*conn)->Query(absl::StrCat("SELECT ", i));
    ASSERT_TRUE(rows.ok()) << rows.status();
    ASSERT_EQ(rows->at(0).at(0).value_or(""), absl::StrCat(i));
  }
  EXPECT_EQ((*conn)->cached_statements(), Connection::kMaxStatements);
  // An evicted statement is prepared again when it comes back.
  auto again = (*conn)->Query("SELECT 0");
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->at(0).at(0).value_or(""), "0");
}

// With ssl_ca the connection requires TLS with a verified certificate: a
// server without TLS (the test server has none) is refused, never used in
// plaintext.
TEST_F(CaseStoreTest, WithAnSslCaTlsIsRequiredNeverAPlaintextFallback) {
  ConnectionOptions o = db_->Service();
  ASSERT_TRUE(Connection::Open(o).ok());
  o.ssl_ca = "/etc/ssl/certs/ca-certificates.crt";
  o.connect_timeout = absl::Seconds(5);
  EXPECT_FALSE(Connection::Open(o).ok());
}

// The database's own text (socket paths, duplicate-key values) is for the
// log: the status says what happened in plain words and keeps the text as
// its detail.
TEST(ConnectionErrors, PlainMessagesWithTheServerTextAsDetail) {
  ConnectionOptions o;
  o.socket = "/nonexistent/secret-socket-path.sock";
  o.user = "nobody";
  o.connect_timeout = absl::Seconds(2);
  auto conn = Connection::Open(o);
  ASSERT_FALSE(conn.ok());
  EXPECT_THAT(conn.status(), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_THAT(std::string(conn.status().message()), ::testing::Not(HasSubstr("secret-socket-path")));
  EXPECT_THAT(DetailOf(conn.status()), Optional(HasSubstr("secret-socket-path")));
  // Lock wait timeouts are "busy, retry later", not a stale version.
  EXPECT_THAT(ErrorStatus(1205, "Lock wait timeout exceeded", "update"), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_THAT(ErrorStatus(1213, "Deadlock found", "update"), StatusIs(absl::StatusCode::kAborted));
  const absl::Status dup = ErrorStatus(1062, "Duplicate entry 'KOTA-CONTOH-Pelapor Rahasia' for key", "insert");
  EXPECT_THAT(dup, StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_THAT(std::string(dup.message()), ::testing::Not(HasSubstr("Pelapor")));
}

// Only the migration account may send several statements at once.
TEST_F(CaseStoreTest, ServiceConnectionsRefuseMultipleStatements) {
  auto service = Connection::Open(db_->Service());
  ASSERT_TRUE(service.ok()) << service.status();
  EXPECT_FALSE((*service)->Execute("SELECT 1; SELECT 2").ok());
  EXPECT_TRUE(owner_->Execute("SELECT 1; SELECT 2").ok());
}

TEST_F(CaseStoreTest, UnknownCaseIsNotFound) {
  EXPECT_THAT(store_->Get("nosuchcase"), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(store_->Verify("nosuchcase"), StatusIs(absl::StatusCode::kNotFound));
}

// Migration 0012 (law reference §2.5a): a punishment imposed outside the
// service, recorded by a change of a case, is stored under the employee's
// NIP with that change, and read back for the employee's later cases.
TEST_F(CaseStoreTest, PriorPunishmentsAreStoredPerEmployeeWithTheChange) {
  Case c = Filed();
  const domain::PriorPunishment prior{.punishment = domain::Punishment::kTeguranTertulis,
                                      .provision_id = "PP94.3.d",
                                      .decision_number = "800.1.6.3/017/BKPSDM/2025",
                                      .decided_on = absl::CivilDay(2025, 6, 2),
                                      .effective_on = absl::CivilDay(2025, 6, 23),
                                      .source = domain::PriorSource::kManual};
  c.version += 1;
  c.updated_at = absl::Now();
  c.prior_punishments.push_back(prior);
  ports::AuditEntry entry{"test", "AddPriorPunishment", CaseState::kReceived, "{}"};
  entry.new_priors = {prior};
  ASSERT_TRUE(store_->Update(c, entry, Key("prior-1", "AddPriorPunishment")).ok());
  // A change based on a stale version stores nothing.
  ASSERT_THAT(store_->Update(c, entry, Key("prior-2", "AddPriorPunishment")), StatusIs(absl::StatusCode::kAborted));

  auto priors = store_->PriorPunishmentsOf(c.employee.nip);
  ASSERT_TRUE(priors.ok()) << priors.status();
  ASSERT_EQ(priors->size(), 1u);
  const domain::PriorPunishment& got = priors->front();
  EXPECT_EQ(got.punishment, domain::Punishment::kTeguranTertulis);
  EXPECT_EQ(got.provision_id, "PP94.3.d");
  EXPECT_EQ(got.decision_number, "800.1.6.3/017/BKPSDM/2025");
  EXPECT_EQ(got.decided_on, absl::CivilDay(2025, 6, 2));
  EXPECT_THAT(got.effective_on, Optional(absl::CivilDay(2025, 6, 23)));
  EXPECT_EQ(got.source, domain::PriorSource::kManual);
  auto stored = store_->Get(c.case_id);
  ASSERT_TRUE(stored.ok()) << stored.status();
  EXPECT_EQ(stored->prior_punishments.size(), 1u) << "shown on the case too";
  auto other = store_->PriorPunishmentsOf("198009092005012002");
  ASSERT_TRUE(other.ok()) << other.status();
  EXPECT_THAT(*other, IsEmpty());
}

}  // namespace
}  // namespace discipline::mariadb
