#!/usr/bin/env bash
# Regenerates docs/images/journalist-*.png (the journalist desk's main screens, 1280 px wide) with the browser
# tests' harness: real `tipline` processes on loopback and headless Debian Chromium. Needs what
# scripts/browser-test.sh needs (chromium, chromium-driver, Selenium, the built binary).
set -euo pipefail
cd "$(dirname "$0")/.."

export TIPLINE_BINARY="${TIPLINE_BINARY:-$PWD/.build/debug/tipline}"
export PYTHONDONTWRITEBYTECODE=1
exec python3 Tests/Browser/screenshots.py --out "$PWD/docs/images" "$@"
