// discipline_server: the asn-discipline gRPC service.
//
// Start-up: the flags are copied once into bootstrap::ServerOptions, then
// the bootstrap steps run in order (service/bootstrap/bootstrap.h), each
// refusing the start with its exit status (exit_status.h): the config and
// the rules, who may call, the personnel source and the document store, the
// database (migrations applied with the migration account, when given; an
// older binary on a newer schema does not start), the use cases, the gRPC
// server and the HTTP gateway; then the background jobs start. SIGINT/
// SIGTERM: the jobs stop, health goes NOT_SERVING, new calls are refused,
// in-flight calls get the grace period, then the database connections close.

#include <signal.h>

#include <memory>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/synchronization/mutex.h"
#include "glog/logging.h"
#include "service/bootstrap/background_jobs.h"
#include "service/bootstrap/bootstrap.h"
#include "service/bootstrap/exit_status.h"
#include "service/bootstrap/server_options.h"
#include "service/metrics/process_metrics.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:50051", "host:port to serve on; port 0 picks a free port");
ABSL_FLAG(std::string, config, "", "ServerConfig textproto (optional; built-in defaults otherwise)");
ABSL_FLAG(std::string, port_file, "", "if set, the bound port is written here once serving");
ABSL_FLAG(std::string, db_socket, "", "MariaDB unix socket (empty: use --db_host/--db_port)");
ABSL_FLAG(std::string, db_host, "127.0.0.1", "MariaDB host, when no socket is given");
ABSL_FLAG(int, db_port, 3306, "MariaDB port, when no socket is given");
ABSL_FLAG(std::string, db_name, "discipline", "database name");
ABSL_FLAG(std::string, db_user, "discipline_svc", "service account (least privilege)");
ABSL_FLAG(std::string, db_password_file, "", "file holding the service account's password");
ABSL_FLAG(std::string, db_migrate_user, "", "migration account; when set, pending migrations are applied at start");
ABSL_FLAG(std::string, db_migrate_password_file, "", "file holding the migration account's password");
ABSL_FLAG(std::string, db_ssl_ca, "",
          "PEM CA of the case database's server certificate: TLS required and verified (over TCP)");
ABSL_FLAG(bool, no_db, false, "serve without a database (RulesService only; for rules-only deployments)");
ABSL_FLAG(int, shutdown_grace_seconds, 10, "how long in-flight calls may run after SIGTERM");
ABSL_FLAG(int, db_pool_size, 16, "database connections at most");
ABSL_FLAG(int, worker_threads, 16, "threads for the handlers' blocking work");
ABSL_FLAG(int, max_queued_calls, 1024, "calls that may wait for a worker; past it RESOURCE_EXHAUSTED");
ABSL_FLAG(int, health_check_seconds, 2, "how often the case database is pinged for the health status");
ABSL_FLAG(int, db_wsrep_sync_wait, 0,
          "MariaDB Galera: the sessions' wsrep_sync_wait (1: reads see every write the cluster committed before "
          "them); 0: not set");
ABSL_FLAG(std::string, instance_name, "",
          "this replica's name for the background leases (default <host>:<pid>); a replica restarted under the same "
          "name takes its leases back at once");
ABSL_FLAG(int, escalation_interval_seconds, 300,
          "how often the neutrality follow-up escalation runs (on the replica holding its lease); 0: never");
