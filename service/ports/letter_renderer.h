#ifndef DISCIPLINE_SERVICE_PORTS_LETTER_RENDERER_H_
#define DISCIPLINE_SERVICE_PORTS_LETTER_RENDERER_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace discipline::ports {

// The values a letter template names: `{{name}}` for a text, and
// `{{#name}}{{.}}{{/name}}` for each item of a list. Texts are plain: the
// renderer escapes them.
struct LetterValues {
  std::map<std::string, std::string> text;
  std::map<std::string, std::vector<std::string>> lists;
};

struct LetterInput {
  // The template's text (service/letters/templates/README.md: Mustache over
  // paragraph blocks).
  std::string template_text;
  LetterValues values;
  // The PDF's metadata: its title, and its creation date as ISO 8601
  // ("2026-11-11T00:00:00+07:00"): a date of the case, so that rendering
  // the same case again gives the same document.
  std::string title;
  std::string created;
};

// Turns a letter template and its values into a PDF (text extractable,
// fonts embedded) under the agency's letterhead.
//
// Thread safety: Render may be called from many threads.
// Errors: INVALID_ARGUMENT (a template that does not parse), INTERNAL (the
// drawing failed).
class LetterRenderer {
 public:
  virtual ~LetterRenderer() = default;
  virtual absl::StatusOr<std::string> Render(const LetterInput& input) const = 0;
};

}  // namespace discipline::ports

#endif  // DISCIPLINE_SERVICE_PORTS_LETTER_RENDERER_H_
