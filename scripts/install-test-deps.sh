#!/usr/bin/env bash
# Installs the Debian packages the test suite needs beyond Java 17 and Maven, as root (CI and these machines
# run as root; elsewhere run it with sudo). Packages already installed are left alone, so a second run needs
# no network.
#
#   chromium chromium-driver   the browser tests (integration/browser-tests) drive Debian's Chromium through
#                              Debian's ChromeDriver; Selenium cannot download a browser of its own here
#   bubblewrap util-linux      the local backend's sandbox (bwrap) and the setsid, setpriv and prlimit that wrap
#                              its jobs
#   perl                       the sandbox test's network probe
#   wabt                       the wasm backend assembles jobs given in the text format with wat2wasm (its tests
#                              write their modules that way)
#   clang lld wasi-libc libclang-rt-dev-wasm32
#                              scripts/build-test-wasm.sh builds the committed test modules from C with them
#   qemu-system-x86            the vm backend's tests boot a guest on QEMU (TCG); scripts/build-vm-guest.sh, run at
#                              the end, builds its busybox initramfs (busybox's own cpio) and fetches Debian's kernel
#   docker.io                  the docker backend's tests: scripts/test-dockerd.sh runs Debian's dockerd on a
#                              socket and data root of its own
#   busybox-static             the vm guest's initramfs, and the docker tests' image (scripts/build-busybox-image.sh
#                              imports a busybox rootfs: no registry is reachable)
#   iproute2 iptables          the cluster partition test (PartitionIT) puts each node in a network namespace of its
#                              own (ip netns, veth, a bridge) and cuts one off with iptables rules inside it
set -euo pipefail

PACKAGES=(chromium chromium-driver bubblewrap util-linux perl wabt clang lld wasi-libc libclang-rt-dev-wasm32
    qemu-system-x86 docker.io busybox-static iproute2 iptables)
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

missing=()
for package in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [[ ${#missing[@]} -eq 0 ]]; then
    echo "== test dependencies present: ${PACKAGES[*]}"
else
    if [[ $(id -u) -ne 0 ]]; then
        echo "install-test-deps: these packages are missing and installing them needs root: ${missing[*]}" >&2
        echo "install-test-deps: run 'sudo $0' once, then the tests" >&2
        exit 1
    fi
    echo "== installing the test dependencies: ${missing[*]}"
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi
# The vm backend's test guest (kernel + initrd) in the user's cache; nothing to do when it is built.
"$root/scripts/build-vm-guest.sh"
