//! The walker: validates a whole object of an expected type against the layer
//! table and says where it ends. No recursion: it keeps its own bounded stack,
//! so hostile nesting costs neither native stack nor more than
//! [`Limits::max_depth`] frames.
//!
//! ```
//! use tlview::walk::{walk, Expect};
//! use tlview::{schema, Limits};
//! // updatesTooLong#e317af7e: no fields.
//! let bytes = 0xe317af7eu32.to_le_bytes();
//! assert_eq!(walk(&bytes, Expect::Type(schema::ty::UPDATES), &Limits::DEFAULT), Ok(4));
//! // The same id where a User is expected is an error that names both.
//! let e = walk(&bytes, Expect::Type(schema::ty::USER), &Limits::DEFAULT).unwrap_err();
//! assert_eq!(e.offset(), 0);
//! ```

use heapless::Vec as HVec;

use crate::error::{count32, Error, ErrorKind, Item, Result};
use crate::limits::Limits;
use crate::reader::{Reader, VECTOR};
use crate::schema::{self, Constructor, CtorIndex, Kind, Op, Repeat, TypeIndex};

/// What the walker expects to find.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Expect {
    /// A boxed object of this type (an index into [`schema::TYPES`]).
    Type(TypeIndex),
    /// A bare object of this constructor (an index into [`schema::CONSTRUCTORS`]).
    Bare(CtorIndex),
    /// Any boxed object of the layer: a constructor of any type or a function.
    Any,
}

/// One object being walked: the fields left, its flags words, and the state
/// of a vector of objects it is in the middle of.
#[derive(Clone, Copy, Debug)]
struct Frame<F> {
    /// Global op index (see `schema::op`) of the next field.
    pos: u16,
    /// Global op index one past its last field.
    end: u16,
    /// Its flags words: as many as the layer's combinators have at most,
    /// so that a layer with one word per combinator keeps its frames small.
    flags: F,
    /// Elements left in the vector of objects at `pos`.
    vec_left: u32,
    /// For a sized object: the offset at which it must end (else `u32::MAX`).
    must_end: u32,
    /// The last `int` field read (the declared size of a sized object).
    last_int: i32,
}

/// The tables one walk reads: a layer's combinators, ops and id index, and
/// its straight-line validators. The walker is generic over them so that
/// each layer gets its own copy with its tables as constants (no indirection
/// on the hot path), and so that the tests can walk a small table of their
/// own.
pub(crate) trait Tables {
    /// The flags words of one object.
    type Flags: FlagsWords;
    /// The combinator at `index` (see [`schema::constructor`]).
    fn constructor(index: CtorIndex) -> Option<&'static Constructor>;
    /// The combinator with this id (see [`schema::index_of`]).
    fn index_of(id: u32) -> Option<CtorIndex>;
    /// The op at global index `index` (see [`schema::op`]).
    fn op(index: usize) -> Option<Op>;
    /// The ops at global indices `start..end` (see [`schema::ops_range`]).
    fn ops_range(start: usize, end: usize) -> &'static [Op];
    /// The straight-line validator of constructor `index`'s fields, if it
    /// has one: the reader after them, or `None` to walk them by table.
    fn fast_body<'a>(index: CtorIndex, r: &Reader<'a>, below: u32) -> Option<Reader<'a>>;
    /// The error for constructor `found` where a `expected_type` was
    /// expected: [`ErrorKind::WrongType`] in the crate root's layer, whose
    /// type names the error prints.
    #[inline]
    fn wrong_type(expected_type: TypeIndex, found: u32) -> ErrorKind {
        ErrorKind::WrongType {
            expected_type,
            found,
        }
    }
}

/// Layer 122's tables ([`schema`]), with the straight-line validators of the
/// `fast` feature.
pub(crate) struct Layer122;

