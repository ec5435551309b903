//! Writes the layer as the six Rust files of `tlview::schema` (and, given
//! an error list, `errors.rs`, written by [`crate::errors`]):
//! `layerNNN.rs` (ids, constructors, fields, types, `id` and `ty` constants),
//! `names.rs` (the name pool, for the `names` feature), `viewsNNN.rs`
//! (the typed views, written by [`crate::views`]), `formsNNN.rs` (the
//! forms that encode, written by [`crate::forms`]), `checksNNN.rs`, which
//! the library's own tests run over every view, and `validNNN.rs` (the
//! straight-line validators, written by [`crate::valid`]).
//!
//! The shapes (`Constructor`, `Op`, `Type`, `Kind`, the `CTOR_*` flags,
//! `NO_TYPE`) are defined by hand in `tlview/src/schema/mod.rs`; the output
//! asserts [`FORMAT_VERSION`] against it. The output is deterministic and is
//! passed through `rustfmt`, so `cargo fmt --check` leaves it alone.
//!
//! # Adding something to the generated table
//!
//! `layerNNN.rs` is written by `emit_layer`, which is only the list of the
//! file's sections (`SECTIONS`), in order; each section is one function
//! below it, whose doc comment names what it writes and what in `tlview`
//! reads it. To add a table, a constant or a module of constants:
//!
//! 1. Write `fn your_section(o: &mut String, s: &Shape<'_>)` beside the
//!    others, with such a doc comment. Build its item from the pieces
//!    above the sections: `Table` for a `pub static NAME: [T; N]` (with
//!    `as_written: true` when each row is a line with its comments),
//!    `const_module` for a `pub mod` of named constants, `item` for one
//!    doc-commented line. Each leaves the blank line that ends a section.
//! 2. Add `your_section` to `SECTIONS` in `emit_layer`, where the item
//!    belongs in the file.
//! 3. If it needs something counted over the whole layer (a run's length,
//!    where the functions start), take it from `Shape`, or add it there;
//!    a limit of the table format is an [`Error`] from `Shape::new`, so no
//!    section can fail.
//! 4. Re-export the item in `src/schema/mod.rs` (`pub use layer122::{…}`)
//!    if the library is to read it. A new or changed shape (a field of
//!    `Constructor`, a bit of `Op`) is defined by hand there: bump
//!    `FORMAT_VERSION` there and [`FORMAT_VERSION`] here together.
//! 5. Assert what the new section writes in the `small_layer` test below.
//! 6. Regenerate from the workspace root (the command in every generated
//!    header) and commit `src/schema/` with the generator:
//!
//!    ```text
//!    cargo run -p tl --no-default-features -- gen schema/api-layer122.tl \
//!        schema/mtproto.tl --hot schema/hot122.txt \
//!        --errors schema/errors/raw-errors.json \
//!        --error-overrides schema/errors/overrides.txt -o src
//!    ```
//!
//!    `regenerating_gives_the_checked_in_files` (`tools/tl/tests/generate.rs`)
//!    and the "generated code is fresh" step of `.ci/run` fail while the
//!    checked-in files differ from what the generator writes.

use core::fmt::Write as _;
use core::ops::Range;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::layer::{Combinator, Kind, Layer, Repeat, Scope};

/// The table format written, checked against `tlview::schema::FORMAT_VERSION`.
pub const FORMAT_VERSION: u32 = 3;

/// The command that regenerates the checked-in files (from the workspace root).
pub const REGENERATE: &str = "cargo run -p tl --no-default-features -- gen";

/// The longest name the pool can address (`start << 8 | len`).
const MAX_NAME: usize = 255;
/// The largest pool `start << 8` can address.
const MAX_POOL: usize = 1 << 24;

/// Put before the big tables: they are laid out one row per line (with
/// their comments) by the emitter, which rustfmt would spread over several
/// lines each or reflow.
const SKIP: &str = "#[rustfmt::skip]\n";

/// One generated file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct File {
    /// Its path relative to the output directory (`schema/layer122.rs`).
    pub path: PathBuf,
    /// Its contents.
    pub contents: String,
}

/// An emitter error (a limit of the table format).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error(pub String);

impl core::fmt::Display for Error {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.0)
    }
}

impl core::error::Error for Error {}

