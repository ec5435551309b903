//! The peers benchmark: tlview vs tl-proto vs memcpy on the same layer-122
//! bytes. This library holds what the bench (`benches/peers.rs`), the tests
//! and the grammers bench share: the messages, the tl-proto model of the
//! layer's types ([`model`]), the exact-fill tl-proto decode, the two `touch`
//! functions that read the same fields from each decoder's result, the
//! acceptContact requests and the thread-CPU-time clock ([`clock`]).
//!
//! See BENCHMARKS.md at the repository root.

pub mod clock;
pub mod model;
pub mod paired;

use tl_proto::{TlError, TlRead, TlResult};

/// The six reference messages, in `tests/data/` of the repository.
pub const FILES: [&str; 6] = [
    "short_message",
    "short_chat_message",
    "short_sent",
    "update_short",
    "updates_50",
    "updates_combined_10",
];

/// Where the reference messages are, relative to this crate.
pub const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data/");

/// `updatesTooLong#e317af7e` on the wire.
pub const UPDATES_TOO_LONG: [u8; 4] = [0x7e, 0xaf, 0x17, 0xe3];

/// The seven decode messages: the six files (read at run time) then
/// `updates_too_long`.
pub fn messages() -> Vec<(&'static str, Vec<u8>)> {
    let mut out: Vec<(&'static str, Vec<u8>)> = FILES
        .iter()
        .map(|&name| {
            let path = format!("{DATA}{name}.bin");
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
            (name, bytes)
        })
        .collect();
    out.push(("updates_too_long", UPDATES_TOO_LONG.to_vec()));
    out
}

/// tl-proto's decode of one `Updates` that must fill `bytes` exactly:
/// `tl_proto::deserialize` is `read_from` on a cursor and ignores what is
/// left over, so this is `read_from` plus the check that nothing is (the
/// same contract as `tlview::Updates::decode`).
#[inline(always)]
pub fn tl_proto_decode(bytes: &[u8]) -> TlResult<model::Updates<'_>> {
    let mut packet = bytes;
    let result = <model::Updates<'_> as TlRead<'_>>::read_from(&mut packet);
    if result.is_ok() && !packet.is_empty() {
        return Err(TlError::InvalidData);
    }
    result
}

/// A checksum of what was touched, so nothing is optimised away and the
/// decoders can be checked to have read the same values.
#[derive(Default)]
pub struct Sum(pub u64);

impl Sum {
    /// Mixes one value in.
    #[inline(always)]
    pub fn add(&mut self, v: i64) {
        self.0 = self.0.wrapping_mul(31).wrapping_add(v as u64);
    }
}

