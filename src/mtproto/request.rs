//! Typed requests and their replies. Every function of the layer has a
//! generated form in [`crate::build::functions`] that implements
//! [`Request`]: it encodes itself ([`Encode`]) and names the type of its
//! answer, so that [`Request::decode_reply`] reads what the server sends
//! back (an `rpc_result`, or its bare result) into a [`Reply`]: the typed
//! view of the answer, or the typed RPC error.
//!
//! Generic functions (`invokeWithLayer`, `initConnection`,
//! `invokeAfterMsg`, ...) wrap any request, and their reply is the wrapped
//! request's.
//!
//! ```
//! use tlview::build::{enums::InputPeer, functions::messages::GetPeerSettings, types::InputPeerUser};
//! use tlview::{Encode, Request, RpcErrorKind};
//!
//! let peer = InputPeer::User(InputPeerUser { user_id: 5, access_hash: 7 });
//! let request = GetPeerSettings { peer: &peer };
//! let mut out = [0u8; 64];
//! let n = request.encode_to_slice(&mut out)?;
//! assert_eq!(n, 20);
//!
//! // The server answers rpc_result { req_msg_id, rpc_error 400 PEER_ID_INVALID }.
//! let mut reply = Vec::new();
//! reply.extend(0xf35c6d01u32.to_le_bytes());
//! reply.extend(99i64.to_le_bytes());
//! reply.extend(0x2144ca19u32.to_le_bytes());
//! reply.extend(400i32.to_le_bytes());
//! reply.extend(b"\x0fPEER_ID_INVALID");
//! let r = GetPeerSettings::decode_reply(&reply)?;
//! assert_eq!(r.req_msg_id, Some(99));
//! assert!(matches!(r.result, Err(RpcErrorKind::PeerIdInvalid)));
//! # Ok::<(), tlview::Error>(())
//! ```

use crate::encode::Encode;
use crate::error::{count32, Error, ErrorKind, Result};
use crate::limits::Limits;
use crate::reader::Reader;
use crate::rpc_errors::RpcErrorKind;
use crate::schema::id;
use crate::vector::{Element, Vector};
use crate::view::Typed;

use super::RpcError;

/// A function of the layer as a value: it encodes itself, and its reply is
/// [`Request::Reply`]. Implemented by every form of
/// [`crate::build::functions`].
pub trait Request: Encode {
    /// The function's constructor id.
    const ID: u32;
    /// The typed view of its answer: a type's enum, `bool` for `Bool`, a
    /// [`Vector`] for `Vector<T>`, the wrapped request's for a generic
    /// function.
    type Reply<'r>: Answer<'r>;

    /// Decodes the server's reply to this request, which must fill `input`:
    /// an `rpc_result` (or its bare result) holding the answer or an
    /// `rpc_error`. A `gzip_packed` answer needs
    /// `Request::decode_reply_unpacking` (feature `gzip`).
    #[inline]
    fn decode_reply(input: &[u8]) -> Result<Reply<'_, Self::Reply<'_>>>
    where
        Self: Sized,
    {
        decode_reply(input, &Limits::DEFAULT)
    }

    /// As [`Request::decode_reply`], within the caller's limits.
    #[inline]
    fn decode_reply_with<'r>(input: &'r [u8], limits: &Limits) -> Result<Reply<'r, Self::Reply<'r>>>
    where
        Self: Sized,
    {
        decode_reply(input, limits)
    }

    /// As [`Request::decode_reply_with`], unpacking a `gzip_packed` answer
    /// into `buf` (at most [`Limits::max_unpacked`] bytes) first; the reply
    /// then borrows from `buf`.
    #[cfg(feature = "gzip")]
    fn decode_reply_unpacking<'r>(
        input: &'r [u8],
        buf: &'r mut [u8],
        limits: &Limits,
    ) -> Result<Reply<'r, Self::Reply<'r>>>
    where
        Self: Sized,
    {
        let (req_msg_id, result, base) = super::split_rpc_result(input)?;
        let mut r = Reader::with_base(result, base);
        if r.peek_id()? != id::GZIP_PACKED {
            return decode_reply(input, limits);
        }
        let unpacked = crate::gzip::unpack_packed(&mut r, buf, limits)?;
        r.finish()?;
        let mut reply = decode_result(unpacked, 0, limits)?;
        reply.req_msg_id = req_msg_id;
        Ok(reply)
    }
}

/// What the server answered to a request.
#[derive(Clone, Copy, Debug)]
pub struct Reply<'a, T> {
    /// The request it answers, from the `rpc_result` (`None` for a bare
    /// result).
    pub req_msg_id: Option<i64>,
    /// The answer's typed view, or the typed RPC error.
    pub result: core::result::Result<T, RpcErrorKind<'a>>,
}

/// A type that answers a request: decoded from the start of a reply's
/// result. Implemented by the typed views, `bool` and [`Vector`].
pub trait Answer<'a>: Sized {
    /// Validates one answer at the start of `input`; returns it and the
    /// bytes after it. Error offsets are relative to `input`.
    fn decode_answer(input: &'a [u8], limits: &Limits) -> Result<(Self, &'a [u8])>;
}

impl<'a, T: Typed<'a>> Answer<'a> for T {
    #[inline]
    fn decode_answer(input: &'a [u8], limits: &Limits) -> Result<(T, &'a [u8])> {
        crate::view::decode_prefix(input, limits)
    }
}

impl<'a> Answer<'a> for bool {
    #[inline]
    fn decode_answer(input: &'a [u8], _: &Limits) -> Result<(bool, &'a [u8])> {
        let mut r = Reader::new(input);
        Ok((r.read_bool()?, r.rest()))
    }
}

impl<'a, T: Element<'a>> Answer<'a> for Vector<'a, T> {
    #[inline]
    fn decode_answer(input: &'a [u8], _: &Limits) -> Result<(Vector<'a, T>, &'a [u8])> {
        let mut r = Reader::new(input);
        Ok((r.read_vector::<T>()?, r.rest()))
    }
}

/// [`Request::decode_reply`] for an answer of type `T`.
pub fn decode_reply<'a, T: Answer<'a>>(input: &'a [u8], limits: &Limits) -> Result<Reply<'a, T>> {
    let (req_msg_id, result, base) = super::split_rpc_result(input)?;
    let mut reply = decode_result(result, base, limits)?;
    reply.req_msg_id = req_msg_id;
    Ok(reply)
}

/// The answer or `rpc_error` that fills `result`, which starts at byte
/// `base` of the message.
fn decode_result<'a, T: Answer<'a>>(
    result: &'a [u8],
    base: usize,
    limits: &Limits,
) -> Result<Reply<'a, T>> {
    let mut r = Reader::with_base(result, base);
    let answer = if r.peek_id()? == id::RPC_ERROR {
        let e = RpcError::read(&mut r)?;
        r.finish()?;
        Err(e.kind())
    } else {
        let (v, rest) = T::decode_answer(result, limits).map_err(|e| e.shifted(base))?;
        if !rest.is_empty() {
            let at = base.saturating_add(result.len().saturating_sub(rest.len()));
            return Err(Error::new(
                ErrorKind::TrailingBytes {
                    count: count32(rest.len()),
                },
                at,
            ));
        }
        Ok(v)
    };
    Ok(Reply {
        req_msg_id: None,
        result: answer,
    })
}
