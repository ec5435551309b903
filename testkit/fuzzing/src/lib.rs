//! The fuzz harness of tlview: one function per fuzz target, each taking the
//! raw bytes libFuzzer (or a corpus replay test) gives it and panicking only
//! when an invariant of the library breaks. An unpublished crate of its own
//! (it used to be the library's hidden `fuzzing` module, compiled into every
//! build): tlview never depends on it.
//!
//! The targets (`fuzz/fuzz_targets/*.rs` call these; `tests/corpus.rs`
//! replays the committed corpora through them, and `tests/hostile.rs` and
//! `tests/fast_paths.rs` run their inputs through them):
//!
//! - [`decode_updates`]: the typed `Updates` view against the walker and the
//!   dynamic view;
//! - [`walk_any`]: the walker, then the dynamic view and TL JSON, on any type;
//!   and the generated validators against the table walker alone;
//! - [`roundtrip`]: values built from the input, encoded, decoded, compared;
//! - [`json`]: decode anything, print TL JSON;
//! - [`typed`]: any type through its generated typed view (skip, printers);
//! - `gzip` (feature `gzip`): bounded unpacking.
//!
//! It checks the library through its public API, and three hidden items that
//! exist for the tests and this harness and are not API:
//! `tlview::walk::walk_table_only` (the table walker without the generated
//! validators), `tlview::schema::reread` (a type's generated skip, by type
//! index) and `tlview::view::TypedDebug` (`Debug` through the typed printer
//! of an object whose type is known only at run time).
//!
//! Its features `names`, `functions` and `gzip` turn on the tlview feature of
//! the same name and the checks that need it; tlview's features turn them on
//! in its own tests, and the fuzz crate turns on all three.
//!
//! Nothing here allocates (the crate is `no_std`); deep structures are
//! visited with explicit stacks.
//!
//! The `panic!`s and assertions below are the harness's point, not input
//! handling: each fires only when the library contradicts itself (the
//! walker accepts what a view refuses, a validated object fails to re-read),
//! which no input can make a correct library do, and libFuzzer reports the
//! panic as the crash to investigate.
#![no_std]
#![allow(
    missing_docs,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::type_complexity
)]

use core::fmt::{self, Write};

use heapless::Vec as HVec;

use tlview::api::contacts::PeerRef;
use tlview::api::message::{MessageEntity, MessageFwdHeader, MessageMedia, MessageReplyHeader};
use tlview::api::peer::{Chat, Peer, User};
use tlview::api::{AcceptContact, AcceptContactReply, InputPeer, InputUser, Updates};
use tlview::error::{ErrorKind, Result};
use tlview::limits::Limits;
use tlview::object::{Object, Value};
use tlview::reader::Reader;
use tlview::schema::{self, id, ty, Constructor, Repeat};
use tlview::sink::{SizeCounter, SliceSink};
use tlview::walk::{walk, walk_exact, Expect};
use tlview::writer::Writer;

/// The widest limits the library allows (for re-reading validated bytes).
const MAX: Limits = Limits {
    max_depth: Limits::MAX_DEPTH,
    max_unpacked: Limits::DEFAULT.max_unpacked,
};

const fn depth(d: u32) -> Limits {
    Limits {
        max_depth: d,
        max_unpacked: Limits::DEFAULT.max_unpacked,
    }
}

// ------------------------------------------------------------------ sinks

/// A `fmt::Write` that keeps nothing: the length and two 64-bit hashes of
/// what was written, so two printings can be compared without a buffer.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Digest {
    /// Bytes written.
    pub len: usize,
    h1: u64,
    h2: u64,
    pend: u64,
}

impl Digest {
    /// Nothing written yet.
    pub const fn new() -> Digest {
        Digest {
            len: 0,
            h1: 0xcbf2_9ce4_8422_2325,
            h2: 0x9e37_79b9_7f4a_7c15,
            pend: 0,
        }
    }
}

impl Default for Digest {
    fn default() -> Digest {
        Digest::new()
    }
}

impl Digest {
    fn mix(&mut self, w: u64) {
        self.h1 = (self.h1 ^ w).wrapping_mul(0x0000_0100_0000_01b3);
        self.h2 = (self.h2.rotate_left(5) ^ w).wrapping_mul(0x5851_f42d_4c95_7f2d);
    }
}

impl Write for Digest {
    /// Hashes the text eight bytes at a time, however it is split into
    /// writes (the bytes of an unfinished word wait in `pend`).
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let mut bytes = s.as_bytes();
        while self.len & 7 != 0 {
            let Some((&b, rest)) = bytes.split_first() else {
                return Ok(());
            };
            self.pend = self.pend << 8 | u64::from(b);
            self.len += 1;
            bytes = rest;
            if self.len & 7 == 0 {
                let w = self.pend;
                self.mix(w);
                self.pend = 0;
            }
        }
        let mut chunks = bytes.chunks_exact(8);
        for c in chunks.by_ref() {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.mix(u64::from_be_bytes(w));
        }
        self.len += bytes.len() - chunks.remainder().len();
        for &b in chunks.remainder() {
            self.pend = self.pend << 8 | u64::from(b);
            self.len += 1;
        }
        Ok(())
    }
}

#[cfg(feature = "names")]
/// The digest of `v`'s `Display` (compact, or `{:#}` when `pretty`); the
/// printing must not fail.
fn digest_of(v: &dyn fmt::Display, pretty: bool) -> Digest {
    let mut d = Digest::new();
    let r = if pretty {
        write!(d, "{v:#}")
    } else {
        write!(d, "{v}")
    };
    assert!(r.is_ok(), "printing failed");
    d
}

// ------------------------------------------------------- the dynamic view

/// What visiting a validated object found: how much there was, how deep it
/// went, and whether TL JSON can carry it back to the same bytes.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct Stats {
    /// Objects visited (the root included).
    pub objects: usize,
    /// Fields visited.
    pub fields: usize,
    /// Vector elements visited.
    pub elements: usize,
    /// The deepest object's nesting level (the root is 1).
    pub max_level: u32,
    /// Whether TL JSON is lossless for it: false when a string is not valid
    /// UTF-8 (printed with U+FFFD) or a NaN is not the canonical one.
    pub lossless: bool,
    /// Bytes of compact TL JSON (0 without the `names` feature).
    pub json_bytes: usize,
}

/// One level of [`visit`]'s stack.
enum Level<'a> {
    Obj {
        fields: tlview::object::Fields<'a>,
        ctor: &'static Constructor,
        seen: usize,
        flags: u64,
        level: u32,
    },
    Vec {
        values: tlview::object::Values<'a>,
        left: usize,
        level: u32,
    },
}

const LEVELS: usize = 2 * Limits::MAX_DEPTH as usize + 4;

/// How `o` is re-read on its own: boxed objects as any boxed object, bare
/// ones as their constructor (in its layer).
fn expect_of(o: &Object<'_>) -> Expect {
    if o.is_boxed() {
        Expect::Any
    } else {
        match o.layer().index_of(o.id()) {
            Some(i) => Expect::Bare(i),
            None => panic!("a validated object has an unknown constructor"),
        }
    }
}

/// How many of a constructor's fields (of `layer`) are present under `flags`.
fn present_fields(layer: tlview::Layer, ctor: &Constructor, flags: u64) -> usize {
    layer
        .ops(ctor)
        .iter()
        .filter(|op| match op.flag_place() {
            Some(place) => flags >> place & 1 != 0,
            None => true,
        })
        .count()
}

/// Reads every field of `root` and of everything nested in it, with an
/// explicit stack; checks that each object re-reads on its own to the same
/// bytes, that every present field is there and every vector yields its
/// count.
/// Also prints its TL JSON, compact and indented (with the `names` feature):
/// printing must not fail.
pub fn visit(root: Object<'_>) -> Stats {
    #[allow(unused_mut)]
    let mut st = read_all(root);
    #[cfg(feature = "names")]
    {
        let compact = digest_of(&tlview::json::Json(root), false);
        let pretty = digest_of(&tlview::json::Json(root), true);
        assert!(pretty.len >= compact.len);
        st.json_bytes = compact.len;
    }
    st
}

/// [`visit`] without printing.
fn read_all(root: Object<'_>) -> Stats {
    let layer = root.layer();
    let mut st = Stats {
        objects: 1,
        max_level: 1,
        lossless: true,
        ..Stats::default()
    };
    let mut stack: HVec<Level<'_>, LEVELS> = HVec::new();
    let pushed = stack.push(Level::Obj {
        fields: root.fields(),
        ctor: root.constructor(),
        seen: 0,
        flags: 0,
        level: 1,
    });
    assert!(pushed.is_ok());
    while let Some(top) = stack.last_mut() {
        let (value, level) = match top {
            Level::Obj {
                fields,
                ctor,
                seen,
                flags,
                level,
            } => match fields.next() {
                Some(f) => {
                    *seen += 1;
                    st.fields += 1;
                    if let Value::Flags(x) = f.value {
                        *flags = schema::with_flags_word(*flags, f.op().flags_word(), x);
                    }
                    (f.value, *level)
                }
                None => {
                    let want = present_fields(layer, ctor, *flags);
                    let cid = ctor.id;
                    assert_eq!(*seen, want, "fields of {cid:#010x} ended early");
                    stack.pop();
                    continue;
                }
            },
            Level::Vec {
                values,
                left,
                level,
            } => match values.next() {
                Some(v) => {
                    assert!(*left > 0, "a vector yielded more than its count");
                    *left -= 1;
                    st.elements += 1;
                    (v, *level)
                }
                None => {
                    assert_eq!(*left, 0, "a vector ended before its count");
                    stack.pop();
                    continue;
                }
            },
        };
        match value {
            Value::Object(o) => {
                st.objects += 1;
                let level = level.saturating_add(1);
                st.max_level = st.max_level.max(level);
                // The nested object re-reads on its own to the same bytes.
                assert_eq!(o.layer(), layer, "a nested object of another layer");
                let again = Object::decode_in(layer, o.boxed_bytes(), expect_of(&o), &MAX);
                match again {
                    Ok(a) => assert_eq!(a.id(), o.id()),
                    Err(e) => panic!("a nested object does not re-read: {e:?}"),
                }
                let pushed = stack.push(Level::Obj {
                    fields: o.fields(),
                    ctor: o.constructor(),
                    seen: 0,
                    flags: 0,
                    level,
                });
                assert!(pushed.is_ok(), "visit stack overflow");
            }
            Value::Vector(values) => {
                let left = values.len();
                assert!(
                    values.op().repeat() != Repeat::One || left == 0,
                    "a vector of a single op"
                );
                let pushed = stack.push(Level::Vec {
                    values,
                    left,
                    level,
                });
                assert!(pushed.is_ok(), "visit stack overflow");
            }
            Value::String(s) => {
                if s.to_str().is_err() {
                    st.lossless = false;
                }
            }
            Value::Double(d) => {
                if d.is_nan() && d.to_bits() != f64::NAN.to_bits() {
                    st.lossless = false;
                }
            }
            Value::Int(_)
            | Value::Long(_)
            | Value::Int128(_)
            | Value::Int256(_)
            | Value::Bytes(_)
            | Value::Bool(_)
            | Value::True
            | Value::Flags(_) => {}
        }
    }
    st
}

