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

    // grammers reads `Bool` as Rust's `bool` (the arm below) and `vector`
    // as a `Vec` of the element, and makes the generic functions
    // (`invokeWithLayer {X:Type}`) generic over their query: `decls` leaves
    // those out.
    let decls = decls(&text);
    let types: BTreeSet<&str> = decls
        .iter()
        .filter(|d| !d.function)
        .map(|d| d.ty.as_str())
        .collect();
    let functions: BTreeSet<&str> = decls
        .iter()
        .filter(|d| d.function)
        .map(|d| d.name.as_str())
        .collect();

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
    let out_dir = std::env::var("OUT_DIR").unwrap();
    std::fs::write(Path::new(&out_dir).join("dispatch.rs"), o).unwrap();
    std::fs::write(Path::new(&out_dir).join("values.rs"), values(&decls)).unwrap();
}

/// One declaration of `api.tl`, as far as building grammers' value of it
/// needs.
struct Decl {
    name: String,
    /// Its type (a constructor) or result (a function).
    ty: String,
    function: bool,
    /// `(field, type, guard)`; the `#` fields left out (grammers computes
    /// them); `guard` is `(flags field, bit)`.
    fields: Vec<(String, String, Option<(String, u32)>)>,
}

/// The declarations of `text` grammers makes a value of: every constructor
/// but the built-in ones (`Bool`, `vector`), and every function but the
/// generic ones.
fn decls(text: &str) -> Vec<Decl> {
    let mut out = Vec::new();
    let mut function = false;
    for line in text.lines() {
        let line = line.trim();
        match line {
            "---functions---" => function = true,
            "---types---" => function = false,
            _ => {}
        }
        let Some((name, rest)) = line.split_once('#') else {
            continue;
        };
        if line.starts_with("//") || name.contains(' ') || name.is_empty() || rest.contains('{') {
            continue;
        }
        let Some((params, ty)) = rest.rsplit_once('=') else {
            continue;
        };
        let ty = ty.trim().trim_end_matches(';').trim().to_string();
        if !function && ty == "Bool" {
            continue;
        }
        let mut fields = Vec::new();
        // Skip the id, then `name:type` words.
        for word in params.split_whitespace().skip(1) {
            let (field, t) = word.split_once(':').expect("name:type");
            if t == "#" {
                continue;
            }
            let (guard, t) = match t.split_once('?') {
                Some((cond, t)) => {
                    let (flags, bit) = cond.split_once('.').expect("flags.N");
                    (Some((flags.to_string(), bit.parse().expect("bit"))), t)
                }
                None => (None, t),
            };
            fields.push((field.to_string(), t.to_string(), guard));
        }
        out.push(Decl {
            name: name.to_string(),
            ty,
            function,
            fields,
        });
    }
    out
}

/// The field name grammers gives the schema's `name`.
fn attr_name(name: &str) -> String {
    match name {
        "final" | "loop" | "static" | "type" => format!("r#{name}"),
        "self" => "is_self".into(),
        _ => name.to_ascii_lowercase(),
    }
}

