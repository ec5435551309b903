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

use crate::object::Object;
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
const USER_FLAGS: u32 = declared(id::USER);
const CHAT_FLAGS: u32 = declared(id::CHAT);
const PHOTO_FLAGS: u32 = declared(id::USER_PROFILE_PHOTO);
const CHAT_PHOTO_FLAGS: u32 = declared(id::CHAT_PHOTO);
const ADMIN_FLAGS: u32 = declared(id::CHAT_ADMIN_RIGHTS);
const BANNED_FLAGS: u32 = declared(id::CHAT_BANNED_RIGHTS);

#[inline(always)]
fn flags(r: &mut Reader<'_>, declared: u32) -> Option<u32> {
    let f = r.u32_opt()?;
    (f & !declared == 0).then_some(f)
}

#[inline(always)]
fn has(f: u32, bit: u32) -> bool {
    f & (1 << bit) != 0
}

#[inline(always)]
fn int(r: &mut Reader<'_>) -> Option<()> {
    r.skip_opt(4)?;
    Some(())
}

#[inline(always)]
fn string(r: &mut Reader<'_>) -> Option<()> {
    r.skip_string_opt()?;
    Some(())
}

/// A boxed `Peer`.
#[inline(always)]
fn peer(r: &mut Reader<'_>) -> Option<()> {
    let [cid, _] = r.words_opt::<2>()?;
    matches!(cid, id::PEER_USER | id::PEER_CHAT | id::PEER_CHANNEL).then_some(())
}

/// A flags word and the `int` after it, with one bounds check: the flags
/// if only `declared` bits are set.
#[inline(always)]
fn flags_int(r: &mut Reader<'_>, declared: u32) -> Option<u32> {
    let [f, _] = r.words_opt::<2>()?;
    (f & !declared == 0).then_some(f)
}

/// A boxed `FileLocation`.
#[inline(always)]
fn file_location(r: &mut Reader<'_>) -> Option<()> {
    (r.u32_opt()? == id::FILE_LOCATION_TO_BE_DEPRECATED).then_some(())?;
    r.skip_opt(12)?;
    Some(())
}

/// A boxed `UserStatus`.
#[inline(always)]
fn user_status(r: &mut Reader<'_>) -> Option<()> {
    match r.u32_opt()? {
        id::USER_STATUS_ONLINE | id::USER_STATUS_OFFLINE => int(r),
        id::USER_STATUS_EMPTY
        | id::USER_STATUS_RECENTLY
        | id::USER_STATUS_LAST_WEEK
        | id::USER_STATUS_LAST_MONTH => Some(()),
        _ => None,
    }
}

/// A boxed `RestrictionReason` (three strings).
#[inline(always)]
fn restriction_reason(r: &mut Reader<'_>) -> Option<()> {
    (r.u32_opt()? == id::RESTRICTION_REASON).then_some(())?;
    string(r)?;
    string(r)?;
    string(r)
}

/// `messageFwdHeader` (boxed); needs one level below it. The typed view's
/// straight-line read, its result unused.
#[cfg_attr(any(debug_assertions, not(feature = "fast")), inline)]
#[cfg_attr(all(not(debug_assertions), feature = "fast"), inline(always))]
fn fwd_header(r: &mut Reader<'_>) -> Option<()> {
    crate::api::MessageFwdHeader::read_opt(r).map(|_| ())
}

/// `messageReplyHeader` (boxed); needs one level below it. The typed view's
/// straight-line read, its result unused.
#[cfg_attr(any(debug_assertions, not(feature = "fast")), inline)]
#[cfg_attr(all(not(debug_assertions), feature = "fast"), inline(always))]
fn reply_header(r: &mut Reader<'_>) -> Option<()> {
    crate::api::MessageReplyHeader::read_opt(r).map(|_| ())
}

