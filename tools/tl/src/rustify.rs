//! Every TL → Rust name the generator writes for the typed views: one place,
//! so that the rules stay consistent and a collision is found here.
//!
//! - Constructors and types become `PascalCase` (`updateShortMessage` →
//!   `UpdateShortMessage`, `p_q_inner_data` → `PQInnerData`).
//! - A namespace becomes a module (`contacts.acceptContact` →
//!   `contacts::AcceptContact`); the MTProto service schema's combinators and
//!   types live in a module `mtproto` of their own (its `message` and the
//!   API's `message` would otherwise share a name).
//! - A type's enum names each variant after its constructor, less the type's
//!   name where the constructor starts with it (`Peer::User` for `peerUser`,
//!   `Updates::TooLong` for `updatesTooLong`), and in full otherwise
//!   (`Updates::UpdateShort`).
//! - Fields become `snake_case`; a Rust keyword, or a name a view's own
//!   methods use, gets a trailing underscore (`type` → `type_`, `self` →
//!   `self_`).
//! - An RPC error becomes a variant named after its words, without its
//!   number (`FLOOD_WAIT_%d` → `FloodWait`, `2FA_CONFIRM_WAIT_%d` →
//!   `TwoFaConfirmWait`), and its number a field named as the error list
//!   names it (`seconds`), a data-centre number `dc`, else `value`.

use crate::layer::Scope;

/// Rust's keywords, strict and reserved (any edition).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Names a generated view's own items use, which a field accessor must not
/// take.
const VIEW_ITEMS: &[&str] = &[
    "decode",
    "decode_with",
    "decode_prefix",
    "read",
    "object",
    "body",
    "step",
    "fallback",
    "from_object",
];

