//! Writes `tlview::schema::errors` (`src/schema/errors.rs`): the RPC errors
//! of the API, typed, from a vendored error list (`schema/errors/raw-errors.json`,
//! the `raw-errors.json` of the npm package `@mtcute/tl`), and the errors each
//! function of the layer can return.
//!
//! The list's format: `{"errors": {NAME: {"code", "name", "description",
//! "_paramNames"}}, "throws": {METHOD: [NAME, …]}, …}`. A name holds at most
//! one `%d`, the number its message carries (`FLOOD_WAIT_%d`: the server
//! sends `FLOOD_WAIT_42`); tlview spells it `X` (`FLOOD_WAIT_X`), as the
//! API's documentation does. A METHOD is a schema name or a decimal id (the
//! list names two functions by id).
//!
//! What the library does with the tables (parsing a message, the lookups)
//! is written by hand in `tlview/src/schema/rpc_errors.rs`; this file only
//! writes the data and the two enums.

use core::fmt::Write as _;
use std::collections::BTreeMap;

use crate::gen::Error;
use crate::layer::{Input, Layer, Scope};
use crate::rustify;

/// One error of the list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RpcError {
    /// Its name as the list writes it (`FLOOD_WAIT_%d`).
    pub raw: String,
    /// Its name as tlview writes it (`FLOOD_WAIT_X`).
    pub name: String,
    /// Its error code (400, 420, -503, …).
    pub code: i16,
    /// What the list says it means (empty when it says nothing).
    pub description: String,
    /// Where its number is: the byte offset of the `X` in [`RpcError::name`],
    /// and the name of the field that holds it (`seconds`).
    pub number: Option<(usize, String)>,
    /// Its variant in the generated enums (`FloodWait`).
    pub variant: String,
}

/// The list, read and checked.
#[derive(Clone, Debug)]
pub struct ErrorList {
    /// Every error, in byte order of [`RpcError::name`] (the order the
    /// library searches).
    pub errors: Vec<RpcError>,
    /// The list's methods (a name or a decimal id), in byte order, and their
    /// errors' raw names, in the list's order.
    pub throws: Vec<(String, Vec<String>)>,
    /// The file, as the generated header records it.
    pub input: Input,
}

/// The project's corrections to the list's per-method errors.
#[derive(Clone, Debug, Default)]
pub struct Overrides {
    /// Method name → the errors that replace the list's (raw names).
    pub methods: Vec<(String, Vec<String>)>,
    /// The file, as the generated header records it.
    pub input: Option<Input>,
}

/// The errors and overrides files, read together: what `tl gen --errors`
/// needs.
#[derive(Clone, Debug)]
pub struct Errors {
    /// The list.
    pub list: ErrorList,
    /// The corrections.
    pub overrides: Overrides,
}

fn input(file: &str, text: &str) -> Input {
    let name = std::path::Path::new(file)
        .file_name()
        .map_or(file.to_string(), |n| n.to_string_lossy().into_owned());
    Input {
        name,
        path: file.to_string(),
        len: text.len(),
        crc32: crc32fast::hash(text.as_bytes()),
    }
}

