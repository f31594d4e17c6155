#!/usr/bin/env bash
# Renders TiplineCore's DocC catalog (Sources/TiplineCore/TiplineCore.docc) to .build/docs/TiplineCore.doccarchive
# with the toolchain's `docc`, and fails on any DocC warning (a broken symbol link, say).
set -euo pipefail
cd "$(dirname "$0")/.."
swift package dump-symbol-graph --minimum-access-level public >/dev/null 2>&1
mkdir -p .build/docs
graphs=$(mktemp -d)
trap 'rm -rf "$graphs"' EXIT
cp .build/*/symbolgraph/TiplineCore*.symbols.json "$graphs/"
output=$(docc convert Sources/TiplineCore/TiplineCore.docc --additional-symbol-graph-dir "$graphs" \
    --fallback-display-name TiplineCore --fallback-bundle-identifier org.tipline.TiplineCore \
    --output-dir .build/docs/TiplineCore.doccarchive 2>&1)
if echo "$output" | grep -E "warning|error"; then
    echo "DocC reported problems." >&2
    exit 1
fi
echo "Wrote .build/docs/TiplineCore.doccarchive"
