#include "tests/testing/test_db.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <random>

#include "absl/strings/str_cat.h"
#include "adapters/mariadb/migrations.h"
#include "service/common/status_macros.h"

namespace discipline::testing {

absl::StatusOr<std::string> RequiredEnv(const char* name) {
  const char* v = std::getenv(name);
  if (v == nullptr || *v == '\0') {
    return absl::FailedPreconditionError(
        absl::StrCat(name, " is not set: run the tests through ./tests/run.sh, which starts MariaDB"));
  }
  return std::string(v);
}

absl::StatusOr<std::unique_ptr<TestDatabase>> TestDatabase::CreateMigrated() {
  ASSIGN_OR_RETURN(std::unique_ptr<TestDatabase> db, Create());
  ASSIGN_OR_RETURN(std::unique_ptr<mariadb::Connection> owner, mariadb::Connection::Open(db->Owner()));
  RETURN_IF_ERROR(mariadb::ApplyMigrations(*owner, mariadb::BuiltinMigrations()).status());
  return db;
}

absl::StatusOr<std::unique_ptr<TestDatabase>> TestDatabase::Create() {
  std::unique_ptr<TestDatabase> db(new TestDatabase());
  ASSIGN_OR_RETURN(db->socket_, RequiredEnv("DISCIPLINE_TEST_DB_SOCKET"));
  ASSIGN_OR_RETURN(db->owner_user_, RequiredEnv("DISCIPLINE_TEST_DB_OWNER"));
  ASSIGN_OR_RETURN(db->owner_pw_file_, RequiredEnv("DISCIPLINE_TEST_DB_OWNER_PASSWORD_FILE"));
  ASSIGN_OR_RETURN(db->service_user_, RequiredEnv("DISCIPLINE_TEST_DB_SERVICE"));
  ASSIGN_OR_RETURN(db->service_pw_file_, RequiredEnv("DISCIPLINE_TEST_DB_SERVICE_PASSWORD_FILE"));
  ASSIGN_OR_RETURN(db->owner_pw_, mariadb::ReadSecretFile(db->owner_pw_file_));
  ASSIGN_OR_RETURN(db->service_pw_, mariadb::ReadSecretFile(db->service_pw_file_));
  static std::atomic<int> counter{0};
  std::random_device rd;
  db->name_ = absl::StrCat("discipline_t_", getpid(), "_", counter++, "_", rd() % 100000);
  mariadb::ConnectionOptions admin = db->Owner();
  admin.database.clear();
  ASSIGN_OR_RETURN(auto conn, mariadb::Connection::Open(admin));
  RETURN_IF_ERROR(conn->Execute(absl::StrCat("CREATE DATABASE `", db->name_, "`")));
  return db;
}

TestDatabase::~TestDatabase() {
  mariadb::ConnectionOptions admin = Owner();
  admin.database.clear();
  if (auto conn = mariadb::Connection::Open(admin); conn.ok()) {
    (void)(*conn)->Execute(absl::StrCat("DROP DATABASE IF EXISTS `", name_, "`"));
  }
}

mariadb::ConnectionOptions TestDatabase::Owner() const {
  mariadb::ConnectionOptions o;
  o.socket = socket_;
  o.user = owner_user_;
  o.password = owner_pw_;
  o.database = name_;
  o.multi_statements = true;  // migrations and test set-ups
  return o;
}

mariadb::ConnectionOptions TestDatabase::Service() const {
  mariadb::ConnectionOptions o = Owner();
  o.user = service_user_;
  o.password = service_pw_;
  o.multi_statements = false;  // as the server's own connections
  return o;
}

}  // namespace discipline::testing
