#include "tests/testing/postgres_instance.h"

#include <signal.h>
#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "service/common/status_macros.h"
#include "tests/testing/test_db.h"

namespace discipline::testing {

absl::Status PostgresInstance::Shell(const std::string& commands) {
  const std::string script = absl::StrCat("set -e; source '", DISCIPLINE_SOURCE_DIR, "/deploy/lib/postgres.sh'; ",
                                          commands, " >>'", dir_, "/ctl.log' 2>&1");
  const std::string cmd = absl::StrCat("bash -c \"", script, "\"");
  if (std::system(cmd.c_str()) != 0) {
    std::ifstream log(dir_ + "/ctl.log");
    std::string text((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
    return absl::InternalError(absl::StrCat("postgres control failed: ", commands, "\n", text));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<PostgresInstance>> PostgresInstance::StartWithDemoSimpeg() {
  ASSIGN_OR_RETURN(std::string tmp, RequiredEnv("DISCIPLINE_TEST_TMP"));
  std::string templ = tmp + "/own-pg.XXXXXX";
  if (mkdtemp(templ.data()) == nullptr) return absl::InternalError("mkdtemp failed");
  std::unique_ptr<PostgresInstance> p(new PostgresInstance());
  p->dir_ = templ;
  RETURN_IF_ERROR(p->Shell(absl::StrCat("pg_init ", p->dir_, "; pg_start ", p->dir_, "; pg_seed_demo ", p->dir_)));
  return p;
}

absl::Status PostgresInstance::Stop() { return Shell(absl::StrCat("pg_stop ", dir_)); }
absl::Status PostgresInstance::Start() { return Shell(absl::StrCat("pg_start ", dir_)); }

// The postmaster (postgres.pid) and every process it started (its backends
// and helpers): their parent is the postmaster.
absl::Status PostgresInstance::SignalAll(int signal) {
  std::ifstream in(dir_ + "/postgres.pid");
  int pid = 0;
  if (!(in >> pid) || kill(pid, signal) != 0) return absl::InternalError("cannot signal the postmaster");
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/proc", ec)) {
    int child = 0;
    if (!absl::SimpleAtoi(entry.path().filename().string(), &child)) continue;
    std::ifstream stat(entry.path() / "stat");
    std::string line((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    const size_t paren = line.rfind(')');
    if (paren == std::string::npos) continue;
    // "<pid> (<comm>) <state> <ppid> ..."
    int ppid = 0;
    const size_t start = line.find(' ', paren + 2);
    if (start == std::string::npos) continue;
    const size_t end = line.find(' ', start + 1);
    if (!absl::SimpleAtoi(line.substr(start + 1, end - start - 1), &ppid) || ppid != pid) continue;
    (void)kill(child, signal);
  }
  return absl::OkStatus();
}

absl::Status PostgresInstance::Freeze() { return SignalAll(SIGSTOP); }
absl::Status PostgresInstance::Thaw() { return SignalAll(SIGCONT); }

PostgresInstance::~PostgresInstance() {
  (void)Thaw();
  (void)Stop();
  (void)std::system(absl::StrCat("rm -rf '", dir_, "'").c_str());
}

}  // namespace discipline::testing
