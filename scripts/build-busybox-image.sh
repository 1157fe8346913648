#!/usr/bin/env bash
# build-busybox-image: the docker backend's test image, made without a registry: a root filesystem of Debian's
# busybox-static (the binary and its applets as symbolic links, /etc/passwd with root and nobody, /tmp), tarred
# and imported with `docker import`. Does nothing when the image exists.
#
# Usage: [DOCKER_HOST=unix:///run/blixard-test-docker/docker.sock] scripts/build-busybox-image.sh [IMAGE]
#   IMAGE defaults to blixard/busybox:test. scripts/test-dockerd.sh start runs it against the test engine.
# Needs root (chroot), /usr/bin/busybox (busybox-static) and Debian's docker client (/usr/bin/docker).
set -euo pipefail

IMAGE="${1:-blixard/busybox:test}"
DOCKER=/usr/bin/docker   # Debian's client; another "docker" may come first on the PATH
BUSYBOX=/usr/bin/busybox

if "$DOCKER" image inspect "$IMAGE" >/dev/null 2>&1; then
    echo "build-busybox-image: $IMAGE is present"
    exit 0
fi
if [[ ! -x "$BUSYBOX" ]] || ldd "$BUSYBOX" >/dev/null 2>&1; then
    echo "build-busybox-image: $BUSYBOX must be the static build (Debian's busybox-static)" >&2
    exit 1
fi

ROOTFS="$(mktemp -d "${TMPDIR:-/tmp}/blixard-busybox.XXXXXX")"
trap 'rm -rf "$ROOTFS"' EXIT
mkdir -p "$ROOTFS"/{bin,sbin,usr/bin,usr/sbin,etc,tmp,dev,proc,sys,root,work}
chmod 1777 "$ROOTFS/tmp"
cp "$BUSYBOX" "$ROOTFS/bin/busybox"
# Inside a chroot, so that the applets' links point at /bin/busybox of the image, not at this temp folder.
chroot "$ROOTFS" /bin/busybox --install -s
cat > "$ROOTFS/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
EOF
cat > "$ROOTFS/etc/group" <<'EOF'
root:x:0:
nogroup:x:65534:
EOF

tar -C "$ROOTFS" --numeric-owner -cf - . | "$DOCKER" import --change 'CMD ["/bin/sh"]' - "$IMAGE" >/dev/null
echo "build-busybox-image: imported $IMAGE ($("$DOCKER" image inspect --format '{{.Size}}' "$IMAGE") bytes)"
