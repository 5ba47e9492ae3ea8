// unit: the rules engine against the built-in rules table. The expected
// values are typed from the domain reference (§1.1, §1.2, §2.3-2.6) and
// PP 94/2021, independently of rules.textproto: a wrong row in the table makes
// a row here fail.

#include "service/domain/rules_engine.h"

#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/common/errors.h"
#include "tests/testing/rules.h"
#include "tests/testing/status_matchers.h"

namespace discipline::domain {
namespace {

using ::discipline::testing::BuiltinRules;
using ::discipline::testing::StatusIs;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Optional;

const RulesEngine& Engine() { return BuiltinRules().engine; }

constexpr auto R = SanctionLevel::kRingan;
constexpr auto S = SanctionLevel::kSedang;
constexpr auto B = SanctionLevel::kBerat;
constexpr auto X = SanctionLevel::kUnspecified;  // no punishment at that impact

// ---- One row per article and impact (reference §1.1) ----

struct ImpactRow {
  std::string provision;
  SanctionLevel unit_kerja, instansi, negara;
  // The article that decides the level at each impact (Pasal 9-14), as a
  // substring of legal_basis; empty where there is no punishment.
  std::string basis_u, basis_i, basis_n;
};

std::vector<ImpactRow> ImpactRows() {
  std::vector<ImpactRow> rows = {
      // Pasal 3 huruf b: sedang for unit kerja and/or instansi, berat for negara.
      {"PP94.3.b", S, S, B, "Pasal 10 ayat (1) huruf a", "Pasal 10 ayat (1) huruf a", "Pasal 11 ayat (1) huruf b"},
      {"PP94.4.c", R, S, B, "Pasal 9 ayat (2) huruf a", "Pasal 10 ayat (2) huruf c", "Pasal 11 ayat (2) huruf a"},
      {"PP94.4.d", X, S, B, "", "Pasal 10 ayat (2) huruf d", "Pasal 11 ayat (2) huruf b"},
      {"PP94.4.g", R, S, X, "Pasal 9 ayat (2) huruf c", "Pasal 10 ayat (2) huruf g", ""},
      {"PP94.4.h", R, S, X, "Pasal 9 ayat (2) huruf d", "Pasal 10 ayat (2) huruf h", ""},
      {"PP94.5.f", R, S, B, "Pasal 12 huruf a", "Pasal 13 huruf a", "Pasal 14 huruf e"},
      {"PP94.5.g", S, S, B, "Pasal 13 huruf b", "Pasal 13 huruf b", "Pasal 14 huruf f"},
      {"PP94.5.h", R, S, X, "Pasal 12 huruf b", "Pasal 13 huruf c", ""},
      {"PP94.5.i", R, S, X, "Pasal 12 huruf c", "Pasal 13 huruf d", ""},
      {"PP94.5.j", R, S, X, "Pasal 12 huruf d", "Pasal 13 huruf f", ""},
      {"PP94.5.m", X, S, X, "", "Pasal 13 huruf e", ""},
  };
  // Pasal 3 huruf c-h: ringan (Pasal 9 ayat (1) a-f), sedang (Pasal 10 ayat
  // (1) b-g), berat (Pasal 11 ayat (1) c-h).
  const std::string letters = "cdefgh";
  for (size_t j = 0; j < letters.size(); ++j) {
    rows.push_back({absl::StrCat("PP94.3.", std::string(1, letters[j])), R, S, B,
                    absl::StrCat("Pasal 9 ayat (1) huruf ", std::string(1, "abcdef"[j])),
                    absl::StrCat("Pasal 10 ayat (1) huruf ", std::string(1, "bcdefg"[j])),
                    absl::StrCat("Pasal 11 ayat (1) huruf ", std::string(1, letters[j]))});
  }
  return rows;
}

using ImpactCase = std::tuple<ImpactRow, Impact>;

class ImpactLevelTest : public ::testing::TestWithParam<ImpactCase> {};

TEST_P(ImpactLevelTest, LevelFollowsTheArticle) {
  const auto& [row, impact] = GetParam();
  const SanctionLevel expected = impact == Impact::kUnitKerja  ? row.unit_kerja
                                 : impact == Impact::kInstansi ? row.instansi
                                                               : row.negara;
  const std::string& basis = impact == Impact::kUnitKerja  ? row.basis_u
                             : impact == Impact::kInstansi ? row.basis_i
                                                           : row.basis_n;
  ViolationFacts f{.provision_id = row.provision, .impact = impact};
  auto a = Engine().Assess(f);
  if (expected == X) {
    EXPECT_THAT(a, StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr(row.provision)));
    return;
  }
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->level, expected);
  EXPECT_EQ(a->punishment, Punishment::kUnspecified) << "the official chooses within the level";
  EXPECT_THAT(a->legal_basis, Contains(HasSubstr(basis)));
  EXPECT_EQ(a->resolved_provision_id, row.provision);
  EXPECT_EQ(a->track, Track::kDiscipline);
}

INSTANTIATE_TEST_SUITE_P(PP94, ImpactLevelTest,
                         ::testing::Combine(::testing::ValuesIn(ImpactRows()),
                                            ::testing::Values(Impact::kUnitKerja, Impact::kInstansi, Impact::kNegara)),
                         [](const auto& info) {
                           return absl::StrReplaceAll(
                               absl::StrCat(std::get<0>(info.param).provision, "_", Name(std::get<1>(info.param))),
                               {{".", "_"}});
                         });

TEST(ImpactLevel, MissingImpactIsInvalidArgumentNamingTheField) {
  for (const ImpactRow& row : ImpactRows()) {
    auto a = Engine().Assess({.provision_id = row.provision});
    EXPECT_THAT(a, StatusIs(absl::StatusCode::kInvalidArgument)) << row.provision;
    EXPECT_THAT(FieldOf(a.status()), Optional(std::string("impact"))) << row.provision;
  }
}

// ---- Fixed-level provisions: the level holds at every impact ----

struct FixedRow {
  std::string provision;
  SanctionLevel level;
  std::string basis;
};

class FixedLevelTest : public ::testing::TestWithParam<FixedRow> {};

TEST_P(FixedLevelTest, LevelIsFixedWhateverTheImpact) {
  const FixedRow& row = GetParam();
  for (Impact impact : {Impact::kUnspecified, Impact::kUnitKerja, Impact::kInstansi, Impact::kNegara}) {
    auto a = Engine().Assess({.provision_id = row.provision, .impact = impact});
    ASSERT_TRUE(a.ok()) << a.status();
    EXPECT_EQ(a->level, row.level) << Name(impact);
    EXPECT_THAT(a->legal_basis, Contains(HasSubstr(row.basis)));
  }
}

