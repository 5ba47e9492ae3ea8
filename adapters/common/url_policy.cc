#include "adapters/common/url_policy.h"

#include <arpa/inet.h>
#include <curl/curl.h>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace discipline::adapters {
namespace {

std::string Part(CURLU* u, CURLUPart part) {
  char* value = nullptr;
  std::string out;
  if (curl_url_get(u, part, &value, 0) == CURLUE_OK && value != nullptr) out = value;
  curl_free(value);
  return out;
}

}  // namespace

bool IsLoopbackHost(std::string host) {
  host = absl::AsciiStrToLower(host);
  if (host == "localhost") return true;
  if (absl::StartsWith(host, "[") && absl::EndsWith(host, "]")) host = host.substr(1, host.size() - 2);
  in_addr v4;
  if (inet_pton(AF_INET, host.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  in6_addr v6;
  if (inet_pton(AF_INET6, host.c_str(), &v6) == 1) return IN6_IS_ADDR_LOOPBACK(&v6);
  return false;
}

absl::Status RequireTlsOffLoopback(absl::string_view url, absl::string_view field) {
  CURLU* u = curl_url();
  if (u == nullptr) return absl::ResourceExhaustedError("curl_url");
  const std::string text(url);
  const CURLUcode parsed = curl_url_set(u, CURLUPART_URL, text.c_str(), 0);
  const std::string scheme = parsed == CURLUE_OK ? absl::AsciiStrToLower(Part(u, CURLUPART_SCHEME)) : "";
  const std::string host = parsed == CURLUE_OK ? Part(u, CURLUPART_HOST) : "";
  curl_url_cleanup(u);
  if (parsed != CURLUE_OK || host.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(field, ": not a URL"));
  }
  if (scheme == "https") return absl::OkStatus();
  if (scheme == "http" && IsLoopbackHost(host)) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat(field, ": must be https (plain http only on loopback), not ", scheme, "://", host.substr(0, 64)));
}

absl::Status RequireTlsOffLoopback(const std::vector<std::pair<std::string, std::string>>& urls) {
  for (const auto& [field, url] : urls) {
    if (url.empty()) continue;
    if (absl::Status s = RequireTlsOffLoopback(url, field); !s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace discipline::adapters
