//! Writes `formsNNN.rs`: a form for every combinator of the layer
//! (`build::types::…`, `build::functions::…`), a plain struct of its
//! fields that encodes itself, and a form enum for every type
//! (`build::enums::…`), with a variant per constructor and one for a
//! decoded view sent back as it came.
//!
//! A form has no field for a flags word: the encoder computes each word
//! from the fields it guards. Fields that share one flags bit are one field
//! of the form, so that they cannot disagree:
//!
//! - `flags.N?true` fields alone on their bit: a `bool`;
//! - one value field on the bit: `Option<T>`, and the `true` fields on the
//!   same bit follow from it (`user.bot` is set exactly when
//!   `bot_info_version` is given);
//! - several value fields on the bit: one `Option` of a tuple, named after
//!   them (`views_and_forwards: Option<(i32, i32)>`).
//!
//! `message`'s `bytes:int` (the length of its `body:Object`) is computed as
//! well. What forms share (the [`Encode`] trait, vectors, raw objects) is
//! hand-written in `tlview::encode`; replies in `tlview::request`.
//!
//! [`Encode`]: https://docs.rs/tlview/latest/tlview/encode/trait.Encode.html

use core::fmt::Write as _;
use std::collections::BTreeMap;

use crate::gen::Error;
use crate::layer::{Combinator, Field, Kind, Layer, Repeat, TypeInfo};
use crate::parse::{ParamType, TypeRef};
use crate::rustify;
use crate::views::{self, Names};

/// Module path → the items written into it.
type Tree = BTreeMap<Vec<String>, String>;

/// How a form field maps onto the schema's fields.
enum Slot {
    /// One field with no condition.
    Plain(usize),
    /// `flags.N?true` fields alone on their bit: one `bool`.
    Bit(Vec<usize>),
    /// Value fields guarded by one bit (with any `true` fields on it).
    Opt(Vec<usize>),
}

/// One field of a form.
struct FormField {
    name: String,
    slot: Slot,
}

/// The form of one combinator: its fields, and what its struct needs.
struct Shape {
    fields: Vec<FormField>,
    /// Field index → the form field and tuple position that sets it.
    by_field: Vec<Option<(usize, Option<usize>)>>,
    /// Field indices computed by the form: flags words, `message.bytes`.
    computed: Vec<usize>,
    /// The generic parameter (`X` of `{X:Type}`), when a field is `!X`.
    generic: Option<String>,
    /// Whether it borrows (has a lifetime).
    borrows: bool,
}

/// The file, not yet formatted.
///
/// `module` is the module of `tlview` a layer beside the crate root's lives
/// in (`layer230`, which re-exports the forms as `layer230::build`); `None`
/// for the crate root's layer (`tlview::build`).
pub fn emit(layer: &Layer, header: &str, module: Option<&str>) -> Result<String, Error> {
    let names = Names::new(layer)?.in_module(module);
    let shapes: Vec<Shape> = layer
        .combinators
        .iter()
        .map(shape)
        .collect::<Result<_, _>>()?;
    let mut o = String::from(header);
    let _ = writeln!(
        o,
        "//! The forms of TL layer {}: a struct per combinator that encodes itself, and\n\
         //! an enum per type. Generated from the schema by `tl gen`; {} re-exports\n\
         //! this module as `build`. See [`crate::encode`] for how a form encodes\n\
         //! and [`crate::request`] for replies.\n",
        layer.layer,
        match module {
            None => "the crate root".to_string(),
            Some(m) => format!("`tlview::{m}`"),
        }
    );
    o.push_str(
        "#![allow(clippy::too_many_lines, clippy::large_enum_variant, clippy::match_single_binding, \
         unused_mut, unused_variables)]\n\n",
    );
    let cx = Cx {
        layer,
        names: &names,
        shapes: &shapes,
    };
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
        tree.entry(path.clone())
            .or_default()
            .push_str(&cx.form(i, c, name)?);
    }
    for (t, info) in layer.types.iter().enumerate() {
        let (path, name) = &names.types[t];
        enums
            .entry(path.clone())
            .or_default()
            .push_str(&cx.enumeration(t, info, name));
    }
    views::write_root(
        &mut o,
        "types",
        "One form per constructor: its fields as plain values.",
        None,
        &types,
    );
    views::write_root(
        &mut o,
        "enums",
        "One form enum per type: a variant per constructor, and `Decoded` for a view sent back.",
        None,
        &enums,
    );
    views::write_root(
        &mut o,
        "functions",
        "One form per function: a typed request.",
        None,
        &functions,
    );
    o.push_str(&cx.reencode());
    Ok(o)
}

