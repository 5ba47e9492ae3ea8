# Sourced by the scale benchmarks: a private MariaDB under $TMP/mariadb with
# the service's schema, applied by the server's own migrations, and the demo
# issuer in $TMP/identity (and, with BENCH_SIMPEG=1, the demo SIMPEG). Needs
# ROOT, BUILD and TMP; sets DB, PORT and SERVER_PID (empty once the server is
# stopped). bench_cleanup stops both.

source "$ROOT/deploy/lib/mariadb.sh"
DB="$TMP/mariadb"
SERVER_PID=""

bench_cleanup() {
  if [ -n "$SERVER_PID" ]; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  db_stop "$DB"
  rm -rf "$TMP"
}

# bench_schema_db: the database, its accounts, the issuer, and the server
# started once (it applies the migrations and serves on PORT).
bench_schema_db() {
  db_init "$DB" >/dev/null
  db_start "$DB" >/dev/null
  db_bootstrap "$DB" discipline
  "$BUILD/service/discipline" issuer-init "$TMP/identity" >"$TMP/server.textproto"
  # BENCH_SIMPEG=1: the demo SIMPEG too, so that cases can be filed.
  if [ "${BENCH_SIMPEG:-0}" = 1 ]; then
    "$ROOT/deploy/seed_demo.sh" "$DB" >/dev/null
    cat >>"$TMP/server.textproto" <<CFG
simpeg { socket: "$DB/mariadb.sock" database: "simpeg_a" user: "simpeg_reader"
         password_file: "$DB/secrets/simpeg.pw" cache_ttl_seconds: 300
         mapping_file: "$ROOT/deploy/demo/simpeg_a.mapping.textproto" }
CFG
  fi
  "$BUILD/service/discipline_server" --listen=127.0.0.1:0 --port_file="$TMP/port" --config="$TMP/server.textproto" \
    --db_socket="$DB/mariadb.sock" --db_user=discipline_svc --db_password_file="$DB/secrets/svc.pw" \
    --db_migrate_user=discipline_owner --db_migrate_password_file="$DB/secrets/owner.pw" \
    --escalation_interval_seconds=0 2>"$TMP/server.log" &
  SERVER_PID=$!
  for _ in $(seq 1 100); do [ -s "$TMP/port" ] && break; sleep 0.1; done
  PORT=$(cat "$TMP/port")
}

# bench_stop_server: the schema is in place; the benchmark needs no server.
bench_stop_server() {
  kill -TERM "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}
