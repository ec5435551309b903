#!/bin/bash
# Instructions per decode + touch (and per acceptContact and sendMessage
# encode), tlview and tl-proto, counted by callgrind:
# (count at N runs - count at 0 runs) / N.
# Needs valgrind. Run from anywhere; builds the `count` example first.
set -euo pipefail
cd "$(dirname "$0")"
cargo build --release --example count -q
B=target/release/examples/count
N=200
cnt() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | grep -oP 'Collected : \K[0-9]+'; }
printf '%-22s %10s %10s %8s\n' message tlview tl-proto ratio
for m in short_message short_chat_message short_sent update_short updates_50 updates_combined_10 updates_too_long; do
  a0=$(cnt $B tlview 0 $m); a=$(cnt $B tlview $N $m)
  b0=$(cnt $B tlproto 0 $m); b=$(cnt $B tlproto $N $m)
  x=$(( (a - a0) / N )); y=$(( (b - b0) / N ))
  printf '%-22s %10d %10d %7.2fx\n' $m $x $y "$(echo "scale=2; $y / $x" | bc)"
done
a0=$(cnt $B enc 0); a=$(cnt $B enc $N); b0=$(cnt $B enctlproto 0); b=$(cnt $B enctlproto $N)
x=$(( (a - a0) / N / 2 )); y=$(( (b - b0) / N / 2 ))
printf '%-22s %10d %10d %7.2fx\n' accept_contact_avg $x $y "$(echo "scale=2; $y / $x" | bc)"
a0=$(cnt $B smtlview 0); a=$(cnt $B smtlview $N); b0=$(cnt $B smtlproto 0); b=$(cnt $B smtlproto $N)
x=$(( (a - a0) / N )); y=$(( (b - b0) / N ))
printf '%-22s %10d %10d %7.2fx\n' send_message $x $y "$(echo "scale=2; $y / $x" | bc)"
