#!/usr/bin/env bash
# The anonymity harness (docs/anonymity.md): real `tipline serve` behind nginx, a journalist who replies, and
# populations of simulated reader apps, each app on its own loopback address; a tcpdump capture of the edge port
# and snapshots of every app's state folder are then scored by scikit-learn distinguishers (Tests/Anonymity).
#
#   scripts/anonymity.sh           the full run (make anonymity): 500 sources + 500 readers
#   scripts/anonymity.sh --small   the run in make test: 150 + 150
# The gate on honest apps is the no-flake bound for the population (0.61 and 0.70; why: docs/anonymity.md).
# Sizes can be overridden with ANONYMITY_SOURCES, ANONYMITY_READERS, ANONYMITY_LEAK_APPS, ANONYMITY_DAYS,
# ANONYMITY_STEP_SECONDS (real seconds per 10-minute step), ANONYMITY_BOUND; ANONYMITY_KEEP=1 keeps the work folder.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s.%N)

if [ "${1:-}" = "--small" ]; then
    sources=${ANONYMITY_SOURCES:-150} readers=${ANONYMITY_READERS:-150} leak_apps=${ANONYMITY_LEAK_APPS:-30}
    days=${ANONYMITY_DAYS:-2} first=0.5 step=${ANONYMITY_STEP_SECONDS:-0.5} bound=${ANONYMITY_BOUND:-} overfull=2
else
    sources=${ANONYMITY_SOURCES:-500} readers=${ANONYMITY_READERS:-500} leak_apps=${ANONYMITY_LEAK_APPS:-50}
    days=${ANONYMITY_DAYS:-3} first=1 step=${ANONYMITY_STEP_SECONDS:-1} bound=${ANONYMITY_BOUND:-} overfull=3
fi
# The main population runs as several `tipline readers` processes (shards), each with an equal share of sources and
# readers (so a process tells nothing about its apps) and `overfull` over-full sources: one process cannot step
# hundreds of apps in time on its own.
shards=${ANONYMITY_SHARDS:-4}
python=/usr/bin/python3  # Debian's python3 with python3-sklearn (scripts/install-deps.sh)
for tool in tcpdump nginx "$python"; do
    command -v "$tool" >/dev/null || { echo "anonymity: $tool is missing (make deps)" >&2; exit 1; }
done
"$python" -c 'import sklearn, scipy, numpy' || { echo "anonymity: python3-sklearn is missing (make deps)" >&2; exit 1; }

swift build --product tipline >/dev/null
tipline="$PWD/.build/debug/tipline"
# The apps rewrite their 512 KiB vault at every checkpoint (about 130 a day each): keep the run in memory if possible.
work=$(mktemp -d "$( [ -d /dev/shm ] && [ -w /dev/shm ] && echo /dev/shm || echo "${TMPDIR:-/tmp}")/tipline-anonymity.XXXXXX")
chmod 755 "$work"  # nginx workers drop root privileges
pids=()
cleanup() {
    touch "$work/stop"
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    [ "${ANONYMITY_KEEP:-0}" = 1 ] && echo "anonymity: kept $work" >&2 || rm -rf "$work"
}
trap cleanup EXIT
free_port() { "$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_for() {  # wait_for FILE PATTERN SECONDS
    for _ in $(seq 1 $(($3 * 10))); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
    echo "anonymity: timed out waiting for '$2' in $1" >&2; cat "$1" >&2; exit 1
}

# The server: tipline serve with the development (fast) mixing profile, so that replies come back within the run.
api_port=$(free_port) edge_port=$(free_port)
"$tipline" serve --data "$work/server" --port "$api_port" --dev-mixing >"$work/serve.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 600); do [ -f "$work/server/keys/.published" ] && break; sleep 0.2; done
[ -f "$work/server/keys/.published" ] || { echo "anonymity: tipline serve did not start" >&2; cat "$work/serve.log" >&2; exit 1; }
api="http://127.0.0.1:$api_port"
anchors="$work/server/keys/trust-anchors.json"

# The journalist: onboarded from a setup bundle, registered, then at her desk (which syncs and sends one message
# a second, real or cover) replying to every source once through the desk's forms (Tests/Anonymity/journalist.py).
export TIPLINE_VAULT="$work/alice.vault" TIPLINE_VAULT_PASSPHRASE="anonymity harness passphrase" TIPLINE_API_URL="$api"
"$tipline" admin add-journalist alice --name "Alice" --description "Investigations" --keys "$work/server/keys" \
    --out "$work/alice.json" >/dev/null
