#ifndef DISCIPLINE_SERVICE_DOMAIN_CASE_H_
#define DISCIPLINE_SERVICE_DOMAIN_CASE_H_

// A disciplinary case as plain values. The state machine (case_machine.h)
// changes it; the repository stores it whole.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "service/domain/personnel.h"
#include "service/domain/rules_engine.h"

namespace discipline::domain {

enum class CaseState {
  kUnspecified = 0,
  kReceived = 1,
  kSummoned = 2,
  kExamined = 3,
  kRecommended = 4,
  kDecided = 5,
  kUnderRemedy = 6,
  kClosed = 7,
  kDismissed = 8,
  kTerminated = 9,
};
absl::string_view Name(CaseState s);
bool IsFinal(CaseState s);

enum class Source {
  kUnspecified = 0,
  kAtasanLangsung = 1,
  kApip = 2,
  kPengaduanMasyarakat = 3,
  kBawaslu = 4,
  kBkn = 5,
  kSistemKehadiran = 6,
  kLainnya = 7,
};

enum class DecisionOutcome { kUnspecified = 0, kApprove = 1, kModify = 2, kReject = 3 };

// What came of a keberatan or banding (PP 79/2021).
enum class RemedyOutcome { kUnspecified = 0, kUpheld = 1, kModified = 2, kAnnulled = 3 };

// Why a case ends before the decision (CloseCase as terminated): the
// employee died, reached the retirement age (BUP) or left service otherwise.
enum class TerminationReason { kUnspecified = 0, kDied = 1, kReachedBup = 2, kLeftService = 3, kOther = 4 };
// Why a remedy decision annuls the punishment.
enum class AnnulmentReason {
  kUnspecified = 0,
  kNotProven = 1,
  kProceduralDefect = 2,
  kNoAuthority = 3,
  kOther = 4,
};

// The actions one person may not take alone (separation of duties): the
// termination of a case and the annulment of a punishment.
enum class CaseActionKind { kUnspecified = 0, kTerminate = 1, kAnnul = 2 };
absl::string_view Name(CaseActionKind k);

// The facts of one alleged (at filing) or examined (with `proven`) violation.
struct ViolationRecord {
  std::string provision_id;
  std::string description;
  std::optional<absl::CivilDay> occurred_on;
  Impact impact = Impact::kUnspecified;
  int absence_days = 0;
  int consecutive_absence_days = 0;
  CandidateStatus candidate_status = CandidateStatus::kUnspecified;
  bool proven = false;
  // Required for a neutrality form (SKB2022.*) at filing.
  NeutralityAspect neutrality_aspect = NeutralityAspect::kUnspecified;
};

// The recommendation of Bawaslu or BKN a case follows up.
struct ExternalRecommendation {
  Issuer issuer = Issuer::kUnspecified;
  std::string number;
  absl::CivilDay issued_on;
  Track recommended_track = Track::kUnspecified;
  Punishment recommended_punishment = Punishment::kUnspecified;
};

enum class FollowUpState { kUnspecified = 0, kPending = 1, kOverdue = 2, kBlockingRequested = 3, kDone = 4 };
absl::string_view Name(FollowUpState s);

// The PPK's follow-through of an external recommendation:
//   PENDING ─(due_on passed)─► OVERDUE ─(grace passed)─► BLOCKING_REQUESTED
//   any of them ─(the PPK decides, or the case ends)─► DONE
struct FollowUp {
  FollowUpState state = FollowUpState::kUnspecified;
  absl::CivilDay due_on;
  std::optional<absl::CivilDay> overdue_on;
  std::optional<absl::CivilDay> blocking_requested_on;
  std::optional<absl::CivilDay> done_on;
  std::optional<absl::CivilDay> blocking_lifted_on;
};

struct Summons {
  int sequence = 0;  // 1 or 2 (PP 94/2021 Pasal 26)
  absl::CivilDay issued_on;
  absl::CivilDay examination_on;
  bool attended = false;  // known once the examination date is recorded
  bool missed = false;
  // The examiners the summons names, and the examination team with the
  // decree that formed it (PP 94/2021 Pasal 27, tim pemeriksa; api.md "Safe edges":
  // examiners are named before they act). NIPs, normalised.
  std::vector<std::string> examiner_nips;
  std::vector<std::string> examination_team_nips;
  std::string examination_team_decree_number;
  // Set on a summons reissued (ReissueSummons) in place of a late or
  // defective one: what was wrong with the earlier letter (kept here; the
  // audit event keeps the letter it replaced).
  std::string irregularity;
  // The summons letter: its number, the examination's time ("HH:MM") and
  // place, and its signatory's NIP (empty when not given).
  std::string letter_number;
  std::string examination_time;
  std::string examination_place;
  std::string signatory_nip;
};

struct Examination {
  absl::CivilDay examined_on;
  bool attended = false;
  std::vector<ViolationRecord> findings;
  std::string bap_document_id;
  std::vector<std::string> examiner_nips;
};

// The official who may impose one permitted punishment, and the one who
// proposes it where the rule says so (the PPK, for the President).
struct OptionOfficial {
  Punishment punishment = Punishment::kUnspecified;
  Official official;
  Official proposed_by;  // role kUnspecified when no proposal is needed
};

// Where a punishment imposed outside this service's cases comes from.
enum class PriorSource { kUnspecified = 0, kManual = 1, kSimpeg = 2, kSiasn = 3 };

// A punishment imposed outside this service's own cases (before it was
// installed, or by another agency), entered with its SK or read from
// SIMPEG's or SIASN's riwayat hukuman disiplin: counted by the
// repeat-offence rule (reference §2.5a). Kept per employee, with the case
// where it was entered.
struct PriorPunishment {
  Punishment punishment = Punishment::kUnspecified;
  // The PP 94/2021 provision it was imposed for (the "nature" of the
  // violation).
  std::string provision_id;
  std::string decision_number;
  absl::CivilDay decided_on;
  std::optional<absl::CivilDay> effective_on;
  PriorSource source = PriorSource::kUnspecified;
  // The SK, a document of the case.
  std::string document_id;
};

// Where an earlier punishment stands for the repeat-offence rule.
enum class PriorStanding {
  kInForce = 0,       // delivered, not annulled, no remedy pending
  kNotDelivered = 1,  // decided, not yet delivered
  kUnderRemedy = 2,   // a keberatan or banding is pending
  kAnnulled = 3,      // annulled by the remedy decision
};

// One earlier punishment of the employee as the repeat-offence rule sees it:
// the punishment as it stands after any remedy (a modified one is the
// remedy decision's), under the provision it was imposed for.
struct PriorCandidate {
  std::string case_id;  // this service's case; empty for a recorded prior
  std::string decision_number;
  std::string provision_id;
  Punishment punishment = Punishment::kUnspecified;
  // The day the punishment as it stands was imposed: the decision's, or the
  // remedy decision's where it modified the punishment.
  absl::CivilDay imposed_on;
  PriorStanding standing = PriorStanding::kInForce;
};

struct Recommendation {
  Assessment assessment;
  // The official of the lightest permitted punishment (the whole level's,
  // except where the authority differs between options).
  Official authority;
  absl::CivilDay recommended_on;
  // One per option of the assessment, in the same order.
  std::vector<OptionOfficial> officials;
  // The tracks of the proven findings, in enum order: a case with findings
  // on more than one track keeps each.
  std::vector<Track> tracks;
  // The earlier punishment the repeat-offence rule counted for the finding
  // recommended on (reference §2.5a), if any.
  std::optional<PriorCandidate> counted_prior;
};

// The proposal on which the President decides (PP 94/2021, reference §1.2).
struct Proposal {
  Official proposed_by;
  std::string number;
  absl::CivilDay proposed_on;
};

struct Decision {
  DecisionOutcome outcome = DecisionOutcome::kUnspecified;
  Punishment punishment = Punishment::kUnspecified;
  std::string decision_number;
  absl::CivilDay decided_on;
  std::string reason;
  // The official of the punishment imposed (for a rejection, the
  // recommendation's).
  Official decided_by;
  // The remedy open against the punishment imposed (PP 79/2021).
  Remedy remedy = Remedy::kUnspecified;
  std::optional<Proposal> proposal;
  // For proven ethics findings (PP 42/2004 Pasal 15).
  MoralSanction moral_sanction = MoralSanction::kUnspecified;
  // Party membership: the dismissal under the ASN law.
  bool dismissal = false;
  // The signed SK, a document of the case (for SIASN's record).
  std::string document_id;
  // A rejection of an examination with proven findings (reference §2.5a,
  // the superior's liability ≈ Pasal 24: the official who does not punish a
  // proven violation is himself punished by his superior): flagged, with
  // the reason, not a quiet dismissal.
  bool rejected_proven_findings = false;
};

struct RemedyDecision {
  RemedyOutcome outcome = RemedyOutcome::kUnspecified;
  Punishment punishment = Punishment::kUnspecified;  // for kModified
  std::string decision_number;
  absl::CivilDay decided_on;
  // The superior of the official who imposed the punishment (keberatan), or
  // BPASN (banding).
  Official decided_by;
  std::string reason;
  // For kAnnulled.
  AnnulmentReason annulment_reason = AnnulmentReason::kUnspecified;
};

// A termination or annulment requested by one caller, carried out when a
// second person (the agency's PPK) confirms it: what it will do, and who
// asked.
struct PendingAction {
  CaseActionKind kind = CaseActionKind::kUnspecified;
  TerminationReason termination_reason = TerminationReason::kUnspecified;
  AnnulmentReason annulment_reason = AnnulmentReason::kUnspecified;
  std::string reason;
  // kAnnul: the remedy decision to record.
  std::string decision_number;
  absl::CivilDay decided_on;
  Official decided_by;
  // The requester (Caller::Id()) and when.
  std::string requested_by;
  absl::Time requested_at;
};

// A pembebasan sementara dari tugas jabatan (PP 94/2021 ≈ Pasal 31;
// reference §2.5a): where a berat punishment is likely, the direct superior
// (or the next higher official) releases the employee from the duties of his
// post from the examination until the decision, with an acting official
// (Plh). The employee keeps his rights and still comes to work.
struct TemporaryRelease {
  std::string decree_number;
  absl::CivilDay decided_on;
  std::string released_by_nip;
  std::string acting_official_nip;
  // Set by the decision (or the case's end before it): the release ends by
  // itself then.
  std::optional<absl::CivilDay> ended_on;
};

// Something that happened to the employee while the case runs (api.md,
// RecordEmployeeEvent). The values share the proto numbers.
enum class EmployeeEventKind {
  kUnspecified = 0,
  kDied = 1,
  kReachedBup = 2,
  kResignationRequested = 3,
  kTransferred = 4,
  kDetained = 5,
};

// What the event did to the case.
enum class EmployeeEventConsequence {
  kUnspecified = 0,
  kRecorded = 1,                    // recorded; the case goes on as it was
  kCaseTerminated = 2,              // before the decision: not punished, TERMINATED
  kCaseClosedPunishmentLapsed = 3,  // after the decision: CLOSED, the punishment lapses
  kResignationRefused = 4,          // PP 11/2017 Pasal 238 ayat (3): refused; the case goes on
};

struct EmployeeEvent {
  EmployeeEventKind kind = EmployeeEventKind::kUnspecified;
  absl::CivilDay occurred_on;
  std::string document_id;
  std::string note;
  EmployeeEventConsequence consequence = EmployeeEventConsequence::kUnspecified;
  // The rule the consequence follows.
  std::string legal_basis;
  // The state of the case when the event was recorded.
  CaseState state_at_event = CaseState::kUnspecified;
};

// How a case relates to the earlier case it was filed against. The values
// share the proto numbers.
enum class CaseRelation {
  kUnspecified = 0,
  // PP 94/2021 Pasal 28: the direct superior who knew of the violation of
  // the earlier case and did not summon, examine or report it is punished
  // (and, ≈ Pasal 24, the official who did not punish a proven violation):
  // the superior's own case.
  kSuperiorLiability = 1,
};

// A case filed against another one, as that other case lists it.
struct RelatedCase {
  std::string case_id;
  CaseRelation relation = CaseRelation::kUnspecified;
};

struct Deadline {
  std::string what;  // "examination", "second_summons", "delivery", "remedy"
  absl::CivilDay due_on;
  std::string calendar_version;
  std::string legal_basis;
};

struct Case {
  std::string case_id;
  std::string register_number;
  std::string agency_code;
  CaseState state = CaseState::kUnspecified;
  int64_t version = 0;
  EmployeeSnapshot employee;
  Source source = Source::kUnspecified;
  // Confidential: set at filing and for intake's GetCase only; the store
  // keeps it sealed apart from the case (adapters/common/reporter_seal.h).
  std::string reporter;
  // What the stored case carries instead: an opaque keyed commitment to the
  // reporter ("" when there is none).
  std::string reporter_commitment;
  std::vector<ViolationRecord> allegations;
  absl::CivilDay received_on;
  std::vector<Summons> summonses;
  std::optional<Examination> examination;
  std::optional<Recommendation> recommendation;
  std::optional<Decision> decision;
  std::optional<absl::CivilDay> delivered_on;
  std::optional<absl::CivilDay> effective_on;
  Remedy remedy = Remedy::kUnspecified;
  std::optional<absl::CivilDay> remedy_filed_on;
  std::string close_reason;
  std::vector<Deadline> open_deadlines;
  std::vector<std::string> document_ids;
  absl::Time created_at;
  absl::Time updated_at;
  bool temporarily_released = false;
  std::vector<std::string> examination_team_nips;
  std::optional<RemedyDecision> remedy_decision;
  // The agency's time zone when the case was filed (WIB, WITA or WIT, as an
  // IANA name): "today" for the case's dates is the agency's local day.
  std::string agency_time_zone;
  std::optional<ExternalRecommendation> external_recommendation;
  std::optional<FollowUp> follow_up;
  // Punishments imposed outside the service, entered on this case
  // (AddPriorPunishment), in the order entered.
  std::vector<PriorPunishment> prior_punishments;
  // A termination or annulment waiting for its confirmation.
  std::optional<PendingAction> pending_action;
  // Set when the case was terminated.
  TerminationReason termination_reason = TerminationReason::kUnspecified;
  // The pembebasan sementara (ReleaseFromDuty), if any; temporarily_released
  // is set with it.
  std::optional<TemporaryRelease> temporary_release;
  // The employee's events recorded on the case (RecordEmployeeEvent), in
  // the order recorded.
  std::vector<EmployeeEvent> employee_events;
  // One violation, one punishment (reference §2.5a): a case joined into
  // another (JoinCases) ends CLOSED with the case it was joined into; the
  // target lists the cases joined into it.
  std::string joined_into;
  std::vector<std::string> joined_case_ids;
  // The earlier case this one was filed against (e.g. the case whose
  // violation the superior left unanswered, PP 94/2021 Pasal 28), and the
  // relation; set at filing, never changed.
  std::string related_case_id;
  CaseRelation relation = CaseRelation::kUnspecified;
  // The cases filed against this one, in the order filed (each recorded on
  // this case, with its own audit event, when it was filed).
  std::vector<RelatedCase> related_by;
};

// The examiners and team members named by the case's summonses, in order,
// without repeats: the only examiners who may record its examination.
std::vector<std::string> NamedExaminers(const Case& c);

// Whether a recommendation covers `t`.
bool HasTrack(const Recommendation& r, Track t);

// The punishment in force after the decision and any remedy decision: none
// for a rejection or an annulment, nor once it lapsed by the employee's
// death (RecordEmployeeEvent).
std::optional<Punishment> EffectivePunishment(const Case& c);

// The employee's earlier punishments as candidates of the repeat-offence
// rule (reference §2.5a): from this service's decided cases (`decided`, the
// current case skipped; each under the PP 94 provision it was imposed for,
// the recommendation's resolved provision, with its standing) and from the
// punishments recorded outside the service (`recorded`, in force; one whose
// decision number is a decided case's is that case, counted once).
std::vector<PriorCandidate> PriorCandidates(const std::vector<Case>& decided,
                                            const std::vector<PriorPunishment>& recorded,
                                            const std::string& current_case_id);

// The prior that counts for a violation under `provision_id` (reference
// §2.5a, "Repeat offence"): the LAST punishment of the same nature (the same
// PP 94 provision) that is in force: delivered, not annulled, after any
// remedy. One under a pending remedy, not yet delivered or annulled does not
// count. The last by the day it was imposed, not the heaviest; nullopt when
// none counts. With `violation_on` (the day the new violation occurred, when
// known), only a punishment imposed before it counts ("pernah dijatuhi ...,
// kemudian melakukan": punished first, then the new violation).
std::optional<PriorCandidate> LastPriorInForce(const std::vector<PriorCandidate>& candidates,
                                               absl::string_view provision_id,
                                               std::optional<absl::CivilDay> violation_on = std::nullopt);

// The earliest open deadline, if any (ListCases(overdue_only)).
std::optional<absl::CivilDay> NextDue(const Case& c);

// The order of the PPK's inbox: the nearest open deadline first, the cases
// without one after them, and among equals the longest waiting
// recommendation first. Stable. Every case has a recommendation.
void SortByUrgency(std::vector<Case>& recommended);

}  // namespace discipline::domain

#endif  // DISCIPLINE_SERVICE_DOMAIN_CASE_H_
