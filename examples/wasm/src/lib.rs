//! tlview as a WebAssembly module: TL bytes to TL JSON, and the
//! `contacts.acceptContact` request, over plain linear memory.
//!
//! No wasm-bindgen and no allocator: the module owns two static buffers.
//! The host asks for the input buffer with `alloc_in(len)`, writes the
//! bytes there, and calls a function; results (or an error message) are
//! written to the output buffer at `out_ptr()`:
//!
//! | export | returns |
//! | --- | --- |
//! | `alloc_in(len) -> ptr` | where to write `len` input bytes; 0 when `len` is more than `in_capacity()` |
//! | `decode_json(ptr, len) -> n` | TL JSON of the boxed object in the input, `n` bytes at `out_ptr()` |
//! | `encode_accept_contact(user_id, access_hash) -> n` | the request with `inputUser`, `n` bytes at `out_ptr()` |
//! | `out_ptr() -> ptr`, `in_capacity()`, `out_capacity()` | the buffers |
//!
//! A negative result `-n` is an error: its message, UTF-8, is the `n` bytes
//! at `out_ptr()`.

#![no_std]

use core::fmt::{self, Write};

use spin::Mutex;
use tlview::object::Object;
use tlview::walk::Expect;
use tlview::{AcceptContact, InputUser};

/// Input: the largest message `decode_json` takes.
const IN_CAP: usize = 128 * 1024;
/// Output: the longest JSON it writes.
const OUT_CAP: usize = 256 * 1024;

// The host reads and writes these through linear memory between calls; in
// Rust they are only touched under their locks. wasm32-unknown-unknown is
// single-threaded, so a lock is never contended.
static IN: Mutex<[u8; IN_CAP]> = Mutex::new([0; IN_CAP]);
static OUT: Mutex<[u8; OUT_CAP]> = Mutex::new([0; OUT_CAP]);

/// Where to write `len` input bytes (null when they do not fit).
#[no_mangle]
pub extern "C" fn alloc_in(len: usize) -> *mut u8 {
    match IN.try_lock() {
        Some(mut buf) if len <= IN_CAP => buf.as_mut_ptr(),
        _ => core::ptr::null_mut(),
    }
}

/// The output buffer.
#[no_mangle]
pub extern "C" fn out_ptr() -> *const u8 {
    OUT.try_lock().map_or(core::ptr::null(), |buf| buf.as_ptr())
}

/// The input buffer's size in bytes.
#[no_mangle]
pub extern "C" fn in_capacity() -> usize {
    IN_CAP
}

/// The output buffer's size in bytes.
#[no_mangle]
pub extern "C" fn out_capacity() -> usize {
    OUT_CAP
}

/// Decodes the boxed TL object (any constructor of layer 122 or MTProto)
/// in the `len` bytes at `ptr` (which must be what `alloc_in` returned),
/// validating all of it, and writes its TL JSON to the output buffer.
#[no_mangle]
pub extern "C" fn decode_json(ptr: *const u8, len: usize) -> i32 {
    decode_json_in(tlview::Layer::L122, ptr, len)
}

/// [`decode_json`] in `layer`.
fn decode_json_in(layer: tlview::Layer, ptr: *const u8, len: usize) -> i32 {
    let (Some(input), Some(mut out)) = (IN.try_lock(), OUT.try_lock()) else {
        return i32::MIN;
    };
    let mut w = Out::new(&mut out[..]);
    if ptr != input.as_ptr() || len > IN_CAP {
        return w.error(format_args!("the input must be at alloc_in({len})"));
    }
    let bytes = &input[..len];
    match Object::decode_in(layer, bytes, Expect::Any, &tlview::Limits::DEFAULT) {
        Ok(obj) => match write!(w, "{}", tlview::json::Json(obj)) {
            Ok(()) => w.done(),
            Err(fmt::Error) => w.error(format_args!(
                "the JSON does not fit the {OUT_CAP}-byte output buffer"
            )),
        },
        Err(e) => w.error(format_args!("{e}")),
    }
}

/// As [`decode_json`], in layer 230 (the `layer230` feature): the object's
/// constructor, fields and names are layer 230's.
#[cfg(feature = "layer230")]
#[no_mangle]
pub extern "C" fn decode_json_230(ptr: *const u8, len: usize) -> i32 {
    decode_json_in(tlview::Layer::L230, ptr, len)
}

/// Writes `contacts.acceptContact id:(inputUser user_id access_hash)` to
/// the output buffer.
#[no_mangle]
pub extern "C" fn encode_accept_contact(user_id: i32, access_hash: i64) -> i32 {
    let Some(mut out) = OUT.try_lock() else {
        return i32::MIN;
    };
    let req = AcceptContact {
        id: InputUser::InputUser {
            user_id,
            access_hash,
        },
    };
    match req.encode_to_slice(&mut out[..]) {
        Ok(n) => n as i32,
        Err(e) => Out::new(&mut out[..]).error(format_args!("{e}")),
    }
}

/// `fmt::Write` into a fixed buffer; writing past its end is an error.
struct Out<'a> {
    buf: &'a mut [u8],
    len: usize,
}

impl<'a> Out<'a> {
    fn new(buf: &'a mut [u8]) -> Self {
        Out { buf, len: 0 }
    }

    /// The length written, as the exports return it.
    fn done(&self) -> i32 {
        self.len as i32
    }

    /// Replaces what was written with an error message; returns minus its
    /// length.
    fn error(&mut self, msg: fmt::Arguments<'_>) -> i32 {
        self.len = 0;
        let _ = self.write_fmt(msg);
        -(self.len as i32)
    }
}

impl Write for Out<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len.checked_add(s.len()).ok_or(fmt::Error)?;
        let dst = self.buf.get_mut(self.len..end).ok_or(fmt::Error)?;
        dst.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    core::arch::wasm32::unreachable()
}
