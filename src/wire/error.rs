//! Errors: one small `Copy` value, a kind and the byte offset where it happened.
//!
//! # Taxonomy
//!
//! Every failure is an [`Error`]: an [`ErrorKind`] saying *what* was wrong,
//! with the numbers a person needs (how many bytes were needed and left, the
//! id that was found), and the byte offset, counted from the start of the
//! input, *where* it was found. Reading errors come from malformed or hostile
//! input; writing errors ([`ErrorKind::SinkFull`], [`ErrorKind::StringTooLong`],
//! [`ErrorKind::CountTooLarge`]) come from the caller's values or buffer.
//!
//! Nothing here allocates, and `Display` writes a sentence a person can act on:
//!
//! ```
//! use tlview::Reader;
//! // A string whose one-byte length says 200 bytes follow, with 3 present.
//! let err = Reader::new(&[200, b'a', b'b', b'c']).read_string().unwrap_err();
//! assert_eq!(err.offset(), 0);
//! assert_eq!(
//!     err.to_string(),
//!     "string length runs past the end of input at byte 0: needs 200 bytes, 3 left"
//! );
//! ```

use core::fmt;

/// The crate's result type.
pub type Result<T> = core::result::Result<T, Error>;

/// What was being read or written when an error happened.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum Item {
    /// An `int`.
    Int,
    /// A `long`.
    Long,
    /// A `double`.
    Double,
    /// An `int128`.
    Int128,
    /// An `int256`.
    Int256,
    /// The length prefix of a `string` or `bytes`.
    Length,
    /// The data of a `string`.
    StringData,
    /// The data of a `bytes`.
    BytesData,
    /// The padding after a `string` or `bytes`.
    Padding,
    /// A constructor id.
    ConstructorId,
    /// A `Bool`.
    Bool,
    /// A `flags:#` word.
    Flags,
    /// A vector's element count.
    VectorCount,
    /// The elements of a vector.
    VectorElements,
    /// A nested object.
    Object,
}

impl Item {
    const fn describe(self) -> &'static str {
        match self {
            Item::Int => "int",
            Item::Long => "long",
            Item::Double => "double",
            Item::Int128 => "int128",
            Item::Int256 => "int256",
            Item::Length => "string length prefix",
            Item::StringData => "string length",
            Item::BytesData => "bytes length",
            Item::Padding => "string padding",
            Item::ConstructorId => "constructor id",
            Item::Bool => "Bool",
            Item::Flags => "flags word",
            Item::VectorCount => "vector count",
            Item::VectorElements => "vector elements",
            Item::Object => "object",
        }
    }
}

