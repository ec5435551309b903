//! The MTProto service wrappers: `rpc_result`, `rpc_error`, `msg_container`
//! and `gzip_packed` (unpacking is in `tlview::gzip`, feature `gzip`).
//!
//! ```
//! use tlview::mtproto::MsgContainer;
//! // msg_container with one message whose body is boolTrue.
//! let mut b = Vec::new();
//! b.extend(0x73f1f8dcu32.to_le_bytes());
//! b.extend(1u32.to_le_bytes());              // count
//! b.extend(7i64.to_le_bytes());              // msg_id
//! b.extend(3i32.to_le_bytes());              // seqno
//! b.extend(4i32.to_le_bytes());              // bytes
//! b.extend(0x997275b5u32.to_le_bytes());     // body
//! let c = MsgContainer::decode(&b).unwrap();
//! let m = c.messages().next().unwrap();
//! assert_eq!((m.msg_id, m.seqno, m.body.id()), (7, 3, 0x997275b5));
//! ```

#[cfg(feature = "gzip")]
pub mod gzip;
pub mod request;

use core::fmt;

use crate::error::{count32, Error, ErrorKind, Item, Result};
use crate::limits::Limits;
use crate::object::Object;
use crate::reader::Reader;
use crate::rpc_errors::RpcErrorKind;
use crate::schema::id;
use crate::string::TlStr;
use crate::support::{Ctx, Decode};
use crate::walk::Expect;

/// `rpc_error#2144ca19 error_code:int error_message:string`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct RpcError<'a> {
    /// The error code (400, 401, 420, ...).
    pub error_code: i32,
    /// The message (`CONTACT_ID_INVALID`, `FLOOD_WAIT_30`, ...).
    pub error_message: TlStr<'a>,
}

impl<'a> RpcError<'a> {
    /// Reads a boxed `rpc_error`.
    pub fn read(r: &mut Reader<'a>) -> Result<RpcError<'a>> {
        r.expect_id(id::RPC_ERROR)?;
        Ok(RpcError {
            error_code: r.read_int()?,
            error_message: r.read_string()?,
        })
    }

    /// The error typed: an error of the API's list with its number
    /// (`FLOOD_WAIT_42` → [`RpcErrorKind::FloodWait`]` { seconds: 42 }`),
    /// or [`RpcErrorKind::Unknown`] with this code and message. See
    /// [`rpc_errors`](crate::rpc_errors).
    pub fn kind(&self) -> RpcErrorKind<'a> {
        RpcErrorKind::parse(self.error_code, self.error_message.as_bytes())
    }
}

impl<'a> From<RpcError<'a>> for RpcErrorKind<'a> {
    fn from(e: RpcError<'a>) -> RpcErrorKind<'a> {
        e.kind()
    }
}

impl<'a> Decode<'a> for RpcError<'a> {
    fn decode_in(r: &mut Reader<'a>, _cx: Ctx<'_>) -> Result<RpcError<'a>> {
        RpcError::read(r)
    }
}

crate::support::type_entry_points!(RpcError<'a>, "rpc_error");

/// `rpc_result#f35c6d01 req_msg_id:long result:Object`: the answer to the
/// request `req_msg_id`.
#[derive(Clone, Copy)]
pub struct RpcResult<'a> {
    /// The request this answers.
    pub req_msg_id: i64,
    /// The result's bytes (a boxed object: the method's type, `rpc_error`
    /// or `gzip_packed`), validated by the caller's chosen decoder.
    pub result: &'a [u8],
    /// The offset of `result` in the message.
    pub result_offset: usize,
}

