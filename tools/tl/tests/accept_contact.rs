//! The specialized `contacts.acceptContact` encoder and the generic,
//! table-driven one give identical bytes for every `InputUser` variant, with
//! every `InputPeer` variant (nested chains included) where one is carried;
//! and both decode back to the same request.
// The conversions run on tlview: only with the default `convert` feature.
#![cfg(feature = "convert")]

use tlview::api::contacts::PeerRef;
use tlview::{AcceptContact, InputPeer, InputUser, SizeCounter, Writer};

fn peers<'a>(inner: &'a InputPeer<'a>) -> Vec<InputPeer<'a>> {
    vec![
        InputPeer::InputPeerEmpty,
        InputPeer::InputPeerSelf,
        InputPeer::InputPeerChat { chat_id: -7 },
        InputPeer::InputPeerUser {
            user_id: 42,
            access_hash: i64::MIN,
        },
        InputPeer::InputPeerChannel {
            channel_id: i32::MAX,
            access_hash: -1,
        },
        InputPeer::InputPeerUserFromMessage {
            peer: PeerRef::Value(inner),
            msg_id: 3,
            user_id: 4,
        },
        InputPeer::InputPeerChannelFromMessage {
            peer: PeerRef::Value(inner),
            msg_id: 5,
            channel_id: 6,
        },
    ]
}

fn check(req: &AcceptContact<'_>) -> usize {
    let mut buf = [0u8; 256];
    let n = req.encode_to_slice(&mut buf).unwrap();
    assert_eq!(n, req.encoded_len());
    let mut counter = Writer::new(SizeCounter::new());
    req.encode(&mut counter).unwrap();
    assert_eq!(counter.finish(), n);
    // The generic encoder, from the request's TL JSON.
    let json: serde_json::Value = serde_json::from_str(&req.to_string()).unwrap();
    let generic = tltool::encode::encode(&json).unwrap();
    assert_eq!(&buf[..n], &generic[..], "{json}");
    // Decoding gives the same request back, and prints the same JSON.
    let back = AcceptContact::decode(&buf[..n]).unwrap();
    assert_eq!(back, *req);
    assert_eq!(back.to_string(), req.to_string());
    // A buffer one byte short is refused, saying what was needed.
    let e = req.encode_to_slice(&mut buf[..n - 1]).unwrap_err();
    assert_eq!(
        e.kind(),
        tlview::ErrorKind::SinkFull {
            needed: n as u32,
            capacity: n as u32 - 1
        }
    );
    n
}

#[test]
fn every_input_user_with_every_input_peer() {
    let mut checked = 0;
    let leaf = InputPeer::InputPeerChat { chat_id: 1 };
    let deeper = InputPeer::InputPeerUserFromMessage {
        peer: PeerRef::Value(&leaf),
        msg_id: 8,
        user_id: 9,
    };
    for inner in [&leaf, &deeper] {
        let ps = peers(inner);
        for p in &ps {
            let users = [
                InputUser::InputUserEmpty,
                InputUser::InputUserSelf,
                InputUser::InputUser {
                    user_id: 777,
                    access_hash: -5,
                },
                InputUser::InputUserFromMessage {
                    peer: PeerRef::Value(p),
                    msg_id: 10,
                    user_id: 11,
                },
            ];
            for id in users {
                check(&AcceptContact { id });
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 2 * 7 * 4);
    // Sizes worked out from the schema: id + inputUser = 4 + 16.
    assert_eq!(
        check(&AcceptContact {
            id: InputUser::InputUser {
                user_id: 1,
                access_hash: 2
            }
        }),
        20
    );
    assert_eq!(
        check(&AcceptContact {
            id: InputUser::InputUserSelf
        }),
        8
    );
}
