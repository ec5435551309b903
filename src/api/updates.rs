//! `Updates`: the seven constructors a server pushes, as borrowed typed views.
//!
//! ```
//! // updateShortSentMessage { out, id: 3003, pts: 5002, pts_count: 1,
//! //   date: 1600000020, media: messageMediaEmpty,
//! //   entities: [messageEntityBold 0 5, messageEntityCode 6 10] }
//! let words: [u32; 15] = [
//!     0x11f1331c, 0x282, 3003, 5002, 1, 1600000020, 0x3ded6320, 0x1cb5c415, 2,
//!     0xbd610bc9, 0, 5, 0x28a20571, 6, 10,
//! ];
//! let bytes: Vec<u8> = words.iter().flat_map(|w| w.to_le_bytes()).collect();
//! let tlview::Updates::UpdateShortSentMessage(m) = tlview::Updates::decode(&bytes).unwrap() else {
//!     panic!("not an updateShortSentMessage")
//! };
//! assert!(m.out());
//! assert_eq!(m.entities().map(|e| e.len()), Some(2));
//! ```

use core::fmt;

use super::message::wrong_type;
pub use super::short::{UpdateShortChatMessage, UpdateShortMessage, UpdateShortSentMessage};
use super::{Chat, User};
use super::{Ctx, Decode};
use crate::error::Result;
use crate::limits::Limits;
use crate::reader::Reader;
use crate::schema::{id, ty};
use crate::vector::{Element, Vector};
use crate::walk::Expect;

/// `Update`: the generated enum of the 88 constructors of the type, each
/// variant holding its constructor's typed view.
pub use crate::enums::Update;

