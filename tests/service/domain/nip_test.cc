// unit: NIP normalisation and checks (BKN Head Regulation 22/2007 format).

#include "service/domain/nip.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/common/errors.h"
#include "tests/testing/status_matchers.h"

namespace discipline::domain {
namespace {

using ::discipline::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::Optional;

TEST(Nip, SpacesAreRemoved) {
  EXPECT_EQ(*NormalizeNip("19860926 201505 1 001", "employee_nip"), "198609262015051001");
  EXPECT_EQ(*NormalizeNip("199006052015031005", "employee_nip"), "199006052015031005");
}

TEST(Nip, PpppkMonthMarkerIsAccepted) {
  EXPECT_EQ(*NormalizeNip("199610102022212006", "employee_nip"), "199610102022212006");
}

TEST(Nip, EachRuleIsNamed) {
  struct Bad {
    const char* nip;
    const char* rule;
  };
  for (const Bad& b : {Bad{"19860926201505100", "18 digits"}, Bad{"1986092620150510011", "18 digits"},
                       Bad{"1986-0926-2015051001", "digits only"}, Bad{"198602302015051001", "birth date"},
                       Bad{"198609262015131001", "month"}, Bad{"198609261980051001", "appointment year"},
                       Bad{"198609262015053001", "sex"}, Bad{"198609262015051000", "sequence"}}) {
    auto r = NormalizeNip(b.nip, "employee_nip");
    EXPECT_THAT(r, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(b.rule))) << b.nip;
    EXPECT_THAT(FieldOf(r.status()), Optional(std::string("employee_nip")));
  }
}

}  // namespace
}  // namespace discipline::domain
