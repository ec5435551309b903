//! `Peer`, `User` and `Chat`: who a message is from and to, and the names a
//! client shows.

use core::fmt;

use super::message::{opt, wrong_type};
use super::{Ctx, Decode};
use crate::error::Result;
use crate::flags::Flags;
use crate::object::Object;
use crate::reader::{string_at, Reader};
use crate::schema::{id, ty};
use crate::string::TlStr;
use crate::walk::Expect;

/// `Peer`: `peerUser`, `peerChat` or `peerChannel` (ids are `int` in layer 122).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub enum Peer {
    /// `peerUser#9db1bc6d user_id:int`.
    PeerUser {
        /// The user.
        user_id: i32,
    },
    /// `peerChat#bad0e5bb chat_id:int`.
    PeerChat {
        /// The chat.
        chat_id: i32,
    },
    /// `peerChannel#bddde532 channel_id:int`.
    PeerChannel {
        /// The channel.
        channel_id: i32,
    },
}

impl Peer {
    /// Reads a boxed `Peer`.
    #[inline]
    pub fn read(r: &mut Reader<'_>) -> Result<Peer> {
        let at = r.offset();
        let found = r.read_id()?;
        let v = match found {
            id::PEER_USER => Peer::PeerUser {
                user_id: r.read_int()?,
            },
            id::PEER_CHAT => Peer::PeerChat {
                chat_id: r.read_int()?,
            },
            id::PEER_CHANNEL => Peer::PeerChannel {
                channel_id: r.read_int()?,
            },
            other => return Err(wrong_type(ty::PEER, other, at)),
        };
        Ok(v)
    }

    /// [`Peer::read`] for the straight-line decoders: `None` for anything
    /// unusual.
    #[inline(always)]
    pub(crate) fn read_opt(r: &mut Reader<'_>) -> Option<Peer> {
        let [a0, a1, a2, a3, b0, b1, b2, b3] = *r.take_opt::<8>()?;
        let v = i32::from_le_bytes([b0, b1, b2, b3]);
        Some(match u32::from_le_bytes([a0, a1, a2, a3]) {
            id::PEER_USER => Peer::PeerUser { user_id: v },
            id::PEER_CHAT => Peer::PeerChat { chat_id: v },
            id::PEER_CHANNEL => Peer::PeerChannel { channel_id: v },
            _ => return None,
        })
    }

    /// Whether `cid` is a `Peer` constructor's id.
    #[inline(always)]
    pub(crate) fn is_id(cid: u32) -> bool {
        matches!(cid, id::PEER_USER | id::PEER_CHAT | id::PEER_CHANNEL)
    }

    /// The `Peer` with constructor `cid` and value `v`, validated before:
    /// no failure path (an id that is neither `peerUser` nor `peerChat`
    /// gives `peerChannel`, which validated bytes never need).
    #[inline(always)]
    pub(crate) fn from_valid(cid: u32, v: i32) -> Peer {
        match cid {
            id::PEER_USER => Peer::PeerUser { user_id: v },
            id::PEER_CHAT => Peer::PeerChat { chat_id: v },
            _ => Peer::PeerChannel { channel_id: v },
        }
    }

    /// A boxed `Peer` at `r`, validated before: [`Peer::from_valid`] of
    /// its two words. `None` only where the bytes are cut.
    #[inline(always)]
    pub(crate) fn read_valid(r: &mut Reader<'_>) -> Option<Peer> {
        let [cid, v] = r.words_opt::<2>()?;
        Some(Peer::from_valid(cid, v as i32))
    }

    /// Reads a boxed `Peer` nested in the object whose context is `cx`:
    /// it counts as one level against the depth limit, as the walker counts it.
    #[inline]
    pub(crate) fn read_in(r: &mut Reader<'_>, cx: Ctx<'_>) -> Result<Peer> {
        cx.nested(r)?;
        Peer::read(r)
    }

    /// Its constructor id.
    pub fn id(&self) -> u32 {
        match self {
            Peer::PeerUser { .. } => id::PEER_USER,
            Peer::PeerChat { .. } => id::PEER_CHAT,
            Peer::PeerChannel { .. } => id::PEER_CHANNEL,
        }
    }
}

