//! Paired timing of grammers-tl-types against tlview: alternating short
//! batches of each decode + touch, the median of the per-pair ratios (the
//! peers bench's `examples/paired.rs`, for this crate's messages, measured
//! interleaved in the same way). See BENCHMARKS.md.
//!
//! `cargo run --release --example paired [-- ROUNDS]` (default 301).

use std::hint::black_box;

use grammers_tl_types::{enums, Deserializable};
use tlview_grammers_bench::*;
use tlview_peers_bench::paired::{interleaved, task};

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .map(|a| a.parse().expect("ROUNDS"))
        .unwrap_or(301);
    let pairs = pairs();
    let mut tasks = Vec::new();
    for p in &pairs {
        let (ours, theirs) = (&p.ours[..], &p.theirs[..]);
        assert_eq!(
            touch_tlview(&tlview::Updates::decode(ours).unwrap()),
            touch_grammers(&decode_exact(theirs)),
            "{}: contents differ",
            p.name
        );
        tasks.push(task(
            move || touch_tlview(&tlview::Updates::decode(black_box(ours)).unwrap()),
            move || touch_grammers(&enums::Updates::from_bytes(black_box(theirs)).unwrap()),
        ));
    }
    let results = interleaved(rounds, &mut tasks);
    println!("| message | layer-122 bytes | tlview ns | grammers bytes | grammers ns | grammers/tlview (median of pairs) | p10 – p90 |");
    println!("|---|---:|---:|---:|---:|---:|---|");
    for (p, (a, b, r)) in pairs.iter().zip(results) {
        println!(
            "| {} | {} | {a:.1} | {} | {b:.1} | **{:.1}×** | {:.1}× – {:.1}× |",
            p.name,
            p.ours.len(),
            p.theirs.len(),
            r[1],
            r[0],
            r[2]
        );
    }
}
