#include "adapters/http/gateway.h"

#include <grpcpp/client_context.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/impl/codegen/proto_utils.h>
#include <httplib.h>

#include <future>
#include <optional>
#include <thread>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "adapters/http/downloads.h"
#include "adapters/http/exports.h"
#include "adapters/http/json_printer.h"
#include "adapters/http/pages.h"
#include "adapters/http/streaming_call.h"
#include "adapters/http/upload_route.h"
#include "google/protobuf/message.h"
#include "google/rpc/status.pb.h"
#include "service/common/errors.h"
#include "service/grpc/generic_call.h"

namespace discipline::http {
namespace {

namespace gp = ::google::protobuf;

using grpc_api::ApiServices;
using grpc_api::ToBuffer;

// A google.rpc.Status as JSON, with the answer's details.
void SendError(httplib::Response& res, const grpc::Status& s) {
  res.status = HttpStatusOf(s.error_code());
  res.set_content(ErrorJson(s), "application/json; charset=utf-8");
}

void SendError(httplib::Response& res, grpc::StatusCode code, const std::string& message) {
  SendError(res, grpc::Status(code, message));
}

// The media type of a Content-Type header, lower case, without parameters.
std::string MediaTypeOf(absl::string_view content_type) {
  return absl::AsciiStrToLower(absl::StripAsciiWhitespace(content_type.substr(0, content_type.find(';'))));
}

// "scheme://host[:port]" → "host[:port]" (lower case); empty when it is not
// an origin.
std::string HostOfOrigin(absl::string_view origin) {
  const size_t sep = origin.find("://");
  if (sep == absl::string_view::npos) return "";
  absl::string_view host = origin.substr(sep + 3);
  if (host.empty() || host.find_first_of("/?#@") != absl::string_view::npos) return "";
  return absl::AsciiStrToLower(host);
}

// The ?format= of a request: none, or an export of a report.
// INVALID_ARGUMENT for an unknown format or a response without rows.
grpc::Status FormatOf(const httplib::Request& req, const BoundRoute& route, std::optional<ExportFormat>* format) {
  if (!req.has_param(kFormatParam)) return grpc::Status::OK;
  absl::StatusOr<ExportFormat> f = ParseExportFormat(req.get_param_value(kFormatParam));
  if (!f.ok() || ReportRows(route.method->output_type()) == nullptr) {
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                        "format: only format=csv, csv-excel or xlsx, and only for a report (a response with rows)");
  }
  *format = *f;
  return grpc::Status::OK;
}

// A report as the file of `format`.
void SendExport(const BoundRoute& route, const gp::Message& report, ExportFormat format, httplib::Response& res) {
  absl::StatusOr<ExportFile> file = RenderExport(report, format);
  if (!file.ok()) return SendError(res, grpc::StatusCode::INTERNAL, std::string(file.status().message()));
  res.set_header("Content-Disposition",
                 absl::StrCat("attachment; filename=\"", route.method->name(), file->extension, "\""));
  res.set_content(file->bytes, file->content_type);
}

}  // namespace

std::vector<Route> AnnotatedRoutes() {
  std::vector<Route> out;
  for (const BoundRoute& b : BuildRouteTable(ApiServices())) out.push_back(b.route);
  return out;
}

struct Gateway::Impl {
  GatewayOptions options;
  std::shared_ptr<grpc::Channel> channel;
  std::unique_ptr<grpc::GenericStub> stub;
  std::vector<BoundRoute> table;
  std::vector<Route> routes;
  httplib::Server server;
  std::thread serving;

