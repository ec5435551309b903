//! The layer as data: the shapes of the generated tables and lookups over them.
//!
//! Everything in this module is hand-written; the data lives in
//! [`layer122`] (and, with the `names` feature, `names`), which the `tl gen`
//! command generates from the schema files.
//!
//! A combinator (constructor or function) is a [`Constructor`]: its id, the
//! type it builds, and its fields as a run of [`Op`]s in [`OPS`]. An `Op` is
//! one field: what it holds on the wire ([`Kind`]), whether it is a vector
//! (boxed `Vector<T>` or bare `vector<T>`) and whether a flags bit guards it.
//!
//! ```
//! use tlview::schema::{self, id};
//! let c = schema::constructor_by_id(id::UPDATE_SHORT_MESSAGE).unwrap();
//! assert_eq!(c.id, 0x2296d2c8);
//! assert_eq!(c.ty, schema::ty::UPDATES);
//! ```

#[cfg(test)]
mod checks122;
#[cfg(all(test, feature = "layer230"))]
mod checks230;
mod errors;
pub(crate) mod fast;
#[doc(hidden)]
pub mod forms122;
#[cfg(feature = "layer230")]
#[doc(hidden)]
pub mod forms230;
pub mod layer122;
#[cfg(feature = "layer230")]
pub mod layer230;
#[cfg(feature = "names")]
pub mod names;
#[cfg(all(feature = "layer230", feature = "names"))]
pub mod names230;
pub mod rpc_errors;
#[cfg(test)]
mod typed_tests;
#[cfg(all(test, feature = "layer230"))]
mod typed_tests230;
pub(crate) mod valid122;
#[cfg(feature = "layer230")]
pub(crate) mod valid230;
pub(crate) mod views122;
#[cfg(feature = "layer230")]
pub(crate) mod views230;

#[doc(hidden)]
pub use forms122::reencode;
#[doc(hidden)]
pub use views122::reread;
pub(crate) use views122::step;

pub use layer122::{
    id, ty, CONSTRUCTORS, FLAGS_WORDS, FUNCTIONS, FUNCTION_OPS, IDS, LAYER, OPS, TYPES,
    TYPE_MEMBERS,
};

/// The format of the generated tables; the generated file asserts it, so a
/// table written by an older generator fails to compile.
pub const FORMAT_VERSION: u32 = 3;

/// What one field holds on the wire (for a vector field: what each element holds).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
pub enum Kind {
    /// `int`: 4 bytes.
    Int = 0,
    /// `long`: 8 bytes.
    Long = 1,
    /// `double`: 8 bytes.
    Double = 2,
    /// `int128`: 16 bytes.
    Int128 = 3,
    /// `int256`: 32 bytes.
    Int256 = 4,
    /// `string`: length-prefixed, padded bytes meant as UTF-8.
    String = 5,
    /// `bytes`: length-prefixed, padded raw bytes.
    Bytes = 6,
    /// `Bool`: `boolTrue` or `boolFalse`, boxed.
    Bool = 7,
    /// Bare `true`: no bytes at all (as `flags.N?true`, the bit is the value).
    True = 8,
    /// `#`: a flags word (u32) that later fields test.
    Flags = 9,
    /// A boxed object of the type [`Op::arg`] (an index into [`TYPES`]).
    Boxed = 10,
    /// A bare object of the constructor [`Op::arg`] (an index into [`CONSTRUCTORS`]).
    Bare = 11,
    /// Any boxed object (`Object`, `!X`).
    AnyBoxed = 12,
    /// Any boxed object that must fill exactly as many bytes as the previous
    /// field (an `int`) says: the `body` of an MTProto `message`.
    SizedObject = 13,
}

impl Kind {
    const ALL: [Kind; 14] = [
        Kind::Int,
        Kind::Long,
        Kind::Double,
        Kind::Int128,
        Kind::Int256,
        Kind::String,
        Kind::Bytes,
        Kind::Bool,
        Kind::True,
        Kind::Flags,
        Kind::Boxed,
        Kind::Bare,
        Kind::AnyBoxed,
        Kind::SizedObject,
    ];

