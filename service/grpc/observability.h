#ifndef DISCIPLINE_SERVICE_GRPC_OBSERVABILITY_H_
#define DISCIPLINE_SERVICE_GRPC_OBSERVABILITY_H_

// The calls' edge, seen from outside: a server interceptor that counts every
// call by service, method and code, times it per method (GET /metrics), and
// writes one JSON log line per call of the API (glog) with who called,
// what, on which case, the code and the latency. Never the token, the
// request's other fields or the answer: nothing secret reaches the line.

#include <grpcpp/support/server_interceptor.h>

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/time/time.h"
#include "service/domain/access.h"
#include "service/metrics/metrics.h"

namespace discipline::grpc_api {

// The caller each call authenticated as, kept from the handler's
// Authenticate until the interceptor writes the call's line. Thread-safe.
class CallerNotes {
 public:
  struct Noted {
    std::string nip;  // empty for the PPK's office
    std::string agency_code;
    std::vector<std::string> roles;
  };
  void Note(const void* call, const domain::Caller& caller);
  // The note of `call`, removed.
  std::optional<Noted> Take(const void* call);

 private:
  std::mutex mu_;
  absl::flat_hash_map<const void*, Noted> notes_;
};

// What the log line of one call says.
struct CallRecord {
  std::string service;  // "asn.discipline.v1.CaseService"
  std::string method;   // "FileCase"
  std::string case_id;  // when the request names one
  std::optional<CallerNotes::Noted> caller;
  int code = 0;  // grpc::StatusCode
  absl::Duration latency;
};

// The JSON object of the call's log line (one line, no trailing newline).
std::string CallLogLine(const CallRecord& record);
// "OK", "INVALID_ARGUMENT", ... of a gRPC code.
std::string CodeName(int code);

class CallObserverFactory : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  // `registry` gets the call families (none when null); `notes` (not owned)
  // gives the callers. `log`: write the calls' lines.
  CallObserverFactory(metrics::Registry* registry, CallerNotes* notes, bool log);
  grpc::experimental::Interceptor* CreateServerInterceptor(grpc::experimental::ServerRpcInfo* info) override;

  // Called by the interceptor once per call.
  void Finish(const CallRecord& record);

 private:
  metrics::Counter* handled_ = nullptr;
  metrics::Histogram* latency_ = nullptr;
  CallerNotes* notes_;
  const bool log_;
  friend class CallObserver;
};

}  // namespace discipline::grpc_api

#endif  // DISCIPLINE_SERVICE_GRPC_OBSERVABILITY_H_
