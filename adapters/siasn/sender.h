#ifndef DISCIPLINE_ADAPTERS_SIASN_SENDER_H_
#define DISCIPLINE_ADAPTERS_SIASN_SENDER_H_

// Posts the SIASN outbox to SIASN's hukdis endpoint, as BKN's web service
// expects: a bearer token from the OAuth2 client-credentials grant, the
// record as JSON, and an Idempotency-Key per record so that a repeat (after
// a crash between the post and its mark) is the same record, not a second.
//
// Outcomes per record: 2xx → delivered, with SIASN's id from the answer
// ("id", or "data.id", or "mapData.rwHukdisId"); 401 → the token is dropped
// and the record retried; 408, 429, 5xx, a timeout, no connection → retried
// with exponential backoff (1 s doubling, at most 10 min); any other 4xx →
// refused (SIASN rejects the record itself; it waits for a corrected case).
// Thread-compatible: one sender per process, called from one thread.

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "service/ports/siasn_outbox.h"

namespace discipline::siasn {

struct SenderOptions {
  std::string token_url;
  std::string endpoint;
  std::string client_id;
  std::string client_secret;
  absl::Duration timeout = absl::Seconds(10);
};

struct SendRun {
  int delivered = 0;
  int retried = 0;
  int refused = 0;
  std::string last_error;
};

class Sender {
 public:
  Sender(ports::SiasnOutbox& outbox, SenderOptions options) : outbox_(outbox), options_(std::move(options)) {}
  // One pass over the due records (at most `limit`).
  absl::StatusOr<SendRun> RunOnce(int limit = 100);

  // The backoff after `attempts` failed attempts: 1 s, 2 s, 4 s, … 10 min.
  static absl::Duration Backoff(int attempts);

 private:
  absl::StatusOr<std::string> Token();
  ports::SiasnOutbox& outbox_;
  SenderOptions options_;
  std::string token_;
  absl::Time token_expires_ = absl::InfinitePast();
};

}  // namespace discipline::siasn

#endif  // DISCIPLINE_ADAPTERS_SIASN_SENDER_H_
