//! The dynamic view: any validated object of the layer as its constructor and
//! an iterator over its fields, all borrowed, nothing allocated.
//!
//! ```
//! use tlview::object::{Object, Value};
//! use tlview::walk::Expect;
//! use tlview::{schema, Limits};
//! // updateShort { update: updateUserStatus { user_id: 5, status: userStatusOnline { expires: 9 } }, date: 7 }
//! let mut b = Vec::new();
//! for w in [0x78d4dec1u32, 0x1bfbd823, 5, 0xedb93949, 9, 7] {
//!     b.extend(w.to_le_bytes());
//! }
//! let obj = Object::decode(&b, Expect::Type(schema::ty::UPDATES)).unwrap();
//! assert_eq!(obj.id(), schema::id::UPDATE_SHORT);
//! let fields: Vec<_> = obj.fields().collect();
//! assert!(matches!(fields[1].value, Value::Int(7)));
//! let Value::Object(update) = fields[0].value else { panic!() };
//! assert_eq!(update.id(), schema::id::UPDATE_USER_STATUS);
//! ```

use crate::error::Result;
use crate::limits::Limits;
use crate::reader::Reader;
use crate::schema::{self, Constructor, CtorIndex, Kind, Op, Repeat, TypeIndex};
use crate::string::TlStr;
use crate::walk::Expect;

use super::layers::Layer;

/// A validated object: its constructor and its borrowed field bytes.
#[derive(Clone, Copy)]
pub struct Object<'a> {
    ctor: &'static Constructor,
    /// All its bytes (with the id, if boxed).
    all: &'a [u8],
    /// Offset of `all` in the message.
    base: usize,
    boxed: bool,
    /// The layer whose tables its constructor, fields and names are in.
    layer: Layer,
}

impl<'a> Object<'a> {
    /// Validates that `input` is exactly one object of `expect` and views it.
    ///
    /// The same three entry points as every typed view (`decode`,
    /// `decode_with`, `decode_prefix`), each taking one more argument: a
    /// typed view knows what it expects, the dynamic view is told
    /// ([`Expect::Any`] for any boxed object).
    #[inline]
    pub fn decode(input: &'a [u8], expect: Expect) -> Result<Object<'a>> {
        Object::decode_with(input, expect, &Limits::DEFAULT)
    }

    /// As [`Object::decode`], within the caller's limits.
    pub fn decode_with(input: &'a [u8], expect: Expect, limits: &Limits) -> Result<Object<'a>> {
        let mut r = Reader::new(input);
        let obj = Object::read(&mut r, expect, limits)?;
        r.finish()?;
        Ok(obj)
    }

    /// Validates one object of `expect` at the start of `input`; returns it
    /// and the bytes after it. ([`Object::read`] does the same at a
    /// [`Reader`], within the caller's limits.)
    #[inline]
    pub fn decode_prefix(input: &'a [u8], expect: Expect) -> Result<(Object<'a>, &'a [u8])> {
        let mut r = Reader::new(input);
        let obj = Object::read(&mut r, expect, &Limits::DEFAULT)?;
        Ok((obj, r.rest()))
    }

    /// Validates one object of `expect` at the reader, moves past it, views it.
    pub fn read(r: &mut Reader<'a>, expect: Expect, limits: &Limits) -> Result<Object<'a>> {
        Object::read_at_depth(r, expect, limits, 0)
    }

    /// As [`Object::decode_with`], in `layer` (whose indices `expect`
    /// holds): the object's constructor, fields, names and TL JSON are then
    /// that layer's.
    ///
    /// ```
    /// use tlview::{object::Object, walk::Expect, Layer, Limits};
    /// // updateShort#78d4dec1 { updateUserStatus#e5bdf8de { user_id:5,
    /// // status:userStatusOnline#edb93949 { expires:9 } }, date:7 }
    /// let mut b = Vec::new();
    /// for w in [0x78d4dec1u32, 0xe5bdf8de, 5, 0, 0xedb93949, 9, 7] {
    ///     b.extend(w.to_le_bytes());
    /// }
    /// // Layer 122 has no updateUserStatus#e5bdf8de (its user_id is an int).
    /// assert!(Object::decode_in(Layer::L122, &b, Expect::Any, &Limits::DEFAULT).is_err());
    /// # #[cfg(feature = "layer230")] {
    /// let obj = Object::decode_in(Layer::L230, &b, Expect::Any, &Limits::DEFAULT).unwrap();
    /// assert_eq!(obj.layer(), Layer::L230);
    /// # }
    /// ```
    pub fn decode_in(
        layer: Layer,
        input: &'a [u8],
        expect: Expect,
        limits: &Limits,
    ) -> Result<Object<'a>> {
        let mut r = Reader::new(input);
        let obj = Object::read_in(layer, &mut r, expect, limits, 0)?;
        r.finish()?;
        Ok(obj)
    }

    /// As [`Object::read_at_depth`], in `layer`.
    pub fn read_in(
        layer: Layer,
        r: &mut Reader<'a>,
        expect: Expect,
        limits: &Limits,
        depth: u32,
    ) -> Result<Object<'a>> {
        if layer == Layer::L122 {
            return Object::read_at_depth(r, expect, limits, depth);
        }
        let start = *r;
        let ctor = layer.walk_object(r, expect, limits, depth)?;
        Ok(Object::walked(layer, ctor, start, r, expect))
    }

    /// The object `ctor` that the walker found from `start` to `end`.
    #[inline]
    fn walked(
        layer: Layer,
        ctor: &'static Constructor,
        start: Reader<'a>,
        end: &Reader<'a>,
        expect: Expect,
    ) -> Object<'a> {
        let used = start.remaining().saturating_sub(end.remaining());
        Object {
            ctor,
            all: start.rest().get(..used).unwrap_or(&[]),
            base: start.offset(),
            boxed: !matches!(expect, Expect::Bare(_)),
            layer,
        }
    }

