// e2e: the real server reading its people from a REST SIMPEG or from SIASN
// (contracts on loopback, tests/contract/personnel_contract_server.h) or
// from a SIMPEG in PostgreSQL (the demo SIMPEG in the PostgreSQL that
// tests/run.sh starts, deploy/demo/simpeg_pg.sql), and
// the employee's riwayat hukuman disiplin from that source counted by the
// repeat-offence rule (law reference §2.5a; api.md "Priors are also read
// from the personnel source's history"): after a teguran tertulis of the
// same nature the recommendation offers only heavier types.

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "asn/discipline/v1/cases.grpc.pb.h"
#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/contract/personnel_contract_server.h"
#include "tests/testing/case_e2e.h"

namespace discipline {
namespace {

namespace pb = ::asn::discipline::v1;

// Andi Saputra, pelaksana of KOTA-CONTOH, and his superiors up to the
// Sekretaris Daerah (the demo's personnel, deploy/demo/demo-personnel.csv).
struct Person {
  const char* nip;
  const char* name;
  const char* rank;
  const char* golongan;  // SIASN's golongan id of the rank
  const char* kind;
  const char* title;
  const char* unit;
  const char* superior;
};
constexpr char kAndi[] = "199006052015031005";
const std::vector<Person> kPeople = {
    {"199006052015031005", "Andi Saputra", "II/c", "23", "PELAKSANA", "Pengadministrasi Umum", "KC.DISDIK.SEKR.UMPEG",
     "198009092005012002"},
    {"198009092005012002", "Rina Marlina, S.Sos.", "III/c", "33", "PENGAWAS", "Kepala Subbagian Umum dan Kepegawaian",
     "KC.DISDIK.SEKR.UMPEG", "197511032000032001"},
    {"197511032000032001", "Sri Wahyuni, S.E., M.M.", "IV/a", "41", "ADMINISTRATOR", "Sekretaris Dinas Pendidikan",
     "KC.DISDIK.SEKR", "197205211998031002"},
    {"197205211998031002", "Ir. Hendra Wijaya, M.T.", "IV/b", "42", "JPT_PRATAMA", "Kepala Dinas Pendidikan",
     "KC.DISDIK", "197003121996031001"},
    {"197003121996031001", "Drs. Bambang Setiawan, M.Si", "IV/c", "43", "JPT_PRATAMA", "Sekretaris Daerah", "KC.SETDA",
     ""},
};

std::string PositionKinds() {
  std::string out;
  for (const char* k : {"PELAKSANA", "PENGAWAS", "ADMINISTRATOR", "JPT_PRATAMA"}) {
    absl::StrAppend(&out, "position_kinds { source: \"", k, "\" position_kind: POSITION_KIND_", k, " } ");
  }
  return out;
}

constexpr char kAgency[] =
    "agencies { code: \"KOTA-CONTOH\" name: \"Pemerintah Kota Contoh\" environment: ENVIRONMENT_KABUPATEN_KOTA "
    "ppk_title: \"Wali Kota Contoh\" ppk_name: \"H. Darmawan Saleh\" time_zone: \"Asia/Pontianak\" }";

std::string WriteFile(const std::string& name, const std::string& text) {
  const std::string path = absl::StrCat(std::getenv("DISCIPLINE_TEST_TMP"), "/", name, "-", getpid());
  std::ofstream(path) << text << "\n";
  return path;
}

class PersonnelSourceE2eTest : public ::discipline::testing::CaseE2eTest {
 protected:
  // Serves the people as the source's answers and writes a server config
  // with `personnel` (and `siasn`) in place of simpeg { }.
  void Configure(bool siasn) {
    for (const Person& p : kPeople) {
      server_.profiles[p.nip] =
          absl::StrCat(R"({"status": true, "data": {"NIP_BARU": ")", p.nip, R"(", "NAMA_LENGKAP": ")", p.name,
                       R"(", "STATUS_PEGAWAI": "PNS", "GOLONGAN": ")", p.rank, R"(", "TIPE_JABATAN": ")", p.kind,
                       R"(", "JABATAN": ")", p.title, R"(", "SATKER": {"KODE": ")", p.unit, R"(", "NAMA": "Unit"},
          "INSTANSI": "KOTA-CONTOH", "ATASAN": [{"NIP": ")",
                       p.superior, R"("}]}})");
      server_.data_utama[p.nip] = absl::StrCat(
          R"({"success": true, "data": {"id": "ORANG-)", p.nip, R"(", "nipBaru": ")", p.nip, R"(", "nama": ")", p.name,
          R"(", "golRuangAkhirId": ")", p.golongan, R"(", "jenisJabatanDemo": ")", p.kind, R"(", "jabatanNama": ")",
          p.title, R"(", "unorId": ")", p.unit, R"(", "unorNama": "Unit", "instansiKerjaId": "KOTA-CONTOH",
          "atasanNip": ")",
          p.superior, R"("}})");
    }
    std::string config =
        absl::StrCat("documents { local_dir: \"", std::getenv("DISCIPLINE_TEST_TMP"), "/documents-", getpid(),
                     siasn ? "-siasn" : "-rest", "\" }\n", ::discipline::testing::IdentityConfig(), "\n",
                     ::discipline::testing::ReporterKeyConfig(), "\n");
    if (siasn) {
      absl::StrAppend(&config, "siasn { token_url: \"", server_.base(), "/oauth2/token\" client_id: \"siasn\"",
                      " client_secret_file: \"", WriteFile("siasn-secret", "siasn"), "\" sso_token_url: \"",
                      server_.base(), "/sso/token\" sso_client_id: \"siasn\" sso_username: \"siasn\"",
                      " sso_password_file: \"", WriteFile("siasn-sso", "siasn"), "\" timeout_seconds: 3 }\n",
                      "personnel { siasn { api_base: \"", server_.base(), "\" ", PositionKinds(), kAgency,
                      " fields { position_kind: \"data.jenisJabatanDemo\" superior_nip: \"data.atasanNip\" } } }\n");
    } else {
      absl::StrAppend(
          &config, "personnel { rest { url_template: \"", server_.base(), "/v1/pegawai/profil/{nip}\"",
          " bearer_token_file: \"", WriteFile("kemenag-token", "kemenag-token"), "\" timeout_seconds: 3",
          " fields { nip: \"data.NIP_BARU\" name: \"data.NAMA_LENGKAP\" employee_type: \"data.STATUS_PEGAWAI\"",
          " rank: \"data.GOLONGAN\" position_kind: \"data.TIPE_JABATAN\" position_title: \"data.JABATAN\"",
          " unit_code: \"data.SATKER.KODE\" unit_name: \"data.SATKER.NAMA\" agency_code: \"data.INSTANSI\"",
          " superior_nip: \"data.ATASAN.0.NIP\" }",
          " employee_types { source: \"PNS\" employee_type: EMPLOYEE_TYPE_PNS } ", PositionKinds(), kAgency,
          " history { url_template: \"", server_.base(), "/v1/pegawai/hukdis/{nip}\" list_path: \"data\"",
          " punishment: \"jenis\" provision_id: \"pasal\" decision_number: \"nomor_sk\" decided_on: \"tanggal_sk\"",
          " punishments { source: \"TEGURAN_TERTULIS\" punishment: PUNISHMENT_TEGURAN_TERTULIS } } } }\n");
    }
    extra_args_ = {"--config=" + WriteFile(siasn ? "server-siasn.textproto" : "server-rest.textproto", config)};
  }

  pb::Case RecommendedFor(const std::string& prefix, const std::string& provision) {
    pb::Finding f;
    f.set_provision_id(provision);
    f.set_proven(true);
    f.set_impact(pb::IMPACT_UNIT_KERJA);
    pb::FileCaseRequest file;
    file.set_request_id(prefix + "-file");
    file.set_agency_code(agency_);
    file.set_employee_nip(kAndi);
    file.set_source(pb::SOURCE_ATASAN_LANGSUNG);
    auto* a = file.add_allegations();
    a->set_provision_id(provision);
    a->set_impact(pb::IMPACT_UNIT_KERJA);
    a->set_occurred_on("2026-09-01");
    file.set_received_on("2026-10-01");
    const pb::Case examined = SummonedAndExamined(Must(&pb::CaseService::Stub::FileCase, file), prefix, f,
                                                  "198009092005012002", /*team=*/false);
    auto rec = Change<pb::RecommendSanctionRequest>(examined, prefix + "-rec");
    rec.set_recommended_on("2026-10-13");
    return Must(&pb::CaseService::Stub::RecommendSanction, rec);
  }

  ::discipline::testing::PersonnelContractServer server_;
};

