#!/usr/bin/env bash
# Stop a server started by scripts/pg-start.sh and remove its files.
set -euo pipefail
DIR=$1
BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
if [ "$(id -u)" = "0" ]; then
  runuser -u postgres -- "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null || true
else
  "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null || true
fi
rm -rf "$DIR"
