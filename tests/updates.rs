//! Typed `Updates` views on messages built by hand from the layer-122 schema,
//! field by field: every optional field present, every one absent, and mixed;
//! long strings and multi-byte UTF-8; truncation at every offset; misplaced
//! constructors.

use tlview::api::{MessageEntity, MessageMedia, Peer};
use tlview::{ErrorKind, Limits, Updates};

mod common;
use common::B;

// Ids from the schema.
const UPDATES_TOO_LONG: u32 = 0xe317af7e;
const UPDATE_SHORT_MESSAGE: u32 = 0x2296d2c8;
const UPDATE_SHORT_CHAT_MESSAGE: u32 = 0x402d5dbb;
const UPDATE_SHORT: u32 = 0x78d4dec1;
const UPDATES_COMBINED: u32 = 0x725b04c3;
const UPDATES: u32 = 0x74ae4240;
const UPDATE_SHORT_SENT_MESSAGE: u32 = 0x11f1331c;
const VECTOR: u32 = 0x1cb5c415;
const PEER_USER: u32 = 0x9db1bc6d;
const PEER_CHANNEL: u32 = 0xbddde532;
const FWD_HEADER: u32 = 0x5f777dce;
const REPLY_HEADER: u32 = 0xa6d57763;
const BOLD: u32 = 0xbd610bc9;
const PRE: u32 = 0x73924be0;
const TEXT_URL: u32 = 0x76a6d327;
const INPUT_MENTION_NAME: u32 = 0x208e68c9;
const INPUT_USER: u32 = 0xd8292816;
const UPDATE_USER_STATUS: u32 = 0x1bfbd823;
const USER_STATUS_ONLINE: u32 = 0xedb93949;
const USER_STATUS_RECENTLY: u32 = 0xe26f42f1;
const USER: u32 = 0x938458c1;
const USER_EMPTY: u32 = 0x200250ba;
const CHAT: u32 = 0x3bda1bde;
const CHAT_FORBIDDEN: u32 = 0x07328bdb;
const CHANNEL: u32 = 0xd31a961e;
const CHAT_PHOTO_EMPTY: u32 = 0x37c1011c;
const MEDIA_EMPTY: u32 = 0x3ded6320;
const MEDIA_GEO: u32 = 0x56e0d474;
const GEO_POINT_EMPTY: u32 = 0x1117dd5f;

const LONG_TEXT: &str =
    "Ünïcødé ✓ 日本語 🎉 — a message long enough for the four-byte length form: \
    lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt \
    ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco.";

fn entities() -> B {
    B::new()
        .id(VECTOR)
        .int(4)
        .id(BOLD)
        .int(0)
        .int(5)
        .id(PRE)
        .int(6)
        .int(3)
        .string(b"rust")
        .id(TEXT_URL)
        .int(10)
        .int(2)
        .string("https://example.com/ü".as_bytes())
        .id(INPUT_MENTION_NAME)
        .int(12)
        .int(1)
        .id(INPUT_USER)
        .int(42)
        .long(-99)
}

/// updateShortMessage with every optional field present.
fn short_message_full() -> Vec<u8> {
    // flags: out(1) fwd_from(2) reply_to(3) mentioned(4) media_unread(5)
    // entities(7) via_bot_id(11) silent(13)
    let flags =
        (1 << 1) | (1 << 2) | (1 << 3) | (1 << 4) | (1 << 5) | (1 << 7) | (1 << 11) | (1 << 13);
    B::new()
        .id(UPDATE_SHORT_MESSAGE)
        .int(flags)
        .int(1001)
        .int(777_000)
        .string(LONG_TEXT.as_bytes())
        .int(5000)
        .int(1)
        .int(1_600_000_000)
        // fwd_from: messageFwdHeader with from_id, from_name, channel_post,
        // post_author, saved_from_peer + saved_from_msg_id, psa_type.
        .id(FWD_HEADER)
        .int(0b111_1101)
        .id(PEER_USER)
        .int(123)
        .string("Zoë".as_bytes())
        .int(1_599_990_000)
        .int(55)
        .string(b"author")
        .id(PEER_CHANNEL)
        .int(9)
        .int(77)
        .string(b"psa")
        // via_bot_id
        .int(4242)
        // reply_to: messageReplyHeader with both optional fields
        .id(REPLY_HEADER)
        .int(0b11)
        .int(999)
        .id(PEER_USER)
        .int(5)
        .int(998)
        .raw(&entities().0)
        .0
}

