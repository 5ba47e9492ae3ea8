// e2e: DocumentService through the real server: a 50 MB client-streamed
// upload with the server's peak memory checked, the server-streamed download,
// and DATA_LOSS once a stored byte is flipped.

#include <grpcpp/client_context.h>
#include <openssl/evp.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "asn/discipline/v1/cases.grpc.pb.h"
#include "asn/discipline/v1/documents.grpc.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/server_process.h"
#include "tests/testing/test_db.h"
#include "tests/testing/webdav_server.h"

namespace discipline {
namespace {

namespace pb = ::asn::discipline::v1;
using ::discipline::testing::ServerProcess;
using ::discipline::testing::TestDatabase;

// A /proc/<pid>/status field in KiB.
long ProcKb(pid_t pid, const std::string& field) {
  std::ifstream in(absl::StrFormat("/proc/%d/status", pid));
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(field + ":", 0) == 0) return std::stol(line.substr(field.size() + 1));
  }
  return -1;
}

std::string Hex(const unsigned char* d, unsigned int n) {
  std::string out;
  for (unsigned int i = 0; i < n; ++i) absl::StrAppendFormat(&out, "%02x", d[i]);
  return out;
}

TEST(DocumentE2eTest, FiftyMegabytesUpAndDownInBoundedServerMemory) {
  auto db = TestDatabase::Create();
  ASSERT_TRUE(db.ok()) << db.status();
  auto server = ServerProcess::Start(**db);
  ASSERT_TRUE(server.ok()) << server.status();
  auto stub = pb::DocumentService::NewStub((*server)->Channel());
  const long rss_before = ProcKb((*server)->pid(), "VmRSS");

  constexpr int64_t kSize = 50LL << 20;
  grpc::ClientContext up;
  ::discipline::testing::AddToken(up, "199208222019032003", "KOTA-CONTOH", {"operator"});
  pb::DocumentRef ref;
  auto writer = stub->UploadDocument(&up, &ref);
  pb::UploadDocumentRequest m;
  m.mutable_metadata()->set_kind(pb::DOCUMENT_KIND_BUKTI);
  m.mutable_metadata()->set_file_name("rekaman-kehadiran.bin");
  ASSERT_TRUE(writer->Write(m));
  EVP_MD_CTX* md = EVP_MD_CTX_new();
  EVP_DigestInit_ex(md, EVP_sha256(), nullptr);
  pb::UploadDocumentRequest chunk;
  std::string* bytes = chunk.mutable_chunk();
  bytes->resize(256 << 10);
  for (int64_t off = 0; off < kSize; off += bytes->size()) {
    for (size_t i = 0; i < bytes->size(); i += 128) (*bytes)[i] = static_cast<char>((off + i) >> 7);
    EVP_DigestUpdate(md, bytes->data(), bytes->size());
    ASSERT_TRUE(writer->Write(chunk));
  }
  writer->WritesDone();
  grpc::Status s = writer->Finish();
  ASSERT_TRUE(s.ok()) << s.error_message();
  unsigned char d[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_DigestFinal_ex(md, d, &n);
  EVP_MD_CTX_free(md);
  EXPECT_EQ(ref.sha256(), Hex(d, n));
  EXPECT_EQ(ref.size_bytes(), kSize);

  grpc::ClientContext down;

  ::discipline::testing::AddToken(down, "199208222019032003", "KOTA-CONTOH", {"operator"});
  pb::GetDocumentRequest get;
  get.set_document_id(ref.document_id());
  auto reader = stub->GetDocument(&down, get);
  pb::GetDocumentResponse resp;
  ASSERT_TRUE(reader->Read(&resp));
  ASSERT_TRUE(resp.has_info());
  EXPECT_EQ(resp.info().ref().sha256(), ref.sha256());
  EXPECT_EQ(resp.info().metadata().file_name(), "rekaman-kehadiran.bin");
  int64_t received = 0;
  while (reader->Read(&resp)) received += resp.chunk().size();
  EXPECT_TRUE(reader->Finish().ok());
  EXPECT_EQ(received, kSize);

  // The server streamed 50 MB each way without holding it.
  const long peak = ProcKb((*server)->pid(), "VmHWM");
  EXPECT_LT(peak - rss_before, 32 * 1024) << "server peak RSS grew from " << rss_before << " to " << peak << " KiB";

  // A flipped byte on disk: the download refuses to serve it.
  const std::string tmp = std::getenv("DISCIPLINE_TEST_TMP");
  const std::string object =
      absl::StrFormat("%s/documents-%s/objects/%s/%s", tmp, (*db)->name(), ref.sha256().substr(0, 2), ref.sha256());
  {
    std::fstream f(object, std::ios::in | std::ios::out | std::ios::binary);
    ASSERT_TRUE(f.good()) << object;
    f.seekp(12345);
    f.put('\x7f');
  }
  grpc::ClientContext again;
  ::discipline::testing::AddToken(again, "199208222019032003", "KOTA-CONTOH", {"operator"});
  auto broken = stub->GetDocument(&again, get);
  while (broken->Read(&resp)) {
  }
  EXPECT_EQ(broken->Finish().error_code(), grpc::StatusCode::DATA_LOSS);
}

TEST(DocumentE2eTest, UploadWithoutMetadataIsInvalid) {
  auto db = TestDatabase::Create();
  ASSERT_TRUE(db.ok()) << db.status();
  auto server = ServerProcess::Start(**db);
  ASSERT_TRUE(server.ok()) << server.status();
  auto stub = pb::DocumentService::NewStub((*server)->Channel());
  grpc::ClientContext ctx;
  ::discipline::testing::AddToken(ctx, "199208222019032003", "KOTA-CONTOH", {"operator"});
  pb::DocumentRef ref;
  auto writer = stub->UploadDocument(&ctx, &ref);
  pb::UploadDocumentRequest chunk;
  chunk.set_chunk("no metadata first");
  writer->Write(chunk);
  writer->WritesDone();
  EXPECT_EQ(writer->Finish().error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

// Files under `dir` (recursively), for the store's objects, metadata and
// spool.
int FilesUnder(const std::string& dir) {
  int n = 0;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    n += it->is_regular_file();
  }
  return n;
}

// An upload cancelled after 200 KB of a larger file is not truncated
// evidence: nothing is stored, and its spool is removed.
TEST(DocumentE2eTest, CancelledUploadIsNotCommitted) {
  auto db = TestDatabase::Create();
  ASSERT_TRUE(db.ok()) << db.status();
  auto server = ServerProcess::Start(**db);
  ASSERT_TRUE(server.ok()) << server.status();
  const std::string store_dir = absl::StrCat(std::getenv("DISCIPLINE_TEST_TMP"), "/documents-", (*db)->name());
  auto stub = pb::DocumentService::NewStub((*server)->Channel());
  for (int round = 0; round < 5; ++round) {
    grpc::ClientContext ctx;
    ::discipline::testing::AddToken(ctx, "199208222019032003", "KOTA-CONTOH", {"operator"});
    pb::DocumentRef ref;
    auto writer = stub->UploadDocument(&ctx, &ref);
    pb::UploadDocumentRequest m;
    m.mutable_metadata()->set_kind(pb::DOCUMENT_KIND_BUKTI);
    m.mutable_metadata()->set_file_name("rekaman.bin");
    ASSERT_TRUE(writer->Write(m));
    pb::UploadDocumentRequest chunk;
    chunk.set_chunk(std::string(50'000, 'x'));
    for (int i = 0; i < 4; ++i) ASSERT_TRUE(writer->Write(chunk));  // 200 KB of a larger file
    absl::SleepFor(absl::Milliseconds(100));
    ctx.TryCancel();
    const grpc::Status s = writer->Finish();
    EXPECT_EQ(s.error_code(), grpc::StatusCode::CANCELLED) << round;
    EXPECT_TRUE(ref.document_id().empty()) << round;
  }
  // The spool is removed once the call ends; nothing else was written.
  const absl::Time deadline = absl::Now() + absl::Seconds(5);
  while (FilesUnder(store_dir) > 0 && absl::Now() < deadline) absl::SleepFor(absl::Milliseconds(50));
  EXPECT_EQ(FilesUnder(store_dir), 0) << "a cancelled upload left files in " << store_dir;

  // An announced size that the bytes do not reach is refused too.
  grpc::ClientContext ctx;
  ::discipline::testing::AddToken(ctx, "199208222019032003", "KOTA-CONTOH", {"operator"});
  pb::DocumentRef ref;
  auto writer = stub->UploadDocument(&ctx, &ref);
  pb::UploadDocumentRequest m;
  m.mutable_metadata()->set_kind(pb::DOCUMENT_KIND_BUKTI);
  m.mutable_metadata()->set_file_name("rekaman.bin");
  m.mutable_metadata()->set_size_bytes(1'000'000);
  ASSERT_TRUE(writer->Write(m));
  pb::UploadDocumentRequest chunk;
  chunk.set_chunk(std::string(200'000, 'x'));
  ASSERT_TRUE(writer->Write(chunk));
  writer->WritesDone();
  EXPECT_EQ(writer->Finish().error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(FilesUnder(store_dir), 0);
}

grpc::Status Upload(pb::DocumentService::Stub& stub, const std::string& nip, const std::string& case_id, size_t bytes) {
  grpc::ClientContext ctx;
  ::discipline::testing::AddToken(ctx, nip, "KOTA-CONTOH", {"operator"});
  pb::DocumentRef ref;
  auto writer = stub.UploadDocument(&ctx, &ref);
  pb::UploadDocumentRequest m;
  m.mutable_metadata()->set_kind(pb::DOCUMENT_KIND_BUKTI);
  m.mutable_metadata()->set_file_name("bukti.bin");
  m.mutable_metadata()->set_case_id(case_id);
  writer->Write(m);
  pb::UploadDocumentRequest chunk;
  chunk.set_chunk(std::string(bytes, static_cast<char>('a' + (bytes % 26))) + nip + case_id);
  writer->Write(chunk);
  writer->WritesDone();
  return writer->Finish();
}

// The upload quotas (documents { max_documents_per_case
// max_bytes_per_caller_per_day }): the upload past a quota is refused with
// RESOURCE_EXHAUSTED and not stored; another caller has a quota of its own.
TEST(DocumentE2eTest, UploadQuotasPerCaseAndPerCaller) {
  auto db = TestDatabase::Create();
  ASSERT_TRUE(db.ok()) << db.status();
  auto server = ServerProcess::Start(**db, {}, "max_documents_per_case: 2 max_bytes_per_caller_per_day: 5000");
  ASSERT_TRUE(server.ok()) << server.status();
  auto cases = pb::CaseService::NewStub((*server)->Channel());
  pb::FileCaseRequest file;
  file.set_request_id("quota-1");
  file.set_agency_code("KOTA-CONTOH");
  file.set_employee_nip("199006052015031005");
  file.set_source(pb::SOURCE_APIP);
  file.add_allegations()->set_provision_id("PP94.3.d");
  file.set_received_on("2026-11-02");
  pb::Case filed;
  grpc::ClientContext fctx;
  ::discipline::testing::AddToken(fctx, "199208222019032003", "KOTA-CONTOH", {"operator"});
  ASSERT_TRUE(cases->FileCase(&fctx, file, &filed).ok());
  auto stub = pb::DocumentService::NewStub((*server)->Channel());
  const std::string operator_nip = "199208222019032003";
  EXPECT_TRUE(Upload(*stub, operator_nip, filed.case_id(), 100).ok());
  EXPECT_TRUE(Upload(*stub, operator_nip, filed.case_id(), 200).ok());
  EXPECT_EQ(Upload(*stub, operator_nip, filed.case_id(), 300).error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  // Per caller, in 24 hours: 300 bytes so far, 4,000 more fit, 1,000 more do not.
  EXPECT_TRUE(Upload(*stub, operator_nip, "", 4000).ok());
  EXPECT_EQ(Upload(*stub, operator_nip, "", 1000).error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  // Another operator uploads on its own quota.
  EXPECT_TRUE(Upload(*stub, "199501302020121006", "", 1000).ok());
}

TEST(DocumentE2eTest, DocumentServerDownAtStartDoesNotStopTheService) {
  auto db = TestDatabase::Create();
  ASSERT_TRUE(db.ok()) << db.status();
  const std::string config =
      absl::StrCat(std::getenv("DISCIPLINE_TEST_TMP"), "/webdav-down-", (*db)->name(), ".textproto");
  std::ofstream(config) << "documents { webdav { base_url: \"http://127.0.0.1:" << testing::FreeLoopbackPort()
                        << "/dav/discipline/\" connect_timeout_seconds: 2 } }\n"
                        << testing::IdentityConfig();
  auto server = ServerProcess::Start(**db, {"--config=" + config});
  ASSERT_TRUE(server.ok()) << server.status();
  // Documents answer that their server is down ...
  auto stub = pb::DocumentService::NewStub((*server)->Channel());
  grpc::ClientContext ctx;
  ::discipline::testing::AddToken(ctx, "199208222019032003", "KOTA-CONTOH", {"operator"});
  pb::DocumentRef ref;
  auto writer = stub->UploadDocument(&ctx, &ref);
  pb::UploadDocumentRequest m;
  m.mutable_metadata()->set_kind(pb::DOCUMENT_KIND_BAP);
  m.mutable_metadata()->set_file_name("bap.pdf");
  ASSERT_TRUE(writer->Write(m));
  pb::UploadDocumentRequest chunk;
  chunk.set_chunk("%PDF-1.4 BAP");
  ASSERT_TRUE(writer->Write(chunk));
  writer->WritesDone();
  EXPECT_EQ(writer->Finish().error_code(), grpc::StatusCode::UNAVAILABLE);
  // ... while the cases are served.
  auto cases = pb::CaseService::NewStub((*server)->Channel());
  grpc::ClientContext get;
  ::discipline::testing::AddToken(get, "199208222019032003", "KOTA-CONTOH", {"operator"});
  pb::GetCaseRequest req;
  req.set_case_id("nosuchcase");
  pb::Case out;
  EXPECT_EQ(cases->GetCase(&get, req, &out).error_code(), grpc::StatusCode::NOT_FOUND);
}

}  // namespace
}  // namespace discipline
