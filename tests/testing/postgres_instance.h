#ifndef DISCIPLINE_TESTS_TESTING_POSTGRES_INSTANCE_H_
#define DISCIPLINE_TESTS_TESTING_POSTGRES_INSTANCE_H_

// A private PostgreSQL of a test's own (deploy/lib/postgres.sh under a temp
// dir), with the demo SIMPEG (simpeg_pg) loaded, for tests that stop, freeze
// and restart their personnel database. Stopped by PID in the destructor.

#include <memory>
#include <string>

#include "absl/status/statusor.h"

namespace discipline::testing {

class PostgresInstance {
 public:
  static absl::StatusOr<std::unique_ptr<PostgresInstance>> StartWithDemoSimpeg();
  ~PostgresInstance();

  // The directory of its unix socket (libpq's host).
  const std::string& socket_dir() const { return dir_; }
  std::string simpeg_password_file() const { return dir_ + "/secrets/simpeg.pw"; }
  absl::Status Stop();
  absl::Status Start();
  // SIGSTOP / SIGCONT of the postmaster and its backends: a server that
  // accepts connections but never answers.
  absl::Status Freeze();
  absl::Status Thaw();

 private:
  PostgresInstance() = default;
  absl::Status Shell(const std::string& commands);
  absl::Status SignalAll(int signal);
  std::string dir_;
};

}  // namespace discipline::testing

#endif  // DISCIPLINE_TESTS_TESTING_POSTGRES_INSTANCE_H_
