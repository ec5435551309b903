//! What the generated typed views ([`crate::types`], [`crate::enums`] and,
//! with the `functions` feature, `crate::functions`) stand on.
//!
//! A view is the field bytes of one validated object (a `Body`) typed by its
//! constructor. Everything a view knows of its layout (field order, kinds,
//! flag bits) is in the code `tl gen` writes from the schema; this module
//! holds only what every view shares: reading a field from bytes that are
//! already valid, and the entry points that validate.
//!
//! Validation happens once, in `decode` (or when the enclosing object was
//! decoded). After that a view's reads cannot fail: where one somehow did
//! (it cannot on validated bytes), it gives a neutral value (0, empty)
//! rather than panicking.
//!
//! Two ways to read:
//! - an accessor per field (`message.date()`): straight at its offset where
//!   the schema fixes it, else a straight line of generated skips over the
//!   fields before it (whichever the flags leave in). A nested view that an
//!   accessor returns does not look for its own end until something needs
//!   it (`body()`, `object()`, printing);
//! - `read()`: one pass over the object into a plain struct of every field
//!   (`types::MessageFields`). It pays for every field: worth it when most
//!   are read, while a few accessors cost less (six of a `message`'s 23
//!   fields: about 9 % less for `updates_50` in `benches/peers`).
//!
//! A vector an accessor returns (`message.entities()`) does not look for its
//! end either: iterating it passes over its elements once.

use crate::error::{Error, ErrorKind, Result};
use crate::limits::{Limits, REREAD};
use crate::object::{Object, Values};
use crate::reader::Reader;
use crate::schema::{self, Op, Repeat};
use crate::string::TlStr;
use crate::vector::{Element, ElementHooks, Vector};
use crate::walk::Expect;

pub(crate) use body::Body;

/// `Body` is `pub` inside a private module: the sealed [`Typed`] trait can
/// name it in a method, and nothing outside the crate can.
mod body {
    use super::{fallback_object, Cursor};
    use crate::object::Object;
    use crate::reader::Reader;
    use crate::schema;

    /// The field bytes of a validated object (after its id, if it had one) and
    /// where they start in the message.
    #[derive(Clone, Copy)]
    pub struct Body<'a> {
        bytes: &'a [u8],
        base: usize,
    }

    impl<'a> Body<'a> {
        /// The body of no object: what a view falls back to.
        pub(crate) const EMPTY: Body<'static> = Body {
            bytes: &[],
            base: 0,
        };

        /// The body of a validated object.
        #[inline]
        pub(crate) fn of(o: &Object<'a>) -> Body<'a> {
            Body {
                bytes: o.body(),
                base: o.body_offset(),
            }
        }

        /// Its bytes.
        #[inline]
        pub(crate) const fn bytes(&self) -> &'a [u8] {
            self.bytes
        }

        /// The body that starts at `start` and ends where `end` is.
        #[inline]
        pub(crate) fn span(start: &Reader<'a>, end: &Reader<'a>) -> Body<'a> {
            let used = start.remaining().saturating_sub(end.remaining());
            Body {
                bytes: start.rest().get(..used).unwrap_or(&[]),
                base: start.offset(),
            }
        }

        /// The bytes from `r` on, as the body of a view whose end is not known
        /// yet (an accessor's nested view: finding the end would mean skipping
        /// the whole object, which reading its first fields does not need).
        /// Reads stay within the object's own bytes, which the schema bounds;
        /// `Body::exact` finds the end when it is needed.
        #[inline]
        pub(crate) fn rest(r: &Reader<'a>) -> Body<'a> {
            Body {
                bytes: r.rest(),
                base: r.offset(),
            }
        }

        /// The same body cut at its end, which `skip` (the constructor's
        /// generated skip) finds.
        #[inline]
        pub(crate) fn exact(self, skip: fn(&mut Reader<'a>) -> Option<()>) -> Body<'a> {
            let start = self.reader();
            let mut r = start;
            match skip(&mut r) {
                Some(()) => Body::span(&start, &r),
                None => Body::EMPTY,
            }
        }

        /// A cursor at byte `at` of the body: a field whose offset the schema
        /// fixes (every field before it has a fixed size and is always there).
        #[inline]
        pub(crate) fn cursor_at(self, at: usize) -> Cursor<'a> {
            Cursor::at(Reader::with_base(
                self.bytes.get(at..).unwrap_or(&[]),
                self.base.saturating_add(at),
            ))
        }

        /// The `int` at byte `at` of the body (a field at a fixed offset).
        #[inline]
        pub(crate) fn int_at(self, at: usize) -> i32 {
            self.word_at(at) as i32
        }

        /// The `long` at byte `at` of the body.
        #[inline]
        pub(crate) fn long_at(self, at: usize) -> i64 {
            match self.bytes.get(at..).and_then(|b| b.first_chunk::<8>()) {
                Some(b) => i64::from_le_bytes(*b),
                None => 0,
            }
        }

        /// The `double` at byte `at` of the body.
        #[inline]
        pub(crate) fn double_at(self, at: usize) -> f64 {
            f64::from_bits(self.long_at(at) as u64)
        }

        /// The flags word at byte `at` of the body (a `#` field at a fixed
        /// offset).
        #[inline]
        pub(crate) fn word_at(self, at: usize) -> u32 {
            match self.bytes.get(at..at.saturating_add(4)) {
                Some(&[a, b, c, d]) => u32::from_le_bytes([a, b, c, d]),
                _ => 0,
            }
        }

        /// A reader at its first field.
        #[inline(always)]
        pub(crate) const fn reader(self) -> Reader<'a> {
            Reader::with_base(self.bytes, self.base)
        }

        /// A cursor at its first field.
        #[inline]
        pub(crate) const fn cursor(self) -> Cursor<'a> {
            Cursor::at(self.reader())
        }

        /// The dynamic view of it, as the combinator at `index` (unboxed: the
        /// view keeps no id).
        pub(crate) fn object(self, index: schema::CtorIndex) -> Object<'a> {
            match schema::constructor(index) {
                Some(ctor) => Object::from_parts(ctor, self.bytes, self.base, false),
                None => fallback_object(),
            }
        }

        /// As [`Body::object`], the combinator at `index` of `layer`.
        #[cfg(feature = "layer230")]
        pub(crate) fn object_in(self, layer: crate::Layer, index: schema::CtorIndex) -> Object<'a> {
            match layer.constructor(index) {
                Some(ctor) => Object::from_parts_in(layer, ctor, self.bytes, self.base, false),
                None => fallback_object(),
            }
        }
    }
}

