#include "adapters/mariadb/upload_ledger_store.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "adapters/mariadb/pool.h"
#include "adapters/mariadb/row.h"
#include "service/common/errors.h"
#include "service/common/status_macros.h"

namespace discipline::mariadb {
namespace {

constexpr std::string_view kCaseUploads =
    "SELECT COUNT(*), COALESCE(SUM(size_bytes), 0) FROM document_uploads WHERE case_id = ?";
constexpr std::string_view kCallerUploads =
    "SELECT COALESCE(SUM(size_bytes), 0) FROM document_uploads WHERE caller = ? AND created_at > ?";
constexpr std::string_view kInsertUpload =
    "INSERT INTO document_uploads (document_id, case_id, caller, agency_code, size_bytes) VALUES (?, ?, ?, ?, ?)";
constexpr std::string_view kInsertDocumentRead =
    "INSERT INTO document_reads (document_id, agency_code, kind, sha256, actor, read_at) VALUES (?, ?, ?, ?, ?, ?)";

absl::Status CaseQuota(Connection& conn, const ports::Upload& u, const ports::UploadLimits& limits) {
  ASSIGN_OR_RETURN(auto rows, conn.Query(kCaseUploads, {u.case_id}));
  if (rows.empty()) return absl::DataLossError("document_uploads: COUNT(*) returned no row");
  const RowReader r(rows[0], "document_uploads");
  ASSIGN_OR_RETURN(const int64_t count, r.Int64(0));
  ASSIGN_OR_RETURN(const int64_t bytes, r.Int64(1));
  if (count + 1 > limits.max_documents_per_case) {
    return WithIndonesian(
        absl::ResourceExhaustedError(absl::StrCat("upload quota: case ", u.case_id, " has ", count,
                                                  " documents; at most ", limits.max_documents_per_case)),
        "Kuota dokumen perkara ini sudah penuh.");
  }
  if (bytes + u.size_bytes > limits.max_bytes_per_case) {
    return WithIndonesian(
        absl::ResourceExhaustedError(absl::StrCat("upload quota: case ", u.case_id, " would hold ",
                                                  bytes + u.size_bytes, " bytes; at most ", limits.max_bytes_per_case)),
        "Kuota ukuran dokumen perkara ini sudah penuh.");
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status UploadLedgerStore::Check(const ports::Upload& u, const ports::UploadLimits& limits) {
  return pool_.Read([&](Connection& conn) -> absl::Status {
    if (!u.case_id.empty()) RETURN_IF_ERROR(CaseQuota(conn, u, limits));
    ASSIGN_OR_RETURN(auto rows, conn.Query(kCallerUploads, {u.caller, TimeParam(absl::Now() - absl::Hours(24))}));
    if (rows.empty()) return absl::DataLossError("document_uploads: SUM returned no row");
    ASSIGN_OR_RETURN(const int64_t bytes, RowReader(rows[0], "document_uploads").Int64(0));
    if (bytes + u.size_bytes > limits.max_bytes_per_caller_per_day) {
      return WithIndonesian(absl::ResourceExhaustedError(absl::StrCat("upload quota: the caller uploaded ", bytes,
                                                                      " bytes in the last 24 hours; at most ",
                                                                      limits.max_bytes_per_caller_per_day)),
                            "Kuota unggah harian Anda sudah penuh.");
    }
    return absl::OkStatus();
  });
}

absl::Status UploadLedgerStore::Record(const std::string& document_id, const ports::Upload& u) {
  return pool_.With([&](Connection& conn) -> absl::Status {
    absl::Status s = conn.Update(kInsertUpload, {document_id, u.case_id, u.caller.substr(0, 64), u.agency_code,
                                                 IntParam(u.size_bytes)})
                         .status();
    // The same content uploaded again by the same caller: recorded once.
    return s.code() == absl::StatusCode::kAlreadyExists ? absl::OkStatus() : s;
  });
}

absl::Status UploadLedgerStore::RecordDocumentRead(const ports::DocumentRead& r) {
  return pool_.With([&](Connection& conn) -> absl::Status {
    return conn
        .Update(kInsertDocumentRead,
                {r.document_id, r.agency_code, IntParam(r.kind), r.sha256, r.actor.substr(0, 255), TimeParam(r.at)})
        .status();
  });
}

}  // namespace discipline::mariadb
