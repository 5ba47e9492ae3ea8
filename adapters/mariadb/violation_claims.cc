// One violation, one punishment (migration 0013, domain/violation_claim.h):
// the claims a case holds on its violations, written in the transactions of
// the case's own changes.

#include "absl/strings/str_cat.h"
#include "adapters/mariadb/backfill.h"
#include "adapters/mariadb/pool.h"
#include "adapters/mariadb/store_internal.h"
#include "service/common/status_macros.h"
#include "service/domain/violation_claim.h"

namespace discipline::mariadb {
namespace {

// A filing's claims go in first, before any lock on the register counters,
// so a second filing of a claimed violation fails early on the primary key.
constexpr std::string_view kInsertClaimHead =
    "INSERT INTO violation_claims (employee_nip, provision_id, occurred_on, case_id) VALUES ";
constexpr std::string_view kClaimRow = "(?, ?, ?, ?)";
constexpr std::string_view kClaimHolder =
    "SELECT v.case_id, c.register_number, c.agency_code FROM violation_claims v JOIN cases c ON c.case_id = v.case_id "
    "WHERE v.employee_nip = ? AND v.provision_id = ? AND v.occurred_on = ?";
constexpr std::string_view kReleaseClaims = "DELETE FROM violation_claims WHERE case_id = ?";
// A case joined into another: its claims, locked, are taken back and put in
// again naming the surviving case (the service may insert and delete claims,
// never rewrite one).
constexpr std::string_view kClaimsOf =
    "SELECT employee_nip, provision_id, DATE_FORMAT(occurred_on, '%Y-%m-%d') FROM violation_claims WHERE case_id = ? "
    "FOR UPDATE";
// The backfill: the rows filed before 0013, locked while their claims go in
// (a change to DISMISSED meanwhile would release nothing). Of two old cases
// of one violation the first keeps the claim (IGNORE).
constexpr std::string_view kSelectUnclaimed =
    "SELECT case_id, case_proto FROM cases WHERE violation_claims = 0 AND case_id > ? ORDER BY case_id LIMIT ? "
    "FOR UPDATE";
constexpr std::string_view kInsertOldClaim =
    "INSERT IGNORE INTO violation_claims (employee_nip, provision_id, occurred_on, case_id) VALUES (?, ?, ?, ?)";
constexpr std::string_view kSetClaimed = "UPDATE cases SET violation_claims = 1 WHERE case_id = ?";

}  // namespace

namespace internal {

absl::Status InsertClaims(Connection& conn, const std::vector<domain::Case>& cases) {
  Params keys;
  size_t claims = 0;
  for (const domain::Case& c : cases) {
    for (const domain::ViolationKey& k : domain::ViolationKeysOf(c)) {
      keys.insert(keys.end(), {k.nip, k.provision_id, DayParam(k.occurred_on), c.case_id});
      ++claims;
    }
  }
  if (claims == 0) return absl::OkStatus();
  absl::Status claimed = conn.Update(MultiRow(kInsertClaimHead, kClaimRow, claims), keys).status();
  // Told apart from a racing request_id by the filing writer (ClaimConflict).
  if (claimed.code() == absl::StatusCode::kAlreadyExists) {
    return absl::AlreadyExistsError("allegations: a violation of this filing is claimed by another case; retry");
  }
  return claimed;
}

absl::Status ReleaseClaims(Connection& conn, const std::string& case_id) {
  return conn.Update(kReleaseClaims, {case_id}).status();
}

absl::Status MoveClaims(Connection& conn, const std::string& from, const std::string& to) {
  ASSIGN_OR_RETURN(auto rows, conn.Query(kClaimsOf, {from}));
  if (rows.empty()) return absl::OkStatus();
  Params keys;
  for (const auto& row : rows) {
    const RowReader r(row, "violation_claims");
    ASSIGN_OR_RETURN(std::string nip, r.String(0));
    ASSIGN_OR_RETURN(std::string provision, r.String(1));
    ASSIGN_OR_RETURN(absl::CivilDay occurred_on, r.Day(2));
    keys.insert(keys.end(), {std::move(nip), std::move(provision), DayParam(occurred_on), to});
  }
  RETURN_IF_ERROR(ReleaseClaims(conn, from));
  return conn.Update(MultiRow(kInsertClaimHead, kClaimRow, rows.size()), keys).status();
}

absl::StatusOr<std::optional<absl::Status>> ClaimConflict(Connection& conn, const domain::Case& c) {
  for (const domain::ViolationKey& k : domain::ViolationKeysOf(c)) {
    ASSIGN_OR_RETURN(auto rows, conn.Query(kClaimHolder, {k.nip, k.provision_id, DayParam(k.occurred_on)}));
    if (rows.empty()) continue;
    const RowReader r(rows[0], "violation_claims");
    ASSIGN_OR_RETURN(const std::string holder, r.String(0));
    ASSIGN_OR_RETURN(const std::string register_number, r.StringOrEmpty(1));
    ASSIGN_OR_RETURN(const std::string agency, r.String(2));
    // Another agency's case (the employee's former one) is not named.
    return std::optional<absl::Status>(agency == c.agency_code
                                           ? domain::ViolationAlreadyFiled(k, holder, register_number)
                                           : domain::ViolationAlreadyFiledElsewhere(k));
  }
  return std::optional<absl::Status>();
}

}  // namespace internal

absl::StatusOr<BackfillRun> BackfillViolationClaims(Pool& pool, const std::string& after_case_id, int limit) {
  BackfillRun run;
  run.last_case_id = after_case_id;
  RETURN_IF_ERROR(pool.With([&](Connection& conn) -> absl::Status {
    return internal::InTransaction(conn, [&]() -> absl::Status {
      run = BackfillRun{};
      run.last_case_id = after_case_id;
      ASSIGN_OR_RETURN(auto rows, conn.Query(kSelectUnclaimed, {after_case_id, IntParam(limit)}));
      for (const auto& row : rows) {
        const RowReader r(row, "cases");
        ASSIGN_OR_RETURN(const std::string case_id, r.String(0));
        run.last_case_id = case_id;
        ++run.read;
        absl::StatusOr<std::string> bytes = r.String(1);
        absl::StatusOr<domain::Case> c = bytes.ok() ? internal::DecodeCase(*bytes) : bytes.status();
        if (!c.ok()) {
          ++run.failed;  // left at 0 and passed over; the server logs it
          run.last_error = absl::StrCat(case_id, ": ", c.status().message());
          continue;
        }
        if (domain::HoldsViolations(c->state)) {
          for (const domain::ViolationKey& k : domain::ViolationKeysOf(*c)) {
            RETURN_IF_ERROR(
                conn.Update(kInsertOldClaim, {k.nip, k.provision_id, DayParam(k.occurred_on), case_id}).status());
          }
        }
        ASSIGN_OR_RETURN(uint64_t n, conn.Update(kSetClaimed, {case_id}));
        run.updated += static_cast<int>(n);
      }
      return absl::OkStatus();
    });
  }));
  return run;
}

}  // namespace discipline::mariadb