/// Reads the error list (`raw-errors.json`). Refuses what the generated
/// code could not represent: a name with more than one `%d` or another `%`,
/// a code outside `i16`, two names that give the same name or variant.
pub fn parse_list(file: &str, text: &str) -> Result<ErrorList, Error> {
    let err = |m: String| Error(format!("{file}: {m}"));
    let root: serde_json::Value =
        serde_json::from_str(text).map_err(|e| err(format!("invalid JSON: {e}")))?;
    let errors = root
        .get("errors")
        .and_then(|e| e.as_object())
        .ok_or_else(|| err("no \"errors\" object".into()))?;
    let mut out: Vec<RpcError> = Vec::with_capacity(errors.len());
    for (key, e) in errors {
        let what = |m: &str| err(format!("error `{key}`: {m}"));
        if e.get("name").and_then(|n| n.as_str()) != Some(key.as_str()) {
            return Err(what("its \"name\" is not its key"));
        }
        let code = e
            .get("code")
            .and_then(|c| c.as_i64())
            .and_then(|c| i16::try_from(c).ok())
            .ok_or_else(|| what("no \"code\" in the range of i16"))?;
        let description = match e.get("description") {
            None => String::new(),
            Some(d) => d
                .as_str()
                .ok_or_else(|| what("\"description\" is not a string"))?
                .to_string(),
        };
        if key.is_empty() || !key.is_ascii() || key.chars().any(|c| c.is_ascii_control()) {
            return Err(what("a name must be printable ASCII"));
        }
        let at = key.find("%d");
        if key.matches('%').count() != usize::from(at.is_some()) {
            return Err(what("a name holds at most one `%d` and no other `%`"));
        }
        let params: Vec<&str> = match e.get("_paramNames") {
            None => Vec::new(),
            Some(p) => p
                .as_array()
                .and_then(|a| a.iter().map(|s| s.as_str()).collect::<Option<Vec<_>>>())
                .ok_or_else(|| what("\"_paramNames\" is not a list of strings"))?,
        };
        if params.len() > usize::from(at.is_some()) {
            return Err(what("more \"_paramNames\" than numbers in the name"));
        }
        let number = at.map(|at| (at, rustify::error_field(params.first().copied())));
        out.push(RpcError {
            raw: key.clone(),
            name: key.replace("%d", "X"),
            code,
            description,
            number,
            variant: rustify::error_variant(key),
        });
    }
    if out.is_empty() {
        return Err(err("the list has no errors".into()));
    }
    // A numbered error whose variant is a listed one's (`EMAIL_UNCONFIRMED_%d`
    // beside `EMAIL_UNCONFIRMED`) keeps its X: `EmailUnconfirmedX`.
    let literal: Vec<String> = out
        .iter()
        .filter(|e| e.number.is_none())
        .map(|e| e.variant.clone())
        .collect();
    for e in &mut out {
        if e.number.is_some() && literal.contains(&e.variant) {
            e.variant = rustify::error_variant(&e.name);
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    let mut names = BTreeMap::new();
    let mut variants = BTreeMap::new();
    for e in &out {
        if let Some(other) = names.insert(e.name.as_str(), e.raw.as_str()) {
            return Err(err(format!(
                "`{other}` and `{}` are both `{}`",
                e.raw, e.name
            )));
        }
        if e.variant == "Unknown" || e.variant.is_empty() {
            return Err(err(format!("`{}` has no variant name of its own", e.raw)));
        }
        if let Some(other) = variants.insert(e.variant.as_str(), e.raw.as_str()) {
            return Err(err(format!(
                "`{other}` and `{}` are both the variant `{}`",
                e.raw, e.variant
            )));
        }
    }
    let throws = root
        .get("throws")
        .and_then(|t| t.as_object())
        .ok_or_else(|| err("no \"throws\" object".into()))?;
    let mut methods = Vec::with_capacity(throws.len());
    for (method, list) in throws {
        let list = list
            .as_array()
            .and_then(|a| a.iter().map(|s| s.as_str()).collect::<Option<Vec<_>>>())
            .ok_or_else(|| err(format!("throws `{method}`: not a list of names")))?;
        for name in &list {
            if !errors.contains_key(*name) {
                return Err(err(format!(
                    "throws `{method}`: `{name}` is not an error of the list"
                )));
            }
        }
        methods.push((method.clone(), list.iter().map(|s| s.to_string()).collect()));
    }
    // In byte order of the methods, whatever order the JSON map keeps.
    methods.sort();
    Ok(ErrorList {
        errors: out,
        throws: methods,
        input: input(file, text),
    })
}

/// Reads the overrides: one method a line, its schema name then the raw
/// names of its errors; `#` starts a comment.
pub fn parse_overrides(file: &str, text: &str) -> Result<Overrides, Error> {
    let mut methods = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("");
        let mut words = line.split_whitespace();
        let Some(method) = words.next() else {
            continue;
        };
        let errors: Vec<String> = words.map(str::to_string).collect();
        if errors.is_empty() {
            return Err(Error(format!(
                "{file}:{}: `{method}` without errors",
                n + 1
            )));
        }
        methods.push((method.to_string(), errors));
    }
    Ok(Overrides {
        methods,
        input: Some(input(file, text)),
    })
}

/// Reads both files.
pub fn read(list: &std::path::Path, overrides: Option<&std::path::Path>) -> Result<Errors, Error> {
    let read = |p: &std::path::Path| {
        std::fs::read_to_string(p).map_err(|e| Error(format!("{}: {e}", p.display())))
    };
    let list = parse_list(&list.to_string_lossy(), &read(list)?)?;
    let overrides = match overrides {
        Some(p) => parse_overrides(&p.to_string_lossy(), &read(p)?)?,
        None => Overrides::default(),
    };
    Ok(Errors { list, overrides })
}

/// The combinators the list's methods are, with their errors (indices into
/// [`ErrorList::errors`]), by id; and the methods the layer does not have.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Methods {
    /// (combinator index in the layer, its errors), by id.
    pub mapped: Vec<(usize, Vec<usize>)>,
    /// The list's methods that are no function of the layer (nor an MTProto
    /// message a client sends), as the list writes them.
    pub ignored: Vec<String>,
    /// The methods whose list an override replaced.
    pub overridden: Vec<String>,
}

