//! [`Sink`]: where a [`Writer`](crate::Writer) puts bytes. A caller's slice, a
//! `heapless::Vec`, a byte counter, or (feature `alloc`) a `Vec<u8>`.

use crate::cursor::Stop;
use crate::error::{count32, Error, ErrorKind, Result};

/// What [`Sink::put_with`] hands the room to: it writes into the slice it is
/// given (all of it, when it succeeds) or says why it stopped.
pub type Fill<'f> = dyn FnMut(&mut [u8]) -> core::result::Result<(), Stop> + 'f;

/// A destination for encoded bytes. A full sink is an error
/// ([`ErrorKind::SinkFull`], saying how many bytes were needed), never a panic.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a tlview `Sink`",
    note = "a `Vec<u8>` is a `Sink` with tlview's `alloc` feature (the core never allocates); \
            without it, write into a slice (`SliceSink`) or a `heapless::Vec<u8, N>`"
)]
pub trait Sink {
    /// Appends `bytes`, all or nothing.
    fn put(&mut self, bytes: &[u8]) -> Result<()>;
    /// Bytes written so far.
    fn written(&self) -> usize;
    /// Hands `fill` the next `n` bytes of room and keeps them when it
    /// succeeds: how a value that knows its exact size beforehand (a
    /// generated form) writes itself by cursor ([`crate::cursor`]). No room
    /// is [`ErrorKind::SinkFull`]; a [`Stop`] from `fill` is its error, at
    /// the sink's position, and the sink keeps none of the `n` bytes.
    fn put_with(&mut self, n: usize, fill: &mut Fill<'_>) -> Result<()>;
}

#[cold]
fn full(written: usize, more: usize, capacity: usize) -> Error {
    Error::new(
        ErrorKind::SinkFull {
            needed: count32(written.saturating_add(more)),
            capacity: count32(capacity),
        },
        written,
    )
}

/// A sink over a caller's buffer.
///
/// ```
/// use tlview::{SliceSink, Writer};
/// let mut buf = [0u8; 8];
/// let mut w = Writer::new(SliceSink::new(&mut buf));
/// w.write_int(1).unwrap();
/// w.write_int(2).unwrap();
/// let e = w.write_int(3).unwrap_err();
/// assert_eq!(e.to_string(), "output buffer is full at byte 8: needs 12 bytes, room for 8");
/// ```
#[derive(Debug)]
pub struct SliceSink<'b> {
    buf: &'b mut [u8],
    pos: usize,
}

impl<'b> SliceSink<'b> {
    /// A sink writing from the start of `buf`.
    pub fn new(buf: &'b mut [u8]) -> SliceSink<'b> {
        SliceSink { buf, pos: 0 }
    }
    /// The bytes written so far.
    pub fn filled(&self) -> &[u8] {
        self.buf.get(..self.pos).unwrap_or(&[])
    }
    /// Gives back the written part of the buffer.
    pub fn into_filled(self) -> &'b mut [u8] {
        let pos = self.pos;
        self.buf.get_mut(..pos).unwrap_or(&mut [])
    }
}

impl Sink for SliceSink<'_> {
    #[inline]
    fn put(&mut self, bytes: &[u8]) -> Result<()> {
        let cap = self.buf.len();
        let end = self.pos.checked_add(bytes.len());
        match end.and_then(|e| self.buf.get_mut(self.pos..e)) {
            Some(dst) => {
                dst.copy_from_slice(bytes);
                self.pos += bytes.len();
                Ok(())
            }
            None => Err(full(self.pos, bytes.len(), cap)),
        }
    }
    #[inline]
    fn written(&self) -> usize {
        self.pos
    }
    #[inline]
    fn put_with(&mut self, n: usize, fill: &mut Fill<'_>) -> Result<()> {
        let (pos, cap) = (self.pos, self.buf.len());
        let room = pos.checked_add(n).and_then(|e| self.buf.get_mut(pos..e));
        match room {
            Some(dst) => match fill(dst) {
                Ok(()) => {
                    self.pos += n;
                    Ok(())
                }
                Err(stop) => Err(stop.into_error(pos, pos.saturating_add(n), cap)),
            },
            None => Err(full(pos, n, cap)),
        }
    }
}

/// A sink that only counts: the exact encoded size, before writing anything.
///
/// ```
/// use tlview::{SizeCounter, Writer};
/// let mut w = Writer::new(SizeCounter::new());
/// w.write_string(b"hello").unwrap(); // 1 + 5, padded to 8
/// assert_eq!(w.finish(), 8);
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct SizeCounter {
    n: usize,
}

impl SizeCounter {
    /// A counter at zero.
    pub const fn new() -> SizeCounter {
        SizeCounter { n: 0 }
    }
}

impl Sink for SizeCounter {
    #[inline]
    fn put(&mut self, bytes: &[u8]) -> Result<()> {
        self.n = self.n.saturating_add(bytes.len());
        Ok(())
    }
    #[inline]
    fn written(&self) -> usize {
        self.n
    }
    /// Counts the `n` bytes; `fill` is not called (there is nothing to
    /// write into).
    #[inline]
    fn put_with(&mut self, n: usize, _fill: &mut Fill<'_>) -> Result<()> {
        self.n = self.n.saturating_add(n);
        Ok(())
    }
}

