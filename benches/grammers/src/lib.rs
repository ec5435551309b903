//! grammers-tl-types beside tlview. grammers-tl-types reads only its own
//! (newer) layer, so the benchmark messages are rebuilt in that layer from
//! their TL JSON (`tests/data/*.json`): the same constructors, counts,
//! texts and values, serialized with grammers' own `Serializable`. Then its
//! `Deserializable::from_bytes` is timed on those bytes, next to tlview on
//! the layer-122 bytes. See BENCHMARKS.md.

use grammers_tl_types::{enums, types, Cursor, Deserializable, Serializable};
use serde_json::Value;

pub use tlview_peers_bench::{touch_tlview, Sum, DATA, FILES, UPDATES_TOO_LONG};

/// One message in both layers.
pub struct Pair {
    /// Its name.
    pub name: &'static str,
    /// The layer-122 bytes (the reference file).
    pub ours: Vec<u8>,
    /// The same message in grammers' layer, serialized by grammers.
    pub theirs: Vec<u8>,
}

/// The seven messages: the six files and `updatesTooLong`.
pub fn pairs() -> Vec<Pair> {
    let mut out: Vec<Pair> = FILES
        .iter()
        .map(|&name| {
            let ours = std::fs::read(format!("{DATA}{name}.bin")).unwrap();
            let json = std::fs::read_to_string(format!("{DATA}{name}.json")).unwrap();
            let v: Value = serde_json::from_str(&json).unwrap();
            Pair {
                name,
                ours,
                theirs: updates(&v).to_bytes(),
            }
        })
        .collect();
    out.push(Pair {
        name: "updates_too_long",
        ours: UPDATES_TOO_LONG.to_vec(),
        theirs: enums::Updates::TooLong.to_bytes(),
    });
    out
}

/// grammers' decode of one `Updates` that must fill `bytes` exactly (as
/// `from_bytes`, plus the check that nothing is left).
pub fn decode_exact(bytes: &[u8]) -> enums::Updates {
    let mut cur = Cursor::from_slice(bytes);
    let u = enums::Updates::deserialize(&mut cur).unwrap();
    assert_eq!(cur.pos(), bytes.len(), "grammers left bytes over");
    u
}

// ------------------------------------------------------- layer 230 in tlview

