// unit: the reports' CSV cells (adapters/http/csv.h): RFC 4180 quoting, and
// formula-looking values neutralised (OWASP "CSV injection").

#include "adapters/http/csv.h"

#include "gtest/gtest.h"

namespace discipline::http {
namespace {

TEST(CsvField, PlainValuesAreAsTheyAre) {
  EXPECT_EQ(CsvField("KOTA-CONTOH"), "KOTA-CONTOH");
  EXPECT_EQ(CsvField("12"), "12");
  EXPECT_EQ(CsvField(""), "");
}

TEST(CsvField, QuotesACommaAQuoteOrALineBreak) {
  EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvField("a\"b"), "\"a\"\"b\"");
  EXPECT_EQ(CsvField("a\nb"), "\"a\nb\"");
}

TEST(CsvField, AFormulaIsNeutralisedWithAnApostrophe) {
  EXPECT_EQ(CsvField("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  EXPECT_EQ(CsvField("+1+1"), "'+1+1");
  EXPECT_EQ(CsvField("-2+3"), "'-2+3");
  EXPECT_EQ(CsvField("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(CsvField("\tx"), "'\tx");
  EXPECT_EQ(CsvField("\r=1"), "\"'\r=1\"");
  // Only the first character counts.
  EXPECT_EQ(CsvField("a=b"), "a=b");
}

}  // namespace
}  // namespace discipline::http
