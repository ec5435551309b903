//! The three short forms of `Updates` (`updateShortMessage`,
//! `updateShortChatMessage`, `updateShortSentMessage`) as lazy views: the
//! validated body, the flags and where the variable-length parts end. The
//! fixed fields are read from their known positions, the rest from the
//! recorded ones, on access. A view is 40 bytes, so decoding one and
//! handing it back stays cheap.
//!
//! Decoding validates the whole body once: straight-line code for the usual
//! shapes, and the careful path (which reports errors with offsets) for
//! everything else. Both record the same positions.

use super::message::{opt, read_flags, skip_entities_opt};
use super::{read_vector, Ctx, Decode};
use super::{MessageEntity, MessageFwdHeader, MessageMedia, MessageReplyHeader};
use crate::error::Result;
use crate::flags::Flags;
use crate::reader::Reader;
use crate::string::TlStr;
use crate::vector::Vector;

/// The declared flags bits of the two short message constructors.
pub(crate) const SHORT_MESSAGE_FLAGS: u32 =
    1 << 1 | 1 << 2 | 1 << 3 | 1 << 4 | 1 << 5 | 1 << 7 | 1 << 11 | 1 << 13;
/// The declared flags bits of `updateShortSentMessage`.
pub(crate) const SHORT_SENT_FLAGS: u32 = 1 << 1 | 1 << 7 | 1 << 9;

/// A validated body (after the constructor id) and where its parts end.
#[derive(Clone, Copy, Debug)]
struct Body<'a> {
    /// The body, exactly: from the flags word to the end of the object.
    bytes: &'a [u8],
    /// The offset of `bytes` in the message.
    base: usize,
    /// Where its parts end, `a | b << 32`:
    /// - `a`: for the messages, the end of the text; for the sent message,
    ///   the end of the media (or of `date` without media);
    /// - `b`: for the messages, the end of `fwd_from` and `via_bot_id`.
    ab: u64,
    /// The flags word, and in the high half `c`: for the messages, the end
    /// of `reply_to` (where `entities` start). Both halves packed as
    /// [`message_body_ends`] returns them, so a view is built with no
    /// shuffling.
    flags_c: u64,
}

impl<'a> Body<'a> {
    /// The flags word.
    #[inline]
    fn flags(&self) -> Flags {
        Flags(self.flags_c as u32)
    }

    /// `a` of [`Body::ab`].
    #[inline]
    fn a(&self) -> usize {
        self.ab as u32 as usize
    }

    /// `b` of [`Body::ab`].
    #[inline]
    fn b(&self) -> usize {
        (self.ab >> 32) as usize
    }

    /// `c` of [`Body::flags_c`].
    #[inline]
    fn c(&self) -> usize {
        (self.flags_c >> 32) as usize
    }

    /// The `int` at byte `at` of the body's first `HEAD` bytes, which
    /// validation guarantees: every such read shares one bounds check.
    #[inline(always)]
    fn head_int<const HEAD: usize>(&self, at: usize) -> i32 {
        self.bytes
            .first_chunk::<HEAD>()
            .map_or(0, |head| crate::reader::int_at(head, at))
    }

    /// The `int` at byte `at` of the 12 bytes from `a` (`pts`,
    /// `pts_count`, `date`): the three share one bounds check.
    #[inline(always)]
    fn after_text(&self, at: usize) -> i32 {
        let a = self.a();
        let three = self.bytes.get(a..a.wrapping_add(12));
        three.map_or(0, |t| crate::reader::int_at(t, at))
    }

    /// The `int` at byte `at` of the body (validated, so always there).
    #[inline]
    fn int(&self, at: usize) -> i32 {
        crate::reader::int_at(self.bytes, at)
    }

    /// A reader over the validated body from byte `at`.
    #[inline]
    fn reader(&self, at: usize) -> Reader<'a> {
        // `base + at` is within the message, so it cannot wrap.
        Reader::within(
            self.bytes.get(at..).unwrap_or(&[]),
            self.base.wrapping_add(at),
        )
    }

    /// The boxed `Vector<MessageEntity>` that ends the body at byte `at`.
    #[inline]
    fn entities(&self, bit: u8, at: usize) -> Option<Vector<'a, MessageEntity<'a>>> {
        if !self.flags().has(bit) {
            return None;
        }
        // The vector's id and count, then its elements.
        let start = at + 8;
        let (head, elements) = self.bytes.split_at_checked(start)?;
        let count = crate::reader::int_at(head, start - 4) as u32;
        Some(Vector::from_parts(
            elements,
            count,
            self.base.wrapping_add(start),
        ))
    }
}

