//! The walker over layer 230's table, on any expected type of that layer.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| tlview_fuzzing::walk230(data));
