#include "service/bootstrap/bootstrap.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <set>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "adapters/common/reporter_seal.h"
#include "adapters/common/url_policy.h"
#include "adapters/documents/local_store.h"
#include "adapters/documents/webdav_store.h"
#include "adapters/mariadb/migrations.h"
#include "adapters/personnel/personnel_source.h"
#include "adapters/personnel/simpeg_directory.h"
#include "glog/logging.h"
#include "service/common/status_macros.h"
#include "service/letters/letter_templates.h"

namespace discipline::bootstrap {
namespace {

using mariadb::Connection;
using mariadb::ConnectionOptions;

constexpr int kCalendarWarningDays = 90;
// SIASN records posted per pass (the lease outlasts a pass of timeouts).
constexpr int kSiasnBatch = 20;

absl::Status ConfigError(absl::Status s) { return Refuse(ExitStatus::kConfig, std::move(s)); }
absl::Status ConfigError(absl::string_view what) {
  return Refuse(ExitStatus::kConfig, absl::FailedPreconditionError(what));
}
// `s` with `prefix: ` before its message.
absl::Status Prefixed(absl::string_view prefix, const absl::Status& s) {
  return absl::Status(s.code(), absl::StrCat(prefix, ": ", s.message()));
}

// SIASN's API base: api_base, or the hukdis/save endpoint without its path.
std::string SiasnApiBase(const cfg::SiasnConnection& s) {
  if (!s.api_base().empty()) return s.api_base();
  std::string base = s.endpoint();
  const absl::string_view save = "/apisiasn/1.0/hukdis/save";
  if (absl::EndsWith(base, save)) base.resize(base.size() - save.size());
  return base;
}

// Stands in when the configuration names no SIMPEG: filing a case needs the
// employee's data, so it is refused with a clear reason.
class UnconfiguredDirectory final : public ports::PersonnelDirectory {
 public:
  absl::StatusOr<domain::EmployeeSnapshot> GetEmployee(const std::string&) override { return Refuse(); }
  absl::StatusOr<std::vector<domain::EmployeeSnapshot>> SuperiorChain(const std::string&, int) override {
    return Refuse();
  }
  absl::StatusOr<domain::Agency> GetAgency(const std::string&) override { return Refuse(); }

