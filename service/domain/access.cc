#include "service/domain/access.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "service/common/errors.h"
#include "service/common/status_macros.h"

namespace discipline::domain {
namespace {

constexpr absl::string_view kRoleNames[] = {"",    "operator", "intake",     "examiner", "official",
                                            "ppk", "auditor",  "supervisor", "admin"};
constexpr absl::string_view kActionNames[] = {
    "RulesService", "FileCase", "GetCase", "ListCases", "IssueSummons", "RecordExamination", "RecommendSanction",
    "DecideSanction", "RecordDelivery", "FileRemedy", "DecideRemedy", "CloseCase", "GetCaseHistory",
    "VerifyCaseHistory", "ExportCaseHistory", "UploadDocument", "GetDocument", "ReadReporter", "ReportService",
    "GetDisciplineStatus", "WithdrawRecommendation", "AddPriorPunishment", "ConfirmCaseAction", "ReleaseFromDuty",
    "RecordEmployeeEvent",
    // api.md third stage.
    "ReissueSummons", "ReopenExamination", "JoinCases", "SignDocument"};

bool Contains(const std::vector<std::string>& list, const std::string& v) {
  return !v.empty() && std::find(list.begin(), list.end(), v) != list.end();
}

absl::Status Denied(const Caller& caller, Action action, absl::string_view why) {
  return WithIndonesian(
      absl::PermissionDeniedError(absl::StrCat(Name(action), ": ", why, " (caller ", caller.Id(), ")")),
      "Anda tidak berwenang melakukan tindakan ini.");
}

absl::Status Hidden(const CaseScope& c) {
  // Word for word the answer for a case that does not exist.
  return absl::NotFoundError(absl::StrCat("case_id: no case ", c.case_id));
}

bool IsRead(Action a) {
  switch (a) {
    case Action::kGetCase:
    case Action::kListCases:  // each listed case (narrow_to_named)
    case Action::kGetCaseHistory:
    case Action::kVerifyCaseHistory:
    case Action::kExportCaseHistory:
    case Action::kGetDocument:
      return true;
    default:
      return false;
  }
}

}  // namespace

absl::string_view Name(Role r) {
  const int i = static_cast<int>(r);
  return i > 0 && i < 9 ? kRoleNames[i] : "unknown";
}

std::optional<Role> RoleNamed(absl::string_view name) {
  const std::string lower = absl::AsciiStrToLower(name);
  for (int i = 1; i < 9; ++i) {
    if (kRoleNames[i] == lower) return static_cast<Role>(i);
  }
  return std::nullopt;
}

absl::string_view Name(Action a) {
  const int i = static_cast<int>(a);
  return i >= 0 && i < kActionCount ? kActionNames[i] : "unknown";
}

std::string Caller::Id() const {
  if (system) return "system";
  if (!nip.empty()) return nip;
  if (Has(Role::kPpk)) return absl::StrCat("ppk:", agency_code);
  return absl::StrCat("anonymous:", agency_code);
}

std::string Caller::Actor() const {
  if (system) return "system";
  std::vector<std::string> names;
  for (Role r : roles) names.emplace_back(Name(r));
  std::vector<std::string> parts;
  if (!name.empty()) parts.push_back(name.substr(0, 100));
  parts.push_back(agency_code);
  parts.push_back(absl::StrJoin(names, ","));
  if (!session.empty()) parts.push_back(absl::StrCat("session ", session.substr(0, 64)));
  return absl::StrCat(Id(), " (", absl::StrJoin(parts, "; "), ")").substr(0, 255);
}

Caller SystemCaller() {
  Caller c;
  c.system = true;
  c.name = "asn-discipline";
  return c;
}

// One piece: the policy table as data, one line per action.
const Policy& DefaultPolicy() {
  static const Policy* policy = [] {
    using R = Role;
    auto* p = new Policy();
    const std::set<Role> all = {R::kOperator, R::kIntake,  R::kExaminer,   R::kOfficial,
                                R::kPpk,      R::kAuditor, R::kSupervisor, R::kAdmin};
    const std::set<Role> readers = {R::kOperator, R::kIntake,  R::kExaminer,  R::kOfficial,
                                    R::kPpk,      R::kAuditor, R::kSupervisor};
    p->roles[Action::kRules] = all;
    p->roles[Action::kFileCase] = {R::kOperator, R::kIntake, R::kSupervisor};
    for (Action a : {Action::kGetCase, Action::kListCases, Action::kGetCaseHistory, Action::kVerifyCaseHistory,
                     Action::kExportCaseHistory, Action::kGetDocument}) {
      p->roles[a] = readers;
    }
    for (Action a : {Action::kIssueSummons, Action::kRecordDelivery, Action::kFileRemedy, Action::kCloseCase}) {
      p->roles[a] = {R::kOperator};
    }
    p->roles[Action::kUploadDocument] = {R::kOperator, R::kIntake, R::kExaminer};
    p->roles[Action::kRecordExamination] = {R::kOperator, R::kExaminer};
    p->roles[Action::kRecommendSanction] = {R::kOperator, R::kExaminer};
    // Who may recommend may withdraw the recommendation.
    p->roles[Action::kWithdrawRecommendation] = {R::kOperator, R::kExaminer};
    p->roles[Action::kDecideSanction] = {R::kOfficial, R::kPpk};
    p->roles[Action::kDecideRemedy] = {R::kOperator, R::kPpk};
    p->roles[Action::kReadReporter] = {R::kIntake};
    p->roles[Action::kReports] = {R::kSupervisor, R::kAuditor, R::kPpk};
    // An employee's discipline status (api.md, third stage): HR of the
    // employee's agency, and BKN's supervisor across agencies.
    p->roles[Action::kGetDisciplineStatus] = {R::kOperator, R::kAuditor, R::kPpk, R::kSupervisor};
    // A punishment imposed outside the service, entered from its SK.
    p->roles[Action::kAddPriorPunishment] = {R::kOperator};
    // Separation of duties: the agency's PPK confirms a termination or an
    // annulment an operator requested.
    p->roles[Action::kConfirmCaseAction] = {R::kPpk};
    // The pembebasan sementara (its decree made by the superior) and the
    // employee's events are entered by the personnel operator.
    p->roles[Action::kReleaseFromDuty] = {R::kOperator};
    p->roles[Action::kRecordEmployeeEvent] = {R::kOperator};
    // Who summons may reissue a summons; who records the examination may
    // reopen it (an examiner only on the case that names him).
    p->roles[Action::kReissueSummons] = {R::kOperator};
    p->roles[Action::kReopenExamination] = {R::kOperator, R::kExaminer};
    // Reference §2.5a: the agency's operator joins one employee's cases.
    p->roles[Action::kJoinCases] = {R::kOperator};
    // PP 94/2021 Pasal 18-25: the official with the authority imposes the
    // punishment, so signs its SK
    // (electronically, through BSrE); the PPK's office where it decides.
    p->roles[Action::kSignDocument] = {R::kOfficial, R::kPpk};
    return p;
  }();
  return *policy;
}

CaseScope ScopeOf(const Case& c, Punishment punishment) {
  CaseScope s;
  s.case_id = c.case_id;
  s.agency_code = c.agency_code;
  if (c.examination.has_value()) s.examiners = c.examination->examiner_nips;
  s.examiners.insert(s.examiners.end(), c.examination_team_nips.begin(), c.examination_team_nips.end());
  s.named_examiners = NamedExaminers(c);
  if (c.pending_action.has_value()) s.pending_requested_by = c.pending_action->requested_by;
  s.examiners.insert(s.examiners.end(), s.named_examiners.begin(), s.named_examiners.end());
  if (c.recommendation.has_value()) {
    const Recommendation& r = *c.recommendation;
    Official official = r.authority;
    AuthorityRole proposer = AuthorityRole::kUnspecified;
    for (const OptionOfficial& o : r.officials) {
      if (o.punishment == punishment) {
        official = o.official;
        proposer = o.proposed_by.role;
      }
    }
    if (!official.nip.empty()) s.official_nips.push_back(official.nip);
    // The PPK's office decides where the authority is the PPK, and records
    // the President's decree where the President decides (on its proposal).
    s.ppk_decides = official.role == AuthorityRole::kPpk || official.role == AuthorityRole::kPresiden ||
                    proposer == AuthorityRole::kPpk;
  }
  return s;
}

absl::Status Authorize(const Caller& caller, Action action, const CaseScope* c, const Policy& policy,
                       absl::string_view agency_code, const std::vector<std::string>& request_examiners) {
  if (caller.system) return absl::OkStatus();
  auto it = policy.roles.find(action);
  const bool any_role = it != policy.roles.end() &&
                        std::any_of(it->second.begin(), it->second.end(), [&](Role r) { return caller.Has(r); });
  // A role without the right: refused before any case is looked at, so the
  // answer reveals nothing about cases.
  if (!any_role) return Denied(caller, action, "no role of the caller may do this");
  const bool every_agency = SeesEveryAgency(caller, action, policy);
  auto allowed = [&](Role r) { return caller.Has(r) && it->second.contains(r); };

  if (c == nullptr) {
    // Calls about an agency without a case: the caller's own agency, or any
    // for the supervisor (BKN files recommendations into any agency).
    if (!agency_code.empty() && agency_code != caller.agency_code && !every_agency) {
      return Denied(caller, action, absl::StrCat("agency ", agency_code.substr(0, 64), " is not the caller's"));
    }
    if (action == Action::kRecordExamination && !allowed(Role::kOperator) && !Contains(request_examiners, caller.nip)) {
      return Denied(caller, action, "an examiner records only an examination that names them");
    }
    return absl::OkStatus();
  }

  // Scope: the case's agency, or any agency for the supervisor's reads.
  const bool own = c->agency_code == caller.agency_code;
  if (!own && !every_agency) return Hidden(*c);

  switch (action) {
    case Action::kRecordExamination:
      if (allowed(Role::kOperator)) return absl::OkStatus();
      // api.md "Safe edges": examiners are named (by the summons) before
      // they act; naming oneself in the request is no naming.
      if (!Contains(c->named_examiners, caller.nip)) {
        return Denied(caller, action, "the summons of this case does not name the caller as an examiner");
      }
      if (Contains(request_examiners, caller.nip)) return absl::OkStatus();
      return Denied(caller, action, "an examiner records only an examination that names them");
    case Action::kRecommendSanction:
    case Action::kWithdrawRecommendation:
    case Action::kReopenExamination:
      if (allowed(Role::kOperator)) return absl::OkStatus();
      if (Contains(c->examiners, caller.nip)) return absl::OkStatus();
      return Denied(caller, action, "the caller is not an examiner of this case");
    case Action::kConfirmCaseAction:
      // Separation of duties: a second person confirms.
      if (!c->pending_requested_by.empty() && caller.Id() == c->pending_requested_by) {
        return Denied(caller, action, "the person who requested the action may not confirm it");
      }
      return absl::OkStatus();
    case Action::kDecideSanction:
    case Action::kSignDocument:
      if (allowed(Role::kOfficial) && Contains(c->official_nips, caller.nip)) return absl::OkStatus();
      if (allowed(Role::kPpk) && own && c->ppk_decides) return absl::OkStatus();
      return Denied(caller, action, "the caller is not the official who decides this punishment");
    default:
      break;
  }
  if (IsRead(action) && policy.narrow_to_named) {
    // Examiners and officials (and nobody else among the caller's roles)
    // see only the cases they are named on.
    bool broader = false;
    for (Role r : caller.roles) {
      if (r != Role::kExaminer && r != Role::kOfficial && allowed(r)) broader = true;
    }
    if (!broader && !Contains(c->examiners, caller.nip) && !Contains(c->official_nips, caller.nip)) {
      return Hidden(*c);
    }
  }
  return absl::OkStatus();
}

bool SeesEveryAgency(const Caller& caller, Action action, const Policy& policy) {
  auto it = policy.roles.find(action);
  return caller.Has(Role::kSupervisor) && it != policy.roles.end() && it->second.contains(Role::kSupervisor);
}

absl::Status AuthorizeFiling(const Caller& caller, const Policy& policy, absl::string_view agency_code,
                             bool with_recommendation) {
  RETURN_IF_ERROR(Authorize(caller, Action::kFileCase, nullptr, policy, agency_code));
  if (caller.system || with_recommendation) return absl::OkStatus();
  // Another role the policy lets file, in the caller's own agency.
  const std::set<Role>& roles = policy.roles.at(Action::kFileCase);
  const bool own = agency_code.empty() || agency_code == caller.agency_code;
  for (Role r : caller.roles) {
    if (r != Role::kSupervisor && own && roles.contains(r)) return absl::OkStatus();
  }
  return Denied(caller, Action::kFileCase, "a supervisor files a case only with the recommendation it follows up");
}

}  // namespace discipline::domain
