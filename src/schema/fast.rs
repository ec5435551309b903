//! The primitives of the generated straight-line validators
//! (`schema::valid122`, and `schema::valid230` with `layer230`, written by
//! `tl gen` from the schema), and the entry points through which the walker
//! and the typed decoders reach them, for the layer they read.
//!
//! The walker interprets the layer table, which costs a dispatch per field.
//! A generated validator checks exactly the same rules for one combinator in
//! straight-line code. The hand-off is all or nothing: a validator either
//! validates the whole object and says where it ends, or answers `None`
//! without side effects (an unusual shape, a nested object without a
//! validator, an error, or not enough depth budget), and the walker then
//! validates the object from its start as usual. Errors are always found
//! and reported by the walker, so they read the same either way. There is no
//! recursion: validators call each other only along the schema's acyclic
//! part, and never the walker.
//!
//! Nothing here knows a constructor's layout: the primitives below read one
//! kind of value each, and every flag bit, size and field order is in the
//! generated code. Which validators exist is chosen by the `fast` (the hot
//! lists, `schema/hot122.txt` and `schema/hot230.txt`) and `fast-all`
//! (every combinator) features.

// Without `fast` no validator is compiled, and the primitives go unused.
#![cfg_attr(not(feature = "fast"), allow(dead_code))]

use crate::reader::Reader;
use crate::schema;

/// The levels a validator needs free under its object: `hot` when only
/// the hot list's validators exist, `all` with `fast-all` (its paths reach
/// deeper).
#[cfg(feature = "fast")]
#[inline(always)]
pub(crate) const fn levels(hot: u32, all: u32) -> u32 {
    if cfg!(feature = "fast-all") {
        all
    } else {
        hot
    }
}

// Each primitive reads one value at the start of the bytes `r` left and
// returns the bytes after it. A slice is two registers, and `Option` of one
// is too (its pointer is never null): the generated validators' calls pass
// and return what is left in registers, where a reader passed by reference
// would go through memory at each one, and each read is one length check.

/// A generated validator: the bytes after the object (or its fields) at
/// the start of `r`, or `None`.
pub(crate) type Check = for<'a> fn(&'a [u8]) -> Option<&'a [u8]>;

/// `N` bytes of fixed-size fields, for their flags words to be read from,
/// and the bytes after them.
#[inline(always)]
pub(crate) fn take<const N: usize>(r: &[u8]) -> Option<(&[u8; N], &[u8])> {
    r.split_first_chunk::<N>()
}

/// The flags word at byte `at` of `run`, if only `declared` bits are set.
#[inline(always)]
pub(crate) fn flags<const N: usize>(run: &[u8; N], at: usize, declared: u32) -> Option<u32> {
    let w = u32::from_le_bytes(*run.get(at..)?.first_chunk::<4>()?);
    (w & !declared == 0).then_some(w)
}

/// A word (a constructor id).
#[inline(always)]
pub(crate) fn word(r: &[u8]) -> Option<(u32, &[u8])> {
    let (w, rest) = r.split_first_chunk::<4>()?;
    Some((u32::from_le_bytes(*w), rest))
}

/// `n` bytes of fields whose every value is valid (`int`, `long`, ...).
#[inline(always)]
pub(crate) fn fixed(r: &[u8], n: usize) -> Option<&[u8]> {
    r.get(n..)
}

/// A canonical `string` or `bytes`.
#[inline(always)]
pub(crate) fn bytes(r: &[u8]) -> Option<&[u8]> {
    crate::reader::after_string(r)
}

/// A `Bool`.
#[cfg_attr(not(feature = "fast-all"), allow(dead_code))]
#[inline(always)]
pub(crate) fn boolean(r: &[u8]) -> Option<&[u8]> {
    let (w, rest) = word(r)?;
    matches!(w, crate::reader::BOOL_TRUE | crate::reader::BOOL_FALSE).then_some(rest)
}

