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

}  // namespace discipline::domain
