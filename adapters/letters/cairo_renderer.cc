#include "adapters/letters/cairo_renderer.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <memory>
#include <mustache.hpp>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace discipline::letters {
namespace {

namespace km = kainjow::mustache;

constexpr double kPointsPerMm = 72.0 / 25.4;
double Mm(double mm) { return mm * kPointsPerMm; }

// Tata naskah dinas: left 30 mm, the others 20 mm.
constexpr double kLeftMm = 30, kRightMm = 20, kTopMm = 20, kBottomMm = 20;
constexpr double kFontPt = 12;

// One paragraph of the expanded template (service/letters/templates/README.md).
struct Block {
  PangoAlignment align = PANGO_ALIGN_LEFT;
  bool justify = false;
  double indent_mm = 0;  // the whole block's left shift
  double hang_mm = 0;    // lines after the first start here (and a tab stop)
  std::vector<double> tabs_mm;
  double space_pt = 6;  // before the block
  double size_pt = kFontPt;
  bool keep = false;  // kept on one page
  std::string markup;
};

std::vector<Block> Blocks(const std::string& expanded) {
  std::vector<Block> blocks;
  std::vector<std::string> lines;
  auto flush = [&]() {
    if (lines.empty()) return;
    Block b;
    size_t first = 0;
    if (absl::StartsWith(lines[0], "%")) {
      first = 1;
      for (absl::string_view d : absl::StrSplit(absl::string_view(lines[0]).substr(1), ' ', absl::SkipEmpty())) {
        std::pair<std::string, std::string> kv = absl::StrSplit(d, absl::MaxSplits('=', 1));
        double v = 0;
        (void)absl::SimpleAtod(kv.second, &v);
        if (kv.first == "center") b.align = PANGO_ALIGN_CENTER;
        if (kv.first == "justify") b.justify = true;
        if (kv.first == "keep") b.keep = true;
        if (kv.first == "right") b.indent_mm = -1;  // resolved against the width
        if (kv.first == "indent") b.indent_mm = v;
        if (kv.first == "hang") b.hang_mm = v;
        if (kv.first == "tab") b.tabs_mm.push_back(v);
        if (kv.first == "space") b.space_pt = v;
        if (kv.first == "size") b.size_pt = v;
      }
    }
    std::vector<std::string> body(lines.begin() + first, lines.end());
    b.markup = absl::StrJoin(body, "\n");
    blocks.push_back(std::move(b));
    lines.clear();
  };
  for (absl::string_view line : absl::StrSplit(expanded, '\n')) {
    line = absl::StripTrailingAsciiWhitespace(line);
    if (absl::StripAsciiWhitespace(line).empty()) {
      flush();
    } else {
      lines.emplace_back(line);
    }
  }
  flush();
  return blocks;
}

cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

struct CairoDeleter {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
  void operator()(cairo_t* c) const { cairo_destroy(c); }
  void operator()(PangoLayout* l) const { g_object_unref(l); }
  void operator()(PangoFontDescription* f) const { pango_font_description_free(f); }
  void operator()(PangoTabArray* t) const { pango_tab_array_free(t); }
};
template <typename T>
using Owned = std::unique_ptr<T, CairoDeleter>;

// The pages being drawn: where the next line goes, and a new page when it
// does not fit.
class Pages {
 public:
  Pages(cairo_t* cr, double height) : cr_(cr), height_(height), y_(Mm(kTopMm)) {}
  double y() const { return y_; }
  void Advance(double dy) { y_ += dy; }
  bool Fits(double h) const { return y_ + h <= height_ - Mm(kBottomMm); }
  void NewPage() {
    cairo_show_page(cr_);
    y_ = Mm(kTopMm);
  }