ABSL_FLAG(std::string, http_listen, "", "host:port of the JSON/HTTP gateway and the pages; empty: off");
ABSL_FLAG(std::string, http_port_file, "", "file to write the gateway's port to once it serves");
ABSL_FLAG(bool, log_calls, true, "one JSON log line per call of the API (caller, method, case, code, latency)");
ABSL_FLAG(int, metrics_cache_seconds, 15, "how long GET /metrics keeps the database's figures (outbox, deadlines)");
ABSL_FLAG(std::string, smtp_url, "", "SMTP relay for e-mail notifications (smtp://host:port, smtps://...); empty: off");
ABSL_FLAG(std::string, smtp_from, "", "sender address of the notifications");
ABSL_FLAG(std::string, smtp_from_name, "Layanan Disiplin ASN", "sender name of the notifications");
ABSL_FLAG(std::string, smtp_user, "", "SMTP AUTH user (empty: no AUTH)");
ABSL_FLAG(std::string, smtp_password_file, "", "file holding the SMTP AUTH password");
ABSL_FLAG(int, smtp_timeout_seconds, 30, "how long one SMTP transaction may take");
ABSL_FLAG(bool, smtp_require_tls, false, "refuse a relay that does not offer STARTTLS");
ABSL_FLAG(std::string, whatsapp_url, "", "WhatsApp gateway URL for notifications (HTTP POST); empty: off");
ABSL_FLAG(std::string, whatsapp_token_file, "", "file holding the WhatsApp gateway's bearer token");
ABSL_FLAG(int, notify_interval_seconds, 5, "how often the notification outbox is sent");
ABSL_FLAG(int, reminder_interval_seconds, 600,
          "how often the deadline reminders and the PPK's digest are enqueued (with --smtp_url); 0: never");
ABSL_FLAG(int, filing_batch_max, 32,
          "new filings written in one transaction at most (group commit); 1 writes each filing on its own");