/// `$OUT_DIR/values.rs`: a builder of grammers' own values for every
/// constructor and function of the layer (see `tests/same_bytes.rs`,
/// `grammers_values_read_the_same_in_tlview`). Each constructor `c{i}`
/// builds its struct from the random source, each type `t{j}` one of its
/// constructors (under the depth budget, the one that nests least), and
/// `ENTRIES` lists every constructor (boxed, as its type's enum) and
/// function with the number of its flag groups (the optional fields that
/// share one bit come and go together, as the schema says they must).
fn values(decls: &[Decl]) -> String {
    let ctors: Vec<&Decl> = decls.iter().filter(|d| !d.function).collect();
    let mut types: Vec<String> = ctors.iter().map(|d| d.ty.clone()).collect();
    types.sort();
    types.dedup();
    let type_index = |t: &str| types.iter().position(|x| x == t);
    // How deep the least nesting object of each type goes (only the
    // required boxed fields count: options can be left out and vectors
    // empty); a fixed point from "unknown".
    let boxed = |t: &str| t.starts_with(|c: char| c.is_ascii_uppercase()) && t != "Bool";
    let mut height = vec![u32::MAX; types.len()];
    let ctor_height = |d: &Decl, height: &[u32]| -> u32 {
        let mut h = 0u32;
        for (_, t, guard) in &d.fields {
            if guard.is_none() && boxed(t) && !t.starts_with("Vector<") {
                let Some(j) = type_index(t) else {
                    return u32::MAX;
                };
                h = h.max(height[j].saturating_add(1));
            }
        }
        h
    };
    loop {
        let mut changed = false;
        for d in &ctors {
            let j = type_index(&d.ty).unwrap();
            let h = ctor_height(d, &height);
            if h < height[j] {
                height[j] = h;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let mut o = String::from(
        "// Written by build.rs from schema/layer230/api.tl.\n\n\
         /// Which flag groups of the object asked for are present (the objects\n\
         /// inside it take random ones).\n\
         #[derive(Clone, Copy, Debug)]\n\
         pub enum Sel {\n    /// None of them.\n    None,\n    /// All of them.\n    All,\n    \
         /// Only this one.\n    Only(usize),\n    /// Each at random.\n    Random,\n}\n\n\
         /// A combinator grammers builds: its name, whether it is a function,\n\
         /// how many flag groups it has, and its builder (depth budget 3).\n\
         pub struct Entry {\n    pub name: &'static str,\n    pub function: bool,\n    \
         pub groups: usize,\n    pub build: fn(&mut Rng, Sel) -> Vec<u8>,\n}\n\n",
    );
    let expr = |t: &str| -> String {
        fn go(t: &str, types: &[String]) -> String {
            if let Some(inner) = t.strip_prefix("Vector<").and_then(|x| x.strip_suffix('>')) {
                return format!(
                    "{{ let n = r.len(d); (0..n).map(|_| {}).collect::<Vec<_>>() }}",
                    go(inner, types)
                );
            }
            match t {
                "int" => "r.next() as i32".into(),
                "long" => "r.next() as i64".into(),
                "double" => "f64::from(r.next() as i32) / 64.0".into(),
                "int128" => "r.array::<16>()".into(),
                "int256" => "r.array::<32>()".into(),
                "string" => "r.string(d)".into(),
                "bytes" => "r.bytes(d)".into(),
                "Bool" => "r.next() & 1 == 1".into(),
                _ => {
                    let j = types
                        .iter()
                        .position(|x| x == t)
                        .unwrap_or_else(|| panic!("type {t}"));
                    format!("t{j}(r, d.saturating_sub(1))")
                }
            }
        }
        go(t, &types)
    };
    let mut entries = String::new();
    for (i, d) in decls.iter().enumerate() {
        // The flag groups, in order of first use.
        let mut groups: Vec<(String, u32)> = Vec::new();
        for (_, _, g) in &d.fields {
            if let Some(g) = g {
                if !groups.contains(g) {
                    groups.push(g.clone());
                }
            }
        }
        let module = if d.function { "functions" } else { "types" };
        let _ = writeln!(
            o,
            "/// `{}`\n#[allow(unused_variables)]\nfn c{i}(r: &mut Rng, sel: Sel, d: u32) -> {} {{",
            d.name,
            path(module, &d.name)
        );
        for (k, _) in groups.iter().enumerate() {
            let _ = writeln!(o, "    let g{k} = r.pick(sel, {k}, d);");
        }
        let _ = writeln!(o, "    {} {{", path(module, &d.name));
        for (f, t, g) in &d.fields {
            let name = attr_name(f);
            let value = match g {
                None => expr(t),
                Some(g) => {
                    let k = groups.iter().position(|x| x == g).unwrap();
                    if t == "true" {
                        format!("g{k}")
                    } else {
                        format!("if g{k} {{ Some({}) }} else {{ None }}", expr(t))
                    }
                }
            };
            let _ = writeln!(o, "        {name}: {value},");
        }
        o.push_str("    }\n}\n\n");
        let build = if d.function {
            format!("|r, sel| c{i}(r, sel, 3).to_bytes()")
        } else {
            format!(
                "|r, sel| {{ let v: {} = c{i}(r, sel, 3).into(); v.to_bytes() }}",
                path("enums", &d.ty)
            )
        };
        let _ = writeln!(
            entries,
            "    Entry {{ name: {:?}, function: {}, groups: {}, build: {build} }},",
            d.name,
            d.function,
            groups.len()
        );
    }
    for (j, t) in types.iter().enumerate() {
        let members: Vec<usize> = decls
            .iter()
            .enumerate()
            .filter(|(_, d)| !d.function && &d.ty == t)
            .map(|(i, _)| i)
            .collect();
        let least = members
            .iter()
            .copied()
            .min_by_key(|&i| ctor_height(&decls[i], &height))
            .unwrap();
        assert!(height[j] != u32::MAX, "type {t} cannot be built");
        let _ = writeln!(
            o,
            "/// `{t}`\nfn t{j}(r: &mut Rng, d: u32) -> {} {{",
            path("enums", t)
        );
        let _ = writeln!(
            o,
            "    if d == 0 {{\n        return c{least}(r, Sel::Random, 0).into();\n    }}"
        );
        let _ = writeln!(o, "    match r.below({}) {{", members.len());
        for (k, i) in members.iter().enumerate() {
            if k + 1 == members.len() {
                let _ = writeln!(o, "        _ => c{i}(r, Sel::Random, d).into(),");
            } else {
                let _ = writeln!(o, "        {k} => c{i}(r, Sel::Random, d).into(),");
            }
        }
        o.push_str("    }\n}\n\n");
    }
    let _ = writeln!(o, "/// Every constructor and function grammers builds.\npub static ENTRIES: &[Entry] = &[\n{entries}];");
    o
}