impl<const N: usize> Sink for heapless::Vec<u8, N> {
    #[inline]
    fn put(&mut self, bytes: &[u8]) -> Result<()> {
        let len = self.len();
        self.extend_from_slice(bytes)
            .map_err(|_| full(len, bytes.len(), N))
    }
    #[inline]
    fn written(&self) -> usize {
        self.len()
    }
    #[inline]
    fn put_with(&mut self, n: usize, fill: &mut Fill<'_>) -> Result<()> {
        let len = self.len();
        let end = match len.checked_add(n) {
            Some(end) if end <= N => end,
            _ => return Err(full(len, n, N)),
        };
        // `end` <= N: the resize cannot fail.
        let _ = self.resize(end, 0);
        let done = match self.get_mut(len..) {
            Some(dst) => fill(dst),
            None => Err(Stop::Full),
        };
        done.map_err(|stop| {
            self.truncate(len);
            stop.into_error(len, end, N)
        })
    }
}

#[cfg(feature = "alloc")]
impl Sink for alloc::vec::Vec<u8> {
    #[inline]
    fn put(&mut self, bytes: &[u8]) -> Result<()> {
        self.extend_from_slice(bytes);
        Ok(())
    }
    #[inline]
    fn written(&self) -> usize {
        self.len()
    }
    #[inline]
    fn put_with(&mut self, n: usize, fill: &mut Fill<'_>) -> Result<()> {
        let len = self.len();
        self.resize(len.saturating_add(n), 0);
        let done = match self.get_mut(len..) {
            Some(dst) => fill(dst),
            None => Err(Stop::Full),
        };
        done.map_err(|stop| {
            self.truncate(len);
            let cap = self.capacity();
            stop.into_error(len, len.saturating_add(n), cap)
        })
    }
}

impl<S: Sink + ?Sized> Sink for &mut S {
    #[inline]
    fn put(&mut self, bytes: &[u8]) -> Result<()> {
        (**self).put(bytes)
    }
    #[inline]
    fn written(&self) -> usize {
        (**self).written()
    }
    #[inline]
    fn put_with(&mut self, n: usize, fill: &mut Fill<'_>) -> Result<()> {
        (**self).put_with(n, fill)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cursor;

    /// Writes an int and the string "abc" by cursor: 8 bytes.
    fn eight(out: &mut [u8]) -> core::result::Result<(), Stop> {
        let out = cursor::put(out, 5i32.to_le_bytes())?;
        cursor::string(out, b"abc").map(drop)
    }
    const EIGHT: [u8; 8] = [5, 0, 0, 0, 3, b'a', b'b', b'c'];

    /// A `fill` that stops at once, as a too-long string does.
    fn too_long(_: &mut [u8]) -> core::result::Result<(), Stop> {
        Err(Stop::StringTooLong(1 << 24))
    }

    fn is_full(e: &Error, at: usize, needed: u32, capacity: u32) -> bool {
        e.offset() == at
            && matches!(e.kind(), ErrorKind::SinkFull { needed: n, capacity: c } if n == needed && c == capacity)
    }

    #[test]
    fn a_slice_hands_out_its_room_and_keeps_it_only_on_success() {
        let mut buf = [0u8; 12];
        let mut s = SliceSink::new(&mut buf);
        s.put(&[9]).unwrap();
        s.put_with(8, &mut eight).unwrap();
        assert_eq!(s.filled()[1..], EIGHT);
        let e = s.put_with(8, &mut eight).unwrap_err();
        assert!(is_full(&e, 9, 17, 12), "{e}");
        let e = s.put_with(2, &mut too_long).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::StringTooLong { .. }) && e.offset() == 9);
        assert_eq!(s.written(), 9);
        // Room for fewer bytes than `fill` writes: its own Full is SinkFull.
        let e = s.put_with(3, &mut eight).unwrap_err();
        assert!(is_full(&e, 9, 12, 12), "{e}");
    }

    #[test]
    fn a_heapless_vec_grows_and_shrinks_back() {
        let mut v: heapless::Vec<u8, 12> = heapless::Vec::new();
        v.put(&[9]).unwrap();
        v.put_with(8, &mut eight).unwrap();
        assert_eq!(v[1..], EIGHT);
        assert!(is_full(&v.put_with(8, &mut eight).unwrap_err(), 9, 17, 12));
        assert!(v.put_with(2, &mut too_long).is_err());
        assert_eq!(v.len(), 9);
    }

    #[cfg(feature = "alloc")]
    #[test]
    fn a_vec_grows_and_shrinks_back() {
        let mut v = alloc::vec![9u8];
        v.put_with(8, &mut eight).unwrap();
        assert_eq!(v[1..], EIGHT);
        assert!(v.put_with(2, &mut too_long).is_err());
        assert_eq!(v.len(), 9);
        // Through `&mut S`, as a `Writer<&mut Vec<u8>>` holds it.
        let mut r = &mut v;
        Sink::put_with(&mut r, 8, &mut eight).unwrap();
        assert_eq!(Sink::written(&r), 17);
    }

    #[test]
    fn a_counter_counts_without_filling() {
        let mut c = SizeCounter::new();
        c.put_with(8, &mut too_long).unwrap();
        c.put(&[1, 2]).unwrap();
        assert_eq!(c.written(), 10);
    }
}
