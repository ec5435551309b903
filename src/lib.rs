#![doc = include_str!("../README.md")]
#![cfg_attr(not(test), no_std)]
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

pub mod api;
pub mod error;
mod fast;
pub mod flags;
#[cfg(feature = "gzip")]
pub mod gzip;
#[cfg(feature = "names")]
pub mod json;
pub mod limits;
pub mod mtproto;
pub mod object;
mod print;
pub mod reader;
pub mod schema;
#[cfg(feature = "serde")]
pub mod ser;
pub mod sink;
pub mod string;
pub mod vector;
pub mod view;
pub mod walk;
pub mod writer;

pub use api::{
    AcceptContact, AcceptContactError, AcceptContactReply, InputPeer, InputUser, Updates,
};
pub use error::{Error, ErrorKind, GzipFailure, Item, Result};
pub use flags::Flags;
pub use limits::Limits;
pub use object::{Object, Value};
pub use reader::Reader;
pub use sink::{Sink, SizeCounter, SliceSink};
pub use string::TlStr;
pub use vector::{Element, LeF64, LeI32, LeI64, Vector, VectorIter};
pub use writer::Writer;

#[cfg(feature = "functions")]
pub use schema::views122::functions;
pub use schema::views122::{enums, types};
