#!/usr/bin/env python3
"""Prints the BENCHMARKS.md tables from criterion's saved estimates.

    python3 table.py [PEERS_TARGET_DIR [GRAMMERS_TARGET_DIR]]

Defaults: ./target and ../grammers/target (beside this file). Times are
criterion's median point estimates of one iteration; every ratio is taken
between figures of the same run (tlview/tl-proto/memcpy from the peers run,
grammers/tlview from the grammers run).
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PEERS = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "target")
GRAMMERS = sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, "..", "grammers", "target")
MESSAGES = ["short_message", "short_chat_message", "short_sent", "update_short",
            "updates_50", "updates_combined_10", "updates_too_long"]
REQUESTS = ["input_user", "input_user_from_message"]


def load(target):
    """{(group_id, function_id): (median ns, bytes or None)}"""
    out = {}
    root = os.path.join(target, "criterion")
    if not os.path.isdir(root):
        return out
    for dirpath, _, files in os.walk(root):
        if os.path.basename(dirpath) != "new" or "benchmark.json" not in files:
            continue
        with open(os.path.join(dirpath, "benchmark.json")) as f:
            b = json.load(f)
        with open(os.path.join(dirpath, "estimates.json")) as f:
            e = json.load(f)
        tp = (b.get("throughput") or {}).get("Bytes")
        out[(b["group_id"], b["function_id"])] = (e["median"]["point_estimate"], tp)
    return out


def ns(x):
    return "—" if x is None else (f"{x:.1f}" if x < 100 else f"{x:,.0f}")


def ratio(a, b):
    return "—" if a is None or b is None else f"{a / b:.2f}×"


def main():
    p, g = load(PEERS), load(GRAMMERS)
    get = lambda d, k: d.get(k, (None, None))
    print("| message | bytes | tlview ns/msg | tlview MB/s | tl-proto ns/msg | grammers ns/msg (own-layer bytes) "
          "| memcpy ns | tlview/memcpy | tl-proto/tlview | grammers/tlview |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for m in MESSAGES:
        grp = f"decode/{m}"
        tv, size = get(p, (grp, "tlview"))
        tp, _ = get(p, (grp, "tl-proto"))
        mc, _ = get(p, (grp, "memcpy"))
        gg, gsize = get(g, (f"grammers/{m}", "grammers-tl-types"))
        gtv, _ = get(g, (f"grammers/{m}", "tlview"))
        mbs = "—" if tv is None else f"{size / tv * 1e3:,.0f}"
        gcell = "—" if gg is None else f"{ns(gg)} ({gsize} B)"
        print(f"| {m} | {size or '—'} | {ns(tv)} | {mbs} | {ns(tp)} | {gcell} | {ns(mc)} "
              f"| {ratio(tv, mc)} | {ratio(tp, tv)} | {ratio(gg, gtv)} |")
    if g:
        print()
        print("grammers run (its own group per message; tlview re-measured in that run):")
        print()
        print("| message | layer-122 bytes | tlview ns/msg | grammers bytes | grammers ns/msg | grammers MB/s | grammers/tlview |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for m in MESSAGES:
            tv, size = get(g, (f"grammers/{m}", "tlview"))
            gg, gsize = get(g, (f"grammers/{m}", "grammers-tl-types"))
            mbs = "—" if gg is None else f"{gsize / gg * 1e3:,.0f}"
            print(f"| {m} | {size or '—'} | {ns(tv)} | {gsize or '—'} | {ns(gg)} | {mbs} | {ratio(gg, tv)} |")
    print()
    print("| request | bytes | tlview ns | tl-proto ns (reused Vec) | tl-proto `serialize` ns (new Vec) "
          "| memcpy ns | tl-proto/tlview | tlview/memcpy |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for r, grp in [(f"acceptContact {r}", f"encode/accept_contact/{r}") for r in REQUESTS] + [
            ("sendMessage", "encode/send_message")]:
        tv, size = get(p, (grp, "tlview"))
        tp, _ = get(p, (grp, "tl-proto"))
        ts, _ = get(p, (grp, "tl-proto-serialize"))
        mc, _ = get(p, (grp, "memcpy"))
        print(f"| {r} | {size or '—'} | {ns(tv)} | {ns(tp)} | {ns(ts)} | {ns(mc)} | {ratio(tp, tv)} | {ratio(tv, mc)} |")


main()
