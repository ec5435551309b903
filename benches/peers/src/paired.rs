//! Paired timing of two functions on a machine whose speed drifts: short
//! batches of each, alternating, and the median of the per-pair ratios (see
//! `examples/paired.rs` and BENCHMARKS.md).

use crate::clock::now;
use std::hint::black_box;

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
pub fn pair<A: FnMut() -> u64, B: FnMut() -> u64>(
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
