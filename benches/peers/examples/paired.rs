//! Paired timing: tlview and tl-proto in alternating short batches on each
//! message, reporting the median of the per-pair ratios.
//!
//! On this shared machine the speed of the whole VM drifts by ±40% over
//! seconds, so two criterion benchmarks run one after the other can see
//! different machines. Here both sides of each pair run within a
//! millisecond of each other (in alternating order), so the drift cancels
//! out of each ratio; the median over many pairs, and its spread, are
//! printed beside the median times. The messages are measured interleaved
//! (each round takes one pair of every message in turn), so all of them see
//! the same phases of the machine. See BENCHMARKS.md.
//!
//! `cargo run --release --example paired [-- ROUNDS]` (default 301).

use std::hint::black_box;
use tlview_peers_bench::paired::{interleaved, task};
use tlview_peers_bench::*;

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .map(|a| a.parse().expect("ROUNDS"))
        .unwrap_or(301);
    let msgs = messages();
    let ours = requests::tlview();
    let theirs = requests::tl_proto();
    let mut tasks = Vec::new();
    for (_, bytes) in &msgs {
        let bytes = &bytes[..];
        tasks.push(task(
            move || touch_tlview(&tlview::Updates::decode(black_box(bytes)).unwrap()),
            move || {
                let u: model::Updates<'_> = tl_proto::deserialize(black_box(bytes)).unwrap();
                touch_tl_proto(&u)
            },
        ));
    }
    for (a, b) in ours.iter().zip(&theirs) {
        let mut buf = [0u8; 64];
        let mut out = Vec::with_capacity(64);
        tasks.push(task(
            move || black_box(a).encode_to_slice(&mut buf).unwrap() as u64,
            move || {
                tl_proto::serialize_into(black_box(b), &mut out);
                out.len() as u64
            },
        ));
    }
    let results = interleaved(rounds, &mut tasks);
    println!("| message | bytes | tlview ns | tl-proto ns | tl-proto/tlview (median of pairs) | p10 – p90 |");
    println!("|---|---:|---:|---:|---:|---|");
    let names = msgs
        .iter()
        .map(|(name, bytes)| (name.to_string(), bytes.len()));
    let requests = requests::NAMES
        .iter()
        .zip(&ours)
        .map(|(name, a)| (format!("acceptContact {name}"), a.encoded_len()));
    for ((name, len), (a, b, r)) in names.chain(requests).zip(results) {
        println!(
            "| {name} | {len} | {a:.1} | {b:.1} | **{:.2}×** | {:.2}× – {:.2}× |",
            r[1], r[0], r[2]
        );
    }
}
