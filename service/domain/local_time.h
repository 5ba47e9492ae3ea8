#ifndef DISCIPLINE_SERVICE_DOMAIN_LOCAL_TIME_H_
#define DISCIPLINE_SERVICE_DOMAIN_LOCAL_TIME_H_

// The agency's own day. Indonesia keeps three zones with fixed offsets and
// no daylight saving: WIB (UTC+7), WITA (UTC+8), WIT (UTC+9). An agency's
// zone comes from SIMPEG as an IANA name (Asia/Jakarta, Asia/Pontianak,
// Asia/Makassar, Asia/Jayapura) or as the abbreviation; "today" for the
// dates the law counts is the agency's local day. Pure: no tz database is
// read, the offsets are the law's (Keppres 41/1987 on the three zones).

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace discipline::domain {

struct AgencyZone {
  std::string name;  // "WIB", "WITA" or "WIT"
  absl::TimeZone zone;
};

// Empty means WIB (Asia/Jakarta), the service's default. FAILED_PRECONDITION
// for a name that is not an Indonesian zone (bad personnel data).
absl::StatusOr<AgencyZone> ParseAgencyZone(absl::string_view name);

// The calendar day of `t` in `zone`.
absl::CivilDay LocalDay(absl::Time t, const AgencyZone& zone);

}  // namespace discipline::domain

#endif  // DISCIPLINE_SERVICE_DOMAIN_LOCAL_TIME_H_
