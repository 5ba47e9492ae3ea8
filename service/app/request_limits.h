#ifndef DISCIPLINE_SERVICE_APP_REQUEST_LIMITS_H_
#define DISCIPLINE_SERVICE_APP_REQUEST_LIMITS_H_

// The bounds every request is checked against before any look-up: string
// lengths (bytes of UTF-8), list counts, numbers and dates. A value out of
// bounds is INVALID_ARGUMENT naming the field; the message quotes at most a
// short excerpt of the value. Pure functions: the fuzz targets call them.
// docs/security.md, "Limits", lists every bound.

#include <cstddef>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "service/domain/case.h"
#include "service/domain/case_machine.h"

namespace discipline::app {

struct FileCaseInput;
struct ChangeInput;

inline constexpr size_t kMaxAgencyCodeBytes = 64;
inline constexpr size_t kMaxProvisionIdBytes = 32;
inline constexpr size_t kMaxCaseIdBytes = 40;
inline constexpr size_t kMaxReporterBytes = 1000;
inline constexpr size_t kMaxDescriptionBytes = 4000;
inline constexpr size_t kMaxReasonBytes = 4000;
inline constexpr size_t kMaxNumberBytes = 128;  // decision and proposal numbers
inline constexpr size_t kMaxNameBytes = 255;    // an official's name or title
inline constexpr size_t kMaxDocumentIdBytes = 80;
inline constexpr size_t kMaxAllegations = 50;
inline constexpr size_t kMaxFindings = 50;
inline constexpr size_t kMaxNips = 20;  // examiners, examination team
inline constexpr size_t kMaxDocumentIds = 20;
inline constexpr int kMaxDays = 366;  // absence days in a year
// No date of a case lies before this (a sanity bound, not law: PP 94/2021
// dates from 31 August 2021, pending cases of PP 53/2010 went on under it).
inline constexpr absl::CivilDay kEarliestDate{2000, 1, 1};

// `value` is at most `max` bytes and valid UTF-8.
absl::Status CheckText(absl::string_view value, size_t max, absl::string_view field);
// Not before kEarliestDate.
absl::Status CheckDate(absl::CivilDay day, absl::string_view field);
// `count` <= `max`.
absl::Status CheckCount(size_t count, size_t max, absl::string_view field);

// The facts of an allegation or finding (`field` is e.g. "allegations[2]").
absl::Status CheckViolation(const domain::ViolationRecord& v, const std::string& field);

absl::Status CheckFiling(const FileCaseInput& in);
absl::Status CheckChange(const ChangeInput& in);
absl::Status CheckSummons(const domain::IssueSummonsCommand& cmd);
absl::Status CheckExamination(const domain::RecordExaminationCommand& cmd);
absl::Status CheckDecision(const domain::DecideCommand& cmd);
absl::Status CheckRemedyDecision(const domain::DecideRemedyCommand& cmd);
absl::Status CheckClose(const domain::CloseCommand& cmd);

}  // namespace discipline::app

#endif  // DISCIPLINE_SERVICE_APP_REQUEST_LIMITS_H_
