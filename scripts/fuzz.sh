#!/usr/bin/env bash
# libFuzzer targets over every parser of TiplineCore and TiplineClient (the separate package in Fuzz/, built with
# -sanitize=fuzzer,address into Fuzz/.build-fuzz; the main build is untouched).
#
#   scripts/fuzz.sh                 # make fuzz: each target until 1,000,000 executions or TIPLINE_FUZZ_SECONDS (300)
#   scripts/fuzz.sh --ci            # make test: each target for TIPLINE_FUZZ_CI_SECONDS (20)
#   scripts/fuzz.sh --seeds         # regenerate the committed seed corpora in Fuzz/Corpus/
#   scripts/fuzz.sh [--ci] FuzzKeys # only the named targets
# Starts from the committed seeds (Fuzz/Corpus/<target>, never modified); new inputs go to a temporary corpus.
# Prints executions, executions/s, coverage (libFuzzer's cov/ft) and corpus size per target. Any crash, leak or
# sanitizer report fails the run and leaves the input in Fuzz/.build-fuzz/artifacts/ (turn it into a regression
# test in the normal suite).
set -euo pipefail
cd "$(dirname "$0")/.."

targets_all=(FuzzEncoding FuzzTimestamp FuzzPaddedText FuzzKeys FuzzSignedForm FuzzDeadDrop FuzzUserMessages
    FuzzJournalistMessages FuzzSetupBundle FuzzClientFiles)
mode=long
case "${1:-}" in
--ci) mode=ci; shift ;;
--seeds) mode=seeds; shift ;;
esac
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${targets_all[@]}")

scratch=Fuzz/.build-fuzz
start=$SECONDS
mkdir -p "$scratch"
if ! swift build --package-path Fuzz --scratch-path "$scratch" -c debug \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library >"$scratch/build.log" 2>&1; then
    grep -vE 'ld.gold: warning: Cannot export' "$scratch/build.log" | tail -40 >&2
    echo "fuzz: the build failed" >&2
    exit 1
fi
bin="$scratch/debug"
for target in "${targets[@]}"; do
    [ -x "$bin/$target" ] || { echo "fuzz: $target was not built" >&2; exit 1; }
done
echo "fuzz: build took $((SECONDS - start)) s"

if [ "$mode" = seeds ]; then
    vectors="${TIPLINE_VECTORS:-../shared/vectors/coverdrop}"
    for target in "${targets[@]}"; do
        rm -rf "Fuzz/Corpus/$target"
        TIPLINE_FUZZ_SEED_DIR="$PWD/Fuzz/Corpus/$target" "$bin/$target" >/dev/null 2>&1
    done
    # CoverDrop's own files, behind the selector byte of the path that reads them.
    add() {  # target selector file name
        [ -f "$3" ] && { printf "\\x$(printf %02x "$2")"; cat "$3"; } >"Fuzz/Corpus/$1/$4" || true
    }
    if [ -d "$vectors" ]; then
        for file in "$vectors"/keys/*.keypair.json; do add FuzzKeys 1 "$file" "coverdrop-$(basename "$file")"; done
        for file in "$vectors"/trust-anchors/*.json; do add FuzzKeys 3 "$file" "coverdrop-anchors-$(basename "$file")"; done
        add FuzzKeys 0 "$vectors/keys/organization-865c61fb.pub.json" coverdrop-organization-pub
        add FuzzUserMessages 0 "$vectors/multi_anonymous_box/06_multi_anonymous_box" coverdrop-multi-anonymous-box
        add FuzzJournalistMessages 4 "$vectors/two_party_box/06_two_party_box" coverdrop-two-party-box
        add FuzzDeadDrop 2 "$vectors/journalist_dead_drop/05_journalist_dead_drop" coverdrop-journalist-dead-drop
        add FuzzEncoding 1 "$vectors/signature/04_signature" coverdrop-signature-bytes
    else
        echo "fuzz: no CoverDrop vectors at $vectors; only generated seeds written" >&2
    fi
    for target in "${targets[@]}"; do echo "$target: $(ls "Fuzz/Corpus/$target" | wc -l) seeds"; done
    exit 0
fi

if [ "$mode" = ci ]; then
    limits=(-max_total_time="${TIPLINE_FUZZ_CI_SECONDS:-20}")
else
    limits=(-runs="${TIPLINE_FUZZ_RUNS:-1000000}" -max_total_time="${TIPLINE_FUZZ_SECONDS:-300}")
fi
work="$(mktemp -d "${TMPDIR:-/tmp}/tipline-fuzz.XXXXXX")"
trap 'rm -rf "$work"' EXIT
artifacts="$scratch/artifacts"
mkdir -p "$artifacts"
failed=()
printf '%-24s %12s %8s %10s %8s %8s %8s\n' target executions seconds exec/s cov ft corpus
for target in "${targets[@]}"; do
    mkdir -p "$work/$target"
    log="$work/$target.log"
    status=0
    # The vault and sending-queue files are the largest inputs; 8 KiB covers every header and format.
    ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}" "$bin/$target" "${limits[@]}" -seed=1 -max_len=8192 \
        -print_final_stats=1 -artifact_prefix="$artifacts/$target-" "$work/$target" "Fuzz/Corpus/$target" \
        >"$log" 2>&1 || status=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    seconds=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)
    cov=$({ grep -oE 'cov: [0-9]+' "$log" || true; } | tail -1 | cut -d' ' -f2)
    ft=$({ grep -oE 'ft: [0-9]+' "$log" || true; } | tail -1 | cut -d' ' -f2)
    corpus=$(find "$work/$target" "Fuzz/Corpus/$target" -type f | wc -l)
    printf '%-24s %12s %8s %10s %8s %8s %8s\n' "$target" "${runs:-?}" "${seconds:-?}" "${speed:-?}" "${cov:-?}" \
        "${ft:-?}" "$corpus"
    if [ "$status" != 0 ] || grep -qE 'ERROR: (libFuzzer|AddressSanitizer|LeakSanitizer)|Fatal error|invariant broken' "$log"
    then
        echo "fuzz: $target FAILED (exit $status); input saved under $artifacts/:" >&2
        grep -E 'ERROR|Fatal error|invariant broken|artifact_prefix|Test unit written' "$log" | head -20 >&2
        failed+=("$target")
    fi
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz: failures in ${failed[*]}" >&2
    exit 1
fi
echo "fuzz: ${#targets[@]} targets, no crash"
