//! [`Writer`]: the mirror image of [`Reader`](crate::Reader), method for method,
//! over any [`Sink`].

use crate::error::{count32, Error, ErrorKind, Result};
use crate::flags::Flags;
use crate::reader::{BOOL_FALSE, BOOL_TRUE, VECTOR};
use crate::sink::Sink;

const ZEROS: [u8; 3] = [0; 3];

/// The largest `string`/`bytes` length TL can encode (3 bytes).
pub const MAX_STRING_LEN: usize = 0xff_ffff;

/// Writes TL primitives into a [`Sink`].
///
/// ```
/// use tlview::{SliceSink, Writer};
/// let mut buf = [0u8; 16];
/// let mut w = Writer::new(SliceSink::new(&mut buf));
/// w.write_int(42).unwrap();
/// w.write_string(b"hi").unwrap();
/// assert_eq!(w.finish(), 8);
/// assert_eq!(&buf[..8], &[42, 0, 0, 0, 2, b'h', b'i', 0]);
/// ```
#[derive(Debug)]
pub struct Writer<S> {
    sink: S,
}

impl<S: Sink> Writer<S> {
    /// A writer into `sink`.
    #[inline]
    pub const fn new(sink: S) -> Writer<S> {
        Writer { sink }
    }

    /// Bytes written so far.
    #[inline]
    pub fn written(&self) -> usize {
        self.sink.written()
    }

    /// The number of bytes written (for a [`SizeCounter`](crate::SizeCounter),
    /// the exact size the same calls would write).
    #[inline]
    pub fn finish(self) -> usize {
        self.sink.written()
    }

    /// The sink back.
    #[inline]
    pub fn into_sink(self) -> S {
        self.sink
    }

    /// The sink.
    #[inline]
    pub fn sink(&self) -> &S {
        &self.sink
    }

    /// Hands `fill` the next `n` bytes of the sink to write by cursor
    /// ([`crate::cursor`]); see [`Sink::put_with`]. How a generated form
    /// writes itself into any sink.
    ///
    /// ```
    /// use tlview::{cursor, SliceSink, Writer};
    /// let mut buf = [0u8; 8];
    /// let mut w = Writer::new(SliceSink::new(&mut buf));
    /// w.write_with(8, &mut |out| {
    ///     let out = cursor::put(out, 1i32.to_le_bytes())?;
    ///     cursor::string(out, b"ok").map(drop)
    /// })?;
    /// assert_eq!(w.finish(), 8);
    /// assert_eq!(buf, [1, 0, 0, 0, 2, b'o', b'k', 0]);
    /// # Ok::<(), tlview::Error>(())
    /// ```
    #[inline]
    pub fn write_with(&mut self, n: usize, fill: &mut crate::sink::Fill<'_>) -> Result<()> {
        self.sink.put_with(n, fill)
    }

    /// Raw bytes, as they are.
    #[inline]
    pub fn write_raw(&mut self, bytes: &[u8]) -> Result<()> {
        self.sink.put(bytes)
    }

    /// `int`.
    ///
    /// ```
    /// # use tlview::{Writer, SliceSink};
    /// let mut b = [0u8; 4];
    /// Writer::new(SliceSink::new(&mut b)).write_int(-2).unwrap();
    /// assert_eq!(b, [0xfe, 0xff, 0xff, 0xff]);
    /// ```
    #[inline]
    pub fn write_int(&mut self, v: i32) -> Result<()> {
        self.sink.put(&v.to_le_bytes())
    }

    /// `long`.
    #[inline]
    pub fn write_long(&mut self, v: i64) -> Result<()> {
        self.sink.put(&v.to_le_bytes())
    }

    /// `double` (the bits as they are, NaN payloads included).
    #[inline]
    pub fn write_double(&mut self, v: f64) -> Result<()> {
        self.sink.put(&v.to_le_bytes())
    }

    /// `int128`, in wire order.
    #[inline]
    pub fn write_int128(&mut self, v: &[u8; 16]) -> Result<()> {
        self.sink.put(v)
    }

    /// `int256`, in wire order.
    #[inline]
    pub fn write_int256(&mut self, v: &[u8; 32]) -> Result<()> {
        self.sink.put(v)
    }

