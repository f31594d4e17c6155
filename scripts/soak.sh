#!/usr/bin/env bash
# make soak: the scale-out deployment (its own PostgreSQL cluster, two `tipline api` behind nginx, one CoverNode)
# under simulated readers and a replying journalist for --minutes (default 5), while API instances, the CoverNode
# and PostgreSQL are killed and restarted at moments drawn from --seed; then checks exactly-once delivery and prints
# a summary (scripts/soak/soak.py --help lists every option; docs/reliability.md describes the checks).
# `make test` runs a 1-minute one (scripts/test.sh). Needs nginx, wrk and PostgreSQL (scripts/install-deps.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in nginx psql python3 wrk; do
    command -v "${tool}" >/dev/null 2>&1 || [ -x "/usr/sbin/${tool}" ] || {
        echo "soak: ${tool} is not installed (scripts/install-deps.sh)" >&2
        exit 1
    }
done
if [ -z "${TIPLINE_BINARY:-}" ]; then
    swift build --product tipline
fi
exec python3 scripts/soak/soak.py "$@"
