//! From parsed schema files to the layer's tables: ids checked, duplicates
//! merged, types and fields resolved, everything indexed the way the
//! generated tables index it.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::parse::{self, Declaration, Error, ParamType, TypeRef};

/// The MTProto service combinators that `mtproto.tl` comments out because
/// clients parse them by hand (`// parsed manually`), but that a reader which
/// walks whole messages must know. They are added whenever `mtproto.tl` is
/// processed, as if they were declared at its end.
///
/// `gzip_packed` is written with `bytes` (it holds raw bytes; the id is the
/// same as with `string`). `message` is bare-only: it has no id of its own on
/// the wire (it only appears inside `msg_container`'s `vector<message>`), so
/// it gets the CRC32 of its declaration like any declaration without an id.
pub const MTPROTO_SUPPLEMENT: &str = "\
rpc_result#f35c6d01 req_msg_id:long result:Object = RpcResult;
message msg_id:long seqno:int bytes:int body:Object = Message;
msg_container#73f1f8dc messages:vector<message> = MessageContainer;
msg_copy#e06046b2 orig_message:Message = MessageCopy;
gzip_packed#3072cfa1 packed_data:bytes = Object;
";

/// The name under which [`MTPROTO_SUPPLEMENT`] appears in `file:line`.
pub const SUPPLEMENT_FILE: &str = "<mtproto supplement>";

/// The file name (last path component) of the MTProto service schema: its
/// combinators are flagged as MTProto, live in their own name scope, and
/// bring in [`MTPROTO_SUPPLEMENT`].
pub const MTPROTO_FILE: &str = "mtproto.tl";

/// Fields that are [`Kind::SizedObject`]: `(combinator, field)` of the
/// MTProto scope. `message.body` is an object of exactly `bytes` bytes (the
/// field before it); it cannot be walked as a plain `Object`.
const SIZED_OBJECT_FIELDS: &[(&str, &str)] = &[("message", "body")];

/// Declared ids that no normalization rule explains: Telegram assigned them
/// (in the simple-config part of `mtproto.tl`, taken from its
/// `mtproto_api.tl`) from some other text of the declaration. They are
/// accepted only for exactly these names and ids, as
/// [`IdCheck::Assigned`].
pub const ASSIGNED_IDS: &[(&str, u32)] = &[
    // CRC32 of the normalized text is 0x020634ce.
    ("accessPointRule", 0x4679_b65f),
    // CRC32 of the normalized text is 0x066d2808.
    ("help.configSimple", 0x5a59_2a6c),
];

/// How a combinator's id was established.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdCheck {
    /// The declared id is the CRC32 of [`Declaration::normalized`].
    Computed,
    /// No id was declared; the CRC32 of [`Declaration::normalized`] is used.
    Inferred,
    /// Named rule "bytes kept": the declared id is the CRC32 of
    /// [`Declaration::normalized_keeping_bytes`], i.e. computed without the
    /// `bytes` → `string` rewrite. `mtproto.tl`'s `ipPortSecret#37982646`
    /// (`secret:bytes`) is the one such declaration in layer 122.
    BytesKept,
    /// The declared id is in [`ASSIGNED_IDS`].
    Assigned,
}

/// Checks a declaration's id: `Ok((id, how))` or an error with both ids.
pub fn check_id(d: &Declaration) -> Result<(u32, IdCheck), Error> {
    let computed = d.computed_id();
    match d.declared_id {
        None => Ok((computed, IdCheck::Inferred)),
        Some(id) if id == computed => Ok((id, IdCheck::Computed)),
        Some(id) if id == d.computed_id_keeping_bytes() => Ok((id, IdCheck::BytesKept)),
        Some(id) if ASSIGNED_IDS.contains(&(d.name.as_str(), id)) => Ok((id, IdCheck::Assigned)),
        Some(id) => Err(d.error(format!(
            "declared id #{id:08x} of `{}` differs from the computed id #{computed:08x} \
             (CRC32 of `{}`)",
            d.name,
            d.normalized()
        ))),
    }
}

