#include "adapters/mariadb/report_store.h"

#include "absl/strings/str_cat.h"
#include "adapters/mariadb/backfill.h"
#include "adapters/mariadb/pool.h"
#include "adapters/mariadb/store_internal.h"
#include "service/common/status_macros.h"
#include "service/domain/calendar.h"

namespace discipline::mariadb {
namespace {

// A range on ix_cases_follow_report (follow_up_state above "none", then
// received_on), answered from the index alone. Fixed fragments only; every
// value is a placeholder.
constexpr std::string_view kFollowUps =
    "SELECT agency_code, follow_up_state, COALESCE(follow_up_due_on < ?, 0), "
    "COALESCE(follow_up_done_on <= follow_up_due_on, 0), neutrality_aspects, COUNT(*) FROM cases "
    "WHERE follow_up_state > ? AND received_on BETWEEN ? AND ?";
constexpr std::string_view kFollowUpsGroup = " GROUP BY 1, 2, 3, 4, 5";
// ix_cases_consistency (provision_id, decided_on, ...), index only.
constexpr std::string_view kPunishments = "SELECT provision_id, agency_code, punishment, COUNT(*) FROM cases WHERE ";
constexpr std::string_view kAnyProvision = "provision_id IS NOT NULL";
constexpr std::string_view kOneProvision = "provision_id = ?";
constexpr std::string_view kDecidedBetween = " AND decided_on BETWEEN ? AND ?";
constexpr std::string_view kPunishmentsGroup = " GROUP BY 1, 2, 3";
constexpr std::string_view kProvenRejections =
    "SELECT agency_code, COUNT(*) FROM cases WHERE rejected_proven_on BETWEEN ? AND ?";
constexpr std::string_view kByAgency = " GROUP BY agency_code";
constexpr std::string_view kOfAgency = " AND agency_code = ?";
constexpr std::string_view kOfAspect = " AND (neutrality_aspects & ?) <> 0";
// The backfill of migration 0010: rows whose report columns predate 0008.
constexpr std::string_view kSelectUnreported =
    "SELECT case_id, version, case_proto FROM cases WHERE report_columns = 0 AND case_id > ? ORDER BY case_id "
    "LIMIT ?";
constexpr std::string_view kSetReportColumns =
    "UPDATE cases SET neutrality_aspects = ?, follow_up_state = ?, follow_up_due_on = ?, follow_up_done_on = ?, "
    "decided_on = ?, punishment = ?, provision_id = ?, rejected_proven_on = ?, report_columns = 1 "
    "WHERE case_id = ? AND version = ? AND report_columns = 0";

}  // namespace

namespace internal {

void AppendReportColumns(const domain::Case& c, Params* p) {
  using Day = std::optional<absl::CivilDay>;
  int aspects = 0;
  for (const auto& a : c.allegations) {
    if (a.neutrality_aspect != domain::NeutralityAspect::kUnspecified)
      aspects |= 1 << static_cast<int>(a.neutrality_aspect);
  }
  const auto& f = c.follow_up;
  const std::optional<domain::Punishment> in_force = domain::EffectivePunishment(c);
  std::optional<std::string> provision;
  if (in_force.has_value() && c.recommendation.has_value() &&
      !c.recommendation->assessment.resolved_provision_id.empty()) {
    provision = c.recommendation->assessment.resolved_provision_id;
  }
  p->insert(p->end(),
            {IntParam(aspects), EnumParam(f.has_value() ? f->state : domain::FollowUpState::kUnspecified),
             f.has_value() ? DayParam(Day(f->due_on)) : std::nullopt,
             f.has_value() ? DayParam(Day(f->done_on)) : std::nullopt,
             provision.has_value() ? DayParam(Day(c.decision->decided_on)) : std::nullopt,
             EnumParam(provision.has_value() ? *in_force : domain::Punishment::kUnspecified), provision,
             c.decision.has_value() && c.decision->rejected_proven_findings ? DayParam(Day(c.decision->decided_on))
                                                                            : std::nullopt});
}

void AspectFilter(domain::NeutralityAspect aspect, std::string& sql, Params& params) {
  if (aspect == domain::NeutralityAspect::kUnspecified) return;
  sql += kOfAspect;
  params.push_back(IntParam(int64_t{1} << static_cast<int>(aspect)));
}

}  // namespace internal

absl::StatusOr<std::vector<domain::FollowUpTally>> ReportStore::FollowUps(const ports::FollowUpQuery& q) {
  std::string sql(kFollowUps);
  Params params{DayParam(q.as_of), EnumParam(domain::FollowUpState::kUnspecified), DayParam(q.from), DayParam(q.to)};
  if (!q.agency_code.empty()) {
    sql += kOfAgency;
    params.push_back(q.agency_code);
  }
  internal::AspectFilter(q.aspect, sql, params);
  sql += kFollowUpsGroup;
  std::vector<domain::FollowUpTally> out;
  RETURN_IF_ERROR(pool_.Read([&](Connection& conn) -> absl::Status {
    out.clear();
    ASSIGN_OR_RETURN(auto rows, conn.Query(sql, params));
    for (const auto& row : rows) {
      const RowReader r(row, "cases");
      domain::FollowUpTally t;
      ASSIGN_OR_RETURN(t.agency_code, r.String(0));
      ASSIGN_OR_RETURN(t.state, r.Enum<domain::FollowUpState>(1));
      ASSIGN_OR_RETURN(t.past_due, r.Bool(2));
      ASSIGN_OR_RETURN(t.in_time, r.Bool(3));
      ASSIGN_OR_RETURN(const int64_t aspects, r.Int64(4));
      t.aspects = static_cast<int>(aspects);
      ASSIGN_OR_RETURN(t.count, r.Int64(5));
      out.push_back(std::move(t));
    }
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::vector<domain::PunishmentTally>> ReportStore::Punishments(const ports::PunishmentQuery& q) {
  std::string sql(kPunishments);
  Params params;
  if (q.provision_id.empty()) {
    sql += kAnyProvision;
  } else {
    sql += kOneProvision;
    params.push_back(q.provision_id);
  }
  sql += kDecidedBetween;
  params.insert(params.end(), {DayParam(q.from), DayParam(q.to)});
  internal::AspectFilter(q.aspect, sql, params);
  sql += kPunishmentsGroup;
  std::vector<domain::PunishmentTally> out;
  RETURN_IF_ERROR(pool_.Read([&](Connection& conn) -> absl::Status {
    out.clear();
    ASSIGN_OR_RETURN(auto rows, conn.Query(sql, params));
    for (const auto& row : rows) {
      const RowReader r(row, "cases");
      domain::PunishmentTally t;
      ASSIGN_OR_RETURN(t.provision_id, r.String(0));
      ASSIGN_OR_RETURN(t.agency_code, r.String(1));
      ASSIGN_OR_RETURN(t.punishment, r.Enum<domain::Punishment>(2));
      ASSIGN_OR_RETURN(t.count, r.Int64(3));
      out.push_back(std::move(t));
    }
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::vector<domain::ProvenRejectionTally>> ReportStore::ProvenRejections(
    const ports::PunishmentQuery& q) {
  std::string sql(kProvenRejections);
  Params params{DayParam(q.from), DayParam(q.to)};
  internal::AspectFilter(q.aspect, sql, params);
  sql += kByAgency;
  std::vector<domain::ProvenRejectionTally> out;
  RETURN_IF_ERROR(pool_.Read([&](Connection& conn) -> absl::Status {
    out.clear();
    ASSIGN_OR_RETURN(auto rows, conn.Query(sql, params));
    for (const auto& row : rows) {
      const RowReader r(row, "cases");
      domain::ProvenRejectionTally t;
      ASSIGN_OR_RETURN(t.agency_code, r.String(0));
      ASSIGN_OR_RETURN(t.count, r.Int64(1));
      out.push_back(std::move(t));
    }
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<BackfillRun> BackfillReportColumns(Pool& pool, const std::string& after_case_id, int limit) {
  BackfillRun run;
  run.last_case_id = after_case_id;
  RETURN_IF_ERROR(pool.With([&](Connection& conn) -> absl::Status {
    ASSIGN_OR_RETURN(auto rows, conn.Query(kSelectUnreported, {after_case_id, IntParam(limit)}));
    // The page's updates commit together: one redo-log flush, not one a row.
    return internal::InTransaction(conn, [&]() -> absl::Status {
      run = BackfillRun{};
      run.last_case_id = after_case_id;
      for (const auto& row : rows) {
        const RowReader r(row, "cases");
        ASSIGN_OR_RETURN(const std::string case_id, r.String(0));
        ASSIGN_OR_RETURN(const int64_t version, r.Int64(1));
        run.last_case_id = case_id;
        ++run.read;
        absl::StatusOr<std::string> bytes = r.String(2);
        absl::StatusOr<domain::Case> c = bytes.ok() ? internal::DecodeCase(*bytes) : bytes.status();
        if (!c.ok()) {
          // Left at 0 and passed over; the server logs it.
          ++run.failed;
          run.last_error = absl::StrCat(case_id, ": ", c.status().message());
          continue;
        }
        Params p;
        internal::AppendReportColumns(*c, &p);
        p.insert(p.end(), {case_id, IntParam(version)});
        // A row changed since the read was given its columns by that change.
        ASSIGN_OR_RETURN(uint64_t n, conn.Update(kSetReportColumns, p));
        run.updated += static_cast<int>(n);
      }
      return absl::OkStatus();
    });
  }));
  return run;
}

}  // namespace discipline::mariadb
