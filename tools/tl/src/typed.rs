//! `tl encode --typed`: TL JSON through tlview's typed encoders instead of
//! the table-driven one: in layer 122, `contacts.acceptContact` through its
//! specialized, hand-written encoder ([`tlview::AcceptContact`]) and every
//! other constructor and function through its generated form
//! (`tlview::build`); in layer 230 ([`encode_typed_in`]), every combinator
//! through its generated form (`tlview::layer230::build`; the hand-written
//! `AcceptContact` is layer 122's, whose user ids are `int`).
//!
//! The JSON is first checked and read by the generic encoder's rules (so
//! errors name the same paths and say the same things). For a generated
//! form, the object is then decoded, its form filled from its typed view
//! (the objects inside it go back as the views they decoded to) and encoded
//! by the library; the two encodings must agree.
//!
//! ```
//! let json = serde_json::json!({"_": "contacts.acceptContact",
//!     "id": {"_": "inputUser", "user_id": 777, "access_hash": "-5"}});
//! let typed = tltool::typed::encode_typed(&json).unwrap();
//! assert_eq!(typed, tltool::encode::encode(&json).unwrap());
//! let json = serde_json::json!({"_": "messages.getPeerSettings",
//!     "peer": {"_": "inputPeerUser", "user_id": 777, "access_hash": "-5"}});
//! assert_eq!(tltool::typed::encode_typed(&json).unwrap(), tltool::encode::encode(&json).unwrap());
//! // Layer 230: user ids are longs, and `user` has a second flags word.
//! let json = serde_json::json!({"_": "user", "bot_can_edit": true, "id": "7"});
//! let typed = tltool::typed::encode_typed_in(tlview::Layer::L230, &json).unwrap();
//! assert_eq!(typed.len(), 20);
//! ```

use serde_json::Value;
use tlview::api::contacts::PeerRef;
use tlview::{AcceptContact, InputPeer, InputUser, Layer, Limits, Writer};

use crate::encode::{self, json_int, json_long, EncodeError};

/// The constructors [`encode_typed`] has a hand-written encoder for (every
/// other goes through its generated form).
pub const TYPED: &[&str] = &["contacts.acceptContact"];

/// Encodes `value` (layer 122) with the typed encoder for its
/// constructor: the hand-written one where there is one, else its
/// generated form.
pub fn encode_typed(value: &Value) -> Result<Vec<u8>, EncodeError> {
    encode_typed_in(Layer::L122, value)
}

/// Encodes `value`, an object of `layer`, with the typed encoder for its
/// constructor: in layer 122 the hand-written one where there is one, else
/// (and in every other layer) its generated form.
pub fn encode_typed_in(layer: Layer, value: &Value) -> Result<Vec<u8>, EncodeError> {
    let name = value.get("_").and_then(Value::as_str);
    if layer != Layer::L122 || name != Some("contacts.acceptContact") {
        return encode_form(layer, value);
    }
    // Every rule of the generic encoder (types, ranges, unknown fields).
    let generic = encode::encode(value)?;
    let id = &value["id"];
    let peers = peer_chain(id.get("peer"), "id.peer")?;
    let out = with_chain(&peers, &mut |peer| {
        let user = input_user(id, peer.as_ref())?;
        let req = AcceptContact { id: user };
        let mut out = Vec::with_capacity(req.encoded_len());
        let mut w = Writer::new(&mut out);
        req.encode(&mut w)
            .map_err(|e| EncodeError::new("", e.to_string()))?;
        if out.len() != req.encoded_len() {
            return Err(EncodeError::new(
                "",
                format!(
                    "tlview's AcceptContact wrote {} bytes but its encoded_len() says {}",
                    out.len(),
                    req.encoded_len()
                ),
            ));
        }
        Ok(out)
    })?;
    // Both encoders follow the same schema; a difference is a bug in one.
    if out != generic {
        return Err(EncodeError::new(
            "",
            "the typed and the generic encoder disagree (a bug: please report it with this input)",
        ));
    }
    Ok(out)
}

