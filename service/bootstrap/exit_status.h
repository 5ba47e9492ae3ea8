#ifndef DISCIPLINE_SERVICE_BOOTSTRAP_EXIT_STATUS_H_
#define DISCIPLINE_SERVICE_BOOTSTRAP_EXIT_STATUS_H_

// The server's exit statuses. A bootstrap function's error carries the
// status the process exits with (Refuse); main returns ExitStatusOf(error).
// 2-5 are start-up refusals that a restart does not cure: the systemd unit
// lists them in RestartPreventExitStatus, deploy/lib/supervise.sh likewise
// (docs/operations.md, "Exit statuses").

#include "absl/status/status.h"

namespace discipline::bootstrap {

enum class ExitStatus : int {
  kStopped = 0,       // stopped by SIGTERM/SIGINT after serving
  kConfig = 2,        // the config, the rules, a secret file or a listener address is wrong
  kDatabase = 3,      // the database does not answer or misses migrations
  kListen = 4,        // a port cannot be bound (busy)
  kSchemaTooNew = 5,  // the database has migrations this binary does not know (it is older)
};

// `status` (not OK) tagged with the exit status it stops the start with.
absl::Status Refuse(ExitStatus exit_status, absl::Status status);

// The exit status of a bootstrap error: the tagged one, else kConfig.
int ExitStatusOf(const absl::Status& status);

}  // namespace discipline::bootstrap

#endif  // DISCIPLINE_SERVICE_BOOTSTRAP_EXIT_STATUS_H_