/// Works out a combinator's form fields.
fn shape(c: &Combinator) -> Result<Shape, Error> {
    let mut fields: Vec<FormField> = Vec::new();
    let mut by_field = vec![None; c.fields.len()];
    let mut computed = Vec::new();
    let mut groups: BTreeMap<(u8, u8), usize> = BTreeMap::new();
    let mut generic = None;
    for (k, f) in c.fields.iter().enumerate() {
        if views::is_flags_word(f) {
            computed.push(k);
            continue;
        }
        if c.fields
            .get(k + 1)
            .is_some_and(|n| n.kind == Kind::SizedObject)
        {
            computed.push(k);
            continue;
        }
        if f.kind == Kind::AnyBoxed && f.repeat == Repeat::One && c.is_function() {
            if let Some(g) = generic_of(c, k) {
                generic = Some(g);
            }
        }
        let Some(when) = f.when else {
            by_field[k] = Some((fields.len(), None));
            fields.push(FormField {
                name: rustify::field(&f.name),
                slot: Slot::Plain(k),
            });
            continue;
        };
        let at = *groups.entry(when).or_insert_with(|| {
            fields.push(FormField {
                name: String::new(),
                slot: Slot::Bit(Vec::new()),
            });
            fields.len() - 1
        });
        let slot = &mut fields[at].slot;
        let is_true = views::is_flag_true(f);
        match slot {
            Slot::Bit(trues) if is_true => trues.push(k),
            Slot::Bit(trues) => {
                let _ = trues;
                *slot = Slot::Opt(vec![k]);
            }
            Slot::Opt(values) if !is_true => values.push(k),
            _ => {}
        }
    }
    // Names, and which form field sets each schema field.
    for (at, ff) in fields.iter_mut().enumerate() {
        match &ff.slot {
            Slot::Plain(_) => {}
            Slot::Bit(trues) => {
                ff.name = joined(c, trues);
                for &k in trues {
                    by_field[k] = Some((at, None));
                }
            }
            Slot::Opt(values) => {
                ff.name = joined(c, values);
                for (i, &k) in values.iter().enumerate() {
                    by_field[k] = Some((at, (values.len() > 1).then_some(i)));
                }
            }
        }
    }
    for f in &c.fields {
        if f.repeat == Repeat::One && f.kind == Kind::Bare {
            return Err(Error(format!(
                "{}: field {} holds one bare object; forms support bare objects only as vector elements",
                c.decl.name, f.name
            )));
        }
        if f.repeat != Repeat::One && matches!(f.kind, Kind::AnyBoxed | Kind::SizedObject) {
            return Err(Error(format!(
                "{}: field {} is a vector of any objects",
                c.decl.name, f.name
            )));
        }
    }
    let borrows = fields.iter().any(|ff| match &ff.slot {
        Slot::Plain(k) => field_borrows(&c.fields[*k]),
        Slot::Bit(_) => false,
        Slot::Opt(values) => values.iter().any(|&k| field_borrows(&c.fields[k])),
    });
    Ok(Shape {
        fields,
        by_field,
        computed,
        generic,
        borrows,
    })
}

/// (size, bytes expression) of a fixed-size field with no condition, held
/// by form field `name`; `None` for any other.
fn fixed_bytes(f: &Field, name: &str) -> Option<(usize, String)> {
    if f.when.is_some() || f.repeat != Repeat::One {
        return None;
    }
    Some(match f.kind {
        Kind::Int => (4, format!("self.{name}.to_le_bytes()")),
        Kind::Long => (8, format!("self.{name}.to_le_bytes()")),
        Kind::Double => (8, format!("self.{name}.to_le_bytes()")),
        Kind::Int128 => (16, format!("self.{name}")),
        Kind::Int256 => (32, format!("self.{name}")),
        Kind::Bool => (4, format!("crate::encode::bool_bytes(self.{name})")),
        _ => return None,
    })
}

/// The generic parameter that field `k` of function `c` holds (`!X`).
fn generic_of(c: &Combinator, k: usize) -> Option<String> {
    let p = c.decl.params.get(k)?;
    match &p.ty {
        ParamType::Value { ty, .. } if ty.bang => Some(ty.name.clone()),
        _ => None,
    }
}

/// The Rust name of a form field standing for schema fields `ks`.
fn joined(c: &Combinator, ks: &[usize]) -> String {
    let parts: Vec<String> = ks.iter().map(|&k| c.fields[k].name.clone()).collect();
    rustify::field(&parts.join("_and_"))
}

