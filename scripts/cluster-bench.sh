#!/usr/bin/env bash
# cluster-bench: three nodes on this machine, each running the mock backend at zero latency
# (dev.blixard.integration.cluster.ClusterBench in integration/cluster-tests): end-to-end jobs/s through the
# cluster, single-submit latency through any node, and the failover time after the leader is killed with
# SIGKILL (the killed node is restarted before the next run).
#
# Usage: [BENCH_JAVA_OPTS=...] scripts/cluster-bench.sh [--runs N] [--jobs N] [--batch N] [--clients N]
#            [--submits N] [--submit-clients N] [--warmup-s N]
#   defaults: 3 runs of 10,000 jobs submitted in batches of 100 by 4 client threads, 2,000 single submits
#   from 8 threads; before each run, rounds of 5,000 jobs until the nodes' JIT compilers are quiet (at most
#   300 s, --warmup-s 0 for none).
# Needs launcher/target/blixard.jar (README's first command builds it). The nodes run in a scratch directory
# and are stopped (SIGTERM, by their process handles) at the end. Prints one JSON line, then a table.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/launcher/target/blixard.jar"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if [[ ! -f "$jar" ]]; then
    echo "cluster-bench: $jar is missing; build it first: mvn -B -q install -DskipTests" >&2
    exit 1
fi
module="$root/integration/cluster-tests"
classpath_file="$module/target/bench.classpath"
# test-support in the same reactor, so the benchmark runs against this checkout's helpers, not a stale jar.
(cd "$root" && mvn -B -q -pl integration/test-support,integration/cluster-tests test-compile \
    dependency:build-classpath -Dmdep.outputFile="$classpath_file" -Dmdep.includeScope=test) >&2

work="$(mktemp -d "${TMPDIR:-/tmp}/blixard-cluster-bench.XXXXXX")"
bench_pid=""
stop_all() {
    if [[ -n "$bench_pid" ]] && kill -0 "$bench_pid" 2>/dev/null; then
        kill "$bench_pid"
        wait "$bench_pid" || true
    fi
    rm -rf "$work"
}
trap stop_all EXIT

read -r -a jvm_options <<< "${BENCH_JAVA_OPTS:-}"
echo "load before: $(uptime)" >&2
"$java" "${jvm_options[@]}" -cp "$module/target/test-classes:$(cat "$classpath_file")" \
    dev.blixard.integration.cluster.ClusterBench --dir "$work" --jar "$jar" "$@" &
bench_pid=$!
wait "$bench_pid"
echo "load after: $(uptime)" >&2
