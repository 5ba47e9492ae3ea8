#ifndef DISCIPLINE_ADAPTERS_COMMON_HTTP_CLIENT_H_
#define DISCIPLINE_ADAPTERS_COMMON_HTTP_CLIENT_H_

// One HTTP(S) request over libcurl, for the adapters that call a peer (the
// issuer's JWKS, SIASN). Thread-safe: each call has its own handle.

#include <string>
#include <vector>

#include "absl/time/time.h"

namespace discipline::adapters {

// One part of a multipart/form-data body: a field, or a file when
// `file_name` is set.
struct HttpPart {
  std::string name;
  std::string data;
  std::string file_name;
  std::string content_type;
};

struct HttpRequest {
  std::string url;
  // POST with `body` when set, else GET.
  bool post = false;
  std::string body;
  // When not empty: POST these as multipart/form-data (`body` unused).
  std::vector<HttpPart> multipart;
  std::vector<std::string> headers;  // "Name: value"
  std::string basic_auth;            // "user:password", or empty
  absl::Duration timeout = absl::Seconds(10);
  size_t max_answer_bytes = 1 << 20;  // a longer answer is a transport error
};

struct HttpReply {
  long status = 0;  // 0 when no answer came
  std::string body;
  std::string error;  // the transport's error, when status is 0
};

HttpReply HttpCall(const HttpRequest& request);

// `value` percent-encoded for a URL or an application/x-www-form-urlencoded
// body.
std::string UrlEncode(const std::string& value);

}  // namespace discipline::adapters

#endif  // DISCIPLINE_ADAPTERS_COMMON_HTTP_CLIENT_H_
