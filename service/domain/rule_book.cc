#include "service/domain/rule_book.h"

#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "service/common/status_macros.h"

namespace discipline::domain {
namespace {

template <typename T>
bool Matches(const std::vector<T>& list, T v) {
  return list.empty() || std::find(list.begin(), list.end(), v) != list.end();
}

absl::Status Fail(absl::string_view what) { return absl::FailedPreconditionError(absl::StrCat("rules table: ", what)); }

// Whether `p` is imposed in the regime of the tukin cut (true) or of its
// substitutes (false).
bool OfferedIn(const RuleBook& book, Punishment p, bool tukin) {
  for (const SedangSubstitution& s : book.sedang_substitutions) {
    if (p == (tukin ? s.substitute : s.tukin_cut)) return false;
  }
  return true;
}

absl::Status ValidateLevels(const RuleBook& book) {
  // PP 94/2021 Pasal 8: the three levels partition the punishments, each
  // level lightest first, every type of a level lighter than every type of
  // the next (Severity(); the substitutes rank with their tukin cuts).
  if (book.levels.size() != 3) return Fail("expected exactly 3 levels (Pasal 8 ayat (1))");
  std::set<Punishment> seen;
  int heaviest_below = 0;
  for (int i = 0; i < 3; ++i) {
    const LevelRule& l = book.levels[i];
    if (static_cast<int>(l.level) != i + 1) return Fail("levels must be listed RINGAN, SEDANG, BERAT");
    if (l.punishments.empty()) return Fail(absl::StrCat("level ", Name(l.level), " has no punishment"));
    int heaviest = 0;
    for (Punishment p : l.punishments) {
      if (Severity(p) == 0) return Fail(absl::StrCat("level ", Name(l.level), " lists an unknown punishment"));
      if (!seen.insert(p).second) return Fail(absl::StrCat(Name(p), " is listed twice"));
      if (Severity(p) <= heaviest_below) {
        return Fail(absl::StrCat("level ", Name(l.level), " lists ", Name(p), " out of the order of severity"));
      }
      heaviest = std::max(heaviest, Severity(p));
    }
    // Lightest first among the types offered together (the tukin cuts, or
    // their substitutes).
    for (bool tukin : {false, true}) {
      int last = 0;
      for (Punishment p : l.punishments) {
        if (!OfferedIn(book, p, tukin)) continue;
        if (Severity(p) <= last) {
          return Fail(absl::StrCat("level ", Name(l.level), " lists ", Name(p), " out of the order of severity"));
        }
        last = Severity(p);
      }
    }
    heaviest_below = heaviest;
    if (l.basis.empty() || l.procedure_basis.empty()) {
      return Fail(absl::StrCat("level ", Name(l.level), " has no basis"));
    }
    if (l.examination_team == ExaminationTeam::kUnspecified) {
      return Fail(absl::StrCat("level ", Name(l.level), " has no examination team rule"));
    }
  }
  if (seen.size() != static_cast<size_t>(kPunishmentCount)) return Fail("levels do not cover every punishment");
  return absl::OkStatus();
}

absl::Status ValidateSubstitutions(const RuleBook& book) {
  // KMK 5/KMK.01/2022: each substitute replaces a tukin cut of the same rank
  // within the sedang level.
  auto in_sedang = [&](Punishment p) {
    const auto& s = book.levels[1].punishments;
    return std::find(s.begin(), s.end(), p) != s.end();
  };
  std::set<Punishment> seen;
  for (const SedangSubstitution& s : book.sedang_substitutions) {
    if (!in_sedang(s.tukin_cut) || !in_sedang(s.substitute) || s.tukin_cut == s.substitute) {
      return Fail("a sedang substitution must pair two different sedang types");
    }
    if (Severity(s.tukin_cut) != Severity(s.substitute)) {
      return Fail(absl::StrCat(Name(s.substitute), " does not rank with ", Name(s.tukin_cut)));
    }
    if (!seen.insert(s.tukin_cut).second || !seen.insert(s.substitute).second) {
      return Fail(absl::StrCat("a sedang substitution repeats ", Name(s.tukin_cut)));
    }
  }
  if (!book.sedang_substitutions.empty() && book.sedang_substitution_basis.empty()) {
    return Fail("the sedang substitution has no basis");
  }
  for (const EmployeeTypeRule& r : book.employee_types) {
    if (r.employee_type == EmployeeType::kUnspecified || r.basis.empty()) {
      return Fail("an employee type rule has no type or basis");
    }
    if (!r.consequence_levels.empty() && r.consequence.empty()) {
      return Fail("an employee type rule names levels without a consequence");
    }
  }
  return absl::OkStatus();
}

absl::Status ValidateProvision(const ProvisionRule& p, bool* uses_attendance) {
  if (p.article.empty() || p.summary.empty()) return Fail(absl::StrCat(p.id, " has no article or summary"));
  switch (p.kind) {
    case ProvisionRule::Kind::kByImpact: {
      std::set<Impact> seen;
      for (const ImpactCell& c : p.by_impact) {
        if (c.impact == Impact::kUnspecified || c.level == SanctionLevel::kUnspecified || c.basis.empty()) {
          return Fail(absl::StrCat(p.id, " has an incomplete impact cell"));
        }
        if (!seen.insert(c.impact).second) return Fail(absl::StrCat(p.id, " lists impact ", Name(c.impact), " twice"));
      }
      if (seen.empty()) return Fail(absl::StrCat(p.id, " has no impact cell"));
      break;
    }
    case ProvisionRule::Kind::kFixed:
      if (p.fixed_level == SanctionLevel::kUnspecified || p.fixed_basis.empty()) {
        return Fail(absl::StrCat(p.id, " has no fixed level or basis"));
      }
      break;
    case ProvisionRule::Kind::kByPosition: {
      std::set<PositionKind> seen;
      for (const PositionCell& c : p.by_position) {
        if (c.level == SanctionLevel::kUnspecified || c.basis.empty() || c.position_kinds.empty()) {
          return Fail(absl::StrCat(p.id, " has an incomplete position cell"));
        }
        for (PositionKind k : c.position_kinds) {
          if (!seen.insert(k).second) return Fail(absl::StrCat(p.id, " lists position ", Name(k), " twice"));
        }
      }
      break;
    }
    case ProvisionRule::Kind::kAttendance:
      *uses_attendance = true;
      break;
    case ProvisionRule::Kind::kEthics:
      if (p.ethics_basis.empty()) return Fail(absl::StrCat(p.id, " goes to the ethics track without a basis"));
      break;
  }
  return absl::OkStatus();
}

absl::Status ValidateAttendance(const RuleBook& book) {
  // PP 94/2021 Pasal 9-11: the day ranges follow each other without a gap or
  // an overlap, and the last one has no upper bound.
  const auto& bands = book.attendance_bands;
  if (bands.empty()) return Fail("attendance bands are missing");
  for (size_t i = 0; i < bands.size(); ++i) {
    const AttendanceBand& b = bands[i];
    if (b.punishment == Punishment::kUnspecified || b.basis.empty()) {
      return Fail(absl::StrCat("attendance band from ", b.min_days, " days is incomplete"));
    }
    if (b.min_days < 1) return Fail("attendance bands start at 1 day or later");
    const bool last = i + 1 == bands.size();
    if (last != (b.max_days == 0)) {
      return Fail(absl::StrCat("only the last attendance band is open-ended (band from ", b.min_days, ")"));
    }
    if (!last && b.max_days < b.min_days) {
      return Fail(absl::StrCat("attendance band ", b.min_days, "-", b.max_days, " is empty"));
    }
    if (i > 0 && b.min_days != bands[i - 1].max_days + 1) {
      return Fail(absl::StrCat("attendance bands ", bands[i - 1].min_days, "-", bands[i - 1].max_days, " and from ",
                               b.min_days, (b.min_days <= bands[i - 1].max_days ? " overlap" : " leave a gap")));
    }
    if (i > 0 && Heavier(bands[i - 1].punishment, b.punishment)) {
      return Fail("attendance punishments must not get lighter");
    }
  }
  const ConsecutiveAbsenceRule& c = book.consecutive_absence;
  if (c.days <= 0 || c.punishment == Punishment::kUnspecified || c.basis.empty()) {
    return Fail("the consecutive absence rule is incomplete");
  }
  return absl::OkStatus();
}

absl::Status ValidateAuthority(const RuleBook& book) {
  // Every position kind in every environment has an official for every band.
  for (int k = 1; k <= kPositionKindCount; ++k) {
    for (int e = 1; e <= kEnvironmentCount; ++e) {
      for (int b = 1; b <= 4; ++b) {
        const auto kind = static_cast<PositionKind>(k);
        const auto env = static_cast<Environment>(e);
        const auto band = static_cast<AuthorityBand>(b);
        const bool found = std::any_of(book.authority.begin(), book.authority.end(), [&](const AuthorityRule& r) {
          return !r.employee_is_ppk && Matches(r.position_kinds, kind) && Matches(r.environments, env) &&
                 Matches(r.bands, band);
        });
        if (!found) {
          return Fail(absl::StrCat("no authority for ", Name(kind), " in ", Name(env), " band ", b));
        }
      }
    }
  }
  for (const AuthorityRule& r : book.authority) {
    if (r.role == AuthorityRole::kUnspecified || r.basis.empty()) return Fail("an authority row has no role or basis");
  }
  return absl::OkStatus();
}

absl::Status ValidateNeutrality(const RuleBook& book, const std::set<std::string>& ids) {
  if (book.neutrality_forms.size() != 13) return Fail("the 2022 joint decree lists 13 neutrality forms");
  for (size_t i = 0; i < book.neutrality_forms.size(); ++i) {
    const NeutralityForm& f = book.neutrality_forms[i];
    if (f.id != absl::StrCat("SKB2022.", i + 1)) return Fail(absl::StrCat("neutrality form ", i + 1, " has id ", f.id));
    for (const NeutralityOutcome* o : {&f.bakal_calon, &f.calon}) {
      if (o->track == Track::kUnspecified || o->basis.empty())
        return Fail(absl::StrCat(f.id, " has an incomplete outcome"));
      if (o->track == Track::kDiscipline && !ids.contains(o->provision_id)) {
        return Fail(absl::StrCat(f.id, " maps to unknown provision '", o->provision_id, "'"));
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace

std::vector<std::string> RequiredProvisionIds() {
  std::vector<std::string> ids;
  for (char c = 'a'; c <= 'h'; ++c) ids.push_back(absl::StrCat("PP94.3.", std::string(1, c)));
  for (char c = 'a'; c <= 'i'; ++c) ids.push_back(absl::StrCat("PP94.4.", std::string(1, c)));
  for (char c = 'a'; c <= 'm'; ++c) ids.push_back(absl::StrCat("PP94.5.", std::string(1, c)));
  for (int n = 1; n <= 7; ++n) ids.push_back(absl::StrCat("PP94.5.n.", n));
  return ids;
}

absl::Status ValidateRuleBook(const RuleBook& book) {
  if (book.version.empty()) return Fail("version is empty");
  RETURN_IF_ERROR(ValidateLevels(book));
  RETURN_IF_ERROR(ValidateSubstitutions(book));
  std::set<std::string> ids;
  bool uses_attendance = false;
  for (const ProvisionRule& p : book.provisions) {
    if (!ids.insert(p.id).second) return Fail(absl::StrCat("provision ", p.id, " is listed twice"));
    RETURN_IF_ERROR(ValidateProvision(p, &uses_attendance));
  }
  std::vector<std::string> missing;
  for (const std::string& id : RequiredProvisionIds()) {
    if (!ids.contains(id)) missing.push_back(id);
  }
  if (!missing.empty()) return Fail(absl::StrCat("provisions missing: ", absl::StrJoin(missing, ", ")));
  if (uses_attendance) RETURN_IF_ERROR(ValidateAttendance(book));
  RETURN_IF_ERROR(ValidateAuthority(book));
  RETURN_IF_ERROR(ValidateNeutrality(book, ids));
  if (book.repeat_offence_basis.empty() || book.banding_basis.empty() || book.keberatan_basis.empty()) {
    return Fail("repeat offence or remedy basis is missing");
  }
  return absl::OkStatus();
}

}  // namespace discipline::domain
