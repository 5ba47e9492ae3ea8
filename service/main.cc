// discipline_server: the asn-discipline gRPC service.
//
// Start-up: load the configuration and the rules, apply pending schema
// migrations (with the migration account, when given), check the service
// account's view of the schema, serve. SIGINT/SIGTERM: health goes
// NOT_SERVING, new calls are refused, in-flight calls get the grace period,
// then the database connections close.

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "adapters/common/reporter_seal.h"
#include "adapters/common/url_policy.h"
#include "adapters/documents/local_store.h"
#include "adapters/documents/webdav_store.h"
#include "adapters/esign/bsre_signer.h"
#include "adapters/http/gateway.h"
#include "adapters/identity/jwt_verifier.h"
#include "adapters/letters/cairo_renderer.h"
#include "adapters/mariadb/case_store.h"
#include "adapters/mariadb/connection.h"
#include "adapters/mariadb/migrations.h"
#include "adapters/mariadb/notification_store.h"
#include "adapters/mariadb/operational_stats_store.h"
#include "adapters/notify/smtp.h"
#include "adapters/notify/whatsapp.h"
#include "adapters/personnel/personnel_source.h"
#include "adapters/personnel/simpeg_directory.h"
#include "adapters/siasn/sender.h"
#include "glog/logging.h"
#include "service/app/case_use_cases.h"
#include "service/app/letter_use_cases.h"
#include "service/app/notification_dispatcher.h"
#include "service/app/sign_use_cases.h"
#include "service/config/rules_loader.h"
#include "service/grpc/server.h"
#include "service/letters/letter_templates.h"
#include "service/metrics/metrics.h"
#include "service/metrics/operational_gauges.h"
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
ABSL_FLAG(int, filing_batch_max, 32,
          "new filings written in one transaction at most (group commit); 1 writes each filing on its own");

namespace {

constexpr int kCalendarWarningDays = 90;
// SIASN records posted per pass (the lease outlasts a pass of timeouts).
constexpr int kSiasnBatch = 20;

// SIASN's API base: api_base, or the hukdis/save endpoint without its path.
std::string SiasnApiBase(const asn::discipline::config::v1::SiasnConnection& s) {
  if (!s.api_base().empty()) return s.api_base();
  std::string base = s.endpoint();
  const absl::string_view save = "/apisiasn/1.0/hukdis/save";
  if (absl::EndsWith(base, save)) base.resize(base.size() - save.size());
  return base;
}

// This replica's name for the background leases.
std::string InstanceName() {
  if (std::string name = absl::GetFlag(FLAGS_instance_name); !name.empty()) return name;
  char host[256] = {};
  gethostname(host, sizeof host - 1);
  return absl::StrCat(host, ":", getpid());
}

// Runs a backfill of rows written before a migration, a page of 500 at a
// time, while the server serves (every replica may run it; each row is done
// once), then logs "<label>: <verb> for N cases <which>". A failed page is
// tried again a minute later.
std::thread Backfill(
    absl::Notification& stopping, std::string label, std::string verb, std::string which,
    std::function<absl::StatusOr<discipline::mariadb::BackfillRun>(const std::string& after, int limit)> page_of) {
  return std::thread([&stopping, label = std::move(label), verb = std::move(verb), which = std::move(which),
                      page_of = std::move(page_of)] {
    int updated = 0, failed = 0;
    std::string after, last_error;
    while (!stopping.HasBeenNotified()) {
      auto page = page_of(after, 500);
      if (!page.ok()) {
        LOG(WARNING) << label << ": " << page.status() << "; trying again in a minute";
        if (stopping.WaitForNotificationWithTimeout(absl::Minutes(1))) break;
        continue;
      }
      updated += page->updated;
      failed += page->failed;
      if (!page->last_error.empty()) last_error = page->last_error;
      if (page->read == 0) break;
      after = page->last_case_id;
    }
    if (updated > 0 || failed > 0) {
      LOG(INFO) << label << ": " << verb << " for " << updated << " cases " << which
                << (failed > 0 ? absl::StrCat("; ", failed, " could not be read (last: ", last_error, ")") : "");
    }
  });
}

// Runs `work` now and then every `every` until `stopping`, each time only
// if this replica holds (or takes, or renews for `ttl`) the lease `name`.
std::thread UnderLease(discipline::ports::Leases& leases, std::string name, absl::Duration every, absl::Duration ttl,
                       absl::Notification& stopping, std::function<void()> work) {
  return std::thread([&leases, name = std::move(name), every, ttl, &stopping, work = std::move(work)] {
    const std::string holder = InstanceName();
    do {
      auto held = leases.Acquire(name, holder, ttl);
      if (!held.ok()) {
        LOG(WARNING) << name << ": lease: " << held.status();
      } else if (*held) {
        work();
      }
    } while (!stopping.WaitForNotificationWithTimeout(every));
  });
}

using discipline::mariadb::Connection;
using discipline::mariadb::ConnectionOptions;

// Stands in when the configuration names no SIMPEG: filing a case needs the
// employee's data, so it is refused with a clear reason.
class UnconfiguredDirectory final : public discipline::ports::PersonnelDirectory {
 public:
  absl::StatusOr<discipline::domain::EmployeeSnapshot> GetEmployee(const std::string&) override { return Refuse(); }
  absl::StatusOr<std::vector<discipline::domain::EmployeeSnapshot>> SuperiorChain(const std::string&, int) override {
    return Refuse();
  }
  absl::StatusOr<discipline::domain::Agency> GetAgency(const std::string&) override { return Refuse(); }

