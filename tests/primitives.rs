//! Golden bytes for every TL primitive, read and written.
//!
//! Every expected byte string here was worked out by hand from the wire rules
//! (little-endian; one-byte length below 254, else 254 and three length bytes;
//! zero padding to a multiple of 4), not computed by the code under test.

use tlview::reader::{BOOL_FALSE, BOOL_TRUE, VECTOR};
use tlview::writer::MAX_STRING_LEN;
use tlview::{
    Error, ErrorKind, Flags, Item, LeF64, LeI32, LeI64, Reader, Sink, SizeCounter, SliceSink,
    TlStr, Vector, Writer,
};

/// Encodes with `f` twice: into a [`SizeCounter`] and into a [`SliceSink`] of
/// exactly that many bytes, prefilled with 0xAA so that padding must really be
/// written as zeros. Returns the bytes.
fn encode(f: impl Fn(&mut Writer<&mut dyn Sink>) -> tlview::Result<()>) -> Vec<u8> {
    let mut counter = SizeCounter::new();
    let mut w = Writer::new(&mut counter as &mut dyn Sink);
    f(&mut w).unwrap();
    let n = w.finish();
    let mut buf = vec![0xAA_u8; n];
    let mut sink = SliceSink::new(&mut buf);
    let mut w = Writer::new(&mut sink as &mut dyn Sink);
    f(&mut w).unwrap();
    assert_eq!(w.finish(), n, "SizeCounter disagrees with SliceSink");
    assert_eq!(sink.filled().len(), n);
    buf
}

// ---------------------------------------------------------------- int, long

const INTS: &[(i32, [u8; 4])] = &[
    (0, [0x00, 0x00, 0x00, 0x00]),
    (1, [0x01, 0x00, 0x00, 0x00]),
    (42, [0x2a, 0x00, 0x00, 0x00]),
    (-1, [0xff, 0xff, 0xff, 0xff]),
    (-2, [0xfe, 0xff, 0xff, 0xff]),
    (0x1234_5678, [0x78, 0x56, 0x34, 0x12]),
    (-123_456_789, [0xeb, 0x32, 0xa4, 0xf8]),
    (i32::MAX, [0xff, 0xff, 0xff, 0x7f]),
    (i32::MIN, [0x00, 0x00, 0x00, 0x80]),
];

#[test]
fn int_golden() {
    for &(v, bytes) in INTS {
        assert_eq!(encode(|w| w.write_int(v)), bytes, "write_int({v})");
        let mut r = Reader::new(&bytes);
        assert_eq!(r.read_int().unwrap(), v);
        assert_eq!((r.remaining(), r.offset()), (0, 4));
        r.finish().unwrap();
    }
}

