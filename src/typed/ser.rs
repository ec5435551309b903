//! `serde::Serialize` (feature `serde`) for [`Object`] and every typed view:
//! the structure of TL JSON (`shared/docs/tl-json.md`), so that
//! `serde_json::to_string(&view)` gives the same text as the view's
//! `Display` (and [`crate::json::Json`]).
//!
//! An object is a map whose first entry is `"_"`, the constructor's name,
//! then its fields in schema order under their schema names. `flags:#`
//! words are left out; `flags.N?true` is `true` when set and left out when
//! not; other absent optional fields are left out. `long` is a decimal
//! string, `int128`/`int256`/`bytes` lowercase hex strings, `double` a
//! number (NaN and the infinities as the strings `"NaN"`, `"Infinity"`,
//! `"-Infinity"`; a finite one goes to
//! [`Serializer::serialize_f64`], so its spelling is the serializer's:
//! `serde_json` writes `1e+70` where the printers write `1e70`, the same
//! JSON value), `string` its text, each invalid UTF-8 sequence as U+FFFD,
//! vectors sequences. Maps and sequences are given their exact lengths, so
//! formats that need them up front work too. Strings that are not valid
//! UTF-8, longs and hex go through [`Serializer::collect_str`], which needs
//! no heap.
//!
//! # Depth
//!
//! serde's model is recursive: a nested object is serialized by a call
//! inside its parent's. The depth of that recursion is bounded by the
//! nesting the decoder admitted: at most [`Limits::max_depth`] objects (64 by
//! default, never more than [`Limits::MAX_DEPTH`], 128), each with at most
//! one vector level between it and its parent; an input nested deeper was
//! refused when it was decoded. The serializer's frames are what that
//! costs: with `serde_json` on x86-64, about 480 bytes of stack per level
//! (650 with a vector between levels) in a release build, 1.3 and 2.1 KiB
//! in a debug build (`tests/serde.rs` measures the deepest objects the
//! decoder admits, [`Limits::MAX_DEPTH`] levels, and serializes them on a
//! 512 KiB thread). A device with a small stack that serializes untrusted
//! input sets [`Limits::max_depth`] to what its stack can hold. (The TL JSON
//! printers, [`crate::json`] and the views' `Display`, keep their own
//! bounded stack instead and need no such care.)
//!
//! ```
//! use tlview::{object::Object, walk::Expect, Limits};
//! let mut b = Vec::new();
//! for w in [0x78d4dec1u32, 0x1bfbd823, 5, 0xedb93949, 9, 7] {
//!     b.extend(w.to_le_bytes());
//! }
//! let obj = Object::decode(&b, Expect::Any).unwrap();
//! assert_eq!(
//!     serde_json::to_string(&obj).unwrap(),
//!     r#"{"_":"updateShort","update":{"_":"updateUserStatus","user_id":5,"status":{"_":"userStatusOnline","expires":9}},"date":7}"#
//! );
//! ```
//!
//! [`Limits::max_depth`]: crate::Limits::max_depth
//! [`Limits::MAX_DEPTH`]: crate::Limits::MAX_DEPTH

use core::fmt;

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

use crate::object::{Field, Object, Value, Values};
use crate::schema::{Kind, Op, Repeat};
use crate::string::TlStr;
use crate::support::{Nested, Out, TlFields};

impl Serialize for Object<'_> {
    #[inline]
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        object(*self, s)
    }
}

/// Whether TL JSON leaves the field out: a `flags:#` word.
#[inline]
fn is_word(op: Op) -> bool {
    op.kind() == Kind::Flags && op.repeat() == Repeat::One
}