/// A layer that lives beside the crate root's, in `tlview::{module}`
/// (layer 230 in `tlview::layer230`, behind its feature): its table
/// (`schema/layerNNN.rs`), its names (`schema/namesNNN.rs`), its typed
/// views (`schema/viewsNNN.rs`), its forms (`schema/formsNNN.rs`), their
/// checks for the library's tests
/// (`schema/checksNNN.rs`) and its straight-line validators
/// (`schema/validNNN.rs`, the hot ones those of `hot`), not yet formatted. What `tl gen --module`
/// writes.
pub fn emit_beside(
    layer: &Layer,
    module: &str,
    hot: &crate::valid::Hot,
) -> Result<Vec<File>, Error> {
    let command =
        command_line(layer, hot, None).replace(" -o src", &format!(" --module {module} -o src"));
    let h = header(&command, layer.inputs.iter().chain(&hot.input));
    Ok(vec![
        File {
            path: Path::new("schema").join(format!("layer{}.rs", layer.layer)),
            contents: emit_layer(layer, &h)?,
        },
        File {
            path: Path::new("schema").join(format!("names{}.rs", layer.layer)),
            contents: emit_names(layer, &h, &format!("{module}::"))?,
        },
        File {
            path: Path::new("schema").join(format!("views{}.rs", layer.layer)),
            contents: crate::views::emit(layer, &h, Some(module))?,
        },
        File {
            path: Path::new("schema").join(format!("forms{}.rs", layer.layer)),
            contents: crate::forms::emit(layer, &h, Some(module))?,
        },
        File {
            path: Path::new("schema").join(format!("checks{}.rs", layer.layer)),
            contents: crate::views::emit_checks(layer, &h, Some(module))?,
        },
        File {
            path: Path::new("schema").join(format!("valid{}.rs", layer.layer)),
            contents: crate::valid::emit(layer, hot, &h, Some(module))?,
        },
    ])
}

/// The six files, and with an error list the sixth (`schema/errors.rs`),
/// not yet formatted (see [`rustfmt`]).
pub fn emit(
    layer: &Layer,
    hot: &crate::valid::Hot,
    errors: Option<&crate::errors::Errors>,
) -> Result<Vec<File>, Error> {
    let command = command_line(layer, hot, errors);
    let h = header(&command, layer.inputs.iter().chain(&hot.input));
    let mut files = vec![
        File {
            path: Path::new("schema").join(format!("layer{}.rs", layer.layer)),
            contents: emit_layer(layer, &h)?,
        },
        File {
            path: Path::new("schema").join("names.rs"),
            contents: emit_names(layer, &h, "schema::")?,
        },
        File {
            path: Path::new("schema").join(format!("views{}.rs", layer.layer)),
            contents: crate::views::emit(layer, &h, None)?,
        },
        File {
            path: Path::new("schema").join(format!("forms{}.rs", layer.layer)),
            contents: crate::forms::emit(layer, &h, None)?,
        },
        File {
            path: Path::new("schema").join(format!("checks{}.rs", layer.layer)),
            contents: crate::views::emit_checks(layer, &h, None)?,
        },
        File {
            path: Path::new("schema").join(format!("valid{}.rs", layer.layer)),
            contents: crate::valid::emit(layer, hot, &h, None)?,
        },
    ];
    if let Some(e) = errors {
        let inputs = layer
            .inputs
            .iter()
            .chain(Some(&e.list.input))
            .chain(&e.overrides.input);
        files.push(File {
            path: Path::new("schema").join("errors.rs"),
            contents: crate::errors::emit(layer, e, &header(&command, inputs))?,
        });
    }
    Ok(files)
}

/// The command that regenerates the files, with the inputs' conventional
/// paths (the schema's in `schema/`, the error list's in `schema/errors/`).
fn command_line(
    layer: &Layer,
    hot: &crate::valid::Hot,
    errors: Option<&crate::errors::Errors>,
) -> String {
    // A schema file given by a relative path under `schema/` is shown as
    // given (`schema/layer230/api.tl`); any other as `schema/NAME`.
    let mut args: Vec<String> = layer
        .inputs
        .iter()
        .map(|i| {
            let given = i.path.replace('\\', "/");
            if given.starts_with("schema/") {
                given
            } else {
                format!("schema/{}", i.name)
            }
        })
        .collect();
    if let Some(i) = &hot.input {
        args.push(format!("--hot schema/{}", i.name));
    }
    if let Some(e) = errors {
        args.push(format!("--errors schema/errors/{}", e.list.input.name));
        if let Some(i) = &e.overrides.input {
            args.push(format!("--error-overrides schema/errors/{}", i.name));
        }
    }
    format!("{REGENERATE} {} -o src", args.join(" "))
}

/// The generated header: how to regenerate, and what from (the inputs this
/// file is made from).
fn header<'a>(command: &str, inputs: impl Iterator<Item = &'a crate::layer::Input>) -> String {
    let mut h = String::new();
    let _ = writeln!(h, "// @generated by `{command}` — DO NOT EDIT.");
    let _ = writeln!(h, "//");
    let _ = writeln!(
        h,
        "// Generator: tl {} (tools/tl), table format {FORMAT_VERSION}.",
        env!("CARGO_PKG_VERSION")
    );
    let _ = writeln!(h, "// Inputs:");
    for i in inputs {
        let _ = writeln!(h, "//   {}: {} bytes, crc32 {:08x}", i.name, i.len, i.crc32);
    }
    h.push('\n');
    h
}

