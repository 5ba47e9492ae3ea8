#include "service/config/rules_loader.h"

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/text_format.h"
#include "service/common/embedded_file.h"
#include "service/common/status_macros.h"

namespace discipline::config::embedded {
extern const EmbeddedFileList kRulesData;
}  // namespace discipline::config::embedded

namespace discipline::config {
namespace {

using namespace ::discipline::domain;  // NOLINT: conversion file

// Collects parse errors with line numbers for the operator.
class ErrorCollector : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int line, int column, const std::string& message) override {
    absl::StrAppend(&errors_, errors_.empty() ? "" : "; ", "line ", line + 1, ":", column + 1, ": ", message);
  }
  const std::string& errors() const { return errors_; }

 private:
  std::string errors_;
};

template <typename Message>
absl::StatusOr<Message> ParseText(absl::string_view text, absl::string_view what) {
  Message m;
  google::protobuf::TextFormat::Parser parser;
  ErrorCollector errors;
  parser.RecordErrorsTo(&errors);
  if (!parser.ParseFromString(std::string(text), &m)) {
    return absl::InvalidArgumentError(absl::StrCat(what, ": ", errors.errors()));
  }
  return m;
}

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

absl::string_view Embedded(absl::string_view name) {
  for (const EmbeddedFile& f : embedded::kRulesData) {
    if (f.name == name) return f.contents;
  }
  return {};
}

template <typename To, typename From>
std::vector<To> Enums(const google::protobuf::RepeatedField<int>& from) {
  std::vector<To> out;
  for (int v : from) out.push_back(static_cast<To>(v));
  return out;
}

ProvisionRule ToProvision(const cfg::ProvisionRule& p) {
  ProvisionRule r;
  r.id = p.id();
  r.article = p.article();
  r.summary = p.summary();
  if (p.attendance()) {
    r.kind = ProvisionRule::Kind::kAttendance;
  } else if (!p.ethics_basis().empty()) {
    r.kind = ProvisionRule::Kind::kEthics;
    r.ethics_basis = p.ethics_basis();
  } else if (p.by_impact_size() > 0) {
    r.kind = ProvisionRule::Kind::kByImpact;
    for (const auto& c : p.by_impact()) {
      r.by_impact.push_back({static_cast<Impact>(c.impact()), static_cast<SanctionLevel>(c.level()), c.basis()});
    }
  } else if (p.by_position_size() > 0) {
    r.kind = ProvisionRule::Kind::kByPosition;
    for (const auto& c : p.by_position()) {
      r.by_position.push_back(
          {Enums<PositionKind, int>(c.position_kinds()), static_cast<SanctionLevel>(c.level()), c.basis()});
    }
  } else {
    r.kind = ProvisionRule::Kind::kFixed;
    r.fixed_level = static_cast<SanctionLevel>(p.fixed().level());
    r.fixed_basis = p.fixed().basis();
  }
  return r;
}

NeutralityOutcome ToOutcome(const cfg::NeutralityOutcome& o) {
  return {static_cast<Track>(o.track()), o.provision_id(), o.basis()};
}

absl::StatusOr<std::vector<DayOffEntry>> ToDaysOff(const google::protobuf::RepeatedPtrField<cfg::DayOff>& days,
                                                   absl::string_view where) {
  std::vector<DayOffEntry> out;
  for (const cfg::DayOff& d : days) {
    auto day = ParseIsoDate(d.date(), absl::StrCat(where, ".days_off.date"));
    if (!day.ok()) return absl::InvalidArgumentError(absl::StrCat("calendar: ", day.status().message()));
    out.push_back({*day, d.name()});
  }
  return out;
}

}  // namespace

absl::string_view BuiltinRulesText() { return Embedded("rules.textproto"); }
absl::string_view BuiltinCalendarText() { return Embedded("calendar.textproto"); }
absl::string_view BuiltinSiasnCodesText() { return Embedded("siasn_codes.textproto"); }

namespace {

domain::SiasnCode ToCode(const cfg::SiasnCode& c) { return {c.code(), c.source(), c.unverified()}; }

}  // namespace

