//! The seed's flow, end to end, without a heap: if the peer settings of a
//! new user allow adding them as a contact, add that user.
//!
//! 1. encode `messages.getPeerSettings` for the user;
//! 2. decode a reply whose `peerSettings` has `add_contact` set;
//! 3. encode `contacts.acceptContact` for that user;
//! 4. decode each of the three replies a server can send: `Updates`, an
//!    `rpc_error` `CONTACT_REQ_MISSING` inside `rpc_result`, and a
//!    gzip-packed `Updates`;
//! 5. print what a client would show.
//!
//! The server's replies are built here from the schema, with the same
//! generated forms a client sends requests with, in stack buffers. Every
//! step is checked; the exit status is 0 only when all of them pass.
//!
//! ```text
//! cargo run --example accept_contact_flow
//! ```
//!
//! The same code runs on a Cortex-M4F under QEMU: the firmware example
//! includes this file as a module (`examples/firmware`, feature `flow`), and
//! both print exactly `examples/firmware/expected-flow.txt`.

#![cfg_attr(target_os = "none", allow(dead_code))]

use core::fmt::{self, Write};

use tlview::build::{enums, functions, types};
use tlview::encode::{Encode, List, Raw};
use tlview::{Limits, Request, RpcErrorKind};

/// The new user.
pub const USER_ID: i32 = 777;
/// Their access hash, as the client knows it.
pub const ACCESS_HASH: i64 = -5;
/// The ids of the client's two messages, which the replies name.
const GET_SETTINGS_MSG: i64 = 0x5e00_0000_0000_0004;
const ACCEPT_MSG: i64 = 0x5e00_0000_0000_0008;

/// Why the flow stopped.
#[derive(Debug)]
pub enum Failure {
    /// A step's check did not hold.
    Check(&'static str),
    /// tlview refused something.
    Tl(&'static str, tlview::Error),
    /// The output could not be written.
    Output,
}

impl From<fmt::Error> for Failure {
    fn from(_: fmt::Error) -> Failure {
        Failure::Output
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Check(what) => write!(f, "check failed: {what}"),
            Failure::Tl(what, e) => write!(f, "{what}: {e}"),
            Failure::Output => f.write_str("could not write the output"),
        }
    }
}

/// `Ok` when `ok`, else the check that failed.
fn check(ok: bool, what: &'static str) -> Result<(), Failure> {
    if ok {
        Ok(())
    } else {
        Err(Failure::Check(what))
    }
}

/// Attaches the step to a tlview error.
fn at<T>(what: &'static str, r: tlview::Result<T>) -> Result<T, Failure> {
    r.map_err(|e| Failure::Tl(what, e))
}

/// Encodes `v` at the start of `buf`; the bytes written.
fn encode<'b>(what: &'static str, v: &impl Encode, buf: &'b mut [u8]) -> Result<&'b [u8], Failure> {
    let n = at(what, v.encode_to_slice(buf))?;
    Ok(buf.get(..n).unwrap_or(&[]))
}

/// A server's `rpc_result` for `req_msg_id` around an encoded `result`.
fn rpc_result<'b>(req_msg_id: i64, result: &[u8], buf: &'b mut [u8]) -> Result<&'b [u8], Failure> {
    let r = types::mtproto::RpcResult {
        req_msg_id,
        result: Raw(result),
    };
    encode("rpc_result", &r, buf)
}

