#ifndef DISCIPLINE_SERVICE_DOMAIN_VIOLATION_CLAIM_H_
#define DISCIPLINE_SERVICE_DOMAIN_VIOLATION_CLAIM_H_

// One violation, one punishment: "PNS tidak dapat dijatuhi Hukuman Disiplin
// 2 (dua) kali atau lebih untuk 1 (satu) Pelanggaran Disiplin" (PP 94/2021,
// reference §2.5a). A violation is the employee, the provision and the day it
// occurred on; a case claims the violations it alleges while it is open or
// decided, and a second filing of a claimed violation is refused, naming the
// case that answers for it. The store keeps the claims under a unique key, so
// that of two simultaneous filings exactly one wins.

#include <string>
#include <tuple>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "service/domain/case.h"

namespace discipline::domain {

struct ViolationKey {
  std::string nip;
  std::string provision_id;
  absl::CivilDay occurred_on;
  bool operator==(const ViolationKey&) const = default;
  bool operator<(const ViolationKey& o) const {
    return std::tie(nip, provision_id, occurred_on) < std::tie(o.nip, o.provision_id, o.occurred_on);
  }
};

// The violations a case answers for: each allegation with an occurred_on,
// once each, in key order. An allegation without a date names no single
// violation and claims nothing.
std::vector<ViolationKey> ViolationKeysOf(const Case& c);

// Whether a case in state `s` holds its violations: while it is open (it may
// still end in a punishment) or decided (it did). A DISMISSED case (not proven,
// or the official rejected the findings) and a TERMINATED one (the employee
// died or left service before the decision) imposed no punishment, so the
// violation may be filed again, e.g. on new evidence. A CLOSED case holds its
// violations even when a remedy annulled the punishment: the violation was
// judged.
bool HoldsViolations(CaseState s);

// ALREADY_EXISTS naming the case (its id and register number) that answers
// for `key`, with the case as the status's resource (errors.h).
absl::Status ViolationAlreadyFiled(const ViolationKey& key, const std::string& case_id,
                                   const std::string& register_number);
// The same, where the case that holds the violation belongs to another
// agency (the employee's former one): neither its id nor its number is named.
absl::Status ViolationAlreadyFiledElsewhere(const ViolationKey& key);

}  // namespace discipline::domain

#endif  // DISCIPLINE_SERVICE_DOMAIN_VIOLATION_CLAIM_H_
