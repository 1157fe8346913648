#!/usr/bin/env bash
# vm-bench: the vm backend's boot-to-result time of the test guest (a job running `true` in a VM of its own, one
# at a time: submit to final status) and the memory of each VM (the QEMU process's VmHWM), medians of 5 runs
# (dev.blixard.backend.vm.VmBackendBench), the backend component alone, without the queue.
#
# Usage: [BENCH_JAVA_OPTS=...] scripts/vm-bench.sh [--runs N] [--memory-mb N] [--kvm never|auto] [--guest DIR]
#   defaults: 5 runs, 256 MiB guests, software emulation (QEMU TCG), the guest scripts/build-vm-guest.sh builds
#   in ${XDG_CACHE_HOME:-$HOME/.cache}/blixard/vm-guest.
# Compiles blixard.backend.vm's classes and test classes (after `mvn install -DskipTests` of its dependencies),
# then runs the benchmark. The machine should be otherwise idle: TCG boots take all the CPU they get.
# Prints one JSON line, then a table (progress goes to standard error).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
guest="${XDG_CACHE_HOME:-$HOME/.cache}/blixard/vm-guest"

# shellcheck source=lib/module-bench.sh
source "$root/scripts/lib/module-bench.sh"
run_module_bench blixard.backend.vm dev.blixard.backend.vm.VmBackendBench --guest "$guest" "$@"
