//! Random round trips through every combinator of each layer.
//!
//! A schema-driven builder makes random, valid TL JSON for each constructor
//! and function of a layer (layer 122's 1 293, ten objects each; layer
//! 230's 2 617, six each). Every object must encode, walk to exactly its
//! length, dump back to the same JSON value, and encode from that dump to
//! the same bytes, and encode the same through its generated form (`tl
//! encode --typed`); every object must print the same through the typed
//! views (`tl dump --typed`), in both layers, and layer 122's `Updates`
//! objects through `tlview::Updates`.
// The conversions run on tlview: only with the default `convert` feature.
#![cfg(feature = "convert")]

use serde_json::{Map, Value};
use tltool::encode::{encode, encode_in};
use tlview::json::Json;
use tlview::object::Object;
use tlview::schema::{self, CtorIndex, Kind, Op, Repeat, TypeIndex};
use tlview::walk::Expect;
use tlview::{Layer, Limits};
/// From this depth on, the builder picks the shallowest constructors and
/// leaves out optional objects and vector elements that are objects.
const SOFT_DEPTH: u32 = 4;

/// xorshift64*: small, deterministic, good enough for test data.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1)
    }
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn coin(&mut self) -> bool {
        self.next() & 1 == 1
    }
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

/// For each combinator, the fewest levels of objects a complete one needs
/// (1: no required nested object); `u32::MAX` if it cannot be built.
fn heights(layer: Layer) -> Vec<u32> {
    let mut h = vec![u32::MAX; layer.combinator_count()];
    loop {
        let mut changed = false;
        for (i, c) in layer.combinators().map(|(i, c)| (i.get(), c)) {
            let mut need = 0u32;
            for op in layer.ops(c) {
                if op.condition().is_some() || op.repeat() != Repeat::One {
                    continue;
                }
                let n = match op.kind() {
                    Kind::Boxed => members(layer, op.arg())
                        .iter()
                        .map(|&m| h[usize::from(m)])
                        .min()
                        .unwrap_or(u32::MAX),
                    Kind::Bare => h[usize::from(op.arg())],
                    // Any fieldless object will do.
                    Kind::AnyBoxed | Kind::SizedObject => 1,
                    _ => 0,
                };
                need = need.max(n);
            }
            if need != u32::MAX && need + 1 < h[i] {
                h[i] = need + 1;
                changed = true;
            }
        }
        if !changed {
            return h;
        }
    }
}

/// The constructors of a type (never its functions).
fn members(layer: Layer, t: u16) -> Vec<u16> {
    layer
        .type_members(TypeIndex(t))
        .iter()
        .copied()
        .filter(|&m| !layer.constructor(m).unwrap().is_function())
        .map(|m| m.0)
        .collect()
}

fn is_object(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Boxed | Kind::Bare | Kind::AnyBoxed | Kind::SizedObject
    )
}

struct Builder {
    layer: Layer,
    rng: Rng,
    heights: Vec<u32>,
    /// Combinators with no required nested object.
    leaves: Vec<u16>,
    /// Objects built (nested ones included).
    objects: usize,
    /// Strings and bytes of 254 bytes or more (the 4-byte length form).
    long_strings: usize,
    /// MTProto `message` bodies (sized objects).
    sized_bodies: usize,
}

const ALPHABET: &[char] = &[
    'a', 'Z', '0', ' ', 'é', 'ß', 'Ж', 'я', '日', '本', '☕', '📎', '"', '\\', '\n', '\t', '\u{1}',
    '\u{7f}', '\u{2028}', '/',
];

