#include "service/grpc/observability.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "glog/logging.h"
#include "google/protobuf/message.h"

namespace discipline::grpc_api {
namespace {

namespace gp = ::google::protobuf;
using grpc::experimental::InterceptionHookPoints;

// The API's own services: their messages are generated protobuf classes
// (health's are raw bytes and are never read here).
constexpr absl::string_view kApiPrefix = "/asn.discipline.";

// The request's case_id: a top-level field, or one in a message field (an
// upload's metadata).
std::string CaseIdOf(const gp::Message& m) {
  const gp::Descriptor* d = m.GetDescriptor();
  const gp::Reflection* r = m.GetReflection();
  if (const gp::FieldDescriptor* f = d->FindFieldByName("case_id");
      f != nullptr && !f->is_repeated() && f->cpp_type() == gp::FieldDescriptor::CPPTYPE_STRING) {
    return r->GetString(m, f).substr(0, 64);
  }
  for (int i = 0; i < d->field_count(); ++i) {
    const gp::FieldDescriptor* f = d->field(i);
    if (f->is_repeated() || f->cpp_type() != gp::FieldDescriptor::CPPTYPE_MESSAGE || !r->HasField(m, f)) continue;
    const gp::Message& inner = r->GetMessage(m, f);
    const gp::FieldDescriptor* g = inner.GetDescriptor()->FindFieldByName("case_id");
    if (g != nullptr && !g->is_repeated() && g->cpp_type() == gp::FieldDescriptor::CPPTYPE_STRING) {
      return inner.GetReflection()->GetString(inner, g).substr(0, 64);
    }
  }
  return "";
}

// Milliseconds' buckets of the latency histogram, in seconds.
std::vector<double> LatencyBounds() {
  return {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};
}

}  // namespace

void CallerNotes::Note(const void* call, const domain::Caller& caller) {
  Noted n{caller.nip, caller.agency_code, {}};
  for (domain::Role role : caller.roles) n.roles.emplace_back(domain::Name(role));
  std::lock_guard<std::mutex> lock(mu_);
  notes_[call] = std::move(n);
}

std::optional<CallerNotes::Noted> CallerNotes::Take(const void* call) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = notes_.find(call);
  if (it == notes_.end()) return std::nullopt;
  Noted n = std::move(it->second);
  notes_.erase(it);
  return n;
}

std::string CodeName(int code) {
  static constexpr const char* kNames[] = {
      "OK",        "CANCELLED",      "UNKNOWN",           "INVALID_ARGUMENT",   "DEADLINE_EXCEEDED",
      "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION",
      "ABORTED",   "OUT_OF_RANGE",   "UNIMPLEMENTED",     "INTERNAL",           "UNAVAILABLE",
      "DATA_LOSS", "UNAUTHENTICATED"};
  return code >= 0 && code <= 16 ? kNames[code] : "UNKNOWN";
}