#[cfg(feature = "names")]
impl fmt::Display for Peer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        super::display(self, f)
    }
}

#[cfg(feature = "names")]
impl super::TlFields for Peer {
    fn tl_name(&self) -> &'static str {
        match self {
            Peer::PeerUser { .. } => "peerUser",
            Peer::PeerChat { .. } => "peerChat",
            Peer::PeerChannel { .. } => "peerChannel",
        }
    }
    fn tl_fields<O: super::Out>(&self, o: &mut O) -> core::result::Result<(), O::Error> {
        match *self {
            Peer::PeerUser { user_id } => o.int("user_id", user_id),
            Peer::PeerChat { chat_id } => o.int("chat_id", chat_id),
            Peer::PeerChannel { channel_id } => o.int("channel_id", channel_id),
        }
    }
}

/// `User`: `user#938458c1` typed, `userEmpty` and its id.
// Views are plain values (no heap to box into), so variants differ in size.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Copy)]
pub enum User<'a> {
    /// `userEmpty#200250ba id:int`.
    UserEmpty {
        /// The user's id.
        id: i32,
    },
    /// `user#938458c1`.
    User(ctor::User<'a>),
}

/// Reads a field of validated bytes when bit `bit` of `flags` is set.
#[inline]
fn opt_valid<T>(flags: Flags, bit: u8, read: impl FnOnce() -> Result<T>) -> Option<T> {
    if flags.has(bit) {
        read().ok()
    } else {
        None
    }
}

/// The flags and id at the start of a validated body.
#[inline]
fn flags_and_id(object: &Object<'_>) -> (Flags, i32) {
    match object.body().first_chunk::<8>() {
        Some(w) => {
            let (f, i) = w.split_at(4);
            let word = |x: &[u8]| x.try_into().map(u32::from_le_bytes).unwrap_or(0);
            (Flags(word(f)), word(i) as i32)
        }
        None => (Flags(0), 0),
    }
}

/// Reads a boxed vector of objects of `ty` with the walker; returns a lazy
/// dynamic view of its elements.
pub(crate) fn object_vector<'a>(
    r: &mut Reader<'a>,
    cx: Ctx<'_>,
    elem_ty: crate::schema::TypeIndex,
) -> Result<crate::object::Values<'a>> {
    let start = *r;
    let count = r.read_vector_len(4)?;
    for _ in 0..count {
        cx.nested(r)?.object(r, Expect::Type(elem_ty))?;
    }
    crate::object::Values::boxed_vector_at(start, elem_ty)
}

impl<'a> Decode<'a> for User<'a> {
    const MIN_SIZE: usize = 8;
    fn decode_in(r: &mut Reader<'a>, cx: Ctx<'_>) -> Result<User<'a>> {
        let mut head = *r;
        if head.read_id() == Ok(id::USER_EMPTY) {
            if let Ok(user_id) = head.read_int() {
                *r = head;
                return Ok(User::UserEmpty { id: user_id });
            }
        }
        // One validating pass (straight-line for `user`, else the walker,
        // which reports any error); the view reads the validated bytes.
        let object = cx.object(r, Expect::Type(ty::USER))?;
        match object.id() {
            id::USER => {
                let (flags, id) = flags_and_id(&object);
                Ok(User::User(ctor::User { flags, id, object }))
            }
            _ => {
                let user_id = Reader::new(object.body()).read_int()?;
                Ok(User::UserEmpty { id: user_id })
            }
        }
    }
}
impl<'a> crate::vector::Element<'a> for User<'a> {
    const MIN_SIZE: usize = 8;
    #[inline]
    fn read(r: &mut Reader<'a>) -> Result<User<'a>> {
        User::decode_in(r, Ctx::root(&crate::limits::REREAD))
    }
}

