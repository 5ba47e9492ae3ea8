#ifndef DISCIPLINE_SERVICE_PORTS_PERSONNEL_DIRECTORY_H_
#define DISCIPLINE_SERVICE_PORTS_PERSONNEL_DIRECTORY_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "service/domain/case.h"
#include "service/domain/personnel.h"

namespace discipline::ports {

// The agency's personnel data (SIMPEG), read-only.
//
// Thread safety: implementations are safe to call from many threads.
// Errors, for every method:
//   INVALID_ARGUMENT     a malformed NIP (normalised first: spaces removed)
//   NOT_FOUND            no employee or agency with that key
//   FAILED_PRECONDITION  bad personnel data: an ambiguous NIP (two rows), a
//                        cycle in the superior chain, a position kind or
//                        environment the mapping cannot classify
//   UNAVAILABLE          the personnel database cannot be reached in time
class PersonnelDirectory {
 public:
  virtual ~PersonnelDirectory() = default;

  virtual absl::StatusOr<domain::EmployeeSnapshot> GetEmployee(const std::string& nip) = 0;

  // The superiors of `nip`, nearest first, up to the top of the agency or
  // `max_depth` entries.
  virtual absl::StatusOr<std::vector<domain::EmployeeSnapshot>> SuperiorChain(const std::string& nip,
                                                                              int max_depth = 16) = 0;

  virtual absl::StatusOr<domain::Agency> GetAgency(const std::string& agency_code) = 0;

  // The employee's riwayat hukuman disiplin as the source keeps it, read as
  // prior punishments for the repeat-offence rule (api.md, "Priors are also
  // read from the personnel source's history when its mapping names one");
  // empty when the source keeps none.
  virtual absl::StatusOr<std::vector<domain::PriorPunishment>> PriorPunishments(const std::string& nip) {
    (void)nip;
    return std::vector<domain::PriorPunishment>{};
  }
};

}  // namespace discipline::ports

#endif  // DISCIPLINE_SERVICE_PORTS_PERSONNEL_DIRECTORY_H_