/// The `Op` expression of a field, its names (`Op`, `Kind`, `ty`) behind
/// `prefix` (`crate::schema::` from outside the schema module).
pub fn op_expr_at(layer: &Layer, f: &crate::layer::Field, prefix: &str) -> String {
    op_expr_in(layer, f, prefix, &format!("{prefix}ty::"))
}

/// As [`op_expr_at`], the layer's type indices behind `ty_prefix`
/// (`crate::layer230::ty::`).
pub fn op_expr_in(layer: &Layer, f: &crate::layer::Field, prefix: &str, ty_prefix: &str) -> String {
    let mut s = match f.kind {
        Kind::Boxed => format!(
            "{prefix}Op::boxed({ty_prefix}{})",
            layer.types[usize::from(f.arg)].const_name
        ),
        Kind::Bare => format!("{prefix}Op::bare({prefix}CtorIndex({}))", f.arg),
        Kind::Flags if f.word == 1 => format!("{prefix}Op::second_flags()"),
        _ => format!("{prefix}Op::new({prefix}Kind::{:?}, {})", f.kind, f.arg),
    };
    match f.repeat {
        Repeat::One => {}
        Repeat::BoxedVector => s.push_str(".boxed_vector()"),
        Repeat::BareVector => s.push_str(".bare_vector()"),
    }
    match (f.when, f.word) {
        (Some((field, bit)), 0) => {
            let _ = write!(s, ".when({field}, {bit})");
        }
        (Some((field, bit)), _) => {
            let _ = write!(s, ".when_second({field}, {bit})");
        }
        (None, _) => {}
    }
    s
}

/// The `flags` of a combinator's row: its `CTOR_*` flags, or `0`.
fn flags_expr(c: &Combinator) -> String {
    let mut parts = Vec::new();
    if c.is_function() {
        parts.push("CTOR_FUNCTION");
    }
    if c.scope == Scope::MtProto {
        parts.push("CTOR_MTPROTO");
    }
    if c.is_fixed() {
        parts.push("CTOR_FIXED");
    }
    if parts.is_empty() {
        "0".to_string()
    } else {
        parts.join(" | ")
    }
}

// ----------------------------------------- the pieces of a generated file

/// Writes `text` as comment lines behind `prefix` (`///`, `//!`): one per
/// line of `text`, a bare `prefix` for an empty one.
fn comment(o: &mut String, prefix: &str, text: &str) {
    for line in text.lines() {
        if line.is_empty() {
            let _ = writeln!(o, "{prefix}");
        } else {
            let _ = writeln!(o, "{prefix} {line}");
        }
    }
}

/// Writes one item (`code`, one line) under its doc comment `doc`, then a
/// blank line.
fn item(o: &mut String, doc: &str, code: &str) {
    comment(o, "///", doc);
    let _ = writeln!(o, "{code}\n");
}

/// A `pub static NAME: [ELEM; LEN] = [ … ];` of a generated file.
struct Table<'a> {
    /// Its doc comment, without the `///`.
    doc: &'a str,
    /// Its name (`CONSTRUCTORS`).
    name: &'a str,
    /// The type of its elements (`Constructor`, `u32`).
    elem: &'a str,
    /// How many rows it has.
    len: usize,
    /// Whether rustfmt leaves its lines as they are written (one row per
    /// line, with its comments; see [`SKIP`]) rather than reflowing them.
    as_written: bool,
}

impl Table<'_> {
    /// Writes the table with the rows `rows` writes (each ending in `,`),
    /// then a blank line.
    fn write(&self, o: &mut String, rows: impl FnOnce(&mut String)) {
        comment(o, "///", self.doc);
        if self.as_written {
            o.push_str(SKIP);
        }
        let _ = writeln!(
            o,
            "pub static {}: [{}; {}] = [",
            self.name, self.elem, self.len
        );
        rows(o);
        o.push_str("];\n\n");
    }
}

/// Writes `pub mod NAME { … }` under its doc comment `doc`: a `pub const`
/// of type `ty` for each `(TL name, Rust name, value)`, its doc comment the
/// TL name; then a blank line.
fn const_module<'a>(
    o: &mut String,
    doc: &str,
    name: &str,
    ty: &str,
    consts: impl Iterator<Item = (&'a str, &'a str, String)>,
) {
    comment(o, "///", doc);
    let _ = writeln!(o, "pub mod {name} {{");
    for (tl, rust, value) in consts {
        let _ = writeln!(o, "    /// `{tl}`");
        let _ = writeln!(o, "    pub const {rust}: {ty} = {value};");
    }
    o.push_str("}\n\n");
}

