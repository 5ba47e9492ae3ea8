#ifndef DISCIPLINE_ADAPTERS_DOCUMENTS_SPOOL_H_
#define DISCIPLINE_ADAPTERS_DOCUMENTS_SPOOL_H_

// Pieces shared by the document stores: a temp file that hashes what is
// written to it, SHA-256 of a file, document ids and the metadata record.

#include <openssl/evp.h>

#include <cstdio>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "service/ports/document_store.h"

namespace discipline::documents {

// Writes to a temp file in `dir` and hashes the bytes on the way.
class Spool {
 public:
  static absl::StatusOr<std::unique_ptr<Spool>> Create(const std::string& dir, int64_t max_bytes);
  ~Spool();
  absl::Status Write(absl::string_view chunk);
  // fsyncs and closes the file; returns the hex SHA-256.
  absl::StatusOr<std::string> Finish();
  const std::string& path() const { return path_; }
  int64_t size() const { return size_; }
  // Keeps the file (it was renamed or handed on).
  void Release() { path_.clear(); }

 private:
  Spool() = default;
  std::string path_;
  FILE* file_ = nullptr;
  EVP_MD_CTX* md_ = nullptr;
  int64_t size_ = 0;
  int64_t max_bytes_ = 0;
};

// Hex SHA-256 of a file's content, read in bounded chunks.
absl::StatusOr<std::string> FileSha256(const std::string& path);

// "doc-" + 20 characters, time-ordered and random (URL-safe).
std::string NewDocumentId();
// INVALID_ARGUMENT unless `id` has the form NewDocumentId makes.
absl::Status ValidateDocumentId(const std::string& id);

// The metadata record kept next to the content, as protobuf JSON of
// asn.discipline.v1.DocumentInfo.
std::string MetadataJson(const ports::DocumentMetadata& m, const ports::DocumentRef& ref);
absl::Status ParseMetadataJson(const std::string& json, ports::DocumentMetadata* m, ports::DocumentRef* ref);

}  // namespace discipline::documents

#endif  // DISCIPLINE_ADAPTERS_DOCUMENTS_SPOOL_H_
