#include "adapters/http/gateway.h"

#include <grpcpp/client_context.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/impl/codegen/proto_utils.h>
#include <httplib.h>

#include <future>
#include <regex>
#include <thread>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "adapters/http/csv.h"
#include "adapters/http/json_printer.h"
#include "adapters/http/upload_route.h"
#include "asn/discipline/v1/audit.pb.h"
#include "asn/discipline/v1/cases.pb.h"
#include "asn/discipline/v1/documents.pb.h"
#include "asn/discipline/v1/rules.pb.h"
#include "glog/logging.h"
#include "google/api/annotations.pb.h"
#include "google/protobuf/message.h"
#include "google/protobuf/util/json_util.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "service/common/embedded_file.h"
#include "service/common/errors.h"
#include "service/domain/documents.h"
#include "service/grpc/generic_call.h"

namespace discipline::http {
namespace embedded {
extern const EmbeddedFileList kPages;
}  // namespace embedded
namespace {

absl::string_view Page(absl::string_view name) {
  for (const EmbeddedFile& f : embedded::kPages) {
    if (f.name == name) return f.contents;
  }
  return {};
}

// The pages need the intranet's proxy: without its Authorization header
// the official gets a page that says so, not a blank screen.
constexpr char kNoLogin[] = R"(<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>Perlu masuk melalui intranet</title>
<link rel="stylesheet" href="/static/app.css"></head>
<body><h1>Perlu masuk melalui intranet</h1>
<p>Halaman keputusan hukuman disiplin hanya dapat dibuka melalui portal intranet instansi Anda, setelah
masuk dengan akun SSO. Permintaan ini datang tanpa identitas (tanpa token Authorization).</p>
<p>Buka kembali halaman ini dari menu intranet, atau hubungi pengelola kepegawaian bila masalah berlanjut.</p>
</body></html>)";

namespace gp = ::google::protobuf;

using grpc_api::ApiServices;
using grpc_api::FromBuffer;
using grpc_api::ToBuffer;

struct Bound {
  Route route;
  const gp::MethodDescriptor* method;
  std::string body;                 // "*" or ""
  std::vector<std::string> params;  // path variables, in order
  std::string regex;
  std::string grpc_path;  // "/package.Service/Method"
  // The generated classes' default instances: generated parsing and
  // serialization, not reflection; looked up once (the factory's look-up
  // takes a lock).
  const gp::Message* input = nullptr;
  const gp::Message* output = nullptr;
};

// The repeated message field `rows` of a response, which ?format=csv
// renders; null when the response has none.
const gp::FieldDescriptor* CsvRows(const gp::Descriptor* d) {
  const gp::FieldDescriptor* f = d->FindFieldByName("rows");
  return f != nullptr && f->is_repeated() && f->message_type() != nullptr ? f : nullptr;
}

// The `rows` of `m` as CSV: a header of the rows' JSON field names, then
// one line per row; enums by name, numbers as in the JSON mapping.
std::string Csv(const gp::Message& m, const gp::FieldDescriptor* rows) {
  const gp::Descriptor* row = rows->message_type();
  const gp::Reflection* r = m.GetReflection();
  std::string out;
  for (int i = 0; i < row->field_count(); ++i) {
    absl::StrAppend(&out, i == 0 ? "" : ",", CsvField(row->field(i)->json_name()));
  }
  out += "\r\n";
  for (int k = 0; k < r->FieldSize(m, rows); ++k) {
    const gp::Message& e = r->GetRepeatedMessage(m, rows, k);
    const gp::Reflection* er = e.GetReflection();
    for (int i = 0; i < row->field_count(); ++i) {
      const gp::FieldDescriptor* f = row->field(i);
      std::string v;
      switch (f->cpp_type()) {
        case gp::FieldDescriptor::CPPTYPE_STRING:
          v = er->GetString(e, f);
          break;
        case gp::FieldDescriptor::CPPTYPE_ENUM:
          v = er->GetEnum(e, f)->name();
          break;
        case gp::FieldDescriptor::CPPTYPE_BOOL:
          v = er->GetBool(e, f) ? "true" : "false";
          break;
        case gp::FieldDescriptor::CPPTYPE_INT32:
          v = absl::StrCat(er->GetInt32(e, f));
          break;
        case gp::FieldDescriptor::CPPTYPE_INT64:
          v = absl::StrCat(er->GetInt64(e, f));
          break;
        case gp::FieldDescriptor::CPPTYPE_DOUBLE:
          v = absl::StrCat(er->GetDouble(e, f));
          break;
        default:
          break;  // rows hold scalars only
      }
      absl::StrAppend(&out, i == 0 ? "" : ",", CsvField(v));
    }
    out += "\r\n";
  }
  return out;
}

std::vector<Bound> Bind() {
  std::vector<Bound> out;
  for (const gp::ServiceDescriptor* s : ApiServices()) {
    for (int i = 0; i < s->method_count(); ++i) {
      const gp::MethodDescriptor* m = s->method(i);
      if (!m->options().HasExtension(google::api::http)) continue;
      const google::api::HttpRule& rule = m->options().GetExtension(google::api::http);
      Bound b;
      b.method = m;
      b.grpc_path = absl::StrCat("/", s->full_name(), "/", m->name());
      b.input = gp::MessageFactory::generated_factory()->GetPrototype(m->input_type());
      b.output = gp::MessageFactory::generated_factory()->GetPrototype(m->output_type());
      b.body = rule.body();
      switch (rule.pattern_case()) {
        case google::api::HttpRule::kGet:
          b.route = {"GET", rule.get(), m->full_name()};
          break;
        case google::api::HttpRule::kPost:
          b.route = {"POST", rule.post(), m->full_name()};
          break;
        case google::api::HttpRule::kPatch:
          b.route = {"PATCH", rule.patch(), m->full_name()};
          break;
        case google::api::HttpRule::kDelete:
          b.route = {"DELETE", rule.delete_(), m->full_name()};
          break;
        case google::api::HttpRule::kPut:
          b.route = {"PUT", rule.put(), m->full_name()};
          break;
        default:
          continue;
      }
      // "{name}" → one path segment without ':' (the custom verb follows).
      std::string regex;
      const std::string& path = b.route.path;
      for (size_t k = 0; k < path.size();) {
        if (path[k] == '{') {
          const size_t end = path.find('}', k);
          b.params.push_back(path.substr(k + 1, end - k - 1));
          regex += "([^/:]+)";
          k = end + 1;
        } else {
          const char c = path[k++];
          if (std::string(".^$|()[]*+?\\").find(c) != std::string::npos) regex += '\\';
          regex += c;
        }
      }
      b.regex = regex;
      out.push_back(std::move(b));
    }
  }
  return out;
}

// A google.rpc.Status as JSON, with the answer's details.
void SendError(httplib::Response& res, const grpc::Status& s) {
  google::rpc::Status status;
  if (s.error_details().empty() || !status.ParseFromString(s.error_details())) {
    status.set_code(s.error_code());
    status.set_message(s.error_message());
  }
  res.status = HttpStatusOf(s.error_code());
  res.set_content(ToJson(status), "application/json; charset=utf-8");
}

void SendError(httplib::Response& res, grpc::StatusCode code, const std::string& message) {
  SendError(res, grpc::Status(code, message));
}

// Sets `field` of `m` from a path variable or a query parameter.
bool SetField(gp::Message& m, const gp::FieldDescriptor* f, const std::string& value, std::string* why) {
  const gp::Reflection* r = m.GetReflection();
  if (f->is_repeated()) {
    *why = "repeated fields are not query parameters";
    return false;
  }
  switch (f->cpp_type()) {
    case gp::FieldDescriptor::CPPTYPE_STRING:
      r->SetString(&m, f, value);
      return true;
    case gp::FieldDescriptor::CPPTYPE_BOOL:
      if (value != "true" && value != "false") break;
      r->SetBool(&m, f, value == "true");
      return true;
    case gp::FieldDescriptor::CPPTYPE_INT32: {
      int32_t v;
      if (!absl::SimpleAtoi(value, &v)) break;
      r->SetInt32(&m, f, v);
      return true;
    }
    case gp::FieldDescriptor::CPPTYPE_INT64: {
      int64_t v;
      if (!absl::SimpleAtoi(value, &v)) break;
      r->SetInt64(&m, f, v);
      return true;
    }
    case gp::FieldDescriptor::CPPTYPE_ENUM: {
      const gp::EnumValueDescriptor* e = f->enum_type()->FindValueByName(value);
      if (e == nullptr) break;
      r->SetEnum(&m, f, e);
      return true;
    }
    default:
      *why = "not settable from the URL";
      return false;
  }
  *why = absl::StrCat("'", value.substr(0, 40), "' is not a ", f->type_name());
  return false;
}

const gp::FieldDescriptor* FieldNamed(const gp::Descriptor* d, const std::string& name) {
  if (const auto* f = d->FindFieldByName(name); f != nullptr) return f;
  if (const auto* f = d->FindFieldByLowercaseName(name); f != nullptr) return f;
  return d->FindFieldByCamelcaseName(name);
}

// A download's Content-Disposition (RFC 6266): always an attachment, its
// name as RFC 8187 UTF-8 `filename*`, and an ASCII `filename` for clients
// without it (non-ASCII, quotes, backslashes and controls as '_'). Neither
// can hold CR/LF, so the header is never dropped.
std::string ContentDisposition(absl::string_view name) {
  std::string ascii, encoded;
  for (const char ch : name) {
    const auto c = static_cast<unsigned char>(ch);
    ascii += c >= 0x20 && c < 0x7F && c != '"' && c != '\\' ? ch : '_';
    // RFC 8187 attr-char: ALPHA / DIGIT / "!#$&+-.^_`|~"; the rest %XX.
    if (absl::ascii_isalnum(c) || absl::string_view("!#$&+-.^_`|~").find(ch) != absl::string_view::npos) {
      encoded += ch;
    } else {
      // Upper-case hex digits (RFC 3986 section 2.1).
      constexpr char kHex[] = "0123456789ABCDEF";
      encoded += {'%', kHex[c >> 4], kHex[c & 0xF]};
    }
  }
  if (ascii.empty()) ascii = "dokumen";
  return absl::StrCat("attachment; filename=\"", ascii, "\"; filename*=UTF-8''", encoded);
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

}  // namespace

int HttpStatusOf(int code) {
  switch (static_cast<grpc::StatusCode>(code)) {
    case grpc::StatusCode::OK:
      return 200;
    case grpc::StatusCode::CANCELLED:
      return 499;
    case grpc::StatusCode::INVALID_ARGUMENT:
    case grpc::StatusCode::FAILED_PRECONDITION:
    case grpc::StatusCode::OUT_OF_RANGE:
      return 400;
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return 504;
    case grpc::StatusCode::NOT_FOUND:
      return 404;
    case grpc::StatusCode::ALREADY_EXISTS:
    case grpc::StatusCode::ABORTED:
      return 409;
    case grpc::StatusCode::PERMISSION_DENIED:
      return 403;
    case grpc::StatusCode::UNAUTHENTICATED:
      return 401;
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return 429;
    case grpc::StatusCode::UNIMPLEMENTED:
      return 501;
    case grpc::StatusCode::UNAVAILABLE:
      return 503;
    default:
      return 500;
  }
}

std::vector<Route> AnnotatedRoutes() {
  std::vector<Route> out;
  for (const Bound& b : Bind()) out.push_back(b.route);
  return out;
}

struct Gateway::Impl {
  GatewayOptions options;
  std::shared_ptr<grpc::Channel> channel;
  std::unique_ptr<grpc::GenericStub> stub;
  std::vector<Bound> bound;
  std::vector<Route> routes;
  httplib::Server server;
  std::thread serving;

