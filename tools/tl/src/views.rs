//! Writes `viewsNNN.rs`: a typed, borrowed view for every combinator of the
//! layer (`types::…` for constructors, `functions::…` for functions) and an
//! enum over its constructors' views for every type (`enums::…`).
//!
//! What a view knows of its layout (field order, kinds, flag bits) is
//! written here, from the schema; what all views share (reading a field from
//! validated bytes, the entry points that validate, the printers) is
//! hand-written in `tlview::view` and `tlview::print`. Names come from
//! [`crate::rustify`], which owns every TL → Rust name.
//!
//! Each item is written by a function of its own ([`view`], [`fields_struct`],
//! [`accessor`], [`step`], [`enumeration`]), so a new kind of field or a new
//! method is one match arm or one function.

use core::fmt::Write as _;
use std::collections::BTreeMap;

use crate::gen::Error;
use crate::layer::{Combinator, Field, Kind, Layer, Repeat, TypeInfo};
use crate::rustify;

/// Module path → the items written into it, for one root (`types`, …).
type Tree = BTreeMap<Vec<String>, String>;

/// The file, not yet formatted.
pub fn emit(layer: &Layer, header: &str, module: Option<&str>) -> Result<String, Error> {
    let mut o = String::from(header);
    let (api_t, api_f) = layer.counts(crate::layer::Scope::Api);
    let (mt_t, mt_f) = layer.counts(crate::layer::Scope::MtProto);
    let _ = writeln!(
        o,
        "//! The typed views of TL layer {}: one per combinator ({api_t} API constructors,\n\
         //! {api_f} API functions, {mt_t} MTProto constructors, {mt_f} MTProto functions) and an\n\
         //! enum per type ({} types).\n\
         //!\n\
         //! Generated from the schema by `tl gen`; {} re-exports\n\
         //! [`types`], [`enums`] and [`functions`]. See [`crate::view`] for how a\n\
         //! view reads.\n",
        layer.layer,
        layer.types.len(),
        match module {
            None => "the crate root".to_string(),
            Some(m) => format!("`tlview::{m}`"),
        }
    );
    let _ = writeln!(
        o,
        "#![allow(clippy::too_many_lines, clippy::match_single_binding)]\n"
    );

    let names = Names::new(layer)?.in_module(module);
    let mut types = Tree::new();
    let mut functions = Tree::new();
    let mut enums = Tree::new();
    for (i, c) in layer.combinators.iter().enumerate() {
        let (path, name) = &names.combinators[i];
        let tree = if c.is_function() {
            &mut functions
        } else {
            &mut types
        };
        let code = tree.entry(path.clone()).or_default();
        code.push_str(&view(layer, &names, i, c, name)?);
    }
    for (t, info) in layer.types.iter().enumerate() {
        let (path, name) = &names.types[t];
        let code = enums.entry(path.clone()).or_default();
        code.push_str(&enumeration(layer, &names, t, info, name));
    }

    write_root(
        &mut o,
        "types",
        "One view per constructor: its fields, read from borrowed bytes.",
        None,
        &types,
    );
    write_root(
        &mut o,
        "enums",
        "One enum per type: a variant per constructor, holding its view.",
        None,
        &enums,
    );
    write_root(
        &mut o,
        "functions",
        "One view per function (an RPC request as the server receives it).",
        Some("functions"),
        &functions,
    );

    // The typed printer's dispatch: combinator index → its view's step.
    o.push_str(
        "/// The next field of an object of the combinator at `index`, read by its\n\
         /// typed view (what the typed printers walk).\n\
         pub(crate) fn step<'a>(index: crate::schema::CtorIndex, s: &mut crate::view::Step<'a>) \
         -> Option<(&'static str, crate::object::Value<'a>)> {\n    match index.0 {\n",
    );
    for (i, c) in layer.combinators.iter().enumerate() {
        let root = if c.is_function() {
            o.push_str("        #[cfg(feature = \"functions\")]\n");
            "functions"
        } else {
            "types"
        };
        let _ = writeln!(
            o,
            "        {i} => {}::step(s),",
            rustify::path(&names.root(root), &names.combinators[i])
        );
    }
    o.push_str("        _ => None,\n    }\n}\n\n");
    o.push_str(
        "/// Reads one boxed object of the type at `ty` from the start of validated\n\
         /// `input` by its enum's generated skip (no validation); the length it\n\
         /// found. For the tests and the fuzz harness, which check it against the\n\
         /// walker's.\n\
         #[doc(hidden)]\n\
         #[inline]\n\
         pub fn reread(ty: crate::schema::TypeIndex, input: &[u8]) -> Option<usize> {\n\
         let mut r = crate::Reader::new(input);\n\
         match ty.0 {\n",
    );
    for t in 0..layer.types.len() {
        let _ = writeln!(
            o,
            "{t} => {{ <{}<'_> as crate::view::Typed<'_>>::read_valid(&mut r)?; }}",
            names.type_path(t)
        );
    }
    o.push_str("_ => return None,\n}\nSome(r.offset())\n}\n");
    Ok(o)
}

/// The Rust names of every combinator and type, checked for collisions,
/// and which of them are recursive.
pub(crate) struct Names {
    /// Per combinator: module path and name.
    pub(crate) combinators: Vec<(Vec<String>, String)>,
    /// Per type: module path and name.
    pub(crate) types: Vec<(Vec<String>, String)>,
    /// Per combinator: whether an object of it can contain another of it.
    cyclic_ctor: Vec<bool>,
    /// Per type: whether an object of it can contain another of it.
    cyclic_ty: Vec<bool>,
    /// Per type: the size of a boxed object of it (id included) when every
    /// constructor of the type has the same fixed size (`Peer`: 8).
    ty_fixed: Vec<Option<usize>>,
    /// Per type: whether a generated skip calls its `skip_boxed`: from a
    /// type constructor (`Some(false)`), only from functions (`Some(true)`),
    /// or not at all.
    skipped_boxed: Vec<Option<bool>>,
    /// The module of `tlview` the views live in (`layer230`), or `None`
    /// for the crate root's layer.
    module: Option<String>,
}

