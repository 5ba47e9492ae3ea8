// db: the SIMPEG personnel adapter with the PostgreSQL driver (libpq) against
// the demo SIMPEG in the private PostgreSQL that tests/run.sh starts
// (deploy/demo/simpeg_pg.sql, the same fixtures as the MariaDB schemas), its
// riwayat hukuman disiplin read as prior punishments (law reference §2.5a,
// repeat offence), and an outage of a PostgreSQL of the test's own.

#include <fstream>

#include "absl/time/clock.h"
#include "adapters/personnel/personnel_source.h"
#include "adapters/personnel/postgres_reader.h"
#include "adapters/personnel/simpeg_directory.h"
#include "glog/logging.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/postgres_instance.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/test_db.h"

namespace discipline::personnel {
namespace {

using ::discipline::testing::PostgresInstance;
using ::discipline::testing::RequiredEnv;
using ::discipline::testing::StatusIs;

constexpr char kAndi[] = "199006052015031005";

// nip, name, rank, unit code, superior of the fixtures
// (deploy/demo/demo-personnel.csv), read without the quoted commas' care:
// the first column and the last one are enough for the comparison below.
struct Fixture {
  std::string nip, superior;
};
std::vector<Fixture> ReadFixtures() {
  std::ifstream in(std::string(DISCIPLINE_SOURCE_DIR) + "/deploy/demo/demo-personnel.csv");
  std::string line;
  std::getline(in, line);
  std::vector<Fixture> out;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    out.push_back({line.substr(0, line.find(',')), line.substr(line.rfind(',') + 1)});
  }
  return out;
}

cfg::SimpegConnection PgConnection(const std::string& socket_dir, const std::string& password_file) {
  cfg::SimpegConnection c;
  c.set_driver(cfg::SQL_DRIVER_POSTGRESQL);
  c.set_socket(socket_dir);
  c.set_database("simpeg_pg");
  c.set_user("simpeg_reader");
  c.set_password_file(password_file);
  c.set_connect_timeout_seconds(2);
  c.set_query_timeout_seconds(2);
  c.set_mapping_file(std::string(DISCIPLINE_SOURCE_DIR) + "/deploy/demo/simpeg_pg.mapping.textproto");
  return c;
}

class DemoPostgresTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto dir = RequiredEnv("DISCIPLINE_TEST_PG_SOCKET_DIR");
    auto pw = RequiredEnv("DISCIPLINE_TEST_PG_PASSWORD_FILE");
    ASSERT_TRUE(dir.ok() && pw.ok()) << dir.status() << pw.status();
    connection_ = PgConnection(*dir, *pw);
    auto d = SimpegDirectory::Create(connection_, clock_);
    ASSERT_TRUE(d.ok()) << d.status();
    dir_ = std::move(*d);
  }
  ports::SystemClock clock_;
  cfg::SimpegConnection connection_;
  std::unique_ptr<SimpegDirectory> dir_;
};

TEST_F(DemoPostgresTest, LooksUpTheFixturesWithTheirSuperiors) {
  const auto fixtures = ReadFixtures();
  ASSERT_EQ(fixtures.size(), 27u);
  for (const Fixture& f : fixtures) {
    auto e = dir_->GetEmployee(f.nip);
    ASSERT_TRUE(e.ok()) << f.nip << ": " << e.status();
    EXPECT_EQ(e->nip, f.nip);
    EXPECT_EQ(e->superior_nip, f.superior) << f.nip;
  }
  auto andi = dir_->GetEmployee(kAndi);
  ASSERT_TRUE(andi.ok()) << andi.status();
  EXPECT_EQ(andi->name, "Andi Saputra");
  EXPECT_EQ(andi->rank, "II/c");
  EXPECT_EQ(andi->position_kind, domain::PositionKind::kPelaksana);
  EXPECT_EQ(andi->employee_type, domain::EmployeeType::kPns);
  EXPECT_EQ(andi->unit_code, "KC.DISDIK.SEKR.UMPEG");
  EXPECT_EQ(andi->agency_code, "KOTA-CONTOH");
  EXPECT_EQ(andi->environment, domain::Environment::kKabupatenKota);
  EXPECT_EQ(andi->email, "199006052015031005@kota-contoh.example.go.id");
  auto chain = dir_->SuperiorChain(kAndi);
  ASSERT_TRUE(chain.ok()) << chain.status();
  std::vector<std::string> nips;
  for (const auto& e : *chain) nips.push_back(e.nip);
  EXPECT_THAT(nips, ::testing::ElementsAre("198009092005012002", "197511032000032001", "197205211998031002",
                                           "197003121996031001"));
  auto agency = dir_->GetAgency("KOTA-CONTOH");
  ASSERT_TRUE(agency.ok()) << agency.status();
  EXPECT_EQ(agency->ppk_title, "Wali Kota Contoh");
  EXPECT_EQ(agency->time_zone, "Asia/Pontianak");
}

