//! Bounded `gzip_packed` unpacking into a buffer the caller provides
//! (feature `gzip`): no allocation, the gzip header and the CRC32 and length
//! trailer checked, and output larger than the buffer or
//! [`Limits::max_unpacked`] refused, so a decompression bomb is an error.
//!
//! The inflater's state (`miniz_oxide`'s `DecompressorOxide`, about 11 KiB)
//! lives on the stack during [`unpack`]; firmware with a tight stack can keep
//! the feature off.

use miniz_oxide::inflate::core::{decompress, inflate_flags, DecompressorOxide};
use miniz_oxide::inflate::TINFLStatus;

use crate::error::{count32, Error, ErrorKind, GzipFailure, Result};
use crate::limits::Limits;
use crate::mtproto::GzipPacked;
use crate::reader::Reader;

fn fail(what: GzipFailure, at: usize) -> Error {
    Error::new(ErrorKind::Gzip { what }, at)
}

/// The length of the gzip header at the start of `data`.
fn header_len(data: &[u8]) -> Result<usize> {
    let mut r = Reader::new(data);
    let head = r
        .take_array::<10>(crate::Item::Object)
        .map_err(|_| fail(GzipFailure::Header, 0))?;
    let [0x1f, 0x8b, 8, flg, ..] = *head else {
        return Err(fail(GzipFailure::Header, 0));
    };
    if flg & 0xe0 != 0 {
        return Err(fail(GzipFailure::Header, 3));
    }
    let bad = |r: &Reader<'_>| fail(GzipFailure::Header, r.offset());
    if flg & 4 != 0 {
        let x = r
            .take_array::<2>(crate::Item::Object)
            .map_err(|_| bad(&r))?;
        let n = usize::from(u16::from_le_bytes(*x));
        r.skip(n, crate::Item::Object).map_err(|_| bad(&r))?;
    }
    for bit in [8u8, 16] {
        if flg & bit != 0 {
            let rest = r.rest();
            let Some(z) = rest.iter().position(|&b| b == 0) else {
                return Err(bad(&r));
            };
            r.skip(z + 1, crate::Item::Object).map_err(|_| bad(&r))?;
        }
    }
    if flg & 2 != 0 {
        r.skip(2, crate::Item::Object).map_err(|_| bad(&r))?;
    }
    Ok(r.offset())
}

/// Unpacks the gzip member `data` into `out` (at most `limit` bytes of it);
/// returns the unpacked bytes. Errors carry offsets within `data`.
///
/// ```
/// # #[cfg(feature = "gzip")] {
/// // "hi" compressed with `gzip -n`.
/// let gz = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xcb, 0xc8, 4, 0, 0xac, 0x2a, 0x93, 0xd8, 2, 0, 0, 0];
/// let mut out = [0u8; 16];
/// assert_eq!(tlview::gzip::unpack(&gz, &mut out, 16).unwrap(), b"hi");
/// assert!(tlview::gzip::unpack(&gz, &mut out, 1).is_err()); // over the limit
/// # }
/// ```
pub fn unpack<'b>(data: &[u8], out: &'b mut [u8], limit: usize) -> Result<&'b [u8]> {
    let start = header_len(data)?;
    let stream = data.get(start..).unwrap_or(&[]);
    let cap = out.len().min(limit);
    let window = out.get_mut(..cap).unwrap_or(&mut []);
    let mut state = DecompressorOxide::new();
    let flags = inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
    let (status, used, produced) = decompress(&mut state, stream, window, 0, flags);
    match status {
        TINFLStatus::Done => {}
        TINFLStatus::HasMoreOutput => {
            return Err(Error::new(
                ErrorKind::OutputLimit {
                    limit: count32(cap),
                },
                start.saturating_add(used),
            ))
        }
        _ => return Err(fail(GzipFailure::Deflate, start.saturating_add(used))),
    }
    let trailer_at = start.saturating_add(used);
    let mut r = Reader::with_base(stream.get(used..).unwrap_or(&[]), trailer_at);
    let crc = r
        .take_array::<4>(crate::Item::Object)
        .map_err(|_| fail(GzipFailure::Crc, trailer_at))?;
    let size = r
        .take_array::<4>(crate::Item::Object)
        .map_err(|_| fail(GzipFailure::Length, trailer_at.saturating_add(4)))?;
    let unpacked = window.get(..produced).unwrap_or(&[]);
    if crc32fast::hash(unpacked) != u32::from_le_bytes(*crc) {
        return Err(fail(GzipFailure::Crc, trailer_at));
    }
    if u32::from_le_bytes(*size) != count32(produced) {
        return Err(fail(GzipFailure::Length, trailer_at.saturating_add(4)));
    }
    if !r.is_empty() {
        return Err(fail(GzipFailure::TrailingData, r.offset()));
    }
    let out: &'b [u8] = out;
    Ok(out.get(..produced).unwrap_or(&[]))
}

/// Reads a boxed `gzip_packed` at `r` and unpacks it into `out`, bounded by
/// `out.len()` and [`Limits::max_unpacked`]. Errors carry message offsets.
pub fn unpack_packed<'b>(
    r: &mut Reader<'_>,
    out: &'b mut [u8],
    limits: &Limits,
) -> Result<&'b [u8]> {
    let at = r.offset();
    let packed = GzipPacked::read(r)?;
    // packed_data starts after the id and its length prefix.
    let prefix = if packed.packed_data.len() < 254 { 1 } else { 4 };
    unpack(packed.packed_data, out, limits.max_unpacked)
        .map_err(|e| e.shifted(at.saturating_add(4 + prefix)))
}
