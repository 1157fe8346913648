#!/usr/bin/env bash
# Node startup benchmark.
#
# Runs RUNS cold starts of the packaged launcher, each with a fresh data directory, each followed by a warm
# start of the same directory (bundle cache and configuration kept). A start is timed from spawning
# `java -jar blixard.jar run` (JVM start included) to the first HTTP answer on the node's port; the node is then
# stopped with SIGTERM and awaited. The time until the node prints its banner (framework fully started) is
# shown in the table too.
#
# Usage: scripts/startup-bench.sh [RUNS]      (default 5; builds nothing: needs launcher/target/blixard.jar)
# Prints one JSON line, then a table.
set -euo pipefail

RUNS="${1:-5}"
if ! [[ "$RUNS" =~ ^[1-9][0-9]*$ ]]; then
    echo "usage: $0 [RUNS]   (RUNS: a positive number, default 5)" >&2
    exit 2
fi
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/launcher/target/blixard.jar"
if [[ ! -f "$JAR" ]]; then
    echo "$0: $JAR not found; build it first: mvn -B -q install -DskipTests -pl launcher" >&2
    exit 1
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
START_DEADLINE_MS=60000
STOP_DEADLINE_S=15

WORK="$(mktemp -d "${TMPDIR:-/tmp}/blixard-bench.XXXXXX")"
NODE_PID=""
cleanup() {
    if [[ -n "$NODE_PID" ]] && kill -0 "$NODE_PID" 2>/dev/null; then
        kill -KILL "$NODE_PID" 2>/dev/null || true
        wait "$NODE_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# A port nothing listens on, found by trying to connect (bash's /dev/tcp; no extra tools needed).
free_port() {
    local port
    for (( port = 17070 + RANDOM % 20000; ; port++ )); do
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return
        fi
    done
}

# True when the port answers an HTTP request with a status line.
answers_http() {
    local line
    exec 3<>"/dev/tcp/127.0.0.1/$1" || return 1
    printf 'HEAD / HTTP/1.0\r\n\r\n' >&3
    IFS= read -r -t 2 line <&3 || true
    exec 3<&- 3>&-
    [[ "$line" == HTTP/* ]]
}

# start_node DIR PORT LOG: starts a node, sets HTTP_MS and READY_MS, stops it again. Runs in this shell (not a
# subshell), so that the EXIT trap can always reach the node.
start_node() {
    local dir="$1" port="$2" log="$3" start elapsed status i
    HTTP_MS=""
    READY_MS=""
    start=$(now_ms)
    "$JAVA" -jar "$JAR" run --data-dir "$dir" --http-port "$port" >"$log" 2>&1 &
    NODE_PID=$!
    while :; do
        elapsed=$(( $(now_ms) - start ))
        if ! kill -0 "$NODE_PID" 2>/dev/null; then
            echo "the node exited before it was up; its output:" >&2
            cat "$log" >&2
            exit 1
        fi
        if (( elapsed > START_DEADLINE_MS )); then
            echo "the node was not up within $(( START_DEADLINE_MS / 1000 )) s; its output:" >&2
            cat "$log" >&2
            exit 1
        fi
        if [[ -z "$HTTP_MS" ]] && answers_http "$port" 2>/dev/null; then
            HTTP_MS=$elapsed
        fi
        if [[ -n "$HTTP_MS" ]] && grep -q '^  admin token  ' "$log"; then
            READY_MS=$elapsed
            break
        fi
        sleep 0.01
    done
    kill -TERM "$NODE_PID"
    for (( i = 0; i < STOP_DEADLINE_S * 20; i++ )); do
        kill -0 "$NODE_PID" 2>/dev/null || break
        sleep 0.05
    done
    if kill -0 "$NODE_PID" 2>/dev/null; then
        echo "the node did not stop within ${STOP_DEADLINE_S} s of SIGTERM" >&2
        exit 1
    fi
    status=0
    wait "$NODE_PID" || status=$?
    NODE_PID=""
    if (( status != 0 )); then
        echo "the node exited with status $status after SIGTERM; its output:" >&2
        cat "$log" >&2
        exit 1
    fi
}

median() {
    local sorted n
    sorted=($(printf '%s\n' "$@" | sort -n))
    n=${#sorted[@]}
    if (( n % 2 == 1 )); then
        echo "${sorted[$(( n / 2 ))]}"
    else
        echo $(( (sorted[n / 2 - 1] + sorted[n / 2]) / 2 ))
    fi
}

join() { local IFS=,; echo "$*"; }

cold=(); warm=(); cold_ready=(); warm_ready=()
for (( run = 1; run <= RUNS; run++ )); do
    dir="$WORK/node-$run"
    port=$(free_port)
    start_node "$dir" "$port" "$WORK/cold-$run.log"
    cold+=("$HTTP_MS"); cold_ready+=("$READY_MS")
    port=$(free_port)
    start_node "$dir" "$port" "$WORK/warm-$run.log"
    warm+=("$HTTP_MS"); warm_ready+=("$READY_MS")
done

echo "{\"benchmark\":\"startup\",\"runs\":$RUNS,\"cold_ms_median\":$(median "${cold[@]}"),\"warm_ms_median\":$(median "${warm[@]}"),\"cold_ms\":[$(join "${cold[@]}")],\"warm_ms\":[$(join "${warm[@]}")]}"
echo
printf '%-8s %18s %18s %22s %22s\n' "run" "cold: HTTP (ms)" "warm: HTTP (ms)" "cold: started (ms)" "warm: started (ms)"
for (( i = 0; i < RUNS; i++ )); do
    printf '%-8s %18s %18s %22s %22s\n' "$(( i + 1 ))" "${cold[$i]}" "${warm[$i]}" "${cold_ready[$i]}" "${warm_ready[$i]}"
done
printf '%-8s %18s %18s %22s %22s\n' "median" "$(median "${cold[@]}")" "$(median "${warm[@]}")" \
    "$(median "${cold_ready[@]}")" "$(median "${warm_ready[@]}")"
echo
echo "HTTP: spawn of 'java -jar blixard.jar run' to the first HTTP answer; started: to the node's banner."