    /// As [`Object::read`], for an object nested under `depth` others.
    pub fn read_at_depth(
        r: &mut Reader<'a>,
        expect: Expect,
        limits: &Limits,
        depth: u32,
    ) -> Result<Object<'a>> {
        if let Expect::Type(ty) = expect {
            let max_depth = limits.max_depth.min(Limits::MAX_DEPTH);
            if depth < max_depth {
                let below = max_depth - depth - 1;
                if let Some(obj) = fast_object(r, ty, below) {
                    return Ok(obj);
                }
            }
        }
        let start = *r;
        let ctor = crate::walk::walk_object(r, expect, limits, depth)?;
        Ok(Object::walked(Layer::L122, ctor, start, r, expect))
    }

    /// Views the validated layer-122 object whose bytes (with the id when
    /// `boxed`) are `all`, at offset `base` of the message.
    #[inline]
    pub(crate) const fn from_parts(
        ctor: &'static Constructor,
        all: &'a [u8],
        base: usize,
        boxed: bool,
    ) -> Object<'a> {
        Object {
            ctor,
            all,
            base,
            boxed,
            layer: Layer::L122,
        }
    }

    /// As [`Object::from_parts`], an object of `layer`.
    #[cfg(feature = "layer230")]
    #[inline]
    pub(crate) const fn from_parts_in(
        layer: Layer,
        ctor: &'static Constructor,
        all: &'a [u8],
        base: usize,
        boxed: bool,
    ) -> Object<'a> {
        Object {
            ctor,
            all,
            base,
            boxed,
            layer,
        }
    }

    /// Views bytes already validated as an object of `kind`/`arg` of
    /// `layer` at `r` (used while iterating validated fields).
    fn at(layer: Layer, r: &mut Reader<'a>, kind: Kind, arg: u16) -> Option<Object<'a>> {
        let expect = match kind {
            Kind::Boxed => Expect::Type(TypeIndex(arg)),
            Kind::Bare => Expect::Bare(CtorIndex(arg)),
            _ => Expect::Any,
        };
        Object::read_in(layer, r, expect, &crate::limits::REREAD, 0).ok()
    }

    /// The layer it was read in.
    #[inline]
    pub fn layer(&self) -> Layer {
        self.layer
    }

    /// The constructor id.
    #[inline]
    pub fn id(&self) -> u32 {
        self.ctor.id
    }

    /// The constructor's entry in its layer's table ([`Object::layer`]).
    #[inline]
    pub fn constructor(&self) -> &'static Constructor {
        self.ctor
    }

    /// The constructor's name (`updateShortMessage`).
    #[cfg(feature = "names")]
    pub fn name(&self) -> &'static str {
        self.layer.name_of_id(self.ctor.id)
    }

    /// Whether it was boxed (carried its id) on the wire.
    #[inline]
    pub fn is_boxed(&self) -> bool {
        self.boxed
    }

    /// Its field bytes (after the id).
    #[inline]
    pub fn body(&self) -> &'a [u8] {
        if self.boxed {
            self.all.get(4..).unwrap_or(&[])
        } else {
            self.all
        }
    }

    /// The offset of its field bytes in the message.
    #[inline]
    pub fn body_offset(&self) -> usize {
        if self.boxed {
            self.base.saturating_add(4)
        } else {
            self.base
        }
    }

    /// All its bytes as on the wire (with the id, if it was boxed).
    #[inline]
    pub fn boxed_bytes(&self) -> &'a [u8] {
        self.all
    }

    /// The offset of its first byte in the message.
    #[inline]
    pub fn offset(&self) -> usize {
        self.base
    }

    /// Its present fields, in schema order (absent optional fields are skipped;
    /// `flags:#` words are included as [`Value::Flags`]).
    pub fn fields(&self) -> Fields<'a> {
        Fields {
            r: Reader::with_base(self.body(), self.body_offset()),
            pos: self.ctor.ops_start,
            end: self
                .ctor
                .ops_start
                .saturating_add(u16::from(self.ctor.ops_len)),
            flags: 0,
            layer: self.layer,
        }
    }

    /// The first present field with this schema name.
    #[cfg(feature = "names")]
    pub fn field(&self, name: &str) -> Option<Value<'a>> {
        self.fields().find(|f| f.name() == name).map(|f| f.value)
    }
}

