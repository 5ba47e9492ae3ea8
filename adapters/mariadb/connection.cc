#include "adapters/mariadb/connection.h"

#include <errmsg.h>
#include <mysql.h>
#include <mysqld_error.h>

#include <cstring>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "service/common/errors.h"

namespace discipline::mariadb {
namespace {

MYSQL* M(void* p) { return static_cast<MYSQL*>(p); }

absl::Status StmtError(MYSQL_STMT* stmt, const std::string& context) {
  return ErrorStatus(mysql_stmt_errno(stmt), mysql_stmt_error(stmt), context);
}

// Binds `params` as strings to a prepared statement. The vectors keep the
// bound buffers alive until execution.
absl::Status Bind(MYSQL_STMT* stmt, const std::vector<std::optional<std::string>>& params,
                  std::vector<MYSQL_BIND>& binds, std::vector<unsigned long>& lengths, std::vector<char>& nulls) {
  if (mysql_stmt_param_count(stmt) != params.size()) {
    return absl::InternalError(
        absl::StrCat("statement expects ", mysql_stmt_param_count(stmt), " parameters, got ", params.size()));
  }
  binds.assign(params.size(), MYSQL_BIND{});
  lengths.assign(params.size(), 0);
  nulls.assign(params.size(), 0);
  for (size_t i = 0; i < params.size(); ++i) {
    binds[i].buffer_type = MYSQL_TYPE_STRING;
    if (params[i].has_value()) {
      binds[i].buffer = const_cast<char*>(params[i]->data());
      lengths[i] = params[i]->size();
      binds[i].buffer_length = params[i]->size();
      binds[i].length = &lengths[i];
    } else {
      nulls[i] = 1;
      binds[i].is_null = reinterpret_cast<my_bool*>(&nulls[i]);
    }
  }
  if (!params.empty() && mysql_stmt_bind_param(stmt, binds.data()) != 0) return StmtError(stmt, "bind");
  return absl::OkStatus();
}

}  // namespace

absl::Status ErrorStatus(unsigned int error_number, const std::string& message, const std::string& context) {
  // The server's text (socket paths, duplicate-key values, SQL) is for the
  // operator's log only: the status carries a plain message and keeps the
  // text as its detail (errors.h, WithDetail), which the gRPC edge logs.
  const std::string text = absl::StrCat("mariadb ", context, ": ", message, " (", error_number, ")");
  absl::Status s;
  switch (error_number) {
    case CR_CONNECTION_ERROR:
    case CR_CONN_HOST_ERROR:
    case CR_SERVER_GONE_ERROR:
    case CR_SERVER_LOST:
    case CR_UNKNOWN_HOST:
    case ER_SERVER_SHUTDOWN:
    case ER_CON_COUNT_ERROR:
      s = absl::UnavailableError(absl::StrCat("the database is unavailable (", error_number, "); retry later"));
      break;
    case ER_LOCK_WAIT_TIMEOUT:
      // Busy, not stale: retry later with the same request.
      s = absl::UnavailableError("the database is busy (lock wait timeout); retry later");
      break;
    case ER_LOCK_DEADLOCK:
    // Galera: a certification conflict with a write committed on another
    // node aborts this transaction (as a deadlock, or at commit).
    case ER_ERROR_DURING_COMMIT:
      s = absl::AbortedError("the database aborted the transaction (deadlock or a conflicting write); retry");
      break;
    // Galera: the node is not (yet, or no longer) part of the primary
    // component ("WSREP has not yet prepared node for application use").
    case ER_UNKNOWN_COM_ERROR:
    case ER_LOCK_ABORTED:
      s = absl::UnavailableError(absl::StrCat("the database node is not ready (", error_number, "); retry later"));
      break;
    case ER_DUP_ENTRY:
      s = absl::AlreadyExistsError("duplicate key");
      break;
    case ER_ACCESS_DENIED_ERROR:
    case ER_DBACCESS_DENIED_ERROR:
    case ER_TABLEACCESS_DENIED_ERROR:
    case ER_COLUMNACCESS_DENIED_ERROR:
      s = absl::PermissionDeniedError(absl::StrCat("the database refused the service's account (", error_number, ")"));
      break;
    default:
      s = absl::InternalError(absl::StrCat("internal database error (", error_number, ")"));
      break;
  }
  return WithDetail(std::move(s), text);
}

absl::StatusOr<std::string> ReadSecretFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read secret file ", path));
  std::stringstream ss;
  ss << in.rdbuf();
  std::string s = ss.str();
  if (!s.empty() && s.back() == '\n') s.pop_back();
  return s;
}

