// e2e: the summons e-mail to the employee (PP 94/2021 Pasal 26 ayat (1): the
// employee is summoned in writing; the e-mail tells him of it), from the
// notification outbox, to an SMTP server on loopback
// (tests/contract/smtp_contract_server.py) that records what it accepts and
// misbehaves on demand. The address comes from the personnel source (the
// demo SIMPEG's pegawai.email through the mapping).
//
// What SMTP allows us to guarantee: a relay that received the whole message
// but whose answer never came may or may not have taken it, and SMTP has no
// way to ask. So:
// - a relay that dies before it took the message (the end of DATA read, not
//   recorded, no answer): after its restart the message arrives exactly
//   once;
// - a relay that took the message and never answered: the message is sent
//   again, with the same Message-ID, so the copies are recognisably one
//   message; once a relay answered 250 nothing more is sent.

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <set>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "service/domain/notifications.h"
#include "tests/testing/case_e2e.h"
#include "tests/testing/child_process.h"
#include "tests/testing/rules.h"

namespace discipline {
namespace {

namespace pb = ::asn::discipline::v1;
namespace gp = ::google::protobuf;

using ::testing::HasSubstr;

// Andi Saputra, pelaksana of KOTA-CONTOH (demo personnel); the demo SIMPEG's
// address for him.
constexpr char kNip[] = "199006052015031005";
constexpr char kAddress[] = "<199006052015031005@kota-contoh.example.go.id>";
// Agus Prasetyo, Kepala Bidang Pembinaan SD of KOTA-CONTOH, the examiner.
constexpr char kExaminer[] = "197802142003121003";
constexpr char kExaminerAddress[] = "<197802142003121003@kota-contoh.example.go.id>";

struct Received {
  std::string to, message_id, subject, body;
};

class NotifyE2eTest : public testing::CaseE2eTest {
 protected:
  void SetUp() override {}
  void TearDown() override { StopSmtp(); }

  void StartSmtp(const std::string& mode) {
    const std::string tmp = std::getenv("DISCIPLINE_TEST_TMP");
    if (out_.empty()) {
      const std::string tag =
          absl::StrCat(getpid(), "-", ::testing::UnitTest::GetInstance()->current_test_info()->name());
      out_ = absl::StrCat(tmp, "/smtp-", tag, ".jsonl");
      port_file_ = absl::StrCat(tmp, "/smtp-", tag, ".port");
      unlink(out_.c_str());
    }
    unlink(port_file_.c_str());
    std::vector<std::string> args = {"/usr/bin/python3", DISCIPLINE_SMTP_CONTRACT,
                                     "--out=" + out_,    "--port-file=" + port_file_,
                                     "--mode=" + mode,   absl::StrCat("--port=", port_)};
    auto child = ::discipline::testing::StartChild(args, port_file_);
    ASSERT_TRUE(child.ok()) << "the SMTP contract server did not start"
                            << ": " << child.status();
    pid_ = child->pid;
    const int port = child->port;
    port_ = port;
  }
  void StopSmtp() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
      pid_ = 0;
    }
  }
  // The service, sending to the contract server.
  void StartService() {
    extra_args_ = {absl::StrCat("--smtp_url=smtp://127.0.0.1:", port_), "--smtp_from=disiplin@kota-contoh.go.id",
                   "--notify_interval_seconds=1", "--smtp_timeout_seconds=2", "--instance_name=notify-e2e"};
    CaseE2eTest::SetUp();
  }

  std::vector<Received> Messages() {
    std::vector<Received> out;
    std::ifstream in(out_);
    std::string line;
    while (std::getline(in, line)) {
      gp::Struct s;
      if (!gp::util::JsonStringToMessage(line, &s).ok()) continue;
      Received r;
      const auto& f = s.fields();
      if (f.count("to") && f.at("to").list_value().values_size() > 0) {
        r.to = f.at("to").list_value().values(0).string_value();
      }
      r.message_id = f.count("message_id") ? f.at("message_id").string_value() : "";
      r.subject = f.count("subject") ? f.at("subject").string_value() : "";
      r.body = f.count("body") ? f.at("body").string_value() : "";
      out.push_back(std::move(r));
    }
    return out;
  }
  // Waits until at least `n` messages were recorded (at most `limit`).
  std::vector<Received> AwaitMessages(size_t n, absl::Duration limit = absl::Seconds(30)) {
    const absl::Time until = absl::Now() + limit;
    std::vector<Received> m = Messages();
    while (m.size() < n && absl::Now() < until) {
      absl::SleepFor(absl::Milliseconds(100));
      m = Messages();
    }
    return m;
  }

