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

// Each primitive reads one value at the start of the bytes `r` left and
// returns the bytes after it. A slice is two registers, and `Option` of one
// is too (its pointer is never null): the generated validators' calls pass
// and return what is left in registers, where a reader passed by reference
// would go through memory at each one, and each read is one length check.

/// A generated validator: the bytes after the object (or its fields) at
/// the start of `r`, or `None`.
pub(crate) type Check = for<'a> fn(&'a [u8]) -> Option<&'a [u8]>;

/// `N` bytes of fixed-size fields, for their flags words to be read from,
/// and the bytes after them.
#[inline(always)]
pub(crate) fn take<const N: usize>(r: &[u8]) -> Option<(&[u8; N], &[u8])> {
    r.split_first_chunk::<N>()
}

/// The flags word at byte `at` of `run`, if only `declared` bits are set.
#[inline(always)]
pub(crate) fn flags<const N: usize>(run: &[u8; N], at: usize, declared: u32) -> Option<u32> {
    let w = u32::from_le_bytes(*run.get(at..)?.first_chunk::<4>()?);
    (w & !declared == 0).then_some(w)
}

/// A word (a constructor id).
#[inline(always)]
pub(crate) fn word(r: &[u8]) -> Option<(u32, &[u8])> {
    let (w, rest) = r.split_first_chunk::<4>()?;
    Some((u32::from_le_bytes(*w), rest))
}

/// `n` bytes of fields whose every value is valid (`int`, `long`, ...).
#[inline(always)]
pub(crate) fn fixed(r: &[u8], n: usize) -> Option<&[u8]> {
    r.get(n..)
}

/// A canonical `string` or `bytes`.
#[inline(always)]
pub(crate) fn bytes(r: &[u8]) -> Option<&[u8]> {
    crate::reader::after_string(r)
}

/// A `Bool`.
#[cfg_attr(not(feature = "fast-all"), allow(dead_code))]
#[inline(always)]
pub(crate) fn boolean(r: &[u8]) -> Option<&[u8]> {
    let (w, rest) = word(r)?;
    matches!(w, crate::reader::BOOL_TRUE | crate::reader::BOOL_FALSE).then_some(rest)
}

/// A vector's header (`boxed`: with the `vector` id): its count and the
/// bytes of its elements on, when `count` elements of at least `min` bytes
/// fit in them (the walker's check).
#[inline(always)]
pub(crate) fn count(r: &[u8], boxed: bool, min: usize) -> Option<(u32, &[u8])> {
    let (count, rest) = if boxed {
        let (h, rest) = r.split_first_chunk::<8>()?;
        let [a, b, c, d, e, f, g, h] = *h;
        if u32::from_le_bytes([a, b, c, d]) != crate::reader::VECTOR {
            return None;
        }
        (u32::from_le_bytes([e, f, g, h]), rest)
    } else {
        word(r)?
    };
    let need = u64::from(count).saturating_mul(min.max(1) as u64);
    (need <= rest.len() as u64).then_some((count, rest))
}

/// A vector of `size`-byte values that are all valid.
#[inline(always)]
pub(crate) fn fixed_vector(r: &[u8], boxed: bool, size: usize) -> Option<&[u8]> {
    let (n, rest) = count(r, boxed, size)?;
    // The count was checked against the bytes left: no overflow here.
    rest.get(usize::try_from(n).ok()?.checked_mul(size)?..)
}

/// Validates the fields of the object of combinator `index` whose id has
/// just been read, when it has a validator and at most `below` more levels
/// may nest under it: the reader after the object, or `None` to leave the
/// object to the walker (the reader given is not touched).
#[inline(always)]
pub(crate) fn body<'a>(index: schema::CtorIndex, r: &Reader<'a>, below: u32) -> Option<Reader<'a>> {
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
/// `check(bytes)` is the bytes after the object at their start, or `None`
/// (the caller then takes the walker's path, which reports any error).
#[inline]
pub(crate) fn boxed(ty: schema::TypeIndex, below: u32) -> Option<Check> {
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
pub(crate) fn validate<'a>(
    r: &Reader<'a>,
    ty: schema::TypeIndex,
    below: u32,
) -> Option<Reader<'a>> {
    let rest = r.rest();
    let n = rest.len() - boxed(ty, below)?(rest)?.len();
    let mut after = *r;
    after.skip_opt(n)?;
    Some(after)
}
