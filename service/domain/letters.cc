#include "service/domain/letters.h"

#include <array>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace discipline::domain {

absl::string_view Name(LetterKind k) {
  static constexpr std::array<absl::string_view, kLetterKindCount> kNames = {"unspecified",
                                                                             "surat_panggilan",
                                                                             "bap",
                                                                             "laporan_hasil_pemeriksaan",
                                                                             "sk_tim_pemeriksa",
                                                                             "sk_pembebasan_sementara",
                                                                             "sk_hukuman_disiplin",
                                                                             "panggilan_menerima_keputusan",
                                                                             "berita_acara_penyampaian",
                                                                             "surat_keterangan_hukdis"};
  const int i = static_cast<int>(k);
  return i >= 0 && i < kLetterKindCount ? kNames[i] : "unspecified";
}

std::string LetterDateText(absl::CivilDay day) {
  static constexpr std::array<absl::string_view, 12> kMonths = {"Januari",   "Februari", "Maret",    "April",
                                                                "Mei",       "Juni",     "Juli",     "Agustus",
                                                                "September", "Oktober",  "November", "Desember"};
  return absl::StrCat(day.day(), " ", kMonths[day.month() - 1], " ", day.year());
}

absl::string_view LetterWeekday(absl::CivilDay day) {
  switch (absl::GetWeekday(day)) {
    case absl::Weekday::monday:
      return "Senin";
    case absl::Weekday::tuesday:
      return "Selasa";
    case absl::Weekday::wednesday:
      return "Rabu";
    case absl::Weekday::thursday:
      return "Kamis";
    case absl::Weekday::friday:
      return "Jumat";
    case absl::Weekday::saturday:
      return "Sabtu";
    case absl::Weekday::sunday:
      return "Minggu";
  }
  return "";
}

std::string LetterTimeText(int hour, int minute, absl::string_view time_zone) {
  // UU 9/1987 and Keppres 41/1987: WIB, WITA and WIT.
  absl::string_view zone = "WIB";
  if (time_zone == "Asia/Makassar") zone = "WITA";
  if (time_zone == "Asia/Jayapura") zone = "WIT";
  return absl::StrFormat("%02d.%02d %s", hour, minute, zone);
}

namespace {

std::string Words(int n) {
  static constexpr std::array<absl::string_view, 12> kOnes = {
      "nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh", "sebelas"};
  if (n < 12) return std::string(kOnes[n]);
  if (n < 20) return absl::StrCat(kOnes[n - 10], " belas");
  if (n < 100) {
    return n % 10 == 0 ? absl::StrCat(kOnes[n / 10], " puluh") : absl::StrCat(kOnes[n / 10], " puluh ", Words(n % 10));
  }
  if (n >= 1000) {
    const std::string thousands = n / 1000 == 1 ? "seribu" : absl::StrCat(Words(n / 1000), " ribu");
    return n % 1000 == 0 ? thousands : absl::StrCat(thousands, " ", Words(n % 1000));
  }
  const std::string hundreds = n / 100 == 1 ? "seratus" : absl::StrCat(kOnes[n / 100], " ratus");
  return n % 100 == 0 ? hundreds : absl::StrCat(hundreds, " ", Words(n % 100));
}

}  // namespace

std::string DayInWords(absl::CivilDay day) {
  static constexpr std::array<absl::string_view, 12> kMonths = {"Januari",   "Februari", "Maret",    "April",
                                                                "Mei",       "Juni",     "Juli",     "Agustus",
                                                                "September", "Oktober",  "November", "Desember"};
  return absl::StrCat(LetterWeekday(day), " tanggal ", Words(day.day()), " bulan ", kMonths[day.month() - 1], " tahun ",
                      Words(static_cast<int>(day.year())));
}

std::string CountInWords(int n) {
  if (n < 0 || n > 999) return absl::StrCat(n);
  return absl::StrCat(n, " (", Words(n), ")");
}