/// A position among the fields of a validated object, with the flags words
/// read so far (the first, and with `layer230` the second: layer 230's
/// `flags2`).
#[derive(Clone, Copy)]
pub(crate) struct Cursor<'a> {
    r: Reader<'a>,
    flags: u32,
    #[cfg(feature = "layer230")]
    flags2: u32,
}

/// A typed printer's place in one object, in a few bytes: where its next
/// field starts, the flags words read so far and the next field's index.
#[derive(Clone, Copy)]
pub(crate) struct Saved {
    at: u32,
    flags: u32,
    #[cfg(feature = "layer230")]
    flags2: u32,
    k: u8,
}

impl Saved {
    /// At an object's first field, which starts at offset `at`.
    pub(crate) const fn start(at: u32) -> Saved {
        Saved {
            at,
            flags: 0,
            #[cfg(feature = "layer230")]
            flags2: 0,
            k: 0,
        }
    }
}

impl<'a> Cursor<'a> {
    /// A cursor at `r`.
    #[inline(always)]
    pub(crate) const fn at(r: Reader<'a>) -> Cursor<'a> {
        Cursor {
            r,
            flags: 0,
            #[cfg(feature = "layer230")]
            flags2: 0,
        }
    }

    /// Rebuilds a saved cursor over `msg`, the message bytes from offset
    /// `base` on.
    fn restore(msg: &'a [u8], base: usize, s: &Saved) -> Cursor<'a> {
        let at = s.at as usize;
        Cursor {
            r: Reader::with_base(msg.get(at.saturating_sub(base)..).unwrap_or(&[]), at),
            flags: s.flags,
            #[cfg(feature = "layer230")]
            flags2: s.flags2,
        }
    }

    /// (offset of the next byte, first flags word).
    pub(crate) fn save(&self) -> (u32, u32) {
        (crate::error::count32(self.r.offset()), self.flags)
    }

    /// Whether bit `bit` of the first flags word is set.
    #[inline]
    pub(crate) const fn has(&self, bit: u8) -> bool {
        self.flags & (1u32 << (bit & 31)) != 0
    }

    /// Whether bit `bit` of the second flags word (`flags2`) is set.
    #[cfg(feature = "layer230")]
    #[inline]
    pub(crate) const fn has2(&self, bit: u8) -> bool {
        self.flags2 & (1u32 << (bit & 31)) != 0
    }

    /// A `#` word, which later fields test: the first.
    #[inline]
    pub(crate) fn flags(&mut self) -> u32 {
        self.flags = self.r.read_flags().map(|f| f.bits()).unwrap_or(0);
        self.flags
    }

    /// The second `#` word (`flags2`).
    #[cfg(feature = "layer230")]
    #[inline]
    pub(crate) fn flags2(&mut self) -> u32 {
        self.flags2 = self.r.read_flags().map(|f| f.bits()).unwrap_or(0);
        self.flags2
    }
    /// `int`.
    #[inline]
    pub(crate) fn int(&mut self) -> i32 {
        self.r.read_int().unwrap_or(0)
    }
    /// `long`.
    #[inline]
    pub(crate) fn long(&mut self) -> i64 {
        self.r.read_long().unwrap_or(0)
    }
    /// `double`.
    #[inline]
    pub(crate) fn double(&mut self) -> f64 {
        self.r.read_double().unwrap_or(0.0)
    }
    /// `int128`.
    #[inline]
    pub(crate) fn int128(&mut self) -> &'a [u8; 16] {
        self.r.read_int128().unwrap_or(&[0; 16])
    }
    /// `int256`.
    #[inline]
    pub(crate) fn int256(&mut self) -> &'a [u8; 32] {
        self.r.read_int256().unwrap_or(&[0; 32])
    }
    /// `string` (its form and padding were checked by the validation).
    #[inline]
    pub(crate) fn string(&mut self) -> TlStr<'a> {
        self.r.string_valid().unwrap_or(TlStr::new(&[]))
    }
    /// `bytes`.
    #[inline]
    pub(crate) fn bytes(&mut self) -> &'a [u8] {
        self.r.string_valid().map_or(&[], |s| s.as_bytes())
    }
    /// `Bool`.
    #[inline]
    pub(crate) fn boolean(&mut self) -> bool {
        self.r.read_bool().unwrap_or(false)
    }
    /// A nested object read through its typed view.
    #[inline]
    pub(crate) fn view<V: Typed<'a>>(&mut self) -> V {
        V::read_valid(&mut self.r).unwrap_or_else(V::fallback)
    }
    /// A nested object's view without moving past it (its end is found only
    /// if asked for): what an accessor returns.
    #[inline]
    pub(crate) fn view_lazy<V: Typed<'a>>(&mut self) -> V {
        V::view_at(self.r).unwrap_or_else(V::fallback)
    }
    /// Any boxed object (`!X`, `Object`): the dynamic view.
    pub(crate) fn object(&mut self) -> Object<'a> {
        Object::read(&mut self.r, Expect::Any, &REREAD).unwrap_or_else(|_| fallback_object())
    }
    /// As [`Cursor::object`], in `layer`.
    #[cfg(feature = "layer230")]
    pub(crate) fn object_in(&mut self, layer: crate::Layer) -> Object<'a> {
        Object::read_in(layer, &mut self.r, Expect::Any, &REREAD, 0)
            .unwrap_or_else(|_| fallback_object())
    }
    /// `Vector<T>`.
    #[inline]
    pub(crate) fn vector<T: Element<'a>>(&mut self) -> Vector<'a, T> {
        self.elements(true).unwrap_or(Vector::empty())
    }
    /// `Vector<T>` where nothing after it is read: an accessor's. Elements
    /// of varying size are not passed over to find the vector's end (see
    /// `Vector::open`).
    #[inline]
    pub(crate) fn vector_lazy<T: Element<'a>>(&mut self) -> Vector<'a, T> {
        self.elements_lazy(true).unwrap_or(Vector::empty())
    }
    /// `vector<T>` where nothing after it is read.
    #[inline]
    pub(crate) fn bare_vector_lazy<T: Element<'a>>(&mut self) -> Vector<'a, T> {
        self.elements_lazy(false).unwrap_or(Vector::empty())
    }
    fn elements_lazy<T: Element<'a>>(&mut self, boxed: bool) -> Option<Vector<'a, T>> {
        if T::FIXED_SIZE.is_some() || T::ENDS_WHEN_EMPTY {
            return self.elements(boxed);
        }
        let count = skip::count(&mut self.r, boxed)?;
        Some(Vector::open(self.r.rest(), count, self.r.offset()))
    }
    /// `vector<T>` (bare: no id).
    #[inline]
    pub(crate) fn bare_vector<T: Element<'a>>(&mut self) -> Vector<'a, T> {
        self.elements(false).unwrap_or(Vector::empty())
    }
    /// A vector field as the dynamic view sees it (what the printer walks),
    /// its elements read as `op` says.
    pub(crate) fn values<T: Element<'a>>(&mut self, op: Op) -> Values<'a> {
        let v = self.elements::<T>(op.repeat() == Repeat::BoxedVector);
        let v = v.unwrap_or(Vector::empty());
        Values::from_parts(v.as_bytes(), v.offset(), op, crate::error::count32(v.len()))
    }
    /// As [`Cursor::values`], for a field of `layer`.
    #[cfg(feature = "layer230")]
    pub(crate) fn values_in<T: Element<'a>>(&mut self, layer: crate::Layer, op: Op) -> Values<'a> {
        let v = self.elements::<T>(op.repeat() == Repeat::BoxedVector);
        let v = v.unwrap_or(Vector::empty());
        Values::from_parts_in(
            layer,
            v.as_bytes(),
            v.offset(),
            op,
            crate::error::count32(v.len()),
        )
    }

    fn elements<T: Element<'a>>(&mut self, boxed: bool) -> Option<Vector<'a, T>> {
        let r = &mut self.r;
        let count = if boxed {
            r.read_vector_len(0)
        } else {
            r.read_bare_vector_len(0)
        }
        .ok()?;
        let start = *r;
        match T::FIXED_SIZE {
            Some(size) => {
                let n = usize::try_from(count).ok()?.checked_mul(size)?;
                r.skip(n, crate::error::Item::VectorElements).ok()?;
            }
            None => {
                for _ in 0..count {
                    T::read_valid(r)?;
                }
            }
        }
        let used = start.remaining().saturating_sub(r.remaining());
        Some(Vector::from_parts(
            start.rest().get(..used)?,
            count,
            start.offset(),
        ))
    }
}

