//! A parser for the `.tl` schema text Telegram publishes (`api.tl`,
//! `mtproto.tl`).
//!
//! It reads the subset of TL those files use:
//!
//! - comments: `//` to the end of the line, whole-line or trailing; a
//!   comment `// LAYER 122` sets [`SchemaFile::layer`];
//! - `---types---` and `---functions---` section markers;
//! - declarations `ns.name#hexid {X:Type} field:Type ... = ResultType;`,
//!   possibly spread over several lines, with or without the `#hexid` (ids may
//!   have fewer than 8 hex digits: `#96a0e00`);
//! - field types `#` (a flags word), `flags.N?T` (present when bit N of the
//!   earlier `#` field `flags` is set), `Vector<T>` (boxed vector), `vector<T>`
//!   (bare vector), `!X` (a boxed object of the generic type `X`), boxed type
//!   names (`Updates`, `messages.Messages`: the last dotted component starts
//!   with an uppercase letter) and bare names (`int`, `future_salt`,
//!   `ipPort`: it starts with a lowercase letter);
//! - the built-in `vector#1cb5c415 {t:Type} # [ t ] = Vector t;`, which is
//!   recognized and skipped (vectors are built into every TL reader).
//!
//! Anything else is an [`Error`] naming the file and line.
//!
//! Each [`Declaration`] can compute its constructor id: see
//! [`Declaration::normalized`] for the exact rule.

use core::fmt;

/// A parse or schema error, located at a line of a schema file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    /// The schema file's name as given to the parser.
    pub file: String,
    /// The 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl Error {
    /// An error at `file:line`.
    pub fn new(file: &str, line: usize, message: impl Into<String>) -> Error {
        Error {
            file: file.to_string(),
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl core::error::Error for Error {}

/// Which section of the schema a declaration is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    /// `---types---` (the default at the start of a file): type constructors.
    Types,
    /// `---functions---`: functions (RPC requests).
    Functions,
}

/// A type as a field or result names it: `int`, `Updates`, `!X`,
/// `Vector<long>`, `vector<future_salt>`, `messages.Messages`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeRef {
    /// `!X`: a boxed object of the generic type `X`.
    pub bang: bool,
    /// The (possibly dotted) name: `int`, `Vector`, `messages.Messages`.
    pub name: String,
    /// The argument of a generic: `long` in `Vector<long>`.
    pub arg: Option<Box<TypeRef>>,
}

impl TypeRef {
    /// Whether the name is a boxed type name: its last dotted component
    /// starts with an uppercase letter (`Updates`, `messages.Messages`).
    pub fn is_boxed_name(&self) -> bool {
        is_boxed_name(&self.name)
    }

    /// Whether it is just a name: no `!`, no generic argument.
    pub fn is_plain(&self) -> bool {
        !self.bang && self.arg.is_none()
    }

    fn write_normalized(&self, out: &mut String, bytes_as_string: bool) {
        if self.bang {
            out.push('!');
        }
        if bytes_as_string && self.name == "bytes" {
            out.push_str("string");
        } else {
            out.push_str(&self.name);
        }
        if let Some(arg) = &self.arg {
            // Rule 5 applies to the field's own type only: `Vector<bytes>`
            // hashes as `Vector bytes`.
            out.push(' ');
            arg.write_normalized(out, false);
        }
    }
}

impl fmt::Display for TypeRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.bang {
            f.write_str("!")?;
        }
        f.write_str(&self.name)?;
        if let Some(arg) = &self.arg {
            write!(f, "<{arg}>")?;
        }
        Ok(())
    }
}

/// Whether a (possibly dotted) name is a boxed type name: its last component
/// starts with an uppercase letter.
pub fn is_boxed_name(name: &str) -> bool {
    let last = name.rsplit('.').next().unwrap_or(name);
    last.starts_with(|c: char| c.is_ascii_uppercase())
}

/// The condition of a `name:flags.N?T` field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Condition {
    /// The `#` field holding the bit (`flags`).
    pub field: String,
    /// The bit, 0–31.
    pub bit: u8,
}

/// What a field holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParamType {
    /// `#`: a flags word.
    Flags,
    /// A value of a type, optionally guarded by a flags bit.
    Value {
        /// `flags.N?` when present.
        condition: Option<Condition>,
        /// The type.
        ty: TypeRef,
    },
}

