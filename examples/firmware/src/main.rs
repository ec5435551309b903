//! tlview on a Cortex-M4F: decode every constructor of the `Updates` family
//! and encode `contacts.acceptContact`, with no heap and a 16 KiB stack.
//!
//! Runs under QEMU (`mps2-an386`), prints one line per message through
//! semihosting and exits with status 0 only when every check passed. See
//! `run.sh` beside this crate.
//!
//! With the `baseline` feature the same skeleton (semihosting output, the
//! embedded messages, the stack guard and measurement) is built without any
//! tlview code, to measure what tlview costs in flash.

#![no_std]
#![no_main]

use core::fmt;

use cortex_m_rt::{entry, exception, ExceptionFrame};
use cortex_m_semihosting::{debug, hio, hprintln};

/// The seven test messages, one per constructor of `Updates`.
#[cfg_attr(any(feature = "flow", feature = "layer230"), allow(dead_code))]
const MESSAGES: [(&str, &[u8]); 7] = [
    // updatesTooLong#e317af7e: just the constructor id.
    ("updates_too_long", &[0x7e, 0xaf, 0x17, 0xe3]),
    (
        "short_message",
        include_bytes!("../../../tests/data/short_message.bin"),
    ),
    (
        "short_chat_message",
        include_bytes!("../../../tests/data/short_chat_message.bin"),
    ),
    (
        "update_short",
        include_bytes!("../../../tests/data/update_short.bin"),
    ),
    (
        "updates_50",
        include_bytes!("../../../tests/data/updates_50.bin"),
    ),
    (
        "updates_combined_10",
        include_bytes!("../../../tests/data/updates_combined_10.bin"),
    ),
    (
        "short_sent",
        include_bytes!("../../../tests/data/short_sent.bin"),
    ),
];

#[entry]
fn main() -> ! {
    let guarded = stack::install_guard();
    #[cfg(feature = "guard-probe")]
    hprintln!("read below the stack: {:#x}", stack::probe_guard());
    #[cfg(feature = "stack-overflow")]
    hprintln!("recursing past the stack: {}", stack::overflow(0));
    let ok = run() && guarded;
    let (used, size) = stack::high_water();
    hprintln!(
        "stack: {} of {} bytes used (painted at reset; {})",
        used,
        size,
        if guarded {
            "MPU no-access guard below it"
        } else {
            "FAIL: no MPU guard"
        }
    );
    if cfg!(feature = "baseline") {
        hprintln!("BASELINE DONE (nothing checked)");
    } else if ok {
        hprintln!("ALL CHECKS PASSED");
    } else {
        hprintln!("SOME CHECKS FAILED");
    }
    exit(ok)
}

#[cfg(not(any(feature = "baseline", feature = "flow", feature = "layer230")))]
mod demo;
#[cfg(feature = "layer230")]
mod layer230;
#[cfg(feature = "layer230")]
use layer230::run;
#[cfg(feature = "defmt")]
mod log;
#[cfg(not(any(feature = "baseline", feature = "flow", feature = "layer230")))]
use demo::run;

/// The host example's acceptContact flow, the same file.
#[cfg(feature = "flow")]
#[path = "../../accept_contact_flow.rs"]
mod flow;

/// Runs the acceptContact flow (feature `flow`), printing what the host
/// example prints.
#[cfg(feature = "flow")]
fn run() -> bool {
    /// Semihosting stdout as a `fmt::Write`.
    struct Out;
    impl fmt::Write for Out {
        fn write_str(&mut self, s: &str) -> fmt::Result {
            cortex_m_semihosting::hprint!("{}", s);
            Ok(())
        }
    }
    match flow::run(&mut Out) {
        Ok(()) => true,
        Err(e) => {
            hprintln!("FAIL: {}", e);
            false
        }
    }
}