INSTANTIATE_TEST_SUITE_P(
    PP94, FixedLevelTest,
    ::testing::Values(FixedRow{"PP94.3.a", B, "Pasal 11 ayat (1) huruf a"},
                      FixedRow{"PP94.4.a", S, "Pasal 10 ayat (2) huruf a"},
                      FixedRow{"PP94.4.b", S, "Pasal 10 ayat (2) huruf b"},
                      FixedRow{"PP94.4.i", B, "Pasal 11 ayat (2) huruf e"}, FixedRow{"PP94.5.a", B, "Pasal 14 huruf a"},
                      FixedRow{"PP94.5.b", B, "Pasal 14 huruf b"}, FixedRow{"PP94.5.c", B, "Pasal 14 huruf c"},
                      FixedRow{"PP94.5.d", B, "Pasal 14 huruf c"}, FixedRow{"PP94.5.e", B, "Pasal 14 huruf d"},
                      FixedRow{"PP94.5.k", B, "Pasal 14 huruf g"}, FixedRow{"PP94.5.l", B, "Pasal 14 huruf h"},
                      FixedRow{"PP94.5.n.2", S, "Pasal 13 huruf g"}, FixedRow{"PP94.5.n.3", B, "Pasal 14 huruf i"},
                      FixedRow{"PP94.5.n.4", B, "Pasal 14 huruf i"}, FixedRow{"PP94.5.n.5", B, "Pasal 14 huruf i"},
                      FixedRow{"PP94.5.n.6", B, "Pasal 14 huruf i"}, FixedRow{"PP94.5.n.7", B, "Pasal 14 huruf i"}),
    [](const auto& info) {
      return absl::StrReplaceAll(info.param.provision, {{".", "_"}});
    });

// Law reference 2.5a: Pasal 13 huruf g covers only Pasal 5 huruf n angka 2
// and Pasal 14 angka 3-7; angka 1 ("ikut kampanye") is in neither, so no
// disciplinary level is cited for it and the finding takes the ethics track
// (PP 42/2004 Pasal 15).
TEST(Neutrality, PP94_5_n_1_CitesNoPasal13AndTakesTheEthicsTrack) {
  auto a = Engine().Assess({.provision_id = "PP94.5.n.1", .impact = Impact::kInstansi});
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->track, Track::kEthics);
  EXPECT_EQ(a->level, X);
  EXPECT_TRUE(a->options.empty());
  EXPECT_THAT(a->legal_basis, Contains(HasSubstr("PP 42/2004 Pasal 15")));
  for (const std::string& b : a->legal_basis) EXPECT_THAT(b, ::testing::Not(HasSubstr("Pasal 13 huruf g")));
  // Angka 2 keeps Pasal 13 huruf g and the sedang level.
  auto n2 = Engine().Assess({.provision_id = "PP94.5.n.2"});
  ASSERT_TRUE(n2.ok()) << n2.status();
  EXPECT_EQ(n2->track, Track::kDiscipline);
  EXPECT_EQ(n2->level, S);
  EXPECT_THAT(n2->legal_basis, Contains(HasSubstr("Pasal 13 huruf g")));
}

// ---- Pasal 4 huruf e: the wealth report, by the offender's position ----

TEST(WealthReport, PP94_4_e_LevelDependsOnPosition) {
  const std::vector<std::pair<PositionKind, SanctionLevel>> rows = {
      {PositionKind::kAdministrator, S},
      {PositionKind::kFungsionalAhliUtama, S},
      {PositionKind::kFungsionalAhliMadya, S},
      {PositionKind::kFungsionalAhliMuda, S},
      {PositionKind::kFungsionalAhliPertama, S},
      {PositionKind::kFungsionalKeterampilan, S},
      {PositionKind::kJptUtama, B},
      {PositionKind::kJptMadya, B},
      {PositionKind::kJptPratama, B},
      {PositionKind::kPengawas, B},
  };
  for (const auto& [kind, level] : rows) {
    auto a = Engine().Assess({.provision_id = "PP94.4.e", .position_kind = kind});
    ASSERT_TRUE(a.ok()) << Name(kind) << ": " << a.status();
    EXPECT_EQ(a->level, level) << Name(kind);
    EXPECT_THAT(a->legal_basis,
                Contains(HasSubstr(level == S ? "Pasal 10 ayat (2) huruf e" : "Pasal 11 ayat (2) huruf c")));
  }
}

TEST(WealthReport, PP94_4_e_PelaksanaHasNoPunishment) {
  EXPECT_THAT(Engine().Assess({.provision_id = "PP94.4.e", .position_kind = PositionKind::kPelaksana}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("PELAKSANA")));
}

TEST(WealthReport, PP94_4_e_MissingPositionIsInvalidArgument) {
  auto a = Engine().Assess({.provision_id = "PP94.4.e"});
  EXPECT_THAT(a, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(FieldOf(a.status()), Optional(std::string("position_kind")));
}

// ---- Pasal 4 huruf f: attendance, every boundary ----

struct AttendanceRow {
  int days;
  int consecutive;
  Punishment expected;  // kUnspecified: no punishment (FAILED_PRECONDITION)
  std::string basis;
};

class AttendanceTest : public ::testing::TestWithParam<AttendanceRow> {};

TEST_P(AttendanceTest, DaysFixThePunishment) {
  const AttendanceRow& row = GetParam();
  auto a = Engine().Assess(
      {.provision_id = "PP94.4.f", .absence_days = row.days, .consecutive_absence_days = row.consecutive});
  if (row.expected == Punishment::kUnspecified) {
    EXPECT_THAT(a, StatusIs(absl::StatusCode::kFailedPrecondition));
    return;
  }
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->punishment, row.expected);
  EXPECT_EQ(a->level, Engine().LevelOf(row.expected));
  ASSERT_EQ(a->options.size(), 1u) << "a fixed punishment is the only option";
  EXPECT_EQ(a->options[0].punishment, row.expected);
  EXPECT_THAT(a->legal_basis, Contains(HasSubstr(row.basis)));
}

