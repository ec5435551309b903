//! [`Reader`]: the TL primitives over a borrowed byte slice. Nothing here knows
//! the schema.
//!
//! The reader holds the unread rest of the input and never indexes: bytes are
//! taken with checked splits, and the offset of an error is computed from
//! lengths only when the error is built, so the success path pays nothing for it.

use crate::error::{count32, Error, ErrorKind, Item, Result};
use crate::flags::Flags;
use crate::string::TlStr;
use crate::vector::{Element, Vector};

/// `boolTrue#997275b5`.
pub const BOOL_TRUE: u32 = 0x9972_75b5;
/// `boolFalse#bc799737`.
pub const BOOL_FALSE: u32 = 0xbc79_9737;
/// `vector#1cb5c415`, the id of a boxed `Vector<T>`.
pub const VECTOR: u32 = 0x1cb5_c415;

/// The error for `needed` bytes of `what` with `available` left, at the
/// offset `end - available` (by value, so the success path keeps the reader
/// in registers).
#[cold]
#[inline(never)]
fn end_of_input(end: usize, available: usize, what: Item, needed: usize) -> Error {
    Error::new(
        ErrorKind::UnexpectedEnd {
            what,
            needed: count32(needed),
            available: count32(available),
        },
        end.saturating_sub(available),
    )
}

/// A cursor over borrowed TL bytes.
///
/// ```
/// use tlview::Reader;
/// let bytes = [0x2a, 0, 0, 0, 2, b'h', b'i', 0];
/// let mut r = Reader::new(&bytes);
/// assert_eq!(r.read_int().unwrap(), 42);
/// assert_eq!(r.read_string().unwrap().as_bytes(), b"hi");
/// r.finish().unwrap();
/// ```
#[derive(Clone, Copy, Debug)]
// The small reads below are forced inline in optimized builds (where the
// straight-line validators depend on it) but only hinted in debug builds,
// where forced inlining would grow the frames of the walker and the printer
// past the stack budget the tests hold them to (16 KiB).
pub struct Reader<'a> {
    rest: &'a [u8],
    /// Offset of the end of the input, from the start of the whole message;
    /// `offset()` is `end - rest.len()`.
    end: usize,
}

impl<'a> Reader<'a> {
    /// A reader over the whole of `input`; offsets count from its first byte.
    #[inline]
    pub const fn new(input: &'a [u8]) -> Reader<'a> {
        Reader {
            rest: input,
            end: input.len(),
        }
    }

    /// A reader over `input`, which starts at byte `base` of a larger message:
    /// errors report offsets in that message.
    #[inline]
    pub const fn with_base(input: &'a [u8], base: usize) -> Reader<'a> {
        Reader {
            rest: input,
            end: base.saturating_add(input.len()),
        }
    }

    /// [`Reader::with_base`] for `input` known to lie at `base` within one
    /// message (so `base + input.len()` cannot wrap): no saturation. Views
    /// of validated bytes use it.
    #[inline]
    pub(crate) const fn within(input: &'a [u8], base: usize) -> Reader<'a> {
        Reader {
            rest: input,
            end: base.wrapping_add(input.len()),
        }
    }

    /// The offset of the next unread byte.
    #[inline]
    pub const fn offset(&self) -> usize {
        // `end` is at least the input's length and `rest` only shrinks, so
        // this never wraps (and needs no saturation, which costs two more
        // instructions at every position a decoder records).
        self.end.wrapping_sub(self.rest.len())
    }

    /// How many bytes are left.
    #[inline]
    pub const fn remaining(&self) -> usize {
        self.rest.len()
    }

    /// Whether every byte has been read.
    #[inline]
    pub const fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }

    /// The unread bytes.
    #[inline]
    pub const fn rest(&self) -> &'a [u8] {
        self.rest
    }

    /// Succeeds only if every byte has been read; otherwise a
    /// [`ErrorKind::TrailingBytes`] error at the first unread byte.
    ///
    /// ```
    /// let mut r = tlview::Reader::new(&[1, 0, 0, 0, 9]);
    /// r.read_int().unwrap();
    /// let e = r.finish().unwrap_err();
    /// assert_eq!((e.offset(), e.to_string().as_str()),
    ///            (4, "1 trailing byte after a complete object at byte 4"));
    /// ```
    pub fn finish(&self) -> Result<()> {
        if self.rest.is_empty() {
            Ok(())
        } else {
            Err(self.error(ErrorKind::TrailingBytes {
                count: count32(self.rest.len()),
            }))
        }
    }

    /// An error of `kind` at the current offset.
    #[cold]
    pub fn error(&self, kind: ErrorKind) -> Error {
        Error::new(kind, self.offset())
    }

    /// An error of `kind` at `offset`.
    #[cold]
    #[inline(never)]
    fn error_at(kind: ErrorKind, offset: usize) -> Error {
        Error::new(kind, offset)
    }

    #[cold]
    fn end_of_input(&self, what: Item, needed: usize) -> Error {
        end_of_input(self.end, self.rest.len(), what, needed)
    }

    /// Takes `n` bytes.
    #[cfg_attr(any(debug_assertions, not(feature = "fast")), inline)]
    #[cfg_attr(all(not(debug_assertions), feature = "fast"), inline(always))]
    pub fn take(&mut self, n: usize, what: Item) -> Result<&'a [u8]> {
        match self.rest.split_at_checked(n) {
            Some((head, tail)) => {
                self.rest = tail;
                Ok(head)
            }
            None => Err(end_of_input(self.end, self.rest.len(), what, n)),
        }
    }

