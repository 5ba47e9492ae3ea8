#include "service/domain/rules_engine.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "service/common/errors.h"
#include "service/common/status_macros.h"

namespace discipline::domain {
namespace {

// A year has at most 366 days; more unexcused absent working days cannot be
// a fact.
constexpr int kMaxDaysInYear = 366;

template <typename T>
bool Matches(const std::vector<T>& list, T v) {
  return list.empty() || std::find(list.begin(), list.end(), v) != list.end();
}

void AddBasis(Assessment& a, const std::string& basis) {
  if (basis.empty()) return;
  if (std::find(a.legal_basis.begin(), a.legal_basis.end(), basis) == a.legal_basis.end()) {
    a.legal_basis.push_back(basis);
  }
}

AuthorityBand BandOf(SanctionLevel level, Punishment p) {
  switch (level) {
    case SanctionLevel::kRingan:
      return AuthorityBand::kRingan;
    case SanctionLevel::kSedang:
      return AuthorityBand::kSedang;
    case SanctionLevel::kBerat:
      return p == Punishment::kPdhtaps ? AuthorityBand::kPdhtaps : AuthorityBand::kBeratJabatan;
    default:
      return AuthorityBand::kUnspecified;
  }
}

}  // namespace

absl::StatusOr<RulesEngine> RulesEngine::Create(RuleBook book, LegalSettings settings) {
  RETURN_IF_ERROR(ValidateRuleBook(book));
  return RulesEngine(std::move(book), settings);
}

const LevelRule& RulesEngine::Level(SanctionLevel level) const {
  // ValidateRuleBook guarantees levels[0..2] are RINGAN, SEDANG, BERAT.
  return book_.levels[static_cast<int>(level) - 1];
}

bool RulesEngine::HasProvision(absl::string_view id) const {
  return std::any_of(book_.provisions.begin(), book_.provisions.end(), [&](const ProvisionRule& p) { return p.id == id; }) ||
         std::any_of(book_.neutrality_forms.begin(), book_.neutrality_forms.end(),
                     [&](const NeutralityForm& f) { return f.id == id; });
}

SanctionLevel RulesEngine::LevelOf(Punishment p) const {
  for (const LevelRule& l : book_.levels) {
    if (std::find(l.punishments.begin(), l.punishments.end(), p) != l.punishments.end()) return l.level;
  }
  return SanctionLevel::kUnspecified;
}

bool RulesEngine::Permits(const Assessment& assessment, Punishment p) {
  return std::any_of(assessment.options.begin(), assessment.options.end(),
                     [p](const SanctionOption& o) { return o.punishment == p; });
}

absl::StatusOr<Assessment> RulesEngine::Assess(const ViolationFacts& facts) const {
  if (facts.provision_id.empty()) {
    return InvalidField("provision_id", "is required", "Ketentuan yang dilanggar wajib diisi.");
  }
  if (facts.prior_punishment < Punishment::kUnspecified || facts.prior_punishment > kHeaviestPunishment) {
    return InvalidField("prior_punishment", "is not a punishment type");
  }
  if (absl::StartsWith(facts.provision_id, "SKB2022.")) {
    for (const NeutralityForm& f : book_.neutrality_forms) {
      if (f.id == facts.provision_id) return AssessNeutrality(facts, f);
    }
  }
  for (const ProvisionRule& p : book_.provisions) {
    if (p.id == facts.provision_id) return AssessProvision(facts, p);
  }
  if (facts.provision_id == "PP94.5.n") {
    // PP 94/2021 Pasal 5 huruf n: the level depends on the angka.
    return InvalidField("provision_id", "PP94.5.n needs its angka: PP94.5.n.1 to PP94.5.n.7",
                        "Sebutkan angka Pasal 5 huruf n yang dilanggar (PP94.5.n.1 s.d. PP94.5.n.7).");
  }
  return WithIndonesian(absl::NotFoundError(absl::StrCat("provision_id: unknown provision '",
                                                         Excerpt(facts.provision_id), "'")),
                        "Ketentuan tidak dikenal.");
}

absl::StatusOr<Assessment> RulesEngine::AssessNeutrality(const ViolationFacts& facts,
                                                         const NeutralityForm& form) const {
  const NeutralityOutcome* outcome = nullptr;
  switch (facts.candidate_status) {
    case CandidateStatus::kBakalCalon:
      outcome = &form.bakal_calon;
      break;
    case CandidateStatus::kCalon:
      outcome = &form.calon;
      break;
    default:
      // A form whose outcome is the same for a bakal calon and a calon (party
      // membership, SKB2022.9: dismissal under the ASN law whatever the
      // candidacy) needs no candidate status.
      if (form.bakal_calon.track == form.calon.track && form.bakal_calon.provision_id == form.calon.provision_id) {
        outcome = &form.calon;
        break;
      }
      return InvalidField("candidate_status", absl::StrCat("is required for ", form.id),
                          "Status calon (bakal calon atau calon) wajib diisi untuk pelanggaran netralitas.");
  }
  if (outcome->track != Track::kDiscipline) {
    Assessment a;
    a.track = outcome->track;
    a.rules_version = book_.version;
    AddBasis(a, form.article);
    AddBasis(a, outcome->basis);
    a.explanation = outcome->track == Track::kEthics
                        ? absl::StrCat(form.summary, ": pelanggaran kode etik, sanksi moral (PP 42/2004).")
                        : absl::StrCat(form.summary, ": diproses pemberhentian menurut undang-undang ASN.");
    return a;
  }
  const ProvisionRule* rule = nullptr;
  for (const ProvisionRule& p : book_.provisions) {
    if (p.id == outcome->provision_id) rule = &p;
  }
  // ValidateRuleBook guarantees the mapped provision exists.
  ViolationFacts mapped = facts;
  mapped.provision_id = outcome->provision_id;
  ASSIGN_OR_RETURN(Assessment a, AssessProvision(mapped, *rule));
  a.legal_basis.insert(a.legal_basis.begin(), {form.article, outcome->basis});
  a.explanation = absl::StrCat(form.summary, " → ", a.explanation);
  return a;
}

absl::StatusOr<Assessment> RulesEngine::AssessProvision(const ViolationFacts& facts,
                                                        const ProvisionRule& rule) const {
  Assessment a;
  a.track = Track::kDiscipline;
  a.resolved_provision_id = rule.id;
  a.rules_version = book_.version;
  AddBasis(a, rule.article);
  switch (rule.kind) {
    case ProvisionRule::Kind::kFixed:
      a.level = rule.fixed_level;
      AddBasis(a, rule.fixed_basis);
      break;
    case ProvisionRule::Kind::kByImpact: {
      if (facts.impact == Impact::kUnspecified) {
        return InvalidField("impact", absl::StrCat("is required for ", rule.id, ": its level depends on the impact"),
                            "Dampak pelanggaran (unit kerja, instansi, atau negara) wajib diisi.");
      }
      auto cell = std::find_if(rule.by_impact.begin(), rule.by_impact.end(),
                               [&](const ImpactCell& c) { return c.impact == facts.impact; });
      if (cell == rule.by_impact.end()) {
        return WithIndonesian(
            absl::FailedPreconditionError(absl::StrCat(rule.id, " carries no punishment at impact ",
                                                       Name(facts.impact), " (", rule.article, ")")),
            "Ketentuan ini tidak mengatur hukuman disiplin untuk dampak tersebut.");
      }
      a.level = cell->level;
      AddBasis(a, cell->basis);
      break;
    }
    case ProvisionRule::Kind::kByPosition: {
      if (facts.position_kind == PositionKind::kUnspecified) {
        return InvalidField("position_kind", absl::StrCat("is required for ", rule.id),
                            "Jenis jabatan wajib diisi untuk ketentuan ini.");
      }
      auto cell = std::find_if(rule.by_position.begin(), rule.by_position.end(), [&](const PositionCell& c) {
        return Matches(c.position_kinds, facts.position_kind);
      });
      if (cell == rule.by_position.end()) {
        return WithIndonesian(
            absl::FailedPreconditionError(absl::StrCat(rule.id, " carries no punishment for position ",
                                                       Name(facts.position_kind), " (", rule.article, ")")),
            "Ketentuan ini tidak mengatur hukuman disiplin untuk jenis jabatan tersebut.");
      }
      a.level = cell->level;
      AddBasis(a, cell->basis);
      break;
    }
    case ProvisionRule::Kind::kAttendance:
      RETURN_IF_ERROR(ApplyAttendance(facts, a));
      break;
  }
  ApplyRepeatOffence(facts.prior_punishment, a);
  AddBasis(a, Level(a.level).basis);
  FillOptionsAndProcedure(facts, a);
  a.explanation = absl::StrCat(rule.id, ": ", NamaIndonesia(a.level),
                               a.punishment != Punishment::kUnspecified
                                   ? absl::StrCat(", jenis ditetapkan: ", NamaIndonesia(a.punishment))
                                   : std::string(", jenis dipilih pejabat yang berwenang dalam tingkat ini"),
                               ".");
  return a;
}

absl::Status RulesEngine::ApplyAttendance(const ViolationFacts& facts, Assessment& a) const {
  // PP 94/2021 Pasal 4 huruf f with Pasal 9 ayat (2), Pasal 10 ayat (2),
  // Pasal 11 ayat (2) huruf d: cumulative days in the year fix the type; 10
  // consecutive days mean PDHTAPS.
  if (facts.absence_days < 0 || facts.absence_days > kMaxDaysInYear) {
    return InvalidField("absence_days", absl::StrCat("must be between 0 and ", kMaxDaysInYear));
  }
  if (facts.consecutive_absence_days < 0 || facts.consecutive_absence_days > kMaxDaysInYear) {
    return InvalidField("consecutive_absence_days", absl::StrCat("must be between 0 and ", kMaxDaysInYear));
  }
  if (facts.absence_days == 0 && facts.consecutive_absence_days == 0) {
    return InvalidField("absence_days", "is required for PP94.4.f (cumulative unexcused absent working days)",
                        "Jumlah hari tidak masuk kerja tanpa alasan yang sah wajib diisi.");
  }
  if (facts.absence_days > 0 && facts.consecutive_absence_days > facts.absence_days) {
    return InvalidField("consecutive_absence_days", "cannot exceed absence_days: consecutive days count in the year's total");
  }
  const ConsecutiveAbsenceRule& c = book_.consecutive_absence;
  if (facts.consecutive_absence_days >= c.days) {
    a.punishment = c.punishment;
    a.level = LevelOf(c.punishment);
    AddBasis(a, c.basis);
  }
  const int days = std::max(facts.absence_days, facts.consecutive_absence_days);
  for (const AttendanceBand& b : book_.attendance_bands) {
    if (days >= b.min_days && (b.max_days == 0 || days <= b.max_days)) {
      if (b.punishment > a.punishment) {
        a.punishment = b.punishment;
        a.level = LevelOf(b.punishment);
        a.legal_basis.erase(std::remove(a.legal_basis.begin(), a.legal_basis.end(), c.basis), a.legal_basis.end());
        AddBasis(a, b.basis);
      } else if (b.punishment == a.punishment) {
        AddBasis(a, b.basis);  // both rules reach the same type: cite both
      }
      return absl::OkStatus();
    }
  }
  if (a.punishment != Punishment::kUnspecified) return absl::OkStatus();
  return WithIndonesian(
      absl::FailedPreconditionError(absl::StrCat("PP94.4.f carries no punishment for ", days,
                                                 " absent working days: the first band starts at ",
                                                 book_.attendance_bands.front().min_days)),
      absl::StrCat("Tidak masuk kerja ", days, " hari kerja belum mencapai batas hukuman disiplin."));
}

void RulesEngine::ApplyRepeatOffence(Punishment prior, Assessment& a) const {
  // A repeat offence of the same nature is punished one type heavier than
  // the last punishment imposed, across level boundaries (PP 94/2021; see
  // rules table `repeat_offence_basis`).
  if (prior == Punishment::kUnspecified) return;
  const auto next = static_cast<Punishment>(
      std::min(static_cast<int>(prior) + 1, static_cast<int>(kHeaviestPunishment)));
  const LevelRule& level = Level(a.level);
  if (a.punishment == Punishment::kUnspecified) {
    // Within the level the official chooses; every option already heavier
    // than `next` needs no fixing.
    if (next < level.punishments.front()) return;
    a.punishment = next;
  } else if (next > a.punishment) {
    a.punishment = next;
  } else {
    return;
  }
  a.level = LevelOf(a.punishment);
  AddBasis(a, book_.repeat_offence_basis);
}

Remedy RulesEngine::RemedyFor(Punishment p, AuthorityRole authority) const {
  // PP 79/2021: banding administratif to BPASN against dismissal, keberatan
  // against the other punishments.
  if (authority == AuthorityRole::kPresiden) return settings_.remedy_against_president;
  if (p == Punishment::kPdhtaps) return Remedy::kBandingAdministratif;
  if (LevelOf(p) == SanctionLevel::kRingan) return settings_.remedy_against_ringan;
  return Remedy::kKeberatan;
}

SanctionOption RulesEngine::OptionFor(Punishment punishment, PositionKind kind, Environment env,
                                      bool employee_is_ppk) const {
  SanctionOption o;
  o.punishment = punishment;
  if (kind != PositionKind::kUnspecified && env != Environment::kUnspecified) {
    const AuthorityBand band = BandOf(LevelOf(punishment), punishment);
    for (const AuthorityRule& r : book_.authority) {
      if (r.employee_is_ppk && !employee_is_ppk) continue;
      if (Matches(r.position_kinds, kind) && Matches(r.environments, env) && Matches(r.bands, band)) {
        o.authority = r.role;
        o.authority_note = r.note;
        o.authority_basis = r.basis;
        o.proposed_by = r.proposed_by;
        break;
      }
    }
  } else {
    o.authority_note = "position_kind and environment are needed to name the authority";
  }
  o.remedy = RemedyFor(punishment, o.authority);
  return o;
}

void RulesEngine::FillOptionsAndProcedure(const ViolationFacts& facts, Assessment& a) const {
  const LevelRule& level = Level(a.level);
  std::vector<Punishment> choices;
  if (a.punishment != Punishment::kUnspecified) {
    choices.push_back(a.punishment);
  } else {
    choices = level.punishments;
  }
  for (Punishment p : choices) {
    a.options.push_back(OptionFor(p, facts.position_kind, facts.environment, facts.employee_is_ppk));
    AddBasis(a, a.options.back().authority_basis);
    const Remedy remedy = a.options.back().remedy;
    if (remedy == Remedy::kBandingAdministratif) AddBasis(a, book_.banding_basis);
    if (remedy == Remedy::kKeberatan) AddBasis(a, book_.keberatan_basis);
  }
  a.examination_team = level.examination_team;
  a.temporary_release_allowed = level.temporary_release_allowed;
  AddBasis(a, level.procedure_basis);
}

std::vector<ProvisionSummary> RulesEngine::ListProvisions() const {
  std::vector<ProvisionSummary> out;
  auto levels_of = [&](const ProvisionRule& p) {
    std::vector<SanctionLevel> levels;
    auto add = [&](SanctionLevel l) {
      if (std::find(levels.begin(), levels.end(), l) == levels.end()) levels.push_back(l);
    };
    switch (p.kind) {
      case ProvisionRule::Kind::kFixed:
        add(p.fixed_level);
        break;
      case ProvisionRule::Kind::kByImpact:
        for (const auto& c : p.by_impact) add(c.level);
        break;
      case ProvisionRule::Kind::kByPosition:
        for (const auto& c : p.by_position) add(c.level);
        break;
      case ProvisionRule::Kind::kAttendance:
        for (const auto& b : book_.attendance_bands) add(LevelOf(b.punishment));
        add(LevelOf(book_.consecutive_absence.punishment));
        break;
    }
    std::sort(levels.begin(), levels.end());
    return levels;
  };
  for (const ProvisionRule& p : book_.provisions) {
    out.push_back({p.id, p.summary, p.article, levels_of(p), false});
  }
  for (const NeutralityForm& f : book_.neutrality_forms) {
    ProvisionSummary s{f.id, f.summary, f.article, {}, true};
    for (const NeutralityOutcome* o : {&f.bakal_calon, &f.calon}) {
      if (o->track != Track::kDiscipline) continue;
      for (const ProvisionRule& p : book_.provisions) {
        if (p.id != o->provision_id) continue;
        for (SanctionLevel l : levels_of(p)) {
          if (std::find(s.levels.begin(), s.levels.end(), l) == s.levels.end()) s.levels.push_back(l);
        }
      }
    }
    std::sort(s.levels.begin(), s.levels.end());
    out.push_back(std::move(s));
  }
  return out;
}

absl::StatusOr<Assessment> HeaviestAssessment(const std::vector<Assessment>& assessments) {
  const Assessment* best = nullptr;
  for (const Assessment& a : assessments) {
    if (a.track != Track::kDiscipline) continue;
    if (best == nullptr || a.level > best->level ||
        (a.level == best->level && a.punishment > best->punishment)) {
      best = &a;
    }
  }
  if (best == nullptr) return absl::NotFoundError("no finding on the discipline track");
  return *best;
}

AuthorityRole NextHigherAuthority(AuthorityRole role) {
  switch (role) {
    case AuthorityRole::kPejabatFungsionalDitunjuk:
    case AuthorityRole::kPengawas:
      return AuthorityRole::kAdministrator;
    case AuthorityRole::kAdministrator:
      return AuthorityRole::kJptPratama;
    case AuthorityRole::kJptPratama:
      return AuthorityRole::kJptMadya;
    case AuthorityRole::kJptMadya:
    case AuthorityRole::kKepalaPerwakilan:
      return AuthorityRole::kPpk;
    case AuthorityRole::kPpk:
    case AuthorityRole::kPresiden:
      return AuthorityRole::kPresiden;
    default:
      return AuthorityRole::kUnspecified;
  }
}

}  // namespace discipline::domain
