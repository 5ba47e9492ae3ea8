#ifndef DISCIPLINE_ADAPTERS_MARIADB_ROW_H_
#define DISCIPLINE_ADAPTERS_MARIADB_ROW_H_

// The one row codec of the MariaDB store: checked reads of a result row's
// columns, and the parameters bound to a statement. A column that does not
// hold what its reader expects (a NULL where a value must be, text that is
// not a number, a date or a time) is DATA_LOSS naming the statement's
// table and the column, never a silent zero. Layouts: docs/storage.md.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "adapters/mariadb/connection.h"

namespace discipline::mariadb {

// The parameters of a prepared statement, in placeholder order (nullopt
// binds NULL).
using Params = std::vector<std::optional<std::string>>;

// An integer parameter.
inline std::string IntParam(int64_t v) { return absl::StrCat(v); }

// An enum value bound as a parameter: its number comes from the C++ enum,
// never spelled in the statement text.
template <typename E>
std::string EnumParam(E e) {
  static_assert(std::is_enum_v<E>, "EnumParam takes an enum");
  return absl::StrCat(static_cast<int64_t>(e));
}

// A TIMESTAMP(6)/DATETIME(6) parameter, UTC.
std::string TimeParam(absl::Time t);
// A DATE parameter, "YYYY-MM-DD".
std::string DayParam(absl::CivilDay d);
std::optional<std::string> DayParam(const std::optional<absl::CivilDay>& d);

// Reads the columns of one result row. `source` names what the row came
// from (a table) for the error text. Holds a reference: the row outlives it.
class RowReader {
 public:
  RowReader(const Connection::Row& row, absl::string_view source) : row_(row), source_(source) {}

  // NULL (or a missing column) is DATA_LOSS.
  absl::StatusOr<std::string> String(size_t i) const;
  // NULL is nullopt; a missing column is DATA_LOSS.
  absl::StatusOr<std::optional<std::string>> OptionalString(size_t i) const;
  // NULL is "".
  absl::StatusOr<std::string> StringOrEmpty(size_t i) const;
  // A decimal integer; NULL or other text is DATA_LOSS.
  absl::StatusOr<int64_t> Int64(size_t i) const;
  absl::StatusOr<std::optional<int64_t>> OptionalInt64(size_t i) const;
  // 0 or 1.
  absl::StatusOr<bool> Bool(size_t i) const;
  // An enum's number (as EnumParam wrote it); the caller owns its range.
  template <typename E>
  absl::StatusOr<E> Enum(size_t i) const {
    static_assert(std::is_enum_v<E>, "Enum reads an enum");
    absl::StatusOr<int64_t> n = Int64(i);
    if (!n.ok()) return n.status();
    return static_cast<E>(*n);
  }
  // "YYYY-MM-DD" (a DATE column).
  absl::StatusOr<absl::CivilDay> Day(size_t i) const;
  absl::StatusOr<std::optional<absl::CivilDay>> OptionalDay(size_t i) const;
  // "YYYY-MM-DDTHH:MM:SS[.ffffff]Z" (DATE_FORMAT(col, '%Y-%m-%dT%H:%i:%s.%fZ')).
  absl::StatusOr<absl::Time> Time(size_t i) const;
  absl::StatusOr<std::optional<absl::Time>> OptionalTime(size_t i) const;

 private:
  absl::Status Bad(size_t i, absl::string_view why) const;
  absl::StatusOr<const std::optional<std::string>*> At(size_t i) const;
  const Connection::Row& row_;
  const absl::string_view source_;
};

}  // namespace discipline::mariadb

#endif  // DISCIPLINE_ADAPTERS_MARIADB_ROW_H_
