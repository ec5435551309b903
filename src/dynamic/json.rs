//! TL JSON (`shared/docs/tl-json.md`) through `core::fmt`, so it works without
//! `std`. Printing keeps its own bounded stack: no recursion.
//!
//! Fields come in schema order under their schema names, after `"_"` (the
//! constructor's name). `flags:#` words are not printed; `flags.N?true` is
//! `true` when set and left out when not; other absent optional fields are
//! left out. `long` is a decimal string, `int128`/`int256`/`bytes` lowercase
//! hex, `double` a number (NaN and the infinities as the strings `"NaN"`,
//! `"Infinity"`, `"-Infinity"`), `string` UTF-8 with each invalid sequence as
//! U+FFFD.
//!
//! ```
//! use tlview::{object::Object, walk::Expect, schema, Limits};
//! let mut b = Vec::new();
//! for w in [0x78d4dec1u32, 0x1bfbd823, 5, 0xedb93949, 9, 7] {
//!     b.extend(w.to_le_bytes());
//! }
//! let obj = Object::decode(&b, Expect::Any).unwrap();
//! assert_eq!(
//!     tlview::json::Json(obj).to_string(),
//!     r#"{"_":"updateShort","update":{"_":"updateUserStatus","user_id":5,"status":{"_":"userStatusOnline","expires":9}},"date":7}"#
//! );
//! ```

use core::fmt::{self, Write};

use heapless::Vec as HVec;

use crate::limits::Limits;
use crate::object::{Fields, Object, Value, Values};
use crate::schema::{Kind, Repeat};
use crate::string::TlStr;

/// Prints an [`Object`] as TL JSON (compact). `{:#}` indents it.
#[derive(Clone, Copy, Debug)]
pub struct Json<'a>(pub Object<'a>);

impl fmt::Display for Json<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pretty = f.alternate();
        write_object(f, self.0, pretty)
    }
}

use crate::text::write_double;

/// Writes `bytes` as lowercase hex.
pub fn write_hex<W: Write + ?Sized>(w: &mut W, bytes: &[u8]) -> fmt::Result {
    crate::text::write_hex(w, bytes)
}

/// Writes a JSON string literal of `s` (lossy UTF-8, RFC 8259 escapes).
pub fn write_str_literal<W: Write + ?Sized>(w: &mut W, s: TlStr<'_>) -> fmt::Result {
    crate::text::write_str_literal(w, s)
}

/// One level of the printer's stack, saved in 12 bytes (plus a tag) so the
/// deepest input prints in little stack: the iterators are rebuilt from the
/// message bytes when their level is on top.
#[derive(Clone, Copy)]
enum Level {
    /// An object's fields; whether one has been printed.
    Fields((u32, u16, u16, u32), bool),
    /// A vector's elements; whether it is still empty.
    Elems((u32, u32, u32), bool),
}

/// Capacity of the printer's stack: a vector and an object per level.
const LEVELS: usize = 2 * Limits::MAX_DEPTH as usize + 2;

fn newline<W: Write + ?Sized>(w: &mut W, pretty: bool, depth: usize) -> fmt::Result {
    if pretty {
        w.write_char('\n')?;
        for _ in 0..depth {
            w.write_str("  ")?;
        }
    }
    Ok(())
}

fn open_object<W: Write + ?Sized>(
    w: &mut W,
    obj: &Object<'_>,
    stack: &mut HVec<Level, LEVELS>,
) -> fmt::Result {
    w.write_str("{\"_\":")?;
    write_str_literal(w, TlStr::from(obj.name()))?;
    stack
        .push(Level::Fields(obj.fields().save(), false))
        .map_err(|_| fmt::Error)
}

/// Writes a scalar value, or opens a nested object or vector on the stack.
fn write_value<W: Write + ?Sized>(
    w: &mut W,
    v: Value<'_>,
    stack: &mut HVec<Level, LEVELS>,
) -> fmt::Result {
    match v {
        Value::Int(i) => write!(w, "{i}"),
        Value::Flags(x) => write!(w, "{x}"),
        Value::Long(l) => write!(w, "\"{l}\""),
        Value::Double(d) => write_double(w, d),
        Value::Int128(b) => {
            w.write_char('"')?;
            write_hex(w, b)?;
            w.write_char('"')
        }
        Value::Int256(b) => {
            w.write_char('"')?;
            write_hex(w, b)?;
            w.write_char('"')
        }
        Value::Bytes(b) => {
            w.write_char('"')?;
            write_hex(w, b)?;
            w.write_char('"')
        }
        Value::String(s) => write_str_literal(w, s),
        Value::Bool(b) => w.write_str(if b { "true" } else { "false" }),
        Value::True => w.write_str("true"),
        Value::Object(o) => open_object(w, &o, stack),
        Value::Vector(vals) => {
            w.write_char('[')?;
            stack
                .push(Level::Elems(vals.save(), true))
                .map_err(|_| fmt::Error)
        }
    }
}

/// Writes `obj` as TL JSON into `w`; `pretty` indents by two spaces.
pub fn write_object<W: Write + ?Sized>(w: &mut W, obj: Object<'_>, pretty: bool) -> fmt::Result {
    let msg = obj.boxed_bytes();
    let base = obj.offset();
    let mut stack: HVec<Level, LEVELS> = HVec::new();
    open_object(w, &obj, &mut stack)?;
    loop {
        let depth = stack.len();
        let Some(top) = stack.last_mut() else {
            return Ok(());
        };
        match *top {
            Level::Fields(saved, printed) => {
                let mut fields = Fields::restore(msg, base, saved);
                // The next field JSON shows (`#` words are implied).
                let next = fields
                    .by_ref()
                    .find(|f| !(f.op().kind() == Kind::Flags && f.op().repeat() == Repeat::One));
                match next {
                    Some(field) => {
                        *top = Level::Fields(fields.save(), true);
                        w.write_char(',')?;
                        newline(w, pretty, depth)?;
                        write_str_literal(w, TlStr::from(field.name()))?;
                        w.write_str(if pretty { ": " } else { ":" })?;
                        write_value(w, field.value, &mut stack)?;
                    }
                    None => {
                        stack.pop();
                        if printed {
                            newline(w, pretty, depth.saturating_sub(1))?;
                        }
                        w.write_char('}')?;
                    }
                }
            }
            Level::Elems(saved, first) => {
                let mut vals = Values::restore(msg, base, saved);
                match vals.next() {
                    Some(v) => {
                        *top = Level::Elems(vals.save(), false);
                        if !first {
                            w.write_char(',')?;
                        }
                        newline(w, pretty, depth)?;
                        write_value(w, v, &mut stack)?;
                    }
                    None => {
                        stack.pop();
                        if !first {
                            newline(w, pretty, depth.saturating_sub(1))?;
                        }
                        w.write_char(']')?;
                    }
                }
            }
        }
    }
}
