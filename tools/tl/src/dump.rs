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
//!     "1 trailing bytes after a complete object at byte 24"
//! );
//! ```

use std::fmt::Write as _;

use tlview::json::Json;
use tlview::mtproto::RpcResult;
use tlview::object::Object;
use tlview::schema::{self, id};
use tlview::view::TypedJson;
use tlview::walk::Expect;
use tlview::{Limits, Reader};

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
    /// Print through the generated typed views (any root).
    pub typed: bool,
}

impl Default for DumpOptions {
    fn default() -> DumpOptions {
        DumpOptions {
            expect: Expect::Any,
            pretty: false,
            typed: false,
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
/// it as TL JSON. Errors are messages ready to print, with the byte offset
/// (`unknown constructor id #deadbeef at byte 8`).
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
        .map_err(|e| e.to_string())?
        .len();
    r.finish().map_err(|e| e.to_string())?;
    buf.truncate(n);
    buf.shrink_to_fit();
    Ok(buf)
}

/// Whether `expect` allows a boxed object of constructor `c_id` at the root.
fn allows(expect: Expect, c_id: u32) -> bool {
    match expect {
        Expect::Any => true,
        Expect::Type(t) => {
            schema::constructor_by_id(c_id).is_some_and(|c| c.ty == t && !c.is_function())
        }
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
    let root = Reader::new(bytes).peek_id().map_err(|e| e.to_string())?;
    let root_name = schema::constructor_by_id(root).map(|c| c.name());

    if root == id::RPC_RESULT && allows(opts.expect, root) {
        let rr = RpcResult::decode(bytes).map_err(|e| e.to_string())?;
        if Reader::new(rr.result).peek_id() == Ok(id::GZIP_PACKED) {
            let unpacked = unpack_exact(rr.result, limits)
                .map_err(|e| format!("in rpc_result.result at byte {}: {e}", rr.result_offset))?;
            notes.push(format!(
                "unpacked rpc_result.result: gzip_packed of {} bytes to {}",
                rr.result.len(),
                unpacked.len()
            ));
            let inner = Object::decode_with(&unpacked, Expect::Any, limits).map_err(|e| {
                format!("in the data unpacked from rpc_result.result's gzip_packed: {e}")
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

    let obj = Object::decode_with(bytes, opts.expect, limits).map_err(|e| e.to_string())?;
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
