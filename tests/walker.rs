//! The walker on hostile shapes: deep nesting, impossible counts, unknown and
//! misplaced ids, undeclared flags; and its stack use.

#[cfg(feature = "names")]
use tlview::object::Object;
use tlview::walk::{walk, walk_exact, Expect};
use tlview::{schema, ErrorKind, Limits};

const TEXT_BOLD: u32 = 0x6724abc4;
const TEXT_EMPTY: u32 = 0xdc3d824f;
const TEXT_CONCAT: u32 = 0x7e6260d7;
const VECTOR: u32 = 0x1cb5c415;

fn words(ws: &[u32]) -> Vec<u8> {
    ws.iter().flat_map(|w| w.to_le_bytes()).collect()
}

/// `levels` objects in all: textBold × (levels - 1) around a textEmpty.
fn bold_chain(levels: usize) -> Vec<u8> {
    let mut ws = vec![TEXT_BOLD; levels - 1];
    ws.push(TEXT_EMPTY);
    words(&ws)
}

fn rich_text() -> Expect {
    Expect::Type(schema::ty::RICH_TEXT)
}

#[test]
fn nesting_up_to_the_limit_is_accepted() {
    for limit in [1u32, 2, 16, 64, 128] {
        let lim = Limits {
            max_depth: limit,
            ..Limits::DEFAULT
        };
        let ok = bold_chain(limit as usize);
        assert_eq!(walk(&ok, rich_text(), &lim), Ok(ok.len()), "limit {limit}");
        let deep = bold_chain(limit as usize + 1);
        let e = walk(&deep, rich_text(), &lim).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::DepthLimit { limit }, "limit {limit}");
        // The error points at the object one level too deep.
        assert_eq!(e.offset(), 4 * limit as usize, "limit {limit}");
    }
}

#[test]
fn ten_thousand_levels_of_text_bold_give_the_depth_error() {
    let bytes = bold_chain(10_000);
    let e = walk(&bytes, rich_text(), &Limits::DEFAULT).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::DepthLimit { limit: 64 });
    assert_eq!(e.offset(), 64 * 4);
}

#[test]
fn nesting_through_vectors_counts_too() {
    // textConcat { texts: [ textConcat { texts: [ ... ] } ] }: 12 bytes a level.
    let mut ws = Vec::new();
    for _ in 0..64 {
        ws.extend([TEXT_CONCAT, VECTOR, 1]);
    }
    ws.push(TEXT_EMPTY);
    let bytes = words(&ws);
    let e = walk(&bytes, rich_text(), &Limits::DEFAULT).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::DepthLimit { limit: 64 });
    let ok = words(&ws[3..]);
    assert_eq!(walk(&ok, rich_text(), &Limits::DEFAULT), Ok(ok.len()));
}

#[test]
fn caller_cannot_raise_the_depth_past_the_stack() {
    let lim = Limits {
        max_depth: 1_000_000,
        ..Limits::DEFAULT
    };
    let bytes = bold_chain(Limits::MAX_DEPTH as usize + 1);
    let e = walk(&bytes, rich_text(), &lim).unwrap_err();
    assert_eq!(
        e.kind(),
        ErrorKind::DepthLimit {
            limit: Limits::MAX_DEPTH
        }
    );
}

#[test]
fn a_vector_count_of_two_to_the_31_fails_at_once() {
    let bytes = words(&[TEXT_CONCAT, VECTOR, 0x8000_0000, TEXT_EMPTY]);
    let e = walk(&bytes, rich_text(), &Limits::DEFAULT).unwrap_err();
    assert_eq!(
        e.kind(),
        ErrorKind::ImpossibleCount {
            count: 0x8000_0000,
            remaining: 4
        }
    );
    assert_eq!(e.offset(), 8);
}

#[test]
fn unknown_ids_are_reported_with_their_offset() {
    // At the root.
    let e = walk(&words(&[0xdeadbeef]), Expect::Any, &Limits::DEFAULT).unwrap_err();
    assert_eq!(
        (e.kind(), e.offset()),
        (ErrorKind::UnknownConstructor { id: 0xdeadbeef }, 0)
    );
    // Inside a vector.
    let bytes = words(&[TEXT_CONCAT, VECTOR, 2, TEXT_EMPTY, 0xdeadbeef]);
    let e = walk(&bytes, rich_text(), &Limits::DEFAULT).unwrap_err();
    assert_eq!(
        (e.kind(), e.offset()),
        (ErrorKind::UnknownConstructor { id: 0xdeadbeef }, 16)
    );
}

