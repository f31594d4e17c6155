#!/usr/bin/env bash
# `make bench`: builds the benchmarks in release mode and runs each one; every benchmark prints its figure next
# to the reference it is judged against (raw libsodium, an empty endpoint, one key agreement per message).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product tipline-bench
swift build -c release --product tipline
bench=.build/release/tipline-bench
for name in reader ratchet journalist covernode appender; do
    echo "== $name"
    "$bench" "$name"
done
echo "== scale (PostgreSQL, two API processes, next to one SQLite process)"
eval "$(scripts/start-postgres.sh)"
trap 'scripts/stop-postgres.sh' EXIT
"$bench" scale --tipline .build/release/tipline --postgres-url "$TIPLINE_POSTGRES_URL"
