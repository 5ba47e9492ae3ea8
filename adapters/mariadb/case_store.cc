#include "adapters/mariadb/case_store.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include <algorithm>
#include <random>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "adapters/common/digest.h"
#include "adapters/mariadb/pool.h"
#include "service/codec/case_codec.h"
#include "service/common/errors.h"
#include "service/common/status_macros.h"
#include "service/domain/calendar.h"

namespace discipline::mariadb {
namespace {

using adapters::Sha256Hex;
using domain::AuditEvent;
using domain::Case;

// Written last in the change's transaction, with the response: a concurrent
// repeat of the same request_id fails on this key, rolls back, and returns
// the first response.
constexpr char kInsertIdempotency[] =
    "INSERT INTO idempotency_keys (request_id, method, case_id, response) VALUES (?, ?, ?, ?)";
constexpr char kSelectIdempotency[] = "SELECT method, case_id, response FROM idempotency_keys WHERE request_id = ?";
// Allocates the next register number in its own short autocommit statement:
// the counter row is locked only for this statement, not for the filing's
// whole transaction. LAST_INSERT_ID(expr) hands the value back in the
// statement's OK packet: one round trip.
constexpr char kBumpCounter[] =
    "INSERT INTO register_counters (agency_code, year, last_value) VALUES (?, ?, LAST_INSERT_ID(1)) "
    "ON DUPLICATE KEY UPDATE last_value = LAST_INSERT_ID(last_value + 1)";
constexpr char kInsertCase[] =
    "INSERT INTO cases (case_id, agency_code, register_number, state, version, employee_nip, received_on, "
    "next_due_on, case_proto, created_at, updated_at, audit_head, audit_count) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr char kLockCase[] = "SELECT version, audit_head, audit_count FROM cases WHERE case_id = ? FOR UPDATE";
constexpr char kUpdateCase[] =
    "UPDATE cases SET state = ?, version = ?, next_due_on = ?, case_proto = ?, updated_at = ?, audit_head = ?, "
    "audit_count = ? WHERE case_id = ? AND version = ?";
constexpr char kInsertEvent[] =
    "INSERT INTO audit_events (case_id, sequence, occurred_at, actor, action, from_state, to_state, payload_json, "
    "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr char kSelectCase[] = "SELECT case_proto FROM cases WHERE case_id = ?";
constexpr char kSelectCaseHead[] = "SELECT case_proto, audit_head, audit_count FROM cases WHERE case_id = ?";
constexpr char kSelectDecided[] =
    "SELECT case_proto FROM cases WHERE employee_nip = ? AND state IN (5, 6, 7) ORDER BY case_id";
constexpr char kSelectEvents[] =
    "SELECT case_id, sequence, DATE_FORMAT(occurred_at, '%Y-%m-%dT%H:%i:%s.%fZ'), actor, action, from_state, "
    "to_state, payload_json, prev_hash, hash FROM audit_events WHERE case_id = ? AND sequence > ? "
    "ORDER BY sequence LIMIT ";
constexpr int kCreateRetries = 3;

std::string SqlTime(absl::Time t) { return absl::FormatTime("%Y-%m-%d %H:%M:%E6S", t, absl::UTCTimeZone()); }

std::string Serialize(const Case& c) {
  codec::pb::Case p;
  codec::ToProto(c, &p);
  std::string out;
  google::protobuf::io::StringOutputStream stream(&out);
  google::protobuf::io::CodedOutputStream coded(&stream);
  coded.SetSerializationDeterministic(true);
  p.SerializeToCodedStream(&coded);
  coded.Trim();
  return out;
}

absl::StatusOr<Case> Deserialize(const std::string& bytes) {
  codec::pb::Case p;
  if (!p.ParseFromString(bytes)) return absl::DataLossError("a stored case does not parse");
  return codec::FromProto(p);
}

std::string EventHash(const AuditEvent& e) { return Sha256Hex(e.prev_hash + domain::CanonicalEventBytes(e)); }

// The payload as stored: what changed, plus the digest of the case as
// stored after the change, so Verify sees a case row edited behind the
// service's back.
std::string StoredPayload(const ports::AuditEntry& entry, const std::string& case_bytes, int64_t version) {
  std::string documents;
  for (const auto& [id, sha] : entry.documents) {
    // Ids and hashes are [a-z0-9-] only: no escaping needed.
    absl::StrAppend(&documents, documents.empty() ? "" : ",", "{\"id\":\"", id, "\",\"sha256\":\"", sha, "\"}");
  }
  return absl::StrCat("{\"change\":", entry.payload_json.empty() ? "{}" : entry.payload_json, ",\"documents\":[",
                      documents, "],\"case_sha256\":\"", Sha256Hex(case_bytes), "\",\"version\":", version, "}");
}

std::string CaseDigestOf(const std::string& payload) {
  const std::string key = "\"case_sha256\":\"";
  const size_t at = payload.rfind(key);
  return at == std::string::npos ? "" : payload.substr(at + key.size(), 64);
}

absl::Status InTransaction(Connection& conn, const std::function<absl::Status()>& body) {
  RETURN_IF_ERROR(conn.Execute("START TRANSACTION"));
  absl::Status s = body();
  if (s.ok()) s = conn.Execute("COMMIT");
  if (!s.ok()) (void)conn.Execute("ROLLBACK");
  return s;
}

std::optional<std::string> Cell(const Connection::Row& r, size_t i) { return i < r.size() ? r[i] : std::nullopt; }

}  // namespace

std::string NewCaseId() { return adapters::TimeOrderedId(); }

CaseStore::CaseStore(ConnectionOptions options, int pool_size)
    : pool_(std::make_unique<Pool>(std::move(options), pool_size)) {}
CaseStore::~CaseStore() = default;

absl::StatusOr<Case> CaseStore::Create(const Case& c, const ports::AuditEntry& entry, const std::string& request_id) {
  absl::StatusOr<Case> result;
  for (int attempt = 0; attempt < kCreateRetries; ++attempt) {
    result = Write(c, entry, request_id, /*create=*/true);
    // A deadlock between concurrent filings rolled everything back: retry.
    if (result.status().code() != absl::StatusCode::kAborted) break;
  }
  return result;
}

absl::StatusOr<Case> CaseStore::Update(const Case& c, const ports::AuditEntry& entry, const std::string& request_id) {
  return Write(c, entry, request_id, /*create=*/false);
}

absl::StatusOr<Case> CaseStore::Write(const Case& input, const ports::AuditEntry& entry, const std::string& request_id,
                                      bool create) {
  Case c = input;
  bool replay = false;
  absl::Status s = pool_->With([&](Connection& conn) -> absl::Status {
    if (create) {
      // The number is taken before the filing's transaction; a filing that
      // then fails leaves a gap in the register, never a duplicate.
      const std::string year = absl::StrCat(c.received_on.year());
      ASSIGN_OR_RETURN(uint64_t n, conn.Insert(kBumpCounter, {c.agency_code, year}));
      if (n == 0) return absl::InternalError("register counter gave no value");
      c.register_number = absl::StrFormat("HD/%s/%06d", year, n);
    }
    return InTransaction(conn, [&]() -> absl::Status {
      AuditEvent e;
      e.case_id = c.case_id;
      e.occurred_at = c.updated_at;
      e.actor = entry.actor;
      e.action = entry.action;
      e.from_state = entry.from_state;
      e.to_state = c.state;
      if (create) {
        c.version = 1;
        e.sequence = 1;
        e.prev_hash = domain::kGenesisHash;
      } else {
        ASSIGN_OR_RETURN(auto rows, conn.Query(kLockCase, {c.case_id}));
        if (rows.empty()) return absl::NotFoundError(absl::StrCat("case_id: no case ", c.case_id));
        const std::string stored_version = Cell(rows[0], 0).value_or("");
        if (stored_version != absl::StrCat(c.version - 1)) {
          return WithIndonesian(
              absl::AbortedError(absl::StrCat("version: the case is at version ", stored_version, ", the request was based on ",
                                              c.version - 1, "; reload and retry")),
              "Perkara telah diubah oleh pengguna lain. Muat ulang lalu coba lagi.");
        }
        e.prev_hash = Cell(rows[0], 1).value_or("");
        int64_t count = 0;
        (void)absl::SimpleAtoi(Cell(rows[0], 2).value_or("0"), &count);
        e.sequence = count + 1;
      }
      const std::string bytes = Serialize(c);
      e.payload_json = StoredPayload(entry, bytes, c.version);
      e.hash = EventHash(e);
      const auto due = domain::NextDue(c);
      const std::optional<std::string> due_text =
          due.has_value() ? std::optional<std::string>(domain::FormatIsoDate(*due)) : std::nullopt;
      if (create) {
        RETURN_IF_ERROR(conn.Update(kInsertCase, {c.case_id, c.agency_code, c.register_number,
                                                  absl::StrCat(static_cast<int>(c.state)), "1", c.employee.nip,
                                                  domain::FormatIsoDate(c.received_on), due_text, bytes,
                                                  SqlTime(c.created_at), SqlTime(c.updated_at), e.hash, "1"})
                            .status());
      } else {
        ASSIGN_OR_RETURN(uint64_t n, conn.Update(kUpdateCase, {absl::StrCat(static_cast<int>(c.state)),
                                                               absl::StrCat(c.version), due_text, bytes,
                                                               SqlTime(c.updated_at), e.hash, absl::StrCat(e.sequence),
                                                               c.case_id, absl::StrCat(c.version - 1)}));
        if (n != 1) return absl::AbortedError("version: the case changed during the update; reload and retry");
      }
      RETURN_IF_ERROR(conn.Update(kInsertEvent, {e.case_id, absl::StrCat(e.sequence), SqlTime(e.occurred_at), e.actor,
                                                 e.action, absl::StrCat(static_cast<int>(e.from_state)),
                                                 absl::StrCat(static_cast<int>(e.to_state)), e.payload_json,
                                                 e.prev_hash, e.hash})
                          .status());
      absl::Status claim = conn.Update(kInsertIdempotency, {request_id, entry.action, c.case_id, bytes}).status();
      if (claim.code() == absl::StatusCode::kAlreadyExists) {
        replay = true;
        return absl::AlreadyExistsError("replay");
      }
      return claim;
    });
  });
  // A repeat that lost the race on the case row (its version moved) also
  // gets the first response.
  if (!create && s.code() == absl::StatusCode::kAborted) {
    auto first = FindByRequestId(request_id, entry.action, c.case_id);
    if (first.ok() && first->has_value()) return **first;
  }
  if (replay) {
    ASSIGN_OR_RETURN(auto first, FindByRequestId(request_id, entry.action, create ? "" : c.case_id));
    if (!first.has_value()) return absl::InternalError("request_id: the first response is not recorded");
    return *first;
  }
  if (!s.ok()) return s;
  return c;
}

absl::StatusOr<std::optional<Case>> CaseStore::FindByRequestId(const std::string& request_id,
                                                               const std::string& method, const std::string& case_id) {
  std::optional<Case> found;
  RETURN_IF_ERROR(pool_->With([&](Connection& conn) -> absl::Status {
    ASSIGN_OR_RETURN(auto rows, conn.Query(kSelectIdempotency, {request_id}));
    if (rows.empty()) return absl::OkStatus();
    const std::string stored_method = Cell(rows[0], 0).value_or("");
    const std::string stored_case = Cell(rows[0], 1).value_or("");
    if (stored_method != method || (!case_id.empty() && stored_case != case_id)) {
      return InvalidField("request_id", absl::StrCat("was already used for ", stored_method, " on case ", stored_case));
    }
    ASSIGN_OR_RETURN(Case c, Deserialize(Cell(rows[0], 2).value_or("")));
    found = std::move(c);
    return absl::OkStatus();
  }));
  return found;
}

absl::StatusOr<Case> CaseStore::Get(const std::string& case_id) {
  absl::StatusOr<Case> result = absl::NotFoundError(absl::StrCat("case_id: no case ", case_id));
  RETURN_IF_ERROR(pool_->With([&](Connection& conn) -> absl::Status {
    ASSIGN_OR_RETURN(auto rows, conn.Query(kSelectCase, {case_id}));
    if (!rows.empty()) result = Deserialize(Cell(rows[0], 0).value_or(""));
    return absl::OkStatus();
  }));
  return result;
}

absl::StatusOr<ports::CasePage> CaseStore::List(const ports::CaseFilter& f) {
  // Page tokens: the last case id; for overdue_only, the last due date
  // (YYYYMMDD) and case id, since that listing runs most overdue first.
  for (char ch : f.page_token) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(ch)) || f.page_token.size() > 40) {
      return InvalidField("page_token", "is not a token this service issued");
    }
  }
  std::string token_due, token_id = f.page_token;
  if (f.overdue_only && !f.page_token.empty()) {
    auto due = f.page_token.size() > 8 ? domain::ParseIsoDate(absl::StrCat(f.page_token.substr(0, 4), "-",
                                                                           f.page_token.substr(4, 2), "-",
                                                                           f.page_token.substr(6, 2)),
                                                              "page_token")
                                       : absl::InvalidArgumentError("short");
    if (!due.ok()) return InvalidField("page_token", "is not a token of an overdue listing");
    token_due = domain::FormatIsoDate(*due);
    token_id = f.page_token.substr(8);
  }
  const int page_size = f.page_size <= 0 ? 50 : std::min(f.page_size, 500);
  // Fixed fragments only; every value is a placeholder.
  std::string sql = "SELECT case_id, case_proto, next_due_on FROM cases WHERE ";
  std::vector<std::optional<std::string>> params;
  if (f.overdue_only) {
    // A range on ix_cases_due (next_due_on, case_id), whatever the size.
    sql += "next_due_on < ?";
    params.push_back(domain::FormatIsoDate(f.today));
    if (!token_due.empty()) {
      sql += " AND (next_due_on > ? OR (next_due_on = ? AND case_id > ?))";
      params.insert(params.end(), {token_due, token_due, token_id});
    }
  } else {
    sql += "case_id > ?";
    params.push_back(token_id);
  }
  if (!f.agency_code.empty()) {
    sql += " AND agency_code = ?";
    params.push_back(f.agency_code);
  }
  if (f.state != domain::CaseState::kUnspecified) {
    sql += " AND state = ?";
    params.push_back(absl::StrCat(static_cast<int>(f.state)));
  }
  if (!f.employee_nip.empty()) {
    sql += " AND employee_nip = ?";
    params.push_back(f.employee_nip);
  }
  absl::StrAppend(&sql, f.overdue_only ? " ORDER BY next_due_on, case_id" : " ORDER BY case_id", " LIMIT ",
                  page_size + 1);
  ports::CasePage page;
  RETURN_IF_ERROR(pool_->With([&](Connection& conn) -> absl::Status {
    ASSIGN_OR_RETURN(auto rows, conn.Query(sql, params));
    for (size_t i = 0; i < rows.size() && static_cast<int>(i) < page_size; ++i) {
      ASSIGN_OR_RETURN(Case c, Deserialize(Cell(rows[i], 1).value_or("")));
      page.cases.push_back(std::move(c));
    }
    if (static_cast<int>(rows.size()) > page_size) {
      const auto& last = rows[page_size - 1];
      std::string due = Cell(last, 2).value_or("");
      due.erase(std::remove(due.begin(), due.end(), '-'), due.end());
      page.next_page_token = f.overdue_only ? due + Cell(last, 0).value_or("") : Cell(last, 0).value_or("");
    }
    return absl::OkStatus();
  }));
  return page;
}

