#include "service/app/case_use_cases.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "service/common/errors.h"
#include "service/common/status_macros.h"
#include "service/domain/nip.h"

namespace discipline::app {
namespace {

using domain::Case;
using domain::CaseState;

constexpr int kMaxAllegations = 50;

}  // namespace

absl::Status ValidateRequestId(const std::string& id) {
  if (id.empty() || id.size() > 128) {
    return InvalidField("request_id", "is required (1 to 128 characters): it makes the request safe to retry");
  }
  for (char c : id) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.' && c != ':') {
      return InvalidField("request_id", "may contain only letters, digits and . _ : -");
    }
  }
  return absl::OkStatus();
}

absl::CivilDay JakartaDay(absl::Time t) {
  static const absl::TimeZone* jakarta = [] {
    auto* tz = new absl::TimeZone();
    if (!absl::LoadTimeZone("Asia/Jakarta", tz)) *tz = absl::FixedTimeZone(7 * 3600);
    return tz;
  }();
  return absl::ToCivilDay(t, *jakarta);
}

absl::CivilDay CaseUseCases::Today() const { return JakartaDay(d_.clock.Now()); }

absl::StatusOr<std::vector<std::pair<std::string, std::string>>> CaseUseCases::Documents(
    const std::vector<std::string>& ids, const std::string& field) {
  std::vector<std::pair<std::string, std::string>> out;
  if (d_.documents == nullptr) return out;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (ids[i].empty()) continue;
    auto ref = d_.documents->Stat(ids[i]);
    if (ref.status().code() == absl::StatusCode::kNotFound || ref.status().code() == absl::StatusCode::kInvalidArgument) {
      return InvalidField(ids.size() == 1 ? field : absl::StrCat(field, "[", i, "]"),
                          absl::StrCat("no document ", ids[i], " (upload it with DocumentService first)"));
    }
    if (!ref.ok()) return ref.status();
    out.push_back({ids[i], ref->sha256});
  }
  return out;
}

absl::StatusOr<Case> CaseUseCases::FileCase(const domain::Caller& caller, const FileCaseInput& in) {
  RETURN_IF_ERROR(ValidateRequestId(in.request_id));
  // The stored first response to a retried filing is looked up by the
  // repository in the filing's own transaction. A check below that fails
  // now (the employee has moved since, SIMPEG is down) must not hide a first
  // response either: then it is looked up before answering with the error.
  absl::StatusOr<Case> filed = NewFiling(caller, in);
  if (filed.ok() || filed.status().code() == absl::StatusCode::kAborted) return filed;
  ASSIGN_OR_RETURN(auto replay, d_.cases.FindByRequestId(in.request_id, "FileCase", ""));
  if (replay.has_value()) return *replay;
  return filed;
}

absl::StatusOr<Case> CaseUseCases::NewFiling(const domain::Caller& caller, const FileCaseInput& in) {
  if (in.agency_code.empty()) return InvalidField("agency_code", "is required");
  ASSIGN_OR_RETURN(std::string nip, domain::NormalizeNip(in.employee_nip, "employee_nip"));
  if (in.source == domain::Source::kUnspecified) return InvalidField("source", "is required");
  if (in.allegations.empty()) return InvalidField("allegations", "at least one allegation is required");
  if (in.allegations.size() > kMaxAllegations) {
    return InvalidField("allegations", absl::StrCat("at most ", kMaxAllegations, " per case"));
  }
  if (in.received_on > Today()) return InvalidField("received_on", "is in the future");
  // Every allegation must name a provision the rules know (its facts may be
  // completed at the examination).
  for (size_t i = 0; i < in.allegations.size(); ++i) {
    if (!d_.rules.HasProvision(in.allegations[i].provision_id)) {
      return InvalidField(absl::StrCat("allegations[", i, "].provision_id"),
                          absl::StrCat("unknown provision '", in.allegations[i].provision_id, "'"));
    }
  }
  ASSIGN_OR_RETURN(auto documents, Documents(in.document_ids, "document_ids"));
  ASSIGN_OR_RETURN(domain::EmployeeSnapshot employee, d_.personnel.GetEmployee(nip));
  if (employee.agency_code != in.agency_code) {
    return InvalidField("agency_code", absl::StrCat("employee ", nip, " belongs to ", employee.agency_code,
                                                    ", not ", in.agency_code));
  }
  Case c;
  c.case_id = d_.new_case_id();
  c.agency_code = in.agency_code;
  c.state = CaseState::kReceived;
  c.version = 1;
  c.employee = std::move(employee);
  c.source = in.source;
  c.reporter = in.reporter;
  c.allegations = in.allegations;
  c.received_on = in.received_on;
  c.document_ids = in.document_ids;
  c.created_at = c.updated_at = d_.clock.Now();
  return d_.cases.Create(c, {caller.actor, "FileCase", CaseState::kUnspecified, in.payload_json, std::move(documents)},
                         in.request_id);
}

absl::StatusOr<Case> CaseUseCases::GetCase(const std::string& case_id) {
  if (case_id.empty()) return InvalidField("case_id", "is required");
  return d_.cases.Get(case_id);
}

absl::StatusOr<ports::CasePage> CaseUseCases::ListCases(ports::CaseFilter filter) {
  if (filter.page_size < 0) return InvalidField("page_size", "must not be negative");
  if (!filter.employee_nip.empty()) {
    ASSIGN_OR_RETURN(filter.employee_nip, domain::NormalizeNip(filter.employee_nip, "employee_nip"));
  }
  filter.today = Today();
  return d_.cases.List(filter);
}

