//! Malformed and hostile inputs at the primitive level: non-canonical string
//! encodings, impossible vector counts, bad ids, trailing bytes. Each must be
//! the exact documented error at the exact offset, found without looping over
//! anything the input claims.

use tlview::{ErrorKind, Item, Reader, TlStr};

const VECTOR_ID: [u8; 4] = [0x15, 0xc4, 0xb5, 0x1c];

fn err_of<T: core::fmt::Debug>(r: tlview::Result<T>) -> (ErrorKind, usize) {
    let e = r.unwrap_err();
    (e.kind(), e.offset())
}

// ---------------------------------------------------------------- length prefix

#[test]
fn length_byte_255() {
    for input in [
        &[255u8][..],
        &[255, 0, 0, 0],
        &[255, 1, 0, 0, b'x', 0, 0, 0],
    ] {
        assert_eq!(
            err_of(Reader::new(input).read_string()),
            (ErrorKind::InvalidLengthPrefix, 0)
        );
        assert_eq!(
            err_of(Reader::new(input).read_bytes()),
            (ErrorKind::InvalidLengthPrefix, 0)
        );
    }
    // After an int: offset 4.
    let mut r = Reader::new(&[1, 0, 0, 0, 255, 0, 0, 0]);
    r.read_int().unwrap();
    assert_eq!(err_of(r.read_string()), (ErrorKind::InvalidLengthPrefix, 4));
    assert_eq!(r.offset(), 4, "nothing consumed by the failed read");
}

#[test]
fn long_form_for_short_length() {
    // 254, 5, 0, 0 then 5 bytes and padding: the long form for 5.
    let input = [254, 5, 0, 0, b'a', b'b', b'c', b'd', b'e', 0, 0, 0];
    assert_eq!(
        err_of(Reader::new(&input).read_string()),
        (ErrorKind::NonCanonicalLength { len: 5 }, 0)
    );
    // Every length below 254 in the long form, including 0 and 253.
    for len in [0u32, 1, 3, 4, 200, 253] {
        let mut input = vec![254, len as u8, 0, 0];
        input.resize(4 + len as usize + 3, 0);
        assert_eq!(
            err_of(Reader::new(&input).read_bytes()),
            (ErrorKind::NonCanonicalLength { len }, 0),
            "len {len}"
        );
    }
    // The check needs only the 4 prefix bytes: it fires even when the data is
    // missing.
    assert_eq!(
        err_of(Reader::new(&[254, 5, 0, 0]).read_string()),
        (ErrorKind::NonCanonicalLength { len: 5 }, 0)
    );
    // At an offset.
    let input = [0, 0, 0, 0, 254, 0, 0, 0, 0, 0, 0, 0];
    let mut r = Reader::new(&input);
    r.read_string().unwrap(); // the empty string, canonically
    assert_eq!(
        err_of(r.read_string()),
        (ErrorKind::NonCanonicalLength { len: 0 }, 4)
    );
    // 254 itself in the long form is canonical.
    let mut input = vec![254, 254, 0, 0];
    input.resize(4 + 254 + 2, 0);
    let mut r = Reader::new(&input);
    assert_eq!(r.read_string().unwrap().len(), 254);
    r.finish().unwrap();
}

#[test]
fn truncated_long_prefix() {
    for n in 1..4 {
        let input = &[254, 0, 1, 0][..n];
        assert_eq!(
            err_of(Reader::new(input).read_string()),
            (
                ErrorKind::UnexpectedEnd {
                    what: Item::Length,
                    needed: 4,
                    available: n as u32
                },
                0
            )
        );
    }
}

// ---------------------------------------------------------------- padding

