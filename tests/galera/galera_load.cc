// The Galera test's client (tests/galera/galera_test.sh). Two modes:
//
// --mode=load: --writers concurrent writers, for --seconds, each filing
// cases and moving each one step (IssueSummons), through the replicas of
// --replicas in turn. A call answered UNAVAILABLE, ABORTED or
// DEADLINE_EXCEEDED is retried with the same request_id (on the other
// replica); anything else is counted as an error (INTERNAL must never be
// seen). Every acknowledged filing is written to --out (case id and
// register number, a line each). Then --races pairs of the same change of
// one case version are sent to both replicas at once: exactly one may win.
// The races wait for --races_after_file (the script writes it once the
// killed node is Synced again), then for every replica to answer a read:
// "reconnect_seconds" is how long after the file that took (a replica must
// reconnect as soon as its node is back).
// The failover time is from the moment written to --kill_file (Unix
// microseconds) until the first acknowledgement of a write first tried
// after it by a writer that had seen a failure after it (0 when no writer
// saw one).
//
// --mode=verify: every case of --in must be found, with its register
// number, on the replica(s) of --replicas, and its audit chain must verify
// there. Prints "verify: found F, lost L, chain errors C".

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <fstream>
#include <mutex>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/barrier.h"
#include "absl/time/clock.h"
#include "adapters/identity/demo_issuer.h"
#include "asn/discipline/v1/audit.grpc.pb.h"
#include "asn/discipline/v1/cases.grpc.pb.h"
#include "tests/testing/requests.h"

ABSL_FLAG(std::string, mode, "load", "load or verify");
ABSL_FLAG(std::string, replicas, "", "comma-separated host:port of the service replicas");
ABSL_FLAG(std::string, issuer_dir, "", "the demo issuer's directory");
ABSL_FLAG(int, writers, 64, "concurrent writers");
ABSL_FLAG(int, seconds, 30, "how long the load runs");
ABSL_FLAG(int, races, 20, "version races (pairs of one change sent to both replicas)");
ABSL_FLAG(int, recommendations, 10,
          "BKN recommendations filed first, past their follow-up day: both replicas' timers escalate them");
ABSL_FLAG(std::string, races_after_file, "",
          "the races start once this file exists (the killed node is back) and every replica answers");
ABSL_FLAG(std::string, kill_file, "", "the kill's Unix microseconds, written by the script");
ABSL_FLAG(std::string, out, "", "load: the acknowledged filings are written here");
ABSL_FLAG(std::string, in, "", "verify: the acknowledged filings to look for");

