// Golden tests of every letter kind (Peraturan BKN 6/2022's annexes as
// discipline-law.md 2.5a, "Official letters", lists them): the text
// pdftotext extracts from each PDF holds the case's facts, the date in
// words, the letter's number and the letterhead; a change of wording in a
// template changes the letter and its template version; each kind is
// refused (FAILED_PRECONDITION naming why) where the case does not have what
// it states.

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

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

constexpr char kExaminer[] = "197001011995031001";
constexpr char kTeamMember[] = "198203032006041002";
constexpr char kSuperior[] = "197502102000031004";
constexpr char kActing[] = "198001012005011001";

// A case that went the whole way: summoned twice (the second with a team),
// released from duties, examined, decided, delivered.
domain::Case FullCase() {
  domain::Case c = testing::LetterTestCase();
  domain::Summons s;
  s.sequence = 2;
  s.issued_on = absl::CivilDay(2026, 9, 14);
  s.examination_on = absl::CivilDay(2026, 9, 23);
  s.examiner_nips = {kExaminer};
  s.examination_team_nips = {kExaminer, kTeamMember};
  s.examination_team_decree_number = "800.1.6/TIM-07/BKPSDM/2026";
  c.summonses.push_back(s);
  domain::TemporaryRelease r;
  r.decree_number = "800.1.6/PBS-02/BKPSDM/2026";
  r.decided_on = absl::CivilDay(2026, 9, 21);
  r.released_by_nip = kSuperior;
  r.acting_official_nip = kActing;
  c.temporary_release = r;
  domain::Examination e;
  e.examined_on = absl::CivilDay(2026, 9, 23);
  e.attended = true;
  e.findings.push_back(c.allegations.front());
  e.examiner_nips = {kExaminer};
  c.examination = e;
  domain::Decision d;
  d.outcome = domain::DecisionOutcome::kApprove;
  d.punishment = domain::Punishment::kPenundaanKgb1Tahun;
  d.decision_number = "800.1.6.4/123/BKPSDM/2026";
  d.decided_on = absl::CivilDay(2026, 11, 11);
  d.decided_by = {domain::AuthorityRole::kJptPratama, "196805121990031002", "Dr. Siti Rahmawati, M.Si.",
                  "Kepala Badan Kepegawaian dan Pengembangan SDM"};
  d.remedy = domain::Remedy::kKeberatan;
  c.decision = d;
  c.delivered_on = absl::CivilDay(2026, 11, 16);
  c.effective_on = absl::CivilDay(2026, 12, 8);
  c.open_deadlines.push_back({"delivery", absl::CivilDay(2026, 11, 25), "", ""});
  c.state = domain::CaseState::kDecided;
  return c;
}

// SIMPEG's records of the officials, the agency, and the employee's status.
app::LetterContext Context() {
  app::LetterContext ctx;
  auto person = [](const std::string& nip, const std::string& name, const std::string& post) {
    domain::EmployeeSnapshot e;
    e.nip = nip;
    e.name = name;
    e.position_title = post;
    return e;
  };
  ctx.people[kExaminer] = person(kExaminer, "Drs. Hendra Wijaya", "Kepala Bidang Pengembangan Pegawai");
  ctx.people[kTeamMember] = person(kTeamMember, "Maya Lestari, S.H.", "Inspektur Pembantu");
  ctx.people[kSuperior] = person(kSuperior, "Agus Prasetyo, S.E.", "Sekretaris Badan");
  ctx.people[kActing] = person(kActing, "Rudi Hartono", "Kepala Subbagian Umum");
  domain::Agency a;
  a.code = "KOTA";
  a.name = "Pemerintah Kota Contoh";
  a.ppk_title = "Wali Kota Contoh";
  a.ppk_name = "Ir. Bambang Sutrisno";
  ctx.agency = a;
  domain::DisciplineStatus st;
  st.nip = "198507152010011003";
  st.on_date = absl::CivilDay(2026, 12, 21);
  domain::PunishmentTerm t;
  t.case_id = "01JCASE";
  t.punishment = domain::Punishment::kPenundaanKgb1Tahun;
  t.level = domain::SanctionLevel::kSedang;
  t.decision_number = "800.1.6.4/123/BKPSDM/2026";
  t.decided_on = absl::CivilDay(2026, 11, 11);
  t.effective_on = absl::CivilDay(2026, 12, 8);
  t.ends_on = absl::CivilDay(2027, 12, 7);
  st.serving = {t};
  st.last_punishment = t;
  st.restrictions.push_back(
      {domain::Restriction::kNoKgb, std::string(domain::kKgbPromotionBasis), {"01JCASE"}, t.ends_on});
  ctx.status = st;
  return ctx;
}

