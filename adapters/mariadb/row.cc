#include "adapters/mariadb/row.h"

#include "absl/strings/numbers.h"
#include "absl/time/clock.h"

namespace discipline::mariadb {

std::string TimeParam(absl::Time t) { return absl::FormatTime("%Y-%m-%d %H:%M:%E6S", t, absl::UTCTimeZone()); }

std::string DayParam(absl::CivilDay d) { return absl::FormatCivilTime(d); }

std::optional<std::string> DayParam(const std::optional<absl::CivilDay>& d) {
  return d.has_value() ? std::optional<std::string>(DayParam(*d)) : std::nullopt;
}

absl::Status RowReader::Bad(size_t i, absl::string_view why) const {
  return absl::DataLossError(absl::StrCat(source_, ": column ", i, " ", why));
}

absl::StatusOr<const std::optional<std::string>*> RowReader::At(size_t i) const {
  if (i >= row_.size()) return Bad(i, absl::StrCat("is missing (the row has ", row_.size(), ")"));
  return &row_[i];
}

absl::StatusOr<std::optional<std::string>> RowReader::OptionalString(size_t i) const {
  absl::StatusOr<const std::optional<std::string>*> cell = At(i);
  if (!cell.ok()) return cell.status();
  return **cell;
}

absl::StatusOr<std::string> RowReader::String(size_t i) const {
  absl::StatusOr<std::optional<std::string>> v = OptionalString(i);
  if (!v.ok()) return v.status();
  if (!v->has_value()) return Bad(i, "is NULL");
  return **v;
}

absl::StatusOr<std::string> RowReader::StringOrEmpty(size_t i) const {
  absl::StatusOr<std::optional<std::string>> v = OptionalString(i);
  if (!v.ok()) return v.status();
  return v->value_or("");
}

absl::StatusOr<std::optional<int64_t>> RowReader::OptionalInt64(size_t i) const {
  absl::StatusOr<std::optional<std::string>> v = OptionalString(i);
  if (!v.ok()) return v.status();
  if (!v->has_value()) return std::optional<int64_t>();
  int64_t n = 0;
  if (!absl::SimpleAtoi(**v, &n)) return Bad(i, absl::StrCat("is not an integer: \"", v->value().substr(0, 32), "\""));
  return std::optional<int64_t>(n);
}

absl::StatusOr<int64_t> RowReader::Int64(size_t i) const {
  absl::StatusOr<std::optional<int64_t>> v = OptionalInt64(i);
  if (!v.ok()) return v.status();
  if (!v->has_value()) return Bad(i, "is NULL");
  return **v;
}

absl::StatusOr<bool> RowReader::Bool(size_t i) const {
  absl::StatusOr<int64_t> v = Int64(i);
  if (!v.ok()) return v.status();
  if (*v != 0 && *v != 1) return Bad(i, absl::StrCat("is not 0 or 1: ", *v));
  return *v == 1;
}

absl::StatusOr<std::optional<absl::CivilDay>> RowReader::OptionalDay(size_t i) const {
  absl::StatusOr<std::optional<std::string>> v = OptionalString(i);
  if (!v.ok()) return v.status();
  if (!v->has_value()) return std::optional<absl::CivilDay>();
  absl::CivilDay d;
  // ParseCivilTime would also take "2024-01-01T00": a DATE is exactly 10.
  if ((*v)->size() != 10 || !absl::ParseCivilTime(**v, &d)) {
    return Bad(i, absl::StrCat("is not a date: \"", v->value().substr(0, 32), "\""));
  }
  return std::optional<absl::CivilDay>(d);
}

absl::StatusOr<absl::CivilDay> RowReader::Day(size_t i) const {
  absl::StatusOr<std::optional<absl::CivilDay>> v = OptionalDay(i);
  if (!v.ok()) return v.status();
  if (!v->has_value()) return Bad(i, "is NULL");
  return **v;
}

absl::StatusOr<std::optional<absl::Time>> RowReader::OptionalTime(size_t i) const {
  absl::StatusOr<std::optional<std::string>> v = OptionalString(i);
  if (!v.ok()) return v.status();
  if (!v->has_value()) return std::optional<absl::Time>();
  absl::Time t;
  std::string err;
  if (!absl::ParseTime("%Y-%m-%dT%H:%M:%E*SZ", **v, absl::UTCTimeZone(), &t, &err)) {
    return Bad(i, absl::StrCat("is not a time: \"", v->value().substr(0, 40), "\""));
  }
  return std::optional<absl::Time>(t);
}

absl::StatusOr<absl::Time> RowReader::Time(size_t i) const {
  absl::StatusOr<std::optional<absl::Time>> v = OptionalTime(i);
  if (!v.ok()) return v.status();
  if (!v->has_value()) return Bad(i, "is NULL");
  return **v;
}

}  // namespace discipline::mariadb