impl Tables for Layer122 {
    type Flags = [u32; schema::FLAGS_WORDS];
    #[inline]
    fn constructor(index: CtorIndex) -> Option<&'static Constructor> {
        schema::constructor(index)
    }
    #[inline]
    fn index_of(id: u32) -> Option<CtorIndex> {
        schema::index_of(id)
    }
    #[inline]
    fn op(index: usize) -> Option<Op> {
        schema::op(index)
    }
    #[inline]
    fn ops_range(start: usize, end: usize) -> &'static [Op] {
        schema::ops_range(start, end)
    }
    #[inline]
    fn fast_body<'a>(index: CtorIndex, r: &Reader<'a>, below: u32) -> Option<Reader<'a>> {
        crate::fast::body(crate::Layer::L122, index, r, below)
    }
}

/// A walker frame's flags words: `[u32; N]` for a layer whose combinators
/// have at most `N` `#` fields.
pub(crate) trait FlagsWords: Copy + core::fmt::Debug {
    /// No word read yet.
    const NONE: Self;
    /// Whether the bit at `place` ([`Op::flag_place`]) is set.
    fn test(&self, place: u32) -> bool;
    /// Word `word` ([`Op::flags_word`]) is now `value`.
    fn set(&mut self, word: u8, value: u32);
}

impl<const N: usize> FlagsWords for [u32; N] {
    const NONE: Self = [0; N];
    #[inline(always)]
    fn test(&self, place: u32) -> bool {
        self.get((place / 32) as usize)
            .is_some_and(|w| w >> (place % 32) & 1 != 0)
    }
    #[inline(always)]
    fn set(&mut self, word: u8, value: u32) {
        if let Some(w) = self.get_mut(usize::from(word)) {
            *w = value;
        }
    }
}

/// The walker's stack capacity: the most [`Limits::max_depth`] can allow.
const STACK: usize = Limits::MAX_DEPTH as usize;

/// Validates one object of `expect` at the start of `input`; returns its
/// length in bytes (the offset where it ends). Trailing bytes are allowed.
pub fn walk(input: &[u8], expect: Expect, limits: &Limits) -> Result<usize> {
    let mut r = Reader::new(input);
    walk_reader(&mut r, expect, limits)?;
    Ok(r.offset())
}

/// Validates that `input` is exactly one object of `expect`.
pub fn walk_exact(input: &[u8], expect: Expect, limits: &Limits) -> Result<()> {
    let mut r = Reader::new(input);
    walk_reader(&mut r, expect, limits)?;
    r.finish()
}

/// Validates one object of `expect` at the reader's position and moves the
/// reader past it; the object is nested at depth 1.
pub fn walk_reader(r: &mut Reader<'_>, expect: Expect, limits: &Limits) -> Result<()> {
    walk_at_depth(r, expect, limits, 0)
}

/// The constructor of the object at `r` of kind `kind` with argument `arg`
/// (a single value of an [`Op`]): for [`Kind::Bare`], the constructor at
/// index `arg` (nothing is read); otherwise the id read at `r`, which must
/// name a constructor of type `arg` ([`Kind::Boxed`]) or any constructor
/// ([`Kind::AnyBoxed`]). Returns its index and its row. The walker reads
/// every object's header so; a tool that walks the table itself (`tl dump`
/// finding the field path of an error) does the same through this.
#[inline]
pub fn read_header(
    r: &mut Reader<'_>,
    kind: Kind,
    arg: u16,
) -> Result<(CtorIndex, &'static Constructor)> {
    read_header_in::<Layer122>(r, kind, arg)
}

