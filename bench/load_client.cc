// Load client for the case service (run by bench/run_load.sh; figures in
// bench/README.md). Closed loop: `--concurrency` calls in flight on one
// completion queue, for at most `--seconds` or `--max_calls` per scenario,
// loopback only. Scenarios (`--scenarios`, all by default), in this order:
//   health     grpc.health.v1 Check: the trivial RPC on the same server
//   filecase   FileCase, a new request_id each call
//   getcase    GetCase of the filed cases, round robin
//   http_getcase  GET /v1/cases/{id} of the same cases through the JSON
//              gateway, one blocking keep-alive client per concurrent caller;
//              alternated with getcase in --rounds rounds
//   getcase_signed  GetCase with a token never seen before on every call
//   raw        the baseline: a durable single-row INSERT with Connector/C,
//              autocommit, one connection per concurrent caller
//   history    (alone, not in the default list) GetCaseHistory of
//              --history_case read whole, --history_reads times in series
//              (bench/history_scale.sh)
// Prints calls/s, p50 and p99 latency, the server's and this client's CPU
// per call, and the ratios the goals name.

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <httplib.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <optional>
#include <set>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "adapters/identity/demo_issuer.h"
#include "adapters/mariadb/connection.h"
#include "asn/discipline/v1/audit.grpc.pb.h"
#include "asn/discipline/v1/cases.grpc.pb.h"
#include "grpc/health/v1/health.grpc.pb.h"

ABSL_FLAG(std::string, server, "127.0.0.1:50051", "server address");
ABSL_FLAG(int, concurrency, 8, "calls in flight (and raw-insert connections)");
ABSL_FLAG(int, seconds, 10, "time limit per scenario");
ABSL_FLAG(int, max_calls, 100000, "call limit per scenario");
ABSL_FLAG(int, rounds, 4,
          "getcase and http_getcase alternate in this many rounds, which share --seconds (their ratio is "
          "then taken over the same spells of the machine)");
ABSL_FLAG(std::string, db_socket, "", "MariaDB socket for the raw-insert baseline");
ABSL_FLAG(std::string, db_user, "", "account for the raw-insert baseline");
ABSL_FLAG(std::string, db_password_file, "", "its password file");
ABSL_FLAG(std::string, db_name, "", "a scratch database for the baseline table");
ABSL_FLAG(std::string, scenarios, "health,filecase,getcase,http_getcase,getcase_signed,raw",
          "the scenarios to run, in this order (getcase reads what filecase filed)");
ABSL_FLAG(std::string, employee_nip, "199006052015031005", "the demo employee the cases are filed for");
ABSL_FLAG(std::string, issuer_dir, "", "the demo issuer whose tokens the calls carry (bench/run_load.sh makes one)");
ABSL_FLAG(std::string, history_case, "",
          "the history scenario: the case whose whole history is read, --history_reads times, one read at a time");
ABSL_FLAG(int, history_reads, 100, "whole reads of --history_case");
ABSL_FLAG(int, http_port, 0, "the JSON gateway's port on 127.0.0.1 (for the http_getcase scenario)");
ABSL_FLAG(int, server_pid, 0, "the server's pid, to report its CPU time per call of each scenario (0: not reported)");

