//! What the hand-written views (`api`, `mtproto`) stand on, as `view`
//! is what the generated ones stand on: the decoding context and trait,
//! the `decode`/`decode_with`/`decode_prefix` entry points, and how their
//! `Debug`, `Display` (TL JSON) and `Serialize` are written from one list of
//! fields.

#[cfg(feature = "names")]
use core::fmt;

use crate::error::{ErrorKind, Result};
use crate::limits::Limits;
use crate::object::Object;
use crate::reader::Reader;
use crate::vector::{Element, Vector};
use crate::walk::Expect;

/// Where a typed decode is: the limits in force and how many objects enclose
/// the one being read.
#[derive(Clone, Copy, Debug)]
pub struct Ctx<'l> {
    /// The limits in force.
    pub limits: &'l Limits,
    /// How many objects enclose this one.
    pub depth: u32,
}

pub(crate) use crate::limits::REREAD;

impl<'l> Ctx<'l> {
    /// A context for a top-level object.
    pub const fn root(limits: &'l Limits) -> Ctx<'l> {
        Ctx { limits, depth: 0 }
    }

    /// The context of an object nested in this one; an error when that
    /// passes the depth limit.
    #[inline]
    pub fn nested(self, r: &Reader<'_>) -> Result<Ctx<'l>> {
        let depth = self.depth.saturating_add(1);
        let limit = self.limits.max_depth.min(Limits::MAX_DEPTH);
        if depth >= limit {
            return Err(r.error(ErrorKind::DepthLimit { limit }));
        }
        Ok(Ctx {
            limits: self.limits,
            depth,
        })
    }

    /// Whether `levels` more levels may nest under this object (the
    /// straight-line decoders check this once, up front).
    #[inline]
    pub(crate) fn room(self, levels: u32) -> bool {
        self.depth.saturating_add(levels) < self.limits.max_depth.min(Limits::MAX_DEPTH)
    }

    /// Validates an untyped nested object of `expect` at `r` (this context
    /// is the nested object's own) and views it.
    #[inline]
    pub fn object<'a>(self, r: &mut Reader<'a>, expect: Expect) -> Result<Object<'a>> {
        // The straight-line validators first, without a call layer.
        if let Expect::Type(ty) = expect {
            let limit = self.limits.max_depth.min(Limits::MAX_DEPTH);
            if self.depth < limit {
                if let Some(obj) = crate::object::fast_object(r, ty, limit - self.depth - 1) {
                    return Ok(obj);
                }
            }
        }
        Object::read_at_depth(r, expect, self.limits, self.depth)
    }
}

/// A typed view that decodes (and validates) itself from a reader.
pub trait Decode<'a>: Sized {
    /// The fewest bytes a value takes (for vector count checks).
    const MIN_SIZE: usize = 4;
    /// Reads one value at `r`, which `cx` says is nested how deep.
    fn decode_in(r: &mut Reader<'a>, cx: Ctx<'_>) -> Result<Self>;
}

/// Reads a boxed `Vector<T>` of typed views, validating each element under
/// `cx` (the vector's owner's context).
pub(crate) fn read_vector<'a, T: Decode<'a> + Element<'a>>(
    r: &mut Reader<'a>,
    cx: Ctx<'_>,
) -> Result<Vector<'a, T>> {
    let count = r.read_vector_len(<T as Decode<'a>>::MIN_SIZE)?;
    let start = *r;
    for _ in 0..count {
        let child = cx.nested(r)?;
        T::decode_in(r, child)?;
    }
    let used = start.remaining().saturating_sub(r.remaining());
    Ok(Vector::from_parts(
        start.rest().get(..used).unwrap_or(&[]),
        count,
        start.offset(),
    ))
}

/// The validating read of an element, kept out of line: the fallback of
/// the skipping re-reads, so that their hot path stays small.
#[cold]
#[inline(never)]
pub(crate) fn reread_cold<'a, T: Element<'a>>(r: &mut Reader<'a>) -> Option<T> {
    let (v, used) = reread_cold_by_value(*r)?;
    r.skip_opt(used)?;
    Some(v)
}

/// [`reread_cold`] with the reader passed by value and the bytes read
/// returned (not a reader), so that the caller's reader is never spilled to
/// memory for the call and its hot loop needs no null check on the way back.
#[cold]
#[inline(never)]
pub(crate) fn reread_cold_by_value<'a, T: Element<'a>>(mut r: Reader<'a>) -> Option<(T, usize)> {
    let before = r.remaining();
    let v = T::read(&mut r).ok()?;
    Some((v, before - r.remaining()))
}

