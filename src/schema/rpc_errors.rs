//! The RPC errors of the API, typed: what a server's `rpc_error` means.
//!
//! A request that fails comes back as `rpc_error error_code:int
//! error_message:string` ([`RpcError`](crate::mtproto::RpcError)). The
//! message names the error (`PEER_ID_INVALID`) and sometimes carries a
//! number (`FLOOD_WAIT_42`: wait 42 seconds; `PHONE_MIGRATE_2`: go to data
//! centre 2). [`RpcErrorKind`] is that error typed: a variant per error of
//! the API's error list, its number in a named field
//! ([`RpcErrorKind::FloodWait`]` { seconds }`, `PhoneMigrate { dc }`), and
//! [`RpcErrorKind::Unknown`] for anything else, keeping the code and the
//! message as the server sent them, so nothing is lost.
//!
//! ```
//! use tlview::mtproto::RpcError;
//! use tlview::rpc_errors::{RpcErrorKind, RpcErrorName};
//!
//! // rpc_error { error_code: 420, error_message: "FLOOD_WAIT_42" }
//! let mut bytes = Vec::new();
//! bytes.extend(0x2144ca19u32.to_le_bytes());
//! bytes.extend(420i32.to_le_bytes());
//! bytes.extend(b"\x0dFLOOD_WAIT_42\0\0");
//!
//! let kind = RpcError::decode(&bytes)?.kind();
//! assert_eq!(kind, RpcErrorKind::FloodWait { seconds: 42 });
//! assert_eq!((kind.name(), kind.code(), kind.number()), ("FLOOD_WAIT_X", 420, Some(42)));
//! assert_eq!(kind.known(), Some(RpcErrorName::FloodWait));
//! # #[cfg(feature = "names")]
//! assert_eq!(kind.to_string(), "420 FLOOD_WAIT_42: A wait of 42 seconds is required");
//!
//! // The same from a code and the message's bytes:
//! assert_eq!(RpcErrorKind::parse(303, b"PHONE_MIGRATE_2"), RpcErrorKind::PhoneMigrate { dc: 2 });
//! // Not in the list, or not with this code: kept as it came.
//! let other = RpcErrorKind::parse(400, b"SOMETHING_NEW");
//! assert!(matches!(other, RpcErrorKind::Unknown { code: 400, message } if message.as_bytes() == b"SOMETHING_NEW"));
//! # Ok::<(), tlview::Error>(())
//! ```
//!
//! # What is known, and how a message is matched
//!
//! The list is the `raw-errors.json` of the npm package `@mtcute/tl`
//! 223.0.0 (MIT), vendored in the repository's `schema/errors/` with its
//! checksums; `tl gen` generates the enums and tables from it. It has 552
//! errors, 17 of them with a number, and the errors of 261 of layer 122's
//! combinators ([`errors_of`]).
//!
//! A message is a listed error when it is the error's name exactly, its
//! number (if it has one) written in plain decimal (no sign, no leading
//! zero, at most `u32::MAX`), **and** the code is the list's. A name the list
//! gives as it is wins over a numbered one it also matches: the list has
//! both `FILE_PART_0_MISSING` and `FILE_PART_X_MISSING`, so
//! `FILE_PART_0_MISSING` is [`RpcErrorKind::FilePart0Missing`]. Anything else,
//! a known name with another code included, is [`RpcErrorKind::Unknown`]:
//! so a listed variant always gives back the code and message that came
//! ([`RpcErrorKind::message`]). Parsing never fails, never panics and
//! never allocates; it costs a binary search over the names and, when that
//! misses, a check against each of the 17 numbered errors.
//!
//! # Flash
//!
//! The names are needed to match messages, so they are always there, but
//! they are linked only into a program that parses. The descriptions are
//! text for people, about twice the names' size, so they come with the
//! `names` feature, like the layer's other names: without it,
//! `description()` does not exist and `Display` writes the code and the
//! message alone. The per-function lists are linked only when
//! [`errors_of`] is called. The repository's `examples/firmware/README.md`
//! gives what each costs on a Cortex-M4F.

use core::fmt;

use crate::string::TlStr;

pub use super::errors::{RpcErrorKind, RpcErrorName};
use super::errors::{
    CODES, METHOD_ERRORS, METHOD_IDS, METHOD_STARTS, NAME_POOL, NAME_STARTS, NUMBERED,
};
#[cfg(feature = "names")]
use super::errors::{DESCRIPTION_POOL, DESCRIPTION_STARTS};