impl Names {
    pub(crate) fn new(layer: &Layer) -> Result<Names, Error> {
        let combinators: Vec<_> = layer
            .combinators
            .iter()
            .map(|c| rustify::item(&c.decl.name, c.scope))
            .collect();
        let types: Vec<_> = layer
            .types
            .iter()
            .map(|t| rustify::item(&t.name, t.scope))
            .collect();
        let mut seen: BTreeMap<(bool, &Vec<String>, String), &str> = BTreeMap::new();
        for (c, n) in layer.combinators.iter().zip(&combinators) {
            for name in [n.1.clone(), format!("{}Fields", n.1)] {
                if let Some(other) =
                    seen.insert((c.is_function(), &n.0, name.clone()), &c.decl.name)
                {
                    return Err(Error(format!(
                        "{} and {other} both become `{}::{name}`",
                        c.decl.name,
                        n.0.join("::")
                    )));
                }
            }
        }
        let mut seen_types: BTreeMap<&(Vec<String>, String), &str> = BTreeMap::new();
        for (t, n) in layer.types.iter().zip(&types) {
            if let Some(other) = seen_types.insert(n, &t.name) {
                return Err(Error(format!(
                    "types {} and {other} both become `enums::{}`",
                    t.name, n.1
                )));
            }
        }
        let (cyclic_ctor, cyclic_ty) = cycles(layer);
        let ty_fixed: Vec<Option<usize>> = layer
            .types
            .iter()
            .map(|t| {
                let sizes: Vec<Option<usize>> = t
                    .members
                    .iter()
                    .map(|&m| body_size(&layer.combinators[usize::from(m)]))
                    .collect();
                match sizes.first() {
                    Some(Some(n)) if sizes.iter().all(|s| *s == Some(*n)) => Some(4 + n),
                    _ => None,
                }
            })
            .collect();
        let mut skipped_boxed: Vec<Option<bool>> = vec![None; layer.types.len()];
        for c in &layer.combinators {
            for f in c.fields.iter().filter(|f| f.kind == Kind::Boxed) {
                let t = usize::from(f.arg);
                if !cyclic_ty[t] && ty_fixed[t].is_none() {
                    let only_functions = c.is_function() && skipped_boxed[t] != Some(false);
                    skipped_boxed[t] = Some(only_functions);
                }
            }
        }
        Ok(Names {
            combinators,
            types,
            cyclic_ctor,
            cyclic_ty,
            ty_fixed,
            skipped_boxed,
            module: None,
        })
    }

    /// The same names, for views that live in `tlview::{module}` (a layer
    /// beside the crate root's) rather than at the crate root.
    pub(crate) fn in_module(mut self, module: Option<&str>) -> Names {
        self.module = module.map(str::to_string);
        self
    }

    /// The path below `crate::` of one of the roots (`types`, `enums`,
    /// `functions`).
    pub(crate) fn root(&self, root: &str) -> String {
        match &self.module {
            None => root.to_string(),
            Some(m) => format!("{m}::{root}"),
        }
    }

    /// The path of the layer's type-index constants (`…::ty::`).
    fn ty_prefix(&self) -> String {
        match &self.module {
            None => "crate::schema::ty::".to_string(),
            Some(m) => format!("crate::{m}::ty::"),
        }
    }

    /// The module of `tlview` the layer lives in (`layer230`), or `None` for
    /// the crate root's layer.
    pub(crate) fn module(&self) -> Option<&str> {
        self.module.as_deref()
    }

    /// The `tlview::Layer` of a layer beside the crate root's, as an
    /// expression (`crate::Layer::L230`); `None` at the root.
    fn layer_expr(&self, layer: &Layer) -> Option<String> {
        self.module
            .as_ref()
            .map(|_| format!("crate::Layer::L{}", layer.layer))
    }

    pub(crate) fn ctor_path(&self, layer: &Layer, index: usize) -> String {
        let root = if layer.combinators[index].is_function() {
            "functions"
        } else {
            "types"
        };
        rustify::path(&self.root(root), &self.combinators[index])
    }

    pub(crate) fn type_path(&self, index: usize) -> String {
        rustify::path(&self.root("enums"), &self.types[index])
    }
}

/// Writes `pub mod root { … }` with a submodule per namespace.
pub(crate) fn write_root(
    o: &mut String,
    root: &str,
    doc: &str,
    feature: Option<&str>,
    tree: &Tree,
) {
    if let Some(f) = feature {
        let _ = writeln!(o, "#[cfg(feature = \"{f}\")]");
    }
    let _ = writeln!(o, "pub mod {root} {{\n    //! {doc}");
    let mut open: Vec<String> = Vec::new();
    for (path, code) in tree {
        while !path.starts_with(&open) {
            open.pop();
            o.push_str("}\n");
        }
        for m in &path[open.len()..] {
            let _ = writeln!(o, "/// The `{m}` namespace.\npub mod {m} {{");
            open.push(m.clone());
        }
        o.push_str(code);
    }
    for _ in open {
        o.push_str("}\n");
    }
    o.push_str("}\n\n");
}

/// The schema line of a combinator, as its items' doc comments give it.
pub(crate) fn schema_doc(c: &Combinator) -> String {
    let file = crate::layer::file_name(&c.decl.file);
    format!(
        "/// `{}`\n///\n/// From `{file}`, line {}.\n",
        c.decl.text.trim_end_matches(';').trim(),
        c.decl.line
    )
}

/// The Rust type of one value of `kind` (a vector's element, or a field).
fn value_type(layer: &Layer, names: &Names, kind: Kind, arg: u16) -> Result<String, Error> {
    Ok(match kind {
        Kind::Int => "i32".into(),
        Kind::Long => "i64".into(),
        Kind::Double => "f64".into(),
        Kind::Int128 => "&'a [u8; 16]".into(),
        Kind::Int256 => "&'a [u8; 32]".into(),
        Kind::String => "crate::TlStr<'a>".into(),
        Kind::Bytes => "&'a [u8]".into(),
        Kind::Bool | Kind::True => "bool".into(),
        Kind::Boxed => format!("{}<'a>", names.type_path(usize::from(arg))),
        Kind::Bare => format!("{}<'a>", names.ctor_path(layer, usize::from(arg))),
        Kind::AnyBoxed | Kind::SizedObject => "crate::Object<'a>".into(),
        Kind::Flags => return Err(Error("a flags word has no value type".into())),
    })
}

/// The Rust type a field's accessor returns, before `Option`.
fn field_type(layer: &Layer, names: &Names, f: &Field) -> Result<String, Error> {
    let one = value_type(layer, names, f.kind, f.arg)?;
    Ok(match f.repeat {
        Repeat::One => one,
        _ => {
            if matches!(f.kind, Kind::AnyBoxed | Kind::SizedObject | Kind::True) {
                return Err(Error(format!(
                    "field {}: a vector of {:?} has no typed element",
                    f.name, f.kind
                )));
            }
            format!("crate::Vector<'a, {one}>")
        }
    })
}

/// Whether a value of this field borrows from the message.
fn borrows(f: &Field) -> bool {
    f.repeat != Repeat::One
        || !matches!(
            f.kind,
            Kind::Int | Kind::Long | Kind::Double | Kind::Bool | Kind::True | Kind::Flags
        )
}

