#include "service/domain/violation_claim.h"

#include <algorithm>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "service/common/errors.h"
#include "service/domain/calendar.h"

namespace discipline::domain {

std::vector<ViolationKey> ViolationKeysOf(const Case& c) {
  std::vector<ViolationKey> out;
  for (const ViolationRecord& a : c.allegations) {
    if (!a.occurred_on.has_value() || a.provision_id.empty()) continue;
    out.push_back({c.employee.nip, a.provision_id, *a.occurred_on});
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool HoldsViolations(CaseState s) {
  // Reference §2.5a: no second punishment for one violation. Only the two
  // ends without a punishment release it.
  return s != CaseState::kDismissed && s != CaseState::kTerminated && s != CaseState::kUnspecified;
}

absl::Status ViolationAlreadyFiled(const ViolationKey& key, const std::string& case_id,
                                   const std::string& register_number) {
  absl::Status s = absl::AlreadyExistsError(
      absl::StrCat("allegations: the violation of ", key.provision_id, " on ", FormatIsoDate(key.occurred_on),
                   " by employee ", key.nip, " is already answered for by case ", case_id, " (", register_number,
                   "); one violation is punished once (PP 94/2021): add to that case instead of filing it again"));
  s = WithIndonesian(std::move(s),
                     absl::StrCat("Pelanggaran ini sudah ditangani dalam perkara ", register_number, " (", case_id,
                                  "). PNS tidak dapat dijatuhi hukuman disiplin dua kali untuk "
                                  "satu pelanggaran disiplin."));
  return WithResource(std::move(s), {"asn.discipline.v1.Case", case_id, register_number});
}

absl::Status ViolationAlreadyFiledElsewhere(const ViolationKey& key) {
  absl::Status s = absl::AlreadyExistsError(
      absl::StrCat("allegations: the violation of ", key.provision_id, " on ", FormatIsoDate(key.occurred_on),
                   " by employee ", key.nip, " is already answered for by a case of another agency; one violation ",
                   "is punished once (PP 94/2021)"));
  return WithIndonesian(std::move(s),
                        "Pelanggaran ini sudah ditangani dalam perkara di instansi lain. PNS tidak dapat dijatuhi "
                        "hukuman disiplin dua kali untuk satu pelanggaran disiplin.");
}

}  // namespace discipline::domain