impl Builder {
    fn hex(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| format!("{:02x}", self.rng.next() as u8))
            .collect()
    }

    /// A byte length: mostly short, sometimes around and past 254.
    fn length(&mut self) -> usize {
        match self.rng.below(10) {
            0 => self.rng.pick(&[253, 254, 255, 256, 300, 1000]),
            1 => 0,
            _ => self.rng.below(13),
        }
    }

    fn string(&mut self) -> String {
        let target = self.length();
        let mut s = String::new();
        if target >= 254 {
            self.long_strings += 1;
        }
        while s.len() < target {
            let c = self.rng.pick(ALPHABET);
            if s.len() + c.len_utf8() > target {
                s.push('x');
            } else {
                s.push(c);
            }
        }
        s
    }

    fn double(&mut self) -> Value {
        match self.rng.below(8) {
            0 => Value::from(-0.0f64),
            1 => Value::from(0.0f64),
            2 => Value::from(self.rng.below(1000) as f64 - 500.0),
            3 => Value::from(self.rng.pick(&["Infinity", "-Infinity"])),
            4 => Value::from(
                self.rng
                    .pick(&[f64::MIN_POSITIVE, 5e-324, f64::MAX, 0.1, 1e21]),
            ),
            _ => loop {
                let d = f64::from_bits(self.rng.next());
                if d.is_finite() {
                    break Value::from(d);
                }
            },
        }
    }

    fn int(&mut self) -> i32 {
        match self.rng.below(4) {
            0 => self.rng.pick(&[0, 1, -1, i32::MIN, i32::MAX]),
            1 => self.rng.below(1000) as i32,
            _ => self.rng.next() as i32,
        }
    }

    /// A constructor for a field of `kind`/`arg` at `depth`.
    fn choose(&mut self, kind: Kind, arg: u16, depth: u32) -> u16 {
        let candidates: Vec<u16> = match kind {
            Kind::Boxed => members(self.layer, arg),
            Kind::Bare => vec![arg],
            // Any combinator: a constructor of any type, or a function.
            _ if depth < SOFT_DEPTH => return self.rng.below(self.layer.combinator_count()) as u16,
            _ => {
                let i = self.rng.below(self.leaves.len());
                return self.leaves[i];
            }
        };
        assert!(
            !candidates.is_empty(),
            "type {} has no constructors",
            self.layer.type_name(TypeIndex(arg))
        );
        if depth < SOFT_DEPTH {
            return self.rng.pick(&candidates);
        }
        let best = candidates
            .iter()
            .map(|&c| self.heights[usize::from(c)])
            .min()
            .unwrap();
        let shallowest: Vec<u16> = candidates
            .into_iter()
            .filter(|&c| self.heights[usize::from(c)] == best)
            .collect();
        self.rng.pick(&shallowest)
    }

    fn object(&mut self, index: u16, depth: u32) -> Value {
        let layer = self.layer;
        let c = layer.constructor(CtorIndex(index)).unwrap();
        let name = layer.constructor_name(CtorIndex(index));
        assert!(
            depth < 40,
            "{name}: nesting does not end (depth {depth}, height {})",
            self.heights[usize::from(index)]
        );
        assert_ne!(
            self.heights[usize::from(index)],
            u32::MAX,
            "{name}: no finite object can be built"
        );
        self.objects += 1;
        let ops = layer.ops(c);
        let base = usize::from(c.ops_start);
        let field = |i: usize| layer.field_name(base + i);
        let deep = depth >= SOFT_DEPTH;

        // Which (flags field, bit) pairs are set: decided per bit, since
        // several fields may share one.
        let mut bits: Vec<((u8, u8), bool)> = Vec::new();
        for op in ops {
            let Some(cond) = op.condition() else { continue };
            if bits.iter().any(|(k, _)| *k == cond) {
                continue;
            }
            let has_object = ops
                .iter()
                .any(|o| o.condition() == Some(cond) && is_object(o.kind()));
            let set = !(deep && has_object) && self.rng.coin();
            bits.push((cond, set));
        }
        let is_set = |cond| bits.iter().any(|&(k, s)| k == cond && s);

        let mut map = Map::new();
        map.insert("_".into(), Value::from(name));
        let mut i = 0;
        while i < ops.len() {
            let op = ops[i];
            let key = field(i);
            i += 1;
            if op.kind() == Kind::Flags && op.repeat() == Repeat::One {
                continue;
            }
            if let Some(cond) = op.condition() {
                if !is_set(cond) {
                    continue;
                }
                if op.kind() == Kind::True && op.repeat() == Repeat::One {
                    map.insert(key.into(), Value::Bool(true));
                    continue;
                }
            }
            let sized_next = ops.get(i).is_some_and(|o| o.kind() == Kind::SizedObject);
            if sized_next && op.kind() == Kind::Int {
                // `bytes` is the encoded size of the `body` after it.
                let body_op = ops[i];
                let body = self.one(body_op.kind(), body_op.arg(), depth);
                let mut encoded = Vec::new();
                encode_in(layer, &body, Expect::Any, &mut encoded).unwrap();
                let len = encoded.len();
                self.sized_bodies += 1;
                map.insert(key.into(), Value::from(len));
                map.insert(field(i).into(), body);
                i += 1;
                continue;
            }
            let v = self.value(op, depth);
            map.insert(key.into(), v);
        }
        Value::Object(map)
    }

    fn value(&mut self, op: Op, depth: u32) -> Value {
        if op.repeat() == Repeat::One {
            return self.one(op.kind(), op.arg(), depth);
        }
        let n = if is_object(op.kind()) && depth >= SOFT_DEPTH {
            0
        } else {
            self.rng.below(4)
        };
        Value::Array(
            (0..n)
                .map(|_| self.one(op.kind(), op.arg(), depth))
                .collect(),
        )
    }

    /// One value of `kind` in an object at `depth`.
    fn one(&mut self, kind: Kind, arg: u16, depth: u32) -> Value {
        match kind {
            Kind::Int => Value::from(self.int()),
            Kind::Long => Value::from((self.rng.next() as i64).to_string()),
            Kind::Double => self.double(),
            Kind::Int128 => Value::from(self.hex(16)),
            Kind::Int256 => Value::from(self.hex(32)),
            Kind::String => Value::from(self.string()),
            Kind::Bytes => {
                let n = self.length();
                if n >= 254 {
                    self.long_strings += 1;
                }
                Value::from(self.hex(n))
            }
            Kind::Bool => Value::Bool(self.rng.coin()),
            Kind::True => Value::Bool(true),
            Kind::Flags => panic!("a flags word as a value"),
            Kind::Boxed | Kind::Bare | Kind::AnyBoxed | Kind::SizedObject => {
                let c = self.choose(kind, arg, depth);
                self.object(c, depth + 1)
            }
        }
    }
}

