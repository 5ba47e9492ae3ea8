#ifndef DISCIPLINE_ADAPTERS_COMMON_REPORTER_SEAL_H_
#define DISCIPLINE_ADAPTERS_COMMON_REPORTER_SEAL_H_

// The sealed reporter of a case (api.md, "Safe edges"): the one place where
// the reporter is encrypted, opened and committed to. Every key is derived
// from one server secret, the reporter key file: 32 random bytes written as
// 64 hex digits (`od -An -tx1 -N32 /dev/urandom | tr -d ' \n'`), mode 0600.
//
// - Seal/Open: AES-256-GCM (OpenSSL EVP), a fresh random 96-bit nonce per
//   value, the case id as associated data (a sealed value moved to another
//   case does not open). Stored as 0x01 ‖ nonce(12) ‖ ciphertext ‖ tag(16).
// - Commitment: hex HMAC-SHA256 over the case id and the reporter under a
//   second derived key. The stored case carries it instead of the reporter,
//   so the case's digest binds the reporter, but nobody without the secret
//   can check a guess against it; bound to the case id, it does not tell
//   that two cases share a reporter.
// - RequestDigest: hex HMAC-SHA256 of a canonical request under a third
//   derived key, for the idempotency records (a filing's request holds the
//   reporter).
// - key_id: 16 hex digits derived from the secret (not the secret): stored
//   beside each sealed value, so a server started with another key refuses
//   to start instead of failing on every read.

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace discipline::adapters {

class ReporterSeal {
 public:
  // From the key file (64 hex digits; surrounding whitespace ignored). The
  // errors name the file, never its content.
  static absl::StatusOr<std::shared_ptr<const ReporterSeal>> FromKeyFile(const std::string& path);
  // From the 32 raw bytes of the secret.
  static absl::StatusOr<std::shared_ptr<const ReporterSeal>> FromKey(absl::string_view secret);

  const std::string& key_id() const { return key_id_; }

  absl::StatusOr<std::string> Seal(absl::string_view case_id, absl::string_view reporter) const;
  // INTERNAL when the value was sealed under another key or for another
  // case, or was altered: never a wrong plaintext.
  absl::StatusOr<std::string> Open(absl::string_view case_id, absl::string_view sealed) const;
  std::string Commitment(absl::string_view case_id, absl::string_view reporter) const;
  std::string RequestDigest(absl::string_view request) const;

 private:
  ReporterSeal() = default;
  std::string encryption_key_;
  std::string commitment_key_;
  std::string request_key_;
  std::string key_id_;
};

}  // namespace discipline::adapters

#endif  // DISCIPLINE_ADAPTERS_COMMON_REPORTER_SEAL_H_