/// [`read_header`] over the tables `T`.
#[inline]
pub(crate) fn read_header_in<T: Tables>(
    r: &mut Reader<'_>,
    kind: Kind,
    arg: u16,
) -> Result<(CtorIndex, &'static Constructor)> {
    if kind == Kind::Bare {
        return match T::constructor(CtorIndex(arg)) {
            Some(c) => Ok((CtorIndex(arg), c)),
            None => Err(r.error(ErrorKind::UnknownConstructor { id: 0 })),
        };
    }
    let at = r.offset();
    let id = r.read_id()?;
    let found = T::index_of(id).and_then(|i| Some((i, T::constructor(i)?)));
    match found {
        Some((i, c)) if kind != Kind::Boxed || (c.ty == TypeIndex(arg) && !c.is_function()) => {
            Ok((i, c))
        }
        Some(_) => Err(Error::new(T::wrong_type(TypeIndex(arg), id), at)),
        None if id == VECTOR && kind != Kind::Boxed => {
            Err(Error::new(ErrorKind::UntypedVector, at))
        }
        None => Err(Error::new(ErrorKind::UnknownConstructor { id }, at)),
    }
}

/// The bits of flags word `word` that some field among `ops` tests.
fn declared_bits(ops: &[Op], word: u8) -> u32 {
    ops.iter()
        .filter(|op| op.flags_word() == word)
        .filter_map(|op| op.condition())
        .fold(0, |m, (_, bit)| m | 1u32 << (bit & 31))
}

/// Reads a `#` word (the combinator's flags word number `word`, see
/// [`Op::flags_word`]) and checks it as the walker does: it may set only the
/// bits of that word that some field after it (`later`, the rest of its
/// combinator's fields) tests; any other bit is
/// [`ErrorKind::UndeclaredFlags`] at the word. `tl dump`'s path finder reads
/// the words of the objects it walks through this too.
#[inline]
pub fn read_flags_word(r: &mut Reader<'_>, word: u8, later: &[Op]) -> Result<u32> {
    let at = r.offset();
    let flags = r.read_flags()?.bits();
    let declared = declared_bits(later, word);
    if flags & !declared != 0 {
        return Err(Error::new(
            ErrorKind::UndeclaredFlags {
                flags,
                undeclared: flags & !declared,
            },
            at,
        ));
    }
    Ok(flags)
}

fn frame_for<F: FlagsWords>(c: &Constructor, must_end: u32) -> Frame<F> {
    Frame {
        pos: c.ops_start,
        end: c.ops_start.saturating_add(u16::from(c.ops_len)),
        flags: F::NONE,
        vec_left: 0,
        must_end,
        last_int: 0,
    }
}

/// Checks and skips one value of `kind` that is not an object (for an
/// object kind, nothing), as the walker does: a `string` must be canonical,
/// a `Bool` one of its two ids.
#[inline]
pub fn skip_primitive(r: &mut Reader<'_>, kind: Kind) -> Result<()> {
    match kind {
        Kind::Int | Kind::Flags => r.skip(4, Item::Int),
        Kind::Long => r.skip(8, Item::Long),
        Kind::Double => r.skip(8, Item::Double),
        Kind::Int128 => r.skip(16, Item::Int128),
        Kind::Int256 => r.skip(32, Item::Int256),
        Kind::String => r.read_raw_bytes(Item::StringData).map(|_| ()),
        Kind::Bytes => r.read_raw_bytes(Item::BytesData).map(|_| ()),
        Kind::Bool => r.read_bool().map(|_| ()),
        Kind::True => Ok(()),
        Kind::Boxed | Kind::Bare | Kind::AnyBoxed | Kind::SizedObject => Ok(()),
    }
}

#[inline]
const fn is_object(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Boxed | Kind::Bare | Kind::AnyBoxed | Kind::SizedObject
    )
}

/// As [`walk_reader`], for an object nested under `depth` others (so a
/// caller that walks part of a message itself keeps the depth limit true).
pub fn walk_at_depth(
    r: &mut Reader<'_>,
    expect: Expect,
    limits: &Limits,
    depth: u32,
) -> Result<()> {
    walk_impl::<Layer122>(r, expect, limits, depth, true).map(|_| ())
}

/// As [`walk_at_depth`], returning the constructor of the object walked.
#[inline]
pub(crate) fn walk_object(
    r: &mut Reader<'_>,
    expect: Expect,
    limits: &Limits,
    depth: u32,
) -> Result<&'static Constructor> {
    walk_impl::<Layer122>(r, expect, limits, depth, true)
}

