// JSON benchmarks (run by hand; figures in bench/README.md): what the
// gateway's transcoding of one GetCase answer costs, against the binary
// wire format of the same message in the same run.
//
//   BM_Render/json     wire bytes parsed, then protobuf's MessageToJsonString
//                      (what the gateway did with every unary answer)
//   BM_Render/printer  wire bytes parsed, then the gateway's PrintJson (the
//                      same bytes, adapters/http/json_printer.h)
//   BM_Render/binary   the baseline: wire bytes parsed, then serialized again
//   BM_Parse/json      protobuf's JsonStringToMessage of the case's JSON
//                      (what the gateway does with a request body)
//   BM_Parse/binary    the baseline: ParseFromString of its wire bytes
//   BM_MatchRoute/...  the gateway's route look-up (adapters/http/routes.h)
//                      of a route early in the table (GetCase), the last one,
//                      and a path no route has (404)

#include <benchmark/benchmark.h>

#include "adapters/http/json_printer.h"
#include "adapters/http/routes.h"
#include "asn/discipline/v1/cases.pb.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/json_util.h"
#include "service/grpc/generic_call.h"

namespace {

namespace gp = ::google::protobuf;
namespace pb = ::asn::discipline::v1;

// A decided case as GetCase answers it: employee snapshot, two findings,
// summons, examination, recommendation, decision, deadlines, timestamps.
const pb::Case& DecidedCase() {
  static const pb::Case* c = [] {
    auto* out = new pb::Case();
    const bool ok = gp::TextFormat::ParseFromString(
        R"pb(
          case_id: "01JDECIDED00000000000000AB"
          register_number: "KOTA-CONTOH/HD/2026/000042"
          agency_code: "KOTA-CONTOH"
          state: CASE_STATE_DECIDED
          version: 9
          employee {
            nip: "199303152018031005"
            name: "Arif Rahman"
            rank: "III/b"
            position_title: "Analis Kepegawaian"
            unit_code: "BKPSDM-01"
            unit_name: "Bidang Mutasi"
            agency_code: "KOTA-CONTOH"
            superior_nip: "198801012010011001"
            siasn_id: "A5B1C2D3"
          }
          source: SOURCE_SISTEM_KEHADIRAN
          allegations {
            provision_id: "PP94.4.f"
            description: "Tidak masuk kerja tanpa alasan yang sah"
            absence_days: 12
          }
          allegations {
            provision_id: "SKB2022.3"
            description: "Mengunggah dukungan di media sosial"
            neutrality_aspect: NEUTRALITY_ASPECT_POLITIK
          }
          received_on: "2026-03-02"
          summonses { sequence: 1 issued_on: "2026-03-05" examination_on: "2026-03-12" attended: true }
          open_deadlines {
            what: "delivery"
            due_on: "2026-04-28"
            calendar_version: "SKB-2026"
            legal_basis: "PP 94/2021 Pasal 37 ayat (3)"
            working_days_left: 3
          }
          document_ids: "doc-bap-1"
          document_ids: "doc-sk-1"
          created_at { seconds: 1772409600 nanos: 5000000 }
          updated_at { seconds: 1773409600 }
          examination_team_nips: "198801012010011001"
          agency_time_zone: "Asia/Jakarta"
          effective_punishment: PUNISHMENT_PENURUNAN_JABATAN
        )pb",
        out);
    if (!ok) abort();
    return out;
  }();
  return *c;
}

enum class Render { kJson, kPrinter, kBinary };

void BM_Render(benchmark::State& state, Render how) {
  const std::string bytes = DecidedCase().SerializeAsString();
  for (auto _ : state) {
    pb::Case c;
    c.ParseFromString(bytes);
    std::string out;
    switch (how) {
      case Render::kJson:
        (void)gp::util::MessageToJsonString(c, &out);
        break;
      case Render::kPrinter:
        (void)discipline::http::PrintJson(c, &out);
        break;
      case Render::kBinary:
        c.SerializeToString(&out);
        break;
    }
    benchmark::DoNotOptimize(out);
  }
  state.counters["bytes"] = static_cast<double>(bytes.size());
}
BENCHMARK_CAPTURE(BM_Render, json, Render::kJson);
BENCHMARK_CAPTURE(BM_Render, printer, Render::kPrinter);
BENCHMARK_CAPTURE(BM_Render, binary, Render::kBinary);

void BM_Parse(benchmark::State& state, bool json) {
  std::string text;
  (void)gp::util::MessageToJsonString(DecidedCase(), &text);
  const std::string bytes = DecidedCase().SerializeAsString();
  for (auto _ : state) {
    pb::Case c;
    if (json) {
      (void)gp::util::JsonStringToMessage(text, &c);
    } else {
      c.ParseFromString(bytes);
    }
    benchmark::DoNotOptimize(c);
  }
  state.counters["bytes"] = static_cast<double>(json ? text.size() : bytes.size());
}
BENCHMARK_CAPTURE(BM_Parse, json, true);
BENCHMARK_CAPTURE(BM_Parse, binary, false);

void BM_MatchRoute(benchmark::State& state, const char* verb, const char* path) {
  const std::vector<discipline::http::BoundRoute> table =
      discipline::http::BuildRouteTable(discipline::grpc_api::ApiServices());
  const std::string p = path;
  for (auto _ : state) benchmark::DoNotOptimize(discipline::http::MatchRoute(table, verb, p));
}
BENCHMARK_CAPTURE(BM_MatchRoute, get_case, "GET", "/v1/cases/KASUS-2026-000123");
BENCHMARK_CAPTURE(BM_MatchRoute, sign, "POST", "/v1/cases/KASUS-2026-000123/documents/DOC-1:sign");
BENCHMARK_CAPTURE(BM_MatchRoute, no_route, "GET", "/v1/nothing/here");

}  // namespace

BENCHMARK_MAIN();
