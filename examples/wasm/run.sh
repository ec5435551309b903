#!/usr/bin/env bash
# Builds the tlview WebAssembly module (wasm32-unknown-unknown, size-optimised,
# no wasm-bindgen, no allocator), checks it under Node with check.mjs, and
# prints the module's size in bytes on the last line; before it, the same
# for the module built with `--features layer230`. Exits 0 only when every
# check passed.
set -euo pipefail
cd "$(dirname "$0")"
TARGET=wasm32-unknown-unknown
WASM="target/$TARGET/release/tlview_wasm.wasm"

rustup target add "$TARGET" >/dev/null 2>&1 || rustup target add "$TARGET"
command -v node >/dev/null || { echo "wasm: node is needed to run check.mjs"; exit 1; }

# The module that also reads layer 230 (decode_json_230), checked the same
# way, and its size.
cargo build -q --release --target "$TARGET" --target-dir "$PWD/target" --features layer230
cp "$WASM" target/tlview_wasm_230.wasm
node check.mjs target/tlview_wasm_230.wasm
size230=$(wc -c <target/tlview_wasm_230.wasm)

cargo build -q --release --target "$TARGET" --target-dir "$PWD/target"
node check.mjs "$WASM"
echo "wasm with layer 230: $size230 bytes"
echo "wasm: $(wc -c <"$WASM") bytes"