INSTANTIATE_TEST_SUITE_P(
    PP94_4_f, AttendanceTest,
    ::testing::Values(AttendanceRow{2, 0, Punishment::kUnspecified, ""},
                      AttendanceRow{3, 0, Punishment::kTeguranLisan, "Pasal 9 ayat (2) huruf b angka 1"},
                      AttendanceRow{4, 0, Punishment::kTeguranTertulis, "Pasal 9 ayat (2) huruf b angka 2"},
                      AttendanceRow{6, 0, Punishment::kTeguranTertulis, "Pasal 9 ayat (2) huruf b angka 2"},
                      AttendanceRow{7, 0, Punishment::kPernyataanTidakPuas, "Pasal 9 ayat (2) huruf b angka 3"},
                      AttendanceRow{10, 0, Punishment::kPernyataanTidakPuas, "Pasal 9 ayat (2) huruf b angka 3"},
                      // Law reference 2.5a (KMK 5/KMK.01/2022): while the tukin cut waits
                      // for the regulation on PNS pay, 11-13 days → KGB deferral, 14-16 →
                      // rank-promotion deferral, 17-20 → rank demotion, each 1 year.
                      AttendanceRow{11, 0, Punishment::kPenundaanKgb1Tahun, "Pasal 10 ayat (2) huruf f angka 1"},
                      AttendanceRow{12, 0, Punishment::kPenundaanKgb1Tahun, "Pasal 10 ayat (2) huruf f angka 1"},
                      AttendanceRow{13, 0, Punishment::kPenundaanKgb1Tahun, "Pasal 10 ayat (2) huruf f angka 1"},
                      AttendanceRow{14, 0, Punishment::kPenundaanPangkat1Tahun, "Pasal 10 ayat (2) huruf f angka 2"},
                      AttendanceRow{16, 0, Punishment::kPenundaanPangkat1Tahun, "Pasal 10 ayat (2) huruf f angka 2"},
                      AttendanceRow{17, 0, Punishment::kPenurunanPangkat1Tahun, "Pasal 10 ayat (2) huruf f angka 3"},
                      AttendanceRow{20, 0, Punishment::kPenurunanPangkat1Tahun, "Pasal 10 ayat (2) huruf f angka 3"},
                      AttendanceRow{21, 0, Punishment::kPenurunanJabatan, "Pasal 11 ayat (2) huruf d angka 1"},
                      AttendanceRow{24, 0, Punishment::kPenurunanJabatan, "Pasal 11 ayat (2) huruf d angka 1"},
                      AttendanceRow{25, 0, Punishment::kPembebasanJabatan, "Pasal 11 ayat (2) huruf d angka 2"},
                      AttendanceRow{27, 0, Punishment::kPembebasanJabatan, "Pasal 11 ayat (2) huruf d angka 2"},
                      AttendanceRow{28, 0, Punishment::kPdhtaps, "Pasal 11 ayat (2) huruf d angka 3"},
                      AttendanceRow{200, 0, Punishment::kPdhtaps, "Pasal 11 ayat (2) huruf d angka 3"},
                      // Ten consecutive working days: PDHTAPS whatever the year's total.
                      AttendanceRow{10, 10, Punishment::kPdhtaps, "Pasal 11 ayat (2) huruf d angka 4"},
                      AttendanceRow{0, 10, Punishment::kPdhtaps, "Pasal 11 ayat (2) huruf d angka 4"},
                      AttendanceRow{12, 10, Punishment::kPdhtaps, "Pasal 11 ayat (2) huruf d angka 4"},
                      AttendanceRow{9, 9, Punishment::kPernyataanTidakPuas, "Pasal 9 ayat (2) huruf b angka 3"},
                      AttendanceRow{30, 10, Punishment::kPdhtaps, "Pasal 11 ayat (2) huruf d angka 3"}),
    [](const auto& info) { return absl::StrCat("days_", info.param.days, "_consecutive_", info.param.consecutive); });

TEST(Attendance, BadDayCountsAreInvalidArgumentNamingTheField) {
  struct Bad {
    int days, consecutive;
    std::string field;
  };
  for (const Bad& b : {Bad{0, 0, "absence_days"}, Bad{-1, 0, "absence_days"}, Bad{367, 0, "absence_days"},
                       Bad{5, -2, "consecutive_absence_days"}, Bad{5, 6, "consecutive_absence_days"}}) {
    auto a = Engine().Assess(
        {.provision_id = "PP94.4.f", .absence_days = b.days, .consecutive_absence_days = b.consecutive});
    EXPECT_THAT(a, StatusIs(absl::StatusCode::kInvalidArgument)) << b.days << "/" << b.consecutive;
    EXPECT_THAT(FieldOf(a.status()), Optional(b.field)) << b.days << "/" << b.consecutive;
  }
}

// ---- Punishment options of each level (Pasal 8) and procedure facts ----

TEST(Levels, OptionsAreThePunishmentsOfTheLevel_Pasal8) {
  auto ringan = Engine().Assess({.provision_id = "PP94.3.d", .impact = Impact::kUnitKerja});
  auto sedang = Engine().Assess({.provision_id = "PP94.3.d", .impact = Impact::kInstansi});
  auto berat = Engine().Assess({.provision_id = "PP94.3.d", .impact = Impact::kNegara});
  ASSERT_TRUE(ringan.ok() && sedang.ok() && berat.ok());
  auto punishments = [](const Assessment& a) {
    std::vector<Punishment> out;
    for (const auto& o : a.options) out.push_back(o.punishment);
    return out;
  };
  EXPECT_THAT(punishments(*ringan),
              ElementsAre(Punishment::kTeguranLisan, Punishment::kTeguranTertulis, Punishment::kPernyataanTidakPuas));
  // Law reference 2.5a (KMK 5/KMK.01/2022): a sedang provision with the
  // official's choice offers exactly the three types in force, not the tukin
  // cut of Pasal 8 ayat (3).
  EXPECT_THAT(punishments(*sedang), ElementsAre(Punishment::kPenundaanKgb1Tahun, Punishment::kPenundaanPangkat1Tahun,
                                                Punishment::kPenurunanPangkat1Tahun));
  EXPECT_THAT(sedang->legal_basis, Contains(HasSubstr("KMK 5/KMK.01/2022")));
  EXPECT_THAT(punishments(*berat),
              ElementsAre(Punishment::kPenurunanJabatan, Punishment::kPembebasanJabatan, Punishment::kPdhtaps));
  EXPECT_THAT(ringan->legal_basis, Contains("PP 94/2021 Pasal 8 ayat (2)"));
  EXPECT_THAT(sedang->legal_basis, Contains("PP 94/2021 Pasal 8 ayat (3)"));
  EXPECT_THAT(berat->legal_basis, Contains("PP 94/2021 Pasal 8 ayat (4)"));
  // Examination team: optional for sedang, required for berat; temporary
  // release only where berat is likely.
  EXPECT_EQ(ringan->examination_team, ExaminationTeam::kNotRequired);
  EXPECT_EQ(sedang->examination_team, ExaminationTeam::kOptional);
  EXPECT_EQ(berat->examination_team, ExaminationTeam::kRequired);
  EXPECT_FALSE(ringan->temporary_release_allowed);
  EXPECT_FALSE(sedang->temporary_release_allowed);
  EXPECT_TRUE(berat->temporary_release_allowed);
  EXPECT_EQ(berat->rules_version, Engine().version());
}

// ---- Durations, SK wording and severity of every punishment ----

