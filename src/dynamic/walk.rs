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

/// One object being walked: the fields left, its flags word, and the state
/// of a vector of objects it is in the middle of.
#[derive(Clone, Copy, Debug)]
struct Frame {
    /// Global op index (see `schema::op`) of the next field.
    pos: u16,
    /// Global op index one past its last field.
    end: u16,
    /// Its flags word (layer 122 has at most one `#` field per combinator).
    flags: u32,
    /// Elements left in the vector of objects at `pos`.
    vec_left: u32,
    /// For a sized object: the offset at which it must end (else `u32::MAX`).
    must_end: u32,
    /// The last `int` field read (the declared size of a sized object).
    last_int: i32,
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
    if kind == Kind::Bare {
        return match schema::constructor(CtorIndex(arg)) {
            Some(c) => Ok((CtorIndex(arg), c)),
            None => Err(r.error(ErrorKind::UnknownConstructor { id: 0 })),
        };
    }
    let at = r.offset();
    let id = r.read_id()?;
    let found = schema::index_of(id).and_then(|i| Some((i, schema::constructor(i)?)));
    match found {
        Some((i, c)) if kind != Kind::Boxed || (c.ty == TypeIndex(arg) && !c.is_function()) => {
            Ok((i, c))
        }
        Some(_) => Err(Error::new(
            ErrorKind::WrongType {
                expected_type: TypeIndex(arg),
                found: id,
            },
            at,
        )),
        None if id == VECTOR && kind != Kind::Boxed => {
            Err(Error::new(ErrorKind::UntypedVector, at))
        }
        None => Err(Error::new(ErrorKind::UnknownConstructor { id }, at)),
    }
}

/// The flags bits that some field among `ops` tests.
fn declared_bits(ops: &[Op]) -> u32 {
    ops.iter()
        .filter_map(|op| op.condition())
        .fold(0, |m, (_, bit)| m | 1u32 << (bit & 31))
}

/// Reads a `#` word and checks it as the walker does: it may set only the
/// bits that some field after it (`later`, the rest of its combinator's
/// fields) tests; any other bit is [`ErrorKind::UndeclaredFlags`] at the
/// word. `tl dump`'s path finder reads the words of the objects it walks
/// through this too.
#[inline]
pub fn read_flags_word(r: &mut Reader<'_>, later: &[Op]) -> Result<u32> {
    let at = r.offset();
    let flags = r.read_flags()?.bits();
    let declared = declared_bits(later);
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

fn frame_for(c: &Constructor, must_end: u32) -> Frame {
    Frame {
        pos: c.ops_start,
        end: c.ops_start.saturating_add(u16::from(c.ops_len)),
        flags: 0,
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
    walk_impl(r, expect, limits, depth, true).map(|_| ())
}

/// As [`walk_at_depth`], returning the constructor of the object walked.
#[inline]
pub(crate) fn walk_object(
    r: &mut Reader<'_>,
    expect: Expect,
    limits: &Limits,
    depth: u32,
) -> Result<&'static Constructor> {
    walk_impl(r, expect, limits, depth, true)
}

/// [`walk`] through the table interpreter alone, without the straight-line
/// validators of the hot constructors: for the tests (`tests/fast_paths.rs`)
/// and the fuzz harness (`testkit/fuzzing`, target `walk_any`), which check
/// that both accept exactly the same inputs with the same errors. Not API.
#[doc(hidden)]
pub fn walk_table_only(input: &[u8], expect: Expect, limits: &Limits) -> Result<usize> {
    let mut r = Reader::new(input);
    walk_impl(&mut r, expect, limits, 0, false)?;
    Ok(r.offset())
}

fn walk_impl(
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
        Expect::Type(t) => read_header(r, Kind::Boxed, t.0)?,
        Expect::Bare(c) => read_header(r, Kind::Bare, c.0)?,
        Expect::Any => read_header(r, Kind::AnyBoxed, 0)?,
    };
    if root.ops_len == 0 {
        return Ok(root);
    }
    if fast {
        if let Some(after) = crate::fast::body(root_index, r, max_depth.saturating_sub(depth + 1)) {
            *r = after;
            return Ok(root);
        }
    }
    let mut stack: HVec<Frame, STACK> = HVec::new();
    // `depth` frames are notionally below ours.
    let base = usize::try_from(depth).unwrap_or(usize::MAX);
    let limit = usize::try_from(max_depth).unwrap_or(STACK);
    stack
        .push(frame_for(root, u32::MAX))
        .map_err(|_| r.error(ErrorKind::DepthLimit { limit: max_depth }))?;

    while let Some(top) = stack.last_mut() {
        // The op this frame is at (or the end of the frame).
        let op: Op = match schema::op(usize::from(top.pos)) {
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
            Some((read_header(r, kind, op.arg())?, u32::MAX))
        } else {
            if let Some((_, bit)) = op.condition() {
                if top.flags & (1u32 << (bit & 31)) == 0 {
                    top.pos += 1;
                    continue;
                }
            }
            match op.repeat() {
                Repeat::One => {
                    top.pos += 1;
                    match kind {
                        Kind::Flags => {
                            let later =
                                schema::ops_range(usize::from(top.pos), usize::from(top.end));
                            top.flags = read_flags_word(r, later)?;
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
                            Some((read_header(r, Kind::AnyBoxed, 0)?, end))
                        }
                        Kind::Int => {
                            top.last_int = r.read_int()?;
                            None
                        }
                        k if is_object(k) => Some((read_header(r, k, op.arg())?, u32::MAX)),
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
                if let Some(after) = crate::fast::body(index, r, below) {
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