/// The cursor call that reads one present field at `c`.
fn read_expr(layer: &Layer, names: &Names, f: &Field) -> Result<String, Error> {
    let elem = || value_type(layer, names, f.kind, f.arg);
    Ok(match f.repeat {
        Repeat::BoxedVector => format!("vector::<{}>()", elem()?),
        Repeat::BareVector => format!("bare_vector::<{}>()", elem()?),
        Repeat::One => match f.kind {
            Kind::Int => "int()".into(),
            Kind::Long => "long()".into(),
            Kind::Double => "double()".into(),
            Kind::Int128 => "int128()".into(),
            Kind::Int256 => "int256()".into(),
            Kind::String => "string()".into(),
            Kind::Bytes => "bytes()".into(),
            Kind::Bool => "boolean()".into(),
            Kind::Boxed | Kind::Bare => format!("view::<{}>()", elem()?),
            Kind::AnyBoxed | Kind::SizedObject => match names.layer_expr(layer) {
                None => "object()".into(),
                Some(l) => format!("object_in({l})"),
            },
            Kind::True | Kind::Flags => {
                return Err(Error(format!("field {}: nothing to read", f.name)))
            }
        },
    })
}

/// The `Body` call that reads a scalar field at a fixed offset `at`
/// directly (one bounds check, no cursor), for the kinds that have one.
fn direct_read(f: &Field, at: usize) -> Option<String> {
    if f.repeat != Repeat::One {
        return None;
    }
    match f.kind {
        Kind::Int => Some(format!("int_at({at})")),
        Kind::Long => Some(format!("long_at({at})")),
        Kind::Double => Some(format!("double_at({at})")),
        _ => None,
    }
}

/// Whether a field is a `#` word that later fields test.
pub(crate) fn is_flags_word(f: &Field) -> bool {
    f.kind == Kind::Flags && f.repeat == Repeat::One
}

/// The flags words (as field indices) that some field with bytes depends
/// on: a `flags.N?true` has none, so a word only they test is skipped.
fn tested_words(c: &Combinator) -> Vec<usize> {
    c.fields
        .iter()
        .filter(|f| !is_flag_true(f))
        .filter_map(|f| f.when.map(|(w, _)| usize::from(w)))
        .collect()
}

/// Whether a field is a `flags.N?true`: a bit, no bytes.
pub(crate) fn is_flag_true(f: &Field) -> bool {
    f.kind == Kind::True && f.repeat == Repeat::One
}

/// The fields a view shows: all but the `#` words.
fn shown(c: &Combinator) -> impl Iterator<Item = (usize, &Field)> {
    c.fields
        .iter()
        .enumerate()
        .filter(|(_, f)| !is_flags_word(f))
}

/// The view of combinator `index`, with its fields struct.
fn view(
    layer: &Layer,
    names: &Names,
    index: usize,
    c: &Combinator,
    name: &str,
) -> Result<String, Error> {
    let mut o = schema_doc(c);
    let tl = &c.decl.name;
    let _ = writeln!(
        o,
        "#[derive(Clone, Copy)]\npub struct {name}<'a>(pub(crate) crate::view::Body<'a>);\n"
    );
    let ty = match c.ty {
        Some(t) if !c.is_function() => {
            format!(
                "{}{}",
                names.ty_prefix(),
                layer.types[usize::from(t)].const_name
            )
        }
        _ => String::new(),
    };
    let root = if ty.is_empty() {
        "crate::walk::Expect::Any".to_string()
    } else {
        format!("crate::walk::Expect::Type({ty})")
    };
    let what = if c.is_function() { "request" } else { "object" };
    let _ = write!(
        o,
        "impl<'a> {name}<'a> {{\n\
         /// The constructor id.\n\
         pub const ID: u32 = {id:#010x};\n\
         /// The name the schema gives it.\n\
         #[cfg(feature = \"names\")]\n\
         pub const NAME: &'static str = \"{tl}\";\n\
         /// Its index in the layer table.\n\
         const INDEX: crate::schema::CtorIndex = crate::schema::CtorIndex({index});\n\n\
         {decoders}\
         /// The dynamic view of the same object.\n\
         #[inline]\n\
         pub fn object(&self) -> crate::Object<'a> {{\n\
         self.0.exact(Self::skip).{object}\n}}\n\
         /// Its field bytes (after the constructor id), borrowed from the message.\n\
         #[inline]\n\
         pub fn body(&self) -> &'a [u8] {{\n\
         self.0.exact(Self::skip).bytes()\n}}\n",
        id = c.id,
        decoders = decoders(&format!("boxed `{tl}` {what}")),
        object = match names.layer_expr(layer) {
            None => "object(Self::INDEX)".to_string(),
            Some(l) => format!("object_in({l}, Self::INDEX)"),
        },
    );
    let any_shown = shown(c).next().is_some();
    if any_shown {
        o.push_str(&read_fn(layer, names, c, name)?);
    }
    for (k, f) in shown(c) {
        o.push_str(&accessor(layer, names, c, k, f)?);
    }
    // Only accessors whose offset the flags decide use it.
    let flag_word_moves = |f: &Field| {
        f.when
            .is_some_and(|(w, _)| static_offset(names, c, usize::from(w)).is_none())
    };
    if shown(c).any(|(k, f)| {
        if is_flag_true(f) {
            flag_word_moves(f)
        } else {
            static_offset(names, c, k).is_none()
        }
    }) {
        o.push_str(&cursor_to_fn(layer, names, c));
    }
    o.push_str(&step(layer, names, c)?);
    o.push_str(&skip_fn(layer, names, c));
    o.push_str("}\n\n");

    let layer_const = layer_const(layer, names);
    let _ = write!(
        o,
        "impl crate::view::Sealed for {name}<'_> {{}}\n\
         impl<'a> crate::view::Typed<'a> for {name}<'a> {{\n\
         {layer_const}\
         const ELEMENT: crate::walk::Expect = crate::walk::Expect::Bare(Self::INDEX);\n\
         const ROOT: crate::walk::Expect = {root};\n\
         const ID: Option<u32> = Some(Self::ID);\n\
         #[inline]\n\
         fn from_body(id: u32, b: crate::view::Body<'a>) -> Option<Self> {{\n\
         (id == Self::ID).then_some(Self(b))\n}}\n\
         #[inline]\n\
         fn fallback() -> Self {{\nSelf(crate::view::Body::EMPTY)\n}}\n\
         #[inline]\n\
         fn read_valid(r: &mut crate::Reader<'a>) -> Option<Self> {{\n\
         if !cfg!(feature = \"fast\") {{\nreturn crate::view::reread(r);\n}}\n\
         let start = *r;\nSelf::skip(r)?;\nSome(Self(crate::view::Body::span(&start, r)))\n}}\n\
         #[inline]\n\
         fn view_at(r: crate::Reader<'a>) -> Option<Self> {{\nSome(Self(crate::view::Body::rest(&r)))\n}}\n\
         #[inline]\n\
         fn as_object(&self) -> crate::Object<'a> {{\nself.object()\n}}\n}}\n\
         impl<'a> TryFrom<crate::Object<'a>> for {name}<'a> {{\n\
         type Error = crate::Error;\n\
         /// Views a dynamic object of this constructor, without validating it again.\n\
         fn try_from(o: crate::Object<'a>) -> crate::Result<Self> {{\ncrate::view::convert(o)\n}}\n}}\n"
    );
    o.push_str(&printers(name));
    o.push_str(&serialize_impl(name));
    if any_shown {
        o.push_str(&fields_struct(layer, names, c, name)?);
    }
    Ok(o)
}