const LONGS: &[(i64, [u8; 8])] = &[
    (0, [0, 0, 0, 0, 0, 0, 0, 0]),
    (1, [1, 0, 0, 0, 0, 0, 0, 0]),
    (-1, [0xff; 8]),
    (-2, [0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
    (
        0x0123_4567_89ab_cdef,
        [0xef, 0xcd, 0xab, 0x89, 0x67, 0x45, 0x23, 0x01],
    ),
    (
        0x1_0000_0000,
        [0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00],
    ),
    (i64::MAX, [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]),
    (i64::MIN, [0, 0, 0, 0, 0, 0, 0, 0x80]),
    (i64::MIN + 1, [1, 0, 0, 0, 0, 0, 0, 0x80]),
];

#[test]
fn long_golden() {
    for &(v, bytes) in LONGS {
        assert_eq!(encode(|w| w.write_long(v)), bytes, "write_long({v})");
        let mut r = Reader::new(&bytes);
        assert_eq!(r.read_long().unwrap(), v);
        assert_eq!(r.offset(), 8);
        r.finish().unwrap();
    }
}

// ---------------------------------------------------------------- double

/// (bits, wire bytes). The bits are the IEEE 754 patterns, written out.
const DOUBLES: &[(u64, [u8; 8])] = &[
    // +0.0
    (0x0000_0000_0000_0000, [0, 0, 0, 0, 0, 0, 0, 0]),
    // -0.0
    (0x8000_0000_0000_0000, [0, 0, 0, 0, 0, 0, 0, 0x80]),
    // 1.0
    (0x3ff0_0000_0000_0000, [0, 0, 0, 0, 0, 0, 0xf0, 0x3f]),
    // 1.5
    (0x3ff8_0000_0000_0000, [0, 0, 0, 0, 0, 0, 0xf8, 0x3f]),
    // -2.0
    (0xc000_0000_0000_0000, [0, 0, 0, 0, 0, 0, 0, 0xc0]),
    // 0.1
    (
        0x3fb9_9999_9999_999a,
        [0x9a, 0x99, 0x99, 0x99, 0x99, 0x99, 0xb9, 0x3f],
    ),
    // +inf
    (0x7ff0_0000_0000_0000, [0, 0, 0, 0, 0, 0, 0xf0, 0x7f]),
    // -inf
    (0xfff0_0000_0000_0000, [0, 0, 0, 0, 0, 0, 0xf0, 0xff]),
    // f64::MAX
    (
        0x7fef_ffff_ffff_ffff,
        [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xef, 0x7f],
    ),
    // smallest subnormal
    (0x0000_0000_0000_0001, [1, 0, 0, 0, 0, 0, 0, 0]),
    // quiet NaN, payload 1
    (0x7ff8_0000_0000_0001, [1, 0, 0, 0, 0, 0, 0xf8, 0x7f]),
    // signalling NaN, payload 1
    (0x7ff0_0000_0000_0001, [1, 0, 0, 0, 0, 0, 0xf0, 0x7f]),
    // negative quiet NaN with a payload
    (
        0xfff8_dead_beef_0000,
        [0x00, 0x00, 0xef, 0xbe, 0xad, 0xde, 0xf8, 0xff],
    ),
];

#[test]
fn double_golden_bit_exact() {
    for &(bits, bytes) in DOUBLES {
        let v = f64::from_bits(bits);
        assert_eq!(
            encode(|w| w.write_double(v)),
            bytes,
            "write_double({bits:#x})"
        );
        let mut r = Reader::new(&bytes);
        assert_eq!(r.read_double().unwrap().to_bits(), bits);
        r.finish().unwrap();
    }
    // The values the bit patterns stand for.
    assert_eq!(Reader::new(&DOUBLES[3].1).read_double().unwrap(), 1.5);
    assert_eq!(Reader::new(&DOUBLES[5].1).read_double().unwrap(), 0.1);
    assert_eq!(
        Reader::new(&DOUBLES[7].1).read_double().unwrap(),
        f64::NEG_INFINITY
    );
    let neg_zero = Reader::new(&DOUBLES[1].1).read_double().unwrap();
    assert!(neg_zero == 0.0 && neg_zero.is_sign_negative());
}

// ---------------------------------------------------------------- int128, int256

#[test]
fn int128_int256_golden_and_borrowed() {
    let mut b128 = [0u8; 16];
    for (i, b) in b128.iter_mut().enumerate() {
        *b = 0xf0 - i as u8;
    }
    assert_eq!(encode(|w| w.write_int128(&b128)), b128);
    let mut r = Reader::new(&b128);
    let got = r.read_int128().unwrap();
    assert_eq!(got, &b128);
    assert!(core::ptr::eq(got, &b128), "int128 is borrowed, not copied");
    r.finish().unwrap();

    let mut b256 = [0u8; 32];
    for (i, b) in b256.iter_mut().enumerate() {
        *b = (i as u8).wrapping_mul(37).wrapping_add(1);
    }
    assert_eq!(encode(|w| w.write_int256(&b256)), b256);
    let mut r = Reader::new(&b256);
    let got = r.read_int256().unwrap();
    assert!(core::ptr::eq(got, &b256));
    r.finish().unwrap();

    // Wire order is kept: no byte swapping.
    let mut r = Reader::new(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
    assert_eq!(
        r.read_int128().unwrap(),
        &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]
    );
}

// ---------------------------------------------------------------- Bool, ids, flags

#[test]
fn bool_golden() {
    assert_eq!(BOOL_TRUE, 0x9972_75b5);
    assert_eq!(BOOL_FALSE, 0xbc79_9737);
    assert_eq!(encode(|w| w.write_bool(true)), [0xb5, 0x75, 0x72, 0x99]);
    assert_eq!(encode(|w| w.write_bool(false)), [0x37, 0x97, 0x79, 0xbc]);
    let mut r = Reader::new(&[0xb5, 0x75, 0x72, 0x99, 0x37, 0x97, 0x79, 0xbc]);
    assert!(r.read_bool().unwrap());
    assert!(!r.read_bool().unwrap());
    r.finish().unwrap();
}

#[test]
fn ids_golden() {
    assert_eq!(VECTOR, 0x1cb5_c415);
    assert_eq!(encode(|w| w.write_id(VECTOR)), [0x15, 0xc4, 0xb5, 0x1c]);
    assert_eq!(
        encode(|w| w.write_id(0xdead_beef)),
        [0xef, 0xbe, 0xad, 0xde]
    );

    let bytes = [0xef, 0xbe, 0xad, 0xde, 0x15, 0xc4, 0xb5, 0x1c];
    let mut r = Reader::new(&bytes);
    assert_eq!(r.peek_id().unwrap(), 0xdead_beef);
    assert_eq!(r.offset(), 0, "peek_id does not consume");
    assert_eq!(r.read_id().unwrap(), 0xdead_beef);
    r.expect_id(VECTOR).unwrap();
    r.finish().unwrap();

    let mut r = Reader::new(&bytes);
    assert_eq!(r.expect_one_of(&[1, 0xdead_beef, 2]).unwrap(), 0xdead_beef);
    let e = r.expect_one_of(&[1, 2]).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::UnknownConstructor { id: VECTOR });
    assert_eq!(e.offset(), 4);

    let mut r = Reader::new(&bytes);
    let e = r.expect_id(VECTOR).unwrap_err();
    assert_eq!(
        e.kind(),
        ErrorKind::UnexpectedConstructor {
            expected: VECTOR,
            found: 0xdead_beef
        }
    );
    assert_eq!(e.offset(), 0);
}

#[test]
fn flags_golden() {
    let f = Flags::new().with(0, true).with(1, false).with(31, true);
    assert_eq!(f.bits(), 0x8000_0001);
    assert_eq!(encode(|w| w.write_flags(f)), [0x01, 0x00, 0x00, 0x80]);
    assert!(f.has(0) && f.has(31));
    assert!(!f.has(1) && !f.has(30));
    // Bits beyond 31 are never set and never reported.
    assert!(!f.has(32) && !f.has(255));
    assert_eq!(f.with(32, true), f);
    assert_eq!(f.set(40), f);
    assert_eq!(Flags::new().set(5).bits(), 0x20);
    assert_eq!(Flags::default(), Flags::new());
    assert_eq!(Flags::new().bits(), 0);

    let g = Flags::new().with(1, true).with(2, false).with(11, true);
    assert_eq!(g.bits(), 0b1000_0000_0010);
    assert_eq!(encode(|w| w.write_flags(g)), [0x02, 0x08, 0x00, 0x00]);

    let mut r = Reader::new(&[0x02, 0x08, 0x00, 0x00]);
    let read = r.read_flags().unwrap();
    assert_eq!(read, g);
    assert!(read.has(1) && read.has(11) && !read.has(2));
    r.finish().unwrap();

    let all = Reader::new(&[0xff; 4]).read_flags().unwrap();
    assert!((0..32).all(|b| all.has(b)));
    assert_eq!(all, Flags(u32::MAX));
}

// ---------------------------------------------------------------- strings

/// (length, prefix bytes, padding length, total size), by hand.
const STRING_CLASSES: &[(usize, &[u8], usize, usize)] = &[
    (0, &[0], 3, 4),
    (1, &[1], 2, 4),
    (2, &[2], 1, 4),
    (3, &[3], 0, 4),
    (4, &[4], 3, 8),
    (5, &[5], 2, 8),
    (253, &[253], 2, 256),
    (254, &[254, 254, 0, 0], 2, 260),
    (255, &[254, 255, 0, 0], 1, 260),
    (256, &[254, 0, 1, 0], 0, 260),
    (257, &[254, 1, 1, 0], 3, 264),
    (300, &[254, 0x2c, 0x01, 0], 0, 304),
    (65_535, &[254, 0xff, 0xff, 0], 1, 65_540),
    (65_536, &[254, 0, 0, 1], 0, 65_540),
    (16_777_215, &[254, 0xff, 0xff, 0xff], 1, 16_777_220),
];

fn data(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i % 251) as u8 + 1).collect()
}