namespace {

namespace pb = ::asn::discipline::v1;

// CPU seconds (user + system) the server has used so far; -1 when unknown.
double ServerCpuSeconds() {
  const int pid = absl::GetFlag(FLAGS_server_pid);
  if (pid <= 0) return -1;
  std::ifstream in(absl::StrCat("/proc/", pid, "/stat"));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // Fields after the command name, which ends at the last ')': state is
  // field 3, utime and stime fields 14 and 15.
  const size_t close = text.rfind(')');
  if (close == std::string::npos) return -1;
  const std::vector<std::string> f = absl::StrSplit(text.substr(close + 2), ' ');
  if (f.size() < 13) return -1;
  return (std::stod(f[11]) + std::stod(f[12])) / sysconf(_SC_CLK_TCK);
}

// CPU seconds (user + system) this load client has used so far: the
// client shares the machine's cores with the server, so what a scenario's
// client spends per call is part of its figure.
double ClientCpuSeconds() {
  struct rusage u;
  getrusage(RUSAGE_SELF, &u);
  return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

struct Result {
  std::string name;
  int64_t calls = 0;
  int64_t errors = 0;
  double seconds = 0;
  double server_cpu_seconds = -1;
  double client_cpu_seconds = -1;
  // Server CPU microseconds per successful call; -1 when unknown.
  double ServerMicrosPerCall() const {
    return server_cpu_seconds < 0 || calls == 0 ? -1 : 1e6 * server_cpu_seconds / calls;
  }
  double ClientMicrosPerCall() const {
    return client_cpu_seconds < 0 || calls == 0 ? -1 : 1e6 * client_cpu_seconds / calls;
  }
  std::vector<double> latencies_ms;
  double rate() const { return calls / seconds; }
  double Percentile(double p) {
    if (latencies_ms.empty()) return 0;
    std::sort(latencies_ms.begin(), latencies_ms.end());
    return latencies_ms[std::min(latencies_ms.size() - 1, static_cast<size_t>(p * latencies_ms.size()))];
  }
};

// Adds one round of a scenario to its total over the rounds.
void Accumulate(std::optional<Result>& total, Result round) {
  if (!total.has_value()) {
    total = std::move(round);
    return;
  }
  total->calls += round.calls;
  total->errors += round.errors;
  total->seconds += round.seconds;
  if (total->server_cpu_seconds >= 0 && round.server_cpu_seconds >= 0) {
    total->server_cpu_seconds += round.server_cpu_seconds;
  }
  total->client_cpu_seconds += round.client_cpu_seconds;
  total->latencies_ms.insert(total->latencies_ms.end(), round.latencies_ms.begin(), round.latencies_ms.end());
}

// One slot of the closed loop: a call in flight.
struct Slot {
  std::unique_ptr<grpc::ClientContext> ctx;
  grpc::Status status;
  absl::Time started;
  std::function<void(Slot*)> on_done;  // set by the scenario
};

// Runs `start(slot)` in `concurrency` slots; each completion starts the next
// call until the time or call budget is spent.
Result ClosedLoop(const std::string& name, grpc::CompletionQueue& cq, const std::function<void(Slot*)>& start) {
  Result r{name};
  const int concurrency = absl::GetFlag(FLAGS_concurrency);
  const absl::Time deadline = absl::Now() + absl::Seconds(absl::GetFlag(FLAGS_seconds));
  const int64_t max_calls = absl::GetFlag(FLAGS_max_calls);
  std::vector<Slot> slots(concurrency);
  int64_t started = 0, in_flight = 0;
  const double cpu0 = ServerCpuSeconds();
  const double client0 = ClientCpuSeconds();
  const absl::Time t0 = absl::Now();
  for (Slot& s : slots) {
    s.started = absl::Now();
    start(&s);
    ++started;
    ++in_flight;
  }
  void* tag;
  bool ok;
  while (in_flight > 0 && cq.Next(&tag, &ok)) {
    Slot* s = static_cast<Slot*>(tag);
    --in_flight;
    if (s->on_done) s->on_done(s);
    if (s->status.ok()) {
      ++r.calls;
      r.latencies_ms.push_back(absl::ToDoubleMilliseconds(absl::Now() - s->started));
    } else {
      ++r.errors;
      if (r.errors == 1) fprintf(stderr, "%s: first error: %s\n", name.c_str(), s->status.error_message().c_str());
    }
    if (absl::Now() < deadline && started < max_calls) {
      s->started = absl::Now();
      start(s);
      ++started;
      ++in_flight;
    }
  }
  r.seconds = absl::ToDoubleSeconds(absl::Now() - t0);
  if (cpu0 >= 0) r.server_cpu_seconds = ServerCpuSeconds() - cpu0;
  r.client_cpu_seconds = ClientCpuSeconds() - client0;
  return r;
}

// GetCase of the filed cases in turn, the i-th call carrying the i-th token
// (one token for the run: the server verifies it once; a token per call:
// every call pays for its signature check).
Result GetCases(const std::string& name, grpc::CompletionQueue& cq, pb::CaseService::Stub& cases,
                const std::vector<std::string>& filed, const std::vector<std::string>& tokens) {
  struct GetSlot {
    pb::Case resp;
    std::unique_ptr<grpc::ClientAsyncResponseReader<pb::Case>> rpc;
  };
  std::map<Slot*, GetSlot> state;
  size_t next = 0;
  return ClosedLoop(name, cq, [&](Slot* s) {
    s->ctx = std::make_unique<grpc::ClientContext>();
    s->ctx->AddMetadata("authorization", tokens[next % tokens.size()]);
    pb::GetCaseRequest req;
    req.set_case_id(filed[next++ % filed.size()]);
    auto& g = state[s];
    g.rpc = cases.AsyncGetCase(s->ctx.get(), req, &cq);
    g.rpc->Finish(&g.resp, &s->status, s);
  });
}

// One blocking client per thread, `concurrency` threads: `make(i)` gives
// thread i its call (empty when it could not connect); each call, given its
// number in the run, returns whether it succeeded. Calls go on until the time
// or call budget is spent.
using BlockingCall = std::function<bool(int64_t)>;
Result ThreadedLoop(const std::string& name, const std::function<BlockingCall(int)>& make) {
  const int n = absl::GetFlag(FLAGS_concurrency);
  const absl::Time deadline = absl::Now() + absl::Seconds(absl::GetFlag(FLAGS_seconds));
  const int64_t max_calls = absl::GetFlag(FLAGS_max_calls);
  std::atomic<int64_t> started{0};
  std::vector<Result> parts(n);
  std::vector<std::thread> threads;
  const double cpu0 = ServerCpuSeconds();
  const double client0 = ClientCpuSeconds();
  const absl::Time t0 = absl::Now();
  for (int i = 0; i < n; ++i) {
    threads.emplace_back([&, i] {
      const BlockingCall call = make(i);
      if (!call) return;
      for (int64_t number; absl::Now() < deadline && (number = started++) < max_calls;) {
        const absl::Time t = absl::Now();
        if (call(number)) {
          ++parts[i].calls;
          parts[i].latencies_ms.push_back(absl::ToDoubleMilliseconds(absl::Now() - t));
        } else {
          ++parts[i].errors;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  Result r{name};
  r.seconds = absl::ToDoubleSeconds(absl::Now() - t0);
  if (cpu0 >= 0) r.server_cpu_seconds = ServerCpuSeconds() - cpu0;
  r.client_cpu_seconds = ClientCpuSeconds() - client0;
  for (auto& p : parts) {
    r.calls += p.calls;
    r.errors += p.errors;
    r.latencies_ms.insert(r.latencies_ms.end(), p.latencies_ms.begin(), p.latencies_ms.end());
  }
  return r;
}

// GET /v1/cases/{id} through the JSON gateway, one keep-alive connection
// per client thread.
Result HttpGetCases(int port, const std::vector<std::string>& ids, const std::string& bearer) {
  return ThreadedLoop("http_getcase", [&](int) -> BlockingCall {
    auto client = std::make_shared<httplib::Client>("127.0.0.1", port);
    client->set_keep_alive(true);
    client->set_tcp_nodelay(true);
    const httplib::Headers headers = {{"Authorization", bearer}};
    return [client, headers, &ids](int64_t number) {
      auto r = client->Get(("/v1/cases/" + ids[number % ids.size()]).c_str(), headers);
      return r && r->status == 200;
    };
  });
}

Result RawInserts() {
  using discipline::mariadb::Connection;
  discipline::mariadb::ConnectionOptions o;
  o.socket = absl::GetFlag(FLAGS_db_socket);
  o.user = absl::GetFlag(FLAGS_db_user);
  o.database = absl::GetFlag(FLAGS_db_name);
  o.password = *discipline::mariadb::ReadSecretFile(absl::GetFlag(FLAGS_db_password_file));
  {
    auto setup = Connection::Open(o);
    if (!setup.ok()) {
      fprintf(stderr, "raw: %s\n", setup.status().ToString().c_str());
      return {"raw"};
    }
    (void)(*setup)->Execute(
        "CREATE TABLE IF NOT EXISTS bench_raw (id VARCHAR(40) PRIMARY KEY, payload LONGBLOB NOT NULL) ENGINE=InnoDB");
  }
  const std::string payload(600, 'x');  // about the size of a stored case
  return ThreadedLoop("raw", [&](int) -> BlockingCall {
    auto opened = Connection::Open(o);
    if (!opened.ok()) return nullptr;
    std::shared_ptr<Connection> conn = std::move(*opened);
    return [conn, &payload](int64_t number) {
      return conn
          ->Update("INSERT INTO bench_raw (id, payload) VALUES (?, ?)",
                   {absl::StrCat(number, "-", absl::ToUnixNanos(absl::Now())), payload})
          .ok();
    };
  });
}

// history: the whole history of --history_case read with GetCaseHistory in
// pages of 1,000 (the service's largest), one read after another. The first
// read is reported apart (it may find a cold buffer pool); p50 and p99 are
// of the others.
int HistoryReads(const std::shared_ptr<grpc::Channel>& channel, const std::string& bearer) {
  auto audit = pb::AuditService::NewStub(channel);
  const std::string case_id = absl::GetFlag(FLAGS_history_case);
  Result reads{"history"};
  double first = -1;
  int64_t events = 0;
  for (int run = 0; run <= absl::GetFlag(FLAGS_history_reads); ++run) {
    const absl::Time t0 = absl::Now();
    int64_t read = 0;
    std::string token;
    do {
      grpc::ClientContext ctx;
      ctx.AddMetadata("authorization", bearer);
      ctx.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
      pb::GetCaseHistoryRequest req;
      req.set_case_id(case_id);
      req.set_page_size(1000);
      req.set_page_token(token);
      pb::GetCaseHistoryResponse resp;
      const grpc::Status s = audit->GetCaseHistory(&ctx, req, &resp);
      if (!s.ok()) {
        fprintf(stderr, "history: %s\n", s.error_message().c_str());
        return 1;
      }
      read += resp.events_size();
      token = resp.next_page_token();
    } while (!token.empty());
    const double ms = absl::ToDoubleMilliseconds(absl::Now() - t0);
    if (run == 0) {
      first = ms;
    } else {
      reads.latencies_ms.push_back(ms);
    }
    events = read;
  }
  printf("history: %lld events per read, %zu reads: p50 %.2f ms, p99 %.2f ms (first read %.2f ms)\n",
         static_cast<long long>(events), reads.latencies_ms.size(), reads.Percentile(0.50), reads.Percentile(0.99),
         first);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  const std::set<std::string> wanted = absl::StrSplit(absl::GetFlag(FLAGS_scenarios), ',', absl::SkipEmpty());
  for (const std::string& name : wanted) {
    if (name != "health" && name != "filecase" && name != "getcase" && name != "getcase_signed" && name != "raw" &&
        name != "http_getcase" && name != "history") {
      fprintf(stderr,
              "--scenarios: unknown scenario %s (health, filecase, getcase, http_getcase, getcase_signed, raw, "
              "history)\n",
              name.c_str());
      return 2;
    }
  }
  auto channel = grpc::CreateChannel(absl::GetFlag(FLAGS_server), grpc::InsecureChannelCredentials());
  // Every call of the case service carries a token of the demo issuer; one
  // token for the whole run, as a client would reuse it until it expires.
  std::unique_ptr<discipline::identity::DemoIssuer> issuer;
  std::string bearer;
  if (const std::string dir = absl::GetFlag(FLAGS_issuer_dir); !dir.empty()) {
    auto opened = discipline::identity::DemoIssuer::Open(dir);
    if (!opened.ok()) {
      fprintf(stderr, "--issuer_dir: %s\n", opened.status().ToString().c_str());
      return 2;
    }
    issuer = *std::move(opened);
    bearer = "Bearer " + issuer->Mint("199208222019032003", "bench", "KOTA-CONTOH", {"operator"});
  }
  if (wanted.count("history")) {
    if (absl::GetFlag(FLAGS_history_case).empty() || bearer.empty()) {
      fprintf(stderr, "--scenarios=history needs --history_case and --issuer_dir\n");
      return 2;
    }
    return HistoryReads(channel, bearer);
  }
  auto health = grpc::health::v1::Health::NewStub(channel);
  auto cases = pb::CaseService::NewStub(channel);
  grpc::CompletionQueue cq;
  std::vector<Result> results;

  // health: the trivial RPC.
  if (wanted.count("health")) {
    struct HealthSlot {
      grpc::health::v1::HealthCheckResponse resp;
      std::unique_ptr<grpc::ClientAsyncResponseReader<grpc::health::v1::HealthCheckResponse>> rpc;
    };
    std::map<Slot*, HealthSlot> state;
    grpc::health::v1::HealthCheckRequest req;
    results.push_back(ClosedLoop("health", cq, [&](Slot* s) {
      s->ctx = std::make_unique<grpc::ClientContext>();
      auto& h = state[s];
      h.rpc = health->AsyncCheck(s->ctx.get(), req, &cq);
      h.rpc->Finish(&h.resp, &s->status, s);
    }));
  }

  // filecase: a new case each call.
  std::vector<std::string> filed;
  if (wanted.count("filecase")) {
    struct FileSlot {
      pb::Case resp;
      std::unique_ptr<grpc::ClientAsyncResponseReader<pb::Case>> rpc;
    };
    std::map<Slot*, FileSlot> state;
    int64_t n = 0;
    const std::string run = absl::StrCat(absl::ToUnixMillis(absl::Now()));
    results.push_back(ClosedLoop("filecase", cq, [&](Slot* s) {
      s->ctx = std::make_unique<grpc::ClientContext>();
      s->ctx->AddMetadata("authorization", bearer);
      pb::FileCaseRequest req;
      req.set_request_id(absl::StrCat("bench-", run, "-", n++));
      req.set_agency_code("KOTA-CONTOH");
      req.set_employee_nip(absl::GetFlag(FLAGS_employee_nip));
      req.set_source(pb::SOURCE_SISTEM_KEHADIRAN);
      auto* a = req.add_allegations();
      a->set_provision_id("PP94.4.f");
      a->set_absence_days(12);
      req.set_received_on("2026-03-02");
      auto& f = state[s];
      f.rpc = cases->AsyncFileCase(s->ctx.get(), req, &cq);
      f.rpc->Finish(&f.resp, &s->status, s);
      s->on_done = [&f, &filed](Slot* done) {
        if (done->status.ok()) filed.push_back(f.resp.case_id());
      };
    }));
  }

  // getcase (read the filed cases back, with the run's one token) and
  // http_getcase (the same through the JSON gateway), alternated in
  // --rounds rounds that share the time budget: a slow spell of the machine
  // then falls on both sides of their ratio.
  {
    const bool grpc_reads = wanted.count("getcase") && !filed.empty();
    const bool http_reads = wanted.count("http_getcase") && !filed.empty() && absl::GetFlag(FLAGS_http_port) > 0;
    const int rounds = grpc_reads && http_reads ? std::max(1, absl::GetFlag(FLAGS_rounds)) : 1;
    const int total_seconds = absl::GetFlag(FLAGS_seconds);
    absl::SetFlag(&FLAGS_seconds, std::max(1, total_seconds / rounds));
    std::optional<Result> grpc_total, http_total;
    for (int round = 0; round < rounds; ++round) {
      if (grpc_reads) Accumulate(grpc_total, GetCases("getcase", cq, *cases, filed, {bearer}));
      if (http_reads) Accumulate(http_total, HttpGetCases(absl::GetFlag(FLAGS_http_port), filed, bearer));
    }
    absl::SetFlag(&FLAGS_seconds, total_seconds);
    if (grpc_total.has_value()) results.push_back(*std::move(grpc_total));
    if (http_total.has_value()) results.push_back(*std::move(http_total));
  }

  // getcase_signed: the same reads, each with a token the server has not
  // seen, so every call pays for the signature check (ES256) the cache
  // spares a returning caller.
  if (wanted.count("getcase_signed") && !filed.empty() && issuer != nullptr) {
    std::vector<std::string> fresh;
    const int64_t n_tokens =
        std::min<int64_t>(absl::GetFlag(FLAGS_max_calls) + absl::GetFlag(FLAGS_concurrency), 60000);
    for (int64_t i = 0; i < n_tokens; ++i) {
      fresh.push_back("Bearer " + issuer->Mint("199208222019032003", "bench", "KOTA-CONTOH", {"operator"}));
    }
    results.push_back(GetCases("getcase_signed", cq, *cases, filed, fresh));
  }

  if (wanted.count("raw") && !absl::GetFlag(FLAGS_db_socket).empty()) results.push_back(RawInserts());

  printf("concurrency %d, at most %d s or %d calls per scenario\n", absl::GetFlag(FLAGS_concurrency),
         absl::GetFlag(FLAGS_seconds), absl::GetFlag(FLAGS_max_calls));
  printf("%-12s %10s %8s %10s %10s %14s %14s\n", "scenario", "calls/s", "errors", "p50 ms", "p99 ms", "server us/call",
         "client us/call");
  std::map<std::string, double> rate, server_us;
  for (Result& r : results) {
    rate[r.name] = r.rate();
    server_us[r.name] = r.ServerMicrosPerCall();
    printf("%-12s %10.0f %8lld %10.2f %10.2f %14.0f %14.0f\n", r.name.c_str(), r.rate(),
           static_cast<long long>(r.errors), r.Percentile(0.50), r.Percentile(0.99), r.ServerMicrosPerCall(),
           r.ClientMicrosPerCall());
  }
  // The composite limit of a filing: one trivial RPC and one raw durable
  // insert in series, 1 / (1/health + 1/raw), both measured in this run.
  if (rate.count("raw") && rate.count("filecase") && rate.count("health") && rate["raw"] > 0 && rate["health"] > 0) {
    const double composite = 1 / (1 / rate["health"] + 1 / rate["raw"]);
    printf("FileCase / composite limit 1/(1/health + 1/raw) = %.0f/s: %.0f%%\n", composite,
           100 * rate["filecase"] / composite);
  }
  if (rate.count("getcase") && rate["health"] > 0)
    printf("GetCase / trivial RPC: %.0f%% (goal >= 40%%)\n", 100 * rate["getcase"] / rate["health"]);
  if (rate.count("http_getcase") && rate["getcase"] > 0) {
    printf("GET /v1/cases/{id} through the gateway / gRPC GetCase: %.0f%% (goal >= 70%%)\n",
           100 * rate["http_getcase"] / rate["getcase"]);
    if (server_us["http_getcase"] > 0 && server_us["getcase"] > 0) {
      printf("server CPU per call, gRPC GetCase / through the gateway: %.0f%%\n",
             100 * server_us["getcase"] / server_us["http_getcase"]);
    }
  }
  // The server's peak resident memory over the whole run (VmHWM).
  if (const int pid = absl::GetFlag(FLAGS_server_pid); pid > 0) {
    std::ifstream status(absl::StrCat("/proc/", pid, "/status"));
    for (std::string line; std::getline(status, line);) {
      if (line.rfind("VmHWM:", 0) == 0) {
        int64_t kb = 0;
        (void)absl::SimpleAtoi(absl::StripAsciiWhitespace(line.substr(6, line.size() - 6 - 3)), &kb);
        printf("server peak RSS (VmHWM) with %d calls in flight: %.0f MB (goal <= 200 MB)\n",
               absl::GetFlag(FLAGS_concurrency), kb / 1024.0);
      }
    }
  }
  if (rate.count("getcase_signed") && rate["getcase"] > 0) {
    printf("GetCase, every token new (signature checked) / GetCase, token verified once (cached): %.0f%%\n",
           100 * rate["getcase_signed"] / rate["getcase"]);
  }
  return 0;
}