absl::StatusOr<std::unique_ptr<Connection>> Connection::Open(const ConnectionOptions& o) {
  MYSQL* mysql = mysql_init(nullptr);
  if (mysql == nullptr) return absl::ResourceExhaustedError("mysql_init failed");
  const unsigned int connect = static_cast<unsigned int>(absl::ToInt64Seconds(o.connect_timeout));
  const unsigned int read = static_cast<unsigned int>(absl::ToInt64Seconds(o.read_timeout));
  const unsigned int write = static_cast<unsigned int>(absl::ToInt64Seconds(o.write_timeout));
  mysql_options(mysql, MYSQL_OPT_CONNECT_TIMEOUT, &connect);
  mysql_options(mysql, MYSQL_OPT_READ_TIMEOUT, &read);
  mysql_options(mysql, MYSQL_OPT_WRITE_TIMEOUT, &write);
  mysql_options(mysql, MYSQL_SET_CHARSET_NAME, "utf8mb4");
  if (!o.ssl_ca.empty()) {
    const my_bool on = 1;
    mysql_optionsv(mysql, MYSQL_OPT_SSL_CA, o.ssl_ca.c_str());
    mysql_optionsv(mysql, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &on);
    mysql_optionsv(mysql, MYSQL_OPT_SSL_ENFORCE, &on);
  }
  const bool use_socket = !o.socket.empty();
  if (mysql_real_connect(mysql, use_socket ? nullptr : o.host.c_str(), o.user.c_str(), o.password.c_str(),
                         o.database.empty() ? nullptr : o.database.c_str(), use_socket ? 0 : o.port,
                         use_socket ? o.socket.c_str() : nullptr,
                         o.multi_statements ? CLIENT_MULTI_STATEMENTS : 0) == nullptr) {
    absl::Status s = ErrorStatus(mysql_errno(mysql), mysql_error(mysql),
                                 absl::StrCat("connect to ", use_socket ? o.socket : o.host));
    mysql_close(mysql);
    if (s.code() == absl::StatusCode::kInternal)
      return WithDetail(absl::UnavailableError(s.message()), DetailOf(s).value_or(""));
    return s;
  }
  std::unique_ptr<Connection> conn(new Connection(mysql, o.autocommit));
  // Timestamps are stored and read in UTC whatever the server's zone.
  std::string session = o.autocommit ? "SET time_zone = '+00:00'" : "SET time_zone = '+00:00', autocommit = 0";
  if (o.wsrep_sync_wait > 0) absl::StrAppend(&session, ", wsrep_sync_wait = ", o.wsrep_sync_wait);
  if (absl::Status s = conn->Execute(session); !s.ok()) {
    return s;
  }
  return conn;
}

Connection::~Connection() {
  for (auto& [sql, cached] : statements_) mysql_stmt_close(static_cast<MYSQL_STMT*>(cached.stmt));
  mysql_close(M(mysql_));
}

absl::StatusOr<void*> Connection::Statement(std::string_view sql) {
  if (auto it = statements_.find(sql); it != statements_.end()) {
    lru_.splice(lru_.end(), lru_, it->second.lru);
    return it->second.stmt;
  }
  while (statements_.size() >= kMaxStatements) Forget(std::string(lru_.front()));
  MYSQL_STMT* stmt = mysql_stmt_init(M(mysql_));
  if (stmt == nullptr) return absl::ResourceExhaustedError("mysql_stmt_init failed");
  if (mysql_stmt_prepare(stmt, sql.data(), sql.size()) != 0) {
    absl::Status s = StmtError(stmt, "prepare");
    mysql_stmt_close(stmt);
    return s;
  }
  lru_.push_back(std::string(sql));
  statements_.emplace(std::string(sql), Cached{stmt, std::prev(lru_.end())});
  return stmt;
}

void Connection::Forget(std::string_view sql) {
  if (auto it = statements_.find(sql); it != statements_.end()) {
    mysql_stmt_close(static_cast<MYSQL_STMT*>(it->second.stmt));
    lru_.erase(it->second.lru);
    statements_.erase(it);
  }
}