/// What went wrong.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input ended in the middle of `what`.
    UnexpectedEnd {
        /// What was being read.
        what: Item,
        /// Bytes it needed.
        needed: u32,
        /// Bytes that were left.
        available: u32,
    },
    /// A `string`/`bytes` length prefix began with 255, which TL does not define.
    InvalidLengthPrefix,
    /// The long length form (254 + 3 bytes) was used for a length below 254;
    /// tlview accepts only the canonical (shortest) form.
    NonCanonicalLength {
        /// The length the long form gave.
        len: u32,
    },
    /// A padding byte after a `string`/`bytes` was not zero.
    NonZeroPadding {
        /// The byte found.
        byte: u8,
    },
    /// A constructor id that the layer does not have.
    UnknownConstructor {
        /// The id found.
        id: u32,
    },
    /// A specific constructor id was expected and another was found.
    UnexpectedConstructor {
        /// The id expected.
        expected: u32,
        /// The id found.
        found: u32,
    },
    /// A constructor the layer knows, but of another type than expected.
    WrongType {
        /// The expected type, an index into [`crate::schema::TYPES`].
        expected_type: crate::schema::TypeIndex,
        /// The id found.
        found: u32,
    },
    /// As [`ErrorKind::WrongType`], found walking a layer other than the
    /// crate root's (`layer230::walk`, with the `layer230` feature), whose
    /// type indices are its own.
    WrongTypeInLayer {
        /// The layer walked (230).
        layer: u16,
        /// The expected type, an index into that layer's `TYPES`.
        expected_type: crate::schema::TypeIndex,
        /// The id found.
        found: u32,
    },
    /// A typed view of one layer asked to take an object read in another
    /// (`TryFrom<Object>` of a `tlview::layer230` view and a layer-122
    /// object, or the other way round).
    WrongLayer {
        /// The view's layer.
        expected: u32,
        /// The object's layer.
        found: u32,
    },
    /// A `Bool` whose id is neither `boolTrue` nor `boolFalse`.
    InvalidBool {
        /// The id found.
        id: u32,
    },
    /// A vector count that cannot fit in the bytes left (count × the smallest
    /// element size > bytes left), rejected before any loop.
    ImpossibleCount {
        /// The count read.
        count: u32,
        /// Bytes left after the count.
        remaining: u32,
    },
    /// A flags word set bits that no field of its constructor declares.
    UndeclaredFlags {
        /// The flags word.
        flags: u32,
        /// The bits no field declares.
        undeclared: u32,
    },
    /// Objects nested deeper than the limit.
    DepthLimit {
        /// The limit in force.
        limit: u32,
    },
    /// A vector appeared where the element type is unknown (a generic `Object`
    /// holding a bare `Vector`); its elements cannot be validated.
    UntypedVector,
    /// A sized object (an MTProto `message` body) did not fill its declared length.
    LengthMismatch {
        /// Bytes declared.
        declared: u32,
        /// Bytes the object took.
        actual: u32,
    },
    /// A declared length was negative or otherwise out of range.
    InvalidLength {
        /// The value read.
        value: i32,
    },
    /// Bytes were left after a complete top-level object.
    TrailingBytes {
        /// How many.
        count: u32,
    },
    /// The sink had no room: the write needed `needed` bytes in all.
    SinkFull {
        /// Total bytes the sink needed to hold (written so far + this write).
        needed: u32,
        /// Bytes it could hold.
        capacity: u32,
    },
    /// A `string`/`bytes` of 2^24 bytes or more cannot be encoded.
    StringTooLong {
        /// Its length.
        len: u32,
    },
    /// A vector of more than `u32::MAX` elements cannot be encoded.
    CountTooLarge,
    /// gzip data was malformed (header, deflate stream, CRC or length trailer).
    Gzip {
        /// Which check failed.
        what: GzipFailure,
    },
    /// Unpacking would produce more bytes than the buffer or limit allows.
    OutputLimit {
        /// The limit in force.
        limit: u32,
    },
}

/// Which part of a gzip member was wrong.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum GzipFailure {
    /// The header (magic, method, flags) is not a valid gzip header.
    Header,
    /// The deflate stream is corrupt or truncated.
    Deflate,
    /// The CRC32 in the trailer does not match the data.
    Crc,
    /// The length in the trailer does not match the data.
    Length,
    /// Bytes follow the gzip member.
    TrailingData,
}

/// An error: what went wrong ([`ErrorKind`]) and the byte offset, from the
/// start of the input, where it was found.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Error {
    kind: ErrorKind,
    offset: usize,
}

impl Error {
    /// An error of `kind` at byte `offset`.
    #[cold]
    pub const fn new(kind: ErrorKind, offset: usize) -> Error {
        Error { kind, offset }
    }
    /// What went wrong.
    #[inline]
    pub const fn kind(&self) -> ErrorKind {
        self.kind
    }
    /// The byte offset, from the start of the input, where it was found.
    #[inline]
    pub const fn offset(&self) -> usize {
        self.offset
    }
    /// The same error moved by `base` bytes (for errors found in a sub-slice).
    #[must_use]
    pub const fn shifted(self, base: usize) -> Error {
        Error {
            kind: self.kind,
            offset: self.offset.saturating_add(base),
        }
    }
}

/// Saturating conversion of a byte count for error reports.
#[inline]
pub(crate) fn count32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

struct Id(u32);

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:08x}", self.0)?;
        #[cfg(feature = "names")]
        if let Some(c) = crate::schema::constructor_by_id(self.0) {
            write!(f, " ({})", c.name())?;
        }
        Ok(())
    }
}

