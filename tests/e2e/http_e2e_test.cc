// e2e: the intranet's JSON/HTTP gateway of the real server (cpp-httplib),
// routes from the google.api.http annotations, calling the same gRPC
// services in-process: the happy path of every route (a case from filing to
// its remedy decision and SIASN record, a termination, both reports, the
// rules), the error shape (400 with field violations, 401, 403, 404, 409 on
// a stale version), a body too large, unknown fields, the chunked
// downloads, the security headers.

#include <httplib.h>
#include <unistd.h>

#include <cstring>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "adapters/http/gateway.h"
#include "gmock/gmock.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "tests/testing/case_e2e.h"

namespace discipline {
namespace {

namespace pb = ::asn::discipline::v1;
using ::testing::ContainsRegex;
using ::testing::HasSubstr;

google::protobuf::Struct Parse(const std::string& json) {
  google::protobuf::Struct s;
  EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(json, &s).ok()) << json.substr(0, 300);
  return s;
}

std::string Str(const google::protobuf::Struct& s, const std::string& key) {
  auto it = s.fields().find(key);
  return it == s.fields().end() ? "" : it->second.string_value();
}

class HttpE2eTest : public ::discipline::testing::CaseE2eTest {
 protected:
  HttpE2eTest() {
    with_http_ = true;
    extra_config_ = "max_upload_bytes: 1048576";
  }
  void SetUp() override {
    CaseE2eTest::SetUp();
    http_ = std::make_unique<httplib::Client>("127.0.0.1", http_port_);
    http_->set_read_timeout(20, 0);
  }
  httplib::Headers As(const std::string& nip, const std::vector<std::string>& roles,
                      const std::string& agency = "KOTA-CONTOH") {
    auto issuer = testing::DemoIssuer();
    return {{"Authorization", "Bearer " + (*issuer)->Mint(nip, "Pengguna Uji", agency, roles)}};
  }
  httplib::Headers As(const std::string& nip, const std::string& role, const std::string& agency = "KOTA-CONTOH") {
    return As(nip, std::vector<std::string>{role}, agency);
  }
  httplib::Headers Operator() { return As("199208222019032003", "operator"); }
  std::unique_ptr<httplib::Client> http_;
};

constexpr char kFiling[] = R"({"requestId":"h-1","agencyCode":"KOTA-CONTOH","employeeNip":"199006052015031005",
  "source":"SOURCE_SISTEM_KEHADIRAN","allegations":[{"provisionId":"PP94.4.f","absenceDays":12}],
  "receivedOn":"2026-11-02"})";

TEST_F(HttpE2eTest, CommonCallsAsJson) {
  auto filed = http_->Post("/v1/cases", Operator(), kFiling, "application/json");
  ASSERT_TRUE(filed);
  ASSERT_EQ(filed->status, 200) << filed->body;
  const auto c = Parse(filed->body);
  const std::string id = Str(c, "caseId");
  EXPECT_EQ(Str(c, "state"), "CASE_STATE_RECEIVED");
  EXPECT_EQ(Str(c, "registerNumber"), "HD/2026/000001");
  EXPECT_THAT(filed->get_header_value("Content-Type"), HasSubstr("application/json"));

  auto got = http_->Get(("/v1/cases/" + id).c_str(), Operator());
  ASSERT_EQ(got->status, 200) << got->body;
  EXPECT_EQ(Str(Parse(got->body), "caseId"), id);

  auto listed = http_->Get("/v1/cases?state=CASE_STATE_RECEIVED&pageSize=10", Operator());
  ASSERT_EQ(listed->status, 200) << listed->body;
  EXPECT_THAT(listed->body, HasSubstr(id));

  auto summoned = http_->Post(("/v1/cases/" + id + ":summon").c_str(), Operator(),
                              R"({"requestId":"h-2","version":1,"issuedOn":"2026-11-02","examinationOn":"2026-11-11"})",
                              "application/json");
  ASSERT_EQ(summoned->status, 200) << summoned->body;
  EXPECT_EQ(Str(Parse(summoned->body), "state"), "CASE_STATE_SUMMONED");
  // The examination of 11 Nov 2026 is an open deadline; read after it, its
  // working days left are negative (api.md: Deadline, overdue).
  EXPECT_THAT(summoned->body, ContainsRegex(R"("what":"examination","dueOn":"2026-11-11".*"workingDaysLeft":-[1-9])"));

  auto history = http_->Get(("/v1/cases/" + id + "/history").c_str(), Operator());
  ASSERT_EQ(history->status, 200) << history->body;
  EXPECT_THAT(history->body, HasSubstr("IssueSummons"));
  auto verified = http_->Get(("/v1/cases/" + id + "/history:verify").c_str(), Operator());
  ASSERT_EQ(verified->status, 200) << verified->body;
  EXPECT_THAT(verified->body, HasSubstr("\"valid\":true"));
  // The export is a chunked download, one JSON event a line.
  auto exported = http_->Get(("/v1/cases/" + id + "/history:export").c_str(), Operator());
  ASSERT_EQ(exported->status, 200) << exported->body;
  EXPECT_THAT(exported->get_header_value("Content-Type"), HasSubstr("ndjson"));
  const std::vector<std::string> lines = absl::StrSplit(exported->body, '\n', absl::SkipEmpty());
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(Str(Parse(lines[1]), "action"), "IssueSummons");

  auto assessed =
      http_->Post("/v1/rules:assess", Operator(), R"({"provisionId":"PP94.4.f","absenceDays":12})", "application/json");
  ASSERT_EQ(assessed->status, 200) << assessed->body;
  // Law reference 2.5a (KMK 5/KMK.01/2022): 12 days → the KGB deferral.
  EXPECT_EQ(Str(Parse(assessed->body), "punishment"), "PUNISHMENT_PENUNDAAN_KGB_1_TAHUN");
  auto days = http_->Get("/v1/calendar:addWorkingDays?from=2026-12-17&days=14", Operator());
  ASSERT_EQ(days->status, 200) << days->body;
  EXPECT_EQ(Str(Parse(days->body), "date"), "2027-01-12");
}

