#include "service/domain/law_types.h"

#include <array>

namespace discipline::domain {
namespace {

template <typename E, size_t N>
absl::string_view Lookup(E v, const std::array<absl::string_view, N>& names) {
  const auto i = static_cast<size_t>(v);
  return i < N ? names[i] : absl::string_view("INVALID");
}

}  // namespace

absl::string_view Name(SanctionLevel v) {
  static constexpr std::array<absl::string_view, 4> k = {"UNSPECIFIED", "RINGAN", "SEDANG", "BERAT"};
  return Lookup(v, k);
}

absl::string_view Name(Punishment v) {
  static constexpr std::array<absl::string_view, 13> k = {"UNSPECIFIED",
                                                          "TEGURAN_LISAN",
                                                          "TEGURAN_TERTULIS",
                                                          "PERNYATAAN_TIDAK_PUAS",
                                                          "POTONGAN_TUKIN_6_BULAN",
                                                          "POTONGAN_TUKIN_9_BULAN",
                                                          "POTONGAN_TUKIN_12_BULAN",
                                                          "PENURUNAN_JABATAN",
                                                          "PEMBEBASAN_JABATAN",
                                                          "PDHTAPS",
                                                          "PENUNDAAN_KGB_1_TAHUN",
                                                          "PENUNDAAN_PANGKAT_1_TAHUN",
                                                          "PENURUNAN_PANGKAT_1_TAHUN"};
  return Lookup(v, k);
}

int Severity(Punishment p) {
  switch (p) {
    // KMK 5/KMK.01/2022: each substitute in place of the cut of the same
    // rank (6 → KGB deferral, 9 → rank-promotion deferral, 12 → rank
    // demotion).
    case Punishment::kPenundaanKgb1Tahun:
      return Severity(Punishment::kPotonganTukin6Bulan);
    case Punishment::kPenundaanPangkat1Tahun:
      return Severity(Punishment::kPotonganTukin9Bulan);
    case Punishment::kPenurunanPangkat1Tahun:
      return Severity(Punishment::kPotonganTukin12Bulan);
    default: {
      // PP 94/2021 Pasal 8 ayat (2)-(4): values 0-9 are in the order of
      // severity.
      const int v = static_cast<int>(p);
      return v >= 0 && v <= static_cast<int>(kHeaviestPunishment) ? v : 0;
    }
  }
}

int PunishmentDurationMonths(Punishment p) {
  switch (p) {
    case Punishment::kPotonganTukin6Bulan:  // PP 94/2021 Pasal 8 ayat (3) huruf a
      return 6;
    case Punishment::kPotonganTukin9Bulan:  // huruf b
      return 9;
    case Punishment::kPotonganTukin12Bulan:    // huruf c
    case Punishment::kPenurunanJabatan:        // Pasal 8 ayat (4) huruf a
    case Punishment::kPembebasanJabatan:       // Pasal 8 ayat (4) huruf b
    case Punishment::kPenundaanKgb1Tahun:      // KMK 5/KMK.01/2022: 1 (satu) tahun
    case Punishment::kPenundaanPangkat1Tahun:  // idem
    case Punishment::kPenurunanPangkat1Tahun:  // idem
      return 12;
    default:
      return 0;
  }
}

absl::string_view PunishmentInWords(Punishment v) {
  static constexpr std::array<absl::string_view, 13> k = {
      "tidak ditentukan",
      "teguran lisan",
      "teguran tertulis",
      "pernyataan tidak puas secara tertulis",
      "pemotongan tunjangan kinerja sebesar 25% (dua puluh lima persen) selama 6 (enam) bulan",
      "pemotongan tunjangan kinerja sebesar 25% (dua puluh lima persen) selama 9 (sembilan) bulan",
      "pemotongan tunjangan kinerja sebesar 25% (dua puluh lima persen) selama 12 (dua belas) bulan",
      "penurunan jabatan setingkat lebih rendah selama 12 (dua belas) bulan",
      "pembebasan dari jabatannya menjadi jabatan pelaksana selama 12 (dua belas) bulan",
      "pemberhentian dengan hormat tidak atas permintaan sendiri sebagai PNS",
      "penundaan kenaikan gaji berkala selama 1 (satu) tahun",
      "penundaan kenaikan pangkat selama 1 (satu) tahun",
      "penurunan pangkat setingkat lebih rendah selama 1 (satu) tahun"};
  return Lookup(v, k);
}

absl::string_view Name(Impact v) {
  static constexpr std::array<absl::string_view, 4> k = {"UNSPECIFIED", "UNIT_KERJA", "INSTANSI", "NEGARA"};
  return Lookup(v, k);
}

absl::string_view Name(PositionKind v) {
  static constexpr std::array<absl::string_view, 12> k = {"UNSPECIFIED",
                                                          "JPT_UTAMA",
                                                          "JPT_MADYA",
                                                          "JPT_PRATAMA",
                                                          "ADMINISTRATOR",
                                                          "PENGAWAS",
                                                          "PELAKSANA",
                                                          "FUNGSIONAL_AHLI_UTAMA",
                                                          "FUNGSIONAL_AHLI_MADYA",
                                                          "FUNGSIONAL_AHLI_MUDA",
                                                          "FUNGSIONAL_AHLI_PERTAMA",
                                                          "FUNGSIONAL_KETERAMPILAN"};
  return Lookup(v, k);
}

absl::string_view Name(Environment v) {
  static constexpr std::array<absl::string_view, 5> k = {"UNSPECIFIED", "PUSAT", "PROVINSI", "KABUPATEN_KOTA",
                                                         "PERWAKILAN_LUAR_NEGERI"};
  return Lookup(v, k);
}

absl::string_view Name(AuthorityRole v) {
  static constexpr std::array<absl::string_view, 9> k = {
      "UNSPECIFIED", "PRESIDEN",          "PPK",
      "JPT_MADYA",   "JPT_PRATAMA",       "ADMINISTRATOR",
      "PENGAWAS",    "KEPALA_PERWAKILAN", "PEJABAT_FUNGSIONAL_DITUNJUK"};
  return Lookup(v, k);
}

absl::string_view Name(Remedy v) {
  static constexpr std::array<absl::string_view, 4> k = {"UNSPECIFIED", "NONE", "KEBERATAN", "BANDING_ADMINISTRATIF"};
  return Lookup(v, k);
}

absl::string_view NamaIndonesia(SanctionLevel v) {
  static constexpr std::array<absl::string_view, 4> k = {"tidak ditentukan", "hukuman disiplin ringan",
                                                         "hukuman disiplin sedang", "hukuman disiplin berat"};
  return Lookup(v, k);
}

absl::string_view NamaIndonesia(Punishment v) {
  static constexpr std::array<absl::string_view, 13> k = {
      "tidak ditentukan",
      "teguran lisan",
      "teguran tertulis",
      "pernyataan tidak puas secara tertulis",
      "pemotongan tunjangan kinerja 25% selama 6 bulan",
      "pemotongan tunjangan kinerja 25% selama 9 bulan",
      "pemotongan tunjangan kinerja 25% selama 12 bulan",
      "penurunan jabatan setingkat lebih rendah selama 12 bulan",
      "pembebasan dari jabatan menjadi jabatan pelaksana selama 12 bulan",
      "pemberhentian dengan hormat tidak atas permintaan sendiri sebagai PNS",
      "penundaan kenaikan gaji berkala selama 1 (satu) tahun",
      "penundaan kenaikan pangkat selama 1 (satu) tahun",
      "penurunan pangkat setingkat lebih rendah selama 1 (satu) tahun"};
  return Lookup(v, k);
}

}  // namespace discipline::domain
