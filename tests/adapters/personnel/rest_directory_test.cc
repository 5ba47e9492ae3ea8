// The REST and SIASN personnel sources against their contracts on loopback
// (tests/contract/personnel_contract_server.h): the employee and the
// superior chain, both SIASN tokens on every call, the riwayat as priors,
// the cache, and a source that refuses, fails or hangs → UNAVAILABLE.

#include "adapters/personnel/rest_directory.h"

#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "adapters/personnel/personnel_source.h"
#include "adapters/siasn/tokens.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/config/rules_loader.h"
#include "service/ports/clock.h"
#include "tests/contract/personnel_contract_server.h"
#include "tests/testing/status_matchers.h"

namespace discipline::personnel {
namespace {

using ::discipline::testing::PersonnelContractServer;
using ::discipline::testing::StatusIs;

constexpr char kStaff[] = "198503142010011003";
constexpr char kHead[] = "197501012000031001";

std::string Profile(const std::string& nip, const std::string& name, const std::string& superior) {
  return absl::StrCat(R"({"status": true, "data": {"NIP_BARU": ")", nip, R"(", "NAMA_LENGKAP": ")", name,
                      R"(", "STATUS_PEGAWAI": "PNS", "GOLONGAN": "III/c", "TIPE_JABATAN": "PELAKSANA",
      "JABATAN": "Penyusun Bahan", "SATKER": {"KODE": "KUA-01", "NAMA": "KUA Kecamatan Contoh"},
      "INSTANSI": "KEMENAG-KOTA-CONTOH", "ATASAN": [{"NIP": ")",
                      superior, R"("}]}})");
}

class FixedClock final : public ports::Clock {
 public:
  absl::Time Now() const override { return absl::Now(); }
};

std::string TempFile(const std::string& name, const std::string& text) {
  const char* dir = std::getenv("DISCIPLINE_TEST_TMP");
  const std::string path = absl::StrCat(dir != nullptr ? dir : "/tmp", "/", name, "-", getpid());
  std::ofstream(path) << text << "\n";
  return path;
}

cfg::RestPersonnelSource RestConfig(const PersonnelContractServer& server, int timeout_seconds = 2) {
  cfg::RestPersonnelSource c;
  c.set_url_template(server.base() + "/v1/pegawai/profil/{nip}");
  c.set_bearer_token_file(TempFile("kemenag-token", "kemenag-token"));
  c.set_timeout_seconds(timeout_seconds);
  auto* f = c.mutable_fields();
  f->set_nip("data.NIP_BARU");
  f->set_name("data.NAMA_LENGKAP");
  f->set_employee_type("data.STATUS_PEGAWAI");
  f->set_rank("data.GOLONGAN");
  f->set_position_kind("data.TIPE_JABATAN");
  f->set_position_title("data.JABATAN");
  f->set_unit_code("data.SATKER.KODE");
  f->set_unit_name("data.SATKER.NAMA");
  f->set_agency_code("data.INSTANSI");
  f->set_superior_nip("data.ATASAN.0.NIP");
  auto* kind = c.add_position_kinds();
  kind->set_source("PELAKSANA");
  kind->set_position_kind(asn::discipline::v1::POSITION_KIND_PELAKSANA);
  auto* type = c.add_employee_types();
  type->set_source("PNS");
  type->set_employee_type(asn::discipline::v1::EMPLOYEE_TYPE_PNS);
  auto* agency = c.add_agencies();
  agency->set_code("KEMENAG-KOTA-CONTOH");
  agency->set_name("Kantor Kementerian Agama Kota Contoh");
  agency->set_environment(asn::discipline::v1::ENVIRONMENT_PUSAT);
  agency->set_ppk_title("Menteri Agama");
  agency->set_time_zone("Asia/Jakarta");
  return c;
}

