//! Layer 230 (the `layer230` feature): its table and the walker over it.
//!
//! A schema-driven builder over layer 230's own table
//! (`testkit/layer_random.rs`) writes random objects
//! of every one of its 2 617 combinators, with every flags bit of both
//! words alone and random words; each must walk to exactly its length, and
//! every truncation of it must fail. Hand-built objects check the second
//! flags word (`flags2`) field by field, and the errors the walker gives in
//! this layer.
#![cfg(feature = "layer230")]

use tlview::layer230::{self, id, ty, COMBINATORS, IDS};
use tlview::object::{Object, Value};
use tlview::schema::{CtorIndex, Op};
use tlview::walk::Expect;
use tlview::{ErrorKind, Layer, Limits};

#[path = "../testkit/layer_random.rs"]
mod layer_random;
use layer_random::{ops as ops_of, Builder, Rng};

fn ops(i: usize) -> &'static [Op] {
    ops_of(Layer::L230, i)
}

fn expect_of(i: usize) -> Expect {
    let c = layer230::constructor(CtorIndex(i as u16)).unwrap();
    if c.is_function() {
        Expect::Any
    } else {
        Expect::Type(c.ty)
    }
}

#[test]
fn the_id_index_finds_every_combinator_and_nothing_else() {
    assert_eq!(layer230::LAYER, 230);
    assert_eq!(COMBINATORS, 2_617);
    assert_eq!(IDS.len(), COMBINATORS);
    for (i, c) in layer230::combinators() {
        assert_eq!(IDS[i.get()], c.id);
        assert_eq!(layer230::index_of(c.id), Some(i));
    }
    let mut rng = Rng(0x2300_0001);
    let mut misses = 0;
    for _ in 0..100_000 {
        let v = rng.next() as u32;
        match layer230::index_of(v) {
            Some(i) => assert_eq!(IDS[i.get()], v),
            None => misses += 1,
        }
    }
    assert!(misses > 99_000);
    assert_eq!(layer230::index_of(0x1cb5_c415), None);
}

#[test]
fn every_combinator_walks_to_its_length_and_no_truncation_passes() {
    let mut b = Builder::new(Layer::L230, 0x2300_0230);
    let heights = b.heights.clone();
    let (mut objects, mut bytes, mut two_word_objects) = (0usize, 0usize, 0usize);
    for i in 0..COMBINATORS {
        if heights[i] == u32::MAX {
            continue;
        }
        let ops = ops(i);
        let two_words = ops.iter().any(|op| op.flags_word() == 1);
        // Every bit alone, none, all, and random words.
        let choices = b.flag_choices(i);
        for flags in choices {
            let obj = b.build(i, flags);
            let expect = expect_of(i);
            let name = format!("#{:08x} flags {flags:x?}", IDS[i]);
            assert_eq!(
                layer230::walk(&obj, expect, &Limits::DEFAULT),
                Ok(obj.len()),
                "{name}"
            );
            assert_eq!(layer230::walk_exact(&obj, expect, &Limits::DEFAULT), Ok(()));
            // The dynamic view reads it in layer 230: every present field
            // (`#` words included) and, with names, its TL JSON.
            let view = Object::decode_in(Layer::L230, &obj, expect, &Limits::DEFAULT).unwrap();
            assert_eq!((view.id(), view.layer()), (IDS[i], Layer::L230));
            let present = ops
                .iter()
                .filter(|op| {
                    op.flag_place()
                        .is_none_or(|p| view_flags(&view) >> p & 1 != 0)
                })
                .count();
            assert_eq!(view.fields().count(), present, "{name}");
            #[cfg(feature = "names")]
            {
                let json = tlview::json::Json(view).to_string();
                let head = format!("{{\"_\":\"{}\"", view.name());
                assert!(json.starts_with(&head), "{name}: {json}");
                let back: serde_json::Value = serde_json::from_str(&json).unwrap();
                assert!(back.is_object(), "{name}: {json}");
            }
            for cut in 0..obj.len() {
                match layer230::walk(&obj[..cut], expect, &Limits::DEFAULT) {
                    Err(e) => assert!(e.offset() <= cut, "{name} cut at {cut}: {e}"),
                    Ok(n) => panic!("{name} cut at {cut} walked {n} bytes"),
                }
            }
            objects += 1;
            bytes += obj.len();
            two_word_objects += usize::from(two_words);
        }
    }
    println!(
        "layer 230: {objects} objects ({two_word_objects} with two flags words), \
         {bytes} bytes, every truncation refused"
    );
    // Every combinator of the layer can be built.
    assert!(heights.iter().all(|&h| h != u32::MAX));
    assert!(objects > 2_617 * 4, "{objects} objects");
    assert!(two_word_objects > 6 * 40, "{two_word_objects}");
    assert!(bytes > 500_000, "{bytes} bytes");
}

