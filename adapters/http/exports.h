#ifndef DISCIPLINE_ADAPTERS_HTTP_EXPORTS_H_
#define DISCIPLINE_ADAPTERS_HTTP_EXPORTS_H_

// The reports as files (?format= on a report route, docs/intranet.md): a
// report is a response with a repeated message field `rows`; its file holds
// a header of the rows' JSON field names and one line per row (enums by
// name). Formats:
//   csv        RFC 4180: ',' between fields, CRLF, UTF-8 without a BOM;
//              numbers as in the JSON mapping.
// A value a spreadsheet would take for a formula is neutralised (csv.h).

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"

namespace discipline::http {

enum class ExportFormat { kCsv };

// The repeated message field `rows` of a report; null when `d` has none.
const google::protobuf::FieldDescriptor* ReportRows(const google::protobuf::Descriptor* d);

// The ?format= value; INVALID_ARGUMENT for any other.
absl::StatusOr<ExportFormat> ParseExportFormat(absl::string_view value);

struct ExportFile {
  std::string content_type;
  std::string extension;  // ".csv", ".xlsx"
  std::string bytes;
};

// `report` (a message with ReportRows) in `format`.
absl::StatusOr<ExportFile> RenderExport(const google::protobuf::Message& report, ExportFormat format);

}  // namespace discipline::http

#endif  // DISCIPLINE_ADAPTERS_HTTP_EXPORTS_H_
