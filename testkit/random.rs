//! Random, valid objects of the layer, built from its table: the library's
//! own tests (`src/schema/typed_tests.rs`) and the uniform mix of the
//! `updates` benchmark share it. Included by `#[path]`; the includer puts
//! the layer's `schema` module in scope (`crate::schema` in the library,
//! `tlview::schema` outside), and `Vec`.
//!
//! Test and benchmark code only: its indexing is over the builder's own
//! output, never over input.

#![allow(
    dead_code,
    unreachable_pub,
    clippy::indexing_slicing,
    clippy::unwrap_used
)]

use super::schema::{self, CtorIndex, Kind, Repeat, TypeIndex, COMBINATORS, CONSTRUCTORS};
use super::Vec;

/// xorshift64*: small, deterministic.
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
        (self.next() % n.max(1) as u64) as usize
    }
}

/// From this depth on the builder takes the shallowest constructors and
/// leaves out optional objects and vectors of objects.
pub const SOFT_DEPTH: u32 = 3;

fn is_object(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Boxed | Kind::Bare | Kind::AnyBoxed | Kind::SizedObject
    )
}

pub fn ops(index: CtorIndex) -> &'static [schema::Op] {
    schema::combinators()
        .nth(index.get())
        .map(|(_, c)| c.ops())
        .unwrap_or(&[])
}

/// Builds random, valid objects of the layer as bytes.
pub struct Builder {
    pub rng: Rng,
    /// Per combinator: the fewest levels of objects a complete one needs.
    heights: Vec<u32>,
    /// When set, the only constructors nested objects are built from (an
    /// optional or vector field that none fits is left out or empty).
    pub allowed: Option<fn(CtorIndex) -> bool>,
    pub out: Vec<u8>,
}