/// The names of type `ty` and of the combinator with id `id` in the layer
/// numbered `layer`, where this build has that layer and its names.
fn names_in(
    layer: u16,
    ty: crate::schema::TypeIndex,
    id: u32,
) -> (Option<&'static str>, Option<&'static str>) {
    #[cfg(feature = "names")]
    if let Some(l) = crate::Layer::from_number(u32::from(layer)) {
        let named = |n: &'static str| Some(n).filter(|n| !n.is_empty());
        return (
            named(l.type_name(ty)),
            l.index_of(id).and_then(|i| named(l.constructor_name(i))),
        );
    }
    let _ = (layer, ty, id);
    (None, None)
}

struct TypeName(crate::schema::TypeIndex);

impl TypeName {
    /// The type's name, where the `names` feature keeps it.
    fn name(&self) -> Option<&'static str> {
        #[cfg(feature = "names")]
        {
            let n = crate::schema::type_name(self.0);
            if !n.is_empty() {
                return Some(n);
            }
        }
        None
    }

    /// "a" or "an", as the name is read aloud: "an Updates", "an
    /// InputUser", but "a User", "a UrlAuthResult" (a `u` said "you"), and
    /// "a type #3".
    fn article(&self) -> &'static str {
        let Some(name) = self.name() else {
            return "a";
        };
        let said_you = ["us", "ur", "uti", "uni", "eu"];
        let starts = |p: &str| {
            name.get(..p.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(p))
        };
        if said_you.iter().any(|p| starts(p)) {
            return "a";
        }
        match name.bytes().next().map(|b| b.to_ascii_lowercase()) {
            Some(b'a' | b'e' | b'i' | b'o' | b'u') => "an",
            _ => "a",
        }
    }
}

impl fmt::Display for TypeName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(n) => f.write_str(n),
            None => write!(f, "type #{}", self.0 .0),
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            ErrorKind::UnexpectedEnd { what, .. } => {
                write!(f, "{} runs past the end of input", what.describe())
            }
            ErrorKind::InvalidLengthPrefix => {
                f.write_str("string length prefix 255 is not valid TL")
            }
            ErrorKind::NonCanonicalLength { len } => write!(
                f,
                "string length {len} uses the 4-byte form, which is only for lengths of 254 or more"
            ),
            ErrorKind::NonZeroPadding { byte } => {
                write!(f, "string padding byte is {byte:#04x}, not zero")
            }
            ErrorKind::UnknownConstructor { id } => {
                write!(f, "unknown constructor id #{id:08x}")
            }
            ErrorKind::UnexpectedConstructor { expected, found } => {
                write!(
                    f,
                    "expected constructor {}, found {}",
                    Id(expected),
                    Id(found)
                )
            }
            ErrorKind::WrongType {
                expected_type,
                found,
            } => {
                let t = TypeName(expected_type);
                write!(
                    f,
                    "expected {} {t}, found constructor {} of another type",
                    t.article(),
                    Id(found)
                )
            }
            ErrorKind::WrongTypeInLayer {
                layer,
                expected_type,
                found,
            } => match names_in(layer, expected_type, found) {
                (Some(t), c) => {
                    write!(
                        f,
                        "expected layer {layer}'s {t}, found constructor #{found:08x}"
                    )?;
                    match c {
                        Some(c) => write!(f, " ({c}) of another type"),
                        None => f.write_str(" of another type"),
                    }
                }
                (None, _) => write!(
                    f,
                    "expected an object of layer {layer}'s type #{expected_type}, \
                     found constructor #{found:08x} of another type"
                ),
            },
            ErrorKind::WrongLayer { expected, found } => write!(
                f,
                "expected an object of layer {expected}, found one read in layer {found}"
            ),
            ErrorKind::InvalidBool { id } => write!(
                f,
                "expected a Bool (boolTrue#997275b5 or boolFalse#bc799737), found #{id:08x}"
            ),
            ErrorKind::ImpossibleCount { count, remaining } => write!(
                f,
                "vector count {count} cannot fit in the {remaining} bytes left"
            ),
            ErrorKind::UndeclaredFlags { flags, undeclared } => write!(
                f,
                "flags {flags:#010x} set bits {undeclared:#010x} that no field declares"
            ),
            ErrorKind::DepthLimit { limit } => {
                write!(f, "objects nested deeper than the limit of {limit}")
            }
            ErrorKind::UntypedVector => {
                f.write_str("a vector where the element type is unknown (untyped Object)")
            }
            ErrorKind::LengthMismatch { declared, actual } => {
                write!(f, "object declared as {declared} bytes took {actual}")
            }
            ErrorKind::InvalidLength { value } => write!(f, "invalid length {value}"),
            ErrorKind::TrailingBytes { count } => {
                let s = if count == 1 { "" } else { "s" };
                write!(f, "{count} trailing byte{s} after a complete object")
            }
            ErrorKind::SinkFull { .. } => f.write_str("output buffer is full"),
            ErrorKind::StringTooLong { len } => write!(
                f,
                "string of {len} bytes is too long for TL (the limit is 16777215)"
            ),
            ErrorKind::CountTooLarge => f.write_str("vector has more than 4294967295 elements"),
            ErrorKind::Gzip { what } => f.write_str(match what {
                GzipFailure::Header => "gzip header is invalid",
                GzipFailure::Deflate => "gzip deflate stream is corrupt or truncated",
                GzipFailure::Crc => "gzip CRC32 does not match the data",
                GzipFailure::Length => "gzip length trailer does not match the data",
                GzipFailure::TrailingData => "bytes follow the gzip member",
            }),
            ErrorKind::OutputLimit { limit } => {
                write!(f, "unpacked data exceeds the limit of {limit} bytes")
            }
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at byte {}", self.kind, self.offset)?;
        match self.kind {
            ErrorKind::UnexpectedEnd {
                needed, available, ..
            } => write!(f, ": needs {needed} bytes, {available} left"),
            ErrorKind::SinkFull { needed, capacity } => {
                write!(f, ": needs {needed} bytes, room for {capacity}")
            }
            _ => Ok(()),
        }
    }
}