absl::StatusOr<domain::SiasnCodes> ParseSiasnCodes(absl::string_view text) {
  ASSIGN_OR_RETURN(cfg::SiasnCodes p, ParseText<cfg::SiasnCodes>(text, "SIASN codes"));
  domain::SiasnCodes codes;
  codes.version = p.version();
  codes.nomor_pp = p.nomor_pp();
  for (const auto& x : p.punishments()) {
    codes.punishments[static_cast<domain::Punishment>(x.punishment())] = {ToCode(x.jenis_hukuman()), x.months()};
    if (x.has_jenis_tingkat_hukuman()) {
      codes.punishment_levels[static_cast<domain::Punishment>(x.punishment())] = ToCode(x.jenis_tingkat_hukuman());
    }
  }
  codes.dismissal = ToCode(p.dismissal_jenis_hukuman());
  codes.dismissal_level = ToCode(p.dismissal_jenis_tingkat_hukuman());
  for (const auto& x : p.moral_sanctions()) {
    codes.moral_sanctions[static_cast<domain::MoralSanction>(x.moral_sanction())] = {ToCode(x.jenis_hukuman()),
                                                                                     ToCode(x.jenis_tingkat_hukuman())};
  }
  codes.sk_dokumen = ToCode(p.sk_dokumen());
  codes.moral_nomor_pp = p.moral_nomor_pp();
  for (const auto& x : p.levels())
    codes.levels[static_cast<domain::SanctionLevel>(x.level())] = ToCode(x.jenis_tingkat_hukuman());
  for (const auto& x : p.reasons())
    codes.reasons.push_back({x.provision_prefix(), ToCode(x.alasan_hukuman_disiplin())});
  codes.kedudukan_hukum = ToCode(p.kedudukan_hukum());
  for (const auto& x : p.ranks()) codes.ranks[x.rank()] = x.golongan_id();
  for (int v = 1; v <= static_cast<int>(domain::kLastPunishment); ++v) {
    auto it = codes.punishments.find(static_cast<domain::Punishment>(v));
    if (it == codes.punishments.end() || it->second.first.code.empty()) {
      return absl::FailedPreconditionError(absl::StrCat("SIASN codes: no jenis hukuman for punishment ", v));
    }
  }
  if (codes.levels.size() < 3)
    return absl::FailedPreconditionError("SIASN codes: a level has no jenis tingkat hukuman");
  if (codes.reasons.empty()) return absl::FailedPreconditionError("SIASN codes: no alasan hukuman disiplin");
  return codes;
}

absl::StatusOr<domain::SiasnCodes> LoadSiasnCodes(const cfg::SiasnConnection& connection) {
  if (connection.codes_file().empty()) return ParseSiasnCodes(BuiltinSiasnCodesText());
  ASSIGN_OR_RETURN(std::string text, ReadFile(connection.codes_file()));
  return ParseSiasnCodes(text);
}

absl::StatusOr<cfg::ServerConfig> ParseServerConfig(absl::string_view text) {
  return ParseText<cfg::ServerConfig>(text, "server config");
}

absl::StatusOr<cfg::ServerConfig> LoadServerConfigFile(const std::string& path) {
  ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  return ParseServerConfig(text);
}

