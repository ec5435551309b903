//! [`Vector`]: a lazy, `Copy` view of a validated TL vector, and the
//! little-endian element wrappers that give fixed-size vectors O(1) access.

use core::fmt;
use core::marker::PhantomData;

use bytemuck::{Pod, Zeroable};

use crate::error::Result;
use crate::reader::Reader;
use crate::string::TlStr;

/// A value that can be an element of a [`Vector`].
///
/// Sealed: the crate implements it for the primitives (`i32`, `i64`,
/// `f64`, `int128`, `int256`, `bytes`, [`TlStr`], `bool`) and for its typed
/// views. How a [`Vector`] re-reads its validated elements is the crate's
/// own business: those hooks live on a crate-private supertrait, so they can
/// neither be called nor overridden from outside:
///
/// ```compile_fail,E0624
/// fn again<'a, T: tlview::Element<'a>>(r: &mut tlview::Reader<'a>) -> Option<T> {
///     T::read_valid(r) // private associated function
/// }
/// ```
///
/// ```compile_fail,E0277
/// struct Mine;
/// impl<'a> tlview::Element<'a> for Mine { // the private supertrait is not implemented
///     const MIN_SIZE: usize = 4;
///     fn read(r: &mut tlview::Reader<'a>) -> tlview::Result<Mine> {
///         r.read_int().map(|_| Mine)
///     }
/// }
/// ```
#[allow(private_bounds)] // the private supertrait is what seals the trait
pub trait Element<'a>: ElementHooks<'a> {
    /// The fewest bytes one element takes (to reject impossible counts).
    const MIN_SIZE: usize;
    /// The size of every element when it is fixed and every bit pattern of
    /// that size is valid (so a vector of them needs no per-element check).
    const FIXED_SIZE: Option<usize> = None;
    /// Reads (and validates) one element.
    fn read(r: &mut Reader<'a>) -> Result<Self>;
}

/// What a [`Vector`] does with its validated elements: crate-private, so
/// that [`Element`] is sealed and these performance hooks are no API.
pub(crate) trait ElementHooks<'a>: Sized {
    /// Reads one element again from bytes that [`Element::read`] has already
    /// accepted (what a [`Vector`]'s iterator does). It may skip checks that
    /// the first read made, but never reads out of bounds; `None` ends the
    /// iteration. [`reread`] is the plain choice: `read` again.
    fn read_valid(r: &mut Reader<'a>) -> Option<Self>;
    /// Whether a vector's iterator ends by its bytes alone: when fewer than
    /// `MIN_SIZE` are left (none, at the end of a vector, whose bytes are
    /// exactly its elements'). That test then merges with the bounds check
    /// of each [`ElementHooks::read_valid`], and the count is kept only for
    /// [`Iterator::size_hint`]. Worth it where the elements are read by
    /// straight-line code that checks its bounds first.
    const ENDS_WHEN_EMPTY: bool = false;
}

/// [`ElementHooks::read_valid`] as [`Element::read`]: the plain choice.
#[inline]
pub(crate) fn reread<'a, T: Element<'a>>(r: &mut Reader<'a>) -> Option<T> {
    T::read(r).ok()
}

/// Elements re-read by [`Element::read`] itself.
macro_rules! plain_hooks {
    ($($t:ty),*) => {$(
        impl<'a> ElementHooks<'a> for $t {
            #[inline]
            fn read_valid(r: &mut Reader<'a>) -> Option<Self> {
                reread(r)
            }
        }
    )*};
}
plain_hooks!(
    i32,
    i64,
    f64,
    &'a [u8; 16],
    &'a [u8; 32],
    &'a [u8],
    TlStr<'a>,
    bool
);

impl<'a> Element<'a> for i32 {
    const MIN_SIZE: usize = 4;
    const FIXED_SIZE: Option<usize> = Some(4);
    #[inline]
    fn read(r: &mut Reader<'a>) -> Result<i32> {
        r.read_int()
    }
}

impl<'a> Element<'a> for i64 {
    const MIN_SIZE: usize = 8;
    const FIXED_SIZE: Option<usize> = Some(8);
    #[inline]
    fn read(r: &mut Reader<'a>) -> Result<i64> {
        r.read_long()
    }
}

impl<'a> Element<'a> for f64 {
    const MIN_SIZE: usize = 8;
    const FIXED_SIZE: Option<usize> = Some(8);
    #[inline]
    fn read(r: &mut Reader<'a>) -> Result<f64> {
        r.read_double()
    }
}

impl<'a> Element<'a> for &'a [u8; 16] {
    const MIN_SIZE: usize = 16;
    const FIXED_SIZE: Option<usize> = Some(16);
    #[inline]
    fn read(r: &mut Reader<'a>) -> Result<&'a [u8; 16]> {
        r.read_int128()
    }
}

impl<'a> Element<'a> for &'a [u8; 32] {
    const MIN_SIZE: usize = 32;
    const FIXED_SIZE: Option<usize> = Some(32);
    #[inline]
    fn read(r: &mut Reader<'a>) -> Result<&'a [u8; 32]> {
        r.read_int256()
    }
}

/// `bytes` elements.
impl<'a> Element<'a> for &'a [u8] {
    const MIN_SIZE: usize = 4;
    #[inline]
    fn read(r: &mut Reader<'a>) -> Result<&'a [u8]> {
        r.read_bytes()
    }
}

impl<'a> Element<'a> for TlStr<'a> {
    const MIN_SIZE: usize = 4;
    #[inline]
    fn read(r: &mut Reader<'a>) -> Result<TlStr<'a>> {
        r.read_string()
    }
}

/// `Bool` elements (not `FIXED_SIZE`: each id must be checked).
impl<'a> Element<'a> for bool {
    const MIN_SIZE: usize = 4;
    #[inline]
    fn read(r: &mut Reader<'a>) -> Result<bool> {
        r.read_bool()
    }
}

/// A validated vector: the borrowed bytes of its elements and their count.
/// Iterating it reads elements lazily and cannot fail: every element was
/// validated when the vector was read.
///
/// ```
/// use tlview::{Reader, TlStr};
/// let b = [0x15, 0xc4, 0xb5, 0x1c, 2, 0, 0, 0, 1, b'a', 0, 0, 2, b'b', b'c', 0];
/// let v = Reader::new(&b).read_vector::<TlStr>().unwrap();
/// assert_eq!(v.len(), 2);
/// assert_eq!(v.get(1).unwrap().to_str(), Ok("bc"));
/// assert!(v.get(2).is_none());
/// ```
pub struct Vector<'a, T> {
    /// The elements' bytes; with `open`, every byte from the first element
    /// to the end of the enclosing object, the elements' end not found yet.
    bytes: &'a [u8],
    len: u32,
    /// Whether `bytes` runs past the last element (see [`Vector::open`]).
    open: bool,
    base: usize,
    _elem: PhantomData<fn() -> T>,
}

