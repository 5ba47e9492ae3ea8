// db: migration 0011, the sealed reporter. A database written by the code
// before it (the reporter in plain text inside case_proto, every event's
// case_sha256 the SHA-256 of those bytes) is migrated by the server's
// sealing step: history stays as it was and verifies, the last event's
// case_sha256 is the digest of the case without the reporter, and intake
// still reads the right reporter. API contract, "Safe edges".

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "adapters/common/digest.h"
#include "adapters/common/reporter_seal.h"
#include "adapters/mariadb/case_store.h"
#include "adapters/mariadb/migrations.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/codec/case_codec.h"
#include "service/domain/audit_chain.h"
#include "tests/testing/server_process.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/test_db.h"

namespace discipline::mariadb {
namespace {

using adapters::ReporterSeal;
using adapters::Sha256Hex;
using ::discipline::testing::StatusIs;
using ::discipline::testing::TestDatabase;
using domain::AuditEvent;
using domain::Case;
using domain::CaseState;

constexpr char kReporter[] = "Dra. Siti Aminah (Kepala Seksi Umum), 0812-3456-7890";

std::shared_ptr<const ReporterSeal> SealWith(char fill) {
  auto s = ReporterSeal::FromKey(std::string(32, fill));
  EXPECT_TRUE(s.ok()) << s.status();
  return *s;
}

// The code before 0011, as it wrote a case: the deterministic serialization
// of the whole Case, the reporter in it.
std::string OldCaseProto(const Case& c) {
  codec::pb::Case p;
  codec::ToProto(c, &p);
  std::string out;
  google::protobuf::io::StringOutputStream stream(&out);
  google::protobuf::io::CodedOutputStream coded(&stream);
  coded.SetSerializationDeterministic(true);
  p.SerializeToCodedStream(&coded);
  coded.Trim();
  return out;
}

std::string SqlTime(absl::Time t) { return absl::FormatTime("%Y-%m-%d %H:%M:%E6S", t, absl::UTCTimeZone()); }

std::string Sha(absl::string_view s) { return Sha256Hex(std::string(s)); }

// A case filed and summoned by the code before 0011, written with its
// encoding: the rows, and the events as written.
struct OldCase {
  Case c;
  std::vector<AuditEvent> events;
  std::string case_proto;  // as stored last
};

class ReporterSealDbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = TestDatabase::Create();
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = std::move(*db);
    auto owner = Connection::Open(db_->Owner());
    ASSERT_TRUE(owner.ok()) << owner.status();
    owner_ = std::move(*owner);
    // The schema as it was before 0011.
    EmbeddedFileList before;
    for (const auto& m : BuiltinMigrations()) {
      if (m.name < absl::string_view("0011")) before.push_back(m);
    }
    ASSERT_EQ(before.size(), 10u);
    auto applied = ApplyMigrations(*owner_, before);
    ASSERT_TRUE(applied.ok()) << applied.status();
  }