/// Where the typed printer is in one object: a cursor and the index of the
/// next field.
pub(crate) struct Step<'a> {
    c: Cursor<'a>,
    k: u8,
}

impl<'a> Step<'a> {
    /// Where `saved` says, over `msg`, the message bytes from offset `base`.
    pub(crate) fn restore(msg: &'a [u8], base: usize, saved: &Saved) -> Step<'a> {
        Step {
            c: Cursor::restore(msg, base, saved),
            k: saved.k,
        }
    }
    /// The index of the field to read now, and the cursor at it.
    #[inline]
    pub(crate) fn next(&mut self) -> (u8, &mut Cursor<'a>) {
        let k = self.k;
        self.k = k.saturating_add(1);
        (k, &mut self.c)
    }
    /// Its place, to restore it from.
    pub(crate) fn save(&self) -> Saved {
        let (at, flags) = self.c.save();
        Saved {
            at,
            flags,
            #[cfg(feature = "layer230")]
            flags2: self.c.flags2,
            k: self.k,
        }
    }
}

/// A dynamic view of nothing: what an object read falls back to.
fn fallback_object() -> Object<'static> {
    Object::from_parts(&schema::CONSTRUCTORS[0], &[], 0, false)
}

mod sealed {
    pub trait Sealed {}
}
pub(crate) use sealed::Sealed;

