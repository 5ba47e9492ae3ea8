// db: the SIMPEG personnel adapter against the two demo schemas in the real
// MariaDB (loaded from the fixtures by deploy/seed_demo.sh), bad personnel
// data in a database of the test's own, and an outage of a MariaDB of the
// test's own.

#include "adapters/personnel/simpeg_directory.h"

#include <atomic>
#include <fstream>
#include <sstream>
#include <thread>

#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "adapters/mariadb/connection.h"
#include "glog/logging.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/mariadb_instance.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/test_db.h"

namespace discipline::personnel {
namespace {

using ::discipline::testing::MariadbInstance;
using ::discipline::testing::RequiredEnv;
using ::discipline::testing::StatusIs;
using ::discipline::testing::TestDatabase;
using ::testing::HasSubstr;

struct Fixture {
  std::string nip, name, employee_type, rank, position_kind, title, unit_code, unit_name, agency, environment, superior;
};

// The fixtures' CSV (quoted fields may hold commas).
std::vector<Fixture> ReadFixtures() {
  std::ifstream in(std::string(DISCIPLINE_SOURCE_DIR) + "/deploy/demo/demo-personnel.csv");
  std::string line;
  std::getline(in, line);  // header
  std::vector<Fixture> out;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::vector<std::string> f;
    std::string cur;
    bool quoted = false;
    for (char c : line) {
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        f.push_back(cur);
        cur.clear();
      } else {
        cur.push_back(c);
      }
    }
    f.push_back(cur);
    if (f.size() == 11) out.push_back({f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10]});
  }
  return out;
}

const char* TypeName(domain::EmployeeType t) {
  switch (t) {
    case domain::EmployeeType::kPns:
      return "PNS";
    case domain::EmployeeType::kCpns:
      return "CPNS";
    case domain::EmployeeType::kPppk:
      return "PPPK";
    default:
      return "?";
  }
}

cfg::SimpegConnection DemoConnection(const std::string& socket, const std::string& password_file, char shape) {
  cfg::SimpegConnection c;
  c.set_socket(socket);
  c.set_database(std::string("simpeg_") + shape);
  c.set_user("simpeg_reader");
  c.set_password_file(password_file);
  c.set_connect_timeout_seconds(2);
  c.set_query_timeout_seconds(2);
  c.set_mapping_file(std::string(DISCIPLINE_SOURCE_DIR) + "/deploy/demo/simpeg_" + shape + ".mapping.textproto");
  return c;
}

class DemoSimpegTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto socket = RequiredEnv("DISCIPLINE_TEST_DB_SOCKET");
    auto pw = RequiredEnv("DISCIPLINE_TEST_SIMPEG_PASSWORD_FILE");
    ASSERT_TRUE(socket.ok() && pw.ok()) << socket.status() << pw.status();
    auto a = SimpegDirectory::Create(DemoConnection(*socket, *pw, 'a'), clock_);
    auto b = SimpegDirectory::Create(DemoConnection(*socket, *pw, 'b'), clock_);
    ASSERT_TRUE(a.ok()) << a.status();
    ASSERT_TRUE(b.ok()) << b.status();
    a_ = std::move(*a);
    b_ = std::move(*b);
  }
  ports::SystemClock clock_;
  std::unique_ptr<SimpegDirectory> a_, b_;
};

TEST_F(DemoSimpegTest, BothSchemasAnswerTheFixturesExactly) {
  const auto fixtures = ReadFixtures();
  ASSERT_EQ(fixtures.size(), 27u);
  for (const Fixture& f : fixtures) {
    for (SimpegDirectory* dir : {a_.get(), b_.get()}) {
      auto e = dir->GetEmployee(f.nip);
      ASSERT_TRUE(e.ok()) << f.nip << ": " << e.status();
      EXPECT_EQ(e->nip, f.nip);
      EXPECT_EQ(e->name, f.name);
      EXPECT_EQ(TypeName(e->employee_type), f.employee_type) << f.nip;
      EXPECT_EQ(e->rank, f.rank) << f.nip << " (the latest rank by TMT)";
      EXPECT_EQ(domain::Name(e->position_kind), f.position_kind) << f.nip;
      EXPECT_EQ(e->position_title, f.title) << f.nip;
      EXPECT_EQ(e->unit_code, f.unit_code);
      EXPECT_EQ(e->unit_name, f.unit_name);
      EXPECT_EQ(e->agency_code, f.agency);
      EXPECT_EQ(domain::Name(e->environment), f.environment);
      EXPECT_EQ(e->superior_nip, f.superior) << f.nip << " in " << dir->employee_sql();
    }
  }
}