    /// The size on the wire when it is fixed (`int`, `long`, `double`,
    /// `int128`, `int256`, bare `true`, `#`).
    #[inline]
    pub const fn fixed_size(self) -> Option<usize> {
        match self {
            Kind::Int | Kind::Flags => Some(4),
            Kind::Long | Kind::Double => Some(8),
            Kind::Int128 => Some(16),
            Kind::Int256 => Some(32),
            Kind::True => Some(0),
            _ => None,
        }
    }

    /// The fewest bytes one value can take (used to reject impossible vector
    /// counts before any loop).
    #[inline]
    pub const fn min_size(self) -> usize {
        match self {
            Kind::Int | Kind::Flags | Kind::String | Kind::Bytes | Kind::Bool => 4,
            Kind::Long | Kind::Double => 8,
            Kind::Int128 => 16,
            Kind::Int256 => 32,
            Kind::True | Kind::Bare => 0,
            Kind::Boxed | Kind::AnyBoxed | Kind::SizedObject => 4,
        }
    }
}

/// Whether a field is a single value or a vector of them.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
pub enum Repeat {
    /// One value.
    One = 0,
    /// `Vector<T>`: `vector#1cb5c415`, a count, the elements.
    BoxedVector = 1,
    /// `vector<T>`: a count, the elements.
    BareVector = 2,
}

/// One field of a combinator, packed into 32 bits.
///
/// Bits 0–3: [`Kind`]; bits 4–5: [`Repeat`]; bit 6: guarded by a flags bit;
/// bits 7–11: that bit (0–31); bit 12: which flags word of the combinator
/// (0 for its first `#` field, 1 for its second) the guarding bit is in, or,
/// for a `#` field itself, which word it is; bits 13–18: the index, among
/// this combinator's fields, of the `#` field holding the bit; bit 19: zero;
/// bits 20–31: the argument (type index for [`Kind::Boxed`], constructor
/// index for [`Kind::Bare`]).
///
/// A combinator may so have up to [`MAX_FLAGS_WORDS`] flags words, the
/// guarding one among its first 64 fields, and a layer up to 4 096 types and
/// 4 096 type constructors; `tl gen` checks all three and says which one a
/// schema breaks.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Op(pub u32);

/// How many `#` fields (`flags`, `flags2`) one combinator may have: the
/// walker keeps that many words per object it is inside.
pub const MAX_FLAGS_WORDS: usize = 2;

/// The largest argument an [`Op`] holds (type or constructor index).
pub const MAX_OP_ARG: u16 = 0xfff;

impl Op {
    /// A field of kind `kind` with argument `arg` (at most [`MAX_OP_ARG`]),
    /// unguarded, not a vector.
    pub const fn new(kind: Kind, arg: u16) -> Op {
        Op(kind as u32 | ((arg & MAX_OP_ARG) as u32) << 20)
    }
    /// A [`Kind::Boxed`] field of type `ty`.
    pub const fn boxed(ty: TypeIndex) -> Op {
        Op::new(Kind::Boxed, ty.0)
    }
    /// A [`Kind::Bare`] field of constructor `ctor`.
    pub const fn bare(ctor: CtorIndex) -> Op {
        Op::new(Kind::Bare, ctor.0)
    }
    /// The combinator's second flags word (`flags2:#`); `Op::new(Kind::Flags,
    /// 0)` is its first.
    pub const fn second_flags() -> Op {
        Op(Kind::Flags as u32 | 1 << 12)
    }
    /// The same field as a boxed `Vector<T>` of it.
    pub const fn boxed_vector(self) -> Op {
        Op(self.0 | (Repeat::BoxedVector as u32) << 4)
    }
    /// The same field as a bare `vector<T>` of it.
    pub const fn bare_vector(self) -> Op {
        Op(self.0 | (Repeat::BareVector as u32) << 4)
    }
    /// The same field, present only when bit `bit` of field `flags_field`
    /// (the field's index within its combinator, below 64), the
    /// combinator's first flags word, is set.
    pub const fn when(self, flags_field: u8, bit: u8) -> Op {
        Op(self.0 | 1 << 6 | ((bit as u32) & 31) << 7 | ((flags_field as u32) & 63) << 13)
    }
    /// As [`Op::when`], for a bit of the combinator's second flags word.
    pub const fn when_second(self, flags_field: u8, bit: u8) -> Op {
        Op(self.when(flags_field, bit).0 | 1 << 12)
    }

