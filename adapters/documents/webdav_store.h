#ifndef DISCIPLINE_ADAPTERS_DOCUMENTS_WEBDAV_STORE_H_
#define DISCIPLINE_ADAPTERS_DOCUMENTS_WEBDAV_STORE_H_

// DocumentStore on a WebDAV collection (Nextcloud, ownCloud, Alfresco and
// Apache mod_dav speak it), over libcurl:
//   PUT <base>/<document_id>        the bytes
//   PUT <base>/<document_id>.json   metadata and reference (with the SHA-256)
//   GET the same; PROPFIND (Depth: 0) to check the collection, MKCOL to make it.
// Uploads and downloads are spooled to a local directory, so memory stays
// bounded; a download is hashed before a byte of it is served.

#include <mutex>
#include <string>

#include "absl/time/time.h"
#include "service/ports/document_store.h"

namespace discipline::documents {

struct WebDavOptions {
  // The collection, e.g. "https://dms.example.go.id/remote.php/dav/files/hukdis/".
  std::string base_url;
  // A file holding "user:password" for basic authentication (optional).
  std::string credentials_file;
  // Local directory for spooled bytes.
  std::string spool_dir;
  absl::Duration connect_timeout = absl::Seconds(5);
  absl::Duration timeout = absl::Seconds(300);
};

class WebDavStore final : public ports::DocumentStore {
 public:
  // Reads the credentials and checks the collection with PROPFIND, creating
  // it with MKCOL when missing. A server that does not answer does not stop
  // the store from being made: every call answers UNAVAILABLE until it does,
  // and the collection is checked before the first call that reaches it. A
  // server that refuses (credentials, HTTP errors) is an error here.
  static absl::StatusOr<std::unique_ptr<WebDavStore>> Create(WebDavOptions options);

  absl::StatusOr<std::unique_ptr<ports::DocumentWriter>> Begin(const ports::DocumentMetadata& metadata,
                                                               int64_t max_bytes) override;
  absl::StatusOr<std::unique_ptr<ports::DocumentReader>> Open(const std::string& document_id) override;
  absl::StatusOr<ports::DocumentRef> Stat(const std::string& document_id) override;
  absl::StatusOr<std::pair<ports::DocumentMetadata, ports::DocumentRef>> Describe(
      const std::string& document_id) override {
    return ReadMeta(document_id);
  }

  // The collection check Create made: not OK when the server did not answer
  // then (the store works once it does).
  const absl::Status& start_check() const { return start_check_; }

  // PUTs a local file to <base>/<name>.
  absl::Status PutFile(const std::string& name, const std::string& path, int64_t size);
  absl::Status PutString(const std::string& name, const std::string& content);

 private:
  explicit WebDavStore(WebDavOptions options, std::string credentials)
      : options_(std::move(options)), credentials_(std::move(credentials)) {}
  struct Response {
    long code = 0;
    std::string body;
  };
  // One request; `download` (optional) receives the body instead of
  // Response::body. UNAVAILABLE on a transport error.
  absl::StatusOr<Response> Request(const std::string& method, const std::string& name, FILE* upload,
                                   int64_t upload_size, const std::string* upload_text, FILE* download,
                                   const std::string& depth = "");
  absl::StatusOr<std::pair<ports::DocumentMetadata, ports::DocumentRef>> ReadMeta(const std::string& id);
  // Checks the collection (PROPFIND, and MKCOL when missing) until a check
  // succeeds; OK at once after that. UNAVAILABLE while the server does not
  // answer; `*no_answer` tells that apart from a refusal.
  absl::Status CheckCollection(bool* no_answer);
  absl::Status EnsureCollection();

  WebDavOptions options_;
  std::string credentials_;
  std::mutex collection_mu_;
  bool collection_checked_ = false;  // guarded by collection_mu_
  absl::Status start_check_;
};

}  // namespace discipline::documents

#endif  // DISCIPLINE_ADAPTERS_DOCUMENTS_WEBDAV_STORE_H_
