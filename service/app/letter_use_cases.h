#ifndef DISCIPLINE_SERVICE_APP_LETTER_USE_CASES_H_
#define DISCIPLINE_SERVICE_APP_LETTER_USE_CASES_H_

// The use cases of LetterService: a letter of a case rendered from its
// template (through the LetterRenderer port), stored as a document of the
// case, and recorded as an event on the case's audit chain.
// Thread-safe (holds references only; the ports are thread-safe).

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "service/app/case_use_cases.h"
#include "service/common/embedded_file.h"
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
// letter as JSON (the API's Letter message, asn.discipline.v1), which the
// gRPC edge converts.
struct LetterRecord {
  std::string letter_json;
};

// "RenderLetter": the action of the letters' audit events.
inline constexpr absl::string_view kRenderLetterAction = "RenderLetter";

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

 private:
  LetterDeps d_;
};

// The letter's input (template and values) for `kind` of `c`: what
// RenderLetter hands to the renderer. `template_version` is set to the
// template's name and digest. `place`: where the agency's letters are signed.
absl::StatusOr<ports::LetterInput> LetterInputFor(const domain::Case& c, domain::LetterKind kind,
                                                  const domain::RulesEngine& rules, const EmbeddedFileList& templates,
                                                  const std::string& place, std::string* template_version);

// The template's version: its name and the first 12 hex digits of the
// SHA-256 of its text.
std::string TemplateVersion(const EmbeddedFile& file);

}  // namespace discipline::app

#endif  // DISCIPLINE_SERVICE_APP_LETTER_USE_CASES_H_
