// e2e: the delivery of a decided case's hukdis record to SIASN, against a
// contract server on loopback (tests/contract/siasn_contract_server.cc: it
// issues both tokens and refuses a call without them, checks the record
// against SIASN's reference tables, keeps records by SIASN id like SIASN,
// with no idempotency key, and fails, hangs or refuses on demand). The record
// is written to the outbox with the delivery, in its transaction; the
// server's sender saves it (hukdis/save), keeps SIASN's id, attaches the SK
// (upload-dok-rw, dokumen 882), retries outages with backoff, and saves the
// same record again under its id after a remedy. PP 94/2021 ≈ Pasal 40 (the
// duty to document) and the law reference §2.5a ("saved again under its
// SIASN id"); SIASN's wire contract from the project's SIASN reference.

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "tests/testing/case_e2e.h"
#include "tests/testing/child_process.h"
#include "tests/testing/requests.h"

namespace discipline {
namespace {

namespace pb = ::asn::discipline::v1;
namespace gp = ::google::protobuf;

using ::testing::HasSubstr;

// SIASN's alasanHukumanDisiplin "TIDAK MASUK KERJA DAN MENAATI KETENTUAN JAM
// KERJA" (SIASN reference), for PP 94/2021 Pasal 4 huruf f.
constexpr char kAlasanMasukKerja[] = "11EC54D9B39E57B1E050640A15026590";

class SiasnE2eTest : public testing::CaseE2eTest {
 protected:
  // Starts the contract server with `flags`, then the service configured to
  // send to it (each call's limit `timeout_seconds`; the SSO token by the
  // password grant, or from a file the agency supplies when `sso_file`).
  void StartWith(std::vector<std::string> flags, const std::vector<std::string>& server_flags = {},
                 int timeout_seconds = 2, bool sso_file = false) {
    const std::string tmp = std::getenv("DISCIPLINE_TEST_TMP");
    const std::string tag =
        absl::StrCat(getpid(), "-", ::testing::UnitTest::GetInstance()->current_test_info()->name());
    const std::string port_file = absl::StrCat(tmp, "/siasn-", tag, ".port");
    state_file_ = absl::StrCat(tmp, "/siasn-", tag, ".json");
    const std::string secret_file = absl::StrCat(tmp, "/siasn-", tag, ".secret");
    const std::string password_file = absl::StrCat(tmp, "/siasn-", tag, ".password");
    std::ofstream(secret_file) << "rahasia-konsumen\n";
    std::ofstream(password_file) << "sandi-operator\n";
    const std::string sso_token_file = absl::StrCat(tmp, "/siasn-", tag, ".sso-token");
    if (sso_file) {
      std::ofstream(sso_token_file) << "sso-dari-instansi\n";
      flags.push_back("--sso_static_token=sso-dari-instansi");
    }
    unlink(port_file.c_str());
    unlink(state_file_.c_str());
    std::vector<std::string> args = {DISCIPLINE_SIASN_CONTRACT_BIN,      "--port_file=" + port_file,
                                     "--state_file=" + state_file_,      "--client_id=asn-discipline",
                                     "--client_secret=rahasia-konsumen", "--sso_client_id=simpeg-instansi",
                                     "--sso_username=operator.kota",     "--sso_password=sandi-operator"};
    args.insert(args.end(), flags.begin(), flags.end());
    auto child = ::discipline::testing::StartChild(args, port_file);
    ASSERT_TRUE(child.ok()) << "the contract server did not start"
                            << ": " << child.status();
    contract_pid_ = child->pid;
    const int port = child->port;
    const std::string base = absl::StrCat("http://127.0.0.1:", port);
    const std::string sso =
        sso_file ? absl::StrCat("sso_token_file: \"", sso_token_file, "\"")
                 : absl::StrCat("sso_token_url: \"", base, "/sso/token\" sso_client_id: \"simpeg-instansi\" ",
                                "sso_username: \"operator.kota\" sso_password_file: \"", password_file, "\"");
    top_config_ = absl::StrCat("siasn { token_url: \"", base, "/oauth2/token\" api_base: \"", base,
                               "\" client_id: \"asn-discipline\" client_secret_file: \"", secret_file, "\" ", sso,
                               " poll_seconds: 1 timeout_seconds: ", timeout_seconds, " }");
    extra_args_ = {"--instance_name=siasn-e2e"};
    extra_args_.insert(extra_args_.end(), server_flags.begin(), server_flags.end());
    CaseE2eTest::SetUp();
  }
  void SetUp() override {}
  void TearDown() override {
    if (contract_pid_ > 0) {
      kill(contract_pid_, SIGKILL);
      waitpid(contract_pid_, nullptr, 0);
    }
  }

