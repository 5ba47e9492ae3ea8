#ifndef DISCIPLINE_SERVICE_APP_CASE_USE_CASES_H_
#define DISCIPLINE_SERVICE_APP_CASE_USE_CASES_H_

// The use cases of CaseService and AuditService: load through the ports,
// call the domain, persist the change and its audit event in one step.
// Thread-safe (holds references only; the ports are thread-safe).

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "service/domain/access.h"
#include "service/domain/audit.h"
#include "service/domain/calendar.h"
#include "service/domain/case_machine.h"
#include "service/domain/discipline_status.h"
#include "service/domain/local_time.h"
#include "service/domain/rules_engine.h"
#include "service/domain/siasn.h"
#include "service/ports/case_repository.h"
#include "service/ports/clock.h"
#include "service/ports/document_store.h"
#include "service/ports/personnel_directory.h"

namespace discipline::app {

// The one "today" of the service: the day of `t` in an agency's zone (WIB,
// WITA or WIT, domain/local_time.h); "" is WIB (Asia/Jakarta), the default
// for the dates the law counts. FAILED_PRECONDITION for a zone that is not
// Indonesian (bad personnel data).
absl::StatusOr<absl::CivilDay> AgencyDay(absl::Time t, absl::string_view time_zone);
// AgencyDay in WIB (Asia/Jakarta): for what is not one agency's (reports,
// the calendar's reach, the escalation's query).
absl::CivilDay JakartaDay(absl::Time t);

// The reporter of a case (api.md "Safe edges") has one owner per step:
// the case store seals it at filing (adapters/common/reporter_seal.h: the
// case carries a commitment in its place), CaseUseCases::GetCase opens it
// for intake alone (the read is an audit event), and what an audit payload
// or a log may show of it is this: "[rahasia]" for a reporter, "" for none.
std::string ReporterAsAudited(absl::string_view reporter);

// A case as answered to a read or a change: the case as read (its
// follow-up as of the agency's today, never stored), with what is computed
// when it is read. One use case call makes it, so a handler only converts.
// A document of a case as its readers see it listed (DescribeDocuments).
struct CaseDocument {
  ports::DocumentMetadata metadata;
  ports::DocumentRef ref;
};

struct CaseView : domain::Case {
  // For each open deadline, in order: the working days from the agency's
  // today to its due day (negative once overdue), or nullopt where the
  // calendar does not reach.
  std::vector<std::optional<int>> working_days_left;
  // How the case's SIASN delivery stands (GetCase, for a case that has a
  // record; not read for a change's answer or a listing).
  std::optional<ports::SiasnExport> siasn_export;
  // The documents the caller may open (GetCase only), from their metadata.
  std::vector<CaseDocument> documents;
};

struct CaseViewPage {
  std::vector<CaseView> cases;
  bool more = false;  // more cases follow the last one of this page
};

struct FileCaseInput {
  std::string request_id;
  std::string agency_code;
  std::string employee_nip;
  domain::Source source = domain::Source::kUnspecified;
  std::string reporter;
  std::vector<domain::ViolationRecord> allegations;
  absl::CivilDay received_on;
  std::vector<std::string> document_ids;
  // A neutrality recommendation of Bawaslu or BKN, and its follow-up due
  // day when the recommendation sets one.
  std::optional<domain::ExternalRecommendation> recommendation;
  std::optional<absl::CivilDay> follow_up_due_on;
  // The earlier case this one is filed against, and the relation (PP 94/2021
  // Pasal 28, the superior's liability); empty / kUnspecified for none.
  std::string related_case_id;
  domain::CaseRelation relation = domain::CaseRelation::kUnspecified;
  std::string payload_json;  // for the audit event (no secrets)
  // The canonical request without its request_id (idempotency: the same
  // request_id with another request is refused).
  std::string request;
};

// Every change of an existing case carries these.
struct ChangeInput {
  std::string request_id;
  std::string case_id;
  int64_t version = 0;
  std::string payload_json;
  // The canonical request without its request_id.
  std::string request;
};

// What one run of the follow-up escalation did, for the operator's log.
struct EscalationRun {
  // Escalation steps stored by this run (or, when a concurrent run stored
  // the same step first, confirmed by it: the step itself is stored once).
  int steps = 0;
  int failed = 0;  // cases left for the next run (a database error, a race)
  std::string last_error;
};

struct Deps {
  ports::CaseRepository& cases;
  ports::PersonnelDirectory& personnel;
  const domain::RulesEngine& rules;
  const domain::WorkingDayCalendar& calendar;
  const ports::Clock& clock;
  // Generates new case ids.
  std::function<std::string()> new_case_id;
  // When set, referenced documents must exist and the audit event records
  // their SHA-256.
  ports::DocumentStore* documents = nullptr;
  // Who may do what (domain/access.h); the API contract's defaults.
  const domain::Policy* policy = &domain::DefaultPolicy();
  // SIASN: the code table (no record is made without one), where SIASN
  // fetches the documents, and the outbox's state for GetSiasnRecord.
  const domain::SiasnCodes* siasn_codes = nullptr;
  std::string siasn_document_base;
  ports::SiasnOutbox* siasn_outbox = nullptr;
  // Notifications (service/app/notifications.cc): when set, the summons to
  // the employee is put in the notification outbox with the change, on
  // these channels.
  bool notify_email = false;
  bool notify_whatsapp = false;
};

struct SiasnAnswer {
  domain::SiasnHukdis record;
  std::string codes_version;
  std::optional<ports::SiasnExport> export_state;
};

class CaseUseCases {
 public:
  explicit CaseUseCases(Deps deps) : d_(std::move(deps)) {}

