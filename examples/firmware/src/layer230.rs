//! The layer-230 build (feature `layer230`): tlview's walker over layer
//! 230's table (`tlview::layer230`), on objects written here word by word,
//! with no heap: a user with both flags words, a server push, a truncation
//! and an object of the wrong type; with `names`, the user as TL JSON.

use cortex_m_semihosting::hprintln;
use tlview::layer230::{self, id, ty};
use tlview::walk::Expect;
use tlview::Limits;

/// A fixed buffer written word by word.
struct Buf {
    bytes: [u8; 64],
    len: usize,
}

impl Buf {
    fn new() -> Buf {
        Buf {
            bytes: [0; 64],
            len: 0,
        }
    }
    fn put(&mut self, word: &[u8]) -> &mut Buf {
        if let Some(room) = self.bytes.get_mut(self.len..self.len + word.len()) {
            room.copy_from_slice(word);
            self.len += word.len();
        }
        self
    }
    fn get(&self) -> &[u8] {
        self.bytes.get(..self.len).unwrap_or(&[])
    }
}

pub(crate) fn run() -> bool {
    let mut ok = true;
    let limits = Limits::DEFAULT;

    // user#b1b8cc83: flags.0 (access_hash:long) and flags2.12
    // (bot_active_users:int) set; id:long between the words' fields.
    let mut user = Buf::new();
    user.put(&id::USER.to_le_bytes())
        .put(&1u32.to_le_bytes())
        .put(&(1u32 << 12).to_le_bytes())
        .put(&777_000i64.to_le_bytes())
        .put(&(-5i64).to_le_bytes())
        .put(&12_345i32.to_le_bytes());
    match layer230::walk(user.get(), Expect::Type(ty::USER), &limits) {
        Ok(n) if n == user.len => {
            hprintln!("layer 230 user, flags and flags2: {} bytes", n)
        }
        other => {
            hprintln!("FAIL: layer 230 user: {:?}", other);
            ok = false;
        }
    }

    // updateShort#78d4dec1 holding updateDcOptions (an empty vector).
    let mut push = Buf::new();
    push.put(&id::UPDATE_SHORT.to_le_bytes())
        .put(&id::UPDATE_DC_OPTIONS.to_le_bytes())
        .put(&0x1cb5_c415u32.to_le_bytes())
        .put(&0u32.to_le_bytes())
        .put(&1_700_000_000i32.to_le_bytes());
    match layer230::walk_exact(push.get(), Expect::Type(ty::UPDATES), &limits) {
        Ok(()) => hprintln!("layer 230 updateShort: {} bytes", push.len),
        Err(e) => {
            hprintln!("FAIL: layer 230 updateShort: {}", e);
            ok = false;
        }
    }

    // The user without its last int, and the user where an Updates is due.
    let cut = user.get().get(..user.len - 4).unwrap_or(&[]);
    for (what, bytes, expect) in [
        ("truncated user", cut, ty::USER),
        ("user as Updates", user.get(), ty::UPDATES),
    ] {
        match layer230::walk(bytes, Expect::Type(expect), &limits) {
            Err(e) => hprintln!("layer 230 {} rejected: {}", what, e),
            Ok(n) => {
                hprintln!("FAIL: layer 230 {} walked {} bytes", what, n);
                ok = false;
            }
        }
    }

    // With names: the user as TL JSON, by layer 230's names and fields.
    #[cfg(feature = "names")]
    match layer230::object(user.get(), Expect::Type(ty::USER)) {
        Ok(obj) => hprintln!("layer 230 user as TL JSON: {}", tlview::json::Json(obj)),
        Err(e) => {
            hprintln!("FAIL: layer 230 user as an object: {}", e);
            ok = false;
        }
    }
    ok
}
