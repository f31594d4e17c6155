#!/usr/bin/env bash
# Runs the journalist desk's browser tests (Tests/Browser) in headless Debian Chromium through chromedriver and
# Selenium, against real `tipline` processes on loopback. Needs the built binary (TIPLINE_BINARY, default
# .build/debug/tipline). Fails when Chromium, chromedriver or Selenium is missing, unless TIPLINE_SKIP_BROWSER=1.
set -euo pipefail
cd "$(dirname "$0")/.."

export TIPLINE_BINARY="${TIPLINE_BINARY:-$PWD/.build/debug/tipline}"
export PYTHONDONTWRITEBYTECODE=1
export TIPLINE_CHROMIUM="${TIPLINE_CHROMIUM:-/usr/bin/chromium}"
export TIPLINE_CHROMEDRIVER="${TIPLINE_CHROMEDRIVER:-/usr/bin/chromedriver}"

if [ "${TIPLINE_SKIP_BROWSER:-0}" = "1" ]; then
    echo "########## SKIPPED: browser tests (TIPLINE_SKIP_BROWSER=1) — the journalist desk was NOT tested ##########" >&2
    exit 0
fi

problems=()
[ -x "$TIPLINE_CHROMIUM" ] || problems+=("no Chromium at $TIPLINE_CHROMIUM (apt-get install -y chromium)")
[ -x "$TIPLINE_CHROMEDRIVER" ] || problems+=("no chromedriver at $TIPLINE_CHROMEDRIVER (apt-get install -y chromium-driver)")
python3 -c 'import selenium' 2>/dev/null \
    || problems+=("Selenium is not importable by $(command -v python3) (python3 -m pip install -r Tests/Browser/requirements.txt)")
[ -x "$TIPLINE_BINARY" ] || problems+=("no tipline binary at $TIPLINE_BINARY (swift build --product tipline)")
if [ ${#problems[@]} -gt 0 ]; then
    echo "Browser tests cannot run:" >&2
    printf '  - %s\n' "${problems[@]}" >&2
    echo "Run \`make deps\` as root, or set TIPLINE_SKIP_BROWSER=1 to skip them explicitly." >&2
    exit 1
fi

cd Tests/Browser
# Arguments pick tests, e.g. `scripts/browser-test.sh test_desk.UnlockTests`; none runs them all.
if [ $# -gt 0 ]; then exec python3 -m unittest --verbose "$@"; fi
exec python3 -m unittest discover --start-directory . --pattern 'test_*.py' --verbose