    /// Takes `N` bytes as an array reference.
    #[cfg_attr(any(debug_assertions, not(feature = "fast")), inline)]
    #[cfg_attr(all(not(debug_assertions), feature = "fast"), inline(always))]
    pub fn take_array<const N: usize>(&mut self, what: Item) -> Result<&'a [u8; N]> {
        match self.rest.split_first_chunk::<N>() {
            Some((head, tail)) => {
                self.rest = tail;
                Ok(head)
            }
            None => Err(end_of_input(self.end, self.rest.len(), what, N)),
        }
    }

    /// Skips `n` bytes.
    #[cfg_attr(any(debug_assertions, not(feature = "fast")), inline)]
    #[cfg_attr(all(not(debug_assertions), feature = "fast"), inline(always))]
    pub fn skip(&mut self, n: usize, what: Item) -> Result<()> {
        self.take(n, what).map(|_| ())
    }

    /// `int`: 4 bytes, little-endian.
    ///
    /// ```
    /// assert_eq!(tlview::Reader::new(&[0xfe, 0xff, 0xff, 0xff]).read_int().unwrap(), -2);
    /// ```
    #[cfg_attr(any(debug_assertions, not(feature = "fast")), inline)]
    #[cfg_attr(all(not(debug_assertions), feature = "fast"), inline(always))]
    pub fn read_int(&mut self) -> Result<i32> {
        self.take_array::<4>(Item::Int)
            .map(|b| i32::from_le_bytes(*b))
    }

    /// A 4-byte little-endian word read as unsigned (ids, flags, counts).
    #[cfg_attr(any(debug_assertions, not(feature = "fast")), inline)]
    #[cfg_attr(all(not(debug_assertions), feature = "fast"), inline(always))]
    fn read_u32(&mut self, what: Item) -> Result<u32> {
        self.take_array::<4>(what).map(|b| u32::from_le_bytes(*b))
    }

    /// `long`: 8 bytes, little-endian.
    ///
    /// ```
    /// let b = [1, 0, 0, 0, 0, 0, 0, 0x80];
    /// assert_eq!(tlview::Reader::new(&b).read_long().unwrap(), i64::MIN + 1);
    /// ```
    #[cfg_attr(any(debug_assertions, not(feature = "fast")), inline)]
    #[cfg_attr(all(not(debug_assertions), feature = "fast"), inline(always))]
    pub fn read_long(&mut self) -> Result<i64> {
        self.take_array::<8>(Item::Long)
            .map(|b| i64::from_le_bytes(*b))
    }

    /// `double`: 8 bytes, IEEE 754, little-endian. Every bit pattern is a value
    /// (NaN payloads are kept).
    ///
    /// ```
    /// let b = 1.5f64.to_le_bytes();
    /// assert_eq!(tlview::Reader::new(&b).read_double().unwrap(), 1.5);
    /// ```
    #[inline]
    pub fn read_double(&mut self) -> Result<f64> {
        self.take_array::<8>(Item::Double)
            .map(|b| f64::from_le_bytes(*b))
    }

    /// `int128`: 16 bytes, borrowed in wire order.
    #[inline]
    pub fn read_int128(&mut self) -> Result<&'a [u8; 16]> {
        self.take_array::<16>(Item::Int128)
    }

    /// `int256`: 32 bytes, borrowed in wire order.
    #[inline]
    pub fn read_int256(&mut self) -> Result<&'a [u8; 32]> {
        self.take_array::<32>(Item::Int256)
    }

    /// The raw data of a `string` or `bytes`, borrowed; checks the canonical
    /// encoding (see [`Reader::read_string`]).
    #[inline]
    pub fn read_raw_bytes(&mut self, what: Item) -> Result<&'a [u8]> {
        // Fast path: the short form, every byte present, zero padding. Anything
        // else (the long form, and every error) takes the careful path.
        if let Some(&b) = self.rest.first() {
            if b < 254 {
                let len = usize::from(b);
                // 1 + len rounded up to a multiple of 4.
                let total = (len + 4) & !3;
                if let Some((chunk, tail)) = self.rest.split_at_checked(total) {
                    // The padding is the top `total - 1 - len` (0 to 3) bytes
                    // of the chunk's last word: one load and a mask, no loop.
                    let pad_bits = (total - 1 - len) * 8;
                    let mask = (((1u64 << pad_bits) - 1) << (32 - pad_bits)) as u32;
                    if let (Some(data), Some(last)) = (chunk.get(1..=len), chunk.last_chunk::<4>())
                    {
                        if u32::from_le_bytes(*last) & mask == 0 {
                            self.rest = tail;
                            return Ok(data);
                        }
                    }
                }
            }
        }
        self.read_raw_bytes_slow(what)
    }

    /// [`Reader::read_raw_bytes`] for the long form and for every error.
    #[inline(never)]
    fn read_raw_bytes_slow(&mut self, what: Item) -> Result<&'a [u8]> {
        let start = self.offset();
        let (len, header) = match self.rest.first() {
            Some(&b) if b < 254 => (usize::from(b), 1usize),
            Some(&254) => {
                let h = self.take_array::<4>(Item::Length)?;
                let len = u32::from_le_bytes(*h) >> 8;
                if len < 254 {
                    return Err(Self::error_at(ErrorKind::NonCanonicalLength { len }, start));
                }
                // `len` < 2^24, so it fits a usize on every target.
                (usize::try_from(len).unwrap_or(usize::MAX), 0)
            }
            Some(_) => return Err(self.error(ErrorKind::InvalidLengthPrefix)),
            None => return Err(self.end_of_input(Item::Length, 1)),
        };
        // The one-byte header has not been consumed yet: consume it.
        if header == 1 {
            self.rest = self.rest.get(1..).unwrap_or(&[]);
        }
        let prefix = if len < 254 { 1 } else { 4 };
        let Some((data, tail)) = self.rest.split_at_checked(len) else {
            return Err(Self::error_at(
                ErrorKind::UnexpectedEnd {
                    what,
                    needed: count32(len),
                    available: count32(self.rest.len()),
                },
                start,
            ));
        };
        self.rest = tail;
        // (prefix + len) % 4, without overflow: both are small.
        let pad = (4 - (prefix + len % 4) % 4) % 4;
        let padding = self.take(pad, Item::Padding)?;
        if let Some(pos) = padding.iter().position(|&b| b != 0) {
            let byte = padding.get(pos).copied().unwrap_or(0);
            let at = self.offset().saturating_sub(pad).saturating_add(pos);
            return Err(Self::error_at(ErrorKind::NonZeroPadding { byte }, at));
        }
        Ok(data)
    }

    /// `string`: a length (one byte below 254; else 254 and 3 bytes,
    /// little-endian), the data, zero padding to a multiple of 4.
    ///
    /// Only the canonical encoding is accepted, so that re-encoding what
    /// tlview accepts gives back the same bytes: a first byte of 255, the long
    /// form for a length below 254 and non-zero padding are errors. (Other
    /// clients are laxer about padding.)
    ///
    /// ```
    /// let mut r = tlview::Reader::new(&[3, b'a', b'b', b'c']);
    /// assert_eq!(r.read_string().unwrap().to_str(), Ok("abc"));
    /// // Non-zero padding is refused, and the error points at the bad byte.
    /// let e = tlview::Reader::new(&[1, b'a', 0, 7]).read_string().unwrap_err();
    /// assert_eq!(e.offset(), 3);
    /// ```
    #[inline]
    pub fn read_string(&mut self) -> Result<TlStr<'a>> {
        self.read_raw_bytes(Item::StringData).map(TlStr::new)
    }

    /// `bytes`: encoded exactly as `string`, read as raw bytes.
    #[inline]
    pub fn read_bytes(&mut self) -> Result<&'a [u8]> {
        self.read_raw_bytes(Item::BytesData)
    }

    /// A constructor id (4 bytes, little-endian).
    #[cfg_attr(any(debug_assertions, not(feature = "fast")), inline)]
    #[cfg_attr(all(not(debug_assertions), feature = "fast"), inline(always))]
    pub fn read_id(&mut self) -> Result<u32> {
        self.read_u32(Item::ConstructorId)
    }

    /// The next constructor id without consuming it.
    #[inline]
    pub fn peek_id(&self) -> Result<u32> {
        self.clone().read_id()
    }

    /// Reads an id and checks that it is `expected`; the error (at the id's
    /// offset) names both.
    #[cfg_attr(any(debug_assertions, not(feature = "fast")), inline)]
    #[cfg_attr(all(not(debug_assertions), feature = "fast"), inline(always))]
    pub fn expect_id(&mut self, expected: u32) -> Result<()> {
        let at = self.offset();
        let found = self.read_id()?;
        if found == expected {
            Ok(())
        } else {
            Err(Self::error_at(
                ErrorKind::UnexpectedConstructor { expected, found },
                at,
            ))
        }
    }

    /// Reads an id that must be one of `set`; returns it.
    pub fn expect_one_of(&mut self, set: &[u32]) -> Result<u32> {
        let at = self.offset();
        let found = self.read_id()?;
        if set.contains(&found) {
            Ok(found)
        } else {
            Err(Self::error_at(
                ErrorKind::UnknownConstructor { id: found },
                at,
            ))
        }
    }

    /// `Bool`: `boolTrue#997275b5` or `boolFalse#bc799737`; any other id is an
    /// [`ErrorKind::InvalidBool`] that names it.
    ///
    /// ```
    /// let b = 0x997275b5u32.to_le_bytes();
    /// assert_eq!(tlview::Reader::new(&b).read_bool().unwrap(), true);
    /// ```
    #[inline]
    pub fn read_bool(&mut self) -> Result<bool> {
        let at = self.offset();
        match self.read_u32(Item::Bool)? {
            BOOL_TRUE => Ok(true),
            BOOL_FALSE => Ok(false),
            id => Err(Self::error_at(ErrorKind::InvalidBool { id }, at)),
        }
    }

    /// A `flags:#` word. Test it with [`Flags::has`].
    #[cfg_attr(any(debug_assertions, not(feature = "fast")), inline)]
    #[cfg_attr(all(not(debug_assertions), feature = "fast"), inline(always))]
    pub fn read_flags(&mut self) -> Result<Flags> {
        self.read_u32(Item::Flags).map(Flags)
    }

    /// A bare vector's count, checked so that `count` elements of at least
    /// `min_elem_size` bytes (counted as 1 when smaller, so that even empty
    /// elements cannot make a loop longer than the input) fit in the bytes
    /// left. The check multiplies in 64 bits, so it cannot overflow on 32-bit
    /// targets.
    #[inline(always)]
    pub fn read_bare_vector_len(&mut self, min_elem_size: usize) -> Result<u32> {
        let at = self.offset();
        let count = self.read_u32(Item::VectorCount)?;
        let remaining = self.rest.len();
        // count × size ≤ remaining, in 64 bits (a multiply, not a division;
        // neither factor exceeds 2^32).
        let need = u64::from(count).saturating_mul(min_elem_size.max(1) as u64);
        if need > remaining as u64 {
            return Err(Self::error_at(
                ErrorKind::ImpossibleCount {
                    count,
                    remaining: count32(remaining),
                },
                at,
            ));
        }
        Ok(count)
    }

    /// A boxed vector's header: `vector#1cb5c415` then the count, checked as in
    /// [`Reader::read_bare_vector_len`].
    ///
    /// ```
    /// use tlview::{ErrorKind, Reader};
    /// let mut b = 0x1cb5c415u32.to_le_bytes().to_vec();
    /// b.extend(0x4000_0000u32.to_le_bytes()); // 2^30 ints...
    /// b.extend([0; 8]);                       // ...in 8 bytes
    /// let e = Reader::new(&b).read_vector_len(4).unwrap_err();
    /// assert_eq!(e.kind(), ErrorKind::ImpossibleCount { count: 0x4000_0000, remaining: 8 });
    /// ```
    #[cfg_attr(any(debug_assertions, not(feature = "fast")), inline)]
    #[cfg_attr(all(not(debug_assertions), feature = "fast"), inline(always))]
    pub fn read_vector_len(&mut self, min_elem_size: usize) -> Result<u32> {
        self.expect_id(VECTOR)?;
        self.read_bare_vector_len(min_elem_size)
    }

    /// A boxed `Vector<T>`: validates every element once and returns a lazy view.
    ///
    /// ```
    /// let mut b = 0x1cb5c415u32.to_le_bytes().to_vec();
    /// b.extend(2u32.to_le_bytes());
    /// b.extend(7i32.to_le_bytes());
    /// b.extend((-1i32).to_le_bytes());
    /// let v = tlview::Reader::new(&b).read_vector::<i32>().unwrap();
    /// assert_eq!(v.iter().collect::<Vec<_>>(), [7, -1]);
    /// assert_eq!(v.as_slice()[1].get(), -1);
    /// ```
    #[inline]
    pub fn read_vector<T: Element<'a>>(&mut self) -> Result<Vector<'a, T>> {
        let count = self.read_vector_len(T::MIN_SIZE)?;
        self.read_elements(count)
    }

    /// A bare `vector<T>`: count and elements, no id.
    #[inline]
    pub fn read_bare_vector<T: Element<'a>>(&mut self) -> Result<Vector<'a, T>> {
        let count = self.read_bare_vector_len(T::MIN_SIZE)?;
        self.read_elements(count)
    }

    fn read_elements<T: Element<'a>>(&mut self, count: u32) -> Result<Vector<'a, T>> {
        let start = self.rest;
        let base = self.offset();
        if let Some(size) = T::FIXED_SIZE {
            // The count check bounded count × size by the bytes left.
            let n = usize::try_from(count)
                .ok()
                .and_then(|c| c.checked_mul(size))
                .unwrap_or(usize::MAX);
            let bytes = self.take(n, Item::VectorElements)?;
            return Ok(Vector::from_parts(bytes, count, base));
        }
        for _ in 0..count {
            T::read(self)?;
        }
        let used = start.len().saturating_sub(self.rest.len());
        let bytes = start.get(..used).unwrap_or(&[]);
        Ok(Vector::from_parts(bytes, count, base))
    }
}