  // Files a case for Andi Saputra and summons him for 12 Oct 2026.
  pb::Case Summon(const std::string& prefix) {
    pb::FileCaseRequest file;
    file.set_request_id(prefix + "-file");
    file.set_agency_code("KOTA-CONTOH");
    file.set_employee_nip(kNip);
    file.set_source(pb::SOURCE_SISTEM_KEHADIRAN);
    auto* a = file.add_allegations();
    a->set_provision_id("PP94.4.f");
    a->set_absence_days(12);
    file.set_received_on("2026-10-01");
    const pb::Case c = Must(&pb::CaseService::Stub::FileCase, file);
    auto summons = Change<pb::IssueSummonsRequest>(c, prefix + "-summons");
    summons.set_issued_on("2026-10-01");
    summons.set_examination_on("2026-10-12");
    summons.add_examiner_nips("197802142003121003");
    return Must(&pb::CaseService::Stub::IssueSummons, summons);
  }

  // Files a case for Andi Saputra summoned by Agus Prasetyo (his
  // superior's superior, an examiner of the demo) on `issued_on` for
  // `examination_on`.
  pb::Case SummonOn(const std::string& prefix, absl::CivilDay issued_on, absl::CivilDay examination_on) {
    pb::FileCaseRequest file;
    file.set_request_id(prefix + "-file");
    file.set_agency_code("KOTA-CONTOH");
    file.set_employee_nip(kNip);
    file.set_source(pb::SOURCE_SISTEM_KEHADIRAN);
    auto* a = file.add_allegations();
    a->set_provision_id("PP94.4.f");
    a->set_absence_days(12);
    file.set_received_on(domain::FormatIsoDate(issued_on - 14));
    const pb::Case c = Must(&pb::CaseService::Stub::FileCase, file);
    auto summons = Change<pb::IssueSummonsRequest>(c, prefix + "-summons");
    summons.set_issued_on(domain::FormatIsoDate(issued_on));
    summons.set_examination_on(domain::FormatIsoDate(examination_on));
    summons.add_examiner_nips(kExaminer);
    return Must(&pb::CaseService::Stub::IssueSummons, summons);
  }
  std::vector<Received> Reminders() {
    std::vector<Received> out;
    for (Received& r : Messages()) {
      if (absl::StrContains(r.subject, "Pengingat batas waktu")) out.push_back(std::move(r));
    }
    return out;
  }

  std::string out_, port_file_;
  int port_ = 0;
  pid_t pid_ = 0;
};

// PP 94/2021 Pasal 26 ayat (1): the summons, by e-mail to the address the
// personnel source has, in Bahasa Indonesia, once.
TEST_F(NotifyE2eTest, SummonsEmailReachesTheEmployeeOnce) {
  StartSmtp("accept");
  StartService();
  const pb::Case c = Summon("n1");
  ASSERT_EQ(c.state(), pb::CASE_STATE_SUMMONED);
  std::vector<Received> m = AwaitMessages(1);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].to, kAddress);
  EXPECT_THAT(m[0].subject, HasSubstr("Surat Panggilan I"));
  EXPECT_THAT(m[0].body, HasSubstr("Yth. Andi Saputra"));
  // 12 October 2026 is a Monday.
  EXPECT_THAT(m[0].body, HasSubstr("Senin, 12 Oktober 2026"));
  EXPECT_THAT(m[0].message_id, HasSubstr("@asn-discipline.notify>"));
  // Sent means sent: nothing more goes out in the passes that follow.
  absl::SleepFor(absl::Seconds(3));
  EXPECT_EQ(Messages().size(), 1u);
}

