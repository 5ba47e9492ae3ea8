# Private MariaDB helpers, sourced by deploy/run.sh and tests/run.sh.
# Every server runs under its own directory with its socket there, no TCP
# (--skip-networking), and is stopped by the PID it was started with. A
# system-wide MariaDB is never touched.

# db_init DIR: creates the data directory once.
db_init() {
  local dir=$1
  mkdir -p "$dir/secrets" "$dir/tmp"
  chmod 700 "$dir/secrets" "$dir/tmp"
  if [ ! -d "$dir/data/mysql" ]; then
    echo "mariadb: initialising $dir/data"
    # Its own tmpdir: bootstraps sharing /tmp collide on their internal
    # temporary tables ("Unknown table 'mysql.tmp_user_sys'").
    mariadb-install-db --no-defaults --datadir="$dir/data" --tmpdir="$dir/tmp" --user="$(id -un)" \
      --auth-root-authentication-method=socket --auth-root-socket-user="$(id -un)" \
      --skip-test-db >"$dir/install.log" 2>&1 || {
        echo "mariadb: mariadb-install-db failed; see $dir/install.log" >&2
        grep -m 10 -E 'ERROR' "$dir/install.log" >&2 || tail -20 "$dir/install.log" >&2
        return 1
      }
  fi
}

# db_start DIR: starts mariadbd in the background and waits until it answers.
db_start() {
  local dir=$1
  local pidfile="$dir/mariadbd.pid"
  if [ -f "$pidfile" ]; then
    local old
    old=$(cat "$pidfile")
    if kill -0 "$old" 2>/dev/null && grep -q mariadbd "/proc/$old/comm" 2>/dev/null; then
      echo "mariadb: already running as pid $old for $dir; stop it first (kill $old)" >&2
      return 1
    fi
    echo "mariadb: removing stale pid file $pidfile (pid $old is gone)"
    rm -f "$pidfile" "$dir/mariadb.sock"
  fi
  mkdir -p "$dir/tmp"
  mariadbd --no-defaults --datadir="$dir/data" --tmpdir="$dir/tmp" --socket="$dir/mariadb.sock" \
    --pid-file="$dir/mariadbd.server.pid" --skip-networking --user="$(id -un)" \
    --log-error="$dir/mariadb.err" --innodb-flush-log-at-trx-commit=1 \
    --innodb-buffer-pool-size=256M --max-connections=500 --event-scheduler=ON \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci &
  echo $! >"$pidfile"
  local pid
  pid=$(cat "$pidfile")
  for _ in $(seq 1 120); do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "mariadb: mariadbd exited during start; last lines of $dir/mariadb.err:" >&2
      tail -20 "$dir/mariadb.err" >&2
      rm -f "$pidfile"
      return 1
    fi
    if db_admin "$dir" -e "SELECT 1" >/dev/null 2>&1; then
      echo "mariadb: up (pid $pid, socket $dir/mariadb.sock)"
      return 0
    fi
    sleep 0.5
  done
  echo "mariadb: no answer after 60 s; see $dir/mariadb.err" >&2
  db_stop "$dir"
  return 1
}

# db_admin DIR ARGS...: the mariadb client as the local admin (unix socket).
db_admin() {
  local dir=$1
  shift
  mariadb --no-defaults --socket="$dir/mariadb.sock" -u "$(id -un)" "$@"
}

# db_bootstrap DIR DB: the database, the migration owner, the least-privilege
# service role and user. Passwords are generated once into DIR/secrets.
db_bootstrap() {
  local dir=$1 db=$2
  for who in owner svc; do
    [ -f "$dir/secrets/$who.pw" ] || (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$dir/secrets/$who.pw")
  done
  local owner_pw svc_pw
  owner_pw=$(cat "$dir/secrets/owner.pw")
  svc_pw=$(cat "$dir/secrets/svc.pw")
  db_admin "$dir" <<SQL
CREATE DATABASE IF NOT EXISTS \`$db\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
CREATE ROLE IF NOT EXISTS discipline_service;
CREATE USER IF NOT EXISTS 'discipline_owner'@'localhost' IDENTIFIED BY '$owner_pw';
ALTER USER 'discipline_owner'@'localhost' IDENTIFIED BY '$owner_pw';
-- The owner applies migrations (which grant the service role its table
-- rights) and, in tests, creates throwaway databases named discipline_*.
GRANT ALL PRIVILEGES ON \`discipline%\`.* TO 'discipline_owner'@'localhost' WITH GRANT OPTION;
GRANT discipline_service TO 'discipline_owner'@'localhost' WITH ADMIN OPTION;
CREATE USER IF NOT EXISTS 'discipline_svc'@'localhost' IDENTIFIED BY '$svc_pw';
ALTER USER 'discipline_svc'@'localhost' IDENTIFIED BY '$svc_pw';
GRANT discipline_service TO 'discipline_svc'@'localhost';
SET DEFAULT ROLE discipline_service FOR 'discipline_svc'@'localhost';
SQL
}

# db_stop DIR: stops the server started by db_start, by its PID.
db_stop() {
  local dir=$1
  local pidfile="$dir/mariadbd.pid"
  [ -f "$pidfile" ] || return 0
  local pid
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 120); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
      echo "mariadb: pid $pid did not stop in 60 s; killing" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
    echo "mariadb: stopped (pid $pid)"
  fi
  rm -f "$pidfile"
}