/// `Typed::LAYER` of a view of a layer beside the crate root's (the trait
/// defaults to the root's).
fn layer_const(layer: &Layer, names: &Names) -> String {
    match names.layer_expr(layer) {
        None => String::new(),
        Some(l) => format!("const LAYER: crate::Layer = {l};\n"),
    }
}

/// `Debug` (always) and `Display` (TL JSON, with `names`) through the typed
/// printer.
fn printers(name: &str) -> String {
    format!(
        "impl core::fmt::Debug for {name}<'_> {{\n\
         #[inline]\n\
         fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {{\n\
         crate::print::debug(f, self.object())\n}}\n}}\n\
         /// TL JSON (`{{:#}}` indents it).\n\
         #[cfg(feature = \"names\")]\n\
         impl core::fmt::Display for {name}<'_> {{\n\
         #[inline]\n\
         fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {{\n\
         crate::print::json(f, self.object())\n}}\n}}\n\n"
    )
}

/// `serde::Serialize` (feature `serde`): TL JSON's structure, through the
/// dynamic view of the same object (`crate::ser`). One impl per view: a
/// blanket impl over `Typed` would implement a foreign trait for an
/// uncovered type parameter, which coherence forbids (E0210).
fn serialize_impl(name: &str) -> String {
    format!(
        "#[cfg(feature = \"serde\")]\n\
         impl serde::Serialize for {name}<'_> {{\n\
         #[inline]\n\
         fn serialize<S: serde::Serializer>(&self, s: S) -> core::result::Result<S::Ok, S::Error> {{\n\
         crate::ser::object(self.object(), s)\n}}\n}}\n\n"
    )
}

/// The generics of the fields struct: `<'a>` when a field borrows.
fn fields_generics(c: &Combinator) -> &'static str {
    if shown(c).any(|(_, f)| borrows(f)) {
        "<'a>"
    } else {
        ""
    }
}

/// `read()`: every field in one pass.
fn read_fn(layer: &Layer, names: &Names, c: &Combinator, name: &str) -> Result<String, Error> {
    let g = fields_generics(c);
    let mut o = format!(
        "/// Reads every field in one pass over the object's bytes.\n\
         #[inline]\n\
         pub fn read(&self) -> {name}Fields{g} {{\n\
         let mut cursor_ = self.0.cursor();\n"
    );
    let mut words: BTreeMap<usize, String> = BTreeMap::new();
    for (k, f) in c.fields.iter().enumerate() {
        let local = rustify::field(&f.name);
        if is_flags_word(f) {
            let flags = if f.word == 0 { "flags" } else { "flags2" };
            if c.fields
                .iter()
                .any(|g| g.when.is_some_and(|(w, _)| usize::from(w) == k))
            {
                let _ = writeln!(o, "let {local} = cursor_.{flags}();");
            } else {
                // A word no field tests (`exportedChatlistInvite`'s): read past.
                let _ = writeln!(o, "cursor_.{flags}();");
            }
            words.insert(k, local);
            continue;
        }
        let cond = match f.when {
            Some((w, bit)) => {
                let word = words.get(&usize::from(w)).ok_or_else(|| {
                    Error(format!(
                        "{}: {} tests a later flags field",
                        c.decl.name, f.name
                    ))
                })?;
                Some(format!("{word} & (1 << {bit}) != 0"))
            }
            None => None,
        };
        let _ = match (cond, is_flag_true(f)) {
            (Some(cond), true) => writeln!(o, "let {local} = {cond};"),
            (None, true) => writeln!(o, "let {local} = true;"),
            (Some(cond), false) => writeln!(
                o,
                "let {local} = if {cond} {{ Some(cursor_.{}) }} else {{ None }};",
                read_expr(layer, names, f)?
            ),
            (None, false) => {
                writeln!(o, "let {local} = cursor_.{};", read_expr(layer, names, f)?)
            }
        };
    }
    let fields: Vec<String> = shown(c).map(|(_, f)| rustify::field(&f.name)).collect();
    let _ = writeln!(o, "{name}Fields {{ {} }}\n}}", fields.join(", "));
    Ok(o)
}

/// The plain struct `read()` returns.
fn fields_struct(
    layer: &Layer,
    names: &Names,
    c: &Combinator,
    name: &str,
) -> Result<String, Error> {
    let g = fields_generics(c);
    let mut o = format!(
        "/// Every field of a [`{name}`], read in one pass by [`{name}::read`].\n\
         #[derive(Clone, Copy)]\n\
         pub struct {name}Fields{g} {{\n"
    );
    for (_, f) in shown(c) {
        let _ = writeln!(
            o,
            "/// `{}:{}`\npub {}: {},",
            f.name,
            f.written,
            rustify::field(&f.name),
            accessor_type(layer, names, f)?
        );
    }
    o.push_str("}\n\n");
    Ok(o)
}

/// What a field's accessor returns.
fn accessor_type(layer: &Layer, names: &Names, f: &Field) -> Result<String, Error> {
    if is_flag_true(f) {
        return Ok("bool".into());
    }
    let t = field_type(layer, names, f)?;
    Ok(if f.when.is_some() {
        format!("Option<{t}>")
    } else {
        t
    })
}

/// One field's accessor: straight at its offset when the schema fixes it
/// (and at its flags word's, for a guarded one), else found by the table.
fn accessor(
    layer: &Layer,
    names: &Names,
    c: &Combinator,
    k: usize,
    f: &Field,
) -> Result<String, Error> {
    let doc = format!("/// `{}:{}`\n#[inline]\n", f.name, f.written);
    let name = rustify::field(&f.name);
    let ret = accessor_type(layer, names, f)?;
    let at = static_offset(names, c, k);
    // The guarding word's offset and the bit, when both are fixed.
    let guard = f
        .when
        .and_then(|(w, bit)| Some((static_offset(names, c, usize::from(w))?, bit)));
    // An accessor does not move on past its field: a nested view or a
    // vector need not find its end.
    let read = || {
        read_expr(layer, names, f).map(|e| {
            e.replace("view::<", "view_lazy::<")
                .replace("vector::<", "vector_lazy::<")
        })
    };
    let body = match (is_flag_true(f), f.when.is_some(), at, guard) {
        (true, false, _, _) => "true".to_string(),
        (true, true, _, Some((w, bit))) => format!("self.0.word_at({w}) & (1 << {bit}) != 0"),
        (true, true, _, None) => {
            let (w, bit) = f.when.unwrap_or((0, 0));
            let flags = if f.word == 0 { "flags" } else { "flags2" };
            format!("Self::cursor_to(self.0, {w}).is_some_and(|mut c| c.{flags}() & (1 << {bit}) != 0)")
        }
        (false, true, Some(at), Some((w, bit))) => format!(
            "if self.0.word_at({w}) & (1 << {bit}) != 0 {{ Some(self.0.cursor_at({at}).{}) }} else {{ None }}",
            read()?
        ),
        (false, true, _, _) => format!(
            "Self::cursor_to(self.0, {k}).map(|mut c| c.{})",
            read()?
        ),
        (false, false, Some(at), _) => match direct_read(f, at) {
            Some(direct) => format!("self.0.{direct}"),
            None => format!("self.0.cursor_at({at}).{}", read()?),
        },
        (false, false, None, _) => format!(
            "Self::cursor_to(self.0, {k}).unwrap_or(crate::view::Body::EMPTY.cursor()).{}",
            read()?
        ),
    };
    Ok(format!(
        "{doc}pub fn {name}(&self) -> {ret} {{\n{body}\n}}\n"
    ))
}

