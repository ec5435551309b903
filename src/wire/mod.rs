//! The primitives: reading and writing every TL value (`Reader`, `Writer`,
//! `Sink`), flags, strings, lazy vectors, errors and limits. Nothing here
//! knows the schema, except that error messages name constructors and types
//! from its table. The crate root re-exports each module.

pub mod cursor;
pub mod error;
pub mod flags;
pub mod limits;
pub mod reader;
pub mod sink;
pub mod string;
pub(crate) mod text;
pub mod vector;
pub mod writer;
