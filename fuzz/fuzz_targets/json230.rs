//! `tl dump [--typed] --layer 230` and `tl encode --layer 230`: whatever decodes as
//! any boxed object of layer 230 prints as TL JSON (the library harness
//! reads all of it on the way); that JSON must parse, must be what
//! `tltool::dump` prints in layer 230, must encode with the generic encoder
//! in layer 230 back to the input (exactly, unless a string was invalid
//! UTF-8 or a NaN had a payload, which TL JSON cannot carry), and the
//! re-encoded bytes must dump to the same JSON.
#![no_main]
use tlview::walk::Expect;
use tlview::Layer;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let mut text = String::new();
    let Some(stats) = tlview_fuzzing::json230_to(data, &mut text) else {
        return;
    };
    let opts = tltool::dump::DumpOptions {
        layer: Layer::L230,
        ..tltool::dump::DumpOptions::default()
    };
    // The tool prints the same (it unpacks a gzip_packed root; skip those).
    if tlview::Reader::new(data).peek_id() != Ok(tlview::schema::id::GZIP_PACKED) {
        match tltool::dump::dump(data, &opts) {
            Ok(d) => assert_eq!(d.text, text, "tl dump --layer 230 prints other JSON"),
            Err(e) => panic!("tl dump --layer 230 refused what the library decodes: {e}"),
        }
    }
    let value: serde_json::Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => panic!("TL JSON does not parse ({e}): {text}"),
    };
    let mut bytes = Vec::new();
    match tltool::encode::encode_in(Layer::L230, &value, Expect::Any, &mut bytes) {
        Ok(()) => {}
        // Lossy JSON (U+FFFD for invalid UTF-8) may re-encode to another
        // length, which an MTProto message's printed `bytes` then contradicts.
        Err(_) if !stats.lossless => return,
        Err(e) => panic!("the generic encoder refused dumped JSON ({e}): {text}"),
    }
    if stats.lossless {
        assert_eq!(bytes, data, "TL JSON did not encode back to the input");
    }
    let mut again = String::new();
    assert!(
        tlview_fuzzing::json230_to(&bytes, &mut again).is_some(),
        "the re-encoded bytes do not decode"
    );
    assert_eq!(again, text, "the re-encoded bytes dump differently");
});
