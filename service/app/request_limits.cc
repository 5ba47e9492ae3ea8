#include "service/app/request_limits.h"

#include "absl/strings/str_cat.h"
#include "service/app/case_use_cases.h"
#include "service/common/errors.h"
#include "service/common/status_macros.h"
#include "service/domain/calendar.h"

namespace discipline::app {
namespace {

// Whether `s` is well-formed UTF-8 (no overlong forms, no surrogates, at
// most U+10FFFF).
bool IsUtf8(absl::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto lead = static_cast<unsigned char>(s[i]);
    if (lead < 0x80) {
      ++i;
      continue;
    }
    size_t extra = 0;
    uint32_t cp = 0;
    uint32_t min = 0;
    if ((lead & 0xE0) == 0xC0) {
      extra = 1, cp = lead & 0x1F, min = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
      extra = 2, cp = lead & 0x0F, min = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
      extra = 3, cp = lead & 0x07, min = 0x10000;
    } else {
      return false;
    }
    if (s.size() - i <= extra) return false;
    for (size_t k = 1; k <= extra; ++k) {
      const auto cont = static_cast<unsigned char>(s[i + k]);
      if ((cont & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cont & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += extra + 1;
  }
  return true;
}

absl::Status CheckDays(int days, const std::string& field) {
  if (days < 0 || days > kMaxDays) return InvalidField(field, absl::StrCat("must be between 0 and ", kMaxDays));
  return absl::OkStatus();
}

absl::Status CheckNips(const std::vector<std::string>& nips, absl::string_view field) {
  RETURN_IF_ERROR(CheckCount(nips.size(), kMaxNips, field));
  for (size_t i = 0; i < nips.size(); ++i) {
    RETURN_IF_ERROR(CheckText(nips[i], 32, absl::StrCat(field, "[", i, "]")));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status CheckText(absl::string_view value, size_t max, absl::string_view field) {
  if (value.size() > max) {
    return InvalidField(field, absl::StrCat("is ", value.size(), " bytes; at most ", max),
                        absl::StrCat("Isian terlalu panjang (paling banyak ", max, " karakter)."));
  }
  if (!IsUtf8(value)) return InvalidField(field, "is not valid UTF-8");
  return absl::OkStatus();
}

absl::Status CheckDate(absl::CivilDay day, absl::string_view field) {
  if (day < kEarliestDate) {
    return InvalidField(field,
                        absl::StrCat(domain::FormatIsoDate(day), " is before ", domain::FormatIsoDate(kEarliestDate)));
  }
  return absl::OkStatus();
}

absl::Status CheckCount(size_t count, size_t max, absl::string_view field) {
  if (count > max) return InvalidField(field, absl::StrCat("has ", count, " entries; at most ", max));
  return absl::OkStatus();
}

absl::Status CheckViolation(const domain::ViolationRecord& v, const std::string& field) {
  RETURN_IF_ERROR(CheckText(v.provision_id, kMaxProvisionIdBytes, field + ".provision_id"));
  RETURN_IF_ERROR(CheckText(v.description, kMaxDescriptionBytes, field + ".description"));
  RETURN_IF_ERROR(CheckDays(v.absence_days, field + ".absence_days"));
  RETURN_IF_ERROR(CheckDays(v.consecutive_absence_days, field + ".consecutive_absence_days"));
  if (v.occurred_on.has_value()) RETURN_IF_ERROR(CheckDate(*v.occurred_on, field + ".occurred_on"));
  return absl::OkStatus();
}

absl::Status CheckFiling(const FileCaseInput& in) {
  RETURN_IF_ERROR(CheckText(in.agency_code, kMaxAgencyCodeBytes, "agency_code"));
  RETURN_IF_ERROR(CheckText(in.employee_nip, 32, "employee_nip"));
  RETURN_IF_ERROR(CheckText(in.reporter, kMaxReporterBytes, "reporter"));
  RETURN_IF_ERROR(CheckCount(in.allegations.size(), kMaxAllegations, "allegations"));
  for (size_t i = 0; i < in.allegations.size(); ++i) {
    RETURN_IF_ERROR(CheckViolation(in.allegations[i], absl::StrCat("allegations[", i, "]")));
  }
  RETURN_IF_ERROR(CheckDate(in.received_on, "received_on"));
  RETURN_IF_ERROR(CheckCount(in.document_ids.size(), kMaxDocumentIds, "document_ids"));
  for (size_t i = 0; i < in.document_ids.size(); ++i) {
    RETURN_IF_ERROR(CheckText(in.document_ids[i], kMaxDocumentIdBytes, absl::StrCat("document_ids[", i, "]")));
  }
  return absl::OkStatus();
}

absl::Status CheckChange(const ChangeInput& in) { return CheckText(in.case_id, kMaxCaseIdBytes, "case_id"); }

absl::Status CheckSummons(const domain::IssueSummonsCommand& cmd) {
  RETURN_IF_ERROR(CheckDate(cmd.issued_on, "issued_on"));
  RETURN_IF_ERROR(CheckDate(cmd.examination_on, "examination_on"));
  RETURN_IF_ERROR(CheckNips(cmd.examiner_nips, "examiner_nips"));
  RETURN_IF_ERROR(CheckNips(cmd.examination_team_nips, "examination_team_nips"));
  RETURN_IF_ERROR(CheckText(cmd.letter_number, kMaxNumberBytes, "letter_number"));
  RETURN_IF_ERROR(CheckText(cmd.examination_place, kMaxNumberBytes, "examination_place"));
  return CheckText(cmd.examination_team_decree_number, kMaxNumberBytes, "examination_team_decree_number");
}

absl::Status CheckExamination(const domain::RecordExaminationCommand& cmd) {
  RETURN_IF_ERROR(CheckDate(cmd.examined_on, "examined_on"));
  RETURN_IF_ERROR(CheckCount(cmd.findings.size(), kMaxFindings, "findings"));
  for (size_t i = 0; i < cmd.findings.size(); ++i) {
    RETURN_IF_ERROR(CheckViolation(cmd.findings[i], absl::StrCat("findings[", i, "]")));
  }
  RETURN_IF_ERROR(CheckText(cmd.bap_document_id, kMaxDocumentIdBytes, "bap_document_id"));
  RETURN_IF_ERROR(CheckNips(cmd.examiner_nips, "examiner_nips"));
  return CheckNips(cmd.examination_team_nips, "examination_team_nips");
}

absl::Status CheckDecision(const domain::DecideCommand& cmd) {
  RETURN_IF_ERROR(CheckText(cmd.decision_number, kMaxNumberBytes, "decision_number"));
  RETURN_IF_ERROR(CheckText(cmd.reason, kMaxReasonBytes, "reason"));
  RETURN_IF_ERROR(CheckText(cmd.proposal_number, kMaxNumberBytes, "proposal_number"));
  RETURN_IF_ERROR(CheckDate(cmd.decided_on, "decided_on"));
  if (cmd.proposed_on.has_value()) RETURN_IF_ERROR(CheckDate(*cmd.proposed_on, "proposed_on"));
  return absl::OkStatus();
}

absl::Status CheckRemedyDecision(const domain::DecideRemedyCommand& cmd) {
  RETURN_IF_ERROR(CheckText(cmd.decision_number, kMaxNumberBytes, "decision_number"));
  RETURN_IF_ERROR(CheckText(cmd.reason, kMaxReasonBytes, "reason"));
  RETURN_IF_ERROR(CheckText(cmd.decided_by.name, kMaxNameBytes, "decided_by.name"));
  RETURN_IF_ERROR(CheckText(cmd.decided_by.title, kMaxNameBytes, "decided_by.title"));
  RETURN_IF_ERROR(CheckText(cmd.decided_by.nip, 32, "decided_by.nip"));
  return CheckDate(cmd.decided_on, "decided_on");
}

absl::Status CheckClose(const domain::CloseCommand& cmd) { return CheckText(cmd.reason, kMaxReasonBytes, "reason"); }

}  // namespace discipline::app
