// The row codec: a column that does not hold what its reader expects is
// DATA_LOSS, never a silent zero (docs/storage.md, "Row codec").

#include "adapters/mariadb/row.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/testing/status_matchers.h"

namespace discipline::mariadb {
namespace {

using ::discipline::testing::StatusIs;
using ::testing::HasSubstr;

const Connection::Row kRow = {"42", std::nullopt, "x7", "2024-02-29", "2024-02-30", "2024-03-01T08:15:30.250000Z",
                              "1",  "2",          "-9"};

TEST(RowReader, ReadsAnInteger) {
  RowReader r(kRow, "cases");
  ASSERT_TRUE(r.Int64(0).ok());
  EXPECT_EQ(*r.Int64(0), 42);
  EXPECT_EQ(*r.Int64(8), -9);
}

TEST(RowReader, TextThatIsNotANumberIsDataLossNotZero) {
  RowReader r(kRow, "cases");
  EXPECT_THAT(r.Int64(2), StatusIs(absl::StatusCode::kDataLoss, HasSubstr("cases: column 2")));
  EXPECT_THAT(r.OptionalInt64(2), StatusIs(absl::StatusCode::kDataLoss));
}

TEST(RowReader, NullWhereAValueMustBeIsDataLoss) {
  RowReader r(kRow, "cases");
  EXPECT_THAT(r.Int64(1), StatusIs(absl::StatusCode::kDataLoss, HasSubstr("NULL")));
  EXPECT_THAT(r.String(1), StatusIs(absl::StatusCode::kDataLoss));
  EXPECT_THAT(r.Day(1), StatusIs(absl::StatusCode::kDataLoss));
  EXPECT_THAT(r.Time(1), StatusIs(absl::StatusCode::kDataLoss));
}

TEST(RowReader, OptionalReadersTakeNullAsNone) {
  RowReader r(kRow, "cases");
  ASSERT_TRUE(r.OptionalInt64(1).ok());
  EXPECT_FALSE(r.OptionalInt64(1)->has_value());
  ASSERT_TRUE(r.OptionalString(1).ok());
  EXPECT_FALSE(r.OptionalString(1)->has_value());
  EXPECT_FALSE(r.OptionalDay(1)->has_value());
  EXPECT_FALSE(r.OptionalTime(1)->has_value());
  EXPECT_EQ(*r.StringOrEmpty(1), "");
}

TEST(RowReader, AMissingColumnIsDataLoss) {
  RowReader r(kRow, "audit_events");
  EXPECT_THAT(r.OptionalString(9), StatusIs(absl::StatusCode::kDataLoss, HasSubstr("missing")));
  EXPECT_THAT(r.StringOrEmpty(20), StatusIs(absl::StatusCode::kDataLoss));
}

TEST(RowReader, ReadsADateAndRefusesAnImpossibleOne) {
  RowReader r(kRow, "cases");
  ASSERT_TRUE(r.Day(3).ok());
  EXPECT_EQ(*r.Day(3), absl::CivilDay(2024, 2, 29));
  // 30 February does not exist; it is not normalized to 1 March.
  EXPECT_THAT(r.Day(4), StatusIs(absl::StatusCode::kDataLoss, HasSubstr("not a date")));
  EXPECT_THAT(r.Day(0), StatusIs(absl::StatusCode::kDataLoss));
}

TEST(RowReader, ReadsATimeWithMicroseconds) {
  RowReader r(kRow, "audit_events");
  ASSERT_TRUE(r.Time(5).ok());
  EXPECT_EQ(*r.Time(5),
            absl::FromCivil(absl::CivilSecond(2024, 3, 1, 8, 15, 30), absl::UTCTimeZone()) + absl::Milliseconds(250));
  EXPECT_THAT(r.Time(3), StatusIs(absl::StatusCode::kDataLoss, HasSubstr("not a time")));
}

TEST(RowReader, BoolIsZeroOrOneOnly) {
  RowReader r(kRow, "siasn_outbox");
  EXPECT_EQ(*r.Bool(6), true);
  EXPECT_THAT(r.Bool(7), StatusIs(absl::StatusCode::kDataLoss));
}

enum class Colour { kNone = 0, kRed = 1, kBlue = 2 };

TEST(RowReader, EnumsRoundTripThroughTheirParameter) {
  const Connection::Row row = {EnumParam(Colour::kBlue), "blue"};
  RowReader r(row, "t");
  ASSERT_TRUE(r.Enum<Colour>(0).ok());
  EXPECT_EQ(*r.Enum<Colour>(0), Colour::kBlue);
  EXPECT_THAT(r.Enum<Colour>(1), StatusIs(absl::StatusCode::kDataLoss));
}

TEST(RowParams, DayAndTimeParametersAreWhatMariaDbReads) {
  EXPECT_EQ(DayParam(absl::CivilDay(2024, 1, 5)), "2024-01-05");
  EXPECT_EQ(DayParam(std::optional<absl::CivilDay>()), std::nullopt);
  EXPECT_EQ(
      TimeParam(absl::FromCivil(absl::CivilSecond(2024, 3, 1, 8, 15, 30), absl::UTCTimeZone()) + absl::Microseconds(7)),
      "2024-03-01 08:15:30.000007");
}

}  // namespace
}  // namespace discipline::mariadb