#[test]
fn nonzero_padding_each_byte() {
    // Strings of length 1, 2 (short form) with padding at 2..4 / 3..4.
    for (len, pad) in [(1usize, 2usize), (2, 1)] {
        for bad in 0..pad {
            let mut input = vec![len as u8];
            input.extend((0..len).map(|i| b'a' + i as u8));
            input.extend(core::iter::repeat_n(0u8, pad));
            let at = 1 + len + bad;
            input[at] = 0x5a;
            assert_eq!(
                err_of(Reader::new(&input).read_string()),
                (ErrorKind::NonZeroPadding { byte: 0x5a }, at),
                "len {len}, bad padding byte {bad}"
            );
            assert_eq!(
                err_of(Reader::with_base(&input, 100).read_bytes()),
                (ErrorKind::NonZeroPadding { byte: 0x5a }, 100 + at)
            );
        }
    }
    // Length 3 takes no padding: the byte after it belongs to the next item.
    let mut r = Reader::new(&[3, b'a', b'b', b'c', 0xff]);
    assert_eq!(r.read_string().unwrap().as_bytes(), b"abc");
    assert_eq!(r.rest(), &[0xff]);
    // Length 0: three padding bytes.
    for bad in 0..3 {
        let mut input = [0u8; 4];
        input[1 + bad] = 0x80;
        assert_eq!(
            err_of(Reader::new(&input).read_string()),
            (ErrorKind::NonZeroPadding { byte: 0x80 }, 1 + bad)
        );
    }
    // Two bad bytes: the first is reported.
    assert_eq!(
        err_of(Reader::new(&[1, b'a', 3, 4]).read_string()),
        (ErrorKind::NonZeroPadding { byte: 3 }, 2)
    );
    // The doc example of wire/error.rs and wire/reader.rs.
    assert_eq!(
        err_of(Reader::new(&[1, b'a', 0, 7]).read_string()),
        (ErrorKind::NonZeroPadding { byte: 7 }, 3)
    );
}

#[test]
fn nonzero_padding_long_form() {
    // Length 255: 4 + 255 = 259, one byte of padding at 259.
    let mut input = vec![254, 255, 0, 0];
    input.extend(core::iter::repeat_n(b'x', 255));
    input.push(0);
    assert_eq!(input.len(), 260);
    Reader::new(&input).read_string().unwrap();
    input[259] = 1;
    assert_eq!(
        err_of(Reader::new(&input).read_string()),
        (ErrorKind::NonZeroPadding { byte: 1 }, 259)
    );
    // Length 257: 4 + 257 = 261, padding at 261, 262, 263.
    for bad in 0..3 {
        let mut input = vec![254, 1, 1, 0];
        input.extend(core::iter::repeat_n(b'y', 257));
        input.extend([0, 0, 0]);
        assert_eq!(input.len(), 264);
        input[261 + bad] = 0xff;
        assert_eq!(
            err_of(Reader::new(&input).read_string()),
            (ErrorKind::NonZeroPadding { byte: 0xff }, 261 + bad),
            "bad padding byte {bad}"
        );
    }
}

// ---------------------------------------------------------------- huge lengths

#[test]
fn max_length_with_few_bytes() {
    // A 3-byte length of 16 777 215 with 10 bytes after the prefix.
    let mut input = vec![254, 0xff, 0xff, 0xff];
    input.extend([0u8; 10]);
    assert_eq!(
        err_of(Reader::new(&input).read_string()),
        (
            ErrorKind::UnexpectedEnd {
                what: Item::StringData,
                needed: 16_777_215,
                available: 10
            },
            0
        )
    );
    assert_eq!(
        err_of(Reader::new(&input).read_bytes()),
        (
            ErrorKind::UnexpectedEnd {
                what: Item::BytesData,
                needed: 16_777_215,
                available: 10
            },
            0
        )
    );
    // After 8 bytes of other data, with a base of 40: offset 48.
    let mut input2 = vec![0u8; 8];
    input2.extend_from_slice(&input);
    let mut r = Reader::with_base(&input2, 40);
    r.read_long().unwrap();
    assert_eq!(
        err_of(r.read_string()),
        (
            ErrorKind::UnexpectedEnd {
                what: Item::StringData,
                needed: 16_777_215,
                available: 10
            },
            48
        )
    );
}

// ---------------------------------------------------------------- counts

const HUGE_COUNTS: [u32; 3] = [0xffff_ffff, 0x7fff_ffff, 0x4000_0000];

fn boxed_header(count: u32, tail: usize) -> Vec<u8> {
    let mut b = VECTOR_ID.to_vec();
    b.extend(count.to_le_bytes());
    b.extend(core::iter::repeat_n(0u8, tail));
    b
}