// The case's version as the JSON mapping writes an int64: a string.
std::string Version(const google::protobuf::Struct& c) { return Str(c, "version"); }

// Every case route on its happy path, through the gateway alone (the BAP is
// uploaded over gRPC: the upload is a client stream, with no HTTP route).
// Andi Saputra (pelaksana, KOTA-CONTOH), 17 days' absence: a 12-month tukin
// cut (PP 94/2021 Pasal 10; reference §1), decided by his PPK, delivered,
// objected to (keberatan) and modified to 6 months (PP 79/2021); his SIASN
// record follows the punishment in force (Pasal 39). Another case ends by
// CloseCase as terminated (confirmed by the PPK). Then both reports and the
// provisions.
TEST_F(HttpE2eTest, EveryCaseRouteOnItsHappyPath) {
  const httplib::Headers office = As(nip_, roles_);  // the PPK's office: operator and ppk
  auto post = [&](const std::string& path, const std::string& body) {
    auto r = http_->Post(path.c_str(), office, body, "application/json");
    EXPECT_TRUE(r) << path;
    EXPECT_EQ(r->status, 200) << path << ": " << r->body;
    return Parse(r->body);
  };
  auto c = post("/v1/cases", R"({"requestId":"hp-file","agencyCode":"KOTA-CONTOH","employeeNip":"199006052015031005",
      "source":"SOURCE_APIP","allegations":[{"provisionId":"PP94.4.f","absenceDays":17}],"receivedOn":"2026-10-01"})");
  const std::string id = Str(c, "caseId");
  const std::string at = "/v1/cases/" + id;
  c = post(at + ":summon", absl::StrCat(R"({"requestId":"hp-summon","version":)", Version(c),
                                        R"(,"issuedOn":"2026-10-01","examinationOn":"2026-10-12"})"));
  EXPECT_EQ(Str(c, "state"), "CASE_STATE_SUMMONED");
  const std::string bap = UploadBap().document_id();
  c = post(
      at + ":recordExamination",
      absl::StrCat(R"({"requestId":"hp-exam","version":)", Version(c), R"(,"examinedOn":"2026-10-12","attended":true,)",
                   R"("findings":[{"provisionId":"PP94.4.f","proven":true,"absenceDays":17}],"bapDocumentId":")", bap,
                   R"(","examinerNips":["197111201996032002"],"examinationTeamNips":["197111201996032002"]})"));
  EXPECT_EQ(Str(c, "state"), "CASE_STATE_EXAMINED");
  c = post(at + ":recommend",
           absl::StrCat(R"({"requestId":"hp-rec","version":)", Version(c), R"(,"recommendedOn":"2026-10-13"})"));
  EXPECT_EQ(Str(c, "state"), "CASE_STATE_RECOMMENDED");
  EXPECT_EQ(Str(c.fields().at("recommendation").struct_value().fields().at("assessment").struct_value(), "punishment"),
            "PUNISHMENT_PENURUNAN_PANGKAT_1_TAHUN");  // 17-20 days (law reference 2.5a)
  c = post(at + ":decide",
           absl::StrCat(R"({"requestId":"hp-decide","version":)", Version(c),
                        R"(,"outcome":"DECISION_OUTCOME_APPROVE","decisionNumber":"800.1.6.3/091/BKPSDM/2026",)"
                        R"("decidedOn":"2026-10-14"})"));
  EXPECT_EQ(Str(c, "state"), "CASE_STATE_DECIDED");
  EXPECT_EQ(Str(c.fields().at("decision").struct_value(), "remedy"), "REMEDY_KEBERATAN");
  c = post(at + ":recordDelivery",
           absl::StrCat(R"({"requestId":"hp-deliver","version":)", Version(c), R"(,"deliveredOn":"2026-10-15"})"));
  EXPECT_EQ(Str(c, "deliveredOn"), "2026-10-15");

  auto record = http_->Get((at + "/siasnRecord").c_str(), office);
  ASSERT_EQ(record->status, 200) << record->body;
  const auto hukdis = Parse(record->body).fields().at("hukdis").struct_value();
  EXPECT_EQ(Str(hukdis, "skNomor"), "800.1.6.3/091/BKPSDM/2026");
  EXPECT_EQ(Str(hukdis, "skTanggal"), "14-10-2026");
  EXPECT_EQ(Str(hukdis, "masaTahun"), "1");
  EXPECT_EQ(Str(hukdis, "masaBulan"), "0");

  c = post(at + ":fileRemedy", absl::StrCat(R"({"requestId":"hp-objection","version":)", Version(c),
                                            R"(,"kind":"REMEDY_KEBERATAN","filedOn":"2026-10-16"})"));
  EXPECT_EQ(Str(c, "state"), "CASE_STATE_UNDER_REMEDY");
  c = post(
      at + ":decideRemedy",
      absl::StrCat(R"({"requestId":"hp-remedy","version":)", Version(c),
                   R"(,"outcome":"REMEDY_OUTCOME_MODIFIED","punishment":"PUNISHMENT_PENUNDAAN_KGB_1_TAHUN",)"
                   R"("decisionNumber":"800/KEB/2026","decidedOn":"2026-11-02","reason":"Ada alasan yang meringankan",)"
                   R"("decidedBy":{"role":"AUTHORITY_ROLE_PPK"},"decidedByAgencyCode":"PROV-CONTOH"})"));
  EXPECT_EQ(Str(c, "state"), "CASE_STATE_CLOSED");
  // The keberatan's official as the personnel data has him (the governor).
  EXPECT_EQ(Str(c.fields().at("remedyDecision").struct_value().fields().at("decidedBy").struct_value(), "title"),
            "Gubernur Contoh");
  EXPECT_EQ(Str(c, "effectivePunishment"), "PUNISHMENT_PENUNDAAN_KGB_1_TAHUN");
  record = http_->Get((at + "/siasnRecord").c_str(), office);
  ASSERT_EQ(record->status, 200) << record->body;
  // SIASN's jenis 4, PENUNDAAN KGB SELAMA 1 THN (siasn-reference).
  EXPECT_EQ(Str(Parse(record->body).fields().at("hukdis").struct_value(), "jenisHukumanId"), "4");
  EXPECT_EQ(Str(Parse(record->body).fields().at("hukdis").struct_value(), "masaTahun"), "1");

  auto other = post("/v1/cases", R"({"requestId":"hp-file-2","agencyCode":"KOTA-CONTOH",
      "employeeNip":"199006052015031005","source":"SOURCE_APIP","allegations":[{"provisionId":"PP94.4.f","absenceDays":3}],
      "receivedOn":"2026-11-02"})");
  other = post("/v1/cases/" + Str(other, "caseId") + ":close",
               absl::StrCat(R"({"requestId":"hp-close","version":)", Version(other),
                            R"(,"reason":"Pegawai meninggal dunia","terminated":true,)"
                            R"("terminationReason":"TERMINATION_REASON_DIED"})"));
  // Separation of duties: the termination waits for the PPK's confirmation.
  EXPECT_EQ(Str(other, "state"), "CASE_STATE_RECEIVED");
  EXPECT_EQ(Str(other.fields().at("pendingAction").struct_value(), "kind"), "CASE_ACTION_KIND_TERMINATE");
  {
    auto r = http_->Post(("/v1/cases/" + Str(other, "caseId") + ":confirmAction").c_str(),
                         As("", std::vector<std::string>{"ppk"}),
                         absl::StrCat(R"({"requestId":"hp-confirm","version":)", Version(other),
                                      R"(,"kind":"CASE_ACTION_KIND_TERMINATE"})"),
                         "application/json");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << r->body;
    other = Parse(r->body);
  }
  EXPECT_EQ(Str(other, "state"), "CASE_STATE_TERMINATED");
  EXPECT_EQ(Str(other, "terminationReason"), "TERMINATION_REASON_DIED");

  auto follow = http_->Get("/v1/reports/follow-through?from=2026-10-01&to=2026-11-30", office);
  ASSERT_EQ(follow->status, 200) << follow->body;
  // No case here follows an external recommendation: nothing is counted,
  // and each of the three KASN aspects is still a row.
  const auto report = Parse(follow->body);
  EXPECT_EQ(Str(report, "from"), "2026-10-01");
  EXPECT_EQ(report.fields().at("aspects").list_value().values_size(), 3);
  EXPECT_EQ(report.fields().count("rows"), 0u) << follow->body;
  auto consistency = http_->Get("/v1/reports/consistency?from=2026-10-01&to=2026-11-30&provisionId=PP94.4.f", office);
  ASSERT_EQ(consistency->status, 200) << consistency->body;
  EXPECT_THAT(consistency->body, HasSubstr("\"provisionId\":\"PP94.4.f\""));
  auto provisions = http_->Get("/v1/provisions", office);
  ASSERT_EQ(provisions->status, 200) << provisions->body;
  EXPECT_THAT(provisions->body, HasSubstr("\"SKB2022.13\""));
}

