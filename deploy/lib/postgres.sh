# Private PostgreSQL helpers (Debian's postgresql-15 binaries), sourced by
# tests/run.sh and the tests that stop their own server. Every server runs
# under its own directory with its unix socket there and no TCP
# (listen_addresses=''), and is stopped by the PID it was started with. The
# system-wide PostgreSQL service is never touched. Run as root, the server
# runs as the `postgres` account (PostgreSQL refuses root).

PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}

# pg_as DIR CMD...: runs CMD as the owner of DIR's cluster.
pg_as() {
  local dir=$1
  shift
  if [ "$(id -u)" -eq 0 ]; then
    # setpriv execs in place (runuser would stay the server's parent, and
    # stop itself when a test freezes the server, never reaping it).
    setpriv --reuid=postgres --regid=postgres --init-groups -- "$@"
  else
    "$@"
  fi
}

# pg_init DIR: creates the cluster once; local connections of the cluster's
# owner by peer, every other role by password (scram-sha-256).
pg_init() {
  local dir=$1
  mkdir -p "$dir/secrets"
  chmod 700 "$dir/secrets"
  if [ "$(id -u)" -eq 0 ]; then
    # The server's account must reach its directory.
    chown postgres "$dir"
    local up
    up=$(dirname "$dir")
    chmod o+x "$up"
  fi
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    echo "postgres: initialising $dir/data"
    pg_as "$dir" "$PG_BIN/initdb" -D "$dir/data" -E UTF8 --locale=C.UTF-8 --auth-local=peer \
      --auth-host=scram-sha-256 >"$dir/initdb.log" 2>&1 || {
        echo "postgres: initdb failed; see $dir/initdb.log" >&2
        tail -20 "$dir/initdb.log" >&2
        return 1
      }
    local owner
    owner=$(pg_as "$dir" id -un)
    pg_as "$dir" sh -c "printf 'local all %s peer\nlocal all all scram-sha-256\n' '$owner' >'$dir/data/pg_hba.conf'"
  fi
}

# pg_start DIR: starts postgres in the background and waits until it answers.
pg_start() {
  local dir=$1
  local pidfile="$dir/postgres.pid"
  if [ -f "$pidfile" ]; then
    local old
    old=$(cat "$pidfile")
    if pg_alive "$old" && grep -q postgres "/proc/$old/comm" 2>/dev/null; then
      echo "postgres: already running as pid $old for $dir; stop it first (kill $old)" >&2
      return 1
    fi
    rm -f "$pidfile"
  fi
  pg_as "$dir" "$PG_BIN/postgres" -D "$dir/data" -c listen_addresses='' -c unix_socket_directories="$dir" \
    -c max_connections=200 -c fsync=off -c log_min_messages=warning >>"$dir/postgres.log" 2>&1 &
  echo $! >"$pidfile"
  local pid
  pid=$(cat "$pidfile")
  for _ in $(seq 1 120); do
    if ! pg_alive "$pid"; then
      echo "postgres: exited during start; last lines of $dir/postgres.log:" >&2
      tail -20 "$dir/postgres.log" >&2
      rm -f "$pidfile"
      return 1
    fi
    if "$PG_BIN/pg_isready" -q -h "$dir" -d postgres; then
      # The postmaster's own PID, as it recorded it.
      head -1 "$dir/data/postmaster.pid" >"$pidfile"
      echo "postgres: up (pid $(cat "$pidfile"), socket in $dir)"
      return 0
    fi
    sleep 0.5
  done
  echo "postgres: no answer after 60 s; see $dir/postgres.log" >&2
  pg_stop "$dir"
  return 1
}

# pg_admin DIR ARGS...: psql as the cluster's owner (unix socket, peer).
pg_admin() {
  local dir=$1
  shift
  pg_as "$dir" "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -d postgres "$@"
}

# pg_alive PID: the process runs (a zombie nobody reaped yet has ended).
pg_alive() {
  kill -0 "$1" 2>/dev/null && ! grep -q '^[0-9]* (.*) Z' "/proc/$1/stat" 2>/dev/null
}

# pg_stop DIR: stops the server started by pg_start, by its PID (fast
# shutdown).
pg_stop() {
  local dir=$1
  local pidfile="$dir/postgres.pid"
  [ -f "$pidfile" ] || return 0
  local pid
  pid=$(cat "$pidfile")
  if pg_alive "$pid"; then
    kill -CONT "$pid" 2>/dev/null || true
    kill -INT "$pid"
    for _ in $(seq 1 600); do
      pg_alive "$pid" || break
      sleep 0.1
    done
    if pg_alive "$pid"; then
      echo "postgres: pid $pid did not stop in 60 s; killing" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
    echo "postgres: stopped (pid $pid)"
  fi
  rm -f "$pidfile"
}

# pg_seed_demo DIR: (re)creates the demo SIMPEG (shape A, with its riwayat
# hukuman disiplin) as database simpeg_pg from the fixtures, and a read-only
# role `simpeg_reader` (password in DIR/secrets/simpeg.pw).
pg_seed_demo() {
  local dir=$1
  local demo
  demo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../demo" && pwd)
  [ -f "$dir/secrets/simpeg.pw" ] || (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$dir/secrets/simpeg.pw")
  local pw
  pw=$(cat "$dir/secrets/simpeg.pw")
  pg_admin "$dir" <<SQL
SET client_min_messages = warning;
DROP DATABASE IF EXISTS simpeg_pg;
CREATE DATABASE simpeg_pg ENCODING 'UTF8';
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'simpeg_reader') THEN CREATE ROLE simpeg_reader LOGIN; END IF;
END \$\$;
ALTER ROLE simpeg_reader LOGIN PASSWORD '$pw';
SQL
  # The fixtures go to psql (\copy) on its stdin: the server's account need
  # not read the source tree.
  pg_admin "$dir" -d simpeg_pg -f - <"$demo/staging.sql"
  sed 's/\r$//' "$demo/demo-personnel.csv" |
    pg_admin "$dir" -d simpeg_pg -c "\\copy demo_personnel FROM pstdin WITH (FORMAT csv, HEADER true)"
  sed 's/\r$//' "$demo/demo-agencies.csv" |
    pg_admin "$dir" -d simpeg_pg -c "\\copy demo_agencies FROM pstdin WITH (FORMAT csv, HEADER true)"
  pg_admin "$dir" -d simpeg_pg -f - <"$demo/simpeg_pg.sql"
  pg_admin "$dir" -d simpeg_pg <<SQL
GRANT CONNECT ON DATABASE simpeg_pg TO simpeg_reader;
GRANT USAGE ON SCHEMA public TO simpeg_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO simpeg_reader;
SQL
  local count
  count=$(pg_admin "$dir" -d simpeg_pg -At -c "SELECT COUNT(*) FROM pegawai")
  echo "seed: demo SIMPEG loaded in PostgreSQL (simpeg_pg: $count employees)"
}
