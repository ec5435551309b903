//! Random, valid objects of any layer the crate has, built from its table
//! through the public `tlview::Layer` lookups: the binary form, written word
//! by word (no encoder of the crate's is involved). `tests/layer230.rs`
//! and the grammers cross-check (`benches/grammers/tests/same_bytes.rs`)
//! share it. Included by `#[path]`.
//!
//! Test code only: its indexing is over the layer's own table and the
//! builder's own output, never over input.

#![allow(
    dead_code,
    unreachable_pub,
    clippy::indexing_slicing,
    clippy::unwrap_used
)]

use tlview::schema::{CtorIndex, Kind, Op, Repeat, TypeIndex};
use tlview::Layer;

/// From this depth on, the builder leaves out optional objects and vector
/// elements that are objects, and picks the shallowest constructors.
pub const SOFT_DEPTH: u32 = 3;

/// `boolTrue`, `boolFalse` (the same in every layer).
const BOOLS: [u32; 2] = [0x9972_75b5, 0xbc79_9737];

/// xorshift64*: small, deterministic, good enough for test data.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

pub fn is_object(k: Kind) -> bool {
    matches!(
        k,
        Kind::Boxed | Kind::Bare | Kind::AnyBoxed | Kind::SizedObject
    )
}

/// The fields of combinator `i` of `layer`.
pub fn ops(layer: Layer, i: usize) -> &'static [Op] {
    layer.ops(layer.constructor(CtorIndex(i as u16)).unwrap())
}