absl::StatusOr<RuleBook> ParseRuleBook(absl::string_view text) {
  ASSIGN_OR_RETURN(cfg::RuleBook p, ParseText<cfg::RuleBook>(text, "rules table"));
  RuleBook b;
  b.version = p.version();
  for (const auto& prov : p.provisions()) b.provisions.push_back(ToProvision(prov));
  for (const auto& band : p.attendance_bands()) {
    b.attendance_bands.push_back(
        {band.min_days(), band.max_days(), static_cast<Punishment>(band.punishment()), band.basis()});
  }
  b.consecutive_absence = {p.consecutive_absence().days(),
                           static_cast<Punishment>(p.consecutive_absence().punishment()),
                           p.consecutive_absence().basis()};
  for (const auto& l : p.levels()) {
    b.levels.push_back({static_cast<SanctionLevel>(l.level()), Enums<Punishment, int>(l.punishments()), l.basis(),
                        static_cast<ExaminationTeam>(l.examination_team()), l.temporary_release_allowed(),
                        l.procedure_basis()});
  }
  for (const auto& f : p.neutrality_forms()) {
    b.neutrality_forms.push_back({f.id(), f.summary(), f.article(), ToOutcome(f.bakal_calon()), ToOutcome(f.calon())});
  }
  for (const auto& a : p.authority()) {
    b.authority.push_back({Enums<PositionKind, int>(a.position_kinds()), Enums<Environment, int>(a.environments()),
                           Enums<AuthorityBand, int>(a.bands()), a.employee_is_ppk(),
                           static_cast<AuthorityRole>(a.role()), a.note(), a.basis(),
                           static_cast<AuthorityRole>(a.proposed_by())});
  }
  b.repeat_offence_basis = p.repeat_offence_basis();
  b.banding_basis = p.banding_basis();
  b.keberatan_basis = p.keberatan_basis();
  if (!p.tukin_cut_from().empty()) {
    auto day = ParseIsoDate(p.tukin_cut_from(), "tukin_cut_from");
    if (!day.ok()) return absl::InvalidArgumentError(absl::StrCat("rules table: ", day.status().message()));
    b.tukin_cut_from = *day;
  }
  for (const auto& x : p.sedang_substitutions()) {
    b.sedang_substitutions.push_back({static_cast<Punishment>(x.tukin_cut()), static_cast<Punishment>(x.substitute())});
  }
  b.sedang_substitution_basis = p.sedang_substitution_basis();
  for (const auto& x : p.employee_types()) {
    b.employee_types.push_back({static_cast<domain::EmployeeType>(x.employee_type()),
                                Enums<Punishment, int>(x.excluded()), x.basis(), x.gap(),
                                Enums<SanctionLevel, int>(x.consequence_levels()), x.consequence()});
  }
  return b;
}

// One piece: one line per legal setting, in the order of rules.proto.
LegalSettings ToLegalSettings(const cfg::LegalSettings& legal) {
  LegalSettings s;  // defaults for every field the config leaves unset
  if (legal.remedy_against_ringan() != 0) s.remedy_against_ringan = static_cast<Remedy>(legal.remedy_against_ringan());
  if (legal.remedy_against_president() != 0) {
    s.remedy_against_president = static_cast<Remedy>(legal.remedy_against_president());
  }
  // PP 94/2021 Pasal 26 ayat (2)-(3), reference §2.5a: summons_interval
  // wins; the older summons_notice_rule is read when it is unset.
  if (legal.summons_interval() != cfg::SUMMONS_INTERVAL_UNSPECIFIED) {
    s.summons_interval = legal.summons_interval() == cfg::SUMMONS_INTERVAL_NOTICE_AT_LEAST
                             ? SummonsInterval::kNoticeAtLeast
                             : SummonsInterval::kExaminationWithin;
  } else if (legal.summons_notice_rule() != cfg::SUMMONS_NOTICE_RULE_UNSPECIFIED) {
    s.summons_interval = legal.summons_notice_rule() == cfg::SUMMONS_NOTICE_RULE_AT_LEAST
                             ? SummonsInterval::kNoticeAtLeast
                             : SummonsInterval::kExaminationWithin;
  }
  if (legal.summons_notice_working_days() > 0) s.summons_notice_working_days = legal.summons_notice_working_days();
  if (legal.second_summons_max_working_days() > 0) {
    s.second_summons_max_working_days = legal.second_summons_max_working_days();
  }
  if (legal.delivery_max_working_days() > 0) s.delivery_max_working_days = legal.delivery_max_working_days();
  if (legal.effective_after_days() > 0) s.effective_after_days = legal.effective_after_days();
  if (legal.remedy_window_working_days() > 0) s.remedy_window_working_days = legal.remedy_window_working_days();
  if (legal.keberatan_decision_working_days() > 0) {
    s.keberatan_decision_working_days = legal.keberatan_decision_working_days();
  }
  if (legal.banding_decision_working_days() > 0) {
    s.banding_decision_working_days = legal.banding_decision_working_days();
  }
  if (legal.summons_max_lead_days() > 0) s.summons_max_lead_days = legal.summons_max_lead_days();
  if (legal.ppk_follow_up_working_days() > 0) s.ppk_follow_up_working_days = legal.ppk_follow_up_working_days();
  if (legal.has_restrict_transfer()) s.restrict_transfer = legal.restrict_transfer();
  if (!legal.transfer_restriction_basis().empty()) s.transfer_restriction_basis = legal.transfer_restriction_basis();
  if (legal.blocking_grace_working_days() > 0) s.blocking_grace_working_days = legal.blocking_grace_working_days();
  if (legal.ethics_summons_notice_working_days() > 0) {
    s.ethics_summons_notice_working_days = legal.ethics_summons_notice_working_days();
  }
  if (legal.has_delivery_counts_working_days()) {
    s.delivery_counts_working_days = legal.delivery_counts_working_days();
  }
  if (legal.has_death_after_decision_closes_case()) {
    s.death_after_decision_closes_case = legal.death_after_decision_closes_case();
  }
  if (legal.has_bup_before_decision_terminates()) {
    s.bup_before_decision_terminates = legal.bup_before_decision_terminates();
  }
  if (legal.has_effective_counts_working_days()) {
    s.effective_counts_working_days = legal.effective_counts_working_days();
  }
  return s;
}

