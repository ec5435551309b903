//! Hand-written typed views for layer 122: the `Updates` family and what it
//! carries, and the `contacts.acceptContact` request.
//!
//! A typed view validates its bytes once, when it is decoded (nested objects
//! it does not type are validated by the walker), and from then on its
//! accessors and vector iterators cannot fail. Strings and bytes borrow the
//! input.
//!
//! Structs are named for the TL constructor in UpperCamelCase and live in
//! [`types`]; enums are named for the TL type and live here, with one variant
//! per constructor keeping the constructor's full name.

pub mod contacts;
pub mod message;
pub mod peer;
mod short;
pub mod updates;

pub use contacts::{AcceptContact, AcceptContactError, AcceptContactReply, InputPeer, InputUser};
pub use message::{MessageEntity, MessageFwdHeader, MessageMedia, MessageReplyHeader};
pub use peer::{Chat, Peer, User};
pub use updates::{Update, Updates};

/// The constructor structs, named for their TL constructors (the types'
/// enums are in [`api`](crate::api): [`api::User`](crate::api::User) holds
/// a [`types::User`]).
pub mod types {
    pub use super::message::{MessageFwdHeader, MessageReplyHeader};
    pub use super::peer::ctor::{Channel, Chat, User};
    pub use super::updates::ctor::Updates;
    pub use super::updates::{
        UpdateShort, UpdateShortChatMessage, UpdateShortMessage, UpdateShortSentMessage,
        UpdatesCombined,
    };
}

#[allow(unused_imports)]
pub(crate) use crate::support::*;
pub use crate::support::{Ctx, Decode};