/// Runs the flow, printing what a client shows to `out`.
pub fn run(out: &mut dyn Write) -> Result<(), Failure> {
    // 1. messages.getPeerSettings#3672e09c peer:InputPeer = PeerSettings
    let peer = enums::InputPeer::User(types::InputPeerUser {
        user_id: USER_ID,
        access_hash: ACCESS_HASH,
    });
    let get = functions::messages::GetPeerSettings { peer: &peer };
    let mut sent = [0u8; 64];
    let request = encode("getPeerSettings", &get, &mut sent)?;
    let mut want = [0u8; 20];
    put(&mut want, 0, &0x3672_e09cu32.to_le_bytes());
    put(&mut want, 4, &0x7b8e_7de6u32.to_le_bytes()); // inputPeerUser
    put(&mut want, 8, &USER_ID.to_le_bytes());
    put(&mut want, 12, &ACCESS_HASH.to_le_bytes());
    check(request == want, "getPeerSettings is not its schema's bytes")?;
    writeln!(
        out,
        "1. sent messages.getPeerSettings(inputPeerUser {USER_ID}): {} bytes",
        request.len()
    )?;

    // 2. The server: peerSettings with add_contact (and report_spam off).
    let settings = types::PeerSettings {
        report_spam: false,
        add_contact: true,
        block_contact: true,
        share_contact: false,
        need_contacts_exception: false,
        report_geo: false,
        autoarchived: false,
        geo_distance: None,
    };
    let (mut inner, mut reply) = ([0u8; 64], [0u8; 64]);
    let result = encode("peerSettings", &settings, &mut inner)?;
    let reply = rpc_result(GET_SETTINGS_MSG, result, &mut reply)?;
    let answer = at(
        "getPeerSettings reply",
        functions::messages::GetPeerSettings::decode_reply(reply),
    )?;
    check(
        answer.req_msg_id == Some(GET_SETTINGS_MSG),
        "the reply names another request",
    )?;
    let Ok(tlview::enums::PeerSettings::PeerSettings(s)) = answer.result else {
        return Err(Failure::Check("getPeerSettings answered with an error"));
    };
    check(s.add_contact(), "add_contact is not set")?;
    writeln!(
        out,
        "2. peerSettings: add_contact {}, block_contact {}, report_spam {}: show \"Add {USER_ID} to contacts\"",
        s.add_contact(),
        s.block_contact(),
        s.report_spam()
    )?;

    // 3. contacts.acceptContact#f831a20f id:InputUser = Updates
    let id = enums::InputUser::InputUser(types::InputUser {
        user_id: USER_ID,
        access_hash: ACCESS_HASH,
    });
    let accept = functions::contacts::AcceptContact { id: &id };
    let mut sent = [0u8; 64];
    let request = encode("acceptContact", &accept, &mut sent)?;
    // The specialized encoder writes the same bytes.
    let fast = tlview::AcceptContact {
        id: tlview::InputUser::InputUser {
            user_id: USER_ID,
            access_hash: ACCESS_HASH,
        },
    };
    let mut again = [0u8; 64];
    let n = at("AcceptContact", fast.encode_to_slice(&mut again))?;
    check(
        again.get(..n) == Some(request),
        "the two acceptContact encoders disagree",
    )?;
    writeln!(
        out,
        "3. sent contacts.acceptContact(inputUser {USER_ID}): {} bytes",
        request.len()
    )?;

    // 4a. Updates: the user, now a contact, and their new peer settings.
    let mut encoded = [0u8; 128];
    let encoded_updates = updates_reply(&settings, &mut encoded)?;
    updates_answer(out, encoded_updates)?;
    // 4b. rpc_error 400 CONTACT_REQ_MISSING inside rpc_result.
    error_answer(out)?;
    // 4c. The same Updates, gzip-packed.
    gzip_answer(out, encoded_updates)?;
    writeln!(out, "5. flow complete: {USER_ID} is a contact")?;
    Ok(())
}

/// The `Updates` a server answers acceptContact with: the user, now a
/// contact, and their peer settings without `add_contact`; encoded into
/// `buf`.
fn updates_reply<'b>(
    settings: &types::PeerSettings,
    buf: &'b mut [u8],
) -> Result<&'b [u8], Failure> {
    let user = enums::User::User(types::User {
        self_: false,
        contact: true,
        mutual_contact: false,
        deleted: false,
        bot_info_version: None,
        bot_chat_history: false,
        bot_nochats: false,
        verified: false,
        restriction_reason: None,
        min: false,
        bot_inline_geo: false,
        support: false,
        scam: false,
        apply_min_photo: false,
        id: USER_ID,
        access_hash: Some(ACCESS_HASH),
        first_name: Some("Alice".into()),
        last_name: Some("Smith".into()),
        username: Some("alice".into()),
        phone: None,
        photo: None,
        status: None,
        bot_inline_placeholder: None,
        lang_code: None,
    });
    let now_settings = enums::PeerSettings::PeerSettings(types::PeerSettings {
        add_contact: false,
        block_contact: false,
        ..*settings
    });
    let peer_user = enums::Peer::User(types::PeerUser { user_id: USER_ID });
    let update = enums::Update::PeerSettings(types::UpdatePeerSettings {
        peer: &peer_user,
        settings: &now_settings,
    });
    let (update_list, user_list) = ([update], [user]);
    let updates = enums::Updates::Updates(types::Updates {
        updates: List::from(&update_list),
        users: List::from(&user_list),
        chats: List::default(),
        date: 1_700_000_000,
        seq: 12,
    });
    encode("updates", &updates, buf)
}

