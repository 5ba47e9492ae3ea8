#ifndef DISCIPLINE_SERVICE_COMMON_STATUS_MACROS_H_
#define DISCIPLINE_SERVICE_COMMON_STATUS_MACROS_H_

// Debian 12's Abseil (20220623) has no status macros; these two are the
// project's own, with the usual meaning.

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define DISCIPLINE_CONCAT_INNER_(a, b) a##b
#define DISCIPLINE_CONCAT_(a, b) DISCIPLINE_CONCAT_INNER_(a, b)

// Returns from the enclosing function when `expr` is not OK.
#define RETURN_IF_ERROR(expr)                           \
  do {                                                  \
    if (absl::Status status_ = (expr); !status_.ok()) { \
      return status_;                                   \
    }                                                   \
  } while (false)

// `ASSIGN_OR_RETURN(auto x, F());` — declares/assigns the value of a
// StatusOr, or returns its status from the enclosing function.
#define ASSIGN_OR_RETURN(lhs, expr) ASSIGN_OR_RETURN_IMPL_(DISCIPLINE_CONCAT_(statusor_, __LINE__), lhs, expr)
#define ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr)   \
  auto tmp = (expr);                             \
  if (!tmp.ok()) return std::move(tmp).status(); \
  lhs = std::move(tmp).value()

#endif  // DISCIPLINE_SERVICE_COMMON_STATUS_MACROS_H_