impl<'a> crate::vector::ElementHooks<'a> for User<'a> {
    /// `user` is skipped without the walker; anything else is read again.
    #[inline]
    fn read_valid(r: &mut Reader<'a>) -> Option<User<'a>> {
        if let Some(object) =
            crate::object::skip_object(r, crate::object::USER, crate::types::User::skip)
        {
            let (flags, id) = flags_and_id(&object);
            return Some(User::User(ctor::User { flags, id, object }));
        }
        super::reread_cold(r)
    }
    const ENDS_WHEN_EMPTY: bool = true;
}

impl<'a> User<'a> {
    /// The user's id.
    pub fn id(&self) -> i32 {
        match self {
            User::UserEmpty { id } => *id,
            User::User(u) => u.id,
        }
    }
    /// `user#938458c1`'s fields, if it is one.
    pub fn user(&self) -> Option<&ctor::User<'a>> {
        match self {
            User::User(u) => Some(u),
            User::UserEmpty { .. } => None,
        }
    }
}

#[cfg(feature = "names")]
impl fmt::Display for User<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        super::display(self, f)
    }
}

#[cfg(feature = "names")]
impl super::TlFields for User<'_> {
    fn tl_name(&self) -> &'static str {
        "userEmpty"
    }
    fn tl_fields<O: super::Out>(&self, o: &mut O) -> core::result::Result<(), O::Error> {
        match self {
            User::UserEmpty { id } => o.int("id", *id),
            User::User(_) => Ok(()),
        }
    }
    // The same text as the dynamic view's, by construction.
    fn tl_object(&self) -> Option<Object<'_>> {
        match self {
            User::UserEmpty { .. } => None,
            User::User(u) => Some(u.object),
        }
    }
}

/// `Chat`: the common constructors typed, with the fields a client needs to
/// show a name; the whole object is also available as a dynamic view.
#[derive(Clone, Copy)]
pub enum Chat<'a> {
    /// `chatEmpty#9ba2d800 id:int`.
    ChatEmpty {
        /// The chat's id.
        id: i32,
    },
    /// `chat#3bda1bde`.
    Chat(ctor::Chat<'a>),
    /// `chatForbidden#7328bdb id:int title:string`.
    ChatForbidden {
        /// The chat's id.
        id: i32,
        /// Its title.
        title: TlStr<'a>,
    },
    /// `channel#d31a961e`.
    Channel(ctor::Channel<'a>),
    /// `channelForbidden#289da732`.
    ChannelForbidden(ctor::Channel<'a>),
}

/// The fields of a validated body from byte `at` on.
#[inline]
fn body_from<'a>(object: &Object<'a>, at: usize) -> Reader<'a> {
    Reader::with_base(
        object.body().get(at..).unwrap_or(&[]),
        object.body_offset().saturating_add(at),
    )
}

impl<'a> Decode<'a> for Chat<'a> {
    const MIN_SIZE: usize = 8;
    fn decode_in(r: &mut Reader<'a>, cx: Ctx<'_>) -> Result<Chat<'a>> {
        // One validating pass (straight-line for `chat`, else the walker,
        // which reports any error); the view reads the validated bytes.
        let object = cx.object(r, Expect::Type(ty::CHAT))?;
        let (flags, id) = flags_and_id(&object);
        let mut f = body_from(&object, 0);
        let c = match object.id() {
            id::CHAT_EMPTY => Chat::ChatEmpty { id: f.read_int()? },
            id::CHAT_FORBIDDEN => Chat::ChatForbidden {
                id: f.read_int()?,
                title: f.read_string()?,
            },
            id::CHAT => Chat::Chat(ctor::Chat { flags, id, object }),
            id::CHANNEL => Chat::Channel(ctor::Channel { flags, id, object }),
            id::CHANNEL_FORBIDDEN => Chat::ChannelForbidden(ctor::Channel { flags, id, object }),
            other => return Err(wrong_type(ty::CHAT, other, object.offset())),
        };
        Ok(c)
    }
}
impl<'a> crate::vector::Element<'a> for Chat<'a> {
    const MIN_SIZE: usize = 8;
    #[inline]
    fn read(r: &mut Reader<'a>) -> Result<Chat<'a>> {
        Chat::decode_in(r, Ctx::root(&crate::limits::REREAD))
    }
}

