//! The tlview part of the firmware: decode the seven messages, check what
//! they hold, reject a truncated one, encode `contacts.acceptContact`.

use core::fmt;

use cortex_m_semihosting::hprintln;

use crate::MESSAGES;

/// Counts failed checks; prints each one.
struct Checks {
    failed: u32,
}

impl Checks {
    fn check(&mut self, ok: bool, what: &str) {
        if !ok {
            self.failed += 1;
            hprintln!("FAIL: {}", what);
        }
    }

    fn fail(&mut self, what: &str, e: tlview::Error) {
        self.failed += 1;
        #[cfg(not(feature = "defmt"))]
        hprintln!("FAIL: {}: {}", what, e);
        #[cfg(feature = "defmt")]
        {
            hprintln!("FAIL: {} (error logged with defmt)", what);
            defmt::error!("{=str}: {}", what, e);
        }
    }
}

pub(crate) fn run() -> bool {
    let mut c = Checks { failed: 0 };
    for (file, bytes) in MESSAGES {
        match tlview::Updates::decode(bytes) {
            Ok(u) => summarize(&mut c, file, bytes.len(), u),
            Err(e) => c.fail(file, e),
        }
    }
    rejects_truncated(&mut c);
    accept_contact(&mut c);
    c.failed == 0
}

/// One line per message, and the values the test data is known to hold.
fn summarize(c: &mut Checks, file: &str, len: usize, u: tlview::Updates<'_>) {
    use tlview::Updates as U;

    let name = u.name();
    let expected = match file {
        "updates_too_long" => "updatesTooLong",
        "short_message" => "updateShortMessage",
        "short_chat_message" => "updateShortChatMessage",
        "update_short" => "updateShort",
        "updates_50" => "updates",
        "updates_combined_10" => "updatesCombined",
        _ => "updateShortSentMessage",
    };
    c.check(name == expected, "the constructor this file holds");
    match u {
        U::UpdatesTooLong => hprintln!("{}: {} bytes", name, len),
        U::UpdateShortMessage(m) => {
            let n = entity_count(m.entities());
            hprintln!(
                "{}: {} bytes, id {}, user {}, {} entities, text \"{}\"",
                name,
                len,
                m.id(),
                m.user_id(),
                n,
                Lossy(m.message().as_bytes())
            );
            c.check(n == 4, "short_message has 4 entities");
            c.check(m.out() && m.id() == 1001, "short_message: out, id 1001");
            c.check(m.user_id() == 777_000, "short_message: user 777000");
            c.check(
                m.message().as_bytes().starts_with("Привет".as_bytes()),
                "short_message starts with Привет",
            );
            c.check(
                m.reply_to().map(|r| r.reply_to_msg_id()) == Some(999),
                "short_message replies to 999",
            );
            c.check(
                m.fwd_from().map(|f| f.date()) == Some(1_599_990_000),
                "short_message forwarded, dated 1599990000",
            );
        }
        U::UpdateShortChatMessage(m) => {
            let n = entity_count(m.entities());
            hprintln!(
                "{}: {} bytes, id {}, from {} in chat {}, {} entities, text \"{}\"",
                name,
                len,
                m.id(),
                m.from_id(),
                m.chat_id(),
                n,
                Lossy(m.message().as_bytes())
            );
            c.check(n == 2, "short_chat_message has 2 entities");
            c.check(
                (m.id(), m.from_id(), m.chat_id()) == (2002, 100_003, 4001),
                "short_chat_message: id 2002, from 100003, chat 4001",
            );
            c.check(
                m.message()
                    .to_str()
                    .is_ok_and(|s| s.ends_with("✅ thanks!")),
                "short_chat_message text is UTF-8 and ends with ✅ thanks!",
            );
        }
        U::UpdateShort(s) => {
            let update = s.update();
            hprintln!(
                "{}: {} bytes, update #{:08x}, date {}",
                name,
                len,
                update.constructor_id(),
                s.date()
            );
            c.check(
                update.constructor_id() == tlview::schema::id::UPDATE_USER_STATUS,
                "update_short carries updateUserStatus",
            );
            c.check(s.date() == 1_600_000_030, "update_short date");
        }
        U::UpdatesCombined(u) => {
            let (updates, users, chats) = (u.updates(), u.users(), u.chats());
            hprintln!(
                "{}: {} bytes, {} updates, {} users, {} chats, seq {}..{}",
                name,
                len,
                updates.len(),
                users.len(),
                chats.len(),
                u.seq_start(),
                u.seq()
            );
            c.check(
                (updates.len(), users.len(), chats.len()) == (10, 5, 2),
                "updates_combined_10: 10/5/2",
            );
            c.check((u.seq_start(), u.seq()) == (700, 701), "seq 700..701");
            lists(c, updates, users, chats);
        }
        U::Updates(u) => {
            let (updates, users, chats) = (u.updates(), u.users(), u.chats());
            hprintln!(
                "{}: {} bytes, {} updates, {} users, {} chats, seq {}",
                name,
                len,
                updates.len(),
                users.len(),
                chats.len(),
                u.seq()
            );
            c.check(
                (updates.len(), users.len(), chats.len()) == (50, 20, 5),
                "updates_50: 50/20/5",
            );
            c.check(u.seq() == 701, "seq 701");
            lists(c, updates, users, chats);
        }
        U::UpdateShortSentMessage(m) => {
            let n = entity_count(m.entities());
            hprintln!("{}: {} bytes, id {}, {} entities", name, len, m.id(), n);
            c.check(n == 2 && m.id() == 3003, "short_sent: id 3003, 2 entities");
            c.check(m.media().is_some(), "short_sent has media");
        }
    }
}

