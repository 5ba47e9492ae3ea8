#ifndef DISCIPLINE_SERVICE_BOOTSTRAP_BACKGROUND_JOBS_H_
#define DISCIPLINE_SERVICE_BOOTSTRAP_BACKGROUND_JOBS_H_

// The server's background work, each a use case that a timer drives: the
// health check of the case database, the neutrality follow-up escalation,
// the backfills of rows written before a migration, the SIASN outbox, the
// notification outbox, and the scheduled notifications (deadline
// reminders, the PPK's digest). Each job but the health check and the
// backfills runs on one replica at a time: the holder of its database
// lease; each run is also safe to repeat. main starts them once the server
// serves and stops them before it shuts the server down.

#include <atomic>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/notification.h"
#include "service/bootstrap/bootstrap.h"
#include "service/bootstrap/server_options.h"

namespace discipline::bootstrap {

class BackgroundJobs {
 public:
  // `application` (not owned) must outlive Stop(). `set_serving` is told
  // the health after every check of the case database.
  BackgroundJobs(const ServerOptions& options, Application& application, std::function<void(bool)> set_serving);
  ~BackgroundJobs();  // Stop()

  // Starts the timers. Once.
  void Start();
  // Stops them and waits for the runs under way. Idempotent.
  void Stop();

  // What the health check last saw of the case database (GET /healthz).
  bool database_up() const { return database_up_.load(); }

  // This replica's name for the leases: --instance_name, or <host>:<pid>.
  static std::string InstanceName(const ServerOptions& options);

 private:
  // Runs `work` now and then every `every` until Stop(), each time only if
  // this replica holds (or takes, or renews for `ttl`) the lease `name`.
  void UnderLease(std::string name, absl::Duration every, absl::Duration ttl, std::function<void()> work);
  // Runs a backfill a page of 500 rows at a time until none is left.
  void Backfill(std::string label, std::string verb, std::string which,
                std::function<absl::StatusOr<mariadb::BackfillRun>(const std::string& after, int limit)> page_of);
  void Health();

  const ServerOptions options_;
  Application& a_;
  std::function<void(bool)> set_serving_;
  std::atomic<bool> database_up_{true};
  absl::Notification stopping_;
  std::vector<std::thread> threads_;
  bool started_ = false;
};

}  // namespace discipline::bootstrap

#endif  // DISCIPLINE_SERVICE_BOOTSTRAP_BACKGROUND_JOBS_H_
