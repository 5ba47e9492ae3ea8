#include "adapters/common/digest.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <cstdlib>

#include "absl/strings/str_format.h"
#include "absl/time/clock.h"

namespace discipline::adapters {

std::string HexEncode(const unsigned char* bytes, unsigned int n) {
  std::string hex;
  hex.reserve(2 * n);
  for (unsigned int i = 0; i < n; ++i) absl::StrAppendFormat(&hex, "%02x", bytes[i]);
  return hex;
}

std::string Sha256Hex(absl::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_Digest(data.data(), data.size(), digest, &n, EVP_sha256(), nullptr);
  return HexEncode(digest, n);
}

std::string TimeOrderedId() {
  static constexpr char kAlphabet[] = "0123456789abcdefghjkmnpqrstvwxyz";
  uint64_t ms = static_cast<uint64_t>(absl::ToUnixMillis(absl::Now()));
  std::string id(20, '0');
  for (int i = 9; i >= 0; --i, ms >>= 5) id[i] = kAlphabet[ms & 31];
  // 50 random bits from the OS's CSPRNG (OpenSSL's RAND_bytes): ids are
  // not guessable.
  uint64_t r = 0;
  if (RAND_bytes(reinterpret_cast<unsigned char*>(&r), sizeof r) != 1) {
    // RAND_bytes fails only when the OS has no entropy source at all.
    std::abort();
  }
  for (int i = 10; i < 20; ++i, r >>= 5) id[i] = kAlphabet[r & 31];
  return id;
}

}  // namespace discipline::adapters
