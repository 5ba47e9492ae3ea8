#include "adapters/documents/webdav_store.h"

#include <curl/curl.h>
#include <unistd.h>

#include <fstream>
#include <mutex>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "adapters/documents/local_store.h"
#include "adapters/documents/spool.h"
#include "service/common/status_macros.h"

namespace discipline::documents {
namespace {

size_t AppendToString(char* data, size_t size, size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

size_t ReadFromString(char* buffer, size_t size, size_t n, void* in) {
  auto* text = static_cast<std::pair<const std::string*, size_t>*>(in);
  const size_t left = text->first->size() - text->second;
  const size_t take = std::min(left, size * n);
  memcpy(buffer, text->first->data() + text->second, take);
  text->second += take;
  return take;
}

void InitCurlOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

absl::Status HttpError(const std::string& what, long code) {
  if (code == 404) return absl::NotFoundError(what + ": not found on the document server");
  if (code == 401 || code == 403) {
    return absl::UnavailableError(
        absl::StrCat(what, ": the document server refused the credentials (HTTP ", code, ")"));
  }
  if (code == 507) return absl::ResourceExhaustedError(what + ": the document server is full (HTTP 507)");
  return absl::UnavailableError(absl::StrCat(what, ": the document server answered HTTP ", code));
}

class WebDavWriter final : public ports::DocumentWriter {
 public:
  WebDavWriter(WebDavStore* store, ports::DocumentMetadata m, std::unique_ptr<Spool> spool)
      : store_(store), metadata_(std::move(m)), spool_(std::move(spool)) {}
  absl::Status Write(absl::string_view chunk) override { return spool_->Write(chunk); }
  absl::StatusOr<ports::DocumentRef> Commit() override {
    ASSIGN_OR_RETURN(std::string sha, spool_->Finish());
    ports::DocumentRef ref{NewDocumentId(), sha, spool_->size()};
    // The bytes first, then the record that makes them a document.
    RETURN_IF_ERROR(store_->PutFile(ref.document_id, spool_->path(), spool_->size()));
    RETURN_IF_ERROR(store_->PutString(ref.document_id + ".json", MetadataJson(metadata_, ref)));
    return ref;
  }

 private:
  WebDavStore* store_;
  ports::DocumentMetadata metadata_;
  std::unique_ptr<Spool> spool_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<WebDavStore>> WebDavStore::Create(WebDavOptions options) {
  InitCurlOnce();
  if (options.base_url.empty()) return absl::InvalidArgumentError("webdav: base_url is required");
  if (options.base_url.back() != '/') options.base_url.push_back('/');
  std::string credentials;
  if (!options.credentials_file.empty()) {
    std::ifstream in(options.credentials_file);
    if (!in) return absl::NotFoundError(absl::StrCat("webdav: cannot read ", options.credentials_file));
    std::getline(in, credentials);
  }
  std::unique_ptr<WebDavStore> store(new WebDavStore(std::move(options), std::move(credentials)));
  // A server that does not answer now may later: the store is made, and the
  // collection is checked again before its first use. A server that answers
  // with a refusal is a configuration error.
  bool no_answer = false;
  store->start_check_ = store->CheckCollection(&no_answer);
  if (!store->start_check_.ok() && !no_answer) return store->start_check_;
  return store;
}

absl::Status WebDavStore::EnsureCollection() {
  bool no_answer = false;
  return CheckCollection(&no_answer);
}

absl::Status WebDavStore::CheckCollection(bool* no_answer) {
  std::lock_guard<std::mutex> lock(collection_mu_);
  if (collection_checked_) return absl::OkStatus();
  auto r = Request("PROPFIND", "", nullptr, 0, nullptr, nullptr, "0");
  if (!r.ok()) {
    *no_answer = true;
    return r.status();
  }
  if (r->code == 404) {
    ASSIGN_OR_RETURN(Response made, Request("MKCOL", "", nullptr, 0, nullptr, nullptr));
    if (made.code != 201) return HttpError("webdav MKCOL", made.code);
  } else if (r->code != 207) {
    return HttpError("webdav PROPFIND", r->code);
  }
  collection_checked_ = true;
  return absl::OkStatus();
}

absl::StatusOr<WebDavStore::Response> WebDavStore::Request(const std::string& method, const std::string& name,
                                                           FILE* upload, int64_t upload_size,
                                                           const std::string* upload_text, FILE* download,
                                                           const std::string& depth) {
  CURL* curl = curl_easy_init();
  if (curl == nullptr) return absl::ResourceExhaustedError("curl_easy_init failed");
  Response r;
  const std::string url = options_.base_url + name;
  std::pair<const std::string*, size_t> text{upload_text, 0};
  curl_slist* headers = nullptr;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(absl::ToInt64Milliseconds(options_.connect_timeout)));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(absl::ToInt64Milliseconds(options_.timeout)));
  if (!credentials_.empty()) {
    curl_easy_setopt(curl, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
    curl_easy_setopt(curl, CURLOPT_USERPWD, credentials_.c_str());
  }
  if (upload != nullptr || upload_text != nullptr) {
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    if (upload != nullptr) {
      curl_easy_setopt(curl, CURLOPT_READDATA, upload);
      curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(upload_size));
    } else {
      curl_easy_setopt(curl, CURLOPT_READFUNCTION, ReadFromString);
      curl_easy_setopt(curl, CURLOPT_READDATA, &text);
      curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(upload_text->size()));
    }
  } else if (method != "GET") {
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
  }
  if (!depth.empty()) headers = curl_slist_append(headers, ("Depth: " + depth).c_str());
  if (headers != nullptr) curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  if (download != nullptr) {
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, download);
  } else {
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, AppendToString);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &r.body);
  }
  const CURLcode rc = curl_easy_perform(curl);
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &r.code);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK) {
    return absl::UnavailableError(
        absl::StrCat("document server ", options_.base_url, " ", method, " ", name, ": ", curl_easy_strerror(rc)));
  }
  return r;
}

