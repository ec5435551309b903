//! What the typed views stand on: reads of validated bytes and the entry
//! points of the generated views (`view`), the typed printers behind `Debug`
//! and `Display`, `serde`, and what the hand-written views share
//! (`support`). The generated views themselves are in `crate::schema`.

pub(crate) mod print;
#[cfg(feature = "serde")]
pub mod ser;
pub(crate) mod support;
pub mod view;
