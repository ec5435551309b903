//! `contacts.acceptContact#f831a20f id:InputUser = Updates`: a specialized
//! encoder, the `InputUser` and `InputPeer` it carries, and the decoding of
//! the server's reply into `Updates` or a typed error.
//!
//! ```
//! use tlview::{AcceptContact, InputUser, SliceSink, Writer};
//! let req = AcceptContact { id: InputUser::InputUser { user_id: 777, access_hash: -5 } };
//! assert_eq!(req.encoded_len(), 20);
//! let mut buf = [0u8; 20];
//! let n = req.encode_to_slice(&mut buf).unwrap();
//! assert_eq!(&buf[..8], &[0x0f, 0xa2, 0x31, 0xf8, 0x16, 0x28, 0x29, 0xd8]);
//! assert_eq!(n, 20);
//! ```

use core::fmt;

use super::message::wrong_type;
use super::{Ctx, Decode, Updates};
use crate::error::{Error, ErrorKind, Result};
use crate::limits::Limits;
use crate::mtproto::{self, RpcError};
use crate::reader::Reader;
use crate::schema::{id, ty};
use crate::sink::{Sink, SliceSink};
use crate::string::TlStr;
use crate::walk::Expect;
use crate::writer::Writer;

/// A nested `InputPeer`: a value the caller built, or validated bytes from a
/// decoded message (so that decoding never recurses on input).
#[derive(Clone, Copy)]
pub enum PeerRef<'a> {
    /// A value built by the caller.
    Value(&'a InputPeer<'a>),
    /// A validated boxed `InputPeer` on the wire.
    Wire(&'a [u8]),
}

impl<'a> PeerRef<'a> {
    /// The nested peer (for [`PeerRef::Wire`], decoded from its validated bytes).
    pub fn get(&self) -> InputPeer<'a> {
        match *self {
            PeerRef::Value(p) => *p,
            PeerRef::Wire(b) => InputPeer::from_validated(b).unwrap_or(InputPeer::InputPeerEmpty),
        }
    }

    fn encoded_len(&self) -> usize {
        match *self {
            PeerRef::Value(p) => p.encoded_len(),
            PeerRef::Wire(b) => b.len(),
        }
    }

    fn encode<S: Sink>(&self, w: &mut Writer<S>) -> Result<()> {
        match *self {
            PeerRef::Value(p) => p.encode(w),
            PeerRef::Wire(b) => w.write_raw(b),
        }
    }
}

/// `InputPeer`: all seven constructors of layer 122.
#[derive(Clone, Copy)]
pub enum InputPeer<'a> {
    /// `inputPeerEmpty#7f3b18ea`.
    InputPeerEmpty,
    /// `inputPeerSelf#7da07ec9`.
    InputPeerSelf,
    /// `inputPeerChat#179be863 chat_id:int`.
    InputPeerChat {
        /// The chat.
        chat_id: i32,
    },
    /// `inputPeerUser#7b8e7de6 user_id:int access_hash:long`.
    InputPeerUser {
        /// The user.
        user_id: i32,
        /// Its access hash.
        access_hash: i64,
    },
    /// `inputPeerChannel#20adaef8 channel_id:int access_hash:long`.
    InputPeerChannel {
        /// The channel.
        channel_id: i32,
        /// Its access hash.
        access_hash: i64,
    },
    /// `inputPeerUserFromMessage#17bae2e6 peer:InputPeer msg_id:int user_id:int`.
    InputPeerUserFromMessage {
        /// Where the message was seen.
        peer: PeerRef<'a>,
        /// The message.
        msg_id: i32,
        /// The user.
        user_id: i32,
    },
    /// `inputPeerChannelFromMessage#9c95f7bb peer:InputPeer msg_id:int channel_id:int`.
    InputPeerChannelFromMessage {
        /// Where the message was seen.
        peer: PeerRef<'a>,
        /// The message.
        msg_id: i32,
        /// The channel.
        channel_id: i32,
    },
}

/// The bytes of the validated boxed `InputPeer` at `r` (moves `r` past it).
fn nested_bytes<'a>(r: &mut Reader<'a>) -> Result<&'a [u8]> {
    crate::object::Object::read(r, Expect::Type(ty::INPUT_PEER), &super::REREAD)
        .map(|o| o.boxed_bytes())
}