impl<T> Clone for Vector<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Vector<'_, T> {}

impl<'a, T: Element<'a>> Vector<'a, T> {
    /// A vector over already-validated element bytes, which start at byte
    /// `base` of the message.
    #[inline]
    pub(crate) const fn from_parts(bytes: &'a [u8], len: u32, base: usize) -> Self {
        Vector {
            bytes,
            len,
            open: false,
            base,
            _elem: PhantomData,
        }
    }

    /// A vector of `len` validated elements starting at `bytes`, whose end
    /// is not looked for: what an accessor returns, so that iterating the
    /// elements passes over them once rather than twice (once to find the
    /// end, once to read). [`Vector::as_bytes`] finds the end when asked.
    #[inline]
    pub(crate) const fn open(bytes: &'a [u8], len: u32, base: usize) -> Self {
        Vector {
            bytes,
            len,
            open: true,
            base,
            _elem: PhantomData,
        }
    }

    /// An empty vector.
    #[inline]
    pub const fn empty() -> Self {
        Self::from_parts(&[], 0, 0)
    }

    /// How many elements it has.
    #[inline]
    pub const fn len(&self) -> usize {
        self.len as usize
    }

    /// Whether it has none.
    #[inline]
    pub const fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The borrowed bytes of its elements (after the count). For a vector
    /// that a typed view's accessor returned, of elements of varying size,
    /// this passes over the elements to find where they end.
    #[inline]
    pub fn as_bytes(&self) -> &'a [u8] {
        if !self.open {
            return self.bytes;
        }
        let mut r = Reader::within(self.bytes, self.base);
        for _ in 0..self.len {
            if T::read_valid(&mut r).is_none() {
                // Validated bytes never end early; a cut vector has no bytes.
                return &[];
            }
        }
        let used = self.bytes.len().saturating_sub(r.remaining());
        self.bytes.get(..used).unwrap_or(&[])
    }

    /// The offset of its first element in the message.
    #[inline]
    pub const fn offset(&self) -> usize {
        self.base
    }

    /// The element at `index`: O(1) for fixed-size elements, O(index) otherwise.
    pub fn get(&self, index: usize) -> Option<T> {
        if index >= self.len() {
            return None;
        }
        match T::FIXED_SIZE {
            Some(size) => {
                let at = index.checked_mul(size)?;
                let mut r = Reader::with_base(self.bytes.get(at..)?, self.base + at);
                T::read_valid(&mut r)
            }
            None => self.iter().nth(index),
        }
    }

    /// The first element.
    #[inline]
    pub fn first(&self) -> Option<T> {
        self.iter().next()
    }

    /// The last element.
    pub fn last(&self) -> Option<T> {
        self.len().checked_sub(1).and_then(|i| self.get(i))
    }

    /// The elements, read lazily.
    #[inline]
    pub fn iter(&self) -> VectorIter<'a, T> {
        VectorIter {
            reader: Reader::within(self.bytes, self.base),
            left: self.len,
            _elem: PhantomData,
        }
    }
}