// One piece: a switch over the letter kinds, each case the number of one
// letter.
absl::StatusOr<std::string> LetterNumber(const Case& c, LetterKind kind) {
  switch (kind) {
    case LetterKind::kSkHukumanDisiplin:
      if (!c.decision.has_value() || c.decision->decision_number.empty()) {
        return absl::FailedPreconditionError("kind: the case has no decision yet (DecideSanction)");
      }
      return c.decision->decision_number;
    case LetterKind::kSuratPanggilan:
      if (c.summonses.empty()) return absl::FailedPreconditionError("kind: the case has no summons yet (IssueSummons)");
      if (!c.summonses.back().letter_number.empty()) return c.summonses.back().letter_number;
      return absl::StrCat(c.register_number, "/PGL-", c.summonses.back().sequence);
    case LetterKind::kBap:
    case LetterKind::kLaporanHasilPemeriksaan:
      // PP 94/2021 Pasal 27: the examination's result goes into the BAP.
      if (!c.examination.has_value()) {
        return absl::FailedPreconditionError("kind: the case has not been examined yet (RecordExamination)");
      }
      return absl::StrCat(c.register_number, kind == LetterKind::kBap ? "/BAP" : "/LHP");
    case LetterKind::kSkTimPemeriksa: {
      // PP 94/2021 (≈ Pasal 29): the team is formed by a decree of the PPK.
      bool team = !c.examination_team_nips.empty();
      for (const Summons& s : c.summonses) {
        if (!s.examination_team_decree_number.empty()) return s.examination_team_decree_number;
        team = team || !s.examination_team_nips.empty();
      }
      if (!team) return absl::FailedPreconditionError("kind: the case has no examination team (IssueSummons)");
      return absl::StrCat(c.register_number, "/TIM");
    }
    case LetterKind::kSkPembebasanSementara:
      // PP 94/2021 ≈ Pasal 31 (reference §2.5a): a keputusan pembebasan
      // sementara, recorded with the case.
      if (!c.temporary_release.has_value()) {
        return absl::FailedPreconditionError(
            "kind: the case has no temporary release recorded (pembebasan sementara, PP 94/2021 Pasal 31)");
      }
      if (!c.temporary_release->decree_number.empty()) return c.temporary_release->decree_number;
      return absl::StrCat(c.register_number, "/PBS");
    case LetterKind::kPanggilanMenerimaKeputusan:
    case LetterKind::kBeritaAcaraPenyampaian:
      if (!c.decision.has_value() || c.decision->punishment == Punishment::kUnspecified ||
          c.decision->outcome == DecisionOutcome::kReject) {
        return absl::FailedPreconditionError("kind: the case has no decision imposing a punishment (DecideSanction)");
      }
      if (kind == LetterKind::kPanggilanMenerimaKeputusan) {
        // PP 94/2021 Pasal 37 ayat (3): the summons to receive it only
        // while it has not been delivered.
        if (c.delivered_on.has_value()) {
          return absl::FailedPreconditionError("kind: the decision has been delivered already (RecordDelivery)");
        }
        return absl::StrCat(c.register_number, "/PGL-SK");
      }
      // PP 94/2021 Pasal 37 ayat (3): the decision delivered.
      if (!c.delivered_on.has_value()) {
        return absl::FailedPreconditionError("kind: the decision has not been delivered yet (RecordDelivery)");
      }
      return absl::StrCat(c.register_number, "/BA-SK");
    case LetterKind::kSuratKeteranganHukdis:
      return absl::StrCat(c.register_number, "/KET");
    default:
      return absl::InvalidArgumentError("kind: required");
  }
}

absl::Status AuthorizeLetter(const Caller& caller, LetterKind kind, const Case& c, const Policy& policy) {
  if (caller.system) return absl::OkStatus();
  if (caller.Has(Role::kOperator) && caller.agency_code == c.agency_code) return absl::OkStatus();
  if (kind == LetterKind::kSkHukumanDisiplin) {
    const CaseScope scope = ScopeOf(c);
    if (Authorize(caller, Action::kDecideSanction, &scope, policy).ok()) return absl::OkStatus();
  }
  return absl::PermissionDeniedError(
      absl::StrCat("RenderLetter: the caller may not render the ", Name(kind), " letter of this case"));
}

}  // namespace discipline::domain