/// `Updates`: one variant per constructor of layer 122, each keeping the
/// constructor's full name.
#[derive(Clone, Copy)]
pub enum Updates<'a> {
    /// `updatesTooLong#e317af7e`: too many updates; the client must fetch
    /// the difference.
    UpdatesTooLong,
    /// `updateShortMessage#2296d2c8`.
    UpdateShortMessage(UpdateShortMessage<'a>),
    /// `updateShortChatMessage#402d5dbb`.
    UpdateShortChatMessage(UpdateShortChatMessage<'a>),
    /// `updateShort#78d4dec1`.
    UpdateShort(UpdateShort<'a>),
    /// `updatesCombined#725b04c3`.
    UpdatesCombined(UpdatesCombined<'a>),
    /// `updates#74ae4240` (its struct is [`types::Updates`](super::types::Updates)).
    Updates(ctor::Updates<'a>),
    /// `updateShortSentMessage#11f1331c`.
    UpdateShortSentMessage(UpdateShortSentMessage<'a>),
}

impl<'a> Updates<'a> {
    /// Decodes one `Updates` object that must fill `input` exactly; the whole
    /// message is validated once, here.
    #[inline]
    pub fn decode(input: &'a [u8]) -> Result<Updates<'a>> {
        Updates::decode_with(input, &Limits::DEFAULT)
    }

    /// As [`Updates::decode`], with caller-set limits.
    #[inline]
    pub fn decode_with(input: &'a [u8], limits: &Limits) -> Result<Updates<'a>> {
        // `updatesTooLong` inline (it is only its id); the rest out of line.
        if input == id::UPDATES_TOO_LONG.to_le_bytes() && limits.max_depth > 0 {
            return Ok(Updates::UpdatesTooLong);
        }
        Updates::decode_outer(input, limits)
    }

    /// [`Updates::decode_with`] but for `updatesTooLong`: the straight-line
    /// decoders of the short forms first (inlined here, so the view is
    /// written once, into the caller's result), the careful path for the
    /// rest and for anything unusual.
    #[cfg_attr(not(feature = "fast"), inline)]
    #[cfg_attr(feature = "fast", inline)]
    fn decode_outer(input: &'a [u8], limits: &Limits) -> Result<Updates<'a>> {
        if cfg!(feature = "fast") {
            if let Some(u) = Updates::read_fast(input, limits) {
                return Ok(u);
            }
            // A placeholder, always overwritten (see `decode_careful_into`
            // for why the careful path writes through a pointer).
            let mut careful = Ok(Updates::UpdatesTooLong);
            Updates::decode_careful_into(input, limits, &mut careful);
            return careful;
        }
        super::decode_all(input, limits)
    }

    /// The careful path of [`Updates::decode_outer`], out of line so that
    /// its code does not crowd the registers of the straight-line one.
    ///
    /// It writes through `out` instead of returning its result. A returned
    /// result would be written straight into the caller's, which would then
    /// have to live in memory on every path: each straight-line read would
    /// store its view there, and the caller's `match` would dispatch on the
    /// variant through a jump table. Written through `out`, the result is
    /// copied out on this path only, and the straight-line views stay in
    /// registers, each arm leading straight to the caller's code for its
    /// variant (9 to 18 instructions fewer per short message, 12 more per
    /// careful decode).
    #[inline(never)]
    fn decode_careful_into(input: &'a [u8], limits: &Limits, out: &mut Result<Updates<'a>>) {
        *out = super::decode_all(input, limits);
    }

    /// The straight-line decode of a whole message in one of the short
    /// forms; `None` for the other forms and anything unusual. Agrees with
    /// the careful path on everything it accepts: the same room checks
    /// (`Ctx::room(2)` below the root for the messages, the `Update` one
    /// level down), the same validators, and nothing may follow.
    #[inline(always)]
    fn read_fast(input: &'a [u8], limits: &Limits) -> Option<Updates<'a>> {
        let limit = limits.max_depth.min(Limits::MAX_DEPTH);
        if !super::Ctx::root(limits).room(2) {
            return None;
        }
        let (head, rest) = input.split_first_chunk::<4>()?;
        let r = Reader::with_base(rest, 4);
        // Each arm checks that its object fills the input, and returns:
        // no arm's result merges with another's before the caller's match.
        match u32::from_le_bytes(*head) {
            // These two must fill the input: their validator checks it.
            id::UPDATE_SHORT_MESSAGE => {
                UpdateShortMessage::read_whole(r).map(Updates::UpdateShortMessage)
            }
            id::UPDATE_SHORT_CHAT_MESSAGE => {
                UpdateShortChatMessage::read_whole(r).map(Updates::UpdateShortChatMessage)
            }
            id::UPDATE_SHORT_SENT_MESSAGE => {
                let (m, end) = UpdateShortSentMessage::read_fast(r)?;
                end.is_empty().then_some(Updates::UpdateShortSentMessage(m))
            }
            id::UPDATE_SHORT => {
                let mut end = r;
                // As `Ctx::object` one level below the root.
                let below = limit - 2;
                end = crate::fast::validate(crate::Layer::L122, &end, ty::UPDATE, below)?;
                end.int_opt()?; // date
                if !end.is_empty() {
                    return None;
                }
                Some(Updates::UpdateShort(UpdateShort::new(&r, &end)))
            }
            _ => None,
        }
    }

    /// Decodes one `Updates` object at the start of `input`; returns it and
    /// the bytes after it.
    pub fn decode_prefix(input: &'a [u8]) -> Result<(Updates<'a>, &'a [u8])> {
        super::decode_prefix(input, &Limits::DEFAULT)
    }

    /// Its constructor id.
    pub fn id(&self) -> u32 {
        match self {
            Updates::UpdatesTooLong => id::UPDATES_TOO_LONG,
            Updates::UpdateShortMessage(_) => id::UPDATE_SHORT_MESSAGE,
            Updates::UpdateShortChatMessage(_) => id::UPDATE_SHORT_CHAT_MESSAGE,
            Updates::UpdateShort(_) => id::UPDATE_SHORT,
            Updates::UpdatesCombined(_) => id::UPDATES_COMBINED,
            Updates::Updates(_) => id::UPDATES,
            Updates::UpdateShortSentMessage(_) => id::UPDATE_SHORT_SENT_MESSAGE,
        }
    }

    /// Its constructor name (`updateShortMessage`).
    pub fn name(&self) -> &'static str {
        match self {
            Updates::UpdatesTooLong => "updatesTooLong",
            Updates::UpdateShortMessage(_) => "updateShortMessage",
            Updates::UpdateShortChatMessage(_) => "updateShortChatMessage",
            Updates::UpdateShort(_) => "updateShort",
            Updates::UpdatesCombined(_) => "updatesCombined",
            Updates::Updates(_) => "updates",
            Updates::UpdateShortSentMessage(_) => "updateShortSentMessage",
        }
    }
}

impl<'a> Decode<'a> for Updates<'a> {
    #[inline]
    fn decode_in(r: &mut Reader<'a>, cx: Ctx<'_>) -> Result<Updates<'a>> {
        let at = r.offset();
        let found = r.read_id()?;
        Ok(match found {
            id::UPDATES_TOO_LONG => Updates::UpdatesTooLong,
            id::UPDATE_SHORT_MESSAGE => {
                Updates::UpdateShortMessage(UpdateShortMessage::read_body(r, cx)?)
            }
            id::UPDATE_SHORT_CHAT_MESSAGE => {
                Updates::UpdateShortChatMessage(UpdateShortChatMessage::read_body(r, cx)?)
            }
            id::UPDATE_SHORT => {
                let start = *r;
                cx.nested(r)?.object(r, Expect::Type(ty::UPDATE))?;
                r.read_int()?;
                Updates::UpdateShort(UpdateShort::new(&start, r))
            }
            id::UPDATES_COMBINED => Updates::UpdatesCombined(UpdatesCombined {
                lists: read_lists(r, cx, 3)?,
            }),
            id::UPDATES => Updates::Updates(ctor::Updates {
                lists: read_lists(r, cx, 2)?,
            }),
            id::UPDATE_SHORT_SENT_MESSAGE => {
                Updates::UpdateShortSentMessage(UpdateShortSentMessage::read_body(r, cx)?)
            }
            other => return Err(wrong_type(ty::UPDATES, other, at)),
        })
    }
}

/// Validates a boxed vector of boxed objects of type `ty` (whose views
/// `Update`, `User` and `Chat` are made on access, from the validated
/// bytes: every object of the type is one of them).
fn validate_objects(
    r: &mut Reader<'_>,
    cx: Ctx<'_>,
    ty: crate::schema::TypeIndex,
    min_size: usize,
) -> Result<()> {
    let count = r.read_vector_len(min_size)?;
    if count == 0 {
        return Ok(());
    }
    let child = cx.nested(r)?;
    // As `Ctx::object` would: the hot constructors straight-line, with the
    // levels left under the element; anything else (and any error) through
    // `Ctx::object`.
    let limit = child.limits.max_depth.min(Limits::MAX_DEPTH);
    let below = limit.saturating_sub(child.depth).saturating_sub(1);
    let Some(check) = crate::fast::boxed(crate::Layer::L122, ty, below) else {
        for _ in 0..count {
            child.object(r, Expect::Type(ty))?;
        }
        return Ok(());
    };
    // What is left, in registers; the careful path only for an object the
    // validator does not take.
    let rest = r.rest();
    let mut cur = rest;
    for _ in 0..count {
        cur = match check(cur) {
            Some(after) => after,
            None => object_cold(child, r, rest.len() - cur.len(), ty, rest)?,
        };
    }
    let at = rest.len() - cur.len();
    r.skip(at, crate::error::Item::Object)
}

/// [`validate_objects`]'s careful path for the object at byte `at` of what
/// `r` has left (`rest`): the bytes after it (out of line, so the loop's
/// slice stays in registers).
#[inline(never)]
fn object_cold<'a>(
    cx: Ctx<'_>,
    r: &Reader<'a>,
    at: usize,
    ty: crate::schema::TypeIndex,
    rest: &'a [u8],
) -> Result<&'a [u8]> {
    let mut cur = *r;
    cur.skip(at, crate::error::Item::Object)?;
    cx.object(&mut cur, Expect::Type(ty))?;
    let end = r.remaining().saturating_sub(cur.remaining());
    Ok(rest.get(end..).unwrap_or(&[]))
}

/// Reads the three vectors of `updates`/`updatesCombined` and the `ints`
/// `int` fields after them, and keeps where each part starts.
fn read_lists<'a>(r: &mut Reader<'a>, cx: Ctx<'_>, ints: usize) -> Result<Lists<'a>> {
    let start = *r;
    let at = |r: &Reader<'_>| start.remaining().saturating_sub(r.remaining()) as u32;
    validate_objects(r, cx, ty::UPDATE, <Update<'a> as Element<'a>>::MIN_SIZE)?;
    let users_at = at(r);
    validate_objects(r, cx, ty::USER, <User<'a> as Element<'a>>::MIN_SIZE)?;
    let chats_at = at(r);
    validate_objects(r, cx, ty::CHAT, <Chat<'a> as Element<'a>>::MIN_SIZE)?;
    let ints_at = at(r);
    for _ in 0..ints {
        r.read_int()?;
    }
    Ok(Lists {
        bytes: start.rest().get(..at(r) as usize).unwrap_or(&[]),
        base: start.offset(),
        users_at,
        chats_at,
        ints_at,
    })
}

/// The validated body of `updates` or `updatesCombined`: three boxed
/// vectors, then `int` fields; the vectors' views are made on access.
#[derive(Clone, Copy, Debug)]
struct Lists<'a> {
    /// The body, exactly (from the `updates` vector's id).
    bytes: &'a [u8],
    /// The offset of `bytes` in the message.
    base: usize,
    /// Where the `users` vector starts in `bytes`.
    users_at: u32,
    /// Where the `chats` vector starts.
    chats_at: u32,
    /// Where the `int` fields start.
    ints_at: u32,
}

impl<'a> Lists<'a> {
    /// The boxed vector from byte `from` to byte `to` of the body.
    #[inline]
    fn vector<T: Element<'a>>(&self, from: u32, to: u32) -> Vector<'a, T> {
        let (from, to) = (from as usize, to as usize);
        let count = self.int(from.saturating_add(4)) as u32;
        let start = from.saturating_add(8);
        Vector::from_parts(
            self.bytes.get(start..to).unwrap_or(&[]),
            count,
            self.base.saturating_add(start),
        )
    }

    /// The `int` at byte `at` of the body (validated, so always there).
    #[inline]
    fn int(&self, at: usize) -> i32 {
        crate::reader::int_at(self.bytes, at)
    }

    /// The `n`th `int` after the vectors.
    #[inline]
    fn nth_int(&self, n: usize) -> i32 {
        self.int((self.ints_at as usize).saturating_add(4 * n))
    }

    #[inline]
    fn updates(&self) -> Vector<'a, Update<'a>> {
        self.vector(0, self.users_at)
    }

    #[inline]
    fn users(&self) -> Vector<'a, User<'a>> {
        self.vector(self.users_at, self.chats_at)
    }

    #[inline]
    fn chats(&self) -> Vector<'a, Chat<'a>> {
        self.vector(self.chats_at, self.ints_at)
    }
}

/// `updateShort#78d4dec1`: one update.
#[derive(Clone, Copy)]
pub struct UpdateShort<'a> {
    /// The update (boxed) and `date`, exactly.
    bytes: &'a [u8],
    /// The offset of `bytes` in the message.
    base: usize,
}

impl<'a> UpdateShort<'a> {
    /// The view of a validated body: `update` then `date`, from `start`
    /// to `end`. The update's constructor is found again from its id when
    /// it is read, which decoding need not pay for.
    #[inline]
    fn new(start: &Reader<'a>, end: &Reader<'a>) -> UpdateShort<'a> {
        let used = start.remaining().saturating_sub(end.remaining());
        UpdateShort {
            bytes: start.rest().get(..used).unwrap_or(&[]),
            base: start.offset(),
        }
    }

    /// `update:Update`.
    #[inline]
    pub fn update(&self) -> Update<'a> {
        let len = self.bytes.len().saturating_sub(4);
        let r = Reader::within(self.bytes.get(..len).unwrap_or(&[]), self.base);
        <Update<'a> as crate::view::Typed<'a>>::view_at(r)
            .unwrap_or_else(<Update<'a> as crate::view::Typed<'a>>::fallback)
    }

    /// `date:int`.
    #[inline]
    pub fn date(&self) -> i32 {
        match self.bytes.last_chunk::<4>() {
            Some(w) => i32::from_le_bytes(*w),
            None => 0,
        }
    }
}