impl<'a, T: Element<'a>> IntoIterator for Vector<'a, T> {
    type Item = T;
    type IntoIter = VectorIter<'a, T>;
    fn into_iter(self) -> VectorIter<'a, T> {
        self.iter()
    }
}

impl<'a, T: Element<'a> + fmt::Debug> fmt::Debug for Vector<'a, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// The iterator of a [`Vector`].
pub struct VectorIter<'a, T> {
    reader: Reader<'a>,
    left: u32,
    _elem: PhantomData<fn() -> T>,
}

impl<'a, T: Element<'a>> Iterator for VectorIter<'a, T> {
    type Item = T;
    #[cfg_attr(any(debug_assertions, not(feature = "fast")), inline)]
    #[cfg_attr(all(not(debug_assertions), feature = "fast"), inline(always))]
    fn next(&mut self) -> Option<T> {
        if T::ENDS_WHEN_EMPTY {
            if self.reader.remaining() < T::MIN_SIZE {
                self.left = 0;
                return None;
            }
            return match T::read_valid(&mut self.reader) {
                Some(v) => {
                    self.left = self.left.saturating_sub(1);
                    Some(v)
                }
                None => {
                    self.left = 0;
                    None
                }
            };
        }
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        // The bytes were validated when the vector was read, so this cannot
        // fail; if it somehow did, the iterator ends instead of panicking.
        match T::read_valid(&mut self.reader) {
            Some(v) => Some(v),
            None => {
                self.left = 0;
                None
            }
        }
    }
    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left as usize, Some(self.left as usize))
    }
}

impl<'a, T: Element<'a>> ExactSizeIterator for VectorIter<'a, T> {}

macro_rules! le_wrapper {
    ($(#[$doc:meta])* $name:ident, $t:ty, $n:expr) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, Pod, Zeroable)]
        #[repr(transparent)]
        pub struct $name(pub [u8; $n]);

        impl $name {
            /// The value.
            #[inline]
            pub const fn get(self) -> $t {
                <$t>::from_le_bytes(self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Debug::fmt(&self.get(), f)
            }
        }
    };
}

le_wrapper!(
    /// A little-endian `int` in place, alignment 1.
    LeI32, i32, 4
);
le_wrapper!(
    /// A little-endian `long` in place, alignment 1.
    LeI64, i64, 8
);

/// A little-endian `double` in place, alignment 1.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Pod, Zeroable)]
#[repr(transparent)]
pub struct LeF64(pub [u8; 8]);

impl LeF64 {
    /// The value.
    #[inline]
    pub const fn get(self) -> f64 {
        f64::from_le_bytes(self.0)
    }
}

impl fmt::Debug for LeF64 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.get(), f)
    }
}

fn cast<P: Pod>(bytes: &[u8]) -> &[P] {
    // The vector's byte length is count × size, so this cannot fail; alignment
    // is 1 for every wrapper.
    bytemuck::try_cast_slice(bytes).unwrap_or(&[])
}

impl<'a> Vector<'a, i32> {
    /// The elements in place, O(1) random access, no copy.
    #[inline]
    pub fn as_slice(&self) -> &'a [LeI32] {
        cast(self.bytes)
    }
}

impl<'a> Vector<'a, i64> {
    /// The elements in place, O(1) random access, no copy.
    #[inline]
    pub fn as_slice(&self) -> &'a [LeI64] {
        cast(self.bytes)
    }
}

impl<'a> Vector<'a, f64> {
    /// The elements in place, O(1) random access, no copy.
    #[inline]
    pub fn as_slice(&self) -> &'a [LeF64] {
        cast(self.bytes)
    }
}

impl<'a> Vector<'a, &'a [u8; 16]> {
    /// The elements in place, O(1) random access, no copy.
    #[inline]
    pub fn as_slice(&self) -> &'a [[u8; 16]] {
        cast(self.bytes)
    }
}

impl<'a> Vector<'a, &'a [u8; 32]> {
    /// The elements in place, O(1) random access, no copy.
    #[inline]
    pub fn as_slice(&self) -> &'a [[u8; 32]] {
        cast(self.bytes)
    }
}