TEST(Punishments, DurationInMonths_Pasal8AndKmk5_2022) {
  // PP 94/2021 Pasal 8 ayat (2)-(4): reprimands and PDHTAPS have no period;
  // the tukin cut 6, 9, 12 months; demotion and release 12 months. KMK
  // 5/KMK.01/2022: each substitute 1 (satu) year.
  EXPECT_EQ(PunishmentDurationMonths(Punishment::kTeguranLisan), 0);
  EXPECT_EQ(PunishmentDurationMonths(Punishment::kTeguranTertulis), 0);
  EXPECT_EQ(PunishmentDurationMonths(Punishment::kPernyataanTidakPuas), 0);
  EXPECT_EQ(PunishmentDurationMonths(Punishment::kPotonganTukin6Bulan), 6);
  EXPECT_EQ(PunishmentDurationMonths(Punishment::kPotonganTukin9Bulan), 9);
  EXPECT_EQ(PunishmentDurationMonths(Punishment::kPotonganTukin12Bulan), 12);
  EXPECT_EQ(PunishmentDurationMonths(Punishment::kPenurunanJabatan), 12);
  EXPECT_EQ(PunishmentDurationMonths(Punishment::kPembebasanJabatan), 12);
  EXPECT_EQ(PunishmentDurationMonths(Punishment::kPdhtaps), 0);
  EXPECT_EQ(PunishmentDurationMonths(Punishment::kPenundaanKgb1Tahun), 12);
  EXPECT_EQ(PunishmentDurationMonths(Punishment::kPenundaanPangkat1Tahun), 12);
  EXPECT_EQ(PunishmentDurationMonths(Punishment::kPenurunanPangkat1Tahun), 12);
  EXPECT_EQ(PunishmentDurationMonths(Punishment::kUnspecified), 0);
}

TEST(Punishments, SkWordingInWords) {
  // api.md (letters): the SK names the punishment in words.
  EXPECT_EQ(PunishmentInWords(Punishment::kPenundaanKgb1Tahun),
            "penundaan kenaikan gaji berkala selama 1 (satu) tahun");
  EXPECT_EQ(PunishmentInWords(Punishment::kPenundaanPangkat1Tahun), "penundaan kenaikan pangkat selama 1 (satu) tahun");
  EXPECT_EQ(PunishmentInWords(Punishment::kPenurunanPangkat1Tahun),
            "penurunan pangkat setingkat lebih rendah selama 1 (satu) tahun");
  EXPECT_THAT(PunishmentInWords(Punishment::kPotonganTukin9Bulan), HasSubstr("9 (sembilan) bulan"));
  EXPECT_THAT(PunishmentInWords(Punishment::kPdhtaps), HasSubstr("sebagai PNS"));
  EXPECT_EQ(Name(Punishment::kPenurunanPangkat1Tahun), "PENURUNAN_PANGKAT_1_TAHUN");
}

TEST(Punishments, SubstitutesRankWithTheirTukinCutBetweenRinganAndBerat) {
  // KMK 5/KMK.01/2022: KGB deferral for the 6 months, rank-promotion
  // deferral for the 9, rank demotion for the 12: sedang, KGB < pangkat <
  // demotion.
  EXPECT_EQ(Severity(Punishment::kPenundaanKgb1Tahun), Severity(Punishment::kPotonganTukin6Bulan));
  EXPECT_EQ(Severity(Punishment::kPenundaanPangkat1Tahun), Severity(Punishment::kPotonganTukin9Bulan));
  EXPECT_EQ(Severity(Punishment::kPenurunanPangkat1Tahun), Severity(Punishment::kPotonganTukin12Bulan));
  EXPECT_TRUE(Heavier(Punishment::kPenundaanKgb1Tahun, Punishment::kPernyataanTidakPuas));
  EXPECT_TRUE(Heavier(Punishment::kPenundaanPangkat1Tahun, Punishment::kPenundaanKgb1Tahun));
  EXPECT_TRUE(Heavier(Punishment::kPenurunanPangkat1Tahun, Punishment::kPenundaanPangkat1Tahun));
  EXPECT_TRUE(Heavier(Punishment::kPenurunanJabatan, Punishment::kPenurunanPangkat1Tahun));
  for (Punishment p :
       {Punishment::kPenundaanKgb1Tahun, Punishment::kPenundaanPangkat1Tahun, Punishment::kPenurunanPangkat1Tahun}) {
    EXPECT_EQ(Engine().LevelOf(p), S) << Name(p);
  }
}

// ---- Repeat offence (law reference 2.5a): any type heavier than the last ----

std::vector<Punishment> Options(const Assessment& a) {
  std::vector<Punishment> out;
  for (const auto& o : a.options) out.push_back(o.punishment);
  return out;
}

TEST(RepeatOffence, AfterATeguranTertulisOnlyHeavierTypesTheNextRecommended) {
  // Law reference 2.5a: "dijatuhi jenis Hukuman Disiplin yang lebih berat dari
  // Hukuman Disiplin terakhir": PP94.3.d at unit kerja is ringan; after a
  // teguran tertulis every heavier type is open, across level boundaries,
  // and the next one is recommended.
  auto a = Engine().Assess(
      {.provision_id = "PP94.3.d", .impact = Impact::kUnitKerja, .prior_punishment = Punishment::kTeguranTertulis});
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->punishment, Punishment::kPernyataanTidakPuas);
  EXPECT_EQ(a->level, R);
  EXPECT_THAT(Options(*a),
              ElementsAre(Punishment::kPernyataanTidakPuas, Punishment::kPenundaanKgb1Tahun,
                          Punishment::kPenundaanPangkat1Tahun, Punishment::kPenurunanPangkat1Tahun,
                          Punishment::kPenurunanJabatan, Punishment::kPembebasanJabatan, Punishment::kPdhtaps));
  EXPECT_THAT(a->legal_basis, Contains(HasSubstr("lebih berat dari hukuman disiplin terakhir")));
  EXPECT_FALSE(RulesEngine::Permits(*a, Punishment::kTeguranLisan));
  EXPECT_FALSE(RulesEngine::Permits(*a, Punishment::kTeguranTertulis));
}

TEST(RepeatOffence, AcrossTheSedangLevelTheNextSubstituteIsRecommended) {
  // Sedang after a KGB deferral (the 6-month rank, KMK 5/KMK.01/2022): the
  // rank-promotion deferral is next; the KGB deferral itself is not heavier.
  auto a = Engine().Assess(
      {.provision_id = "PP94.3.d", .impact = Impact::kInstansi, .prior_punishment = Punishment::kPenundaanKgb1Tahun});
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->punishment, Punishment::kPenundaanPangkat1Tahun);
  EXPECT_THAT(Options(*a),
              ElementsAre(Punishment::kPenundaanPangkat1Tahun, Punishment::kPenurunanPangkat1Tahun,
                          Punishment::kPenurunanJabatan, Punishment::kPembebasanJabatan, Punishment::kPdhtaps));
  // A tukin cut decided earlier ranks with its substitute: after the
  // 12-month cut, only berat types are heavier.
  auto b = Engine().Assess(
      {.provision_id = "PP94.3.d", .impact = Impact::kInstansi, .prior_punishment = Punishment::kPotonganTukin12Bulan});
  ASSERT_TRUE(b.ok()) << b.status();
  EXPECT_EQ(b->punishment, Punishment::kPenurunanJabatan);
  EXPECT_EQ(b->level, B);
  EXPECT_THAT(Options(*b),
              ElementsAre(Punishment::kPenurunanJabatan, Punishment::kPembebasanJabatan, Punishment::kPdhtaps));
}