TEST_F(DemoSimpegTest, SuperiorChainsAgree) {
  for (const Fixture& f : ReadFixtures()) {
    auto ca = a_->SuperiorChain(f.nip);
    auto cb = b_->SuperiorChain(f.nip);
    ASSERT_TRUE(ca.ok() && cb.ok()) << ca.status() << cb.status();
    ASSERT_EQ(ca->size(), cb->size()) << f.nip;
    for (size_t i = 0; i < ca->size(); ++i) EXPECT_EQ((*ca)[i].nip, (*cb)[i].nip);
  }
  // A pelaksana of the city's education office: 4 superiors up to the
  // regional secretary.
  auto chain = b_->SuperiorChain("199006052015031005");
  ASSERT_TRUE(chain.ok());
  std::vector<std::string> nips;
  for (const auto& e : *chain) nips.push_back(e.nip);
  EXPECT_THAT(nips, ::testing::ElementsAre("198009092005012002", "197511032000032001", "197205211998031002",
                                           "197003121996031001"));
}

// The notifications' address comes from the personnel source: shape A maps
// pegawai.email (mapping field `email`); shape B has none.
TEST_F(DemoSimpegTest, EmailAddressFromTheMapping) {
  auto a = a_->GetEmployee("199006052015031005");
  auto b = b_->GetEmployee("199006052015031005");
  ASSERT_TRUE(a.ok() && b.ok()) << a.status() << b.status();
  EXPECT_EQ(a->email, "199006052015031005@kota-contoh.example.go.id");
  EXPECT_EQ(b->email, "");
}

TEST_F(DemoSimpegTest, AgencyCarriesItsPpk) {
  auto a = a_->GetAgency("KOTA-CONTOH");
  auto b = b_->GetAgency("KOTA-CONTOH");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->ppk_title, "Wali Kota Contoh");
  EXPECT_EQ(b->ppk_name, "H. Darmawan Saleh");
  EXPECT_EQ(a->environment, domain::Environment::kKabupatenKota);
  EXPECT_EQ(b->time_zone, "Asia/Pontianak");
  EXPECT_THAT(a_->GetAgency("NOWHERE"), StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(DemoSimpegTest, BadNipsAreReported) {
  EXPECT_THAT(a_->GetEmployee("19900605201503100"), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(b_->GetEmployee("1990-06-05"), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(a_->GetEmployee("199901012020011001"), StatusIs(absl::StatusCode::kNotFound));
  auto spaced = b_->GetEmployee("19900605 201503 1 005");
  ASSERT_TRUE(spaced.ok()) << spaced.status();
  EXPECT_EQ(spaced->name, "Andi Saputra");
}

// Bad personnel data in a shape-A database of the test's own.
class BadSimpegDataTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = TestDatabase::Create();
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = std::move(*db);
    auto conn = mariadb::Connection::Open(db_->Owner());
    ASSERT_TRUE(conn.ok());
    ASSERT_TRUE((*conn)
                    ->Execute(R"sql(
      CREATE TABLE instansi (kode VARCHAR(32), nama VARCHAR(64), lingkungan VARCHAR(8), ppk_jabatan VARCHAR(64),
                             ppk_nama VARCHAR(64), zona_waktu VARCHAR(64), ppk_nip CHAR(18));
      CREATE TABLE unor (id INT, kode VARCHAR(64), nama VARCHAR(64), kode_instansi VARCHAR(32));
      CREATE TABLE jabatan (id INT, nama VARCHAR(64), jenis VARCHAR(8), id_bos INT, id_unor INT);
      CREATE TABLE pegawai (nip_baru CHAR(18), nama VARCHAR(64), status_kepegawaian VARCHAR(8), gol_ruang VARCHAR(8),
                            id_jabatan INT);
      INSERT INTO instansi VALUES ('X', 'Instansi X', 'D2', 'Bupati X', 'Fulan', 'Asia/Jakarta', '199004042015031004');
      INSERT INTO unor VALUES (1, 'X.1', 'Unit 1', 'X');
      -- positions 1 and 2 point at each other: a cycle with nobody holding either
      INSERT INTO jabatan VALUES (1, 'Kepala', 'JPTP', 2, 1), (2, 'Wakil', 'JPTP', 1, 1), (3, 'Staf', 'PLK', 1, 1),
                                 (4, 'Aneh', 'ZZZ', NULL, 1);
      INSERT INTO jabatan VALUES (5, 'Staf lain', 'PLK', 6, 1), (6, 'Kabag', 'ADM', NULL, 1);
      INSERT INTO pegawai VALUES ('199001012015031001', 'Dua Kali', 'PNS', 'III/a', 5),
                                 ('199001012015031001', 'Dua Kali (salah entri)', 'PNS', 'III/a', 5),
                                 ('199002022015031002', 'Staf', 'PNS', 'II/a', 3),
                                 ('199003032015031003', 'Kode aneh', 'PNS', 'II/a', 4),
                                 ('199004042015031004', 'Kabag Satu', 'PNS', 'III/d', 6),
                                 ('199005052015031005', 'Kabag Dua', 'PNS', 'III/d', 6),
                                 ('199006062015031006', 'Staf lain', 'PNS', 'II/b', 5);
      -- The demo mapping reads SIASN's person id too.
      ALTER TABLE pegawai ADD COLUMN pns_id VARCHAR(64) NULL;
      -- And the employee's e-mail address (for notifications).
      ALTER TABLE pegawai ADD COLUMN email VARCHAR(255) NULL;
    )sql")
                    .ok());
    cfg::SimpegConnection c;
    c.set_socket(db_->socket());
    c.set_database(db_->name());
    c.set_user(db_->owner_user());
    c.set_password_file(db_->owner_password_file());
    c.set_mapping_file(std::string(DISCIPLINE_SOURCE_DIR) + "/deploy/demo/simpeg_a.mapping.textproto");
    auto dir = SimpegDirectory::Create(c, clock_);
    ASSERT_TRUE(dir.ok()) << dir.status();
    dir_ = std::move(*dir);
  }
  std::unique_ptr<TestDatabase> db_;
  ports::SystemClock clock_;
  std::unique_ptr<SimpegDirectory> dir_;
};

TEST_F(BadSimpegDataTest, AmbiguousNip) {
  EXPECT_THAT(dir_->GetEmployee("199001012015031001"),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("ambiguous")));
}