/// How many entries `o`'s map has: `"_"` and each present field but the
/// flags words. Only the fields up to the last flags word are read; after
/// it, which fields are present follows from the flags alone.
pub(crate) fn entries(o: &Object<'_>) -> usize {
    let ops = o.constructor().ops();
    let Some(last) = ops.iter().rposition(|&op| is_word(op)) else {
        // No flags word, so nothing optional: every field is there.
        return 1 + ops.len();
    };
    let first = o.constructor().ops_start;
    let mut n = 1;
    let mut flags = 0u64;
    let mut fields = o.fields();
    for f in fields.by_ref() {
        if is_word(f.op()) {
            if let Value::Flags(w) = f.value {
                flags = crate::schema::with_flags_word(flags, f.op().flags_word(), w);
            }
        } else {
            n += 1;
        }
        if usize::from(f.op_index.saturating_sub(first)) == last {
            let rest = ops.get(last + 1..).unwrap_or(&[]);
            return n + rest
                .iter()
                .filter(|op| match op.flag_place() {
                    Some(place) => flags >> place & 1 != 0,
                    None => true,
                })
                .count();
        }
    }
    n
}

/// Serializes a validated object as TL JSON's structure (what every view's
/// `Serialize` calls).
pub(crate) fn object<S: Serializer>(o: Object<'_>, s: S) -> Result<S::Ok, S::Error> {
    let mut map = s.serialize_map(Some(entries(&o)))?;
    map.serialize_entry("_", o.name())?;
    for f in o.fields().filter(|f: &Field<'_>| !is_word(f.op())) {
        map.serialize_entry(f.name(), &Val(f.value))?;
    }
    map.end()
}

/// One field value.
struct Val<'a>(Value<'a>);

impl Serialize for Val<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Value::Int(i) => s.serialize_i32(i),
            Value::Flags(x) => s.serialize_u32(x),
            Value::Long(l) => s.collect_str(&l),
            Value::Double(d) => double(d, s),
            Value::Int128(b) => s.collect_str(&Hex(b)),
            Value::Int256(b) => s.collect_str(&Hex(b)),
            Value::Bytes(b) => s.collect_str(&Hex(b)),
            Value::String(t) => string(t, s),
            Value::Bool(b) => s.serialize_bool(b),
            Value::True => s.serialize_bool(true),
            Value::Object(o) => object(o, s),
            Value::Vector(vals) => vector(vals, s),
        }
    }
}

fn vector<S: Serializer>(vals: Values<'_>, s: S) -> Result<S::Ok, S::Error> {
    let mut seq = s.serialize_seq(Some(vals.len()))?;
    for v in vals {
        seq.serialize_element(&Val(v))?;
    }
    seq.end()
}

/// A `double`: a number, or the string TL JSON gives NaN and the infinities.
fn double<S: Serializer>(d: f64, s: S) -> Result<S::Ok, S::Error> {
    if d.is_nan() {
        s.serialize_str("NaN")
    } else if d.is_infinite() {
        s.serialize_str(if d > 0.0 { "Infinity" } else { "-Infinity" })
    } else {
        s.serialize_f64(d)
    }
}

/// A `string`: as it is when it is UTF-8, else lossily (without a heap).
fn string<S: Serializer>(t: TlStr<'_>, s: S) -> Result<S::Ok, S::Error> {
    match t.to_str() {
        Ok(text) => s.serialize_str(text),
        Err(_) => s.collect_str(&t),
    }
}

/// Lowercase hex of raw bytes.
struct Hex<'a>(&'a [u8]);

impl fmt::Display for Hex<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::text::write_hex(f, self.0)
    }
}

/// A `long` as TL JSON writes it: a decimal string.
struct Long(i64);

impl Serialize for Long {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

/// A `string` field of a hand-written view.
struct Str<'a>(TlStr<'a>);

impl Serialize for Str<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        string(self.0, s)
    }
}

/// A vector of a hand-written view's nested values.
struct Seq<I>(I);

impl<I, T> Serialize for Seq<I>
where
    I: IntoIterator<Item = T> + Clone,
    T: Nested,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let n = self.0.clone().into_iter().count();
        let mut seq = s.serialize_seq(Some(n))?;
        for item in self.0.clone() {
            seq.serialize_element(&item)?;
        }
        seq.end()
    }
}

/// A hand-written view's fields into a serializer's map.
struct MapOut<M>(M);

