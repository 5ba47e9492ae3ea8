#!/usr/bin/env bash
# The main command: set-up, Release build, a private MariaDB under
# ${DISCIPLINE_VAR_DIR:-./var}, migrations, the demo personnel data, then the
# server on 127.0.0.1:${DISCIPLINE_PORT:-50051} in the foreground.
# Ctrl-C / SIGTERM stops the server, then MariaDB. A second run reuses the data.
# The server is supervised (deploy/lib/supervise.sh): restarted after a crash
# with a back-off, and MariaDB restarted if it dies.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VAR=$(mkdir -p "${DISCIPLINE_VAR_DIR:-$ROOT/var}" && cd "${DISCIPLINE_VAR_DIR:-$ROOT/var}" && pwd)
PORT=${DISCIPLINE_PORT:-50051}
HTTP_PORT=${DISCIPLINE_HTTP_PORT:-8080}
DB_NAME=${DISCIPLINE_DB_NAME:-discipline}
BUILD="$ROOT/build/release"
source "$ROOT/deploy/lib/mariadb.sh"
source "$ROOT/deploy/lib/build.sh"
source "$ROOT/deploy/lib/supervise.sh"
source "$ROOT/deploy/lib/reporter_key.sh"

"$ROOT/deploy/setup.sh"

# A busy port gets a clear message before anything starts.
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  echo "run: port $PORT on 127.0.0.1 is already in use; set DISCIPLINE_PORT to another port" >&2
  exit 1
fi
if (exec 3<>"/dev/tcp/127.0.0.1/$HTTP_PORT") 2>/dev/null; then
  echo "run: port $HTTP_PORT on 127.0.0.1 is already in use; set DISCIPLINE_HTTP_PORT to another port" >&2
  exit 1
fi

build_project "$BUILD" OFF

