// e2e (label security): the attacks on the documents and the HTTP edge,
// each replayed against the real server, its gateway and MariaDB (api.md,
// "Safe edges"):
//  - stored XSS through a document: an HTML or script upload is served as an
//    inert attachment; a file name with CR/LF (which made cpp-httplib drop
//    the Content-Disposition header) or a path separator is refused;
//  - cross-site writes: a text/plain or form body is 415, another site's
//    Origin is 403, while the gateway's own origin and the allow-list work;
//  - the report letter (DOCUMENT_KIND_LAPORAN) names the reporter: intake
//    only, and every document read is an audit event on the case's chain;
//  - a cancelled upload leaves no document behind.

#include <arpa/inet.h>
#include <grpcpp/client_context.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <map>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "adapters/mariadb/connection.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/case_e2e.h"

namespace discipline {
namespace {

namespace pb = ::asn::discipline::v1;
using ::grpc::StatusCode;
using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr char kOwn[] = "KOTA-CONTOH";
constexpr char kOther[] = "PROV-CONTOH";
constexpr char kAllowedOrigin[] = "https://intranet.kota-contoh.go.id";
// The demo personnel of KOTA-CONTOH each role's token names.
const std::map<std::string, std::string> kNipOf = {{"operator", "199208222019032003"},
                                                   {"intake", "199501302020121006"},
                                                   {"examiner", "197802142003121003"},
                                                   {"official", "198009092005012002"},
                                                   {"ppk", ""},
                                                   {"auditor", "198604182011012004"},
                                                   {"supervisor", "197407071999031008"}};

// Files under `dir` (the document store: objects, metadata, spool).
int FilesUnder(const std::string& dir) {
  int n = 0;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    n += it->is_regular_file();
  }
  return n;
}

class SecurityE2eTest : public ::discipline::testing::CaseE2eTest {
 protected:
  SecurityE2eTest() {
    with_http_ = true;
    top_config_ = absl::StrCat("http { cors_origins: \"", kAllowedOrigin, "\" }");
  }
  void SetUp() override {
    CaseE2eTest::SetUp();
    http_ = std::make_unique<httplib::Client>("127.0.0.1", http_port_);
    http_->set_read_timeout(20, 0);
    docs_ = pb::DocumentService::NewStub(server_->Channel());
    store_dir_ = absl::StrCat(std::getenv("DISCIPLINE_TEST_TMP"), "/documents-", db_->name());
  }

