#ifndef DISCIPLINE_ADAPTERS_MARIADB_FILING_WRITER_H_
#define DISCIPLINE_ADAPTERS_MARIADB_FILING_WRITER_H_

// The filing side of the case repository on MariaDB: group commit of new
// cases. Filings that arrive together are written together, one
// transaction for the batch, so one redo-log flush. Thread-safe.

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "adapters/common/reporter_seal.h"
#include "service/ports/case_repository.h"

namespace discipline::mariadb {

class Connection;
class Pool;

// Group commit of new filings (see FilingWriter::Create).
struct FilingBatchOptions {
  // Filings written in one transaction at most; 1 writes each on its own.
  // One batch is written at a time: a batch holds its agencies' register
  // counter rows until it commits, so a second writer would only wait.
  int max_batch = 32;
};

// How the filings went into batches, for the operator's log and the bench.
struct FilingStats {
  uint64_t filings = 0;
  uint64_t batches = 0;
  uint64_t largest_batch = 0;
  absl::Duration writing;  // the writer's time in WriteBatch, all batches
};

// One filing of FilingWriter::CreateBatch.
struct NewFiling {
  domain::Case c;
  ports::AuditEntry entry;
  ports::IdempotencyKey key;
};

class FilingWriter {
 public:
  // `reads` serves the look-ups after a failed filing; `filings` (autocommit
  // off: it only ever runs transactions) the batches. Neither is owned, nor
  // `seal` (may be null: none configured); all outlive this.
  FilingWriter(Pool& reads, Pool& filings, const adapters::ReporterSeal* seal, FilingBatchOptions batch)
      : reads_(reads), filings_(filings), seal_(seal), batch_(batch) {}
  // Waits for the filings in flight.
  ~FilingWriter();

  // ports::CaseRepository::Create. Each caller gets its own answer (its
  // case, its replay, or its own error), and only after the commit. A
  // request_id stored before returns its first response and writes nothing;
  // the register number is taken inside the filing's transaction, so a
  // filing that fails leaves no gap.
  absl::StatusOr<domain::Case> Create(const domain::Case& c, const ports::AuditEntry& entry,
                                      const ports::IdempotencyKey& key);
  // Writes `filings` as one batch, now, on the calling thread; the answers in
  // the same order. Create uses the same path for the filings it gathers.
  std::vector<absl::StatusOr<domain::Case>> CreateBatch(const std::vector<NewFiling>& filings);
  // ports::CaseRepository::CreateRelated: the filing and the change of the
  // case it is filed against in one transaction, written on the calling
  // thread.
  absl::StatusOr<domain::Case> CreateRelated(const domain::Case& c, const ports::AuditEntry& entry,
                                             const ports::IdempotencyKey& key, const domain::Case& related,
                                             const ports::AuditEntry& related_entry);

  FilingStats stats() const;

 private:
  struct Filing;
  void WriteLoop();
  void WriteBatch(const std::vector<Filing*>& batch);
  void WriteAlone(Filing& f);
  absl::Status TryWrite(const std::vector<Filing*>& filings, bool* commit_sent);
  absl::Status InsertFilings(Connection& conn, const std::vector<Filing*>& filings,
                             std::vector<absl::StatusOr<domain::Case>>& results);
  Pool& reads_;
  Pool& filings_;
  const adapters::ReporterSeal* const seal_;
  const FilingBatchOptions batch_;
  mutable std::mutex mu_;
  std::condition_variable cv_;  // the writer: a filing queued, or stopping
  std::deque<Filing*> queue_;   // filings not yet in a batch, oldest first
  bool stopping_ = false;
  std::thread writer_;  // started by the first filing
  FilingStats stats_;
};

}  // namespace discipline::mariadb

#endif  // DISCIPLINE_ADAPTERS_MARIADB_FILING_WRITER_H_