absl::Status WebDavStore::PutFile(const std::string& name, const std::string& path, int64_t size) {
  RETURN_IF_ERROR(EnsureCollection());
  FILE* f = fopen(path.c_str(), "rb");
  if (f == nullptr) return absl::UnavailableError(absl::StrCat("cannot reopen ", path));
  auto r = Request("PUT", name, f, size, nullptr, nullptr);
  fclose(f);
  if (!r.ok()) return r.status();
  if (r->code != 201 && r->code != 204) return HttpError("webdav PUT " + name, r->code);
  return absl::OkStatus();
}

absl::Status WebDavStore::PutString(const std::string& name, const std::string& content) {
  ASSIGN_OR_RETURN(Response r, Request("PUT", name, nullptr, 0, &content, nullptr));
  if (r.code != 201 && r.code != 204) return HttpError("webdav PUT " + name, r.code);
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<ports::DocumentWriter>> WebDavStore::Begin(const ports::DocumentMetadata& metadata,
                                                                          int64_t max_bytes) {
  ASSIGN_OR_RETURN(auto spool, Spool::Create(options_.spool_dir, max_bytes));
  return std::unique_ptr<ports::DocumentWriter>(new WebDavWriter(this, metadata, std::move(spool)));
}

absl::StatusOr<std::pair<ports::DocumentMetadata, ports::DocumentRef>> WebDavStore::ReadMeta(const std::string& id) {
  RETURN_IF_ERROR(ValidateDocumentId(id));
  RETURN_IF_ERROR(EnsureCollection());
  ASSIGN_OR_RETURN(Response r, Request("GET", id + ".json", nullptr, 0, nullptr, nullptr));
  if (r.code == 404) return absl::NotFoundError(absl::StrCat("document_id: no document ", id));
  if (r.code != 200) return HttpError("webdav GET " + id, r.code);
  std::pair<ports::DocumentMetadata, ports::DocumentRef> out;
  RETURN_IF_ERROR(ParseMetadataJson(r.body, &out.first, &out.second));
  return out;
}

absl::StatusOr<ports::DocumentRef> WebDavStore::Stat(const std::string& id) {
  ASSIGN_OR_RETURN(auto meta, ReadMeta(id));
  return meta.second;
}

absl::StatusOr<std::unique_ptr<ports::DocumentReader>> WebDavStore::Open(const std::string& id) {
  ASSIGN_OR_RETURN(auto meta, ReadMeta(id));
  // Download to a spool file, hash it, and serve only bytes that match.
  std::string path = options_.spool_dir + "/download.XXXXXX";
  const int fd = mkstemp(path.data());
  if (fd < 0) return absl::UnavailableError("cannot create a download spool file");
  FILE* f = fdopen(fd, "w+b");
  auto r = Request("GET", id, nullptr, 0, nullptr, f);
  auto fail = [&](absl::Status s) {
    fclose(f);
    unlink(path.c_str());
    return s;
  };
  if (!r.ok()) return fail(r.status());
  if (r->code == 404) return fail(absl::DataLossError(absl::StrCat("document ", id, ": its bytes are missing")));
  if (r->code != 200) return fail(HttpError("webdav GET " + id, r->code));
  fflush(f);
  auto sha = FileSha256(path);
  if (!sha.ok() || *sha != meta.second.sha256) {
    return fail(absl::DataLossError(absl::StrCat("document ", id, ": the stored bytes no longer match their SHA-256")));
  }
  rewind(f);
  return std::unique_ptr<ports::DocumentReader>(new FileReader(meta.first, meta.second, f, path));
}

}  // namespace discipline::documents
