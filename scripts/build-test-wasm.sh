#!/usr/bin/env bash
# build-test-wasm: builds the wasm backend's test modules from their sources in
# blixard.backend.wasm/src/test/wasm into blixard.backend.wasm/src/test/resources/wasm, where they are committed
# (the tests do not build them): every *.c with clang for wasm32-wasi, every *.wat with wabt's wat2wasm.
#
# Usage: scripts/build-test-wasm.sh
# Needs Debian's clang, lld, wasi-libc, libclang-rt-dev-wasm32 and wabt (installed by .ci/run). Debian's clang
# finds wasi-libc by itself (/usr/include/wasm32-wasi, /usr/lib/wasm32-wasi); a wasi-sdk style sysroot in
# /usr/share/wasi-sysroot is used when there is one. Modules are stripped so that they stay small.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

src=blixard.backend.wasm/src/test/wasm
out=blixard.backend.wasm/src/test/resources/wasm
mkdir -p "$out"

sysroot=()
if [[ -d /usr/share/wasi-sysroot ]]; then
    sysroot=(--sysroot=/usr/share/wasi-sysroot)
fi

shopt -s nullglob
for source in "$src"/*.c; do
    name=$(basename "$source" .c)
    clang --target=wasm32-wasi "${sysroot[@]}" -O2 -Wall -Wextra -Werror -Wl,--strip-all \
        -o "$out/$name.wasm" "$source"
    echo "$out/$name.wasm: $(stat -c %s "$out/$name.wasm") bytes (from $source)"
done
for source in "$src"/*.wat; do
    name=$(basename "$source" .wat)
    wat2wasm -o "$out/$name.wasm" "$source"
    echo "$out/$name.wasm: $(stat -c %s "$out/$name.wasm") bytes (from $source)"
done
