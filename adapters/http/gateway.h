#ifndef DISCIPLINE_ADAPTERS_HTTP_GATEWAY_H_
#define DISCIPLINE_ADAPTERS_HTTP_GATEWAY_H_

// The intranet's JSON/HTTP gateway (AIP-127): every RPC of asn.discipline.v1
// with a google.api.http annotation gets its route from the descriptor pool
// (routes.h), so a new RPC needs no code here. Bodies and answers in
// protobuf's JSON mapping (transcode.h; answers printed by json_printer.h,
// byte for byte the same); the call goes to the same gRPC services over the
// in-process channel, with the request's Authorization header as the call's
// metadata, so authentication, authorization, validation and the status
// codes are exactly those of a gRPC caller. Errors: the HTTP status of the
// gRPC code and a google.rpc.Status JSON body with its details; a path no
// route has is 404, a path of a route under another verb 405 (with Allow).
// Server-streaming RPCs are chunked (streaming_call.h). A response is a
// DOWNLOAD exactly when its RPC is server-streaming and its response message
// has a field `info` of type asn.discipline.v1.DocumentInfo and a `bytes`
// field `chunk` (downloads.h, IsDownload): the first message's info gives
// the file's name, type and hash, the following chunks its bytes. Every
// other server-streaming RPC is NDJSON, one JSON line per message. A report
// (a response with `rows`) is also a file with ?format=csv, csv-excel or
// xlsx (exports.h). The pages: pages.h. cpp-httplib serves it.

#include <grpcpp/channel.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "adapters/http/operations.h"
#include "adapters/http/routes.h"
#include "adapters/http/transcode.h"

namespace discipline::http {

struct GatewayOptions {
  // host:port; port 0 picks one (Gateway::port()).
  std::string listen = "127.0.0.1:8080";
  // Largest request body; larger is 413.
  size_t max_body_bytes = 1 << 20;
  absl::Duration call_timeout = absl::Seconds(30);
  // A request's headers and body arrive within read_timeout of each read
  // (a slow sender is cut off); an idle keep-alive connection is closed
  // after keep_alive_timeout.
  absl::Duration read_timeout = absl::Seconds(5);
  absl::Duration keep_alive_timeout = absl::Seconds(5);
  absl::Duration write_timeout = absl::Seconds(30);
  // The CSP frame-ancestors of the pages: who may embed them (the
  // intranet's origin).
  std::string frame_ancestors = "'self'";
  // Origins allowed to call /v1 from a browser; empty: CORS off.
  std::vector<std::string> cors_origins;
  // Threads serving connections; a keep-alive connection holds one while
  // it is open, waiting for the in-process call most of the time.
  int threads = 32;
  // Requests on one keep-alive connection before the gateway closes it.
  int keep_alive_max_requests = 1000;
  // GET /metrics and GET /healthz (operations.h), without a token.
  OperationsEndpoints operations;
};

class Gateway {
 public:
  // Binds and serves in threads of its own. UNAVAILABLE when the address
  // cannot be bound.
  static absl::StatusOr<std::unique_ptr<Gateway>> Start(const GatewayOptions& options,
                                                        std::shared_ptr<grpc::Channel> channel);
  ~Gateway();
  int port() const { return port_; }
  const std::vector<Route>& routes() const;
  // Stops accepting and waits for the serving thread.
  void Stop();

 private:
  struct Impl;
  Gateway() = default;
  std::unique_ptr<Impl> impl_;
  int port_ = 0;
};

// The routes of every annotated RPC of the API, for the gateway and its
// documentation.
std::vector<Route> AnnotatedRoutes();

}  // namespace discipline::http

#endif  // DISCIPLINE_ADAPTERS_HTTP_GATEWAY_H_
