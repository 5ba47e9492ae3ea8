#ifndef DISCIPLINE_SERVICE_GRPC_SERVER_H_
#define DISCIPLINE_SERVICE_GRPC_SERVER_H_

// The gRPC server: every service of asn.discipline.v1 (RPCs not built yet
// answer UNIMPLEMENTED), grpc.health.v1.Health and server reflection.

#include <grpcpp/server.h>

#include <memory>
#include <mutex>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "service/app/case_use_cases.h"
#include "service/app/letter_use_cases.h"
#include "service/app/report_use_cases.h"
#include "service/app/sign_use_cases.h"
#include "service/domain/access.h"
#include "service/domain/calendar.h"
#include "service/domain/rules_engine.h"
#include "service/metrics/metrics.h"
#include "service/ports/document_store.h"
#include "service/ports/token_verifier.h"
#include "service/ports/upload_ledger.h"

namespace discipline::grpc_api {

struct ServerOptions {
  // host:port to listen on; port 0 picks a free port (see Server::port()).
  std::string listen = "127.0.0.1:50051";
  // How long in-flight calls may run after a shutdown request.
  absl::Duration shutdown_grace = absl::Seconds(10);
  // Threads for the handlers' blocking work (database, personnel data).
  int worker_threads = 16;
  // Calls that may wait for a worker; past it new calls are answered
  // RESOURCE_EXHAUSTED.
  int max_queued_calls = 1024;
  // TLS, as PEM text; empty cert: plaintext, allowed only on a loopback
  // address. With client_ca and require_client_cert, mutual TLS.
  std::string tls_cert;
  std::string tls_key;
  std::string tls_client_ca;
  bool require_client_cert = false;
  // One JSON line per call of the API in the log (observability.h).
  bool log_calls = true;
};

// Whether `listen` (host:port) is a loopback address (127.0.0.0/8, [::1],
// localhost), where plaintext is allowed.
bool IsLoopback(absl::string_view listen);

// What the services need; not owned, must outlive the server.
struct ServerDeps {
  const domain::RulesEngine* rules = nullptr;
  const domain::WorkingDayCalendar* calendar = nullptr;
  // Null: CaseService and AuditService answer UNIMPLEMENTED (no database).
  app::CaseUseCases* cases = nullptr;
  // Null: DocumentService answers UNIMPLEMENTED.
  ports::DocumentStore* documents = nullptr;
  int64_t max_upload_bytes = 100 << 20;
  // Verifies every call's bearer token. Required.
  ports::TokenVerifier* verifier = nullptr;
  // The uploads' quotas; none checked when null.
  ports::UploadLedger* uploads = nullptr;
  ports::UploadLimits upload_limits;
  const domain::Policy* policy = &domain::DefaultPolicy();
  // Null: ReportService answers UNIMPLEMENTED (no database).
  app::ReportUseCases* reports = nullptr;
  // Null: LetterService answers UNIMPLEMENTED (no database).
  app::LetterUseCases* letters = nullptr;
  // Gets the calls' counters and latency histograms (GET /metrics); none
  // when null.
  metrics::Registry* metrics = nullptr;
  // DocumentService.SignDocument (BSrE); FAILED_PRECONDITION when null.
  app::SignUseCases* signing = nullptr;
};

class Server {
 public:
  // Binds and starts serving. UNAVAILABLE when the address cannot be bound
  // (e.g. the port is busy); INVALID_ARGUMENT for plaintext on an address
  // that is not loopback, or without a token verifier.
  static absl::StatusOr<std::unique_ptr<Server>> Start(const ServerOptions& options, const ServerDeps& deps);
  ~Server();

  int port() const { return port_; }
  // A channel to these services inside the process (for the HTTP gateway:
  // the same services, no network hop).
  std::shared_ptr<grpc::Channel> InProcessChannel();
  // Health of every service (grpc.health.v1): NOT_SERVING while the case
  // database is unreachable. Ignored once shutting down.
  void SetServing(bool serving);
  // Marks health NOT_SERVING, stops accepting, lets in-flight calls finish
  // within the grace period, then cancels the rest. Idempotent.
  void Shutdown();

 private:
  Server() = default;
  struct Services;
  std::unique_ptr<Services> services_;
  std::unique_ptr<grpc::Server> server_;
  ServerOptions options_;
  int port_ = 0;
  std::mutex mu_;
  bool stopped_ = false;
};

}  // namespace discipline::grpc_api

#endif  // DISCIPLINE_SERVICE_GRPC_SERVER_H_
