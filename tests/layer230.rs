//! Layer 230 (the `layer230` feature): its table and the walker over it.
//!
//! A schema-driven builder over layer 230's own table writes random objects
//! of every one of its 2 617 combinators, with every flags bit of both
//! words alone and random words; each must walk to exactly its length, and
//! every truncation of it must fail. Hand-built objects check the second
//! flags word (`flags2`) field by field, and the errors the walker gives in
//! this layer.
#![cfg(feature = "layer230")]

use tlview::layer230::{self, id, ty, COMBINATORS, CONSTRUCTORS, IDS};
use tlview::schema::{CtorIndex, Kind, Op, Repeat, TypeIndex};
use tlview::walk::Expect;
use tlview::{ErrorKind, Limits};

/// From this depth on, the builder leaves out optional objects and vector
/// elements that are objects, and picks the shallowest constructors.
const SOFT_DEPTH: u32 = 3;

/// xorshift64*: small, deterministic, good enough for test data.
struct Rng(u64);

impl Rng {
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
}

fn is_object(k: Kind) -> bool {
    matches!(
        k,
        Kind::Boxed | Kind::Bare | Kind::AnyBoxed | Kind::SizedObject
    )
}

fn ops(i: usize) -> &'static [Op] {
    layer230::ops(layer230::constructor(CtorIndex(i as u16)).unwrap())
}