/// Ends a file whose last item left a blank line after it.
fn end_file(o: &mut String) {
    while o.ends_with("\n\n") {
        o.pop();
    }
}

// ------------------------------------ layerNNN.rs, a function per section

/// What the sections of `layerNNN.rs` share: the layer, and where its runs
/// start and end. Building it checks the limits of the table format.
struct Shape<'a> {
    layer: &'a Layer,
    /// The indices of the type constructors (they come first).
    constructors: Range<usize>,
    /// The indices of the functions (after the type constructors).
    functions: Range<usize>,
    /// How many fields the type constructors have (`OPS.len()`).
    type_ops: usize,
    /// How many fields all combinators have (`OPS` and `FUNCTION_OPS`).
    ops: usize,
    /// How many type members there are (`TYPE_MEMBERS.len()`).
    members: usize,
}

impl<'a> Shape<'a> {
    fn new(layer: &'a Layer) -> Result<Self, Error> {
        let n = layer.combinators.len();
        let n_types = layer
            .combinators
            .iter()
            .filter(|c| !c.is_function())
            .count();
        if layer.combinators[..n_types].iter().any(|c| c.is_function()) {
            return Err(Error("combinators are not ordered types first".to_string()));
        }
        let fields = |range: Range<usize>| -> usize {
            layer.combinators[range]
                .iter()
                .map(|c| c.fields.len())
                .sum()
        };
        let type_ops = fields(0..n_types);
        let ops = type_ops + fields(n_types..n);
        if ops > usize::from(u16::MAX) + 1 {
            return Err(Error(format!(
                "{ops} fields: more than `ops_start: u16` addresses"
            )));
        }
        let members = layer.types.iter().map(|t| t.members.len()).sum();
        if members > usize::from(u16::MAX) {
            return Err(Error(format!(
                "{members} type members: more than u16 addresses"
            )));
        }
        Ok(Shape {
            layer,
            constructors: 0..n_types,
            functions: n_types..n,
            type_ops,
            ops,
            members,
        })
    }
}

