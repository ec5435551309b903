//! `tl`: the tlview schema tool.
//!
//! Subcommands are a table of `(name, usage, handler)` in [`COMMANDS`]; each
//! handler gets its own arguments and parses them (with [`Args`]).

use std::path::PathBuf;
use std::process::ExitCode;

use tltool::{layer, parse};

/// A subcommand: name, one-line usage, summary, handler.
struct Command {
    name: &'static str,
    usage: &'static str,
    about: &'static str,
    run: fn(Args) -> Result<(), String>,
}

const COMMANDS: &[Command] = &[
    Command {
        name: "gen",
        usage: "tl gen SCHEMA... -o DIR",
        about: "generate DIR/schema/layerNNN.rs and DIR/schema/names.rs from the schema files",
        run: cmd_gen,
    },
    Command {
        name: "id",
        usage: "tl id 'DECLARATION'",
        about: "print the CRC32 constructor id of a TL declaration as #xxxxxxxx",
        run: cmd_id,
    },
];

fn usage() -> String {
    let mut s = String::from("tl: the tlview schema tool\n\nUsage:\n");
    for c in COMMANDS {
        s.push_str(&format!("  {:<28} {}\n", c.usage, c.about));
    }
    s.push_str("  tl --help                    print this help\n");
    s.push_str(
        "\nFrom the workspace root, regenerate the checked-in tables with\n  \
         cargo run -p tl -- gen ../shared/schema/api-layer122.tl ../shared/schema/mtproto.tl -o src\n",
    );
    s
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
    while let Some(a) = args.next() {
        match a.as_str() {
            "-o" | "--out" => out = Some(PathBuf::from(args.value(&a)?)),
            h if Args::is_help(h) => {
                println!("usage: {}\n{}", args.command.usage, args.command.about);
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
    let (layer, files) = tltool::generate(&schemas)?;
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
        println!("usage: {}\n{}", args.command.usage, args.command.about);
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
