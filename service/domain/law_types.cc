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

int PunishmentDurationMonths(Punishment p) {
  switch (p) {
    // PP 94/2021 Pasal 8 ayat (3): pemotongan tunjangan kinerja 25%.
    case Punishment::kPotonganTukin6Bulan:
      return 6;
    case Punishment::kPotonganTukin9Bulan:
      return 9;
    case Punishment::kPotonganTukin12Bulan:
      return 12;
    // PP 94/2021 Pasal 8 ayat (4) huruf a and b: "selama 12 (dua belas)
    // bulan".
    case Punishment::kPenurunanJabatan:
    case Punishment::kPembebasanJabatan:
      return 12;
    default:
      return 0;
  }
}

absl::string_view Name(SanctionLevel v) {
  static constexpr std::array<absl::string_view, 4> k = {"UNSPECIFIED", "RINGAN", "SEDANG",
                                                        "BERAT"};
  return Lookup(v, k);
}

absl::string_view Name(Punishment v) {
  static constexpr std::array<absl::string_view, 10> k = {
      "UNSPECIFIED",           "TEGURAN_LISAN",         "TEGURAN_TERTULIS",
      "PERNYATAAN_TIDAK_PUAS", "POTONGAN_TUKIN_6_BULAN", "POTONGAN_TUKIN_9_BULAN",
      "POTONGAN_TUKIN_12_BULAN", "PENURUNAN_JABATAN",   "PEMBEBASAN_JABATAN",
      "PDHTAPS"};
  return Lookup(v, k);
}

absl::string_view Name(Impact v) {
  static constexpr std::array<absl::string_view, 4> k = {"UNSPECIFIED", "UNIT_KERJA", "INSTANSI",
                                                        "NEGARA"};
  return Lookup(v, k);
}

absl::string_view Name(PositionKind v) {
  static constexpr std::array<absl::string_view, 12> k = {
      "UNSPECIFIED",          "JPT_UTAMA",           "JPT_MADYA",
      "JPT_PRATAMA",          "ADMINISTRATOR",       "PENGAWAS",
      "PELAKSANA",            "FUNGSIONAL_AHLI_UTAMA", "FUNGSIONAL_AHLI_MADYA",
      "FUNGSIONAL_AHLI_MUDA", "FUNGSIONAL_AHLI_PERTAMA", "FUNGSIONAL_KETERAMPILAN"};
  return Lookup(v, k);
}

absl::string_view Name(Environment v) {
  static constexpr std::array<absl::string_view, 5> k = {
      "UNSPECIFIED", "PUSAT", "PROVINSI", "KABUPATEN_KOTA", "PERWAKILAN_LUAR_NEGERI"};
  return Lookup(v, k);
}

absl::string_view Name(AuthorityRole v) {
  static constexpr std::array<absl::string_view, 9> k = {
      "UNSPECIFIED", "PRESIDEN", "PPK", "JPT_MADYA", "JPT_PRATAMA", "ADMINISTRATOR", "PENGAWAS",
      "KEPALA_PERWAKILAN", "PEJABAT_FUNGSIONAL_DITUNJUK"};
  return Lookup(v, k);
}

absl::string_view Name(Remedy v) {
  static constexpr std::array<absl::string_view, 4> k = {"UNSPECIFIED", "NONE", "KEBERATAN",
                                                        "BANDING_ADMINISTRATIF"};
  return Lookup(v, k);
}

absl::string_view NamaIndonesia(SanctionLevel v) {
  static constexpr std::array<absl::string_view, 4> k = {
      "tidak ditentukan", "hukuman disiplin ringan", "hukuman disiplin sedang",
      "hukuman disiplin berat"};
  return Lookup(v, k);
}

absl::string_view NamaIndonesia(Punishment v) {
  static constexpr std::array<absl::string_view, 10> k = {
      "tidak ditentukan",
      "teguran lisan",
      "teguran tertulis",
      "pernyataan tidak puas secara tertulis",
      "pemotongan tunjangan kinerja 25% selama 6 bulan",
      "pemotongan tunjangan kinerja 25% selama 9 bulan",
      "pemotongan tunjangan kinerja 25% selama 12 bulan",
      "penurunan jabatan setingkat lebih rendah selama 12 bulan",
      "pembebasan dari jabatan menjadi jabatan pelaksana selama 12 bulan",
      "pemberhentian dengan hormat tidak atas permintaan sendiri sebagai PNS"};
  return Lookup(v, k);
}

}  // namespace discipline::domain