/// A section of `layerNNN.rs`: writes its items, each followed by a blank
/// line. (A limit of the table format is checked in [`Shape::new`].)
type Section = fn(&mut String, &Shape<'_>);

/// `layerNNN.rs`: the header, then each section in the order the file has
/// them (see the module docs to add one).
fn emit_layer(layer: &Layer, header: &str) -> Result<String, Error> {
    const SECTIONS: &[Section] = &[
        module_docs,
        imports,
        format_check,
        layer_number,
        ids,
        constructors,
        functions,
        ops,
        function_ops,
        types,
        type_members,
        id_consts,
        ty_consts,
    ];
    let shape = Shape::new(layer)?;
    let mut o = header.to_string();
    for section in SECTIONS {
        section(&mut o, &shape);
    }
    end_file(&mut o);
    Ok(o)
}

/// The `//!` docs: which layer, how many of each thing; `tlview::schema`'s
/// docs (`super`) say what the tables mean.
fn module_docs(o: &mut String, s: &Shape<'_>) {
    let l = s.layer;
    let (api_t, api_f) = l.counts(Scope::Api);
    let (mt_t, mt_f) = l.counts(Scope::MtProto);
    let text = format!(
        "The tables of TL layer {}: {} combinators ({api_t} API constructors,\n\
         {api_f} API functions, {mt_t} MTProto constructors, {mt_f} MTProto functions),\n\
         {} types, {} fields.\n\
         \n\
         Generated from the schema files by `tl gen`; see [`super`] for what the\n\
         tables mean.",
        l.layer,
        l.combinators.len(),
        l.types.len(),
        l.field_count()
    );
    comment(o, "//!", &text);
    o.push('\n');
}

/// `use super::{…}`: the shapes the rows are made of (`Constructor`, `Op`,
/// …), defined by hand in `tlview/src/schema/mod.rs`, and the `CTOR_*`
/// flags and `NO_TYPE` when some row uses them (so no import is unused).
fn imports(o: &mut String, s: &Shape<'_>) {
    let cs = &s.layer.combinators;
    let mut used = vec![
        "Constructor",
        "CtorIndex",
        "Kind",
        "Op",
        "Type",
        "TypeIndex",
    ];
    for (flag, present) in [
        ("CTOR_FIXED", cs.iter().any(|c| c.is_fixed())),
        ("CTOR_FUNCTION", cs.iter().any(|c| c.is_function())),
        ("CTOR_MTPROTO", cs.iter().any(|c| c.scope == Scope::MtProto)),
        ("NO_TYPE", cs.iter().any(|c| c.ty.is_none())),
    ] {
        if present {
            used.push(flag);
        }
    }
    let _ = writeln!(o, "use super::{{{}}};\n", used.join(", "));
}

/// An assertion that the library's `schema::FORMAT_VERSION` is the format
/// written here ([`FORMAT_VERSION`]): a table older than its shapes fails to
/// compile.
fn format_check(o: &mut String, _: &Shape<'_>) {
    let _ = writeln!(
        o,
        "const _: () = assert!(super::FORMAT_VERSION == {FORMAT_VERSION});\n"
    );
}

/// `LAYER`, the layer number (`tlview::schema::LAYER`).
fn layer_number(o: &mut String, s: &Shape<'_>) {
    item(
        o,
        "The TL layer these tables describe.",
        &format!("pub const LAYER: u32 = {};", s.layer.layer),
    );
    let words = s
        .layer
        .combinators
        .iter()
        .map(|c| c.fields.iter().filter(|f| f.kind == Kind::Flags).count())
        .max()
        .unwrap_or(0)
        .max(1);
    item(
        o,
        "The most flags words (`#` fields) a combinator of the layer has (at\n\
         least 1): how many the walker keeps per object.",
        &format!("pub const FLAGS_WORDS: usize = {words};"),
    );
}

/// `IDS`: every combinator's id, in table order. Read by tools and tests
/// (`tests/schema.rs`); the library's `schema::index_of` compares with the
/// rows themselves, so that firmware need not link it.
fn ids(o: &mut String, s: &Shape<'_>) {
    Table {
        doc: "The id of every combinator: the type constructors by id, then the\n\
              functions by id. [`CONSTRUCTORS`] then [`FUNCTIONS`] are parallel to it.",
        name: "IDS",
        elem: "u32",
        len: s.layer.combinators.len(),
        as_written: false,
    }
    .write(o, |o| {
        for c in &s.layer.combinators {
            let _ = writeln!(o, "    0x{:08x},", c.id);
        }
    });
}

/// `CONSTRUCTORS`: a row per type constructor. Read by `schema::constructor`
/// (the walker, the views, the printers) and, at compile time, by the id
/// index behind `schema::index_of` and by `schema::DECLARED_FLAGS`.
fn constructors(o: &mut String, s: &Shape<'_>) {
    let doc = "Every type constructor (indices `0..CONSTRUCTORS.len()`): the type it\n\
               builds, its run of ops (in [`OPS`]), and its `CTOR_*` flags.";
    combinator_table(o, s, doc, "CONSTRUCTORS", s.constructors.clone(), 0);
}

/// `FUNCTIONS`: a row per function, its indices and op runs counting on
/// from `CONSTRUCTORS`'. Read by `schema::constructor` under the
/// `functions` feature.
fn functions(o: &mut String, s: &Shape<'_>) {
    let doc = "Every function (indices from `CONSTRUCTORS.len()` on): the type it\n\
               returns, its run of ops (in [`FUNCTION_OPS`]; `ops_start` counts on\n\
               from the end of [`OPS`]), and its `CTOR_*` flags.";
    combinator_table(o, s, doc, "FUNCTIONS", s.functions.clone(), s.type_ops);
}

/// A `[Constructor; N]` of the combinators in `range`, whose ops start at
/// `first_op`: a row each, after a comment with its schema line.
fn combinator_table(
    o: &mut String,
    s: &Shape<'_>,
    doc: &str,
    name: &str,
    range: Range<usize>,
    first_op: usize,
) {
    let layer = s.layer;
    Table {
        doc,
        name,
        elem: "Constructor",
        len: range.len(),
        as_written: true,
    }
    .write(o, |o| {
        let mut ops_start = first_op;
        for c in &layer.combinators[range] {
            let ty = match c.ty {
                Some(t) => format!("ty::{}", layer.types[usize::from(t)].const_name),
                None => "NO_TYPE".to_string(),
            };
            let _ = writeln!(o, "    // {} ({})", c.decl.text, c.decl.location());
            let _ = writeln!(
                o,
                "    Constructor {{ id: 0x{:08x}, ty: {ty}, ops_start: {ops_start}, ops_len: {}, flags: {} }},",
                c.id,
                c.fields.len(),
                flags_expr(c)
            );
            ops_start += c.fields.len();
        }
    });
}

/// `OPS`: the fields of the type constructors, a run per constructor. Read
/// by `schema::op` and `schema::ops_range` (the walker, the encoders, the
/// views' accessors) and, at compile time, by `schema::DECLARED_FLAGS`.
fn ops(o: &mut String, s: &Shape<'_>) {
    let doc = "The fields of every type constructor, in schema order, one run per\n\
               constructor (see [`Constructor::ops_start`]).";
    op_table(o, s, doc, "OPS", s.constructors.clone(), s.type_ops);
}

/// `FUNCTION_OPS`: the fields of the functions, a run per function. Read
/// by `schema::op` and `schema::ops_range` past `OPS.len()`, under the
/// `functions` feature.
fn function_ops(o: &mut String, s: &Shape<'_>) {
    let doc = "The fields of every function, in schema order, one run per function;\n\
               op `i` here is op `OPS.len() + i` of the layer.";
    let len = s.ops - s.type_ops;
    op_table(o, s, doc, "FUNCTION_OPS", s.functions.clone(), len);
}

/// An `[Op; len]` of the fields of the combinators in `range`: a comment
/// naming each combinator that has fields, then a row per field.
fn op_table(o: &mut String, s: &Shape<'_>, doc: &str, name: &str, range: Range<usize>, len: usize) {
    let layer = s.layer;
    Table {
        doc,
        name,
        elem: "Op",
        len,
        as_written: true,
    }
    .write(o, |o| {
        for c in &layer.combinators[range] {
            if c.fields.is_empty() {
                continue;
            }
            let _ = writeln!(o, "    // {}#{:08x}", c.decl.name, c.id);
            for f in &c.fields {
                let op = op_expr_at(layer, f, "");
                let _ = writeln!(o, "    {op}, // {}:{}", f.name, f.written);
            }
        }
    });
}

/// `TYPES`: a row per boxed type, its run of `TYPE_MEMBERS`. Read by
/// `schema::type_info` and `schema::type_members` (the tools, the tests).
fn types(o: &mut String, s: &Shape<'_>) {
    Table {
        doc: "Every boxed type that some constructor builds, ordered by name; its\n\
              constructors are a run of [`TYPE_MEMBERS`].",
        name: "TYPES",
        elem: "Type",
        len: s.layer.types.len(),
        as_written: true,
    }
    .write(o, |o| {
        let mut start = 0usize;
        for ty in &s.layer.types {
            let _ = writeln!(
                o,
                "    Type {{ members_start: {start}, members_len: {} }}, // {} ({})",
                ty.members.len(),
                ty.name,
                ty.const_name
            );
            start += ty.members.len();
        }
    });
}

/// `TYPE_MEMBERS`: the constructors of each type, a line per type. Read by
/// `schema::type_members`.
fn type_members(o: &mut String, s: &Shape<'_>) {
    Table {
        doc: "The constructors (indices into [`CONSTRUCTORS`]) of each type, one\n\
              run per type (see [`Type::members_start`]), each run ascending.",
        name: "TYPE_MEMBERS",
        elem: "CtorIndex",
        len: s.members,
        as_written: true,
    }
    .write(o, |o| {
        for ty in &s.layer.types {
            let members: Vec<String> = ty
                .members
                .iter()
                .map(|m| format!("CtorIndex({m}),"))
                .collect();
            let _ = writeln!(o, "    {} // {}", members.join(" "), ty.name);
        }
    });
}

/// `pub mod id`: a constant per combinator id, by name. Read wherever the
/// library or its users name a constructor (`id::UPDATE_SHORT_MESSAGE`),
/// and by the views and validators.
fn id_consts(o: &mut String, s: &Shape<'_>) {
    let mut by_name: Vec<&Combinator> = s.layer.combinators.iter().collect();
    by_name.sort_by(|a, b| a.const_name.cmp(&b.const_name));
    const_module(
        o,
        "The id of every combinator, by its TL name in SCREAMING_SNAKE_CASE\n\
         (`contacts.acceptContact` is [`id::CONTACTS_ACCEPT_CONTACT`]). A name\n\
         of the MTProto schema that the API also has gets an `MT_` prefix.",
        "id",
        "u32",
        by_name.into_iter().map(|c| {
            let id = format!("0x{:08x}", c.id);
            (c.decl.name.as_str(), c.const_name.as_str(), id)
        }),
    );
}

/// `pub mod ty`: a constant per type index into `TYPES`, by name. Read by
/// the `CONSTRUCTORS` and `OPS` rows (`ty: ty::UPDATES`), the views and the
/// library's code that checks a type (`schema::ty::UPDATES`).
fn ty_consts(o: &mut String, s: &Shape<'_>) {
    const_module(
        o,
        "The index into [`TYPES`] of every type, by its TL name in\n\
         SCREAMING_SNAKE_CASE (`messages.Messages` is [`ty::MESSAGES_MESSAGES`]).\n\
         A name of the MTProto schema that the API also has gets an `MT_` prefix.",
        "ty",
        "super::TypeIndex",
        s.layer.types.iter().enumerate().map(|(i, ty)| {
            (
                ty.name.as_str(),
                ty.const_name.as_str(),
                format!("super::TypeIndex({i})"),
            )
        }),
    );
}

/// The pool of names and where each name is in it.
struct Pool {
    text: String,
}

impl Pool {
    /// Builds a pool holding every name: longest first, each name reusing any
    /// place it already occurs (as a whole or inside a longer name).
    fn new<'a>(names: impl Iterator<Item = &'a str>) -> Result<Pool, Error> {
        let mut all: Vec<&str> = names.collect();
        all.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        all.dedup();
        let mut text = String::new();
        for name in all {
            if name.len() > MAX_NAME {
                return Err(Error(format!(
                    "name `{name}` is longer than {MAX_NAME} bytes"
                )));
            }
            if !name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.')
            {
                return Err(Error(format!(
                    "name `{name}` has characters the pool does not take"
                )));
            }
            if !text.contains(name) {
                text.push_str(name);
            }
        }
        if text.len() >= MAX_POOL {
            return Err(Error(format!(
                "the name pool is {} bytes, over 16 MiB",
                text.len()
            )));
        }
        Ok(Pool { text })
    }

    /// `start << 8 | len` of a name in the pool.
    fn packed(&self, name: &str) -> u32 {
        let start = self.text.find(name).unwrap_or(0);
        ((start as u32) << 8) | name.len() as u32
    }
}

