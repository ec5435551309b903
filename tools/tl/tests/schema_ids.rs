//! Every declared id of both schema files is the CRC32 of the normalized
//! declaration, except for the named exceptions listed here.

mod common;

use tltool::layer::{self, IdCheck};
use tltool::parse::{self, Section};

#[test]
fn every_declared_id_matches() {
    let inputs = common::inputs();
    let mut exceptions = Vec::new();
    let mut checked = 0;
    for (path, text) in &inputs {
        let file = parse::parse(layer::file_name(path), text).unwrap();
        for d in &file.declarations {
            let (id, how) = layer::check_id(d).unwrap_or_else(|e| panic!("{e}"));
            checked += 1;
            match how {
                IdCheck::Computed => assert_eq!(Some(id), d.declared_id),
                _ => exceptions.push(format!("{} {} {id:08x} {how:?}", d.location(), d.name)),
            }
        }
    }
    assert_eq!(checked, 1232 + 56);
    assert_eq!(
        exceptions,
        [
            // `secret:bytes`: the id is the CRC32 with `bytes` kept.
            "mtproto.tl:91 ipPortSecret 37982646 BytesKept",
            // Ids Telegram assigned that no rewrite of the text gives.
            "mtproto.tl:92 accessPointRule 4679b65f Assigned",
            "mtproto.tl:93 help.configSimple 5a592a6c Assigned",
            // Declared without an id: the CRC32 is the id.
            "mtproto.tl:95 tlsClientHello 6c52c484 Inferred",
            "mtproto.tl:97 tlsBlockString 4218a164 Inferred",
            "mtproto.tl:98 tlsBlockRandom 4d4dc41e Inferred",
            "mtproto.tl:99 tlsBlockZero 09333afb Inferred",
            "mtproto.tl:100 tlsBlockDomain 10e8636f Inferred",
            "mtproto.tl:101 tlsBlockGrease e675a1c1 Inferred",
            "mtproto.tl:102 tlsBlockScope e725d44f Inferred",
        ]
    );
}

#[test]
fn supplement_ids_match() {
    let file = parse::parse(layer::SUPPLEMENT_FILE, layer::MTPROTO_SUPPLEMENT).unwrap();
    let ids: Vec<_> = file
        .declarations
        .iter()
        .map(|d| (d.name.as_str(), layer::check_id(d).unwrap()))
        .collect();
    assert_eq!(
        ids,
        [
            ("rpc_result", (0xf35c_6d01, IdCheck::Computed)),
            ("message", (0x5bb8_e511, IdCheck::Inferred)),
            ("msg_container", (0x73f1_f8dc, IdCheck::Computed)),
            ("msg_copy", (0xe060_46b2, IdCheck::Computed)),
            ("gzip_packed", (0x3072_cfa1, IdCheck::Computed)),
        ]
    );
}

#[test]
fn declaration_counts() {
    let inputs = common::inputs();
    let count = |text: &str, section| {
        parse::parse("f", text)
            .unwrap()
            .declarations
            .iter()
            .filter(|d| d.section == section)
            .count()
    };
    // 872 type constructors: the file has 894 lines declaring one if the 21
    // commented-out `invokeWithLayerN`/`invokeAfterMsg(s)` lines and the
    // built-in `vector` are counted too.
    assert_eq!(count(&inputs[0].1, Section::Types), 872);
    assert_eq!(count(&inputs[0].1, Section::Functions), 360);
    assert_eq!(count(&inputs[1].1, Section::Types), 46);
    assert_eq!(count(&inputs[1].1, Section::Functions), 10);
    assert_eq!(parse::parse("f", &inputs[0].1).unwrap().layer, Some(122));
}

