//! Paired timing of two functions on a machine whose speed drifts: short
//! batches of each, alternating, and the median of the per-pair ratios (see
//! `examples/paired.rs` and BENCHMARKS.md).
//!
//! Several pairs of functions (one per message) are measured interleaved:
//! each round takes one pair of batches of every task in turn, so every
//! message sees the same mix of the machine's fast and slow phases over the
//! whole run, instead of the phase that happened to fall on its own slot.

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

/// One side of a task: a batch of `n` calls, timed. The calls are
/// monomorphised into the batch's loop; only the batch itself is called
/// through the trait object.
trait Side {
    fn run(&mut self, n: u64) -> u64;
}

struct Calls<F>(F);

impl<F: FnMut() -> u64> Side for Calls<F> {
    fn run(&mut self, n: u64) -> u64 {
        batch(n, &mut self.0)
    }
}

/// Two functions to compare: `a` (tlview) and `b` (the peer).
pub struct Task<'f> {
    a: Box<dyn Side + 'f>,
    b: Box<dyn Side + 'f>,
    n: u64,
    ta: Vec<f64>,
    tb: Vec<f64>,
    ratio: Vec<f64>,
}

/// A task comparing `a` with `b`.
pub fn task<'f, A, B>(a: A, b: B) -> Task<'f>
where
    A: FnMut() -> u64 + 'f,
    B: FnMut() -> u64 + 'f,
{
    Task {
        a: Box::new(Calls(a)),
        b: Box::new(Calls(b)),
        n: 1,
        ta: Vec::new(),
        tb: Vec::new(),
        ratio: Vec::new(),
    }
}

impl Task<'_> {
    /// One pair of batches, `first_a` deciding which side goes first.
    fn pair(&mut self, first_a: bool) {
        let n = self.n;
        let (x, y) = if first_a {
            let x = self.a.run(n);
            (x, self.b.run(n))
        } else {
            let y = self.b.run(n);
            (self.a.run(n), y)
        };
        self.ta.push(x as f64 / n as f64);
        self.tb.push(y as f64 / n as f64);
        self.ratio.push(y as f64 / x as f64);
    }
}

/// The value at quantile `q` of `v` (sorted here).
fn quantile(v: &mut [f64], q: f64) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[((v.len() - 1) as f64 * q).round() as usize]
}

/// For each task, in order: the median ns per call of `a` and of `b`, and
/// the 10th, 50th and 90th percentiles of the ratio b/a over `rounds`
/// pairs of batches. The tasks are measured interleaved (one pair of each
/// per round), `a`'s batches about 200 µs long.
pub fn interleaved(rounds: usize, tasks: &mut [Task<'_>]) -> Vec<(f64, f64, [f64; 3])> {
    for t in tasks.iter_mut() {
        while t.a.run(t.n) < 200_000 {
            t.n *= 2;
        }
    }
    for round in 0..20 {
        for t in tasks.iter_mut() {
            t.pair(round % 2 == 0);
        }
    }
    for t in tasks.iter_mut() {
        t.ta.clear();
        t.tb.clear();
        t.ratio.clear();
    }
    for round in 0..rounds {
        for t in tasks.iter_mut() {
            t.pair(round % 2 == 0);
        }
    }
    tasks
        .iter_mut()
        .map(|t| {
            (
                quantile(&mut t.ta, 0.5),
                quantile(&mut t.tb, 0.5),
                [
                    quantile(&mut t.ratio, 0.1),
                    quantile(&mut t.ratio, 0.5),
                    quantile(&mut t.ratio, 0.9),
                ],
            )
        })
        .collect()
}

/// [`interleaved`] for one pair of functions.
pub fn pair<A: FnMut() -> u64, B: FnMut() -> u64>(
    rounds: usize,
    a: A,
    b: B,
) -> (f64, f64, [f64; 3]) {
    interleaved(rounds, &mut [task(a, b)])[0]
}