/// A vector's header (`boxed`: with the `vector` id): its count and the
/// bytes of its elements on, when `count` elements of at least `min` bytes
/// fit in them (the walker's check).
#[inline(always)]
pub(crate) fn count(r: &[u8], boxed: bool, min: usize) -> Option<(u32, &[u8])> {
    let (count, rest) = if boxed {
        let (h, rest) = r.split_first_chunk::<8>()?;
        let [a, b, c, d, e, f, g, h] = *h;
        if u32::from_le_bytes([a, b, c, d]) != crate::reader::VECTOR {
            return None;
        }
        (u32::from_le_bytes([e, f, g, h]), rest)
    } else {
        word(r)?
    };
    let need = u64::from(count).saturating_mul(min.max(1) as u64);
    (need <= rest.len() as u64).then_some((count, rest))
}

/// A vector of `size`-byte values that are all valid.
#[inline(always)]
pub(crate) fn fixed_vector(r: &[u8], boxed: bool, size: usize) -> Option<&[u8]> {
    let (n, rest) = count(r, boxed, size)?;
    // The count was checked against the bytes left: no overflow here.
    rest.get(usize::try_from(n).ok()?.checked_mul(size)?..)
}

/// Validates the fields of the object of combinator `index` of `layer`
/// whose id has just been read, when it has a validator and at most `below`
/// more levels may nest under it: the reader after the object, or `None` to
/// leave the object to the walker (the reader given is not touched).
#[inline(always)]
pub(crate) fn body<'a>(
    layer: crate::Layer,
    index: schema::CtorIndex,
    r: &Reader<'a>,
    below: u32,
) -> Option<Reader<'a>> {
    #[cfg(feature = "fast")]
    {
        let n = match layer {
            crate::Layer::L122 => schema::valid122::body_len(index, r.rest(), below)?,
            #[cfg(feature = "layer230")]
            crate::Layer::L230 => schema::valid230::body_len(index, r.rest(), below)?,
        };
        let mut after = *r;
        after.skip_opt(n)?;
        Some(after)
    }
    #[cfg(not(feature = "fast"))]
    {
        let _ = (layer, index, r, below);
        None
    }
}

/// The validator of boxed objects of type `ty` of `layer` with `below`
/// levels free under them (see [`validate`]), found once for a vector of
/// them: `check(bytes)` is the bytes after the object at their start, or
/// `None` (the caller then takes the walker's path, which reports any
/// error).
#[inline]
pub(crate) fn boxed(layer: crate::Layer, ty: schema::TypeIndex, below: u32) -> Option<Check> {
    #[cfg(feature = "fast")]
    {
        match layer {
            crate::Layer::L122 => schema::valid122::boxed(ty, below),
            #[cfg(feature = "layer230")]
            crate::Layer::L230 => schema::valid230::boxed(ty, below),
        }
    }
    #[cfg(not(feature = "fast"))]
    {
        let _ = (layer, ty, below);
        None
    }
}

/// Validates the boxed object of type `ty` of `layer` at `r` when its
/// constructor has no fields or a validator with `below` levels free under
/// it: the reader after it, or `None` (the caller then takes the walker's
/// path, which reports any error).
#[inline]
pub(crate) fn validate<'a>(
    layer: crate::Layer,
    r: &Reader<'a>,
    ty: schema::TypeIndex,
    below: u32,
) -> Option<Reader<'a>> {
    let rest = r.rest();
    let n = rest.len() - boxed(layer, ty, below)?(rest)?.len();
    let mut after = *r;
    after.skip_opt(n)?;
    Some(after)
}

#[cfg(test)]
// Tests only: the unwraps and panics below run on hand-built golden objects, never on input.
// Without `fast` only some of the objects are used.
#[cfg_attr(not(feature = "fast"), allow(dead_code))]
mod tests {
    use super::*;
    use crate::schema::{id, ty};

    /// The layer of the objects here.
    const L: crate::Layer = crate::Layer::L122;

    /// Four bytes that no object here ends with: what follows each object,
    /// so that a validator's end is told apart from the input's end.
    const TAIL: [u8; 4] = [0xde, 0xad, 0xbe, 0xef];

    /// `peerUser#9db1bc6d user_id:int = Peer;` with `user_id` 7.
    const PEER_USER_7: [u8; 8] = [0x6d, 0xbc, 0xb1, 0x9d, 7, 0, 0, 0];

