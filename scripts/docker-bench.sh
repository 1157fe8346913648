#!/usr/bin/env bash
# docker-bench: the docker backend's per-job overhead (submit to container removed, `true` in the busybox test
# image, one job at a time) and its jobs/s with 4 containers in flight (dev.blixard.backend.docker.DockerBackendBench),
# the backend component alone, without the queue.
#
# Usage: [BENCH_JAVA_OPTS=...] scripts/docker-bench.sh [--alone N] [--jobs N] [--runs N] [--concurrency N] [--host URI]
#   defaults: 30 jobs alone (after 3 warm-up jobs); then 3 runs of 40 jobs, 4 in flight; the test engine's socket.
# Uses the test engine of scripts/test-dockerd.sh: when it does not answer, starts it (as root) and stops it after.
# Compiles blixard.backend.docker's classes and test classes (after `mvn install -DskipTests` of its dependencies),
# then runs the benchmark. Prints one JSON line, then a table (progress goes to standard error).
set -euo pipefail
scripts="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

started=""
if ! "$scripts/test-dockerd.sh" status >/dev/null; then
    started=yes
fi
trap 'if [[ -n "$started" ]]; then "$scripts/test-dockerd.sh" stop >&2; fi' EXIT
"$scripts/test-dockerd.sh" start >&2 # starts it when needed, and makes sure the test image exists

# In a subshell: the shared runner sets an EXIT trap of its own.
(
    # shellcheck source=lib/module-bench.sh
    source "$scripts/lib/module-bench.sh"
    run_module_bench blixard.backend.docker dev.blixard.backend.docker.DockerBackendBench "$@"
)