impl<'a> InputPeer<'a> {
    /// Its constructor id.
    pub fn id(&self) -> u32 {
        match self {
            InputPeer::InputPeerEmpty => id::INPUT_PEER_EMPTY,
            InputPeer::InputPeerSelf => id::INPUT_PEER_SELF,
            InputPeer::InputPeerChat { .. } => id::INPUT_PEER_CHAT,
            InputPeer::InputPeerUser { .. } => id::INPUT_PEER_USER,
            InputPeer::InputPeerChannel { .. } => id::INPUT_PEER_CHANNEL,
            InputPeer::InputPeerUserFromMessage { .. } => id::INPUT_PEER_USER_FROM_MESSAGE,
            InputPeer::InputPeerChannelFromMessage { .. } => id::INPUT_PEER_CHANNEL_FROM_MESSAGE,
        }
    }

    /// Its constructor name.
    pub fn name(&self) -> &'static str {
        match self {
            InputPeer::InputPeerEmpty => "inputPeerEmpty",
            InputPeer::InputPeerSelf => "inputPeerSelf",
            InputPeer::InputPeerChat { .. } => "inputPeerChat",
            InputPeer::InputPeerUser { .. } => "inputPeerUser",
            InputPeer::InputPeerChannel { .. } => "inputPeerChannel",
            InputPeer::InputPeerUserFromMessage { .. } => "inputPeerUserFromMessage",
            InputPeer::InputPeerChannelFromMessage { .. } => "inputPeerChannelFromMessage",
        }
    }

    /// The exact encoded size (boxed).
    pub fn encoded_len(&self) -> usize {
        match self {
            InputPeer::InputPeerEmpty | InputPeer::InputPeerSelf => 4,
            InputPeer::InputPeerChat { .. } => 8,
            InputPeer::InputPeerUser { .. } | InputPeer::InputPeerChannel { .. } => 16,
            InputPeer::InputPeerUserFromMessage { peer, .. }
            | InputPeer::InputPeerChannelFromMessage { peer, .. } => {
                peer.encoded_len().saturating_add(12)
            }
        }
    }

    /// Writes it (boxed).
    pub fn encode<S: Sink>(&self, w: &mut Writer<S>) -> Result<()> {
        w.write_id(self.id())?;
        match *self {
            InputPeer::InputPeerEmpty | InputPeer::InputPeerSelf => Ok(()),
            InputPeer::InputPeerChat { chat_id } => w.write_int(chat_id),
            InputPeer::InputPeerUser {
                user_id: a,
                access_hash,
            }
            | InputPeer::InputPeerChannel {
                channel_id: a,
                access_hash,
            } => {
                w.write_int(a)?;
                w.write_long(access_hash)
            }
            InputPeer::InputPeerUserFromMessage {
                peer,
                msg_id,
                user_id: b,
            }
            | InputPeer::InputPeerChannelFromMessage {
                peer,
                msg_id,
                channel_id: b,
            } => {
                peer.encode(w)?;
                w.write_int(msg_id)?;
                w.write_int(b)
            }
        }
    }

    /// Views bytes already validated as a boxed `InputPeer`.
    fn from_validated(b: &'a [u8]) -> Result<InputPeer<'a>> {
        let mut r = Reader::new(b);
        Self::read_top(&mut r)
    }

    /// Reads the top level of a validated boxed `InputPeer`; a nested peer is
    /// kept as bytes.
    fn read_top(r: &mut Reader<'a>) -> Result<InputPeer<'a>> {
        let at = r.offset();
        Ok(match r.read_id()? {
            id::INPUT_PEER_EMPTY => InputPeer::InputPeerEmpty,
            id::INPUT_PEER_SELF => InputPeer::InputPeerSelf,
            id::INPUT_PEER_CHAT => InputPeer::InputPeerChat {
                chat_id: r.read_int()?,
            },
            id::INPUT_PEER_USER => InputPeer::InputPeerUser {
                user_id: r.read_int()?,
                access_hash: r.read_long()?,
            },
            id::INPUT_PEER_CHANNEL => InputPeer::InputPeerChannel {
                channel_id: r.read_int()?,
                access_hash: r.read_long()?,
            },
            id::INPUT_PEER_USER_FROM_MESSAGE => InputPeer::InputPeerUserFromMessage {
                peer: PeerRef::Wire(nested_bytes(r)?),
                msg_id: r.read_int()?,
                user_id: r.read_int()?,
            },
            id::INPUT_PEER_CHANNEL_FROM_MESSAGE => InputPeer::InputPeerChannelFromMessage {
                peer: PeerRef::Wire(nested_bytes(r)?),
                msg_id: r.read_int()?,
                channel_id: r.read_int()?,
            },
            other => return Err(wrong_type(ty::INPUT_PEER, other, at)),
        })
    }
}

impl<'a> Decode<'a> for InputPeer<'a> {
    fn decode_in(r: &mut Reader<'a>, cx: Ctx<'_>) -> Result<InputPeer<'a>> {
        // Validate the whole chain with the (non-recursive) walker first.
        let o = cx.object(r, Expect::Type(ty::INPUT_PEER))?;
        InputPeer::from_validated(o.boxed_bytes())
    }
}

