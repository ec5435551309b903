//! A defmt global logger for the `defmt` build: each frame, encoded by
//! defmt, is written to semihosting stderr, so that the text lines on stdout
//! stay what `expected.txt` holds. (defmt-print with this ELF decodes the
//! frames; run.sh only checks that some were written.)

use core::sync::atomic::{AtomicBool, Ordering};

use cortex_m_semihosting::hio;

#[defmt::global_logger]
struct Logger;

/// Whether a frame is being written (the firmware logs from `main` only, so
/// this only guards against reentry).
static TAKEN: AtomicBool = AtomicBool::new(false);
/// The frame encoder; used only between `acquire` and `release`.
static mut ENCODER: defmt::Encoder = defmt::Encoder::new();

fn write(bytes: &[u8]) {
    if let Ok(mut err) = hio::hstderr() {
        let _ = err.write_all(bytes);
    }
}

// SAFETY: `acquire` refuses to start a frame while one is open (TAKEN), so
// ENCODER is used by one frame at a time; `flush` has nothing buffered.
unsafe impl defmt::Logger for Logger {
    fn acquire() {
        if TAKEN.swap(true, Ordering::Acquire) {
            panic!("defmt logger taken reentrantly");
        }
        // SAFETY: only this frame uses ENCODER until `release`.
        unsafe { (*core::ptr::addr_of_mut!(ENCODER)).start_frame(write) }
    }

    unsafe fn flush() {}

    unsafe fn release() {
        // SAFETY: the frame `acquire` opened is the only user of ENCODER.
        unsafe { (*core::ptr::addr_of_mut!(ENCODER)).end_frame(write) }
        TAKEN.store(false, Ordering::Release);
    }

    unsafe fn write(bytes: &[u8]) {
        // SAFETY: as in `release`.
        unsafe { (*core::ptr::addr_of_mut!(ENCODER)).write(bytes, write) }
    }
}