/// tlview's typed views of layer 230 on grammers' own bytes:
/// `tlview::layer230::enums::Updates::decode` (validation by layer 230's
/// straight-line validators where they cover the message, else its table
/// walker), then the same fields as [`touch_grammers`] reads, in the same
/// order, through the generated accessors (a container's fields through
/// `read()`, one pass): the checksums are equal when both read the same
/// values.
pub fn touch_typed_230(bytes: &[u8]) -> u64 {
    use tlview::layer230::enums as e;
    let mut s = Sum::default();
    fn peer(p: e::Peer<'_>) -> i64 {
        match p {
            e::Peer::User(x) => x.user_id(),
            e::Peer::Chat(x) => x.chat_id(),
            e::Peer::Channel(x) => x.channel_id(),
        }
    }
    fn headers(
        s: &mut Sum,
        fwd: Option<e::MessageFwdHeader<'_>>,
        reply: Option<e::MessageReplyHeader<'_>>,
    ) {
        if let Some(e::MessageFwdHeader::MessageFwdHeader(f)) = fwd {
            s.add(f.date().into());
            s.add(f.from_id().map_or(0, peer));
        }
        if let Some(r) = reply {
            s.add(match r {
                e::MessageReplyHeader::MessageReplyHeader(h) => {
                    h.reply_to_msg_id().unwrap_or(0).into()
                }
                e::MessageReplyHeader::MessageReplyStoryHeader(_) => 0,
            });
        }
    }
    fn entities(s: &mut Sum, v: Option<tlview::Vector<'_, e::MessageEntity<'_>>>) {
        if let Some(v) = v {
            for x in v {
                s.add(x.offset().into());
                s.add(x.length().into());
            }
        }
    }
    fn update_id(u: e::Update<'_>) -> i64 {
        match u {
            e::Update::NewMessage(_) => UPDATE_NEW_MESSAGE_122.into(),
            e::Update::UserStatus(_) => UPDATE_USER_STATUS_122.into(),
            _ => -1,
        }
    }
    /// The message of an `updateNewMessage`: id, sender, peer, date, text
    /// length and entities, as the layer-122 touch reads them.
    fn message(s: &mut Sum, up: e::Update<'_>) {
        let e::Update::NewMessage(n) = up else {
            return;
        };
        let e::Message::Message(m) = n.message() else {
            return;
        };
        s.add(m.id().into());
        s.add(m.from_id().map_or(0, peer));
        s.add(peer(m.peer_id()));
        s.add(m.date().into());
        s.add(m.message().len() as i64);
        entities(s, m.entities());
    }
    fn lists(
        s: &mut Sum,
        updates: tlview::Vector<'_, e::Update<'_>>,
        users: tlview::Vector<'_, e::User<'_>>,
        chats: tlview::Vector<'_, e::Chat<'_>>,
    ) {
        for up in updates {
            s.add(update_id(up));
            message(s, up);
        }
        let len = |x: Option<tlview::TlStr<'_>>| x.map_or(0, |x| x.len() as i64);
        for user in users {
            s.add(user.id());
            if let e::User::User(d) = user {
                s.add(len(d.first_name()));
                s.add(len(d.last_name()));
                s.add(len(d.username()));
            }
        }
        for chat in chats {
            s.add(chat.id());
            s.add(match chat {
                e::Chat::Empty(_) | e::Chat::CommunityForbidden(_) => 0,
                e::Chat::Chat(c) => c.title().len() as i64,
                e::Chat::Forbidden(c) => c.title().len() as i64,
                e::Chat::Channel(c) => c.title().len() as i64,
                e::Chat::ChannelForbidden(c) => c.title().len() as i64,
                e::Chat::Community(c) => c.title().len() as i64,
            });
        }
    }
    let Ok(u) = e::Updates::decode(bytes) else {
        return 0;
    };
    match u {
        e::Updates::TooLong(_) => s.add(1),
        e::Updates::UpdateShortMessage(m) => {
            s.add(m.id().into());
            s.add(m.user_id());
            s.add(m.date().into());
            s.add(m.pts().into());
            s.add(m.message().len() as i64);
            headers(&mut s, m.fwd_from(), m.reply_to());
            entities(&mut s, m.entities());
        }
        e::Updates::UpdateShortChatMessage(m) => {
            s.add(m.id().into());
            s.add(m.from_id());
            s.add(m.chat_id());
            s.add(m.date().into());
            s.add(m.pts().into());
            s.add(m.message().len() as i64);
            headers(&mut s, m.fwd_from(), m.reply_to());
            entities(&mut s, m.entities());
        }
        e::Updates::UpdateShortSentMessage(m) => {
            s.add(m.id().into());
            s.add(m.pts().into());
            s.add(m.date().into());
            s.add(m.media().map_or(0, |x| match x {
                e::MessageMedia::Empty(_) => MESSAGE_MEDIA_EMPTY_122.into(),
                _ => -1,
            }));
            entities(&mut s, m.entities());
        }
        e::Updates::UpdateShort(x) => {
            s.add(update_id(x.update()));
            s.add(x.date().into());
        }
        // The containers through `read()`: one pass finds every field, where
        // each accessor after the updates would skip them again.
        e::Updates::Combined(c) => {
            let f = c.read();
            lists(&mut s, f.updates, f.users, f.chats);
            s.add(f.date.into());
            s.add(f.seq.into());
        }
        e::Updates::Updates(c) => {
            let f = c.read();
            lists(&mut s, f.updates, f.users, f.chats);
            s.add(f.date.into());
            s.add(f.seq.into());
        }
    }
    s.0
}

