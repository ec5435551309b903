//! Every combinator's typed view against the layer table, on random objects
//! built from the table: the accessors against `read()` (generated in
//! `checks122.rs`), the typed printer against the table-driven one, and the
//! validators (straight-line where there is one, table walker, typed decode)
//! on every one-byte mutation.
//!
//! Test code only (`#[cfg(test)]`): its `panic!`s and assertions are the
//! tests' verdicts on objects the builder made, never input handling.

use std::string::String;
use std::vec::Vec;

use crate::object::Object;
use crate::schema::{self, CtorIndex, COMBINATORS, CONSTRUCTORS};
use crate::walk::{walk, walk_table_only, Expect};
use crate::Limits;

/// Whether `a` and `b` (an accessor's value and `read()`'s) print the same.
pub(super) fn agree<T: core::fmt::Debug>(field: &str, a: &T, b: &T) -> Result<(), String> {
    let (a, b) = (std::format!("{a:?}"), std::format!("{b:?}"));
    if a == b {
        Ok(())
    } else {
        Err(std::format!("{field}: accessor {a} but read() {b}"))
    }
}

/// A value as the tests compare it: scalars by value, objects by id and
/// offset, vectors by length and offset, absent fields as `-`.
pub(super) trait Repr {
    fn repr(&self) -> String;
}

macro_rules! repr_display {
    ($($t:ty),*) => {$(
        impl Repr for $t {
            fn repr(&self) -> String {
                std::format!("{self}")
            }
        }
    )*};
}
repr_display!(i32, i64, bool);

impl Repr for f64 {
    fn repr(&self) -> String {
        std::format!("{:#x}", self.to_bits())
    }
}
impl Repr for crate::TlStr<'_> {
    fn repr(&self) -> String {
        std::format!("{:?}", self.as_bytes())
    }
}
impl Repr for &[u8] {
    fn repr(&self) -> String {
        std::format!("{self:?}")
    }
}
impl<const N: usize> Repr for &[u8; N] {
    fn repr(&self) -> String {
        std::format!("{:?}", &self[..])
    }
}
impl Repr for Object<'_> {
    fn repr(&self) -> String {
        std::format!("obj {:#x} body at {}", self.id(), self.body_offset())
    }
}
impl<'a, T: crate::view::Typed<'a>> Repr for T {
    fn repr(&self) -> String {
        // A view's object starts at its body (the view keeps no id).
        let o = self.as_object();
        std::format!("obj {:#x} body at {}", o.id(), o.body_offset())
    }
}
impl<'a, T: crate::vector::Element<'a>> Repr for crate::Vector<'a, T> {
    fn repr(&self) -> String {
        std::format!("vec {} at {}", self.len(), self.offset())
    }
}
impl<T: Repr> Repr for Option<T> {
    fn repr(&self) -> String {
        match self {
            Some(v) => v.repr(),
            None => "-".into(),
        }
    }
}

fn value_repr(v: crate::object::Value<'_>) -> String {
    use crate::object::Value;
    match v {
        Value::Int(i) => i.repr(),
        Value::Long(l) => l.repr(),
        Value::Double(d) => d.repr(),
        Value::Int128(b) => b.repr(),
        Value::Int256(b) => b.repr(),
        Value::String(s) => s.repr(),
        Value::Bytes(b) => b.repr(),
        Value::Bool(b) => b.repr(),
        Value::True => true.repr(),
        Value::Flags(x) => std::format!("{x}"),
        Value::Object(o) => std::format!("obj {:#x} body at {}", o.id(), o.body_offset()),
        Value::Vector(v) => {
            let offset = v.offset_of_elements();
            std::format!("vec {} at {}", v.len(), offset)
        }
    }
}

