//! `Peer`, `User` and `Chat`: who a message is from and to, and the names a
//! client shows.

#[cfg(feature = "names")]
use core::fmt;

use super::message::{opt, read_flags, wrong_type};
use super::{element_via_decode, Ctx, Decode};
use crate::error::Result;
use crate::flags::Flags;
use crate::object::Object;
use crate::reader::Reader;
use crate::schema::{id, ty};
use crate::string::TlStr;
use crate::walk::Expect;

/// `Peer`: `peerUser`, `peerChat` or `peerChannel` (ids are `int` in layer 122).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
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
        let (name, field, v) = match *self {
            Peer::PeerUser { user_id } => ("peerUser", "user_id", user_id),
            Peer::PeerChat { chat_id } => ("peerChat", "chat_id", chat_id),
            Peer::PeerChannel { channel_id } => ("peerChannel", "channel_id", channel_id),
        };
        let mut o = super::JsonObject::new(f, name)?;
        o.int(field, v)?;
        o.finish()
    }
}

/// `User`: `user#938458c1` typed, `userEmpty` and its id.
// Views are plain values (no heap to box into), so variants differ in size.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Copy, Debug)]
pub enum User<'a> {
    /// `userEmpty#200250ba id:int`.
    UserEmpty {
        /// The user's id.
        id: i32,
    },
    /// `user#938458c1`.
    User(UserData<'a>),
}

/// The fields of `user#938458c1`.
#[derive(Clone, Copy, Debug)]
pub struct UserData<'a> {
    flags: Flags,
    id: i32,
    access_hash: Option<i64>,
    first_name: Option<TlStr<'a>>,
    last_name: Option<TlStr<'a>>,
    username: Option<TlStr<'a>>,
    phone: Option<TlStr<'a>>,
    photo: Option<Object<'a>>,
    status: Option<Object<'a>>,
    bot_info_version: Option<i32>,
    restriction_reason_vec: Option<crate::object::Values<'a>>,
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

impl<'a> UserData<'a> {
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
    pub fn id(&self) -> i32 {
        self.id
    }
    /// `access_hash:flags.0?long`.
    pub fn access_hash(&self) -> Option<i64> {
        self.access_hash
    }
    /// `first_name:flags.1?string`.
    pub fn first_name(&self) -> Option<TlStr<'a>> {
        self.first_name
    }
    /// `last_name:flags.2?string`.
    pub fn last_name(&self) -> Option<TlStr<'a>> {
        self.last_name
    }
    /// `username:flags.3?string`.
    pub fn username(&self) -> Option<TlStr<'a>> {
        self.username
    }
    /// `phone:flags.4?string`.
    pub fn phone(&self) -> Option<TlStr<'a>> {
        self.phone
    }
    /// `photo:flags.5?UserProfilePhoto`, as a dynamic view.
    pub fn photo(&self) -> Option<Object<'a>> {
        self.photo
    }
    /// `status:flags.6?UserStatus`, as a dynamic view.
    pub fn status(&self) -> Option<Object<'a>> {
        self.status
    }
    /// `bot_info_version:flags.14?int`.
    pub fn bot_info_version(&self) -> Option<i32> {
        self.bot_info_version
    }
    /// `restriction_reason:flags.18?Vector<RestrictionReason>`, each a dynamic view.
    pub fn restriction_reason(&self) -> Option<crate::object::Values<'a>> {
        self.restriction_reason_vec
    }
    /// `bot_inline_placeholder:flags.19?string`.
    pub fn bot_inline_placeholder(&self) -> Option<TlStr<'a>> {
        self.bot_inline_placeholder
    }
    /// `lang_code:flags.22?string`.
    pub fn lang_code(&self) -> Option<TlStr<'a>> {
        self.lang_code
    }
    /// The flags word as it was on the wire.
    pub fn flags(&self) -> Flags {
        self.flags
    }
}

/// Reads a boxed vector of objects of `ty` with the walker; returns a lazy
/// dynamic view of its elements.
pub(crate) fn object_vector<'a>(
    r: &mut Reader<'a>,
    cx: Ctx<'_>,
    elem_ty: u16,
) -> Result<crate::object::Values<'a>> {
    let start = *r;
    let count = r.read_vector_len(4)?;
    for _ in 0..count {
        cx.nested(r)?.object(r, Expect::Type(elem_ty))?;
    }
    crate::object::Values::boxed_vector_at(start, elem_ty)
}

/// The declared bits of `user#938458c1`'s flags.
pub(crate) const USER_FLAGS: u32 = 0x03ff_fc7f;

