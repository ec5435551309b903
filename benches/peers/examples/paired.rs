//! Paired timing: tlview and tl-proto in alternating short batches on each
//! message, reporting the median of the per-pair ratios.
//!
//! On this shared machine the speed of the whole VM drifts by ±40% over
//! seconds, so two criterion benchmarks run one after the other can see
//! different machines. Here both sides of each pair run within a
//! millisecond of each other (in alternating order), so the drift cancels
//! out of each ratio; the median over many pairs, and its spread, are
//! printed beside the median times. See BENCHMARKS.md.
//!
//! `cargo run --release --example paired [-- ROUNDS]` (default 301).

use std::hint::black_box;
use tlview_peers_bench::paired::pair;
use tlview_peers_bench::*;

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .map(|a| a.parse().expect("ROUNDS"))
        .unwrap_or(301);
    println!("| message | bytes | tlview ns | tl-proto ns | tl-proto/tlview (median of pairs) | p10 – p90 |");
    println!("|---|---:|---:|---:|---:|---|");
    for (name, bytes) in messages() {
        let bytes = &bytes[..];
        let (a, b, r) = pair(
            rounds,
            || touch_tlview(&tlview::Updates::decode(black_box(bytes)).unwrap()),
            || {
                let u: model::Updates<'_> = tl_proto::deserialize(black_box(bytes)).unwrap();
                touch_tl_proto(&u)
            },
        );
        println!(
            "| {name} | {} | {a:.1} | {b:.1} | **{:.2}×** | {:.2}× – {:.2}× |",
            bytes.len(),
            r[1],
            r[0],
            r[2]
        );
    }
    let ours = requests::tlview();
    let theirs = requests::tl_proto();
    for ((name, a), b) in requests::NAMES.iter().zip(&ours).zip(&theirs) {
        let mut buf = [0u8; 64];
        let mut out = Vec::with_capacity(64);
        let (x, y, r) = pair(
            rounds,
            || black_box(a).encode_to_slice(&mut buf).unwrap() as u64,
            || {
                tl_proto::serialize_into(black_box(b), &mut out);
                out.len() as u64
            },
        );
        println!(
            "| acceptContact {name} | {} | {x:.1} | {y:.1} | **{:.2}×** | {:.2}× – {:.2}× |",
            buf.len().min(a.encoded_len()),
            r[1],
            r[0],
            r[2]
        );
    }
}