/// Matches the list's methods with the layer's combinators: a function of
/// the API or of MTProto by its schema name, or by its id where the list
/// gives a decimal id; an MTProto constructor a client sends (`msgs_ack`)
/// likewise. Two entries of one combinator are merged, in byte order of the
/// entries' keys (an id before a name); an override replaces its method's
/// errors.
pub fn methods(layer: &Layer, e: &Errors) -> Result<Methods, Error> {
    let index_of = |raw: &str| -> usize {
        // Present: every name the list throws was checked against its errors.
        e.list
            .errors
            .iter()
            .position(|x| x.raw == raw)
            .unwrap_or(usize::MAX)
    };
    let find = |method: &str| -> Option<usize> {
        let i = match method.parse::<i64>() {
            Ok(id) => {
                let id = u32::try_from(id & 0xffff_ffff).ok()?;
                layer.combinators.iter().position(|c| c.id == id)?
            }
            Err(_) => layer.index_of_name(method)?,
        };
        let c = &layer.combinators[i];
        (c.is_function() || c.scope == Scope::MtProto).then_some(i)
    };
    let mut by_index: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let mut ignored = Vec::new();
    for (method, names) in &e.list.throws {
        match find(method) {
            Some(i) => {
                let errors = by_index.entry(i).or_default();
                for n in names {
                    let x = index_of(n);
                    if !errors.contains(&x) {
                        errors.push(x);
                    }
                }
            }
            None => ignored.push(method.clone()),
        }
    }
    let mut overridden = Vec::new();
    for (method, names) in &e.overrides.methods {
        let Some(i) = find(method) else {
            return Err(Error(format!(
                "overrides: `{method}` is no function of the layer"
            )));
        };
        let mut errors = Vec::new();
        for n in names {
            match e.list.errors.iter().position(|x| &x.raw == n) {
                Some(x) => errors.push(x),
                None => {
                    return Err(Error(format!(
                        "overrides: `{method}`: `{n}` is not an error of the list"
                    )))
                }
            }
        }
        by_index.insert(i, errors);
        overridden.push(method.clone());
    }
    let mut mapped: Vec<(usize, Vec<usize>)> = by_index.into_iter().collect();
    mapped.sort_by_key(|(i, _)| layer.combinators[*i].id);
    ignored.sort();
    Ok(Methods {
        mapped,
        ignored,
        overridden,
    })
}