TEST_F(BadSimpegDataTest, CycleInTheSuperiorChain) {
  EXPECT_THAT(dir_->GetEmployee("199002022015031002"),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("cycle")));
}

TEST_F(BadSimpegDataTest, UnclassifiablePositionKind) {
  EXPECT_THAT(dir_->GetEmployee("199003032015031003"),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("'ZZZ'")));
}

TEST_F(BadSimpegDataTest, TwoHoldersOfTheSuperiorPosition) {
  EXPECT_THAT(dir_->GetEmployee("199006062015031006"),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("2 holders")));
}

// An agency whose PPK is one of its own civil servants names that NIP (the
// mapping's optional seventh agency column): that employee's cases go to the
// President (PP 94/2021, reference §1.2).
TEST_F(BadSimpegDataTest, PpkNipMarksTheEmployeeWhoIsThePpk) {
  std::ifstream in(std::string(DISCIPLINE_SOURCE_DIR) + "/deploy/demo/simpeg_a.mapping.textproto");
  std::stringstream text;
  text << in.rdbuf();
  std::string mapping = text.str();
  const std::string from = "zona_waktu FROM instansi";
  ASSERT_NE(mapping.find(from), std::string::npos);
  mapping.replace(mapping.find(from), from.size(), "zona_waktu, ppk_nip FROM instansi");
  const std::string path = ::testing::TempDir() + "/simpeg_ppk_nip.mapping.textproto";
  std::ofstream(path) << mapping;
  cfg::SimpegConnection c;
  c.set_socket(db_->socket());
  c.set_database(db_->name());
  c.set_user(db_->owner_user());
  c.set_password_file(db_->owner_password_file());
  c.set_mapping_file(path);
  auto dir = SimpegDirectory::Create(c, clock_);
  ASSERT_TRUE(dir.ok()) << dir.status();
  auto ppk = (*dir)->GetEmployee("199004042015031004");
  ASSERT_TRUE(ppk.ok()) << ppk.status();
  EXPECT_TRUE(ppk->is_ppk);
  auto other = (*dir)->GetEmployee("199005052015031005");
  ASSERT_TRUE(other.ok()) << other.status();
  EXPECT_FALSE(other->is_ppk);
  // Without the column (the demo mapping) nobody is the PPK.
  auto plain = dir_->GetEmployee("199004042015031004");
  ASSERT_TRUE(plain.ok()) << plain.status();
  EXPECT_FALSE(plain->is_ppk);
}

TEST_F(BadSimpegDataTest, AgencyOutsideTheThreeIndonesianZonesIsBadData) {
  auto conn = mariadb::Connection::Open(db_->Owner());
  ASSERT_TRUE(conn.ok());
  ASSERT_TRUE((*conn)->Execute("UPDATE instansi SET zona_waktu = 'Europe/Paris'").ok());
  EXPECT_THAT(dir_->GetAgency("X"), StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("Indonesian zone")));
}

