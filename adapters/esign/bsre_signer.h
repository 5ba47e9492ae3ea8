#ifndef DISCIPLINE_ADAPTERS_ESIGN_BSRE_SIGNER_H_
#define DISCIPLINE_ADAPTERS_ESIGN_BSRE_SIGNER_H_

// The agency's BSrE e-sign client service, API v2:
//   POST <base_url>/api/v2/sign/pdf, HTTP Basic (the agency's client user
//   and password), JSON {"nik", "passphrase" | "totp",
//   "signatureProperties": [{"tampilan": "INVISIBLE", ...}], "file":
//   [<base64 PDF>]} → {"file": [<base64 signed PDF>]}.
// Built and read with protobuf's Struct and JSON mapping.
//
// Outcomes: 2xx with a PDF → the signed PDF; a refusal (4xx other than 401,
// 403, 408, 429: a wrong passphrase or TOTP, a NIK without a certificate) →
// FAILED_PRECONDITION with a Bahasa Indonesia message for the official;
// 401/403 (the agency's client credentials), 408, 429, 5xx, a timeout, no
// connection, an answer without a PDF → UNAVAILABLE. Never retried: a call
// that may have reached BSrE may have signed, so it is reported, and the
// official decides. The NIK, passphrase and TOTP appear in no error text.

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "service/ports/signer.h"

namespace discipline::esign {

struct BsreOptions {
  std::string base_url;  // https, or http on loopback (checked at start-up)
  std::string user;
  std::string password;  // read from ServerConfig.esign.password_file
  // The invisible signature's reason and location (optional).
  std::string reason = "Keputusan hukuman disiplin";
  std::string location;
  absl::Duration timeout = absl::Seconds(60);
  // The largest signed PDF accepted.
  size_t max_pdf_bytes = 32 << 20;
};

// The JSON body of a sign call (exposed for tests).
absl::StatusOr<std::string> BuildSignRequest(const std::string& pdf, const ports::SignCredentials& credentials,
                                             const BsreOptions& options);

// The signed PDF of an answer with HTTP `status` and `body` (status 0: no
// answer came, `transport_error` says why). `credentials` are scrubbed from
// any text that is quoted back (exposed for tests).
absl::StatusOr<std::string> ParseSignAnswer(long status, const std::string& body, const std::string& transport_error,
                                            const ports::SignCredentials& credentials);

class BsreSigner final : public ports::Signer {
 public:
  explicit BsreSigner(BsreOptions options) : options_(std::move(options)) {}
  absl::StatusOr<std::string> SignPdf(const std::string& pdf, const ports::SignCredentials& credentials) override;

 private:
  const BsreOptions options_;
};

}  // namespace discipline::esign

#endif  // DISCIPLINE_ADAPTERS_ESIGN_BSRE_SIGNER_H_