/// Positions within a body being read: `at` is where the body starts.
#[inline]
fn pos(r: &Reader<'_>, body_start: usize) -> u32 {
    r.offset().saturating_sub(body_start) as u32
}

/// The body bytes from `start` (a reader at the flags word) to `end`.
#[inline]
fn finish<'a>(start: &Reader<'a>, end: &Reader<'a>, flags: Flags, [a, b, c]: [u32; 3]) -> Body<'a> {
    let used = start.remaining().saturating_sub(end.remaining());
    Body {
        bytes: start.rest().get(..used).unwrap_or(&[]),
        base: start.offset(),
        ab: u64::from(a) | u64::from(b) << 32,
        flags_c: u64::from(flags.0) | u64::from(c) << 32,
    }
}

/// Where the parts of a short message's body end (see [`Body`]), as
/// [`message_body_ends`] returns them: `a | b << 32`, never zero (`a` is
/// past the text), and `len | c << 32` (or `flags | c << 32` when the body
/// must fill its input). Two registers, which unpack into [`Body`] with
/// one 8-byte store and one shift.
type Ends = core::num::NonZeroU64;

/// The straight-line validation of a short message's body whose text
/// follows `INTS` `int` fields after the flags (`body` starts at the flags
/// word): where its parts end and its length (see [`Ends`]), or `None` for
/// anything unusual (the careful path then decides), bodies of 4 GiB or
/// more among them. Needs two levels of room below the message.
///
/// With `WHOLE`, the body must fill `body` exactly (a whole message is
/// being decoded): its length is then known, and the second word carries
/// the flags instead, so the caller need not read them again.
///
/// Out of line, and returning two words, so that its loops keep the reader
/// in registers and the caller gets the positions in registers.
#[cfg_attr(any(debug_assertions, not(feature = "fast")), inline)]
#[cfg_attr(all(not(debug_assertions), feature = "fast"), inline(never))]
fn message_body_ends<const INTS: usize, const WHOLE: bool>(body: &[u8]) -> Option<(Ends, u64)> {
    // The shortest body: flags, the ints, an empty text (4 bytes), `pts`,
    // `pts_count` and `date`. Checked first, it bounds the reads before.
    // With `WHOLE`, the same comparison also refuses bodies of 4 GiB or
    // more (whose positions would not fit in 32 bits).
    let shortest = 4 * INTS + 20;
    let longest = if WHOLE { u32::MAX as usize } else { usize::MAX };
    if body.len().wrapping_sub(shortest) > longest - shortest {
        return None;
    }
    let mut f = Reader::new(body);
    let bits = f.u32_opt()?;
    if bits & !SHORT_MESSAGE_FLAGS != 0 {
        return None;
    }
    let flags = Flags(bits);
    f.skip_opt(4 * INTS)?;
    f.skip_string_opt()?;
    let a = f.offset() as u64;
    f.skip_opt(12)?; // pts, pts_count, date
    if flags.has(2) {
        MessageFwdHeader::read_opt(&mut f)?;
    }
    if flags.has(11) {
        f.skip_opt(4)?; // via_bot_id
    }
    let b = f.offset() as u64;
    if flags.has(3) {
        MessageReplyHeader::read_opt(&mut f)?;
    }
    let c = f.offset() as u64;
    if flags.has(7) {
        skip_entities_opt(&mut f)?;
    }
    let ab = Ends::new(a | b << 32)?;
    if WHOLE {
        return f.is_empty().then_some((ab, u64::from(bits) | c << 32));
    }
    let len = f.offset() as u64;
    // Every position is at most `len`, so this bounds them all.
    if len >> 32 != 0 {
        return None;
    }
    Some((ab, len | c << 32))
}