/// `InputUser`: all four constructors of layer 122.
#[derive(Clone, Copy)]
pub enum InputUser<'a> {
    /// `inputUserEmpty#b98886cf`.
    InputUserEmpty,
    /// `inputUserSelf#f7c1b13f`.
    InputUserSelf,
    /// `inputUser#d8292816 user_id:int access_hash:long`.
    InputUser {
        /// The user.
        user_id: i32,
        /// Its access hash.
        access_hash: i64,
    },
    /// `inputUserFromMessage#2d117597 peer:InputPeer msg_id:int user_id:int`.
    InputUserFromMessage {
        /// Where the message was seen.
        peer: PeerRef<'a>,
        /// The message.
        msg_id: i32,
        /// The user.
        user_id: i32,
    },
}

impl<'a> InputUser<'a> {
    /// Its constructor id.
    pub fn id(&self) -> u32 {
        match self {
            InputUser::InputUserEmpty => id::INPUT_USER_EMPTY,
            InputUser::InputUserSelf => id::INPUT_USER_SELF,
            InputUser::InputUser { .. } => id::INPUT_USER,
            InputUser::InputUserFromMessage { .. } => id::INPUT_USER_FROM_MESSAGE,
        }
    }

    /// Its constructor name.
    pub fn name(&self) -> &'static str {
        match self {
            InputUser::InputUserEmpty => "inputUserEmpty",
            InputUser::InputUserSelf => "inputUserSelf",
            InputUser::InputUser { .. } => "inputUser",
            InputUser::InputUserFromMessage { .. } => "inputUserFromMessage",
        }
    }

    /// The exact encoded size (boxed).
    pub fn encoded_len(&self) -> usize {
        match self {
            InputUser::InputUserEmpty | InputUser::InputUserSelf => 4,
            InputUser::InputUser { .. } => 16,
            InputUser::InputUserFromMessage { peer, .. } => peer.encoded_len().saturating_add(12),
        }
    }

    /// Writes it (boxed).
    pub fn encode<S: Sink>(&self, w: &mut Writer<S>) -> Result<()> {
        w.write_id(self.id())?;
        match *self {
            InputUser::InputUserEmpty | InputUser::InputUserSelf => Ok(()),
            InputUser::InputUser {
                user_id,
                access_hash,
            } => {
                w.write_int(user_id)?;
                w.write_long(access_hash)
            }
            InputUser::InputUserFromMessage {
                peer,
                msg_id,
                user_id,
            } => {
                peer.encode(w)?;
                w.write_int(msg_id)?;
                w.write_int(user_id)
            }
        }
    }
}

impl<'a> Decode<'a> for InputUser<'a> {
    fn decode_in(r: &mut Reader<'a>, cx: Ctx<'_>) -> Result<InputUser<'a>> {
        let o = cx.object(r, Expect::Type(ty::INPUT_USER))?;
        let mut f = Reader::with_base(o.body(), o.body_offset());
        Ok(match o.id() {
            id::INPUT_USER_EMPTY => InputUser::InputUserEmpty,
            id::INPUT_USER_SELF => InputUser::InputUserSelf,
            id::INPUT_USER => InputUser::InputUser {
                user_id: f.read_int()?,
                access_hash: f.read_long()?,
            },
            id::INPUT_USER_FROM_MESSAGE => InputUser::InputUserFromMessage {
                peer: PeerRef::Wire(nested_bytes(&mut f)?),
                msg_id: f.read_int()?,
                user_id: f.read_int()?,
            },
            other => return Err(wrong_type(ty::INPUT_USER, other, o.body_offset())),
        })
    }
}

