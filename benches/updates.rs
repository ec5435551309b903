//! Decoding each `Updates` variant (the whole message validated, the typed
//! view returned, then every field a client reads touched) and encoding
//! `contacts.acceptContact`, each beside a memcpy of the same bytes.
//!
//! `cargo bench --bench updates`; `-- --test` runs each once.

use core::hint::black_box;

use criterion::{Criterion, Throughput};
use tlview::api::contacts::PeerRef;
use tlview::schema;
use tlview::{AcceptContact, InputPeer, InputUser, Updates};

// `testkit/random.rs` builds from the layer's table; it takes `schema` and
// `Vec` from here.
#[allow(clippy::single_component_path_imports)]
use std::vec::Vec;
#[path = "../testkit/random.rs"]
mod random;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/");

/// Reads what a client shows: ids, text, entity offsets, names. Returns a
/// checksum so nothing is optimised away.
fn touch(u: &Updates<'_>) -> u64 {
    let mut sum = 0u64;
    let mut add = |v: i64| sum = sum.wrapping_mul(31).wrapping_add(v as u64);
    let entities = |e: Option<tlview::Vector<'_, tlview::api::MessageEntity<'_>>>,
                    add: &mut dyn FnMut(i64)| {
        for e in e.into_iter().flatten() {
            add(i64::from(e.offset()));
            add(i64::from(e.length()));
        }
    };
    match u {
        Updates::UpdatesTooLong => add(1),
        Updates::UpdateShortMessage(m) => {
            add(i64::from(m.id()) + i64::from(m.user_id()) + i64::from(m.date()));
            add(m.message().len() as i64);
            if let Some(f) = m.fwd_from() {
                add(i64::from(f.date()));
            }
            entities(m.entities(), &mut add);
        }
        Updates::UpdateShortChatMessage(m) => {
            add(i64::from(m.id()) + i64::from(m.from_id()) + i64::from(m.chat_id()));
            add(m.message().len() as i64);
            entities(m.entities(), &mut add);
        }
        Updates::UpdateShortSentMessage(m) => {
            add(i64::from(m.id()) + i64::from(m.pts()));
            add(m.media().map_or(0, |x| i64::from(x.id())));
            entities(m.entities(), &mut add);
        }
        Updates::UpdateShort(s) => {
            add(i64::from(s.update().constructor_id()) + i64::from(s.date()))
        }
        Updates::UpdatesCombined(_) | Updates::Updates(_) => {
            let (updates, users, chats) = match u {
                Updates::UpdatesCombined(c) => (c.updates(), c.users(), c.chats()),
                Updates::Updates(c) => (c.updates(), c.users(), c.chats()),
                _ => unreachable!(),
            };
            for up in updates {
                add(i64::from(up.constructor_id()));
            }
            for user in users {
                add(i64::from(user.id()));
                if let Some(d) = user.user() {
                    add(d.first_name().map_or(0, |s| s.len() as i64));
                    add(d.last_name().map_or(0, |s| s.len() as i64));
                    add(d.username().map_or(0, |s| s.len() as i64));
                }
            }
            for chat in chats {
                add(i64::from(chat.id()));
                add(chat.title().map_or(0, |s| s.len() as i64));
            }
        }
    }
    sum
}

fn decode(c: &mut Criterion) {
    let mut messages: Vec<(String, Vec<u8>)> = [
        "short_message",
        "short_chat_message",
        "short_sent",
        "update_short",
        "updates_50",
        "updates_combined_10",
    ]
    .iter()
    .map(|n| {
        (
            n.to_string(),
            std::fs::read(format!("{DATA}{n}.bin")).unwrap(),
        )
    })
    .collect();
    messages.push((
        "updates_too_long".into(),
        0xe317af7eu32.to_le_bytes().to_vec(),
    ));
    for (name, bytes) in &messages {
        if name == "updates_50" {
            mix(c);
        }
        let mut g = c.benchmark_group(format!("updates/{name}"));
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        g.bench_function("tlview", |b| {
            b.iter(|| {
                let u = Updates::decode(black_box(bytes)).unwrap();
                black_box(touch(&u))
            })
        });
        let mut dst = vec![0u8; bytes.len()];
        g.bench_function("memcpy", |b| {
            b.iter(|| {
                dst.copy_from_slice(black_box(bytes));
                black_box(&dst);
            })
        });
        g.finish();
    }
}

