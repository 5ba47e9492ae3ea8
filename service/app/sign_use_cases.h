#ifndef DISCIPLINE_SERVICE_APP_SIGN_USE_CASES_H_
#define DISCIPLINE_SERVICE_APP_SIGN_USE_CASES_H_

// The electronic signature of a case's SK through the agency's BSrE service
// (ports::Signer): DocumentService.SignDocument, and later the letters'
// SignLetter, which calls SignDecisionDocument with the letter's document.
// Thread-safe (references only).

#include <string>

#include "absl/status/statusor.h"
#include "service/app/case_use_cases.h"
#include "service/domain/access.h"
#include "service/ports/case_repository.h"
#include "service/ports/document_store.h"
#include "service/ports/signer.h"

namespace discipline::app {

struct SignInput {
  std::string request_id;
  std::string case_id;
  // The version of the case the signature is based on.
  int64_t version = 0;
  // The SK to sign: a PDF document of the case, of kind SK_HUKUMAN.
  std::string document_id;
  // Passed to the signer only: never stored, logged, audited, kept with the
  // request_id or quoted in an error.
  ports::SignCredentials credentials;
};

struct SignResult {
  domain::Case signed_case;
  ports::DocumentRef signed_document;
};

class SignUseCases {
 public:
  // `signer` null: no e-sign service configured (FAILED_PRECONDITION).
  SignUseCases(CaseUseCases& cases, ports::CaseRepository& repository, ports::DocumentStore& documents,
               ports::Signer* signer)
      : cases_(cases), repository_(repository), documents_(documents), signer_(signer) {}

  // Signs the SK `in.document_id` of the decided case `in.case_id`: the
  // official of the punishment imposed, or the PPK's office where the PPK
  // (or the President) decides (domain::Authorize, Action::kSignDocument).
  // The signed PDF is stored as a new SK_HUKUMAN document of the case and
  // becomes the decision's document, with the audit event "SignDocument", in
  // one transaction. A repeated request_id answers the first result without
  // calling BSrE again. Errors: INVALID_ARGUMENT (the fields), NOT_FOUND,
  // PERMISSION_DENIED, ABORTED (stale version), FAILED_PRECONDITION (not a
  // decided punishment, BSrE refused the signature: a Bahasa Indonesia
  // message), UNAVAILABLE (BSrE unreachable; nothing stored, not retried).
  absl::StatusOr<SignResult> SignDecisionDocument(const domain::Caller& caller, const SignInput& in);

 private:
  CaseUseCases& cases_;
  ports::CaseRepository& repository_;
  ports::DocumentStore& documents_;
  ports::Signer* signer_;
};

// The idempotency record's request: the case, version and document, never
// the credentials.
std::string CanonicalSignRequest(const SignInput& in);

}  // namespace discipline::app

#endif  // DISCIPLINE_SERVICE_APP_SIGN_USE_CASES_H_
