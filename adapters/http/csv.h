#ifndef DISCIPLINE_ADAPTERS_HTTP_CSV_H_
#define DISCIPLINE_ADAPTERS_HTTP_CSV_H_

// One field of the reports' CSV downloads.

#include <string>

#include "absl/strings/string_view.h"

namespace discipline::http {

// One CSV field (RFC 4180): quoted when it holds the separator (',', or ';'
// for Excel in an Indonesian locale), a quote or a line break, quotes
// doubled. A value a spreadsheet would take for a formula
// (starting with =, +, -, @, a tab or a carriage return) is neutralised with
// a leading apostrophe (OWASP, "CSV injection"), so that a value from the
// personnel data never runs as a formula on an official's desk.
std::string CsvField(absl::string_view v, char separator = ',');

}  // namespace discipline::http

#endif  // DISCIPLINE_ADAPTERS_HTTP_CSV_H_