/// Encodes `value` through the generated form of its combinator in
/// `layer`.
fn encode_form(layer: Layer, value: &Value) -> Result<Vec<u8>, EncodeError> {
    let mut generic = Vec::new();
    encode::encode_in(layer, value, tlview::walk::Expect::Any, &mut generic)?;
    let obj =
        tlview::Object::decode_in(layer, &generic, tlview::walk::Expect::Any, &Limits::DEFAULT)
            .map_err(|e| EncodeError::new("", format!("the encoded bytes do not decode: {e}")))?;
    let mut out = Vec::with_capacity(generic.len());
    let mut w = Writer::new(&mut out);
    let form = match layer {
        Layer::L230 => tlview::layer230::build::reencode(obj, &mut w),
        _ => tlview::schema::reencode(obj, &mut w),
    };
    let n = match form {
        Some(r) => r.map_err(|e| EncodeError::new("", e.to_string()))?,
        None => {
            return Err(EncodeError::new(
                "",
                format!("no generated form for {:#010x}", obj.id()),
            ))
        }
    };
    if n != out.len() {
        return Err(EncodeError::new(
            "",
            format!(
                "the generated form wrote {} bytes but its encoded_len() says {n}",
                out.len()
            ),
        ));
    }
    if out != generic {
        return Err(EncodeError::new(
            "",
            "the generated and the generic encoder disagree (a bug: please report it with this input)",
        ));
    }
    Ok(out)
}

/// One `InputPeer` of a chain, without its nested peer (the next one).
#[derive(Clone, Copy, Debug)]
enum PeerLevel {
    Empty,
    SelfPeer,
    Chat(i32),
    User(i32, i64),
    Channel(i32, i64),
    UserFromMessage(i32, i32),
    ChannelFromMessage(i32, i32),
}

fn int(v: &Value, path: &str) -> Result<i32, EncodeError> {
    json_int(v).ok_or_else(|| EncodeError::new(path, "expected an int"))
}

fn long(v: &Value, path: &str) -> Result<i64, EncodeError> {
    json_long(v).ok_or_else(|| EncodeError::new(path, "expected a long"))
}

/// The `InputPeer` at `v` (at `path`) and the peers nested in it, outermost
/// first; empty when `v` is `None`.
fn peer_chain(mut v: Option<&Value>, path: &str) -> Result<Vec<PeerLevel>, EncodeError> {
    let mut chain = Vec::new();
    let mut path = path.to_string();
    while let Some(p) = v {
        let field = |name: &str| {
            let at = format!("{path}.{name}");
            match p.get(name) {
                Some(x) => Ok((x, at)),
                None => Err(EncodeError::new(at, "missing")),
            }
        };
        let name = p.get("_").and_then(Value::as_str).unwrap_or("");
        let level = match name {
            "inputPeerEmpty" => PeerLevel::Empty,
            "inputPeerSelf" => PeerLevel::SelfPeer,
            "inputPeerChat" => {
                let (x, at) = field("chat_id")?;
                PeerLevel::Chat(int(x, &at)?)
            }
            "inputPeerUser" | "inputPeerChannel" => {
                let key = if name == "inputPeerUser" {
                    "user_id"
                } else {
                    "channel_id"
                };
                let (x, at) = field(key)?;
                let (h, at_h) = field("access_hash")?;
                let (a, b) = (int(x, &at)?, long(h, &at_h)?);
                if name == "inputPeerUser" {
                    PeerLevel::User(a, b)
                } else {
                    PeerLevel::Channel(a, b)
                }
            }
            "inputPeerUserFromMessage" | "inputPeerChannelFromMessage" => {
                let key = if name == "inputPeerUserFromMessage" {
                    "user_id"
                } else {
                    "channel_id"
                };
                let (m, at_m) = field("msg_id")?;
                let (x, at) = field(key)?;
                let (m, x) = (int(m, &at_m)?, int(x, &at)?);
                chain.push(if name == "inputPeerUserFromMessage" {
                    PeerLevel::UserFromMessage(m, x)
                } else {
                    PeerLevel::ChannelFromMessage(m, x)
                });
                v = p.get("peer");
                path.push_str(".peer");
                if v.is_none() {
                    return Err(EncodeError::new(path, "missing"));
                }
                continue;
            }
            other => {
                return Err(EncodeError::new(
                    path,
                    format!("expected an InputPeer, found {other:?}"),
                ))
            }
        };
        chain.push(level);
        break;
    }
    Ok(chain)
}

