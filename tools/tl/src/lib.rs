//! The tlview schema tool: parses Telegram's `.tl` schema files, checks every
//! constructor id, and generates the tables of `tlview::schema`; and converts
//! between TL binary and TL JSON.
//!
//! - [`parse`]: the `.tl` parser and the id normalization rule;
//! - [`layer`]: ids checked, duplicates merged, names resolved and indexed;
//! - [`gen`]: the generated Rust files;
//! - [`errors`]: the RPC errors of the API from a vendored error list;
//! - [`encode`]: TL JSON → bytes for any combinator, driven by tlview's tables;
//! - [`dump`]: bytes → TL JSON (gzip unpacked, typed views on request);
//! - [`typed`]: TL JSON through tlview's hand-written encoders.
//!
//! The `tl` binary wraps these (`tl dump`, `tl encode`, `tl id`, `tl gen`).
//! `dump`, `encode` and `typed` need the default `convert` feature (they run
//! on tlview); the parser and the generator do not depend on tlview, so that
//! the tables can be regenerated whatever state the checked-in ones are in.

#[cfg(feature = "convert")]
pub mod dump;
#[cfg(feature = "convert")]
pub mod encode;
pub mod errors;
pub mod forms;
pub mod gen;
pub mod layer;
pub mod parse;
pub mod path;
pub mod rustify;
#[cfg(feature = "convert")]
pub mod typed;
pub mod valid;
pub mod views;

use std::path::Path;

/// Reads the schema files, builds the layer and returns the generated files,
/// formatted by rustfmt. Errors are messages ready to print
/// (`file:line: message` for schema errors).
///
/// `hot` is the hot list (see [`valid::parse_hot`]): the combinators whose
/// straight-line validators the `fast` feature compiles. Without one, only
/// the fieldless constructors are hot.
///
/// `errors` is the RPC error list (`raw-errors.json`) and, optionally, the
/// project's overrides of its per-method lists (see [`errors`]); with it,
/// `schema/errors.rs` is generated too.
pub fn generate(
    schemas: &[impl AsRef<Path>],
    hot: Option<&Path>,
    errors: Option<(&Path, Option<&Path>)>,
) -> Result<(layer::Layer, Vec<gen::File>), String> {
    let layer = read_layer(schemas)?;
    let hot = read_hot(&layer, hot)?;
    let errors = match errors {
        Some((list, overrides)) => Some(errors::read(list, overrides).map_err(|e| e.to_string())?),
        None => None,
    };
    let mut files = gen::emit(&layer, &hot, errors.as_ref()).map_err(|e| e.to_string())?;
    for f in &mut files {
        f.contents = gen::rustfmt(&f.contents).map_err(|e| e.to_string())?;
    }
    Ok((layer, files))
}

/// As [`generate`], for a layer beside the crate root's, in
/// `tlview::{module}` (`tl gen --module`): its table, names and views.
pub fn generate_beside(
    schemas: &[impl AsRef<Path>],
    module: &str,
    hot: Option<&Path>,
) -> Result<(layer::Layer, Vec<gen::File>), String> {
    let layer = read_layer(schemas)?;
    let hot = read_hot(&layer, hot)?;
    let mut files = gen::emit_beside(&layer, module, &hot).map_err(|e| e.to_string())?;
    for f in &mut files {
        f.contents = gen::rustfmt(&f.contents).map_err(|e| e.to_string())?;
    }
    Ok((layer, files))
}

/// Reads the hot list at `path` (none: only the fieldless constructors
/// are hot).
fn read_hot(layer: &layer::Layer, path: Option<&Path>) -> Result<valid::Hot, String> {
    match path {
        Some(path) => {
            let text =
                std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            valid::parse_hot(layer, &path.to_string_lossy(), &text).map_err(|e| e.to_string())
        }
        None => Ok(valid::Hot::default()),
    }
}

/// Reads the schema files and builds the layer from them.
fn read_layer(schemas: &[impl AsRef<Path>]) -> Result<layer::Layer, String> {
    if schemas.is_empty() {
        return Err("no schema files given".into());
    }
    let mut inputs = Vec::with_capacity(schemas.len());
    for path in schemas {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        inputs.push((path.to_string_lossy().into_owned(), text));
    }
    layer::build(&inputs).map_err(|e| e.to_string())
}
