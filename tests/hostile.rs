//! Hostile inputs against whole messages: every attack has a named test that
//! asserts the exact error (kind and offset) where one is defined. Over
//! everything the tests build, two properties hold (checked by [`props`],
//! through the fuzz harness): whatever decode or walk accepts is fully
//! readable through the typed and dynamic views and prints as TL JSON
//! without error; and what the walker refuses, the views refuse too.
//!
//! Also here: near-linear work on inputs of growing size, and the smallest
//! thread stacks on which the deepest allowed inputs decode, walk and print
//! (`cargo test --release --test hostile -- --ignored --nocapture
//! minimal_stacks` prints them).

#![cfg(feature = "names")]

use tlview::json::Json;
use tlview::mtproto::MsgContainer;
use tlview::object::{Object, Value};
use tlview::reader::VECTOR;
use tlview::schema::{id, ty};
use tlview::walk::{walk, walk_exact, Expect};
use tlview::{AcceptContact, AcceptContactReply, ErrorKind, Item, Limits, Updates};
use tlview_fuzzing as fuzzing;

mod common;
use common::B;

// ------------------------------------------------------------------ helpers

const TEXT_BOLD: u32 = 0x6724_abc4;
const TEXT_EMPTY: u32 = 0xdc3d_824f;
const TEXT_CONCAT: u32 = 0x7e62_60d7;
const PAGE_BLOCK_COVER: u32 = 0x39f2_3300;
const PAGE_BLOCK_UNSUPPORTED: u32 = 0x1356_7e8a;
const JSON_NUMBER: u32 = 0x2be0_dfa4;
const JSON_BOOL: u32 = 0xc734_5e6a;
const BOOL_TRUE: u32 = 0x9972_75b5;
const BOOL_FALSE: u32 = 0xbc79_9737;

