// The field mapping of the REST and SIASN personnel sources: JSON (parsed by
// protobuf into a Value) → the employee snapshot and the prior punishments.
// Expected values come from the configuration under test and the project's
// SIASN reference (golongan ids, jenisHukuman, alasanHukumanDisiplin).

#include <string>

#include "adapters/personnel/rest_directory.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "service/config/rules_loader.h"
#include "tests/testing/status_matchers.h"

namespace discipline::personnel {
namespace {

namespace gp = google::protobuf;
using ::discipline::testing::StatusIs;

gp::Value Json(const std::string& text) {
  gp::Value v;
  EXPECT_TRUE(gp::util::JsonStringToMessage(text, &v).ok()) << text;
  return v;
}

// The example shape of a REST SIMPEG's profile answer (docs/personnel.md, "Personnel
// sources").
constexpr char kProfile[] = R"({
  "status": true,
  "data": {
    "NIP_BARU": "198503142010011003",
    "NAMA_LENGKAP": "Ahmad Fauzi",
    "STATUS_PEGAWAI": "PNS",
    "GOLONGAN": "III/c",
    "TIPE_JABATAN": "JFT-AHLI-MUDA",
    "JABATAN": "Penghulu Ahli Muda",
    "SATKER": {"KODE": "KUA-01", "NAMA": "KUA Kecamatan Contoh"},
    "INSTANSI": "KEMENAG-KOTA-CONTOH",
    "ATASAN": [{"NIP": "197501012000031001"}],
    "ID_SIASN": 1234567
  }
})";

RestMapping ProfileMapping() {
  RestMapping m;
  cfg::RestFieldPaths& f = m.fields;
  f.set_nip("data.NIP_BARU");
  f.set_name("data.NAMA_LENGKAP");
  f.set_employee_type("data.STATUS_PEGAWAI");
  f.set_rank("data.GOLONGAN");
  f.set_position_kind("data.TIPE_JABATAN");
  f.set_position_title("data.JABATAN");
  f.set_unit_code("data.SATKER.KODE");
  f.set_unit_name("data.SATKER.NAMA");
  f.set_agency_code("data.INSTANSI");
  f.set_superior_nip("data.ATASAN.0.NIP");
  f.set_siasn_id("data.ID_SIASN");
  cfg::ValueMapping kind;
  kind.set_source("JFT-AHLI-MUDA");
  kind.set_position_kind(asn::discipline::v1::POSITION_KIND_FUNGSIONAL_AHLI_MUDA);
  m.position_kinds.push_back(kind);
  cfg::ValueMapping type;
  type.set_source("PNS");
  type.set_employee_type(asn::discipline::v1::EMPLOYEE_TYPE_PNS);
  m.employee_types.push_back(type);
  return m;
}

TEST(RestMappingTest, ProfileFieldsLandOnTheSnapshotByTheirPaths) {
  auto e = MapEmployee(Json(kProfile), ProfileMapping());
  ASSERT_TRUE(e.ok()) << e.status();
  EXPECT_EQ(e->nip, "198503142010011003");
  EXPECT_EQ(e->name, "Ahmad Fauzi");
  EXPECT_EQ(e->employee_type, domain::EmployeeType::kPns);
  EXPECT_EQ(e->rank, "III/c");
  EXPECT_EQ(e->position_kind, domain::PositionKind::kFungsionalAhliMuda);
  EXPECT_EQ(e->position_title, "Penghulu Ahli Muda");
  EXPECT_EQ(e->unit_code, "KUA-01");
  EXPECT_EQ(e->unit_name, "KUA Kecamatan Contoh");
  EXPECT_EQ(e->agency_code, "KEMENAG-KOTA-CONTOH");
  // A list element by its index; a JSON number read as an integer.
  EXPECT_EQ(e->superior_nip, "197501012000031001");
  EXPECT_EQ(e->siasn_id, "1234567");
}

