//! Encoding typed values: the [`Encode`] trait that every generated form
//! ([`crate::build`]) and every decoded view implements, and the pieces a
//! form is built from: [`List`] for vectors and [`Raw`] for an object that
//! is already encoded.
//!
//! A form is a plain struct of the schema's fields: the caller sets values,
//! the form computes its flags words (they are no field of it, so a caller
//! cannot set one wrongly), its exact size ([`Encode::encoded_len`]) and
//! writes itself into any [`Sink`] without allocating. A full sink is an
//! error that says how many bytes were needed (`encode_to_slice` works the
//! size out only then, so a write that fits passes over the value once).
//!
//! ```
//! use tlview::build::{enums::InputUser, functions::contacts::AcceptContact, types::InputUser as User};
//! use tlview::encode::Encode;
//!
//! let id = InputUser::InputUser(User { user_id: 5, access_hash: 7 });
//! let request = AcceptContact { id: &id };
//! let mut buf = [0u8; 20];
//! assert_eq!(request.encoded_len(), 20);
//! assert_eq!(request.encode_to_slice(&mut buf)?, 20);
//! // contacts.acceptContact#f831a20f, inputUser#d8292816, 5, 7
//! assert_eq!(buf[..8], [0x0f, 0xa2, 0x31, 0xf8, 0x16, 0x28, 0x29, 0xd8]);
//! // Too small a buffer: an error naming the size.
//! let e = request.encode_to_slice(&mut [0u8; 12]).unwrap_err();
//! assert_eq!(e.to_string(), "output buffer is full at byte 0: needs 20 bytes, room for 12");
//! # Ok::<(), tlview::Error>(())
//! ```
//!
//! A form's flags words cannot be set: there is no such field.
//!
//! ```compile_fail,E0560
//! use tlview::build::types::UpdateShortSentMessage;
//! let _ = UpdateShortSentMessage {
//!     flags: 2, // no such field: the encoder computes it
//!     out: true,
//!     id: 1,
//!     pts: 2,
//!     pts_count: 1,
//!     date: 3,
//!     media: None,
//!     entities: None,
//! };
//! ```

use crate::cursor::{self, Out};
use crate::error::{count32, Result};
use crate::object::Object;
use crate::sink::Sink;
use crate::string::TlStr;
use crate::vector::{Element, Vector};
use crate::view::Typed;
use crate::writer::Writer;

pub use crate::cursor::string_len;

/// A value that writes itself as TL: a generated form of [`crate::build`]
/// (boxed: its constructor id, then its fields), a decoded view (its bytes
/// again: decoding accepts only canonical bytes, so they are its encoding),
/// or a [`Raw`] object.
///
/// Each one writes itself by cursor ([`Encode::write_to`]); the other
/// methods are built on that and on its exact size.
pub trait Encode {
    /// The exact number of bytes [`Encode::encode`] writes.
    fn encoded_len(&self) -> usize;

    /// Writes it at the start of `out` and returns the rest of `out`; a
    /// [`Stop`](cursor::Stop) when it does not fit (the bytes that fitted may have been
    /// written). The one method a form implements: [`crate::cursor`] says
    /// why a cursor.
    fn write_to<'b>(&self, out: &'b mut [u8]) -> Out<'b>;

    /// Writes it into `w`'s sink: its size first, then itself into that
    /// much room ([`Sink::put_with`]).
    #[inline]
    fn encode<S: Sink>(&self, w: &mut Writer<S>) -> Result<()> {
        w.write_with(self.encoded_len(), &mut |out| self.write_to(out).map(drop))
    }

    /// Writes it at the start of `buf`; returns its length. A buffer that is
    /// too small is an error that says how much was needed (the bytes that
    /// fitted may have been written). The size is worked out only then: a
    /// write that fits passes over the value once.
    #[inline]
    fn encode_to_slice(&self, buf: &mut [u8]) -> Result<usize> {
        let capacity = buf.len();
        match self.write_to(buf) {
            Ok(rest) => Ok(capacity - rest.len()),
            Err(stop) => Err(stop.into_error(0, self.encoded_len(), capacity)),
        }
    }

    /// Its encoding in a new `Vec` (feature `alloc`).
    #[cfg(feature = "alloc")]
    fn to_vec(&self) -> Result<alloc::vec::Vec<u8>> {
        let mut v = alloc::vec::Vec::new();
        self.encode(&mut Writer::new(&mut v))?;
        Ok(v)
    }
}

/// A decoded view is sent back as it came: its constructor id, then its
/// field bytes, borrowed from the message it was decoded from.
impl<'a, T: Typed<'a>> Encode for T {
    #[inline]
    fn encoded_len(&self) -> usize {
        self.as_object().body().len().saturating_add(4)
    }
    #[inline]
    fn write_to<'b>(&self, out: &'b mut [u8]) -> Out<'b> {
        let o: Object<'a> = self.as_object();
        let out = cursor::put(out, o.id().to_le_bytes())?;
        cursor::raw(out, o.body())
    }
}