/// Which name scope a combinator or type belongs to. The MTProto schema
/// reuses API names (its bare `message ... = Message` is not the API's
/// `message#58ae39c9 ... = Message`), so names are looked up in the
/// declaration's own scope first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scope {
    /// The API schema (`api-layer122.tl`).
    Api,
    /// The MTProto service schema (`mtproto.tl` and [`MTPROTO_SUPPLEMENT`]).
    MtProto,
}

impl Scope {
    fn other(self) -> Scope {
        match self {
            Scope::Api => Scope::MtProto,
            Scope::MtProto => Scope::Api,
        }
    }
}

/// What a field holds; mirrors `tlview::schema::Kind` (same names, same
/// meaning).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum Kind {
    Int,
    Long,
    Double,
    Int128,
    Int256,
    String,
    Bytes,
    Bool,
    True,
    Flags,
    Boxed,
    Bare,
    AnyBoxed,
    SizedObject,
}

impl Kind {
    /// The size on the wire when fixed (as `tlview::schema::Kind::fixed_size`).
    pub fn fixed_size(self) -> Option<usize> {
        match self {
            Kind::Int | Kind::Flags => Some(4),
            Kind::Long | Kind::Double => Some(8),
            Kind::Int128 => Some(16),
            Kind::Int256 => Some(32),
            Kind::True => Some(0),
            _ => None,
        }
    }
}

/// Single value or vector; mirrors `tlview::schema::Repeat`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Repeat {
    /// One value.
    One,
    /// `Vector<T>`.
    BoxedVector,
    /// `vector<T>`.
    BareVector,
}

/// The largest op argument (type or constructor index) the table format
/// holds: `tlview::schema::MAX_OP_ARG` (the generator builds without tlview).
pub const MAX_OP_ARG: usize = 0xfff;
/// The flags words one combinator may have: `tlview::schema::MAX_FLAGS_WORDS`.
pub const MAX_FLAGS_WORDS: usize = 2;

/// One resolved field: one `Op` of the table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    /// The field's name.
    pub name: String,
    /// The field's type as written (`flags.7?Vector<MessageEntity>`, `#`).
    pub written: String,
    /// What it (or each element) holds.
    pub kind: Kind,
    /// Type index ([`Kind::Boxed`]) or constructor index ([`Kind::Bare`]), else 0.
    pub arg: u16,
    /// Single value or vector.
    pub repeat: Repeat,
    /// `(index of the # field in this combinator, bit)` when guarded.
    pub when: Option<(u8, u8)>,
    /// Which flags word of the combinator (0: its first `#` field, 1: its
    /// second) the guarding bit is in, or, for a `#` field, which it is.
    pub word: u8,
}

/// One combinator of the layer.
#[derive(Clone, Debug)]
pub struct Combinator {
    /// The declaration.
    pub decl: Declaration,
    /// Its id.
    pub id: u32,
    /// How the id was established.
    pub id_check: IdCheck,
    /// Its name scope.
    pub scope: Scope,
    /// Its constant name in the generated `id` module (`UPDATE_SHORT_MESSAGE`).
    pub const_name: String,
    /// The type it builds or (functions) returns as an index into
    /// [`Layer::types`]; `None` for a function whose result is generic or a
    /// vector.
    pub ty: Option<u16>,
    /// Its fields.
    pub fields: Vec<Field>,
}

impl Combinator {
    /// Whether every field has a fixed size and none is guarded or a vector.
    pub fn is_fixed(&self) -> bool {
        self.fields
            .iter()
            .all(|f| f.kind.fixed_size().is_some() && f.when.is_none() && f.repeat == Repeat::One)
    }

    /// Whether it is a function.
    pub fn is_function(&self) -> bool {
        self.decl.is_function()
    }
}

/// One boxed type of the layer.
#[derive(Clone, Debug)]
pub struct TypeInfo {
    /// Its TL name (`Updates`, `messages.Messages`).
    pub name: String,
    /// Its name scope.
    pub scope: Scope,
    /// Its constant name in the generated `ty` module (`MESSAGES_MESSAGES`).
    pub const_name: String,
    /// Its constructors (indices into [`Layer::combinators`]), ascending.
    pub members: Vec<u16>,
}

