//! Replays every committed fuzz input through the fuzz harness (the
//! unpublished crate `tlview-fuzzing`, `testkit/fuzzing`): the seed and
//! minimized corpora of every target under `fuzz/corpus/<target>/`, and the
//! reproducers of fixed bugs under `tests/regressions/`. This is the stable CI guard for the fuzz targets
//! (which need nightly and cargo-fuzz); the targets whose checks need the
//! `tl` tool (`json`'s re-encoding, `roundtrip`'s generic encoder) replay
//! their library part here.
//!
//! The seeds are generated: `TLVIEW_WRITE_CORPUS=1 cargo test --all-features
//! --test corpus -- --ignored write_seed_corpus` rewrites
//! `fuzz/corpus/<target>/seed-*` from the golden messages in `tests/data`
//! (and the hostile inputs built here). Files not named `seed-*` are what
//! campaigns found and `cargo fuzz cmin` kept.

use std::path::{Path, PathBuf};

use tlview::schema::{id, ty};
use tlview_fuzzing as fuzzing;

const TARGETS: [&str; 6] = [
    "decode_updates",
    "walk_any",
    "roundtrip",
    "json",
    "gzip",
    "typed",
];

/// The targets of layer 230 (the `layer230` feature). Their seeds are
/// written by `tests/layer230.rs` (`write_walk230_seeds`), from the random
/// objects it builds over layer 230's table.
#[cfg(feature = "layer230")]
const LAYER230_TARGETS: [&str; 2] = ["walk230", "json230"];
#[cfg(not(feature = "layer230"))]
const LAYER230_TARGETS: [&str; 0] = [];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_file())
            .collect(),
        Err(_) => Vec::new(),
    };
    v.sort();
    v
}

/// Runs one input through a target's library harness.
fn run(target: &str, data: &[u8]) {
    match target {
        "decode_updates" => fuzzing::decode_updates(data),
        "walk_any" => fuzzing::walk_any(data),
        "roundtrip" => fuzzing::roundtrip(data),
        "json" => fuzzing::json(data),
        "typed" => fuzzing::typed(data),
        #[cfg(feature = "layer230")]
        "walk230" => fuzzing::walk230(data),
        #[cfg(feature = "layer230")]
        "json230" => fuzzing::json230(data),
        #[cfg(feature = "gzip")]
        "gzip" => fuzzing::gzip(data),
        #[cfg(not(feature = "gzip"))]
        "gzip" => {}
        other => panic!("unknown target {other}"),
    }
}

/// Runs `f` on a thread with a stack like libFuzzer's main thread, so a
/// deep input behaves as it did in the campaign (the test harness's
/// threads have 2 MiB).
fn on_big_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn every_fuzz_corpus_replays() {
    on_big_stack(|| {
        let mut total = 0;
        for target in TARGETS.into_iter().chain(LAYER230_TARGETS) {
            let dir = root().join("fuzz/corpus").join(target);
            let inputs = files(&dir);
            assert!(
                !inputs.is_empty(),
                "no corpus for {target} in {}",
                dir.display()
            );
            for path in inputs {
                let data = std::fs::read(&path).unwrap();
                let name = path.display().to_string();
                let r = std::panic::catch_unwind(|| run(target, &data));
                assert!(r.is_ok(), "{target}: {name} broke an invariant");
                total += 1;
            }
        }
        eprintln!("replayed {total} corpus inputs");
    });
}

/// Every reproducer in tests/regressions runs through every target: it was
/// found by one, and none may break on it.
#[test]
fn every_regression_replays_through_every_target() {
    on_big_stack(|| {
        for path in files(&root().join("tests/regressions")) {
            if path.extension().is_some_and(|e| e == "bin") {
                let data = std::fs::read(&path).unwrap();
                for target in TARGETS.into_iter().chain(LAYER230_TARGETS) {
                    let r = std::panic::catch_unwind(|| run(target, &data));
                    assert!(r.is_ok(), "{target}: {} broke an invariant", path.display());
                }
            }
        }
    });
}

// ------------------------------------------------------------------ seeds