/// The text `index` of a pool: from its start to the next one's.
fn pooled(pool: &'static str, starts: &[u16], index: usize) -> &'static str {
    match (starts.get(index), starts.get(index.wrapping_add(1))) {
        (Some(&a), Some(&b)) => pool.get(usize::from(a)..usize::from(b)).unwrap_or(""),
        _ => "",
    }
}

/// A number as a message carries it: plain decimal digits, no sign, no
/// leading zero (but `0` itself), at most `u32::MAX`.
fn number(digits: &[u8]) -> Option<u32> {
    if digits.len() > 1 && digits.first() == Some(&b'0') {
        return None;
    }
    if digits.is_empty() {
        return None;
    }
    let mut n: u32 = 0;
    for &d in digits {
        if !d.is_ascii_digit() {
            return None;
        }
        n = n.checked_mul(10)?.checked_add(u32::from(d - b'0'))?;
    }
    Some(n)
}

/// The listed error a message names, and its number (0 without one); the
/// code is not looked at.
fn lookup(message: &[u8]) -> Option<(RpcErrorName, u32)> {
    // The names are in byte order, `X` where a number goes: a message that
    // is a name exactly is found by a binary search.
    if let Ok(i) = RpcErrorName::ALL.binary_search_by(|e| e.name().as_bytes().cmp(message)) {
        let e = *RpcErrorName::ALL.get(i)?;
        if e.number_at().is_none() {
            return Some((e, 0));
        }
    }
    NUMBERED.iter().find_map(|&(e, at, _)| {
        let name = e.name().as_bytes();
        let (prefix, suffix) = (
            name.get(..usize::from(at))?,
            name.get(usize::from(at) + 1..)?,
        );
        let digits = message.strip_prefix(prefix)?.strip_suffix(suffix)?;
        Some((e, number(digits)?))
    })
}

impl RpcErrorName {
    /// Its name as the list writes it, `X` where the number goes
    /// (`FLOOD_WAIT_X`, `PEER_ID_INVALID`).
    pub fn name(self) -> &'static str {
        pooled(NAME_POOL, &NAME_STARTS, self as usize)
    }

    /// Its error code as the list gives it (400, 420, 303, …; a few
    /// internal errors are negative).
    pub fn code(self) -> i32 {
        CODES.get(self as usize).map_or(0, |&c| i32::from(c))
    }

    /// What the list says it means, as the list writes it: `%d` stands for
    /// the number, a few hold Markdown links, and 11 errors have none (an
    /// empty string).
    #[cfg(feature = "names")]
    pub fn description(self) -> &'static str {
        pooled(DESCRIPTION_POOL, &DESCRIPTION_STARTS, self as usize)
    }

    /// The name of the field that holds its number (`seconds` for
    /// `FLOOD_WAIT_X`, `dc` for `PHONE_MIGRATE_X`); `None` for an error
    /// without a number.
    pub fn number_field(self) -> Option<&'static str> {
        NUMBERED
            .iter()
            .find(|&&(e, _, _)| e == self)
            .map(|&(_, _, field)| field)
    }

    /// The byte offset of the `X` in its name, for an error with a number.
    fn number_at(self) -> Option<u8> {
        NUMBERED
            .iter()
            .find(|&&(e, _, _)| e == self)
            .map(|&(_, at, _)| at)
    }

    /// The error of the list with this name (`FLOOD_WAIT_X`, as
    /// [`RpcErrorName::name`] writes it).
    pub fn from_name(name: &str) -> Option<RpcErrorName> {
        let i = RpcErrorName::ALL
            .binary_search_by(|e| e.name().cmp(name))
            .ok()?;
        RpcErrorName::ALL.get(i).copied()
    }
}

impl<'a> RpcErrorKind<'a> {
    /// Types an error from its code and message. Never fails: what the list
    /// does not have is [`RpcErrorKind::Unknown`], borrowing `message`.
    pub fn parse(code: i32, message: &'a [u8]) -> RpcErrorKind<'a> {
        match lookup(message) {
            Some((e, n)) if e.code() == code => RpcErrorKind::listed(e, n),
            _ => RpcErrorKind::Unknown {
                code,
                message: TlStr::new(message),
            },
        }
    }

    /// Its name as the list writes it (`FLOOD_WAIT_X`); empty for
    /// [`RpcErrorKind::Unknown`], whose message is in the variant.
    pub fn name(&self) -> &'static str {
        self.known().map_or("", RpcErrorName::name)
    }

    /// Its error code (the server's: for a listed error, also the list's).
    pub fn code(&self) -> i32 {
        match self {
            RpcErrorKind::Unknown { code, .. } => *code,
            _ => self.known().map_or(0, RpcErrorName::code),
        }
    }