/// The body of `message#58ae39c9`; needs two levels below it (a forward
/// header's peer).
#[cfg_attr(any(debug_assertions, not(feature = "fast")), inline)]
#[cfg_attr(all(not(debug_assertions), feature = "fast"), inline(always))]
fn message(r: &mut Reader<'_>) -> Option<()> {
    // The shortest body (flags, id, peer_id, date, an empty message),
    // checked first: it bounds the reads up to the message.
    if r.remaining() < 24 {
        return None;
    }
    let f = flags_int(r, MESSAGE_FLAGS)?; // and id
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
    if has(f, 9) && r.u32_opt()? != id::MESSAGE_MEDIA_EMPTY {
        return None;
    }
    if has(f, 6) || has(f, 23) {
        return None; // reply_markup, replies: left to the walker
    }
    if has(f, 7) {
        crate::api::message::skip_entities_opt(r)?;
    }
    if has(f, 10) {
        r.skip_opt(8)?; // views, forwards
    }
    if has(f, 15) {
        int(r)?; // edit_date
    }
    if has(f, 16) {
        string(r)?; // post_author
    }
    if has(f, 17) {
        r.skip_opt(8)?; // grouped_id
    }
    if has(f, 22) {
        {
            let n = r.vector_len_opt(16)?;
            for _ in 0..n {
                restriction_reason(r)?;
            }
        }
    }
    Some(())
}

/// The body of `user#938458c1`; needs two levels below it (a photo's
/// file locations).
#[cfg_attr(any(debug_assertions, not(feature = "fast")), inline)]
#[cfg_attr(all(not(debug_assertions), feature = "fast"), inline(always))]
fn user(r: &mut Reader<'_>) -> Option<()> {
    let f = flags_int(r, USER_FLAGS)?; // and id
    if has(f, 0) {
        r.skip_opt(8)?;
    }
    for bit in 1..=4 {
        if has(f, bit) {
            string(r)?;
        }
    }
    if has(f, 5) {
        match r.u32_opt()? {
            id::USER_PROFILE_PHOTO_EMPTY => {}
            id::USER_PROFILE_PHOTO => {
                flags(r, PHOTO_FLAGS)?;
                r.skip_opt(8)?;
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
        {
            let n = r.vector_len_opt(16)?;
            for _ in 0..n {
                restriction_reason(r)?;
            }
        }
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
#[cfg_attr(any(debug_assertions, not(feature = "fast")), inline)]
#[cfg_attr(all(not(debug_assertions), feature = "fast"), inline(always))]
fn chat(r: &mut Reader<'_>) -> Option<()> {
    let f = flags_int(r, CHAT_FLAGS)?; // and id
    string(r)?;
    match r.u32_opt()? {
        id::CHAT_PHOTO_EMPTY => {}
        id::CHAT_PHOTO => {
            flags(r, CHAT_PHOTO_FLAGS)?;
            file_location(r)?;
            file_location(r)?;
            int(r)?;
        }
        _ => return None,
    }
    r.skip_opt(12)?; // participants_count, date, version
    if has(f, 6) {
        return None; // migrated_to: an InputChannel, left to the walker
    }
    if has(f, 14) {
        (r.u32_opt()? == id::CHAT_ADMIN_RIGHTS).then_some(())?;
        flags(r, ADMIN_FLAGS)?;
    }
    if has(f, 18) {
        (r.u32_opt()? == id::CHAT_BANNED_RIGHTS).then_some(())?;
        flags(r, BANNED_FLAGS)?;
        int(r)?;
    }
    Some(())
}

/// Views the boxed object of type `ty` at `r` when straight-line code can
/// validate it: a constructor without fields, or a hot one with at most
/// `below` levels under it. Moves `r` past it; `None` leaves `r` untouched
/// (the walker then validates the object and reports any error).
#[inline]
pub(crate) fn object<'a>(r: &mut Reader<'a>, ty: u16, below: u32) -> Option<Object<'a>> {
    let start = *r;
    let mut body = start;
    let cid = body.u32_opt()?;
    let ctor = match cid {
        id::UPDATE_NEW_MESSAGE => UPDATE_NEW_MESSAGE,
        id::USER => USER,
        id::CHAT => CHAT,
        id::USER_STATUS_RECENTLY => USER_STATUS_RECENTLY,
        id::UPDATE_USER_STATUS => UPDATE_USER_STATUS,
        id::MESSAGE_MEDIA_EMPTY => MESSAGE_MEDIA_EMPTY,
        _ => crate::schema::constructor_by_id(cid)?,
    };
    if ctor.ty != ty || ctor.is_function() {
        return None;
    }
    let after = if ctor.ops_len == 0 {
        body
    } else if matches!(
        cid,
        id::UPDATE_NEW_MESSAGE | id::MESSAGE | id::UPDATE_USER_STATUS | id::USER | id::CHAT
    ) {
        self::body(cid, &body, below)?
    } else {
        return None;
    };
    let used = start.remaining().saturating_sub(after.remaining());
    *r = after;
    Some(Object::from_parts(
        ctor,
        start.rest().get(..used).unwrap_or(&[]),
        start.offset(),
        true,
    ))
}

/// Validates the boxed object at `r` when it is one of the hot
/// constructors of `ty` (`updateNewMessage`, `user`, `chat`) with `below`
/// levels free under it, as [`object`] does, without making its view:
/// the reader after it, or `None` (the caller then takes [`object`]'s or the
/// walker's path, which reports any error).
#[inline(always)]
pub(crate) fn validate_hot<'a>(r: &Reader<'a>, ty: u16, below: u32) -> Option<Reader<'a>> {
    let mut body = *r;
    let cid = body.u32_opt()?;
    let hot = match cid {
        id::UPDATE_NEW_MESSAGE => UPDATE_NEW_MESSAGE.ty,
        id::USER => USER.ty,
        id::CHAT => CHAT.ty,
        _ => return None,
    };
    if hot != ty {
        return None;
    }
    self::body(cid, &body, below)
}