/// The body of a whole message (it must end where `start` does), validated
/// by [`message_body_ends`].
#[cfg_attr(any(debug_assertions, not(feature = "fast")), inline)]
#[cfg_attr(all(not(debug_assertions), feature = "fast"), inline(always))]
fn message_body_whole<const INTS: usize>(start: Reader<'_>) -> Option<Body<'_>> {
    let (ab, flags_c) = message_body_ends::<INTS, true>(start.rest())?;
    Some(Body {
        bytes: start.rest(),
        base: start.offset(),
        ab: ab.get(),
        flags_c,
    })
}

/// The body at `start` (a reader at the flags word, the body validated by
/// [`message_body_ends`], which returned `ab` and `len_c`), and the reader
/// after it.
#[inline(always)]
fn validated_body(start: Reader<'_>, ab: Ends, len_c: u64) -> Option<(Body<'_>, Reader<'_>)> {
    let mut after = start;
    let bytes = after.bytes_opt(len_c as u32 as usize)?;
    let body = Body {
        bytes,
        base: start.offset(),
        ab: ab.get(),
        flags_c: u64::from(crate::reader::int_at(bytes, 0) as u32) | len_c & !0xffff_ffff,
    };
    Some((body, after))
}

/// The straight-line read of a short message's body (see
/// [`message_body_ends`]): the body and the reader after it.
#[cfg_attr(any(debug_assertions, not(feature = "fast")), inline)]
#[cfg_attr(all(not(debug_assertions), feature = "fast"), inline(always))]
fn message_body_fast<const INTS: usize>(start: Reader<'_>) -> Option<(Body<'_>, Reader<'_>)> {
    let (ab, len_c) = message_body_ends::<INTS, false>(start.rest())?;
    validated_body(start, ab, len_c)
}

/// Reads the body of a short message whose text follows `INTS` `int`
/// fields after the flags: straight-line first, carefully on any doubt.
fn read_message_body<'a, const INTS: usize>(r: &mut Reader<'a>, cx: Ctx<'_>) -> Result<Body<'a>> {
    let start = *r;
    let base = start.offset();
    if cfg!(feature = "fast") && cx.room(2) {
        if let Some((body, after)) = message_body_fast::<INTS>(start) {
            *r = after;
            return Ok(body);
        }
    }
    let flags = read_flags(r, SHORT_MESSAGE_FLAGS)?;
    for _ in 0..INTS {
        r.read_int()?;
    }
    r.read_string()?;
    let a = pos(r, base);
    r.read_int()?;
    r.read_int()?;
    r.read_int()?;
    opt(flags, 2, || MessageFwdHeader::decode_in(r, cx.nested(r)?))?;
    opt(flags, 11, || r.read_int())?;
    let b = pos(r, base);
    opt(flags, 3, || MessageReplyHeader::decode_in(r, cx.nested(r)?))?;
    let c = pos(r, base);
    opt(flags, 7, || read_vector::<MessageEntity<'a>>(r, cx))?;
    Ok(finish(&start, r, flags, [a, b, c]))
}

macro_rules! short_message_view {
    (
        $(#[$doc:meta])*
        $name:ident = $tl:literal, ints: $ints:expr, text_at: $text:expr,
        fields: { $($(#[$fdoc:meta])* $field:ident at $at:expr;)* }
    ) => {
        $(#[$doc])*
        #[derive(Clone, Copy)]
        pub struct $name<'a> {
            body: Body<'a>,
        }

        impl<'a> $name<'a> {
            /// `out:flags.1?true`.
            #[inline]
            pub fn out(&self) -> bool {
                self.body.flags().has(1)
            }
            /// `mentioned:flags.4?true`.
            #[inline]
            pub fn mentioned(&self) -> bool {
                self.body.flags().has(4)
            }
            /// `media_unread:flags.5?true`.
            #[inline]
            pub fn media_unread(&self) -> bool {
                self.body.flags().has(5)
            }
            /// `silent:flags.13?true`.
            #[inline]
            pub fn silent(&self) -> bool {
                self.body.flags().has(13)
            }
            /// The flags word as it was on the wire.
            #[inline]
            pub fn flags(&self) -> Flags {
                self.body.flags()
            }
            /// `id:int`.
            #[inline]
            pub fn id(&self) -> i32 {
                self.body.head_int::<{ $text + 4 }>(4)
            }
            $(
                $(#[$fdoc])*
                #[inline]
                pub fn $field(&self) -> i32 {
                    self.body.head_int::<{ $text + 4 }>($at)
                }
            )*
            /// `message:string`.
            #[inline]
            pub fn message(&self) -> TlStr<'a> {
                let head = self.body.bytes.first_chunk::<{ $text + 4 }>();
                // The same check as the head's ints (so the compiler shares
                // it): the text's length byte is then known to be there.
                // Its data may go past the head; `string_at` bounds that.
                match head {
                    Some(_) => TlStr::new(crate::reader::string_at(self.body.bytes, $text).0),
                    None => TlStr::new(&[]),
                }
            }
            /// `pts:int`.
            #[inline]
            pub fn pts(&self) -> i32 {
                self.body.after_text(0)
            }
            /// `pts_count:int`.
            #[inline]
            pub fn pts_count(&self) -> i32 {
                self.body.after_text(4)
            }
            /// `date:int`.
            #[inline]
            pub fn date(&self) -> i32 {
                self.body.after_text(8)
            }
            /// `fwd_from:flags.2?MessageFwdHeader`.
            #[inline]
            pub fn fwd_from(&self) -> Option<MessageFwdHeader<'a>> {
                if !self.body.flags().has(2) {
                    return None;
                }
                // From after its id (past the text, `pts`, `pts_count` and
                // `date`) to the end of the body: the view finds its own
                // end only when asked.
                let start = self.body.a() + 16;
                Some(MessageFwdHeader::from_valid(self.body.bytes.get(start..)?))
            }
            /// `via_bot_id:flags.11?int`.
            #[inline]
            pub fn via_bot_id(&self) -> Option<i32> {
                self.body
                    .flags()
                    .has(11)
                    .then(|| self.body.int(self.body.b().saturating_sub(4)))
            }
            /// `reply_to:flags.3?MessageReplyHeader`.
            #[inline]
            pub fn reply_to(&self) -> Option<MessageReplyHeader> {
                if !self.body.flags().has(3) {
                    return None;
                }
                MessageReplyHeader::read_valid(self.body.bytes.get(self.body.b()..)?)
            }
            /// `entities:flags.7?Vector<MessageEntity>`.
            #[inline]
            pub fn entities(&self) -> Option<Vector<'a, MessageEntity<'a>>> {
                self.body.entities(7, self.body.c())
            }

            pub(crate) fn read_body(r: &mut Reader<'a>, cx: Ctx<'_>) -> Result<Self> {
                Ok($name {
                    body: read_message_body::<{ $ints }>(r, cx)?,
                })
            }

            /// The straight-line read of a body that must end where `r`
            /// does (two levels of room below it needed): the view, `None`
            /// for anything the careful path must decide.
            #[cfg_attr(any(debug_assertions, not(feature = "fast")), inline)]
            #[cfg_attr(all(not(debug_assertions), feature = "fast"), inline(always))]
            pub(crate) fn read_whole(r: Reader<'a>) -> Option<Self> {
                Some($name { body: message_body_whole::<{ $ints }>(r)? })
            }

        }

        #[cfg(feature = "names")]
        impl crate::api::TlFields for $name<'_> {
            fn tl_name(&self) -> &'static str {
                $tl
            }
            fn tl_fields<O: crate::api::Out>(
                &self,
                o: &mut O,
            ) -> core::result::Result<(), O::Error> {
                o.flag("out", self.out())?;
                o.flag("mentioned", self.mentioned())?;
                o.flag("media_unread", self.media_unread())?;
                o.flag("silent", self.silent())?;
                o.int("id", self.id())?;
                $(o.int(stringify!($field), self.$field())?;)*
                o.str("message", self.message())?;
                o.int("pts", self.pts())?;
                o.int("pts_count", self.pts_count())?;
                o.int("date", self.date())?;
                o.opt_value("fwd_from", self.fwd_from())?;
                o.opt_int("via_bot_id", self.via_bot_id())?;
                o.opt_value("reply_to", self.reply_to())?;
                if let Some(e) = self.entities() {
                    o.vector("entities", e)?;
                }
                Ok(())
            }
        }
    };
}

short_message_view! {
    /// `updateShortMessage#2296d2c8`: a private message, in short form.
    UpdateShortMessage = "updateShortMessage", ints: 2, text_at: 12,
    fields: {
        /// `user_id:int`.
        user_id at 8;
    }
}

short_message_view! {
    /// `updateShortChatMessage#402d5dbb`: a group message, in short form.
    UpdateShortChatMessage = "updateShortChatMessage", ints: 3, text_at: 16,
    fields: {
        /// `from_id:int`.
        from_id at 8;
        /// `chat_id:int`.
        chat_id at 12;
    }
}

/// `updateShortSentMessage#11f1331c`: the answer to a message the client sent.
#[derive(Clone, Copy)]
pub struct UpdateShortSentMessage<'a> {
    body: Body<'a>,
}

/// The fixed part of `updateShortSentMessage`'s body: flags, `id`, `pts`,
/// `pts_count`, `date`.
const SENT_HEAD: usize = 20;

impl<'a> UpdateShortSentMessage<'a> {
    /// `out:flags.1?true`.
    #[inline]
    pub fn out(&self) -> bool {
        self.body.flags().has(1)
    }
    /// The flags word as it was on the wire.
    #[inline]
    pub fn flags(&self) -> Flags {
        self.body.flags()
    }
    /// `id:int`.
    #[inline]
    pub fn id(&self) -> i32 {
        self.body.head_int::<SENT_HEAD>(4)
    }
    /// `pts:int`.
    #[inline]
    pub fn pts(&self) -> i32 {
        self.body.head_int::<SENT_HEAD>(8)
    }
    /// `pts_count:int`.
    #[inline]
    pub fn pts_count(&self) -> i32 {
        self.body.head_int::<SENT_HEAD>(12)
    }
    /// `date:int`.
    #[inline]
    pub fn date(&self) -> i32 {
        self.body.head_int::<SENT_HEAD>(16)
    }
    /// `media:flags.9?MessageMedia`.
    #[inline]
    pub fn media(&self) -> Option<MessageMedia<'a>> {
        if !self.body.flags().has(9) {
            return None;
        }
        if self.body.int(20) as u32 == crate::schema::id::MESSAGE_MEDIA_EMPTY {
            return Some(MessageMedia::MessageMediaEmpty);
        }
        MessageMedia::decode_in(&mut self.body.reader(20), Ctx::root(&super::REREAD)).ok()
    }
    /// `entities:flags.7?Vector<MessageEntity>`.
    #[inline]
    pub fn entities(&self) -> Option<Vector<'a, MessageEntity<'a>>> {
        self.body.entities(7, self.body.a())
    }

    /// The straight-line read of the body at `r` (two levels of room below
    /// it needed): the view and the reader after it, `None` for anything the
    /// careful path must decide.
    #[cfg_attr(any(debug_assertions, not(feature = "fast")), inline)]
    #[cfg_attr(all(not(debug_assertions), feature = "fast"), inline(always))]
    pub(crate) fn read_fast(start: Reader<'a>) -> Option<(Self, Reader<'a>)> {
        let base = start.offset();
        // The fixed part, checked first: it bounds the reads in it.
        if start.remaining() < SENT_HEAD {
            return None;
        }
        let mut f = start;
        let bits = f.u32_opt()?;
        if bits & !SHORT_SENT_FLAGS != 0 {
            return None;
        }
        let flags = Flags(bits);
        f.skip_opt(16)?; // id, pts, pts_count, date
        if flags.has(9) && f.u32_opt()? != crate::schema::id::MESSAGE_MEDIA_EMPTY {
            return None;
        }
        let a = pos(&f, base);
        if flags.has(7) {
            skip_entities_opt(&mut f)?;
        }
        let body = finish(&start, &f, flags, [a, 0, 0]);
        Some((UpdateShortSentMessage { body }, f))
    }

    pub(crate) fn read_body(r: &mut Reader<'a>, cx: Ctx<'_>) -> Result<Self> {
        let start = *r;
        let base = start.offset();
        if cfg!(feature = "fast") && cx.room(2) {
            if let Some((view, after)) = UpdateShortSentMessage::read_fast(start) {
                *r = after;
                return Ok(view);
            }
        }
        let flags = read_flags(r, SHORT_SENT_FLAGS)?;
        for _ in 0..4 {
            r.read_int()?;
        }
        opt(flags, 9, || MessageMedia::decode_in(r, cx.nested(r)?))?;
        let a = pos(r, base);
        opt(flags, 7, || read_vector::<MessageEntity<'a>>(r, cx))?;
        Ok(UpdateShortSentMessage {
            body: finish(&start, r, flags, [a, 0, 0]),
        })
    }
}

/// The constructor's name and fields, as a generated view's `Debug`.
macro_rules! debug_body {
    ($($t:ident = $id:ident;)*) => {$(
        impl core::fmt::Debug for $t<'_> {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                super::debug_body(f, crate::schema::id::$id, self.body.bytes, self.body.base)
            }
        }
    )*};
}
debug_body! {
    UpdateShortMessage = UPDATE_SHORT_MESSAGE;
    UpdateShortChatMessage = UPDATE_SHORT_CHAT_MESSAGE;
    UpdateShortSentMessage = UPDATE_SHORT_SENT_MESSAGE;
}