  absl::StatusOr<CaseView> FileCase(const domain::Caller& caller, const FileCaseInput& in);
  // The case, with the sealed reporter only for a caller allowed to read it
  // (intake); such a read is itself an audit event.
  absl::StatusOr<CaseView> GetCase(const domain::Caller& caller, const std::string& case_id);
  // The caller's agency only (the filter is forced to it), except for the
  // supervisor; PERMISSION_DENIED for another agency's listing.
  absl::StatusOr<CaseViewPage> ListCases(const domain::Caller& caller, ports::CaseFilter filter);
  absl::StatusOr<CaseView> IssueSummons(const domain::Caller& caller, const ChangeInput& in,
                                        const domain::IssueSummonsCommand& cmd);
  absl::StatusOr<CaseView> RecordExamination(const domain::Caller& caller, const ChangeInput& in,
                                             const domain::RecordExaminationCommand& cmd);
  // `recommended_on` defaults to the agency's today.
  absl::StatusOr<CaseView> RecommendSanction(const domain::Caller& caller, const ChangeInput& in,
                                             std::optional<absl::CivilDay> recommended_on);
  absl::StatusOr<CaseView> DecideSanction(const domain::Caller& caller, const ChangeInput& in,
                                          const domain::DecideCommand& cmd);
  absl::StatusOr<CaseView> WithdrawRecommendation(const domain::Caller& caller, const ChangeInput& in,
                                                  const domain::WithdrawRecommendationCommand& cmd);
  // api.md third stage: a summons reissued with its irregularity; an
  // examination reopened with its reason. Audited changes like the others.
  absl::StatusOr<CaseView> ReissueSummons(const domain::Caller& caller, const ChangeInput& in,
                                          const domain::ReissueSummonsCommand& cmd);
  absl::StatusOr<CaseView> ReopenExamination(const domain::Caller& caller, const ChangeInput& in,
                                             const domain::ReopenExaminationCommand& cmd);
  // One punishment for several violations (reference §2.5a): the cases
  // `joined_case_ids` joined into in.case_id, every changed case with its
  // audit event in one transaction. The caller must be allowed JoinCases on
  // each case; a case the caller may not see is NOT_FOUND.
  absl::StatusOr<CaseView> JoinCases(const domain::Caller& caller, const ChangeInput& in,
                                     const std::vector<std::string>& joined_case_ids);
  absl::StatusOr<CaseView> RecordDelivery(const domain::Caller& caller, const ChangeInput& in,
                                          absl::CivilDay delivered_on);
  absl::StatusOr<CaseView> FileRemedy(const domain::Caller& caller, const ChangeInput& in, domain::Remedy kind,
                                      absl::CivilDay filed_on);
  // `cmd.closed_on` is set to the agency's today.
  absl::StatusOr<CaseView> CloseCase(const domain::Caller& caller, const ChangeInput& in, domain::CloseCommand cmd);
  // A keberatan's decided_by is resolved from the personnel data (by NIP, or
  // the PPK of decided_by_agency_code). An annulment, like a termination
  // (CloseCase), is only requested here: it waits for ConfirmCaseAction.
  absl::StatusOr<CaseView> DecideRemedy(const domain::Caller& caller, const ChangeInput& in,
                                        const domain::DecideRemedyCommand& cmd);
  // A punishment imposed outside the service, recorded on the case and under
  // the employee's NIP (reference §2.5a).
  absl::StatusOr<CaseView> AddPriorPunishment(const domain::Caller& caller, const ChangeInput& in,
                                              const domain::PriorPunishment& prior);
  // Separation of duties: the agency's PPK, not the requester, carries out
  // (or, `reject`, drops) the pending termination or annulment.
  absl::StatusOr<CaseView> ConfirmCaseAction(const domain::Caller& caller, const ChangeInput& in,
                                             domain::CaseActionKind kind, bool reject);
  // PP 94/2021 ≈ Pasal 31: the pembebasan sementara; released_by_nip is
  // checked against the employee's superior chain in the personnel data.
  absl::StatusOr<CaseView> ReleaseFromDuty(const domain::Caller& caller, const ChangeInput& in,
                                           domain::ReleaseFromDutyCommand cmd);
  // An event of the employee's, with its consequence (reference §2.5a).
  absl::StatusOr<CaseView> RecordEmployeeEvent(const domain::Caller& caller, const ChangeInput& in,
                                               const domain::RecordEmployeeEventCommand& cmd);

