// The letters as rendered PDF: the text pdftotext extracts from them holds
// the case's facts, the dates in words and the letter's number (Peraturan
// BKN 6/2022's formats; discipline-law.md 2.5a, "Official letters").

#include <cstdio>
#include <fstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "adapters/letters/cairo_renderer.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/app/letter_use_cases.h"
#include "service/common/status_macros.h"
#include "service/letters/letter_templates.h"
#include "tests/testing/letter_cases.h"
#include "tests/testing/rules.h"
#include "tests/testing/status_matchers.h"

namespace discipline {
namespace {

using domain::LetterKind;
using ::testing::HasSubstr;
using ::testing::Not;

domain::Case DecidedCase() {
  domain::Case c = testing::LetterTestCase();
  domain::Summons s;
  s.sequence = 2;
  s.issued_on = absl::CivilDay(2026, 9, 14);
  s.examination_on = absl::CivilDay(2026, 9, 23);
  s.examiner_nips = {"197001011995031001"};
  c.summonses.push_back(s);
  domain::Decision d;
  d.outcome = domain::DecisionOutcome::kApprove;
  d.punishment = domain::Punishment::kPenundaanKgb1Tahun;
  d.decision_number = "800.1.6.4/123/BKPSDM/2026";
  d.decided_on = absl::CivilDay(2026, 11, 11);
  d.decided_by = {domain::AuthorityRole::kJptPratama, "196805121990031002", "Dr. Siti Rahmawati, M.Si.",
                  "Kepala Badan Kepegawaian dan Pengembangan SDM"};
  d.remedy = domain::Remedy::kKeberatan;
  c.decision = d;
  c.state = domain::CaseState::kDecided;
  return c;
}

letters::Letterhead Head() {
  return {{"PEMERINTAH KOTA CONTOH", "BADAN KEPEGAWAIAN DAN PENGEMBANGAN SDM"},
          "Jalan Merdeka Nomor 1, Kota Contoh 12345",
          "",
          "A4"};
}

// pdftotext (poppler-utils) over `pdf`; the text, or "" when it fails.
std::string PdfText(const std::string& pdf, const std::string& tag, bool layout = false) {
  const std::string dir = ::testing::TempDir();
  const std::string in = absl::StrCat(dir, "/letter_", tag, ".pdf"), out = absl::StrCat(dir, "/letter_", tag, ".txt");
  std::ofstream(in, std::ios::binary) << pdf;
  const std::string cmd = absl::StrCat("pdftotext -enc UTF-8 ", layout ? "-layout " : "", in, " ", out);
  if (std::system(cmd.c_str()) != 0) return "";
  std::ifstream f(out);
  return std::string((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
}

// Lines joined, so that a phrase wrapped across lines is still found.
std::string Flat(std::string text) { return absl::StrReplaceAll(text, {{"\n", " "}, {"  ", " "}}); }

absl::StatusOr<std::string> Render(const domain::Case& c, LetterKind kind, const EmbeddedFileList& templates,
                                   std::string* version = nullptr) {
  std::string v;
  ASSIGN_OR_RETURN(ports::LetterInput in,
                   app::LetterInputFor(c, kind, testing::BuiltinRules().engine, templates, "Kota Contoh", &v));
  if (version != nullptr) *version = v;
  return letters::CairoLetterRenderer(Head()).Render(in);
}

// The SK (discipline-law.md 2.5a): heading, Menimbang, Mengingat (UU
// 20/2023, PP 94/2021, Peraturan BKN 6/2022), MEMUTUSKAN, KESATU (the
// punishment in words and the employee), KEDUA (the violation and its
// article), the place and date, the official, Tembusan.
TEST(LetterRenderTest, SkHukumanDisiplinHoldsTheCasesFacts) {
  absl::StatusOr<std::string> pdf = Render(DecidedCase(), LetterKind::kSkHukumanDisiplin, letters::BuiltinTemplates());
  ASSERT_TRUE(pdf.ok()) << pdf.status();
  ASSERT_EQ(pdf->substr(0, 5), "%PDF-");
  const std::string text = Flat(PdfText(*pdf, "sk"));
  EXPECT_THAT(text, HasSubstr("PEMERINTAH KOTA CONTOH"));
  EXPECT_THAT(text, HasSubstr("KEPUTUSAN KEPALA BADAN KEPEGAWAIAN DAN PENGEMBANGAN SDM"));
  EXPECT_THAT(text, HasSubstr("NOMOR 800.1.6.4/123/BKPSDM/2026"));
  EXPECT_THAT(text, HasSubstr("PENJATUHAN HUKUMAN DISIPLIN SEDANG"));
  EXPECT_THAT(text, HasSubstr("Menimbang"));
  EXPECT_THAT(text, HasSubstr("Undang-Undang Nomor 20 Tahun 2023"));
  EXPECT_THAT(text, HasSubstr("Peraturan Pemerintah Nomor 94 Tahun 2021"));
  EXPECT_THAT(text, HasSubstr("Peraturan Badan Kepegawaian Negara Nomor 6 Tahun 2022"));
  EXPECT_THAT(text, HasSubstr("MEMUTUSKAN"));
  EXPECT_THAT(text, HasSubstr("KESATU"));
  // KMK 5/KMK.01/2022's substitute of PP 94/2021 Pasal 8 ayat (3) huruf a.
  EXPECT_THAT(text, HasSubstr("penundaan kenaikan gaji berkala selama 1 (satu) tahun"));
  EXPECT_THAT(text, HasSubstr("Budi Santoso"));
  EXPECT_THAT(text, HasSubstr("198507152010011003"));
  EXPECT_THAT(text, HasSubstr("Penata Muda (III/a)"));
  EXPECT_THAT(text, HasSubstr("Analis Kepegawaian"));
  EXPECT_THAT(text, HasSubstr("KEDUA"));
  EXPECT_THAT(text, HasSubstr("PP 94/2021 Pasal 4 huruf f"));
  EXPECT_THAT(text, HasSubstr("Masuk kerja dan menaati ketentuan jam kerja"));
  // PP 79/2021: keberatan against a punishment other than dismissal.
  EXPECT_THAT(text, HasSubstr("keberatan"));
  EXPECT_THAT(text, HasSubstr("Ditetapkan di Kota Contoh"));
  EXPECT_THAT(text, HasSubstr("11 November 2026"));
  EXPECT_THAT(text, HasSubstr("Dr. Siti Rahmawati, M.Si."));
  EXPECT_THAT(text, HasSubstr("NIP 196805121990031002"));
  EXPECT_THAT(text, HasSubstr("Tembusan"));
}

TEST(LetterRenderTest, SameCaseRendersTheSameText) {
  absl::StatusOr<std::string> a = Render(DecidedCase(), LetterKind::kSkHukumanDisiplin, letters::BuiltinTemplates());
  absl::StatusOr<std::string> b = Render(DecidedCase(), LetterKind::kSkHukumanDisiplin, letters::BuiltinTemplates());
  ASSERT_TRUE(a.ok() && b.ok());
  const std::string ta = PdfText(*a, "same_a"), tb = PdfText(*b, "same_b");
  ASSERT_FALSE(ta.empty());
  EXPECT_EQ(ta, tb);
}

TEST(LetterRenderTest, AChangedTemplateChangesTheLetterAndItsVersion) {
  const EmbeddedFileList& builtin = letters::BuiltinTemplates();
  std::string modified_text;
  EmbeddedFileList modified;
  for (const auto& f : builtin) {
    if (f.name == "sk_hukuman_disiplin.mustache") {
      modified_text = absl::StrReplaceAll(f.contents, {{"MEMUTUSKAN:", "MEMUTUSKAN DENGAN TEGAS:"}});
      modified.push_back({f.name, modified_text});
    } else {
      modified.push_back(f);
    }
  }
  ASSERT_NE(modified_text, "");
  std::string v1, v2;
  absl::StatusOr<std::string> a = Render(DecidedCase(), LetterKind::kSkHukumanDisiplin, builtin, &v1);
  absl::StatusOr<std::string> b = Render(DecidedCase(), LetterKind::kSkHukumanDisiplin, modified, &v2);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_THAT(Flat(PdfText(*a, "orig")), Not(HasSubstr("MEMUTUSKAN DENGAN TEGAS")));
  EXPECT_THAT(Flat(PdfText(*b, "changed")), HasSubstr("MEMUTUSKAN DENGAN TEGAS"));
  EXPECT_NE(v1, v2);
  EXPECT_THAT(v1, HasSubstr("sk_hukuman_disiplin@"));
}

// PP 94/2021 Pasal 26: the second summons, from the case.
TEST(LetterRenderTest, SuratPanggilanHoldsTheSummons) {
  absl::StatusOr<std::string> pdf = Render(DecidedCase(), LetterKind::kSuratPanggilan, letters::BuiltinTemplates());
  ASSERT_TRUE(pdf.ok()) << pdf.status();
  const std::string text = Flat(PdfText(*pdf, "pgl"));
  EXPECT_THAT(text, HasSubstr("SURAT PANGGILAN II"));
  EXPECT_THAT(text, HasSubstr("NOMOR HD/2026/000007/PGL-2"));
  EXPECT_THAT(text, HasSubstr("Budi Santoso"));
  // 23 September 2026 is a Wednesday.
  EXPECT_THAT(text, HasSubstr("Rabu"));
  EXPECT_THAT(text, HasSubstr("23 September 2026"));
  EXPECT_THAT(text, HasSubstr("Kota Contoh, 14 September 2026"));
  EXPECT_THAT(text, HasSubstr("197001011995031001"));
}

// IssueSummons' letter fields (api.md third stage): the given number, the
// time in the agency's zone, the place, the signatory.
TEST(LetterRenderTest, SuratPanggilanWithTheSummonsLetterFields) {
  domain::Case c = DecidedCase();
  c.agency_time_zone = "Asia/Jakarta";
  c.summonses.back().letter_number = "800.1.6/045/BKPSDM/2026";
  c.summonses.back().examination_time = "09:00";
  c.summonses.back().examination_place = "Ruang Rapat BKPSDM Lantai 2";
  c.summonses.back().signatory_nip = "197502102000031004";
  absl::StatusOr<std::string> pdf = Render(c, LetterKind::kSuratPanggilan, letters::BuiltinTemplates());
  ASSERT_TRUE(pdf.ok()) << pdf.status();
  const std::string text = Flat(PdfText(*pdf, "pgl_fields"));
  EXPECT_THAT(text, HasSubstr("NOMOR 800.1.6/045/BKPSDM/2026"));
  EXPECT_THAT(text, HasSubstr("09.00 WIB"));
  EXPECT_THAT(text, HasSubstr("Ruang Rapat BKPSDM Lantai 2"));
  EXPECT_THAT(text, HasSubstr("NIP 197502102000031004"));
}

TEST(LetterRenderTest, AnSkBeforeTheDecisionIsRefused) {
  domain::Case c = DecidedCase();
  c.decision.reset();
  EXPECT_THAT(Render(c, LetterKind::kSkHukumanDisiplin, letters::BuiltinTemplates()).status(),
              testing::StatusIs(absl::StatusCode::kFailedPrecondition));
}

// PP 94/2021 Pasal 27: the BAP records an examination; before one there is
// none to print.
TEST(LetterRenderTest, ABapBeforeTheExaminationIsFailedPrecondition) {
  absl::Status s = Render(DecidedCase(), LetterKind::kBap, letters::BuiltinTemplates()).status();
  EXPECT_THAT(s, testing::StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(s.message(), HasSubstr("RecordExamination"));
}

TEST(LetterRenderTest, AKindWithoutATemplateIsFailedPrecondition) {
  EmbeddedFileList without_bap;
  for (const auto& f : letters::BuiltinTemplates()) {
    if (f.name != "bap.mustache") without_bap.push_back(f);
  }
  domain::Case c = DecidedCase();
  c.examination = domain::Examination{};
  c.examination->attended = true;
  c.examination->examiner_nips = {"197001011995031001"};
  EXPECT_THAT(Render(c, LetterKind::kBap, without_bap).status(),
              testing::StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST(LetterRenderTest, F4PaperIsTallerThanA4) {
  std::string v;
  absl::StatusOr<ports::LetterInput> in =
      app::LetterInputFor(DecidedCase(), LetterKind::kSkHukumanDisiplin, testing::BuiltinRules().engine,
                          letters::BuiltinTemplates(), "Kota Contoh", &v);
  ASSERT_TRUE(in.ok());
  letters::Letterhead f4 = Head();
  f4.paper = "F4";
  absl::StatusOr<std::string> pdf = letters::CairoLetterRenderer(f4).Render(*in);
  ASSERT_TRUE(pdf.ok());
  // 215 x 330 mm in points.
  EXPECT_THAT(*pdf, HasSubstr("/MediaBox [ 0 0 609.44"));
}

TEST(LetterDomainTest, DatesInWordsAsABeritaAcaraOpens) {
  // 23 September 2026 is a Wednesday (Rabu).
  EXPECT_EQ(domain::DayInWords(absl::CivilDay(2026, 9, 23)),
            "Rabu tanggal dua puluh tiga bulan September tahun dua ribu dua puluh enam");
  EXPECT_EQ(domain::DayInWords(absl::CivilDay(2030, 1, 1)),
            "Selasa tanggal satu bulan Januari tahun dua ribu tiga puluh");
}

TEST(LetterDomainTest, DatesAndCountsInIndonesian) {
  EXPECT_EQ(domain::LetterDateText(absl::CivilDay(2026, 11, 11)), "11 November 2026");
  EXPECT_EQ(domain::LetterTimeText(9, 0, "Asia/Jakarta"), "09.00 WIB");
  EXPECT_EQ(domain::LetterTimeText(13, 30, "Asia/Makassar"), "13.30 WITA");
  EXPECT_EQ(domain::CountInWords(12), "12 (dua belas)");
  EXPECT_EQ(domain::CountInWords(1), "1 (satu)");
  EXPECT_EQ(domain::CountInWords(21), "21 (dua puluh satu)");
}

}  // namespace
}  // namespace discipline
