//! Every golden input cut at every offset: always an error (never a panic, never
//! a success), of the documented kind, at an offset no later than the cut.
//!
//! For the fixed-size primitives, strings and fixed-size vectors the exact
//! error (kind, numbers and offset) is predicted for every cut; for the rest
//! the invariants every truncation error must satisfy are checked.

use tlview::{ErrorKind, Item, Reader, TlStr};

type ReadFn = fn(&mut Reader<'_>) -> tlview::Result<()>;

/// Reads `bytes` whole with `read` (must succeed and consume everything), then
/// every strict prefix (must fail). Checks the invariants of the error and
/// that a reader with a base reports the same error shifted by the base.
/// Returns the errors, indexed by cut, as (kind, offset).
fn cut_everywhere(name: &str, bytes: &[u8], read: ReadFn) -> Vec<(ErrorKind, usize)> {
    let mut r = Reader::new(bytes);
    read(&mut r).unwrap_or_else(|e| panic!("{name}: whole input fails: {e}"));
    r.finish()
        .unwrap_or_else(|e| panic!("{name}: whole input not consumed: {e}"));

    let mut errors = Vec::with_capacity(bytes.len());
    for cut in 0..bytes.len() {
        let input = &bytes[..cut];
        let e = match read(&mut Reader::new(input)) {
            Ok(()) => panic!("{name}: cut at {cut} of {} read successfully", bytes.len()),
            Err(e) => e,
        };
        let at = e.offset();
        assert!(
            at <= cut,
            "{name}: cut {cut}: error offset {at} past the cut"
        );
        match e.kind() {
            ErrorKind::UnexpectedEnd {
                what,
                needed,
                available,
            } => {
                assert!(needed > available, "{name}: cut {cut}: {e:?}");
                let end = at + available as usize;
                // Errors about string data point at the string's length
                // prefix (1 or 4 bytes before the data); all others at the
                // item itself.
                let gap = cut.checked_sub(end).unwrap_or_else(|| {
                    panic!("{name}: cut {cut}: offset + available past the cut: {e:?}")
                });
                match what {
                    Item::StringData | Item::BytesData => {
                        assert!(gap == 1 || gap == 4, "{name}: cut {cut}: {e:?}")
                    }
                    _ => assert_eq!(gap, 0, "{name}: cut {cut}: {e:?}"),
                }
            }
            ErrorKind::ImpossibleCount { remaining, .. } => {
                // At the count; `remaining` is what follows the count.
                assert_eq!(at + 4 + remaining as usize, cut, "{name}: cut {cut}: {e:?}");
            }
            other => panic!("{name}: cut {cut}: unexpected kind {other:?}"),
        }
        let shifted = read(&mut Reader::with_base(input, 1000)).unwrap_err();
        assert_eq!(shifted.kind(), e.kind(), "{name}: cut {cut} with base");
        assert_eq!(shifted.offset(), at + 1000, "{name}: cut {cut} with base");
        errors.push((e.kind(), at));
    }
    errors
}

// ---------------------------------------------------------------- fixed size

fn end(what: Item, needed: u32, available: u32) -> ErrorKind {
    ErrorKind::UnexpectedEnd {
        what,
        needed,
        available,
    }
}

/// A fixed-size item cut at k: UnexpectedEnd{what, size, k} at 0.
fn check_fixed(name: &str, bytes: &[u8], what: Item, read: ReadFn) {
    let errs = cut_everywhere(name, bytes, read);
    assert_eq!(errs.len(), bytes.len());
    for (cut, &(kind, at)) in errs.iter().enumerate() {
        assert_eq!(
            (kind, at),
            (end(what, bytes.len() as u32, cut as u32), 0),
            "{name}: cut {cut}"
        );
    }
}

#[test]
fn fixed_size_primitives() {
    check_fixed("int", &[0x78, 0x56, 0x34, 0x12], Item::Int, |r| {
        r.read_int().map(drop)
    });
    check_fixed("long", &[0xff; 8], Item::Long, |r| r.read_long().map(drop));
    check_fixed(
        "double",
        &[1, 0, 0, 0, 0, 0, 0xf8, 0x7f],
        Item::Double,
        |r| r.read_double().map(drop),
    );
    check_fixed("int128", &[7; 16], Item::Int128, |r| {
        r.read_int128().map(drop)
    });
    check_fixed("int256", &[9; 32], Item::Int256, |r| {
        r.read_int256().map(drop)
    });
    check_fixed("boolTrue", &[0xb5, 0x75, 0x72, 0x99], Item::Bool, |r| {
        r.read_bool().map(drop)
    });
    check_fixed("boolFalse", &[0x37, 0x97, 0x79, 0xbc], Item::Bool, |r| {
        r.read_bool().map(drop)
    });
    check_fixed("id", &[0x15, 0xc4, 0xb5, 0x1c], Item::ConstructorId, |r| {
        r.read_id().map(drop)
    });
    check_fixed(
        "expect_id",
        &[0x15, 0xc4, 0xb5, 0x1c],
        Item::ConstructorId,
        |r| r.expect_id(0x1cb5_c415),
    );
    check_fixed("flags", &[0x02, 0x08, 0, 0], Item::Flags, |r| {
        r.read_flags().map(drop)
    });
}

// ---------------------------------------------------------------- strings

fn encoded_string(len: usize) -> Vec<u8> {
    let mut b = if len < 254 {
        vec![len as u8]
    } else {
        vec![254, len as u8, (len >> 8) as u8, (len >> 16) as u8]
    };
    b.extend((0..len).map(|i| (i % 253) as u8 + 1));
    while b.len() % 4 != 0 {
        b.push(0);
    }
    b
}

/// The exact error for a string of `len` bytes cut at `cut`.
fn string_cut_error(len: usize, cut: usize, data: Item) -> (ErrorKind, usize) {
    let prefix = if len < 254 { 1 } else { 4 };
    let pad = (4 - (prefix + len) % 4) % 4;
    let c = cut as u32;
    if cut == 0 {
        (end(Item::Length, 1, 0), 0)
    } else if cut < prefix {
        (end(Item::Length, 4, c), 0)
    } else if cut < prefix + len {
        (end(data, len as u32, (cut - prefix) as u32), 0)
    } else {
        assert!(cut < prefix + len + pad);
        (
            end(Item::Padding, pad as u32, (cut - prefix - len) as u32),
            prefix + len,
        )
    }
}

#[test]
fn strings_every_length_class() {
    for len in [
        0, 1, 2, 3, 4, 5, 7, 100, 252, 253, 254, 255, 256, 257, 300, 1000, 65_535, 65_536,
    ] {
        let bytes = encoded_string(len);
        let errs = cut_everywhere(&format!("string[{len}]"), &bytes, |r| {
            r.read_string().map(drop)
        });
        for (cut, &got) in errs.iter().enumerate() {
            assert_eq!(
                got,
                string_cut_error(len, cut, Item::StringData),
                "string[{len}] cut {cut}"
            );
        }
        let errs = cut_everywhere(&format!("bytes[{len}]"), &bytes, |r| {
            r.read_bytes().map(drop)
        });
        for (cut, &got) in errs.iter().enumerate() {
            assert_eq!(
                got,
                string_cut_error(len, cut, Item::BytesData),
                "bytes[{len}] cut {cut}"
            );
        }
    }
}

/// The longest string TL can encode, cut at every one of its 16 777 220 offsets.
#[test]
fn longest_string_every_cut() {
    let len = 16_777_215;
    let bytes = encoded_string(len);
    assert_eq!(bytes.len(), 16_777_220);
    assert_eq!(&bytes[..4], &[254, 0xff, 0xff, 0xff]);
    for cut in 0..bytes.len() {
        let e = Reader::new(&bytes[..cut]).read_string().unwrap_err();
        assert_eq!(
            (e.kind(), e.offset()),
            string_cut_error(len, cut, Item::StringData),
            "cut {cut}"
        );
    }
    let mut r = Reader::new(&bytes);
    assert_eq!(r.read_string().unwrap().len(), len);
    r.finish().unwrap();
}

// ---------------------------------------------------------------- vectors

/// The exact error for a vector of `count` fixed-size elements of `size`
/// bytes, `boxed` or bare, cut at `cut`.
fn fixed_vector_cut_error(boxed: bool, count: u32, size: usize, cut: usize) -> (ErrorKind, usize) {
    let head = if boxed { 4 } else { 0 };
    if cut < head {
        (end(Item::ConstructorId, 4, cut as u32), 0)
    } else if cut < head + 4 {
        (end(Item::VectorCount, 4, (cut - head) as u32), head)
    } else {
        let remaining = (cut - head - 4) as u32;
        assert!(count as usize * size > remaining as usize);
        (ErrorKind::ImpossibleCount { count, remaining }, head)
    }
}

fn check_fixed_vector(name: &str, elem: &[u8], count: u32, boxed_read: ReadFn, bare_read: ReadFn) {
    let size = elem.len();
    let mut bare = count.to_le_bytes().to_vec();
    for _ in 0..count {
        bare.extend_from_slice(elem);
    }
    let mut boxed = vec![0x15, 0xc4, 0xb5, 0x1c];
    boxed.extend_from_slice(&bare);

    let errs = cut_everywhere(&format!("Vector<{name}>[{count}]"), &boxed, boxed_read);
    for (cut, &got) in errs.iter().enumerate() {
        assert_eq!(
            got,
            fixed_vector_cut_error(true, count, size, cut),
            "Vector<{name}>[{count}] cut {cut}"
        );
    }
    let errs = cut_everywhere(&format!("vector<{name}>[{count}]"), &bare, bare_read);
    for (cut, &got) in errs.iter().enumerate() {
        assert_eq!(
            got,
            fixed_vector_cut_error(false, count, size, cut),
            "vector<{name}>[{count}] cut {cut}"
        );
    }
}

#[test]
fn fixed_size_vectors() {
    for count in [0, 1, 2, 5] {
        check_fixed_vector(
            "int",
            &[1, 2, 3, 4],
            count,
            |r| r.read_vector::<i32>().map(drop),
            |r| r.read_bare_vector::<i32>().map(drop),
        );
        check_fixed_vector(
            "long",
            &[1, 2, 3, 4, 5, 6, 7, 8],
            count,
            |r| r.read_vector::<i64>().map(drop),
            |r| r.read_bare_vector::<i64>().map(drop),
        );
        check_fixed_vector(
            "double",
            &[0, 0, 0, 0, 0, 0, 0xf0, 0x7f],
            count,
            |r| r.read_vector::<f64>().map(drop),
            |r| r.read_bare_vector::<f64>().map(drop),
        );
        check_fixed_vector(
            "int128",
            &[0x11; 16],
            count,
            |r| r.read_vector::<&[u8; 16]>().map(drop),
            |r| r.read_bare_vector::<&[u8; 16]>().map(drop),
        );
        check_fixed_vector(
            "int256",
            &[0x22; 32],
            count,
            |r| r.read_vector::<&[u8; 32]>().map(drop),
            |r| r.read_bare_vector::<&[u8; 32]>().map(drop),
        );
    }
}

fn string_vector_bytes(boxed: bool) -> Vec<u8> {
    let mut b = if boxed {
        vec![0x15, 0xc4, 0xb5, 0x1c]
    } else {
        vec![]
    };
    let lens = [0usize, 1, 3, 4, 253, 254, 300];
    b.extend_from_slice(&(lens.len() as u32).to_le_bytes());
    for len in lens {
        b.extend(encoded_string(len));
    }
    b
}

#[test]
fn string_bytes_bool_vectors() {
    let boxed = string_vector_bytes(true);
    let bare = string_vector_bytes(false);
    cut_everywhere("Vector<string>", &boxed, |r| {
        r.read_vector::<TlStr>().map(drop)
    });
    cut_everywhere("vector<string>", &bare, |r| {
        r.read_bare_vector::<TlStr>().map(drop)
    });
    cut_everywhere("Vector<bytes>", &boxed, |r| {
        r.read_vector::<&[u8]>().map(drop)
    });
    cut_everywhere("vector<bytes>", &bare, |r| {
        r.read_bare_vector::<&[u8]>().map(drop)
    });

    let bools = [
        0x15, 0xc4, 0xb5, 0x1c, 3, 0, 0, 0, // header
        0xb5, 0x75, 0x72, 0x99, 0x37, 0x97, 0x79, 0xbc, 0xb5, 0x75, 0x72, 0x99,
    ];
    let errs = cut_everywhere("Vector<Bool>", &bools, |r| {
        r.read_vector::<bool>().map(drop)
    });
    // The count check (3 × 4 bytes) fires for every cut after the count.
    for (cut, &got) in errs.iter().enumerate() {
        assert_eq!(got, fixed_vector_cut_error(true, 3, 4, cut), "cut {cut}");
    }
    cut_everywhere("vector<Bool>", &bools[4..], |r| {
        r.read_bare_vector::<bool>().map(drop)
    });
}

/// The elements of a string vector are checked one by one once the count
/// check passes: a cut inside the last element is that element's error.
#[test]
fn string_vector_cut_in_last_element() {
    // Vector<string> of ["abcdefghij"]: header, [10, a..j, 0].
    let mut b = vec![0x15, 0xc4, 0xb5, 0x1c, 1, 0, 0, 0, 10];
    b.extend_from_slice(b"abcdefghij");
    b.push(0);
    assert_eq!(b.len(), 20);
    let errs = cut_everywhere("Vector<string>[1]", &b, |r| {
        r.read_vector::<TlStr>().map(drop)
    });
    // Cut 8: the count check (1 × 4 > 0) fires.
    assert_eq!(
        errs[8],
        (
            ErrorKind::ImpossibleCount {
                count: 1,
                remaining: 0
            },
            4
        )
    );
    // Cuts 12..19: inside the data (12..=18) then the padding (19).
    assert_eq!(errs[12], (end(Item::StringData, 10, 3), 8));
    assert_eq!(errs[18], (end(Item::StringData, 10, 9), 8));
    assert_eq!(errs[19], (end(Item::Padding, 1, 0), 19));
}

// ---------------------------------------------------------------- mixed

/// A record of every primitive, as the benchmark uses.
#[test]
fn mixed_record() {
    let mut b = Vec::new();
    b.extend_from_slice(&[0x2a, 0, 0, 0]); // int
    b.extend_from_slice(&[0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]); // long
    b.extend(encoded_string(11)); // short string
    b.extend(encoded_string(300)); // long string
    b.extend_from_slice(&[0, 0, 0, 0, 0, 0, 0xf8, 0x3f]); // double
    b.extend_from_slice(&[0x33; 16]); // int128
    b.extend_from_slice(&[0x44; 32]); // int256
    b.extend_from_slice(&[0xb5, 0x75, 0x72, 0x99]); // Bool
    b.extend_from_slice(&[0x02, 0, 0, 0]); // flags
    b.extend_from_slice(&[0x15, 0xc4, 0xb5, 0x1c, 2, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0]);
    let errs = cut_everywhere("record", &b, |r| {
        r.read_int()?;
        r.read_long()?;
        r.read_string()?;
        r.read_bytes()?;
        r.read_double()?;
        r.read_int128()?;
        r.read_int256()?;
        r.read_bool()?;
        r.read_flags()?;
        r.read_vector::<i32>()?;
        Ok(())
    });
    // Spot checks at item boundaries: a cut exactly between two items is an
    // error of the next item, at the cut.
    assert_eq!(errs[4], (end(Item::Long, 8, 0), 4));
    assert_eq!(errs[12], (end(Item::Length, 1, 0), 12));
    assert_eq!(errs[24], (end(Item::Length, 1, 0), 24));
    assert_eq!(errs[26], (end(Item::Length, 4, 2), 24));
    assert_eq!(errs[328], (end(Item::Double, 8, 0), 328));
}
