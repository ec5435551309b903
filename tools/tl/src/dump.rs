//! Bytes → TL JSON: what `tl dump` prints.
//!
//! One boxed object is validated with tlview's walker and printed by its
//! dynamic view (`tlview::json::Json`), or, with [`DumpOptions::typed`],
//! each object's fields read by its generated typed view
//! (`tlview::view::TypedJson`): any constructor or function, never the
//! table. A `gzip_packed`
//! root, or the `gzip_packed` result of an `rpc_result` root, is printed as
//! the object it unpacks to (`shared/docs/tl-json.md`, "Wrapped messages").
//!
//! ```
//! use tltool::dump::{dump, DumpOptions};
//! let mut b = Vec::new();
//! for w in [0x78d4dec1u32, 0x1bfbd823, 5, 0xedb93949, 9, 7] {
//!     b.extend(w.to_le_bytes());
//! }
//! let out = dump(&b, &DumpOptions::default()).unwrap();
//! assert_eq!(
//!     out.text,
//!     r#"{"_":"updateShort","update":{"_":"updateUserStatus","user_id":5,"status":{"_":"userStatusOnline","expires":9}},"date":7}"#
//! );
//! b.push(0);
//! assert_eq!(
//!     dump(&b, &DumpOptions::default()).unwrap_err(),
//!     "1 trailing byte after a complete object at byte 24"
//! );
//! // An error inside a field names the path of fields to it.
//! b.truncate(22);
//! assert_eq!(
//!     dump(&b, &DumpOptions::default()).unwrap_err(),
//!     "date at byte 20: int runs past the end of input: needs 4 bytes, 2 left"
//! );
//! ```

use std::fmt::Write as _;

use crate::path::Seg;
use tlview::json::Json;
use tlview::mtproto::RpcResult;
use tlview::object::Object;
use tlview::schema::{self, id, Constructor, Kind, Repeat};
use tlview::view::TypedJson;
use tlview::walk::Expect;
use tlview::{Error, ErrorKind, Item, Layer, Limits, Reader};

/// The most bytes a `gzip_packed` may unpack to: 64 MiB.
pub const MAX_UNPACKED: usize = 64 << 20;

/// How many `gzip_packed` layers inside each other are unpacked at the root.
const MAX_GZIP_LAYERS: usize = 4;

/// What to dump and how.
#[derive(Clone, Copy, Debug)]
pub struct DumpOptions {
    /// What the root must be (`Expect::Any`: any boxed object).
    pub expect: Expect,
    /// Indent (as `tlview::json::Json`'s `{:#}` does).
    pub pretty: bool,
    /// Print through the generated typed views (any root, either layer).
    pub typed: bool,
    /// The layer to read the bytes in (`expect` holds its indices).
    pub layer: Layer,
}

impl Default for DumpOptions {
    fn default() -> DumpOptions {
        DumpOptions {
            expect: Expect::Any,
            pretty: false,
            typed: false,
            layer: Layer::L122,
        }
    }
}

/// A dump: the TL JSON text (no final newline) and notes on how it was made
/// (for `--verbose`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Dumped {
    /// The TL JSON.
    pub text: String,
    /// What was done on the way (unpacked gzip, typed view or not).
    pub notes: Vec<String>,
}

/// The limits `tl dump` validates under: the library's defaults, with
/// [`MAX_UNPACKED`] for gzip.
pub fn limits() -> Limits {
    Limits {
        max_unpacked: MAX_UNPACKED,
        ..Limits::DEFAULT
    }
}