/// A view over [`Lists`]: the three vectors, then the `int` fields, each
/// at its index after the vectors.
macro_rules! lists_view {
    (
        $(#[$doc:meta])*
        $name:ident { $($(#[$fdoc:meta])* $field:ident = $n:literal;)* }
    ) => {
        $(#[$doc])*
        #[derive(Clone, Copy)]
        pub struct $name<'a> {
            pub(in crate::api::updates) lists: Lists<'a>,
        }

        impl<'a> $name<'a> {
            /// `updates:Vector<Update>`.
            #[inline]
            pub fn updates(&self) -> Vector<'a, Update<'a>> {
                self.lists.updates()
            }
            /// `users:Vector<User>`.
            #[inline]
            pub fn users(&self) -> Vector<'a, User<'a>> {
                self.lists.users()
            }
            /// `chats:Vector<Chat>`.
            #[inline]
            pub fn chats(&self) -> Vector<'a, Chat<'a>> {
                self.lists.chats()
            }
            $(
                $(#[$fdoc])*
                #[inline]
                pub fn $field(&self) -> i32 {
                    self.lists.nth_int($n)
                }
            )*
        }
    };
}

lists_view! {
    /// `updatesCombined#725b04c3`.
    UpdatesCombined {
        /// `date:int`.
        date = 0;
        /// `seq_start:int`.
        seq_start = 1;
        /// `seq:int`.
        seq = 2;
    }
}

/// The view of the `updates` constructor, named for it (beside the
/// `Updates` enum of the type); re-exported as
/// [`api::types::Updates`](super::types::Updates).
pub(super) mod ctor {
    use super::*;

    lists_view! {
        /// `updates#74ae4240`: updates with the users and chats they mention.
        Updates {
            /// `date:int`.
            date = 0;
            /// `seq:int`.
            seq = 1;
        }
    }
}

#[cfg(feature = "names")]
mod json {
    use super::*;
    use crate::api::{Out, TlFields};

    impl fmt::Display for Updates<'_> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            crate::api::display(self, f)
        }
    }

    impl TlFields for Updates<'_> {
        fn tl_name(&self) -> &'static str {
            self.name()
        }
        fn tl_fields<O: Out>(&self, o: &mut O) -> core::result::Result<(), O::Error> {
            match self {
                Updates::UpdatesTooLong => Ok(()),
                Updates::UpdateShortMessage(m) => m.tl_fields(o),
                Updates::UpdateShortChatMessage(m) => m.tl_fields(o),
                Updates::UpdateShort(u) => u.tl_fields(o),
                Updates::UpdatesCombined(u) => u.tl_fields(o),
                Updates::Updates(u) => u.tl_fields(o),
                Updates::UpdateShortSentMessage(m) => m.tl_fields(o),
            }
        }
    }

    impl TlFields for UpdateShort<'_> {
        fn tl_name(&self) -> &'static str {
            "updateShort"
        }
        fn tl_fields<O: Out>(&self, o: &mut O) -> core::result::Result<(), O::Error> {
            o.value("update", &self.update())?;
            o.int("date", self.date())
        }
    }

    impl TlFields for UpdatesCombined<'_> {
        fn tl_name(&self) -> &'static str {
            "updatesCombined"
        }
        fn tl_fields<O: Out>(&self, o: &mut O) -> core::result::Result<(), O::Error> {
            o.vector("updates", self.updates())?;
            o.vector("users", self.users())?;
            o.vector("chats", self.chats())?;
            o.int("date", self.date())?;
            o.int("seq_start", self.seq_start())?;
            o.int("seq", self.seq())
        }
    }

    impl TlFields for ctor::Updates<'_> {
        fn tl_name(&self) -> &'static str {
            "updates"
        }
        fn tl_fields<O: Out>(&self, o: &mut O) -> core::result::Result<(), O::Error> {
            o.vector("updates", self.updates())?;
            o.vector("users", self.users())?;
            o.vector("chats", self.chats())?;
            o.int("date", self.date())?;
            o.int("seq", self.seq())
        }
    }

    impl TlFields for UpdateShortSentMessage<'_> {
        fn tl_name(&self) -> &'static str {
            "updateShortSentMessage"
        }
        fn tl_fields<O: Out>(&self, o: &mut O) -> core::result::Result<(), O::Error> {
            o.flag("out", self.out())?;
            o.int("id", self.id())?;
            o.int("pts", self.pts())?;
            o.int("pts_count", self.pts_count())?;
            o.int("date", self.date())?;
            o.opt_value("media", self.media())?;
            match self.entities() {
                Some(e) => o.vector("entities", e),
                None => Ok(()),
            }
        }
    }

    #[cfg(feature = "serde")]
    crate::ser::tl_serialize!(
        Updates<'_>,
        UpdateShort<'_>,
        UpdatesCombined<'_>,
        ctor::Updates<'_>,
        UpdateShortSentMessage<'_>,
        UpdateShortMessage<'_>,
        UpdateShortChatMessage<'_>
    );
}