/// A generated typed view: a constructor's (`types::…`, `functions::…`) or
/// a type's (`enums::…`). Sealed: only `tl gen` writes them.
pub trait Typed<'a>: Copy + Sealed {
    /// The layer whose table its indices ([`Typed::ELEMENT`],
    /// [`Typed::ROOT`]) are in: the crate root's (122), or layer 230's for
    /// the views of `tlview::layer230`.
    const LAYER: crate::Layer = crate::Layer::L122;
    /// How it is read where a field or a vector element holds it: a type's
    /// enum boxed, a constructor's view bare.
    const ELEMENT: Expect;
    /// How `decode` reads it: boxed, as a type (the fast validators run) or,
    /// for a function, as any combinator.
    const ROOT: Expect;
    /// The one constructor id a constructor's view accepts (`None` for a
    /// type's enum, which accepts each of its constructors).
    const ID: Option<u32>;
    /// Views a validated object of the right constructor; `None` for any
    /// other. It validates nothing again.
    #[inline]
    fn from_object(o: Object<'a>) -> Option<Self> {
        if o.layer() != Self::LAYER {
            return None;
        }
        Self::from_body(o.id(), Body::of(&o))
    }
    /// Views the validated fields `b` of an object of constructor `id`;
    /// `None` for a constructor it does not accept. (Not callable from
    /// outside the crate: nothing there can name a `Body`.)
    #[doc(hidden)]
    fn from_body(id: u32, b: Body<'a>) -> Option<Self>;
    /// What a read that cannot fail gives if it somehow does.
    fn fallback() -> Self;
    /// Reads one value as [`Typed::ELEMENT`] says from bytes already
    /// validated, finding its end by the generated skip (straight-line code
    /// from the schema; the table walker only for the fields of a recursive
    /// type). `None` (it cannot happen on validated bytes) ends a read.
    fn read_valid(r: &mut Reader<'a>) -> Option<Self>;
    /// Views the validated value at `r` as [`Typed::ELEMENT`] says, without
    /// finding its end (see `Body::rest`).
    fn view_at(r: Reader<'a>) -> Option<Self>;
    /// The dynamic view of the same object (its inherent `object()`).
    fn as_object(&self) -> Object<'a>;
}

impl<'a, T: Typed<'a>> Element<'a> for T {
    const MIN_SIZE: usize = match T::ELEMENT {
        Expect::Bare(_) => 0,
        _ => 4,
    };
    fn read(r: &mut Reader<'a>) -> Result<T> {
        let at = r.offset();
        let o = Object::read_in(T::LAYER, r, T::ELEMENT, &Limits::DEFAULT, 0)?;
        T::from_object(o).ok_or(Error::new(ErrorKind::UnknownConstructor { id: o.id() }, at))
    }
}

impl<'a, T: Typed<'a>> ElementHooks<'a> for T {
    #[inline]
    fn read_valid(r: &mut Reader<'a>) -> Option<T> {
        <T as Typed<'a>>::read_valid(r)
    }
}

/// The generated skips' primitives: each moves past one field of bytes
/// already validated, checking only bounds.
pub(crate) mod skip {
    use super::REREAD;
    use crate::reader::Reader;
    use crate::walk::{walk_at_depth, Expect};

