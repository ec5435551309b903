// Checks the tlview WebAssembly module under Node: TL JSON of the six test
// messages against what `tl dump` prints (or, while the workspace has no
// `tl dump`, against tests/data/NAME.json), error reporting, and
// contacts.acceptContact against bytes worked out by hand from the schema.
//
// Usage: node check.mjs [MODULE.wasm]   (exits non-zero on any mismatch)
// TL_REFERENCE=json compares with tests/data/NAME.json even when the
// workspace has `tl dump`.

import { readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const wasmPath =
  process.argv[2] ?? join(here, "target/wasm32-unknown-unknown/release/tlview_wasm.wasm");

const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), {});
const wasm = instance.exports;
const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Output of an export that returned `n` (negative: an error message). */
function output(n) {
  const len = Math.abs(n);
  const bytes = new Uint8Array(wasm.memory.buffer, wasm.out_ptr(), len).slice();
  return { ok: n >= 0, bytes };
}

/** TL bytes -> { ok, text } through the module's decode_json. */
function decodeJson(bytes) {
  const ptr = wasm.alloc_in(bytes.length);
  if (ptr === 0) return { ok: false, text: `alloc_in(${bytes.length}) refused` };
  new Uint8Array(wasm.memory.buffer, ptr, bytes.length).set(bytes);
  const out = output(wasm.decode_json(ptr, bytes.length));
  return { ok: out.ok, text: utf8.decode(out.bytes) };
}

let passed = 0;
let failed = 0;
function check(ok, what, detail) {
  if (ok) {
    passed++;
    console.log(`ok   ${what}`);
  } else {
    failed++;
    console.log(`FAIL ${what}${detail ? `\n     ${detail}` : ""}`);
  }
}

/** The first path at which two parsed JSON values differ. */
function firstDifference(a, b, path = "$") {
  if (isDeepStrictEqual(a, b)) return null;
  if (a && b && typeof a === "object" && typeof b === "object") {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDifference(a[k], b[k], `${path}.${k}`);
      if (d) return d;
    }
  }
  return `${path}: ${JSON.stringify(a)?.slice(0, 120)} != ${JSON.stringify(b)?.slice(0, 120)}`;
}

// The reference: `tl dump FILE` when the workspace's tool has it.
function cargoTl(args) {
  return spawnSync("cargo", ["run", "-q", "-p", "tl", "--", ...args], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
}
const forceJson = process.env.TL_REFERENCE === "json";
const haveDump = !forceJson && cargoTl(["dump", "--help"]).status === 0;
console.log(
  haveDump
    ? "reference: `tl dump FILE` (cargo run -p tl -- dump)"
    : forceJson
      ? "reference: tests/data/NAME.json (TL_REFERENCE=json)"
      : "reference: tests/data/NAME.json (`cargo run -p tl -- dump --help` failed: no `tl dump` yet)",
);

function reference(name) {
  if (!haveDump) return readFileSync(join(root, "tests/data", `${name}.json`), "utf8");
  const r = cargoTl(["dump", join(root, "tests/data", `${name}.bin`)]);
  if (r.status !== 0) throw new Error(`tl dump ${name}.bin failed: ${r.stderr.trim()}`);
  return r.stdout;
}

const names = [
  "short_message",
  "short_chat_message",
  "short_sent",
  "update_short",
  "updates_50",
  "updates_combined_10",
];
for (const name of names) {
  const bytes = readFileSync(join(root, "tests/data", `${name}.bin`));
  const got = decodeJson(bytes);
  if (!got.ok) {
    check(false, `${name}: decode`, got.text);
    continue;
  }
  let want;
  try {
    want = JSON.parse(reference(name));
  } catch (e) {
    check(false, `${name}: reference`, e.message);
    continue;
  }
  const diff = firstDifference(JSON.parse(got.text), want);
  const size = Buffer.byteLength(got.text);
  check(diff === null, `${name}: ${bytes.length} bytes -> ${size} bytes of TL JSON, same as the reference`, diff);
}

// updatesTooLong: the constructor id alone.
{
  const got = decodeJson(Uint8Array.of(0x7e, 0xaf, 0x17, 0xe3));
  check(got.ok && got.text === '{"_":"updatesTooLong"}', "updatesTooLong", got.text);
}

// Errors come back as negative lengths with a message.
{
  const whole = readFileSync(join(root, "tests/data/short_message.bin"));
  const got = decodeJson(whole.subarray(0, whole.length - 1));
  check(
    !got.ok && /past the end of input/.test(got.text),
    `truncated short_message is an error: ${got.text}`,
  );
  const junk = decodeJson(Uint8Array.of(0xde, 0xad, 0xbe, 0xef));
  check(!junk.ok && /unknown constructor/.test(junk.text), `unknown constructor is an error: ${junk.text}`);
  check(wasm.alloc_in(wasm.in_capacity() + 1) === 0, "alloc_in refuses more than in_capacity()");
}

// contacts.acceptContact#f831a20f id:InputUser, with
// inputUser#d8292816 user_id:int access_hash:long, little-endian.
{
  const want = Uint8Array.of(
    0x0f, 0xa2, 0x31, 0xf8, // contacts.acceptContact#f831a20f
    0x16, 0x28, 0x29, 0xd8, // inputUser#d8292816
    0x09, 0x03, 0x00, 0x00, // user_id 777
    0xfb, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, // access_hash -5
  );
  const out = output(wasm.encode_accept_contact(777, -5n));
  const hex = Buffer.from(out.bytes).toString("hex");
  check(
    out.ok && Buffer.from(want).equals(Buffer.from(out.bytes)),
    `encode_accept_contact(777, -5): ${out.bytes.length} bytes ${hex}`,
    `want ${Buffer.from(want).toString("hex")}`,
  );
  // And the module reads its own request back.
  const back = decodeJson(out.bytes);
  const parsed = back.ok ? JSON.parse(back.text) : null;
  check(
    parsed?._ === "contacts.acceptContact" &&
      parsed.id?._ === "inputUser" &&
      parsed.id.user_id === 777 &&
      String(parsed.id.access_hash) === "-5",
    `decode_json of the request: ${back.text}`,
  );
}

// The layer-230 module (built with `--features layer230`): its
// decode_json_230 reads layer 230, whose user#b1b8cc83 has two flags words
// and a long id, and which layer 122 does not have.
if (wasm.decode_json_230) {
  const words = [0xb1b8cc83, 1, 1 << 12];
  const user = new Uint8Array(32);
  const view = new DataView(user.buffer);
  words.forEach((w, i) => view.setUint32(4 * i, w, true));
  view.setBigInt64(12, 777000n, true); // id
  view.setBigInt64(20, -5n, true); // access_hash (flags.0)
  view.setInt32(28, 12345, true); // bot_active_users (flags2.12)
  const ptr = wasm.alloc_in(user.length);
  new Uint8Array(wasm.memory.buffer, ptr, user.length).set(user);
  const out = output(wasm.decode_json_230(ptr, user.length));
  const text = utf8.decode(out.bytes);
  check(
    out.ok && text === '{"_":"user","id":"777000","access_hash":"-5","bot_active_users":12345}',
    `layer 230: decode_json_230 of a user with flags2: ${text}`,
  );
  const old = decodeJson(user);
  check(!old.ok && /unknown constructor/.test(old.text), `layer 122 does not read it: ${old.text}`);
}

console.log(`wasm: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