/// `updateUserStatus` (boxed) at `r`, the usual update of `updateShort`,
/// validated inline when at least one level may nest under it (for the
/// status): the view [`object`] gives for it, `None` (nothing consumed) for
/// anything else.
#[inline(always)]
pub(crate) fn update_user_status<'a>(r: &mut Reader<'a>, below: u32) -> Option<Object<'a>> {
    if !cfg!(feature = "fast") || below < 1 {
        return None;
    }
    let start = *r;
    let mut f = start;
    if f.u32_opt()? != id::UPDATE_USER_STATUS {
        return None;
    }
    int(&mut f)?;
    user_status(&mut f)?;
    let used = start.remaining() - f.remaining();
    let all = start.rest().get(..used)?;
    *r = f;
    Some(Object::from_parts(
        UPDATE_USER_STATUS,
        all,
        start.offset(),
        true,
    ))
}

/// Validates the fields of the object whose constructor `cid` has just been
/// read, if it is one of the hot constructors and at most `below` more
/// levels may nest under it. Returns the reader after the object, or `None`
/// to leave the object to the walker (the reader given is not touched).
#[inline(always)]
pub(crate) fn body<'a>(cid: u32, r: &Reader<'a>, below: u32) -> Option<Reader<'a>> {
    let n = body_len(cid, r.rest(), below)?;
    let mut after = *r;
    after.skip_opt(n)?;
    Some(after)
}

