//! Write-then-read round trips: every primitive and vectors of them come back
//! equal (doubles bit for bit), the reader consumes exactly the bytes written,
//! and a `SizeCounter` predicts that length.

use proptest::collection::vec;
use proptest::prelude::*;
use tlview::{Flags, Reader, Sink, SizeCounter, SliceSink, TlStr, Writer};

/// One primitive value.
#[derive(Clone, Debug)]
enum Value {
    Int(i32),
    Long(i64),
    /// A double as its bits, so every NaN payload is covered.
    Double(u64),
    Int128([u8; 16]),
    Int256([u8; 32]),
    Bool(bool),
    Id(u32),
    Flags(u32),
    String(Vec<u8>),
    Bytes(Vec<u8>),
    Ints(Vec<i32>),
    Longs(Vec<i64>),
    Doubles(Vec<u64>),
    Int128s(Vec<[u8; 16]>),
    Int256s(Vec<[u8; 32]>),
    Strings(Vec<Vec<u8>>),
    Bools(Vec<bool>),
    BareInts(Vec<i32>),
}

fn write(w: &mut Writer<&mut dyn Sink>, v: &Value) -> tlview::Result<()> {
    match v {
        Value::Int(x) => w.write_int(*x),
        Value::Long(x) => w.write_long(*x),
        Value::Double(b) => w.write_double(f64::from_bits(*b)),
        Value::Int128(x) => w.write_int128(x),
        Value::Int256(x) => w.write_int256(x),
        Value::Bool(x) => w.write_bool(*x),
        Value::Id(x) => w.write_id(*x),
        Value::Flags(x) => w.write_flags(Flags(*x)),
        Value::String(s) => w.write_string(s),
        Value::Bytes(s) => w.write_bytes(s),
        Value::Ints(xs) => w.write_int_vector(xs),
        Value::Longs(xs) => w.write_long_vector(xs),
        Value::Doubles(xs) => {
            let ds: Vec<f64> = xs.iter().map(|&b| f64::from_bits(b)).collect();
            w.write_double_vector(&ds)
        }
        Value::Int128s(xs) => {
            w.write_vector_len(xs.len())?;
            xs.iter().try_for_each(|x| w.write_int128(x))
        }
        Value::Int256s(xs) => {
            w.write_vector_len(xs.len())?;
            xs.iter().try_for_each(|x| w.write_int256(x))
        }
        Value::Strings(xs) => w.write_string_vector(xs),
        Value::Bools(xs) => {
            w.write_vector_len(xs.len())?;
            xs.iter().try_for_each(|&x| w.write_bool(x))
        }
        Value::BareInts(xs) => {
            w.write_bare_vector_len(xs.len())?;
            xs.iter().try_for_each(|&x| w.write_int(x))
        }
    }
}

/// Reads a value of the same shape as `v` and checks that it is `v`.
fn read_and_check(r: &mut Reader<'_>, v: &Value) {
    match v {
        Value::Int(x) => assert_eq!(r.read_int().unwrap(), *x),
        Value::Long(x) => assert_eq!(r.read_long().unwrap(), *x),
        Value::Double(b) => assert_eq!(r.read_double().unwrap().to_bits(), *b),
        Value::Int128(x) => assert_eq!(r.read_int128().unwrap(), x),
        Value::Int256(x) => assert_eq!(r.read_int256().unwrap(), x),
        Value::Bool(x) => assert_eq!(r.read_bool().unwrap(), *x),
        Value::Id(x) => assert_eq!(r.read_id().unwrap(), *x),
        Value::Flags(x) => assert_eq!(r.read_flags().unwrap(), Flags(*x)),
        Value::String(s) => assert!(r.read_string().unwrap().as_bytes() == &s[..]),
        Value::Bytes(s) => assert!(r.read_bytes().unwrap() == &s[..]),
        Value::Ints(xs) => {
            let v = r.read_vector::<i32>().unwrap();
            assert_eq!(v.len(), xs.len());
            assert_eq!(&v.iter().collect::<Vec<_>>(), xs);
            let s: Vec<i32> = v.as_slice().iter().map(|x| x.get()).collect();
            assert_eq!(&s, xs);
            assert_eq!(v.first(), xs.first().copied());
            assert_eq!(v.last(), xs.last().copied());
            for (i, x) in xs.iter().enumerate() {
                assert_eq!(v.get(i), Some(*x));
            }
            assert_eq!(v.get(xs.len()), None);
        }
        Value::Longs(xs) => {
            let v = r.read_vector::<i64>().unwrap();
            assert_eq!(&v.iter().collect::<Vec<_>>(), xs);
            let s: Vec<i64> = v.as_slice().iter().map(|x| x.get()).collect();
            assert_eq!(&s, xs);
            assert_eq!(v.last(), xs.last().copied());
        }
        Value::Doubles(xs) => {
            let v = r.read_vector::<f64>().unwrap();
            let bits: Vec<u64> = v.iter().map(f64::to_bits).collect();
            assert_eq!(&bits, xs);
            let s: Vec<u64> = v.as_slice().iter().map(|x| x.get().to_bits()).collect();
            assert_eq!(&s, xs);
        }
        Value::Int128s(xs) => {
            let v = r.read_vector::<&[u8; 16]>().unwrap();
            assert_eq!(v.as_slice(), &xs[..]);
            assert!(v.iter().eq(xs.iter()));
        }
        Value::Int256s(xs) => {
            let v = r.read_vector::<&[u8; 32]>().unwrap();
            assert_eq!(v.as_slice(), &xs[..]);
            assert!(v.iter().eq(xs.iter()));
        }
        Value::Strings(xs) => {
            let v = r.read_vector::<TlStr>().unwrap();
            assert_eq!(v.len(), xs.len());
            assert!(v.iter().map(|s| s.as_bytes()).eq(xs.iter().map(|s| &s[..])));
            assert_eq!(v.last().map(|s| s.as_bytes().to_vec()), xs.last().cloned());
        }
        Value::Bools(xs) => {
            let v = r.read_vector::<bool>().unwrap();
            assert_eq!(&v.iter().collect::<Vec<_>>(), xs);
        }
        Value::BareInts(xs) => {
            let v = r.read_bare_vector::<i32>().unwrap();
            assert_eq!(&v.iter().collect::<Vec<_>>(), xs);
        }
    }
}

