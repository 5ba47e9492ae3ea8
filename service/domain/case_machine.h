#ifndef DISCIPLINE_SERVICE_DOMAIN_CASE_MACHINE_H_
#define DISCIPLINE_SERVICE_DOMAIN_CASE_MACHINE_H_

// The case state machine: every command checks the state it may start from
// and the rules of PP 94/2021 that bind it, and returns the changed case
// (version, timestamps and persistence are the caller's). Pure: the rules,
// the calendar and the personnel facts come in as values.
//
//   RECEIVED ─IssueSummons(1)─► SUMMONED ─RecordExamination(attended)──► EXAMINED
//                                  │  └─RecordExamination(absent, 1st)─► SUMMONED (missed)
//                                  │       └─IssueSummons(2) ≤ 7 wd after the missed date
//                                  └─RecordExamination(absent, 2nd)────► EXAMINED (on the evidence)
//   EXAMINED ─RecommendSanction─► RECOMMENDED ─DecideSanction(approve|modify)─► DECIDED
//                                            └─DecideSanction(reject)────────► DISMISSED
//   DECIDED ─RecordDelivery─► DECIDED (effective date) ─FileRemedy─► UNDER_REMEDY ─DecideRemedy─► CLOSED
//                                                               (withdrawn) └─CloseCase─► CLOSED
//   DECIDED (delivered) ─CloseCase─► CLOSED;  EXAMINED (nothing proven) ─CloseCase─► DISMISSED
//   any state before DECIDED ─CloseCase(terminated)─► TERMINATED (death, leaving service)
//   SUMMONED | EXAMINED | RECOMMENDED ─ReleaseFromDuty─► (same state; the release ends at the decision)
//   any open state ─RecordEmployeeEvent─► (same state) | TERMINATED (death before the decision) |
//                                         CLOSED (death after it)
//   SUMMONED ─ReissueSummons(irregularity)─► SUMMONED;  EXAMINED ─ReopenExamination─► SUMMONED
//   RECEIVED|SUMMONED|EXAMINED ─JoinCases─► the same; each joined case ─► CLOSED (joined_into)
//
// Errors: FAILED_PRECONDITION naming the rule (illegal transition, deadline
// rule); INVALID_ARGUMENT naming the field (malformed or missing input).

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "service/domain/calendar.h"
#include "service/domain/case.h"
#include "service/domain/rules_engine.h"