#[test]
fn update_short_message_with_every_field() {
    let bytes = short_message_full();
    let Updates::UpdateShortMessage(m) = Updates::decode(&bytes).unwrap() else {
        panic!("wrong variant")
    };
    assert!(m.out() && m.mentioned() && m.media_unread() && m.silent());
    assert_eq!((m.id(), m.user_id()), (1001, 777_000));
    assert_eq!(m.message().to_str(), Ok(LONG_TEXT));
    assert!(m.message().len() >= 254);
    assert_eq!((m.pts(), m.pts_count(), m.date()), (5000, 1, 1_600_000_000));
    let f = m.fwd_from().unwrap();
    assert_eq!(f.from_id(), Some(Peer::PeerUser { user_id: 123 }));
    assert_eq!(f.from_name().unwrap().to_str(), Ok("Zoë"));
    assert_eq!(f.date(), 1_599_990_000);
    assert_eq!(f.channel_post(), Some(55));
    assert_eq!(f.post_author().unwrap().as_bytes(), b"author");
    assert_eq!(
        f.saved_from_peer(),
        Some(Peer::PeerChannel { channel_id: 9 })
    );
    assert_eq!(f.saved_from_msg_id(), Some(77));
    assert_eq!(f.psa_type().unwrap().as_bytes(), b"psa");
    assert_eq!(m.via_bot_id(), Some(4242));
    let r = m.reply_to().unwrap();
    assert_eq!(r.reply_to_msg_id(), 999);
    assert_eq!(r.reply_to_peer_id(), Some(Peer::PeerUser { user_id: 5 }));
    assert_eq!(r.reply_to_top_id(), Some(998));
    let e = m.entities().unwrap();
    assert_eq!(e.len(), 4);
    let all: Vec<_> = e.iter().collect();
    assert_eq!(
        all[0],
        MessageEntity::MessageEntityBold {
            offset: 0,
            length: 5
        }
    );
    assert!(
        matches!(all[1], MessageEntity::MessageEntityPre { offset: 6, length: 3, language } if language.as_bytes() == b"rust")
    );
    assert!(
        matches!(all[2], MessageEntity::MessageEntityTextUrl { url, .. } if url.to_str() == Ok("https://example.com/ü"))
    );
    match all[3] {
        MessageEntity::InputMessageEntityMentionName {
            offset,
            length,
            user_id,
        } => {
            assert_eq!((offset, length), (12, 1));
            assert_eq!(
                user_id,
                tlview::InputUser::InputUser {
                    user_id: 42,
                    access_hash: -99
                }
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(e.get(3).map(|x| x.offset()), Some(12));
    assert_eq!(
        e.last().map(|x| x.name()),
        Some("inputMessageEntityMentionName")
    );
}

/// Short messages of 2 MiB and more: the straight-line read returns the
/// body's positions packed in 32 bits each (21 bits each until session 5,
/// when bodies from 2 MiB went to the careful path). Around that old
/// boundary and above it every field reads back as built, and a cut body is
/// refused.
#[test]
fn short_messages_around_two_mib_read_the_same() {
    const MIB2: usize = 2 << 20;
    for text_len in [MIB2 - 200, MIB2 - 60, MIB2, 3 << 20] {
        let text = vec![b'x'; text_len];
        for chat in [false, true] {
            let flags = (1 << 2) | (1 << 3) | (1 << 7);
            let mut b = if chat {
                B::new()
                    .id(UPDATE_SHORT_CHAT_MESSAGE)
                    .int(flags)
                    .int(7)
                    .int(8)
                    .int(9)
            } else {
                B::new().id(UPDATE_SHORT_MESSAGE).int(flags).int(7).int(8)
            };
            b = b
                .string(&text)
                .int(11)
                .int(12)
                .int(13)
                .id(FWD_HEADER)
                .int(1)
                .id(PEER_USER)
                .int(14)
                .int(15)
                .id(REPLY_HEADER)
                .int(0)
                .int(16)
                .id(VECTOR)
                .int(2)
                .id(BOLD)
                .int(17)
                .int(18)
                .id(TEXT_URL)
                .int(19)
                .int(20)
                .string(b"https://t.me/");
            let view = Updates::decode(&b.0).unwrap();
            // The same accessors on either view.
            macro_rules! fields {
                ($m:expr) => {
                    (
                        $m.id(),
                        $m.message(),
                        $m.pts(),
                        $m.pts_count(),
                        $m.date(),
                        $m.fwd_from().unwrap(),
                        $m.reply_to().unwrap(),
                        $m.entities().unwrap(),
                    )
                };
            }
            let (id, text_got, pts, pts_count, date, fwd, reply, ents) = match view {
                Updates::UpdateShortMessage(m) => fields!(m),
                Updates::UpdateShortChatMessage(m) => {
                    assert_eq!((m.from_id(), m.chat_id()), (8, 9));
                    fields!(m)
                }
                other => panic!("{other:?}"),
            };
            assert_eq!(id, 7);
            assert_eq!(text_got.len(), text_len);
            assert_eq!((pts, pts_count, date), (11, 12, 13));
            assert_eq!(fwd.from_id(), Some(Peer::PeerUser { user_id: 14 }));
            assert_eq!(fwd.date(), 15);
            assert_eq!(reply.reply_to_msg_id(), 16);
            let offsets: Vec<_> = ents.iter().map(|e| (e.offset(), e.length())).collect();
            assert_eq!(offsets, [(17, 18), (19, 20)]);
            // And a cut one is refused, at either size.
            assert!(Updates::decode(&b.0[..b.0.len() - 4]).is_err());
        }
    }
}

/// Forward headers without strings (the straight-line read sizes them from
/// the flags alone): every combination of `from_id`, `channel_post` and
/// `saved_from_peer`, read back field by field; a wrong constructor in
/// either peer is refused at its offset, as the careful path reports it.
#[test]
fn forward_headers_without_strings() {
    for bits in 0..8u32 {
        let (from, post, saved) = (bits & 1 != 0, bits & 2 != 0, bits & 4 != 0);
        let flags = (from as i32) | (post as i32) << 2 | (saved as i32) << 4;
        let mut b = common::short_message_head(1 << 2, b"hi")
            .id(FWD_HEADER)
            .int(flags);
        let from_at = b.0.len();
        if from {
            b = b.id(PEER_USER).int(77);
        }
        b = b.int(1_600_000_000);
        if post {
            b = b.int(55);
        }
        let saved_at = b.0.len();
        if saved {
            b = b.id(PEER_CHANNEL).int(9).int(99);
        }
        let bytes = b.0;
        let Updates::UpdateShortMessage(m) = Updates::decode(&bytes).unwrap() else {
            panic!()
        };
        let f = m.fwd_from().unwrap();
        assert_eq!(f.date(), 1_600_000_000, "{bits}");
        assert_eq!(f.from_id(), from.then_some(Peer::PeerUser { user_id: 77 }));
        assert_eq!(f.from_name(), None);
        assert_eq!(f.channel_post(), post.then_some(55));
        let peer = Peer::PeerChannel { channel_id: 9 };
        assert_eq!(f.saved_from_peer(), saved.then_some(peer));
        assert_eq!(f.saved_from_msg_id(), saved.then_some(99));
        assert_eq!(m.date(), 5);
        for (present, at) in [(from, from_at), (saved, saved_at)] {
            if present {
                let mut bad = bytes.clone();
                bad[at..at + 4].copy_from_slice(&USER.to_le_bytes());
                let e = Updates::decode(&bad).unwrap_err();
                assert_eq!(e.offset(), at, "{bits}: {e}");
                assert!(matches!(e.kind(), ErrorKind::WrongType { .. }), "{e}");
            }
        }
    }
}

/// A forward header read from a short message compares (and prints) as
/// the header alone, whatever follows it in the body: `via_bot_id`, a reply
/// header, entities.
#[test]
fn forward_headers_compare_by_their_own_bytes() {
    let message = |date: i32, after: bool| {
        let flags = 1 << 2 | if after { 1 << 11 | 1 << 3 | 1 << 7 } else { 0 };
        let mut b = common::short_message_head(flags, b"hi")
            .id(FWD_HEADER)
            .int(1 | 1 << 5 | 1 << 2)
            .id(PEER_USER)
            .int(77)
            .string(b"Ann")
            .int(date)
            .int(55);
        if after {
            b = b
                .int(9) // via_bot_id
                .id(REPLY_HEADER)
                .int(0)
                .int(1000)
                .id(VECTOR)
                .int(1)
                .id(BOLD)
                .int(0)
                .int(2);
        }
        b.0
    };
    fn fwd(bytes: &[u8]) -> tlview::api::MessageFwdHeader<'_> {
        let Updates::UpdateShortMessage(m) = Updates::decode(bytes).unwrap() else {
            panic!()
        };
        m.fwd_from().unwrap()
    }
    let (plain, followed) = (message(7, false), message(7, true));
    let (a, b) = (fwd(&plain), fwd(&followed));
    assert_eq!(a, b);
    assert_eq!(format!("{a:?}"), format!("{b:?}"));
    assert_eq!((b.date(), b.channel_post()), (7, Some(55)));
    assert_eq!(b.from_name().unwrap().as_bytes(), b"Ann");
    let other = message(8, true);
    assert_ne!(fwd(&other), b);
    assert!(
        format!("{b:?}").contains("date: 7, channel_post: 55"),
        "{b:?}"
    );
}

/// Reply headers in each shape, read back; a wrong constructor in the peer
/// is refused at its offset.
#[test]
fn reply_headers_in_each_shape() {
    for bits in 0..4i32 {
        let mut b = common::short_message_head(1 << 3, b"")
            .id(REPLY_HEADER)
            .int(bits)
            .int(1000);
        let peer_at = b.0.len();
        if bits & 1 != 0 {
            b = b.id(PEER_CHANNEL).int(8);
        }
        if bits & 2 != 0 {
            b = b.int(999);
        }
        let bytes = b.0;
        let Updates::UpdateShortMessage(m) = Updates::decode(&bytes).unwrap() else {
            panic!()
        };
        let r = m.reply_to().unwrap();
        assert_eq!(r.reply_to_msg_id(), 1000);
        let peer = Peer::PeerChannel { channel_id: 8 };
        assert_eq!(r.reply_to_peer_id(), (bits & 1 != 0).then_some(peer));
        assert_eq!(r.reply_to_top_id(), (bits & 2 != 0).then_some(999));
        if bits & 1 != 0 {
            let mut bad = bytes.clone();
            bad[peer_at..peer_at + 4].copy_from_slice(&USER.to_le_bytes());
            let e = Updates::decode(&bad).unwrap_err();
            assert_eq!(e.offset(), peer_at, "{e}");
        }
    }
}

#[test]
fn update_short_message_with_no_optional_field() {
    let bytes = B::new()
        .id(UPDATE_SHORT_MESSAGE)
        .int(0)
        .int(1)
        .int(2)
        .string(b"")
        .int(3)
        .int(4)
        .int(5)
        .0;
    let Updates::UpdateShortMessage(m) = Updates::decode(&bytes).unwrap() else {
        panic!()
    };
    assert!(!m.out() && !m.mentioned() && !m.media_unread() && !m.silent());
    assert_eq!(
        (m.id(), m.user_id(), m.pts(), m.pts_count(), m.date()),
        (1, 2, 3, 4, 5)
    );
    assert!(m.message().is_empty());
    assert!(m.fwd_from().is_none() && m.via_bot_id().is_none());
    assert!(m.reply_to().is_none() && m.entities().is_none());
    assert_eq!(bytes.len(), 32);
}

#[test]
fn update_short_chat_message_mixed() {
    // out, via_bot_id, entities (empty vector); invalid UTF-8 in the text.
    let flags = (1 << 1) | (1 << 7) | (1 << 11);
    let bytes = B::new()
        .id(UPDATE_SHORT_CHAT_MESSAGE)
        .int(flags)
        .int(7)
        .int(8)
        .int(9)
        .string(b"caf\xc3\xa9 \xff!")
        .int(10)
        .int(11)
        .int(12)
        .int(13)
        .id(VECTOR)
        .int(0)
        .0;
    let Updates::UpdateShortChatMessage(m) = Updates::decode(&bytes).unwrap() else {
        panic!()
    };
    assert!(m.out() && !m.silent());
    assert_eq!((m.id(), m.from_id(), m.chat_id()), (7, 8, 9));
    assert!(m.message().to_str().is_err());
    assert_eq!(m.message().to_string(), "café \u{fffd}!");
    assert_eq!((m.pts(), m.pts_count(), m.date()), (10, 11, 12));
    assert_eq!(m.via_bot_id(), Some(13));
    assert!(m.fwd_from().is_none() && m.reply_to().is_none());
    assert!(m.entities().unwrap().is_empty());
    #[cfg(feature = "names")]
    assert_eq!(
        Updates::decode(&bytes).unwrap().to_string(),
        r#"{"_":"updateShortChatMessage","out":true,"id":7,"from_id":8,"chat_id":9,"message":"café �!","pts":10,"pts_count":11,"date":12,"via_bot_id":13,"entities":[]}"#
    );
}

#[test]
fn update_short_sent_message_with_and_without_media() {
    let with = B::new()
        .id(UPDATE_SHORT_SENT_MESSAGE)
        .int((1 << 1) | (1 << 9))
        .int(1)
        .int(2)
        .int(3)
        .int(4)
        .id(MEDIA_GEO)
        .id(GEO_POINT_EMPTY)
        .0;
    let Updates::UpdateShortSentMessage(m) = Updates::decode(&with).unwrap() else {
        panic!()
    };
    assert!(m.out());
    assert_eq!((m.id(), m.pts(), m.pts_count(), m.date()), (1, 2, 3, 4));
    let media = m.media().unwrap();
    assert!(matches!(media, MessageMedia::MessageMediaGeo(_)));
    assert_eq!(media.id(), MEDIA_GEO);
    assert_eq!(
        media.object().unwrap().body(),
        &GEO_POINT_EMPTY.to_le_bytes()
    );
    assert!(m.entities().is_none());

    let empty = B::new()
        .id(UPDATE_SHORT_SENT_MESSAGE)
        .int(1 << 9)
        .int(1)
        .int(2)
        .int(3)
        .int(4)
        .id(MEDIA_EMPTY)
        .0;
    let Updates::UpdateShortSentMessage(m) = Updates::decode(&empty).unwrap() else {
        panic!()
    };
    assert!(!m.out());
    assert!(matches!(m.media(), Some(MessageMedia::MessageMediaEmpty)));
}

#[test]
fn update_short_and_too_long() {
    let bytes = B::new()
        .id(UPDATE_SHORT)
        .id(UPDATE_USER_STATUS)
        .int(5)
        .id(USER_STATUS_ONLINE)
        .int(9)
        .int(77)
        .0;
    let Updates::UpdateShort(u) = Updates::decode(&bytes).unwrap() else {
        panic!()
    };
    assert_eq!(u.date(), 77);
    assert_eq!(u.update().constructor_id(), UPDATE_USER_STATUS);
    assert_eq!(u.update().object().body().len(), 12);

    let too_long = UPDATES_TOO_LONG.to_le_bytes();
    let u = Updates::decode(&too_long).unwrap();
    assert!(matches!(u, Updates::UpdatesTooLong));
    assert_eq!(u.id(), UPDATES_TOO_LONG);
}

fn users_and_chats() -> B {
    B::new()
        // users: user with names, username, phone, status; userEmpty
        .id(VECTOR)
        .int(2)
        .id(USER)
        .int(
            (1 << 0) | (1 << 1) | (1 << 2) | (1 << 3) | (1 << 4) | (1 << 6) | (1 << 10) | (1 << 14),
        )
        .int(100)
        .long(-1234567890123)
        .string("Jöhn".as_bytes())
        .string(b"Doe")
        .string(b"jdoe")
        .string(b"15551234")
        .id(USER_STATUS_RECENTLY)
        .int(3) // bot_info_version (flag 14)
        .id(USER_EMPTY)
        .int(101)
        // chats: chat, chatForbidden, channel
        .id(VECTOR)
        .int(3)
        .id(CHAT)
        .int(1 << 0)
        .int(200)
        .string(b"Team")
        .id(CHAT_PHOTO_EMPTY)
        .int(12)
        .int(1_600_000_000)
        .int(1)
        .id(CHAT_FORBIDDEN)
        .int(201)
        .string(b"Gone")
        .id(CHANNEL)
        .int((1 << 13) | (1 << 6) | (1 << 5))
        .int(300)
        .long(77)
        .string(b"News")
        .string(b"news")
        .id(CHAT_PHOTO_EMPTY)
        .int(1_600_000_001)
        .int(2)
}

#[test]
fn updates_and_updates_combined() {
    let body = users_and_chats();
    let one_update = B::new()
        .id(VECTOR)
        .int(1)
        .id(UPDATE_USER_STATUS)
        .int(100)
        .id(USER_STATUS_ONLINE)
        .int(5);
    let updates = B::new()
        .id(UPDATES)
        .raw(&one_update.0)
        .raw(&body.0)
        .int(1_600_000_002)
        .int(44)
        .0;
    let Updates::Updates(u) = Updates::decode(&updates).unwrap() else {
        panic!()
    };
    assert_eq!((u.date(), u.seq()), (1_600_000_002, 44));
    assert_eq!(u.updates().len(), 1);
    assert_eq!(
        u.updates().first().unwrap().constructor_id(),
        UPDATE_USER_STATUS
    );
    let users: Vec<_> = u.users().iter().collect();
    assert_eq!(users.len(), 2);
    let john = users[0].user().unwrap();
    assert_eq!(john.id(), 100);
    assert_eq!(john.access_hash(), Some(-1234567890123));
    assert_eq!(john.first_name().unwrap().to_str(), Ok("Jöhn"));
    assert_eq!(john.last_name().unwrap().as_bytes(), b"Doe");
    assert_eq!(john.username().unwrap().as_bytes(), b"jdoe");
    assert_eq!(john.phone().unwrap().as_bytes(), b"15551234");
    assert!(john.is_self() && john.bot() && !john.contact());
    assert_eq!(john.status().unwrap().id(), USER_STATUS_RECENTLY);
    assert!(john.photo().is_none());
    assert_eq!(john.bot_info_version(), Some(3));
    assert_eq!(users[1].id(), 101);
    assert!(users[1].user().is_none());
    let chats: Vec<_> = u.chats().iter().collect();
    assert_eq!(chats.len(), 3);
    assert_eq!(chats[0].id(), 200);
    assert_eq!(chats[0].title().unwrap().as_bytes(), b"Team");
    let tlview::api::Chat::Chat(c) = chats[0] else {
        panic!()
    };
    assert!(c.creator() && !c.left());
    assert_eq!((c.participants_count(), c.date()), (12, 1_600_000_000));
    assert_eq!(chats[1].title().unwrap().as_bytes(), b"Gone");
    let tlview::api::Chat::Channel(ch) = chats[2] else {
        panic!()
    };
    assert_eq!((ch.id(), ch.access_hash()), (300, Some(77)));
    assert_eq!(ch.username().unwrap().as_bytes(), b"news");
    assert!(ch.broadcast() && !ch.megagroup());

    let combined = B::new()
        .id(UPDATES_COMBINED)
        .raw(&one_update.0)
        .raw(&body.0)
        .int(1)
        .int(2)
        .int(3)
        .0;
    let Updates::UpdatesCombined(u) = Updates::decode(&combined).unwrap() else {
        panic!()
    };
    assert_eq!((u.date(), u.seq_start(), u.seq()), (1, 2, 3));
    assert_eq!(
        (u.updates().len(), u.users().len(), u.chats().len()),
        (1, 2, 3)
    );
}

/// All hand-built messages, for the checks that apply to every one.
fn all_messages() -> Vec<Vec<u8>> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/");
    let mut v = vec![
        short_message_full(),
        UPDATES_TOO_LONG.to_le_bytes().to_vec(),
    ];
    for name in [
        "short_message",
        "short_chat_message",
        "short_sent",
        "update_short",
        "updates_combined_10",
    ] {
        v.push(std::fs::read(format!("{dir}{name}.bin")).unwrap());
    }
    v.push(
        B::new()
            .id(UPDATES)
            .id(VECTOR)
            .int(0)
            .raw(&users_and_chats().0)
            .int(1)
            .int(2)
            .0,
    );
    v
}

/// Walks `v` one element at a time: each step gives an element and leaves
/// the iterator's `len()` one lower, the end comes after exactly `v.len()`
/// elements and stays the end. Entity, user, chat and update vectors end by
/// running out of bytes, not by a count, so this checks both agree.
fn iterate_exactly<'a, T: tlview::Element<'a>>(v: tlview::Vector<'a, T>) -> usize {
    let mut it = v.iter();
    for left in (0..v.len()).rev() {
        assert!(it.next().is_some(), "ended {} early", left + 1);
        assert_eq!(it.len(), left);
    }
    assert!(it.next().is_none() && it.next().is_none());
    assert_eq!(it.len(), 0);
    v.len()
}

#[test]
fn vector_iterators_end_after_their_count() {
    let mut seen = [0usize; 4];
    for m in all_messages() {
        match Updates::decode(&m).unwrap() {
            Updates::UpdateShortMessage(m) => seen[0] += m.entities().map_or(0, iterate_exactly),
            Updates::UpdateShortChatMessage(m) => {
                seen[0] += m.entities().map_or(0, iterate_exactly)
            }
            Updates::UpdateShortSentMessage(m) => {
                seen[0] += m.entities().map_or(0, iterate_exactly)
            }
            Updates::Updates(u) => {
                seen[1] += iterate_exactly(u.updates());
                seen[2] += iterate_exactly(u.users());
                seen[3] += iterate_exactly(u.chats());
            }
            Updates::UpdatesCombined(u) => {
                seen[1] += iterate_exactly(u.updates());
                seen[2] += iterate_exactly(u.users());
                seen[3] += iterate_exactly(u.chats());
            }
            _ => {}
        }
    }
    // Entities of every shape (plain, pre, textUrl, mentionName, input
    // mention), users and `userEmpty`, chats, forbidden chats and channels.
    assert_eq!(seen, [12, 10, 7, 5]);
}

#[test]
fn every_truncation_is_an_error() {
    for bytes in all_messages() {
        for cut in 0..bytes.len() {
            let e = Updates::decode(&bytes[..cut]).unwrap_err();
            assert!(e.offset() <= cut, "cut {cut}: {e}");
        }
        // decode_prefix leaves the rest.
        let mut more = bytes.clone();
        more.extend([1, 2, 3]);
        let (_, rest) = Updates::decode_prefix(&more).unwrap();
        assert_eq!(rest, &[1, 2, 3]);
        let e = Updates::decode(&more).unwrap_err();
        assert_eq!(
            (e.kind(), e.offset()),
            (ErrorKind::TrailingBytes { count: 3 }, bytes.len())
        );
    }
}

#[test]
fn a_wrong_constructor_where_an_entity_belongs() {
    let mut bytes = short_message_full();
    // The first entity's id (messageEntityBold) sits 12 bytes before the
    // entities' end...; find it and replace it with peerUser.
    let pos = bytes
        .windows(4)
        .rposition(|w| w == BOLD.to_le_bytes())
        .unwrap();
    bytes[pos..pos + 4].copy_from_slice(&PEER_USER.to_le_bytes());
    let e = Updates::decode(&bytes).unwrap_err();
    assert_eq!(e.offset(), pos);
    assert_eq!(
        e.kind(),
        ErrorKind::WrongType {
            expected_type: tlview::schema::ty::MESSAGE_ENTITY,
            found: PEER_USER
        }
    );
    // An id the layer does not know.
    bytes[pos..pos + 4].copy_from_slice(&0x0bad_f00du32.to_le_bytes());
    let e = Updates::decode(&bytes).unwrap_err();
    assert_eq!(
        (e.kind(), e.offset()),
        (ErrorKind::UnknownConstructor { id: 0x0bad_f00d }, pos)
    );
}

#[test]
fn undeclared_flags_in_a_short_message_are_refused() {
    for bit in [0u32, 6, 8, 9, 10, 12, 14, 31] {
        let bytes = B::new()
            .id(UPDATE_SHORT_MESSAGE)
            .int(1 << bit)
            .int(1)
            .int(2)
            .string(b"")
            .int(3)
            .int(4)
            .int(5)
            .0;
        let e = Updates::decode(&bytes).unwrap_err();
        assert_eq!(e.offset(), 4, "bit {bit}");
        assert!(
            matches!(e.kind(), ErrorKind::UndeclaredFlags { .. }),
            "bit {bit}"
        );
    }
}

#[test]
fn typed_and_dynamic_views_agree_on_every_message() {
    for bytes in all_messages() {
        // The walker accepts exactly what the typed decoder accepts...
        let walked = tlview::walk::walk(
            &bytes,
            tlview::walk::Expect::Type(tlview::schema::ty::UPDATES),
            &Limits::DEFAULT,
        );
        assert_eq!(walked, Ok(bytes.len()));
        // ...and both print the same TL JSON.
        #[cfg(feature = "names")]
        {
            let typed = Updates::decode(&bytes).unwrap().to_string();
            let obj = tlview::Object::decode(&bytes, tlview::walk::Expect::Any).unwrap();
            assert_eq!(typed, tlview::json::Json(obj).to_string());
        }
    }
}

#[test]
fn depth_limit_applies_to_typed_decoding() {
    // updateShort { updateUserStatus { userStatusOnline } }: three levels.
    let bytes = B::new()
        .id(UPDATE_SHORT)
        .id(UPDATE_USER_STATUS)
        .int(5)
        .id(USER_STATUS_ONLINE)
        .int(9)
        .int(77)
        .0;
    let three = Limits {
        max_depth: 3,
        ..Limits::DEFAULT
    };
    assert!(Updates::decode_with(&bytes, &three).is_ok());
    let two = Limits {
        max_depth: 2,
        ..Limits::DEFAULT
    };
    let e = Updates::decode_with(&bytes, &two).unwrap_err();
    assert_eq!(
        (e.kind(), e.offset()),
        (ErrorKind::DepthLimit { limit: 2 }, 12)
    );
}

/// `updateShortSentMessage`, `updateShortChatMessage` (with a forward
/// header whose `from_name` is padded) and `updateShortMessage` whose entity
/// strings need 0 to 3 padding bytes, with no `inputMessageEntityMentionName`
/// (so the straight-line decoders, not the careful path, read them).
fn padded_entity_messages() -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for len in 0..4 {
        let text = &b"abcdefg"[..len];
        let ents = B::new()
            .id(VECTOR)
            .int(3)
            .id(PRE)
            .int(0)
            .int(1)
            .string(text)
            .id(BOLD)
            .int(1)
            .int(1)
            .id(TEXT_URL)
            .int(2)
            .int(1)
            .string(&b"https://x.y/"[..9 + len % 3]);
        out.push(
            B::new()
                .id(UPDATE_SHORT_SENT_MESSAGE)
                .int((1 << 7) | (1 << 9))
                .int(1)
                .int(2)
                .int(3)
                .int(4)
                .id(MEDIA_EMPTY)
                .raw(&ents.0)
                .0,
        );
        out.push(
            B::new()
                .id(UPDATE_SHORT_CHAT_MESSAGE)
                .int((1 << 2) | (1 << 7))
                .int(1)
                .int(2)
                .int(3)
                .string(text)
                .int(5)
                .int(1)
                .int(6)
                .id(FWD_HEADER)
                .int(0b10_0001)
                .id(PEER_USER)
                .int(7)
                .string(text)
                .int(8)
                .raw(&ents.0)
                .0,
        );
        out.push(
            B::new()
                .id(UPDATE_SHORT_MESSAGE)
                .int(1 << 7)
                .int(1)
                .int(2)
                .string(text)
                .int(5)
                .int(1)
                .int(6)
                .raw(&ents.0)
                .0,
        );
    }
    out
}