impl Builder {
    pub fn new(seed: u64) -> Builder {
        let mut heights = std::vec![u32::MAX; COMBINATORS];
        loop {
            let mut changed = false;
            for i in 0..COMBINATORS {
                let mut need = 1u32;
                for op in ops(CtorIndex(i as u16)) {
                    if op.condition().is_some() || op.repeat() != Repeat::One {
                        continue;
                    }
                    let sub = match op.kind() {
                        Kind::Boxed => schema::type_members(op.ty())
                            .iter()
                            .map(|&m| heights[m.get()])
                            .min()
                            .unwrap_or(u32::MAX),
                        Kind::Bare => heights[op.ctor().get()],
                        Kind::AnyBoxed | Kind::SizedObject => 1,
                        _ => 0,
                    };
                    need = need.max(sub.saturating_add(1));
                }
                if need < heights[i] {
                    heights[i] = need;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        Builder {
            rng: Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1),
            heights,
            allowed: None,
            out: Vec::new(),
        }
    }

    /// Whether a nested object of `kind`/`arg` can be built within
    /// [`Builder::allowed`].
    fn fits(&self, kind: Kind, arg: u16) -> bool {
        let Some(allowed) = self.allowed else {
            return true;
        };
        match kind {
            Kind::Boxed => schema::type_members(TypeIndex(arg))
                .iter()
                .any(|&m| allowed(m)),
            Kind::Bare => allowed(CtorIndex(arg)),
            Kind::AnyBoxed | Kind::SizedObject => false,
            _ => true,
        }
    }

    fn u32(&mut self, v: u32) {
        self.out.extend(v.to_le_bytes());
    }

    fn bytes(&mut self) {
        let len = match self.rng.below(8) {
            0 => 254 + self.rng.below(300),
            1 => 0,
            _ => self.rng.below(40),
        };
        if len < 254 {
            self.out.push(len as u8);
        } else {
            self.out.push(254);
            self.out.extend(&(len as u32).to_le_bytes()[..3]);
        }
        for _ in 0..len {
            // Mostly ASCII, some UTF-8 and some bytes that are not.
            let b = match self.rng.below(10) {
                0 => 0xc3,
                1 => 0xa9,
                2 => self.rng.next() as u8,
                _ => b'a' + self.rng.below(26) as u8,
            };
            self.out.push(b);
        }
        while !self.out.len().is_multiple_of(4) {
            self.out.push(0);
        }
    }

    /// A constructor of type `ty` to build at `depth`.
    pub fn pick(&mut self, ty: TypeIndex, depth: u32) -> CtorIndex {
        let all = schema::type_members(ty);
        let members: Vec<CtorIndex> = match self.allowed {
            Some(allowed) if all.iter().any(|&m| allowed(m)) => {
                all.iter().copied().filter(|&m| allowed(m)).collect()
            }
            _ => all.to_vec(),
        };
        if depth >= SOFT_DEPTH {
            let best = members
                .iter()
                .map(|&m| self.heights[m.get()])
                .min()
                .unwrap_or(0);
            let low: Vec<CtorIndex> = members
                .iter()
                .copied()
                .filter(|&m| self.heights[m.get()] == best)
                .collect();
            return low[self.rng.below(low.len())];
        }
        members[self.rng.below(members.len())]
    }

    fn one(&mut self, kind: Kind, arg: u16, depth: u32) {
        match kind {
            Kind::Int => {
                let v = self.rng.next() as u32;
                self.u32(v)
            }
            Kind::Flags => self.u32(0),
            Kind::Long | Kind::Double => {
                let v = self.rng.next();
                self.out.extend(v.to_le_bytes())
            }
            Kind::Int128 | Kind::Int256 => {
                let n = if kind == Kind::Int128 { 16 } else { 32 };
                for _ in 0..n {
                    let b = self.rng.next() as u8;
                    self.out.push(b);
                }
            }
            Kind::String | Kind::Bytes => self.bytes(),
            Kind::Bool => {
                let id = if self.rng.below(2) == 0 {
                    schema::id::BOOL_TRUE
                } else {
                    schema::id::BOOL_FALSE
                };
                self.u32(id)
            }
            Kind::True => {}
            Kind::Boxed => {
                let c = self.pick(TypeIndex(arg), depth);
                self.combinator(c, true, depth + 1, None);
            }
            Kind::Bare => self.combinator(CtorIndex(arg), false, depth + 1, None),
            Kind::AnyBoxed | Kind::SizedObject => {
                // A small object of any type.
                let ty = CONSTRUCTORS[self.rng.below(CONSTRUCTORS.len())].ty;
                let c = self.pick(ty, SOFT_DEPTH.max(depth));
                self.combinator(c, true, depth + 1, None);
            }
        }
    }

    /// Writes combinator `index` (boxed: with its id). `flags`: the flags
    /// words to use, the first low (`None`: random), masked to the declared
    /// bits.
    pub fn combinator(&mut self, index: CtorIndex, boxed: bool, depth: u32, flags: Option<u64>) {
        let c = schema::combinators().nth(index.get()).map(|(_, c)| c);
        let Some(c) = c else { return };
        if boxed {
            self.u32(c.id);
        }
        let ops = c.ops();
        let declared = schema::DECLARED_FLAGS[index.get()];
        let mut words = flags.unwrap_or_else(|| self.rng.next()) & declared;
        for op in ops {
            if let Some(place) = op.flag_place() {
                if is_object(op.kind()) && (depth >= SOFT_DEPTH || !self.fits(op.kind(), op.arg()))
                {
                    words &= !(1 << place);
                }
            }
        }
        for op in ops {
            if let Some(place) = op.flag_place() {
                if words >> place & 1 == 0 {
                    continue;
                }
            }
            if op.kind() == Kind::Flags && op.repeat() == Repeat::One {
                self.u32((words >> (32 * u32::from(op.flags_word()))) as u32);
                continue;
            }
            if op.kind() == Kind::SizedObject {
                // The `int` before it says its size: patch it once written.
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
                        self.u32(0x1cb5c415);
                    }
                    let n = if is_object(op.kind())
                        && (depth >= SOFT_DEPTH || !self.fits(op.kind(), op.arg()))
                    {
                        0
                    } else {
                        self.rng.below(4)
                    };
                    self.u32(n as u32);
                    for _ in 0..n {
                        self.one(op.kind(), op.arg(), depth);
                    }
                }
            }
        }
    }

    /// A boxed object of combinator `index`.
    pub fn build(&mut self, index: CtorIndex, flags: Option<u64>) -> Vec<u8> {
        self.out.clear();
        self.combinator(index, true, 0, flags);
        core::mem::take(&mut self.out)
    }
}