    /// A constructor id.
    #[inline]
    pub fn write_id(&mut self, id: u32) -> Result<()> {
        self.sink.put(&id.to_le_bytes())
    }

    /// A `flags:#` word.
    #[inline]
    pub fn write_flags(&mut self, flags: Flags) -> Result<()> {
        self.sink.put(&flags.bits().to_le_bytes())
    }

    /// `Bool`: `boolTrue#997275b5` or `boolFalse#bc799737`.
    #[inline]
    pub fn write_bool(&mut self, v: bool) -> Result<()> {
        self.write_id(if v { BOOL_TRUE } else { BOOL_FALSE })
    }

    /// `string` or `bytes`: the short form below 254 bytes, the long form up
    /// to 16 777 215, zero padding to a multiple of 4. Longer data is a
    /// [`ErrorKind::StringTooLong`] error and nothing is written.
    ///
    /// ```
    /// # use tlview::{Writer, SliceSink};
    /// let data = [7u8; 300];
    /// let mut b = [0u8; 304];
    /// Writer::new(SliceSink::new(&mut b)).write_string(&data).unwrap();
    /// assert_eq!(&b[..4], &[254, 0x2c, 0x01, 0]); // 300 = 0x012c
    /// ```
    #[inline]
    pub fn write_string(&mut self, data: &[u8]) -> Result<()> {
        let len = data.len();
        let prefix = if len < 254 {
            // `len` < 254 fits a byte.
            self.sink.put(&[u8::try_from(len).unwrap_or(0)])?;
            1
        } else if len <= MAX_STRING_LEN {
            let l = count32(len).to_le_bytes();
            self.sink.put(&[254, l[0], l[1], l[2]])?;
            4
        } else {
            return Err(Error::new(
                ErrorKind::StringTooLong { len: count32(len) },
                self.sink.written(),
            ));
        };
        self.sink.put(data)?;
        // The padding as one of three fixed-size writes: a store each, where
        // a slice of `pad` bytes is a `memset` call.
        match (prefix + len) % 4 {
            0 => Ok(()),
            1 => self.sink.put(&ZEROS),
            2 => self.sink.put(&[0; 2]),
            _ => self.sink.put(&[0; 1]),
        }
    }

    /// `bytes` (encoded as `string`).
    #[inline]
    pub fn write_bytes(&mut self, data: &[u8]) -> Result<()> {
        self.write_string(data)
    }

    /// A boxed vector's header: `vector#1cb5c415` and the count.
    #[inline]
    pub fn write_vector_len(&mut self, count: usize) -> Result<()> {
        self.write_id(VECTOR)?;
        self.write_bare_vector_len(count)
    }

    /// A bare vector's count; more than `u32::MAX` is a
    /// [`ErrorKind::CountTooLarge`] error.
    #[inline]
    pub fn write_bare_vector_len(&mut self, count: usize) -> Result<()> {
        match u32::try_from(count) {
            Ok(c) => self.sink.put(&c.to_le_bytes()),
            Err(_) => Err(Error::new(ErrorKind::CountTooLarge, self.sink.written())),
        }
    }

    /// A boxed `Vector<int>`.
    pub fn write_int_vector(&mut self, items: &[i32]) -> Result<()> {
        self.write_vector_len(items.len())?;
        items.iter().try_for_each(|&v| self.write_int(v))
    }

    /// A boxed `Vector<long>`.
    pub fn write_long_vector(&mut self, items: &[i64]) -> Result<()> {
        self.write_vector_len(items.len())?;
        items.iter().try_for_each(|&v| self.write_long(v))
    }

    /// A boxed `Vector<double>`.
    pub fn write_double_vector(&mut self, items: &[f64]) -> Result<()> {
        self.write_vector_len(items.len())?;
        items.iter().try_for_each(|&v| self.write_double(v))
    }

    /// A boxed `Vector<string>` (or `Vector<bytes>`).
    pub fn write_string_vector<B: AsRef<[u8]>>(&mut self, items: &[B]) -> Result<()> {
        self.write_vector_len(items.len())?;
        items.iter().try_for_each(|v| self.write_string(v.as_ref()))
    }
}