 private:
  static absl::Status Refuse() {
    return absl::FailedPreconditionError("no personnel database (simpeg { ... }) is configured for this server");
  }
};

absl::StatusOr<ConnectionOptions> DbOptions(const ServerOptions& o, const std::string& user,
                                            const std::string& password_file) {
  ConnectionOptions c;
  c.socket = o.db_socket;
  c.host = o.db_host;
  c.port = o.db_port;
  c.database = o.db_name;
  c.user = user;
  c.wsrep_sync_wait = o.db_wsrep_sync_wait;
  c.ssl_ca = o.db_ssl_ca;
  if (!password_file.empty()) {
    auto pw = mariadb::ReadSecretFile(password_file);
    if (!pw.ok()) return ConfigError(pw.status());
    c.password = *pw;
  }
  return c;
}

// The letters' letterhead (ServerConfig.letterhead).
letters::Letterhead LetterheadOf(const cfg::Letterhead& c) {
  letters::Letterhead h;
  h.names.assign(c.names().begin(), c.names().end());
  h.address = c.address();
  h.logo_png_path = c.logo_png_path();
  if (!c.paper().empty()) h.paper = c.paper();
  return h;
}

// The recorded migrations that `migrations` does not hold (by version), as
// their recorded names; the table read on `conn`.
absl::StatusOr<std::vector<std::string>> UnknownMigrations(Connection& conn, const EmbeddedFileList& migrations) {
  auto rows = conn.Query("SELECT version, name FROM schema_migrations ORDER BY version");
  if (!rows.ok()) return rows.status();
  std::set<int> known;
  for (const EmbeddedFile& f : migrations) {
    int v = 0;
    if (absl::SimpleAtoi(f.name.substr(0, 4), &v)) known.insert(v);
  }
  std::vector<std::string> unknown;
  for (const auto& r : *rows) {
    int v = 0;
    if (!absl::SimpleAtoi(r[0].value_or(""), &v) || !known.contains(v)) unknown.push_back(r[1].value_or("?"));
  }
  return unknown;
}

// kSchemaTooNew when `conn`'s database has migrations this binary does not
// know: an older binary on a newer schema does not start (docs/operations.md,
// "An older binary on a newer schema").
absl::Status RefuseNewerSchema(Connection& conn, const EmbeddedFileList& migrations) {
  auto unknown = UnknownMigrations(conn, migrations);
  if (!unknown.ok()) return absl::OkStatus();  // no table yet: a fresh database
  if (unknown->empty()) return absl::OkStatus();
  const std::string last = migrations.size() == 0 ? "none" : std::string(migrations.back().name);
  return Refuse(
      ExitStatus::kSchemaTooNew,
      absl::FailedPreconditionError(absl::StrCat(
          "the schema is newer than this binary: the database has migration", unknown->size() > 1 ? "s " : " ",
          absl::StrJoin(*unknown, ", "), " that this binary does not know (its last is ", last,
          "); refusing to start: run the binary that applied them, or restore the backup taken before "
          "the upgrade")));
}

}  // namespace

void WriteFileAtomically(const std::string& path, const std::string& value) {
  std::ofstream(path + ".tmp") << value << "\n";
  std::rename((path + ".tmp").c_str(), path.c_str());
}

absl::StatusOr<cfg::ServerConfig> LoadConfig(const ServerOptions& options) {
  cfg::ServerConfig config;
  if (options.config.empty()) return config;
  auto loaded = config::LoadServerConfigFile(options.config);
  if (!loaded.ok()) return ConfigError(Prefixed(absl::StrCat("config ", options.config), loaded.status()));
  return *loaded;
}

absl::StatusOr<config::LoadedRules> LoadRules(const cfg::ServerConfig& config) {
  auto rules = config::LoadRules(config);
  if (!rules.ok()) return ConfigError(Prefixed("rules", rules.status()));
  LOG(INFO) << "rules " << rules->engine.version() << ", calendar " << rules->calendar.Version() << " ("
            << rules->calendar.first_year() << "-" << rules->calendar.last_year() << ")";
  // Deadlines run up to a few months ahead (delivery 14 working days,
  // remedies, the effective date): warn while there is time to add the next
  // year's holiday decree.
  if (const int left = rules->calendar.DaysCovered(app::JakartaDay(absl::Now())); left < kCalendarWarningDays) {
    LOG(WARNING) << "calendar: covers " << rules->calendar.last_year() << " as its last year, " << left
                 << " days from today; deadlines that reach " << rules->calendar.last_year() + 1
                 << " are refused (FAILED_PRECONDITION) until that year's holiday decree is added (docs/law.md "
                    "\"Legal updates without touching C++\")";
  }
  return rules;
}

absl::StatusOr<Identity> PrepareIdentity(const ServerOptions& options, const cfg::ServerConfig& config,
                                         const ports::Clock& clock) {
  Identity out;
  auto policy = config::ToPolicy(config.access());
  if (!policy.ok()) return ConfigError(policy.status());
  out.policy = *std::move(policy);
  if (!config.has_identity()) {
    return ConfigError(
        "identity: the config has no identity { issuer audience jwks_file|jwks_uri }: every call needs a verified "
        "token (docs/identity.md, \"Identity\")");
  }
  identity::VerifierOptions id;
  id.issuer = config.identity().issuer();
  id.audience = config.identity().audience();
  id.jwks_file = config.identity().jwks_file();
  id.jwks_uri = config.identity().jwks_uri();
  if (config.identity().max_skew_seconds() > 0) id.max_skew = absl::Seconds(config.identity().max_skew_seconds());
  if (config.identity().refetch_interval_seconds() > 0) {
    id.refetch_interval = absl::Seconds(config.identity().refetch_interval_seconds());
  }
  id.client_id = config.identity().client_id();
  id.authorized_parties.assign(config.identity().authorized_parties().begin(),
                               config.identity().authorized_parties().end());
  // OpenID discovery from the issuer URL, and the agency's claim names
  // (IdentityConfig in proto/asn/discipline/config/v1/server.proto).
  if (const std::string& oidc = config.identity().oidc_issuer(); !oidc.empty()) {
    if (!id.issuer.empty() && id.issuer != oidc) {
      return ConfigError("identity: issuer and oidc_issuer differ; give oidc_issuer alone");
    }
    id.issuer = oidc;
    id.discover = true;
  }
  id.nip_claim = config.identity().nip_claim();
  id.agency_claim = config.identity().agency_claim();
  id.roles_claim = config.identity().roles_claim();
  // Outside services over TLS only, except on loopback (docs/security.md).
  if (absl::Status s =
          adapters::RequireTlsOffLoopback({{"identity.jwks_uri", config.identity().jwks_uri()},
                                           {"siasn.token_url", config.siasn().token_url()},
                                           {"siasn.endpoint", config.siasn().endpoint()},
                                           {"siasn.api_base", config.siasn().api_base()},
                                           {"siasn.sso_token_url", config.siasn().sso_token_url()},
                                           {"documents.webdav.base_url", config.documents().webdav().base_url()}});
      !s.ok()) {
    return ConfigError(Prefixed("config", s));
  }
  // The gateway speaks plaintext HTTP: on loopback only, behind the
  // intranet's TLS proxy, as the gRPC port without tls { }.
  if (!options.http_listen.empty() && !grpc_api::IsLoopback(options.http_listen)) {
    return ConfigError(absl::StrCat("http: plaintext on ", options.http_listen,
                                    " is refused; listen on loopback behind the intranet's TLS proxy"));
  }
  auto verifier = identity::JwtVerifier::Create(id, clock);
  if (!verifier.ok()) return ConfigError(verifier.status());
  out.verifier = *std::move(verifier);
  LOG(INFO) << "identity: tokens of " << id.issuer << " for " << id.audience << " ("
            << (id.jwks_file.empty() ? id.jwks_uri : id.jwks_file) << ")";
  return out;
}

absl::StatusOr<std::unique_ptr<ports::PersonnelDirectory>> OpenPersonnel(const cfg::ServerConfig& config,
                                                                         const ports::Clock& clock) {
  if (config.has_simpeg() && config.has_personnel()) {
    return ConfigError("personnel: configure simpeg { } or personnel { }, not both");
  }
  if (config.has_simpeg()) {
    auto simpeg = personnel::SimpegDirectory::Create(config.simpeg(), clock);
    if (!simpeg.ok()) return ConfigError(Prefixed("simpeg", simpeg.status()));
    LOG(INFO) << "personnel: SIMPEG " << config.simpeg().database() << " via " << config.simpeg().mapping_file();
    return std::unique_ptr<ports::PersonnelDirectory>(std::move(*simpeg));
  }
  if (config.has_personnel()) {
    // A REST SIMPEG or SIASN (docs/personnel.md, "Personnel sources"); SIASN's code
    // table reads its golongan and riwayat codes. It outlives the source.
    static absl::StatusOr<domain::SiasnCodes> personnel_codes = config::LoadSiasnCodes(config.siasn());
    if (!personnel_codes.ok()) return ConfigError(Prefixed("siasn", personnel_codes.status()));
    auto source = personnel::MakePersonnelSource(config.personnel(), config.siasn(), &*personnel_codes, clock);
    if (!source.ok()) return ConfigError(Prefixed("personnel", source.status()));
    LOG(INFO) << "personnel: " << personnel::DescribePersonnelSource(config.personnel());
    return std::move(*source);
  }
  LOG(WARNING) << "personnel: no simpeg { } in the config; FileCase will be refused";
  return std::unique_ptr<ports::PersonnelDirectory>(std::make_unique<UnconfiguredDirectory>());
}

absl::StatusOr<std::unique_ptr<ports::DocumentStore>> OpenDocuments(const cfg::ServerConfig& config) {
  const auto& d = config.documents();
  if (d.has_webdav()) {
    documents::WebDavOptions o;
    o.base_url = d.webdav().base_url();
    o.credentials_file = d.webdav().credentials_file();
    o.spool_dir = d.webdav().spool_dir().empty() ? "/tmp" : d.webdav().spool_dir();
    if (d.webdav().connect_timeout_seconds() > 0) {
      o.connect_timeout = absl::Seconds(d.webdav().connect_timeout_seconds());
    }
    if (d.webdav().timeout_seconds() > 0) o.timeout = absl::Seconds(d.webdav().timeout_seconds());
    auto webdav = documents::WebDavStore::Create(o);
    if (!webdav.ok()) return ConfigError(Prefixed("documents", webdav.status()));
    if (const absl::Status& reach = (*webdav)->start_check(); !reach.ok()) {
      LOG(WARNING) << "documents: WebDAV " << o.base_url << " does not answer now (" << reach.message()
                   << "); document calls answer UNAVAILABLE until it does";
    } else {
      LOG(INFO) << "documents: WebDAV " << o.base_url;
    }
    return std::unique_ptr<ports::DocumentStore>(std::move(*webdav));
  }
  if (!d.local_dir().empty()) {
    auto local = documents::LocalStore::Create(d.local_dir());
    if (!local.ok()) return ConfigError(Prefixed("documents", local.status()));
    LOG(INFO) << "documents: local store " << d.local_dir();
    return std::unique_ptr<ports::DocumentStore>(std::move(*local));
  }
  LOG(WARNING) << "documents: no documents { } in the config; DocumentService answers UNIMPLEMENTED";
  return std::unique_ptr<ports::DocumentStore>();
}

absl::StatusOr<std::unique_ptr<Connection>> PrepareDatabase(const ServerOptions& options) {
  const auto& migrations = mariadb::BuiltinMigrations();
  auto database_error = [](const absl::Status& s) { return Refuse(ExitStatus::kDatabase, Prefixed("database", s)); };
  if (!options.db_migrate_user.empty()) {
    auto migrate = DbOptions(options, options.db_migrate_user, options.db_migrate_password_file);
    if (!migrate.ok()) return migrate.status();
    migrate->multi_statements = true;  // migration files hold several statements
    auto admin = Connection::Open(*migrate);
    if (!admin.ok()) return database_error(admin.status());
    // Before anything is applied: a newer schema is left as it is.
    if (absl::Status newer = RefuseNewerSchema(**admin, migrations); !newer.ok()) return newer;
    auto result = mariadb::ApplyMigrations(**admin, migrations);
    if (!result.ok()) return database_error(result.status());
    LOG(INFO) << "migrations: " << result->already_applied << " already applied, " << result->applied.size()
              << " applied now" << (result->applied.empty() ? "" : ": ") << absl::StrJoin(result->applied, ", ");
  }
  auto service = DbOptions(options, options.db_user, options.db_password_file);
  if (!service.ok()) return service.status();
  auto conn = Connection::Open(*service);
  if (!conn.ok()) return database_error(conn.status());
  if (absl::Status newer = RefuseNewerSchema(**conn, migrations); !newer.ok()) return newer;
  auto rows = (*conn)->Query("SELECT COUNT(*) FROM schema_migrations");
  if (!rows.ok()) return database_error(rows.status());
  const std::string count = rows->empty() ? "0" : rows->front()[0].value_or("0");
  if (count != absl::StrCat(migrations.size())) {
    return database_error(
        absl::FailedPreconditionError(absl::StrCat("the database has ", count, " of ", migrations.size(),
                                                   " migrations applied: start once with --db_migrate_user")));
  }
  return std::move(*conn);
}

namespace {

// The reporter key (docs/law.md, "The sealed reporter"): a configured file that
// cannot be read, or a key other than the one the stored reporters were
// sealed with, stops the server before it serves. Null when none is
// configured.
absl::StatusOr<std::shared_ptr<const adapters::ReporterSeal>> LoadReporterSeal(const cfg::ServerConfig& config) {
  const std::string& key_file = config.reporter_key_file();
  if (key_file.empty()) {
    LOG(WARNING) << "reporter: no reporter_key_file in the config; a filing with a reporter is refused";
    return std::shared_ptr<const adapters::ReporterSeal>();
  }
  auto loaded = adapters::ReporterSeal::FromKeyFile(key_file);
  if (!loaded.ok()) return ConfigError(absl::FailedPreconditionError(loaded.status().message()));
  LOG(INFO) << "reporter: sealed under reporter key " << (*loaded)->key_id() << " (" << key_file << ")";
  return std::shared_ptr<const adapters::ReporterSeal>(*std::move(loaded));
}

// Migration 0011: reporters still in plain text in case_proto are sealed,
// each with its audit event, before the server serves.
absl::Status SealOldReporters(mariadb::CaseStore& store) {
  mariadb::SealRun total;
  for (std::string after;;) {
    auto page = store.SealReporters(after, 500);
    if (!page.ok()) {
      return ConfigError(absl::FailedPreconditionError(
          absl::StrCat("reporter: sealing the reporters written before migration 0011: ", page.status().message())));
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
  return absl::OkStatus();
}

// Notifications: the channels configured, the outbox on its own connection
// (migration 0022), the scheduled reminders and digests.
absl::Status OpenNotifications(const ServerOptions& options, const cfg::ServerConfig& config,
                               const config::LoadedRules& rules, const domain::Policy& policy,
                               ports::PersonnelDirectory& personnel, const ports::Clock& clock, Application& a) {
  if (!options.smtp_url.empty()) {
    auto smtp = notify::SmtpNotifier::Create({.url = options.smtp_url,
                                              .from = options.smtp_from,
                                              .from_name = options.smtp_from_name,
                                              .user = options.smtp_user,
                                              .password_file = options.smtp_password_file,
                                              .require_tls = options.smtp_require_tls,
                                              .timeout = absl::Seconds(std::max(1, options.smtp_timeout_seconds))});
    if (!smtp.ok()) return ConfigError(Prefixed("notify", smtp.status()));
    a.smtp = *std::move(smtp);
  }
  if (!options.whatsapp_url.empty()) {
    auto wa =
        notify::WhatsappNotifier::Create({.url = options.whatsapp_url, .token_file = options.whatsapp_token_file});
    if (!wa.ok()) return ConfigError(Prefixed("notify", wa.status()));
    a.whatsapp = *std::move(wa);
  }
  if (a.smtp == nullptr && a.whatsapp == nullptr) return absl::OkStatus();
  auto db = DbOptions(options, options.db_user, options.db_password_file);
  if (!db.ok()) return db.status();
  a.notification_store = std::make_unique<mariadb::NotificationStore>(*db);
  a.dispatcher = std::make_unique<app::NotificationDispatcher>(*a.notification_store);
  if (a.smtp != nullptr) a.dispatcher->AddChannel(a.smtp.get());
  if (a.whatsapp != nullptr) a.dispatcher->AddChannel(a.whatsapp.get());
  LOG(INFO) << "notify: " << (a.smtp != nullptr ? "e-mail " : "") << (a.whatsapp != nullptr ? "whatsapp " : "")
            << "notifications on";
  if (a.smtp != nullptr) {
    const cfg::NotificationConfig& n = config.notifications();
    app::ScheduleSettings settings;
    if (n.has_reminder_working_days()) settings.reminder_working_days = n.reminder_working_days();
    if (n.has_digest_hour()) settings.digest_hour = n.digest_hour();
    if (settings.reminder_working_days < 0 || settings.digest_hour < 0 || settings.digest_hour > 23) {
      return ConfigError("notifications: reminder_working_days must not be negative and digest_hour must be 0 to 23");
    }
    for (const auto& p : n.ppk_addresses()) settings.ppk_email[p.agency_code()] = p.email();
    // On a connection of its own: the dispatcher's may be in a slow send.
    a.scheduled_outbox = std::make_unique<mariadb::NotificationStore>(*db);
    a.scheduled = std::make_unique<app::ScheduledNotifications>(app::ScheduleDeps{
        *a.store, personnel, *a.scheduled_outbox, rules.calendar, clock, policy, std::move(settings)});
  }
  return absl::OkStatus();
}

// The SIASN outbox sender, when the config names SIASN's API (its secrets
// read now, so that a bad one stops the start before any work).
absl::Status PrepareSiasnSender(const cfg::ServerConfig& config, ports::DocumentStore* documents, Application& a) {
  if (SiasnApiBase(config.siasn()).empty()) return absl::OkStatus();
  const auto& s = config.siasn();
  siasn::SenderOptions o;
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
    auto secret = mariadb::ReadSecretFile(*file);
    if (!secret.ok()) return ConfigError(absl::StrCat("siasn: cannot read ", *file));
    *into = *secret;
  }
  if (documents == nullptr) {
    return ConfigError("siasn: the SK is attached from the document store; configure documents { }");
  }
  if (s.timeout_seconds() > 0) o.timeout = absl::Seconds(s.timeout_seconds());
  a.siasn_every = absl::Seconds(s.poll_seconds() > 0 ? s.poll_seconds() : 5);
  // Outlasts a pass of timeouts (a save, a look-up and an attachment per
  // record).
  a.siasn_ttl = 3 * a.siasn_every + 3 * o.timeout * kSiasnBatch;
  a.siasn_sender = std::make_unique<siasn::Sender>(*a.store, *documents, o);
  return absl::OkStatus();
}

// The agency's BSrE e-sign service (DocumentService.SignDocument).
absl::Status PrepareSigning(const cfg::ServerConfig& config, ports::DocumentStore* documents, Application& a) {
  if (const auto& e = config.esign(); !e.base_url().empty()) {
    if (absl::Status s = adapters::RequireTlsOffLoopback(e.base_url(), "esign.base_url"); !s.ok()) {
      return ConfigError(Prefixed("config", s));
    }
    esign::BsreOptions o;
    o.base_url = e.base_url();
    o.user = e.user();
    if (!e.password_file().empty()) {
      auto password = mariadb::ReadSecretFile(e.password_file());
      if (!password.ok()) return ConfigError(absl::StrCat("esign: cannot read ", e.password_file()));
      o.password = *password;
    }
    if (e.timeout_seconds() > 0) o.timeout = absl::Seconds(e.timeout_seconds());
    if (!e.reason().empty()) o.reason = e.reason();
    o.location = e.location();
    a.signer = std::make_unique<esign::BsreSigner>(o);
    LOG(INFO) << "esign: SKs are signed through " << e.base_url();
  }
  if (a.cases != nullptr && documents != nullptr) {
    a.signing = std::make_unique<app::SignUseCases>(*a.cases, *a.store, *documents, a.signer.get());
  }
  return absl::OkStatus();
}

}  // namespace

// One piece: the order of these steps is the order of the dependencies
// between the parts (each is a few lines; the helpers above hold the rest).
absl::StatusOr<std::unique_ptr<Application>> BuildApplication(
    const ServerOptions& options, const cfg::ServerConfig& config, const config::LoadedRules& rules,
    const domain::Policy& policy, ports::PersonnelDirectory& personnel, ports::DocumentStore* documents,
    const ports::Clock& clock, metrics::Registry& metrics) {
  auto a = std::make_unique<Application>();
  // SIASN's code table: the built-in one unless the config names a file.
  auto codes = config::LoadSiasnCodes(config.siasn());
  if (!codes.ok()) return ConfigError(Prefixed("siasn", codes.status()));
  a->siasn_codes = *std::move(codes);
  LOG(INFO) << "siasn: code table " << a->siasn_codes.version
            << (SiasnApiBase(config.siasn()).empty() ? "; no API base, records wait in the outbox"
                                                     : "; records go to " + SiasnApiBase(config.siasn()));
  if (options.no_db) {
    RETURN_IF_ERROR(PrepareSigning(config, documents, *a));
    return a;
  }
  ASSIGN_OR_RETURN(a->db, PrepareDatabase(options));
  ASSIGN_OR_RETURN(std::shared_ptr<const adapters::ReporterSeal> seal, LoadReporterSeal(config));
  ASSIGN_OR_RETURN(ConnectionOptions db, DbOptions(options, options.db_user, options.db_password_file));
  a->store = std::make_unique<mariadb::CaseStore>(
      db, options.db_pool_size, mariadb::FilingBatchOptions{std::max(1, options.filing_batch_max)}, seal);
  if (const absl::Status key = a->store->CheckReporterKey(); !key.ok()) {
    return ConfigError(absl::FailedPreconditionError(absl::StrCat("reporter: ", key.message())));
  }
  RETURN_IF_ERROR(SealOldReporters(*a->store));
  RETURN_IF_ERROR(OpenNotifications(options, config, rules, policy, personnel, clock, *a));
  app::Deps case_deps{*a->store,           personnel, rules.engine, rules.calendar,  clock,
                      &mariadb::NewCaseId, documents, &policy,      &a->siasn_codes, config.siasn().document_base_uri(),
                      a->store.get()};
  case_deps.notify_email = a->smtp != nullptr;
  case_deps.notify_whatsapp = a->whatsapp != nullptr;
  a->cases = std::make_unique<app::CaseUseCases>(std::move(case_deps));
  a->reports = std::make_unique<app::ReportUseCases>(*a->store, clock, policy);
  if (documents != nullptr) {
    a->letter_renderer = std::make_unique<letters::CairoLetterRenderer>(LetterheadOf(config.letterhead()));
    a->letters = std::make_unique<app::LetterUseCases>(
        app::LetterDeps{*a->cases, *a->store, *documents, *a->letter_renderer, rules.engine, clock,
                        letters::BuiltinTemplates(), config.letterhead().place(), &policy, &personnel});
  }
  // GET /metrics: the database's figures, read at scrape time through a port.
  a->operational_stats = std::make_unique<mariadb::OperationalStatsStore>(db, *a->store);
  a->operational_gauges = std::make_unique<metrics::OperationalGauges>(
      *a->operational_stats, clock, &app::JakartaDay, absl::Seconds(std::max(0, options.metrics_cache_seconds)));
  a->operational_gauges->Register(metrics);
  RETURN_IF_ERROR(PrepareSigning(config, documents, *a));
  RETURN_IF_ERROR(PrepareSiasnSender(config, documents, *a));
  return a;
}

absl::StatusOr<std::unique_ptr<grpc_api::Server>> StartServer(
    const ServerOptions& options, const cfg::ServerConfig& config, const config::LoadedRules& rules,
    const Identity& identity, Application* a, ports::DocumentStore* documents, metrics::Registry& metrics) {
  grpc_api::ServerOptions o;
  o.listen = options.listen;
  o.shutdown_grace = absl::Seconds(options.shutdown_grace_seconds);
  o.worker_threads = options.worker_threads;
  o.max_queued_calls = options.max_queued_calls;
  o.log_calls = options.log_calls;
  if (const auto& tls = config.tls(); !tls.cert_file().empty()) {
    auto cert = mariadb::ReadSecretFile(tls.cert_file());
    auto key = mariadb::ReadSecretFile(tls.key_file());
    if (!cert.ok() || !key.ok()) {
      return ConfigError(absl::StrCat("tls: cannot read ", tls.cert_file(), " or ", tls.key_file()));
    }
    o.tls_cert = *cert;
    o.tls_key = *key;
    if (!tls.client_ca_file().empty()) {
      auto ca = mariadb::ReadSecretFile(tls.client_ca_file());
      if (!ca.ok()) return ConfigError(absl::StrCat("tls: cannot read ", tls.client_ca_file()));
      o.tls_client_ca = *ca;
    }
    o.require_client_cert = tls.require_client_cert();
    if (o.require_client_cert && o.tls_client_ca.empty()) {
      return ConfigError("tls: require_client_cert needs client_ca_file");
    }
  }
  grpc_api::ServerDeps deps{&rules.engine, &rules.calendar, a->cases.get(), documents};
  const auto& d = config.documents();
  if (d.max_upload_bytes() > 0) deps.max_upload_bytes = d.max_upload_bytes();
  deps.verifier = identity.verifier.get();
  deps.reports = a->reports.get();
  deps.letters = a->letters.get();
  deps.uploads = a->store.get();
  if (d.max_documents_per_case() > 0) deps.upload_limits.max_documents_per_case = d.max_documents_per_case();
  if (d.max_bytes_per_case() > 0) deps.upload_limits.max_bytes_per_case = d.max_bytes_per_case();
  if (d.max_concurrent_uploads_per_caller() > 0) {
    deps.upload_limits.max_concurrent_uploads_per_caller = d.max_concurrent_uploads_per_caller();
  }
  if (d.max_bytes_per_caller_per_day() > 0)
    deps.upload_limits.max_bytes_per_caller_per_day = d.max_bytes_per_caller_per_day();
  deps.policy = &identity.policy;
  deps.metrics = &metrics;
  deps.signing = a->signing.get();
  auto server = grpc_api::Server::Start(o, deps);
  if (!server.ok()) {
    return Refuse(
        server.status().code() == absl::StatusCode::kInvalidArgument ? ExitStatus::kConfig : ExitStatus::kListen,
        server.status());
  }
  if (!options.port_file.empty()) WriteFileAtomically(options.port_file, absl::StrCat((*server)->port()));
  LOG(INFO) << "serving on port " << (*server)->port();
  return server;
}

absl::StatusOr<std::unique_ptr<http::Gateway>> StartGateway(const ServerOptions& options,
                                                            const cfg::ServerConfig& config, grpc_api::Server& server,
                                                            metrics::Registry& metrics, std::function<bool()> healthy) {
  if (options.http_listen.empty()) return std::unique_ptr<http::Gateway>();
  http::GatewayOptions o;
  o.listen = options.http_listen;
  if (config.http().frame_ancestors_size() > 0) o.frame_ancestors = absl::StrJoin(config.http().frame_ancestors(), " ");
  o.cors_origins.assign(config.http().cors_origins().begin(), config.http().cors_origins().end());
  if (config.http().max_body_bytes() > 0) o.max_body_bytes = config.http().max_body_bytes();
  o.operations.metrics = [&metrics] { return metrics.Render(); };
  o.operations.healthy = std::move(healthy);
  auto started = http::Gateway::Start(o, server.InProcessChannel());
  if (!started.ok()) return Refuse(ExitStatus::kListen, started.status());
  LOG(INFO) << "http: serving on port " << (*started)->port() << " (" << (*started)->routes().size() << " routes)";
  if (!options.http_port_file.empty()) WriteFileAtomically(options.http_port_file, absl::StrCat((*started)->port()));
  return started;
}

}  // namespace discipline::bootstrap