TEST_F(DemoPostgresTest, UnknownAndMalformedNips) {
  EXPECT_THAT(dir_->GetEmployee("199901012020011001"), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(dir_->GetEmployee("1990-06-05"), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(dir_->GetAgency("NOWHERE"), StatusIs(absl::StatusCode::kNotFound));
  // A NIP that tries to be SQL is only ever a bound parameter.
  EXPECT_THAT(dir_->GetEmployee("' OR '1'='1"), StatusIs(absl::StatusCode::kInvalidArgument));
}

// The riwayat hukuman disiplin as prior punishments (law reference §2.5a:
// punishments imposed before the service was installed count; they come
// from SIMPEG's riwayat). The record with a code of no PP 94/2021
// punishment and no provision cannot count.
TEST_F(DemoPostgresTest, RiwayatHukdisIsReadAsPriorPunishments) {
  auto priors = dir_->PriorPunishments(kAndi);
  ASSERT_TRUE(priors.ok()) << priors.status();
  ASSERT_EQ(priors->size(), 1u);
  const domain::PriorPunishment& p = (*priors)[0];
  EXPECT_EQ(p.punishment, domain::Punishment::kTeguranTertulis);
  EXPECT_EQ(p.provision_id, "PP94.3.d");
  EXPECT_EQ(p.decision_number, "800/SIMPEG-PG/2025");
  EXPECT_EQ(p.decided_on, absl::CivilDay(2025, 6, 2));
  ASSERT_TRUE(p.effective_on.has_value());
  EXPECT_EQ(*p.effective_on, absl::CivilDay(2025, 6, 16));
  EXPECT_EQ(p.source, domain::PriorSource::kSimpeg);

  auto none = dir_->PriorPunishments("198009092005012002");
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_TRUE(none->empty());
}

// personnel { sql { driver: SQL_DRIVER_POSTGRESQL ... } } builds the same
// directory as simpeg { } does.
TEST_F(DemoPostgresTest, ChosenInThePersonnelConfig) {
  cfg::PersonnelSource source;
  *source.mutable_sql() = connection_;
  auto d = MakePersonnelSource(source, cfg::SiasnConnection(), nullptr, clock_);
  ASSERT_TRUE(d.ok()) << d.status();
  auto e = (*d)->GetEmployee(kAndi);
  ASSERT_TRUE(e.ok()) << e.status();
  EXPECT_EQ(e->superior_nip, "198009092005012002");
  EXPECT_THAT(DescribePersonnelSource(source), ::testing::HasSubstr("PostgreSQL"));
}

TEST_F(DemoPostgresTest, AWrongPasswordIsUnavailableNotAnAnswer) {
  const std::string pw = ::testing::TempDir() + "/wrong-pg.pw";
  std::ofstream(pw) << "not-the-password\n";
  cfg::SimpegConnection c = connection_;
  c.set_password_file(pw);
  auto d = SimpegDirectory::Create(c, clock_);
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_THAT((*d)->GetEmployee(kAndi), StatusIs(absl::StatusCode::kUnavailable));
}

TEST(PostgresPlaceholders, QuestionMarksOutsideQuotesBecomeNumberedParameters) {
  EXPECT_EQ(ToPostgresPlaceholders("SELECT a FROM t WHERE b = ?"), "SELECT a FROM t WHERE b = $1");
  EXPECT_EQ(ToPostgresPlaceholders("SELECT '?', \"a?\" FROM t WHERE b = ? AND c = ?"),
            "SELECT '?', \"a?\" FROM t WHERE b = $1 AND c = $2");
  EXPECT_EQ(ToPostgresPlaceholders("SELECT 'it''s ?' WHERE x = ?"), "SELECT 'it''s ?' WHERE x = $1");
}

// The source down: UNAVAILABLE within the timeouts (never an empty riwayat),
// and the next call after it is back answers on a fresh connection.
TEST(PostgresOutage, UnavailableWhileDownThenRecovers) {
  auto db = PostgresInstance::StartWithDemoSimpeg();
  ASSERT_TRUE(db.ok()) << db.status();
  ports::SystemClock clock;
  auto dir = SimpegDirectory::Create(PgConnection((*db)->socket_dir(), (*db)->simpeg_password_file()), clock);
  ASSERT_TRUE(dir.ok()) << dir.status();
  const std::string nip = "199303152018031005";
  ASSERT_TRUE((*dir)->GetEmployee(nip).ok());

  // A frozen server: the pooled connection's query gives up after the
  // query timeout, a new connection after the connect timeout.
  ASSERT_TRUE((*db)->Freeze().ok());
  absl::Time start = absl::Now();
  EXPECT_THAT((*dir)->GetEmployee(nip), StatusIs(absl::StatusCode::kUnavailable));
  const absl::Duration frozen = absl::Now() - start;
  LOG(INFO) << "frozen PostgreSQL answered UNAVAILABLE after " << frozen;
  EXPECT_LT(frozen, absl::Seconds(10));
  EXPECT_THAT((*dir)->PriorPunishments(kAndi), StatusIs(absl::StatusCode::kUnavailable));
  ASSERT_TRUE((*db)->Thaw().ok());

  // A stopped server.
  ASSERT_TRUE((*db)->Stop().ok());
  EXPECT_THAT((*dir)->GetEmployee(nip), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_THAT((*dir)->PriorPunishments(kAndi), StatusIs(absl::StatusCode::kUnavailable));

  // Back up: the next call reconnects.
  ASSERT_TRUE((*db)->Start().ok());
  auto e = (*dir)->GetEmployee(nip);
  ASSERT_TRUE(e.ok()) << e.status();
  EXPECT_EQ(e->name, "Arif Rahman");

  // A restart between two look-ups leaves the pooled connections dead: the
  // first look-up after it still answers.
  ASSERT_TRUE((*db)->Stop().ok());
  ASSERT_TRUE((*db)->Start().ok());
  auto priors = (*dir)->PriorPunishments(kAndi);
  ASSERT_TRUE(priors.ok()) << priors.status();
  EXPECT_EQ(priors->size(), 1u);
}

}  // namespace
}  // namespace discipline::personnel