/// Defines `touch_tlview` (below) for the tlview crate named `$c`: this
/// crate defines it for `tlview`, the A/B bench (`benches/ab`) for each of
/// the two copies of the library it builds into one binary.
#[macro_export]
macro_rules! define_touch_tlview {
    ($c:ident) => {
        /// Reads what a client shows from tlview's typed view: ids, dates, the
        /// text's length, the forward/reply headers, every entity's offset and
        /// length, each update's constructor and, for an `updateNewMessage`, its
        /// message's id, sender, peer, date, text length and entities (through
        /// the generated views' accessors), each user's id and
        /// first/last/user name, each chat's id and title. [`touch_tl_proto`] reads the same fields
        /// in the same order and so returns the same checksum.
        #[inline]
        pub fn touch_tlview(u: &$c::Updates<'_>) -> u64 {
            use $c::api::{MessageEntity, MessageFwdHeader, MessageReplyHeader, Peer};
            use $c::Updates as U;
            use $c::Vector;

            #[inline(always)]
            fn peer(p: Peer) -> i64 {
                match p {
                    Peer::PeerUser { user_id } => user_id.into(),
                    Peer::PeerChat { chat_id } => chat_id.into(),
                    Peer::PeerChannel { channel_id } => channel_id.into(),
                }
            }
            #[inline(always)]
            fn headers(
                s: &mut $crate::Sum,
                fwd: Option<MessageFwdHeader<'_>>,
                reply: Option<MessageReplyHeader>,
            ) {
                if let Some(f) = fwd {
                    s.add(f.date().into());
                    s.add(f.from_id().map_or(0, peer));
                }
                if let Some(r) = reply {
                    s.add(r.reply_to_msg_id().into());
                }
            }
            #[inline(always)]
            fn entities(s: &mut $crate::Sum, e: Option<Vector<'_, MessageEntity<'_>>>) {
                if let Some(v) = e {
                    for e in v {
                        s.add(e.offset().into());
                        s.add(e.length().into());
                    }
                }
            }
            /// The message of an `updateNewMessage`, through the generated
            /// views' accessors (each goes straight to its field; `read()`,
            /// one pass into a struct of every field, costs more when only
            /// six of them are read).
            #[inline(always)]
            fn message(s: &mut $crate::Sum, up: $c::api::Update<'_>) {
                use $c::enums::{Message, MessageEntity as E, Peer as P, Update};
                #[inline(always)]
                fn gpeer(p: P<'_>) -> i64 {
                    match p {
                        P::User(p) => p.user_id().into(),
                        P::Chat(p) => p.chat_id().into(),
                        P::Channel(p) => p.channel_id().into(),
                    }
                }
                let Update::NewMessage(n) = up else {
                    return;
                };
                let Message::Message(m) = n.message() else {
                    return;
                };
                s.add(m.id().into());
                s.add(m.from_id().map_or(0, gpeer));
                s.add(gpeer(m.peer_id()));
                s.add(m.date().into());
                s.add(m.message().len() as i64);
                if let Some(v) = m.entities() {
                    for e in v {
                        let e: E<'_> = e;
                        s.add(e.offset().into());
                        s.add(e.length().into());
                    }
                }
            }
            fn lists(
                s: &mut $crate::Sum,
                updates: Vector<'_, $c::api::Update<'_>>,
                users: Vector<'_, $c::api::User<'_>>,
                chats: Vector<'_, $c::api::Chat<'_>>,
            ) {
                for up in updates {
                    s.add(up.constructor_id().into());
                    message(s, up);
                }
                for user in users {
                    s.add(user.id().into());
                    if let Some(d) = user.user() {
                        s.add(d.first_name().map_or(0, |x| x.len() as i64));
                        s.add(d.last_name().map_or(0, |x| x.len() as i64));
                        s.add(d.username().map_or(0, |x| x.len() as i64));
                    }
                }
                for chat in chats {
                    s.add(chat.id().into());
                    s.add(chat.title().map_or(0, |x| x.len() as i64));
                }
            }

            let mut s = $crate::Sum::default();
            match u {
                U::UpdatesTooLong => s.add(1),
                U::UpdateShortMessage(m) => {
                    s.add(m.id().into());
                    s.add(m.user_id().into());
                    s.add(m.date().into());
                    s.add(m.pts().into());
                    s.add(m.message().len() as i64);
                    headers(&mut s, m.fwd_from(), m.reply_to());
                    entities(&mut s, m.entities());
                }
                U::UpdateShortChatMessage(m) => {
                    s.add(m.id().into());
                    s.add(m.from_id().into());
                    s.add(m.chat_id().into());
                    s.add(m.date().into());
                    s.add(m.pts().into());
                    s.add(m.message().len() as i64);
                    headers(&mut s, m.fwd_from(), m.reply_to());
                    entities(&mut s, m.entities());
                }
                U::UpdateShortSentMessage(m) => {
                    s.add(m.id().into());
                    s.add(m.pts().into());
                    s.add(m.date().into());
                    s.add(m.media().map_or(0, |x| x.id().into()));
                    entities(&mut s, m.entities());
                }
                U::UpdateShort(x) => {
                    s.add(x.update().constructor_id().into());
                    s.add(x.date().into());
                }
                U::UpdatesCombined(c) => {
                    lists(&mut s, c.updates(), c.users(), c.chats());
                    s.add(c.date().into());
                    s.add(c.seq().into());
                }
                U::Updates(c) => {
                    lists(&mut s, c.updates(), c.users(), c.chats());
                    s.add(c.date().into());
                    s.add(c.seq().into());
                }
            }
            s.0
        }
    };
}

define_touch_tlview!(tlview);

