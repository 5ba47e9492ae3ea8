// unit: the bounds of every request (service/app/request_limits.h): each
// bound refuses one past it with INVALID_ARGUMENT naming the field, accepts
// the bound itself, and never quotes a huge value back.

#include "service/app/request_limits.h"

#include <functional>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/app/case_use_cases.h"
#include "service/common/errors.h"
#include "tests/testing/status_matchers.h"

namespace discipline::app {
namespace {

using ::discipline::testing::StatusIs;
using ::testing::Optional;

FileCaseInput Filing() {
  FileCaseInput in;
  in.request_id = "r-1";
  in.agency_code = "KOTA-CONTOH";
  in.employee_nip = "199006052015031005";
  in.source = domain::Source::kSistemKehadiran;
  in.allegations.push_back({.provision_id = "PP94.4.f", .absence_days = 12});
  in.received_on = absl::CivilDay(2026, 3, 2);
  return in;
}

struct Bound {
  const char* field;
  std::function<void(FileCaseInput&, bool over)> set;
};

class FilingBoundTest : public ::testing::TestWithParam<Bound> {};

TEST_P(FilingBoundTest, OnePastTheBoundIsRefusedNamingTheField) {
  const Bound& b = GetParam();
  FileCaseInput at = Filing();
  b.set(at, false);
  EXPECT_TRUE(CheckFiling(at).ok()) << b.field << ": " << CheckFiling(at);
  FileCaseInput over = Filing();
  b.set(over, true);
  const absl::Status s = CheckFiling(over);
  EXPECT_THAT(s, StatusIs(absl::StatusCode::kInvalidArgument)) << b.field;
  EXPECT_THAT(FieldOf(s), Optional(std::string(b.field)));
  EXPECT_LT(s.message().size(), 200u) << "the message must not quote the value";
}

INSTANTIATE_TEST_SUITE_P(
    Limits, FilingBoundTest,
    ::testing::Values(
        Bound{"agency_code",
              [](FileCaseInput& in, bool over) { in.agency_code = std::string(over ? 1 << 20 : 64, 'K'); }},
        Bound{"reporter", [](FileCaseInput& in, bool over) { in.reporter = std::string(over ? 1 << 20 : 1000, 'r'); }},
        Bound{
            "allegations[0].description",
            [](FileCaseInput& in, bool over) { in.allegations[0].description = std::string(over ? 4001 : 4000, 'd'); }},
        Bound{"allegations[0].provision_id",
              [](FileCaseInput& in, bool over) {
                in.allegations[0].provision_id = std::string(over ? 1 << 20 : 32, 'P');
              }},
        Bound{"allegations",
              [](FileCaseInput& in, bool over) { in.allegations.resize(over ? 51 : 50, in.allegations[0]); }},
        Bound{"allegations[0].absence_days",
              [](FileCaseInput& in, bool over) { in.allegations[0].absence_days = over ? INT32_MIN : 366; }},
        Bound{"allegations[0].consecutive_absence_days",
              [](FileCaseInput& in, bool over) { in.allegations[0].consecutive_absence_days = over ? -1 : 0; }},
        Bound{"received_on",
              [](FileCaseInput& in, bool over) { in.received_on = over ? absl::CivilDay(1, 1, 1) : kEarliestDate; }},
        Bound{"allegations[0].occurred_on",
              [](FileCaseInput& in, bool over) {
                in.allegations[0].occurred_on = over ? absl::CivilDay(1999, 12, 31) : kEarliestDate;
              }},
        Bound{"document_ids",
              [](FileCaseInput& in, bool over) { in.document_ids.assign(over ? 21 : 20, "doc-00000000000000000000"); }},
        Bound{"reporter",
              [](FileCaseInput& in, bool over) { in.reporter = over ? "\xC3\x28" : "Dra. Siti \xC3\x91"; }}),
    [](const auto& info) { return absl::StrCat("row_", info.index); });

TEST(Limits, ExaminationCountsAndNips) {
  domain::RecordExaminationCommand cmd;
  cmd.examined_on = absl::CivilDay(2026, 3, 16);
  cmd.findings.assign(51, {.provision_id = "PP94.4.f", .absence_days = 12, .proven = true});
  EXPECT_THAT(FieldOf(CheckExamination(cmd)), Optional(std::string("findings")));
  cmd.findings.resize(1);
  cmd.examiner_nips.assign(21, "198009092005012002");
  EXPECT_THAT(FieldOf(CheckExamination(cmd)), Optional(std::string("examiner_nips")));
  cmd.examiner_nips.resize(20);
  cmd.examination_team_nips.assign(1, std::string(1 << 20, '1'));
  EXPECT_THAT(FieldOf(CheckExamination(cmd)), Optional(std::string("examination_team_nips[0]")));
  cmd.examination_team_nips.clear();
  cmd.findings[0].absence_days = -5;
  EXPECT_THAT(FieldOf(CheckExamination(cmd)), Optional(std::string("findings[0].absence_days")));
  cmd.findings[0].absence_days = 12;
  EXPECT_TRUE(CheckExamination(cmd).ok());
}

TEST(Limits, DecisionTexts) {
  domain::DecideCommand cmd{domain::DecisionOutcome::kApprove, domain::Punishment::kUnspecified, "SK-1",
                            absl::CivilDay(2026, 4, 8), ""};
  EXPECT_TRUE(CheckDecision(cmd).ok());
  cmd.decision_number = std::string(129, '8');
  EXPECT_THAT(FieldOf(CheckDecision(cmd)), Optional(std::string("decision_number")));
  cmd.decision_number = "SK-1";
  cmd.reason = std::string(4001, 'a');
  EXPECT_THAT(FieldOf(CheckDecision(cmd)), Optional(std::string("reason")));
}

TEST(Limits, ExcerptQuotesAShortPrefixOnACharacterBoundary) {
  EXPECT_EQ(Excerpt("PP94.4.f"), "PP94.4.f");
  const std::string huge(1 << 20, 'x');
  EXPECT_EQ(Excerpt(huge), std::string(40, 'x') + "…");
  // 39 ASCII bytes then a two-byte character: cut before it, not inside.
  const std::string text = std::string(39, 'a') + "\xC3\x91" + "zzz";
  EXPECT_EQ(Excerpt(text), std::string(39, 'a') + "…");
}

}  // namespace
}  // namespace discipline::app