    /// What the field (or each element) holds.
    #[inline]
    pub fn kind(self) -> Kind {
        // The table only holds valid kinds; a stray value reads as `Int`
        // rather than panicking.
        match Kind::ALL.get((self.0 & 15) as usize) {
            Some(k) => *k,
            None => Kind::Int,
        }
    }
    /// Single value or vector.
    #[inline]
    pub fn repeat(self) -> Repeat {
        match (self.0 >> 4) & 3 {
            1 => Repeat::BoxedVector,
            2 => Repeat::BareVector,
            _ => Repeat::One,
        }
    }
    /// `Some((flags_field, bit))` when a flags bit guards the field.
    #[inline]
    pub fn condition(self) -> Option<(u8, u8)> {
        if self.0 & (1 << 6) != 0 {
            Some((((self.0 >> 13) & 63) as u8, ((self.0 >> 7) & 31) as u8))
        } else {
            None
        }
    }
    /// Which of its combinator's flags words (0 or 1) holds the bit that
    /// guards the field, or, for a `#` field, which word the field is.
    #[inline]
    pub const fn flags_word(self) -> u8 {
        ((self.0 >> 12) & 1) as u8
    }
    /// The guarding bit's place in a combinator's flags words taken as one
    /// 64-bit word (the first word low): `32 × flags_word + bit`; `None`
    /// when no bit guards the field.
    #[inline]
    pub const fn flag_place(self) -> Option<u32> {
        if self.0 & (1 << 6) != 0 {
            Some((self.0 >> 7) & 63)
        } else {
            None
        }
    }
    /// The argument: type index for [`Kind::Boxed`], constructor index for
    /// [`Kind::Bare`], otherwise 0.
    #[inline]
    pub const fn arg(self) -> u16 {
        (self.0 >> 20) as u16
    }
    /// The argument as a type ([`Kind::Boxed`]).
    #[inline]
    pub const fn ty(self) -> TypeIndex {
        TypeIndex(self.arg())
    }
    /// The argument as a constructor ([`Kind::Bare`]).
    #[inline]
    pub const fn ctor(self) -> CtorIndex {
        CtorIndex(self.arg())
    }
}

impl core::fmt::Debug for Op {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let mut d = f.debug_struct("Op");
        d.field("kind", &self.kind())
            .field("repeat", &self.repeat());
        if let Some(c) = self.condition() {
            d.field("condition", &c);
        }
        if self.flags_word() != 0 {
            d.field("flags_word", &self.flags_word());
        }
        d.field("arg", &self.arg()).finish()
    }
}

/// `words` (a combinator's flags words as one 64-bit value, the first low;
/// see [`Op::flag_place`]) with word `word` (0 or 1) replaced by `value`.
///
/// ```
/// use tlview::schema::with_flags_word;
/// assert_eq!(with_flags_word(0, 1, 5), 5 << 32);
/// assert_eq!(with_flags_word(u64::MAX, 0, 0), 0xffff_ffff << 32);
/// ```
#[inline]
pub const fn with_flags_word(words: u64, word: u8, value: u32) -> u64 {
    let shift = 32 * (word & 1) as u32;
    (words & !(0xffff_ffff << shift)) | (value as u64) << shift
}

