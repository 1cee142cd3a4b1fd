#!/usr/bin/env bash
# A throwaway PostgreSQL server for the test suite, on a fresh Debian machine or this one.
# Installs the server if it is missing, initialises a cluster in $PG_TEST_DIR owned by the
# postgres user (trust auth, 127.0.0.1 only, durability off: test data only), starts it on
# $PG_TEST_PORT, creates the role and database `uw` (CREATEDB: the tests make one database per
# test world; pg_signal_backend: they drop it WITH (FORCE)) and prints the URL to use as TEST_DATABASE_URL on its last line of stdout.
# Idempotent: a second run finds the server running and prints the same URL.
#
#   export TEST_DATABASE_URL=$(bash .ci/postgres.sh | tail -n1)
#   bash .ci/postgres.sh stop    # stop the server (the data directory stays until removed)
#
# The cluster lives in /dev/shm when that is a tmpfs with room: every test world creates and
# drops a database, some 300 files each, and on a disk that alone took the suite from 14 s to 35 s.
set -euo pipefail

shm_free_mb=$(df -Pm /dev/shm 2>/dev/null | awk 'NR == 2 { print $4 }')
DIR=${PG_TEST_DIR:-$([ "${shm_free_mb:-0}" -ge 1024 ] && echo /dev/shm/uw-postgres || echo /tmp/uw-postgres)}
PORT=${PG_TEST_PORT:-54329}
ROLE=uw
log() { echo "postgres.sh: $*" >&2; }
SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo

if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  log "installing PostgreSQL (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >&2
  $SUDO apt-get install -y -qq --no-install-recommends postgresql >&2
fi
BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if [ "${1:-}" = stop ]; then
  as_pg "$BIN/pg_ctl" -D "$DIR/data" -m fast stop >&2 || true
  exit 0
fi

mkdir -p "$DIR"
if [ "$(id -u)" = 0 ]; then chown postgres: "$DIR"; fi
if [ ! -s "$DIR/data/PG_VERSION" ]; then
  log "initialising a cluster in $DIR/data"
  as_pg "$BIN/initdb" -D "$DIR/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  cat >>"$DIR/data/postgresql.conf" <<EOF
# test cluster: nothing here needs to survive a crash
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$DIR'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
EOF
fi
if ! as_pg "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
  log "starting on 127.0.0.1:$PORT"
  as_pg "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 start >&2
fi

psql_pg() { as_pg "$BIN/psql" -h "$DIR" -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
[ "$(psql_pg -c "select 1 from pg_roles where rolname = '$ROLE'")" = 1 ] || psql_pg -c "create role $ROLE login createdb"
# DROP DATABASE ... WITH (FORCE) must also end an autovacuum worker that happens to be in it.
[ "$(psql_pg -c "select pg_has_role('$ROLE', 'pg_signal_backend', 'member')")" = t ] || psql_pg -c "grant pg_signal_backend to $ROLE"
[ "$(psql_pg -c "select 1 from pg_database where datname = '$ROLE'")" = 1 ] || psql_pg -c "create database $ROLE owner $ROLE"

echo "postgres://$ROLE@127.0.0.1:$PORT/$ROLE"