/// Validates the object of `expect` at the start of `input` under `limits`,
/// and checks everything the walker and the dynamic view must agree on.
/// Returns the object's length and what visiting it found, or the walker's
/// error.
pub fn check_extent(input: &[u8], expect: Expect, limits: &Limits) -> Result<(usize, Stats)> {
    let walked = walk(input, expect, limits);
    let mut r = Reader::new(input);
    let prefix = Object::read(&mut r, expect, limits).map(|o| (o, r.rest()));
    let n = match (walked, prefix) {
        (Ok(n), Ok((o, rest))) => {
            assert_eq!(
                n,
                input.len() - rest.len(),
                "walker and Object::read disagree"
            );
            assert_eq!(o.boxed_bytes().len(), n);
            n
        }
        (Err(a), Err(b)) => {
            assert_eq!(a, b, "walker and Object::read fail differently");
            // Trailing bytes cannot rescue it.
            assert!(walk_exact(input, expect, limits).is_err());
            return Err(a);
        }
        (a, b) => panic!("walker {a:?} but Object::read {:?}", b.map(|(o, _)| o.id())),
    };
    let body = &input[..n];
    assert_eq!(walk_exact(body, expect, limits), Ok(()));
    match walk_exact(input, expect, limits) {
        Ok(()) => assert_eq!(n, input.len()),
        Err(e) => {
            assert!(n < input.len());
            assert_eq!(e.offset(), n);
            assert_eq!(
                e.kind(),
                ErrorKind::TrailingBytes {
                    count: u32::try_from(input.len() - n).unwrap_or(u32::MAX)
                }
            );
        }
    }
    // A cut object never validates.
    if n > 0 {
        assert!(
            walk(&input[..n - 1], expect, limits).is_err(),
            "a cut object walked"
        );
    }
    let obj = match Object::decode_with(body, expect, limits) {
        Ok(o) => o,
        Err(e) => panic!("walked but does not decode: {e:?}"),
    };
    let st = visit(obj);
    // The walker's depth accounting is the dynamic view's nesting: the limit
    // it needs is exactly the deepest level, and one less fails with
    // DepthLimit (and nothing else).
    assert!(st.max_level <= limits.max_depth.min(Limits::MAX_DEPTH));
    assert!(walk(body, expect, &depth(st.max_level)).is_ok());
    if st.max_level > 1 {
        match walk(body, expect, &depth(st.max_level - 1)) {
            Err(e) => assert_eq!(
                e.kind(),
                ErrorKind::DepthLimit {
                    limit: st.max_level - 1
                }
            ),
            Ok(_) => panic!("walked under a depth limit below its nesting"),
        }
    }
    Ok((n, st))
}

// ---------------------------------------------------------------- walk_any

/// Target `walk_any`: the first two bytes choose what is expected (bit 15:
/// any boxed object; else bit 14: a bare constructor, by index; else a type,
/// by index), the rest is walked; whatever walks must decode, visit and print.
/// A message container is also decoded by [`tlview::mtproto::MsgContainer`].
pub fn walk_any(data: &[u8]) {
    let Some((sel, rest)) = data.split_first_chunk::<2>() else {
        return;
    };
    let expect = selected(*sel, schema::CONSTRUCTORS.len(), schema::TYPES.len());
    let walked = check_extent(rest, expect, &Limits::DEFAULT);
    // The generated straight-line validators (every one, under `fast-all`)
    // and the table interpreter alone judge alike, errors included.
    let table = tlview::walk::walk_table_only(rest, expect, &Limits::DEFAULT);
    let fast = tlview::walk::walk(rest, expect, &Limits::DEFAULT);
    assert_eq!(fast, table, "validators and table walker disagree");
    if expect == Expect::Any && Reader::new(rest).peek_id() == Ok(id::MSG_CONTAINER) {
        container(rest, walked.map(|(n, _)| n));
    }
}

/// What the first two bytes of a `walk_any` or `walk230` input choose, in
/// a layer of `constructors` type constructors and `types` types: bit 15
/// any boxed object, bit 14 a bare constructor by index, else a type by
/// index (the indices modulo the counts).
fn selected(sel: [u8; 2], constructors: usize, types: usize) -> Expect {
    let sel = u16::from_le_bytes(sel);
    let low = usize::from(sel & 0x3fff);
    if sel & 0x8000 != 0 {
        Expect::Any
    } else if sel & 0x4000 != 0 {
        Expect::Bare(schema::CtorIndex(
            u16::try_from(low % constructors).unwrap_or(0),
        ))
    } else {
        Expect::Type(schema::TypeIndex(u16::try_from(low % types).unwrap_or(0)))
    }
}

// ---------------------------------------------------------------- walk230

#[cfg(feature = "layer230")]
use tlview::layer230;

/// Target `walk230`: the walker over layer 230's table (the `layer230`
/// feature). The first two bytes choose what is expected, as for `walk_any`
/// but in layer 230's indices; the rest is walked. Whatever it accepts must
/// walk again to the same end, be exactly one object when cut there, and
/// fail when cut one byte short; an error's offset lies within the input.
/// What it accepts must also read as an `Object` in layer 230, whose every
/// field and vector element reads, and (with `names`) print as TL JSON.
/// The layer's straight-line validators (every one, under `fast-all`) and
/// its table walker alone judge every input alike, errors included.
#[cfg(feature = "layer230")]
pub fn walk230(data: &[u8]) {
    let Some((sel, rest)) = data.split_first_chunk::<2>() else {
        return;
    };
    let expect = selected(*sel, layer230::CONSTRUCTORS.len(), layer230::TYPES.len());
    let walked = layer230::walk(rest, expect, &Limits::DEFAULT);
    assert_eq!(
        walked,
        layer230::walk_table_only(rest, expect, &Limits::DEFAULT),
        "validators and table walker disagree"
    );
    match walked {
        Ok(n) => {
            assert!(n <= rest.len(), "walked past the end");
            let object = &rest[..n];
            assert_eq!(layer230::walk(object, expect, &Limits::DEFAULT), Ok(n));
            assert_eq!(
                layer230::walk_exact(object, expect, &Limits::DEFAULT),
                Ok(())
            );
            if n > 0 {
                assert!(
                    layer230::walk(&rest[..n - 1], expect, &Limits::DEFAULT).is_err(),
                    "one byte short still walks"
                );
            }
            object230(object, expect);
        }
        Err(e) => assert!(e.offset() <= rest.len(), "error past the end: {e:?}"),
    }
}

/// The walked layer-230 `object` of `expect` through the dynamic view: it
/// reads, in layer 230, every field and element of it reads (one level: the
/// nested objects are read by their own fields when printed), and with
/// `names` it prints as TL JSON.
#[cfg(feature = "layer230")]
fn object230(object: &[u8], expect: Expect) {
    use tlview::Layer;
    let decoded = Object::decode_in(Layer::L230, object, expect, &Limits::DEFAULT);
    let Ok(o) = decoded else {
        panic!("walked but does not read as an Object: {decoded:?}");
    };
    assert_eq!(o.layer(), Layer::L230);
    let declared = layer230::ops(o.constructor()).len();
    let mut fields = 0;
    for f in o.fields() {
        fields += 1;
        if let Value::Vector(v) = f.value {
            let want = v.len();
            assert_eq!(v.count(), want, "a vector's elements do not all read");
        }
    }
    assert!(fields <= declared, "more fields than the combinator has");
    #[cfg(feature = "names")]
    {
        let mut d = Digest::new();
        assert!(
            tlview::json::write_object(&mut d, o, false).is_ok(),
            "printing failed"
        );
        assert!(d.len > 0);
    }
}

// ------------------------------------------------------------------ typed

/// Target `typed`: the first two bytes choose a type (by index), the rest
/// is decoded as one of it. Whatever the walker accepts, the type's
/// generated skip must find the same end without validating, the typed
/// printer (each object's fields read by its generated view) must print the
/// dynamic view's TL JSON byte for byte, and `Debug` must print.
pub fn typed(data: &[u8]) {
    let Some((sel, rest)) = data.split_first_chunk::<2>() else {
        return;
    };
    let ty = schema::TypeIndex(u16::from_le_bytes(*sel) % schema::TYPES.len() as u16);
    let Ok((obj, _)) = Object::decode_prefix(rest, Expect::Type(ty)) else {
        return;
    };
    let len = obj.boxed_bytes().len();
    assert_eq!(
        schema::reread(ty, rest),
        Some(len),
        "the generated skip of type {ty} disagrees with the walker"
    );
    #[cfg(feature = "names")]
    {
        let mut a = Digest::default();
        let mut b = Digest::default();
        write!(a, "{}", tlview::json::Json(obj)).unwrap();
        write!(b, "{}", tlview::view::TypedJson(obj)).unwrap();
        assert_eq!(a, b, "typed and dynamic TL JSON differ for type {ty}");
    }
    // `Debug` of the object through the typed printer.
    let mut d = Digest::default();
    write!(d, "{:?}", tlview::view::TypedDebug(obj)).unwrap();
    assert!(d.len > 0);
    // Its generated form, filled from its typed view, writes its bytes
    // again, and announced their size.
    // (Objects of up to 8 KiB: the harness has no heap.)
    let mut buf = [0u8; 8192];
    if let Some(again) = buf.get_mut(..len) {
        let mut w = Writer::new(SliceSink::new(again));
        let n = schema::reencode(obj, &mut w).map(|r| r.expect("the form's bytes fit"));
        assert_eq!(n, Some(len), "the form of type {ty} announced another size");
        assert_eq!(
            &*again,
            obj.boxed_bytes(),
            "the form of type {ty} wrote other bytes"
        );
    }
}

/// `MsgContainer::decode` against the walker on the same bytes.
fn container(input: &[u8], walked: Result<usize>) {
    let typed = tlview::mtproto::MsgContainer::decode(input);
    let exact = matches!(walked, Ok(n) if n == input.len());
    match typed {
        Ok(c) => {
            assert!(
                exact,
                "MsgContainer accepted what the walker refused: {walked:?}"
            );
            let mut n = 0;
            for m in c.messages() {
                n += 1;
                let _ = (m.msg_id, m.seqno);
                visit(m.body);
            }
            assert_eq!(n, c.len(), "container messages ended early");
        }
        Err(e) => assert!(
            !exact,
            "the walker accepted a container MsgContainer refused: {e:?}"
        ),
    }
}