TEST(RestDirectoryTest, TheEmployeeAndTheSuperiorChainComeFromTheRestSource) {
  PersonnelContractServer server;
  server.profiles[kStaff] = Profile(kStaff, "Ahmad Fauzi", kHead);
  server.profiles[kHead] = Profile(kHead, "Budi Santoso", "");
  FixedClock clock;
  auto d = RestDirectory::FromConfig(RestConfig(server), nullptr, clock);
  ASSERT_TRUE(d.ok()) << d.status();
  auto e = (*d)->GetEmployee("19850314 201001 1 003");
  ASSERT_TRUE(e.ok()) << e.status();
  EXPECT_EQ(e->nip, kStaff);
  EXPECT_EQ(e->name, "Ahmad Fauzi");
  EXPECT_EQ(e->environment, domain::Environment::kPusat) << "the configured agency's";
  EXPECT_EQ(e->superior_nip, kHead);
  auto chain = (*d)->SuperiorChain(kStaff);
  ASSERT_TRUE(chain.ok()) << chain.status();
  ASSERT_EQ(chain->size(), 1u);
  EXPECT_EQ((*chain)[0].name, "Budi Santoso");
  EXPECT_THAT((*d)->GetEmployee("199001012015031009").status(), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT((*d)->GetEmployee("12345").status(), StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(RestDirectoryTest, ARefusingFailingOrHangingSourceIsUnavailableAndTheCacheStillAnswers) {
  PersonnelContractServer server;
  server.profiles[kStaff] = Profile(kStaff, "Ahmad Fauzi", "");
  server.profiles[kHead] = Profile(kHead, "Budi Santoso", "");
  FixedClock clock;
  auto d = RestDirectory::FromConfig(RestConfig(server, /*timeout_seconds=*/1), nullptr, clock);
  ASSERT_TRUE(d.ok()) << d.status();
  ASSERT_TRUE((*d)->GetEmployee(kStaff).ok());
  for (auto mode : {PersonnelContractServer::Mode::kRefuse, PersonnelContractServer::Mode::kFail,
                    PersonnelContractServer::Mode::kHang}) {
    server.mode = mode;
    const absl::Time start = absl::Now();
    auto down = (*d)->GetEmployee(kHead);
    EXPECT_THAT(down.status(), StatusIs(absl::StatusCode::kUnavailable)) << static_cast<int>(mode);
    EXPECT_LT(absl::Now() - start, absl::Seconds(4)) << "the call's timeout bounds a hanging source";
    EXPECT_THAT(std::string(down.status().message()), ::testing::Not(::testing::HasSubstr("kemenag-token")));
    // Answered before: from the cache, without a call.
    const int calls = server.rest_calls;
    auto cached = (*d)->GetEmployee(kStaff);
    ASSERT_TRUE(cached.ok()) << cached.status();
    EXPECT_EQ(server.rest_calls, calls);
  }
  server.mode = PersonnelContractServer::Mode::kServe;
  EXPECT_TRUE((*d)->GetEmployee(kHead).ok()) << "recovers by itself";
}

TEST(RestDirectoryTest, AWrongTokenIsUnavailableNotAnEmployeeError) {
  PersonnelContractServer server;
  server.profiles[kStaff] = Profile(kStaff, "Ahmad Fauzi", "");
  server.rest_token = "another-token";
  FixedClock clock;
  auto d = RestDirectory::FromConfig(RestConfig(server), nullptr, clock);
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_THAT((*d)->GetEmployee(kStaff).status(), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_GE(server.unauthorized, 1);
}

TEST(RestDirectoryTest, TheConfigNamesTheNipInTheUrlAndTheRequiredPaths) {
  PersonnelContractServer server;
  FixedClock clock;
  cfg::RestPersonnelSource c = RestConfig(server);
  c.set_url_template(server.base() + "/v1/pegawai/profil");
  auto bad = RestDirectory::FromConfig(c, nullptr, clock);
  EXPECT_THAT(bad.status(), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(std::string(bad.status().message()), ::testing::HasSubstr("url_template"));
  c = RestConfig(server);
  c.set_url_template("http://simpeg.example.go.id/v1/pegawai/profil/{nip}");
  auto plain = RestDirectory::FromConfig(c, nullptr, clock);
  EXPECT_THAT(plain.status(), StatusIs(absl::StatusCode::kInvalidArgument)) << "plaintext off loopback";
  EXPECT_THAT(std::string(plain.status().message()), ::testing::HasSubstr("personnel.rest.url_template"));
  c = RestConfig(server);
  c.mutable_fields()->clear_agency_code();
  EXPECT_THAT(RestDirectory::FromConfig(c, nullptr, clock).status(), StatusIs(absl::StatusCode::kInvalidArgument));
}

// SIASN as the personnel source (SIASN reference, "Hosts and tokens" and
// "Calls used by a discipline service").
class SiasnSourceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto codes = config::ParseSiasnCodes(config::BuiltinSiasnCodesText());
    ASSERT_TRUE(codes.ok()) << codes.status();
    codes_ = *codes;
    server_.data_utama[kStaff] = absl::StrCat(R"({"success": true, "data": {"id": "A8ACA7E0F7C33912E040640A040269BB",
        "nipBaru": ")",
                                              kStaff, R"(", "nama": "Ahmad Fauzi", "golRuangAkhirId": "33",
        "jabatanNama": "Penyusun Bahan", "jenisJabatanId": "4", "unorId": "U-01", "unorNama": "Bagian Umum",
        "instansiKerjaId": "A5EB03E23CFEF6A0E040640A040252AD"}})");
    server_.rw_hukdis[kStaff] = R"({"success": true, "data": [
        {"id": "r1", "jenisHukumanId": "2", "alasanHukumanDisiplinId": "11EC54D9B39E57B1E050640A15026590",
         "skNomor": "800.1.6.3/017/2025", "skTanggal": "05-02-2025", "hukumanTanggal": "10-02-2025"}]})";
  }
  std::unique_ptr<ports::PersonnelDirectory> Source() {
    cfg::SiasnConnection s;
    s.set_token_url(server_.base() + "/oauth2/token");
    s.set_client_id("siasn");
    s.set_client_secret_file(TempFile("siasn-secret", "siasn"));
    s.set_sso_token_url(server_.base() + "/sso/token");
    s.set_sso_client_id("siasn");
    s.set_sso_username("siasn");
    s.set_sso_password_file(TempFile("siasn-sso", "siasn"));
    s.set_api_base(server_.base());
    s.set_timeout_seconds(2);
    cfg::PersonnelSource p;
    auto* kind = p.mutable_siasn()->add_position_kinds();
    kind->set_source("4");
    kind->set_position_kind(asn::discipline::v1::POSITION_KIND_PELAKSANA);
    auto* agency = p.mutable_siasn()->add_agencies();
    agency->set_code("A5EB03E23CFEF6A0E040640A040252AD");
    agency->set_name("Pemerintah Kota Contoh");
    agency->set_environment(asn::discipline::v1::ENVIRONMENT_KABUPATEN_KOTA);
    agency->set_ppk_title("Wali Kota Contoh");
    agency->set_time_zone("Asia/Pontianak");
    auto d = MakePersonnelSource(p, s, &codes_, clock_);
    EXPECT_TRUE(d.ok()) << d.status();
    return d.ok() ? std::move(*d) : nullptr;
  }
  PersonnelContractServer server_;
  domain::SiasnCodes codes_;
  FixedClock clock_;
};

