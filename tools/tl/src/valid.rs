//! Writes `validNNN.rs`: a straight-line validator for every combinator the
//! schema lets one be written for, which the table walker hands each object
//! to before interpreting it.
//!
//! A validator checks exactly the walker's rules (bounds, canonical strings,
//! `Bool` ids, vector headers and counts, each boxed field's constructor
//! belonging to its type, undeclared flags bits, the depth limit), in code
//! laid out from the schema: consecutive fixed-size fields are one bounds
//! check, a flags word is tested against its declared bits where it is read,
//! a boxed field is a `match` on the ids of its type's constructors, and
//! after an optional object or vector that is present, where every field
//! left is optional under the same flags word, one test of their bits ends
//! an object that has none of them. It
//! reports no errors: it answers `None` for anything it does not accept,
//! and the walker then validates the object from its start and reports the
//! error. So both paths accept the same inputs with the same errors as long
//! as a validator never accepts what the walker refuses; the library's tests
//! check that on every constructor and on mutations of each.
//!
//! Which validators are compiled is chosen by features:
//! - `fast`: the hot constructors, listed in the repository's hot list
//!   (`schema/hot122.txt`; `schema/hot230.txt` for layer 230), the bare
//!   constructors they contain, and the constructors of a type they always
//!   contain one of when the list names none of them (else such a
//!   validator could never answer);
//! - `fast-all`: every combinator that can have one.
//!
//! A combinator gets no validator when an object of it can contain another
//! of it (through any chain of fields): validators call each other only
//! along the schema's acyclic part, so their nesting is fixed by the schema
//! and never by the input. A boxed field dispatches to the validators of its
//! type's constructors that have one (`textPlain` of `RichText`, never
//! `textBold`), and answers `None` for the others; `!X` and `Object` fields
//! make a validator answer `None` when present (an object that must hold
//! one gets no validator). The walker validates those, handing the objects
//! nested in them back to the validators.
//!
//! How deep a validated object may nest is fixed by the schema too: each
//! validator's entry in the dispatch requires the levels its deepest path
//! needs to be free under the depth limit, computed here per feature.

use core::fmt::Write as _;

use crate::gen::Error;
use crate::layer::{Combinator, Field, Kind, Layer, Repeat};

/// Which combinators are hot: the parsed hot list.
#[derive(Clone, Debug, Default)]
pub struct Hot {
    /// Per combinator: listed (directly or by its type).
    pub listed: Vec<bool>,
    /// Per combinator listed by its own name: its line (earlier lines are
    /// the more common constructors, tested first).
    pub rank: Vec<Option<usize>>,
    /// The list's file, as the generated header records it.
    pub input: Option<crate::layer::Input>,
}

/// Reads the hot list: one TL name a line, a constructor (`message`) or a
/// type (`MessageEntity`: all its constructors); `#` starts a comment. An
/// unknown name is an error that gives its line.
pub fn parse_hot(layer: &Layer, file: &str, text: &str) -> Result<Hot, Error> {
    let mut listed = vec![false; layer.combinators.len()];
    let mut rank = vec![None; layer.combinators.len()];
    for (n, line) in text.lines().enumerate() {
        let name = line.split('#').next().unwrap_or("").trim();
        if name.is_empty() {
            continue;
        }
        let last = name.rsplit('.').next().unwrap_or(name);
        let is_type = last.starts_with(|c: char| c.is_ascii_uppercase());
        let found = if is_type {
            layer
                .types
                .iter()
                .find(|t| t.name == name)
                .map(|t| t.members.clone())
        } else {
            layer.index_of_name(name).map(|i| vec![i as u16])
        };
        match found {
            Some(members) => {
                for &m in &members {
                    listed[usize::from(m)] = true;
                }
                if !is_type {
                    for m in members {
                        rank[usize::from(m)].get_or_insert(n);
                    }
                }
            }
            None => {
                return Err(Error(format!(
                    "{file}:{}: `{name}` is not a {} of the layer",
                    n + 1,
                    if is_type { "type" } else { "combinator" }
                )))
            }
        }
    }
    let name = std::path::Path::new(file)
        .file_name()
        .map_or(file.to_string(), |n| n.to_string_lossy().into_owned());
    Ok(Hot {
        listed,
        rank,
        input: Some(crate::layer::Input {
            name,
            path: file.to_string(),
            len: text.len(),
            crc32: crc32fast::hash(text.as_bytes()),
        }),
    })
}

