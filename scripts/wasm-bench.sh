#!/usr/bin/env bash
# wasm-bench: the wasm backend's runs/s and per-run overhead with a tiny cached WASI module, the cold cost of a
# module (instrumenting and compiling the C test programs), and a CPU-bound C program as metered wasm, as wasm
# without the instrumentation, and compiled natively (dev.blixard.backend.wasm.WasmBackendBench), the backend
# component alone, without the queue.
#
# Usage: [BENCH_JAVA_OPTS=...] scripts/wasm-bench.sh [--jobs N] [--runs N] [--concurrency N] [--alone N] [--primes N]
#   defaults: 5,000 runs per round, 3 rounds, twice the CPUs in flight; then 500 runs one at a time; primes
#   below 3,000,000 for the CPU-bound program.
# Compiles blixard.backend.wasm's classes and test classes (after `mvn install -DskipTests` of its
# dependencies), then runs the benchmark. Needs wabt's wat2wasm and clang (the native build of
# src/test/wasm/cpu_bench.c); the wasm modules are the committed ones (scripts/build-test-wasm.sh).
# Prints one JSON line, then a table (progress goes to standard error).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
wasm="$root/blixard.backend.wasm"
# The engine's JNI library under the name System.loadLibrary looks for, where the build unpacked it (pom.xml).
export BENCH_JAVA_OPTS="-Djava.library.path=$wasm/target/classes/lib/linux-x86_64 ${BENCH_JAVA_OPTS:-}"

# shellcheck source=lib/module-bench.sh
source "$root/scripts/lib/module-bench.sh"
run_module_bench blixard.backend.wasm dev.blixard.backend.wasm.WasmBackendBench \
    --modules "$wasm/src/test/resources/wasm" --sources "$wasm/src/test/wasm" "$@"