  // The decision's SK becomes `signed_document_id` (the SK signed through
  // BSrE, app/sign_use_cases.h), as the change "SignDocument": a case
  // decided with a punishment, by its official or the PPK's office. The
  // audit payload is `in.payload_json` (no credentials).
  absl::StatusOr<CaseView> RecordSignedDecision(const domain::Caller& caller, const ChangeInput& in,
                                                const std::string& signed_document_id);

  absl::StatusOr<std::vector<domain::AuditEvent>> History(const domain::Caller& caller, const std::string& case_id,
                                                          int64_t after_sequence, int limit,
                                                          domain::Action action = domain::Action::kGetCaseHistory);
  absl::StatusOr<ports::VerifyResult> Verify(const domain::Caller& caller, const std::string& case_id);

  // The employee's discipline status on `on_date` (default: today in the
  // employee's agency), for HR systems: operators, auditors and ppk of the
  // employee's agency, and the supervisor. NOT_FOUND naming `nip` for an
  // unknown employee and for one of another agency (which is not revealed).
  absl::StatusOr<domain::DisciplineStatus> GetDisciplineStatus(const domain::Caller& caller, const std::string& nip,
                                                               std::optional<absl::CivilDay> on_date);
  // The case's SIASN hukdis record (who may read the case may read it) and
  // its delivery. FAILED_PRECONDITION when the case has none (MapToSiasn)
  // or no code table is configured.
  absl::StatusOr<SiasnAnswer> SiasnRecord(const domain::Caller& caller, const std::string& case_id);

  // The agency of a case, for the documents' authorization: NOT_FOUND when
  // there is none, or when it is outside the caller's scope.
  absl::Status AuthorizeCase(const domain::Caller& caller, const std::string& case_id, domain::Action action);

  // A read of a stored document (GetDocument), decided on its metadata alone,
  // before a byte of it is opened (domain::AuthorizeDocumentRead): NOT_FOUND
  // for a document or case outside the caller's scope, PERMISSION_DENIED for
  // the report (LAPORAN) read by any role but intake. A document of a case
  // in a store without cases (no database) is UNAVAILABLE.
  absl::Status AuthorizeDocumentRead(const domain::Caller& caller, const std::string& document_id,
                                     const ports::DocumentMetadata& metadata);
  // Records a granted read as an audit event on the chain of the document's
  // case (action "GetDocument", the document's id, kind and SHA-256; the
  // case's version stays). A document without a case has no chain: nothing
  // is recorded here (the handler logs the read).
  absl::Status RecordDocumentRead(const domain::Caller& caller, const std::string& document_id,
                                  const ports::DocumentMetadata& metadata, const std::string& sha256);
  // The documents of a case the caller has read (GetCase), described by
  // their metadata alone (name, kind, size; no byte is opened, no read is
  // recorded): its document_ids, the BAP and the decision's SK, once each,
  // in that order. A document the caller may not read (the report, LAPORAN,
  // for any role but intake) is left out; an id the store does not know is
  // left out too. Empty without a document store.
  std::vector<CaseDocument> DescribeDocuments(const domain::Caller& caller, const domain::Case& c);

  // The escalation timer's run (neutrality follow-through): every follow-up
  // past its due day, or past its grace too, takes its next step
  // (domain::Escalate), each an audit event by `system`. Safe to repeat and
  // to run in several processes at once: a step's request_id is the case's
  // and the step's, so each step is stored once and a repeated run changes
  // nothing. One runner at a time is the caller's (ports::Leases).
  absl::StatusOr<EscalationRun> EscalateFollowUps(int max_cases = 1000);

  const domain::Policy& policy() const { return *d_.policy; }

  // For each open deadline of `c`, in order: the working days from the
  // agency's today to its due day (negative once overdue), or nullopt where
  // the calendar does not reach.
  std::vector<std::optional<int>> WorkingDaysLeft(const domain::Case& c) const;

  // AgencyDay of the clock's now: in WIB, and in an agency's zone.
  absl::CivilDay Today() const;
  absl::StatusOr<absl::CivilDay> TodayIn(const std::string& time_zone) const;

