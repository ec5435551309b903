//! `serde::Serialize` (feature `serde`) gives TL JSON's structure: through
//! `serde_json`, the same text as the TL JSON printers (`json::Json`, the
//! typed printer `TypedJson` and the views' `Display`), on every test
//! message, on every object nested in them, on the typed views (the
//! hand-written `Updates` family, peers, users, chats, entities, headers and
//! the generated `Update`, `Updates` enums) and on the deepest objects the
//! decoder admits, on a small thread stack. Random objects of every
//! constructor are compared in the library's own tests
//! (`src/schema/typed_tests.rs`).
#![cfg(feature = "serde")]

use std::path::Path;

use tlview::api::{MessageEntity, Update};
use tlview::json::Json;
use tlview::object::{Object, Value};
use tlview::schema::ty;
use tlview::view::TypedJson;
use tlview::walk::Expect;
use tlview::{Limits, Updates};

/// Every `.bin` message in `tests/data` and `tests/data/sample`.
fn messages() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for dir in ["tests/data", "tests/data/sample"] {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "bin") {
                out.push((p.display().to_string(), std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    assert!(out.len() >= 7, "{} messages", out.len());
    out
}

fn ser<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap()
}

/// `o` and every object nested in it, compared with both printers; how many.
fn every_object(o: Object<'_>, what: &str) -> usize {
    let text = Json(o).to_string();
    assert_eq!(ser(&o), text, "{what}: {}", o.name());
    assert_eq!(TypedJson(o).to_string(), text, "{what}: {}", o.name());
    // The text parses back to the JSON value the printer's text is.
    let a: serde_json::Value = serde_json::to_value(o).unwrap();
    let b: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(a, b, "{what}");
    let mut n = 1;
    let mut stack: Vec<Value<'_>> = o.fields().map(|f| f.value).collect();
    while let Some(v) = stack.pop() {
        match v {
            Value::Object(inner) => n += every_object(inner, what),
            Value::Vector(vals) => stack.extend(vals),
            _ => {}
        }
    }
    n
}

#[test]
fn every_message_and_every_nested_object_serializes_as_tl_json() {
    let mut objects = 0;
    for (name, bytes) in messages() {
        let o = Object::decode_with(&bytes, Expect::Type(ty::UPDATES), &Limits::DEFAULT).unwrap();
        objects += every_object(o, &name);
        // The committed TL JSON beside the message, as a JSON value.
        let json = Path::new(&name).with_extension("json");
        if let Ok(want) = std::fs::read_to_string(&json) {
            let want: serde_json::Value = serde_json::from_str(&want).unwrap();
            assert_eq!(serde_json::to_value(o).unwrap(), want, "{name}");
        }
    }
    eprintln!("{objects} objects compared");
    assert!(objects > 400, "{objects} objects");
}

/// A hand-written view's text through `Display` and through serde.
fn same<T: serde::Serialize + std::fmt::Display>(v: &T, what: &str) -> usize {
    assert_eq!(ser(v), v.to_string(), "{what}");
    1
}

fn entities<'a>(e: Option<tlview::Vector<'a, MessageEntity<'a>>>, what: &str) -> usize {
    e.into_iter().flatten().map(|e| same(&e, what)).sum()
}