/// Every byte of every message changed to each of three values: the typed
/// decoder accepts exactly what the walker accepts (non-zero padding in any
/// string, a count or id changed, ...), and what it refuses is refused with
/// an error inside the message.
#[test]
fn every_mutation_is_judged_as_the_walker_judges_it() {
    use tlview::walk::Expect;
    let msgs: Vec<Vec<u8>> = all_messages()
        .into_iter()
        .chain(padded_entity_messages())
        .collect();
    let mut refused = 0;
    for bytes in &msgs {
        Updates::decode(bytes).unwrap();
        let mut m = bytes.clone();
        for i in 0..bytes.len() {
            for v in [0x01, 0x80, 0xff] {
                if bytes[i] == v {
                    continue;
                }
                m[i] = v;
                let typed = Updates::decode(&m);
                let walked = tlview::Object::decode(&m, Expect::Type(tlview::schema::ty::UPDATES));
                assert_eq!(
                    typed.is_ok(),
                    walked.is_ok(),
                    "byte {i} = {v:#04x}: typed {typed:?}, walker {walked:?}"
                );
                if let Err(e) = typed {
                    assert!(e.offset() <= m.len(), "{e}");
                    refused += 1;
                }
            }
            m[i] = bytes[i];
        }
    }
    assert!(refused > 1000, "{refused}");
}