namespace {

namespace pb = ::asn::discipline::v1;
using Clock = std::chrono::steady_clock;

std::unique_ptr<discipline::identity::DemoIssuer> issuer;
std::vector<std::shared_ptr<grpc::Channel>> channels;

bool Retryable(grpc::StatusCode c) {
  return c == grpc::StatusCode::UNAVAILABLE || c == grpc::StatusCode::ABORTED ||
         c == grpc::StatusCode::DEADLINE_EXCEEDED;
}

std::unique_ptr<grpc::ClientContext> Ctx(bool supervisor = false) {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  static const std::string token =
      issuer->Mint("199208222019032003", "Penguji Galera", "KOTA-CONTOH", {"operator", "auditor"}, absl::Hours(2));
  static const std::string bkn =
      issuer->Mint("197001011995031001", "Pengawas BKN", "BKN", {"supervisor"}, absl::Hours(2));
  ctx->AddMetadata("authorization", "Bearer " + (supervisor ? bkn : token));
  return ctx;
}

// Files the BKN recommendations whose follow-up is long past due; their ids
// go to `path` (the script counts their escalation steps).
void Recommendations(int n, const std::string& path) {
  std::ofstream out(path);
  auto stub = pb::CaseService::NewStub(channels[0]);
  for (int i = 0; i < n; ++i) {
    const pb::FileCaseRequest r = discipline::testing::BknRecommendation(absl::StrCat("rec-", i), "2026-10-05");
    pb::Case c;
    for (int attempt = 0; attempt < 50; ++attempt) {
      auto ctx = Ctx(true);
      grpc::Status s = stub->FileCase(ctx.get(), r, &c);
      if (s.ok()) {
        out << c.case_id() << "\n";
        break;
      }
      if (!Retryable(s.error_code())) {
        std::fprintf(stderr, "recommendation %d: %d %s\n", i, s.error_code(), s.error_message().c_str());
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
}

int64_t NowMicros() { return absl::ToUnixMicros(absl::Now()); }

int64_t KillMicros() {
  std::ifstream in(absl::GetFlag(FLAGS_kill_file));
  int64_t t = 0;
  return in >> t ? t : 0;
}

struct Totals {
  std::atomic<int64_t> acknowledged{0}, steps{0}, retries{0}, errors{0}, internal{0};
  std::atomic<int64_t> failover_us{0};
  std::mutex mu;
  std::ofstream out;
  std::string first_error;
};

// Calls `rpc` until it is acknowledged or refused for good, alternating
// replicas on a retryable answer. OK, or the final status.
template <typename Req, typename Resp, typename Call>
grpc::Status Persist(const Req& req, Resp* resp, int start, Totals& t, bool* failed_after_kill, Call call) {
  for (int attempt = 0;; ++attempt) {
    auto stub = pb::CaseService::NewStub(channels[(start + attempt) % channels.size()]);
    auto ctx = Ctx();
    const int64_t at = NowMicros();
    grpc::Status s = call(*stub, ctx.get(), req, resp);
    if (s.ok()) return s;
    if (s.error_code() == grpc::StatusCode::INTERNAL) ++t.internal;
    if (!Retryable(s.error_code()) || attempt > 2000) return s;
    const int64_t kill = KillMicros();
    if (kill > 0 && at >= kill) *failed_after_kill = true;
    ++t.retries;
    std::this_thread::sleep_for(std::chrono::milliseconds(attempt < 5 ? 20 : 200));
  }
}

void Writer(int w, Totals& t, Clock::time_point end) {
  bool failed_after_kill = false;
  for (int k = 0; Clock::now() < end; ++k) {
    const pb::FileCaseRequest file = discipline::testing::AbsenceReport(absl::StrCat("g-", w, "-", k), "2026-11-02");
    pb::Case c;
    const int64_t issued = NowMicros();
    grpc::Status s = Persist(file, &c, w + k, t, &failed_after_kill,
                             [](pb::CaseService::Stub& stub, grpc::ClientContext* ctx, const auto& r, auto* out) {
                               return stub.FileCase(ctx, r, out);
                             });
    if (!s.ok()) {
      ++t.errors;
      std::lock_guard<std::mutex> lock(t.mu);
      if (t.first_error.empty()) t.first_error = absl::StrCat(s.error_code(), " ", s.error_message());
      continue;
    }
    ++t.acknowledged;
    const int64_t kill = KillMicros();
    if (failed_after_kill && kill > 0 && issued >= kill) {
      int64_t gap = NowMicros() - kill, seen = t.failover_us.load();
      while ((seen == 0 || gap < seen) && !t.failover_us.compare_exchange_weak(seen, gap)) {
      }
      failed_after_kill = false;
    }
    {
      std::lock_guard<std::mutex> lock(t.mu);
      t.out << c.case_id() << " " << c.register_number() << "\n";
    }
    pb::IssueSummonsRequest summons;
    summons.set_request_id(absl::StrCat("g-", w, "-", k, "-s"));
    summons.set_case_id(c.case_id());
    summons.set_version(c.version());
    summons.set_issued_on("2026-11-02");
    summons.set_examination_on("2026-11-11");
    pb::Case moved;
    s = Persist(summons, &moved, w + k + 1, t, &failed_after_kill,
                [](pb::CaseService::Stub& stub, grpc::ClientContext* ctx, const auto& r, auto* out) {
                  return stub.IssueSummons(ctx, r, out);
                });
    if (s.ok()) {
      ++t.steps;
    } else {
      ++t.errors;
      std::lock_guard<std::mutex> lock(t.mu);
      if (t.first_error.empty()) t.first_error = absl::StrCat(s.error_code(), " ", s.error_message());
    }
  }
}

// Waits for --races_after_file (at most 300 s), then until every replica
// answers a read (at most 60 s more). The seconds from the file to the last
// replica's first answer, or -1 when one did not answer.
double AwaitReplicasBack() {
  const std::string path = absl::GetFlag(FLAGS_races_after_file);
  if (path.empty()) return 0;
  for (int i = 0; i < 3000 && !std::ifstream(path).good(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  const auto back = Clock::now();
  for (size_t r = 0; r < channels.size(); ++r) {
    auto stub = pb::CaseService::NewStub(channels[r]);
    pb::ListCasesRequest list;
    list.set_page_size(1);
    for (;;) {
      pb::ListCasesResponse out;
      grpc::Status s = stub->ListCases(Ctx().get(), list, &out);
      if (s.ok()) break;
      if (Clock::now() - back > std::chrono::seconds(60)) {
        std::printf("replica %zu: still %d %s 60 s after its node was back\n", r, s.error_code(),
                    s.error_message().c_str());
        return -1;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
  return std::chrono::duration<double>(Clock::now() - back).count();
}

// The same change of one case version, with two request ids, on both
// replicas at once: exactly one is acknowledged, the other is ABORTED.
int Races(int n, Totals& t) {
  int exactly_one = 0;
  for (int i = 0; i < n; ++i) {
    const pb::FileCaseRequest file = discipline::testing::AbsenceReport(absl::StrCat("race-", i), "2026-11-02");
    pb::Case c;
    bool ignored = false;
    if (!Persist(file, &c, i, t, &ignored,
                 [](pb::CaseService::Stub& stub, grpc::ClientContext* ctx, const auto& r, auto* out) {
                   return stub.FileCase(ctx, r, out);
                 })
             .ok()) {
      continue;
    }
    {
      std::lock_guard<std::mutex> lock(t.mu);
      t.out << c.case_id() << " " << c.register_number() << "\n";
    }
    ++t.acknowledged;
    absl::Barrier* go = new absl::Barrier(2);
    grpc::Status results[2];
    std::thread racers[2];
    for (int r = 0; r < 2; ++r) {
      racers[r] = std::thread([&, r] {
        pb::IssueSummonsRequest summons;
        summons.set_request_id(absl::StrCat("race-", i, "-", r));
        summons.set_case_id(c.case_id());
        summons.set_version(c.version());
        summons.set_issued_on("2026-11-02");
        summons.set_examination_on(r == 0 ? "2026-11-10" : "2026-11-11");
        auto stub = pb::CaseService::NewStub(channels[r % channels.size()]);
        auto ctx = Ctx();
        pb::Case out;
        if (go->Block()) delete go;
        results[r] = stub->IssueSummons(ctx.get(), summons, &out);
      });
    }
    for (auto& r : racers) r.join();
    for (int r = 0; r < 2; ++r) {
      if (!results[r].ok() && results[r].error_code() != grpc::StatusCode::ABORTED) {
        std::printf("race %d: replica %d answered %d %s\n", i, r, results[r].error_code(),
                    results[r].error_message().c_str());
      }
    }
    const int won = (results[0].ok() ? 1 : 0) + (results[1].ok() ? 1 : 0);
    const bool loser_aborted =
        won == 1 && (results[0].ok() ? results[1] : results[0]).error_code() == grpc::StatusCode::ABORTED;
    if (won == 1 && loser_aborted) ++exactly_one;
  }
  return exactly_one;
}

int Verify() {
  std::ifstream in(absl::GetFlag(FLAGS_in));
  std::string id, reg;
  int64_t found = 0, lost = 0, chain_errors = 0;
  while (in >> id >> reg) {
    for (const auto& ch : channels) {
      auto cases = pb::CaseService::NewStub(ch);
      auto audit = pb::AuditService::NewStub(ch);
      pb::GetCaseRequest g;
      g.set_case_id(id);
      pb::Case c;
      grpc::Status s;
      for (int attempt = 0; attempt < 50; ++attempt) {
        s = cases->GetCase(Ctx().get(), g, &c);
        if (!Retryable(s.error_code())) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
      if (!s.ok() || c.register_number() != reg) {
        ++lost;
        continue;
      }
      ++found;
      pb::VerifyCaseHistoryRequest v;
      v.set_case_id(id);
      pb::VerifyCaseHistoryResponse r;
      if (!audit->VerifyCaseHistory(Ctx().get(), v, &r).ok() || !r.valid()) ++chain_errors;
    }
  }
  std::printf("verify: found %lld, lost %lld, chain errors %lld\n", static_cast<long long>(found),
              static_cast<long long>(lost), static_cast<long long>(chain_errors));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  auto opened = discipline::identity::DemoIssuer::Open(absl::GetFlag(FLAGS_issuer_dir));
  if (!opened.ok()) {
    std::fprintf(stderr, "issuer: %s\n", std::string(opened.status().message()).c_str());
    return 2;
  }
  issuer = std::move(*opened);
  for (absl::string_view r : absl::StrSplit(absl::GetFlag(FLAGS_replicas), ',', absl::SkipEmpty())) {
    channels.push_back(grpc::CreateChannel(std::string(r), grpc::InsecureChannelCredentials()));
  }
  if (channels.empty()) return 2;
  if (absl::GetFlag(FLAGS_mode) == "verify") return Verify();
  Recommendations(absl::GetFlag(FLAGS_recommendations), absl::GetFlag(FLAGS_out) + ".recommendations");
  Totals t;
  t.out.open(absl::GetFlag(FLAGS_out));
  const auto end = Clock::now() + std::chrono::seconds(absl::GetFlag(FLAGS_seconds));
  std::vector<std::thread> writers;
  for (int w = 0; w < absl::GetFlag(FLAGS_writers); ++w) writers.emplace_back([&, w] { Writer(w, t, end); });
  for (auto& w : writers) w.join();
  const double reconnect = AwaitReplicasBack();
  const int races = absl::GetFlag(FLAGS_races);
  const int exactly_one = reconnect < 0 ? 0 : Races(races, t);
  t.out.flush();
  std::printf("load: acknowledged %lld filings, %lld steps, %lld retries, %lld errors, %lld INTERNAL%s%s\n",
              static_cast<long long>(t.acknowledged.load()), static_cast<long long>(t.steps.load()),
              static_cast<long long>(t.retries.load()), static_cast<long long>(t.errors.load()),
              static_cast<long long>(t.internal.load()),
              t.first_error.empty() ? "" : "; first error: ", t.first_error.c_str());
  std::printf("races: %d of %d with exactly one winner\n", exactly_one, races);
  std::printf("failover_seconds %.2f\n", t.failover_us.load() / 1e6);
  std::printf("reconnect_seconds %.2f\n", reconnect);
  return 0;
}
