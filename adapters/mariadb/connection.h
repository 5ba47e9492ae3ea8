#ifndef DISCIPLINE_ADAPTERS_MARIADB_CONNECTION_H_
#define DISCIPLINE_ADAPTERS_MARIADB_CONNECTION_H_

// A MariaDB connection (Connector/C), RAII. mysql.h stays in the .cc files:
// callers see only this class. Not thread-safe: one connection per thread or
// per pooled use.

#include <list>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace discipline::mariadb {

struct ConnectionOptions {
  // Unix socket of the server; when empty, host and port are used.
  std::string socket;
  std::string host = "127.0.0.1";
  int port = 3306;
  std::string user;
  std::string password;
  std::string database;
  absl::Duration connect_timeout = absl::Seconds(5);
  absl::Duration read_timeout = absl::Seconds(30);
  absl::Duration write_timeout = absl::Seconds(30);
  // false: the session runs with autocommit off, so a transaction begins
  // with its first statement and ends only with COMMIT or ROLLBACK (no
  // START TRANSACTION round trip). For connections that only ever run
  // transactions.
  bool autocommit = true;
  // Several statements in one Execute (CLIENT_MULTI_STATEMENTS): for the
  // migration account only, never for the service's connections.
  bool multi_statements = false;
  // On MariaDB Galera: the session's wsrep_sync_wait (1: a read first waits
  // until this node has applied every write the cluster committed before
  // it, so a read after a change made through another node sees it). 0:
  // not set (a server without wsrep has no such variable).
  int wsrep_sync_wait = 0;
  // TLS to a server over the network: the PEM CA bundle that signed the
  // server's certificate. When set, TLS is required (never a silent
  // fallback to plaintext) and the server's certificate and host name are
  // verified against it.
  std::string ssl_ca;
};

// Reads a secret from a file, trimming one trailing newline. NOT_FOUND when
// the file cannot be read.
absl::StatusOr<std::string> ReadSecretFile(const std::string& path);

class Connection {
 public:
  // UNAVAILABLE when the server cannot be reached; PERMISSION_DENIED for a
  // refused login.
  static absl::StatusOr<std::unique_ptr<Connection>> Open(const ConnectionOptions& options);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs statements that return no rows. With
  // ConnectionOptions::multi_statements, `sql` may hold several statements
  // separated by ';': each is run in order and the first error stops the
  // batch.
  absl::Status Execute(std::string_view sql);

  // Whether the session commits each statement on its own (see
  // ConnectionOptions::autocommit).
  bool autocommit() const { return autocommit_; }

  // Runs a prepared statement with string parameters (NULL for nullopt) and
  // returns every row as strings (nullopt for NULL).
  using Row = std::vector<std::optional<std::string>>;
  absl::StatusOr<std::vector<Row>> Query(std::string_view sql,
                                         const std::vector<std::optional<std::string>>& params = {});
  // Prepared statement that returns no rows; the affected row count.
  absl::StatusOr<uint64_t> Update(std::string_view sql, const std::vector<std::optional<std::string>>& params = {});
  // Prepared statement that returns no rows; the insert id its OK packet
  // carries (also the value of LAST_INSERT_ID(expr) when the statement set it).
  absl::StatusOr<uint64_t> Insert(std::string_view sql, const std::vector<std::optional<std::string>>& params);

 private:
  Connection(void* mysql, bool autocommit) : mysql_(mysql), autocommit_(autocommit) {}
  // The prepared statement for `sql`, prepared once per connection.
  absl::StatusOr<void*> Statement(std::string_view sql);
  void Forget(std::string_view sql);
  // Binds `params` and executes the cached statement for `sql`.
  absl::StatusOr<void*> Run(std::string_view sql, const std::vector<std::optional<std::string>>& params);
  void* mysql_;
  const bool autocommit_;
  // Prepared statements by text, least recently used first in `lru_`; at
  // most kMaxStatements per connection (the server's max_prepared_stmt_count
  // is shared by every connection): the oldest is closed when a new one is
  // prepared beyond that.
  struct Cached {
    void* stmt;  // MYSQL_STMT*, owned
    std::list<std::string>::iterator lru;
  };
  std::map<std::string, Cached, std::less<>> statements_;
  std::list<std::string> lru_;

 public:
  static constexpr size_t kMaxStatements = 128;
  // Statements cached now (for the tests of the bound).
  size_t cached_statements() const { return statements_.size(); }
};

// Maps a Connector/C error number to a status code: connection loss and
// server-gone errors are UNAVAILABLE, deadlocks and lock timeouts ABORTED,
// duplicate keys ALREADY_EXISTS, refused logins PERMISSION_DENIED, the rest
// INTERNAL.
absl::Status ErrorStatus(unsigned int error_number, const std::string& message, const std::string& context);

}  // namespace discipline::mariadb

#endif  // DISCIPLINE_ADAPTERS_MARIADB_CONNECTION_H_