/// The typed printer's step: the next present field, read by the view.
fn step(layer: &Layer, names: &Names, c: &Combinator) -> Result<String, Error> {
    let mut o = String::from(
        "pub(crate) fn step(s: &mut crate::view::Step<'a>) \
         -> Option<(&'static str, crate::object::Value<'a>)> {\n",
    );
    if c.fields.is_empty() {
        o.push_str("let _ = s;\nNone\n}\n");
        return Ok(o);
    }
    // A flags word or a guarded field may be passed over: then the step
    // loops to the next field.
    let loops = c
        .fields
        .iter()
        .any(|f| f.when.is_some() || f.kind == Kind::Flags);
    o.push_str(if loops {
        "loop {\nlet (k, c) = s.next();\nreturn Some(match k {\n"
    } else {
        "let (k, c) = s.next();\nSome(match k {\n"
    });
    for (k, f) in c.fields.iter().enumerate() {
        if is_flags_word(f) {
            let flags = if f.word == 0 { "flags" } else { "flags2" };
            let _ = writeln!(o, "{k} => {{ c.{flags}(); continue; }}");
            continue;
        }
        let value = if is_flag_true(f) {
            "crate::object::Value::True".to_string()
        } else {
            match f.repeat {
                Repeat::One => match f.kind {
                    Kind::Int => "crate::object::Value::Int(c.int())".into(),
                    Kind::Long => "crate::object::Value::Long(c.long())".into(),
                    Kind::Double => "crate::object::Value::Double(c.double())".into(),
                    Kind::Int128 => "crate::object::Value::Int128(c.int128())".into(),
                    Kind::Int256 => "crate::object::Value::Int256(c.int256())".into(),
                    Kind::String => "crate::object::Value::String(c.string())".into(),
                    Kind::Bytes => "crate::object::Value::Bytes(c.bytes())".into(),
                    Kind::Bool => "crate::object::Value::Bool(c.boolean())".into(),
                    Kind::AnyBoxed | Kind::SizedObject => match names.layer_expr(layer) {
                        None => "crate::object::Value::Object(c.object())".into(),
                        Some(l) => format!("crate::object::Value::Object(c.object_in({l}))"),
                    },
                    _ => format!(
                        "crate::object::Value::Object(c.view::<{}>().object())",
                        value_type(layer, names, f.kind, f.arg)?
                    ),
                },
                _ => match names.layer_expr(layer) {
                    None => format!(
                        "crate::object::Value::Vector(c.values::<{}>({}))",
                        value_type(layer, names, f.kind, f.arg)?,
                        crate::gen::op_expr_at(layer, f, "crate::schema::")
                    ),
                    Some(l) => format!(
                        "crate::object::Value::Vector(c.values_in::<{}>({l}, {}))",
                        value_type(layer, names, f.kind, f.arg)?,
                        crate::gen::op_expr_in(layer, f, "crate::schema::", &names.ty_prefix())
                    ),
                },
            }
        };
        match f.when {
            Some((_, bit)) => {
                let has = if f.word == 0 { "has" } else { "has2" };
                let _ = writeln!(
                    o,
                    "{k} => {{ if !c.{has}({bit}) {{ continue; }} (\"{}\", {value}) }}",
                    f.name
                );
            }
            None => {
                let _ = writeln!(o, "{k} => (\"{}\", {value}),", f.name);
            }
        }
    }
    o.push_str(if loops {
        "_ => return None,\n});\n}\n}\n"
    } else {
        "_ => return None,\n})\n}\n"
    });
    Ok(o)
}

/// The enum of type `t`.
/// A type's variants: `(variant name, constructor index)` per constructor;
/// names that would collide keep the constructor's full name.
pub(crate) fn variants(names: &Names, info: &TypeInfo, name: &str) -> Vec<(String, usize)> {
    let short: Vec<String> = info
        .members
        .iter()
        .map(|&m| rustify::variant(name, &names.combinators[usize::from(m)].1))
        .collect();
    info.members
        .iter()
        .zip(&short)
        .map(|(&m, v)| {
            let m = usize::from(m);
            let clash = short.iter().filter(|w| *w == v).count() > 1;
            let variant = if clash { &names.combinators[m].1 } else { v };
            (variant.clone(), m)
        })
        .collect()
}