/// Validates `input` as exactly one boxed object as `opts` says and prints
/// it as TL JSON. Errors are messages ready to print, with the path of fields
/// to the error (when it is inside a field) and the byte offset
/// (`update.status at byte 12: unknown constructor id #deadbeef`); see
/// [`error_path`].
pub fn dump(input: &[u8], opts: &DumpOptions) -> Result<Dumped, String> {
    let limits = limits();
    let mut notes = Vec::new();
    let mut unpacked: Option<Vec<u8>> = None;
    // Where the bytes being read came from, for error messages.
    let mut context = String::new();
    let mut layers = 0;
    loop {
        let bytes = unpacked.as_deref().unwrap_or(input);
        if Reader::new(bytes).peek_id() != Ok(id::GZIP_PACKED) {
            break;
        }
        if layers == MAX_GZIP_LAYERS {
            return Err(format!(
                "{context}more than {MAX_GZIP_LAYERS} gzip_packed inside each other"
            ));
        }
        let next = unpack_exact(bytes, &limits).map_err(|e| format!("{context}{e}"))?;
        notes.push(format!(
            "{context}unpacked gzip_packed: {} bytes to {}",
            bytes.len(),
            next.len()
        ));
        unpacked = Some(next);
        layers += 1;
        context = if layers == 1 {
            "in the data unpacked from gzip_packed: ".to_string()
        } else {
            format!("in the data unpacked from gzip_packed (layer {layers}): ")
        };
    }
    let bytes = unpacked.as_deref().unwrap_or(input);
    dump_plain(bytes, opts, &limits, &mut notes)
        .map(|text| Dumped { text, notes })
        .map_err(|e| format!("{context}{e}"))
}

/// Unpacks the `gzip_packed` that fills `bytes`.
fn unpack_exact(bytes: &[u8], limits: &Limits) -> Result<Vec<u8>, String> {
    let mut r = Reader::new(bytes);
    let mut buf = vec![0u8; limits.max_unpacked];
    let n = tlview::gzip::unpack_packed(&mut r, &mut buf, limits)
        .map_err(|e| error_text(&e))?
        .len();
    r.finish().map_err(|e| error_text(&e))?;
    buf.truncate(n);
    buf.shrink_to_fit();
    Ok(buf)
}

/// Whether `expect` allows a boxed object of constructor `c_id` of `layer`
/// at the root.
fn allows(layer: Layer, expect: Expect, c_id: u32) -> bool {
    match expect {
        Expect::Any => true,
        Expect::Type(t) => layer
            .constructor_by_id(c_id)
            .is_some_and(|c| c.ty == t && !c.is_function()),
        Expect::Bare(_) => false,
    }
}

/// Writes `obj` as TL JSON: by the table-driven printer, or (`typed`) each
/// object's fields read by its generated typed view.
fn json(obj: Object<'_>, pretty: bool, typed: bool) -> Result<String, String> {
    let mut s = String::new();
    let r = match (typed, pretty) {
        (false, false) => write!(s, "{}", Json(obj)),
        (false, true) => write!(s, "{:#}", Json(obj)),
        (true, false) => write!(s, "{}", TypedJson(obj)),
        (true, true) => write!(s, "{:#}", TypedJson(obj)),
    };
    r.map_err(|_| format!("could not print {} as TL JSON", obj.name()))?;
    Ok(s)
}

/// Dumps bytes that are not a `gzip_packed`.
fn dump_plain(
    bytes: &[u8],
    opts: &DumpOptions,
    limits: &Limits,
    notes: &mut Vec<String>,
) -> Result<String, String> {
    let layer = opts.layer;
    // An error with the path of fields to it.
    let placed = |bytes: &[u8], expect: Expect, e: Error| {
        error_text_at_in(
            layer,
            &e,
            error_path_in(layer, bytes, expect, limits, &e).as_deref(),
        )
    };
    let root = Reader::new(bytes)
        .peek_id()
        .map_err(|e| error_text_in(layer, &e))?;
    let root_name = Some(layer.name_of_id(root)).filter(|n| !n.is_empty());

    if root == id::RPC_RESULT && allows(layer, opts.expect, root) {
        let rr = RpcResult::decode(bytes).map_err(|e| placed(bytes, Expect::Any, e))?;
        if Reader::new(rr.result).peek_id() == Ok(id::GZIP_PACKED) {
            let unpacked = unpack_exact(rr.result, limits)
                .map_err(|e| format!("in rpc_result.result at byte {}: {e}", rr.result_offset))?;
            notes.push(format!(
                "unpacked rpc_result.result: gzip_packed of {} bytes to {}",
                rr.result.len(),
                unpacked.len()
            ));
            let inner = Object::decode_in(layer, &unpacked, Expect::Any, limits).map_err(|e| {
                format!(
                    "in the data unpacked from rpc_result.result's gzip_packed: {}",
                    placed(&unpacked, Expect::Any, e)
                )
            })?;
            let compact = format!(
                "{{\"_\":\"rpc_result\",\"req_msg_id\":\"{}\",\"result\":{}}}",
                rr.req_msg_id,
                json(inner, false, opts.typed)?
            );
            return Ok(if opts.pretty {
                reindent(&compact)
            } else {
                compact
            });
        }
    }

    let obj = Object::decode_in(layer, bytes, opts.expect, limits)
        .map_err(|e| placed(bytes, opts.expect, e))?;
    if opts.typed {
        notes.push(format!(
            "printed {} through the typed views",
            root_name.unwrap_or("the root")
        ));
    }
    json(obj, opts.pretty, opts.typed)
}

