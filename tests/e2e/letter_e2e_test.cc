// e2e: the office's letters through the real server (real MariaDB, real
// demo SIMPEG, the local document store): the SK of a decided case rendered
// under the agency's letterhead, stored as a document of the case, listed,
// read back with GetDocument and its text extracted with pdftotext
// (api.md "Letters and the electronic signature"; discipline-law.md 2.5a).

#include <grpcpp/client_context.h>
#include <httplib.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/time/clock.h"
#include "asn/discipline/v1/audit.grpc.pb.h"
#include "asn/discipline/v1/cases.grpc.pb.h"
#include "asn/discipline/v1/documents.grpc.pb.h"
#include "asn/discipline/v1/letters.grpc.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/case_e2e.h"

namespace discipline {
namespace {

namespace pb = ::asn::discipline::v1;
using ::testing::HasSubstr;

class LetterE2eTest : public ::discipline::testing::CaseE2eTest {
 protected:
  LetterE2eTest() {
    top_config_ =
        "letterhead { names: \"PEMERINTAH KOTA CONTOH\" names: \"BADAN KEPEGAWAIAN DAN PENGEMBANGAN SDM\" "
        "address: \"Jalan Merdeka Nomor 1, Kota Contoh\" place: \"Kota Contoh\" }";
  }

  std::unique_ptr<pb::LetterService::Stub> Letters() { return pb::LetterService::NewStub(server_->Channel()); }

  // Andi Saputra (pelaksana, KOTA-CONTOH), 17 days' absence (PP 94/2021
  // Pasal 10 as the reference's 2.5a reads it): decided by the mayor.
  pb::Case Decided() {
    pb::Finding f;
    f.set_provision_id("PP94.4.f");
    f.set_proven(true);
    f.set_absence_days(17);
    pb::Case c = Examined("sk", "199006052015031005", f, "197111201996032002", /*team=*/true);
    auto rec = Change<pb::RecommendSanctionRequest>(c, "sk-rec");
    rec.set_recommended_on("2026-10-13");
    c = Must(&pb::CaseService::Stub::RecommendSanction, rec);
    auto decide = Change<pb::DecideSanctionRequest>(c, "sk-decide");
    decide.set_outcome(pb::DECISION_OUTCOME_APPROVE);
    decide.set_decision_number("800.1.6.3/090/BKPSDM/2026");
    decide.set_decided_on("2026-10-14");
    return Must(&pb::CaseService::Stub::DecideSanction, decide);
  }