impl<'a> Decode<'a> for User<'a> {
    const MIN_SIZE: usize = 8;
    fn decode_in(r: &mut Reader<'a>, cx: Ctx<'_>) -> Result<User<'a>> {
        let at = r.offset();
        let found = r.read_id()?;
        match found {
            id::USER_EMPTY => Ok(User::UserEmpty { id: r.read_int()? }),
            id::USER => {
                let flags = read_flags(r, USER_FLAGS)?;
                let id = r.read_int()?;
                let access_hash = opt(flags, 0, || r.read_long())?;
                let first_name = opt(flags, 1, || r.read_string())?;
                let last_name = opt(flags, 2, || r.read_string())?;
                let username = opt(flags, 3, || r.read_string())?;
                let phone = opt(flags, 4, || r.read_string())?;
                let photo = opt(flags, 5, || {
                    cx.nested(r)?
                        .object(r, Expect::Type(ty::USER_PROFILE_PHOTO))
                })?;
                let status = opt(flags, 6, || {
                    cx.nested(r)?.object(r, Expect::Type(ty::USER_STATUS))
                })?;
                let bot_info_version = opt(flags, 14, || r.read_int())?;
                let restriction_reason_vec =
                    opt(flags, 18, || object_vector(r, cx, ty::RESTRICTION_REASON))?;
                let bot_inline_placeholder = opt(flags, 19, || r.read_string())?;
                let lang_code = opt(flags, 22, || r.read_string())?;
                Ok(User::User(UserData {
                    flags,
                    id,
                    access_hash,
                    first_name,
                    last_name,
                    username,
                    phone,
                    photo,
                    status,
                    bot_info_version,
                    restriction_reason_vec,
                    bot_inline_placeholder,
                    lang_code,
                }))
            }
            other => Err(wrong_type(ty::USER, other, at)),
        }
    }
}
element_via_decode!(User);

impl<'a> User<'a> {
    /// The user's id.
    pub fn id(&self) -> i32 {
        match self {
            User::UserEmpty { id } => *id,
            User::User(u) => u.id,
        }
    }
    /// `user#938458c1`'s fields, if it is one.
    pub fn user(&self) -> Option<&UserData<'a>> {
        match self {
            User::User(u) => Some(u),
            User::UserEmpty { .. } => None,
        }
    }
}

/// Writes a vector of dynamic values as a JSON array.
#[cfg(feature = "names")]
pub(crate) struct JsonValues<'a>(pub(crate) crate::object::Values<'a>);

#[cfg(feature = "names")]
impl fmt::Display for JsonValues<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[")?;
        for (i, v) in self.0.enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            if let crate::object::Value::Object(o) = v {
                crate::json::Json(o).fmt(f)?;
            }
        }
        f.write_str("]")
    }
}

#[cfg(feature = "names")]
impl fmt::Display for User<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            User::UserEmpty { id } => {
                let mut o = super::JsonObject::new(f, "userEmpty")?;
                o.int("id", *id)?;
                o.finish()
            }
            User::User(u) => {
                let mut o = super::JsonObject::new(f, "user")?;
                for (name, bit) in [
                    ("self", 10),
                    ("contact", 11),
                    ("mutual_contact", 12),
                    ("deleted", 13),
                    ("bot", 14),
                    ("bot_chat_history", 15),
                    ("bot_nochats", 16),
                    ("verified", 17),
                    ("restricted", 18),
                    ("min", 20),
                    ("bot_inline_geo", 21),
                    ("support", 23),
                    ("scam", 24),
                    ("apply_min_photo", 25),
                ] {
                    o.flag(name, u.flags.has(bit))?;
                }
                o.int("id", u.id)?;
                o.opt_long("access_hash", u.access_hash)?;
                o.opt_str("first_name", u.first_name)?;
                o.opt_str("last_name", u.last_name)?;
                o.opt_str("username", u.username)?;
                o.opt_str("phone", u.phone)?;
                o.opt_object("photo", u.photo)?;
                o.opt_object("status", u.status)?;
                o.opt_int("bot_info_version", u.bot_info_version)?;
                o.opt_value(
                    "restriction_reason",
                    u.restriction_reason_vec.map(JsonValues),
                )?;
                o.opt_str("bot_inline_placeholder", u.bot_inline_placeholder)?;
                o.opt_str("lang_code", u.lang_code)?;
                o.finish()
            }
        }
    }
}

/// `Chat`: the common constructors typed, with the fields a client needs to
/// show a name; the whole object is also available as a dynamic view.
#[derive(Clone, Copy, Debug)]
pub enum Chat<'a> {
    /// `chatEmpty#9ba2d800 id:int`.
    ChatEmpty {
        /// The chat's id.
        id: i32,
    },
    /// `chat#3bda1bde`.
    Chat(ChatData<'a>),
    /// `chatForbidden#7328bdb id:int title:string`.
    ChatForbidden {
        /// The chat's id.
        id: i32,
        /// Its title.
        title: TlStr<'a>,
    },
    /// `channel#d31a961e`.
    Channel(ChannelData<'a>),
    /// `channelForbidden#289da732`.
    ChannelForbidden(ChannelData<'a>),
}

/// The common fields of `chat#3bda1bde`, and the whole object.
#[derive(Clone, Copy, Debug)]
pub struct ChatData<'a> {
    flags: Flags,
    id: i32,
    title: TlStr<'a>,
    participants_count: i32,
    date: i32,
    object: Object<'a>,
}

impl<'a> ChatData<'a> {
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
    pub fn id(&self) -> i32 {
        self.id
    }
    /// `title:string`.
    pub fn title(&self) -> TlStr<'a> {
        self.title
    }
    /// `participants_count:int`.
    pub fn participants_count(&self) -> i32 {
        self.participants_count
    }
    /// `date:int`.
    pub fn date(&self) -> i32 {
        self.date
    }
    /// The whole object, for the fields not typed here.
    pub fn object(&self) -> Object<'a> {
        self.object
    }
}

