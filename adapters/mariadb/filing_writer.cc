#include "adapters/mariadb/filing_writer.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "adapters/mariadb/pool.h"
#include "adapters/mariadb/store_internal.h"
#include "service/common/status_macros.h"
#include "service/domain/audit_chain.h"
#include "service/domain/calendar.h"

namespace discipline::mariadb {
namespace {

using domain::Case;

// Allocates the next `k` register numbers of an agency and year and hands
// back the last: LAST_INSERT_ID(expr) puts it in the statement's OK packet,
// so it costs one round trip.
constexpr std::string_view kBumpCounter =
    "INSERT INTO register_counters (agency_code, year, last_value) VALUES (?, ?, LAST_INSERT_ID(?)) "
    "ON DUPLICATE KEY UPDATE last_value = LAST_INSERT_ID(last_value + ?)";
constexpr std::string_view kInsertCaseHead =
    "INSERT INTO cases (case_id, agency_code, register_number, state, version, employee_nip, received_on, "
    "next_due_on, case_proto, created_at, updated_at, audit_head, audit_count, neutrality_aspects, "
    "follow_up_state, follow_up_due_on, follow_up_done_on, decided_on, punishment, provision_id, rejected_proven_on, "
    "reporter_sealed, reporter_key_id) VALUES ";
constexpr std::string_view kCaseRow = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr int kCreateRetries = 3;

// Takes the next `count` register numbers of the agency and year; the last.
absl::StatusOr<uint64_t> BumpCounter(Connection& conn, const std::string& agency, int year, size_t count) {
  const std::string k = IntParam(static_cast<int64_t>(count));
  ASSIGN_OR_RETURN(uint64_t last, conn.Insert(kBumpCounter, {agency, IntParam(year), k, k}));
  if (last < count) return absl::InternalError("register counter gave no value");
  return last;
}

std::string RegisterNumber(int year, uint64_t n) { return absl::StrFormat("HD/%d/%06d", year, n); }

// The first event of a filed case.
domain::AuditEvent FilingEvent(const Case& c, const ports::AuditEntry& entry, const std::string& bytes) {
  domain::AuditEvent e;
  e.case_id = c.case_id;
  e.sequence = 1;
  e.occurred_at = c.updated_at;
  e.actor = entry.actor;
  e.action = entry.action;
  e.from_state = entry.from_state;
  e.to_state = c.state;
  e.prev_hash = domain::kGenesisHash;
  e.payload_json = internal::StoredPayload(entry, bytes, c.version);
  e.hash = internal::EventHash(e);
  return e;
}

void AppendCaseRow(const Case& c, const std::string& bytes, const domain::AuditEvent& e,
                   const std::optional<std::string>& sealed_reporter, const std::optional<std::string>& key_id,
                   Params* p) {
  p->insert(p->end(), {c.case_id, c.agency_code, c.register_number, EnumParam(c.state), IntParam(c.version),
                       c.employee.nip, DayParam(c.received_on), internal::DueParam(c), bytes, TimeParam(c.created_at),
                       TimeParam(c.updated_at), e.hash, IntParam(e.sequence)});
  internal::AppendReportColumns(c, p);
  p->insert(p->end(), {sealed_reporter, sealed_reporter.has_value() ? key_id : std::nullopt});
}

}  // namespace

// One filing waiting for its batch. Guarded by FilingWriter::mu_ except
// `result`, which only the writer touches before setting `done`.
struct FilingWriter::Filing {
  Filing(const Case* c, const ports::AuditEntry* entry, const ports::IdempotencyKey* key)
      : c(c), entry(entry), key(key) {}
  const Case* c;
  const ports::AuditEntry* entry;
  const ports::IdempotencyKey* key;
  // CreateRelated: the case filed against, changed in the same transaction.
  const Case* related = nullptr;
  const ports::AuditEntry* related_entry = nullptr;
  bool done = false;             // `result` is final
  std::condition_variable wake;  // done
  absl::StatusOr<Case> result = absl::UnknownError("not written");
};

FilingWriter::~FilingWriter() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_one();
  if (writer_.joinable()) writer_.join();
}

FilingStats FilingWriter::stats() const {
  std::lock_guard<std::mutex> lock(mu_);
  return stats_;
}

