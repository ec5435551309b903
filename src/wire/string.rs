//! [`TlStr`]: a TL `string`, borrowed as bytes; UTF-8 only when asked.

use core::fmt;

/// A TL `string`: bytes borrowed from the input, meant to be UTF-8 but not
/// checked until asked. `Display` prints it lossily (each invalid sequence as
/// U+FFFD), which is what TL JSON does.
///
/// ```
/// use tlview::TlStr;
/// let s = TlStr::new(b"caf\xc3\xa9");
/// assert_eq!(s.to_str(), Ok("café"));
/// let bad = TlStr::new(b"a\xffb");
/// assert!(bad.to_str().is_err());
/// assert_eq!(bad.to_string(), "a\u{fffd}b");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct TlStr<'a>(&'a [u8]);

impl<'a> TlStr<'a> {
    /// Wraps borrowed bytes.
    #[inline]
    pub const fn new(bytes: &'a [u8]) -> TlStr<'a> {
        TlStr(bytes)
    }

    /// The raw bytes.
    #[inline]
    pub const fn as_bytes(&self) -> &'a [u8] {
        self.0
    }

    /// Its length in bytes.
    #[inline]
    pub const fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether it is empty.
    #[inline]
    pub const fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The string as `&str` when it is valid UTF-8.
    #[inline]
    pub fn to_str(&self) -> Result<&'a str, core::str::Utf8Error> {
        core::str::from_utf8(self.0)
    }
}

impl fmt::Display for TlStr<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for chunk in self.0.utf8_chunks() {
            f.write_str(chunk.valid())?;
            if !chunk.invalid().is_empty() {
                f.write_str("\u{fffd}")?;
            }
        }
        Ok(())
    }
}

impl fmt::Debug for TlStr<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"")?;
        for chunk in self.0.utf8_chunks() {
            write!(f, "{}", chunk.valid().escape_debug())?;
            for b in chunk.invalid() {
                write!(f, "\\x{b:02x}")?;
            }
        }
        f.write_str("\"")
    }
}

impl<'a> From<&'a str> for TlStr<'a> {
    fn from(s: &'a str) -> TlStr<'a> {
        TlStr(s.as_bytes())
    }
}
