//! Zero-copy, allocation-free reading and writing of Telegram's TL (Type
//! Language) binary format, layer 122, for firmware (`no_std`, a few KiB of
//! stack) and WASM clients.
//!
//! You hand tlview the bytes of a server message; it validates them once
//! against the whole layer and gives back a typed view whose strings and
//! byte strings point into your buffer. Nothing is copied, nothing is
//! allocated, and no input can make it panic: every byte sequence gets a
//! value or an [`Error`] that says what was wrong and at which byte.
//!
//! This page is the guide:
//!
//! 1. [Reading a server message](#reading-a-server-message)
//! 2. [Typed and dynamic views](#typed-and-dynamic-views)
//! 3. [Encoding a request and decoding its reply](#encoding-a-request-and-decoding-its-reply)
//! 4. [RPC errors](#rpc-errors)
//! 5. [Errors and limits](#errors-and-limits)
//! 6. [`no_std` and firmware](#no_std-and-firmware)
//! 7. [Features](#features)
//!
//! # Reading a server message
//!
//! Servers push [`enums::Updates`]. Decode it, then match on what you
//! expect: every constructor of layer 122 has a generated view
//! ([`types`]), every type an enum of them ([`enums`]), with accessors
//! named after the schema's fields.
//!
//! ```
//! use tlview::enums::{Message, MessageEntity, Peer, Update, Updates, User};
//! # // An `updates` message with one `updateNewMessage` and one user, built
//! # // with tlview's own writer (a client gets these bytes from the network).
//! # use tlview::{Flags, SliceSink, Writer};
//! # let mut buf = [0u8; 256];
//! # let mut w = Writer::new(SliceSink::new(&mut buf));
//! # w.write_id(0x74ae4240)?;                          // updates
//! # w.write_vector_len(1)?;         // updates: Vector<Update>
//! # w.write_id(0x1f2b0afd)?;                          // updateNewMessage
//! # w.write_id(0x58ae39c9)?;                          // message
//! # w.write_flags(Flags::new().with(7, true).with(8, true))?; // entities, from_id
//! # w.write_int(42)?;                                  // id
//! # w.write_id(0x9db1bc6d)?; w.write_int(1000)?;      // from_id: peerUser
//! # w.write_id(0x9db1bc6d)?; w.write_int(2000)?;      // peer_id: peerUser
//! # w.write_int(1_600_000_000)?;                       // date
//! # w.write_string(b"hello world")?;                   // message
//! # w.write_vector_len(1)?;         // entities
//! # w.write_id(0xbd610bc9)?; w.write_int(0)?; w.write_int(5)?; // messageEntityBold
//! # w.write_int(7)?; w.write_int(1)?;                  // pts, pts_count
//! # w.write_vector_len(1)?;         // users: Vector<User>
//! # w.write_id(0x938458c1)?;                          // user
//! # w.write_flags(Flags::new().with(1, true))?;        // first_name
//! # w.write_int(1000)?; w.write_string(b"Ada")?;
//! # w.write_vector_len(0)?;         // chats
//! # w.write_int(1_600_000_001)?; w.write_int(3)?;      // date, seq
//! # let n = w.finish();
//! # let bytes = &buf[..n];
//! // Validates the whole message once; no accessor can fail after this.
//! let Updates::Updates(updates) = Updates::decode(bytes)? else {
//!     return Ok(()); // updateShort, updatesTooLong, ...: the other forms
//! };
//! # let mut seen = 0;
//! for update in updates.updates() {
//!     let Update::NewMessage(new) = update else { continue };
//!     let Message::Message(m) = new.message() else { continue };
//!     # seen += 1;
//!     assert_eq!(m.id(), 42);
//!     assert!(matches!(m.from_id(), Some(Peer::User(p)) if p.user_id() == 1000));
//!     assert_eq!(m.message().to_str(), Ok("hello world")); // borrowed from `bytes`
//!     for e in m.entities().into_iter().flatten() {
//!         assert!(matches!(e, MessageEntity::Bold(_)));
//!         assert_eq!((e.offset(), e.length()), (0, 5));
//!     }
//! }
//! for user in updates.users() {
//!     if let User::User(u) = user {
//!         assert_eq!((u.id(), u.first_name().map(|s| s.as_bytes())), (1000, Some(&b"Ada"[..])));
//!         # seen += 1;
//!     }
//! }
//! # assert_eq!(seen, 2);
//! # Ok::<(), tlview::Error>(())
//! ```
//!
//! - Each accessor returns the field's natural type: `int` → `i32`, `long`
//!   → `i64`, `string` → [`TlStr`] (UTF-8 checked only when you ask:
//!   [`TlStr::to_str`]), `bytes` → `&[u8]`, `flags.N?true` → `bool`,
//!   `flags.N?T` → `Option<T>`, `Vector<T>` → a lazy [`Vector`], a nested
//!   object → its type's enum.
//! - An accessor goes straight to its field. To read most fields of an
//!   object, `read()` reads all of them in one pass into a plain struct
//!   (`types::MessageFields`).
//! - [`Updates`] at the crate root is a hand-written view of the same seven
//!   constructors, with straight-line fast paths for the short forms.
//!
//! # Typed and dynamic views
//!
//! Every validated object also has a dynamic view, [`Object`]: its
//! constructor and its fields as [`Value`]s, for code that handles any
//! constructor (logging, proxies, tests). With `names`, `json::Json` and
//! the typed views' `Display` print TL JSON, the canonical JSON form other
//! implementations are compared through.
//!
//! ```
//! use tlview::{enums::Updates, object::Object, types, walk::Expect, Value};
//! // updateShort { update: updateUserStatus { user_id: 5, status: userStatusOnline { expires: 9 } }, date: 7 }
//! let bytes: Vec<u8> = [0x78d4dec1u32, 0x1bfbd823, 5, 0xedb93949, 9, 7]
//!     .iter().flat_map(|w| w.to_le_bytes()).collect();
//!
//! let any = Object::decode(&bytes, Expect::Any)?;
//! # #[cfg(feature = "names")] {
//! assert_eq!(any.name(), "updateShort");
//! assert!(matches!(any.field("date"), Some(Value::Int(7))));
//! assert_eq!(
//!     tlview::json::Json(any).to_string(),
//!     r#"{"_":"updateShort","update":{"_":"updateUserStatus","user_id":5,"status":{"_":"userStatusOnline","expires":9}},"date":7}"#
//! );
//! # }
//! // From the dynamic view to the typed one, without validating again:
//! let short = types::UpdateShort::try_from(any)?;
//! assert_eq!(short.date(), 7);
//! // And back:
//! assert_eq!(short.object().id(), types::UpdateShort::ID);
//! # let _ = Updates::decode(&bytes)?;
//! # Ok::<(), tlview::Error>(())
//! ```
//!
//! Prefer the typed views: a misspelt accessor does not compile, where a
//! misspelt `Object::field` name is a silent `None`; and they need no name
//! table, so they work without the `names` feature.
//!
//! # Encoding a request and decoding its reply
//!
//! [`AcceptContact`] is the typed request for `contacts.acceptContact`. It
//! knows its exact size before writing and writes into any [`Sink`] (a
//! slice, a `heapless::Vec`, or with the `alloc` feature a `Vec<u8>`). Its
//! reply comes back in an `rpc_result`, holding either `Updates` or an
//! `rpc_error`, which [`AcceptContactError`] names.
//!
//! ```
//! use tlview::{AcceptContact, AcceptContactError, AcceptContactReply, InputUser};
//!
//! let req = AcceptContact { id: InputUser::InputUser { user_id: 777, access_hash: -5 } };
//! let mut buf = [0u8; 64];
//! assert_eq!(req.encoded_len(), 20);
//! let n = req.encode_to_slice(&mut buf)?;
//! let _request = &buf[..n]; // hand it to your MTProto transport
//!
//! // The server refused: rpc_error { error_code: 400, error_message: "CONTACT_ID_INVALID" }
//! let mut reply = Vec::new();
//! reply.extend(0x2144ca19u32.to_le_bytes());
//! reply.extend(400i32.to_le_bytes());
//! reply.extend(b"\x12CONTACT_ID_INVALID\0");
//! match AcceptContact::decode_reply(&reply)? {
//!     AcceptContactReply::Updates(_updates) => { /* accepted */ }
//!     AcceptContactReply::Error(e) => {
//!         assert_eq!(e, AcceptContactError::ContactIdInvalid);
//!         assert_eq!(e.code(), 400);
//!         assert_eq!(e.description(), "The provided contact ID is invalid");
//!     }
//! }
//! # Ok::<(), tlview::Error>(())
//! ```
//!
//! Any other request can be written field by field with [`Writer`], which
//! writes every TL primitive (`write_int`, `write_long`, `write_string`,
//! `write_flags`, vectors ...) and never allocates.
//!
//! # RPC errors
//!
//! Any request can fail with an `rpc_error` ([`mtproto::RpcError`]).
//! [`RpcErrorKind`] types it from the API's error list (552 errors, in
//! [`rpc_errors`]): a variant per error, the number some messages carry in
//! a named field (`FLOOD_WAIT_42` → `FloodWait { seconds: 42 }`,
//! `PHONE_MIGRATE_2` → `PhoneMigrate { dc: 2 }`), and anything the list does
//! not have kept as `Unknown { code, message }`, borrowed. Parsing never
//! fails and never allocates. [`rpc_errors::errors_of`] gives the errors the
//! list documents for a function.
//!
//! ```
//! use tlview::{mtproto::RpcError, RpcErrorKind};
//!
//! // rpc_error { error_code: 420, error_message: "FLOOD_WAIT_17" }, as a server sends it
//! let bytes = [
//!     0x19, 0xca, 0x44, 0x21, // rpc_error
//!     0xa4, 0x01, 0x00, 0x00, // error_code: 420
//!     13, b'F', b'L', b'O', b'O', b'D', b'_', b'W', b'A', b'I', b'T', b'_', b'1', b'7', 0, 0,
//! ];
//! match RpcError::decode(&bytes)?.kind() {
//!     RpcErrorKind::FloodWait { seconds } => assert_eq!(seconds, 17), // retry later
//!     RpcErrorKind::Unknown { code, message } => panic!("{code} {message}"),
//!     other => panic!("{other}"),
//! }
//! # let kind = RpcError::decode(&bytes)?.kind();
//! # assert_eq!((kind.name(), kind.code()), ("FLOOD_WAIT_X", 420));
//! # Ok::<(), tlview::Error>(())
//! ```
//!
//! # Errors and limits
//!
//! [`Error`] is small and `Copy`: an [`ErrorKind`] (what was wrong) and the
//! byte offset where it was found. `Display` writes a sentence a person can
//! act on.
//!
//! ```
//! use tlview::{enums::Updates, ErrorKind, Item};
//! // updateShort cut short: the update's id is there, its fields are not.
//! let bytes = [0xc1, 0xde, 0xd4, 0x78, 0x23, 0xd8, 0xfb, 0x1b, 5, 0];
//! let e = Updates::decode(&bytes).unwrap_err();
//! assert_eq!(e.offset(), 8);
//! assert!(matches!(e.kind(), ErrorKind::UnexpectedEnd { what: Item::Int, .. }));
//! assert_eq!(e.to_string(), "int runs past the end of input at byte 8: needs 4 bytes, 2 left");
//! ```
//!
//! - `decode` must consume the whole input (anything left over is
//!   [`ErrorKind::TrailingBytes`]); `decode_prefix` returns the value and
//!   the bytes after it; `decode_with` takes your [`Limits`].
//! - Only the canonical encoding is accepted, so re-encoding what tlview
//!   accepts gives back the same bytes.
//! - [`Limits`] bounds nesting depth (64 by default, at most 128) and
//!   `gzip_packed` output. Vector counts and string lengths are checked
//!   against the bytes left before any loop. Validation keeps its own
//!   bounded stack: no recursion that input controls.
//!
//! # `no_std` and firmware
//!
//! The crate is `#![no_std]` and never allocates; `#![forbid(unsafe_code)]`.
//! Build it with `default-features = false` for the smallest flash: the
//! typed views and validation of the whole layer still work, without the
//! name tables (`names`), the request rows (`functions`) or the generated
//! straight-line validators (`fast`). `examples/firmware` in the repository
//! runs on a Cortex-M4F under QEMU in 16 KiB of stack; `examples/wasm` is a
//! WebAssembly module with no allocator.
//!
//! ```
//! // What firmware does: decode into a view on the stack, read, drop.
//! fn on_message(bytes: &[u8]) -> Result<i32, tlview::Error> {
//!     match tlview::enums::Updates::decode(bytes)? {
//!         tlview::enums::Updates::UpdateShort(u) => Ok(u.date()),
//!         _ => Ok(0),
//!     }
//! }
//! let bytes: Vec<u8> = [0x78d4dec1u32, 0x1bfbd823, 5, 0xedb93949, 9, 7]
//!     .iter().flat_map(|w| w.to_le_bytes()).collect();
//! assert_eq!(on_message(&bytes)?, 7);
//! # Ok::<(), tlview::Error>(())
//! ```
//!
//! # Features
//!
//! | feature | default | what it adds |
//! |---|---|---|
//! | `names` | on | constructor, type and field names: TL JSON, `Object::field`, names in errors and `Debug`; the RPC errors' descriptions |
//! | `functions` | on | the function combinators (requests) in the walker, the dynamic view, and the `functions` views |
//! | `fast` | on | straight-line validators generated from the schema for the hot constructors (messages, users, chats, common updates); same results as the table walker, faster |
//! | `fast-all` | off | the same for every combinator that can have one: more code, no slow path |
//! | `alloc` | off | [`Sink`] for `Vec<u8>` |
//! | `std` | off | implies `alloc` |
//! | `gzip` | off | bounded `gzip_packed` unpacking into your buffer, no heap |
//!
//! An item that needs a feature says so in these docs. The repository's
//! README, `ARCHITECTURE.md` and `BENCHMARKS.md` give the layers, the
//! figures and how they are measured.
#![cfg_attr(not(test), no_std)]
// docs.rs (`--cfg docsrs`, nightly) marks each item with the features it needs.
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![cfg_attr(
    not(test),
    warn(
        clippy::indexing_slicing,
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::std_instead_of_core,
        clippy::alloc_instead_of_core
    )
)]

