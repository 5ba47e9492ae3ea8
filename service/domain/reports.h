#ifndef DISCIPLINE_SERVICE_DOMAIN_REPORTS_H_
#define DISCIPLINE_SERVICE_DOMAIN_REPORTS_H_

// The supervisors' reports, built from counts the store groups: whether
// PPKs follow Bawaslu/BKN recommendations through, and whether agencies
// impose the same punishment for the same provision. Pure.

#include <cstdint>
#include <string>
#include <vector>

#include "service/domain/case.h"

namespace discipline::domain {

// Cases filed on a recommendation, grouped by agency, follow-up state,
// whether the due day has passed (as of the report's day), whether a done
// follow-up was done on or before the due day, and the alleged aspects.
struct FollowUpTally {
  std::string agency_code;
  FollowUpState state = FollowUpState::kUnspecified;
  bool past_due = false;
  bool in_time = false;
  int aspects = 0;  // bit (1 << NeutralityAspect) per aspect
  int64_t count = 0;
};

struct FollowThroughRow {
  std::string agency_code;  // empty for the total
  int64_t received = 0;
  int64_t decided_in_time = 0;
  int64_t decided_late = 0;
  int64_t open = 0;
  int64_t overdue = 0;
  int64_t blocking_requested = 0;
  double follow_through_rate = 0;  // decided / received
};

struct AspectTally {
  NeutralityAspect aspect = NeutralityAspect::kUnspecified;
  int64_t cases = 0;
  int64_t decided = 0;
};

struct FollowThroughReport {
  std::vector<FollowThroughRow> rows;  // by agency code
  FollowThroughRow total;
  std::vector<AspectTally> aspects;  // the three aspects, in enum order
};

FollowThroughReport BuildFollowThrough(const std::vector<FollowUpTally>& tallies);

// Punishments in force, grouped by the PP 94 provision they were imposed
// for, the agency and the punishment.
struct PunishmentTally {
  std::string provision_id;
  std::string agency_code;
  Punishment punishment = Punishment::kUnspecified;
  int64_t count = 0;
};

struct Departure {
  std::string agency_code;
  Punishment usual = Punishment::kUnspecified;
  int64_t usual_count = 0;
  int64_t cases = 0;
  std::string explanation;  // Bahasa Indonesia
};

struct ProvisionPattern {
  std::string provision_id;
  int64_t cases = 0;
  std::vector<std::pair<Punishment, int64_t>> national;  // heaviest first
  Punishment national_usual = Punishment::kUnspecified;
  std::vector<Departure> departures;  // by agency code
};

struct ConsistencyRow {
  PunishmentTally tally;
  bool departs = false;
};

// Decisions that rejected the recommendation although findings were proven
// (reference §2.5a, the superior's liability ≈ PP 94/2021 Pasal 24), by
// agency.
struct ProvenRejectionTally {
  std::string agency_code;
  int64_t count = 0;
};

struct ConsistencyReport {
  std::vector<ConsistencyRow> rows;  // by provision, agency, punishment
  std::vector<ProvisionPattern> provisions;
  int min_cases = 0;
  // Rejections of proven findings in the period, by agency code (filled by
  // the use case, not by BuildConsistency).
  std::vector<ProvenRejectionTally> proven_rejections;
};

// The national pattern of a provision is its most frequent punishment (on
// a tie, the lighter). An agency departs from it when it has at least
// `min_cases` cases of the provision and its own most frequent punishment
// (same tie rule) is another one. `national` holds every agency's tallies;
// `only_agency`, when set, keeps that agency's rows and departures only.
ConsistencyReport BuildConsistency(const std::vector<PunishmentTally>& national, int min_cases,
                                   const std::string& only_agency = {});

}  // namespace discipline::domain

#endif  // DISCIPLINE_SERVICE_DOMAIN_REPORTS_H_
