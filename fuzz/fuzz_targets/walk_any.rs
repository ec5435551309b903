//! The walker on any expected type, then the dynamic view and TL JSON.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| tlview_fuzzing::walk_any(data));
