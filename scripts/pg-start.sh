#!/usr/bin/env bash
# Start a throw-away PostgreSQL server for the test suite and print its URL.
# Installs Debian's postgresql when it is missing (as root). Stop it with
#   scripts/pg-stop.sh DIR   (DIR is printed on stderr)
set -euo pipefail

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "installing Debian postgresql…" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PORT=${CORRIDOR_PG_PORT:-54329}
DIR=$(mktemp -d /tmp/corridor-pg.XXXXXX)

as_owner() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ "$(id -u)" = "0" ]; then chown postgres:postgres "$DIR"; fi

as_owner "$BIN/initdb" -D "$DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
  -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off" \
  start >/dev/null
echo "$DIR" >&2
echo "postgresql://postgres@127.0.0.1:$PORT/postgres"