/// [`body`]'s work: how many bytes of `rest` the hot object's fields take.
/// A length (returned in registers) rather than a reader (returned through
/// memory, where the caller's wider loads of it stalled on store
/// forwarding).
// Out of line: the validators below are inlined into it (in optimised
// builds), where the reader lives in registers; callers stay small.
#[inline(never)]
fn body_len(cid: u32, rest: &[u8], below: u32) -> Option<usize> {
    if !cfg!(feature = "fast") {
        return None;
    }
    let mut r = Reader::new(rest);
    match cid {
        id::UPDATE_NEW_MESSAGE if below >= 3 => {
            match r.u32_opt()? {
                id::MESSAGE => message(&mut r)?,
                id::MESSAGE_EMPTY => int(&mut r)?,
                _ => return None,
            }
            r.skip_opt(8)?; // pts, pts_count
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
    Some(rest.len() - r.remaining())
}

/// The constructor `cid` of the layer, found at compile time.
// Evaluated at compile time only (for consts): a missing constructor is a
// build error, never a runtime panic.
#[allow(clippy::indexing_slicing, clippy::panic)]
pub(crate) const fn ctor(cid: u32) -> &'static crate::schema::Constructor {
    let mut i = 0;
    while i < CONSTRUCTORS.len() {
        if CONSTRUCTORS[i].id == cid {
            return &CONSTRUCTORS[i];
        }
        i += 1;
    }
    panic!("constructor not in the layer")
}

/// `updateNewMessage`'s row of the table.
pub(crate) const UPDATE_NEW_MESSAGE: &crate::schema::Constructor = ctor(id::UPDATE_NEW_MESSAGE);
/// `user`'s row of the table.
pub(crate) const USER: &crate::schema::Constructor = ctor(id::USER);
/// `chat`'s row of the table.
pub(crate) const CHAT: &crate::schema::Constructor = ctor(id::CHAT);
/// `updateUserStatus`'s row of the table.
const UPDATE_USER_STATUS: &crate::schema::Constructor = ctor(id::UPDATE_USER_STATUS);
/// `messageMediaEmpty`'s row of the table.
const MESSAGE_MEDIA_EMPTY: &crate::schema::Constructor = ctor(id::MESSAGE_MEDIA_EMPTY);
/// `userStatusRecently`'s row of the table.
const USER_STATUS_RECENTLY: &crate::schema::Constructor = ctor(id::USER_STATUS_RECENTLY);

// Re-reading validated bytes.
//
// A vector's iterator must find where each element ends, in bytes that were
// validated when the vector was decoded. For the hot constructors that is a
// skip: fixed-size fields are an addition, and only what decides a size
// (flags words, string lengths, vector counts, the ids of types whose
// constructors differ in size) is loaded. Every load is bounds-checked, so
// bytes that were not validated can end a skip early (`None`) but never
// make it read out of bounds or panic; callers then fall back to the
// validating path.

/// A position in validated bytes.
struct Skip<'a> {
    b: &'a [u8],
    pos: usize,
}

impl Skip<'_> {
    #[inline(always)]
    fn word(&mut self) -> Option<u32> {
        let w = self.b.get(self.pos..self.pos.saturating_add(4))?;
        self.pos += 4;
        Some(u32::from_le_bytes(w.try_into().ok()?))
    }
    #[inline(always)]
    fn skip(&mut self, n: usize) {
        self.pos = self.pos.saturating_add(n);
    }
    /// A `string`/`bytes` (already known to be canonical and in bounds).
    #[inline(always)]
    fn string(&mut self) -> Option<()> {
        let first = *self.b.get(self.pos)?;
        let total = if first < 254 {
            (usize::from(first) + 4) & !3
        } else {
            let len = usize::try_from(self.word()? >> 8).ok()?;
            self.pos -= 4;
            (len + 7) & !3
        };
        self.skip(total);
        Some(())
    }
    #[inline(always)]
    fn has(f: u32, bit: u32) -> bool {
        f & (1 << bit) != 0
    }
    /// A boxed `Vector<RestrictionReason>` (each an id and three strings).
    #[inline(always)]
    fn restriction_reasons(&mut self) -> Option<()> {
        self.skip(4);
        let n = self.word()?;
        for _ in 0..n {
            self.skip(4);
            self.string()?;
            self.string()?;
            self.string()?;
        }
        Some(())
    }
}