/// Writes `values` into a SizeCounter, then into an exactly sized SliceSink;
/// checks that the sizes agree, reads everything back, and checks that the
/// reader ends exactly at the end. Returns the bytes.
fn roundtrip(values: &[Value]) -> Vec<u8> {
    let mut counter = SizeCounter::new();
    let mut w = Writer::new(&mut counter as &mut dyn Sink);
    for v in values {
        write(&mut w, v).unwrap();
    }
    let size = w.finish();

    let mut buf = vec![0xA5_u8; size];
    let mut sink = SliceSink::new(&mut buf);
    let mut w = Writer::new(&mut sink as &mut dyn Sink);
    let mut ends = Vec::new();
    for v in values {
        write(&mut w, v).unwrap();
        ends.push(w.written());
    }
    assert_eq!(w.finish(), size, "SizeCounter disagrees with SliceSink");
    assert_eq!(size % 4, 0, "TL data is always a multiple of 4 bytes");

    let mut r = Reader::new(&buf);
    for (v, end) in values.iter().zip(&ends) {
        read_and_check(&mut r, v);
        assert_eq!(r.offset(), *end, "value {v:?} consumed a different length");
    }
    assert_eq!(r.remaining(), 0);
    r.finish().unwrap();
    buf
}

fn bytes_up_to(max: usize) -> impl Strategy<Value = Vec<u8>> {
    vec(any::<u8>(), 0..=max)
}

/// String lengths biased to the interesting classes: short, around 254, long.
fn string_data() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        4 => bytes_up_to(16),
        2 => bytes_up_to(300),
        2 => (250usize..262).prop_flat_map(|n| vec(any::<u8>(), n)),
        1 => bytes_up_to(70_000),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<i32>().prop_map(Value::Int),
        any::<i64>().prop_map(Value::Long),
        any::<u64>().prop_map(Value::Double),
        any::<[u8; 16]>().prop_map(Value::Int128),
        any::<[u8; 32]>().prop_map(Value::Int256),
        any::<bool>().prop_map(Value::Bool),
        any::<u32>().prop_map(Value::Id),
        any::<u32>().prop_map(Value::Flags),
        bytes_up_to(600).prop_map(Value::String),
        bytes_up_to(600).prop_map(Value::Bytes),
        vec(any::<i32>(), 0..40).prop_map(Value::Ints),
        vec(any::<i64>(), 0..40).prop_map(Value::Longs),
        vec(any::<u64>(), 0..40).prop_map(Value::Doubles),
        vec(any::<[u8; 16]>(), 0..10).prop_map(Value::Int128s),
        vec(any::<[u8; 32]>(), 0..10).prop_map(Value::Int256s),
        vec(bytes_up_to(300), 0..10).prop_map(Value::Strings),
        vec(any::<bool>(), 0..40).prop_map(Value::Bools),
        vec(any::<i32>(), 0..40).prop_map(Value::BareInts),
    ]
}

