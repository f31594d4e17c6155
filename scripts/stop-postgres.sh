#!/usr/bin/env bash
# Stops the throwaway cluster started by scripts/start-postgres.sh and deletes its data.
# Uses the same TIPLINE_PG_PORT / TIPLINE_PG_DIR defaults. Idempotent and quiet.
set -euo pipefail

PORT="${TIPLINE_PG_PORT:-54329}"
ROOT="${TIPLINE_PG_DIR:-${TMPDIR:-/tmp}/tipline-pg-${PORT}}"
DATA="${ROOT}/data"

[ -d "${ROOT}" ] || exit 0

PGBIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
if [ -n "${PGBIN}" ] && [ -f "${DATA}/PG_VERSION" ]; then
    if [ "$(id -u)" = 0 ]; then
        as_pg() { su postgres -s /bin/sh -c "$*"; }
    else
        as_pg() { sh -c "$*"; }
    fi
    if as_pg "'${PGBIN}/pg_ctl' -D '${DATA}' status" >/dev/null 2>&1; then
        as_pg "'${PGBIN}/pg_ctl' -D '${DATA}' -m fast -w -t 30 stop >/dev/null" \
            || { echo "stop-postgres: pg_ctl stop failed" >&2; exit 1; }
    fi
fi

# Only ever delete a directory that looks like ours.
if [ -f "${DATA}/PG_VERSION" ] || [ -z "$(ls -A "${ROOT}" 2>/dev/null)" ]; then
    rm -rf "${ROOT}"
fi