 private:
  // The notifications a change makes due, added to `entry` (the summons to
  // the employee after IssueSummons). Reads the employee's addresses from
  // the personnel directory; none when it has none or does not answer.
  void AddNotifications(domain::Action action, const domain::Case& next, ports::AuditEntry* entry);
  // A transition gets the case and the agency's today.
  using Transition = std::function<absl::StatusOr<domain::Case>(domain::Case, absl::CivilDay)>;
  // What the authorization of a change needs beyond the case.
  struct Access {
    // DecideSanction: the punishment the request would impose.
    std::function<domain::Punishment(const domain::Case&)> punishment;
    // RecordExamination: the examiners the request names.
    std::vector<std::string> examiners;
  };
  // The one owner of idempotency (every change and filing goes through it):
  // the first response to `key`, looked up once, before the request is
  // checked against the case or the personnel data, so that a retry gets
  // its first answer even when a check would refuse it now. Else `work`
  // runs and stores; a repeat that commits between this look-up and that
  // write is turned into the stored answer by the write itself (the
  // idempotency record is in the change's transaction: CaseRepository), so
  // nothing here looks the key up a second time. A key without a scope (no
  // agency: refused by `work`) is not looked up.
  absl::StatusOr<domain::Case> Once(const ports::IdempotencyKey& key,
                                    const std::function<absl::StatusOr<domain::Case>()>& work);
  // FileCase after the request_id's look-up: validate, build, store.
  absl::StatusOr<domain::Case> NewFiling(const domain::Caller& caller, const FileCaseInput& in);
  // The common path of every change: validate the envelope, load, authorize,
  // the request_id (Once), check the version, transition, persist; the
  // answer as a CaseView.
  absl::StatusOr<CaseView> Change(const domain::Caller& caller, const ChangeInput& in, domain::Action action,
                                  const Transition& transition,
                                  std::vector<std::pair<std::string, std::string>> documents = {},
                                  const Access& access = {});
  // A change after its request_id's look-up and the version check: the
  // transition on the agency's today, its audit event (with the priors, the
  // SIASN record and the notifications it makes due), stored under `key`.
  absl::StatusOr<domain::Case> Apply(const domain::Caller& caller, const ChangeInput& in, domain::Action action,
                                     const Transition& transition, domain::Case current,
                                     std::vector<std::pair<std::string, std::string>> documents,
                                     const ports::IdempotencyKey& key);
  // JoinCases after its request_id's look-up and the version check.
  absl::StatusOr<domain::Case> Join(const domain::Caller& caller, const ChangeInput& in, domain::Case target,
                                    const std::vector<std::string>& joined_case_ids, const ports::IdempotencyKey& key);
  // The sealed reporter of `c` into c.reporter, for a caller allowed to read
  // it (intake), the read recorded as an audit event; else nothing.
  absl::Status OpenReporter(const domain::Caller& caller, domain::Case& c);
  // Loads a case and authorizes `action` on it.
  absl::StatusOr<domain::Case> Load(const domain::Caller& caller, const std::string& case_id, domain::Action action);
  // The (id, SHA-256) of each referenced document; INVALID_ARGUMENT naming
  // `field` for one that does not exist.
  absl::StatusOr<std::vector<std::pair<std::string, std::string>>> Documents(const std::vector<std::string>& ids,
                                                                             const std::string& field);
  domain::MachineContext Ctx() const { return {d_.rules, d_.calendar}; }
  // A case as answered to a read or a change (CaseView): its follow-up as
  // of the agency's today (domain::FollowUpAsRead), never stored, and the
  // working days left to its deadlines.
  CaseView View(domain::Case c) const;
  // How the SIASN delivery of a case stands, if one is due (the outbox is
  // read only for a case that has a record).
  std::optional<ports::SiasnExport> SiasnExportOf(const domain::Case& c) const;
  // The punishments of `nip` imposed outside this service (before it was
  // installed, or by another agency): counted by GetDisciplineStatus beside
  // the employee's cases here: those entered with AddPriorPunishment.
  absl::StatusOr<std::vector<domain::PunishmentTerm>> PunishmentsRecordedElsewhere(
      const std::string& nip, const std::vector<domain::Case>& cases) const;
  // A keberatan's decided_by from the personnel data (DecideRemedy).
  absl::StatusOr<domain::Official> ResolveRemedyOfficial(const domain::Case& c, const domain::DecideRemedyCommand& cmd);
  // The SIASN record of `c`, when it has one and a code table is configured.
  std::optional<absl::StatusOr<domain::SiasnHukdis>> SiasnOf(const domain::Case& c) const;

  Deps d_;
};

// Checks a request_id: 1-128 characters of [A-Za-z0-9._:-].
absl::Status ValidateRequestId(const std::string& request_id);

}  // namespace discipline::app

#endif  // DISCIPLINE_SERVICE_APP_CASE_USE_CASES_H_