// The relay dies at the end of the message, before it took it (no record,
// no answer); after its restart the message arrives, exactly once.
TEST_F(NotifyE2eTest, RelayKilledBeforeTakingTheMessageGetsItOnceAfterRestart) {
  StartSmtp("die-before-record");
  StartService();
  Summon("n2");
  // The relay exits by itself at the end of DATA.
  for (int i = 0; i < 200; ++i) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = 0;
      break;
    }
    absl::SleepFor(absl::Milliseconds(100));
  }
  ASSERT_EQ(pid_, 0) << "the relay never got the message";
  EXPECT_TRUE(Messages().empty());
  StartSmtp("accept");
  std::vector<Received> m = AwaitMessages(1);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].to, kAddress);
  absl::SleepFor(absl::Seconds(4));
  EXPECT_EQ(Messages().size(), 1u);
}

// The relay took the message and its final answer never came (it hangs,
// then is killed and restarted). SMTP cannot tell whether a relay took a
// message it never answered for: the message is sent again, and every copy
// carries the same Message-ID, so the duplicate is recognisable; once the
// relay answered, nothing more is sent.
TEST_F(NotifyE2eTest, RelayHangingAfterDataGetsTheSameMessageIdAgain) {
  StartSmtp("hang-after-data");
  StartService();
  Summon("n3");
  ASSERT_EQ(AwaitMessages(1).size(), 1u);
  // The service's 2 s limit passes without an answer; then the relay dies.
  absl::SleepFor(absl::Seconds(3));
  StopSmtp();
  StartSmtp("accept");
  std::vector<Received> m = AwaitMessages(2);
  ASSERT_GE(m.size(), 2u);
  std::set<std::string> ids;
  for (const Received& r : m) ids.insert(r.message_id);
  EXPECT_EQ(ids.size(), 1u) << "every copy is the same message";
  EXPECT_EQ(m[0].body, m.back().body);
  absl::SleepFor(absl::Seconds(4));
  EXPECT_EQ(Messages().size(), m.size()) << "nothing more after the relay's 250";
}

// A relay that refuses the recipient for good (550): no message, and no
// attempt after it.
TEST_F(NotifyE2eTest, RefusedRecipientIsNotRetried) {
  StartSmtp("refuse");
  StartService();
  Summon("n4");
  absl::SleepFor(absl::Seconds(3));
  EXPECT_TRUE(Messages().empty());
  // The same relay, now accepting: a refused notification stays refused.
  StopSmtp();
  StartSmtp("accept");
  absl::SleepFor(absl::Seconds(4));
  EXPECT_TRUE(Messages().empty());
}

// The reminder of an open deadline to whoever owns it: an examination the
// examiner holds on the next working day (PP 94/2021 Pasal 26 ayat (2)) is
// inside the reminder window (from the 2nd working day before it), so the
// reminder job, run every second, enqueues its reminder; the examiner gets
// it exactly once, however often the job runs, and also after a restart
// of the server (the outbox's key per case, deadline, due date and
// recipient).
TEST_F(NotifyE2eTest, DeadlineReminderReachesTheExaminerOnceAcrossRunsAndRestarts) {
  StartSmtp("accept");
  extra_args_ = {absl::StrCat("--smtp_url=smtp://127.0.0.1:", port_),
                 "--smtp_from=disiplin@kota-contoh.go.id",
                 "--notify_interval_seconds=1",
                 "--smtp_timeout_seconds=2",
                 "--instance_name=notify-e2e",
                 "--reminder_interval_seconds=1"};
  CaseE2eTest::SetUp();
  // The agency's day (WIB) and the working days around it.
  const auto& calendar = testing::BuiltinRules().calendar;
  const absl::CivilDay today(absl::ToCivilDay(absl::Now(), absl::FixedTimeZone(7 * 3600)));
  auto issued = calendar.AddWorkingDays(today, -1);
  auto examination = calendar.AddWorkingDays(today, 1);
  ASSERT_TRUE(issued.ok() && examination.ok()) << "the built-in calendar must cover today";
  const pb::Case c = SummonOn("r1", issued->day, examination->day);
  ASSERT_EQ(c.state(), pb::CASE_STATE_SUMMONED);

  const absl::Time until = absl::Now() + absl::Seconds(30);
  while (Reminders().empty() && absl::Now() < until) absl::SleepFor(absl::Milliseconds(100));
  std::vector<Received> r = Reminders();
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].to, kExaminerAddress);
  EXPECT_THAT(r[0].subject, HasSubstr("Pengingat batas waktu pemeriksaan"));
  EXPECT_THAT(r[0].body, HasSubstr("Yth. Agus Prasetyo"));
  EXPECT_THAT(r[0].body, HasSubstr("jatuh dalam 1 hari kerja"));
  EXPECT_THAT(r[0].body, HasSubstr(domain::DateInWords(examination->day)));
  EXPECT_THAT(r[0].message_id, HasSubstr("reminder"));
  // The job runs at least three more times: nothing new.
  absl::SleepFor(absl::Seconds(4));
  EXPECT_EQ(Reminders().size(), 1u);

  // A restart of the server: the job starts again from scratch.
  ASSERT_EQ(server_->Stop(), 0);
  auto again = testing::ServerProcess::Start(*db_, extra_args_);
  ASSERT_TRUE(again.ok()) << again.status();
  absl::SleepFor(absl::Seconds(4));
  EXPECT_EQ(Reminders().size(), 1u);
  // The summons e-mail to the employee went out once besides.
  EXPECT_EQ(Messages().size(), 2u);
}

