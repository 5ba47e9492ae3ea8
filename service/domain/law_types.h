#ifndef DISCIPLINE_SERVICE_DOMAIN_LAW_TYPES_H_
#define DISCIPLINE_SERVICE_DOMAIN_LAW_TYPES_H_

// Value types of the law. Each enum has the same numeric values as its
// counterpart in asn.discipline.v1 (proto/asn/discipline/v1/common.proto);
// service/grpc checks this at compile time and converts by value.

#include "absl/strings/string_view.h"

namespace discipline::domain {

// PP 94/2021 Pasal 8 ayat (1).
enum class SanctionLevel { kUnspecified = 0, kRingan = 1, kSedang = 2, kBerat = 3 };

// PP 94/2021 Pasal 8 ayat (2)-(4), lightest first: the numeric order is the
// order of severity.
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
};
inline constexpr Punishment kLightestPunishment = Punishment::kTeguranLisan;
inline constexpr Punishment kHeaviestPunishment = Punishment::kPdhtaps;

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

// The months a punishment of PP 94/2021 Pasal 8 runs once in effect; 0 for
// one without a period (the ringan reprimands of ayat (2), and PDHTAPS of
// ayat (4) huruf c, which ends the service itself).
//   ayat (3): the tukin cut for 6, 9 or 12 months;
//   ayat (4) huruf a and b: demotion and release to a pelaksana post for 12
//   months.
int PunishmentDurationMonths(Punishment p);

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
