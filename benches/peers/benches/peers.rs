//! tlview vs tl-proto vs memcpy on the same layer-122 bytes, one criterion
//! group per message (and per encoded request). See BENCHMARKS.md.
//!
//! `cargo bench --bench peers` (from benches/peers); `-- --test` runs each
//! once. Times are the thread's CPU time unless `PEERS_CLOCK=wall`.

use std::hint::black_box;

use criterion::measurement::Measurement;
use criterion::{Criterion, Throughput};
use tlview::encode::Encode;
use tlview_peers_bench::clock::{cpu_criterion, wall_clock_requested, wall_criterion};
use tlview_peers_bench::*;

fn decode<M: Measurement>(c: &mut Criterion<M>) {
    let msgs = messages();
    // Before timing anything: both decoders accept every message, tl-proto
    // consuming exactly all of its bytes, and both read the same values.
    for (name, bytes) in &msgs {
        let a = tlview::Updates::decode(bytes).unwrap_or_else(|e| panic!("{name}: tlview: {e}"));
        let b = tl_proto_decode(bytes).unwrap_or_else(|e| panic!("{name}: tl-proto: {e}"));
        assert_eq!(
            touch_tlview(&a),
            touch_tl_proto(&b),
            "{name}: the touches differ"
        );
    }
    for (name, bytes) in &msgs {
        let mut g = c.benchmark_group(format!("decode/{name}"));
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        g.bench_function("tlview", |b| {
            b.iter(|| {
                let u = tlview::Updates::decode(black_box(bytes)).unwrap();
                black_box(touch_tlview(&u))
            })
        });
        // tl-proto's own entry point. It doesn't look at what is left over;
        // that every message is consumed whole is asserted above instead.
        g.bench_function("tl-proto", |b| {
            b.iter(|| {
                let u: model::Updates<'_> = tl_proto::deserialize(black_box(bytes)).unwrap();
                black_box(touch_tl_proto(&u))
            })
        });
        let mut dst = vec![0u8; bytes.len()];
        g.bench_function("memcpy", |b| {
            b.iter(|| {
                dst.copy_from_slice(black_box(bytes));
                black_box(&mut dst);
            })
        });
        g.finish();
    }
}

fn encode<M: Measurement>(c: &mut Criterion<M>) {
    let ours = requests::tlview();
    let theirs = requests::tl_proto();
    for ((name, a), b) in requests::NAMES.iter().zip(&ours).zip(&theirs) {
        let mut buf = [0u8; 64];
        let n = a.encode_to_slice(&mut buf).unwrap();
        assert_eq!(
            &buf[..n],
            &tl_proto::serialize(b)[..],
            "{name}: the encoders differ"
        );

        let mut g = c.benchmark_group(format!("encode/accept_contact/{name}"));
        g.throughput(Throughput::Bytes(n as u64));
        g.bench_function("tlview", |bch| {
            bch.iter(|| black_box(black_box(a).encode_to_slice(&mut buf).unwrap()))
        });
        // tl-proto writes to a `TlPacket`; `Vec<u8>` is its own. Reused, so
        // no allocation is timed (`serialize_into` clears and reserves).
        let mut out = Vec::with_capacity(64);
        g.bench_function("tl-proto", |bch| {
            bch.iter(|| {
                tl_proto::serialize_into(black_box(b), &mut out);
                black_box(out.len())
            })
        });
        // tl-proto's one-call API, which allocates its Vec each time.
        g.bench_function("tl-proto-serialize", |bch| {
            bch.iter(|| black_box(tl_proto::serialize(black_box(b))))
        });
        let src = buf;
        let mut dst = [0u8; 64];
        g.bench_function("memcpy", |bch| {
            bch.iter(|| {
                dst[..n].copy_from_slice(black_box(&src[..n]));
                black_box(&mut dst);
            })
        });
        g.finish();
    }

    // messages.sendMessage: 100-byte text, two entities, a reply-to.
    let a = send_message::tlview();
    let b = send_message::tl_proto();
    let mut buf = [0u8; 256];
    let n = a.encode_to_slice(&mut buf).unwrap();
    assert_eq!(
        &buf[..n],
        &tl_proto::serialize(&b)[..],
        "send_message: the encoders differ"
    );
    let mut g = c.benchmark_group("encode/send_message");
    g.throughput(Throughput::Bytes(n as u64));
    g.bench_function("tlview", |bch| {
        bch.iter(|| black_box(black_box(&a).encode_to_slice(&mut buf).unwrap()))
    });
    let mut out = Vec::with_capacity(256);
    g.bench_function("tl-proto", |bch| {
        bch.iter(|| {
            tl_proto::serialize_into(black_box(&b), &mut out);
            black_box(out.len())
        })
    });
    g.bench_function("tl-proto-serialize", |bch| {
        bch.iter(|| black_box(tl_proto::serialize(black_box(&b))))
    });
    let src = buf;
    let mut dst = [0u8; 256];
    g.bench_function("memcpy", |bch| {
        bch.iter(|| {
            dst[..n].copy_from_slice(black_box(&src[..n]));
            black_box(&mut dst);
        })
    });
    g.finish();
}

fn run<M: Measurement>(mut c: Criterion<M>) {
    decode(&mut c);
    encode(&mut c);
    c.final_summary();
}

fn main() {
    if wall_clock_requested() {
        run(wall_criterion())
    } else {
        run(cpu_criterion())
    }
}
