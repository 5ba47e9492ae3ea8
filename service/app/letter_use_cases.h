#ifndef DISCIPLINE_SERVICE_APP_LETTER_USE_CASES_H_
#define DISCIPLINE_SERVICE_APP_LETTER_USE_CASES_H_

// The use cases of LetterService: a letter of a case rendered from its
// template (through the LetterRenderer port), stored as a document of the
// case, and recorded as an event on the case's audit chain.
// Thread-safe (holds references only; the ports are thread-safe).

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "service/app/case_use_cases.h"
#include "service/app/sign_use_cases.h"
#include "service/common/embedded_file.h"
#include "service/domain/discipline_status.h"
#include "service/domain/letters.h"
#include "service/ports/letter_renderer.h"

namespace discipline::app {

struct LetterDeps {
  CaseUseCases& case_use_cases;  // the case's authorization
  ports::CaseRepository& cases;
  ports::DocumentStore& documents;
  const ports::LetterRenderer& renderer;
  const domain::RulesEngine& rules;
  const ports::Clock& clock;
  // The templates, by file name ("sk_hukuman_disiplin.mustache").
  const EmbeddedFileList& templates;
  // Where the agency's letters are signed ("Kota Contoh").
  std::string place;
  const domain::Policy* policy = &domain::DefaultPolicy();
  // SIMPEG: the names and posts of the officials a letter names by NIP
  // (examiners, the acting official, the PPK); null: NIPs only.
  ports::PersonnelDirectory* personnel = nullptr;
};

// What a letter states beyond the case: read by RenderLetter through the
// ports, handed to LetterInputFor.
struct LetterContext {
  // SIMPEG's record of each official the case names by NIP (absent: printed
  // by NIP only).
  std::map<std::string, domain::EmployeeSnapshot> people;
  // The case's agency (its PPK, for the team's decree).
  std::optional<domain::Agency> agency;
  // The employee's discipline status (GetDisciplineStatus): required for the
  // certificate (LETTER_KIND_SURAT_KETERANGAN_HUKDIS).
  std::optional<domain::DisciplineStatus> status;
};

struct RenderedLetter {
  std::string letter_id;  // the document's id
  domain::LetterKind kind = domain::LetterKind::kUnspecified;
  ports::DocumentRef document;
  std::string number;
  absl::Time rendered_at;
  std::string template_version;
};

// A recorded rendering: the stored event's payload, whose "change" is the
// letter as JSON (the API's Letter message, asn.discipline.v1), or (for a
// letter just signed) that JSON itself, which the gRPC edge converts.
struct LetterRecord {
  std::string letter_json;
};

// "RenderLetter": the action of the letters' audit events.
inline constexpr absl::string_view kRenderLetterAction = "RenderLetter";
// "SignLetter": the event that lists a signed letter (the signature itself
// is the change "SignDocument", SignUseCases).
inline constexpr absl::string_view kSignLetterAction = "SignLetter";

struct SignLetterInput {
  std::string case_id;
  std::string letter_id;
  // Optional: default "sign-letter:<letter_id>", and the case as it stands.
  std::string request_id;
  int64_t version = 0;
  // Passed to the signer only: never stored, logged, audited or quoted.
  ports::SignCredentials credentials;
};

class LetterUseCases {
 public:
  explicit LetterUseCases(LetterDeps deps) : d_(std::move(deps)) {}

  // NOT_FOUND for a case outside the caller's scope; PERMISSION_DENIED
  // (domain::AuthorizeLetter); FAILED_PRECONDITION when the case lacks what
  // the letter states, or the kind has no template yet.
  absl::StatusOr<RenderedLetter> RenderLetter(const domain::Caller& caller, const std::string& case_id,
                                              domain::LetterKind kind);
  // Who may read the case may list its letters; oldest first.
  absl::StatusOr<std::vector<LetterRecord>> ListLetters(const domain::Caller& caller, const std::string& case_id);
  // Signs the rendered SK `in.letter_id` of the case through `signing`
  // (SignUseCases::SignDecisionDocument: the deciding official or the PPK's
  // office, BSrE called once, the signed PDF the decision's document) and
  // records the signed letter (kSignLetterAction) so that ListLetters shows
  // it. A letter already signed answers its signed letter without calling
  // BSrE. NOT_FOUND for a letter that is not one of the case's; FAILED_
  // PRECONDITION for a letter other than the SK (api.md: an SK is what the
  // official signs) or without an e-sign service (`signing` null).
  absl::StatusOr<LetterRecord> SignLetter(const domain::Caller& caller, const SignLetterInput& in,
                                          SignUseCases* signing);

 private:
  LetterDeps d_;
};

// The letter's input (template and values) for `kind` of `c`: what
// RenderLetter hands to the renderer. `template_version` is set to the
// template's name and digest. `place`: where the agency's letters are signed.
// FAILED_PRECONDITION naming what the case lacks for the letter (each kind
// only in the states where it makes sense: the BAP after an examination
// attended, the team's decree with a team, the release's with a release
// recorded, the summons to receive and the SK with a punishment decided, the
// delivery's record once delivered, the certificate with `context.status`).
absl::StatusOr<ports::LetterInput> LetterInputFor(const domain::Case& c, domain::LetterKind kind,
                                                  const domain::RulesEngine& rules, const EmbeddedFileList& templates,
                                                  const std::string& place, std::string* template_version,
                                                  const LetterContext& context = {});

// The NIPs of the officials a letter of `c` names (examiners, the team, the
// release's officials, the summons' signatory), to be read from SIMPEG.
std::vector<std::string> OfficialsNamedBy(const domain::Case& c);

// The template's version: its name and the first 12 hex digits of the
// SHA-256 of its text.
std::string TemplateVersion(const EmbeddedFile& file);

}  // namespace discipline::app

#endif  // DISCIPLINE_SERVICE_APP_LETTER_USE_CASES_H_