/// The flags words of `obj` as the walker reads them (the first low).
fn view_flags(obj: &Object<'_>) -> u64 {
    obj.fields()
        .filter_map(|f| match f.value {
            Value::Flags(w) => Some(u64::from(w) << (32 * u32::from(f.op().flags_word()))),
            _ => None,
        })
        .fold(0, |a, w| a | w)
}

/// `user#b1b8cc83`, with the fields its two words ask for: `access_hash`
/// (flags.0, long), `first_name` (flags.1, string), `bot_can_edit`
/// (flags2.1, true) and `bot_active_users` (flags2.12, int).
fn user(flags: u32, flags2: u32) -> Vec<u8> {
    let mut v = Vec::new();
    v.extend(id::USER.to_le_bytes());
    v.extend(flags.to_le_bytes());
    v.extend(flags2.to_le_bytes());
    v.extend(777_000i64.to_le_bytes()); // id:long
    if flags & 1 != 0 {
        v.extend((-5i64).to_le_bytes());
    }
    if flags & 2 != 0 {
        v.extend([3, b'B', b'o', b'b']);
    }
    if flags2 & (1 << 12) != 0 {
        v.extend(12_345i32.to_le_bytes());
    }
    v
}

#[test]
fn the_second_flags_word_guards_its_own_fields() {
    let walk = |b: &[u8]| layer230::walk(b, Expect::Type(ty::USER), &Limits::DEFAULT);
    for (flags, flags2, len) in [
        (0, 0, 20),
        (1, 0, 28),
        (3, 0, 32),
        (0, 1 << 1, 20),
        (0, 1 << 12, 24),
        (3, 1 << 12 | 1 << 1, 36),
    ] {
        let b = user(flags, flags2);
        assert_eq!(b.len(), len);
        assert_eq!(walk(&b), Ok(len), "flags {flags:#x} flags2 {flags2:#x}");
    }
    // Bit 31 of the second word is no field's: refused at that word.
    let e = walk(&user(0, 1 << 31)).unwrap_err();
    assert_eq!(
        (e.kind(), e.offset()),
        (
            ErrorKind::UndeclaredFlags {
                flags: 1 << 31,
                undeclared: 1 << 31
            },
            8
        )
    );
    // Bit 12 of the first word is `mutual_contact` (a true flag), of the
    // second `bot_active_users` (an int): set in the first, no int is read.
    assert_eq!(walk(&user(1 << 12, 0)), Ok(20));
}

