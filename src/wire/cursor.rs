//! Writing into a slice by cursor: each function here writes one value at
//! the start of `out` and hands back the rest of `out`, or says why it
//! could not ([`Stop`]).
//!
//! This is how generated forms write themselves ([`crate::encode::Encode::write_to`]).
//! The cursor is a plain `&mut [u8]` passed in and returned by value, so it
//! stays in registers across a whole form, nested forms included: a write
//! is one length check and a store, and no error value travels through
//! memory. A [`Sink`](crate::Sink) gets the same code through
//! [`Sink::put_with`](crate::Sink::put_with), which hands it the room to fill.
//!
//! ```
//! use tlview::cursor::{put, string, Stop};
//!
//! let mut buf = [0xffu8; 12];
//! let rest = put(&mut buf, 7i32.to_le_bytes())?;
//! let rest = string(rest, b"hi")?;
//! assert_eq!(rest.len(), 4);
//! assert_eq!(buf[..8], [7, 0, 0, 0, 2, b'h', b'i', 0]);
//! // Eight more bytes do not fit in the four left.
//! assert_eq!(put(&mut buf[8..], [0u8; 8]).unwrap_err(), Stop::Full);
//! # Ok::<(), Stop>(())
//! ```

use crate::error::{count32, Error, ErrorKind};
use crate::writer::MAX_STRING_LEN;

/// Why a value was not written into a slice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stop {
    /// The slice ran out. The caller knows the size it needed (every
    /// encodable value gives its exact size), so the error is made there.
    Full,
    /// A `string` or `bytes` longer than TL can say ([`MAX_STRING_LEN`]):
    /// its length.
    StringTooLong(u32),
    /// A vector with more elements than a count word holds.
    CountTooLarge,
}

impl Stop {
    /// The [`Error`] it is, at byte `at`; `needed` is the full size wanted
    /// and `capacity` the room there was, for [`Stop::Full`].
    #[cold]
    pub fn into_error(self, at: usize, needed: usize, capacity: usize) -> Error {
        let kind = match self {
            Stop::Full => ErrorKind::SinkFull {
                needed: count32(needed),
                capacity: count32(capacity),
            },
            Stop::StringTooLong(len) => ErrorKind::StringTooLong { len },
            Stop::CountTooLarge => ErrorKind::CountTooLarge,
        };
        Error::new(kind, at)
    }
}

/// What a cursor write gives: the rest of the slice, or why it stopped.
pub type Out<'b> = core::result::Result<&'b mut [u8], Stop>;

/// Writes `N` bytes known at compile time (a number, an id, a run of
/// fixed-size fields built as one array).
#[inline(always)]
pub fn put<const N: usize>(out: &mut [u8], bytes: [u8; N]) -> Out<'_> {
    match out.split_first_chunk_mut::<N>() {
        Some((head, rest)) => {
            *head = bytes;
            Ok(rest)
        }
        None => Err(Stop::Full),
    }
}

/// Writes `bytes` as they are (an object already encoded).
#[inline]
pub fn raw<'b>(out: &'b mut [u8], bytes: &[u8]) -> Out<'b> {
    match out.split_at_mut_checked(bytes.len()) {
        Some((head, rest)) => {
            head.copy_from_slice(bytes);
            Ok(rest)
        }
        None => Err(Stop::Full),
    }
}

/// The encoded size of a `string` or `bytes` of `len` bytes: its length
/// header (1 byte below 254, else 4), the bytes, padding to 4.
#[inline]
pub const fn string_len(len: usize) -> usize {
    let head = if len < 254 { 1 } else { 4 };
    let n = len.saturating_add(head);
    n.saturating_add((4 - n % 4) % 4)
}

/// Writes a TL `string` or `bytes`: its length header, `data`, zeros to a
/// multiple of 4.
#[inline]
pub fn string<'b>(out: &'b mut [u8], data: &[u8]) -> Out<'b> {
    let len = data.len();
    if len > MAX_STRING_LEN {
        return Err(Stop::StringTooLong(count32(len)));
    }
    // `string_len`, without the saturation that the bound above makes
    // needless: the header (1 or 4 bytes) and the data, rounded up to 4.
    let short = len < 254;
    let size = (len + if short { 4 } else { 7 }) & !3;
    let Some((dst, rest)) = out.split_at_mut_checked(size) else {
        return Err(Stop::Full);
    };
    // The padding first, as one store of the last word: the header and
    // the data then overwrite whatever part of it they cover (`size` is a
    // multiple of 4 and at least 4).
    if let Some(last) = dst.last_chunk_mut::<4>() {
        *last = [0; 4];
    }
    let l = count32(len).to_le_bytes();
    let body = if short {
        dst.split_first_mut().map(|(h, body)| {
            *h = l[0];
            body
        })
    } else {
        dst.split_first_chunk_mut::<4>().map(|(h, body)| {
            *h = [254, l[0], l[1], l[2]];
            body
        })
    };
    if let Some(d) = body.and_then(|b| b.get_mut(..len)) {
        d.copy_from_slice(data);
    }
    Ok(rest)
}

/// Writes a vector's count word.
#[inline(always)]
pub fn count(out: &mut [u8], n: usize) -> Out<'_> {
    match u32::try_from(n) {
        Ok(c) => put(out, c.to_le_bytes()),
        Err(_) => Err(Stop::CountTooLarge),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every length around the header switch and every padding: the cursor
    /// writes what the `Writer` writes, and hands back exactly the rest.
    #[test]
    fn strings_match_the_writer() {
        let data = [0xabu8; 600];
        for len in (0..20).chain(250..262).chain([599, 600]) {
            let mut want = [0u8; 700];
            let mut w = crate::Writer::new(crate::SliceSink::new(&mut want));
            w.write_string(&data[..len]).unwrap();
            let n = w.finish();
            assert_eq!(n, string_len(len));
            let mut got = [0xeeu8; 700];
            let rest = string(&mut got, &data[..len]).unwrap().len();
            assert_eq!(rest, 700 - n, "len {len}");
            assert_eq!(got[..n], want[..n], "len {len}");
            assert!(got[n..].iter().all(|&b| b == 0xee), "len {len}");
            // One byte short is Full, at every length.
            assert_eq!(string(&mut got[..n - 1], &data[..len]), Err(Stop::Full));
        }
    }

    #[test]
    fn puts_and_raws_stop_when_full() {
        let mut b = [0u8; 6];
        let rest = put(&mut b, [1, 2, 3, 4]).unwrap();
        assert_eq!(put(rest, [5, 6, 7]), Err(Stop::Full));
        assert_eq!(raw(rest, &[5, 6, 7]), Err(Stop::Full));
        assert_eq!(raw(rest, &[5, 6]).unwrap().len(), 0);
        assert_eq!(b, [1, 2, 3, 4, 5, 6]);
        assert_eq!(count(&mut b, 3).unwrap().len(), 2);
        assert_eq!(b[..4], [3, 0, 0, 0]);
    }

    #[test]
    fn stops_become_errors() {
        let e = Stop::Full.into_error(3, 20, 12);
        assert_eq!(
            e.to_string(),
            "output buffer is full at byte 3: needs 20 bytes, room for 12"
        );
        assert!(matches!(
            Stop::StringTooLong(1 << 25).into_error(0, 0, 0).kind(),
            ErrorKind::StringTooLong { len } if len == 1 << 25
        ));
        assert!(matches!(
            Stop::CountTooLarge.into_error(0, 0, 0).kind(),
            ErrorKind::CountTooLarge
        ));
    }
}
