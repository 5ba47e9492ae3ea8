#include "adapters/personnel/postgres_reader.h"

#include <libpq-fe.h>
#include <poll.h>

#include <cerrno>
#include <cmath>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"

namespace discipline::personnel {
namespace {

std::string ErrorOf(const PGconn* conn) {
  return std::string(absl::StripTrailingAsciiWhitespace(PQerrorMessage(conn)));
}

}  // namespace

std::string ToPostgresPlaceholders(const std::string& sql) {
  std::string out;
  out.reserve(sql.size() + 8);
  char quote = 0;  // ' or " while inside a quoted string or identifier
  int n = 0;
  for (char c : sql) {
    if (quote != 0) {
      if (c == quote) quote = 0;  // a doubled quote closes and reopens
      out.push_back(c);
    } else if (c == '\'' || c == '"') {
      quote = c;
      out.push_back(c);
    } else if (c == '?') {
      absl::StrAppend(&out, "$", ++n);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

PostgresReader::~PostgresReader() {
  for (PGconn* c : idle_) PQfinish(c);
}

absl::StatusOr<PGconn*> PostgresReader::Open() {
  const std::string port = absl::StrCat(options_.port > 0 ? options_.port : 5432);
  // libpq's connect_timeout is whole seconds, at least 2.
  const std::string connect_timeout = absl::StrCat(
      std::max<int64_t>(2, static_cast<int64_t>(std::ceil(absl::ToDoubleSeconds(options_.connect_timeout)))));
  // The server ends a statement that runs too long as well (the client's
  // own limit below covers a server that does not answer at all).
  const std::string session =
      absl::StrCat("-c default_transaction_read_only=on -c DateStyle=ISO,YMD -c statement_timeout=",
                   absl::ToInt64Milliseconds(options_.query_timeout));
  const std::string host = options_.host.empty() ? "127.0.0.1" : options_.host;
  std::vector<const char*> keys = {
      "host",      "port", "dbname", "user", "connect_timeout", "application_name", "options", "client_encoding",
      "keepalives"};
  std::vector<const char*> values = {host.c_str(),
                                     port.c_str(),
                                     options_.database.c_str(),
                                     options_.user.c_str(),
                                     connect_timeout.c_str(),
                                     "discipline",
                                     session.c_str(),
                                     "UTF8",
                                     "1"};
  if (!options_.password.empty()) {
    keys.push_back("password");
    values.push_back(options_.password.c_str());
  }
  if (!options_.ssl_ca.empty()) {
    keys.push_back("sslmode");
    values.push_back("verify-full");
    keys.push_back("sslrootcert");
    values.push_back(options_.ssl_ca.c_str());
  }
  keys.push_back(nullptr);
  values.push_back(nullptr);
  PGconn* conn = PQconnectdbParams(keys.data(), values.data(), 0);
  if (conn == nullptr) return absl::UnavailableError("PostgreSQL: out of memory opening a connection");
  if (PQstatus(conn) != CONNECTION_OK) {
    const std::string error = ErrorOf(conn);
    PQfinish(conn);
    if (error.find("authentication failed") != std::string::npos) {
      return absl::PermissionDeniedError(absl::StrCat("PostgreSQL: ", error));
    }
    return absl::UnavailableError(absl::StrCat("PostgreSQL: ", error));
  }
  return conn;
}

absl::StatusOr<SqlReader::Rows> PostgresReader::Query(PGconn* conn, const std::string& sql, const std::string& param,
                                                      bool& conn_lost) {
  const std::string pg_sql = ToPostgresPlaceholders(sql);
  const char* values[1] = {param.c_str()};
  const int n_params = pg_sql == sql ? 0 : 1;
  conn_lost = true;
  if (PQsendQueryParams(conn, pg_sql.c_str(), n_params, nullptr, values, nullptr, nullptr, 0) != 1) {
    return absl::UnavailableError(absl::StrCat("PostgreSQL: ", ErrorOf(conn)));
  }
  const absl::Time deadline = absl::Now() + options_.query_timeout;
  Rows rows;
  absl::Status error = absl::OkStatus();
  for (;;) {
    // Wait until a whole result is in (or the time is up).
    while (PQisBusy(conn)) {
      const int64_t left = absl::ToInt64Milliseconds(deadline - absl::Now());
      if (left <= 0) {
        return absl::UnavailableError(
            absl::StrCat("PostgreSQL: no answer within ", absl::FormatDuration(options_.query_timeout)));
      }
      pollfd p{PQsocket(conn), POLLIN, 0};
      const int ready = poll(&p, 1, static_cast<int>(left));
      if (ready < 0 && errno != EINTR) {
        return absl::UnavailableError(absl::StrCat("PostgreSQL: poll: ", std::strerror(errno)));
      }
      if (ready > 0 && PQconsumeInput(conn) != 1) {
        return absl::UnavailableError(absl::StrCat("PostgreSQL: ", ErrorOf(conn)));
      }
    }
    PGresult* r = PQgetResult(conn);
    if (r == nullptr) break;
    const ExecStatusType st = PQresultStatus(r);
    if (st == PGRES_TUPLES_OK) {
      const int n = PQntuples(r), cols = PQnfields(r);
      for (int i = 0; i < n; ++i) {
        Row row;
        row.reserve(cols);
        for (int j = 0; j < cols; ++j) {
          if (PQgetisnull(r, i, j)) {
            row.push_back(std::nullopt);
          } else {
            row.emplace_back(std::string(PQgetvalue(r, i, j), PQgetlength(r, i, j)));
          }
        }
        rows.push_back(std::move(row));
      }
    } else if (error.ok()) {
      const char* state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
      const std::string code = state != nullptr ? state : "";
      const std::string message =
          absl::StrCat("PostgreSQL ", code, ": ", absl::StripTrailingAsciiWhitespace(PQresultErrorMessage(r)));
      if (PQstatus(conn) == CONNECTION_BAD) {
        error = absl::UnavailableError(message);
      } else if (code == "57014" || code.rfind("08", 0) == 0 || code.rfind("57P", 0) == 0) {
        // Cancelled by statement_timeout, a connection exception, or the
        // server shutting down.
        error = absl::UnavailableError(message);
      } else if (code == "42501" || code.rfind("28", 0) == 0) {
        error = absl::PermissionDeniedError(message);
      } else {
        error = absl::InternalError(message);
      }
    }
    PQclear(r);
  }
  conn_lost = PQstatus(conn) != CONNECTION_OK || PQtransactionStatus(conn) != PQTRANS_IDLE;
  if (!error.ok()) return error;
  return rows;
}

absl::StatusOr<SqlReader::Rows> PostgresReader::Run(const std::string& sql, const std::string& param) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    PGconn* conn = nullptr;
    bool pooled = false;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!idle_.empty()) {
        conn = idle_.back();
        idle_.pop_back();
        pooled = true;
      }
    }
    if (conn == nullptr) {
      absl::StatusOr<PGconn*> opened = Open();
      if (!opened.ok()) return opened.status();
      conn = *opened;
    }
    bool lost = false;
    const absl::Time start = absl::Now();
    absl::StatusOr<Rows> rows = Query(conn, sql, param, lost);
    if (lost) {
      PQfinish(conn);
    } else {
      std::lock_guard<std::mutex> lock(mu_);
      if (static_cast<int>(idle_.size()) < options_.pool_size) {
        idle_.push_back(conn);
      } else {
        PQfinish(conn);
      }
    }
    // A pooled connection the server dropped (a restart between two
    // look-ups) fails at once: the read runs once more on a fresh one. Not
    // after a timeout, which would double the wait.
    const bool dead_at_once = absl::Now() - start < options_.query_timeout / 2;
    if (!rows.ok() && lost && pooled && dead_at_once && absl::IsUnavailable(rows.status())) continue;
    return rows;
  }
  return absl::UnavailableError("PostgreSQL: the connection was lost twice");
}

}  // namespace discipline::personnel
