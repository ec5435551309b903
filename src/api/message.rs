//! `MessageEntity`, `MessageFwdHeader`, `MessageReplyHeader` and `MessageMedia`.

use core::fmt;

use super::contacts::InputUser;
use super::peer::Peer;
use super::{Ctx, Decode};
use crate::error::{Error, ErrorKind, Result};
use crate::flags::Flags;
use crate::object::Object;
use crate::reader::Reader;
use crate::schema::{id, ty};
use crate::string::TlStr;
use crate::walk::Expect;

macro_rules! plain_entities {
    ($($variant:ident = $id:ident, $name:literal, $index:literal;)*) => {
        /// Every entity constructor, in the order of [`MessageEntity`]'s
        /// variants (the plain ones first).
        const ENTITY_IDS: [u32; ENTITY_COUNT] = [
            $(id::$id,)*
            id::MESSAGE_ENTITY_PRE,
            id::MESSAGE_ENTITY_TEXT_URL,
            id::MESSAGE_ENTITY_MENTION_NAME,
            id::INPUT_MESSAGE_ENTITY_MENTION_NAME,
        ];

        /// A `MessageEntity`: one of the 19 constructors of layer 122. Every
        /// one has `offset` and `length` (in UTF-16 code units of the text).
        ///
        /// `repr(u32)` puts `offset` and `length` at the same place in every
        /// variant (so reading them is one load, whatever the constructor)
        /// and makes the tag the variant's index in declaration order.
        #[derive(Clone, Copy, PartialEq, Eq)]
        #[repr(u32)]
        pub enum MessageEntity<'a> {
            $(
                #[doc = concat!("`", $name, "`.")]
                $variant {
                    /// Start, in UTF-16 code units.
                    offset: i32,
                    /// Length, in UTF-16 code units.
                    length: i32,
                },
            )*
            /// `messageEntityPre`.
            MessageEntityPre {
                /// Start, in UTF-16 code units.
                offset: i32,
                /// Length, in UTF-16 code units.
                length: i32,
                /// The code block's language.
                language: TlStr<'a>,
            },
            /// `messageEntityTextUrl`.
            MessageEntityTextUrl {
                /// Start, in UTF-16 code units.
                offset: i32,
                /// Length, in UTF-16 code units.
                length: i32,
                /// The link.
                url: TlStr<'a>,
            },
            /// `messageEntityMentionName`.
            MessageEntityMentionName {
                /// Start, in UTF-16 code units.
                offset: i32,
                /// Length, in UTF-16 code units.
                length: i32,
                /// The user mentioned.
                user_id: i32,
            },
            /// `inputMessageEntityMentionName`.
            InputMessageEntityMentionName {
                /// Start, in UTF-16 code units.
                offset: i32,
                /// Length, in UTF-16 code units.
                length: i32,
                /// The user mentioned.
                user_id: InputUser<'a>,
            },
        }

        impl<'a> MessageEntity<'a> {
            /// Its constructor id.
            pub fn id(&self) -> u32 {
                match self {
                    $(MessageEntity::$variant { .. } => id::$id,)*
                    MessageEntity::MessageEntityPre { .. } => id::MESSAGE_ENTITY_PRE,
                    MessageEntity::MessageEntityTextUrl { .. } => id::MESSAGE_ENTITY_TEXT_URL,
                    MessageEntity::MessageEntityMentionName { .. } => id::MESSAGE_ENTITY_MENTION_NAME,
                    MessageEntity::InputMessageEntityMentionName { .. } => {
                        id::INPUT_MESSAGE_ENTITY_MENTION_NAME
                    }
                }
            }

            /// Its constructor name (`messageEntityBold`).
            pub fn name(&self) -> &'static str {
                match self {
                    $(MessageEntity::$variant { .. } => $name,)*
                    MessageEntity::MessageEntityPre { .. } => "messageEntityPre",
                    MessageEntity::MessageEntityTextUrl { .. } => "messageEntityTextUrl",
                    MessageEntity::MessageEntityMentionName { .. } => "messageEntityMentionName",
                    MessageEntity::InputMessageEntityMentionName { .. } => {
                        "inputMessageEntityMentionName"
                    }
                }
            }

            /// Start, in UTF-16 code units.
            pub fn offset(&self) -> i32 {
                match *self {
                    $(MessageEntity::$variant { offset, .. } => offset,)*
                    MessageEntity::MessageEntityPre { offset, .. }
                    | MessageEntity::MessageEntityTextUrl { offset, .. }
                    | MessageEntity::MessageEntityMentionName { offset, .. }
                    | MessageEntity::InputMessageEntityMentionName { offset, .. } => offset,
                }
            }

            /// Length, in UTF-16 code units.
            pub fn length(&self) -> i32 {
                match *self {
                    $(MessageEntity::$variant { length, .. } => length,)*
                    MessageEntity::MessageEntityPre { length, .. }
                    | MessageEntity::MessageEntityTextUrl { length, .. }
                    | MessageEntity::MessageEntityMentionName { length, .. }
                    | MessageEntity::InputMessageEntityMentionName { length, .. } => length,
                }
            }

            /// Every constructor but `inputMessageEntityMentionName` (whose
            /// `InputUser` can nest), read with one lookup of the id.
            /// `None` (nothing consumed) for that one, an unknown id, or
            /// any error, which the careful path then reports.
            #[inline(always)]
            fn read_flat(r: &mut Reader<'a>) -> Option<MessageEntity<'a>> {
                let mut after = *r;
                let head = after.take_opt::<12>()?;
                let [i0, i1, i2, i3, o0, o1, o2, o3, l0, l1, l2, l3] = *head;
                let offset = i32::from_le_bytes([o0, o1, o2, o3]);
                let length = i32::from_le_bytes([l0, l1, l2, l3]);
                let cid = u32::from_le_bytes([i0, i1, i2, i3]);
                let e = match entity_index(cid)? {
                    $($index => MessageEntity::$variant { offset, length },)*
                    ENTITY_PRE => MessageEntity::MessageEntityPre {
                        offset,
                        length,
                        language: after.string_opt()?,
                    },
                    ENTITY_TEXT_URL => MessageEntity::MessageEntityTextUrl {
                        offset,
                        length,
                        url: after.string_opt()?,
                    },
                    ENTITY_MENTION_NAME => MessageEntity::MessageEntityMentionName {
                        offset,
                        length,
                        user_id: after.int_opt()?,
                    },
                    _ => return None,
                };
                *r = after;
                Some(e)
            }

            /// [`MessageEntity::read_flat`] of bytes validated before:
            /// the entity and its size first, then one advance.
            #[inline(always)]
            fn read_valid_flat(r: &mut Reader<'a>) -> Option<MessageEntity<'a>> {
                let rest = r.rest();
                let head = rest.first_chunk::<12>()?;
                let [i0, i1, i2, i3, o0, o1, o2, o3, l0, l1, l2, l3] = *head;
                let offset = i32::from_le_bytes([o0, o1, o2, o3]);
                let length = i32::from_le_bytes([l0, l1, l2, l3]);
                let cid = u32::from_le_bytes([i0, i1, i2, i3]);
                let string = || {
                    let (data, size) = crate::reader::string_at(rest, 12);
                    (TlStr::new(data), 12 + size)
                };
                let index = entity_index_valid(cid);
                if index < ENTITY_PLAIN {
                    let e = match index {
                        $($index => MessageEntity::$variant { offset, length },)*
                        _ => return None,
                    };
                    r.skip_opt(12)?;
                    return Some(e);
                }
                let (e, size) = match index {
                    ENTITY_PRE => {
                        let (language, size) = string();
                        (MessageEntity::MessageEntityPre { offset, length, language }, size)
                    }
                    ENTITY_TEXT_URL => {
                        let (url, size) = string();
                        (MessageEntity::MessageEntityTextUrl { offset, length, url }, size)
                    }
                    ENTITY_MENTION_NAME => {
                        let user_id = crate::reader::int_at(rest, 12);
                        (MessageEntity::MessageEntityMentionName { offset, length, user_id }, 16)
                    }
                    _ => return None,
                };
                // A cut entity (never in validated bytes) ends past the input.
                r.skip_opt(size)?;
                Some(e)
            }

            fn plain(found: u32, offset: i32, length: i32) -> Option<MessageEntity<'a>> {
                match found {
                    $(id::$id => Some(MessageEntity::$variant { offset, length }),)*
                    _ => None,
                }
            }
        }
    };
}

