//! Layer 230's typed views (`tlview::layer230`) against its table, on random
//! objects of every combinator built from the table (`testkit/layer_random.rs`,
//! the builder `tests/layer230.rs` and the grammers cross-check share): the
//! accessors against `read()` and the dynamic view (generated in
//! `checks230.rs`), the generated skips against the walker, the typed
//! printer against the table-driven one; and typed decoding against the
//! walker on every one-byte change.
//!
//! Test code only (`#[cfg(test)]`): its `panic!`s and assertions are the
//! tests' verdicts on objects the builder made, never input handling.

use std::vec::Vec;

use crate::object::Object;
use crate::schema::CtorIndex;
use crate::walk::Expect;
use crate::{Layer, Limits};

#[path = "../../testkit/layer_random.rs"]
mod layer_random;
use layer_random::Builder;

const L: Layer = Layer::L230;

/// The combinators this build has views for (functions with `functions`).
fn indices() -> impl Iterator<Item = usize> {
    let n = if cfg!(feature = "functions") {
        L.combinator_count()
    } else {
        crate::layer230::CONSTRUCTORS.len()
    };
    0..n
}

/// Whether combinator `i` has a second flags word (`flags2`), which layer
/// 122 never has: the tests count these objects apart.
fn has_second_flags_word(i: usize) -> bool {
    L.constructor(CtorIndex(i as u16)).is_some_and(|c| {
        L.ops(c)
            .iter()
            .any(|op| op.kind() == crate::schema::Kind::Flags && op.flags_word() == 1)
    })
}

// Thousands of objects: too slow under Miri.
#[test]
#[cfg_attr(miri, ignore)]
fn every_layer_230_view_reads_what_the_table_reads() {
    let mut b = Builder::new(L, 230);
    let (mut objects, mut fields, mut two_words) = (0usize, 0usize, 0usize);
    for i in indices() {
        let index = CtorIndex(i as u16);
        let second = has_second_flags_word(i);
        for flags in b.flag_choices(i) {
            let bytes = b.build(i, flags);
            let o = Object::decode_in(L, &bytes, Expect::Any, &Limits::DEFAULT)
                .unwrap_or_else(|e| panic!("combinator {i}: built bytes rejected: {e:?}"));
            assert_eq!(L.index_of(o.id()), Some(index));
            if let Some(c) = crate::layer230::CONSTRUCTORS.get(i) {
                // The generated skip finds the same end as the walker.
                let n = super::views230::reread(c.ty, &bytes);
                assert_eq!(n, Some(bytes.len()), "combinator {i}: skip");
            }
            fields += super::checks230::check(index, o)
                .unwrap_or_else(|e| panic!("combinator {i} ({:#010x}): {e}", o.id()));
            #[cfg(feature = "names")]
            {
                let typed = std::format!("{}", crate::view::TypedJson(o));
                let dynamic = std::format!("{}", crate::json::Json(o));
                assert_eq!(typed, dynamic, "combinator {i}");
                let pretty = std::format!("{:#}", crate::view::TypedJson(o));
                assert_eq!(pretty, std::format!("{:#}", crate::json::Json(o)));
            }
            let debug = std::format!("{o:?}");
            #[cfg(feature = "names")]
            assert!(
                debug.starts_with(L.constructor_name(index)),
                "combinator {i}: {debug}"
            );
            assert!(!debug.is_empty(), "combinator {i}");
            objects += 1;
            two_words += usize::from(second);
        }
    }
    std::eprintln!(
        "layer 230: {objects} objects ({two_words} with two flags words), \
         {fields} fields read both ways"
    );
    assert!(objects > 5 * crate::layer230::CONSTRUCTORS.len());
    assert!(two_words > 100, "{two_words}");
}

