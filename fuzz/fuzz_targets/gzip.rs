//! Bounded gzip_packed unpacking.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| tlview_fuzzing::gzip(data));