 private:
  cairo_t* cr_;
  double height_;
  double y_;
};

absl::Status CheckMarkup(const std::string& markup) {
  GError* error = nullptr;
  if (!pango_parse_markup(markup.c_str(), -1, 0, nullptr, nullptr, nullptr, &error)) {
    std::string message = error != nullptr ? error->message : "unknown";
    if (error != nullptr) g_error_free(error);
    return absl::InvalidArgumentError(absl::StrCat("letter template: bad markup: ", message));
  }
  return absl::OkStatus();
}

Owned<PangoLayout> Layout(cairo_t* cr, const std::string& family, const Block& b, double width) {
  Owned<PangoLayout> layout(pango_cairo_create_layout(cr));
  Owned<PangoFontDescription> font(pango_font_description_from_string(family.c_str()));
  pango_font_description_set_absolute_size(font.get(), pango_units_from_double(b.size_pt));
  pango_layout_set_font_description(layout.get(), font.get());
  pango_layout_set_width(layout.get(), pango_units_from_double(width));
  pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD);
  pango_layout_set_alignment(layout.get(), b.align);
  pango_layout_set_justify(layout.get(), b.justify);
  std::vector<double> tabs = b.tabs_mm;
  if (b.hang_mm > 0) {
    pango_layout_set_indent(layout.get(), pango_units_from_double(-Mm(b.hang_mm)));
    tabs.push_back(b.hang_mm);
  }
  std::sort(tabs.begin(), tabs.end());
  if (!tabs.empty()) {
    Owned<PangoTabArray> array(pango_tab_array_new(static_cast<int>(tabs.size()), TRUE));
    for (size_t i = 0; i < tabs.size(); ++i) {
      pango_tab_array_set_tab(array.get(), static_cast<int>(i), PANGO_TAB_LEFT, static_cast<int>(Mm(tabs[i])));
    }
    pango_layout_set_tabs(layout.get(), array.get());
  }
  pango_layout_set_markup(layout.get(), b.markup.c_str(), -1);
  return layout;
}

// Draws a laid-out block line by line, starting a new page where a line
// does not fit (or before the block, for a kept block).
void Draw(cairo_t* cr, Pages& pages, PangoLayout* layout, double x) {
  PangoLayoutIter* iter = pango_layout_get_iter(layout);
  double offset = pages.y();  // the layout's top on this page
  do {
    PangoRectangle logical;
    pango_layout_iter_get_line_extents(iter, nullptr, &logical);
    const double top = pango_units_to_double(logical.y);
    const double h = pango_units_to_double(logical.height);
    if (offset + top + h > pages.y() && !pages.Fits(offset + top + h - pages.y())) {
      pages.NewPage();
      offset = pages.y() - top;
    }
    const double baseline = pango_units_to_double(pango_layout_iter_get_baseline(iter));
    cairo_move_to(cr, x + pango_units_to_double(logical.x), offset + baseline);
    pango_cairo_show_layout_line(cr, pango_layout_iter_get_line_readonly(iter));
    pages.Advance(offset + top + h - pages.y());
  } while (pango_layout_iter_next_line(iter));
  pango_layout_iter_free(iter);
}

double Height(PangoLayout* layout) {
  int w = 0, h = 0;
  pango_layout_get_size(layout, &w, &h);
  return pango_units_to_double(h);
}

// The letterhead: the logo at the left, the names and the address centred,
// two rules under them.
void DrawLetterhead(cairo_t* cr, Pages& pages, const std::string& family, const Letterhead& head, double page_width) {
  const double left = Mm(kLeftMm), width = page_width - Mm(kLeftMm) - Mm(kRightMm);
  const double top = pages.y();
  double logo_h = 0;
  if (!head.logo_png_path.empty()) {
    cairo_surface_t* logo = cairo_image_surface_create_from_png(head.logo_png_path.c_str());
    if (cairo_surface_status(logo) == CAIRO_STATUS_SUCCESS && cairo_image_surface_get_height(logo) > 0) {
      logo_h = Mm(25);
      const double scale = logo_h / cairo_image_surface_get_height(logo);
      cairo_save(cr);
      cairo_translate(cr, left, top);
      cairo_scale(cr, scale, scale);
      cairo_set_source_surface(cr, logo, 0, 0);
      cairo_paint(cr);
      cairo_restore(cr);
    }
    cairo_surface_destroy(logo);
  }
  std::string markup;
  for (size_t i = 0; i < head.names.size(); ++i) {
    char* escaped = g_markup_escape_text(head.names[i].c_str(), -1);
    absl::StrAppend(&markup, i == 0 ? "" : "\n", "<span size=\"", i + 1 == head.names.size() ? 16 : 14,
                    "pt\" weight=\"bold\">", escaped, "</span>");
    g_free(escaped);
  }
  if (!head.address.empty()) {
    char* escaped = g_markup_escape_text(head.address.c_str(), -1);
    absl::StrAppend(&markup, "\n<span size=\"10pt\">", escaped, "</span>");
    g_free(escaped);
  }
  Block b;
  b.align = PANGO_ALIGN_CENTER;
  b.markup = markup;
  Owned<PangoLayout> layout = Layout(cr, family, b, width);
  cairo_move_to(cr, left, top);
  pango_cairo_show_layout(cr, layout.get());
  const double bottom = top + std::max(logo_h, Height(layout.get())) + Mm(2);
  cairo_set_line_width(cr, 1.5);
  cairo_move_to(cr, left, bottom);
  cairo_line_to(cr, left + width, bottom);
  cairo_stroke(cr);
  cairo_set_line_width(cr, 0.5);
  cairo_move_to(cr, left, bottom + 2);
  cairo_line_to(cr, left + width, bottom + 2);
  cairo_stroke(cr);
  pages.Advance(bottom + Mm(4) - top);
}