// Group commit: filings queue, and one writer thread writes whatever has
// queued as one batch, then the next: one transaction, and so one redo-log
// flush, per batch instead of per filing. Each caller gets its answer only
// after its batch committed. The writer goes straight on to the next batch,
// so no hand-over sits between two batches.
absl::StatusOr<Case> FilingWriter::Create(const Case& c, const ports::AuditEntry& entry,
                                          const ports::IdempotencyKey& key) {
  Filing mine(&c, &entry, &key);
  std::unique_lock<std::mutex> lock(mu_);
  if (stopping_) return absl::UnavailableError("the case store is shutting down");
  if (!writer_.joinable()) writer_ = std::thread([this] { WriteLoop(); });
  queue_.push_back(&mine);
  cv_.notify_one();
  mine.wake.wait(lock, [&] { return mine.done; });
  return std::move(mine.result);
}

absl::StatusOr<Case> FilingWriter::CreateRelated(const Case& c, const ports::AuditEntry& entry,
                                                 const ports::IdempotencyKey& key, const Case& related,
                                                 const ports::AuditEntry& related_entry) {
  // Written on its own, on this thread: the related case's row is locked and
  // changed in the filing's transaction (InsertFilings).
  Filing mine(&c, &entry, &key);
  mine.related = &related;
  mine.related_entry = &related_entry;
  WriteBatch({&mine});
  return std::move(mine.result);
}

void FilingWriter::WriteLoop() {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, and nothing is left to write
    std::vector<Filing*> batch;
    while (!queue_.empty() && batch.size() < static_cast<size_t>(std::max(1, batch_.max_batch))) {
      batch.push_back(queue_.front());
      queue_.pop_front();
    }
    lock.unlock();
    const absl::Time started = absl::Now();
    WriteBatch(batch);
    const absl::Duration took = absl::Now() - started;
    lock.lock();
    stats_.writing += took;
    ++stats_.batches;
    stats_.filings += batch.size();
    stats_.largest_batch = std::max<uint64_t>(stats_.largest_batch, batch.size());
    for (Filing* f : batch) {
      f->done = true;
      f->wake.notify_one();
    }
  }
}

std::vector<absl::StatusOr<Case>> FilingWriter::CreateBatch(const std::vector<NewFiling>& filings) {
  std::deque<Filing> items;
  for (const NewFiling& f : filings) items.emplace_back(&f.c, &f.entry, &f.key);
  std::vector<Filing*> batch;
  for (Filing& f : items) batch.push_back(&f);
  WriteBatch(batch);
  std::vector<absl::StatusOr<Case>> out;
  for (Filing& f : items) out.push_back(std::move(f.result));
  return out;
}

// Writes the batch in one transaction (TryWrite). When that fails before
// COMMIT (a racing repeat of a request_id, a deadlock, one bad row) it was
// rolled back, and each filing is written on its own so that each gets its
// own answer. When the COMMIT itself fails its outcome is unknown: every
// filing gets the error, and a retry with the same request_id is safe.
void FilingWriter::WriteBatch(const std::vector<Filing*>& batch) {
  // A request_id twice in one batch: the repeat is written after the first
  // committed, and so replays it.
  std::vector<Filing*> first, alone;
  std::set<std::tuple<std::string, std::string, std::string>> seen;
  for (Filing* f : batch) {
    (seen.insert({f->key->scope, f->key->method, f->key->request_id}).second ? first : alone).push_back(f);
  }
  if (first.size() == 1) {
    alone.insert(alone.begin(), first[0]);
  } else {
    bool commit_sent = false;
    const absl::Status s = TryWrite(first, &commit_sent);
    if (!s.ok() && !commit_sent && s.code() != absl::StatusCode::kUnavailable) {
      alone.insert(alone.begin(), first.begin(), first.end());
    } else if (!s.ok()) {
      for (Filing* f : first) f->result = s;
    }
  }
  for (Filing* f : alone) WriteAlone(*f);
}

// One filing in its own transaction, tried again after a deadlock.
void FilingWriter::WriteAlone(Filing& f) {
  for (int attempt = 0; attempt < kCreateRetries; ++attempt) {
    bool commit_sent = false;
    const absl::Status s = TryWrite({&f}, &commit_sent);
    if (s.ok()) return;
    f.result = s;
    // A repeat that committed between this transaction's look-up and its
    // insert: answer with the first response. Else a violation another case
    // holds: answer naming it; when that case released it meanwhile, try
    // again.
    if (s.code() == absl::StatusCode::kAlreadyExists) {
      std::optional<absl::Status> named;
      const absl::Status read = reads_.Read([&](Connection& conn) -> absl::Status {
        ASSIGN_OR_RETURN(std::optional<Case> replay, internal::FirstResponse(conn, seal_, *f.key));
        if (replay.has_value()) {
          f.result = std::move(*replay);
          named = absl::OkStatus();
          return absl::OkStatus();
        }
        ASSIGN_OR_RETURN(named, internal::ClaimConflict(conn, *f.c));
        if (named.has_value()) f.result = *named;
        return absl::OkStatus();
      });
      if (!read.ok()) f.result = read;
      if (read.ok() && !named.has_value()) continue;
    }
    // A deadlock rolled everything back: try again.
    if (s.code() != absl::StatusCode::kAborted || commit_sent) return;
  }
}