impl PartialEq for InputUser<'_> {
    fn eq(&self, other: &Self) -> bool {
        // Level by level (a nested peer may be a value or wire bytes), with
        // a loop: no buffer, so chains of any length compare.
        match (*self, *other) {
            (InputUser::InputUserEmpty, InputUser::InputUserEmpty)
            | (InputUser::InputUserSelf, InputUser::InputUserSelf) => true,
            (
                InputUser::InputUser {
                    user_id: a,
                    access_hash: h,
                },
                InputUser::InputUser {
                    user_id: b,
                    access_hash: g,
                },
            ) => a == b && h == g,
            (
                InputUser::InputUserFromMessage {
                    peer: p,
                    msg_id: m,
                    user_id: u,
                },
                InputUser::InputUserFromMessage {
                    peer: q,
                    msg_id: n,
                    user_id: v,
                },
            ) => m == n && u == v && peers_eq(p, q),
            _ => false,
        }
    }
}
impl Eq for InputUser<'_> {}

/// Whether two peer chains are the same, compared iteratively.
fn peers_eq(mut a: PeerRef<'_>, mut b: PeerRef<'_>) -> bool {
    loop {
        match (a.get(), b.get()) {
            (
                InputPeer::InputPeerUserFromMessage {
                    peer: p,
                    msg_id: m,
                    user_id: u,
                },
                InputPeer::InputPeerUserFromMessage {
                    peer: q,
                    msg_id: n,
                    user_id: v,
                },
            )
            | (
                InputPeer::InputPeerChannelFromMessage {
                    peer: p,
                    msg_id: m,
                    channel_id: u,
                },
                InputPeer::InputPeerChannelFromMessage {
                    peer: q,
                    msg_id: n,
                    channel_id: v,
                },
            ) => {
                if m != n || u != v {
                    return false;
                }
                a = p;
                b = q;
            }
            (InputPeer::InputPeerEmpty, InputPeer::InputPeerEmpty)
            | (InputPeer::InputPeerSelf, InputPeer::InputPeerSelf) => return true,
            (InputPeer::InputPeerChat { chat_id: x }, InputPeer::InputPeerChat { chat_id: y }) => {
                return x == y
            }
            (
                InputPeer::InputPeerUser {
                    user_id: x,
                    access_hash: h,
                },
                InputPeer::InputPeerUser {
                    user_id: y,
                    access_hash: g,
                },
            )
            | (
                InputPeer::InputPeerChannel {
                    channel_id: x,
                    access_hash: h,
                },
                InputPeer::InputPeerChannel {
                    channel_id: y,
                    access_hash: g,
                },
            ) => return x == y && h == g,
            _ => return false,
        }
    }
}

#[cfg(feature = "names")]
impl fmt::Display for InputPeer<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        super::display(self, f)
    }
}

#[cfg(feature = "names")]
impl super::TlFields for InputPeer<'_> {
    fn tl_name(&self) -> &'static str {
        self.name()
    }
    fn tl_fields<O: super::Out>(&self, o: &mut O) -> core::result::Result<(), O::Error> {
        match *self {
            InputPeer::InputPeerEmpty | InputPeer::InputPeerSelf => {}
            InputPeer::InputPeerChat { chat_id } => o.int("chat_id", chat_id)?,
            InputPeer::InputPeerUser {
                user_id,
                access_hash,
            } => {
                o.int("user_id", user_id)?;
                o.long("access_hash", access_hash)?;
            }
            InputPeer::InputPeerChannel {
                channel_id,
                access_hash,
            } => {
                o.int("channel_id", channel_id)?;
                o.long("access_hash", access_hash)?;
            }
            InputPeer::InputPeerUserFromMessage {
                peer,
                msg_id,
                user_id,
            } => {
                o.value("peer", &PeerJson(peer))?;
                o.int("msg_id", msg_id)?;
                o.int("user_id", user_id)?;
            }
            InputPeer::InputPeerChannelFromMessage {
                peer,
                msg_id,
                channel_id,
            } => {
                o.value("peer", &PeerJson(peer))?;
                o.int("msg_id", msg_id)?;
                o.int("channel_id", channel_id)?;
            }
        }
        Ok(())
    }
}