/// An object that is already encoded, boxed (its constructor id first):
/// what a form holds where the schema says any object (`Object`), written
/// as it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Raw<'a>(pub &'a [u8]);

impl Encode for Raw<'_> {
    #[inline]
    fn encoded_len(&self) -> usize {
        self.0.len()
    }
    #[inline]
    fn write_to<'b>(&self, out: &'b mut [u8]) -> Out<'b> {
        cursor::raw(out, self.0)
    }
}

impl<'a> From<Object<'a>> for Raw<'a> {
    /// A decoded object, boxed (a bare one gets its constructor id back).
    /// Its bytes are borrowed when it was boxed in the message.
    #[inline]
    fn from(o: Object<'a>) -> Raw<'a> {
        Raw(o.boxed_bytes())
    }
}

/// How one vector element is written: a number, a string, a type's form
/// (boxed) or a constructor's form (bare, as `vector<%T>` holds it).
pub trait VectorItem {
    /// Its size in bytes.
    fn item_len(&self) -> usize;
    /// Writes it by cursor, as [`Encode::write_to`].
    fn write_item_to<'b>(&self, out: &'b mut [u8]) -> Out<'b>;
}

macro_rules! fixed_items {
    ($($t:ty, $n:expr, |$v:ident| $bytes:expr;)*) => {$(
        impl VectorItem for $t {
            #[inline]
            fn item_len(&self) -> usize {
                $n
            }
            #[inline]
            fn write_item_to<'b>(&self, out: &'b mut [u8]) -> Out<'b> {
                let $v = self;
                cursor::put(out, $bytes)
            }
        }
    )*};
}

fixed_items! {
    i32, 4, |v| v.to_le_bytes();
    i64, 8, |v| v.to_le_bytes();
    f64, 8, |v| v.to_le_bytes();
    [u8; 16], 16, |v| *v;
    [u8; 32], 32, |v| *v;
    bool, 4, |v| bool_bytes(*v);
}

impl VectorItem for TlStr<'_> {
    #[inline]
    fn item_len(&self) -> usize {
        string_len(self.len())
    }
    #[inline]
    fn write_item_to<'b>(&self, out: &'b mut [u8]) -> Out<'b> {
        cursor::string(out, self.as_bytes())
    }
}

impl VectorItem for &[u8] {
    #[inline]
    fn item_len(&self) -> usize {
        string_len(self.len())
    }
    #[inline]
    fn write_item_to<'b>(&self, out: &'b mut [u8]) -> Out<'b> {
        cursor::string(out, self)
    }
}

/// A vector field of a form: elements given as a slice, or the elements of
/// a decoded vector sent back as they came.
///
/// ```
/// use tlview::encode::{Encode, List};
/// use tlview::build::functions::messages::GetMessagesViews;
/// # use tlview::build::enums::InputPeer;
/// let peer = InputPeer::Empty(tlview::build::types::InputPeerEmpty {});
/// let ids = [7, 8];
/// let q = GetMessagesViews { peer: &peer, id: List::from(&ids), increment: true };
/// assert_eq!(q.encoded_len(), 4 + 4 + 16 + 4);
/// # Ok::<(), tlview::Error>(())
/// ```
#[derive(Debug)]
pub enum List<'a, T> {
    /// The elements, each written as [`VectorItem`] says.
    Items(&'a [T]),
    /// `count` elements already encoded (a decoded [`Vector`]'s bytes).
    Encoded {
        /// How many elements `bytes` holds.
        count: u32,
        /// Their bytes, after the vector's count.
        bytes: &'a [u8],
    },
}

impl<T> Clone for List<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for List<'_, T> {}

impl<T> Default for List<'_, T> {
    /// An empty vector.
    fn default() -> Self {
        List::Items(&[])
    }
}

impl<'a, T> From<&'a [T]> for List<'a, T> {
    #[inline]
    fn from(items: &'a [T]) -> Self {
        List::Items(items)
    }
}

impl<'a, T, const N: usize> From<&'a [T; N]> for List<'a, T> {
    #[inline]
    fn from(items: &'a [T; N]) -> Self {
        List::Items(items)
    }
}

/// A decoded vector goes back in as its bytes, with no copy per element.
impl<'a, V: Element<'a> + Form> From<Vector<'a, V>> for List<'a, V::Form> {
    #[inline]
    fn from(v: Vector<'a, V>) -> Self {
        List::Encoded {
            count: count32(v.len()),
            bytes: v.as_bytes(),
        }
    }
}

