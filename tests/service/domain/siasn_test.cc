// unit: a decided case as SIASN's hukdis record, for every punishment of
// PP 94/2021 Pasal 8 (its period from Pasal 8 ayat (3)-(4)), a dismissal,
// a modified and an annulled punishment, and the cases that have none.

#include "service/domain/siasn.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/config/rules_loader.h"
#include "tests/testing/rules.h"
#include "tests/testing/status_matchers.h"

namespace discipline::domain {
namespace {

using ::discipline::testing::BuiltinRules;
using ::discipline::testing::StatusIs;
using ::testing::HasSubstr;

const SiasnCodes& Codes() {
  static const SiasnCodes* codes = [] {
    auto c = config::ParseSiasnCodes(config::BuiltinSiasnCodesText());
    EXPECT_TRUE(c.ok()) << c.status();
    return new SiasnCodes(*c);
  }();
  return *codes;
}

// Decided 2 Nov 2026, delivered 3 Nov, in force from 24 Nov 2026 (15
// working days later, Peraturan BKN 6/2022 Pasal 50).
Case Decided(Punishment p, const std::string& provision = "PP94.5.n.1") {
  Case c;
  c.case_id = "c1";
  c.register_number = "HD/2026/000042";
  c.agency_code = "KOTA-CONTOH";
  c.state = CaseState::kDecided;
  c.employee.nip = "199006052015031005";
  c.employee.rank = "III/b";
  c.employee.siasn_id = "8ae48a3c-7f2b-4d1e-9c55-0a1b2c3d4e5f";
  c.examination = Examination{absl::CivilDay(2026, 10, 12), true, {}, "doc-bap", {}};
  c.recommendation = Recommendation{};
  c.recommendation->assessment.resolved_provision_id = provision;
  Decision d;
  d.outcome = DecisionOutcome::kApprove;
  d.punishment = p;
  d.decision_number = "800/77/BKPSDM/2026";
  d.decided_on = absl::CivilDay(2026, 11, 2);
  d.document_id = "doc-sk";
  c.decision = d;
  c.delivered_on = absl::CivilDay(2026, 11, 3);
  c.effective_on = absl::CivilDay(2026, 11, 24);
  return c;
}

struct Expected {
  Punishment punishment;
  const char* jenis;    // SIASN's jenisHukuman ids (siasn-reference, reference tables)
  const char* tingkat;  // R / S / B by Pasal 8 ayat (1)
  int months;           // Pasal 8 ayat (3)-(4)
  const char* last_day;
};

class EveryPunishment : public ::testing::TestWithParam<Expected> {};

TEST_P(EveryPunishment, MapsToItsJenisTingkatAndPeriod) {
  const Expected& e = GetParam();
  auto h = MapToSiasn(Decided(e.punishment), BuiltinRules().engine, Codes(), "https://intranet.example");
  ASSERT_TRUE(h.ok()) << h.status();
  EXPECT_EQ(h->pns_orang_id, "8ae48a3c-7f2b-4d1e-9c55-0a1b2c3d4e5f");
  EXPECT_EQ(h->jenis_hukuman_id, e.jenis);
  EXPECT_EQ(h->jenis_tingkat_hukuman_id, e.tingkat);
  EXPECT_EQ(h->alasan_hukuman_disiplin_id, "2") << "Pasal 5: larangan";
  EXPECT_EQ(h->hukuman_tanggal, "24-11-2026");
  EXPECT_EQ(h->akhir_hukuman_tanggal, e.last_day);
  EXPECT_EQ(h->masa_tahun, std::to_string(e.months / 12));
  EXPECT_EQ(h->masa_bulan, std::to_string(e.months % 12));
  EXPECT_EQ(h->sk_nomor, "800/77/BKPSDM/2026");
  EXPECT_EQ(h->sk_tanggal, "02-11-2026");
  EXPECT_EQ(h->nomor_pp, "94 Tahun 2021");
  EXPECT_EQ(h->golongan_id, "32");
  EXPECT_EQ(h->golongan_lama, "32");
  EXPECT_EQ(h->kedudukan_hukum_id, "01");
  EXPECT_TRUE(h->sk_pembatalan_nomor.empty());
  ASSERT_EQ(h->path.size(), 2u);
  EXPECT_EQ(h->path[0].dok_id, "doc-sk");
  EXPECT_EQ(h->path[0].dok_uri, "https://intranet.example/v1/documents/doc-sk");
  EXPECT_EQ(h->path[1].dok_nama, "Berita Acara Pemeriksaan");
}

INSTANTIATE_TEST_SUITE_P(Pasal8, EveryPunishment,
                         ::testing::Values(Expected{Punishment::kTeguranLisan, "1", "R", 0, ""},
                                           Expected{Punishment::kTeguranTertulis, "2", "R", 0, ""},
                                           Expected{Punishment::kPernyataanTidakPuas, "3", "R", 0, ""},
                                           // 6 months from 24 Nov 2026: in force to 23 May 2027.
                                           Expected{Punishment::kPotonganTukin6Bulan, "23", "S", 6, "23-05-2027"},
                                           Expected{Punishment::kPotonganTukin9Bulan, "24", "S", 9, "23-08-2027"},
                                           Expected{Punishment::kPotonganTukin12Bulan, "25", "S", 12, "23-11-2027"},
                                           // KMK 5/KMK.01/2022: the sedang types in force, each
                                           // for 1 (satu) year; SIASN ids 4 and 7.
                                           Expected{Punishment::kPenundaanKgb1Tahun, "4", "S", 12, "23-11-2027"},
                                           Expected{Punishment::kPenundaanPangkat1Tahun, "7", "S", 12, "23-11-2027"},
                                           Expected{Punishment::kPenurunanJabatan, "27", "B", 12, "23-11-2027"},
                                           Expected{Punishment::kPembebasanJabatan, "28", "B", 12, "23-11-2027"},
                                           Expected{Punishment::kPdhtaps, "10", "B", 0, ""}));

// KMK 5/KMK.01/2022: penurunan pangkat setingkat lebih rendah selama 1
// (satu) tahun is SIASN's jenis 8; the record names the rank served (III/a,
// id 31) and the one before (III/b, id 32).
TEST(Siasn, ARankDemotionRecordsTheLowerRank) {
  auto h = MapToSiasn(Decided(Punishment::kPenurunanPangkat1Tahun), BuiltinRules().engine, Codes(), "");
  ASSERT_TRUE(h.ok()) << h.status();
  EXPECT_EQ(h->jenis_hukuman_id, "8");
  EXPECT_EQ(h->jenis_tingkat_hukuman_id, "S");
  EXPECT_EQ(h->akhir_hukuman_tanggal, "23-11-2027");
  EXPECT_EQ(h->masa_tahun, "1");
  EXPECT_EQ(h->golongan_id, "31");
  EXPECT_EQ(h->golongan_lama, "32");
}

TEST(Siasn, TheLastDayInForceOfAMonthWithoutTheSameDay) {
  // From 31 Aug, 6 months: the day before "31 Feb" is the end of February.
  EXPECT_EQ(LastDayInForce(absl::CivilDay(2026, 8, 31), 6), absl::CivilDay(2027, 2, 27));
  EXPECT_EQ(LastDayInForce(absl::CivilDay(2026, 1, 1), 12), absl::CivilDay(2026, 12, 31));
}

TEST(Siasn, AModifiedPunishmentIsTheOneInForce) {
  Case c = Decided(Punishment::kPotonganTukin12Bulan);
  c.remedy_decision = RemedyDecision{RemedyOutcome::kModified, Punishment::kPotonganTukin6Bulan, "800/KEB/3/2026",
                                     absl::CivilDay(2026, 12, 1)};
  c.effective_on = absl::CivilDay(2026, 12, 1);
  auto h = MapToSiasn(c, BuiltinRules().engine, Codes(), "");
  ASSERT_TRUE(h.ok()) << h.status();
  EXPECT_EQ(h->jenis_hukuman_id, "23");
  EXPECT_EQ(h->hukuman_tanggal, "01-12-2026");
  EXPECT_EQ(h->akhir_hukuman_tanggal, "31-05-2027");
  EXPECT_THAT(h->keterangan, HasSubstr("800/KEB/3/2026"));
}

TEST(Siasn, AnAnnulledPunishmentCarriesTheAnnulment) {
  Case c = Decided(Punishment::kPotonganTukin9Bulan);
  c.remedy_decision = RemedyDecision{RemedyOutcome::kAnnulled, Punishment::kUnspecified, "800/KEB/4/2026",
                                     absl::CivilDay(2026, 12, 1)};
  c.effective_on.reset();
  auto h = MapToSiasn(c, BuiltinRules().engine, Codes(), "");
  ASSERT_TRUE(h.ok()) << h.status();
  EXPECT_EQ(h->jenis_hukuman_id, "24");
  EXPECT_EQ(h->sk_pembatalan_nomor, "800/KEB/4/2026");
  EXPECT_EQ(h->sk_pembatalan_tanggal, "01-12-2026");
}

TEST(Siasn, ADismissalUnderTheAsnLaw) {
  Case c = Decided(Punishment::kUnspecified, "");
  c.decision->dismissal = true;
  auto h = MapToSiasn(c, BuiltinRules().engine, Codes(), "");
  ASSERT_TRUE(h.ok()) << h.status();
  EXPECT_EQ(h->jenis_hukuman_id, "11");  // PTDH sebagai PNS (siasn-reference)
  EXPECT_EQ(h->alasan_hukuman_disiplin_id, "3");
}

TEST(Siasn, NoRecordWithoutAPunishmentDeliveryOrPersonId) {
  Case moral = Decided(Punishment::kUnspecified);
  moral.decision->moral_sanction = MoralSanction::kPernyataanTertutup;
  EXPECT_THAT(MapToSiasn(moral, BuiltinRules().engine, Codes(), ""),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("moral sanction")));
  Case undelivered = Decided(Punishment::kTeguranLisan);
  undelivered.delivered_on.reset();
  EXPECT_THAT(MapToSiasn(undelivered, BuiltinRules().engine, Codes(), ""),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("not delivered")));
  Case anonymous = Decided(Punishment::kTeguranLisan);
  anonymous.employee.siasn_id.clear();
  EXPECT_THAT(MapToSiasn(anonymous, BuiltinRules().engine, Codes(), ""),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("pnsOrangId")));
  Case rejected = Decided(Punishment::kTeguranLisan);
  rejected.decision->outcome = DecisionOutcome::kReject;
  EXPECT_FALSE(HasSiasnRecord(rejected));
  EXPECT_TRUE(HasSiasnRecord(Decided(Punishment::kTeguranLisan)));
}

// PP 94/2021 Pasal 8 ayat (2)-(4); KMK 5/KMK.01/2022: the periods the code
// table sends SIASN are the domain's (PunishmentDurationMonths), for every
// punishment of the API.
TEST(Siasn, TheCodeTableCoversEveryPunishmentWithItsPeriod) {
  for (int v = 1; v <= kPunishmentCount; ++v) {
    const auto p = static_cast<Punishment>(v);
    auto it = Codes().punishments.find(p);
    ASSERT_NE(it, Codes().punishments.end()) << Name(p);
    EXPECT_EQ(it->second.second, PunishmentDurationMonths(p)) << Name(p);
  }
}

TEST(Siasn, TheBuiltInTableMarksEveryUnreadCodeUnverified) {
  for (const auto& [p, code] : Codes().punishments) EXPECT_TRUE(code.first.unverified) << Name(p);
  EXPECT_TRUE(Codes().dismissal.unverified);
}

}  // namespace
}  // namespace discipline::domain
