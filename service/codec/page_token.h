#ifndef DISCIPLINE_SERVICE_CODEC_PAGE_TOKEN_H_
#define DISCIPLINE_SERVICE_CODEC_PAGE_TOKEN_H_

// Opaque page tokens (AIP-158): URL-safe base64 of
// asn.discipline.internal.v1.{Case,History}PageToken. A token carries the
// position after which the next page starts and the filters it was issued
// for. Decoding refuses, with INVALID_ARGUMENT naming page_token, a token
// that is not base64, does not parse, is of another version, or was issued
// for other filters (or another case).

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "service/domain/case.h"
#include "service/ports/case_repository.h"

namespace discipline::codec {

// The token of the page after `last`, listed with `filter`.
std::string EncodeCasePageToken(const ports::CaseFilter& filter, const domain::Case& last);
// Sets `filter`'s position from `token` ("" is the first page).
absl::Status DecodeCasePageToken(absl::string_view token, ports::CaseFilter& filter);

std::string EncodeHistoryPageToken(const std::string& case_id, int64_t after_sequence);
// The sequence after which the page starts (0 for "").
absl::StatusOr<int64_t> DecodeHistoryPageToken(absl::string_view token, const std::string& case_id);

}  // namespace discipline::codec

#endif  // DISCIPLINE_SERVICE_CODEC_PAGE_TOKEN_H_
