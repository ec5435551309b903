//! grammers-tl-types' decode (+ the same touch) on the benchmark messages
//! rebuilt in its own layer, beside tlview on the layer-122 originals, one
//! criterion group per message. See BENCHMARKS.md.
//!
//! `cargo bench --bench grammers` (from benches/grammers); `-- --test` runs
//! each once. Times are the thread's CPU time unless `PEERS_CLOCK=wall`.

use std::hint::black_box;

use criterion::measurement::Measurement;
use criterion::{Criterion, Throughput};
use grammers_tl_types::{enums, Deserializable};
use tlview_grammers_bench::*;
use tlview_peers_bench::clock::{cpu_criterion, wall_clock_requested, wall_criterion};

fn run<M: Measurement>(mut c: Criterion<M>) {
    let pairs = pairs();
    println!(
        "{:<22} {:>12} {:>16}",
        "message", "layer-122 B", "grammers-layer B"
    );
    for p in &pairs {
        // The same content: both decoders take their bytes whole and the
        // touches read the same values.
        let ours = tlview::Updates::decode(&p.ours).unwrap();
        let theirs = decode_exact(&p.theirs);
        assert_eq!(
            touch_tlview(&ours),
            touch_grammers(&theirs),
            "{}: contents differ",
            p.name
        );
        println!("{:<22} {:>12} {:>16}", p.name, p.ours.len(), p.theirs.len());
    }
    for p in &pairs {
        let mut g = c.benchmark_group(format!("grammers/{}", p.name));
        // Each function's own input size (so MB/s is of its own bytes).
        g.throughput(Throughput::Bytes(p.ours.len() as u64));
        g.bench_function("tlview", |b| {
            b.iter(|| {
                let u = tlview::Updates::decode(black_box(&p.ours)).unwrap();
                black_box(touch_tlview(&u))
            })
        });
        g.throughput(Throughput::Bytes(p.theirs.len() as u64));
        g.bench_function("grammers-tl-types", |b| {
            b.iter(|| {
                let u = enums::Updates::from_bytes(black_box(&p.theirs)).unwrap();
                black_box(touch_grammers(&u))
            })
        });
        g.finish();
    }
    c.final_summary();
}

fn main() {
    if wall_clock_requested() {
        run(wall_criterion())
    } else {
        run(cpu_criterion())
    }
}