  // Writes a case the old way: FileCase (version 1), then IssueSummons
  // (version 2), each event's case_sha256 the digest of the case_proto as it
  // was then.
  OldCase WriteOld(const std::string& case_id, const std::string& reporter, const std::string& request) {
    OldCase out;
    Case& c = out.c;
    c.case_id = case_id;
    c.register_number = "HD/2026/0000" + case_id.substr(case_id.size() - 1);
    c.agency_code = "KOTA-CONTOH";
    c.state = CaseState::kReceived;
    c.version = 1;
    c.employee.nip = "199006052015031005";
    c.employee.name = "Andi Saputra";
    c.source = domain::Source::kAtasanLangsung;
    c.reporter = reporter;
    c.received_on = absl::CivilDay(2026, 3, 2);
    c.allegations.push_back({.provision_id = "PP94.4.f", .absence_days = 12});
    c.agency_time_zone = "Asia/Jakarta";
    c.created_at = c.updated_at = absl::FromUnixMicros(1772409600123456);
    const std::string filed = OldCaseProto(c);
    AuditEvent e1;
    e1.case_id = case_id;
    e1.sequence = 1;
    e1.occurred_at = c.updated_at;
    e1.actor = "199001012015011001 (Petugas; KOTA-CONTOH; intake; session j1)";
    e1.action = "FileCase";
    e1.from_state = CaseState::kUnspecified;
    e1.to_state = CaseState::kReceived;
    e1.payload_json = absl::StrCat("{\"change\":{\"reporter\":\"[rahasia]\"},\"documents\":[],\"case_sha256\":\"",
                                   Sha(filed), "\",\"version\":1}");
    e1.prev_hash = domain::kGenesisHash;
    e1.hash = domain::ChainHash(e1, &Sha);

    c.state = CaseState::kSummoned;
    c.version = 2;
    c.summonses.push_back({1, absl::CivilDay(2026, 3, 3), absl::CivilDay(2026, 3, 16)});
    c.updated_at = absl::FromUnixMicros(1772496000654321);
    out.case_proto = OldCaseProto(c);
    AuditEvent e2 = e1;
    e2.sequence = 2;
    e2.occurred_at = c.updated_at;
    e2.action = "IssueSummons";
    e2.from_state = CaseState::kReceived;
    e2.to_state = CaseState::kSummoned;
    e2.payload_json =
        absl::StrCat("{\"change\":{},\"documents\":[],\"case_sha256\":\"", Sha(out.case_proto), "\",\"version\":2}");
    e2.prev_hash = e1.hash;
    e2.hash = domain::ChainHash(e2, &Sha);
    out.events = {e1, e2};

    auto row = owner_->Update(
        "INSERT INTO cases (case_id, agency_code, register_number, state, version, employee_nip, received_on, "
        "next_due_on, case_proto, created_at, updated_at, audit_head, audit_count) VALUES "
        "(?, ?, ?, 2, 2, ?, '2026-03-02', NULL, ?, ?, ?, ?, 2)",
        {case_id, c.agency_code, c.register_number, c.employee.nip, out.case_proto, SqlTime(c.created_at),
         SqlTime(c.updated_at), e2.hash});
    EXPECT_TRUE(row.ok()) << row.status();
    for (const AuditEvent& e : out.events) {
      auto ev = owner_->Update(
          "INSERT INTO audit_events (case_id, sequence, occurred_at, actor, action, from_state, to_state, "
          "payload_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {e.case_id, absl::StrCat(e.sequence), SqlTime(e.occurred_at), e.actor, e.action,
           absl::StrCat(static_cast<int>(e.from_state)), absl::StrCat(static_cast<int>(e.to_state)), e.payload_json,
           e.prev_hash, e.hash});
      EXPECT_TRUE(ev.ok()) << ev.status();
    }
    // Its idempotency record: the plain SHA-256 of the request, the response
    // without the reporter.
    Case response = c;
    response.reporter.clear();
    auto claim = owner_->Update(
        "INSERT INTO idempotency_records (scope, method, request_id, request_sha256, case_id, response) VALUES "
        "('KOTA-CONTOH', 'FileCase', ?, ?, ?, ?)",
        {"file-" + case_id, Sha(request), case_id, OldCaseProto(response)});
    EXPECT_TRUE(claim.ok()) << claim.status();
    return out;
  }

  void MigrateTo0011() {
    auto applied = ApplyMigrations(*owner_, BuiltinMigrations());
    ASSERT_TRUE(applied.ok()) << applied.status();
    ASSERT_FALSE(applied->applied.empty());
  }

  std::string Cell(const std::string& sql, const std::string& case_id) {
    auto rows = owner_->Query(sql, {case_id});
    EXPECT_TRUE(rows.ok() && !rows->empty()) << rows.status();
    return rows.ok() && !rows->empty() ? rows->at(0).at(0).value_or("NULL") : "";
  }

  std::vector<AuditEvent> Events(CaseStore& store, const std::string& case_id) {
    auto events = store.History(case_id, 0, 100);
    EXPECT_TRUE(events.ok()) << events.status();
    return events.ok() ? *events : std::vector<AuditEvent>{};
  }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<Connection> owner_;
};

