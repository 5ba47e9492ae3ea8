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
#include <unistd.h>

#include <fstream>

#include "adapters/identity/jwt_verifier.h"
#include "adapters/letters/cairo_renderer.h"
#include "asn/discipline/v1/rules.grpc.pb.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "service/app/letter_use_cases.h"
#include "service/config/rules_loader.h"
#include "service/grpc/server.h"
#include "service/letters/letter_templates.h"

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
                  ViolationFacts{.provision_id = "PP94.3.d",
                                 .impact = Impact::kInstansi,
                                 .position_kind = discipline::domain::PositionKind::kPelaksana,
                                 .environment = discipline::domain::Environment::kKabupatenKota});
BENCHMARK_CAPTURE(BM_AssessInProcess, attendance_PP94_4_f,
                  ViolationFacts{.provision_id = "PP94.4.f",
                                 .absence_days = 22,
                                 .position_kind = discipline::domain::PositionKind::kAdministrator,
                                 .environment = discipline::domain::Environment::kPusat});
BENCHMARK_CAPTURE(BM_AssessInProcess, neutrality_SKB2022_13,
                  ViolationFacts{.provision_id = "SKB2022.13",
                                 .position_kind = discipline::domain::PositionKind::kJptPratama,
                                 .environment = discipline::domain::Environment::kProvinsi,
                                 .candidate_status = discipline::domain::CandidateStatus::kCalon});

// A repeat offence (law reference 2.5a): every type heavier than a teguran
// tertulis across the three levels, each with its official.
BENCHMARK_CAPTURE(BM_AssessInProcess, repeat_PP94_3_d,
                  ViolationFacts{.provision_id = "PP94.3.d",
                                 .impact = Impact::kUnitKerja,
                                 .position_kind = discipline::domain::PositionKind::kPelaksana,
                                 .environment = discipline::domain::Environment::kKabupatenKota,
                                 .prior_punishment = discipline::domain::Punishment::kTeguranTertulis});

// The demo issuer's kind of key and a verifier of its tokens: the server's
// real verification path.
struct Identity {
  Identity() {
    key = *discipline::identity::SigningKey::Generate("ES256", "bench-1");
    jwks = "/tmp/rules-bench-jwks-" + std::to_string(getpid()) + ".json";
    std::ofstream(jwks) << key->Jwks();
    discipline::identity::VerifierOptions o;
    o.issuer = "https://sso.bench.invalid/realms/bench";
    o.audience = "asn-discipline";
    o.jwks_file = jwks;
    verifier = *discipline::identity::JwtVerifier::Create(o, clock);
    discipline::identity::DemoClaims c;
    c.issuer = o.issuer;
    c.audience = o.audience;
    c.nip = "199208222019032003";
    c.agency_code = "KOTA-CONTOH";
    c.roles = {"operator"};
    c.issued_at = absl::Now();
    token = "Bearer " + key->Sign(discipline::identity::ClaimsOf(c));
  }
  discipline::ports::SystemClock clock;
  std::unique_ptr<discipline::identity::SigningKey> key;
  std::string jwks;
  std::unique_ptr<discipline::identity::JwtVerifier> verifier;
  std::string token;
};

Identity& Ident() {
  static auto* id = new Identity();
  return *id;
}

// The baseline of the bench only (the server binary has no such mode): a
// verifier that accepts any token without looking at it, so that the cost
// of real verification shows as the difference between two servers of the
// same run.
class AcceptAnyToken final : public discipline::ports::TokenVerifier {
 public:
  absl::StatusOr<discipline::domain::Caller> Verify(absl::string_view) override {
    discipline::domain::Caller c;
    c.agency_code = "KOTA-CONTOH";
    c.roles = {discipline::domain::Role::kOperator};
    return c;
  }
};

discipline::grpc_api::Server& StartServer(discipline::ports::TokenVerifier* verifier) {
  discipline::grpc_api::ServerOptions options;
  options.listen = "127.0.0.1:0";
  discipline::grpc_api::ServerDeps deps{&Rules().engine, &Rules().calendar};
  deps.verifier = verifier;
  return *discipline::grpc_api::Server::Start(options, deps)->release();
}

