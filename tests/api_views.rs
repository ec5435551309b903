//! The hand-written views' common surface: every one decodes through
//! `decode` (must fill the input), `decode_with` (caller's limits) and
//! `decode_prefix` (value and rest), and prints its constructor's fields
//! (not its internals) through `Debug`.

use tlview::api::types;
use tlview::api::{Chat, MessageEntity, Peer, User};
use tlview::mtproto::{MsgContainer, RpcError, RpcResult};
use tlview::schema::id;
use tlview::walk::Expect;
use tlview::{AcceptContact, AcceptContactReply, ErrorKind, InputUser, Limits, Object, Updates};

fn data(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn with_tail(b: &[u8]) -> Vec<u8> {
    [b, &[1, 2, 3, 4][..]].concat()
}

const NO_DEPTH: Limits = Limits {
    max_depth: 0,
    ..Limits::DEFAULT
};

/// `decode` is `decode_prefix` with nothing left over; anything left over is
/// `TrailingBytes` at its first byte; `decode_with` honours the limits.
macro_rules! check_trio {
    ($t:ty, $bytes:expr, $same:expr) => {{
        let b: &[u8] = $bytes;
        let v = <$t>::decode(b).unwrap();
        let same = $same;
        assert!(same(&v, &<$t>::decode_with(b, &Limits::DEFAULT).unwrap()));
        let long = with_tail(b);
        let (p, rest) = <$t>::decode_prefix(&long).unwrap();
        assert!(same(&v, &p));
        assert_eq!(rest, [1, 2, 3, 4]);
        let e = <$t>::decode(&long).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::TrailingBytes { count: 4 });
        assert_eq!(e.offset(), b.len());
        let e = <$t>::decode_with(b, &NO_DEPTH).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::DepthLimit { limit: 0 });
        v
    }};
}

#[test]
fn constructor_views_decode_alone() {
    let b = data("update_short.bin");
    let u = check_trio!(
        types::UpdateShort,
        &b,
        |a: &types::UpdateShort, c: &types::UpdateShort| a.date() == c.date()
    );
    assert_eq!(u.date(), 1600000030);
    let b = data("short_message.bin");
    check_trio!(
        types::UpdateShortMessage,
        &b,
        |a: &types::UpdateShortMessage, c: &types::UpdateShortMessage| a.id() == c.id()
    );
    let b = data("short_chat_message.bin");
    check_trio!(
        types::UpdateShortChatMessage,
        &b,
        |a: &types::UpdateShortChatMessage, c: &types::UpdateShortChatMessage| a.chat_id()
            == c.chat_id()
    );
    let b = data("short_sent.bin");
    check_trio!(
        types::UpdateShortSentMessage,
        &b,
        |a: &types::UpdateShortSentMessage, c: &types::UpdateShortSentMessage| a.id() == c.id()
    );
    let b = data("updates_combined_10.bin");
    check_trio!(
        types::UpdatesCombined,
        &b,
        |a: &types::UpdatesCombined, c: &types::UpdatesCombined| a.seq() == c.seq()
    );
    let b = data("updates_50.bin");
    let u = check_trio!(
        types::Updates,
        &b,
        |a: &types::Updates, c: &types::Updates| a.users().len() == c.users().len()
    );
    let Updates::Updates(whole) = Updates::decode(&b).unwrap() else {
        panic!()
    };
    assert_eq!(u.users().len(), whole.users().len());

    // Another constructor of the type is refused before anything is read.
    let e = types::UpdateShort::decode(&data("short_message.bin")).unwrap_err();
    assert_eq!(
        e.kind(),
        ErrorKind::UnexpectedConstructor {
            expected: id::UPDATE_SHORT,
            found: id::UPDATE_SHORT_MESSAGE
        }
    );
    assert_eq!(e.offset(), 0);

    // Users and chats of a message, decoded alone from their bytes.
    for user in whole.users() {
        if let User::User(x) = user {
            let bytes = x.object().boxed_bytes();
            let alone = check_trio!(types::User, bytes, |a: &types::User, c: &types::User| a
                .id()
                == c.id());
            assert_eq!(alone.id(), x.id());
            assert_eq!(User::decode(bytes).unwrap().id(), x.id());
        }
    }
    for chat in whole.chats() {
        let bytes = match chat {
            Chat::Chat(c) => {
                let b = c.object().boxed_bytes();
                assert_eq!(types::Chat::decode(b).unwrap().id(), c.id());
                b
            }
            Chat::Channel(c) | Chat::ChannelForbidden(c) => {
                let b = c.object().boxed_bytes();
                assert_eq!(types::Channel::decode(b).unwrap().id(), c.id());
                b
            }
            _ => continue,
        };
        check_trio!(Chat, bytes, |a: &Chat, c: &Chat| a.id() == c.id());
    }
}

