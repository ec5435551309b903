//! A criterion [`Measurement`] of the benchmark thread's CPU time
//! (`CLOCK_THREAD_CPUTIME_ID`), the default of both benches here.
//!
//! The machine these figures come from is shared (two vCPUs, other builds
//! and fuzzers running, ~20% hypervisor steal): wall-clock samples include
//! the time the thread spent descheduled, and swung by ±50% between runs.
//! The thread's CPU time leaves that out (what remains is cache and
//! frequency interference). `PEERS_CLOCK=wall` switches back to criterion's
//! wall clock.

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::Criterion;

/// The calling thread's CPU time, in nanoseconds.
pub struct ThreadCpuTime {
    /// Only lends its nanosecond formatter.
    wall: WallTime,
}

/// The calling thread's CPU time now, in nanoseconds.
pub fn now() -> u64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec; the clock id is a constant
    // Linux supports.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
    ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64
}

impl Measurement for ThreadCpuTime {
    type Intermediate = u64;
    type Value = u64;

    fn start(&self) -> u64 {
        now()
    }
    fn end(&self, start: u64) -> u64 {
        now() - start
    }
    fn add(&self, a: &u64, b: &u64) -> u64 {
        a + b
    }
    fn zero(&self) -> u64 {
        0
    }
    fn to_f64(&self, v: &u64) -> f64 {
        *v as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        self.wall.formatter()
    }
}

/// Which clock a run uses: `PEERS_CLOCK=wall` or (the default) `cpu`.
pub fn wall_clock_requested() -> bool {
    match std::env::var("PEERS_CLOCK").as_deref() {
        Ok("wall") => true,
        Ok("cpu") | Err(_) => false,
        Ok(other) => panic!("PEERS_CLOCK={other}: expected `cpu` or `wall`"),
    }
}

/// A criterion configured from the command line, on the thread CPU clock.
pub fn cpu_criterion() -> Criterion<ThreadCpuTime> {
    Criterion::default()
        .with_measurement(ThreadCpuTime { wall: WallTime })
        .configure_from_args()
}

/// A criterion configured from the command line, on the wall clock.
pub fn wall_criterion() -> Criterion<WallTime> {
    Criterion::default().configure_from_args()
}