/// tlview on grammers' own bytes: one `Updates` of layer 230 validated and
/// viewed in that layer (`Object::decode_in`, the dynamic view), then every
/// value in it read once (the fields of
/// every nested object and every vector element) and mixed into a checksum.
/// That reads more than [`touch_grammers`] does, as grammers' decode builds
/// every value too.
pub fn read_all_230(bytes: &[u8]) -> u64 {
    use tlview::object::Object;
    let updates = tlview::walk::Expect::Type(tlview::layer230::ty::UPDATES);
    let obj = Object::decode_in(
        tlview::Layer::L230,
        bytes,
        updates,
        &tlview::Limits::DEFAULT,
    )
    .expect("valid layer-230 Updates");
    let mut s = Sum::default();
    read_object(obj, &mut s);
    s.0
}

fn read_object(o: tlview::object::Object<'_>, s: &mut Sum) {
    s.add(o.id().into());
    for f in o.fields() {
        read_value(f.value, s);
    }
}

fn read_value(v: tlview::object::Value<'_>, s: &mut Sum) {
    use tlview::object::Value;
    match v {
        Value::Int(i) => s.add(i.into()),
        Value::Long(l) => s.add(l),
        Value::Double(d) => s.add(d.to_bits() as i64),
        Value::Int128(b) => s.add(b[0].into()),
        Value::Int256(b) => s.add(b[0].into()),
        Value::String(t) => s.add(t.as_bytes().len() as i64),
        Value::Bytes(b) => s.add(b.len() as i64),
        Value::Bool(b) => s.add(b.into()),
        Value::True => s.add(1),
        Value::Flags(w) => s.add(w.into()),
        Value::Object(o) => read_object(o, s),
        Value::Vector(items) => {
            for x in items {
                read_value(x, s);
            }
        }
    }
}

// ------------------------------------------------------------- JSON -> grammers

fn name(v: &Value) -> &str {
    v["_"].as_str().unwrap()
}
fn int(v: &Value, k: &str) -> i32 {
    v[k].as_i64().unwrap_or_else(|| panic!("{k}")) as i32
}
/// An `int` of layer 122 that grammers' layer widened to `long`.
fn wide(v: &Value, k: &str) -> i64 {
    v[k].as_i64().unwrap_or_else(|| panic!("{k}"))
}
/// A `long` (TL JSON writes it as a string).
fn long(v: &Value, k: &str) -> Option<i64> {
    v.get(k).map(|x| x.as_str().unwrap().parse().unwrap())
}
fn string(v: &Value, k: &str) -> String {
    v[k].as_str().unwrap_or_else(|| panic!("{k}")).to_owned()
}
fn opt_string(v: &Value, k: &str) -> Option<String> {
    v.get(k).map(|x| x.as_str().unwrap().to_owned())
}
fn flag(v: &Value, k: &str) -> bool {
    v.get(k).and_then(Value::as_bool).unwrap_or(false)
}
fn list<T>(v: &Value, k: &str, f: impl Fn(&Value) -> T) -> Vec<T> {
    v[k].as_array().unwrap().iter().map(f).collect()
}
fn opt_list<T>(v: &Value, k: &str, f: impl Fn(&Value) -> T) -> Option<Vec<T>> {
    v.get(k).map(|_| list(v, k, f))
}

