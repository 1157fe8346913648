#!/usr/bin/env bash
# cluster: a Blixard cluster of N nodes on this machine, for trying cluster mode and for benchmarks.
#
# Usage: scripts/cluster.sh start|stop|status [--nodes N] [--dir DIR] [--http-base P] [--raft-base P]
#   start   starts nodes n1..nN (default 3), each with its own data directory DIR/nI (default DIR:
#           ./blixard-cluster), HTTP port P+I (default 7070+I: 7071-7073) and Raft port P+I (default 9000+I:
#           9001-9003), all on 127.0.0.1; writes DIR/nI.pid and DIR/nI.out, then waits until every node
#           reports a leader (GET /api/health 200 with its own admin token).
#   status  shows each node of DIR (every DIR/nI/) with its process and its `blixard cluster` view.
#   stop    stops every node of DIR by its pid file: SIGTERM, then SIGKILL after 20 s.
# NODE_JAVA_OPTS are passed to every node's JVM (e.g. "-Xmx512m"); BLIXARD_JAR overrides the jar.
# The client on this machine reaches node I with `bin/blixard --data-dir DIR/nI COMMAND`.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="${BLIXARD_JAR:-$root/launcher/target/blixard.jar}"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

usage() {
    sed -n '3,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

[[ $# -ge 1 ]] || usage
action="$1"
shift
nodes=3
dir="blixard-cluster"
http_base=7070
raft_base=9000
while [[ $# -gt 0 ]]; do
    case "$1" in
        --nodes) nodes="${2:?--nodes needs a number}"; shift 2 ;;
        --dir) dir="${2:?--dir needs a directory}"; shift 2 ;;
        --http-base) http_base="${2:?--http-base needs a port}"; shift 2 ;;
        --raft-base) raft_base="${2:?--raft-base needs a port}"; shift 2 ;;
        -h|--help) usage ;;
        *) echo "cluster: unknown option '$1'" >&2; usage ;;
    esac
done
[[ "$nodes" =~ ^[1-9][0-9]?$ ]] || { echo "cluster: --nodes must be a number from 1 to 99" >&2; exit 2; }
if [[ "$action" == start ]]; then
    mkdir -p "$dir"
elif [[ ! -d "$dir" ]]; then
    echo "cluster: no cluster in $dir (start one with: scripts/cluster.sh start --dir $dir)" >&2
    exit 1
fi
dir="$(cd "$dir" && pwd)"

# The pid of node I if it runs, else nothing.
running_pid() {
    local file="$dir/n$1.pid" pid
    [[ -f "$file" ]] || return 0
    pid="$(cat "$file")"
    if kill -0 "$pid" 2>/dev/null; then
        echo "$pid"
    fi
}

health_status() {
    local i="$1" token
    token="$(cat "$dir/n$i/admin.token" 2>/dev/null)" || { echo 000; return; }
    curl -s -o /dev/null -w '%{http_code}' --max-time 2 -H "Authorization: Bearer $token" \
        "http://127.0.0.1:$((http_base + i))/api/health" || true
}

start() {
    [[ -f "$jar" ]] || { echo "cluster: $jar is missing; build it: mvn -B -q install -DskipTests" >&2; exit 1; }
    local peers="" i
    for i in $(seq 1 "$nodes"); do
        peers+="${peers:+,}n$i=127.0.0.1:$((raft_base + i))"
    done
    local node_options=()
    read -r -a node_options <<< "${NODE_JAVA_OPTS:-}"
    for i in $(seq 1 "$nodes"); do
        if [[ -n "$(running_pid "$i")" ]]; then
            echo "cluster: n$i already runs (pid $(running_pid "$i")); stop it first" >&2
            exit 1
        fi
        # setsid: the nodes outlive this script and its terminal; they are stopped with 'stop'.
        setsid "$java" "${node_options[@]}" -jar "$jar" run --node-id "n$i" --data-dir "$dir/n$i" \
            --http-port "$((http_base + i))" --peers "$peers" > "$dir/n$i.out" 2>&1 < /dev/null &
        echo $! > "$dir/n$i.pid"
        echo "n$i: pid $!, http://127.0.0.1:$((http_base + i)), raft 127.0.0.1:$((raft_base + i)), data $dir/n$i"
    done
    local deadline=$((SECONDS + 120)) ready
    while true; do
        ready=0
        for i in $(seq 1 "$nodes"); do
            if [[ -z "$(running_pid "$i")" ]]; then
                echo "cluster: n$i exited; its output:" >&2
                tail -n 30 "$dir/n$i.out" >&2
                exit 1
            fi
            [[ "$(health_status "$i")" == 200 ]] && ready=$((ready + 1))
        done
        [[ "$ready" -eq "$nodes" ]] && break
        if [[ $SECONDS -ge $deadline ]]; then
            echo "cluster: only $ready of $nodes nodes ready after 120 s; see $dir/n*.out" >&2
            exit 1
        fi
        sleep 0.5
    done
    echo "cluster: $nodes nodes ready"
}

# The numbers I of the nodes DIR holds (a directory nI/ or a pid file nI.pid), whatever --nodes says.
known_nodes() {
    local entry
    for entry in "$dir"/n*; do
        entry="${entry##*/n}"
        entry="${entry%.pid}"
        [[ "$entry" =~ ^[0-9]+$ ]] && echo "$entry"
    done | sort -nu
}

status() {
    local i pid
    for i in $(known_nodes); do
        pid="$(running_pid "$i")"
        if [[ -z "$pid" ]]; then
            echo "== n$i: not running"
            continue
        fi
        echo "== n$i: pid $pid"
        "$java" -jar "$jar" cluster --data-dir "$dir/n$i" || true
    done
}

stop() {
    local i pid pids=()
    for i in $(known_nodes); do
        pid="$(running_pid "$i")"
        if [[ -n "$pid" ]]; then
            kill -TERM "$pid"
            pids+=("$pid")
        fi
        rm -f "$dir/n$i.pid"
    done
    local deadline=$((SECONDS + 20))
    for pid in "${pids[@]}"; do
        while kill -0 "$pid" 2>/dev/null && [[ $SECONDS -lt $deadline ]]; do
            sleep 0.2
        done
        if kill -0 "$pid" 2>/dev/null; then
            echo "cluster: pid $pid did not stop within 20 s; killing it" >&2
            kill -KILL "$pid" 2>/dev/null || true
        fi
    done
    echo "cluster: stopped ${#pids[@]} node(s)"
}

case "$action" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    *) echo "cluster: unknown action '$action' (start, stop or status)" >&2; usage ;;
esac
