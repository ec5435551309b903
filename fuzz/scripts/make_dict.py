#!/usr/bin/env python3
"""Writes fuzz/tl.dict, a libFuzzer dictionary of every constructor id of the
layer (and vector#1cb5c415) as 4 little-endian bytes, from the generated
table. Run from the workspace root after `tl gen`:

    python3 fuzz/scripts/make_dict.py
"""
import re

src = open("src/schema/layer122.rs").read()
ids_mod = src[src.index("pub mod id"):]
ids_mod = ids_mod[: ids_mod.index("\n}\n")]
ids = {int(x.replace("_", ""), 16) for x in re.findall(r"pub const \w+: u32 = (0x[0-9a-fA-F_]+);", ids_mod)}
ids.add(0x1CB5C415)
with open("fuzz/tl.dict", "w") as f:
    f.write("# Constructor ids of layer 122 and vector#1cb5c415, little-endian:\n")
    f.write("# libFuzzer -dict=fuzz/tl.dict (generated from src/schema/layer122.rs).\n")
    for i in sorted(ids):
        f.write('"%s"\n' % "".join("\\x%02x" % b for b in i.to_bytes(4, "little")))