#[test]
fn string_length_classes() {
    for &(len, prefix, pad, total) in STRING_CLASSES {
        let d = data(len);
        let bytes = encode(|w| w.write_string(&d));
        assert_eq!(bytes.len(), total, "total size for len {len}");
        assert_eq!(prefix.len() + len + pad, total);
        assert_eq!(&bytes[..prefix.len()], prefix, "prefix for len {len}");
        assert!(
            bytes[prefix.len()..prefix.len() + len] == d[..],
            "data for len {len}"
        );
        assert_eq!(
            &bytes[prefix.len() + len..],
            &[0u8; 3][..pad],
            "padding for len {len}"
        );
        // `bytes` is encoded exactly as `string`.
        assert!(encode(|w| w.write_bytes(&d)) == bytes);

        // Read back, as string and as bytes, followed by a marker int.
        let mut input = bytes.clone();
        input.extend_from_slice(&[0x78, 0x56, 0x34, 0x12]);
        let mut r = Reader::new(&input);
        let s = r.read_string().unwrap();
        assert_eq!(s.len(), len);
        assert!(s.as_bytes() == &d[..]);
        assert!(
            core::ptr::eq(s.as_bytes().as_ptr(), input[prefix.len()..].as_ptr()),
            "string is borrowed in place"
        );
        assert_eq!(r.offset(), total);
        assert_eq!(r.read_int().unwrap(), 0x1234_5678);
        r.finish().unwrap();

        let mut r = Reader::new(&bytes);
        assert!(r.read_bytes().unwrap() == &d[..]);
        r.finish().unwrap();
    }
}

#[test]
fn short_strings_exact_bytes() {
    assert_eq!(encode(|w| w.write_string(b"")), [0, 0, 0, 0]);
    assert_eq!(encode(|w| w.write_string(b"a")), [1, b'a', 0, 0]);
    assert_eq!(encode(|w| w.write_string(b"ab")), [2, b'a', b'b', 0]);
    assert_eq!(encode(|w| w.write_string(b"abc")), [3, b'a', b'b', b'c']);
    assert_eq!(
        encode(|w| w.write_string(b"abcd")),
        [4, b'a', b'b', b'c', b'd', 0, 0, 0]
    );
    assert_eq!(
        encode(|w| w.write_string("héllo".as_bytes())),
        [6, b'h', 0xc3, 0xa9, b'l', b'l', b'o', 0]
    );
    let mut r = Reader::new(&[6, b'h', 0xc3, 0xa9, b'l', b'l', b'o', 0]);
    assert_eq!(r.read_string().unwrap().to_str(), Ok("héllo"));
    r.finish().unwrap();
    // The empty string: one length byte and three zeros.
    let mut r = Reader::new(&[0, 0, 0, 0]);
    assert!(r.read_string().unwrap().is_empty());
    r.finish().unwrap();
}

#[test]
fn max_string_len_constant() {
    assert_eq!(MAX_STRING_LEN, 16_777_215);
}

// ---------------------------------------------------------------- vectors

fn boxed(count: u32, elems: &[u8]) -> Vec<u8> {
    let mut v = vec![0x15, 0xc4, 0xb5, 0x1c];
    v.extend_from_slice(&count.to_le_bytes());
    v.extend_from_slice(elems);
    v
}

fn bare(count: u32, elems: &[u8]) -> Vec<u8> {
    let mut v = count.to_le_bytes().to_vec();
    v.extend_from_slice(elems);
    v
}

const INT_ELEMS: [u8; 12] = [
    0x01, 0x00, 0x00, 0x00, // 1
    0xff, 0xff, 0xff, 0xff, // -1
    0x00, 0x00, 0x00, 0x80, // i32::MIN
];

#[test]
fn int_vector_boxed() {
    let bytes = boxed(3, &INT_ELEMS);
    assert_eq!(
        bytes,
        [0x15, 0xc4, 0xb5, 0x1c, 3, 0, 0, 0, 1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0x80]
    );
    assert_eq!(encode(|w| w.write_int_vector(&[1, -1, i32::MIN])), bytes);

    let mut r = Reader::new(&bytes);
    let v = r.read_vector::<i32>().unwrap();
    r.finish().unwrap();
    assert_eq!(v.len(), 3);
    assert!(!v.is_empty());
    assert_eq!(v.get(0), Some(1));
    assert_eq!(v.get(1), Some(-1));
    assert_eq!(v.get(2), Some(i32::MIN));
    assert_eq!(v.get(3), None);
    assert_eq!(v.get(usize::MAX), None);
    assert_eq!(v.first(), Some(1));
    assert_eq!(v.last(), Some(i32::MIN));
    assert_eq!(v.iter().collect::<Vec<_>>(), [1, -1, i32::MIN]);
    assert_eq!(v.iter().len(), 3);
    assert_eq!(
        v.into_iter().map(i64::from).sum::<i64>(),
        i64::from(i32::MIN)
    );
    let s: &[LeI32] = v.as_slice();
    assert_eq!(s.len(), 3);
    assert_eq!(s[0], LeI32([1, 0, 0, 0]));
    assert_eq!(
        s.iter().map(|x| x.get()).collect::<Vec<_>>(),
        [1, -1, i32::MIN]
    );
    assert_eq!(v.as_bytes(), &INT_ELEMS);
    assert!(core::ptr::eq(v.as_bytes().as_ptr(), bytes[8..].as_ptr()));
    assert_eq!(v.offset(), 8);
    assert_eq!(format!("{v:?}"), "[1, -1, -2147483648]");
    assert_eq!(format!("{:?}", s[1]), "-1");
}