/// A schema input as the header of the generated files records it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    /// The file name (last path component).
    pub name: String,
    /// The path it was read from, as given.
    pub path: String,
    /// Its size in bytes.
    pub len: usize,
    /// CRC32 of its bytes.
    pub crc32: u32,
}

/// The whole layer, indexed.
#[derive(Clone, Debug)]
pub struct Layer {
    /// The layer number (`// LAYER N`).
    pub layer: u32,
    /// The inputs, in the order given.
    pub inputs: Vec<Input>,
    /// All combinators: type constructors by id, then functions by id.
    pub combinators: Vec<Combinator>,
    /// All boxed types that some constructor builds, sorted by name (then
    /// scope).
    pub types: Vec<TypeInfo>,
}

impl Layer {
    /// Index of the combinator with this TL name (API scope first).
    pub fn index_of_name(&self, name: &str) -> Option<usize> {
        let find = |s| {
            self.combinators
                .iter()
                .position(|c| c.scope == s && c.decl.name == name)
        };
        find(Scope::Api).or_else(|| find(Scope::MtProto))
    }

    /// Index of the type with this TL name (API scope first).
    pub fn type_index(&self, name: &str) -> Option<usize> {
        let find = |s| {
            self.types
                .iter()
                .position(|t| t.scope == s && t.name == name)
        };
        find(Scope::Api).or_else(|| find(Scope::MtProto))
    }

    /// The total number of fields (ops).
    pub fn field_count(&self) -> usize {
        self.combinators.iter().map(|c| c.fields.len()).sum()
    }

    /// `(type constructors, functions)` of a scope.
    pub fn counts(&self, scope: Scope) -> (usize, usize) {
        let of = self.combinators.iter().filter(|c| c.scope == scope);
        let functions = of.clone().filter(|c| c.is_function()).count();
        (of.count() - functions, functions)
    }
}

/// The name of a path's last component (`mtproto.tl`).
pub fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// `updateShortMessage` → `UPDATE_SHORT_MESSAGE`, `contacts.acceptContact` →
/// `CONTACTS_ACCEPT_CONTACT`, `p_q_inner_data` → `P_Q_INNER_DATA`,
/// `resPQ` → `RES_PQ`, `req_DH_params` → `REQ_DH_PARAMS`.
pub fn screaming_snake(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        if c == '.' || c == '_' {
            if !out.ends_with('_') {
                out.push('_');
            }
            continue;
        }
        if c.is_ascii_uppercase() && i > 0 && !out.ends_with('_') {
            let prev = chars[i - 1];
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
            if prev.is_ascii_lowercase()
                || prev.is_ascii_digit()
                || (prev.is_ascii_uppercase() && next_lower)
            {
                out.push('_');
            }
        }
        out.push(c.to_ascii_uppercase());
    }
    out
}

/// One combinator before indexing.
struct Gathered {
    decl: Declaration,
    id: u32,
    id_check: IdCheck,
    scope: Scope,
}

