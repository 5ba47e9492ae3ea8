#ifndef DISCIPLINE_SERVICE_DOMAIN_LETTERS_H_
#define DISCIPLINE_SERVICE_DOMAIN_LETTERS_H_

// The office's letters of a case (Peraturan BKN 6/2022's annexes): their
// kinds, numbers, and the Bahasa Indonesia forms of dates they print.

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "service/domain/access.h"
#include "service/domain/case.h"

namespace discipline::domain {

// asn.discipline.v1.LetterKind's numbers.
enum class LetterKind {
  kUnspecified = 0,
  kSuratPanggilan = 1,
  kBap = 2,
  kLaporanHasilPemeriksaan = 3,
  kSkTimPemeriksa = 4,
  kSkPembebasanSementara = 5,
  kSkHukumanDisiplin = 6,
  kPanggilanMenerimaKeputusan = 7,
  kBeritaAcaraPenyampaian = 8,
  kSuratKeteranganHukdis = 9,
};
inline constexpr int kLetterKindCount = 10;

// "sk_hukuman_disiplin": the template's base name.
absl::string_view Name(LetterKind k);

// "11 November 2026".
std::string LetterDateText(absl::CivilDay day);
// "Rabu".
absl::string_view LetterWeekday(absl::CivilDay day);
// "09.00 WIB": a time of day in the zone of an agency (Asia/Jakarta: WIB,
// Asia/Makassar and Asia/Pontianak's neighbours in the centre: WITA,
// Asia/Jayapura: WIT).
std::string LetterTimeText(int hour, int minute, absl::string_view time_zone);
// "Rabu tanggal dua puluh tiga bulan September tahun dua ribu dua puluh
// enam": a day written out, as a berita acara opens ("Pada hari ini ...").
std::string DayInWords(absl::CivilDay day);
// "1 (satu)", "12 (dua belas)": a count as Indonesian official texts write
// it (0-999).
std::string CountInWords(int n);

// The number of a letter of `kind`, deterministic in the case: the SK's is
// the decision's number (DecideSanction); a summons' number is the one
// IssueSummons gave (letter_number), else the case's register number, "PGL",
// and the summons' sequence ("HD/2026/000001/PGL-1"); a team's or a
// release's decree the number it was recorded with; the others the case's
// register number and a suffix (BAP, LHP, TIM, PBS, PGL-SK, BA-SK, KET).
// FAILED_PRECONDITION naming what is missing when the case has no such
// letter yet (no decision, no summons, no examination, ...); the
// certificate's number is completed with its date by the caller.
absl::StatusOr<std::string> LetterNumber(const Case& c, LetterKind kind);

// Who may render a letter of a case that `caller` may read: the case's
// agency's operators, and for the SK also the official who decides it (or
// the PPK where the PPK's office decides), as DecideSanction allows them
// (api.md "Letters and the electronic signature").
absl::Status AuthorizeLetter(const Caller& caller, LetterKind kind, const Case& c, const Policy& policy);

}  // namespace discipline::domain

#endif  // DISCIPLINE_SERVICE_DOMAIN_LETTERS_H_