/// Whether an accessor gives what the dynamic view (the layer table) reads
/// as field `k` of `o`.
pub(super) fn agree_table<T: Repr>(
    field: &str,
    a: &T,
    o: Object<'_>,
    k: usize,
) -> Result<(), String> {
    let want = o
        .fields()
        .find(|f| usize::from(f.op_index) == usize::from(o.constructor().ops_start) + k)
        .map(|f| value_repr(f.value));
    let got = a.repr();
    let want = match (want, got.as_str()) {
        (None, "false") => "false".into(),
        (None, _) => "-".into(),
        (Some(w), _) => w,
    };
    if got == want {
        Ok(())
    } else {
        Err(std::format!(
            "{field}: accessor {got} but the table reads {want}"
        ))
    }
}

#[path = "../../testkit/random.rs"]
mod random;
use random::Builder;

fn ops(index: CtorIndex) -> &'static [crate::schema::Op] {
    random::ops(index)
}

/// The combinators this build has views for.
fn indices() -> impl Iterator<Item = CtorIndex> {
    let n = if cfg!(feature = "functions") {
        COMBINATORS
    } else {
        CONSTRUCTORS.len()
    };
    (0..n).map(|i| CtorIndex(i as u16))
}

/// The flags words a combinator is built with: none set, all set, each bit
/// alone, then random ones.
fn flag_choices(index: CtorIndex, rounds: usize) -> Vec<Option<u64>> {
    let declared = schema::DECLARED_FLAGS[index.get()];
    let mut v = std::vec![Some(0), Some(u64::MAX)];
    for bit in 0..64 {
        if declared & (1 << bit) != 0 {
            v.push(Some(1 << bit));
        }
    }
    v.extend((0..rounds).map(|_| None));
    v
}

/// Every pair of `declared` flag bits, as flags for the builder: what a
/// validator's tail test (after one present field, are the rest absent?)
/// needs to be wrong on, which single bits never reach.
#[cfg(feature = "fast")]
fn bit_pairs(declared: u64) -> Vec<Option<u64>> {
    let bits: Vec<u32> = (0..64).filter(|p| declared >> p & 1 != 0).collect();
    let mut v = Vec::new();
    for (k, a) in bits.iter().enumerate() {
        for b in &bits[k + 1..] {
            v.push(Some(1 << a | 1 << b));
        }
    }
    v
}

#[cfg(feature = "names")]
use crate::view::TypedJson;

// Thousands of objects: too slow under Miri, which runs the hostile
// primitives instead.
#[test]
#[cfg_attr(miri, ignore)]
fn every_view_reads_what_the_table_reads() {
    let mut b = Builder::new(1);
    let (mut objects, mut fields) = (0usize, 0usize);
    #[cfg(feature = "serde")]
    let (mut serialized, mut doubles) = (0usize, 0usize);
    for index in indices() {
        for flags in flag_choices(index, 4) {
            let bytes = b.build(index, flags);
            let o = Object::decode(&bytes, Expect::Any)
                .unwrap_or_else(|e| panic!("combinator {index}: built bytes rejected: {e:?}"));
            assert_eq!(schema::index_of(o.id()), Some(index));
            if let Some(c) = CONSTRUCTORS.get(index.get()) {
                // The generated skip finds the same end as the walker.
                let n = super::views122::reread(c.ty, &bytes);
                assert_eq!(n, Some(bytes.len()), "combinator {index}: skip");
            }
            fields += super::checks122::check(index, o)
                .unwrap_or_else(|e| panic!("combinator {index} ({:#010x}): {e}", o.id()));
            #[cfg(feature = "names")]
            {
                let typed = std::format!("{}", TypedJson(o));
                let dynamic = std::format!("{}", crate::json::Json(o));
                assert_eq!(typed, dynamic, "combinator {index}");
                let pretty = std::format!("{:#}", TypedJson(o));
                assert_eq!(pretty, std::format!("{:#}", crate::json::Json(o)));
            }
            // serde (feature `serde`) gives the same text through serde_json,
            // but for the spelling of doubles, which is the serializer's
            // (serde_json writes `1e+70` where TL JSON's printers write
            // `1e70`): then the two texts are the same JSON value.
            #[cfg(feature = "serde")]
            {
                // The map's length, given up front, is its number of entries.
                let shown = o.fields().filter(|f| {
                    !(f.op().kind() == crate::schema::Kind::Flags
                        && f.op().repeat() == crate::schema::Repeat::One)
                });
                assert_eq!(
                    crate::ser::entries(&o),
                    1 + shown.count(),
                    "combinator {index}"
                );
                let ser = serde_json::to_string(&o).unwrap();
                let want = std::format!("{}", crate::json::Json(o));
                if ser != want {
                    let a: serde_json::Value = serde_json::from_str(&ser).unwrap();
                    let b: serde_json::Value = serde_json::from_str(&want).unwrap();
                    assert_eq!(a, b, "combinator {index}");
                    assert!(want.contains('e'), "combinator {index}: {want}");
                    doubles += 1;
                }
                serialized += 1;
            }
            let debug = std::format!("{:?}", DebugOf(o));
            assert!(!debug.is_empty());
            objects += 1;
        }
    }
    std::eprintln!("{objects} objects, {fields} fields read both ways");
    #[cfg(feature = "serde")]
    {
        std::eprintln!(
            "{serialized} objects serialized as their TL JSON \
             ({doubles} the same JSON value but for a double's spelling)"
        );
        assert_eq!(serialized, objects);
    }
    assert!(objects > 5 * COMBINATORS.min(CONSTRUCTORS.len()));
}