fn golden(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/data/{name}.bin",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

const GOLDEN: [&str; 6] = [
    "short_message",
    "short_chat_message",
    "short_sent",
    "update_short",
    "updates_50",
    "updates_combined_10",
];

fn kind_at<T: std::fmt::Debug>(r: tlview::Result<T>) -> (ErrorKind, usize) {
    let e = r.unwrap_err();
    (e.kind(), e.offset())
}

/// The two properties, through the fuzz harness (which panics when one
/// breaks): the input as `Updates`, as any object, and as a type-0..N walk.
fn props(bytes: &[u8]) {
    fuzzing::decode_updates(bytes);
    fuzzing::json(bytes);
    let mut any = 0x8000u16.to_le_bytes().to_vec();
    any.extend_from_slice(bytes);
    fuzzing::walk_any(&any);
}

/// updateShortMessage with only `entities` (flags.7), whose vector is
/// `vector_part` (the id, the count and what follows).
fn short_with_entities(vector_part: &[u8]) -> Vec<u8> {
    common::short_message_head(1 << 7, b"hi").raw(vector_part).0
}

/// The offset of the entities vector in [`short_with_entities`]: id, flags,
/// id, user_id (16), "hi" (4), pts, pts_count, date (12).
const ENTITIES_AT: usize = 32;

/// updateShortMessage with no optional field and `message` given raw.
fn short_with_raw_message(message: &[u8]) -> Vec<u8> {
    B::new()
        .id(id::UPDATE_SHORT_MESSAGE)
        .int(0)
        .int(1)
        .int(2)
        .raw(message)
        .int(3)
        .int(4)
        .int(5)
        .0
}

const MESSAGE_AT: usize = 16;

fn updates_typed_and_walked(b: &[u8]) -> ((ErrorKind, usize), (ErrorKind, usize)) {
    (
        kind_at(Updates::decode(b)),
        kind_at(walk_exact(b, Expect::Type(ty::UPDATES), &Limits::DEFAULT)),
    )
}

// ---------------------------------------------------------- tiny and cut

#[test]
fn empty_and_one_to_three_bytes() {
    for n in 0..4usize {
        let b = vec![0xabu8; n];
        let want = (
            ErrorKind::UnexpectedEnd {
                what: Item::ConstructorId,
                needed: 4,
                available: n as u32,
            },
            0,
        );
        assert_eq!(kind_at(Updates::decode(&b)), want, "{n} bytes");
        assert_eq!(kind_at(walk(&b, Expect::Any, &Limits::DEFAULT)), want);
        assert_eq!(kind_at(Object::decode(&b, Expect::Type(ty::USER))), want);
        assert_eq!(kind_at(MsgContainer::decode(&b)), want);
        assert_eq!(kind_at(AcceptContact::decode(&b)), want);
        assert!(AcceptContactReply::decode(&b).is_err());
        props(&b);
    }
}

#[test]
fn every_golden_message_cut_at_every_offset() {
    for name in GOLDEN {
        let full = golden(name);
        for cut in 0..full.len() {
            let b = &full[..cut];
            let (typed, walked) = updates_typed_and_walked(b);
            // A prefix can only run out of bytes, or hold a count that the
            // bytes left cannot hold.
            for (kind, at) in [typed, walked] {
                assert!(
                    matches!(
                        kind,
                        ErrorKind::UnexpectedEnd { .. } | ErrorKind::ImpossibleCount { .. }
                    ),
                    "{name} cut at {cut}: {kind:?}"
                );
                assert!(at <= cut, "{name} cut at {cut}: error at {at}");
            }
            assert!(Object::decode(b, Expect::Any).is_err());
            assert!(Updates::decode_prefix(b).is_err());
        }
        // The harness over a sample of cuts (every cut for the small ones).
        let step = (full.len() / 200).max(1);
        for cut in (0..full.len()).step_by(step) {
            props(&full[..cut]);
        }
    }
}

#[test]
fn trailing_bytes_after_a_valid_object() {
    for name in GOLDEN {
        let mut b = golden(name);
        let n = b.len();
        b.extend([0, 0, 0, 0, 7]);
        let want = (ErrorKind::TrailingBytes { count: 5 }, n);
        assert_eq!(kind_at(Updates::decode(&b)), want);
        assert_eq!(kind_at(walk_exact(&b, Expect::Any, &Limits::DEFAULT)), want);
        assert_eq!(kind_at(Object::decode(&b, Expect::Any)), want);
        assert_eq!(walk(&b, Expect::Any, &Limits::DEFAULT), Ok(n));
        let (_, rest) = Updates::decode_prefix(&b).unwrap();
        assert_eq!(rest, &[0, 0, 0, 0, 7]);
        props(&b);
    }
}

// ------------------------------------------------------------------ vectors

#[test]
fn impossible_vector_counts_inside_short_message_entities() {
    for count in [0x7fff_ffffu32, 0xffff_ffff, 0x4000_0000, (-1i32) as u32] {
        for left in 4..=8usize {
            let mut v = B::new().id(VECTOR).id(count).0;
            v.extend(vec![0u8; left]);
            let b = short_with_entities(&v);
            let want = (
                ErrorKind::ImpossibleCount {
                    count,
                    remaining: left as u32,
                },
                ENTITIES_AT + 4,
            );
            let (typed, walked) = updates_typed_and_walked(&b);
            assert_eq!(typed, want, "count {count:#x}, {left} left");
            assert_eq!(walked, want, "count {count:#x}, {left} left");
            props(&b);
        }
    }
}

#[test]
fn empty_vector_and_exact_counts_are_fine() {
    let b = short_with_entities(&B::new().id(VECTOR).int(0).0);
    let Updates::UpdateShortMessage(m) = Updates::decode(&b).unwrap() else {
        panic!()
    };
    assert_eq!(m.entities().unwrap().len(), 0);
    props(&b);
}

#[test]
fn wrong_id_where_a_vector_belongs() {
    for found in [0u32, 0x1cb5_c416, BOOL_TRUE, id::MESSAGE_ENTITY_BOLD] {
        let b = short_with_entities(&B::new().id(found).int(0).0);
        let want = (
            ErrorKind::UnexpectedConstructor {
                expected: VECTOR,
                found,
            },
            ENTITIES_AT,
        );
        let (typed, walked) = updates_typed_and_walked(&b);
        assert_eq!((typed, walked), (want, want));
        props(&b);
    }
}

#[test]
fn a_vector_of_100_000_tiny_objects_is_accepted_and_fast() {
    let n = 100_000;
    let mut b = B::new().id(TEXT_CONCAT).id(VECTOR).int(n);
    for _ in 0..n {
        b = b.id(TEXT_EMPTY);
    }
    let t = std::time::Instant::now();
    assert_eq!(
        walk(&b.0, Expect::Type(ty::RICH_TEXT), &Limits::DEFAULT),
        Ok(b.len())
    );
    let walked = t.elapsed();
    let o = Object::decode(&b.0, Expect::Type(ty::RICH_TEXT)).unwrap();
    let st = fuzzing::visit(o);
    assert_eq!(st.elements, n as usize);
    assert_eq!(st.objects, n as usize + 1);
    let text = Json(o).to_string();
    assert_eq!(text.matches("textEmpty").count(), n as usize);
    // Generous even for a debug build on a busy machine: linear work is a
    // few milliseconds.
    assert!(walked.as_secs() < 5, "walking took {walked:?}");
}

// ------------------------------------------------------------------ strings

#[test]
fn string_first_byte_255() {
    let b = short_with_raw_message(&[255, 0, 0, 0]);
    let want = (ErrorKind::InvalidLengthPrefix, MESSAGE_AT);
    assert_eq!(updates_typed_and_walked(&b), (want, want));
    props(&b);
}

#[test]
fn string_long_form_for_a_length_below_254() {
    for len in [0u8, 1, 3, 200, 253] {
        let mut s = vec![254, len, 0, 0];
        s.extend(vec![b'a'; usize::from(len)]);
        s.resize(s.len().next_multiple_of(4), 0);
        let b = short_with_raw_message(&s);
        let want = (
            ErrorKind::NonCanonicalLength { len: len.into() },
            MESSAGE_AT,
        );
        assert_eq!(updates_typed_and_walked(&b), (want, want), "len {len}");
        props(&b);
    }
}

#[test]
fn string_three_byte_length_ffffff() {
    let mut s = vec![254, 0xff, 0xff, 0xff];
    s.extend([b'x'; 8]);
    let b = short_with_raw_message(&s);
    // After the 4-byte header: 8 bytes of data and the 12 of pts, pts_count
    // and date.
    let want = (
        ErrorKind::UnexpectedEnd {
            what: Item::StringData,
            needed: 0xff_ffff,
            available: 20,
        },
        MESSAGE_AT,
    );
    assert_eq!(updates_typed_and_walked(&b), (want, want));
    props(&b);
}

#[test]
fn string_nonzero_padding_in_each_position() {
    // "a" takes 1 + 1 bytes, padded with 2; "" takes 1, padded with 3.
    for (data, pads) in [(&b"a"[..], 2usize), (&b""[..], 3), (&b"abcd"[..], 3)] {
        for pos in 0..pads {
            let mut s = vec![data.len() as u8];
            s.extend_from_slice(data);
            let mut pad = vec![0u8; pads];
            pad[pos] = 0x5a;
            s.extend(&pad);
            let b = short_with_raw_message(&s);
            let at = MESSAGE_AT + 1 + data.len() + pos;
            let want = (ErrorKind::NonZeroPadding { byte: 0x5a }, at);
            assert_eq!(updates_typed_and_walked(&b), (want, want), "{data:?} {pos}");
            props(&b);
        }
    }
    // The long form's padding too: 254 bytes take 4 + 254, padded with 2.
    for pos in 0..2 {
        let mut s = vec![254, 254, 0, 0];
        s.extend([b'z'; 254]);
        let mut pad = [0u8; 2];
        pad[pos] = 1;
        s.extend(pad);
        let b = short_with_raw_message(&s);
        let want = (
            ErrorKind::NonZeroPadding { byte: 1 },
            MESSAGE_AT + 258 + pos,
        );
        assert_eq!(updates_typed_and_walked(&b), (want, want));
    }
}

#[test]
fn invalid_utf8_decodes_and_prints_replacement_characters() {
    let bad = b"ok \xff\xfe \xc3 end \xe2\x82";
    let b = B::new()
        .id(id::UPDATE_SHORT_MESSAGE)
        .int(0)
        .int(1)
        .int(2)
        .string(bad)
        .int(3)
        .int(4)
        .int(5)
        .0;
    let Updates::UpdateShortMessage(m) = Updates::decode(&b).unwrap() else {
        panic!()
    };
    assert_eq!(m.message().as_bytes(), bad);
    assert!(m.message().to_str().is_err());
    let typed = Updates::decode(&b).unwrap().to_string();
    let dynamic = Json(Object::decode(&b, Expect::Any).unwrap()).to_string();
    assert_eq!(typed, dynamic);
    assert!(
        typed.contains("\"message\":\"ok \u{fffd}\u{fffd} \u{fffd} end \u{fffd}\""),
        "{typed}"
    );
    serde_json::from_str::<serde_json::Value>(&typed).unwrap();
    props(&b);
}

// ------------------------------------------------------------ constructors

#[test]
fn unknown_id_at_the_root() {
    let b = B::new().id(0xdead_beef).int(0).0;
    let want = (ErrorKind::UnknownConstructor { id: 0xdead_beef }, 0);
    assert_eq!(updates_typed_and_walked(&b), (want, want));
    assert_eq!(kind_at(walk(&b, Expect::Any, &Limits::DEFAULT)), want);
    props(&b);
}

#[test]
fn unknown_id_inside_a_vector() {
    // updates#74ae4240 whose second update is unknown.
    let b = B::new()
        .id(id::UPDATES)
        .id(VECTOR)
        .int(2)
        .id(id::UPDATE_USER_STATUS)
        .int(5)
        .id(id::USER_STATUS_RECENTLY)
        .id(0xdead_beef)
        .int(0)
        .int(0)
        .0;
    let want = (ErrorKind::UnknownConstructor { id: 0xdead_beef }, 24);
    assert_eq!(updates_typed_and_walked(&b), (want, want));
    props(&b);
}

#[test]
fn unknown_id_inside_an_optional_field() {
    // updateShortMessage with fwd_from (flags.2) holding an unknown id.
    let b = B::new()
        .id(id::UPDATE_SHORT_MESSAGE)
        .int(1 << 2)
        .int(1)
        .int(2)
        .string(b"")
        .int(3)
        .int(4)
        .int(5)
        .id(0x0bad_f00d)
        .int(0)
        .0;
    let want = (ErrorKind::UnknownConstructor { id: 0x0bad_f00d }, 32);
    assert_eq!(updates_typed_and_walked(&b), (want, want));
    props(&b);
}

#[test]
fn known_id_of_the_wrong_type() {
    // A peerUser where fwd_from's MessageFwdHeader belongs.
    let b = B::new()
        .id(id::UPDATE_SHORT_MESSAGE)
        .int(1 << 2)
        .int(1)
        .int(2)
        .string(b"")
        .int(3)
        .int(4)
        .int(5)
        .id(id::PEER_USER)
        .int(0)
        .0;
    let want = (
        ErrorKind::WrongType {
            expected_type: ty::MESSAGE_FWD_HEADER,
            found: id::PEER_USER,
        },
        32,
    );
    assert_eq!(updates_typed_and_walked(&b), (want, want));
    // A User at the root where Updates belongs.
    let u = B::new().id(id::USER_EMPTY).int(1).0;
    let want = (
        ErrorKind::WrongType {
            expected_type: ty::UPDATES,
            found: id::USER_EMPTY,
        },
        0,
    );
    assert_eq!(updates_typed_and_walked(&u), (want, want));
    props(&b);
    props(&u);
}

#[test]
fn bool_zero_one_and_a_random_id() {
    for (v, ok) in [
        (BOOL_TRUE, Some(true)),
        (BOOL_FALSE, Some(false)),
        (0, None),
        (1, None),
        (0x5eed_1234, None),
        (id::UPDATES_TOO_LONG, None),
    ] {
        let b = B::new().id(JSON_BOOL).id(v).0;
        let r = Object::decode(&b, Expect::Type(ty::JSON_VALUE));
        match ok {
            Some(x) => {
                let o = r.unwrap();
                assert!(matches!(o.fields().next().unwrap().value, Value::Bool(y) if y == x));
                assert_eq!(
                    Json(o).to_string(),
                    format!(r#"{{"_":"jsonBool","value":{x}}}"#)
                );
            }
            None => assert_eq!(kind_at(r), (ErrorKind::InvalidBool { id: v }, 4)),
        }
        props(&b);
    }
}

// -------------------------------------------------------------------- flags

/// Flags words every bit of which some field of the constructor declares.
const SHORT_MESSAGE_DECLARED: u32 =
    1 << 1 | 1 << 2 | 1 << 3 | 1 << 4 | 1 << 5 | 1 << 7 | 1 << 11 | 1 << 13;
const FWD_DECLARED: u32 = 0b111_1101;
const USER_DECLARED: u32 = 0x03ff_fc7f;
const GEO_POINT_DECLARED: u32 = 1;

fn undeclared_cases(declared: u32) -> Vec<u32> {
    let mut v = vec![0xffff_ffff];
    v.extend((0..32).map(|b| 1u32 << b).filter(|b| b & declared == 0));
    v
}

#[test]
fn undeclared_flags_are_refused_update_short_message() {
    for flags in undeclared_cases(SHORT_MESSAGE_DECLARED) {
        let b = B::new()
            .id(id::UPDATE_SHORT_MESSAGE)
            .id(flags)
            .raw(&[0; 64])
            .0;
        let want = (
            ErrorKind::UndeclaredFlags {
                flags,
                undeclared: flags & !SHORT_MESSAGE_DECLARED,
            },
            4,
        );
        assert_eq!(updates_typed_and_walked(&b), (want, want), "{flags:#x}");
        props(&b);
    }
}

#[test]
fn undeclared_flags_are_refused_message_fwd_header() {
    for flags in undeclared_cases(FWD_DECLARED) {
        let b = B::new()
            .id(id::UPDATE_SHORT_MESSAGE)
            .int(1 << 2)
            .int(1)
            .int(2)
            .string(b"")
            .int(3)
            .int(4)
            .int(5)
            .id(id::MESSAGE_FWD_HEADER)
            .id(flags)
            .raw(&[0; 64])
            .0;
        let want = (
            ErrorKind::UndeclaredFlags {
                flags,
                undeclared: flags & !FWD_DECLARED,
            },
            36,
        );
        assert_eq!(updates_typed_and_walked(&b), (want, want), "{flags:#x}");
    }
}

#[test]
fn undeclared_flags_are_refused_user() {
    for flags in undeclared_cases(USER_DECLARED) {
        // updates#74ae4240 { updates: [], users: [user { flags ... }] ... }
        let b = B::new()
            .id(id::UPDATES)
            .id(VECTOR)
            .int(0)
            .id(VECTOR)
            .int(1)
            .id(id::USER)
            .id(flags)
            .raw(&[0; 64])
            .0;
        let want = (
            ErrorKind::UndeclaredFlags {
                flags,
                undeclared: flags & !USER_DECLARED,
            },
            24,
        );
        assert_eq!(updates_typed_and_walked(&b), (want, want), "{flags:#x}");
    }
}

#[test]
fn undeclared_flags_are_refused_geo_point() {
    for flags in undeclared_cases(GEO_POINT_DECLARED) {
        let b = B::new().id(id::GEO_POINT).id(flags).raw(&[0; 32]).0;
        let want = (
            ErrorKind::UndeclaredFlags {
                flags,
                undeclared: flags & !GEO_POINT_DECLARED,
            },
            4,
        );
        assert_eq!(
            kind_at(walk(&b, Expect::Type(ty::GEO_POINT), &Limits::DEFAULT)),
            want
        );
    }
}

// -------------------------------------------------------------------- depth

/// `wrapper` nested so that the whole has `depth` objects, the innermost a
/// `leaf`: 4 bytes per level.
fn chain(wrapper: u32, leaf: u32, depth: usize) -> Vec<u8> {
    let mut v = Vec::with_capacity(depth * 4);
    for _ in 1..depth {
        v.extend(wrapper.to_le_bytes());
    }
    v.extend(leaf.to_le_bytes());
    v
}

/// `textConcat` with one text, nested to `depth` objects around textEmpty:
/// 12 bytes per level.
fn concat_chain(depth: usize) -> Vec<u8> {
    let mut v = Vec::with_capacity(depth * 12);
    for _ in 1..depth {
        v.extend(TEXT_CONCAT.to_le_bytes());
        v.extend(VECTOR.to_le_bytes());
        v.extend(1u32.to_le_bytes());
    }
    v.extend(TEXT_EMPTY.to_le_bytes());
    v
}

fn check_depths(make: impl Fn(usize) -> Vec<u8>, expect: Expect, per_level: usize) {
    for (limit, limits) in [
        (64, Limits::DEFAULT),
        (
            128,
            Limits {
                max_depth: 128,
                ..Limits::DEFAULT
            },
        ),
        (
            128,
            Limits {
                max_depth: 100_000,
                ..Limits::DEFAULT
            },
        ),
        (
            1,
            Limits {
                max_depth: 1,
                ..Limits::DEFAULT
            },
        ),
    ] {
        for depth in [1, 2, 63, 64, 65, 127, 128, 129, 1000, 262_144] {
            let b = make(depth);
            let r = walk(&b, expect, &limits);
            if depth <= limit {
                assert_eq!(r, Ok(b.len()), "depth {depth} under limit {limit}");
                let o = Object::decode_with(&b, expect, &limits).unwrap();
                assert_eq!(fuzzing::visit(o).max_level as usize, depth);
                Json(o).to_string();
            } else {
                // The first object past the limit starts `limit` levels in.
                let want = (
                    ErrorKind::DepthLimit {
                        limit: limit as u32,
                    },
                    limit * per_level,
                );
                assert_eq!(kind_at(r), want, "depth {depth} under limit {limit}");
                assert_eq!(kind_at(Object::decode_with(&b, expect, &limits)), want);
            }
        }
    }
}

#[test]
fn nesting_text_bold_four_bytes_per_level() {
    check_depths(
        |d| chain(TEXT_BOLD, TEXT_EMPTY, d),
        Expect::Type(ty::RICH_TEXT),
        4,
    );
}

#[test]
fn nesting_page_block_cover_four_bytes_per_level() {
    check_depths(
        |d| chain(PAGE_BLOCK_COVER, PAGE_BLOCK_UNSUPPORTED, d),
        Expect::Type(ty::PAGE_BLOCK),
        4,
    );
    check_depths(
        |d| chain(PAGE_BLOCK_COVER, PAGE_BLOCK_UNSUPPORTED, d),
        Expect::Any,
        4,
    );
}

#[test]
fn nesting_text_concat_twelve_bytes_per_level() {
    check_depths(concat_chain, Expect::Type(ty::RICH_TEXT), 12);
}

#[test]
fn deep_inputs_through_the_harness() {
    for d in [63, 64, 65, 1000] {
        props(&chain(TEXT_BOLD, TEXT_EMPTY, d));
        props(&concat_chain(d));
        let mut sel = ty::RICH_TEXT.0.to_le_bytes().to_vec();
        sel.extend(chain(TEXT_BOLD, TEXT_EMPTY, d));
        fuzzing::walk_any(&sel);
    }
}

/// The typed views count nested objects as the walker does, so a depth
/// limit refuses the same messages through both.
#[test]
fn typed_views_and_walker_agree_on_depth_limits() {
    for name in GOLDEN {
        let b = golden(name);
        for d in 0..8 {
            let limits = Limits {
                max_depth: d,
                ..Limits::DEFAULT
            };
            let typed = Updates::decode_with(&b, &limits).map(|_| ());
            let walked = walk_exact(&b, Expect::Type(ty::UPDATES), &limits);
            assert_eq!(typed.is_ok(), walked.is_ok(), "{name} depth {d}");
            if let Err(w) = walked {
                if matches!(w.kind(), ErrorKind::DepthLimit { .. }) {
                    assert_eq!(typed, Err(w), "{name} depth {d}");
                }
            }
        }
    }
}

/// A depth limit of 0 admits no object at all, not even `updatesTooLong`
/// (which has no fields): typed decode and walker give the same error.
#[test]
fn depth_limit_zero_refuses_every_root() {
    let limits = Limits {
        max_depth: 0,
        ..Limits::DEFAULT
    };
    let too_long = id::UPDATES_TOO_LONG.to_le_bytes();
    let expected = Err(tlview::Error::new(ErrorKind::DepthLimit { limit: 0 }, 0));
    assert_eq!(
        Updates::decode_with(&too_long, &limits).map(|_| ()),
        expected
    );
    assert_eq!(
        walk_exact(&too_long, Expect::Type(ty::UPDATES), &limits),
        expected
    );
    for name in GOLDEN {
        let b = golden(name);
        assert_eq!(
            Updates::decode_with(&b, &limits).map(|_| ()),
            expected,
            "{name}"
        );
    }
    // One level is enough for updatesTooLong.
    let one = Limits {
        max_depth: 1,
        ..Limits::DEFAULT
    };
    assert!(matches!(
        Updates::decode_with(&too_long, &one),
        Ok(Updates::UpdatesTooLong)
    ));
}

// -------------------------------------------------------------- containers

/// A msg_container with the given raw count and items.
fn container(count: u32, items: &[u8]) -> Vec<u8> {
    B::new().id(id::MSG_CONTAINER).id(count).raw(items).0
}

/// One `message msg_id seqno bytes body`, `bytes` as given.
fn message(declared: i32, body: &[u8]) -> Vec<u8> {
    B::new().long(7).int(3).int(declared).raw(body).0
}

fn container_agrees(b: &[u8]) -> tlview::Result<usize> {
    let typed = MsgContainer::decode(b).map(|c| c.len());
    let walked = walk_exact(b, Expect::Any, &Limits::DEFAULT);
    assert_eq!(typed.is_ok(), walked.is_ok(), "{typed:?} vs {walked:?}");
    props(b);
    typed
}

#[test]
fn container_with_no_messages() {
    let b = container(0, &[]);
    assert_eq!(container_agrees(&b), Ok(0));
    assert_eq!(
        Json(Object::decode(&b, Expect::Any).unwrap()).to_string(),
        r#"{"_":"msg_container","messages":[]}"#
    );
}

#[test]
fn container_with_huge_and_negative_counts() {
    let body = B::new().id(BOOL_TRUE).0;
    let items = message(4, &body);
    for count in [0x7fff_ffffu32, 0xffff_ffff, 0x4000_0000, 2] {
        let b = container(count, &items);
        // One 20-byte message is there: 2 or more cannot fit.
        let e = container_agrees(&b).unwrap_err();
        assert_eq!(
            (e.kind(), e.offset()),
            (
                ErrorKind::ImpossibleCount {
                    count,
                    remaining: 20
                },
                4
            )
        );
    }
}

#[test]
fn container_item_lengths_that_lie() {
    let body = B::new()
        .id(id::UPDATE_SHORT)
        .id(id::UPDATE_USER_STATUS)
        .int(5)
        .id(id::USER_STATUS_RECENTLY)
        .int(9)
        .0; // 20 bytes
            // The truth.
    let b = container(1, &message(20, &body));
    assert_eq!(container_agrees(&b), Ok(1));
    // Shorter than the body: the body is read inside 16 bytes and runs out.
    // (The container's id and count take bytes 0..8, the message header
    // 8..24, the body starts at 24: its date at 40 is past the 16 bytes.)
    let b = container(1, &message(16, &body));
    let e = container_agrees(&b).unwrap_err();
    assert_eq!(
        (e.kind(), e.offset()),
        (
            ErrorKind::UnexpectedEnd {
                what: Item::Int,
                needed: 4,
                available: 0
            },
            40
        )
    );
    // Longer than the body (and than what is left).
    let b = container(1, &message(24, &body));
    let e = container_agrees(&b).unwrap_err();
    assert_eq!(
        (e.kind(), e.offset()),
        (
            ErrorKind::UnexpectedEnd {
                what: Item::Object,
                needed: 24,
                available: 20
            },
            24
        )
    );
    // Longer than the body, with bytes after it: the body must fill its
    // declared length exactly.
    let mut padded = body.clone();
    padded.extend([0; 4]);
    let b = container(1, &message(24, &padded));
    let e = container_agrees(&b).unwrap_err();
    assert_eq!(
        (e.kind(), e.offset()),
        (
            ErrorKind::LengthMismatch {
                declared: 24,
                actual: 20
            },
            44
        )
    );
    // Negative.
    let b = container(1, &message(-4, &body));
    let e = container_agrees(&b).unwrap_err();
    assert_eq!(
        (e.kind(), e.offset()),
        (ErrorKind::InvalidLength { value: -4 }, 20)
    );
    // A lie in the first item cannot shift the second.
    let mut items = message(4, &B::new().id(BOOL_TRUE).0);
    items.extend(message(20, &body));
    assert_eq!(container_agrees(&container(2, &items)), Ok(2));
}

/// The container and the walker count the same levels: a message is a
/// (bare) object, and its body is nested in it.
#[test]
fn container_bodies_and_the_walker_count_depth_alike() {
    for d in [60, 61, 62, 63, 64] {
        let body = chain(TEXT_BOLD, TEXT_EMPTY, d);
        // textBold chains are RichText, not an object a message may carry
        // as a top-level reply, but `body:Object` takes any boxed object.
        let b = container(1, &message(body.len() as i32, &body));
        let r = container_agrees(&b);
        // Container (1), message (2), the body's d levels.
        assert_eq!(r.is_ok(), d + 2 <= 64, "body depth {d}: {r:?}");
    }
}

// -------------------------------------------------------------------- doubles

#[test]
fn every_double_class_through_the_dynamic_view_and_json() {
    let cases: [(u64, &str); 12] = [
        (f64::NAN.to_bits(), r#""NaN""#),
        (0x7ff0_0000_0000_0001, r#""NaN""#), // signalling NaN
        (0x7ff8_dead_beef_0001, r#""NaN""#), // quiet, with payload
        ((-f64::NAN).to_bits(), r#""NaN""#), // negative NaN
        (0.0f64.to_bits(), "0.0"),
        ((-0.0f64).to_bits(), "-0.0"),
        (f64::INFINITY.to_bits(), r#""Infinity""#),
        (f64::NEG_INFINITY.to_bits(), r#""-Infinity""#),
        (1, "5e-324"), // smallest subnormal
        (f64::MAX.to_bits(), "1.7976931348623157e308"),
        (1.5f64.to_bits(), "1.5"),
        ((-2.25f64).to_bits(), "-2.25"),
    ];
    for (bits, text) in cases {
        let b = B::new().id(JSON_NUMBER).double(f64::from_bits(bits)).0;
        let o = Object::decode(&b, Expect::Type(ty::JSON_VALUE)).unwrap();
        let Value::Double(d) = o.fields().next().unwrap().value else {
            panic!()
        };
        assert_eq!(d.to_bits(), bits, "the bits are kept");
        let json = Json(o).to_string();
        assert_eq!(json, format!(r#"{{"_":"jsonNumber","value":{text}}}"#));
        serde_json::from_str::<serde_json::Value>(&json).unwrap();
        props(&b);
        // geoPoint: two doubles and the optional accuracy_radius.
        let g = B::new()
            .id(id::GEO_POINT)
            .int(1)
            .double(f64::from_bits(bits))
            .double(-0.0)
            .long(-1)
            .int(50)
            .0;
        let o = Object::decode(&g, Expect::Type(ty::GEO_POINT)).unwrap();
        assert_eq!(
            Json(o).to_string(),
            format!(
                r#"{{"_":"geoPoint","long":{text},"lat":-0.0,"access_hash":"-1","accuracy_radius":50}}"#
            )
        );
        props(&g);
    }
}

// --------------------------------------------------------------------- gzip

#[cfg(feature = "gzip")]
mod gzip {
    use super::*;
    use tlview::gzip::{unpack, unpack_packed};
    use tlview::{GzipFailure, Reader};

    fn gz(name: &str) -> Vec<u8> {
        std::fs::read(format!(
            "{}/tests/data/gzip/{name}.gz",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    }

    fn fail(r: tlview::Result<&[u8]>) -> (ErrorKind, usize) {
        let e = r.unwrap_err();
        (e.kind(), e.offset())
    }

    fn packed(member: &[u8]) -> Vec<u8> {
        B::new().id(id::GZIP_PACKED).string(member).0
    }

    #[test]
    fn gzip_good_members_unpack() {
        let short = golden("short_message");
        let mut out = vec![0u8; 4096];
        for name in ["short-message", "python-gzip", "stored"] {
            assert_eq!(
                unpack(&gz(name), &mut out, 4096).unwrap(),
                &short[..],
                "{name}"
            );
        }
        assert_eq!(unpack(&gz("hi"), &mut out, 4096).unwrap(), b"hi");
        assert_eq!(unpack(&gz("empty"), &mut out, 4096).unwrap(), b"");
        // FEXTRA, FNAME, FCOMMENT and FHCRC in the header.
        assert_eq!(
            unpack(&gz("header-flags"), &mut out, 4096).unwrap(),
            &id::UPDATES_TOO_LONG.to_le_bytes()
        );
        // Through gzip_packed, with message offsets.
        let p = packed(&gz("short-message"));
        let mut r = Reader::new(&p);
        assert_eq!(
            unpack_packed(&mut r, &mut out, &Limits::DEFAULT).unwrap(),
            &short[..]
        );
        assert!(r.is_empty());
    }

    #[test]
    fn gzip_truncated() {
        let mut out = vec![0u8; 4096];
        let (k, _) = fail(unpack(&gz("truncated"), &mut out, 4096));
        assert_eq!(
            k,
            ErrorKind::Gzip {
                what: GzipFailure::Deflate
            }
        );
        let t = gz("truncated-trailer");
        let (k, at) = fail(unpack(&t, &mut out, 4096));
        assert_eq!(
            k,
            ErrorKind::Gzip {
                what: GzipFailure::Length
            }
        );
        assert_eq!(at, t.len() + 3 - 4);
        // Cut anywhere: an error, never a panic.
        let good = gz("short-message");
        for cut in 0..good.len() {
            assert!(
                unpack(&good[..cut], &mut out, 4096).is_err(),
                "cut at {cut}"
            );
        }
    }

    #[test]
    fn gzip_bad_crc_and_bad_length() {
        let mut out = vec![0u8; 4096];
        let b = gz("bad-crc");
        assert_eq!(
            fail(unpack(&b, &mut out, 4096)),
            (
                ErrorKind::Gzip {
                    what: GzipFailure::Crc
                },
                b.len() - 8
            )
        );
        let b = gz("bad-length");
        assert_eq!(
            fail(unpack(&b, &mut out, 4096)),
            (
                ErrorKind::Gzip {
                    what: GzipFailure::Length
                },
                b.len() - 4
            )
        );
    }

    #[test]
    fn gzip_trailing_garbage() {
        let mut out = vec![0u8; 4096];
        let b = gz("trailing-garbage");
        assert_eq!(
            fail(unpack(&b, &mut out, 4096)),
            (
                ErrorKind::Gzip {
                    what: GzipFailure::TrailingData
                },
                b.len() - 5
            )
        );
    }

    #[test]
    fn gzip_bomb_over_the_buffer_is_refused() {
        let bomb = gz("bomb-10mib-plus-1");
        assert!(bomb.len() < 16 * 1024, "{} bytes", bomb.len());
        let mut out = vec![0u8; 10 << 20];
        let (k, _) = fail(unpack(&bomb, &mut out, Limits::DEFAULT.max_unpacked));
        assert_eq!(k, ErrorKind::OutputLimit { limit: 10 << 20 });
        // Under the default 16 MiB limit with a big enough buffer it fits.
        let mut big = vec![0u8; 11 << 20];
        assert_eq!(
            unpack(&bomb, &mut big, Limits::DEFAULT.max_unpacked)
                .unwrap()
                .len(),
            (10 << 20) + 1
        );
        // And the limit binds as the buffer does.
        let (k, _) = fail(unpack(&bomb, &mut big, 1 << 20));
        assert_eq!(k, ErrorKind::OutputLimit { limit: 1 << 20 });
    }

    #[test]
    fn gzip_output_that_exactly_fits_is_accepted() {
        let exact = gz("exactly-10mib");
        let mut out = vec![0u8; 10 << 20];
        assert_eq!(
            unpack(&exact, &mut out, Limits::DEFAULT.max_unpacked)
                .unwrap()
                .len(),
            10 << 20
        );
        let mut small = [0u8; 2];
        assert_eq!(unpack(&gz("hi"), &mut small, 2).unwrap(), b"hi");
        let (k, _) = fail(unpack(&gz("hi"), &mut small, 1));
        assert_eq!(k, ErrorKind::OutputLimit { limit: 1 });
    }

    #[test]
    fn gzip_inside_gzip_unpacks_one_level() {
        let mut out = vec![0u8; 4096];
        let inner = unpack(&gz("nested"), &mut out, 4096).unwrap().to_vec();
        // What came out is itself a gzip_packed object, not unpacked further.
        assert_eq!(Reader::new(&inner).peek_id(), Ok(id::GZIP_PACKED));
        let o = Object::decode(&inner, Expect::Any).unwrap();
        assert!(Json(o)
            .to_string()
            .starts_with(r#"{"_":"gzip_packed","packed_data":"1f8b"#));
        let mut r = Reader::new(&inner);
        let mut out2 = vec![0u8; 4096];
        assert_eq!(
            unpack_packed(&mut r, &mut out2, &Limits::DEFAULT).unwrap(),
            &golden("short_message")[..]
        );
    }

    #[test]
    fn gzip_every_data_file_through_the_harness() {
        for e in
            std::fs::read_dir(format!("{}/tests/data/gzip", env!("CARGO_MANIFEST_DIR"))).unwrap()
        {
            let data = std::fs::read(e.unwrap().path()).unwrap();
            for sel in [0u16, 1, 100, 0x1000, 0x1fff] {
                let mut input = sel.to_le_bytes().to_vec();
                input.extend(&data);
                fuzzing::gzip(&input);
                let mut input = sel.to_le_bytes().to_vec();
                input.extend(packed(&data));
                fuzzing::gzip(&input);
            }
        }
    }
}

// ------------------------------------------------------------ linear work

/// Walking and visiting inputs of 10^3..10^6 bytes does work proportional
/// to the size, counted (objects, fields, elements, JSON bytes), not timed:
/// a wide vector of tiny objects, many empty vectors, and deep nesting
/// (refused at the limit, after a bounded prefix).
#[test]
fn work_scales_linearly_with_input_size() {
    let mut per_byte: Vec<(String, f64)> = Vec::new();
    for n in [1_000usize, 10_000, 100_000, 1_000_000] {
        // (a) textConcat of k textEmpty: 12 + 4k bytes.
        let k = (n - 12) / 4;
        let mut tiny = B::new().id(TEXT_CONCAT).id(VECTOR).int(k as i32);
        for _ in 0..k {
            tiny = tiny.id(TEXT_EMPTY);
        }
        // (b) textConcat of k empty textConcats: 12 + 12k bytes.
        let k2 = (n - 12) / 12;
        let mut empties = B::new().id(TEXT_CONCAT).id(VECTOR).int(k2 as i32);
        for _ in 0..k2 {
            empties = empties.id(TEXT_CONCAT).id(VECTOR).int(0);
        }
        for (name, b) in [("tiny", &tiny.0), ("empty-vectors", &empties.0)] {
            let t = std::time::Instant::now();
            assert_eq!(
                walk(b, Expect::Type(ty::RICH_TEXT), &Limits::DEFAULT),
                Ok(b.len())
            );
            let walked = t.elapsed();
            let o = Object::decode(b, Expect::Type(ty::RICH_TEXT)).unwrap();
            let st = fuzzing::visit(o);
            let work = st.objects + st.fields + st.elements + st.json_bytes;
            eprintln!(
                "{name:>14} n={:>8}: walk {walked:>10.2?}, work {work} ({:.3}/byte)",
                b.len(),
                work as f64 / b.len() as f64
            );
            per_byte.push((name.into(), work as f64 / b.len() as f64));
        }
        // (c) deep nesting of n bytes: refused at the first object past the
        // limit, whatever follows.
        let deep = chain(TEXT_BOLD, TEXT_EMPTY, n / 4);
        let t = std::time::Instant::now();
        assert_eq!(
            kind_at(walk(&deep, Expect::Type(ty::RICH_TEXT), &Limits::DEFAULT)),
            (ErrorKind::DepthLimit { limit: 64 }, 256)
        );
        eprintln!("{:>14} n={:>8}: refused in {:.2?}", "deep", n, t.elapsed());
    }
    // The work per byte is the same at every size (within 5%).
    for name in ["tiny", "empty-vectors"] {
        let v: Vec<f64> = per_byte
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, x)| *x)
            .collect();
        let (lo, hi) = v
            .iter()
            .fold((f64::MAX, 0f64), |(l, h), &x| (l.min(x), h.max(x)));
        assert!(hi / lo < 1.05, "{name}: work per byte {v:?}");
    }
}

// -------------------------------------------------------------------- stack

/// The deepest inputs the limits allow: depth 64 under the defaults and 128
/// under max_depth 128, 4 and 12 bytes per level.
fn deepest(case: &str) -> (Vec<u8>, Limits) {
    let max = Limits {
        max_depth: 128,
        ..Limits::DEFAULT
    };
    match case {
        "bold64" => (chain(TEXT_BOLD, TEXT_EMPTY, 64), Limits::DEFAULT),
        "concat64" => (concat_chain(64), Limits::DEFAULT),
        "bold128" => (chain(TEXT_BOLD, TEXT_EMPTY, 128), max),
        "concat128" => (concat_chain(128), max),
        other => panic!("unknown case {other}"),
    }
}

const STACK_CASES: [&str; 5] = ["bold64", "concat64", "bold128", "concat128", "gzip"];

/// Decode, walk and print one deepest case (what a device would do with it);
/// `gzip` unpacks a member instead (the inflater's state is on the stack).
fn decode_walk_print(case: &str) -> usize {
    #[cfg(feature = "gzip")]
    if case == "gzip" {
        let gz = std::fs::read(format!(
            "{}/tests/data/gzip/short-message.gz",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        let mut out = vec![0u8; 4096];
        return tlview::gzip::unpack(&gz, &mut out, 4096).unwrap().len();
    }
    #[cfg(not(feature = "gzip"))]
    if case == "gzip" {
        return 0;
    }
    let (b, limits) = deepest(case);
    let n = walk(&b, Expect::Type(ty::RICH_TEXT), &limits).unwrap();
    let o = Object::decode_with(&b, Expect::Type(ty::RICH_TEXT), &limits).unwrap();
    let mut sink = fuzzing::Digest::new();
    tlview::json::write_object(&mut sink, o, false).unwrap();
    n + sink.len
}

fn run_on_stack(case: &'static str, size: usize) -> bool {
    std::thread::Builder::new()
        .stack_size(size)
        .spawn(move || decode_walk_print(case))
        .unwrap()
        .join()
        .is_ok()
}

/// Each deepest case decodes, walks and prints on a 64 KiB thread stack (a
/// stack overflow aborts the test process, which fails the test).
#[test]
fn deepest_inputs_fit_a_small_stack() {
    for case in STACK_CASES {
        assert!(run_on_stack(case, 64 << 10), "{case}");
    }
}

/// The child side of [`minimal_stacks`]: runs the case named by
/// TLVIEW_STACK_PROBE (`case:bytes`) on a thread of that stack size.
#[test]
fn stack_probe_child() {
    let Ok(spec) = std::env::var("TLVIEW_STACK_PROBE") else {
        return;
    };
    let (case, size) = spec.split_once(':').unwrap();
    let case: &'static str = STACK_CASES.into_iter().find(|c| *c == case).unwrap();
    assert!(run_on_stack(case, size.parse().unwrap()));
}

/// Binary search, in child processes (an overflow aborts the process), for
/// the smallest thread stack on which each deepest case decodes, walks and
/// prints. Run in release and in debug to get both figures.
#[test]
#[ignore = "spawns many child processes; prints the figures"]
fn minimal_stacks() {
    let exe = std::env::current_exe().unwrap();
    for case in STACK_CASES {
        let works = |size: usize| {
            std::process::Command::new(&exe)
                .args(["--exact", "stack_probe_child", "--test-threads=1"])
                .env("TLVIEW_STACK_PROBE", format!("{case}:{size}"))
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .status()
                .unwrap()
                .success()
        };
        // Linux will not make a thread stack below 16 KiB (PTHREAD_STACK_MIN).
        let (mut lo, mut hi) = (1024usize, 1 << 20);
        assert!(works(hi), "{case} fails even on 1 MiB");
        if works(lo) {
            hi = lo;
        }
        while hi - lo > 512 {
            let mid = (lo + hi) / 2;
            if works(mid) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        let build = if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        };
        if hi == lo {
            eprintln!(
                "{case:>10}: works on the smallest thread stack Linux makes (16 KiB), {build}"
            );
        } else {
            eprintln!(
                "{case:>10}: works on {:.1} KiB, not on {:.1} KiB ({build})",
                hi as f64 / 1024.0,
                lo as f64 / 1024.0
            );
        }
    }
}