/// A vector that a generated accessor returns is left open (its end is
/// not looked for until asked): it must give the same elements, offset and
/// bytes as the exact vector of the one-pass `read()`.
#[test]
fn accessor_vectors_agree_with_one_pass_reads() {
    use tlview::enums::{Message, Update};
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/updates_50.bin"
    ))
    .unwrap();
    let Updates::Updates(u) = Updates::decode(&bytes).unwrap() else {
        panic!("not updates")
    };
    let mut seen = 0;
    for up in u.updates() {
        let Update::NewMessage(n) = up else { continue };
        let Message::Message(m) = n.message() else {
            continue;
        };
        let open = m.entities().unwrap();
        let exact = m.read().entities.unwrap();
        assert_eq!(open.len(), exact.len());
        assert_eq!(open.offset(), exact.offset());
        assert_eq!(open.as_bytes(), exact.as_bytes());
        assert!(!open.as_bytes().is_empty());
        let spans = |v: tlview::Vector<'_, tlview::enums::MessageEntity<'_>>| {
            v.iter()
                .map(|e| (e.constructor_id(), e.offset(), e.length()))
                .collect::<Vec<_>>()
        };
        assert_eq!(spans(open), spans(exact));
        assert_eq!(
            open.get(1).map(|e| e.length()),
            exact.get(1).map(|e| e.length())
        );
        seen += 1;
    }
    assert_eq!(seen, 50);
}