/// The dynamic view and TL JSON read a layer-230 `user` by its own fields:
/// `id` a `long`, `bot_can_edit` and `bot_active_users` in the second word.
#[test]
fn the_dynamic_view_reads_layer_230() {
    let b = user(3, 1 << 12 | 1 << 1);
    let obj = layer230::object(&b, Expect::Type(ty::USER)).unwrap();
    assert_eq!(obj.layer(), Layer::L230);
    let values: Vec<String> = obj.fields().map(|f| format!("{:?}", f.value)).collect();
    assert_eq!(
        values,
        [
            "Flags(3)",
            "Flags(4098)",
            "True",
            "Long(777000)",
            "Long(-5)",
            "String(\"Bob\")",
            "Int(12345)"
        ]
    );
    // Layer 122 has no user#b1b8cc83.
    assert!(Object::decode(&b, Expect::Any).is_err());
    #[cfg(feature = "names")]
    {
        let names: Vec<&str> = obj.fields().map(|f| f.name()).collect();
        assert_eq!(
            names,
            [
                "flags",
                "flags2",
                "bot_can_edit",
                "id",
                "access_hash",
                "first_name",
                "bot_active_users"
            ]
        );
        assert_eq!(obj.name(), "user");
        assert!(matches!(
            obj.field("bot_active_users"),
            Some(Value::Int(12_345))
        ));
        assert_eq!(
            tlview::json::Json(obj).to_string(),
            r#"{"_":"user","bot_can_edit":true,"id":"777000","access_hash":"-5","first_name":"Bob","bot_active_users":12345}"#
        );
        // Nested objects are read in the object's layer: updateShort holding
        // updateUserStatus#e5bdf8de, whose user_id is a long in layer 230.
        let mut u = Vec::new();
        for w in [id::UPDATE_SHORT, 0xe5bdf8de, 5, 0, 0xedb93949, 9, 7] {
            u.extend(w.to_le_bytes());
        }
        let obj = layer230::object(&u, Expect::Type(ty::UPDATES)).unwrap();
        assert_eq!(
            tlview::json::Json(obj).to_string(),
            r#"{"_":"updateShort","update":{"_":"updateUserStatus","user_id":"5","status":{"_":"userStatusOnline","expires":9}},"date":7}"#
        );
    }
}

#[test]
fn a_wrong_type_names_the_layer() {
    // A user where an Updates is expected.
    let b = user(0, 0);
    let e = layer230::walk(&b, Expect::Type(ty::UPDATES), &Limits::DEFAULT).unwrap_err();
    assert_eq!(
        e.kind(),
        ErrorKind::WrongTypeInLayer {
            layer: 230,
            expected_type: ty::UPDATES,
            found: id::USER,
        }
    );
    assert_eq!(e.offset(), 0);
    let text = e.kind().to_string();
    // With `names`, in layer 230's names (the constructor's too: an id
    // layer 122 does not have).
    let want = if cfg!(feature = "names") {
        format!(
            "expected layer 230's Updates, found constructor #{:08x} (user) of another type",
            id::USER
        )
    } else {
        format!(
            "expected an object of layer 230's type #{}, found constructor #{:08x} of another type",
            ty::UPDATES.0,
            id::USER
        )
    };
    assert_eq!(text, want);
}

/// Rewrites `fuzz/corpus/walk230/seed-*` and `fuzz/corpus/json230/seed-*`,
/// the seeds of the `walk230` and `json230` fuzz targets: a random object
/// of every seventh combinator (for `walk230` behind the two bytes that
/// choose what is expected), and a user with both flags words (run with
/// TLVIEW_WRITE_CORPUS=1).
#[test]
#[ignore = "writes files; run with TLVIEW_WRITE_CORPUS=1 to regenerate the seeds"]
fn write_walk230_seeds() {
    if std::env::var_os("TLVIEW_WRITE_CORPUS").is_none() {
        eprintln!("TLVIEW_WRITE_CORPUS is not set: nothing written");
        return;
    }
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus");
    let (walk_dir, json_dir) = (corpus.join("walk230"), corpus.join("json230"));
    for dir in [&walk_dir, &json_dir] {
        std::fs::create_dir_all(dir).unwrap();
        for old in std::fs::read_dir(dir).unwrap() {
            let old = old.unwrap().path();
            if old
                .file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("seed-")
            {
                std::fs::remove_file(old).unwrap();
            }
        }
    }
    let mut b = Builder::new(Layer::L230, 0x2300_5eed);
    let mut written = 0;
    let mut write = |name: String, sel: u16, obj: &[u8]| {
        let mut data = sel.to_le_bytes().to_vec();
        data.extend(obj);
        std::fs::write(walk_dir.join(&name), data).unwrap();
        std::fs::write(json_dir.join(&name), obj).unwrap();
        written += 1;
    };
    for i in (0..COMBINATORS).step_by(7) {
        let obj = b.build(i, None);
        let c = layer230::constructor(CtorIndex(i as u16)).unwrap();
        let sel: u16 = if c.is_function() { 0x8000 } else { c.ty.0 };
        write(format!("seed-{:08x}", c.id), sel, &obj);
    }
    write(
        "seed-user-two-words".into(),
        ty::USER.0,
        &user(3, 1 << 12 | 1 << 1),
    );
    eprintln!("wrote {written} seeds in each of walk230 and json230");
}