#[cfg(feature = "baseline")]
fn run() -> bool {
    // The same messages and output path, without tlview: a checksum keeps
    // the embedded bytes in the image.
    for (name, bytes) in MESSAGES {
        let sum = bytes.iter().fold(0x811c_9dc5u32, |h, &b| {
            (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
        });
        hprintln!("{}: {} bytes, fnv1a {:08x}", name, bytes.len(), sum);
    }
    hprintln!("baseline: no tlview code linked");
    true
}

/// The stack: an MPU guard below it, and its high-water mark.
mod stack {
    extern "C" {
        // From memory.x: the stack is [_stack_end, _stack_start).
        static _stack_start: u32;
        static _stack_end: u32;
    }

    /// cortex-m-rt's `paint-stack` fills the stack with this at reset.
    const PAINT: u32 = 0xcccc_cccc;

    /// Guard size: a frame bigger than this could jump over the guard, so
    /// it is generous (the region below is unused address space).
    const GUARD: u32 = 1 << 20;

    fn bounds() -> (usize, usize) {
        (
            (&raw const _stack_end) as usize,
            (&raw const _stack_start) as usize,
        )
    }

    /// Makes the 1 MiB below the stack inaccessible, so that overflowing
    /// the 16 KiB faults (QEMU maps an unimplemented device there, which
    /// ignores writes, and real parts are not all kinder).
    pub(crate) fn install_guard() -> bool {
        let (bottom, _) = bounds();
        let base = (bottom as u32).wrapping_sub(GUARD);
        let Some(p) = cortex_m::Peripherals::take() else {
            return false;
        };
        // RASR: XN, AP=000 (no access), SIZE=log2(GUARD)-1, enabled.
        let rasr = 1 << 28 | (GUARD.trailing_zeros() - 1) << 1 | 1;
        // SAFETY: plain writes to the MPU's registers before anything else
        // runs: region 0 becomes a no-access guard below the stack, and the
        // default memory map stays in force everywhere else (PRIVDEFENA).
        // The barriers make the new map apply to the next instruction.
        unsafe {
            p.MPU.rnr.write(0);
            p.MPU.rbar.write(base);
            p.MPU.rasr.write(rasr);
            p.MPU.ctrl.write(1 << 2 | 1);
        }
        cortex_m::asm::dsb();
        cortex_m::asm::isb();
        true
    }

    /// With the `guard-probe` feature: reads the word just below the stack,
    /// which must fault (HardFault then prints and exits with a failure
    /// status; run.sh checks that it does). Without the guard QEMU would
    /// read 0 there and go on.
    #[cfg(feature = "guard-probe")]
    pub(crate) fn probe_guard() -> u32 {
        let (bottom, _) = bounds();
        // SAFETY: a read of one word of address space with no memory behind
        // it (QEMU's unimplemented-device region), inside the guard.
        unsafe { core::ptr::read_volatile((bottom - 4) as *const u32) }
    }

    /// With the `stack-overflow` feature: recurses with 256-byte frames
    /// until the guard stops it (QEMU then reports a lockup and exits with
    /// a failure status); run.sh checks that it does.
    #[cfg(feature = "stack-overflow")]
    pub(crate) fn overflow(depth: u32) -> u32 {
        let frame = core::hint::black_box([depth as u8; 256]);
        if depth == u32::MAX {
            return 0;
        }
        u32::from(frame[0]) + overflow(core::hint::black_box(depth + 1))
    }

    /// (bytes of stack ever used, stack size): the used part is where the
    /// paint has been overwritten.
    pub(crate) fn high_water() -> (usize, usize) {
        let (bottom, top) = bounds();
        let mut p = bottom;
        // SAFETY: [bottom, top) is the stack region of memory.x: RAM,
        // word-aligned and always readable. Words are read by value
        // (volatile, no references), and the scan stops at the first word
        // that is not paint, well below this function's own frame.
        while p < top && unsafe { core::ptr::read_volatile(p as *const u32) } == PAINT {
            p += 4;
        }
        (top - p, top - bottom)
    }
}

fn exit(ok: bool) -> ! {
    debug::exit(if ok {
        debug::EXIT_SUCCESS
    } else {
        debug::EXIT_FAILURE
    });
    loop {
        cortex_m::asm::wfi();
    }
}

#[panic_handler]
fn panic(info: &core::panic::PanicInfo<'_>) -> ! {
    if let Ok(mut out) = hio::hstdout() {
        let _ = fmt::Write::write_fmt(&mut out, format_args!("PANIC: {info}\n"));
    }
    exit(false)
}

// cortex-m-rt requires the HardFault handler to be an `unsafe fn`; its body
// only prints and exits.
#[exception]
unsafe fn HardFault(frame: &ExceptionFrame) -> ! {
    hprintln!("HARD FAULT at pc {:#010x}", frame.pc());
    exit(false)
}
