#ifndef DISCIPLINE_ADAPTERS_SIASN_SENDER_H_
#define DISCIPLINE_ADAPTERS_SIASN_SENDER_H_

// Delivers the SIASN outbox as SIASN's web services take it (the project's
// SIASN reference):
// - two tokens on every call: `Authorization: Bearer <API manager token>`
//   (OAuth2 client credentials at token_url, HTTP Basic with the consumer
//   key and secret) and `Auth: bearer <SSO token>` (the operator's token:
//   a password grant at sso_token_url, or a token file the agency
//   supplies); both cached and fetched again a minute before they expire,
//   or after a 401;
// - `POST <api_base>/apisiasn/1.0/hukdis/save` with the record, `id` empty
//   for a new record or the case's SIASN id for an update or an annulment
//   after a remedy; the answer's `mapData.rwHukdisId` is kept as the case's
//   SIASN id (durably, before anything else is sent);
// - the signed SK attached to that record by
//   `POST <api_base>/apisiasn/1.0/upload-dok-rw` (multipart `file` PDF,
//   `id_riwayat`, `id_ref_dokumen` 882).
// Nothing is posted twice for one punishment: a save of a new record is
// marked sent before it goes out; if its answer is lost (a timeout, a
// crash), the next attempt first looks for the record in the employee's
// riwayat (`GET pns/rw-hukdis/{nip}`, by skNomor and jenisHukumanId) and
// adopts its id. A crash after the save resumes at the attachment.
//
// Outcomes per step: 2xx (and no `"success": false`) → done; 401 → the
// tokens are dropped and the record retried; 408, 429, 5xx, a timeout, no
// connection → retried with exponential backoff (1 s doubling, at most
// 10 min); any other 4xx, or 2xx with `"success": false` → refused, with
// SIASN's message stored on the case (it waits for a corrected case).
// Thread-compatible: one sender per process, called from one thread.

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "adapters/siasn/tokens.h"
#include "service/ports/document_store.h"
#include "service/ports/siasn_outbox.h"

namespace discipline::siasn {

struct SenderOptions {
  // The API manager's token endpoint, consumer key and secret.
  std::string token_url;
  std::string client_id;
  std::string client_secret;
  // The operator's SSO token: a password grant (sso_token_url,
  // sso_client_id, sso_username, sso_password), or else the token read from
  // sso_token_file.
  std::string sso_token_url;
  std::string sso_client_id;
  std::string sso_username;
  std::string sso_password;
  std::string sso_token_file;
  // The API base: calls go to <api_base>/apisiasn/1.0/... .
  std::string api_base;
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
  // `documents` holds the SKs to attach.
  Sender(ports::SiasnOutbox& outbox, ports::DocumentStore& documents, SenderOptions options)
      : outbox_(outbox), documents_(documents), options_(std::move(options)) {}
  // One pass over the due records (at most `limit`).
  absl::StatusOr<SendRun> RunOnce(int limit = 100);

  // The backoff after `attempts` failed attempts: 1 s, 2 s, 4 s, … 10 min.
  static absl::Duration Backoff(int attempts);

 private:
  static TokenOptions TokenOptionsOf(const SenderOptions& o) {
    return {o.token_url,    o.client_id,    o.client_secret,  o.sso_token_url, o.sso_client_id,
            o.sso_username, o.sso_password, o.sso_token_file, o.timeout};
  }
  // Both tokens into headers_, from the cache or fetched; UNAVAILABLE
  // naming which failed.
  absl::Status Tokens();

  // A step's outcome: done, retry (an outage), refused (SIASN refused it).
  enum class Outcome { kDone, kRetry, kRefused };
  struct StepResult {
    Outcome outcome;
    std::string error;
    std::string siasn_id;
  };
  StepResult Save(const ports::OutboxRecord& r);
  StepResult Attach(const ports::OutboxRecord& r, const std::string& siasn_id);
  // The id of the record `r` in the employee's riwayat, "" when absent.
  StepResult FindSaved(const ports::OutboxRecord& r);

  ports::SiasnOutbox& outbox_;
  ports::DocumentStore& documents_;
  SenderOptions options_;
  siasn::Tokens tokens_{TokenOptionsOf(options_)};
  std::vector<std::string> headers_;  // of the current pass
};

}  // namespace discipline::siasn

#endif  // DISCIPLINE_ADAPTERS_SIASN_SENDER_H_
