//! The typed printers behind every generated view's `Debug` and, with the
//! `names` feature, `Display` (TL JSON).
//!
//! Each object's fields are read by its generated view (its `step`), not
//! from the layer table, so that the typed output checks the generated code
//! against the table-driven printer of [`crate::json`]: the two must print
//! the same TL JSON. Like that printer, it keeps its own bounded stack (no
//! recursion) and saves each level in a few bytes.
//!
//! `Debug` prints `name { field: value, … }`, with `#xxxxxxxx` for the name
//! without the `names` feature, longs as numbers and byte strings as `0x…`.

use core::fmt::{self, Write};

use heapless::Vec as HVec;

use crate::limits::Limits;
use crate::object::{Object, Value, Values};
use crate::string::TlStr;
use crate::text::{write_double, write_hex, write_str_literal};
use crate::view::{Saved, Step};
use crate::Layer;

/// `name { field: value, … }` (`#xxxxxxxx` for the name without the
/// `names` feature), each object's fields read by its generated typed view,
/// as every view's `Debug` prints. (Here rather than beside `Object`: the
/// dynamic view does not depend on the typed printer.)
impl fmt::Debug for Object<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        debug(f, *self)
    }
}

/// Which text the printer writes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    /// TL JSON.
    Json,
    /// Rust's `Debug` shape.
    Debug,
}

/// One level of the printer's stack.
#[derive(Clone, Copy)]
enum Level {
    /// An object: the combinator, where its next field starts, the flags
    /// word read so far and the next field's index; whether a field has been
    /// printed.
    Object {
        index: crate::schema::CtorIndex,
        saved: Saved,
        printed: bool,
    },
    /// A vector's elements; whether it is still empty.
    Elems((u32, u32, u32), bool),
}

/// Capacity of the stack: a vector and an object per level of nesting.
const LEVELS: usize = 2 * Limits::MAX_DEPTH as usize + 2;

struct Printer<'w, 'f> {
    w: &'w mut fmt::Formatter<'f>,
    /// The layer of the object printed (and of all inside it).
    layer: Layer,
    style: Style,
    pretty: bool,
    stack: HVec<Level, LEVELS>,
}

/// TL JSON of a validated object, each object's fields read by its typed view.
#[cfg(feature = "names")]
pub(crate) fn json(f: &mut fmt::Formatter<'_>, o: Object<'_>) -> fmt::Result {
    let pretty = f.alternate();
    print(f, o, Style::Json, pretty)
}

/// `Debug` of a validated object, each object's fields read by its typed view.
pub(crate) fn debug(f: &mut fmt::Formatter<'_>, o: Object<'_>) -> fmt::Result {
    let pretty = f.alternate();
    print(f, o, Style::Debug, pretty)
}

fn print(f: &mut fmt::Formatter<'_>, root: Object<'_>, style: Style, pretty: bool) -> fmt::Result {
    let msg = root.boxed_bytes();
    let base = root.offset();
    let layer = root.layer();
    let mut p = Printer {
        w: f,
        layer,
        style,
        pretty,
        stack: HVec::new(),
    };
    p.open(&root)?;
    loop {
        let depth = p.stack.len();
        let Some(top) = p.stack.last_mut() else {
            return Ok(());
        };
        match *top {
            Level::Object {
                index,
                saved,
                printed,
            } => {
                let mut step = Step::restore(msg, base, &saved);
                match step_in(layer, index, &mut step) {
                    Some((name, value)) => {
                        *top = Level::Object {
                            index,
                            saved: step.save(),
                            printed: true,
                        };
                        p.field_sep(printed, depth)?;
                        match p.style {
                            Style::Json => {
                                write_str_literal(p.w, TlStr::from(name))?;
                                p.w.write_str(if p.pretty { ": " } else { ":" })?;
                            }
                            Style::Debug => {
                                p.w.write_str(name)?;
                                p.w.write_str(": ")?;
                            }
                        }
                        p.value(value)?;
                    }
                    None => {
                        p.stack.pop();
                        p.close_object(printed, depth)?;
                    }
                }
            }
            Level::Elems(saved, first) => {
                let mut vals = Values::restore(layer, msg, base, saved);
                match vals.next() {
                    Some(v) => {
                        *top = Level::Elems(vals.save(), false);
                        if !first {
                            p.w.write_char(',')?;
                            if p.style == Style::Debug && !p.pretty {
                                p.w.write_char(' ')?;
                            }
                        }
                        p.newline(depth)?;
                        p.value(v)?;
                    }
                    None => {
                        p.stack.pop();
                        if !first {
                            p.newline(depth.saturating_sub(1))?;
                        }
                        p.w.write_char(']')?;
                    }
                }
            }
        }
    }
}