#[test]
fn impossible_counts_every_element_type() {
    for count in HUGE_COUNTS {
        let boxed = boxed_header(count, 8);
        let bare = &boxed[4..];
        let want_boxed = (
            ErrorKind::ImpossibleCount {
                count,
                remaining: 8,
            },
            4,
        );
        let want_bare = (
            ErrorKind::ImpossibleCount {
                count,
                remaining: 8,
            },
            0,
        );
        macro_rules! both {
            ($t:ty) => {
                assert_eq!(
                    err_of(Reader::new(&boxed).read_vector::<$t>()),
                    want_boxed,
                    "Vector<{}> count {count:#x}",
                    stringify!($t)
                );
                assert_eq!(
                    err_of(Reader::new(bare).read_bare_vector::<$t>()),
                    want_bare,
                    "vector<{}> count {count:#x}",
                    stringify!($t)
                );
            };
        }
        both!(i32);
        both!(i64);
        both!(f64);
        both!(&[u8; 16]);
        both!(&[u8; 32]);
        both!(bool);
        both!(TlStr);
        both!(&[u8]);
        for size in [0, 1, 4, 8, 16, 32, usize::MAX] {
            assert_eq!(
                err_of(Reader::new(&boxed).read_vector_len(size)),
                want_boxed,
                "read_vector_len({size}) count {count:#x}"
            );
            assert_eq!(
                err_of(Reader::new(bare).read_bare_vector_len(size)),
                want_bare
            );
        }
    }
}

/// The boundary for each element size: the largest count that fits in 64
/// bytes is accepted (as a count), one more is not.
#[test]
fn count_boundaries() {
    for (size, fits) in [
        (1usize, 64u32),
        (4, 16),
        (8, 8),
        (16, 4),
        (32, 2),
        (64, 1),
        (65, 0),
    ] {
        let ok = boxed_header(fits, 64);
        assert_eq!(Reader::new(&ok).read_vector_len(size).unwrap(), fits);
        let bad = boxed_header(fits + 1, 64);
        assert_eq!(
            err_of(Reader::new(&bad).read_vector_len(size)),
            (
                ErrorKind::ImpossibleCount {
                    count: fits + 1,
                    remaining: 64
                },
                4
            ),
            "size {size}"
        );
    }
    // int256: 2 × 32 with 64 left is a whole vector.
    let input = boxed_header(2, 64);
    let v = Reader::new(&input).read_vector::<&[u8; 32]>().unwrap();
    assert_eq!(v.len(), 2);
}

/// A count that passes the check with variable-size elements still fails on
/// the first element that does not fit, not later.
#[test]
fn string_vector_count_passes_then_element_fails() {
    // 2 strings claimed, 8 bytes: the count check (2 × 4 ≤ 8) passes; the
    // first "string" has length 200.
    let mut b = boxed_header(2, 0);
    b.extend([200, 0, 0, 0, 0, 0, 0, 0]);
    assert_eq!(
        err_of(Reader::new(&b).read_vector::<TlStr>()),
        (
            ErrorKind::UnexpectedEnd {
                what: Item::StringData,
                needed: 200,
                available: 7
            },
            8
        )
    );
    // Two empty strings in 8 bytes: fine.
    let mut b = boxed_header(2, 0);
    b.extend([0u8; 8]);
    let v = Reader::new(&b).read_vector::<&[u8]>().unwrap();
    assert_eq!(v.iter().collect::<Vec<_>>(), [&[][..], &[][..]]);
    // A bad Bool in a Vector<Bool>: the element's error at its offset.
    let mut b = boxed_header(2, 0);
    b.extend([0xb5, 0x75, 0x72, 0x99, 0x01, 0x02, 0x03, 0x04]);
    assert_eq!(
        err_of(Reader::new(&b).read_vector::<bool>()),
        (ErrorKind::InvalidBool { id: 0x0403_0201 }, 12)
    );
    // Non-canonical string inside a vector.
    let mut b = boxed_header(1, 0);
    b.extend([254, 1, 0, 0, b'z', 0, 0, 0]);
    assert_eq!(
        err_of(Reader::new(&b).read_vector::<TlStr>()),
        (ErrorKind::NonCanonicalLength { len: 1 }, 8)
    );
}

// ---------------------------------------------------------------- ids

#[test]
fn bool_with_wrong_id() {
    for (bytes, id) in [
        ([0u8; 4], 0u32),
        ([0xb5, 0x75, 0x72, 0x98], 0x9872_75b5),
        ([0x99, 0x72, 0x75, 0xb5], 0xb575_7299), // boolTrue byte-swapped
        ([0x15, 0xc4, 0xb5, 0x1c], 0x1cb5_c415),
    ] {
        assert_eq!(
            err_of(Reader::new(&bytes).read_bool()),
            (ErrorKind::InvalidBool { id }, 0)
        );
    }
    let mut r = Reader::with_base(&[0x37, 0x97, 0x79, 0xbc, 1, 2, 3, 4], 12);
    assert!(!r.read_bool().unwrap());
    assert_eq!(
        err_of(r.read_bool()),
        (ErrorKind::InvalidBool { id: 0x0403_0201 }, 16)
    );
}