/// One field of an object: which op of its layer's table it is, and its
/// value.
#[derive(Clone, Copy, Debug)]
pub struct Field<'a> {
    /// Its global op index (see [`Layer::op`]).
    pub op_index: u16,
    /// Its value.
    pub value: Value<'a>,
    layer: Layer,
}

impl Field<'_> {
    /// Its op.
    pub fn op(&self) -> Op {
        self.layer.op(usize::from(self.op_index)).unwrap_or(Op(0))
    }
    /// Its schema name.
    #[cfg(feature = "names")]
    pub fn name(&self) -> &'static str {
        self.layer.field_name(usize::from(self.op_index))
    }
}

/// A borrowed field value.
#[derive(Clone, Copy, Debug)]
pub enum Value<'a> {
    /// `int`.
    Int(i32),
    /// `long`.
    Long(i64),
    /// `double`.
    Double(f64),
    /// `int128`, wire order.
    Int128(&'a [u8; 16]),
    /// `int256`, wire order.
    Int256(&'a [u8; 32]),
    /// `string`.
    String(TlStr<'a>),
    /// `bytes`.
    Bytes(&'a [u8]),
    /// `Bool`.
    Bool(bool),
    /// Bare `true` (present).
    True,
    /// A `flags:#` word.
    Flags(u32),
    /// A nested object.
    Object(Object<'a>),
    /// A vector.
    Vector(Values<'a>),
}

/// Reads one value of `kind` (not a vector) of `layer` from validated bytes.
fn read_one<'a>(layer: Layer, r: &mut Reader<'a>, kind: Kind, arg: u16) -> Option<Value<'a>> {
    Some(match kind {
        Kind::Int => Value::Int(r.read_int().ok()?),
        Kind::Flags => Value::Flags(r.read_flags().ok()?.bits()),
        Kind::Long => Value::Long(r.read_long().ok()?),
        Kind::Double => Value::Double(r.read_double().ok()?),
        Kind::Int128 => Value::Int128(r.read_int128().ok()?),
        Kind::Int256 => Value::Int256(r.read_int256().ok()?),
        Kind::String => Value::String(r.read_string().ok()?),
        Kind::Bytes => Value::Bytes(r.read_bytes().ok()?),
        Kind::Bool => Value::Bool(r.read_bool().ok()?),
        Kind::True => Value::True,
        Kind::Boxed | Kind::Bare | Kind::AnyBoxed | Kind::SizedObject => {
            Value::Object(Object::at(layer, r, kind, arg)?)
        }
    })
}

/// The present fields of an [`Object`].
#[derive(Clone, Copy, Debug)]
pub struct Fields<'a> {
    r: Reader<'a>,
    pos: u16,
    end: u16,
    /// Its flags words, the first low (see [`Op::flag_place`]).
    flags: u64,
    layer: Layer,
}

impl<'a> Fields<'a> {
    /// Its state in 16 bytes (4-byte aligned, so that the printer's stack
    /// of them stays small): (offset of the next byte, next op, end op, flags
    /// words).
    #[cfg(feature = "names")]
    pub(crate) fn save(&self) -> (u32, u16, u16, [u32; 2]) {
        (
            crate::error::count32(self.r.offset()),
            self.pos,
            self.end,
            [self.flags as u32, (self.flags >> 32) as u32],
        )
    }
    /// Rebuilds a saved state of `layer` over `msg`, the message bytes from
    /// offset `base`.
    #[cfg(feature = "names")]
    pub(crate) fn restore(
        layer: Layer,
        msg: &'a [u8],
        base: usize,
        s: (u32, u16, u16, [u32; 2]),
    ) -> Fields<'a> {
        let at = s.0 as usize;
        let [low, high] = s.3;
        Fields {
            r: Reader::with_base(msg.get(at.saturating_sub(base)..).unwrap_or(&[]), at),
            pos: s.1,
            end: s.2,
            flags: u64::from(low) | u64::from(high) << 32,
            layer,
        }
    }
}

impl<'a> Iterator for Fields<'a> {
    type Item = Field<'a>;

    fn next(&mut self) -> Option<Field<'a>> {
        loop {
            if self.pos >= self.end {
                return None;
            }
            let op_index = self.pos;
            let op = self.layer.op(usize::from(op_index))?;
            self.pos += 1;
            if let Some(place) = op.flag_place() {
                if self.flags >> place & 1 == 0 {
                    continue;
                }
            }
            let kind = op.kind();
            let value = match op.repeat() {
                Repeat::One => {
                    let v = read_one(self.layer, &mut self.r, kind, op.arg())?;
                    if let Value::Flags(f) = v {
                        self.flags = schema::with_flags_word(self.flags, op.flags_word(), f);
                    }
                    v
                }
                rep => {
                    let count = if rep == Repeat::BoxedVector {
                        self.r.read_vector_len(0).ok()?
                    } else {
                        self.r.read_bare_vector_len(0).ok()?
                    };
                    let start = self.r;
                    for _ in 0..count {
                        read_one(self.layer, &mut self.r, kind, op.arg())?;
                    }
                    let used = start.remaining().saturating_sub(self.r.remaining());
                    Value::Vector(Values {
                        r: Reader::with_base(start.rest().get(..used)?, start.offset()),
                        op,
                        left: count,
                        layer: self.layer,
                    })
                }
            };
            return Some(Field {
                op_index,
                value,
                layer: self.layer,
            });
        }
    }
}