/// For each combinator, the fewest levels of objects a complete one needs;
/// `u32::MAX` if it cannot be built.
fn heights() -> Vec<u32> {
    let mut h = vec![u32::MAX; COMBINATORS];
    loop {
        let mut changed = false;
        for i in 0..COMBINATORS {
            let mut need = 0u32;
            for op in ops(i) {
                if op.condition().is_some() || op.repeat() != Repeat::One {
                    continue;
                }
                let n = match op.kind() {
                    Kind::Boxed => layer230::type_members(op.ty())
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

struct Builder {
    rng: Rng,
    heights: Vec<u32>,
    out: Vec<u8>,
}

impl Builder {
    fn u32(&mut self, v: u32) {
        self.out.extend(v.to_le_bytes());
    }

    /// A constructor of `t`: any at shallow depths, the shallowest below.
    fn pick(&mut self, t: TypeIndex, depth: u32) -> usize {
        let members = layer230::type_members(t);
        let buildable: Vec<usize> = members
            .iter()
            .map(|m| m.get())
            .filter(|&m| self.heights[m] != u32::MAX)
            .collect();
        if depth < SOFT_DEPTH {
            buildable[self.rng.below(buildable.len())]
        } else {
            *buildable.iter().min_by_key(|&&m| self.heights[m]).unwrap()
        }
    }

    /// Whether an object of `kind`/`arg` can be built at all.
    fn fits(&self, kind: Kind, arg: u16) -> bool {
        match kind {
            Kind::Boxed => layer230::type_members(TypeIndex(arg))
                .iter()
                .any(|m| self.heights[m.get()] != u32::MAX),
            Kind::Bare => self.heights[usize::from(arg)] != u32::MAX,
            _ => true,
        }
    }

    fn string(&mut self) {
        // Lengths on both sides of the 254-byte header switch.
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
            Kind::String | Kind::Bytes => self.string(),
            Kind::Bool => {
                let v = [id::BOOL_TRUE, id::BOOL_FALSE][self.rng.below(2)];
                self.u32(v)
            }
            Kind::True => {}
            Kind::Boxed => {
                let c = self.pick(TypeIndex(arg), depth);
                self.combinator(c, true, depth + 1, None);
            }
            Kind::Bare => self.combinator(usize::from(arg), false, depth + 1, None),
            Kind::AnyBoxed | Kind::SizedObject => {
                let t = CONSTRUCTORS[self.rng.below(CONSTRUCTORS.len())].ty;
                let c = self.pick(t, SOFT_DEPTH.max(depth));
                self.combinator(c, true, depth + 1, None);
            }
        }
    }

    /// Combinator `i` (boxed: with its id), its flags words `flags` (the
    /// first low; `None`: random) kept to the bits its fields test.
    fn combinator(&mut self, i: usize, boxed: bool, depth: u32, flags: Option<u64>) {
        let c = layer230::constructor(CtorIndex(i as u16)).unwrap();
        if boxed {
            self.u32(c.id);
        }
        let ops = layer230::ops(c);
        let declared = ops
            .iter()
            .filter_map(|op| op.flag_place())
            .fold(0u64, |m, p| m | 1 << p);
        let mut words = flags.unwrap_or_else(|| self.rng.next()) & declared;
        for op in ops {
            if let Some(place) = op.flag_place() {
                if is_object(op.kind()) && (depth >= SOFT_DEPTH || !self.fits(op.kind(), op.arg()))
                {
                    words &= !(1 << place);
                }
            }
        }
        // A bit shared by an object left out and another field: clear the
        // other field's too (the bit stands for all of them).
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

    fn build(&mut self, i: usize, flags: Option<u64>) -> Vec<u8> {
        self.out.clear();
        self.combinator(i, true, 0, flags);
        std::mem::take(&mut self.out)
    }
}

fn expect_of(i: usize) -> Expect {
    let c = layer230::constructor(CtorIndex(i as u16)).unwrap();
    if c.is_function() {
        Expect::Any
    } else {
        Expect::Type(c.ty)
    }
}

#[test]
fn the_id_index_finds_every_combinator_and_nothing_else() {
    assert_eq!(layer230::LAYER, 230);
    assert_eq!(COMBINATORS, 2_617);
    assert_eq!(IDS.len(), COMBINATORS);
    for (i, c) in layer230::combinators() {
        assert_eq!(IDS[i.get()], c.id);
        assert_eq!(layer230::index_of(c.id), Some(i));
    }
    let mut rng = Rng(0x2300_0001);
    let mut misses = 0;
    for _ in 0..100_000 {
        let v = rng.next() as u32;
        match layer230::index_of(v) {
            Some(i) => assert_eq!(IDS[i.get()], v),
            None => misses += 1,
        }
    }
    assert!(misses > 99_000);
    assert_eq!(layer230::index_of(0x1cb5_c415), None);
}

#[test]
fn every_combinator_walks_to_its_length_and_no_truncation_passes() {
    let heights = heights();
    let mut b = Builder {
        rng: Rng(0x2300_0230),
        heights: heights.clone(),
        out: Vec::new(),
    };
    let (mut objects, mut bytes, mut two_word_objects) = (0usize, 0usize, 0usize);
    for i in 0..COMBINATORS {
        if heights[i] == u32::MAX {
            continue;
        }
        let ops = ops(i);
        let declared = ops
            .iter()
            .filter_map(|op| op.flag_place())
            .fold(0u64, |m, p| m | 1 << p);
        let two_words = ops.iter().any(|op| op.flags_word() == 1);
        // Every bit alone, none, all, and random words.
        let mut choices = vec![Some(0), Some(u64::MAX), None, None];
        choices.extend(
            (0..64)
                .filter(|p| declared >> p & 1 != 0)
                .map(|p| Some(1 << p)),
        );
        for flags in choices {
            let obj = b.build(i, flags);
            let expect = expect_of(i);
            let name = format!("#{:08x} flags {flags:x?}", IDS[i]);
            assert_eq!(
                layer230::walk(&obj, expect, &Limits::DEFAULT),
                Ok(obj.len()),
                "{name}"
            );
            assert_eq!(layer230::walk_exact(&obj, expect, &Limits::DEFAULT), Ok(()));
            for cut in 0..obj.len() {
                match layer230::walk(&obj[..cut], expect, &Limits::DEFAULT) {
                    Err(e) => assert!(e.offset() <= cut, "{name} cut at {cut}: {e}"),
                    Ok(n) => panic!("{name} cut at {cut} walked {n} bytes"),
                }
            }
            objects += 1;
            bytes += obj.len();
            two_word_objects += usize::from(two_words);
        }
    }
    println!(
        "layer 230: {objects} objects ({two_word_objects} with two flags words), \
         {bytes} bytes, every truncation refused"
    );
    // Every combinator of the layer can be built.
    assert!(heights.iter().all(|&h| h != u32::MAX));
    assert!(objects > 2_617 * 4, "{objects} objects");
    assert!(two_word_objects > 6 * 40, "{two_word_objects}");
    assert!(bytes > 500_000, "{bytes} bytes");
}

/// `user#b1b8cc83`, with the fields its two words ask for: `access_hash`
/// (flags.0, long), `first_name` (flags.1, string), `bot_can_edit`
/// (flags2.1, true) and `bot_active_users` (flags2.12, int).
fn user(flags: u32, flags2: u32) -> Vec<u8> {
    let mut v = Vec::new();
    v.extend(id::USER.to_le_bytes());
    v.extend(flags.to_le_bytes());
    v.extend(flags2.to_le_bytes());
    v.extend(777_000i64.to_le_bytes()); // id:long
    if flags & 1 != 0 {
        v.extend((-5i64).to_le_bytes());
    }
    if flags & 2 != 0 {
        v.extend([3, b'B', b'o', b'b']);
    }
    if flags2 & (1 << 12) != 0 {
        v.extend(12_345i32.to_le_bytes());
    }
    v
}

#[test]
fn the_second_flags_word_guards_its_own_fields() {
    let walk = |b: &[u8]| layer230::walk(b, Expect::Type(ty::USER), &Limits::DEFAULT);
    for (flags, flags2, len) in [
        (0, 0, 20),
        (1, 0, 28),
        (3, 0, 32),
        (0, 1 << 1, 20),
        (0, 1 << 12, 24),
        (3, 1 << 12 | 1 << 1, 36),
    ] {
        let b = user(flags, flags2);
        assert_eq!(b.len(), len);
        assert_eq!(walk(&b), Ok(len), "flags {flags:#x} flags2 {flags2:#x}");
    }
    // Bit 31 of the second word is no field's: refused at that word.
    let e = walk(&user(0, 1 << 31)).unwrap_err();
    assert_eq!(
        (e.kind(), e.offset()),
        (
            ErrorKind::UndeclaredFlags {
                flags: 1 << 31,
                undeclared: 1 << 31
            },
            8
        )
    );
    // Bit 12 of the first word is `mutual_contact` (a true flag), of the
    // second `bot_active_users` (an int): set in the first, no int is read.
    assert_eq!(walk(&user(1 << 12, 0)), Ok(20));
}

#[test]
fn a_wrong_type_names_the_layer() {
    // A user where an Updates is expected.
    let b = user(0, 0);
    let e = layer230::walk(&b, Expect::Type(ty::UPDATES), &Limits::DEFAULT).unwrap_err();
    assert_eq!(
        e.kind(),
        ErrorKind::WrongTypeInLayer {
            layer: 230,
            expected_type: ty::UPDATES,
            found: id::USER,
        }
    );
    assert_eq!(e.offset(), 0);
    let text = e.kind().to_string();
    assert!(
        text.starts_with(&format!(
            "expected an object of layer 230's type #{}, found constructor #{:08x}",
            ty::UPDATES.0,
            id::USER
        )),
        "{text}"
    );
}

/// Rewrites `fuzz/corpus/walk230/seed-*`, the seeds of the `walk230` fuzz
/// target: a random object of every seventh combinator, behind the two
/// bytes that choose what is expected (run with TLVIEW_WRITE_CORPUS=1).
#[test]
#[ignore = "writes files; run with TLVIEW_WRITE_CORPUS=1 to regenerate the seeds"]
fn write_walk230_seeds() {
    if std::env::var_os("TLVIEW_WRITE_CORPUS").is_none() {
        eprintln!("TLVIEW_WRITE_CORPUS is not set: nothing written");
        return;
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/walk230");
    std::fs::create_dir_all(&dir).unwrap();
    for old in std::fs::read_dir(&dir).unwrap() {
        let old = old.unwrap().path();
        if old
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("seed-")
        {
            std::fs::remove_file(old).unwrap();
        }
    }
    let mut b = Builder {
        rng: Rng(0x2300_5eed),
        heights: heights(),
        out: Vec::new(),
    };
    let mut written = 0;
    for i in (0..COMBINATORS).step_by(7) {
        let obj = b.build(i, None);
        let c = layer230::constructor(CtorIndex(i as u16)).unwrap();
        let sel: u16 = if c.is_function() { 0x8000 } else { c.ty.0 };
        let mut data = sel.to_le_bytes().to_vec();
        data.extend(&obj);
        std::fs::write(dir.join(format!("seed-{:08x}", c.id)), data).unwrap();
        written += 1;
    }
    let mut data = ty::USER.0.to_le_bytes().to_vec();
    data.extend(user(3, 1 << 12 | 1 << 1));
    std::fs::write(dir.join("seed-user-two-words"), data).unwrap();
    eprintln!("wrote {} seeds", written + 1);
}
