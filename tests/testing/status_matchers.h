#ifndef DISCIPLINE_TESTS_TESTING_STATUS_MATCHERS_H_
#define DISCIPLINE_TESTS_TESTING_STATUS_MATCHERS_H_

// StatusIs(code) for absl::Status and absl::StatusOr<T>, which Debian 12's
// Abseil does not ship.

#include <ostream>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gmock/gmock.h"

namespace discipline::testing {

inline const absl::Status& GetStatus(const absl::Status& s) { return s; }
template <typename T>
const absl::Status& GetStatus(const absl::StatusOr<T>& s) {
  return s.status();
}

MATCHER_P(StatusIs, code, "") {
  const absl::Status& s = GetStatus(arg);
  if (s.code() == code) return true;
  *result_listener << "status is " << s;
  return false;
}

MATCHER_P2(StatusIs, code, message_matcher, "") {
  const absl::Status& s = GetStatus(arg);
  if (s.code() != code) {
    *result_listener << "status is " << s;
    return false;
  }
  return ::testing::ExplainMatchResult(message_matcher, std::string(s.message()), result_listener);
}

// An OK StatusOr whose value matches `value_matcher`.
MATCHER_P(IsOkAndHolds, value_matcher, "") {
  if (!arg.ok()) {
    *result_listener << "status is " << arg.status();
    return false;
  }
  return ::testing::ExplainMatchResult(value_matcher, *arg, result_listener);
}

#define ASSERT_OK(expr)                                                                                             \
  do {                                                                                                              \
    const auto& assert_ok_ = (expr);                                                                                \
    ASSERT_TRUE(::discipline::testing::GetStatus(assert_ok_).ok()) << ::discipline::testing::GetStatus(assert_ok_); \
  } while (false)

}  // namespace discipline::testing

#endif  // DISCIPLINE_TESTS_TESTING_STATUS_MATCHERS_H_
