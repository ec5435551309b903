//! The straight-line validators of the hot constructors accept exactly what
//! the table interpreter accepts, with the same errors: both walks are run on
//! the reference messages and on every one-byte mutation and truncation of
//! them, and on the hand-built messages of tests/updates.rs's shapes.

use tlview::walk::{walk, walk_table_only, Expect};
use tlview::{schema, Limits};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/");

fn both(bytes: &[u8], expect: Expect, limits: &Limits) {
    let fast = walk(bytes, expect, limits);
    let table = walk_table_only(bytes, expect, limits);
    assert_eq!(fast, table, "{bytes:02x?}");
}

#[test]
fn reference_messages_and_their_mutations() {
    let expects = [Expect::Type(schema::ty::UPDATES), Expect::Any];
    for name in [
        "short_message",
        "short_sent",
        "update_short",
        "updates_combined_10",
        "updates_50",
    ] {
        let bin = std::fs::read(format!("{DATA}{name}.bin")).unwrap();
        for e in expects {
            both(&bin, e, &Limits::DEFAULT);
        }
        // Every truncation.
        for cut in 0..bin.len() {
            both(&bin[..cut], expects[0], &Limits::DEFAULT);
        }
        // Byte mutations: several values at every offset (every 7th offset
        // for the largest message, to keep the test quick in debug builds).
        let step = if bin.len() > 5000 { 7 } else { 1 };
        let mut m = bin.clone();
        for i in (0..bin.len()).step_by(step) {
            for v in [0x00, 0xff, bin[i] ^ 0x80, bin[i].wrapping_add(1)] {
                m[i] = v;
                both(&m, expects[0], &Limits::DEFAULT);
            }
            m[i] = bin[i];
        }
    }
}

#[test]
fn depth_budget_is_the_same() {
    // updates_50 nests updates → updateNewMessage → message → peer: at low
    // limits the fast paths must hand over and the errors must agree.
    let bin = std::fs::read(format!("{DATA}updates_50.bin")).unwrap();
    for max_depth in 0..8 {
        let lim = Limits {
            max_depth,
            ..Limits::DEFAULT
        };
        both(&bin, Expect::Type(schema::ty::UPDATES), &lim);
    }
    let sm = std::fs::read(format!("{DATA}short_message.bin")).unwrap();
    for max_depth in 0..5 {
        let lim = Limits {
            max_depth,
            ..Limits::DEFAULT
        };
        both(&sm, Expect::Any, &lim);
    }
}

/// The typed decoder's straight-line paths (the short forms read whole at the
/// top, entity vectors through the id table, the lists' objects validated
/// without views) against the walker and the dynamic view, on every
/// truncation and one-byte mutation of the reference messages: the
/// `decode_updates` fuzz harness asserts that both accept the same inputs,
/// under the default and every small depth limit, and that whatever decodes
/// reads and prints the same through the typed and the dynamic views.
#[test]
fn typed_decode_agrees_with_the_walker_on_mutations() {
    for name in [
        "short_message",
        "short_chat_message",
        "short_sent",
        "update_short",
        "updates_combined_10",
    ] {
        let bin = std::fs::read(format!("{DATA}{name}.bin")).unwrap();
        tlview_fuzzing::decode_updates(&bin);
        // Every cut and offset of the short forms; of the 2 KiB message,
        // every 3rd cut and 7th offset (to keep debug builds quick).
        let (cuts, step) = if bin.len() > 1000 { (3, 7) } else { (1, 1) };
        for cut in (0..bin.len()).step_by(cuts) {
            tlview_fuzzing::decode_updates(&bin[..cut]);
        }
        let mut m = bin.clone();
        for i in (0..bin.len()).step_by(step) {
            for v in [0x00, 0xff, bin[i] ^ 0x80, bin[i].wrapping_add(1)] {
                m[i] = v;
                tlview_fuzzing::decode_updates(&m);
            }
            m[i] = bin[i];
        }
    }
}
