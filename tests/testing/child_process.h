#ifndef DISCIPLINE_TESTS_TESTING_CHILD_PROCESS_H_
#define DISCIPLINE_TESTS_TESTING_CHILD_PROCESS_H_

// A child process of a test (a contract server on loopback): started from
// `args` (args[0] the program), ready once it has written its port to
// `port_file`. The caller stops it by its pid (kill, then waitpid).

#include <sys/types.h>

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace discipline::testing {

struct StartedChild {
  pid_t pid = -1;
  int port = 0;
};

// UNAVAILABLE (the child killed and reaped) when no port appears within 5 s;
// INTERNAL when fork fails. `port_file` is removed first.
absl::StatusOr<StartedChild> StartChild(std::vector<std::string> args, const std::string& port_file);

}  // namespace discipline::testing

#endif  // DISCIPLINE_TESTS_TESTING_CHILD_PROCESS_H_