/// The index of a combinator (a type constructor or a function) in the
/// layer table: below `CONSTRUCTORS.len()` a type constructor, from there
/// on a function. A type of its own, so that it cannot be mixed up with a
/// [`TypeIndex`] or an id.
///
/// ```
/// use tlview::schema::{self, id};
/// let i = schema::index_of(id::MESSAGE).unwrap();
/// assert_eq!(schema::constructor(i).unwrap().id, id::MESSAGE);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
#[repr(transparent)]
pub struct CtorIndex(pub u16);

impl CtorIndex {
    /// As an index into a slice.
    #[inline]
    pub const fn get(self) -> usize {
        self.0 as usize
    }
}

/// The number.
impl core::fmt::Display for CtorIndex {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// The index of a boxed type in [`TYPES`] (the constants of [`ty`]). A type
/// of its own, so that it cannot be mixed up with a [`CtorIndex`].
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
#[repr(transparent)]
pub struct TypeIndex(pub u16);

impl TypeIndex {
    /// As an index into a slice.
    #[inline]
    pub const fn get(self) -> usize {
        self.0 as usize
    }
}

/// The number.
impl core::fmt::Display for TypeIndex {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// One combinator of the layer: a type constructor or a function.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Constructor {
    /// The constructor id (CRC32 of the normalized declaration).
    pub id: u32,
    /// Index into [`TYPES`] of the type it builds (for a function: the type it
    /// returns, or [`NO_TYPE`] when that is generic or a vector).
    pub ty: TypeIndex,
    /// Index into [`OPS`] of its first field.
    pub ops_start: u16,
    /// How many fields it has.
    pub ops_len: u8,
    /// Bit set of `CTOR_*` flags.
    pub flags: u8,
}

/// [`Constructor::flags`]: the combinator is a function (an RPC request),
/// not a constructor of its type.
pub const CTOR_FUNCTION: u8 = 1;
/// [`Constructor::flags`]: it comes from the MTProto service schema.
pub const CTOR_MTPROTO: u8 = 2;
/// [`Constructor::flags`]: every field has a fixed size and none is
/// guarded, so the object is `4 + fixed_size` bytes boxed.
pub const CTOR_FIXED: u8 = 4;

/// The value of [`Constructor::ty`] for a function whose result type is not a
/// plain boxed type.
pub const NO_TYPE: TypeIndex = TypeIndex(u16::MAX);

/// One boxed type of the layer.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Type {
    /// Index into [`TYPE_MEMBERS`] of the first of its constructors.
    pub members_start: u16,
    /// How many constructors it has.
    pub members_len: u16,
}

impl Constructor {
    /// Its fields, in schema order: for a combinator of the crate root's
    /// layer (122; for one of layer 230, `layer230::ops`).
    #[inline]
    pub fn ops(&self) -> &'static [Op] {
        let start = usize::from(self.ops_start);
        ops_range(start, start + usize::from(self.ops_len))
    }
    /// Whether it is a function (an RPC request) rather than a type constructor.
    #[inline]
    pub const fn is_function(&self) -> bool {
        self.flags & CTOR_FUNCTION != 0
    }
    /// Its name as the schema writes it (`updateShortMessage`,
    /// `contacts.acceptContact`).
    #[cfg(feature = "names")]
    pub fn name(&self) -> &'static str {
        match index_of(self.id) {
            Some(i) => constructor_name(i),
            None => "",
        }
    }
}

/// The combinators the id hash index covers: all of them, or only the type
/// constructors (indices `0..CONSTRUCTORS.len()`) without the `functions`
/// feature.
const INDEXED: usize = if cfg!(feature = "functions") {
    CONSTRUCTORS.len() + FUNCTIONS.len()
} else {
    CONSTRUCTORS.len()
};

/// Slots of the id hash index: about 1.6 per indexed combinator (load ≈ 0.6,
/// so linear probes stay short): 4 KiB with functions, 3 KiB without.
const HASH_SLOTS: usize = if cfg!(feature = "functions") {
    2048
} else {
    1536
};