  httplib::Headers Http(const std::string& role, const std::string& agency = kOwn) {
    auto issuer = testing::DemoIssuer();
    return {{"Authorization",
             "Bearer " + (*issuer)->Mint(kNipOf.at(role), "Pengguna Uji", agency, std::vector<std::string>{role})}};
  }
  std::unique_ptr<grpc::ClientContext> As(const std::string& role, const std::string& agency = kOwn) {
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(20)));
    testing::AddToken(*ctx, kNipOf.at(role), agency, {role});
    return ctx;
  }

  // Uploads `content` over gRPC as `role`.
  grpc::Status Upload(const std::string& role, pb::DocumentKind kind, const std::string& file_name,
                      const std::string& media_type, const std::string& content, const std::string& case_id,
                      pb::DocumentRef* ref) {
    auto ctx = As(role);
    auto writer = docs_->UploadDocument(ctx.get(), ref);
    pb::UploadDocumentRequest m;
    m.mutable_metadata()->set_kind(kind);
    m.mutable_metadata()->set_file_name(file_name);
    m.mutable_metadata()->set_media_type(media_type);
    m.mutable_metadata()->set_case_id(case_id);
    writer->Write(m);
    pb::UploadDocumentRequest chunk;
    chunk.set_chunk(content);
    writer->Write(chunk);
    writer->WritesDone();
    return writer->Finish();
  }

  // GetDocument over gRPC as `role` of `agency`: the status, and the bytes.
  grpc::Status Read(const std::string& role, const std::string& agency, const std::string& id,
                    std::string* bytes = nullptr, pb::DocumentInfo* info = nullptr) {
    auto ctx = As(role, agency);
    pb::GetDocumentRequest get;
    get.set_document_id(id);
    auto reader = docs_->GetDocument(ctx.get(), get);
    pb::GetDocumentResponse part;
    while (reader->Read(&part)) {
      if (part.has_info() && info != nullptr) *info = part.info();
      if (bytes != nullptr) *bytes += part.chunk();
    }
    return reader->Finish();
  }

  // The events of a case's history, read by its auditor.
  std::vector<pb::AuditEvent> History(const std::string& case_id) {
    pb::GetCaseHistoryRequest h;
    h.set_case_id(case_id);
    pb::GetCaseHistoryResponse out;
    const grpc::Status s = audit_->GetCaseHistory(As("auditor").get(), h, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return {out.events().begin(), out.events().end()};
  }
  bool ChainValid(const std::string& case_id) {
    pb::VerifyCaseHistoryRequest v;
    v.set_case_id(case_id);
    pb::VerifyCaseHistoryResponse out;
    return audit_->VerifyCaseHistory(As("auditor").get(), v, &out).ok() && out.valid();
  }

  // A case of KOTA-CONTOH with a sealed reporter.
  pb::Case Filed(const std::string& request_id) {
    pb::FileCaseRequest file;
    file.set_request_id(request_id);
    file.set_agency_code(kOwn);
    file.set_employee_nip("199006052015031005");
    file.set_source(pb::SOURCE_ATASAN_LANGSUNG);
    file.set_reporter("Pelapor Rahasia");
    auto* a = file.add_allegations();
    a->set_provision_id("PP94.4.f");
    a->set_absence_days(5);
    file.set_received_on("2026-11-02");
    return Must(&pb::CaseService::Stub::FileCase, file);
  }

  int CasesFiled() {
    pb::ListCasesResponse out;
    EXPECT_TRUE(cases_->ListCases(Ctx().get(), pb::ListCasesRequest(), &out).ok());
    return out.cases_size();
  }

  std::unique_ptr<httplib::Client> http_;
  std::unique_ptr<pb::DocumentService::Stub> docs_;
  std::string store_dir_;
};

// The head of a GET's answer, as the bytes on the wire.
std::string RawHead(int port, const std::string& path, const httplib::Headers& headers) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (fd < 0 || connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
    if (fd >= 0) close(fd);
    return "";
  }
  std::string request = absl::StrCat("GET ", path, " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
  for (const auto& [k, v] : headers) absl::StrAppend(&request, k, ": ", v, "\r\n");
  request += "\r\n";
  (void)!write(fd, request.data(), request.size());
  std::string answer;
  char buf[4096];
  for (ssize_t n; (n = read(fd, buf, sizeof(buf))) > 0 && answer.find("\r\n\r\n") == std::string::npos;) {
    answer.append(buf, static_cast<size_t>(n));
  }
  close(fd);
  return answer.substr(0, answer.find("\r\n\r\n") + 2);
}

constexpr char kFiling[] = R"({"requestId":"s-1","agencyCode":"KOTA-CONTOH","employeeNip":"199006052015031005",
  "source":"SOURCE_APIP","allegations":[{"provisionId":"PP94.4.f","absenceDays":5}],"receivedOn":"2026-11-02"})";