TEST_F(ReporterSealDbTest, OldRowsAreSealedWithARecordedStepAndTheirChainsStillVerify) {
  const OldCase old = WriteOld("legacy-case-1", kReporter, "request-1");
  const OldCase none = WriteOld("legacy-case-2", "", "request-2");
  // Before the change an offline guess worked: the last event's case_sha256
  // is the digest of the case rebuilt with the reporter.
  ASSERT_EQ(domain::CaseDigestOf(old.events.back().payload_json), Sha(OldCaseProto(old.c)));

  MigrateTo0011();
  const auto seal = SealWith('k');
  CaseStore store(db_->Service(), 4, {}, seal);
  ASSERT_TRUE(store.CheckReporterKey().ok());
  // Not sealed yet, and still no reader gets the reporter.
  auto early = store.Get(old.c.case_id);
  ASSERT_TRUE(early.ok()) << early.status();
  EXPECT_EQ(early->reporter, "");

  auto run = store.SealReporters("", 100);
  ASSERT_TRUE(run.ok()) << run.status();
  EXPECT_EQ(run->read, 2);
  EXPECT_EQ(run->sealed, 1);
  EXPECT_EQ(run->empty, 1);
  EXPECT_EQ(run->failed, 0);
  auto again = store.SealReporters("", 100);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->read, 0) << "every row is sealed once";

  for (const std::string& id : {old.c.case_id, none.c.case_id}) {
    auto v = store.Verify(id);
    ASSERT_TRUE(v.ok()) << v.status();
    EXPECT_TRUE(v->valid) << id << ": " << v->reason << " at " << v->first_invalid_sequence;
  }
  // History is not rewritten: the old events are there as written, and one
  // no-change event follows them.
  const std::vector<AuditEvent> events = Events(store, old.c.case_id);
  ASSERT_EQ(events.size(), 3u);
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(events[i].hash, old.events[i].hash);
    EXPECT_EQ(events[i].payload_json, old.events[i].payload_json);
  }
  EXPECT_EQ(events[2].action, "SealReporter");
  EXPECT_EQ(events[2].actor, "system");
  EXPECT_EQ(events[2].from_state, CaseState::kSummoned);
  EXPECT_EQ(events[2].to_state, CaseState::kSummoned);
  EXPECT_EQ(events[2].prev_hash, old.events[1].hash);
  EXPECT_THAT(events[2].payload_json, ::testing::HasSubstr("\"version\":2"));
  EXPECT_EQ(Events(store, none.c.case_id).size(), 2u) << "a case without a reporter needs no event";

  // The stored case holds neither the reporter nor its plain digest; the
  // sealed column holds it encrypted under the recorded key.
  const std::string stored = Cell("SELECT case_proto FROM cases WHERE case_id = ?", old.c.case_id);
  EXPECT_EQ(stored.find("Siti Aminah"), std::string::npos);
  EXPECT_EQ(domain::CaseDigestOf(events[2].payload_json), Sha(stored));
  EXPECT_NE(domain::CaseDigestOf(events[2].payload_json), Sha(OldCaseProto(old.c)));
  EXPECT_EQ(Cell("SELECT LOCATE('Siti', reporter_sealed) FROM cases WHERE case_id = ?", old.c.case_id), "0");
  EXPECT_EQ(Cell("SELECT reporter_key_id FROM cases WHERE case_id = ?", old.c.case_id), seal->key_id());
  EXPECT_EQ(Cell("SELECT reporter_sealed FROM cases WHERE case_id = ?", none.c.case_id), "NULL");
  // An offline guess no longer checks against the current digest: the case
  // rebuilt with the true reporter (with or without the commitment).
  auto current = store.Get(old.c.case_id);
  ASSERT_TRUE(current.ok()) << current.status();
  EXPECT_FALSE(current->reporter_commitment.empty());
  EXPECT_EQ(Sha(OldCaseProto(*current)), Sha(stored)) << "what a reader gets rebuilds the stored bytes";
  Case guess = *current;
  guess.reporter = kReporter;
  EXPECT_NE(Sha(OldCaseProto(guess)), Sha(stored));
  guess.reporter_commitment.clear();
  EXPECT_NE(Sha(OldCaseProto(guess)), Sha(stored));

  // Intake still reads the right reporter, and the read is an event.
  auto read = store.ReadReporter(old.c.case_id, {"intake", "ReadReporter", CaseState::kSummoned, "{}"}, absl::Now());
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(*read, kReporter);
  auto v = store.Verify(old.c.case_id);
  ASSERT_TRUE(v.ok() && v->valid) << v->reason;
  EXPECT_EQ(v->events_checked, 4);
  auto nothing =
      store.ReadReporter(none.c.case_id, {"intake", "ReadReporter", CaseState::kSummoned, "{}"}, absl::Now());
  ASSERT_TRUE(nothing.ok()) << nothing.status();
  EXPECT_EQ(*nothing, "");

  // The idempotency record written before still answers its retry.
  auto replay = store.FindByRequestId({"KOTA-CONTOH", "FileCase", "file-" + old.c.case_id, "request-1"});
  ASSERT_TRUE(replay.ok()) << replay.status();
  ASSERT_TRUE(replay->has_value());
  EXPECT_EQ((*replay)->reporter, "");
  EXPECT_THAT(store.FindByRequestId({"KOTA-CONTOH", "FileCase", "file-" + old.c.case_id, "another"}),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

// A case changed by a replica before the sealing step reached it is sealed
// by that change, in its transaction, with its own event first.
TEST_F(ReporterSealDbTest, OldRowChangedBeforeTheSealingStepIsSealedByTheChange) {
  const OldCase old = WriteOld("legacy-case-3", kReporter, "request-3");
  MigrateTo0011();
  CaseStore store(db_->Service(), 4, {}, SealWith('k'));
  auto loaded = store.Get(old.c.case_id);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  Case next = *loaded;
  next.version = 3;
  next.state = CaseState::kTerminated;
  next.close_reason = "meninggal dunia";
  next.updated_at = absl::Now();
  auto closed = store.Update(next, {"test", "CloseCase", CaseState::kSummoned, "{}"},
                             {"KOTA-CONTOH", "CloseCase", "close-3", "close"});
  ASSERT_TRUE(closed.ok()) << closed.status();
  EXPECT_EQ(closed->reporter, "");
  EXPECT_FALSE(closed->reporter_commitment.empty());
  const std::vector<AuditEvent> events = Events(store, old.c.case_id);
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[2].action, "SealReporter");
  EXPECT_EQ(events[3].action, "CloseCase");
  auto v = store.Verify(old.c.case_id);
  ASSERT_TRUE(v.ok() && v->valid) << v->reason << " at " << v->first_invalid_sequence;
  EXPECT_EQ(Cell("SELECT LOCATE('Siti', case_proto) FROM cases WHERE case_id = ?", old.c.case_id), "0");
  auto run = store.SealReporters("", 100);
  ASSERT_TRUE(run.ok()) << run.status();
  EXPECT_EQ(run->read, 0);
  auto read = store.ReadReporter(old.c.case_id, {"intake", "ReadReporter", CaseState::kTerminated, "{}"}, absl::Now());
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(*read, kReporter);
}

