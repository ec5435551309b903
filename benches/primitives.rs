//! Primitive throughput: reading and writing a buffer of mixed TL primitives,
//! against a plain `memcpy` of the same bytes, plus two hot single-call loops.
//!
//! `cargo bench --bench primitives` measures; `-- --test` runs each once.

use core::hint::black_box;

use criterion::{Criterion, Throughput};
use tlview::{Reader, SizeCounter, SliceSink, Writer};

const RECORDS: usize = 1000;

/// One record: int, long, short string, 300-byte string, double, int128.
struct Record {
    int: i32,
    long: i64,
    short: Vec<u8>,
    long_str: Vec<u8>,
    double: f64,
    int128: [u8; 16],
}

fn records() -> Vec<Record> {
    (0..RECORDS)
        .map(|i| {
            let n = i as u8;
            Record {
                int: i as i32 - 500,
                long: (i as i64) << 33 | 0x55,
                // 5..=20 bytes: both padded and unpadded lengths.
                short: vec![b'a' + n % 26; 5 + i % 16],
                long_str: vec![n; 300],
                double: i as f64 * 0.25,
                int128: [n; 16],
            }
        })
        .collect()
}

fn write_all<S: tlview::Sink>(w: &mut Writer<S>, recs: &[Record]) -> tlview::Result<()> {
    for r in recs {
        w.write_int(r.int)?;
        w.write_long(r.long)?;
        w.write_string(&r.short)?;
        w.write_string(&r.long_str)?;
        w.write_double(r.double)?;
        w.write_int128(&r.int128)?;
    }
    Ok(())
}

/// Reads every record; returns a checksum so nothing can be optimised away.
fn read_all(buf: &[u8]) -> tlview::Result<u64> {
    let mut r = Reader::new(buf);
    let mut sum = 0u64;
    for _ in 0..RECORDS {
        sum = sum.wrapping_add(r.read_int()? as u64);
        sum = sum.wrapping_add(r.read_long()? as u64);
        sum = sum.wrapping_add(r.read_string()?.len() as u64);
        sum = sum.wrapping_add(r.read_string()?.len() as u64);
        sum = sum.wrapping_add(r.read_double()?.to_bits());
        sum = sum.wrapping_add(u64::from(r.read_int128()?[0]));
    }
    r.finish()?;
    Ok(sum)
}

fn encoded(recs: &[Record]) -> Vec<u8> {
    let mut c = Writer::new(SizeCounter::new());
    write_all(&mut c, recs).unwrap();
    let mut buf = vec![0u8; c.finish()];
    let mut w = Writer::new(SliceSink::new(&mut buf));
    write_all(&mut w, recs).unwrap();
    assert_eq!(w.finish(), buf.len());
    buf
}

fn mixed(c: &mut Criterion) {
    let recs = records();
    let buf = encoded(&recs);
    read_all(&buf).unwrap();

    let mut g = c.benchmark_group("mixed_1000_records");
    g.throughput(Throughput::Bytes(buf.len() as u64));
    g.bench_function("read", |b| b.iter(|| read_all(black_box(&buf)).unwrap()));
    let mut out = vec![0u8; buf.len()];
    g.bench_function("write", |b| {
        b.iter(|| {
            let mut w = Writer::new(SliceSink::new(black_box(&mut out[..])));
            write_all(&mut w, black_box(&recs)).unwrap();
            w.finish()
        })
    });
    g.bench_function("memcpy", |b| {
        b.iter(|| {
            out.copy_from_slice(black_box(&buf));
            black_box(&out);
        })
    });
    g.finish();
}

fn hot(c: &mut Criterion) {
    let int = 0x1234_5678_i32.to_le_bytes();
    c.bench_function("read_int_hot", |b| {
        b.iter(|| Reader::new(black_box(&int)).read_int().unwrap())
    });
    let string = [5, b'h', b'e', b'l', b'l', b'o', 0, 0];
    c.bench_function("read_string_hot", |b| {
        b.iter(|| Reader::new(black_box(&string)).read_string().unwrap().len())
    });
}

// What `criterion_group!`/`criterion_main!` expand to, written out: the macro's
// generated `pub fn` trips the workspace's `missing_docs` lint.
fn main() {
    let mut c = Criterion::default().configure_from_args();
    mixed(&mut c);
    hot(&mut c);
    c.final_summary();
}