plain_entities! {
    MessageEntityUnknown = MESSAGE_ENTITY_UNKNOWN, "messageEntityUnknown", 0;
    MessageEntityMention = MESSAGE_ENTITY_MENTION, "messageEntityMention", 1;
    MessageEntityHashtag = MESSAGE_ENTITY_HASHTAG, "messageEntityHashtag", 2;
    MessageEntityBotCommand = MESSAGE_ENTITY_BOT_COMMAND, "messageEntityBotCommand", 3;
    MessageEntityUrl = MESSAGE_ENTITY_URL, "messageEntityUrl", 4;
    MessageEntityEmail = MESSAGE_ENTITY_EMAIL, "messageEntityEmail", 5;
    MessageEntityBold = MESSAGE_ENTITY_BOLD, "messageEntityBold", 6;
    MessageEntityItalic = MESSAGE_ENTITY_ITALIC, "messageEntityItalic", 7;
    MessageEntityCode = MESSAGE_ENTITY_CODE, "messageEntityCode", 8;
    MessageEntityPhone = MESSAGE_ENTITY_PHONE, "messageEntityPhone", 9;
    MessageEntityCashtag = MESSAGE_ENTITY_CASHTAG, "messageEntityCashtag", 10;
    MessageEntityUnderline = MESSAGE_ENTITY_UNDERLINE, "messageEntityUnderline", 11;
    MessageEntityStrike = MESSAGE_ENTITY_STRIKE, "messageEntityStrike", 12;
    MessageEntityBlockquote = MESSAGE_ENTITY_BLOCKQUOTE, "messageEntityBlockquote", 13;
    MessageEntityBankCard = MESSAGE_ENTITY_BANK_CARD, "messageEntityBankCard", 14;
}

/// How many constructors `MessageEntity` has.
const ENTITY_COUNT: usize = 19;
/// The index (in [`ENTITY_IDS`]) of the first constructor with more than
/// `offset` and `length`; the plain ones come before it.
const ENTITY_PLAIN: u32 = 15;
/// The index of `messageEntityPre`.
const ENTITY_PRE: u32 = 15;
/// The index of `messageEntityTextUrl`.
const ENTITY_TEXT_URL: u32 = 16;
/// The index of `messageEntityMentionName`.
const ENTITY_MENTION_NAME: u32 = 17;

/// The slot of `id` among 64: the top six bits of `id * mul`.
const fn entity_slot(id: u32, mul: u32) -> usize {
    (id.wrapping_mul(mul) >> 26) as usize
}

