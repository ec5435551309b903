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
