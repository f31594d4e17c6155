#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster for tests and prints the environment to use it:
#
#   eval "$(scripts/start-postgres.sh)"      # sets TIPLINE_POSTGRES_URL
#   swift test --skip-build --filter TiplineStorageTests
#   scripts/stop-postgres.sh
#
# Listens on 127.0.0.1 only, port $TIPLINE_PG_PORT (default 54329), trust authentication, data in
# ${TMPDIR:-/tmp}/tipline-pg-<port> (override with TIPLINE_PG_DIR). Installs PostgreSQL with apt-get
# when it is missing and the script runs as root. Idempotent: a running cluster is reused.
# Only the `export` lines go to stdout; progress and errors go to stderr.
set -euo pipefail

PORT="${TIPLINE_PG_PORT:-54329}"
ROOT="${TIPLINE_PG_DIR:-${TMPDIR:-/tmp}/tipline-pg-${PORT}}"
DATA="${ROOT}/data"
LOG="${ROOT}/server.log"

fail() { echo "start-postgres: $*" >&2; exit 1; }

find_pgbin() {
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1
}

PGBIN="$(find_pgbin)"
if [ -z "${PGBIN}" ] || [ ! -x "${PGBIN}/initdb" ]; then
    [ "$(id -u)" = 0 ] || fail "PostgreSQL is not installed; run as root to install it with apt-get"
    echo "start-postgres: installing PostgreSQL with apt-get" >&2
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get install -y -qq postgresql >/dev/null 2>&1; then
        apt-get update -qq >/dev/null 2>&1 || true
        apt-get install -y -qq postgresql >/dev/null 2>&1 || fail "apt-get install postgresql failed"
    fi
    PGBIN="$(find_pgbin)"
    [ -n "${PGBIN}" ] && [ -x "${PGBIN}/initdb" ] || fail "initdb not found after installing PostgreSQL"
fi

# initdb refuses to run as root: as root, run the cluster as the `postgres` user.
if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || fail "the postgres user does not exist"
    as_pg() { su postgres -s /bin/sh -c "$*"; }
    install -d -m 0700 -o postgres -g postgres "${ROOT}"
else
    as_pg() { sh -c "$*"; }
    install -d -m 0700 "${ROOT}"
fi

print_env() {
    echo "export TIPLINE_POSTGRES_URL=postgres://postgres@127.0.0.1:${PORT}/postgres"
    echo "export TIPLINE_PG_PORT=${PORT}"
    echo "export TIPLINE_PG_DIR=${ROOT}"
}

if [ -f "${DATA}/PG_VERSION" ] && as_pg "'${PGBIN}/pg_ctl' -D '${DATA}' status" >/dev/null 2>&1; then
    print_env
    exit 0
fi

if [ ! -f "${DATA}/PG_VERSION" ]; then
    as_pg "'${PGBIN}/initdb' -D '${DATA}' -U postgres -A trust --no-sync -E UTF8 >/dev/null" \
        || fail "initdb failed"
fi

# fsync stays on (the default): the durability tests must mean something. --no-sync above only
# skips syncing the freshly created cluster files.
as_pg "'${PGBIN}/pg_ctl' -D '${DATA}' -l '${LOG}' -w -t 30 \
    -o \"-p ${PORT} -k '${ROOT}' -c listen_addresses=127.0.0.1 -c max_connections=300\" start >/dev/null" \
    || fail "pg_ctl start failed; see ${LOG}"

for _ in $(seq 1 300); do
    if pg_isready -h 127.0.0.1 -p "${PORT}" -q 2>/dev/null; then
        print_env
        exit 0
    fi
    sleep 0.1
done
fail "PostgreSQL did not become ready on 127.0.0.1:${PORT}; see ${LOG}"