impl core::error::Error for Error {}

#[cfg(all(test, feature = "names"))]
mod tests {
    use super::*;
    use crate::schema::{id, ty};

    #[test]
    fn messages_read_as_english() {
        let wrong = |t| {
            let kind = ErrorKind::WrongType {
                expected_type: t,
                found: id::USER_EMPTY,
            };
            let mut s = heapless::String::<200>::new();
            let _ = core::fmt::write(&mut s, format_args!("{kind}"));
            s
        };
        assert!(wrong(ty::UPDATES).starts_with("expected an Updates,"));
        assert!(wrong(ty::INPUT_USER).starts_with("expected an InputUser,"));
        assert!(wrong(ty::USER).starts_with("expected a User,"));
        assert!(wrong(ty::URL_AUTH_RESULT).starts_with("expected a UrlAuthResult,"));
        assert!(wrong(ty::CHAT).starts_with("expected a Chat,"));
        let trailing = |count| {
            let mut s = heapless::String::<80>::new();
            let _ = core::fmt::write(
                &mut s,
                format_args!("{}", ErrorKind::TrailingBytes { count }),
            );
            s
        };
        assert_eq!(trailing(1), "1 trailing byte after a complete object");
        assert_eq!(trailing(3), "3 trailing bytes after a complete object");
    }
}

/// `defmt::Format` (feature `defmt`): the same facts as `Display`, for
/// firmware that logs with defmt instead of `core::fmt`. The sentences are
/// interned by defmt (they cost no flash); constructor ids print as
/// `#xxxxxxxx`, with the constructor's name when `names` is on.
#[cfg(feature = "defmt")]
mod defmt_impls {
    use super::{Error, ErrorKind};
    use defmt::{write, Format, Formatter};

    /// A constructor id: hex, and its name with `names`.
    struct Id(u32);

    impl Format for Id {
        fn format(&self, f: Formatter<'_>) {
            write!(f, "#{=u32:08x}", self.0);
            #[cfg(feature = "names")]
            if let Some(c) = crate::schema::constructor_by_id(self.0) {
                write!(f, " ({=str})", c.name());
            }
        }
    }

    /// A type: its name with `names`, else its index.
    struct TypeName(crate::schema::TypeIndex);

    impl Format for TypeName {
        fn format(&self, f: Formatter<'_>) {
            #[cfg(feature = "names")]
            {
                let n = crate::schema::type_name(self.0);
                if !n.is_empty() {
                    return write!(f, "{=str}", n);
                }
            }
            write!(f, "type #{=u16}", self.0 .0)
        }
    }