/// One field of a declaration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Param {
    /// Its name (`user_id`).
    pub name: String,
    /// Its type.
    pub ty: ParamType,
}

impl Param {
    /// Whether it is a `flags.N?true` field: a flag bit without bytes of its
    /// own, left out of the id computation.
    pub fn is_flag_true(&self) -> bool {
        matches!(&self.ty, ParamType::Value { condition: Some(_), ty }
            if ty.is_plain() && ty.name == "true")
    }
}

impl fmt::Display for Param {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.ty {
            ParamType::Flags => write!(f, "{}:#", self.name),
            ParamType::Value { condition, ty } => {
                write!(f, "{}:", self.name)?;
                if let Some(c) = condition {
                    write!(f, "{}.{}?", c.field, c.bit)?;
                }
                write!(f, "{ty}")
            }
        }
    }
}

/// A generic parameter `{X:Type}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Generic {
    /// The variable (`X`).
    pub name: String,
    /// Its kind (`Type`).
    pub ty: String,
}

/// One combinator declaration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Declaration {
    /// The full name, namespace included (`contacts.acceptContact`).
    pub name: String,
    /// The `#id` written in the schema, if any.
    pub declared_id: Option<u32>,
    /// `{X:Type}` parameters.
    pub generics: Vec<Generic>,
    /// The fields, in order.
    pub params: Vec<Param>,
    /// The type it builds (constructors) or returns (functions).
    pub result: TypeRef,
    /// The section it was declared in.
    pub section: Section,
    /// The file it comes from (as given to the parser).
    pub file: String,
    /// The line it starts on (1-based).
    pub line: usize,
    /// The declaration as written, whitespace collapsed, with its `;`.
    pub text: String,
}

impl Declaration {
    /// Whether it is a function rather than a type constructor.
    pub fn is_function(&self) -> bool {
        self.section == Section::Functions
    }

    /// The text whose CRC32 is the constructor id.
    ///
    /// The rule (Telegram's, as the TL documentation and every TL code
    /// generator apply it; verified against every declaration of
    /// `api-layer122.tl` and `mtproto.tl`): the declaration with
    ///
    /// 1. the `#id` left out;
    /// 2. every `name:flags.N?true` field left out (the bit is its value, it
    ///    has no bytes of its own);
    /// 3. the braces of `{X:Type}` dropped (`X:Type` stays);
    /// 4. `Vector<T>` / `vector<T>` written `Vector T` / `vector T` (`<`
    ///    becomes a space, `>` goes);
    /// 5. a field of type `bytes` (or `flags.N?bytes`) written as `string`
    ///    (they are the same on the wire) — but not an element type:
    ///    `Vector<bytes>` stays `Vector bytes` (`messages.sendVote`,
    ///    `inputMediaPoll`, ... only match that way);
    /// 6. the final `;` dropped and the tokens joined by single spaces.
    ///
    /// So `updateShortMessage#2296d2c8 flags:# out:flags.1?true ...
    /// entities:flags.7?Vector<MessageEntity> = Updates;` hashes as
    /// `updateShortMessage flags:# ... entities:flags.7?Vector MessageEntity = Updates`.
    pub fn normalized(&self) -> String {
        self.normalize(true)
    }

    /// [`Self::normalized`] without rule 5 (`bytes` kept as written). A few
    /// MTProto-only declarations (`ipPortSecret`) have ids computed this way;
    /// see [`crate::layer::IdCheck::BytesKept`].
    pub fn normalized_keeping_bytes(&self) -> String {
        self.normalize(false)
    }

    fn normalize(&self, bytes_as_string: bool) -> String {
        let mut out = self.name.clone();
        for g in &self.generics {
            out.push(' ');
            out.push_str(&g.name);
            out.push(':');
            out.push_str(&g.ty);
        }
        for p in self.params.iter().filter(|p| !p.is_flag_true()) {
            out.push(' ');
            out.push_str(&p.name);
            out.push(':');
            match &p.ty {
                ParamType::Flags => out.push('#'),
                ParamType::Value { condition, ty } => {
                    if let Some(c) = condition {
                        out.push_str(&format!("{}.{}?", c.field, c.bit));
                    }
                    ty.write_normalized(&mut out, bytes_as_string);
                }
            }
        }
        out.push_str(" = ");
        self.result.write_normalized(&mut out, bytes_as_string);
        out
    }

