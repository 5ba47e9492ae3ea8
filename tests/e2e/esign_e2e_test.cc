// DocumentService.SignDocument through the BSrE contract server (the
// project's API contract, third stage "Letters and the electronic
// signature"): the SK of a decided case signed by the PPK's office becomes
// Decision.decision_document_id; the passphrase is never stored, logged,
// audited or retried.

#include <fcntl.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "adapters/mariadb/connection.h"
#include "asn/discipline/v1/letters.grpc.pb.h"
#include "gmock/gmock.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"
#include "tests/testing/case_e2e.h"
#include "tests/testing/child_process.h"
#include "tests/testing/requests.h"

namespace discipline {
namespace {

namespace pb = ::asn::discipline::v1;
namespace gp = google::protobuf;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kNik[] = "3174012345678901";
constexpr char kPassphrase[] = "Kunci-Rahasia-PPK-2026";
constexpr char kSkPdf[] = "%PDF-1.4\n% SK hukuman disiplin (contoh)\n%%EOF\n";

class EsignE2eTest : public testing::CaseE2eTest {
 protected:
  // The contract server with `flags`, then the service signing through it
  // (each call's limit 2 s), its stderr in a file of the test.
  void StartWith(std::vector<std::string> flags, const std::string& more_config = "", bool http = false) {
    with_http_ = http;
    const std::string tmp = std::getenv("DISCIPLINE_TEST_TMP");
    const std::string tag =
        absl::StrCat(getpid(), "-", ::testing::UnitTest::GetInstance()->current_test_info()->name());
    const std::string port_file = absl::StrCat(tmp, "/esign-", tag, ".port");
    state_file_ = absl::StrCat(tmp, "/esign-", tag, ".json");
    const std::string password_file = absl::StrCat(tmp, "/esign-", tag, ".password");
    std::ofstream(password_file) << "esign\n";
    unlink(port_file.c_str());
    unlink(state_file_.c_str());
    std::vector<std::string> args = {DISCIPLINE_ESIGN_CONTRACT_BIN, "--port_file=" + port_file,
                                     "--state_file=" + state_file_, absl::StrCat("--nik=", kNik),
                                     absl::StrCat("--passphrase=", kPassphrase)};
    args.insert(args.end(), flags.begin(), flags.end());
    auto child = ::discipline::testing::StartChild(args, port_file);
    ASSERT_TRUE(child.ok()) << "the contract server did not start"
                            << ": " << child.status();
    contract_pid_ = child->pid;
    const int port = child->port;
    top_config_ = absl::StrCat("esign { base_url: \"http://127.0.0.1:", port, "\" user: \"esign\" password_file: \"",
                               password_file, "\" timeout_seconds: 2 } ", more_config);
    extra_args_ = {"--log_calls=true"};
    log_path_ = absl::StrCat(tmp, "/esign-", tag, ".log");
    const int fd = open(log_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ASSERT_GE(fd, 0);
    const int saved = dup(2);
    dup2(fd, 2);
    close(fd);
    CaseE2eTest::SetUp();
    dup2(saved, 2);
    close(saved);
    docs_ = pb::DocumentService::NewStub(server_->Channel());
  }
  void SetUp() override {}
  void TearDown() override {
    if (contract_pid_ > 0) {
      kill(contract_pid_, SIGKILL);
      waitpid(contract_pid_, nullptr, 0);
    }
  }

  pb::DocumentRef Upload(const std::string& case_id, pb::DocumentKind kind, const std::string& name,
                         const std::string& bytes) {
    auto ctx = Ctx();
    pb::DocumentRef ref;
    auto writer = docs_->UploadDocument(ctx.get(), &ref);
    pb::UploadDocumentRequest m;
    m.mutable_metadata()->set_case_id(case_id);
    m.mutable_metadata()->set_kind(kind);
    m.mutable_metadata()->set_file_name(name);
    m.mutable_metadata()->set_media_type("application/pdf");
    EXPECT_TRUE(writer->Write(m));
    pb::UploadDocumentRequest chunk;
    chunk.set_chunk(bytes);
    EXPECT_TRUE(writer->Write(chunk));
    writer->WritesDone();
    grpc::Status s = writer->Finish();
    EXPECT_TRUE(s.ok()) << s.error_message();
    return ref;
  }

  // An absence case (PP 94/2021 Pasal 4 huruf f, 21 days: penurunan jabatan,
  // Pasal 8 ayat (4); the PPK's, examined by a team, Pasal 11 ayat (2) huruf
  // d) decided by the PPK's office, and its unsigned SK.
  // With `days` 5 (ringan, Pasal 8 ayat (2)) the punishment is the
  // pengawas's (Rina Marlina, 198009092005012002), who decides it as an
  // official.
  pb::Case Decided(const std::string& prefix, std::string* sk_id, int days = 21) {
    pb::Finding f;
    f.set_provision_id("PP94.4.f");
    f.set_proven(true);
    f.set_absence_days(days);
    pb::Case c = Must(&pb::CaseService::Stub::FileCase, testing::AbsenceReport(prefix + "-file", "2026-10-01"));
    c = SummonedAndExamined(c, prefix, f, "197802142003121003", days >= 21);
    auto rec = Change<pb::RecommendSanctionRequest>(c, prefix + "-rec");
    rec.set_recommended_on("2026-10-13");
    c = Must(&pb::CaseService::Stub::RecommendSanction, rec);
    EXPECT_EQ(c.recommendation().authority().role(), days >= 21 ? pb::AUTHORITY_ROLE_PPK : pb::AUTHORITY_ROLE_PENGAWAS);
    *sk_id = Upload(c.case_id(), pb::DOCUMENT_KIND_SK_HUKUMAN, "SK-hukdis.pdf", kSkPdf).document_id();
    if (days < 21) roles_ = {"official"};
    auto decide = Change<pb::DecideSanctionRequest>(c, prefix + "-decide");
    decide.set_outcome(pb::DECISION_OUTCOME_APPROVE);
    const pb::Assessment& a = c.recommendation().assessment();
    decide.set_punishment(a.punishment() != pb::PUNISHMENT_UNSPECIFIED ? a.punishment() : a.options(0).punishment());
    decide.set_decision_number("800.1.6.3/902/BKPSDM/2026");
    decide.set_decided_on("2026-10-14");
    return Must(&pb::CaseService::Stub::DecideSanction, decide);
  }

  pb::SignDocumentRequest SignRequest(const pb::Case& c, const std::string& request_id, const std::string& document_id,
                                      const std::string& passphrase) {
    pb::SignDocumentRequest r;
    r.set_request_id(request_id);
    r.set_case_id(c.case_id());
    r.set_version(c.version());
    r.set_document_id(document_id);
    r.set_nik(kNik);
    r.set_passphrase(passphrase);
    return r;
  }
  grpc::Status Sign(const pb::SignDocumentRequest& r, pb::DocumentRef* out) {
    auto ctx = Ctx();
    return docs_->SignDocument(ctx.get(), r, out);
  }

  pb::Case Get(const std::string& id) {
    pb::GetCaseRequest r;
    r.set_case_id(id);
    return Must(&pb::CaseService::Stub::GetCase, r);
  }
  std::string History(const std::string& id) {
    pb::GetCaseHistoryRequest r;
    r.set_case_id(id);
    pb::GetCaseHistoryResponse out;
    auto ctx = Ctx();
    EXPECT_TRUE(audit_->GetCaseHistory(ctx.get(), r, &out).ok());
    return out.DebugString();
  }
  std::string Read(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }
  int Count(const char* what) {
    gp::Struct s;
    (void)gp::util::JsonStringToMessage(Read(state_file_), &s);
    auto it = s.fields().find(what);
    return it == s.fields().end() ? -1 : static_cast<int>(it->second.number_value());
  }
  // Every text column of every table of the case database holding `needle`.
  int RowsHolding(const std::string& needle) {
    auto owner = mariadb::Connection::Open(db_->Owner());
    EXPECT_TRUE(owner.ok()) << owner.status();
    if (!owner.ok()) return -1;
    auto columns = (*owner)->Query(
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = DATABASE() AND "
        "data_type IN ('char','varchar','text','mediumtext','longtext','tinytext','json','blob','mediumblob',"
        "'longblob','varbinary','binary')",
        {});
    EXPECT_TRUE(columns.ok()) << columns.status();
    if (!columns.ok()) return -1;
    EXPECT_FALSE(columns->empty());
    int found = 0;
    for (const auto& col : *columns) {
      const std::string table = col[0].value_or(""), column = col[1].value_or("");
      auto n = (*owner)->Query(absl::StrCat("SELECT COUNT(*) FROM `", table, "` WHERE INSTR(`", column, "`, ?) > 0"),
                               {needle});
      EXPECT_TRUE(n.ok()) << table << "." << column << ": " << n.status();
      if (n.ok() && !n->empty()) found += std::stoi((*n)[0][0].value_or("0"));
    }
    return found;
  }
  // The Bahasa Indonesia message of a status (google.rpc.LocalizedMessage).
  static std::string Pesan(const grpc::Status& s) {
    google::rpc::Status details;
    if (!details.ParseFromString(s.error_details())) return "";
    for (const auto& any : details.details()) {
      google::rpc::LocalizedMessage m;
      if (any.UnpackTo(&m) && m.locale() == "id-ID") return m.message();
    }
    return "";
  }

  pid_t contract_pid_ = -1;
  std::string state_file_;
  std::string log_path_;
  std::unique_ptr<pb::DocumentService::Stub> docs_;
};

TEST_F(EsignE2eTest, ThePpksSignedSkBecomesTheDecisionsDocumentAndThePassphraseIsNowhere) {
  StartWith({});
  std::string sk;
  const pb::Case c = Decided("e1", &sk);
  ASSERT_EQ(c.state(), pb::CASE_STATE_DECIDED);
  pb::DocumentRef signed_ref;
  const grpc::Status s = Sign(SignRequest(c, "e1-sign", sk, kPassphrase), &signed_ref);
  ASSERT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();
  EXPECT_NE(signed_ref.document_id(), sk) << "the signed SK is a new document";
  EXPECT_GT(signed_ref.size_bytes(), static_cast<int64_t>(sizeof(kSkPdf) - 1));
  const pb::Case after = Get(c.case_id());
  EXPECT_EQ(after.decision().decision_document_id(), signed_ref.document_id());
  EXPECT_EQ(after.decision().document_id(), signed_ref.document_id());
  EXPECT_EQ(after.version(), c.version() + 1);
  EXPECT_EQ(Count("signed"), 1);

  // A retry of the same request_id: the first result, BSrE not called again.
  pb::DocumentRef again;
  ASSERT_TRUE(Sign(SignRequest(c, "e1-sign", sk, kPassphrase), &again).ok());
  EXPECT_EQ(again.document_id(), signed_ref.document_id());
  EXPECT_EQ(Count("calls"), 1);

  // The signed document is the case's SK and reads back as a PDF.
  {
    auto ctx = Ctx();
    pb::GetDocumentRequest r;
    r.set_document_id(signed_ref.document_id());
    auto reader = docs_->GetDocument(ctx.get(), r);
    pb::GetDocumentResponse m;
    std::string bytes;
    pb::DocumentInfo info;
    while (reader->Read(&m)) {
      if (m.has_info()) info = m.info();
      bytes += m.chunk();
    }
    ASSERT_TRUE(reader->Finish().ok());
    EXPECT_EQ(info.metadata().kind(), pb::DOCUMENT_KIND_SK_HUKUMAN);
    EXPECT_EQ(info.metadata().case_id(), c.case_id());
    EXPECT_EQ(bytes.rfind(kSkPdf, 0), 0u);
  }

  const std::string history = History(c.case_id());
  EXPECT_THAT(history, HasSubstr("SignDocument"));
  EXPECT_THAT(history, HasSubstr(signed_ref.document_id()));
  EXPECT_THAT(history, Not(HasSubstr(kPassphrase)));
  EXPECT_THAT(history, Not(HasSubstr(kNik)));
  EXPECT_EQ(RowsHolding(kPassphrase), 0) << "the passphrase is stored nowhere";
  EXPECT_EQ(RowsHolding(kNik), 0) << "nor the NIK";
  server_->Stop();
  const std::string log = Read(log_path_);
  EXPECT_THAT(log, HasSubstr("signed (BSrE)")) << "the log was captured";
  EXPECT_THAT(log, Not(HasSubstr(kPassphrase)));
  EXPECT_THAT(log, Not(HasSubstr(kNik)));
}

TEST_F(EsignE2eTest, AWrongPassphraseIsRefusedInIndonesianAndChangesNothing) {
  StartWith({});
  std::string sk;
  const pb::Case c = Decided("e2", &sk);
  pb::DocumentRef out;
  const grpc::Status s = Sign(SignRequest(c, "e2-sign", sk, "bukan-passphrase-nya"), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << s.error_message();
  EXPECT_THAT(Pesan(s), HasSubstr("Passphrase"));
  EXPECT_THAT(Pesan(s), HasSubstr("salah"));
  EXPECT_THAT(s.error_message(), Not(HasSubstr("bukan-passphrase-nya")));
  const pb::Case after = Get(c.case_id());
  EXPECT_EQ(after.version(), c.version());
  EXPECT_EQ(after.decision().decision_document_id(), c.decision().decision_document_id());
  EXPECT_EQ(Count("calls"), 1);
  EXPECT_EQ(RowsHolding("bukan-passphrase-nya"), 0);
}

TEST_F(EsignE2eTest, AHangingBsreIsUnavailableAndNotRetried) {
  StartWith({"--hang_signs=1", "--hang_seconds=8"});
  std::string sk;
  const pb::Case c = Decided("e3", &sk);
  pb::DocumentRef out;
  const grpc::Status s = Sign(SignRequest(c, "e3-sign", sk, kPassphrase), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE) << s.error_message();
  EXPECT_THAT(Pesan(s), HasSubstr("belum tentu"));
  EXPECT_EQ(Get(c.case_id()).version(), c.version());
  absl::SleepFor(absl::Seconds(1));
  EXPECT_EQ(Count("calls"), 1) << "a sign call that may have reached BSrE is never repeated";
}

TEST_F(EsignE2eTest, OnlyTheDecidingOfficialOrThePpkSigns) {
  StartWith({});
  std::string sk;
  const pb::Case c = Decided("e4", &sk);
  // PP 94/2021 Pasal 18-25: an official not named on the punishment (here
  // the PPK decides) may not sign; nor an operator.
  for (const std::vector<std::string>& roles :
       {std::vector<std::string>{"official"}, std::vector<std::string>{"operator"}}) {
    roles_ = roles;
    nip_ = "197501012000031001";
    pb::DocumentRef out;
    const grpc::Status s = Sign(SignRequest(c, "e4-sign", sk, kPassphrase), &out);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED) << roles[0] << ": " << s.error_message();
  }
  EXPECT_EQ(Count("calls"), 0);
}

// PP 94/2021 Pasal 18-25: a ringan punishment is the pengawas's; she signs
// its SK herself, and the PPK's office, which did not decide it, may not.
TEST_F(EsignE2eTest, TheDecidingOfficialSignsByNipAndThePpkOfficeMayNot) {
  StartWith({});
  std::string sk;
  const pb::Case c = Decided("e5", &sk, 5);
  ASSERT_EQ(c.state(), pb::CASE_STATE_DECIDED);
  ASSERT_EQ(c.decision().decided_by().nip(), "198009092005012002");
  roles_ = {"ppk"};
  nip_ = "";
  pb::DocumentRef out;
  grpc::Status s = Sign(SignRequest(c, "e5-ppk", sk, kPassphrase), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED) << s.error_message();
  EXPECT_EQ(Count("calls"), 0);
  roles_ = {"official"};
  nip_ = "198009092005012002";
  s = Sign(SignRequest(c, "e5-sign", sk, kPassphrase), &out);
  ASSERT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();
  EXPECT_EQ(Get(c.case_id()).decision().decision_document_id(), out.document_id());
}

// LetterService.SignLetter (api.md "Letters and the electronic signature"):
// the summons letter, the examination, the SK rendered from the case and
// signed by the PPK's office through BSrE (the contract server); the signed
// SK is Decision.decision_document_id and a letter of the case; the
// passphrase is in no log line, no audit payload and no stored row.
TEST_F(EsignE2eTest, ARenderedSkIsSignedAsALetterAndBecomesTheDecisionsDocument) {
  StartWith({}, "letterhead { names: \"PEMERINTAH KOTA CONTOH\" place: \"Kota Contoh\" }", /*http=*/true);
  auto letters = pb::LetterService::NewStub(server_->Channel());
  pb::Finding f;
  f.set_provision_id("PP94.4.f");
  f.set_proven(true);
  f.set_absence_days(21);
  pb::Case c = Must(&pb::CaseService::Stub::FileCase, testing::AbsenceReport("l1-file", "2026-10-01"));
  // PP 94/2021 Pasal 26: the summons, and its letter.
  auto summons = Change<pb::IssueSummonsRequest>(c, "l1-summons");
  summons.set_issued_on("2026-10-01");
  summons.set_examination_on("2026-10-12");
  summons.add_examiner_nips("197802142003121003");
  summons.add_examination_team_nips("197802142003121003");
  summons.set_examination_team_decree_number("800/TIM/l1/2026");
  c = Must(&pb::CaseService::Stub::IssueSummons, summons);
  pb::RenderLetterRequest render;
  render.set_case_id(c.case_id());
  render.set_kind(pb::LETTER_KIND_SURAT_PANGGILAN);
  pb::Letter pgl;
  {
    auto ctx = Ctx();
    const grpc::Status s = letters->RenderLetter(ctx.get(), render, &pgl);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
  auto exam = Change<pb::RecordExaminationRequest>(c, "l1-exam");
  exam.set_examined_on("2026-10-12");
  exam.set_attended(true);
  *exam.add_findings() = f;
  exam.set_bap_document_id(UploadBap().document_id());
  exam.add_examiner_nips("197802142003121003");
  exam.add_examination_team_nips("197802142003121003");
  c = Must(&pb::CaseService::Stub::RecordExamination, exam);
  auto rec = Change<pb::RecommendSanctionRequest>(c, "l1-rec");
  rec.set_recommended_on("2026-10-13");
  c = Must(&pb::CaseService::Stub::RecommendSanction, rec);
  auto decide = Change<pb::DecideSanctionRequest>(c, "l1-decide");
  decide.set_outcome(pb::DECISION_OUTCOME_APPROVE);
  const pb::Assessment& a = c.recommendation().assessment();
  decide.set_punishment(a.punishment() != pb::PUNISHMENT_UNSPECIFIED ? a.punishment() : a.options(0).punishment());
  decide.set_decision_number("800.1.6.3/903/BKPSDM/2026");
  decide.set_decided_on("2026-10-14");
  c = Must(&pb::CaseService::Stub::DecideSanction, decide);
  ASSERT_EQ(c.state(), pb::CASE_STATE_DECIDED);

  render.set_kind(pb::LETTER_KIND_SK_HUKUMAN_DISIPLIN);
  pb::Letter sk;
  {
    auto ctx = Ctx();
    const grpc::Status s = letters->RenderLetter(ctx.get(), render, &sk);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
  EXPECT_EQ(sk.number(), "800.1.6.3/903/BKPSDM/2026");

  pb::SignLetterRequest sign;
  sign.set_case_id(c.case_id());
  sign.set_letter_id(sk.letter_id());
  sign.set_nik(kNik);
  // Only the SK is signed: the summons letter is refused before BSrE.
  sign.set_letter_id(pgl.letter_id());
  sign.set_passphrase(kPassphrase);
  pb::Letter refused;
  {
    auto ctx = Ctx();
    const grpc::Status s = letters->SignLetter(ctx.get(), sign, &refused);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << s.error_message();
    EXPECT_THAT(Pesan(s), HasSubstr("keputusan hukuman disiplin"));
  }
  // A letter that is not one of the case's.
  sign.set_letter_id("01UNKNOWNLETTER");
  {
    auto ctx = Ctx();
    EXPECT_EQ(letters->SignLetter(ctx.get(), sign, &refused).error_code(), grpc::StatusCode::NOT_FOUND);
  }
  // A wrong passphrase: BSrE's refusal in Bahasa Indonesia, nothing changes.
  sign.set_letter_id(sk.letter_id());
  sign.set_passphrase("bukan-passphrase-nya");
  {
    auto ctx = Ctx();
    const grpc::Status s = letters->SignLetter(ctx.get(), sign, &refused);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << s.error_message();
    EXPECT_THAT(Pesan(s), HasSubstr("salah"));
    EXPECT_THAT(s.error_message(), Not(HasSubstr("bukan-passphrase-nya")));
  }
  EXPECT_EQ(Get(c.case_id()).version(), c.version());
  // PP 94/2021 Pasal 18-25: an operator does not sign the SK.
  roles_ = {"operator"};
  sign.set_passphrase(kPassphrase);
  {
    auto ctx = Ctx();
    EXPECT_EQ(letters->SignLetter(ctx.get(), sign, &refused).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  }
  EXPECT_EQ(Count("calls"), 1) << "the refused calls reached BSrE once (the wrong passphrase)";
  // The PPK's office (the PPK decided: PP 94/2021 Pasal 8 ayat (4)) signs,
  // over HTTP as the pages do (the route of the google.api.http annotation).
  roles_ = {"operator", "ppk"};
  pb::Letter signed_letter;
  {
    httplib::Client http("127.0.0.1", http_port_);
    http.set_read_timeout(20, 0);
    auto issuer = testing::DemoIssuer();
    ASSERT_TRUE(issuer.ok());
    const httplib::Headers auth = {
        {"Authorization", "Bearer " + (*issuer)->Mint(nip_, "Pengguna Uji", agency_, roles_)}};
    const std::string path = absl::StrCat("/v1/cases/", c.case_id(), "/letters/", sk.letter_id(), ":sign");
    auto res =
        http.Post(path.c_str(), auth, absl::StrCat("{\"nik\":\"", kNik, "\",\"passphrase\":\"", kPassphrase, "\"}"),
                  "application/json");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
    EXPECT_THAT(res->body, Not(HasSubstr(kPassphrase)));
    gp::util::JsonParseOptions options;
    options.ignore_unknown_fields = true;
    ASSERT_TRUE(gp::util::JsonStringToMessage(res->body, &signed_letter, options).ok()) << res->body;
  }
  EXPECT_NE(signed_letter.letter_id(), sk.letter_id());
  EXPECT_EQ(signed_letter.kind(), pb::LETTER_KIND_SK_HUKUMAN_DISIPLIN);
  EXPECT_EQ(signed_letter.unsigned_letter_id(), sk.letter_id());
  EXPECT_FALSE(signed_letter.signed_at().empty());
  EXPECT_EQ(signed_letter.number(), sk.number());
  EXPECT_EQ(signed_letter.template_version(), sk.template_version());
  EXPECT_EQ(signed_letter.document().document_id(), signed_letter.letter_id());
  EXPECT_GT(signed_letter.document().size_bytes(), sk.document().size_bytes());
  const pb::Case after = Get(c.case_id());
  EXPECT_EQ(after.decision().decision_document_id(), signed_letter.letter_id());
  EXPECT_EQ(Count("signed"), 1);

  // Signing the same letter again: the signed letter, BSrE not called.
  pb::Letter again;
  {
    auto ctx = Ctx();
    ASSERT_TRUE(letters->SignLetter(ctx.get(), sign, &again).ok());
  }
  EXPECT_EQ(again.letter_id(), signed_letter.letter_id());
  EXPECT_EQ(Count("calls"), 2);
  // The signed SK is a letter of the case.
  pb::ListLettersRequest list;
  list.set_case_id(c.case_id());
  pb::ListLettersResponse listed;
  {
    auto ctx = Ctx();
    ASSERT_TRUE(letters->ListLetters(ctx.get(), list, &listed).ok());
  }
  ASSERT_EQ(listed.letters_size(), 3);
  EXPECT_EQ(listed.letters(2).letter_id(), signed_letter.letter_id());
  EXPECT_EQ(listed.letters(2).unsigned_letter_id(), sk.letter_id());

  const std::string history = History(c.case_id());
  EXPECT_THAT(history, HasSubstr("SignLetter"));
  EXPECT_THAT(history, Not(HasSubstr(kPassphrase)));
  EXPECT_THAT(history, Not(HasSubstr(kNik)));
  EXPECT_EQ(RowsHolding(kPassphrase), 0) << "the passphrase is stored nowhere";
  EXPECT_EQ(RowsHolding("bukan-passphrase-nya"), 0);
  EXPECT_EQ(RowsHolding(kNik), 0) << "nor the NIK";
  server_->Stop();
  const std::string log = Read(log_path_);
  EXPECT_THAT(log, HasSubstr("signed (BSrE) as " + signed_letter.letter_id())) << "the log was captured";
  EXPECT_THAT(log, Not(HasSubstr(kPassphrase)));
  EXPECT_THAT(log, Not(HasSubstr("bukan-passphrase-nya")));
  EXPECT_THAT(log, Not(HasSubstr(kNik)));
}

// PP 94/2021 Pasal 18-25: a ringan punishment is the pengawas's; she
// renders and signs its SK as a letter herself, and the PPK's office, which
// did not decide it, may not sign it.
TEST_F(EsignE2eTest, TheDecidingOfficialSignsTheSkLetterAndThePpkOfficeMayNot) {
  StartWith({}, "letterhead { names: \"PEMERINTAH KOTA CONTOH\" place: \"Kota Contoh\" }");
  auto letters = pb::LetterService::NewStub(server_->Channel());
  std::string uploaded;
  const pb::Case c = Decided("l2", &uploaded, 5);
  ASSERT_EQ(c.decision().decided_by().nip(), "198009092005012002");
  roles_ = {"official"};
  nip_ = "198009092005012002";
  pb::RenderLetterRequest render;
  render.set_case_id(c.case_id());
  render.set_kind(pb::LETTER_KIND_SK_HUKUMAN_DISIPLIN);
  pb::Letter sk;
  {
    auto ctx = Ctx();
    const grpc::Status s = letters->RenderLetter(ctx.get(), render, &sk);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
  pb::SignLetterRequest sign;
  sign.set_case_id(c.case_id());
  sign.set_letter_id(sk.letter_id());
  sign.set_nik(kNik);
  sign.set_passphrase(kPassphrase);
  roles_ = {"ppk"};
  nip_ = "";
  pb::Letter out;
  {
    auto ctx = Ctx();
    const grpc::Status s = letters->SignLetter(ctx.get(), sign, &out);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED) << s.error_message();
  }
  EXPECT_EQ(Count("calls"), 0);
  roles_ = {"official"};
  nip_ = "198009092005012002";
  {
    auto ctx = Ctx();
    const grpc::Status s = letters->SignLetter(ctx.get(), sign, &out);
    ASSERT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();
  }
  EXPECT_EQ(out.unsigned_letter_id(), sk.letter_id());
  EXPECT_EQ(Get(c.case_id()).decision().decision_document_id(), out.letter_id());
  EXPECT_EQ(Count("calls"), 1);
}

// A BSrE that does not answer: SignLetter is UNAVAILABLE saying the letter
// may or may not be signed, nothing is stored, and the call is not repeated.
TEST_F(EsignE2eTest, AHangingBsreLeavesTheSkLetterUnsignedAndIsNotRetried) {
  StartWith({"--hang_signs=1", "--hang_seconds=8"},
            "letterhead { names: \"PEMERINTAH KOTA CONTOH\" place: \"Kota Contoh\" }");
  auto letters = pb::LetterService::NewStub(server_->Channel());
  std::string uploaded;
  const pb::Case c = Decided("l3", &uploaded);
  pb::RenderLetterRequest render;
  render.set_case_id(c.case_id());
  render.set_kind(pb::LETTER_KIND_SK_HUKUMAN_DISIPLIN);
  pb::Letter sk;
  {
    auto ctx = Ctx();
    ASSERT_TRUE(letters->RenderLetter(ctx.get(), render, &sk).ok());
  }
  pb::SignLetterRequest sign;
  sign.set_case_id(c.case_id());
  sign.set_letter_id(sk.letter_id());
  sign.set_nik(kNik);
  sign.set_passphrase(kPassphrase);
  pb::Letter out;
  {
    auto ctx = Ctx();
    const grpc::Status s = letters->SignLetter(ctx.get(), sign, &out);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE) << s.error_message();
    EXPECT_THAT(Pesan(s), HasSubstr("belum tentu"));
    EXPECT_THAT(s.error_message(), Not(HasSubstr(kPassphrase)));
  }
  const pb::Case after = Get(c.case_id());
  EXPECT_EQ(after.version(), c.version());
  EXPECT_EQ(after.decision().decision_document_id(), c.decision().decision_document_id());
  absl::SleepFor(absl::Seconds(1));
  EXPECT_EQ(Count("calls"), 1) << "a sign call that may have reached BSrE is never repeated";
  pb::ListLettersRequest list;
  list.set_case_id(c.case_id());
  pb::ListLettersResponse listed;
  {
    auto ctx = Ctx();
    ASSERT_TRUE(letters->ListLetters(ctx.get(), list, &listed).ok());
  }
  EXPECT_EQ(listed.letters_size(), 1) << "no signed letter";
}

}  // namespace
}  // namespace discipline