proptest! {
    #[test]
    fn int(x: i32) {
        let b = roundtrip(&[Value::Int(x)]);
        prop_assert_eq!(b, x.to_le_bytes().to_vec());
    }

    #[test]
    fn long(x: i64) {
        let b = roundtrip(&[Value::Long(x)]);
        prop_assert_eq!(b, x.to_le_bytes().to_vec());
    }

    #[test]
    fn double_any_bits(bits: u64) {
        let b = roundtrip(&[Value::Double(bits)]);
        prop_assert_eq!(b, bits.to_le_bytes().to_vec());
    }

    #[test]
    fn int128(x: [u8; 16]) {
        prop_assert_eq!(roundtrip(&[Value::Int128(x)]), x.to_vec());
    }

    #[test]
    fn int256(x: [u8; 32]) {
        prop_assert_eq!(roundtrip(&[Value::Int256(x)]), x.to_vec());
    }

    #[test]
    fn bool_id_flags(b: bool, id: u32, flags: u32) {
        roundtrip(&[Value::Bool(b), Value::Id(id), Value::Flags(flags)]);
    }

    #[test]
    fn string(s in string_data()) {
        let b = roundtrip(&[Value::String(s.clone())]);
        let prefix: usize = if s.len() < 254 { 1 } else { 4 };
        prop_assert_eq!(b.len(), (prefix + s.len()).div_ceil(4) * 4);
        let b2 = roundtrip(&[Value::Bytes(s)]);
        prop_assert_eq!(b, b2);
    }

    #[test]
    fn int_vectors(xs in vec(any::<i32>(), 0..200)) {
        let b = roundtrip(&[Value::Ints(xs.clone()), Value::BareInts(xs.clone())]);
        prop_assert_eq!(b.len(), 8 + 4 * xs.len() + 4 + 4 * xs.len());
    }

    #[test]
    fn long_double_vectors(ls in vec(any::<i64>(), 0..100), ds in vec(any::<u64>(), 0..100)) {
        roundtrip(&[Value::Longs(ls), Value::Doubles(ds)]);
    }

    #[test]
    fn int128_int256_vectors(a in vec(any::<[u8; 16]>(), 0..30), b in vec(any::<[u8; 32]>(), 0..30)) {
        roundtrip(&[Value::Int128s(a), Value::Int256s(b)]);
    }

    #[test]
    fn string_and_bool_vectors(ss in vec(string_data(), 0..6), bs in vec(any::<bool>(), 0..50)) {
        roundtrip(&[Value::Strings(ss), Value::Bools(bs)]);
    }

    #[test]
    fn mixed_sequences(values in vec(value(), 0..20)) {
        roundtrip(&values);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// Long strings across the whole 3-byte length range are too slow to
    /// sample often; a few cases up to 1 MiB.
    #[test]
    fn long_strings(len in 254usize..(1 << 20), fill: u8) {
        let s = vec![fill; len];
        roundtrip(&[Value::String(s), Value::Int(-1)]);
    }
}

#[test]
fn explicit_long_strings() {
    for len in [
        253,
        254,
        255,
        256,
        257,
        65_535,
        65_536,
        65_537,
        70_000,
        1 << 20,
        16_777_214,
        16_777_215,
    ] {
        let s: Vec<u8> = (0..len).map(|i| (i * 31 % 256) as u8).collect();
        let b = roundtrip(&[Value::Int(7), Value::String(s), Value::Int(8)]);
        let prefix: usize = if len < 254 { 1 } else { 4 };
        assert_eq!(b.len(), 8 + (prefix + len).div_ceil(4) * 4, "len {len}");
    }
}

#[test]
fn special_doubles() {
    let specials = [
        0.0f64.to_bits(),
        (-0.0f64).to_bits(),
        f64::INFINITY.to_bits(),
        f64::NEG_INFINITY.to_bits(),
        f64::NAN.to_bits(),
        0x7ff0_0000_0000_0001, // signalling NaN
        0xfff8_0000_0000_0000, // negative quiet NaN
        0x7fff_ffff_ffff_ffff, // all-ones payload
        f64::MIN_POSITIVE.to_bits(),
        1, // smallest subnormal
        f64::MAX.to_bits(),
        f64::MIN.to_bits(),
    ];
    let mut values: Vec<Value> = specials.iter().map(|&b| Value::Double(b)).collect();
    values.push(Value::Doubles(specials.to_vec()));
    roundtrip(&values);
}
