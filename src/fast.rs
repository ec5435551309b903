//! The primitives of the generated straight-line validators
//! (`schema::valid122`, written by `tl gen` from the schema), and the entry
//! points through which the walker and the typed decoders reach them.
//!
//! The walker interprets the layer table, which costs a dispatch per field.
//! A generated validator checks exactly the same rules for one combinator in
//! straight-line code. The hand-off is all or nothing: a validator either
//! validates the whole object and says where it ends, or answers `None`
//! without side effects (an unusual shape, a nested object without a
//! validator, an error, or not enough depth budget), and the walker then
//! validates the object from its start as usual. Errors are always found
//! and reported by the walker, so they read the same either way. There is no
//! recursion: validators call each other only along the schema's acyclic
//! part, and never the walker.
//!
//! Nothing here knows a constructor's layout: the primitives below read one
//! kind of value each, and every flag bit, size and field order is in the
//! generated code. Which validators exist is chosen by the `fast` (the hot
//! list, `schema/hot122.txt`) and `fast-all` (every combinator) features.

// Without `fast` no validator is compiled, and the primitives go unused.
#![cfg_attr(not(feature = "fast"), allow(dead_code))]

use crate::object::Object;
use crate::reader::Reader;
use crate::schema;

/// The levels a validator needs free under its object: `hot` when only
/// the hot list's validators exist, `all` with `fast-all` (its paths reach
/// deeper).
#[cfg(feature = "fast")]
#[inline(always)]
pub(crate) const fn levels(hot: u32, all: u32) -> u32 {
    if cfg!(feature = "fast-all") {
        all
    } else {
        hot
    }
}

// Each primitive reads one value at byte `at` of the bytes `b` being
// validated and returns where it ends: a position and a slice stay in
// registers across the generated validators' calls, where a reader passed
// by reference would go through memory at each one.

/// A generated validator: where the object (or its fields) starting at byte
/// `at` of the bytes ends, or `None`.
pub(crate) type Check = fn(&[u8], usize) -> Option<usize>;

/// `N` bytes of fixed-size fields at `at`, for their flags words to be read
/// from.
#[inline(always)]
pub(crate) fn take<const N: usize>(b: &[u8], at: usize) -> Option<&[u8; N]> {
    b.get(at..)?.first_chunk::<N>()
}

/// The flags word at byte `at` of `run`, if only `declared` bits are set.
#[inline(always)]
pub(crate) fn flags<const N: usize>(run: &[u8; N], at: usize, declared: u32) -> Option<u32> {
    let w = u32::from_le_bytes(*run.get(at..)?.first_chunk::<4>()?);
    (w & !declared == 0).then_some(w)
}

/// The word at `at` (a constructor id).
#[inline(always)]
pub(crate) fn word(b: &[u8], at: usize) -> Option<u32> {
    take::<4>(b, at).map(|w| u32::from_le_bytes(*w))
}

/// `n` bytes of fields whose every value is valid (`int`, `long`, ...);
/// `n` is a constant of the schema (at most a few hundred).
#[inline(always)]
pub(crate) fn fixed(b: &[u8], at: usize, n: usize) -> Option<usize> {
    // `at` never passes the end (every position comes from a check against
    // it) and a slice's length is at most `isize::MAX`, so a small `n`
    // cannot wrap the sum: one add and one compare.
    let end = at.wrapping_add(n);
    (end <= b.len()).then_some(end)
}

/// A canonical `string` or `bytes`.
#[inline(always)]
pub(crate) fn bytes(b: &[u8], at: usize) -> Option<usize> {
    Some(at + crate::reader::string_size_opt(b.get(at..)?)?)
}

/// A `Bool`.
#[cfg_attr(not(feature = "fast-all"), allow(dead_code))]
#[inline(always)]
pub(crate) fn boolean(b: &[u8], at: usize) -> Option<usize> {
    matches!(
        word(b, at)?,
        crate::reader::BOOL_TRUE | crate::reader::BOOL_FALSE
    )
    .then_some(at + 4)
}

/// A vector's header (`boxed`: with the `vector` id): its count and where
/// its elements start, when `count` elements of at least `min` bytes fit in
/// what is left (the walker's check).
#[inline(always)]
pub(crate) fn count(b: &[u8], at: usize, boxed: bool, min: usize) -> Option<(u32, usize)> {
    let (count, start) = if boxed {
        let h = take::<8>(b, at)?;
        let (id, count) = h.split_at(4);
        if u32::from_le_bytes(id.try_into().ok()?) != crate::reader::VECTOR {
            return None;
        }
        (u32::from_le_bytes(count.try_into().ok()?), at + 8)
    } else {
        (word(b, at)?, at + 4)
    };
    let need = u64::from(count).saturating_mul(min.max(1) as u64);
    (need <= b.len().saturating_sub(start) as u64).then_some((count, start))
}

