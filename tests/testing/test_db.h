#ifndef DISCIPLINE_TESTS_TESTING_TEST_DB_H_
#define DISCIPLINE_TESTS_TESTING_TEST_DB_H_

// The MariaDB that tests/run.sh started, found through DISCIPLINE_TEST_DB_*
// environment variables. A db or e2e test that finds none fails (never skips).
// Each TestDatabase is a fresh database of its own, dropped at the end.

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "adapters/mariadb/connection.h"

namespace discipline::testing {

class TestDatabase {
 public:
  // FAILED_PRECONDITION naming the missing variable when there is no test
  // database.
  static absl::StatusOr<std::unique_ptr<TestDatabase>> Create();
  // Create, then the service's built-in migrations applied by the owner.
  static absl::StatusOr<std::unique_ptr<TestDatabase>> CreateMigrated();
  ~TestDatabase();

  const std::string& name() const { return name_; }
  const std::string& socket() const { return socket_; }
  // The migration owner and the least-privilege service account.
  mariadb::ConnectionOptions Owner() const;
  mariadb::ConnectionOptions Service() const;
  std::string owner_user() const { return owner_user_; }
  std::string owner_password_file() const { return owner_pw_file_; }
  std::string service_user() const { return service_user_; }
  std::string service_password_file() const { return service_pw_file_; }

 private:
  TestDatabase() = default;
  std::string name_, socket_, owner_user_, owner_pw_file_, owner_pw_, service_user_, service_pw_file_, service_pw_;
};

// The value of an environment variable, or FAILED_PRECONDITION.
absl::StatusOr<std::string> RequiredEnv(const char* name);

}  // namespace discipline::testing

#endif  // DISCIPLINE_TESTS_TESTING_TEST_DB_H_