DB_DIR="$VAR/mariadb"
SERVER_PID=""
cleanup() {
  trap - EXIT INT TERM
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    echo "run: server stopped (pid $SERVER_PID)"
  fi
  db_stop "$DB_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

start_database() {
  db_start "$DB_DIR"
  DB_PID=$(cat "$DB_DIR/mariadbd.pid")
}

db_init "$DB_DIR"
start_database
db_bootstrap "$DB_DIR" "$DB_NAME"
if [ -x "$ROOT/deploy/seed_demo.sh" ]; then
  "$ROOT/deploy/seed_demo.sh" "$DB_DIR"
fi

# The demo issuer (api.md, "Identity"): its key and JWKS under var/identity;
# the CLI mints its tokens (--as=NIP --roles=... --agency=...).
IDENTITY=$("$BUILD/service/discipline" issuer-init "$VAR/identity")

# The reporter key (docs/law.md, "The sealed reporter"), created once under the
# var dir and kept: the reporters stored so far open only with it.
REPORTER_KEY="$VAR/secrets/reporter.key"
ensure_reporter_key "$REPORTER_KEY"

# The server config: the demo SIMPEG (shape A) and the demo issuer, unless
# DISCIPLINE_CONFIG names another file.
CONFIG=${DISCIPLINE_CONFIG:-$VAR/server.textproto}
if [ -z "${DISCIPLINE_CONFIG:-}" ]; then
  cat >"$CONFIG" <<CFG
# Written by deploy/run.sh for the demo; set DISCIPLINE_CONFIG to use your own.
$IDENTITY
simpeg {
  socket: "$DB_DIR/mariadb.sock"
  database: "simpeg_a"
  user: "simpeg_reader"
  password_file: "$DB_DIR/secrets/simpeg.pw"
  mapping_file: "$ROOT/deploy/demo/simpeg_a.mapping.textproto"
  connect_timeout_seconds: 3
  query_timeout_seconds: 5
  cache_ttl_seconds: 300
}
documents { local_dir: "$VAR/documents" max_upload_bytes: 104857600 }
letterhead {
  names: "PEMERINTAH KOTA CONTOH"
  names: "BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA"
  address: "Jalan Merdeka Nomor 1, Kota Contoh"
  place: "Kota Contoh"
}
reporter_key_file: "$REPORTER_KEY"
CFG
fi
# SIASN (docs/siasn.md, "Connecting to SIASN"): DISCIPLINE_SIASN_URL is one base URL
# serving the API manager's token (<base>/oauth2/token), the operator's SSO
# token (<base>/sso/token) and the API (<base>/apisiasn/1.0/...), with the
# consumer key and secret siasn/siasn (the SSO account too), e.g. the
# contract server tests/contract/siasn_contract_server.
if [ -z "${DISCIPLINE_CONFIG:-}" ] && [ -n "${DISCIPLINE_SIASN_URL:-}" ]; then
  SIASN_URL=${DISCIPLINE_SIASN_URL%/}
  (umask 077; mkdir -p "$VAR/secrets"; echo siasn >"$VAR/secrets/siasn.secret"; echo siasn >"$VAR/secrets/siasn-sso.pw")
  cat >>"$CONFIG" <<CFG
siasn {
  token_url: "$SIASN_URL/oauth2/token"
  api_base: "$SIASN_URL"
  client_id: "siasn"
  client_secret_file: "$VAR/secrets/siasn.secret"
  sso_token_url: "$SIASN_URL/sso/token"
  sso_client_id: "siasn"
  sso_username: "siasn"
  sso_password_file: "$VAR/secrets/siasn-sso.pw"
  poll_seconds: 2
}
CFG
  echo "run: SIASN records go to $SIASN_URL"
fi

# Notifications (docs/notifications.md, "Notifications"): DISCIPLINE_SMTP_URL is the SMTP
# relay the summons e-mails go to (e.g. smtp://127.0.0.1:2525, the contract
# server tests/contract/smtp_contract_server.py).
NOTIFY_ARGS=()
if [ -n "${DISCIPLINE_SMTP_URL:-}" ]; then
  NOTIFY_ARGS=(--smtp_url="$DISCIPLINE_SMTP_URL" --smtp_from=disiplin@kota-contoh.example.go.id)
  echo "run: notification e-mails go to $DISCIPLINE_SMTP_URL"
fi
# BSrE (docs/documents.md, "Signing the SK (BSrE)"): DISCIPLINE_ESIGN_URL is the base URL
# of the agency's e-sign client service (<base>/api/v2/sign/pdf), HTTP Basic
# user esign, password esign, e.g. the contract server
# tests/contract/esign_contract_server.
if [ -z "${DISCIPLINE_CONFIG:-}" ] && [ -n "${DISCIPLINE_ESIGN_URL:-}" ]; then
  ESIGN_URL=${DISCIPLINE_ESIGN_URL%/}
  (umask 077; mkdir -p "$VAR/secrets"; echo esign >"$VAR/secrets/esign.pw")
  cat >>"$CONFIG" <<CFG
esign {
  base_url: "$ESIGN_URL"
  user: "esign"
  password_file: "$VAR/secrets/esign.pw"
}
CFG
  echo "run: SKs are signed through $ESIGN_URL"
fi

start_server() {
  rm -f "$VAR/server.port" "$VAR/http.port"
  "$BUILD/service/discipline_server" \
    --listen="127.0.0.1:$PORT" --port_file="$VAR/server.port" \
    --http_listen="127.0.0.1:$HTTP_PORT" --http_port_file="$VAR/http.port" \
    --db_socket="$DB_DIR/mariadb.sock" --db_name="$DB_NAME" \
    --db_user=discipline_svc --db_password_file="$DB_DIR/secrets/svc.pw" \
    --db_migrate_user=discipline_owner --db_migrate_password_file="$DB_DIR/secrets/owner.pw" \
    --config="$CONFIG" "${NOTIFY_ARGS[@]}" &
  SERVER_PID=$!
  for _ in $(seq 1 100); do
    [ -f "$VAR/server.port" ] && [ -f "$VAR/http.port" ] && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "run: the server exited during start (see above)" >&2; return 1; }
    sleep 0.1
  done
  echo "run: the server did not start within 10 s" >&2
  return 1
}

start_server || exit 1
echo "READY: asn-discipline serving gRPC on 127.0.0.1:$PORT and HTTP on http://127.0.0.1:$HTTP_PORT (pid $SERVER_PID). Try:"
echo "  $BUILD/service/discipline --server=127.0.0.1:$PORT --issuer_dir=$VAR/identity --as=199208222019032003 --roles=operator --agency=KOTA-CONTOH AssessViolation '{\"provisionId\":\"PP94.4.f\",\"absenceDays\":12,\"positionKind\":\"POSITION_KIND_PELAKSANA\",\"environment\":\"ENVIRONMENT_KABUPATEN_KOTA\"}'"
echo "Ctrl-C stops the server and MariaDB; a crashed server is restarted."
supervise_loop || exit $?