#[cfg(feature = "alloc")]
extern crate alloc;

// The layers, lowest first (ARCHITECTURE.md; `tests/layers.rs` checks that
// none uses one above it). Their modules are re-exported at the root, where
// the public paths (`tlview::reader`, `tlview::walk`, ...) have always been.
mod wire;
pub(crate) use wire::text;
pub use wire::{cursor, error, flags, limits, reader, sink, string, vector, writer};

pub mod schema;
pub(crate) use schema::fast;
pub use schema::rpc_errors;

mod dynamic;
#[cfg(feature = "names")]
pub use dynamic::json;
/// Layer 230 beside layer 122 (the `layer230` feature): its tables, the
/// walker over them, its straight-line validators and its generated typed
/// views.
///
/// Layer 230 is the newest public layer (`schema/layer230/`, vendored from
/// grammers-tl-types 0.11.0). `tl gen --module layer230` generates its
/// table, names, views and validators with the same generator and in the
/// same form as layer 122's; the walker is the same code, compiled over its
/// table and handing objects to its validators (the hot list
/// `schema/hot230.txt` under `fast`, every combinator under `fast-all`), and
/// gives the same guarantees: no panic, no recursion, every error with its
/// byte offset. The dynamic view reads it too ([`layer230::object`],
/// [`Object::decode_in`] with [`Layer::L230`]), with its names and TL JSON
/// under the `names` feature.
///
/// Its typed views are [`layer230::types`] (a view per constructor),
/// [`layer230::enums`] (an enum per type) and, with `functions`,
/// `layer230::functions`, read as the crate root's are (see [`view`]):
/// `decode` validates once, accessors cannot fail, `read()` reads every
/// field in one pass, `Display` prints TL JSON in layer 230's names, and
/// `decode` takes the type's straight-line validator where it has one. Its
/// forms, [`layer230::build`], encode as the crate root's [`build`] do (the
/// flags words computed, `flags2` included). Not there yet: the
/// hand-written `Updates` family and `AcceptContact` encoder (its generated
/// form, `layer230::build::functions::contacts::AcceptContact`, is).
///
/// Type and constructor indices ([`walk::Expect::Type`],
/// [`walk::Expect::Bare`], [`layer230::ty`]) are this layer's own. A wrong
/// type is reported as [`ErrorKind::WrongTypeInLayer`], which says so.
///
/// ```
/// use tlview::layer230::{self, enums, id, ty};
/// use tlview::walk::Expect;
/// use tlview::Limits;
/// // updateShort#78d4dec1 update:Update date:int, holding
/// // updateUserStatus#e5bdf8de user_id:long status:UserStatus, whose
/// // user_id is a long in layer 230 (an int in layer 122).
/// let mut b = Vec::new();
/// for w in [id::UPDATE_SHORT, id::UPDATE_USER_STATUS, 5, 0, id::USER_STATUS_ONLINE, 9, 7] {
///     b.extend(w.to_le_bytes());
/// }
/// assert_eq!(layer230::walk(&b, Expect::Type(ty::UPDATES), &Limits::DEFAULT), Ok(28));
/// let enums::Updates::UpdateShort(short) = enums::Updates::decode(&b).unwrap() else {
///     panic!("not an updateShort");
/// };
/// let enums::Update::UserStatus(status) = short.update() else {
///     panic!("not an updateUserStatus");
/// };
/// assert_eq!(status.user_id(), 5i64);
/// assert_eq!(short.date(), 7);
/// # #[cfg(feature = "names")]
/// assert_eq!(
///     short.to_string(),
///     r#"{"_":"updateShort","update":{"_":"updateUserStatus","user_id":"5","status":{"_":"userStatusOnline","expires":9}},"date":7}"#
/// );
/// ```
#[cfg(feature = "layer230")]
pub mod layer230 {
    pub use crate::dynamic::layer230::*;
    /// The forms of layer 230: a value per constructor and function that
    /// encodes itself, as the crate root's [`crate::build`] for layer 122.
    pub use crate::schema::forms230 as build;
    #[cfg(feature = "functions")]
    pub use crate::schema::views230::functions;
    #[doc(hidden)]
    pub use crate::schema::views230::reread;
    pub use crate::schema::views230::{enums, types};
}