    /// The CRC32 (IEEE) of [`Self::normalized`]: the id the declaration
    /// should have.
    pub fn computed_id(&self) -> u32 {
        crc32fast::hash(self.normalized().as_bytes())
    }

    /// The CRC32 of [`Self::normalized_keeping_bytes`].
    pub fn computed_id_keeping_bytes(&self) -> u32 {
        crc32fast::hash(self.normalized_keeping_bytes().as_bytes())
    }

    /// `file:line` of the declaration.
    pub fn location(&self) -> String {
        format!("{}:{}", self.file, self.line)
    }

    /// An error at this declaration's line.
    pub fn error(&self, message: impl Into<String>) -> Error {
        Error::new(&self.file, self.line, message)
    }
}

/// One parsed schema file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SchemaFile {
    /// The declarations, in file order (the built-in `vector` left out).
    pub declarations: Vec<Declaration>,
    /// The layer named by a `// LAYER N` comment, if any.
    pub layer: Option<u32>,
}

/// Parses the text of a schema file; `file` names it in errors and in
/// [`Declaration::file`].
pub fn parse(file: &str, text: &str) -> Result<SchemaFile, Error> {
    let mut out = SchemaFile::default();
    let mut section = Section::Types;
    // The statement being gathered (up to its `;`) and its first line.
    let mut pending = String::new();
    let mut pending_line = 0;
    for (i, raw) in text.lines().enumerate() {
        let line_no = i + 1;
        let (code, comment) = match raw.find("//") {
            Some(p) => (&raw[..p], Some(&raw[p + 2..])),
            None => (raw, None),
        };
        if let Some(layer) = comment.and_then(layer_comment) {
            if out.layer.is_some_and(|l| l != layer) {
                return Err(Error::new(
                    file,
                    line_no,
                    "a second, different `// LAYER` comment",
                ));
            }
            out.layer = Some(layer);
        }
        let code = code.trim();
        if code.is_empty() {
            continue;
        }
        if code.starts_with("---") {
            if !pending.trim().is_empty() {
                return Err(Error::new(
                    file,
                    pending_line,
                    "declaration not terminated by `;` before a section marker",
                ));
            }
            section = match code {
                "---types---" => Section::Types,
                "---functions---" => Section::Functions,
                _ => {
                    return Err(Error::new(
                        file,
                        line_no,
                        format!("unknown section marker `{code}`"),
                    ))
                }
            };
            continue;
        }
        let mut rest = code;
        while !rest.is_empty() {
            if pending.trim().is_empty() {
                pending.clear();
                pending_line = line_no;
            } else {
                pending.push(' ');
            }
            match rest.find(';') {
                Some(p) => {
                    pending.push_str(&rest[..p]);
                    if let Some(d) = parse_statement(file, pending_line, section, &pending)? {
                        out.declarations.push(d);
                    }
                    pending.clear();
                    rest = rest[p + 1..].trim_start();
                }
                None => {
                    pending.push_str(rest);
                    rest = "";
                }
            }
        }
    }
    if !pending.trim().is_empty() {
        return Err(Error::new(
            file,
            pending_line,
            "declaration not terminated by `;`",
        ));
    }
    Ok(out)
}

/// Parses a single declaration (for `tl id`); the final `;` is optional. The
/// built-in `vector` declaration is an error here.
pub fn parse_declaration(file: &str, text: &str) -> Result<Declaration, Error> {
    let text = text.trim();
    let text = text.strip_suffix(';').unwrap_or(text);
    if text.contains(';') {
        return Err(Error::new(file, 1, "expected a single declaration"));
    }
    match parse_statement(file, 1, Section::Types, text)? {
        Some(d) => Ok(d),
        None => Err(Error::new(
            file,
            1,
            "`vector` is built in; its id is #1cb5c415",
        )),
    }
}

/// `LAYER 122` (after the `//`, surrounding spaces and extra slashes allowed).
fn layer_comment(comment: &str) -> Option<u32> {
    let c = comment.trim_start_matches('/').trim();
    let n = c.strip_prefix("LAYER ")?.trim();
    if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) {
        n.parse().ok()
    } else {
        None
    }
}