namespace {

// `v` as a JSON string (RFC 8259 section 7): quote, backslash and control
// characters escaped; the values are UTF-8 already (proto3 strings, verified
// token claims).
void AppendJsonString(std::string& out, absl::string_view v) {
  out += '"';
  for (const char c : v) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          absl::StrAppend(&out, "\\u00", absl::Hex(static_cast<unsigned char>(c), absl::kZeroPad2));
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

void AppendField(std::string& out, absl::string_view name, absl::string_view value) {
  absl::StrAppend(&out, out.size() > 1 ? "," : "", "\"", name, "\":");
  AppendJsonString(out, value);
}

}  // namespace

std::string CallLogLine(const CallRecord& record) {
  // Written on every call, so composed directly: protobuf's JSON printer
  // of a Struct (a type resolver and a binary round trip) added about 70 us
  // of server CPU to a GetCase of 120-150 us (bench/run_load.sh). The unit
  // test reads the line back with protobuf's JSON parser.
  std::string out = "{";
  AppendField(out, "event", "grpc_call");
  AppendField(out, "service", record.service);
  AppendField(out, "method", record.method);
  if (!record.case_id.empty()) AppendField(out, "case_id", record.case_id);
  if (record.caller.has_value()) {
    AppendField(out, "caller_nip", record.caller->nip);
    AppendField(out, "caller_agency", record.caller->agency_code);
    out += ",\"caller_roles\":[";
    for (size_t i = 0; i < record.caller->roles.size(); ++i) {
      if (i > 0) out += ',';
      AppendJsonString(out, record.caller->roles[i]);
    }
    out += ']';
  }
  AppendField(out, "code", CodeName(record.code));
  absl::StrAppend(&out, ",\"latency_ms\":", absl::ToInt64Microseconds(record.latency) / 1000, ".",
                  absl::Dec(absl::ToInt64Microseconds(record.latency) % 1000, absl::kZeroPad3), "}");
  return out;
}

class CallObserver final : public grpc::experimental::Interceptor {
 public:
  CallObserver(CallObserverFactory& factory, grpc::experimental::ServerRpcInfo* info)
      : factory_(factory), info_(info), start_(absl::Now()) {
    const absl::string_view path = info->method() == nullptr ? "" : info->method();
    api_ = absl::StartsWith(path, kApiPrefix);
    const size_t slash = path.rfind('/');
    if (slash != absl::string_view::npos && slash > 0) {
      record_.service = std::string(path.substr(1, slash - 1));
      record_.method = std::string(path.substr(slash + 1));
    } else {
      record_.service = std::string(path);
    }
  }
  ~CallObserver() override {
    // A call that ended without a status (cancelled by the client).
    if (!finished_) Report(static_cast<int>(grpc::StatusCode::CANCELLED));
  }

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (api_ && !read_request_ && methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_MESSAGE)) {
      read_request_ = true;
      if (void* m = methods->GetRecvMessage(); m != nullptr) {
        record_.case_id = CaseIdOf(*static_cast<const gp::Message*>(m));
      }
    }
    if (!finished_ && methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      Report(static_cast<int>(methods->GetSendStatus().error_code()));
    }
    methods->Proceed();
  }

 private:
  void Report(int code) {
    finished_ = true;
    record_.code = code;
    record_.latency = absl::Now() - start_;
    if (factory_.notes_ != nullptr) record_.caller = factory_.notes_->Take(info_->server_context());
    if (!api_) record_.caller.reset();
    factory_.Finish(record_);
  }

  CallObserverFactory& factory_;
  grpc::experimental::ServerRpcInfo* info_;
  const absl::Time start_;
  bool api_ = false;
  bool read_request_ = false;
  bool finished_ = false;
  CallRecord record_;
};

CallObserverFactory::CallObserverFactory(metrics::Registry* registry, CallerNotes* notes, bool log)
    : notes_(notes), log_(log) {
  if (registry != nullptr) {
    handled_ = &registry->AddCounter("discipline_grpc_server_handled_total",
                                     "gRPC calls completed on the server, by service, method and code",
                                     {"grpc_service", "grpc_method", "grpc_code"});
    latency_ = &registry->AddHistogram("discipline_grpc_server_handling_seconds",
                                       "Time from a call's arrival to its status, by service and method",
                                       {"grpc_service", "grpc_method"}, LatencyBounds());
  }
}

grpc::experimental::Interceptor* CallObserverFactory::CreateServerInterceptor(grpc::experimental::ServerRpcInfo* info) {
  return new CallObserver(*this, info);
}

void CallObserverFactory::Finish(const CallRecord& record) {
  if (handled_ != nullptr) handled_->Add({record.service, record.method, CodeName(record.code)});
  if (latency_ != nullptr) latency_->Observe({record.service, record.method}, absl::ToDoubleSeconds(record.latency));
  // The health and reflection services are counted but not logged: a load
  // balancer's checks would drown the calls of the API.
  if (log_ && absl::StartsWith(absl::StrCat("/", record.service), kApiPrefix)) LOG(INFO) << CallLogLine(record);
}

}  // namespace discipline::grpc_api
