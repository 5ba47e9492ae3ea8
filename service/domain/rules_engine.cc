#include "service/domain/rules_engine.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "service/common/errors.h"
#include "service/common/status_macros.h"
#include "service/domain/calendar.h"

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
  return std::any_of(book_.provisions.begin(), book_.provisions.end(),
                     [&](const ProvisionRule& p) { return p.id == id; }) ||
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
  if (facts.prior_punishment < Punishment::kUnspecified || facts.prior_punishment > kLastPunishment) {
    return InvalidField("prior_punishment", "is not a punishment type");
  }
  if (facts.employee_type < EmployeeType::kUnspecified || facts.employee_type > EmployeeType::kPppk) {
    return InvalidField("employee_type", "is not an employee type");
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
  return WithIndonesian(
      absl::NotFoundError(absl::StrCat("provision_id: unknown provision '", Excerpt(facts.provision_id), "'")),
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

// One piece: a provision's rule read top to bottom as the rules table states
// it (the ethics track, a fixed level, a level by impact or by days), each
// branch adding the article of the table row it applies.
absl::StatusOr<Assessment> RulesEngine::AssessProvision(const ViolationFacts& facts, const ProvisionRule& rule) const {
  Assessment a;
  a.track = Track::kDiscipline;
  a.resolved_provision_id = rule.id;
  a.rules_version = book_.version;
  AddBasis(a, rule.article);
  if (rule.kind == ProvisionRule::Kind::kEthics) {
    // Law reference 2.5a (PP94.5.n.1): where no disciplinary level can be
    // cited, the finding takes the ethics track (PP 42/2004 Pasal 15).
    a.track = Track::kEthics;
    AddBasis(a, rule.ethics_basis);
    a.explanation = absl::StrCat(rule.id, ": ", rule.summary,
                                 ": tidak ada tingkat hukuman disiplin yang dapat dirujuk; pelanggaran kode etik, "
                                 "sanksi moral (PP 42/2004).");
    return a;
  }
  ASSIGN_OR_RETURN(const bool tukin, TukinInForce(facts.on_date));
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
        return WithIndonesian(absl::FailedPreconditionError(absl::StrCat(rule.id, " carries no punishment at impact ",
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
      auto cell = std::find_if(rule.by_position.begin(), rule.by_position.end(),
                               [&](const PositionCell& c) { return Matches(c.position_kinds, facts.position_kind); });
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
      RETURN_IF_ERROR(ApplyAttendance(facts, tukin, a));
      break;
    case ProvisionRule::Kind::kEthics:
      break;  // answered above
  }
  std::vector<Punishment> choices;
  bool recommended = false;
  if (rule.kind == ProvisionRule::Kind::kAttendance) {
    // Law reference 2.5a: attendance cases band by the cumulative days of
    // the year (PP 94/2021 Pasal 9-11 with Pasal 15 ayat (1)); the repeat
    // rule is not applied on top of the cumulative count.
    choices = {a.punishment};
  } else {
    choices = ApplyRepeatOffence(facts.prior_punishment, tukin, a);
    recommended = a.punishment != Punishment::kUnspecified;
  }
  RETURN_IF_ERROR(ApplyEmployeeType(facts, choices, a));
  AddBasis(a, Level(a.level).basis);
  if (!tukin && std::any_of(choices.begin(), choices.end(), [&](Punishment p) {
        return std::any_of(book_.sedang_substitutions.begin(), book_.sedang_substitutions.end(),
                           [p](const SedangSubstitution& s) { return s.substitute == p; });
      })) {
    AddBasis(a, book_.sedang_substitution_basis);
  }
  FillOptionsAndProcedure(facts, choices, a);
  std::string kind;
  if (a.punishment == Punishment::kUnspecified) {
    kind = ", jenis dipilih pejabat yang berwenang dalam tingkat ini";
  } else if (recommended) {
    kind = absl::StrCat(", pelanggaran berulang: jenis yang dianjurkan ", NamaIndonesia(a.punishment),
                        " (boleh jenis lain yang lebih berat dari hukuman disiplin terakhir)");
  } else {
    kind = absl::StrCat(", jenis ditetapkan: ", NamaIndonesia(a.punishment));
  }
  a.explanation = absl::StrCat(rule.id, ": ", NamaIndonesia(a.level), kind, ".");
  for (const std::string& c : a.consequences) absl::StrAppend(&a.explanation, " ", c);
  return a;
}

absl::StatusOr<bool> RulesEngine::TukinInForce(const std::optional<absl::CivilDay>& on) const {
  // PP 94/2021 Pasal 8 ayat (3) with ≈ Pasal 42 [unverified]: the tukin cut
  // waits for the regulation on PNS pay; until the table's date the sedang
  // types are its substitutes (KMK 5/KMK.01/2022).
  if (!book_.tukin_cut_from.has_value()) return false;
  if (!on.has_value()) {
    return InvalidField("on_date",
                        absl::StrCat("is required: the rules table imposes the tukin cut from ",
                                     FormatIsoDate(*book_.tukin_cut_from), " and its substitutes before"),
                        "Tanggal penilaian (tanggal keputusan) wajib diisi.");
  }
  return *on >= *book_.tukin_cut_from;
}

bool RulesEngine::Offered(Punishment p, bool tukin) const {
  for (const SedangSubstitution& s : book_.sedang_substitutions) {
    if (p == (tukin ? s.substitute : s.tukin_cut)) return false;
  }
  return true;
}

Punishment RulesEngine::AsImposed(Punishment p, bool tukin) const {
  for (const SedangSubstitution& s : book_.sedang_substitutions) {
    if (!tukin && p == s.tukin_cut) return s.substitute;
    if (tukin && p == s.substitute) return s.tukin_cut;
  }
  return p;
}

std::vector<Punishment> RulesEngine::OfferedOfLevel(SanctionLevel level, bool tukin) const {
  std::vector<Punishment> out;
  for (Punishment p : Level(level).punishments) {
    if (Offered(p, tukin)) out.push_back(p);
  }
  return out;
}

absl::Status RulesEngine::CheckInForce(Punishment p, absl::CivilDay on) const {
  ASSIGN_OR_RETURN(const bool tukin, TukinInForce(on));
  if (Offered(p, tukin)) return absl::OkStatus();
  return WithIndonesian(
      absl::FailedPreconditionError(
          absl::StrCat(Name(p), " is not imposed on ", FormatIsoDate(on), ": ", Name(AsImposed(p, tukin)),
                       " applies instead (PP 94/2021 Pasal 8 ayat (3); KMK 5/KMK.01/2022); recommend again")),
      absl::StrCat("Jenis hukuman ", NamaIndonesia(p), " tidak berlaku pada tanggal tersebut; gunakan ",
                   NamaIndonesia(AsImposed(p, tukin)), "."));
}

absl::Status RulesEngine::ApplyEmployeeType(const ViolationFacts& facts, std::vector<Punishment>& choices,
                                            Assessment& a) const {
  for (const EmployeeTypeRule& r : book_.employee_types) {
    if (r.employee_type != facts.employee_type) continue;
    // Law reference 2.5a: a punishment that acts on a PNS post or rank is
    // never issued to a PPPK (PP 49/2018 Pasal 53).
    std::vector<Punishment> kept;
    for (Punishment p : choices) {
      if (std::find(r.excluded.begin(), r.excluded.end(), p) == r.excluded.end()) kept.push_back(p);
    }
    if (kept.empty()) {
      return WithIndonesian(
          absl::FailedPreconditionError(absl::StrCat(NamaIndonesia(a.level), " for employee type ",
                                                     facts.employee_type == EmployeeType::kPppk ? "PPPK" : "CPNS",
                                                     ": no punishment type of the API applies (", r.basis,
                                                     "): ", r.gap)),
          absl::StrCat("Tidak ada jenis ", NamaIndonesia(a.level), " yang dapat dijatuhkan oleh layanan ini kepada ",
                       facts.employee_type == EmployeeType::kPppk ? "PPPK" : "CPNS", ": ", r.gap));
    }
    if (kept.size() != choices.size()) AddBasis(a, r.basis);
    if (a.punishment != Punishment::kUnspecified && std::find(kept.begin(), kept.end(), a.punishment) == kept.end()) {
      a.punishment = kept.front();  // the lightest permitted one
      a.level = LevelOf(a.punishment);
    }
    choices = std::move(kept);
    // The consequence follows the level of the type the official may impose.
    for (Punishment p : choices) {
      const SanctionLevel l = LevelOf(p);
      if (std::find(r.consequence_levels.begin(), r.consequence_levels.end(), l) != r.consequence_levels.end()) {
        if (std::find(a.consequences.begin(), a.consequences.end(), r.consequence) == a.consequences.end()) {
          a.consequences.push_back(r.consequence);
          AddBasis(a, r.basis);
        }
      }
    }
  }
  return absl::OkStatus();
}

absl::Status RulesEngine::ApplyAttendance(const ViolationFacts& facts, bool tukin, Assessment& a) const {
  // PP 94/2021 Pasal 4 huruf f with Pasal 9 ayat (2), Pasal 10 ayat (2),
  // Pasal 11 ayat (2) huruf d: cumulative days in the year fix the type; 10
  // consecutive days mean PDHTAPS. A sedang band's tukin cut is imposed as
  // its substitute until the table's date (law reference 2.5a: 11-13 days →
  // KGB deferral, 14-16 → rank-promotion deferral, 17-20 → rank demotion).
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
    return InvalidField("consecutive_absence_days",
                        "cannot exceed absence_days: consecutive days count in the year's total");
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
      const Punishment band = AsImposed(b.punishment, tukin);
      if (Heavier(band, a.punishment)) {
        a.punishment = band;
        a.level = LevelOf(band);
        a.legal_basis.erase(std::remove(a.legal_basis.begin(), a.legal_basis.end(), c.basis), a.legal_basis.end());
        AddBasis(a, b.basis);
      } else if (band == a.punishment) {
        AddBasis(a, b.basis);  // both rules reach the same type: cite both
      }
      return absl::OkStatus();
    }
  }
  if (a.punishment != Punishment::kUnspecified) return absl::OkStatus();
  return WithIndonesian(absl::FailedPreconditionError(absl::StrCat("PP94.4.f carries no punishment for ", days,
                                                                   " absent working days: the first band starts at ",
                                                                   book_.attendance_bands.front().min_days)),
                        absl::StrCat("Tidak masuk kerja ", days, " hari kerja belum mencapai batas hukuman disiplin."));
}

std::vector<Punishment> RulesEngine::ApplyRepeatOffence(Punishment prior, bool tukin, Assessment& a) const {
  std::vector<Punishment> level = OfferedOfLevel(a.level, tukin);
  if (a.punishment != Punishment::kUnspecified) return {a.punishment};
  // Law reference 2.5a, correcting "the next type": a PNS punished before
  // who commits a violation of the same nature is given a type heavier than
  // the last punishment imposed ("jenis Hukuman Disiplin yang lebih berat
  // dari Hukuman Disiplin terakhir"); any heavier type, across level
  // boundaries. Where every type of the violation's own level is heavier
  // already, the rule adds nothing.
  if (prior == Punishment::kUnspecified ||
      std::all_of(level.begin(), level.end(), [&](Punishment p) { return Heavier(p, prior); })) {
    return level;
  }
  std::vector<Punishment> heavier;
  for (int l = static_cast<int>(a.level); l <= static_cast<int>(SanctionLevel::kBerat); ++l) {
    for (Punishment p : OfferedOfLevel(static_cast<SanctionLevel>(l), tukin)) {
      if (Heavier(p, prior)) heavier.push_back(p);
    }
  }
  std::stable_sort(heavier.begin(), heavier.end(), [](Punishment x, Punishment y) { return Heavier(y, x); });
  if (heavier.empty()) heavier.push_back(Punishment::kPdhtaps);  // nothing is heavier than the heaviest
  // The next heavier type is recommended; the official may impose any.
  a.punishment = heavier.front();
  a.level = LevelOf(a.punishment);
  AddBasis(a, book_.repeat_offence_basis);
  return heavier;
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

void RulesEngine::FillOptionsAndProcedure(const ViolationFacts& facts, const std::vector<Punishment>& choices,
                                          Assessment& a) const {
  const LevelRule& level = Level(a.level);
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
      case ProvisionRule::Kind::kEthics:
        break;  // no disciplinary level
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
        (a.level == best->level && Heavier(a.punishment, best->punishment))) {
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
