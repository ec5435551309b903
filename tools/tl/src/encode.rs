//! TL JSON → bytes for any combinator of the layer, driven by the tables of
//! `tlview::schema`: the inverse of the canonical form that
//! `shared/docs/tl-json.md` defines and `tlview::json` prints.
//!
//! - `"_"` names the constructor (or function); the other keys are its fields,
//!   by schema name, in any order. A key that is not a field is an error, and
//!   so is a missing field that is not optional.
//! - `flags:#` words are never written in JSON: each is computed from which of
//!   the fields it guards are present. A `flags.N?true` field sets its bit
//!   when it is `true`; `false`, `null` or leaving it out leaves the bit clear,
//!   unless another field present under the same bit sets it (then it must not
//!   say `false`). An optional field whose value is `null` counts as absent.
//! - Every primitive is exactly as `tl-json.md` writes it, and nothing else
//!   is accepted: `int` a JSON integer in the 32-bit range (not `1.0`, not
//!   `"1"`); `long` a string of signed decimal digits in the 64-bit range, in
//!   the form `tl dump` prints (`"-42"`; not the number `-42`, not `"+42"`,
//!   `"042"` or `"-0"`); `double` a JSON number or one of `"NaN"`,
//!   `"Infinity"`, `"-Infinity"`; `int128`, `int256` lowercase hex of
//!   exactly 16 / 32 bytes; `bytes` lowercase hex; `string` a JSON string
//!   (written as its UTF-8 bytes); `Bool` `true` / `false`; a bare `true`
//!   `true`; vectors arrays.
//! - Where a boxed type is expected, the constructor must be one of that type;
//!   where a bare object is expected, `"_"` may be left out.
//! - The `bytes` field before an MTProto `message`'s `body` is computed from
//!   the encoded body (it may be given, and must then be right).
//! - Nothing is gzip-packed: a `gzip_packed` object is written as given.
//!
//! Errors name the place in the JSON, as `updates[3].message.entities[0].length:
//! expected an int, found "7"` (the root object's own fields have no prefix).
//!
//! The encoder recurses once per JSON nesting level; JSON parsed by
//! `serde_json` is at most 128 levels deep (its recursion limit), which bounds
//! the native stack used.
//!
//! ```
//! let json = serde_json::json!({
//!     "_": "updateShort",
//!     "update": {"_": "updateUserStatus", "user_id": 5,
//!                "status": {"_": "userStatusOnline", "expires": 9}},
//!     "date": 7
//! });
//! let bytes = tltool::encode::encode(&json).unwrap();
//! assert_eq!(bytes.len(), 24);
//! assert_eq!(&bytes[..4], &0x78d4dec1u32.to_le_bytes());
//! ```

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use crate::path::Seg;
use serde_json::{Map, Value};
use tlview::schema::{self, Constructor, CtorIndex, Kind, Op, Repeat, TypeIndex, CTOR_MTPROTO};
use tlview::walk::Expect;
use tlview::{Layer, Writer};

/// An encoding error: where in the JSON (`updates[3].message.date`, empty for
/// the root object itself) and what is wrong there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EncodeError {
    path: String,
    message: String,
}

impl EncodeError {
    /// An error at `path` (as [`EncodeError::path`] shows it).
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> EncodeError {
        EncodeError {
            path: path.into(),
            message: message.into(),
        }
    }

    /// Where: field names joined by `.`, array indices as `[i]`; empty for
    /// the root object.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What is wrong there.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for EncodeError {}

/// Encodes one boxed object of any type (a constructor or a function).
pub fn encode(value: &Value) -> Result<Vec<u8>, EncodeError> {
    encode_expect(value, Expect::Any)
}

/// Encodes one object as `expect` says: boxed of a type, boxed of any type,
/// or bare of one constructor.
pub fn encode_expect(value: &Value, expect: Expect) -> Result<Vec<u8>, EncodeError> {
    let mut out = Vec::new();
    encode_into(value, expect, &mut out)?;
    Ok(out)
}

/// As [`encode_expect`], appending to `out` (on error, `out` may hold part of
/// the object).
pub fn encode_into(value: &Value, expect: Expect, out: &mut Vec<u8>) -> Result<(), EncodeError> {
    encode_in(Layer::L122, value, expect, out)
}

/// As [`encode_into`], in `layer` (whose indices `expect` holds): names
/// are looked up, and fields written, as that layer declares them.
pub fn encode_in(
    layer: Layer,
    value: &Value,
    expect: Expect,
    out: &mut Vec<u8>,
) -> Result<(), EncodeError> {
    Encoder {
        path: Vec::new(),
        layer,
    }
    .object(value, expect, out)
}

/// A per-layer lookup table, built on first use.
type PerLayer<T> = [OnceLock<T>; 4];

/// `layer`'s slot in a [`PerLayer`].
fn slot<T>(tables: &PerLayer<T>, layer: Layer) -> &OnceLock<T> {
    let i = Layer::ALL.iter().position(|&l| l == layer).unwrap_or(0);
    &tables[i.min(tables.len() - 1)]
}

/// The constructors and functions named `name` (combinator indices, see
/// [`schema::constructor`]). Layer 122 has one name shared by two: `message`, the
/// API's `message#58ae39c9` and MTProto's bare `message`.
pub fn constructors_named(name: &str) -> &'static [CtorIndex] {
    constructors_named_in(Layer::L122, name)
}