const GOLDEN: [&str; 6] = [
    "short_message",
    "short_chat_message",
    "short_sent",
    "update_short",
    "updates_50",
    "updates_combined_10",
];

fn golden(name: &str) -> Vec<u8> {
    std::fs::read(root().join("tests/data").join(format!("{name}.bin"))).unwrap()
}

fn words(ws: &[u32]) -> Vec<u8> {
    ws.iter().flat_map(|w| w.to_le_bytes()).collect()
}

fn with_prefix(sel: u16, body: &[u8]) -> Vec<u8> {
    let mut v = sel.to_le_bytes().to_vec();
    v.extend_from_slice(body);
    v
}

/// `textBold` nested `n` deep around `textEmpty`.
fn bold_chain(n: usize) -> Vec<u8> {
    let mut ws = vec![0x6724_abc4u32; n];
    ws.push(0xdc3d_824f);
    words(&ws)
}

/// A msg_container of one message whose body is `body`.
fn container(body: &[u8], declared: i32) -> Vec<u8> {
    let mut v = words(&[id::MSG_CONTAINER, 1]);
    v.extend(7i64.to_le_bytes());
    v.extend(3i32.to_le_bytes());
    v.extend(declared.to_le_bytes());
    v.extend_from_slice(body);
    v
}

fn gzip_files() -> Vec<(String, Vec<u8>)> {
    files(&root().join("tests/data/gzip"))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "gz"))
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect()
}