namespace {

namespace bs = ::discipline::bootstrap;

bs::ServerOptions OptionsFromFlags() {
  bs::ServerOptions o;
  o.listen = absl::GetFlag(FLAGS_listen);
  o.port_file = absl::GetFlag(FLAGS_port_file);
  o.http_listen = absl::GetFlag(FLAGS_http_listen);
  o.http_port_file = absl::GetFlag(FLAGS_http_port_file);
  o.config = absl::GetFlag(FLAGS_config);
  o.db_socket = absl::GetFlag(FLAGS_db_socket);
  o.db_host = absl::GetFlag(FLAGS_db_host);
  o.db_port = absl::GetFlag(FLAGS_db_port);
  o.db_name = absl::GetFlag(FLAGS_db_name);
  o.db_user = absl::GetFlag(FLAGS_db_user);
  o.db_password_file = absl::GetFlag(FLAGS_db_password_file);
  o.db_migrate_user = absl::GetFlag(FLAGS_db_migrate_user);
  o.db_migrate_password_file = absl::GetFlag(FLAGS_db_migrate_password_file);
  o.db_ssl_ca = absl::GetFlag(FLAGS_db_ssl_ca);
  o.no_db = absl::GetFlag(FLAGS_no_db);
  o.db_pool_size = absl::GetFlag(FLAGS_db_pool_size);
  o.db_wsrep_sync_wait = absl::GetFlag(FLAGS_db_wsrep_sync_wait);
  o.filing_batch_max = absl::GetFlag(FLAGS_filing_batch_max);
  o.shutdown_grace_seconds = absl::GetFlag(FLAGS_shutdown_grace_seconds);
  o.worker_threads = absl::GetFlag(FLAGS_worker_threads);
  o.max_queued_calls = absl::GetFlag(FLAGS_max_queued_calls);
  o.log_calls = absl::GetFlag(FLAGS_log_calls);
  o.metrics_cache_seconds = absl::GetFlag(FLAGS_metrics_cache_seconds);
  o.health_check_seconds = absl::GetFlag(FLAGS_health_check_seconds);
  o.instance_name = absl::GetFlag(FLAGS_instance_name);
  o.escalation_interval_seconds = absl::GetFlag(FLAGS_escalation_interval_seconds);
  o.notify_interval_seconds = absl::GetFlag(FLAGS_notify_interval_seconds);
  o.reminder_interval_seconds = absl::GetFlag(FLAGS_reminder_interval_seconds);
  o.smtp_url = absl::GetFlag(FLAGS_smtp_url);
  o.smtp_from = absl::GetFlag(FLAGS_smtp_from);
  o.smtp_from_name = absl::GetFlag(FLAGS_smtp_from_name);
  o.smtp_user = absl::GetFlag(FLAGS_smtp_user);
  o.smtp_password_file = absl::GetFlag(FLAGS_smtp_password_file);
  o.smtp_timeout_seconds = absl::GetFlag(FLAGS_smtp_timeout_seconds);
  o.smtp_require_tls = absl::GetFlag(FLAGS_smtp_require_tls);
  o.whatsapp_url = absl::GetFlag(FLAGS_whatsapp_url);
  o.whatsapp_token_file = absl::GetFlag(FLAGS_whatsapp_token_file);
  return o;
}

// Logs why the start stopped; the exit status it stops with.
int Refused(const absl::Status& status) {
  LOG(ERROR) << status;
  return bs::ExitStatusOf(status);
}

// The start-up script: each step, then serve until a stop signal.
int Serve(const bs::ServerOptions& o, const sigset_t& stop_signals) {
  discipline::ports::SystemClock clock;
  auto config = bs::LoadConfig(o);
  if (!config.ok()) return Refused(config.status());
  auto rules = bs::LoadRules(*config);
  if (!rules.ok()) return Refused(rules.status());
  auto identity = bs::PrepareIdentity(o, *config, clock);
  if (!identity.ok()) return Refused(identity.status());
  auto personnel = bs::OpenPersonnel(*config, clock);
  if (!personnel.ok()) return Refused(personnel.status());
  auto documents = bs::OpenDocuments(*config);
  if (!documents.ok()) return Refused(documents.status());
  // GET /metrics: the calls (counted by the server), the process, and the
  // database's figures (registered by the application).
  discipline::metrics::Registry metrics;
  discipline::metrics::RegisterProcessMetrics(metrics);
  auto app = bs::BuildApplication(o, *config, *rules, identity->policy, **personnel, documents->get(), clock, metrics);
  if (!app.ok()) return Refused(app.status());
  auto server = bs::StartServer(o, *config, *rules, *identity, app->get(), documents->get(), metrics);
  if (!server.ok()) return Refused(server.status());
  bs::BackgroundJobs jobs(o, **app, [server = server->get()](bool up) { server->SetServing(up); });
  auto gateway = bs::StartGateway(o, *config, **server, metrics, [&jobs] { return jobs.database_up(); });
  if (!gateway.ok()) {
    (*server)->Shutdown();
    return Refused(gateway.status());
  }
  jobs.Start();

  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  jobs.Stop();
  if (*gateway != nullptr) (*gateway)->Stop();
  LOG(INFO) << "signal " << signal_number << ": shutting down (grace " << o.shutdown_grace_seconds << " s)";
  (*server)->Shutdown();
  if ((*app)->store != nullptr) {
    const auto stats = (*app)->store->filing_stats();
    LOG(INFO) << "filings: " << stats.filings << " in " << stats.batches << " batches (largest " << stats.largest_batch
              << ", " << (stats.batches == 0 ? 0.0 : absl::ToDoubleMilliseconds(stats.writing) / stats.batches)
              << " ms per batch)";
  }
  app->reset();
  LOG(INFO) << "stopped";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage("asn-discipline gRPC server (PP 94/2021 disciplinary cases)");
  absl::ParseCommandLine(argc, argv);
  // Debian's Abseil is built with its debug checks, so every absl::Mutex
  // (gRPC's locks among them) records lock order in one global graph, under
  // one global lock: a cost on every call and a point where all threads
  // meet. The unit tests keep the checks; the server does not.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  FLAGS_logtostderr = true;
  google::InitGoogleLogging(argv[0]);
  // Block the stop signals before any thread starts, so only sigwait sees
  // them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  return Serve(OptionsFromFlags(), stop_signals);
}
