//! `tl`: the tlview schema tool.
//!
//! The command line is declared with clap's derive ([`Cli`], one struct of
//! arguments per subcommand); each subcommand is a function that returns
//! what went wrong as a [`Failure`], which [`main`] turns into a message on
//! stderr and the exit status of [`EXIT_CODES`].

#[cfg(feature = "convert")]
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};
use tltool::{layer, parse};

/// The exit statuses, as `--help` shows them (and `tools/tl/README.md`).
macro_rules! exit_codes {
    () => {
        "Exit status:
  0  success
  1  invalid input: bytes that are not valid TL, JSON that is not TL JSON,
     a declaration whose declared id is not its CRC32, a name not in the
     layer, a schema the generator refuses, a file that cannot be read
     or written
  2  usage error: an unknown command or option, a missing or malformed
     argument (`--expect` of a type the layer does not have)"
    };
}

/// [`exit_codes!`] as a constant.
const EXIT_CODES: &str = exit_codes!();

/// The tlview schema tool: TL binary <-> TL JSON, constructor ids, and the
/// generator of tlview's tables.
#[derive(Parser, Debug)]
#[command(
    name = "tl",
    version,
    propagate_version = true,
    arg_required_else_help = true,
    after_help = EXIT_CODES,
    after_long_help = concat!(
        "From the workspace root, regenerate the checked-in tables with\n  ",
        "cargo run -p tl --no-default-features -- gen schema/api-layer122.tl schema/mtproto.tl ",
        "--hot schema/hot122.txt --errors schema/errors/raw-errors.json ",
        "--error-overrides schema/errors/overrides.txt -o src\n\n",
        exit_codes!()
    )
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    Dump(DumpArgs),
    Encode(EncodeArgs),
    Id(IdArgs),
    Gen(GenArgs),
}

/// Print binary TL objects (each FILE, or stdin) as TL JSON.
///
/// Each input is exactly one boxed object. A gzip_packed root, or an
/// rpc_result whose result is gzip_packed, is printed as the object it
/// unpacks to (at most 64 MiB). Bytes after the object, or any invalid byte,
/// are an error naming the path of fields to it and its byte offset
/// (`updates[3].message.entities[0].length at byte 812: ...`). With several
/// inputs, an error names its file and the others are still printed; the
/// exit status is then 1.
#[derive(clap::Args, Debug)]
#[command(after_help = EXIT_CODES)]
struct DumpArgs {
    /// The binary objects, one per file; `-` (or none) is stdin
    #[arg(value_name = "FILE")]
    files: Vec<String>,
    /// Indent the JSON
    #[arg(long, conflicts_with = "lines")]
    pretty: bool,
    /// One line per input, in order: its TL JSON, or `null` when it is not
    /// valid (the error goes to stderr), so line N is always input N
    #[arg(long)]
    lines: bool,
    /// Print through tlview's generated typed views (the same JSON)
    #[arg(long)]
    typed: bool,
    /// The root must be of this boxed type (`Updates`, `User`, ...)
    #[arg(long, value_name = "TYPE")]
    expect: Option<String>,
    /// Say on stderr how each input was printed (gzip unpacked, typed or not)
    #[arg(short, long)]
    verbose: bool,
    /// The layer to read the bytes in: 122 or 230 (names, fields and
    /// `--expect` types are that layer's)
    #[arg(long, value_name = "N", default_value_t = 122)]
    layer: u32,
}

/// Write the TL JSON object in FILE (or stdin) as binary TL to stdout.
///
/// The JSON must be exactly TL JSON (shared/docs/tl-json.md): a long is a
/// string of decimal digits ("-42", never the number -42), bytes, int128 and
/// int256 are lowercase hex, an int is an integer in the 32-bit range.
/// Flags words are computed from the fields present. Errors name the JSON
/// path (`updates[3].message.entities[0].length: expected an int`).
#[derive(clap::Args, Debug)]
#[command(after_help = EXIT_CODES)]
struct EncodeArgs {
    /// The TL JSON; `-` (or none) is stdin
    #[arg(value_name = "FILE")]
    file: Option<String>,
    /// Encode through tlview's typed encoders: the generated form of the
    /// object in its layer (in layer 122, contacts.acceptContact through
    /// its hand-written encoder)
    #[arg(long)]
    typed: bool,
    /// The layer to write the object in: 122 or 230
    #[arg(long, value_name = "N", default_value_t = 122)]
    layer: u32,
}