/// The first odd multiplier (counting from the golden ratio's) that gives
/// every entity constructor a slot of its own: found by the compiler, so a
/// changed id list can never collide silently.
#[allow(clippy::indexing_slicing)] // evaluated at compile time only
const fn entity_mul(ids: &[u32; ENTITY_COUNT]) -> u32 {
    let mut mul: u32 = 0x9e37_79b1;
    loop {
        let mut used = 0u64;
        let mut i = 0;
        while i < ids.len() {
            let bit = 1u64 << entity_slot(ids[i], mul);
            if used & bit != 0 {
                break;
            }
            used |= bit;
            i += 1;
        }
        if i == ids.len() {
            return mul;
        }
        mul = mul.wrapping_add(2);
    }
}

/// The entity ids' hash multiplier.
const ENTITY_MUL: u32 = entity_mul(&ENTITY_IDS);

/// The slots: `id << 8 | index`. An empty slot holds the first id, whose
/// own slot is another, so no input id can match it there (and index
/// `0xff`, which no variant has).
#[allow(clippy::indexing_slicing)] // evaluated at compile time only
const fn entity_slots() -> [u64; 64] {
    let mut slots = [(ENTITY_IDS[0] as u64) << 8 | 0xff; 64];
    let mut i = 0;
    while i < ENTITY_COUNT {
        slots[entity_slot(ENTITY_IDS[i], ENTITY_MUL)] = (ENTITY_IDS[i] as u64) << 8 | i as u64;
        i += 1;
    }
    slots
}

/// The entity ids' hash table (512 bytes).
static ENTITY_SLOTS: [u64; 64] = entity_slots();

/// The slot of `id` with `id << 8` taken out: the variant's index (below
/// 256) when `id` is an entity constructor, 256 or more for any other id.
/// So one compare both checks the id and tells the plain entities (index
/// below [`ENTITY_PLAIN`]) from the rest.
#[inline(always)]
fn entity_match(id: u32) -> u64 {
    // The slot is below 64 by construction; `get` never fails.
    ENTITY_SLOTS
        .get(entity_slot(id, ENTITY_MUL))
        .map_or(u64::MAX, |slot| slot ^ u64::from(id) << 8)
}

/// The index in [`ENTITY_IDS`] (the variant) of an entity constructor id:
/// one multiply, one load, one compare. `None` for any other id.
#[inline(always)]
fn entity_index(id: u32) -> Option<u32> {
    let x = entity_match(id);
    (x < 256).then_some(x as u32)
}

/// [`entity_index`] of an id known to be an entity's (it was validated):
/// one multiply and one load. Any other id gives some index, never a panic.
#[inline(always)]
fn entity_index_valid(id: u32) -> u32 {
    ENTITY_SLOTS
        .get(entity_slot(id, ENTITY_MUL))
        .map_or(u32::MAX, |slot| (slot & 0xff) as u32)
}

/// Skips one entity as [`MessageEntity::read_flat`] reads it (`None` where
/// that gives `None`), without building it: the validation of a vector.
#[inline(always)]
fn skip_flat(r: &mut Reader<'_>) -> Option<()> {
    let rest = r.rest();
    let head = rest.first_chunk::<12>()?;
    let [i0, i1, i2, i3, ..] = *head;
    let x = entity_match(u32::from_le_bytes([i0, i1, i2, i3]));
    if x < u64::from(ENTITY_PLAIN) {
        return r.skip_opt(12);
    }
    let extra = match x {
        PRE_OR_TEXT_URL_START..=PRE_OR_TEXT_URL_END => {
            crate::reader::string_size_opt(rest.get(12..)?)?
        }
        MENTION_NAME => 4,
        _ => return None,
    };
    r.skip_opt(12 + extra)
}

/// [`ENTITY_PRE`] and [`ENTITY_TEXT_URL`], as [`entity_match`] gives them.
const PRE_OR_TEXT_URL_START: u64 = ENTITY_PRE as u64;
/// See [`PRE_OR_TEXT_URL_START`].
const PRE_OR_TEXT_URL_END: u64 = ENTITY_TEXT_URL as u64;
/// [`ENTITY_MENTION_NAME`], as [`entity_match`] gives it.
const MENTION_NAME: u64 = ENTITY_MENTION_NAME as u64;

/// The error for a constructor of the wrong type where `expected` belongs.
#[cold]
pub(crate) fn wrong_type(expected_type: crate::schema::TypeIndex, found: u32, at: usize) -> Error {
    let kind = if crate::schema::constructor_by_id(found).is_some() {
        ErrorKind::WrongType {
            expected_type,
            found,
        }
    } else {
        ErrorKind::UnknownConstructor { id: found }
    };
    Error::new(kind, at)
}