#[test]
fn typed_views_serialize_as_their_display() {
    let mut views = 0;
    for (name, bytes) in messages() {
        let u = Updates::decode(&bytes).unwrap();
        views += same(&u, &name);
        // The generated `Updates` enum, and the dynamic view's text.
        let g = tlview::enums::Updates::decode(&bytes).unwrap();
        views += same(&g, &name);
        let o = Object::decode_with(&bytes, Expect::Type(ty::UPDATES), &Limits::DEFAULT).unwrap();
        assert_eq!(ser(&u), Json(o).to_string(), "{name}");
        let update = |x: Update<'_>| {
            let o = x.object();
            assert_eq!(ser(&x), Json(o).to_string(), "{name}");
            same(&x, &name)
        };
        match u {
            Updates::UpdatesTooLong => {}
            Updates::UpdateShortMessage(m) => {
                assert_eq!(ser(&m), u.to_string(), "{name}");
                views += 1 + entities(m.entities(), &name);
                views += m.fwd_from().map_or(0, |h| same(&h, &name));
                views += m.reply_to().map_or(0, |h| same(&h, &name));
            }
            Updates::UpdateShortChatMessage(m) => {
                assert_eq!(ser(&m), u.to_string(), "{name}");
                views += 1 + entities(m.entities(), &name);
                views += m.fwd_from().map_or(0, |h| same(&h, &name));
                views += m.reply_to().map_or(0, |h| same(&h, &name));
            }
            Updates::UpdateShortSentMessage(m) => {
                assert_eq!(ser(&m), u.to_string(), "{name}");
                views += 1 + entities(m.entities(), &name);
                views += m.media().map_or(0, |x| same(&x, &name));
            }
            Updates::UpdateShort(s) => {
                assert_eq!(ser(&s), u.to_string(), "{name}");
                views += 1 + update(s.update());
            }
            Updates::UpdatesCombined(c) => {
                assert_eq!(ser(&c), u.to_string(), "{name}");
                views += 1;
                views += c.updates().into_iter().map(update).sum::<usize>();
                views += c
                    .users()
                    .into_iter()
                    .map(|x| same(&x, &name))
                    .sum::<usize>();
                views += c
                    .chats()
                    .into_iter()
                    .map(|x| same(&x, &name))
                    .sum::<usize>();
            }
            Updates::Updates(c) => {
                assert_eq!(ser(&c), u.to_string(), "{name}");
                views += 1;
                views += c.updates().into_iter().map(update).sum::<usize>();
                views += c
                    .users()
                    .into_iter()
                    .map(|x| same(&x, &name))
                    .sum::<usize>();
                views += c
                    .chats()
                    .into_iter()
                    .map(|x| same(&x, &name))
                    .sum::<usize>();
            }
        }
    }
    eprintln!("{views} typed views compared");
    assert!(views > 100, "{views} views");
}

#[test]
fn hand_written_values_serialize_as_their_display() {
    use tlview::api::Peer;
    use tlview::{AcceptContact, InputPeer, InputUser, TlStr};
    for p in [
        Peer::PeerUser { user_id: 1 },
        Peer::PeerChat { chat_id: -2 },
        Peer::PeerChannel { channel_id: 3 },
    ] {
        same(&p, "peer");
    }
    let users = [
        InputUser::InputUserEmpty,
        InputUser::InputUserSelf,
        InputUser::InputUser {
            user_id: 7,
            access_hash: -9_000_000_000,
        },
    ];
    for u in users {
        same(&u, "inputUser");
        same(&AcceptContact { id: u }, "acceptContact");
    }
    same(&InputPeer::InputPeerChat { chat_id: 5 }, "inputPeer");
    let e = MessageEntity::MessageEntityTextUrl {
        offset: 1,
        length: 2,
        url: TlStr::new(b"a\xffb\"\n"),
    };
    // Invalid UTF-8 as U+FFFD (without a heap: through `collect_str`), and
    // JSON's escapes.
    assert_eq!(ser(&e), e.to_string());
    assert!(
        ser(&e).contains("\"url\":\"a\u{fffd}b\\\"\\n\""),
        "{}",
        ser(&e)
    );
}

/// `textBold` nested `depth` deep around `textEmpty`, and `textConcat`
/// with one text (a vector level between each two objects).
fn deep(depth: usize, concat: bool) -> Vec<u8> {
    const TEXT_BOLD: u32 = 0x6724abc4;
    const TEXT_CONCAT: u32 = 0x7e6260d7;
    const TEXT_EMPTY: u32 = 0xdc3d824f;
    let mut v = Vec::new();
    for _ in 1..depth {
        if concat {
            v.extend(TEXT_CONCAT.to_le_bytes());
            v.extend(0x1cb5c415u32.to_le_bytes());
            v.extend(1u32.to_le_bytes());
        } else {
            v.extend(TEXT_BOLD.to_le_bytes());
        }
    }
    v.extend(TEXT_EMPTY.to_le_bytes());
    v
}