    /// `messageEntityBold#bd610bc9 offset:int length:int` (3, 4).
    const BOLD: [u8; 12] = [0xc9, 0x0b, 0x61, 0xbd, 3, 0, 0, 0, 4, 0, 0, 0];

    /// `messageEntityTextUrl#76a6d327 offset:int length:int url:string`
    /// (0, 5, "https://t.me"): the 12 bytes of the url after a length
    /// byte, 3 bytes of padding.
    const TEXT_URL: [u8; 28] = [
        0x27, 0xd3, 0xa6, 0x76, 0, 0, 0, 0, 5, 0, 0, 0, //
        12, b'h', b't', b't', b'p', b's', b':', b'/', b'/', b't', b'.', b'm', //
        b'e', 0, 0, 0,
    ];

    /// `message#58ae39c9` with flags 0x180 (bit 8: `from_id`, bit 7:
    /// `entities`), id 42, from_id `peerUser 7`, peer_id `peerChat 9`,
    /// date 1600000000 (0x5f5e1000), message "hi", entities
    /// `[messageEntityBold 0 2]`: 56 bytes.
    const MESSAGE: [u8; 56] = [
        0xc9, 0x39, 0xae, 0x58, // message
        0x80, 0x01, 0, 0, // flags
        42, 0, 0, 0, // id
        0x6d, 0xbc, 0xb1, 0x9d, 7, 0, 0, 0, // from_id: peerUser 7
        0xbb, 0xe5, 0xd0, 0xba, 9, 0, 0, 0, // peer_id: peerChat 9
        0x00, 0x10, 0x5e, 0x5f, // date
        2, b'h', b'i', 0, // message
        0x15, 0xc4, 0xb5, 0x1c, 1, 0, 0, 0, // entities: vector, 1
        0xc9, 0x0b, 0x61, 0xbd, 0, 0, 0, 0, 2, 0, 0, 0, // bold 0 2
    ];

    /// `user#938458c1` with flags 0x43 (bit 0: `access_hash`, bit 1:
    /// `first_name`, bit 6: `status`), id 1000, access_hash
    /// 0x0102030405060708, first_name "Ann", status `userStatusOnline
    /// 1234`: 32 bytes.
    const USER: [u8; 32] = [
        0xc1, 0x58, 0x84, 0x93, // user
        0x43, 0, 0, 0, // flags
        0xe8, 0x03, 0, 0, // id
        8, 7, 6, 5, 4, 3, 2, 1, // access_hash
        3, b'A', b'n', b'n', // first_name
        0x49, 0x39, 0xb9, 0xed, 0xd2, 0x04, 0, 0, // userStatusOnline 1234
    ];

    /// `object` followed by [`TAIL`].
    fn with_tail(object: &[u8]) -> std::vec::Vec<u8> {
        let mut v = object.to_vec();
        v.extend_from_slice(&TAIL);
        v
    }

    /// The levels a `message` needs free under it: three with the hot list
    /// (an entity's `inputMessageEntityMentionName` holds an `InputUser`,
    /// whose `inputUserFromMessage` holds an `InputPeer`), eight with every
    /// validator (its media reach deeper).
    #[cfg(feature = "fast")]
    const MESSAGE_LEVELS: u32 = if cfg!(feature = "fast-all") { 8 } else { 3 };

    /// Plenty of levels.
    #[cfg(feature = "fast")]
    const DEEP: u32 = crate::Limits::MAX_DEPTH - 1;

