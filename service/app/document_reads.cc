// CaseUseCases: the reads of stored documents (GetDocument), authorized by
// the document's case and recorded on its audit chain.

#include <algorithm>

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

std::vector<CaseDocument> CaseUseCases::DescribeDocuments(const domain::Caller& caller, const domain::Case& c) {
  std::vector<CaseDocument> out;
  if (d_.documents == nullptr) return out;
  std::vector<std::string> ids = c.document_ids;
  if (c.examination.has_value()) ids.push_back(c.examination->bap_document_id);
  if (c.decision.has_value()) ids.push_back(c.decision->document_id);
  const domain::CaseScope scope = domain::ScopeOf(c);
  std::vector<std::string> seen;
  for (const std::string& id : ids) {
    if (id.empty() || std::find(seen.begin(), seen.end(), id) != seen.end()) continue;
    seen.push_back(id);
    absl::StatusOr<std::pair<ports::DocumentMetadata, ports::DocumentRef>> d = d_.documents->Describe(id);
    if (!d.ok()) continue;
    // Listed only where the caller could open it: the sealed report's file
    // name may name the reporter (api.md, safe edges).
    if (!domain::AuthorizeDocumentRead(caller, {id, d->first.agency_code, d->first.kind}, &scope, *d_.policy).ok()) {
      continue;
    }
    out.push_back({std::move(d->first), std::move(d->second)});
  }
  return out;
}

}  // namespace discipline::app
