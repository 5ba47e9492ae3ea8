#!/usr/bin/env bash
# seed_demo.sh DB_DIR: (re)creates the two demo SIMPEG databases in the private
# MariaDB of DB_DIR from the fixtures (deploy/demo/*.csv), and a read-only
# account `simpeg_reader` (password in DB_DIR/secrets/simpeg.pw). The service's
# own tables are never touched: the personnel adapter reads these through its
# mapping, as it would an agency's SIMPEG.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DIR=$1
source "$ROOT/deploy/lib/mariadb.sh"
DEMO="$ROOT/deploy/demo"

[ -f "$DIR/secrets/simpeg.pw" ] || (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$DIR/secrets/simpeg.pw")
pw=$(cat "$DIR/secrets/simpeg.pw")
# The fixtures may come with CRLF line ends.
eol() { if grep -q $'\r' "$1"; then echo '\r\n'; else echo '\n'; fi; }
eol_personnel=$(eol "$DEMO/demo-personnel.csv")
eol_agencies=$(eol "$DEMO/demo-agencies.csv")
for shape in a b; do
  db="simpeg_$shape"
  {
    echo "DROP DATABASE IF EXISTS $db; CREATE DATABASE $db CHARACTER SET utf8mb4; USE $db;"
    cat "$DEMO/staging.sql"
    echo "LOAD DATA LOCAL INFILE '$DEMO/demo-personnel.csv' INTO TABLE demo_personnel CHARACTER SET utf8mb4"
    echo "  FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '\"' LINES TERMINATED BY '$eol_personnel' IGNORE 1 LINES;"
    echo "LOAD DATA LOCAL INFILE '$DEMO/demo-agencies.csv' INTO TABLE demo_agencies CHARACTER SET utf8mb4"
    echo "  FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '\"' LINES TERMINATED BY '$eol_agencies' IGNORE 1 LINES;"
    cat "$DEMO/simpeg_$shape.sql"
  } | db_admin "$DIR" --local-infile=1
done
db_admin "$DIR" <<SQL
CREATE USER IF NOT EXISTS 'simpeg_reader'@'localhost' IDENTIFIED BY '$pw';
ALTER USER 'simpeg_reader'@'localhost' IDENTIFIED BY '$pw';
GRANT SELECT ON simpeg_a.* TO 'simpeg_reader'@'localhost';
GRANT SELECT ON simpeg_b.* TO 'simpeg_reader'@'localhost';
SQL
count_a=$(db_admin "$DIR" -N -e "SELECT COUNT(*) FROM simpeg_a.pegawai")
count_b=$(db_admin "$DIR" -N -e "SELECT COUNT(*) FROM simpeg_b.pegawai")
echo "seed: demo SIMPEG loaded (simpeg_a: $count_a employees, simpeg_b: $count_b employees)"
