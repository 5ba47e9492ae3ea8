#ifndef DISCIPLINE_ADAPTERS_HTTP_OPERATIONS_H_
#define DISCIPLINE_ADAPTERS_HTTP_OPERATIONS_H_

// The operators' routes of the HTTP port, without a token: GET /metrics
// (Prometheus text exposition 0.0.4) and GET /healthz (200 while the case
// database answers, 503 otherwise). Neither tells anything about a case.

#include <functional>
#include <string>

namespace httplib {
class Server;
}  // namespace httplib

namespace discipline::http {

struct OperationsEndpoints {
  // The exposition; null: no /metrics route.
  std::function<std::string()> metrics;
  // Whether the case database answers now; null: no /healthz route.
  std::function<bool()> healthy;
};

inline constexpr char kMetricsContentType[] = "text/plain; version=0.0.4; charset=utf-8";

void AddOperationsRoutes(httplib::Server& server, const OperationsEndpoints& endpoints);

}  // namespace discipline::http

#endif  // DISCIPLINE_ADAPTERS_HTTP_OPERATIONS_H_