/// The home slot of `id`: a multiplicative hash, mapped onto the slots by a
/// multiply-shift (so the slot count need not be a power of two).
#[inline]
const fn hash_slot(id: u32) -> usize {
    let h = id.wrapping_mul(0x9e37_79b1) as u64;
    ((h * HASH_SLOTS as u64) >> 32) as usize
}

/// The slot after `slot`, wrapping.
#[inline]
const fn next_slot(slot: usize) -> usize {
    if slot + 1 == HASH_SLOTS {
        0
    } else {
        slot + 1
    }
}

/// The id hash index, built at compile time: slot → combinator index + 1
/// (0 = empty), open addressing with linear probing.
// Evaluated at compile time: an out-of-range index is a build error, never a
// runtime panic.
#[allow(clippy::indexing_slicing)]
static ID_INDEX: [u16; HASH_SLOTS] = {
    let mut t = [0u16; HASH_SLOTS];
    assert!(INDEXED < HASH_SLOTS * 3 / 4 && COMBINATORS < u16::MAX as usize);
    let mut i = 0;
    while i < INDEXED {
        let mut slot = hash_slot(id_at(i));
        while t[slot] != 0 {
            slot = next_slot(slot);
        }
        t[slot] = i as u16 + 1;
        i += 1;
    }
    t
};

/// How many combinators the layer has: the type constructors (indices
/// `0..CONSTRUCTORS.len()`) then the functions.
pub const COMBINATORS: usize = CONSTRUCTORS.len() + FUNCTIONS.len();

/// The id of combinator `i` (any index below [`COMBINATORS`]), at compile time.
// Evaluated at compile time only: an index out of range is a build error.
#[allow(clippy::indexing_slicing)]
const fn id_at(i: usize) -> u32 {
    if i < CONSTRUCTORS.len() {
        CONSTRUCTORS[i].id
    } else {
        FUNCTIONS[i - CONSTRUCTORS.len()].id
    }
}

/// The op at global index `j`, at compile time.
// Evaluated at compile time only (see `id_at`).
#[allow(clippy::indexing_slicing)]
const fn op_at(j: usize) -> u32 {
    if j < OPS.len() {
        OPS[j].0
    } else {
        FUNCTION_OPS[j - OPS.len()].0
    }
}

/// The flags bits each combinator's fields test (its declared bits), built
/// at compile time from [`OPS`]; parallel to [`CONSTRUCTORS`]. Each is
/// placed as [`Op::flag_place`] says: the first flags word in the low 32
/// bits, the second in the high. (The walker computes them from the ops
/// instead, so that firmware need not link this table; the straight-line
/// validators take theirs as compile-time consts.)
// Evaluated at compile time (see ID_INDEX).
#[allow(clippy::indexing_slicing)]
pub static DECLARED_FLAGS: [u64; COMBINATORS] = {
    let mut t = [0u64; COMBINATORS];
    let mut i = 0;
    while i < COMBINATORS {
        let c = if i < CONSTRUCTORS.len() {
            &CONSTRUCTORS[i]
        } else {
            &FUNCTIONS[i - CONSTRUCTORS.len()]
        };
        let mut j = c.ops_start as usize;
        while j < c.ops_start as usize + c.ops_len as usize {
            let op = op_at(j);
            if op & (1 << 6) != 0 {
                t[i] |= 1 << ((op >> 7) & 63);
            }
            j += 1;
        }
        i += 1;
    }
    t
};

/// An id hash index over another layer's `IDS` (parallel to its type
/// constructors then functions), built at compile time as the crate root's
/// is: slot → combinator index + 1 (0 = empty), linear probing, a load of at
/// most 3/4.
#[cfg(feature = "layer230")]
pub(crate) struct IdIndex<const SLOTS: usize>([u16; SLOTS]);