TEST(RestMappingTest, AnUnmappedCodeOrAMissingAgencyIsBadPersonnelData) {
  RestMapping m = ProfileMapping();
  m.position_kinds.clear();
  auto unmapped = MapEmployee(Json(kProfile), m);
  EXPECT_THAT(unmapped.status(), StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(std::string(unmapped.status().message()), ::testing::HasSubstr("JFT-AHLI-MUDA"));

  m = ProfileMapping();
  m.fields.set_agency_code("data.KODE_INSTANSI");  // a path the answer lacks
  EXPECT_THAT(MapEmployee(Json(kProfile), m).status(), StatusIs(absl::StatusCode::kFailedPrecondition));

  m = ProfileMapping();
  EXPECT_THAT(MapEmployee(Json(R"({"data": {"NAMA_LENGKAP": "x"}})"), m).status(),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST(RestMappingTest, PathsThroughMissingKeysListsAndScalarsFindNothing) {
  const gp::Value v = Json(R"({"a": {"b": [1, {"c": "x"}]}, "n": null})");
  EXPECT_EQ(JsonText(v, "a.b.1.c"), "x");
  EXPECT_EQ(JsonText(v, "a.b.0"), "1");
  EXPECT_EQ(JsonText(v, "a.b.2.c"), "");
  EXPECT_EQ(JsonText(v, "a.b.x"), "");
  EXPECT_EQ(JsonText(v, "a.b.1.c.d"), "");
  EXPECT_EQ(JsonText(v, "n"), "");
  EXPECT_EQ(JsonAt(v, "missing"), nullptr);
}

domain::SiasnCodes BuiltinCodes() {
  auto codes = config::ParseSiasnCodes(config::BuiltinSiasnCodesText());
  EXPECT_TRUE(codes.ok()) << codes.status();
  return *codes;
}

TEST(RestMappingTest, SiasnGolonganIdIsReadAsTheRankItNames) {
  // SIASN reference, "Golongan ids": 31…34 are III/a–III/d.
  const domain::SiasnCodes codes = BuiltinCodes();
  RestMapping m;
  m.fields.set_nip("data.nipBaru");
  m.fields.set_name("data.nama");
  m.fields.set_rank("data.golRuangAkhirId");
  m.fields.set_position_kind("data.jenisJabatanId");
  m.fields.set_agency_code("data.instansiKerjaId");
  m.fields.set_employee_type("data.statusPegawai");
  m.default_employee_type = domain::EmployeeType::kPns;
  for (const auto& [rank, golongan] : codes.ranks) m.ranks[golongan] = rank;
  cfg::ValueMapping kind;
  kind.set_source("4");
  kind.set_position_kind(asn::discipline::v1::POSITION_KIND_PELAKSANA);
  m.position_kinds.push_back(kind);
  auto e = MapEmployee(Json(R"({"data": {"nipBaru": "198503142010011003", "nama": "Ahmad Fauzi",
      "golRuangAkhirId": "32", "jenisJabatanId": 4, "instansiKerjaId": "A5EB03E23CFEF6A0E040640A040252AD"}})"),
                       m);
  ASSERT_TRUE(e.ok()) << e.status();
  EXPECT_EQ(e->rank, "III/b");
  EXPECT_EQ(e->employee_type, domain::EmployeeType::kPns) << "data-utama answers for civil servants";
  EXPECT_EQ(e->position_kind, domain::PositionKind::kPelaksana);
}

cfg::RestHistory SiasnHistory() {
  cfg::RestHistory h;
  h.set_list_path("data");
  h.set_punishment("jenisHukumanId");
  h.set_reason("alasanHukumanDisiplinId");
  h.set_decision_number("skNomor");
  h.set_decided_on("skTanggal");
  h.set_effective_on("hukumanTanggal");
  return h;
}

// The repeat-offence rule counts a prior of the same nature only (law
// reference §2.5a): a record whose alasan names several provisions is left out.
TEST(RestMappingTest, SiasnRiwayatIsReadBackThroughTheCodeTable) {
  const domain::SiasnCodes codes = BuiltinCodes();
  const gp::Value riwayat = Json(R"({"data": [
    {"id": "r1", "jenisHukumanId": "2", "alasanHukumanDisiplinId": "11EC54D9B39E57B1E050640A15026590",
     "skNomor": "800/1/2025", "skTanggal": "05-02-2025", "hukumanTanggal": "10-02-2025"},
    {"id": "r2", "jenisHukumanId": "2", "alasanHukumanDisiplinId": "11EC54D9B39757B1E050640A15026590",
     "skNomor": "800/2/2025", "skTanggal": "06-02-2025"},
    {"id": "r3", "jenisHukumanId": "12", "alasanHukumanDisiplinId": "11EC54D9B39E57B1E050640A15026590",
     "skNomor": "800/3/2019", "skTanggal": "01-03-2019"},
    {"id": "r4", "jenisHukumanId": 23, "alasanHukumanDisiplinId": "11EC54D9B3A557B1E050640A15026590",
     "skNomor": "800/4/2024", "skTanggal": "2024-07-01"}
  ]})");
  const auto priors = MapHistory(riwayat, SiasnHistory(), &codes, domain::PriorSource::kSiasn);
  // r1: jenisHukumanId 2 = TEGURAN TERTULIS (SIASN reference), alasan
  // TIDAK MASUK KERJA, which the code table maps from PP94.4.f alone.
  ASSERT_EQ(priors.size(), 1u) << "r2: an alasan of several provisions; r3: pengaktifan is no PP 94 punishment; "
                                  "r4: an alasan of two provisions";
  EXPECT_EQ(priors[0].punishment, domain::Punishment::kTeguranTertulis);
  EXPECT_EQ(priors[0].provision_id, "PP94.4.f");
  EXPECT_EQ(priors[0].decision_number, "800/1/2025");
  EXPECT_EQ(priors[0].decided_on, absl::CivilDay(2025, 2, 5)) << "SIASN writes DD-MM-YYYY";
  ASSERT_TRUE(priors[0].effective_on.has_value());
  EXPECT_EQ(*priors[0].effective_on, absl::CivilDay(2025, 2, 10));
  EXPECT_EQ(priors[0].source, domain::PriorSource::kSiasn);
}