// -------------------------------------------------------------------- json

/// The core of `tl dump`: decodes any boxed object of the layer that fills
/// `data`, visits it, and prints its TL JSON into `w` (with the `names`
/// feature). `None` when it does not decode.
pub fn json_to<W: Write>(data: &[u8], w: &mut W) -> Option<Stats> {
    let (n, st) = check_extent(data, Expect::Any, &Limits::DEFAULT).ok()?;
    if n != data.len() {
        // Trailing bytes: `tl dump` refuses them (check_extent has checked
        // the error).
        return None;
    }
    let obj = Object::decode(data, Expect::Any).ok();
    assert!(obj.is_some(), "walked but does not decode");
    #[cfg(feature = "names")]
    if let Some(o) = obj {
        assert!(
            tlview::json::write_object(w, o, false).is_ok(),
            "printing failed"
        );
    }
    #[cfg(not(feature = "names"))]
    let _ = w;
    Some(st)
}

/// Just the dump: decodes `data` as any boxed object and prints its TL JSON
/// into `w` (with the `names` feature); false when it does not decode. (The
/// `json` target's second pass, without [`json_to`]'s checks.)
pub fn dump_to<W: Write>(data: &[u8], w: &mut W) -> bool {
    let Ok(o) = Object::decode(data, Expect::Any) else {
        return false;
    };
    #[cfg(feature = "names")]
    assert!(
        tlview::json::write_object(w, o, false).is_ok(),
        "printing failed"
    );
    #[cfg(not(feature = "names"))]
    let _ = (w, o);
    true
}

/// Target `json` (its library part): [`json_to`] into a sink that keeps
/// nothing.
pub fn json(data: &[u8]) {
    let mut d = Digest::new();
    if let Some(st) = json_to(data, &mut d) {
        #[cfg(feature = "names")]
        assert_eq!(d.len, st.json_bytes);
        let _ = st;
    }
}

// ----------------------------------------------------------------- json230

/// Target `json230` (its library part, beside the tool's checks in
/// `fuzz/fuzz_targets/json230.rs`): `data` as any boxed object of layer
/// 230, as `tl dump --layer 230` reads it. What walks to its end reads as
/// an `Object` in layer 230, and [`visit`] reads all of it and prints its
/// TL JSON into `w` (with `names`); the statistics say whether TL JSON can
/// carry it back to the same bytes.
#[cfg(feature = "layer230")]
pub fn json230_to<W: Write>(data: &[u8], w: &mut W) -> Option<Stats> {
    let layer = tlview::Layer::L230;
    match layer.walk(data, Expect::Any, &Limits::DEFAULT) {
        Ok(n) if n == data.len() => {}
        Ok(_) => return None,
        Err(e) => {
            assert!(e.offset() <= data.len(), "error past the end: {e:?}");
            return None;
        }
    }
    let decoded = Object::decode_in(layer, data, Expect::Any, &Limits::DEFAULT);
    let Ok(o) = decoded else {
        panic!("walked but does not read as an Object: {decoded:?}");
    };
    let st = visit(o);
    #[cfg(feature = "names")]
    assert!(
        tlview::json::write_object(w, o, false).is_ok(),
        "printing failed"
    );
    // Layer 230's typed views read it as the table does: their printer
    // (each object's fields by its generated view) prints the same TL
    // JSON, and the generated skip of a type finds the walker's end.
    #[cfg(feature = "names")]
    {
        let mut a = Digest::default();
        let mut b = Digest::default();
        write!(a, "{}", tlview::json::Json(o)).unwrap();
        write!(b, "{}", tlview::view::TypedJson(o)).unwrap();
        assert_eq!(a, b, "layer 230: typed and dynamic TL JSON differ");
    }
    let mut d = Digest::default();
    write!(d, "{:?}", tlview::view::TypedDebug(o)).unwrap();
    assert!(d.len > 0);
    if let Some(c) = layer.constructor_by_id(o.id()).filter(|c| !c.is_function()) {
        assert_eq!(
            tlview::layer230::reread(c.ty, data),
            Some(data.len()),
            "layer 230: the generated skip of {:#010x} disagrees with the walker",
            o.id()
        );
    }
    #[cfg(not(feature = "names"))]
    let _ = w;
    Some(st)
}

/// Target `json230`, the library part: [`json230_to`] into a sink that
/// keeps nothing.
#[cfg(feature = "layer230")]
pub fn json230(data: &[u8]) {
    let mut d = Digest::new();
    if let Some(st) = json230_to(data, &mut d) {
        #[cfg(feature = "names")]
        assert_eq!(d.len, st.json_bytes);
        let _ = st;
    }
}

// ---------------------------------------------------------- decode_updates

/// Target `decode_updates`: `Updates::decode`; whatever decodes is read
/// through every accessor and vector, walks to the same length, and prints
/// the same TL JSON as the dynamic view; what does not decode does not walk.
pub fn decode_updates(data: &[u8]) {
    let typed = Updates::decode(data);
    let walked = walk_exact(data, Expect::Type(ty::UPDATES), &Limits::DEFAULT);
    match (&typed, &walked) {
        (Ok(_), Ok(())) | (Err(_), Err(_)) => {}
        (Ok(_), Err(e)) => panic!("typed Updates decoded what the walker refused: {e:?}"),
        (Err(e), Ok(())) => panic!("the walker accepted Updates the typed view refused: {e:?}"),
    }
    // The same under small depth limits, where the two count depth separately.
    for d in [0, 1, 2, 3, 4] {
        let t = Updates::decode_with(data, &depth(d));
        let w = walk_exact(data, Expect::Type(ty::UPDATES), &depth(d));
        if d == 0 {
            // Nothing fits: the same error from both, before any byte.
            assert_eq!(t.err(), w.err(), "depth 0");
            continue;
        }
        // (Which error comes first may differ: the typed views reject an
        // impossible vector count with their larger minimum element sizes.)
        assert_eq!(t.is_ok(), w.is_ok(), "depth {d}: typed {t:?} walker {w:?}");
    }
    // decode_prefix takes what walk measures.
    if let Ok((_, rest)) = Updates::decode_prefix(data) {
        let n = walk(data, Expect::Type(ty::UPDATES), &Limits::DEFAULT);
        assert_eq!(n, Ok(data.len() - rest.len()));
    }
    // The reply path: a bare result, and one inside rpc_result; the
    // generated request's reply judges as the hand-written one does.
    let reply = AcceptContactReply::decode(data);
    let generated =
        <tlview::build::functions::contacts::AcceptContact<'_> as tlview::Request>::decode_reply(
            data,
        );
    assert_eq!(
        generated.is_ok(),
        reply.is_ok(),
        "the two acceptContact replies disagree"
    );
    if let (Ok(g), Ok(h)) = (&generated, &reply) {
        assert_eq!(g.result.is_err(), matches!(h, AcceptContactReply::Error(_)));
    }
    let first = Reader::new(data).peek_id().ok();
    if !matches!(first, Some(id::RPC_RESULT | id::RPC_ERROR)) {
        assert_eq!(reply.is_ok(), typed.is_ok(), "decode_reply disagrees");
    }
    let mut wrapped = [0u8; 4096 + 12];
    if data.len() <= 4096 {
        let (head, tail) = wrapped.split_at_mut(12);
        head[..4].copy_from_slice(&id::RPC_RESULT.to_le_bytes());
        head[4..].copy_from_slice(&0x1122_3344_5566_7788u64.to_le_bytes());
        tail[..data.len()].copy_from_slice(data);
        let r = AcceptContactReply::decode(&wrapped[..12 + data.len()]);
        if first != Some(id::RPC_ERROR) {
            assert_eq!(
                r.is_ok(),
                typed.is_ok(),
                "decode_reply in rpc_result disagrees"
            );
        }
    }
    let Ok(u) = typed else {
        return;
    };
    let obj = match Object::decode(data, Expect::Type(ty::UPDATES)) {
        Ok(o) => o,
        Err(e) => panic!("typed decoded but the dynamic view did not: {e:?}"),
    };
    assert_eq!(obj.id(), u.id());
    read_all(obj);
    touch_updates(&u);
    #[cfg(feature = "names")]
    {
        digest_of(&u, true);
        assert_eq!(u.name(), obj.name());
        let typed_json = digest_of(&u, false);
        let dynamic_json = digest_of(&tlview::json::Json(obj), false);
        assert_eq!(typed_json, dynamic_json, "typed and dynamic TL JSON differ");
    }
}

fn touch_peer(p: Peer) -> u32 {
    match p {
        Peer::PeerUser { user_id: x }
        | Peer::PeerChat { chat_id: x }
        | Peer::PeerChannel { channel_id: x } => p.id() ^ x as u32,
    }
}

fn touch_fwd(f: &MessageFwdHeader<'_>) {
    let fl = f.flags();
    assert_eq!(f.from_id().is_some(), fl.has(0));
    assert_eq!(f.from_name().is_some(), fl.has(5));
    assert_eq!(f.channel_post().is_some(), fl.has(2));
    assert_eq!(f.post_author().is_some(), fl.has(3));
    assert_eq!(f.saved_from_peer().is_some(), fl.has(4));
    assert_eq!(f.saved_from_msg_id().is_some(), fl.has(4));
    assert_eq!(f.psa_type().is_some(), fl.has(6));
    let _ = (f.from_id().map(touch_peer), f.date());
    let _ = f.saved_from_peer().map(touch_peer);
}

fn touch_reply(r: &MessageReplyHeader) {
    let _ = (r.reply_to_msg_id(), r.reply_to_top_id());
    let _ = r.reply_to_peer_id().map(touch_peer);
}

/// Follows an `InputUser`'s peer chain (iteratively); returns its depth.
fn touch_input_user(u: &InputUser<'_>) -> u32 {
    let mut levels = 1;
    let mut peer = match *u {
        InputUser::InputUserFromMessage { peer, .. } => peer,
        _ => return levels,
    };
    loop {
        levels += 1;
        assert!(levels <= Limits::MAX_DEPTH + 2, "an endless peer chain");
        match peer.get() {
            InputPeer::InputPeerUserFromMessage { peer: p, .. }
            | InputPeer::InputPeerChannelFromMessage { peer: p, .. } => peer = p,
            _ => return levels,
        }
    }
}

fn touch_entities(v: tlview::vector::Vector<'_, MessageEntity<'_>>) {
    let mut n = 0;
    for e in v {
        n += 1;
        let _ = (e.id(), e.name(), e.offset(), e.length());
        match e {
            MessageEntity::MessageEntityPre { language: s, .. }
            | MessageEntity::MessageEntityTextUrl { url: s, .. } => {
                let _ = s.to_str();
            }
            MessageEntity::InputMessageEntityMentionName { user_id, .. } => {
                touch_input_user(&user_id);
            }
            _ => {}
        }
    }
    assert_eq!(n, v.len(), "entities ended early");
    if let Some(last) = v.last() {
        assert_eq!(Some(last), v.get(v.len() - 1));
    }
    assert!(v.get(v.len()).is_none());
}

