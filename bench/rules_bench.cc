// Rules benchmarks (run by hand; figures in bench/README.md).
//
//   BM_AssessInProcess/*    ns per RulesEngine::Assess, no I/O
//   BM_GrpcAssess           AssessViolation calls/s through a real gRPC
//                           channel on loopback to an in-process server
//   BM_GrpcHealthCheck      grpc.health.v1 Check calls/s on the same server:
//                           the trivial-RPC baseline; the figure is the ratio
//
// Bounded: Google Benchmark picks the iteration count within its default
// time budget; all traffic is on 127.0.0.1.

#include <benchmark/benchmark.h>

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

#include "asn/discipline/v1/rules.grpc.pb.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "service/config/rules_loader.h"
#include "service/grpc/server.h"

namespace {

namespace pb = ::asn::discipline::v1;
using discipline::domain::Impact;
using discipline::domain::ViolationFacts;

const discipline::config::LoadedRules& Rules() {
  static auto* rules = new discipline::config::LoadedRules(*discipline::config::LoadRules({}));
  return *rules;
}

void BM_AssessInProcess(benchmark::State& state, ViolationFacts facts) {
  const auto& engine = Rules().engine;
  for (auto _ : state) {
    auto a = engine.Assess(facts);
    benchmark::DoNotOptimize(a);
  }
}
BENCHMARK_CAPTURE(BM_AssessInProcess, impact_PP94_3_d,
                  ViolationFacts{.provision_id = "PP94.3.d", .impact = Impact::kInstansi,
                                 .position_kind = discipline::domain::PositionKind::kPelaksana,
                                 .environment = discipline::domain::Environment::kKabupatenKota});
BENCHMARK_CAPTURE(BM_AssessInProcess, attendance_PP94_4_f,
                  ViolationFacts{.provision_id = "PP94.4.f", .absence_days = 22,
                                 .position_kind = discipline::domain::PositionKind::kAdministrator,
                                 .environment = discipline::domain::Environment::kPusat});
BENCHMARK_CAPTURE(BM_AssessInProcess, neutrality_SKB2022_13,
                  ViolationFacts{.provision_id = "SKB2022.13",
                                 .position_kind = discipline::domain::PositionKind::kJptPratama,
                                 .environment = discipline::domain::Environment::kProvinsi,
                                 .candidate_status = discipline::domain::CandidateStatus::kCalon});

discipline::grpc_api::Server& BenchServer() {
  static auto* server = [] {
    discipline::grpc_api::ServerOptions options;
    options.listen = "127.0.0.1:0";
    auto s = discipline::grpc_api::Server::Start(options, {&Rules().engine, &Rules().calendar});
    return s->release();
  }();
  return *server;
}

std::shared_ptr<grpc::Channel> Channel(int thread) {
  // One channel (one HTTP/2 connection) per client thread, as separate HR
  // systems would have.
  grpc::ChannelArguments args;
  args.SetInt("grpc.channel_id", thread);
  return grpc::CreateCustomChannel("127.0.0.1:" + std::to_string(BenchServer().port()),
                                   grpc::InsecureChannelCredentials(), args);
}

void BM_GrpcAssess(benchmark::State& state) {
  auto stub = pb::RulesService::NewStub(Channel(state.thread_index()));
  pb::AssessViolationRequest req;
  req.set_provision_id("PP94.4.f");
  req.set_absence_days(22);
  req.set_position_kind(pb::POSITION_KIND_ADMINISTRATOR);
  req.set_environment(pb::ENVIRONMENT_PUSAT);
  for (auto _ : state) {
    grpc::ClientContext ctx;
    pb::Assessment resp;
    if (!stub->AssessViolation(&ctx, req, &resp).ok()) state.SkipWithError("AssessViolation failed");
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_GrpcAssess)->ThreadRange(1, 8)->UseRealTime();

void BM_GrpcHealthCheck(benchmark::State& state) {
  auto stub = grpc::health::v1::Health::NewStub(Channel(state.thread_index()));
  grpc::health::v1::HealthCheckRequest req;
  for (auto _ : state) {
    grpc::ClientContext ctx;
    grpc::health::v1::HealthCheckResponse resp;
    if (!stub->Check(&ctx, req, &resp).ok()) state.SkipWithError("Check failed");
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_GrpcHealthCheck)->ThreadRange(1, 8)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