/// 4a: the `Updates` answer inside `rpc_result`.
#[inline(never)]
fn updates_answer(out: &mut dyn Write, encoded_updates: &[u8]) -> Result<(), Failure> {
    let mut reply = [0u8; 160];
    let reply = rpc_result(ACCEPT_MSG, encoded_updates, &mut reply)?;
    let answer = at(
        "acceptContact reply",
        functions::contacts::AcceptContact::decode_reply(reply),
    )?;
    check(
        answer.req_msg_id == Some(ACCEPT_MSG),
        "the reply names another request",
    )?;
    let Ok(u) = answer.result else {
        return Err(Failure::Check("acceptContact answered with an error"));
    };
    write!(out, "4a. Updates, {} bytes: ", reply.len())?;
    show_updates(out, u)
}

/// 4b: `rpc_error 400 CONTACT_REQ_MISSING` inside `rpc_result`.
#[inline(never)]
fn error_answer(out: &mut dyn Write) -> Result<(), Failure> {
    let error = types::mtproto::RpcError {
        error_code: 400,
        error_message: "CONTACT_REQ_MISSING".into(),
    };
    let mut inner = [0u8; 64];
    let result = encode("rpc_error", &error, &mut inner)?;
    let mut reply = [0u8; 64];
    let reply = rpc_result(ACCEPT_MSG, result, &mut reply)?;
    let answer = at(
        "acceptContact error reply",
        functions::contacts::AcceptContact::decode_reply(reply),
    )?;
    let Err(kind) = answer.result else {
        return Err(Failure::Check("the error reply decoded as Updates"));
    };
    check(
        kind == RpcErrorKind::ContactReqMissing,
        "not CONTACT_REQ_MISSING",
    )?;
    // The three errors the method lists; the same from the hand-written view.
    let listed = tlview::rpc_errors::errors_of(functions::contacts::AcceptContact::ID);
    check(
        listed.contains(&tlview::RpcErrorName::ContactReqMissing) && listed.len() == 3,
        "acceptContact does not list its three errors",
    )?;
    let fast = at(
        "AcceptContactReply",
        tlview::AcceptContact::decode_reply(reply),
    )?;
    check(
        matches!(
            fast,
            tlview::AcceptContactReply::Error(tlview::AcceptContactError::ContactReqMissing)
        ),
        "the hand-written reply disagrees",
    )?;
    writeln!(
        out,
        "4b. rpc_error {} {}: show \"{} has not asked to be added\" (one of {} errors acceptContact lists)",
        kind.code(),
        kind.name(),
        USER_ID,
        listed.len()
    )?;
    Ok(())
}

/// 4c: the same `Updates`, gzip-packed (one stored deflate block: no
/// compressor needed to build it), unpacked into a stack buffer.
#[inline(never)]
fn gzip_answer(out: &mut dyn Write, encoded_updates: &[u8]) -> Result<(), Failure> {
    let mut gz = [0u8; 160];
    let gz = gzip_stored(encoded_updates, &mut gz).ok_or(Failure::Check("gzip buffer"))?;
    let packed = types::mtproto::GzipPacked { packed_data: gz };
    let mut inner = [0u8; 160];
    let result = encode("gzip_packed", &packed, &mut inner)?;
    let mut reply = [0u8; 192];
    let reply = rpc_result(ACCEPT_MSG, result, &mut reply)?;
    let mut unpacked = [0u8; 128];
    let answer = at(
        "gzip_packed reply",
        functions::contacts::AcceptContact::decode_reply_unpacking(
            reply,
            &mut unpacked,
            &Limits::DEFAULT,
        ),
    )?;
    check(
        answer.req_msg_id == Some(ACCEPT_MSG),
        "the reply names another request",
    )?;
    let Ok(u) = answer.result else {
        return Err(Failure::Check("the gzip reply answered with an error"));
    };
    write!(
        out,
        "4c. gzip_packed Updates, {} bytes ({} unpacked): ",
        reply.len(),
        encoded_updates.len()
    )?;
    show_updates(out, u)
}

