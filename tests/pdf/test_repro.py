"""make_reproducible on small PDFs built here, shaped like LibreOffice's (no LibreOffice needed).

LibreOffice writes the embedded font subsets in an order that depends on memory addresses in the
office process; about one export in thirty came out with another order (and so other object
numbers) than the rest, which made test_pdf.py::test_same_docx_gives_the_same_pdf_bytes flaky.
"""
import re

from generator.pdf.repro import make_reproducible

# Two font subsets as LibreOffice embeds them: file stream, its length, descriptor, ToUnicode, font.
FONTS = {
    "BAAAAA+NotoSerifCJKjp-Regular": b"serif font program \x00\x01\x02 4 0 R",
    "CAAAAA+GBZenKai-Medium": b"kai font program \xff\xfe",
}


def font_objects(first: int, name: str, program: bytes) -> dict[int, bytes]:
    cmap = b"/CIDInit /ProcSet findresource begin " + name.encode()
    return {
        first: b"<</Length %d 0 R/Length1 %d>>\nstream\n%s\nendstream" % (first + 1, len(program), program),
        first + 1: b"%d" % len(program),
        first + 2: b"<</Type/FontDescriptor/FontName/%s\n/Flags 4\n/FontFile2 %d 0 R\n>>" % (name.encode(), first),
        first + 3: b"<</Length %d>>\nstream\n%s\nendstream" % (len(cmap), cmap),
        first + 4: b"<</Type/Font/Subtype/TrueType/BaseFont/%s\n/FontDescriptor %d 0 R\n/ToUnicode %d 0 R\n>>"
                   % (name.encode(), first + 2, first + 3),
    }


def build(order: list[str]) -> bytes:
    """A one-page PDF whose /F1 is the serif subset and /F2 the kai one, the fonts written in `order`."""
    at = {name: 6 + 5 * i for i, name in enumerate(order)}
    font_dict = {name: at[name] + 4 for name in order}
    content = b"BT /F1 12 Tf (A) Tj /F2 12 Tf (B) Tj ET"
    objects = {
        1: b"<</Type/Catalog/Pages 2 0 R>>",
        2: b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        3: b"<</Type/Page/Parent 2 0 R/Resources 5 0 R/MediaBox[0 0 595 842]/Contents 4 0 R>>",
        4: b"<</Length %d>>\nstream\n%s\nendstream" % (len(content), content),
        5: b"<</Font<</F1 %d 0 R/F2 %d 0 R>>>>" % (font_dict["BAAAAA+NotoSerifCJKjp-Regular"],
                                                  font_dict["CAAAAA+GBZenKai-Medium"]),
    }
    for name in order:
        objects.update(font_objects(at[name], name, FONTS[name]))
    out = bytearray(b"%PDF-1.6\n")
    offsets = {}
    for n in sorted(objects):
        offsets[n] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n\n" % (n, objects[n])
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for n in sorted(objects):
        out += b"%010d 00000 n \n" % offsets[n]
    out += (b"trailer\n<</Size %d/Root 1 0 R\n/ID [ <%s>\n<%s> ]\n/DocChecksum /%s\n>>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objects) + 1, b"0" * 32, b"1" * 32, b"2" * 32, xref))
    return bytes(out)


def objects_of(pdf: bytes) -> dict[int, bytes]:
    """Each object by number, found through the cross-reference table (so the table is checked too)."""
    xref = int(re.search(rb"startxref\s+(\d+)", pdf).group(1))
    table = pdf[xref:pdf.index(b"trailer", xref)].split(b"\n")[2:]
    found = {}
    for n, line in enumerate(table):
        offset, _, kind = line.split()[:3] if line.strip() else (b"", b"", b"")
        if kind == b"n":
            obj = pdf[int(offset):]
            assert obj.startswith(b"%d 0 obj" % n), (n, obj[:20])
            found[n] = obj[:obj.index(b"endobj")]
    return found


def font_named(pdf: bytes, resource: str) -> tuple[str, bytes]:
    """(BaseFont, font program) that the page's resource name leads to, following every reference."""
    objs = objects_of(pdf)
    ref = lambda text, key: int(re.search(rb"/%s\s*(\d+) 0 R" % key, text).group(1))  # noqa: E731
    font = objs[ref(objs[ref(objs[3], b"Resources")], resource.encode())]
    descriptor = objs[ref(font, b"FontDescriptor")]
    stream = objs[ref(descriptor, b"FontFile2")]
    length = int(objs[ref(stream, b"Length")].split(b"obj", 1)[1])
    data = stream.split(b"stream\n", 1)[1][:length]
    return re.search(rb"/BaseFont/(\S+)", font).group(1).decode(), data


def test_fonts_written_in_either_order_give_the_same_bytes():
    usual = build(["BAAAAA+NotoSerifCJKjp-Regular", "CAAAAA+GBZenKai-Medium"])
    swapped = build(["CAAAAA+GBZenKai-Medium", "BAAAAA+NotoSerifCJKjp-Regular"])
    assert usual != swapped
    assert make_reproducible(usual) == make_reproducible(swapped)


def test_renumbered_fonts_still_lead_from_each_resource_name_to_its_own_program():
    swapped = make_reproducible(build(["CAAAAA+GBZenKai-Medium", "BAAAAA+NotoSerifCJKjp-Regular"]))
    assert b"/DocChecksum" not in swapped  # the file was rebuilt, not returned as it came
    assert font_named(swapped, "F1") == ("BAAAAA+NotoSerifCJKjp-Regular", FONTS["BAAAAA+NotoSerifCJKjp-Regular"])
    assert font_named(swapped, "F2") == ("CAAAAA+GBZenKai-Medium", FONTS["CAAAAA+GBZenKai-Medium"])


def test_text_that_looks_like_a_reference_inside_a_font_program_is_left_alone():
    # the serif program contains the bytes "4 0 R"; object 4 is the page content and is not renumbered,
    # but stream data is never searched for references at all
    fixed = make_reproducible(build(["CAAAAA+GBZenKai-Medium", "BAAAAA+NotoSerifCJKjp-Regular"]))
    assert font_named(fixed, "F1")[1].endswith(b" 4 0 R")


def test_a_pdf_of_an_unknown_shape_is_returned_unchanged():
    data = b"%PDF-1.6\nnot a cross-reference table\n%%EOF\n"
    assert make_reproducible(data) == data