    /// `n` bytes of fixed-size fields.
    #[inline(always)]
    pub(crate) fn fixed(r: &mut Reader<'_>, n: usize) -> Option<()> {
        r.skip_opt(n)
    }
    /// A flags word, returned.
    #[inline(always)]
    pub(crate) fn word(r: &mut Reader<'_>) -> Option<u32> {
        r.u32_opt()
    }
    /// A `string` or `bytes`: its size from its length header alone (the
    /// form and the padding were checked when it was validated).
    #[inline(always)]
    pub(crate) fn bytes(r: &mut Reader<'_>) -> Option<()> {
        r.skip_string_valid()
    }
    /// A vector's header (`boxed`: with the `vector` id); its count. The
    /// id is not checked again; the count is still bounded by the bytes
    /// left, so that no loop over it can outlast the input.
    #[inline(always)]
    pub(crate) fn count(r: &mut Reader<'_>, boxed: bool) -> Option<u32> {
        if boxed {
            r.skip_opt(4)?;
        }
        let n = r.u32_opt()?;
        (n as usize <= r.remaining()).then_some(n)
    }
    /// A vector of `size`-byte elements.
    #[inline(always)]
    pub(crate) fn fixed_vector(r: &mut Reader<'_>, boxed: bool, size: usize) -> Option<()> {
        let n = count(r, boxed)?;
        fixed(r, usize::try_from(n).ok()?.checked_mul(size)?)
    }
    /// A vector of strings or byte strings.
    #[inline]
    pub(crate) fn bytes_vector(r: &mut Reader<'_>, boxed: bool) -> Option<()> {
        for _ in 0..count(r, boxed)? {
            bytes(r)?;
        }
        Some(())
    }
    /// A vector whose elements `each` skips.
    #[inline]
    pub(crate) fn vector<'a>(
        r: &mut Reader<'a>,
        boxed: bool,
        each: impl Fn(&mut Reader<'a>) -> Option<()>,
    ) -> Option<()> {
        for _ in 0..count(r, boxed)? {
            each(r)?;
        }
        Some(())
    }
    /// A boxed object of a recursive type, by the table walker (its own
    /// bounded stack: no recursion here).
    #[inline(never)]
    pub(crate) fn walk_type(r: &mut Reader<'_>, ty: crate::schema::TypeIndex) -> Option<()> {
        walk_at_depth(r, Expect::Type(ty), &REREAD, 0).ok()
    }
    /// A bare object of a recursive constructor, by the table walker.
    // Layer 122 has no recursive bare field; another schema may.
    #[allow(dead_code)]
    #[inline(never)]
    pub(crate) fn walk_bare(r: &mut Reader<'_>, index: crate::schema::CtorIndex) -> Option<()> {
        walk_at_depth(r, Expect::Bare(index), &REREAD, 0).ok()
    }
    /// Any boxed object (`!X`, `Object`), by the table walker.
    #[inline(never)]
    pub(crate) fn walk_any(r: &mut Reader<'_>) -> Option<()> {
        walk_at_depth(r, Expect::Any, &REREAD, 0).ok()
    }
    /// One object of `expect` in `layer` (a recursive type's or
    /// constructor's, or any boxed object), by that layer's table walker.
    #[cfg(feature = "layer230")]
    #[inline(never)]
    pub(crate) fn walk_in(layer: crate::Layer, r: &mut Reader<'_>, expect: Expect) -> Option<()> {
        layer.walk_object(r, expect, &REREAD, 0).ok().map(|_| ())
    }
}

/// [`Typed::read_valid`] without the `fast` feature: the table walker finds
/// the end, so that firmware that leaves `fast` off links no generated skip
/// for a vector it iterates (only the view's constructor dispatch).
#[inline]
pub(crate) fn reread<'a, T: Typed<'a>>(r: &mut Reader<'a>) -> Option<T> {
    Object::read_in(T::LAYER, r, T::ELEMENT, &REREAD, 0)
        .ok()
        .and_then(T::from_object)
}

/// `decode`, `decode_with`, `decode_prefix` of every view: validates one
/// object (checking the constructor first, for a constructor's view), then
/// views it.
pub(crate) fn decode_prefix<'a, T: Typed<'a>>(
    input: &'a [u8],
    limits: &Limits,
) -> Result<(T, &'a [u8])> {
    let mut r = Reader::new(input);
    if let Some(expected) = T::ID {
        let found = r.peek_id()?;
        if found != expected {
            return Err(Error::new(
                ErrorKind::UnexpectedConstructor { expected, found },
                0,
            ));
        }
    }
    if let Some((v, after)) = decode_fast::<T>(&r, limits) {
        return Ok((v, after.rest()));
    }
    let o = Object::read_in(T::LAYER, &mut r, T::ROOT, limits, 0)?;
    let v = T::from_object(o).ok_or(Error::new(ErrorKind::UnknownConstructor { id: o.id() }, 0))?;
    Ok((v, r.rest()))
}