/// The next field of an object of the combinator at `index` of `layer`,
/// read by its typed view.
#[inline]
fn step_in<'a>(
    layer: Layer,
    index: crate::schema::CtorIndex,
    s: &mut Step<'a>,
) -> Option<(&'static str, Value<'a>)> {
    match layer {
        Layer::L122 => crate::schema::step(index, s),
        #[cfg(feature = "layer230")]
        Layer::L230 => crate::schema::views230::step(index, s),
    }
}

impl Printer<'_, '_> {
    fn newline(&mut self, depth: usize) -> fmt::Result {
        if self.pretty {
            self.w.write_char('\n')?;
            for _ in 0..depth {
                self.w.write_str("  ")?;
            }
        }
        Ok(())
    }

    /// Writes an object's start and pushes its level.
    fn open(&mut self, o: &Object<'_>) -> fmt::Result {
        let index = self.layer.index_of(o.id()).ok_or(fmt::Error)?;
        match self.style {
            Style::Json => {
                self.w.write_str("{\"_\":")?;
                #[cfg(feature = "names")]
                write_str_literal(self.w, TlStr::from(self.layer.constructor_name(index)))?;
            }
            Style::Debug => {
                #[cfg(feature = "names")]
                self.w.write_str(self.layer.constructor_name(index))?;
                #[cfg(not(feature = "names"))]
                write!(self.w, "#{:08x}", o.id())?;
            }
        }
        self.stack
            .push(Level::Object {
                index,
                saved: Saved::start(crate::error::count32(o.body_offset())),
                printed: false,
            })
            .map_err(|_| fmt::Error)
    }

    /// What goes before a field.
    fn field_sep(&mut self, printed: bool, depth: usize) -> fmt::Result {
        match self.style {
            Style::Json => self.w.write_char(',')?,
            Style::Debug if printed => self.w.write_char(',')?,
            Style::Debug => self.w.write_str(" {")?,
        }
        if self.style == Style::Debug && !self.pretty {
            self.w.write_char(' ')?;
        }
        self.newline(depth)
    }

    fn close_object(&mut self, printed: bool, depth: usize) -> fmt::Result {
        match self.style {
            Style::Json => {
                if printed {
                    self.newline(depth.saturating_sub(1))?;
                }
                self.w.write_char('}')
            }
            Style::Debug if printed => {
                if self.pretty {
                    self.newline(depth.saturating_sub(1))?;
                } else {
                    self.w.write_char(' ')?;
                }
                self.w.write_char('}')
            }
            Style::Debug => Ok(()),
        }
    }

    /// Writes a scalar, or opens a nested object or vector on the stack.
    fn value(&mut self, v: Value<'_>) -> fmt::Result {
        let json = self.style == Style::Json;
        let w = &mut *self.w;
        match v {
            Value::Int(i) => write!(w, "{i}"),
            Value::Flags(x) => write!(w, "{x}"),
            Value::Long(l) if json => write!(w, "\"{l}\""),
            Value::Long(l) => write!(w, "{l}"),
            Value::Double(d) if json => write_double(w, d),
            Value::Double(d) => write!(w, "{d:?}"),
            Value::Int128(b) => self.hex(b),
            Value::Int256(b) => self.hex(b),
            Value::Bytes(b) => self.hex(b),
            Value::String(s) => write_str_literal(w, s),
            Value::Bool(b) => w.write_str(if b { "true" } else { "false" }),
            Value::True => w.write_str("true"),
            Value::Object(o) => self.open(&o),
            Value::Vector(vals) => {
                w.write_char('[')?;
                self.stack
                    .push(Level::Elems(vals.save(), true))
                    .map_err(|_| fmt::Error)
            }
        }
    }

    fn hex(&mut self, b: &[u8]) -> fmt::Result {
        match self.style {
            Style::Json => {
                self.w.write_char('"')?;
                write_hex(self.w, b)?;
                self.w.write_char('"')
            }
            Style::Debug => {
                self.w.write_str("0x")?;
                write_hex(self.w, b)
            }
        }
    }
}
