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

/// One level of the printer's stack, packed into 16 bytes so the deepest
/// input prints in little stack: the iterators are rebuilt from the message
/// bytes when their level is on top.
///
/// An object's fields (see `Fields::save`) are `[next byte, next op | end op
/// << 16, first flags word, second flags word]`, with bit 15 set once a
/// field has been printed; a vector's elements (see `Values::save`) are
/// `[state 0, ELEMS, state 1, state 2]`, with bit 15 set while it is empty.
/// (As an enum with a tag it would take 20 bytes.)
#[derive(Clone, Copy)]
struct Level([u32; 4]);

/// [`Level`]'s tag bit for a vector's elements (the top bit of the end op).
const ELEMS: u32 = 1 << 31;
/// [`Level`]'s flag bit: a field printed, or a vector still empty (the top
/// bit of the next op).
const MARK: u32 = 1 << 15;

// Op indices fit below the two bits `Level` takes from them.
const _: () = assert!(crate::schema::OPS.len() + crate::schema::FUNCTION_OPS.len() < 1 << 15);
#[cfg(feature = "layer230")]
const _: () = assert!(
    crate::schema::layer230::OPS.len() + crate::schema::layer230::FUNCTION_OPS.len() < 1 << 15
);

/// A [`Level`] unpacked.
enum Unpacked {
    /// An object's fields; whether one has been printed.
    Fields((u32, u16, u16, [u32; 2]), bool),
    /// A vector's elements; whether it is still empty.
    Elems((u32, u32, u32), bool),
}

impl Level {
    fn fields(s: (u32, u16, u16, [u32; 2]), printed: bool) -> Level {
        let ops = u32::from(s.1) | u32::from(s.2) << 16;
        Level([s.0, ops | if printed { MARK } else { 0 }, s.3[0], s.3[1]])
    }
    fn elems(s: (u32, u32, u32), empty: bool) -> Level {
        Level([s.0, ELEMS | if empty { MARK } else { 0 }, s.1, s.2])
    }
    fn unpack(self) -> Unpacked {
        let [a, ops, c, d] = self.0;
        let mark = ops & MARK != 0;
        if ops & ELEMS != 0 {
            Unpacked::Elems((a, c, d), mark)
        } else {
            let pos = (ops & 0x7fff) as u16;
            let end = (ops >> 16) as u16;
            Unpacked::Fields((a, pos, end, [c, d]), mark)
        }
    }
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
        .push(Level::fields(obj.fields().save(), false))
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
                .push(Level::elems(vals.save(), true))
                .map_err(|_| fmt::Error)
        }
    }
}

/// Writes `obj` as TL JSON into `w`; `pretty` indents by two spaces.
pub fn write_object<W: Write + ?Sized>(w: &mut W, obj: Object<'_>, pretty: bool) -> fmt::Result {
    let msg = obj.boxed_bytes();
    let base = obj.offset();
    let layer = obj.layer();
    let mut stack: HVec<Level, LEVELS> = HVec::new();
    open_object(w, &obj, &mut stack)?;
    loop {
        let depth = stack.len();
        let Some(top) = stack.last_mut() else {
            return Ok(());
        };
        match top.unpack() {
            Unpacked::Fields(saved, printed) => {
                let mut fields = Fields::restore(layer, msg, base, saved);
                // The next field JSON shows (`#` words are implied).
                let next = fields
                    .by_ref()
                    .find(|f| !(f.op().kind() == Kind::Flags && f.op().repeat() == Repeat::One));
                match next {
                    Some(field) => {
                        *top = Level::fields(fields.save(), true);
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
            Unpacked::Elems(saved, first) => {
                let mut vals = Values::restore(layer, msg, base, saved);
                match vals.next() {
                    Some(v) => {
                        *top = Level::elems(vals.save(), false);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_take_16_bytes_and_unpack_to_what_was_packed() {
        assert_eq!(core::mem::size_of::<Level>(), 16);
        for printed in [false, true] {
            let s = (u32::MAX, 0x7fff, 0x7ffe, [u32::MAX, 0x8000_0001]);
            match Level::fields(s, printed).unpack() {
                Unpacked::Fields(got, p) => assert_eq!((got, p), (s, printed)),
                Unpacked::Elems(..) => panic!("fields unpacked as elements"),
            }
            let s = (u32::MAX, 0, u32::MAX);
            match Level::elems(s, printed).unpack() {
                Unpacked::Elems(got, e) => assert_eq!((got, e), (s, printed)),
                Unpacked::Fields(..) => panic!("elements unpacked as fields"),
            }
        }
    }
}
