#ifndef DISCIPLINE_SERVICE_PORTS_UPLOAD_LEDGER_H_
#define DISCIPLINE_SERVICE_PORTS_UPLOAD_LEDGER_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace discipline::ports {

struct UploadLimits {
  int64_t max_documents_per_case = 200;
  int64_t max_bytes_per_case = int64_t{2} << 30;            // 2 GiB
  int64_t max_bytes_per_caller_per_day = int64_t{5} << 30;  // 5 GiB
  // Uploads one caller may have in flight at once.
  int max_concurrent_uploads_per_caller = 4;
};

struct Upload {
  std::string case_id;  // empty when not tied to a case
  std::string caller;   // the caller's id (NIP or ppk:<agency>)
  std::string agency_code;
  int64_t size_bytes = 0;
};

// A read of a document uploaded without a case (a case's document's reads
// are events on the case's audit chain).
struct DocumentRead {
  std::string document_id;
  std::string agency_code;
  int kind = 0;  // asn.discipline.v1.DocumentKind number
  std::string sha256;
  std::string actor;  // the audit actor (domain::Caller::Actor)
  absl::Time at;
};

// The record of stored uploads, for the quotas, and of the reads of
// documents without a case.
//
// Thread safety: safe to call from many threads. Concurrent uploads of one
// case or caller may pass a check together, so a quota can be exceeded by
// at most the uploads in flight.
// Errors: RESOURCE_EXHAUSTED naming the quota; UNAVAILABLE when the database
// is down.
class UploadLedger {
 public:
  virtual ~UploadLedger() = default;
  // Whether `upload` fits the quotas, before the document is committed.
  virtual absl::Status Check(const Upload& upload, const UploadLimits& limits) = 0;
  // Records a committed upload.
  virtual absl::Status Record(const std::string& document_id, const Upload& upload) = 0;
  // Appends the read of a document without a case to its trail.
  virtual absl::Status RecordDocumentRead(const DocumentRead& read) = 0;
};

}  // namespace discipline::ports

#endif  // DISCIPLINE_SERVICE_PORTS_UPLOAD_LEDGER_H_