/// Decodes the deepest case (`concat`: a vector level between each two
/// objects) and serializes it with `serde_json`.
fn decode_serialize(concat: bool) -> String {
    let limits = Limits {
        max_depth: Limits::MAX_DEPTH,
        ..Limits::DEFAULT
    };
    let b = deep(Limits::MAX_DEPTH as usize, concat);
    let o = Object::decode_with(&b, Expect::Type(ty::RICH_TEXT), &limits).unwrap();
    serde_json::to_string(&o).unwrap()
}

fn on_stack(concat: bool, size: usize) -> Option<String> {
    std::thread::Builder::new()
        .stack_size(size)
        .spawn(move || decode_serialize(concat))
        .unwrap()
        .join()
        .ok()
}

/// The stack the deepest case is given: what serde_json needs for
/// [`Limits::MAX_DEPTH`] levels in a debug build, with room to spare
/// (`minimal_serde_stacks` measured 159 464 bytes for `bold`, 271 884 for
/// `concat` in debug; 61 352 and 83 836 in release).
const STACK: usize = 512 << 10;

/// The deepest objects the decoder admits ([`Limits::MAX_DEPTH`] levels,
/// with and without a vector between levels) serialize on a small thread
/// stack: serde's recursion is bounded by the decoder's depth limit, and
/// one level more is refused at decode, so nothing deeper reaches serde.
#[test]
fn the_deepest_admitted_objects_serialize_on_a_small_stack() {
    let limits = Limits {
        max_depth: Limits::MAX_DEPTH,
        ..Limits::DEFAULT
    };
    for concat in [false, true] {
        let depth = Limits::MAX_DEPTH as usize;
        let b = deep(depth, concat);
        let o = Object::decode_with(&b, Expect::Type(ty::RICH_TEXT), &limits).unwrap();
        let want = Json(o).to_string();
        assert_eq!(on_stack(concat, STACK).as_deref(), Some(&*want));
        let b = deep(depth + 1, concat);
        assert!(Object::decode_with(&b, Expect::Type(ty::RICH_TEXT), &limits).is_err());
    }
}

/// The child side of [`minimal_serde_stacks`]: runs the case named by
/// TLVIEW_SERDE_STACK_PROBE (`bold|concat:bytes`).
#[test]
fn serde_stack_probe_child() {
    let Ok(spec) = std::env::var("TLVIEW_SERDE_STACK_PROBE") else {
        return;
    };
    let (case, size) = spec.split_once(':').unwrap();
    assert!(on_stack(case == "concat", size.parse().unwrap()).is_some());
}

/// Binary search, in child processes (an overflow aborts the process), for
/// the smallest thread stack on which each deepest case decodes and
/// serializes. Run in release and in debug to get both figures.
#[test]
#[ignore = "spawns many child processes; prints the figures"]
fn minimal_serde_stacks() {
    let exe = std::env::current_exe().unwrap();
    for case in ["bold", "concat"] {
        let works = |size: usize| {
            std::process::Command::new(&exe)
                .args(["--exact", "serde_stack_probe_child", "--test-threads=1"])
                .env("TLVIEW_SERDE_STACK_PROBE", format!("{case}:{size}"))
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .status()
                .unwrap()
                .success()
        };
        let (mut lo, mut hi) = (16usize << 10, 8 << 20);
        assert!(works(hi), "{case} fails even on 8 MiB");
        while hi - lo > 1024 {
            let mid = (lo + hi) / 2;
            if works(mid) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        println!("{case}{}: {hi} bytes of stack", Limits::MAX_DEPTH);
    }
}