impl<'a> RpcResult<'a> {
    /// Reads an `rpc_result` that fills `input`; the result itself is not
    /// validated here (its type depends on the request): it is every byte
    /// after `req_msg_id`.
    #[inline]
    pub fn decode(input: &'a [u8]) -> Result<RpcResult<'a>> {
        Self::decode_with(input, &Limits::DEFAULT)
    }

    /// As [`RpcResult::decode`], within the caller's limits (which matter
    /// only at the root: the result is not validated).
    pub fn decode_with(input: &'a [u8], limits: &Limits) -> Result<RpcResult<'a>> {
        let mut r = Reader::new(input);
        crate::support::root_fits(&r, limits)?;
        let req_msg_id = Self::head(&mut r)?;
        Ok(RpcResult {
            req_msg_id,
            result_offset: r.offset(),
            result: r.rest(),
        })
    }

    /// Reads an `rpc_result` at the start of `input`; returns it and the
    /// bytes after it. An `rpc_result` has no length of its own, so unlike
    /// [`RpcResult::decode`] this validates the result (as any boxed
    /// object, under the default limits) to find where it ends; `result`
    /// is then exactly its bytes.
    ///
    /// ```
    /// use tlview::mtproto::RpcResult;
    /// let mut b = Vec::new();
    /// b.extend(0xf35c6d01u32.to_le_bytes()); // rpc_result
    /// b.extend(9i64.to_le_bytes());          // req_msg_id
    /// b.extend(0x997275b5u32.to_le_bytes()); // boolTrue
    /// b.extend([1, 2, 3, 4]);                // the next message
    /// let (rr, rest) = RpcResult::decode_prefix(&b)?;
    /// assert_eq!((rr.req_msg_id, rr.result.len(), rest), (9, 4, &[1, 2, 3, 4][..]));
    /// assert_eq!(RpcResult::decode(&b)?.result.len(), 8); // the whole rest
    /// # Ok::<(), tlview::Error>(())
    /// ```
    pub fn decode_prefix(input: &'a [u8]) -> Result<(RpcResult<'a>, &'a [u8])> {
        let mut r = Reader::new(input);
        let req_msg_id = Self::head(&mut r)?;
        let start = r;
        Object::read_at_depth(&mut r, Expect::Any, &Limits::DEFAULT, 1)?;
        let used = start.remaining().saturating_sub(r.remaining());
        let rr = RpcResult {
            req_msg_id,
            result_offset: start.offset(),
            result: start.rest().get(..used).unwrap_or(&[]),
        };
        Ok((rr, r.rest()))
    }

    /// The id and `req_msg_id`; a result must follow.
    fn head(r: &mut Reader<'a>) -> Result<i64> {
        r.expect_id(id::RPC_RESULT)?;
        let req_msg_id = r.read_long()?;
        if r.is_empty() {
            return Err(r.error(ErrorKind::UnexpectedEnd {
                what: Item::Object,
                needed: 4,
                available: 0,
            }));
        }
        Ok(req_msg_id)
    }
}

/// Splits a reply into `(req_msg_id, result bytes, their offset)`: through an
/// `rpc_result` when there is one, or the whole input as the bare result.
pub fn split_rpc_result(input: &[u8]) -> Result<(Option<i64>, &[u8], usize)> {
    if Reader::new(input).peek_id()? == id::RPC_RESULT {
        let rr = RpcResult::decode(input)?;
        Ok((Some(rr.req_msg_id), rr.result, rr.result_offset))
    } else {
        Ok((None, input, 0))
    }
}

/// `gzip_packed#3072cfa1 packed_data:bytes`: the packed bytes, borrowed.
#[derive(Clone, Copy)]
pub struct GzipPacked<'a> {
    /// The gzip member.
    pub packed_data: &'a [u8],
}

impl<'a> GzipPacked<'a> {
    /// Reads a boxed `gzip_packed`.
    pub fn read(r: &mut Reader<'a>) -> Result<GzipPacked<'a>> {
        r.expect_id(id::GZIP_PACKED)?;
        Ok(GzipPacked {
            packed_data: r.read_bytes()?,
        })
    }
}

impl<'a> Decode<'a> for GzipPacked<'a> {
    fn decode_in(r: &mut Reader<'a>, _cx: Ctx<'_>) -> Result<GzipPacked<'a>> {
        GzipPacked::read(r)
    }
}

crate::support::type_entry_points!(GzipPacked<'a>, "gzip_packed");

/// `msg_container#73f1f8dc messages:vector<message>`: validated once; its
/// messages are then iterated without failure.
///
/// Each `message msg_id:long seqno:int bytes:int body:Object` is read inside
/// its declared `bytes`, and the body must fill them exactly, so one bad item
/// cannot shift the rest.
#[derive(Clone, Copy)]
pub struct MsgContainer<'a> {
    items: &'a [u8],
    base: usize,
    count: u32,
}

/// One message of a container.
#[derive(Clone, Copy)]
pub struct ContainerMessage<'a> {
    /// Its message id.
    pub msg_id: i64,
    /// Its sequence number.
    pub seqno: i32,
    /// Its body, a validated object of the layer.
    pub body: Object<'a>,
}

