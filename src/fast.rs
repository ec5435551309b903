//! Straight-line validators for the hot constructors of the `Updates` family:
//! messages, peers, entities, forward and reply headers, users, chats, user
//! statuses.
//!
//! The walker interprets the layer table, which costs a dispatch per field.
//! For the constructors that fill most real messages, these functions check
//! exactly the same rules in straight-line code. The hand-off is all or
//! nothing: a validator either validates the whole object and returns the
//! reader after it, or returns `None` without side effects (an unusual shape,
//! a nested object it does not know, an error, or not enough depth budget),
//! and the walker then validates the object from its start as usual. Errors
//! are always found and reported by the walker, so they read the same either
//! way. There is no recursion: a validator only calls leaf validators below
//! it, and never the walker.
//!
//! A test decodes every object the random builder makes through both paths.

use crate::reader::Reader;
use crate::schema::{id, CONSTRUCTORS, DECLARED_FLAGS};

/// The declared flag bits of the constructor `cid`, at compile time.
// Evaluated at compile time only (for consts): an index out of range or a
// constructor missing from the layer is a build error, never a runtime panic.
#[allow(clippy::indexing_slicing, clippy::panic)]
const fn declared(cid: u32) -> u32 {
    let mut i = 0;
    while i < CONSTRUCTORS.len() {
        if CONSTRUCTORS[i].id == cid {
            return DECLARED_FLAGS[i];
        }
        i += 1;
    }
    panic!("constructor not in the layer")
}

const _: () = assert!(crate::schema::COMBINATORS == DECLARED_FLAGS.len());

const MESSAGE_FLAGS: u32 = declared(id::MESSAGE);
const FWD_FLAGS: u32 = declared(id::MESSAGE_FWD_HEADER);
const REPLY_FLAGS: u32 = declared(id::MESSAGE_REPLY_HEADER);
const USER_FLAGS: u32 = declared(id::USER);
const CHAT_FLAGS: u32 = declared(id::CHAT);
const PHOTO_FLAGS: u32 = declared(id::USER_PROFILE_PHOTO);
const CHAT_PHOTO_FLAGS: u32 = declared(id::CHAT_PHOTO);
const ADMIN_FLAGS: u32 = declared(id::CHAT_ADMIN_RIGHTS);
const BANNED_FLAGS: u32 = declared(id::CHAT_BANNED_RIGHTS);

/// `?` for `Result` inside functions returning `Option`.
macro_rules! t {
    ($e:expr) => {
        match $e {
            Ok(v) => v,
            Err(_) => return None,
        }
    };
}

#[inline(always)]
fn flags(r: &mut Reader<'_>, declared: u32) -> Option<u32> {
    let f = t!(r.read_flags()).bits();
    (f & !declared == 0).then_some(f)
}

#[inline(always)]
fn has(f: u32, bit: u32) -> bool {
    f & (1 << bit) != 0
}

#[inline(always)]
fn int(r: &mut Reader<'_>) -> Option<()> {
    t!(r.skip(4, crate::Item::Int));
    Some(())
}

#[inline(always)]
fn string(r: &mut Reader<'_>) -> Option<()> {
    t!(r.read_raw_bytes(crate::Item::StringData));
    Some(())
}

/// A boxed `Peer`.
#[inline(always)]
fn peer(r: &mut Reader<'_>) -> Option<()> {
    match t!(r.read_id()) {
        id::PEER_USER | id::PEER_CHAT | id::PEER_CHANNEL => int(r),
        _ => None,
    }
}

/// A boxed `FileLocation`.
#[inline(always)]
fn file_location(r: &mut Reader<'_>) -> Option<()> {
    (t!(r.read_id()) == id::FILE_LOCATION_TO_BE_DEPRECATED).then_some(())?;
    t!(r.skip(12, crate::Item::Long));
    Some(())
}

/// A boxed `UserStatus`.
#[inline(always)]
fn user_status(r: &mut Reader<'_>) -> Option<()> {
    match t!(r.read_id()) {
        id::USER_STATUS_ONLINE | id::USER_STATUS_OFFLINE => int(r),
        id::USER_STATUS_EMPTY
        | id::USER_STATUS_RECENTLY
        | id::USER_STATUS_LAST_WEEK
        | id::USER_STATUS_LAST_MONTH => Some(()),
        _ => None,
    }
}