/// [`constructors_named`] in `layer`.
pub fn constructors_named_in(layer: Layer, name: &str) -> &'static [CtorIndex] {
    static NAMES: PerLayer<HashMap<&'static str, Vec<CtorIndex>>> = [const { OnceLock::new() }; 4];
    let map = slot(&NAMES, layer).get_or_init(|| {
        let mut m: HashMap<&'static str, Vec<CtorIndex>> =
            HashMap::with_capacity(layer.combinator_count());
        for (i, _) in layer.combinators() {
            m.entry(layer.constructor_name(i)).or_default().push(i);
        }
        m
    });
    map.get(name).map_or(&[], Vec::as_slice)
}

/// The type named `name` (an index into [`schema::TYPES`]). When the API
/// and MTProto schemas both have a type of that name (`Message`), the API's.
pub fn type_named(name: &str) -> Option<TypeIndex> {
    type_named_in(Layer::L122, name)
}

/// [`type_named`] in `layer`.
pub fn type_named_in(layer: Layer, name: &str) -> Option<TypeIndex> {
    static TYPES: PerLayer<HashMap<&'static str, TypeIndex>> = [const { OnceLock::new() }; 4];
    let map = slot(&TYPES, layer).get_or_init(|| {
        let mut m = HashMap::with_capacity(layer.type_count());
        for i in 0..layer.type_count() {
            let Ok(i) = u16::try_from(i).map(TypeIndex) else {
                continue;
            };
            let mtproto = layer
                .type_members(i)
                .iter()
                .filter_map(|&c| layer.constructor(c))
                .all(|c| c.flags & CTOR_MTPROTO != 0);
            // An API type replaces an MTProto one of the same name.
            match m.get(layer.type_name(i)) {
                Some(_) if mtproto => {}
                _ => {
                    m.insert(layer.type_name(i), i);
                }
            }
        }
        m
    });
    map.get(name).copied()
}

/// A short description of a JSON value for error messages.
pub(crate) fn describe(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => {
            let mut t: String = s.chars().take(40).collect();
            if t.len() < s.len() {
                t.push('…');
            }
            format!("{t:?}")
        }
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

/// A JSON integer in the 32-bit range.
pub(crate) fn json_int(v: &Value) -> Option<i32> {
    v.as_i64().and_then(|i| i32::try_from(i).ok())
}

/// A `long`: a string of signed decimal digits in the 64-bit range, written
/// as `tl dump` writes it (no `+`, no leading zeros, no `-0`).
pub(crate) fn json_long(v: &Value) -> Option<i64> {
    let Value::String(s) = v else { return None };
    let l: i64 = s.parse().ok()?;
    (l.to_string() == *s).then_some(l)
}

/// One or more ASCII digits.
fn is_decimal(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Why `v` is not a `long`, for the error message.
fn long_error(v: &Value) -> String {
    const WANT: &str = "expected a long (a string of decimal digits like \"-42\")";
    match v {
        Value::Number(n) if n.is_i64() => {
            format!("{WANT}, found the number {n}: TL JSON writes a long as a string, \"{n}\"")
        }
        Value::String(s) => match s.parse::<i64>() {
            Ok(l) => format!("{WANT}, found {}: write it as \"{l}\"", describe(v)),
            Err(_) if is_decimal(s.strip_prefix('-').unwrap_or(s)) => {
                format!("{WANT}, found {} (out of the 64-bit range)", describe(v))
            }
            Err(_) => format!("{WANT}, found {}", describe(v)),
        },
        _ => format!("{WANT}, found {}", describe(v)),
    }
}

/// A `double`: a number, or `"NaN"`, `"Infinity"`, `"-Infinity"`.
pub(crate) fn json_double(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => match s.as_str() {
            "NaN" => Some(f64::NAN),
            "Infinity" => Some(f64::INFINITY),
            "-Infinity" => Some(f64::NEG_INFINITY),
            _ => None,
        },
        _ => None,
    }
}

/// Lowercase hex digits to bytes, as TL JSON writes `bytes`, `int128` and
/// `int256`; `None` for an odd length or any other character (uppercase
/// digits included).
pub fn parse_hex(s: &str) -> Option<Vec<u8>> {
    fn digit(c: u8) -> Option<u8> {
        match c {
            b'0'..=b'9' => Some(c - b'0'),
            b'a'..=b'f' => Some(c - b'a' + 10),
            _ => None,
        }
    }
    let b = s.as_bytes();
    if !b.len().is_multiple_of(2) {
        return None;
    }
    b.chunks_exact(2)
        .map(|p| Some(digit(p[0])? << 4 | digit(p[1])?))
        .collect()
}

/// The indefinite article for `word` as it is said: "an" before a vowel
/// sound (`an Updates`, `an InputUser`, `an upload.File`, `an int`), "a"
/// before a consonant sound, including a `u` said "you" (`a User`, `a
/// UrlAuthResult`) and a `one` said "won".
///
/// ```
/// use tltool::encode::article;
/// assert_eq!(article("Updates"), "an");
/// assert_eq!(article("User"), "a");
/// assert_eq!(article("messages.Messages"), "a");
/// ```
pub fn article(word: &str) -> &'static str {
    let w = word.to_ascii_lowercase();
    let you = ["us", "ur", "uti", "uni", "eu", "one", "once"];
    if you.iter().any(|p| w.starts_with(p)) {
        return "a";
    }
    match w.bytes().next() {
        Some(b'a' | b'e' | b'i' | b'o' | b'u') => "an",
        _ => "a",
    }
}