#[test]
fn int_vector_bare() {
    let bytes = bare(3, &INT_ELEMS);
    let w_bytes = encode(|w| {
        w.write_bare_vector_len(3)?;
        [1, -1, i32::MIN].iter().try_for_each(|&x| w.write_int(x))
    });
    assert_eq!(w_bytes, bytes);

    let mut r = Reader::new(&bytes);
    let v = r.read_bare_vector::<i32>().unwrap();
    r.finish().unwrap();
    assert_eq!(v.len(), 3);
    assert_eq!(v.offset(), 4);
    assert_eq!(v.iter().collect::<Vec<_>>(), [1, -1, i32::MIN]);
    assert_eq!(v.as_slice()[2].get(), i32::MIN);
    assert_eq!((v.first(), v.last()), (Some(1), Some(i32::MIN)));
}

#[test]
fn empty_vectors() {
    let bytes = [0x15, 0xc4, 0xb5, 0x1c, 0, 0, 0, 0];
    assert_eq!(encode(|w| w.write_int_vector(&[])), bytes);
    assert_eq!(encode(|w| w.write_long_vector(&[])), bytes);
    assert_eq!(encode(|w| w.write_double_vector(&[])), bytes);
    assert_eq!(encode(|w| w.write_string_vector::<&[u8]>(&[])), bytes);
    let mut r = Reader::new(&bytes);
    let v = r.read_vector::<i64>().unwrap();
    r.finish().unwrap();
    assert!(v.is_empty());
    assert_eq!(v.len(), 0);
    assert_eq!((v.first(), v.last(), v.get(0)), (None, None, None));
    assert_eq!(v.iter().next(), None);
    assert!(v.as_slice().is_empty());

    let mut r = Reader::new(&[0, 0, 0, 0]);
    let v = r.read_bare_vector::<TlStr>().unwrap();
    r.finish().unwrap();
    assert!(v.is_empty());

    let e: Vector<'_, bool> = Vector::empty();
    assert_eq!((e.len(), e.first()), (0, None));
}

#[test]
fn long_vector() {
    let elems = [
        0xef, 0xcd, 0xab, 0x89, 0x67, 0x45, 0x23, 0x01, // 0x0123456789abcdef
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, // -1
    ];
    let bytes = boxed(2, &elems);
    assert_eq!(
        encode(|w| w.write_long_vector(&[0x0123_4567_89ab_cdef, -1])),
        bytes
    );
    for (input, v) in [
        (
            &bytes[..],
            Reader::new(&bytes).read_vector::<i64>().unwrap(),
        ),
        (
            &bytes[4..],
            Reader::new(&bytes[4..]).read_bare_vector::<i64>().unwrap(),
        ),
    ] {
        assert_eq!(v.len(), 2);
        assert_eq!(v.get(0), Some(0x0123_4567_89ab_cdef));
        assert_eq!(v.get(1), Some(-1));
        assert_eq!(v.get(2), None);
        assert_eq!(
            (v.first(), v.last()),
            (Some(0x0123_4567_89ab_cdef), Some(-1))
        );
        assert_eq!(v.iter().collect::<Vec<_>>(), [0x0123_4567_89ab_cdef, -1]);
        let s: &[LeI64] = v.as_slice();
        assert_eq!(s.len(), 2);
        assert_eq!(s[1], LeI64([0xff; 8]));
        assert_eq!(s[0].get(), 0x0123_4567_89ab_cdef);
        assert_eq!(v.as_bytes(), &elems);
        assert_eq!(v.offset(), input.len() - 16);
    }
}

#[test]
fn double_vector_bit_exact() {
    let elems = [
        0, 0, 0, 0, 0, 0, 0xf8, 0x3f, // 1.5
        0, 0, 0, 0, 0, 0, 0, 0x80, // -0.0
        1, 0, 0, 0, 0, 0, 0xf0, 0x7f, // signalling NaN, payload 1
    ];
    let bytes = boxed(3, &elems);
    let vals = [1.5, -0.0, f64::from_bits(0x7ff0_0000_0000_0001)];
    assert_eq!(encode(|w| w.write_double_vector(&vals)), bytes);
    let v = Reader::new(&bytes).read_vector::<f64>().unwrap();
    let bits: Vec<u64> = v.iter().map(f64::to_bits).collect();
    assert_eq!(
        bits,
        [
            0x3ff8_0000_0000_0000,
            0x8000_0000_0000_0000,
            0x7ff0_0000_0000_0001
        ]
    );
    assert_eq!(v.get(2).unwrap().to_bits(), 0x7ff0_0000_0000_0001);
    assert_eq!(v.first(), Some(1.5));
    assert_eq!(v.last().unwrap().to_bits(), 0x7ff0_0000_0000_0001);
    let s: &[LeF64] = v.as_slice();
    assert_eq!(s.len(), 3);
    assert_eq!(s[1], LeF64([0, 0, 0, 0, 0, 0, 0, 0x80]));
    assert_eq!(s[1].get().to_bits(), 0x8000_0000_0000_0000);
    assert_eq!(format!("{:?}", s[0]), "1.5");

    let v = Reader::new(&bytes[4..]).read_bare_vector::<f64>().unwrap();
    assert_eq!(v.len(), 3);
    assert_eq!(v.get(0), Some(1.5));
}

