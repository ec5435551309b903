//! How TL values are spelled in text: lowercase hex for bytes, JSON string
//! literals (lossy UTF-8), doubles as TL JSON writes them. Shared by the
//! dynamic TL JSON printer ([`crate::json`], feature `names`), the typed
//! printers behind `Debug` and `Display`, and `serde`; it knows no schema.

use core::fmt::{self, Write};

use crate::string::TlStr;

/// Writes `bytes` as lowercase hex.
pub(crate) fn write_hex<W: Write + ?Sized>(w: &mut W, bytes: &[u8]) -> fmt::Result {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut buf = [0u8; 64];
    for chunk in bytes.chunks(32) {
        let mut n = 0;
        for (&b, out) in chunk.iter().zip(buf.chunks_exact_mut(2)) {
            if let [hi, lo] = out {
                *hi = HEX.get(usize::from(b >> 4)).copied().unwrap_or(b'0');
                *lo = HEX.get(usize::from(b & 15)).copied().unwrap_or(b'0');
            }
            n += 2;
        }
        let s = core::str::from_utf8(buf.get(..n).unwrap_or(&[])).map_err(|_| fmt::Error)?;
        w.write_str(s)?;
    }
    Ok(())
}

/// Writes a JSON string literal of `s` (lossy UTF-8, RFC 8259 escapes).
pub(crate) fn write_str_literal<W: Write + ?Sized>(w: &mut W, s: TlStr<'_>) -> fmt::Result {
    w.write_char('"')?;
    for chunk in s.as_bytes().utf8_chunks() {
        let valid = chunk.valid();
        let mut from = 0;
        for (i, c) in valid.char_indices() {
            let esc: Option<&str> = match c {
                '"' => Some("\\\""),
                '\\' => Some("\\\\"),
                '\n' => Some("\\n"),
                '\r' => Some("\\r"),
                '\t' => Some("\\t"),
                '\u{8}' => Some("\\b"),
                '\u{c}' => Some("\\f"),
                c if (c as u32) < 0x20 => None,
                _ => continue,
            };
            w.write_str(valid.get(from..i).unwrap_or(""))?;
            match esc {
                Some(e) => w.write_str(e)?,
                None => write!(w, "\\u{:04x}", c as u32)?,
            }
            from = i + c.len_utf8();
        }
        w.write_str(valid.get(from..).unwrap_or(""))?;
        if !chunk.invalid().is_empty() {
            w.write_char('\u{fffd}')?;
        }
    }
    w.write_char('"')
}

/// A double as TL JSON writes it.
pub(crate) fn write_double<W: Write + ?Sized>(w: &mut W, v: f64) -> fmt::Result {
    if v.is_nan() {
        w.write_str("\"NaN\"")
    } else if v.is_infinite() {
        w.write_str(if v > 0.0 {
            "\"Infinity\""
        } else {
            "\"-Infinity\""
        })
    } else {
        // Debug is the shortest text that reads back to the same bits, and
        // always has a `.` or an exponent (so -0.0 stays -0.0).
        write!(w, "{v:?}")
    }
}