/// "a"/"an" and the name of `layer`'s type `t`.
fn a_type(layer: Layer, t: TypeIndex) -> String {
    let name = layer.type_name(t);
    format!("{} {name}", article(name))
}

struct Encoder<'v> {
    path: Vec<Seg<'v>>,
    layer: Layer,
}

fn writer(out: &mut Vec<u8>) -> Writer<&mut Vec<u8>> {
    Writer::new(out)
}

impl<'v> Encoder<'v> {
    fn path_string(&self) -> String {
        crate::path::text(&self.path)
    }

    fn fail(&self, message: impl Into<String>) -> EncodeError {
        EncodeError::new(self.path_string(), message)
    }

    /// An error at the field `name` of the current object.
    fn fail_at(&mut self, name: &'v str, message: impl Into<String>) -> EncodeError {
        self.path.push(Seg::Field(name));
        let e = self.fail(message);
        self.path.pop();
        e
    }

    /// Runs `f` with `seg` pushed on the path.
    fn at<T>(
        &mut self,
        seg: Seg<'v>,
        f: impl FnOnce(&mut Self) -> Result<T, EncodeError>,
    ) -> Result<T, EncodeError> {
        self.path.push(seg);
        let r = f(self);
        self.path.pop();
        r
    }

    /// Maps a writer error (a string too long, a count too large) here.
    fn wrote(&self, r: tlview::Result<()>) -> Result<(), EncodeError> {
        r.map_err(|e| self.fail(e.kind().to_string()))
    }

    fn expected(&self, what: &str, v: &Value) -> EncodeError {
        self.fail(format!("expected {what}, found {}", describe(v)))
    }

    /// Which constructor the JSON object `map` names, for `expect`.
    fn resolve(
        &mut self,
        map: &'v Map<String, Value>,
        expect: Expect,
    ) -> Result<CtorIndex, EncodeError> {
        let name = match map.get("_") {
            None => {
                return match expect {
                    Expect::Bare(c) => Ok(c),
                    _ => Err(self.fail("missing \"_\" (the constructor's name)")),
                }
            }
            Some(Value::String(s)) => s.as_str(),
            Some(other) => {
                return Err(self.fail_at(
                    "_",
                    format!("expected a constructor name, found {}", describe(other)),
                ))
            }
        };
        let layer = self.layer;
        let candidates = constructors_named_in(layer, name);
        if candidates.is_empty() {
            return Err(self.fail(format!("unknown constructor \"{name}\"")));
        }
        match expect {
            Expect::Bare(c) => {
                if candidates.contains(&c) {
                    Ok(c)
                } else {
                    Err(self.fail(format!(
                        "expected a bare {}, found \"{name}\"",
                        layer.constructor_name(c)
                    )))
                }
            }
            Expect::Type(t) => {
                let fits = candidates.iter().copied().find(|&i| {
                    layer
                        .constructor(i)
                        .is_some_and(|c| c.ty == t && !c.is_function())
                });
                match fits {
                    Some(i) => Ok(i),
                    None => {
                        let other = candidates
                            .iter()
                            .filter_map(|&i| layer.constructor(i))
                            .next();
                        let what = match other {
                            Some(c) if c.is_function() => "a function".to_string(),
                            Some(c) if c.ty != schema::NO_TYPE => a_type(layer, c.ty),
                            _ => "of another type".to_string(),
                        };
                        Err(self.fail(format!(
                            "expected {}, found {name}, which is {what}",
                            a_type(layer, t)
                        )))
                    }
                }
            }
            Expect::Any => {
                // One name, several combinators (`message`): the one whose
                // fields the keys are; else the first.
                let fits = |i: CtorIndex| {
                    let Some(c) = layer.constructor(i) else {
                        return false;
                    };
                    map.keys()
                        .filter(|k| k.as_str() != "_")
                        .all(|k| field_index(layer, c, k).is_some())
                };
                Ok(candidates
                    .iter()
                    .copied()
                    .find(|&i| fits(i))
                    .unwrap_or(candidates[0]))
            }
        }
    }

