#include "service/domain/documents.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "service/common/errors.h"

namespace discipline::domain {
namespace {

// The media types a document is served as (api.md, "Safe edges": PDF, PNG,
// JPEG, plain text, the office formats). No type a browser runs (HTML, SVG,
// XML, JavaScript) is on it.
constexpr absl::string_view kAllowed[] = {
    "application/pdf",
    "image/png",
    "image/jpeg",
    "text/plain",
    "application/msword",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.ms-excel",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.ms-powerpoint",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.presentation",
    "application/rtf",
};

constexpr absl::string_view kKindNames[] = {
    "DOCUMENT_KIND_UNSPECIFIED",     "DOCUMENT_KIND_LAPORAN",    "DOCUMENT_KIND_BUKTI",  "DOCUMENT_KIND_BAP",
    "DOCUMENT_KIND_SURAT_PANGGILAN", "DOCUMENT_KIND_SK_HUKUMAN", "DOCUMENT_KIND_LAINNYA"};

// The length of the UTF-8 sequence at `s[i]`, and its code point; 0 when it
// is not valid UTF-8 (overlong forms and surrogates included).
size_t Utf8At(absl::string_view s, size_t i, uint32_t* cp) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  size_t n;
  uint32_t min;
  if (c < 0x80) {
    *cp = c;
    return 1;
  } else if ((c & 0xE0) == 0xC0) {
    n = 2, *cp = c & 0x1F, min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3, *cp = c & 0x0F, min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4, *cp = c & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return 0;
    *cp = (*cp << 6) | (b(i + k) & 0x3F);
  }
  if (*cp < min || *cp > 0x10FFFF || (*cp >= 0xD800 && *cp <= 0xDFFF)) return 0;
  return n;
}

}  // namespace

std::string DocumentKindName(int kind) {
  if (kind >= 0 && kind < static_cast<int>(std::size(kKindNames))) return std::string(kKindNames[kind]);
  return absl::StrCat("DOCUMENT_KIND_", kind);
}

absl::Status CheckDocumentFileName(absl::string_view name, absl::string_view field) {
  constexpr absl::string_view kPesan = "Nama berkas tidak boleh memuat karakter kendali atau pemisah folder (/ \\).";
  if (name.empty() || name.size() > 255) {
    return InvalidField(field, "is required (at most 255 bytes)", "Nama berkas wajib diisi (paling banyak 255 bita).");
  }
  if (name == "." || name == "..") return InvalidField(field, "is not a file name", kPesan);
  for (size_t i = 0; i < name.size();) {
    uint32_t cp = 0;
    const size_t n = Utf8At(name, i, &cp);
    if (n == 0) return InvalidField(field, "is not valid UTF-8", kPesan);
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) {
      return InvalidField(field,
                          absl::StrCat("holds the control character U+", absl::Hex(cp, absl::kZeroPad4),
                                       " (a line break or other control character)"),
                          kPesan);
    }
    if (cp == '/' || cp == '\\') return InvalidField(field, "holds a path separator ('/' or '\\')", kPesan);
    i += n;
  }
  return absl::OkStatus();
}

std::string ServedMediaType(absl::string_view media_type) {
  absl::string_view essence = media_type.substr(0, media_type.find(';'));
  essence = absl::StripAsciiWhitespace(essence);
  const std::string lower = absl::AsciiStrToLower(essence);
  for (absl::string_view allowed : kAllowed) {
    if (lower == allowed) return allowed == "text/plain" ? "text/plain; charset=utf-8" : std::string(allowed);
  }
  return "application/octet-stream";
}

absl::Status NoDocument(absl::string_view document_id) {
  return absl::NotFoundError(absl::StrCat("document_id: no document ", Excerpt(document_id)));
}

absl::Status AuthorizeDocumentRead(const Caller& caller, const DocumentScope& doc, const CaseScope* c,
                                   const Policy& policy) {
  // A role without the right is refused before the document is looked at.
  if (absl::Status s = Authorize(caller, Action::kGetDocument, nullptr, policy); !s.ok()) return s;
  // The document's agency, then its case: outside the caller's scope, the
  // document does not exist (its case's existence is not revealed either).
  CaseScope own;
  own.case_id = doc.document_id;
  own.agency_code = doc.agency_code;
  if (c != nullptr) {
    own.examiners = c->examiners;
    own.official_nips = c->official_nips;
  }
  for (const CaseScope* scope : {static_cast<const CaseScope*>(&own), c}) {
    if (scope == nullptr) continue;
    absl::Status s = Authorize(caller, Action::kGetDocument, scope, policy);
    if (s.code() == absl::StatusCode::kNotFound) return NoDocument(doc.document_id);
    if (!s.ok()) return s;
  }
  if (doc.kind != kDocumentKindLaporan) return absl::OkStatus();
  // The report names the reporter: sealed like the reporter (api.md, "Safe
  // edges"), intake of the agency only. Within the caller's own scope the
  // refusal says so (PERMISSION_DENIED), as for any role without a right.
  if (Authorize(caller, Action::kReadReporter, c != nullptr ? c : &own, policy).ok()) return absl::OkStatus();
  return WithIndonesian(
      absl::PermissionDeniedError(absl::StrCat("GetDocument: the report (DOCUMENT_KIND_LAPORAN) names the reporter; "
                                               "only the intake role reads it (caller ",
                                               caller.Id(), ")")),
      "Dokumen laporan memuat identitas pelapor dan hanya dapat dibuka oleh unit penerima laporan.");
}

}  // namespace discipline::domain
