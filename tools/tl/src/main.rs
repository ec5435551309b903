//! `tl`: the tlview schema tool.
//!
//! Subcommands are a table of `(name, usage, handler)` in [`COMMANDS`]; each
//! handler gets its own arguments and parses them (with [`Args`]).

#[cfg(feature = "convert")]
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[cfg(feature = "convert")]
use tltool::dump::{dump, DumpOptions};
use tltool::{layer, parse};
#[cfg(feature = "convert")]
use tlview::walk::Expect;

/// A subcommand: name, one-line usage, summary, options, handler.
struct Command {
    name: &'static str,
    usage: &'static str,
    about: &'static str,
    /// Its options, one per line, for `tl CMD --help`.
    options: &'static str,
    run: fn(Args) -> Result<(), String>,
}

const COMMANDS: &[Command] = &[
    Command {
        name: "dump",
        usage: "tl dump [FILE|-] [--pretty] [--typed] [--expect TYPE] [--verbose]",
        about: "print one binary TL object (FILE, or stdin) as TL JSON",
        options: "  FILE|-          the binary object; stdin when absent or `-`
  --pretty        indent the JSON
  --typed         print through tlview's generated typed views (same JSON)
  --expect TYPE   the root must be of this boxed type (`Updates`, `User`, ...)
  --verbose       say on stderr how it was printed (gzip unpacked, typed or not)

A gzip_packed root, or an rpc_result whose result is gzip_packed, is printed
as the object it unpacks to (at most 64 MiB). Bytes after the object, or any
invalid byte, are an error naming its offset (exit status 1).",
        run: cmd_dump,
    },
    Command {
        name: "encode",
        usage: "tl encode [FILE|-] [--typed]",
        about: "write the TL JSON object in FILE (or stdin) as binary TL to stdout",
        options: "  FILE|-          the TL JSON; stdin when absent or `-`
  --typed         use tlview's hand-written encoder (contacts.acceptContact only)

Flags words are computed from the fields present; errors name the JSON path
(`updates[3].message.entities[0].length: expected an int`, exit status 1).",
        run: cmd_encode,
    },
    Command {
        name: "id",
        usage: "tl id 'DECLARATION'",
        about: "print the CRC32 constructor id of a TL declaration as #xxxxxxxx",
        options: "",
        run: cmd_id,
    },
    Command {
        name: "gen",
        usage: "tl gen SCHEMA... [--hot LIST] -o DIR",
        about: "generate tlview's DIR/schema/*.rs (tables, names, views, validators) from the schema files",
        options: "  -o, --out DIR   where to write schema/layerNNN.rs, names.rs, viewsNNN.rs, checksNNN.rs, validNNN.rs\n  \
  --hot LIST      the hot list: combinators whose validators the `fast` feature compiles",
        run: cmd_gen,
    },
];

fn usage() -> String {
    let mut s = String::from("tl: the tlview schema tool\n\nUsage:\n");
    for c in COMMANDS {
        s.push_str(&format!("  {}\n      {}\n", c.usage, c.about));
    }
    s.push_str("  tl --help\n      print this help (`tl COMMAND --help`: its options)\n");
    s.push_str(
        "\nFrom the workspace root, regenerate the checked-in tables with\n  \
         cargo run -p tl --no-default-features -- gen schema/api-layer122.tl schema/mtproto.tl --hot schema/hot122.txt -o src\n",
    );
    s
}

/// `tl CMD --help`.
fn command_help(c: &Command) {
    let mut s = format!("usage: {}\n{}\n", c.usage, c.about);
    if !c.options.is_empty() {
        s.push_str("\nOptions:\n");
        s.push_str(c.options);
        s.push('\n');
    }
    print!("{s}");
}

/// The arguments of one subcommand, consumed front to back.
struct Args {
    command: &'static Command,
    rest: std::vec::IntoIter<String>,
}

impl Args {
    /// The next argument, if any.
    fn next(&mut self) -> Option<String> {
        self.rest.next()
    }

    /// The value of an option (`-o DIR`).
    fn value(&mut self, option: &str) -> Result<String, String> {
        self.next()
            .ok_or_else(|| format!("{option} needs a value\nusage: {}", self.command.usage))
    }

    /// An error about the arguments, with the usage line.
    fn bad(&self, what: &str) -> String {
        format!("{what}\nusage: {}", self.command.usage)
    }

    fn is_help(a: &str) -> bool {
        a == "-h" || a == "--help"
    }
}

fn cmd_gen(mut args: Args) -> Result<(), String> {
    let mut schemas: Vec<PathBuf> = Vec::new();
    let mut out: Option<PathBuf> = None;
    let mut hot: Option<PathBuf> = None;
    while let Some(a) = args.next() {
        match a.as_str() {
            "-o" | "--out" => out = Some(PathBuf::from(args.value(&a)?)),
            "--hot" => hot = Some(PathBuf::from(args.value(&a)?)),
            h if Args::is_help(h) => {
                command_help(args.command);
                return Ok(());
            }
            o if o.starts_with('-') && o.len() > 1 => {
                return Err(args.bad(&format!("unknown option `{o}`")))
            }
            _ => schemas.push(PathBuf::from(a)),
        }
    }
    let Some(out) = out else {
        return Err(args.bad("missing -o DIR"));
    };
    if schemas.is_empty() {
        return Err(args.bad("no schema files given"));
    }
    let (layer, files) = tltool::generate(&schemas, hot.as_deref())?;
    let mut written = Vec::new();
    for f in &files {
        let path = out.join(&f.path);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        std::fs::write(&path, &f.contents).map_err(|e| format!("{}: {e}", path.display()))?;
        written.push(format!("{} ({} bytes)", path.display(), f.contents.len()));
    }
    let (at, af) = layer.counts(layer::Scope::Api);
    let (mt, mf) = layer.counts(layer::Scope::MtProto);
    eprintln!(
        "tl gen: layer {}: {} combinators (API {at} constructors + {af} functions, \
         MTProto {mt} constructors + {mf} functions), {} types, {} fields; wrote {}",
        layer.layer,
        layer.combinators.len(),
        layer.types.len(),
        layer.field_count(),
        written.join(", ")
    );
    Ok(())
}

