// unit: the reports as files (adapters/http/exports.h): the plain CSV, the
// CSV for Excel in an Indonesian locale (BOM, ';', decimal comma) and the
// workbook's container (a ZIP); the workbook's cells are read by a real
// reader in neutrality_e2e_test.

#include "adapters/http/exports.h"

#include "asn/discipline/v1/reports.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace discipline::http {
namespace {

namespace pb = ::asn::discipline::v1;
using ::testing::StartsWith;

pb::FollowThroughReport Report() {
  pb::FollowThroughReport r;
  r.set_from("2026-10-01");
  r.set_to("2026-10-31");
  pb::FollowThroughRow* row = r.add_rows();
  row->set_agency_code("=KOTA;CONTOH");
  row->set_received(4);
  row->set_decided_in_time(1);
  row->set_follow_through_rate(0.25);
  return r;
}

TEST(ParseExportFormat, TheThreeFormatsOnly) {
  EXPECT_EQ(*ParseExportFormat("csv"), ExportFormat::kCsv);
  EXPECT_EQ(*ParseExportFormat("csv-excel"), ExportFormat::kCsvExcel);
  EXPECT_EQ(*ParseExportFormat("xlsx"), ExportFormat::kXlsx);
  EXPECT_EQ(ParseExportFormat("pdf").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseExportFormat("CSV").status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(RenderExport, PlainCsvIsCommaSeparatedWithoutABom) {
  auto f = RenderExport(Report(), ExportFormat::kCsv);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->extension, ".csv");
  EXPECT_EQ(f->bytes,
            "agencyCode,received,decidedInTime,decidedLate,open,overdue,blockingRequested,followThroughRate\r\n"
            "'=KOTA;CONTOH,4,1,0,0,0,0,0.25\r\n");
}

TEST(RenderExport, CsvForExcelHasABomSemicolonsAndDecimalCommas) {
  auto f = RenderExport(Report(), ExportFormat::kCsvExcel);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->content_type, "text/csv; charset=utf-8");
  // UTF-8 BOM; ';' between fields; the field holding ';' quoted; the
  // formula neutralised; 0.25 as "0,25".
  EXPECT_EQ(f->bytes,
            "\xEF\xBB\xBF"
            "agencyCode;received;decidedInTime;decidedLate;open;overdue;blockingRequested;followThroughRate\r\n"
            "\"'=KOTA;CONTOH\";4;1;0;0;0;0;0,25\r\n");
}

TEST(RenderExport, XlsxIsAZipWithItsContentType) {
  auto f = RenderExport(Report(), ExportFormat::kXlsx);
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(f->content_type, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(f->extension, ".xlsx");
  // A ZIP's local file header (PK\3\4), holding the workbook's parts.
  EXPECT_THAT(f->bytes, StartsWith("PK\x03\x04"));
  EXPECT_NE(f->bytes.find("xl/worksheets/sheet1.xml"), std::string::npos);
  EXPECT_NE(f->bytes.find("xl/sharedStrings.xml"), std::string::npos);
}

TEST(RenderExport, OnlyAReportHasAFile) {
  pb::GetFollowThroughReportRequest not_a_report;
  EXPECT_EQ(RenderExport(not_a_report, ExportFormat::kCsv).status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace discipline::http