/// A boxed `MessageEntity` (all but `inputMessageEntityMentionName`, whose
/// `InputUser` can nest).
#[inline(always)]
fn entity(r: &mut Reader<'_>) -> Option<()> {
    let e = t!(r.read_id());
    t!(r.skip(8, crate::Item::Int));
    match e {
        id::MESSAGE_ENTITY_UNKNOWN
        | id::MESSAGE_ENTITY_MENTION
        | id::MESSAGE_ENTITY_HASHTAG
        | id::MESSAGE_ENTITY_BOT_COMMAND
        | id::MESSAGE_ENTITY_URL
        | id::MESSAGE_ENTITY_EMAIL
        | id::MESSAGE_ENTITY_BOLD
        | id::MESSAGE_ENTITY_ITALIC
        | id::MESSAGE_ENTITY_CODE
        | id::MESSAGE_ENTITY_PHONE
        | id::MESSAGE_ENTITY_CASHTAG
        | id::MESSAGE_ENTITY_UNDERLINE
        | id::MESSAGE_ENTITY_STRIKE
        | id::MESSAGE_ENTITY_BLOCKQUOTE
        | id::MESSAGE_ENTITY_BANK_CARD => Some(()),
        id::MESSAGE_ENTITY_PRE | id::MESSAGE_ENTITY_TEXT_URL => string(r),
        id::MESSAGE_ENTITY_MENTION_NAME => int(r),
        _ => None,
    }
}

/// A boxed `Vector<T>` whose elements `elem` validates; `min` is the
/// smallest element, for the count check.
#[inline(always)]
fn vector<'a>(
    r: &mut Reader<'a>,
    min: usize,
    mut elem: impl FnMut(&mut Reader<'a>) -> Option<()>,
) -> Option<()> {
    let n = t!(r.read_vector_len(min));
    for _ in 0..n {
        elem(r)?;
    }
    Some(())
}

/// A boxed `RestrictionReason` (three strings).
#[inline(always)]
fn restriction_reason(r: &mut Reader<'_>) -> Option<()> {
    (t!(r.read_id()) == id::RESTRICTION_REASON).then_some(())?;
    string(r)?;
    string(r)?;
    string(r)
}

/// `messageFwdHeader` (boxed); needs one level below it.
fn fwd_header(r: &mut Reader<'_>) -> Option<()> {
    (t!(r.read_id()) == id::MESSAGE_FWD_HEADER).then_some(())?;
    let f = flags(r, FWD_FLAGS)?;
    if has(f, 0) {
        peer(r)?;
    }
    if has(f, 5) {
        string(r)?;
    }
    int(r)?;
    if has(f, 2) {
        int(r)?;
    }
    if has(f, 3) {
        string(r)?;
    }
    if has(f, 4) {
        peer(r)?;
        int(r)?;
    }
    if has(f, 6) {
        string(r)?;
    }
    Some(())
}

/// `messageReplyHeader` (boxed); needs one level below it.
fn reply_header(r: &mut Reader<'_>) -> Option<()> {
    (t!(r.read_id()) == id::MESSAGE_REPLY_HEADER).then_some(())?;
    let f = flags(r, REPLY_FLAGS)?;
    int(r)?;
    if has(f, 0) {
        peer(r)?;
    }
    if has(f, 1) {
        int(r)?;
    }
    Some(())
}