impl<'a> crate::vector::ElementHooks<'a> for Chat<'a> {
    /// `chat` is skipped without the walker; anything else is read again.
    #[inline]
    fn read_valid(r: &mut Reader<'a>) -> Option<Chat<'a>> {
        if let Some(object) =
            crate::object::skip_object(r, crate::object::CHAT, crate::types::Chat::skip)
        {
            let (flags, id) = flags_and_id(&object);
            return Some(Chat::Chat(ctor::Chat { flags, id, object }));
        }
        super::reread_cold(r)
    }
    const ENDS_WHEN_EMPTY: bool = true;
}

impl<'a> Chat<'a> {
    /// The chat's or channel's id.
    pub fn id(&self) -> i32 {
        match self {
            Chat::ChatEmpty { id } | Chat::ChatForbidden { id, .. } => *id,
            Chat::Chat(c) => c.id(),
            Chat::Channel(c) | Chat::ChannelForbidden(c) => c.id(),
        }
    }
    /// Its title (`None` for `chatEmpty`).
    pub fn title(&self) -> Option<TlStr<'a>> {
        match self {
            Chat::ChatEmpty { .. } => None,
            Chat::ChatForbidden { title, .. } => Some(*title),
            Chat::Chat(c) => Some(c.title()),
            Chat::Channel(c) | Chat::ChannelForbidden(c) => Some(c.title()),
        }
    }
}

#[cfg(feature = "names")]
impl fmt::Display for Chat<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        super::display(self, f)
    }
}

#[cfg(feature = "names")]
impl super::TlFields for Chat<'_> {
    fn tl_name(&self) -> &'static str {
        match self {
            Chat::ChatEmpty { .. } => "chatEmpty",
            _ => "chatForbidden",
        }
    }
    fn tl_fields<O: super::Out>(&self, o: &mut O) -> core::result::Result<(), O::Error> {
        match self {
            Chat::ChatEmpty { id } => o.int("id", *id),
            Chat::ChatForbidden { id, title } => {
                o.int("id", *id)?;
                o.str("title", *title)
            }
            _ => Ok(()),
        }
    }
    // The other constructors are printed through the dynamic view.
    fn tl_object(&self) -> Option<Object<'_>> {
        match self {
            Chat::ChatEmpty { .. } | Chat::ChatForbidden { .. } => None,
            Chat::Chat(c) => Some(c.object),
            Chat::Channel(c) | Chat::ChannelForbidden(c) => Some(c.object),
        }
    }
}

/// The constructor views of `User` and `Chat`, named for their
/// constructors (each enum's variant holds one); re-exported as
/// [`api::types`](super::types).
pub(super) mod ctor {
    use super::*;

