#ifndef DISCIPLINE_SERVICE_DOMAIN_NIP_H_
#define DISCIPLINE_SERVICE_DOMAIN_NIP_H_

// NIP (Nomor Induk Pegawai), 18 digits "YYYYMMDD YYYYMM G NNN" (BKN Head
// Regulation 22/2007): birth date, CPNS start year-month, sex, sequence.

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace discipline::domain {

// Removes spaces and checks the NIP. PPPK numbers carry "21" where the month
// of appointment would be; that is accepted. Errors: INVALID_ARGUMENT naming
// `field` and the rule that failed.
absl::StatusOr<std::string> NormalizeNip(absl::string_view input, absl::string_view field);

}  // namespace discipline::domain

#endif  // DISCIPLINE_SERVICE_DOMAIN_NIP_H_