/// The name pool of `layer`, whose lookups (`constructor_name`, `type_name`,
/// `field_name`) are under `module` (`schema::`, `layer230::`).
fn emit_names(layer: &Layer, header: &str, module: &str) -> Result<String, Error> {
    let ctors = layer.combinators.iter().map(|c| c.decl.name.as_str());
    let types = layer.types.iter().map(|t| t.name.as_str());
    let fields = layer
        .combinators
        .iter()
        .flat_map(|c| c.fields.iter().map(|f| f.name.as_str()));
    let pool = Pool::new(ctors.chain(types).chain(fields))?;

    let mut o = header.to_string();
    let docs = format!(
        "The names of layer {}'s combinators, types and fields (the `names`\n\
         feature). Each name is a `start << 8 | len` slice of [`NAME_POOL`];\n\
         read them with `{module}constructor_name`, `type_name` and `field_name`.",
        layer.layer
    );
    comment(&mut o, "//!", &docs);
    o.push('\n');
    comment(
        &mut o,
        "///",
        "Every name, concatenated; a name that occurs inside another shares its bytes.",
    );
    o.push_str("pub static NAME_POOL: &str = concat!(\n");
    // Pieces of about 80 bytes (names are ASCII, so any cut is a char boundary).
    let bytes = pool.text.as_str();
    let mut at = 0;
    while at < bytes.len() {
        let end = (at + 80).min(bytes.len());
        let _ = writeln!(o, "\"{}\",", &bytes[at..end]);
        at = end;
    }
    o.push_str(");\n\n");

    // Bare numbers, reflowed by rustfmt.
    let list = |o: &mut String, doc: &str, name: &str, values: Vec<u32>| {
        Table {
            doc,
            name,
            elem: "u32",
            len: values.len(),
            as_written: false,
        }
        .write(o, |o| {
            for v in values {
                let _ = write!(o, "0x{v:x}, ");
            }
            o.push('\n');
        });
    };
    list(
        &mut o,
        "The name of each combinator, parallel to `CONSTRUCTORS`.",
        "CONSTRUCTOR_NAMES",
        layer
            .combinators
            .iter()
            .map(|c| pool.packed(&c.decl.name))
            .collect(),
    );
    list(
        &mut o,
        "The name of each type, parallel to `TYPES`.",
        "TYPE_NAMES",
        layer.types.iter().map(|t| pool.packed(&t.name)).collect(),
    );
    list(
        &mut o,
        "The name of each field, parallel to `OPS`.",
        "FIELD_NAMES",
        layer
            .combinators
            .iter()
            .flat_map(|c| c.fields.iter().map(|f| pool.packed(&f.name)))
            .collect(),
    );
    end_file(&mut o);
    Ok(o)
}