// Look-ups do not wait for each other: while one is blocked on a locked
// table, a look-up of another table answers (no lock is held across I/O).
TEST_F(BadSimpegDataTest, LookUpsRunConcurrently) {
  auto locker = mariadb::Connection::Open(db_->Owner());
  ASSERT_TRUE(locker.ok()) << locker.status();
  ASSERT_TRUE((*locker)->Execute("LOCK TABLES pegawai WRITE").ok());
  std::atomic<bool> employee_done{false};
  std::thread blocked([&] {
    (void)dir_->GetEmployee("199004042015031004");
    employee_done = true;
  });
  // Give the employee look-up time to reach the locked table.
  absl::SleepFor(absl::Milliseconds(300));
  auto agency = dir_->GetAgency("X");
  const bool employee_was_done = employee_done.load();
  ASSERT_TRUE((*locker)->Execute("UNLOCK TABLES").ok());
  blocked.join();
  ASSERT_TRUE(agency.ok()) << agency.status();
  EXPECT_FALSE(employee_was_done) << "the employee look-up should still have been waiting for the lock";
  EXPECT_EQ(agency->name, "Instansi X");
}

// The riwayat hukuman disiplin from a MariaDB SIMPEG, read as prior
// punishments (law reference §2.5a: punishments imposed before the service
// was installed count, from SIMPEG's riwayat): the mapping's history query,
// its punishment codes; a record of an unmapped code or without a PP 94/2021
// provision cannot count.
TEST_F(BadSimpegDataTest, RiwayatHukdisFromTheMappingsHistory) {
  auto conn = mariadb::Connection::Open(db_->Owner());
  ASSERT_TRUE(conn.ok());
  ASSERT_TRUE((*conn)
                  ->Execute(R"sql(
      CREATE TABLE rw_hukdis (nip CHAR(18), kode VARCHAR(8), pasal VARCHAR(32), no_sk VARCHAR(64), tgl_sk DATE,
                              tmt DATE);
      INSERT INTO rw_hukdis VALUES
        ('199002022015031002', '2', 'PP94.3.f', '800/1/2024', '2024-02-01', '2024-02-15'),
        ('199002022015031002', '3', 'PP94.5.a', '800/2/2025', '2025-03-01', NULL),
        ('199002022015031002', '99', 'PP94.3.f', '800/3/2025', '2025-04-01', NULL),
        ('199002022015031002', '1', NULL, '800/4/2025', '2025-05-01', NULL);
    )sql")
                  .ok());
  std::ifstream in(std::string(DISCIPLINE_SOURCE_DIR) + "/deploy/demo/simpeg_a.mapping.textproto");
  std::stringstream text;
  text << in.rdbuf();
  const std::string path = ::testing::TempDir() + "/simpeg_history.mapping.textproto";
  std::ofstream(path)
      << text.str()
      << "history { query: \"SELECT kode, pasal, no_sk, tgl_sk, tmt FROM rw_hukdis WHERE nip = ? ORDER BY tgl_sk\""
         " punishments { source: \"1\" punishment: PUNISHMENT_TEGURAN_LISAN }"
         " punishments { source: \"2\" punishment: PUNISHMENT_TEGURAN_TERTULIS }"
         " punishments { source: \"3\" punishment: PUNISHMENT_PERNYATAAN_TIDAK_PUAS } }\n";
  cfg::SimpegConnection c;
  c.set_socket(db_->socket());
  c.set_database(db_->name());
  c.set_user(db_->owner_user());
  c.set_password_file(db_->owner_password_file());
  c.set_mapping_file(path);
  auto dir = SimpegDirectory::Create(c, clock_);
  ASSERT_TRUE(dir.ok()) << dir.status();
  auto priors = (*dir)->PriorPunishments("19900202 201503 1 002");
  ASSERT_TRUE(priors.ok()) << priors.status();
  ASSERT_EQ(priors->size(), 2u);
  EXPECT_EQ((*priors)[0].punishment, domain::Punishment::kTeguranTertulis);
  EXPECT_EQ((*priors)[0].provision_id, "PP94.3.f");
  EXPECT_EQ((*priors)[0].decision_number, "800/1/2024");
  EXPECT_EQ((*priors)[0].decided_on, absl::CivilDay(2024, 2, 1));
  EXPECT_EQ((*priors)[0].effective_on, std::optional<absl::CivilDay>(absl::CivilDay(2024, 2, 15)));
  EXPECT_EQ((*priors)[0].source, domain::PriorSource::kSimpeg);
  EXPECT_EQ((*priors)[1].punishment, domain::Punishment::kPernyataanTidakPuas);
  EXPECT_FALSE((*priors)[1].effective_on.has_value());
  // Without a history in the mapping the source keeps none.
  auto none = dir_->PriorPunishments("199002022015031002");
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_TRUE(none->empty());
}