/// Indents compact TL JSON exactly as `tlview::json::Json`'s `{:#}` does:
/// each field and array element on its own line, two spaces per level, the
/// `"_"` key kept on the line of its `{`.
///
/// ```
/// let compact = r#"{"_":"a","x":[1,{"_":"b"}],"y":[]}"#;
/// assert_eq!(
///     tltool::dump::reindent(compact),
///     "{\"_\":\"a\",\n  \"x\": [\n    1,\n    {\"_\":\"b\"}\n  ],\n  \"y\": []\n}"
/// );
/// ```
pub fn reindent(compact: &str) -> String {
    /// An open object (whether a field after `"_"` was seen) or array
    /// (whether it has an element).
    enum Open {
        Object(bool),
        Array(bool),
    }
    fn newline(out: &mut String, depth: usize) {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    }
    let mut out = String::with_capacity(compact.len() * 2);
    let mut stack: Vec<Open> = Vec::new();
    let mut chars = compact.chars().peekable();
    let mut in_string = false;
    let mut escaped = false;
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' => {
                out.push(c);
                stack.push(Open::Object(false));
            }
            '[' => {
                out.push(c);
                let empty = chars.peek() == Some(&']');
                stack.push(Open::Array(!empty));
                if !empty {
                    newline(&mut out, stack.len());
                }
            }
            ',' => {
                out.push(c);
                if let Some(Open::Object(fields)) = stack.last_mut() {
                    *fields = true;
                }
                newline(&mut out, stack.len());
            }
            ':' => match stack.last() {
                Some(Open::Object(true)) => out.push_str(": "),
                _ => out.push(':'),
            },
            '}' | ']' => {
                let open = stack.pop();
                if matches!(open, Some(Open::Object(true)) | Some(Open::Array(true))) {
                    newline(&mut out, stack.len());
                }
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// An error of tlview's as `tl` says it: the library's sentence, with the
/// name of the constructor found where another type was expected.
///
/// ```
/// use tlview::{Error, ErrorKind};
/// let e = Error::new(ErrorKind::TrailingBytes { count: 1 }, 24);
/// assert_eq!(
///     tltool::dump::error_text(&e),
///     "1 trailing byte after a complete object at byte 24"
/// );
/// ```
pub fn error_text(e: &Error) -> String {
    error_text_in(Layer::L122, e)
}

/// [`error_text`] for an error found in `layer`, whose names it gives.
pub fn error_text_in(layer: Layer, e: &Error) -> String {
    format!(
        "{} at byte {}{}",
        kind_text(layer, e.kind()),
        e.offset(),
        kind_detail(e.kind())
    )
}

/// `error_text` with the field path in front, when there is one:
/// `updates[3].message.entities[0].length at byte 812: int runs past the end
/// of input: needs 4 bytes, 2 left`.
fn error_text_at_in(layer: Layer, e: &Error, path: Option<&str>) -> String {
    match path {
        Some(p) if !p.is_empty() => format!(
            "{p} at byte {}: {}{}",
            e.offset(),
            kind_text(layer, e.kind()),
            kind_detail(e.kind())
        ),
        _ => error_text_in(layer, e),
    }
}

/// "1 byte", "4 bytes".
fn bytes(n: u32) -> String {
    format!("{n} byte{}", if n == 1 { "" } else { "s" })
}

/// What went wrong in `layer`, without the place.
fn kind_text(layer: Layer, kind: ErrorKind) -> String {
    let wrong = |expected_type, found: u32| {
        let name = layer.type_name(expected_type);
        let found = match layer.name_of_id(found) {
            "" => format!("#{found:08x}"),
            n => format!("#{found:08x} ({n})"),
        };
        format!(
            "expected {} {name}, found constructor {found} of another type",
            crate::encode::article(name)
        )
    };
    match kind {
        ErrorKind::WrongType {
            expected_type,
            found,
        } => wrong(expected_type, found),
        ErrorKind::WrongTypeInLayer {
            layer: number,
            expected_type,
            found,
        } if u32::from(number) == layer.number() => wrong(expected_type, found),
        other => other.to_string(),
    }
}

/// The numbers after the place (`: needs 4 bytes, 2 left`), as tlview gives
/// them.
fn kind_detail(kind: ErrorKind) -> String {
    match kind {
        ErrorKind::UnexpectedEnd {
            needed, available, ..
        } => format!(": needs {}, {available} left", bytes(needed)),
        ErrorKind::SinkFull { needed, capacity } => {
            format!(": needs {}, room for {capacity}", bytes(needed))
        }
        _ => String::new(),
    }
}

/// The path of fields to where `error` happened in `bytes`, read as
/// `expect` (`updates[3].message.entities[0].length`; field names joined by
/// `.`, vector elements as `[i]`); `None` when the error is not inside a
/// field (the root's own id, bytes after the object) or cannot be placed.
///
/// tlview's walker keeps no path (it would cost every valid message), so
/// this reads the message again, field by field by the layer table, and
/// stops where reading fails. The path is given only when that reading
/// fails with the very error the walker reported, so it is never a guess.
///
/// ```
/// use tlview::walk::Expect;
/// use tlview::object::Object;
/// let mut b = Vec::new();
/// // updateShort { update: updateUserStatus { user_id: 5, status: <cut> } }
/// for w in [0x78d4dec1u32, 0x1bfbd823, 5] {
///     b.extend(w.to_le_bytes());
/// }
/// let limits = tltool::dump::limits();
/// let e = Object::decode_with(&b, Expect::Any, &limits).unwrap_err();
/// assert_eq!(
///     tltool::dump::error_path(&b, Expect::Any, &limits, &e).as_deref(),
///     Some("update.status")
/// );
/// ```
pub fn error_path(bytes: &[u8], expect: Expect, limits: &Limits, error: &Error) -> Option<String> {
    error_path_in(Layer::L122, bytes, expect, limits, error)
}

/// [`error_path`] for bytes read in `layer`.
pub fn error_path_in(
    layer: Layer,
    bytes: &[u8],
    expect: Expect,
    limits: &Limits,
    error: &Error,
) -> Option<String> {
    match trace(layer, bytes, expect, limits) {
        Err((e, path)) if e == *error && !path.is_empty() => Some(path),
        _ => None,
    }
}

/// Reads `bytes` as exactly one object of `expect` by the [`Tracer`]: the
/// first error and the path of fields to it.
fn trace(
    layer: Layer,
    bytes: &[u8],
    expect: Expect,
    limits: &Limits,
) -> Result<(), (Error, String)> {
    let mut t = Tracer {
        r: Reader::new(bytes),
        path: Vec::new(),
        max_depth: limits.max_depth.min(Limits::MAX_DEPTH),
        layer,
    };
    match t.root(expect).and_then(|()| t.r.finish()) {
        Ok(()) => Ok(()),
        Err(e) => Err((e, t.path_string())),
    }
}

/// Reads a message by the layer table as tlview's walker does (the same
/// checks in the same order, so the same first error), keeping the path of
/// fields it is in. It recurses once per nesting level, at most
/// `Limits::MAX_DEPTH` (128) deep.
struct Tracer<'a> {
    r: Reader<'a>,
    /// Where the reader is; on an error, where the error is.
    path: Vec<Seg<'static>>,
    max_depth: u32,
    layer: Layer,
}