fn touch_media(m: &MessageMedia<'_>) {
    let _ = m.id();
    if let Some(o) = m.object() {
        assert_eq!(o.id(), m.id());
        read_all(o);
    }
}

fn touch_users(v: tlview::vector::Vector<'_, User<'_>>) {
    let mut n = 0;
    for u in v {
        n += 1;
        let _ = u.id();
        if let Some(d) = u.user() {
            let f = d.flags();
            assert_eq!(d.access_hash().is_some(), f.has(0));
            assert_eq!(d.first_name().is_some(), f.has(1));
            assert_eq!(d.last_name().is_some(), f.has(2));
            assert_eq!(d.username().is_some(), f.has(3));
            assert_eq!(d.phone().is_some(), f.has(4));
            assert_eq!(d.photo().is_some(), f.has(5));
            assert_eq!(d.status().is_some(), f.has(6));
            assert_eq!(d.bot_info_version().is_some(), f.has(14));
            assert_eq!(d.restriction_reason().is_some(), f.has(18));
            assert_eq!(d.bot_inline_placeholder().is_some(), f.has(19));
            assert_eq!(d.lang_code().is_some(), f.has(22));
            let _ = (
                d.is_self(),
                d.contact(),
                d.mutual_contact(),
                d.deleted(),
                d.bot(),
            );
            let _ = (
                d.bot_chat_history(),
                d.bot_nochats(),
                d.verified(),
                d.restricted(),
            );
            let _ = (
                d.min(),
                d.bot_inline_geo(),
                d.support(),
                d.scam(),
                d.apply_min_photo(),
            );
            if let Some(p) = d.photo() {
                read_all(p);
            }
            if let Some(s) = d.status() {
                read_all(s);
            }
            if let Some(rr) = d.restriction_reason() {
                let mut left = rr.len();
                for v in rr {
                    left -= 1;
                    match v {
                        Value::Object(o) => {
                            assert_eq!(o.id(), id::RESTRICTION_REASON);
                            read_all(o);
                        }
                        _ => panic!("a restriction reason that is not an object"),
                    }
                }
                assert_eq!(left, 0, "restriction reasons ended early");
            }
        }
    }
    assert_eq!(n, v.len(), "users ended early");
}

fn touch_chats(v: tlview::vector::Vector<'_, Chat<'_>>) {
    let mut n = 0;
    for c in v {
        n += 1;
        let _ = (c.id(), c.title());
        match c {
            Chat::ChatEmpty { .. } | Chat::ChatForbidden { .. } => {}
            Chat::Chat(d) => {
                let _ = (d.creator(), d.kicked(), d.left(), d.deactivated());
                let _ = (d.participants_count(), d.date(), d.title());
                assert_eq!(d.object().id(), id::CHAT);
                assert_eq!(d.id(), c.id());
                read_all(d.object());
            }
            Chat::Channel(d) | Chat::ChannelForbidden(d) => {
                let _ = (d.broadcast(), d.megagroup(), d.access_hash(), d.username());
                assert_eq!(d.id(), c.id());
                read_all(d.object());
            }
        }
    }
    assert_eq!(n, v.len(), "chats ended early");
}

fn touch_updates_vec(v: tlview::vector::Vector<'_, tlview::api::Update<'_>>) {
    let mut n = 0;
    for u in v {
        n += 1;
        assert_eq!(u.constructor_id(), u.object().id());
        read_all(u.object());
    }
    assert_eq!(n, v.len(), "updates ended early");
}

/// Reads every accessor of a decoded `Updates` and iterates every vector.
fn touch_updates(u: &Updates<'_>) {
    let _ = (u.id(), u.name());
    match u {
        Updates::UpdatesTooLong => {}
        Updates::UpdateShortMessage(m) => {
            let f = m.flags();
            let _ = (m.out(), m.mentioned(), m.media_unread(), m.silent());
            let _ = (
                m.id(),
                m.user_id(),
                m.message().to_str(),
                m.pts(),
                m.pts_count(),
            );
            let _ = m.date();
            assert_eq!(m.fwd_from().is_some(), f.has(2));
            assert_eq!(m.via_bot_id().is_some(), f.has(11));
            assert_eq!(m.reply_to().is_some(), f.has(3));
            assert_eq!(m.entities().is_some(), f.has(7));
            if let Some(x) = m.fwd_from() {
                touch_fwd(&x);
            }
            if let Some(x) = m.reply_to() {
                touch_reply(&x);
            }
            if let Some(e) = m.entities() {
                touch_entities(e);
            }
        }
        Updates::UpdateShortChatMessage(m) => {
            let f = m.flags();
            let _ = (m.out(), m.mentioned(), m.media_unread(), m.silent());
            let _ = (m.id(), m.from_id(), m.chat_id(), m.message().to_str());
            let _ = (m.pts(), m.pts_count(), m.date());
            assert_eq!(m.fwd_from().is_some(), f.has(2));
            assert_eq!(m.via_bot_id().is_some(), f.has(11));
            assert_eq!(m.reply_to().is_some(), f.has(3));
            assert_eq!(m.entities().is_some(), f.has(7));
            if let Some(x) = m.fwd_from() {
                touch_fwd(&x);
            }
            if let Some(x) = m.reply_to() {
                touch_reply(&x);
            }
            if let Some(e) = m.entities() {
                touch_entities(e);
            }
        }
        Updates::UpdateShort(s) => {
            let _ = s.date();
            assert_eq!(s.update().constructor_id(), s.update().object().id());
            read_all(s.update().object());
        }
        Updates::UpdatesCombined(c) => {
            let _ = (c.date(), c.seq_start(), c.seq());
            touch_updates_vec(c.updates());
            touch_users(c.users());
            touch_chats(c.chats());
        }
        Updates::Updates(c) => {
            let _ = (c.date(), c.seq());
            touch_updates_vec(c.updates());
            touch_users(c.users());
            touch_chats(c.chats());
        }
        Updates::UpdateShortSentMessage(m) => {
            let f = m.flags();
            let _ = (m.out(), m.id(), m.pts(), m.pts_count(), m.date());
            assert_eq!(m.media().is_some(), f.has(9));
            assert_eq!(m.entities().is_some(), f.has(7));
            if let Some(x) = m.media() {
                touch_media(&x);
            }
            if let Some(e) = m.entities() {
                touch_entities(e);
            }
        }
    }
}

// ------------------------------------------------------------------- gzip

/// Target `gzip` (feature `gzip`): the first two bytes set the limit (at
/// most 8 KiB), the rest is a gzip member (or, when it starts with the
/// `gzip_packed` id, a `gzip_packed` object) unpacked into a 4 KiB buffer.
/// It must return, never panic; what it unpacks fits the limit and the
/// buffer, unpacks the same into a buffer of exactly its size, and is refused
/// with `OutputLimit` by one byte less.
#[cfg(feature = "gzip")]
pub fn gzip(data: &[u8]) {
    let Some((sel, rest)) = data.split_first_chunk::<2>() else {
        return;
    };
    let limit = usize::from(u16::from_le_bytes(*sel) & 0x1fff);
    let mut out = [0u8; 4096];
    let got = if Reader::new(rest).peek_id() == Ok(id::GZIP_PACKED) {
        let mut r = Reader::new(rest);
        let lim = Limits {
            max_unpacked: limit,
            ..Limits::DEFAULT
        };
        let res = tlview::gzip::unpack_packed(&mut r, &mut out, &lim).map(|b| b.len());
        if let Err(e) = res {
            assert!(e.offset() <= rest.len(), "error offset past the input");
        }
        res
    } else {
        let res = tlview::gzip::unpack(rest, &mut out, limit).map(|b| b.len());
        if let Err(e) = res {
            assert!(e.offset() <= rest.len(), "error offset past the input");
        }
        if let Ok(n) = res {
            let mut copy = [0u8; 4096];
            copy[..n].copy_from_slice(&out[..n]);
            // Exactly enough room.
            let mut exact = [0u8; 4096];
            match tlview::gzip::unpack(rest, &mut exact[..n], n) {
                Ok(b) => assert_eq!(b, &copy[..n]),
                Err(e) => panic!("{n} bytes do not unpack into {n} bytes: {e:?}"),
            }
            // One byte less.
            if n > 0 {
                match tlview::gzip::unpack(rest, &mut exact, n - 1) {
                    Err(e) => assert_eq!(
                        e.kind(),
                        ErrorKind::OutputLimit {
                            limit: u32::try_from(n - 1).unwrap_or(u32::MAX)
                        }
                    ),
                    Ok(_) => panic!("{n} bytes unpacked under a limit of {}", n - 1),
                }
            }
            // What it unpacked, as TL.
            if let Ok(o) = Object::decode(&copy[..n], Expect::Any) {
                visit(o);
            }
        }
        res
    };
    if let Ok(n) = got {
        assert!(
            n <= limit && n <= out.len(),
            "{n} bytes over the limit {limit}"
        );
    }
}

// --------------------------------------------------------------- roundtrip

/// Bytes consumed front to back to build values; zeros when they run out.
#[derive(Clone, Copy, Debug)]
struct Src<'d> {
    data: &'d [u8],
}

impl<'d> Src<'d> {
    fn byte(&mut self) -> u8 {
        match self.data.split_first() {
            Some((&b, rest)) => {
                self.data = rest;
                b
            }
            None => 0,
        }
    }
    fn u32(&mut self) -> u32 {
        u32::from_le_bytes([self.byte(), self.byte(), self.byte(), self.byte()])
    }
    fn i32(&mut self) -> i32 {
        self.u32() as i32
    }
    fn i64(&mut self) -> i64 {
        i64::from(self.u32()) << 32 | i64::from(self.u32())
    }
    fn f64(&mut self) -> f64 {
        f64::from_bits(self.i64() as u64)
    }
    fn below(&mut self, n: u8) -> u8 {
        if n == 0 {
            0
        } else {
            self.byte() % n
        }
    }
    fn chance(&mut self, one_in: u8) -> bool {
        self.below(one_in) == 0
    }
    /// Bytes of the input as a string: usually short, sometimes up to 300
    /// (the 4-byte length form), any bytes (invalid UTF-8 included).
    fn bytes(&mut self) -> &'d [u8] {
        let b = self.byte();
        let len = if b >= 0xf0 {
            254 + usize::from(self.byte() % 47)
        } else {
            usize::from(b % 24)
        };
        let len = len.min(self.data.len());
        let (head, tail) = self.data.split_at(len);
        self.data = tail;
        head
    }
}

type W<'b> = Writer<SliceSink<'b>>;

/// The most `InputPeer` levels a built chain may have.
const MAX_CHAIN: u32 = 80;