// Another key: the start-up check names it, and a read is an error (never
// a wrong reporter) that records no read.
TEST_F(ReporterSealDbTest, WrongOrMissingKeyIsRefused) {
  WriteOld("legacy-case-4", kReporter, "request-4");
  MigrateTo0011();
  {
    CaseStore without(db_->Service(), 2);
    auto run = without.SealReporters("", 100);
    EXPECT_THAT(run.status(), StatusIs(absl::StatusCode::kFailedPrecondition)) << "no key, no sealing";
  }
  CaseStore right(db_->Service(), 2, {}, SealWith('k'));
  ASSERT_TRUE(right.SealReporters("", 100).ok());

  CaseStore wrong(db_->Service(), 2, {}, SealWith('w'));
  const absl::Status check = wrong.CheckReporterKey();
  EXPECT_THAT(check, StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(std::string(check.message()), ::testing::HasSubstr(SealWith('k')->key_id()));
  auto read = wrong.ReadReporter("legacy-case-4", {"intake", "ReadReporter", CaseState::kSummoned, "{}"}, absl::Now());
  EXPECT_THAT(read.status(), StatusIs(absl::StatusCode::kInternal));
  EXPECT_EQ(std::string(read.status().message()).find("Siti"), std::string::npos);
  EXPECT_EQ(Events(wrong, "legacy-case-4").size(), 3u) << "no read recorded";

  CaseStore none(db_->Service(), 2);
  EXPECT_THAT(none.CheckReporterKey(), StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_TRUE(right.CheckReporterKey().ok());
}

// The server itself runs the step: started on the old database, it applies
// 0011 and seals before it serves.
TEST_F(ReporterSealDbTest, ServerSealsTheOldRowsBeforeItServes) {
  const OldCase old = WriteOld("legacy-case-5", kReporter, "request-5");
  const char* key_file = std::getenv("DISCIPLINE_TEST_REPORTER_KEY_FILE");
  ASSERT_NE(key_file, nullptr) << "tests/run.sh sets DISCIPLINE_TEST_REPORTER_KEY_FILE";
  auto seal = ReporterSeal::FromKeyFile(key_file);
  ASSERT_TRUE(seal.ok()) << seal.status();
  auto server = ::discipline::testing::ServerProcess::Start(*db_);
  ASSERT_TRUE(server.ok()) << server.status();
  // Serving means sealed: the step ran before the port was written.
  EXPECT_EQ(Cell("SELECT reporter_format FROM cases WHERE case_id = ?", old.c.case_id), "1");
  EXPECT_EQ(Cell("SELECT LOCATE('Siti', case_proto) FROM cases WHERE case_id = ?", old.c.case_id), "0");
  EXPECT_EQ(Cell("SELECT reporter_key_id FROM cases WHERE case_id = ?", old.c.case_id), (*seal)->key_id());
  CaseStore store(db_->Service(), 2, {}, *seal);
  auto v = store.Verify(old.c.case_id);
  ASSERT_TRUE(v.ok()) << v.status();
  EXPECT_TRUE(v->valid) << v->reason;
  EXPECT_EQ(v->events_checked, 3);
  auto read = store.ReadReporter(old.c.case_id, {"intake", "ReadReporter", CaseState::kSummoned, "{}"}, absl::Now());
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(*read, kReporter);
}

}  // namespace
}  // namespace discipline::mariadb