/// [`walk`] through the table interpreter alone, without the straight-line
/// validators of the hot constructors: for the tests (`tests/fast_paths.rs`)
/// and the fuzz harness (`testkit/fuzzing`, target `walk_any`), which check
/// that both accept exactly the same inputs with the same errors. Not API.
#[doc(hidden)]
pub fn walk_table_only(input: &[u8], expect: Expect, limits: &Limits) -> Result<usize> {
    let mut r = Reader::new(input);
    walk_impl::<Layer122>(&mut r, expect, limits, 0, false)?;
    Ok(r.offset())
}

pub(crate) fn walk_impl<T: Tables>(
    r: &mut Reader<'_>,
    expect: Expect,
    limits: &Limits,
    depth: u32,
    fast: bool,
) -> Result<&'static Constructor> {
    let max_depth = limits.max_depth.min(Limits::MAX_DEPTH);
    if depth >= max_depth {
        return Err(r.error(ErrorKind::DepthLimit { limit: max_depth }));
    }
    let (root_index, root) = match expect {
        Expect::Type(t) => read_header_in::<T>(r, Kind::Boxed, t.0)?,
        Expect::Bare(c) => read_header_in::<T>(r, Kind::Bare, c.0)?,
        Expect::Any => read_header_in::<T>(r, Kind::AnyBoxed, 0)?,
    };
    if root.ops_len == 0 {
        return Ok(root);
    }
    if fast {
        if let Some(after) = T::fast_body(root_index, r, max_depth.saturating_sub(depth + 1)) {
            *r = after;
            return Ok(root);
        }
    }
    let mut stack: HVec<Frame<T::Flags>, STACK> = HVec::new();
    // `depth` frames are notionally below ours.
    let base = usize::try_from(depth).unwrap_or(usize::MAX);
    let limit = usize::try_from(max_depth).unwrap_or(STACK);
    stack
        .push(frame_for(root, u32::MAX))
        .map_err(|_| r.error(ErrorKind::DepthLimit { limit: max_depth }))?;

    while let Some(top) = stack.last_mut() {
        // The op this frame is at (or the end of the frame).
        let op: Op = match T::op(usize::from(top.pos)) {
            Some(op) if top.pos < top.end => op,
            _ => {
                let must_end = top.must_end;
                stack.pop();
                if must_end != u32::MAX {
                    let at = count32(r.offset());
                    if at != must_end {
                        // Sizes, not offsets: the enclosing `message`'s last
                        // int is the declared size, so the body began at
                        // `must_end - declared`.
                        let declared = stack
                            .last()
                            .map_or(0, |p| u32::try_from(p.last_int).unwrap_or(0));
                        let start = must_end.saturating_sub(declared);
                        return Err(r.error(ErrorKind::LengthMismatch {
                            declared,
                            actual: at.saturating_sub(start),
                        }));
                    }
                }
                continue;
            }
        };
        let kind = op.kind();
        // Where a nested object read in this step starts.
        let obj_at = r.offset();

        // In the middle of a vector of objects: the next element.
        let nested: Option<((CtorIndex, &'static Constructor), u32)> = if top.vec_left > 0 {
            top.vec_left -= 1;
            if top.vec_left == 0 {
                top.pos += 1;
            }
            Some((read_header_in::<T>(r, kind, op.arg())?, u32::MAX))
        } else {
            if let Some(place) = op.flag_place() {
                if !top.flags.test(place) {
                    top.pos += 1;
                    continue;
                }
            }
            match op.repeat() {
                Repeat::One => {
                    top.pos += 1;
                    match kind {
                        Kind::Flags => {
                            let later = T::ops_range(usize::from(top.pos), usize::from(top.end));
                            let word = op.flags_word();
                            let value = read_flags_word(r, word, later)?;
                            top.flags.set(word, value);
                            None
                        }
                        Kind::SizedObject => {
                            // The previous field (an int) declared the size:
                            // the body must fill exactly that many bytes.
                            let size = usize::try_from(top.last_int).map_err(|_| {
                                r.error(ErrorKind::InvalidLength {
                                    value: top.last_int,
                                })
                            })?;
                            if size > r.remaining() {
                                return Err(r.error(ErrorKind::UnexpectedEnd {
                                    what: Item::Object,
                                    needed: count32(size),
                                    available: count32(r.remaining()),
                                }));
                            }
                            let end = count32(r.offset().saturating_add(size));
                            Some((read_header_in::<T>(r, Kind::AnyBoxed, 0)?, end))
                        }
                        Kind::Int => {
                            top.last_int = r.read_int()?;
                            None
                        }
                        k if is_object(k) => Some((read_header_in::<T>(r, k, op.arg())?, u32::MAX)),
                        k => {
                            skip_primitive(r, k)?;
                            None
                        }
                    }
                }
                Repeat::BoxedVector | Repeat::BareVector => {
                    let min = match kind {
                        Kind::Bare => 1,
                        k => k.min_size(),
                    };
                    let count = if op.repeat() == Repeat::BoxedVector {
                        r.read_vector_len(min)?
                    } else {
                        r.read_bare_vector_len(min)?
                    };
                    if let Some(size) = kind.fixed_size() {
                        top.pos += 1;
                        // count × size ≤ bytes left was checked above.
                        let n = usize::try_from(count)
                            .ok()
                            .and_then(|c| c.checked_mul(size))
                            .unwrap_or(usize::MAX);
                        r.skip(n, Item::VectorElements)?;
                    } else if is_object(kind) {
                        if count == 0 {
                            top.pos += 1;
                        } else {
                            top.vec_left = count;
                        }
                    } else {
                        top.pos += 1;
                        for _ in 0..count {
                            skip_primitive(r, kind)?;
                        }
                    }
                    None
                }
            }
        };

        if let Some(((index, c), must_end)) = nested {
            if stack.len().saturating_add(base) >= limit {
                return Err(Error::new(
                    ErrorKind::DepthLimit { limit: max_depth },
                    obj_at,
                ));
            }
            if fast && must_end == u32::MAX && c.ops_len > 0 {
                // Levels that may still nest below this object.
                let below =
                    u32::try_from(limit.saturating_sub(stack.len() + base + 1)).unwrap_or(0);
                if let Some(after) = T::fast_body(index, r, below) {
                    *r = after;
                    continue;
                }
            }
            if c.ops_len > 0 || must_end != u32::MAX {
                stack
                    .push(frame_for(c, must_end))
                    .map_err(|_| r.error(ErrorKind::DepthLimit { limit: max_depth }))?;
            }
        }
    }
    Ok(root)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A table of its own with two flags words, which layer 122 never has:
    /// `a#00000001 flags:# x:flags.0?int flags2:# y:flags2.1?long
    /// z:flags.2?B = A` and `b#00000002 = B`.
    struct TwoWords;

    static OPS: [Op; 5] = [
        Op::new(Kind::Flags, 0),
        Op::new(Kind::Int, 0).when(0, 0),
        Op::second_flags(),
        Op::new(Kind::Long, 0).when_second(2, 1),
        Op::boxed(TypeIndex(1)).when(0, 2),
    ];
    static CONSTRUCTORS: [Constructor; 2] = [
        Constructor {
            id: 1,
            ty: TypeIndex(0),
            ops_start: 0,
            ops_len: 5,
            flags: 0,
        },
        Constructor {
            id: 2,
            ty: TypeIndex(1),
            ops_start: 5,
            ops_len: 0,
            flags: 0,
        },
    ];

    impl Tables for TwoWords {
        type Flags = [u32; 2];
        fn constructor(index: CtorIndex) -> Option<&'static Constructor> {
            CONSTRUCTORS.get(index.get())
        }
        fn index_of(id: u32) -> Option<CtorIndex> {
            let i = CONSTRUCTORS.iter().position(|c| c.id == id)?;
            Some(CtorIndex(u16::try_from(i).ok()?))
        }
        fn op(index: usize) -> Option<Op> {
            OPS.get(index).copied()
        }
        fn ops_range(start: usize, end: usize) -> &'static [Op] {
            OPS.get(start..end).unwrap_or(&[])
        }
        fn fast_body<'a>(_: CtorIndex, _: &Reader<'a>, _: u32) -> Option<Reader<'a>> {
            None
        }
    }

    /// An `a` with these words and every field its bits ask for.
    fn a(flags: u32, flags2: u32) -> std::vec::Vec<u8> {
        let mut v = std::vec::Vec::new();
        v.extend(1u32.to_le_bytes());
        v.extend(flags.to_le_bytes());
        if flags & 1 != 0 {
            v.extend(7i32.to_le_bytes());
        }
        v.extend(flags2.to_le_bytes());
        if flags2 & 2 != 0 {
            v.extend(9i64.to_le_bytes());
        }
        if flags & 4 != 0 {
            v.extend(2u32.to_le_bytes());
        }
        v
    }

    fn walk_a(bytes: &[u8]) -> Result<usize> {
        let mut r = Reader::new(bytes);
        walk_impl::<TwoWords>(
            &mut r,
            Expect::Type(TypeIndex(0)),
            &Limits::DEFAULT,
            0,
            true,
        )?;
        Ok(r.offset())
    }

    #[test]
    fn each_word_guards_its_own_fields() {
        // Each field follows its own word's bit: `y` (flags2.1) is there
        // when the second word has bit 1, whatever the first word says.
        for (flags, flags2, len) in [
            (0, 0, 12),
            (1, 0, 16),
            (0, 2, 20),
            (1, 2, 24),
            (4, 0, 16),
            (5, 2, 28),
        ] {
            let bytes = a(flags, flags2);
            assert_eq!(bytes.len(), len);
            assert_eq!(
                walk_a(&bytes),
                Ok(len),
                "flags {flags:#x}, flags2 {flags2:#x}"
            );
            // Every prefix is too short.
            for cut in 0..len {
                assert!(walk_a(&bytes[..cut]).is_err(), "{cut} of {len}");
            }
        }
    }

    #[test]
    fn frames_keep_as_many_words_as_the_layer_needs() {
        // Layer 122 has one word per combinator: its frames stay 20 bytes
        // (128 of them are the walker's stack).
        assert_eq!(schema::FLAGS_WORDS, 1);
        assert_eq!(core::mem::size_of::<Frame<[u32; 1]>>(), 20);
        assert_eq!(core::mem::size_of::<Frame<[u32; 2]>>(), 24);
        let mut one = [0u32; 1];
        one.set(0, 5);
        one.set(1, u32::MAX); // no second word: nothing to keep
        assert_eq!(one, [5]);
        assert!(one.test(0) && !one.test(1) && one.test(2));
        assert!(!one.test(32) && !one.test(63));
        let mut two = [0u32; 2];
        two.set(1, 1 << 3);
        assert!(two.test(35) && !two.test(3));
    }

    #[test]
    fn each_word_declares_its_own_bits() {
        // Bit 1 is declared in the second word only, bit 0 in the first only.
        let e = walk_a(&a(2, 0)).unwrap_err();
        assert_eq!(
            (e.kind(), e.offset()),
            (
                ErrorKind::UndeclaredFlags {
                    flags: 2,
                    undeclared: 2
                },
                4
            )
        );
        let e = walk_a(&a(1, 3)).unwrap_err();
        assert_eq!(
            (e.kind(), e.offset()),
            (
                ErrorKind::UndeclaredFlags {
                    flags: 3,
                    undeclared: 1
                },
                12
            )
        );
    }
}