TEST_F(SiasnSourceTest, DataUtamaWithBothTokensBecomesTheEmployee) {
  auto d = Source();
  ASSERT_NE(d, nullptr);
  auto e = d->GetEmployee(kStaff);
  ASSERT_TRUE(e.ok()) << e.status();
  EXPECT_EQ(e->name, "Ahmad Fauzi");
  EXPECT_EQ(e->rank, "III/c") << "golongan id 33 (SIASN reference, Golongan ids)";
  EXPECT_EQ(e->siasn_id, "A8ACA7E0F7C33912E040640A040269BB") << "data-utama's id is the pnsOrangId";
  EXPECT_EQ(e->position_kind, domain::PositionKind::kPelaksana);
  EXPECT_EQ(e->environment, domain::Environment::kKabupatenKota);
  EXPECT_EQ(server_.unauthorized, 0) << "both tokens on the call";
  EXPECT_EQ(server_.token_grants(), 2) << "one API manager token, one SSO token";
}

TEST_F(SiasnSourceTest, TheRiwayatHukdisIsReadAsSiasnPriors) {
  auto d = Source();
  ASSERT_NE(d, nullptr);
  auto priors = d->PriorPunishments(kStaff);
  ASSERT_TRUE(priors.ok()) << priors.status();
  ASSERT_EQ(priors->size(), 1u);
  EXPECT_EQ((*priors)[0].punishment, domain::Punishment::kTeguranTertulis) << "jenisHukumanId 2";
  EXPECT_EQ((*priors)[0].provision_id, "PP94.4.f");
  EXPECT_EQ((*priors)[0].source, domain::PriorSource::kSiasn);
  // An employee without a riwayat (404) has none.
  auto none = d->PriorPunishments("199001012015031009");
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_TRUE(none->empty());
  // An empty list is an empty riwayat; an answer without its list tells
  // nothing and is not taken as "no prior".
  server_.rw_hukdis["199208222019032003"] = R"({"success": true, "data": []})";
  auto empty = d->PriorPunishments("199208222019032003");
  ASSERT_TRUE(empty.ok()) << empty.status();
  EXPECT_TRUE(empty->empty());
  server_.rw_hukdis["199501302020121006"] = R"({"success": true, "message": "sedang pemeliharaan"})";
  EXPECT_THAT(d->PriorPunishments("199501302020121006").status(), StatusIs(absl::StatusCode::kUnavailable));
}

TEST_F(SiasnSourceTest, ExpiredTokensAreFetchedAgainAfterA401AndAnOutageIsUnavailable) {
  auto d = Source();
  ASSERT_NE(d, nullptr);
  ASSERT_TRUE(d->PriorPunishments(kStaff).ok());
  server_.ExpireTokens();
  auto e = d->GetEmployee(kStaff);
  ASSERT_TRUE(e.ok()) << e.status();
  EXPECT_EQ(server_.token_grants(), 4) << "both tokens fetched again once";
  server_.mode = PersonnelContractServer::Mode::kFail;
  EXPECT_THAT(d->GetEmployee("199001012015031009").status(), StatusIs(absl::StatusCode::kUnavailable));
}

}  // namespace
}  // namespace discipline::personnel
