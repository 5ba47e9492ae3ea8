// unit: the rules table is validated at load; a table with gaps never serves.

#include "service/domain/rule_book.h"

#include <algorithm>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/config/rules_loader.h"
#include "tests/testing/status_matchers.h"

namespace discipline::domain {
namespace {

using ::discipline::testing::StatusIs;
using ::testing::HasSubstr;

RuleBook Builtin() {
  auto book = config::ParseRuleBook(config::BuiltinRulesText());
  EXPECT_TRUE(book.ok()) << book.status();
  return *book;
}

TEST(RuleBook, BuiltinTableIsComplete) { EXPECT_TRUE(ValidateRuleBook(Builtin()).ok()); }

TEST(RuleBook, MissingProvisionIsNamed) {
  RuleBook book = Builtin();
  book.provisions.erase(std::remove_if(book.provisions.begin(), book.provisions.end(),
                                       [](const ProvisionRule& p) { return p.id == "PP94.5.g"; }),
                        book.provisions.end());
  EXPECT_THAT(ValidateRuleBook(book), StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("PP94.5.g")));
}

TEST(RuleBook, AttendanceGapIsRefused) {
  RuleBook book = Builtin();
  book.attendance_bands[3].min_days = 12;  // 11 days would fall between bands
  EXPECT_THAT(ValidateRuleBook(book), StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("gap")));
}

TEST(RuleBook, AttendanceOverlapIsRefused) {
  RuleBook book = Builtin();
  book.attendance_bands[3].min_days = 10;  // 10 days in two bands
  EXPECT_THAT(ValidateRuleBook(book), StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("overlap")));
}

TEST(RuleBook, OpenEndedBandMustBeLast) {
  RuleBook book = Builtin();
  book.attendance_bands.back().max_days = 40;
  EXPECT_THAT(ValidateRuleBook(book), StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("open-ended")));
}

TEST(RuleBook, EmptyAuthorityCellIsRefused) {
  RuleBook book = Builtin();
  book.authority.pop_back();  // the catch-all PPK row
  EXPECT_THAT(ValidateRuleBook(book), StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("no authority for")));
}

TEST(RuleBook, LevelsMustPartitionThePunishmentsInOrder) {
  RuleBook book = Builtin();
  std::swap(book.levels[1].punishments[0], book.levels[1].punishments[1]);
  EXPECT_THAT(ValidateRuleBook(book), StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("order of severity")));
}

TEST(RuleBook, NeutralityFormMappedToUnknownProvisionIsRefused) {
  RuleBook book = Builtin();
  book.neutrality_forms[0].calon.provision_id = "PP94.5.n.9";
  EXPECT_THAT(ValidateRuleBook(book), StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("PP94.5.n.9")));
}

TEST(RuleBook, RowWithoutBasisIsRefused) {
  RuleBook book = Builtin();
  book.provisions[0].fixed_basis.clear();
  book.provisions[0].kind = ProvisionRule::Kind::kFixed;
  EXPECT_THAT(ValidateRuleBook(book), StatusIs(absl::StatusCode::kFailedPrecondition));
}

}  // namespace
}  // namespace discipline::domain
