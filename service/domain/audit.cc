#include "service/domain/audit.h"

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"

namespace discipline::domain {
namespace {

void Field(std::string& out, absl::string_view value) { absl::StrAppend(&out, value.size(), ":", value); }

}  // namespace

std::string CanonicalEventBytes(const AuditEvent& e) {
  std::string out;
  Field(out, e.case_id);
  Field(out, absl::StrCat(e.sequence));
  Field(out, absl::FormatTime("%Y-%m-%dT%H:%M:%E6SZ", e.occurred_at, absl::UTCTimeZone()));
  Field(out, e.actor);
  Field(out, e.action);
  Field(out, absl::StrCat(static_cast<int>(e.from_state)));
  Field(out, absl::StrCat(static_cast<int>(e.to_state)));
  Field(out, e.payload_json);
  return out;
}

}  // namespace discipline::domain
