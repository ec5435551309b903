//! Writes `$OUT_DIR/dispatch.rs` for `tests/same_bytes.rs`: for every type
//! and function of layer 230 (`schema/layer230/api.tl`, the file
//! grammers-tl-types 0.11.0 generates from), one match arm from the name
//! tlview gives it to the Rust item grammers generates for it, so that the
//! test can hand grammers bytes of any of them.
//!
//! grammers names an item after the last part of its TL name: each `_`
//! starts a new word, the first letter of a word is upper case, a letter
//! after an upper-case one is lower case, and other letters are kept
//! (`updateShortMessage` → `UpdateShortMessage`, `help.getCDNConfig` →
//! `GetCdnConfig`). A namespace is a module (`messages.Messages` →
//! `enums::messages::Messages`).

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

/// The Rust name grammers gives the TL name `name` (its last part).
fn rust_name(name: &str) -> String {
    let last = name.rsplit('.').next().unwrap_or(name);
    let mut out = String::with_capacity(last.len());
    // Whether the next letter starts a word, and whether the last one was
    // upper case (then the next is lowered).
    let (mut word_start, mut after_upper) = (true, false);
    for c in last.chars() {
        if c == '_' {
            word_start = true;
            continue;
        }
        if word_start {
            out.push(c.to_ascii_uppercase());
            after_upper = true;
        } else if after_upper {
            out.push(c.to_ascii_lowercase());
            after_upper = c.is_ascii_uppercase();
        } else {
            out.push(c);
            after_upper = c.is_ascii_uppercase();
        }
        word_start = false;
    }
    out
}

/// `ns.Name` as the path of grammers' item under `module`.
fn path(module: &str, name: &str) -> String {
    let mut p = format!("grammers_tl_types::{module}::");
    let mut parts: Vec<&str> = name.split('.').collect();
    parts.pop();
    for ns in parts {
        p.push_str(ns);
        p.push_str("::");
    }
    p.push_str(&rust_name(name));
    p
}

fn main() {
    let api = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schema/layer230/api.tl");
    println!("cargo:rerun-if-changed={}", api.display());
    let text = std::fs::read_to_string(&api).unwrap();

    let mut types = BTreeSet::new();
    let mut functions = BTreeSet::new();
    let mut in_functions = false;
    for line in text.lines() {
        let line = line.trim();
        match line {
            "---functions---" => in_functions = true,
            "---types---" => in_functions = false,
            _ => {}
        }
        // Declarations with an id only (`name#1234abcd ... = Type;`): not
        // comments, section marks or the built-in types' own lines.
        let Some((name, rest)) = line.split_once('#') else {
            continue;
        };
        if line.starts_with("//") || name.contains(' ') || name.is_empty() {
            continue;
        }
        let Some((_, ty)) = rest.rsplit_once('=') else {
            continue;
        };
        let ty = ty.trim().trim_end_matches(';').trim();
        if in_functions {
            // Generic functions (`invokeWithLayer {X:Type}`) wrap a query of
            // any type: grammers makes them generic over it.
            if !rest.contains("{X:Type}") {
                functions.insert(name.to_string());
            }
        } else if ty != "Bool" && !ty.contains(' ') {
            // grammers reads `Bool` as Rust's `bool` (the arm below), and
            // `vector` (`Vector t`) as a `Vec` of the element.
            types.insert(ty.to_string());
        }
    }

    let mut o = String::from(
        "// Written by build.rs from schema/layer230/api.tl.\n\n\
         /// grammers' reading and writing back of `bytes`, a boxed object of\n\
         /// the type tlview names `ty`; `None` for a type not listed.\n\
         pub fn type_round_trip(ty: &str, bytes: &[u8]) -> Option<Result<Vec<u8>, String>> {\n\
         \x20   Some(match ty {\n\
         \x20       \"Bool\" => round_trip::<bool>(bytes),\n",
    );
    for t in &types {
        let _ = writeln!(
            o,
            "        {t:?} => round_trip::<{}>(bytes),",
            path("enums", t)
        );
    }
    o.push_str(
        "        _ => return None,\n    })\n}\n\n\
         /// The same for a call of the function tlview names `name`.\n\
         pub fn function_round_trip(name: &str, bytes: &[u8]) -> Option<Result<Vec<u8>, String>> {\n\
         \x20   Some(match name {\n",
    );
    for f in &functions {
        let _ = writeln!(
            o,
            "        {f:?} => call_round_trip::<{}>(bytes),",
            path("functions", f)
        );
    }
    o.push_str("        _ => return None,\n    })\n}\n");
    let _ = writeln!(
        o,
        "\n/// How many types and functions the arms above cover.\npub const COVERED: (usize, usize) = ({}, {});",
        types.len() + 1,
        functions.len()
    );
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("dispatch.rs");
    std::fs::write(out, o).unwrap();
}