/// The body of `message#58ae39c9`; needs two levels below it (a forward
/// header's peer).
fn message(r: &mut Reader<'_>) -> Option<()> {
    let f = flags(r, MESSAGE_FLAGS)?;
    int(r)?; // id
    if has(f, 8) {
        peer(r)?; // from_id
    }
    peer(r)?; // peer_id
    if has(f, 2) {
        fwd_header(r)?;
    }
    if has(f, 11) {
        int(r)?; // via_bot_id
    }
    if has(f, 3) {
        reply_header(r)?;
    }
    int(r)?; // date
    string(r)?; // message
    if has(f, 9) && t!(r.read_id()) != id::MESSAGE_MEDIA_EMPTY {
        return None;
    }
    if has(f, 6) || has(f, 23) {
        return None; // reply_markup, replies: left to the walker
    }
    if has(f, 7) {
        vector(r, 12, entity)?;
    }
    if has(f, 10) {
        t!(r.skip(8, crate::Item::Int)); // views, forwards
    }
    if has(f, 15) {
        int(r)?; // edit_date
    }
    if has(f, 16) {
        string(r)?; // post_author
    }
    if has(f, 17) {
        t!(r.skip(8, crate::Item::Long)); // grouped_id
    }
    if has(f, 22) {
        vector(r, 16, restriction_reason)?;
    }
    Some(())
}

/// The body of `user#938458c1`; needs two levels below it (a photo's
/// file locations).
fn user(r: &mut Reader<'_>) -> Option<()> {
    let f = flags(r, USER_FLAGS)?;
    int(r)?;
    if has(f, 0) {
        t!(r.skip(8, crate::Item::Long));
    }
    for bit in 1..=4 {
        if has(f, bit) {
            string(r)?;
        }
    }
    if has(f, 5) {
        match t!(r.read_id()) {
            id::USER_PROFILE_PHOTO_EMPTY => {}
            id::USER_PROFILE_PHOTO => {
                flags(r, PHOTO_FLAGS)?;
                t!(r.skip(8, crate::Item::Long));
                file_location(r)?;
                file_location(r)?;
                int(r)?;
            }
            _ => return None,
        }
    }
    if has(f, 6) {
        user_status(r)?;
    }
    if has(f, 14) {
        int(r)?;
    }
    if has(f, 18) {
        vector(r, 16, restriction_reason)?;
    }
    if has(f, 19) {
        string(r)?;
    }
    if has(f, 22) {
        string(r)?;
    }
    Some(())
}

/// The body of `chat#3bda1bde`; needs two levels below it.
fn chat(r: &mut Reader<'_>) -> Option<()> {
    let f = flags(r, CHAT_FLAGS)?;
    int(r)?;
    string(r)?;
    match t!(r.read_id()) {
        id::CHAT_PHOTO_EMPTY => {}
        id::CHAT_PHOTO => {
            flags(r, CHAT_PHOTO_FLAGS)?;
            file_location(r)?;
            file_location(r)?;
            int(r)?;
        }
        _ => return None,
    }
    t!(r.skip(12, crate::Item::Int)); // participants_count, date, version
    if has(f, 6) {
        return None; // migrated_to: an InputChannel, left to the walker
    }
    if has(f, 14) {
        (t!(r.read_id()) == id::CHAT_ADMIN_RIGHTS).then_some(())?;
        flags(r, ADMIN_FLAGS)?;
    }
    if has(f, 18) {
        (t!(r.read_id()) == id::CHAT_BANNED_RIGHTS).then_some(())?;
        flags(r, BANNED_FLAGS)?;
        int(r)?;
    }
    Some(())
}

/// Validates the fields of the object whose constructor `cid` has just been
/// read, if it is one of the hot constructors and at most `below` more
/// levels may nest under it. Returns the reader after the object, or `None`
/// to leave the object to the walker (the reader given is not touched).
#[inline]
pub(crate) fn body<'a>(cid: u32, r: &Reader<'a>, below: u32) -> Option<Reader<'a>> {
    let mut r = *r;
    match cid {
        id::UPDATE_NEW_MESSAGE if below >= 3 => {
            match t!(r.read_id()) {
                id::MESSAGE => message(&mut r)?,
                id::MESSAGE_EMPTY => int(&mut r)?,
                _ => return None,
            }
            t!(r.skip(8, crate::Item::Int)); // pts, pts_count
        }
        id::MESSAGE if below >= 2 => message(&mut r)?,
        id::UPDATE_USER_STATUS if below >= 1 => {
            int(&mut r)?;
            user_status(&mut r)?;
        }
        id::USER if below >= 2 => user(&mut r)?,
        id::CHAT if below >= 2 => chat(&mut r)?,
        _ => return None,
    }
    Some(r)
}
