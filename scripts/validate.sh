#!/usr/bin/env bash
# Formatting and lint: `swift format lint --strict` over every tracked and new Swift file, then each target's
# imports against the dependencies Package.swift declares (scripts/check-dependencies.py).
set -euo pipefail
cd "$(dirname "$0")/.."
files=$(git ls-files --cached --others --exclude-standard -- '*.swift' | grep -v '^Package.swift$' || true)
[ -z "$files" ] && exit 0
output=$(echo "$files" | xargs swift format lint --strict --parallel 2>&1 || true)
if [ -n "$output" ]; then
    echo "$output"
    echo "swift format lint failed: run 'make format'." >&2
    exit 1
fi
scripts/check-dependencies.py
python3 -m unittest discover --quiet -s Tests/Scripts