// Finding 1: an operator uploads text/html (or text/javascript, which the
// pages' script-src 'self' would run). Downloaded over HTTP it is an
// attachment of type application/octet-stream, not sniffed, sandboxed and not
// cached: no browser renders or runs it.
TEST_F(SecurityE2eTest, HtmlOrScriptUploadIsServedAsAnInertAttachment) {
  const std::string html = "<html><script>fetch('/v1/cases').then(r=>r.text()).then(alert)</script></html>";
  for (const char* type : {"text/html", "text/javascript", "image/svg+xml", "TEXT/HTML; charset=utf-8"}) {
    pb::DocumentRef ref;
    ASSERT_TRUE(Upload("operator", pb::DOCUMENT_KIND_BUKTI, "bukti.html", type, html, "", &ref).ok()) << type;
    auto got = http_->Get(("/v1/documents/" + ref.document_id()).c_str(), Http("operator"));
    ASSERT_TRUE(got);
    ASSERT_EQ(got->status, 200) << got->body;
    EXPECT_EQ(got->body, html);
    EXPECT_EQ(got->get_header_value("Content-Type"), "application/octet-stream") << type;
    EXPECT_THAT(got->get_header_value("Content-Disposition"), StartsWith("attachment;")) << type;
    EXPECT_THAT(got->get_header_value("Content-Disposition"), HasSubstr("filename*=UTF-8''bukti.html"));
    EXPECT_EQ(got->get_header_value("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(got->get_header_value("Cache-Control"), "no-store");
    // The document's policy alone: the pages' own (script-src 'self') is not
    // added beside it.
    EXPECT_EQ(got->get_header_value_count("Content-Security-Policy"), 1u);
    EXPECT_EQ(got->get_header_value("Content-Security-Policy"), "sandbox");
    // The gRPC answer names the type it is served as.
    pb::DocumentInfo info;
    ASSERT_TRUE(Read("operator", kOwn, ref.document_id(), nullptr, &info).ok());
    EXPECT_EQ(info.metadata().media_type(), "application/octet-stream");
  }
  // An allow-listed type keeps its type; a UTF-8 name is in filename*, with
  // an ASCII fallback.
  pb::DocumentRef pdf;
  ASSERT_TRUE(Upload("operator", pb::DOCUMENT_KIND_BAP, "BAP – Pemeriksaan \"ke-1\".pdf", "Application/PDF",
                     "%PDF-1.4 BAP", "", &pdf)
                  .ok());
  auto got = http_->Get(("/v1/documents/" + pdf.document_id()).c_str(), Http("operator"));
  ASSERT_EQ(got->status, 200) << got->body;
  EXPECT_EQ(got->get_header_value("Content-Type"), "application/pdf");
  EXPECT_EQ(got->get_header_value("Content-Security-Policy"), "sandbox");
  // As sent (cpp-httplib's client percent-decodes header values).
  const std::string raw = RawHead(http_port_, "/v1/documents/" + pdf.document_id(), Http("operator"));
  EXPECT_THAT(raw, HasSubstr("\r\nContent-Disposition: attachment; filename=\"BAP ___ Pemeriksaan _ke-1_.pdf\"; "
                             "filename*=UTF-8''BAP%20%E2%80%93%20Pemeriksaan%20%22ke-1%22.pdf\r\n"));
}

// Finding 1: a file name with CR/LF would make the gateway drop the
// download's Content-Disposition (cpp-httplib's CVE-2023-26130 fix); with a
// path separator it names a place. INVALID_ARGUMENT file_name at the upload,
// and nothing is stored.
TEST_F(SecurityE2eTest, FileNameWithControlCharacterOrPathSeparatorIsRefused) {
  for (const std::string& name :
       {std::string("laporan.pdf\r\nContent-Type: text/html"), std::string("a\nb.pdf"), std::string("tab\t.pdf"),
        std::string("del\x7f.pdf"), std::string("nul\0.pdf", 8), std::string("c1-\xc2\x85.pdf"),
        std::string("../../etc/passwd"), std::string("dir/bap.pdf"), std::string("C:\\bap.pdf")}) {
    pb::DocumentRef ref;
    const grpc::Status s = Upload("operator", pb::DOCUMENT_KIND_BUKTI, name, "text/html", "<b>x</b>", "", &ref);
    EXPECT_EQ(s.error_code(), StatusCode::INVALID_ARGUMENT) << name;
    EXPECT_THAT(s.error_message(), HasSubstr("file_name")) << name;
    EXPECT_TRUE(ref.document_id().empty()) << name;
  }
  EXPECT_EQ(FilesUnder(store_dir_), 0) << "a refused upload left files in " << store_dir_;
}

// Finding 3: a page of another site can POST text/plain or a form without a
// preflight, and the intranet's proxy adds the official's identity. Writes
// need application/json (415 otherwise); nothing is filed.
TEST_F(SecurityE2eTest, WritesWithoutJsonContentTypeAre415) {
  for (const char* type_c : {"text/plain", "text/plain; charset=utf-8", "application/x-www-form-urlencoded",
                             "multipart/form-data; boundary=x", "application/jsonp", ""}) {
    const std::string type = type_c;
    httplib::Request req;
    req.method = "POST";
    req.path = "/v1/cases";
    req.headers = Http("operator");
    if (!type.empty()) req.headers.emplace("Content-Type", type);
    req.body = kFiling;
    auto r = http_->send(req);
    ASSERT_TRUE(r) << type;
    EXPECT_EQ(r->status, 415) << type << ": " << r->body;
    EXPECT_THAT(r->body, HasSubstr("application/json")) << type;
  }
  EXPECT_EQ(CasesFiled(), 0);
  // JSON, with its charset parameter, is served.
  auto ok = http_->Post("/v1/cases", Http("operator"), kFiling, "application/json; charset=UTF-8");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200) << ok->body;
  EXPECT_EQ(CasesFiled(), 1);
}

// Finding 3: with the official's identity added by the proxy, a write whose
// Origin is another site (or whose Sec-Fetch-Site says cross-site) is 403
// and changes nothing; the gateway's own origin and the configured
// allow-list (http { cors_origins }) write as before.
TEST_F(SecurityE2eTest, CrossOriginWritesAre403AndOwnOriginWrites) {
  const pb::Case c = Filed("s-origin");
  auto with = [&](std::vector<std::pair<std::string, std::string>> extra) {
    httplib::Headers h = Http("operator");
    for (auto& [k, v] : extra) h.emplace(k, v);
    return h;
  };
  const std::string close = absl::StrCat(R"({"requestId":"s-close","version":)", c.version(),
                                         R"(,"reason":"Pegawai meninggal dunia","terminated":true,)"
                                         R"("terminationReason":"TERMINATION_REASON_DIED"})");
  const std::string path = "/v1/cases/" + c.case_id() + ":close";
  for (const auto& headers :
       {with({{"Origin", "https://penyerang.example"}}), with({{"Origin", "null"}}),
        with({{"Origin", "http://127.0.0.1.penyerang.example"}}), with({{"Sec-Fetch-Site", "cross-site"}}),
        with({{"Origin", "https://penyerang.example"}, {"Sec-Fetch-Site", "cross-site"}})}) {
    for (const std::string& p : {path, std::string("/v1/cases")}) {
      auto r = http_->Post(p.c_str(), headers, p == path ? close : kFiling, "application/json");
      ASSERT_TRUE(r);
      EXPECT_EQ(r->status, 403) << p << ": " << r->body;
      EXPECT_THAT(r->body, HasSubstr("Origin"));
    }
  }
  pb::GetCaseRequest get;
  get.set_case_id(c.case_id());
  EXPECT_EQ(Must(&pb::CaseService::Stub::GetCase, get).state(), pb::CASE_STATE_RECEIVED);
  EXPECT_EQ(CasesFiled(), 1);

  // The gateway's own origin (as the browser addressed it), and the
  // allow-listed intranet.
  const std::string own = absl::StrCat("http://127.0.0.1:", http_port_);
  auto filed =
      http_->Post("/v1/cases", with({{"Origin", own}, {"Sec-Fetch-Site", "same-origin"}}), kFiling, "application/json");
  ASSERT_TRUE(filed);
  EXPECT_EQ(filed->status, 200) << filed->body;
  auto closed = http_->Post(path.c_str(), with({{"Origin", kAllowedOrigin}, {"Sec-Fetch-Site", "cross-site"}}), close,
                            "application/json");
  ASSERT_TRUE(closed);
  EXPECT_EQ(closed->status, 200) << closed->body;
  // The write went through: the termination is requested, waiting for the
  // PPK's confirmation (separation of duties).
  EXPECT_EQ(Must(&pb::CaseService::Stub::GetCase, get).pending_action().kind(), pb::CASE_ACTION_KIND_TERMINATE);
  // Reads are not writes: another origin's GET is answered (CORS keeps the
  // answer from its page), with no-store.
  auto read = http_->Get(("/v1/cases/" + c.case_id()).c_str(), with({{"Origin", "https://penyerang.example"}}));
  ASSERT_TRUE(read);
  EXPECT_EQ(read->status, 200);
  EXPECT_FALSE(read->has_header("Access-Control-Allow-Origin"));
  EXPECT_EQ(read->get_header_value("Cache-Control"), "no-store");
  auto history = http_->Get(("/v1/cases/" + c.case_id() + "/history:export").c_str(), Http("auditor"));
  ASSERT_TRUE(history);
  EXPECT_EQ(history->status, 200);
  EXPECT_EQ(history->get_header_value("Cache-Control"), "no-store");
}

// Finding 4: the report letter names the reporter, so it is sealed like the
// reporter (api.md, "Safe edges"): every role of the agency but intake, and
// BKN's supervisor, is refused (PERMISSION_DENIED, 403); another agency's
// intake gets NOT_FOUND (the document is not revealed); intake reads it, and
// each read is an audit event on the case's chain.
TEST_F(SecurityE2eTest, ReportLetterIsReadOnlyByIntakeAndEachReadIsAudited) {
  const pb::Case c = Filed("s-laporan");
  const std::string letter = "%PDF-1.4 Laporan: pelapor Pelapor Rahasia";
  pb::DocumentRef ref;
  ASSERT_TRUE(
      Upload("intake", pb::DOCUMENT_KIND_LAPORAN, "laporan.pdf", "application/pdf", letter, c.case_id(), &ref).ok());
  const std::string path = "/v1/documents/" + ref.document_id();
  for (const char* role : {"operator", "examiner", "official", "ppk", "auditor", "supervisor"}) {
    std::string bytes;
    const grpc::Status s = Read(role, kOwn, ref.document_id(), &bytes);
    EXPECT_EQ(s.error_code(), StatusCode::PERMISSION_DENIED) << role;
    EXPECT_EQ(bytes, "") << role;
    auto r = http_->Get(path.c_str(), Http(role));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 403) << role;
    EXPECT_THAT(r->body, ::testing::Not(HasSubstr("Pelapor Rahasia"))) << role;
  }
  EXPECT_EQ(Read("supervisor", "BKN", ref.document_id()).error_code(), StatusCode::PERMISSION_DENIED);
  // Another agency: as a document that does not exist, word for word.
  const grpc::Status hidden = Read("intake", kOther, ref.document_id());
  const grpc::Status missing = Read("intake", kOther, "doc-0000000000aaaaaaaaaa");
  EXPECT_EQ(hidden.error_code(), StatusCode::NOT_FOUND);
  EXPECT_EQ(missing.error_code(), StatusCode::NOT_FOUND);
  EXPECT_EQ(hidden.error_message(), "document_id: no document " + ref.document_id());
  EXPECT_EQ(Read("operator", kOther, ref.document_id()).error_code(), StatusCode::NOT_FOUND);
  // No refused read is on the chain.
  for (const auto& e : History(c.case_id())) EXPECT_NE(e.action(), "GetDocument");

  // Intake reads it, over gRPC and over HTTP: two audited reads.
  std::string bytes;
  ASSERT_TRUE(Read("intake", kOwn, ref.document_id(), &bytes).ok());
  EXPECT_EQ(bytes, letter);
  auto r = http_->Get(path.c_str(), Http("intake"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(r->body, letter);
  int reads = 0;
  for (const auto& e : History(c.case_id())) {
    if (e.action() != "GetDocument") continue;
    ++reads;
    EXPECT_THAT(e.actor(), HasSubstr(kNipOf.at("intake")));
    EXPECT_THAT(e.actor(), HasSubstr("intake"));
    EXPECT_THAT(e.payload_json(), HasSubstr(ref.document_id()));
    EXPECT_THAT(e.payload_json(), HasSubstr("DOCUMENT_KIND_LAPORAN"));
    EXPECT_THAT(e.payload_json(), HasSubstr(ref.sha256()));
  }
  EXPECT_EQ(reads, 2);
  EXPECT_TRUE(ChainValid(c.case_id()));
}

// GetCase lists the case's documents by name, kind and size (the pages show
// the evidence so): the report, whose file name may name the reporter, is
// listed to intake only, like its read; listing reads no document, so it is
// no audit event.
TEST_F(SecurityE2eTest, CaseDocumentsAreListedByNameAndKindTheReportToIntakeOnly) {
  pb::DocumentRef laporan, bukti;
  ASSERT_TRUE(Upload("intake", pb::DOCUMENT_KIND_LAPORAN, "laporan Pelapor Rahasia.pdf", "application/pdf",
                     "%PDF-1.4 laporan", "", &laporan)
                  .ok());
  ASSERT_TRUE(
      Upload("intake", pb::DOCUMENT_KIND_BUKTI, "rekap-absensi.pdf", "application/pdf", "%PDF-1.4 rekap", "", &bukti)
          .ok());
  pb::FileCaseRequest file;
  file.set_request_id("s-listed");
  file.set_agency_code(kOwn);
  file.set_employee_nip("199006052015031005");
  file.set_source(pb::SOURCE_PENGADUAN_MASYARAKAT);
  file.set_reporter("Pelapor Rahasia");
  auto* a = file.add_allegations();
  a->set_provision_id("PP94.4.f");
  a->set_absence_days(5);
  file.set_received_on("2026-11-02");
  file.add_document_ids(laporan.document_id());
  file.add_document_ids(bukti.document_id());
  pb::Case filed;
  ASSERT_TRUE(cases_->FileCase(As("intake").get(), file, &filed).ok());

  pb::GetCaseRequest get;
  get.set_case_id(filed.case_id());
  for (const char* role : {"operator", "examiner", "auditor"}) {
    pb::Case c;
    ASSERT_TRUE(cases_->GetCase(As(role).get(), get, &c).ok()) << role;
    ASSERT_EQ(c.documents_size(), 1) << role;
    EXPECT_EQ(c.documents(0).ref().document_id(), bukti.document_id()) << role;
    EXPECT_EQ(c.documents(0).metadata().file_name(), "rekap-absensi.pdf") << role;
    EXPECT_EQ(c.documents(0).metadata().kind(), pb::DOCUMENT_KIND_BUKTI) << role;
    EXPECT_EQ(c.documents(0).ref().size_bytes(), 14) << role;
    EXPECT_THAT(c.DebugString(), ::testing::Not(HasSubstr("Pelapor Rahasia"))) << role;
  }
  pb::Case seen;
  ASSERT_TRUE(cases_->GetCase(As("intake").get(), get, &seen).ok());
  ASSERT_EQ(seen.documents_size(), 2);
  EXPECT_EQ(seen.documents(0).metadata().kind(), pb::DOCUMENT_KIND_LAPORAN);
  EXPECT_EQ(seen.documents(0).metadata().file_name(), "laporan Pelapor Rahasia.pdf");
  for (const auto& e : History(filed.case_id())) EXPECT_NE(e.action(), "GetDocument");
}

// Finding 4: a read of any other document of a case is an audit event too
// (who viewed a disciplinary file: UU 27/2022 on personal data protection),
// by whoever may read the case; the case itself does not change.
TEST_F(SecurityE2eTest, EveryDocumentReadIsAnAuditEventOnTheCasesChain) {
  const pb::Case c = Filed("s-bukti");
  pb::DocumentRef ref;
  ASSERT_TRUE(Upload("operator", pb::DOCUMENT_KIND_BUKTI, "rekap-absensi.pdf", "application/pdf", "%PDF-1.4 rekap",
                     c.case_id(), &ref)
                  .ok());
  const size_t before = History(c.case_id()).size();
  ASSERT_TRUE(Read("auditor", kOwn, ref.document_id()).ok());
  ASSERT_TRUE(Read("supervisor", "BKN", ref.document_id()).ok());
  auto r = http_->Get(("/v1/documents/" + ref.document_id()).c_str(), Http("official"));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  // Another agency's reader is refused, and not recorded.
  EXPECT_EQ(Read("auditor", kOther, ref.document_id()).error_code(), StatusCode::NOT_FOUND);
  const auto events = History(c.case_id());
  ASSERT_EQ(events.size(), before + 3);
  std::vector<std::string> readers;
  for (size_t i = before; i < events.size(); ++i) {
    EXPECT_EQ(events[i].action(), "GetDocument");
    EXPECT_THAT(events[i].payload_json(), HasSubstr(ref.document_id()));
    EXPECT_THAT(events[i].payload_json(), HasSubstr(ref.sha256()));
    EXPECT_THAT(events[i].payload_json(), HasSubstr("DOCUMENT_KIND_BUKTI"));
    readers.push_back(events[i].actor());
  }
  EXPECT_THAT(readers[0], HasSubstr(kNipOf.at("auditor")));
  EXPECT_THAT(readers[1], HasSubstr(kNipOf.at("supervisor")));
  EXPECT_THAT(readers[2], HasSubstr(kNipOf.at("official")));
  pb::GetCaseRequest get;
  get.set_case_id(c.case_id());
  EXPECT_EQ(Must(&pb::CaseService::Stub::GetCase, get).version(), c.version());
  EXPECT_TRUE(ChainValid(c.case_id()));
}

// Finding 4, for a document uploaded before its case exists (the report
// attached at the filing): no case chain to append to, so each granted read
// is a row of the document_reads trail (migration 0014); the report is still
// intake's only.
TEST_F(SecurityE2eTest, ReadsOfADocumentWithoutACaseAreOnTheReadTrail) {
  pb::DocumentRef laporan, bukti;
  ASSERT_TRUE(
      Upload("intake", pb::DOCUMENT_KIND_LAPORAN, "laporan.pdf", "application/pdf", "%PDF-1.4 laporan", "", &laporan)
          .ok());
  ASSERT_TRUE(Upload("operator", pb::DOCUMENT_KIND_BUKTI, "foto.jpg", "image/jpeg", "\xff\xd8 foto", "", &bukti).ok());
  for (const char* role : {"operator", "examiner", "official", "ppk", "auditor", "supervisor"}) {
    EXPECT_EQ(Read(role, kOwn, laporan.document_id()).error_code(), StatusCode::PERMISSION_DENIED) << role;
  }
  EXPECT_EQ(Read("intake", kOther, laporan.document_id()).error_code(), StatusCode::NOT_FOUND);
  EXPECT_EQ(Read("auditor", kOther, bukti.document_id()).error_code(), StatusCode::NOT_FOUND);
  ASSERT_TRUE(Read("intake", kOwn, laporan.document_id()).ok());
  ASSERT_TRUE(Read("auditor", kOwn, bukti.document_id()).ok());
  auto r = http_->Get(("/v1/documents/" + bukti.document_id()).c_str(), Http("ppk"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200) << r->body;

  auto owner = mariadb::Connection::Open(db_->Owner());
  ASSERT_TRUE(owner.ok()) << owner.status();
  auto rows =
      (*owner)->Query("SELECT document_id, agency_code, kind, sha256, actor FROM document_reads ORDER BY read_id", {});
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), 3u) << "only the granted reads are recorded";
  EXPECT_EQ((*rows)[0][0].value_or(""), laporan.document_id());
  EXPECT_EQ((*rows)[0][1].value_or(""), kOwn);
  EXPECT_EQ((*rows)[0][2].value_or(""), "1");  // DOCUMENT_KIND_LAPORAN
  EXPECT_EQ((*rows)[0][3].value_or(""), laporan.sha256());
  EXPECT_THAT((*rows)[0][4].value_or(""), HasSubstr(kNipOf.at("intake")));
  EXPECT_EQ((*rows)[1][0].value_or(""), bukti.document_id());
  EXPECT_THAT((*rows)[1][4].value_or(""), HasSubstr(kNipOf.at("auditor")));
  EXPECT_EQ((*rows)[2][0].value_or(""), bukti.document_id());
  EXPECT_THAT((*rows)[2][4].value_or(""), HasSubstr("ppk:KOTA-CONTOH"));
}

// Finding 6: a client sends the metadata and 300 KB, then cancels without
// closing the stream. Only a stream the client completed is committed: no
// document metadata, no stored object, no upload record remains. (Run it
// with --repeat until-fail:50: the race was lost in two runs of three. With
// neither of the server's two guards, the completed-stream check and the
// cancellation flag, this test finds the cancelled uploads stored.)
TEST_F(SecurityE2eTest, CancelledUploadLeavesNoDocument) {
  for (int round = 0; round < 6; ++round) {
    auto ctx = As("operator");
    pb::DocumentRef ref;
    auto writer = docs_->UploadDocument(ctx.get(), &ref);
    pb::UploadDocumentRequest m;
    m.mutable_metadata()->set_kind(pb::DOCUMENT_KIND_BUKTI);
    m.mutable_metadata()->set_file_name("rekaman.bin");
    ASSERT_TRUE(writer->Write(m));
    pb::UploadDocumentRequest chunk;
    // 300 KB in one, three or ten messages; no WritesDone.
    const int pieces = round % 3 == 0 ? 1 : round % 3 == 1 ? 3 : 10;
    chunk.set_chunk(std::string(300'000 / pieces, static_cast<char>('a' + round)));
    for (int i = 0; i < pieces; ++i) ASSERT_TRUE(writer->Write(chunk));
    ctx->TryCancel();
    const grpc::Status s = writer->Finish();
    EXPECT_EQ(s.error_code(), StatusCode::CANCELLED) << round;
    EXPECT_TRUE(ref.document_id().empty()) << round;
  }
  // The spool goes when the call ends; nothing else was ever written.
  const absl::Time deadline = absl::Now() + absl::Seconds(5);
  while (FilesUnder(store_dir_) > 0 && absl::Now() < deadline) absl::SleepFor(absl::Milliseconds(50));
  EXPECT_EQ(FilesUnder(store_dir_), 0) << "a cancelled upload left files in " << store_dir_;
  auto owner = mariadb::Connection::Open(db_->Owner());
  ASSERT_TRUE(owner.ok()) << owner.status();
  auto rows = (*owner)->Query("SELECT COUNT(*) FROM document_uploads", {});
  ASSERT_TRUE(rows.ok()) << rows.status();
  EXPECT_EQ((*rows)[0][0].value_or(""), "0");
  // A completed upload after them is stored (the store works). The client
  // sees its cancellations at once; the server ends those calls in its own
  // time, and until then they hold the caller's upload slots (at most 4 in
  // flight, RESOURCE_EXHAUSTED past that), so the upload waits for them.
  pb::DocumentRef ref;
  grpc::Status stored;
  const absl::Time slots_deadline = absl::Now() + absl::Seconds(10);
  do {
    ref.Clear();
    stored = Upload("operator", pb::DOCUMENT_KIND_BUKTI, "rekaman.bin", "", std::string(300'000, 'z'), "", &ref);
    if (stored.error_code() != StatusCode::RESOURCE_EXHAUSTED) break;
    absl::SleepFor(absl::Milliseconds(50));
  } while (absl::Now() < slots_deadline);
  ASSERT_TRUE(stored.ok()) << stored.error_code() << ": " << stored.error_message();
  EXPECT_EQ(ref.size_bytes(), 300'000);
}

}  // namespace
}  // namespace discipline