fn make_peer<'p>(tag: u8, peer: PeerRef<'p>, msg_id: i32, id: i32) -> InputPeer<'p> {
    if tag == 0 {
        InputPeer::InputPeerUserFromMessage {
            peer,
            msg_id,
            user_id: id,
        }
    } else {
        InputPeer::InputPeerChannelFromMessage {
            peer,
            msg_id,
            channel_id: id,
        }
    }
}

/// Builds an `InputPeer` chain from `src` (its levels bounded by the input
/// and [`MAX_CHAIN`]) and hands it, with its number of levels, to `k`. The
/// nested peers live in this function's frames (nothing is allocated); now
/// and then a level keeps its nested peer as encoded wire bytes instead.
fn with_peer<'d>(
    src: &mut Src<'d>,
    level: u32,
    k: &mut dyn for<'p> FnMut(&mut Src<'d>, InputPeer<'p>, u32),
) {
    match src.below(8) {
        0 => k(src, InputPeer::InputPeerEmpty, 1),
        1 => k(src, InputPeer::InputPeerSelf, 1),
        2 => {
            let chat_id = src.i32();
            k(src, InputPeer::InputPeerChat { chat_id }, 1)
        }
        3 => {
            let (user_id, access_hash) = (src.i32(), src.i64());
            k(
                src,
                InputPeer::InputPeerUser {
                    user_id,
                    access_hash,
                },
                1,
            )
        }
        4 => {
            let (channel_id, access_hash) = (src.i32(), src.i64());
            k(
                src,
                InputPeer::InputPeerChannel {
                    channel_id,
                    access_hash,
                },
                1,
            )
        }
        t if level < MAX_CHAIN => {
            let tag = t & 1;
            let (msg_id, id) = (src.i32(), src.i32());
            let wire = src.chance(16);
            with_peer(src, level + 1, &mut |src, inner, levels| {
                if wire {
                    let mut buf = [0u8; 2048];
                    let mut w = Writer::new(SliceSink::new(&mut buf));
                    assert!(inner.encode(&mut w).is_ok());
                    let n = w.finish();
                    assert_eq!(n, inner.encoded_len());
                    let p = make_peer(tag, PeerRef::Wire(&buf[..n]), msg_id, id);
                    k(src, p, levels + 1);
                } else {
                    let p = make_peer(tag, PeerRef::Value(&inner), msg_id, id);
                    k(src, p, levels + 1);
                }
            });
        }
        _ => k(src, InputPeer::InputPeerSelf, 1),
    }
}

/// Builds an `InputUser` (with a peer chain for `inputUserFromMessage`) and
/// hands it to `k` with its number of levels.
fn with_user<'d>(src: &mut Src<'d>, k: &mut dyn for<'p> FnMut(&mut Src<'d>, InputUser<'p>, u32)) {
    match src.below(4) {
        0 => k(src, InputUser::InputUserEmpty, 1),
        1 => k(src, InputUser::InputUserSelf, 1),
        2 => {
            let (user_id, access_hash) = (src.i32(), src.i64());
            k(
                src,
                InputUser::InputUser {
                    user_id,
                    access_hash,
                },
                1,
            )
        }
        _ => {
            let (msg_id, user_id) = (src.i32(), src.i32());
            with_peer(src, 2, &mut |src, inner, levels| {
                let u = InputUser::InputUserFromMessage {
                    peer: PeerRef::Value(&inner),
                    msg_id,
                    user_id,
                };
                k(src, u, levels + 1)
            });
        }
    }
}

/// Target `roundtrip` (its library part), handing each built request and
/// its encoding to `extra` (the fuzz target compares them with the generic
/// encoder's).
pub fn roundtrip_with(data: &[u8], extra: &mut dyn FnMut(&AcceptContact<'_>, &[u8])) {
    let mut src = Src { data };
    if src.chance(2) {
        with_user(&mut src, &mut |_, user, levels| {
            check_accept_contact(&AcceptContact { id: user }, levels + 1, extra);
        });
    } else {
        build_updates(&mut src);
    }
}

/// Target `roundtrip`: [`roundtrip_with`] without the generic encoder.
pub fn roundtrip(data: &[u8]) {
    roundtrip_with(data, &mut |_, _| {});
}

/// Encodes `req` (`levels` objects deep, the request included) every way
/// the library can, decodes it back, and compares.
fn check_accept_contact(
    req: &AcceptContact<'_>,
    levels: u32,
    extra: &mut dyn FnMut(&AcceptContact<'_>, &[u8]),
) {
    let len = req.encoded_len();
    let mut counter = Writer::new(SizeCounter::new());
    assert!(req.encode(&mut counter).is_ok());
    assert_eq!(counter.finish(), len, "SizeCounter and encoded_len differ");
    let mut buf = [0u8; 2048];
    let n = match req.encode_to_slice(&mut buf) {
        Ok(n) => n,
        Err(e) => panic!("encoding {len} bytes into 2048 failed: {e:?}"),
    };
    assert_eq!(n, len, "encoded_len is not the written length");
    let bytes = &buf[..n];
    assert_eq!(bytes[..4], AcceptContact::ID.to_le_bytes());
    // Too small: an error saying how much was needed, never a panic.
    let mut small = [0u8; 2048];
    for cap in [0, 3, 4, len / 2, len - 1] {
        let cap = cap.min(len - 1);
        match req.encode_to_slice(&mut small[..cap]) {
            Err(e) => assert_eq!(
                e.kind(),
                ErrorKind::SinkFull {
                    needed: u32::try_from(len).unwrap_or(u32::MAX),
                    capacity: u32::try_from(cap).unwrap_or(u32::MAX),
                }
            ),
            Ok(_) => panic!("{len} bytes fit in {cap}"),
        }
        let mut w = Writer::new(SliceSink::new(&mut small[..cap]));
        match req.encode(&mut w) {
            Err(e) => assert!(matches!(e.kind(), ErrorKind::SinkFull { .. })),
            Ok(()) => panic!("{len} bytes written into {cap}"),
        }
    }
    // Decode it back: within the default depth limit it is the same value,
    // beyond it a DepthLimit error.
    match AcceptContact::decode(bytes) {
        Ok(back) => {
            assert!(
                levels <= Limits::DEFAULT.max_depth,
                "{levels} levels decoded"
            );
            assert!(back == *req, "decoded request differs");
            assert_eq!(back.encoded_len(), len);
            let mut again = [0u8; 2048];
            assert_eq!(back.encode_to_slice(&mut again), Ok(len));
            assert_eq!(&again[..len], bytes, "re-encoding differs");
            assert_eq!(touch_input_user(&back.id) + 1, levels);
            #[cfg(feature = "names")]
            assert_eq!(digest_of(&back, false), digest_of(req, false));
        }
        Err(e) => {
            assert!(levels > Limits::DEFAULT.max_depth, "{levels} levels: {e:?}");
            assert!(matches!(e.kind(), ErrorKind::DepthLimit { .. }), "{e:?}");
            // The first object past the limit: each level's nested object
            // is its first field, 4 bytes (its parent's id) in.
            let at = 4 * Limits::DEFAULT.max_depth as usize;
            assert_eq!(e.offset(), at);
        }
    }
    assert!(AcceptContact::decode(&bytes[..n - 1]).is_err());
    // The dynamic view reads the same bytes up to its own limit (when the
    // table has the functions).
    #[cfg(feature = "functions")]
    if let Ok((_, st)) = check_extent(bytes, Expect::Any, &MAX) {
        assert_eq!(st.max_level, levels);
        #[cfg(feature = "names")]
        {
            let o = Object::decode_with(bytes, Expect::Any, &MAX).ok();
            if let Some(o) = o {
                assert_eq!(
                    digest_of(&tlview::json::Json(o), false),
                    digest_of(req, false),
                    "typed and dynamic TL JSON of the request differ"
                );
            }
        }
    } else {
        assert!(levels > Limits::MAX_DEPTH);
    }
    extra(req, bytes);
}

// The Updates builder: specs drawn from the input, written with Writer,
// decoded, and every accessor compared with its spec.

#[derive(Clone, Copy, Debug, PartialEq)]
enum UserSpec {
    Empty,
    SelfUser,
    User(i32, i64),
}

#[derive(Clone, Copy, Debug)]
enum Ent<'d> {
    Plain(u32, i32, i32),
    Pre(i32, i32, &'d [u8]),
    Url(i32, i32, &'d [u8]),
    Mention(i32, i32, i32),
    InputMention(i32, i32, UserSpec),
}

const PLAIN_ENTITIES: [u32; 15] = [
    id::MESSAGE_ENTITY_UNKNOWN,
    id::MESSAGE_ENTITY_MENTION,
    id::MESSAGE_ENTITY_HASHTAG,
    id::MESSAGE_ENTITY_BOT_COMMAND,
    id::MESSAGE_ENTITY_URL,
    id::MESSAGE_ENTITY_EMAIL,
    id::MESSAGE_ENTITY_BOLD,
    id::MESSAGE_ENTITY_ITALIC,
    id::MESSAGE_ENTITY_CODE,
    id::MESSAGE_ENTITY_PHONE,
    id::MESSAGE_ENTITY_CASHTAG,
    id::MESSAGE_ENTITY_UNDERLINE,
    id::MESSAGE_ENTITY_STRIKE,
    id::MESSAGE_ENTITY_BLOCKQUOTE,
    id::MESSAGE_ENTITY_BANK_CARD,
];

fn draw_peer(src: &mut Src<'_>) -> Peer {
    let x = src.i32();
    match src.below(3) {
        0 => Peer::PeerUser { user_id: x },
        1 => Peer::PeerChat { chat_id: x },
        _ => Peer::PeerChannel { channel_id: x },
    }
}

fn put_peer(w: &mut W<'_>, p: Peer) -> Result<()> {
    w.write_id(p.id())?;
    match p {
        Peer::PeerUser { user_id: x }
        | Peer::PeerChat { chat_id: x }
        | Peer::PeerChannel { channel_id: x } => w.write_int(x),
    }
}

fn draw_entities<'d>(src: &mut Src<'d>) -> HVec<Ent<'d>, 12> {
    let mut v = HVec::new();
    for _ in 0..src.below(13) {
        let (o, l) = (src.i32(), src.i32());
        let e = match src.below(8) {
            0 => Ent::Pre(o, l, src.bytes()),
            1 => Ent::Url(o, l, src.bytes()),
            2 => Ent::Mention(o, l, src.i32()),
            3 => Ent::InputMention(
                o,
                l,
                match src.below(3) {
                    0 => UserSpec::Empty,
                    1 => UserSpec::SelfUser,
                    _ => UserSpec::User(src.i32(), src.i64()),
                },
            ),
            _ => Ent::Plain(PLAIN_ENTITIES[usize::from(src.below(15))], o, l),
        };
        let _ = v.push(e);
    }
    v
}

fn put_entities(w: &mut W<'_>, ents: &[Ent<'_>]) -> Result<()> {
    w.write_vector_len(ents.len())?;
    for e in ents {
        match *e {
            Ent::Plain(id, o, l) => {
                w.write_id(id)?;
                w.write_int(o)?;
                w.write_int(l)?;
            }
            Ent::Pre(o, l, s) | Ent::Url(o, l, s) => {
                let id = if matches!(e, Ent::Pre(..)) {
                    id::MESSAGE_ENTITY_PRE
                } else {
                    id::MESSAGE_ENTITY_TEXT_URL
                };
                w.write_id(id)?;
                w.write_int(o)?;
                w.write_int(l)?;
                w.write_string(s)?;
            }
            Ent::Mention(o, l, u) => {
                w.write_id(id::MESSAGE_ENTITY_MENTION_NAME)?;
                w.write_int(o)?;
                w.write_int(l)?;
                w.write_int(u)?;
            }
            Ent::InputMention(o, l, u) => {
                w.write_id(id::INPUT_MESSAGE_ENTITY_MENTION_NAME)?;
                w.write_int(o)?;
                w.write_int(l)?;
                match u {
                    UserSpec::Empty => w.write_id(id::INPUT_USER_EMPTY)?,
                    UserSpec::SelfUser => w.write_id(id::INPUT_USER_SELF)?,
                    UserSpec::User(i, h) => {
                        w.write_id(id::INPUT_USER)?;
                        w.write_int(i)?;
                        w.write_long(h)?;
                    }
                }
            }
        }
    }
    Ok(())
}

