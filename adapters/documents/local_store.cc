#include "adapters/documents/local_store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "adapters/documents/spool.h"
#include "service/common/status_macros.h"

namespace discipline::documents {
namespace {

absl::Status MakeDir(const std::string& path) {
  if (mkdir(path.c_str(), 0750) != 0 && errno != EEXIST) {
    return absl::UnavailableError(absl::StrCat("cannot create ", path));
  }
  return absl::OkStatus();
}

absl::Status SyncDir(const std::string& dir) {
  const int fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return absl::UnavailableError(absl::StrCat("cannot open ", dir));
  const int rc = fsync(fd);
  close(fd);
  return rc == 0 ? absl::OkStatus() : absl::UnavailableError(absl::StrCat("cannot sync ", dir));
}

// Writes `content` to `path` atomically and durably.
absl::Status WriteDurably(const std::string& dir, const std::string& path, const std::string& content) {
  const std::string tmp = path + ".tmp";
  FILE* f = fopen(tmp.c_str(), "wb");
  if (f == nullptr) return absl::UnavailableError(absl::StrCat("cannot write ", tmp));
  const bool ok =
      fwrite(content.data(), 1, content.size(), f) == content.size() && fflush(f) == 0 && fsync(fileno(f)) == 0;
  fclose(f);
  if (!ok || rename(tmp.c_str(), path.c_str()) != 0) {
    unlink(tmp.c_str());
    return absl::UnavailableError(absl::StrCat("cannot write ", path));
  }
  return SyncDir(dir);
}

class LocalWriter final : public ports::DocumentWriter {
 public:
  LocalWriter(std::string root, ports::DocumentMetadata m, std::unique_ptr<Spool> spool, LocalStore* store)
      : root_(std::move(root)), metadata_(std::move(m)), spool_(std::move(spool)), store_(store) {}
  absl::Status Write(absl::string_view chunk) override { return spool_->Write(chunk); }
  absl::StatusOr<ports::DocumentRef> Commit() override {
    ASSIGN_OR_RETURN(std::string sha, spool_->Finish());
    const std::string object = store_->ObjectPath(sha);
    const std::string dir = object.substr(0, object.rfind('/'));
    RETURN_IF_ERROR(MakeDir(dir));
    struct stat st;
    if (stat(object.c_str(), &st) != 0) {
      // New content: move the spooled bytes into place. (Known content is
      // stored once; the spool is dropped.)
      if (rename(spool_->path().c_str(), object.c_str()) != 0) {
        return absl::UnavailableError(absl::StrCat("cannot store ", object));
      }
      spool_->Release();
      RETURN_IF_ERROR(SyncDir(dir));
    }
    ports::DocumentRef ref{NewDocumentId(), sha, spool_->size()};
    RETURN_IF_ERROR(WriteDurably(root_ + "/meta", absl::StrCat(root_, "/meta/", ref.document_id, ".json"),
                                 MetadataJson(metadata_, ref)));
    return ref;
  }

 private:
  std::string root_;
  ports::DocumentMetadata metadata_;
  std::unique_ptr<Spool> spool_;
  LocalStore* store_;
};

}  // namespace

FileReader::~FileReader() {
  if (file_ != nullptr) fclose(file_);
  if (!unlink_path_.empty()) unlink(unlink_path_.c_str());
}

absl::Status FileReader::Read(size_t max, std::string* chunk) {
  chunk->resize(max);
  const size_t n = fread(chunk->data(), 1, max, file_);
  chunk->resize(n);
  if (n == 0 && ferror(file_)) return absl::DataLossError("cannot read the document");
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<LocalStore>> LocalStore::Create(const std::string& root) {
  for (const std::string& d : {root, root + "/objects", root + "/meta", root + "/tmp"}) RETURN_IF_ERROR(MakeDir(d));
  return std::unique_ptr<LocalStore>(new LocalStore(root));
}

std::string LocalStore::ObjectPath(const std::string& sha256) const {
  return absl::StrCat(root_, "/objects/", sha256.substr(0, 2), "/", sha256);
}

absl::StatusOr<std::unique_ptr<ports::DocumentWriter>> LocalStore::Begin(const ports::DocumentMetadata& metadata,
                                                                         int64_t max_bytes) {
  ASSIGN_OR_RETURN(auto spool, Spool::Create(root_ + "/tmp", max_bytes));
  return std::unique_ptr<ports::DocumentWriter>(new LocalWriter(root_, metadata, std::move(spool), this));
}

absl::StatusOr<std::pair<ports::DocumentMetadata, ports::DocumentRef>> LocalStore::ReadMeta(const std::string& id) {
  RETURN_IF_ERROR(ValidateDocumentId(id));
  std::ifstream in(absl::StrCat(root_, "/meta/", id, ".json"));
  if (!in) return absl::NotFoundError(absl::StrCat("document_id: no document ", id));
  std::stringstream ss;
  ss << in.rdbuf();
  std::pair<ports::DocumentMetadata, ports::DocumentRef> out;
  RETURN_IF_ERROR(ParseMetadataJson(ss.str(), &out.first, &out.second));
  return out;
}

absl::StatusOr<ports::DocumentRef> LocalStore::Stat(const std::string& id) {
  ASSIGN_OR_RETURN(auto meta, ReadMeta(id));
  return meta.second;
}

absl::StatusOr<std::unique_ptr<ports::DocumentReader>> LocalStore::Open(const std::string& id) {
  ASSIGN_OR_RETURN(auto meta, ReadMeta(id));
  const std::string object = ObjectPath(meta.second.sha256);
  auto sha = FileSha256(object);
  if (!sha.ok()) return absl::DataLossError(absl::StrCat("document ", id, ": its bytes are missing"));
  if (*sha != meta.second.sha256) {
    return absl::DataLossError(absl::StrCat("document ", id, ": stored bytes hash to ", sha->substr(0, 12),
                                            "…, not the recorded ", meta.second.sha256.substr(0, 12), "…"));
  }
  FILE* f = fopen(object.c_str(), "rb");
  if (f == nullptr) return absl::DataLossError(absl::StrCat("document ", id, ": cannot open its bytes"));
  return std::unique_ptr<ports::DocumentReader>(new FileReader(meta.first, meta.second, f));
}

}  // namespace discipline::documents
