#!/usr/bin/env bash
# unit: deploy/lib/reporter_key.sh, the reporter key deploy/run.sh and
# tests/run.sh create: 64 hex digits, mode 0600 in a 0700 directory, made
# once and then kept (the sealed reporters open only with it).
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
source "$ROOT/deploy/lib/reporter_key.sh"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail=0
check() { if [ "$2" != "$3" ]; then echo "FAIL: $1: expected $2, got $3"; fail=1; else echo "ok: $1"; fi; }

KEY="$TMP/var/secrets/reporter.key"
ensure_reporter_key "$KEY" 2>/dev/null
first=$(cat "$KEY")
check "64 hex digits" 1 "$(grep -cE '^[0-9a-f]{64}$' "$KEY")"
check "file mode" 600 "$(stat -c %a "$KEY")"
check "directory mode" 700 "$(stat -c %a "$(dirname "$KEY")")"
ensure_reporter_key "$KEY" 2>/dev/null
check "kept on the next run" "$first" "$(cat "$KEY")"
OTHER="$TMP/other/reporter.key"
ensure_reporter_key "$OTHER" 2>/dev/null
check "each key is random" 1 "$([ "$(cat "$OTHER")" != "$first" ] && echo 1 || echo 0)"
exit $fail