/// The smallest message: msg_id, seqno, bytes, a 4-byte body.
const MIN_MESSAGE: usize = 20;

impl<'a> MsgContainer<'a> {
    /// How many messages it holds.
    pub fn len(&self) -> usize {
        self.count as usize
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Its messages.
    pub fn messages(&self) -> impl Iterator<Item = ContainerMessage<'a>> + 'a {
        let mut r = Reader::with_base(self.items, self.base);
        (0..self.count).map_while(move |_| read_message(&mut r, &crate::limits::REREAD, 2).ok())
    }
}

/// Validates a container, every body (nested under the container and its
/// bare message) within `cx`'s limits.
impl<'a> Decode<'a> for MsgContainer<'a> {
    fn decode_in(r: &mut Reader<'a>, cx: Ctx<'_>) -> Result<MsgContainer<'a>> {
        r.expect_id(id::MSG_CONTAINER)?;
        let count = r.read_bare_vector_len(MIN_MESSAGE)?;
        let base = r.offset();
        let start = r.rest();
        for _ in 0..count {
            read_message(r, cx.limits, cx.depth.saturating_add(2))?;
        }
        let used = start.len().saturating_sub(r.remaining());
        let items = start.get(..used).unwrap_or(&[]);
        Ok(MsgContainer { items, base, count })
    }
}

crate::support::type_entry_points!(MsgContainer<'a>, "msg_container");

fn read_message<'a>(
    r: &mut Reader<'a>,
    limits: &Limits,
    depth: u32,
) -> Result<ContainerMessage<'a>> {
    let msg_id = r.read_long()?;
    let seqno = r.read_int()?;
    let at = r.offset();
    let declared = r.read_int()?;
    let len = usize::try_from(declared)
        .map_err(|_| Error::new(ErrorKind::InvalidLength { value: declared }, at))?;
    let body_at = r.offset();
    let body_bytes = r.take(len, Item::Object)?;
    let mut inner = Reader::with_base(body_bytes, body_at);
    // The body is nested under the container and its (bare) message, as the
    // walker and the dynamic view count it.
    let body = Object::read_at_depth(&mut inner, Expect::Any, limits, depth)?;
    if !inner.is_empty() {
        return Err(Error::new(
            ErrorKind::LengthMismatch {
                declared: count32(len),
                actual: count32(len.saturating_sub(inner.remaining())),
            },
            inner.offset(),
        ));
    }
    Ok(ContainerMessage {
        msg_id,
        seqno,
        body,
    })
}

/// `name { field: value, … }`, as a generated view's `Debug`.
impl fmt::Debug for RpcError<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::support::debug_ctor(f, id::RPC_ERROR, |d| {
            d.field("error_code", &self.error_code)
                .field("error_message", &self.error_message);
        })
    }
}

/// The result is shown as its bytes (hex): its type depends on the request.
impl fmt::Debug for RpcResult<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::support::debug_ctor(f, id::RPC_RESULT, |d| {
            d.field("req_msg_id", &self.req_msg_id)
                .field("result", &Hex(self.result));
        })
    }
}

impl fmt::Debug for GzipPacked<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::support::debug_ctor(f, id::GZIP_PACKED, |d| {
            d.field("packed_data", &Hex(self.packed_data));
        })
    }
}

impl fmt::Debug for MsgContainer<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::support::debug_ctor(f, id::MSG_CONTAINER, |d| {
            d.field("messages", &Messages(*self));
        })
    }
}

/// `message { msg_id, seqno, bytes, body }` (`message` is bare: no id).
impl fmt::Debug for ContainerMessage<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("message")
            .field("msg_id", &self.msg_id)
            .field("seqno", &self.seqno)
            .field("bytes", &self.body.boxed_bytes().len())
            .field("body", &self.body)
            .finish()
    }
}

/// A container's messages, as a list.
struct Messages<'a>(MsgContainer<'a>);

impl fmt::Debug for Messages<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.0.messages()).finish()
    }
}

/// Bytes as the typed printer shows them: `0x…`.
struct Hex<'a>(&'a [u8]);

impl fmt::Debug for Hex<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("0x")?;
        crate::text::write_hex(f, self.0)
    }
}
