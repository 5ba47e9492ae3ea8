#ifndef DISCIPLINE_ADAPTERS_COMMON_DIGEST_H_
#define DISCIPLINE_ADAPTERS_COMMON_DIGEST_H_

// Helpers the adapters share: SHA-256 (OpenSSL) and time-ordered ids.

#include <string>

#include "absl/strings/string_view.h"

namespace discipline::adapters {

// Lower-case hex of `n` bytes.
std::string HexEncode(const unsigned char* bytes, unsigned int n);
// Hex SHA-256 of `data`.
std::string Sha256Hex(absl::string_view data);
// 20 characters of lower-case Crockford base32: 10 of the millisecond time,
// then 10 random ones. URL-safe; ids made later sort later.
std::string TimeOrderedId();

}  // namespace discipline::adapters

#endif  // DISCIPLINE_ADAPTERS_COMMON_DIGEST_H_