letters::Letterhead Head() {
  return {{"PEMERINTAH KOTA CONTOH", "BADAN KEPEGAWAIAN DAN PENGEMBANGAN SDM"},
          "Jalan Merdeka Nomor 1, Kota Contoh 12345",
          "",
          "A4"};
}

std::string PdfText(const std::string& pdf, const std::string& tag) {
  const std::string dir = ::testing::TempDir();
  const std::string in = absl::StrCat(dir, "/kind_", tag, ".pdf"), out = absl::StrCat(dir, "/kind_", tag, ".txt");
  std::ofstream(in, std::ios::binary) << pdf;
  const std::string cmd = absl::StrCat("pdftotext -enc UTF-8 ", in, " ", out);
  if (std::system(cmd.c_str()) != 0) return "";
  std::ifstream f(out);
  return std::string((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
}

// Lines joined, so that a phrase wrapped across lines is still found.
std::string Flat(std::string text) {
  text = absl::StrReplaceAll(text, {{"\n", " "}, {"\t", " "}});
  while (text.find("  ") != std::string::npos) text = absl::StrReplaceAll(text, {{"  ", " "}});
  return text;
}

absl::StatusOr<std::string> Render(const domain::Case& c, LetterKind kind, const EmbeddedFileList& templates,
                                   const app::LetterContext& ctx, std::string* version = nullptr,
                                   std::string* number = nullptr) {
  std::string v;
  ASSIGN_OR_RETURN(ports::LetterInput in,
                   app::LetterInputFor(c, kind, testing::BuiltinRules().engine, templates, "Kota Contoh", &v, ctx));
  if (version != nullptr) *version = v;
  if (number != nullptr) *number = in.values.text.at("number");
  return letters::CairoLetterRenderer(Head()).Render(in);
}

struct Golden {
  LetterKind kind;
  std::string tag;
  // What the letter must say (the case's facts, the date in words, the
  // number, the form's headings).
  std::vector<std::string> says;
  // A phrase of the template, changed in the modified template.
  std::string wording;
  // Rendered before the delivery (the summons to receive the decision).
  bool undelivered = false;
};

domain::Case CaseFor(const Golden& g) {
  domain::Case c = FullCase();
  if (g.undelivered) {
    c.delivered_on.reset();
    c.effective_on.reset();
  }
  return c;
}

std::vector<Golden> Goldens() {
  return {
      // PP 94/2021 Pasal 27: the BAP, opened with the day in words; the
      // examiner from SIMPEG.
      {LetterKind::kBap,
       "bap",
       {"BERITA ACARA PEMERIKSAAN", "NOMOR HD/2026/000007/BAP",
        "Pada hari ini Rabu tanggal dua puluh tiga bulan September tahun dua ribu dua puluh enam",
        "Drs. Hendra Wijaya, NIP 197001011995031001", "Budi Santoso", "198507152010011003", "Penata Muda (III/a)",
        "PP 94/2021 Pasal 4 huruf f", "terbukti", "Surat Panggilan II", "800.1.6/TIM-07/BKPSDM/2026", "Yang diperiksa"},
       "telah melakukan pemeriksaan secara tertutup"},
      // The examiner's report to the official: basis, identity, allegation,
      // facts, conclusion, proposal.
      {LetterKind::kLaporanHasilPemeriksaan,
       "lhp",
       {"LAPORAN HASIL PEMERIKSAAN", "NOMOR HD/2026/000007/LHP", "Dasar", "Budi Santoso", "PP 94/2021 Pasal 4 huruf f",
        "hadir dan telah diperiksa pada hari Rabu tanggal 23 September 2026", "Kesimpulan",
        "terbukti melakukan pelanggaran disiplin", "Rekomendasi", "Kota Contoh, 23 September 2026",
        "Drs. Hendra Wijaya"},
       "Fakta hasil pemeriksaan"},
      // PP 94/2021 (≈ Pasal 29): the team formed by the PPK's decree, its
      // number as recorded with the summons.
      {LetterKind::kSkTimPemeriksa,
       "tim",
       {"KEPUTUSAN WALI KOTA CONTOH", "NOMOR 800.1.6/TIM-07/BKPSDM/2026", "PEMBENTUKAN TIM PEMERIKSA", "Menimbang",
        "Undang-Undang Nomor 20 Tahun 2023", "MEMUTUSKAN", "KESATU", "Budi Santoso", "Drs. Hendra Wijaya",
        "197001011995031001", "Maya Lestari, S.H.", "198203032006041002", "Ditetapkan di Kota Contoh",
        "14 September 2026", "Ir. Bambang Sutrisno"},
       "bertugas melakukan pemeriksaan secara tertutup"},
      // PP 94/2021 ≈ Pasal 31 (reference §2.5a): the release, the acting
      // official (Plh), the rights kept, until the decision.
      {LetterKind::kSkPembebasanSementara,
       "pbs",
       {"KEPUTUSAN SEKRETARIS BADAN", "NOMOR 800.1.6/PBS-02/BKPSDM/2026", "PEMBEBASAN SEMENTARA DARI TUGAS JABATAN",
        "Budi Santoso", "Rudi Hartono, NIP 198001012005011001", "pelaksana harian (Plh)", "tetap masuk kerja",
        "sampai dengan ditetapkannya keputusan hukuman disiplin", "21 September 2026", "Agus Prasetyo, S.E.",
        "NIP 197502102000031004"},
       "tetap diberikan hak-hak kepegawaiannya"},
      // PP 94/2021 Pasal 37 ayat (3); Peraturan BKN 6/2022 Pasal 49 ayat (8):
      // the summons to receive the decision, by its delivery deadline, sent
      // within 3 working days if he does not come.
      {LetterKind::kPanggilanMenerimaKeputusan,
       "pmk",
       {"SURAT PANGGILAN UNTUK MENERIMA KEPUTUSAN HUKUMAN DISIPLIN", "NOMOR HD/2026/000007/PGL-SK",
        "Nomor 800.1.6.4/123/BKPSDM/2026 tanggal 11 November 2026",
        "penundaan kenaikan gaji berkala selama 1 (satu) tahun", "Rabu, 25 November 2026", "3 (tiga) hari kerja",
        "Kota Contoh, 11 November 2026", "Dr. Siti Rahmawati, M.Si."},
       "Demikian untuk dilaksanakan",
       /*undelivered=*/true},
      // The delivery, opened with the day in words; received on 16 Nov 2026
      // (a Monday).
      {LetterKind::kBeritaAcaraPenyampaian,
       "bapk",
       {"BERITA ACARA PENYAMPAIAN KEPUTUSAN HUKUMAN DISIPLIN", "NOMOR HD/2026/000007/BA-SK",
        "Pada hari ini Senin tanggal enam belas bulan November tahun dua ribu dua puluh enam",
        "Nomor 800.1.6.4/123/BKPSDM/2026", "penundaan kenaikan gaji berkala selama 1 (satu) tahun", "Budi Santoso",
        "mulai berlaku pada tanggal 8 Desember 2026", "Yang menerima", "Yang menyampaikan"},
       "dibuat dengan sebenarnya"},
      // Reference §2.5a: the certificate from GetDisciplineStatus's data:
      // not under examination, serving until, the last punishment, with the
      // legal basis.
      {LetterKind::kSuratKeteranganHukdis,
       "ket",
       {"SURAT KETERANGAN", "NOMOR HD/2026/000007/KET-20261221", "Pemerintah Kota Contoh",
        "tidak sedang dalam proses pemeriksaan", "sedang menjalani hukuman disiplin tingkat sedang",
        "sampai dengan tanggal 7 Desember 2027", "hukuman disiplin terakhir",
        "Keputusan Nomor 800.1.6.4/123/BKPSDM/2026", "tidak dapat diberikan kenaikan gaji berkala",
        "Peraturan BKN 6/2022", "Peraturan Pemerintah Nomor 11 Tahun 2017", "Kota Contoh, 21 Desember 2026"},
       "untuk dipergunakan sebagaimana mestinya"},
  };
}

class LetterKindTest : public ::testing::TestWithParam<Golden> {};

TEST_P(LetterKindTest, HoldsTheCasesFactsTheDateInWordsAndTheNumber) {
  const Golden& g = GetParam();
  std::string number;
  absl::StatusOr<std::string> pdf =
      Render(CaseFor(g), g.kind, letters::BuiltinTemplates(), Context(), nullptr, &number);
  ASSERT_TRUE(pdf.ok()) << pdf.status();
  ASSERT_EQ(pdf->substr(0, 5), "%PDF-");
  const std::string text = Flat(PdfText(*pdf, g.tag));
  EXPECT_THAT(text, HasSubstr("PEMERINTAH KOTA CONTOH")) << "the letterhead";
  EXPECT_THAT(text, HasSubstr(number));
  for (const std::string& phrase : g.says) EXPECT_THAT(text, HasSubstr(phrase)) << g.tag;
  EXPECT_THAT(text, Not(HasSubstr("{{"))) << "every value of the template is set";
  EXPECT_THAT(text, Not(HasSubstr("unverified")));
}

TEST_P(LetterKindTest, AChangedWordingChangesTheLetterAndItsVersion) {
  const Golden& g = GetParam();
  const std::string file = absl::StrCat(domain::Name(g.kind), ".mustache");
  std::string modified_text;
  EmbeddedFileList modified;
  for (const auto& f : letters::BuiltinTemplates()) {
    if (f.name == file) {
      modified_text = absl::StrReplaceAll(f.contents, {{g.wording, "KALIMAT YANG DIUBAH"}});
      modified.push_back({f.name, modified_text});
    } else {
      modified.push_back(f);
    }
  }
  ASSERT_THAT(modified_text, HasSubstr("KALIMAT YANG DIUBAH")) << file << " holds \"" << g.wording << "\"";
  std::string v1, v2;
  absl::StatusOr<std::string> a = Render(CaseFor(g), g.kind, letters::BuiltinTemplates(), Context(), &v1);
  absl::StatusOr<std::string> b = Render(CaseFor(g), g.kind, modified, Context(), &v2);
  ASSERT_TRUE(a.ok() && b.ok());
  const std::string ta = Flat(PdfText(*a, g.tag + "_a")), tb = Flat(PdfText(*b, g.tag + "_b"));
  EXPECT_THAT(ta, HasSubstr(g.wording));
  EXPECT_THAT(ta, Not(HasSubstr("KALIMAT YANG DIUBAH")));
  EXPECT_THAT(tb, HasSubstr("KALIMAT YANG DIUBAH"));
  EXPECT_NE(v1, v2);
  EXPECT_THAT(v1, HasSubstr(absl::StrCat(domain::Name(g.kind), "@")));
}

INSTANTIATE_TEST_SUITE_P(EveryKind, LetterKindTest, ::testing::ValuesIn(Goldens()),
                         [](const ::testing::TestParamInfo<Golden>& info) { return info.param.tag; });

// Each kind only where the case has what it states.
TEST(LetterKindStateTest, EachKindIsRefusedWhereTheCaseLacksWhatItStates) {
  const auto refused = [](const domain::Case& c, LetterKind kind, const std::string& why) {
    absl::StatusOr<std::string> pdf = Render(c, kind, letters::BuiltinTemplates(), Context());
    EXPECT_THAT(pdf.status(), testing::StatusIs(absl::StatusCode::kFailedPrecondition)) << domain::Name(kind);
    EXPECT_THAT(pdf.status().message(), HasSubstr(why)) << domain::Name(kind);
  };
  // PP 94/2021 Pasal 27: no BAP nor report before the examination.
  domain::Case c = FullCase();
  c.examination.reset();
  refused(c, LetterKind::kBap, "RecordExamination");
  refused(c, LetterKind::kLaporanHasilPemeriksaan, "RecordExamination");
  // Pasal 26 ayat (4): absent, decided without examination: no BAP, but
  // the report says so.
  c = FullCase();
  c.examination->attended = false;
  refused(c, LetterKind::kBap, "Pasal 26 ayat (4)");
  absl::StatusOr<std::string> lhp =
      Render(c, LetterKind::kLaporanHasilPemeriksaan, letters::BuiltinTemplates(), Context());
  ASSERT_TRUE(lhp.ok()) << lhp.status();
  EXPECT_THAT(Flat(PdfText(*lhp, "lhp_absent")), HasSubstr("tidak hadir memenuhi panggilan"));
  // No team named: no team's decree.
  c = FullCase();
  c.summonses.back().examination_team_nips.clear();
  c.summonses.back().examination_team_decree_number.clear();
  refused(c, LetterKind::kSkTimPemeriksa, "examination team");
  // PP 94/2021 ≈ Pasal 31: a release's decree needs a release recorded.
  c = FullCase();
  c.temporary_release.reset();
  refused(c, LetterKind::kSkPembebasanSementara, "temporary release");
  // No punishment decided: nothing to receive, nothing delivered.
  c = FullCase();
  c.decision.reset();
  refused(c, LetterKind::kPanggilanMenerimaKeputusan, "DecideSanction");
  refused(c, LetterKind::kBeritaAcaraPenyampaian, "DecideSanction");
  c = FullCase();
  c.decision->outcome = domain::DecisionOutcome::kReject;
  c.decision->punishment = domain::Punishment::kUnspecified;
  refused(c, LetterKind::kPanggilanMenerimaKeputusan, "DecideSanction");
  // PP 94/2021 Pasal 37 ayat (3): the summons to receive the decision
  // before its delivery, the record of delivery after it.
  refused(FullCase(), LetterKind::kPanggilanMenerimaKeputusan, "delivered already");
  c = FullCase();
  c.delivered_on.reset();
  refused(c, LetterKind::kBeritaAcaraPenyampaian, "RecordDelivery");
  // The certificate states the status; without it there is nothing to say.
  app::LetterContext no_status = Context();
  no_status.status.reset();
  std::string v;
  EXPECT_THAT(app::LetterInputFor(FullCase(), LetterKind::kSuratKeteranganHukdis, testing::BuiltinRules().engine,
                                  letters::BuiltinTemplates(), "Kota Contoh", &v, no_status)
                  .status(),
              testing::StatusIs(absl::StatusCode::kFailedPrecondition));
}

// The certificate of an employee with a clean record (reference §2.5a: the
// surat keterangan tidak sedang dalam proses pemeriksaan / tidak sedang
// menjalani hukuman disiplin); one under examination says so.
TEST(LetterKindStateTest, TheCertificateOfACleanRecordAndOfOneUnderExamination) {
  app::LetterContext ctx = Context();
  ctx.status->serving.clear();
  ctx.status->last_punishment.reset();
  ctx.status->restrictions.clear();
  absl::StatusOr<std::string> pdf =
      Render(FullCase(), LetterKind::kSuratKeteranganHukdis, letters::BuiltinTemplates(), ctx);
  ASSERT_TRUE(pdf.ok()) << pdf.status();
  std::string text = Flat(PdfText(*pdf, "ket_clean"));
  EXPECT_THAT(text, HasSubstr("tidak sedang dalam proses pemeriksaan"));
  EXPECT_THAT(text, HasSubstr("tidak sedang menjalani hukuman disiplin"));
  EXPECT_THAT(text, HasSubstr("tidak ada yang tercatat"));
  ctx.status->under_examination = true;
  // PP 11/2017 Pasal 238 ayat (3): no resignation while under examination.
  ctx.status->restrictions.push_back(
      {domain::Restriction::kNoResignation, std::string(domain::kResignationBasis), {"01JCASE"}, std::nullopt});
  pdf = Render(FullCase(), LetterKind::kSuratKeteranganHukdis, letters::BuiltinTemplates(), ctx);
  ASSERT_TRUE(pdf.ok()) << pdf.status();
  text = Flat(PdfText(*pdf, "ket_open"));
  EXPECT_THAT(text, HasSubstr("sedang dalam proses pemeriksaan"));
  EXPECT_THAT(text, Not(HasSubstr("tidak sedang dalam proses pemeriksaan")));
  EXPECT_THAT(text, HasSubstr("tidak dapat diberhentikan atas permintaan sendiri"));
  EXPECT_THAT(text, HasSubstr("PP 11/2017 Pasal 238 ayat (3)"));
}

}  // namespace
}  // namespace discipline