/// Layer 230's typed requests (`tlview::layer230::build`): the generated
/// form of `contacts.acceptContact#f831a20f id:InputUser` writes a `long`
/// user id (`inputUser#f21158c6 user_id:long access_hash:long`), and its
/// reply is typed by the request: layer 230's `Updates` through
/// `rpc_result`, or the API's typed RPC error.
#[test]
fn layer_230_requests_encode_and_type_their_replies() {
    use tlview::layer230::build::{enums, functions, types};
    use tlview::{Encode, Request, RpcErrorKind};
    let user = enums::InputUser::InputUser(types::InputUser {
        user_id: 1 << 40,
        access_hash: -5,
    });
    let req = functions::contacts::AcceptContact { id: &user };
    let mut want = Vec::new();
    for w in [0xf831a20fu32, 0xf21158c6] {
        want.extend(w.to_le_bytes());
    }
    want.extend((1i64 << 40).to_le_bytes());
    want.extend((-5i64).to_le_bytes());
    let mut buf = [0u8; 64];
    let n = req.encode_to_slice(&mut buf).unwrap();
    assert_eq!(&buf[..n], &want[..]);
    assert_eq!(req.encoded_len(), want.len());

    // rpc_result#f35c6d01 req_msg_id:long result:Object
    let rpc_result = |req_msg_id: i64, result: &[u8]| {
        let mut b = 0xf35c6d01u32.to_le_bytes().to_vec();
        b.extend(req_msg_id.to_le_bytes());
        b.extend(result);
        b
    };
    let reply = rpc_result(7, &id::UPDATES_TOO_LONG.to_le_bytes());
    let r = functions::contacts::AcceptContact::decode_reply(&reply).unwrap();
    assert_eq!(r.req_msg_id, Some(7));
    assert!(matches!(r.result, Ok(layer230::enums::Updates::TooLong(_))));
    // rpc_error#2144ca19 error_code:int error_message:string
    let mut err = 0x2144ca19u32.to_le_bytes().to_vec();
    err.extend(400i32.to_le_bytes());
    err.push(19);
    err.extend(b"CONTACT_REQ_MISSING");
    let reply = rpc_result(8, &err);
    let r = functions::contacts::AcceptContact::decode_reply(&reply).unwrap();
    assert_eq!(r.req_msg_id, Some(8));
    assert!(matches!(r.result, Err(RpcErrorKind::ContactReqMissing)));
    // A layer-122 answer (user ids are ints there) is not layer 230's.
    let mut short = id::UPDATE_SHORT.to_le_bytes().to_vec();
    short.extend(0x1bfbd823u32.to_le_bytes()); // layer 122's updateUserStatus
    short.extend([0; 12]);
    let e = functions::contacts::AcceptContact::decode_reply(&rpc_result(9, &short)).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::UnknownConstructor { id: 0x1bfbd823 });
    assert_eq!(e.offset(), 16);
}