  std::string Download(const std::string& document_id) {
    auto docs = pb::DocumentService::NewStub(server_->Channel());
    auto ctx = Ctx();
    pb::GetDocumentRequest get;
    get.set_document_id(document_id);
    auto reader = docs->GetDocument(ctx.get(), get);
    pb::GetDocumentResponse resp;
    std::string bytes;
    while (reader->Read(&resp)) {
      if (resp.has_chunk()) bytes += resp.chunk();
    }
    grpc::Status s = reader->Finish();
    EXPECT_TRUE(s.ok()) << s.error_message();
    return bytes;
  }
};

std::string PdfText(const std::string& pdf, const std::string& tag) {
  const std::string dir = std::getenv("DISCIPLINE_TEST_TMP") != nullptr ? std::getenv("DISCIPLINE_TEST_TMP") : "/tmp";
  const std::string in = absl::StrCat(dir, "/", tag, ".pdf"), out = absl::StrCat(dir, "/", tag, ".txt");
  std::ofstream(in, std::ios::binary) << pdf;
  if (std::system(absl::StrCat("pdftotext -enc UTF-8 ", in, " ", out).c_str()) != 0) return "";
  std::ifstream f(out);
  std::string text((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  return absl::StrReplaceAll(text, {{"\n", " "}});
}

TEST_F(LetterE2eTest, TheSkOfADecidedCaseIsRenderedStoredListedAndReadable) {
  const pb::Case decided = Decided();
  ASSERT_EQ(decided.state(), pb::CASE_STATE_DECIDED);

  pb::RenderLetterRequest render;
  render.set_case_id(decided.case_id());
  render.set_kind(pb::LETTER_KIND_SK_HUKUMAN_DISIPLIN);
  pb::Letter letter;
  grpc::Status s = Letters()->RenderLetter(Ctx().get(), render, &letter);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(letter.kind(), pb::LETTER_KIND_SK_HUKUMAN_DISIPLIN);
  EXPECT_EQ(letter.number(), "800.1.6.3/090/BKPSDM/2026");
  EXPECT_EQ(letter.letter_id(), letter.document().document_id());
  EXPECT_EQ(letter.document().sha256().size(), 64u);
  EXPECT_THAT(letter.template_version(), HasSubstr("sk_hukuman_disiplin@"));
  EXPECT_FALSE(letter.rendered_at().empty());

  const std::string pdf = Download(letter.document().document_id());
  ASSERT_EQ(static_cast<int64_t>(pdf.size()), letter.document().size_bytes());
  const std::string text = PdfText(pdf, "sk-" + decided.case_id());
  EXPECT_THAT(text, HasSubstr("PEMERINTAH KOTA CONTOH"));
  EXPECT_THAT(text, HasSubstr("NOMOR 800.1.6.3/090/BKPSDM/2026"));
  EXPECT_THAT(text, HasSubstr("Andi Saputra"));
  EXPECT_THAT(text, HasSubstr("199006052015031005"));
  // The reference 2.5a: 17-20 days' absence, rank demotion for a year.
  EXPECT_THAT(text, HasSubstr("penurunan pangkat setingkat lebih rendah selama 1 (satu) tahun"));
  EXPECT_THAT(text, HasSubstr("PP 94/2021 Pasal 4 huruf f"));
  EXPECT_THAT(text, HasSubstr("14 Oktober 2026"));
  EXPECT_THAT(text, HasSubstr("Ditetapkan di Kota Contoh"));

  // Rendering again gives the same text.
  pb::Letter again;
  ASSERT_TRUE(Letters()->RenderLetter(Ctx().get(), render, &again).ok());
  EXPECT_EQ(PdfText(Download(again.document().document_id()), "sk2-" + decided.case_id()), text);

  pb::ListLettersRequest list;
  list.set_case_id(decided.case_id());
  pb::ListLettersResponse letters;
  ASSERT_TRUE(Letters()->ListLetters(Ctx().get(), list, &letters).ok());
  ASSERT_EQ(letters.letters_size(), 2);
  EXPECT_EQ(letters.letters(0).letter_id(), letter.letter_id());
  EXPECT_EQ(letters.letters(0).number(), letter.number());
  EXPECT_EQ(letters.letters(0).document().sha256(), letter.document().sha256());
  EXPECT_EQ(letters.letters(0).template_version(), letter.template_version());
  EXPECT_EQ(letters.letters(1).letter_id(), again.letter_id());

  // Each rendering is on the case's audit chain, which still verifies.
  pb::GetCaseHistoryRequest history;
  history.set_case_id(decided.case_id());
  history.set_page_size(100);
  pb::GetCaseHistoryResponse events;
  ASSERT_TRUE(audit_->GetCaseHistory(Ctx().get(), history, &events).ok());
  int rendered = 0;
  for (const auto& e : events.events()) rendered += e.action() == "RenderLetter";
  EXPECT_EQ(rendered, 2);
  pb::VerifyCaseHistoryRequest verify;
  verify.set_case_id(decided.case_id());
  pb::VerifyCaseHistoryResponse verdict;
  ASSERT_TRUE(audit_->VerifyCaseHistory(Ctx().get(), verify, &verdict).ok());
  EXPECT_TRUE(verdict.valid());
}

TEST_F(LetterE2eTest, WhoMayRenderAndWhatIsNotReady) {
  const pb::Case decided = Decided();
  pb::RenderLetterRequest render;
  render.set_case_id(decided.case_id());
  render.set_kind(pb::LETTER_KIND_SK_HUKUMAN_DISIPLIN);
  pb::Letter letter;
  grpc::Status s;
  // An auditor reads the case but renders nothing.
  roles_ = {"auditor"};
  EXPECT_EQ(Letters()->RenderLetter(Ctx().get(), render, &letter).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  pb::ListLettersRequest list;
  list.set_case_id(decided.case_id());
  pb::ListLettersResponse letters;
  EXPECT_TRUE(Letters()->ListLetters(Ctx().get(), list, &letters).ok());
  // Another agency's operator does not see the case.
  roles_ = {"operator"};
  agency_ = "PROV-CONTOH";
  EXPECT_EQ(Letters()->RenderLetter(Ctx().get(), render, &letter).error_code(), grpc::StatusCode::NOT_FOUND);
  agency_ = "KOTA-CONTOH";
  // A letter the case is not ready for: the record of the SK's delivery
  // before RecordDelivery (PP 94/2021 Pasal 37 ayat (3)).
  render.set_kind(pb::LETTER_KIND_BERITA_ACARA_PENYAMPAIAN);
  s = Letters()->RenderLetter(Ctx().get(), render, &letter);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(s.error_message(), HasSubstr("RecordDelivery"));
  render.set_kind(pb::LETTER_KIND_UNSPECIFIED);
  s = Letters()->RenderLetter(Ctx().get(), render, &letter);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("kind"));
  // The summons, from the case (PP 94/2021 Pasal 26): issued 1 Oct 2026
  // for Monday 12 Oct 2026.
  render.set_kind(pb::LETTER_KIND_SURAT_PANGGILAN);
  ASSERT_TRUE(Letters()->RenderLetter(Ctx().get(), render, &letter).ok());
  const std::string text = PdfText(Download(letter.document().document_id()), "pgl-" + decided.case_id());
  EXPECT_THAT(text, HasSubstr("SURAT PANGGILAN I"));
  EXPECT_THAT(text, HasSubstr("Senin"));
  EXPECT_THAT(text, HasSubstr("12 Oktober 2026"));
  EXPECT_THAT(text, HasSubstr(letter.number()));
}

// Every kind through the server, from the case and the demo SIMPEG (the
// examiner Dra. Endang Purwanti, the agency's PPK Wali Kota Contoh, H.
// Darmawan Saleh), each where the case has what it states (discipline-law
// reference 2.5a, "Official letters").
TEST_F(LetterE2eTest, EveryKindFromTheCaseAndSimpegWhereTheCaseIsReady) {
  const pb::Case decided = Decided();
  ASSERT_EQ(decided.state(), pb::CASE_STATE_DECIDED);
  const auto render = [&](pb::LetterKind kind, pb::Letter* letter) {
    pb::RenderLetterRequest r;
    r.set_case_id(decided.case_id());
    r.set_kind(kind);
    return Letters()->RenderLetter(Ctx().get(), r, letter);
  };
  const auto text_of = [&](pb::LetterKind kind, const std::string& tag) {
    pb::Letter letter;
    const grpc::Status s = render(kind, &letter);
    EXPECT_TRUE(s.ok()) << tag << ": " << s.error_message();
    if (!s.ok()) return std::string();
    EXPECT_EQ(letter.kind(), kind);
    EXPECT_THAT(letter.template_version(), HasSubstr("@"));
    const std::string text = PdfText(Download(letter.letter_id()), tag + "-" + decided.case_id());
    EXPECT_THAT(text, HasSubstr("PEMERINTAH KOTA CONTOH")) << tag;
    EXPECT_THAT(text, HasSubstr(letter.number())) << tag;
    EXPECT_THAT(text, HasSubstr("Andi Saputra")) << tag;
    return text;
  };
  // PP 94/2021 Pasal 27: the BAP of the examination of Monday 12 Oct 2026.
  std::string text = text_of(pb::LETTER_KIND_BAP, "bap");
  EXPECT_THAT(text, HasSubstr("Pada hari ini Senin tanggal dua belas bulan Oktober tahun dua ribu dua puluh enam"));
  EXPECT_THAT(text, HasSubstr("Dra. Endang Purwanti, M.Si., NIP 197111201996032002"));
  text = text_of(pb::LETTER_KIND_LAPORAN_HASIL_PEMERIKSAAN, "lhp");
  EXPECT_THAT(text, HasSubstr("penurunan pangkat setingkat lebih rendah selama 1 (satu) tahun"));
  // The team's decree (≈ Pasal 29), its number as the summons recorded it.
  text = text_of(pb::LETTER_KIND_SK_TIM_PEMERIKSA, "tim");
  EXPECT_THAT(text, HasSubstr("KEPUTUSAN WALI KOTA CONTOH"));
  EXPECT_THAT(text, HasSubstr("800/TIM/sk/2026"));
  EXPECT_THAT(text, HasSubstr("H. Darmawan Saleh"));
  text = text_of(pb::LETTER_KIND_PANGGILAN_MENERIMA_KEPUTUSAN, "pmk");
  EXPECT_THAT(text, HasSubstr("800.1.6.3/090/BKPSDM/2026"));
  EXPECT_THAT(text, HasSubstr("14 Oktober 2026"));
  // Reference 2.5a: the certificate states GetDisciplineStatus's answer.
  text = text_of(pb::LETTER_KIND_SURAT_KETERANGAN_HUKDIS, "ket");
  EXPECT_THAT(text, HasSubstr("SURAT KETERANGAN"));
  EXPECT_THAT(text, HasSubstr("Pemerintah Kota Contoh"));
  // Not ready: no temporary release (≈ Pasal 31), not delivered (Pasal 37).
  pb::Letter letter;
  grpc::Status s = render(pb::LETTER_KIND_SK_PEMBEBASAN_SEMENTARA, &letter);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(s.error_message(), HasSubstr("temporary release"));
  s = render(pb::LETTER_KIND_BERITA_ACARA_PENYAMPAIAN, &letter);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(s.error_message(), HasSubstr("RecordDelivery"));
  pb::ListLettersRequest list;
  list.set_case_id(decided.case_id());
  pb::ListLettersResponse letters;
  ASSERT_TRUE(Letters()->ListLetters(Ctx().get(), list, &letters).ok());
  EXPECT_EQ(letters.letters_size(), 5);
}

// IssueSummons' letter fields (api.md third stage) are kept on the summons
// and printed on its letter; a time that is not HH:MM is refused by name.
TEST_F(LetterE2eTest, TheSummonsLetterCarriesItsNumberTimeAndPlace) {
  pb::FileCaseRequest file;
  file.set_request_id("pgl-file");
  file.set_agency_code(agency_);
  file.set_employee_nip("199006052015031005");
  file.set_source(pb::SOURCE_APIP);
  file.add_allegations()->set_provision_id("PP94.4.f");
  file.set_received_on("2026-10-01");
  const pb::Case filed = Must(&pb::CaseService::Stub::FileCase, file);
  auto summons = Change<pb::IssueSummonsRequest>(filed, "pgl-summons");
  summons.set_issued_on("2026-10-01");
  summons.set_examination_on("2026-10-12");
  summons.add_examiner_nips("197111201996032002");
  summons.set_letter_number("800.1.6/045/BKPSDM/2026");
  summons.set_examination_time("9:00");
  summons.set_examination_place("Ruang Rapat BKPSDM Lantai 2");
  pb::Case out;
  grpc::Status bad = Call(&pb::CaseService::Stub::IssueSummons, summons, &out);
  EXPECT_EQ(bad.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(bad.error_message(), HasSubstr("examination_time"));
  summons.set_request_id("pgl-summons-2");
  summons.set_examination_time("09:00");
  const pb::Case summoned = Must(&pb::CaseService::Stub::IssueSummons, summons);
  ASSERT_EQ(summoned.summonses_size(), 1);
  EXPECT_EQ(summoned.summonses(0).examination_time(), "09:00");
  EXPECT_EQ(summoned.summonses(0).letter_number(), "800.1.6/045/BKPSDM/2026");

  pb::RenderLetterRequest render;
  render.set_case_id(summoned.case_id());
  render.set_kind(pb::LETTER_KIND_SURAT_PANGGILAN);
  pb::Letter letter;
  ASSERT_TRUE(Letters()->RenderLetter(Ctx().get(), render, &letter).ok());
  EXPECT_EQ(letter.number(), "800.1.6/045/BKPSDM/2026");
  const std::string text = PdfText(Download(letter.document().document_id()), "pglf-" + summoned.case_id());
  EXPECT_THAT(text, HasSubstr("NOMOR 800.1.6/045/BKPSDM/2026"));
  // KOTA-CONTOH is in WIB.
  EXPECT_THAT(text, HasSubstr("09.00 WIB"));
  EXPECT_THAT(text, HasSubstr("Ruang Rapat BKPSDM Lantai 2"));
}

class LetterHttpE2eTest : public LetterE2eTest {
 protected:
  LetterHttpE2eTest() { with_http_ = true; }
};

// The routes of api.md: POST /v1/cases/{case_id}/letters with {"kind": ...},
// GET /v1/cases/{case_id}/letters.
TEST_F(LetterHttpE2eTest, RenderAndListOverHttp) {
  const pb::Case decided = Decided();
  httplib::Client http("127.0.0.1", http_port_);
  http.set_read_timeout(20, 0);
  auto issuer = ::discipline::testing::DemoIssuer();
  ASSERT_TRUE(issuer.ok());
  const httplib::Headers auth = {{"Authorization", "Bearer " + (*issuer)->Mint(nip_, "Pengguna Uji", agency_, roles_)}};
  const std::string path = "/v1/cases/" + decided.case_id() + "/letters";
  auto rendered = http.Post(path.c_str(), auth, R"({"kind":"LETTER_KIND_SK_HUKUMAN_DISIPLIN"})", "application/json");
  ASSERT_TRUE(rendered);
  EXPECT_EQ(rendered->status, 200) << rendered->body;
  EXPECT_THAT(rendered->body, HasSubstr("800.1.6.3/090/BKPSDM/2026"));
  EXPECT_THAT(rendered->body, HasSubstr("LETTER_KIND_SK_HUKUMAN_DISIPLIN"));
  auto listed = http.Get(path.c_str(), auth);
  ASSERT_TRUE(listed);
  EXPECT_EQ(listed->status, 200) << listed->body;
  EXPECT_THAT(listed->body, HasSubstr("sk_hukuman_disiplin@"));
  auto bad = http.Post(path.c_str(), auth, R"({"kind":"LETTER_KIND_UNSPECIFIED"})", "application/json");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400) << bad->body;
}

}  // namespace
}  // namespace discipline
