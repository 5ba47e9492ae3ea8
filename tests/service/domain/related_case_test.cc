// PP 94/2021 Pasal 28 (the superior's liability): a case filed against an
// earlier one names it with its relation, and the earlier one lists it.

#include "service/domain/related_case.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace discipline::domain {
namespace {

using ::discipline::testing::StatusIs;
using ::testing::HasSubstr;

Case Earlier() {
  Case c;
  c.case_id = "01JEARLIER";
  c.agency_code = "KOTA-CONTOH";
  c.state = CaseState::kExamined;
  c.version = 4;
  c.employee.nip = "199006052015031005";
  c.employee.superior_nip = "198009092005012002";
  return c;
}

TEST(RelatedCase, TheRelationComesWithTheCaseAndOnlyWithIt_Pasal28) {
  EXPECT_TRUE(CheckRelation(false, CaseRelation::kUnspecified).ok());
  EXPECT_TRUE(CheckRelation(true, CaseRelation::kSuperiorLiability).ok());
  EXPECT_THAT(CheckRelation(true, CaseRelation::kUnspecified),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("relation")));
  EXPECT_THAT(CheckRelation(false, CaseRelation::kSuperiorLiability),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("related_case_id")));
}

// Pasal 28: the superior's own case, in the same agency.
TEST(RelatedCase, TheSuperiorsCaseIsAnotherEmployeesOfTheSameAgency_Pasal28) {
  EXPECT_TRUE(CheckRelatedCase(Earlier(), "KOTA-CONTOH", "198009092005012002").ok());
  EXPECT_THAT(CheckRelatedCase(Earlier(), "KAB-CONTOH", "198009092005012002"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("related_case_id")));
  EXPECT_THAT(CheckRelatedCase(Earlier(), "KOTA-CONTOH", "199006052015031005"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("Pasal 28")));
}

// The earlier case records the new one: its next version, its state as it
// was, the new case listed after any earlier one.
TEST(RelatedCase, TheEarlierCaseListsTheNewOne_Pasal28) {
  Case earlier = Earlier();
  earlier.related_by = {{"01JFIRST", CaseRelation::kSuperiorLiability}};
  const absl::Time at = absl::FromUnixSeconds(1790000000);
  const Case changed = RecordRelatedFiling(earlier, "01JSECOND", CaseRelation::kSuperiorLiability, at);
  EXPECT_EQ(changed.version, 5);
  EXPECT_EQ(changed.state, CaseState::kExamined);
  EXPECT_EQ(changed.updated_at, at);
  ASSERT_EQ(changed.related_by.size(), 2u);
  EXPECT_EQ(changed.related_by[0].case_id, "01JFIRST");
  EXPECT_EQ(changed.related_by[1].case_id, "01JSECOND");
  EXPECT_EQ(changed.related_by[1].relation, CaseRelation::kSuperiorLiability);
  EXPECT_EQ(Name(CaseRelation::kSuperiorLiability), "CASE_RELATION_SUPERIOR_LIABILITY");
}

}  // namespace
}  // namespace discipline::domain
