#include "service/domain/discipline_status.h"

#include <algorithm>
#include <array>

#include "service/domain/law_types.h"
#include "service/domain/siasn.h"
#include "service/domain/violation_claim.h"

namespace discipline::domain {
namespace {

// The day a punishment counts from: its effective date, or for one recorded
// elsewhere without one, its decision.
std::optional<absl::CivilDay> StartOf(const PunishmentTerm& t) {
  return t.effective_on.has_value() ? t.effective_on : t.decided_on;
}

std::optional<absl::CivilDay> LatestEnd(const std::vector<PunishmentTerm>& terms) {
  std::optional<absl::CivilDay> end;
  for (const PunishmentTerm& t : terms) {
    if (t.ends_on.has_value() && (!end.has_value() || *t.ends_on > *end)) end = t.ends_on;
  }
  return end;
}

void AddIds(const std::vector<PunishmentTerm>& terms, std::vector<std::string>& ids) {
  for (const PunishmentTerm& t : terms) {
    if (!t.case_id.empty() && std::find(ids.begin(), ids.end(), t.case_id) == ids.end()) ids.push_back(t.case_id);
  }
}

// What the cases say on the day, before the restrictions are drawn.
struct Facts {
  std::vector<std::string> examined;  // cases not decided by on_date
  std::vector<std::string> banding;   // dismissals under banding administratif
  std::vector<PunishmentTerm> terms;  // punishments in effect, or decided
};

Facts Gather(absl::CivilDay on_date, const std::vector<Case>& cases, const RulesEngine& rules) {
  Facts f;
  for (const Case& c : cases) {
    // A dismissed or terminated case imposed nothing (reference §2.5a).
    if (c.received_on > on_date || !HoldsViolations(c.state)) continue;
    if (!c.decision.has_value() || c.decision->decided_on > on_date) {
      f.examined.push_back(c.case_id);
      continue;
    }
    if (c.state == CaseState::kUnderRemedy) {
      // PP 79/2021: the remedy suspends the punishment until it is decided
      // (reference §2.5a). PP 11/2017 Pasal 238 ayat (3): no resignation
      // while a dismissal is under banding.
      if (c.remedy == Remedy::kBandingAdministratif && c.remedy_filed_on.has_value() && *c.remedy_filed_on <= on_date) {
        f.banding.push_back(c.case_id);
      }
      continue;
    }
    const std::optional<Punishment> p = EffectivePunishment(c);
    if (!p.has_value() || !c.effective_on.has_value()) continue;
    f.terms.push_back({c.case_id, *p, rules.LevelOf(*p), c.decision->decision_number, c.decision->decided_on,
                       c.effective_on, EndsOn(*p, c.effective_on)});
  }
  return f;
}

}  // namespace

absl::string_view Name(Restriction r) {
  static constexpr std::array<absl::string_view, 5> k = {"UNSPECIFIED", "NO_RESIGNATION", "NO_KGB", "NO_PROMOTION",
                                                         "NO_TRANSFER"};
  const auto i = static_cast<size_t>(r);
  return i < k.size() ? k[i] : absl::string_view("INVALID");
}

std::optional<absl::CivilDay> EndsOn(Punishment p, std::optional<absl::CivilDay> effective_on) {
  // PP 94/2021 Pasal 8 ayat (3) and ayat (4) huruf a-b: the period runs from
  // the effective date; its last day is the day before the same day
  // `months` later.
  const int months = PunishmentDurationMonths(p);
  if (months <= 0 || !effective_on.has_value()) return std::nullopt;
  return LastDayInForce(*effective_on, months);
}

std::optional<absl::CivilDay> EndsOn(const Case& c) {
  const std::optional<Punishment> p = EffectivePunishment(c);
  if (!p.has_value()) return std::nullopt;
  return EndsOn(*p, c.effective_on);
}

DisciplineStatus ComputeDisciplineStatus(const std::string& nip, absl::CivilDay on_date, const std::vector<Case>& cases,
                                         const std::vector<PunishmentTerm>& recorded_elsewhere,
                                         const RulesEngine& rules) {
  DisciplineStatus s;
  s.nip = nip;
  s.on_date = on_date;
  for (const Case& c : cases) {
    if (c.received_on <= on_date && !IsFinal(c.state)) s.open_case_ids.push_back(c.case_id);
  }
  Facts f = Gather(on_date, cases, rules);
  for (PunishmentTerm t : recorded_elsewhere) {
    if (t.level == SanctionLevel::kUnspecified) t.level = rules.LevelOf(t.punishment);
    if (!t.ends_on.has_value()) t.ends_on = EndsOn(t.punishment, StartOf(t));
    f.terms.push_back(std::move(t));
  }
  s.under_examination = !f.examined.empty();
  for (const PunishmentTerm& t : f.terms) {
    const std::optional<absl::CivilDay> start = StartOf(t);
    if (!start.has_value() || *start > on_date) continue;  // not yet in effect
    if (!s.last_punishment.has_value() || *start > *StartOf(*s.last_punishment) ||
        (*start == *StartOf(*s.last_punishment) && t.case_id > s.last_punishment->case_id)) {
      s.last_punishment = t;
    }
    if (t.ends_on.has_value() && on_date <= *t.ends_on) s.serving.push_back(t);
  }
  std::stable_sort(s.serving.begin(), s.serving.end(),
                   [](const PunishmentTerm& a, const PunishmentTerm& b) { return *a.ends_on < *b.ends_on; });

  // Under examination, under banding, or serving: no resignation (PP
  // 11/2017 Pasal 238 ayat (3) as amended by PP 17/2020) and, where
  // configured, no transfer (Peraturan BKN 5/2019).
  const bool in_process = s.under_examination || !f.banding.empty();
  if (in_process || !s.serving.empty()) {
    RestrictionEntry e{Restriction::kNoResignation, std::string(kResignationBasis), f.examined, std::nullopt};
    e.case_ids.insert(e.case_ids.end(), f.banding.begin(), f.banding.end());
    AddIds(s.serving, e.case_ids);
    if (!in_process) e.until = LatestEnd(s.serving);
    s.restrictions.push_back(e);
  }
  // Peraturan BKN 6/2022 (≈ Pasal 55, unverified): no KGB and no promotion
  // while serving a sedang or berat punishment.
  std::vector<PunishmentTerm> heavy;
  for (const PunishmentTerm& t : s.serving) {
    if (t.level == SanctionLevel::kSedang || t.level == SanctionLevel::kBerat) heavy.push_back(t);
  }
  if (!heavy.empty()) {
    for (Restriction r : {Restriction::kNoKgb, Restriction::kNoPromotion}) {
      RestrictionEntry e{r, std::string(kKgbPromotionBasis), {}, LatestEnd(heavy)};
      AddIds(heavy, e.case_ids);
      s.restrictions.push_back(e);
    }
  }
  const LegalSettings& law = rules.settings();
  if (law.restrict_transfer && (in_process || !s.serving.empty())) {
    RestrictionEntry e = s.restrictions.front();  // the resignation's causes
    e.restriction = Restriction::kNoTransfer;
    e.legal_basis = law.transfer_restriction_basis;
    s.restrictions.push_back(e);
  }
  return s;
}

}  // namespace discipline::domain
