#include "tests/testing/mariadb_instance.h"

#include <signal.h>
#include <stdlib.h>

#include <cstdlib>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "service/common/status_macros.h"
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
  return o;
}

mariadb::ConnectionOptions MariadbInstance::Service() const {
  mariadb::ConnectionOptions o = Owner();
  o.user = "discipline_svc";
  o.password = mariadb::ReadSecretFile(dir_ + "/secrets/svc.pw").value_or("");
  return o;
}

absl::Status MariadbInstance::Stop() { return Shell(absl::StrCat("db_stop ", dir_)); }
absl::Status MariadbInstance::Start() { return Shell(absl::StrCat("db_start ", dir_)); }

absl::Status MariadbInstance::Freeze() {
  std::ifstream in(dir_ + "/mariadbd.pid");
  int pid = 0;
  if (!(in >> pid) || kill(pid, SIGSTOP) != 0) return absl::InternalError("cannot SIGSTOP mariadbd");
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
