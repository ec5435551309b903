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