/// `v` as JSON, cut to about 2000 bytes.
fn short(v: &Value) -> String {
    let s = v.to_string();
    let mut end = s.len().min(2000);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    if end < s.len() {
        format!("{}…", &s[..end])
    } else {
        s
    }
}

/// `v` encoded in `layer`.
fn encode_layer(layer: Layer, v: &Value) -> Result<Vec<u8>, tltool::encode::EncodeError> {
    let mut out = Vec::new();
    encode_in(layer, v, Expect::Any, &mut out).map(|()| out)
}

/// Checks one object of `layer` both ways; `Err` says what broke.
fn round_trip(layer: Layer, v: &Value) -> Result<usize, String> {
    let bytes = encode_layer(layer, v).map_err(|e| format!("encode: {e}"))?;
    let end = layer
        .walk(&bytes, Expect::Any, &Limits::DEFAULT)
        .map_err(|e| format!("walk: {e}"))?;
    if end != bytes.len() {
        return Err(format!("walk ended at {end} of {} bytes", bytes.len()));
    }
    let obj = Object::decode_in(layer, &bytes, Expect::Any, &Limits::DEFAULT)
        .map_err(|e| format!("decode: {e}"))?;
    let text = Json(obj).to_string();
    let back: Value = serde_json::from_str(&text).map_err(|e| format!("dump is not JSON: {e}"))?;
    if &back != v {
        return Err(format!("dump differs:\n  dump: {}", short(&back)));
    }
    let again = encode_layer(layer, &back).map_err(|e| format!("encode(dump): {e}"))?;
    if again != bytes {
        return Err("encode(dump) differs from the bytes".into());
    }
    // `tl dump --typed`: each object's fields read by its typed view.
    let typed = tlview::view::TypedJson(obj).to_string();
    if typed != text {
        return Err(format!(
            "the typed views print\n  {typed}\nthe dynamic view\n  {text}"
        ));
    }
    // `tl encode --typed`: the generated form gives the same bytes.
    let typed =
        tltool::typed::encode_typed_in(layer, v).map_err(|e| format!("encode --typed: {e}"))?;
    if typed != bytes {
        return Err("encode --typed differs from the bytes".into());
    }
    if layer != Layer::L122 {
        return Ok(bytes.len());
    }
    let is_updates =
        obj.constructor().ty == schema::ty::UPDATES && !obj.constructor().is_function();
    if is_updates {
        let typed = tlview::Updates::decode(&bytes)
            .map_err(|e| format!("typed decode: {e}"))?
            .to_string();
        if typed != text {
            return Err(format!(
                "typed view prints\n  {typed}\nthe dynamic view\n  {text}"
            ));
        }
    }
    Ok(bytes.len())
}

