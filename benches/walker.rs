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
        .map(|m| count_objects(Object::decode(m, Expect::Any).unwrap()))
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
    adversarial(&mut c);
    c.final_summary();
}

/// Little-endian words to bytes.
fn words(ws: &[u32]) -> Vec<u8> {
    ws.iter().flat_map(|w| w.to_le_bytes()).collect()
}

/// Worst-case time: adversarial inputs of 10^3 to 10^6 bytes. Throughput
/// (bytes/s) that stays flat as the size grows is O(n) work; deep nesting is
/// refused at the depth limit after a bounded prefix, whatever its size.
fn adversarial(c: &mut Criterion) {
    use schema::id::{
        TEXT_BOLD, TEXT_CONCAT, TEXT_EMPTY, UPDATES, UPDATE_USER_STATUS, USER_STATUS_EMPTY,
    };
    const VECTOR: u32 = 0x1cb5_c415;
    let rich_text = Expect::Type(schema::ty::RICH_TEXT);
    for n in [1_000usize, 10_000, 100_000, 1_000_000] {
        // Many tiny objects: textConcat of k textEmpty (4 bytes each).
        let k = (n - 12) / 4;
        let mut tiny = vec![TEXT_CONCAT, VECTOR, k as u32];
        tiny.extend(std::iter::repeat_n(TEXT_EMPTY, k));
        // Many empty vectors: textConcat of k empty textConcats (12 bytes each).
        let k = (n - 12) / 12;
        let mut empties = vec![TEXT_CONCAT, VECTOR, k as u32];
        for _ in 0..k {
            empties.extend([TEXT_CONCAT, VECTOR, 0]);
        }
        // Deep nesting: textBold in textBold ... (refused at byte 256).
        let mut deep = vec![TEXT_BOLD; n / 4 - 1];
        deep.push(TEXT_EMPTY);
        // Typed decode: `updates` with k updateUserStatus (12 bytes each),
        // no users, no chats.
        let k = (n - 40) / 12;
        let mut typed = vec![UPDATES, VECTOR, k as u32];
        for i in 0..k {
            typed.extend([UPDATE_USER_STATUS, i as u32, USER_STATUS_EMPTY]);
        }
        typed.extend([VECTOR, 0, VECTOR, 0, 1, 2]);
        let (tiny, empties, deep, typed) =
            (words(&tiny), words(&empties), words(&deep), words(&typed));

        let mut g = c.benchmark_group(format!("adversarial/{n}"));
        g.throughput(Throughput::Bytes(n as u64));
        if n >= 100_000 {
            g.sample_size(10);
        }
        g.bench_function("tiny_objects", |b| {
            b.iter(|| black_box(walk(black_box(&tiny), rich_text, &Limits::DEFAULT).unwrap()))
        });
        g.bench_function("empty_vectors", |b| {
            b.iter(|| black_box(walk(black_box(&empties), rich_text, &Limits::DEFAULT).unwrap()))
        });
        g.bench_function("deep_nesting_refused", |b| {
            b.iter(|| black_box(walk(black_box(&deep), rich_text, &Limits::DEFAULT).unwrap_err()))
        });
        g.bench_function("typed_updates_decode", |b| {
            b.iter(|| {
                let u = tlview::Updates::decode(black_box(&typed)).unwrap();
                let tlview::Updates::Updates(u) = u else {
                    unreachable!()
                };
                black_box(
                    u.updates()
                        .iter()
                        .map(|x| x.constructor_id())
                        .fold(0u32, u32::wrapping_add),
                )
            })
        });
        g.finish();
    }
}
