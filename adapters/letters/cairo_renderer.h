#ifndef DISCIPLINE_ADAPTERS_LETTERS_CAIRO_RENDERER_H_
#define DISCIPLINE_ADAPTERS_LETTERS_CAIRO_RENDERER_H_

// LetterRenderer over Mustache (kainjow), Pango and Cairo: the template is
// expanded, laid out paragraph by paragraph with Pango, and drawn on PDF
// pages with Cairo, which embeds the fonts' subsets and keeps the text
// extractable.

#include <string>
#include <vector>

#include "service/ports/letter_renderer.h"

namespace discipline::letters {

struct Letterhead {
  // From the top line down, e.g. "PEMERINTAH KOTA CONTOH".
  std::vector<std::string> names;
  std::string address;
  std::string logo_png_path;  // none when empty
  // "A4" (210 x 297 mm) or "F4" (215 x 330 mm).
  std::string paper = "A4";
};

class CairoLetterRenderer final : public ports::LetterRenderer {
 public:
  explicit CairoLetterRenderer(Letterhead letterhead, std::string font_family = "Liberation Serif")
      : letterhead_(std::move(letterhead)), font_family_(std::move(font_family)) {}

  absl::StatusOr<std::string> Render(const ports::LetterInput& input) const override;

 private:
  Letterhead letterhead_;
  std::string font_family_;
};

}  // namespace discipline::letters

#endif  // DISCIPLINE_ADAPTERS_LETTERS_CAIRO_RENDERER_H_