    /// `validate` runs a type's validator and gives the reader just after
    /// the object (what follows it untouched, the offset counted from the
    /// reader's base), for objects of several hot types.
    #[cfg(feature = "fast")]
    #[test]
    fn validate_ends_each_object_where_the_schema_says() {
        let cases: [(&[u8], schema::TypeIndex); 5] = [
            (&PEER_USER_7, ty::PEER),
            (&BOLD, ty::MESSAGE_ENTITY),
            (&TEXT_URL, ty::MESSAGE_ENTITY),
            (&MESSAGE, ty::MESSAGE),
            (&USER, ty::USER),
        ];
        for (object, t) in cases {
            let bytes = with_tail(object);
            // Golden objects of this module, not input: a decline is a bug.
            let after = validate(L, &Reader::new(&bytes), t, DEEP)
                .unwrap_or_else(|| panic!("{object:x?}: declined"));
            assert_eq!(after.offset(), object.len(), "{object:x?}");
            assert_eq!(after.rest(), &TAIL, "{object:x?}");
            // Behind 1000 bytes of a larger message (the same golden object).
            let after = validate(L, &Reader::with_base(&bytes, 1000), t, DEEP).unwrap();
            assert_eq!(after.offset(), 1000 + object.len());
            // Alone: nothing left after it (the same golden object).
            let after = validate(L, &Reader::new(object), t, DEEP).unwrap();
            assert_eq!(after.offset(), object.len());
            assert!(after.is_empty());
            // The walker agrees on the end (golden bytes: decoding cannot fail).
            let (o, rest) =
                crate::Object::decode_prefix(&bytes, crate::walk::Expect::Type(t)).unwrap();
            assert_eq!((o.body().len() + 4, rest), (object.len(), &TAIL[..]));
        }
    }

    /// `validate` declines (`None`) what it cannot finish: every cut of an
    /// object, a constructor of another type, an unknown id, a flag bit
    /// the constructor does not declare, non-zero padding, and too few
    /// levels free.
    #[cfg(feature = "fast")]
    #[test]
    fn validate_declines() {
        for (object, t) in [
            (&MESSAGE[..], ty::MESSAGE),
            (&USER[..], ty::USER),
            (&TEXT_URL[..], ty::MESSAGE_ENTITY),
            (&PEER_USER_7[..], ty::PEER),
        ] {
            for cut in 0..object.len() {
                assert!(
                    validate(L, &Reader::new(&object[..cut]), t, DEEP).is_none(),
                    "{object:x?} cut at {cut}"
                );
            }
        }
        // A `Peer` where a `Message` belongs, and the other way round.
        assert!(validate(L, &Reader::new(&PEER_USER_7), ty::MESSAGE, DEEP).is_none());
        assert!(validate(L, &Reader::new(&MESSAGE), ty::PEER, DEEP).is_none());
        // No combinator has id 0.
        assert!(validate(L, &Reader::new(&[0; 8]), ty::PEER, DEEP).is_none());
        // Flag bit 31 is not one of `user`'s.
        let mut bad = USER;
        bad[7] = 0x80;
        assert!(validate(L, &Reader::new(&bad), ty::USER, DEEP).is_none());
        // Padding after the url that is not zero.
        let mut bad = TEXT_URL;
        bad[27] = 1;
        assert!(validate(L, &Reader::new(&bad), ty::MESSAGE_ENTITY, DEEP).is_none());
        // Depth: a `message` needs `MESSAGE_LEVELS` free under it, a
        // `peerUser` none.
        let message = with_tail(&MESSAGE);
        let r = Reader::new(&message);
        assert!(validate(L, &r, ty::MESSAGE, 0).is_none());
        assert!(validate(L, &r, ty::MESSAGE, MESSAGE_LEVELS - 1).is_none());
        // The golden message with enough levels: validates, no input involved.
        let after = validate(L, &r, ty::MESSAGE, MESSAGE_LEVELS).unwrap();
        assert_eq!(after.offset(), MESSAGE.len());
        let after = validate(L, &Reader::new(&PEER_USER_7), ty::PEER, 0).unwrap();
        assert_eq!(after.offset(), 8);
    }

    /// `boxed` finds a type's validator, which reads one boxed object and
    /// gives the bytes after it; none where too few levels are free.
    #[cfg(feature = "fast")]
    #[test]
    fn boxed_finds_the_validator() {
        let peer = boxed(L, ty::PEER, 0).unwrap();
        let bytes = with_tail(&PEER_USER_7);
        assert_eq!(peer(&bytes), Some(&TAIL[..]));
        assert_eq!(peer(&PEER_USER_7), Some(&[][..]));
        assert_eq!(peer(&PEER_USER_7[..7]), None);
        assert_eq!(peer(&BOLD), None);

        let message = boxed(L, ty::MESSAGE, MESSAGE_LEVELS).unwrap();
        let bytes = with_tail(&MESSAGE);
        assert_eq!(message(&bytes), Some(&TAIL[..]));
        assert_eq!(message(&MESSAGE[..55]), None);
        assert!(boxed(L, ty::MESSAGE, MESSAGE_LEVELS - 1).is_none());

        let entity = boxed(L, ty::MESSAGE_ENTITY, DEEP).unwrap();
        let mut two = BOLD.to_vec();
        two.extend_from_slice(&TEXT_URL);
        assert_eq!(entity(&two), Some(&TEXT_URL[..]));
        assert_eq!(entity(&TEXT_URL), Some(&[][..]));

        let user = boxed(L, ty::USER, DEEP).unwrap();
        assert_eq!(user(&with_tail(&USER)), Some(&TAIL[..]));
    }

