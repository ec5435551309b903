//! Layer 230 on the same bytes in tlview and grammers-tl-types 0.11.0
//! (issue 19).
//!
//! For every constructor and function of the layer's API (`api.tl`; its
//! MTProto part is a grammers feature of its own, whose names collide with
//! the API's), random objects are written word by word from tlview's table
//! (`testkit/layer_random.rs`): no flags, all flags, each declared bit of
//! both words alone, and random words, over several seeds. For each:
//!
//! * tlview's walker accepts it, to exactly its length, and its typed
//!   views read it as the table does (their TL JSON is the dynamic view's);
//! * grammers reads it (its generated `Deserializable` for the type, or
//!   for the function's arguments after checking the id) and writes it back
//!   (`Serializable`) to the same bytes: grammers agrees on every field,
//!   flag bit and length, and its writing of those values gives tlview's
//!   bytes;
//! * tlview's TL JSON of it (`Object` in layer 230) encodes back with `tl
//!   encode --layer 230` (`tltool::encode::encode_in`) to the same bytes;
//! * tlview's generated encoder (the combinator's form in
//!   `tlview::layer230::build`), filled with the values its typed view
//!   decoded, writes the same bytes, and announces their length first.
//!
//! The other way round (`grammers_values_read_the_same_in_tlview`), values
//! built by grammers itself: build.rs writes, from the same `api.tl` and
//! with grammers' names, a builder that fills grammers' own structs of
//! every constructor and function at random (no flag group, all, each
//! alone, and random ones; nested objects three deep; strings and bytes
//! across the 254-byte length form). grammers serializes them, and tlview
//! reads the bytes as the combinator of that name, walks them to their end,
//! and writes them back through TL JSON and through its generated form.
//!
//! Where they disagree the tests fail and name the combinator, the seed or
//! flag choice, and the first differing byte.

use grammers_tl_types::{Deserializable, Identifiable, Serializable};
use tlview::json::Json;
use tlview::object::Object;
use tlview::schema::{CtorIndex, CTOR_MTPROTO};
use tlview::walk::Expect;
use tlview::{Layer, Limits};

#[path = "../../../testkit/layer_random.rs"]
mod layer_random;

include!(concat!(env!("OUT_DIR"), "/dispatch.rs"));

/// grammers' reading and writing back of a boxed object.
fn round_trip<T: Deserializable + Serializable>(bytes: &[u8]) -> Result<Vec<u8>, String> {
    T::from_bytes(bytes)
        .map(|v| v.to_bytes())
        .map_err(|e| format!("grammers could not read it: {e:?}"))
}

/// The same for a call: grammers reads a function's arguments after its id.
fn call_round_trip<T: Deserializable + Serializable + Identifiable>(
    bytes: &[u8],
) -> Result<Vec<u8>, String> {
    match bytes.split_first_chunk::<4>() {
        Some((id, args)) if u32::from_le_bytes(*id) == T::CONSTRUCTOR_ID => round_trip::<T>(args),
        _ => Err(format!("not a call of #{:08x}", T::CONSTRUCTOR_ID)),
    }
}

/// Where two byte strings first differ.
fn first_difference(a: &[u8], b: &[u8]) -> String {
    let at = a
        .iter()
        .zip(b)
        .position(|(x, y)| x != y)
        .unwrap_or(a.len().min(b.len()));
    format!(
        "{} bytes vs {}, first difference at byte {at}",
        a.len(),
        b.len()
    )
}

