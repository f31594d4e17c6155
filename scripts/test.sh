#!/usr/bin/env bash
# What `make test` and CI run: build everything strictly, lint, check the DocC catalog, start a throwaway
# PostgreSQL, run every Swift test, the API contract, short fuzz runs, the small anonymity harness, a one-minute soak
# with faults, the journalist desk's browser tests, then the core suites under two sanitizers.
set -euo pipefail
cd "$(dirname "$0")/.."

swift build --build-tests --explicit-target-dependency-import-check error
swift build --product tipline
scripts/validate.sh
scripts/docs.sh

eval "$(scripts/start-postgres.sh)"
trap 'scripts/stop-postgres.sh' EXIT
export TIPLINE_BINARY="$PWD/.build/debug/tipline"
swift test --skip-build --skip AbuseTests
# The abuse tests judge latency and timeouts against a baseline measured in the same run: alone, not beside 90 suites.
swift test --skip-build --filter AbuseTests
scripts/api-contract.sh
scripts/fuzz.sh --ci
scripts/anonymity.sh --small
# One minute of the soak with faults (docs/reliability.md, section 5), on its own PostgreSQL cluster; `make soak` runs
# five. The bulk load's rate suits the debug build on two cores.
scripts/soak.sh --minutes 1 --load-rate 1000
scripts/browser-test.sh
# The CoverNode, the appender and the journalist service under AddressSanitizer, then ThreadSanitizer
# (docs/reliability.md, section 3): a build of its own for each (.build-asan, .build-tsan), about 12 minutes on two
# cores when cold. TIPLINE_SKIP_SANITIZERS=1 leaves them out of a local run; CI runs them.
if [ "${TIPLINE_SKIP_SANITIZERS:-0}" != 1 ]; then
    TIPLINE_SANITIZE_FILTER=core scripts/sanitize.sh address thread
fi
