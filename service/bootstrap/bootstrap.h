#ifndef DISCIPLINE_SERVICE_BOOTSTRAP_BOOTSTRAP_H_
#define DISCIPLINE_SERVICE_BOOTSTRAP_BOOTSTRAP_H_

// The start-up steps of discipline_server, in the order main.cc calls them.
// Each returns its part or an error tagged with the exit status the start
// stops with (exit_status.h); each logs what it set up.

#include <functional>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "adapters/esign/bsre_signer.h"
#include "adapters/http/gateway.h"
#include "adapters/identity/jwt_verifier.h"
#include "adapters/letters/cairo_renderer.h"
#include "adapters/mariadb/case_store.h"
#include "adapters/mariadb/connection.h"
#include "adapters/mariadb/notification_store.h"
#include "adapters/mariadb/operational_stats_store.h"
#include "adapters/notify/smtp.h"
#include "adapters/notify/whatsapp.h"
#include "adapters/siasn/sender.h"
#include "asn/discipline/config/v1/server.pb.h"
#include "service/app/case_use_cases.h"
#include "service/app/letter_use_cases.h"
#include "service/app/notification_dispatcher.h"
#include "service/app/report_use_cases.h"
#include "service/app/scheduled_notifications.h"
#include "service/app/sign_use_cases.h"
#include "service/bootstrap/exit_status.h"
#include "service/bootstrap/server_options.h"
#include "service/config/rules_loader.h"
#include "service/domain/siasn.h"
#include "service/grpc/server.h"
#include "service/metrics/metrics.h"
#include "service/metrics/operational_gauges.h"
#include "service/ports/clock.h"
#include "service/ports/document_store.h"
#include "service/ports/personnel_directory.h"

namespace discipline::bootstrap {

namespace cfg = ::asn::discipline::config::v1;

// --config, or the built-in defaults without it. kConfig.
absl::StatusOr<cfg::ServerConfig> LoadConfig(const ServerOptions& options);

// The rules and the working-day calendar; warns while there is time to add
// the next year's holiday decree. kConfig.
absl::StatusOr<config::LoadedRules> LoadRules(const cfg::ServerConfig& config);

// Who may call: the access policy and the token verifier (required), after
// the checks that outside services and the gateway are reached safely (TLS
// off loopback, the gateway on loopback). kConfig.
struct Identity {
  domain::Policy policy;
  std::unique_ptr<identity::JwtVerifier> verifier;
};
absl::StatusOr<Identity> PrepareIdentity(const ServerOptions& options, const cfg::ServerConfig& config,
                                         const ports::Clock& clock);

// The personnel source: SIMPEG, a REST SIMPEG or SIASN, or one that refuses
// every look-up when none is configured. kConfig.
absl::StatusOr<std::unique_ptr<ports::PersonnelDirectory>> OpenPersonnel(const cfg::ServerConfig& config,
                                                                         const ports::Clock& clock);

// The document store (WebDAV or a local directory); null when none is
// configured. kConfig.
absl::StatusOr<std::unique_ptr<ports::DocumentStore>> OpenDocuments(const cfg::ServerConfig& config);

// Applies the pending migrations with the migration account (when given),
// then opens the service account's connection and checks that it sees every
// migration of this binary and none it does not know. kDatabase;
// kSchemaTooNew when the database has migrations this binary does not know
// (an older binary on a newer schema).
absl::StatusOr<std::unique_ptr<mariadb::Connection>> PrepareDatabase(const ServerOptions& options);

// Everything the services and the background jobs use. Members are
// destroyed in the reverse order of their declaration: users before what
// they use.
struct Application {
  std::unique_ptr<mariadb::Connection> db;
  domain::SiasnCodes siasn_codes;
  std::unique_ptr<mariadb::CaseStore> store;
  std::unique_ptr<notify::SmtpNotifier> smtp;
  std::unique_ptr<notify::WhatsappNotifier> whatsapp;
  std::unique_ptr<mariadb::NotificationStore> notification_store;
  std::unique_ptr<app::NotificationDispatcher> dispatcher;
  std::unique_ptr<mariadb::NotificationStore> scheduled_outbox;
  // The deadline reminders and the PPK's digest (with e-mail only).
  std::unique_ptr<app::ScheduledNotifications> scheduled;
  std::unique_ptr<app::CaseUseCases> cases;
  std::unique_ptr<app::ReportUseCases> reports;
  std::unique_ptr<letters::CairoLetterRenderer> letter_renderer;
  std::unique_ptr<app::LetterUseCases> letters;
  std::unique_ptr<mariadb::OperationalStatsStore> operational_stats;
  std::unique_ptr<metrics::OperationalGauges> operational_gauges;
  std::unique_ptr<esign::BsreSigner> signer;
  std::unique_ptr<app::SignUseCases> signing;
  // The SIASN outbox's sender, when the config names SIASN's API.
  std::unique_ptr<siasn::Sender> siasn_sender;
  absl::Duration siasn_every, siasn_ttl;
};

// The case database and what stands on it, unless --no_db: the store (with
// the reporter key checked and the reporters written before migration 0011
// sealed), the notification channels and outbox, the use cases, the
// database's metrics, the e-sign client and the SIASN sender. kDatabase,
// kSchemaTooNew (PrepareDatabase), kConfig.
absl::StatusOr<std::unique_ptr<Application>> BuildApplication(
    const ServerOptions& options, const cfg::ServerConfig& config, const config::LoadedRules& rules,
    const domain::Policy& policy, ports::PersonnelDirectory& personnel, ports::DocumentStore* documents,
    const ports::Clock& clock, metrics::Registry& metrics);

// Binds the gRPC port (TLS from the config) and writes --port_file.
// kConfig (TLS files, plaintext off loopback), kListen (busy port).
absl::StatusOr<std::unique_ptr<grpc_api::Server>> StartServer(
    const ServerOptions& options, const cfg::ServerConfig& config, const config::LoadedRules& rules,
    const Identity& identity, Application* application, ports::DocumentStore* documents, metrics::Registry& metrics);

// The JSON/HTTP gateway over the server's in-process channel, when
// --http_listen is set (null otherwise); writes --http_port_file. kListen.
absl::StatusOr<std::unique_ptr<http::Gateway>> StartGateway(const ServerOptions& options,
                                                            const cfg::ServerConfig& config, grpc_api::Server& server,
                                                            metrics::Registry& metrics, std::function<bool()> healthy);

// Writes `value` to `path` atomically (a temporary file renamed).
void WriteFileAtomically(const std::string& path, const std::string& value);

}  // namespace discipline::bootstrap

#endif  // DISCIPLINE_SERVICE_BOOTSTRAP_BOOTSTRAP_H_