// One transaction for `filings` (distinct request_ids): for a lone filing
// the look-up of its request_id, then one counter statement per agency and
// year, then one multi-row INSERT each for the cases, their first audit
// events and the idempotency records. Sets every filing's result only when
// the transaction committed.
absl::Status FilingWriter::TryWrite(const std::vector<Filing*>& filings, bool* commit_sent) {
  std::vector<absl::StatusOr<Case>> results;
  const absl::Status s = filings_.With([&](Connection& conn) -> absl::Status {
    return internal::InTransaction(
        conn,
        [&]() -> absl::Status {
          results.assign(filings.size(), absl::UnknownError("not written"));
          // A batch does not spend the look-up's round trip: a request_id
          // stored before fails its idempotency insert, and the batch is
          // then written filing by filing.
          if (filings.size() == 1) {
            absl::StatusOr<std::optional<Case>> seen = internal::FirstResponse(conn, seal_, *filings[0]->key);
            if (!seen.ok() && seen.status().code() != absl::StatusCode::kInvalidArgument) return seen.status();
            if (!seen.ok() || seen->has_value()) {
              // Its first response, or the request_id used for another request.
              results[0] = seen.ok() ? absl::StatusOr<Case>(std::move(**seen)) : seen.status();
              return absl::OkStatus();
            }
          }
          return InsertFilings(conn, filings, results);
        },
        commit_sent);
  });
  if (!s.ok()) return s;
  for (size_t i = 0; i < filings.size(); ++i) filings[i]->result = std::move(results[i]);
  return absl::OkStatus();
}

absl::Status FilingWriter::InsertFilings(Connection& conn, const std::vector<Filing*>& filings,
                                         std::vector<absl::StatusOr<Case>>& results) {
  std::vector<Case> cases;
  for (const Filing* f : filings) cases.push_back(*f->c);
  RETURN_IF_ERROR(internal::InsertClaims(conn, cases));
  // Register numbers, agency by agency in a fixed order (concurrent batches
  // lock the counter rows in the same order), numbered in arrival order. The
  // counter rows stay locked until COMMIT: a rolled-back batch leaves no gap.
  std::map<std::pair<std::string, int>, std::vector<size_t>> by_register;
  for (size_t i = 0; i < cases.size(); ++i) {
    by_register[{cases[i].agency_code, static_cast<int>(cases[i].received_on.year())}].push_back(i);
  }
  for (const auto& [key, members] : by_register) {
    ASSIGN_OR_RETURN(uint64_t last, BumpCounter(conn, key.first, key.second, members.size()));
    uint64_t n = last - members.size();
    for (size_t i : members) cases[i].register_number = RegisterNumber(key.second, ++n);
  }
  const std::optional<std::string> key_id =
      seal_ != nullptr ? std::optional<std::string>(seal_->key_id()) : std::nullopt;
  Params case_rows, records;
  std::vector<domain::AuditEvent> events;
  for (size_t k = 0; k < cases.size(); ++k) {
    const Filing& f = *filings[k];
    cases[k].version = 1;
    std::optional<std::string> sealed;
    RETURN_IF_ERROR(internal::SealForStore(seal_, cases[k], &sealed));
    const std::string bytes = internal::EncodeCase(cases[k]);
    events.push_back(FilingEvent(cases[k], *f.entry, bytes));
    AppendCaseRow(cases[k], bytes, events.back(), sealed, key_id, &case_rows);
    internal::AppendIdempotencyRow(seal_, *f.key, cases[k], &records);
  }
  RETURN_IF_ERROR(conn.Update(internal::MultiRow(kInsertCaseHead, kCaseRow, cases.size()), case_rows).status());
  RETURN_IF_ERROR(internal::InsertEvents(conn, events));
  RETURN_IF_ERROR(conn.Update(internal::InsertIdempotencySql(cases.size()), records).status());
  for (const Filing* f : filings) {
    if (f->related == nullptr) continue;
    Case related = *f->related;
    RETURN_IF_ERROR(internal::WriteCaseChange(conn, seal_, related, *f->related_entry));
  }
  for (size_t k = 0; k < cases.size(); ++k) results[k] = std::move(cases[k]);
  return absl::OkStatus();
}

}  // namespace discipline::mariadb
