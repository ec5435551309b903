//! The generated forms and typed requests: golden bytes worked out from the
//! schema by hand, computed flags words (shared bits included), replies
//! through `rpc_result`, `rpc_error` and the generic wrappers, decoded views
//! sent back, and full sinks.

use tlview::build::enums::{InputPeer, MessageEntity};
use tlview::build::functions::contacts::GetContactIDs;
use tlview::build::functions::help::GetConfig;
use tlview::build::functions::messages::{GetPeerSettings, SendMessage};
use tlview::build::functions::{InitConnection, InvokeWithLayer};
use tlview::build::types::{
    InputPeerUser, MessageEntityBold, MessageEntityItalic, UpdateReadChannelDiscussionInbox,
};
use tlview::encode::{Encode, List};
use tlview::{ErrorKind, Request, RpcErrorKind};

/// Little-endian words and bytes, as a message is written by hand.
#[derive(Default)]
struct Bytes(Vec<u8>);

impl Bytes {
    fn u32(mut self, v: u32) -> Self {
        self.0.extend(v.to_le_bytes());
        self
    }
    fn i32(self, v: i32) -> Self {
        self.u32(v as u32)
    }
    fn i64(mut self, v: i64) -> Self {
        self.0.extend(v.to_le_bytes());
        self
    }
    fn raw(mut self, b: &[u8]) -> Self {
        self.0.extend(b);
        self
    }
}

/// What `e` encodes, through `encode_to_slice`; its `encoded_len` must be
/// exact.
fn encoded(e: &impl Encode) -> Vec<u8> {
    let mut buf = vec![0u8; e.encoded_len()];
    let n = e.encode_to_slice(&mut buf).unwrap();
    assert_eq!(n, buf.len());
    buf
}

#[test]
fn send_message_is_written_in_schema_order_with_its_flags_computed() {
    // messages.sendMessage#520c3870 flags:# no_webpage:flags.1?true
    //   silent:flags.5?true background:flags.6?true clear_draft:flags.7?true
    //   peer:InputPeer reply_to_msg_id:flags.0?int message:string
    //   random_id:long reply_markup:flags.2?ReplyMarkup
    //   entities:flags.3?Vector<MessageEntity> schedule_date:flags.10?int
    let text = [b'x'; 100];
    let peer = InputPeer::User(InputPeerUser {
        user_id: 5,
        access_hash: -7,
    });
    let entities = [
        MessageEntity::Bold(MessageEntityBold {
            offset: 0,
            length: 4,
        }),
        MessageEntity::Italic(MessageEntityItalic {
            offset: 5,
            length: 6,
        }),
    ];
    let req = SendMessage {
        no_webpage: false,
        silent: true,
        background: false,
        clear_draft: false,
        peer: &peer,
        reply_to_msg_id: Some(77),
        message: tlview::TlStr::new(&text),
        random_id: 0x0102_0304_0506_0708,
        reply_markup: None,
        entities: Some(List::from(&entities)),
        schedule_date: None,
    };
    let want = Bytes::default()
        .u32(0x520c3870)
        .u32(1 << 5 | 1 << 0 | 1 << 3) // silent, reply_to_msg_id, entities
        .u32(0x7b8e7de6) // inputPeerUser
        .i32(5)
        .i64(-7)
        .i32(77)
        .raw(&[100])
        .raw(&text)
        .raw(&[0, 0, 0]) // 1 + 100 bytes, padded to 104
        .i64(0x0102_0304_0506_0708)
        .u32(0x1cb5c415) // vector
        .u32(2)
        .u32(0xbd610bc9) // messageEntityBold
        .i32(0)
        .i32(4)
        .u32(0x826f8b60) // messageEntityItalic
        .i32(5)
        .i32(6)
        .0;
    assert_eq!(encoded(&req), want);
    assert_eq!(<SendMessage as Request>::ID, 0x520c3870);

    // The view of those bytes reads back what the form held (function
    // views need the `functions` feature).
    #[cfg(feature = "functions")]
    {
        let v = tlview::functions::messages::SendMessage::decode(&want).unwrap();
        assert!(v.silent() && !v.no_webpage());
        assert_eq!(v.reply_to_msg_id(), Some(77));
        assert_eq!(v.message().as_bytes(), text);
        assert_eq!(v.entities().map(|e| e.len()), Some(2));
    }
}

#[test]
fn fields_on_one_flags_bit_are_one_field() {
    // updateReadChannelDiscussionInbox#1cc7de54 flags:# channel_id:int
    //   top_msg_id:int read_max_id:int broadcast_id:flags.0?int
    //   broadcast_post:flags.0?int
    let with = UpdateReadChannelDiscussionInbox {
        channel_id: 1,
        top_msg_id: 2,
        read_max_id: 3,
        broadcast_id_and_broadcast_post: Some((4, 5)),
    };
    let head = |flags| {
        Bytes::default()
            .u32(0x1cc7de54)
            .u32(flags)
            .i32(1)
            .i32(2)
            .i32(3)
    };
    assert_eq!(encoded(&with), head(1).i32(4).i32(5).0);
    let without = UpdateReadChannelDiscussionInbox {
        broadcast_id_and_broadcast_post: None,
        ..with
    };
    assert_eq!(encoded(&without), head(0).0);
}

