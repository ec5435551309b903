//! Any type through its generated typed view: the generated skip against the
//! walker, the typed printer against the dynamic one, `Debug`.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| tlview_fuzzing::typed(data));