/// Print the constructor id of a layer name, or the CRC32 id of a
/// declaration.
///
/// A NAME (`contacts.acceptContact`) prints its id as #xxxxxxxx and its
/// declaration as the schema writes it (one pair per combinator of that
/// name). A DECLARATION (anything with a space, `#`, `:` or `=`, quoted as
/// one argument: 'contacts.acceptContact id:InputUser = Updates') prints the
/// CRC32 of its normalized form; when it declares an id that is not that
/// CRC32, that is an error (exit status 1).
#[derive(clap::Args, Debug)]
#[command(after_help = EXIT_CODES)]
struct IdArgs {
    /// A combinator's name, or a whole declaration in quotes
    #[arg(value_name = "NAME|DECLARATION", required = true)]
    what: Vec<String>,
    /// Look NAME up in these schema files instead of the built-in layer
    #[arg(long = "schema", value_name = "FILE", conflicts_with = "layer")]
    schemas: Vec<PathBuf>,
    /// The built-in layer to look NAME up in: 122 (`schema/api-layer122.tl`,
    /// `schema/mtproto.tl`) or 230 (`schema/layer230/`)
    #[arg(long, value_name = "N", default_value_t = 122)]
    layer: u32,
}

/// Generate tlview's DIR/schema/*.rs (tables, names, views, validators) from
/// the schema files, and with `--errors` the typed RPC errors (errors.rs).
#[derive(clap::Args, Debug)]
#[command(after_help = EXIT_CODES)]
struct GenArgs {
    /// The schema files (`.tl`)
    #[arg(value_name = "SCHEMA", required = true)]
    schemas: Vec<PathBuf>,
    /// Where to write schema/layerNNN.rs, names.rs, viewsNNN.rs,
    /// checksNNN.rs, validNNN.rs
    #[arg(short, long = "out", value_name = "DIR")]
    out: PathBuf,
    /// The hot list: combinators whose validators the `fast` feature compiles
    #[arg(long, value_name = "LIST")]
    hot: Option<PathBuf>,
    /// The RPC error list (`raw-errors.json` of the npm package `@mtcute/tl`):
    /// writes schema/errors.rs, the typed errors and the errors per function
    #[arg(long, value_name = "JSON")]
    errors: Option<PathBuf>,
    /// Corrections to the error list's per-method errors, one method a line
    #[arg(long, value_name = "LIST", requires = "errors")]
    error_overrides: Option<PathBuf>,
    /// The layer lives beside the crate root's, in `tlview::MODULE`
    /// (`layer230`, behind its feature): write its table, names, typed
    /// views, forms, their test checks and its validators (schema/layerNNN.rs,
    /// namesNNN.rs, viewsNNN.rs, formsNNN.rs, checksNNN.rs, validNNN.rs)
    #[arg(long, value_name = "MODULE", conflicts_with = "errors")]
    module: Option<String>,
}

/// Why a command failed, which decides the exit status.
#[derive(Debug)]
enum Failure {
    /// Invalid input or data (exit status 1), already reported on stderr
    /// when the message is empty.
    Data(String),
    /// A usage error (exit status 2).
    Usage(String),
}

impl From<String> for Failure {
    fn from(message: String) -> Failure {
        Failure::Data(message)
    }
}

/// The exit status of invalid input.
const EXIT_DATA: u8 = 1;

fn cmd_gen(args: GenArgs) -> Result<(), Failure> {
    let errors = args
        .errors
        .as_deref()
        .map(|list| (list, args.error_overrides.as_deref()));
    let (layer, files) = if let Some(module) = &args.module {
        tltool::generate_beside(&args.schemas, module, args.hot.as_deref())?
    } else {
        tltool::generate(&args.schemas, args.hot.as_deref(), errors)?
    };
    let mut written = Vec::new();
    for f in &files {
        let path = args.out.join(&f.path);
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

/// The schema files `tl id NAME` looks names up in, built in: layer 122's
/// and (`--layer 230`) layer 230's.
const BUILTIN_SCHEMA: [(&str, &str); 2] = [
    (
        "schema/api-layer122.tl",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../schema/api-layer122.tl"
        )),
    ),
    (
        "schema/mtproto.tl",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../schema/mtproto.tl"
        )),
    ),
];
const BUILTIN_SCHEMA_230: [(&str, &str); 2] = [
    (
        "schema/layer230/api.tl",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../schema/layer230/api.tl"
        )),
    ),
    (
        "schema/layer230/mtproto.tl",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../schema/layer230/mtproto.tl"
        )),
    ),
];

