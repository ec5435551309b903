//! [`Sink`]: where a [`Writer`](crate::Writer) puts bytes. A caller's slice, a
//! `heapless::Vec`, a byte counter, or (feature `alloc`) a `Vec<u8>`.

use crate::error::{count32, Error, ErrorKind, Result};

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
}