/// The features a generated item is compiled under.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Cfg {
    /// `fast` or `fast-all`.
    Hot,
    /// `fast-all`.
    All,
    /// `fast-all` with `functions` (a function's validator).
    Functions,
}

impl Cfg {
    fn attr(self) -> &'static str {
        match self {
            Cfg::Hot => "#[cfg(any(feature = \"fast\", feature = \"fast-all\"))]\n",
            Cfg::All => "#[cfg(feature = \"fast-all\")]\n",
            Cfg::Functions => "#[cfg(all(feature = \"fast-all\", feature = \"functions\"))]\n",
        }
    }
}

/// How a validator treats one field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Treat {
    /// Checked in line.
    Check,
    /// Not checked here: the validator answers `None` when it is present.
    Bail,
}

/// What the emitter knows of the layer.
struct Plan<'l> {
    layer: &'l Layer,
    /// Per combinator: it has a validator (under `fast-all`).
    valid: Vec<bool>,
    /// Per combinator: it has a validator under `fast`.
    hot: Vec<bool>,
    /// Per combinator: levels that must be free under it, `fast` and `fast-all`.
    levels: Vec<(u32, u32)>,
    /// Per combinator: its line in the hot list, when listed by name.
    rank: Vec<Option<usize>>,
}

impl<'l> Plan<'l> {
    fn new(layer: &'l Layer, hot: &Hot) -> Plan<'l> {
        let (cyclic_ctor, _) = crate::views::cycles(layer);
        let n = layer.combinators.len();
        let rank: Vec<Option<usize>> = (0..n).map(|i| hot.rank.get(i).copied().flatten()).collect();
        // Validatable: not recursive, and every field it must hold can be
        // checked (a bare field's constructor validatable in turn).
        let mut valid: Vec<bool> = (0..n).map(|i| !cyclic_ctor[i]).collect();
        loop {
            let mut changed = false;
            for i in 0..n {
                if valid[i]
                    && layer.combinators[i]
                        .fields
                        .iter()
                        .any(|f| f.when.is_none() && treat(layer, f, &valid) == Treat::Bail)
                {
                    valid[i] = false;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        // Hot: listed, or fieldless, or needed by a hot one (below).
        let mut hot: Vec<bool> = (0..n)
            .map(|i| {
                valid[i]
                    && (hot.listed.get(i).copied().unwrap_or(false)
                        || layer.combinators[i].fields.is_empty())
            })
            .collect();
        loop {
            let mut changed = false;
            for i in 0..n {
                if !hot[i] {
                    continue;
                }
                for f in &layer.combinators[i].fields {
                    // What an object of a hot constructor always holds: a
                    // bare object, and a boxed one of its own (not a
                    // vector's, not an optional one) when its type has no
                    // hot constructor with fields yet; without them its
                    // validator could never answer.
                    let needed: Vec<usize> = match f.kind {
                        Kind::Bare => vec![usize::from(f.arg)],
                        Kind::Boxed
                            if f.when.is_none()
                                && f.repeat == Repeat::One
                                && !layer.types[usize::from(f.arg)].members.iter().any(|&m| {
                                    hot[usize::from(m)]
                                        && !layer.combinators[usize::from(m)].fields.is_empty()
                                }) =>
                        {
                            layer.types[usize::from(f.arg)]
                                .members
                                .iter()
                                .map(|&m| usize::from(m))
                                .collect()
                        }
                        _ => Vec::new(),
                    };
                    for m in needed {
                        if valid[m] && !hot[m] {
                            hot[m] = true;
                            changed = true;
                        }
                    }
                }
            }
            if !changed {
                break;
            }
        }
        let mut plan = Plan {
            layer,
            valid,
            hot,
            levels: vec![(0, 0); n],
            rank,
        };
        let mut memo_hot = vec![None; n];
        let mut memo_all = vec![None; n];
        plan.levels = (0..n)
            .map(|i| {
                (
                    plan.levels_of(i, true, &mut memo_hot),
                    plan.levels_of(i, false, &mut memo_all),
                )
            })
            .collect();
        plan
    }

    /// Whether combinator `i` has a validator under `fast` (`hot`) or
    /// `fast-all`.
    fn has(&self, i: usize, hot: bool) -> bool {
        if hot {
            self.hot[i]
        } else {
            self.valid[i]
        }
    }

    /// The levels of nesting under an object of `i` that its validator may
    /// reach (the schema's acyclic part bounds them).
    fn levels_of(&self, i: usize, hot: bool, memo: &mut [Option<u32>]) -> u32 {
        if let Some(l) = memo[i] {
            return l;
        }
        let mut deepest = 0;
        if self.has(i, hot) {
            for f in &self.layer.combinators[i].fields {
                if treat(self.layer, f, &self.valid) == Treat::Bail {
                    continue;
                }
                let below = match f.kind {
                    Kind::Boxed => self.layer.types[usize::from(f.arg)]
                        .members
                        .iter()
                        .filter(|&&m| self.has(usize::from(m), hot))
                        .map(|&m| 1 + self.levels_of(usize::from(m), hot, memo))
                        .max()
                        .unwrap_or(0),
                    Kind::Bare => 1 + self.levels_of(usize::from(f.arg), hot, memo),
                    _ => 0,
                };
                deepest = deepest.max(below);
            }
        }
        memo[i] = Some(deepest);
        deepest
    }

    /// The features combinator `i`'s validator is compiled under.
    fn cfg(&self, i: usize) -> Cfg {
        if self.hot[i] {
            Cfg::Hot
        } else if self.layer.combinators[i].is_function() {
            Cfg::Functions
        } else {
            Cfg::All
        }
    }
}

/// How a validator treats field `f`, given which combinators are valid.
fn treat(layer: &Layer, f: &Field, valid: &[bool]) -> Treat {
    match f.kind {
        Kind::AnyBoxed | Kind::SizedObject => Treat::Bail,
        // No constructor of the type has a validator: there is nothing to
        // dispatch to.
        Kind::Boxed
            if !layer.types[usize::from(f.arg)]
                .members
                .iter()
                .any(|&m| valid[usize::from(m)]) =>
        {
            Treat::Bail
        }
        Kind::Bare if !valid[usize::from(f.arg)] => Treat::Bail,
        Kind::True if f.repeat != Repeat::One => Treat::Bail,
        _ => Treat::Check,
    }
}

/// Kinds whose every value of their size is valid: a run of them is a
/// bounds check.
fn plain_size(kind: Kind) -> Option<usize> {
    match kind {
        Kind::Int | Kind::Long | Kind::Double | Kind::Int128 | Kind::Int256 | Kind::Flags => {
            kind.fixed_size()
        }
        _ => None,
    }
}

/// The fewest bytes the walker counts for one element of a vector of
/// `kind` (as `tlview::schema::Kind::min_size`, a bare object counting 1).
fn element_min(kind: Kind) -> usize {
    match kind {
        Kind::Int | Kind::Flags | Kind::String | Kind::Bytes | Kind::Bool => 4,
        Kind::Long | Kind::Double => 8,
        Kind::Int128 => 16,
        Kind::Int256 => 32,
        Kind::True | Kind::Bare => 1,
        Kind::Boxed | Kind::AnyBoxed | Kind::SizedObject => 4,
    }
}

/// The bits of flags word `k` that some field of `c` tests.
fn declared(c: &Combinator, k: usize) -> u32 {
    c.fields
        .iter()
        .filter_map(|f| f.when)
        .filter(|&(w, _)| usize::from(w) == k)
        .fold(0, |m, (_, bit)| m | 1u32 << (bit & 31))
}

/// The Rust name of combinator `i`'s validator.
fn cname(layer: &Layer, i: usize) -> String {
    format!("c_{}", layer.combinators[i].const_name.to_ascii_lowercase())
}

/// The Rust name of type `t`'s dispatch.
fn tname(layer: &Layer, t: usize) -> String {
    format!("t_{}", layer.types[t].const_name.to_ascii_lowercase())
}

/// The statement that checks one value of field `f` (not a vector).
fn check_one(plan: &Plan<'_>, kind: Kind, arg: u16) -> String {
    let layer = plan.layer;
    match kind {
        Kind::Bool => "r = v::boolean(r)?".into(),
        Kind::String | Kind::Bytes => "r = v::bytes(r)?".into(),
        Kind::Boxed => format!("r = {}(r)?", tname(layer, usize::from(arg))),
        Kind::Bare => format!("r = {}(r)?", cname(layer, usize::from(arg))),
        Kind::True => String::new(),
        k => format!("r = v::fixed(r, {})?", k.fixed_size().unwrap_or(0)),
    }
}

/// The statement that checks one present field.
fn check_field(plan: &Plan<'_>, f: &Field) -> String {
    if treat(plan.layer, f, &plan.valid) == Treat::Bail {
        return "return None".into();
    }
    if f.repeat == Repeat::One {
        return check_one(plan, f.kind, f.arg);
    }
    let boxed = f.repeat == Repeat::BoxedVector;
    match plain_size(f.kind) {
        Some(n) => format!("r = v::fixed_vector(r, {boxed}, {n})?"),
        None => format!(
            "let (n, rest) = v::count(r, {boxed}, {})?; r = rest; for _ in 0..n {{ {}; }}",
            element_min(f.kind),
            check_one(plan, f.kind, f.arg)
        ),
    }
}

/// One combinator's validator: its fields, after its id.
fn validator(plan: &Plan<'_>, i: usize) -> String {
    let c = &plan.layer.combinators[i];
    let mut o = String::new();
    let _ = writeln!(o, "/// `{}`", c.decl.text.replace('`', "'"));
    o.push_str(plan.cfg(i).attr());
    let _ = writeln!(
        o,
        "#[inline]\nfn {}(mut r: &[u8]) -> Option<&[u8]> {{",
        cname(plan.layer, i)
    );
    // Words some field other than a flag's `true` tests (the others are
    // checked and dropped).
    let used: Vec<usize> = c
        .fields
        .iter()
        .filter(|f| !(f.kind == Kind::True && f.repeat == Repeat::One))
        .filter_map(|f| f.when.map(|(w, _)| usize::from(w)))
        .collect();
    // Runs of unconditional plain fields: one bounds check each.
    let mut run: Vec<(usize, &Field)> = Vec::new();
    let flush = |o: &mut String, run: &mut Vec<(usize, &Field)>| {
        if run.is_empty() {
            return;
        }
        let size: usize = run
            .iter()
            .map(|(_, f)| plain_size(f.kind).unwrap_or(0))
            .sum();
        if run.iter().any(|(_, f)| f.kind == Kind::Flags) {
            let _ = writeln!(o, "let (run, rest) = v::take::<{size}>(r)?;\nr = rest;");
            let mut at = 0;
            for (k, f) in run.iter() {
                if f.kind == Kind::Flags {
                    let bind = if used.contains(k) {
                        format!("let w{k} = ")
                    } else {
                        String::new()
                    };
                    let _ = writeln!(o, "{bind}v::flags(run, {at}, {:#x})?;", declared(c, *k));
                }
                at += plain_size(f.kind).unwrap_or(0);
            }
        } else {
            let _ = writeln!(o, "r = v::fixed(r, {size})?;");
        }
        run.clear();
    };
    // Where every field left is optional, and all under one flags word, an
    // object that has none of them is done: `tails[k]` is that word, the
    // mask of the bits of fields `k..`, and how many tests they take.
    let tails = tails(c);
    // Consecutive plain fields under the same bit: one test, one check.
    let mut guarded: Option<((u8, u8), usize)> = None;
    let close = |o: &mut String, guarded: &mut Option<((u8, u8), usize)>| {
        if let Some(((w, bit), n)) = guarded.take() {
            let _ = writeln!(
                o,
                "if w{w} & (1 << {bit}) != 0 {{ r = v::fixed(r, {n})?; }}"
            );
        }
    };
    for (k, f) in c.fields.iter().enumerate() {
        // A flag's `true` is its bit: declared, nothing to read.
        if f.kind == Kind::True && f.repeat == Repeat::One {
            continue;
        }
        let plain = f.repeat == Repeat::One && plain_size(f.kind).is_some();
        if plain && f.when.is_none() {
            close(&mut o, &mut guarded);
            run.push((k, f));
            continue;
        }
        flush(&mut o, &mut run);
        match (f.when, plain) {
            (Some(cond), true) => {
                let n = plain_size(f.kind).unwrap_or(0);
                match &mut guarded {
                    Some((c0, total)) if *c0 == cond => *total += n,
                    _ => {
                        close(&mut o, &mut guarded);
                        guarded = Some((cond, n));
                    }
                }
            }
            (Some((w, bit)), false) => {
                close(&mut o, &mut guarded);
                // After an object or a vector, when it is there (it costs
                // far more than a test): whether the rest of the tail is
                // absent. Not after a string, which costs about as much.
                let costly =
                    f.repeat != Repeat::One || !matches!(f.kind, Kind::String | Kind::Bytes);
                let done = match tails.get(k + 1).copied().flatten() {
                    Some((w2, mask, tests)) if costly && w2 == w && tests >= TAIL_TESTS => {
                        format!(" if w{w} & {mask:#x} == 0 {{ return Some(r); }}")
                    }
                    _ => String::new(),
                };
                let _ = writeln!(
                    o,
                    "if w{w} & (1 << {bit}) != 0 {{ {}{done} }}",
                    block(check_field(plan, f))
                );
            }
            (None, _) => {
                close(&mut o, &mut guarded);
                let _ = writeln!(o, "{}", block(check_field(plan, f)));
            }
        }
    }
    close(&mut o, &mut guarded);
    flush(&mut o, &mut run);
    o.push_str("Some(r)\n}\n\n");
    o
}

/// How many tests the rest of an optional tail must take for one test of
/// all its bits to be worth writing: when some of it is present, that test
/// is two instructions more. (Not written where the tail starts: an object
/// whose optional fields are all absent is rare, on the reference messages
/// as on a uniform mix, so that test would cost every object.)
const TAIL_TESTS: usize = 3;

/// For each field index `k` of `c` (and `k == c.fields.len()`), when every
/// field from `k` on that reads anything is guarded by the same flags word:
/// that word's field index, the mask of their bits, and how many tests they
/// take (fields under one bit count once). `None` where an unguarded field,
/// or one under another word, remains, or nothing does.
fn tails(c: &Combinator) -> Vec<Option<(u8, u32, usize)>> {
    let mut out = vec![None; c.fields.len() + 1];
    // (word, mask) from the end, the word `u8::MAX` before any field;
    // `None` once broken. Fields under one bit share it in the mask, so its
    // bits are the tests.
    let mut acc: Option<(u8, u32)> = Some((u8::MAX, 0));
    for k in (0..c.fields.len()).rev() {
        let f = &c.fields[k];
        let reads = !(f.kind == Kind::True && f.repeat == Repeat::One);
        if reads {
            acc = match (acc, f.when) {
                (Some((w, mask)), Some((fw, bit))) if w == u8::MAX || w == fw => {
                    Some((fw, mask | 1u32 << (bit & 31)))
                }
                _ => None,
            };
        }
        out[k] = acc
            .filter(|&(w, _)| w != u8::MAX)
            .map(|(w, mask)| (w, mask, mask.count_ones() as usize));
    }
    out
}

/// A statement, in braces when it binds names of its own.
fn block(stmt: String) -> String {
    if stmt.starts_with("let ") {
        format!("{{ {stmt} }}")
    } else {
        format!("{stmt};")
    }
}

/// One type's dispatch: its constructor's id, then that constructor's
/// validator (`None` for a constructor without one under the features).
fn dispatch(plan: &Plan<'_>, t: usize, cfg: Cfg) -> String {
    let layer = plan.layer;
    let info = &layer.types[t];
    let mut o = String::new();
    let _ = writeln!(o, "/// A boxed `{}`.", info.name);
    o.push_str(cfg.attr());
    let inline = if cfg == Cfg::Hot {
        "#[cfg_attr(feature = \"fast-all\", inline)]\n\
         #[cfg_attr(not(feature = \"fast-all\"), inline(always))]"
    } else {
        "#[inline]"
    };
    let _ = writeln!(
        o,
        "{inline}\nfn {}(r: &[u8]) -> Option<&[u8]> {{\n\
         let (id, r) = v::word(r)?;",
        tname(layer, t)
    );
    // The type's most common constructor (the first the hot list names)
    // is tested before the search among the others.
    let first = info
        .members
        .iter()
        .map(|&m| usize::from(m))
        .filter(|&m| plan.valid[m] && plan.rank[m].is_some())
        .min_by_key(|&m| plan.rank[m]);
    if let (Some(m), true) = (first, info.members.len() > 2) {
        let c = &layer.combinators[m];
        let then = if c.fields.is_empty() {
            "Some(r)".to_string()
        } else {
            format!("{}(r)", cname(layer, m))
        };
        let _ = writeln!(o, "if id == id::{} {{\nreturn {then};\n}}", c.const_name);
    }
    o.push_str("match id {\n");
    for &m in &info.members {
        let m = usize::from(m);
        if !plan.valid[m] {
            continue;
        }
        let c = &layer.combinators[m];
        if plan.cfg(m) != Cfg::Hot {
            o.push_str(plan.cfg(m).attr());
        }
        if c.fields.is_empty() {
            let _ = writeln!(o, "id::{} => Some(r),", c.const_name);
        } else {
            let _ = writeln!(o, "id::{} => {}(r),", c.const_name, cname(layer, m));
        }
    }
    o.push_str("_ => {\nlet _ = r;\nNone\n}\n}\n}\n\n");
    o
}

/// The file, not yet formatted.
///
/// `module` is the module of a layer beside the crate root's (`layer230`):
/// its validators read its own ids (`crate::schema::layer230::id`).
pub fn emit(layer: &Layer, hot: &Hot, header: &str, module: Option<&str>) -> Result<String, Error> {
    let plan = Plan::new(layer, hot);
    let ids = match module {
        Some(m) => format!("crate::schema::{m}::id"),
        None => "crate::schema::id".to_string(),
    };
    let mut o = String::from(header);
    let n_valid = plan.valid.iter().filter(|&&v| v).count();
    let n_hot = plan.hot.iter().filter(|&&v| v).count();
    let _ = writeln!(
        o,
        "//! Straight-line validators of TL layer {}, generated from the schema by\n\
         //! `tl gen` (see `tools/tl/src/valid.rs` for what they check and why they\n\
         //! agree with the walker). {n_valid} of its {} combinators can have one;\n\
         //! `fast` compiles the {n_hot} of the hot list (and the fieldless ones),\n\
         //! `fast-all` all of them. The walker hands objects to [`body_len`].\n",
        layer.layer,
        layer.combinators.len()
    );
    o.push_str(
        "#![allow(clippy::too_many_lines, clippy::match_single_binding, \
         clippy::identity_op, clippy::unnecessary_wraps, unused_mut)]\n\n\
         #[allow(unused_imports)]\n\
         use crate::fast as v;\n\
         #[allow(unused_imports)]\n",
    );
    let _ = writeln!(o, "use {ids};\n");

    // The dispatch by combinator index. Its arms give a function and a
    // constant (no call, no temporaries: a debug build's frame stays small,
    // and the walker calls it at every level of a deep object).
    o.push_str(
        "#[cfg(feature = \"fast\")]\n\
         use crate::fast::Check;\n\n\
         /// How many bytes of `rest` the fields of an object of combinator\n\
         /// `index` take, when it has a validator under the features, `below`\n\
         /// levels may nest under it, and its fields are valid; else `None`.\n\
         #[cfg(feature = \"fast\")]\n\
         #[inline(never)]\n\
         pub(crate) fn body_len(index: crate::schema::CtorIndex, rest: &[u8], below: u32) -> Option<usize> {\n\
         let (check, levels): (Check, u32) = match index.0 {\n",
    );
    for (i, c) in layer.combinators.iter().enumerate() {
        if !plan.valid[i] || c.fields.is_empty() {
            continue;
        }
        let (lh, la) = plan.levels[i];
        o.push_str(plan.cfg(i).attr());
        let _ = writeln!(
            o,
            "{i} => ({}, const {{ v::levels({lh}, {la}) }}),",
            cname(layer, i)
        );
    }
    o.push_str(
        "_ => return None,\n};\n\
         if below < levels {\nreturn None;\n}\n\
         let after = check(rest)?;\n\
         Some(rest.len() - after.len())\n}\n\n",
    );

    // Which types are dispatched, under which features: those a
    // validator's field holds, and those with a validated constructor
    // (for `boxed`).
    let mut type_cfg: Vec<Option<Cfg>> = vec![None; layer.types.len()];
    let mut widen = |t: usize, cfg: Cfg| {
        type_cfg[t] = Some(type_cfg[t].map_or(cfg, |old: Cfg| old.min(cfg)));
    };
    for (i, c) in layer.combinators.iter().enumerate() {
        if !plan.valid[i] {
            continue;
        }
        for f in &c.fields {
            if f.kind == Kind::Boxed && treat(plan.layer, f, &plan.valid) == Treat::Check {
                widen(usize::from(f.arg), plan.cfg(i));
            }
        }
    }
    for (t, info) in layer.types.iter().enumerate() {
        for &m in &info.members {
            let m = usize::from(m);
            if plan.valid[m] && !layer.combinators[m].fields.is_empty() {
                widen(t, plan.cfg(m));
            }
        }
    }

    // The dispatch by type, for boxed objects whose type is known: the
    // type's validator, found once for a whole vector of its objects.
    o.push_str(
        "/// The validator of boxed objects of type `ty` (each from its id),\n\
         /// when the type has one under the features and `below` levels may\n\
         /// nest under its objects. It answers for any constructor of the\n\
         /// type: `None` for those without a validator.\n\
         #[cfg(feature = \"fast\")]\n\
         #[inline]\n\
         pub(crate) fn boxed(ty: crate::schema::TypeIndex, below: u32) -> Option<Check> {\n\
         match ty.0 {\n",
    );
    for (t, cfg) in type_cfg.iter().enumerate() {
        let Some(cfg) = cfg else { continue };
        let level = |hot: bool| {
            layer.types[t]
                .members
                .iter()
                .map(|&m| usize::from(m))
                .filter(|&m| plan.has(m, hot))
                .map(|m| {
                    if hot {
                        plan.levels[m].0
                    } else {
                        plan.levels[m].1
                    }
                })
                .max()
                .unwrap_or(0)
        };
        o.push_str(cfg.attr());
        let _ = writeln!(
            o,
            "{t} if below >= const {{ v::levels({}, {}) }} => Some({}),",
            level(true),
            level(false),
            tname(layer, t)
        );
    }
    o.push_str("_ => None,\n}\n}\n\n");
    for (t, cfg) in type_cfg.iter().enumerate() {
        if let Some(cfg) = cfg {
            o.push_str(&dispatch(&plan, t, *cfg));
        }
    }
    for (i, c) in layer.combinators.iter().enumerate() {
        if plan.valid[i] && !c.fields.is_empty() {
            o.push_str(&validator(&plan, i));
        }
    }
    // For the tests: which combinators the validators take.
    o.push_str(
        "/// Whether objects of combinator `index` are validated in straight-line\n\
         /// code under the features (those without fields always are).\n\
         #[cfg(test)]\n\
         pub(crate) fn validated(index: crate::schema::CtorIndex) -> bool {\nmatch index.0 {\n",
    );
    for i in 0..layer.combinators.len() {
        if plan.valid[i] {
            o.push_str(plan.cfg(i).attr());
            let _ = writeln!(o, "{i} => true,");
        }
    }
    o.push_str("_ => false,\n}\n}\n");
    Ok(o)
}

/// Per combinator: whether it has a validator under `fast` and under
/// `fast-all` (for tests and the closing figures).
pub fn coverage(layer: &Layer, hot: &Hot) -> Vec<(bool, bool)> {
    let plan = Plan::new(layer, hot);
    plan.hot
        .iter()
        .copied()
        .zip(plan.valid.iter().copied())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::tails;
    use crate::layer;

    /// The optional tail of `wallPaperSettings` (layer 122): from
    /// `background_color` on, every field that reads anything is under
    /// word 0 (the `true` flags read nothing), bits 0, 3 and 4, three tests
    /// (the two fields under bit 4 are one); the flags word itself is not.
    #[test]
    fn the_optional_tail_is_found_from_the_schema() {
        let text = "// LAYER 122\nwallPaperSettings#5086cf8 flags:# blur:flags.1?true \
                    motion:flags.2?true background_color:flags.0?int \
                    second_background_color:flags.4?int intensity:flags.3?int \
                    rotation:flags.4?int = WallPaperSettings;\n";
        let l = layer::build(&[("t.tl".into(), text.into())]).unwrap();
        let c = &l.combinators[0];
        assert_eq!(c.fields.len(), 7);
        assert_eq!(
            tails(c),
            [
                None,
                Some((0, 0x19, 3)),
                Some((0, 0x19, 3)),
                Some((0, 0x19, 3)),
                Some((0, 0x18, 2)),
                Some((0, 0x18, 2)),
                Some((0, 0x10, 1)),
                None,
            ]
        );
    }
}