absl::Status Connection::Execute(std::string_view sql) {
  MYSQL* m = M(mysql_);
  if (mysql_real_query(m, sql.data(), sql.size()) != 0) return ErrorStatus(mysql_errno(m), mysql_error(m), "query");
  // Drain every result of a multi-statement batch; an error in a later
  // statement surfaces from mysql_next_result.
  for (;;) {
    MYSQL_RES* res = mysql_store_result(m);
    if (res != nullptr) mysql_free_result(res);
    const int next = mysql_next_result(m);
    if (next == -1) break;
    if (next > 0) return ErrorStatus(mysql_errno(m), mysql_error(m), "query");
  }
  return absl::OkStatus();
}

absl::StatusOr<void*> Connection::Run(std::string_view sql, const std::vector<std::optional<std::string>>& params) {
  auto prepared = Statement(sql);
  if (!prepared.ok()) return prepared.status();
  MYSQL_STMT* stmt = static_cast<MYSQL_STMT*>(*prepared);
  std::vector<MYSQL_BIND> binds;
  std::vector<unsigned long> lengths;
  std::vector<char> nulls;
  if (absl::Status s = Bind(stmt, params, binds, lengths, nulls); !s.ok()) return s;
  if (mysql_stmt_execute(stmt) != 0) {
    absl::Status s = StmtError(stmt, "execute");
    // A statement that failed at the connection level is prepared anew.
    if (s.code() == absl::StatusCode::kUnavailable || s.code() == absl::StatusCode::kInternal) Forget(sql);
    return s;
  }
  return stmt;
}

absl::StatusOr<uint64_t> Connection::Update(std::string_view sql,
                                            const std::vector<std::optional<std::string>>& params) {
  auto stmt = Run(sql, params);
  if (!stmt.ok()) return stmt.status();
  return static_cast<uint64_t>(mysql_stmt_affected_rows(static_cast<MYSQL_STMT*>(*stmt)));
}

absl::StatusOr<uint64_t> Connection::Insert(std::string_view sql,
                                            const std::vector<std::optional<std::string>>& params) {
  auto stmt = Run(sql, params);
  if (!stmt.ok()) return stmt.status();
  return static_cast<uint64_t>(mysql_stmt_insert_id(static_cast<MYSQL_STMT*>(*stmt)));
}

absl::StatusOr<std::vector<Connection::Row>> Connection::Query(std::string_view sql,
                                                               const std::vector<std::optional<std::string>>& params) {
  auto ran = Run(sql, params);
  if (!ran.ok()) return ran.status();
  MYSQL_STMT* stmt = static_cast<MYSQL_STMT*>(*ran);
  // Frees the result set on every way out, so the statement can run again.
  struct FreeResult {
    MYSQL_STMT* stmt;
    ~FreeResult() { mysql_stmt_free_result(stmt); }
  } free_result{stmt};
  const unsigned int columns = mysql_stmt_field_count(stmt);
  std::vector<Row> rows;
  if (columns == 0) return rows;
  // Fetch each column's length first, then the bytes (no fixed buffers).
  std::vector<MYSQL_BIND> out(columns, MYSQL_BIND{});
  std::vector<unsigned long> out_len(columns, 0);
  std::vector<my_bool> out_null(columns, 0);
  for (unsigned int c = 0; c < columns; ++c) {
    out[c].buffer_type = MYSQL_TYPE_STRING;
    out[c].length = &out_len[c];
    out[c].is_null = &out_null[c];
  }
  if (mysql_stmt_bind_result(stmt, out.data()) != 0) return StmtError(stmt, "bind result");
  for (;;) {
    const int rc = mysql_stmt_fetch(stmt);
    if (rc == MYSQL_NO_DATA) break;
    if (rc == 1) return StmtError(stmt, "fetch");
    Row row(columns);
    for (unsigned int c = 0; c < columns; ++c) {
      if (out_null[c]) continue;
      std::string value(out_len[c], '\0');
      if (out_len[c] > 0) {
        MYSQL_BIND b{};
        b.buffer_type = MYSQL_TYPE_STRING;
        b.buffer = value.data();
        b.buffer_length = value.size();
        if (mysql_stmt_fetch_column(stmt, &b, c, 0) != 0) return StmtError(stmt, "fetch column");
      }
      row[c] = std::move(value);
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace discipline::mariadb
