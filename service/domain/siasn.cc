#include "service/domain/siasn.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "service/domain/calendar.h"

namespace discipline::domain {
namespace {

absl::Status NoRecord(absl::string_view why) {
  return absl::FailedPreconditionError(absl::StrCat("no SIASN record: ", why));
}

}  // namespace

std::string SiasnDate(absl::CivilDay day) {
  return absl::StrFormat("%02d-%02d-%04d", day.day(), day.month(), day.year());
}

absl::CivilDay LastDayInForce(absl::CivilDay start, int months) {
  const absl::CivilMonth m = absl::CivilMonth(start) + months;
  const absl::CivilDay first(m);
  const int days_in_month = static_cast<int>(absl::CivilDay(m + 1) - first);
  const absl::CivilDay same_day = first + (std::min(start.day(), days_in_month) - 1);
  return same_day - 1;
}

bool HasSiasnRecord(const Case& c) {
  if (!c.decision.has_value() || c.decision->outcome == DecisionOutcome::kReject || !c.delivered_on.has_value()) {
    return false;
  }
  return c.decision->punishment != Punishment::kUnspecified || c.decision->dismissal ||
         c.decision->moral_sanction != MoralSanction::kUnspecified;
}

absl::StatusOr<SiasnHukdis> MapToSiasn(const Case& c, const RulesEngine& rules, const SiasnCodes& codes,
                                       absl::string_view /*document_base_uri*/) {
  if (!c.decision.has_value() || c.decision->outcome == DecisionOutcome::kReject) {
    return NoRecord("no punishment was decided");
  }
  const Decision& d = *c.decision;
  const bool moral = d.punishment == Punishment::kUnspecified && !d.dismissal;
  if (moral && d.moral_sanction == MoralSanction::kUnspecified) return NoRecord("no punishment was decided");
  if (!c.delivered_on.has_value()) {
    return NoRecord("the decision is not delivered yet: the record starts on the day the punishment takes effect");
  }
  if (c.employee.siasn_id.empty()) {
    return NoRecord(
        absl::StrCat("the employee ", c.employee.nip, " has no SIASN person id (pnsOrangId) in the personnel data"));
  }
  const bool annulled = c.remedy_decision.has_value() && c.remedy_decision->outcome == RemedyOutcome::kAnnulled;
  const bool modified = c.remedy_decision.has_value() && c.remedy_decision->outcome == RemedyOutcome::kModified;
  // The punishment in force (after a modifying remedy); an annulled one is
  // recorded as imposed, with the annulment.
  const Punishment p = modified ? c.remedy_decision->punishment : d.punishment;
  SiasnHukdis h;
  h.pns_orang_id = c.employee.siasn_id;
  int months = 0;
  std::string provision;
  if (d.dismissal) {
    if (codes.dismissal.code.empty()) return NoRecord("the code table has no dismissal code");
    h.jenis_hukuman_id = codes.dismissal.code;
    h.jenis_tingkat_hukuman_id = codes.dismissal_level.code;
    provision = "UU20.2023";
  } else if (moral) {
    // PP 42/2004 Pasal 15 ayat (2): a moral sanction, open or closed; SIASN
    // records it as a jenis hukuman of its own (21/22).
    auto it = codes.moral_sanctions.find(d.moral_sanction);
    if (it == codes.moral_sanctions.end() || it->second.first.code.empty()) {
      return NoRecord(absl::StrCat("the code table has no jenis hukuman for the moral sanction ",
                                   static_cast<int>(d.moral_sanction)));
    }
    h.jenis_hukuman_id = it->second.first.code;
    h.jenis_tingkat_hukuman_id = it->second.second.code;
    provision = "SKB2022";
  } else {
    auto it = codes.punishments.find(p);
    if (it == codes.punishments.end()) {
      return NoRecord(absl::StrCat("the code table has no jenis hukuman for ", Name(p)));
    }
    h.jenis_hukuman_id = it->second.first.code;
    months = it->second.second;
    // SIASN's tingkat belongs to its jenis hukuman; else PP 94/2021 Pasal 8
    // ayat (1) by the rules.
    if (auto own = codes.punishment_levels.find(p); own != codes.punishment_levels.end() && !own->second.code.empty()) {
      h.jenis_tingkat_hukuman_id = own->second.code;
    } else {
      auto level = codes.levels.find(rules.LevelOf(p));
      if (level == codes.levels.end()) return NoRecord(absl::StrCat("the code table has no level for ", Name(p)));
      h.jenis_tingkat_hukuman_id = level->second.code;
    }
    if (c.recommendation.has_value()) provision = c.recommendation->assessment.resolved_provision_id;
  }
  size_t best = 0;
  for (const auto& [prefix, code] : codes.reasons) {
    if (absl::StartsWith(provision, prefix) && prefix.size() > best) {
      best = prefix.size();
      h.alasan_hukuman_disiplin_id = code.code;
    }
  }
  if (best == 0) return NoRecord(absl::StrCat("the code table has no reason for provision '", provision, "'"));
  h.kedudukan_hukum_id = codes.kedudukan_hukum.code;
  // From the day it takes effect (Peraturan BKN 6/2022 Pasal 50); where
  // a remedy decided it, from the remedy decision (DecideRemedy).
  const absl::CivilDay start = c.effective_on.value_or(d.decided_on);
  h.hukuman_tanggal = SiasnDate(start);
  if (months > 0) h.akhir_hukuman_tanggal = SiasnDate(LastDayInForce(start, months));
  h.masa_tahun = absl::StrCat(months / 12);
  h.masa_bulan = absl::StrCat(months % 12);
  h.sk_nomor = d.decision_number;
  h.sk_tanggal = SiasnDate(d.decided_on);
  // A moral sanction is imposed under PP 42/2004, not PP 94/2021.
  h.nomor_pp = moral && !codes.moral_nomor_pp.empty() ? codes.moral_nomor_pp : codes.nomor_pp;
  if (auto rank = codes.ranks.find(c.employee.rank); rank != codes.ranks.end()) {
    h.golongan_id = rank->second;
    h.golongan_lama = rank->second;
    if (p == Punishment::kPenurunanPangkat1Tahun && !annulled) {
      // KMK 5/KMK.01/2022: penurunan pangkat setingkat lebih rendah: SIASN's
      // golonganId is the rank served, golonganLama the one before
      // (siasn-reference, save payload). Golongan ids sort by rank.
      std::string lower;
      for (const auto& [name, id] : codes.ranks) {
        if (id < rank->second && id > lower) lower = id;
      }
      if (lower.empty()) {
        return NoRecord(absl::StrCat("rank ", c.employee.rank, " has no lower rank for penurunan pangkat"));
      }
      h.golongan_id = lower;
    }
  }
  if (annulled) {
    h.sk_pembatalan_nomor = c.remedy_decision->decision_number;
    h.sk_pembatalan_tanggal = SiasnDate(c.remedy_decision->decided_on);
  }
  h.keterangan = absl::StrCat("Perkara ", c.register_number, " (", c.agency_code, ")");
  if (modified) {
    absl::StrAppend(&h.keterangan, "; diubah dengan keputusan ", c.remedy_decision->decision_number, " tanggal ",
                    SiasnDate(c.remedy_decision->decided_on));
  }
  // The signed SK goes to the record by upload-dok-rw (SIASN's dokumen
  // 882), not as a link SIASN cannot follow.
  h.sk_document_id = d.document_id;
  h.sk_dokumen_ref = codes.sk_dokumen.code;
  return h;
}

}  // namespace discipline::domain