fn updates(v: &Value) -> enums::Updates {
    match name(v) {
        "updateShortMessage" => enums::Updates::UpdateShortMessage(types::UpdateShortMessage {
            out: flag(v, "out"),
            mentioned: flag(v, "mentioned"),
            media_unread: flag(v, "media_unread"),
            silent: flag(v, "silent"),
            id: int(v, "id"),
            user_id: wide(v, "user_id"),
            message: string(v, "message"),
            pts: int(v, "pts"),
            pts_count: int(v, "pts_count"),
            date: int(v, "date"),
            fwd_from: v.get("fwd_from").map(fwd_header),
            via_bot_id: v.get("via_bot_id").map(|_| wide(v, "via_bot_id")),
            reply_to: v.get("reply_to").map(reply_header),
            entities: opt_list(v, "entities", entity),
            ttl_period: None,
        }),
        "updateShortChatMessage" => {
            enums::Updates::UpdateShortChatMessage(types::UpdateShortChatMessage {
                out: flag(v, "out"),
                mentioned: flag(v, "mentioned"),
                media_unread: flag(v, "media_unread"),
                silent: flag(v, "silent"),
                id: int(v, "id"),
                from_id: wide(v, "from_id"),
                chat_id: wide(v, "chat_id"),
                message: string(v, "message"),
                pts: int(v, "pts"),
                pts_count: int(v, "pts_count"),
                date: int(v, "date"),
                fwd_from: v.get("fwd_from").map(fwd_header),
                via_bot_id: v.get("via_bot_id").map(|_| wide(v, "via_bot_id")),
                reply_to: v.get("reply_to").map(reply_header),
                entities: opt_list(v, "entities", entity),
                ttl_period: None,
            })
        }
        "updateShortSentMessage" => {
            enums::Updates::UpdateShortSentMessage(types::UpdateShortSentMessage {
                out: flag(v, "out"),
                id: int(v, "id"),
                pts: int(v, "pts"),
                pts_count: int(v, "pts_count"),
                date: int(v, "date"),
                media: v.get("media").map(|m| match name(m) {
                    "messageMediaEmpty" => enums::MessageMedia::Empty,
                    other => panic!("media {other}"),
                }),
                entities: opt_list(v, "entities", entity),
                ttl_period: None,
            })
        }
        "updateShort" => enums::Updates::UpdateShort(types::UpdateShort {
            update: update(&v["update"]),
            date: int(v, "date"),
        }),
        "updates" => enums::Updates::Updates(types::Updates {
            updates: list(v, "updates", update),
            users: list(v, "users", user),
            chats: list(v, "chats", chat),
            date: int(v, "date"),
            seq: int(v, "seq"),
        }),
        "updatesCombined" => enums::Updates::Combined(types::UpdatesCombined {
            updates: list(v, "updates", update),
            users: list(v, "users", user),
            chats: list(v, "chats", chat),
            date: int(v, "date"),
            seq_start: int(v, "seq_start"),
            seq: int(v, "seq"),
        }),
        "updatesTooLong" => enums::Updates::TooLong,
        other => panic!("Updates {other}"),
    }
}

fn update(v: &Value) -> enums::Update {
    match name(v) {
        "updateNewMessage" => enums::Update::NewMessage(types::UpdateNewMessage {
            message: message(&v["message"]),
            pts: int(v, "pts"),
            pts_count: int(v, "pts_count"),
        }),
        "updateUserStatus" => enums::Update::UserStatus(types::UpdateUserStatus {
            user_id: wide(v, "user_id"),
            status: user_status(&v["status"]),
        }),
        other => panic!("Update {other}"),
    }
}

fn message(v: &Value) -> enums::Message {
    assert_eq!(name(v), "message");
    for k in v.as_object().unwrap().keys() {
        assert!(
            ["_", "id", "from_id", "peer_id", "date", "message", "entities", "out"]
                .contains(&k.as_str()),
            "message field {k} not converted"
        );
    }
    enums::Message::Message(types::Message {
        out: flag(v, "out"),
        mentioned: false,
        media_unread: false,
        silent: false,
        post: false,
        from_scheduled: false,
        legacy: false,
        edit_hide: false,
        pinned: false,
        noforwards: false,
        invert_media: false,
        offline: false,
        video_processing_pending: false,
        paid_suggested_post_stars: false,
        paid_suggested_post_ton: false,
        id: int(v, "id"),
        from_id: v.get("from_id").map(peer),
        from_boosts_applied: None,
        from_rank: None,
        peer_id: peer(&v["peer_id"]),
        saved_peer_id: None,
        fwd_from: None,
        via_bot_id: None,
        via_business_bot_id: None,
        guestchat_via_from: None,
        reply_to: None,
        date: int(v, "date"),
        message: string(v, "message"),
        media: None,
        reply_markup: None,
        entities: opt_list(v, "entities", entity),
        views: None,
        forwards: None,
        replies: None,
        edit_date: None,
        post_author: None,
        grouped_id: None,
        reactions: None,
        restriction_reason: None,
        ttl_period: None,
        quick_reply_shortcut_id: None,
        effect: None,
        factcheck: None,
        report_delivery_until_date: None,
        paid_message_stars: None,
        suggested_post: None,
        schedule_repeat_period: None,
        summary_from_language: None,
        rich_message: None,
    })
}