/// Reads that return `None` instead of an error: for the straight-line
/// decoders, which fall back to the careful path (and its error) whenever
/// anything is unusual. None of them builds an error, so the compiler can
/// keep them to a bounds check, a load and an add.
impl<'a> Reader<'a> {
    /// `N` bytes.
    #[cfg_attr(any(debug_assertions, not(feature = "fast")), inline)]
    #[cfg_attr(all(not(debug_assertions), feature = "fast"), inline(always))]
    pub(crate) fn take_opt<const N: usize>(&mut self) -> Option<&'a [u8; N]> {
        let (head, tail) = self.rest.split_first_chunk::<N>()?;
        self.rest = tail;
        Some(head)
    }

    /// The next `n` bytes; `None` (nothing consumed) if fewer are left.
    #[cfg_attr(any(debug_assertions, not(feature = "fast")), inline)]
    #[cfg_attr(all(not(debug_assertions), feature = "fast"), inline(always))]
    pub(crate) fn bytes_opt(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, tail) = self.rest.split_at_checked(n)?;
        self.rest = tail;
        Some(head)
    }

    /// Skips `n` bytes.
    #[cfg_attr(any(debug_assertions, not(feature = "fast")), inline)]
    #[cfg_attr(all(not(debug_assertions), feature = "fast"), inline(always))]
    pub(crate) fn skip_opt(&mut self, n: usize) -> Option<()> {
        self.rest = self.rest.get(n..)?;
        Some(())
    }

    /// A little-endian word.
    #[cfg_attr(any(debug_assertions, not(feature = "fast")), inline)]
    #[cfg_attr(all(not(debug_assertions), feature = "fast"), inline(always))]
    pub(crate) fn u32_opt(&mut self) -> Option<u32> {
        self.take_opt::<4>().map(|b| u32::from_le_bytes(*b))
    }

    /// An `int`.
    #[cfg_attr(any(debug_assertions, not(feature = "fast")), inline)]
    #[cfg_attr(all(not(debug_assertions), feature = "fast"), inline(always))]
    pub(crate) fn int_opt(&mut self) -> Option<i32> {
        self.take_opt::<4>().map(|b| i32::from_le_bytes(*b))
    }

    /// A canonical `string`'s bytes (either form; `None` for anything
    /// [`Reader::read_raw_bytes`] would refuse).
    #[cfg_attr(any(debug_assertions, not(feature = "fast")), inline)]
    #[cfg_attr(all(not(debug_assertions), feature = "fast"), inline(always))]
    pub(crate) fn string_opt(&mut self) -> Option<TlStr<'a>> {
        let (start, end, chunk, tail) = string_parts(self.rest)?;
        let data = chunk.get(start..end)?;
        self.rest = tail;
        Some(TlStr::new(data))
    }

    /// Skips a canonical `string` as [`Reader::string_opt`] reads it
    /// (`None` where that gives `None`), for validation: it does not make
    /// the slice of the data, and so has one check fewer.
    #[cfg_attr(any(debug_assertions, not(feature = "fast")), inline)]
    #[cfg_attr(all(not(debug_assertions), feature = "fast"), inline(always))]
    pub(crate) fn skip_string_opt(&mut self) -> Option<()> {
        let (_, _, _, tail) = string_parts(self.rest)?;
        self.rest = tail;
        Some(())
    }

    /// `N` little-endian words with one bounds check (a fixed run of
    /// fields).
    #[cfg_attr(any(debug_assertions, not(feature = "fast")), inline)]
    #[cfg_attr(all(not(debug_assertions), feature = "fast"), inline(always))]
    pub(crate) fn words_opt<const N: usize>(&mut self) -> Option<[u32; N]> {
        let (head, tail) = self.rest.split_at_checked(4 * N)?;
        self.rest = tail;
        let mut words = [0u32; N];
        for (w, b) in words.iter_mut().zip(head.chunks_exact(4)) {
            if let Ok(b) = <[u8; 4]>::try_from(b) {
                *w = u32::from_le_bytes(b);
            }
        }
        Some(words)
    }

    /// Skips a `string` already validated, by its length header alone (no
    /// check of the form or the padding). `None` only where the bytes are
    /// cut, which validated bytes never are.
    #[cfg_attr(any(debug_assertions, not(feature = "fast")), inline)]
    #[cfg_attr(all(not(debug_assertions), feature = "fast"), inline(always))]
    pub(crate) fn skip_string_valid(&mut self) -> Option<()> {
        let first = *self.rest.first()?;
        let size = if first < 254 {
            (usize::from(first) + 4) & !3
        } else {
            let len = (u32::from_le_bytes(*self.rest.first_chunk::<4>()?) >> 8) as usize;
            (len + 7) & !3
        };
        self.skip_opt(size)
    }

    /// A `string` already validated (by [`Reader::string_opt`] or
    /// [`Reader::read_raw_bytes`]): its bytes, without checking the form
    /// or the padding again. `None` only where the bytes are cut, which
    /// validated bytes never are.
    #[cfg_attr(any(debug_assertions, not(feature = "fast")), inline)]
    #[cfg_attr(all(not(debug_assertions), feature = "fast"), inline(always))]
    pub(crate) fn string_valid(&mut self) -> Option<TlStr<'a>> {
        let (data, size) = string_at(self.rest, 0);
        // A cut string (never in validated bytes) ends past the input.
        self.rest = self.rest.get(size..)?;
        Some(TlStr::new(data))
    }
}