fn cmd_id(mut args: Args) -> Result<(), String> {
    let Some(decl) = args.next() else {
        return Err(args.bad("missing the declaration"));
    };
    if Args::is_help(&decl) {
        command_help(args.command);
        return Ok(());
    }
    if let Some(extra) = args.next() {
        return Err(args.bad(&format!(
            "unexpected argument `{extra}` (quote the declaration as one argument)"
        )));
    }
    let d = parse::parse_declaration("<declaration>", &decl).map_err(|e| e.to_string())?;
    let id = d.computed_id();
    if let Some(declared) = d.declared_id {
        if declared != id {
            eprintln!(
                "tl id: warning: the declaration says #{declared:08x}, its CRC32 is #{id:08x} \
                 (of `{}`)",
                d.normalized()
            );
        }
    }
    println!("#{id:08x}");
    Ok(())
}

#[cfg(feature = "convert")]
/// Reads FILE, or stdin for `None` or `-`.
fn read_input(file: Option<&str>) -> Result<Vec<u8>, String> {
    match file {
        None | Some("-") => {
            let mut b = Vec::new();
            std::io::stdin()
                .lock()
                .read_to_end(&mut b)
                .map_err(|e| format!("stdin: {e}"))?;
            Ok(b)
        }
        Some(path) => std::fs::read(path).map_err(|e| format!("{path}: {e}")),
    }
}

#[cfg(feature = "convert")]
/// Writes to stdout; a closed pipe (`| head`) ends quietly.
fn write_stdout(bytes: &[u8]) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(format!("stdout: {e}")),
        _ => Ok(()),
    }
}

#[cfg(feature = "convert")]
fn cmd_dump(mut args: Args) -> Result<(), String> {
    let mut opts = DumpOptions::default();
    let mut file: Option<String> = None;
    let mut verbose = false;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--pretty" => opts.pretty = true,
            "--typed" => opts.typed = true,
            "--verbose" | "-v" => verbose = true,
            "--expect" => {
                let name = args.value(&a)?;
                let t = tltool::encode::type_named(&name)
                    .ok_or_else(|| args.bad(&format!("unknown type `{name}` for --expect")))?;
                opts.expect = Expect::Type(t);
            }
            h if Args::is_help(h) => {
                command_help(args.command);
                return Ok(());
            }
            o if o.starts_with('-') && o.len() > 1 => {
                return Err(args.bad(&format!("unknown option `{o}`")))
            }
            _ if file.is_some() => return Err(args.bad(&format!("unexpected argument `{a}`"))),
            _ => file = Some(a),
        }
    }
    let input = read_input(file.as_deref())?;
    let out = dump(&input, &opts)?;
    if verbose {
        for note in &out.notes {
            eprintln!("tl dump: {note}");
        }
    }
    let mut text = out.text;
    text.push('\n');
    write_stdout(text.as_bytes())
}

#[cfg(feature = "convert")]
fn cmd_encode(mut args: Args) -> Result<(), String> {
    let mut file: Option<String> = None;
    let mut typed = false;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--typed" => typed = true,
            h if Args::is_help(h) => {
                command_help(args.command);
                return Ok(());
            }
            o if o.starts_with('-') && o.len() > 1 => {
                return Err(args.bad(&format!("unknown option `{o}`")))
            }
            _ if file.is_some() => return Err(args.bad(&format!("unexpected argument `{a}`"))),
            _ => file = Some(a),
        }
    }
    let input = read_input(file.as_deref())?;
    let value: serde_json::Value =
        serde_json::from_slice(&input).map_err(|e| format!("invalid JSON: {e}"))?;
    let bytes = if typed {
        tltool::typed::encode_typed(&value)
    } else {
        tltool::encode::encode(&value)
    }
    .map_err(|e| e.to_string())?;
    write_stdout(&bytes)
}

/// `tl dump` / `tl encode` in a build without the `convert` feature.
#[cfg(not(feature = "convert"))]
fn cmd_dump(args: Args) -> Result<(), String> {
    Err(format!(
        "`tl {}` needs the `convert` feature (on by default); this build is the generator alone",
        args.command.name
    ))
}
#[cfg(not(feature = "convert"))]
use cmd_dump as cmd_encode;

fn main() -> ExitCode {
    let mut argv: Vec<String> = std::env::args().skip(1).collect();
    if argv.is_empty() {
        eprint!("{}", usage());
        return ExitCode::FAILURE;
    }
    let name = argv.remove(0);
    if Args::is_help(&name) || name == "help" {
        print!("{}", usage());
        return ExitCode::SUCCESS;
    }
    let Some(command) = COMMANDS.iter().find(|c| c.name == name) else {
        eprint!("tl: unknown command `{name}`\n\n{}", usage());
        return ExitCode::FAILURE;
    };
    let args = Args {
        command,
        rest: argv.into_iter(),
    };
    match (command.run)(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("tl {}: error: {e}", command.name);
            ExitCode::FAILURE
        }
    }
}