/// A nested peer as TL JSON: wire bytes print through the (iterative)
/// dynamic view, so hostile nesting cannot recurse here.
#[cfg(feature = "names")]
struct PeerJson<'a>(PeerRef<'a>);

#[cfg(feature = "names")]
impl fmt::Display for PeerJson<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            PeerRef::Value(p) => p.fmt(f),
            PeerRef::Wire(b) => {
                let o = crate::object::Object::decode_with(
                    b,
                    Expect::Type(ty::INPUT_PEER),
                    &super::REREAD,
                )
                .map_err(|_| fmt::Error)?;
                crate::json::Json(o).fmt(f)
            }
        }
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for PeerJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> core::result::Result<S::Ok, S::Error> {
        match self.0 {
            PeerRef::Value(p) => p.serialize(s),
            PeerRef::Wire(b) => {
                let o = crate::object::Object::decode_with(
                    b,
                    Expect::Type(ty::INPUT_PEER),
                    &super::REREAD,
                )
                .map_err(serde::ser::Error::custom)?;
                crate::ser::object(o, s)
            }
        }
    }
}

#[cfg(feature = "names")]
impl fmt::Display for InputUser<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        super::display(self, f)
    }
}

#[cfg(feature = "names")]
impl super::TlFields for InputUser<'_> {
    fn tl_name(&self) -> &'static str {
        self.name()
    }
    fn tl_fields<O: super::Out>(&self, o: &mut O) -> core::result::Result<(), O::Error> {
        match *self {
            InputUser::InputUserEmpty | InputUser::InputUserSelf => {}
            InputUser::InputUser {
                user_id,
                access_hash,
            } => {
                o.int("user_id", user_id)?;
                o.long("access_hash", access_hash)?;
            }
            InputUser::InputUserFromMessage {
                peer,
                msg_id,
                user_id,
            } => {
                o.value("peer", &PeerJson(peer))?;
                o.int("msg_id", msg_id)?;
                o.int("user_id", user_id)?;
            }
        }
        Ok(())
    }
}

#[cfg(feature = "serde")]
crate::ser::tl_serialize!(InputPeer<'_>, InputUser<'_>, AcceptContact<'_>);

/// The request `contacts.acceptContact#f831a20f id:InputUser = Updates`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct AcceptContact<'a> {
    /// The user whose contact request to accept.
    pub id: InputUser<'a>,
}

/// `contacts.acceptContact` with `inputUser`, as on the wire.
#[derive(Clone, Copy, bytemuck::Pod, bytemuck::Zeroable)]
#[repr(C)]
struct WithInputUser {
    request: [u8; 4],
    ctor: [u8; 4],
    user_id: [u8; 4],
    access_hash: [u8; 8],
}

/// `contacts.acceptContact` with `inputUserFromMessage` in an
/// `inputPeerChat`, as on the wire.
#[derive(Clone, Copy, bytemuck::Pod, bytemuck::Zeroable)]
#[repr(C)]
struct FromChatMessage {
    request: [u8; 4],
    ctor: [u8; 4],
    peer_ctor: [u8; 4],
    chat_id: [u8; 4],
    msg_id: [u8; 4],
    user_id: [u8; 4],
}

/// The error for a buffer of `capacity` bytes where `needed` are written.
#[cold]
fn sink_full(needed: usize, capacity: usize) -> Error {
    Error::new(
        ErrorKind::SinkFull {
            needed: crate::error::count32(needed),
            capacity: crate::error::count32(capacity),
        },
        0,
    )
}

/// Copies a fixed-size encoding to the start of `buf`.
#[inline(always)]
fn put<T: bytemuck::Pod>(buf: &mut [u8], v: &T) -> Result<usize> {
    let bytes = bytemuck::bytes_of(v);
    match buf.get_mut(..bytes.len()) {
        Some(dst) => {
            dst.copy_from_slice(bytes);
            Ok(bytes.len())
        }
        None => Err(sink_full(bytes.len(), buf.len())),
    }
}

