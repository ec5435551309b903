//! The six reference messages of shared/vectors (copied to tests/data), on
//! which two independent decoders agree: tlview's typed views and its dynamic
//! view must print exactly their TL JSON, and walk exactly their length.

#![cfg(feature = "names")]

use tlview::object::Object;
use tlview::walk::{walk, Expect};
use tlview::{schema, Limits, Updates};

const NAMES: [&str; 6] = [
    "short_message",
    "short_chat_message",
    "short_sent",
    "update_short",
    "updates_50",
    "updates_combined_10",
];

fn load(name: &str) -> (Vec<u8>, serde_json::Value) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/");
    let bin = std::fs::read(format!("{dir}{name}.bin")).unwrap();
    let json = std::fs::read_to_string(format!("{dir}{name}.json")).unwrap();
    (bin, serde_json::from_str(&json).unwrap())
}

#[test]
fn walker_extent_is_the_whole_message() {
    for name in NAMES {
        let (bin, _) = load(name);
        let n = walk(&bin, Expect::Type(schema::ty::UPDATES), &Limits::DEFAULT).unwrap();
        assert_eq!(n, bin.len(), "{name}");
    }
}

#[test]
fn dynamic_view_prints_the_reference_json() {
    for name in NAMES {
        let (bin, want) = load(name);
        let obj = Object::decode(&bin, Expect::Type(schema::ty::UPDATES)).unwrap();
        let got: serde_json::Value =
            serde_json::from_str(&tlview::json::Json(obj).to_string()).unwrap();
        assert_eq!(got, want, "{name}");
    }
}

#[test]
fn typed_view_prints_the_reference_json() {
    for name in NAMES {
        let (bin, want) = load(name);
        let u = Updates::decode(&bin).unwrap();
        let text = u.to_string();
        let got: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(got, want, "{name}");
        // And byte-for-byte the same text as the dynamic view.
        let obj = Object::decode(&bin, Expect::Any).unwrap();
        assert_eq!(text, tlview::json::Json(obj).to_string(), "{name}");
    }
}