/// Layer 122, the crate root's layer, under the names `tlview::layer230` uses:
/// its table, walker, dynamic view, typed views and forms. The crate root
/// re-exports the same items (`tlview::enums` is `tlview::layer122::enums`),
/// so existing code does not change; code written against
/// `tlview::layer122::…` reads layer 230 by naming `layer230` instead.
/// Layer 122 is always built (the crate root's API is made of it); there is
/// no feature that leaves it out.
///
/// ```
/// # use tlview::walk::Expect;
/// # use tlview::Limits;
/// // The same code over either layer: only the module's name changes.
/// macro_rules! status_of {
///     ($layer:ident, $bytes:expr) => {{
///         use tlview::$layer::{self as l, enums};
///         assert!(l::walk($bytes, Expect::Type(l::ty::UPDATES), &Limits::DEFAULT).is_ok());
///         let enums::Updates::UpdateShort(short) = enums::Updates::decode($bytes).unwrap() else {
///             panic!("not an updateShort");
///         };
///         let enums::Update::UserStatus(status) = short.update() else {
///             panic!("not an updateUserStatus");
///         };
///         (i64::from(status.user_id()), short.date())
///     }};
/// }
/// use tlview::layer122::id;
/// // updateShort { updateUserStatus user_id:int status:userStatusOnline } date
/// let mut b = Vec::new();
/// for w in [id::UPDATE_SHORT, id::UPDATE_USER_STATUS, 5, id::USER_STATUS_ONLINE, 9, 7] {
///     b.extend(w.to_le_bytes());
/// }
/// assert_eq!(status_of!(layer122, &b), (5, 7));
/// # #[cfg(feature = "layer230")]
/// # {
/// // Layer 230's user_id is a long: one more word.
/// use tlview::layer230::id as id230;
/// let mut b = Vec::new();
/// for w in [id230::UPDATE_SHORT, id230::UPDATE_USER_STATUS, 5, 0, id230::USER_STATUS_ONLINE, 9, 7] {
///     b.extend(w.to_le_bytes());
/// }
/// assert_eq!(status_of!(layer230, &b), (5, 7));
/// # }
/// ```
pub mod layer122 {
    use crate::walk::Expect;
    use crate::{Object, Result};

