#include "adapters/mariadb/case_row_store.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "adapters/mariadb/notification_store.h"
#include "adapters/mariadb/pool.h"
#include "adapters/mariadb/store_internal.h"
#include "service/common/errors.h"
#include "service/common/status_macros.h"
#include "service/domain/violation_claim.h"

namespace discipline::mariadb {
namespace {

using domain::Case;
using domain::CaseState;

constexpr std::string_view kSelectCase = "SELECT case_proto FROM cases WHERE case_id = ?";
constexpr std::string_view kSelectOfEmployee = "SELECT case_proto FROM cases WHERE employee_nip = ? ORDER BY case_id";
constexpr std::string_view kSelectDecided =
    "SELECT case_proto FROM cases WHERE employee_nip = ? AND state IN (?, ?, ?) ORDER BY case_id";
constexpr std::string_view kSelectFollowUpsDue =
    "SELECT case_proto FROM cases WHERE follow_up_state IN (?, ?) AND follow_up_due_on < ? "
    "ORDER BY follow_up_state, follow_up_due_on, case_id LIMIT ?";
constexpr std::string_view kLockCase =
    "SELECT version, audit_head, audit_count, reporter_format FROM cases WHERE case_id = ? FOR UPDATE";
constexpr std::string_view kUpdateCase =
    "UPDATE cases SET state = ?, version = ?, next_due_on = ?, case_proto = ?, updated_at = ?, audit_head = ?, "
    "audit_count = ?, neutrality_aspects = ?, follow_up_state = ?, follow_up_due_on = ?, follow_up_done_on = ?, "
    "decided_on = ?, punishment = ?, provision_id = ?, rejected_proven_on = ?, report_columns = 1 "
    "WHERE case_id = ? AND version = ?";
// Migration 0012: punishments imposed outside the service, per employee.
constexpr std::string_view kInsertPriorHead =
    "INSERT INTO prior_punishments (case_id, sequence, employee_nip, punishment, provision_id, decision_number, "
    "decided_on, effective_on, source, document_id) VALUES ";
constexpr std::string_view kPriorRow = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kSelectPriors =
    "SELECT punishment, provision_id, decision_number, DATE_FORMAT(decided_on, '%Y-%m-%d'), "
    "DATE_FORMAT(effective_on, '%Y-%m-%d'), source, document_id FROM prior_punishments WHERE employee_nip = ? "
    "ORDER BY recorded_at, case_id, sequence";
// The listing: fixed fragments only; every value is a placeholder.
constexpr std::string_view kListHead = "SELECT case_id, case_proto, next_due_on FROM cases WHERE ";
// A range on ix_cases_due (next_due_on, case_id), whatever the size.
constexpr std::string_view kOverdue = "next_due_on < ?";
constexpr std::string_view kAfterDue = " AND (next_due_on > ? OR (next_due_on = ? AND case_id > ?))";
constexpr std::string_view kAfterCase = "case_id > ?";
constexpr std::string_view kOfAgency = " AND agency_code = ?";
constexpr std::string_view kInState = " AND state = ?";
constexpr std::string_view kOfEmployee = " AND employee_nip = ?";
// The limit is a parameter too: one statement text per filter shape, not
// one per page size (the prepared-statement cache stays bounded).
constexpr std::string_view kByDue = " ORDER BY next_due_on, case_id LIMIT ?";
constexpr std::string_view kById = " ORDER BY case_id LIMIT ?";

}  // namespace

absl::StatusOr<std::vector<Case>> CaseRowStore::CasesSelected(std::string_view sql, const Params& params) {
  std::vector<Case> out;
  RETURN_IF_ERROR(pool_.Read([&](Connection& conn) -> absl::Status {
    out.clear();
    ASSIGN_OR_RETURN(auto rows, conn.Query(sql, params));
    for (const auto& row : rows) {
      ASSIGN_OR_RETURN(const std::string bytes, RowReader(row, "cases").String(0));
      ASSIGN_OR_RETURN(Case c, internal::DecodeCase(bytes));
      out.push_back(std::move(c));
    }
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<Case> CaseRowStore::Get(const std::string& case_id) {
  ASSIGN_OR_RETURN(std::vector<Case> found, CasesSelected(kSelectCase, {case_id}));
  if (found.empty()) return absl::NotFoundError(absl::StrCat("case_id: no case ", case_id));
  return std::move(found[0]);
}

absl::StatusOr<std::vector<Case>> CaseRowStore::CasesOfEmployee(const std::string& nip) {
  return CasesSelected(kSelectOfEmployee, {nip});
}

absl::StatusOr<std::vector<Case>> CaseRowStore::DecidedCasesOf(const std::string& nip) {
  return CasesSelected(kSelectDecided, {nip, EnumParam(CaseState::kDecided), EnumParam(CaseState::kUnderRemedy),
                                        EnumParam(CaseState::kClosed)});
}

absl::StatusOr<std::vector<Case>> CaseRowStore::FollowUpsDue(absl::CivilDay before, int limit) {
  return CasesSelected(kSelectFollowUpsDue,
                       {EnumParam(domain::FollowUpState::kPending), EnumParam(domain::FollowUpState::kOverdue),
                        DayParam(before), IntParam(limit)});
}

absl::StatusOr<std::optional<Case>> CaseRowStore::FindByRequestId(const ports::IdempotencyKey& key) {
  std::optional<Case> found;
  RETURN_IF_ERROR(pool_.Read([&](Connection& conn) -> absl::Status {
    ASSIGN_OR_RETURN(found, internal::FirstResponse(conn, seal_, key));
    return absl::OkStatus();
  }));
  return found;
}

absl::StatusOr<ports::CasePage> CaseRowStore::List(const ports::CaseFilter& f) {
  const int page_size = f.page_size <= 0 ? 50 : std::min(f.page_size, 500);
  std::string sql(kListHead);
  Params params;
  if (f.overdue_only) {
    sql += kOverdue;
    params.push_back(DayParam(f.today));
    if (f.after_due_on.has_value()) {
      const std::string due = DayParam(*f.after_due_on);
      sql += kAfterDue;
      params.insert(params.end(), {due, due, f.after_case_id});
    }
  } else {
    sql += kAfterCase;
    params.push_back(f.after_case_id);
  }
  if (!f.agency_code.empty()) {
    sql += kOfAgency;
    params.push_back(f.agency_code);
  }
  if (f.state != CaseState::kUnspecified) {
    sql += kInState;
    params.push_back(EnumParam(f.state));
  }
  if (!f.employee_nip.empty()) {
    sql += kOfEmployee;
    params.push_back(f.employee_nip);
  }
  internal::AspectFilter(f.neutrality_aspect, sql, params);
  sql += f.overdue_only ? kByDue : kById;
  params.push_back(IntParam(page_size + 1));
  ports::CasePage page;
  RETURN_IF_ERROR(pool_.Read([&](Connection& conn) -> absl::Status {
    page.cases.clear();
    ASSIGN_OR_RETURN(auto rows, conn.Query(sql, params));
    for (size_t i = 0; i < rows.size() && static_cast<int>(i) < page_size; ++i) {
      ASSIGN_OR_RETURN(const std::string bytes, RowReader(rows[i], "cases").String(1));
      ASSIGN_OR_RETURN(Case c, internal::DecodeCase(bytes));
      page.cases.push_back(std::move(c));
    }
    page.more = static_cast<int>(rows.size()) > page_size;
    return absl::OkStatus();
  }));
  return page;
}

absl::StatusOr<std::vector<domain::PriorPunishment>> CaseRowStore::PriorPunishmentsOf(const std::string& nip) {
  std::vector<domain::PriorPunishment> out;
  RETURN_IF_ERROR(pool_.Read([&](Connection& conn) -> absl::Status {
    out.clear();
    ASSIGN_OR_RETURN(auto rows, conn.Query(kSelectPriors, {nip}));
    for (const auto& row : rows) {
      const RowReader r(row, "prior_punishments");
      domain::PriorPunishment p;
      ASSIGN_OR_RETURN(p.punishment, r.Enum<domain::Punishment>(0));
      ASSIGN_OR_RETURN(p.provision_id, r.StringOrEmpty(1));
      ASSIGN_OR_RETURN(p.decision_number, r.StringOrEmpty(2));
      ASSIGN_OR_RETURN(p.decided_on, r.Day(3));
      ASSIGN_OR_RETURN(p.effective_on, r.OptionalDay(4));
      ASSIGN_OR_RETURN(p.source, r.Enum<domain::PriorSource>(5));
      ASSIGN_OR_RETURN(p.document_id, r.StringOrEmpty(6));
      out.push_back(std::move(p));
    }
    return absl::OkStatus();
  }));
  return out;
}

namespace {

// The last entries of the case's priors, under the employee's NIP.
absl::Status InsertPriors(Connection& conn, const Case& c, const std::vector<domain::PriorPunishment>& priors) {
  if (priors.empty()) return absl::OkStatus();
  Params rows;
  const size_t first = c.prior_punishments.size() - std::min(c.prior_punishments.size(), priors.size());
  for (size_t k = 0; k < priors.size(); ++k) {
    const domain::PriorPunishment& p = priors[k];
    rows.insert(rows.end(), {c.case_id, IntParam(static_cast<int64_t>(first + k)), c.employee.nip,
                             EnumParam(p.punishment), p.provision_id, p.decision_number, DayParam(p.decided_on),
                             DayParam(p.effective_on), EnumParam(p.source), p.document_id});
  }
  return conn.Update(internal::MultiRow(kInsertPriorHead, kPriorRow, priors.size()), rows).status();
}

}  // namespace

// The chain's head and the version are read under the row's lock; a row
// still in the format before migration 0011 is sealed first (its own event).
absl::Status internal::WriteCaseChange(Connection& conn, const adapters::ReporterSeal* seal, Case& c,
                                       const ports::AuditEntry& entry) {
  ASSIGN_OR_RETURN(auto rows, conn.Query(kLockCase, {c.case_id}));
  if (rows.empty()) return absl::NotFoundError(absl::StrCat("case_id: no case ", c.case_id));
  const RowReader r(rows[0], "cases");
  ASSIGN_OR_RETURN(const int64_t stored_version, r.Int64(0));
  if (stored_version != c.version - 1) {
    return WithIndonesian(
        absl::AbortedError(absl::StrCat("version: the case is at version ", stored_version,
                                        ", the request was based on ", c.version - 1, "; reload and retry")),
        "Perkara telah diubah oleh pengguna lain. Muat ulang lalu coba lagi.");
  }
  ASSIGN_OR_RETURN(std::string head, r.String(1));
  ASSIGN_OR_RETURN(int64_t count, r.Int64(2));
  ASSIGN_OR_RETURN(const auto format, r.Enum<internal::ReporterFormat>(3));
  // The reporter is set at filing only.
  c.reporter.clear();
  if (format == internal::ReporterFormat::kPlain) {
    ASSIGN_OR_RETURN(internal::LockedCase locked, internal::LockCase(conn, c.case_id));
    std::string reporter;
    RETURN_IF_ERROR(internal::SealLegacyRow(conn, seal, locked, c.updated_at, &reporter, &c.reporter_commitment));
    head = locked.head;
    count = locked.count;
  }
  domain::AuditEvent e;
  e.case_id = c.case_id;
  e.sequence = count + 1;
  e.occurred_at = c.updated_at;
  e.actor = entry.actor;
  e.action = entry.action;
  e.from_state = entry.from_state;
  e.to_state = c.state;
  e.prev_hash = std::move(head);
  const std::string bytes = internal::EncodeCase(c);
  e.payload_json = internal::StoredPayload(entry, bytes, c.version);
  e.hash = internal::EventHash(e);
  Params update{EnumParam(c.state),  IntParam(c.version), internal::DueParam(c), bytes, TimeParam(c.updated_at), e.hash,
                IntParam(e.sequence)};
  internal::AppendReportColumns(c, &update);
  update.insert(update.end(), {c.case_id, IntParam(c.version - 1)});
  ASSIGN_OR_RETURN(uint64_t n, conn.Update(kUpdateCase, update));
  if (n != 1) return absl::AbortedError("version: the case changed during the update; reload and retry");
  // Ended without a punishment: its violations may be filed again. Joined
  // into another case: its violations are that case's now (reference §2.5a,
  // one punishment for several violations), and so are their claims, so a
  // later filing of one of them names the surviving case.
  if (!domain::HoldsViolations(c.state)) {
    RETURN_IF_ERROR(internal::ReleaseClaims(conn, c.case_id));
  } else if (!c.joined_into.empty()) {
    RETURN_IF_ERROR(internal::MoveClaims(conn, c.case_id, c.joined_into));
  }
  RETURN_IF_ERROR(internal::InsertEvents(conn, {e}));
  RETURN_IF_ERROR(InsertPriors(conn, c, entry.new_priors));
  if (!entry.siasn_key.empty()) RETURN_IF_ERROR(internal::PutSiasnRecord(conn, c, entry));
  // Notifications the change makes due, with the change (0022).
  return PutNotifications(conn, entry.notifications);
}

absl::StatusOr<Case> CaseRowStore::UpdateMany(const std::vector<std::pair<Case, ports::AuditEntry>>& changes,
                                              const ports::IdempotencyKey& key) {
  if (changes.empty()) return absl::InvalidArgumentError("no change");
  std::vector<Case> cs;
  for (const auto& ch : changes) cs.push_back(ch.first);
  // Rows are locked in case id order, whatever the request's order, so that
  // two joins of overlapping cases cannot deadlock.
  std::vector<size_t> order(cs.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return cs[a].case_id < cs[b].case_id; });
  bool replay = false;
  absl::Status s = pool_.With([&](Connection& conn) -> absl::Status {
    return internal::InTransaction(conn, [&]() -> absl::Status {
      for (size_t i : order) RETURN_IF_ERROR(internal::WriteCaseChange(conn, seal_, cs[i], changes[i].second));
      Params record;
      internal::AppendIdempotencyRow(seal_, key, cs[0], &record);
      absl::Status recorded = conn.Update(internal::InsertIdempotencySql(1), record).status();
      if (recorded.code() == absl::StatusCode::kAlreadyExists) {
        replay = true;
        return absl::AlreadyExistsError("replay");
      }
      return recorded;
    });
  });
  if (replay || s.code() == absl::StatusCode::kAborted) {
    auto first = FindByRequestId(key);
    if (first.ok() && first->has_value()) return **first;
    if (replay)
      return first.ok() ? absl::InternalError("request_id: the first response is not recorded") : first.status();
  }
  if (!s.ok()) return s;
  return cs[0];
}

}  // namespace discipline::mariadb