// After a teguran tertulis none of teguran lisan or tertulis may be offered
// for a violation of the same nature (law reference §2.5a, repeat offence).
void ExpectOnlyHeavierThanAWrittenReprimand(const pb::Case& c) {
  const pb::Assessment& a = c.recommendation().assessment();
  ASSERT_GT(a.options_size(), 0);
  for (const pb::SanctionOption& o : a.options()) {
    EXPECT_NE(o.punishment(), pb::PUNISHMENT_TEGURAN_LISAN) << a.DebugString();
    EXPECT_NE(o.punishment(), pb::PUNISHMENT_TEGURAN_TERTULIS) << a.DebugString();
  }
}

bool OffersLisan(const pb::Case& c) {
  for (const auto& o : c.recommendation().assessment().options()) {
    if (o.punishment() == pb::PUNISHMENT_TEGURAN_LISAN) return true;
  }
  return false;
}

class SiasnPersonnelE2eTest : public PersonnelSourceE2eTest {
 protected:
  SiasnPersonnelE2eTest() {
    // Rahasia jabatan (PP 94/2021 Pasal 3 huruf g): its alasan id names
    // that provision alone in the code table.
    server_.rw_hukdis[kAndi] = R"({"success": true, "data": [{"id": "RW-1", "jenisHukumanId": "2",
        "alasanHukumanDisiplinId": "11EC54D9B39B57B1E050640A15026590", "skNomor": "800/SIASN/2025",
        "skTanggal": "02-06-2025", "hukumanTanggal": "23-06-2025"}]})";
    Configure(/*siasn=*/true);
  }
};

