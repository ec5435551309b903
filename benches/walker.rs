//! Walker throughput: validating whole messages against the layer table
//! (bytes per second, and ns per object), beside a memcpy of the same bytes.
//!
//! `cargo bench --bench walker`; `-- --test` runs each once.

use core::hint::black_box;

use criterion::{Criterion, Throughput};
use tlview::object::{Object, Value};
use tlview::walk::{walk, Expect};
use tlview::{schema, Limits};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/");

/// How many objects a message holds (counted once, outside the timing).
fn count_objects(o: Object<'_>) -> u64 {
    let mut n = 0;
    let mut stack = vec![o];
    while let Some(o) = stack.pop() {
        n += 1;
        for f in o.fields() {
            match f.value {
                Value::Object(x) => stack.push(x),
                Value::Vector(v) => {
                    for e in v {
                        if let Value::Object(x) = e {
                            stack.push(x);
                        }
                    }
                }
                _ => {}
            }
        }
    }
    n
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    // A mix of nested messages: all six reference messages back to back.
    let names = [
        "short_message",
        "short_chat_message",
        "short_sent",
        "update_short",
        "updates_50",
        "updates_combined_10",
    ];
    let msgs: Vec<Vec<u8>> = names
        .iter()
        .map(|n| std::fs::read(format!("{DATA}{n}.bin")).unwrap())
        .collect();
    let total: usize = msgs.iter().map(Vec::len).sum();
    let objects: u64 = msgs
        .iter()
        .map(|m| count_objects(Object::decode(m, Expect::Any, &Limits::DEFAULT).unwrap()))
        .sum();
    eprintln!("walker mix: {total} bytes, {objects} objects");
    let expect = Expect::Type(schema::ty::UPDATES);
    {
        let mut g = c.benchmark_group("walker/mix-bytes");
        g.throughput(Throughput::Bytes(total as u64));
        g.bench_function("walk", |b| {
            b.iter(|| {
                for m in &msgs {
                    black_box(walk(black_box(m), expect, &Limits::DEFAULT).unwrap());
                }
            })
        });
        let mut dst: Vec<Vec<u8>> = msgs.iter().map(|m| vec![0; m.len()]).collect();
        g.bench_function("memcpy", |b| {
            b.iter(|| {
                for (d, m) in dst.iter_mut().zip(&msgs) {
                    d.copy_from_slice(black_box(m));
                }
                black_box(&dst);
            })
        });
        g.finish();
    }
    {
        let mut g = c.benchmark_group("walker/mix-objects");
        g.throughput(Throughput::Elements(objects));
        g.bench_function("walk", |b| {
            b.iter(|| {
                for m in &msgs {
                    black_box(walk(black_box(m), expect, &Limits::DEFAULT).unwrap());
                }
            })
        });
        g.finish();
    }
    c.final_summary();
}