/// What a client shows for the `Updates` acceptContact answers: the user
/// who is now a contact.
fn show_updates(out: &mut dyn Write, u: tlview::enums::Updates<'_>) -> Result<(), Failure> {
    let tlview::enums::Updates::Updates(u) = u else {
        return Err(Failure::Check("not an updates constructor"));
    };
    let mut shown = false;
    for user in u.users() {
        let tlview::enums::User::User(user) = user else {
            continue;
        };
        if user.id() != USER_ID || !user.contact() {
            continue;
        }
        writeln!(
            out,
            "{} {} (@{}) is now a contact; {} update(s), seq {}",
            text(user.first_name()),
            text(user.last_name()),
            text(user.username()),
            u.updates().len(),
            u.seq()
        )?;
        shown = true;
    }
    check(shown, "the user is not in the answer as a contact")
}

/// A string field as text (empty when absent or not UTF-8).
fn text(s: Option<tlview::TlStr<'_>>) -> &str {
    s.and_then(|s| s.to_str().ok()).unwrap_or("")
}

/// Copies `bytes` into `buf` at `at` (the caller sized `buf`).
fn put(buf: &mut [u8], at: usize, bytes: &[u8]) {
    if let Some(dst) = buf.get_mut(at..at + bytes.len()) {
        dst.copy_from_slice(bytes);
    }
}

/// A gzip member (RFC 1952) of `data` in one stored deflate block (RFC
/// 1951), written into `buf`; `None` when it does not fit.
fn gzip_stored<'b>(data: &[u8], buf: &'b mut [u8]) -> Option<&'b [u8]> {
    let len = u16::try_from(data.len()).ok()?;
    let total = 10 + 5 + data.len() + 8;
    let out = buf.get_mut(..total)?;
    // Header: magic, deflate, no flags, no time, no extra flags, unknown OS.
    out.get_mut(..10)?
        .copy_from_slice(&[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
    // One final stored block: BFINAL=1 BTYPE=00, LEN, NLEN.
    *out.get_mut(10)? = 1;
    out.get_mut(11..13)?.copy_from_slice(&len.to_le_bytes());
    out.get_mut(13..15)?.copy_from_slice(&(!len).to_le_bytes());
    out.get_mut(15..15 + data.len())?.copy_from_slice(data);
    let tail = 15 + data.len();
    out.get_mut(tail..tail + 4)?
        .copy_from_slice(&crc32(data).to_le_bytes());
    out.get_mut(tail + 4..tail + 8)?
        .copy_from_slice(&u32::from(len).to_le_bytes());
    Some(out)
}

/// CRC-32 (IEEE), bit by bit: small, and enough for a few hundred bytes.
fn crc32(data: &[u8]) -> u32 {
    let mut c = !0u32;
    for &b in data {
        c ^= u32::from(b);
        for _ in 0..8 {
            c = if c & 1 != 0 {
                (c >> 1) ^ 0xedb8_8320
            } else {
                c >> 1
            };
        }
    }
    !c
}

#[cfg(not(target_os = "none"))]
fn main() {
    /// Standard output as a `fmt::Write`.
    struct Stdout;
    impl Write for Stdout {
        fn write_str(&mut self, s: &str) -> fmt::Result {
            use std::io::Write as _;
            std::io::stdout()
                .write_all(s.as_bytes())
                .map_err(|_| fmt::Error)
        }
    }
    match run(&mut Stdout) {
        Ok(()) => {}
        Err(e) => {
            eprintln!("accept_contact_flow: {e}");
            std::process::exit(1);
        }
    }
}