#[test]
fn a_true_field_on_a_value_fields_bit_follows_from_it() {
    // messageReplies#4128faac flags:# comments:flags.0?true replies:int
    //   replies_pts:int recent_repliers:flags.1?Vector<Peer>
    //   channel_id:flags.0?int max_id:flags.2?int read_max_id:flags.3?int
    use tlview::build::types::MessageReplies;
    let m = MessageReplies {
        replies: 3,
        replies_pts: 4,
        recent_repliers: None,
        channel_id: Some(9),
        max_id: None,
        read_max_id: None,
    };
    let bytes = encoded(&m);
    let v = tlview::types::MessageReplies::decode(&bytes).unwrap();
    assert!(v.comments());
    assert_eq!(v.channel_id(), Some(9));
}

#[test]
fn a_decoded_view_goes_back_as_it_came() {
    // Entities decoded from one message, sent in another without a copy
    // per element.
    let entities = Bytes::default()
        .u32(0x1cb5c415)
        .u32(1)
        .u32(0xbd610bc9)
        .i32(1)
        .i32(2)
        .0;
    let got = tlview::Reader::new(&entities)
        .read_vector::<tlview::enums::MessageEntity>()
        .unwrap();
    let empty = Bytes::default().u32(0x7f3b18ea).0; // inputPeerEmpty
    let peer = InputPeer::Decoded(tlview::enums::InputPeer::decode(&empty).unwrap());
    let req = SendMessage {
        entities: Some(got.into()),
        ..plain_message(&peer, "hi".into())
    };
    let want = Bytes::default()
        .u32(0x520c3870)
        .u32(1 << 3)
        .u32(0x7f3b18ea)
        .raw(&[2, b'h', b'i', 0])
        .i64(1)
        .raw(&entities)
        .0;
    assert_eq!(encoded(&req), want);
    // And a whole decoded view encodes as its bytes.
    let view = tlview::enums::InputPeer::decode(&empty).unwrap();
    assert_eq!(encoded(&view), empty);
    #[cfg(feature = "functions")]
    {
        let view = tlview::functions::messages::SendMessage::decode(&want).unwrap();
        assert_eq!(encoded(&view), want);
    }
}

#[test]
fn a_full_sink_says_how_much_was_needed() {
    let peer = InputPeer::User(InputPeerUser {
        user_id: 1,
        access_hash: 2,
    });
    let req = GetPeerSettings { peer: &peer };
    assert_eq!(req.encoded_len(), 20);
    for room in 0..20 {
        let mut buf = vec![0u8; room];
        let e = req.encode_to_slice(&mut buf).unwrap_err();
        assert_eq!(
            e.kind(),
            ErrorKind::SinkFull {
                needed: 20,
                capacity: room as u32
            }
        );
        // What fitted may have been written, a run of fixed-size fields
        // whole or not at all: the id (4 bytes), then inputPeerUser (16).
        let id = 0x3672e09cu32.to_le_bytes();
        let head = room.min(4);
        if room >= 4 {
            assert_eq!(buf[..4], id);
        }
        assert!(buf[head..].iter().all(|&b| b == 0), "room {room}");
        // A writer over a small sink asks it for the whole size at once,
        // and the sink keeps nothing.
        let mut small = [0u8; 19];
        let mut w = tlview::Writer::new(tlview::SliceSink::new(&mut small[..room]));
        assert_eq!(
            w.write_id(7).is_ok(),
            room >= 4,
            "the id fits or not, room {room}"
        );
        let at = w.written();
        let e = req.encode(&mut w).unwrap_err();
        assert_eq!(
            e.kind(),
            ErrorKind::SinkFull {
                needed: at as u32 + 20,
                capacity: room as u32
            }
        );
        assert_eq!((e.offset(), w.written()), (at, at));
    }
}

/// `messages.sendMessage` of `text` to `peer`, `random_id` 1, nothing else.
fn plain_message<'a>(peer: &'a InputPeer<'a>, text: tlview::TlStr<'a>) -> SendMessage<'a> {
    SendMessage {
        no_webpage: false,
        silent: false,
        background: false,
        clear_draft: false,
        peer,
        reply_to_msg_id: None,
        message: text,
        random_id: 1,
        reply_markup: None,
        entities: None,
        schedule_date: None,
    }
}