struct DebugOf<'a>(Object<'a>);

impl core::fmt::Debug for DebugOf<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        crate::print::debug(f, self.0)
    }
}

/// Every constructor, every byte of a random object changed in four ways:
/// the walk with the straight-line validators, the table walker alone and
/// the typed decode give the same judgement and the same error.
#[test]
#[cfg_attr(miri, ignore)]
fn validators_agree_on_every_mutation() {
    let mut b = Builder::new(2);
    let mut cases = 0usize;
    for index in (0..CONSTRUCTORS.len() as u16).map(CtorIndex) {
        let ty = CONSTRUCTORS[index.get()].ty;
        let mut bytes = b.build(index, Some(u64::MAX));
        bytes.truncate(256);
        let expect = Expect::Type(ty);
        for at in 0..bytes.len() {
            let orig = bytes[at];
            for v in [orig ^ 1, orig ^ 0x80, 0, 0xff] {
                bytes[at] = v;
                let fast = walk(&bytes, expect, &Limits::DEFAULT);
                let table = walk_table_only(&bytes, expect, &Limits::DEFAULT);
                assert_eq!(fast, table, "constructor {index}, byte {at} = {v:#x}");
                let typed = super::checks122::decode_as(ty, &bytes);
                assert_eq!(
                    typed.map(|(n, _)| n),
                    table,
                    "constructor {index}, byte {at}"
                );
                cases += 1;
            }
            bytes[at] = orig;
        }
    }
    std::eprintln!("{cases} mutations judged alike");
}

/// The straight-line validators, not the walker they fall back to, take
/// every object of every combinator they cover (built with no flags, all
/// flags, each bit alone, each pair of bits and random ones, its nested
/// objects from covered constructors), to its end: a validator that
/// wrongly refused (a flag mask of 0, a size too long) would pass the
/// agreement tests, as the walker would answer in its place, but fails
/// here; so does one that ends an object at its optional tail while a
/// field of it is there (a bit missing from the tail's mask: a pair of
/// bits shows it).
#[cfg(feature = "fast")]
#[test]
#[cfg_attr(miri, ignore)]
fn validators_take_every_object_they_cover() {
    use super::valid122::{body_len, validated};
    let mut b = Builder::new(3);
    b.allowed = Some(validated);
    let (mut covered, mut objects) = (0usize, 0usize);
    for index in indices() {
        if !validated(index) || ops(index).is_empty() {
            continue;
        }
        covered += 1;
        let pairs = bit_pairs(schema::DECLARED_FLAGS[index.get()]);
        for flags in flag_choices(index, 3).into_iter().chain(pairs) {
            let bytes = b.build(index, flags);
            let body = &bytes[4..];
            assert_eq!(
                body_len(index, body, Limits::DEFAULT.max_depth - 1),
                Some(body.len()),
                "combinator {index} ({:#010x}) not taken by its validator: {bytes:02x?}",
                CONSTRUCTORS.get(index.get()).map_or(0, |c| c.id)
            );
            objects += 1;
        }
    }
    std::eprintln!("{covered} validators took all {objects} objects built for them");
    assert!(covered >= if cfg!(feature = "fast-all") { 1000 } else { 70 });
}

