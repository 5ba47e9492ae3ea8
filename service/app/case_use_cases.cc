#include "service/app/case_use_cases.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "service/app/request_limits.h"
#include "service/common/errors.h"
#include "service/common/status_macros.h"
#include "service/domain/nip.h"
#include "service/domain/related_case.h"

namespace discipline::app {
namespace {

using domain::Case;
using domain::CaseState;

// The audit event's and the idempotency record's name of an action: its
// RPC's name (domain::Name).
std::string NameOf(domain::Action action) { return std::string(domain::Name(action)); }

ports::IdempotencyKey FilingKey(const FileCaseInput& in) {
  return {in.agency_code, NameOf(domain::Action::kFileCase), in.request_id, in.request};
}

// ABORTED for a change based on another version than the stored one.
absl::Status StaleVersion(int64_t stored, int64_t based_on) {
  return WithIndonesian(absl::AbortedError(absl::StrCat("version: the case is at version ", stored,
                                                        ", the request was based on ", based_on, "; reload and retry")),
                        "Perkara telah diubah oleh pengguna lain. Muat ulang lalu coba lagi.");
}

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

absl::StatusOr<absl::CivilDay> AgencyDay(absl::Time t, absl::string_view time_zone) {
  ASSIGN_OR_RETURN(domain::AgencyZone zone, domain::ParseAgencyZone(time_zone));
  return domain::LocalDay(t, zone);
}

absl::CivilDay JakartaDay(absl::Time t) {
  // "" is WIB, which ParseAgencyZone always knows.
  return *AgencyDay(t, "");
}

absl::CivilDay CaseUseCases::Today() const { return JakartaDay(d_.clock.Now()); }

absl::StatusOr<absl::CivilDay> CaseUseCases::TodayIn(const std::string& time_zone) const {
  return AgencyDay(d_.clock.Now(), time_zone);
}

std::vector<std::optional<int>> CaseUseCases::WorkingDaysLeft(const domain::Case& c) const {
  const absl::StatusOr<absl::CivilDay> today = TodayIn(c.agency_time_zone);
  std::vector<std::optional<int>> out;
  for (const domain::Deadline& d : c.open_deadlines) {
    absl::StatusOr<int> n = absl::FailedPreconditionError("no agency day");
    if (today.ok()) n = d_.calendar.WorkingDaysBetween(*today, d.due_on, c.agency_code);
    out.push_back(n.ok() ? std::optional<int>(*n) : std::nullopt);
  }
  return out;
}

namespace {

// A date of something that has happened: not after the agency's today.
absl::Status NotInFuture(absl::CivilDay day, absl::CivilDay today, const std::string& field) {
  if (day > today) {
    return InvalidField(field,
                        absl::StrCat(domain::FormatIsoDate(day), " is in the future (today is ",
                                     domain::FormatIsoDate(today), " in the agency's time zone)"),
                        "Tanggal tidak boleh melewati hari ini.");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::vector<std::pair<std::string, std::string>>> CaseUseCases::Documents(
    const std::vector<std::string>& ids, const std::string& field) {
  std::vector<std::pair<std::string, std::string>> out;
  if (d_.documents == nullptr) return out;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (ids[i].empty()) continue;
    auto ref = d_.documents->Stat(ids[i]);
    if (ref.status().code() == absl::StatusCode::kNotFound ||
        ref.status().code() == absl::StatusCode::kInvalidArgument) {
      return InvalidField(ids.size() == 1 ? field : absl::StrCat(field, "[", i, "]"),
                          absl::StrCat("no document ", ids[i], " (upload it with DocumentService first)"));
    }
    if (!ref.ok()) return ref.status();
    out.push_back({ids[i], ref->sha256});
  }
  return out;
}

absl::StatusOr<Case> CaseUseCases::Once(const ports::IdempotencyKey& key,
                                        const std::function<absl::StatusOr<Case>()>& work) {
  if (!key.scope.empty()) {
    ASSIGN_OR_RETURN(std::optional<Case> first, d_.cases.FindByRequestId(key));
    if (first.has_value()) return *std::move(first);
  }
  return work();
}

absl::StatusOr<CaseView> CaseUseCases::FileCase(const domain::Caller& caller, const FileCaseInput& in) {
  // Malformed input is named first; then who may file into that agency;
  // then a retried request_id is answered with its first response, before
  // the checks of NewFiling (the employee has moved since, SIMPEG is down).
  RETURN_IF_ERROR(ValidateRequestId(in.request_id));
  RETURN_IF_ERROR(CheckFiling(in));
  RETURN_IF_ERROR(domain::AuthorizeFiling(caller, *d_.policy, in.agency_code, in.recommendation.has_value()));
  ASSIGN_OR_RETURN(Case filed, Once(FilingKey(in), [&] { return NewFiling(caller, in); }));
  return View(std::move(filed));
}

// One piece: a filing's checks before anything is written (the envelope, the
// employee from SIMPEG, one violation one punishment, the related case),
// then the one write; split, the order of the checks would be hidden.
absl::StatusOr<Case> CaseUseCases::NewFiling(const domain::Caller& caller, const FileCaseInput& in) {
  if (in.agency_code.empty()) return InvalidField("agency_code", "is required");
  ASSIGN_OR_RETURN(std::string nip, domain::NormalizeNip(in.employee_nip, "employee_nip"));
  if (in.source == domain::Source::kUnspecified) return InvalidField("source", "is required");
  if (in.allegations.empty()) return InvalidField("allegations", "at least one allegation is required");
  RETURN_IF_ERROR(domain::CheckRelation(!in.related_case_id.empty(), in.relation));
  // Every allegation must name a provision the rules know (its facts may be
  // completed at the examination).
  for (size_t i = 0; i < in.allegations.size(); ++i) {
    if (!d_.rules.HasProvision(in.allegations[i].provision_id)) {
      return InvalidField(absl::StrCat("allegations[", i, "].provision_id"),
                          absl::StrCat("unknown provision '", Excerpt(in.allegations[i].provision_id), "'"));
    }
    // KASN's three aspects: every neutrality form names the one it touches.
    if (absl::StartsWith(in.allegations[i].provision_id, "SKB2022.") &&
        in.allegations[i].neutrality_aspect == domain::NeutralityAspect::kUnspecified) {
      return InvalidField(absl::StrCat("allegations[", i, "].neutrality_aspect"),
                          "is required for a neutrality form (politik, pelayanan publik or pengambilan keputusan)",
                          "Aspek netralitas (politik, pelayanan publik, atau pengambilan keputusan) wajib diisi.");
    }
  }
  ASSIGN_OR_RETURN(domain::EmployeeSnapshot employee, d_.personnel.GetEmployee(nip));
  if (employee.agency_code != in.agency_code) {
    return InvalidField("agency_code",
                        absl::StrCat("employee ", nip, " belongs to ", employee.agency_code, ", not ", in.agency_code));
  }
  // "Today" is the agency's own day (WIB, WITA or WIT).
  ASSIGN_OR_RETURN(domain::Agency agency, d_.personnel.GetAgency(in.agency_code));
  ASSIGN_OR_RETURN(absl::CivilDay today, TodayIn(agency.time_zone));
  RETURN_IF_ERROR(NotInFuture(in.received_on, today, "received_on"));
  for (size_t i = 0; i < in.allegations.size(); ++i) {
    const auto& occurred = in.allegations[i].occurred_on;
    if (!occurred.has_value()) continue;
    const std::string field = absl::StrCat("allegations[", i, "].occurred_on");
    RETURN_IF_ERROR(NotInFuture(*occurred, today, field));
    if (*occurred > in.received_on) {
      return InvalidField(field, absl::StrCat(domain::FormatIsoDate(*occurred), " is after received_on"));
    }
  }
  ASSIGN_OR_RETURN(auto documents, Documents(in.document_ids, "document_ids"));
  // PP 94/2021 Pasal 28 (the superior's liability): the earlier case must
  // exist and be one the caller may read (else NOT_FOUND, as for any case
  // the caller may not see), of the same agency and another employee.
  std::optional<Case> related;
  if (!in.related_case_id.empty()) {
    RETURN_IF_ERROR(CheckText(in.related_case_id, kMaxCaseIdBytes, "related_case_id"));
    const absl::Status not_found =
        WithIndonesian(absl::NotFoundError(absl::StrCat("related_case_id: no case ", in.related_case_id)),
                       "Perkara terkait tidak ditemukan.");
    absl::StatusOr<Case> got = d_.cases.Get(in.related_case_id);
    if (got.status().code() == absl::StatusCode::kNotFound) return not_found;
    if (!got.ok()) return got.status();
    const domain::CaseScope scope = domain::ScopeOf(*got);
    if (!domain::Authorize(caller, domain::Action::kGetCase, &scope, *d_.policy).ok()) return not_found;
    RETURN_IF_ERROR(domain::CheckRelatedCase(*got, in.agency_code, nip));
    related = std::move(*got);
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
  c.agency_time_zone = agency.time_zone;
  c.created_at = c.updated_at = d_.clock.Now();
  if (in.recommendation.has_value()) {
    RETURN_IF_ERROR(NotInFuture(in.recommendation->issued_on, today, "recommendation.issued_on"));
    RETURN_IF_ERROR(domain::OpenFollowUp(Ctx(), c, *in.recommendation, in.follow_up_due_on));
  }
  ports::AuditEntry entry{caller.Actor(), NameOf(domain::Action::kFileCase), CaseState::kUnspecified, in.payload_json,
                          std::move(documents)};
  if (!related.has_value()) return d_.cases.Create(c, entry, FilingKey(in));
  // Shown on both cases: the new case names the earlier one, and the earlier
  // one records the new case with an audit event of its own, in the same
  // transaction.
  c.related_case_id = related->case_id;
  c.relation = in.relation;
  const CaseState related_state = related->state;
  const Case changed = domain::RecordRelatedFiling(std::move(*related), c.case_id, in.relation, c.created_at);
  // Ids are [0-9A-Za-z-]: no escaping needed.
  const std::string change = absl::StrCat("{\"related_by\":{\"case_id\":\"", c.case_id, "\",\"relation\":\"",
                                          domain::Name(in.relation), "\"}}");
  return d_.cases.CreateRelated(c, entry, FilingKey(in), changed,
                                {caller.Actor(), "RelatedCaseFiled", related_state, change, {}});
}

absl::StatusOr<Case> CaseUseCases::Load(const domain::Caller& caller, const std::string& case_id,
                                        domain::Action action) {
  if (case_id.empty()) return InvalidField("case_id", "is required");
  RETURN_IF_ERROR(CheckText(case_id, kMaxCaseIdBytes, "case_id"));
  // A role without the right is refused before the case is read.
  RETURN_IF_ERROR(domain::Authorize(caller, action, nullptr, *d_.policy));
  ASSIGN_OR_RETURN(Case c, d_.cases.Get(case_id));
  const domain::CaseScope scope = domain::ScopeOf(c);
  RETURN_IF_ERROR(domain::Authorize(caller, action, &scope, *d_.policy));
  return c;
}

absl::Status CaseUseCases::AuthorizeCase(const domain::Caller& caller, const std::string& case_id,
                                         domain::Action action) {
  return Load(caller, case_id, action).status();
}

absl::StatusOr<CaseView> CaseUseCases::GetCase(const domain::Caller& caller, const std::string& case_id) {
  // One read of the case; the SIASN outbox only for a case with a record.
  ASSIGN_OR_RETURN(Case c, Load(caller, case_id, domain::Action::kGetCase));
  RETURN_IF_ERROR(OpenReporter(caller, c));
  std::optional<ports::SiasnExport> siasn_export = SiasnExportOf(c);
  std::vector<CaseDocument> documents = DescribeDocuments(caller, c);
  CaseView view = View(std::move(c));
  view.siasn_export = std::move(siasn_export);
  view.documents = std::move(documents);
  return view;
}

std::string ReporterAsAudited(absl::string_view reporter) { return reporter.empty() ? "" : "[rahasia]"; }

absl::Status CaseUseCases::OpenReporter(const domain::Caller& caller, Case& c) {
  // The repository returns no case with its reporter, only with the
  // commitment that stands in for it; only intake reads the reporter, and
  // reading it is itself an audit event.
  const domain::CaseScope scope = domain::ScopeOf(c);
  if (c.reporter_commitment.empty() ||
      !domain::Authorize(caller, domain::Action::kReadReporter, &scope, *d_.policy).ok()) {
    return absl::OkStatus();
  }
  ASSIGN_OR_RETURN(
      c.reporter,
      d_.cases.ReadReporter(c.case_id, {caller.Actor(), NameOf(domain::Action::kReadReporter), c.state, "{}", {}},
                            d_.clock.Now()));
  return absl::OkStatus();
}

// One piece: the agency scope goes into the query, and the narrowing to
// named cases and the PPK's inbox read on from the same page.
absl::StatusOr<CaseViewPage> CaseUseCases::ListCases(const domain::Caller& caller, ports::CaseFilter filter) {
  RETURN_IF_ERROR(domain::Authorize(caller, domain::Action::kListCases, nullptr, *d_.policy, filter.agency_code));
  if (filter.awaiting_my_decision && filter.page_size == 0) filter.page_size = 500;
  // Agency scope goes into the query, not after it.
  if (!domain::SeesEveryAgency(caller, domain::Action::kListCases, *d_.policy)) filter.agency_code = caller.agency_code;
  if (filter.page_size < 0) return InvalidField("page_size", "must not be negative");
  RETURN_IF_ERROR(CheckText(filter.agency_code, kMaxAgencyCodeBytes, "agency_code"));
  RETURN_IF_ERROR(CheckText(filter.employee_nip, 32, "employee_nip"));
  RETURN_IF_ERROR(CheckText(filter.after_case_id, kMaxCaseIdBytes, "page_token"));
  if (!filter.employee_nip.empty()) {
    ASSIGN_OR_RETURN(filter.employee_nip, domain::NormalizeNip(filter.employee_nip, "employee_nip"));
  }
  filter.today = Today();
  if (filter.awaiting_my_decision) filter.state = CaseState::kRecommended;
  ASSIGN_OR_RETURN(ports::CasePage page, d_.cases.List(filter));
  if (d_.policy->narrow_to_named) {
    // Examiners and officials list only the cases they are named on, as
    // they read only those. A page with none of theirs reads on (a bounded
    // number of pages), so that an empty page does not end the listing.
    std::vector<Case> named;
    for (int round = 0;; ++round) {
      const std::optional<Case> last = page.cases.empty() ? std::nullopt : std::optional<Case>(page.cases.back());
      for (Case& c : page.cases) {
        const domain::CaseScope scope = domain::ScopeOf(c);
        if (domain::Authorize(caller, domain::Action::kListCases, &scope, *d_.policy).ok()) {
          named.push_back(std::move(c));
        }
      }
      if (!named.empty() || !page.more || !last.has_value() || round >= 20) break;
      filter.after_case_id = last->case_id;
      filter.after_due_on = filter.overdue_only ? domain::NextDue(*last) : std::nullopt;
      ASSIGN_OR_RETURN(page, d_.cases.List(filter));
    }
    page.cases = std::move(named);
  }
  if (filter.awaiting_my_decision) {
    // The inbox: recommendations the caller may decide (for one of the
    // permitted punishments), the most urgent first.
    std::vector<Case> mine;
    for (Case& c : page.cases) {
      bool may = false;
      if (c.recommendation->assessment.options.empty()) {
        // A moral sanction or a dismissal has no options: the
        // recommendation's authority (the PPK) decides it.
        const domain::CaseScope whole = domain::ScopeOf(c);
        may = domain::Authorize(caller, domain::Action::kDecideSanction, &whole, *d_.policy).ok();
      }
      for (const auto& o : c.recommendation->assessment.options) {
        const domain::CaseScope scope = domain::ScopeOf(c, o.punishment);
        may |= domain::Authorize(caller, domain::Action::kDecideSanction, &scope, *d_.policy).ok();
      }
      if (may) mine.push_back(std::move(c));
    }
    domain::SortByUrgency(mine);
    page.cases = std::move(mine);
  }
  CaseViewPage out;
  out.more = page.more;
  for (Case& c : page.cases) out.cases.push_back(View(std::move(c)));
  return out;
}

absl::StatusOr<CaseView> CaseUseCases::Change(const domain::Caller& caller, const ChangeInput& in,
                                              domain::Action action, const Transition& transition,
                                              std::vector<std::pair<std::string, std::string>> documents,
                                              const Access& access) {
  RETURN_IF_ERROR(ValidateRequestId(in.request_id));
  if (in.case_id.empty()) return InvalidField("case_id", "is required");
  RETURN_IF_ERROR(CheckChange(in));
  if (in.version <= 0) return InvalidField("version", "is required: the version of the case the change is based on");
  // A role without the right is refused before the case is read; then the
  // case's scope and the case's own rules (the examiner named on it, the
  // official of the punishment).
  RETURN_IF_ERROR(domain::Authorize(caller, action, nullptr, *d_.policy, {}, access.examiners));
  ASSIGN_OR_RETURN(Case current, d_.cases.Get(in.case_id));
  {
    const domain::CaseScope scope =
        domain::ScopeOf(current, access.punishment ? access.punishment(current) : domain::Punishment::kUnspecified);
    RETURN_IF_ERROR(domain::Authorize(caller, action, &scope, *d_.policy, {}, access.examiners));
  }
  // A request_id is the caller's key within the case's agency and method.
  const ports::IdempotencyKey key{current.agency_code, NameOf(action), in.request_id, in.request};
  // The answer of a change reads as GetCase would (the follow-up as of today).
  ASSIGN_OR_RETURN(Case changed, Once(key, [&]() -> absl::StatusOr<Case> {
                     if (current.version != in.version) return StaleVersion(current.version, in.version);
                     return Apply(caller, in, action, transition, std::move(current), std::move(documents), key);
                   }));
  return View(std::move(changed));
}

absl::StatusOr<Case> CaseUseCases::Apply(const domain::Caller& caller, const ChangeInput& in, domain::Action action,
                                         const Transition& transition, Case current,
                                         std::vector<std::pair<std::string, std::string>> documents,
                                         const ports::IdempotencyKey& key) {
  const CaseState from = current.state;
  const size_t priors_before = current.prior_punishments.size();
  const auto record_before = SiasnOf(current);
  ASSIGN_OR_RETURN(absl::CivilDay today, TodayIn(current.agency_time_zone));
  // Separation of duties: a pending termination or annulment holds the case
  // until the PPK confirms or rejects it.
  if (action != domain::Action::kConfirmCaseAction) RETURN_IF_ERROR(domain::NothingPending(current));
  ASSIGN_OR_RETURN(Case next, transition(std::move(current), today));
  next.version = in.version + 1;
  next.updated_at = d_.clock.Now();
  ports::AuditEntry entry{caller.Actor(), NameOf(action), from, in.payload_json, std::move(documents)};
  // Priors recorded by the change count for the employee's later cases too
  // (reference §2.5a): stored per NIP with this change.
  for (size_t i = priors_before; i < next.prior_punishments.size(); ++i) {
    entry.new_priors.push_back(next.prior_punishments[i]);
  }
  // PP 94/2021 Pasal 39: a punishment is recorded in SIASN. The record the
  // change makes (delivery, a remedy decision) goes into the outbox in the
  // same transaction, under a key of the case and this version.
  // A remedy under way changes nothing SIASN holds: the record is saved
  // again when the remedy is decided (reference §2.5a).
  if (const auto record = SiasnOf(next); record.has_value() && next.state != CaseState::kUnderRemedy) {
    const bool same = record_before.has_value() && record_before->ok() == record->ok() &&
                      (record->ok() ? **record_before == **record : record_before->status() == record->status());
    if (!same) {
      entry.siasn_key = absl::StrCat(next.case_id, ":", next.version);
      if (record->ok()) {
        entry.siasn_record = **record;
      } else {
        entry.siasn_error = std::string(record->status().message());
      }
    }
  }
  AddNotifications(action, next, &entry);
  return d_.cases.Update(next, entry, key);
}

absl::StatusOr<CaseView> CaseUseCases::IssueSummons(const domain::Caller& caller, const ChangeInput& in,
                                                    const domain::IssueSummonsCommand& cmd) {
  RETURN_IF_ERROR(CheckSummons(cmd));
  return Change(caller, in, domain::Action::kIssueSummons, [&](Case c, absl::CivilDay today) -> absl::StatusOr<Case> {
    RETURN_IF_ERROR(NotInFuture(cmd.issued_on, today, "issued_on"));
    return domain::IssueSummons(Ctx(), std::move(c), cmd);
  });
}

absl::StatusOr<CaseView> CaseUseCases::RecordExamination(const domain::Caller& caller, const ChangeInput& in,
                                                         const domain::RecordExaminationCommand& cmd) {
  RETURN_IF_ERROR(CheckExamination(cmd));
  ASSIGN_OR_RETURN(auto documents, Documents({cmd.bap_document_id}, "bap_document_id"));
  Access access;
  access.examiners = cmd.examiner_nips;
  access.examiners.insert(access.examiners.end(), cmd.examination_team_nips.begin(), cmd.examination_team_nips.end());
  return Change(
      caller, in, domain::Action::kRecordExamination,
      [&](Case c, absl::CivilDay today) -> absl::StatusOr<Case> {
        RETURN_IF_ERROR(NotInFuture(cmd.examined_on, today, "examined_on"));
        return domain::RecordExamination(Ctx(), std::move(c), cmd);
      },
      std::move(documents), access);
}

absl::StatusOr<CaseView> CaseUseCases::RecommendSanction(const domain::Caller& caller, const ChangeInput& in,
                                                         std::optional<absl::CivilDay> recommended_on) {
  if (recommended_on.has_value()) RETURN_IF_ERROR(CheckDate(*recommended_on, "recommended_on"));
  return Change(
      caller, in, domain::Action::kRecommendSanction, [&](Case c, absl::CivilDay today) -> absl::StatusOr<Case> {
        domain::RecommendCommand cmd;
        cmd.recommended_on = recommended_on.value_or(today);
        RETURN_IF_ERROR(NotInFuture(cmd.recommended_on, today, "recommended_on"));
        // Repeat offence (reference §2.5a): the employee's earlier punishments
        // from this service's decided cases and those recorded outside it (on
        // any of the employee's cases, this one's too); the domain counts the
        // last one in force of the same nature.
        ASSIGN_OR_RETURN(auto earlier, d_.cases.DecidedCasesOf(c.employee.nip));
        ASSIGN_OR_RETURN(std::vector<domain::PriorPunishment> recorded, d_.cases.PriorPunishmentsOf(c.employee.nip));
        recorded.insert(recorded.end(), c.prior_punishments.begin(), c.prior_punishments.end());
        // And the riwayat hukuman disiplin the personnel source keeps (SIMPEG or
        // SIASN; api.md "Priors are also read from the personnel source's
        // history"): an SK already recorded is counted once (PriorCandidates).
        ASSIGN_OR_RETURN(std::vector<domain::PriorPunishment> riwayat, d_.personnel.PriorPunishments(c.employee.nip));
        recorded.insert(recorded.end(), riwayat.begin(), riwayat.end());
        cmd.priors = domain::PriorCandidates(earlier, recorded, c.case_id);
        // The people who decide each permitted punishment: up the superior
        // chain, or the PPK, or the President, as the rule points.
        ASSIGN_OR_RETURN(cmd.superiors, d_.personnel.SuperiorChain(c.employee.nip));
        ASSIGN_OR_RETURN(cmd.agency, d_.personnel.GetAgency(c.agency_code));
        return domain::RecommendSanction(Ctx(), std::move(c), cmd);
      });
}

absl::StatusOr<CaseView> CaseUseCases::DecideSanction(const domain::Caller& caller, const ChangeInput& in,
                                                      const domain::DecideCommand& cmd) {
  RETURN_IF_ERROR(CheckDecision(cmd));
  RETURN_IF_ERROR(CheckText(cmd.decision_document_id, 80, "decision_document_id"));
  ASSIGN_OR_RETURN(auto documents, Documents({cmd.decision_document_id}, "decision_document_id"));
  // The official who may decide is the one of the punishment the request
  // imposes (the recommendation's fixed type when it approves one).
  Access access;
  access.punishment = [&](const Case& c) {
    if (cmd.outcome == domain::DecisionOutcome::kReject || !c.recommendation.has_value()) {
      return domain::Punishment::kUnspecified;
    }
    const domain::Punishment fixed = c.recommendation->assessment.punishment;
    if (cmd.outcome == domain::DecisionOutcome::kApprove && fixed != domain::Punishment::kUnspecified) return fixed;
    return cmd.punishment;
  };
  return Change(
      caller, in, domain::Action::kDecideSanction,
      [&](Case c, absl::CivilDay today) -> absl::StatusOr<Case> {
        RETURN_IF_ERROR(NotInFuture(cmd.decided_on, today, "decided_on"));
        if (cmd.proposed_on.has_value()) RETURN_IF_ERROR(NotInFuture(*cmd.proposed_on, today, "proposed_on"));
        return domain::DecideSanction(Ctx(), std::move(c), cmd);
      },
      std::move(documents), access);
}

absl::StatusOr<CaseView> CaseUseCases::RecordSignedDecision(const domain::Caller& caller, const ChangeInput& in,
                                                            const std::string& signed_document_id) {
  ASSIGN_OR_RETURN(auto documents, Documents({signed_document_id}, "document_id"));
  Access access;
  // The official of the punishment imposed (PP 94/2021 Pasal 18-25).
  access.punishment = [](const Case& c) {
    return c.decision.has_value() ? c.decision->punishment : domain::Punishment::kUnspecified;
  };
  return Change(
      caller, in, domain::Action::kSignDocument,
      [&](Case c, absl::CivilDay) -> absl::StatusOr<Case> {
        if (c.state != CaseState::kDecided || !c.decision.has_value() ||
            c.decision->outcome == domain::DecisionOutcome::kReject) {
          return WithIndonesian(absl::FailedPreconditionError("case_id: only the SK of a decided punishment is signed"),
                                "Hanya SK hukuman disiplin dari perkara yang telah diputus yang dapat ditandatangani.");
        }
        c.decision->document_id = signed_document_id;
        return c;
      },
      std::move(documents), access);
}

absl::StatusOr<CaseView> CaseUseCases::WithdrawRecommendation(const domain::Caller& caller, const ChangeInput& in,
                                                              const domain::WithdrawRecommendationCommand& cmd) {
  RETURN_IF_ERROR(CheckText(cmd.reason, kMaxReasonBytes, "reason"));
  return Change(caller, in, domain::Action::kWithdrawRecommendation,
                [&](Case c, absl::CivilDay) { return domain::WithdrawRecommendation(Ctx(), std::move(c), cmd); });
}

absl::StatusOr<CaseView> CaseUseCases::ReissueSummons(const domain::Caller& caller, const ChangeInput& in,
                                                      const domain::ReissueSummonsCommand& cmd) {
  RETURN_IF_ERROR(CheckSummons(cmd.summons));
  RETURN_IF_ERROR(CheckText(cmd.irregularity, kMaxReasonBytes, "irregularity"));
  return Change(caller, in, domain::Action::kReissueSummons, [&](Case c, absl::CivilDay today) -> absl::StatusOr<Case> {
    RETURN_IF_ERROR(NotInFuture(cmd.summons.issued_on, today, "issued_on"));
    return domain::ReissueSummons(Ctx(), std::move(c), cmd);
  });
}

absl::StatusOr<CaseView> CaseUseCases::ReopenExamination(const domain::Caller& caller, const ChangeInput& in,
                                                         const domain::ReopenExaminationCommand& cmd) {
  RETURN_IF_ERROR(CheckText(cmd.reason, kMaxReasonBytes, "reason"));
  return Change(caller, in, domain::Action::kReopenExamination,
                [&](Case c, absl::CivilDay) { return domain::ReopenExamination(Ctx(), std::move(c), cmd); });
}

absl::StatusOr<CaseView> CaseUseCases::JoinCases(const domain::Caller& caller, const ChangeInput& in,
                                                 const std::vector<std::string>& joined_case_ids) {
  RETURN_IF_ERROR(ValidateRequestId(in.request_id));
  if (in.case_id.empty()) return InvalidField("case_id", "is required");
  RETURN_IF_ERROR(CheckChange(in));
  if (in.version <= 0) return InvalidField("version", "is required: the version of the case the change is based on");
  if (joined_case_ids.empty()) return InvalidField("joined_case_ids", "at least one case to join is required");
  RETURN_IF_ERROR(CheckCount(joined_case_ids.size(), kMaxDocumentIds, "joined_case_ids"));
  for (size_t i = 0; i < joined_case_ids.size(); ++i) {
    const std::string field = absl::StrCat("joined_case_ids[", i, "]");
    if (joined_case_ids[i].empty()) return InvalidField(field, "is empty");
    RETURN_IF_ERROR(CheckText(joined_case_ids[i], kMaxCaseIdBytes, field));
  }
  const domain::Action act = domain::Action::kJoinCases;
  RETURN_IF_ERROR(domain::Authorize(caller, act, nullptr, *d_.policy));
  ASSIGN_OR_RETURN(Case target, d_.cases.Get(in.case_id));
  {
    const domain::CaseScope scope = domain::ScopeOf(target);
    RETURN_IF_ERROR(domain::Authorize(caller, act, &scope, *d_.policy));
  }
  const ports::IdempotencyKey key{target.agency_code, NameOf(act), in.request_id, in.request};
  ASSIGN_OR_RETURN(Case changed, Once(key, [&]() -> absl::StatusOr<Case> {
                     if (target.version != in.version) return StaleVersion(target.version, in.version);
                     return Join(caller, in, std::move(target), joined_case_ids, key);
                   }));
  return View(std::move(changed));
}

absl::StatusOr<Case> CaseUseCases::Join(const domain::Caller& caller, const ChangeInput& in, Case target,
                                        const std::vector<std::string>& joined_case_ids,
                                        const ports::IdempotencyKey& key) {
  const domain::Action act = domain::Action::kJoinCases;
  std::vector<Case> joined;
  for (const std::string& id : joined_case_ids) {
    // The target itself or a case named twice: the domain names the repeat.
    if (id == target.case_id) {
      joined.push_back(target);
      continue;
    }
    auto again = std::find_if(joined.begin(), joined.end(), [&](const Case& j) { return j.case_id == id; });
    if (again != joined.end()) {
      joined.push_back(*again);
      continue;
    }
    ASSIGN_OR_RETURN(Case j, d_.cases.Get(id));
    const domain::CaseScope scope = domain::ScopeOf(j);
    RETURN_IF_ERROR(domain::Authorize(caller, act, &scope, *d_.policy));
    joined.push_back(std::move(j));
  }
  std::vector<std::pair<CaseState, int64_t>> before;
  for (const Case& j : joined) before.emplace_back(j.state, j.version);
  const CaseState from = target.state;
  ASSIGN_OR_RETURN(absl::CivilDay today, TodayIn(target.agency_time_zone));
  ASSIGN_OR_RETURN(domain::JoinedCases result, domain::JoinCases(Ctx(), std::move(target), std::move(joined), today));
  const absl::Time now = d_.clock.Now();
  std::vector<std::pair<Case, ports::AuditEntry>> changes;
  result.target.version = in.version + 1;
  result.target.updated_at = now;
  changes.push_back({std::move(result.target), ports::AuditEntry{caller.Actor(), NameOf(act), from, in.payload_json}});
  for (size_t i = 0; i < result.joined.size(); ++i) {
    Case& j = result.joined[i];
    j.version = before[i].second + 1;
    j.updated_at = now;
    changes.push_back({std::move(j), ports::AuditEntry{caller.Actor(), NameOf(act), before[i].first, in.payload_json}});
  }
  return d_.cases.UpdateMany(changes, key);
}

absl::StatusOr<CaseView> CaseUseCases::RecordDelivery(const domain::Caller& caller, const ChangeInput& in,
                                                      absl::CivilDay delivered_on) {
  RETURN_IF_ERROR(CheckDate(delivered_on, "delivered_on"));
  return Change(caller, in, domain::Action::kRecordDelivery, [&](Case c, absl::CivilDay today) -> absl::StatusOr<Case> {
    RETURN_IF_ERROR(NotInFuture(delivered_on, today, "delivered_on"));
    return domain::RecordDelivery(Ctx(), std::move(c), delivered_on);
  });
}

absl::StatusOr<CaseView> CaseUseCases::FileRemedy(const domain::Caller& caller, const ChangeInput& in,
                                                  domain::Remedy kind, absl::CivilDay filed_on) {
  RETURN_IF_ERROR(CheckDate(filed_on, "filed_on"));
  return Change(caller, in, domain::Action::kFileRemedy, [&](Case c, absl::CivilDay today) -> absl::StatusOr<Case> {
    RETURN_IF_ERROR(NotInFuture(filed_on, today, "filed_on"));
    return domain::FileRemedy(Ctx(), std::move(c), kind, filed_on);
  });
}

absl::StatusOr<CaseView> CaseUseCases::DecideRemedy(const domain::Caller& caller, const ChangeInput& in,
                                                    const domain::DecideRemedyCommand& cmd) {
  RETURN_IF_ERROR(CheckRemedyDecision(cmd));
  RETURN_IF_ERROR(CheckText(cmd.decided_by_agency_code, kMaxAgencyCodeBytes, "decided_by_agency_code"));
  return Change(caller, in, domain::Action::kDecideRemedy, [&](Case c, absl::CivilDay today) -> absl::StatusOr<Case> {
    RETURN_IF_ERROR(NotInFuture(cmd.decided_on, today, "decided_on"));
    domain::DecideRemedyCommand resolved = cmd;
    if (c.state == CaseState::kUnderRemedy && c.remedy == domain::Remedy::kKeberatan) {
      ASSIGN_OR_RETURN(resolved.decided_by, ResolveRemedyOfficial(c, cmd));
    }
    if (cmd.outcome == domain::RemedyOutcome::kAnnulled) {
      // Separation of duties: the annulment waits for the PPK.
      return domain::RequestAnnulment(Ctx(), std::move(c), resolved, caller.Id(), d_.clock.Now());
    }
    return domain::DecideRemedy(Ctx(), std::move(c), resolved);
  });
}

absl::StatusOr<domain::Official> CaseUseCases::ResolveRemedyOfficial(const Case& c,
                                                                     const domain::DecideRemedyCommand& cmd) {
  // PP 79/2021: the superior of the official who imposed the punishment
  // decides a keberatan: a real official of the personnel data, not a name
  // typed in.
  const domain::Official& in = cmd.decided_by;
  if (!in.nip.empty()) {
    ASSIGN_OR_RETURN(std::string nip, domain::NormalizeNip(in.nip, "decided_by.nip"));
    absl::StatusOr<domain::EmployeeSnapshot> e = d_.personnel.GetEmployee(nip);
    if (e.status().code() == absl::StatusCode::kNotFound) {
      return InvalidField("decided_by.nip", "no employee with this NIP in the personnel data (SIMPEG)",
                          "NIP pejabat yang memutus keberatan tidak ditemukan dalam data kepegawaian.");
    }
    if (!e.ok()) return e.status();
    return domain::Official{in.role, e->nip, e->name, e->position_title};
  }
  if (in.role == domain::AuthorityRole::kPpk) {
    const std::string agency = cmd.decided_by_agency_code.empty() ? c.agency_code : cmd.decided_by_agency_code;
    absl::StatusOr<domain::Agency> a = d_.personnel.GetAgency(agency);
    if (a.status().code() == absl::StatusCode::kNotFound) {
      return InvalidField("decided_by_agency_code", absl::StrCat("no agency ", agency, " in the personnel data"));
    }
    if (!a.ok()) return a.status();
    return domain::Official{domain::AuthorityRole::kPpk, "", a->ppk_name, a->ppk_title};
  }
  return InvalidField("decided_by.nip",
                      "is required: the superior of the official who imposed the punishment, as in the personnel "
                      "data (or role AUTHORITY_ROLE_PPK with decided_by_agency_code for a PPK)",
                      "Pejabat yang memutus keberatan wajib dipilih dari data kepegawaian (NIP).");
}

absl::StatusOr<CaseView> CaseUseCases::ConfirmCaseAction(const domain::Caller& caller, const ChangeInput& in,
                                                         domain::CaseActionKind kind, bool reject) {
  if (kind == domain::CaseActionKind::kUnspecified) {
    return InvalidField("kind", "is required: the kind of the pending action confirmed");
  }
  return Change(caller, in, domain::Action::kConfirmCaseAction, [&](Case c, absl::CivilDay today) {
    return domain::ConfirmAction(Ctx(), std::move(c), kind, reject, today);
  });
}

absl::StatusOr<CaseView> CaseUseCases::ReleaseFromDuty(const domain::Caller& caller, const ChangeInput& in,
                                                       domain::ReleaseFromDutyCommand cmd) {
  RETURN_IF_ERROR(CheckText(cmd.decree_number, 128, "decree_number"));
  RETURN_IF_ERROR(CheckDate(cmd.decided_on, "decided_on"));
  return Change(caller, in, domain::Action::kReleaseFromDuty,
                [&](Case c, absl::CivilDay today) -> absl::StatusOr<Case> {
                  RETURN_IF_ERROR(NotInFuture(cmd.decided_on, today, "decided_on"));
                  // PP 94/2021 ≈ Pasal 31: the direct superior or the next higher
                  // official, as the personnel data has them.
                  ASSIGN_OR_RETURN(cmd.superiors, d_.personnel.SuperiorChain(c.employee.nip));
                  return domain::ReleaseFromDuty(Ctx(), std::move(c), cmd);
                });
}

absl::StatusOr<CaseView> CaseUseCases::RecordEmployeeEvent(const domain::Caller& caller, const ChangeInput& in,
                                                           const domain::RecordEmployeeEventCommand& cmd) {
  RETURN_IF_ERROR(CheckDate(cmd.occurred_on, "occurred_on"));
  RETURN_IF_ERROR(CheckText(cmd.document_id, 80, "document_id"));
  RETURN_IF_ERROR(CheckText(cmd.note, kMaxReasonBytes, "note"));
  ASSIGN_OR_RETURN(auto documents, Documents({cmd.document_id}, "document_id"));
  return Change(
      caller, in, domain::Action::kRecordEmployeeEvent,
      [&](Case c, absl::CivilDay today) -> absl::StatusOr<Case> {
        RETURN_IF_ERROR(NotInFuture(cmd.occurred_on, today, "occurred_on"));
        return domain::RecordEmployeeEvent(Ctx(), std::move(c), cmd);
      },
      std::move(documents));
}

absl::StatusOr<CaseView> CaseUseCases::AddPriorPunishment(const domain::Caller& caller, const ChangeInput& in,
                                                          const domain::PriorPunishment& prior) {
  RETURN_IF_ERROR(CheckText(prior.provision_id, 64, "prior.provision_id"));
  RETURN_IF_ERROR(CheckText(prior.decision_number, 128, "prior.decision_number"));
  RETURN_IF_ERROR(CheckText(prior.document_id, 80, "prior.document_id"));
  RETURN_IF_ERROR(CheckDate(prior.decided_on, "prior.decided_on"));
  if (prior.effective_on.has_value()) RETURN_IF_ERROR(CheckDate(*prior.effective_on, "prior.effective_on"));
  ASSIGN_OR_RETURN(auto documents, Documents({prior.document_id}, "prior.document_id"));
  return Change(
      caller, in, domain::Action::kAddPriorPunishment,
      [&](Case c, absl::CivilDay today) -> absl::StatusOr<Case> {
        // An SK already made: its date is not after the agency's today.
        RETURN_IF_ERROR(NotInFuture(prior.decided_on, today, "prior.decided_on"));
        return domain::AddPriorPunishment(Ctx(), std::move(c), prior);
      },
      std::move(documents));
}

absl::StatusOr<CaseView> CaseUseCases::CloseCase(const domain::Caller& caller, const ChangeInput& in,
                                                 domain::CloseCommand cmd) {
  RETURN_IF_ERROR(CheckClose(cmd));
  return Change(caller, in, domain::Action::kCloseCase, [&](Case c, absl::CivilDay today) {
    cmd.closed_on = today;
    // Separation of duties: a termination waits for the PPK.
    if (cmd.terminated) return domain::RequestTermination(Ctx(), std::move(c), cmd, caller.Id(), d_.clock.Now());
    return domain::CloseCase(Ctx(), std::move(c), cmd);
  });
}

std::optional<absl::StatusOr<domain::SiasnHukdis>> CaseUseCases::SiasnOf(const Case& c) const {
  if (d_.siasn_codes == nullptr || !domain::HasSiasnRecord(c)) return std::nullopt;
  return domain::MapToSiasn(c, d_.rules, *d_.siasn_codes, d_.siasn_document_base);
}

absl::StatusOr<SiasnAnswer> CaseUseCases::SiasnRecord(const domain::Caller& caller, const std::string& case_id) {
  ASSIGN_OR_RETURN(Case c, Load(caller, case_id, domain::Action::kGetCase));
  if (d_.siasn_codes == nullptr) return absl::FailedPreconditionError("no SIASN code table is configured");
  SiasnAnswer a;
  ASSIGN_OR_RETURN(a.record, domain::MapToSiasn(c, d_.rules, *d_.siasn_codes, d_.siasn_document_base));
  a.codes_version = d_.siasn_codes->version;
  a.export_state = SiasnExportOf(c);
  return a;
}

std::optional<ports::SiasnExport> CaseUseCases::SiasnExportOf(const Case& c) const {
  // Only a case with a record has an outbox row: no query for the others.
  if (d_.siasn_outbox == nullptr || d_.siasn_codes == nullptr || !domain::HasSiasnRecord(c)) return std::nullopt;
  auto e = d_.siasn_outbox->ExportOf(c.case_id);
  return e.ok() ? *e : std::nullopt;
}

absl::StatusOr<EscalationRun> CaseUseCases::EscalateFollowUps(int max_cases) {
  // Due before the agency's today: WIT is at most a day ahead of WIB, and
  // the domain decides for each case on its own agency's day.
  ASSIGN_OR_RETURN(std::vector<Case> due, d_.cases.FollowUpsDue(Today() + 2, max_cases));
  EscalationRun run;
  const domain::Caller system = domain::SystemCaller();
  for (Case& listed : due) {
    absl::StatusOr<Case> c = std::move(listed);
    // At most two steps (OVERDUE, then BLOCKING_REQUESTED), each from the
    // case as the last step stored it; a reload only after a race with a
    // person's change.
    for (int attempt = 0; attempt < 4 && c.ok(); ++attempt) {
      const std::string id = c->case_id;
      absl::StatusOr<absl::CivilDay> today = TodayIn(c->agency_time_zone);
      absl::StatusOr<std::optional<domain::FollowUpState>> next =
          today.ok() ? domain::DueEscalation(Ctx(), *c, *today) : today.status();
      if (!next.ok()) {
        ++run.failed;
        run.last_error = absl::StrCat(id, ": ", next.status().message());
        break;
      }
      if (!next->has_value()) break;
      const std::string step(domain::Name(**next));
      const ports::IdempotencyKey key{c->agency_code, "EscalateFollowUp", absl::StrCat("follow-up:", id, ":", step),
                                      step};
      absl::StatusOr<Case> changed = domain::Escalate(Ctx(), *c, *today);
      if (!changed.ok()) break;
      changed->version = c->version + 1;
      changed->updated_at = d_.clock.Now();
      const std::string payload =
          absl::StrCat(R"({"follow_up_state":")", step, R"(","on":")", domain::FormatIsoDate(*today), R"("})");
      absl::StatusOr<Case> stored =
          d_.cases.Update(*changed, {system.Actor(), "EscalateFollowUp", c->state, payload, {}}, key);
      if (stored.status().code() == absl::StatusCode::kAborted) {  // changed meanwhile: reload
        c = d_.cases.Get(id);
        continue;
      }
      if (!stored.ok()) {
        ++run.failed;
        run.last_error = absl::StrCat(id, ": ", stored.status().message());
        break;
      }
      ++run.steps;
      c = std::move(stored);
    }
  }
  return run;
}

absl::StatusOr<std::vector<domain::AuditEvent>> CaseUseCases::History(const domain::Caller& caller,
                                                                      const std::string& case_id,
                                                                      int64_t after_sequence, int limit,
                                                                      domain::Action action) {
  RETURN_IF_ERROR(Load(caller, case_id, action).status());
  return d_.cases.History(case_id, after_sequence, limit);
}

CaseView CaseUseCases::View(Case c) const {
  CaseView view;
  const absl::StatusOr<absl::CivilDay> today = TodayIn(c.agency_time_zone);
  static_cast<Case&>(view) = today.ok() ? domain::FollowUpAsRead(std::move(c), *today) : std::move(c);
  view.working_days_left = WorkingDaysLeft(view);
  return view;
}

absl::StatusOr<std::vector<domain::PunishmentTerm>> CaseUseCases::PunishmentsRecordedElsewhere(
    const std::string& nip, const std::vector<Case>& cases) const {
  // Punishments imposed outside the service (reference §2.5a: entered by
  // hand with the SK, AddPriorPunishment): each becomes a PunishmentTerm with
  // an empty case_id. An SK that is also one of the service's cases counts
  // once, as the case stands.
  ASSIGN_OR_RETURN(std::vector<domain::PriorPunishment> priors, d_.cases.PriorPunishmentsOf(nip));
  std::vector<domain::PunishmentTerm> terms;
  for (const domain::PriorPunishment& p : priors) {
    const bool also_a_case = std::any_of(cases.begin(), cases.end(), [&](const Case& c) {
      return c.decision.has_value() && !p.decision_number.empty() && c.decision->decision_number == p.decision_number;
    });
    const bool seen = std::any_of(terms.begin(), terms.end(), [&](const domain::PunishmentTerm& t) {
      return !p.decision_number.empty() && t.decision_number == p.decision_number;
    });
    if (also_a_case || seen) continue;
    domain::PunishmentTerm t;
    t.punishment = p.punishment;
    t.decision_number = p.decision_number;
    t.decided_on = p.decided_on;
    t.effective_on = p.effective_on;
    t.ends_on = domain::EndsOn(p.punishment, p.effective_on);
    terms.push_back(std::move(t));
  }
  return terms;
}

absl::StatusOr<domain::DisciplineStatus> CaseUseCases::GetDisciplineStatus(const domain::Caller& caller,
                                                                           const std::string& nip_text,
                                                                           std::optional<absl::CivilDay> on_date) {
  // A role without the right is refused before anything is read.
  RETURN_IF_ERROR(domain::Authorize(caller, domain::Action::kGetDisciplineStatus, nullptr, *d_.policy));
  ASSIGN_OR_RETURN(const std::string nip, domain::NormalizeNip(nip_text, "nip"));
  if (on_date.has_value()) RETURN_IF_ERROR(CheckDate(*on_date, "on_date"));
  const absl::Status unknown = WithIndonesian(absl::NotFoundError(absl::StrCat("nip: no employee with NIP ", nip)),
                                              "Pegawai dengan NIP tersebut tidak ditemukan.");
  absl::StatusOr<domain::EmployeeSnapshot> employee = d_.personnel.GetEmployee(nip);
  if (employee.status().code() == absl::StatusCode::kNotFound) return unknown;
  if (!employee.ok()) return employee.status();
  // Another agency's employee reads as unknown: the answer reveals nothing.
  if (!domain::Authorize(caller, domain::Action::kGetDisciplineStatus, nullptr, *d_.policy, employee->agency_code)
           .ok()) {
    return unknown;
  }
  if (!on_date.has_value()) {
    ASSIGN_OR_RETURN(domain::Agency agency, d_.personnel.GetAgency(employee->agency_code));
    ASSIGN_OR_RETURN(on_date, TodayIn(agency.time_zone));
  }
  ASSIGN_OR_RETURN(std::vector<Case> cases, d_.cases.CasesOfEmployee(nip));
  ASSIGN_OR_RETURN(std::vector<domain::PunishmentTerm> elsewhere, PunishmentsRecordedElsewhere(nip, cases));
  domain::DisciplineStatus status = domain::ComputeDisciplineStatus(nip, *on_date, cases, elsewhere, d_.rules);
  if (domain::SeesEveryAgency(caller, domain::Action::kGetDisciplineStatus, *d_.policy)) return status;
  // A case of another agency (the employee's former one, after a transfer)
  // counts with its facts, but its id is not the caller's to know.
  std::vector<std::string> hidden;
  for (const Case& c : cases) {
    if (c.agency_code != caller.agency_code) hidden.push_back(c.case_id);
  }
  const auto is_hidden = [&](const std::string& id) {
    return std::find(hidden.begin(), hidden.end(), id) != hidden.end();
  };
  status.open_case_ids.erase(std::remove_if(status.open_case_ids.begin(), status.open_case_ids.end(), is_hidden),
                             status.open_case_ids.end());
  for (domain::PunishmentTerm& t : status.serving) {
    if (is_hidden(t.case_id)) t.case_id.clear();
  }
  if (status.last_punishment.has_value() && is_hidden(status.last_punishment->case_id)) {
    status.last_punishment->case_id.clear();
  }
  for (domain::RestrictionEntry& r : status.restrictions) {
    r.case_ids.erase(std::remove_if(r.case_ids.begin(), r.case_ids.end(), is_hidden), r.case_ids.end());
  }
  return status;
}

absl::StatusOr<ports::VerifyResult> CaseUseCases::Verify(const domain::Caller& caller, const std::string& case_id) {
  RETURN_IF_ERROR(Load(caller, case_id, domain::Action::kVerifyCaseHistory).status());
  return d_.cases.Verify(case_id);
}

}  // namespace discipline::app