/// Formats Rust source with `rustfmt --edition 2021` (as `cargo fmt` would),
/// so the checked-in output passes `cargo fmt --check`.
pub fn rustfmt(source: &str) -> Result<String, Error> {
    let rustfmt = std::env::var_os("RUSTFMT").unwrap_or_else(|| "rustfmt".into());
    let mut child = Command::new(&rustfmt)
        .args(["--edition", "2021", "--emit", "stdout"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            Error(format!(
                "cannot run {} ({e}); the generator needs rustfmt \
                 (`rustup component add rustfmt`)",
                rustfmt.to_string_lossy()
            ))
        })?;
    // Write from another thread: rustfmt may fill its stdout before reading
    // all of its stdin.
    let mut stdin = child.stdin.take().ok_or_else(|| Error("no stdin".into()))?;
    let input = source.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child
        .wait_with_output()
        .map_err(|e| Error(format!("rustfmt: {e}")))?;
    match writer.join() {
        Ok(Ok(())) => {}
        Ok(Err(e)) => return Err(Error(format!("writing to rustfmt: {e}"))),
        Err(_) => return Err(Error("writing to rustfmt panicked".into())),
    }
    if !out.status.success() {
        return Err(Error(format!(
            "rustfmt failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        )));
    }
    String::from_utf8(out.stdout).map_err(|e| Error(format!("rustfmt output: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layer(text: &str) -> Layer {
        crate::layer::build(&[("s/t.tl".into(), format!("// LAYER 3\n{text}"))]).unwrap()
    }

    #[test]
    fn small_layer() {
        let l = layer(
            "boolTrue#997275b5 = Bool;\n\
             point x:int y:int = Point;\n\
             shape flags:# pts:vector<point> big:flags.2?true name:flags.3?string = Shape;\n\
             shape2 flags:# a:flags.0?true flags2:# b:flags2.5?int = Shape;\n\
             ---functions---\n\
             getShape id:long = Shape;\n\
             getShapes ids:Vector<long> = Vector<Shape>;",
        );
        let files = emit(&l, &crate::valid::Hot::default(), None).unwrap();
        assert_eq!(files[0].path, Path::new("schema").join("layer3.rs"));
        let t = &files[0].contents;
        assert!(t.starts_with(
            "// @generated by `cargo run -p tl --no-default-features -- gen schema/t.tl -o src`"
        ));
        assert!(t.contains("pub const LAYER: u32 = 3;"));
        assert!(t.contains("pub const FLAGS_WORDS: usize = 2;"));
        let point = l.index_of_name("point").unwrap();
        assert!(t.contains(&format!(
            "    Op::bare(CtorIndex({point})).bare_vector(), // pts:vector<point>\n"
        )));
        assert!(t.contains("    Op::new(Kind::True, 0).when(0, 2), // big:flags.2?true\n"));
        assert!(t.contains("    Op::new(Kind::String, 0).when(0, 3), // name:flags.3?string\n"));
        assert!(t.contains("    Op::second_flags(), // flags2:#\n"));
        assert!(t.contains("    Op::new(Kind::Int, 0).when_second(2, 5), // b:flags2.5?int\n"));
        assert!(t.contains("ty: ty::SHAPE, ops_start: "));
        assert!(t.contains("flags: CTOR_FUNCTION | CTOR_FIXED }"));
        assert!(t.contains("ty: NO_TYPE, "));
        assert!(t.contains("    /// `getShapes`\n    pub const GET_SHAPES: u32 = 0x"));
        assert!(t.contains(
            "    /// `Point`\n    pub const POINT: super::TypeIndex = super::TypeIndex(1);"
        ));
        assert!(!t.contains("CTOR_MTPROTO"));

        let n = &files[1].contents;
        assert!(n.contains("pub static FIELD_NAMES: [u32; 12] = ["));
        // `getShape` is inside `getShapes`: one copy in the pool.
        assert_eq!(n.matches("getShape").count(), 1);
    }

    #[test]
    fn pieces_write_what_the_sections_are_made_of() {
        let mut o = String::new();
        Table {
            doc: "Two\nlines.",
            name: "T",
            elem: "u8",
            len: 1,
            as_written: true,
        }
        .write(&mut o, |o| o.push_str("    1, // one\n"));
        assert_eq!(
            o,
            "/// Two\n/// lines.\n#[rustfmt::skip]\npub static T: [u8; 1] = [\n    1, // one\n];\n\n"
        );
        o.clear();
        let consts = [("boolTrue", "BOOL_TRUE", "0x997275b5".to_string())];
        const_module(&mut o, "Ids.", "id", "u32", consts.into_iter());
        assert_eq!(
            o,
            "/// Ids.\npub mod id {\n    /// `boolTrue`\n    pub const BOOL_TRUE: u32 = 0x997275b5;\n}\n\n"
        );
        o.clear();
        item(&mut o, "One.", "pub const X: u8 = 1;");
        comment(&mut o, "//!", "a\n\nb");
        end_file(&mut o);
        assert_eq!(o, "/// One.\npub const X: u8 = 1;\n\n//! a\n//!\n//! b\n");
    }

    #[test]
    fn pool_packing_and_limits() {
        let p = Pool::new(["ab", "abc", "bc", "x"].into_iter()).unwrap();
        assert_eq!(p.text, "abcx");
        assert_eq!(p.packed("bc"), 1 << 8 | 2);
        assert_eq!(p.packed("x"), 3 << 8 | 1);
        let long = "a".repeat(256);
        assert!(Pool::new([long.as_str()].into_iter()).is_err());
        assert!(Pool::new(["a\"b"].into_iter()).is_err());
    }
}