absl::StatusOr<Case> CaseUseCases::Change(const domain::Caller& caller, const ChangeInput& in,
                                          const std::string& action, const Transition& transition,
                                          std::vector<std::pair<std::string, std::string>> documents) {
  RETURN_IF_ERROR(ValidateRequestId(in.request_id));
  if (in.case_id.empty()) return InvalidField("case_id", "is required");
  if (in.version <= 0) return InvalidField("version", "is required: the version of the case the change is based on");
  ASSIGN_OR_RETURN(auto replay, d_.cases.FindByRequestId(in.request_id, action, in.case_id));
  if (replay.has_value()) return *replay;
  ASSIGN_OR_RETURN(Case current, d_.cases.Get(in.case_id));
  if (current.version != in.version) {
    return WithIndonesian(absl::AbortedError(absl::StrCat("version: the case is at version ", current.version,
                                                          ", the request was based on ", in.version,
                                                          "; reload and retry")),
                          "Perkara telah diubah oleh pengguna lain. Muat ulang lalu coba lagi.");
  }
  const CaseState from = current.state;
  ASSIGN_OR_RETURN(Case next, transition(std::move(current)));
  next.version = in.version + 1;
  next.updated_at = d_.clock.Now();
  return d_.cases.Update(next, {caller.actor, action, from, in.payload_json, std::move(documents)}, in.request_id);
}

absl::StatusOr<Case> CaseUseCases::IssueSummons(const domain::Caller& caller, const ChangeInput& in,
                                                const domain::IssueSummonsCommand& cmd) {
  return Change(caller, in, "IssueSummons", [&](Case c) { return domain::IssueSummons(Ctx(), std::move(c), cmd); });
}

absl::StatusOr<Case> CaseUseCases::RecordExamination(const domain::Caller& caller, const ChangeInput& in,
                                                     const domain::RecordExaminationCommand& cmd) {
  ASSIGN_OR_RETURN(auto documents, Documents({cmd.bap_document_id}, "bap_document_id"));
  return Change(
      caller, in, "RecordExamination", [&](Case c) { return domain::RecordExamination(Ctx(), std::move(c), cmd); },
      std::move(documents));
}

absl::StatusOr<Case> CaseUseCases::RecommendSanction(const domain::Caller& caller, const ChangeInput& in,
                                                     absl::CivilDay recommended_on) {
  return Change(caller, in, "RecommendSanction", [&](Case c) -> absl::StatusOr<Case> {
    // Repeat offence: the last punishment for the same provision in the
    // employee's earlier decided cases.
    domain::RecommendCommand cmd{recommended_on, {}};
    ASSIGN_OR_RETURN(auto earlier, d_.cases.DecidedCasesOf(c.employee.nip));
    for (const Case& e : earlier) {
      if (e.case_id == c.case_id || !e.decision.has_value() || !e.recommendation.has_value()) continue;
      cmd.prior_punishments.push_back({e.recommendation->assessment.resolved_provision_id, e.decision->punishment});
    }
    ASSIGN_OR_RETURN(Case next, domain::RecommendSanction(Ctx(), std::move(c), cmd));
    // The person who decides: up the superior chain, or the PPK, or the
    // President, as the rule points.
    ASSIGN_OR_RETURN(auto chain, d_.personnel.SuperiorChain(next.employee.nip));
    ASSIGN_OR_RETURN(domain::Agency agency, d_.personnel.GetAgency(next.agency_code));
    next.recommendation->authority = domain::ResolveOfficial(next.recommendation->authority.role, chain, agency);
    return next;
  });
}

absl::StatusOr<Case> CaseUseCases::DecideSanction(const domain::Caller& caller, const ChangeInput& in,
                                                  const domain::DecideCommand& cmd) {
  return Change(caller, in, "DecideSanction",
                [&](Case c) { return domain::DecideSanction(Ctx(), std::move(c), cmd); });
}

absl::StatusOr<Case> CaseUseCases::RecordDelivery(const domain::Caller& caller, const ChangeInput& in,
                                                  absl::CivilDay delivered_on) {
  return Change(caller, in, "RecordDelivery",
                [&](Case c) { return domain::RecordDelivery(Ctx(), std::move(c), delivered_on); });
}

absl::StatusOr<Case> CaseUseCases::FileRemedy(const domain::Caller& caller, const ChangeInput& in,
                                              domain::Remedy kind, absl::CivilDay filed_on) {
  return Change(caller, in, "FileRemedy",
                [&](Case c) { return domain::FileRemedy(Ctx(), std::move(c), kind, filed_on); });
}

absl::StatusOr<Case> CaseUseCases::CloseCase(const domain::Caller& caller, const ChangeInput& in,
                                             const domain::CloseCommand& cmd) {
  return Change(caller, in, "CloseCase", [&](Case c) { return domain::CloseCase(Ctx(), std::move(c), cmd); });
}

absl::StatusOr<std::vector<domain::AuditEvent>> CaseUseCases::History(const std::string& case_id,
                                                                      int64_t after_sequence, int limit) {
  if (case_id.empty()) return InvalidField("case_id", "is required");
  RETURN_IF_ERROR(d_.cases.Get(case_id).status());
  return d_.cases.History(case_id, after_sequence, limit);
}

absl::StatusOr<ports::VerifyResult> CaseUseCases::Verify(const std::string& case_id) {
  if (case_id.empty()) return InvalidField("case_id", "is required");
  return d_.cases.Verify(case_id);
}

}  // namespace discipline::app
