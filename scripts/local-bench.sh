#!/usr/bin/env bash
# local-bench: the local backend's jobs/s and per-job overhead with `true`, without and with the bubblewrap
# sandbox (dev.blixard.backend.local.LocalBackendBench), the backend component alone, without the queue.
#
# Usage: [BENCH_JAVA_OPTS=...] scripts/local-bench.sh [--jobs N] [--runs N] [--concurrency N] [--alone N]
#   defaults: 2,000 jobs per run, 3 runs, 16 in flight; then 200 jobs one at a time for the overhead.
# Compiles blixard.backend.local's classes and test classes (after `mvn install -DskipTests` of its
# dependencies), then runs the benchmark. Prints one JSON line, then a table (progress goes to standard error).
set -euo pipefail

# shellcheck source=lib/module-bench.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/module-bench.sh"
run_module_bench blixard.backend.local dev.blixard.backend.local.LocalBackendBench "$@"