    /// `user#938458c1`: a view of the validated object. The flags and id are
    /// read once; the other fields are found on access (a short skip over
    /// bytes that cannot fail).
    #[derive(Clone, Copy)]
    pub struct User<'a> {
        pub(super) flags: Flags,
        pub(super) id: i32,
        pub(super) object: Object<'a>,
    }

    /// The fields of `user#938458c1` after its four optional strings.
    struct UserTail<'a> {
        photo: Option<Object<'a>>,
        status: Option<Object<'a>>,
        bot_info_version: Option<i32>,
        restriction_reason: Option<crate::object::Values<'a>>,
        bot_inline_placeholder: Option<TlStr<'a>>,
        lang_code: Option<TlStr<'a>>,
    }

    macro_rules! flag_accessors {
        ($($(#[$doc:meta])* $name:ident = $bit:expr;)*) => {
            $(
                $(#[$doc])*
                #[inline]
                pub fn $name(&self) -> bool {
                    self.flags.has($bit)
                }
            )*
        };
    }

    impl<'a> User<'a> {
        flag_accessors! {
            /// `self:flags.10?true`: this is the current user.
            is_self = 10;
            /// `contact:flags.11?true`.
            contact = 11;
            /// `mutual_contact:flags.12?true`.
            mutual_contact = 12;
            /// `deleted:flags.13?true`.
            deleted = 13;
            /// `bot:flags.14?true`.
            bot = 14;
            /// `bot_chat_history:flags.15?true`.
            bot_chat_history = 15;
            /// `bot_nochats:flags.16?true`.
            bot_nochats = 16;
            /// `verified:flags.17?true`.
            verified = 17;
            /// `restricted:flags.18?true`.
            restricted = 18;
            /// `min:flags.20?true`.
            min = 20;
            /// `bot_inline_geo:flags.21?true`.
            bot_inline_geo = 21;
            /// `support:flags.23?true`.
            support = 23;
            /// `scam:flags.24?true`.
            scam = 24;
            /// `apply_min_photo:flags.25?true`.
            apply_min_photo = 25;
        }
        /// `id:int`.
        #[inline]
        pub fn id(&self) -> i32 {
            self.id
        }
        /// The fields after `flags` and `id`.
        #[inline]
        fn after_id(&self) -> Reader<'a> {
            let body = self.object.body();
            Reader::with_base(
                body.get(8..).unwrap_or(&[]),
                self.object.body_offset().saturating_add(8),
            )
        }
        /// `access_hash:flags.0?long`.
        #[inline]
        pub fn access_hash(&self) -> Option<i64> {
            opt_valid(self.flags, 0, || self.after_id().read_long())
        }
        /// The string at flags bit `bit` (1 to 4).
        #[inline]
        fn name_field(&self, bit: u8) -> Option<TlStr<'a>> {
            let f = self.flags;
            if !f.has(bit) {
                return None;
            }
            // flags, id, then access_hash if present, then the strings: the
            // ones before are skipped by their size alone.
            let body = self.object.body();
            let mut at = if f.has(0) { 16 } else { 8 };
            for b in 1..bit {
                if f.has(b) {
                    at += string_at(body, at).1;
                }
            }
            Some(TlStr::new(string_at(body, at).0))
        }
        /// `first_name:flags.1?string`.
        #[inline]
        pub fn first_name(&self) -> Option<TlStr<'a>> {
            self.name_field(1)
        }
        /// `last_name:flags.2?string`.
        #[inline]
        pub fn last_name(&self) -> Option<TlStr<'a>> {
            self.name_field(2)
        }
        /// `username:flags.3?string`.
        #[inline]
        pub fn username(&self) -> Option<TlStr<'a>> {
            self.name_field(3)
        }
        /// `phone:flags.4?string`.
        #[inline]
        pub fn phone(&self) -> Option<TlStr<'a>> {
            self.name_field(4)
        }
        /// The fields after the strings, read again in one pass.
        fn tail(&self) -> UserTail<'a> {
            let mut t = UserTail {
                photo: None,
                status: None,
                bot_info_version: None,
                restriction_reason: None,
                bot_inline_placeholder: None,
                lang_code: None,
            };
            let f = self.flags;
            let mut r = self.after_id();
            let ok = (|| -> Result<()> {
                if f.has(0) {
                    r.read_long()?;
                }
                for b in 1..=4 {
                    if f.has(b) {
                        r.read_string()?;
                    }
                }
                let again = &crate::limits::REREAD;
                t.photo = opt(f, 5, || {
                    Object::read(&mut r, Expect::Type(ty::USER_PROFILE_PHOTO), again)
                })?;
                t.status = opt(f, 6, || {
                    Object::read(&mut r, Expect::Type(ty::USER_STATUS), again)
                })?;
                t.bot_info_version = opt(f, 14, || r.read_int())?;
                t.restriction_reason = opt(f, 18, || {
                    object_vector(&mut r, Ctx::root(again), ty::RESTRICTION_REASON)
                })?;
                t.bot_inline_placeholder = opt(f, 19, || r.read_string())?;
                t.lang_code = opt(f, 22, || r.read_string())?;
                Ok(())
            })();
            // The bytes were validated when the user was decoded, so this
            // cannot fail; if it did, the fields not reached stay `None`.
            let _ = ok;
            t
        }
        /// `photo:flags.5?UserProfilePhoto`, as a dynamic view.
        pub fn photo(&self) -> Option<Object<'a>> {
            self.tail().photo
        }
        /// `status:flags.6?UserStatus`, as a dynamic view.
        pub fn status(&self) -> Option<Object<'a>> {
            self.tail().status
        }
        /// `bot_info_version:flags.14?int`.
        pub fn bot_info_version(&self) -> Option<i32> {
            self.tail().bot_info_version
        }
        /// `restriction_reason:flags.18?Vector<RestrictionReason>`, each a dynamic view.
        pub fn restriction_reason(&self) -> Option<crate::object::Values<'a>> {
            self.tail().restriction_reason
        }
        /// `bot_inline_placeholder:flags.19?string`.
        pub fn bot_inline_placeholder(&self) -> Option<TlStr<'a>> {
            self.tail().bot_inline_placeholder
        }
        /// `lang_code:flags.22?string`.
        pub fn lang_code(&self) -> Option<TlStr<'a>> {
            self.tail().lang_code
        }
        /// The flags word as it was on the wire.
        #[inline]
        pub fn flags(&self) -> Flags {
            self.flags
        }
        /// The whole object, as a dynamic view.
        #[inline]
        pub fn object(&self) -> Object<'a> {
            self.object
        }
    }

    /// `chat#3bda1bde`: a view of the validated object; the flags and id are
    /// read once, the other fields on access.
    #[derive(Clone, Copy)]
    pub struct Chat<'a> {
        pub(super) flags: Flags,
        pub(super) id: i32,
        pub(super) object: Object<'a>,
    }

    impl<'a> Chat<'a> {
        flag_accessors! {
            /// `creator:flags.0?true`.
            creator = 0;
            /// `kicked:flags.1?true`.
            kicked = 1;
            /// `left:flags.2?true`.
            left = 2;
            /// `deactivated:flags.5?true`.
            deactivated = 5;
        }
        /// `id:int`.
        #[inline]
        pub fn id(&self) -> i32 {
            self.id
        }
        /// `title:string`.
        #[inline]
        pub fn title(&self) -> TlStr<'a> {
            TlStr::new(string_at(self.object.body(), 8).0)
        }
        /// `participants_count` and `date`, after the title and photo.
        fn counts(&self) -> Option<(i32, i32)> {
            let mut r = body_from(&self.object, 8);
            r.read_raw_bytes(crate::Item::StringData).ok()?;
            Object::read(&mut r, Expect::Type(ty::CHAT_PHOTO), &crate::limits::REREAD).ok()?;
            Some((r.read_int().ok()?, r.read_int().ok()?))
        }
        /// `participants_count:int`.
        pub fn participants_count(&self) -> i32 {
            self.counts().map_or(0, |c| c.0)
        }
        /// `date:int`.
        pub fn date(&self) -> i32 {
            self.counts().map_or(0, |c| c.1)
        }
        /// The flags word as it was on the wire.
        #[inline]
        pub fn flags(&self) -> Flags {
            self.flags
        }
        /// The whole object, for the fields not typed here.
        #[inline]
        pub fn object(&self) -> Object<'a> {
            self.object
        }
    }

    /// `channel#d31a961e` or `channelForbidden#289da732`: a view of the
    /// validated object; the flags and id are read once, the other fields on
    /// access.
    #[derive(Clone, Copy)]
    pub struct Channel<'a> {
        pub(super) flags: Flags,
        pub(super) id: i32,
        pub(super) object: Object<'a>,
    }

    impl<'a> Channel<'a> {
        flag_accessors! {
            /// `broadcast:flags.5?true`.
            broadcast = 5;
            /// `megagroup:flags.8?true`.
            megagroup = 8;
        }
        /// Whether it is `channelForbidden` (whose access hash is not optional).
        #[inline]
        fn forbidden(&self) -> bool {
            self.object.id() == id::CHANNEL_FORBIDDEN
        }
        /// `id:int`.
        #[inline]
        pub fn id(&self) -> i32 {
            self.id
        }
        /// `access_hash` (optional in `channel`, always there in `channelForbidden`).
        #[inline]
        pub fn access_hash(&self) -> Option<i64> {
            if self.forbidden() || self.flags.has(13) {
                body_from(&self.object, 8).read_long().ok()
            } else {
                None
            }
        }
        /// The title, and the reader after it.
        #[inline]
        fn title_and_rest(&self) -> (TlStr<'a>, Reader<'a>) {
            let has_hash = self.forbidden() || self.flags.has(13);
            let mut r = body_from(&self.object, if has_hash { 16 } else { 8 });
            let title = r.read_string().unwrap_or(TlStr::new(&[]));
            (title, r)
        }
        /// `title:string`.
        #[inline]
        pub fn title(&self) -> TlStr<'a> {
            self.title_and_rest().0
        }
        /// `username:flags.6?string` (`channel` only).
        pub fn username(&self) -> Option<TlStr<'a>> {
            if self.forbidden() || !self.flags.has(6) {
                return None;
            }
            self.title_and_rest().1.read_string().ok()
        }
        /// The flags word as it was on the wire.
        #[inline]
        pub fn flags(&self) -> Flags {
            self.flags
        }
        /// The whole object, for the fields not typed here.
        #[inline]
        pub fn object(&self) -> Object<'a> {
            self.object
        }
    }
}

