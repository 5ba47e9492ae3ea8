#include "adapters/http/routes.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "google/api/annotations.pb.h"

namespace discipline::http {
namespace {

namespace gp = ::google::protobuf;

// The verb and path template of an annotation; false for a custom pattern.
bool VerbAndPath(const google::api::HttpRule& rule, std::string* verb, std::string* path) {
  switch (rule.pattern_case()) {
    case google::api::HttpRule::kGet:
      *verb = "GET", *path = rule.get();
      return true;
    case google::api::HttpRule::kPost:
      *verb = "POST", *path = rule.post();
      return true;
    case google::api::HttpRule::kPatch:
      *verb = "PATCH", *path = rule.patch();
      return true;
    case google::api::HttpRule::kDelete:
      *verb = "DELETE", *path = rule.delete_();
      return true;
    case google::api::HttpRule::kPut:
      *verb = "PUT", *path = rule.put();
      return true;
    default:
      return false;
  }
}

// "{name}" → one path segment without ':' (the custom verb follows); the
// rest literally. Fills `params` with the variables' names.
std::string TemplateRegex(const std::string& path, std::vector<std::string>* params) {
  std::string regex;
  for (size_t k = 0; k < path.size();) {
    if (path[k] == '{') {
      const size_t end = path.find('}', k);
      params->push_back(path.substr(k + 1, end - k - 1));
      regex += "([^/:]+)";
      k = end + 1;
    } else {
      const char c = path[k++];
      if (absl::string_view(".^$|()[]*+?\\").find(c) != absl::string_view::npos) regex += '\\';
      regex += c;
    }
  }
  return regex;
}

}  // namespace

std::vector<BoundRoute> BuildRouteTable(const std::vector<const gp::ServiceDescriptor*>& services) {
  std::vector<BoundRoute> out;
  for (const gp::ServiceDescriptor* s : services) {
    for (int i = 0; i < s->method_count(); ++i) {
      const gp::MethodDescriptor* m = s->method(i);
      if (!m->options().HasExtension(google::api::http)) continue;
      const google::api::HttpRule& rule = m->options().GetExtension(google::api::http);
      BoundRoute b;
      if (!VerbAndPath(rule, &b.route.verb, &b.route.path)) continue;
      b.route.method = m->full_name();
      b.method = m;
      b.body = rule.body();
      b.regex = TemplateRegex(b.route.path, &b.params);
      b.pattern = std::regex(b.regex);
      b.prefix = b.route.path.substr(0, b.route.path.find('{'));
      b.grpc_path = absl::StrCat("/", s->full_name(), "/", m->name());
      b.input = gp::MessageFactory::generated_factory()->GetPrototype(m->input_type());
      b.output = gp::MessageFactory::generated_factory()->GetPrototype(m->output_type());
      out.push_back(std::move(b));
    }
  }
  return out;
}

namespace {

// Whether `path` is an instance of `b`'s template; fills `m`. The literal
// prefix is compared first: most routes are ruled out without the regex.
bool Matches(const BoundRoute& b, const std::string& path, std::smatch* m) {
  return absl::StartsWith(path, b.prefix) && std::regex_match(path, *m, b.pattern);
}

}  // namespace

RouteMatch MatchRoute(const std::vector<BoundRoute>& table, absl::string_view verb, const std::string& path) {
  RouteMatch out;
  std::smatch m;
  for (const BoundRoute& b : table) {
    if (b.route.verb != verb || !Matches(b, path, &m)) continue;
    out.outcome = RouteMatch::Outcome::kFound;
    out.route = &b;
    for (size_t i = 0; i < b.params.size(); ++i) out.bindings.emplace_back(b.params[i], m[i + 1].str());
    return out;
  }
  for (const BoundRoute& b : table) {
    if (b.route.verb == verb || !Matches(b, path, &m)) continue;
    out.outcome = RouteMatch::Outcome::kWrongVerb;
    out.allowed.push_back(b.route.verb);
  }
  return out;
}

}  // namespace discipline::http
