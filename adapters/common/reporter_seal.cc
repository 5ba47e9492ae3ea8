#include "adapters/common/reporter_seal.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "adapters/common/digest.h"

namespace discipline::adapters {
namespace {

constexpr size_t kKeyBytes = 32;
constexpr size_t kNonceBytes = 12;
constexpr size_t kTagBytes = 16;
constexpr unsigned char kFormat = 0x01;

std::string Hmac(absl::string_view key, absl::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
       data.size(), out, &n);
  return std::string(reinterpret_cast<const char*>(out), n);
}

// Length-prefixed fields: ("ab", "c") and ("a", "bc") differ.
std::string Framed(absl::string_view a, absl::string_view b) {
  return absl::StrCat(a.size(), ":", a, b.size(), ":", b);
}

struct CipherCtx {
  CipherCtx() : ctx(EVP_CIPHER_CTX_new()) {}
  ~CipherCtx() { EVP_CIPHER_CTX_free(ctx); }
  EVP_CIPHER_CTX* ctx;
};

const unsigned char* Bytes(absl::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

}  // namespace

absl::StatusOr<std::shared_ptr<const ReporterSeal>> ReporterSeal::FromKeyFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    return absl::NotFoundError(absl::StrCat("reporter_key_file: cannot read ", path));
  }
  std::stringstream text;
  text << in.rdbuf();
  const std::string hex(absl::StripAsciiWhitespace(text.str()));
  bool hex_only = hex.size() == 2 * kKeyBytes;
  for (char c : hex) hex_only &= absl::ascii_isxdigit(static_cast<unsigned char>(c));
  if (!hex_only) {
    return absl::InvalidArgumentError(
        absl::StrCat("reporter_key_file: ", path, " must hold 32 random bytes as 64 hex digits"));
  }
  std::string secret = absl::HexStringToBytes(hex);
  auto seal = FromKey(secret);
  OPENSSL_cleanse(secret.data(), secret.size());
  return seal;
}

absl::StatusOr<std::shared_ptr<const ReporterSeal>> ReporterSeal::FromKey(absl::string_view secret) {
  if (secret.size() != kKeyBytes) return absl::InvalidArgumentError("the reporter key must be 32 bytes");
  std::shared_ptr<ReporterSeal> s(new ReporterSeal());
  s->encryption_key_ = Hmac(secret, "asn-discipline reporter encryption v1");
  s->commitment_key_ = Hmac(secret, "asn-discipline reporter commitment v1");
  s->request_key_ = Hmac(secret, "asn-discipline request digest v1");
  const std::string id = Hmac(secret, "asn-discipline reporter key id v1");
  s->key_id_ = HexEncode(Bytes(id), 8);
  return std::shared_ptr<const ReporterSeal>(std::move(s));
}

absl::StatusOr<std::string> ReporterSeal::Seal(absl::string_view case_id, absl::string_view reporter) const {
  std::string out(1 + kNonceBytes + reporter.size() + kTagBytes, '\0');
  out[0] = static_cast<char>(kFormat);
  auto* nonce = reinterpret_cast<unsigned char*>(&out[1]);
  if (RAND_bytes(nonce, kNonceBytes) != 1) return absl::InternalError("no random nonce for the sealed reporter");
  auto* cipher = reinterpret_cast<unsigned char*>(&out[1 + kNonceBytes]);
  CipherCtx c;
  int n = 0;
  if (c.ctx == nullptr || EVP_EncryptInit_ex(c.ctx, EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1 ||
      EVP_CIPHER_CTX_ctrl(c.ctx, EVP_CTRL_GCM_SET_IVLEN, kNonceBytes, nullptr) != 1 ||
      EVP_EncryptInit_ex(c.ctx, nullptr, nullptr, Bytes(encryption_key_), nonce) != 1 ||
      EVP_EncryptUpdate(c.ctx, nullptr, &n, Bytes(case_id), static_cast<int>(case_id.size())) != 1 ||
      EVP_EncryptUpdate(c.ctx, cipher, &n, Bytes(reporter), static_cast<int>(reporter.size())) != 1 ||
      EVP_EncryptFinal_ex(c.ctx, cipher + n, &n) != 1 ||
      EVP_CIPHER_CTX_ctrl(c.ctx, EVP_CTRL_GCM_GET_TAG, kTagBytes, cipher + reporter.size()) != 1) {
    return absl::InternalError("the reporter could not be sealed");
  }
  return out;
}

absl::StatusOr<std::string> ReporterSeal::Open(absl::string_view case_id, absl::string_view sealed) const {
  const absl::Status unopenable =
      absl::InternalError(absl::StrCat("the sealed reporter of case ", case_id, " does not open with reporter key ",
                                       key_id_, " (another key, or an altered value)"));
  if (sealed.size() < 1 + kNonceBytes + kTagBytes || static_cast<unsigned char>(sealed[0]) != kFormat) {
    return unopenable;
  }
  const absl::string_view nonce = sealed.substr(1, kNonceBytes);
  const absl::string_view cipher = sealed.substr(1 + kNonceBytes, sealed.size() - 1 - kNonceBytes - kTagBytes);
  std::string tag(sealed.substr(sealed.size() - kTagBytes));
  std::string out(cipher.size(), '\0');
  CipherCtx c;
  int n = 0, last = 0;
  if (c.ctx == nullptr || EVP_DecryptInit_ex(c.ctx, EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1 ||
      EVP_CIPHER_CTX_ctrl(c.ctx, EVP_CTRL_GCM_SET_IVLEN, kNonceBytes, nullptr) != 1 ||
      EVP_DecryptInit_ex(c.ctx, nullptr, nullptr, Bytes(encryption_key_), Bytes(nonce)) != 1 ||
      EVP_DecryptUpdate(c.ctx, nullptr, &n, Bytes(case_id), static_cast<int>(case_id.size())) != 1 ||
      EVP_DecryptUpdate(c.ctx, reinterpret_cast<unsigned char*>(out.data()), &n, Bytes(cipher),
                        static_cast<int>(cipher.size())) != 1 ||
      EVP_CIPHER_CTX_ctrl(c.ctx, EVP_CTRL_GCM_SET_TAG, kTagBytes, tag.data()) != 1 ||
      EVP_DecryptFinal_ex(c.ctx, reinterpret_cast<unsigned char*>(out.data()) + n, &last) != 1) {
    OPENSSL_cleanse(out.data(), out.size());
    return unopenable;
  }
  return out;
}

std::string ReporterSeal::Commitment(absl::string_view case_id, absl::string_view reporter) const {
  const std::string mac = Hmac(commitment_key_, Framed(case_id, reporter));
  return HexEncode(Bytes(mac), static_cast<unsigned int>(mac.size()));
}

std::string ReporterSeal::RequestDigest(absl::string_view request) const {
  const std::string mac = Hmac(request_key_, request);
  return HexEncode(Bytes(mac), static_cast<unsigned int>(mac.size()));
}

}  // namespace discipline::adapters
