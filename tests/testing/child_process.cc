#include "tests/testing/child_process.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace discipline::testing {

absl::StatusOr<StartedChild> StartChild(std::vector<std::string> args, const std::string& port_file) {
  unlink(port_file.c_str());
  StartedChild child;
  child.pid = fork();
  if (child.pid < 0) return absl::InternalError("fork failed");
  if (child.pid == 0) {
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  for (int i = 0; i < 200 && child.port == 0; ++i) {
    std::ifstream in(port_file);
    if (!(in >> child.port)) {
      child.port = 0;
      absl::SleepFor(absl::Milliseconds(25));
    }
  }
  if (child.port > 0) return child;
  kill(child.pid, SIGKILL);
  waitpid(child.pid, nullptr, 0);
  return absl::UnavailableError(absl::StrCat(args[0], " wrote no port to ", port_file));
}

}  // namespace discipline::testing
