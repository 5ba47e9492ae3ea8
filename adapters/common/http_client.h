#ifndef DISCIPLINE_ADAPTERS_COMMON_HTTP_CLIENT_H_
#define DISCIPLINE_ADAPTERS_COMMON_HTTP_CLIENT_H_

// One HTTP(S) request over libcurl, for the adapters that call a peer (the
// issuer's JWKS, SIASN). Thread-safe: each call has its own handle.

#include <string>
#include <vector>

#include "absl/time/time.h"

namespace discipline::adapters {

struct HttpRequest {
  std::string url;
  // POST with `body` when set, else GET.
  bool post = false;
  std::string body;
  std::vector<std::string> headers;  // "Name: value"
  std::string basic_auth;            // "user:password", or empty
  absl::Duration timeout = absl::Seconds(10);
  size_t max_answer_bytes = 1 << 20;  // a longer answer is a transport error
};

struct HttpReply {
  long status = 0;    // 0 when no answer came
  std::string body;
  std::string error;  // the transport's error, when status is 0
};

HttpReply HttpCall(const HttpRequest& request);

}  // namespace discipline::adapters

#endif  // DISCIPLINE_ADAPTERS_COMMON_HTTP_CLIENT_H_
