//! Layer 230 on the same bytes: tlview against grammers-tl-types, both
//! decoding grammers' own serialization, paired and interleaved as
//! `examples/paired.rs` times them (the median of per-pair ratios).
//!
//! * The reference messages, rebuilt in layer 230 by grammers (`pairs()`,
//!   the `theirs` bytes).
//! * A uniform random mix: 256 random `Updates` of layer 230 from tlview's
//!   table-driven builder (`testkit/layer_random.rs`: every `Updates` and
//!   `Update` constructor alike, random users, chats and messages inside),
//!   each decoded by both in turn.
//!
//! The messages: tlview's typed views of layer 230 ([`touch_typed_230`]:
//! `tlview::layer230::enums::Updates::decode`, then the fields a client
//! shows through the generated accessors) against grammers'
//! `enums::Updates::from_bytes` and [`touch_grammers`], which reads the
//! same fields (the checksums are checked equal). The mix: a typed decode
//! against grammers' decode (a drop of the whole value).
//!
//! Two more rows time the dynamic view reading every value
//! ([`read_all_230`]) against the same grammers decode, on `updates_50`
//! and the mix.
//!
//! The last row encodes: `messages.sendMessage` of layer 230
//! ([`send_message_230`]: a 100-byte text, two entities, a reply-to),
//! tlview's generated form into a slice against grammers' `serialize` into
//! a reused `Vec` (the bytes are checked equal first).
//!
//! `cargo run --release --example same_bytes [-- ROUNDS]` (default 101).

use std::hint::black_box;

use grammers_tl_types::{enums, Deserializable, Serializable};
use tlview::Encode;
use tlview::schema::CtorIndex;
use tlview::Layer;
use tlview_grammers_bench::*;
use tlview_peers_bench::paired::{interleaved, task};

#[path = "../../../testkit/layer_random.rs"]
mod layer_random;

/// The mix: `n` random `Updates` of layer 230.
fn mix(n: usize) -> Vec<Vec<u8>> {
    let layer = Layer::L230;
    let mut b = layer_random::Builder::new(layer, 0x5a3e_b17e);
    let members: Vec<CtorIndex> = layer.type_members(tlview::layer230::ty::UPDATES).to_vec();
    (0..n)
        .map(|_| {
            let c = members[b.rng.below(members.len())];
            b.build(c.get(), None)
        })
        .collect()
}

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .map(|a| a.parse().expect("ROUNDS"))
        .unwrap_or(101);
    let pairs = pairs();
    let mix = mix(256);
    let mix_bytes: usize = mix.iter().map(Vec::len).sum();
    for m in &mix {
        // Both read all of it, and grammers writes it back the same.
        let _ = read_all_230(m);
        let mut cur = grammers_tl_types::Cursor::from_slice(m);
        let u = enums::Updates::deserialize(&mut cur).unwrap();
        assert_eq!(cur.pos(), m.len());
        assert_eq!(&grammers_tl_types::Serializable::to_bytes(&u), m);
    }
    let grammers_mix = move |m: &[Vec<u8>]| {
        m.iter()
            .map(|b| {
                let u = enums::Updates::from_bytes(black_box(b)).unwrap();
                black_box(&u);
                b.len() as u64
            })
            .sum::<u64>()
    };
    let mut tasks = Vec::new();
    let mut names = Vec::new();
    // The messages: tlview's typed views against grammers, each reading the
    // same fields (equal checksums, checked here first).
    for p in &pairs {
        let theirs = &p.theirs[..];
        let _ = decode_exact(theirs);
        assert_eq!(
            touch_typed_230(theirs),
            touch_grammers(&enums::Updates::from_bytes(theirs).unwrap()),
            "{}: the typed views read other values than grammers",
            p.name
        );
        tasks.push(task(
            move || touch_typed_230(black_box(theirs)),
            move || touch_grammers(&enums::Updates::from_bytes(black_box(theirs)).unwrap()),
        ));
        names.push((p.name.to_string(), theirs.len()));
    }
    // The mix: a typed decode (validated, viewed) against grammers' decode
    // (every value built); neither reads more.
    let m = &mix;
    tasks.push(task(
        move || {
            m.iter()
                .map(|b| {
                    let u = tlview::layer230::enums::Updates::decode(black_box(b)).unwrap();
                    u64::from(u.constructor_id())
                })
                .fold(0, u64::wrapping_add)
        },
        move || grammers_mix(m),
    ));
    names.push((format!("uniform mix of {} Updates", mix.len()), mix_bytes));
    // For reference: the dynamic view reading every value
    // (`read_all_230`), on the largest message and the mix.
    let big = &pairs
        .iter()
        .find(|p| p.name == "updates_50")
        .unwrap()
        .theirs[..];
    tasks.push(task(
        move || read_all_230(black_box(big)),
        move || touch_grammers(&enums::Updates::from_bytes(black_box(big)).unwrap()),
    ));
    names.push(("updates_50, dynamic view, every value".into(), big.len()));
    tasks.push(task(
        move || {
            m.iter()
                .map(|b| read_all_230(black_box(b)))
                .fold(0, u64::wrapping_add)
        },
        move || grammers_mix(m),
    ));
    names.push((
        format!(
            "uniform mix of {} Updates, dynamic view, every value",
            mix.len()
        ),
        mix_bytes,
    ));
    // Encoding messages.sendMessage: the same bytes from both.
    let ours = send_message_230::tlview();
    let theirs = send_message_230::grammers();
    let mut buf = [0u8; 256];
    let n = ours.encode_to_slice(&mut buf).unwrap();
    assert_eq!(n, send_message_230::LEN);
    assert_eq!(&buf[..n], &theirs.to_bytes()[..], "sendMessage: the encoders differ");
    let mut out: Vec<u8> = Vec::with_capacity(256);
    tasks.push(task(
        move || black_box(&ours).encode_to_slice(black_box(&mut buf)).unwrap() as u64,
        move || {
            out.clear();
            black_box(&theirs).serialize(&mut out);
            black_box(&out).len() as u64
        },
    ));
    names.push(("messages.sendMessage, encode".into(), n));
    let results = interleaved(rounds, &mut tasks);
    println!("| message (layer 230, grammers' bytes) | bytes | tlview ns | grammers ns | grammers/tlview (median of pairs) | p10 – p90 |");
    println!("|---|---:|---:|---:|---:|---|");
    for ((name, len), (a, b, r)) in names.into_iter().zip(results) {
        println!(
            "| {name} | {len} | {a:.1} | {b:.1} | **{:.1}×** | {:.1}× – {:.1}× |",
            r[1], r[0], r[2]
        );
    }
}
