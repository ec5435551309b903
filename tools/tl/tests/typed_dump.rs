//! `tl dump --typed` prints every committed test message exactly as `tl
//! dump` does (or fails the same way): the reference messages, the samples,
//! the regressions and every fuzz corpus file, plain and indented. The typed
//! printer reads each object's fields by its generated view, the plain one
//! by the layer table, so the two agreeing checks the generated views.
#![cfg(feature = "convert")]

use std::path::{Path, PathBuf};

use tltool::dump::{dump, DumpOptions};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        panic!("{} is missing", dir.display())
    };
    for e in entries {
        let p = e.unwrap().path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_none_or(|x| x == "bin") {
            out.push(p);
        }
    }
}

#[test]
fn typed_dump_equals_dump_on_every_committed_message() {
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    let mut all = Vec::new();
    for dir in ["tests/data", "tests/regressions", "fuzz/corpus"] {
        files(&root.join(dir), &mut all);
    }
    let (mut ok, mut failed) = (0, 0);
    for p in &all {
        let bytes = std::fs::read(p).unwrap();
        for pretty in [false, true] {
            let plain = DumpOptions {
                pretty,
                ..DumpOptions::default()
            };
            let typed = DumpOptions {
                typed: true,
                ..plain
            };
            let a = dump(&bytes, &plain).map(|d| d.text);
            let b = dump(&bytes, &typed).map(|d| d.text);
            assert_eq!(a, b, "{}", p.display());
            if a.is_ok() {
                ok += 1;
            } else {
                failed += 1;
            }
        }
    }
    eprintln!(
        "{} files: {ok} printed alike, {failed} refused alike",
        all.len()
    );
    assert!(ok > 300, "only {ok} printed");
}