/// [`decode_prefix`]'s fast path: a type's straight-line validator, where
/// it has one, validates the object, and the view is built from its id and
/// end, with no table lookup and no dynamic view (`Object::read` would take
/// the same validator, then look the constructor up). `None` leaves the
/// object to the careful path, which judges it the same way and reports
/// any error.
#[inline]
fn decode_fast<'a, T: Typed<'a>>(r: &Reader<'a>, limits: &Limits) -> Option<(T, Reader<'a>)> {
    let Expect::Type(ty) = T::ROOT else {
        return None;
    };
    let below = limits.max_depth.min(Limits::MAX_DEPTH).checked_sub(1)?;
    let after = crate::fast::validate(T::LAYER, r, ty, below)?;
    let mut fields = *r;
    let id = fields.u32_opt()?;
    Some((T::from_body(id, Body::span(&fields, &after))?, after))
}

/// As [`decode_prefix`], and the object must fill `input`.
pub(crate) fn decode<'a, T: Typed<'a>>(input: &'a [u8], limits: &Limits) -> Result<T> {
    let (v, rest) = decode_prefix::<T>(input, limits)?;
    if rest.is_empty() {
        Ok(v)
    } else {
        let at = input.len().saturating_sub(rest.len());
        Err(Error::new(
            ErrorKind::TrailingBytes {
                count: crate::error::count32(rest.len()),
            },
            at,
        ))
    }
}

/// TL JSON of any validated object, each object's fields read by its
/// generated typed view rather than by the layer table (what `tl dump
/// --typed` prints). `{:#}` indents it. The text is the same as
/// [`crate::json::Json`]'s.
///
/// ```
/// use tlview::{object::Object, view::TypedJson, walk::Expect, Limits};
/// let mut b = Vec::new();
/// for w in [0x78d4dec1u32, 0x1bfbd823, 5, 0xedb93949, 9, 7] {
///     b.extend(w.to_le_bytes());
/// }
/// let obj = Object::decode(&b, Expect::Any).unwrap();
/// assert_eq!(
///     TypedJson(obj).to_string(),
///     r#"{"_":"updateShort","update":{"_":"updateUserStatus","user_id":5,"status":{"_":"userStatusOnline","expires":9}},"date":7}"#
/// );
/// ```
#[cfg(feature = "names")]
#[derive(Clone, Copy, Debug)]
pub struct TypedJson<'a>(pub Object<'a>);

#[cfg(feature = "names")]
impl core::fmt::Display for TypedJson<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        crate::print::json(f, self.0)
    }
}

/// `Debug` of any validated object through the typed printer (each object's
/// fields read by its generated view), as the generated views' `Debug`
/// prints them, for an object whose type is only known at run time.
///
/// It exists for the fuzz harness (target `typed`) and is not API: it may
/// change or go away in any release.
#[doc(hidden)]
#[derive(Clone, Copy)]
pub struct TypedDebug<'a>(pub Object<'a>);

impl core::fmt::Debug for TypedDebug<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        crate::print::debug(f, self.0)
    }
}

/// `TryFrom<Object>` of every view: the object must be of a constructor the
/// view accepts; it is not validated again.
pub(crate) fn convert<'a, T: Typed<'a>>(o: Object<'a>) -> Result<T> {
    T::from_object(o).ok_or_else(|| {
        let found = o.id();
        let kind = match (T::ID, T::ROOT) {
            _ if o.layer() != T::LAYER => ErrorKind::WrongLayer {
                expected: T::LAYER.number(),
                found: o.layer().number(),
            },
            (Some(expected), _) => ErrorKind::UnexpectedConstructor { expected, found },
            (None, Expect::Type(expected_type)) if T::LAYER != crate::Layer::L122 => {
                ErrorKind::WrongTypeInLayer {
                    layer: u16::try_from(T::LAYER.number()).unwrap_or(u16::MAX),
                    expected_type,
                    found,
                }
            }
            (None, Expect::Type(expected_type)) => ErrorKind::WrongType {
                expected_type,
                found,
            },
            (None, _) => ErrorKind::UnknownConstructor { id: found },
        };
        Error::new(kind, o.offset())
    })
}

#[cfg(all(test, feature = "fast"))]
mod tests {
    use super::*;
    use crate::enums::{Chat, Message, MessageEntity, Peer, User};
    use crate::object::Value;

    /// Takes `o` (a boxed object of `T`'s type) through the fast path, and
    /// checks it gives the view the careful path gives.
    fn same<'a, T: Typed<'a> + core::fmt::Debug>(o: Object<'a>, all: &'a [u8]) {
        let start = o.body_offset().checked_sub(4).unwrap();
        let bytes = &all[start..start + 4 + o.body().len()];
        let r = Reader::new(bytes);
        let (fast, after) = decode_fast::<T>(&r, &Limits::DEFAULT)
            .unwrap_or_else(|| panic!("{:#010x} at {start}: not taken by the fast path", o.id()));
        assert!(after.is_empty());
        let careful = T::from_object(Object::decode(bytes, T::ROOT).unwrap()).unwrap();
        assert_eq!(fast.as_object().id(), careful.as_object().id());
        assert_eq!(fast.as_object().body(), careful.as_object().body());
        assert_eq!(std::format!("{fast:?}"), std::format!("{careful:?}"));
    }

