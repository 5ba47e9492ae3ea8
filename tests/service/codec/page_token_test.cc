// unit: opaque page tokens (service/codec/page_token.h, AIP-158): a token
// round-trips its position, and any token that is not one this service
// issued for these filters is INVALID_ARGUMENT naming page_token.

#include "service/codec/page_token.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/common/errors.h"
#include "tests/testing/status_matchers.h"

namespace discipline::codec {
namespace {

using ::discipline::testing::StatusIs;
using ::testing::Optional;

domain::Case Last(const std::string& id) {
  domain::Case c;
  c.case_id = id;
  c.open_deadlines.push_back({"delivery", absl::CivilDay(2026, 4, 28), "v", "PP 94/2021 Pasal 37 ayat (3)"});
  return c;
}

TEST(PageToken, RoundTripsThePosition) {
  ports::CaseFilter f;
  f.agency_code = "KOTA-CONTOH";
  f.state = domain::CaseState::kReceived;
  const std::string token = EncodeCasePageToken(f, Last("01abc"));
  ports::CaseFilter next = f;
  ASSERT_TRUE(DecodeCasePageToken(token, next).ok());
  EXPECT_EQ(next.after_case_id, "01abc");
  EXPECT_FALSE(next.after_due_on.has_value());
  // URL-safe.
  EXPECT_EQ(token.find_first_of("+/= "), std::string::npos) << token;
}

TEST(PageToken, OverdueListingCarriesTheDueDate) {
  ports::CaseFilter f;
  f.overdue_only = true;
  const std::string token = EncodeCasePageToken(f, Last("01abc"));
  ASSERT_TRUE(DecodeCasePageToken(token, f).ok());
  EXPECT_EQ(f.after_due_on, absl::CivilDay(2026, 4, 28));
}

TEST(PageToken, GarbageIsRefused) {
  for (const char* garbage : {"garbage", "x'; DROP TABLE cases; --", "AAAA", "////", "01m8svk0wxgdaw11v0jp"}) {
    ports::CaseFilter f;
    const absl::Status s = DecodeCasePageToken(garbage, f);
    EXPECT_THAT(s, StatusIs(absl::StatusCode::kInvalidArgument)) << garbage;
    EXPECT_THAT(FieldOf(s), Optional(std::string("page_token"))) << garbage;
  }
  ports::CaseFilter f;
  EXPECT_THAT(DecodeCasePageToken(std::string(600, 'A'), f), StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(PageToken, TokenOfOtherFiltersIsRefused) {
  ports::CaseFilter kota;
  kota.agency_code = "KOTA-CONTOH";
  const std::string token = EncodeCasePageToken(kota, Last("01abc"));
  ports::CaseFilter prov;
  prov.agency_code = "PROV-CONTOH";
  EXPECT_THAT(DecodeCasePageToken(token, prov), StatusIs(absl::StatusCode::kInvalidArgument));
  ports::CaseFilter closed = kota;
  closed.state = domain::CaseState::kClosed;
  EXPECT_THAT(DecodeCasePageToken(token, closed), StatusIs(absl::StatusCode::kInvalidArgument));
  ports::CaseFilter overdue = kota;
  overdue.overdue_only = true;
  EXPECT_THAT(DecodeCasePageToken(token, overdue), StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(PageToken, HistoryTokenBelongsToItsCase) {
  const std::string token = EncodeHistoryPageToken("case-1", 100);
  auto ok = DecodeHistoryPageToken(token, "case-1");
  ASSERT_TRUE(ok.ok()) << ok.status();
  EXPECT_EQ(*ok, 100);
  EXPECT_THAT(DecodeHistoryPageToken(token, "case-2"), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(DecodeHistoryPageToken("100", "case-1"), StatusIs(absl::StatusCode::kInvalidArgument));
  auto first = DecodeHistoryPageToken("", "case-1");
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(*first, 0);
}

}  // namespace
}  // namespace discipline::codec
