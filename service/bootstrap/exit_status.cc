#include "service/bootstrap/exit_status.h"

#include <string>

#include "absl/strings/cord.h"
#include "absl/strings/numbers.h"

namespace discipline::bootstrap {
namespace {
constexpr char kPayload[] = "type.asn-discipline/exit_status";
}  // namespace

absl::Status Refuse(ExitStatus exit_status, absl::Status status) {
  status.SetPayload(kPayload, absl::Cord(std::to_string(static_cast<int>(exit_status))));
  return status;
}

int ExitStatusOf(const absl::Status& status) {
  int code = static_cast<int>(ExitStatus::kConfig);
  if (auto payload = status.GetPayload(kPayload); payload.has_value()) {
    (void)absl::SimpleAtoi(std::string(*payload), &code);
  }
  return code;
}

}  // namespace discipline::bootstrap