    /// What the list says it means (see [`RpcErrorName::description`]);
    /// empty for [`RpcErrorKind::Unknown`].
    #[cfg(feature = "names")]
    pub fn description(&self) -> &'static str {
        self.known().map_or("", RpcErrorName::description)
    }

    /// The message as the server sent it: rebuilt from the name and the
    /// number for a listed error (the same bytes: see the module's docs),
    /// borrowed for an unknown one.
    pub fn message(&self) -> RpcMessage<'a> {
        if let RpcErrorKind::Unknown { message, .. } = self {
            return RpcMessage::Raw(*message);
        }
        // Every other variant is a listed error.
        let n = self.number().unwrap_or(0);
        self.known().map_or(RpcMessage::Raw(TlStr::new(b"")), |e| {
            RpcMessage::Listed(e, n)
        })
    }
}

/// `420 FLOOD_WAIT_42`, and with the `names` feature the description, its
/// `%d` replaced by the number: `420 FLOOD_WAIT_42: A wait of 42 seconds is
/// required`.
impl fmt::Display for RpcErrorKind<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.code(), self.message())?;
        #[cfg(feature = "names")]
        {
            let d = self.description();
            if !d.is_empty() {
                f.write_str(": ")?;
                match (d.split_once("%d"), self.number()) {
                    (Some((before, after)), Some(n)) => write!(f, "{before}{n}{after}")?,
                    _ => f.write_str(d)?,
                }
            }
        }
        Ok(())
    }
}

impl core::error::Error for RpcErrorKind<'_> {}

/// The message of an [`RpcErrorKind`], as the server sent it
/// ([`RpcErrorKind::message`]). `Display` writes it (an invalid UTF-8
/// sequence of an unknown one as U+FFFD); [`RpcMessage::is`] compares it
/// with bytes without writing it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum RpcMessage<'a> {
    /// A listed error and its number (0 for one without).
    Listed(RpcErrorName, u32),
    /// An unknown error's message, borrowed.
    Raw(TlStr<'a>),
}

impl RpcMessage<'_> {
    /// Whether the message is exactly `bytes`.
    pub fn is(&self, bytes: &[u8]) -> bool {
        match self {
            RpcMessage::Raw(m) => m.as_bytes() == bytes,
            RpcMessage::Listed(e, n) => lookup(bytes) == Some((*e, *n)),
        }
    }
}

impl fmt::Display for RpcMessage<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RpcMessage::Raw(m) => m.fmt(f),
            RpcMessage::Listed(e, n) => {
                let name = e.name();
                match e.number_at().map(usize::from) {
                    Some(at) => write!(
                        f,
                        "{}{n}{}",
                        name.get(..at).unwrap_or(""),
                        name.get(at + 1..).unwrap_or("")
                    ),
                    None => f.write_str(name),
                }
            }
        }
    }
}

/// The errors the list gives for a combinator (`contacts.acceptContact`'s
/// three for [`id::CONTACTS_ACCEPT_CONTACT`](crate::schema::id::CONTACTS_ACCEPT_CONTACT)),
/// in the list's order; empty for a combinator the list says nothing of.
///
/// The combinators are the functions of layer 122 and of MTProto, and the
/// MTProto messages a client sends (`msgs_ack`, `msg_container`, …). The
/// list is not exhaustive: a function can return errors it does not give
/// (`FLOOD_WAIT_X`, above all), and does not say which of its errors a
/// server of layer 122 could send.
///
/// ```
/// use tlview::rpc_errors::{errors_of, RpcErrorName};
/// use tlview::schema::id;
/// assert_eq!(
///     errors_of(id::CONTACTS_ACCEPT_CONTACT),
///     [RpcErrorName::ContactAddMissing, RpcErrorName::ContactIdInvalid, RpcErrorName::ContactReqMissing]
/// );
/// assert!(errors_of(id::MESSAGES_SEND_MESSAGE).contains(&RpcErrorName::PeerIdInvalid));
/// assert!(errors_of(0x12345678).is_empty());
/// ```
pub fn errors_of(id: u32) -> &'static [RpcErrorName] {
    let Ok(i) = METHOD_IDS.binary_search(&id) else {
        return &[];
    };
    match (METHOD_STARTS.get(i), METHOD_STARTS.get(i + 1)) {
        (Some(&a), Some(&b)) => METHOD_ERRORS
            .get(usize::from(a)..usize::from(b))
            .unwrap_or(&[]),
        _ => &[],
    }
}

/// As [`errors_of`], by the combinator's schema name
/// (`contacts.acceptContact`); empty for a name the layer does not have.
/// A linear search over the layer's names.
#[cfg(feature = "names")]
pub fn errors_of_name(name: &str) -> &'static [RpcErrorName] {
    match super::combinators().find(|&(i, _)| super::constructor_name(i) == name) {
        Some((_, c)) => errors_of(c.id),
        None => &[],
    }
}