/// How many entities of non-zero length (0 when absent): each one is read
/// back as a typed view.
fn entity_count(e: Option<tlview::Vector<'_, tlview::api::MessageEntity<'_>>>) -> usize {
    e.map_or(0, |v| v.iter().filter(|x| x.length() > 0).count())
}

/// Walks the three lists of `updates`/`updatesCombined`: every update is a
/// new message, users are 100000.. and chats 4000.. in order.
fn lists(
    c: &mut Checks,
    updates: tlview::Vector<'_, tlview::api::Update<'_>>,
    users: tlview::Vector<'_, tlview::api::User<'_>>,
    chats: tlview::Vector<'_, tlview::api::Chat<'_>>,
) {
    c.check(
        updates
            .iter()
            .all(|u| u.constructor_id() == tlview::schema::id::UPDATE_NEW_MESSAGE),
        "every update is updateNewMessage",
    );
    c.check(
        users.iter().zip(100_000..).all(|(u, id)| u.id() == id),
        "user ids 100000..",
    );
    c.check(
        chats.iter().zip(4000..).all(|(ch, id)| ch.id() == id),
        "chat ids 4000..",
    );
}

/// Full validation: a message cut short by one byte is an error, not a view.
fn rejects_truncated(c: &mut Checks) {
    let whole = MESSAGES[1].1;
    let cut = whole.get(..whole.len() - 1).unwrap_or(whole);
    match tlview::Updates::decode(cut) {
        Ok(_) => c.check(false, "truncated short_message must not decode"),
        #[cfg(not(feature = "defmt"))]
        Err(e) => hprintln!("truncated short_message rejected: {}", e),
        // The error as a defmt frame (on semihosting stderr), not as text;
        // `println` is not filtered by DEFMT_LOG (whose default is `error`).
        #[cfg(feature = "defmt")]
        Err(e) => {
            hprintln!("truncated short_message rejected: (logged with defmt)");
            defmt::println!("truncated short_message rejected: {}", e);
        }
    }
}