/// The list's text for a doc comment: a Markdown link `[text](url)` is
/// its text alone (the list's links are partly relative to the API's
/// documentation site), a bare URL is an autolink `<url>` (a final `.` left
/// outside), and what else Markdown would read (emphasis, HTML, brackets) is
/// escaped, so that the text shows as written.
fn doc_text(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    let mut rest = s;
    while !rest.is_empty() {
        // `[text](url)`: the text.
        if let Some(after) = rest.strip_prefix('[') {
            if let Some((text, tail)) = after.split_once("](") {
                if let Some((_url, tail)) = tail.split_once(')') {
                    if !text.contains('[') {
                        o.push_str(&escape(text));
                        rest = tail;
                        continue;
                    }
                }
            }
        }
        // A bare URL, to the next space.
        if rest.starts_with("https://") || rest.starts_with("http://") {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let url = rest[..end].trim_end_matches('.');
            o.push('<');
            o.push_str(url);
            o.push('>');
            rest = &rest[url.len()..];
            continue;
        }
        let c = rest.chars().next().unwrap_or(' ');
        o.push_str(&escape(&c.to_string()));
        rest = &rest[c.len_utf8()..];
    }
    o
}

/// `text` with what Markdown would read escaped.
fn escape(text: &str) -> String {
    let mut o = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\`*_[]<>#|".contains(c) {
            o.push('\\');
        }
        o.push(c);
    }
    o
}

/// An error's one-line doc: `` `FLOOD_WAIT_X` (420): A wait of X seconds… ``.
fn error_doc(e: &RpcError) -> String {
    let d = e.description.replace("%d", "X");
    if d.is_empty() {
        format!("`{}` ({}); the list gives no description.", e.name, e.code)
    } else {
        format!("`{}` ({}): {}", e.name, e.code, doc_text(&d))
    }
}

/// A Rust string literal of ASCII text.
fn literal(s: &str) -> String {
    format!("{s:?}")
}

/// `src/schema/errors.rs`, not yet formatted.
pub fn emit(layer: &Layer, e: &Errors, header: &str) -> Result<String, Error> {
    let list = &e.list;
    let n = list.errors.len();
    let m = methods(layer, e)?;
    let numbered: Vec<&RpcError> = list.errors.iter().filter(|x| x.number.is_some()).collect();
    let name_pool: usize = list.errors.iter().map(|x| x.name.len()).sum();
    let description_pool: usize = list.errors.iter().map(|x| x.description.len()).sum();
    let method_errors: usize = m.mapped.iter().map(|(_, x)| x.len()).sum();
    for (what, len) in [
        ("names", name_pool),
        ("descriptions", description_pool),
        ("method errors", method_errors),
        ("errors", n),
    ] {
        if len > usize::from(u16::MAX) {
            return Err(Error(format!(
                "{len} bytes of {what}: more than u16 offsets address"
            )));
        }
    }
    if numbered
        .iter()
        .any(|x| x.number.as_ref().is_some_and(|(at, _)| *at > 255))
    {
        return Err(Error("a number's offset in its name is past 255".into()));
    }

    let mut o = String::new();
    o.push_str(header);
    let _ = writeln!(
        o,
        "//! The RPC errors of the API, as data: {n} errors ({} with a number in\n\
         //! their message), and the errors of {} combinators of layer {}. The\n\
         //! list is `schema/errors/{}` (see `schema/errors/README.md`: the npm\n\
         //! package `@mtcute/tl`, MIT); its {} methods that layer {} does not have\n\
         //! are left out (listed at the end of this file).\n\
         //!\n\
         //! Generated by `tl gen --errors`; what the library does with it is in\n\
         //! [`super::rpc_errors`].\n",
        numbered.len(),
        m.mapped.len(),
        layer.layer,
        list.input.name,
        m.ignored.len(),
        layer.layer,
    );
    o.push_str("use crate::string::TlStr;\n\nuse super::id;\n\n");

    // The fieldless enum.
    o.push_str(
        "/// Every error of the list, by name, without the number its message may\n\
         /// carry (`FLOOD_WAIT_X` is [`RpcErrorName::FloodWait`]). Its methods\n\
         /// (name, code, description) are in [`super::rpc_errors`].\n\
         #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]\n\
         #[repr(u16)]\npub enum RpcErrorName {\n",
    );
    for (i, x) in list.errors.iter().enumerate() {
        let _ = writeln!(o, "    /// {}\n    {} = {i},", error_doc(x), x.variant);
    }
    o.push_str("}\n\n");

    // The typed error.
    o.push_str(
        "/// A server's `rpc_error`, typed: an error of the list (with the number\n\
         /// its message carries), or any other, kept as the server sent it.\n\
         /// Built by [`RpcErrorKind::parse`] or from an\n\
         /// [`RpcError`](crate::mtproto::RpcError); see [`super::rpc_errors`].\n\
         ///\n\
         /// Its discriminant is its [`RpcErrorName`]'s, so that going from one to\n\
         /// the other is a copy of the tag rather than a jump table.\n\
         #[derive(Clone, Copy, PartialEq, Eq, Debug)]\n#[repr(u16)]\npub enum RpcErrorKind<'a> {\n",
    );
    for (i, x) in list.errors.iter().enumerate() {
        let _ = writeln!(o, "    /// {}", error_doc(x));
        match &x.number {
            Some((_, field)) => {
                let _ = writeln!(
                    o,
                    "    {} {{\n        /// The X of `{}`.\n        {field}: u32,\n    }} = {i},",
                    x.variant, x.name
                );
            }
            None => {
                let _ = writeln!(o, "    {} = {i},", x.variant);
            }
        }
    }
    o.push_str(
        "    /// An error the list does not have, or one whose code is not the\n\
         /// list's, or whose number is not a plain decimal `u32`: the code and the\n\
         /// message as the server sent them.\n\
         Unknown {\n\
         /// The error code.\n\
         code: i32,\n\
         /// The message, borrowed from the input.\n\
         message: TlStr<'a>,\n\
         } = u16::MAX,\n}\n\n",
    );

    // ALL.
    let _ = writeln!(
        o,
        "impl RpcErrorName {{\n\
         /// How many errors the list has.\n\
         pub const COUNT: usize = {n};\n\n\
         /// Every error of the list, in byte order of their names.\n\
         pub const ALL: [RpcErrorName; {n}] = ["
    );
    for x in &list.errors {
        let _ = writeln!(o, "RpcErrorName::{},", x.variant);
    }
    o.push_str("];\n}\n\n");

    // The pools.
    // A pool of texts and where each starts, both under `cfg` (an attribute
    // line, or nothing).
    let pool = |o: &mut String,
                cfg: &str,
                doc: &str,
                name: &str,
                text: &dyn Fn(&RpcError) -> &str| {
        let _ = writeln!(
            o,
            "/// {doc}\n{cfg}#[rustfmt::skip]\npub(crate) static {name}_POOL: &str = concat!("
        );
        for x in &list.errors {
            let _ = writeln!(o, "    {},", literal(text(x)));
        }
        o.push_str(");\n\n");
        let _ = writeln!(
            o,
            "/// Where each error's text starts in [`{name}_POOL`]; it ends where the next starts.\n\
             {cfg}#[rustfmt::skip]\npub(crate) static {name}_STARTS: [u16; {}] = [",
            n + 1
        );
        let mut at = 0usize;
        for x in &list.errors {
            let _ = writeln!(o, "    {at},");
            at += text(x).len();
        }
        let _ = writeln!(o, "    {at},\n];\n");
    };
    pool(
        &mut o,
        "",
        "The errors' names (`FLOOD_WAIT_X`), end to end, in the order of [`RpcErrorName::ALL`].",
        "NAME",
        &|x| x.name.as_str(),
    );
    let _ = writeln!(
        o,
        "/// The errors' codes, in the order of [`RpcErrorName::ALL`].\n\
         #[rustfmt::skip]\npub(crate) static CODES: [i16; {n}] = ["
    );
    for x in &list.errors {
        let _ = writeln!(o, "    {}, // {}", x.code, x.name);
    }
    o.push_str("];\n\n");
    pool(
        &mut o,
        "#[cfg(feature = \"names\")]\n",
        "The errors' descriptions as the list gives them (`%d` where the number goes), end to end, \
         in the order of [`RpcErrorName::ALL`].",
        "DESCRIPTION",
        &|x| x.description.as_str(),
    );

    let _ = writeln!(
        o,
        "/// The errors with a number: the error, the byte offset of the `X` in its\n\
         /// name, and the name of the field that holds the number.\n\
         #[rustfmt::skip]\npub(crate) static NUMBERED: [(RpcErrorName, u8, &str); {}] = [",
        numbered.len()
    );
    for x in &numbered {
        if let Some((at, field)) = &x.number {
            let _ = writeln!(
                o,
                "    (RpcErrorName::{}, {at}, {}),",
                x.variant,
                literal(field)
            );
        }
    }
    o.push_str("];\n\n");

    // The methods.
    let _ = writeln!(
        o,
        "/// The combinators whose errors the list gives, by id: the functions of\n\
         /// the layer and the MTProto messages a client sends.\n\
         #[rustfmt::skip]\npub(crate) static METHOD_IDS: [u32; {}] = [",
        m.mapped.len()
    );
    for (i, _) in &m.mapped {
        let c = &layer.combinators[*i];
        let _ = writeln!(o, "    id::{}, // #{:08x}", c.const_name, c.id);
    }
    o.push_str("];\n\n");
    let _ = writeln!(
        o,
        "/// Where each combinator's errors start in [`METHOD_ERRORS`]; they end\n\
         /// where the next one's start.\n\
         #[rustfmt::skip]\npub(crate) static METHOD_STARTS: [u16; {}] = [",
        m.mapped.len() + 1
    );
    let mut at = 0usize;
    for (i, errors) in &m.mapped {
        let _ = writeln!(o, "    {at}, // {}", layer.combinators[*i].decl.name);
        at += errors.len();
    }
    let _ = writeln!(o, "    {at},\n];\n");
    let _ = writeln!(
        o,
        "/// The errors of each combinator of [`METHOD_IDS`], in the list's order.\n\
         #[rustfmt::skip]\npub(crate) static METHOD_ERRORS: [RpcErrorName; {method_errors}] = ["
    );
    for (i, errors) in &m.mapped {
        let c = &layer.combinators[*i];
        let mark = if m.overridden.contains(&c.decl.name) {
            " (schema/errors/overrides.txt)"
        } else {
            ""
        };
        let _ = writeln!(o, "    // {}{mark}", c.decl.name);
        for x in errors {
            let _ = writeln!(o, "    RpcErrorName::{},", list.errors[*x].variant);
        }
    }
    o.push_str("];\n\n");

    // The conversions, a match each.
    o.push_str(
        "impl<'a> RpcErrorKind<'a> {\n\
         /// The typed error of a listed error and its number (ignored when its\n\
         /// message has none).\n\
         pub(crate) fn listed(name: RpcErrorName, number: u32) -> RpcErrorKind<'a> {\n\
         match name {\n",
    );
    for x in &list.errors {
        match &x.number {
            Some((_, field)) => {
                let _ = writeln!(
                    o,
                    "RpcErrorName::{v} => RpcErrorKind::{v} {{ {field}: number }},",
                    v = x.variant
                );
            }
            None => {
                let _ = writeln!(o, "RpcErrorName::{v} => RpcErrorKind::{v},", v = x.variant);
            }
        }
    }
    o.push_str(
        "}\n}\n\n\
         /// Which error of the list it is (`None` for [`RpcErrorKind::Unknown`]).\n\
         pub fn known(&self) -> Option<RpcErrorName> {\n\
         Some(match self {\n",
    );
    for x in &list.errors {
        let pat = if x.number.is_some() { " { .. }" } else { "" };
        let _ = writeln!(
            o,
            "RpcErrorKind::{v}{pat} => RpcErrorName::{v},",
            v = x.variant
        );
    }
    o.push_str(
        "RpcErrorKind::Unknown { .. } => return None,\n})\n}\n\n\
         /// The number its message carries (`Some(42)` for `FLOOD_WAIT_42`);\n\
         /// `None` for an error without one.\n\
         pub fn number(&self) -> Option<u32> {\n\
         match self {\n",
    );
    for x in &numbered {
        if let Some((_, field)) = &x.number {
            let _ = writeln!(
                o,
                "RpcErrorKind::{} {{ {field} }} => Some(*{field}),",
                x.variant
            );
        }
    }
    o.push_str("_ => None,\n}\n}\n}\n\n");

    // What was left out.
    let _ = writeln!(
        o,
        "// The list's {} methods that are no combinator of layer {}:",
        m.ignored.len(),
        layer.layer
    );
    let mut line = String::from("//");
    for name in &m.ignored {
        if line.len() + name.len() > 96 {
            let _ = writeln!(o, "{line}");
            line = String::from("//");
        }
        line.push(' ');
        line.push_str(name);
    }
    let _ = writeln!(o, "{line}");
    Ok(o)
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIST: &str = r#"{
        "base": {"BAD_REQUEST": 400},
        "errors": {
            "FLOOD_WAIT_%d": {"code": 420, "name": "FLOOD_WAIT_%d", "description": "Wait %d s", "_paramNames": ["seconds"]},
            "EMAIL_UNCONFIRMED": {"code": 400, "name": "EMAIL_UNCONFIRMED", "description": "E"},
            "EMAIL_UNCONFIRMED_%d": {"code": 400, "name": "EMAIL_UNCONFIRMED_%d", "description": "E %d", "_paramNames": ["code_length"]},
            "FILE_PART_%d_MISSING": {"code": 400, "name": "FILE_PART_%d_MISSING", "_paramNames": ["which"]},
            "2FA_CONFIRM_WAIT_%d": {"code": 420, "name": "2FA_CONFIRM_WAIT_%d", "description": "", "_paramNames": ["seconds"]},
            "Invalid msgs_ack query": {"code": -500, "name": "Invalid msgs_ack query", "description": "x"},
            "USER_MIGRATE_%d": {"code": 303, "name": "USER_MIGRATE_%d", "description": "DC %d", "_paramNames": ["new_dc"]}
        },
        "throws": {"x.y": ["FLOOD_WAIT_%d"]},
        "userOnly": {}, "botOnly": {}
    }"#;

    #[test]
    fn names_variants_and_numbers() {
        let l = parse_list("raw-errors.json", LIST).unwrap();
        type Row<'a> = (&'a str, &'a str, Option<(usize, &'a str)>);
        let got: Vec<Row<'_>> = l
            .errors
            .iter()
            .map(|e| {
                (
                    e.name.as_str(),
                    e.variant.as_str(),
                    e.number.as_ref().map(|(at, f)| (*at, f.as_str())),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "2FA_CONFIRM_WAIT_X",
                    "TwoFaConfirmWait",
                    Some((17, "seconds"))
                ),
                ("EMAIL_UNCONFIRMED", "EmailUnconfirmed", None),
                (
                    "EMAIL_UNCONFIRMED_X",
                    "EmailUnconfirmedX",
                    Some((18, "code_length"))
                ),
                ("FILE_PART_X_MISSING", "FilePartMissing", Some((10, "part"))),
                ("FLOOD_WAIT_X", "FloodWait", Some((11, "seconds"))),
                ("Invalid msgs_ack query", "InvalidMsgsAckQuery", None),
                ("USER_MIGRATE_X", "UserMigrate", Some((13, "dc"))),
            ]
        );
        assert_eq!(l.errors[0].code, 420);
        assert_eq!(l.errors[5].code, -500);
        assert_eq!(l.errors[3].description, "");
        assert_eq!(
            l.throws,
            [("x.y".to_string(), vec!["FLOOD_WAIT_%d".to_string()])]
        );
        assert_eq!(l.input.name, "raw-errors.json");
    }

    #[test]
    fn refuses_what_it_cannot_represent() {
        let one = |name: &str, extra: &str| {
            format!(
                r#"{{"errors": {{"{name}": {{"code": 400, "name": "{name}"{extra}}}}}, "throws": {{}}}}"#
            )
        };
        let e = |text: &str| parse_list("f", text).unwrap_err().0;
        assert!(e(&one("A_%d_%d", "")).contains("at most one `%d`"));
        assert!(e(&one("A_%s", "")).contains("at most one `%d`"));
        assert!(e(&one("A", r#", "code": 40000"#)).contains("i16"));
        assert!(e(&one("A", r#", "_paramNames": ["x"]"#)).contains("_paramNames"));
        assert!(
            e(r#"{"errors": {"A": {"code": 400, "name": "B"}}, "throws": {}}"#)
                .contains("not its key")
        );
        assert!(e(r#"{"errors": {"A_B": {"code": 400, "name": "A_B"}, "a b": {"code": 400, "name": "a b"}}, "throws": {}}"#)
            .contains("both the variant `AB`"));
        assert!(
            e(r#"{"errors": {"UNKNOWN": {"code": 400, "name": "UNKNOWN"}}, "throws": {}}"#)
                .contains("no variant name")
        );
        assert!(
            e(r#"{"errors": {"A": {"code": 400, "name": "A"}}, "throws": {"m": ["B"]}}"#)
                .contains("`B` is not an error of the list")
        );
        assert!(e("{").contains("invalid JSON"));
    }

    #[test]
    fn overrides_read_one_method_a_line() {
        let o = parse_overrides("o.txt", "# c\n\nm.a X Y # why\n").unwrap();
        assert_eq!(o.methods, [("m.a".into(), vec!["X".into(), "Y".into()])]);
        assert!(parse_overrides("o.txt", "m.a\n")
            .unwrap_err()
            .0
            .contains("o.txt:1"));
    }

    #[test]
    fn methods_by_name_or_id_merged_and_overridden() {
        let layer = crate::layer::build(&[(
            "s/t.tl".into(),
            "// LAYER 3\nboolTrue#997275b5 = Bool;\n---functions---\n\
             a.f = Bool;\nb.g = Bool;\n"
                .into(),
        )])
        .unwrap();
        let f = layer.index_of_name("a.f").unwrap();
        let errors = |throws: &str| -> Errors {
            let text = format!(
                r#"{{"errors": {{"X": {{"code": 400, "name": "X"}}, "Y": {{"code": 400, "name": "Y"}}}},
                    "throws": {throws}}}"#
            );
            Errors {
                list: parse_list("l.json", &text).unwrap(),
                overrides: Overrides::default(),
            }
        };
        // By name and by its id in (signed) decimal: merged, the id's first.
        let id = layer.combinators[f].id as i32;
        let e = errors(&format!(
            r#"{{"a.f": ["X"], "{id}": ["Y", "X"], "c.h": ["X"], "boolTrue": ["X"]}}"#
        ));
        let m = methods(&layer, &e).unwrap();
        assert_eq!(m.mapped, [(f, vec![1, 0])]);
        assert_eq!(m.ignored, ["boolTrue", "c.h"]);
        // An override replaces a method's errors, or gives some to another.
        let mut e = e;
        e.overrides = parse_overrides("o.txt", "a.f Y\nb.g X\n").unwrap();
        let m = methods(&layer, &e).unwrap();
        let g = layer.index_of_name("b.g").unwrap();
        let mut expected = vec![(f, vec![1]), (g, vec![0])];
        expected.sort_by_key(|(i, _)| layer.combinators[*i].id);
        assert_eq!(m.mapped, expected);
        assert_eq!(m.overridden, ["a.f", "b.g"]);
        e.overrides = parse_overrides("o.txt", "c.h X\n").unwrap();
        assert!(methods(&layer, &e)
            .unwrap_err()
            .0
            .contains("`c.h` is no function"));
        e.overrides = parse_overrides("o.txt", "a.f Z\n").unwrap();
        assert!(methods(&layer, &e)
            .unwrap_err()
            .0
            .contains("`Z` is not an error"));
    }

    #[test]
    fn doc_text_escapes_markdown() {
        assert_eq!(
            doc_text("a [b_c](/c) <d> e_f [g]"),
            r"a b\_c \<d\> e\_f \[g\]"
        );
        assert_eq!(
            doc_text("on https://fragment.com. Or [here](https://x.y/z)."),
            "on <https://fragment.com>. Or here."
        );
    }
}
