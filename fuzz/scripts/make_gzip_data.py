#!/usr/bin/env python3
"""Writes the gzip members of tests/data/gzip/ (used by tests/hostile.rs and
as seeds of the gzip fuzz target). Deterministic: mtime 0, no file name unless
a case wants one. Run from the workspace root:

    python3 fuzz/scripts/make_gzip_data.py
"""
import gzip
import os
import struct
import zlib

OUT = os.path.join("tests", "data", "gzip")
GZIP_PACKED = 0x3072CFA1


def member(data, level=9, flg=0, extra=b"", name=b"", comment=b"", hcrc=False):
    """A gzip member built by hand so every header flag can be set."""
    head = bytearray(b"\x1f\x8b\x08")
    f = flg
    if extra:
        f |= 4
    if name:
        f |= 8
    if comment:
        f |= 16
    if hcrc:
        f |= 2
    head += bytes([f]) + b"\0\0\0\0" + b"\x02\x03"
    if extra:
        head += struct.pack("<H", len(extra)) + extra
    if name:
        head += name + b"\0"
    if comment:
        head += comment + b"\0"
    if hcrc:
        head += struct.pack("<H", zlib.crc32(bytes(head)) & 0xFFFF)
    c = zlib.compressobj(level, zlib.DEFLATED, -15)
    body = c.compress(data) + c.flush()
    trailer = struct.pack("<II", zlib.crc32(data) & 0xFFFFFFFF, len(data) & 0xFFFFFFFF)
    return bytes(head) + body + trailer


def tl_bytes(data):
    """TL `bytes`: length prefix, data, zero padding."""
    n = len(data)
    if n < 254:
        out = bytes([n]) + data
    else:
        out = b"\xfe" + struct.pack("<I", n)[:3] + data
    return out + b"\0" * ((-len(out)) % 4)


def main():
    os.makedirs(OUT, exist_ok=True)
    short = open(os.path.join("tests", "data", "short_message.bin"), "rb").read()
    too_long = struct.pack("<I", 0xE317AF7E)
    cases = {
        "hi": member(b"hi"),
        "empty": member(b""),
        "too-long": member(too_long),
        "short-message": member(short),
        "header-flags": member(too_long, extra=b"ab", name=b"x.bin", comment=b"c", hcrc=True),
        "stored": member(short, level=0),
    }
    good = cases["short-message"]
    cases["truncated"] = good[: len(good) // 2]
    cases["truncated-trailer"] = good[:-3]
    bad = bytearray(good)
    bad[-8] ^= 0xFF
    cases["bad-crc"] = bytes(bad)
    bad = bytearray(good)
    bad[-4] ^= 0x01
    cases["bad-length"] = bytes(bad)
    cases["trailing-garbage"] = good + b"\0junk"
    # gzip inside gzip: the outer member unpacks to a gzip_packed object
    # whose packed_data is the inner member.
    inner = member(short)
    cases["nested"] = member(struct.pack("<I", GZIP_PACKED) + tl_bytes(inner))
    # A bomb: 10 MiB + 1 zero bytes (about 10 KiB packed).
    cases["bomb-10mib-plus-1"] = member(b"\0" * (10 * 1024 * 1024 + 1))
    cases["exactly-10mib"] = member(b"\0" * (10 * 1024 * 1024))
    for name, data in cases.items():
        with open(os.path.join(OUT, name + ".gz"), "wb") as f:
            f.write(data)
    # gzip's own writer, for comparison (no file name, mtime 0).
    with open(os.path.join(OUT, "python-gzip.gz"), "wb") as f:
        f.write(gzip.compress(short, mtime=0))


main()