/// tlview's side of one object's bytes, in layer 230: its TL JSON
/// encodes back with `tl encode --layer 230` to the same bytes, its typed
/// views print what the dynamic view prints (`tl dump --typed --layer
/// 230`), and its generated form, filled from the typed view, writes the
/// same bytes and announces their length first. Disagreements go to
/// `failures`, named `what`; gives whether the form wrote them.
fn tlview_agrees(what: &str, bytes: &[u8], failures: &mut Vec<String>) -> bool {
    let layer = Layer::L230;
    let mut formed = false;
    let decoded = Object::decode_in(layer, bytes, Expect::Any, &Limits::DEFAULT);
    if let Ok(o) = decoded {
        let typed = tlview::view::TypedJson(o).to_string();
        if typed != Json(o).to_string() {
            failures.push(format!("{what}: the typed views print {typed}"));
        }
        let mut buf = vec![0u8; bytes.len()];
        let mut w = tlview::Writer::new(tlview::SliceSink::new(&mut buf));
        let formed_as = tlview::layer230::build::reencode(o, &mut w);
        let sink = w.into_sink();
        let out = sink.filled();
        match formed_as {
            Some(Ok(n)) if n == bytes.len() && out == bytes => formed = true,
            Some(Ok(n)) => failures.push(format!(
                "{what}: its generated form announces {n} bytes and writes {}",
                first_difference(bytes, out)
            )),
            Some(Err(e)) => failures.push(format!("{what}: its form: {e}")),
            None => failures.push(format!("{what}: no generated form")),
        }
    }
    let json = decoded.map(|o| Json(o).to_string());
    let again = json.as_ref().map_err(|e| e.to_string()).and_then(|j| {
        let v: serde_json::Value = serde_json::from_str(j).map_err(|e| e.to_string())?;
        let mut out = Vec::new();
        tltool::encode::encode_in(layer, &v, Expect::Any, &mut out)
            .map(|()| out)
            .map_err(|e| e.to_string())
    });
    match again {
        Ok(again) if again == bytes => {}
        Ok(again) => failures.push(format!(
            "{what}: tl encode --layer 230 of its dump gives other bytes: {}",
            first_difference(bytes, &again)
        )),
        Err(e) => failures.push(format!("{what}: dump and encode: {e}")),
    }
    formed
}

/// Fails listing the first 20 `failures`, if any, of `objects` checked.
fn assert_none_disagree(failures: &[String], objects: usize) {
    assert!(
        failures.is_empty(),
        "{} of {objects} disagree:\n{}",
        failures.len(),
        failures[..failures.len().min(20)].join("\n")
    );
}

/// Random objects of each API combinator per seed (beside the flag choices).
const SEEDS: u64 = 3;

#[test]
fn grammers_and_tlview_read_and_write_the_same_bytes() {
    let layer = Layer::L230;
    let started = std::time::Instant::now();
    let (mut objects, mut bytes_total, mut constructors, mut functions) = (0usize, 0usize, 0, 0);
    let mut formed = 0usize;
    let mut not_covered = Vec::new();
    let mut failures = Vec::new();
    for seed in 1..=SEEDS {
        let mut b = layer_random::Builder::new(layer, 0x230_0000 + seed);
        for (index, c) in layer.combinators() {
            if c.flags & CTOR_MTPROTO != 0 {
                continue;
            }
            let i = index.get();
            let (kind, name) = if c.is_function() {
                ("function", layer.constructor_name(index))
            } else {
                ("type", layer.type_name(c.ty))
            };
            if seed == 1 {
                if c.is_function() {
                    functions += 1;
                } else {
                    constructors += 1;
                }
            }
            let choices = if seed == 1 {
                b.flag_choices(i)
            } else {
                vec![None]
            };
            for flags in choices {
                let bytes = b.build(i, flags);
                let what = format!(
                    "{} ({kind} {name}, seed {seed}, flags {flags:x?})",
                    layer.constructor_name(CtorIndex(i as u16))
                );
                let expect = if c.is_function() {
                    Expect::Any
                } else {
                    Expect::Type(c.ty)
                };
                match layer.walk(&bytes, expect, &Limits::DEFAULT) {
                    Ok(n) if n == bytes.len() => {}
                    other => failures.push(format!("{what}: tlview walks {other:?}")),
                }
                let theirs = if c.is_function() {
                    function_round_trip(name, &bytes)
                } else {
                    type_round_trip(name, &bytes)
                };
                match theirs {
                    None => not_covered.push(name.to_string()),
                    Some(Ok(back)) if back == bytes => {}
                    Some(Ok(back)) => failures.push(format!(
                        "{what}: grammers writes back other bytes: {}",
                        first_difference(&bytes, &back)
                    )),
                    Some(Err(e)) => failures.push(format!("{what}: {e}")),
                }
                if tlview_agrees(&what, &bytes, &mut failures) {
                    formed += 1;
                }
                objects += 1;
                bytes_total += bytes.len();
            }
        }
    }
    not_covered.sort();
    not_covered.dedup();
    println!(
        "layer 230: {objects} objects ({constructors} constructors, {functions} functions; \
         {bytes_total} bytes) read and written back the same by grammers and by tlview's TL \
         JSON ({formed} also by tlview's generated forms), in {:.1?}; grammers covers {} types \
         and {} functions; not covered: {not_covered:?}",
        started.elapsed(),
        COVERED.0,
        COVERED.1
    );
    assert_none_disagree(&failures, objects);
    // Only the generic functions (a query of any type inside) are not
    // dispatched: grammers makes them generic over the query's type.
    assert!(
        not_covered
            .iter()
            .all(|n| n.starts_with("invoke") || n == "initConnection"),
        "{not_covered:?}"
    );
    assert!(objects > 2 * 2_553, "{objects}");
    assert_eq!(formed, objects, "every object goes back through its form");
}