"$tipline" journalist init --setup-bundle "$work/alice.json" >/dev/null
"$tipline" journalist sync >/dev/null
desk_port=$(free_port)
"$tipline" journalist ui --port "$desk_port" --send-interval 1 --sync-interval 3 --auto-lock-minutes 600 \
    >"$work/desk.log" 2>&1 &
pids+=($!)
touch "$work/replied"
"$python" Tests/Anonymity/journalist.py --port "$desk_port" --stop-file "$work/stop" \
    --replied-file "$work/replied" --skip-text "Leak test" 2>>"$work/desk.log" &
pids+=($!)

# Every app gets its own loopback address: main population first, then one population per leak.
leaks=(immediate-send longer-message extra-request)
total=$((sources + readers + ${#leaks[@]} * 2 * leak_apps))
"$python" Tests/Anonymity/edge.py --template scripts/deployment/nginx.conf.template --apps "$total" \
    --port "$edge_port" --upstream "127.0.0.1:$api_port" --work "$work/nginx" >"$work/nginx.conf"
nginx -p "$work/nginx" -c "$work/nginx.conf" -g "daemon off;" >"$work/nginx.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do curl -sf "http://127.100.100.101:$edge_port/v1/status" >/dev/null && break; sleep 0.1; done

tcpdump -i lo -s 128 -B 65536 -w "$work/capture.pcap" "tcp port $edge_port" 2>"$work/tcpdump.log" &
tcpdump_pid=$!
pids+=($tcpdump_pid)
wait_for "$work/tcpdump.log" "listening on" 10

population() {  # population NAME APPS SOURCES OFFSET [extra arguments]
    local name=$1 apps=$2 count=$3 offset=$4
    shift 4
    mkdir -p "$work/$name"
    "$tipline" readers --api "http://127.0.0.1:$edge_port" --trust-anchors "$anchors" --journalist alice \
        --readers "$apps" --sources "$count" --days "$days" --tick-minutes 10 \
        --real-seconds-per-tick "$step" --per-app-addresses --address-offset "$offset" --sources-start-days "$first" \
        --state "$work/$name/apps" --manifest "$work/$name/manifest.json" --concurrency 32 "$@" \
        >"$work/$name/readers.log" 2>&1
}
echo "anonymity: $sources sources + $readers readers, ${#leaks[@]} leaky populations of $leak_apps + $leak_apps," \
    "$days virtual days at $step s per 10-minute step, sources from day $first" >&2
offset=0
runs=()
for shard in $(seq 1 "$shards"); do
    shard_sources=$((sources / shards + (shard <= sources % shards ? 1 : 0)))
    shard_readers=$((readers / shards + (shard <= readers % shards ? 1 : 0)))
    population "main-$shard" $((shard_sources + shard_readers)) "$shard_sources" "$offset" --messages-per-source 2 \
        --overfull-sources "$overfull" --snapshot-days "$("$python" -c "print($first - 0.05)"),$days" &
    runs+=($!)
    offset=$((offset + shard_sources + shard_readers))
done
for leak in "${leaks[@]}"; do
    population "leak-$leak" $((2 * leak_apps)) "$leak_apps" "$offset" --test-leak "$leak" --messages-per-source 1 \
        --message-text "Leak test: no reply needed." &
    runs+=($!)
    offset=$((offset + 2 * leak_apps))
done
status=0
for run in "${runs[@]}"; do wait "$run" || status=1; done
kill -INT "$tcpdump_pid"
wait "$tcpdump_pid" 2>/dev/null || true
cat "$work/tcpdump.log" | grep -E "captured|dropped" >&2 || true
if [ $status -ne 0 ]; then
    echo "anonymity: a population failed" >&2
    tail -n 20 "$work"/*/readers.log >&2
    exit 1
fi
for shard in $(seq 1 "$shards"); do grep -E "^(readers|real messages|replies|errors|over-full|late)" "$work/main-$shard/readers.log"; done
echo "journalist replied to $(wc -l <"$work/replied") sources"
grep -q "^0 packets dropped by kernel" "$work/tcpdump.log" || { echo "anonymity: tcpdump dropped packets" >&2; exit 1; }
# Two snapshots are gated too: the storage ratchet (issue 16) rewrites every app's vault at every checkpoint.
"$python" Tests/Anonymity/analyze.py "$work" --edge-port "$edge_port" ${bound:+--bound "$bound"} --started "$started" \
    --gate-two-snapshots
