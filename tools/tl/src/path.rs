//! Where in a TL object `tl` is: the path of fields and vector indices that
//! `dump` and `encode` put in front of an error
//! (`updates[3].message.entities[0].length`).

use std::fmt::Write;

/// One step of a path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Seg<'n> {
    /// A field, by its schema name.
    Field(&'n str),
    /// An element of a vector.
    Index(usize),
}

/// The path as text: fields joined by `.`, indices as `[i]`.
///
/// ```
/// use tltool::path::{text, Seg};
/// let p = [Seg::Field("updates"), Seg::Index(3), Seg::Field("message")];
/// assert_eq!(text(&p), "updates[3].message");
/// ```
pub fn text(path: &[Seg<'_>]) -> String {
    let mut s = String::new();
    for seg in path {
        match seg {
            Seg::Field(name) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(name);
            }
            Seg::Index(i) => {
                let _ = write!(s, "[{i}]");
            }
        }
    }
    s
}
