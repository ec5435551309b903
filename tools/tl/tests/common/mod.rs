//! Shared helpers: where the schema files are.

#![allow(dead_code, unreachable_pub)]

use std::path::PathBuf;

/// The repository's own copy of the schema (`schema/` at the workspace root).
pub fn schema_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../schema"))
}

/// The two schema files. A missing file fails the test that asked: the
/// schema is part of the repository, so a clone always has it.
pub fn schemas() -> [PathBuf; 2] {
    let dir = schema_dir();
    let files = [dir.join("api-layer122.tl"), dir.join("mtproto.tl")];
    for f in &files {
        assert!(
            f.is_file(),
            "{} is missing: the schema is vendored in the repository's schema/ folder",
            f.display()
        );
    }
    files
}

/// `(path, text)` of both schema files.
pub fn inputs() -> Vec<(String, String)> {
    schemas()
        .iter()
        .map(|p| {
            let text =
                std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (p.to_string_lossy().into_owned(), text)
        })
        .collect()
}