impl<'a> AcceptContact<'a> {
    /// The request's constructor id.
    pub const ID: u32 = id::CONTACTS_ACCEPT_CONTACT;

    /// The exact encoded size, known before writing.
    pub fn encoded_len(&self) -> usize {
        self.id.encoded_len().saturating_add(4)
    }

    /// Writes the request into any sink.
    pub fn encode<S: Sink>(&self, w: &mut Writer<S>) -> Result<()> {
        w.write_id(Self::ID)?;
        self.id.encode(w)
    }

    /// Writes the request at the start of `buf`; returns its length. A
    /// buffer that is too small is an error that says how much was needed,
    /// and nothing is written.
    #[inline]
    pub fn encode_to_slice(&self, buf: &mut [u8]) -> Result<usize> {
        // The two common shapes are fixed-size: built in registers, stored
        // with one copy.
        match self.id {
            InputUser::InputUser {
                user_id,
                access_hash,
            } => {
                return put(
                    buf,
                    &WithInputUser {
                        request: Self::ID.to_le_bytes(),
                        ctor: id::INPUT_USER.to_le_bytes(),
                        user_id: user_id.to_le_bytes(),
                        access_hash: access_hash.to_le_bytes(),
                    },
                )
            }
            InputUser::InputUserFromMessage {
                peer: PeerRef::Value(InputPeer::InputPeerChat { chat_id }),
                msg_id,
                user_id,
            } => {
                return put(
                    buf,
                    &FromChatMessage {
                        request: Self::ID.to_le_bytes(),
                        ctor: id::INPUT_USER_FROM_MESSAGE.to_le_bytes(),
                        peer_ctor: id::INPUT_PEER_CHAT.to_le_bytes(),
                        chat_id: chat_id.to_le_bytes(),
                        msg_id: msg_id.to_le_bytes(),
                        user_id: user_id.to_le_bytes(),
                    },
                )
            }
            _ => {}
        }
        let need = self.encoded_len();
        if need > buf.len() {
            return Err(sink_full(need, buf.len()));
        }
        let mut w = Writer::new(SliceSink::new(buf));
        self.encode(&mut w)?;
        Ok(w.finish())
    }

    /// Decodes the server's reply to this request: an `rpc_result` (or its
    /// bare result) holding `Updates` or an `rpc_error`; the same as
    /// [`AcceptContactReply::decode`]. A request names its reply, so a
    /// client that holds the request need not name the reply's type.
    #[inline]
    pub fn decode_reply(input: &'a [u8]) -> Result<AcceptContactReply<'a>> {
        AcceptContactReply::decode(input)
    }

    /// As [`AcceptContact::decode_reply`], within the caller's limits.
    #[inline]
    pub fn decode_reply_with(input: &'a [u8], limits: &Limits) -> Result<AcceptContactReply<'a>> {
        AcceptContactReply::decode_with(input, limits)
    }

    /// As [`AcceptContact::decode_reply`], unpacking a `gzip_packed` result
    /// into `buf` (see `AcceptContactReply::decode_unpacking`).
    #[cfg(feature = "gzip")]
    #[inline]
    pub fn decode_reply_unpacking(
        input: &'a [u8],
        buf: &'a mut [u8],
        limits: &Limits,
    ) -> Result<AcceptContactReply<'a>> {
        AcceptContactReply::decode_unpacking(input, buf, limits)
    }
}

/// Decodes the request itself (for servers, proxies and tests): its
/// `InputUser` is one level below it.
impl<'a> Decode<'a> for AcceptContact<'a> {
    fn decode_in(r: &mut Reader<'a>, cx: Ctx<'_>) -> Result<AcceptContact<'a>> {
        r.expect_id(Self::ID)?;
        let id = InputUser::decode_in(r, cx.nested(r)?)?;
        Ok(AcceptContact { id })
    }
}