  // Takes `c` from RECEIVED through the summons, the examination (with
  // `finding` proven), the recommendation and the decision of the PPK's
  // office (with the signed SK) to its delivery: its record is due.
  pb::Case ToDelivery(pb::Case c, const std::string& prefix, const pb::Finding& finding, bool team = false) {
    c = SummonedAndExamined(c, prefix, finding, "197802142003121003", team);
    auto rec = Change<pb::RecommendSanctionRequest>(c, prefix + "-rec");
    rec.set_recommended_on("2026-10-13");
    c = Must(&pb::CaseService::Stub::RecommendSanction, rec);
    EXPECT_EQ(c.recommendation().authority().role(), pb::AUTHORITY_ROLE_PPK);
    auto decide = Change<pb::DecideSanctionRequest>(c, prefix + "-decide");
    decide.set_outcome(pb::DECISION_OUTCOME_APPROVE);
    const pb::Assessment& a = c.recommendation().assessment();
    if (a.punishment() == pb::PUNISHMENT_UNSPECIFIED && a.options_size() == 0) {
      ADD_FAILURE() << "no punishment recommended";
      return c;
    }
    decide.set_punishment(a.punishment() != pb::PUNISHMENT_UNSPECIFIED ? a.punishment() : a.options(0).punishment());
    decide.set_decision_number("800.1.6.3/901/BKPSDM/2026");
    decide.set_decided_on("2026-10-14");
    decide.set_decision_document_id(UploadBap("SK-hukuman-disiplin.pdf").document_id());
    c = Must(&pb::CaseService::Stub::DecideSanction, decide);
    auto delivery = Change<pb::RecordDeliveryRequest>(c, prefix + "-deliver");
    delivery.set_delivered_on("2026-10-15");
    return Must(&pb::CaseService::Stub::RecordDelivery, delivery);
  }

  // An absence case of the city (PP 94/2021 Pasal 4 huruf f) of `days`
  // unexcused days, delivered (examined by a team for a berat punishment,
  // 21 days or more: PP 94/2021 Pasal 11 ayat (2) huruf d).
  pb::Case Delivered(const std::string& prefix, int days) {
    const pb::FileCaseRequest file = testing::AbsenceReport(prefix + "-file", "2026-10-01");
    pb::Finding f;
    f.set_provision_id("PP94.4.f");
    f.set_proven(true);
    f.set_absence_days(days);
    return ToDelivery(Must(&pb::CaseService::Stub::FileCase, file), prefix, f, days >= 21);
  }

  pb::Case Get(const std::string& id) {
    pb::GetCaseRequest r;
    r.set_case_id(id);
    return Must(&pb::CaseService::Stub::GetCase, r);
  }

  // The case once its export is in `state` (and, when given, under `key`).
  pb::Case Await(const std::string& id, pb::SiasnExportState state, const std::string& key = "") {
    pb::Case c;
    for (int i = 0; i < 300; ++i) {
      c = Get(id);
      if (c.siasn_export().state() == state && (key.empty() || c.siasn_export().idempotency_key() == key)) return c;
      absl::SleepFor(absl::Milliseconds(100));
    }
    ADD_FAILURE() << "not " << pb::SiasnExportState_Name(state) << ": " << c.siasn_export().ShortDebugString();
    return c;
  }
  pb::Case AwaitDelivered(const std::string& id, const std::string& key = "") {
    return Await(id, pb::SIASN_EXPORT_STATE_DELIVERED, key);
  }

