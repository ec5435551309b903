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
//! Where the three disagree the test fails and names the combinator, the
//! seed and the first differing byte.

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
                // TL JSON and back, in layer 230; the typed views read the
                // same (`tl dump --typed --layer 230`).
                let decoded = Object::decode_in(layer, &bytes, Expect::Any, &Limits::DEFAULT);
                if let Ok(o) = decoded {
                    let typed = tlview::view::TypedJson(o).to_string();
                    if typed != Json(o).to_string() {
                        failures.push(format!("{what}: the typed views print {typed}"));
                    }
                    // The generated form, filled from the typed view.
                    let mut buf = vec![0u8; bytes.len()];
                    let mut w = tlview::Writer::new(tlview::SliceSink::new(&mut buf));
                    let formed_as = tlview::layer230::build::reencode(o, &mut w);
                    let sink = w.into_sink();
                    let out = sink.filled();
                    match formed_as {
                        Some(Ok(n)) if n == bytes.len() && out == bytes => formed += 1,
                        Some(Ok(n)) => failures.push(format!(
                            "{what}: its generated form announces {n} bytes and writes {}",
                            first_difference(&bytes, &out)
                        )),
                        Some(Err(e)) => failures.push(format!("{what}: its form: {e}")),
                        None => failures.push(format!("{what}: no generated form")),
                    }
                }
                let json = decoded.map(|o| Json(o).to_string());
                let again = json.as_ref().map_err(|e| e.to_string()).and_then(|j| {
                    let v: serde_json::Value =
                        serde_json::from_str(j).map_err(|e| e.to_string())?;
                    let mut out = Vec::new();
                    tltool::encode::encode_in(layer, &v, Expect::Any, &mut out)
                        .map(|()| out)
                        .map_err(|e| e.to_string())
                });
                match again {
                    Ok(again) if again == bytes => {}
                    Ok(again) => failures.push(format!(
                        "{what}: tl encode --layer 230 of its dump gives other bytes: {}",
                        first_difference(&bytes, &again)
                    )),
                    Err(e) => failures.push(format!("{what}: dump and encode: {e}")),
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
    assert!(
        failures.is_empty(),
        "{} of {objects} disagree:\n{}",
        failures.len(),
        failures[..failures.len().min(20)].join("\n")
    );
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
