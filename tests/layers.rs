//! The library's layers (ARCHITECTURE.md): each module may use only modules
//! of its own layer or below. Reads the hand-written sources and checks
//! every `crate::module` path in code (doc comments may link anywhere).

use std::collections::BTreeMap;

/// Lowest first. A module not listed fails the test, so a new one gets a
/// place on purpose.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "primitives",
        &[
            "flags", "string", "limits", "reader", "vector", "writer", "sink", "text", "error",
        ],
    ),
    ("the layer as data, and the validators", &["schema", "fast"]),
    ("the walker", &["walk"]),
    ("the dynamic view", &["object", "json"]),
    (
        "what views stand on",
        &[
            "view",
            "print",
            "ser",
            "support",
            "enums",
            "types",
            "functions",
        ],
    ),
    ("hand-written views", &["api", "mtproto", "gzip"]),
];

/// Known uses of a higher layer, each with its reason.
const EXCEPTIONS: &[(&str, &str, &str)] = &[(
    "error",
    "schema",
    "error messages name constructors and types from the layer's table",
)];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|(_, ms)| ms.contains(&module))
}

#[test]
fn no_module_uses_a_layer_above_its_own() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
    let mut files: Vec<(String, String)> = Vec::new();
    for entry in std::fs::read_dir(root).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "rs") {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            if name != "lib" {
                files.push((name, std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    for sub in ["api", "schema"] {
        // The hand-written module file of each folder (the generated files
        // in src/schema/ belong to the layers of what they generate).
        let path = format!("{root}/{sub}/mod.rs");
        files.push((sub.to_string(), std::fs::read_to_string(path).unwrap()));
    }
    for entry in std::fs::read_dir(format!("{root}/api")).unwrap() {
        let path = entry.unwrap().path();
        files.push(("api".to_string(), std::fs::read_to_string(&path).unwrap()));
    }

    let mut wrong = wrong_uses(&files);
    wrong.extend(
        files
            .iter()
            .filter(|(m, _)| layer_of(m).is_none())
            .map(|(m, _)| format!("src/{m}.rs is in no layer: add it to LAYERS")),
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
            "use crate::api::Updates;\nlet x = crate::object::read();"
        )),
        [
            "walk (the walker) uses api (hand-written views) 1 times",
            "walk (the walker) uses object (the dynamic view) 1 times"
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
