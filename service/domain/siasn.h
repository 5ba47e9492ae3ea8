#ifndef DISCIPLINE_SERVICE_DOMAIN_SIASN_H_
#define DISCIPLINE_SERVICE_DOMAIN_SIASN_H_

// A decided case as SIASN's hukdis record (PP 94/2021 Pasal 39: the
// punishment is recorded in the national personnel system). Field names are
// SIASN's; its code tables are data (SiasnCodes). Pure.

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "service/domain/case.h"
#include "service/domain/rules_engine.h"

namespace discipline::domain {

struct SiasnCode {
  std::string code;
  std::string source;
  bool unverified = false;
};

struct SiasnCodes {
  std::string version;
  std::string nomor_pp;
  // Per punishment: SIASN's jenis hukuman and the months it runs (0: none).
  std::map<Punishment, std::pair<SiasnCode, int>> punishments;
  // Per punishment: SIASN's jenis tingkat hukuman of that jenis hukuman;
  // where none is given, the level's (levels).
  std::map<Punishment, SiasnCode> punishment_levels;
  SiasnCode dismissal;
  SiasnCode dismissal_level;
  // Sanksi moral (PP 42/2004 Pasal 15 ayat (2)): jenis and tingkat hukuman.
  std::map<MoralSanction, std::pair<SiasnCode, SiasnCode>> moral_sanctions;
  // SIASN's "nomorPp" of a moral sanction (PP 42/2004).
  std::string moral_nomor_pp;
  std::map<SanctionLevel, SiasnCode> levels;
  // By provision id prefix; the longest matching prefix wins.
  std::vector<std::pair<std::string, SiasnCode>> reasons;
  SiasnCode kedudukan_hukum;
  std::map<std::string, std::string> ranks;  // "III/a" → golongan id
  // upload-dok-rw's id_ref_dokumen for the SK (882).
  SiasnCode sk_dokumen;
};

struct SiasnDocumentRef {
  std::string dok_id;
  std::string dok_nama;
  std::string dok_uri;
  bool operator==(const SiasnDocumentRef&) const = default;
};

// SIASN's hukdis/save payload; every value a string, dates DD-MM-YYYY.
struct SiasnHukdis {
  std::string pns_orang_id;
  std::string jenis_hukuman_id;
  std::string jenis_tingkat_hukuman_id;
  std::string alasan_hukuman_disiplin_id;
  std::string kedudukan_hukum_id;
  std::string hukuman_tanggal;
  std::string akhir_hukuman_tanggal;
  std::string masa_tahun;
  std::string masa_bulan;
  std::string sk_nomor;
  std::string sk_tanggal;
  std::string nomor_pp;
  std::string golongan_id;
  std::string golongan_lama;
  std::string sk_pembatalan_nomor;
  std::string sk_pembatalan_tanggal;
  std::string keterangan;
  // What upload-dok returned for documents uploaded without a record; the
  // SK goes by upload-dok-rw instead (sk_document_id), so this stays empty.
  std::vector<SiasnDocumentRef> path;
  // Not part of the payload: the signed SK to attach to the record
  // (upload-dok-rw, id_ref_dokumen sk_dokumen_ref).
  std::string sk_document_id;
  std::string sk_dokumen_ref;
  bool operator==(const SiasnHukdis&) const = default;
};

// "DD-MM-YYYY", SIASN's date format.
std::string SiasnDate(absl::CivilDay day);

// The last day a punishment of `months` starting on `start` is in force:
// the day before the same day `months` later (the month's last day when it
// has no such day).
absl::CivilDay LastDayInForce(absl::CivilDay start, int months);

// Whether a case has a record for SIASN now: a punishment, a dismissal or
// a moral sanction decided and delivered (later annulled or modified on a
// remedy too).
bool HasSiasnRecord(const Case& c);

// The record of `c`. FAILED_PRECONDITION naming why there is none: no
// punishment decided and delivered, no SIASN person id for the employee, or
// a code missing from the table. A moral sanction is SIASN's jenis hukuman
// 21/22. The SK is not linked (SIASN cannot reach the intranet): it is
// `sk_document_id`, attached by upload-dok-rw; `document_base_uri` is no
// longer used.
absl::StatusOr<SiasnHukdis> MapToSiasn(const Case& c, const RulesEngine& rules, const SiasnCodes& codes,
                                       absl::string_view document_base_uri);

}  // namespace discipline::domain

#endif  // DISCIPLINE_SERVICE_DOMAIN_SIASN_H_