  // What the contract server holds.
  gp::Struct State() {
    std::ifstream in(state_file_);
    std::stringstream text;
    text << in.rdbuf();
    gp::Struct s;
    (void)gp::util::JsonStringToMessage(text.str(), &s);
    return s;
  }
  int Count(const char* what) {
    const gp::Struct s = State();
    auto it = s.fields().find(what);
    return it == s.fields().end() ? 0 : static_cast<int>(it->second.number_value());
  }
  // SIASN's records.
  std::vector<gp::Struct> Records() {
    std::vector<gp::Struct> out;
    const gp::Struct s = State();
    auto it = s.fields().find("records");
    if (it == s.fields().end()) return out;
    for (const auto& v : it->second.list_value().values()) out.push_back(v.struct_value());
    return out;
  }
  static std::string Str(const gp::Struct& s, const char* field) {
    auto it = s.fields().find(field);
    return it == s.fields().end() ? "" : it->second.string_value();
  }
  static const gp::Struct& Payload(const gp::Struct& record) { return record.fields().at("payload").struct_value(); }

  void KillAndRestartServer() {
    kill(server_->pid(), SIGKILL);
    server_->Stop();
    auto restarted = testing::ServerProcess::Start(*db_, extra_args_, extra_config_, top_config_);
    ASSERT_TRUE(restarted.ok()) << restarted.status();
    server_ = std::move(*restarted);
    cases_ = pb::CaseService::NewStub(server_->Channel());
  }