impl<'a> Decode<'a> for Peer {
    const MIN_SIZE: usize = 8;
    #[inline]
    fn decode_in(r: &mut Reader<'a>, _cx: Ctx<'_>) -> Result<Peer> {
        Peer::read(r)
    }
}

super::type_entry_points!(Peer, "Peer");
super::type_entry_points!(User<'a>, "User");
super::type_entry_points!(Chat<'a>, "Chat");
super::ctor_entry_points!(ctor::User<'a>, User, "user", [id::USER], User);
super::ctor_entry_points!(ctor::Chat<'a>, Chat, "chat", [id::CHAT], Chat);
super::ctor_entry_points!(
    ctor::Channel<'a>,
    Chat,
    "channel` or `channelForbidden",
    [id::CHANNEL, id::CHANNEL_FORBIDDEN],
    Channel | ChannelForbidden
);

/// `name { field: value }`, as a generated view's `Debug`.
impl fmt::Debug for Peer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        super::debug_ctor(f, self.id(), |d| {
            match self {
                Peer::PeerUser { user_id } => d.field("user_id", user_id),
                Peer::PeerChat { chat_id } => d.field("chat_id", chat_id),
                Peer::PeerChannel { channel_id } => d.field("channel_id", channel_id),
            };
        })
    }
}

impl fmt::Debug for User<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            User::UserEmpty { id } => super::debug_ctor(f, id::USER_EMPTY, |d| {
                d.field("id", id);
            }),
            User::User(u) => u.fmt(f),
        }
    }
}

impl fmt::Debug for Chat<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Chat::ChatEmpty { id } => super::debug_ctor(f, id::CHAT_EMPTY, |d| {
                d.field("id", id);
            }),
            Chat::ChatForbidden { id, title } => super::debug_ctor(f, id::CHAT_FORBIDDEN, |d| {
                d.field("id", id).field("title", title);
            }),
            Chat::Chat(c) => c.fmt(f),
            Chat::Channel(c) | Chat::ChannelForbidden(c) => c.fmt(f),
        }
    }
}

/// The whole object's name and fields, as a generated view's `Debug`.
macro_rules! debug_object {
    ($($t:ty),*) => {$(
        impl fmt::Debug for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.object.fmt(f)
            }
        }
    )*};
}
debug_object!(ctor::User<'_>, ctor::Chat<'_>, ctor::Channel<'_>);
#[cfg(feature = "serde")]
crate::ser::tl_serialize!(Peer, User<'_>, Chat<'_>);

#[cfg(feature = "serde")]
crate::ser::object_serialize!(ctor::User<'_>, ctor::Chat<'_>, ctor::Channel<'_>);