fn is_ident(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn is_dotted_ident(s: &str) -> bool {
    !s.is_empty() && s.split('.').all(is_ident)
}

/// Parses one statement (without its `;`). `Ok(None)` for the built-in
/// `vector` declaration.
/// The declarations of the bare built-in types, as the TL language
/// describes them and some schema files (layer 230's `mtproto.tl`) carry
/// them, spaces normalized: nothing to generate, the primitives are built
/// in. Only these exact statements are skipped; any other `?` or `[ ]`
/// construct is an error.
const BUILT_IN: &[&str] = &[
    "int ? = Int;",
    "long ? = Long;",
    "double ? = Double;",
    "string ? = String;",
    "int128 4*[ int ] = Int128;",
    "int256 8*[ int ] = Int256;",
];

fn parse_statement(
    file: &str,
    line: usize,
    section: Section,
    stmt: &str,
) -> Result<Option<Declaration>, Error> {
    let err = |m: String| Error::new(file, line, m);
    let tokens: Vec<&str> = stmt.split_whitespace().collect();
    let text = format!("{};", tokens.join(" "));
    if BUILT_IN.contains(&text.as_str()) {
        return Ok(None);
    }
    let Some(eq) = tokens.iter().position(|t| *t == "=") else {
        return Err(err(format!("expected ` = ResultType` in `{text}`")));
    };
    let (head, result) = (&tokens[..eq], &tokens[eq + 1..]);
    let Some((&first, fields)) = head.split_first() else {
        return Err(err("declaration without a name".into()));
    };
    let (name, declared_id) = match first.split_once('#') {
        Some((n, hex)) => {
            if hex.is_empty() || hex.len() > 8 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(err(format!("bad id `#{hex}` (expected 1 to 8 hex digits)")));
            }
            let id =
                u32::from_str_radix(hex, 16).map_err(|e| err(format!("bad id `#{hex}`: {e}")))?;
            (n, Some(id))
        }
        None => (first, None),
    };
    if !is_dotted_ident(name) {
        return Err(err(format!("bad combinator name `{name}`")));
    }
    if name == "vector" {
        // The built-in `vector#1cb5c415 {t:Type} # [ t ] = Vector t;`.
        if declared_id.is_some_and(|id| id != 0x1cb5_c415) {
            return Err(err("the built-in `vector` must have id #1cb5c415".into()));
        }
        return Ok(None);
    }
    if is_boxed_name(name) {
        return Err(err(format!(
            "combinator name `{name}` must start with a lowercase letter"
        )));
    }
    let mut generics: Vec<Generic> = Vec::new();
    let mut params: Vec<Param> = Vec::new();
    for &tok in fields {
        if let Some(inner) = tok.strip_prefix('{') {
            let Some(inner) = inner.strip_suffix('}') else {
                return Err(err(format!("bad generic parameter `{tok}`")));
            };
            let Some((v, k)) = inner.split_once(':') else {
                return Err(err(format!(
                    "bad generic parameter `{tok}` (expected `{{X:Type}}`)"
                )));
            };
            if !is_ident(v) || k != "Type" {
                return Err(err(format!(
                    "bad generic parameter `{tok}` (expected `{{X:Type}}`)"
                )));
            }
            if !params.is_empty() {
                return Err(err(format!("generic parameter `{tok}` after a field")));
            }
            if generics.iter().any(|g| g.name == v) {
                return Err(err(format!("generic parameter `{v}` declared twice")));
            }
            generics.push(Generic {
                name: v.to_string(),
                ty: k.to_string(),
            });
            continue;
        }
        let Some((fname, fty)) = tok.split_once(':') else {
            return Err(err(format!("expected `name:Type`, found `{tok}`")));
        };
        if !is_ident(fname) {
            return Err(err(format!("bad field name `{fname}`")));
        }
        if params.iter().any(|p| p.name == fname) {
            return Err(err(format!("field `{fname}` declared twice")));
        }
        let ty = if fty == "#" {
            ParamType::Flags
        } else {
            let (condition, tyname) = match fty.split_once('?') {
                Some((cond, t)) => {
                    let Some((field, bit)) = cond.split_once('.') else {
                        return Err(err(format!(
                            "bad condition `{cond}?` of field `{fname}` (expected `flags.N?`)"
                        )));
                    };
                    let bit: u8 = match bit.parse() {
                        Ok(b) if b < 32 && !bit.starts_with('+') => b,
                        _ => {
                            return Err(err(format!(
                                "bad flag bit `{bit}` of field `{fname}` (expected 0 to 31)"
                            )))
                        }
                    };
                    if !params
                        .iter()
                        .any(|p| p.name == field && p.ty == ParamType::Flags)
                    {
                        return Err(err(format!(
                            "field `{fname}` tests `{field}`, which is not an earlier `#` field"
                        )));
                    }
                    (
                        Some(Condition {
                            field: field.to_string(),
                            bit,
                        }),
                        t,
                    )
                }
                None => (None, fty),
            };
            let ty = parse_type(tyname).map_err(|m| err(format!("field `{fname}`: {m}")))?;
            check_generic_use(&ty, &generics).map_err(|m| err(format!("field `{fname}`: {m}")))?;
            ParamType::Value { condition, ty }
        };
        params.push(Param {
            name: fname.to_string(),
            ty,
        });
    }
    let result = match result {
        [one] => parse_type(one).map_err(|m| err(format!("result type: {m}")))?,
        [] => return Err(err("missing result type after `=`".into())),
        _ => {
            return Err(err(format!(
                "result type must be one token, found `{}`",
                result.join(" ")
            )))
        }
    };
    if result.bang {
        return Err(err("result type cannot be `!X`".into()));
    }
    Ok(Some(Declaration {
        name: name.to_string(),
        declared_id,
        generics,
        params,
        result,
        section,
        file: file.to_string(),
        line,
        text,
    }))
}

