#include "service/domain/related_case.h"

#include "absl/strings/str_cat.h"
#include "service/common/errors.h"

namespace discipline::domain {

absl::string_view Name(CaseRelation r) {
  switch (r) {
    case CaseRelation::kSuperiorLiability:
      return "CASE_RELATION_SUPERIOR_LIABILITY";
    case CaseRelation::kUnspecified:
      break;
  }
  return "CASE_RELATION_UNSPECIFIED";
}

absl::Status CheckRelation(bool has_related_case, CaseRelation relation) {
  if (!has_related_case && relation != CaseRelation::kUnspecified) {
    return InvalidField("related_case_id", "is required with relation",
                        "Perkara terkait wajib diisi bila hubungan perkara diisi.");
  }
  if (has_related_case && relation != CaseRelation::kSuperiorLiability) {
    return InvalidField("relation", "is required with related_case_id (CASE_RELATION_SUPERIOR_LIABILITY)",
                        "Hubungan dengan perkara terkait wajib diisi.");
  }
  return absl::OkStatus();
}

absl::Status CheckRelatedCase(const Case& related, const std::string& agency_code, const std::string& employee_nip) {
  if (related.agency_code != agency_code) {
    return InvalidField("related_case_id",
                        absl::StrCat("case ", related.case_id, " is of another agency than ", agency_code),
                        "Perkara terkait berasal dari instansi lain.");
  }
  // PP 94/2021 Pasal 28: the superior's liability is the superior's own
  // case, not a second case of the offender (one violation, one punishment).
  if (related.employee.nip == employee_nip) {
    return InvalidField("related_case_id",
                        absl::StrCat("case ", related.case_id,
                                     " is of the same employee; the superior's liability (PP 94/2021 Pasal 28) is "
                                     "filed against the superior"),
                        "Tanggung jawab atasan (PP 94/2021 Pasal 28) diajukan terhadap atasan, bukan pegawai yang "
                        "sama.");
  }
  return absl::OkStatus();
}

Case RecordRelatedFiling(Case related, const std::string& filed_case_id, CaseRelation relation, absl::Time at) {
  related.related_by.push_back({filed_case_id, relation});
  related.version += 1;
  related.updated_at = at;
  return related;
}

}  // namespace discipline::domain
