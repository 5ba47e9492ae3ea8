#ifndef DISCIPLINE_ADAPTERS_HTTP_EXPORTS_H_
#define DISCIPLINE_ADAPTERS_HTTP_EXPORTS_H_

// The reports as files (?format= on a report route, docs/intranet.md): a
// report is a response with a repeated message field `rows`; its file holds
// a header of the rows' JSON field names and one line per row (enums by
// name). Formats:
//   csv        RFC 4180: ',' between fields, CRLF, UTF-8 without a BOM;
//              numbers as in the JSON mapping.
//   csv-excel  for Excel in an Indonesian locale: a UTF-8 byte order mark,
//              ';' between fields (',' is the decimal separator there),
//              CRLF, decimals with a ','.
//   xlsx       an Excel workbook (libxlsxwriter): sheet "Laporan" with the
//              header row bold and the rows (numbers as numbers, a
//              "YYYY-MM-DD" text as a real Excel date), sheet "Keterangan"
//              with the report's own scalar fields (its period, ...).
// A value a spreadsheet would take for a formula is neutralised in the CSVs
// (csv.h) and is always a text cell, never a formula, in the workbook.

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"

namespace discipline::http {

enum class ExportFormat { kCsv, kCsvExcel, kXlsx };

// The repeated message field `rows` of a report; null when `d` has none.
const google::protobuf::FieldDescriptor* ReportRows(const google::protobuf::Descriptor* d);

// The ?format= value; INVALID_ARGUMENT for any other.
absl::StatusOr<ExportFormat> ParseExportFormat(absl::string_view value);

struct ExportFile {
  std::string content_type;
  std::string extension;  // ".csv", ".xlsx"
  std::string bytes;
};

// `report` (a message with ReportRows) in `format`. INTERNAL when the
// workbook could not be written.
absl::StatusOr<ExportFile> RenderExport(const google::protobuf::Message& report, ExportFormat format);

}  // namespace discipline::http

#endif  // DISCIPLINE_ADAPTERS_HTTP_EXPORTS_H_
