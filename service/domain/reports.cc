#include "service/domain/reports.h"

#include <algorithm>
#include <map>

#include "absl/strings/str_cat.h"

namespace discipline::domain {
namespace {

constexpr NeutralityAspect kAspects[] = {NeutralityAspect::kPolitik, NeutralityAspect::kPelayananPublik,
                                         NeutralityAspect::kPengambilanKeputusan};

void Add(FollowThroughRow& row, const FollowUpTally& t) {
  row.received += t.count;
  if (t.state == FollowUpState::kDone) {
    (t.in_time ? row.decided_in_time : row.decided_late) += t.count;
    return;
  }
  row.open += t.count;
  if (t.past_due) row.overdue += t.count;
  if (t.state == FollowUpState::kBlockingRequested) row.blocking_requested += t.count;
}

void Rate(FollowThroughRow& row) {
  row.follow_through_rate =
      row.received == 0 ? 0 : static_cast<double>(row.decided_in_time + row.decided_late) / row.received;
}

// The most frequent punishment; on a tie the lighter one.
template <typename Counts>
std::pair<Punishment, int64_t> Usual(const Counts& counts) {
  std::pair<Punishment, int64_t> best{Punishment::kUnspecified, 0};
  for (const auto& [p, n] : counts) {
    // Lighter by Severity(): the substitutes of KMK 5/KMK.01/2022 have
    // larger numbers than the berat types.
    if (n > best.second || (n == best.second && best.first != Punishment::kUnspecified && Heavier(best.first, p))) {
      best = {p, n};
    }
  }
  return best;
}

}  // namespace

FollowThroughReport BuildFollowThrough(const std::vector<FollowUpTally>& tallies) {
  FollowThroughReport r;
  std::map<std::string, FollowThroughRow> by_agency;
  for (const FollowUpTally& t : tallies) {
    FollowThroughRow& row = by_agency[t.agency_code];
    row.agency_code = t.agency_code;
    Add(row, t);
    Add(r.total, t);
  }
  for (auto& [code, row] : by_agency) {
    Rate(row);
    r.rows.push_back(row);
  }
  Rate(r.total);
  for (NeutralityAspect a : kAspects) {
    AspectTally at{a, 0, 0};
    for (const FollowUpTally& t : tallies) {
      if ((t.aspects & (1 << static_cast<int>(a))) == 0) continue;
      at.cases += t.count;
      if (t.state == FollowUpState::kDone) at.decided += t.count;
    }
    r.aspects.push_back(at);
  }
  return r;
}

ConsistencyReport BuildConsistency(const std::vector<PunishmentTally>& national, int min_cases,
                                   const std::string& only_agency) {
  ConsistencyReport r;
  r.min_cases = min_cases;
  // provision → agency → punishment → count
  std::map<std::string, std::map<std::string, std::map<Punishment, int64_t>>> grid;
  for (const PunishmentTally& t : national) grid[t.provision_id][t.agency_code][t.punishment] += t.count;
  for (const auto& [provision, agencies] : grid) {
    ProvisionPattern p;
    p.provision_id = provision;
    std::map<Punishment, int64_t> totals;
    for (const auto& [agency, counts] : agencies) {
      for (const auto& [punishment, n] : counts) {
        totals[punishment] += n;
        p.cases += n;
      }
    }
    for (auto it = totals.rbegin(); it != totals.rend(); ++it) p.national.push_back(*it);
    // Heaviest first by Severity(), not by number.
    std::stable_sort(p.national.begin(), p.national.end(),
                     [](const auto& a, const auto& b) { return Heavier(a.first, b.first); });
    p.national_usual = Usual(totals).first;
    for (const auto& [agency, counts] : agencies) {
      if (!only_agency.empty() && agency != only_agency) continue;
      int64_t cases = 0;
      for (const auto& [punishment, n] : counts) cases += n;
      const auto [usual, usual_count] = Usual(counts);
      const bool departs = cases >= min_cases && usual != p.national_usual;
      if (departs) {
        p.departures.push_back(
            {agency, usual, usual_count, cases,
             absl::StrCat("Umumnya menjatuhkan ", NamaIndonesia(usual), " (", usual_count, " dari ", cases,
                          " perkara), sedangkan pola nasional ", NamaIndonesia(p.national_usual), ".")});
      }
      for (const auto& [punishment, n] : counts) r.rows.push_back({{provision, agency, punishment, n}, departs});
    }
    r.provisions.push_back(std::move(p));
  }
  return r;
}

}  // namespace discipline::domain
