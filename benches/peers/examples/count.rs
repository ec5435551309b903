//! Runs one decode (or encode) N times, for counting instructions with
//! callgrind, which is stable on a noisy machine where timings are not.
//! `count.sh` beside this crate prints instructions per call for every
//! message, tlview and tl-proto, from the difference between N and 0 runs.
//!
//! `cargo run --release --example count -- tlview|tlproto|dec|dyn N MESSAGE`
//! (MESSAGE `mix`: the uniform mix, `dec` only; build with `--features
//! fast-all` for every constructor's straight-line validator)
//! (`dec`: tlview's decode alone, without the touch, to split the two;
//! `dyn`: the decode, then each `updateNewMessage`'s message read through
//! the dynamic view by field name, as before the generated views)
//! `cargo run --release --example count -- enc|enctlproto N` (acceptContact)
//! `cargo run --release --example count -- smtlview|smtlproto N` (sendMessage)

use std::hint::black_box;
use tlview::encode::Encode;
use tlview::schema;
use tlview_peers_bench::*;

// The uniform mix of tlview's own `updates` bench (`mix`): built by
// `testkit/random.rs`, which takes `schema` and `Vec` from here.
#[allow(clippy::single_component_path_imports)]
use std::vec::Vec;
#[path = "../../../testkit/random.rs"]
mod random;

/// 256 `updates`/`updatesCombined` messages from the random builder, as
/// tlview's `updates` bench builds them (same seed).
fn mix() -> Vec<Vec<u8>> {
    let mut b = random::Builder::new(17);
    let kinds = [schema::id::UPDATES, schema::id::UPDATES_COMBINED];
    (0..256)
        .map(|i| b.build(schema::index_of(kinds[i % 2]).unwrap(), None))
        .collect()
}

#[inline(never)]
fn run_tlview(bytes: &[u8]) -> u64 {
    let u = tlview::Updates::decode(black_box(bytes)).unwrap();
    touch_tlview(&u)
}

/// tlview's decode without the touch (the view is kept alive by
/// `black_box`, which costs a few stores and loads of its own).
#[inline(never)]
fn run_dec(bytes: &[u8]) -> u64 {
    let u = tlview::Updates::decode(black_box(bytes)).unwrap();
    black_box(&u);
    1
}

/// The messages of `updateNewMessage`s read through the dynamic view, field
/// by field name (`Object::field`): what a client had to write before the
/// generated views. The same values as `touch_tlview`'s message part.
#[inline(never)]
fn run_dyn(bytes: &[u8]) -> u64 {
    use tlview::object::Value;
    use tlview::schema::id;
    let u = tlview::Updates::decode(black_box(bytes)).unwrap();
    let mut s = Sum::default();
    let tlview::Updates::Updates(list) = &u else {
        return 0;
    };
    let peer = |v: Option<Value<'_>>| match v {
        Some(Value::Object(p)) => match p.fields().next().map(|f| f.value) {
            Some(Value::Int(i)) => i64::from(i),
            _ => 0,
        },
        _ => 0,
    };
    let int = |v: Option<Value<'_>>| match v {
        Some(Value::Int(i)) => i64::from(i),
        _ => 0,
    };
    for up in list.updates() {
        let o = up.object();
        if o.id() != id::UPDATE_NEW_MESSAGE {
            continue;
        }
        let Some(Value::Object(m)) = o.field("message") else {
            continue;
        };
        if m.id() != id::MESSAGE {
            continue;
        }
        s.add(int(m.field("id")));
        s.add(peer(m.field("from_id")));
        s.add(peer(m.field("peer_id")));
        s.add(int(m.field("date")));
        if let Some(Value::String(t)) = m.field("message") {
            s.add(t.len() as i64);
        }
        if let Some(Value::Vector(v)) = m.field("entities") {
            for e in v {
                if let Value::Object(e) = e {
                    let mut f = e.fields();
                    s.add(int(f.next().map(|f| f.value)));
                    s.add(int(f.next().map(|f| f.value)));
                }
            }
        }
    }
    s.0
}

#[inline(never)]
fn run_tl_proto(bytes: &[u8]) -> u64 {
    let u: model::Updates<'_> = tl_proto::deserialize(black_box(bytes)).unwrap();
    touch_tl_proto(&u)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let which = args[1].as_str();
    let n: usize = args[2].parse().unwrap();
    let mut sum = 0u64;
    if which.starts_with("sm") {
        // messages.sendMessage (`smtlview` or `smtlproto`).
        let ours = send_message::tlview();
        let theirs = send_message::tl_proto();
        let mut buf = [0u8; 256];
        let mut out = Vec::with_capacity(256);
        for _ in 0..n {
            sum += if which == "smtlview" {
                black_box(&ours).encode_to_slice(&mut buf).unwrap() as u64
            } else {
                tl_proto::serialize_into(black_box(&theirs), &mut out);
                out.len() as u64
            };
        }
    } else if which.starts_with("enc") {
        let ours = requests::tlview();
        let theirs = requests::tl_proto();
        let mut buf = [0u8; 64];
        let mut out = Vec::with_capacity(64);
        for _ in 0..n {
            for i in 0..2 {
                sum += if which == "enc" {
                    black_box(&ours[i]).encode_to_slice(&mut buf).unwrap() as u64
                } else {
                    tl_proto::serialize_into(black_box(&theirs[i]), &mut out);
                    out.len() as u64
                };
            }
        }
    } else if args[3] == "mix" {
        // `dec` only (tl-proto's model covers the reference messages'
        // constructors, not every one).
        let msgs = mix();
        eprintln!("mix: {} bytes", msgs.iter().map(Vec::len).sum::<usize>());
        for _ in 0..n {
            for m in &msgs {
                sum = sum.wrapping_add(run_dec(m));
            }
        }
    } else {
        let msgs = messages();
        let bytes = &msgs.iter().find(|m| m.0 == args[3]).unwrap().1;
        for _ in 0..n {
            sum = sum.wrapping_add(if which == "dec" {
                run_dec(bytes)
            } else if which == "tlview" {
                run_tlview(bytes)
            } else if which == "dyn" {
                run_dyn(bytes)
            } else {
                run_tl_proto(bytes)
            });
        }
    }
    println!("{sum}");
}