/// Whether a form's value for this field borrows.
fn field_borrows(f: &Field) -> bool {
    f.repeat != Repeat::One
        || !matches!(
            f.kind,
            Kind::Int | Kind::Long | Kind::Double | Kind::Int128 | Kind::Int256 | Kind::Bool
        )
}

/// What the emitters share.
struct Cx<'l> {
    layer: &'l Layer,
    names: &'l Names,
    shapes: &'l [Shape],
}

impl Cx<'_> {
    /// `crate::build::types::X` or `…::functions::X`.
    fn form_path(&self, index: usize) -> String {
        let root = if self.layer.combinators[index].is_function() {
            "build::functions"
        } else {
            "build::types"
        };
        rustify::path(&self.names.root(root), &self.names.combinators[index])
    }

    /// A constructor form's type, with its lifetime when it has one.
    fn form_type(&self, index: usize) -> String {
        let p = self.form_path(index);
        if self.shapes[index].borrows {
            format!("{p}<'a>")
        } else {
            p
        }
    }

    fn enum_type(&self, t: usize) -> String {
        format!(
            "{}<'a>",
            rustify::path(&self.names.root("build::enums"), &self.names.types[t])
        )
    }

    /// The Rust type of one element of field `f` in a form.
    fn elem_type(&self, f: &Field, generic: Option<&str>) -> Result<String, Error> {
        Ok(match f.kind {
            Kind::Int => "i32".into(),
            Kind::Long => "i64".into(),
            Kind::Double => "f64".into(),
            Kind::Int128 => "[u8; 16]".into(),
            Kind::Int256 => "[u8; 32]".into(),
            Kind::String => "crate::TlStr<'a>".into(),
            Kind::Bytes => "&'a [u8]".into(),
            Kind::Bool => "bool".into(),
            Kind::Boxed if f.repeat == Repeat::One => {
                format!("&'a {}", self.enum_type(usize::from(f.arg)))
            }
            Kind::Boxed => self.enum_type(usize::from(f.arg)),
            Kind::Bare => self.form_type(usize::from(f.arg)),
            Kind::AnyBoxed => match generic {
                Some(g) => format!("&'a {g}"),
                None => "crate::encode::Raw<'a>".into(),
            },
            Kind::SizedObject => "crate::encode::Raw<'a>".into(),
            Kind::True | Kind::Flags => {
                return Err(Error(format!("field {} has no form value", f.name)))
            }
        })
    }

    /// The Rust type of field `f` in a form, before `Option`.
    fn value_type(&self, f: &Field, generic: Option<&str>) -> Result<String, Error> {
        let e = self.elem_type(f, generic)?;
        Ok(match f.repeat {
            Repeat::One => e,
            _ => format!("crate::encode::List<'a, {e}>"),
        })
    }

    /// Whether field `f` holds the generic parameter.
    fn is_generic(&self, c: &Combinator, k: usize, shape: &Shape) -> bool {
        shape.generic.is_some() && generic_of(c, k) == shape.generic
    }

    /// The type of form field `ff`.
    fn form_field_type(
        &self,
        c: &Combinator,
        shape: &Shape,
        ff: &FormField,
    ) -> Result<String, Error> {
        let g = |k: usize| {
            if self.is_generic(c, k, shape) {
                shape.generic.as_deref()
            } else {
                None
            }
        };
        Ok(match &ff.slot {
            Slot::Plain(k) => self.value_type(&c.fields[*k], g(*k))?,
            Slot::Bit(_) => "bool".into(),
            Slot::Opt(values) if values.len() == 1 => {
                format!(
                    "Option<{}>",
                    self.value_type(&c.fields[values[0]], g(values[0]))?
                )
            }
            Slot::Opt(values) => {
                let ts: Vec<String> = values
                    .iter()
                    .map(|&k| self.value_type(&c.fields[k], g(k)))
                    .collect::<Result<_, _>>()?;
                format!("Option<({})>", ts.join(", "))
            }
        })
    }

    /// The doc comment of form field `ff`.
    fn form_field_doc(&self, c: &Combinator, ff: &FormField) -> String {
        let written = |k: usize| format!("`{}:{}`", c.fields[k].name, c.fields[k].written);
        match &ff.slot {
            Slot::Plain(k) => format!("/// {}\n", written(*k)),
            Slot::Bit(trues) => {
                let all: Vec<String> = trues.iter().map(|&k| written(k)).collect();
                format!("/// {}\n", all.join(", "))
            }
            Slot::Opt(values) => {
                let (w, bit) = c.fields[values[0]].when.unwrap_or((0, 0));
                let word = &c.fields[usize::from(w)].name;
                let all: Vec<String> = values.iter().map(|&k| written(k)).collect();
                let trues: Vec<String> = c
                    .fields
                    .iter()
                    .enumerate()
                    .filter(|(_, f)| f.when == Some((w, bit)) && views::is_flag_true(f))
                    .map(|(k, _)| written(k))
                    .collect();
                let mut d = format!("/// {}", all.join(", "));
                if values.len() > 1 {
                    d.push_str(&format!(
                        "\n///\n/// They share `{word}.{bit}`: given together or not at all."
                    ));
                }
                if !trues.is_empty() {
                    d.push_str(&format!(
                        "\n///\n/// {} share `{word}.{bit}`: set exactly when this is given.",
                        trues.join(", ")
                    ));
                }
                d.push('\n');
                d
            }
        }
    }

    /// The generics of a form's struct and impls:
    /// (`<'a, X: ?Sized>`, `<'a, X>`, the same for `impl` with `bound`).
    fn generics(&self, shape: &Shape, bound: &str) -> (String, String, String) {
        let mut decl = Vec::new();
        let mut used = Vec::new();
        let mut imp = Vec::new();
        if shape.borrows {
            decl.push("'a".to_string());
            used.push("'a".to_string());
            imp.push("'a".to_string());
        }
        if let Some(g) = &shape.generic {
            decl.push(format!("{g}: ?Sized"));
            used.push(g.clone());
            imp.push(format!("{g}: {bound} + ?Sized"));
        }
        let wrap = |v: Vec<String>| {
            if v.is_empty() {
                String::new()
            } else {
                format!("<{}>", v.join(", "))
            }
        };
        (wrap(decl), wrap(used), wrap(imp))
    }

    /// The form of combinator `index`: struct, encoder, and for a function
    /// its `Request`.
    fn form(&self, index: usize, c: &Combinator, name: &str) -> Result<String, Error> {
        let shape = &self.shapes[index];
        let mut o = views::schema_doc(c);
        let (decl, used, imp) = self.generics(shape, "crate::encode::Encode");
        let derive = if shape.generic.is_some() {
            "#[derive(Debug)]"
        } else {
            "#[derive(Clone, Copy, Debug)]"
        };
        let _ = writeln!(o, "{derive}\npub struct {name}{decl} {{");
        for ff in &shape.fields {
            o.push_str(&self.form_field_doc(c, ff));
            let _ = writeln!(
                o,
                "pub {}: {},",
                ff.name,
                self.form_field_type(c, shape, ff)?
            );
        }
        o.push_str("}\n\n");
        if shape.generic.is_some() {
            let _ = writeln!(
                o,
                "impl{decl} Clone for {name}{used} {{\nfn clone(&self) -> Self {{\n*self\n}}\n}}\n\
                 impl{decl} Copy for {name}{used} {{}}\n"
            );
        }
        let (len, write) = self.body_code(c, shape, false);
        let (_, write_boxed) = self.body_code(c, shape, true);
        let len = if len.is_empty() {
            "0".to_string()
        } else {
            format!("let mut n = 0usize;\n{len}n")
        };
        let _ = write!(
            o,
            "impl{imp} {name}{used} {{\n\
             /// The constructor id.\n\
             pub const ID: u32 = {id:#010x};\n\
             /// The size of its fields, without the constructor id.\n\
             #[inline]\n\
             pub fn bare_len(&self) -> usize {{\n{len}\n}}\n\
             /// Writes its fields by cursor, without the constructor id (as\n\
             /// a bare `%{tl}` or a `vector<{tl}>` element holds them).\n\
             #[inline]\n\
             pub fn write_bare_to<'b>(&self, out: &'b mut [u8]) -> crate::cursor::Out<'b> {{\n\
             {write}Ok(out)\n}}\n}}\n\n\
             impl{imp} crate::encode::Encode for {name}{used} {{\n\
             #[inline]\n\
             fn encoded_len(&self) -> usize {{\nself.bare_len().saturating_add(4)\n}}\n\
             #[inline]\n\
             fn write_to<'b>(&self, out: &'b mut [u8]) -> crate::cursor::Out<'b> {{\n\
             {write_boxed}Ok(out)\n}}\n}}\n\n",
            id = c.id,
            tl = c.decl.name,
        );
        if c.is_function() {
            let (_, _, imp_r) = self.generics(shape, "crate::request::Request");
            let reply = self.reply_type(c, shape)?;
            let _ = write!(
                o,
                "impl{imp_r} crate::request::Request for {name}{used} {{\n\
                 const ID: u32 = {:#010x};\n\
                 type Reply<'r> = {reply};\n}}\n\n",
                c.id
            );
        } else {
            let _ = write!(
                o,
                "impl{imp} crate::encode::VectorItem for {name}{used} {{\n\
                 #[inline]\n\
                 fn item_len(&self) -> usize {{\nself.bare_len()\n}}\n\
                 #[inline]\n\
                 fn write_item_to<'b>(&self, out: &'b mut [u8]) -> crate::cursor::Out<'b> {{\n\
                 self.write_bare_to(out)\n}}\n}}\n\n\
                 impl<'a> crate::encode::Form for {view}<'a> {{\ntype Form = {form};\n}}\n\n",
                view = self.names.ctor_path(self.layer, index),
                form = self.form_type(index),
            );
        }
        Ok(o)
    }

    /// The statements that size and write a form's fields, in schema order
    /// (`with_id`: its constructor id first). Runs of fixed-size fields with
    /// no condition (flags words included) are built in one array and
    /// written at once: one bounds check for the run, not one per field.
    fn body_code(&self, c: &Combinator, shape: &Shape, with_id: bool) -> (String, String) {
        let mut len = String::new();
        let mut write = String::new();
        // The pending run: (size, bytes expression) per field.
        let mut run: Vec<(usize, String)> = Vec::new();
        if with_id {
            run.push((4, "Self::ID.to_le_bytes()".into()));
        }
        let flush = |run: &mut Vec<(usize, String)>, len: &mut String, write: &mut String| {
            if run.is_empty() {
                return;
            }
            let total: usize = run.iter().map(|(n, _)| n).sum();
            let _ = writeln!(len, "n = n.saturating_add({total});");
            if let [(_, one)] = run.as_slice() {
                let _ = writeln!(write, "let out = crate::cursor::put(out, {one})?;");
            } else {
                let _ = writeln!(write, "let out = {{\nlet mut run = [0u8; {total}];");
                let mut at = 0;
                for (n, e) in run.iter() {
                    let _ = writeln!(write, "crate::encode::put(&mut run, {at}, {e});");
                    at += n;
                }
                let _ = writeln!(write, "crate::cursor::put(out, run)?\n}};");
            }
            run.clear();
        };
        for (k, f) in c.fields.iter().enumerate() {
            if views::is_flags_word(f) {
                let word = self.word_expr(c, shape, k);
                run.push((4, format!("u32::to_le_bytes({word})")));
                continue;
            }
            if shape.computed.contains(&k) {
                // `message.bytes`: the length of the body after it.
                let body = &shape.fields[shape.by_field[k + 1].map_or(0, |b| b.0)].name;
                run.push((
                    4,
                    format!("crate::encode::length_word(self.{body}.0.len()).to_le_bytes()"),
                ));
                continue;
            }
            if views::is_flag_true(f) {
                continue;
            }
            let Some((at, pos)) = shape.by_field[k] else {
                continue;
            };
            let ff = &shape.fields[at];
            if let (Slot::Plain(_), Some(bytes)) = (&ff.slot, fixed_bytes(f, &ff.name)) {
                run.push(bytes);
                continue;
            }
            flush(&mut run, &mut len, &mut write);
            let place = "g";
            let pick = match pos {
                Some(i) => format!("let g = &g.{i};\n"),
                None => String::new(),
            };
            // An `Object` that is not the generic request is a `Raw`.
            let raw = f.kind == Kind::SizedObject
                || (f.kind == Kind::AnyBoxed && !self.is_generic(c, k, shape));
            let (l, w) = self.value_code(f, place, raw);
            match &ff.slot {
                Slot::Plain(_) => {
                    let _ = writeln!(
                        len,
                        "{{\nlet g = &self.{};\nn = n.saturating_add({l});\n}}",
                        ff.name
                    );
                    let _ = writeln!(write, "let out = {{\nlet g = &self.{};\n{w}?\n}};", ff.name);
                }
                _ => {
                    let _ = writeln!(
                        len,
                        "if let Some(g) = &self.{} {{\n{pick}n = n.saturating_add({l});\n}}",
                        ff.name
                    );
                    let _ = writeln!(
                        write,
                        "let out = if let Some(g) = &self.{} {{\n{pick}{w}?\n}} else {{\nout\n}};",
                        ff.name
                    );
                }
            }
        }
        flush(&mut run, &mut len, &mut write);
        (len, write)
    }

    /// (size, write expression) of one value at `place` (a reference): the
    /// expression writes it at the start of cursor `out` and is the rest
    /// of `out` ([`crate::cursor`]).
    fn value_code(&self, f: &Field, place: &str, raw: bool) -> (String, String) {
        let p = place;
        match f.repeat {
            Repeat::BoxedVector => (
                format!("{p}.vector_len(true)"),
                format!("{p}.write_vector_to(out, true)"),
            ),
            Repeat::BareVector => (
                format!("{p}.vector_len(false)"),
                format!("{p}.write_vector_to(out, false)"),
            ),
            Repeat::One => match f.kind {
                Kind::Int => ("4".into(), put(&format!("{p}.to_le_bytes()"))),
                Kind::Long => ("8".into(), put(&format!("{p}.to_le_bytes()"))),
                Kind::Double => ("8".into(), put(&format!("{p}.to_le_bytes()"))),
                Kind::Int128 | Kind::Int256 => (
                    if f.kind == Kind::Int128 { "16" } else { "32" }.into(),
                    put(&format!("*{p}")),
                ),
                Kind::Bool => ("4".into(), put(&format!("crate::encode::bool_bytes(*{p})"))),
                Kind::String => (
                    format!("crate::encode::string_len({p}.len())"),
                    format!("crate::cursor::string(out, {p}.as_bytes())"),
                ),
                Kind::Bytes => (
                    format!("crate::encode::string_len({p}.len())"),
                    format!("crate::cursor::string(out, {p})"),
                ),
                Kind::Bare => (format!("{p}.bare_len()"), format!("{p}.write_bare_to(out)")),
                // A nested object, or the generic request: held by reference.
                Kind::Boxed | Kind::AnyBoxed if !raw => (
                    format!("crate::encode::Encode::encoded_len(*{p})"),
                    format!("crate::encode::Encode::write_to(*{p}, out)"),
                ),
                _ => (
                    format!("crate::encode::Encode::encoded_len({p})"),
                    format!("crate::encode::Encode::write_to({p}, out)"),
                ),
            },
        }
    }

    /// The expression of flags word `k`: each guarded form field's bit.
    fn word_expr(&self, c: &Combinator, shape: &Shape, k: usize) -> String {
        let mut parts: Vec<String> = Vec::new();
        let mut done: Vec<usize> = Vec::new();
        for (j, f) in c.fields.iter().enumerate() {
            let Some((w, bit)) = f.when else { continue };
            if usize::from(w) != k {
                continue;
            }
            let Some((at, _)) = shape.by_field[j] else {
                continue; // a `true` that a value field on its bit implies
            };
            if done.contains(&at) {
                continue;
            }
            done.push(at);
            let ff = &shape.fields[at];
            let test = match ff.slot {
                Slot::Bit(_) => format!("self.{}", ff.name),
                _ => format!("self.{}.is_some()", ff.name),
            };
            parts.push(format!("if {test} {{\nword |= 1 << {bit};\n}}\n"));
        }
        if parts.is_empty() {
            "0".into()
        } else {
            format!("{{\nlet mut word = 0u32;\n{}word\n}}", parts.concat())
        }
    }

    /// The view type a function's answer is read as, with lifetime `'r`.
    fn reply_type(&self, c: &Combinator, shape: &Shape) -> Result<String, Error> {
        let r = &c.decl.result;
        if let Some(g) = &shape.generic {
            if r.name == *g {
                return Ok(format!("{g}::Reply<'r>"));
            }
        }
        match (r.name.as_str(), &r.arg) {
            ("Vector", Some(e)) => Ok(format!("crate::Vector<'r, {}>", self.answer_elem(c, e)?)),
            _ => self.answer_elem(c, r),
        }
    }

    /// The view of one answer (or answer element) of type `t`.
    fn answer_elem(&self, c: &Combinator, t: &TypeRef) -> Result<String, Error> {
        Ok(match t.name.as_str() {
            "int" => "i32".into(),
            "long" => "i64".into(),
            "double" => "f64".into(),
            "string" => "crate::TlStr<'r>".into(),
            "bytes" => "&'r [u8]".into(),
            "Bool" => "bool".into(),
            name => {
                let found = self
                    .layer
                    .types
                    .iter()
                    .position(|ti| ti.scope == c.scope && ti.name == name)
                    .or_else(|| self.layer.type_index(name));
                match found {
                    Some(ti) => format!("{}<'r>", self.names.type_path(ti)),
                    None => {
                        return Err(Error(format!(
                            "{}: no type `{name}` for its answer",
                            c.decl.name
                        )))
                    }
                }
            }
        })
    }

    /// The form enum of type `t`.
    fn enumeration(&self, t: usize, info: &TypeInfo, name: &str) -> String {
        let members = views::variants(self.names, info, name);
        let view = format!("{}<'a>", self.names.type_path(t));
        let mut o = format!(
            "/// The type `{}`: a form per constructor, or a decoded view sent back.\n\
             #[derive(Clone, Copy, Debug)]\npub enum {name}<'a> {{\n",
            info.name
        );
        for (v, m) in &members {
            let c = &self.layer.combinators[*m];
            let _ = writeln!(
                o,
                "/// `{}`\n{v}({}),",
                c.decl.text.trim_end_matches(';').trim(),
                self.form_type(*m)
            );
        }
        let _ = writeln!(
            o,
            "/// A decoded view, written as it was received.\nDecoded({view}),\n}}\n"
        );
        let arms = |f: &dyn Fn(&str) -> String| -> String {
            members
                .iter()
                .map(|(v, _)| f(v))
                .chain(Some(f("Decoded")))
                .collect::<Vec<_>>()
                .join("\n")
        };
        // A small type's dispatch is inlined into the form that holds it
        // whatever the optimizer's size estimate says: left to it, a type
        // that holds itself (`InputPeer` through `inputPeerUserFromMessage`)
        // is never inlined, and its call costs as much as its writes.
        let inline = if members.len() <= SMALL_TYPE {
            "#[inline(always)]"
        } else {
            "#[inline]"
        };
        let _ = write!(
            o,
            "impl<'a> crate::encode::Encode for {name}<'a> {{\n\
             #[inline]\n\
             fn encoded_len(&self) -> usize {{\nmatch self {{\n{lens}\n}}\n}}\n\
             {inline}\n\
             fn write_to<'b>(&self, out: &'b mut [u8]) -> crate::cursor::Out<'b> {{\nmatch self {{\n{writes}\n}}\n}}\n}}\n\n\
             impl<'a> crate::encode::VectorItem for {name}<'a> {{\n\
             #[inline]\n\
             fn item_len(&self) -> usize {{\ncrate::encode::Encode::encoded_len(self)\n}}\n\
             #[inline]\n\
             fn write_item_to<'b>(&self, out: &'b mut [u8]) -> crate::cursor::Out<'b> {{\n\
             crate::encode::Encode::write_to(self, out)\n}}\n}}\n\n\
             impl<'a> From<{view}> for {name}<'a> {{\n\
             #[inline]\n\
             fn from(v: {view}) -> Self {{\nSelf::Decoded(v)\n}}\n}}\n\n\
             impl<'a> crate::encode::Form for {view} {{\ntype Form = {name}<'a>;\n}}\n\n",
            lens = arms(&|v| format!(
                "Self::{v}(x) => crate::encode::Encode::encoded_len(x),"
            )),
            writes = arms(&|v| format!("Self::{v}(x) => crate::encode::Encode::write_to(x, out),")),
        );
        for (v, m) in &members {
            let form = self.form_type(*m);
            let _ = write!(
                o,
                "impl<'a> From<{form}> for {name}<'a> {{\n\
                 #[inline]\n\
                 fn from(v: {form}) -> Self {{\nSelf::{v}(v)\n}}\n}}\n\n"
            );
        }
        o
    }

    /// `reencode`: every constructor's form, filled from a decoded object's
    /// typed view (nested objects and vectors as their decoded bytes), and
    /// encoded. For the tests, which compare its bytes with the input's.
    fn reencode(&self) -> String {
        let mut o = format!(
            "/// Fills the form of `o`'s constructor from its typed view (nested objects\n\
             /// and vectors go back as decoded views) and encodes it, boxed; the size\n\
             /// the form gave before writing. For the tests, which check both against\n\
             /// the input (a generic function's request goes back as its bytes: a\n\
             /// `Raw`); `None` for an id that is no combinator of the layer.\n\
             #[doc(hidden)]\n\
             pub fn reencode<'a, S: crate::Sink>(o: crate::Object<'a>, w: &mut crate::Writer<S>) -> Option<crate::Result<usize>> {{\n\
             use crate::view::Typed as _;\n\
             match {}(o.id())?.0 {{\n",
            match self.names.module() {
                None => "crate::schema::index_of".to_string(),
                Some(m) => format!("crate::{m}::index_of"),
            }
        );
        for (i, c) in self.layer.combinators.iter().enumerate() {
            let shape = &self.shapes[i];
            if c.is_function() {
                o.push_str("#[cfg(feature = \"functions\")]\n");
            }
            let view = self.names.ctor_path(self.layer, i);
            let mut locals = String::new();
            let mut inits = Vec::new();
            for ff in &shape.fields {
                let expr = match &ff.slot {
                    // The generic request goes back as its bytes (a `Raw`).
                    Slot::Plain(k) if self.is_generic(c, *k, shape) => {
                        let f = &c.fields[*k];
                        let _ = writeln!(
                            locals,
                            "let f_{} = crate::encode::Raw::from(v.{}());",
                            ff.name,
                            rustify::field(&f.name)
                        );
                        format!("&f_{}", ff.name)
                    }
                    Slot::Plain(k) => {
                        let f = &c.fields[*k];
                        let (local, e) = self.value_of_view(
                            f,
                            &format!("v.{}()", rustify::field(&f.name)),
                            &ff.name,
                            false,
                        );
                        locals.push_str(&local);
                        e
                    }
                    Slot::Bit(trues) => format!("v.{}()", rustify::field(&c.fields[trues[0]].name)),
                    Slot::Opt(values) => {
                        let mut parts = Vec::new();
                        for (j, &k) in values.iter().enumerate() {
                            let f = &c.fields[k];
                            let (local, e) = self.value_of_view(
                                f,
                                &format!("v.{}()", rustify::field(&f.name)),
                                &format!("{}_{j}", ff.name),
                                true,
                            );
                            locals.push_str(&local);
                            parts.push(e);
                        }
                        if parts.len() == 1 {
                            parts.remove(0)
                        } else {
                            let vars: Vec<String> =
                                (0..parts.len()).map(|j| format!("x{j}")).collect();
                            format!(
                                "match ({}) {{\n({}) => Some(({})),\n_ => None,\n}}",
                                parts.join(", "),
                                vars.iter()
                                    .map(|x| format!("Some({x})"))
                                    .collect::<Vec<_>>()
                                    .join(", "),
                                vars.join(", ")
                            )
                        }
                    }
                };
                inits.push(format!("{}: {expr},", ff.name));
            }
            let _ = write!(
                o,
                "{i} => {{\nlet v = {view}::from_object(o)?;\n{locals}\
                 let form = {form} {{\n{}\n}};\n\
                 let n = crate::encode::Encode::encoded_len(&form);\n\
                 Some(crate::encode::Encode::encode(&form, w).map(|()| n))\n}}\n",
                inits.join("\n"),
                form = self.form_path(i),
            );
        }
        o.push_str("_ => None,\n}\n}\n");
        o
    }

    /// (locals, expression) that turn view accessor `get` of field `f` into
    /// its form value (`optional`: the accessor gives an `Option`).
    fn value_of_view(&self, f: &Field, get: &str, local: &str, optional: bool) -> (String, String) {
        let map = |e: &str| {
            if optional {
                match e.strip_suffix("(x)") {
                    Some(f) => format!("{get}.map({f})"),
                    None => format!("{get}.map(|x| {e})"),
                }
            } else {
                format!("{{ let x = {get}; {e} }}")
            }
        };
        match (f.repeat, f.kind) {
            (Repeat::One, Kind::Int128 | Kind::Int256) if optional => {
                ("".into(), format!("{get}.copied()"))
            }
            (Repeat::One, Kind::Int128 | Kind::Int256) => ("".into(), map("*x")),
            (Repeat::One, Kind::Boxed) => {
                let t = self.enum_type(usize::from(f.arg));
                if optional {
                    (
                        format!("let f_{local}: Option<{t}> = {get}.map(Into::into);\n"),
                        format!("f_{local}.as_ref()"),
                    )
                } else {
                    (
                        format!("let f_{local}: {t} = {get}.into();\n"),
                        format!("&f_{local}"),
                    )
                }
            }
            (Repeat::One, Kind::AnyBoxed | Kind::SizedObject) => {
                ("".into(), map("crate::encode::Raw::from(x)"))
            }
            (Repeat::One, _) => ("".into(), get.to_string()),
            _ => ("".into(), map("crate::encode::List::from(x)")),
        }
    }
}

/// The most constructors a type may have for its form enum's dispatch to
/// be always inlined.
const SMALL_TYPE: usize = 8;

/// The cursor write of a fixed-size value's bytes.
fn put(bytes: &str) -> String {
    format!("crate::cursor::put(out, {bytes})")
}