/// The home slot of `id` among `slots`.
#[cfg(feature = "layer230")]
#[inline]
const fn slot_among(id: u32, slots: usize) -> usize {
    let h = id.wrapping_mul(0x9e37_79b1) as u64;
    ((h * slots as u64) >> 32) as usize
}

#[cfg(feature = "layer230")]
impl<const SLOTS: usize> IdIndex<SLOTS> {
    /// The index of `ids`.
    // Evaluated at compile time (see ID_INDEX).
    #[allow(clippy::indexing_slicing)]
    pub(crate) const fn new(ids: &[u32]) -> IdIndex<SLOTS> {
        let mut t = [0u16; SLOTS];
        assert!(ids.len() < SLOTS * 3 / 4 && ids.len() < u16::MAX as usize);
        let mut i = 0;
        while i < ids.len() {
            let mut slot = slot_among(ids[i], SLOTS);
            while t[slot] != 0 {
                slot = if slot + 1 == SLOTS { 0 } else { slot + 1 };
            }
            t[slot] = i as u16 + 1;
            i += 1;
        }
        IdIndex(t)
    }

    /// The combinator whose id is `id`, as `id_of` (the id of a combinator
    /// index) confirms.
    #[inline]
    pub(crate) fn find(
        &self,
        id: u32,
        id_of: impl Fn(CtorIndex) -> Option<u32>,
    ) -> Option<CtorIndex> {
        let mut slot = slot_among(id, SLOTS);
        // At most 3/4 full: a probe ends at an empty slot before going round.
        for _ in 0..SLOTS {
            let e = *self.0.get(slot)?;
            if e == 0 {
                return None;
            }
            let i = CtorIndex(e - 1);
            if id_of(i) == Some(id) {
                return Some(i);
            }
            slot = if slot + 1 == SLOTS { 0 } else { slot + 1 };
        }
        None
    }
}

/// The index into [`CONSTRUCTORS`] of the combinator with this id, if the
/// layer has one: one multiply and, on average, about one probe of a
/// compile-time hash index; no allocation.
#[inline]
pub fn index_of(id: u32) -> Option<CtorIndex> {
    let mut slot = hash_slot(id);
    // The table is at most 3/4 full, so a probe ends at an empty slot well
    // before going round; the bound only keeps the loop visibly finite.
    for _ in 0..HASH_SLOTS {
        let e = *ID_INDEX.get(slot)?;
        if e == 0 {
            return None;
        }
        let i = CtorIndex(e - 1);
        // Compare with the row itself (so `IDS`, which repeats the ids for
        // tools, is not linked into firmware).
        if constructor(i).map(|c| c.id) == Some(id) {
            return Some(i);
        }
        slot = next_slot(slot);
    }
    None
}

/// The combinator with this id, if the layer has one.
#[inline]
pub fn constructor_by_id(id: u32) -> Option<&'static Constructor> {
    index_of(id).and_then(constructor)
}

/// The combinator at `index`: a type constructor below
/// `CONSTRUCTORS.len()`, a function from there on (`None` without the
/// `functions` feature).
#[inline]
pub fn constructor(index: CtorIndex) -> Option<&'static Constructor> {
    let i = index.get();
    match CONSTRUCTORS.get(i) {
        Some(c) => Some(c),
        None => function(i.wrapping_sub(CONSTRUCTORS.len())),
    }
}

#[cfg(feature = "functions")]
#[inline]
fn function(i: usize) -> Option<&'static Constructor> {
    FUNCTIONS.get(i)
}

#[cfg(not(feature = "functions"))]
#[inline]
fn function(_: usize) -> Option<&'static Constructor> {
    None
}

/// Every combinator of the layer, type constructors then functions, with
/// its index (whatever the `functions` feature says: this is for tools).
pub fn combinators() -> impl Iterator<Item = (CtorIndex, &'static Constructor)> {
    combinators_of(&CONSTRUCTORS, &FUNCTIONS)
}