/// The `string` at byte `at` of bytes already validated: its data and its
/// whole size on the wire (length header, data and padding). Empty and 0
/// where the bytes are cut, which validated bytes never are.
#[inline(always)]
pub(crate) fn string_at(bytes: &[u8], at: usize) -> (&[u8], usize) {
    let first = bytes.get(at).map_or(0, |&b| usize::from(b));
    let (start, len) = if first < 254 {
        (1, first)
    } else {
        (4, (int_at(bytes, at) as u32 >> 8) as usize)
    };
    // One bounds check for the data; `at` is below the length when the
    // header is there, so the sums cannot wrap (and wrap harmlessly into
    // an empty result when it is not).
    let data_at = at.wrapping_add(start);
    let data = bytes.get(data_at..data_at.wrapping_add(len)).unwrap_or(&[]);
    (data, (start + len + 3) & !3)
}

/// The `int` at byte `at` of bytes already validated (lazy views read their
/// fixed fields with it): 0 where they are cut, which validated bytes never
/// are.
#[inline]
pub(crate) fn int_at(bytes: &[u8], at: usize) -> i32 {
    // One comparison (`at + 4` against the length) where `at` is known
    // small, as the views' `u32` positions are.
    let word = at.checked_add(4).and_then(|end| bytes.get(at..end));
    match word.and_then(|w| <[u8; 4]>::try_from(w).ok()) {
        Some(w) => i32::from_le_bytes(w),
        None => 0,
    }
}