super::type_entry_points!(AcceptContact<'a>, "contacts.acceptContact");

impl<'a> AcceptContactReply<'a> {
    /// Decodes the server's reply to `contacts.acceptContact`, which must
    /// fill `input`: an `rpc_result` (or its bare result) holding `Updates`
    /// or an `rpc_error`. A `gzip_packed` result needs
    /// `AcceptContactReply::decode_unpacking` (feature `gzip`).
    ///
    /// ```
    /// use tlview::AcceptContactReply;
    /// let mut reply = vec![];
    /// reply.extend(0xf35c6d01u32.to_le_bytes()); // rpc_result
    /// reply.extend(5i64.to_le_bytes());          // req_msg_id
    /// reply.extend(0xe317af7eu32.to_le_bytes()); // updatesTooLong
    /// assert!(matches!(AcceptContactReply::decode(&reply)?, AcceptContactReply::Updates(_)));
    /// reply.extend([0; 4]);                      // what follows it
    /// let (_, rest) = AcceptContactReply::decode_prefix(&reply)?;
    /// assert_eq!(rest, [0; 4]);
    /// # Ok::<(), tlview::Error>(())
    /// ```
    #[inline]
    pub fn decode(input: &'a [u8]) -> Result<AcceptContactReply<'a>> {
        Self::decode_with(input, &Limits::DEFAULT)
    }

    /// As [`AcceptContactReply::decode`], within the caller's limits.
    pub fn decode_with(input: &'a [u8], limits: &Limits) -> Result<AcceptContactReply<'a>> {
        let (reply, r) = Self::read(input, limits)?;
        r.finish()?;
        Ok(reply)
    }

    /// Decodes the reply at the start of `input`; returns it and the bytes
    /// after it (an `rpc_result` has no length of its own: whatever follows
    /// its result is the rest).
    pub fn decode_prefix(input: &'a [u8]) -> Result<(AcceptContactReply<'a>, &'a [u8])> {
        let (reply, r) = Self::read(input, &Limits::DEFAULT)?;
        Ok((reply, r.rest()))
    }

    /// The reply at the start of `input`, and a reader after it.
    fn read(input: &'a [u8], limits: &Limits) -> Result<(AcceptContactReply<'a>, Reader<'a>)> {
        super::root_fits(&Reader::new(input), limits)?;
        let (_, result, base) = mtproto::split_rpc_result(input)?;
        let mut r = Reader::with_base(result, base);
        let reply = match r.peek_id()? {
            id::RPC_ERROR => {
                let e = RpcError::read(&mut r)?;
                AcceptContactReply::Error(AcceptContactError::from_rpc(e))
            }
            _ => AcceptContactReply::Updates(Updates::decode_in(&mut r, Ctx::root(limits))?),
        };
        Ok((reply, r))
    }

    /// As [`AcceptContactReply::decode_with`], unpacking a `gzip_packed`
    /// result into `buf` (at most [`Limits::max_unpacked`] bytes).
    #[cfg(feature = "gzip")]
    pub fn decode_unpacking(
        input: &'a [u8],
        buf: &'a mut [u8],
        limits: &Limits,
    ) -> Result<AcceptContactReply<'a>> {
        let (_, result, base) = mtproto::split_rpc_result(input)?;
        let mut r = Reader::with_base(result, base);
        if r.peek_id()? == id::GZIP_PACKED {
            let unpacked = crate::gzip::unpack_packed(&mut r, buf, limits)?;
            r.finish()?;
            return Self::decode_with(unpacked, limits);
        }
        Self::decode_with(input, limits)
    }
}

#[cfg(feature = "names")]
impl fmt::Display for AcceptContact<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        super::display(self, f)
    }
}

#[cfg(feature = "names")]
impl super::TlFields for AcceptContact<'_> {
    fn tl_name(&self) -> &'static str {
        "contacts.acceptContact"
    }
    fn tl_fields<O: super::Out>(&self, o: &mut O) -> core::result::Result<(), O::Error> {
        o.value("id", &self.id)
    }
}

/// What the server answered to `contacts.acceptContact`.
#[derive(Clone, Copy, Debug)]
pub enum AcceptContactReply<'a> {
    /// Success: the updates.
    Updates(Updates<'a>),
    /// The server refused.
    Error(AcceptContactError<'a>),
}

/// The errors `contacts.acceptContact` documents (all code 400), and any
/// other, kept as borrowed data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AcceptContactError<'a> {
    /// `CONTACT_ADD_MISSING`: Contact to add is missing.
    ContactAddMissing,
    /// `CONTACT_ID_INVALID`: The provided contact ID is invalid.
    ContactIdInvalid,
    /// `CONTACT_REQ_MISSING`: Missing contact request.
    ContactReqMissing,
    /// Any other error.
    Other {
        /// The error code.
        code: i32,
        /// The error message, as the server sent it.
        message: TlStr<'a>,
    },
}

