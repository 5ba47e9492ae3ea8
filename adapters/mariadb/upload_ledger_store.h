#ifndef DISCIPLINE_ADAPTERS_MARIADB_UPLOAD_LEDGER_STORE_H_
#define DISCIPLINE_ADAPTERS_MARIADB_UPLOAD_LEDGER_STORE_H_

// UploadLedger on MariaDB (tables document_uploads, migration 0007, and
// document_reads, migration 0014). Thread-safe; the pool is shared with the
// other ports (not owned).

#include <string>

#include "service/ports/upload_ledger.h"

namespace discipline::mariadb {

class Pool;

class UploadLedgerStore final : public ports::UploadLedger {
 public:
  explicit UploadLedgerStore(Pool& pool) : pool_(pool) {}
  absl::Status Check(const ports::Upload& upload, const ports::UploadLimits& limits) override;
  absl::Status Record(const std::string& document_id, const ports::Upload& upload) override;
  absl::Status RecordDocumentRead(const ports::DocumentRead& read) override;

 private:
  Pool& pool_;
};

}  // namespace discipline::mariadb

#endif  // DISCIPLINE_ADAPTERS_MARIADB_UPLOAD_LEDGER_STORE_H_