impl<'a> Decode<'a> for MessageEntity<'a> {
    const MIN_SIZE: usize = 12;
    #[inline]
    fn decode_in(r: &mut Reader<'a>, cx: Ctx<'_>) -> Result<MessageEntity<'a>> {
        if let Some(e) = MessageEntity::read_flat(r) {
            return Ok(e);
        }
        let at = r.offset();
        let found = r.read_id()?;
        // `offset` and `length` come first in every constructor.
        let (offset, length) = match r.take_array::<8>(crate::Item::Int) {
            Ok(b) => {
                let (o, l) = b.split_at(4);
                let word = |x: &[u8]| x.try_into().map(i32::from_le_bytes).unwrap_or(0);
                (word(o), word(l))
            }
            Err(e) => {
                // Report a wrong constructor before a short input.
                return Err(match MessageEntity::plain(found, 0, 0) {
                    None if !matches!(
                        found,
                        id::MESSAGE_ENTITY_PRE
                            | id::MESSAGE_ENTITY_TEXT_URL
                            | id::MESSAGE_ENTITY_MENTION_NAME
                            | id::INPUT_MESSAGE_ENTITY_MENTION_NAME
                    ) =>
                    {
                        wrong_type(ty::MESSAGE_ENTITY, found, at)
                    }
                    _ => e,
                });
            }
        };
        Ok(match found {
            id::MESSAGE_ENTITY_PRE => MessageEntity::MessageEntityPre {
                offset,
                length,
                language: r.read_string()?,
            },
            id::MESSAGE_ENTITY_TEXT_URL => MessageEntity::MessageEntityTextUrl {
                offset,
                length,
                url: r.read_string()?,
            },
            id::MESSAGE_ENTITY_MENTION_NAME => MessageEntity::MessageEntityMentionName {
                offset,
                length,
                user_id: r.read_int()?,
            },
            id::INPUT_MESSAGE_ENTITY_MENTION_NAME => MessageEntity::InputMessageEntityMentionName {
                offset,
                length,
                user_id: InputUser::decode_in(r, cx.nested(r)?)?,
            },
            _ => match MessageEntity::plain(found, offset, length) {
                Some(e) => e,
                None => return Err(wrong_type(ty::MESSAGE_ENTITY, found, at)),
            },
        })
    }
}
impl<'a> crate::vector::Element<'a> for MessageEntity<'a> {
    const MIN_SIZE: usize = 12;
    #[inline]
    fn read(r: &mut Reader<'a>) -> Result<MessageEntity<'a>> {
        MessageEntity::decode_in(r, Ctx::root(&super::REREAD))
    }
}

impl<'a> crate::vector::ElementHooks<'a> for MessageEntity<'a> {
    #[cfg_attr(any(debug_assertions, not(feature = "fast")), inline)]
    #[cfg_attr(all(not(debug_assertions), feature = "fast"), inline(always))]
    fn read_valid(r: &mut Reader<'a>) -> Option<MessageEntity<'a>> {
        if let Some(e) = MessageEntity::read_valid_flat(r) {
            return Some(e);
        }
        let (e, used) = super::reread_cold_by_value(*r)?;
        r.skip_opt(used)?;
        Some(e)
    }
    const ENDS_WHEN_EMPTY: bool = true;
}

#[cfg(feature = "names")]
impl fmt::Display for MessageEntity<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        super::display(self, f)
    }
}

#[cfg(feature = "names")]
impl super::TlFields for MessageEntity<'_> {
    fn tl_name(&self) -> &'static str {
        self.name()
    }
    fn tl_fields<O: super::Out>(&self, o: &mut O) -> core::result::Result<(), O::Error> {
        o.int("offset", self.offset())?;
        o.int("length", self.length())?;
        match self {
            MessageEntity::MessageEntityPre { language, .. } => o.str("language", *language)?,
            MessageEntity::MessageEntityTextUrl { url, .. } => o.str("url", *url)?,
            MessageEntity::MessageEntityMentionName { user_id, .. } => {
                o.int("user_id", *user_id)?
            }
            MessageEntity::InputMessageEntityMentionName { user_id, .. } => {
                o.value("user_id", user_id)?
            }
            _ => {}
        }
        Ok(())
    }
}

/// `messageFwdHeader#5f777dce`: where a forwarded message came from.
///
/// A lazy view of the validated header: its bytes (from the flags word)
/// and where `date` is; the fields are read on access.
#[derive(Clone, Copy)]
pub struct MessageFwdHeader<'a> {
    /// The validated bytes from the header's flags word: the header, and
    /// possibly more of the message after it (a short message's view
    /// passes the rest of its body, which saves finding the header's end
    /// until something needs it: [`MessageFwdHeader::exact`]).
    bytes: &'a [u8],
    /// Where `date` is in `bytes`.
    date_at: u32,
}

/// Headers are equal when their fields are: when their bytes are, as the
/// encoding is canonical.
impl PartialEq for MessageFwdHeader<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.exact() == other.exact()
    }
}
impl Eq for MessageFwdHeader<'_> {}

/// The constructor's name and fields, as a generated view's `Debug`.
impl fmt::Debug for MessageFwdHeader<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        super::debug_body(f, id::MESSAGE_FWD_HEADER, self.exact(), 0)
    }
}

/// The fields of a [`MessageFwdHeader`] after `date`, read in order.
#[derive(Clone, Copy, Default)]
struct FwdTail<'a> {
    channel_post: Option<i32>,
    post_author: Option<TlStr<'a>>,
    saved_from_peer: Option<Peer>,
    saved_from_msg_id: Option<i32>,
    psa_type: Option<TlStr<'a>>,
}

impl<'a> MessageFwdHeader<'a> {
    /// The view of bytes validated as a header (after its id): `date`
    /// follows the flags, `from_id` (a `Peer`: always 8 bytes) and
    /// `from_name`, so only a `from_name` needs reading to find it.
    #[inline]
    pub(crate) fn from_valid(bytes: &'a [u8]) -> MessageFwdHeader<'a> {
        let flags = crate::reader::int_at(bytes, 0) as u32;
        let mut date_at = 4 + (flags & 1) * 8;
        if flags & 1 << 5 != 0 {
            date_at += crate::reader::string_at(bytes, date_at as usize).1 as u32;
        }
        MessageFwdHeader { bytes, date_at }
    }

    /// The `int` at byte `at` (validated, so always there).
    #[inline]
    fn int(&self, at: usize) -> i32 {
        crate::reader::int_at(self.bytes, at)
    }

    /// A reader over the validated bytes from `at`.
    #[inline]
    fn reader(&self, at: usize) -> Reader<'a> {
        Reader::new(self.bytes.get(at..).unwrap_or(&[]))
    }