/// Layer 230 (`schema/layer230/`, grammers-tl-types 0.11.0): every
/// statement parses (its `mtproto.tl` declares the built-in types too), and
/// every declared id is the CRC32 of the normalized declaration but for the
/// exceptions named here.
#[test]
fn every_declared_id_of_layer_230_matches() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../schema/layer230");
    let mut exceptions = Vec::new();
    let mut counts = Vec::new();
    for name in ["api.tl", "mtproto.tl"] {
        let text = std::fs::read_to_string(format!("{dir}/{name}")).unwrap_or_else(|e| {
            panic!("{dir}/{name}: {e} (the schema is vendored in the repository)")
        });
        let file = parse::parse(name, &text).unwrap_or_else(|e| panic!("{e}"));
        let mut n = [0usize; 2];
        for d in &file.declarations {
            let (id, how) = layer::check_id(d).unwrap_or_else(|e| panic!("{e}"));
            n[usize::from(d.section == Section::Functions)] += 1;
            if how != IdCheck::Computed {
                exceptions.push(format!("{} {} {id:08x} {how:?}", d.location(), d.name));
            }
        }
        counts.push((name, file.layer, n));
    }
    assert_eq!(
        counts,
        [
            ("api.tl", Some(230), [1_703, 850]),
            ("mtproto.tl", None, [49, 10]),
        ]
    );
    // The same exceptions as layer 122's `mtproto.tl` (see the test above),
    // and one more block of the TLS hello, declared without an id. Every id
    // of `api.tl` is its CRC32.
    assert_eq!(
        exceptions,
        [
            "mtproto.tl:102 ipPortSecret 37982646 BytesKept",
            "mtproto.tl:103 accessPointRule 4679b65f Assigned",
            "mtproto.tl:104 help.configSimple 5a592a6c Assigned",
            "mtproto.tl:106 tlsClientHello 6c52c484 Inferred",
            "mtproto.tl:108 tlsBlockString 4218a164 Inferred",
            "mtproto.tl:109 tlsBlockRandom 4d4dc41e Inferred",
            "mtproto.tl:110 tlsBlockZero 09333afb Inferred",
            "mtproto.tl:111 tlsBlockDomain 10e8636f Inferred",
            "mtproto.tl:112 tlsBlockGrease e675a1c1 Inferred",
            "mtproto.tl:113 tlsBlockPublicKey 9eb95b5c Inferred",
            "mtproto.tl:114 tlsBlockScope e725d44f Inferred",
        ]
    );
}

/// Layer 230 builds into a table: its six combinators with two flags words
/// (`flags`, `flags2`) number each field's word, and the generated ops say
/// which word guards each field.
#[test]
fn layer_230_generates_with_two_flags_words() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../schema/layer230");
    let inputs: Vec<(String, String)> = ["api.tl", "mtproto.tl"]
        .iter()
        .map(|name| {
            let path = format!("{dir}/{name}");
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
            (path, text)
        })
        .collect();
    let l = layer::build(&inputs).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(l.layer, 230);
    assert_eq!((l.combinators.len(), l.types.len()), (2_617, 682));
    let two_words: Vec<&str> = l
        .combinators
        .iter()
        .filter(|c| {
            c.fields
                .iter()
                .filter(|f| f.kind == layer::Kind::Flags)
                .count()
                == 2
        })
        .map(|c| c.decl.name.as_str())
        .collect();
    assert_eq!(
        two_words,
        // By id, as the table orders them.
        [
            "userFull",
            "community",
            "message",
            "channelFull",
            "user",
            "channel"
        ]
    );
    let user = &l.combinators[l.index_of_name("user").unwrap()];
    let field = |name: &str| user.fields.iter().find(|f| f.name == name).unwrap();
    assert_eq!((field("flags").word, field("flags2").word), (0, 1));
    // `bot_can_edit:flags2.1?true`: word 1, its `#` the 20th field.
    assert_eq!(
        (field("bot_can_edit").when, field("bot_can_edit").word),
        (Some((19, 1)), 1)
    );
    assert_eq!(
        (field("access_hash").when, field("access_hash").word),
        (Some((0, 0)), 0)
    );

    let op = |name: &str| tltool::gen::op_expr_at(&l, field(name), "");
    assert_eq!(op("flags2"), "Op::second_flags()");
    assert_eq!(
        op("bot_can_edit"),
        "Op::new(Kind::True, 0).when_second(19, 1)"
    );
    assert_eq!(op("access_hash"), "Op::new(Kind::Long, 0).when(0, 0)");
}
