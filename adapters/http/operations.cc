#include "adapters/http/operations.h"

#include <httplib.h>

namespace discipline::http {

void AddOperationsRoutes(httplib::Server& server, const OperationsEndpoints& endpoints) {
  if (endpoints.metrics) {
    server.Get("/metrics", [metrics = endpoints.metrics](const httplib::Request&, httplib::Response& res) {
      res.set_header("Cache-Control", "no-store");
      res.set_content(metrics(), kMetricsContentType);
    });
  }
  if (endpoints.healthy) {
    server.Get("/healthz", [healthy = endpoints.healthy](const httplib::Request&, httplib::Response& res) {
      const bool up = healthy();
      res.status = up ? 200 : 503;
      res.set_header("Cache-Control", "no-store");
      res.set_content(up ? R"({"status":"SERVING"})"
                           "\n"
                         : R"({"status":"NOT_SERVING","database":"unavailable"})"
                           "\n",
                      "application/json; charset=utf-8");
    });
  }
}

}  // namespace discipline::http
