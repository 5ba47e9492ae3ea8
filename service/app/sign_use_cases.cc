#include "service/app/sign_use_cases.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "service/common/errors.h"
#include "service/common/status_macros.h"

namespace discipline::app {
namespace {

constexpr char kAction[] = "SignDocument";
// asn.discipline.v1.DocumentKind DOCUMENT_KIND_SK_HUKUMAN.
constexpr int kSkHukuman = 5;
// The largest SK sent to BSrE.
constexpr size_t kMaxPdfBytes = 20 << 20;

absl::Status CheckCredentials(const ports::SignCredentials& c) {
  // NIK: 16 digits (the population register's number). Never quoted back.
  if (c.nik.size() != 16 || !std::all_of(c.nik.begin(), c.nik.end(), absl::ascii_isdigit)) {
    return InvalidField("nik", "16 digits are required", "NIK harus 16 digit angka.");
  }
  if (c.passphrase.empty() == c.totp.empty()) {
    return InvalidField("passphrase", "exactly one of passphrase and totp is required",
                        "Isi salah satu: passphrase atau kode TOTP.");
  }
  if (c.passphrase.size() > 256) return InvalidField("passphrase", "at most 256 bytes");
  if (!c.totp.empty() &&
      (c.totp.size() < 6 || c.totp.size() > 8 || !std::all_of(c.totp.begin(), c.totp.end(), absl::ascii_isdigit))) {
    return InvalidField("totp", "6 to 8 digits", "Kode TOTP harus 6 sampai 8 digit angka.");
  }
  return absl::OkStatus();
}

std::string JsonString(absl::string_view s) {
  // Ids of the service: [A-Za-z0-9._:-] only, checked before; quoted as is.
  return absl::StrCat("\"", s, "\"");
}

bool IsId(absl::string_view s) {
  return !s.empty() && s.size() <= 80 && std::all_of(s.begin(), s.end(), [](char ch) {
    return absl::ascii_isalnum(ch) || ch == '-' || ch == '_' || ch == '.' || ch == ':';
  });
}

}  // namespace

std::string CanonicalSignRequest(const SignInput& in) {
  return absl::StrCat("case_id=", in.case_id, "\nversion=", in.version, "\ndocument_id=", in.document_id);
}

// One piece: the order is the safety of the signature. Who may sign and
// what is checked first, then one call to BSrE that is never repeated, then
// the signed document stored with its event; split, the never-twice rule
// would be spread over several functions.
absl::StatusOr<SignResult> SignUseCases::SignDecisionDocument(const domain::Caller& caller, const SignInput& in) {
  RETURN_IF_ERROR(ValidateRequestId(in.request_id));
  if (!IsId(in.case_id)) return InvalidField("case_id", "is required (an id of the service)");
  if (!IsId(in.document_id)) return InvalidField("document_id", "is required (an id of the service)");
  if (in.version <= 0) return InvalidField("version", "is required: the version of the case the signature is based on");
  RETURN_IF_ERROR(CheckCredentials(in.credentials));
  const domain::Policy& policy = cases_.policy();
  RETURN_IF_ERROR(domain::Authorize(caller, domain::Action::kSignDocument, nullptr, policy));
  ASSIGN_OR_RETURN(domain::Case current, repository_.Get(in.case_id));
  {
    const domain::CaseScope scope = domain::ScopeOf(
        current, current.decision.has_value() ? current.decision->punishment : domain::Punishment::kUnspecified);
    RETURN_IF_ERROR(domain::Authorize(caller, domain::Action::kSignDocument, &scope, policy));
  }
  const std::string request = CanonicalSignRequest(in);
  // A retry of a signature that was stored: its first result, and BSrE is
  // not called again.
  ASSIGN_OR_RETURN(auto replay, repository_.FindByRequestId({current.agency_code, kAction, in.request_id, request}));
  if (replay.has_value()) {
    SignResult first{*replay, {}};
    if (replay->decision.has_value() && !replay->decision->document_id.empty()) {
      ASSIGN_OR_RETURN(first.signed_document, documents_.Stat(replay->decision->document_id));
    }
    return first;
  }
  if (current.version != in.version) {
    return WithIndonesian(
        absl::AbortedError(absl::StrCat("version: the case is at version ", current.version,
                                        ", the request was based on ", in.version, "; reload and retry")),
        "Perkara telah diubah oleh pengguna lain. Muat ulang lalu coba lagi.");
  }
  if (current.state != domain::CaseState::kDecided || !current.decision.has_value() ||
      current.decision->outcome == domain::DecisionOutcome::kReject) {
    return WithIndonesian(absl::FailedPreconditionError("case_id: only the SK of a decided punishment is signed"),
                          "Hanya SK hukuman disiplin dari perkara yang telah diputus yang dapat ditandatangani.");
  }
  // The SK: a PDF of this case.
  auto described = documents_.Describe(in.document_id);
  if (described.status().code() == absl::StatusCode::kNotFound) {
    return InvalidField("document_id", absl::StrCat("no document ", in.document_id, " (upload it first)"));
  }
  if (!described.ok()) return described.status();
  const ports::DocumentMetadata& meta = described->first;
  if (meta.case_id != in.case_id) return InvalidField("document_id", "is not a document of this case");
  if (meta.kind != kSkHukuman) return InvalidField("document_id", "is not an SK (DOCUMENT_KIND_SK_HUKUMAN)");
  if (!signer_) {
    return WithIndonesian(absl::FailedPreconditionError("esign: no e-sign service is configured (ServerConfig.esign)"),
                          "Layanan tanda tangan elektronik belum dikonfigurasi.");
  }
  ASSIGN_OR_RETURN(std::unique_ptr<ports::DocumentReader> reader, documents_.Open(in.document_id));
  std::string pdf, chunk;
  do {
    RETURN_IF_ERROR(reader->Read(1 << 16, &chunk));
    pdf += chunk;
    if (pdf.size() > kMaxPdfBytes) return InvalidField("document_id", "the SK is larger than 20 MiB");
  } while (!chunk.empty());
  if (!absl::StartsWith(pdf, "%PDF-")) return InvalidField("document_id", "is not a PDF");

  // One call to BSrE; its refusal or outage goes back as it is (never
  // retried: it may have signed).
  ASSIGN_OR_RETURN(std::string signed_pdf, signer_->SignPdf(pdf, in.credentials));

  std::string name = meta.file_name.empty() ? "sk-hukuman-disiplin.pdf" : meta.file_name;
  if (absl::EndsWithIgnoreCase(name, ".pdf")) name.resize(name.size() - 4);
  name = absl::StrCat(name.substr(0, 200), "-ttd.pdf");
  ASSIGN_OR_RETURN(std::unique_ptr<ports::DocumentWriter> writer,
                   documents_.Begin({in.case_id, kSkHukuman, name, "application/pdf", current.agency_code},
                                    static_cast<int64_t>(signed_pdf.size())));
  RETURN_IF_ERROR(writer->Write(signed_pdf));
  ASSIGN_OR_RETURN(ports::DocumentRef ref, writer->Commit());

  // The audit payload: the documents only, never the credentials.
  const std::string payload = absl::StrCat("{\"case_id\":", JsonString(in.case_id), ",\"version\":", in.version,
                                           ",\"document_id\":", JsonString(in.document_id),
                                           ",\"signed_document_id\":", JsonString(ref.document_id),
                                           ",\"signed_sha256\":", JsonString(ref.sha256), ",\"signature\":\"BSrE\"}");
  ASSIGN_OR_RETURN(
      domain::Case signed_case,
      cases_.RecordSignedDecision(caller, {in.request_id, in.case_id, in.version, payload, request}, ref.document_id));
  return SignResult{std::move(signed_case), std::move(ref)};
}

}  // namespace discipline::app
