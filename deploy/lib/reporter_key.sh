# The reporter key (docs/law.md, "The sealed reporter"): 32 random bytes as 64 hex
# digits, mode 0600, created once and then kept. The server derives the key
# that encrypts each case's reporter and the key of its commitment from it;
# a server started with another key refuses to start while sealed reporters
# exist, so losing this file loses the reporters. Back it up with the
# database, but never in the same place.
#   ensure_reporter_key FILE
ensure_reporter_key() {
  local file=$1
  if [ -s "$file" ]; then
    return 0
  fi
  mkdir -p -m 700 "$(dirname "$file")"
  (
    umask 077
    od -An -tx1 -N32 /dev/urandom | tr -d ' \n' >"$file.tmp"
    echo >>"$file.tmp"
  )
  chmod 0600 "$file.tmp"
  mv "$file.tmp" "$file"
  echo "reporter key: created $file (mode 0600)" >&2
}
