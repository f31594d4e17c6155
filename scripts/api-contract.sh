#!/usr/bin/env bash
# The API contract check (`make test` runs it; `make fuzz-api` runs it longer): schemathesis generates requests from
# docs/openapi.yaml (examples, coverage, fuzzing and stateful phases; positive and negative data) against
#   1. a real `tipline serve` (SQLite, embedded CoverNode publishing dead drops), and
#   2. a real `tipline api` alone over PostgreSQL, with a key ceremony's provisioning and admin keys published.
# Gate: no 5xx, no response that violates the document, and each server still alive and healthy afterwards.
#
#   scripts/api-contract.sh            # CI budget: TIPLINE_CONTRACT_EXAMPLES (default 20) per operation
#   scripts/api-contract.sh --long     # make fuzz-api: 400 per operation, with a time cap per target
# TIPLINE_CONTRACT_SEED (default 20261202) fixes the generated data; reports go to .build/api-contract/.
set -euo pipefail
cd "$(dirname "$0")/.."

examples="${TIPLINE_CONTRACT_EXAMPLES:-20}"
max_time=""
if [ "${1:-}" = "--long" ]; then
    examples="${TIPLINE_CONTRACT_EXAMPLES:-400}"
    max_time="--max-time=${TIPLINE_CONTRACT_MAX_TIME:-900}"
fi
seed="${TIPLINE_CONTRACT_SEED:-20261202}"
tipline="${TIPLINE_BINARY:-$PWD/.build/debug/tipline}"
[ -x "$tipline" ] || { echo "api-contract: no tipline binary at $tipline (swift build --product tipline)" >&2; exit 1; }
command -v st >/dev/null || { echo "api-contract: schemathesis is missing (make deps)" >&2; exit 1; }

work="$(mktemp -d "${TMPDIR:-/tmp}/tipline-contract.XXXXXX")"
reports="$PWD/.build/api-contract"
mkdir -p "$reports"
pids=()
started_postgres=0
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    [ -z "${database:-}" ] || psql "$TIPLINE_POSTGRES_URL" -q -c "DROP DATABASE IF EXISTS $database" >/dev/null 2>&1 || true
    [ "$started_postgres" = 1 ] && scripts/stop-postgres.sh >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

wait_healthy() {  # url log
    for _ in $(seq 1 600); do
        curl -fsS -o /dev/null "$1/v1/healthcheck" 2>/dev/null && return 0
        sleep 0.1
    done
    echo "api-contract: $1 did not come up; its log:" >&2
    tail -40 "$2" >&2
    exit 1
}

# Runs schemathesis against $1 (name) at $2 (url) while process $3 serves it (log $4).
contract() {
    local name="$1" url="$2" pid="$3" log="$4" status=0
    echo "== schemathesis against $name ($url), seed $seed, $examples examples per operation"
    local start=$SECONDS
    st --no-color run docs/openapi.yaml --url "$url" --seed "$seed" --max-examples "$examples" $max_time \
        --phases examples,coverage,fuzzing,stateful --mode all --workers 1 --request-timeout 20 \
        --checks not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance,negative_data_rejection,missing_required_header,use_after_free,ensure_resource_availability \
        --suppress-health-check too_slow,filter_too_much,data_too_large --warnings off \
        --report junit,ndjson --report-junit-path "$reports/$name.xml" --report-ndjson-path "$reports/$name.ndjson" \
        || status=$?
    echo "== $name: schemathesis exit $status after $((SECONDS - start)) s"
    python3 scripts/api-contract-summary.py "$reports/$name.ndjson" || true
    if ! kill -0 "$pid" 2>/dev/null; then
        echo "api-contract: the $name process died during the run; its log:" >&2
        tail -60 "$log" >&2
        exit 1
    fi
    if grep -qE "Fatal error|Segmentation fault|AddressSanitizer|Illegal instruction" "$log"; then
        echo "api-contract: the $name log reports a crash:" >&2
        grep -nE "Fatal error|Segmentation fault|AddressSanitizer|Illegal instruction" "$log" >&2
        exit 1
    fi
    curl -fsS -o /dev/null "$url/v1/healthcheck" || { echo "api-contract: $name no longer answers" >&2; exit 1; }
    [ "$status" = 0 ] || { echo "api-contract: schemathesis found failures against $name (see above)" >&2; failed+=("$name"); }
}
failed=()

# 1. tipline serve (SQLite, development keys, embedded CoverNode; the fast development mixing, so that dead drops
#    exist for the stateful links).
port="$(free_port)"
"$tipline" serve --data "$work/serve" --port "$port" --dev-mixing >"$work/serve.log" 2>&1 &
pids+=($!)
wait_healthy "http://127.0.0.1:$port" "$work/serve.log"
for _ in $(seq 1 300); do  # the ceremony keys are published right after the port opens, dead drops soon after
    [ -f "$work/serve/keys/.published" ] \
        && curl -fsS "http://127.0.0.1:$port/v1/user/dead-drops/recent-summary" 2>/dev/null | grep -q '"id"' && break
    sleep 0.1
done
contract serve "http://127.0.0.1:$port" "${pids[0]}" "$work/serve.log"

# 2. tipline api alone over PostgreSQL (a fresh database), with a ceremony's keys and a status published.
if [ -z "${TIPLINE_POSTGRES_URL:-}" ]; then
    eval "$(scripts/start-postgres.sh)"
    started_postgres=1
fi
database="tipline_contract_$$"
psql "$TIPLINE_POSTGRES_URL" -q -c "DROP DATABASE IF EXISTS $database" -c "CREATE DATABASE $database" >/dev/null
database_url="${TIPLINE_POSTGRES_URL%/*}/$database"
"$tipline" admin init --keys "$work/ceremony" >/dev/null
port="$(free_port)"
"$tipline" api --port "$port" --database "$database_url" --trust-anchors "$work/ceremony/trust-anchors.json" \
    >"$work/api.log" 2>&1 &
pids+=($!)
wait_healthy "http://127.0.0.1:$port" "$work/api.log"
"$tipline" admin publish --keys "$work/ceremony" --api-url "http://127.0.0.1:$port" >/dev/null
"$tipline" admin set-status AVAILABLE "contract test" --keys "$work/ceremony" --api-url "http://127.0.0.1:$port" \
    >/dev/null
contract api-postgres "http://127.0.0.1:$port" "${pids[1]}" "$work/api.log"
if [ ${#failed[@]} -gt 0 ]; then
    echo "api-contract: FAILED against ${failed[*]}" >&2
    exit 1
fi
echo "api-contract: passed (no 5xx, no contract violation, no crash)"
