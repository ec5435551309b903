//! The typed RPC errors against the vendored list itself
//! (`schema/errors/raw-errors.json`, read here with serde_json, not through
//! the generated tables): every error parses from the message a server
//! sends, with its name, code, number and description; everything else is
//! kept whole as `Unknown`; the errors per function are the list's.

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;
use tlview::mtproto::RpcError;
use tlview::rpc_errors::{errors_of, RpcErrorKind, RpcErrorName, RpcMessage};
use tlview::schema::id;
use tlview::{AcceptContactError, TlStr};

fn list() -> serde_json::Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/schema/errors/raw-errors.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// (the list's name with `%d`, code, description) of every error.
fn listed() -> Vec<(String, i32, String)> {
    let list = list();
    let errors = list["errors"].as_object().unwrap();
    errors
        .iter()
        .map(|(name, e)| {
            (
                name.clone(),
                i32::try_from(e["code"].as_i64().unwrap()).unwrap(),
                e["description"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// The message a server sends for `name` (the list's, with `%d`) and `n`.
fn message(name: &str, n: u32) -> String {
    name.replace("%d", &n.to_string())
}

/// A message is parsed back to its error, its number and its code, and
/// gives back the same message.
fn check_parses(name: &str, code: i32, description: &str, n: u32) {
    let numbered = name.contains("%d");
    let text = message(name, n);
    let kind = RpcErrorKind::parse(code, text.as_bytes());
    let what = format!("{text} ({code})");
    let e = kind
        .known()
        .unwrap_or_else(|| panic!("{what}: parsed as {kind:?}"));
    assert_eq!(e.name(), name.replace("%d", "X"), "{what}");
    assert_eq!(RpcErrorName::from_name(e.name()), Some(e), "{what}");
    assert_eq!(
        (kind.name(), kind.code(), e.code()),
        (e.name(), code, code),
        "{what}"
    );
    assert_eq!(kind.number(), numbered.then_some(n), "{what}");
    assert_eq!(e.number_field().is_some(), numbered, "{what}");
    assert_eq!(kind.message().to_string(), text, "{what}");
    assert!(kind.message().is(text.as_bytes()), "{what}");
    #[cfg(feature = "names")]
    {
        assert_eq!(e.description(), description, "{what}");
        assert_eq!(kind.description(), description, "{what}");
        let shown = kind.to_string();
        match description {
            "" => assert_eq!(shown, format!("{code} {text}")),
            d => assert_eq!(
                shown,
                format!("{code} {text}: {}", d.replacen("%d", &n.to_string(), 1))
            ),
        }
    }
    #[cfg(not(feature = "names"))]
    {
        let _ = description;
        assert_eq!(kind.to_string(), format!("{code} {text}"));
    }
    // The same through a decoded rpc_error.
    let rpc = RpcError {
        error_code: code,
        error_message: TlStr::new(text.as_bytes()),
    };
    assert_eq!(rpc.kind(), kind, "{what}");
    assert_eq!(RpcErrorKind::from(rpc), kind, "{what}");
}

#[test]
fn every_error_of_the_list_parses_from_its_message() {
    let listed = listed();
    assert_eq!(listed.len(), 552);
    assert_eq!(listed.len(), RpcErrorName::COUNT);
    let mut numbered = 0;
    for (name, code, description) in &listed {
        check_parses(name, *code, description, 17);
        if name.contains("%d") {
            numbered += 1;
            for n in [0, 1, 9, 10, 4_294_967_295] {
                // A message that is also a name of the list is that error
                // (the one case: FILE_PART_0_MISSING, listed beside
                // FILE_PART_%d_MISSING).
                if listed
                    .iter()
                    .any(|(other, _, _)| *other == message(name, n))
                {
                    continue;
                }
                check_parses(name, *code, description, n);
            }
        }
    }
    assert_eq!(numbered, 17);
    assert_eq!(
        RpcErrorKind::parse(400, b"FILE_PART_0_MISSING"),
        RpcErrorKind::FilePart0Missing
    );
    assert_eq!(
        RpcErrorKind::parse(400, b"FILE_PART_1_MISSING"),
        RpcErrorKind::FilePartMissing { part: 1 }
    );
    // Each of the list's errors is one name of the enum, and the enum has no other.
    let names: BTreeSet<String> = listed
        .iter()
        .map(|(n, _, _)| n.replace("%d", "X"))
        .collect();
    let ours: BTreeSet<String> = RpcErrorName::ALL
        .iter()
        .map(|e| e.name().to_string())
        .collect();
    assert_eq!(names, ours);
}

#[test]
fn a_listed_error_with_another_code_is_unknown() {
    for (name, code, _) in listed() {
        let text = message(&name, 5);
        for other in [code + 1, -code, 0, i32::MIN, i32::MAX] {
            assert_eq!(
                RpcErrorKind::parse(other, text.as_bytes()),
                RpcErrorKind::Unknown {
                    code: other,
                    message: TlStr::new(text.as_bytes())
                },
                "{text} with code {other}"
            );
        }
    }
}

#[test]
fn the_numbers_fields_are_named_for_what_they_hold() {
    let p = RpcErrorKind::parse;
    assert_eq!(
        p(420, b"FLOOD_WAIT_42"),
        RpcErrorKind::FloodWait { seconds: 42 }
    );
    assert_eq!(
        p(420, b"SLOWMODE_WAIT_7"),
        RpcErrorKind::SlowmodeWait { seconds: 7 }
    );
    assert_eq!(
        p(420, b"2FA_CONFIRM_WAIT_3"),
        RpcErrorKind::TwoFaConfirmWait { seconds: 3 }
    );
    assert_eq!(
        p(303, b"PHONE_MIGRATE_2"),
        RpcErrorKind::PhoneMigrate { dc: 2 }
    );
    assert_eq!(
        p(303, b"FILE_MIGRATE_4"),
        RpcErrorKind::FileMigrate { dc: 4 }
    );
    assert_eq!(
        p(303, b"USER_MIGRATE_5"),
        RpcErrorKind::UserMigrate { dc: 5 }
    );
    assert_eq!(
        p(303, b"NETWORK_MIGRATE_1"),
        RpcErrorKind::NetworkMigrate { dc: 1 }
    );
    assert_eq!(
        p(303, b"STATS_MIGRATE_3"),
        RpcErrorKind::StatsMigrate { dc: 3 }
    );
    assert_eq!(
        p(500, b"INTERDC_2_CALL_ERROR"),
        RpcErrorKind::InterdcCallError { dc: 2 }
    );
    assert_eq!(
        p(500, b"INTERDC_2_CALL_RICH_ERROR"),
        RpcErrorKind::InterdcCallRichError { dc: 2 }
    );
    assert_eq!(
        p(400, b"FILE_PART_12_MISSING"),
        RpcErrorKind::FilePartMissing { part: 12 }
    );
    assert_eq!(
        p(406, b"PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_5MIN"),
        RpcErrorKind::PreviousChatImportActiveWaitMin { minutes: 5 }
    );
    // EMAIL_UNCONFIRMED is listed too, so the numbered one keeps its X.
    assert_eq!(p(400, b"EMAIL_UNCONFIRMED"), RpcErrorKind::EmailUnconfirmed);
    assert_eq!(
        p(400, b"EMAIL_UNCONFIRMED_6"),
        RpcErrorKind::EmailUnconfirmedX { code_length: 6 }
    );
    // An X that is part of a name is no number.
    assert_eq!(
        p(400, b"AUTH_TOKEN_INVALIDX"),
        RpcErrorKind::AuthTokenInvalidx
    );
    assert_eq!(RpcErrorKind::AuthTokenInvalidx.number(), None);
    // Names that are not SCREAMING_SNAKE_CASE, and negative codes.
    assert_eq!(p(-503, b"Timeout"), RpcErrorKind::Timeout);
    assert_eq!(
        p(-500, b"Invalid msgs_ack query"),
        RpcErrorKind::InvalidMsgsAckQuery
    );
    assert_eq!(RpcErrorName::FloodWait.number_field(), Some("seconds"));
    assert_eq!(RpcErrorName::PhoneMigrate.number_field(), Some("dc"));
    assert_eq!(RpcErrorName::PeerIdInvalid.number_field(), None);
}

/// What is not a listed error's message exactly is kept whole.
#[test]
fn malformed_numbers_and_unknown_names_are_kept_as_they_came() {
    let cases: &[(i32, &[u8])] = &[
        (420, b"FLOOD_WAIT_"),
        (420, b"FLOOD_WAIT_abc"),
        (420, b"FLOOD_WAIT_99999999999"),
        (420, b"FLOOD_WAIT_4294967296"),
        (420, b"FLOOD_WAIT_017"),
        (420, b"FLOOD_WAIT_00"),
        (420, b"FLOOD_WAIT_-1"),
        (420, b"FLOOD_WAIT_+1"),
        (420, b"FLOOD_WAIT_ 1"),
        (420, b"FLOOD_WAIT_1 "),
        (420, b"FLOOD_WAIT_1\0"),
        (420, b"FLOOD_WAIT_1.5"),
        (420, b"FLOOD_WAIT_X"),
        (420, b"FLOOD_WAIT_%d"),
        (420, b"flood_wait_1"),
        (420, b"FLOOD_WAIT"),
        (420, b"FLOOD_WAI"),
        (420, b"_FLOOD_WAIT_1"),
        (420, b"FLOOD_WAIT_\xd9\xa1"), // ARABIC-INDIC DIGIT ONE
        (400, b"FILE_PART__MISSING"),
        (400, b"FILE_PART_1_MISSIN"),
        (400, b"FILE_PART_1_MISSING_"),
        (406, b"PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_MIN"),
        (406, b"PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_5"),
        (400, b"PEER_ID_INVALID_"),
        (400, b" PEER_ID_INVALID"),
        (400, b"PEER_ID_INVALI"),
        (400, b"peer_id_invalid"),
        (400, b"SOMETHING_NEW"),
        (400, b""),
        (0, b""),
        (400, b"\xff\xfe\x80"),
        (400, b"PEER_ID_INVALID\xff"),
        (-503, b"timeout"),
    ];
    for &(code, m) in cases {
        let kind = RpcErrorKind::parse(code, m);
        assert_eq!(
            kind,
            RpcErrorKind::Unknown {
                code,
                message: TlStr::new(m)
            },
            "{:?}",
            TlStr::new(m)
        );
        assert_eq!((kind.known(), kind.name(), kind.number()), (None, "", None));
        assert_eq!(kind.code(), code);
        assert_eq!(kind.message(), RpcMessage::Raw(TlStr::new(m)));
        assert!(kind.message().is(m));
        #[cfg(feature = "names")]
        assert_eq!(kind.description(), "");
    }
    // Invalid UTF-8 is shown as U+FFFD, never dropped or a panic.
    let kind = RpcErrorKind::parse(400, b"BAD_\xffNAME");
    assert_eq!(kind.to_string(), "400 BAD_\u{fffd}NAME");
    // The bounds of the number itself.
    assert_eq!(
        RpcErrorKind::parse(420, b"FLOOD_WAIT_4294967295"),
        RpcErrorKind::FloodWait { seconds: u32::MAX }
    );
    assert_eq!(
        RpcErrorKind::parse(420, b"FLOOD_WAIT_0"),
        RpcErrorKind::FloodWait { seconds: 0 }
    );
}

proptest! {
    /// Any code and message: no panic; a listed error gives back exactly
    /// the code and message, an unknown one borrows them.
    #[test]
    fn nothing_is_lost(code in any::<i32>(), m in proptest::collection::vec(any::<u8>(), 0..40)) {
        let kind = RpcErrorKind::parse(code, &m);
        prop_assert_eq!(kind.code(), code);
        prop_assert!(kind.message().is(&m));
        if let RpcErrorKind::Unknown { message, .. } = kind {
            prop_assert_eq!(message.as_bytes(), &m[..]);
        }
    }

    /// Messages near the numbered ones: a number, or almost one.
    #[test]
    fn near_numbered_messages(
        i in 0..RpcErrorName::COUNT,
        digits in "[0-9+ -]{0,12}",
    ) {
        let e = RpcErrorName::ALL[i];
        let text = e.name().replacen('X', &digits, 1);
        let kind = RpcErrorKind::parse(e.code(), text.as_bytes());
        prop_assert!(kind.message().is(text.as_bytes()));
        let plain = digits == "0"
            || (!digits.is_empty()
                && !digits.starts_with('0')
                && digits.bytes().all(|b| b.is_ascii_digit())
                && digits.parse::<u64>().is_ok_and(|n| n <= u64::from(u32::MAX)));
        // FILE_PART_0_MISSING is listed as it is, beside FILE_PART_X_MISSING.
        let literal = RpcErrorName::from_name(&text).filter(|l| l.number_field().is_none());
        if let Some(l) = literal {
            prop_assert_eq!(kind.known(), Some(l));
        } else if e.number_field().is_some() {
            let expected = plain.then(|| digits.parse::<u32>().unwrap());
            prop_assert_eq!(kind.number(), expected);
            prop_assert_eq!(kind.known().is_some(), plain);
        }
    }
}

/// The schema files' combinators, name → id (the functions and the MTProto
/// constructors; `msg_container` is supplied by the generator).
fn schema_ids() -> BTreeMap<String, u32> {
    let mut ids = BTreeMap::new();
    for file in ["api-layer122.tl", "mtproto.tl"] {
        let path = format!("{}/schema/{file}", env!("CARGO_MANIFEST_DIR"));
        let mtproto = file == "mtproto.tl";
        let mut functions = false;
        for line in std::fs::read_to_string(path).unwrap().lines() {
            let line = line.trim();
            if line.starts_with("---functions---") {
                functions = true;
            } else if line.starts_with("---types---") {
                functions = false;
            }
            let Some((name, rest)) = line.split_once('#') else {
                continue;
            };
            let Some(hex) = rest.split_whitespace().next() else {
                continue;
            };
            if name.contains(' ') || name.starts_with("//") || name.is_empty() {
                continue;
            }
            let Ok(id) = u32::from_str_radix(hex, 16) else {
                continue;
            };
            if functions || mtproto {
                ids.entry(name.to_string()).or_insert(id);
            }
        }
    }
    ids.insert("msg_container".into(), id::MSG_CONTAINER);
    ids
}

/// Every function the list names and layer 122 has gets the list's errors
/// (contacts.acceptContact: the three of `AcceptContactError`, by the
/// project's override), every other combinator none; the rest of the list's
/// methods are counted as left out.
#[test]
fn errors_per_function_are_the_lists() {
    let list = list();
    let ids = schema_ids();
    let by_id: BTreeMap<u32, &String> = ids.iter().map(|(n, &i)| (i, n)).collect();
    let mut expected: BTreeMap<u32, Vec<String>> = BTreeMap::new();
    let mut ignored = 0;
    for (method, errors) in list["throws"].as_object().unwrap() {
        let id = match method.parse::<i64>() {
            // The list gives two functions by their id, in signed decimal.
            Ok(n) => Some(n as u32).filter(|i| by_id.contains_key(i)),
            Err(_) => ids.get(method).copied(),
        };
        let Some(id) = id else {
            ignored += 1;
            continue;
        };
        let e = expected.entry(id).or_default();
        for name in errors.as_array().unwrap() {
            let name = name.as_str().unwrap().replace("%d", "X");
            if !e.contains(&name) {
                e.push(name);
            }
        }
    }
    assert_eq!((expected.len(), ignored), (261, 108));
    // The project's one override (schema/errors/overrides.txt): the list
    // also gives MSG_ID_INVALID.
    let accept = expected.get_mut(&id::CONTACTS_ACCEPT_CONTACT).unwrap();
    assert_eq!(
        accept,
        &[
            "CONTACT_ADD_MISSING",
            "CONTACT_ID_INVALID",
            "CONTACT_REQ_MISSING",
            "MSG_ID_INVALID"
        ]
    );
    accept.pop();
    for (name, &id) in &ids {
        let ours: Vec<&str> = errors_of(id).iter().map(|e| e.name()).collect();
        let theirs: Vec<&str> = expected
            .get(&id)
            .map_or(vec![], |v| v.iter().map(|s| s.as_str()).collect());
        assert_eq!(ours, theirs, "{name}");
    }
    assert!(errors_of(0).is_empty());
    assert!(errors_of(u32::MAX).is_empty());
}

#[cfg(feature = "names")]
#[test]
fn errors_per_function_by_name() {
    use tlview::rpc_errors::errors_of_name;
    assert_eq!(
        errors_of_name("contacts.acceptContact"),
        errors_of(id::CONTACTS_ACCEPT_CONTACT)
    );
    assert_eq!(errors_of_name("msgs_ack"), errors_of(id::MSGS_ACK));
    assert!(errors_of_name("msgs_ack").contains(&RpcErrorName::InvalidMsgsAckQuery));
    assert!(errors_of_name("messages.sendMessage").contains(&RpcErrorName::SlowmodeWait));
    assert!(errors_of_name("no.suchMethod").is_empty());
    assert!(errors_of_name("").is_empty());
}

/// contacts.acceptContact's three errors: the same names and code as
/// `AcceptContactError`, and exactly those from the per-function lookup.
/// The list ends each description with a period that `AcceptContactError`'s
/// wording (kept as it was) does not have.
#[test]
fn accept_contact_stays_exact() {
    let three = [
        (
            AcceptContactError::ContactAddMissing,
            RpcErrorName::ContactAddMissing,
        ),
        (
            AcceptContactError::ContactIdInvalid,
            RpcErrorName::ContactIdInvalid,
        ),
        (
            AcceptContactError::ContactReqMissing,
            RpcErrorName::ContactReqMissing,
        ),
    ];
    assert_eq!(
        errors_of(id::CONTACTS_ACCEPT_CONTACT),
        three.map(|(_, e)| e)
    );
    for (ours, e) in three {
        let message = ours.message().as_bytes();
        assert_eq!(RpcErrorKind::parse(400, message).known(), Some(e));
        assert_eq!((e.name().as_bytes(), e.code()), (message, ours.code()));
        #[cfg(feature = "names")]
        assert_eq!(e.description(), format!("{}.", ours.description()));
    }
    assert_eq!(
        AcceptContactError::ContactAddMissing.description(),
        "Contact to add is missing"
    );
}