/// A vector of `size`-byte values that are all valid.
#[inline(always)]
pub(crate) fn fixed_vector(b: &[u8], at: usize, boxed: bool, size: usize) -> Option<usize> {
    let (n, start) = count(b, at, boxed, size)?;
    // The count was checked against the bytes left: no overflow here.
    let end = start.checked_add(usize::try_from(n).ok()?.checked_mul(size)?)?;
    (end <= b.len()).then_some(end)
}

/// Validates the fields of the object of combinator `index` whose id has
/// just been read, when it has a validator and at most `below` more levels
/// may nest under it: the reader after the object, or `None` to leave the
/// object to the walker (the reader given is not touched).
#[inline(always)]
pub(crate) fn body<'a>(index: u16, r: &Reader<'a>, below: u32) -> Option<Reader<'a>> {
    #[cfg(feature = "fast")]
    {
        let n = schema::valid122::body_len(index, r.rest(), below)?;
        let mut after = *r;
        after.skip_opt(n)?;
        Some(after)
    }
    #[cfg(not(feature = "fast"))]
    {
        let _ = (index, r, below);
        None
    }
}

/// The validator of boxed objects of type `ty` with `below` levels free
/// under them (see [`validate`]), found once for a vector of them:
/// `check(bytes, at)` is where the object at `at` ends, or `None` (the
/// caller then takes the walker's path, which reports any error).
#[inline]
pub(crate) fn boxed(ty: u16, below: u32) -> Option<Check> {
    #[cfg(feature = "fast")]
    {
        schema::valid122::boxed(ty, below)
    }
    #[cfg(not(feature = "fast"))]
    {
        let _ = (ty, below);
        None
    }
}

/// Validates the boxed object of type `ty` at `r` when its constructor has
/// no fields or a validator with `below` levels free under it: the reader
/// after it, or `None` (the caller then takes the walker's path, which
/// reports any error).
#[inline]
pub(crate) fn validate<'a>(r: &Reader<'a>, ty: u16, below: u32) -> Option<Reader<'a>> {
    let n = boxed(ty, below)?(r.rest(), 0)?;
    let mut after = *r;
    after.skip_opt(n)?;
    Some(after)
}

/// Views the boxed object of type `ty` at `r` when [`validate`] accepts it,
/// and moves `r` past it; `None` leaves `r` untouched.
#[inline]
pub(crate) fn object<'a>(r: &mut Reader<'a>, ty: u16, below: u32) -> Option<Object<'a>> {
    let start = *r;
    let after = validate(&start, ty, below)?;
    let c = schema::constructor_by_id(u32::from_le_bytes(*start.rest().first_chunk::<4>()?))?;
    let used = start.remaining().saturating_sub(after.remaining());
    *r = after;
    Some(Object::from_parts(
        c,
        start.rest().get(..used).unwrap_or(&[]),
        start.offset(),
        true,
    ))
}

/// Re-reads the validated boxed object of constructor `ctor` at `r` with
/// its generated skip; `None` (nothing consumed) for another constructor,
/// or without the `fast` features (the caller then reads it again through
/// the walker).
#[inline(always)]
pub(crate) fn skip_object<'a>(
    r: &mut Reader<'a>,
    ctor: &'static schema::Constructor,
    skip: fn(&mut Reader<'a>) -> Option<()>,
) -> Option<Object<'a>> {
    if !cfg!(feature = "fast") {
        return None;
    }
    let start = *r;
    let mut after = start;
    if after.u32_opt()? != ctor.id {
        return None;
    }
    skip(&mut after)?;
    let used = start.remaining().saturating_sub(after.remaining());
    let bytes = start.rest().get(..used)?;
    *r = after;
    Some(Object::from_parts(ctor, bytes, start.offset(), true))
}

/// The constructor `cid` of the layer, found at compile time.
// Evaluated at compile time only (for consts): a missing constructor is a
// build error, never a runtime panic.
#[allow(clippy::indexing_slicing, clippy::panic)]
pub(crate) const fn ctor(cid: u32) -> &'static schema::Constructor {
    let mut i = 0;
    while i < schema::CONSTRUCTORS.len() {
        if schema::CONSTRUCTORS[i].id == cid {
            return &schema::CONSTRUCTORS[i];
        }
        i += 1;
    }
    panic!("constructor not in the layer")
}

/// `user`'s row of the table.
pub(crate) const USER: &schema::Constructor = ctor(schema::id::USER);
/// `chat`'s row of the table.
pub(crate) const CHAT: &schema::Constructor = ctor(schema::id::CHAT);