/// Parses `int`, `!X`, `Vector<long>`, `messages.Messages`, `Vector<Vector<int>>`.
fn parse_type(s: &str) -> Result<TypeRef, String> {
    let (bang, rest) = match s.strip_prefix('!') {
        Some(r) => (true, r),
        None => (false, s),
    };
    if rest.starts_with('%') {
        return Err(format!("bare-type marker `%` is not supported (`{s}`)"));
    }
    let (name, arg) = match rest.find('<') {
        Some(p) => {
            let Some(inner) = rest[p + 1..].strip_suffix('>') else {
                return Err(format!("unbalanced `<` in `{s}`"));
            };
            if bang {
                return Err(format!("`!` applies to a type variable, not `{s}`"));
            }
            (&rest[..p], Some(Box::new(parse_type(inner)?)))
        }
        None => (rest, None),
    };
    if name.contains('>') {
        return Err(format!("unbalanced `>` in `{s}`"));
    }
    if !is_dotted_ident(name) {
        return Err(format!("bad type `{s}`"));
    }
    Ok(TypeRef {
        bang,
        name: name.to_string(),
        arg,
    })
}

/// `!X` must name a `{X:Type}` of the declaration.
fn check_generic_use(ty: &TypeRef, generics: &[Generic]) -> Result<(), String> {
    if ty.bang && !generics.iter().any(|g| g.name == ty.name) {
        return Err(format!(
            "`!{}` names no `{{{}:Type}}` parameter",
            ty.name, ty.name
        ));
    }
    match &ty.arg {
        Some(a) => check_generic_use(a, generics),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Declaration {
        let mut f = parse("t.tl", text).unwrap();
        assert_eq!(f.declarations.len(), 1, "{text}");
        f.declarations.pop().unwrap()
    }

    fn err(text: &str) -> String {
        parse("t.tl", text).unwrap_err().to_string()
    }

    #[test]
    fn the_built_in_types_declarations_are_skipped_and_nothing_else() {
        let text = "int ? = Int;\nlong ? = Long;\ndouble ? = Double;\nstring ? = String;\n\
                    vector {t:Type} # [ t ] = Vector t;\nint128 4*[ int ] = Int128;\n\
                    int256  8*[ int ]  = Int256;\nboolTrue#997275b5 = Bool;";
        let f = parse("t.tl", text).unwrap();
        assert_eq!(f.declarations.len(), 1);
        assert_eq!(f.declarations[0].name, "boolTrue");
        // Only those exact statements: any other `?` is an error.
        assert!(err("float ? = Float;").contains("expected `name:Type`"));
        assert!(err("int ? = Long;").contains("expected `name:Type`"));
        assert!(err("int128 2*[ int ] = Int128;").starts_with("t.tl:1:"));
    }

    #[test]
    fn simple_declaration() {
        let d = one("contacts.acceptContact#f831a20f id:InputUser = Updates;");
        assert_eq!(d.name, "contacts.acceptContact");
        assert_eq!(d.declared_id, Some(0xf831_a20f));
        assert_eq!(d.params.len(), 1);
        assert_eq!(d.params[0].name, "id");
        assert_eq!(d.result.name, "Updates");
        assert_eq!(d.section, Section::Types);
        assert_eq!(
            d.normalized(),
            "contacts.acceptContact id:InputUser = Updates"
        );
        assert_eq!(d.computed_id(), 0xf831_a20f);
        assert_eq!(
            d.text,
            "contacts.acceptContact#f831a20f id:InputUser = Updates;"
        );
    }

    #[test]
    fn comments_sections_and_layer() {
        let f = parse(
            "t.tl",
            "// a comment\n\
             boolFalse#bc799737 = Bool; // trailing comment\n\
             ///////\n\
             ---functions---\n\
             \n\
             ping#7abe77ec ping_id:long = Pong;\n\
             ---types---\n\
             pong#347773c5 msg_id:long ping_id:long = Pong;\n\
             // LAYER 122\n",
        )
        .unwrap();
        assert_eq!(f.layer, Some(122));
        let d = &f.declarations;
        assert_eq!(d.len(), 3);
        assert_eq!((d[0].line, d[0].section), (2, Section::Types));
        assert_eq!((d[1].line, d[1].section), (6, Section::Functions));
        assert_eq!((d[2].line, d[2].section), (8, Section::Types));
        assert!(d.iter().all(|d| d.computed_id() == d.declared_id.unwrap()));
    }

    #[test]
    fn short_ids_and_no_ids() {
        let d = one("messageEntityBlockquote#20df5d0 offset:int length:int = MessageEntity;");
        assert_eq!(d.declared_id, Some(0x020d_f5d0));
        assert_eq!(d.computed_id(), 0x020d_f5d0);
        let d = one("ipPort ipv4:int port:int = IpPort;");
        assert_eq!(d.declared_id, None);
        assert_eq!(d.computed_id(), 0xd433_ad73);
    }

    #[test]
    fn flags_vectors_and_bare_types() {
        let d = one(
            "updateShortMessage#2296d2c8 flags:# out:flags.1?true mentioned:flags.4?true \
             media_unread:flags.5?true silent:flags.13?true id:int user_id:int message:string \
             pts:int pts_count:int date:int fwd_from:flags.2?MessageFwdHeader \
             via_bot_id:flags.11?int reply_to:flags.3?MessageReplyHeader \
             entities:flags.7?Vector<MessageEntity> = Updates;",
        );
        assert_eq!(d.params[0].ty, ParamType::Flags);
        assert!(d.params[1].is_flag_true());
        match &d.params[14].ty {
            ParamType::Value { condition, ty } => {
                assert_eq!(condition.as_ref().unwrap().bit, 7);
                assert_eq!(ty.to_string(), "Vector<MessageEntity>");
                assert_eq!(ty.arg.as_ref().unwrap().name, "MessageEntity");
            }
            ParamType::Flags => panic!(),
        }
        assert_eq!(d.computed_id(), 0x2296_d2c8);
        let d = one("future_salts#ae500895 req_msg_id:long now:int salts:vector<future_salt> = FutureSalts;");
        assert_eq!(
            d.normalized(),
            "future_salts req_msg_id:long now:int salts:vector future_salt = FutureSalts"
        );
        assert_eq!(d.computed_id(), 0xae50_0895);
    }

    #[test]
    fn generics_and_bytes() {
        let d = one("invokeWithLayer#da9b0d0d {X:Type} layer:int query:!X = X;");
        assert_eq!(d.generics.len(), 1);
        assert_eq!(
            d.normalized(),
            "invokeWithLayer X:Type layer:int query:!X = X"
        );
        assert_eq!(d.computed_id(), 0xda9b_0d0d);
        let d = one(
            "messages.sendVote#10ea6184 peer:InputPeer msg_id:int options:Vector<bytes> = Updates;",
        );
        assert_eq!(
            d.normalized(),
            "messages.sendVote peer:InputPeer msg_id:int options:Vector bytes = Updates"
        );
        assert_eq!(d.computed_id(), 0x10ea_6184);
        let d = one("secureValueErrorFile#7a700873 type:SecureValueType file_hash:bytes text:string = SecureValueError;");
        assert_eq!(d.computed_id(), 0x7a70_0873);
        let d = one("gzip_packed#3072cfa1 packed_data:bytes = Object;");
        assert_eq!(d.normalized(), "gzip_packed packed_data:string = Object");
        assert_eq!(
            d.normalized_keeping_bytes(),
            "gzip_packed packed_data:bytes = Object"
        );
        assert_eq!(d.computed_id(), 0x3072_cfa1);
    }

    #[test]
    fn builtin_vector_is_skipped() {
        let f = parse(
            "t.tl",
            "vector#1cb5c415 {t:Type} # [ t ] = Vector t;\ntrue#3fedd339 = True;",
        )
        .unwrap();
        assert_eq!(f.declarations.len(), 1);
        assert_eq!(f.declarations[0].name, "true");
    }

    #[test]
    fn multi_line_and_several_per_line() {
        let f = parse(
            "t.tl",
            "\n  a#1 x:int\n   y:long // c\n = A; b = B;\nc = C;",
        )
        .unwrap();
        let lines: Vec<_> = f
            .declarations
            .iter()
            .map(|d| (d.name.as_str(), d.line))
            .collect();
        assert_eq!(lines, [("a", 2), ("b", 4), ("c", 5)]);
        assert_eq!(f.declarations[0].text, "a#1 x:int y:long = A;");
    }

    #[test]
    fn errors_carry_lines() {
        assert_eq!(
            err("a = A;\nb x:int B;"),
            "t.tl:2: expected ` = ResultType` in `b x:int B;`"
        );
        assert_eq!(
            err("\n\na#xyz = A;"),
            "t.tl:3: bad id `#xyz` (expected 1 to 8 hex digits)"
        );
        assert_eq!(
            err("a#123456789 = A;"),
            "t.tl:1: bad id `#123456789` (expected 1 to 8 hex digits)"
        );
        assert_eq!(
            err("a = A;\n\na flags:# x:flags.32?int = A;"),
            "t.tl:3: bad flag bit `32` of field `x` (expected 0 to 31)"
        );
        assert_eq!(
            err("a x:flags.0?int = A;"),
            "t.tl:1: field `x` tests `flags`, which is not an earlier `#` field"
        );
        assert_eq!(
            err("a x:int = A;\nb = B"),
            "t.tl:2: declaration not terminated by `;`"
        );
        assert_eq!(
            err("---methods---"),
            "t.tl:1: unknown section marker `---methods---`"
        );
        assert_eq!(
            err("a q:!X = A;"),
            "t.tl:1: field `q`: `!X` names no `{X:Type}` parameter"
        );
        assert_eq!(err("a x = A;"), "t.tl:1: expected `name:Type`, found `x`");
        assert_eq!(
            err("a x:Vector<int = A;"),
            "t.tl:1: field `x`: unbalanced `<` in `Vector<int`"
        );
        assert_eq!(
            err("a x:%Foo = A;"),
            "t.tl:1: field `x`: bare-type marker `%` is not supported (`%Foo`)"
        );
        assert_eq!(
            err("Foo = A;"),
            "t.tl:1: combinator name `Foo` must start with a lowercase letter"
        );
        assert_eq!(
            err("a = Vector t;"),
            "t.tl:1: result type must be one token, found `Vector t`"
        );
        assert_eq!(
            err("a x:int x:int = A;"),
            "t.tl:1: field `x` declared twice"
        );
        assert_eq!(
            err("a x:int {X:Type} = A;"),
            "t.tl:1: generic parameter `{X:Type}` after a field"
        );
        assert_eq!(
            err("a = A;\nb\n x:int\n = ;"),
            "t.tl:2: missing result type after `=`"
        );
    }

    #[test]
    fn single_declaration() {
        let d = parse_declaration("arg", "contacts.acceptContact id:InputUser = Updates").unwrap();
        assert_eq!(d.computed_id(), 0xf831_a20f);
        assert!(parse_declaration("arg", "vector#1cb5c415 {t:Type} # [ t ] = Vector t").is_err());
        assert!(parse_declaration("arg", "a = A; b = B").is_err());
    }
}