fn peer(v: &Value) -> enums::Peer {
    match name(v) {
        "peerUser" => enums::Peer::User(types::PeerUser {
            user_id: wide(v, "user_id"),
        }),
        "peerChat" => enums::Peer::Chat(types::PeerChat {
            chat_id: wide(v, "chat_id"),
        }),
        other => panic!("Peer {other}"),
    }
}

fn fwd_header(v: &Value) -> enums::MessageFwdHeader {
    for k in v.as_object().unwrap().keys() {
        assert!(
            ["_", "from_id", "date"].contains(&k.as_str()),
            "fwd field {k}"
        );
    }
    enums::MessageFwdHeader::Header(types::MessageFwdHeader {
        imported: false,
        saved_out: false,
        from_id: v.get("from_id").map(peer),
        from_name: None,
        date: int(v, "date"),
        channel_post: None,
        post_author: None,
        saved_from_peer: None,
        saved_from_msg_id: None,
        saved_from_id: None,
        saved_from_name: None,
        saved_date: None,
        psa_type: None,
    })
}

fn reply_header(v: &Value) -> enums::MessageReplyHeader {
    for k in v.as_object().unwrap().keys() {
        assert!(
            ["_", "reply_to_msg_id"].contains(&k.as_str()),
            "reply field {k}"
        );
    }
    enums::MessageReplyHeader::Header(types::MessageReplyHeader {
        reply_to_scheduled: false,
        forum_topic: false,
        quote: false,
        reply_to_ephemeral: false,
        reply_to_msg_id: Some(int(v, "reply_to_msg_id")),
        reply_to_peer_id: None,
        reply_from: None,
        reply_media: None,
        reply_to_top_id: None,
        quote_text: None,
        quote_entities: None,
        quote_offset: None,
        todo_item_id: None,
        poll_option: None,
    })
}

fn entity(v: &Value) -> enums::MessageEntity {
    let (offset, length) = (int(v, "offset"), int(v, "length"));
    match name(v) {
        "messageEntityBold" => {
            enums::MessageEntity::Bold(types::MessageEntityBold { offset, length })
        }
        "messageEntityItalic" => {
            enums::MessageEntity::Italic(types::MessageEntityItalic { offset, length })
        }
        "messageEntityCode" => {
            enums::MessageEntity::Code(types::MessageEntityCode { offset, length })
        }
        "messageEntityUrl" => enums::MessageEntity::Url(types::MessageEntityUrl { offset, length }),
        "messageEntityTextUrl" => enums::MessageEntity::TextUrl(types::MessageEntityTextUrl {
            offset,
            length,
            url: string(v, "url"),
        }),
        "messageEntityMentionName" => {
            enums::MessageEntity::MentionName(types::MessageEntityMentionName {
                offset,
                length,
                user_id: wide(v, "user_id"),
            })
        }
        other => panic!("MessageEntity {other}"),
    }
}

fn user_status(v: &Value) -> enums::UserStatus {
    match name(v) {
        "userStatusOnline" => enums::UserStatus::Online(types::UserStatusOnline {
            expires: int(v, "expires"),
        }),
        "userStatusRecently" => {
            enums::UserStatus::Recently(types::UserStatusRecently { by_me: false })
        }
        other => panic!("UserStatus {other}"),
    }
}

