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
use tlview_peers_bench::clock::now;
use tlview_peers_bench::*;

/// Thread CPU nanoseconds for `n` runs of `f`.
#[inline(always)]
fn batch<F: FnMut() -> u64>(n: u64, f: &mut F) -> u64 {
    let t0 = now();
    let mut sum = 0u64;
    for _ in 0..n {
        sum = sum.wrapping_add(f());
    }
    black_box(sum);
    now() - t0
}

/// The value at quantile `q` of `v` (sorted here).
fn quantile(v: &mut [f64], q: f64) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[((v.len() - 1) as f64 * q).round() as usize]
}

/// Median ns per call of `a` and of `b`, and the 10th, 50th and 90th
/// percentiles of the ratio b/a over `rounds` pairs of batches.
fn pair<A: FnMut() -> u64, B: FnMut() -> u64>(
    rounds: usize,
    mut a: A,
    mut b: B,
) -> (f64, f64, [f64; 3]) {
    let (a, b) = (&mut a, &mut b);
    // About 200 µs per batch of `a`.
    let mut n = 1u64;
    while batch(n, a) < 200_000 {
        n *= 2;
    }
    for _ in 0..20 {
        batch(n, a);
        batch(n, b);
    }
    let (mut ta, mut tb, mut ratio) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..rounds {
        let (x, y) = if round % 2 == 0 {
            let x = batch(n, a);
            (x, batch(n, b))
        } else {
            let y = batch(n, b);
            (batch(n, a), y)
        };
        ta.push(x as f64 / n as f64);
        tb.push(y as f64 / n as f64);
        ratio.push(y as f64 / x as f64);
    }
    (
        quantile(&mut ta, 0.5),
        quantile(&mut tb, 0.5),
        [
            quantile(&mut ratio, 0.1),
            quantile(&mut ratio, 0.5),
            quantile(&mut ratio, 0.9),
        ],
    )
}

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