    /// Encodes the JSON object `v` as `expect` says.
    fn object(
        &mut self,
        v: &'v Value,
        expect: Expect,
        out: &mut Vec<u8>,
    ) -> Result<(), EncodeError> {
        let Value::Object(map) = v else {
            return Err(self.expected("an object", v));
        };
        let index = self.resolve(map, expect)?;
        let Some(c) = self.layer.constructor(index) else {
            return Err(self.fail("constructor index out of range"));
        };
        if !matches!(expect, Expect::Bare(_)) {
            self.wrote(writer(out).write_id(c.id))?;
        }
        self.fields(index, c, map, out)
    }

    fn fields(
        &mut self,
        index: CtorIndex,
        c: &'static Constructor,
        map: &'v Map<String, Value>,
        out: &mut Vec<u8>,
    ) -> Result<(), EncodeError> {
        let layer = self.layer;
        let ops = layer.ops(c);
        let base = usize::from(c.ops_start);
        let cname = layer.constructor_name(index);
        let name_of = |i: usize| layer.field_name(base + i);

        // Every key is a field (and not a flags word).
        for key in map.keys() {
            if key == "_" {
                continue;
            }
            match field_index(layer, c, key) {
                Some(i) if is_flags_word(ops[i]) => {
                    return Err(self.fail_at(
                        key,
                        "a flags word is computed from the fields present; leave it out",
                    ))
                }
                Some(_) => {}
                None => {
                    let names: Vec<&str> = (0..ops.len())
                        .filter(|&i| !is_flags_word(ops[i]))
                        .map(name_of)
                        .collect();
                    let known = if names.is_empty() {
                        format!("{cname} has no fields")
                    } else {
                        format!("its fields: {}", names.join(", "))
                    };
                    return Err(self.fail_at(key, format!("unknown field of {cname} ({known})")));
                }
            }
        }

        // The flags words, from the optional fields present.
        let present = |i: usize| map.get(name_of(i)).filter(|v| !v.is_null());
        let mut words = [0u32; 64];
        for (i, op) in ops.iter().enumerate() {
            let Some((ff, bit)) = op.condition() else {
                continue;
            };
            let set = match present(i) {
                None => false,
                Some(v) if is_true_flag(*op) => match v {
                    Value::Bool(b) => *b,
                    other => {
                        return Err(self.fail_at(
                            name_of(i),
                            format!(
                                "expected true or false (a flags.{bit}?true field), found {}",
                                describe(other)
                            ),
                        ))
                    }
                },
                Some(_) => true,
            };
            if set {
                words[usize::from(ff & 63)] |= 1 << (bit & 31);
            }
        }
        // Fields sharing a set bit: all present, none `false`.
        for (i, op) in ops.iter().enumerate() {
            let Some((ff, bit)) = op.condition() else {
                continue;
            };
            if words[usize::from(ff & 63)] & (1 << (bit & 31)) == 0 {
                continue;
            }
            let setter = ops
                .iter()
                .enumerate()
                .find(|&(j, o)| {
                    o.condition() == Some((ff, bit))
                        && j != i
                        && present(j).is_some_and(|v| !matches!(v, Value::Bool(false)))
                })
                .map(|(j, _)| name_of(j))
                .unwrap_or("another field");
            match present(i) {
                Some(Value::Bool(false)) if is_true_flag(*op) => {
                    return Err(self.fail_at(
                        name_of(i),
                        format!(
                            "is false, but {setter} is present and shares its bit (flags.{bit})"
                        ),
                    ))
                }
                None if !is_true_flag(*op) => {
                    return Err(self.fail_at(
                        name_of(i),
                        format!(
                            "missing: {setter} is present and shares its bit (flags.{bit}), \
                             so this field must be too"
                        ),
                    ))
                }
                _ => {}
            }
        }

        // The fields, in schema order.
        let mut body: Option<Vec<u8>> = None;
        for (i, &op) in ops.iter().enumerate() {
            let name = name_of(i);
            if is_flags_word(op) {
                let word = words.get(i).copied().unwrap_or(0);
                self.wrote(writer(out).write_flags(tlview::Flags(word)))?;
                continue;
            }
            if let Some((ff, bit)) = op.condition() {
                if words[usize::from(ff & 63)] & (1 << (bit & 31)) == 0 {
                    continue;
                }
            }
            // The length before a sized object: encode the object first.
            let sized_next = ops
                .get(i + 1)
                .is_some_and(|o| o.kind() == Kind::SizedObject && o.repeat() == Repeat::One);
            if sized_next && op.kind() == Kind::Int && op.repeat() == Repeat::One {
                let body_name = name_of(i + 1);
                let Some(body_json) = map.get(body_name) else {
                    return Err(self.fail_at(body_name, format!("missing (a field of {cname})")));
                };
                let mut tmp = Vec::new();
                self.at(Seg::Field(body_name), |e| {
                    e.object(body_json, Expect::Any, &mut tmp)
                })?;
                let Ok(len) = i32::try_from(tmp.len()) else {
                    return Err(self.fail_at(body_name, "too long for an int length"));
                };
                if let Some(given) = map.get(name).filter(|v| !v.is_null()) {
                    self.at(Seg::Field(name), |e| match json_int(given) {
                        Some(g) if g == len => Ok(()),
                        Some(g) => Err(e.fail(format!(
                            "is {g}, but {body_name} encodes to {len} bytes \
                             (leave it out to have it computed)"
                        ))),
                        None => Err(e.expected("an int", given)),
                    })?;
                }
                self.wrote(writer(out).write_int(len))?;
                body = Some(tmp);
                continue;
            }
            if op.kind() == Kind::SizedObject && op.repeat() == Repeat::One {
                if let Some(b) = body.take() {
                    out.extend_from_slice(&b);
                    continue;
                }
            }
            let value = match map.get(name) {
                Some(Value::Null) if op.condition().is_some() => None,
                v => v,
            };
            let Some(value) = value else {
                if op.kind() == Kind::True && op.repeat() == Repeat::One {
                    // A bare `true` carries no bytes: nothing to miss.
                    continue;
                }
                return Err(self.fail_at(name, format!("missing (a field of {cname})")));
            };
            if is_true_flag(op) {
                // Its bit is the value (checked above).
                continue;
            }
            self.at(Seg::Field(name), |e| e.value(value, op, out))?;
        }
        Ok(())
    }

