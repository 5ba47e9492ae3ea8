#include "service/grpc/server.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server_builder.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "asn/discipline/v1/audit.grpc.pb.h"
#include "asn/discipline/v1/cases.grpc.pb.h"
#include "asn/discipline/v1/documents.grpc.pb.h"
#include "asn/discipline/v1/letters.grpc.pb.h"
#include "glog/logging.h"
#include "service/grpc/case_service.h"
#include "service/grpc/document_service.h"
#include "service/grpc/executor.h"
#include "service/grpc/letter_service.h"
#include "service/grpc/observability.h"
#include "service/grpc/report_service.h"
#include "service/grpc/rules_service.h"

namespace discipline::grpc_api {

namespace pb = ::asn::discipline::v1;

struct Server::Services {
  Services(const ServerOptions& options, const ServerDeps& deps)
      : executor(options.worker_threads, static_cast<size_t>(std::max(1, options.max_queued_calls))),
        auth(*deps.verifier, &notes),
        rules(*deps.rules, *deps.calendar, auth, *deps.policy) {
    if (deps.cases != nullptr) {
      cases = std::make_unique<CaseServiceImpl>(*deps.cases, executor, auth);
      audit = std::make_unique<AuditServiceImpl>(*deps.cases, executor, auth);
    }
    if (deps.reports != nullptr) reports = std::make_unique<ReportServiceImpl>(*deps.reports, executor, auth);
    if (deps.letters != nullptr)
      letters = std::make_unique<LetterServiceImpl>(*deps.letters, executor, auth, deps.signing);
    if (deps.documents != nullptr) {
      documents = std::make_unique<DocumentServiceImpl>(*deps.documents, executor, deps.max_upload_bytes, auth,
                                                        *deps.policy, deps.cases, deps.uploads, deps.upload_limits);
      documents->set_signing(deps.signing);
    }
  }
  Executor executor;
  CallerNotes notes;
  Authenticator auth;
  RulesServiceImpl rules;
  std::unique_ptr<CaseServiceImpl> cases;
  std::unique_ptr<AuditServiceImpl> audit;
  std::unique_ptr<DocumentServiceImpl> documents;
  std::unique_ptr<ReportServiceImpl> reports;
  std::unique_ptr<LetterServiceImpl> letters;
  // Registered with no method overridden: every RPC answers UNIMPLEMENTED
  // (README.md, "Status"); also CaseService and AuditService without a database.
  pb::CaseService::CallbackService no_cases;
  pb::AuditService::CallbackService no_audit;
  pb::DocumentService::CallbackService no_documents;
  pb::ReportService::CallbackService no_reports;
  pb::LetterService::CallbackService no_letters;
};

bool IsLoopback(absl::string_view listen) {
  absl::string_view host = listen;
  if (absl::StartsWith(host, "[")) {
    host = host.substr(1, host.find(']') == absl::string_view::npos ? 0 : host.find(']') - 1);
    return host == "::1";
  }
  host = host.substr(0, host.rfind(':'));
  return host == "localhost" || absl::StartsWith(host, "127.");
}

// One piece: gRPC's ServerBuilder is configured in one pass (TLS, limits,
// services, health, reflection) before BuildAndStart.
absl::StatusOr<std::unique_ptr<Server>> Server::Start(const ServerOptions& options, const ServerDeps& deps) {
  if (deps.verifier == nullptr) return absl::InvalidArgumentError("server: no token verifier (identity { } config)");
  std::shared_ptr<grpc::ServerCredentials> credentials;
  if (options.tls_cert.empty()) {
    // Plaintext only where nobody else can listen in.
    if (!IsLoopback(options.listen)) {
      return absl::InvalidArgumentError(absl::StrCat("server: plaintext on ", options.listen,
                                                     " is refused; listen on loopback or configure tls { }"));
    }
    credentials = grpc::InsecureServerCredentials();
  } else {
    grpc::SslServerCredentialsOptions ssl(options.require_client_cert
                                              ? GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY
                                              : GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE);
    ssl.pem_root_certs = options.tls_client_ca;
    ssl.pem_key_cert_pairs.push_back({options.tls_key, options.tls_cert});
    credentials = grpc::SslServerCredentials(ssl);
  }
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  std::unique_ptr<Server> s(new Server());
  s->options_ = options;
  s->services_ = std::make_unique<Services>(options, deps);
  grpc::ServerBuilder builder;
  // TLS from the config; plaintext on loopback only (checked above).
  // Without this, Linux's SO_REUSEPORT lets a second server bind a busy port
  // silently and split the traffic.
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  builder.AddListeningPort(options.listen, credentials, &s->port_);
  // Every call counted, timed and logged at the edge (observability.h).
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> observers;
  observers.push_back(std::make_unique<CallObserverFactory>(deps.metrics, &s->services_->notes, options.log_calls));
  builder.experimental().SetInterceptorCreators(std::move(observers));
  builder.RegisterService(&s->services_->rules);
  if (s->services_->cases != nullptr) {
    builder.RegisterService(s->services_->cases.get());
    builder.RegisterService(s->services_->audit.get());
  } else {
    builder.RegisterService(&s->services_->no_cases);
    builder.RegisterService(&s->services_->no_audit);
  }
  if (s->services_->reports != nullptr) {
    builder.RegisterService(s->services_->reports.get());
  } else {
    builder.RegisterService(&s->services_->no_reports);
  }
  if (s->services_->letters != nullptr) {
    builder.RegisterService(s->services_->letters.get());
  } else {
    builder.RegisterService(&s->services_->no_letters);
  }
  if (s->services_->documents != nullptr) {
    builder.RegisterService(s->services_->documents.get());
  } else {
    builder.RegisterService(&s->services_->no_documents);
  }
  // Uploads arrive in chunks; a message is one chunk plus framing.
  builder.SetMaxReceiveMessageSize(4 << 20);
  s->server_ = builder.BuildAndStart();
  if (s->server_ == nullptr || s->port_ == 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", options.listen, " (is the port in use or the address wrong?)"));
  }
  s->server_->GetHealthCheckService()->SetServingStatus(true);
  return s;
}

std::shared_ptr<grpc::Channel> Server::InProcessChannel() {
  grpc::ChannelArguments args;
  return server_->InProcessChannel(args);
}

void Server::SetServing(bool serving) {
  std::lock_guard<std::mutex> lock(mu_);
  if (stopped_ || server_ == nullptr) return;
  server_->GetHealthCheckService()->SetServingStatus(serving);
}

void Server::Shutdown() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopped_) return;
    stopped_ = true;
  }
  // A server that never started (a busy port) has nothing to stop but its
  // executor.
  if (server_ == nullptr) {
    services_->executor.Stop();
    return;
  }
  server_->GetHealthCheckService()->SetServingStatus(false);
  server_->Shutdown(absl::ToChronoTime(absl::Now() + options_.shutdown_grace));
  server_->Wait();
  services_->executor.Stop();
}

Server::~Server() { Shutdown(); }

}  // namespace discipline::grpc_api
