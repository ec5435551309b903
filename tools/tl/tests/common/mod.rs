//! Shared helpers: where the schema files are, and skipping when they are not.

#![allow(dead_code, unreachable_pub)]

use std::path::PathBuf;

/// `../../../shared/schema` relative to this crate (the project's shared
/// directory, beside the repository).
pub fn schema_dir() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/schema"
    ))
}

/// The two schema files, or `None` (with a note) when the shared directory is
/// missing.
pub fn schemas() -> Option<[PathBuf; 2]> {
    let dir = schema_dir();
    if !dir.is_dir() {
        eprintln!(
            "note: skipping: {} is missing (the schema files live outside the repository)",
            dir.display()
        );
        return None;
    }
    Some([dir.join("api-layer122.tl"), dir.join("mtproto.tl")])
}

/// `(path, text)` of both schema files.
pub fn inputs() -> Option<Vec<(String, String)>> {
    let paths = schemas()?;
    Some(
        paths
            .iter()
            .map(|p| {
                let text =
                    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
                (p.to_string_lossy().into_owned(), text)
            })
            .collect(),
    )
}