#[test]
fn int128_int256_vectors() {
    let a: [u8; 16] = core::array::from_fn(|i| i as u8);
    let b: [u8; 16] = core::array::from_fn(|i| 0xff - i as u8);
    let mut elems = a.to_vec();
    elems.extend_from_slice(&b);
    let bytes = encode(|w| {
        w.write_vector_len(2)?;
        w.write_int128(&a)?;
        w.write_int128(&b)
    });
    assert_eq!(bytes, boxed(2, &elems));
    let v = Reader::new(&bytes).read_vector::<&[u8; 16]>().unwrap();
    assert_eq!(v.len(), 2);
    assert_eq!(v.get(0), Some(&a));
    assert_eq!(v.get(1), Some(&b));
    assert_eq!(v.get(2), None);
    assert_eq!((v.first(), v.last()), (Some(&a), Some(&b)));
    assert_eq!(v.iter().collect::<Vec<_>>(), [&a, &b]);
    assert_eq!(v.as_slice(), &[a, b]);
    assert!(core::ptr::eq(
        v.get(1).unwrap().as_ptr(),
        bytes[24..40].as_ptr()
    ));
    let v = Reader::new(&bytes[4..])
        .read_bare_vector::<&[u8; 16]>()
        .unwrap();
    assert_eq!(v.as_slice(), &[a, b]);

    let c: [u8; 32] = core::array::from_fn(|i| (i as u8) * 3 + 1);
    let d: [u8; 32] = [0x5a; 32];
    let e: [u8; 32] = [0; 32];
    let mut elems = c.to_vec();
    elems.extend_from_slice(&d);
    elems.extend_from_slice(&e);
    let bytes = boxed(3, &elems);
    let v = Reader::new(&bytes).read_vector::<&[u8; 32]>().unwrap();
    assert_eq!(v.len(), 3);
    assert_eq!(v.get(1), Some(&d));
    assert_eq!((v.first(), v.last()), (Some(&c), Some(&e)));
    assert_eq!(v.iter().collect::<Vec<_>>(), [&c, &d, &e]);
    assert_eq!(v.as_slice(), &[c, d, e]);
    assert_eq!(v.offset(), 8);
    let v = Reader::new(&bytes[4..])
        .read_bare_vector::<&[u8; 32]>()
        .unwrap();
    assert_eq!(v.as_slice()[2], e);
    assert_eq!(v.offset(), 4);
}

#[test]
fn string_and_bytes_vectors() {
    let long = data(300);
    let items: [&[u8]; 4] = [b"", b"a", b"abcd", &long];
    let mut expected = vec![
        0x15, 0xc4, 0xb5, 0x1c, 4, 0, 0, 0, // header
        0, 0, 0, 0, // ""
        1, b'a', 0, 0, // "a"
        4, b'a', b'b', b'c', b'd', 0, 0, 0, // "abcd"
        254, 0x2c, 0x01, 0x00, // 300
    ];
    expected.extend_from_slice(&long);
    assert_eq!(expected.len(), 8 + 4 + 4 + 8 + 4 + 300);
    assert_eq!(encode(|w| w.write_string_vector(&items)), expected);

    let mut r = Reader::new(&expected);
    let v = r.read_vector::<TlStr>().unwrap();
    r.finish().unwrap();
    assert_eq!(v.len(), 4);
    assert_eq!(v.get(0), Some(TlStr::new(b"")));
    assert_eq!(v.get(2).unwrap().to_str(), Ok("abcd"));
    assert_eq!(v.get(4), None);
    assert_eq!(v.first(), Some(TlStr::from("")));
    assert!(v.last().unwrap().as_bytes() == &long[..]);
    let got: Vec<&[u8]> = v.iter().map(|s| s.as_bytes()).collect();
    assert!(got == items);
    assert_eq!(v.offset(), 8);
    assert_eq!(v.as_bytes().len(), expected.len() - 8);

    let v = Reader::new(&expected).read_vector::<&[u8]>().unwrap();
    assert_eq!(v.len(), 4);
    assert_eq!(v.get(1), Some(&b"a"[..]));
    assert!(v.iter().eq(items.iter().copied()));

    let v = Reader::new(&expected[4..])
        .read_bare_vector::<&[u8]>()
        .unwrap();
    assert_eq!(v.get(2), Some(&b"abcd"[..]));
    assert_eq!(v.offset(), 4);
}

#[test]
fn bool_vector() {
    let bytes = [
        0x15, 0xc4, 0xb5, 0x1c, 3, 0, 0, 0, // header
        0xb5, 0x75, 0x72, 0x99, // true
        0x37, 0x97, 0x79, 0xbc, // false
        0xb5, 0x75, 0x72, 0x99, // true
    ];
    let written = encode(|w| {
        w.write_vector_len(3)?;
        w.write_bool(true)?;
        w.write_bool(false)?;
        w.write_bool(true)
    });
    assert_eq!(written, bytes);
    let v = Reader::new(&bytes).read_vector::<bool>().unwrap();
    assert_eq!(v.len(), 3);
    assert_eq!(v.iter().collect::<Vec<_>>(), [true, false, true]);
    assert_eq!((v.get(1), v.get(3)), (Some(false), None));
    assert_eq!((v.first(), v.last()), (Some(true), Some(true)));
    let v = Reader::new(&bytes[4..]).read_bare_vector::<bool>().unwrap();
    assert_eq!(v.iter().collect::<Vec<_>>(), [true, false, true]);
}

