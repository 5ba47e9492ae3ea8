#include "adapters/http/transcode.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "adapters/http/json_printer.h"
#include "google/protobuf/util/json_util.h"
#include "google/rpc/status.pb.h"

namespace discipline::http {
namespace {

namespace gp = ::google::protobuf;

// Sets a scalar `f` of `m` from its text in the URL; false (with `why`)
// when the text is not a value of the field's type.
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

// A field by its proto name, lower-case name or JSON (camelCase) name.
const gp::FieldDescriptor* FieldNamed(const gp::Descriptor* d, const std::string& name) {
  if (const auto* f = d->FindFieldByName(name); f != nullptr) return f;
  if (const auto* f = d->FindFieldByLowercaseName(name); f != nullptr) return f;
  return d->FindFieldByCamelcaseName(name);
}

grpc::Status Invalid(const std::string& message) { return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, message); }

grpc::Status ParseBody(const std::string& body, gp::Message* request) {
  gp::util::JsonParseOptions parse;
  parse.ignore_unknown_fields = false;
  if (auto s = gp::util::JsonStringToMessage(body, request, parse); !s.ok()) {
    return Invalid(absl::StrCat("body: not a valid ", request->GetDescriptor()->name(), ": ",
                                std::string(s.message()).substr(0, 200)));
  }
  return grpc::Status::OK;
}

grpc::Status BindQuery(const std::multimap<std::string, std::string>& query, gp::Message* request) {
  for (const auto& [key, value] : query) {
    if (key == kFormatParam) continue;
    const gp::FieldDescriptor* f = FieldNamed(request->GetDescriptor(), key);
    std::string why = "unknown query parameter";
    if (f == nullptr || !SetField(*request, f, value, &why)) return Invalid(absl::StrCat(key.substr(0, 40), ": ", why));
  }
  return grpc::Status::OK;
}

}  // namespace

grpc::Status TranscodeRequest(const BoundRoute& route, const RouteMatch& match, const std::string& body,
                              const std::multimap<std::string, std::string>& query, gp::Message* request) {
  if (route.body == "*" && !body.empty()) {
    if (grpc::Status s = ParseBody(body, request); !s.ok()) return s;
  }
  for (const auto& [name, value] : match.bindings) {
    const gp::FieldDescriptor* f = FieldNamed(request->GetDescriptor(), name);
    std::string why;
    if (f == nullptr || !SetField(*request, f, value, &why)) return Invalid(absl::StrCat(name, ": ", why));
  }
  if (route.body != "*") return BindQuery(query, request);
  return grpc::Status::OK;
}

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

std::string ErrorJson(const grpc::Status& s) {
  google::rpc::Status status;
  if (s.error_details().empty() || !status.ParseFromString(s.error_details())) {
    status.set_code(s.error_code());
    status.set_message(s.error_message());
  }
  return ToJson(status);
}

}  // namespace discipline::http
