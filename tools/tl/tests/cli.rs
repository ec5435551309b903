//! `tl dump` and `tl encode`, run as a user runs them, on the golden files of
//! `tests/data` and the sample in `tests/data/sample` (the examples of
//! `tools/tl/README.md`).
// The conversions run on tlview: only with the default `convert` feature.
#![cfg(feature = "convert")]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::{json, Value};

/// The six golden messages (`NAME.bin` and `NAME.json`).
const GOLDEN: [&str; 6] = [
    "short_chat_message",
    "short_message",
    "short_sent",
    "update_short",
    "updates_50",
    "updates_combined_10",
];

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data")
        .join(name)
}

fn read(name: &str) -> Vec<u8> {
    let p = data(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn read_json(name: &str) -> Value {
    serde_json::from_slice(&read(name)).unwrap()
}

/// Runs `tl ARGS` with `stdin` as its input.
fn tl(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tl"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Write from another thread: the child may exit (or fill its stdout)
    // before reading all of it.
    let mut input = child.stdin.take().unwrap();
    let stdin = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&stdin);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

/// Runs `tl ARGS`, which must succeed; its stdout.
fn ok(args: &[&str], stdin: &[u8]) -> Vec<u8> {
    let out = tl(args, stdin);
    assert!(
        out.status.success(),
        "tl {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Runs `tl ARGS`, which must fail with status 1; its stderr.
fn fails(args: &[&str], stdin: &[u8]) -> String {
    let out = tl(args, stdin);
    assert_eq!(
        out.status.code(),
        Some(1),
        "tl {args:?}: stdout {}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(out.stdout.is_empty());
    String::from_utf8(out.stderr).unwrap()
}

fn parse(out: &[u8]) -> Value {
    let text = std::str::from_utf8(out).unwrap();
    assert!(text.ends_with('\n') && !text[..text.len() - 1].contains("\n\n"));
    serde_json::from_str(text).unwrap()
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn dump_prints_the_golden_json() {
    for name in GOLDEN {
        let bin = data(&format!("{name}.bin"));
        let want = read_json(&format!("{name}.json"));
        let plain = ok(&["dump", path(&bin)], b"");
        assert_eq!(parse(&plain), want, "{name}");
        assert_eq!(plain.iter().filter(|&&b| b == b'\n').count(), 1, "{name}");
        // stdin, `-`, and the typed views print the very same bytes.
        let bytes = read(&format!("{name}.bin"));
        assert_eq!(ok(&["dump"], &bytes), plain, "{name}");
        assert_eq!(ok(&["dump", "-"], &bytes), plain, "{name}");
        assert_eq!(ok(&["dump", path(&bin), "--typed"], b""), plain, "{name}");
        assert_eq!(ok(&["dump", "--expect", "Updates", path(&bin)], b""), plain);
        let pretty = ok(&["dump", "--pretty", path(&bin)], b"");
        assert_eq!(parse(&pretty), want, "{name}");
        assert!(pretty.iter().filter(|&&b| b == b'\n').count() > 3);
        assert_eq!(
            ok(&["dump", "--pretty", "--typed", path(&bin)], b""),
            pretty,
            "{name}"
        );
    }
}

#[test]
fn encode_gives_the_golden_bytes() {
    for name in GOLDEN {
        let json = data(&format!("{name}.json"));
        let want = read(&format!("{name}.bin"));
        assert_eq!(ok(&["encode", path(&json)], b""), want, "{name}");
        assert_eq!(ok(&["encode"], &read(&format!("{name}.json"))), want);
    }
}

#[test]
fn sample_round_trips() {
    let json = data("sample/updates.json");
    let bin = read("sample/updates.bin");
    assert_eq!(ok(&["encode", path(&json)], b""), bin);
    // The sample is stored exactly as `tl dump --pretty` prints it.
    let text = read("sample/updates.json");
    assert_eq!(ok(&["dump", "--pretty", "-"], &bin), text);
    assert_eq!(ok(&["dump", "--pretty", "--typed", "-"], &bin), text);
    assert_eq!(
        parse(&ok(&["dump"], &bin)),
        read_json("sample/updates.json")
    );
}

/// Runs `tl ARGS`, which must fail as a usage error (status 2); its stderr.
fn usage_error(args: &[&str], stdin: &[u8]) -> String {
    let out = tl(args, stdin);
    assert_eq!(
        out.status.code(),
        Some(2),
        "tl {args:?}: stderr {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn dump_errors_name_the_offset() {
    let mut bytes = read("update_short.bin");
    assert_eq!(bytes.len(), 24);
    bytes.push(0);
    let err = fails(&["dump"], &bytes);
    assert_eq!(
        err,
        "tl dump: error: 1 trailing byte after a complete object at byte 24\n"
    );
    bytes.extend([0; 3]);
    let err = fails(&["dump"], &bytes);
    assert_eq!(
        err,
        "tl dump: error: 4 trailing bytes after a complete object at byte 24\n"
    );

    // updateShort's update replaced by an unknown id: the error names the
    // field.
    let mut bytes = read("update_short.bin");
    bytes[4..8].copy_from_slice(&0xdeadbeefu32.to_le_bytes());
    let err = fails(&["dump"], &bytes);
    assert_eq!(
        err,
        "tl dump: error: update at byte 4: unknown constructor id #deadbeef\n"
    );
    let err = fails(&["dump", "--typed"], &bytes);
    assert_eq!(
        err,
        "tl dump: error: update at byte 4: unknown constructor id #deadbeef\n"
    );
    // The root's own id is in no field.
    let mut bytes = read("update_short.bin");
    bytes[0..4].copy_from_slice(&0xdeadbeefu32.to_le_bytes());
    let err = fails(&["dump"], &bytes);
    assert_eq!(
        err,
        "tl dump: error: unknown constructor id #deadbeef at byte 0\n"
    );

    // Cut short.
    let bytes = read("short_message.bin");
    let err = fails(&["dump"], &bytes[..100]);
    assert_eq!(
        err,
        "tl dump: error: message at byte 16: string length runs past the end of input: \
         needs 120 bytes, 83 left\n"
    );

    let err = fails(&["dump", "--expect", "User"], &read("update_short.bin"));
    assert!(err.contains("expected a User"), "{err}");
    assert!(err.contains("at byte 0"), "{err}");
    let user = ok(&["encode"], br#"{"_":"userEmpty","id":5}"#);
    let err = fails(&["dump", "--expect", "Updates"], &user);
    assert_eq!(
        err,
        "tl dump: error: expected an Updates, found constructor #200250ba (userEmpty) \
         of another type at byte 0\n"
    );
    let err = fails(&["dump", "--expect", "InputUser"], &user);
    assert!(err.contains("expected an InputUser, found"), "{err}");
    let err = fails(&["dump", "/no/such/file"], b"");
    assert!(err.starts_with("tl dump: error: /no/such/file: "), "{err}");
    // Usage errors: status 2.
    let err = usage_error(&["dump", "--expect", "Nope"], b"");
    assert!(err.contains("unknown type `Nope` for --expect"), "{err}");
    assert!(err.contains("Usage: tl dump"), "{err}");
    let err = usage_error(&["dump", "--frobnicate"], b"");
    assert!(err.contains("unexpected argument '--frobnicate'"), "{err}");
    let err = usage_error(&["dump", "--expect"], b"");
    assert!(err.contains("--expect <TYPE>"), "{err}");
}

/// The path names every step down to the field: vector elements by index,
/// nested objects by field name.
#[test]
fn dump_errors_name_the_field_path() {
    // updates_50 cut inside the text of its 19th update's message.
    let bytes = read("updates_50.bin");
    let err = fails(&["dump"], &bytes[..3000]);
    assert_eq!(
        err,
        "tl dump: error: updates[18].message.message at byte 2928: string length runs past \
         the end of input: needs 80 bytes, 71 left\n"
    );
    // Every message entity of short_message given an unknown id in turn.
    let v = read_json("short_message.json");
    let entities = v["entities"].as_array().unwrap().len();
    assert!(entities >= 2);
    for i in 0..entities {
        let mut e = v.clone();
        e["entities"][i] = json!({"_":"messageEntityBold","offset":1234567,"length":7654321});
        let marked = ok(&["encode"], e.to_string().as_bytes());
        let at = marked
            .windows(4)
            .position(|w| w == 1234567u32.to_le_bytes())
            .unwrap()
            - 4;
        let mut broken = marked.clone();
        broken[at..at + 4].copy_from_slice(&0xdeadbeefu32.to_le_bytes());
        let err = fails(&["dump"], &broken);
        assert_eq!(
            err,
            format!(
                "tl dump: error: entities[{i}] at byte {at}: unknown constructor id #deadbeef\n"
            )
        );
        // The last entity's length cut off: the path goes down to the
        // field. (Cut before the last entity, the vector's count is refused
        // first: its elements cannot fit in the bytes left.)
        if i + 1 < entities {
            continue;
        }
        let err = fails(&["dump"], &marked[..at + 10]);
        assert_eq!(
            err,
            format!(
                "tl dump: error: entities[{i}].length at byte {}: int runs past the end of \
                 input: needs 4 bytes, 2 left\n",
                at + 8
            )
        );
    }
    // In a file: the file's name first.
    let dir = std::env::temp_dir().join(format!("tl-cli-path-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cut = dir.join("cut.bin");
    std::fs::write(&cut, &read("updates_50.bin")[..3000]).unwrap();
    let err = fails(&["dump", path(&cut)], b"");
    assert_eq!(
        err,
        format!(
            "tl dump: error: {}: updates[18].message.message at byte 2928: string length runs \
             past the end of input: needs 80 bytes, 71 left\n",
            path(&cut)
        )
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn dump_takes_several_files() {
    let a = data("update_short.bin");
    let b = data("short_sent.bin");
    let want_a = read_json("update_short.json");
    let want_b = read_json("short_sent.json");
    // --lines: one line per input, in order.
    let out = String::from_utf8(ok(&["dump", "--lines", path(&a), path(&b)], b"")).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert_eq!(serde_json::from_str::<Value>(lines[0]).unwrap(), want_a);
    assert_eq!(serde_json::from_str::<Value>(lines[1]).unwrap(), want_b);
    assert!(out.ends_with('\n'));
    // The same file twice, and stdin among files.
    let out = ok(
        &["dump", "--lines", path(&b), "-", path(&b)],
        &read("update_short.bin"),
    );
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines, [want_b.clone(), want_a.clone(), want_b.clone()]);
    // Without --lines: each object in turn (indented with --pretty).
    let plain = ok(&["dump", path(&a), path(&b)], b"");
    assert_eq!(plain, ok(&["dump", "--lines", path(&a), path(&b)], b""));
    let pretty = ok(&["dump", "--pretty", path(&a), path(&b)], b"");
    let mut want = ok(&["dump", "--pretty", path(&a)], b"");
    want.extend(ok(&["dump", "--pretty", path(&b)], b""));
    assert_eq!(pretty, want);

    // A bad input: `null` in its place, the error (with the file) on stderr,
    // the others still printed, status 1.
    let out = tl(
        &["dump", "--lines", path(&a), "/no/such/file", path(&b)],
        b"",
    );
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[1], "null");
    assert_eq!(serde_json::from_str::<Value>(lines[2]).unwrap(), want_b);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with("tl dump: error: /no/such/file: "), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    // Without --lines, nothing for it on stdout.
    let out = tl(&["dump", path(&a), "-", path(&b)], &[1, 2, 3]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 2);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with("tl dump: error: stdin: "), "{err}");

    // --lines is one line per input: not with --pretty.
    let err = usage_error(&["dump", "--lines", "--pretty", path(&a)], b"");
    assert!(err.contains("cannot be used with"), "{err}");
}

#[test]
fn typed_dump_prints_any_combinator() {
    // contacts.acceptContact is a function, not an Updates: its generated
    // view prints it too.
    let req = json!({"_":"contacts.acceptContact",
        "id":{"_":"inputUser","user_id":777,"access_hash":"-5"}});
    let bytes = ok(&["encode"], req.to_string().as_bytes());
    let plain = ok(&["dump"], &bytes);
    assert_eq!(parse(&plain), req);
    let out = tl(&["dump", "--typed"], &bytes);
    assert!(out.status.success());
    assert_eq!(out.stdout, plain);
    assert!(out.stderr.is_empty());
    let out = tl(&["dump", "--typed", "--verbose"], &bytes);
    assert_eq!(out.stdout, plain);
    let note = String::from_utf8_lossy(&out.stderr);
    assert!(
        note.contains("printed contacts.acceptContact through the typed views"),
        "{note}"
    );
}

#[test]
fn encode_errors_name_the_json_path() {
    let mut v = read_json("short_message.json");
    v["entities"][0]["length"] = json!("7");
    let err = fails(&["encode"], v.to_string().as_bytes());
    assert_eq!(
        err,
        "tl encode: error: entities[0].length: expected an int, found \"7\"\n"
    );

    let mut v = read_json("updates_50.json");
    v["updates"][3]["bogus"] = json!(1);
    let err = fails(&["encode"], v.to_string().as_bytes());
    assert!(err.contains("updates[3].bogus: unknown field of "), "{err}");

    let mut v = read_json("short_message.json");
    v.as_object_mut().unwrap().remove("date");
    let err = fails(&["encode"], v.to_string().as_bytes());
    assert!(err.contains(": date: missing"), "{err}");

    let err = fails(&["encode"], b"{\"_\":");
    assert!(err.contains("invalid JSON"), "{err}");
}

/// `tl encode` takes TL JSON exactly as tl-json.md writes it.
#[test]
fn encode_is_strict() {
    let good = json!({"_":"contacts.acceptContact",
        "id":{"_":"inputUser","user_id":777,"access_hash":"-5"}});
    let bytes = ok(&["encode"], good.to_string().as_bytes());
    assert_eq!(bytes.len(), 20);
    let with = |path: &[&str], v: Value| {
        let mut j = good.clone();
        let mut at = &mut j;
        for p in path {
            at = &mut at[*p];
        }
        *at = v;
        j.to_string()
    };
    let long = "expected a long (a string of decimal digits like \"-42\")";
    // A long as a JSON number.
    for typed in [false, true] {
        let args: &[&str] = if typed {
            &["encode", "--typed"]
        } else {
            &["encode"]
        };
        let err = fails(args, with(&["id", "access_hash"], json!(-5)).as_bytes());
        assert_eq!(
            err,
            format!(
                "tl encode: error: id.access_hash: {long}, found the number -5: \
                 TL JSON writes a long as a string, \"-5\"\n"
            )
        );
    }
    // Not in the form tl dump prints.
    let err = fails(
        &["encode"],
        with(&["id", "access_hash"], json!("+5")).as_bytes(),
    );
    assert_eq!(
        err,
        format!("tl encode: error: id.access_hash: {long}, found \"+5\": write it as \"5\"\n")
    );
    // An int as a string or a float.
    let err = fails(
        &["encode"],
        with(&["id", "user_id"], json!(777.0)).as_bytes(),
    );
    assert_eq!(
        err,
        "tl encode: error: id.user_id: expected an int, found 777.0\n"
    );
    let err = fails(
        &["encode"],
        with(&["id", "user_id"], json!("777")).as_bytes(),
    );
    assert_eq!(
        err,
        "tl encode: error: id.user_id: expected an int, found \"777\"\n"
    );
    // Deep in a message: the path.
    let mut v = read_json("updates_50.json");
    v["updates"][3]["message"]["grouped_id"] = json!(12);
    let err = fails(&["encode"], v.to_string().as_bytes());
    assert!(
        err.starts_with(&format!(
            "tl encode: error: updates[3].message.grouped_id: {long}, found the number 12"
        )),
        "{err}"
    );
    // bytes / int128 in uppercase hex.
    let err = fails(
        &["encode"],
        br#"{"_":"req_pq_multi","nonce":"00112233445566778899AABBCCDDEEFF"}"#,
    );
    assert!(
        err.contains("nonce: expected an int128 (32 lowercase hex digits)"),
        "{err}"
    );
}

/// `contacts.acceptContact` through tlview's typed encoder.
#[test]
fn typed_encode_matches_generic() {
    let requests = [
        json!({"_":"contacts.acceptContact",
            "id":{"_":"inputUser","user_id":777,"access_hash":"-5"}}),
        json!({"_":"contacts.acceptContact",
            "id":{"_":"inputUserFromMessage",
                "peer":{"_":"inputPeerUserFromMessage",
                    "peer":{"_":"inputPeerChat","chat_id":42},
                    "msg_id":7,"user_id":9},
                "msg_id":100,"user_id":777}}),
        json!({"_":"contacts.acceptContact","id":{"_":"inputUserSelf"}}),
        json!({"_":"contacts.acceptContact",
            "id":{"_":"inputUserFromMessage",
                "peer":{"_":"inputPeerChannelFromMessage",
                    "peer":{"_":"inputPeerUserFromMessage",
                        "peer":{"_":"inputPeerChannel","channel_id":5,"access_hash":"6"},
                        "msg_id":1,"user_id":2},
                    "msg_id":3,"channel_id":4},
                "msg_id":100,"user_id":777}}),
    ];
    for req in &requests {
        let text = req.to_string();
        let generic = ok(&["encode"], text.as_bytes());
        let typed = ok(&["encode", "--typed"], text.as_bytes());
        assert_eq!(typed, generic, "{text}");
        assert_eq!(parse(&ok(&["dump"], &typed)), *req);
    }
    let chain = ok(&["encode", "--typed"], requests[1].to_string().as_bytes());
    let words: Vec<u32> = chain
        .chunks(4)
        .map(|c| u32::from_le_bytes(c.try_into().unwrap()))
        .collect();
    assert_eq!(
        words,
        [0xf831a20f, 0x2d117597, 0x17bae2e6, 0x179be863, 42, 7, 9, 100, 777]
    );

    // The same checks as the generic encoder.
    let mut bad = requests[1].clone();
    bad["id"]["peer"]["peer"]["chat_id"] = json!("x");
    let err = fails(&["encode", "--typed"], bad.to_string().as_bytes());
    assert_eq!(
        err,
        "tl encode: error: id.peer.peer.chat_id: expected an int, found \"x\"\n"
    );
}

/// Every committed message encodes through its generated form to the same
/// bytes as through the generic encoder (and as the committed bytes); bad
/// JSON gets the generic encoder's errors.
#[test]
fn typed_encode_covers_every_message() {
    for name in [
        "short_message",
        "short_chat_message",
        "short_sent",
        "update_short",
        "updates_50",
        "updates_combined_10",
    ] {
        let json = read(&format!("{name}.json"));
        let typed = ok(&["encode", "--typed"], &json);
        assert_eq!(typed, ok(&["encode"], &json), "{name}");
        assert_eq!(typed, read(&format!("{name}.bin")), "{name}");
    }
    let err = fails(&["encode", "--typed"], b"[1]");
    assert_eq!(err, fails(&["encode"], b"[1]"));
}

/// A gzip member of `data` (flate2, as a server would send it).
fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

#[test]
fn dump_unpacks_gzip() {
    let inner = read("short_message.bin");
    let want = read_json("short_message.json");
    let packed = json!({"_":"gzip_packed","packed_data":hex(&gzip(&inner))});
    let bytes = ok(&["encode"], packed.to_string().as_bytes());
    let plain = ok(&["dump"], &bytes);
    assert_eq!(parse(&plain), want);
    assert_eq!(plain, ok(&["dump"], &inner));
    assert_eq!(ok(&["dump", "--typed"], &bytes), plain);
    assert_eq!(ok(&["dump", "--expect", "Updates"], &bytes), plain);
    assert_eq!(
        ok(&["dump", "--pretty"], &bytes),
        ok(&["dump", "--pretty"], &inner)
    );
    let out = tl(&["dump", "--verbose"], &bytes);
    assert!(String::from_utf8_lossy(&out.stderr).contains("unpacked gzip_packed"));

    // In an rpc_result.
    let rpc = json!({"_":"rpc_result","req_msg_id":"-77","result":packed});
    let bytes = ok(&["encode"], rpc.to_string().as_bytes());
    let want_rpc = json!({"_":"rpc_result","req_msg_id":"-77","result":want});
    assert_eq!(parse(&ok(&["dump"], &bytes)), want_rpc);
    assert_eq!(parse(&ok(&["dump", "--pretty"], &bytes)), want_rpc);
    // A plain rpc_result prints the same.
    let plain_rpc = json!({"_":"rpc_result","req_msg_id":"-77","result":want});
    let plain_bytes = ok(&["encode"], plain_rpc.to_string().as_bytes());
    assert_eq!(ok(&["dump"], &plain_bytes), ok(&["dump"], &bytes));
    assert_eq!(
        ok(&["dump", "--pretty"], &plain_bytes),
        ok(&["dump", "--pretty"], &bytes)
    );

    // Broken gzip data, and bytes after the gzip_packed.
    let mut gz = gzip(&inner);
    let n = gz.len();
    gz[n - 8] ^= 1; // the CRC32
    let bad = json!({"_":"gzip_packed","packed_data":hex(&gz)});
    let bytes = ok(&["encode"], bad.to_string().as_bytes());
    let err = fails(&["dump"], &bytes);
    assert!(err.contains("gzip CRC32 does not match"), "{err}");
    let mut bytes = ok(&["encode"], packed.to_string().as_bytes());
    let end = bytes.len();
    bytes.extend([0; 4]);
    let err = fails(&["dump"], &bytes);
    assert!(err.contains(&format!("at byte {end}")), "{err}");
    // An error inside the unpacked data says so.
    let mut broken = inner.clone();
    broken[0] ^= 0xff;
    let bad = json!({"_":"gzip_packed","packed_data":hex(&gzip(&broken))});
    let bytes = ok(&["encode"], bad.to_string().as_bytes());
    let err = fails(&["dump"], &bytes);
    assert!(
        err.contains("in the data unpacked from gzip_packed: unknown constructor id")
            && err.contains("at byte 0"),
        "{err}"
    );
}

/// `--layer 230`: layer 230's names, fields and types, both ways. Its
/// `user#b1b8cc83` has two flags words; `bot_can_edit` is `flags2.1` and
/// `id` a `long` (an `int` in layer 122, which has no such constructor).
#[test]
fn layer_230_dumps_and_encodes() {
    let json = br#"{"_":"user","bot_can_edit":true,"id":"7"}"#;
    let mut bytes = Vec::new();
    for w in [0xb1b8cc83u32, 0, 1 << 1, 7, 0] {
        bytes.extend(w.to_le_bytes());
    }
    assert_eq!(ok(&["encode", "--layer", "230"], json), bytes);
    assert_eq!(
        ok(&["dump", "--layer", "230"], &bytes),
        [&json[..], b"\n"].concat()
    );
    assert_eq!(
        parse(&ok(&["dump", "--layer", "230", "--expect", "User"], &bytes)),
        serde_json::from_slice::<Value>(json).unwrap()
    );
    // Through layer 230's typed views: the same text, and the note says so.
    assert_eq!(
        ok(&["dump", "--typed", "--layer", "230"], &bytes),
        [&json[..], b"\n"].concat()
    );
    let out = tl(&["dump", "--typed", "--layer", "230", "--verbose"], &bytes);
    assert!(out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("printed user through the typed views"),
        "{out:?}"
    );

    // Errors in layer 230's names, with the path of fields.
    assert_eq!(
        fails(&["dump", "--layer", "230"], &bytes[..16]),
        "tl dump: error: id at byte 12: long runs past the end of input: needs 8 bytes, 4 left\n"
    );
    let mut undeclared = bytes.clone();
    undeclared[11] = 0x80;
    assert_eq!(
        fails(&["dump", "--layer", "230"], &undeclared),
        "tl dump: error: flags2 at byte 8: flags 0x80000002 set bits 0x80000000 that no field \
         declares\n"
    );
    assert_eq!(
        fails(&["dump", "--layer", "230", "--expect", "Updates"], &bytes),
        "tl dump: error: expected an Updates, found constructor #b1b8cc83 (user) of another \
         type at byte 0\n"
    );
    // The same bytes are not layer 122.
    assert_eq!(
        fails(&["dump"], &bytes),
        "tl dump: error: unknown constructor id #b1b8cc83 at byte 0\n"
    );
    assert!(fails(&["encode"], json).contains("unknown field of user"));

    // `tl id` looks names up in the layer's own schema.
    let id = String::from_utf8(ok(&["id", "--layer", "230", "user"], b"")).unwrap();
    assert!(id.starts_with("#b1b8cc83\nuser#b1b8cc83 flags:# "), "{id}");

    // Through layer 230's generated forms: the same bytes.
    assert_eq!(ok(&["encode", "--typed", "--layer", "230"], json), bytes);
    // contacts.acceptContact: layer 230's form (the hand-written encoder is
    // layer 122's), with a long user id.
    let accept = br#"{"_":"contacts.acceptContact","id":{"_":"inputUser","user_id":"4294967296","access_hash":"-5"}}"#;
    let mut want = Vec::new();
    for w in [0xf831a20fu32, 0xf21158c6] {
        want.extend(w.to_le_bytes());
    }
    want.extend((1i64 << 32).to_le_bytes());
    want.extend((-5i64).to_le_bytes());
    assert_eq!(ok(&["encode", "--typed", "--layer", "230"], accept), want);
    assert_eq!(ok(&["encode", "--layer", "230"], accept), want);

    // Layers this tl does not have.
    for args in [
        &["dump", "--layer", "121"][..],
        &["encode", "--layer", "231"],
        &["encode", "--typed", "--layer", "231"],
        &["id", "--layer", "1", "user"],
    ] {
        let e = usage_error(args, json);
        assert!(e.contains("--layer"), "{args:?}: {e}");
    }
}