  // Every /v1 request but the upload: its route (404, 405), then Handle.
  void Dispatch(const httplib::Request& req, httplib::Response& res);
  void Handle(const RouteMatch& match, const httplib::Request& req, httplib::Response& res);
  void Unary(const BoundRoute& route, const gp::Message& request, std::optional<ExportFormat> format, gp::Arena* arena,
             const httplib::Request& req, httplib::Response& res);
  void Stream(const BoundRoute& route, const gp::Message& request, const httplib::Request& req, httplib::Response& res);
  // Cross-site writes (api.md, "Safe edges"): a write under /v1 (POST, PUT,
  // PATCH, DELETE) needs Content-Type application/json (else 415: a form or
  // text/plain body is what a page of another site can send without a
  // preflight), and, when it carries Origin or Sec-Fetch-Site: cross-site,
  // an origin of the allow-list or the gateway's own (else 403: behind the
  // intranet's cookie-authenticating proxy another site's page would act
  // as the official). False when it answered.
  bool GuardWrite(const httplib::Request& req, httplib::Response& res) const;
  bool AllowedOrigin(const httplib::Request& req) const;
  // Security headers on every answer; CORS only for configured origins.
  void AddHeaders(const httplib::Request& req, httplib::Response& res, const std::string& csp) const;
  void AddRoutes();
  std::unique_ptr<grpc::ClientContext> Context(const httplib::Request& req) const {
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->set_deadline(absl::ToChronoTime(absl::Now() + options.call_timeout));
    if (req.has_header("Authorization")) ctx->AddMetadata("authorization", req.get_header_value("Authorization"));
    return ctx;
  }
};

bool Gateway::Impl::AllowedOrigin(const httplib::Request& req) const {
  const std::string origin = req.get_header_value("Origin");
  const std::string fetch_site = absl::AsciiStrToLower(req.get_header_value("Sec-Fetch-Site"));
  if (origin.empty()) return fetch_site != "cross-site";
  for (const std::string& allowed : options.cors_origins) {
    if (origin == allowed) return true;
  }
  // The gateway's own origin: as the browser addressed it (its Host), or
  // as the browser itself says (Sec-Fetch-Site cannot be set by a page).
  const std::string host = HostOfOrigin(origin);
  if (!host.empty() && host == absl::AsciiStrToLower(req.get_header_value("Host"))) return true;
  return fetch_site == "same-origin";
}

bool Gateway::Impl::GuardWrite(const httplib::Request& req, httplib::Response& res) const {
  if (!absl::StartsWith(req.path, "/v1/")) return true;
  if (req.method != "POST" && req.method != "PUT" && req.method != "PATCH" && req.method != "DELETE") return true;
  if (!AllowedOrigin(req)) {
    SendError(res, grpc::StatusCode::PERMISSION_DENIED,
              absl::StrCat("Origin: ", Excerpt(req.get_header_value("Origin")),
                           " may not write here (not the gateway's origin nor an allowed one)"));
    res.status = 403;
    return false;
  }
  // The one exception: the multipart upload (upload_route.h), after the
  // same Origin check.
  if (IsMultipartUpload(req)) return true;
  if (MediaTypeOf(req.get_header_value("Content-Type")) != "application/json") {
    SendError(res, grpc::StatusCode::INVALID_ARGUMENT,
              "Content-Type: a write needs application/json (a form or text/plain body is refused)");
    res.status = 415;
    return false;
  }
  return true;
}

void Gateway::Impl::Dispatch(const httplib::Request& req, httplib::Response& res) {
  // cpp-httplib serves HEAD with the GET handlers (and sends no body).
  const RouteMatch match = MatchRoute(table, req.method == "HEAD" ? "GET" : req.method, req.path);
  switch (match.outcome) {
    case RouteMatch::Outcome::kNoRoute:
      return SendError(res, grpc::StatusCode::NOT_FOUND, "no such route");
    case RouteMatch::Outcome::kWrongVerb:
      res.set_header("Allow", absl::StrJoin(match.allowed, ", "));
      SendError(res, grpc::StatusCode::UNIMPLEMENTED,
                absl::StrCat(req.method, " is not a method of this route (", absl::StrJoin(match.allowed, ", "), ")"));
      res.status = 405;
      return;
    case RouteMatch::Outcome::kFound:
      return Handle(match, req, res);
  }
}

void Gateway::Impl::Handle(const RouteMatch& match, const httplib::Request& req, httplib::Response& res) {
  const BoundRoute& route = *match.route;
  // The request and the answer live on one arena, freed at once.
  gp::Arena arena;
  gp::Message* request = route.input->New(&arena);
  if (grpc::Status s = TranscodeRequest(route, match, req.body, req.params, request); !s.ok()) {
    return SendError(res, s);
  }
  std::optional<ExportFormat> format;
  if (grpc::Status s = FormatOf(req, route, &format); !s.ok()) return SendError(res, s);
  if (route.method->server_streaming()) return Stream(route, *request, req, res);
  Unary(route, *request, format, &arena, req, res);
}