/// Every combinator of a layer's tables, type constructors then functions,
/// with its index.
pub(crate) fn combinators_of(
    constructors: &'static [Constructor],
    functions: &'static [Constructor],
) -> impl Iterator<Item = (CtorIndex, &'static Constructor)> {
    constructors
        .iter()
        .chain(functions.iter())
        .enumerate()
        .map(|(i, c)| (CtorIndex(u16::try_from(i).unwrap_or(u16::MAX)), c))
}

/// The op at global index `index`: in [`OPS`] below `OPS.len()`, in
/// [`FUNCTION_OPS`] from there on (`None` without the `functions` feature).
#[inline]
pub fn op(index: usize) -> Option<Op> {
    match OPS.get(index) {
        Some(&op) => Some(op),
        None => function_ops(index.wrapping_sub(OPS.len()), 1).and_then(|o| o.first().copied()),
    }
}

/// The ops at global indices `start..end` (one combinator's run).
#[inline]
pub fn ops_range(start: usize, end: usize) -> &'static [Op] {
    if start < OPS.len() {
        OPS.get(start..end).unwrap_or(&[])
    } else {
        function_ops(start.wrapping_sub(OPS.len()), end.saturating_sub(start)).unwrap_or(&[])
    }
}

#[cfg(feature = "functions")]
#[inline]
fn function_ops(start: usize, len: usize) -> Option<&'static [Op]> {
    FUNCTION_OPS.get(start..start.checked_add(len)?)
}

#[cfg(not(feature = "functions"))]
#[inline]
fn function_ops(_: usize, _: usize) -> Option<&'static [Op]> {
    None
}

/// The type at `index` in [`TYPES`].
#[inline]
pub fn type_info(index: TypeIndex) -> Option<&'static Type> {
    TYPES.get(index.get())
}

/// The constructors (indices into [`CONSTRUCTORS`]) of a type.
pub fn type_members(index: TypeIndex) -> &'static [CtorIndex] {
    members_of(&TYPES, &TYPE_MEMBERS, index)
}

/// The constructors of type `index` in a layer's tables.
pub(crate) fn members_of(
    types: &'static [Type],
    members: &'static [CtorIndex],
    index: TypeIndex,
) -> &'static [CtorIndex] {
    match types.get(index.get()) {
        Some(t) => {
            let s = usize::from(t.members_start);
            members
                .get(s..s + usize::from(t.members_len))
                .unwrap_or(&[])
        }
        None => &[],
    }
}

#[cfg(feature = "names")]
fn pooled(packed: Option<&u32>) -> &'static str {
    pooled_in(names::NAME_POOL, packed)
}

/// The name packed as `start << 8 | len` into `pool`, or `""`.
#[cfg(feature = "names")]
pub(crate) fn pooled_in(pool: &'static str, packed: Option<&u32>) -> &'static str {
    match packed {
        Some(&p) => {
            let start = (p >> 8) as usize;
            let len = (p & 0xff) as usize;
            pool.get(start..start + len).unwrap_or("")
        }
        None => "",
    }
}

/// The name of the combinator at `index` in [`CONSTRUCTORS`]
/// (`updateShortMessage`, `contacts.acceptContact`); empty if out of range.
#[cfg(feature = "names")]
pub fn constructor_name(index: CtorIndex) -> &'static str {
    pooled(names::CONSTRUCTOR_NAMES.get(index.get()))
}

/// The name of the type at `index` in [`TYPES`] (`Updates`, `messages.Messages`).
#[cfg(feature = "names")]
pub fn type_name(index: TypeIndex) -> &'static str {
    pooled(names::TYPE_NAMES.get(index.get()))
}

/// The schema name of the field at `index` in [`OPS`] (`user_id`, `pts_count`).
#[cfg(feature = "names")]
pub fn field_name(index: usize) -> &'static str {
    pooled(names::FIELD_NAMES.get(index))
}