fn check_entities(
    got: Option<tlview::vector::Vector<'_, MessageEntity<'_>>>,
    want: &Option<HVec<Ent<'_>, 12>>,
) {
    let (Some(got), Some(want)) = (got, want) else {
        assert_eq!(got.is_some(), want.is_some(), "entities presence");
        return;
    };
    assert_eq!(got.len(), want.len());
    let mut it = got.iter();
    for w in want {
        let Some(g) = it.next() else {
            panic!("entities ended early");
        };
        match (*w, g) {
            (Ent::Plain(id, o, l), g) => {
                assert_eq!((g.id(), g.offset(), g.length()), (id, o, l));
            }
            (
                Ent::Pre(o, l, s),
                MessageEntity::MessageEntityPre {
                    offset,
                    length,
                    language,
                },
            ) => {
                assert_eq!((offset, length, language.as_bytes()), (o, l, s));
            }
            (
                Ent::Url(o, l, s),
                MessageEntity::MessageEntityTextUrl {
                    offset,
                    length,
                    url,
                },
            ) => {
                assert_eq!((offset, length, url.as_bytes()), (o, l, s));
            }
            (
                Ent::Mention(o, l, u),
                MessageEntity::MessageEntityMentionName {
                    offset,
                    length,
                    user_id,
                },
            ) => assert_eq!((offset, length, user_id), (o, l, u)),
            (
                Ent::InputMention(o, l, u),
                MessageEntity::InputMessageEntityMentionName {
                    offset,
                    length,
                    user_id,
                },
            ) => {
                assert_eq!((offset, length), (o, l));
                let got = match user_id {
                    InputUser::InputUserEmpty => UserSpec::Empty,
                    InputUser::InputUserSelf => UserSpec::SelfUser,
                    InputUser::InputUser {
                        user_id,
                        access_hash,
                    } => UserSpec::User(user_id, access_hash),
                    InputUser::InputUserFromMessage { .. } => panic!("not built"),
                };
                assert_eq!(got, u);
            }
            (w, g) => panic!("entity {w:?} read back as {g:?}"),
        }
    }
    assert!(it.next().is_none());
}

#[derive(Clone, Copy, Debug)]
struct Fwd<'d> {
    flags: u32,
    from_id: Peer,
    from_name: &'d [u8],
    date: i32,
    channel_post: i32,
    post_author: &'d [u8],
    saved_from_peer: Peer,
    saved_from_msg_id: i32,
    psa_type: &'d [u8],
}

fn draw_fwd<'d>(src: &mut Src<'d>) -> Fwd<'d> {
    Fwd {
        flags: src.u32() & 0b111_1101,
        from_id: draw_peer(src),
        from_name: src.bytes(),
        date: src.i32(),
        channel_post: src.i32(),
        post_author: src.bytes(),
        saved_from_peer: draw_peer(src),
        saved_from_msg_id: src.i32(),
        psa_type: src.bytes(),
    }
}

fn put_fwd(w: &mut W<'_>, f: &Fwd<'_>) -> Result<()> {
    let has = |b: u32| f.flags & 1 << b != 0;
    w.write_id(id::MESSAGE_FWD_HEADER)?;
    w.write_flags(tlview::Flags(f.flags))?;
    if has(0) {
        put_peer(w, f.from_id)?;
    }
    if has(5) {
        w.write_string(f.from_name)?;
    }
    w.write_int(f.date)?;
    if has(2) {
        w.write_int(f.channel_post)?;
    }
    if has(3) {
        w.write_string(f.post_author)?;
    }
    if has(4) {
        put_peer(w, f.saved_from_peer)?;
        w.write_int(f.saved_from_msg_id)?;
    }
    if has(6) {
        w.write_string(f.psa_type)?;
    }
    Ok(())
}

fn check_fwd(got: &MessageFwdHeader<'_>, f: &Fwd<'_>) {
    let has = |b: u32| f.flags & 1 << b != 0;
    assert_eq!(got.flags().bits(), f.flags);
    assert_eq!(got.from_id(), has(0).then_some(f.from_id));
    assert_eq!(
        got.from_name().map(|s| s.as_bytes()),
        has(5).then_some(f.from_name)
    );
    assert_eq!(got.date(), f.date);
    assert_eq!(got.channel_post(), has(2).then_some(f.channel_post));
    assert_eq!(
        got.post_author().map(|s| s.as_bytes()),
        has(3).then_some(f.post_author)
    );
    assert_eq!(got.saved_from_peer(), has(4).then_some(f.saved_from_peer));
    assert_eq!(
        got.saved_from_msg_id(),
        has(4).then_some(f.saved_from_msg_id)
    );
    assert_eq!(
        got.psa_type().map(|s| s.as_bytes()),
        has(6).then_some(f.psa_type)
    );
}

#[derive(Clone, Copy, Debug)]
struct Reply {
    flags: u32,
    msg_id: i32,
    peer: Peer,
    top_id: i32,
}

fn put_reply(w: &mut W<'_>, r: &Reply) -> Result<()> {
    w.write_id(id::MESSAGE_REPLY_HEADER)?;
    w.write_flags(tlview::Flags(r.flags))?;
    w.write_int(r.msg_id)?;
    if r.flags & 1 != 0 {
        put_peer(w, r.peer)?;
    }
    if r.flags & 2 != 0 {
        w.write_int(r.top_id)?;
    }
    Ok(())
}

/// The declared flags bits of the short message constructors.
const SHORT_FLAGS: u32 = 1 << 1 | 1 << 2 | 1 << 3 | 1 << 4 | 1 << 5 | 1 << 7 | 1 << 11 | 1 << 13;

#[derive(Debug)]
struct Short<'d> {
    chat: bool,
    flags: u32,
    id: i32,
    from_id: i32,
    chat_id: i32,
    message: &'d [u8],
    pts: i32,
    pts_count: i32,
    date: i32,
    fwd: Fwd<'d>,
    via: i32,
    reply: Reply,
    ents: HVec<Ent<'d>, 12>,
}

fn draw_short<'d>(src: &mut Src<'d>, chat: bool) -> Short<'d> {
    Short {
        chat,
        flags: src.u32() & SHORT_FLAGS,
        id: src.i32(),
        from_id: src.i32(),
        chat_id: src.i32(),
        message: src.bytes(),
        pts: src.i32(),
        pts_count: src.i32(),
        date: src.i32(),
        fwd: draw_fwd(src),
        via: src.i32(),
        reply: Reply {
            flags: src.u32() & 3,
            msg_id: src.i32(),
            peer: draw_peer(src),
            top_id: src.i32(),
        },
        ents: draw_entities(src),
    }
}

fn put_short(w: &mut W<'_>, s: &Short<'_>, flags: u32) -> Result<()> {
    let has = |b: u32| s.flags & 1 << b != 0;
    w.write_id(if s.chat {
        id::UPDATE_SHORT_CHAT_MESSAGE
    } else {
        id::UPDATE_SHORT_MESSAGE
    })?;
    w.write_flags(tlview::Flags(flags))?;
    w.write_int(s.id)?;
    w.write_int(s.from_id)?;
    if s.chat {
        w.write_int(s.chat_id)?;
    }
    w.write_string(s.message)?;
    w.write_int(s.pts)?;
    w.write_int(s.pts_count)?;
    w.write_int(s.date)?;
    if has(2) {
        put_fwd(w, &s.fwd)?;
    }
    if has(11) {
        w.write_int(s.via)?;
    }
    if has(3) {
        put_reply(w, &s.reply)?;
    }
    if has(7) {
        put_entities(w, &s.ents)?;
    }
    Ok(())
}

fn check_reply(got: Option<MessageReplyHeader>, s: &Short<'_>) {
    let has = |b: u32| s.flags & 1 << b != 0;
    assert_eq!(got.is_some(), has(3));
    if let Some(r) = got {
        assert_eq!(r.reply_to_msg_id(), s.reply.msg_id);
        assert_eq!(
            r.reply_to_peer_id(),
            (s.reply.flags & 1 != 0).then_some(s.reply.peer)
        );
        assert_eq!(
            r.reply_to_top_id(),
            (s.reply.flags & 2 != 0).then_some(s.reply.top_id)
        );
    }
}

