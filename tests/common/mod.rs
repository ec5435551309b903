//! What the integration tests share: a builder of TL messages, field by
//! field, written with tlview's own `Writer` where a field needs encoding.
// Each test crate uses part of it.
#![allow(dead_code)]

/// A message under construction.
#[derive(Clone, Default)]
pub(crate) struct B(pub(crate) Vec<u8>);

impl B {
    pub(crate) fn new() -> B {
        B(Vec::new())
    }
    /// A constructor id (or any `#` word).
    pub(crate) fn id(mut self, v: u32) -> B {
        self.0.extend(v.to_le_bytes());
        self
    }
    pub(crate) fn int(mut self, v: i32) -> B {
        self.0.extend(v.to_le_bytes());
        self
    }
    pub(crate) fn long(mut self, v: i64) -> B {
        self.0.extend(v.to_le_bytes());
        self
    }
    pub(crate) fn double(mut self, v: f64) -> B {
        self.0.extend(v.to_le_bytes());
        self
    }
    pub(crate) fn raw(mut self, b: &[u8]) -> B {
        self.0.extend_from_slice(b);
        self
    }
    /// A `string` (or `bytes`): length form, data and padding, as
    /// `Writer::write_string` writes them.
    pub(crate) fn string(self, s: &[u8]) -> B {
        let mut buf = vec![0u8; s.len() + 8];
        let mut w = tlview::Writer::new(tlview::SliceSink::new(&mut buf));
        w.write_string(s).unwrap();
        let n = w.finish();
        self.raw(&buf[..n])
    }
    pub(crate) fn len(&self) -> usize {
        self.0.len()
    }
}

/// `updateShortMessage` with `flags`, id 1, user 2 and `text`, then pts 3,
/// pts_count 4 and date 5: the optional fields that `flags` announces are
/// the caller's to add.
pub(crate) fn short_message_head(flags: i32, text: &[u8]) -> B {
    B::new()
        .id(tlview::schema::id::UPDATE_SHORT_MESSAGE)
        .int(flags)
        .int(1)
        .int(2)
        .string(text)
        .int(3)
        .int(4)
        .int(5)
}
