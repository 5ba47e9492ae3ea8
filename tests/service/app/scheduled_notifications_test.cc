// unit: the scheduled notifications (service/app/scheduled_notifications.h)
// over in-memory ports and a fixed clock: the deadline reminder on the N-th
// working day before a deadline, to its owner, enqueued once however often
// the job runs; the PPK's digest once per agency day, from his local hour.

#include "service/app/scheduled_notifications.h"

#include <map>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/rules.h"

namespace discipline::app {
namespace {

using ::discipline::testing::BuiltinRules;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

absl::CivilDay D(int y, int m, int d) { return absl::CivilDay(y, m, d); }

constexpr char kExaminer[] = "197802142003121003";

// The listing the jobs use: ListCases's overdue_only and state filters.
class ListedCases final : public ports::CaseRepository {
 public:
  std::vector<domain::Case> cases;

  absl::StatusOr<ports::CasePage> List(const ports::CaseFilter& f) override {
    ports::CasePage page;
    for (const domain::Case& c : cases) {
      if (c.case_id <= f.after_case_id) continue;
      if (f.overdue_only && !(domain::NextDue(c).has_value() && *domain::NextDue(c) < f.today)) continue;
      if (f.state != domain::CaseState::kUnspecified && c.state != f.state) continue;
      page.cases.push_back(c);
    }
    return page;
  }
  absl::StatusOr<domain::Case> Create(const domain::Case&, const ports::AuditEntry&,
                                      const ports::IdempotencyKey&) override {
    return No();
  }
  absl::StatusOr<domain::Case> CreateRelated(const domain::Case&, const ports::AuditEntry&,
                                             const ports::IdempotencyKey&, const domain::Case&,
                                             const ports::AuditEntry&) override {
    return No();
  }
  absl::StatusOr<domain::Case> Update(const domain::Case&, const ports::AuditEntry&,
                                      const ports::IdempotencyKey&) override {
    return No();
  }
  absl::StatusOr<domain::Case> UpdateMany(const std::vector<std::pair<domain::Case, ports::AuditEntry>>&,
                                          const ports::IdempotencyKey&) override {
    return No();
  }
  absl::StatusOr<std::optional<domain::Case>> FindByRequestId(const ports::IdempotencyKey&) override { return No(); }
  absl::StatusOr<domain::Case> Get(const std::string&) override { return No(); }
  absl::StatusOr<std::vector<domain::Case>> DecidedCasesOf(const std::string&) override { return No(); }
  absl::StatusOr<std::vector<domain::Case>> CasesOfEmployee(const std::string&) override { return No(); }
  absl::StatusOr<std::vector<domain::PriorPunishment>> PriorPunishmentsOf(const std::string&) override { return No(); }
  absl::StatusOr<std::vector<domain::Case>> FollowUpsDue(absl::CivilDay, int) override { return No(); }
  absl::StatusOr<std::vector<domain::AuditEvent>> History(const std::string&, int64_t, int) override { return No(); }
  absl::StatusOr<ports::VerifyResult> Verify(const std::string&) override { return No(); }
  absl::StatusOr<std::string> ReadReporter(const std::string&, const ports::AuditEntry&, absl::Time) override {
    return No();
  }
  absl::Status RecordRead(const std::string&, const ports::AuditEntry&, absl::Time) override { return No(); }