fn check_short(u: &Updates<'_>, s: &Short<'_>) {
    let has = |b: u32| s.flags & 1 << b != 0;
    let ents = has(7).then(|| s.ents.clone());
    match (u, s.chat) {
        (Updates::UpdateShortMessage(m), false) => {
            assert_eq!(m.flags().bits(), s.flags);
            assert_eq!((m.out(), m.mentioned()), (has(1), has(4)));
            assert_eq!((m.media_unread(), m.silent()), (has(5), has(13)));
            assert_eq!((m.id(), m.user_id()), (s.id, s.from_id));
            assert_eq!(m.message().as_bytes(), s.message);
            assert_eq!(
                (m.pts(), m.pts_count(), m.date()),
                (s.pts, s.pts_count, s.date)
            );
            assert_eq!(m.fwd_from().is_some(), has(2));
            if let Some(f) = m.fwd_from() {
                check_fwd(&f, &s.fwd);
            }
            assert_eq!(m.via_bot_id(), has(11).then_some(s.via));
            check_reply(m.reply_to(), s);
            check_entities(m.entities(), &ents);
        }
        (Updates::UpdateShortChatMessage(m), true) => {
            assert_eq!(m.flags().bits(), s.flags);
            assert_eq!((m.out(), m.mentioned()), (has(1), has(4)));
            assert_eq!((m.media_unread(), m.silent()), (has(5), has(13)));
            assert_eq!(
                (m.id(), m.from_id(), m.chat_id()),
                (s.id, s.from_id, s.chat_id)
            );
            assert_eq!(m.message().as_bytes(), s.message);
            assert_eq!(
                (m.pts(), m.pts_count(), m.date()),
                (s.pts, s.pts_count, s.date)
            );
            assert_eq!(m.fwd_from().is_some(), has(2));
            if let Some(f) = m.fwd_from() {
                check_fwd(&f, &s.fwd);
            }
            assert_eq!(m.via_bot_id(), has(11).then_some(s.via));
            check_reply(m.reply_to(), s);
            check_entities(m.entities(), &ents);
        }
        _ => panic!("decoded as {}", u.name()),
    }
}

/// `updateUserStatus user_id status` with one of the six statuses.
#[derive(Clone, Copy, Debug)]
struct StatusUpd {
    user_id: i32,
    status: u32,
    arg: i32,
}

const STATUSES: [u32; 6] = [
    id::USER_STATUS_EMPTY,
    id::USER_STATUS_ONLINE,
    id::USER_STATUS_OFFLINE,
    id::USER_STATUS_RECENTLY,
    id::USER_STATUS_LAST_WEEK,
    id::USER_STATUS_LAST_MONTH,
];

fn draw_status(src: &mut Src<'_>) -> StatusUpd {
    StatusUpd {
        user_id: src.i32(),
        status: STATUSES[usize::from(src.below(6))],
        arg: src.i32(),
    }
}

fn status_has_arg(s: u32) -> bool {
    matches!(s, id::USER_STATUS_ONLINE | id::USER_STATUS_OFFLINE)
}

fn put_status(w: &mut W<'_>, s: u32, arg: i32) -> Result<()> {
    w.write_id(s)?;
    if status_has_arg(s) {
        w.write_int(arg)?;
    }
    Ok(())
}

fn put_status_upd(w: &mut W<'_>, s: &StatusUpd) -> Result<()> {
    w.write_id(id::UPDATE_USER_STATUS)?;
    w.write_int(s.user_id)?;
    put_status(w, s.status, s.arg)
}

fn check_status_object(o: Object<'_>, status: u32, arg: i32) {
    assert_eq!(o.id(), status);
    let mut f = o.fields();
    if status_has_arg(status) {
        assert!(matches!(f.next().map(|f| f.value), Some(Value::Int(x)) if x == arg));
    }
    assert!(f.next().is_none());
}

fn check_status_upd(o: Object<'_>, s: &StatusUpd) {
    assert_eq!(o.id(), id::UPDATE_USER_STATUS);
    let mut f = o.fields();
    assert!(matches!(f.next().map(|f| f.value), Some(Value::Int(x)) if x == s.user_id));
    match f.next().map(|f| f.value) {
        Some(Value::Object(st)) => check_status_object(st, s.status, s.arg),
        other => panic!("status read back as {other:?}"),
    }
    assert!(f.next().is_none());
}

/// The `user#938458c1` flags the builder sets (all declared ones).
const USER_FLAGS: u32 = 0x03ff_fc7f;

#[derive(Clone, Copy, Debug)]
struct UserS<'d> {
    empty: bool,
    flags: u32,
    id: i32,
    access_hash: i64,
    strings: [&'d [u8]; 6],
    status: u32,
    status_arg: i32,
    bot_info_version: i32,
    reasons: u8,
    reason: [&'d [u8]; 3],
}

fn draw_user<'d>(src: &mut Src<'d>) -> UserS<'d> {
    UserS {
        empty: src.chance(4),
        flags: src.u32() & USER_FLAGS,
        id: src.i32(),
        access_hash: src.i64(),
        strings: [
            src.bytes(),
            src.bytes(),
            src.bytes(),
            src.bytes(),
            src.bytes(),
            src.bytes(),
        ],
        status: STATUSES[usize::from(src.below(6))],
        status_arg: src.i32(),
        bot_info_version: src.i32(),
        reasons: src.below(4),
        reason: [src.bytes(), src.bytes(), src.bytes()],
    }
}

fn put_user(w: &mut W<'_>, u: &UserS<'_>) -> Result<()> {
    if u.empty {
        w.write_id(id::USER_EMPTY)?;
        return w.write_int(u.id);
    }
    let has = |b: u32| u.flags & 1 << b != 0;
    w.write_id(id::USER)?;
    w.write_flags(tlview::Flags(u.flags))?;
    w.write_int(u.id)?;
    if has(0) {
        w.write_long(u.access_hash)?;
    }
    for (bit, s) in (1..=4).zip(u.strings) {
        if has(bit) {
            w.write_string(s)?;
        }
    }
    if has(5) {
        w.write_id(id::USER_PROFILE_PHOTO_EMPTY)?;
    }
    if has(6) {
        put_status(w, u.status, u.status_arg)?;
    }
    if has(14) {
        w.write_int(u.bot_info_version)?;
    }
    if has(18) {
        w.write_vector_len(usize::from(u.reasons))?;
        for _ in 0..u.reasons {
            w.write_id(id::RESTRICTION_REASON)?;
            for s in u.reason {
                w.write_string(s)?;
            }
        }
    }
    if has(19) {
        w.write_string(u.strings[4])?;
    }
    if has(22) {
        w.write_string(u.strings[5])?;
    }
    Ok(())
}

fn check_user(got: &User<'_>, u: &UserS<'_>) {
    assert_eq!(got.id(), u.id);
    let Some(d) = got.user() else {
        assert!(u.empty, "user read back as userEmpty");
        return;
    };
    assert!(!u.empty);
    let has = |b: u32| u.flags & 1 << b != 0;
    assert_eq!(d.flags().bits(), u.flags);
    assert_eq!(d.access_hash(), has(0).then_some(u.access_hash));
    let s = |x: Option<tlview::TlStr<'_>>| x.map(|s| s.as_bytes().len());
    assert_eq!(
        d.first_name().map(|s| s.as_bytes()),
        has(1).then_some(u.strings[0])
    );
    assert_eq!(
        d.last_name().map(|s| s.as_bytes()),
        has(2).then_some(u.strings[1])
    );
    assert_eq!(
        d.username().map(|s| s.as_bytes()),
        has(3).then_some(u.strings[2])
    );
    assert_eq!(
        d.phone().map(|s| s.as_bytes()),
        has(4).then_some(u.strings[3])
    );
    assert_eq!(
        s(d.bot_inline_placeholder()),
        has(19).then_some(u.strings[4].len())
    );
    assert_eq!(s(d.lang_code()), has(22).then_some(u.strings[5].len()));
    assert_eq!(
        d.photo().map(|o| o.id()),
        has(5).then_some(id::USER_PROFILE_PHOTO_EMPTY)
    );
    assert_eq!(d.status().is_some(), has(6));
    if let Some(st) = d.status() {
        check_status_object(st, u.status, u.status_arg);
    }
    assert_eq!(d.bot_info_version(), has(14).then_some(u.bot_info_version));
    assert_eq!(d.restriction_reason().is_some(), has(18));
    if let Some(rr) = d.restriction_reason() {
        assert_eq!(rr.len(), usize::from(u.reasons));
        let mut n = 0;
        for v in rr {
            n += 1;
            let Value::Object(o) = v else {
                panic!("a restriction reason that is not an object")
            };
            let mut strings = [&[][..]; 3];
            let mut k = 0;
            for f in o.fields() {
                if let (Value::String(s), Some(slot)) = (f.value, strings.get_mut(k)) {
                    *slot = s.as_bytes();
                    k += 1;
                }
            }
            assert_eq!((k, strings), (3, u.reason));
        }
        assert_eq!(n, usize::from(u.reasons));
    }
    assert_eq!(d.is_self(), has(10));
    assert_eq!(d.apply_min_photo(), has(25));
    assert_eq!(d.min(), has(20));
}

#[derive(Clone, Copy, Debug)]
struct ChatS<'d> {
    kind: u8,
    flags: u32,
    id: i32,
    access_hash: i64,
    title: &'d [u8],
    username: &'d [u8],
    ints: [i32; 4],
}

/// The flags the builder sets per chat kind (no nested optional objects).
const CHAT_FLAGS: u32 = 1 | 1 << 1 | 1 << 2 | 1 << 5 | 1 << 23 | 1 << 24;
const CHANNEL_FLAGS: u32 = 1
    | 1 << 2
    | 1 << 5
    | 1 << 6
    | 1 << 7
    | 1 << 8
    | 1 << 11
    | 1 << 12
    | 1 << 13
    | 1 << 17
    | 1 << 19
    | 1 << 20
    | 1 << 21
    | 1 << 22
    | 1 << 23
    | 1 << 24;
const CHANNEL_FORBIDDEN_FLAGS: u32 = 1 << 5 | 1 << 8 | 1 << 16;

fn draw_chat<'d>(src: &mut Src<'d>) -> ChatS<'d> {
    let kind = src.below(5);
    let flags = src.u32();
    ChatS {
        kind,
        flags: flags
            & match kind {
                2 => CHAT_FLAGS,
                3 => CHANNEL_FLAGS,
                4 => CHANNEL_FORBIDDEN_FLAGS,
                _ => 0,
            },
        id: src.i32(),
        access_hash: src.i64(),
        title: src.bytes(),
        username: src.bytes(),
        ints: [src.i32(), src.i32(), src.i32(), src.i32()],
    }
}

fn put_chat(w: &mut W<'_>, c: &ChatS<'_>) -> Result<()> {
    let has = |b: u32| c.flags & 1 << b != 0;
    match c.kind {
        0 => {
            w.write_id(id::CHAT_EMPTY)?;
            w.write_int(c.id)
        }
        1 => {
            w.write_id(id::CHAT_FORBIDDEN)?;
            w.write_int(c.id)?;
            w.write_string(c.title)
        }
        2 => {
            w.write_id(id::CHAT)?;
            w.write_flags(tlview::Flags(c.flags))?;
            w.write_int(c.id)?;
            w.write_string(c.title)?;
            w.write_id(id::CHAT_PHOTO_EMPTY)?;
            w.write_int(c.ints[0])?;
            w.write_int(c.ints[1])?;
            w.write_int(c.ints[2])
        }
        3 => {
            w.write_id(id::CHANNEL)?;
            w.write_flags(tlview::Flags(c.flags))?;
            w.write_int(c.id)?;
            if has(13) {
                w.write_long(c.access_hash)?;
            }
            w.write_string(c.title)?;
            if has(6) {
                w.write_string(c.username)?;
            }
            w.write_id(id::CHAT_PHOTO_EMPTY)?;
            w.write_int(c.ints[0])?;
            w.write_int(c.ints[1])?;
            if has(17) {
                w.write_int(c.ints[2])?;
            }
            Ok(())
        }
        _ => {
            w.write_id(id::CHANNEL_FORBIDDEN)?;
            w.write_flags(tlview::Flags(c.flags))?;
            w.write_int(c.id)?;
            w.write_long(c.access_hash)?;
            w.write_string(c.title)?;
            if has(16) {
                w.write_int(c.ints[3])?;
            }
            Ok(())
        }
    }
}

