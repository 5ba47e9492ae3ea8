#include "adapters/documents/spool.h"

#include <fcntl.h>
#include <unistd.h>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "adapters/common/digest.h"
#include "asn/discipline/v1/documents.pb.h"
#include "google/protobuf/util/json_util.h"
#include "service/common/errors.h"

namespace discipline::documents {
absl::StatusOr<std::unique_ptr<Spool>> Spool::Create(const std::string& dir, int64_t max_bytes) {
  std::unique_ptr<Spool> s(new Spool());
  std::string templ = dir + "/upload.XXXXXX";
  const int fd = mkstemp(templ.data());
  if (fd < 0) return absl::UnavailableError(absl::StrCat("cannot create a spool file in ", dir));
  s->path_ = templ;
  s->file_ = fdopen(fd, "wb");
  s->md_ = EVP_MD_CTX_new();
  EVP_DigestInit_ex(s->md_, EVP_sha256(), nullptr);
  s->max_bytes_ = max_bytes;
  return s;
}

Spool::~Spool() {
  if (file_ != nullptr) fclose(file_);
  if (md_ != nullptr) EVP_MD_CTX_free(md_);
  if (!path_.empty()) unlink(path_.c_str());
}

absl::Status Spool::Write(absl::string_view chunk) {
  if (file_ == nullptr) return absl::FailedPreconditionError("the upload is finished");
  if (size_ + static_cast<int64_t>(chunk.size()) > max_bytes_) {
    return absl::ResourceExhaustedError(absl::StrCat("document larger than the limit of ", max_bytes_, " bytes"));
  }
  if (fwrite(chunk.data(), 1, chunk.size(), file_) != chunk.size()) {
    return absl::UnavailableError("cannot write the spool file (disk full?)");
  }
  EVP_DigestUpdate(md_, chunk.data(), chunk.size());
  size_ += chunk.size();
  return absl::OkStatus();
}

absl::StatusOr<std::string> Spool::Finish() {
  if (file_ == nullptr) return absl::FailedPreconditionError("the upload is finished");
  const bool ok = fflush(file_) == 0 && fsync(fileno(file_)) == 0;
  fclose(file_);
  file_ = nullptr;
  if (!ok) return absl::UnavailableError("cannot flush the spool file");
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_DigestFinal_ex(md_, digest, &n);
  return adapters::HexEncode(digest, n);
}

absl::StatusOr<std::string> FileSha256(const std::string& path) {
  FILE* f = fopen(path.c_str(), "rb");
  if (f == nullptr) return absl::NotFoundError(absl::StrCat("cannot open ", path));
  EVP_MD_CTX* md = EVP_MD_CTX_new();
  EVP_DigestInit_ex(md, EVP_sha256(), nullptr);
  std::string buf(1 << 16, '\0');
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), f)) > 0) EVP_DigestUpdate(md, buf.data(), n);
  const bool error = ferror(f);
  fclose(f);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_DigestFinal_ex(md, digest, &len);
  EVP_MD_CTX_free(md);
  if (error) return absl::DataLossError(absl::StrCat("cannot read ", path));
  return adapters::HexEncode(digest, len);
}

std::string NewDocumentId() { return "doc-" + adapters::TimeOrderedId(); }

absl::Status ValidateDocumentId(const std::string& id) {
  bool ok = id.size() == 24 && id.rfind("doc-", 0) == 0;
  for (size_t i = 4; ok && i < id.size(); ++i) ok = absl::ascii_isalnum(static_cast<unsigned char>(id[i]));
  if (!ok) return absl::InvalidArgumentError(absl::StrCat("document_id: '", Excerpt(id), "' is not a document id"));
  return absl::OkStatus();
}

std::string MetadataJson(const ports::DocumentMetadata& m, const ports::DocumentRef& ref) {
  asn::discipline::v1::DocumentInfo info;
  info.mutable_metadata()->set_case_id(m.case_id);
  info.mutable_metadata()->set_kind(static_cast<asn::discipline::v1::DocumentKind>(m.kind));
  info.mutable_metadata()->set_file_name(m.file_name);
  info.mutable_metadata()->set_media_type(m.media_type);
  info.mutable_metadata()->set_agency_code(m.agency_code);
  info.mutable_ref()->set_document_id(ref.document_id);
  info.mutable_ref()->set_sha256(ref.sha256);
  info.mutable_ref()->set_size_bytes(ref.size_bytes);
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(info, &json);
  return json;
}

absl::Status ParseMetadataJson(const std::string& json, ports::DocumentMetadata* m, ports::DocumentRef* ref) {
  asn::discipline::v1::DocumentInfo info;
  if (!google::protobuf::util::JsonStringToMessage(json, &info).ok()) {
    return absl::DataLossError("a document's metadata record does not parse");
  }
  *m = {info.metadata().case_id(), info.metadata().kind(), info.metadata().file_name(), info.metadata().media_type(),
        info.metadata().agency_code()};
  *ref = {info.ref().document_id(), info.ref().sha256(), info.ref().size_bytes()};
  return absl::OkStatus();
}

}  // namespace discipline::documents