/// Every constructor of layer 230, every byte of a random object (its
/// first 192) changed in four ways: its type's typed `decode_prefix`, the
/// layer's walker with its straight-line validators and the table walker
/// alone give the same judgement, to the same length, with the same error.
#[test]
#[cfg_attr(miri, ignore)]
fn layer_230_typed_decoding_agrees_with_the_walker_on_every_mutation() {
    let mut b = Builder::new(L, 231);
    let mut cases = 0usize;
    for (i, c) in crate::layer230::CONSTRUCTORS.iter().enumerate() {
        let mut bytes: Vec<u8> = b.build(i, Some(u64::MAX));
        bytes.truncate(192);
        let expect = Expect::Type(c.ty);
        for at in 0..bytes.len() {
            let orig = bytes[at];
            for v in [orig ^ 1, orig ^ 0x80, 0, 0xff] {
                bytes[at] = v;
                let mut r = crate::Reader::new(&bytes);
                let walked = L
                    .walk_object(&mut r, expect, &Limits::DEFAULT, 0)
                    .map(|_| r.offset());
                let table = crate::layer230::walk_table_only(&bytes, expect, &Limits::DEFAULT);
                assert_eq!(walked, table, "constructor {i}, byte {at} = {v:#x}");
                let typed = super::checks230::decode_as(c.ty, &bytes);
                assert_eq!(
                    typed.map(|(n, _)| n),
                    walked,
                    "constructor {i}, byte {at} = {v:#x}"
                );
                cases += 1;
            }
            bytes[at] = orig;
        }
    }
    std::eprintln!("layer 230: {cases} mutations judged alike");
}

/// Layer 230's straight-line validators, not the walker they fall back
/// to, take every object of every combinator they cover (built with no
/// flags, all flags, each bit alone, each pair of bits of either word and
/// random ones, its nested objects from covered constructors), to its end:
/// a validator that wrongly refused (a flag mask of 0, a size too long, a
/// second flags word misread) would pass the agreement test above, as the
/// walker would answer in its place, but fails here; so does one that ends
/// an object at its optional tail while a field of it is there.
#[cfg(feature = "fast")]
#[test]
#[cfg_attr(miri, ignore)]
fn layer_230_validators_take_every_object_they_cover() {
    use super::valid230::{body_len, validated};
    let mut b = Builder::new(L, 232);
    b.allowed = Some(validated);
    let (mut covered, mut objects, mut two_words) = (0usize, 0usize, 0usize);
    for i in indices() {
        let index = CtorIndex(i as u16);
        let ops = layer_random::ops(L, i);
        if !validated(index) || ops.is_empty() {
            continue;
        }
        covered += 1;
        two_words += usize::from(has_second_flags_word(i));
        let declared = ops
            .iter()
            .filter_map(|op| op.flag_place())
            .fold(0u64, |m, p| m | 1 << p);
        let bits: Vec<u32> = (0..64).filter(|p| declared >> p & 1 != 0).collect();
        let pairs = bits
            .iter()
            .enumerate()
            .flat_map(|(k, a)| bits[k + 1..].iter().map(move |b| Some(1u64 << a | 1 << b)));
        let choices: Vec<Option<u64>> = b.flag_choices(i).into_iter().chain(pairs).collect();
        for flags in choices {
            let bytes = b.build(i, flags);
            let body = &bytes[4..];
            assert_eq!(
                body_len(index, body, Limits::DEFAULT.max_depth - 1),
                Some(body.len()),
                "combinator {i} ({:#010x}) not taken by its validator: {bytes:02x?}",
                L.constructor(index).map_or(0, |c| c.id)
            );
            objects += 1;
        }
    }
    std::eprintln!(
        "layer 230: {covered} validators ({two_words} with two flags words) took all \
         {objects} objects built for them"
    );
    assert!(covered >= if cfg!(feature = "fast-all") { 2000 } else { 80 });
    assert!(two_words > 0);
}

/// A view of one layer does not take an object read in the other, and
/// says so; the same id in its own layer converts.
#[test]
fn a_view_takes_objects_of_its_own_layer_only() {
    use crate::layer230::{enums, id, types};
    // boolTrue: the same id in both layers.
    let b = id::BOOL_TRUE.to_le_bytes();
    let in122 = Object::decode(&b, Expect::Any).unwrap();
    let in230 = Object::decode_in(L, &b, Expect::Any, &Limits::DEFAULT).unwrap();
    let err = types::BoolTrue::try_from(in122).unwrap_err();
    assert_eq!(
        err.kind(),
        crate::ErrorKind::WrongLayer {
            expected: 230,
            found: 122
        }
    );
    assert!(types::BoolTrue::try_from(in230).is_ok());
    assert!(enums::Bool::try_from(in230).is_ok());
    assert!(crate::types::BoolTrue::try_from(in230).is_err());
    // Another type of the same layer is a wrong type, in that layer's words.
    let err = enums::Peer::try_from(in230).unwrap_err();
    assert!(matches!(
        err.kind(),
        crate::ErrorKind::WrongTypeInLayer { layer: 230, .. }
    ));
}