TEST(RepeatOffence, HeavierLevelKeepsItsOwnChoiceWhenThePriorWasLight) {
  // Prior teguran lisan; the new violation is berat: every berat option is
  // already heavier, so the official still chooses.
  auto a = Engine().Assess(
      {.provision_id = "PP94.3.d", .impact = Impact::kNegara, .prior_punishment = Punishment::kTeguranLisan});
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->level, B);
  EXPECT_EQ(a->punishment, Punishment::kUnspecified);
  EXPECT_EQ(a->options.size(), 3u);
}

TEST(RepeatOffence, AttendanceBandsByCumulativeDaysOnly) {
  // Law reference 2.5a: PP 94/2021 Pasal 4 huruf f bands by the year's
  // cumulative days (Pasal 15 ayat (1)); the repeat rule is not applied on
  // top. 3 days stay a teguran lisan after a prior teguran tertulis.
  auto a = Engine().Assess(
      {.provision_id = "PP94.4.f", .absence_days = 3, .prior_punishment = Punishment::kTeguranTertulis});
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->punishment, Punishment::kTeguranLisan);
  EXPECT_THAT(Options(*a), ElementsAre(Punishment::kTeguranLisan));
  // 12 days after a prior KGB deferral: still the 11-13 band.
  auto b = Engine().Assess(
      {.provision_id = "PP94.4.f", .absence_days = 12, .prior_punishment = Punishment::kPenundaanKgb1Tahun});
  ASSERT_TRUE(b.ok()) << b.status();
  EXPECT_EQ(b->punishment, Punishment::kPenundaanKgb1Tahun);
  for (const std::string& basis : b->legal_basis) EXPECT_THAT(basis, ::testing::Not(HasSubstr("terakhir")));
  // 21 days is demotion; a prior teguran lisan does not lighten it.
  auto c =
      Engine().Assess({.provision_id = "PP94.4.f", .absence_days = 21, .prior_punishment = Punishment::kTeguranLisan});
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->punishment, Punishment::kPenurunanJabatan);
}

// ---- The tukin cut from the rules table's date (PP 94/2021 Pasal 8 ayat (3)) ----

RulesEngine EngineWithTukinFrom(absl::CivilDay from) {
  auto book = config::ParseRuleBook(config::BuiltinRulesText());
  EXPECT_TRUE(book.ok()) << book.status();
  book->tukin_cut_from = from;
  auto engine = RulesEngine::Create(*book, LegalSettings{});
  EXPECT_TRUE(engine.ok()) << engine.status();
  return *std::move(engine);
}

TEST(TukinCut, FromTheTablesDateTheCutItselfBeforeItTheSubstitutes) {
  // PP 94/2021 Pasal 8 ayat (3) with ≈ Pasal 42: the cut applies once the
  // regulation on PNS pay is in force (a date the table names); before it,
  // the substitutes of KMK 5/KMK.01/2022.
  const RulesEngine engine = EngineWithTukinFrom(absl::CivilDay(2027, 1, 1));
  auto before =
      engine.Assess({.provision_id = "PP94.4.f", .absence_days = 14, .on_date = absl::CivilDay(2026, 12, 31)});
  auto after = engine.Assess({.provision_id = "PP94.4.f", .absence_days = 14, .on_date = absl::CivilDay(2027, 1, 1)});
  ASSERT_TRUE(before.ok() && after.ok());
  EXPECT_EQ(before->punishment, Punishment::kPenundaanPangkat1Tahun);
  EXPECT_EQ(after->punishment, Punishment::kPotonganTukin9Bulan);
  auto sedang =
      engine.Assess({.provision_id = "PP94.3.d", .impact = Impact::kInstansi, .on_date = absl::CivilDay(2027, 2, 1)});
  ASSERT_TRUE(sedang.ok()) << sedang.status();
  EXPECT_THAT(Options(*sedang), ElementsAre(Punishment::kPotonganTukin6Bulan, Punishment::kPotonganTukin9Bulan,
                                            Punishment::kPotonganTukin12Bulan));
  // With a date in the table, the assessment needs its own.
  auto undated = engine.Assess({.provision_id = "PP94.4.f", .absence_days = 14});
  EXPECT_THAT(undated, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(FieldOf(undated.status()), Optional(std::string("on_date")));
  // The decision's day decides which type may be imposed.
  EXPECT_THAT(engine.CheckInForce(Punishment::kPenundaanKgb1Tahun, absl::CivilDay(2027, 1, 2)),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("POTONGAN_TUKIN_6_BULAN")));
  EXPECT_TRUE(engine.CheckInForce(Punishment::kPenundaanKgb1Tahun, absl::CivilDay(2026, 12, 30)).ok());
  // The built-in table names no date: the tukin cut is not imposed.
  EXPECT_THAT(Engine().CheckInForce(Punishment::kPotonganTukin6Bulan, absl::CivilDay(2026, 12, 30)),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("PENUNDAAN_KGB_1_TAHUN")));
}

// ---- Employee type (law reference 2.5a) ----

