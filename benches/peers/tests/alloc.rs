//! tlview's decode + touch of every benchmark message, and its encode of
//! every benchmark request (acceptContact's hand-written type,
//! sendMessage's generated form), allocate nothing;
//! tl-proto's allocations are counted beside them for the record.
//!
//! The counter is per thread, so the test harness's own threads don't count.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::hint::black_box;

use tlview::encode::Encode;
use tlview_peers_bench::*;

struct Counting;

thread_local! {
    static ALLOCS: Cell<u64> = const { Cell::new(0) };
    static BYTES: Cell<u64> = const { Cell::new(0) };
}

// SAFETY: forwards to `System`, only counting on the way.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCS.with(|c| c.set(c.get() + 1));
        BYTES.with(|c| c.set(c.get() + layout.size() as u64));
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCS.with(|c| c.set(c.get() + 1));
        BYTES.with(|c| c.set(c.get() + new_size as u64));
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Allocations (count, bytes) made by `f` on this thread.
fn count<R>(f: impl FnOnce() -> R) -> (u64, u64) {
    let (a0, b0) = (ALLOCS.with(Cell::get), BYTES.with(Cell::get));
    black_box(f());
    (ALLOCS.with(Cell::get) - a0, BYTES.with(Cell::get) - b0)
}

#[test]
fn tlview_decode_and_touch_allocate_nothing() {
    let msgs = messages();
    println!(
        "{:<22} {:>6} {:>16} {:>24}",
        "message", "bytes", "tlview allocs", "tl-proto allocs (bytes)"
    );
    for (name, bytes) in &msgs {
        let (tv, _) = count(|| touch_tlview(&tlview::Updates::decode(black_box(bytes)).unwrap()));
        let (tp, tp_bytes) = count(|| touch_tl_proto(&tl_proto_decode(black_box(bytes)).unwrap()));
        println!(
            "{name:<22} {:>6} {tv:>16} {:>24}",
            bytes.len(),
            format!("{tp} ({tp_bytes})")
        );
        assert_eq!(tv, 0, "{name}: tlview allocated");
    }
    // The encoders: tlview into a stack buffer, tl-proto into a reused Vec.
    for ((name, a), b) in requests::NAMES
        .iter()
        .zip(requests::tlview())
        .zip(requests::tl_proto())
    {
        let mut buf = [0u8; 64];
        let (tv, _) = count(|| a.encode_to_slice(black_box(&mut buf)).unwrap());
        let mut out = Vec::with_capacity(64);
        let (tp, _) = count(|| tl_proto::serialize_into(black_box(&b), &mut out));
        println!("accept_contact/{name:<24} tlview {tv}, tl-proto (reused Vec) {tp}");
        assert_eq!(tv, 0, "{name}: tlview encode allocated");
    }
    // messages.sendMessage, the same way (the tl-proto value's entity Vec is
    // built before counting: it is the request, not the encode).
    let a = send_message::tlview();
    let b = send_message::tl_proto();
    let mut buf = [0u8; 256];
    let (tv, _) = count(|| black_box(&a).encode_to_slice(black_box(&mut buf)).unwrap());
    // tlview's size alone, then the form built and encoded, all on the stack.
    let (tv_len, _) = count(|| black_box(&a).encoded_len());
    let (tv_built, _) = count(|| {
        send_message::tlview()
            .encode_to_slice(black_box(&mut buf))
            .unwrap()
    });
    let mut out = Vec::with_capacity(256);
    let (tp, _) = count(|| tl_proto::serialize_into(black_box(&b), &mut out));
    println!("send_message tlview {tv} (built too: {tv_built}), tl-proto (reused Vec) {tp}");
    assert_eq!(
        (tv, tv_len, tv_built),
        (0, 0, 0),
        "send_message: tlview allocated"
    );
    // The counter does count: a Vec of one byte is one allocation.
    assert_eq!(count(|| vec![1u8]).0, 1);
}