impl<T: VectorItem> List<'_, T> {
    /// How many elements it has.
    #[inline]
    pub fn len(&self) -> usize {
        match self {
            List::Items(items) => items.len(),
            List::Encoded { count, .. } => *count as usize,
        }
    }

    /// Whether it has none.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Its encoded size: the `vector` id when `boxed`, the count, the
    /// elements.
    #[inline]
    pub fn vector_len(&self, boxed: bool) -> usize {
        let head = if boxed { 8 } else { 4 };
        let body = match self {
            List::Items(items) => items
                .iter()
                .fold(0usize, |n, x| n.saturating_add(x.item_len())),
            List::Encoded { bytes, .. } => bytes.len(),
        };
        body.saturating_add(head)
    }

    /// Writes it by cursor: the `vector` id when `boxed`, the count, the
    /// elements.
    #[inline]
    pub fn write_vector_to<'b>(&self, out: &'b mut [u8], boxed: bool) -> Out<'b> {
        let out = if boxed {
            cursor::put(out, crate::reader::VECTOR.to_le_bytes())?
        } else {
            out
        };
        match self {
            List::Items(items) => {
                let mut out = cursor::count(out, items.len())?;
                for x in items.iter() {
                    out = x.write_item_to(out)?;
                }
                Ok(out)
            }
            List::Encoded { count, bytes } => {
                let out = cursor::put(out, count.to_le_bytes())?;
                cursor::raw(out, bytes)
            }
        }
    }
}

/// The form that a decoded value goes back into: `i32` for `i32`, the
/// type's form enum for a type's view, and so on. What lets a decoded
/// [`Vector`] become a [`List`] of the right element.
pub trait Form {
    /// The form.
    type Form;
}

macro_rules! same_form {
    ($($view:ty => $form:ty),*) => {$(
        impl<'a> Form for $view {
            type Form = $form;
        }
    )*};
}

same_form!(
    i32 => i32,
    i64 => i64,
    f64 => f64,
    bool => bool,
    &'a [u8; 16] => [u8; 16],
    &'a [u8; 32] => [u8; 32],
    TlStr<'a> => TlStr<'a>,
    &'a [u8] => &'a [u8]
);

/// Copies `v` into `run` at `at`: how a generated form builds a run of
/// fixed-size fields before writing it at once (constant offsets: the
/// bounds checks fold away).
#[doc(hidden)]
#[inline(always)]
pub fn put<const M: usize, const N: usize>(run: &mut [u8; N], at: usize, v: [u8; M]) {
    if let Some(dst) = run.get_mut(at..at.saturating_add(M)) {
        dst.copy_from_slice(&v);
    }
}

/// A `Bool` as its constructor id's bytes.
#[doc(hidden)]
#[inline(always)]
pub const fn bool_bytes(v: bool) -> [u8; 4] {
    let id = if v {
        crate::reader::BOOL_TRUE
    } else {
        crate::reader::BOOL_FALSE
    };
    id.to_le_bytes()
}

/// The length word of `message`'s body (`bytes:int`), which the form
/// computes from the body it holds.
#[inline]
pub fn length_word(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::sink::SliceSink;

    /// What `f` writes, collected.
    fn written(f: impl FnOnce(&mut Writer<SliceSink<'_>>) -> Result<()>) -> Vec<u8> {
        let mut buf = [0u8; 2048];
        let mut w = Writer::new(SliceSink::new(&mut buf));
        f(&mut w).unwrap();
        let n = w.finish();
        buf[..n].to_vec()
    }

    /// What a cursor write of `f` writes, collected.
    fn by_cursor(f: impl for<'b> FnOnce(&'b mut [u8]) -> Out<'b>) -> Vec<u8> {
        let mut buf = [0u8; 2048];
        let rest = f(&mut buf).unwrap().len();
        buf[..2048 - rest].to_vec()
    }

    #[test]
    fn string_sizes_match_the_writer() {
        for len in [0usize, 1, 2, 3, 4, 5, 252, 253, 254, 255, 256, 257, 1000] {
            let data = vec![7u8; len];
            let v = written(|w| w.write_string(&data));
            assert_eq!(string_len(len), v.len(), "len {len}");
            assert_eq!(TlStr::new(&data).item_len(), v.len());
        }
    }

    #[test]
    fn lists_write_their_header_and_items() {
        let items = [1i32, -2];
        let l = List::from(&items);
        let v = by_cursor(|o| l.write_vector_to(o, true));
        assert_eq!(v.len(), l.vector_len(true));
        assert_eq!(
            v,
            [0x15, 0xc4, 0xb5, 0x1c, 2, 0, 0, 0, 1, 0, 0, 0, 0xfe, 0xff, 0xff, 0xff]
        );
        let bare = by_cursor(|o| l.write_vector_to(o, false));
        assert_eq!(bare, v[4..]);
        assert_eq!(l.vector_len(false), 12);
        // A decoded vector goes back as its bytes.
        let decoded = crate::Reader::new(&v).read_vector::<i32>().unwrap();
        let again = List::<i32>::from(decoded);
        assert_eq!(by_cursor(|o| again.write_vector_to(o, true)), v);
        assert_eq!(again.len(), 2);
        assert!(!again.is_empty());
        assert!(List::<i32>::default().is_empty());
    }

    #[test]
    fn a_length_word_saturates() {
        assert_eq!(length_word(12), 12);
        assert_eq!(length_word(usize::MAX), i32::MAX);
    }
}
