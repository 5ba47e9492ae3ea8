// db: the SIASN outbox's progress against MariaDB (migration 0017). A
// record's SIASN id and its step are durable, so a restart resumes at the
// SK's attachment instead of saving again, and a remedy's record (law
// reference §2.5a: "saved again under its SIASN id") keeps the id the case
// already has; a save whose answer may be lost is marked before it goes out.

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "adapters/mariadb/case_store.h"
#include "gtest/gtest.h"
#include "tests/testing/test_db.h"

namespace discipline::mariadb {
namespace {

using ::discipline::testing::TestDatabase;
using domain::Case;
using domain::CaseState;

ports::IdempotencyKey Key(const std::string& request_id, const std::string& method) {
  return {"KOTA-CONTOH", method, request_id, ""};
}

domain::SiasnHukdis Record(const std::string& annulment = "") {
  domain::SiasnHukdis h;
  h.pns_orang_id = "8ae48a3c-7f2b-4d1e-9c55-0a1b2c3d4e5f";
  h.jenis_hukuman_id = "27";
  h.jenis_tingkat_hukuman_id = "B";
  h.sk_nomor = "800/77/BKPSDM/2026";
  h.sk_pembatalan_nomor = annulment;
  h.sk_document_id = "doc-sk";
  h.sk_dokumen_ref = "882";
  return h;
}

class SiasnOutboxDbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = TestDatabase::CreateMigrated();
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = std::move(*db);
    store_ = std::make_unique<CaseStore>(db_->Service(), 2);
    Case c;
    c.case_id = NewCaseId();
    c.agency_code = "KOTA-CONTOH";
    c.state = CaseState::kReceived;
    c.version = 1;
    c.employee.nip = "199006052015031005";
    c.received_on = absl::CivilDay(2026, 3, 2);
    c.allegations.push_back({.provision_id = "PP94.4.f", .absence_days = 21});
    c.created_at = c.updated_at = absl::Now();
    auto filed = store_->Create(c, {"test", "FileCase", CaseState::kUnspecified, "{}"}, Key("f", "FileCase"));
    ASSERT_TRUE(filed.ok()) << filed.status();
    case_ = *filed;
  }

  // A change of the case that puts `record` into the outbox.
  void Put(const domain::SiasnHukdis& record, const std::string& request_id) {
    case_.version += 1;
    case_.updated_at = absl::Now();
    ports::AuditEntry entry{"test", "RecordDelivery", case_.state, "{}"};
    entry.siasn_key = absl::StrCat(case_.case_id, ":", case_.version);
    entry.siasn_record = record;
    auto updated = store_->Update(case_, entry, Key(request_id, "RecordDelivery"));
    ASSERT_TRUE(updated.ok()) << updated.status();
  }

  ports::OutboxRecord Due() {
    auto due = store_->DueRecords(10);
    EXPECT_TRUE(due.ok()) << due.status();
    EXPECT_EQ(due.ok() ? due->size() : 0u, 1u);
    return due.ok() && !due->empty() ? due->front() : ports::OutboxRecord{};
  }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<CaseStore> store_;
  Case case_;
};

TEST_F(SiasnOutboxDbTest, ASavedRecordResumesAtTheAttachmentWithItsId) {
  Put(Record(), "d1");
  ports::OutboxRecord r = Due();
  EXPECT_EQ(r.step, ports::SiasnStep::kSave);
  EXPECT_TRUE(r.siasn_id.empty());
  EXPECT_FALSE(r.save_sent);
  EXPECT_EQ(r.nip, "199006052015031005");
  EXPECT_EQ(r.sk_document_id, "doc-sk");
  EXPECT_EQ(r.sk_dokumen_ref, "882");
  ASSERT_TRUE(store_->MarkSaveSent(r).ok());
  EXPECT_TRUE(Due().save_sent) << "a save whose answer may be lost is known after a restart";
  ASSERT_TRUE(store_->MarkSaved(r, "A0000001").ok());
  // What a restarted sender reads: attach to A0000001, do not save again.
  r = Due();
  EXPECT_EQ(r.step, ports::SiasnStep::kAttach);
  EXPECT_EQ(r.siasn_id, "A0000001");
  EXPECT_FALSE(r.save_sent);
  auto e = store_->ExportOf(case_.case_id);
  ASSERT_TRUE(e.ok() && e->has_value());
  EXPECT_EQ((*e)->state, ports::SiasnExportState::kPending);
  EXPECT_EQ((*e)->step, ports::SiasnStep::kAttach);
  ASSERT_TRUE(store_->MarkDelivered(r, "A0000001").ok());
  e = store_->ExportOf(case_.case_id);
  ASSERT_TRUE(e.ok() && e->has_value());
  EXPECT_EQ((*e)->state, ports::SiasnExportState::kDelivered);
  EXPECT_EQ((*e)->siasn_id, "A0000001");
}

TEST_F(SiasnOutboxDbTest, ARemedysRecordKeepsTheCasesSiasnIdAndTheAttachedSk) {
  Put(Record(), "d1");
  ports::OutboxRecord first = Due();
  ASSERT_TRUE(store_->MarkSaved(first, "A0000001").ok());
  ASSERT_TRUE(store_->MarkDelivered(first, "A0000001").ok());
  Put(Record("800/KEB/4/2026"), "r1");
  const ports::OutboxRecord annulment = Due();
  EXPECT_NE(annulment.idempotency_key, first.idempotency_key);
  EXPECT_EQ(annulment.siasn_id, "A0000001") << "saved again under its id, never a second record";
  EXPECT_EQ(annulment.step, ports::SiasnStep::kSave);
  EXPECT_EQ(annulment.attached_document_id, "doc-sk") << "the SK on the record is not sent again";
}

TEST_F(SiasnOutboxDbTest, AnIdFromAStaleAttemptStillBelongsToTheCase) {
  Put(Record(), "d1");
  const ports::OutboxRecord first = Due();
  ASSERT_TRUE(store_->MarkSaveSent(first).ok());
  // A remedy puts a newer record while the first save is on its way.
  Put(Record("800/KEB/4/2026"), "r1");
  ASSERT_TRUE(store_->MarkSaved(first, "A0000001").ok());
  const ports::OutboxRecord newer = Due();
  EXPECT_EQ(newer.siasn_id, "A0000001");
  EXPECT_EQ(newer.step, ports::SiasnStep::kSave) << "the newer record itself is still to be saved";
  // A stale mark never delivers the newer record.
  ASSERT_TRUE(store_->MarkDelivered(first, "A0000001").ok());
  auto e = store_->ExportOf(case_.case_id);
  ASSERT_TRUE(e.ok() && e->has_value());
  EXPECT_EQ((*e)->state, ports::SiasnExportState::kPending);
}

}  // namespace
}  // namespace discipline::mariadb