/// The layers `--layer` takes.
const LAYERS: &str = "122 or 230";

/// The built-in schema of layer `n`.
fn builtin_schema(n: u32) -> Result<&'static [(&'static str, &'static str)], Failure> {
    match n {
        122 => Ok(&BUILTIN_SCHEMA),
        230 => Ok(&BUILTIN_SCHEMA_230),
        _ => Err(Failure::Usage(format!(
            "--layer {n}: this tl has layers {LAYERS}"
        ))),
    }
}

/// The tables of layer `n`, for `dump` and `encode`.
#[cfg(feature = "convert")]
fn layer_arg(n: u32) -> Result<tlview::Layer, Failure> {
    tlview::Layer::from_number(n)
        .ok_or_else(|| Failure::Usage(format!("--layer {n}: this tl has layers {LAYERS}")))
}

fn cmd_id(args: IdArgs) -> Result<(), Failure> {
    let [what] = args.what.as_slice() else {
        return Err(Failure::Usage(format!(
            "{} arguments given; quote the declaration as one argument: \
             tl id 'contacts.acceptContact id:InputUser = Updates'",
            args.what.len()
        )));
    };
    let is_declaration = what.chars().any(|c| c.is_whitespace() || "#:=".contains(c));
    if !is_declaration {
        return id_of_name(what, &args.schemas, args.layer);
    }
    if !args.schemas.is_empty() {
        return Err(Failure::Usage(
            "--schema is for looking up a NAME, not a declaration".into(),
        ));
    }
    let d = parse::parse_declaration("<declaration>", what).map_err(|e| e.to_string())?;
    let id = d.computed_id();
    if let Some(declared) = d.declared_id {
        if declared != id {
            return Err(Failure::Data(format!(
                "the declaration says #{declared:08x}, but its CRC32 is #{id:08x} (of `{}`)",
                d.normalized()
            )));
        }
    }
    println!("#{id:08x}");
    Ok(())
}

/// `tl id NAME`: the id and declaration of each combinator named `name`.
fn id_of_name(name: &str, schemas: &[PathBuf], layer: u32) -> Result<(), Failure> {
    let inputs: Vec<(String, String)> = if schemas.is_empty() {
        builtin_schema(layer)?
            .iter()
            .map(|&(file, text)| (file.to_string(), text.to_string()))
            .collect()
    } else {
        let mut inputs = Vec::new();
        for path in schemas {
            let text =
                std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            inputs.push((path.to_string_lossy().into_owned(), text));
        }
        inputs
    };
    let layer = layer::build(&inputs).map_err(|e| e.to_string())?;
    let found: Vec<&layer::Combinator> = layer
        .combinators
        .iter()
        .filter(|c| c.decl.name == name)
        .collect();
    if found.is_empty() {
        let near: Vec<&str> = layer
            .combinators
            .iter()
            .map(|c| c.decl.name.as_str())
            .filter(|n| n.eq_ignore_ascii_case(name))
            .collect();
        let hint = match near.first() {
            Some(n) => format!(" (did you mean {n}?)"),
            None => String::new(),
        };
        return Err(Failure::Data(format!(
            "no combinator named `{name}` in layer {}{hint}",
            layer.layer
        )));
    }
    let mut out = String::new();
    for c in found {
        out.push_str(&format!("#{:08x}\n{}\n", c.id, c.decl.text.trim()));
    }
    print!("{out}");
    Ok(())
}