#[test]
fn a_known_id_of_another_type_is_named() {
    // peerUser where RichText belongs.
    let bytes = words(&[TEXT_BOLD, 0x9db1bc6d, 5]);
    let e = walk(&bytes, rich_text(), &Limits::DEFAULT).unwrap_err();
    assert_eq!(
        e.kind(),
        ErrorKind::WrongType {
            expected_type: schema::ty::RICH_TEXT,
            found: 0x9db1bc6d
        }
    );
    assert_eq!(e.offset(), 4);
    let want = if cfg!(feature = "names") {
        "expected a RichText, found constructor #9db1bc6d (peerUser) of another type at byte 4"
    } else {
        "expected a type #NN, found constructor #9db1bc6d of another type at byte 4"
    };
    let got = e.to_string();
    let t = schema::ty::RICH_TEXT.to_string();
    assert_eq!(got, want.replace("NN", &t));
}

#[test]
fn functions_are_not_constructors_of_their_result_type() {
    // contacts.acceptContact returns Updates but is not an Updates constructor.
    let bytes = words(&[0xf831a20f, 0xf7c1b13f]);
    assert!(walk(&bytes, Expect::Type(schema::ty::UPDATES), &Limits::DEFAULT).is_err());
    if cfg!(feature = "functions") {
        assert_eq!(walk(&bytes, Expect::Any, &Limits::DEFAULT), Ok(8));
    } else {
        // Without the feature, requests are not part of the table.
        let e = walk(&bytes, Expect::Any, &Limits::DEFAULT).unwrap_err();
        assert_eq!(
            (e.kind(), e.offset()),
            (ErrorKind::UnknownConstructor { id: 0xf831a20f }, 0)
        );
    }
}

#[test]
fn undeclared_flag_bits_are_refused() {
    // messageReplyHeader declares bits 0 and 1 only.
    for bit in 2..32u32 {
        let bytes = words(&[0xa6d57763, 1 << bit, 7]);
        let e = walk(&bytes, Expect::Any, &Limits::DEFAULT).unwrap_err();
        assert_eq!(
            e.kind(),
            ErrorKind::UndeclaredFlags {
                flags: 1 << bit,
                undeclared: 1 << bit
            },
            "bit {bit}"
        );
        assert_eq!(e.offset(), 4);
    }
    assert_eq!(
        walk(
            &words(&[0xa6d57763, 2, 7, 9]),
            Expect::Any,
            &Limits::DEFAULT
        ),
        Ok(16)
    );
}

#[test]
fn trailing_bytes_are_an_error_for_exact_walks() {
    let e = walk_exact(&words(&[TEXT_EMPTY, 0]), rich_text(), &Limits::DEFAULT).unwrap_err();
    assert_eq!(
        (e.kind(), e.offset()),
        (ErrorKind::TrailingBytes { count: 4 }, 4)
    );
}

#[test]
fn every_truncation_of_every_vector_is_an_error() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/");
    for name in [
        "short_message",
        "short_chat_message",
        "short_sent",
        "update_short",
        "updates_combined_10",
    ] {
        let bin = std::fs::read(format!("{dir}{name}.bin")).unwrap();
        for cut in 0..bin.len() {
            let r = walk(
                &bin[..cut],
                Expect::Type(schema::ty::UPDATES),
                &Limits::DEFAULT,
            );
            assert!(r.is_err(), "{name} cut at {cut}");
            assert!(r.unwrap_err().offset() <= cut, "{name} cut at {cut}");
        }
    }
}

/// The deepest input the default limit allows, walked and printed on a
/// thread with a 16 KiB stack.
#[cfg(feature = "names")]
#[test]
fn deepest_input_fits_in_16_kib_of_stack() {
    let bytes = bold_chain(64);
    let concat: Vec<u8> = {
        let mut ws = Vec::new();
        for _ in 0..63 {
            ws.extend([TEXT_CONCAT, VECTOR, 1]);
        }
        ws.push(TEXT_EMPTY);
        words(&ws)
    };
    let t = std::thread::Builder::new()
        .stack_size(16 * 1024)
        .spawn(move || {
            for b in [&bytes, &concat] {
                let n = walk(b, rich_text(), &Limits::DEFAULT).unwrap();
                assert_eq!(n, b.len());
                let o = Object::decode(b, rich_text()).unwrap();
                let mut s = String::with_capacity(8192);
                use std::fmt::Write;
                write!(s, "{}", tlview::json::Json(o)).unwrap();
                assert!(s.ends_with("}"));
            }
        })
        .unwrap();
    t.join().unwrap();
}
