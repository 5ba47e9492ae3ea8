#include "tests/testing/server_process.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "service/common/status_macros.h"
#include "tests/testing/test_db.h"

namespace discipline::testing {

std::string IdentityConfig() {
  auto issuer = DemoIssuer();
  if (!issuer.ok()) return "";
  return absl::StrCat("identity { issuer: \"", (*issuer)->issuer(), "\" audience: \"", (*issuer)->audience(),
                      "\" jwks_file: \"", (*issuer)->jwks_file(), "\" }\n");
}

absl::StatusOr<const identity::DemoIssuer*> DemoIssuer() {
  static absl::StatusOr<std::unique_ptr<identity::DemoIssuer>>* issuer = [] {
    auto dir = RequiredEnv("DISCIPLINE_TEST_ISSUER_DIR");
    return new absl::StatusOr<std::unique_ptr<identity::DemoIssuer>>(
        dir.ok() ? identity::DemoIssuer::Open(*dir)
                 : absl::StatusOr<std::unique_ptr<identity::DemoIssuer>>(dir.status()));
  }();
  if (!issuer->ok()) return issuer->status();
  return issuer->value().get();
}

void AddToken(grpc::ClientContext& ctx, const std::string& nip, const std::string& agency,
              const std::vector<std::string>& roles) {
  auto issuer = DemoIssuer();
  if (!issuer.ok()) return;
  ctx.AddMetadata("authorization", "Bearer " + (*issuer)->Mint(nip, "Pengguna Uji", agency, roles));
}

std::string ReporterKeyConfig() {
  const char* file = std::getenv("DISCIPLINE_TEST_REPORTER_KEY_FILE");
  return file == nullptr ? "" : absl::StrCat("reporter_key_file: \"", file, "\"\n");
}

absl::StatusOr<std::unique_ptr<ServerProcess>> ServerProcess::Start(const TestDatabase& db,
                                                                    const std::vector<std::string>& extra_args,
                                                                    const std::string& extra_config,
                                                                    const std::string& extra_top_config) {
  std::vector<std::string> args = {
      "--db_socket=" + db.socket(),           "--db_name=" + db.name(),
      "--db_user=" + db.service_user(),       "--db_password_file=" + db.service_password_file(),
      "--db_migrate_user=" + db.owner_user(), "--db_migrate_password_file=" + db.owner_password_file(),
  };
  // The demo SIMPEG that tests/run.sh seeded, unless the test brings a config.
  bool has_config = false;
  for (const auto& a : extra_args) has_config |= a.rfind("--config=", 0) == 0;
  if (!has_config) {
    ASSIGN_OR_RETURN(std::string tmp, RequiredEnv("DISCIPLINE_TEST_TMP"));
    ASSIGN_OR_RETURN(std::string simpeg_pw, RequiredEnv("DISCIPLINE_TEST_SIMPEG_PASSWORD_FILE"));
    const std::string config = absl::StrCat(tmp, "/server-", db.name(), ".textproto");
    std::ofstream(config) << "simpeg { socket: \"" << db.socket() << "\" database: \"simpeg_a\" user: \"simpeg_reader\""
                          << " password_file: \"" << simpeg_pw << "\" mapping_file: \"" << DISCIPLINE_SOURCE_DIR
                          << "/deploy/demo/simpeg_a.mapping.textproto\" }\n"
                          << "documents { local_dir: \"" << tmp << "/documents-" << db.name() << "\" " << extra_config
                          << " }\n"
                          << IdentityConfig() << "\n"
                          << (extra_top_config.find("reporter_key_file") == std::string::npos ? ReporterKeyConfig()
                                                                                              : "")
                          << extra_top_config << "\n";
    args.push_back("--config=" + config);
  }
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  return StartWithArgs(std::move(args));
}

absl::StatusOr<std::unique_ptr<ServerProcess>> ServerProcess::StartWithArgs(std::vector<std::string> args) {
  ASSIGN_OR_RETURN(std::string binary, RequiredEnv("DISCIPLINE_SERVER_BIN"));
  ASSIGN_OR_RETURN(std::string tmp, RequiredEnv("DISCIPLINE_TEST_TMP"));
  static std::atomic<int> counter{0};
  std::unique_ptr<ServerProcess> p(new ServerProcess());
  p->port_file_ = absl::StrCat(tmp, "/server-", getpid(), "-", counter++, ".port");
  unlink(p->port_file_.c_str());
  bool has_listen = false;
  for (const auto& a : args) has_listen |= a.rfind("--listen=", 0) == 0;
  if (!has_listen) args.push_back("--listen=127.0.0.1:0");
  args.push_back("--port_file=" + p->port_file_);
  args.insert(args.begin(), binary);
  p->pid_ = fork();
  if (p->pid_ < 0) return absl::InternalError("fork failed");
  if (p->pid_ == 0) {
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  const absl::Time deadline = absl::Now() + absl::Seconds(30);
  while (absl::Now() < deadline) {
    int status = 0;
    if (waitpid(p->pid_, &status, WNOHANG) == p->pid_) {
      p->pid_ = -1;
      // "status N" for an exit, "signal N" for a crash: the tests assert
      // the documented exit status of each start-up failure.
      return absl::FailedPreconditionError(
          WIFEXITED(status) ? absl::StrCat("server exited during start with status ", WEXITSTATUS(status))
                            : absl::StrCat("server died during start on signal ", WTERMSIG(status)));
    }
    std::ifstream in(p->port_file_);
    if (in >> p->port_ && p->port_ > 0) return p;
    absl::SleepFor(absl::Milliseconds(50));
  }
  return absl::DeadlineExceededError("server did not write its port within 30 s");
}

std::string ServerProcess::address() const { return absl::StrCat("127.0.0.1:", port_); }

std::shared_ptr<grpc::Channel> ServerProcess::Channel() const {
  return grpc::CreateChannel(address(), grpc::InsecureChannelCredentials());
}

int ServerProcess::Stop() {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  const absl::Time deadline = absl::Now() + absl::Seconds(15);
  int status = 0;
  while (waitpid(pid_, &status, WNOHANG) == 0) {
    if (absl::Now() > deadline) {
      kill(pid_, SIGKILL);
      waitpid(pid_, &status, 0);
      break;
    }
    absl::SleepFor(absl::Milliseconds(20));
  }
  pid_ = -1;
  unlink(port_file_.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

ServerProcess::~ServerProcess() { Stop(); }

}  // namespace discipline::testing
