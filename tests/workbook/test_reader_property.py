"""Property: whatever is done to a real workbook's XML, reading and loading it raise nothing but
UnreadableWorkbook; everything else is a Problem with its place."""
from __future__ import annotations

import io
import re
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SAMPLES
from generator import load
from generator.errors import Problem, UnreadableWorkbook

ORIGINAL = (SAMPLES / "003-heshan-2024.xlsx").read_bytes()
with zipfile.ZipFile(io.BytesIO(ORIGINAL)) as _z:
    PARTS = {i.filename: _z.read(i.filename) for i in _z.infolist()}
XML_PARTS = sorted(n for n in PARTS if n.endswith((".xml", ".rels")))
_ATTRIBUTE = re.compile(rb'([A-Za-z:]+)="([^"]*)"')

# Pieces that matter to a spreadsheet reader: addresses, types, styles, numbers, escapes, markup.
TOKENS = [b"<", b">", b"/>", b'"', b"=", b"&", b"&#0;", b"&amp;", b"<v>", b"</v>", b"<c>", b"</c>", b"<row>", b"</row>",
          b' r="A1"', b' r="XFD1048576"', b' r="0"', b' t="s"', b' t="d"', b' t="b"', b' t="e"', b' t="str"',
          b' t="inlineStr"', b' s="1"', b' s="99999"', b' state="hidden"', b"1E+400", b"-0", b"NaN", b"sNaN", b"-Infinity", b"1e-400",
          b"123456789012345678901234567890", b"_xFFFE_", b"_xD800_", b"_x0000_", b"\xef\xbf\xbe", b"\xff",
          b"\xe2\x80\xae", b"99999999999", b'<mergeCell ref="A1:XFD1048576"/>', b'<numFmt numFmtId="9" formatCode="0%"/>']
VALUES = [b"", b"0", b"-1", b"A0", b"ZZZZ1", b"1048577", b"s", b"n", b"d", b"e", b"9", b"10", b"14", b"hidden",
          b"veryHidden", b"rId999", b"../../../etc/passwd", b"/xl/worksheets/sheet1.xml", b"A1:A1048576", b"\xe6\x96\x87",
          b"0.00%", b"yyyy-mm-dd", b"1E+30", b"sNaN", b"Infinity"]


@st.composite
def mutation(draw):
    """(part, new bytes) or ("<zip>", cut length)."""
    if draw(st.integers(0, 19)) == 0:
        return "<zip>", draw(st.integers(0, len(ORIGINAL) - 1))
    name = draw(st.sampled_from(XML_PARTS))
    data = bytearray(PARTS[name])
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["flip", "delete", "insert", "attribute"]))
        pos = draw(st.integers(0, max(len(data) - 1, 0)))
        if op == "flip" and data:
            data[pos] ^= 1 << draw(st.integers(0, 7))
        elif op == "delete":
            del data[pos:pos + draw(st.integers(1, 40))]
        elif op == "insert":
            data[pos:pos] = draw(st.sampled_from(TOKENS))
        else:
            found = list(_ATTRIBUTE.finditer(data))
            if found:
                m = found[draw(st.integers(0, len(found) - 1))]
                data[m.start(2):m.end(2)] = draw(st.sampled_from(VALUES))
    return name, bytes(data)


def mutated(change) -> bytes:
    name, new = change
    if name == "<zip>":
        return ORIGINAL[:new]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        for n, d in PARTS.items():
            z.writestr(n, new if n == name else d)
    return buf.getvalue()


@settings(max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutation())
def test_a_mutated_workbook_gives_problems_or_unreadable_never_another_error(tmp_path_factory, change):
    path = tmp_path_factory.mktemp("m") / "mutated.xlsx"
    path.write_bytes(mutated(change))
    try:
        loaded = load(path)
    except UnreadableWorkbook as exc:
        assert str(path) in str(exc)
        return
    assert all(isinstance(p, Problem) and p.message for p in loaded.problems)