/// Every object of the reference messages whose constructor has a
/// straight-line validator is taken by it (the fast path runs on them, not
/// the walker behind it).
#[cfg(feature = "fast")]
#[test]
#[cfg_attr(miri, ignore)]
fn validators_take_the_reference_messages() {
    use super::valid122::{body_len, validated};
    use crate::object::Value;
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/");
    let mut taken = std::collections::BTreeMap::<u32, usize>::new();
    for name in [
        "short_message",
        "short_chat_message",
        "short_sent",
        "update_short",
        "updates_50",
        "updates_combined_10",
    ] {
        let bytes = std::fs::read(std::format!("{dir}{name}.bin")).unwrap();
        let root = Object::decode(&bytes, Expect::Any).unwrap();
        // Depth-first over every nested object, with a stack (no recursion).
        let mut stack = std::vec![root];
        while let Some(o) = stack.pop() {
            let index = schema::index_of(o.id()).unwrap();
            if validated(index) && !ops(index).is_empty() {
                assert_eq!(
                    body_len(index, o.body(), Limits::DEFAULT.max_depth - 1),
                    Some(o.body().len()),
                    "{name}: {:#010x} at {} not taken by its validator",
                    o.id(),
                    o.offset()
                );
                *taken.entry(o.id()).or_default() += 1;
            }
            for f in o.fields() {
                match f.value {
                    Value::Object(n) => stack.push(n),
                    Value::Vector(v) => stack.extend(v.filter_map(|e| match e {
                        Value::Object(n) => Some(n),
                        _ => None,
                    })),
                    _ => {}
                }
            }
        }
    }
    // The hot constructors of the six messages, at least.
    for id in [
        schema::id::UPDATE_NEW_MESSAGE,
        schema::id::MESSAGE,
        schema::id::USER,
        schema::id::CHAT,
        schema::id::PEER_USER,
        schema::id::UPDATE_USER_STATUS,
        schema::id::MESSAGE_FWD_HEADER,
        schema::id::MESSAGE_REPLY_HEADER,
        schema::id::MESSAGE_ENTITY_BOLD,
    ] {
        assert!(
            taken.contains_key(&id),
            "{id:#010x} not met in the messages"
        );
    }
}

/// Every combinator's generated form, filled from random objects of it
/// (every flags bit alone, none, all and random ones; nested objects and
/// vectors as their decoded views), gives back the object's bytes, and the
/// size it announced before writing. (A generic function's form wraps its
/// request as a `Raw`.)
#[test]
#[cfg_attr(miri, ignore)]
fn every_form_encodes_the_bytes_it_was_filled_from() {
    let mut b = Builder::new(7);
    let mut objects = 0usize;
    for index in indices() {
        for flags in flag_choices(index, 4) {
            let bytes = b.build(index, flags);
            let o = Object::decode(&bytes, Expect::Any).unwrap();
            let mut buf = std::vec![0u8; bytes.len()];
            let mut w = crate::Writer::new(crate::SliceSink::new(&mut buf));
            let got = super::reencode(o, &mut w);
            let out = w.into_sink().filled().to_vec();
            let n = got
                .unwrap_or_else(|| panic!("combinator {index}: no form"))
                .unwrap_or_else(|e| panic!("combinator {index}: {e}"));
            assert_eq!(out, bytes, "combinator {index} ({:#010x})", o.id());
            assert_eq!(n, bytes.len(), "combinator {index}: encoded_len");
            objects += 1;
        }
    }
    std::eprintln!("{objects} objects encoded back by their forms");
    assert!(objects > 5 * CONSTRUCTORS.len());
}