    /// Every `Message`, `Peer`, `MessageEntity`, `User` and `Chat` of the
    /// reference messages (types whose constructors are all on the hot
    /// list) is decoded by the fast path, not the careful one behind it,
    /// into the view the careful path gives.
    #[test]
    #[cfg_attr(miri, ignore)]
    fn typed_decode_takes_the_fast_path() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/");
        let mut taken = [0usize; 5];
        for name in ["short_message", "updates_50", "updates_combined_10"] {
            let bytes = std::fs::read(std::format!("{dir}{name}.bin")).unwrap();
            let root = Object::decode(&bytes, Expect::Any).unwrap();
            // Depth-first over every nested object, with a stack.
            let mut stack = std::vec![root];
            while let Some(o) = stack.pop() {
                let ty = schema::constructor(schema::index_of(o.id()).unwrap())
                    .unwrap()
                    .ty;
                let kinds = [
                    schema::ty::MESSAGE,
                    schema::ty::PEER,
                    schema::ty::MESSAGE_ENTITY,
                    schema::ty::USER,
                    schema::ty::CHAT,
                ];
                match kinds.iter().position(|&k| k == ty) {
                    Some(0) => same::<Message<'_>>(o, &bytes),
                    Some(1) => same::<Peer<'_>>(o, &bytes),
                    Some(2) => same::<MessageEntity<'_>>(o, &bytes),
                    Some(3) => same::<User<'_>>(o, &bytes),
                    Some(4) => same::<Chat<'_>>(o, &bytes),
                    _ => {}
                }
                if let Some(k) = kinds.iter().position(|&k| k == ty) {
                    taken[k] += 1;
                }
                for f in o.fields() {
                    match f.value {
                        Value::Object(n) => stack.push(n),
                        Value::Vector(v) => stack.extend(v.filter_map(|e| match e {
                            Value::Object(n) => Some(n),
                            _ => None,
                        })),
                        _ => {}
                    }
                }
            }
        }
        assert!(taken.iter().all(|&n| n > 0), "{taken:?}");
        // Too little depth left: the fast path declines, the careful path
        // reports it.
        let bytes = std::fs::read(std::format!("{dir}short_message.bin")).unwrap();
        let m = Object::decode(&bytes, Expect::Any).unwrap();
        let fwd = m.fields().find_map(|f| match f.value {
            Value::Object(o) if o.id() == schema::id::MESSAGE_FWD_HEADER => Some(o),
            _ => None,
        });
        let fwd = fwd.unwrap();
        let at = fwd.body_offset() - 4;
        let fwd_bytes = &bytes[at..at + 4 + fwd.body().len()];
        let shallow = Limits {
            max_depth: 1,
            ..Limits::DEFAULT
        };
        let r = Reader::new(fwd_bytes);
        assert!(decode_fast::<crate::enums::MessageFwdHeader<'_>>(&r, &Limits::DEFAULT).is_some());
        assert!(decode_fast::<crate::enums::MessageFwdHeader<'_>>(&r, &shallow).is_none());
        assert!(crate::enums::MessageFwdHeader::decode_with(fwd_bytes, &shallow).is_err());
    }

    /// A layer-230 view takes its layer's straight-line validators: its
    /// fast path runs, and gives the view the careful path gives.
    #[cfg(feature = "layer230")]
    #[test]
    fn layer_230_typed_decode_takes_the_fast_path() {
        use crate::layer230::{enums, id};
        // updateUserStatus#e5bdf8de user_id:long status:UserStatus, with
        // userStatusOnline#edb93949 expires:int.
        let mut b = std::vec::Vec::new();
        b.extend(id::UPDATE_USER_STATUS.to_le_bytes());
        b.extend(0x0102_0304_0506_0708_i64.to_le_bytes());
        b.extend(id::USER_STATUS_ONLINE.to_le_bytes());
        b.extend(1_700_000_000_i32.to_le_bytes());
        let r = Reader::new(&b);
        let (fast, after) = decode_fast::<enums::Update<'_>>(&r, &Limits::DEFAULT).unwrap();
        assert_eq!(after.offset(), b.len());
        let careful = Object::decode_in(crate::Layer::L230, &b, T_UPDATE, &Limits::DEFAULT)
            .ok()
            .and_then(enums::Update::from_object)
            .unwrap();
        assert_eq!(std::format!("{fast:?}"), std::format!("{careful:?}"));
        let enums::Update::UserStatus(u) = fast else {
            panic!("{fast:?}");
        };
        assert_eq!(u.user_id(), 0x0102_0304_0506_0708);
        // A layer-122 reading of the same bytes is not the fast path's: the
        // id means another constructor there, or none.
        assert!(decode_fast::<crate::enums::Update<'_>>(&r, &Limits::DEFAULT).is_none());
        // Too shallow for the status: declined, and the careful path says why.
        let shallow = Limits {
            max_depth: 1,
            ..Limits::DEFAULT
        };
        assert!(decode_fast::<enums::Update<'_>>(&r, &shallow).is_none());
        assert!(enums::Update::decode_with(&b, &shallow).is_err());
    }

    /// Layer 230's `Update`, as the walker expects it.
    #[cfg(feature = "layer230")]
    const T_UPDATE: Expect = Expect::Type(crate::layer230::ty::UPDATE);
}

#[cfg(test)]
mod lazy_vector_tests {
    use super::*;
    use crate::api::MessageEntity;

    /// `vector#1cb5c415`'s id, little-endian.
    const VECTOR: [u8; 4] = [0x15, 0xc4, 0xb5, 0x1c];

    /// `bytes` after 100 bytes of a larger message.
    fn cursor(bytes: &[u8]) -> Cursor<'_> {
        Cursor::at(Reader::with_base(bytes, 100))
    }

    /// A lazy vector of fixed-size elements is read whole: it holds exactly
    /// its elements' bytes and the cursor is left after it, at the next
    /// field (the vector's end is known from its count alone).
    #[test]
    fn lazy_vector_of_fixed_size_elements_is_closed() {
        // Vector<int> [7, -1], then an `int` 42.
        let mut boxed = VECTOR.to_vec();
        boxed.extend([2, 0, 0, 0, 7, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 42, 0, 0, 0]);
        let mut c = cursor(&boxed);
        let v = c.vector_lazy::<i32>();
        assert_eq!(v.iter().collect::<std::vec::Vec<_>>(), [7, -1]);
        assert_eq!(v.as_bytes(), &boxed[8..16]);
        assert_eq!(v.offset(), 108);
        assert_eq!(c.save(), (116, 0));
        assert_eq!(c.int(), 42);

        // The same bare: vector<long> [0x0102030405060708], then 42.
        let bare = [1, 0, 0, 0, 8, 7, 6, 5, 4, 3, 2, 1, 42, 0, 0, 0];
        let mut c = cursor(&bare);
        let v = c.bare_vector_lazy::<i64>();
        assert_eq!(
            v.iter().collect::<std::vec::Vec<_>>(),
            [0x0102_0304_0506_0708]
        );
        assert_eq!(v.as_bytes(), &bare[4..12]);
        assert_eq!(c.save(), (112, 0));
        assert_eq!(c.int(), 42);
    }

    /// A lazy vector of elements whose iterator ends where the bytes do
    /// (`ENDS_WHEN_EMPTY`) is read whole too: left open, it would run on
    /// into the fields after it. Here what follows the one entity is
    /// another `messageEntityBold`, which an open vector would yield.
    #[test]
    fn lazy_vector_of_self_ending_elements_is_closed() {
        // Vector<MessageEntity> [messageEntityBold 3 4], then the bytes of
        // a messageEntityBold 5 6.
        let bold =
            |offset: u8, length: u8| [0xc9, 0x0b, 0x61, 0xbd, offset, 0, 0, 0, length, 0, 0, 0];
        let mut bytes = VECTOR.to_vec();
        bytes.extend([1, 0, 0, 0]);
        bytes.extend(bold(3, 4));
        bytes.extend(bold(5, 6));
        let mut c = cursor(&bytes);
        let v = c.vector_lazy::<MessageEntity<'_>>();
        let got: std::vec::Vec<_> = v.iter().map(|e| (e.offset(), e.length())).collect();
        assert_eq!(got, [(3, 4)]);
        assert_eq!(v.len(), 1);
        assert_eq!(v.as_bytes(), &bytes[8..20]);
        assert_eq!(c.save(), (120, 0));
    }

    /// Elements of varying size that are counted (`string`) are not passed
    /// over: the vector is open, its iterator stops at the count, and
    /// `as_bytes` finds the end.
    #[test]
    fn lazy_vector_of_strings_is_open() {
        // Vector<string> ["ab"], then an `int` 42.
        let mut bytes = VECTOR.to_vec();
        bytes.extend([1, 0, 0, 0, 2, b'a', b'b', 0, 42, 0, 0, 0]);
        let mut c = cursor(&bytes);
        let v = c.vector_lazy::<crate::TlStr<'_>>();
        let got: std::vec::Vec<_> = v.iter().map(|s| s.as_bytes()).collect();
        assert_eq!(got, [b"ab"]);
        assert_eq!(v.as_bytes(), &bytes[8..12]);
        assert_eq!(v.offset(), 108);
        // The cursor is left at the first element.
        assert_eq!(c.save(), (108, 0));
    }
}