void Gateway::Impl::Unary(const BoundRoute& route, const gp::Message& request, std::optional<ExportFormat> format,
                          gp::Arena* arena, const httplib::Request& req, httplib::Response& res) {
  auto ctx = Context(req);
  grpc::ByteBuffer in = ToBuffer(request.SerializeAsString()), out;
  std::promise<grpc::Status> done;
  stub->UnaryCall(ctx.get(), route.grpc_path, grpc::StubOptions(), &in, &out,
                  [&done](grpc::Status s) { done.set_value(std::move(s)); });
  const grpc::Status s = done.get_future().get();
  if (!s.ok()) return SendError(res, s);
  gp::Message* response = route.output->New(arena);
  // Parsed from the call's slices, without copying them into one string.
  if (!grpc::SerializationTraits<gp::Message>::Deserialize(&out, response).ok()) {
    return SendError(res, grpc::StatusCode::INTERNAL, "the service's answer could not be read");
  }
  res.set_header("Cache-Control", "no-store");
  if (format.has_value()) return SendExport(route, *response, *format, res);
  res.set_content(ToJson(*response), "application/json; charset=utf-8");
}

// The first message decides the answer (an error is still a proper
// status); the rest follows as it comes (downloads.h).
void Gateway::Impl::Stream(const BoundRoute& route, const gp::Message& request, const httplib::Request& req,
                           httplib::Response& res) {
  auto call = std::make_shared<StreamingCall>(*stub, Context(req), route.grpc_path, request.SerializeAsString());
  std::string first;
  if (!call->Read(&first)) {
    const grpc::Status status = call->Finish();
    if (!status.ok()) return SendError(res, status);
    res.set_content("", "application/x-ndjson");
    return;
  }
  if (IsDownload(route.method)) return SendDownload(*route.output, first, std::move(call), res);
  SendNdjson(*route.output, std::move(first), std::move(call), res);
}

void Gateway::Impl::AddHeaders(const httplib::Request& req, httplib::Response& res, const std::string& csp) const {
  // A document keeps its own (sandbox).
  if (!res.has_header("Content-Security-Policy")) res.set_header("Content-Security-Policy", csp);
  // Answers of /v1 carry case data (cases, histories, exports, lists,
  // documents) or its errors: never kept in a cache.
  if (absl::StartsWith(req.path, "/v1/") && !res.has_header("Cache-Control")) {
    res.set_header("Cache-Control", "no-store");
  }
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "no-referrer");
  const std::string origin = req.get_header_value("Origin");
  for (const std::string& allowed : options.cors_origins) {
    if (!origin.empty() && origin == allowed) {
      res.set_header("Access-Control-Allow-Origin", origin);
      res.set_header("Vary", "Origin");
      res.set_header("Access-Control-Allow-Headers", "Authorization, Content-Type");
    }
  }
}

// The routes of the server, in the order cpp-httplib tries them: the upload
// before the API's routes (both under POST /v1).
void Gateway::Impl::AddRoutes() {
  httplib::Server& s = server;
  s.Post(kUploadPath, [this](const httplib::Request& req, httplib::Response& res) {
    HandleMultipartUpload(*channel, Context(req), req, res,
                          [](httplib::Response& r, const grpc::Status& st) { SendError(r, st); });
  });
  auto dispatch = [this](const httplib::Request& req, httplib::Response& res) { Dispatch(req, res); };
  constexpr char kApi[] = R"(/v1/.*)";
  s.Get(kApi, dispatch);
  s.Post(kApi, dispatch);
  s.Patch(kApi, dispatch);
  s.Delete(kApi, dispatch);
  s.Put(kApi, dispatch);
  s.Options(kApi, [](const httplib::Request&, httplib::Response& res) { res.status = 204; });
  AddOperationsRoutes(s, options.operations);
  AddPages(s);
}