// The PPK's daily digest of his inbox: the governor of PROV-CONTOH (a
// political PPK: no NIP, so his address is configured) gets one e-mail for
// the agency's day listing the case awaiting his decision (the provincial
// secretary's, PP94.5.a, whose lighter punishments are the PPK's: PP
// 94/2021, reference §1.2), however often the job runs.
TEST_F(NotifyE2eTest, PpkDigestReachesTheGovernorOncePerDay) {
  StartSmtp("accept");
  extra_args_ = {absl::StrCat("--smtp_url=smtp://127.0.0.1:", port_),
                 "--smtp_from=disiplin@kota-contoh.go.id",
                 "--notify_interval_seconds=1",
                 "--smtp_timeout_seconds=2",
                 "--instance_name=notify-e2e",
                 "--reminder_interval_seconds=1"};
  top_config_ =
      "notifications { digest_hour: 0 ppk_addresses { agency_code: \"PROV-CONTOH\" email: "
      "\"gubernur@prov-contoh.example.go.id\" } }";
  CaseE2eTest::SetUp();
  agency_ = "PROV-CONTOH";
  pb::Finding f;
  f.set_provision_id("PP94.5.a");
  f.set_proven(true);
  f.set_impact(pb::IMPACT_INSTANSI);
  pb::Case c = Examined("d1", "196808151993031001", f, "197111201996032002", /*team=*/true);
  auto rec = Change<pb::RecommendSanctionRequest>(c, "d1-rec");
  rec.set_recommended_on("2026-10-13");
  c = Must(&pb::CaseService::Stub::RecommendSanction, rec);
  ASSERT_EQ(c.state(), pb::CASE_STATE_RECOMMENDED);

  auto digests = [&] {
    std::vector<Received> out;
    for (Received& r : Messages()) {
      if (absl::StrContains(r.subject, "Ringkasan harian")) out.push_back(std::move(r));
    }
    return out;
  };
  const absl::Time until = absl::Now() + absl::Seconds(30);
  while (digests().empty() && absl::Now() < until) absl::SleepFor(absl::Milliseconds(100));
  std::vector<Received> d = digests();
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].to, "<gubernur@prov-contoh.example.go.id>");
  EXPECT_THAT(d[0].subject, HasSubstr("1 perkara menunggu keputusan"));
  EXPECT_THAT(d[0].body, HasSubstr("Yth. Gubernur Contoh"));
  EXPECT_THAT(d[0].body, HasSubstr("NIP 196808151993031001"));
  EXPECT_THAT(d[0].body, HasSubstr(c.register_number().empty() ? c.case_id() : c.register_number()));
  absl::SleepFor(absl::Seconds(4));
  EXPECT_EQ(digests().size(), 1u) << "one digest per agency day";
}

}  // namespace
}  // namespace discipline