TEST_F(SiasnPersonnelE2eTest, ATegurantTertulisInTheSiasnRiwayatMakesTheRecommendationHeavier) {
  // PP 94/2021 Pasal 3 huruf g at the unit's scope is ringan (Pasal 9 ayat
  // (1) huruf e): from the teguran lisan up, without a prior.
  const pb::Case other = RecommendedFor("other", "PP94.3.d");
  EXPECT_TRUE(OffersLisan(other)) << "a prior of another nature does not count";
  EXPECT_FALSE(other.recommendation().has_counted_prior());

  const pb::Case same = RecommendedFor("same", "PP94.3.g");
  ExpectOnlyHeavierThanAWrittenReprimand(same);
  ASSERT_TRUE(same.recommendation().has_counted_prior()) << same.recommendation().DebugString();
  EXPECT_EQ(same.recommendation().counted_prior().decision_number(), "800/SIASN/2025");
  EXPECT_EQ(same.employee().rank(), "II/c") << "golongan id 23 (SIASN reference)";
  EXPECT_EQ(server_.unauthorized, 0) << "both SIASN tokens on every call";
}

class RestPersonnelE2eTest : public PersonnelSourceE2eTest {
 protected:
  RestPersonnelE2eTest() {
    server_.rest_histories[kAndi] = R"({"data": [{"jenis": "TEGURAN_TERTULIS", "pasal": "PP94.3.d",
        "nomor_sk": "800/SIMPEG/2025", "tanggal_sk": "2025-06-02"}]})";
    Configure(/*siasn=*/false);
  }
};

TEST_F(RestPersonnelE2eTest, ATegurantTertulisInTheRestRiwayatMakesTheRecommendationHeavier) {
  const pb::Case same = RecommendedFor("same", "PP94.3.d");
  ExpectOnlyHeavierThanAWrittenReprimand(same);
  ASSERT_TRUE(same.recommendation().has_counted_prior()) << same.recommendation().DebugString();
  EXPECT_EQ(same.recommendation().counted_prior().decision_number(), "800/SIMPEG/2025");
  EXPECT_EQ(same.employee().name(), "Andi Saputra");

  // The source down: reads that need no personnel still answer; filing a
  // case for an employee not read before (none cached) is UNAVAILABLE.
  server_.mode = ::discipline::testing::PersonnelContractServer::Mode::kFail;
  pb::GetCaseRequest get;
  get.set_case_id(same.case_id());
  pb::Case out;
  EXPECT_TRUE(Call(&pb::CaseService::Stub::GetCase, get, &out).ok());
  pb::FileCaseRequest file;
  file.set_request_id("down-file");
  file.set_agency_code(agency_);
  file.set_employee_nip("199208222019032003");
  file.set_source(pb::SOURCE_ATASAN_LANGSUNG);
  auto* a = file.add_allegations();
  a->set_provision_id("PP94.3.d");
  a->set_impact(pb::IMPACT_UNIT_KERJA);
  file.set_received_on("2026-10-01");
  EXPECT_EQ(Call(&pb::CaseService::Stub::FileCase, file, &out).error_code(), grpc::StatusCode::UNAVAILABLE);
}