#[test]
fn type_views_decode_alone() {
    let peer = [id::PEER_USER.to_le_bytes(), 5i32.to_le_bytes()].concat();
    let p = check_trio!(Peer, &peer, |a: &Peer, c: &Peer| a == c);
    assert_eq!(p, Peer::PeerUser { user_id: 5 });

    // The entities of a message, one after another by decode_prefix.
    let b = data("short_sent.bin");
    let Updates::UpdateShortSentMessage(m) = Updates::decode(&b).unwrap() else {
        panic!()
    };
    let v = m.entities().unwrap();
    let mut rest = v.as_bytes();
    for want in v {
        let (e, after) = MessageEntity::decode_prefix(rest).unwrap();
        assert_eq!(e, want);
        rest = after;
    }
    assert!(rest.is_empty());

    let user = [
        &id::INPUT_USER.to_le_bytes()[..],
        &777i32.to_le_bytes(),
        &(-5i64).to_le_bytes(),
    ]
    .concat();
    check_trio!(InputUser, &user, |a: &InputUser, c: &InputUser| a == c);
}

#[test]
fn requests_replies_and_wrappers_decode_alone() {
    let req = AcceptContact {
        id: InputUser::InputUser {
            user_id: 777,
            access_hash: -5,
        },
    };
    let mut buf = [0u8; 64];
    let n = req.encode_to_slice(&mut buf).unwrap();
    check_trio!(
        AcceptContact,
        &buf[..n],
        |a: &AcceptContact, c: &AcceptContact| a == c
    );

    let error = [
        &id::RPC_ERROR.to_le_bytes()[..],
        &400i32.to_le_bytes(),
        b"\x12CONTACT_ID_INVALID\0",
    ]
    .concat();
    let e = check_trio!(RpcError, &error, |a: &RpcError, c: &RpcError| a == c);
    assert_eq!(e.error_code, 400);
    let reply = check_trio!(
        AcceptContactReply,
        &error,
        |a: &AcceptContactReply, c: &AcceptContactReply| {
            matches!((a, c), (AcceptContactReply::Error(x), AcceptContactReply::Error(y)) if x == y)
        }
    );
    assert!(matches!(reply, AcceptContactReply::Error(_)));
    // The request names its reply: the same answer through it.
    let via_request = AcceptContact::decode_reply(&error).unwrap();
    assert!(matches!(via_request, AcceptContactReply::Error(_)));
    let limits = tlview::Limits::DEFAULT;
    let via_request = AcceptContact::decode_reply_with(&error, &limits).unwrap();
    assert!(matches!(via_request, AcceptContactReply::Error(_)));

    // rpc_result: decode takes every byte after req_msg_id as the result;
    // decode_prefix finds the result's end by validating it.
    let inner = data("update_short.bin");
    let rr = [
        &id::RPC_RESULT.to_le_bytes()[..],
        &9i64.to_le_bytes(),
        &inner,
    ]
    .concat();
    let whole = RpcResult::decode(&rr).unwrap();
    assert_eq!((whole.req_msg_id, whole.result), (9, &inner[..]));
    let long = with_tail(&rr);
    assert_eq!(
        RpcResult::decode(&long).unwrap().result.len(),
        inner.len() + 4
    );
    let (p, rest) = RpcResult::decode_prefix(&long).unwrap();
    assert_eq!(
        (p.result, p.result_offset, rest),
        (&inner[..], 12, &[1, 2, 3, 4][..])
    );
    let e = RpcResult::decode_with(&rr, &NO_DEPTH).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::DepthLimit { limit: 0 });

    // msg_container with one message whose body is boolTrue.
    let mut c = Vec::new();
    c.extend(id::MSG_CONTAINER.to_le_bytes());
    c.extend(1u32.to_le_bytes());
    c.extend(7i64.to_le_bytes());
    c.extend(3i32.to_le_bytes());
    c.extend(4i32.to_le_bytes());
    c.extend(id::BOOL_TRUE.to_le_bytes());
    let m = check_trio!(MsgContainer, &c, |a: &MsgContainer, c: &MsgContainer| a
        .len()
        == c.len());
    assert_eq!(m.messages().next().unwrap().msg_id, 7);
}