    /// The header's bytes from its flags word to its end, exactly.
    fn exact(&self) -> &'a [u8] {
        let end = self.tail().1;
        self.bytes.get(..end).unwrap_or(self.bytes)
    }

    /// The fields after `date`, and where the header ends in `bytes`.
    fn tail(&self) -> (FwdTail<'a>, usize) {
        let flags = self.flags();
        let mut r = self.reader(self.date_at as usize + 4);
        let mut t = FwdTail::default();
        if flags.has(2) {
            t.channel_post = r.int_opt();
        }
        if flags.has(3) {
            t.post_author = r.string_valid();
        }
        if flags.has(4) {
            t.saved_from_peer = Peer::read_opt(&mut r);
            t.saved_from_msg_id = r.int_opt();
        }
        if flags.has(6) {
            t.psa_type = r.string_valid();
        }
        (t, self.bytes.len() - r.remaining())
    }

    /// `from_id:flags.0?Peer`.
    #[inline]
    pub fn from_id(&self) -> Option<Peer> {
        if !self.flags().has(0) {
            return None;
        }
        Peer::read_valid(&mut self.reader(4))
    }
    /// `from_name:flags.5?string`.
    #[inline]
    pub fn from_name(&self) -> Option<TlStr<'a>> {
        let flags = self.flags();
        if !flags.has(5) {
            return None;
        }
        self.reader(if flags.has(0) { 12 } else { 4 })
            .string_valid()
    }
    /// `date:int`.
    #[inline]
    pub fn date(&self) -> i32 {
        self.int(self.date_at as usize)
    }
    /// `channel_post:flags.2?int`.
    pub fn channel_post(&self) -> Option<i32> {
        self.tail().0.channel_post
    }
    /// `post_author:flags.3?string`.
    pub fn post_author(&self) -> Option<TlStr<'a>> {
        self.tail().0.post_author
    }
    /// `saved_from_peer:flags.4?Peer`.
    pub fn saved_from_peer(&self) -> Option<Peer> {
        self.tail().0.saved_from_peer
    }
    /// `saved_from_msg_id:flags.4?int`.
    pub fn saved_from_msg_id(&self) -> Option<i32> {
        self.tail().0.saved_from_msg_id
    }
    /// `psa_type:flags.6?string`.
    pub fn psa_type(&self) -> Option<TlStr<'a>> {
        self.tail().0.psa_type
    }
    /// The flags word as it was on the wire.
    #[inline]
    pub fn flags(&self) -> Flags {
        Flags(self.int(0) as u32)
    }
}

/// Reads a flags word and refuses bits no field declares.
#[inline]
pub(crate) fn read_flags(r: &mut Reader<'_>, declared: u32) -> Result<Flags> {
    let at = r.offset();
    let f = r.read_flags()?;
    if f.bits() & !declared != 0 {
        return Err(Error::new(
            ErrorKind::UndeclaredFlags {
                flags: f.bits(),
                undeclared: f.bits() & !declared,
            },
            at,
        ));
    }
    Ok(f)
}

/// Reads `T` when bit `bit` of `flags` is set.
#[inline]
pub(crate) fn opt<T>(flags: Flags, bit: u8, read: impl FnOnce() -> Result<T>) -> Result<Option<T>> {
    if flags.has(bit) {
        read().map(Some)
    } else {
        Ok(None)
    }
}

/// The declared flags of `messageFwdHeader`.
const FWD_FLAGS: u32 = 0b111_1101;
/// The flags of `messageFwdHeader`'s string fields (`post_author`,
/// `from_name`, `psa_type`).
const FWD_STRINGS: u32 = 1 << 3 | 1 << 5 | 1 << 6;
/// The declared flags of `messageReplyHeader`.
const REPLY_FLAGS: u32 = 0b11;

/// Skips a boxed `Vector<MessageEntity>` for the straight-line decoders
/// (one level of room below the owner is needed; `None` for anything
/// unusual, including `inputMessageEntityMentionName`). The owner's view
/// finds the vector again from its recorded position.
#[cfg_attr(any(debug_assertions, not(feature = "fast")), inline)]
#[cfg_attr(all(not(debug_assertions), feature = "fast"), inline(always))]
pub(crate) fn skip_entities_opt(r: &mut Reader<'_>) -> Option<()> {
    let [vector, count] = r.words_opt::<2>()?;
    if vector != crate::reader::VECTOR {
        return None;
    }
    // No check of the count against the bytes left: a count too large
    // for them ends the loop at the first entity that does not fit.
    // A local copy, so the loop keeps the reader in registers (through
    // `r` it would be stored and reloaded at every element).
    let mut cur = *r;
    for _ in 0..count {
        skip_flat(&mut cur)?;
    }
    *r = cur;
    Some(())
}

