#ifndef DISCIPLINE_TESTS_TESTING_MARIADB_INSTANCE_H_
#define DISCIPLINE_TESTS_TESTING_MARIADB_INSTANCE_H_

// A private mariadbd of a test's own (deploy/lib/mariadb.sh under a temp
// dir), with the demo SIMPEG loaded, for tests that stop, freeze and restart
// their database. Stopped by PID in the destructor.

#include <memory>
#include <string>

#include "absl/status/statusor.h"

namespace discipline::testing {

class MariadbInstance {
 public:
  static absl::StatusOr<std::unique_ptr<MariadbInstance>> StartWithDemoSimpeg();
  ~MariadbInstance();

  std::string socket() const { return dir_ + "/mariadb.sock"; }
  std::string simpeg_password_file() const { return dir_ + "/secrets/simpeg.pw"; }
  absl::Status Stop();
  absl::Status Start();
  // SIGSTOP / SIGCONT: a server that accepts connections but never answers.
  absl::Status Freeze();
  absl::Status Thaw();

 private:
  MariadbInstance() = default;
  absl::Status Shell(const std::string& commands);
  std::string dir_;
};

}  // namespace discipline::testing

#endif  // DISCIPLINE_TESTS_TESTING_MARIADB_INSTANCE_H_
