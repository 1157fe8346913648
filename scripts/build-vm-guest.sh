#!/usr/bin/env bash
# build-vm-guest: the small guest the vm backend's tests and benchmark boot: Debian's stock kernel (from the
# linux-image-*-amd64 package, fetched with apt-get download and unpacked with dpkg-deb -x, nothing installed)
# and a busybox-static initramfs whose /init speaks the backend's guest protocol (see GUEST PROTOCOL below).
#
# Usage: scripts/build-vm-guest.sh [DIR]
#   DIR defaults to ${XDG_CACHE_HOME:-$HOME/.cache}/blixard/vm-guest and receives vmlinuz, vmlinux and
#   initrd.img (kernel modules are not needed: the guest uses only built-in drivers: serial, virtio-blk, ACPI).
#   vmlinux is the same kernel uncompressed, an ELF file with a PVH entry point: QEMU boots it directly, without
#   firmware and without the kernel decompressing itself, which under TCG cuts a boot from about 7 s to about
#   3 s; Firecracker and Cloud Hypervisor want this form too.
# Idempotent: when both files are there and the init script is unchanged, it does nothing and needs no
# network. Needs busybox-static (scripts/install-test-deps.sh installs it) and apt for the kernel.
#
# GUEST PROTOCOL (what blixard.backend.vm appends to this initrd as a second newc archive, or gives on a
# config disk whose content is that archive):
#   /blixard/nonce   a per-job random word; /init reads it and deletes it before the job runs
#   (from a config disk, /dev/vdb, the archive is unpacked under /tmp: a root file system may be read-only)
#   /blixard/run     a shell script: the job's environment and command
#   /blixard/ports   present when ttyS1 and ttyS2 are the job's stdout and stderr (else both go to the console)
# /init prints "BLIXARD <nonce> started" and "BLIXARD <nonce> exit <code>" on the console (ttyS0), then
# reboots, which ends a VMM started with -no-reboot (QEMU) and is what Firecracker expects of a guest.
set -euo pipefail

out="${1:-${XDG_CACHE_HOME:-$HOME/.cache}/blixard/vm-guest}"
busybox=/bin/busybox
[[ -x "$busybox" ]] || busybox=/usr/bin/busybox

read -r -d '' init_script <<'INIT' || true
#!/bin/sh
# Blixard test guest init: mounts the kernel file systems, runs the job from /blixard, reports its exit code
# on the console with the job's nonce, and reboots (the VMM exits on it).
export PATH=/bin:/sbin:/usr/bin:/usr/sbin HOME=/root TMPDIR=/tmp
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mount -t tmpfs tmpfs /tmp
job=/blixard
# Booted from a (read-only) root file system instead of this initrd: the job comes on a config disk holding
# the same archive, unpacked into /tmp.
if [ ! -f $job/nonce ] && [ -b /dev/vdb ]; then
    (cd /tmp && cpio -id < /dev/vdb 2>/dev/null)
    job=/tmp/blixard
fi
if [ ! -f $job/nonce ]; then
    echo "blixard guest: no job found (/blixard/nonce)" > /dev/console
    reboot -f
fi
nonce=$(cat $job/nonce)
rm -f $job/nonce
out=/dev/console
err=/dev/console
if [ -f $job/ports ] && [ -c /dev/ttyS1 ] && [ -c /dev/ttyS2 ]; then
    out=/dev/ttyS1
    err=/dev/ttyS2
    # Bytes as the job wrote them: no CR added to each LF, no echo.
    stty -F /dev/ttyS1 raw -echo 2>/dev/null
    stty -F /dev/ttyS2 raw -echo 2>/dev/null
fi
echo "BLIXARD $nonce started" > /dev/console
cd /root 2>/dev/null || cd /
sh $job/run > "$out" 2> "$err" < /dev/null
code=$?
echo "BLIXARD $nonce exit $code" > /dev/console
sync
reboot -f
INIT

if [[ -s "$out/vmlinuz" && -s "$out/vmlinux" && -s "$out/initrd.img" && -f "$out/init" ]] && [[ "$(cat "$out/init")" == "$init_script" ]]; then
    echo "== vm guest present: $out"
    exit 0
fi
if [[ ! -x "$busybox" ]]; then
    echo "build-vm-guest: busybox-static is missing: run scripts/install-test-deps.sh (as root)" >&2
    exit 1
fi

mkdir -p "$out"
work="$(mktemp -d "${TMPDIR:-/tmp}/blixard-vm-guest.XXXXXX")"
trap 'rm -rf "$work"' EXIT

if [[ ! -s "$out/vmlinuz" ]]; then
    # The metapackage names the current kernel package; download that one (no root needed).
    kernel_package="$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-[0-9]/ {print $2; exit}')"
    if [[ -z "$kernel_package" ]]; then
        echo "build-vm-guest: apt knows no linux-image-amd64 (run apt-get update?)" >&2
        exit 1
    fi
    echo "== downloading $kernel_package"
    (cd "$work" && apt-get download "$kernel_package" >&2)
    dpkg-deb -x "$work"/linux-image-*.deb "$work/kernel"
    cp "$(ls "$work"/kernel/boot/vmlinuz-* | head -n 1)" "$out/vmlinuz.tmp"
    mv "$out/vmlinuz.tmp" "$out/vmlinuz"
fi

if [[ ! -s "$out/vmlinux" ]]; then
    # A bzImage is a small decompressor followed by the compressed ELF kernel: find the payload by its magic
    # (Debian compresses with xz; zstd and gzip are tried too) and decompress it. The decompressor stops at the
    # end of its stream and complains about the bytes after it, hence the ignored status and the ELF check.
    echo "== extracting the uncompressed kernel (vmlinux)"
    for format in 'xz:\xfd7zXZ\x00' 'zstd:\x28\xb5\x2f\xfd' 'gzip:\x1f\x8b\x08'; do
        tool="${format%%:*}"
        offset="$(LC_ALL=C grep -obUaP "${format#*:}" "$out/vmlinuz" | head -n 1 | cut -d: -f1 || true)"
        [[ -n "$offset" ]] || continue
        tail -c +"$((offset + 1))" "$out/vmlinuz" | "$tool" -dc > "$out/vmlinux.tmp" 2>/dev/null || true
        if [[ "$(head -c 4 "$out/vmlinux.tmp" | od -An -tx1 | tr -d ' ')" == "7f454c46" ]]; then
            mv "$out/vmlinux.tmp" "$out/vmlinux"
            break
        fi
    done
    rm -f "$out/vmlinux.tmp"
    if [[ ! -s "$out/vmlinux" ]]; then
        echo "build-vm-guest: found no xz, zstd or gzip payload in $out/vmlinuz" >&2
        exit 1
    fi
fi

echo "== building the busybox initramfs"
root="$work/initramfs"
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,proc,sys,dev,tmp,root,blixard,etc}
cp "$busybox" "$root/bin/busybox"
for applet in $("$busybox" --list); do
    [[ "$applet" == busybox ]] || ln -sf busybox "$root/bin/$applet"
done
printf '%s\n' "$init_script" > "$root/init"
chmod 755 "$root/init"
(cd "$root" && find . | "$busybox" cpio -o -H newc 2>/dev/null | gzip -9 > "$out/initrd.img.tmp")
mv "$out/initrd.img.tmp" "$out/initrd.img"
# Kept to tell whether a later run must rebuild (the script changed).
printf '%s\n' "$init_script" > "$out/init.tmp"
mv "$out/init.tmp" "$out/init"
echo "== vm guest built: $out (vmlinuz, vmlinux, initrd.img)"