impl<'a> MessageFwdHeader<'a> {
    /// The straight-line read (two levels of room needed: the header and
    /// its peers); `None` for anything unusual.
    #[cfg_attr(any(debug_assertions, not(feature = "fast")), inline)]
    #[cfg_attr(all(not(debug_assertions), feature = "fast"), inline(always))]
    pub(crate) fn read_opt(r: &mut Reader<'a>) -> Option<MessageFwdHeader<'a>> {
        // From the id: `bytes` start after it, at the flags.
        let whole = r.rest();
        let [cid, bits] = r.words_opt::<2>()?;
        if cid != id::MESSAGE_FWD_HEADER || bits & !FWD_FLAGS != 0 {
            return None;
        }
        if bits & FWD_STRINGS == 0 {
            // Fixed-size fields only (the usual header): its size follows
            // from the flags, and only the peers' ids need checking.
            // `from_id` and `saved_from_peer` (with `saved_from_msg_id`)
            // come first and last.
            let has = |bit: u32| bits >> bit & 1;
            let size = 4 + has(0) * 8 + has(2) * 4 + has(4) * 12;
            let fields = r.bytes_opt(size as usize)?;
            if has(0) != 0 && !Peer::is_id(crate::reader::int_at(fields, 0) as u32) {
                return None;
            }
            if has(4) != 0 && !Peer::is_id(crate::reader::int_at(fields, size as usize - 12) as u32)
            {
                return None;
            }
            return Some(MessageFwdHeader {
                bytes: whole.get(4..8 + size as usize)?,
                date_at: 4 + has(0) * 8,
            });
        }
        let flags = Flags(bits);
        if flags.has(0) {
            Peer::read_opt(r)?;
        }
        if flags.has(5) {
            r.skip_string_opt()?;
        }
        let date_at = whole.len() - r.remaining() - 4;
        r.skip_opt(4)?; // date
        if flags.has(2) {
            r.skip_opt(4)?;
        }
        if flags.has(3) {
            r.skip_string_opt()?;
        }
        if flags.has(4) {
            Peer::read_opt(r)?;
            r.skip_opt(4)?;
        }
        if flags.has(6) {
            r.skip_string_opt()?;
        }
        let used = whole.len() - r.remaining();
        Some(MessageFwdHeader {
            bytes: whole.get(4..used)?,
            date_at: date_at as u32,
        })
    }
}

impl MessageReplyHeader {
    /// The header at the start of `bytes`, validated before (by
    /// [`MessageReplyHeader::read_opt`] or the careful path): read without
    /// checking the constructor or the flags again. `None` only where the
    /// bytes are cut, which validated bytes never are.
    #[inline(always)]
    pub(crate) fn read_valid(bytes: &[u8]) -> Option<MessageReplyHeader> {
        let mut r = Reader::new(bytes);
        let [_, bits, msg_id] = r.words_opt::<3>()?;
        let peer = if bits & 1 != 0 {
            Some(Peer::read_valid(&mut r)?)
        } else {
            None
        };
        let top = if bits & 2 != 0 { r.int_opt() } else { None };
        Some(MessageReplyHeader {
            reply_to_msg_id: msg_id as i32,
            reply_to_peer_id: peer,
            reply_to_top_id: top,
        })
    }

    /// The straight-line read (two levels of room needed); `None` for
    /// anything unusual.
    #[cfg_attr(any(debug_assertions, not(feature = "fast")), inline)]
    #[cfg_attr(all(not(debug_assertions), feature = "fast"), inline(always))]
    pub(crate) fn read_opt(r: &mut Reader<'_>) -> Option<MessageReplyHeader> {
        let [cid, bits, msg_id] = r.words_opt::<3>()?;
        if cid != id::MESSAGE_REPLY_HEADER || bits & !REPLY_FLAGS != 0 {
            return None;
        }
        let flags = Flags(bits);
        Some(MessageReplyHeader {
            reply_to_msg_id: msg_id as i32,
            reply_to_peer_id: if flags.has(0) {
                Some(Peer::read_opt(r)?)
            } else {
                None
            },
            reply_to_top_id: if flags.has(1) {
                Some(r.int_opt()?)
            } else {
                None
            },
        })
    }
}

impl<'a> Decode<'a> for MessageFwdHeader<'a> {
    const MIN_SIZE: usize = 12;
    fn decode_in(r: &mut Reader<'a>, cx: Ctx<'_>) -> Result<MessageFwdHeader<'a>> {
        let at = r.offset();
        let found = r.read_id()?;
        if found != id::MESSAGE_FWD_HEADER {
            return Err(wrong_type(ty::MESSAGE_FWD_HEADER, found, at));
        }
        let start = *r;
        let flags = read_flags(r, FWD_FLAGS)?;
        opt(flags, 0, || Peer::read_in(r, cx))?;
        opt(flags, 5, || r.read_string())?;
        let date_at = start.remaining() - r.remaining();
        r.read_int()?;
        opt(flags, 2, || r.read_int())?;
        opt(flags, 3, || r.read_string())?;
        opt(flags, 4, || Peer::read_in(r, cx))?;
        opt(flags, 4, || r.read_int())?;
        opt(flags, 6, || r.read_string())?;
        let used = start.remaining() - r.remaining();
        Ok(MessageFwdHeader {
            bytes: start.rest().get(..used).unwrap_or(&[]),
            date_at: date_at as u32,
        })
    }
}

#[cfg(feature = "names")]
impl fmt::Display for MessageFwdHeader<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        super::display(self, f)
    }
}

#[cfg(feature = "names")]
impl super::TlFields for MessageFwdHeader<'_> {
    fn tl_name(&self) -> &'static str {
        "messageFwdHeader"
    }
    fn tl_fields<O: super::Out>(&self, o: &mut O) -> core::result::Result<(), O::Error> {
        o.opt_value("from_id", self.from_id())?;
        o.opt_str("from_name", self.from_name())?;
        o.int("date", self.date())?;
        let t = self.tail().0;
        o.opt_int("channel_post", t.channel_post)?;
        o.opt_str("post_author", t.post_author)?;
        o.opt_value("saved_from_peer", t.saved_from_peer)?;
        o.opt_int("saved_from_msg_id", t.saved_from_msg_id)?;
        o.opt_str("psa_type", t.psa_type)
    }
}

