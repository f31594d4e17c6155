#!/usr/bin/env bash
# `make bench`: the benchmarks live in their own package, Benchmarks/ (it depends on this one by path and sees only
# its products), built in release mode with its own scratch folder. First the micro-benchmarks (ordo-one's
# package-benchmark: instructions, allocations and wall clock per operation, each next to its reference), then the
# end-to-end drivers of `tipline-bench`, whose verdicts are ratios to a reference measured in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
# TIPLINE_SCRATCH: where the root package's release build goes (default .build; another folder keeps a long release
# build from holding the lock of a shared debug .build).
scratch="${TIPLINE_SCRATCH:-.build}"
tipline="$scratch/release/tipline"
bench=(--package-path Benchmarks --scratch-path Benchmarks/.build)
swift build -c release --scratch-path "$scratch" --product tipline
swift build "${bench[@]}" -c release --product tipline-bench
echo "== micro-benchmarks: crypto and trial decryption (swift package benchmark)"
swift package "${bench[@]}" benchmark --no-progress --metric instructions --metric mallocCountTotal --metric wallClock
driver=Benchmarks/.build/release/tipline-bench
echo "== trial decryption (wall clock, ratio to one key agreement per message)"
"$driver" trial-decryption
echo "== appender"
"$driver" appender --tipline "$tipline"
echo "== CoverNode end to end (a tipline covernode process drains a pre-filled stream; ratio to raw opens)"
"$driver" covernode --tipline "$tipline"
echo "== reader checkpoint with the storage ratchet (ratio to rewrites of the same files)"
"$driver" ratchet --tipline "$tipline"
echo "== scale (PostgreSQL, two API processes, next to one SQLite process)"
# A cluster of its own (not the test suites' one on 54329), so that stopping it takes nothing away from anyone.
export TIPLINE_PG_PORT="${TIPLINE_BENCH_PG_PORT:-54339}"
eval "$(scripts/start-postgres.sh)"
trap 'scripts/stop-postgres.sh' EXIT
"$driver" scale --tipline "$tipline" --postgres-url "$TIPLINE_POSTGRES_URL"