TEST(SimpegMapping, HistoryNeedsItsQueryAndPunishmentCodes) {
  auto m = LoadSimpegMapping(std::string(DISCIPLINE_SOURCE_DIR) + "/deploy/demo/simpeg_pg.mapping.textproto");
  ASSERT_TRUE(m.ok()) << m.status();
  cfg::SimpegMapping no_codes = *m;
  no_codes.mutable_history()->clear_punishments();
  EXPECT_THAT(ValidateSimpegMapping(no_codes),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("history.punishments")));
  cfg::SimpegMapping no_query = *m;
  no_query.mutable_history()->clear_query();
  EXPECT_THAT(ValidateSimpegMapping(no_query),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("history.query")));
}

TEST(SimpegMapping, IncompleteMappingIsRefused) {
  cfg::SimpegMapping m;
  m.set_from("pegawai p");
  EXPECT_THAT(ValidateSimpegMapping(m), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("fields.nip")));
}

TEST(SimpegOutage, UnavailableWhileDownThenRecovers) {
  auto db = MariadbInstance::StartWithDemoSimpeg();
  ASSERT_TRUE(db.ok()) << db.status();
  ports::SystemClock clock;
  auto dir = SimpegDirectory::Create(DemoConnection((*db)->socket(), (*db)->simpeg_password_file(), 'a'), clock);
  ASSERT_TRUE(dir.ok()) << dir.status();
  const std::string nip = "199303152018031005";
  ASSERT_TRUE((*dir)->GetEmployee(nip).ok());

  // A frozen server: the call gives up after the query timeout.
  ASSERT_TRUE((*db)->Freeze().ok());
  absl::Time start = absl::Now();
  EXPECT_THAT((*dir)->GetEmployee(nip), StatusIs(absl::StatusCode::kUnavailable));
  LOG(INFO) << "frozen SIMPEG answered UNAVAILABLE after " << absl::Now() - start;
  ASSERT_TRUE((*db)->Thaw().ok());

  // A stopped server.
  ASSERT_TRUE((*db)->Stop().ok());
  start = absl::Now();
  EXPECT_THAT((*dir)->GetEmployee(nip), StatusIs(absl::StatusCode::kUnavailable));
  LOG(INFO) << "stopped SIMPEG answered UNAVAILABLE after " << absl::Now() - start;

  // Back up: the next call reconnects.
  ASSERT_TRUE((*db)->Start().ok());
  auto e = (*dir)->GetEmployee(nip);
  ASSERT_TRUE(e.ok()) << e.status();
  EXPECT_EQ(e->name, "Arif Rahman");

  // A restart between two look-ups leaves pooled connections dead ("gone
  // away", 2006): the first look-up after it still answers, on a fresh
  // connection.
  ASSERT_TRUE((*db)->Stop().ok());
  ASSERT_TRUE((*db)->Start().ok());
  auto after_restart = (*dir)->GetEmployee(nip);
  ASSERT_TRUE(after_restart.ok()) << after_restart.status();
  EXPECT_EQ(after_restart->name, "Arif Rahman");
}

// The caches are bounded (cache_max_entries): past it the entry that
// expires soonest goes, and answers stay right.
TEST_F(DemoSimpegTest, CachesAreBounded) {
  auto socket = RequiredEnv("DISCIPLINE_TEST_DB_SOCKET");
  auto pw = RequiredEnv("DISCIPLINE_TEST_SIMPEG_PASSWORD_FILE");
  ASSERT_TRUE(socket.ok() && pw.ok());
  cfg::SimpegConnection c = DemoConnection(*socket, *pw, 'a');
  c.set_cache_ttl_seconds(3600);
  c.set_cache_max_entries(3);
  auto dir = SimpegDirectory::Create(c, clock_);
  ASSERT_TRUE(dir.ok()) << dir.status();
  const auto fixtures = ReadFixtures();
  ASSERT_GE(fixtures.size(), 10u);
  for (const Fixture& f : fixtures) {
    auto e = (*dir)->GetEmployee(f.nip);
    ASSERT_TRUE(e.ok()) << f.nip << ": " << e.status();
    EXPECT_EQ(e->name, f.name);
    // Three employees and at most three agencies.
    EXPECT_LE((*dir)->cached_entries(), 6u);
  }
}

}  // namespace
}  // namespace discipline::personnel
