#ifndef DISCIPLINE_ADAPTERS_DOCUMENTS_LOCAL_STORE_H_
#define DISCIPLINE_ADAPTERS_DOCUMENTS_LOCAL_STORE_H_

// DocumentStore on the local file system, content-addressed:
//   <root>/objects/<first 2 hex>/<sha256>   the bytes (stored once per content)
//   <root>/meta/<document_id>.json          metadata and reference
//   <root>/tmp/                             uploads in progress
// Writes are fsynced and renamed into place, so a crash leaves no half
// document. The default store, under the var dir.

#include <string>

#include "service/ports/document_store.h"

namespace discipline::documents {

class LocalStore final : public ports::DocumentStore {
 public:
  // Creates the directories. UNAVAILABLE when it cannot.
  static absl::StatusOr<std::unique_ptr<LocalStore>> Create(const std::string& root);

  absl::StatusOr<std::unique_ptr<ports::DocumentWriter>> Begin(const ports::DocumentMetadata& metadata,
                                                               int64_t max_bytes) override;
  absl::StatusOr<std::unique_ptr<ports::DocumentReader>> Open(const std::string& document_id) override;
  absl::StatusOr<ports::DocumentRef> Stat(const std::string& document_id) override;
  absl::StatusOr<std::pair<ports::DocumentMetadata, ports::DocumentRef>> Describe(
      const std::string& document_id) override {
    return ReadMeta(document_id);
  }

  // Where the bytes of a document with this hash live (for operators and
  // tests).
  std::string ObjectPath(const std::string& sha256) const;

 private:
  explicit LocalStore(std::string root) : root_(std::move(root)) {}
  absl::StatusOr<std::pair<ports::DocumentMetadata, ports::DocumentRef>> ReadMeta(const std::string& id);
  std::string root_;
};

// Reads a local file in chunks (shared with the WebDAV store, which spools
// downloads to a local file before serving them).
class FileReader final : public ports::DocumentReader {
 public:
  FileReader(ports::DocumentMetadata m, ports::DocumentRef ref, FILE* file, std::string unlink_path = "")
      : metadata_(std::move(m)), ref_(std::move(ref)), file_(file), unlink_path_(std::move(unlink_path)) {}
  ~FileReader() override;
  const ports::DocumentMetadata& metadata() const override { return metadata_; }
  const ports::DocumentRef& ref() const override { return ref_; }
  absl::Status Read(size_t max, std::string* chunk) override;

 private:
  ports::DocumentMetadata metadata_;
  ports::DocumentRef ref_;
  FILE* file_;
  std::string unlink_path_;
};

}  // namespace discipline::documents

#endif  // DISCIPLINE_ADAPTERS_DOCUMENTS_LOCAL_STORE_H_