fn check_chat(got: &Chat<'_>, c: &ChatS<'_>) {
    let has = |b: u32| c.flags & 1 << b != 0;
    assert_eq!(got.id(), c.id);
    match (got, c.kind) {
        (Chat::ChatEmpty { .. }, 0) => assert!(got.title().is_none()),
        (Chat::ChatForbidden { title, .. }, 1) => assert_eq!(title.as_bytes(), c.title),
        (Chat::Chat(d), 2) => {
            assert_eq!(d.title().as_bytes(), c.title);
            assert_eq!((d.participants_count(), d.date()), (c.ints[0], c.ints[1]));
            assert_eq!(
                (d.creator(), d.kicked(), d.left()),
                (has(0), has(1), has(2))
            );
            assert_eq!(d.deactivated(), has(5));
        }
        (Chat::Channel(d), 3) => {
            assert_eq!(d.title().as_bytes(), c.title);
            assert_eq!(d.access_hash(), has(13).then_some(c.access_hash));
            assert_eq!(
                d.username().map(|s| s.as_bytes()),
                has(6).then_some(c.username)
            );
            assert_eq!((d.broadcast(), d.megagroup()), (has(5), has(8)));
        }
        (Chat::ChannelForbidden(d), 4) => {
            assert_eq!(d.title().as_bytes(), c.title);
            assert_eq!(d.access_hash(), Some(c.access_hash));
            assert_eq!((d.broadcast(), d.megagroup()), (has(5), has(8)));
        }
        (g, k) => panic!("chat kind {k} read back as {g:?}"),
    }
}

/// Builds one `Updates` of the seven constructors from `src`, writes it,
/// decodes it and compares every accessor; then runs [`decode_updates`] on
/// the bytes and checks a cut or an undeclared flag is refused.
fn build_updates(src: &mut Src<'_>) {
    let mut buf = [0u8; 24 * 1024];
    let mut w = Writer::new(SliceSink::new(&mut buf));
    let which = src.below(7);
    // Now and then one undeclared flags bit, which must be refused.
    let stray = if src.chance(16) {
        1u32 << (src.byte() & 31)
    } else {
        0
    };
    let mut short = None;
    let mut status = None;
    let mut lists: Option<(
        HVec<StatusUpd, 6>,
        HVec<UserS<'_>, 4>,
        HVec<ChatS<'_>, 4>,
        [i32; 3],
    )> = None;
    let mut sent = None;
    let written: Result<Option<u32>> = (|| match which {
        0 => {
            w.write_id(id::UPDATES_TOO_LONG)?;
            Ok(None)
        }
        1 | 2 => {
            let s = draw_short(src, which == 2);
            let bad = stray & !SHORT_FLAGS;
            put_short(&mut w, &s, s.flags | bad)?;
            short = Some(s);
            Ok((bad != 0).then_some(bad))
        }
        3 => {
            let s = draw_status(src);
            let date = src.i32();
            w.write_id(id::UPDATE_SHORT)?;
            put_status_upd(&mut w, &s)?;
            w.write_int(date)?;
            status = Some((s, date));
            Ok(None)
        }
        4 | 5 => {
            let mut ups: HVec<StatusUpd, 6> = HVec::new();
            for _ in 0..src.below(7) {
                let _ = ups.push(draw_status(src));
            }
            let mut users: HVec<UserS<'_>, 4> = HVec::new();
            for _ in 0..src.below(5) {
                let _ = users.push(draw_user(src));
            }
            let mut chats: HVec<ChatS<'_>, 4> = HVec::new();
            for _ in 0..src.below(5) {
                let _ = chats.push(draw_chat(src));
            }
            let ints = [src.i32(), src.i32(), src.i32()];
            w.write_id(if which == 4 {
                id::UPDATES_COMBINED
            } else {
                id::UPDATES
            })?;
            w.write_vector_len(ups.len())?;
            for u in &ups {
                put_status_upd(&mut w, u)?;
            }
            w.write_vector_len(users.len())?;
            for u in &users {
                put_user(&mut w, u)?;
            }
            w.write_vector_len(chats.len())?;
            for c in &chats {
                put_chat(&mut w, c)?;
            }
            w.write_int(ints[0])?;
            if which == 4 {
                w.write_int(ints[1])?;
            }
            w.write_int(ints[2])?;
            lists = Some((ups, users, chats, ints));
            Ok(None)
        }
        _ => {
            let flags = src.u32() & (1 << 1 | 1 << 7 | 1 << 9);
            let bad = stray & !(1 << 1 | 1 << 7 | 1 << 9);
            let ints = [src.i32(), src.i32(), src.i32(), src.i32()];
            let media = src.below(4);
            let geo_flags = src.u32() & 1;
            let geo = [src.f64(), src.f64()];
            let (hash, radius) = (src.i64(), src.i32());
            let ents = draw_entities(src);
            w.write_id(id::UPDATE_SHORT_SENT_MESSAGE)?;
            w.write_flags(tlview::Flags(flags | bad))?;
            for x in ints {
                w.write_int(x)?;
            }
            if flags & 1 << 9 != 0 {
                match media {
                    0 => w.write_id(id::MESSAGE_MEDIA_EMPTY)?,
                    1 => w.write_id(id::MESSAGE_MEDIA_UNSUPPORTED)?,
                    2 => {
                        w.write_id(id::MESSAGE_MEDIA_GEO)?;
                        w.write_id(id::GEO_POINT_EMPTY)?;
                    }
                    _ => {
                        w.write_id(id::MESSAGE_MEDIA_GEO)?;
                        w.write_id(id::GEO_POINT)?;
                        w.write_flags(tlview::Flags(geo_flags))?;
                        w.write_double(geo[0])?;
                        w.write_double(geo[1])?;
                        w.write_long(hash)?;
                        if geo_flags != 0 {
                            w.write_int(radius)?;
                        }
                    }
                }
            }
            if flags & 1 << 7 != 0 {
                put_entities(&mut w, &ents)?;
            }
            sent = Some((flags, ints, media, geo_flags, geo, hash, radius, ents));
            Ok((bad != 0).then_some(bad))
        }
    })();
    // A string too long for the buffer: not an invariant, just a big input.
    let Ok(bad) = written else {
        return;
    };
    let n = w.finish();
    let bytes = &buf[..n];
    decode_updates(bytes);
    let got = Updates::decode(bytes);
    if let Some(bad) = bad {
        match got {
            Err(e) => {
                assert_eq!(e.offset(), 4, "undeclared flags found at {e:?}");
                assert!(
                    matches!(e.kind(), ErrorKind::UndeclaredFlags { undeclared, .. } if undeclared == bad),
                    "{e:?}"
                );
            }
            Ok(_) => panic!("undeclared flags {bad:#x} accepted"),
        }
        return;
    }
    let u = match got {
        Ok(u) => u,
        Err(e) => panic!("built Updates did not decode: {e:?}"),
    };
    assert!(
        Updates::decode(&bytes[..n - 1]).is_err(),
        "a cut Updates decoded"
    );
    if let Some(s) = &short {
        check_short(&u, s);
    }
    if let Some((s, date)) = &status {
        let Updates::UpdateShort(x) = u else {
            panic!("decoded as {}", u.name())
        };
        assert_eq!(x.date(), *date);
        check_status_upd(x.update().object(), s);
    }
    if let Some((ups, users, chats, ints)) = &lists {
        let (gu, gs, gc) = match u {
            Updates::UpdatesCombined(c) => {
                assert_eq!(
                    (c.date(), c.seq_start(), c.seq()),
                    (ints[0], ints[1], ints[2])
                );
                (c.updates(), c.users(), c.chats())
            }
            Updates::Updates(c) => {
                assert_eq!((c.date(), c.seq()), (ints[0], ints[2]));
                (c.updates(), c.users(), c.chats())
            }
            _ => panic!("decoded as {}", u.name()),
        };
        assert_eq!(
            (gu.len(), gs.len(), gc.len()),
            (ups.len(), users.len(), chats.len())
        );
        for (g, s) in gu.iter().zip(ups) {
            check_status_upd(g.object(), s);
        }
        for (g, s) in gs.iter().zip(users) {
            check_user(&g, s);
        }
        for (g, s) in gc.iter().zip(chats) {
            check_chat(&g, s);
        }
    }
    if let Some((flags, ints, media, geo_flags, geo, hash, radius, ents)) = &sent {
        let Updates::UpdateShortSentMessage(m) = u else {
            panic!("decoded as {}", u.name())
        };
        assert_eq!(m.flags().bits(), *flags);
        assert_eq!(m.out(), flags & 2 != 0);
        assert_eq!(
            (m.id(), m.pts(), m.pts_count(), m.date()),
            (ints[0], ints[1], ints[2], ints[3])
        );
        let ents = (flags & 1 << 7 != 0).then(|| ents.clone());
        check_entities(m.entities(), &ents);
        assert_eq!(m.media().is_some(), flags & 1 << 9 != 0);
        if let Some(md) = m.media() {
            let want = match media {
                0 => id::MESSAGE_MEDIA_EMPTY,
                1 => id::MESSAGE_MEDIA_UNSUPPORTED,
                _ => id::MESSAGE_MEDIA_GEO,
            };
            assert_eq!(md.id(), want);
            if let (Some(o), 3) = (md.object(), media) {
                let Some(Value::Object(g)) = o.fields().next().map(|f| f.value) else {
                    panic!("messageMediaGeo without its geo")
                };
                assert_eq!(g.id(), id::GEO_POINT);
                let mut doubles = [0u64; 2];
                let mut k = 0;
                let mut rest = (0i64, None);
                for f in g.fields() {
                    match f.value {
                        Value::Double(d) => {
                            if let Some(slot) = doubles.get_mut(k) {
                                *slot = d.to_bits();
                            }
                            k += 1;
                        }
                        Value::Long(l) => rest.0 = l,
                        Value::Int(i) => rest.1 = Some(i),
                        _ => {}
                    }
                }
                assert_eq!(doubles, [geo[0].to_bits(), geo[1].to_bits()]);
                assert_eq!(rest, (*hash, (*geo_flags != 0).then_some(*radius)));
            }
        }
    }
    let _ = u.id();
}
