#ifndef DISCIPLINE_ADAPTERS_HTTP_ROUTES_H_
#define DISCIPLINE_ADAPTERS_HTTP_ROUTES_H_

// The gateway's route table, built from the google.api.http annotations of
// the API's services (AIP-127), and the look-up of a request in it. Pure:
// descriptors in, routes out; no server, no call. A path variable "{name}"
// matches one path segment without ':' (a custom verb such as ":decide"
// follows it), and binds the request field `name`.

#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace discipline::http {

// One route, as the annotations give it.
struct Route {
  std::string verb;    // "GET", "POST", ...
  std::string path;    // the template, e.g. "/v1/cases/{case_id}:decide"
  std::string method;  // "asn.discipline.v1.CaseService.DecideSanction"
};

// A route with what the gateway needs to call its RPC.
struct BoundRoute {
  Route route;
  const google::protobuf::MethodDescriptor* method = nullptr;
  std::string body;                 // the annotation's body: "*" or ""
  std::vector<std::string> params;  // the path variables, in order
  std::string regex;                // the template as a regular expression
  std::regex pattern;               // `regex`, compiled
  std::string prefix;               // the template up to its first variable
  std::string grpc_path;            // "/package.Service/Method"
  // The generated classes' default instances: generated parsing and
  // serialization, not reflection; looked up once (the factory's look-up
  // takes a lock).
  const google::protobuf::Message* input = nullptr;
  const google::protobuf::Message* output = nullptr;
};

// Every annotated RPC of `services`, in their order; RPCs without an
// annotation (or with a custom verb pattern) have no route.
std::vector<BoundRoute> BuildRouteTable(const std::vector<const google::protobuf::ServiceDescriptor*>& services);

// Where a request goes.
struct RouteMatch {
  enum class Outcome {
    kFound,      // `route`, with `bindings`
    kNoRoute,    // no template matches the path: 404
    kWrongVerb,  // a template matches, under other verbs (`allowed`): 405
  };
  Outcome outcome = Outcome::kNoRoute;
  const BoundRoute* route = nullptr;
  // Path variable → its segment, in the template's order.
  std::vector<std::pair<std::string, std::string>> bindings;
  // For kWrongVerb: the verbs the path has, for the Allow header.
  std::vector<std::string> allowed;
};

// The route of `verb` `path` (the path without its query, as the server
// decoded it). The first matching route of the table wins. Only when none
// of `verb` matches are the other verbs' routes tried (for 405).
RouteMatch MatchRoute(const std::vector<BoundRoute>& table, absl::string_view verb, const std::string& path);

}  // namespace discipline::http

#endif  // DISCIPLINE_ADAPTERS_HTTP_ROUTES_H_
