//! Typed `Updates` decoding against the walker and the dynamic view.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| tlview_fuzzing::decode_updates(data));
