#!/usr/bin/env bash
# queue-bench: one node's job throughput and claim latency (dev.blixard.core.bench.QueueBench): the real
# store, the queue with the built-in validators, the worker agent and the mock backend at zero latency, in
# one JVM as a node runs them.
#
# Usage: [BENCH_JAVA_OPTS=...] scripts/queue-bench.sh [--jobs N] [--runs N] [--warmup-runs N] [--batch N]
#                                                     [--submitters N] [--capacity N] [--max-claim N]
#                                                     [--pending N] [--claims N] [--claim-rounds N]
#                                                     [--phases separate|together]
#   defaults: 100,000 jobs in batches of 1,000 from one submitting thread, 1 untimed warm-up run, then 3 timed
#   runs; the agent (capacity 1,024, claims of at most 1,000) starts once every job is in (--phases together
#   starts it first, so that it runs while the jobs arrive); then 1,000,000 jobs pending
#   and 3 rounds of 2,000 timed claims, after a warm-up of the claim path until its JIT compilers are quiet
#   (at most 60 s); each round starts with exactly that many jobs pending. --pending 0 skips that part.
# Compiles blixard.core's classes and test classes (after `mvn install -DskipTests` of its dependencies),
# then runs the benchmark. Prints one JSON line, then a table (progress goes to standard error).
set -euo pipefail

# shellcheck source=lib/module-bench.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/module-bench.sh"
run_module_bench blixard.core dev.blixard.core.bench.QueueBench "$@"
