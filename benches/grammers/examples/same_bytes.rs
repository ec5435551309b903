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
//! tlview: [`read_all_230`] (validate, view in layer 230 through `Object`,
//! read every value); grammers: `enums::Updates::from_bytes` and its
//! `touch_grammers` for the messages (a drop of the whole value for the
//! mix, whose contents `touch_grammers` does not know).
//!
//! Two more rows time tlview's walker alone (validation, nothing read)
//! against the same grammers decode, on `updates_50` and the mix.
//!
//! `cargo run --release --example same_bytes [-- ROUNDS]` (default 101).

use std::hint::black_box;

use grammers_tl_types::{enums, Deserializable};
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
    let mut tasks = Vec::new();
    for p in &pairs {
        let theirs = &p.theirs[..];
        let _ = decode_exact(theirs);
        tasks.push(task(
            move || read_all_230(black_box(theirs)),
            move || touch_grammers(&enums::Updates::from_bytes(black_box(theirs)).unwrap()),
        ));
    }
    let m = &mix;
    tasks.push(task(
        move || {
            m.iter()
                .map(|b| read_all_230(black_box(b)))
                .fold(0, u64::wrapping_add)
        },
        move || {
            m.iter()
                .map(|b| {
                    let u = enums::Updates::from_bytes(black_box(b)).unwrap();
                    black_box(&u);
                    b.len() as u64
                })
                .sum::<u64>()
        },
    ));
    // The walker alone (validation, no view, nothing read), on the largest
    // message and the mix.
    let walk = |b: &[u8]| {
        let updates = tlview::walk::Expect::Type(tlview::layer230::ty::UPDATES);
        tlview::layer230::walk(black_box(b), updates, &tlview::Limits::DEFAULT).unwrap() as u64
    };
    let big = &pairs
        .iter()
        .find(|p| p.name == "updates_50")
        .unwrap()
        .theirs[..];
    tasks.push(task(
        move || walk(big),
        move || touch_grammers(&enums::Updates::from_bytes(black_box(big)).unwrap()),
    ));
    tasks.push(task(
        move || m.iter().map(|b| walk(b)).sum::<u64>(),
        move || {
            m.iter()
                .map(|b| {
                    let u = enums::Updates::from_bytes(black_box(b)).unwrap();
                    black_box(&u);
                    b.len() as u64
                })
                .sum::<u64>()
        },
    ));
    let results = interleaved(rounds, &mut tasks);
    println!("| message (layer 230, grammers' bytes) | bytes | tlview ns | grammers ns | grammers/tlview (median of pairs) | p10 – p90 |");
    println!("|---|---:|---:|---:|---:|---|");
    let names = pairs
        .iter()
        .map(|p| (p.name.to_string(), p.theirs.len()))
        .chain([
            (format!("uniform mix of {} Updates", mix.len()), mix_bytes),
            ("updates_50, tlview's walker alone".into(), big.len()),
            (
                format!(
                    "uniform mix of {} Updates, tlview's walker alone",
                    mix.len()
                ),
                mix_bytes,
            ),
        ]);
    for ((name, len), (a, b, r)) in names.zip(results) {
        println!(
            "| {name} | {len} | {a:.1} | {b:.1} | **{:.1}×** | {:.1}× – {:.1}× |",
            r[1], r[0], r[2]
        );
    }
}
