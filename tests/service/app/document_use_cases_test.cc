// unit: the upload use case over in-memory ports. What it decides itself:
// the metadata's checks before the store is asked, the quotas before the
// first byte, while the bytes arrive and before the commit, the announced
// size, and that nothing is stored for an upload that does not complete.
// (Through the server, with its stream and cancellation: e2e.)

#include "service/app/document_use_cases.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/common/errors.h"
#include "tests/testing/status_matchers.h"

namespace discipline::app {
namespace {

using ::discipline::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::Optional;

// Keeps committed documents in a map; counts writers begun and spools
// aborted (a writer dropped before its commit).
class MemoryDocuments final : public ports::DocumentStore {
 public:
  class Writer final : public ports::DocumentWriter {
   public:
    Writer(MemoryDocuments& store, ports::DocumentMetadata m) : store_(store), m_(std::move(m)) {}
    ~Writer() override {
      if (!committed_) ++store_.aborted;
    }
    absl::Status Write(absl::string_view chunk) override {
      bytes_.append(chunk.data(), chunk.size());
      return absl::OkStatus();
    }
    absl::StatusOr<ports::DocumentRef> Commit() override {
      committed_ = true;
      ports::DocumentRef ref{absl::StrCat("doc-", store_.docs.size() + 1), "sha", static_cast<int64_t>(bytes_.size())};
      store_.docs[ref.document_id] = {m_, bytes_};
      return ref;
    }

   private:
    MemoryDocuments& store_;
    ports::DocumentMetadata m_;
    std::string bytes_;
    bool committed_ = false;
  };

  absl::StatusOr<std::unique_ptr<ports::DocumentWriter>> Begin(const ports::DocumentMetadata& m, int64_t) override {
    ++begun;
    return std::unique_ptr<ports::DocumentWriter>(new Writer(*this, m));
  }
  class Reader final : public ports::DocumentReader {
   public:
    Reader(ports::DocumentMetadata m, ports::DocumentRef ref) : m_(std::move(m)), ref_(std::move(ref)) {}
    const ports::DocumentMetadata& metadata() const override { return m_; }
    const ports::DocumentRef& ref() const override { return ref_; }
    absl::Status Read(size_t, std::string* chunk) override {
      chunk->clear();
      return absl::OkStatus();
    }

   private:
    ports::DocumentMetadata m_;
    ports::DocumentRef ref_;
  };
  absl::StatusOr<std::unique_ptr<ports::DocumentReader>> Open(const std::string& id) override {
    ++opened;
    auto it = docs.find(id);
    if (it == docs.end()) return absl::NotFoundError("no document");
    return std::unique_ptr<ports::DocumentReader>(
        new Reader(it->second.first, {id, "sha-" + id, static_cast<int64_t>(it->second.second.size())}));
  }
  absl::StatusOr<ports::DocumentRef> Stat(const std::string&) override {
    return absl::UnimplementedError("not in this test");
  }
  absl::StatusOr<std::pair<ports::DocumentMetadata, ports::DocumentRef>> Describe(const std::string& id) override {
    auto it = docs.find(id);
    if (it == docs.end()) return absl::NotFoundError("no document");
    return std::make_pair(it->second.first, ports::DocumentRef{id, "sha-" + id, 0});
  }
  int opened = 0;

  std::map<std::string, std::pair<ports::DocumentMetadata, std::string>> docs;
  int begun = 0;
  int aborted = 0;
};

// One quota: the bytes of one caller (earlier uploads of the day plus this
// one) against max_bytes_per_caller_per_day. Records every check's size.
class MemoryLedger final : public ports::UploadLedger {
 public:
  absl::Status Check(const ports::Upload& upload, const ports::UploadLimits& limits) override {
    checked.push_back(upload.size_bytes);
    if (earlier_bytes + upload.size_bytes > limits.max_bytes_per_caller_per_day) {
      return absl::ResourceExhaustedError("uploads: the caller's bytes of the day are used up");
    }
    return absl::OkStatus();
  }
  absl::Status Record(const std::string& id, const ports::Upload& upload) override {
    recorded[id] = upload;
    return absl::OkStatus();
  }
  absl::Status RecordDocumentRead(const ports::DocumentRead& read) override {
    reads.push_back(read);
    return absl::OkStatus();
  }
  std::vector<ports::DocumentRead> reads;