#[test]
fn vector_count_bounds_are_exact() {
    // 2 ints in 8 bytes fit exactly; 3 do not.
    let ok = bare(2, &[0; 8]);
    assert_eq!(Reader::new(&ok).read_bare_vector::<i32>().unwrap().len(), 2);
    let bad = bare(3, &[0; 8]);
    let e = Reader::new(&bad).read_bare_vector::<i32>().unwrap_err();
    assert_eq!(
        e.kind(),
        ErrorKind::ImpossibleCount {
            count: 3,
            remaining: 8
        }
    );
    assert_eq!(e.offset(), 0);
    // min_elem_size 0 counts as 1.
    let mut r = Reader::new(&[8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    assert_eq!(r.read_bare_vector_len(0).unwrap(), 8);
    let e = Reader::new(&[9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
        .read_bare_vector_len(0)
        .unwrap_err();
    assert_eq!(
        e.kind(),
        ErrorKind::ImpossibleCount {
            count: 9,
            remaining: 8
        }
    );
    // The header alone.
    let mut r = Reader::new(&[0x15, 0xc4, 0xb5, 0x1c, 2, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8]);
    assert_eq!(r.read_vector_len(4).unwrap(), 2);
    assert_eq!(r.offset(), 8);
}

// ---------------------------------------------------------------- sinks

#[test]
fn slice_sink_full() {
    let mut buf = [0xAA_u8; 8];
    let mut w = Writer::new(SliceSink::new(&mut buf));
    w.write_int(1).unwrap();
    w.write_int(2).unwrap();
    let e = w.write_int(3).unwrap_err();
    assert_eq!(
        e.kind(),
        ErrorKind::SinkFull {
            needed: 12,
            capacity: 8
        }
    );
    assert_eq!(e.offset(), 8);
    assert_eq!(w.written(), 8);
    assert_eq!(w.sink().filled(), &[1, 0, 0, 0, 2, 0, 0, 0]);
    assert_eq!(
        e.to_string(),
        "output buffer is full at byte 8: needs 12 bytes, room for 8"
    );
    let filled = w.into_sink().into_filled();
    assert_eq!(filled.len(), 8);

    // All or nothing: a long that does not fit leaves the buffer untouched.
    let mut buf = [0xAA_u8; 10];
    let mut w = Writer::new(SliceSink::new(&mut buf));
    w.write_int(-1).unwrap();
    let e = w.write_long(0).unwrap_err();
    assert_eq!(
        e.kind(),
        ErrorKind::SinkFull {
            needed: 12,
            capacity: 10
        }
    );
    assert_eq!(e.offset(), 4);
    assert_eq!(w.finish(), 4);
    assert_eq!(
        buf,
        [0xff, 0xff, 0xff, 0xff, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA]
    );

    // A zero-capacity sink.
    let mut w = Writer::new(SliceSink::new(&mut []));
    let e = w.write_bool(true).unwrap_err();
    assert_eq!(
        e.kind(),
        ErrorKind::SinkFull {
            needed: 4,
            capacity: 0
        }
    );
    assert_eq!(e.offset(), 0);

    // int128 / int256 / double into too little room.
    let mut buf = [0u8; 20];
    let mut w = Writer::new(SliceSink::new(&mut buf));
    w.write_int128(&[1; 16]).unwrap();
    let e = w.write_int256(&[2; 32]).unwrap_err();
    assert_eq!(
        (e.kind(), e.offset()),
        (
            ErrorKind::SinkFull {
                needed: 48,
                capacity: 20
            },
            16
        )
    );
    let e = w.write_double(1.0).unwrap_err();
    assert_eq!(
        (e.kind(), e.offset()),
        (
            ErrorKind::SinkFull {
                needed: 24,
                capacity: 20
            },
            16
        )
    );
    w.write_int(7).unwrap();
    assert_eq!(w.finish(), 20);
}

#[test]
fn slice_sink_full_inside_a_string() {
    // A string is written as prefix, data, padding: the put that does not
    // fit fails, and the error counts the bytes before that put.
    let mut buf = [0xAA_u8; 8];
    let mut w = Writer::new(SliceSink::new(&mut buf));
    let e = w.write_string(b"hello world").unwrap_err(); // 1 + 11 = 12
    assert_eq!(
        e.kind(),
        ErrorKind::SinkFull {
            needed: 12,
            capacity: 8
        }
    );
    assert_eq!(e.offset(), 1, "the prefix byte went in before the data");

    // Room for prefix and data but not the padding.
    let mut buf = [0xAA_u8; 11];
    let mut w = Writer::new(SliceSink::new(&mut buf));
    let e = w.write_string(b"0123456789").unwrap_err(); // 1 + 10 + 1 pad
    assert_eq!(
        (e.kind(), e.offset()),
        (
            ErrorKind::SinkFull {
                needed: 12,
                capacity: 11
            },
            11
        )
    );
    // Exact room: fine.
    let mut buf = [0xAA_u8; 12];
    let mut w = Writer::new(SliceSink::new(&mut buf));
    w.write_string(b"0123456789").unwrap();
    assert_eq!(w.finish(), 12);
    assert_eq!(buf[11], 0);
}

#[test]
fn heapless_sink() {
    let mut w = Writer::new(heapless::Vec::<u8, 16>::new());
    w.write_int(-2).unwrap();
    w.write_string(b"abcd").unwrap();
    w.write_bool(false).unwrap();
    assert_eq!(w.written(), 16);
    let e = w.write_int(0).unwrap_err();
    assert_eq!(
        e.kind(),
        ErrorKind::SinkFull {
            needed: 20,
            capacity: 16
        }
    );
    assert_eq!(e.offset(), 16);
    let v = w.into_sink();
    assert_eq!(
        v.as_slice(),
        &[0xfe, 0xff, 0xff, 0xff, 4, b'a', b'b', b'c', b'd', 0, 0, 0, 0x37, 0x97, 0x79, 0xbc]
    );

    // All or nothing for a partial fit.
    let mut w = Writer::new(heapless::Vec::<u8, 6>::new());
    w.write_int(1).unwrap();
    let e = w.write_int(2).unwrap_err();
    assert_eq!(
        (e.kind(), e.offset()),
        (
            ErrorKind::SinkFull {
                needed: 8,
                capacity: 6
            },
            4
        )
    );
    assert_eq!(w.sink().as_slice(), &[1, 0, 0, 0]);

    // Through `&mut`, so the caller keeps the Vec.
    let mut v = heapless::Vec::<u8, 8>::new();
    let mut w = Writer::new(&mut v);
    w.write_long(i64::MIN).unwrap();
    assert_eq!(w.finish(), 8);
    assert_eq!(v.as_slice(), &[0, 0, 0, 0, 0, 0, 0, 0x80]);
}

#[test]
fn size_counter_matches_written() {
    let long = data(70_000);
    let run = |w: &mut Writer<&mut dyn Sink>| -> tlview::Result<()> {
        w.write_int(1)?;
        w.write_long(2)?;
        w.write_double(3.0)?;
        w.write_int128(&[4; 16])?;
        w.write_int256(&[5; 32])?;
        w.write_bool(true)?;
        w.write_flags(Flags(6))?;
        w.write_id(7)?;
        w.write_string(b"xyz")?;
        w.write_bytes(&long)?;
        w.write_int_vector(&[1, 2, 3])?;
        w.write_string_vector(&["a", "bc"])?;
        w.write_raw(&[9, 9])
    };
    // 4+8+8+16+32+4+4+4 + 4 + (4+70000) + (8+12) + (8+4+4) + 2
    let expected = 80 + 4 + 70_004 + 20 + 16 + 2;
    let mut c = SizeCounter::new();
    let mut w = Writer::new(&mut c as &mut dyn Sink);
    run(&mut w).unwrap();
    assert_eq!(w.finish(), expected);
    assert_eq!(c.written(), expected);
    assert_eq!(encode(run).len(), expected);
    assert_eq!(SizeCounter::default().written(), 0);
}

#[test]
fn string_too_long_writes_nothing() {
    let big = vec![0u8; 16_777_216];
    // SliceSink: the length check comes before any put.
    let mut buf = [0xAA_u8; 16];
    let mut w = Writer::new(SliceSink::new(&mut buf));
    let e = w.write_string(&big).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::StringTooLong { len: 16_777_216 });
    assert_eq!(e.offset(), 0);
    assert_eq!(w.written(), 0);
    w.write_int(5).unwrap();
    let e = w.write_bytes(&big).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::StringTooLong { len: 16_777_216 });
    assert_eq!(e.offset(), 4);
    assert_eq!(w.finish(), 4);
    assert_eq!(&buf[4..], &[0xAA; 12]);

    // SizeCounter: nothing counted.
    let mut w = Writer::new(SizeCounter::new());
    let e = w.write_string(&big).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::StringTooLong { len: 16_777_216 });
    assert_eq!(w.finish(), 0);

    // heapless.
    let mut w = Writer::new(heapless::Vec::<u8, 4>::new());
    let e = w.write_string(&big).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::StringTooLong { len: 16_777_216 });
    assert!(w.into_sink().is_empty());

    assert_eq!(
        e.to_string(),
        "string of 16777216 bytes is too long for TL (the limit is 16777215) at byte 0"
    );
}