TEST_F(HttpE2eTest, ErrorsCarryTheHttpStatusOfTheCodeAndTheStatusBody) {
  // 401 without a token.
  auto anonymous = http_->Get("/v1/cases/x");
  EXPECT_EQ(anonymous->status, 401);
  EXPECT_EQ(Parse(anonymous->body).fields().at("code").number_value(), 16);
  // 404.
  auto missing = http_->Get("/v1/cases/nosuchcase", Operator());
  EXPECT_EQ(missing->status, 404);
  // 400 with the field violation and the Bahasa Indonesia message.
  auto bad = http_->Post("/v1/cases", Operator(), R"({"requestId":"h-bad","agencyCode":"KOTA-CONTOH",
      "employeeNip":"1990-06-05","source":"SOURCE_APIP","allegations":[{"provisionId":"PP94.3.d"}],
      "receivedOn":"2026-11-02"})",
                         "application/json");
  EXPECT_EQ(bad->status, 400) << bad->body;
  EXPECT_THAT(bad->body, HasSubstr("\"fieldViolations\""));
  EXPECT_THAT(bad->body, HasSubstr("\"field\":\"employee_nip\""));
  EXPECT_THAT(bad->body, HasSubstr("\"locale\":\"id-ID\""));
  // Unknown fields are refused.
  auto unknown =
      http_->Post("/v1/rules:assess", Operator(), R"({"provisionId":"PP94.4.f","noSuchField":1})", "application/json");
  EXPECT_EQ(unknown->status, 400) << unknown->body;
  // Unknown query parameters too.
  auto query = http_->Get("/v1/cases?noSuch=1", Operator());
  EXPECT_EQ(query->status, 400) << query->body;
  // 409 on a stale version, 403 for a role without the right.
  auto filed = http_->Post("/v1/cases", Operator(), kFiling, "application/json");
  const std::string id = Str(Parse(filed->body), "caseId");
  auto stale = http_->Post(("/v1/cases/" + id + ":summon").c_str(), Operator(),
                           R"({"requestId":"h-3","version":7,"issuedOn":"2026-11-02","examinationOn":"2026-11-11"})",
                           "application/json");
  EXPECT_EQ(stale->status, 409) << stale->body;
  auto denied =
      http_->Post(("/v1/cases/" + id + ":decide").c_str(), Operator(),
                  R"({"requestId":"h-4","version":1,"outcome":"DECISION_OUTCOME_APPROVE","decidedOn":"2026-11-03"})",
                  "application/json");
  EXPECT_EQ(denied->status, 403) << denied->body;
  // Another agency's case is 404.
  auto other = http_->Get(("/v1/cases/" + id).c_str(), As("196808151993031001", "operator", "PROV-CONTOH"));
  EXPECT_EQ(other->status, 404);
  // A body over the limit (1 MiB) is 413, an unknown route 404.
  auto large = http_->Post("/v1/cases", Operator(), std::string(2 << 20, ' '), "application/json");
  EXPECT_EQ(large->status, 413);
  EXPECT_EQ(http_->Get("/v1/nothing", Operator())->status, 404);
}