namespace {

void SetLimits(httplib::Server& s, const GatewayOptions& options) {
  s.new_task_queue = [threads = options.threads] { return new httplib::ThreadPool(threads); };
  s.set_payload_max_length(options.max_body_bytes);
  // Answers go out at once (no Nagle delay against the client's delayed ACK).
  s.set_tcp_nodelay(true);
  // A keep-alive connection holds one thread for as long as it is open:
  // the intranet's proxy keeps a few and sends many requests on each.
  s.set_keep_alive_max_count(options.keep_alive_max_requests);
  s.set_read_timeout(std::chrono::milliseconds(absl::ToInt64Milliseconds(options.read_timeout)));
  s.set_keep_alive_timeout(absl::ToInt64Seconds(options.keep_alive_timeout));
  s.set_write_timeout(std::chrono::milliseconds(absl::ToInt64Milliseconds(options.write_timeout)));
}

// What cpp-httplib answers itself (no route, a body too large) as a
// google.rpc.Status like every other error.
void ErrorBody(const httplib::Request&, httplib::Response& res) {
  if (!res.body.empty()) return;
  const grpc::StatusCode code = res.status == 404 ? grpc::StatusCode::NOT_FOUND : grpc::StatusCode::INVALID_ARGUMENT;
  const int http = res.status;
  google::rpc::Status status;
  status.set_code(code);
  status.set_message(http == 413   ? "the request body is too large"
                     : http == 404 ? "no such route"
                                   : absl::StrCat("HTTP ", http));
  res.set_content(ToJson(status), "application/json; charset=utf-8");
  res.status = http;
}

// Binds `listen` ("host:port", port 0: any); the port, or an error.
absl::StatusOr<int> Bind(httplib::Server& s, const std::string& listen) {
  const size_t colon = listen.rfind(':');
  int port = 0;
  if (colon == std::string::npos || !absl::SimpleAtoi(listen.substr(colon + 1), &port)) {
    return absl::InvalidArgumentError(absl::StrCat("http: bad listen address ", listen));
  }
  const std::string host = listen.substr(0, colon);
  const int bound = port == 0 ? s.bind_to_any_port(host) : (s.bind_to_port(host, port) ? port : -1);
  if (bound <= 0) return absl::UnavailableError(absl::StrCat("http: cannot listen on ", listen));
  return bound;
}

}  // namespace

absl::StatusOr<std::unique_ptr<Gateway>> Gateway::Start(const GatewayOptions& options,
                                                        std::shared_ptr<grpc::Channel> channel) {
  std::unique_ptr<Gateway> g(new Gateway());
  g->impl_ = std::make_unique<Impl>();
  Impl& impl = *g->impl_;
  impl.options = options;
  impl.channel = std::move(channel);
  impl.stub = std::make_unique<grpc::GenericStub>(impl.channel);
  impl.table = BuildRouteTable(ApiServices());
  for (const BoundRoute& b : impl.table) impl.routes.push_back(b.route);
  httplib::Server& s = impl.server;
  SetLimits(s, options);
  // The pages show and print a case's PDF in a frame of a blob: URL they
  // made.
  const std::string csp = absl::StrCat(
      "default-src 'self'; img-src 'self' data:; frame-src 'self' blob:; base-uri 'none'; form-action 'self'; "
      "frame-ancestors ",
      impl.options.frame_ancestors);
  s.set_post_routing_handler(
      [&impl, csp](const httplib::Request& req, httplib::Response& res) { impl.AddHeaders(req, res, csp); });
  s.set_pre_routing_handler([&impl](const httplib::Request& req, httplib::Response& res) {
    return impl.GuardWrite(req, res) ? httplib::Server::HandlerResponse::Unhandled
                                     : httplib::Server::HandlerResponse::Handled;
  });
  impl.AddRoutes();
  s.set_error_handler(ErrorBody);
  absl::StatusOr<int> port = Bind(s, options.listen);
  if (!port.ok()) return port.status();
  g->port_ = *port;
  impl.serving = std::thread([&s] { s.listen_after_bind(); });
  return g;
}

const std::vector<Route>& Gateway::routes() const { return impl_->routes; }

void Gateway::Stop() {
  if (impl_ == nullptr || !impl_->serving.joinable()) return;
  impl_->server.stop();
  impl_->serving.join();
}

Gateway::~Gateway() { Stop(); }

}  // namespace discipline::http