impl<'a> Tracer<'a> {
    fn path_string(&self) -> String {
        crate::path::text(&self.path)
    }

    fn root(&mut self, expect: Expect) -> tlview::Result<()> {
        if self.max_depth == 0 {
            return Err(self.r.error(ErrorKind::DepthLimit { limit: 0 }));
        }
        let c = match expect {
            Expect::Type(t) => self.header(Kind::Boxed, t.0)?,
            Expect::Bare(c) => self.header(Kind::Bare, c.0)?,
            Expect::Any => self.header(Kind::AnyBoxed, 0)?,
        };
        self.fields(c, 0)
    }

    /// The constructor of an object of `kind` (`Boxed`, `Bare`, `AnyBoxed`),
    /// checked as the walker checks it.
    fn header(&mut self, kind: Kind, arg: u16) -> tlview::Result<&'static Constructor> {
        self.layer
            .read_header(&mut self.r, kind, arg)
            .map(|(_, c)| c)
    }

    /// A nested object at nesting `level` (the root's fields hold level 1).
    fn object(&mut self, kind: Kind, arg: u16, level: u32) -> tlview::Result<()> {
        let at = self.r.offset();
        let c = self.header(kind, arg)?;
        if level >= self.max_depth {
            return Err(Error::new(
                ErrorKind::DepthLimit {
                    limit: self.max_depth,
                },
                at,
            ));
        }
        self.fields(c, level)
    }

    /// The fields of an object of constructor `c` at nesting `level`.
    fn fields(&mut self, c: &'static Constructor, level: u32) -> tlview::Result<()> {
        let ops = self.layer.ops(c);
        let base = usize::from(c.ops_start);
        let mut flags = 0u64;
        let mut last_int = 0i32;
        for (i, &op) in ops.iter().enumerate() {
            if let Some(place) = op.flag_place() {
                if flags >> place & 1 == 0 {
                    continue;
                }
            }
            self.path.push(Seg::Field(self.layer.field_name(base + i)));
            let kind = op.kind();
            match op.repeat() {
                Repeat::One => match kind {
                    Kind::Flags => {
                        let later = ops.get(i + 1..).unwrap_or(&[]);
                        let word = op.flags_word();
                        let value = tlview::walk::read_flags_word(&mut self.r, word, later)?;
                        flags = schema::with_flags_word(flags, word, value);
                    }
                    Kind::Int => last_int = self.r.read_int()?,
                    Kind::SizedObject => self.sized(last_int, level)?,
                    k if is_object(k) => self.object(k, op.arg(), level + 1)?,
                    k => self.primitive(k)?,
                },
                Repeat::BoxedVector | Repeat::BareVector => {
                    let min = match kind {
                        Kind::Bare => 1,
                        k => k.min_size(),
                    };
                    let count = if op.repeat() == Repeat::BoxedVector {
                        self.r.read_vector_len(min)?
                    } else {
                        self.r.read_bare_vector_len(min)?
                    };
                    if let Some(size) = kind.fixed_size() {
                        let n = usize::try_from(count)
                            .ok()
                            .and_then(|c| c.checked_mul(size))
                            .unwrap_or(usize::MAX);
                        self.r.skip(n, Item::VectorElements)?;
                    } else {
                        for j in 0..count {
                            self.path.push(Seg::Index(j as usize));
                            if is_object(kind) {
                                self.object(kind, op.arg(), level + 1)?;
                            } else {
                                self.primitive(kind)?;
                            }
                            self.path.pop();
                        }
                    }
                }
            }
            self.path.pop();
        }
        Ok(())
    }

    /// The `body` of an MTProto `message`, which must fill the `size` bytes
    /// its `bytes` field declared.
    fn sized(&mut self, size: i32, level: u32) -> tlview::Result<()> {
        let len = usize::try_from(size)
            .map_err(|_| self.r.error(ErrorKind::InvalidLength { value: size }))?;
        let left = self.r.remaining();
        if len > left {
            return Err(self.r.error(ErrorKind::UnexpectedEnd {
                what: Item::Object,
                needed: u32::try_from(len).unwrap_or(u32::MAX),
                available: u32::try_from(left).unwrap_or(u32::MAX),
            }));
        }
        let start = self.r.offset();
        self.object(Kind::AnyBoxed, 0, level + 1)?;
        let used = self.r.offset() - start;
        if used != len {
            return Err(self.r.error(ErrorKind::LengthMismatch {
                declared: u32::try_from(len).unwrap_or(u32::MAX),
                actual: u32::try_from(used).unwrap_or(u32::MAX),
            }));
        }
        Ok(())
    }

    /// One value that is not an object, checked as the walker checks it.
    fn primitive(&mut self, kind: Kind) -> tlview::Result<()> {
        tlview::walk::skip_primitive(&mut self.r, kind)
    }
}