    /// One field's value: a single value or a vector of them.
    fn value(&mut self, v: &'v Value, op: Op, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        match op.repeat() {
            Repeat::One => self.one(v, op.kind(), op.arg(), out),
            rep => {
                let Value::Array(items) = v else {
                    return Err(self.expected("an array", v));
                };
                let mut w = writer(out);
                let r = if rep == Repeat::BoxedVector {
                    w.write_vector_len(items.len())
                } else {
                    w.write_bare_vector_len(items.len())
                };
                self.wrote(r)?;
                for (i, item) in items.iter().enumerate() {
                    self.at(Seg::Index(i), |e| e.one(item, op.kind(), op.arg(), out))?;
                }
                Ok(())
            }
        }
    }

    /// One value of `kind`.
    fn one(
        &mut self,
        v: &'v Value,
        kind: Kind,
        arg: u16,
        out: &mut Vec<u8>,
    ) -> Result<(), EncodeError> {
        let mut w = writer(out);
        match kind {
            Kind::Int => {
                let Some(i) = json_int(v) else {
                    return Err(match v.as_i64().or_else(|| v.as_u64().map(|_| 0)) {
                        Some(_) => self.fail(format!(
                            "expected an int, found {} (out of the 32-bit range)",
                            describe(v)
                        )),
                        None => self.expected("an int", v),
                    });
                };
                self.wrote(w.write_int(i))
            }
            Kind::Long => match json_long(v) {
                Some(l) => self.wrote(w.write_long(l)),
                None => Err(self.fail(long_error(v))),
            },
            Kind::Double => match json_double(v) {
                Some(d) => self.wrote(w.write_double(d)),
                None => Err(self.expected(
                    "a double (a number, \"NaN\", \"Infinity\" or \"-Infinity\")",
                    v,
                )),
            },
            Kind::Int128 => {
                let b = self.hex(v, Some(16), "an int128 (32 lowercase hex digits)")?;
                self.wrote(w.write_raw(&b))
            }
            Kind::Int256 => {
                let b = self.hex(v, Some(32), "an int256 (64 lowercase hex digits)")?;
                self.wrote(w.write_raw(&b))
            }
            Kind::String => match v {
                Value::String(s) => self.wrote(w.write_string(s.as_bytes())),
                _ => Err(self.expected("a string", v)),
            },
            Kind::Bytes => {
                let b = self.hex(v, None, "bytes (lowercase hex digits)")?;
                self.wrote(w.write_bytes(&b))
            }
            Kind::Bool => match v {
                Value::Bool(b) => self.wrote(w.write_bool(*b)),
                _ => Err(self.expected("true or false (a Bool)", v)),
            },
            Kind::True => match v {
                Value::Bool(true) => Ok(()),
                _ => Err(self.expected("true (a bare true)", v)),
            },
            Kind::Flags => Err(self.fail("a flags word cannot be given (it is computed)")),
            Kind::Boxed => self.object(v, Expect::Type(TypeIndex(arg)), out),
            Kind::Bare => self.object(v, Expect::Bare(CtorIndex(arg)), out),
            Kind::AnyBoxed | Kind::SizedObject => self.object(v, Expect::Any, out),
        }
    }

    /// Hex of exactly `len` bytes (any length for `None`).
    fn hex(&self, v: &Value, len: Option<usize>, what: &str) -> Result<Vec<u8>, EncodeError> {
        let Value::String(s) = v else {
            return Err(self.expected(what, v));
        };
        match parse_hex(s) {
            Some(b) if len.is_none_or(|n| b.len() == n) => Ok(b),
            _ => Err(self.expected(what, v)),
        }
    }
}

