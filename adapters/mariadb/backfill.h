#ifndef DISCIPLINE_ADAPTERS_MARIADB_BACKFILL_H_
#define DISCIPLINE_ADAPTERS_MARIADB_BACKFILL_H_

// The backfills of columns that later migrations added to the cases table,
// computed from each row's stored case. Safe to run on several replicas at
// once and to repeat; the server runs them at start-up, page by page, until
// a page reads nothing.

#include <string>

#include "absl/status/statusor.h"

namespace discipline::mariadb {

class Pool;

// One page of a backfill.
struct BackfillRun {
  int read = 0;              // rows still to fill, read in this page
  int updated = 0;           // of them, filled now
  int failed = 0;            // whose case_proto could not be read (left as they are)
  std::string last_case_id;  // where the next page starts
  std::string last_error;
};

// Migration 0010's backfill: the report and filter columns of up to
// `limit` rows written before migration 0008 (report_columns = 0), after
// `after_case_id` in case_id order. A row that changed meanwhile keeps what
// its change wrote. (report_store.cc)
absl::StatusOr<BackfillRun> BackfillReportColumns(Pool& pool, const std::string& after_case_id, int limit);

// Migration 0013's backfill: the violation claims (domain/violation_claim.h)
// of up to `limit` cases filed before it (violation_claims = 0), after
// `after_case_id`, each page in one transaction over its locked rows.
// (violation_claims.cc)
absl::StatusOr<BackfillRun> BackfillViolationClaims(Pool& pool, const std::string& after_case_id, int limit);

}  // namespace discipline::mariadb

#endif  // DISCIPLINE_ADAPTERS_MARIADB_BACKFILL_H_
