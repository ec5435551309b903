//! The command line itself, in every build (with or without the `convert`
//! feature): `--help` and `--version` of `tl` and of each command, `tl id`,
//! and the exit status of each kind of failure (0 success, 1 invalid input,
//! 2 usage error).

use std::process::{Command, Output};

/// Runs `tl ARGS` with no input.
fn tl(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tl"))
        .args(args)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap()
}

/// Runs `tl ARGS`, which must exit with `code`; its stdout and stderr.
fn run(args: &[&str], code: i32) -> (String, String) {
    let out = tl(args);
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        out.status.code(),
        Some(code),
        "tl {args:?}\nstdout: {stdout}\nstderr: {stderr}"
    );
    (stdout, stderr)
}

const COMMANDS: [&str; 4] = ["dump", "encode", "id", "gen"];

#[test]
fn help_lists_commands_and_exit_codes() {
    for flag in ["--help", "-h"] {
        let (help, err) = run(&[flag], 0);
        assert!(err.is_empty());
        assert!(help.contains("Usage: tl <COMMAND>"), "{help}");
        for c in COMMANDS {
            assert!(help.contains(&format!("\n  {c} ")), "{c}: {help}");
        }
        for status in [
            "Exit status:",
            "0  success",
            "1  invalid input",
            "2  usage error",
        ] {
            assert!(help.contains(status), "{help}");
        }
    }
    let (long, _) = run(&["--help"], 0);
    assert!(long.contains(
        "gen schema/api-layer122.tl schema/mtproto.tl --hot schema/hot122.txt \
         --errors schema/errors/raw-errors.json --error-overrides schema/errors/overrides.txt -o src"
    ));
    assert_eq!(run(&["help"], 0).0, long);
}

#[test]
fn each_command_has_help_and_version() {
    let version = format!("{}\n", env!("CARGO_PKG_VERSION"));
    let (v, _) = run(&["--version"], 0);
    assert_eq!(v, format!("tl {version}"));
    assert_eq!(run(&["-V"], 0).0, v);
    let options: [(&str, &[&str]); 4] = [
        (
            "dump",
            &[
                "[FILE]...",
                "--pretty",
                "--lines",
                "--typed",
                "--expect <TYPE>",
                "--verbose",
            ],
        ),
        ("encode", &["[FILE]", "--typed", "lowercase hex"]),
        ("id", &["<NAME|DECLARATION>", "--schema <FILE>", "CRC32"]),
        ("gen", &["<SCHEMA>...", "-o, --out <DIR>", "--hot <LIST>"]),
    ];
    for (c, opts) in options {
        let (help, _) = run(&[c, "--help"], 0);
        assert!(help.contains(&format!("Usage: tl {c} ")), "{help}");
        for o in opts {
            assert!(help.contains(o), "{c}: {o}: {help}");
        }
        assert!(help.contains("Exit status:"), "{help}");
        assert_eq!(run(&["help", c], 0).0, help);
        let (short, _) = run(&[c, "-h"], 0);
        assert!(short.contains(&format!("Usage: tl {c} ")), "{short}");
        let (v, _) = run(&[c, "--version"], 0);
        assert!(v.ends_with(&version), "{v}");
    }
}

#[test]
fn usage_errors_exit_with_2() {
    // No command: the help, on stderr.
    let (out, err) = run(&[], 2);
    assert!(out.is_empty());
    assert!(err.contains("Usage: tl <COMMAND>"), "{err}");
    let (_, err) = run(&["frobnicate"], 2);
    assert!(
        err.contains("unrecognized subcommand 'frobnicate'"),
        "{err}"
    );
    for c in COMMANDS {
        let (_, err) = run(&[c, "--frobnicate"], 2);
        assert!(err.contains("unexpected argument '--frobnicate'"), "{err}");
        assert!(err.contains(&format!("Usage: tl {c} ")), "{err}");
    }
    let (_, err) = run(&["id"], 2);
    assert!(err.contains("<NAME|DECLARATION>"), "{err}");
    // An unquoted declaration.
    let (_, err) = run(
        &[
            "id",
            "contacts.acceptContact",
            "id:InputUser",
            "=",
            "Updates",
        ],
        2,
    );
    assert!(
        err.contains("quote the declaration as one argument"),
        "{err}"
    );
    let (_, err) = run(&["gen", "schema.tl"], 2);
    assert!(err.contains("--out <DIR>"), "{err}");
    let (_, err) = run(&["gen", "-o", "dir"], 2);
    assert!(err.contains("<SCHEMA>"), "{err}");
    let (_, err) = run(&["dump", "--expect"], 2);
    assert!(err.contains("--expect <TYPE>"), "{err}");
}

