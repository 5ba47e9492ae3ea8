// The notification texts in Bahasa Indonesia (house style: user-facing text
// in Bahasa Indonesia).

#include "service/domain/notifications.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace discipline::domain {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

Case SummonedCase() {
  Case c;
  c.case_id = "case-123";
  c.employee.nip = "198001012005011001";
  c.employee.name = "Budi Santoso";
  c.employee.position_title = "Analis Kepegawaian";
  c.employee.unit_name = "Badan Kepegawaian Daerah";
  c.agency_code = "KOTA-CONTOH";
  Summons s;
  s.sequence = 1;
  s.issued_on = absl::CivilDay(2026, 11, 2);
  s.examination_on = absl::CivilDay(2026, 11, 11);
  c.summonses.push_back(s);
  return c;
}

Agency KotaContoh() {
  Agency a;
  a.code = "KOTA-CONTOH";
  a.name = "Pemerintah Kota Contoh";
  a.time_zone = "Asia/Jakarta";
  return a;
}

TEST(DateInWordsTest, MonthNamesInBahasaIndonesia) {
  EXPECT_EQ(DateInWords(absl::CivilDay(2026, 11, 11)), "11 November 2026");
  EXPECT_EQ(DateInWords(absl::CivilDay(2027, 1, 4)), "4 Januari 2027");
  EXPECT_EQ(DateInWords(absl::CivilDay(2026, 8, 17)), "17 Agustus 2026");
  EXPECT_EQ(DateInWords(absl::CivilDay(2026, 2, 28)), "28 Februari 2026");
  EXPECT_EQ(DateInWords(absl::CivilDay(2026, 12, 31)), "31 Desember 2026");
  EXPECT_EQ(DateInWords(absl::CivilDay(2026, 5, 1)), "1 Mei 2026");
}

TEST(ZoneLabelTest, IndonesianZones) {
  EXPECT_EQ(ZoneLabel("Asia/Jakarta"), "WIB");
  EXPECT_EQ(ZoneLabel("Asia/Pontianak"), "WIB");
  EXPECT_EQ(ZoneLabel("Asia/Makassar"), "WITA");
  EXPECT_EQ(ZoneLabel("Asia/Jayapura"), "WIT");
  EXPECT_EQ(ZoneLabel("Europe/Amsterdam"), "");
}

// PP 94/2021 Pasal 26 ayat (1): the summons in writing; the e-mail tells of it.
TEST(SummonsNotificationTest, FirstSummonsWithDateTimeAndPlace) {
  const Case c = SummonedCase();
  const NotificationText t = SummonsNotification(c, c.summonses[0], KotaContoh(), "09:00", "Ruang Rapat BKD");
  EXPECT_THAT(t.subject, HasSubstr("Surat Panggilan I "));
  EXPECT_THAT(t.subject, HasSubstr("Pemerintah Kota Contoh"));
  EXPECT_THAT(t.body, HasSubstr("Yth. Budi Santoso"));
  EXPECT_THAT(t.body, HasSubstr("NIP 198001012005011001"));
  // 11 November 2026 is a Wednesday.
  EXPECT_THAT(t.body, HasSubstr("Rabu, 11 November 2026, pukul 09.00 WIB"));
  EXPECT_THAT(t.body, HasSubstr("Ruang Rapat BKD"));
  EXPECT_THAT(t.body, HasSubstr("Peraturan Pemerintah Nomor 94 Tahun 2021"));
  EXPECT_THAT(t.body, HasSubstr("case-123"));
}

TEST(SummonsNotificationTest, WithoutTimeNoHourIsInvented) {
  const Case c = SummonedCase();
  const NotificationText t = SummonsNotification(c, c.summonses[0], KotaContoh(), "", "");
  EXPECT_THAT(t.body, HasSubstr("Rabu, 11 November 2026\n"));
  EXPECT_THAT(t.body, Not(HasSubstr("pukul")));
  EXPECT_THAT(t.body, Not(HasSubstr("Tempat")));
}

// PP 94/2021 Pasal 26 ayat (2): the second summons.
TEST(SummonsNotificationTest, SecondSummonsNamedSo) {
  Case c = SummonedCase();
  Summons second = c.summonses[0];
  second.sequence = 2;
  second.examination_on = absl::CivilDay(2026, 11, 18);
  Agency a = KotaContoh();
  a.time_zone = "Asia/Makassar";
  const NotificationText t = SummonsNotification(c, second, a, "13:30", "");
  EXPECT_THAT(t.subject, HasSubstr("Surat Panggilan II"));
  EXPECT_THAT(t.body, HasSubstr("Rabu, 18 November 2026, pukul 13.30 WITA"));
}

}  // namespace
}  // namespace discipline::domain
