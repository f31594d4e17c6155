#!/usr/bin/env bash
# `make sanitize`: every Swift test suite under ThreadSanitizer and AddressSanitizer, each a full build of its own
# in .build-tsan / .build-asan (the normal .build is untouched), over a throwaway PostgreSQL. Any sanitizer report
# fails the run. Prints the build and test time of each.
#
#   scripts/sanitize.sh                    # thread, then address
#   scripts/sanitize.sh address            # one of them
#   TIPLINE_SANITIZE_FILTER=CoverNode scripts/sanitize.sh thread   # only matching suites (swift test --filter)
#   TIPLINE_SANITIZE_FILTER=core scripts/sanitize.sh                 # the CoverNode, appender and journalist suites
set -euo pipefail
cd "$(dirname "$0")/.."

sanitizers=("$@")
[ ${#sanitizers[@]} -gt 0 ] || sanitizers=(thread address)
# `core`: the concurrent heart of the system, which `make test` runs under both sanitizers on every change.
core='TiplineCoverNodeTests|Appender|MessageBatcher|TiplineJournalistTests|OperationDeadline'
filter=()
case "${TIPLINE_SANITIZE_FILTER:-}" in
"") ;;
core) filter=(--filter "$core") ;;
*) filter=(--filter "$TIPLINE_SANITIZE_FILTER") ;;
esac

# A cluster of its own unless the caller (scripts/test.sh) already runs one.
if [ -z "${TIPLINE_POSTGRES_URL:-}" ]; then
    eval "$(scripts/start-postgres.sh)"
    trap 'scripts/stop-postgres.sh' EXIT
fi

# halt_on_error: the first report fails the run. Leak checking is off: the Swift runtime, NIO's singleton event
# loops and libsodium keep process-lifetime allocations that LeakSanitizer reports at exit.
export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 ${TSAN_OPTIONS:-}"
# scripts/sanitize/asan.supp: reports in the toolchain's Foundation, each with its evidence.
export ASAN_OPTIONS="halt_on_error=1 detect_leaks=0 suppressions=$PWD/scripts/sanitize/asan.supp ${ASAN_OPTIONS:-}"

for sanitizer in "${sanitizers[@]}"; do
    case "$sanitizer" in
    thread) scratch=.build-tsan ;;
    address) scratch=.build-asan ;;
    *) echo "sanitize: unknown sanitizer $sanitizer (thread or address)" >&2; exit 2 ;;
    esac
    start=$SECONDS
    swift build --build-tests --sanitize="$sanitizer" --scratch-path "$scratch" 2>&1 | grep -vE '^\[[0-9]+/[0-9]+\]'
    built=$SECONDS
    export TIPLINE_BINARY="$PWD/$scratch/debug/tipline"  # the integration tests run the sanitized binary too
    log="$scratch/sanitize-test.log"
    status=0
    swift test --skip-build --sanitize="$sanitizer" --scratch-path "$scratch" "${filter[@]}" >"$log" 2>&1 || status=$?
    grep -E '^✘|Test run with|Executed [0-9]+ test|WARNING: ThreadSanitizer|ERROR: AddressSanitizer|SUMMARY: ' "$log" || true
    echo "sanitize: $sanitizer: build $((built - start)) s, tests $((SECONDS - built)) s, exit $status"
    if [ "$status" != 0 ] || grep -qE 'WARNING: ThreadSanitizer|ERROR: AddressSanitizer' "$log"; then
        echo "sanitize: $sanitizer FAILED; the full output is in $log" >&2
        exit 1
    fi
done
echo "sanitize: ${sanitizers[*]}: no report"