impl<M: SerializeMap> Out for MapOut<M> {
    type Error = M::Error;
    fn int(&mut self, name: &'static str, v: i32) -> Result<(), M::Error> {
        self.0.serialize_entry(name, &v)
    }
    fn long(&mut self, name: &'static str, v: i64) -> Result<(), M::Error> {
        self.0.serialize_entry(name, &Long(v))
    }
    fn str(&mut self, name: &'static str, v: TlStr<'_>) -> Result<(), M::Error> {
        self.0.serialize_entry(name, &Str(v))
    }
    fn flag(&mut self, name: &'static str, set: bool) -> Result<(), M::Error> {
        if set {
            self.0.serialize_entry(name, &true)?;
        }
        Ok(())
    }
    fn value<T: Nested + ?Sized>(&mut self, name: &'static str, v: &T) -> Result<(), M::Error> {
        self.0.serialize_entry(name, v)
    }
    fn vector<I, T>(&mut self, name: &'static str, items: I) -> Result<(), M::Error>
    where
        I: IntoIterator<Item = T> + Clone,
        T: Nested,
    {
        self.0.serialize_entry(name, &Seq(items))
    }
}

/// Counts the entries a hand-written view's map will have.
struct Count(usize);

impl Out for Count {
    type Error = core::convert::Infallible;
    fn int(&mut self, _: &'static str, _: i32) -> Result<(), Self::Error> {
        self.0 += 1;
        Ok(())
    }
    fn long(&mut self, _: &'static str, _: i64) -> Result<(), Self::Error> {
        self.0 += 1;
        Ok(())
    }
    fn str(&mut self, _: &'static str, _: TlStr<'_>) -> Result<(), Self::Error> {
        self.0 += 1;
        Ok(())
    }
    fn flag(&mut self, _: &'static str, set: bool) -> Result<(), Self::Error> {
        self.0 += usize::from(set);
        Ok(())
    }
    fn value<T: Nested + ?Sized>(&mut self, _: &'static str, _: &T) -> Result<(), Self::Error> {
        self.0 += 1;
        Ok(())
    }
    fn vector<I, T>(&mut self, _: &'static str, _: I) -> Result<(), Self::Error>
    where
        I: IntoIterator<Item = T> + Clone,
        T: Nested,
    {
        self.0 += 1;
        Ok(())
    }
}

/// Serializes a hand-written view: through its dynamic view when it keeps
/// one, else its name and the fields it lists.
pub(crate) fn typed<T: TlFields + ?Sized, S: Serializer>(v: &T, s: S) -> Result<S::Ok, S::Error> {
    if let Some(o) = v.tl_object() {
        return object(o, s);
    }
    let mut count = Count(1);
    match v.tl_fields(&mut count) {
        Ok(()) => {}
        Err(never) => match never {},
    }
    let mut map = s.serialize_map(Some(count.0))?;
    map.serialize_entry("_", v.tl_name())?;
    let mut out = MapOut(map);
    v.tl_fields(&mut out)?;
    out.0.end()
}

/// `Serialize` for hand-written views that implement `TlFields`.
macro_rules! tl_serialize {
    ($($t:ty),* $(,)?) => {$(
        impl serde::Serialize for $t {
            #[inline]
            fn serialize<S: serde::Serializer>(
                &self,
                s: S,
            ) -> core::result::Result<S::Ok, S::Error> {
                crate::ser::typed(self, s)
            }
        }
    )*};
}
pub(crate) use tl_serialize;

/// `Serialize` for hand-written views that keep their whole object
/// (`object()`).
macro_rules! object_serialize {
    ($($t:ty),* $(,)?) => {$(
        impl serde::Serialize for $t {
            #[inline]
            fn serialize<S: serde::Serializer>(
                &self,
                s: S,
            ) -> core::result::Result<S::Ok, S::Error> {
                crate::ser::object(self.object(), s)
            }
        }
    )*};
}
pub(crate) use object_serialize;