discipline::grpc_api::Server& BenchServer() {
  static auto* server = &StartServer(Ident().verifier.get());
  return *server;
}

discipline::grpc_api::Server& BaselineServer() {
  static auto* server = &StartServer(new AcceptAnyToken());
  return *server;
}

std::shared_ptr<grpc::Channel> Channel(int thread, const discipline::grpc_api::Server& server = BenchServer()) {
  // One channel (one HTTP/2 connection) per client thread, as separate HR
  // systems would have.
  grpc::ChannelArguments args;
  args.SetInt("grpc.channel_id", thread);
  return grpc::CreateCustomChannel("127.0.0.1:" + std::to_string(server.port()), grpc::InsecureChannelCredentials(),
                                   args);
}

// AssessViolation through gRPC; `authenticated`: against the server that
// verifies the token (a returning caller: verified once, then cached).
void GrpcAssess(benchmark::State& state, bool authenticated) {
  auto stub =
      pb::RulesService::NewStub(Channel(state.thread_index(), authenticated ? BenchServer() : BaselineServer()));
  pb::AssessViolationRequest req;
  req.set_provision_id("PP94.4.f");
  req.set_absence_days(22);
  req.set_position_kind(pb::POSITION_KIND_ADMINISTRATOR);
  req.set_environment(pb::ENVIRONMENT_PUSAT);
  for (auto _ : state) {
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", Ident().token);
    pb::Assessment resp;
    if (!stub->AssessViolation(&ctx, req, &resp).ok()) state.SkipWithError("AssessViolation failed");
  }
  state.SetItemsProcessed(state.iterations());
}
void BM_GrpcAssess(benchmark::State& state) { GrpcAssess(state, true); }
void BM_GrpcAssessUnverified(benchmark::State& state) { GrpcAssess(state, false); }
BENCHMARK(BM_GrpcAssess)->ThreadRange(1, 8)->UseRealTime();
BENCHMARK(BM_GrpcAssessUnverified)->ThreadRange(1, 8)->UseRealTime();

// The verifier alone: a cached token, and a new token each time (the
// ES256 signature check).
void BM_VerifyCachedToken(benchmark::State& state) {
  const std::string token = Ident().token.substr(7);
  for (auto _ : state) benchmark::DoNotOptimize(Ident().verifier->Verify(token));
}
BENCHMARK(BM_VerifyCachedToken);

void BM_VerifyNewToken(benchmark::State& state) {
  discipline::identity::DemoClaims c;
  c.issuer = "https://sso.bench.invalid/realms/bench";
  c.audience = "asn-discipline";
  c.agency_code = "KOTA-CONTOH";
  c.roles = {"operator"};
  c.issued_at = absl::Now();
  std::vector<std::string> tokens;
  for (int i = 0; i < 2000; ++i) {
    c.jti = std::to_string(i) + "-" + std::to_string(state.iterations());
    tokens.push_back(Ident().key->Sign(discipline::identity::ClaimsOf(c)));
  }
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(Ident().verifier->Verify(tokens[i++ % tokens.size()]));
}
BENCHMARK(BM_VerifyNewToken)->Iterations(2000);

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