/// `messageReplyHeader#a6d57763`: what a message replies to.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct MessageReplyHeader {
    reply_to_msg_id: i32,
    reply_to_peer_id: Option<Peer>,
    reply_to_top_id: Option<i32>,
}

impl MessageReplyHeader {
    /// `reply_to_msg_id:int`.
    pub fn reply_to_msg_id(&self) -> i32 {
        self.reply_to_msg_id
    }
    /// `reply_to_peer_id:flags.0?Peer`.
    pub fn reply_to_peer_id(&self) -> Option<Peer> {
        self.reply_to_peer_id
    }
    /// `reply_to_top_id:flags.1?int`.
    pub fn reply_to_top_id(&self) -> Option<i32> {
        self.reply_to_top_id
    }
}

impl<'a> Decode<'a> for MessageReplyHeader {
    const MIN_SIZE: usize = 12;
    fn decode_in(r: &mut Reader<'a>, cx: Ctx<'_>) -> Result<MessageReplyHeader> {
        let at = r.offset();
        let found = r.read_id()?;
        if found != id::MESSAGE_REPLY_HEADER {
            return Err(wrong_type(ty::MESSAGE_REPLY_HEADER, found, at));
        }
        let flags = read_flags(r, REPLY_FLAGS)?;
        Ok(MessageReplyHeader {
            reply_to_msg_id: r.read_int()?,
            reply_to_peer_id: opt(flags, 0, || Peer::read_in(r, cx))?,
            reply_to_top_id: opt(flags, 1, || r.read_int())?,
        })
    }
}

#[cfg(feature = "names")]
impl fmt::Display for MessageReplyHeader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        super::display(self, f)
    }
}

#[cfg(feature = "names")]
impl super::TlFields for MessageReplyHeader {
    fn tl_name(&self) -> &'static str {
        "messageReplyHeader"
    }
    fn tl_fields<O: super::Out>(&self, o: &mut O) -> core::result::Result<(), O::Error> {
        o.int("reply_to_msg_id", self.reply_to_msg_id)?;
        o.opt_value("reply_to_peer_id", self.reply_to_peer_id)?;
        o.opt_int("reply_to_top_id", self.reply_to_top_id)
    }
}