/// A mix that is not ours: 256 `updates` and `updatesCombined` messages
/// from the random builder, every `Update` constructor equally likely (the
/// builder picks a type's constructors uniformly), with random users and
/// chats, decoded one after another and touched as above. Run beside
/// `updates_50` (just after it in the same run), to compare bytes per
/// nanosecond; the `fast-all` feature gives every constructor straight-line
/// validation (`cargo bench --features fast-all --bench updates -- 'mix|updates_50'`).
fn mix(c: &mut Criterion) {
    let mut b = random::Builder::new(17);
    let kinds = [schema::id::UPDATES, schema::id::UPDATES_COMBINED];
    let messages: Vec<Vec<u8>> = (0..256)
        .map(|i| {
            let index = schema::index_of(kinds[i % 2]).unwrap();
            b.build(index, None)
        })
        .collect();
    let total: usize = messages.iter().map(Vec::len).sum();
    let mut g = c.benchmark_group("updates/mix");
    g.throughput(Throughput::Bytes(total as u64));
    g.bench_function("tlview", |bench| {
        bench.iter(|| {
            let mut sum = 0u64;
            for m in &messages {
                let u = Updates::decode(black_box(m)).unwrap();
                sum = sum.wrapping_add(touch(&u));
            }
            black_box(sum)
        })
    });
    g.bench_function("tlview decode", |bench| {
        bench.iter(|| {
            for m in &messages {
                black_box(Updates::decode(black_box(m)).unwrap());
            }
        })
    });
    let mut dst = vec![0u8; total];
    g.bench_function("memcpy", |bench| {
        bench.iter(|| {
            let mut at = 0;
            for m in &messages {
                dst[at..at + m.len()].copy_from_slice(black_box(m));
                at += m.len();
            }
            black_box(&dst);
        })
    });
    g.finish();
    // The decode alone of `updates_50`, to compare with the mix's.
    let u50 = std::fs::read(format!("{DATA}updates_50.bin")).unwrap();
    let mut g = c.benchmark_group("updates/updates_50 decode");
    g.throughput(Throughput::Bytes(u50.len() as u64));
    g.bench_function("tlview decode", |bench| {
        bench.iter(|| black_box(Updates::decode(black_box(&u50)).unwrap()))
    });
    g.finish();
}

fn encode(c: &mut Criterion) {
    let chat = InputPeer::InputPeerChat { chat_id: 42 };
    let requests = [
        (
            "input_user",
            AcceptContact {
                id: InputUser::InputUser {
                    user_id: 777,
                    access_hash: -5,
                },
            },
        ),
        (
            "input_user_from_message",
            AcceptContact {
                id: InputUser::InputUserFromMessage {
                    peer: PeerRef::Value(&chat),
                    msg_id: 10,
                    user_id: 777,
                },
            },
        ),
    ];
    for (name, req) in &requests {
        let mut g = c.benchmark_group(format!("accept_contact/{name}"));
        let mut buf = [0u8; 64];
        let n = req.encode_to_slice(&mut buf).unwrap();
        g.throughput(Throughput::Bytes(n as u64));
        g.bench_function("tlview", |b| {
            b.iter(|| black_box(black_box(req).encode_to_slice(&mut buf).unwrap()))
        });
        let src = buf;
        let mut dst = [0u8; 64];
        g.bench_function("memcpy", |b| {
            b.iter(|| {
                dst[..n].copy_from_slice(black_box(&src[..n]));
                black_box(&dst);
            })
        });
        g.finish();
    }
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    decode(&mut c);
    encode(&mut c);
    c.final_summary();
}
