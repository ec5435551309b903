//! [`Flags`]: a `flags:#` word, its presence tests, and a builder that sets a
//! bit exactly when the optional field it guards is present.

/// A `flags:#` word.
///
/// Reading: `has(n)` tells whether `flags.n?T` is present (or, for
/// `flags.n?true`, is the value). Writing: build the word from the fields
/// themselves so that a bit can never disagree with its field:
///
/// ```
/// use tlview::Flags;
/// let fwd_from: Option<u32> = None;
/// let via_bot_id = Some(7);
/// let f = Flags::new()
///     .with(1, true)                   // out:flags.1?true
///     .with(2, fwd_from.is_some())     // fwd_from:flags.2?MessageFwdHeader
///     .with(11, via_bot_id.is_some()); // via_bot_id:flags.11?int
/// assert_eq!(f.bits(), 0b1000_0000_0010);
/// assert!(f.has(11) && !f.has(2));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Flags(pub u32);

impl Flags {
    /// No bits set.
    #[inline]
    pub const fn new() -> Flags {
        Flags(0)
    }

    /// The word.
    #[inline]
    pub const fn bits(self) -> u32 {
        self.0
    }

    /// Whether bit `bit` (0–31) is set; bits beyond 31 are never set.
    #[inline]
    pub const fn has(self, bit: u8) -> bool {
        bit < 32 && self.0 & (1 << bit) != 0
    }

    /// The word with bit `bit` set (bits beyond 31 are ignored).
    #[inline]
    #[must_use]
    pub const fn set(self, bit: u8) -> Flags {
        if bit < 32 {
            Flags(self.0 | 1 << bit)
        } else {
            self
        }
    }

    /// The word with bit `bit` set when `present` is true.
    #[inline]
    #[must_use]
    pub const fn with(self, bit: u8, present: bool) -> Flags {
        if present {
            self.set(bit)
        } else {
            self
        }
    }
}