  pid_t contract_pid_ = -1;
  std::string state_file_;
};

// A berat attendance case (21 days: PP 94/2021 Pasal 11 ayat (2) huruf d
// angka 1, penurunan jabatan) through two outages: one record in SIASN with
// SIASN's codes (jenis hukuman 27, tingkat B; the reason "tidak masuk kerja"
// for Pasal 4 huruf f), then the signed SK on that record under dokumen 882.
TEST_F(SiasnE2eTest, TheRecordIsSavedOnceWithSiasnsCodesThenItsSkUnder882) {
  StartWith({"--fail_saves=2"});
  const pb::Case c = Delivered("s1", 21);
  ASSERT_EQ(c.effective_punishment(), pb::PUNISHMENT_PENURUNAN_JABATAN);
  // Written with the delivery, in its transaction.
  EXPECT_EQ(Get(c.case_id()).siasn_export().idempotency_key(), absl::StrCat(c.case_id(), ":", c.version()));
  const pb::Case done = AwaitDelivered(c.case_id());
  EXPECT_EQ(done.siasn_export().attempts(), 3) << "two 503s, then the record";
  EXPECT_TRUE(done.siasn_export().has_exported_at());
  EXPECT_EQ(Count("saves"), 3);
  EXPECT_EQ(Count("unauthorized"), 0) << "both tokens on every call";
  const std::vector<gp::Struct> records = Records();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(done.siasn_export().siasn_id(), Str(records[0], "id")) << "mapData.rwHukdisId kept";
  const gp::Struct& payload = Payload(records[0]);
  EXPECT_EQ(Str(payload, "jenisHukumanId"), "27");
  EXPECT_EQ(Str(payload, "jenisTingkatHukumanId"), "B");
  EXPECT_EQ(Str(payload, "alasanHukumanDisiplinId"), kAlasanMasukKerja);
  EXPECT_EQ(Str(payload, "skNomor"), "800.1.6.3/901/BKPSDM/2026");
  EXPECT_EQ(Str(payload, "skTanggal"), "14-10-2026");
  EXPECT_EQ(Str(payload, "masaTahun"), "1");
  EXPECT_TRUE(Str(payload, "skPembatalanNomor").empty());
  // The SK, attached to that record, once.
  EXPECT_EQ(Count("attaches"), 1);
  const auto& docs = records[0].fields().at("documents").list_value();
  ASSERT_EQ(docs.values_size(), 1);
  EXPECT_EQ(Str(docs.values(0).struct_value(), "idRefDokumen"), "882");
  EXPECT_EQ(Str(docs.values(0).struct_value(), "fileName"), "SK-hukuman-disiplin.pdf");
  // What arrived is what GetSiasnRecord shows; no intranet links in path.
  pb::GetSiasnRecordRequest req;
  req.set_case_id(c.case_id());
  pb::SiasnRecord record;
  ASSERT_TRUE(cases_->GetSiasnRecord(Ctx().get(), req, &record).ok());
  EXPECT_EQ(Str(payload, "pnsOrangId"), record.hukdis().pns_orang_id());
  EXPECT_FALSE(record.hukdis().pns_orang_id().empty());
  EXPECT_EQ(record.hukdis().path_size(), 0);
  EXPECT_FALSE(record.sk_document_id().empty());
  EXPECT_EQ(record.export_().state(), pb::SIASN_EXPORT_STATE_DELIVERED);
}

// The API manager's token lives 4 s here; the outages of SIASN stretch the
// delivery over about 7 s (three 503s: 1 s, 2 s, 4 s of backoff). The
// token is fetched again before it expires (no call is refused for an
// expired token), and the operator's SSO token is the one the agency put in
// sso_token_file (no password grant).
TEST_F(SiasnE2eTest, TheTokensAreRenewedBeforeTheyExpireAndASuppliedSsoTokenIsUsed) {
  StartWith({"--fail_saves=3", "--token_ttl_seconds=4"}, {}, 2, /*sso_file=*/true);
  const pb::Case c = Delivered("s6", 21);
  const pb::Case done = AwaitDelivered(c.case_id());
  EXPECT_EQ(done.siasn_export().attempts(), 4);
  EXPECT_GE(Count("apiTokens"), 2) << "renewed within the delivery";
  EXPECT_EQ(Count("ssoTokens"), 0) << "the supplied SSO token, no password grant";
  EXPECT_EQ(Count("unauthorized"), 0) << "never an expired or missing token";
  EXPECT_EQ(Records().size(), 1u);
}

// A sedang case (12 days: PP 94/2021 Pasal 10 ayat (2) huruf f angka 1)
// annulled on keberatan (PP 79/2021): SIASN's one record is saved again
// under its id with the annulment (skPembatalanNomor/-Tanggal), never a
// second record; the SK already on it is not sent again.
TEST_F(SiasnE2eTest, ASedangCaseAnnulledOnKeberatanIsTheSameRecordSavedAgain) {
  StartWith({});
  pb::Case c = Delivered("s3", 12);
  const pb::Case first = AwaitDelivered(c.case_id());
  ASSERT_EQ(Records().size(), 1u);
  const std::string id = Str(Records()[0], "id");
  EXPECT_EQ(first.siasn_export().siasn_id(), id);
  const gp::Struct sent = Payload(Records()[0]);
  EXPECT_EQ(Str(sent, "jenisTingkatHukumanId"), "S");
  // The tukin cut of Pasal 8 ayat (3) is SIASN's 23 (6 months); its
  // substitute while it waits (law reference §2.5a), the KGB deferral, is 4.
  EXPECT_EQ(Str(sent, "jenisHukumanId"),
            c.effective_punishment() == pb::PUNISHMENT_POTONGAN_TUKIN_6_BULAN ? "23" : "4");
  EXPECT_EQ(Str(sent, "alasanHukumanDisiplinId"), kAlasanMasukKerja);

  auto remedy = Change<pb::FileRemedyRequest>(first, "s3-objection");
  remedy.set_kind(pb::REMEDY_KEBERATAN);
  remedy.set_filed_on("2026-10-16");
  c = Must(&pb::CaseService::Stub::FileRemedy, remedy);
  auto decide = Change<pb::DecideRemedyRequest>(c, "s3-remedy");
  decide.set_outcome(pb::REMEDY_OUTCOME_ANNULLED);
  decide.set_decision_number("800/KEB/17/2026");
  decide.set_decided_on("2026-11-02");
  decide.set_reason("Hari tidak masuk kerja ternyata cuti sakit yang sah");
  decide.set_annulment_reason(pb::ANNULMENT_REASON_NOT_PROVEN);
  // The keberatan's official from the personnel data: the PPK of the
  // province (the governor), above the mayor.
  decide.mutable_decided_by()->set_role(pb::AUTHORITY_ROLE_PPK);
  decide.set_decided_by_agency_code("PROV-CONTOH");
  const pb::Case requested = Must(&pb::CaseService::Stub::DecideRemedy, decide);
  ASSERT_EQ(requested.pending_action().kind(), pb::CASE_ACTION_KIND_ANNUL);
  // An annulment is not one operator's alone: the agency's ppk confirms it.
  auto confirm = Change<pb::ConfirmCaseActionRequest>(requested, "s3-confirm");
  confirm.set_kind(pb::CASE_ACTION_KIND_ANNUL);
  const std::string operator_nip = nip_;
  const std::vector<std::string> operator_roles = roles_;
  nip_ = "";
  roles_ = {"ppk"};
  c = Must(&pb::CaseService::Stub::ConfirmCaseAction, confirm);
  nip_ = operator_nip;
  roles_ = operator_roles;
  ASSERT_EQ(c.remedy_decision().outcome(), pb::REMEDY_OUTCOME_ANNULLED);
  const pb::Case annulled = AwaitDelivered(c.case_id(), absl::StrCat(c.case_id(), ":", c.version()));
  EXPECT_EQ(annulled.siasn_export().siasn_id(), id);
  const std::vector<gp::Struct> records = Records();
  ASSERT_EQ(records.size(), 1u) << "the same record, not a second";
  EXPECT_EQ(records[0].fields().at("saves").number_value(), 2);
  const gp::Struct& payload = Payload(records[0]);
  EXPECT_EQ(Str(payload, "id"), id);
  EXPECT_EQ(Str(payload, "skPembatalanNomor"), "800/KEB/17/2026");
  EXPECT_EQ(Str(payload, "skPembatalanTanggal"), "02-11-2026");
  EXPECT_EQ(Str(payload, "skNomor"), "800.1.6.3/901/BKPSDM/2026") << "the record of the SK it annuls";
  EXPECT_EQ(Count("attaches"), 1);
}

// The server dies after SIASN saved the record and while the SK's
// attachment is under way: restarted, it attaches to the saved record (its
// id was kept durably), and SIASN still holds one record.
TEST_F(SiasnE2eTest, AKillBetweenTheSaveAndTheAttachmentStillLeavesOneRecord) {
  StartWith({"--hang_attaches=1", "--hang_seconds=30"}, {}, 20);
  const pb::Case c = Delivered("s4", 21);
  for (int i = 0; i < 200 && Count("attaches") < 1; ++i) absl::SleepFor(absl::Milliseconds(50));
  ASSERT_EQ(Count("attaches"), 1);
  const pb::Case midway = Get(c.case_id());
  EXPECT_EQ(midway.siasn_export().state(), pb::SIASN_EXPORT_STATE_PENDING);
  EXPECT_EQ(midway.siasn_export().step(), pb::SIASN_EXPORT_STEP_ATTACH);
  ASSERT_EQ(Records().size(), 1u);
  EXPECT_EQ(midway.siasn_export().siasn_id(), Str(Records()[0], "id"));
  KillAndRestartServer();
  const pb::Case done = AwaitDelivered(c.case_id());
  EXPECT_EQ(done.siasn_export().siasn_id(), Str(Records()[0], "id"));
  EXPECT_EQ(Count("saves"), 1) << "not saved again";
  EXPECT_EQ(Count("attaches"), 2) << "attached again after the restart";
  EXPECT_EQ(Records().size(), 1u);
}

// SIASN refuses the record (a 4xx with its message): the refusal and
// SIASN's words are on the case, and it is not retried as an outage.
TEST_F(SiasnE2eTest, ARefusalIsStoredOnTheCaseAndNotRetried) {
  StartWith({"--refuse_saves=Data PNS tidak ditemukan"});
  const pb::Case c = Delivered("s5", 21);
  const pb::Case refused = Await(c.case_id(), pb::SIASN_EXPORT_STATE_REFUSED);
  EXPECT_THAT(refused.siasn_export().last_error(), HasSubstr("Data PNS tidak ditemukan"));
  EXPECT_THAT(refused.siasn_export().last_error(), HasSubstr("HTTP 400"));
  absl::SleepFor(absl::Seconds(3));  // three polls
  EXPECT_EQ(Count("saves"), 1);
  EXPECT_EQ(Get(c.case_id()).siasn_export().state(), pb::SIASN_EXPORT_STATE_REFUSED);
  EXPECT_TRUE(Records().empty());
}

// PP 42/2004 Pasal 15 ayat (2): an ethics breach (a banner for a bakal
// calon, SKB 2022 form 1) ends in an open moral sanction, which SIASN
// records as its jenis hukuman 21 "SANKSI MORAL TERBUKA" (tingkat R),
// imposed under PP 42/2004, with the SK attached under 882.
TEST_F(SiasnE2eTest, AnOpenMoralSanctionIsSiasnsType21) {
  StartWith({});
  pb::FileCaseRequest file;
  file.set_request_id("s7-file");
  file.set_agency_code("KOTA-CONTOH");
  file.set_employee_nip("199006052015031005");
  file.set_source(pb::SOURCE_APIP);
  auto* a = file.add_allegations();
  a->set_provision_id("SKB2022.1");
  a->set_candidate_status(pb::CANDIDATE_STATUS_BAKAL_CALON);
  a->set_neutrality_aspect(pb::NEUTRALITY_ASPECT_POLITIK);
  a->set_occurred_on("2026-09-20");
  file.set_received_on("2026-10-01");
  pb::Finding f;
  f.set_provision_id("SKB2022.1");
  f.set_candidate_status(pb::CANDIDATE_STATUS_BAKAL_CALON);
  f.set_proven(true);
  pb::Case c = SummonedAndExamined(Must(&pb::CaseService::Stub::FileCase, file), "s7", f, "197802142003121003", false);
  auto rec = Change<pb::RecommendSanctionRequest>(c, "s7-rec");
  rec.set_recommended_on("2026-10-13");
  c = Must(&pb::CaseService::Stub::RecommendSanction, rec);
  auto decide = Change<pb::DecideSanctionRequest>(c, "s7-decide");
  decide.set_outcome(pb::DECISION_OUTCOME_APPROVE);
  decide.set_moral_sanction(pb::MORAL_SANCTION_PERNYATAAN_TERBUKA);
  decide.set_decision_number("800.1.6.3/902/BKPSDM/2026");
  decide.set_decided_on("2026-10-14");
  decide.set_decision_document_id(UploadBap("SK-sanksi-moral.pdf").document_id());
  c = Must(&pb::CaseService::Stub::DecideSanction, decide);
  auto delivery = Change<pb::RecordDeliveryRequest>(c, "s7-deliver");
  delivery.set_delivered_on("2026-10-15");
  c = Must(&pb::CaseService::Stub::RecordDelivery, delivery);
  AwaitDelivered(c.case_id());
  const std::vector<gp::Struct> records = Records();
  ASSERT_EQ(records.size(), 1u);
  const gp::Struct& payload = Payload(records[0]);
  EXPECT_EQ(Str(payload, "jenisHukumanId"), "21");
  EXPECT_EQ(Str(payload, "jenisTingkatHukumanId"), "R");
  EXPECT_EQ(Str(payload, "nomorPp"), "42 Tahun 2004");
  EXPECT_EQ(Str(payload, "skNomor"), "800.1.6.3/902/BKPSDM/2026");
  EXPECT_EQ(records[0].fields().at("documents").list_value().values_size(), 1);
}

// The neutrality flow end to end: BKN's recommendation, overdue and a
// blocking request by the server's timer, the PPK's decision lifting it,
// and the SIASN record surviving a kill of the server while SIASN's answer
// to the save is on its way: SIASN has no idempotency key, so the restarted
// server finds the record in the employee's riwayat (rw-hukdis) and saves
// it under that id rather than a second time.
TEST_F(SiasnE2eTest, RecommendationBlockedThenDecidedAndItsRecordSurvivesARestartExactlyOnce) {
  StartWith({"--hang_saves=1", "--hang_seconds=30"}, {"--escalation_interval_seconds=1"}, 20);
  const pb::FileCaseRequest file = testing::BknRecommendation("s2-file", "2026-10-05");
  const std::string saved_nip = nip_, saved_agency = agency_;
  const std::vector<std::string> saved_roles = roles_;
  nip_ = "197001011995031001";
  agency_ = "BKN";
  roles_ = {"supervisor"};
  const pb::Case filed = Must(&pb::CaseService::Stub::FileCase, file);
  nip_ = saved_nip;
  agency_ = saved_agency;
  roles_ = saved_roles;
  pb::Case c;
  for (int i = 0; i < 150; ++i) {
    c = Get(filed.case_id());
    if (c.follow_up().state() == pb::FOLLOW_UP_STATE_BLOCKING_REQUESTED) break;
    absl::SleepFor(absl::Milliseconds(100));
  }
  ASSERT_EQ(c.follow_up().state(), pb::FOLLOW_UP_STATE_BLOCKING_REQUESTED);
  pb::Finding f;
  f.set_provision_id("SKB2022.5");
  f.set_candidate_status(pb::CANDIDATE_STATUS_CALON);
  f.set_proven(true);
  c = ToDelivery(c, "s2", f);
  EXPECT_EQ(c.follow_up().state(), pb::FOLLOW_UP_STATE_DONE);
  EXPECT_FALSE(c.follow_up().blocking_lifted_on().empty());
  // The first save has reached SIASN (and is stored there), its answer not
  // yet back: the server dies.
  for (int i = 0; i < 200 && Count("saves") < 1; ++i) absl::SleepFor(absl::Milliseconds(50));
  ASSERT_EQ(Count("saves"), 1);
  EXPECT_EQ(Get(c.case_id()).siasn_export().state(), pb::SIASN_EXPORT_STATE_PENDING);
  EXPECT_TRUE(Get(c.case_id()).siasn_export().siasn_id().empty());
  KillAndRestartServer();
  const pb::Case done = AwaitDelivered(c.case_id());
  const std::vector<gp::Struct> records = Records();
  ASSERT_EQ(records.size(), 1u) << "found in the riwayat, not saved as a second record";
  EXPECT_EQ(done.siasn_export().siasn_id(), Str(records[0], "id"));
  const gp::Struct& payload = Payload(records[0]);
  // SKB2022.5 for a calon is PP 94/2021 Pasal 5 huruf n angka 2 (campaign
  // with party or PNS attributes): a prohibition, sedang (angka 1 cites no
  // disciplinary level, law reference 2.5a); SIASN's "MENJADI PESERTA
  // KAMPANYE DENGAN MENGGUNAKAN ATRIBUT PARTAI ATAU ATRIBUT PNS".
  EXPECT_EQ(Str(payload, "alasanHukumanDisiplinId"), "11EC54D9B3B157B1E050640A15026590");
  EXPECT_EQ(Str(payload, "jenisTingkatHukumanId"), "S");
  EXPECT_EQ(records[0].fields().at("documents").list_value().values_size(), 1);
}

}  // namespace
}  // namespace discipline
