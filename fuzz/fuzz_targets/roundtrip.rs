//! Values built from the input: encoded, decoded and compared by the library
//! harness; each `contacts.acceptContact` request is also encoded by the `tl`
//! tool's generic TL JSON encoder (from the request's own TL JSON), which must
//! give the same bytes as the specialized encoder.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    tlview_fuzzing::roundtrip_with(data, &mut |req, bytes| {
        let text = req.to_string();
        let value: serde_json::Value = match serde_json::from_str(&text) {
            Ok(v) => v,
            Err(e) => panic!("the request's TL JSON is not JSON ({e}): {text}"),
        };
        match tltool::encode::encode(&value) {
            Ok(generic) => assert_eq!(generic, bytes, "generic and specialized encoders differ"),
            Err(e) => panic!("the generic encoder refused {text}: {e}"),
        }
    });
});