fn user(v: &Value) -> enums::User {
    assert_eq!(name(v), "user");
    for k in v.as_object().unwrap().keys() {
        assert!(
            [
                "_",
                "id",
                "access_hash",
                "first_name",
                "last_name",
                "username",
                "phone",
                "status"
            ]
            .contains(&k.as_str()),
            "user field {k} not converted"
        );
    }
    enums::User::User(types::User {
        is_self: false,
        contact: false,
        mutual_contact: false,
        deleted: false,
        bot: false,
        bot_chat_history: false,
        bot_nochats: false,
        verified: false,
        restricted: false,
        min: false,
        bot_inline_geo: false,
        support: false,
        scam: false,
        apply_min_photo: false,
        fake: false,
        bot_attach_menu: false,
        premium: false,
        attach_menu_enabled: false,
        bot_can_edit: false,
        close_friend: false,
        stories_hidden: false,
        stories_unavailable: false,
        contact_require_premium: false,
        bot_business: false,
        bot_has_main_app: false,
        bot_forum_view: false,
        bot_forum_can_manage_topics: false,
        bot_can_manage_bots: false,
        bot_guestchat: false,
        bot_guard: false,
        id: wide(v, "id"),
        access_hash: long(v, "access_hash"),
        first_name: opt_string(v, "first_name"),
        last_name: opt_string(v, "last_name"),
        username: opt_string(v, "username"),
        phone: opt_string(v, "phone"),
        photo: None,
        status: v.get("status").map(user_status),
        bot_info_version: None,
        restriction_reason: None,
        bot_inline_placeholder: None,
        lang_code: None,
        emoji_status: None,
        usernames: None,
        stories_max_id: None,
        color: None,
        profile_color: None,
        bot_active_users: None,
        bot_verification_icon: None,
        send_paid_messages_stars: None,
        linked_community_id: None,
    })
}

fn chat(v: &Value) -> enums::Chat {
    assert_eq!(name(v), "chat");
    for k in v.as_object().unwrap().keys() {
        assert!(
            [
                "_",
                "id",
                "title",
                "photo",
                "participants_count",
                "date",
                "version"
            ]
            .contains(&k.as_str()),
            "chat field {k} not converted"
        );
    }
    assert_eq!(name(&v["photo"]), "chatPhotoEmpty");
    enums::Chat::Chat(types::Chat {
        creator: false,
        left: false,
        deactivated: false,
        call_active: false,
        call_not_empty: false,
        noforwards: false,
        id: wide(v, "id"),
        title: string(v, "title"),
        photo: enums::ChatPhoto::Empty,
        participants_count: int(v, "participants_count"),
        date: int(v, "date"),
        version: int(v, "version"),
        migrated_to: None,
        admin_rights: None,
        default_banned_rights: None,
    })
}

// ------------------------------------------------------------- touch

/// The layer-122 ids of the constructors grammers' layer renumbered, so that
/// [`touch_grammers`] mixes in the same values as [`touch_tlview`].
const UPDATE_NEW_MESSAGE_122: u32 = 0x1f2b0afd;
const UPDATE_USER_STATUS_122: u32 = 0x1bfbd823;
const MESSAGE_MEDIA_EMPTY_122: u32 = 0x3ded6320;

