# Shared by the benchmark scripts: compile a module with its test classes, then run a benchmark main class
# from them in a JVM of its own, with a scratch directory that is removed afterwards (also on Ctrl-C).
#
# Usage (sourced): run_module_bench MODULE MAIN_CLASS [BENCH ARGUMENTS]...
#                  module_bench_classpath MODULE   (prints the class path; for scripts that run the JVM themselves)
# Options for the benchmark's own JVM come from BENCH_JAVA_OPTS (for example "-Xmx512m").

module_bench_classpath() {
    local root module classpath_file
    root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
    module="$root/$1"
    classpath_file="$module/target/bench.classpath"
    (cd "$root" && mvn -B -q -pl "$(basename "$module")" test-compile dependency:build-classpath \
        -Dmdep.outputFile="$classpath_file" -Dmdep.includeScope=test) >&2
    echo "$module/target/test-classes:$module/target/classes:$(cat "$classpath_file")"
}

run_module_bench() {
    local module main classpath java
    module="$1"
    main="$2"
    shift 2
    java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
    local jvm_options=()
    read -r -a jvm_options <<< "${BENCH_JAVA_OPTS:-}"
    classpath="$(module_bench_classpath "$module")"

    BENCH_WORK="$(mktemp -d "${TMPDIR:-/tmp}/blixard-bench.XXXXXX")"
    # Searchable by others: the local backend's sandbox runs jobs as an unprivileged uid below it.
    chmod 755 "$BENCH_WORK"
    BENCH_PID=""
    trap 'if [[ -n "$BENCH_PID" ]] && kill -0 "$BENCH_PID" 2>/dev/null; then kill "$BENCH_PID"; wait "$BENCH_PID" || true; fi; rm -rf "$BENCH_WORK"' EXIT

    "$java" "${jvm_options[@]}" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$classpath" \
        "$main" --dir "$BENCH_WORK" "$@" &
    BENCH_PID=$!
    wait "$BENCH_PID"
}