absl::StatusOr<CalendarSpec> ParseCalendar(absl::string_view text) {
  ASSIGN_OR_RETURN(cfg::CalendarData p, ParseText<cfg::CalendarData>(text, "calendar"));
  CalendarSpec spec;
  spec.version = p.version();
  for (const auto& y : p.years()) {
    ASSIGN_OR_RETURN(spec.years[y.year()], ToDaysOff(y.days_off(), absl::StrCat("years[", y.year(), "]")));
  }
  for (const auto& a : p.agencies()) {
    ASSIGN_OR_RETURN(auto days, ToDaysOff(a.days_off(), a.agency_code()));
    spec.agencies[a.agency_code()] = {a.version(), std::move(days)};
  }
  return spec;
}

absl::StatusOr<LoadedRules> LoadRules(const cfg::ServerConfig& config) {
  std::string rules_text(BuiltinRulesText());
  if (!config.rules_file().empty()) {
    ASSIGN_OR_RETURN(rules_text, ReadFile(config.rules_file()));
  }
  std::string calendar_text(BuiltinCalendarText());
  if (!config.calendar_file().empty()) {
    ASSIGN_OR_RETURN(calendar_text, ReadFile(config.calendar_file()));
  }
  ASSIGN_OR_RETURN(RuleBook book, ParseRuleBook(rules_text));
  ASSIGN_OR_RETURN(RulesEngine engine, RulesEngine::Create(std::move(book), ToLegalSettings(config.legal())));
  ASSIGN_OR_RETURN(CalendarSpec spec, ParseCalendar(calendar_text));
  for (const auto& a : config.agency_calendars()) {
    ASSIGN_OR_RETURN(auto days, ToDaysOff(a.days_off(), a.agency_code()));
    auto& agency = spec.agencies[a.agency_code()];
    agency.version = a.version();
    agency.days_off.insert(agency.days_off.end(), days.begin(), days.end());
  }
  ASSIGN_OR_RETURN(WorkingDayCalendar calendar, WorkingDayCalendar::Create(spec));
  return LoadedRules{std::move(engine), std::move(calendar)};
}

absl::StatusOr<domain::Policy> ToPolicy(const cfg::AccessConfig& access) {
  domain::Policy policy = domain::DefaultPolicy();
  policy.narrow_to_named = access.narrow_to_named();
  for (const auto& rule : access.rules()) {
    std::optional<domain::Action> action;
    for (int i = 0; i < domain::kActionCount; ++i) {
      if (domain::Name(static_cast<domain::Action>(i)) == rule.action()) action = static_cast<domain::Action>(i);
    }
    if (!action.has_value()) {
      return absl::InvalidArgumentError(absl::StrCat("access: unknown action '", rule.action(), "'"));
    }
    std::set<domain::Role> roles;
    for (const auto& name : rule.roles()) {
      auto role = domain::RoleNamed(name);
      if (!role.has_value()) return absl::InvalidArgumentError(absl::StrCat("access: unknown role '", name, "'"));
      if (!policy.roles[*action].contains(*role)) {
        return absl::InvalidArgumentError(absl::StrCat("access: ", rule.action(), " does not allow ", name,
                                                       " by default; configuration may only narrow"));
      }
      roles.insert(*role);
    }
    policy.roles[*action] = roles;
  }
  return policy;
}

}  // namespace discipline::config