    /// `body` validates the fields of an object whose id has been read,
    /// by the constructor's index, and gives the reader after them.
    #[cfg(feature = "fast")]
    #[test]
    fn body_validates_the_fields() {
        let message = with_tail(&MESSAGE);
        let index = schema::index_of(id::MESSAGE).unwrap();
        // A reader at the flags, 4 bytes into the message.
        let mut r = Reader::new(&message);
        assert_eq!(r.read_id().unwrap(), id::MESSAGE);
        let after = body(L, index, &r, DEEP).unwrap();
        assert_eq!(after.offset(), MESSAGE.len());
        assert_eq!(after.rest(), &TAIL);
        // The reader given is not moved.
        assert_eq!(r.offset(), 4);
        assert!(body(L, index, &r, MESSAGE_LEVELS - 1).is_none());
        assert!(body(L, index, &Reader::with_base(&MESSAGE[4..55], 4), DEEP).is_none());

        let cases: [(&[u8], u32, usize); 4] = [
            (&PEER_USER_7, id::PEER_USER, 4),
            (&BOLD, id::MESSAGE_ENTITY_BOLD, 8),
            (&TEXT_URL, id::MESSAGE_ENTITY_TEXT_URL, 24),
            (&USER, id::USER, 28),
        ];
        for (object, cid, fields) in cases {
            let index = schema::index_of(cid).unwrap();
            let bytes = with_tail(&object[4..]);
            let after = body(L, index, &Reader::with_base(&bytes, 4), DEEP).unwrap();
            assert_eq!(after.offset(), 4 + fields, "{cid:#x}");
            assert_eq!(after.rest(), &TAIL, "{cid:#x}");
            let cut = Reader::with_base(&object[4..object.len() - 1], 4);
            assert!(body(L, index, &cut, DEEP).is_none(), "{cid:#x}");
        }
    }

    /// Without `fast` there are no validators: every entry point declines.
    #[cfg(not(feature = "fast"))]
    #[test]
    fn without_fast_everything_is_left_to_the_walker() {
        let r = Reader::new(&MESSAGE);
        assert!(validate(L, &r, ty::MESSAGE, 100).is_none());
        assert!(boxed(L, ty::PEER, 100).is_none());
        let index = schema::index_of(id::PEER_USER).unwrap();
        assert!(body(L, index, &Reader::new(&PEER_USER_7[4..]), 100).is_none());
        // The walker still reads them all.
        for (object, t) in [(&MESSAGE[..], ty::MESSAGE), (&USER[..], ty::USER)] {
            let o = crate::Object::decode(object, crate::walk::Expect::Type(t)).unwrap();
            assert_eq!(o.body().len() + 4, object.len());
        }
    }

    /// `boolean` reads `boolTrue#997275b5` or `boolFalse#bc799737`, and
    /// nothing else.
    #[test]
    fn boolean_reads_either_bool() {
        let t = [0xb5, 0x75, 0x72, 0x99, 1, 2];
        let f = [0x37, 0x97, 0x79, 0xbc];
        assert_eq!(boolean(&t), Some(&[1u8, 2][..]));
        assert_eq!(boolean(&f), Some(&[][..]));
        assert_eq!(boolean(&t[..3]), None);
        assert_eq!(boolean(&[]), None);
        // One bit off each, and a `peerUser`.
        assert_eq!(boolean(&[0xb4, 0x75, 0x72, 0x99]), None);
        assert_eq!(boolean(&[0x37, 0x97, 0x79, 0xbd]), None);
        assert_eq!(boolean(&PEER_USER_7), None);
    }
}