/// The whole size (header, data, padding) of the canonical `string` at
/// the start of `rest`; `None` for anything [`Reader::read_raw_bytes`]
/// would refuse.
#[cfg_attr(any(debug_assertions, not(feature = "fast")), inline)]
#[cfg_attr(all(not(debug_assertions), feature = "fast"), inline(always))]
pub(crate) fn string_size_opt(rest: &[u8]) -> Option<usize> {
    string_parts(rest).map(|(_, _, chunk, _)| chunk.len())
}

/// The bytes after the canonical `string` at the start of `rest`; `None`
/// for anything [`Reader::read_raw_bytes`] would refuse.
#[cfg_attr(any(debug_assertions, not(feature = "fast")), inline)]
#[cfg_attr(all(not(debug_assertions), feature = "fast"), inline(always))]
pub(crate) fn after_string(rest: &[u8]) -> Option<&[u8]> {
    string_parts(rest).map(|(_, _, _, tail)| tail)
}

/// A canonical `string` at the start of `rest`: where its data starts and
/// ends in it, the whole string with its padding, and what follows; `None`
/// for anything [`Reader::read_raw_bytes`] would refuse.
#[cfg_attr(any(debug_assertions, not(feature = "fast")), inline)]
#[cfg_attr(all(not(debug_assertions), feature = "fast"), inline(always))]
fn string_parts(rest: &[u8]) -> Option<(usize, usize, &[u8], &[u8])> {
    let b = *rest.first()?;
    if b >= 254 {
        return long_string_parts(rest);
    }
    // The short form: one length byte, then the data.
    let end = 1 + usize::from(b);
    let total = (end + 3) & !3;
    let (chunk, tail) = rest.split_at_checked(total)?;
    padding_ok(chunk, end).then_some((1, end, chunk, tail))
}

