#include "service/common/errors.h"

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"

namespace discipline {

inline constexpr absl::string_view kIndonesianPayload = "type.asn-discipline/id-ID";

absl::Status InvalidField(absl::string_view field, absl::string_view reason, absl::string_view pesan) {
  absl::Status s = absl::InvalidArgumentError(absl::StrCat(field, ": ", reason));
  s.SetPayload(kFieldPayload, absl::Cord(field));
  if (!pesan.empty()) s = WithIndonesian(std::move(s), pesan);
  return s;
}

absl::Status WithIndonesian(absl::Status status, absl::string_view pesan) {
  status.SetPayload(kIndonesianPayload, absl::Cord(pesan));
  return status;
}

std::string Excerpt(absl::string_view value) {
  constexpr size_t kMax = 40;
  if (value.size() <= kMax) return std::string(value);
  size_t end = kMax;
  // Back up to the start of a UTF-8 character.
  while (end > 0 && (static_cast<unsigned char>(value[end]) & 0xC0) == 0x80) --end;
  return absl::StrCat(value.substr(0, end), "…");
}

inline constexpr absl::string_view kDetailPayload = "type.asn-discipline/detail";

absl::Status WithDetail(absl::Status status, absl::string_view detail) {
  if (!detail.empty()) status.SetPayload(kDetailPayload, absl::Cord(detail));
  return status;
}

std::optional<std::string> DetailOf(const absl::Status& status) {
  auto p = status.GetPayload(kDetailPayload);
  if (!p.has_value()) return std::nullopt;
  return std::string(*p);
}

inline constexpr absl::string_view kResourcePayload = "type.asn-discipline/resource";

absl::Status WithResource(absl::Status status, const ResourceRef& r) {
  // Three lines: none of the parts holds a line break (type names, case ids
  // and register numbers are [A-Za-z0-9./_-]).
  status.SetPayload(kResourcePayload,
                    absl::Cord(absl::StrCat(r.resource_type, "\n", r.resource_name, "\n", r.description)));
  return status;
}

std::optional<ResourceRef> ResourceOf(const absl::Status& status) {
  auto p = status.GetPayload(kResourcePayload);
  if (!p.has_value()) return std::nullopt;
  const std::string text(*p);
  const size_t a = text.find('\n');
  const size_t b = a == std::string::npos ? a : text.find('\n', a + 1);
  if (b == std::string::npos) return std::nullopt;
  return ResourceRef{text.substr(0, a), text.substr(a + 1, b - a - 1), text.substr(b + 1)};
}

std::optional<std::string> FieldOf(const absl::Status& status) {
  auto p = status.GetPayload(kFieldPayload);
  if (!p.has_value()) return std::nullopt;
  return std::string(*p);
}

std::optional<std::string> IndonesianOf(const absl::Status& status) {
  auto p = status.GetPayload(kIndonesianPayload);
  if (!p.has_value()) return std::nullopt;
  return std::string(*p);
}

}  // namespace discipline
