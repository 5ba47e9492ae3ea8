#ifndef DISCIPLINE_ADAPTERS_NOTIFY_SMTP_H_
#define DISCIPLINE_ADAPTERS_NOTIFY_SMTP_H_

// E-mail notifications over SMTP with libcurl's SMTP client (smtp:// with
// STARTTLS when the relay offers it, or required; smtps://). The message is
// plain text in UTF-8 (base64), with the outbox's Message-ID.
//
// Outcomes: the relay's 250 after the message → sent; a 4xx anywhere, no
// connection, or a failure before the whole message was handed over → retry
// (the relay cannot have accepted an unfinished message, RFC 5321 §4.1.1.4);
// a 5xx → refused; no final answer after the whole message was handed over
// (a timeout, a dropped connection) → maybe sent: the relay may have taken
// it. The password is read from a file and never appears in an error.

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "service/ports/notifier.h"

namespace discipline::notify {

struct SmtpOptions {
  std::string url;        // smtp://host:port or smtps://host:port, no credentials
  std::string from;       // the envelope and header sender, e.g. "disiplin@instansi.go.id"
  std::string from_name;  // e.g. "Layanan Disiplin ASN"
  std::string user;       // empty: no AUTH
  std::string password_file;
  bool require_tls = false;
  absl::Duration timeout = absl::Seconds(30);
};

// The message as it goes to the relay (headers and base64 body, CRLF), for
// `date` (RFC 5322 date). Exposed for tests.
std::string SmtpMessage(const SmtpOptions& options, const ports::Notification& n, absl::Time date);

class SmtpNotifier final : public ports::Notifier {
 public:
  // Reads the password file (NOT_FOUND when a user is set and it cannot be
  // read); INVALID_ARGUMENT for a URL with credentials in it or no sender.
  static absl::StatusOr<std::unique_ptr<SmtpNotifier>> Create(SmtpOptions options);
  ports::NotifyChannel channel() const override { return ports::NotifyChannel::kEmail; }
  ports::SendResult Send(const ports::Notification& n) override;

 private:
  SmtpNotifier(SmtpOptions options, std::string password)
      : options_(std::move(options)), password_(std::move(password)) {}
  const SmtpOptions options_;
  const std::string password_;
};

}  // namespace discipline::notify

#endif  // DISCIPLINE_ADAPTERS_NOTIFY_SMTP_H_