/// The random source of the builder of grammers' values (`values.rs`,
/// written by build.rs): xorshift64*, and the choices the builder asks it.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// Whether flag group `k` of an object (at depth budget `d`) is present.
    fn pick(&mut self, sel: Sel, k: usize, d: u32) -> bool {
        match sel {
            Sel::None => false,
            Sel::All => true,
            Sel::Only(j) => j == k,
            Sel::Random => d > 0 && self.next() & 1 == 1,
        }
    }
    /// A vector's length: empty once the depth budget is spent.
    fn len(&mut self, d: u32) -> usize {
        if d == 0 {
            0
        } else {
            self.below(4)
        }
    }
    fn array<const N: usize>(&mut self) -> [u8; N] {
        std::array::from_fn(|_| self.next() as u8)
    }
    /// A length: mostly short, one in eight across the 254 bytes where TL
    /// switches to the 4-byte length form.
    fn size(&mut self) -> usize {
        if self.below(8) == 0 {
            250 + self.below(20)
        } else {
            self.below(13)
        }
    }
    /// Text with one- to three-byte UTF-8 characters.
    fn string(&mut self, _d: u32) -> String {
        let n = self.size();
        (0..n)
            .map(|_| ['a', 'Z', '0', ' ', '\u{e9}', '\u{2713}'][self.below(6)])
            .collect()
    }
    fn bytes(&mut self, _d: u32) -> Vec<u8> {
        let n = self.size();
        (0..n).map(|_| self.next() as u8).collect()
    }
}

// Generated: every type gets a builder, used or not.
#[allow(dead_code)]
mod grammers_values {
    use super::Rng;
    use grammers_tl_types::Serializable;
    include!(concat!(env!("OUT_DIR"), "/values.rs"));
}
use grammers_values::{Sel, ENTRIES};

