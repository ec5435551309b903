#!/bin/bash
# Times version Y of tlview against version X, cancelling what each copy's
# place in the binary adds (see BENCHMARKS.md, "Time against instructions").
#
#   benches/ab/ab.sh X Y [SEED...]
#
# X and Y are git revisions of this repository, or WORKTREE for the working
# tree's tracked files as they are now. SEEDs (default 1 2 3) shuffle the
# link order (lld's --shuffle-sections), one pair of binaries per seed:
# the first with X in copy x and Y in copy y, the second the other way
# round. For each message it prints Y's time over X's: the square root of
# the ratio of the two binaries' median per-pair ratios, per seed and their
# geometric mean. Run it on an otherwise idle machine.
set -euo pipefail
[ $# -ge 2 ] || { sed -n 2,13p "$0"; exit 2; }
X=$1; Y=$2; shift 2
SEEDS=${*:-1 2 3}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
AB=$ROOT/target/ab
mkdir -p "$AB/out"

# copy REV SLOT VERSION: the library at REV as package version VERSION.
copy() {
  rm -rf "${AB:?}/$2" && mkdir -p "$AB/$2"
  if [ "$1" = WORKTREE ]; then
    (cd "$ROOT" && git ls-files -z | xargs -0 tar c) | tar x -m -C "$AB/$2"
  else
    git -C "$ROOT" archive "$1" | tar x -m -C "$AB/$2"
  fi
  sed -i "s/^version = \"0.1.0\"/version = \"$3\"/" "$AB/$2/Cargo.toml"
}

# config N FIRST SECOND: FIRST in copy x, SECOND in copy y, one run per seed.
config() {
  copy "$2" x 0.98.0
  copy "$3" y 0.99.0
  for s in $SEEDS; do
    echo "building $1 (x = $2, y = $3), link seed $s" >&2
    (cd "$HERE" && cargo rustc --release -q --bin tlview-ab-bench -- \
      -C "link-arg=-Wl,--shuffle-sections=*=$s")
    "$HERE/target/release/tlview-ab-bench" > "$AB/out/c$1-$s"
  done
}

config 1 "$X" "$Y"
config 2 "$Y" "$X"
python3 - "$AB/out" $SEEDS <<'PY'
import math, sys
out, seeds = sys.argv[1], sys.argv[2:]
def load(path):
    return {l.split()[0]: float(l.split()[3]) for l in open(path) if l.strip()}
rows = {}
for s in seeds:
    c1, c2 = load(f"{out}/c1-{s}"), load(f"{out}/c2-{s}")
    for m in c1:
        # c1: y/x = Y/X times the copies' own factor; c2: X/Y times it.
        rows.setdefault(m, []).append(math.sqrt(c1[m] / c2[m]))
print(f"{'message':22} {'Y/X time':>9}   per seed")
for m, v in rows.items():
    g = math.exp(sum(map(math.log, v)) / len(v))
    print(f"{m:22} {g:9.3f}   " + " ".join(f"{x:.3f}" for x in v))
PY
