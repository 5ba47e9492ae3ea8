#include "adapters/http/csv.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"

namespace discipline::http {

std::string CsvField(absl::string_view v, char separator) {
  std::string cell(v);
  if (!cell.empty() && absl::string_view("=+-@\t\r").find(cell[0]) != absl::string_view::npos) {
    cell = absl::StrCat("'", cell);
  }
  const std::string needs_quotes = {separator, '"', '\r', '\n'};
  if (cell.find_first_of(needs_quotes) == std::string::npos) return cell;
  return absl::StrCat("\"", absl::StrReplaceAll(cell, {{"\"", "\"\""}}), "\"");
}

}  // namespace discipline::http