    impl Format for ErrorKind {
        fn format(&self, f: Formatter<'_>) {
            match *self {
                ErrorKind::UnexpectedEnd {
                    what,
                    needed,
                    available,
                } => write!(
                    f,
                    "{} runs past the end of input: needs {=u32} bytes, {=u32} left",
                    what,
                    needed,
                    available
                ),
                ErrorKind::InvalidLengthPrefix => {
                    write!(f, "string length prefix 255 is not valid TL")
                }
                ErrorKind::NonCanonicalLength { len } => write!(
                    f,
                    "string length {=u32} uses the 4-byte form, which is only for lengths of 254 or more",
                    len
                ),
                ErrorKind::NonZeroPadding { byte } => {
                    write!(f, "string padding byte is {=u8:#04x}, not zero", byte)
                }
                ErrorKind::UnknownConstructor { id } => {
                    write!(f, "unknown constructor id #{=u32:08x}", id)
                }
                ErrorKind::UnexpectedConstructor { expected, found } => write!(
                    f,
                    "expected constructor {}, found {}",
                    Id(expected),
                    Id(found)
                ),
                ErrorKind::WrongType {
                    expected_type,
                    found,
                } => write!(
                    f,
                    "expected {=str} {}, found constructor {} of another type",
                    super::TypeName(expected_type).article(),
                    TypeName(expected_type),
                    Id(found)
                ),
                ErrorKind::WrongTypeInLayer {
                    layer,
                    expected_type,
                    found,
                } => write!(
                    f,
                    "expected an object of layer {=u16}'s type #{=u16}, found constructor {} of another type",
                    layer,
                    expected_type.0,
                    Id(found)
                ),
                ErrorKind::WrongLayer { expected, found } => write!(
                    f,
                    "expected an object of layer {=u32}, found one read in layer {=u32}",
                    expected,
                    found
                ),
                ErrorKind::InvalidBool { id } => {
                    write!(f, "expected a Bool, found #{=u32:08x}", id)
                }
                ErrorKind::ImpossibleCount { count, remaining } => write!(
                    f,
                    "vector count {=u32} cannot fit in the {=u32} bytes left",
                    count,
                    remaining
                ),
                ErrorKind::UndeclaredFlags { flags, undeclared } => write!(
                    f,
                    "flags {=u32:#010x} set bits {=u32:#010x} that no field declares",
                    flags,
                    undeclared
                ),
                ErrorKind::DepthLimit { limit } => {
                    write!(f, "objects nested deeper than the limit of {=u32}", limit)
                }
                ErrorKind::UntypedVector => write!(
                    f,
                    "a vector where the element type is unknown (untyped Object)"
                ),
                ErrorKind::LengthMismatch { declared, actual } => write!(
                    f,
                    "object declared as {=u32} bytes took {=u32}",
                    declared,
                    actual
                ),
                ErrorKind::InvalidLength { value } => write!(f, "invalid length {=i32}", value),
                ErrorKind::TrailingBytes { count } => {
                    let s = if count == 1 { "" } else { "s" };
                    write!(f, "{=u32} trailing byte{=str} after a complete object", count, s)
                }
                ErrorKind::SinkFull { needed, capacity } => write!(
                    f,
                    "output buffer is full: needs {=u32} bytes, room for {=u32}",
                    needed,
                    capacity
                ),
                ErrorKind::StringTooLong { len } => write!(
                    f,
                    "string of {=u32} bytes is too long for TL (the limit is 16777215)",
                    len
                ),
                ErrorKind::CountTooLarge => {
                    write!(f, "vector has more than 4294967295 elements")
                }
                ErrorKind::Gzip { what } => write!(f, "gzip: {} failed", what),
                ErrorKind::OutputLimit { limit } => write!(
                    f,
                    "unpacked data exceeds the limit of {=u32} bytes",
                    limit
                ),
            }
        }
    }

    impl Format for Error {
        fn format(&self, f: Formatter<'_>) {
            write!(f, "{} at byte {=usize}", self.kind, self.offset)
        }
    }
}