/// An object rather than a primitive.
fn is_object(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Boxed | Kind::Bare | Kind::AnyBoxed | Kind::SizedObject
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The committed messages: the reference ones and the sample.
    fn messages() -> Vec<(String, Vec<u8>)> {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data");
        let mut out = Vec::new();
        for name in [
            "short_chat_message",
            "short_message",
            "short_sent",
            "update_short",
            "updates_combined_10",
            "updates_50",
            "sample/updates",
        ] {
            let path = format!("{root}/{name}.bin");
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
            out.push((name.to_string(), bytes));
        }
        out
    }

    /// The tracer refuses exactly what the walker refuses, with the very
    /// same error, so `error_path` places every error inside a field.
    fn agrees(name: &str, bytes: &[u8], limits: &Limits) -> bool {
        let walker = Object::decode_with(bytes, Expect::Any, limits).map(|_| ());
        let traced = trace(Layer::L122, bytes, Expect::Any, limits);
        match (walker, traced) {
            (Ok(()), Ok(())) => false,
            (Err(w), Err((t, path))) => {
                assert_eq!(w, t, "{name}: at {path}");
                // Only the root's id and bytes after the object are outside
                // every field.
                if path.is_empty() {
                    assert!(
                        w.offset() == 0 || matches!(w.kind(), ErrorKind::TrailingBytes { .. }),
                        "{name}: {w}"
                    );
                }
                true
            }
            (w, t) => panic!("{name}: the walker says {w:?}, the tracer {t:?}"),
        }
    }

    #[test]
    fn tracer_agrees_with_the_walker_on_truncations() {
        let limits = limits();
        for (name, bytes) in messages() {
            assert!(!agrees(&name, &bytes, &limits));
            // updates_50 is long: every 7th cut (and the last few).
            let step = if bytes.len() > 4000 { 7 } else { 1 };
            for cut in (0..bytes.len())
                .step_by(step)
                .chain(bytes.len() - 3..bytes.len())
            {
                assert!(agrees(&format!("{name}[..{cut}]"), &bytes[..cut], &limits));
            }
        }
    }

    #[test]
    fn tracer_agrees_with_the_walker_on_mutations() {
        let limits = limits();
        let mut refused = 0;
        for (name, bytes) in messages() {
            let step = if bytes.len() > 4000 { 11 } else { 1 };
            for at in (0..bytes.len()).step_by(step) {
                for x in [0x01, 0x80, 0xff] {
                    let mut b = bytes.clone();
                    b[at] ^= x;
                    refused += usize::from(agrees(&format!("{name}@{at}^{x:#x}"), &b, &limits));
                }
            }
        }
        assert!(refused > 1000, "{refused}");
    }

    #[test]
    fn depth_limit_is_placed() {
        // textBold chains (textBold#6724abc4 text:RichText) ending in
        // textEmpty#dc3d824f, nested past the limit.
        let limits = Limits {
            max_depth: 5,
            ..limits()
        };
        let mut b = Vec::new();
        for _ in 0..8 {
            b.extend(0x6724abc4u32.to_le_bytes());
        }
        b.extend(0xdc3d824fu32.to_le_bytes());
        let e = Object::decode_with(&b, Expect::Any, &limits).unwrap_err();
        assert!(
            matches!(e.kind(), ErrorKind::DepthLimit { limit: 5 }),
            "{e}"
        );
        assert_eq!(
            error_path(&b, Expect::Any, &limits, &e).as_deref(),
            Some("text.text.text.text.text")
        );
    }

    #[test]
    fn error_wording() {
        let e = Error::new(
            ErrorKind::WrongType {
                expected_type: schema::ty::UPDATES,
                found: id::UPDATE_SHORT,
            },
            8,
        );
        assert_eq!(
            error_text_at_in(Layer::L122, &e, Some("result")),
            "result at byte 8: expected an Updates, found constructor #78d4dec1 (updateShort) \
             of another type"
        );
        let e = Error::new(
            ErrorKind::UnexpectedEnd {
                what: Item::StringData,
                needed: 1,
                available: 0,
            },
            3,
        );
        assert_eq!(
            error_text(&e),
            "string length runs past the end of input at byte 3: needs 1 byte, 0 left"
        );
        let e = Error::new(ErrorKind::TrailingBytes { count: 2 }, 4);
        assert_eq!(
            error_text(&e),
            "2 trailing bytes after a complete object at byte 4"
        );
    }
}
