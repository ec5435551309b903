//! Two versions of tlview in one binary (`tlview_x`, `tlview_y`: copies
//! that `ab.sh` writes), each decoding and touching the peers bench's
//! messages, timed in pairs by the peers bench's runner. Prints, for each
//! message, the median ns of each and the median of the per-pair ratios
//! y/x. `ab.sh` runs it twice with the versions swapped between the two
//! copies, to cancel what the copy itself adds (see BENCHMARKS.md).
//!
//! `ab [ROUNDS]` (default 1001).

use std::hint::black_box;

use tlview_peers_bench::messages;
use tlview_peers_bench::paired::{interleaved, task};

mod x {
    tlview_peers_bench::define_touch_tlview!(tlview_x);
}
mod y {
    tlview_peers_bench::define_touch_tlview!(tlview_y);
}

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .map(|a| a.parse().expect("ROUNDS"))
        .unwrap_or(1001);
    let msgs = messages();
    let mut tasks = Vec::new();
    for (name, bytes) in &msgs {
        let b = &bytes[..];
        let (dx, dy) = (
            tlview_x::Updates::decode(b).expect("x decodes"),
            tlview_y::Updates::decode(b).expect("y decodes"),
        );
        assert_eq!(
            x::touch_tlview(&dx),
            y::touch_tlview(&dy),
            "{name}: x and y differ"
        );
        tasks.push(task(
            move || x::touch_tlview(&tlview_x::Updates::decode(black_box(b)).unwrap()),
            move || y::touch_tlview(&tlview_y::Updates::decode(black_box(b)).unwrap()),
        ));
    }
    for ((name, _), (tx, ty, r)) in msgs.iter().zip(interleaved(rounds, &mut tasks)) {
        println!("{name} {tx:.2} {ty:.2} {:.4} {:.4} {:.4}", r[1], r[0], r[2]);
    }
}