    /// The forms of layer 122: a value per constructor and function that
    /// encodes itself (the crate root's [`crate::build`]).
    pub use crate::schema::forms122 as build;
    #[cfg(feature = "functions")]
    pub use crate::schema::views122::functions;
    pub use crate::schema::views122::{enums, types};
    pub use crate::schema::{
        combinators, constructor, constructor_by_id, id, index_of, ty, type_members, COMBINATORS,
        CONSTRUCTORS, FLAGS_WORDS, FUNCTIONS, FUNCTION_OPS, IDS, LAYER, OPS, TYPES, TYPE_MEMBERS,
    };
    #[cfg(feature = "names")]
    pub use crate::schema::{constructor_name, field_name, type_name};
    pub use crate::walk::{walk, walk_exact};

    /// The fields of a combinator of this layer, in schema order
    /// ([`crate::schema::Constructor::ops`]).
    #[inline]
    pub fn ops(c: &crate::schema::Constructor) -> &'static [crate::schema::Op] {
        c.ops()
    }

    /// Validates that `input` is exactly one object of `expect` and views
    /// it: [`Object::decode`].
    #[inline]
    pub fn object(input: &[u8], expect: Expect) -> Result<Object<'_>> {
        Object::decode(input, expect)
    }
}

// The test helpers shared with the integration tests (`testkit/`) name the
// crate `tlview`; the library's own tests include some of them.
#[cfg(test)]
extern crate self as tlview;
pub use dynamic::layers::Layer;
pub use dynamic::{object, walk};

mod typed;
#[cfg(feature = "serde")]
pub use typed::ser;
pub use typed::{encode, view};
pub(crate) use typed::{print, support};

pub mod api;
pub mod mtproto;
#[cfg(feature = "gzip")]
pub use mtproto::gzip;
pub use mtproto::request;

pub use api::{
    AcceptContact, AcceptContactError, AcceptContactReply, InputPeer, InputUser, Updates,
};
pub use error::{Error, ErrorKind, GzipFailure, Item, Result};
pub use flags::Flags;
pub use limits::Limits;
pub use object::{Object, Value};
pub use reader::Reader;
pub use rpc_errors::{RpcErrorKind, RpcErrorName};
pub use sink::{Sink, SizeCounter, SliceSink};
pub use string::TlStr;
pub use vector::{Element, LeF64, LeI32, LeI64, Vector, VectorIter};
pub use writer::Writer;

pub use encode::Encode;
pub use request::{Reply, Request};
/// The forms: a value per constructor and function that encodes itself.
pub use schema::forms122 as build;
#[cfg(feature = "functions")]
pub use schema::views122::functions;
pub use schema::views122::{enums, types};

/// The README's examples, run as doctests so that they stay true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