  int64_t earlier_bytes = 0;
  std::vector<int64_t> checked;
  std::map<std::string, ports::Upload> recorded;
};

constexpr int kLaporan = 1;  // asn.discipline.v1.DOCUMENT_KIND_LAPORAN
constexpr int kBukti = 2;    // asn.discipline.v1.DOCUMENT_KIND_BUKTI

class UploadUseCasesTest : public ::testing::Test {
 protected:
  UploadUseCasesTest() : uploads_(store_, 64 << 20, domain::DefaultPolicy(), clock_, nullptr, &ledger_, Limits()) {}

  static ports::UploadLimits Limits() {
    ports::UploadLimits l;
    l.max_bytes_per_caller_per_day = 6 << 20;  // 6 MiB
    return l;
  }
  static UploadRequest Request() { return {"", kBukti, "bukti.pdf", "application/pdf", 0}; }

  MemoryDocuments store_;
  MemoryLedger ledger_;
  ports::SystemClock clock_;
  DocumentUseCases uploads_;
  domain::Caller caller_ = [] {
    domain::Caller c;
    c.nip = "198009092005012002";
    c.agency_code = "KOTA-CONTOH";
    c.roles = {domain::Role::kOperator};
    return c;
  }();
};

TEST_F(UploadUseCasesTest, ACompletedUploadIsTheUploadersAgencysAndServedAsAnAllowedType) {
  UploadRequest r = Request();
  r.media_type = "text/html";  // never served as HTML
  auto upload = uploads_.Begin(caller_, r);
  ASSERT_TRUE(upload.ok()) << upload.status();
  ASSERT_TRUE((*upload)->Write("%PDF-1.7 ").ok());
  ASSERT_TRUE((*upload)->Write("isi").ok());
  auto result = (*upload)->Commit();
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_TRUE(result->recorded.ok());
  EXPECT_EQ(result->ref.size_bytes, 12);
  ASSERT_EQ(store_.docs.count(result->ref.document_id), 1u);
  const auto& [meta, bytes] = store_.docs[result->ref.document_id];
  EXPECT_EQ(bytes, "%PDF-1.7 isi");
  EXPECT_EQ(meta.agency_code, "KOTA-CONTOH");
  EXPECT_EQ(meta.media_type, "application/octet-stream");
  ASSERT_EQ(ledger_.recorded.count(result->ref.document_id), 1u);
  EXPECT_EQ(ledger_.recorded[result->ref.document_id].size_bytes, 12);
  EXPECT_EQ(ledger_.recorded[result->ref.document_id].caller, caller_.Id());
}

TEST_F(UploadUseCasesTest, BadMetadataIsNamedBeforeTheStoreIsAsked) {
  UploadRequest r = Request();
  r.file_name = "../../etc/passwd";
  auto refused = uploads_.Begin(caller_, r);
  EXPECT_THAT(refused, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(FieldOf(refused.status()), Optional(std::string("metadata.file_name")));
  r = Request();
  r.kind = 0;
  EXPECT_THAT(FieldOf(uploads_.Begin(caller_, r).status()), Optional(std::string("metadata.kind")));
  r = Request();
  r.size_bytes = -1;
  EXPECT_THAT(FieldOf(uploads_.Begin(caller_, r).status()), Optional(std::string("metadata.size_bytes")));
  EXPECT_EQ(store_.begun, 0);
}

TEST_F(UploadUseCasesTest, AnAnnouncedSizeOverTheQuotaIsRefusedBeforeAByteIsTaken) {
  UploadRequest r = Request();
  r.size_bytes = 7 << 20;
  EXPECT_THAT(uploads_.Begin(caller_, r), StatusIs(absl::StatusCode::kResourceExhausted));
  EXPECT_EQ(store_.begun, 0);
}

TEST_F(UploadUseCasesTest, TheQuotaIsCheckedWhileTheBytesArriveAndNothingIsStoredPastIt) {
  auto upload = uploads_.Begin(caller_, Request());
  ASSERT_TRUE(upload.ok()) << upload.status();
  const std::string mib(1 << 20, 'x');
  absl::Status s;
  int written = 0;
  while (s.ok() && written < 16) {
    s = (*upload)->Write(mib);
    ++written;
  }
  // Checked at 4 MiB (fits the 6 MiB) and at 8 MiB (does not): the upload
  // stops there, not at its end.
  EXPECT_THAT(s, StatusIs(absl::StatusCode::kResourceExhausted));
  EXPECT_EQ(written, 8);
  EXPECT_THAT((*upload)->Commit(), StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_TRUE(store_.docs.empty());
  EXPECT_EQ(store_.aborted, 1);
}

TEST_F(UploadUseCasesTest, TheQuotaIsCheckedAgainBeforeTheCommit) {
  auto upload = uploads_.Begin(caller_, Request());
  ASSERT_TRUE(upload.ok()) << upload.status();
  ASSERT_TRUE((*upload)->Write("abc").ok());
  ledger_.earlier_bytes = 6 << 20;  // the caller's other uploads committed meanwhile
  EXPECT_THAT((*upload)->Commit(), StatusIs(absl::StatusCode::kResourceExhausted));
  EXPECT_TRUE(store_.docs.empty());
  EXPECT_EQ(ledger_.checked.back(), 3);
}

TEST_F(UploadUseCasesTest, FewerBytesThanAnnouncedAreRefusedAndNotStored) {
  UploadRequest r = Request();
  r.size_bytes = 10;
  auto upload = uploads_.Begin(caller_, r);
  ASSERT_TRUE(upload.ok()) << upload.status();
  ASSERT_TRUE((*upload)->Write("12345").ok());
  auto refused = (*upload)->Commit();
  EXPECT_THAT(refused, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("announced 10 bytes, received 5")));
  EXPECT_THAT(FieldOf(refused.status()), Optional(std::string("metadata.size_bytes")));
  EXPECT_TRUE(store_.docs.empty());
}

TEST_F(UploadUseCasesTest, AnUploadDroppedBeforeItsCommitStoresNothing) {
  {
    auto upload = uploads_.Begin(caller_, Request());
    ASSERT_TRUE(upload.ok()) << upload.status();
    ASSERT_TRUE((*upload)->Write("half").ok());
  }
  EXPECT_TRUE(store_.docs.empty());
  EXPECT_EQ(store_.aborted, 1);
  EXPECT_TRUE(ledger_.recorded.empty());
}

// GetDocument without the case database: a document without a case is
// read by its agency and the read is on the ledger's trail; another
// agency's does not exist for the caller; a case's document is not read
// where its read cannot be recorded on the case's chain.
TEST_F(UploadUseCasesTest, AReadIsAuthorizedOnTheMetadataAndRecordedBeforeAByteIsSent) {
  store_.docs["doc-a"] = {{"", kBukti, "a.pdf", "application/pdf", "KOTA-CONTOH"}, "isi"};
  store_.docs["doc-b"] = {{"", kBukti, "b.pdf", "application/pdf", "PROV-CONTOH"}, "isi"};
  store_.docs["doc-c"] = {{"case-1", kBukti, "c.pdf", "application/pdf", "KOTA-CONTOH"}, "isi"};
  auto opened = uploads_.Open(caller_, "doc-a");
  ASSERT_TRUE(opened.ok()) << opened.status();
  EXPECT_EQ(opened->metadata.file_name, "a.pdf");
  EXPECT_EQ(opened->reader->ref().sha256, "sha-doc-a");
  ASSERT_EQ(ledger_.reads.size(), 1u);
  EXPECT_EQ(ledger_.reads[0].document_id, "doc-a");
  EXPECT_EQ(ledger_.reads[0].sha256, "sha-doc-a");
  EXPECT_EQ(ledger_.reads[0].actor, caller_.Actor());

  EXPECT_THAT(uploads_.Open(caller_, "doc-b"), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(uploads_.Open(caller_, "doc-c"), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_THAT(uploads_.Open(caller_, "doc-none"), StatusIs(absl::StatusCode::kNotFound));
  // The report names the reporter: intake alone reads it (api.md "Safe edges").
  store_.docs["doc-l"] = {{"", kLaporan, "l.pdf", "application/pdf", "KOTA-CONTOH"}, "isi"};
  EXPECT_THAT(uploads_.Open(caller_, "doc-l"), StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_EQ(store_.opened, 1) << "nothing is opened before the read is authorized";
  EXPECT_EQ(ledger_.reads.size(), 1u);
}

}  // namespace
}  // namespace discipline::app