impl<'a> AcceptContactError<'a> {
    /// Classifies an `rpc_error`.
    pub fn from_rpc(e: RpcError<'a>) -> AcceptContactError<'a> {
        match (e.error_code, e.error_message.as_bytes()) {
            (400, b"CONTACT_ADD_MISSING") => AcceptContactError::ContactAddMissing,
            (400, b"CONTACT_ID_INVALID") => AcceptContactError::ContactIdInvalid,
            (400, b"CONTACT_REQ_MISSING") => AcceptContactError::ContactReqMissing,
            (code, _) => AcceptContactError::Other {
                code,
                message: e.error_message,
            },
        }
    }

    /// The error code.
    pub fn code(&self) -> i32 {
        match self {
            AcceptContactError::Other { code, .. } => *code,
            _ => 400,
        }
    }

    /// The error message as the server sends it.
    pub fn message(&self) -> TlStr<'a> {
        match self {
            AcceptContactError::ContactAddMissing => TlStr::new(b"CONTACT_ADD_MISSING"),
            AcceptContactError::ContactIdInvalid => TlStr::new(b"CONTACT_ID_INVALID"),
            AcceptContactError::ContactReqMissing => TlStr::new(b"CONTACT_REQ_MISSING"),
            AcceptContactError::Other { message, .. } => *message,
        }
    }

    /// What the documentation says it means (empty for other errors).
    pub fn description(&self) -> &'static str {
        match self {
            AcceptContactError::ContactAddMissing => "Contact to add is missing",
            AcceptContactError::ContactIdInvalid => "The provided contact ID is invalid",
            AcceptContactError::ContactReqMissing => "Missing contact request",
            AcceptContactError::Other { .. } => "",
        }
    }
}

impl fmt::Display for AcceptContactError<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.code(), self.message())?;
        match self.description() {
            "" => Ok(()),
            d => write!(f, ": {d}"),
        }
    }
}

super::type_entry_points!(InputPeer<'a>, "InputPeer");
super::type_entry_points!(InputUser<'a>, "InputUser");

/// The peer itself (a validated one read from its bytes).
impl fmt::Debug for PeerRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.get().fmt(f)
    }
}

/// `name { field: value, … }`, as a generated view's `Debug`.
impl fmt::Debug for InputPeer<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        super::debug_ctor(f, self.id(), |d| {
            match self {
                InputPeer::InputPeerEmpty | InputPeer::InputPeerSelf => d,
                InputPeer::InputPeerChat { chat_id } => d.field("chat_id", chat_id),
                InputPeer::InputPeerUser {
                    user_id,
                    access_hash,
                } => d
                    .field("user_id", user_id)
                    .field("access_hash", access_hash),
                InputPeer::InputPeerChannel {
                    channel_id,
                    access_hash,
                } => d
                    .field("channel_id", channel_id)
                    .field("access_hash", access_hash),
                InputPeer::InputPeerUserFromMessage {
                    peer,
                    msg_id,
                    user_id,
                } => d
                    .field("peer", peer)
                    .field("msg_id", msg_id)
                    .field("user_id", user_id),
                InputPeer::InputPeerChannelFromMessage {
                    peer,
                    msg_id,
                    channel_id,
                } => d
                    .field("peer", peer)
                    .field("msg_id", msg_id)
                    .field("channel_id", channel_id),
            };
        })
    }
}

impl fmt::Debug for InputUser<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        super::debug_ctor(f, self.id(), |d| {
            match self {
                InputUser::InputUserEmpty | InputUser::InputUserSelf => d,
                InputUser::InputUser {
                    user_id,
                    access_hash,
                } => d
                    .field("user_id", user_id)
                    .field("access_hash", access_hash),
                InputUser::InputUserFromMessage {
                    peer,
                    msg_id,
                    user_id,
                } => d
                    .field("peer", peer)
                    .field("msg_id", msg_id)
                    .field("user_id", user_id),
            };
        })
    }
}

impl fmt::Debug for AcceptContact<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        super::debug_ctor(f, Self::ID, |d| {
            d.field("id", &self.id);
        })
    }
}