/// The root object is at depth 0, so a `max_depth` of 0 admits nothing (as
/// in the walker).
#[inline]
pub(crate) fn root_fits(r: &Reader<'_>, limits: &Limits) -> Result<()> {
    let limit = limits.max_depth.min(Limits::MAX_DEPTH);
    if limit == 0 {
        return Err(r.error(ErrorKind::DepthLimit { limit }));
    }
    Ok(())
}

/// Decodes exactly one `T` from `input`.
pub(crate) fn decode_all<'a, T: Decode<'a>>(input: &'a [u8], limits: &Limits) -> Result<T> {
    let mut r = Reader::new(input);
    root_fits(&r, limits)?;
    let v = T::decode_in(&mut r, Ctx::root(limits))?;
    r.finish()?;
    Ok(v)
}

/// Decodes one `T` at the start of `input`; returns it and the rest.
pub(crate) fn decode_prefix<'a, T: Decode<'a>>(
    input: &'a [u8],
    limits: &Limits,
) -> Result<(T, &'a [u8])> {
    let mut r = Reader::new(input);
    root_fits(&r, limits)?;
    let v = T::decode_in(&mut r, Ctx::root(limits))?;
    Ok((v, r.rest()))
}

/// Decodes one view that `pick` takes out of an enum `E` at the start of
/// `input`, whose id must be one of `ids` (checked first, as a generated
/// constructor view does); returns it and the rest.
pub(crate) fn decode_variant_prefix<'a, E: Decode<'a>, V>(
    input: &'a [u8],
    limits: &Limits,
    ids: &[u32],
    pick: impl FnOnce(E) -> Option<V>,
) -> Result<(V, &'a [u8])> {
    let found = Reader::new(input).peek_id()?;
    if !ids.contains(&found) {
        let expected = ids.first().copied().unwrap_or(0);
        let kind = ErrorKind::UnexpectedConstructor { expected, found };
        return Err(crate::Error::new(kind, 0));
    }
    let (e, rest) = decode_prefix::<E>(input, limits)?;
    let v = pick(e).ok_or(crate::Error::new(
        ErrorKind::UnknownConstructor { id: found },
        0,
    ))?;
    Ok((v, rest))
}

/// As [`decode_variant_prefix`], and the view must fill `input`.
pub(crate) fn decode_variant<'a, E: Decode<'a>, V>(
    input: &'a [u8],
    limits: &Limits,
    ids: &[u32],
    pick: impl FnOnce(E) -> Option<V>,
) -> Result<V> {
    let (v, rest) = decode_variant_prefix(input, limits, ids, pick)?;
    if !rest.is_empty() {
        let at = input.len().saturating_sub(rest.len());
        let count = crate::error::count32(rest.len());
        return Err(crate::Error::new(ErrorKind::TrailingBytes { count }, at));
    }
    Ok(v)
}

/// The three entry points of a hand-written view of a type (one that
/// implements [`Decode`]): `decode`, `decode_with`, `decode_prefix`.
macro_rules! type_entry_points {
    ($t:ident $(<$a:lifetime>)?, $tl:literal) => {
        impl<'a> $t$(<$a>)? {
            #[doc = concat!("Validates one boxed `", $tl, "` that must fill `input`, and views it.")]
            #[inline]
            pub fn decode(input: &'a [u8]) -> crate::Result<Self> {
                crate::support::decode_all(input, &crate::Limits::DEFAULT)
            }
            /// As [`Self::decode`], within the caller's limits.
            #[inline]
            pub fn decode_with(input: &'a [u8], limits: &crate::Limits) -> crate::Result<Self> {
                crate::support::decode_all(input, limits)
            }
            #[doc = concat!("Validates one boxed `", $tl, "` at the start of `input`; returns its view and the bytes after it.")]
            #[inline]
            pub fn decode_prefix(input: &'a [u8]) -> crate::Result<(Self, &'a [u8])> {
                crate::support::decode_prefix(input, &crate::Limits::DEFAULT)
            }
        }
    };
}
pub(crate) use type_entry_points;