fn enumeration(layer: &Layer, names: &Names, t: usize, info: &TypeInfo, name: &str) -> String {
    // (variant, constructor path).
    let members: Vec<(String, String)> = variants(names, info, name)
        .into_iter()
        .map(|(v, m)| (v, names.ctor_path(layer, m)))
        .collect();
    let ty = format!("{}{}", names.ty_prefix(), info.const_name);
    let mut o = format!(
        "/// The type `{}`: one variant per constructor.\n#[derive(Clone, Copy)]\npub enum {name}<'a> {{\n",
        info.name
    );
    for (i, (v, p)) in members.iter().enumerate() {
        let c = &layer.combinators[usize::from(info.members[i])];
        let _ = writeln!(
            o,
            "/// `{}`\n{v}({p}<'a>),",
            c.decl.text.trim_end_matches(';').trim()
        );
    }
    o.push_str("}\n\n");
    let arms = |f: &dyn Fn(&str, &str) -> String| -> String {
        members
            .iter()
            .map(|(v, p)| f(v, p))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let _ = write!(
        o,
        "impl<'a> {name}<'a> {{\n\
         /// Its index in the layer table's types.\n\
         const TYPE: crate::schema::TypeIndex = {ty};\n\
         {decoders}\
         /// Its constructor id.\n\
         #[inline]\n\
         pub fn constructor_id(&self) -> u32 {{\nmatch self {{\n{ids}\n}}\n}}\n\
         /// Its constructor's name in the schema.\n\
         #[cfg(feature = \"names\")]\n\
         #[inline]\n\
         pub fn constructor_name(&self) -> &'static str {{\nmatch self {{\n{names_}\n}}\n}}\n\
         /// The dynamic view of the same object.\n\
         #[inline]\n\
         pub fn object(&self) -> crate::Object<'a> {{\nmatch self {{\n{objects}\n}}\n}}\n\
         {common}}}\n\n",
        decoders = decoders(&format!("`{}`", info.name)),
        ids = arms(&|v, p| format!("Self::{v}(_) => {p}::ID,")),
        names_ = arms(&|v, p| format!("Self::{v}(_) => {p}::NAME,")),
        objects = arms(&|v, _| format!("Self::{v}(x) => x.object(),")),
        common = common_accessors(layer, names, info, &members),
    );
    let first = &members[0];
    let _ = write!(
        o,
        "impl crate::view::Sealed for {name}<'_> {{}}\n\
         impl<'a> crate::view::Typed<'a> for {name}<'a> {{\n\
         {layer_const}\
         const ELEMENT: crate::walk::Expect = crate::walk::Expect::Type(Self::TYPE);\n\
         const ROOT: crate::walk::Expect = crate::walk::Expect::Type(Self::TYPE);\n\
         const ID: Option<u32> = None;\n\
         #[inline]\n\
         fn from_body(id: u32, b: crate::view::Body<'a>) -> Option<Self> {{\n\
         Some(match id {{\n{from}\n_ => return None,\n}})\n}}\n\
         #[inline]\n\
         fn fallback() -> Self {{\nSelf::{fv}({fp}(crate::view::Body::EMPTY))\n}}\n\
         #[inline]\n\
         fn read_valid(r: &mut crate::Reader<'a>) -> Option<Self> {{\n\
         if !cfg!(feature = \"fast\") {{\nreturn crate::view::reread(r);\n}}\n\
         let id = r.u32_opt()?;\nlet start = *r;\n\
         Some(match id {{\n{reads}\n_ => return None,\n}})\n}}\n\
         #[inline]\n\
         fn view_at(mut r: crate::Reader<'a>) -> Option<Self> {{\n\
         let id = r.u32_opt()?;\nlet b = crate::view::Body::rest(&r);\n\
         Some(match id {{\n{from}\n_ => return None,\n}})\n}}\n\
         #[inline]\n\
         fn as_object(&self) -> crate::Object<'a> {{\nself.object()\n}}\n}}\n\
         {skip_boxed}\
         impl<'a> TryFrom<crate::Object<'a>> for {name}<'a> {{\n\
         type Error = crate::Error;\n\
         /// Views a dynamic object of this type, without validating it again.\n\
         fn try_from(o: crate::Object<'a>) -> crate::Result<Self> {{\ncrate::view::convert(o)\n}}\n}}\n",
        from = arms(&|v, p| format!("{p}::ID => Self::{v}({p}(b)),")),
        reads = arms(&|v, p| format!(
            "{p}::ID => {{ {p}::skip(r)?; Self::{v}({p}(crate::view::Body::span(&start, r))) }}"
        )),
        skip_boxed = match names.skipped_boxed[t] {
            None => String::new(),
            Some(only_functions) => format!(
                "{}impl {name}<'_> {{\n\
                 /// Moves `r` past one boxed object of this type, which was validated.\n\
                 #[inline]\n\
                 pub(crate) fn skip_boxed(r: &mut crate::Reader<'_>) -> Option<()> {{\n\
                 match r.u32_opt()? {{\n{}\n_ => None,\n}}\n}}\n}}\n",
                if only_functions { "#[cfg(feature = \"functions\")]\n" } else { "" },
                arms(&|_, p| format!("{p}::ID => {p}::skip(r),"))
            ),
        },
        fv = first.0,
        fp = first.1,
        layer_const = layer_const(layer, names),
    );
    o.push_str(&printers(name));
    o.push_str(&serialize_impl(name));
    o
}

/// `checksNNN.rs`, compiled into the library's own tests only: for every
/// combinator, its view's accessors against its one-pass `read()` (the
/// accessors find their field by the layer table, `read()` by the generated
/// sequence, so each checks the other), field by field.
pub fn emit_checks(layer: &Layer, header: &str, module: Option<&str>) -> Result<String, Error> {
    let names = Names::new(layer)?.in_module(module);
    let mut o = String::from(header);
    o.push_str(
        "//! For the library's tests: each combinator's view, its accessors against\n\
         //! its one-pass `read()`, field by field.\n\n\
         use super::typed_tests::{agree, agree_table};\n\n",
    );
    // One function per combinator (a single match of them all is slow to
    // compile), then the dispatch.
    let mut dispatch = String::from(
        "/// Views `o` (the combinator at `index`) through its typed view and checks\n\
         /// that every accessor gives what `read()` gives; the number of fields.\n\
         pub(super) fn check(index: crate::schema::CtorIndex, o: crate::Object<'_>) -> Result<usize, String> {\n\
         match index.0 {\n",
    );
    for (i, c) in layer.combinators.iter().enumerate() {
        let cfg = if c.is_function() {
            "#[cfg(feature = \"functions\")]\n"
        } else {
            ""
        };
        let _ = writeln!(dispatch, "{cfg}{i} => check_{i}(o),");
        let path = names.ctor_path(layer, i);
        let _ = writeln!(
            o,
            "{cfg}fn check_{i}(o: crate::Object<'_>) -> Result<usize, String> {{\n\
             let v = {path}::try_from(o).map_err(|e| format!(\"{{e:?}}\"))?;"
        );
        let fields: Vec<_> = shown(c).collect();
        if fields.is_empty() {
            o.push_str("let _ = v;\nOk(0)\n}\n");
            continue;
        }
        o.push_str("let r = v.read();\n");
        for (k, f) in &fields {
            let n = rustify::field(&f.name);
            let _ = writeln!(o, "agree(\"{}\", &v.{n}(), &r.{n})?;", f.name);
            let _ = writeln!(o, "agree_table(\"{}\", &v.{n}(), o, {k})?;", f.name);
        }
        let _ = writeln!(o, "Ok({})\n}}", fields.len());
    }
    dispatch.push_str("_ => Err(format!(\"no view for combinator {index}\")),\n}\n}\n\n");
    o.push_str(&dispatch);
    o.push_str(
        "/// Decodes a prefix of `input` as the type at `ty` through its enum's\n\
         /// `decode_prefix`; its length and constructor id.\n\
         pub(super) fn decode_as(ty: crate::schema::TypeIndex, input: &[u8]) -> crate::Result<(usize, u32)> {\n\
         match ty.0 {\n",
    );
    for t in 0..layer.types.len() {
        let _ = writeln!(
            o,
            "{t} => {}::decode_prefix(input).map(|(v, rest)| (input.len() - rest.len(), v.constructor_id())),",
            names.type_path(t)
        );
    }
    o.push_str(
        "_ => Err(crate::Error::new(crate::ErrorKind::UnknownConstructor { id: 0 }, 0)),\n}\n}\n\n",
    );
    Ok(o)
}

/// Accessors on a type's enum for the fields that every constructor of the
/// type has, under the same name and with the same Rust type
/// (`MessageEntity::offset`, `Message::id`).
fn common_accessors(
    layer: &Layer,
    names: &Names,
    info: &TypeInfo,
    members: &[(String, String)],
) -> String {
    let ctors: Vec<&Combinator> = info
        .members
        .iter()
        .map(|&m| &layer.combinators[usize::from(m)])
        .collect();
    let typed = |c: &Combinator, name: &str| -> Option<(String, String)> {
        let f = shown(c).map(|(_, f)| f).find(|f| f.name == name)?;
        Some((accessor_type(layer, names, f).ok()?, f.written.clone()))
    };
    let mut o = String::new();
    let Some(first) = ctors.first() else {
        return o;
    };
    let mut any_body = false;
    for (_, f) in shown(first) {
        let Some((ty, _)) = typed(first, &f.name) else {
            continue;
        };
        let Some(mut kinds) = ctors
            .iter()
            .map(|c| typed(c, &f.name).filter(|(t, _)| *t == ty).map(|(_, w)| w))
            .collect::<Option<Vec<String>>>()
        else {
            continue;
        };
        kinds.dedup();
        let n = rustify::field(&f.name);
        // Where every constructor has the field at the same fixed offset,
        // it is read from whichever body the view holds, without a branch
        // per constructor.
        let direct = ctors
            .iter()
            .map(|c| {
                let (k, f) = shown(c).find(|(_, g)| g.name == f.name)?;
                if f.when.is_some() {
                    return None;
                }
                direct_read(f, static_offset(names, c, k)?)
            })
            .collect::<Option<Vec<String>>>()
            .filter(|d| d.windows(2).all(|w| w[0] == w[1]))
            .and_then(|d| d.into_iter().next());
        if let Some(direct) = direct {
            any_body = true;
            let _ = writeln!(
                o,
                "/// `{}:{}`, which every constructor of the type has.\n#[inline]\n\
                 pub fn {n}(&self) -> {ty} {{\nself.any_body().{direct}\n}}",
                f.name,
                kinds.join("` / `"),
            );
            continue;
        }
        let _ = writeln!(
            o,
            "/// `{}:{}`, which every constructor of the type has.\n#[inline]\n\
             pub fn {n}(&self) -> {ty} {{\nmatch self {{\n{}\n}}\n}}",
            f.name,
            kinds.join("` / `"),
            members
                .iter()
                .map(|(v, _)| format!("Self::{v}(x) => x.{n}(),"))
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
    if any_body {
        let _ = writeln!(
            o,
            "/// The fields of whichever constructor it holds (every variant\n\
             /// holds one body at the same place, so this is one load).\n\
             #[inline(always)]\n\
             fn any_body(&self) -> crate::view::Body<'a> {{\nmatch self {{\n{}\n}}\n}}",
            members
                .iter()
                .map(|(v, _)| format!("Self::{v}(x) => x.0,"))
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
    o
}

/// Which combinators and types can contain themselves (through any chain of
/// fields, optional or in vectors). The generated skips call each other only
/// through types that cannot, so their nesting is bounded by the schema, not
/// by the input; a recursive type's fields are skipped by the table walker.
pub(crate) fn cycles(layer: &Layer) -> (Vec<bool>, Vec<bool>) {
    let nc = layer.combinators.len();
    // Nodes: combinators 0..nc, then types.
    let mut edges: Vec<Vec<usize>> = vec![Vec::new(); nc + layer.types.len()];
    for (i, c) in layer.combinators.iter().enumerate() {
        for f in &c.fields {
            match f.kind {
                Kind::Boxed => edges[i].push(nc + usize::from(f.arg)),
                Kind::Bare => edges[i].push(usize::from(f.arg)),
                _ => {}
            }
        }
    }
    for (t, info) in layer.types.iter().enumerate() {
        edges[nc + t].extend(info.members.iter().map(|&m| usize::from(m)));
    }
    let n = edges.len();
    let mut cyclic = vec![false; n];
    let mut seen = vec![usize::MAX; n];
    for start in 0..n {
        // Is `start` reachable from its own successors?
        let mut stack: Vec<usize> = edges[start].clone();
        while let Some(x) = stack.pop() {
            if x == start {
                cyclic[start] = true;
                break;
            }
            if seen[x] == start {
                continue;
            }
            seen[x] = start;
            stack.extend(edges[x].iter().copied());
        }
    }
    let ty = cyclic.split_off(nc);
    (cyclic, ty)
}

/// The size of a constructor's fields when the schema fixes it (none is
/// guarded or a vector, each has a fixed size).
fn body_size(c: &Combinator) -> Option<usize> {
    c.fields
        .iter()
        .map(|f| match (f.when, f.repeat) {
            (None, Repeat::One) => fixed_size(f.kind),
            _ => None,
        })
        .sum()
}

/// The size of one value of `kind` when the schema fixes it.
fn fixed_size(kind: Kind) -> Option<usize> {
    match kind {
        Kind::Bool => Some(4),
        k => k.fixed_size(),
    }
}

/// The offset of field `k` in the body when the schema fixes it: every
/// field before it has a fixed size and is always there.
fn static_offset(names: &Names, c: &Combinator, k: usize) -> Option<usize> {
    let mut at = 0;
    for f in c.fields.get(..k)? {
        if f.when.is_some() || f.repeat != Repeat::One {
            return None;
        }
        at += match f.kind {
            Kind::Boxed => names.ty_fixed[usize::from(f.arg)]?,
            k => fixed_size(k)?,
        };
    }
    Some(at)
}

/// How the generated skip moves past one value of `kind` (not a vector).
fn skip_one(layer: &Layer, names: &Names, kind: Kind, arg: u16) -> String {
    match kind {
        Kind::String | Kind::Bytes => "crate::view::skip::bytes(r)?".into(),
        Kind::Boxed if names.ty_fixed[usize::from(arg)].is_some() => format!(
            "crate::view::skip::fixed(r, {})?",
            names.ty_fixed[usize::from(arg)].unwrap_or(0)
        ),
        Kind::Boxed if names.cyclic_ty[usize::from(arg)] => match names.layer_expr(layer) {
            None => format!(
                "crate::view::skip::walk_type(r, crate::schema::ty::{})?",
                layer.types[usize::from(arg)].const_name
            ),
            Some(l) => format!(
                "crate::view::skip::walk_in({l}, r, crate::walk::Expect::Type({}{}))?",
                names.ty_prefix(),
                layer.types[usize::from(arg)].const_name
            ),
        },
        Kind::Boxed => format!("{}::skip_boxed(r)?", names.type_path(usize::from(arg))),
        Kind::Bare if names.cyclic_ctor[usize::from(arg)] => match names.layer_expr(layer) {
            None => format!("crate::view::skip::walk_bare(r, crate::schema::CtorIndex({arg}))?"),
            Some(l) => format!(
                "crate::view::skip::walk_in({l}, r, crate::walk::Expect::Bare(crate::schema::CtorIndex({arg})))?"
            ),
        },
        Kind::Bare => format!("{}::skip(r)?", names.ctor_path(layer, usize::from(arg))),
        Kind::AnyBoxed | Kind::SizedObject => match names.layer_expr(layer) {
            None => "crate::view::skip::walk_any(r)?".into(),
            Some(l) => format!("crate::view::skip::walk_in({l}, r, crate::walk::Expect::Any)?"),
        },
        k => format!(
            "crate::view::skip::fixed(r, {})?",
            fixed_size(k).unwrap_or(0)
        ),
    }
}

/// `decode`, `decode_with` and `decode_prefix` of a view; `what` says what
/// they read (``boxed `message` object``).
fn decoders(what: &str) -> String {
    format!(
        "/// Validates that `input` is exactly one {what} and views it.\n\
         #[inline]\n\
         pub fn decode(input: &'a [u8]) -> crate::Result<Self> {{\n\
         crate::view::decode(input, &crate::Limits::DEFAULT)\n}}\n\
         /// As [`Self::decode`], within the caller's limits.\n\
         #[inline]\n\
         pub fn decode_with(input: &'a [u8], limits: &crate::Limits) -> crate::Result<Self> {{\n\
         crate::view::decode(input, limits)\n}}\n\
         /// Validates one {what} at the start of `input`; returns its view and the bytes after it.\n\
         #[inline]\n\
         pub fn decode_prefix(input: &'a [u8]) -> crate::Result<(Self, &'a [u8])> {{\n\
         crate::view::decode_prefix(input, &crate::Limits::DEFAULT)\n}}\n"
    )
}

/// The size of one value of a field (each element, for a vector) when the
/// schema fixes it: a fixed kind, or a boxed type whose constructors all
/// have the same fixed size.
fn value_size(names: &Names, f: &Field) -> Option<usize> {
    match f.kind {
        Kind::Boxed => names.ty_fixed[usize::from(f.arg)],
        k => fixed_size(k),
    }
}

/// The statement that moves `r` past one present field.
fn skip_field(layer: &Layer, names: &Names, f: &Field) -> String {
    let boxed = f.repeat == Repeat::BoxedVector;
    match (f.repeat, value_size(names, f), f.kind) {
        (Repeat::One, Some(n), _) => format!("crate::view::skip::fixed(r, {n})?"),
        (Repeat::One, None, _) => skip_one(layer, names, f.kind, f.arg),
        (_, Some(n), _) => format!("crate::view::skip::fixed_vector(r, {boxed}, {n})?"),
        (_, None, Kind::String | Kind::Bytes) => {
            format!("crate::view::skip::bytes_vector(r, {boxed})?")
        }
        _ => format!(
            "crate::view::skip::vector(r, {boxed}, |r| {{ {}; Some(()) }})?",
            skip_one(layer, names, f.kind, f.arg)
        ),
    }
}

/// The generated skip of a constructor's fields (bytes already validated).
fn skip_fn(layer: &Layer, names: &Names, c: &Combinator) -> String {
    let mut o = String::from(
        "/// Moves `r` past this object's fields, which were validated: only\n\
         /// bounds are checked.\n#[inline]\n\
         pub(crate) fn skip(r: &mut crate::Reader<'_>) -> Option<()> {\n",
    );
    let mut pending = 0usize;
    let flush = |o: &mut String, pending: &mut usize| {
        if *pending > 0 {
            let _ = writeln!(o, "crate::view::skip::fixed(r, {pending})?;");
            *pending = 0;
        }
    };
    let tested = tested_words(c);
    for (k, f) in c.fields.iter().enumerate() {
        if is_flags_word(f) && tested.contains(&k) {
            flush(&mut o, &mut pending);
            let _ = writeln!(o, "let w{k} = crate::view::skip::word(r)?;");
            continue;
        }
        if f.when.is_none() && f.repeat == Repeat::One {
            if let Some(n) = value_size(names, f) {
                pending += n;
                continue;
            }
        }
        flush(&mut o, &mut pending);
        let stmt = skip_field(layer, names, f);
        match f.when {
            Some((w, bit)) if f.kind != Kind::True || f.repeat != Repeat::One => {
                let _ = writeln!(o, "if w{w} & (1 << {bit}) != 0 {{ {stmt}; }}");
            }
            Some(_) => {}
            None => {
                let _ = writeln!(o, "{stmt};");
            }
        }
    }
    flush(&mut o, &mut pending);
    if c.fields.is_empty() {
        o.push_str("let _ = r;\n");
    }
    o.push_str("Some(())\n}\n");
    o
}

/// `cursor_to`: a cursor at field `k`, every field before it skipped as the
/// schema lays them out (or `None` when a flags bit leaves field `k` out).
/// Each accessor calls it with a constant `k`, so what is left after
/// inlining is the straight line up to that field.
fn cursor_to_fn(layer: &Layer, names: &Names, c: &Combinator) -> String {
    let mut o = String::from(
        "/// A cursor at field `k` (`None` when a flags bit leaves it out).\n\
         #[inline(always)]\n\
         fn cursor_to(b: crate::view::Body<'a>, k: usize) -> Option<crate::view::Cursor<'a>> {\n\
         let mut at = b.reader();\nlet r = &mut at;\n",
    );
    let tested = tested_words(c);
    let last = c.fields.len().saturating_sub(1);
    for (k, f) in c.fields.iter().enumerate() {
        if is_flags_word(f) {
            let _ = writeln!(
                o,
                "if k == {k} {{ return Some(crate::view::Cursor::at(*r)); }}"
            );
            if k == last {
                break;
            }
            if tested.contains(&k) {
                let _ = writeln!(o, "let w{k} = crate::view::skip::word(r)?;");
            } else {
                o.push_str("crate::view::skip::fixed(r, 4)?;\n");
            }
            continue;
        }
        if is_flag_true(f) {
            continue;
        }
        let here = match f.when {
            Some((w, bit)) => {
                format!("(w{w} & (1 << {bit}) != 0).then_some(crate::view::Cursor::at(*r))")
            }
            None => "Some(crate::view::Cursor::at(*r))".to_string(),
        };
        let _ = writeln!(o, "if k == {k} {{ return {here}; }}");
        if k == last {
            break;
        }
        let stmt = skip_field(layer, names, f);
        match f.when {
            Some((w, bit)) => {
                let _ = writeln!(o, "if w{w} & (1 << {bit}) != 0 {{ {stmt}; }}");
            }
            None => {
                let _ = writeln!(o, "{stmt};");
            }
        }
    }
    o.push_str("let _ = (r, k);\nNone\n}\n");
    o
}