absl::StatusOr<std::string> Expand(const ports::LetterInput& input) {
  km::mustache tmpl(input.template_text);
  if (!tmpl.is_valid()) return absl::InvalidArgumentError(absl::StrCat("letter template: ", tmpl.error_message()));
  km::data values;
  for (const auto& [name, text] : input.values.text) values.set(name, text);
  for (const auto& [name, items] : input.values.lists) {
    km::data list{km::data::type::list};
    for (const auto& item : items) list.push_back(km::data(item));
    values.set(name, list);
  }
  std::string out = tmpl.render(values);
  if (!tmpl.is_valid()) return absl::InvalidArgumentError(absl::StrCat("letter template: ", tmpl.error_message()));
  return out;
}

}  // namespace

// One piece: the surface, the letterhead and the blocks share the drawing
// state from the first page to the last.
absl::StatusOr<std::string> CairoLetterRenderer::Render(const ports::LetterInput& input) const {
  absl::StatusOr<std::string> expanded = Expand(input);
  if (!expanded.ok()) return expanded.status();
  const std::vector<Block> blocks = Blocks(*expanded);
  for (const Block& b : blocks) {
    if (absl::Status s = CheckMarkup(b.markup); !s.ok()) return s;
  }
  const bool f4 = letterhead_.paper == "F4";
  const double page_w = Mm(f4 ? 215 : 210), page_h = Mm(f4 ? 330 : 297);
  std::string pdf;
  Owned<cairo_surface_t> surface(cairo_pdf_surface_create_for_stream(&Append, &pdf, page_w, page_h));
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, input.title.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "asn-discipline");
  if (!input.created.empty()) {
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATE_DATE, input.created.c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_MOD_DATE, input.created.c_str());
  }
  {
    Owned<cairo_t> cr(cairo_create(surface.get()));
    cairo_set_source_rgb(cr.get(), 0, 0, 0);
    Pages pages(cr.get(), page_h);
    DrawLetterhead(cr.get(), pages, font_family_, letterhead_, page_w);
    const double text_w = page_w - Mm(kLeftMm) - Mm(kRightMm);
    for (const Block& b : blocks) {
      const double indent = b.indent_mm < 0 ? text_w / 2 : Mm(b.indent_mm);
      Owned<PangoLayout> layout = Layout(cr.get(), font_family_, b, text_w - indent);
      pages.Advance(b.space_pt);
      if (b.keep && !pages.Fits(Height(layout.get()))) pages.NewPage();
      Draw(cr.get(), pages, layout.get(), Mm(kLeftMm) + indent);
    }
    cairo_show_page(cr.get());
    if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS) {
      return absl::InternalError(absl::StrCat("letter: ", cairo_status_to_string(cairo_status(cr.get()))));
    }
  }
  cairo_surface_finish(surface.get());
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return absl::InternalError(absl::StrCat("letter: ", cairo_status_to_string(cairo_surface_status(surface.get()))));
  }
  return pdf;
}

}  // namespace discipline::letters
