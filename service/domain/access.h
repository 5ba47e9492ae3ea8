#ifndef DISCIPLINE_SERVICE_DOMAIN_ACCESS_H_
#define DISCIPLINE_SERVICE_DOMAIN_ACCESS_H_

// Identity and authority: who the caller is (from a verified token), what
// each role may do, and the one pure function that decides a call:
// Authorize(caller, action, case). The policy is data (DefaultPolicy() holds
// the defaults of the API contract, an agency may narrow it by
// configuration); every use case asks Authorize, no handler decides.
//
// Outcomes: OK; NOT_FOUND for a case outside the caller's scope (its
// existence is not revealed); PERMISSION_DENIED for a role without the right.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "service/domain/case.h"

namespace discipline::domain {

// The roles of the API contract; token strings are the lower-case names.
enum class Role {
  kUnspecified = 0,
  kOperator = 1,
  kIntake = 2,
  kExaminer = 3,
  kOfficial = 4,
  kPpk = 5,
  kAuditor = 6,
  kSupervisor = 7,
  kAdmin = 8,
};
absl::string_view Name(Role r);  // "operator", ...
std::optional<Role> RoleNamed(absl::string_view name);

// Who acts: a verified caller, or the server itself (escalations).
struct Caller {
  std::string nip;  // empty for the PPK's office and the system
  std::string name;
  std::string agency_code;
  std::set<Role> roles;
  // The token's jti or sid, when present.
  std::string session;
  bool system = false;

  bool Has(Role r) const { return roles.contains(r); }
  // "<nip>" or "ppk:<agency>" or "system".
  std::string Id() const;
  // The audit actor: id, name, roles and session, at most 255 bytes.
  std::string Actor() const;
};

// The server's own identity, for the work it does by itself.
Caller SystemCaller();

enum class Action {
  kRules = 0,  // RulesService.*
  kFileCase,
  kGetCase,
  kListCases,
  kIssueSummons,
  kRecordExamination,
  kRecommendSanction,
  kDecideSanction,
  kRecordDelivery,
  kFileRemedy,
  kDecideRemedy,
  kCloseCase,
  kGetCaseHistory,
  kVerifyCaseHistory,
  kExportCaseHistory,
  kUploadDocument,
  kGetDocument,
  kReadReporter,         // the sealed reporter of a case
  kReports,              // ReportService.*
  kGetDisciplineStatus,  // CaseService.GetDisciplineStatus (an employee's)
  kWithdrawRecommendation,
  kAddPriorPunishment,
  // Separation of duties: carries out (or rejects) a termination or an
  // annulment another person requested.
  kConfirmCaseAction,
  kReleaseFromDuty,      // CaseService.ReleaseFromDuty (PP 94/2021 ≈ Pasal 31)
  kRecordEmployeeEvent,  // CaseService.RecordEmployeeEvent
  // api.md third stage: a summons reissued, an examination reopened.
  kReissueSummons,
  kReopenExamination,
  kJoinCases,
  // DocumentService.SignDocument: the SK signed electronically (BSrE) by
  // the official of the punishment, or by the PPK's office.
  kSignDocument,
};
inline constexpr int kActionCount = 29;
absl::string_view Name(Action a);

struct Policy {
  // The roles that may take each action (before the case-specific rules).
  std::map<Action, std::set<Role>> roles;
  // Examiners and officials see only the cases they are named on.
  bool narrow_to_named = false;
};

// The API contract's defaults (api.md, "Identity").
const Policy& DefaultPolicy();

// What the decision about a case needs of it.
struct CaseScope {
  std::string case_id;
  std::string agency_code;
  // The examination's examiner_nips and examination_team_nips (for
  // RecommendSanction and reads narrowed to named examiners).
  std::vector<std::string> examiners;
  // The examiners and team members the summonses named: the only examiners
  // who may record the examination (api.md "Safe edges").
  std::vector<std::string> named_examiners;
  // The officials who may decide: NIPs, and whether the decision is the
  // PPK's office's (authority PPK, or the President on the PPK's proposal).
  std::vector<std::string> official_nips;
  bool ppk_decides = false;
  // Who requested the case's pending termination or annulment
  // (Caller::Id()), if one is pending: that person may not confirm it.
  std::string pending_requested_by;
};

// The scope of a stored case; `punishment` is the one a DecideSanction
// request would impose (kUnspecified: the recommendation's authority).
CaseScope ScopeOf(const Case& c, Punishment punishment = Punishment::kUnspecified);

// Decides a call. `c` is null for calls without a case (FileCase, ListCases,
// rules, uploads not tied to a case); then `agency_code` is the agency the
// call is about (FileCase, ListCases), empty when none.
// `request_examiners` are the examiner_nips of a RecordExamination request:
// an examiner records only an examination whose summons named him and which
// names him (the examination may add team members, never self-assign).
absl::Status Authorize(const Caller& caller, Action action, const CaseScope* c, const Policy& policy,
                       absl::string_view agency_code = {}, const std::vector<std::string>& request_examiners = {});

// Whether the caller's right to `action` reaches every agency: BKN's
// supervisor, where the policy lets the supervisor take it. Everyone else
// acts in their own agency.
bool SeesEveryAgency(const Caller& caller, Action action, const Policy& policy);

// FileCase into `agency_code`: Authorize, and BKN's supervisor files only
// the recommendations it sends. A caller whose right to file there comes
// from the supervisor role alone must bring one (PERMISSION_DENIED
// otherwise).
absl::Status AuthorizeFiling(const Caller& caller, const Policy& policy, absl::string_view agency_code,
                             bool with_recommendation);

}  // namespace discipline::domain

#endif  // DISCIPLINE_SERVICE_DOMAIN_ACCESS_H_
