// e2e (real peers): both document stores — the local content-addressed store
// and WebDAV against a real Apache mod_dav on loopback — round trip, hash
// mismatch after a byte is flipped on disk, limits, and a 50 MB upload in
// bounded memory.

#include <openssl/evp.h>
#include <sys/resource.h>

#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "adapters/documents/local_store.h"
#include "adapters/documents/webdav_store.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/test_db.h"
#include "tests/testing/webdav_server.h"

namespace discipline::documents {
namespace {

using ::discipline::testing::RequiredEnv;
using ::discipline::testing::StatusIs;
using ::discipline::testing::WebDavServer;

std::string Sha256(const std::string& data) {
  unsigned char d[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_Digest(data.data(), data.size(), d, &n, EVP_sha256(), nullptr);
  std::string hex;
  for (unsigned int i = 0; i < n; ++i) absl::StrAppendFormat(&hex, "%02x", d[i]);
  return hex;
}

long PeakRssKb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

void FlipFirstByte(const std::string& path) {
  std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
  ASSERT_TRUE(f.good()) << path;
  char c;
  f.read(&c, 1);
  f.seekp(0);
  c ^= 0x01;
  f.write(&c, 1);
}

enum class Kind { kLocal, kWebDav };

class DocumentStoreTest : public ::testing::TestWithParam<Kind> {
 protected:
  void SetUp() override {
    auto tmp = RequiredEnv("DISCIPLINE_TEST_TMP");
    ASSERT_TRUE(tmp.ok()) << tmp.status();
    std::string dir = *tmp + "/docs.XXXXXX";
    ASSERT_NE(mkdtemp(dir.data()), nullptr);
    dir_ = dir;
    if (GetParam() == Kind::kLocal) {
      auto s = LocalStore::Create(dir_);
      ASSERT_TRUE(s.ok()) << s.status();
      local_ = s->get();
      store_ = std::move(*s);
    } else {
      auto w = WebDavServer::Start();
      ASSERT_TRUE(w.ok()) << w.status();
      webdav_ = std::move(*w);
      WebDavOptions o{webdav_->base_url(), webdav_->credentials_file(), dir_};
      auto s = WebDavStore::Create(o);
      ASSERT_TRUE(s.ok()) << s.status();
      store_ = std::move(*s);
    }
  }
  // The file that holds a document's bytes on the store's disk.
  std::string BytesOnDisk(const ports::DocumentRef& ref) {
    return GetParam() == Kind::kLocal ? local_->ObjectPath(ref.sha256) : webdav_->files_dir() + "/" + ref.document_id;
  }
  absl::StatusOr<ports::DocumentRef> Put(const std::string& content, int64_t limit = 1 << 20) {
    auto w = store_->Begin({"case-1", 3, "BAP.pdf", "application/pdf"}, limit);
    if (!w.ok()) return w.status();
    for (size_t i = 0; i < content.size(); i += 7) {
      absl::Status s = (*w)->Write(absl::string_view(content).substr(i, 7));
      if (!s.ok()) return s;
    }
    return (*w)->Commit();
  }
  std::string ReadAll(ports::DocumentReader& r) {
    std::string all, chunk;
    for (;;) {
      EXPECT_TRUE(r.Read(1 << 16, &chunk).ok());
      if (chunk.empty()) return all;
      all += chunk;
    }
  }
  std::string dir_;
  std::unique_ptr<WebDavServer> webdav_;
  LocalStore* local_ = nullptr;
  std::unique_ptr<ports::DocumentStore> store_;
};

TEST_P(DocumentStoreTest, RoundTrip) {
  const std::string content = "Berita Acara Pemeriksaan\nNIP 199006052015031005\n";
  auto ref = Put(content);
  ASSERT_TRUE(ref.ok()) << ref.status();
  EXPECT_EQ(ref->sha256, Sha256(content));
  EXPECT_EQ(ref->size_bytes, static_cast<int64_t>(content.size()));
  auto stat = store_->Stat(ref->document_id);
  ASSERT_TRUE(stat.ok()) << stat.status();
  EXPECT_EQ(stat->sha256, ref->sha256);
  auto reader = store_->Open(ref->document_id);
  ASSERT_TRUE(reader.ok()) << reader.status();
  EXPECT_EQ((*reader)->metadata().file_name, "BAP.pdf");
  EXPECT_EQ((*reader)->metadata().kind, 3);
  EXPECT_EQ(ReadAll(**reader), content);
}

TEST_P(DocumentStoreTest, FlippedByteOnDiskIsDataLoss) {
  auto ref = Put("Surat Keputusan Hukuman Disiplin nomor 800/017/2026");
  ASSERT_TRUE(ref.ok()) << ref.status();
  FlipFirstByte(BytesOnDisk(*ref));
  EXPECT_THAT(store_->Open(ref->document_id), StatusIs(absl::StatusCode::kDataLoss));
}

TEST_P(DocumentStoreTest, UnknownAndMalformedIds) {
  EXPECT_THAT(store_->Open("doc-0000000000aaaaaaaaaa"), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(store_->Stat("../../etc/passwd"), StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_P(DocumentStoreTest, UploadOverTheLimitIsRefused) {
  EXPECT_THAT(Put(std::string(100, 'x'), 64), StatusIs(absl::StatusCode::kResourceExhausted));
}

TEST_P(DocumentStoreTest, FiftyMegabytesInBoundedMemory) {
  constexpr int64_t kSize = 50LL << 20;
  auto w = store_->Begin({"", 2, "rekaman-cctv.bin", "application/octet-stream"}, kSize);
  ASSERT_TRUE(w.ok()) << w.status();
  EVP_MD_CTX* md = EVP_MD_CTX_new();
  EVP_DigestInit_ex(md, EVP_sha256(), nullptr);
  std::string chunk(64 << 10, '\0');
  const long before = PeakRssKb();
  for (int64_t off = 0; off < kSize; off += chunk.size()) {
    for (size_t i = 0; i < chunk.size(); i += 64) chunk[i] = static_cast<char>((off + i) * 2654435761u >> 24);
    EVP_DigestUpdate(md, chunk.data(), chunk.size());
    ASSERT_TRUE((*w)->Write(chunk).ok());
  }
  auto ref = (*w)->Commit();
  ASSERT_TRUE(ref.ok()) << ref.status();
  unsigned char d[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_DigestFinal_ex(md, d, &n);
  EVP_MD_CTX_free(md);
  std::string hex;
  for (unsigned int i = 0; i < n; ++i) absl::StrAppendFormat(&hex, "%02x", d[i]);
  EXPECT_EQ(ref->sha256, hex);
  EXPECT_EQ(ref->size_bytes, kSize);
  auto reader = store_->Open(ref->document_id);
  ASSERT_TRUE(reader.ok()) << reader.status();
  int64_t read = 0;
  std::string got;
  do {
    ASSERT_TRUE((*reader)->Read(1 << 16, &got).ok());
    read += got.size();
  } while (!got.empty());
  EXPECT_EQ(read, kSize);
  // The bytes went through disk, never all in memory.
  EXPECT_LT(PeakRssKb() - before, 16 * 1024) << "peak RSS grew by " << (PeakRssKb() - before) << " KiB";
}

INSTANTIATE_TEST_SUITE_P(Stores, DocumentStoreTest, ::testing::Values(Kind::kLocal, Kind::kWebDav),
                         [](const auto& info) { return info.param == Kind::kLocal ? "Local" : "WebDav"; });

TEST(WebDavStore, DownServerIsUnavailable) {
  auto w = WebDavServer::Start();
  ASSERT_TRUE(w.ok()) << w.status();
  WebDavOptions o{(*w)->base_url(), (*w)->credentials_file(), "/tmp", absl::Seconds(2), absl::Seconds(5)};
  auto store = WebDavStore::Create(o);
  ASSERT_TRUE(store.ok()) << store.status();
  ASSERT_TRUE((*w)->Stop().ok());
  EXPECT_THAT((*store)->Stat("doc-0000000000aaaaaaaaaa"), StatusIs(absl::StatusCode::kUnavailable));
}

TEST(WebDavStore, ServerDownAtStartIsUsedOnceItAnswers) {
  auto w = WebDavServer::Start();
  ASSERT_TRUE(w.ok()) << w.status();
  ASSERT_TRUE((*w)->Stop().ok());
  WebDavOptions o{(*w)->base_url(), (*w)->credentials_file(), "/tmp", absl::Seconds(2), absl::Seconds(5)};
  // Made although nobody answers; each call says the server is down.
  auto store = WebDavStore::Create(o);
  ASSERT_TRUE(store.ok()) << store.status();
  EXPECT_THAT((*store)->Stat("doc-0000000000aaaaaaaaaa"), StatusIs(absl::StatusCode::kUnavailable));
  auto writer = (*store)->Begin({"", 1, "bap.pdf", "application/pdf"}, 1 << 20);
  ASSERT_TRUE(writer.ok()) << writer.status();
  ASSERT_TRUE((*writer)->Write("%PDF-1.4 BAP").ok());
  EXPECT_THAT((*writer)->Commit(), StatusIs(absl::StatusCode::kUnavailable));
  // Up again: the collection is made on first use, and the store works.
  ASSERT_TRUE((*w)->Restart().ok());
  auto again = (*store)->Begin({"", 1, "bap.pdf", "application/pdf"}, 1 << 20);
  ASSERT_TRUE(again.ok()) << again.status();
  ASSERT_TRUE((*again)->Write("%PDF-1.4 BAP").ok());
  auto ref = (*again)->Commit();
  ASSERT_TRUE(ref.ok()) << ref.status();
  auto stat = (*store)->Stat(ref->document_id);
  ASSERT_TRUE(stat.ok()) << stat.status();
  EXPECT_EQ(stat->sha256, ref->sha256);
}

TEST(WebDavStore, WrongCredentialsAreReported) {
  auto w = WebDavServer::Start();
  ASSERT_TRUE(w.ok()) << w.status();
  const std::string bad = std::string(std::getenv("DISCIPLINE_TEST_TMP")) + "/bad-credentials";
  std::ofstream(bad) << "hukdis:wrong\n";
  WebDavOptions o{(*w)->base_url(), bad, "/tmp"};
  EXPECT_THAT(WebDavStore::Create(o), StatusIs(absl::StatusCode::kUnavailable, ::testing::HasSubstr("credentials")));
}

}  // namespace
}  // namespace discipline::documents