/// `MessageMedia`: which of its 13 constructors, with the payload as a
/// validated dynamic [`Object`] (whose fields are the constructor's).
#[derive(Clone, Copy)]
pub enum MessageMedia<'a> {
    /// `messageMediaEmpty`.
    MessageMediaEmpty,
    /// `messageMediaPhoto`.
    MessageMediaPhoto(Object<'a>),
    /// `messageMediaGeo`.
    MessageMediaGeo(Object<'a>),
    /// `messageMediaContact`.
    MessageMediaContact(Object<'a>),
    /// `messageMediaUnsupported`.
    MessageMediaUnsupported,
    /// `messageMediaDocument`.
    MessageMediaDocument(Object<'a>),
    /// `messageMediaWebPage`.
    MessageMediaWebPage(Object<'a>),
    /// `messageMediaVenue`.
    MessageMediaVenue(Object<'a>),
    /// `messageMediaGame`.
    MessageMediaGame(Object<'a>),
    /// `messageMediaInvoice`.
    MessageMediaInvoice(Object<'a>),
    /// `messageMediaGeoLive`.
    MessageMediaGeoLive(Object<'a>),
    /// `messageMediaPoll`.
    MessageMediaPoll(Object<'a>),
    /// `messageMediaDice`.
    MessageMediaDice(Object<'a>),
}

impl<'a> MessageMedia<'a> {
    /// Its constructor id.
    pub fn id(&self) -> u32 {
        match self {
            MessageMedia::MessageMediaEmpty => id::MESSAGE_MEDIA_EMPTY,
            MessageMedia::MessageMediaUnsupported => id::MESSAGE_MEDIA_UNSUPPORTED,
            MessageMedia::MessageMediaPhoto(o)
            | MessageMedia::MessageMediaGeo(o)
            | MessageMedia::MessageMediaContact(o)
            | MessageMedia::MessageMediaDocument(o)
            | MessageMedia::MessageMediaWebPage(o)
            | MessageMedia::MessageMediaVenue(o)
            | MessageMedia::MessageMediaGame(o)
            | MessageMedia::MessageMediaInvoice(o)
            | MessageMedia::MessageMediaGeoLive(o)
            | MessageMedia::MessageMediaPoll(o)
            | MessageMedia::MessageMediaDice(o) => o.id(),
        }
    }

    /// The payload as a dynamic view (`None` for the empty constructors).
    pub fn object(&self) -> Option<Object<'a>> {
        match *self {
            MessageMedia::MessageMediaEmpty | MessageMedia::MessageMediaUnsupported => None,
            MessageMedia::MessageMediaPhoto(o)
            | MessageMedia::MessageMediaGeo(o)
            | MessageMedia::MessageMediaContact(o)
            | MessageMedia::MessageMediaDocument(o)
            | MessageMedia::MessageMediaWebPage(o)
            | MessageMedia::MessageMediaVenue(o)
            | MessageMedia::MessageMediaGame(o)
            | MessageMedia::MessageMediaInvoice(o)
            | MessageMedia::MessageMediaGeoLive(o)
            | MessageMedia::MessageMediaPoll(o)
            | MessageMedia::MessageMediaDice(o) => Some(o),
        }
    }
}

impl<'a> Decode<'a> for MessageMedia<'a> {
    #[inline]
    fn decode_in(r: &mut Reader<'a>, cx: Ctx<'_>) -> Result<MessageMedia<'a>> {
        // The common case, without a table lookup.
        let mut head = *r;
        if head.read_id() == Ok(id::MESSAGE_MEDIA_EMPTY) {
            *r = head;
            return Ok(MessageMedia::MessageMediaEmpty);
        }
        let start = r.offset();
        let o = cx.object(r, Expect::Type(ty::MESSAGE_MEDIA))?;
        Ok(match o.id() {
            id::MESSAGE_MEDIA_EMPTY => MessageMedia::MessageMediaEmpty,
            id::MESSAGE_MEDIA_UNSUPPORTED => MessageMedia::MessageMediaUnsupported,
            id::MESSAGE_MEDIA_PHOTO => MessageMedia::MessageMediaPhoto(o),
            id::MESSAGE_MEDIA_GEO => MessageMedia::MessageMediaGeo(o),
            id::MESSAGE_MEDIA_CONTACT => MessageMedia::MessageMediaContact(o),
            id::MESSAGE_MEDIA_DOCUMENT => MessageMedia::MessageMediaDocument(o),
            id::MESSAGE_MEDIA_WEB_PAGE => MessageMedia::MessageMediaWebPage(o),
            id::MESSAGE_MEDIA_VENUE => MessageMedia::MessageMediaVenue(o),
            id::MESSAGE_MEDIA_GAME => MessageMedia::MessageMediaGame(o),
            id::MESSAGE_MEDIA_INVOICE => MessageMedia::MessageMediaInvoice(o),
            id::MESSAGE_MEDIA_GEO_LIVE => MessageMedia::MessageMediaGeoLive(o),
            id::MESSAGE_MEDIA_POLL => MessageMedia::MessageMediaPoll(o),
            id::MESSAGE_MEDIA_DICE => MessageMedia::MessageMediaDice(o),
            other => return Err(wrong_type(ty::MESSAGE_MEDIA, other, start)),
        })
    }
}

#[cfg(feature = "names")]
impl fmt::Display for MessageMedia<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        super::display(self, f)
    }
}

#[cfg(feature = "names")]
impl super::TlFields for MessageMedia<'_> {
    fn tl_name(&self) -> &'static str {
        match self {
            MessageMedia::MessageMediaEmpty => "messageMediaEmpty",
            _ => "messageMediaUnsupported",
        }
    }
    fn tl_fields<O: super::Out>(&self, _: &mut O) -> core::result::Result<(), O::Error> {
        Ok(())
    }
    fn tl_object(&self) -> Option<Object<'_>> {
        self.object()
    }
}

#[cfg(feature = "serde")]
crate::ser::tl_serialize!(
    MessageEntity<'_>,
    MessageFwdHeader<'_>,
    MessageReplyHeader,
    MessageMedia<'_>
);

#[cfg(test)]
mod tests {
    use super::*;

    /// The id table gives every entity constructor its variant's index, and
    /// every other type constructor of the layer (and a few odd ids) nothing.
    #[test]
    fn entity_index_finds_exactly_the_entities() {
        for (i, &id) in ENTITY_IDS.iter().enumerate() {
            assert_eq!(entity_index(id), Some(i as u32), "{id:#010x}");
            // The validated-bytes lookup (no compare) agrees on every entity.
            assert_eq!(entity_index_valid(id), i as u32, "{id:#010x}");
        }
        let others = crate::schema::CONSTRUCTORS
            .iter()
            .map(|c| c.id)
            .filter(|id| !ENTITY_IDS.contains(id));
        let mut n = 0;
        for id in others.chain([0, u32::MAX, crate::reader::VECTOR]) {
            assert_eq!(entity_index(id), None, "{id:#010x}");
            n += 1;
        }
        assert!(n > 900);
        // The variants are in the table's order.
        let e = MessageEntity::MessageEntityTextUrl {
            offset: 1,
            length: 2,
            url: TlStr::new(b"u"),
        };
        assert_eq!(ENTITY_IDS[ENTITY_TEXT_URL as usize], e.id());
    }
}

super::type_entry_points!(MessageEntity<'a>, "MessageEntity");
super::type_entry_points!(MessageFwdHeader<'a>, "MessageFwdHeader");
super::type_entry_points!(MessageReplyHeader, "MessageReplyHeader");
super::type_entry_points!(MessageMedia<'a>, "MessageMedia");

/// `name { field: value, … }`, as a generated view's `Debug`.
impl fmt::Debug for MessageEntity<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        super::debug_ctor(f, self.id(), |d| {
            d.field("offset", &self.offset())
                .field("length", &self.length());
            match self {
                MessageEntity::MessageEntityPre { language, .. } => d.field("language", language),
                MessageEntity::MessageEntityTextUrl { url, .. } => d.field("url", url),
                MessageEntity::MessageEntityMentionName { user_id, .. } => {
                    d.field("user_id", user_id)
                }
                MessageEntity::InputMessageEntityMentionName { user_id, .. } => {
                    d.field("user_id", user_id)
                }
                _ => d,
            };
        })
    }
}

impl fmt::Debug for MessageReplyHeader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        super::debug_ctor(f, id::MESSAGE_REPLY_HEADER, |d| {
            d.field("reply_to_msg_id", &self.reply_to_msg_id);
            if let Some(p) = &self.reply_to_peer_id {
                d.field("reply_to_peer_id", p);
            }
            if let Some(t) = &self.reply_to_top_id {
                d.field("reply_to_top_id", t);
            }
        })
    }
}

/// The payload's name and fields (a constructor without fields: its name).
impl fmt::Debug for MessageMedia<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.object() {
            Some(o) => o.fmt(f),
            None => super::debug_ctor(f, self.id(), |_| {}),
        }
    }
}
