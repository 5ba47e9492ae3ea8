#ifndef DISCIPLINE_SERVICE_BOOTSTRAP_SERVER_OPTIONS_H_
#define DISCIPLINE_SERVICE_BOOTSTRAP_SERVER_OPTIONS_H_

// The server's command-line options as one plain struct: main.cc copies its
// flags into it once, and the bootstrap functions and the background jobs
// read it (docs/configuration.md lists them). The config file
// (ServerConfig, --config) holds everything else.

#include <string>

namespace discipline::bootstrap {

struct ServerOptions {
  // --- Listeners -------------------------------------------------------
  // host:port of the gRPC API; port 0 picks a free port.
  std::string listen = "127.0.0.1:50051";
  // When set, the bound gRPC port is written here once the server serves.
  std::string port_file;
  // host:port of the JSON/HTTP gateway and the pages (loopback only);
  // empty: off.
  std::string http_listen;
  // When set, the gateway's bound port is written here once it serves.
  std::string http_port_file;
  // The ServerConfig textproto; empty: the built-in defaults.
  std::string config;

  // --- Case database ---------------------------------------------------
  // MariaDB unix socket; empty: db_host and db_port.
  std::string db_socket;
  // MariaDB host and port, when there is no socket.
  std::string db_host = "127.0.0.1";
  int db_port = 3306;
  // The database's name.
  std::string db_name = "discipline";
  // The service account (least privilege) and the file holding its
  // password.
  std::string db_user = "discipline_svc";
  std::string db_password_file;
  // The migration account; when set, pending migrations are applied at
  // start with it.
  std::string db_migrate_user;
  std::string db_migrate_password_file;
  // PEM CA of the database server's certificate: TLS required and verified
  // (over TCP); empty: no TLS.
  std::string db_ssl_ca;
  // Serve without a database (RulesService only).
  bool no_db = false;
  // Database connections of the case store at most.
  int db_pool_size = 16;
  // MariaDB Galera: the sessions' wsrep_sync_wait; 0: not set.
  int db_wsrep_sync_wait = 0;
  // New filings written in one transaction at most (group commit).
  int filing_batch_max = 32;

  // --- Serving ---------------------------------------------------------
  // How long in-flight calls may run after SIGTERM, in seconds.
  int shutdown_grace_seconds = 10;
  // Threads for the handlers' blocking work.
  int worker_threads = 16;
  // Calls that may wait for a worker; past it RESOURCE_EXHAUSTED.
  int max_queued_calls = 1024;
  // One JSON log line per call of the API.
  bool log_calls = true;
  // How long GET /metrics keeps the database's figures, in seconds.
  int metrics_cache_seconds = 15;
  // How often the case database is pinged for the health status, in
  // seconds.
  int health_check_seconds = 2;

  // --- Background jobs -------------------------------------------------
  // This replica's name for the background leases; empty: <host>:<pid>.
  std::string instance_name;
  // How often the neutrality follow-up escalation runs, in seconds; 0:
  // never.
  int escalation_interval_seconds = 300;
  // How often the notification outbox is sent, in seconds.
  int notify_interval_seconds = 5;
  // How often the deadline reminders and the PPK's digest are enqueued, in
  // seconds; 0: never.
  int reminder_interval_seconds = 600;

  // --- Notification channels -------------------------------------------
  // SMTP relay (smtp://host:port, smtps://...); empty: no e-mail.
  std::string smtp_url;
  // Sender address and name of the e-mails.
  std::string smtp_from;
  std::string smtp_from_name = "Layanan Disiplin ASN";
  // SMTP AUTH user (empty: no AUTH) and the file holding its password.
  std::string smtp_user;
  std::string smtp_password_file;
  // How long one SMTP transaction may take, in seconds.
  int smtp_timeout_seconds = 30;
  // Refuse a relay that does not offer STARTTLS.
  bool smtp_require_tls = false;
  // WhatsApp gateway URL (HTTP POST); empty: no WhatsApp.
  std::string whatsapp_url;
  // The file holding the WhatsApp gateway's bearer token.
  std::string whatsapp_token_file;
};

}  // namespace discipline::bootstrap

#endif  // DISCIPLINE_SERVICE_BOOTSTRAP_SERVER_OPTIONS_H_