/// Encodes `contacts.acceptContact` into a stack buffer and compares it with
/// bytes worked out by hand from the schema (all little-endian):
///
/// ```text
/// contacts.acceptContact#f831a20f id:InputUser = Updates;
/// inputUser#d8292816 user_id:int access_hash:long = InputUser;
/// inputUserFromMessage#2d117597 peer:InputPeer msg_id:int user_id:int = InputUser;
/// inputPeerChat#179be863 chat_id:int = InputPeer;
/// ```
fn accept_contact(c: &mut Checks) {
    use tlview::api::contacts::PeerRef;
    use tlview::{AcceptContact, InputPeer, InputUser};

    #[rustfmt::skip]
    const BY_HASH: [u8; 20] = [
        0x0f, 0xa2, 0x31, 0xf8, // contacts.acceptContact#f831a20f
        0x16, 0x28, 0x29, 0xd8, // inputUser#d8292816
        0x09, 0x03, 0x00, 0x00, // user_id 777
        0xfb, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, // access_hash -5
    ];
    #[rustfmt::skip]
    const FROM_MESSAGE: [u8; 24] = [
        0x0f, 0xa2, 0x31, 0xf8, // contacts.acceptContact#f831a20f
        0x97, 0x75, 0x11, 0x2d, // inputUserFromMessage#2d117597
        0x63, 0xe8, 0x9b, 0x17, // peer: inputPeerChat#179be863
        0xa1, 0x0f, 0x00, 0x00, //   chat_id 4001
        0xd2, 0x07, 0x00, 0x00, // msg_id 2002
        0xa3, 0x86, 0x01, 0x00, // user_id 100003
    ];

    let mut buf = [0u8; 32];

    let req = AcceptContact {
        id: InputUser::InputUser {
            user_id: 777,
            access_hash: -5,
        },
    };
    encode_and_compare(c, "inputUser 777, -5", &req, &mut buf, &BY_HASH);

    // The sender of the group message in short_chat_message.bin.
    let peer = InputPeer::InputPeerChat { chat_id: 4001 };
    let req = AcceptContact {
        id: InputUser::InputUserFromMessage {
            peer: PeerRef::Value(&peer),
            msg_id: 2002,
            user_id: 100_003,
        },
    };
    encode_and_compare(
        c,
        "inputUserFromMessage chat 4001, msg 2002, user 100003",
        &req,
        &mut buf,
        &FROM_MESSAGE,
    );

    // A buffer one byte short is refused, and nothing is written.
    let mut short = [0u8; 19];
    c.check(
        req.encode_to_slice(&mut short).is_err() && short == [0; 19],
        "a short buffer is refused",
    );
}

fn encode_and_compare(
    c: &mut Checks,
    what: &str,
    req: &tlview::AcceptContact<'_>,
    buf: &mut [u8],
    expected: &[u8],
) {
    match req.encode_to_slice(buf) {
        Ok(n) => {
            let got = buf.get(..n).unwrap_or(&[]);
            let same = got == expected && req.encoded_len() == n;
            // And it reads back as the same request.
            let back = tlview::AcceptContact::decode(got).is_ok_and(|r| r.id == req.id);
            hprintln!(
                "acceptContact({}): {} bytes, {}",
                what,
                n,
                if same && back {
                    "as worked out by hand"
                } else {
                    "MISMATCH"
                }
            );
            c.check(same, what);
            c.check(back, "decodes back");
        }
        Err(e) => c.fail(what, e),
    }
}

/// At most 40 bytes of possibly invalid UTF-8, cut at a character boundary,
/// with U+FFFD for invalid sequences and `…` when cut.
struct Lossy<'a>(&'a [u8]);

impl fmt::Display for Lossy<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut left = 40usize;
        for chunk in self.0.utf8_chunks() {
            let valid = chunk.valid();
            if valid.len() > left {
                let mut cut = left;
                while !valid.is_char_boundary(cut) {
                    cut -= 1;
                }
                f.write_str(valid.get(..cut).unwrap_or(""))?;
                return f.write_str("…");
            }
            f.write_str(valid)?;
            left -= valid.len();
            if !chunk.invalid().is_empty() {
                if left < 3 {
                    return f.write_str("…");
                }
                f.write_str("\u{fffd}")?;
                left -= 3;
            }
        }
        Ok(())
    }
}