  void Handle(const Bound& b, const httplib::Request& req, httplib::Response& res);
  // Cross-site writes (api.md, "Safe edges"): a write under /v1 (POST, PUT,
  // PATCH, DELETE) needs Content-Type application/json (else 415: a form or
  // text/plain body is what a page of another site can send without a
  // preflight), and, when it carries Origin or Sec-Fetch-Site: cross-site,
  // an origin of the allow-list or the gateway's own (else 403: behind the
  // intranet's cookie-authenticating proxy another site's page would act
  // as the official). False when it answered.
  bool GuardWrite(const httplib::Request& req, httplib::Response& res) const;
  bool AllowedOrigin(const httplib::Request& req) const;
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

void Gateway::Impl::Handle(const Bound& b, const httplib::Request& req, httplib::Response& res) {
  const gp::MethodDescriptor* m = b.method;
  // The request and the answer live on one arena, freed at once.
  gp::Arena arena;
  gp::Message* request = b.input->New(&arena);
  if (b.body == "*" && !req.body.empty()) {
    gp::util::JsonParseOptions parse;
    parse.ignore_unknown_fields = false;
    if (auto s = gp::util::JsonStringToMessage(req.body, request, parse); !s.ok()) {
      return SendError(
          res, grpc::StatusCode::INVALID_ARGUMENT,
          absl::StrCat("body: not a valid ", m->input_type()->name(), ": ", std::string(s.message()).substr(0, 200)));
    }
  }
  for (size_t i = 0; i < b.params.size(); ++i) {
    const gp::FieldDescriptor* f = FieldNamed(m->input_type(), b.params[i]);
    std::string why;
    if (f == nullptr || !SetField(*request, f, req.matches[i + 1], &why)) {
      return SendError(res, grpc::StatusCode::INVALID_ARGUMENT, absl::StrCat(b.params[i], ": ", why));
    }
  }
  const gp::FieldDescriptor* csv_rows = nullptr;
  if (req.has_param("format")) {
    csv_rows = CsvRows(m->output_type());
    if (csv_rows == nullptr || req.get_param_value("format") != "csv") {
      return SendError(res, grpc::StatusCode::INVALID_ARGUMENT,
                       "format: only format=csv, and only for a report (a response with rows)");
    }
  }
  if (b.body != "*") {
    for (const auto& [key, value] : req.params) {
      if (key == "format") continue;
      const gp::FieldDescriptor* f = FieldNamed(m->input_type(), key);
      std::string why = "unknown query parameter";
      if (f == nullptr || !SetField(*request, f, value, &why)) {
        return SendError(res, grpc::StatusCode::INVALID_ARGUMENT, absl::StrCat(key.substr(0, 40), ": ", why));
      }
    }
  }
  const std::string& path = b.grpc_path;
  if (!m->server_streaming()) {
    auto ctx = Context(req);
    grpc::ByteBuffer in = ToBuffer(request->SerializeAsString()), out;
    std::promise<grpc::Status> done;
    stub->UnaryCall(ctx.get(), path, grpc::StubOptions(), &in, &out,
                    [&done](grpc::Status s) { done.set_value(std::move(s)); });
    const grpc::Status s = done.get_future().get();
    if (!s.ok()) return SendError(res, s);
    gp::Message* response = b.output->New(&arena);
    // Parsed from the call's slices, without copying them into one string.
    if (!grpc::SerializationTraits<gp::Message>::Deserialize(&out, response).ok()) {
      return SendError(res, grpc::StatusCode::INTERNAL, "the service's answer could not be read");
    }
    res.set_header("Cache-Control", "no-store");
    if (csv_rows != nullptr) {
      res.set_header("Content-Disposition", absl::StrCat("attachment; filename=\"", m->name(), ".csv\""));
      res.set_content(Csv(*response, csv_rows), "text/csv; charset=utf-8");
      return;
    }
    res.set_content(ToJson(*response), "application/json; charset=utf-8");
    return;
  }
  // Server streaming: the first message decides the answer (an error is
  // still a proper status); the rest follows as a chunked download.
  struct Stream {
    std::unique_ptr<grpc::ClientContext> ctx;
    grpc::CompletionQueue cq;
    std::unique_ptr<grpc::GenericClientAsyncReaderWriter> call;
    bool Next() {
      void* tag;
      bool ok = false;
      return cq.Next(&tag, &ok) && ok;
    }
    ~Stream() {
      if (call != nullptr) {
        ctx->TryCancel();
        grpc::Status ignored;
        call->Finish(&ignored, reinterpret_cast<void*>(9));
        void* tag;
        bool ok;
        while (cq.Next(&tag, &ok) && tag != reinterpret_cast<void*>(9)) {
        }
      }
      cq.Shutdown();
      void* tag;
      bool ok;
      while (cq.Next(&tag, &ok)) {
      }
    }
  };
  auto st = std::make_shared<Stream>();
  st->ctx = Context(req);
  st->call = stub->PrepareCall(st->ctx.get(), path, &st->cq);
  st->call->StartCall(reinterpret_cast<void*>(1));
  bool ok = st->Next();
  if (ok) {
    st->call->WriteLast(ToBuffer(request->SerializeAsString()), grpc::WriteOptions(), reinterpret_cast<void*>(2));
    ok = st->Next();
  }
  // The next message's bytes; false at the end of the stream.
  auto read = [st](std::string* bytes) -> bool {
    grpc::ByteBuffer buffer;
    st->call->Read(&buffer, reinterpret_cast<void*>(3));
    if (!st->Next()) return false;
    *bytes = FromBuffer(buffer);
    return true;
  };
  std::string first;
  if (!ok || !read(&first)) {
    grpc::Status status;
    st->call->Finish(&status, reinterpret_cast<void*>(4));
    st->Next();
    st->call.reset();
    if (status.ok()) {
      res.set_content("", "application/x-ndjson");
      return;
    }
    return SendError(res, status);
  }
  const bool document = m->output_type() == asn::discipline::v1::GetDocumentResponse::descriptor();
  if (document) {
    asn::discipline::v1::GetDocumentResponse head;
    head.ParseFromString(first);
    const auto& info = head.info();
    // Never rendered by the browser: an attachment, of an allow-listed type
    // (else octet-stream), not sniffed, sandboxed should it be opened, not
    // kept in a cache (api.md, "Safe edges").
    res.set_header("Content-Disposition", ContentDisposition(info.metadata().file_name()));
    res.set_header("X-Document-Sha256", info.ref().sha256());
    res.set_header("Content-Security-Policy", "sandbox");
    res.set_header("Cache-Control", "no-store");
    const std::string type = domain::ServedMediaType(info.metadata().media_type());
    res.set_chunked_content_provider(type, [st, read](size_t, httplib::DataSink& sink) {
      std::string bytes;
      if (!read(&bytes)) {
        sink.done();
        return true;
      }
      asn::discipline::v1::GetDocumentResponse part;
      part.ParseFromString(bytes);
      return sink.write(part.chunk().data(), part.chunk().size());
    });
    return;
  }
  auto pending = std::make_shared<std::string>(first);
  res.set_chunked_content_provider("application/x-ndjson",
                                   [st, read, pending, output = b.output](size_t, httplib::DataSink& sink) {
                                     std::string bytes;
                                     if (!pending->empty()) {
                                       bytes.swap(*pending);
                                     } else if (!read(&bytes)) {
                                       sink.done();
                                       return true;
                                     }
                                     std::unique_ptr<gp::Message> event(output->New());
                                     event->ParseFromString(bytes);
                                     const std::string line = ToJson(*event) + "\n";
                                     return sink.write(line.data(), line.size());
                                   });
}

absl::StatusOr<std::unique_ptr<Gateway>> Gateway::Start(const GatewayOptions& options,
                                                        std::shared_ptr<grpc::Channel> channel) {
  std::unique_ptr<Gateway> g(new Gateway());
  g->impl_ = std::make_unique<Impl>();
  Impl& impl = *g->impl_;
  impl.options = options;
  impl.channel = std::move(channel);
  impl.stub = std::make_unique<grpc::GenericStub>(impl.channel);
  impl.bound = Bind();
  for (const Bound& b : impl.bound) impl.routes.push_back(b.route);
  httplib::Server& s = impl.server;
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
  for (const Bound& b : impl.bound) {
    auto handler = [&impl, &b](const httplib::Request& req, httplib::Response& res) { impl.Handle(b, req, res); };
    if (b.route.verb == "GET") s.Get(b.regex, handler);
    if (b.route.verb == "POST") s.Post(b.regex, handler);
    if (b.route.verb == "PATCH") s.Patch(b.regex, handler);
    if (b.route.verb == "DELETE") s.Delete(b.regex, handler);
    if (b.route.verb == "PUT") s.Put(b.regex, handler);
  }
  s.Post(kUploadPath, [&impl](const httplib::Request& req, httplib::Response& res) {
    HandleMultipartUpload(*impl.channel, impl.Context(req), req, res,
                          [](httplib::Response& r, const grpc::Status& st) { SendError(r, st); });
  });
  // Security headers on every answer; CORS only for configured origins. The
  // pages show and print a case's PDF in a frame of a blob: URL they made.
  const std::string csp = absl::StrCat(
      "default-src 'self'; img-src 'self' data:; frame-src 'self' blob:; base-uri 'none'; form-action 'self'; "
      "frame-ancestors ",
      impl.options.frame_ancestors);
  s.set_post_routing_handler([&impl, csp](const httplib::Request& req, httplib::Response& res) {
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
    for (const std::string& allowed : impl.options.cors_origins) {
      if (!origin.empty() && origin == allowed) {
        res.set_header("Access-Control-Allow-Origin", origin);
        res.set_header("Vary", "Origin");
        res.set_header("Access-Control-Allow-Headers", "Authorization, Content-Type");
      }
    }
  });
  s.set_pre_routing_handler([&impl](const httplib::Request& req, httplib::Response& res) {
    return impl.GuardWrite(req, res) ? httplib::Server::HandlerResponse::Unhandled
                                     : httplib::Server::HandlerResponse::Handled;
  });
  s.Options(R"(/v1/.*)", [](const httplib::Request&, httplib::Response& res) { res.status = 204; });
  AddOperationsRoutes(s, impl.options.operations);
  // The pages: static files compiled in, calling /v1 from the browser.
  auto page = [](const char* file) {
    return [file](const httplib::Request& req, httplib::Response& res) {
      if (!req.has_header("Authorization")) {
        res.status = 401;
        res.set_content(kNoLogin, "text/html; charset=utf-8");
        return;
      }
      res.set_header("Cache-Control", "no-store");
      res.set_content(std::string(Page(file)), "text/html; charset=utf-8");
    };
  };
  s.Get("/ppk/", page("inbox.html"));
  s.Get("/ppk", [](const httplib::Request&, httplib::Response& res) { res.set_redirect("/ppk/"); });
  s.Get(R"(/ppk/cases/([A-Za-z0-9_-]{1,40}))", page("decision.html"));
  s.Get(R"(/audit/cases/([A-Za-z0-9_-]{1,40}))", page("audit.html"));
  s.Get("/kasus/", page("kasus.html"));
  s.Get(R"(/kasus/cases/([A-Za-z0-9_-]{1,40}))", page("kasus.html"));
  s.Get("/laporan/", page("laporan.html"));
  s.Get("/laporan", [](const httplib::Request&, httplib::Response& res) { res.set_redirect("/laporan/"); });
  s.Get("/static/app.js", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(std::string(Page("app.js")), "text/javascript; charset=utf-8");
  });
  s.Get("/static/app.css", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(std::string(Page("app.css")), "text/css; charset=utf-8");
  });
  s.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    const grpc::StatusCode code = res.status == 413   ? grpc::StatusCode::INVALID_ARGUMENT
                                  : res.status == 404 ? grpc::StatusCode::NOT_FOUND
                                                      : grpc::StatusCode::INVALID_ARGUMENT;
    const int http = res.status;
    google::rpc::Status status;
    status.set_code(code);
    status.set_message(http == 413   ? "the request body is too large"
                       : http == 404 ? "no such route"
                                     : absl::StrCat("HTTP ", http));
    res.set_content(ToJson(status), "application/json; charset=utf-8");
    res.status = http;
  });
  const size_t colon = options.listen.rfind(':');
  const std::string host = options.listen.substr(0, colon);
  int port = 0;
  if (colon == std::string::npos || !absl::SimpleAtoi(options.listen.substr(colon + 1), &port)) {
    return absl::InvalidArgumentError(absl::StrCat("http: bad listen address ", options.listen));
  }
  if (port == 0) {
    g->port_ = s.bind_to_any_port(host);
  } else {
    g->port_ = s.bind_to_port(host, port) ? port : -1;
  }
  if (g->port_ <= 0) return absl::UnavailableError(absl::StrCat("http: cannot listen on ", options.listen));
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