impl<'a> Element<'a> for Updates<'a> {
    const MIN_SIZE: usize = 4;
    fn read(r: &mut Reader<'a>) -> Result<Updates<'a>> {
        Updates::decode_in(r, Ctx::root(&super::REREAD))
    }
}

impl<'a> crate::vector::ElementHooks<'a> for Updates<'a> {
    #[inline]
    fn read_valid(r: &mut Reader<'a>) -> Option<Updates<'a>> {
        crate::vector::reread(r)
    }
}

super::ctor_entry_points!(
    UpdateShortMessage<'a>,
    Updates,
    "updateShortMessage",
    [id::UPDATE_SHORT_MESSAGE],
    UpdateShortMessage
);
super::ctor_entry_points!(
    UpdateShortChatMessage<'a>,
    Updates,
    "updateShortChatMessage",
    [id::UPDATE_SHORT_CHAT_MESSAGE],
    UpdateShortChatMessage
);
super::ctor_entry_points!(
    UpdateShort<'a>,
    Updates,
    "updateShort",
    [id::UPDATE_SHORT],
    UpdateShort
);
super::ctor_entry_points!(
    UpdatesCombined<'a>,
    Updates,
    "updatesCombined",
    [id::UPDATES_COMBINED],
    UpdatesCombined
);
super::ctor_entry_points!(
    ctor::Updates<'a>,
    Updates,
    "updates",
    [id::UPDATES],
    Updates
);
super::ctor_entry_points!(
    UpdateShortSentMessage<'a>,
    Updates,
    "updateShortSentMessage",
    [id::UPDATE_SHORT_SENT_MESSAGE],
    UpdateShortSentMessage
);

/// The constructor's name and fields, as a generated view's `Debug`.
impl fmt::Debug for Updates<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Updates::UpdatesTooLong => super::debug_ctor(f, id::UPDATES_TOO_LONG, |_| {}),
            Updates::UpdateShortMessage(m) => m.fmt(f),
            Updates::UpdateShortChatMessage(m) => m.fmt(f),
            Updates::UpdateShort(u) => u.fmt(f),
            Updates::UpdatesCombined(u) => u.fmt(f),
            Updates::Updates(u) => u.fmt(f),
            Updates::UpdateShortSentMessage(m) => m.fmt(f),
        }
    }
}

impl fmt::Debug for UpdateShort<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        super::debug_body(f, id::UPDATE_SHORT, self.bytes, self.base)
    }
}

impl fmt::Debug for UpdatesCombined<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let l = &self.lists;
        super::debug_body(f, id::UPDATES_COMBINED, l.bytes, l.base)
    }
}

impl fmt::Debug for ctor::Updates<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let l = &self.lists;
        super::debug_body(f, id::UPDATES, l.bytes, l.base)
    }
}