#[test]
fn id_of_a_name() {
    let (out, err) = run(&["id", "contacts.acceptContact"], 0);
    assert!(err.is_empty(), "{err}");
    assert_eq!(
        out,
        "#f831a20f\ncontacts.acceptContact#f831a20f id:InputUser = Updates;\n"
    );
    let (out, _) = run(&["id", "updateShort"], 0);
    assert_eq!(
        out,
        "#78d4dec1\nupdateShort#78d4dec1 update:Update date:int = Updates;\n"
    );
    // One name, two combinators: the API's message and MTProto's.
    let (out, _) = run(&["id", "message"], 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4, "{out}");
    assert_eq!(lines[0], "#58ae39c9");
    assert!(lines[1].starts_with("message#58ae39c9 flags:# out:flags.1?true"));
    assert_eq!(lines[2], "#5bb8e511");
    assert!(lines[3].starts_with("message msg_id:long seqno:int bytes:int body:Object"));
    // MTProto, and the named exceptions keep their declared ids.
    let (out, _) = run(&["id", "accessPointRule"], 0);
    assert!(
        out.starts_with("#4679b65f\naccessPointRule#4679b65f "),
        "{out}"
    );
    // Not in the layer: status 1, with a hint when only the case differs.
    let (out, err) = run(&["id", "contacts.acceptcontact"], 1);
    assert!(out.is_empty());
    assert_eq!(
        err,
        "tl id: error: no combinator named `contacts.acceptcontact` in layer 122 \
         (did you mean contacts.acceptContact?)\n"
    );
    let (_, err) = run(&["id", "noSuchThing"], 1);
    assert_eq!(
        err,
        "tl id: error: no combinator named `noSuchThing` in layer 122\n"
    );
}

#[test]
fn id_of_a_name_in_other_schema_files() {
    let dir = std::env::temp_dir().join(format!("tl-id-schema-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("mini.tl");
    std::fs::write(
        &file,
        "boolFalse#bc799737 = Bool;\n// LAYER 7\nboolTrue#997275b5 = Bool;\nping#7abe77ec ping_id:long = Pong;\npong#347773c5 msg_id:long ping_id:long = Pong;\n",
    )
    .unwrap();
    let f = file.to_str().unwrap();
    let (out, _) = run(&["id", "pong", "--schema", f], 0);
    assert_eq!(
        out,
        "#347773c5\npong#347773c5 msg_id:long ping_id:long = Pong;\n"
    );
    run(&["id", "updateShort", "--schema", f], 1);
    let (_, err) = run(&["id", "pong", "--schema", "/no/such.tl"], 1);
    assert!(err.starts_with("tl id: error: /no/such.tl: "), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn id_of_a_declaration() {
    let (out, _) = run(&["id", "contacts.acceptContact id:InputUser = Updates"], 0);
    assert_eq!(out, "#f831a20f\n");
    // The declared id, when right, is accepted.
    let (out, _) = run(
        &[
            "id",
            "contacts.acceptContact#f831a20f id:InputUser = Updates;",
        ],
        0,
    );
    assert_eq!(out, "#f831a20f\n");
    // Flags and `true` fields are normalized away before the CRC32.
    let (out, _) = run(
        &[
            "id",
            "updateShortSentMessage#11f1331c flags:# out:flags.1?true id:int pts:int \
           pts_count:int date:int media:flags.9?MessageMedia \
           entities:flags.7?Vector<MessageEntity> = Updates",
        ],
        0,
    );
    assert_eq!(out, "#11f1331c\n");
    // A wrong declared id: status 1, nothing on stdout.
    let (out, err) = run(
        &[
            "id",
            "contacts.acceptContact#f831a20e id:InputUser = Updates",
        ],
        1,
    );
    assert!(out.is_empty(), "{out}");
    assert_eq!(
        err,
        "tl id: error: the declaration says #f831a20e, but its CRC32 is #f831a20f \
         (of `contacts.acceptContact id:InputUser = Updates`)\n"
    );
    // Not a declaration.
    let (out, err) = run(&["id", "contacts.acceptContact id:"], 1);
    assert!(out.is_empty());
    assert!(err.starts_with("tl id: error: "), "{err}");
    // --schema is for names.
    let (_, err) = run(&["id", "a = B", "--schema", "x.tl"], 2);
    assert!(err.contains("--schema is for looking up a NAME"), "{err}");
}

/// Without the `convert` feature, `dump` and `encode` exist but say what
/// they need (status 1); with it, see `tests/cli.rs`.
#[cfg(not(feature = "convert"))]
#[test]
fn conversions_need_the_convert_feature() {
    for c in ["dump", "encode"] {
        let (out, err) = run(&[c], 1);
        assert!(out.is_empty());
        assert_eq!(
            err,
            format!(
                "tl {c}: error: `tl {c}` needs the `convert` feature (on by default); \
                 this build is the generator alone\n"
            )
        );
    }
}
