#ifndef DISCIPLINE_SERVICE_PORTS_DOCUMENT_STORE_H_
#define DISCIPLINE_SERVICE_PORTS_DOCUMENT_STORE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace discipline::ports {

struct DocumentMetadata {
  std::string case_id;  // optional
  int kind = 0;         // asn.discipline.v1.DocumentKind number
  std::string file_name;
  std::string media_type;
  // The uploader's agency: the one agency that may read the document.
  std::string agency_code;
};

struct DocumentRef {
  std::string document_id;
  std::string sha256;  // hex
  int64_t size_bytes = 0;
};

// One upload in progress: bytes are written in order, then committed.
// Memory stays bounded whatever the size (the bytes are spooled to disk).
class DocumentWriter {
 public:
  virtual ~DocumentWriter() = default;  // aborts an uncommitted upload
  // RESOURCE_EXHAUSTED past the size limit.
  virtual absl::Status Write(absl::string_view chunk) = 0;
  // Makes the document durable and returns its reference.
  virtual absl::StatusOr<DocumentRef> Commit() = 0;
};

// A stored document whose bytes matched their SHA-256 when it was opened.
class DocumentReader {
 public:
  virtual ~DocumentReader() = default;
  virtual const DocumentMetadata& metadata() const = 0;
  virtual const DocumentRef& ref() const = 0;
  // Fills `chunk` with up to `max` bytes; an empty chunk at the end.
  virtual absl::Status Read(size_t max, std::string* chunk) = 0;
};

// Evidence, BAP and decision letters.
//
// Thread safety: implementations are safe to use from many threads; a
// writer or reader belongs to one caller.
// Errors: NOT_FOUND (no such document), DATA_LOSS (the stored bytes no longer
// match their hash), UNAVAILABLE (the document system is down),
// RESOURCE_EXHAUSTED (an upload over the limit), INVALID_ARGUMENT (a
// malformed document id).
class DocumentStore {
 public:
  virtual ~DocumentStore() = default;
  virtual absl::StatusOr<std::unique_ptr<DocumentWriter>> Begin(const DocumentMetadata& metadata,
                                                                int64_t max_bytes) = 0;
  // Verifies the whole content against its hash before returning.
  virtual absl::StatusOr<std::unique_ptr<DocumentReader>> Open(const std::string& document_id) = 0;
  // The reference of a stored document, without reading its bytes.
  virtual absl::StatusOr<DocumentRef> Stat(const std::string& document_id) = 0;
  // The metadata and reference of a stored document, without reading (or
  // hashing) its bytes: what a read is authorized on.
  virtual absl::StatusOr<std::pair<DocumentMetadata, DocumentRef>> Describe(const std::string& document_id) = 0;
};

}  // namespace discipline::ports

#endif  // DISCIPLINE_SERVICE_PORTS_DOCUMENT_STORE_H_
