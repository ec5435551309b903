//! The library's layers (ARCHITECTURE.md): each module may use only modules
//! of its own layer or below. Reads the hand-written sources and checks
//! every `crate::module` path in code (doc comments may link anywhere).

use std::collections::BTreeMap;

/// Lowest first: each layer's folder under `src/` and its modules (the
/// crate root re-exports them, so code names them `crate::module`). A
/// module not listed, or in another folder, fails the test.
const LAYERS: &[(&str, &str, &[&str])] = &[
    (
        "primitives",
        "wire",
        &[
            "flags", "string", "limits", "reader", "vector", "writer", "sink", "cursor", "text",
            "error",
        ],
    ),
    (
        "the layer as data, and the validators",
        "schema",
        &["schema", "fast", "rpc_errors"],
    ),
    (
        "the schema walk",
        "dynamic",
        &["walk", "object", "json", "layers", "layer230"],
    ),
    (
        "what views stand on",
        "typed",
        &[
            "view",
            "print",
            "ser",
            "support",
            "encode",
            "enums",
            "types",
            "functions",
        ],
    ),
    (
        "MTProto wrappers",
        "mtproto",
        &["mtproto", "gzip", "request"],
    ),
    ("hand-written views", "api", &["api"]),
];

/// Known uses of a higher layer, each with its reason.
const EXCEPTIONS: &[(&str, &str, &str)] = &[
    (
        "error",
        "schema",
        "error messages name constructors and types from the layer's table",
    ),
    (
        "fast",
        "walk",
        "only its tests: they judge golden objects against the table walker's decode",
    ),
    (
        "view",
        "api",
        "only its tests: a hand-written element (api::MessageEntity) whose vectors end when their bytes do",
    ),
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|(_, _, ms)| ms.contains(&module))
}

#[test]
fn no_module_uses_a_layer_above_its_own() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
    // (module, source) of every hand-written file; the generated files in
    // src/schema/ (the table, the validators, the views) are left out: the
    // generator's own tests hold them to what they may use.
    let generated = [
        "layer122",
        "layer230",
        "names",
        "names230",
        "valid122",
        "valid230",
        "views122",
        "views230",
        "checks122",
        "checks230",
        "forms122",
        "forms230",
        "typed_tests",
        "typed_tests230",
    ];
    let mut files: Vec<(String, String)> = Vec::new();
    let mut misplaced = Vec::new();
    for dir in std::fs::read_dir(root).unwrap() {
        let dir = dir.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        let folder = dir.file_name().unwrap().to_string_lossy().into_owned();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            if generated.contains(&stem.as_str()) {
                continue;
            }
            // A file is one of its layer's modules, or part of the module
            // its folder is (api, schema, mtproto: `api/peer.rs` is `api`);
            // the mod.rs of wire, dynamic and typed only declares theirs.
            let Some((_, _, ms)) = LAYERS.iter().find(|(_, f, _)| *f == folder) else {
                misplaced.push(format!("src/{folder}/: a folder that is no layer"));
                continue;
            };
            let module = if ms.contains(&stem.as_str()) {
                stem
            } else if ms.contains(&folder.as_str()) || stem == "mod" {
                ms[0].to_string()
            } else {
                misplaced.push(format!(
                    "src/{folder}/{stem}.rs: not a module of this layer"
                ));
                continue;
            };
            files.push((module, std::fs::read_to_string(&path).unwrap()));
        }
    }
    assert!(misplaced.is_empty(), "{}", misplaced.join("\n"));
    assert!(files.len() > 20, "read only {} files", files.len());

    let mut wrong = wrong_uses(&files);
    wrong.extend(
        files
            .iter()
            .filter(|(m, _)| layer_of(m).is_none())
            .map(|(m, _)| format!("module {m} is in no layer: add it to LAYERS")),
    );
    assert!(wrong.is_empty(), "layering broken:\n{}", wrong.join("\n"));
}

/// Each use of a higher layer's module in code, counted per pair.
fn wrong_uses(files: &[(String, String)]) -> Vec<String> {
    let mut uses: BTreeMap<(String, String), usize> = BTreeMap::new();
    for (module, text) in files {
        let Some(own) = layer_of(module) else {
            continue;
        };
        for line in text.lines() {
            let code = line.trim_start();
            if code.starts_with("//") {
                continue;
            }
            for (i, _) in code.match_indices("crate::") {
                let used: String = code[i + 7..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                let Some(theirs) = layer_of(&used) else {
                    continue; // a crate-root item (`crate::Result`, `crate::Reader`)
                };
                let excused = EXCEPTIONS.iter().any(|(m, u, _)| m == module && *u == used);
                if theirs > own && !excused {
                    *uses.entry((module.clone(), used)).or_default() += 1;
                }
            }
        }
    }
    uses.iter()
        .map(|((module, used), n)| {
            let (own, theirs) = (layer_of(module).unwrap_or(0), layer_of(used).unwrap_or(0));
            format!(
                "{module} ({}) uses {used} ({}) {n} times",
                LAYERS[own].0, LAYERS[theirs].0
            )
        })
        .collect()
}

/// The check sees what it must: an upward use in code is caught, one in a
/// comment or a crate-root path is not, and an exception is excused.
#[test]
fn an_upward_use_is_seen() {
    let file = |m: &str, t: &str| vec![(m.to_string(), t.to_string())];
    assert_eq!(
        wrong_uses(&file(
            "walk",
            "use crate::api::Updates;\nlet x = crate::view::decode();"
        )),
        [
            "walk (the schema walk) uses api (hand-written views) 1 times",
            "walk (the schema walk) uses view (what views stand on) 1 times"
        ]
    );
    assert!(wrong_uses(&file(
        "walk",
        "/// see crate::api\nuse crate::reader::Reader;"
    ))
    .is_empty());
    assert!(wrong_uses(&file("walk", "crate::Result<()>")).is_empty());
    assert!(wrong_uses(&file("error", "crate::schema::type_name(t)")).is_empty());
    assert!(!wrong_uses(&file("reader", "crate::schema::type_name(t)")).is_empty());
}
