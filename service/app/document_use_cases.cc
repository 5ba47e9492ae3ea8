#include "service/app/document_use_cases.h"

#include "absl/strings/str_cat.h"
#include "service/common/errors.h"
#include "service/common/status_macros.h"
#include "service/domain/documents.h"

namespace discipline::app {

absl::StatusOr<std::unique_ptr<Upload>> DocumentUseCases::Begin(const domain::Caller& caller, const UploadRequest& r) {
  if (r.kind == 0) return InvalidField("metadata.kind", "is required");
  // A name with CR/LF would break (and lose) the download's
  // Content-Disposition; a path separator would name a place.
  RETURN_IF_ERROR(domain::CheckDocumentFileName(r.file_name, "metadata.file_name"));
  if (r.media_type.size() > 127) return InvalidField("metadata.media_type", "at most 127 characters");
  if (r.case_id.size() > 40) return InvalidField("metadata.case_id", "at most 40 characters");
  if (r.size_bytes < 0) return InvalidField("metadata.size_bytes", "must not be negative");
  if (!r.case_id.empty() && cases_ != nullptr) {
    RETURN_IF_ERROR(cases_->AuthorizeCase(caller, r.case_id, domain::Action::kUploadDocument));
  }
  ports::Upload upload{r.case_id, caller.Id(), caller.agency_code, 0};
  std::unique_ptr<Upload> out(new Upload(ledger_, limits_, std::move(upload), r.size_bytes, nullptr));
  // The quotas, before a byte is taken: the announced size, if any.
  RETURN_IF_ERROR(out->CheckQuota(r.size_bytes));
  // Stored as the type it is served as: one of the allow-list, else
  // application/octet-stream (never HTML or script).
  const ports::DocumentMetadata meta{r.case_id, r.kind, r.file_name, domain::ServedMediaType(r.media_type),
                                     caller.agency_code};
  ASSIGN_OR_RETURN(out->writer_, store_.Begin(meta, max_bytes_));
  return out;
}

absl::StatusOr<OpenedDocument> DocumentUseCases::Open(const domain::Caller& caller, const std::string& id) {
  auto described = store_.Describe(id);
  if (described.status().code() == absl::StatusCode::kNotFound) return domain::NoDocument(id);
  if (!described.ok()) return described.status();
  OpenedDocument out{std::move(described->first), nullptr};
  const ports::DocumentMetadata& m = out.metadata;
  if (cases_ != nullptr) {
    RETURN_IF_ERROR(cases_->AuthorizeDocumentRead(caller, id, m));
  } else if (!m.case_id.empty()) {
    // A case's document is read only where its read can be recorded.
    return absl::UnavailableError("GetDocument: a case's document needs the case database");
  } else {
    RETURN_IF_ERROR(domain::AuthorizeDocumentRead(caller, {id, m.agency_code, m.kind}, nullptr, policy_));
  }
  ASSIGN_OR_RETURN(out.reader, store_.Open(id));
  const std::string& sha256 = out.reader->ref().sha256;
  if (cases_ != nullptr) RETURN_IF_ERROR(cases_->RecordDocumentRead(caller, id, m, sha256));
  if (m.case_id.empty() && ledger_ != nullptr) {
    RETURN_IF_ERROR(ledger_->RecordDocumentRead({id, m.agency_code, m.kind, sha256, caller.Actor(), clock_.Now()}));
  }
  return out;
}

absl::Status Upload::CheckQuota(int64_t bytes) const {
  if (ledger_ == nullptr) return absl::OkStatus();
  ports::Upload u = upload_;
  u.size_bytes = bytes;
  return ledger_->Check(u, limits_);
}

absl::Status Upload::Write(absl::string_view chunk) {
  if (writer_ == nullptr) return absl::FailedPreconditionError("upload: already ended");
  RETURN_IF_ERROR(writer_->Write(chunk));
  const int64_t before = written_;
  written_ += static_cast<int64_t>(chunk.size());
  // The quotas while the stream arrives, not only at its end.
  if (written_ / kQuotaCheckBytes != before / kQuotaCheckBytes) {
    if (absl::Status quota = CheckQuota(written_); !quota.ok()) {
      writer_.reset();
      return quota;
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<UploadResult> Upload::Commit() {
  if (writer_ == nullptr) return absl::FailedPreconditionError("upload: already ended");
  if (expected_ > 0 && written_ != expected_) {
    writer_.reset();
    return InvalidField("metadata.size_bytes", absl::StrCat("announced ", expected_, " bytes, received ", written_));
  }
  // The quotas per case and per caller, before anything is stored.
  if (absl::Status quota = CheckQuota(written_); !quota.ok()) {
    writer_.reset();
    return quota;
  }
  absl::StatusOr<ports::DocumentRef> ref = writer_->Commit();
  writer_.reset();
  if (!ref.ok()) return ref.status();
  UploadResult result{*std::move(ref), absl::OkStatus()};
  if (ledger_ != nullptr) {
    ports::Upload u = upload_;
    u.size_bytes = written_;
    result.recorded = ledger_->Record(result.ref.document_id, u);
  }
  return result;
}

}  // namespace discipline::app
