#ifndef DISCIPLINE_SERVICE_PORTS_CASE_REPOSITORY_H_
#define DISCIPLINE_SERVICE_PORTS_CASE_REPOSITORY_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "service/domain/audit.h"
#include "service/domain/case.h"
#include "service/domain/siasn.h"
#include "service/ports/notifier.h"
#include "service/ports/siasn_outbox.h"

namespace discipline::ports {

// What the use case says about a change; the repository adds sequence,
// hashes and the case digest.
struct AuditEntry {
  std::string actor;
  std::string action;
  domain::CaseState from_state = domain::CaseState::kUnspecified;
  std::string payload_json;  // what changed (the request, without secrets)
  // Documents the change references, with their SHA-256 at that moment.
  std::vector<std::pair<std::string, std::string>> documents;
  // A SIASN record the change makes due, under `siasn_key`: written to the
  // outbox in the same transaction, pending; without a record (it cannot be
  // made: `siasn_error` says why), refused.
  std::string siasn_key;
  std::optional<domain::SiasnHukdis> siasn_record;
  std::string siasn_error;
  // Punishments imposed outside the service that the change records: the
  // last entries of the case's prior_punishments. Stored under the
  // employee's NIP, with the case, in the same transaction, so that they
  // count for the employee's later cases too (PriorPunishmentsOf).
  std::vector<domain::PriorPunishment> new_priors;
  // Notifications the change makes due (the summons to the employee):
  // written to the notification outbox in the same transaction, pending.
  std::vector<Notification> notifications;
};

// The identity of a request for idempotency: a request_id is the caller's
// key within one agency (`scope`) and one method. `request` is the canonical
// request without its request_id; the store keeps its SHA-256, so that the
// same key with a different request is refused instead of answered.
struct IdempotencyKey {
  std::string scope;   // the agency code of the case
  std::string method;  // "FileCase", "IssueSummons", ...
  std::string request_id;
  std::string request;  // canonical bytes of the request
};

struct CaseFilter {
  std::string agency_code;
  domain::CaseState state = domain::CaseState::kUnspecified;
  std::string employee_nip;
  bool overdue_only = false;
  // Only cases with an allegation of this KASN aspect.
  domain::NeutralityAspect neutrality_aspect = domain::NeutralityAspect::kUnspecified;
  absl::CivilDay today;  // for overdue_only
  int page_size = 50;
  // Where the page starts: after this case (and, for overdue_only, after
  // this due date); empty for the first page. The opaque page tokens that
  // carry it are the gRPC edge's (service/codec/page_token.h).
  std::string after_case_id;
  std::optional<absl::CivilDay> after_due_on;
  // Use case filter (not the store's): cases the caller may decide.
  bool awaiting_my_decision = false;
};

struct CasePage {
  std::vector<domain::Case> cases;
  // More cases follow the last one of this page.
  bool more = false;
};

struct VerifyResult {
  bool valid = false;
  int64_t events_checked = 0;
  int64_t first_invalid_sequence = 0;
  std::string reason;
};

// Durable store of cases with their audit history.
//
// Thread safety: every method may be called from many threads.
// Atomicity: Create and Update write the case row, its audit event and the
// idempotency record in one transaction; acknowledged means committed.
// Idempotency: an IdempotencyKey seen before returns the first response (the
// case as it was then, without the sealed reporter), also when repeats race;
// the same scope, method and request_id with a different request is
// INVALID_ARGUMENT naming request_id.
// Errors: NOT_FOUND (no such case), ABORTED (the stored version is not the
// one the change was based on), UNAVAILABLE (the database is down),
// INVALID_ARGUMENT (a bad page token, a reused request_id).
class CaseRepository {
 public:
  virtual ~CaseRepository() = default;