/// Builds the layer from `(path, text)` schema inputs, in order. A file named
/// [`MTPROTO_FILE`] is the MTProto schema (scope, flags, supplement).
pub fn build(inputs: &[(String, String)]) -> Result<Layer, Error> {
    let mut gathered: Vec<Gathered> = Vec::new();
    let mut by_id: HashMap<u32, usize> = HashMap::new();
    let mut by_name: HashMap<(Scope, String), usize> = HashMap::new();
    let mut layer: Option<(u32, String)> = None;
    let mut recorded = Vec::new();

    let mut add_file = |name: &str, text: &str, scope: Scope, gathered: &mut Vec<Gathered>| {
        let parsed = parse::parse(name, text)?;
        if let Some(l) = parsed.layer {
            match &layer {
                Some((prev, file)) if *prev != l => {
                    return Err(Error::new(
                        name,
                        1,
                        format!("says `// LAYER {l}` but {file} says `// LAYER {prev}`"),
                    ))
                }
                _ => layer = Some((l, name.to_string())),
            }
        }
        for decl in parsed.declarations {
            let (id, id_check) = check_id(&decl)?;
            if let Some(&i) = by_id.get(&id) {
                let prev: &Gathered = &gathered[i];
                if prev.decl.name == decl.name && prev.decl.normalized() == decl.normalized() {
                    continue; // The same combinator again (e.g. in two files): keep the first.
                }
                return Err(decl.error(format!(
                    "id #{id:08x} of `{}` is already used by `{}` at {}",
                    decl.name,
                    prev.decl.name,
                    prev.decl.location()
                )));
            }
            let key = (scope, decl.name.clone());
            if let Some(&i) = by_name.get(&key) {
                return Err(decl.error(format!(
                    "a second, different declaration of `{}` (the first is at {})",
                    decl.name,
                    gathered[i].decl.location()
                )));
            }
            by_id.insert(id, gathered.len());
            by_name.insert(key, gathered.len());
            gathered.push(Gathered {
                decl,
                id,
                id_check,
                scope,
            });
        }
        Ok(())
    };

    for (path, text) in inputs {
        let name = file_name(path);
        recorded.push(Input {
            name: name.to_string(),
            path: path.clone(),
            len: text.len(),
            crc32: crc32fast::hash(text.as_bytes()),
        });
        if name == MTPROTO_FILE {
            add_file(name, text, Scope::MtProto, &mut gathered)?;
            add_file(
                SUPPLEMENT_FILE,
                MTPROTO_SUPPLEMENT,
                Scope::MtProto,
                &mut gathered,
            )?;
        } else {
            add_file(name, text, Scope::Api, &mut gathered)?;
        }
    }
    let Some((layer, _)) = layer else {
        let file = inputs.first().map_or("<none>", |(p, _)| file_name(p));
        return Err(Error::new(file, 1, "no `// LAYER N` comment in any input"));
    };

    // Type constructors first, then functions, each by id: functions are
    // their own tables (`FUNCTIONS`, `FUNCTION_OPS`), which firmware that only
    // decodes server messages need not link.
    gathered.sort_by_key(|g| (g.decl.is_function(), g.id));
    if gathered.len() >= usize::from(u16::MAX) {
        return Err(Error::new("<layer>", 0, "more than 65534 combinators"));
    }

    // Types: every boxed type a constructor builds, by (name, scope).
    let mut type_members: BTreeMap<(String, Scope), Vec<u16>> = BTreeMap::new();
    for (i, g) in gathered.iter().enumerate() {
        if g.decl.is_function() {
            continue;
        }
        let r = &g.decl.result;
        if !r.is_plain() || !r.is_boxed_name() {
            return Err(g
                .decl
                .error(format!("a constructor must build a boxed type, not `{r}`")));
        }
        if g.decl.generics.iter().any(|v| v.name == r.name) {
            return Err(g.decl.error("a constructor cannot build a type variable"));
        }
        type_members
            .entry((r.name.clone(), g.scope))
            .or_default()
            .push(index16(i));
    }
    // An op's argument (a type index, or a constructor index for a bare
    // field) has 12 bits in the table format.
    let arg_limit = MAX_OP_ARG + 1;
    if type_members.len() > arg_limit {
        return Err(Error::new(
            "<layer>",
            0,
            format!(
                "{} types; the table holds type indices below {arg_limit}",
                type_members.len()
            ),
        ));
    }
    let type_constructors = gathered.iter().filter(|g| !g.decl.is_function()).count();
    if type_constructors > arg_limit {
        return Err(Error::new(
            "<layer>",
            0,
            format!(
                "{type_constructors} type constructors; the table holds constructor \
                 indices below {arg_limit}"
            ),
        ));
    }
    let type_index: Index = type_members
        .keys()
        .enumerate()
        .map(|(i, (n, s))| ((*s, n.clone()), index16(i)))
        .collect();
    let ctor_index: Index = gathered
        .iter()
        .enumerate()
        .filter(|(_, g)| !g.decl.is_function())
        .map(|(i, g)| ((g.scope, g.decl.name.clone()), index16(i)))
        .collect();

    // Constant names: a MTProto-scope name that the API scope also has gets
    // an `MT_` prefix (the API keeps the plain name).
    let api_names: HashSet<&str> = gathered
        .iter()
        .filter(|g| g.scope == Scope::Api)
        .map(|g| g.decl.name.as_str())
        .collect();
    let api_types: HashSet<String> = type_members
        .keys()
        .filter(|(_, s)| *s == Scope::Api)
        .map(|(n, _)| n.clone())
        .collect();
    let api_names: HashSet<String> = api_names.into_iter().map(str::to_string).collect();
    let const_name = |name: &str, scope: Scope, api: &HashSet<String>| {
        let base = screaming_snake(name);
        if scope == Scope::MtProto && api.contains(name) {
            format!("MT_{base}")
        } else {
            base
        }
    };

    let mut combinators = Vec::with_capacity(gathered.len());
    let mut total_ops = 0usize;
    for g in &gathered {
        let d = &g.decl;
        let mut fields = Vec::with_capacity(d.params.len());
        // The ordinal of each field among the `#` fields before it.
        let words_before = |fi: usize| {
            d.params
                .iter()
                .take(fi)
                .filter(|q| matches!(q.ty, ParamType::Flags))
                .count()
        };
        for (fi, p) in d.params.iter().enumerate() {
            let mut word = 0u8;
            let (kind, arg, repeat, when, written) = match &p.ty {
                ParamType::Flags => {
                    let n = words_before(fi);
                    if n >= MAX_FLAGS_WORDS {
                        return Err(d.error(format!(
                            "`{}` is flags word #{}; the table holds {} per combinator",
                            p.name,
                            n + 1,
                            MAX_FLAGS_WORDS
                        )));
                    }
                    word = n as u8;
                    (Kind::Flags, 0, Repeat::One, None, "#".to_string())
                }
                ParamType::Value { condition, ty } => {
                    let sized = g.scope == Scope::MtProto
                        && SIZED_OBJECT_FIELDS.contains(&(d.name.as_str(), p.name.as_str()));
                    let (kind, arg, repeat) = if sized {
                        let prev_is_int = fi > 0
                            && matches!(&d.params[fi - 1].ty,
                                ParamType::Value { condition: None, ty } if ty.is_plain() && ty.name == "int");
                        if !ty.is_plain() || ty.name != "Object" || !prev_is_int {
                            return Err(d.error(format!(
                                "`{}.{}` must be an `Object` after an `int` length",
                                d.name, p.name
                            )));
                        }
                        (Kind::SizedObject, 0, Repeat::One)
                    } else {
                        resolve(d, ty, g.scope, &type_index, &ctor_index)
                            .map_err(|m| d.error(format!("field `{}`: {m}", p.name)))?
                    };
                    let when = match condition {
                        None => None,
                        Some(c) => {
                            let Some(flags_index) = d.params.iter().position(|q| q.name == c.field)
                            else {
                                return Err(d.error(format!("no field `{}`", c.field)));
                            };
                            if flags_index > 63 {
                                return Err(d.error(format!(
                                    "field `{}` is guarded by field #{flags_index} `{}`; \
                                     the table holds flags field indices up to 63",
                                    p.name, c.field
                                )));
                            }
                            word = words_before(flags_index) as u8;
                            Some((flags_index as u8, c.bit))
                        }
                    };
                    let written = match condition {
                        Some(c) => format!("{}.{}?{ty}", c.field, c.bit),
                        None => ty.to_string(),
                    };
                    (kind, arg, repeat, when, written)
                }
            };
            fields.push(Field {
                name: p.name.clone(),
                written,
                kind,
                arg,
                repeat,
                when,
                word,
            });
        }
        if fields.len() > usize::from(u8::MAX) {
            return Err(d.error("more than 255 fields"));
        }
        total_ops += fields.len();
        let ty = if d.is_function() {
            let r = &d.result;
            if d.generics.iter().any(|v| v.name == r.name) {
                None
            } else if r.is_plain() {
                if !r.is_boxed_name() {
                    return Err(d.error(format!("a function must return a boxed type, not `{r}`")));
                }
                match lookup(&type_index, g.scope, &r.name) {
                    Some(t) => Some(t),
                    None => return Err(d.error(format!("unknown result type `{r}`"))),
                }
            } else {
                // `Vector<T>`: check T, keep no type.
                resolve(d, r, g.scope, &type_index, &ctor_index)
                    .map_err(|m| d.error(format!("result type: {m}")))?;
                None
            }
        } else {
            lookup(&type_index, g.scope, &d.result.name)
        };
        combinators.push(Combinator {
            const_name: const_name(&d.name, g.scope, &api_names),
            decl: g.decl.clone(),
            id: g.id,
            id_check: g.id_check,
            scope: g.scope,
            ty,
            fields,
        });
    }
    if total_ops > usize::from(u16::MAX) + 1 {
        return Err(Error::new("<layer>", 0, "more than 65536 fields in all"));
    }

    let types: Vec<TypeInfo> = type_members
        .into_iter()
        .map(|((name, scope), members)| TypeInfo {
            const_name: const_name(&name, scope, &api_types),
            name,
            scope,
            members,
        })
        .collect();

    check_unique(
        combinators.iter().map(|c| (&c.const_name, &c.decl.name)),
        "id",
    )?;
    check_unique(types.iter().map(|t| (&t.const_name, &t.name)), "ty")?;

    Ok(Layer {
        layer,
        inputs: recorded,
        combinators,
        types,
    })
}