TEST(RestMappingTest, ARestHistoryWithItsOwnCodesAndProvisions) {
  cfg::RestHistory h;
  h.set_list_path("riwayat");
  h.set_punishment("jenis");
  h.set_provision_id("pasal");
  h.set_decision_number("nomor_sk");
  h.set_decided_on("tanggal_sk");
  auto* code = h.add_punishments();
  code->set_source("TT");
  code->set_punishment(asn::discipline::v1::PUNISHMENT_TEGURAN_TERTULIS);
  const auto priors = MapHistory(
      Json(R"({"riwayat": [{"jenis": "TT", "pasal": "PP94.3.d", "nomor_sk": "B-1/2025", "tanggal_sk": "2025-01-20"},
                           {"jenis": "XX", "pasal": "PP94.3.d", "nomor_sk": "B-2/2025", "tanggal_sk": "2025-01-21"},
                           {"jenis": "TT", "pasal": "PP94.3.d", "nomor_sk": "B-3/2025", "tanggal_sk": "31-02-2025"}]})"),
      h, nullptr, domain::PriorSource::kSimpeg);
  ASSERT_EQ(priors.size(), 1u) << "an unknown code and an impossible date are not counted";
  EXPECT_EQ(priors[0].punishment, domain::Punishment::kTeguranTertulis);
  EXPECT_EQ(priors[0].provision_id, "PP94.3.d");
  EXPECT_EQ(priors[0].decided_on, absl::CivilDay(2025, 1, 20));
  EXPECT_EQ(priors[0].source, domain::PriorSource::kSimpeg);
}

}  // namespace
}  // namespace discipline::personnel
