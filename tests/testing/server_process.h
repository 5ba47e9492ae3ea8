#ifndef DISCIPLINE_TESTS_TESTING_SERVER_PROCESS_H_
#define DISCIPLINE_TESTS_TESTING_SERVER_PROCESS_H_

// The real discipline_server binary ($DISCIPLINE_SERVER_BIN) as a child
// process on port 0 against a TestDatabase, for e2e tests and the load
// client. The destructor stops it with SIGTERM (SIGKILL after 15 s).

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>
#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "adapters/identity/demo_issuer.h"
#include "tests/testing/test_db.h"

namespace discipline::testing {

// The demo issuer tests/run.sh created ($DISCIPLINE_TEST_ISSUER_DIR): tests
// mint their tokens with it.
absl::StatusOr<const identity::DemoIssuer*> DemoIssuer();
// The ServerConfig identity { } block that trusts it.
std::string IdentityConfig();
// The top-level config line naming the reporter key file tests/run.sh
// created ($DISCIPLINE_TEST_REPORTER_KEY_FILE); the generated config has it
// unless `extra_top_config` names its own.
std::string ReporterKeyConfig();
// Adds `authorization: Bearer <a demo token>` for `nip` (empty for the PPK's
// office) of `agency` with `roles` to `ctx`.
void AddToken(grpc::ClientContext& ctx, const std::string& nip, const std::string& agency,
              const std::vector<std::string>& roles);

class ServerProcess {
 public:
  // Starts the server with the database flags of `db` (migrations applied with
  // its owner account) plus `extra_args`, and waits until it serves.
  // `extra_config` is appended to the generated config (when `extra_args`
  // bring no --config).
  static absl::StatusOr<std::unique_ptr<ServerProcess>> Start(const TestDatabase& db,
                                                              const std::vector<std::string>& extra_args = {},
                                                              const std::string& extra_config = "",
                                                              const std::string& extra_top_config = "");
  // Starts the binary with exactly `args` (no database flags added).
  static absl::StatusOr<std::unique_ptr<ServerProcess>> StartWithArgs(std::vector<std::string> args);
  ~ServerProcess();

  int port() const { return port_; }
  std::string address() const;
  std::shared_ptr<grpc::Channel> Channel() const;
  // SIGTERM, then waits; returns the exit status (or -signal).
  int Stop();
  pid_t pid() const { return pid_; }

 private:
  ServerProcess() = default;
  pid_t pid_ = -1;
  int port_ = 0;
  std::string port_file_;
};

}  // namespace discipline::testing

#endif  // DISCIPLINE_TESTS_TESTING_SERVER_PROCESS_H_
