//! Decoding the server's reply to `contacts.acceptContact`: through
//! `rpc_result`, `rpc_error` (the three documented errors and any other) and,
//! with the `gzip` feature, `gzip_packed`.

use tlview::{AcceptContactError, AcceptContactReply, ErrorKind, SliceSink, Writer};

const RPC_RESULT: u32 = 0xf35c6d01;
const RPC_ERROR: u32 = 0x2144ca19;

fn rpc_error(code: i32, message: &[u8]) -> Vec<u8> {
    let mut buf = vec![0u8; message.len() + 16];
    let mut w = Writer::new(SliceSink::new(&mut buf));
    w.write_id(RPC_ERROR).unwrap();
    w.write_int(code).unwrap();
    w.write_string(message).unwrap();
    let n = w.finish();
    buf.truncate(n);
    buf
}

fn wrapped(req_msg_id: i64, result: &[u8]) -> Vec<u8> {
    let mut v = RPC_RESULT.to_le_bytes().to_vec();
    v.extend(req_msg_id.to_le_bytes());
    v.extend(result);
    v
}

fn short_message() -> Vec<u8> {
    std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/short_message.bin"
    ))
    .unwrap()
}

#[test]
fn updates_through_rpc_result_and_bare() {
    let sm = short_message();
    for reply in [wrapped(0x1234_5678_9abc, &sm), sm.clone()] {
        match AcceptContactReply::decode(&reply).unwrap() {
            AcceptContactReply::Updates(tlview::Updates::UpdateShortMessage(m)) => {
                assert_eq!(m.id(), 1001);
                assert_eq!(m.entities().unwrap().len(), 4);
            }
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn the_three_documented_errors() {
    let cases = [
        (
            &b"CONTACT_ADD_MISSING"[..],
            AcceptContactError::ContactAddMissing,
            "Contact to add is missing",
        ),
        (
            b"CONTACT_ID_INVALID",
            AcceptContactError::ContactIdInvalid,
            "The provided contact ID is invalid",
        ),
        (
            b"CONTACT_REQ_MISSING",
            AcceptContactError::ContactReqMissing,
            "Missing contact request",
        ),
    ];
    for (message, want, description) in cases {
        for reply in [
            wrapped(9, &rpc_error(400, message)),
            rpc_error(400, message),
        ] {
            let AcceptContactReply::Error(e) = AcceptContactReply::decode(&reply).unwrap() else {
                panic!("not an error")
            };
            assert_eq!(e, want);
            assert_eq!(e.code(), 400);
            assert_eq!(e.message().as_bytes(), message);
            assert_eq!(e.description(), description);
            assert_eq!(
                e.to_string(),
                format!(
                    "400 {}: {description}",
                    std::str::from_utf8(message).unwrap()
                )
            );
        }
    }
}

#[test]
fn other_errors_keep_code_and_message_borrowed() {
    let reply = wrapped(1, &rpc_error(420, b"FLOOD_WAIT_30"));
    let AcceptContactReply::Error(e) = AcceptContactReply::decode(&reply).unwrap() else {
        panic!()
    };
    assert_eq!(e.code(), 420);
    assert_eq!(e.message().as_bytes(), b"FLOOD_WAIT_30");
    assert_eq!(e.description(), "");
    // The message points into the reply.
    let p = e.message().as_bytes().as_ptr() as usize;
    let r = reply.as_ptr() as usize;
    assert!(p > r && p < r + reply.len());
    // A documented message with another code is "other".
    let reply = rpc_error(500, b"CONTACT_ID_INVALID");
    let AcceptContactReply::Error(e) = AcceptContactReply::decode(&reply).unwrap() else {
        panic!()
    };
    assert!(matches!(e, AcceptContactError::Other { code: 500, .. }));
}

#[test]
fn malformed_replies_are_errors_with_offsets() {
    // rpc_result with no result.
    let e = AcceptContactReply::decode(&wrapped(1, &[])).unwrap_err();
    assert_eq!(e.offset(), 12);
    // A result of the wrong type.
    let e = AcceptContactReply::decode(&wrapped(1, &0x9db1bc6du32.to_le_bytes())).unwrap_err();
    assert_eq!(e.offset(), 12);
    assert!(matches!(e.kind(), ErrorKind::WrongType { .. }));
    // Trailing bytes after the result.
    let mut r = wrapped(1, &rpc_error(400, b"CONTACT_ID_INVALID"));
    let n = r.len();
    r.push(0);
    let e = AcceptContactReply::decode(&r).unwrap_err();
    assert_eq!(
        (e.kind(), e.offset()),
        (ErrorKind::TrailingBytes { count: 1 }, n)
    );
    // Every truncation.
    let full = wrapped(1, &short_message());
    for cut in 0..full.len() {
        assert!(
            AcceptContactReply::decode(&full[..cut]).is_err(),
            "cut {cut}"
        );
    }
}

#[cfg(feature = "gzip")]
#[test]
fn gzip_packed_results_are_unpacked_into_the_callers_buffer() {
    // A gzip member holding an rpc_error, inside gzip_packed, inside rpc_result.
    let inner = rpc_error(400, b"CONTACT_REQ_MISSING");
    let gz = gzip_of(&inner);
    let mut packed = 0x3072cfa1u32.to_le_bytes().to_vec();
    let mut tmp = vec![0u8; gz.len() + 8];
    let mut w = Writer::new(SliceSink::new(&mut tmp));
    w.write_bytes(&gz).unwrap();
    let n = w.finish();
    packed.extend(&tmp[..n]);
    let reply = wrapped(5, &packed);
    let mut buf = vec![0u8; 1024];
    let limits = tlview::Limits::DEFAULT;
    let AcceptContactReply::Error(e) =
        AcceptContactReply::decode_unpacking(&reply, &mut buf, &limits).unwrap()
    else {
        panic!()
    };
    assert_eq!(e, AcceptContactError::ContactReqMissing);
    // Without a buffer, gzip_packed is not an Updates constructor.
    assert!(AcceptContactReply::decode(&reply).is_err());
    // A buffer too small for the unpacked reply is refused.
    let mut small = vec![0u8; inner.len() - 1];
    let e = AcceptContactReply::decode_unpacking(&reply, &mut small, &limits).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::OutputLimit { .. }), "{e}");
}

/// A gzip member of `data` with stored (uncompressed) deflate blocks, written
/// by hand from RFC 1952/1951, so the test needs no compressor.
#[cfg(feature = "gzip")]
fn gzip_of(data: &[u8]) -> Vec<u8> {
    let mut v = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
    // One final stored block: BFINAL=1, BTYPE=00, then LEN and NLEN.
    v.push(1);
    let len = data.len() as u16;
    v.extend(len.to_le_bytes());
    v.extend((!len).to_le_bytes());
    v.extend(data);
    v.extend(crc32(data).to_le_bytes());
    v.extend((data.len() as u32).to_le_bytes());
    v
}

#[cfg(feature = "gzip")]
fn crc32(data: &[u8]) -> u32 {
    let mut c = !0u32;
    for &b in data {
        c ^= u32::from(b);
        for _ in 0..8 {
            c = if c & 1 != 0 {
                (c >> 1) ^ 0xedb8_8320
            } else {
                c >> 1
            };
        }
    }
    !c
}

/// The golden bytes of both fixed-size shapes, worked out from the schema:
/// `contacts.acceptContact#f831a20f id:InputUser`, `inputUser#d8292816
/// user_id:int access_hash:long`, `inputUserFromMessage#2d117597
/// peer:InputPeer msg_id:int user_id:int`, `inputPeerChat#179be863
/// chat_id:int`. Every buffer one byte too small or less is `SinkFull` with
/// the sizes, and leaves the buffer untouched; the general path agrees.
#[test]
fn fixed_size_encodings_golden_and_too_small_buffers() {
    use tlview::api::contacts::PeerRef;
    use tlview::{AcceptContact, ErrorKind, InputPeer, InputUser};
    let chat = InputPeer::InputPeerChat { chat_id: 42 };
    let cases: [(AcceptContact<'_>, Vec<u8>); 2] = [
        (
            AcceptContact {
                id: InputUser::InputUser {
                    user_id: 777,
                    access_hash: -5,
                },
            },
            [
                &0xf831a20fu32.to_le_bytes()[..],
                &0xd8292816u32.to_le_bytes(),
                &777i32.to_le_bytes(),
                &(-5i64).to_le_bytes(),
            ]
            .concat(),
        ),
        (
            AcceptContact {
                id: InputUser::InputUserFromMessage {
                    peer: PeerRef::Value(&chat),
                    msg_id: 10,
                    user_id: 777,
                },
            },
            [
                &0xf831a20fu32.to_le_bytes()[..],
                &0x2d117597u32.to_le_bytes(),
                &0x179be863u32.to_le_bytes(),
                &42i32.to_le_bytes(),
                &10i32.to_le_bytes(),
                &777i32.to_le_bytes(),
            ]
            .concat(),
        ),
    ];
    for (req, golden) in &cases {
        assert_eq!(req.encoded_len(), golden.len());
        let mut buf = [0xAAu8; 40];
        assert_eq!(req.encode_to_slice(&mut buf), Ok(golden.len()));
        assert_eq!(&buf[..golden.len()], &golden[..]);
        assert!(buf[golden.len()..].iter().all(|&b| b == 0xAA));
        // The general path (any sink) writes the same bytes.
        let mut w = tlview::Writer::new(tlview::SliceSink::new(&mut buf));
        req.encode(&mut w).unwrap();
        assert_eq!(w.finish(), golden.len());
        assert_eq!(&buf[..golden.len()], &golden[..]);
        for n in 0..golden.len() {
            let mut small = vec![0x55u8; n];
            let e = req.encode_to_slice(&mut small).unwrap_err();
            assert_eq!(
                e.kind(),
                ErrorKind::SinkFull {
                    needed: golden.len() as u32,
                    capacity: n as u32
                }
            );
            assert!(small.iter().all(|&b| b == 0x55), "written into {n} bytes");
        }
    }
}
