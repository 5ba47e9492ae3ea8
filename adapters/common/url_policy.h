#ifndef DISCIPLINE_ADAPTERS_COMMON_URL_POLICY_H_
#define DISCIPLINE_ADAPTERS_COMMON_URL_POLICY_H_

// The outside services' addresses (the issuer's jwks_uri, SIASN, WebDAV):
// https, except on loopback (a test peer, a local proxy). Checked once at
// start-up: a plaintext address elsewhere would carry tokens, keys, records
// and documents in the clear.

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace discipline::adapters {

// OK for an https URL, or an http URL whose host is loopback (localhost,
// 127.0.0.0/8, ::1); INVALID_ARGUMENT naming `field` otherwise (another
// scheme, a URL that does not parse). Parsed with libcurl's URL API.
absl::Status RequireTlsOffLoopback(absl::string_view url, absl::string_view field);

// Whether `host` (a name or an address, IPv6 in brackets or not) is
// loopback: localhost, 127.0.0.0/8, ::1.
bool IsLoopbackHost(std::string host);

// Each (field, url) with a non-empty url; the first failure.
absl::Status RequireTlsOffLoopback(const std::vector<std::pair<std::string, std::string>>& urls);

}  // namespace discipline::adapters

#endif  // DISCIPLINE_ADAPTERS_COMMON_URL_POLICY_H_