#[test]
fn wrong_vector_id() {
    let mut b = vec![0x16, 0xc4, 0xb5, 0x1c, 0, 0, 0, 0];
    let want = (
        ErrorKind::UnexpectedConstructor {
            expected: 0x1cb5_c415,
            found: 0x1cb5_c416,
        },
        0,
    );
    assert_eq!(err_of(Reader::new(&b).read_vector::<i32>()), want);
    assert_eq!(err_of(Reader::new(&b).read_vector::<TlStr>()), want);
    assert_eq!(err_of(Reader::new(&b).read_vector_len(4)), want);
    // boolTrue where a vector is expected, after an int.
    b = vec![7, 0, 0, 0, 0xb5, 0x75, 0x72, 0x99];
    let mut r = Reader::new(&b);
    r.read_int().unwrap();
    assert_eq!(
        err_of(r.read_vector::<i64>()),
        (
            ErrorKind::UnexpectedConstructor {
                expected: 0x1cb5_c415,
                found: 0x9972_75b5
            },
            4
        )
    );
}

// ---------------------------------------------------------------- finish

#[test]
fn trailing_bytes() {
    let b = [1, 0, 0, 0, 9, 9, 9];
    let mut r = Reader::new(&b);
    r.read_int().unwrap();
    assert_eq!(
        err_of(r.finish()),
        (ErrorKind::TrailingBytes { count: 3 }, 4)
    );
    // Nothing read at all.
    assert_eq!(
        err_of(Reader::new(&b).finish()),
        (ErrorKind::TrailingBytes { count: 7 }, 0)
    );
    // With a base.
    let mut r = Reader::with_base(&b, 1_000);
    r.read_int().unwrap();
    assert_eq!(
        err_of(r.finish()),
        (ErrorKind::TrailingBytes { count: 3 }, 1_004)
    );
    // A string followed by padding-looking zeros: the zeros are trailing.
    let mut r = Reader::new(&[3, b'a', b'b', b'c', 0, 0, 0, 0]);
    r.read_string().unwrap();
    assert_eq!(
        err_of(r.finish()),
        (ErrorKind::TrailingBytes { count: 4 }, 4)
    );
    Reader::new(&[]).finish().unwrap();
}

// ---------------------------------------------------------------- with_base

#[test]
fn with_base_offsets() {
    let base = 0x1_0000;
    let b = [1u8, 2, 3];
    let r = Reader::with_base(&b, base);
    assert_eq!((r.offset(), r.remaining()), (base, 3));
    assert_eq!(
        err_of(Reader::with_base(&b, base).read_int()),
        (
            ErrorKind::UnexpectedEnd {
                what: Item::Int,
                needed: 4,
                available: 3
            },
            base
        )
    );
    // Count check at the count's offset.
    let v = boxed_header(0x4000_0000, 8);
    assert_eq!(
        err_of(Reader::with_base(&v, base).read_vector::<i32>()),
        (
            ErrorKind::ImpossibleCount {
                count: 0x4000_0000,
                remaining: 8
            },
            base + 4
        )
    );
    // Vector views remember where their elements start.
    let v = boxed_header(2, 8);
    let view = Reader::with_base(&v, base).read_vector::<i32>().unwrap();
    assert_eq!(view.offset(), base + 8);
    // The string prefix error and the padding error.
    assert_eq!(
        err_of(Reader::with_base(&[255], base).read_string()),
        (ErrorKind::InvalidLengthPrefix, base)
    );
    assert_eq!(
        err_of(Reader::with_base(&[2, 1, 2, 9], base).read_string()),
        (ErrorKind::NonZeroPadding { byte: 9 }, base + 3)
    );
    // A base near usize::MAX saturates rather than overflowing.
    let r = Reader::with_base(&b, usize::MAX);
    let _ = r.offset();
    let e = Reader::with_base(&b, usize::MAX).read_int().unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::UnexpectedEnd { .. }));
}