 private:
  static absl::Status No() { return absl::UnimplementedError("not used by the scheduled jobs"); }
};

class People final : public ports::PersonnelDirectory {
 public:
  absl::StatusOr<domain::EmployeeSnapshot> GetEmployee(const std::string& nip) override {
    domain::EmployeeSnapshot e;
    e.nip = nip;
    e.name = "Pemeriksa " + nip;
    if (nip == kExaminer) e.email = "pemeriksa@kota-contoh.example.go.id";
    return e;
  }
  absl::StatusOr<std::vector<domain::EmployeeSnapshot>> SuperiorChain(const std::string&, int) override {
    return std::vector<domain::EmployeeSnapshot>{};
  }
  absl::StatusOr<domain::Agency> GetAgency(const std::string& code) override {
    domain::Agency a;
    a.code = code;
    a.name = "Pemerintah Kota Contoh";
    a.ppk_title = "Wali Kota Contoh";
    a.time_zone = "Asia/Jakarta";
    return a;
  }
};

// The outbox's key rule: a key already there is left as it is.
class MemoryOutbox final : public ports::NotificationOutbox {
 public:
  std::map<std::string, ports::Notification> rows;
  absl::StatusOr<int> Enqueue(const std::vector<ports::Notification>& ns) override {
    int added = 0;
    for (const auto& n : ns) added += rows.emplace(n.key, n).second ? 1 : 0;
    return added;
  }
  absl::StatusOr<std::vector<ports::Notification>> DueNotifications(int) override {
    return std::vector<ports::Notification>{};
  }
  absl::Status MarkSending(const ports::Notification&) override { return absl::OkStatus(); }
  absl::Status MarkSent(const ports::Notification&) override { return absl::OkStatus(); }
  absl::Status MarkFailed(const ports::Notification&, const std::string&, bool, bool, absl::Duration) override {
    return absl::OkStatus();
  }
};

class FixedClock final : public ports::Clock {
 public:
  absl::Time now;
  absl::Time Now() const override { return now; }
};

// `hour`:00 WIB (UTC+7) on `day`.
absl::Time Wib(absl::CivilDay day, int hour) {
  return absl::FromCivil(absl::CivilHour(day.year(), day.month(), day.day(), hour), absl::FixedTimeZone(7 * 3600));
}

class ScheduledNotificationsTest : public ::testing::Test {
 protected:
  ScheduledNotifications Jobs(ScheduleSettings settings = {}) {
    return ScheduledNotifications(
        {cases_, people_, outbox_, BuiltinRules().calendar, clock_, domain::DefaultPolicy(), std::move(settings)});
  }
  // A case whose examination (PP 94/2021 Pasal 26 ayat (2)) falls on `due`.
  void Summoned(const std::string& id, absl::CivilDay due) {
    domain::Case c;
    c.case_id = id;
    c.register_number = "REG/" + id;
    c.agency_code = "KOTA-CONTOH";
    c.agency_time_zone = "Asia/Jakarta";
    c.state = domain::CaseState::kSummoned;
    c.employee.nip = "199006052015031005";
    c.employee.name = "Andi Saputra";
    domain::Summons s;
    s.sequence = 1;
    s.examination_on = due;
    s.examiner_nips = {kExaminer};
    c.summonses.push_back(s);
    c.open_deadlines.push_back({"examination", due, "", "PP 94/2021 Pasal 26 ayat (2)"});
    cases_.cases.push_back(c);
  }
  // A case recommended for a punishment the PPK imposes.
  void AwaitingPpk(const std::string& id) {
    domain::Case c;
    c.case_id = id;
    c.register_number = "REG/" + id;
    c.agency_code = "KOTA-CONTOH";
    c.agency_time_zone = "Asia/Jakarta";
    c.state = domain::CaseState::kRecommended;
    c.employee.nip = "199006052015031005";
    c.employee.name = "Andi Saputra";
    c.recommendation.emplace();
    c.recommendation->authority.role = domain::AuthorityRole::kPpk;
    cases_.cases.push_back(c);
  }