absl::StatusOr<std::vector<Case>> CaseStore::DecidedCasesOf(const std::string& nip) {
  std::vector<Case> out;
  RETURN_IF_ERROR(pool_->With([&](Connection& conn) -> absl::Status {
    ASSIGN_OR_RETURN(auto rows, conn.Query(kSelectDecided, {nip}));
    for (const auto& r : rows) {
      ASSIGN_OR_RETURN(Case c, Deserialize(Cell(r, 0).value_or("")));
      out.push_back(std::move(c));
    }
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::vector<AuditEvent>> CaseStore::History(const std::string& case_id, int64_t after_sequence,
                                                           int limit) {
  std::vector<AuditEvent> out;
  RETURN_IF_ERROR(pool_->With([&](Connection& conn) -> absl::Status {
    ASSIGN_OR_RETURN(auto rows, conn.Query(absl::StrCat(kSelectEvents, std::max(1, limit)),
                                           {case_id, absl::StrCat(after_sequence)}));
    for (const auto& r : rows) {
      AuditEvent e;
      e.case_id = Cell(r, 0).value_or("");
      (void)absl::SimpleAtoi(Cell(r, 1).value_or("0"), &e.sequence);
      std::string err;
      (void)absl::ParseTime("%Y-%m-%dT%H:%M:%E*SZ", Cell(r, 2).value_or(""), absl::UTCTimeZone(), &e.occurred_at, &err);
      e.actor = Cell(r, 3).value_or("");
      e.action = Cell(r, 4).value_or("");
      int from = 0, to = 0;
      (void)absl::SimpleAtoi(Cell(r, 5).value_or("0"), &from);
      (void)absl::SimpleAtoi(Cell(r, 6).value_or("0"), &to);
      e.from_state = static_cast<domain::CaseState>(from);
      e.to_state = static_cast<domain::CaseState>(to);
      e.payload_json = Cell(r, 7).value_or("");
      e.prev_hash = Cell(r, 8).value_or("");
      e.hash = Cell(r, 9).value_or("");
      out.push_back(std::move(e));
    }
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<ports::VerifyResult> CaseStore::Verify(const std::string& case_id) {
  std::string case_bytes, head;
  int64_t count = 0;
  bool exists = false;
  RETURN_IF_ERROR(pool_->With([&](Connection& conn) -> absl::Status {
    ASSIGN_OR_RETURN(auto rows, conn.Query(kSelectCaseHead, {case_id}));
    if (rows.empty()) return absl::OkStatus();
    exists = true;
    case_bytes = Cell(rows[0], 0).value_or("");
    head = Cell(rows[0], 1).value_or("");
    (void)absl::SimpleAtoi(Cell(rows[0], 2).value_or("0"), &count);
    return absl::OkStatus();
  }));
  if (!exists) return absl::NotFoundError(absl::StrCat("case_id: no case ", case_id));
  ports::VerifyResult r;
  std::string prev = domain::kGenesisHash;
  std::string last_payload;
  int64_t after = 0;
  for (;;) {
    ASSIGN_OR_RETURN(auto events, History(case_id, after, 1000));
    if (events.empty()) break;
    for (const AuditEvent& e : events) {
      const int64_t expected = r.events_checked + 1;
      auto fail = [&](int64_t seq, std::string why) {
        r.first_invalid_sequence = seq;
        r.reason = std::move(why);
        return r;
      };
      if (e.sequence != expected) return fail(expected, absl::StrCat("event ", expected, " is missing"));
      if (e.prev_hash != prev) return fail(e.sequence, "prev_hash does not match the previous event");
      if (EventHash(e) != e.hash) return fail(e.sequence, "the event's content does not match its hash");
      prev = e.hash;
      last_payload = e.payload_json;
      ++r.events_checked;
      after = e.sequence;
    }
  }
  if (r.events_checked != count || prev != head) {
    r.first_invalid_sequence = r.events_checked + 1;
    r.reason = absl::StrCat("the case records ", count, " events ending in ", head.substr(0, 12), "…; the log has ",
                            r.events_checked);
    return r;
  }
  if (CaseDigestOf(last_payload) != Sha256Hex(case_bytes)) {
    r.first_invalid_sequence = r.events_checked;
    r.reason = "the stored case does not match the digest its last event recorded";
    return r;
  }
  r.valid = true;
  return r;
}

}  // namespace discipline::mariadb