TEST_F(HttpE2eTest, DocumentsAreChunkedDownloadsWithTheirHash) {
  nip_ = "199208222019032003";
  roles_ = {"operator"};
  const pb::DocumentRef bap = UploadBap();
  auto got = http_->Get(("/v1/documents/" + bap.document_id()).c_str(), Operator());
  ASSERT_EQ(got->status, 200) << got->body;
  EXPECT_EQ(got->body, "%PDF-1.4 Berita Acara Pemeriksaan (contoh)");
  EXPECT_EQ(got->get_header_value("X-Document-Sha256"), bap.sha256());
  EXPECT_EQ(got->get_header_value("Content-Type"), "application/pdf");
  // Another agency's document does not exist for it.
  auto other =
      http_->Get(("/v1/documents/" + bap.document_id()).c_str(), As("196808151993031001", "operator", "PROV-CONTOH"));
  EXPECT_EQ(other->status, 404);
}

// Every annotated route is served: without a token each answers 401 (the
// gRPC service itself refused it), with an operator's token and a case that
// does not exist each answers its service's own code.
TEST_F(HttpE2eTest, EveryAnnotatedRouteIsServed) {
  const std::vector<http::Route> routes = http::AnnotatedRoutes();
  // The case routes include :addPriorPunishment and :confirmAction (api.md, third stage).
  // DocumentService.SignDocument adds :sign (api.md, third stage, the SK's signature).
  // The lifecycle's third-stage commands (:releaseFromDuty, :recordEmployeeEvent, :reissueSummons,
  // :reopenExamination, :joinCases) and LetterService's routes (with SignLetter's :sign).
  EXPECT_EQ(routes.size(), 34u) << "3 rules, 21 case, 3 audit, 2 document, 2 report, 3 letter routes";
  for (const http::Route& r : routes) {
    std::string path = r.path;
    for (const char* var : {"{case_id}", "{document_id}", "{letter_id}"}) {
      if (const size_t at = path.find(var); at != std::string::npos) path.replace(at, strlen(var), "nosuchcase");
    }
    auto anonymous = r.verb == "GET" ? http_->Get(path.c_str()) : http_->Post(path.c_str(), "{}", "application/json");
    ASSERT_TRUE(anonymous) << r.verb << " " << path;
    EXPECT_EQ(anonymous->status, 401) << r.verb << " " << path << " (" << r.method << "): " << anonymous->body;
    auto known = r.verb == "GET"
                     ? http_->Get(path.c_str(), Operator())
                     : http_->Post(path.c_str(), Operator(), R"({"requestId":"x","version":1})", "application/json");
    ASSERT_TRUE(known);
    EXPECT_NE(known->status, 401) << r.verb << " " << path;
    EXPECT_NE(known->status, 500) << r.verb << " " << path << ": " << known->body;
  }
}

TEST_F(HttpE2eTest, SecurityHeadersOnEveryAnswer) {
  auto r = http_->Get("/v1/provisions", Operator());
  ASSERT_EQ(r->status, 200);
  EXPECT_THAT(r->get_header_value("Content-Security-Policy"), HasSubstr("frame-ancestors 'self'"));
  EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(r->get_header_value("Referrer-Policy"), "no-referrer");
  // CORS is off unless configured.
  httplib::Headers with_origin = Operator();
  with_origin.emplace("Origin", "https://elsewhere.invalid");
  EXPECT_FALSE(http_->Get("/v1/provisions", with_origin)->has_header("Access-Control-Allow-Origin"));
}

}  // namespace
}  // namespace discipline
