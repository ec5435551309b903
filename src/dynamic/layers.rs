//! [`Layer`]: which layer's tables a dynamic view reads.
//!
//! The crate root's schema is layer 122, and every function that takes no
//! layer reads it. [`Object`](crate::object::Object), its fields, TL JSON
//! and the `tl` tool can read any layer the crate was built with: they take
//! a `Layer` (or get it from the object they came from), and every lookup
//! they make (combinators, fields, names, the walker) goes through it.
//!
//! ```
//! use tlview::Layer;
//! let l = Layer::L122;
//! assert_eq!(l.number(), 122);
//! assert_eq!(Layer::from_number(122), Some(l));
//! // updateShort#78d4dec1 update:Update date:int
//! let short = l.constructor_by_id(0x78d4dec1).unwrap();
//! assert_eq!(l.ops(short).len(), 2);
//! ```

use crate::error::Result;
use crate::limits::Limits;
use crate::reader::Reader;
use crate::schema::{self, Constructor, CtorIndex, Kind, Op, TypeIndex};
use crate::walk::Expect;

use super::walk::{walk_impl, Layer122};

/// A layer whose tables the crate holds: layer 122 always (the crate
/// root's), layer 230 with the `layer230` feature.
///
/// A `Layer` is one byte; the dynamic views carry it, so that an object
/// read in layer 230 names its fields in layer 230.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Layer {
    /// Layer 122 (`tlview::schema`), the default.
    #[default]
    L122,
    /// Layer 230 (`tlview::layer230`).
    #[cfg(feature = "layer230")]
    L230,
}

impl Layer {
    /// Every layer this build has, oldest first.
    pub const ALL: &'static [Layer] = &[
        Layer::L122,
        #[cfg(feature = "layer230")]
        Layer::L230,
    ];

    /// Its number, as in the schema's `// LAYER` line.
    #[inline]
    pub const fn number(self) -> u32 {
        match self {
            Layer::L122 => schema::LAYER,
            #[cfg(feature = "layer230")]
            Layer::L230 => schema::layer230::LAYER,
        }
    }

    /// The layer numbered `n`, if this build has it.
    pub fn from_number(n: u32) -> Option<Layer> {
        Layer::ALL.iter().copied().find(|l| l.number() == n)
    }

    /// The index of the combinator with this id.
    #[inline]
    pub fn index_of(self, id: u32) -> Option<CtorIndex> {
        match self {
            Layer::L122 => schema::index_of(id),
            #[cfg(feature = "layer230")]
            Layer::L230 => crate::layer230::index_of(id),
        }
    }

    /// The combinator at `index`: a type constructor, then the functions.
    #[inline]
    pub fn constructor(self, index: CtorIndex) -> Option<&'static Constructor> {
        match self {
            Layer::L122 => schema::constructor(index),
            #[cfg(feature = "layer230")]
            Layer::L230 => crate::layer230::constructor(index),
        }
    }

    /// The combinator with this id.
    #[inline]
    pub fn constructor_by_id(self, id: u32) -> Option<&'static Constructor> {
        self.index_of(id).and_then(|i| self.constructor(i))
    }

    /// Every combinator, type constructors then functions, with its index.
    pub fn combinators(self) -> impl Iterator<Item = (CtorIndex, &'static Constructor)> {
        let (constructors, functions): (&'static [Constructor], &'static [Constructor]) = match self
        {
            Layer::L122 => (&schema::CONSTRUCTORS, &schema::FUNCTIONS),
            #[cfg(feature = "layer230")]
            Layer::L230 => (&crate::layer230::CONSTRUCTORS, &crate::layer230::FUNCTIONS),
        };
        schema::combinators_of(constructors, functions)
    }

    /// How many combinators it has.
    pub fn combinator_count(self) -> usize {
        match self {
            Layer::L122 => schema::COMBINATORS,
            #[cfg(feature = "layer230")]
            Layer::L230 => crate::layer230::COMBINATORS,
        }
    }

    /// How many types it has (type indices are `0..type_count()`).
    pub fn type_count(self) -> usize {
        match self {
            Layer::L122 => schema::TYPES.len(),
            #[cfg(feature = "layer230")]
            Layer::L230 => crate::layer230::TYPES.len(),
        }
    }

    /// The constructors of a type.
    pub fn type_members(self, index: TypeIndex) -> &'static [CtorIndex] {
        match self {
            Layer::L122 => schema::type_members(index),
            #[cfg(feature = "layer230")]
            Layer::L230 => crate::layer230::type_members(index),
        }
    }

    /// The fields of one of its combinators, in schema order.
    #[inline]
    pub fn ops(self, c: &Constructor) -> &'static [Op] {
        let start = usize::from(c.ops_start);
        self.ops_range(start, start + usize::from(c.ops_len))
    }

    /// The op at global index `index` (a [`Field::op_index`]).
    ///
    /// [`Field::op_index`]: crate::object::Field::op_index
    #[inline]
    pub fn op(self, index: usize) -> Option<Op> {
        self.ops_range(index, index.saturating_add(1))
            .first()
            .copied()
    }

    /// The ops at global indices `start..end` (empty when out of range).
    #[inline]
    pub(crate) fn ops_range(self, start: usize, end: usize) -> &'static [Op] {
        match self {
            Layer::L122 => schema::ops_range(start, end),
            #[cfg(feature = "layer230")]
            Layer::L230 => crate::layer230::ops_range(start, end),
        }
    }

    /// The name of the combinator at `index` (`updateShortMessage`).
    #[cfg(feature = "names")]
    pub fn constructor_name(self, index: CtorIndex) -> &'static str {
        match self {
            Layer::L122 => schema::constructor_name(index),
            #[cfg(feature = "layer230")]
            Layer::L230 => crate::layer230::constructor_name(index),
        }
    }

    /// The name of the type at `index` (`Updates`, `messages.Messages`).
    #[cfg(feature = "names")]
    pub fn type_name(self, index: TypeIndex) -> &'static str {
        match self {
            Layer::L122 => schema::type_name(index),
            #[cfg(feature = "layer230")]
            Layer::L230 => crate::layer230::type_name(index),
        }
    }

    /// The schema name of the field at global op index `index`.
    #[cfg(feature = "names")]
    pub fn field_name(self, index: usize) -> &'static str {
        match self {
            Layer::L122 => schema::field_name(index),
            #[cfg(feature = "layer230")]
            Layer::L230 => crate::layer230::field_name(index),
        }
    }

    /// The name of the combinator with this id, or `""`.
    #[cfg(feature = "names")]
    pub fn name_of_id(self, id: u32) -> &'static str {
        self.index_of(id).map_or("", |i| self.constructor_name(i))
    }

    /// Validates one object of `expect` (in this layer's indices) at the
    /// start of `input`; returns its length. As [`crate::walk::walk`].
    pub fn walk(self, input: &[u8], expect: Expect, limits: &Limits) -> Result<usize> {
        let mut r = Reader::new(input);
        self.walk_object(&mut r, expect, limits, 0)?;
        Ok(r.offset())
    }

    /// Validates one object at `r`, nested under `depth` others, and moves
    /// `r` past it; returns its constructor.
    pub(crate) fn walk_object(
        self,
        r: &mut Reader<'_>,
        expect: Expect,
        limits: &Limits,
        depth: u32,
    ) -> Result<&'static Constructor> {
        match self {
            Layer::L122 => walk_impl::<Layer122>(r, expect, limits, depth, true),
            #[cfg(feature = "layer230")]
            Layer::L230 => walk_impl::<crate::layer230::Layer230>(r, expect, limits, depth, true),
        }
    }

    /// As [`crate::walk::read_header`], in this layer.
    pub fn read_header(
        self,
        r: &mut Reader<'_>,
        kind: Kind,
        arg: u16,
    ) -> Result<(CtorIndex, &'static Constructor)> {
        match self {
            Layer::L122 => super::walk::read_header_in::<Layer122>(r, kind, arg),
            #[cfg(feature = "layer230")]
            Layer::L230 => super::walk::read_header_in::<crate::layer230::Layer230>(r, kind, arg),
        }
    }
}

