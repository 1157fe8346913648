#!/usr/bin/env bash
# store-bench: write throughput and latency of blixard.store (Raft-replicated SQLite), on one member and on
# three members on loopback, each member in a JVM of its own (dev.blixard.store.bench.StoreBench).
#
# Usage: scripts/store-bench.sh [--nodes 1,3] [--writers 64,1] [--runs N] [--jit-warmup-s N] [--warmup-s N]
#                               [--measure-s N] [--rows N] [--jvm OPTION]...
#   defaults: groups of 1 and of 3 members; 64 writers, then 1 writer; 3 runs of each; a 120 s JIT warm-up per
#   group, then 5 s warm-up and 10 s measured per run; 1,000,000 rows stored for the heap figure (0 skips it).
# Compiles blixard.store's classes and test classes (no install needed), then runs the benchmark.
# Prints one JSON line, then a table (progress goes to standard error). Takes about 10 minutes.
set -euo pipefail

# shellcheck source=lib/module-bench.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/module-bench.sh"
run_module_bench blixard.store dev.blixard.store.bench.StoreBench "$@"
