#include "service/domain/nip.h"

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "service/common/errors.h"

namespace discipline::domain {
namespace {

int Digits(absl::string_view s) {
  int v = 0;
  (void)absl::SimpleAtoi(s, &v);
  return v;
}

}  // namespace

absl::StatusOr<std::string> NormalizeNip(absl::string_view input, absl::string_view field) {
  std::string nip;
  for (char c : input) {
    if (c == ' ') continue;
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) {
      return InvalidField(field, "must contain digits only (spaces are allowed)", "NIP hanya berisi angka.");
    }
    nip.push_back(c);
  }
  if (nip.size() != 18) {
    return InvalidField(field, absl::StrCat("must have 18 digits, got ", nip.size()), "NIP harus 18 digit.");
  }
  const int by = Digits(nip.substr(0, 4)), bm = Digits(nip.substr(4, 2)), bd = Digits(nip.substr(6, 2));
  const absl::CivilDay birth(by, bm, bd);
  if (by < 1900 || birth.year() != by || birth.month() != bm || birth.day() != bd) {
    return InvalidField(field, "digits 1-8 are not a real birth date", "Tanggal lahir pada NIP tidak valid.");
  }
  const int ty = Digits(nip.substr(8, 4)), tm = Digits(nip.substr(12, 2));
  // PPPK numbers carry "21" in the month digits (seen in agency data).
  const bool pppk_marker = tm == 21;
  if (!pppk_marker && (tm < 1 || tm > 12)) {
    return InvalidField(field, "digits 13-14 are not a month of appointment", "Bulan TMT pada NIP tidak valid.");
  }
  if (ty <= by) {
    return InvalidField(field, "the appointment year (digits 9-12) must follow the birth year",
                        "Tahun TMT pada NIP harus setelah tahun lahir.");
  }
  if (nip[14] != '1' && nip[14] != '2') {
    return InvalidField(field, "digit 15 (sex) must be 1 or 2", "Digit jenis kelamin pada NIP harus 1 atau 2.");
  }
  if (Digits(nip.substr(15, 3)) < 1) {
    return InvalidField(field, "the sequence (digits 16-18) must be 001-999", "Nomor urut pada NIP tidak valid.");
  }
  return nip;
}

}  // namespace discipline::domain