/// The common fields of `channel#d31a961e` and `channelForbidden#289da732`,
/// and the whole object.
#[derive(Clone, Copy, Debug)]
pub struct ChannelData<'a> {
    flags: Flags,
    id: i32,
    access_hash: Option<i64>,
    title: TlStr<'a>,
    username: Option<TlStr<'a>>,
    object: Object<'a>,
}

impl<'a> ChannelData<'a> {
    flag_accessors! {
        /// `broadcast:flags.5?true`.
        broadcast = 5;
        /// `megagroup:flags.8?true`.
        megagroup = 8;
    }
    /// `id:int`.
    pub fn id(&self) -> i32 {
        self.id
    }
    /// `access_hash` (optional in `channel`, always there in `channelForbidden`).
    pub fn access_hash(&self) -> Option<i64> {
        self.access_hash
    }
    /// `title:string`.
    pub fn title(&self) -> TlStr<'a> {
        self.title
    }
    /// `username:flags.6?string` (`channel` only).
    pub fn username(&self) -> Option<TlStr<'a>> {
        self.username
    }
    /// The whole object, for the fields not typed here.
    pub fn object(&self) -> Object<'a> {
        self.object
    }
}

impl<'a> Decode<'a> for Chat<'a> {
    const MIN_SIZE: usize = 8;
    fn decode_in(r: &mut Reader<'a>, cx: Ctx<'_>) -> Result<Chat<'a>> {
        // One validating pass with the walker; then the common fields are read
        // from the validated object (cheap, and cannot fail).
        let object = cx.object(r, Expect::Type(ty::CHAT))?;
        let mut f = Reader::with_base(object.body(), object.body_offset());
        let c = match object.id() {
            id::CHAT_EMPTY => Chat::ChatEmpty { id: f.read_int()? },
            id::CHAT_FORBIDDEN => Chat::ChatForbidden {
                id: f.read_int()?,
                title: f.read_string()?,
            },
            id::CHAT => {
                let flags = f.read_flags()?;
                let id = f.read_int()?;
                let title = f.read_string()?;
                // photo:ChatPhoto, then participants_count and date.
                Object::read(&mut f, Expect::Type(ty::CHAT_PHOTO), &super::REREAD)?;
                let participants_count = f.read_int()?;
                let date = f.read_int()?;
                Chat::Chat(ChatData {
                    flags,
                    id,
                    title,
                    participants_count,
                    date,
                    object,
                })
            }
            id::CHANNEL => {
                let flags = f.read_flags()?;
                let id = f.read_int()?;
                let access_hash = opt(flags, 13, || f.read_long())?;
                let title = f.read_string()?;
                let username = opt(flags, 6, || f.read_string())?;
                Chat::Channel(ChannelData {
                    flags,
                    id,
                    access_hash,
                    title,
                    username,
                    object,
                })
            }
            id::CHANNEL_FORBIDDEN => {
                let flags = f.read_flags()?;
                let id = f.read_int()?;
                let access_hash = Some(f.read_long()?);
                let title = f.read_string()?;
                Chat::ChannelForbidden(ChannelData {
                    flags,
                    id,
                    access_hash,
                    title,
                    username: None,
                    object,
                })
            }
            other => return Err(wrong_type(ty::CHAT, other, object.body_offset())),
        };
        Ok(c)
    }
}
element_via_decode!(Chat);

impl<'a> Chat<'a> {
    /// The chat's or channel's id.
    pub fn id(&self) -> i32 {
        match self {
            Chat::ChatEmpty { id } | Chat::ChatForbidden { id, .. } => *id,
            Chat::Chat(c) => c.id,
            Chat::Channel(c) | Chat::ChannelForbidden(c) => c.id,
        }
    }
    /// Its title (`None` for `chatEmpty`).
    pub fn title(&self) -> Option<TlStr<'a>> {
        match self {
            Chat::ChatEmpty { .. } => None,
            Chat::ChatForbidden { title, .. } => Some(*title),
            Chat::Chat(c) => Some(c.title),
            Chat::Channel(c) | Chat::ChannelForbidden(c) => Some(c.title),
        }
    }
}

#[cfg(feature = "names")]
impl fmt::Display for Chat<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Chat::ChatEmpty { id } => {
                let mut o = super::JsonObject::new(f, "chatEmpty")?;
                o.int("id", *id)?;
                o.finish()
            }
            Chat::ChatForbidden { id, title } => {
                let mut o = super::JsonObject::new(f, "chatForbidden")?;
                o.int("id", *id)?;
                o.str("title", *title)?;
                o.finish()
            }
            // The other fields are printed through the dynamic view.
            Chat::Chat(c) => crate::json::Json(c.object).fmt(f),
            Chat::Channel(c) | Chat::ChannelForbidden(c) => crate::json::Json(c.object).fmt(f),
        }
    }
}
