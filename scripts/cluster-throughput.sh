#!/usr/bin/env bash
# Throughput of a three-node Holler cluster against one node, on this machine, with the same broker and database.
#
#   scripts/cluster-throughput.sh [rates…]          e.g. scripts/cluster-throughput.sh 1000 2000 4000 8000
#
# For each topology (1 node, then 3 nodes with ingest,tracker,leaderboard on loopback) it starts a fresh
# `holler kafka-dev` broker and a fresh PostgreSQL database, then offers the given rates one after another
# (STEP_SECONDS each, `holler generate`) and reads what the nodes applied from their status lines (printed every 10 s).
# Per step it prints the offered rate and the applied events/s summed over the nodes (the best 10-s window of each
# node during the step). The ratio of the two topologies' highest applied rates is the cluster's speed-up here.
#
# Needs: a Release build (./build.sh build), PostgreSQL on loopback with a role that may create databases
# (`.ci/postgres-up` makes one; override with PGHOST, PGPORT, PGUSER, PGPASSWORD), psql.
# Settings: BUSINESSES (default 20000), STEP_SECONDS (default 30), OUT (folder for logs, default a temp folder).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HOLLER="$ROOT/Holler.Host/bin/Release/net10.0/holler.dll"
[ -f "$HOLLER" ] || { echo "cluster-throughput: build first (./build.sh build)" >&2; exit 1; }

RATES=("$@")
[ ${#RATES[@]} -gt 0 ] || RATES=(1000 2000 4000 8000)
BUSINESSES="${BUSINESSES:-20000}"
STEP_SECONDS="${STEP_SECONDS:-30}"
OUT="${OUT:-$(mktemp -d /tmp/holler-cluster-throughput.XXXXXX)}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-holler_test}" PGPASSWORD="${PGPASSWORD:-holler_test}"

PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

# A port nothing listens on now (checked with bash's /dev/tcp).
free_port() {
    local port
    while true; do
        port="$(shuf -i 20000-40000 -n 1)"
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
    done
}

# Sums, over "log:line" pairs, each node's highest "applied/s" among the status lines it wrote after that line.
applied_rate() {
    local total=0 pair log from best
    for pair in "$@"; do
        log="${pair%:*}"; from="${pair##*:}"
        best="$(tail -n +"$((from + 1))" "$log" | grep '^ingest:' | sed -E 's/.*consumed\/s +([0-9,]+) applied\/s.*/\1/' | tr -d , | sort -n | tail -n 1)"
        total=$((total + ${best:-0}))
    done
    echo "$total"
}

run_topology() {
    local nodes="$1" db="holler_bench_$$_$1"
    local dir="$OUT/nodes-$nodes"
    mkdir -p "$dir"
    psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
    export HOLLER_PERSISTENCE__CONNECTIONSTRING="Host=$PGHOST;Port=$PGPORT;Username=$PGUSER;Password=$PGPASSWORD;Database=$db"

    dotnet "$HOLLER" kafka-dev >"$dir/broker.out" 2>"$dir/broker.err" &
    PIDS+=($!)
    local broker_pid=$!
    for _ in $(seq 1 120); do [ -s "$dir/broker.out" ] && break; sleep 0.5; done
    local bootstrap; bootstrap="$(head -n 1 "$dir/broker.out")"

    local seed_port; seed_port="$(free_port)"
    local seed="akka.tcp://holler@127.0.0.1:$seed_port"
    local logs=() node_pids=()
    for i in $(seq 1 "$nodes"); do
        local port=0; [ "$i" -eq 1 ] && port="$seed_port"
        dotnet "$HOLLER" run --roles ingest,tracker,leaderboard --port "$port" --seed-nodes "$seed" \
            --kafka "$bootstrap" --generator false --businesses "$BUSINESSES" --persistence postgres \
            --data "$dir/data$i" --operator-port 0 --set Leaderboard:Console=false --set Kafka:SessionTimeoutMs=6000 \
            >"$dir/node$i.out" 2>"$dir/node$i.err" &
        PIDS+=($!); node_pids+=($!)
        logs+=("$dir/node$i.err")
    done
    for log in "${logs[@]}"; do
        for _ in $(seq 1 240); do grep -q '^Holler node up' "$log" && break; sleep 0.5; done
        grep -q '^Holler node up' "$log" || { echo "cluster-throughput: a node did not start, see $log" >&2; exit 1; }
    done

    for rate in "${RATES[@]}"; do
        local marks=()
        for log in "${logs[@]}"; do marks+=("$log:$(wc -l <"$log")"); done
        dotnet "$HOLLER" generate --bootstrap "$bootstrap" --rate "$rate" --businesses "$BUSINESSES" \
            --duration "${STEP_SECONDS}s" --surge-every 0 >"$dir/generate-$rate.out" 2>&1 || true
        printf '%-8s %8s %10s\n' "$nodes" "$rate" "$(applied_rate "${marks[@]}")"
    done

    for pid in "${node_pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${node_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    kill -TERM "$broker_pid" 2>/dev/null || true
    wait "$broker_pid" 2>/dev/null || true
    PIDS=()
    psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"
}

echo "businesses $BUSINESSES, $STEP_SECONDS s per step, logs in $OUT"
printf '%-8s %8s %10s\n' nodes offered applied/s
run_topology 1
run_topology 3
