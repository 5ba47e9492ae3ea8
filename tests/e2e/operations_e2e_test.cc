// e2e: the operators' side of the real server. GET /metrics parsed by the
// reference Prometheus text parser (Debian's python3-prometheus-client),
// its call counter moving with a call; GET /healthz 200 without a token,
// and 503 while the test's own MariaDB is stopped; one JSON log line per
// call with the caller, the method, the case, the code and the latency,
// and neither the bearer token nor the sealed reporter.

#include <fcntl.h>
#include <httplib.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "tests/testing/case_e2e.h"
#include "tests/testing/mariadb_instance.h"

namespace discipline {
namespace {

namespace pb = ::asn::discipline::v1;
using ::google::protobuf::Struct;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

Struct Json(const std::string& text) {
  Struct s;
  EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(text, &s).ok()) << text.substr(0, 300);
  return s;
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::stringstream b;
  b << in.rdbuf();
  return b.str();
}

// The exposition's samples, as the reference parser reads them.
struct Exposition {
  Struct parsed;  // {"samples": [...], "types": {...}}
  // The value of the sample `name` whose labels include `labels`; -1 when
  // none.
  double Value(const std::string& name, const std::map<std::string, std::string>& labels = {}) const {
    if (!parsed.fields().contains("samples")) return -1;
    for (const auto& v : parsed.fields().at("samples").list_value().values()) {
      const auto& f = v.struct_value().fields();
      if (f.at("name").string_value() != name) continue;
      const auto& have = f.at("labels").struct_value().fields();
      bool match = true;
      for (const auto& [k, want] : labels) {
        auto it = have.find(k);
        match = match && it != have.end() && it->second.string_value() == want;
      }
      if (match) return f.at("value").number_value();
    }
    return -1;
  }
  std::string Type(const std::string& family) const {
    if (!parsed.fields().contains("types")) return "";
    auto it = parsed.fields().at("types").struct_value().fields().find(family);
    return it == parsed.fields().at("types").struct_value().fields().end() ? "" : it->second.string_value();
  }
};

// GET /metrics on `port`, parsed by prometheus_client's text parser.
Exposition Scrape(int port) {
  httplib::Client http("127.0.0.1", port);
  http.set_read_timeout(20, 0);
  auto res = http.Get("/metrics");
  EXPECT_TRUE(res);
  if (!res) return {};
  EXPECT_EQ(res->status, 200);
  EXPECT_THAT(res->get_header_value("Content-Type"), StartsWith("text/plain; version=0.0.4"));
  const std::string dir = std::getenv("DISCIPLINE_TEST_TMP");
  const std::string in = absl::StrCat(dir, "/metrics-", getpid(), ".txt"), out = in + ".json";
  std::ofstream(in) << res->body;
  const std::string cmd =
      absl::StrCat("/usr/bin/python3 ", DISCIPLINE_SOURCE_DIR, "/tests/e2e/parse_metrics.py <", in, " >", out);
  EXPECT_EQ(std::system(cmd.c_str()), 0) << "the reference parser refused:\n" << res->body.substr(0, 2000);
  return {Json(ReadAll(out))};
}

class OperationsE2eTest : public testing::CaseE2eTest {
 protected:
  OperationsE2eTest() {
    with_http_ = true;
    // Fresh database figures at every scrape.
    extra_args_ = {"--metrics_cache_seconds=0"};
  }
  // The server's log (its stderr, inherited from this process) goes to a
  // file of the test.
  void SetUp() override {
    log_path_ = absl::StrCat(std::getenv("DISCIPLINE_TEST_TMP"), "/operations-", getpid(), ".log");
    const int fd = open(log_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ASSERT_GE(fd, 0);
    saved_stderr_ = dup(2);
    dup2(fd, 2);
    close(fd);
    CaseE2eTest::SetUp();
    dup2(saved_stderr_, 2);
    close(saved_stderr_);
  }
  pb::FileCaseRequest Filing(const std::string& request_id, const std::string& received_on,
                             const std::string& reporter = "") {
    pb::FileCaseRequest r;
    r.set_request_id(request_id);
    r.set_agency_code("KOTA-CONTOH");
    r.set_employee_nip("199006052015031005");
    r.set_source(pb::SOURCE_SISTEM_KEHADIRAN);
    r.set_reporter(reporter);
    auto* a = r.add_allegations();
    a->set_provision_id("PP94.4.f");
    a->set_absence_days(12);
    r.set_received_on(received_on);
    return r;
  }
  std::string log_path_;
  int saved_stderr_ = -1;
};

TEST_F(OperationsE2eTest, MetricsParseAndTheCallCounterMovesWithACall) {
  const Exposition before = Scrape(http_port_);
  const std::map<std::string, std::string> get_not_found = {
      {"grpc_service", "asn.discipline.v1.CaseService"}, {"grpc_method", "GetCase"}, {"grpc_code", "NOT_FOUND"}};
  const double was = std::max(0.0, before.Value("discipline_grpc_server_handled_total", get_not_found));
  EXPECT_EQ(before.Type("discipline_grpc_server_handled"), "counter");
  EXPECT_EQ(before.Type("discipline_grpc_server_handling_seconds"), "histogram");

  pb::GetCaseRequest get;
  get.set_case_id("01JZZZZZZZZZZZZZZZZZZZZZZZ");
  pb::Case out;
  ASSERT_EQ(cases_->GetCase(Ctx().get(), get, &out).error_code(), grpc::StatusCode::NOT_FOUND);
  Must(&pb::CaseService::Stub::FileCase, Filing("ops-1", "2026-11-02"));

  const Exposition after = Scrape(http_port_);
  EXPECT_EQ(after.Value("discipline_grpc_server_handled_total", get_not_found), was + 1);
  EXPECT_GE(after.Value("discipline_grpc_server_handled_total", {{"grpc_method", "FileCase"}, {"grpc_code", "OK"}}), 1);
  // The histogram: cumulative buckets, +Inf equal to _count, a _sum.
  const std::map<std::string, std::string> get_method = {{"grpc_method", "GetCase"}};
  const double count = after.Value("discipline_grpc_server_handling_seconds_count", get_method);
  EXPECT_GE(count, 1);
  auto bucket = [&](const std::string& le) {
    return after.Value("discipline_grpc_server_handling_seconds_bucket", {{"grpc_method", "GetCase"}, {"le", le}});
  };
  EXPECT_EQ(bucket("+Inf"), count);
  EXPECT_GE(bucket("0.001"), 0);  // every bucket is there, from 1 ms
  EXPECT_LE(bucket("0.001"), bucket("0.01"));
  EXPECT_LE(bucket("0.01"), bucket("1"));
  EXPECT_LE(bucket("1"), bucket("+Inf"));
  EXPECT_GT(after.Value("discipline_grpc_server_handling_seconds_sum", get_method), 0);
  // The database's figures and the pools (--db_pool_size's default 16).
  EXPECT_EQ(after.Value("discipline_operational_stats_up"), 1);
  EXPECT_EQ(after.Value("discipline_siasn_outbox_pending"), 0);
  EXPECT_EQ(after.Value("discipline_siasn_outbox_oldest_age_seconds"), 0);
  EXPECT_EQ(after.Value("discipline_db_pool_size", {{"pool", "cases"}}), 16);
  EXPECT_GE(after.Value("discipline_db_pool_connections_open", {{"pool", "cases"}}), 1);
  EXPECT_GE(after.Value("discipline_db_pool_connections_in_use", {{"pool", "cases"}}), 0);
  // The process, under the client libraries' names.
  EXPECT_EQ(after.Type("process_cpu_seconds"), "counter");
  EXPECT_GT(after.Value("process_cpu_seconds_total"), 0);
  EXPECT_GT(after.Value("process_resident_memory_bytes"), 1 << 20);
  EXPECT_GT(after.Value("process_open_fds"), 3);
  EXPECT_GT(after.Value("process_start_time_seconds"), absl::ToUnixSeconds(absl::Now()) - 3600);
}

TEST_F(OperationsE2eTest, OpenDeadlineAndOverdueGaugesAgreeWithTheApi) {
  // A decided case, whose delivery is due 14 working days after the
  // decision (PP 94/2021 Pasal 37 ayat (3)), and a case just filed: what
  // the API says of them is what the gauges must say.
  pb::Finding absence;
  absence.set_provision_id("PP94.4.f");
  absence.set_proven(true);
  absence.set_absence_days(17);
  const pb::Case examined = Examined("dl", "199006052015031005", absence, "197111201996032002", /*team=*/true);
  auto rec = Change<pb::RecommendSanctionRequest>(examined, "dl-rec");
  rec.set_recommended_on("2026-10-13");
  const pb::Case recommended = Must(&pb::CaseService::Stub::RecommendSanction, rec);
  auto decide = Change<pb::DecideSanctionRequest>(recommended, "dl-decide");
  decide.set_outcome(pb::DECISION_OUTCOME_APPROVE);
  decide.set_decision_number("800.1.6.3/091/BKPSDM/2026");
  decide.set_decided_on("2026-10-14");
  std::vector<pb::Case> cases = {Must(&pb::CaseService::Stub::DecideSanction, decide),
                                 Must(&pb::CaseService::Stub::FileCase, Filing("ops-new", "2026-12-01"))};
  int with_deadline = 0;
  for (const pb::Case& c : cases) with_deadline += c.open_deadlines_size() > 0;
  ASSERT_GE(with_deadline, 1) << "the decided case's delivery";
  pb::ListCasesRequest overdue;
  overdue.set_agency_code("KOTA-CONTOH");
  overdue.set_overdue_only(true);
  overdue.set_page_size(100);
  pb::ListCasesResponse listed;
  ASSERT_TRUE(cases_->ListCases(Ctx().get(), overdue, &listed).ok());

  const Exposition e = Scrape(http_port_);
  EXPECT_EQ(e.Value("discipline_open_deadline_cases", {{"agency", "KOTA-CONTOH"}}), with_deadline);
  EXPECT_EQ(e.Value("discipline_overdue_cases", {{"agency", "KOTA-CONTOH"}}), listed.cases_size());
}

TEST_F(OperationsE2eTest, HealthzAndMetricsNeedNoToken) {
  httplib::Client http("127.0.0.1", http_port_);
  auto health = http.Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  EXPECT_EQ(Json(health->body).fields().at("status").string_value(), "SERVING");
  auto metrics = http.Get("/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_EQ(metrics->status, 200);
  // A route of the API still wants its token.
  auto api = http.Get("/v1/cases?agencyCode=KOTA-CONTOH");
  ASSERT_TRUE(api);
  EXPECT_EQ(api->status, 401);
}

TEST_F(OperationsE2eTest, OneJsonLogLinePerCallWithoutTokenOrReporter) {
  auto issuer = testing::DemoIssuer();
  ASSERT_TRUE(issuer.ok());
  const std::string token = (*issuer)->Mint(nip_, "Pengguna Uji", agency_, roles_);
  auto ctx = [&] {
    auto c = std::make_unique<grpc::ClientContext>();
    c->set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(20)));
    c->AddMetadata("authorization", "Bearer " + token);
    return c;
  };
  const std::string reporter = "Pelapor Rahasia Suryaningsih 081234567890";
  pb::Case filed;
  ASSERT_TRUE(cases_->FileCase(ctx().get(), Filing("ops-log", "2026-11-02", reporter), &filed).ok());
  pb::GetCaseRequest get;
  get.set_case_id(filed.case_id());
  pb::Case got;
  ASSERT_TRUE(cases_->GetCase(ctx().get(), get, &got).ok());
  // Through the gateway too, with the token in the HTTP header.
  httplib::Client http("127.0.0.1", http_port_);
  auto res = http.Get(("/v1/cases/" + filed.case_id()).c_str(), {{"Authorization", "Bearer " + token}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  absl::SleepFor(absl::Milliseconds(300));  // the lines are written after the status

  const std::string log = ReadAll(log_path_);
  std::vector<Struct> lines;
  for (absl::string_view l : absl::StrSplit(log, '\n')) {
    const size_t brace = l.find("{\"");
    if (brace == absl::string_view::npos || !absl::StrContains(l, "grpc_call")) continue;
    lines.push_back(Json(std::string(l.substr(brace))));
  }
  int file_lines = 0, get_lines = 0;
  for (const Struct& s : lines) {
    const auto& f = s.fields();
    const std::string method = f.at("method").string_value();
    if (method != "FileCase" && method != "GetCase") continue;
    EXPECT_EQ(f.at("service").string_value(), "asn.discipline.v1.CaseService");
    EXPECT_EQ(f.at("caller_nip").string_value(), nip_);
    EXPECT_EQ(f.at("caller_agency").string_value(), "KOTA-CONTOH");
    ASSERT_TRUE(f.contains("caller_roles"));
    EXPECT_EQ(f.at("caller_roles").list_value().values_size(), 2);
    EXPECT_EQ(f.at("code").string_value(), "OK");
    EXPECT_GE(f.at("latency_ms").number_value(), 0);
    if (method == "FileCase") ++file_lines;
    if (method == "GetCase") {
      ++get_lines;
      EXPECT_EQ(f.at("case_id").string_value(), filed.case_id());
    }
  }
  EXPECT_EQ(file_lines, 1);
  EXPECT_EQ(get_lines, 2);  // gRPC and the gateway
  EXPECT_THAT(log, Not(HasSubstr(token)));
  EXPECT_THAT(log, Not(HasSubstr(token.substr(token.rfind('.') + 1))));  // not even the signature
  EXPECT_THAT(log, Not(HasSubstr("Suryaningsih")));
  EXPECT_THAT(log, Not(HasSubstr("081234567890")));
}

// GET /healthz follows the case database: a MariaDB of the test's own,
// stopped and started again (never another instance).
TEST(OperationsHealthzTest, Is503WhileTheCaseDatabaseIsStopped) {
  auto db = testing::MariadbInstance::StartWithDemoSimpeg();
  ASSERT_TRUE(db.ok()) << db.status();
  ASSERT_TRUE((*db)->BootstrapCaseDatabase("discipline_healthz").ok());
  const std::string port_file = absl::StrCat(std::getenv("DISCIPLINE_TEST_TMP"), "/healthz-", getpid(), ".port");
  std::vector<std::string> args = (*db)->ServerArgs();
  args.push_back("--listen=127.0.0.1:0");
  args.push_back("--http_listen=127.0.0.1:0");
  args.push_back("--http_port_file=" + port_file);
  args.push_back("--metrics_cache_seconds=0");
  auto server = testing::ServerProcess::StartWithArgs(args);
  ASSERT_TRUE(server.ok()) << server.status();
  int port = 0;
  for (int i = 0; i < 100 && port == 0; ++i) {
    std::ifstream in(port_file);
    if (!(in >> port)) absl::SleepFor(absl::Milliseconds(50));
  }
  ASSERT_GT(port, 0);
  httplib::Client http("127.0.0.1", port);
  http.set_read_timeout(10, 0);
  auto status = [&] {
    auto r = http.Get("/healthz");
    return r ? r->status : -1;
  };
  auto wait_for = [&](int want) {
    for (int i = 0; i < 100 && status() != want; ++i) absl::SleepFor(absl::Milliseconds(200));
    return status();
  };
  EXPECT_EQ(status(), 200);
  ASSERT_TRUE((*db)->Stop().ok());
  EXPECT_EQ(wait_for(503), 503);
  auto down = http.Get("/healthz");
  ASSERT_TRUE(down);
  EXPECT_EQ(Json(down->body).fields().at("status").string_value(), "NOT_SERVING");
  // /metrics still answers, saying the figures could not be read.
  EXPECT_EQ(Scrape(port).Value("discipline_operational_stats_up"), 0);
  ASSERT_TRUE((*db)->Start().ok());
  EXPECT_EQ(wait_for(200), 200);
}

}  // namespace
}  // namespace discipline
