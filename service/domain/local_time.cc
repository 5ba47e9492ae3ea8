#include "service/domain/local_time.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace discipline::domain {

absl::StatusOr<AgencyZone> ParseAgencyZone(absl::string_view raw) {
  const std::string name = absl::AsciiStrToLower(absl::StripAsciiWhitespace(raw));
  constexpr int kHour = 3600;
  if (name.empty() || name == "wib" || name == "asia/jakarta" || name == "asia/pontianak") {
    return AgencyZone{"WIB", absl::FixedTimeZone(7 * kHour)};
  }
  if (name == "wita" || name == "asia/makassar" || name == "asia/ujung_pandang") {
    return AgencyZone{"WITA", absl::FixedTimeZone(8 * kHour)};
  }
  if (name == "wit" || name == "asia/jayapura") return AgencyZone{"WIT", absl::FixedTimeZone(9 * kHour)};
  return absl::FailedPreconditionError(
      absl::StrCat("personnel data: time zone '", raw.substr(0, 40),
                   "' is not an Indonesian zone (WIB Asia/Jakarta, WITA Asia/Makassar, WIT Asia/Jayapura)"));
}

absl::CivilDay LocalDay(absl::Time t, const AgencyZone& zone) { return absl::ToCivilDay(t, zone.zone); }

}  // namespace discipline::domain