/// [`string_parts`] for the long form (254, then a 3-byte length of at
/// least 254). Inline with `fast`: a call in a straight-line validator,
/// even one never taken, makes every value that lives across it take a
/// callee-saved register, which costs the validator a prologue and spills
/// on every message (`updates_50`: 1 670 instructions, 6.6%). Out of line
/// without `fast`, where size comes first.
#[cfg_attr(any(debug_assertions, not(feature = "fast")), inline(never))]
#[cfg_attr(all(not(debug_assertions), feature = "fast"), inline(always))]
fn long_string_parts(rest: &[u8]) -> Option<(usize, usize, &[u8], &[u8])> {
    let h = rest.first_chunk::<4>()?;
    if h[0] != 254 {
        return None;
    }
    let len = u32::from_le_bytes(*h) >> 8;
    if len < 254 {
        return None;
    }
    let end = 4 + len as usize;
    let total = (end + 3) & !3;
    let (chunk, tail) = rest.split_at_checked(total)?;
    padding_ok(chunk, end).then_some((4, end, chunk, tail))
}

/// Whether a string's padding (0 to 3 bytes, the top of its last word,
/// above the word's 1 to 4 data bytes) is zero: `chunk` is the whole
/// string, `end` where its data ends. Shifted out with the data bytes,
/// nothing may be left.
#[inline(always)]
fn padding_ok(chunk: &[u8], end: usize) -> bool {
    let data_bits = (end + 4 - chunk.len()) * 8;
    chunk
        .last_chunk::<4>()
        .is_some_and(|last| u64::from(u32::from_le_bytes(*last)) >> data_bits == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `string_opt` (the straight-line decoders' read) accepts exactly what
    /// `read_raw_bytes` accepts, with the same data and the same end, on
    /// both length forms, every cut, bad padding in each position and
    /// non-canonical lengths; and `string_valid` and `string_at` re-read
    /// what it accepted to the same data and end.
    #[test]
    fn string_opt_agrees_with_read_raw_bytes() {
        let mut inputs: Vec<Vec<u8>> = Vec::new();
        for len in (0..300).chain([508, 509, 510, 511, 1000]) {
            let data: Vec<u8> = (0..len).map(|i| (i * 7 + 1) as u8).collect();
            let mut enc = if len < 254 {
                vec![len as u8]
            } else {
                vec![254, len as u8, (len >> 8) as u8, (len >> 16) as u8]
            };
            enc.extend(&data);
            while enc.len() % 4 != 0 {
                enc.push(0);
            }
            // Every padding byte set, one at a time.
            let body = if len < 254 { 1 + len } else { 4 + len };
            for p in body..enc.len() {
                let mut bad = enc.clone();
                bad[p] = 1;
                inputs.push(bad);
            }
            for cut in [0, 1, enc.len() / 2, enc.len().saturating_sub(1)] {
                inputs.push(enc[..cut].to_vec());
            }
            enc.extend([9, 9, 9, 9]);
            inputs.push(enc);
        }
        // The long form with short lengths, and 255.
        inputs.push(vec![254, 3, 0, 0, 1, 2, 3, 0]);
        inputs.push(vec![254, 253, 0, 0]);
        inputs.push(vec![255, 0, 0, 0]);
        for input in &inputs {
            let mut a = Reader::new(input);
            let mut b = Reader::new(input);
            let slow = a.read_raw_bytes(Item::StringData).ok();
            let fast = b.string_opt().map(|s| s.as_bytes());
            assert_eq!(fast, slow, "{input:?}");
            // The skip accepts the same strings and ends at the same place.
            let mut d = Reader::new(input);
            assert_eq!(d.skip_string_opt().is_some(), fast.is_some(), "{input:?}");
            if fast.is_some() {
                assert_eq!(d.offset(), b.offset());
            } else {
                assert_eq!(d.offset(), 0);
            }
            if fast.is_some() {
                assert_eq!(a.offset(), b.offset());
                // The re-read of validated bytes gives the same string and
                // the same end.
                let mut c = Reader::new(input);
                assert_eq!(c.string_valid().map(|s| s.as_bytes()), fast);
                assert_eq!(c.offset(), b.offset());
                // So does the positional re-read, also behind a prefix.
                assert_eq!(string_at(input, 0), (fast.unwrap_or(&[]), b.offset()));
                let mut shifted = vec![7u8; 8];
                shifted.extend_from_slice(input);
                assert_eq!(string_at(&shifted, 8), (fast.unwrap_or(&[]), b.offset()));
            }
        }
    }

    /// `words_opt` reads `N` little-endian words with one check: all of
    /// them, or none (nothing consumed) when fewer than `4 * N` bytes are
    /// left.
    #[test]
    fn words_opt_reads_all_or_nothing() {
        let bytes: Vec<u8> = (1u8..=13).collect();
        for cut in 0..=bytes.len() {
            let mut r = Reader::new(&bytes[..cut]);
            let got = r.words_opt::<3>();
            if cut >= 12 {
                assert_eq!(got, Some([0x0403_0201, 0x0807_0605, 0x0c0b_0a09]));
                assert_eq!(r.offset(), 12);
            } else {
                assert_eq!(got, None);
                assert_eq!(r.offset(), 0);
            }
        }
        assert_eq!(Reader::new(&[]).words_opt::<0>(), Some([]));
    }

    /// `bytes_opt` takes exactly `n` bytes, or nothing (`None`, the reader
    /// not moved) when fewer are left.
    #[test]
    fn bytes_opt_takes_n_bytes_or_nothing() {
        let bytes: Vec<u8> = (1u8..=10).collect();
        let mut r = Reader::with_base(&bytes, 100);
        assert_eq!(r.bytes_opt(3), Some(&[1u8, 2, 3][..]));
        assert_eq!(r.offset(), 103);
        assert_eq!(r.bytes_opt(0), Some(&[][..]));
        assert_eq!(r.offset(), 103);
        assert_eq!(r.bytes_opt(8), None);
        assert_eq!(r.offset(), 103);
        assert_eq!(r.bytes_opt(usize::MAX), None);
        assert_eq!(r.bytes_opt(7), Some(&[4u8, 5, 6, 7, 8, 9, 10][..]));
        assert!(r.is_empty());
        assert_eq!(r.offset(), 110);
        assert_eq!(r.bytes_opt(1), None);
        assert_eq!(r.bytes_opt(0), Some(&[][..]));
    }

    /// `string_size_opt` gives the whole size of a canonical `string` on
    /// the wire (length header, data, zero padding to a multiple of 4),
    /// whatever follows it; `None` for a cut one, non-zero padding, 255,
    /// and the long form of a length below 254.
    #[test]
    fn string_size_opt_golden() {
        /// `len` bytes of data in the short form (`len` < 254).
        fn short(len: usize) -> Vec<u8> {
            let mut v = vec![len as u8];
            v.extend((0..len).map(|i| i as u8 | 0x80));
            v
        }
        /// `len` bytes of data in the long form: 254, then `len` in 3
        /// little-endian bytes.
        fn long(len: usize) -> Vec<u8> {
            let mut v = vec![254, len as u8, (len >> 8) as u8, (len >> 16) as u8];
            v.extend((0..len).map(|i| i as u8 | 0x80));
            v
        }
        fn pad(mut v: Vec<u8>, n: usize) -> Vec<u8> {
            v.extend(core::iter::repeat_n(0, n));
            v
        }
        // (encoding, its size): the header byte and the data, padded.
        let good = [
            (pad(short(0), 3), 4),      // 1 + 0, 3 bytes of padding
            (short(3), 4),              // 1 + 3, none
            (pad(short(4), 3), 8),      // 1 + 4, 3
            (pad(short(5), 2), 8),      // 1 + 5, 2
            (pad(short(6), 1), 8),      // 1 + 6, 1
            (pad(short(253), 2), 256),  // 1 + 253, 2
            (pad(long(254), 2), 260),   // 4 + 254, 2
            (pad(long(255), 1), 260),   // 4 + 255, 1
            (long(300), 304),           // 4 + 300, none
            (pad(long(301), 3), 308),   // 4 + 301, 3
            (long(0x1_0000), 0x1_0004), // 4 + 65536, none
        ];
        for (enc, size) in &good {
            assert_eq!(enc.len(), *size);
            assert_eq!(string_size_opt(enc), Some(*size), "{:x?}", &enc[..8]);
            let mut more = enc.clone();
            more.extend([0xff, 0xff, 0xff, 0xff, 7]);
            assert_eq!(string_size_opt(&more), Some(*size));
            // Every cut is refused.
            for cut in [0, 1, 3, size / 2, size - 1] {
                assert_eq!(string_size_opt(&enc[..cut]), None, "cut at {cut} of {size}");
            }
            // And so is any padding byte that is not zero.
            let data_end = if enc[0] < 254 {
                1 + usize::from(enc[0])
            } else {
                4 + u32::from_le_bytes([enc[1], enc[2], enc[3], 0]) as usize
            };
            for p in data_end..*size {
                let mut bad = enc.clone();
                bad[p] = 1;
                assert_eq!(string_size_opt(&bad), None, "padding byte {p} of {size}");
            }
        }
        // The long form of lengths below 254, and 255.
        assert_eq!(string_size_opt(&[254, 3, 0, 0, 1, 2, 3, 0]), None);
        assert_eq!(string_size_opt(&pad(long(253), 3)), None);
        assert_eq!(string_size_opt(&[254, 0, 0, 0]), None);
        assert_eq!(string_size_opt(&[255, 0, 0, 0, 0, 0, 0, 0]), None);
        assert_eq!(string_size_opt(&[]), None);
    }
}