/// The seeds of every target, by name.
fn seeds() -> Vec<(&'static str, String, Vec<u8>)> {
    let mut out: Vec<(&'static str, String, Vec<u8>)> = Vec::new();
    let updates_sel = ty::UPDATES.0;
    for name in GOLDEN {
        let b = golden(name);
        out.push(("decode_updates", name.into(), b.clone()));
        out.push((
            "decode_updates",
            format!("{name}-cut-half"),
            b[..b.len() / 2].to_vec(),
        ));
        out.push(("json", name.into(), b.clone()));
        out.push((
            "walk_any",
            format!("{name}-updates"),
            with_prefix(updates_sel, &b),
        ));
        out.push(("walk_any", format!("{name}-any"), with_prefix(0x8000, &b)));
        if b.len() < 600 {
            out.push(("roundtrip", name.into(), b.clone()));
        }
        out.push((
            "json",
            format!("{name}-in-container"),
            container(&b, b.len() as i32),
        ));
    }
    // Hostile shapes.
    let short = golden("short_message");
    let mut huge_count = short.clone();
    // The entities count of short_message is the last vector's count: put
    // 0x7fffffff wherever a vector id is followed by a count.
    if let Some(at) = short
        .windows(4)
        .position(|w| w == tlview::reader::VECTOR.to_le_bytes())
    {
        huge_count[at + 4..at + 8].copy_from_slice(&0x7fff_ffffu32.to_le_bytes());
    }
    out.push(("decode_updates", "vector-count-7fffffff".into(), huge_count));
    out.push(("decode_updates", "empty".into(), Vec::new()));
    out.push((
        "decode_updates",
        "too-long".into(),
        words(&[id::UPDATES_TOO_LONG]),
    ));
    out.push((
        "walk_any",
        "bold-64".into(),
        with_prefix(ty::RICH_TEXT.0, &bold_chain(63)),
    ));
    out.push((
        "walk_any",
        "bold-65".into(),
        with_prefix(ty::RICH_TEXT.0, &bold_chain(64)),
    ));
    out.push((
        "walk_any",
        "concat-3".into(),
        with_prefix(
            0x8000,
            &words(&[
                0x7e62_60d7,
                tlview::reader::VECTOR,
                3,
                0xdc3d_824f,
                0x6724_abc4,
                0xdc3d_824f,
                0xdc3d_824f,
            ]),
        ),
    ));
    out.push((
        "walk_any",
        "cover".into(),
        with_prefix(
            ty::PAGE_BLOCK.0,
            &words(&[0x39f2_3300, 0x39f2_3300, 0x1356_7e8a]),
        ),
    ));
    let mut geo = words(&[id::GEO_POINT, 1]);
    geo.extend(f64::NAN.to_le_bytes());
    geo.extend((-0.0f64).to_le_bytes());
    geo.extend(5i64.to_le_bytes());
    geo.extend(9i32.to_le_bytes());
    out.push(("walk_any", "geo-point".into(), with_prefix(0x8000, &geo)));
    out.push(("json", "geo-point".into(), geo));
    // The deepest TL JSON the default limit lets through: an object and an
    // array per level.
    let mut concat = Vec::new();
    for _ in 0..63 {
        concat.extend(words(&[0x7e62_60d7, tlview::reader::VECTOR, 1]));
    }
    concat.extend(words(&[0xdc3d_824f]));
    out.push(("json", "concat-64".into(), concat));
    out.push(("json", "bold-64".into(), bold_chain(63)));
    let upd = words(&[id::UPDATES_TOO_LONG]);
    out.push((
        "walk_any",
        "container".into(),
        with_prefix(0x8000, &container(&upd, 4)),
    ));
    out.push((
        "walk_any",
        "container-lies".into(),
        with_prefix(0x8000, &container(&upd, 8)),
    ));
    let mut rpc = words(&[id::RPC_RESULT]);
    rpc.extend(1i64.to_le_bytes());
    rpc.extend(words(&[id::RPC_ERROR, 400]));
    rpc.extend([18]);
    rpc.extend(b"CONTACT_ID_INVALID\0");
    out.push(("json", "rpc-error".into(), rpc.clone()));
    out.push(("decode_updates", "rpc-error".into(), rpc));
    // Roundtrip: byte strings that pick each path.
    for (i, first) in [0u8, 1, 2, 3, 5, 7, 9, 11, 13].iter().enumerate() {
        let mut b = vec![*first];
        b.extend((0..200u32).map(|x| (x.wrapping_mul(2_654_435_761) >> 13) as u8));
        out.push(("roundtrip", format!("pattern-{i}"), b));
    }
    // An InputUser chain of 70 peers (past the default depth limit).
    // (a byte picking the request, inputUserFromMessage and its two ints,
    // then per level: inputPeerUserFromMessage, two ints, "not as wire
    // bytes"; inputPeerSelf at the bottom).
    let mut chain = vec![0u8, 3, 1, 0, 0, 0, 2, 0, 0, 0];
    for _ in 0..70 {
        chain.extend([5u8, 1, 0, 0, 0, 2, 0, 0, 0, 1]);
    }
    chain.push(1);
    out.push(("roundtrip", "chain-70".into(), chain));
    for (name, gz) in gzip_files() {
        out.push(("gzip", name.clone(), with_prefix(0x1000, &gz)));
        let mut packed = words(&[id::GZIP_PACKED]);
        let mut w = vec![0u8; gz.len() + 8];
        let n = {
            let mut wr = tlview::Writer::new(tlview::SliceSink::new(&mut w));
            wr.write_bytes(&gz).unwrap();
            wr.finish()
        };
        packed.extend_from_slice(&w[..n]);
        if packed.len() < 4096 {
            out.push((
                "gzip",
                format!("{name}-packed"),
                with_prefix(0x1000, &packed),
            ));
        }
    }
    out
}

#[test]
fn seeds_replay() {
    on_big_stack(|| {
        for (target, name, data) in seeds() {
            let r = std::panic::catch_unwind(|| run(target, &data));
            assert!(r.is_ok(), "{target}: seed {name} broke an invariant");
        }
    });
}

/// Rewrites `fuzz/corpus/<target>/seed-*` (run with TLVIEW_WRITE_CORPUS=1).
#[test]
#[ignore = "writes files; run with TLVIEW_WRITE_CORPUS=1 to regenerate the seed corpora"]
fn write_seed_corpus() {
    if std::env::var_os("TLVIEW_WRITE_CORPUS").is_none() {
        eprintln!("TLVIEW_WRITE_CORPUS is not set: nothing written");
        return;
    }
    for target in TARGETS {
        let dir = root().join("fuzz/corpus").join(target);
        std::fs::create_dir_all(&dir).unwrap();
        for old in files(&dir) {
            if old
                .file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("seed-")
            {
                std::fs::remove_file(old).unwrap();
            }
        }
    }
    for (target, name, data) in seeds() {
        let path = root()
            .join("fuzz/corpus")
            .join(target)
            .join(format!("seed-{name}"));
        std::fs::write(path, data).unwrap();
    }
}

// ------------------------------------------------------------ regressions
//
// Bugs the campaigns and the hostile tests found, each with its reproducer
// in tests/regressions/ (named for the target whose input format it uses).

fn regression(name: &str) -> Vec<u8> {
    std::fs::read(root().join("tests/regressions").join(name)).unwrap()
}

fn depth(d: u32) -> tlview::Limits {
    tlview::Limits {
        max_depth: d,
        ..tlview::Limits::DEFAULT
    }
}

/// decode_updates found it on the golden short_message: the typed views did
/// not count a `Peer` inside `messageFwdHeader` (or `messageReplyHeader`)
/// against `max_depth`, so under a small limit they accepted what the walker
/// refused. The reproducer, word by word:
///
/// ```text
///  0 2296d2c8 updateShortMessage      level 1
///  4 00000004 flags: fwd_from only
///  8 id, 12 user_id, 16 message "" (4 bytes), 20 pts, 24 pts_count, 28 date
/// 32 5f777dce messageFwdHeader        level 2 (fwd_from)
/// 36 00000001 flags: from_id only
/// 40 9db1bc6d peerUser                level 3 (from_id)
/// 44 user_id, 48 date
/// ```
///
/// Under max_depth 2 the peer (level 3, at byte 40) is one level too deep
/// for the typed view as for the walker.
#[test]
fn regression_typed_views_count_peers_against_the_depth_limit() {
    let b = regression("decode_updates-typed-peer-depth.bin");
    let walked = tlview::walk::walk_exact(&b, tlview::walk::Expect::Type(ty::UPDATES), &depth(2));
    let typed = tlview::Updates::decode_with(&b, &depth(2)).map(|_| ());
    let want = tlview::Error::new(tlview::ErrorKind::DepthLimit { limit: 2 }, 40);
    assert_eq!(walked, Err(want));
    assert_eq!(typed, Err(want));
    assert!(tlview::Updates::decode_with(&b, &depth(3)).is_ok());
    // The same for messageReplyHeader's reply_to_peer_id.
    let mut r = b[..32].to_vec();
    r[4..8].copy_from_slice(&(1u32 << 3).to_le_bytes());
    for w in [0xa6d5_7763u32, 1, 999, 0x9db1_bc6d, 5] {
        r.extend(w.to_le_bytes());
    }
    let typed = tlview::Updates::decode_with(&r, &depth(2)).map(|_| ());
    assert_eq!(
        typed,
        Err(tlview::Error::new(
            tlview::ErrorKind::DepthLimit { limit: 2 },
            44
        ))
    );
    fuzzing::decode_updates(&b);
    fuzzing::decode_updates(&r);
}

/// roundtrip found it: `PartialEq for InputUser` compared the two values'
/// encodings in 64-byte buffers, so any two requests whose peer chain
/// encodes to more than 64 bytes compared unequal, even a value with itself.
/// The reproducer is a roundtrip input: 0 (build a request), 3
/// (inputUserFromMessage), its msg_id and user_id, then five times
/// `5, msg_id, id, 1` (an inputPeerChannelFromMessage level, kept as a value)
/// and 1 (inputPeerSelf at the bottom): 80 bytes encoded.
#[test]
fn regression_input_user_equality_on_long_chains() {
    use tlview::api::contacts::PeerRef;
    use tlview::{AcceptContact, InputPeer, InputUser};
    let b = regression("roundtrip-input-user-eq-long-chain.bin");
    fuzzing::roundtrip(&b);
    // A 100-level chain of values equals itself, and its decoded wire form
    // equals it too (up to the depth limit, so 60 levels there).
    let mut peers = vec![InputPeer::InputPeerSelf];
    let leak = |p: InputPeer<'static>| -> &'static InputPeer<'static> { Box::leak(Box::new(p)) };
    let mut top: &'static InputPeer<'static> = leak(InputPeer::InputPeerSelf);
    for i in 0..100 {
        top = leak(InputPeer::InputPeerUserFromMessage {
            peer: PeerRef::Value(top),
            msg_id: i,
            user_id: -i,
        });
        peers.push(*top);
    }
    let user = InputUser::InputUserFromMessage {
        peer: PeerRef::Value(top),
        msg_id: 1,
        user_id: 2,
    };
    assert!(user == user);
    let req = AcceptContact {
        id: InputUser::InputUserFromMessage {
            peer: PeerRef::Value(&peers[60]),
            msg_id: 1,
            user_id: 2,
        },
    };
    let mut buf = vec![0u8; req.encoded_len()];
    req.encode_to_slice(&mut buf).unwrap();
    assert!(buf.len() > 64);
    assert_eq!(AcceptContact::decode(&buf).unwrap(), req);
    // And unequal chains are unequal, however deep the difference.
    let other = AcceptContact {
        id: InputUser::InputUserFromMessage {
            peer: PeerRef::Value(&peers[59]),
            msg_id: 1,
            user_id: 2,
        },
    };
    assert_ne!(AcceptContact::decode(&buf).unwrap(), other);
}

/// The hostile tests found it (container_bodies_and_the_walker_count_depth_alike):
/// MsgContainer validated each body one level shallower than the walker
/// and the dynamic view count it (they count the bare `message` as a level),
/// so a container whose body was nested 63 deep decoded through MsgContainer
/// and failed to walk. The reproducer is a walk_any input:
///
/// ```text
///  0 0080                 select: any boxed object
///  2 73f1f8dc             msg_container                 level 1
///  6 00000001             one message                   level 2
/// 10 msg_id (8), 18 seqno, 22 bytes = 252
/// 26 6724abc4 x 62        textBold ...                  levels 3..64
/// 274 dc3d824f            textEmpty                     level 65: too deep
/// ```
#[test]
fn regression_container_bodies_count_the_message_level() {
    let b = regression("walk_any-container-body-depth.bin");
    let msg = &b[2..];
    let walked = tlview::walk::walk_exact(msg, tlview::walk::Expect::Any, &depth(64));
    let typed = tlview::mtproto::MsgContainer::decode(msg).map(|_| ());
    // The first object past the limit: the 63rd level of the body.
    let want = tlview::Error::new(tlview::ErrorKind::DepthLimit { limit: 64 }, 24 + 62 * 4);
    assert_eq!(walked, Err(want));
    assert_eq!(typed, Err(want));
    fuzzing::walk_any(&b);
}

/// Found while writing the container tests of tests/hostile.rs: the walker
/// reported a sized body that did not fill its declared length as
/// `LengthMismatch { declared, actual }` with two message offsets (where
/// the body had to end, where it ended) instead of the two sizes the kind
/// documents, and so disagreed with `MsgContainer`. The reproducer is a
/// walk_any input:
///
/// ```text
///  0 0080                 select: any boxed object
///  2 73f1f8dc 00000001    msg_container, one message
/// 10 msg_id (8), 18 seqno, 22 bytes = 24
/// 26 updateShort { updateUserStatus { 5, userStatusRecently }, 9 }: 20 bytes
/// 46 00000000             4 more bytes inside the declared 24
/// ```
///
/// The body took 20 of its 24 bytes: `LengthMismatch { declared: 24,
/// actual: 20 }` at byte 44 of the message, where the body ended (it was
/// `{ declared: 48, actual: 44 }`).
#[test]
fn regression_walker_length_mismatch_reports_sizes() {
    let b = regression("walk_any-length-mismatch-sizes.bin");
    let msg = &b[2..];
    let want = tlview::Error::new(
        tlview::ErrorKind::LengthMismatch {
            declared: 24,
            actual: 20,
        },
        44,
    );
    let walked = tlview::walk::walk_exact(msg, tlview::walk::Expect::Any, &tlview::Limits::DEFAULT);
    assert_eq!(walked, Err(want));
    assert_eq!(
        tlview::mtproto::MsgContainer::decode(msg).map(|_| ()),
        Err(want)
    );
    fuzzing::walk_any(&b);
}
