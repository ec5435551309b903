//! `tl dump`'s core path and back: whatever decodes as any boxed object
//! prints as TL JSON (the library harness checks the views on the way); that
//! JSON must parse, must be what `tltool::dump` prints, must encode with the
//! generic encoder back to the input (exactly, unless a string was invalid
//! UTF-8 or a NaN had a payload, which TL JSON cannot carry), and the
//! re-encoded bytes must dump to the same JSON.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let mut text = String::new();
    let Some(stats) = tlview_fuzzing::json_to(data, &mut text) else {
        return;
    };
    // The tool prints the same (it unpacks a gzip_packed root; skip those).
    if tlview::Reader::new(data).peek_id() != Ok(tlview::schema::id::GZIP_PACKED) {
        match tltool::dump::dump(data, &tltool::dump::DumpOptions::default()) {
            Ok(d) => assert_eq!(d.text, text, "tl dump prints other JSON"),
            Err(e) => panic!("tl dump refused what the library decodes: {e}"),
        }
    }
    let value: serde_json::Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => panic!("TL JSON does not parse ({e}): {text}"),
    };
    let bytes = match tltool::encode::encode(&value) {
        Ok(b) => b,
        // Lossy JSON (U+FFFD for invalid UTF-8) may re-encode to another
        // length, which an MTProto message's printed `bytes` then contradicts.
        Err(_) if !stats.lossless => return,
        Err(e) => panic!("the generic encoder refused dumped JSON ({e}): {text}"),
    };
    if stats.lossless {
        assert_eq!(bytes, data, "TL JSON did not encode back to the input");
    }
    let mut again = String::new();
    assert!(
        tlview_fuzzing::dump_to(&bytes, &mut again),
        "the re-encoded bytes do not decode"
    );
    assert_eq!(again, text, "the re-encoded bytes dump differently");
});