/// The index among `c`'s fields (of `layer`) of the field named `name`.
fn field_index(layer: Layer, c: &Constructor, name: &str) -> Option<usize> {
    let base = usize::from(c.ops_start);
    (0..usize::from(c.ops_len)).find(|&i| layer.field_name(base + i) == name)
}

/// A `flags:#` word.
fn is_flags_word(op: Op) -> bool {
    op.kind() == Kind::Flags && op.repeat() == Repeat::One
}

/// A `flags.N?true` field: its bit is its value.
fn is_true_flag(op: Op) -> bool {
    op.kind() == Kind::True && op.repeat() == Repeat::One && op.condition().is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use tlview::object::Object;

    fn words(bytes: &[u8]) -> Vec<u32> {
        bytes
            .chunks(4)
            .map(|c| u32::from_le_bytes(c.try_into().unwrap()))
            .collect()
    }

    fn err(v: Value) -> String {
        encode(&v).unwrap_err().to_string()
    }

    #[test]
    fn flags_are_computed() {
        // updateShortSentMessage#11f1331c flags:# out:flags.1?true id:int
        //   pts:int pts_count:int date:int media:flags.9?MessageMedia
        //   entities:flags.7?Vector<MessageEntity>
        let base = json!({"_":"updateShortSentMessage","id":1,"pts":2,"pts_count":3,"date":4});
        assert_eq!(words(&encode(&base).unwrap()), [0x11f1331c, 0, 1, 2, 3, 4]);
        let mut v = base.clone();
        v["out"] = json!(true);
        assert_eq!(words(&encode(&v).unwrap())[1], 1 << 1);
        v["out"] = json!(false);
        assert_eq!(words(&encode(&v).unwrap())[1], 0);
        v["out"] = Value::Null;
        assert_eq!(words(&encode(&v).unwrap())[1], 0);
        v["entities"] = json!([]);
        assert_eq!(
            words(&encode(&v).unwrap()),
            [0x11f1331c, 1 << 7, 1, 2, 3, 4, 0x1cb5c415, 0]
        );
        v["out"] = json!("yes");
        assert_eq!(
            err(v),
            "out: expected true or false (a flags.1?true field), found \"yes\""
        );
    }

    #[test]
    fn shared_bits() {
        // user#938458c1: bot:flags.14?true and bot_info_version:flags.14?int.
        let v = json!({"_":"user","id":1,"bot_info_version":3});
        let b = encode(&v).unwrap();
        assert_eq!(words(&b)[1], 1 << 14);
        let o = Object::decode(&b, Expect::Any).unwrap();
        assert_eq!(
            tlview::json::Json(o).to_string(),
            r#"{"_":"user","bot":true,"id":1,"bot_info_version":3}"#
        );
        assert_eq!(
            err(json!({"_":"user","id":1,"bot":false,"bot_info_version":3})),
            "bot: is false, but bot_info_version is present and shares its bit (flags.14)"
        );
        // message#58ae39c9: views and forwards share flags.10.
        let e = err(
            json!({"_":"message","id":1,"peer_id":{"_":"peerUser","user_id":1},
            "date":1,"message":"","views":3}),
        );
        assert_eq!(
            e,
            "forwards: missing: views is present and shares its bit (flags.10), \
             so this field must be too"
        );
    }

    #[test]
    fn error_messages() {
        let ok = json!({"_":"updateShortMessage","id":1,"user_id":2,"message":"hi","pts":3,
            "pts_count":1,"date":4,"entities":[{"_":"messageEntityBold","offset":0,"length":2}]});
        encode(&ok).unwrap();
        // `ok` with the value at a dotted path (`entities.0.length`) replaced.
        let with = |path: &str, v: Value| {
            let mut j = ok.clone();
            let mut at = &mut j;
            for p in path.split('.') {
                at = match p.parse::<usize>() {
                    Ok(i) => &mut at[i],
                    Err(_) => &mut at[p],
                };
            }
            *at = v;
            err(j)
        };
        assert_eq!(
            with("entities.0.length", json!("2")),
            "entities[0].length: expected an int, found \"2\""
        );
        assert_eq!(
            with("date", json!(1i64 << 40)),
            "date: expected an int, found 1099511627776 (out of the 32-bit range)"
        );
        assert_eq!(with("date", json!(1.5)), "date: expected an int, found 1.5");
        assert_eq!(
            with("message", json!(5)),
            "message: expected a string, found 5"
        );
        assert_eq!(
            with("entities", json!({})),
            "entities: expected an array, found an object"
        );
        assert_eq!(
            with("entities.0", json!({"_":"peerUser","user_id":1})),
            "entities[0]: expected a MessageEntity, found peerUser, which is a Peer"
        );
        assert_eq!(
            with("entities.0", json!({"_":"contacts.acceptContact"})),
            "entities[0]: expected a MessageEntity, found contacts.acceptContact, \
             which is a function"
        );
        assert_eq!(
            with("entities.0", json!({"_":"noSuchThing"})),
            "entities[0]: unknown constructor \"noSuchThing\""
        );
        assert_eq!(
            with("entities.0", json!({"offset":0})),
            "entities[0]: missing \"_\" (the constructor's name)"
        );
        assert_eq!(
            with("entities.0", json!(7)),
            "entities[0]: expected an object, found 7"
        );
        assert_eq!(
            with("entities.0.bogus", json!(1)),
            "entities[0].bogus: unknown field of messageEntityBold (its fields: offset, length)"
        );
        assert_eq!(
            with("flags", json!(0)),
            "flags: a flags word is computed from the fields present; leave it out"
        );
        let mut j = ok.clone();
        j.as_object_mut().unwrap().remove("pts");
        assert_eq!(err(j), "pts: missing (a field of updateShortMessage)");
        assert_eq!(err(json!([1])), "expected an object, found an array");
        assert_eq!(
            err(json!({"_":5})),
            "_: expected a constructor name, found 5"
        );
        let long = |v: Value| err(json!({"_":"inputUser","user_id":1,"access_hash":v}));
        let want = "access_hash: expected a long (a string of decimal digits like \"-42\")";
        assert_eq!(long(json!("x")), format!("{want}, found \"x\""));
        assert_eq!(long(json!(1.5)), format!("{want}, found 1.5"));
        assert_eq!(
            long(json!(-5)),
            format!("{want}, found the number -5: TL JSON writes a long as a string, \"-5\"")
        );
        assert_eq!(long(json!(true)), format!("{want}, found true"));
        assert_eq!(long(json!(null)), format!("{want}, found null"));
        for (given, canonical) in [("+5", "5"), ("05", "5"), ("-0", "0"), ("-007", "-7")] {
            assert_eq!(
                long(json!(given)),
                format!("{want}, found \"{given}\": write it as \"{canonical}\"")
            );
        }
        for bad in [" 5", "5 ", "", "-", "0x10", "1e3", "5.0"] {
            assert_eq!(long(json!(bad)), format!("{want}, found {bad:?}"));
        }
        assert_eq!(
            long(json!("9223372036854775808")),
            format!("{want}, found \"9223372036854775808\" (out of the 64-bit range)")
        );
        assert_eq!(
            err(json!({"_":"boolTrue","x":1})),
            "x: unknown field of boolTrue (boolTrue has no fields)"
        );
        // int128 / int256 / bytes / double / Bool.
        let nonce = "00112233445566778899aabbccddeeff";
        let pq = json!({"_":"req_pq_multi","nonce":nonce});
        assert_eq!(encode(&pq).unwrap().len(), 20);
        assert_eq!(
            err(json!({"_":"req_pq_multi","nonce":"0011"})),
            "nonce: expected an int128 (32 lowercase hex digits), found \"0011\""
        );
        assert_eq!(
            err(json!({"_":"req_pq_multi","nonce":nonce.to_uppercase()})),
            "nonce: expected an int128 (32 lowercase hex digits), \
             found \"00112233445566778899AABBCCDDEEFF\""
        );
        assert_eq!(
            err(json!({"_":"req_pq_multi","nonce":format!("{nonce}00")})),
            "nonce: expected an int128 (32 lowercase hex digits), \
             found \"00112233445566778899aabbccddeeff00\""
        );
        let nonce256 = nonce.repeat(2);
        let dh = |n: &str| {
            json!({"_":"p_q_inner_data","pq":"","p":"","q":"",
            "nonce":nonce,"server_nonce":nonce,"new_nonce":n})
        };
        assert_eq!(
            encode(&dh(&nonce256)).unwrap().len(),
            4 + 3 * 4 + 16 + 16 + 32
        );
        assert_eq!(
            err(dh(nonce)),
            format!("new_nonce: expected an int256 (64 lowercase hex digits), found \"{nonce}\"")
        );
        assert!(err(dh(&nonce256.to_uppercase())).starts_with("new_nonce: expected an int256"));
        let srp = |a: &str| json!({"_":"inputCheckPasswordSRP","srp_id":"1","A":a,"M1":""});
        for bad in ["zz", "abc", "AB", "0x12", " 12"] {
            assert_eq!(
                err(srp(bad)),
                format!("A: expected bytes (lowercase hex digits), found {bad:?}")
            );
        }
        assert_eq!(
            err(json!({"_":"inputCheckPasswordSRP","srp_id":"1","A":[1],"M1":""})),
            "A: expected bytes (lowercase hex digits), found an array"
        );
        assert_eq!(
            err(json!({"_":"inputGeoPoint","lat":"north","long":1})),
            "lat: expected a double (a number, \"NaN\", \"Infinity\" or \"-Infinity\"), \
             found \"north\""
        );
        assert_eq!(
            err(json!({"_":"account.updateStatus","offline":1})),
            "offline: expected true or false (a Bool), found 1"
        );
        assert_eq!(
            err(json!({"_":"account.updateStatus","offline":"true"})),
            "offline: expected true or false (a Bool), found \"true\""
        );
        // double: a number or one of three strings, spelt exactly.
        for bad in [
            json!("nan"),
            json!("inf"),
            json!("1.5"),
            json!(true),
            json!(null),
        ] {
            assert!(
                err(json!({"_":"inputGeoPoint","lat":bad,"long":0.5}))
                    .starts_with("lat: expected a double"),
                "{bad}"
            );
        }
        // int: an integer in range, not a float or a string.
        for bad in [json!(1.0), json!("1"), json!(2147483648i64), json!(true)] {
            assert!(
                err(json!({"_":"inputPeerChat","chat_id":bad}))
                    .starts_with("chat_id: expected an int, found "),
                "{bad}"
            );
        }
        // string: a JSON string only.
        for bad in [json!(5), json!(null), json!(["a"])] {
            assert!(
                err(json!({"_":"messageEntityTextUrl","offset":0,"length":1,"url":bad}))
                    .starts_with("url: expected a string, found "),
                "{bad}"
            );
        }
        assert_eq!(article("Updates"), "an");
        assert_eq!(article("User"), "a");
        assert_eq!(article("UrlAuthResult"), "a");
        assert_eq!(article("InputUser"), "an");
        assert_eq!(article("upload.File"), "an");
        assert_eq!(article("EncryptedChat"), "an");
        assert_eq!(article("int"), "an");
        assert_eq!(article("long"), "a");
        assert_eq!(
            err(json!({"_":"msg_container","messages":[{"_":"updatesTooLong"}]})),
            "messages[0]: expected a bare message, found \"updatesTooLong\""
        );
    }

    #[test]
    fn values() {
        let b = encode(&json!({"_":"inputUser","user_id":-1,"access_hash":"-5"})).unwrap();
        assert_eq!(&b[8..], &(-5i64).to_le_bytes());
        for l in [i64::MIN, -1, 0, 1, i64::MAX] {
            let b =
                encode(&json!({"_":"inputUser","user_id":-1,"access_hash":l.to_string()})).unwrap();
            assert_eq!(&b[8..], &l.to_le_bytes());
        }
        for (s, bits) in [
            (json!("NaN"), f64::NAN.to_bits()),
            (json!("Infinity"), f64::INFINITY.to_bits()),
            (json!("-Infinity"), f64::NEG_INFINITY.to_bits()),
            (json!(-0.0), (-0.0f64).to_bits()),
            (json!(2), 2.0f64.to_bits()),
        ] {
            let b = encode(&json!({"_":"inputGeoPoint","lat":s,"long":0.5})).unwrap();
            assert_eq!(u64::from_le_bytes(b[8..16].try_into().unwrap()), bits);
        }
        let nonce = "00112233445566778899aabbccddeeff";
        let b = encode(&json!({"_":"req_pq_multi","nonce":nonce})).unwrap();
        assert_eq!(&b[4..], &parse_hex(nonce).unwrap()[..]);
        // A bare object may leave out "_".
        let m = json!({"_":"msg_container","messages":[
            {"msg_id":"7","seqno":3,"body":{"_":"boolTrue"}}]});
        assert_eq!(
            words(&encode(&m).unwrap()),
            [0x73f1f8dc, 1, 7, 0, 3, 4, 0x997275b5]
        );
    }

    #[test]
    fn sized_body_length() {
        let m = json!({"_":"msg_container","messages":[
            {"_":"message","msg_id":"7","seqno":3,"bytes":4,"body":{"_":"boolTrue"}},
            {"_":"message","msg_id":"8","seqno":5,
             "body":{"_":"inputUser","user_id":1,"access_hash":"2"}}]});
        let b = encode(&m).unwrap();
        let w = words(&b);
        assert_eq!(w[5], 4);
        assert_eq!(w[10], 16);
        assert!(tlview::mtproto::MsgContainer::decode(&b).is_ok());
        let mut bad = m.clone();
        bad["messages"][0]["bytes"] = json!(8);
        assert_eq!(
            err(bad),
            "messages[0].bytes: is 8, but body encodes to 4 bytes (leave it out to have it computed)"
        );
        let mut bad = m;
        bad["messages"][1]["body"]["user_id"] = json!(null);
        assert_eq!(
            err(bad),
            "messages[1].body.user_id: expected an int, found null"
        );
    }

    #[test]
    fn ambiguous_names() {
        assert_eq!(constructors_named("message").len(), 2);
        // The API message where a Message is expected; MTProto's by its keys
        // at the top level.
        let mtp = json!({"_":"message","msg_id":"1","seqno":2,"body":{"_":"boolFalse"}});
        let b = encode(&mtp).unwrap();
        let o = Object::decode(&b, Expect::Any).unwrap();
        assert_eq!(o.constructor().flags & CTOR_MTPROTO, CTOR_MTPROTO);
        assert_eq!(
            type_named("Message").map(schema::type_name),
            Some("Message")
        );
        let api = type_named("Message").unwrap();
        assert!(schema::type_members(api)
            .iter()
            .any(|&c| schema::constructor(c).unwrap().id == 0x58ae39c9));
        assert_eq!(type_named("Updates"), Some(schema::ty::UPDATES));
        assert_eq!(type_named("Nope"), None);
    }
}