#[test]
fn vector_count_write() {
    assert_eq!(
        encode(|w| w.write_bare_vector_len(u32::MAX as usize)),
        [0xff; 4]
    );
    assert_eq!(
        encode(|w| w.write_vector_len(0x0102_0304)),
        [0x15, 0xc4, 0xb5, 0x1c, 0x04, 0x03, 0x02, 0x01]
    );
    #[cfg(target_pointer_width = "64")]
    {
        let mut buf = [0xAA_u8; 16];
        let mut w = Writer::new(SliceSink::new(&mut buf));
        w.write_int(0).unwrap();
        let e = w.write_bare_vector_len(u32::MAX as usize + 1).unwrap_err();
        assert_eq!((e.kind(), e.offset()), (ErrorKind::CountTooLarge, 4));
        assert_eq!(w.written(), 4);
        assert_eq!(
            e.to_string(),
            "vector has more than 4294967295 elements at byte 4"
        );
    }
}

#[test]
fn write_raw_and_mut_slice_sink() {
    let mut buf = [0u8; 8];
    let mut sink = SliceSink::new(&mut buf);
    {
        let mut w = Writer::new(&mut sink);
        w.write_raw(&[1, 2, 3]).unwrap();
        w.write_raw(&[]).unwrap();
    }
    let mut w = Writer::new(&mut sink);
    w.write_raw(&[4]).unwrap();
    assert_eq!(w.written(), 4);
    assert_eq!(sink.filled(), &[1, 2, 3, 4]);
}

// ---------------------------------------------------------------- reader basics

#[test]
fn reader_cursor() {
    let bytes = [1, 2, 3, 4, 5, 6, 7, 8, 9];
    let mut r = Reader::new(&bytes);
    assert_eq!((r.offset(), r.remaining(), r.is_empty()), (0, 9, false));
    assert_eq!(r.take(2, Item::Int).unwrap(), &[1, 2]);
    assert_eq!(r.take_array::<3>(Item::Int).unwrap(), &[3, 4, 5]);
    r.skip(1, Item::Padding).unwrap();
    assert_eq!(r.rest(), &[7, 8, 9]);
    assert_eq!((r.offset(), r.remaining()), (6, 3));
    let e = r.error(ErrorKind::InvalidLengthPrefix);
    assert_eq!((e.kind(), e.offset()), (ErrorKind::InvalidLengthPrefix, 6));
    let e = r.take(4, Item::BytesData).unwrap_err();
    assert_eq!(
        e.kind(),
        ErrorKind::UnexpectedEnd {
            what: Item::BytesData,
            needed: 4,
            available: 3
        }
    );
    assert_eq!(e.offset(), 6);
    assert_eq!(r.offset(), 6, "a failed take consumes nothing");
    let e = r.finish().unwrap_err();
    assert_eq!(
        (e.kind(), e.offset()),
        (ErrorKind::TrailingBytes { count: 3 }, 6)
    );
    r.skip(3, Item::Padding).unwrap();
    assert!(r.is_empty());
    r.finish().unwrap();
    // Taking zero bytes at the end is fine.
    assert_eq!(r.take(0, Item::Int).unwrap(), &[] as &[u8]);
}

#[test]
fn mixed_sequence() {
    let expected: &[u8] = &[
        0x2a, 0x00, 0x00, 0x00, // int 42
        0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, // long -2
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xf8, 0x3f, // double 1.5
        0xb5, 0x75, 0x72, 0x99, // boolTrue
        0x02, b'h', b'i', 0x00, // "hi"
        0x02, 0x00, 0x00, 0x00, // flags 1<<1
    ];
    let written = encode(|w| {
        w.write_int(42)?;
        w.write_long(-2)?;
        w.write_double(1.5)?;
        w.write_bool(true)?;
        w.write_string(b"hi")?;
        w.write_flags(Flags::new().with(1, true))
    });
    assert_eq!(written, expected);
    let mut r = Reader::new(expected);
    assert_eq!(r.read_int().unwrap(), 42);
    assert_eq!(r.read_long().unwrap(), -2);
    assert_eq!(r.read_double().unwrap(), 1.5);
    assert!(r.read_bool().unwrap());
    assert_eq!(r.read_string().unwrap().as_bytes(), b"hi");
    assert!(r.read_flags().unwrap().has(1));
    r.finish().unwrap();
}

// ---------------------------------------------------------------- errors