/// A text longer than TL can say (2^24 - 1 bytes) is an error naming its
/// length, however much room there is, and a sink keeps none of it.
#[test]
fn a_too_long_string_is_an_error_not_a_truncation() {
    let peer = InputPeer::InputPeerSelf(tlview::build::types::InputPeerSelf {});
    let text = vec![b'a'; 1 << 24];
    let req = plain_message(&peer, tlview::TlStr::new(&text));
    let too_long = ErrorKind::StringTooLong { len: 1 << 24 };
    let mut buf = vec![0u8; (1 << 24) + 64];
    assert_eq!(req.encode_to_slice(&mut buf).unwrap_err().kind(), too_long);
    // Through a writer, after two bytes: the error is at them, and the
    // sink keeps none of the string.
    let mut w = tlview::Writer::new(tlview::SliceSink::new(&mut buf));
    w.write_raw(&[1, 2]).unwrap();
    let e = req.encode(&mut w).unwrap_err();
    assert_eq!((e.kind(), e.offset(), w.written()), (too_long, 2, 2));
    #[cfg(feature = "alloc")]
    {
        let mut v = vec![1u8, 2];
        let e = req.encode(&mut tlview::Writer::new(&mut v)).unwrap_err();
        assert_eq!((e.kind(), e.offset()), (too_long, 2));
        assert_eq!(v, [1, 2]);
    }
}

/// `rpc_result#f35c6d01 req_msg_id:long result:Object` around `result`.
fn rpc_result(req_msg_id: i64, result: &[u8]) -> Vec<u8> {
    Bytes::default()
        .u32(0xf35c6d01)
        .i64(req_msg_id)
        .raw(result)
        .0
}

#[test]
fn replies_are_typed_by_the_request() {
    // peerSettings#733f2961 flags:# ... add_contact:flags.1?true ...
    let settings = Bytes::default().u32(0x733f2961).u32(1 << 1).0;
    let reply = rpc_result(42, &settings);
    let r = GetPeerSettings::decode_reply(&reply).unwrap();
    assert_eq!(r.req_msg_id, Some(42));
    let tlview::enums::PeerSettings::PeerSettings(s) = r.result.unwrap();
    assert!(s.add_contact() && !s.report_spam());
    // A bare result has no req_msg_id.
    let bare = GetPeerSettings::decode_reply(&settings).unwrap();
    assert_eq!(bare.req_msg_id, None);

    // Vector<int>
    let ids = Bytes::default().u32(0x1cb5c415).u32(2).i32(7).i32(8).0;
    let reply = rpc_result(1, &ids);
    let r = GetContactIDs::decode_reply(&reply).unwrap();
    assert_eq!(r.result.unwrap().iter().collect::<Vec<_>>(), [7, 8]);

    // An rpc_error, typed.
    let err = Bytes::default()
        .u32(0x2144ca19)
        .i32(420)
        .raw(b"\x0dFLOOD_WAIT_30\x00\x00")
        .0;
    let reply = rpc_result(3, &err);
    let r = GetContactIDs::decode_reply(&reply).unwrap();
    assert_eq!(r.req_msg_id, Some(3));
    assert!(matches!(
        r.result,
        Err(RpcErrorKind::FloodWait { seconds: 30 })
    ));

    // A wrong answer is an error at its offset in the message.
    let e = GetContactIDs::decode_reply(&rpc_result(1, &settings)).unwrap_err();
    assert_eq!(e.offset(), 12);
    // Bytes after the answer are an error too.
    let mut long = rpc_result(1, &settings);
    long.extend([0; 4]);
    let e = GetPeerSettings::decode_reply(&long).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::TrailingBytes { count: 4 });
    assert_eq!(e.offset(), 20);
}

#[test]
fn generic_functions_wrap_any_request_and_answer_for_it() {
    let get_config = GetConfig {};
    let init = InitConnection {
        api_id: 6,
        device_model: "m".into(),
        system_version: "s".into(),
        app_version: "a".into(),
        system_lang_code: "en".into(),
        lang_pack: "".into(),
        lang_code: "en".into(),
        proxy: None,
        params: None,
        query: &get_config,
    };
    let req = InvokeWithLayer {
        layer: 122,
        query: &init,
    };
    let want = Bytes::default()
        .u32(0xda9b0d0d)
        .i32(122)
        .u32(0xc1cd5ea9)
        .u32(0)
        .i32(6)
        .raw(&[1, b'm', 0, 0, 1, b's', 0, 0, 1, b'a', 0, 0])
        .raw(&[2, b'e', b'n', 0, 0, 0, 0, 0, 2, b'e', b'n', 0])
        .u32(0xc4f9186b)
        .0;
    assert_eq!(encoded(&req), want);
    // Its reply is the innermost request's (`Config` for `help.getConfig`).
    fn reply_of<R: Request>(_: &R, bytes: &[u8]) -> bool {
        let r = R::decode_reply(bytes).unwrap();
        r.result.is_ok()
    }
    let error = Bytes::default().u32(0x2144ca19).i32(400).raw(b"\x03BAD").0;
    assert!(!reply_of(&req, &rpc_result(1, &error)));
    let r = InvokeWithLayer::<InitConnection<GetConfig>>::decode_reply(&error).unwrap();
    assert!(matches!(
        r.result,
        Err(RpcErrorKind::Unknown { code: 400, .. })
    ));
}
