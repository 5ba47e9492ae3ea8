#ifndef DISCIPLINE_TESTS_TESTING_MARIADB_INSTANCE_H_
#define DISCIPLINE_TESTS_TESTING_MARIADB_INSTANCE_H_

// A private mariadbd of a test's own (deploy/lib/mariadb.sh under a temp
// dir), with the demo SIMPEG loaded, for tests that stop, freeze and restart
// their database. Stopped by PID in the destructor.

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "adapters/mariadb/connection.h"

namespace discipline::testing {

class MariadbInstance {
 public:
  static absl::StatusOr<std::unique_ptr<MariadbInstance>> StartWithDemoSimpeg();
  ~MariadbInstance();

  std::string socket() const { return dir_ + "/mariadb.sock"; }
  std::string simpeg_password_file() const { return dir_ + "/secrets/simpeg.pw"; }
  // Creates the case database `name` with the migration owner and the
  // service account (deploy/lib/mariadb.sh db_bootstrap); their options.
  absl::Status BootstrapCaseDatabase(const std::string& name);
  mariadb::ConnectionOptions Owner() const;
  mariadb::ConnectionOptions Service() const;
  absl::Status Stop();
  absl::Status Start();
  // SIGKILL of mariadbd (a crash); Start() brings it back.
  absl::Status Kill9();
  // The flags (and a config file of its own) that run discipline_server
  // against this instance: the case database of BootstrapCaseDatabase, the
  // demo SIMPEG, a local document store.
  std::vector<std::string> ServerArgs() const;
  // SIGSTOP / SIGCONT: a server that accepts connections but never answers.
  absl::Status Freeze();
  absl::Status Thaw();

 private:
  MariadbInstance() = default;
  absl::Status Shell(const std::string& commands);
  std::string dir_;
  std::string case_database_;
};

}  // namespace discipline::testing

#endif  // DISCIPLINE_TESTS_TESTING_MARIADB_INSTANCE_H_
