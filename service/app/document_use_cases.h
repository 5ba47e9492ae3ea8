#ifndef DISCIPLINE_SERVICE_APP_DOCUMENT_USE_CASES_H_
#define DISCIPLINE_SERVICE_APP_DOCUMENT_USE_CASES_H_

// DocumentService's use cases. UploadDocument: a document streamed into the
// store chunk by chunk (bounded memory, bounded size); the case's
// authorization and the quotas of its case and caller are checked before
// the first byte, again while the bytes arrive, and before the document is
// committed. GetDocument: the read authorized on the document's metadata
// alone, then opened (and so verified) and recorded before a byte is sent.
// The edge (the gRPC reactors, the HTTP gateway through them) only streams
// bytes into an Upload or out of an OpenedDocument, and tells a completed
// stream from a cancelled one.

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "service/app/case_use_cases.h"
#include "service/domain/access.h"
#include "service/ports/clock.h"
#include "service/ports/document_store.h"
#include "service/ports/upload_ledger.h"

namespace discipline::app {

// The upload's first message.
struct UploadRequest {
  std::string case_id;  // optional
  int kind = 0;         // asn.discipline.v1.DocumentKind number, known to the edge
  std::string file_name;
  std::string media_type;
  int64_t size_bytes = 0;  // announced; 0 when not announced
};

struct UploadResult {
  ports::DocumentRef ref;
  // The quota ledger's record of the stored document; a failure does not
  // undo the upload (the edge logs it).
  absl::Status recorded;
};

// One upload in progress. Dropped before Commit, nothing is stored (the
// store's writer aborts its spool). Not thread-safe: one call at a time.
class Upload {
 public:
  // RESOURCE_EXHAUSTED past the size limit or a quota (checked again at
  // every kQuotaCheckBytes received).
  absl::Status Write(absl::string_view chunk);
  // The announced size against the bytes received, the quotas per case and
  // per caller, then the document made durable.
  absl::StatusOr<UploadResult> Commit();
  int64_t written() const { return written_; }

  static constexpr int64_t kQuotaCheckBytes = 4 << 20;

 private:
  friend class DocumentUseCases;
  Upload(ports::UploadLedger* ledger, const ports::UploadLimits& limits, ports::Upload upload, int64_t expected,
         std::unique_ptr<ports::DocumentWriter> writer)
      : ledger_(ledger), limits_(limits), upload_(std::move(upload)), expected_(expected), writer_(std::move(writer)) {}
  // Whether `bytes` so far fit the quotas of the upload's case and caller.
  absl::Status CheckQuota(int64_t bytes) const;

  ports::UploadLedger* const ledger_;
  const ports::UploadLimits limits_;
  ports::Upload upload_;
  const int64_t expected_;
  std::unique_ptr<ports::DocumentWriter> writer_;
  int64_t written_ = 0;
};

// A document opened for a read that was authorized and recorded.
struct OpenedDocument {
  ports::DocumentMetadata metadata;
  std::unique_ptr<ports::DocumentReader> reader;
};

// Thread-safe (holds references only; the ports are thread-safe).
class DocumentUseCases {
 public:
  // `cases`, when set, authorizes by the document's case (an upload's
  // case_id must be a case of the caller's scope) and records a case's
  // document's reads on its chain; `ledger`, when set, keeps the quotas and
  // the trail of reads of documents without a case.
  DocumentUseCases(ports::DocumentStore& store, int64_t max_bytes, const domain::Policy& policy,
                   const ports::Clock& clock, CaseUseCases* cases, ports::UploadLedger* ledger,
                   const ports::UploadLimits& limits)
      : store_(store),
        max_bytes_(max_bytes),
        policy_(policy),
        clock_(clock),
        cases_(cases),
        ledger_(ledger),
        limits_(limits) {}

  // INVALID_ARGUMENT naming the field of `r` (metadata.*) that is bad; the
  // case's scope (NOT_FOUND outside it); the quotas for the announced size;
  // then the store's writer. The document belongs to the uploader's agency,
  // whatever was sent, and is stored as the type it is served as.
  absl::StatusOr<std::unique_ptr<Upload>> Begin(const domain::Caller& caller, const UploadRequest& r);

  // GetDocument: nothing is opened, hashed or sent before the read is
  // authorized on the document's metadata (NOT_FOUND outside the caller's
  // scope; CaseUseCases::AuthorizeDocumentRead). Every read is recorded
  // before a byte is sent: on the case's audit chain, or for a document
  // without a case on the ledger's trail of such reads. A case's document
  // without the case database is UNAVAILABLE.
  absl::StatusOr<OpenedDocument> Open(const domain::Caller& caller, const std::string& document_id);

 private:
  ports::DocumentStore& store_;
  const int64_t max_bytes_;
  const domain::Policy& policy_;
  const ports::Clock& clock_;
  CaseUseCases* const cases_;
  ports::UploadLedger* const ledger_;
  const ports::UploadLimits limits_;
};

}  // namespace discipline::app

#endif  // DISCIPLINE_SERVICE_APP_DOCUMENT_USE_CASES_H_