#[cfg(feature = "convert")]
/// Reads FILE, or stdin for `-`.
fn read_input(file: &str) -> Result<Vec<u8>, String> {
    if file == "-" {
        let mut b = Vec::new();
        std::io::stdin()
            .lock()
            .read_to_end(&mut b)
            .map_err(|e| format!("stdin: {e}"))?;
        Ok(b)
    } else {
        std::fs::read(file).map_err(|e| format!("{file}: {e}"))
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
fn cmd_dump(args: DumpArgs) -> Result<(), Failure> {
    use tltool::dump::{dump, DumpOptions};
    use tlview::walk::Expect;

    let layer = layer_arg(args.layer)?;
    let mut opts = DumpOptions {
        pretty: args.pretty,
        typed: args.typed,
        layer,
        ..DumpOptions::default()
    };
    if let Some(name) = &args.expect {
        let t = tltool::encode::type_named_in(layer, name).ok_or_else(|| {
            Failure::Usage(format!(
                "unknown type `{name}` for --expect (a boxed type of the layer: Updates, User, ...)"
            ))
        })?;
        opts.expect = Expect::Type(t);
    }
    let files = if args.files.is_empty() {
        vec!["-".to_string()]
    } else {
        args.files
    };
    // Name the input in messages unless it is stdin alone.
    let named = files.len() > 1 || files[0] != "-";
    let mut failed = false;
    for file in &files {
        let label = if file == "-" { "stdin" } else { file.as_str() };
        let result = read_input(file).and_then(|input| {
            dump(&input, &opts).map_err(|e| if named { format!("{label}: {e}") } else { e })
        });
        match result {
            Ok(out) => {
                if args.verbose {
                    for note in &out.notes {
                        if named {
                            eprintln!("tl dump: {label}: {note}");
                        } else {
                            eprintln!("tl dump: {note}");
                        }
                    }
                }
                let mut text = out.text;
                text.push('\n');
                write_stdout(text.as_bytes())?;
            }
            Err(e) => {
                eprintln!("tl dump: error: {e}");
                failed = true;
                if args.lines {
                    write_stdout(b"null\n")?;
                }
            }
        }
    }
    if failed {
        Err(Failure::Data(String::new()))
    } else {
        Ok(())
    }
}

#[cfg(feature = "convert")]
fn cmd_encode(args: EncodeArgs) -> Result<(), Failure> {
    let layer = layer_arg(args.layer)?;
    let input = read_input(args.file.as_deref().unwrap_or("-"))?;
    let value: serde_json::Value =
        serde_json::from_slice(&input).map_err(|e| format!("invalid JSON: {e}"))?;
    let bytes = if args.typed {
        tltool::typed::encode_typed_in(layer, &value)
    } else {
        let mut out = Vec::new();
        tltool::encode::encode_in(layer, &value, tlview::walk::Expect::Any, &mut out).map(|()| out)
    }
    .map_err(|e| e.to_string())?;
    Ok(write_stdout(&bytes)?)
}

/// `tl dump` / `tl encode` in a build without the `convert` feature.
#[cfg(not(feature = "convert"))]
fn without_convert(command: &str) -> Result<(), Failure> {
    Err(Failure::Data(format!(
        "`tl {command}` needs the `convert` feature (on by default); this build is the generator alone"
    )))
}
#[cfg(not(feature = "convert"))]
fn cmd_dump(_: DumpArgs) -> Result<(), Failure> {
    without_convert("dump")
}
#[cfg(not(feature = "convert"))]
fn cmd_encode(_: EncodeArgs) -> Result<(), Failure> {
    without_convert("encode")
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (name, result) = match cli.command {
        Command::Dump(a) => ("dump", cmd_dump(a)),
        Command::Encode(a) => ("encode", cmd_encode(a)),
        Command::Id(a) => ("id", cmd_id(a)),
        Command::Gen(a) => ("gen", cmd_gen(a)),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Data(e)) => {
            if !e.is_empty() {
                eprintln!("tl {name}: error: {e}");
            }
            ExitCode::from(EXIT_DATA)
        }
        Err(Failure::Usage(e)) => {
            let mut cmd = Cli::command();
            let sub = cmd.find_subcommand_mut(name).map(|c| c.clone());
            // clap prints it with the command's usage line and exits with 2.
            sub.unwrap_or(cmd)
                .bin_name(format!("tl {name}"))
                .error(clap::error::ErrorKind::ValueValidation, e)
                .exit()
        }
    }
}