/// Every combinator's generated form of layer 230 (`layer230::build`),
/// filled from random objects of it (every flags bit alone, none, all and
/// random ones, both flags words; nested objects and vectors as their
/// decoded views), gives back the object's bytes, and the size it
/// announced before writing. (A generic function's form wraps its request
/// as a `Raw`.)
#[test]
#[cfg_attr(miri, ignore)]
fn every_layer_230_form_encodes_the_bytes_it_was_filled_from() {
    let mut b = Builder::new(L, 233);
    let (mut objects, mut two_words) = (0usize, 0usize);
    for i in indices() {
        let second = has_second_flags_word(i);
        for flags in b.flag_choices(i) {
            let bytes = b.build(i, flags);
            let o = Object::decode_in(L, &bytes, Expect::Any, &Limits::DEFAULT)
                .unwrap_or_else(|e| panic!("combinator {i}: built bytes rejected: {e:?}"));
            let mut buf = std::vec![0u8; bytes.len()];
            let mut w = crate::Writer::new(crate::SliceSink::new(&mut buf));
            let got = super::forms230::reencode(o, &mut w);
            let out = w.into_sink().filled().to_vec();
            let n = got
                .unwrap_or_else(|| panic!("combinator {i}: no form"))
                .unwrap_or_else(|e| panic!("combinator {i}: {e}"));
            assert_eq!(out, bytes, "combinator {i} ({:#010x})", o.id());
            assert_eq!(n, bytes.len(), "combinator {i}: encoded_len");
            objects += 1;
            two_words += usize::from(second);
        }
    }
    std::eprintln!(
        "layer 230: {objects} objects ({two_words} with two flags words) encoded back by their forms"
    );
    assert!(objects > 5 * crate::layer230::CONSTRUCTORS.len());
    assert!(two_words > 100, "{two_words}");
}

/// A form of layer 230 with a second flags word computes both words from
/// its fields: `community#65efe954` has `creator:flags.0?true`,
/// `access_hash:flags.13?long` in `flags` and
/// `collapsed_in_dialogs:flags2.20?true` in `flags2`.
#[test]
fn a_layer_230_form_computes_its_second_flags_word() {
    use crate::layer230::build::{enums, types};
    use crate::layer230::id;
    use crate::Encode as _;
    let photo = enums::ChatPhoto::Empty(types::ChatPhotoEmpty {});
    let c = types::Community {
        creator: true,
        left: false,
        min: false,
        collapsed_in_dialogs: true,
        id: 5,
        access_hash: Some(-7),
        title: "tl".into(),
        photo: &photo,
        date: 9,
        admin_rights: None,
        default_banned_rights: None,
    };
    let mut want = Vec::new();
    for w in [id::COMMUNITY, 1 | 1 << 13, 1 << 20] {
        want.extend(w.to_le_bytes());
    }
    want.extend(5i64.to_le_bytes());
    want.extend((-7i64).to_le_bytes());
    want.extend([2, b't', b'l', 0]);
    want.extend(id::CHAT_PHOTO_EMPTY.to_le_bytes());
    want.extend(9i32.to_le_bytes());
    let mut buf = [0u8; 64];
    let mut w = crate::Writer::new(crate::SliceSink::new(&mut buf));
    c.encode(&mut w).unwrap();
    assert_eq!(w.into_sink().filled(), &want[..]);
    assert_eq!(c.encoded_len(), want.len());
    // And it reads back as what was built.
    let crate::layer230::enums::Chat::Community(v) =
        crate::layer230::enums::Chat::decode(&want).unwrap()
    else {
        panic!("not a community");
    };
    assert!(v.creator() && v.collapsed_in_dialogs() && !v.left());
    assert_eq!(v.access_hash(), Some(-7));
}
