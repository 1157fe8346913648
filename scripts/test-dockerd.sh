#!/usr/bin/env bash
# test-dockerd: a Docker engine of the tests' own (Debian's docker.io), beside any system one: its own socket,
# data root, exec root, pidfile and daemon config, so it neither needs nor touches /var/run/docker.sock.
#
# Usage: scripts/test-dockerd.sh start|stop|status
#   start   starts dockerd as root (unless its socket already answers), waits until it answers, then makes sure
#           the test image exists (scripts/build-busybox-image.sh); prints the socket path
#   stop    stops the dockerd this script started, by the pid in its pidfile (TERM, then KILL after 30 s), with
#           the containerd it runs and every container still in it
#   status  exit 0 when the socket answers (and prints the engine's version), 1 when not
#
# Where (environment, with the defaults the docker backend's tests expect, see blixard.backend.docker/pom.xml):
#   BLIXARD_TEST_DOCKER_RUN   /run/blixard-test-docker      socket docker.sock, pidfile, exec root, log, config
#   BLIXARD_TEST_DOCKER_DATA  /var/lib/blixard-test-docker  images and containers (kept between runs, so the
#                                                           image is built once)
#
# No iptables and no bridge: the machines this runs on may lack the kernel modules or the privileges for them,
# and the backend's containers run with network "none" by default (only "lo"); "host" still works. Storage is
# the engine's default (overlay2 here). dockerd runs a containerd of its own under the exec root, or uses a
# system containerd when one runs: then namespaces of its own keep its containers apart from a system dockerd's.
set -euo pipefail

RUN_DIR="${BLIXARD_TEST_DOCKER_RUN:-/run/blixard-test-docker}"
DATA_DIR="${BLIXARD_TEST_DOCKER_DATA:-/var/lib/blixard-test-docker}"
SOCKET="$RUN_DIR/docker.sock"
PIDFILE="$RUN_DIR/dockerd.pid"
LOG="$RUN_DIR/dockerd.log"
DOCKER=/usr/bin/docker   # Debian's client; another "docker" may come first on the PATH
DOCKERD=/usr/sbin/dockerd
START_WAIT_S=60
STOP_WAIT_S=30

answers() {
    "$DOCKER" -H "unix://$SOCKET" version --format '{{.Server.Version}}' >/dev/null 2>&1
}

is_dockerd() {
    [[ "$(cat "/proc/$1/comm" 2>/dev/null)" == dockerd ]]
}

start() {
    if answers; then
        echo "test-dockerd: already answering on $SOCKET"
    else
        if [[ $(id -u) -ne 0 ]]; then
            echo "test-dockerd: dockerd must run as root (run 'sudo $0 start')" >&2
            exit 1
        fi
        if [[ ! -x "$DOCKERD" ]]; then
            echo "test-dockerd: $DOCKERD is missing: install Debian's docker.io (scripts/install-test-deps.sh)" >&2
            exit 1
        fi
        mkdir -p "$RUN_DIR/exec" "$DATA_DIR"
        chmod 755 "$RUN_DIR" # the socket itself is root:docker 660
        # An empty daemon config: the system's /etc/docker/daemon.json (hosts, data-root) must not apply here.
        echo '{}' > "$RUN_DIR/daemon.json"
        # Left by an engine that died: dockerd refuses to start while its pidfile names a running process.
        if [[ -s "$PIDFILE" ]] && ! is_dockerd "$(cat "$PIDFILE")"; then
            rm -f "$PIDFILE"
        fi
        rm -f "$SOCKET"
        # setsid: the engine outlives this script (and a Ctrl-C in the terminal that started it) until 'stop'.
        setsid "$DOCKERD" --host "unix://$SOCKET" --data-root "$DATA_DIR" --exec-root "$RUN_DIR/exec" \
            --pidfile "$PIDFILE" --config-file "$RUN_DIR/daemon.json" \
            --iptables=false --ip6tables=false --ip-forward=false --ip-masq=false --bridge=none \
            --userland-proxy=false --containerd-namespace blixard-test \
            --containerd-plugins-namespace blixard-test-plugins </dev/null >"$LOG" 2>&1 &
        local launched=$! deadline=$((SECONDS + START_WAIT_S))
        until answers; do
            if ! kill -0 "$launched" 2>/dev/null; then
                echo "test-dockerd: dockerd exited while starting; its log ($LOG):" >&2
                tail -n 30 "$LOG" >&2
                exit 1
            fi
            if ((SECONDS >= deadline)); then
                echo "test-dockerd: dockerd did not answer on $SOCKET within ${START_WAIT_S} s; its log ($LOG):" >&2
                tail -n 30 "$LOG" >&2
                kill "$launched" 2>/dev/null || true
                exit 1
            fi
            sleep 0.2
        done
        echo "test-dockerd: dockerd $("$DOCKER" -H "unix://$SOCKET" version --format '{{.Server.Version}}') (pid $launched) answers on $SOCKET"
    fi
    DOCKER_HOST="unix://$SOCKET" "$(dirname "${BASH_SOURCE[0]}")/build-busybox-image.sh"
}

stop() {
    if [[ ! -s "$PIDFILE" ]]; then
        echo "test-dockerd: no pidfile $PIDFILE: not started by this script (or already stopped)"
        return 0
    fi
    local pid
    pid=$(cat "$PIDFILE")
    if ! is_dockerd "$pid"; then
        echo "test-dockerd: pid $pid from $PIDFILE is not a running dockerd; removing the stale pidfile"
        rm -f "$PIDFILE"
        return 0
    fi
    kill -TERM "$pid"
    local deadline=$((SECONDS + STOP_WAIT_S))
    while kill -0 "$pid" 2>/dev/null; do
        if ((SECONDS >= deadline)); then
            echo "test-dockerd: dockerd $pid still runs ${STOP_WAIT_S} s after SIGTERM; sending SIGKILL" >&2
            kill -KILL "$pid" 2>/dev/null || true
            deadline=$((SECONDS + STOP_WAIT_S))
        fi
        sleep 0.2
    done
    rm -f "$PIDFILE"
    echo "test-dockerd: dockerd $pid stopped"
}

status() {
    if answers; then
        echo "test-dockerd: dockerd $("$DOCKER" -H "unix://$SOCKET" version --format '{{.Server.Version}}') answers on $SOCKET"
    else
        echo "test-dockerd: nothing answers on $SOCKET"
        return 1
    fi
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    *)
        echo "usage: $0 start|stop|status" >&2
        exit 2
        ;;
esac
