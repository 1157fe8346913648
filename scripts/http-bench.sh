#!/usr/bin/env bash
# http-bench: the REST API of one node under load from a separate JVM on loopback
# (dev.blixard.launcher.bench.HttpBench): single submits, batch submits, a fixed rate of single submits for
# latency, and external workers claiming and completing jobs over HTTP.
#
# Usage: [BENCH_JAVA_OPTS=...] [NODE_JAVA_OPTS=...] scripts/http-bench.sh [--client java|wrk] [--runs N]
#            [--seconds S] [--warmup S] [--inflight N] [--batch N] [--rate N] [--workers N] [--worker-jobs N]
#   --client wrk: single and batch submits only, driven by Debian's wrk (scripts/lib/wrk-bench.py), which
#   leaves the node most of the two cores a JVM client would take; --rate and the workers are Java-only.
#   defaults: a warm-up of single and batch submits until the node's JIT compilers use less than a tenth of a
#   core (at most 300 s, --warmup), then 3 runs of 10 s per scenario, 64 requests in flight, batches
#   of 100, 2,000 submits/s for the latency part, 4 external workers draining 20,000 jobs.
# Needs launcher/target/blixard.jar (README's first command builds it). Starts a fresh node in a scratch
# directory and stops it (by its pid) at the end. Prints one JSON line, then a table.
set -euo pipefail

client=java
if [[ "${1:-}" == "--client" ]]; then
    client="${2:?--client needs java or wrk}"
    shift 2
fi
case "$client" in
    java) ;;
    wrk) command -v wrk > /dev/null || { echo "http-bench: wrk is not installed (apt-get install wrk)" >&2; exit 1; } ;;
    *) echo "http-bench: --client must be java or wrk, not '$client'" >&2; exit 1 ;;
esac

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/launcher/target/blixard.jar"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if [[ ! -f "$jar" ]]; then
    echo "http-bench: $jar is missing; build it first: mvn -B -q install -DskipTests" >&2
    exit 1
fi
# shellcheck source=lib/module-bench.sh
source "$root/scripts/lib/module-bench.sh"
classpath="$(module_bench_classpath launcher)"

work="$(mktemp -d "${TMPDIR:-/tmp}/blixard-http-bench.XXXXXX")"
node_pid=""
bench_pid=""
stop_all() {
    for pid in "$bench_pid" "$node_pid"; do
        if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
            kill "$pid"
            wait "$pid" || true
        fi
    done
    rm -rf "$work"
}
trap stop_all EXIT

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
read -r -a node_options <<< "${NODE_JAVA_OPTS:-}"
"$java" "${node_options[@]}" -jar "$jar" run --data-dir "$work/node" --http-port "$port" > "$work/node.out" 2>&1 &
node_pid=$!
for _ in $(seq 1 240); do
    [[ -s "$work/node/http.url" ]] && break
    if ! kill -0 "$node_pid" 2>/dev/null; then
        echo "http-bench: the node did not start:" >&2
        cat "$work/node.out" >&2
        exit 1
    fi
    sleep 0.5
done
[[ -s "$work/node/http.url" ]] || { echo "http-bench: the node did not answer within 2 minutes" >&2; exit 1; }

if [[ "$client" == wrk ]]; then
    python3 "$root/scripts/lib/wrk-bench.py" --url "$(cat "$work/node/http.url")" \
        --token-file "$work/node/admin.token" --node-pid "$node_pid" "$@" &
else
    read -r -a jvm_options <<< "${BENCH_JAVA_OPTS:-}"
    "$java" "${jvm_options[@]}" -cp "$classpath" dev.blixard.launcher.bench.HttpBench \
        --url "$(cat "$work/node/http.url")" --token-file "$work/node/admin.token" --node-pid "$node_pid" "$@" &
fi
bench_pid=$!
wait "$bench_pid"