/// Builds the `InputPeer` chain `levels` (outermost first) with each nested
/// peer borrowed from the level below, and calls `k` with the outermost (or
/// `None` for an empty chain).
fn with_chain<R>(
    levels: &[PeerLevel],
    k: &mut dyn FnMut(Option<InputPeer<'_>>) -> Result<R, EncodeError>,
) -> Result<R, EncodeError> {
    let Some((&outer, rest)) = levels.split_first() else {
        return k(None);
    };
    let leaf = match outer {
        PeerLevel::Empty => Some(InputPeer::InputPeerEmpty),
        PeerLevel::SelfPeer => Some(InputPeer::InputPeerSelf),
        PeerLevel::Chat(chat_id) => Some(InputPeer::InputPeerChat { chat_id }),
        PeerLevel::User(user_id, access_hash) => Some(InputPeer::InputPeerUser {
            user_id,
            access_hash,
        }),
        PeerLevel::Channel(channel_id, access_hash) => Some(InputPeer::InputPeerChannel {
            channel_id,
            access_hash,
        }),
        PeerLevel::UserFromMessage(..) | PeerLevel::ChannelFromMessage(..) => None,
    };
    if let Some(leaf) = leaf {
        return k(Some(leaf));
    }
    // The nested peer is built first (one level down), and this one borrows it.
    with_chain(rest, &mut |inner| {
        let Some(inner) = inner else {
            return Err(EncodeError::new(
                "",
                "a peer from a message without its peer",
            ));
        };
        let peer = PeerRef::Value(&inner);
        let this = match outer {
            PeerLevel::UserFromMessage(msg_id, user_id) => InputPeer::InputPeerUserFromMessage {
                peer,
                msg_id,
                user_id,
            },
            PeerLevel::ChannelFromMessage(msg_id, channel_id) => {
                InputPeer::InputPeerChannelFromMessage {
                    peer,
                    msg_id,
                    channel_id,
                }
            }
            _ => return Err(EncodeError::new("", "unreachable peer level")),
        };
        k(Some(this))
    })
}

/// The `InputUser` at `v` (the request's `id`), with `peer` as the peer of
/// an `inputUserFromMessage`.
fn input_user<'a>(
    v: &Value,
    peer: Option<&'a InputPeer<'a>>,
) -> Result<InputUser<'a>, EncodeError> {
    let name = v.get("_").and_then(Value::as_str).unwrap_or("");
    let field = |n: &str| {
        let at = format!("id.{n}");
        match v.get(n) {
            Some(x) => Ok((x, at)),
            None => Err(EncodeError::new(at, "missing")),
        }
    };
    Ok(match name {
        "inputUserEmpty" => InputUser::InputUserEmpty,
        "inputUserSelf" => InputUser::InputUserSelf,
        "inputUser" => {
            let (u, at_u) = field("user_id")?;
            let (h, at_h) = field("access_hash")?;
            InputUser::InputUser {
                user_id: int(u, &at_u)?,
                access_hash: long(h, &at_h)?,
            }
        }
        "inputUserFromMessage" => {
            let (m, at_m) = field("msg_id")?;
            let (u, at_u) = field("user_id")?;
            let Some(peer) = peer else {
                return Err(EncodeError::new("id.peer", "missing"));
            };
            InputUser::InputUserFromMessage {
                peer: PeerRef::Value(peer),
                msg_id: int(m, &at_m)?,
                user_id: int(u, &at_u)?,
            }
        }
        other => {
            return Err(EncodeError::new(
                "id",
                format!("expected an InputUser, found {other:?}"),
            ))
        }
    })
}