#[test]
fn every_combinator_round_trips() {
    round_trip_every_combinator(Layer::L122, 10);
}

/// The same for layer 230, whose bytes `tl dump --layer 230` and `tl
/// encode --layer 230` read and write: `long` user ids, two flags words.
#[test]
fn every_layer_230_combinator_round_trips() {
    round_trip_every_combinator(Layer::L230, 6);
}

/// `rounds` random objects of every combinator of `layer`, each checked by
/// [`round_trip`].
fn round_trip_every_combinator(layer: Layer, rounds: u64) {
    let started = std::time::Instant::now();
    let combinators = layer.combinator_count();
    let heights = heights(layer);
    let leaves: Vec<u16> = (0..combinators as u16)
        .filter(|&c| heights[usize::from(c)] == 1)
        .collect();
    let unbuildable: Vec<&str> = (0..combinators as u16)
        .filter(|&c| heights[usize::from(c)] == u32::MAX)
        .map(|c| layer.constructor_name(CtorIndex(c)))
        .collect();
    assert!(unbuildable.is_empty(), "cannot build: {unbuildable:?}");

    let mut b = Builder {
        layer,
        rng: Rng::new(1),
        heights,
        leaves,
        objects: 0,
        long_strings: 0,
        sized_bodies: 0,
    };
    let mut roots = 0;
    let mut total_bytes = 0;
    let mut failures = Vec::new();
    let mut two_words = 0;
    for index in 0..combinators as u16 {
        for round in 0..rounds {
            let seed = u64::from(index) * rounds + round;
            b.rng = Rng::new(seed + 1);
            let v = b.object(index, 0);
            roots += 1;
            match round_trip(layer, &v) {
                Ok(n) => total_bytes += n,
                Err(e) => failures.push(format!(
                    "{} (seed {seed}): {e}\n  json: {}",
                    layer.constructor_name(CtorIndex(index)),
                    short(&v)
                )),
            }
        }
        let c = layer.constructor(CtorIndex(index)).unwrap();
        if layer.ops(c).iter().any(|op| op.flags_word() == 1) {
            two_words += 1;
        }
    }
    println!(
        "{layer}: checked {roots} random objects ({} combinators × {rounds}, {two_words} with two \
         flags words; {} objects with the nested ones, {} long strings, {} sized bodies; \
         {total_bytes} bytes) in {:.1?}",
        combinators,
        b.objects,
        b.long_strings,
        b.sized_bodies,
        started.elapsed()
    );
    assert!(b.long_strings > 0 && b.sized_bodies > 0);
    assert!(
        failures.is_empty(),
        "{} of {roots} failed:\n{}",
        failures.len(),
        failures[..failures.len().min(10)].join("\n")
    );
    assert_eq!(roots, combinators * rounds as usize);
    // Layer 230's six two-word combinators (`user`, `channel`, ...).
    assert_eq!(two_words > 0, layer != Layer::L122);
}

/// NaN reads back as `"NaN"` and encodes as the canonical quiet NaN, so a
/// NaN with another payload does not round-trip to the same bits.
#[test]
fn nan_doubles() {
    let v = serde_json::json!({"_":"inputGeoPoint","lat":"NaN","long":"-Infinity"});
    let bytes = encode(&v).unwrap();
    assert_eq!(round_trip(Layer::L122, &v), Ok(bytes.len()));
    assert_eq!(&bytes[8..16], &f64::NAN.to_le_bytes());

    let mut odd = bytes.clone();
    odd[8..16].copy_from_slice(&(f64::NAN.to_bits() | 0x1234).to_le_bytes());
    let obj = Object::decode(&odd, Expect::Any).unwrap();
    let text = Json(obj).to_string();
    assert_eq!(
        text,
        r#"{"_":"inputGeoPoint","lat":"NaN","long":"-Infinity"}"#
    );
    assert_eq!(
        encode(&serde_json::from_str(&text).unwrap()).unwrap(),
        bytes
    );
}