fn index16(i: usize) -> u16 {
    u16::try_from(i).unwrap_or(u16::MAX)
}

fn check_unique<'a>(
    names: impl Iterator<Item = (&'a String, &'a String)>,
    module: &str,
) -> Result<(), Error> {
    let mut seen: HashMap<&str, &str> = HashMap::new();
    for (c, n) in names {
        if let Some(prev) = seen.insert(c, n) {
            return Err(Error::new(
                "<layer>",
                0,
                format!("`{prev}` and `{n}` both become `{module}::{c}`"),
            ));
        }
    }
    Ok(())
}

/// Index by `(scope, name)`.
type Index = HashMap<(Scope, String), u16>;

/// Looks a name up in `scope`, then in the other scope.
fn lookup(map: &Index, scope: Scope, name: &str) -> Option<u16> {
    map.get(&(scope, name.to_string()))
        .or_else(|| map.get(&(scope.other(), name.to_string())))
        .copied()
}

/// Resolves a field type to `(kind, arg, repeat)`.
fn resolve(
    d: &Declaration,
    ty: &TypeRef,
    scope: Scope,
    types: &Index,
    ctors: &Index,
) -> Result<(Kind, u16, Repeat), String> {
    let repeat = match (ty.name.as_str(), &ty.arg) {
        ("Vector", Some(_)) => Repeat::BoxedVector,
        ("vector", Some(_)) => Repeat::BareVector,
        ("Vector" | "vector", None) => return Err(format!("`{ty}` without an element type")),
        (_, Some(_)) => return Err(format!("unknown generic type `{ty}`")),
        (_, None) => Repeat::One,
    };
    let elem = match &ty.arg {
        Some(a) => {
            if a.arg.is_some() {
                return Err(format!("vectors of vectors are not supported (`{ty}`)"));
            }
            a.as_ref()
        }
        None => ty,
    };
    let name = elem.name.as_str();
    if elem.bang || d.generics.iter().any(|g| g.name == name) {
        return Ok((Kind::AnyBoxed, 0, repeat));
    }
    let kind = match name {
        "int" => Kind::Int,
        "long" => Kind::Long,
        "double" => Kind::Double,
        "int128" => Kind::Int128,
        "int256" => Kind::Int256,
        "string" => Kind::String,
        "bytes" => Kind::Bytes,
        "Bool" => Kind::Bool,
        "true" => Kind::True,
        "Object" => Kind::AnyBoxed,
        _ if elem.is_boxed_name() => {
            return match lookup(types, scope, name) {
                Some(t) => Ok((Kind::Boxed, t, repeat)),
                None => Err(format!("unknown type `{name}`")),
            };
        }
        _ => {
            return match lookup(ctors, scope, name) {
                Some(c) => Ok((Kind::Bare, c, repeat)),
                None => Err(format!("unknown bare type `{name}` (no such constructor)")),
            };
        }
    };
    Ok((kind, 0, repeat))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layer(text: &str) -> Result<Layer, Error> {
        build(&[("x/t.tl".to_string(), format!("{text}\n// LAYER 7\n"))])
    }

    #[test]
    fn names() {
        for (a, b) in [
            ("updateShortMessage", "UPDATE_SHORT_MESSAGE"),
            ("contacts.acceptContact", "CONTACTS_ACCEPT_CONTACT"),
            ("p_q_inner_data", "P_Q_INNER_DATA"),
            ("P_Q_inner_data", "P_Q_INNER_DATA"),
            ("rpc_result", "RPC_RESULT"),
            ("resPQ", "RES_PQ"),
            ("req_DH_params", "REQ_DH_PARAMS"),
            ("server_DH_inner_data", "SERVER_DH_INNER_DATA"),
            ("messages.Messages", "MESSAGES_MESSAGES"),
            ("inputUser", "INPUT_USER"),
            ("Object", "OBJECT"),
            ("help.getCdnConfig", "HELP_GET_CDN_CONFIG"),
            ("inputMediaGeoLive", "INPUT_MEDIA_GEO_LIVE"),
            ("messages.getDHConfig", "MESSAGES_GET_DH_CONFIG"),
            ("invokeWithLayer18", "INVOKE_WITH_LAYER18"),
        ] {
            assert_eq!(screaming_snake(a), b, "{a}");
        }
    }

    #[test]
    fn resolves_and_indexes() {
        let l = layer(
            "boolFalse#bc799737 = Bool;\n\
             a x:int y:flags.0?int = A;\n\
             b flags:# v:flags.3?Vector<A> w:vector<a> t:flags.1?true = B;\n\
             ---functions---\n\
             f {X:Type} q:!X = X;\n\
             g = Vector<A>;\n\
             h o:Object = B;",
        );
        assert!(l.is_err(), "y tests `flags` before any # field");
        let l = layer(
            "boolFalse#bc799737 = Bool;\n\
             a x:int = A;\n\
             b flags:# v:flags.3?Vector<A> w:vector<a> t:flags.1?true = B;\n\
             ---functions---\n\
             f {X:Type} q:!X = X;\n\
             g = Vector<A>;\n\
             h o:Object = B;",
        )
        .unwrap();
        assert_eq!(l.layer, 7);
        assert_eq!(l.counts(Scope::Api), (3, 3));
        let names: Vec<_> = l.types.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["A", "B", "Bool"]);
        // Type constructors by id, then functions by id.
        let keys: Vec<(bool, u32)> = l
            .combinators
            .iter()
            .map(|c| (c.is_function(), c.id))
            .collect();
        assert!(keys.windows(2).all(|w| w[0] < w[1]));
        let b = &l.combinators[l.index_of_name("b").unwrap()];
        let a = l.index_of_name("a").unwrap() as u16;
        let kinds: Vec<_> = b
            .fields
            .iter()
            .map(|f| (f.kind, f.arg, f.repeat, f.when))
            .collect();
        assert_eq!(
            kinds,
            [
                (Kind::Flags, 0, Repeat::One, None),
                (Kind::Boxed, 0, Repeat::BoxedVector, Some((0, 3))),
                (Kind::Bare, a, Repeat::BareVector, None),
                (Kind::True, 0, Repeat::One, Some((0, 1))),
            ]
        );
        assert!(!b.is_fixed());
        assert!(l.combinators[usize::from(a)].is_fixed());
        let f = &l.combinators[l.index_of_name("f").unwrap()];
        assert_eq!((f.ty, f.fields[0].kind), (None, Kind::AnyBoxed));
        assert_eq!(l.combinators[l.index_of_name("g").unwrap()].ty, None);
        let h = &l.combinators[l.index_of_name("h").unwrap()];
        assert_eq!((h.ty, h.fields[0].kind), (Some(1), Kind::AnyBoxed));
        assert_eq!(l.types[0].members, [a]);
    }

    #[test]
    fn second_flags_word() {
        let l = layer("a f:# x:f.0?int g:# y:g.1?long z:f.2?true = A;").unwrap();
        let a = &l.combinators[l.index_of_name("a").unwrap()];
        let got: Vec<_> = a.fields.iter().map(|f| (f.kind, f.when, f.word)).collect();
        assert_eq!(
            got,
            [
                (Kind::Flags, None, 0),
                (Kind::Int, Some((0, 0)), 0),
                (Kind::Flags, None, 1),
                (Kind::Long, Some((2, 1)), 1),
                (Kind::True, Some((0, 2)), 0),
            ]
        );
    }

    #[test]
    fn errors() {
        let e = |t: &str| layer(t).unwrap_err().to_string();
        assert_eq!(
            e("a#12345678 x:int = A;"),
            "t.tl:1: declared id #12345678 of `a` differs from the computed id #d2aa78f6 \
             (CRC32 of `a x:int = A`)"
        );
        assert_eq!(e("a x:Foo = A;"), "t.tl:1: field `x`: unknown type `Foo`");
        assert_eq!(
            e("a x:foo = A;"),
            "t.tl:1: field `x`: unknown bare type `foo` (no such constructor)"
        );
        assert_eq!(
            e("a = A;\n\na x:int = A;"),
            "t.tl:3: a second, different declaration of `a` (the first is at t.tl:1)"
        );
        assert_eq!(
            e("a = A;\n---functions---\nf = Vector<Foo>;"),
            "t.tl:3: result type: unknown type `Foo`"
        );
        assert_eq!(
            e("a x:Vector<Vector<int>> = A;"),
            "t.tl:1: field `x`: vectors of vectors are not supported (`Vector<Vector<int>>`)"
        );
        assert_eq!(
            e("a = Vector<A>;"),
            "t.tl:1: a constructor must build a boxed type, not `Vector<A>`"
        );
        assert_eq!(
            e("a = a;"),
            "t.tl:1: a constructor must build a boxed type, not `a`"
        );
        assert_eq!(
            build(&[("t.tl".into(), "a = A;".into())])
                .unwrap_err()
                .to_string(),
            "t.tl:1: no `// LAYER N` comment in any input"
        );
        let many: String = (0..64).map(|i| format!("f{i}:int ")).collect();
        assert_eq!(
            e(&format!("a {many}g:# x:g.0?int = A;")),
            "t.tl:1: field `x` is guarded by field #64 `g`; the table holds flags field indices up to 63"
        );
        assert_eq!(
            e("a f:# g:# h:# = A;"),
            "t.tl:1: `h` is flags word #3; the table holds 2 per combinator"
        );
    }

    #[test]
    fn duplicates_across_files() {
        let l = build(&[
            ("a.tl".into(), "a x:int = A;\n// LAYER 1".into()),
            ("b.tl".into(), "a x:int = A;\nb = A;".into()),
        ])
        .unwrap();
        assert_eq!(l.combinators.len(), 2);
        let e = build(&[
            ("a.tl".into(), "a x:int = A;\n// LAYER 1".into()),
            ("b.tl".into(), "a x:long = A;".into()),
        ])
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "b.tl:1: a second, different declaration of `a` (the first is at a.tl:1)"
        );
    }

    #[test]
    fn id_rules() {
        let d = parse::parse_declaration(
            "t",
            "ipPortSecret#37982646 ipv4:int port:int secret:bytes = IpPort",
        )
        .unwrap();
        assert_eq!(check_id(&d), Ok((0x3798_2646, IdCheck::BytesKept)));
        let d = parse::parse_declaration("t", "accessPointRule#4679b65f phone_prefix_rules:string dc_id:int ips:vector<IpPort> = AccessPointRule").unwrap();
        assert_eq!(check_id(&d), Ok((0x4679_b65f, IdCheck::Assigned)));
        let d = parse::parse_declaration(
            "t",
            "otherName#4679b65f phone_prefix_rules:string = AccessPointRule",
        )
        .unwrap();
        assert!(check_id(&d).is_err());
    }
}