/// Reads the same fields as [`touch_tlview`], in the same
/// order, so the checksums are equal when the messages are.
#[inline]
pub fn touch_grammers(u: &enums::Updates) -> u64 {
    let mut s = Sum::default();
    fn peer(p: &enums::Peer) -> i64 {
        match p {
            enums::Peer::User(x) => x.user_id,
            enums::Peer::Chat(x) => x.chat_id,
            enums::Peer::Channel(x) => x.channel_id,
        }
    }
    fn headers(
        s: &mut Sum,
        fwd: &Option<enums::MessageFwdHeader>,
        reply: &Option<enums::MessageReplyHeader>,
    ) {
        if let Some(enums::MessageFwdHeader::Header(f)) = fwd {
            s.add(f.date.into());
            s.add(f.from_id.as_ref().map_or(0, peer));
        }
        if let Some(r) = reply {
            s.add(match r {
                enums::MessageReplyHeader::Header(h) => h.reply_to_msg_id.unwrap_or(0).into(),
                enums::MessageReplyHeader::MessageReplyStoryHeader(_) => 0,
            });
        }
    }
    fn entities(s: &mut Sum, e: &Option<Vec<enums::MessageEntity>>) {
        for e in e.iter().flatten() {
            s.add(e.offset().into());
            s.add(e.length().into());
        }
    }
    fn update_id(u: &enums::Update) -> i64 {
        match u {
            enums::Update::NewMessage(_) => UPDATE_NEW_MESSAGE_122.into(),
            enums::Update::UserStatus(_) => UPDATE_USER_STATUS_122.into(),
            _ => -1,
        }
    }
    fn message(s: &mut Sum, up: &enums::Update) {
        let enums::Update::NewMessage(n) = up else {
            return;
        };
        let enums::Message::Message(m) = &n.message else {
            return;
        };
        s.add(m.id.into());
        s.add(m.from_id.as_ref().map_or(0, peer));
        s.add(peer(&m.peer_id));
        s.add(m.date.into());
        s.add(m.message.len() as i64);
        entities(s, &m.entities);
    }
    fn lists(s: &mut Sum, updates: &[enums::Update], users: &[enums::User], chats: &[enums::Chat]) {
        for up in updates {
            s.add(update_id(up));
            message(s, up);
        }
        for user in users {
            s.add(user.id());
            if let enums::User::User(d) = user {
                s.add(d.first_name.as_ref().map_or(0, |x| x.len() as i64));
                s.add(d.last_name.as_ref().map_or(0, |x| x.len() as i64));
                s.add(d.username.as_ref().map_or(0, |x| x.len() as i64));
            }
        }
        for chat in chats {
            s.add(chat.id());
            s.add(match chat {
                enums::Chat::Empty(_) => 0,
                enums::Chat::Chat(c) => c.title.len() as i64,
                enums::Chat::Forbidden(c) => c.title.len() as i64,
                enums::Chat::Channel(c) => c.title.len() as i64,
                enums::Chat::ChannelForbidden(c) => c.title.len() as i64,
                enums::Chat::Community(c) => c.title.len() as i64,
                enums::Chat::CommunityForbidden(_) => 0,
            });
        }
    }
    match u {
        enums::Updates::TooLong => s.add(1),
        enums::Updates::UpdateShortMessage(m) => {
            s.add(m.id.into());
            s.add(m.user_id);
            s.add(m.date.into());
            s.add(m.pts.into());
            s.add(m.message.len() as i64);
            headers(&mut s, &m.fwd_from, &m.reply_to);
            entities(&mut s, &m.entities);
        }
        enums::Updates::UpdateShortChatMessage(m) => {
            s.add(m.id.into());
            s.add(m.from_id);
            s.add(m.chat_id);
            s.add(m.date.into());
            s.add(m.pts.into());
            s.add(m.message.len() as i64);
            headers(&mut s, &m.fwd_from, &m.reply_to);
            entities(&mut s, &m.entities);
        }
        enums::Updates::UpdateShortSentMessage(m) => {
            s.add(m.id.into());
            s.add(m.pts.into());
            s.add(m.date.into());
            s.add(m.media.as_ref().map_or(0, |x| match x {
                enums::MessageMedia::Empty => MESSAGE_MEDIA_EMPTY_122.into(),
                _ => -1,
            }));
            entities(&mut s, &m.entities);
        }
        enums::Updates::UpdateShort(x) => {
            s.add(update_id(&x.update));
            s.add(x.date.into());
        }
        enums::Updates::Combined(c) => {
            lists(&mut s, &c.updates, &c.users, &c.chats);
            s.add(c.date.into());
            s.add(c.seq.into());
        }
        enums::Updates::Updates(c) => {
            lists(&mut s, &c.updates, &c.users, &c.chats);
            s.add(c.date.into());
            s.add(c.seq.into());
        }
    }
    s.0
}

// ------------------------------------------------- messages.sendMessage (230)

/// The `messages.sendMessage` request of the layer-230 encode comparison:
/// the same message as the peers bench's layer-122 one
/// (`tlview_peers_bench::send_message`: a 100-byte text with two entities,
/// bold and italic, a reply-to, `silent`), to an `inputPeerUser` whose id is
/// a `long`; the reply-to is an `inputReplyToMessage` (layer 230 has no
/// `reply_to_msg_id` on the request). Built once by each library; the
/// timed part is the encode alone.
pub mod send_message_230 {
    use grammers_tl_types as g;
    use tlview::layer230::build::{enums, functions, types};
    use tlview_peers_bench::send_message::{ACCESS_HASH, BOLD, ITALIC, RANDOM_ID, REPLY_TO, TEXT};

