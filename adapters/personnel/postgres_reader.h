#ifndef DISCIPLINE_ADAPTERS_PERSONNEL_POSTGRES_READER_H_
#define DISCIPLINE_ADAPTERS_PERSONNEL_POSTGRES_READER_H_

// A SIMPEG in PostgreSQL, through libpq: the mapping's `?` placeholders
// become $1, $2, ...; each session is read-only with ISO dates; connections
// are opened on demand (at most `pool_size` idle ones kept) and dropped on
// any error of the connection. The connect timeout is libpq's
// connect_timeout; the query timeout is kept by the client (a non-blocking
// query and poll), so a server that accepts but never answers (frozen, or a
// dead network path) still gives UNAVAILABLE in time, and by the server
// (statement_timeout) as well.

#include <mutex>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "adapters/personnel/sql_reader.h"

typedef struct pg_conn PGconn;

namespace discipline::personnel {

// `?` outside quoted strings and identifiers → $1, $2, ...
std::string ToPostgresPlaceholders(const std::string& sql);

class PostgresReader final : public SqlReader {
 public:
  struct Options {
    // A directory (its unix socket, libpq's host) or a host name/address.
    std::string host;
    int port = 5432;
    std::string database;
    std::string user;
    std::string password;
    // TLS required and the server's certificate verified when set.
    std::string ssl_ca;
    absl::Duration connect_timeout = absl::Seconds(3);
    absl::Duration query_timeout = absl::Seconds(5);
    int pool_size = 4;
  };

  explicit PostgresReader(Options options) : options_(std::move(options)) {}
  ~PostgresReader() override;

  absl::StatusOr<Rows> Run(const std::string& sql, const std::string& param) override;

 private:
  absl::StatusOr<PGconn*> Open();
  // One query on `conn`; `conn_lost` tells whether the connection is no
  // longer usable.
  absl::StatusOr<Rows> Query(PGconn* conn, const std::string& sql, const std::string& param, bool& conn_lost);

  const Options options_;
  std::mutex mu_;  // idle_ only
  std::vector<PGconn*> idle_;
};

}  // namespace discipline::personnel

#endif  // DISCIPLINE_ADAPTERS_PERSONNEL_POSTGRES_READER_H_