/// The three entry points of a hand-written constructor view, decoded
/// through its type's view `$e` and taken out of the variants named.
macro_rules! ctor_entry_points {
    ($t:ty, $e:ident, $tl:literal, [$($id:expr),+], $($variant:ident)|+) => {
        impl<'a> $t {
            #[doc = concat!("Validates one boxed `", $tl, "` that must fill `input`, and views it.")]
            #[inline]
            pub fn decode(input: &'a [u8]) -> crate::Result<Self> {
                Self::decode_with(input, &crate::Limits::DEFAULT)
            }
            /// As [`Self::decode`], within the caller's limits.
            #[inline]
            pub fn decode_with(input: &'a [u8], limits: &crate::Limits) -> crate::Result<Self> {
                crate::support::decode_variant(input, limits, &[$($id),+], |e: $e<'a>| match e {
                    $($e::$variant(v))|+ => Some(v),
                    _ => None,
                })
            }
            #[doc = concat!("Validates one boxed `", $tl, "` at the start of `input`; returns its view and the bytes after it.")]
            #[inline]
            pub fn decode_prefix(input: &'a [u8]) -> crate::Result<(Self, &'a [u8])> {
                let limits = &crate::Limits::DEFAULT;
                crate::support::decode_variant_prefix(input, limits, &[$($id),+], |e: $e<'a>| match e {
                    $($e::$variant(v))|+ => Some(v),
                    _ => None,
                })
            }
        }
    };
}
pub(crate) use ctor_entry_points;

/// `Debug` of a constructor as the typed printer writes it (see
/// `crate::print`): `name { field: value, … }`, with `#xxxxxxxx` for the
/// name without the `names` feature. For views that keep no bytes.
pub(crate) fn debug_ctor(
    f: &mut core::fmt::Formatter<'_>,
    id: u32,
    fields: impl FnOnce(&mut core::fmt::DebugStruct<'_, '_>),
) -> core::fmt::Result {
    #[cfg(feature = "names")]
    if let Some(index) = crate::schema::index_of(id) {
        let mut d = f.debug_struct(crate::schema::constructor_name(index));
        fields(&mut d);
        return d.finish();
    }
    let mut name = heapless::String::<9>::new();
    core::fmt::Write::write_fmt(&mut name, format_args!("#{id:08x}"))?;
    let mut d = f.debug_struct(&name);
    fields(&mut d);
    d.finish()
}

/// `Debug` of a validated body (the bytes after the id) of constructor
/// `id`, at offset `base`: through the typed printer, as a generated
/// view's `Debug`.
pub(crate) fn debug_body(
    f: &mut core::fmt::Formatter<'_>,
    id: u32,
    body: &[u8],
    base: usize,
) -> core::fmt::Result {
    match crate::schema::constructor_by_id(id) {
        Some(c) => crate::print::debug(f, Object::from_parts(c, body, base, false)),
        None => debug_ctor(f, id, |_| {}),
    }
}

/// A value a hand-written view's TL JSON nests: printed by its `Display`
/// and, with the `serde` feature, serialized by its `Serialize`.
#[cfg(all(feature = "names", not(feature = "serde")))]
pub(crate) trait Nested: fmt::Display {}
#[cfg(all(feature = "names", not(feature = "serde")))]
impl<T: fmt::Display + ?Sized> Nested for T {}
/// A value a hand-written view's TL JSON nests: printed by its `Display`
/// and, with the `serde` feature, serialized by its `Serialize`.
#[cfg(feature = "serde")]
pub(crate) trait Nested: fmt::Display + serde::Serialize {}
#[cfg(feature = "serde")]
impl<T: fmt::Display + serde::Serialize + ?Sized> Nested for T {}