 private:
  static absl::Status Refuse() {
    return absl::FailedPreconditionError("no personnel database (simpeg { ... }) is configured for this server");
  }
};

ConnectionOptions DbOptions(const std::string& user, const std::string& password_file) {
  ConnectionOptions o;
  o.socket = absl::GetFlag(FLAGS_db_socket);
  o.host = absl::GetFlag(FLAGS_db_host);
  o.port = absl::GetFlag(FLAGS_db_port);
  o.database = absl::GetFlag(FLAGS_db_name);
  o.user = user;
  o.wsrep_sync_wait = absl::GetFlag(FLAGS_db_wsrep_sync_wait);
  o.ssl_ca = absl::GetFlag(FLAGS_db_ssl_ca);
  if (!password_file.empty()) {
    auto pw = discipline::mariadb::ReadSecretFile(password_file);
    if (!pw.ok()) LOG(FATAL) << pw.status();
    o.password = *pw;
  }
  return o;
}

// Applies migrations with the migration account, then opens the service
// account's connection and checks it sees every migration.
absl::StatusOr<std::unique_ptr<Connection>> PrepareDatabase() {
  const auto& migrations = discipline::mariadb::BuiltinMigrations();
  if (const std::string user = absl::GetFlag(FLAGS_db_migrate_user); !user.empty()) {
    discipline::mariadb::ConnectionOptions migrate = DbOptions(user, absl::GetFlag(FLAGS_db_migrate_password_file));
    migrate.multi_statements = true;  // migration files hold several statements
    auto admin = Connection::Open(migrate);
    if (!admin.ok()) return admin.status();
    auto result = discipline::mariadb::ApplyMigrations(**admin, migrations);
    if (!result.ok()) return result.status();
    LOG(INFO) << "migrations: " << result->already_applied << " already applied, " << result->applied.size()
              << " applied now" << (result->applied.empty() ? "" : ": ") << absl::StrJoin(result->applied, ", ");
  }
  auto conn = Connection::Open(DbOptions(absl::GetFlag(FLAGS_db_user), absl::GetFlag(FLAGS_db_password_file)));
  if (!conn.ok()) return conn.status();
  auto rows = (*conn)->Query("SELECT COUNT(*) FROM schema_migrations");
  if (!rows.ok()) return rows.status();
  const std::string count = rows->empty() ? "0" : rows->front()[0].value_or("0");
  if (count != absl::StrCat(migrations.size())) {
    return absl::FailedPreconditionError(absl::StrCat("the database has ", count, " of ", migrations.size(),
                                                      " migrations applied: start once with --db_migrate_user"));
  }
  return conn;
}

// The letters' letterhead (ServerConfig.letterhead).
discipline::letters::Letterhead LetterheadOf(const asn::discipline::config::v1::Letterhead& c) {
  discipline::letters::Letterhead h;
  h.names.assign(c.names().begin(), c.names().end());
  h.address = c.address();
  h.logo_png_path = c.logo_png_path();
  if (!c.paper().empty()) h.paper = c.paper();
  return h;
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

  // Block the stop signals before any thread starts, so only sigwait below
  // sees them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  asn::discipline::config::v1::ServerConfig config;
  if (const std::string path = absl::GetFlag(FLAGS_config); !path.empty()) {
    auto loaded = discipline::config::LoadServerConfigFile(path);
    if (!loaded.ok()) {
      LOG(ERROR) << "config " << path << ": " << loaded.status();
      return 2;
    }
    config = *loaded;
  }
  auto rules = discipline::config::LoadRules(config);
  if (!rules.ok()) {
    LOG(ERROR) << "rules: " << rules.status();
    return 2;
  }
  LOG(INFO) << "rules " << rules->engine.version() << ", calendar " << rules->calendar.Version() << " ("
            << rules->calendar.first_year() << "-" << rules->calendar.last_year() << ")";
  // Deadlines run up to a few months ahead (delivery 14 working days,
  // remedies, the effective date): warn while there is time to add the next
  // year's holiday decree.
  if (const int left = rules->calendar.DaysCovered(discipline::app::JakartaDay(absl::Now()));
      left < kCalendarWarningDays) {
    LOG(WARNING) << "calendar: covers " << rules->calendar.last_year() << " as its last year, " << left
                 << " days from today; deadlines that reach " << rules->calendar.last_year() + 1
                 << " are refused (FAILED_PRECONDITION) until that year's holiday decree is added (README "
                    "\"Legal updates without touching C++\")";
  }

  discipline::ports::SystemClock clock;

  // Who may call: the token issuer (required: there is no mode without
  // verification) and the access policy.
  auto policy = discipline::config::ToPolicy(config.access());
  if (!policy.ok()) {
    LOG(ERROR) << policy.status();
    return 2;
  }
  if (!config.has_identity()) {
    LOG(ERROR) << "identity: the config has no identity { issuer audience jwks_file|jwks_uri }: every call needs a "
                  "verified token (README, \"Identity\")";
    return 2;
  }
  discipline::identity::VerifierOptions identity;
  identity.issuer = config.identity().issuer();
  identity.audience = config.identity().audience();
  identity.jwks_file = config.identity().jwks_file();
  identity.jwks_uri = config.identity().jwks_uri();
  if (config.identity().max_skew_seconds() > 0) identity.max_skew = absl::Seconds(config.identity().max_skew_seconds());
  if (config.identity().refetch_interval_seconds() > 0) {
    identity.refetch_interval = absl::Seconds(config.identity().refetch_interval_seconds());
  }
  identity.client_id = config.identity().client_id();
  identity.authorized_parties.assign(config.identity().authorized_parties().begin(),
                                     config.identity().authorized_parties().end());
  // Outside services over TLS only, except on loopback (README, "Security").
  if (absl::Status s = discipline::adapters::RequireTlsOffLoopback(
          {{"identity.jwks_uri", config.identity().jwks_uri()},
           {"siasn.token_url", config.siasn().token_url()},
           {"siasn.endpoint", config.siasn().endpoint()},
           {"siasn.api_base", config.siasn().api_base()},
           {"siasn.sso_token_url", config.siasn().sso_token_url()},
           {"documents.webdav.base_url", config.documents().webdav().base_url()}});
      !s.ok()) {
    LOG(ERROR) << "config: " << s;
    return 2;
  }
  // The gateway speaks plaintext HTTP: on loopback only, behind the
  // intranet's TLS proxy, as the gRPC port without tls { }.
  if (const std::string listen = absl::GetFlag(FLAGS_http_listen);
      !listen.empty() && !discipline::grpc_api::IsLoopback(listen)) {
    LOG(ERROR) << "http: plaintext on " << listen << " is refused; listen on loopback behind the intranet's TLS proxy";
    return 2;
  }
  auto verifier = discipline::identity::JwtVerifier::Create(identity, clock);
  if (!verifier.ok()) {
    LOG(ERROR) << verifier.status();
    return 2;
  }
  LOG(INFO) << "identity: tokens of " << identity.issuer << " for " << identity.audience << " ("
            << (identity.jwks_file.empty() ? identity.jwks_uri : identity.jwks_file) << ")";

  std::unique_ptr<discipline::ports::PersonnelDirectory> personnel;
  if (config.has_simpeg() && config.has_personnel()) {
    LOG(ERROR) << "personnel: configure simpeg { } or personnel { }, not both";
    return 2;
  }
  if (config.has_simpeg()) {
    auto simpeg = discipline::personnel::SimpegDirectory::Create(config.simpeg(), clock);
    if (!simpeg.ok()) {
      LOG(ERROR) << "simpeg: " << simpeg.status();
      return 2;
    }
    LOG(INFO) << "personnel: SIMPEG " << config.simpeg().database() << " via " << config.simpeg().mapping_file();
    personnel = std::move(*simpeg);
  } else if (config.has_personnel()) {
    // A REST SIMPEG or SIASN (README, "Personnel sources"); SIASN's code
    // table reads its golongan and riwayat codes.
    static absl::StatusOr<discipline::domain::SiasnCodes> personnel_codes =
        discipline::config::LoadSiasnCodes(config.siasn());
    if (!personnel_codes.ok()) {
      LOG(ERROR) << "siasn: " << personnel_codes.status();
      return 2;
    }
    auto source =
        discipline::personnel::MakePersonnelSource(config.personnel(), config.siasn(), &*personnel_codes, clock);
    if (!source.ok()) {
      LOG(ERROR) << "personnel: " << source.status();
      return 2;
    }
    LOG(INFO) << "personnel: "
              << (config.personnel().has_rest() ? "REST " + config.personnel().rest().url_template()
                                                : std::string("SIASN data-utama"));
    personnel = std::move(*source);
  } else {
    LOG(WARNING) << "personnel: no simpeg { } in the config; FileCase will be refused";
    personnel = std::make_unique<UnconfiguredDirectory>();
  }

  std::unique_ptr<discipline::ports::DocumentStore> documents;
  if (const auto& d = config.documents(); d.has_webdav()) {
    discipline::documents::WebDavOptions o;
    o.base_url = d.webdav().base_url();
    o.credentials_file = d.webdav().credentials_file();
    o.spool_dir = d.webdav().spool_dir().empty() ? "/tmp" : d.webdav().spool_dir();
    if (d.webdav().connect_timeout_seconds() > 0)
      o.connect_timeout = absl::Seconds(d.webdav().connect_timeout_seconds());
    if (d.webdav().timeout_seconds() > 0) o.timeout = absl::Seconds(d.webdav().timeout_seconds());
    auto webdav = discipline::documents::WebDavStore::Create(o);
    if (!webdav.ok()) {
      LOG(ERROR) << "documents: " << webdav.status();
      return 2;
    }
    if (const absl::Status& reach = (*webdav)->start_check(); !reach.ok()) {
      LOG(WARNING) << "documents: WebDAV " << o.base_url << " does not answer now (" << reach.message()
                   << "); document calls answer UNAVAILABLE until it does";
    } else {
      LOG(INFO) << "documents: WebDAV " << o.base_url;
    }
    documents = std::move(*webdav);
  } else if (!d.local_dir().empty()) {
    auto local = discipline::documents::LocalStore::Create(d.local_dir());
    if (!local.ok()) {
      LOG(ERROR) << "documents: " << local.status();
      return 2;
    }
    LOG(INFO) << "documents: local store " << d.local_dir();
    documents = std::move(*local);
  } else {
    LOG(WARNING) << "documents: no documents { } in the config; DocumentService answers UNIMPLEMENTED";
  }

  std::unique_ptr<Connection> db;
  std::unique_ptr<discipline::mariadb::CaseStore> store;
  std::unique_ptr<discipline::app::CaseUseCases> cases;
  std::unique_ptr<discipline::notify::SmtpNotifier> smtp_notifier;
  std::unique_ptr<discipline::notify::WhatsappNotifier> whatsapp_notifier;
  std::unique_ptr<discipline::mariadb::NotificationStore> notification_store;
  std::unique_ptr<discipline::app::NotificationDispatcher> dispatcher;
  std::unique_ptr<discipline::app::ReportUseCases> reports;
  std::unique_ptr<discipline::letters::CairoLetterRenderer> letter_renderer;
  std::unique_ptr<discipline::app::LetterUseCases> letters;
  // GET /metrics: the calls (counted by the server) and the database's
  // figures, read at scrape time through a port.
  discipline::metrics::Registry metrics;
  discipline::metrics::RegisterProcessMetrics(metrics);
  std::unique_ptr<discipline::mariadb::OperationalStatsStore> operational_stats;
  std::unique_ptr<discipline::metrics::OperationalGauges> operational_gauges;
  // SIASN's code table: the built-in one unless the config names a file.
  auto siasn_codes = discipline::config::LoadSiasnCodes(config.siasn());
  if (!siasn_codes.ok()) {
    LOG(ERROR) << "siasn: " << siasn_codes.status();
    return 2;
  }
  LOG(INFO) << "siasn: code table " << siasn_codes->version
            << (SiasnApiBase(config.siasn()).empty() ? "; no API base, records wait in the outbox"
                                                     : "; records go to " + SiasnApiBase(config.siasn()));
  if (!absl::GetFlag(FLAGS_no_db)) {
    auto conn = PrepareDatabase();
    if (!conn.ok()) {
      LOG(ERROR) << "database: " << conn.status();
      return 3;
    }
    db = std::move(*conn);
    // The reporter key (README, "The sealed reporter"): a configured file
    // that cannot be read, or a key other than the one the stored reporters
    // were sealed with, stops the server before it serves.
    std::shared_ptr<const discipline::adapters::ReporterSeal> seal;
    if (const std::string& key_file = config.reporter_key_file(); !key_file.empty()) {
      auto loaded = discipline::adapters::ReporterSeal::FromKeyFile(key_file);
      if (!loaded.ok()) {
        LOG(ERROR) << loaded.status().message();
        return 2;
      }
      seal = *std::move(loaded);
      LOG(INFO) << "reporter: sealed under reporter key " << seal->key_id() << " (" << key_file << ")";
    } else {
      LOG(WARNING) << "reporter: no reporter_key_file in the config; a filing with a reporter is refused";
    }
    store = std::make_unique<discipline::mariadb::CaseStore>(
        DbOptions(absl::GetFlag(FLAGS_db_user), absl::GetFlag(FLAGS_db_password_file)),
        absl::GetFlag(FLAGS_db_pool_size),
        discipline::mariadb::FilingBatchOptions{std::max(1, absl::GetFlag(FLAGS_filing_batch_max))}, seal);
    if (const absl::Status key = store->CheckReporterKey(); !key.ok()) {
      LOG(ERROR) << "reporter: " << key.message();
      return 2;
    }
    // Migration 0011: reporters still in plain text in case_proto are
    // sealed, each with its audit event, before the server serves.
    {
      discipline::mariadb::SealRun total;
      for (std::string after;;) {
        auto page = store->SealReporters(after, 500);
        if (!page.ok()) {
          LOG(ERROR) << "reporter: sealing the reporters written before migration 0011: " << page.status().message();
          return 2;
        }
        total.sealed += page->sealed;
        total.failed += page->failed;
        if (!page->last_error.empty()) total.last_error = page->last_error;
        if (page->read == 0) break;
        after = page->last_case_id;
      }
      if (total.sealed > 0 || total.failed > 0) {
        LOG(INFO) << "reporter: sealed the reporters of " << total.sealed << " cases written before migration 0011"
                  << (total.failed > 0
                          ? absl::StrCat("; ", total.failed, " could not be read (last: ", total.last_error, ")")
                          : "");
      }
    }
    discipline::app::Deps case_deps{*store,          *personnel,
                                    rules->engine,   rules->calendar,
                                    clock,           &discipline::mariadb::NewCaseId,
                                    documents.get(), &*policy,
                                    &*siasn_codes,   config.siasn().document_base_uri(),
                                    store.get()};
    // Notifications: the channels configured, the outbox on its own
    // connection (migration 0022).
    if (!absl::GetFlag(FLAGS_smtp_url).empty()) {
      auto smtp = discipline::notify::SmtpNotifier::Create(
          {.url = absl::GetFlag(FLAGS_smtp_url),
           .from = absl::GetFlag(FLAGS_smtp_from),
           .from_name = absl::GetFlag(FLAGS_smtp_from_name),
           .user = absl::GetFlag(FLAGS_smtp_user),
           .password_file = absl::GetFlag(FLAGS_smtp_password_file),
           .require_tls = absl::GetFlag(FLAGS_smtp_require_tls),
           .timeout = absl::Seconds(std::max(1, absl::GetFlag(FLAGS_smtp_timeout_seconds)))});
      if (!smtp.ok()) {
        LOG(ERROR) << "notify: " << smtp.status();
        return 2;
      }
      smtp_notifier = *std::move(smtp);
      case_deps.notify_email = true;
    }
    if (!absl::GetFlag(FLAGS_whatsapp_url).empty()) {
      auto wa = discipline::notify::WhatsappNotifier::Create(
          {.url = absl::GetFlag(FLAGS_whatsapp_url), .token_file = absl::GetFlag(FLAGS_whatsapp_token_file)});
      if (!wa.ok()) {
        LOG(ERROR) << "notify: " << wa.status();
        return 2;
      }
      whatsapp_notifier = *std::move(wa);
      case_deps.notify_whatsapp = true;
    }
    if (smtp_notifier != nullptr || whatsapp_notifier != nullptr) {
      notification_store = std::make_unique<discipline::mariadb::NotificationStore>(
          DbOptions(absl::GetFlag(FLAGS_db_user), absl::GetFlag(FLAGS_db_password_file)));
      dispatcher = std::make_unique<discipline::app::NotificationDispatcher>(*notification_store);
      if (smtp_notifier != nullptr) dispatcher->AddChannel(smtp_notifier.get());
      if (whatsapp_notifier != nullptr) dispatcher->AddChannel(whatsapp_notifier.get());
      LOG(INFO) << "notify: " << (smtp_notifier != nullptr ? "e-mail " : "")
                << (whatsapp_notifier != nullptr ? "whatsapp " : "") << "notifications on";
    }
    cases = std::make_unique<discipline::app::CaseUseCases>(std::move(case_deps));
    reports = std::make_unique<discipline::app::ReportUseCases>(*store, clock, *policy);
    if (documents != nullptr) {
      letter_renderer = std::make_unique<discipline::letters::CairoLetterRenderer>(LetterheadOf(config.letterhead()));
      letters = std::make_unique<discipline::app::LetterUseCases>(discipline::app::LetterDeps{
          *cases, *store, *documents, *letter_renderer, rules->engine, clock, discipline::letters::BuiltinTemplates(),
          config.letterhead().place(), &*policy, personnel.get()});
    }
    operational_stats = std::make_unique<discipline::mariadb::OperationalStatsStore>(
        DbOptions(absl::GetFlag(FLAGS_db_user), absl::GetFlag(FLAGS_db_password_file)), *store);
    operational_gauges = std::make_unique<discipline::metrics::OperationalGauges>(
        *operational_stats, clock, &discipline::app::JakartaDay,
        absl::Seconds(std::max(0, absl::GetFlag(FLAGS_metrics_cache_seconds))));
    operational_gauges->Register(metrics);
  }

  discipline::grpc_api::ServerOptions options;
  options.listen = absl::GetFlag(FLAGS_listen);
  options.shutdown_grace = absl::Seconds(absl::GetFlag(FLAGS_shutdown_grace_seconds));
  options.worker_threads = absl::GetFlag(FLAGS_worker_threads);
  options.max_queued_calls = absl::GetFlag(FLAGS_max_queued_calls);
  options.log_calls = absl::GetFlag(FLAGS_log_calls);
  if (const auto& tls = config.tls(); !tls.cert_file().empty()) {
    auto cert = discipline::mariadb::ReadSecretFile(tls.cert_file());
    auto key = discipline::mariadb::ReadSecretFile(tls.key_file());
    if (!cert.ok() || !key.ok()) {
      LOG(ERROR) << "tls: cannot read " << tls.cert_file() << " or " << tls.key_file();
      return 2;
    }
    options.tls_cert = *cert;
    options.tls_key = *key;
    if (!tls.client_ca_file().empty()) {
      auto ca = discipline::mariadb::ReadSecretFile(tls.client_ca_file());
      if (!ca.ok()) {
        LOG(ERROR) << "tls: cannot read " << tls.client_ca_file();
        return 2;
      }
      options.tls_client_ca = *ca;
    }
    options.require_client_cert = tls.require_client_cert();
    if (options.require_client_cert && options.tls_client_ca.empty()) {
      LOG(ERROR) << "tls: require_client_cert needs client_ca_file";
      return 2;
    }
  }
  // The agency's BSrE e-sign service (DocumentService.SignDocument).
  std::unique_ptr<discipline::esign::BsreSigner> signer;
  std::unique_ptr<discipline::app::SignUseCases> signing;
  if (const auto& e = config.esign(); !e.base_url().empty()) {
    if (absl::Status s = discipline::adapters::RequireTlsOffLoopback(e.base_url(), "esign.base_url"); !s.ok()) {
      LOG(ERROR) << "config: " << s;
      return 2;
    }
    discipline::esign::BsreOptions o;
    o.base_url = e.base_url();
    o.user = e.user();
    if (!e.password_file().empty()) {
      auto password = discipline::mariadb::ReadSecretFile(e.password_file());
      if (!password.ok()) {
        LOG(ERROR) << "esign: cannot read " << e.password_file();
        return 2;
      }
      o.password = *password;
    }
    if (e.timeout_seconds() > 0) o.timeout = absl::Seconds(e.timeout_seconds());
    if (!e.reason().empty()) o.reason = e.reason();
    o.location = e.location();
    signer = std::make_unique<discipline::esign::BsreSigner>(o);
    LOG(INFO) << "esign: SKs are signed through " << e.base_url();
  }
  if (cases != nullptr && documents != nullptr) {
    signing = std::make_unique<discipline::app::SignUseCases>(*cases, *store, *documents, signer.get());
  }
  discipline::grpc_api::ServerDeps deps{&rules->engine, &rules->calendar, cases.get(), documents.get()};
  if (config.documents().max_upload_bytes() > 0) deps.max_upload_bytes = config.documents().max_upload_bytes();
  deps.verifier = verifier->get();
  deps.reports = reports.get();
  deps.letters = letters.get();
  deps.uploads = store.get();
  {
    const auto& d = config.documents();
    if (d.max_documents_per_case() > 0) deps.upload_limits.max_documents_per_case = d.max_documents_per_case();
    if (d.max_bytes_per_case() > 0) deps.upload_limits.max_bytes_per_case = d.max_bytes_per_case();
    if (d.max_concurrent_uploads_per_caller() > 0) {
      deps.upload_limits.max_concurrent_uploads_per_caller = d.max_concurrent_uploads_per_caller();
    }
    if (d.max_bytes_per_caller_per_day() > 0) {
      deps.upload_limits.max_bytes_per_caller_per_day = d.max_bytes_per_caller_per_day();
    }
  }
  deps.policy = &*policy;
  deps.metrics = &metrics;
  deps.signing = signing.get();
  auto server = discipline::grpc_api::Server::Start(options, deps);
  if (!server.ok()) {
    LOG(ERROR) << server.status();
    return server.status().code() == absl::StatusCode::kInvalidArgument ? 2 : 4;
  }
  if (const std::string path = absl::GetFlag(FLAGS_port_file); !path.empty()) {
    std::ofstream(path + ".tmp") << (*server)->port() << "\n";
    std::rename((path + ".tmp").c_str(), path.c_str());
  }
  LOG(INFO) << "serving on port " << (*server)->port();

  // What the health thread below last saw of the case database (GET /healthz).
  std::atomic<bool> database_up{true};
  // The intranet's JSON gateway, over the in-process channel.
  std::unique_ptr<discipline::http::Gateway> gateway;
  if (const std::string listen = absl::GetFlag(FLAGS_http_listen); !listen.empty()) {
    discipline::http::GatewayOptions o;
    o.listen = listen;
    if (config.http().frame_ancestors_size() > 0)
      o.frame_ancestors = absl::StrJoin(config.http().frame_ancestors(), " ");
    o.cors_origins.assign(config.http().cors_origins().begin(), config.http().cors_origins().end());
    if (config.http().max_body_bytes() > 0) o.max_body_bytes = config.http().max_body_bytes();
    o.operations.metrics = [&metrics] { return metrics.Render(); };
    o.operations.healthy = [&database_up] { return database_up.load(); };
    auto started = discipline::http::Gateway::Start(o, (*server)->InProcessChannel());
    if (!started.ok()) {
      LOG(ERROR) << started.status();
      (*server)->Shutdown();
      return 4;
    }
    gateway = *std::move(started);
    LOG(INFO) << "http: serving on port " << gateway->port() << " (" << gateway->routes().size() << " routes)";
    if (const std::string path = absl::GetFlag(FLAGS_http_port_file); !path.empty()) {
      std::ofstream(path + ".tmp") << gateway->port() << "\n";
      std::rename((path + ".tmp").c_str(), path.c_str());
    }
  }

  // The SIASN outbox sender's connection (read before any background work
  // starts, so that a bad secret stops the server cleanly).
  std::unique_ptr<discipline::siasn::Sender> sender;
  absl::Duration siasn_every, siasn_ttl;
  if (store != nullptr && !SiasnApiBase(config.siasn()).empty()) {
    const auto& s = config.siasn();
    discipline::siasn::SenderOptions o;
    o.token_url = s.token_url();
    o.api_base = SiasnApiBase(s);
    o.client_id = s.client_id();
    o.sso_token_url = s.sso_token_url();
    o.sso_client_id = s.sso_client_id();
    o.sso_username = s.sso_username();
    o.sso_token_file = s.sso_token_file();
    for (auto [file, into] :
         {std::pair{&s.client_secret_file(), &o.client_secret}, std::pair{&s.sso_password_file(), &o.sso_password}}) {
      if (file->empty()) continue;
      auto secret = discipline::mariadb::ReadSecretFile(*file);
      if (!secret.ok()) {
        LOG(ERROR) << "siasn: cannot read " << *file;
        (*server)->Shutdown();
        return 2;
      }
      *into = *secret;
    }
    if (documents == nullptr) {
      LOG(ERROR) << "siasn: the SK is attached from the document store; configure documents { }";
      (*server)->Shutdown();
      return 2;
    }
    if (s.timeout_seconds() > 0) o.timeout = absl::Seconds(s.timeout_seconds());
    siasn_every = absl::Seconds(s.poll_seconds() > 0 ? s.poll_seconds() : 5);
    // Outlasts a pass of timeouts (a save, a look-up and an attachment per
    // record).
    siasn_ttl = 3 * siasn_every + 3 * o.timeout * kSiasnBatch;
    sender = std::make_unique<discipline::siasn::Sender>(*store, *documents, o);
  }

  // Health follows the case database: NOT_SERVING while it does not answer,
  // so a load balancer or supervisor sends no writes that would all fail.
  absl::Notification stopping;
  std::thread health;
  if (store != nullptr) {
    health = std::thread([&, server = server->get()] {
      bool serving = true;
      const absl::Duration every = absl::Seconds(std::max(1, absl::GetFlag(FLAGS_health_check_seconds)));
      while (!stopping.WaitForNotificationWithTimeout(every)) {
        const absl::Status ping = store->Ping();
        if (ping.ok() != serving) {
          serving = ping.ok();
          if (serving) {
            LOG(INFO) << "database: answering again; health SERVING";
          } else {
            LOG(WARNING) << "database: " << ping << "; health NOT_SERVING until it answers";
          }
        }
        server->SetServing(serving);
        database_up.store(serving);
      }
    });
  }

  // Background work, one replica at a time: each job runs on the holder of
  // its database lease; each run is also safe to repeat.
  std::vector<std::thread> background;
  if (cases != nullptr && absl::GetFlag(FLAGS_escalation_interval_seconds) > 0) {
    const absl::Duration every = absl::Seconds(absl::GetFlag(FLAGS_escalation_interval_seconds));
    background.push_back(UnderLease(*store, "follow_up_escalation", every, 3 * every, stopping, [&] {
      auto run = cases->EscalateFollowUps();
      if (!run.ok()) {
        LOG(WARNING) << "escalation: " << run.status();
      } else if (run->steps > 0 || run->failed > 0) {
        LOG(INFO) << "escalation: " << run->steps << " follow-up steps stored, " << run->failed
                  << " cases left for the next run" << (run->failed > 0 ? " (last: " + run->last_error + ")" : "");
      }
    }));
  }
  // Migration 0010: the report columns of the cases written before 0008;
  // migration 0013: the violation claims of the cases filed before it (one
  // violation, one punishment).
  if (store != nullptr) {
    background.push_back(
        Backfill(stopping, "report columns", "filled", "written before migration 0008",
                 [&](const std::string& after, int limit) { return store->BackfillReportColumns(after, limit); }));
    background.push_back(
        Backfill(stopping, "violation claims", "claimed", "filed before migration 0013",
                 [&](const std::string& after, int limit) { return store->BackfillViolationClaims(after, limit); }));
  }
  if (sender != nullptr) {
    background.push_back(UnderLease(*store, "siasn_sender", siasn_every, siasn_ttl, stopping, [&] {
      auto run = sender->RunOnce(kSiasnBatch);
      if (!run.ok()) {
        LOG(WARNING) << "siasn: outbox: " << run.status();
      } else if (run->delivered + run->retried + run->refused > 0) {
        LOG(INFO) << "siasn: " << run->delivered << " records delivered, " << run->retried << " to retry, "
                  << run->refused << " refused" << (run->last_error.empty() ? "" : " (last: " + run->last_error + ")");
      }
    }));
  }

  if (dispatcher != nullptr) {
    const absl::Duration every = absl::Seconds(std::max(1, absl::GetFlag(FLAGS_notify_interval_seconds)));
    // Outlasts a pass of SMTP timeouts (50 notifications, 30 s each).
    background.push_back(UnderLease(*store, "notify", every, every + absl::Minutes(30), stopping, [&] {
      auto run = dispatcher->RunOnce(50);
      if (!run.ok()) {
        LOG(WARNING) << "notify: outbox: " << run.status();
      } else if (run->sent + run->retried + run->refused > 0) {
        LOG(INFO) << "notify: " << run->sent << " sent, " << run->retried << " to retry, " << run->refused << " refused"
                  << (run->last_error.empty() ? "" : " (last: " + run->last_error + ")");
      }
    }));
  }

  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  stopping.Notify();
  if (health.joinable()) health.join();
  for (std::thread& t : background) t.join();
  if (gateway != nullptr) gateway->Stop();
  LOG(INFO) << "signal " << signal_number << ": shutting down (grace " << absl::GetFlag(FLAGS_shutdown_grace_seconds)
            << " s)";
  (*server)->Shutdown();
  if (store != nullptr) {
    const auto stats = store->filing_stats();
    LOG(INFO) << "filings: " << stats.filings << " in " << stats.batches << " batches (largest " << stats.largest_batch
              << ", " << (stats.batches == 0 ? 0.0 : absl::ToDoubleMilliseconds(stats.writing) / stats.batches)
              << " ms per batch)";
  }
  letters.reset();
  cases.reset();
  reports.reset();
  operational_gauges.reset();
  operational_stats.reset();
  store.reset();
  db.reset();
  LOG(INFO) << "stopped";
  return 0;
}