#[test]
fn object_takes_what_it_expects() {
    let b = data("update_short.bin");
    let o = Object::decode(&b, Expect::Any).unwrap();
    assert_eq!(o.id(), id::UPDATE_SHORT);
    let o2 = Object::decode_with(
        &b,
        Expect::Type(tlview::schema::ty::UPDATES),
        &Limits::DEFAULT,
    )
    .unwrap();
    assert_eq!(o2.boxed_bytes(), o.boxed_bytes());
    let long = with_tail(&b);
    let (p, rest) = Object::decode_prefix(&long, Expect::Any).unwrap();
    assert_eq!((p.boxed_bytes(), rest), (&b[..], &[1, 2, 3, 4][..]));
    let e = Object::decode(&long, Expect::Any).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::TrailingBytes { count: 4 });
    let e = Object::decode_with(&b, Expect::Any, &NO_DEPTH).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::DepthLimit { limit: 0 });
}

/// No view prints its bytes, offsets or packed positions.
fn no_internals(s: &str) {
    for internal in [
        "bytes:", "base:", "Body", "flags_c", "lists:", "ctor:", "all:",
    ] {
        assert!(!s.contains(internal), "{internal} in {s}");
    }
}

#[test]
fn debug_shows_fields() {
    let b = data("update_short.bin");
    let u = Updates::decode(&b).unwrap();
    let s = format!("{u:?}");
    no_internals(&s);
    #[cfg(feature = "names")]
    assert_eq!(
        s,
        "updateShort { update: updateUserStatus { user_id: 100007, status: \
         userStatusOnline { expires: 1600000300 } }, date: 1600000030 }"
    );
    #[cfg(not(feature = "names"))]
    assert_eq!(
        s,
        "#78d4dec1 { update: #1bfbd823 { user_id: 100007, status: \
         #edb93949 { expires: 1600000300 } }, date: 1600000030 }"
    );
    let Updates::UpdateShort(short) = u else {
        panic!()
    };
    assert_eq!(format!("{short:?}"), s);
    assert_eq!(format!("{:?}", Object::decode(&b, Expect::Any).unwrap()), s);

    for (name, fields) in [
        (
            "short_message.bin",
            &["id: ", "user_id: ", "message: \"", "pts: ", "date: "][..],
        ),
        (
            "short_chat_message.bin",
            &["chat_id: ", "from_id: ", "message: \""][..],
        ),
        (
            "short_sent.bin",
            &["id: 3003", "pts: 5002", "pts_count: 1", "entities: ["][..],
        ),
        (
            "updates_combined_10.bin",
            &["updates: [", "users: [", "seq_start: "][..],
        ),
        (
            "updates_50.bin",
            &["updates: [", "users: [", "chats: [", "seq: "][..],
        ),
    ] {
        let b = data(name);
        let u = Updates::decode(&b).unwrap();
        let s = format!("{u:?}");
        no_internals(&s);
        for f in fields {
            assert!(s.contains(f), "{f} not in {name}: {s}");
        }
        #[cfg(feature = "names")]
        assert!(s.starts_with(u.name()), "{s}");
        if let Updates::Updates(x) = u {
            for user in x.users() {
                let s = format!("{user:?}");
                no_internals(&s);
                assert!(s.contains(&format!("id: {}", user.id())), "{s}");
            }
            for chat in x.chats() {
                let s = format!("{chat:?}");
                no_internals(&s);
                assert!(s.contains(&format!("id: {}", chat.id())), "{s}");
            }
        }
        if let Updates::UpdateShortSentMessage(m) = u {
            let e = format!("{:?}", m.entities().unwrap().first().unwrap());
            #[cfg(feature = "names")]
            assert_eq!(e, "messageEntityBold { offset: 0, length: 5 }");
            #[cfg(not(feature = "names"))]
            assert_eq!(e, "#bd610bc9 { offset: 0, length: 5 }");
        }
    }

    let p = format!("{:?}", Peer::PeerUser { user_id: 5 });
    #[cfg(feature = "names")]
    assert_eq!(p, "peerUser { user_id: 5 }");
    #[cfg(not(feature = "names"))]
    assert_eq!(p, "#9db1bc6d { user_id: 5 }");
    let e = format!(
        "{:?}",
        RpcError {
            error_code: 400,
            error_message: "X".into()
        }
    );
    assert!(
        e.ends_with("{ error_code: 400, error_message: \"X\" }"),
        "{e}"
    );
}