namespace discipline::domain {

// What a transition needs besides the case.
struct MachineContext {
  const RulesEngine& rules;
  const WorkingDayCalendar& calendar;
};

struct IssueSummonsCommand {
  absl::CivilDay issued_on;
  absl::CivilDay examination_on;
  // The examiners named before they act, and the examination team with the
  // number of the decree that formed it (required with a team).
  std::vector<std::string> examiner_nips;
  std::vector<std::string> examination_team_nips;
  std::string examination_team_decree_number;
  // The summons letter's number, the examination's time ("HH:MM") and
  // place, and the letter's signatory (NIP); all optional.
  std::string letter_number;
  std::string examination_time;
  std::string examination_place;
  std::string signatory_nip;
};

struct RecordExaminationCommand {
  absl::CivilDay examined_on;
  bool attended = false;
  std::vector<ViolationRecord> findings;
  std::string bap_document_id;
  std::vector<std::string> examiner_nips;
  std::vector<std::string> examination_team_nips;
  bool temporary_release = false;
};

struct RecommendCommand {
  absl::CivilDay recommended_on;
  // The employee's earlier punishments (PriorCandidates): for each proven
  // finding the last of the same nature in force counts (LastPriorInForce).
  std::vector<PriorCandidate> priors;
  // The employee's superiors, nearest first, and the agency: the officials
  // of every permitted punishment are resolved from them.
  std::vector<EmployeeSnapshot> superiors;
  Agency agency;
};

// RECOMMENDED → EXAMINED: the recommendation is withdrawn before the official
// decides (e.g. a fact of a finding was wrong, or the level rose), and a new
// one may be made from the examination.
struct WithdrawRecommendationCommand {
  std::string reason;
};

// A new first or second summons in place of one that was late or defective
// (api.md third stage, ReissueSummons): the letter as IssueSummons takes it,
// and the irregularity (required) that is recorded on it.
struct ReissueSummonsCommand {
  IssueSummonsCommand summons;
  std::string irregularity;
};

// EXAMINED → SUMMONED: the examination reopened (e.g. a team is formed
// because the level rose to berat: PP 94/2021 ≈ Pasal 29, tim pemeriksa).
struct ReopenExaminationCommand {
  std::string reason;
};

struct DecideCommand {
  DecisionOutcome outcome = DecisionOutcome::kUnspecified;
  Punishment punishment = Punishment::kUnspecified;
  // The SK; where the President decides, the number of the President's
  // decree.
  std::string decision_number;
  absl::CivilDay decided_on;
  std::string reason;
  // Where the punishment imposed is decided on a proposal (the President, on
  // the PPK's): the proposal's letter number and date. Required then.
  std::string proposal_number;
  std::optional<absl::CivilDay> proposed_on;
  // Required where a proven finding is on the ethics track (PP 42/2004).
  MoralSanction moral_sanction = MoralSanction::kUnspecified;
  // The signed SK as uploaded, if it is.
  std::string decision_document_id;
};

struct DecideRemedyCommand {
  RemedyOutcome outcome = RemedyOutcome::kUnspecified;
  Punishment punishment = Punishment::kUnspecified;  // for kModified
  std::string decision_number;
  absl::CivilDay decided_on;
  // Keberatan: the superior of the official who imposed the punishment
  // (name required). Banding: ignored, BPASN decides.
  Official decided_by;
  std::string reason;
  // Required for kAnnulled.
  AnnulmentReason annulment_reason = AnnulmentReason::kUnspecified;
  // Keberatan decided by a PPK (no NIP): the agency whose PPK it is (the use
  // case resolves decided_by from the personnel data).
  std::string decided_by_agency_code;
};

struct CloseCommand {
  std::string reason;
  bool terminated = false;
  absl::CivilDay closed_on;
  // Required when terminated.
  TerminationReason termination_reason = TerminationReason::kUnspecified;
};

struct ReleaseFromDutyCommand {
  std::string decree_number;
  absl::CivilDay decided_on;
  std::string released_by_nip;
  std::string acting_official_nip;
  // The employee's superiors, nearest first (the personnel port's chain).
  std::vector<EmployeeSnapshot> superiors;
};

struct RecordEmployeeEventCommand {
  EmployeeEventKind kind = EmployeeEventKind::kUnspecified;
  absl::CivilDay occurred_on;
  std::string document_id;
  std::string note;
};

absl::StatusOr<Case> IssueSummons(const MachineContext& ctx, Case c, const IssueSummonsCommand& cmd);
absl::StatusOr<Case> RecordExamination(const MachineContext& ctx, Case c, const RecordExaminationCommand& cmd);
// Assesses every proven finding and keeps the heaviest, and resolves the
// official (and proposer) of every permitted punishment.
absl::StatusOr<Case> RecommendSanction(const MachineContext& ctx, Case c, const RecommendCommand& cmd);
absl::StatusOr<Case> DecideSanction(const MachineContext& ctx, Case c, const DecideCommand& cmd);
// Only from RECOMMENDED (FAILED_PRECONDITION otherwise); INVALID_ARGUMENT
// reason when it is empty. The recommendation is removed (the audit event
// keeps it); the examination stays.
absl::StatusOr<Case> WithdrawRecommendation(const MachineContext& ctx, Case c,
                                            const WithdrawRecommendationCommand& cmd);
// Only in SUMMONED (FAILED_PRECONDITION otherwise; before the first summons
// IssueSummons, after the examination ReopenExamination first). After a
// missed first examination it issues the second summons even past the limit
// of PP 94/2021 Pasal 26 ayat (3); otherwise it replaces the last summons
// (same sequence, attendance not yet known). The new letter keeps the
// interval rule of IssueSummons (legal.summons_interval) and is recorded with
// `irregularity` (INVALID_ARGUMENT when empty).
absl::StatusOr<Case> ReissueSummons(const MachineContext& ctx, Case c, const ReissueSummonsCommand& cmd);
// Only from EXAMINED (FAILED_PRECONDITION otherwise); INVALID_ARGUMENT reason
// when it is empty. The examination is removed from the case (the audit event
// of the change keeps it, as WithdrawRecommendation keeps the
// recommendation); the summonses stay. The examination is then recorded
// again (after a summons attended), or a summons is reissued first (after
// two absences, or to name a team).
absl::StatusOr<Case> ReopenExamination(const MachineContext& ctx, Case c, const ReopenExaminationCommand& cmd);
// One violation, one punishment (reference §2.5a: "several violations → one
// punishment, the heaviest"; parallel cases against one employee are
// joined, not punished twice). The open cases `joined` of the target's
// employee and agency are joined into `target`: their allegations become the
// target's (and, where both are examined, their findings the target's
// examination's), so that the recommendation weighs them all; each joined
// case ends CLOSED with `joined_into` the target. Target and joined cases
// must be RECEIVED, SUMMONED or EXAMINED (a recommendation is withdrawn
// first); a target already examined takes only examined cases.
// INVALID_ARGUMENT "joined_case_ids" (none, the target itself, a case twice);
// FAILED_PRECONDITION naming the rule (another employee, another agency, a
// state past the examination).
struct JoinedCases {
  Case target;
  std::vector<Case> joined;
};
absl::StatusOr<JoinedCases> JoinCases(const MachineContext& ctx, Case target, std::vector<Case> joined,
                                      absl::CivilDay today);
absl::StatusOr<Case> RecordDelivery(const MachineContext& ctx, Case c, absl::CivilDay delivered_on);
absl::StatusOr<Case> FileRemedy(const MachineContext& ctx, Case c, Remedy kind, absl::CivilDay filed_on);
absl::StatusOr<Case> CloseCase(const MachineContext& ctx, Case c, const CloseCommand& cmd);
// PP 79/2021: the keberatan or banding decided. Upheld keeps the punishment,
// modified replaces it by another of the same level, annulled lifts it; the
// punishment then takes effect on the remedy decision's date (PP 94/2021:
// with a remedy filed, the punishment takes effect as the remedy decision
// says). The case closes.
absl::StatusOr<Case> DecideRemedy(const MachineContext& ctx, Case c, const DecideRemedyCommand& cmd);

// Records a punishment imposed outside the service on the case (reference
// §2.5a: "entered by hand with the SK"; api.md AddPriorPunishment), for the
// repeat-offence rule of this and the employee's later cases. Allowed while
// the case is open. INVALID_ARGUMENT naming the field ("prior.punishment",
// "prior.provision_id": a PP 94/2021 provision, "prior.decision_number",
// "prior.effective_on", "prior.source"); ALREADY_EXISTS for an SK number
// already recorded on the case.
absl::StatusOr<Case> AddPriorPunishment(const MachineContext& ctx, Case c, PriorPunishment prior);

// A requested termination or annulment (pending_action) holds the case: no
// other change is made until the PPK confirms or rejects it, so the action is
// carried out on the case it was requested for. FAILED_PRECONDITION while one
// is pending.
absl::Status NothingPending(const Case& c);

// PP 94/2021 ≈ Pasal 31 (reference §2.5a): the pembebasan sementara, from
// the examination until the decision (SUMMONED, EXAMINED, RECOMMENDED), only
// where a berat punishment is likely, decided by the direct superior or the
// next higher official (the first two of cmd.superiors). FAILED_PRECONDITION
// naming the rule otherwise; INVALID_ARGUMENT naming the field for bad input;
// once per case. DecideSanction (and a termination) ends it.
absl::StatusOr<Case> ReleaseFromDuty(const MachineContext& ctx, Case c, const ReleaseFromDutyCommand& cmd);
// An event of the employee's (api.md RecordEmployeeEvent; reference §2.5a,
// "Retirement or death during the case", "Resignation during a case"),
// recorded with its consequence on any open case:
//   DIED before the decision: TERMINATED (reason died, not punished);
//     after it (DECIDED, UNDER_REMEDY): CLOSED, the punishment lapses
//     (legal.death_after_decision_closes_case, default true) or recorded.
//   REACHED_BUP before the decision: the case goes on to a decision
//     (default) or TERMINATED (legal.bup_before_decision_terminates);
//     after it: recorded.
//   RESIGNATION_REQUESTED while under examination (SUMMONED..RECOMMENDED) or
//     serving or appealing (DECIDED, UNDER_REMEDY): refused (PP 11/2017
//     Pasal 238 ayat (3)), recorded; the case goes on. In RECEIVED: recorded.
//   TRANSFERRED, DETAINED: recorded; the case stays with its agency and
//     snapshot.
// FAILED_PRECONDITION on a closed case; INVALID_ARGUMENT naming the field.
absl::StatusOr<Case> RecordEmployeeEvent(const MachineContext& ctx, Case c, const RecordEmployeeEventCommand& cmd);
// Separation of duties (docs/law.md, "Separation of duties"): a termination
// (CloseCase as terminated) and an annulment (DecideRemedy annulled) are
// not one person's alone. The request checks that the action is legal now
// and records it as the case's pending action (the state does not change);
// the confirmation carries it out on the case as it then is, or, rejected,
// drops it. FAILED_PRECONDITION while another action is pending, or when
// none of `kind` is pending. Who may confirm (not the requester) is
// access.h's.
absl::StatusOr<Case> RequestTermination(const MachineContext& ctx, Case c, const CloseCommand& cmd,
                                        const std::string& requested_by, absl::Time requested_at);
absl::StatusOr<Case> RequestAnnulment(const MachineContext& ctx, Case c, const DecideRemedyCommand& cmd,
                                      const std::string& requested_by, absl::Time requested_at);
absl::StatusOr<Case> ConfirmAction(const MachineContext& ctx, Case c, CaseActionKind kind, bool reject,
                                   absl::CivilDay today);

// The official for `role`: the President, the agency's PPK, or the nearest
// superior in `chain` (nearest first) holding a post of that kind; when there
// is none, the next higher official (NextHigherAuthority), up to the PPK.
Official ResolveOfficial(AuthorityRole role, const std::vector<EmployeeSnapshot>& chain, const Agency& agency);

// The official of every option of `a`, and its proposer where the rule names
// one, in the options' order.
std::vector<OptionOfficial> ResolveOptionOfficials(const Assessment& a, const std::vector<EmployeeSnapshot>& chain,
                                                   const Agency& agency);

// BPASN, which decides a banding administratif (PP 79/2021).
Official Bpasn();

// Neutrality follow-through (the 2022 joint decree; reference §3).
//
// A case filed on a Bawaslu/BKN recommendation: records it, opens the
// `ppk_follow_up` deadline (on `due_on`, or the configured working days after
// received_on) and the follow-up in PENDING. INVALID_ARGUMENT naming the
// field for a missing issuer, number or date, or a due day before receipt.
absl::Status OpenFollowUp(const MachineContext& ctx, Case& c, ExternalRecommendation r,
                          std::optional<absl::CivilDay> due_on);
// The escalation step due on the agency's `today`, if any: PENDING becomes
// OVERDUE the day after due_on; OVERDUE becomes
// BLOCKING_REQUESTED once the configured grace (working days after due_on)
// has passed too. One step per call: each is its own audit event.
absl::StatusOr<std::optional<FollowUpState>> DueEscalation(const MachineContext& ctx, const Case& c,
                                                           absl::CivilDay today);
// Takes the step DueEscalation names; FAILED_PRECONDITION when none is due
// (a repeated run changes nothing).
absl::StatusOr<Case> Escalate(const MachineContext& ctx, Case c, absl::CivilDay today);
// How a stored case reads on the agency's `today`: a PENDING follow-up whose
// due day has passed reads OVERDUE at once (its overdue_on stays unset until
// the escalation timer stores the step, and the blocking request after the
// grace). Nothing else changes; the result is never stored.
Case FollowUpAsRead(Case c, absl::CivilDay today);

}  // namespace discipline::domain

#endif  // DISCIPLINE_SERVICE_DOMAIN_CASE_MACHINE_H_
