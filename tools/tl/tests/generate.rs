//! The checked-in tables are what the generator makes now, and a few rows
//! are spot-checked.

mod common;

use std::path::PathBuf;
use std::process::Command;

use tltool::layer::{self, Kind, Repeat, Scope};

fn library_schema_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../src/schema"))
}

fn tl() -> Command {
    Command::new(env!("CARGO_BIN_EXE_tl"))
}

#[test]
fn regenerating_gives_the_checked_in_files() {
    let [api, mtproto] = common::schemas();
    let hot = api.with_file_name("hot122.txt");
    let errors = api.with_file_name("errors").join("raw-errors.json");
    let overrides = api.with_file_name("errors").join("overrides.txt");
    let out = std::env::temp_dir().join(format!("tl-gen-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let status = tl()
        .arg("gen")
        .arg(&api)
        .arg(&mtproto)
        .arg("--hot")
        .arg(&hot)
        .arg("--errors")
        .arg(&errors)
        .arg("--error-overrides")
        .arg(&overrides)
        .arg("-o")
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    for name in [
        "layer122.rs",
        "names.rs",
        "views122.rs",
        "checks122.rs",
        "valid122.rs",
        "errors.rs",
    ] {
        let fresh = std::fs::read_to_string(out.join("schema").join(name)).unwrap();
        let path = library_schema_dir().join(name);
        let checked_in =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(
            fresh == checked_in,
            "{} is stale: regenerate with `cargo run -p tl --no-default-features -- gen \
             schema/api-layer122.tl schema/mtproto.tl --hot schema/hot122.txt \
             --errors schema/errors/raw-errors.json \
             --error-overrides schema/errors/overrides.txt -o src`",
            path.display()
        );
    }
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn counts() {
    let inputs = common::inputs();
    let l = layer::build(&inputs).unwrap();
    assert_eq!(l.layer, 122);
    assert_eq!(l.counts(Scope::Api), (872, 360));
    // mtproto.tl's 46 constructors + 10 functions, and the 5 of the supplement.
    assert_eq!(l.counts(Scope::MtProto), (51, 10));
    assert_eq!(l.combinators.len(), 1293);
    assert_eq!(l.types.len(), 337);
    assert_eq!(l.field_count(), 3529);
    // Type constructors by id, then functions by id.
    assert!(l
        .combinators
        .windows(2)
        .all(|w| (w[0].is_function(), w[0].id) < (w[1].is_function(), w[1].id)));
    assert_eq!(
        l.combinators.iter().filter(|c| c.is_function()).count(),
        370
    );
    let members: usize = l.types.iter().map(|t| t.members.len()).sum();
    assert_eq!(members, 872 + 51);
}

#[test]
fn spot_checks() {
    let inputs = common::inputs();
    let l = layer::build(&inputs).unwrap();
    let get = |name: &str| &l.combinators[l.index_of_name(name).unwrap()];
    let ty = |name: &str| l.type_index(name).unwrap() as u16;
    let ops = |name: &str| -> Vec<_> {
        get(name)
            .fields
            .iter()
            .map(|f| (f.name.as_str(), f.kind, f.arg, f.repeat, f.when))
            .collect()
    };
    use Kind::*;
    use Repeat::*;

    let c = get("updateShortMessage");
    assert_eq!(
        (c.id, c.ty, c.const_name.as_str()),
        (0x2296_d2c8, Some(ty("Updates")), "UPDATE_SHORT_MESSAGE")
    );
    assert!(!c.is_fixed() && !c.is_function());
    assert_eq!(
        ops("updateShortMessage"),
        [
            ("flags", Flags, 0, One, None),
            ("out", True, 0, One, Some((0, 1))),
            ("mentioned", True, 0, One, Some((0, 4))),
            ("media_unread", True, 0, One, Some((0, 5))),
            ("silent", True, 0, One, Some((0, 13))),
            ("id", Int, 0, One, None),
            ("user_id", Int, 0, One, None),
            ("message", String, 0, One, None),
            ("pts", Int, 0, One, None),
            ("pts_count", Int, 0, One, None),
            ("date", Int, 0, One, None),
            ("fwd_from", Boxed, ty("MessageFwdHeader"), One, Some((0, 2))),
            ("via_bot_id", Int, 0, One, Some((0, 11))),
            (
                "reply_to",
                Boxed,
                ty("MessageReplyHeader"),
                One,
                Some((0, 3))
            ),
            (
                "entities",
                Boxed,
                ty("MessageEntity"),
                BoxedVector,
                Some((0, 7))
            ),
        ]
    );

    let c = get("contacts.acceptContact");
    assert_eq!(
        (c.id, c.const_name.as_str()),
        (0xf831_a20f, "CONTACTS_ACCEPT_CONTACT")
    );
    assert!(c.is_function());
    assert_eq!(c.ty, Some(ty("Updates")));

    // MTProto: the supplement, bare vectors, the sized message body.
    let message = l
        .combinators
        .iter()
        .position(|c| c.scope == Scope::MtProto && c.decl.name == "message")
        .unwrap() as u16;
    assert_eq!(l.combinators[usize::from(message)].const_name, "MT_MESSAGE");
    assert_eq!(
        l.combinators[usize::from(message)]
            .fields
            .iter()
            .map(|f| f.kind)
            .collect::<Vec<_>>(),
        [Long, Int, Int, SizedObject]
    );
    assert_eq!(
        ops("msg_container"),
        [("messages", Bare, message, BareVector, None)]
    );
    let mt_message_type = l
        .types
        .iter()
        .position(|t| t.scope == Scope::MtProto && t.name == "Message")
        .unwrap() as u16;
    assert_eq!(
        l.types[usize::from(mt_message_type)].const_name,
        "MT_MESSAGE"
    );
    assert_eq!(l.types[usize::from(mt_message_type)].members, [message]);
    assert_eq!(
        ops("msg_copy"),
        [("orig_message", Boxed, mt_message_type, One, None)]
    );
    assert_eq!(
        ops("rpc_result"),
        [
            ("req_msg_id", Long, 0, One, None),
            ("result", AnyBoxed, 0, One, None)
        ]
    );
    assert_eq!(ops("gzip_packed"), [("packed_data", Bytes, 0, One, None)]);
    assert_eq!(get("gzip_packed").ty, Some(ty("Object")));
    let salt = l.index_of_name("future_salt").unwrap() as u16;
    assert_eq!(
        ops("future_salts")[2],
        ("salts", Bare, salt, BareVector, None)
    );
    assert!(get("future_salt").is_fixed());
    assert_eq!(get("ping").ty, Some(ty("Pong")));

    // The API's own `message` and `Message` keep the plain names.
    assert_eq!(get("message").const_name, "MESSAGE");
    assert_eq!(get("message").id, 0x58ae_39c9);
    assert_eq!(l.types[usize::from(ty("Message"))].const_name, "MESSAGE");
    assert_eq!(l.types[usize::from(ty("Message"))].members.len(), 3);

    // Generic functions: `!X` is any boxed object, the result has no type.
    let c = get("invokeWithLayer");
    assert_eq!(c.ty, None);
    assert_eq!(
        ops("invokeWithLayer"),
        [
            ("layer", Int, 0, One, None),
            ("query", AnyBoxed, 0, One, None)
        ]
    );
    assert_eq!(get("users.getUsers").ty, None, "returns Vector<User>");
    assert_eq!(get("boolTrue").ty, Some(ty("Bool")));
    assert_eq!(get("auth.logOut").ty, Some(ty("Bool")));
}

#[test]
fn generated_text_spot_checks() {
    let text = std::fs::read_to_string(library_schema_dir().join("layer122.rs")).unwrap();
    for needle in [
        "const _: () = assert!(super::FORMAT_VERSION == 3);",
        "pub static CONSTRUCTORS: [Constructor; 923] = [",
        "pub static FUNCTIONS: [Constructor; 370] = [",
        "pub static FUNCTION_OPS: [Op; 915] = [",
        "pub const LAYER: u32 = 122;",
        "Constructor { id: 0x2296d2c8, ty: ty::UPDATES, ",
        "Op::new(Kind::True, 0).when(0, 1), // out:flags.1?true",
        "Op::boxed(ty::MESSAGE_ENTITY).boxed_vector().when(0, 7), // entities:flags.7?Vector<MessageEntity>",
        "pub const UPDATE_SHORT_MESSAGE: u32 = 0x2296d2c8;",
        "pub const P_Q_INNER_DATA: u32 = 0x83c95aec;",
        "pub const MSG_CONTAINER: u32 = 0x73f1f8dc;",
        "pub const GZIP_PACKED: u32 = 0x3072cfa1;",
        "pub const RPC_RESULT: u32 = 0xf35c6d01;",
        "pub const MESSAGES_MESSAGES: super::TypeIndex = super::TypeIndex(",
        "pub const INPUT_USER: super::TypeIndex = super::TypeIndex(",
        "pub const OBJECT: super::TypeIndex = super::TypeIndex(",
    ] {
        assert!(text.contains(needle), "layer122.rs lacks `{needle}`");
    }
}

#[test]
fn cli_id() {
    let out = tl()
        .args(["id", "contacts.acceptContact id:InputUser = Updates"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(core::str::from_utf8(&out.stdout).unwrap(), "#f831a20f\n");
    assert!(out.stderr.is_empty());

    let out = tl()
        .args([
            "id",
            "contacts.acceptContact#12345678 id:InputUser = Updates;",
        ])
        .output()
        .unwrap();
    // A wrong declared id is an error (status 1) that gives the right one.
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(core::str::from_utf8(&out.stderr)
        .unwrap()
        .contains("the declaration says #12345678, but its CRC32 is #f831a20f"));

    let out = tl().args(["id", "a x:Vector<int = A"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(core::str::from_utf8(&out.stderr)
        .unwrap()
        .contains("<declaration>:1: field `x`"));

    // A usage error: status 2.
    let out = tl().arg("frobnicate").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = tl().args(["gen", "--help"]).output().unwrap();
    assert!(out.status.success());
    assert!(core::str::from_utf8(&out.stdout)
        .unwrap()
        .contains("Usage: tl gen [OPTIONS] --out <DIR> <SCHEMA>..."));
}

#[test]
fn cli_gen_errors() {
    let dir = std::env::temp_dir().join(format!("tl-gen-err-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.tl");
    std::fs::write(&bad, "// LAYER 1\na#1 = A;\n").unwrap();
    let out = tl()
        .arg("gen")
        .arg(&bad)
        .arg("-o")
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = core::str::from_utf8(&out.stderr).unwrap();
    assert!(
        err.contains("bad.tl:2: declared id #00000001 of `a` differs from the computed id #"),
        "{err}"
    );
    let out = tl().arg("gen").arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(core::str::from_utf8(&out.stderr)
        .unwrap()
        .contains("the following required arguments were not provided:\n  --out <DIR>"));

    // A hot list naming what the layer does not have: its file and line.
    let good = dir.join("good.tl");
    std::fs::write(&good, "// LAYER 1\na x:int = A;\n").unwrap();
    let hot = dir.join("hot.txt");
    std::fs::write(&hot, "# hot\na\nb\nB\n").unwrap();
    let out = tl()
        .args([
            "gen".as_ref(),
            good.as_os_str(),
            "--hot".as_ref(),
            hot.as_os_str(),
        ])
        .arg("-o")
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = core::str::from_utf8(&out.stderr).unwrap();
    assert!(
        err.contains("hot.txt:3: `b` is not a combinator of the layer"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// `--module layer230` writes layer 230's table, names, views, forms,
/// checks and validators (its hot list `schema/hot230.txt`), the same as the
/// checked-in ones (the header names the schema files as given, under
/// `schema/`); with an error list it is a usage error.
#[test]
fn module_gives_the_checked_in_layer_230_files() {
    let root = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    let out = std::env::temp_dir().join(format!("tl-gen-230-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let args = [
        "gen",
        "schema/layer230/api.tl",
        "schema/layer230/mtproto.tl",
        "--hot",
        "schema/hot230.txt",
        "--module",
        "layer230",
    ];
    let status = tl()
        .current_dir(&root)
        .args(args)
        .arg("-o")
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    let mut written: Vec<_> = std::fs::read_dir(out.join("schema"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    written.sort();
    assert_eq!(
        written,
        [
            "checks230.rs",
            "forms230.rs",
            "layer230.rs",
            "names230.rs",
            "valid230.rs",
            "views230.rs"
        ]
    );
    for file in written {
        let fresh = std::fs::read_to_string(out.join("schema").join(&file)).unwrap();
        let checked_in = std::fs::read_to_string(library_schema_dir().join(&file)).unwrap();
        assert!(fresh.starts_with(
            "// @generated by `cargo run -p tl --no-default-features -- gen \
             schema/layer230/api.tl schema/layer230/mtproto.tl --hot schema/hot230.txt \
             --module layer230 -o src`"
        ));
        assert!(
            fresh == checked_in,
            "src/schema/{file} is stale: regenerate with the command in its header"
        );
    }
    let _ = std::fs::remove_dir_all(&out);

    let usage = tl()
        .current_dir(&root)
        .args(args)
        .args([
            "--errors",
            "schema/errors/raw-errors.json",
            "-o",
            "/tmp/unused",
        ])
        .output()
        .unwrap();
    assert_eq!(usage.status.code(), Some(2));
}