// The SK of a decided case (two A4 pages), from the case to PDF bytes: the
// values, the Mustache expansion, Pango's layout and Cairo's PDF with its
// embedded font subsets. Beside BM_GrpcHealthCheck of the same run.
void BM_RenderSk(benchmark::State& state) {
  discipline::domain::Case c;
  c.register_number = "HD/2026/000007";
  c.employee = {"199006052015031005", "Andi Saputra"};
  c.employee.rank = "Pengatur (II/c)";
  c.employee.unit_name = "Dinas Kependudukan dan Pencatatan Sipil";
  discipline::domain::ViolationRecord v;
  v.provision_id = "PP94.4.f";
  v.proven = true;
  c.allegations.push_back(v);
  discipline::domain::Decision d;
  d.punishment = discipline::domain::Punishment::kPenurunanPangkat1Tahun;
  d.decision_number = "800.1.6.3/090/BKPSDM/2026";
  d.decided_on = absl::CivilDay(2026, 10, 14);
  d.decided_by.name = "Wali Kota Contoh";
  d.remedy = discipline::domain::Remedy::kKeberatan;
  c.decision = d;
  const discipline::letters::CairoLetterRenderer renderer({{"PEMERINTAH KOTA CONTOH"}, "Jalan Merdeka 1", "", "A4"});
  size_t bytes = 0;
  for (auto _ : state) {
    std::string version;
    auto in = discipline::app::LetterInputFor(c, discipline::domain::LetterKind::kSkHukumanDisiplin, Rules().engine,
                                              discipline::letters::BuiltinTemplates(), "Kota Contoh", &version);
    if (!in.ok()) state.SkipWithError("no input");
    auto pdf = renderer.Render(*in);
    if (!pdf.ok()) state.SkipWithError("render failed");
    bytes = pdf->size();
  }
  state.counters["pdf_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_RenderSk)->UseRealTime();

// Every letter kind of a case that went the whole way (summoned with a
// team, released from duties, examined, decided, delivered), from the case
// and SIMPEG's records to PDF bytes. The argument is the LetterKind number.
void BM_RenderLetter(benchmark::State& state) {
  namespace d = discipline::domain;
  d::Case c;
  c.register_number = "HD/2026/000007";
  c.employee = {"199006052015031005", "Andi Saputra"};
  c.employee.rank = "Pengatur (II/c)";
  c.employee.unit_name = "Dinas Kependudukan dan Pencatatan Sipil";
  c.received_on = absl::CivilDay(2026, 10, 1);
  d::ViolationRecord v;
  v.provision_id = "PP94.4.f";
  v.proven = true;
  c.allegations.push_back(v);
  d::Summons s;
  s.sequence = 1;
  s.issued_on = absl::CivilDay(2026, 10, 1);
  s.examination_on = absl::CivilDay(2026, 10, 12);
  s.examiner_nips = {"197111201996032002"};
  s.examination_team_nips = {"197111201996032002", "198009092005012002"};
  s.examination_team_decree_number = "800/TIM/01/2026";
  c.summonses.push_back(s);
  c.temporary_release = d::TemporaryRelease{"800/PBS/01/2026", absl::CivilDay(2026, 10, 5), "197111201996032002",
                                            "198009092005012002", std::nullopt};
  d::Examination e;
  e.examined_on = absl::CivilDay(2026, 10, 12);
  e.attended = true;
  e.findings.push_back(v);
  e.examiner_nips = {"197111201996032002"};
  c.examination = e;
  d::Decision dec;
  dec.outcome = d::DecisionOutcome::kApprove;
  dec.punishment = d::Punishment::kPenurunanPangkat1Tahun;
  dec.decision_number = "800.1.6.3/090/BKPSDM/2026";
  dec.decided_on = absl::CivilDay(2026, 10, 14);
  dec.decided_by.name = "Wali Kota Contoh";
  dec.remedy = d::Remedy::kKeberatan;
  c.decision = dec;
  c.delivered_on = absl::CivilDay(2026, 10, 20);
  discipline::app::LetterContext ctx;
  ctx.people["197111201996032002"] = {"197111201996032002", "Dra. Sri Wahyuni"};
  ctx.status = d::DisciplineStatus{};
  ctx.status->on_date = absl::CivilDay(2026, 12, 6);
  const auto kind = static_cast<d::LetterKind>(state.range(0));
  // The summons to receive the decision comes before its delivery.
  if (kind == d::LetterKind::kPanggilanMenerimaKeputusan) c.delivered_on.reset();
  const discipline::letters::CairoLetterRenderer renderer({{"PEMERINTAH KOTA CONTOH"}, "Jalan Merdeka 1", "", "A4"});
  size_t bytes = 0;
  for (auto _ : state) {
    std::string version;
    auto in = discipline::app::LetterInputFor(c, kind, Rules().engine, discipline::letters::BuiltinTemplates(),
                                              "Kota Contoh", &version, ctx);
    if (!in.ok()) {
      state.SkipWithError("no input");
      break;
    }
    auto pdf = renderer.Render(*in);
    if (!pdf.ok()) state.SkipWithError("render failed");
    bytes = pdf->size();
  }
  state.SetLabel(std::string(d::Name(kind)));
  state.counters["pdf_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_RenderLetter)->DenseRange(1, 9)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