// The same from a SIMPEG in PostgreSQL: personnel { sql { driver:
// SQL_DRIVER_POSTGRESQL ... } } with the demo mapping, whose history names
// the riwayat_hukdis table (Andi's teguran tertulis of 2025, SK
// 800/SIMPEG-PG/2025, for PP 94/2021 Pasal 3 huruf d).
class PostgresPersonnelE2eTest : public PersonnelSourceE2eTest {
 protected:
  PostgresPersonnelE2eTest() {
    const char* dir = std::getenv("DISCIPLINE_TEST_PG_SOCKET_DIR");
    const char* pw = std::getenv("DISCIPLINE_TEST_PG_PASSWORD_FILE");
    const std::string config = absl::StrCat(
        "documents { local_dir: \"", std::getenv("DISCIPLINE_TEST_TMP"), "/documents-", getpid(), "-pg\" }\n",
        ::discipline::testing::IdentityConfig(), "\n", ::discipline::testing::ReporterKeyConfig(), "\n",
        "personnel { sql { driver: SQL_DRIVER_POSTGRESQL socket: \"", dir != nullptr ? dir : "", "\"",
        " database: \"simpeg_pg\" user: \"simpeg_reader\" password_file: \"", pw != nullptr ? pw : "", "\"",
        " mapping_file: \"", DISCIPLINE_SOURCE_DIR, "/deploy/demo/simpeg_pg.mapping.textproto\"",
        " connect_timeout_seconds: 2 query_timeout_seconds: 3 } }\n");
    extra_args_ = {"--config=" + WriteFile("server-pg.textproto", config)};
  }
};

TEST_F(PostgresPersonnelE2eTest, ATeguranTertulisInThePostgresRiwayatMakesTheRecommendationHeavier) {
  // A prior of another nature (Pasal 3 huruf d) does not count for a
  // violation of Pasal 3 huruf g: from the teguran lisan up.
  const pb::Case other = RecommendedFor("other", "PP94.3.g");
  EXPECT_TRUE(OffersLisan(other)) << "a prior of another nature does not count";
  EXPECT_FALSE(other.recommendation().has_counted_prior());

  const pb::Case same = RecommendedFor("same", "PP94.3.d");
  ExpectOnlyHeavierThanAWrittenReprimand(same);
  ASSERT_TRUE(same.recommendation().has_counted_prior()) << same.recommendation().DebugString();
  EXPECT_EQ(same.recommendation().counted_prior().decision_number(), "800/SIMPEG-PG/2025");
  EXPECT_EQ(same.recommendation().counted_prior().provision_id(), "PP94.3.d");
  EXPECT_EQ(same.recommendation().counted_prior().punishment(), pb::PUNISHMENT_TEGURAN_TERTULIS);
  EXPECT_EQ(same.recommendation().counted_prior().imposed_on(), "2025-06-02");
  EXPECT_EQ(same.employee().name(), "Andi Saputra");
  EXPECT_EQ(same.employee().rank(), "II/c");
}

// PostgreSQL not there (a socket directory nobody serves): the server
// starts, health stays SERVING, and filing a case, which needs the
// employee, is UNAVAILABLE.
class PostgresDownE2eTest : public ::discipline::testing::CaseE2eTest {
 protected:
  PostgresDownE2eTest() {
    const std::string empty = absl::StrCat(std::getenv("DISCIPLINE_TEST_TMP"), "/no-pg-", getpid());
    std::filesystem::create_directories(empty);
    const std::string config = absl::StrCat(
        "documents { local_dir: \"", std::getenv("DISCIPLINE_TEST_TMP"), "/documents-", getpid(), "-nopg\" }\n",
        ::discipline::testing::IdentityConfig(), "\n", ::discipline::testing::ReporterKeyConfig(), "\n",
        "personnel { sql { driver: SQL_DRIVER_POSTGRESQL socket: \"", empty, "\" database: \"simpeg_pg\"",
        " user: \"simpeg_reader\" mapping_file: \"", DISCIPLINE_SOURCE_DIR,
        "/deploy/demo/simpeg_pg.mapping.textproto\" connect_timeout_seconds: 2 } }\n");
    extra_args_ = {"--config=" + WriteFile("server-nopg.textproto", config)};
  }
};

TEST_F(PostgresDownE2eTest, HealthStaysServingAndFilingIsUnavailable) {
  auto health = grpc::health::v1::Health::NewStub(server_->Channel());
  grpc::ClientContext ctx;
  ctx.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(5)));
  grpc::health::v1::HealthCheckResponse resp;
  ASSERT_TRUE(health->Check(&ctx, grpc::health::v1::HealthCheckRequest(), &resp).ok());
  EXPECT_EQ(resp.status(), grpc::health::v1::HealthCheckResponse::SERVING);

  pb::FileCaseRequest file;
  file.set_request_id("nopg-file");
  file.set_agency_code(agency_);
  file.set_employee_nip(kAndi);
  file.set_source(pb::SOURCE_ATASAN_LANGSUNG);
  auto* a = file.add_allegations();
  a->set_provision_id("PP94.3.d");
  a->set_impact(pb::IMPACT_UNIT_KERJA);
  file.set_received_on("2026-10-01");
  pb::Case out;
  EXPECT_EQ(Call(&pb::CaseService::Stub::FileCase, file, &out).error_code(), grpc::StatusCode::UNAVAILABLE);
}

}  // namespace
}  // namespace discipline