  // Stores a new case (state RECEIVED, version 1) with a register number
  // unique per agency and year, and its first audit event. One violation,
  // one punishment (domain/violation_claim.h): the case claims its
  // violations (ViolationKeysOf) in the same transaction; one claimed by
  // another case that holds it is ALREADY_EXISTS naming that case
  // (ViolationAlreadyFiled), also when two filings race. A retried request_id
  // still returns its first response.
  virtual absl::StatusOr<domain::Case> Create(const domain::Case& c, const AuditEntry& entry,
                                              const IdempotencyKey& key) = 0;
  // Create, and in the same transaction the change of `related`, the case
  // the new one was filed against (its stored version + 1, with its own
  // audit event `related_entry`): all commit or none (FileCase with
  // related_case_id, PP 94/2021 Pasal 28). ABORTED when `related` changed
  // meanwhile. A retried request_id returns its first response.
  virtual absl::StatusOr<domain::Case> CreateRelated(const domain::Case& c, const AuditEntry& entry,
                                                     const IdempotencyKey& key, const domain::Case& related,
                                                     const AuditEntry& related_entry) = 0;
  // Stores `c` (whose version is the stored version + 1) and its audit event.
  // A change to a state that no longer holds its violations (DISMISSED,
  // TERMINATED: HoldsViolations) releases the case's claims in the same
  // transaction.
  virtual absl::StatusOr<domain::Case> Update(const domain::Case& c, const AuditEntry& entry,
                                              const IdempotencyKey& key) = 0;
  // Several changes in ONE transaction, each case row with its own audit
  // event (JoinCases: the target and the cases joined into it): all commit
  // or none. The first change is the request's: `key` records its response,
  // which is returned. Each version is its stored version + 1 (ABORTED
  // otherwise); the same claims rule as Update for each.
  virtual absl::StatusOr<domain::Case> UpdateMany(const std::vector<std::pair<domain::Case, AuditEntry>>& changes,
                                                  const IdempotencyKey& key) = 0;
  // The first response to `key`, if any. INVALID_ARGUMENT when the key was
  // used with a different request.
  virtual absl::StatusOr<std::optional<domain::Case>> FindByRequestId(const IdempotencyKey& key) = 0;
  virtual absl::StatusOr<domain::Case> Get(const std::string& case_id) = 0;
  // Keyset pagination in case id order (ids grow with filing time); with
  // overdue_only, most overdue first (due date, then case id).
  virtual absl::StatusOr<CasePage> List(const CaseFilter& filter) = 0;
  // The employee's cases in DECIDED, UNDER_REMEDY or CLOSED with a decision.
  virtual absl::StatusOr<std::vector<domain::Case>> DecidedCasesOf(const std::string& nip) = 0;
  // Every case of the employee, in any agency and state, in case id order
  // (the employee's discipline status).
  virtual absl::StatusOr<std::vector<domain::Case>> CasesOfEmployee(const std::string& nip) = 0;
  // The punishments recorded outside the service for the employee, on any
  // of their cases (AuditEntry::new_priors), in the order recorded.
  virtual absl::StatusOr<std::vector<domain::PriorPunishment>> PriorPunishmentsOf(const std::string& nip) = 0;
  // The cases whose follow-up is PENDING or OVERDUE with a due day before
  // `before`, earliest due first, at most `limit` (one query).
  virtual absl::StatusOr<std::vector<domain::Case>> FollowUpsDue(absl::CivilDay before, int limit) = 0;

  // The audit history in sequence order, from `after_sequence` + 1, at most
  // `limit` events.
  virtual absl::StatusOr<std::vector<domain::AuditEvent>> History(const std::string& case_id, int64_t after_sequence,
                                                                  int limit) = 0;
  // Recomputes the chain and checks it against the case row.
  virtual absl::StatusOr<VerifyResult> Verify(const std::string& case_id) = 0;
  // The sealed reporter of the case ("" when it has none), with an event
  // that changes nothing (the read, `entry`, at `at`) appended to the case's
  // chain in the same transaction: the reporter is returned only when its
  // read is recorded. The case's version stays. No other method returns the
  // reporter: every case they return carries only its commitment.
  virtual absl::StatusOr<std::string> ReadReporter(const std::string& case_id, const AuditEntry& entry,
                                                   absl::Time at) = 0;
  // Appends an event that changes nothing (a read of one of the case's
  // documents, `entry`, at `at`) to the case's chain; the version stays.
  virtual absl::Status RecordRead(const std::string& case_id, const AuditEntry& entry, absl::Time at) = 0;
};

}  // namespace discipline::ports

#endif  // DISCIPLINE_SERVICE_PORTS_CASE_REPOSITORY_H_