/// The elements of a vector field, read lazily.
#[derive(Clone, Copy, Debug)]
pub struct Values<'a> {
    r: Reader<'a>,
    op: Op,
    left: u32,
    layer: Layer,
}

impl<'a> Values<'a> {
    /// The elements of a validated boxed `Vector` of boxed objects of type
    /// `elem_ty` that starts (with its `vector` id) at `r`.
    pub(crate) fn boxed_vector_at(mut r: Reader<'a>, elem_ty: TypeIndex) -> Result<Values<'a>> {
        let count = r.read_vector_len(0)?;
        Ok(Values {
            r,
            op: Op::boxed(elem_ty),
            left: count,
            layer: Layer::L122,
        })
    }

    /// The elements of a validated layer-122 vector: `bytes` (from offset
    /// `base` of the message) hold `count` of them, each read as `op` says.
    pub(crate) fn from_parts(bytes: &'a [u8], base: usize, op: Op, count: u32) -> Values<'a> {
        Values {
            r: Reader::with_base(bytes, base),
            op,
            left: count,
            layer: Layer::L122,
        }
    }

    /// As [`Values::from_parts`], a vector of `layer`.
    #[cfg(feature = "layer230")]
    pub(crate) fn from_parts_in(
        layer: Layer,
        bytes: &'a [u8],
        base: usize,
        op: Op,
        count: u32,
    ) -> Values<'a> {
        Values {
            r: Reader::with_base(bytes, base),
            op,
            left: count,
            layer,
        }
    }

    /// Its state in 12 bytes: (offset of the next element, op, elements left).
    pub(crate) fn save(&self) -> (u32, u32, u32) {
        (crate::error::count32(self.r.offset()), self.op.0, self.left)
    }
    /// Rebuilds a saved state of `layer` over `msg`, the message bytes from
    /// offset `base`.
    pub(crate) fn restore(
        layer: Layer,
        msg: &'a [u8],
        base: usize,
        s: (u32, u32, u32),
    ) -> Values<'a> {
        let at = s.0 as usize;
        Values {
            r: Reader::with_base(msg.get(at.saturating_sub(base)..).unwrap_or(&[]), at),
            op: Op(s.1),
            left: s.2,
            layer,
        }
    }

