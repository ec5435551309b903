//! What the typed views stand on: reads of validated bytes and the entry
//! points of the generated views (`view`), the typed printers behind `Debug`
//! and `Display`, `serde`, and what the hand-written views share
//! (`support`), and what the generated forms encode with (`encode`). The
//! generated views and forms themselves are in `crate::schema`.

pub mod encode;

pub(crate) mod print;
#[cfg(feature = "serde")]
pub mod ser;
pub(crate) mod support;
pub mod view;