/// [`touch_tlview`] for tl-proto's decoded tree: the same fields, the same
/// order, the same checksum.
#[inline]
pub fn touch_tl_proto(u: &model::Updates<'_>) -> u64 {
    use model::{
        Chat, Message, MessageEntity, MessageFwdHeader, MessageReplyHeader, Peer, Update, User,
    };
    use model::{Updates as U, Vector};

    #[inline(always)]
    fn peer(p: &Peer) -> i64 {
        match *p {
            Peer::PeerUser { user_id } => user_id.into(),
            Peer::PeerChat { chat_id } => chat_id.into(),
            Peer::PeerChannel { channel_id } => channel_id.into(),
        }
    }
    #[inline(always)]
    fn headers(
        s: &mut Sum,
        fwd: &Option<MessageFwdHeader<'_>>,
        reply: &Option<MessageReplyHeader>,
    ) {
        if let Some(f) = fwd {
            s.add(f.date.into());
            s.add(f.from_id.as_ref().map_or(0, peer));
        }
        if let Some(r) = reply {
            s.add(r.reply_to_msg_id.into());
        }
    }
    #[inline(always)]
    fn entities(s: &mut Sum, e: &Option<Vector<MessageEntity<'_>>>) {
        if let Some(v) = e {
            for e in v.iter() {
                let (offset, length) = e.span();
                s.add(offset.into());
                s.add(length.into());
            }
        }
    }
    fn lists(s: &mut Sum, updates: &[Update<'_>], users: &[User<'_>], chats: &[Chat<'_>]) {
        for up in updates {
            s.add(up.id().into());
            if let Update::UpdateNewMessage {
                message: Message::Message(m),
                ..
            } = up
            {
                s.add(m.id.into());
                s.add(m.from_id.as_ref().map_or(0, peer));
                s.add(peer(&m.peer_id));
                s.add(m.date.into());
                s.add(m.message.len() as i64);
                entities(s, &m.entities);
            }
        }
        for user in users {
            match user {
                User::UserEmpty { id } => s.add((*id).into()),
                User::User(d) => {
                    s.add(d.id.into());
                    s.add(d.first_name.map_or(0, |x| x.len() as i64));
                    s.add(d.last_name.map_or(0, |x| x.len() as i64));
                    s.add(d.username.map_or(0, |x| x.len() as i64));
                }
            }
        }
        for chat in chats {
            s.add(chat.id().into());
            s.add(chat.title().map_or(0, |x| x.len() as i64));
        }
    }

    let mut s = Sum::default();
    match u {
        U::UpdatesTooLong => s.add(1),
        U::UpdateShortMessage(m) => {
            s.add(m.id.into());
            s.add(m.user_id.into());
            s.add(m.date.into());
            s.add(m.pts.into());
            s.add(m.message.len() as i64);
            headers(&mut s, &m.fwd_from, &m.reply_to);
            entities(&mut s, &m.entities);
        }
        U::UpdateShortChatMessage(m) => {
            s.add(m.id.into());
            s.add(m.from_id.into());
            s.add(m.chat_id.into());
            s.add(m.date.into());
            s.add(m.pts.into());
            s.add(m.message.len() as i64);
            headers(&mut s, &m.fwd_from, &m.reply_to);
            entities(&mut s, &m.entities);
        }
        U::UpdateShortSentMessage(m) => {
            s.add(m.id.into());
            s.add(m.pts.into());
            s.add(m.date.into());
            s.add(m.media.as_ref().map_or(0, |x| x.id().into()));
            entities(&mut s, &m.entities);
        }
        U::UpdateShort(x) => {
            s.add(x.update.id().into());
            s.add(x.date.into());
        }
        U::UpdatesCombined(c) => {
            lists(&mut s, &c.updates, &c.users, &c.chats);
            s.add(c.date.into());
            s.add(c.seq.into());
        }
        U::Updates(c) => {
            lists(&mut s, &c.updates, &c.users, &c.chats);
            s.add(c.date.into());
            s.add(c.seq.into());
        }
    }
    s.0
}

/// The `contacts.acceptContact` requests of the encode bench, by name:
/// `inputUser` and `inputUserFromMessage` (peer `inputPeerChat`).
pub mod requests {
    use crate::model;

    /// The user both requests accept.
    pub const USER_ID: i32 = 777;
    /// `inputUser`'s access hash.
    pub const ACCESS_HASH: i64 = -5;
    /// `inputPeerChat`'s chat.
    pub const CHAT_ID: i32 = 42;
    /// `inputUserFromMessage`'s message.
    pub const MSG_ID: i32 = 10;
    /// The names of the two requests, in order.
    pub const NAMES: [&str; 2] = ["input_user", "input_user_from_message"];

    /// The two requests as tlview values.
    pub fn tlview() -> [tlview::AcceptContact<'static>; 2] {
        use tlview::api::contacts::PeerRef;
        // The `inputPeerChat` that `inputUserFromMessage` borrows.
        static CHAT: tlview::InputPeer<'static> =
            tlview::InputPeer::InputPeerChat { chat_id: CHAT_ID };
        [
            tlview::AcceptContact {
                id: tlview::InputUser::InputUser {
                    user_id: USER_ID,
                    access_hash: ACCESS_HASH,
                },
            },
            tlview::AcceptContact {
                id: tlview::InputUser::InputUserFromMessage {
                    peer: PeerRef::Value(&CHAT),
                    msg_id: MSG_ID,
                    user_id: USER_ID,
                },
            },
        ]
    }

    /// The two requests as tl-proto values.
    pub fn tl_proto() -> [model::AcceptContact; 2] {
        [
            model::AcceptContact {
                id: model::InputUser::InputUser {
                    user_id: USER_ID,
                    access_hash: ACCESS_HASH,
                },
            },
            model::AcceptContact {
                id: model::InputUser::InputUserFromMessage {
                    peer: model::InputPeer::InputPeerChat { chat_id: CHAT_ID },
                    msg_id: MSG_ID,
                    user_id: USER_ID,
                },
            },
        ]
    }
}

/// The `messages.sendMessage` request of the encode bench: to an
/// `inputPeerUser`, a 100-byte text with two entities (bold, italic), a
/// reply-to, no reply markup; `silent` set, so a `true` flag is in the word
/// too. 172 bytes on the wire.
pub mod send_message {
    use crate::model;
    use tlview::build::enums::{InputPeer, MessageEntity};
    use tlview::build::types::{InputPeerUser, MessageEntityBold, MessageEntityItalic};

    /// The user the message goes to.
    pub const USER_ID: i32 = 100_007;
    /// Its access hash.
    pub const ACCESS_HASH: i64 = -0x0123_4567_89ab_cdef;
    /// The message it replies to.
    pub const REPLY_TO: i32 = 999;
    /// `random_id`.
    pub const RANDOM_ID: i64 = 0x1122_3344_5566_7788;
    /// The text: 100 bytes, so its `string` is 1 + 100 bytes padded to 104.
    pub const TEXT: &[u8; 100] =
        b"Meet at the station at 9:30, platform 4. Bring the tickets and the map; the train leaves at 9:45!!!!";
    /// `messageEntityBold` (offset, length): "Meet at the station".
    pub const BOLD: (i32, i32) = (0, 19);
    /// `messageEntityItalic` (offset, length): "Bring the tickets".
    pub const ITALIC: (i32, i32) = (41, 17);
    /// Its size on the wire.
    pub const LEN: usize = 172;

    static PEER: InputPeer<'static> = InputPeer::User(InputPeerUser {
        user_id: USER_ID,
        access_hash: ACCESS_HASH,
    });
    static ENTITIES: [MessageEntity<'static>; 2] = [
        MessageEntity::Bold(MessageEntityBold {
            offset: BOLD.0,
            length: BOLD.1,
        }),
        MessageEntity::Italic(MessageEntityItalic {
            offset: ITALIC.0,
            length: ITALIC.1,
        }),
    ];

    /// The request as tlview's generated form (borrowing statics: building
    /// it allocates nothing either).
    pub fn tlview() -> tlview::build::functions::messages::SendMessage<'static> {
        tlview::build::functions::messages::SendMessage {
            no_webpage: false,
            silent: true,
            background: false,
            clear_draft: false,
            peer: &PEER,
            reply_to_msg_id: Some(REPLY_TO),
            message: tlview::TlStr::new(TEXT),
            random_id: RANDOM_ID,
            reply_markup: None,
            entities: Some(tlview::encode::List::from(&ENTITIES)),
            schedule_date: None,
        }
    }

    /// The request as a tl-proto value (its entities in a `Vec`, allocated
    /// here, once, not by the encode).
    pub fn tl_proto() -> model::SendMessage<'static> {
        model::SendMessage {
            flags: (),
            no_webpage: None,
            silent: Some(()),
            background: None,
            clear_draft: None,
            peer: model::InputPeer::InputPeerUser {
                user_id: USER_ID,
                access_hash: ACCESS_HASH,
            },
            reply_to_msg_id: Some(REPLY_TO),
            message: TEXT,
            random_id: RANDOM_ID,
            reply_markup: None,
            entities: Some(model::Vector(vec![
                model::MessageEntity::Bold {
                    offset: BOLD.0,
                    length: BOLD.1,
                },
                model::MessageEntity::Italic {
                    offset: ITALIC.0,
                    length: ITALIC.1,
                },
            ])),
            schedule_date: None,
        }
    }
}