#[test]
fn error_display_sentences() {
    let e = Reader::new(&[255, 0, 0, 0]).read_string().unwrap_err();
    assert_eq!(
        e.to_string(),
        "string length prefix 255 is not valid TL at byte 0"
    );

    let e = Reader::new(&[254, 5, 0, 0, 1, 2, 3, 4, 5, 0, 0, 0])
        .read_string()
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "string length 5 uses the 4-byte form, which is only for lengths of 254 or more at byte 0"
    );

    let e = Reader::new(&[1, b'a', 0, 7]).read_string().unwrap_err();
    assert_eq!(
        e.to_string(),
        "string padding byte is 0x07, not zero at byte 3"
    );

    let e = Reader::new(&[0x78, 0x56, 0x34, 0x12])
        .read_bool()
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "expected a Bool (boolTrue#997275b5 or boolFalse#bc799737), found #12345678 at byte 0"
    );

    let mut b = vec![0x15, 0xc4, 0xb5, 0x1c, 0, 0, 0, 0x40];
    b.extend([0; 8]);
    let e = Reader::new(&b).read_vector::<i32>().unwrap_err();
    assert_eq!(
        e.to_string(),
        "vector count 1073741824 cannot fit in the 8 bytes left at byte 4"
    );

    let mut r = Reader::new(&[1, 0, 0, 0, 9]);
    r.read_int().unwrap();
    assert_eq!(
        r.finish().unwrap_err().to_string(),
        "1 trailing byte after a complete object at byte 4"
    );

    let e = Reader::new(&[1, 2, 3]).read_int().unwrap_err();
    assert_eq!(
        e.to_string(),
        "int runs past the end of input at byte 0: needs 4 bytes, 3 left"
    );
    let e = Reader::new(&[1, 2, 3, 4, 5, 6, 7]).read_long().unwrap_err();
    assert_eq!(
        e.to_string(),
        "long runs past the end of input at byte 0: needs 8 bytes, 7 left"
    );
    let e = Reader::new(&[1, b'a']).read_string().unwrap_err();
    assert_eq!(
        e.to_string(),
        "string padding runs past the end of input at byte 2: needs 2 bytes, 0 left"
    );

    assert_eq!(
        ErrorKind::UnknownConstructor { id: 0xdeadbeef }.to_string(),
        "unknown constructor id #deadbeef"
    );
    assert_eq!(
        ErrorKind::DepthLimit { limit: 64 }.to_string(),
        "objects nested deeper than the limit of 64"
    );
}

/// The example in the `error` module docs: a string whose one-byte length says
/// 200 bytes follow, with 3 present.
#[test]
fn truncated_string_data_kind_and_offset() {
    let e = Reader::new(&[200, b'a', b'b', b'c'])
        .read_string()
        .unwrap_err();
    assert_eq!(
        e.kind(),
        ErrorKind::UnexpectedEnd {
            what: Item::StringData,
            needed: 200,
            available: 3
        }
    );
    assert_eq!(e.offset(), 0);
    let e = Reader::new(&[200, b'a', b'b', b'c'])
        .read_bytes()
        .unwrap_err();
    assert_eq!(
        e.kind(),
        ErrorKind::UnexpectedEnd {
            what: Item::BytesData,
            needed: 200,
            available: 3
        }
    );
}

/// The sentence in the `error` module docs, and its `bytes` twin.
#[test]
fn truncated_string_data_display() {
    let e = Reader::new(&[200, b'a', b'b', b'c'])
        .read_string()
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "string length runs past the end of input at byte 0: needs 200 bytes, 3 left"
    );
    let e = Reader::new(&[200, b'a', b'b', b'c'])
        .read_bytes()
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "bytes length runs past the end of input at byte 0: needs 200 bytes, 3 left"
    );
}

#[test]
fn error_value_api() {
    let e = Error::new(ErrorKind::InvalidLengthPrefix, 5);
    assert_eq!((e.kind(), e.offset()), (ErrorKind::InvalidLengthPrefix, 5));
    let s = e.shifted(10);
    assert_eq!(s.offset(), 15);
    assert_eq!(s.kind(), e.kind());
    assert_eq!(e.shifted(usize::MAX).offset(), usize::MAX);
    let as_dyn: &dyn core::error::Error = &e;
    assert_eq!(
        as_dyn.to_string(),
        "string length prefix 255 is not valid TL at byte 5"
    );
}

// ---------------------------------------------------------------- TlStr

#[test]
fn tlstr_utf8() {
    let s = TlStr::new("café".as_bytes());
    assert_eq!(s.to_str(), Ok("café"));
    assert_eq!(s.len(), 5);
    assert!(!s.is_empty());
    assert_eq!(s.to_string(), "café");
    assert_eq!(format!("{s:?}"), "\"café\"");
    assert_eq!(TlStr::from("café"), s);
    assert!(TlStr::default().is_empty());
    assert_eq!(TlStr::default().as_bytes(), b"");

    let bad = TlStr::new(b"a\xffb");
    let err = bad.to_str().unwrap_err();
    assert_eq!(err.valid_up_to(), 1);
    assert_eq!(bad.to_string(), "a\u{fffd}b");
    assert_eq!(format!("{bad:?}"), r#""a\xffb""#);

    // A truncated 3-byte sequence is one replacement character; two lone
    // bytes are two; agrees with String::from_utf8_lossy.
    for raw in [
        &b"x\xe2\x82"[..],
        b"\xff\xfe",
        b"ok\xc3",
        b"\xed\xa0\x80", // a UTF-16 surrogate, invalid in UTF-8
        b"",
        b"plain",
    ] {
        assert_eq!(
            TlStr::new(raw).to_string(),
            String::from_utf8_lossy(raw),
            "{raw:?}"
        );
    }
    assert_eq!(TlStr::new(b"x\xe2\x82").to_string(), "x\u{fffd}");
    assert_eq!(TlStr::new(b"\xff\xfe").to_string(), "\u{fffd}\u{fffd}");

    // Debug escapes quotes, control characters and invalid bytes.
    assert_eq!(
        format!("{:?}", TlStr::new(b"a\"b\n\xff\xfe")),
        r#""a\"b\n\xff\xfe""#
    );
    assert_eq!(format!("{:?}", TlStr::new(b"")), r#""""#);
}
