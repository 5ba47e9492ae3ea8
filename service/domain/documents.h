#ifndef DISCIPLINE_SERVICE_DOMAIN_DOCUMENTS_H_
#define DISCIPLINE_SERVICE_DOMAIN_DOCUMENTS_H_

// The rules of a case's documents at the edges: which names and media types
// a stored document may carry, and who reads which kind.
//
// - A file name is shown to officials and put in a download's
//   Content-Disposition: no control character (C0, DEL, C1), no path
//   separator, valid UTF-8.
// - A document is served only as one of an allow-list of media types (PDF,
//   PNG, JPEG, plain text, the office formats); anything else is stored and
//   served as application/octet-stream, so that no uploaded document is ever
//   run by a browser as HTML or script.
// - The report (DOCUMENT_KIND_LAPORAN) names the reporter and is sealed like
//   the reporter (API contract, "Safe edges"; the reporter's personal data
//   under UU 27/2022 on personal data protection): only the intake role of
//   its agency reads it. Other documents are read by whoever may read their
//   case.

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "service/domain/access.h"

namespace discipline::domain {

// asn.discipline.v1.DocumentKind numbers the rules need (the domain stores
// the kind as that number).
inline constexpr int kDocumentKindLaporan = 1;
// "DOCUMENT_KIND_LAPORAN", ...; "DOCUMENT_KIND_<n>" for a number it does not
// know.
std::string DocumentKindName(int kind);

// INVALID_ARGUMENT naming `field` when `name` is empty, longer than 255
// bytes, not UTF-8, holds a control character (U+0000–U+001F, U+007F,
// U+0080–U+009F: CR/LF would end a header line) or a path separator
// ('/', '\'), or is "." or "..".
absl::Status CheckDocumentFileName(absl::string_view name, absl::string_view field);

// The media type a document is stored and served as: the allow-listed type
// `media_type` names (case-insensitive, parameters dropped; text/plain gets
// "; charset=utf-8"), else "application/octet-stream".
std::string ServedMediaType(absl::string_view media_type);

// What a read of a document needs of it.
struct DocumentScope {
  std::string document_id;
  // The uploader's agency: the one agency that reads the document.
  std::string agency_code;
  int kind = 0;
};

// Decides a read of a document (GetDocument). `c` is the scope of the
// document's case, null for a document without a case.
// Outcomes: OK; PERMISSION_DENIED for a role without the right to read
// documents, and for a report (LAPORAN) read by any role but intake of its
// agency; NOT_FOUND, word for word the answer for a document that does not
// exist, for a document (or its case) outside the caller's scope, so another
// agency's documents are never revealed.
absl::Status AuthorizeDocumentRead(const Caller& caller, const DocumentScope& doc, const CaseScope* c,
                                   const Policy& policy);

// The NOT_FOUND answer for a document id that names no document.
absl::Status NoDocument(absl::string_view document_id);

}  // namespace discipline::domain

#endif  // DISCIPLINE_SERVICE_DOMAIN_DOCUMENTS_H_
