//! The layer table, exhaustively: every id resolves to its own row through the
//! hash index, ids not in the layer resolve to nothing, the per-constructor
//! declared flag bits match the ops, and the walker's assumptions hold.

use tlview::schema::{
    self, CtorIndex, Kind, Repeat, COMBINATORS, CONSTRUCTORS, FUNCTIONS, IDS, OPS,
};

#[test]
fn every_id_resolves_to_its_row() {
    assert_eq!(IDS.len(), COMBINATORS);
    assert_eq!(IDS.len(), 1293);
    assert_eq!((CONSTRUCTORS.len(), FUNCTIONS.len()), (923, 370));
    for (i, &id) in IDS.iter().enumerate() {
        if i >= CONSTRUCTORS.len() && !cfg!(feature = "functions") {
            // Without the feature, requests are not in the table.
            assert_eq!(schema::index_of(id), None, "#{id:08x}");
            assert!(schema::constructor(CtorIndex(i as u16)).is_none());
            continue;
        }
        assert_eq!(schema::index_of(id), Some(CtorIndex(i as u16)), "#{id:08x}");
        assert_eq!(schema::constructor_by_id(id).map(|c| c.id), Some(id));
        // Type constructors first, then functions.
        assert_eq!(
            schema::constructor(CtorIndex(i as u16))
                .unwrap()
                .is_function(),
            i >= CONSTRUCTORS.len()
        );
    }
    let (types, functions) = IDS.split_at(CONSTRUCTORS.len());
    assert!(
        types.windows(2).all(|w| w[0] < w[1]),
        "constructor ids sorted and unique"
    );
    assert!(
        functions.windows(2).all(|w| w[0] < w[1]),
        "function ids sorted and unique"
    );
    assert!(types.iter().all(|t| functions.binary_search(t).is_err()));
}

#[test]
fn ids_outside_the_layer_resolve_to_nothing() {
    let mut x = 0x1234_5678u32;
    let mut misses = 0;
    for _ in 0..200_000 {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        if IDS.binary_search(&x).is_err() {
            assert_eq!(schema::index_of(x), None, "#{x:08x}");
            misses += 1;
        }
    }
    assert!(misses > 199_000);
    for id in [0, u32::MAX, 0x1cb5c415] {
        assert_eq!(schema::index_of(id), None);
    }
}

#[test]
fn declared_flags_match_the_ops() {
    for (i, c) in schema::combinators() {
        let i = i.get();
        if c.is_function() && !cfg!(feature = "functions") {
            continue; // its ops are not linked
        }
        let mut want = 0u64;
        let mut flags_fields = 0;
        for op in c.ops() {
            if let Some((field, bit)) = op.condition() {
                want |= 1 << (u32::from(bit) + 32 * u32::from(op.flags_word()));
                assert_eq!(
                    op.flag_place(),
                    Some(u32::from(bit) + 32 * u32::from(op.flags_word()))
                );
                // The guarding field is a `#` of this constructor, the word
                // the op names.
                let f = c.ops()[usize::from(field)];
                assert_eq!((f.kind(), f.repeat()), (Kind::Flags, Repeat::One));
                assert_eq!(f.flags_word(), op.flags_word());
            }
            if op.kind() == Kind::Flags && op.repeat() == Repeat::One {
                assert_eq!(usize::from(op.flags_word()), flags_fields);
                flags_fields += 1;
            }
        }
        assert_eq!(schema::DECLARED_FLAGS[i], want, "#{:08x}", c.id);
        // Layer 122 has at most one flags word per combinator.
        assert!(
            flags_fields <= 1,
            "#{:08x} has {flags_fields} flags fields",
            c.id
        );
    }
    assert_eq!(OPS.len() + schema::FUNCTION_OPS.len(), 3529);
}

#[cfg(feature = "functions")]
#[test]
fn known_rows() {
    let c = schema::constructor_by_id(schema::id::CONTACTS_ACCEPT_CONTACT).unwrap();
    assert!(c.is_function());
    assert_eq!(c.ty, schema::ty::UPDATES);
    let ops = c.ops();
    assert_eq!(ops.len(), 1);
    assert_eq!(
        (ops[0].kind(), ops[0].ty()),
        (Kind::Boxed, schema::ty::INPUT_USER)
    );
    #[cfg(feature = "names")]
    {
        assert_eq!(c.name(), "contacts.acceptContact");
        assert_eq!(schema::type_name(schema::ty::UPDATES), "Updates");
        let m = schema::constructor_by_id(schema::id::UPDATE_SHORT_MESSAGE).unwrap();
        let names: Vec<_> = (0..m.ops_len)
            .map(|k| schema::field_name(usize::from(m.ops_start + u16::from(k))))
            .collect();
        assert_eq!(
            names,
            [
                "flags",
                "out",
                "mentioned",
                "media_unread",
                "silent",
                "id",
                "user_id",
                "message",
                "pts",
                "pts_count",
                "date",
                "fwd_from",
                "via_bot_id",
                "reply_to",
                "entities"
            ]
        );
    }
}
