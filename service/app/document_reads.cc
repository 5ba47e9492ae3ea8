// CaseUseCases: the reads of stored documents (GetDocument), authorized by
// the document's case and recorded on its audit chain.

#include "absl/strings/str_cat.h"
#include "service/app/case_use_cases.h"
#include "service/common/status_macros.h"
#include "service/domain/documents.h"

namespace discipline::app {

absl::Status CaseUseCases::AuthorizeDocumentRead(const domain::Caller& caller, const std::string& document_id,
                                                 const ports::DocumentMetadata& metadata) {
  const domain::DocumentScope doc{document_id, metadata.agency_code, metadata.kind};
  if (metadata.case_id.empty()) return domain::AuthorizeDocumentRead(caller, doc, nullptr, *d_.policy);
  // A role without the right is refused before the case is read.
  RETURN_IF_ERROR(domain::Authorize(caller, domain::Action::kGetDocument, nullptr, *d_.policy));
  // Another agency's document does not exist for the caller: answered before
  // its case is read, so no error of that read can tell otherwise.
  if (!domain::SeesEveryAgency(caller, domain::Action::kGetDocument, *d_.policy) &&
      metadata.agency_code != caller.agency_code) {
    return domain::NoDocument(document_id);
  }
  absl::StatusOr<domain::Case> c = d_.cases.Get(metadata.case_id);
  // A case that is gone answers as a document that does not exist.
  if (c.status().code() == absl::StatusCode::kNotFound) return domain::NoDocument(document_id);
  RETURN_IF_ERROR(c.status());
  const domain::CaseScope scope = domain::ScopeOf(*c);
  return domain::AuthorizeDocumentRead(caller, doc, &scope, *d_.policy);
}

absl::Status CaseUseCases::RecordDocumentRead(const domain::Caller& caller, const std::string& document_id,
                                              const ports::DocumentMetadata& metadata, const std::string& sha256) {
  if (metadata.case_id.empty()) return absl::OkStatus();
  // UU 27/2022 (personal data protection): who viewed a disciplinary file
  // is on the file's trail. Ids, kind names and hashes are [A-Za-z0-9_-]:
  // no escaping needed.
  const std::string payload =
      absl::StrCat("{\"documentId\":\"", document_id, "\",\"kind\":\"", domain::DocumentKindName(metadata.kind), "\"}");
  return d_.cases.RecordRead(
      metadata.case_id,
      {caller.Actor(), "GetDocument", domain::CaseState::kUnspecified, payload, {{document_id, sha256}}},
      d_.clock.Now());
}

}  // namespace discipline::app