    /// The offset of the next element in the message.
    #[cfg(test)]
    pub(crate) fn offset_of_elements(&self) -> usize {
        self.r.offset()
    }

    /// The op of the vector field (its element kind).
    pub fn op(&self) -> Op {
        self.op
    }
}

impl<'a> Iterator for Values<'a> {
    type Item = Value<'a>;
    fn next(&mut self) -> Option<Value<'a>> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let v = read_one(self.layer, &mut self.r, self.op.kind(), self.op.arg());
        if v.is_none() {
            self.left = 0;
        }
        v
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left as usize, Some(self.left as usize))
    }
}

impl ExactSizeIterator for Values<'_> {}

// Dynamic views built from what the generated validators and skips found
// (the validators themselves, in `fast` and `schema::valid122`, know
// nothing of `Object`).

/// Views the boxed object of type `ty` at `r` when its straight-line
/// validator accepts it (`fast::validate`),
/// and moves `r` past it; `None` leaves `r` untouched.
#[inline]
pub(crate) fn fast_object<'a>(r: &mut Reader<'a>, ty: TypeIndex, below: u32) -> Option<Object<'a>> {
    let start = *r;
    let after = crate::fast::validate(crate::Layer::L122, &start, ty, below)?;
    let c = schema::constructor_by_id(u32::from_le_bytes(*start.rest().first_chunk::<4>()?))?;
    let used = start.remaining().saturating_sub(after.remaining());
    *r = after;
    Some(Object::from_parts(
        c,
        start.rest().get(..used).unwrap_or(&[]),
        start.offset(),
        true,
    ))
}

/// Re-reads the validated boxed object of constructor `ctor` at `r` with
/// its generated skip; `None` (nothing consumed) for another constructor,
/// or without the `fast` features (the caller then reads it again through
/// the walker).
#[inline(always)]
pub(crate) fn skip_object<'a>(
    r: &mut Reader<'a>,
    ctor: &'static schema::Constructor,
    skip: fn(&mut Reader<'a>) -> Option<()>,
) -> Option<Object<'a>> {
    if !cfg!(feature = "fast") {
        return None;
    }
    let start = *r;
    let mut after = start;
    if after.u32_opt()? != ctor.id {
        return None;
    }
    skip(&mut after)?;
    let used = start.remaining().saturating_sub(after.remaining());
    let bytes = start.rest().get(..used)?;
    *r = after;
    Some(Object::from_parts(ctor, bytes, start.offset(), true))
}

/// The constructor `cid` of the layer, found at compile time.
// Evaluated at compile time only (for consts): a missing constructor is a
// build error, never a runtime panic.
#[allow(clippy::indexing_slicing, clippy::panic)]
pub(crate) const fn ctor(cid: u32) -> &'static schema::Constructor {
    let mut i = 0;
    while i < schema::CONSTRUCTORS.len() {
        if schema::CONSTRUCTORS[i].id == cid {
            return &schema::CONSTRUCTORS[i];
        }
        i += 1;
    }
    panic!("constructor not in the layer")
}

/// `user`'s row of the table.
pub(crate) const USER: &schema::Constructor = ctor(schema::id::USER);
/// `chat`'s row of the table.
pub(crate) const CHAT: &schema::Constructor = ctor(schema::id::CHAT);