/// The other direction: values built by grammers itself. For every
/// constructor (as its type's enum) and function of the API, grammers'
/// own structs are filled at random (`values.rs`, generated by build.rs
/// from the schema with grammers' names: no flag group, all of them, each
/// alone, and random ones over several seeds, nested objects three deep)
/// and serialized by grammers; tlview reads those bytes as that
/// combinator, walks them to their end, and writes them back through TL
/// JSON and through its generated form.
#[test]
fn grammers_values_read_the_same_in_tlview() {
    let layer = Layer::L230;
    let started = std::time::Instant::now();
    let mut r = Rng(0x230_6a33_0001);
    let (mut objects, mut bytes_total, mut formed) = (0usize, 0usize, 0usize);
    let mut failures = Vec::new();
    let mut built = std::collections::BTreeSet::new();
    for e in ENTRIES {
        built.insert(e.name);
        let mut sels = vec![Sel::None, Sel::All];
        sels.extend((0..e.groups).map(Sel::Only));
        sels.extend([Sel::Random; SEEDS as usize]);
        for sel in sels {
            let bytes = (e.build)(&mut r, sel);
            let what = format!("grammers' {} ({sel:?})", e.name);
            // The id grammers wrote is the one tlview gives that name.
            let id = bytes.first_chunk::<4>().map(|w| u32::from_le_bytes(*w));
            let Some((index, c)) = id.and_then(|id| {
                let i = layer.index_of(id)?;
                Some((i, layer.constructor(i)?))
            }) else {
                failures.push(format!("{what}: tlview has no combinator #{id:08x?}"));
                continue;
            };
            if layer.constructor_name(index) != e.name || c.is_function() != e.function {
                failures.push(format!(
                    "{what}: tlview's #{id:08x?} is {}",
                    layer.constructor_name(index)
                ));
                continue;
            }
            let expect = if e.function {
                Expect::Any
            } else {
                Expect::Type(c.ty)
            };
            match layer.walk(&bytes, expect, &Limits::DEFAULT) {
                Ok(n) if n == bytes.len() => {}
                other => failures.push(format!("{what}: tlview walks {other:?}")),
            }
            if tlview_agrees(&what, &bytes, &mut failures) {
                formed += 1;
            }
            objects += 1;
            bytes_total += bytes.len();
        }
    }
    // Every API combinator of tlview's table is built, but for the two
    // `Bool` constructors (grammers' `bool`) and the generic functions.
    let missing: Vec<&str> = layer
        .combinators()
        .filter(|(_, c)| c.flags & CTOR_MTPROTO == 0)
        .map(|(i, _)| layer.constructor_name(i))
        .filter(|n| !built.contains(n))
        .collect();
    println!(
        "layer 230: {objects} values of {} combinators built by grammers ({bytes_total} bytes) \
         read and written back the same by tlview's TL JSON and generated forms ({formed}), \
         in {:.1?}; not built: {missing:?}",
        ENTRIES.len(),
        started.elapsed()
    );
    assert_none_disagree(&failures, objects);
    assert!(
        missing
            .iter()
            .all(|n| n.starts_with("invoke") || *n == "initConnection" || n.starts_with("bool")),
        "{missing:?}"
    );
    assert!(
        ENTRIES.len() > 2_500 && objects > 5 * ENTRIES.len(),
        "{objects}"
    );
    assert_eq!(formed, objects, "every value goes back through its form");
}

/// The encode comparison's request (`send_message_230`, timed by
/// `examples/same_bytes.rs`): tlview's generated form and grammers write
/// the same bytes, of the length worked out from the schema, and
/// `encoded_len` says so before writing.
#[test]
fn send_message_encodes_the_same_in_both() {
    use tlview::Encode;
    use tlview_grammers_bench::send_message_230::{grammers, tlview, LEN};
    let ours = tlview();
    let mut buf = [0u8; 256];
    let n = ours.encode_to_slice(&mut buf).unwrap();
    assert_eq!((n, ours.encoded_len()), (LEN, LEN));
    assert_eq!(&buf[..n], &grammers().to_bytes()[..]);
    // The flags word: reply_to (bit 0), silent (5), entities (3).
    assert_eq!(&buf[4..8], &(1u32 | 1 << 3 | 1 << 5).to_le_bytes());
    // And tlview reads it back as the request it is.
    let o = Object::decode_in(Layer::L230, &buf[..n], Expect::Any, &Limits::DEFAULT).unwrap();
    assert_eq!(o.id(), tlview::layer230::id::MESSAGES_SEND_MESSAGE);
}
