// unit: the textproto loader: built-in data, a ServerConfig that adds agency
// days off, an operator's replacement rules file, and broken input.

#include "service/config/rules_loader.h"

#include <cstdio>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace discipline::config {
namespace {

using ::discipline::testing::StatusIs;
using ::testing::HasSubstr;

TEST(RulesLoader, BuiltinDataLoads) {
  auto rules = LoadRules({});
  ASSERT_TRUE(rules.ok()) << rules.status();
  EXPECT_EQ(rules->engine.version(), "PP94-2021.r3");
  EXPECT_EQ(rules->calendar.first_year(), 2024);
  EXPECT_EQ(rules->calendar.last_year(), 2027);
}

TEST(RulesLoader, ServerConfigAddsAgencyDaysAndLegalSettings) {
  auto config = ParseServerConfig(R"pb(
    agency_calendars {
      agency_code: "KOTA-CONTOH"
      version: "2026.1"
      days_off { date: "2026-07-06" name: "Hari jadi Kota Contoh" kind: DAY_OFF_KIND_AGENCY }
    }
    legal {
      remedy_against_ringan: REMEDY_NONE
      summons_notice_rule: SUMMONS_NOTICE_RULE_AT_MOST
      effective_counts_working_days: false
    }
  )pb");
  ASSERT_TRUE(config.ok()) << config.status();
  auto rules = LoadRules(*config);
  ASSERT_TRUE(rules.ok()) << rules.status();
  auto d = rules->calendar.AddWorkingDays(absl::CivilDay(2026, 7, 3), 1, "KOTA-CONTOH");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->day, absl::CivilDay(2026, 7, 7));
  EXPECT_EQ(d->calendar_version, "ID-2024.2-2025.1-2026.1-2027.1+KOTA-CONTOH@2026.1");
  EXPECT_EQ(rules->engine.settings().remedy_against_ringan, domain::Remedy::kNone);
  EXPECT_EQ(rules->engine.settings().summons_interval, domain::SummonsInterval::kExaminationWithin);
  EXPECT_FALSE(rules->engine.settings().effective_counts_working_days);
  EXPECT_EQ(rules->engine.settings().delivery_max_working_days, 14) << "unset fields keep their default";
}

// Reference §2.5a, "Retirement or death during the case" (PP 53/2010 Pasal
// 40 practice, unverified for PP 94): death after the decision closes the
// case by default, BUP before the decision lets it go on; both configurable.
TEST(RulesLoader, EmployeeEventConsequencesDefaultsAndConfiguration) {
  auto defaults = LoadRules(cfg::ServerConfig());
  ASSERT_TRUE(defaults.ok()) << defaults.status();
  EXPECT_TRUE(defaults->engine.settings().death_after_decision_closes_case);
  EXPECT_FALSE(defaults->engine.settings().bup_before_decision_terminates);
  auto config = ParseServerConfig(R"pb(
    legal { death_after_decision_closes_case: false bup_before_decision_terminates: true }
  )pb");
  ASSERT_TRUE(config.ok()) << config.status();
  auto rules = LoadRules(*config);
  ASSERT_TRUE(rules.ok()) << rules.status();
  EXPECT_FALSE(rules->engine.settings().death_after_decision_closes_case);
  EXPECT_TRUE(rules->engine.settings().bup_before_decision_terminates);
}

// PP 94/2021 Pasal 26 ayat (2) (reference §2.5a): the examination within 7
// working days of the letter is the default; PP 53/2010's "at least 7 working
// days' notice" is chosen by legal.summons_interval. Pasal 37 ayat (3): the
// delivery limit counts calendar days unless configured otherwise.
TEST(RulesLoader, SummonsIntervalAndDeliveryUnitDefaultsAndConfiguration) {
  auto defaults = LoadRules(cfg::ServerConfig());
  ASSERT_TRUE(defaults.ok()) << defaults.status();
  EXPECT_EQ(defaults->engine.settings().summons_interval, domain::SummonsInterval::kExaminationWithin);
  EXPECT_FALSE(defaults->engine.settings().delivery_counts_working_days);
  auto config = ParseServerConfig(R"pb(
    legal { summons_interval: SUMMONS_INTERVAL_NOTICE_AT_LEAST delivery_counts_working_days: true }
  )pb");
  ASSERT_TRUE(config.ok()) << config.status();
  auto rules = LoadRules(*config);
  ASSERT_TRUE(rules.ok()) << rules.status();
  EXPECT_EQ(rules->engine.settings().summons_interval, domain::SummonsInterval::kNoticeAtLeast);
  EXPECT_TRUE(rules->engine.settings().delivery_counts_working_days);
  // The older field still chooses the direction when summons_interval is unset.
  auto old = ParseServerConfig(R"pb(legal { summons_notice_rule: SUMMONS_NOTICE_RULE_AT_LEAST })pb");
  ASSERT_TRUE(old.ok()) << old.status();
  auto old_rules = LoadRules(*old);
  ASSERT_TRUE(old_rules.ok()) << old_rules.status();
  EXPECT_EQ(old_rules->engine.settings().summons_interval, domain::SummonsInterval::kNoticeAtLeast);
}

