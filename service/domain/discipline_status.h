#ifndef DISCIPLINE_SERVICE_DOMAIN_DISCIPLINE_STATUS_H_
#define DISCIPLINE_SERVICE_DOMAIN_DISCIPLINE_STATUS_H_

// The employee's discipline status on a day, for HR systems (api.md,
// GetDisciplineStatus): whether a case is open, which punishments are being
// served until when, and what is therefore refused (resignation, the periodic
// pay step, promotion, transfer), each with its legal basis. Agencies issue
// the *surat keterangan tidak sedang dalam proses pemeriksaan / tidak sedang
// menjalani hukuman disiplin* from exactly this (reference §2.5a).
//
// Pure: the employee's cases (with their decisions, deliveries and remedies)
// and the punishments recorded outside this service come in as values.

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "service/domain/case.h"
#include "service/domain/rules_engine.h"

namespace discipline::domain {

// Same numbers as asn.discipline.v1.Restriction.
enum class Restriction { kUnspecified = 0, kNoResignation = 1, kNoKgb = 2, kNoPromotion = 3, kNoTransfer = 4 };
absl::string_view Name(Restriction r);  // "NO_RESIGNATION", ...

// PP 11/2017 Pasal 238 ayat (3), as amended by PP 17/2020: a request to
// resign is refused while the PNS is under examination for a violation, is
// appealing a dismissal (banding), or is serving a punishment.
inline constexpr absl::string_view kResignationBasis =
    "PP 11/2017 Pasal 238 ayat (3) sebagaimana diubah dengan PP 17/2020";
// Peraturan BKN 6/2022 (article from agency summaries, unverified): no
// periodic pay step and no rank promotion while a sedang or berat punishment
// is being served.
inline constexpr absl::string_view kKgbPromotionBasis = "Peraturan BKN 6/2022 Pasal 55 [unverified]";

// The last day a punishment with a period is in force: effective_on + its
// months (PunishmentDurationMonths, PP 94/2021 Pasal 8) − 1 day; nullopt for
// one without a period or not yet in effect.
std::optional<absl::CivilDay> EndsOn(Punishment p, std::optional<absl::CivilDay> effective_on);
// The same for a case: its punishment in force (EffectivePunishment) from its
// effective date.
std::optional<absl::CivilDay> EndsOn(const Case& c);

// One punishment with its period.
struct PunishmentTerm {
  // The case it was imposed in; empty for one recorded outside this service.
  std::string case_id;
  Punishment punishment = Punishment::kUnspecified;
  SanctionLevel level = SanctionLevel::kUnspecified;
  std::string decision_number;
  std::optional<absl::CivilDay> decided_on;
  std::optional<absl::CivilDay> effective_on;
  std::optional<absl::CivilDay> ends_on;  // set for a punishment with a period
  bool operator==(const PunishmentTerm&) const = default;
};

struct RestrictionEntry {
  Restriction restriction = Restriction::kUnspecified;
  std::string legal_basis;
  // The cases it comes from (empty for a punishment recorded elsewhere).
  std::vector<std::string> case_ids;
  // The last day it lasts when only punishments being served cause it; unset
  // while a case is open (it lasts until that case is decided).
  std::optional<absl::CivilDay> until;
  bool operator==(const RestrictionEntry&) const = default;
};

struct DisciplineStatus {
  std::string nip;
  absl::CivilDay on_date;
  // A case received on or before on_date that was not decided by then (and
  // did not end without a punishment).
  bool under_examination = false;
  // The cases not yet final (RECEIVED to UNDER_REMEDY), received by on_date.
  std::vector<std::string> open_case_ids;
  // Punishments with a period in force on on_date, earliest end first.
  std::vector<PunishmentTerm> serving;
  // The punishment that last took effect on or before on_date (any level).
  std::optional<PunishmentTerm> last_punishment;
  // In enum order, each once.
  std::vector<RestrictionEntry> restrictions;
};

// The status of employee `nip` on `on_date` from the employee's cases (any
// agency, any state) and `recorded_elsewhere`: punishments imposed before
// the service was installed or by another agency (SIMPEG's or SIASN's
// riwayat hukuman disiplin, or entered by hand with the SK), whose ends_on
// is computed when missing. `rules` gives each punishment's level and the
// configured transfer rule (LegalSettings).
//
// A punishment counts from its effective date (delivery + 15 working days,
// or the remedy decision), not while a remedy against it is pending (the
// remedy suspends it, reference §2.5a).
DisciplineStatus ComputeDisciplineStatus(const std::string& nip, absl::CivilDay on_date, const std::vector<Case>& cases,
                                         const std::vector<PunishmentTerm>& recorded_elsewhere,
                                         const RulesEngine& rules);

}  // namespace discipline::domain

#endif  // DISCIPLINE_SERVICE_DOMAIN_DISCIPLINE_STATUS_H_