/// `updateShortMessage` → `UpdateShortMessage`; `p_q_inner_data` →
/// `PQInnerData`; `Server_DH_Params` → `ServerDHParams`.
pub fn pascal(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut up = true;
    for c in name.chars() {
        if c == '_' {
            up = true;
            continue;
        }
        if up {
            out.push(c.to_ascii_uppercase());
            up = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// `fromId` → `from_id`; `from_id` stays; keywords and view items get a
/// trailing `_`.
pub fn field(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 && !out.ends_with('_') {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    if KEYWORDS.contains(&out.as_str()) || VIEW_ITEMS.contains(&out.as_str()) {
        out.push('_');
    }
    out
}

/// The words of a leading number, spelled (an identifier cannot start with
/// a digit): `2FA` → `TwoFa`.
const DIGITS: [&str; 10] = [
    "Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine",
];

/// The variant of an RPC error (the error list's name): its words (split at
/// anything not a letter or digit, `%d` dropped) capitalized and joined;
/// leading digits spelled. `FLOOD_WAIT_%d` → `FloodWait`,
/// `Invalid msgs_ack query` → `InvalidMsgsAckQuery`.
pub fn error_variant(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for word in name
        .replace("%d", " ")
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let mut up = true;
        for c in word.chars() {
            match c.to_digit(10) {
                Some(d) if out.is_empty() => {
                    out.push_str(DIGITS[d as usize]);
                    up = true;
                }
                _ if up => {
                    out.push(c.to_ascii_uppercase());
                    up = false;
                }
                _ => out.push(c.to_ascii_lowercase()),
            }
        }
    }
    out
}

/// Names the error list gives a number, renamed where another word says it
/// better: the data centre of a `*_MIGRATE_X` is `dc` whether the list says
/// `dc` or `new_dc`; `FILE_PART_X_MISSING`'s `which` is a `part`.
const ERROR_FIELDS: &[(&str, &str)] = &[("new_dc", "dc"), ("which", "part")];

/// The field that holds an RPC error's number: the list's name for it
/// (`seconds`, `minutes`, `dc`), renamed by [`ERROR_FIELDS`]; `value` when
/// the list names none.
pub fn error_field(listed: Option<&str>) -> String {
    let name = listed.unwrap_or("value");
    let name = ERROR_FIELDS
        .iter()
        .find(|(from, _)| *from == name)
        .map_or(name, |(_, to)| to);
    field(name)
}

/// The module path (possibly empty) and the Rust name of a TL name, as a
/// constructor, function or type of `scope`: `contacts.acceptContact` →
/// (`["contacts"]`, `AcceptContact`).
pub fn item(name: &str, scope: Scope) -> (Vec<String>, String) {
    let mut parts: Vec<&str> = name.split('.').collect();
    let last = parts.pop().unwrap_or(name);
    let mut path: Vec<String> = Vec::new();
    if scope == Scope::MtProto {
        path.push("mtproto".into());
    }
    path.extend(parts.iter().map(|p| field(p)));
    (path, pascal(last))
}

/// The variant of constructor `ctor` (a Rust name) in the enum of type
/// `ty` (a Rust name): `ctor` less a leading `ty` when what is left is a
/// name of its own.
pub fn variant(ty: &str, ctor: &str) -> String {
    if let Some(rest) = ctor.strip_prefix(ty) {
        if rest.starts_with(|c: char| c.is_ascii_uppercase()) && rest != "Self" {
            return rest.to_string();
        }
    }
    ctor.to_string()
}

/// `crate::types::contacts::Contacts`-style path of an item.
pub fn path(root: &str, (modules, name): &(Vec<String>, String)) -> String {
    let mut s = format!("crate::{root}");
    for m in modules {
        s.push_str("::");
        s.push_str(m);
    }
    s.push_str("::");
    s.push_str(name);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(pascal("updateShortMessage"), "UpdateShortMessage");
        assert_eq!(pascal("p_q_inner_data"), "PQInnerData");
        assert_eq!(pascal("Server_DH_Params"), "ServerDHParams");
        assert_eq!(field("type"), "type_");
        assert_eq!(field("self"), "self_");
        assert_eq!(field("read"), "read_");
        assert_eq!(field("user_id"), "user_id");
        assert_eq!(field("fromId"), "from_id");
        assert_eq!(
            item("contacts.acceptContact", Scope::Api),
            (vec!["contacts".to_string()], "AcceptContact".to_string())
        );
        assert_eq!(
            item("message", Scope::MtProto),
            (vec!["mtproto".to_string()], "Message".to_string())
        );
        assert_eq!(variant("Peer", "PeerUser"), "User");
        assert_eq!(variant("Updates", "UpdatesTooLong"), "TooLong");
        assert_eq!(variant("Updates", "Updates"), "Updates");
        assert_eq!(variant("Updates", "UpdateShort"), "UpdateShort");
        assert_eq!(variant("InputPeer", "InputPeerSelf"), "InputPeerSelf");
        assert_eq!(variant("Bool", "BoolTrue"), "True");
        assert_eq!(error_variant("FLOOD_WAIT_%d"), "FloodWait");
        assert_eq!(error_variant("FILE_PART_%d_MISSING"), "FilePartMissing");
        assert_eq!(
            error_variant("PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_%dMIN"),
            "PreviousChatImportActiveWaitMin"
        );
        assert_eq!(error_variant("2FA_CONFIRM_WAIT_%d"), "TwoFaConfirmWait");
        assert_eq!(
            error_variant("Invalid msgs_ack query"),
            "InvalidMsgsAckQuery"
        );
        assert_eq!(error_variant("Timedout"), "Timedout");
        assert_eq!(error_variant("EMAIL_UNCONFIRMED_X"), "EmailUnconfirmedX");
        assert_eq!(error_field(Some("seconds")), "seconds");
        assert_eq!(error_field(Some("new_dc")), "dc");
        assert_eq!(error_field(Some("which")), "part");
        assert_eq!(error_field(Some("type")), "type_");
        assert_eq!(error_field(None), "value");
    }
}