impl core::fmt::Display for Layer {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "layer {}", self.number())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_lookups_are_each_layers_own() {
        assert_eq!(Layer::from_number(122), Some(Layer::L122));
        assert_eq!(Layer::from_number(121), None);
        assert_eq!(
            Layer::L122.combinator_count(),
            Layer::L122.combinators().count()
        );
        assert_eq!(Layer::L122.type_count(), schema::TYPES.len());
        for (i, c) in Layer::L122.combinators() {
            // Without `functions`, layer 122's functions are not looked up.
            let unlisted = c.is_function() && !cfg!(feature = "functions");
            let want = if unlisted { None } else { Some(i) };
            assert_eq!(Layer::L122.index_of(c.id), want);
            assert_eq!(Layer::L122.ops(c), c.ops());
        }
        assert_eq!(Layer::L122.to_string(), "layer 122");
        #[cfg(feature = "layer230")]
        {
            let l = Layer::L230;
            assert_eq!(Layer::from_number(230), Some(l));
            assert_eq!(l.combinator_count(), 2617);
            assert_eq!(l.type_count(), crate::layer230::TYPES.len());
            for (i, c) in l.combinators() {
                assert_eq!(l.index_of(c.id), Some(i));
                assert_eq!(l.ops(c), crate::layer230::ops(c));
            }
            // `user` has two flags words in 230, one in 122.
            let user = l.constructor_by_id(crate::layer230::id::USER).unwrap();
            let words = l.ops(user).iter().filter(|o| o.kind() == Kind::Flags);
            assert_eq!(words.count(), 2);
            #[cfg(feature = "names")]
            {
                assert_eq!(l.name_of_id(crate::layer230::id::USER), "user");
                assert_eq!(l.type_name(user.ty), "User");
                let names: Vec<_> = (0..l.ops(user).len())
                    .map(|k| l.field_name(usize::from(user.ops_start) + k))
                    .take(3)
                    .collect();
                assert_eq!(names, ["flags", "self", "contact"]);
            }
        }
    }
}