  ListedCases cases_;
  People people_;
  MemoryOutbox outbox_;
  FixedClock clock_;
};

// Due Friday 16 Oct 2026, N = 2: not on Tuesday 13 Oct, once from Wednesday
// 14 Oct (the 2nd working day before it), however often the job runs.
TEST_F(ScheduledNotificationsTest, ReminderOnTheSecondWorkingDayBeforeAndOnlyOnce) {
  Summoned("c-1", D(2026, 10, 16));
  clock_.now = Wib(D(2026, 10, 13), 9);
  auto run = Jobs().RemindDeadlines();
  ASSERT_TRUE(run.ok()) << run.status();
  EXPECT_EQ(run->enqueued, 0);
  EXPECT_THAT(outbox_.rows, IsEmpty());

  clock_.now = Wib(D(2026, 10, 14), 9);
  run = Jobs().RemindDeadlines();
  ASSERT_TRUE(run.ok()) << run.status();
  EXPECT_EQ(run->enqueued, 1);
  ASSERT_THAT(outbox_.rows, SizeIs(1));
  const ports::Notification& n = outbox_.rows.begin()->second;
  EXPECT_EQ(n.key, "reminder:c-1:examination:2026-10-16:197802142003121003:email");
  EXPECT_EQ(n.kind, "deadline_reminder");
  EXPECT_EQ(n.recipient, "pemeriksa@kota-contoh.example.go.id");
  EXPECT_THAT(n.subject, HasSubstr("Pengingat batas waktu pemeriksaan"));
  EXPECT_THAT(n.body, HasSubstr("dalam 2 hari kerja"));
  EXPECT_THAT(n.body, HasSubstr("Jumat, 16 Oktober 2026"));

  // Again the same day, and the next day: nothing new.
  run = Jobs().RemindDeadlines();
  ASSERT_TRUE(run.ok());
  EXPECT_EQ(run->enqueued, 0);
  EXPECT_EQ(run->already, 1);
  clock_.now = Wib(D(2026, 10, 15), 9);
  run = Jobs().RemindDeadlines();
  ASSERT_TRUE(run.ok());
  EXPECT_EQ(run->enqueued, 0);
  EXPECT_THAT(outbox_.rows, SizeIs(1));
}

// The agency's day, not UTC's: 18:00 UTC on 13 Oct is 01:00 WIB on 14 Oct,
// the reminder day of a deadline due on 16 Oct.
TEST_F(ScheduledNotificationsTest, TheAgencyDayDecides) {
  Summoned("c-1", D(2026, 10, 16));
  clock_.now = absl::FromCivil(absl::CivilHour(2026, 10, 13, 18), absl::UTCTimeZone());
  auto run = Jobs().RemindDeadlines();
  ASSERT_TRUE(run.ok()) << run.status();
  EXPECT_EQ(run->enqueued, 1);
}

// Over the Nyepi and Idul Fitri 2026 days off (SKB 2026: 18-20 and 23-24 Mar
// off): an examination on Wednesday 25 Mar is reminded from Monday 16 Mar.
TEST_F(ScheduledNotificationsTest, HolidaysMoveTheReminderEarlier) {
  Summoned("c-1", D(2026, 3, 25));
  clock_.now = Wib(D(2026, 3, 13), 9);
  ASSERT_EQ(Jobs().RemindDeadlines()->enqueued, 0);
  clock_.now = Wib(D(2026, 3, 16), 9);
  ASSERT_EQ(Jobs().RemindDeadlines()->enqueued, 1);
}

// N is configured: with 5, due 16 Oct 2026 is reminded from Friday 9 Oct.
TEST_F(ScheduledNotificationsTest, TheNumberOfWorkingDaysIsConfigured) {
  Summoned("c-1", D(2026, 10, 16));
  ScheduleSettings five;
  five.reminder_working_days = 5;
  clock_.now = Wib(D(2026, 10, 8), 9);
  EXPECT_EQ(Jobs(five).RemindDeadlines()->enqueued, 0);
  clock_.now = Wib(D(2026, 10, 9), 9);
  EXPECT_EQ(Jobs(five).RemindDeadlines()->enqueued, 1);
}

// The PPK's digest: one per agency day, listing every case awaiting his
// decision; nothing before the digest hour; a new one the next day.
TEST_F(ScheduledNotificationsTest, PpkDigestOncePerAgencyDay) {
  AwaitingPpk("c-1");
  AwaitingPpk("c-2");
  Summoned("c-3", D(2026, 10, 16));  // not awaiting a decision
  ScheduleSettings settings;
  settings.ppk_email["KOTA-CONTOH"] = "walikota@kota-contoh.example.go.id";
  clock_.now = Wib(D(2026, 10, 14), 6);
  auto run = Jobs(settings).SendPpkDigests();
  ASSERT_TRUE(run.ok()) << run.status();
  EXPECT_THAT(outbox_.rows, IsEmpty()) << "06:00 is before the digest hour (07:00)";

  clock_.now = Wib(D(2026, 10, 14), 7);
  run = Jobs(settings).SendPpkDigests();
  ASSERT_TRUE(run.ok()) << run.status();
  EXPECT_EQ(run->enqueued, 1);
  clock_.now = Wib(D(2026, 10, 14), 15);
  EXPECT_EQ(Jobs(settings).SendPpkDigests()->enqueued, 0);
  ASSERT_THAT(outbox_.rows, SizeIs(1));
  const ports::Notification& n = outbox_.rows.at("digest:KOTA-CONTOH:2026-10-14:email");
  EXPECT_EQ(n.kind, "ppk_digest");
  EXPECT_EQ(n.recipient, "walikota@kota-contoh.example.go.id");
  EXPECT_THAT(n.subject, HasSubstr("2 perkara menunggu keputusan"));
  EXPECT_THAT(n.body, HasSubstr("Yth. Wali Kota Contoh"));
  EXPECT_THAT(n.body, HasSubstr("REG/c-1 - Andi Saputra (NIP 199006052015031005)"));
  EXPECT_THAT(n.body, HasSubstr("REG/c-2"));
  EXPECT_THAT(n.body, ::testing::Not(HasSubstr("REG/c-3")));

  clock_.now = Wib(D(2026, 10, 15), 8);
  EXPECT_EQ(Jobs(settings).SendPpkDigests()->enqueued, 1);
  EXPECT_THAT(outbox_.rows, SizeIs(2));
}

// A political PPK without a configured address gets no digest (and the
// run says so) rather than a message to nowhere.
TEST_F(ScheduledNotificationsTest, NoAddressNoDigest) {
  AwaitingPpk("c-1");
  clock_.now = Wib(D(2026, 10, 14), 9);
  auto run = Jobs().SendPpkDigests();
  ASSERT_TRUE(run.ok());
  EXPECT_EQ(run->enqueued, 0);
  EXPECT_EQ(run->no_address, 1);
}

}  // namespace
}  // namespace discipline::app