    /// The user the message goes to: beyond `i32`, as layer 230 allows.
    pub const USER_ID: i64 = 5_000_000_007;
    /// Its size on the wire: id, flags, inputPeerUser (20),
    /// inputReplyToMessage (12), the text (104), random_id, the entities
    /// (8 + 2 × 12).
    pub const LEN: usize = 4 + 4 + 20 + 12 + 104 + 8 + 32;

    static PEER: enums::InputPeer<'static> = enums::InputPeer::User(types::InputPeerUser {
        user_id: USER_ID,
        access_hash: ACCESS_HASH,
    });
    static REPLY: enums::InputReplyTo<'static> =
        enums::InputReplyTo::Message(types::InputReplyToMessage {
            reply_to_msg_id: REPLY_TO,
            top_msg_id: None,
            reply_to_peer_id: None,
            quote_text: None,
            quote_entities: None,
            quote_offset: None,
            monoforum_peer_id: None,
            todo_item_id: None,
            poll_option: None,
        });
    static ENTITIES: [enums::MessageEntity<'static>; 2] = [
        enums::MessageEntity::Bold(types::MessageEntityBold {
            offset: BOLD.0,
            length: BOLD.1,
        }),
        enums::MessageEntity::Italic(types::MessageEntityItalic {
            offset: ITALIC.0,
            length: ITALIC.1,
        }),
    ];

    /// The request as tlview's generated layer-230 form (borrowing statics:
    /// building it allocates nothing).
    pub fn tlview() -> functions::messages::SendMessage<'static> {
        functions::messages::SendMessage {
            no_webpage: false,
            silent: true,
            background: false,
            clear_draft: false,
            noforwards: false,
            update_stickersets_order: false,
            invert_media: false,
            allow_paid_floodskip: false,
            peer: &PEER,
            reply_to: Some(&REPLY),
            message: tlview::TlStr::new(TEXT),
            random_id: RANDOM_ID,
            reply_markup: None,
            entities: Some(tlview::encode::List::from(&ENTITIES)),
            schedule_date: None,
            schedule_repeat_period: None,
            send_as: None,
            quick_reply_shortcut: None,
            effect: None,
            allow_paid_stars: None,
            suggested_post: None,
            rich_message: None,
        }
    }

    /// The request as grammers' value (its text a `String` and its entities
    /// a `Vec`, allocated here, once, not by the encode).
    pub fn grammers() -> g::functions::messages::SendMessage {
        g::functions::messages::SendMessage {
            no_webpage: false,
            silent: true,
            background: false,
            clear_draft: false,
            noforwards: false,
            update_stickersets_order: false,
            invert_media: false,
            allow_paid_floodskip: false,
            peer: g::enums::InputPeer::User(g::types::InputPeerUser {
                user_id: USER_ID,
                access_hash: ACCESS_HASH,
            }),
            reply_to: Some(g::enums::InputReplyTo::Message(
                g::types::InputReplyToMessage {
                    reply_to_msg_id: REPLY_TO,
                    top_msg_id: None,
                    reply_to_peer_id: None,
                    quote_text: None,
                    quote_entities: None,
                    quote_offset: None,
                    monoforum_peer_id: None,
                    todo_item_id: None,
                    poll_option: None,
                },
            )),
            message: String::from_utf8(TEXT.to_vec()).unwrap(),
            random_id: RANDOM_ID,
            reply_markup: None,
            entities: Some(vec![
                g::enums::MessageEntity::Bold(g::types::MessageEntityBold {
                    offset: BOLD.0,
                    length: BOLD.1,
                }),
                g::enums::MessageEntity::Italic(g::types::MessageEntityItalic {
                    offset: ITALIC.0,
                    length: ITALIC.1,
                }),
            ]),
            schedule_date: None,
            schedule_repeat_period: None,
            send_as: None,
            quick_reply_shortcut: None,
            effect: None,
            allow_paid_stars: None,
            suggested_post: None,
            rich_message: None,
        }
    }
}
