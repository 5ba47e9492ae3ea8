#include "tests/testing/mariadb_instance.h"

#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "service/common/status_macros.h"
#include "tests/testing/server_process.h"
#include "tests/testing/test_db.h"

namespace discipline::testing {

absl::Status MariadbInstance::Shell(const std::string& commands) {
  const std::string script = absl::StrCat("set -e; source '", DISCIPLINE_SOURCE_DIR, "/deploy/lib/mariadb.sh'; ",
                                          commands, " >'", dir_, "/ctl.log' 2>&1");
  const std::string cmd = absl::StrCat("bash -c \"", script, "\"");
  if (std::system(cmd.c_str()) != 0) {
    std::ifstream log(dir_ + "/ctl.log");
    std::string text((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
    return absl::InternalError(absl::StrCat("mariadb control failed: ", commands, "\n", text));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<MariadbInstance>> MariadbInstance::StartWithDemoSimpeg() {
  ASSIGN_OR_RETURN(std::string tmp, RequiredEnv("DISCIPLINE_TEST_TMP"));
  std::string templ = tmp + "/own-mariadb.XXXXXX";
  if (mkdtemp(templ.data()) == nullptr) return absl::InternalError("mkdtemp failed");
  std::unique_ptr<MariadbInstance> m(new MariadbInstance());
  m->dir_ = templ;
  RETURN_IF_ERROR(m->Shell(absl::StrCat("db_init ", m->dir_, "; db_start ", m->dir_, "; '", DISCIPLINE_SOURCE_DIR,
                                        "/deploy/seed_demo.sh' ", m->dir_)));
  return m;
}

absl::Status MariadbInstance::BootstrapCaseDatabase(const std::string& name) {
  case_database_ = name;
  return Shell(absl::StrCat("db_bootstrap ", dir_, " ", name));
}

mariadb::ConnectionOptions MariadbInstance::Owner() const {
  mariadb::ConnectionOptions o;
  o.socket = socket();
  o.user = "discipline_owner";
  o.password = mariadb::ReadSecretFile(dir_ + "/secrets/owner.pw").value_or("");
  o.database = case_database_;
  o.multi_statements = true;
  return o;
}

mariadb::ConnectionOptions MariadbInstance::Service() const {
  mariadb::ConnectionOptions o = Owner();
  o.user = "discipline_svc";
  o.password = mariadb::ReadSecretFile(dir_ + "/secrets/svc.pw").value_or("");
  o.multi_statements = false;
  return o;
}

absl::Status MariadbInstance::Stop() { return Shell(absl::StrCat("db_stop ", dir_)); }

absl::Status MariadbInstance::Kill9() {
  std::ifstream in(dir_ + "/mariadbd.pid");
  pid_t pid = 0;
  if (!(in >> pid) || kill(pid, SIGKILL) != 0) return absl::InternalError("cannot SIGKILL mariadbd");
  // Wait until it is gone (it is not our child: poll).
  for (int i = 0; i < 200 && kill(pid, 0) == 0; ++i) usleep(50'000);
  return absl::OkStatus();
}

std::vector<std::string> MariadbInstance::ServerArgs() const {
  const std::string config = dir_ + "/server.textproto";
  std::ofstream(config) << "simpeg { socket: \"" << socket() << "\" database: \"simpeg_a\" user: \"simpeg_reader\""
                        << " password_file: \"" << simpeg_password_file() << "\" mapping_file: \""
                        << DISCIPLINE_SOURCE_DIR << "/deploy/demo/simpeg_a.mapping.textproto\""
                        << " connect_timeout_seconds: 2 query_timeout_seconds: 3 }\n"
                        << "documents { local_dir: \"" << dir_ << "/documents\" }\n"
                        << IdentityConfig();
  return {"--db_socket=" + socket(),
          "--db_name=" + case_database_,
          "--db_user=discipline_svc",
          "--db_password_file=" + dir_ + "/secrets/svc.pw",
          "--db_migrate_user=discipline_owner",
          "--db_migrate_password_file=" + dir_ + "/secrets/owner.pw",
          "--config=" + config,
          "--health_check_seconds=1"};
}
absl::Status MariadbInstance::Start() { return Shell(absl::StrCat("db_start ", dir_)); }

namespace {

// True when every thread of `pid` is in the stopped state ('T'). kill()
// only queues SIGSTOP: a thread running on another core may still answer a
// query before it stops, so a test that expects silence waits for this.
bool AllThreadsStopped(int pid) {
  std::error_code ec;
  std::filesystem::directory_iterator tasks(absl::StrCat("/proc/", pid, "/task"), ec);
  if (ec) return false;
  for (const auto& task : tasks) {
    std::ifstream stat(task.path() / "stat");
    std::string line((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    const size_t paren = line.rfind(')');
    if (paren == std::string::npos || paren + 2 >= line.size()) return false;
    const char state = line[paren + 2];
    if (state != 'T' && state != 't') return false;
  }
  return true;
}

}  // namespace

absl::Status MariadbInstance::Freeze() {
  std::ifstream in(dir_ + "/mariadbd.pid");
  int pid = 0;
  if (!(in >> pid) || kill(pid, SIGSTOP) != 0) return absl::InternalError("cannot SIGSTOP mariadbd");
  const absl::Time deadline = absl::Now() + absl::Seconds(10);
  while (!AllThreadsStopped(pid)) {
    if (absl::Now() > deadline) return absl::InternalError("mariadbd did not stop within 10 s of SIGSTOP");
    absl::SleepFor(absl::Milliseconds(5));
  }
  return absl::OkStatus();
}

absl::Status MariadbInstance::Thaw() {
  std::ifstream in(dir_ + "/mariadbd.pid");
  int pid = 0;
  if (!(in >> pid) || kill(pid, SIGCONT) != 0) return absl::InternalError("cannot SIGCONT mariadbd");
  return absl::OkStatus();
}

MariadbInstance::~MariadbInstance() {
  (void)Thaw();
  (void)Stop();
  (void)std::system(absl::StrCat("rm -rf '", dir_, "'").c_str());
}

}  // namespace discipline::testing
