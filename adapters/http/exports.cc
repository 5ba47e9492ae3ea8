#include "adapters/http/exports.h"

#include <stdlib.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <sstream>

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

bool Scalar(const gp::FieldDescriptor* f) {
  return !f->is_repeated() && f->cpp_type() != gp::FieldDescriptor::CPPTYPE_MESSAGE;
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

// "YYYY-MM-DD" (the API's dates) as an Excel date; false for any other text.
bool IsoDate(const std::string& v, lxw_datetime* out) {
  if (v.size() != 10 || v[4] != '-' || v[7] != '-') return false;
  int y = 0, m = 0, d = 0;
  if (!absl::SimpleAtoi(v.substr(0, 4), &y) || !absl::SimpleAtoi(v.substr(5, 2), &m) ||
      !absl::SimpleAtoi(v.substr(8, 2), &d)) {
    return false;
  }
  if (y < 1900 || m < 1 || m > 12 || d < 1 || d > 31) return false;
  *out = lxw_datetime{y, m, d, 0, 0, 0};
  return true;
}

// The workbook's formats.
struct Formats {
  lxw_format* header;
  lxw_format* date;
};

// One cell of field `f` of `m`: a number, a boolean, a date, or a text
// (never a formula).
void WriteCell(lxw_worksheet* ws, int row, int col, const gp::Message& m, const gp::FieldDescriptor* f,
               const Formats& formats) {
  const gp::Reflection* r = m.GetReflection();
  switch (f->cpp_type()) {
    case gp::FieldDescriptor::CPPTYPE_INT32:
      worksheet_write_number(ws, row, col, r->GetInt32(m, f), nullptr);
      return;
    case gp::FieldDescriptor::CPPTYPE_INT64:
      worksheet_write_number(ws, row, col, static_cast<double>(r->GetInt64(m, f)), nullptr);
      return;
    case gp::FieldDescriptor::CPPTYPE_DOUBLE:
      worksheet_write_number(ws, row, col, r->GetDouble(m, f), nullptr);
      return;
    case gp::FieldDescriptor::CPPTYPE_BOOL:
      worksheet_write_boolean(ws, row, col, r->GetBool(m, f), nullptr);
      return;
    default:
      break;
  }
  const std::string text = Text(m, f, false);
  lxw_datetime date;
  if (IsoDate(text, &date)) {
    worksheet_write_datetime(ws, row, col, &date, formats.date);
  } else {
    worksheet_write_string(ws, row, col, text.c_str(), nullptr);
  }
}

// Sheet "Laporan": the bold header row, then the rows.
void WriteRows(lxw_workbook* wb, const gp::Message& report, const gp::FieldDescriptor* rows, const Formats& formats) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, "Laporan");
  const gp::Descriptor* row = rows->message_type();
  for (int i = 0; i < row->field_count(); ++i) {
    worksheet_write_string(ws, 0, i, row->field(i)->json_name().c_str(), formats.header);
    worksheet_set_column(ws, i, i, 18, nullptr);
  }
  const gp::Reflection* r = report.GetReflection();
  for (int k = 0; k < r->FieldSize(report, rows); ++k) {
    const gp::Message& e = r->GetRepeatedMessage(report, rows, k);
    for (int i = 0; i < row->field_count(); ++i) WriteCell(ws, k + 1, i, e, row->field(i), formats);
  }
}

// Sheet "Keterangan": the report's own scalar fields, one per line.
void WriteDetails(lxw_workbook* wb, const gp::Message& report, const Formats& formats) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, "Keterangan");
  worksheet_set_column(ws, 0, 1, 20, nullptr);
  const gp::Descriptor* d = report.GetDescriptor();
  int line = 0;
  for (int i = 0; i < d->field_count(); ++i) {
    if (!Scalar(d->field(i))) continue;
    worksheet_write_string(ws, line, 0, d->field(i)->json_name().c_str(), formats.header);
    WriteCell(ws, line, 1, report, d->field(i), formats);
    ++line;
  }
}

// libxlsxwriter writes to a file only: a private temporary one, read back
// and removed.
absl::StatusOr<std::string> Xlsx(const gp::Message& report, const gp::FieldDescriptor* rows) {
  std::string path = (std::filesystem::temp_directory_path() / "discipline-export-XXXXXX").string();
  const int fd = mkstemp(path.data());
  if (fd < 0) return absl::InternalError("xlsx: no temporary file");
  close(fd);
  lxw_workbook* wb = workbook_new(path.c_str());
  if (wb == nullptr) {
    unlink(path.c_str());
    return absl::InternalError("xlsx: the workbook could not be created");
  }
  Formats formats{workbook_add_format(wb), workbook_add_format(wb)};
  format_set_bold(formats.header);
  format_set_num_format(formats.date, "dd/mm/yyyy");
  WriteRows(wb, report, rows, formats);
  WriteDetails(wb, report, formats);
  const lxw_error closed = workbook_close(wb);
  std::ostringstream bytes;
  bytes << std::ifstream(path, std::ios::binary).rdbuf();
  unlink(path.c_str());
  if (closed != LXW_NO_ERROR) return absl::InternalError(absl::StrCat("xlsx: ", lxw_strerror(closed)));
  return bytes.str();
}

}  // namespace

const gp::FieldDescriptor* ReportRows(const gp::Descriptor* d) {
  const gp::FieldDescriptor* f = d->FindFieldByName("rows");
  return f != nullptr && f->is_repeated() && f->message_type() != nullptr ? f : nullptr;
}

absl::StatusOr<ExportFormat> ParseExportFormat(absl::string_view value) {
  if (value == "csv") return ExportFormat::kCsv;
  if (value == "csv-excel") return ExportFormat::kCsvExcel;
  if (value == "xlsx") return ExportFormat::kXlsx;
  return absl::InvalidArgumentError(
      "format: one of csv, csv-excel, xlsx, and only for a report (a response with rows)");
}

absl::StatusOr<ExportFile> RenderExport(const gp::Message& report, ExportFormat format) {
  const gp::FieldDescriptor* rows = ReportRows(report.GetDescriptor());
  if (rows == nullptr) return absl::InvalidArgumentError("format: only for a report (a response with rows)");
  switch (format) {
    case ExportFormat::kCsv:
      return ExportFile{"text/csv; charset=utf-8", ".csv", Csv(report, rows, ',', false)};
    case ExportFormat::kCsvExcel:
      // The byte order mark tells Excel the file is UTF-8.
      return ExportFile{"text/csv; charset=utf-8", ".csv", absl::StrCat("\xEF\xBB\xBF", Csv(report, rows, ';', true))};
    case ExportFormat::kXlsx: {
      absl::StatusOr<std::string> bytes = Xlsx(report, rows);
      if (!bytes.ok()) return bytes.status();
      return ExportFile{"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx",
                        *std::move(bytes)};
    }
  }
  return absl::InternalError("format");
}

}  // namespace discipline::http
