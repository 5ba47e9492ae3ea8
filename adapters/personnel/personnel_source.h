#ifndef DISCIPLINE_ADAPTERS_PERSONNEL_PERSONNEL_SOURCE_H_
#define DISCIPLINE_ADAPTERS_PERSONNEL_PERSONNEL_SOURCE_H_

// The personnel source a server config names in `personnel { ... }`: a SIMPEG
// database (MariaDB or PostgreSQL) with its mapping, a REST SIMPEG, or SIASN
// with the tokens of the `siasn { ... }` connection.

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "asn/discipline/config/v1/personnel.pb.h"
#include "asn/discipline/config/v1/siasn.pb.h"
#include "service/domain/siasn.h"
#include "service/ports/clock.h"
#include "service/ports/personnel_directory.h"

namespace discipline::personnel {

// `codes` (SIASN's code table) must outlive the directory. INVALID_ARGUMENT
// naming a missing setting; NOT_FOUND for an unreadable secret file.
absl::StatusOr<std::unique_ptr<ports::PersonnelDirectory>> MakePersonnelSource(
    const ::asn::discipline::config::v1::PersonnelSource& source,
    const ::asn::discipline::config::v1::SiasnConnection& siasn, const domain::SiasnCodes* codes,
    const ports::Clock& clock);

// For the start-up log: the kind of source and where it is (no secret).
std::string DescribePersonnelSource(const ::asn::discipline::config::v1::PersonnelSource& source);

}  // namespace discipline::personnel

#endif  // DISCIPLINE_ADAPTERS_PERSONNEL_PERSONNEL_SOURCE_H_