impl Skip<'_> {
    /// The body of `chat#3bda1bde` (the shapes [`chat`] validates).
    #[cfg_attr(any(debug_assertions, not(feature = "fast")), inline)]
    #[cfg_attr(all(not(debug_assertions), feature = "fast"), inline(always))]
    fn chat(&mut self) -> Option<()> {
        let f = self.word()?;
        self.skip(4); // id
        self.string()?; // title
        match self.word()? {
            id::CHAT_PHOTO_EMPTY => {}
            // flags, two fileLocationToBeDeprecated, dc_id.
            id::CHAT_PHOTO => self.skip(4 + 16 + 16 + 4),
            _ => return None,
        }
        self.skip(12); // participants_count, date, version
        if Self::has(f, 6) {
            return None;
        }
        if Self::has(f, 14) {
            self.skip(8); // chatAdminRights
        }
        if Self::has(f, 18) {
            self.skip(12); // chatBannedRights
        }
        Some(())
    }

    /// The body of `user#938458c1`.
    #[cfg_attr(any(debug_assertions, not(feature = "fast")), inline)]
    #[cfg_attr(all(not(debug_assertions), feature = "fast"), inline(always))]
    fn user(&mut self) -> Option<()> {
        let f = self.word()?;
        self.skip(4);
        if Self::has(f, 0) {
            self.skip(8);
        }
        for bit in 1..=4 {
            if Self::has(f, bit) {
                self.string()?;
            }
        }
        if Self::has(f, 5) {
            match self.word()? {
                id::USER_PROFILE_PHOTO_EMPTY => {}
                // flags, photo_id, two fileLocationToBeDeprecated, dc_id.
                id::USER_PROFILE_PHOTO => self.skip(4 + 8 + 16 + 16 + 4),
                _ => return None,
            }
        }
        if Self::has(f, 6) {
            match self.word()? {
                id::USER_STATUS_ONLINE | id::USER_STATUS_OFFLINE => self.skip(4),
                _ => {}
            }
        }
        if Self::has(f, 14) {
            self.skip(4);
        }
        if Self::has(f, 18) {
            self.restriction_reasons()?;
        }
        if Self::has(f, 19) {
            self.string()?;
        }
        if Self::has(f, 22) {
            self.string()?;
        }
        Some(())
    }
}

/// Re-reads the validated boxed object of constructor `ctor` at `r` by
/// skipping its body (`body_len` measures it); `None` (nothing consumed) for
/// another constructor or a shape the skip does not know.
#[inline(always)]
pub(crate) fn skip_object<'a>(
    r: &mut Reader<'a>,
    ctor: &'static crate::schema::Constructor,
    body_len: fn(&[u8]) -> Option<usize>,
) -> Option<Object<'a>> {
    let all = r.rest();
    let (head, body) = all.split_first_chunk::<4>()?;
    if u32::from_le_bytes(*head) != ctor.id {
        return None;
    }
    let len = body_len(body)?.checked_add(4)?;
    let base = r.offset();
    let bytes = all.get(..len)?;
    r.skip_opt(len)?;
    Some(Object::from_parts(ctor, bytes, base, true))
}

/// How many bytes the validated body of `user#938458c1` at the start of `b`
/// takes.
#[inline]
pub(crate) fn user_len(b: &[u8]) -> Option<usize> {
    if !cfg!(feature = "fast") {
        return None;
    }
    let mut s = Skip { b, pos: 0 };
    s.user()?;
    (s.pos <= b.len()).then_some(s.pos)
}

/// How many bytes the validated body of `chat#3bda1bde` at the start of `b`
/// takes.
#[inline]
pub(crate) fn chat_len(b: &[u8]) -> Option<usize> {
    if !cfg!(feature = "fast") {
        return None;
    }
    let mut s = Skip { b, pos: 0 };
    s.chat()?;
    (s.pos <= b.len()).then_some(s.pos)
}