/// Where a hand-written view writes its TL JSON fields, after `"_"`: the
/// `Display` printer ([`JsonObject`]) and, with `serde`, a serializer's map
/// and the count of its entries (`crate::ser`). Each view lists its fields
/// once ([`TlFields`]), for all of them.
#[cfg(feature = "names")]
pub(crate) trait Out {
    /// What a write can fail with.
    type Error;
    /// An `int`.
    fn int(&mut self, name: &'static str, v: i32) -> core::result::Result<(), Self::Error>;
    /// A `long` (a decimal string).
    fn long(&mut self, name: &'static str, v: i64) -> core::result::Result<(), Self::Error>;
    /// A `string` (lossy UTF-8).
    fn str(
        &mut self,
        name: &'static str,
        v: crate::TlStr<'_>,
    ) -> core::result::Result<(), Self::Error>;
    /// A `flags.N?true`: `true` when set, left out when not.
    fn flag(&mut self, name: &'static str, set: bool) -> core::result::Result<(), Self::Error>;
    /// A nested value.
    fn value<T: Nested + ?Sized>(
        &mut self,
        name: &'static str,
        v: &T,
    ) -> core::result::Result<(), Self::Error>;
    /// A vector of nested values.
    fn vector<I, T>(
        &mut self,
        name: &'static str,
        items: I,
    ) -> core::result::Result<(), Self::Error>
    where
        I: IntoIterator<Item = T> + Clone,
        T: Nested;
    /// An optional `int`.
    fn opt_int(
        &mut self,
        name: &'static str,
        v: Option<i32>,
    ) -> core::result::Result<(), Self::Error> {
        v.map_or(Ok(()), |v| self.int(name, v))
    }
    /// An optional `string`.
    fn opt_str(
        &mut self,
        name: &'static str,
        v: Option<crate::TlStr<'_>>,
    ) -> core::result::Result<(), Self::Error> {
        v.map_or(Ok(()), |v| self.str(name, v))
    }
    /// An optional nested value.
    fn opt_value<T: Nested>(
        &mut self,
        name: &'static str,
        v: Option<T>,
    ) -> core::result::Result<(), Self::Error> {
        v.map_or(Ok(()), |v| self.value(name, &v))
    }
}

/// A hand-written view's TL JSON, written once for `Display` and
/// `Serialize`: its constructor's name and its fields, or (for a view that
/// keeps one) the dynamic view of the whole object.
#[cfg(feature = "names")]
pub(crate) trait TlFields {
    /// The constructor's name (`"_"`).
    fn tl_name(&self) -> &'static str;
    /// Its fields, in schema order.
    fn tl_fields<O: Out>(&self, o: &mut O) -> core::result::Result<(), O::Error>;
    /// The whole object as a dynamic view, when the view prints through it
    /// (then [`TlFields::tl_fields`] is not used).
    fn tl_object(&self) -> Option<Object<'_>> {
        None
    }
}

/// `Display` (TL JSON) of a hand-written view.
#[cfg(feature = "names")]
pub(crate) fn display<T: TlFields + ?Sized>(v: &T, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    if let Some(o) = v.tl_object() {
        return fmt::Display::fmt(&crate::json::Json(o), f);
    }
    let mut o = JsonObject::new(f, v.tl_name())?;
    v.tl_fields(&mut o)?;
    o.finish()
}

/// Writes TL JSON for typed views: an object's `"_"` and fields in order.
#[cfg(feature = "names")]
pub(crate) struct JsonObject<'f, 'w> {
    f: &'f mut fmt::Formatter<'w>,
}

#[cfg(feature = "names")]
impl<'f, 'w> JsonObject<'f, 'w> {
    /// Opens `{"_":"name"`.
    pub(crate) fn new(f: &'f mut fmt::Formatter<'w>, name: &str) -> Result2<Self> {
        f.write_str("{\"_\":")?;
        crate::json::write_str_literal(f, crate::TlStr::from(name))?;
        Ok(JsonObject { f })
    }
    fn key(&mut self, name: &str) -> fmt::Result {
        self.f.write_str(",\"")?;
        self.f.write_str(name)?;
        self.f.write_str("\":")
    }
    pub(crate) fn finish(self) -> fmt::Result {
        self.f.write_str("}")
    }
}

#[cfg(feature = "names")]
impl Out for JsonObject<'_, '_> {
    type Error = fmt::Error;
    fn int(&mut self, name: &'static str, v: i32) -> fmt::Result {
        self.key(name)?;
        write!(self.f, "{v}")
    }
    fn long(&mut self, name: &'static str, v: i64) -> fmt::Result {
        self.key(name)?;
        write!(self.f, "\"{v}\"")
    }
    fn str(&mut self, name: &'static str, v: crate::TlStr<'_>) -> fmt::Result {
        self.key(name)?;
        crate::json::write_str_literal(self.f, v)
    }
    fn flag(&mut self, name: &'static str, set: bool) -> fmt::Result {
        if set {
            self.key(name)?;
            self.f.write_str("true")?;
        }
        Ok(())
    }
    /// A nested value printed by its own `Display`.
    fn value<T: Nested + ?Sized>(&mut self, name: &'static str, v: &T) -> fmt::Result {
        self.key(name)?;
        v.fmt(self.f)
    }
    /// A vector whose elements print by their own `Display`.
    fn vector<I, T>(&mut self, name: &'static str, items: I) -> fmt::Result
    where
        I: IntoIterator<Item = T> + Clone,
        T: Nested,
    {
        self.key(name)?;
        self.f.write_str("[")?;
        for (i, item) in items.into_iter().enumerate() {
            if i > 0 {
                self.f.write_str(",")?;
            }
            item.fmt(self.f)?;
        }
        self.f.write_str("]")
    }
}

#[cfg(feature = "names")]
type Result2<T> = core::result::Result<T, fmt::Error>;
