#include "service/domain/notifications.h"

#include "absl/strings/str_cat.h"
#include "service/domain/letters.h"

namespace discipline::domain {

// One wording of a date for letters and messages alike.
std::string DateInWords(absl::CivilDay day) { return LetterDateText(day); }

std::string ZoneLabel(const std::string& zone) {
  if (zone == "Asia/Jakarta" || zone == "Asia/Pontianak") return "WIB";
  if (zone == "Asia/Makassar") return "WITA";
  if (zone == "Asia/Jayapura") return "WIT";
  return "";
}

NotificationText SummonsNotification(const Case& c, const Summons& summons, const Agency& agency,
                                     const std::string& time, const std::string& place) {
  const char* which = summons.sequence >= 2 ? "Surat Panggilan II" : "Surat Panggilan I";
  NotificationText t;
  t.subject = absl::StrCat(which, " Pemeriksaan Dugaan Pelanggaran Disiplin - ", agency.name);
  std::string when = absl::StrCat(LetterWeekday(summons.examination_on), ", ", DateInWords(summons.examination_on));
  if (!time.empty()) {
    std::string hhmm = time;
    if (hhmm.size() == 5 && hhmm[2] == ':') hhmm[2] = '.';
    const std::string zone = ZoneLabel(agency.time_zone);
    absl::StrAppend(&when, ", pukul ", hhmm, zone.empty() ? "" : " ", zone);
  }
  t.body = absl::StrCat("Yth. ", c.employee.name, "\nNIP ", c.employee.nip, "\n", c.employee.position_title, ", ",
                        c.employee.unit_name, "\n\n", which, "\n\n",
                        "Dengan ini Saudara dipanggil untuk menghadap dalam rangka pemeriksaan dugaan pelanggaran "
                        "disiplin pegawai negeri sipil sebagaimana diatur dalam Peraturan Pemerintah Nomor 94 "
                        "Tahun 2021 tentang Disiplin Pegawai Negeri Sipil, pada:\n\n",
                        "  Hari/tanggal : ", when, "\n");
  if (!place.empty()) absl::StrAppend(&t.body, "  Tempat       : ", place, "\n");
  absl::StrAppend(&t.body, "  Nomor perkara: ", c.case_id, "\n\n",
                  "Surat panggilan resmi disampaikan secara tertulis. Pemberitahuan ini dikirim secara otomatis; "
                  "mohon tidak membalas surel ini.\n\n",
                  agency.name, "\n");
  return t;
}

std::string DeadlineInWords(const std::string& what) {
  if (what == "examination") return "pemeriksaan";
  if (what == "second_summons") return "penyampaian surat panggilan kedua";
  if (what == "delivery") return "penyampaian keputusan hukuman disiplin";
  if (what == "ppk_follow_up") return "tindak lanjut rekomendasi netralitas oleh PPK";
  if (what == "remedy") return "pengajuan upaya administratif";
  if (what == "remedy_decision") return "keputusan atas upaya administratif";
  return what;
}

NotificationText DeadlineReminderNotification(const Case& c, const Deadline& d, const Agency& agency,
                                              const std::string& recipient, int working_days_left) {
  NotificationText t;
  const std::string number = c.register_number.empty() ? c.case_id : c.register_number;
  t.subject = absl::StrCat("Pengingat batas waktu ", DeadlineInWords(d.what), " - perkara ", number);
  const std::string left =
      working_days_left <= 0 ? std::string("hari ini") : absl::StrCat("dalam ", working_days_left, " hari kerja");
  t.body = absl::StrCat("Yth. ", recipient.empty() ? std::string("Bapak/Ibu") : recipient, "\n\n", "Batas waktu ",
                        DeadlineInWords(d.what), " pada perkara dugaan pelanggaran disiplin berikut ", "jatuh ", left,
                        ":\n\n", "  Nomor perkara : ", number, "\n", "  Pegawai       : ", c.employee.name, " (NIP ",
                        c.employee.nip, ")\n", "  Batas waktu   : ", LetterWeekday(d.due_on), ", ",
                        DateInWords(d.due_on), "\n");
  if (!d.legal_basis.empty()) absl::StrAppend(&t.body, "  Dasar hukum   : ", d.legal_basis, "\n");
  absl::StrAppend(&t.body, "\nPemberitahuan ini dikirim secara otomatis; mohon tidak membalas surel ini.\n\n",
                  agency.name, "\n");
  return t;
}

NotificationText PpkDigestNotification(const Agency& agency, absl::CivilDay day, const std::vector<Case>& cases) {
  NotificationText t;
  t.subject = absl::StrCat("Ringkasan harian: ", cases.size(), " perkara menunggu keputusan - ", DateInWords(day));
  const std::string addressee = !agency.ppk_title.empty()  ? agency.ppk_title
                                : !agency.ppk_name.empty() ? agency.ppk_name
                                                           : std::string("Pejabat Pembina Kepegawaian");
  t.body = absl::StrCat("Yth. ", addressee, "\n\n", "Per ", LetterWeekday(day), ", ", DateInWords(day), " terdapat ",
                        cases.size(), " perkara dugaan pelanggaran disiplin yang menunggu keputusan Saudara:\n\n");
  int i = 0;
  for (const Case& c : cases) {
    const std::optional<absl::CivilDay> due = NextDue(c);
    absl::StrAppend(&t.body, ++i, ". ", c.register_number.empty() ? c.case_id : c.register_number, " - ",
                    c.employee.name, " (NIP ", c.employee.nip,
                    ") - batas waktu: ", due.has_value() ? DateInWords(*due) : std::string("tidak ada"), "\n");
  }
  absl::StrAppend(&t.body,
                  "\nKeputusan diambil melalui halaman keputusan layanan disiplin. Pemberitahuan ini dikirim "
                  "secara otomatis; mohon tidak membalas surel ini.\n\n",
                  agency.name, "\n");
  return t;
}

}  // namespace discipline::domain
