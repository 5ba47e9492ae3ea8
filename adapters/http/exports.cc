#include "adapters/http/exports.h"

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "adapters/http/csv.h"

namespace discipline::http {
namespace {

namespace gp = ::google::protobuf;

// One field's value as text, as the JSON mapping writes it (enums by name);
// `decimal_comma` writes a double with ',' (Indonesian locale).
std::string Text(const gp::Message& m, const gp::FieldDescriptor* f, bool decimal_comma) {
  const gp::Reflection* r = m.GetReflection();
  switch (f->cpp_type()) {
    case gp::FieldDescriptor::CPPTYPE_STRING:
      return r->GetString(m, f);
    case gp::FieldDescriptor::CPPTYPE_ENUM:
      return r->GetEnum(m, f)->name();
    case gp::FieldDescriptor::CPPTYPE_BOOL:
      return r->GetBool(m, f) ? "true" : "false";
    case gp::FieldDescriptor::CPPTYPE_INT32:
      return absl::StrCat(r->GetInt32(m, f));
    case gp::FieldDescriptor::CPPTYPE_INT64:
      return absl::StrCat(r->GetInt64(m, f));
    case gp::FieldDescriptor::CPPTYPE_DOUBLE: {
      const std::string v = absl::StrCat(r->GetDouble(m, f));
      return decimal_comma ? absl::StrReplaceAll(v, {{".", ","}}) : v;
    }
    default:
      return "";  // rows hold scalars only
  }
}

std::string Csv(const gp::Message& report, const gp::FieldDescriptor* rows, char separator, bool decimal_comma) {
  const gp::Descriptor* row = rows->message_type();
  const gp::Reflection* r = report.GetReflection();
  std::string out;
  for (int i = 0; i < row->field_count(); ++i) {
    absl::StrAppend(&out, i == 0 ? "" : std::string(1, separator), CsvField(row->field(i)->json_name(), separator));
  }
  out += "\r\n";
  for (int k = 0; k < r->FieldSize(report, rows); ++k) {
    const gp::Message& e = r->GetRepeatedMessage(report, rows, k);
    for (int i = 0; i < row->field_count(); ++i) {
      absl::StrAppend(&out, i == 0 ? "" : std::string(1, separator),
                      CsvField(Text(e, row->field(i), decimal_comma), separator));
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace

const gp::FieldDescriptor* ReportRows(const gp::Descriptor* d) {
  const gp::FieldDescriptor* f = d->FindFieldByName("rows");
  return f != nullptr && f->is_repeated() && f->message_type() != nullptr ? f : nullptr;
}

absl::StatusOr<ExportFormat> ParseExportFormat(absl::string_view value) {
  if (value == "csv") return ExportFormat::kCsv;
  return absl::InvalidArgumentError("format: only csv, and only for a report (a response with rows)");
}

absl::StatusOr<ExportFile> RenderExport(const gp::Message& report, ExportFormat format) {
  const gp::FieldDescriptor* rows = ReportRows(report.GetDescriptor());
  if (rows == nullptr) return absl::InvalidArgumentError("format: only for a report (a response with rows)");
  switch (format) {
    case ExportFormat::kCsv:
      return ExportFile{"text/csv; charset=utf-8", ".csv", Csv(report, rows, ',', false)};
  }
  return absl::InternalError("format");
}

}  // namespace discipline::http
