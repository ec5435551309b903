//! [`Limits`]: the bounds that keep hostile input from exhausting a device.

/// Bounds on decoding. Each one stops a specific attack; the defaults suit a
/// device with a few KiB of stack.
///
/// ```
/// let strict = tlview::Limits { max_depth: 16, ..tlview::Limits::DEFAULT };
/// assert_eq!(strict.max_depth, 16);
/// assert_eq!(tlview::Limits::default().max_depth, 64);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Limits {
    /// How deep objects may nest (default 64; at most [`Limits::MAX_DEPTH`]).
    /// Stops inputs like 10 000 `textBold` inside each other: the walker keeps
    /// its own bounded stack, so depth costs no native stack, but every level
    /// costs a frame of that stack and a deeper limit only lets an attacker
    /// make the caller do pointless work.
    pub max_depth: u32,
    /// The most bytes a `gzip_packed` may unpack to (default 16 MiB), on top
    /// of the caller's buffer size. Stops decompression bombs.
    pub max_unpacked: usize,
}

impl Limits {
    /// The most a caller can set [`Limits::max_depth`] to (the walker's
    /// stack capacity).
    pub const MAX_DEPTH: u32 = 128;

    /// The defaults: depth 64, 16 MiB unpacked.
    pub const DEFAULT: Limits = Limits {
        max_depth: 64,
        max_unpacked: 16 << 20,
    };
}

/// Limits for re-reading bytes that already passed validation (to find where
/// a nested object ends, or to view it again): they passed under a depth
/// limit no larger than this, and nothing is unpacked.
pub(crate) const REREAD: Limits = Limits {
    max_depth: Limits::MAX_DEPTH,
    max_unpacked: 0,
};

impl Default for Limits {
    fn default() -> Limits {
        Limits::DEFAULT
    }
}
