#ifndef DISCIPLINE_ADAPTERS_NOTIFY_WHATSAPP_H_
#define DISCIPLINE_ADAPTERS_NOTIFY_WHATSAPP_H_

// WhatsApp notifications through the agency's gateway: one HTTP POST per
// message to a configured URL, JSON {"to", "message", "message_id"}, with
// `Authorization: Bearer <token>` (read from a file) and the Message-ID as
// `Idempotency-Key`, so that a gateway that keeps them takes a repeat once.
// 2xx → sent; 408, 429, 5xx → retry; other 4xx → refused; no answer →
// maybe sent (the gateway may have taken it).

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "service/ports/notifier.h"

namespace discipline::notify {

struct WhatsappOptions {
  std::string url;
  std::string token_file;  // empty: no Authorization header
  absl::Duration timeout = absl::Seconds(15);
};

class WhatsappNotifier final : public ports::Notifier {
 public:
  static absl::StatusOr<std::unique_ptr<WhatsappNotifier>> Create(WhatsappOptions options);
  ports::NotifyChannel channel() const override { return ports::NotifyChannel::kWhatsapp; }
  ports::SendResult Send(const ports::Notification& n) override;

 private:
  WhatsappNotifier(WhatsappOptions options, std::string token)
      : options_(std::move(options)), token_(std::move(token)) {}
  const WhatsappOptions options_;
  const std::string token_;
};

}  // namespace discipline::notify

#endif  // DISCIPLINE_ADAPTERS_NOTIFY_WHATSAPP_H_