TEST(EmployeeType, PppkIsNeverOfferedAPnsOnlyPunishment) {
  // PP 49/2018 Pasal 53: a PPPK's heavy outcome is termination of the work
  // agreement, which the API has no punishment for: berat is refused,
  // naming the gap.
  auto berat =
      Engine().Assess({.provision_id = "PP94.3.d", .impact = Impact::kNegara, .employee_type = EmployeeType::kPppk});
  EXPECT_THAT(berat, StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("PP 49/2018 Pasal 53")));
  // The sedang types in force act on a PNS's pay step and rank; the law read
  // names nothing for a PPPK: refused, naming the gap.
  auto sedang = Engine().Assess({.provision_id = "PP94.4.f", .absence_days = 12, .employee_type = EmployeeType::kPppk});
  EXPECT_THAT(sedang, StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("pangkat")));
  // Ringan applies to a PPPK as to a PNS (PP 49/2018: discipline per the
  // PNS rules).
  auto ringan =
      Engine().Assess({.provision_id = "PP94.3.d", .impact = Impact::kUnitKerja, .employee_type = EmployeeType::kPppk});
  ASSERT_TRUE(ringan.ok()) << ringan.status();
  EXPECT_EQ(ringan->options.size(), 3u);
  // A repeat offence after a pernyataan tidak puas: every heavier type is
  // PNS-only, so it is refused rather than guessed.
  auto repeat = Engine().Assess({.provision_id = "PP94.3.d",
                                 .impact = Impact::kUnitKerja,
                                 .prior_punishment = Punishment::kPernyataanTidakPuas,
                                 .employee_type = EmployeeType::kPppk});
  EXPECT_THAT(repeat, StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST(EmployeeType, PppkGetsTheTukinCutOnceItIsInForce) {
  // The tukin cut acts on no post or rank: open to a PPPK from the table's
  // date.
  const RulesEngine engine = EngineWithTukinFrom(absl::CivilDay(2027, 1, 1));
  auto a = engine.Assess({.provision_id = "PP94.3.d",
                          .impact = Impact::kInstansi,
                          .employee_type = EmployeeType::kPppk,
                          .on_date = absl::CivilDay(2027, 3, 1)});
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_THAT(Options(*a), ElementsAre(Punishment::kPotonganTukin6Bulan, Punishment::kPotonganTukin9Bulan,
                                       Punishment::kPotonganTukin12Bulan));
}

TEST(EmployeeType, CpnsSedangOrBeratCarriesDismissalAsCpns) {
  // Law reference 2.5a: a CPNS given a sedang or berat punishment is
  // dismissed as CPNS (PP 11/2017 ≈ Pasal 36, unverified).
  auto sedang =
      Engine().Assess({.provision_id = "PP94.3.d", .impact = Impact::kInstansi, .employee_type = EmployeeType::kCpns});
  ASSERT_TRUE(sedang.ok()) << sedang.status();
  EXPECT_THAT(sedang->consequences, ElementsAre(HasSubstr("diberhentikan sebagai CPNS")));
  EXPECT_THAT(sedang->legal_basis, Contains(HasSubstr("PP 11/2017")));
  auto berat =
      Engine().Assess({.provision_id = "PP94.3.d", .impact = Impact::kNegara, .employee_type = EmployeeType::kCpns});
  ASSERT_TRUE(berat.ok()) << berat.status();
  EXPECT_THAT(berat->consequences, ElementsAre(HasSubstr("diberhentikan sebagai CPNS")));
  auto ringan =
      Engine().Assess({.provision_id = "PP94.3.d", .impact = Impact::kUnitKerja, .employee_type = EmployeeType::kCpns});
  ASSERT_TRUE(ringan.ok()) << ringan.status();
  EXPECT_TRUE(ringan->consequences.empty());
  // A PNS's sedang carries no such consequence.
  auto pns =
      Engine().Assess({.provision_id = "PP94.3.d", .impact = Impact::kInstansi, .employee_type = EmployeeType::kPns});
  ASSERT_TRUE(pns.ok()) << pns.status();
  EXPECT_TRUE(pns->consequences.empty());
}

// ---- Authority: every cell of the table (reference §1.2) ----

AuthorityBand BandOf(Punishment p) {
  if (Severity(p) <= Severity(Punishment::kPernyataanTidakPuas)) return AuthorityBand::kRingan;
  if (Severity(p) <= Severity(Punishment::kPotonganTukin12Bulan)) return AuthorityBand::kSedang;
  if (p == Punishment::kPdhtaps) return AuthorityBand::kPdhtaps;
  return AuthorityBand::kBeratJabatan;
}

// The reference's table, restated as code.
AuthorityRole ExpectedAuthority(PositionKind k, Environment e, AuthorityBand band, bool is_ppk) {
  using PK = PositionKind;
  using AR = AuthorityRole;
  if (k == PK::kJptMadya && is_ppk) return AR::kPresiden;
  if (k == PK::kJptUtama) return AR::kPresiden;
  if (k == PK::kJptMadya || k == PK::kFungsionalAhliUtama) {
    return band == AuthorityBand::kPdhtaps ? AR::kPresiden : AR::kPpk;
  }
  if (e == Environment::kPerwakilanLuarNegeri) {
    return band == AuthorityBand::kRingan || band == AuthorityBand::kSedang ? AR::kKepalaPerwakilan : AR::kPpk;
  }
  if (band == AuthorityBand::kBeratJabatan || band == AuthorityBand::kPdhtaps) return AR::kPpk;
  const bool ringan = band == AuthorityBand::kRingan;
  const bool district = e == Environment::kKabupatenKota;
  switch (k) {
    case PK::kJptPratama:
      return ringan && !district ? AR::kJptMadya : AR::kPpk;
    case PK::kAdministrator:
      return ringan ? AR::kJptPratama : (district ? AR::kPpk : AR::kJptMadya);
    case PK::kPengawas:
      return ringan ? AR::kAdministrator : (district ? AR::kPpk : AR::kJptPratama);
    case PK::kPelaksana:
      return ringan ? AR::kPengawas : (district ? AR::kPpk : AR::kAdministrator);
    default:  // functional posts below ahli utama: the unit head
      return ringan ? AR::kAdministrator : AR::kJptPratama;
  }
}

TEST(Authority, EveryCellOfTheTable) {
  int cells = 0;
  for (int k = 1; k <= kPositionKindCount; ++k) {
    for (int e = 1; e <= kEnvironmentCount; ++e) {
      for (int p = 1; p <= kPunishmentCount; ++p) {
        const auto kind = static_cast<PositionKind>(k);
        const auto env = static_cast<Environment>(e);
        const auto punishment = static_cast<Punishment>(p);
        const SanctionOption o = Engine().OptionFor(punishment, kind, env, false);
        EXPECT_EQ(o.authority, ExpectedAuthority(kind, env, BandOf(punishment), false))
            << Name(kind) << " in " << Name(env) << ", " << Name(punishment) << " → got " << Name(o.authority);
        EXPECT_FALSE(o.authority_basis.empty());
        ++cells;
      }
    }
  }
  EXPECT_EQ(cells, 11 * 4 * 12);
}

// Where the authority differs between the options of one level (berat:
// demotion and release are the PPK's, PDHTAPS the President's on the PPK's
// proposal, for a JPT madya or fungsional ahli utama), every option of the
// assessment carries its own authority, proposer and remedy. Every position
// kind × environment × berat option; the expected values are the
// reference's table (§1.2) and PP 79/2021 (§2.6).
TEST(Authority, EachOptionCarriesTheAuthorityOfItsOwnPunishment) {
  int cells = 0, differing = 0;
  for (int k = 1; k <= kPositionKindCount; ++k) {
    for (int e = 1; e <= kEnvironmentCount; ++e) {
      const auto kind = static_cast<PositionKind>(k);
      const auto env = static_cast<Environment>(e);
      auto a = Engine().Assess({.provision_id = "PP94.5.a", .position_kind = kind, .environment = env});
      ASSERT_TRUE(a.ok()) << a.status();
      ASSERT_EQ(a->options.size(), 3u);
      std::set<AuthorityRole> roles;
      for (const SanctionOption& o : a->options) {
        const AuthorityRole expected = ExpectedAuthority(kind, env, BandOf(o.punishment), false);
        EXPECT_EQ(o.authority, expected) << Name(kind) << " in " << Name(env) << ", " << Name(o.punishment);
        const bool on_proposal = (kind == PositionKind::kJptMadya || kind == PositionKind::kFungsionalAhliUtama) &&
                                 o.punishment == Punishment::kPdhtaps;
        EXPECT_EQ(o.proposed_by, on_proposal ? AuthorityRole::kPpk : AuthorityRole::kUnspecified)
            << Name(kind) << " in " << Name(env) << ", " << Name(o.punishment);
        const Remedy remedy = expected == AuthorityRole::kPresiden   ? Remedy::kNone
                              : o.punishment == Punishment::kPdhtaps ? Remedy::kBandingAdministratif
                                                                     : Remedy::kKeberatan;
        EXPECT_EQ(o.remedy, remedy) << Name(kind) << " in " << Name(env) << ", " << Name(o.punishment);
        roles.insert(o.authority);
        ++cells;
      }
      differing += roles.size() > 1;
    }
  }
  EXPECT_EQ(cells, 11 * 4 * 3);
  // JPT madya and fungsional ahli utama, in each of the four environments.
  EXPECT_EQ(differing, 2 * 4);
}

TEST(Authority, JptMadyaWhoIsPpkIsPunishedByThePresidentForEveryType) {
  for (int p = 1; p <= kPunishmentCount; ++p) {
    const SanctionOption o =
        Engine().OptionFor(static_cast<Punishment>(p), PositionKind::kJptMadya, Environment::kProvinsi, true);
    EXPECT_EQ(o.authority, AuthorityRole::kPresiden) << p;
    EXPECT_EQ(o.remedy, Remedy::kNone) << "the President's decisions default to no administrative remedy";
  }
}

TEST(Authority, AssessmentNamesTheAuthorityOfEachOption) {
  auto a = Engine().Assess({.provision_id = "PP94.3.d",
                            .impact = Impact::kInstansi,
                            .position_kind = PositionKind::kPelaksana,
                            .environment = Environment::kPusat});
  ASSERT_TRUE(a.ok()) << a.status();
  for (const auto& o : a->options) EXPECT_EQ(o.authority, AuthorityRole::kAdministrator);
  EXPECT_THAT(a->options[0].authority_note, HasSubstr("2 tingkat"));
}

TEST(Authority, WithoutPositionTheAuthorityIsLeftOpen) {
  auto a = Engine().Assess({.provision_id = "PP94.3.d", .impact = Impact::kInstansi});
  ASSERT_TRUE(a.ok()) << a.status();
  for (const auto& o : a->options) EXPECT_EQ(o.authority, AuthorityRole::kUnspecified);
}

TEST(Authority, NextHigherOfficialWhenNoneExists) {
  EXPECT_EQ(NextHigherAuthority(AuthorityRole::kPengawas), AuthorityRole::kAdministrator);
  EXPECT_EQ(NextHigherAuthority(AuthorityRole::kAdministrator), AuthorityRole::kJptPratama);
  EXPECT_EQ(NextHigherAuthority(AuthorityRole::kJptPratama), AuthorityRole::kJptMadya);
  EXPECT_EQ(NextHigherAuthority(AuthorityRole::kJptMadya), AuthorityRole::kPpk);
  EXPECT_EQ(NextHigherAuthority(AuthorityRole::kKepalaPerwakilan), AuthorityRole::kPpk);
  EXPECT_EQ(NextHigherAuthority(AuthorityRole::kPpk), AuthorityRole::kPresiden);
}

// ---- Remedies (PP 79/2021) ----

TEST(Remedy, BandingAgainstPdhtapsKeberatanAgainstTheRest) {
  for (int p = 1; p <= kPunishmentCount; ++p) {
    const auto punishment = static_cast<Punishment>(p);
    const SanctionOption o = Engine().OptionFor(punishment, PositionKind::kPelaksana, Environment::kPusat, false);
    EXPECT_EQ(o.remedy, punishment == Punishment::kPdhtaps ? Remedy::kBandingAdministratif : Remedy::kKeberatan)
        << Name(punishment);
  }
}

TEST(Remedy, RemedyAgainstRinganIsAConfigurationValue) {
  auto book = config::ParseRuleBook(config::BuiltinRulesText());
  ASSERT_TRUE(book.ok());
  LegalSettings settings;
  settings.remedy_against_ringan = Remedy::kNone;
  auto engine = RulesEngine::Create(*book, settings);
  ASSERT_TRUE(engine.ok());
  EXPECT_EQ(engine->OptionFor(Punishment::kTeguranLisan, PositionKind::kPelaksana, Environment::kPusat, false).remedy,
            Remedy::kNone);
  EXPECT_EQ(
      engine->OptionFor(Punishment::kPenundaanKgb1Tahun, PositionKind::kPelaksana, Environment::kPusat, false).remedy,
      Remedy::kKeberatan);
}

TEST(Remedy, PresidentialPdhtapsFollowsThePresidentSetting) {
  const SanctionOption o =
      Engine().OptionFor(Punishment::kPdhtaps, PositionKind::kFungsionalAhliUtama, Environment::kPusat, false);
  EXPECT_EQ(o.authority, AuthorityRole::kPresiden);
  EXPECT_EQ(o.remedy, Remedy::kNone);
}

// ---- Neutrality: the 13 forms of the 2022 joint decree ----

struct FormRow {
  int n;
  Track calon_track;
  std::string calon_provision;  // for the discipline track
  SanctionLevel calon_level;
};

class NeutralityTest : public ::testing::TestWithParam<FormRow> {};

TEST_P(NeutralityTest, BakalCalonAndCalon) {
  const FormRow& row = GetParam();
  const std::string id = absl::StrCat("SKB2022.", row.n);
  auto bakal = Engine().Assess({.provision_id = id, .candidate_status = CandidateStatus::kBakalCalon});
  ASSERT_TRUE(bakal.ok()) << bakal.status();
  // Party membership is dismissal in both statuses; everything else around a
  // bakal calon is an ethics matter.
  EXPECT_EQ(bakal->track, row.calon_track == Track::kDismissal ? Track::kDismissal : Track::kEthics);
  EXPECT_TRUE(bakal->options.empty());
  EXPECT_EQ(bakal->level, X);

  auto calon = Engine().Assess({.provision_id = id,
                                .position_kind = PositionKind::kJptPratama,
                                .environment = Environment::kKabupatenKota,
                                .candidate_status = CandidateStatus::kCalon});
  ASSERT_TRUE(calon.ok()) << calon.status();
  EXPECT_EQ(calon->track, row.calon_track);
  if (row.calon_track == Track::kEthics) {
    // Law reference 2.5a: PP94.5.n.1 cites no disciplinary level.
    EXPECT_EQ(calon->resolved_provision_id, row.calon_provision);
    EXPECT_TRUE(calon->options.empty());
    EXPECT_THAT(calon->legal_basis, Contains(HasSubstr("PP 42/2004")));
  }
  if (row.calon_track == Track::kDiscipline) {
    EXPECT_EQ(calon->resolved_provision_id, row.calon_provision);
    EXPECT_EQ(calon->level, row.calon_level);
    EXPECT_THAT(calon->legal_basis, Contains(HasSubstr("Pasal 5 huruf n")));
    EXPECT_FALSE(calon->options.empty());
  }
  auto missing = Engine().Assess({.provision_id = id});
  if (row.calon_track == Track::kDismissal) {
    // Party membership is the dismissal track whatever the candidacy (UU
    // 20/2023; reference §3): no candidate status is needed.
    ASSERT_TRUE(missing.ok()) << missing.status();
    EXPECT_EQ(missing->track, Track::kDismissal);
    EXPECT_THAT(missing->legal_basis, Contains(HasSubstr("partai politik")));
  } else {
    EXPECT_THAT(missing, StatusIs(absl::StatusCode::kInvalidArgument));
    EXPECT_THAT(FieldOf(missing.status()), Optional(std::string("candidate_status")));
  }
}

INSTANTIATE_TEST_SUITE_P(
    SKB2022, NeutralityTest,
    // Forms that resolve to PP94.5.n.1 take the ethics track for a calon too
    // (law reference 2.5a: no disciplinary level can be cited for angka 1).
    ::testing::Values(FormRow{1, Track::kEthics, "PP94.5.n.1", X}, FormRow{2, Track::kEthics, "PP94.5.n.1", X},
                      FormRow{3, Track::kEthics, "PP94.5.n.1", X}, FormRow{4, Track::kEthics, "PP94.5.n.1", X},
                      FormRow{5, Track::kDiscipline, "PP94.5.n.2", S}, FormRow{6, Track::kEthics, "PP94.5.n.1", X},
                      FormRow{7, Track::kEthics, "PP94.5.n.1", X}, FormRow{8, Track::kDiscipline, "PP94.5.n.6", B},
                      FormRow{9, Track::kDismissal, "", X}, FormRow{10, Track::kDiscipline, "PP94.5.n.6", B},
                      FormRow{11, Track::kDiscipline, "PP94.5.n.6", B},
                      FormRow{12, Track::kDiscipline, "PP94.5.n.7", B},
                      FormRow{13, Track::kDiscipline, "PP94.5.n.5", B}),
    [](const auto& info) { return absl::StrCat("SKB2022_", info.param.n); });

// ---- Several findings: the heaviest ----

TEST(Heaviest, SeveralFindingsGiveTheHeaviest) {
  auto ringan = Engine().Assess({.provision_id = "PP94.3.d", .impact = Impact::kUnitKerja});
  auto attendance = Engine().Assess({.provision_id = "PP94.4.f", .absence_days = 14});
  auto sedang = Engine().Assess({.provision_id = "PP94.3.e", .impact = Impact::kInstansi});
  auto ethics = Engine().Assess({.provision_id = "SKB2022.1", .candidate_status = CandidateStatus::kBakalCalon});
  ASSERT_TRUE(ringan.ok() && attendance.ok() && sedang.ok() && ethics.ok());
  auto h = HeaviestAssessment({*ringan, *sedang, *attendance, *ethics});
  ASSERT_TRUE(h.ok()) << h.status();
  EXPECT_EQ(h->resolved_provision_id, "PP94.4.f")
      << "sedang with a fixed rank-promotion deferral (the 9-month rank) outranks open sedang";
  EXPECT_THAT(HeaviestAssessment({*ethics}), StatusIs(absl::StatusCode::kNotFound));
}

// ---- Bad input ----

TEST(BadInput, EachGivesItsExactCode) {
  EXPECT_THAT(Engine().Assess({}), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(Engine().Assess({.provision_id = "PP94.9.z"}), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(Engine().Assess({.provision_id = "SKB2022.14", .candidate_status = CandidateStatus::kCalon}),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(Engine().Assess({.provision_id = "PP94.5.n"}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("angka")));
  EXPECT_THAT(Engine().Assess({.provision_id = "PP94.5.m", .impact = Impact::kNegara}),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST(Catalogue, KnowsEveryProvisionAndFormAndNothingElse) {
  for (const std::string& id : RequiredProvisionIds()) EXPECT_TRUE(Engine().HasProvision(id)) << id;
  EXPECT_TRUE(Engine().HasProvision("SKB2022.13"));
  EXPECT_FALSE(Engine().HasProvision("SKB2022.14"));
  EXPECT_FALSE(Engine().HasProvision("PP94.5.n"));
  EXPECT_FALSE(Engine().HasProvision(""));
}

TEST(Catalogue, ListsEveryProvisionAndForm) {
  const auto list = Engine().ListProvisions();
  ASSERT_EQ(list.size(), RequiredProvisionIds().size() + 13);
  for (const auto& p : list) {
    EXPECT_FALSE(p.summary.empty()) << p.id;
    // Party membership (SKB2022.9) and what resolves to PP94.5.n.1 (law
    // reference 2.5a: the ethics track) reach no disciplinary level.
    const std::set<std::string> no_level = {"SKB2022.9", "PP94.5.n.1", "SKB2022.1", "SKB2022.2",
                                            "SKB2022.3", "SKB2022.4",  "SKB2022.6", "SKB2022.7"};
    if (!no_level.contains(p.id)) {
      EXPECT_FALSE(p.levels.empty()) << p.id << " reaches no level";
    }
  }
  auto find = [&](const std::string& id) {
    for (const auto& p : list) {
      if (p.id == id) return p;
    }
    return ProvisionSummary{};
  };
  EXPECT_THAT(find("PP94.4.f").levels, ElementsAre(R, S, B));
  EXPECT_THAT(find("PP94.4.d").levels, ElementsAre(S, B));
  EXPECT_THAT(find("PP94.5.n.3").levels, ElementsAre(B));
  EXPECT_TRUE(find("SKB2022.9").neutrality_form);
  EXPECT_THAT(find("SKB2022.9").levels, ::testing::IsEmpty());
}

}  // namespace
}  // namespace discipline::domain
