#ifndef DISCIPLINE_SERVICE_DOMAIN_RELATED_CASE_H_
#define DISCIPLINE_SERVICE_DOMAIN_RELATED_CASE_H_

// A case filed against an earlier case (FileCase's related_case_id): PP
// 94/2021 Pasal 28, the superior's liability. The direct superior who knew of
// a violation and did not summon, examine or report it is himself examined and
// punished, more heavily than the offender should have been; his case names
// the offender's case, and the offender's case lists it.

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "service/domain/case.h"

namespace discipline::domain {

// The relation's API name ("CASE_RELATION_SUPERIOR_LIABILITY"), for the
// audit event.
absl::string_view Name(CaseRelation r);

// The relation given with a filing: INVALID_ARGUMENT naming the field when
// related_case_id comes without a relation, or a relation without it.
absl::Status CheckRelation(bool has_related_case, CaseRelation relation);

// Whether a new case of `employee_nip` in `agency_code` may be filed against
// `related`: INVALID_ARGUMENT "related_case_id" when it is of another agency,
// or of the same employee (the superior's liability is another person's
// case: PP 94/2021 Pasal 28).
absl::Status CheckRelatedCase(const Case& related, const std::string& agency_code, const std::string& employee_nip);

// `related` with the new case `filed_case_id` recorded in related_by: its
// next version, changed at `at`.
Case RecordRelatedFiling(Case related, const std::string& filed_case_id, CaseRelation relation, absl::Time at);

}  // namespace discipline::domain

#endif  // DISCIPLINE_SERVICE_DOMAIN_RELATED_CASE_H_
