#ifndef DISCIPLINE_SERVICE_DOMAIN_LAW_TYPES_H_
#define DISCIPLINE_SERVICE_DOMAIN_LAW_TYPES_H_

// Value types of the law. Each enum has the same numeric values as its
// counterpart in asn.discipline.v1 (proto/asn/discipline/v1/common.proto);
// service/grpc checks this at compile time and converts by value.

#include "absl/strings/string_view.h"

namespace discipline::domain {

// PP 94/2021 Pasal 8 ayat (1).
enum class SanctionLevel { kUnspecified = 0, kRingan = 1, kSedang = 2, kBerat = 3 };

// PP 94/2021 Pasal 8 ayat (2)-(4), and the three sedang types imposed while
// the tukin cut of Pasal 8 ayat (3) waits for the regulation on PNS pay
// (KMK 5/KMK.01/2022; PP 94/2021 ≈ Pasal 42). The numeric values are the
// API's; the order of severity is Severity(), not the numeric order.
enum class Punishment {
  kUnspecified = 0,
  kTeguranLisan = 1,
  kTeguranTertulis = 2,
  kPernyataanTidakPuas = 3,
  kPotonganTukin6Bulan = 4,
  kPotonganTukin9Bulan = 5,
  kPotonganTukin12Bulan = 6,
  kPenurunanJabatan = 7,
  kPembebasanJabatan = 8,
  kPdhtaps = 9,
  // KMK 5/KMK.01/2022: in place of the 6-, 9- and 12-month tukin cut.
  kPenundaanKgb1Tahun = 10,
  kPenundaanPangkat1Tahun = 11,
  kPenurunanPangkat1Tahun = 12,
};
inline constexpr Punishment kLightestPunishment = Punishment::kTeguranLisan;
inline constexpr Punishment kHeaviestPunishment = Punishment::kPdhtaps;
// The largest numeric value of Punishment (for range checks).
inline constexpr Punishment kLastPunishment = Punishment::kPenurunanPangkat1Tahun;
inline constexpr int kPunishmentCount = 12;

// The order of severity (0 for kUnspecified, 1 for the lightest). PP 94/2021
// Pasal 8 ayat (2)-(4) lists each level lightest first; a substitute ranks
// with the tukin cut it replaces (KMK 5/KMK.01/2022: KGB deferral for the 6
// months, rank-promotion deferral for the 9, rank demotion for the 12), so
// both families sit between ringan and berat in the same order.
int Severity(Punishment p);

// Whether `a` is heavier than `b` by Severity().
inline bool Heavier(Punishment a, Punishment b) { return Severity(a) > Severity(b); }

// How many months the punishment runs (PP 94/2021 Pasal 8 ayat (3)-(4);
// KMK 5/KMK.01/2022 for the substitutes, each 1 year); 0 where it has no
// period (the reprimands, PDHTAPS).
int PunishmentDurationMonths(Punishment p);

// The punishment in words, as an SK states it ("penundaan kenaikan gaji
// berkala selama 1 (satu) tahun").
absl::string_view PunishmentInWords(Punishment p);

enum class Impact { kUnspecified = 0, kUnitKerja = 1, kInstansi = 2, kNegara = 3 };

enum class PositionKind {
  kUnspecified = 0,
  kJptUtama = 1,
  kJptMadya = 2,
  kJptPratama = 3,
  kAdministrator = 4,
  kPengawas = 5,
  kPelaksana = 6,
  kFungsionalAhliUtama = 7,
  kFungsionalAhliMadya = 8,
  kFungsionalAhliMuda = 9,
  kFungsionalAhliPertama = 10,
  kFungsionalKeterampilan = 11,
};
inline constexpr int kPositionKindCount = 11;

enum class Environment {
  kUnspecified = 0,
  kPusat = 1,
  kProvinsi = 2,
  kKabupatenKota = 3,
  kPerwakilanLuarNegeri = 4,
};
inline constexpr int kEnvironmentCount = 4;

enum class AuthorityRole {
  kUnspecified = 0,
  kPresiden = 1,
  kPpk = 2,
  kJptMadya = 3,
  kJptPratama = 4,
  kAdministrator = 5,
  kPengawas = 6,
  kKepalaPerwakilan = 7,
  kPejabatFungsionalDitunjuk = 8,
};

enum class Remedy { kUnspecified = 0, kNone = 1, kKeberatan = 2, kBandingAdministratif = 3 };

enum class Track { kUnspecified = 0, kDiscipline = 1, kEthics = 2, kDismissal = 3 };

enum class CandidateStatus { kUnspecified = 0, kBakalCalon = 1, kCalon = 2 };

// Who issued a neutrality recommendation (the 2022 joint decree).
enum class Issuer { kUnspecified = 0, kBawaslu = 1, kBkn = 2, kKasn = 3 };

// KASN's three aspects of neutrality.
enum class NeutralityAspect { kUnspecified = 0, kPolitik = 1, kPelayananPublik = 2, kPengambilanKeputusan = 3 };

// Sanksi moral, PP 42/2004 Pasal 15 ayat (2).
enum class MoralSanction { kUnspecified = 0, kPernyataanTertutup = 1, kPernyataanTerbuka = 2 };

enum class ExaminationTeam { kUnspecified = 0, kRequired = 1, kOptional = 2, kNotRequired = 3 };

// Groups of punishments the authority table distinguishes.
enum class AuthorityBand { kUnspecified = 0, kRingan = 1, kSedang = 2, kBeratJabatan = 3, kPdhtaps = 4 };

// English names, for messages and logs ("SEDANG", "PDHTAPS", "UNIT_KERJA").
absl::string_view Name(SanctionLevel v);
absl::string_view Name(Punishment v);
absl::string_view Name(Impact v);
absl::string_view Name(PositionKind v);
absl::string_view Name(Environment v);
absl::string_view Name(AuthorityRole v);
absl::string_view Name(Remedy v);

// Bahasa Indonesia names, for explanations shown to officials.
absl::string_view NamaIndonesia(SanctionLevel v);
absl::string_view NamaIndonesia(Punishment v);

}  // namespace discipline::domain

#endif  // DISCIPLINE_SERVICE_DOMAIN_LAW_TYPES_H_