TEST(RulesLoader, OperatorRulesFileReplacesTheBuiltinTable) {
  const std::string path = ::testing::TempDir() + "/rules_r2.textproto";
  std::ofstream(path) << absl::StrReplaceAll(BuiltinRulesText(),
                                             {{"version: \"PP94-2021.r3\"", "version: \"PP94-2021.r3-agency\""}});
  cfg::ServerConfig config;
  config.set_rules_file(path);
  auto rules = LoadRules(config);
  ASSERT_TRUE(rules.ok()) << rules.status();
  EXPECT_EQ(rules->engine.version(), "PP94-2021.r3-agency");
  std::remove(path.c_str());
}

// PP 94/2021 Pasal 8 ayat (3) with ≈ Pasal 42; KMK 5/KMK.01/2022: the table
// says from which day the tukin cut itself applies; a mismatched substitute
// (not of the cut's rank) or a malformed day does not load.
TEST(RulesLoader, TheTukinCutsDateAndItsSubstitutesAreValidated) {
  auto builtin = ParseRuleBook(BuiltinRulesText());
  ASSERT_TRUE(builtin.ok()) << builtin.status();
  EXPECT_FALSE(builtin->tukin_cut_from.has_value()) << "the built-in table imposes the substitutes";
  EXPECT_EQ(builtin->sedang_substitutions.size(), 3u);
  auto dated = ParseRuleBook(absl::StrCat(BuiltinRulesText(), "\ntukin_cut_from: \"2027-07-01\"\n"));
  ASSERT_TRUE(dated.ok()) << dated.status();
  EXPECT_EQ(dated->tukin_cut_from, absl::CivilDay(2027, 7, 1));
  EXPECT_THAT(ParseRuleBook(absl::StrCat(BuiltinRulesText(), "\ntukin_cut_from: \"2027-02-30\"\n")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("tukin_cut_from")));
  auto swapped = ParseRuleBook(absl::StrReplaceAll(
      BuiltinRulesText(),
      {{"tukin_cut: PUNISHMENT_POTONGAN_TUKIN_6_BULAN substitute: PUNISHMENT_PENUNDAAN_KGB_1_TAHUN",
        "tukin_cut: PUNISHMENT_POTONGAN_TUKIN_6_BULAN substitute: PUNISHMENT_PENURUNAN_PANGKAT_1_TAHUN"}}));
  ASSERT_TRUE(swapped.ok()) << swapped.status();
  EXPECT_THAT(domain::ValidateRuleBook(*swapped), StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST(RulesLoader, BrokenInputIsReportedWithItsLine) {
  EXPECT_THAT(ParseRuleBook("version: \"x\"\nprovisions { id: 3 "),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("line 2")));
  EXPECT_THAT(ParseCalendar("years { year: 2026 days_off { date: \"2026-02-30\" } }"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("2026-02-30")));
  cfg::ServerConfig missing;
  missing.set_rules_file("/nonexistent/rules.textproto");
  EXPECT_THAT(LoadRules(missing), StatusIs(absl::StatusCode::kNotFound));
}

TEST(RulesLoader, TableWithAGapDoesNotLoad) {
  const std::string text =
      absl::StrReplaceAll(BuiltinRulesText(), {{"attendance_bands { min_days: 11", "attendance_bands { min_days: 12"}});
  const std::string path = ::testing::TempDir() + "/rules_gap.textproto";
  std::ofstream(path) << text;
  cfg::ServerConfig config;
  config.set_rules_file(path);
  EXPECT_THAT(LoadRules(config), StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("gap")));
  std::remove(path.c_str());
}

}  // namespace
}  // namespace discipline::config
