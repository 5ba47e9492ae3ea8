#ifndef DISCIPLINE_ADAPTERS_HTTP_TRANSCODE_H_
#define DISCIPLINE_ADAPTERS_HTTP_TRANSCODE_H_

// JSON/HTTP ↔ protobuf for the gateway (AIP-127): a request message from the
// JSON body (protobuf's JSON mapping, unknown fields refused), the path
// variables and the query parameters; a gRPC status as the HTTP status of
// its code and a google.rpc.Status JSON body. The answers themselves are
// printed by json_printer.h.

#include <grpcpp/support/status.h>

#include <map>
#include <string>

#include "adapters/http/routes.h"
#include "google/protobuf/message.h"

namespace discipline::http {

// The query parameters the gateway itself reads, never a request field.
inline constexpr char kFormatParam[] = "format";

// Fills `request` (of `route`'s input type): the body when the route takes
// one ("*"), else the query parameters as fields; then the path variables
// of `match`. INVALID_ARGUMENT naming the body, variable or parameter.
grpc::Status TranscodeRequest(const BoundRoute& route, const RouteMatch& match, const std::string& body,
                              const std::multimap<std::string, std::string>& query, google::protobuf::Message* request);

// The HTTP status of a gRPC code (google.rpc.Code's HTTP mapping).
int HttpStatusOf(int grpc_code);

// A google.rpc.Status as JSON: the status's own details when it carries
// them, else its code and message.
std::string ErrorJson(const grpc::Status& status);

}  // namespace discipline::http

#endif  // DISCIPLINE_ADAPTERS_HTTP_TRANSCODE_H_