/// For each combinator, the fewest levels of objects a complete one needs;
/// `u32::MAX` if it cannot be built.
pub fn heights(layer: Layer) -> Vec<u32> {
    let n = layer.combinator_count();
    let mut h = vec![u32::MAX; n];
    loop {
        let mut changed = false;
        for i in 0..n {
            let mut need = 0u32;
            for op in ops(layer, i) {
                if op.condition().is_some() || op.repeat() != Repeat::One {
                    continue;
                }
                let n = match op.kind() {
                    Kind::Boxed => layer
                        .type_members(op.ty())
                        .iter()
                        .map(|m| h[m.get()])
                        .min()
                        .unwrap_or(u32::MAX),
                    Kind::Bare => h[usize::from(op.arg())],
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

pub struct Builder {
    pub layer: Layer,
    pub rng: Rng,
    pub heights: Vec<u32>,
    /// When set, the only constructors nested objects are built from (an
    /// optional or vector field that none fits is left out or empty).
    pub allowed: Option<fn(CtorIndex) -> bool>,
    /// How many type constructors the layer has (they come first).
    constructors: usize,
    out: Vec<u8>,
}

impl Builder {
    pub fn new(layer: Layer, seed: u64) -> Builder {
        Builder {
            layer,
            rng: Rng(seed.max(1)),
            heights: heights(layer),
            allowed: None,
            constructors: layer
                .combinators()
                .filter(|(_, c)| !c.is_function())
                .count(),
            out: Vec::new(),
        }
    }

    fn u32(&mut self, v: u32) {
        self.out.extend(v.to_le_bytes());
    }

    /// A constructor of `t`: any at shallow depths, the shallowest below.
    fn pick(&mut self, t: TypeIndex, depth: u32) -> usize {
        let members = self.layer.type_members(t);
        let buildable: Vec<usize> = members
            .iter()
            .map(|m| m.get())
            .filter(|&m| self.heights[m] != u32::MAX)
            .collect();
        let buildable = match self.allowed {
            Some(allowed) if buildable.iter().any(|&m| allowed(CtorIndex(m as u16))) => buildable
                .into_iter()
                .filter(|&m| allowed(CtorIndex(m as u16)))
                .collect(),
            _ => buildable,
        };
        if depth < SOFT_DEPTH {
            buildable[self.rng.below(buildable.len())]
        } else {
            *buildable.iter().min_by_key(|&&m| self.heights[m]).unwrap()
        }
    }

    /// Whether an object of `kind`/`arg` can be built at all.
    fn fits(&self, kind: Kind, arg: u16) -> bool {
        let allowed = |m: CtorIndex| self.allowed.is_none_or(|a| a(m));
        match kind {
            Kind::Boxed => self
                .layer
                .type_members(TypeIndex(arg))
                .iter()
                .any(|&m| self.heights[m.get()] != u32::MAX && allowed(m)),
            Kind::Bare => self.heights[usize::from(arg)] != u32::MAX && allowed(CtorIndex(arg)),
            Kind::AnyBoxed | Kind::SizedObject => self.allowed.is_none(),
            _ => true,
        }
    }

    /// A string or bytes of ASCII (so valid UTF-8), with lengths on both
    /// sides of the 254-byte header switch.
    fn string(&mut self) {
        let len = match self.rng.below(4) {
            0 => 0,
            1 => self.rng.below(8),
            2 => 250 + self.rng.below(10),
            _ => self.rng.below(60),
        };
        let start = self.out.len();
        if len < 254 {
            self.out.push(len as u8);
        } else {
            self.out
                .extend([254, len as u8, (len >> 8) as u8, (len >> 16) as u8]);
        }
        for _ in 0..len {
            let b = self.rng.next() as u8 & 0x7f;
            self.out.push(b);
        }
        while !(self.out.len() - start).is_multiple_of(4) {
            self.out.push(0);
        }
    }

    fn one(&mut self, kind: Kind, arg: u16, depth: u32) {
        match kind {
            Kind::Int | Kind::Flags => {
                let v = self.rng.next() as u32;
                self.u32(v)
            }
            Kind::Long => {
                let v = self.rng.next();
                self.out.extend(v.to_le_bytes())
            }
            Kind::Double => {
                // Any bits, but a NaN is the canonical one: TL JSON writes
                // every NaN as "NaN", which reads back as that one.
                let v = f64::from_bits(self.rng.next());
                let v = if v.is_nan() { f64::NAN } else { v };
                self.out.extend(v.to_le_bytes())
            }
            Kind::Int128 | Kind::Int256 => {
                let n = if kind == Kind::Int128 { 16 } else { 32 };
                for _ in 0..n {
                    let b = self.rng.next() as u8;
                    self.out.push(b);
                }
            }
            Kind::String | Kind::Bytes => self.string(),
            Kind::Bool => {
                let v = BOOLS[self.rng.below(2)];
                self.u32(v)
            }
            Kind::True => {}
            Kind::Boxed => {
                let c = self.pick(TypeIndex(arg), depth);
                self.combinator(c, true, depth + 1, None);
            }
            Kind::Bare => self.combinator(usize::from(arg), false, depth + 1, None),
            Kind::AnyBoxed | Kind::SizedObject => {
                let i = self.rng.below(self.constructors);
                let t = self.layer.constructor(CtorIndex(i as u16)).unwrap().ty;
                let c = self.pick(t, SOFT_DEPTH.max(depth));
                self.combinator(c, true, depth + 1, None);
            }
        }
    }

    /// Combinator `i` (boxed: with its id), its flags words `flags` (the
    /// first low; `None`: random) kept to the bits its fields test.
    pub fn combinator(&mut self, i: usize, boxed: bool, depth: u32, flags: Option<u64>) {
        let c = self.layer.constructor(CtorIndex(i as u16)).unwrap();
        if boxed {
            self.u32(c.id);
        }
        let ops = self.layer.ops(c);
        let declared = ops
            .iter()
            .filter_map(|op| op.flag_place())
            .fold(0u64, |m, p| m | 1 << p);
        let mut words = flags.unwrap_or_else(|| self.rng.next()) & declared;
        // A bit whose object is left out is clear, for every field on it
        // (the bit stands for all of them).
        for op in ops {
            if let Some(place) = op.flag_place() {
                if is_object(op.kind()) && (depth >= SOFT_DEPTH || !self.fits(op.kind(), op.arg()))
                {
                    words &= !(1 << place);
                }
            }
        }
        for op in ops {
            if op.kind() == Kind::Flags && op.repeat() == Repeat::One {
                self.u32((words >> (32 * u32::from(op.flags_word()))) as u32);
                continue;
            }
            if let Some(place) = op.flag_place() {
                if words >> place & 1 == 0 {
                    continue;
                }
            }
            if op.kind() == Kind::SizedObject {
                let start = self.out.len();
                self.one(op.kind(), op.arg(), depth);
                let size = (self.out.len() - start) as u32;
                self.out[start - 4..start].copy_from_slice(&size.to_le_bytes());
                continue;
            }
            match op.repeat() {
                Repeat::One => self.one(op.kind(), op.arg(), depth),
                rep => {
                    if rep == Repeat::BoxedVector {
                        self.u32(0x1cb5_c415);
                    }
                    let n = if is_object(op.kind())
                        && (depth >= SOFT_DEPTH || !self.fits(op.kind(), op.arg()))
                    {
                        0
                    } else {
                        self.rng.below(3)
                    };
                    self.u32(n as u32);
                    for _ in 0..n {
                        self.one(op.kind(), op.arg(), depth);
                    }
                }
            }
        }
    }

    /// A boxed object of combinator `i` with flags words `flags` (the first
    /// low; `None`: random).
    pub fn build(&mut self, i: usize, flags: Option<u64>) -> Vec<u8> {
        self.out.clear();
        self.combinator(i, true, 0, flags);
        std::mem::take(&mut self.out)
    }

    /// The flags words to build combinator `i` with so that each declared
    /// bit is tried: none, all, each bit alone, and two random words.
    pub fn flag_choices(&self, i: usize) -> Vec<Option<u64>> {
        let declared = ops(self.layer, i)
            .iter()
            .filter_map(|op| op.flag_place())
            .fold(0u64, |m, p| m | 1 << p);
        let mut choices = vec![Some(0), Some(u64::MAX), None, None];
        choices.extend(
            (0..64)
                .filter(|p| declared >> p & 1 != 0)
                .map(|p| Some(1 << p)),
        );
        choices
    }
}
