"""The raw reader on what Excel, WPS and LibreOffice write: Strict namespaces, cells without addresses,
merged ranges, hidden sheets, percent formats, numbers of any width, formats that do not fit."""
import io
import zipfile
from datetime import datetime
from decimal import Decimal

import pytest
from openpyxl import Workbook

from generator.errors import UnreadableWorkbook
from generator.workbook.package import Limits
from generator.workbook.xlsx import BadCell, Percent, read_xlsx
from xlsx_kit import STRICT, TRANSITIONAL, department, entries, raw_value, rewrite, set_cell, write, zipped

CT = (b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
      b'content-types"/>')
ROOT_RELS = (b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
             b'officeDocument" Target="xl/workbook.xml"/></Relationships>')


def one_sheet(sheet_data: str, merges: str = "", styles: bytes | None = None, strings: bytes | None = None) -> bytes:
    """A workbook of one sheet "S" whose <sheetData> (and <mergeCells>) are given as XML."""
    ns = TRANSITIONAL.decode()
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    rels = [f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>']
    parts = {"[Content_Types].xml": CT, "_rels/.rels": ROOT_RELS,
             "xl/workbook.xml": f'<workbook xmlns="{ns}" xmlns:r="{rel}"><sheets><sheet name="S" sheetId="1" '
                                f'r:id="rId1"/></sheets></workbook>'.encode(),
             "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{ns}"><sheetData>{sheet_data}</sheetData>{merges}'
                                         f'</worksheet>'.encode()}
    if styles is not None:
        rels.append(f'<Relationship Id="rId2" Type="{rel}/styles" Target="styles.xml"/>')
        parts["xl/styles.xml"] = styles
    if strings is not None:
        rels.append(f'<Relationship Id="rId3" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/>')
        parts["xl/sharedStrings.xml"] = strings
    parts["xl/_rels/workbook.xml.rels"] = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(rels) + "</Relationships>").encode()
    return zipped(parts)


def styles_with(*num_fmt_ids: int, custom: dict[int, str] | None = None) -> bytes:
    """styles.xml whose cellXfs i has numFmtId num_fmt_ids[i]."""
    ns = TRANSITIONAL.decode()
    fmts = "".join(f'<numFmt numFmtId="{i}" formatCode="{c}"/>' for i, c in (custom or {}).items())
    xfs = "".join(f'<xf numFmtId="{i}"/>' for i in num_fmt_ids)
    return f'<styleSheet xmlns="{ns}"><numFmts>{fmts}</numFmts><cellXfs>{xfs}</cellXfs></styleSheet>'.encode()


def cells(content: bytes, tmp_path) -> dict:
    return read_xlsx(write(tmp_path, content)).sheets["S"].cells


# ---------------------------------------------------------------- precision


def test_a_number_wider_than_decimals_28_digits_is_read_to_excels_15(tmp_path):
    got = cells(one_sheet('<row r="1"><c r="A1"><v>1.2345678901234568E+30</v></c>'
                          '<c r="B1"><v>123456789012345678901234567890</v></c>'
                          '<c r="C1"><v>1E+400</v></c><c r="D1"><v>-0</v></c></row>'), tmp_path)
    assert got[(1, 1)] == Decimal("1234567890123460000000000000000")  # 15 digits kept, as Excel shows it
    assert got[(1, 2)] == Decimal("123456789012346000000000000000")
    assert got[(1, 3)].is_nan()  # past Excel's largest number: the cell says "invalid number" later
    assert got[(1, 4)] == 0 and not got[(1, 4)].is_signed()


# ---------------------------------------------------------------- Strict Open XML


def test_strict_open_xml_is_read_like_transitional(tmp_path):
    """Excel's "Strict Open XML Spreadsheet" save type: the same parts under purl.oclc.org namespaces."""
    content = department()
    strict = rewrite(content, lambda d: d.replace(TRANSITIONAL, STRICT).replace(
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
        b"http://purl.oclc.org/ooxml/officeDocument/relationships"))
    assert STRICT in entries(strict)["xl/workbook.xml"] and TRANSITIONAL not in entries(strict)["xl/workbook.xml"]
    a = read_xlsx(write(tmp_path, content, "t.xlsx"))
    b = read_xlsx(write(tmp_path, strict, "s.xlsx"))
    assert list(a.sheets) == list(b.sheets)
    assert all(a.sheets[n].cells == b.sheets[n].cells for n in a.sheets)
    assert b.sheets["收入"].cells[(2, 2)] == Decimal("300")


# ---------------------------------------------------------------- cells and rows without r


def test_cells_and_rows_without_r_are_placed_by_order(tmp_path):
    got = cells(one_sheet('<row><c t="inlineStr"><is><t>a</t></is></c><c><v>1</v></c></row>'
                          '<row><c><v>2</v></c><c r="D2"><v>3</v></c><c><v>4</v></c></row>'
                          '<row r="7"><c><v>5</v></c></row><row/><row><c><v>6</v></c></row>'), tmp_path)
    assert got == {(1, 1): "a", (1, 2): Decimal(1), (2, 1): Decimal(2), (2, 4): Decimal(3), (2, 5): Decimal(4),
                   (7, 1): Decimal(5), (9, 1): Decimal(6)}


# ---------------------------------------------------------------- merged ranges


def test_a_merged_range_gives_its_value_to_every_cell(tmp_path):
    got = cells(one_sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>产出目标</t></is></c><c r="B1"><v>1</v></c></row>'
                          '<row r="2"><c r="B2"><v>2</v></c></row><row r="3"><c r="B3"><v>3</v></c></row>',
                          '<mergeCells count="2"><mergeCell ref="A1:A3"/><mergeCell ref="C1:C2"/></mergeCells>'),
                tmp_path)
    assert [got[(r, 1)] for r in (1, 2, 3)] == ["产出目标"] * 3
    assert (1, 3) not in got and (2, 3) not in got  # an empty merged range stays empty


def test_a_merged_range_is_filled_only_as_far_as_the_data_goes(tmp_path):
    got = cells(one_sheet('<row r="1"><c r="A1"><v>7</v></c><c r="B1"><v>8</v></c></row><row r="2"><c r="B2"><v>9</v></c></row>',
                          '<mergeCells><mergeCell ref="A1:A1048576"/></mergeCells>'), tmp_path)
    assert got[(2, 1)] == Decimal(7) and len(got) == 4


# ---------------------------------------------------------------- hidden sheets


def test_hidden_and_very_hidden_sheets_are_marked(tmp_path):
    wb = Workbook()
    wb.active.title = "可见"
    wb.create_sheet("隐藏").sheet_state = "hidden"
    wb.create_sheet("深度隐藏").sheet_state = "veryHidden"
    for ws in wb.worksheets:
        ws["A1"] = "x"
    buf = io.BytesIO()
    wb.save(buf)
    got = read_xlsx(write(tmp_path, buf.getvalue())).sheets
    assert {n: s.hidden for n, s in got.items()} == {"可见": False, "隐藏": True, "深度隐藏": True}


# ---------------------------------------------------------------- number formats


def test_percent_formats_built_in_and_custom_carry_the_fact(tmp_path):
    styles = styles_with(0, 9, 10, 170, 171, 14, custom={170: "0.0%;[Red]-0.0%", 171: "0.00&quot;%&quot;"})
    got = cells(one_sheet('<row r="1"><c r="A1" s="0"><v>0.95</v></c><c r="B1" s="1"><v>0.95</v></c>'
                          '<c r="C1" s="2"><v>0.9512</v></c><c r="D1" s="3"><v>1.05</v></c>'
                          '<c r="E1" s="4"><v>95</v></c><c r="F1" s="5"><v>44004</v></c></row>', styles=styles),
                tmp_path)
    assert got[(1, 1)] == Decimal("0.95")
    assert got[(1, 2)] == Percent(Decimal("0.95")) and got[(1, 2)].percentage == Decimal(95)
    assert got[(1, 3)].percentage == Decimal("95.12")
    assert got[(1, 4)].percentage == Decimal(105)
    assert got[(1, 5)] == Decimal(95)  # a quoted "%" is text in the format, not a percentage
    assert got[(1, 6)] == datetime(2020, 6, 22)


def test_a_date_format_on_a_value_that_is_no_date_is_named_at_its_cell(tmp_path):
    got = cells(one_sheet('<row r="1"><c r="A1" s="0"><v>1E+30</v></c><c r="B1" s="0"><v>-3</v></c>'
                          '<c r="C1" s="0" t="inlineStr"><is><t>六月</t></is></c>'
                          '<c r="D1" t="d"><v>2020-13-45</v></c><c r="E1" t="s"><v>99</v></c></row>',
                          styles=styles_with(14)), tmp_path)
    assert isinstance(got[(1, 1)], BadCell) and "不是有效日期" in got[(1, 1)].message and "1E+30" in got[(1, 1)].message
    assert isinstance(got[(1, 2)], BadCell)
    assert got[(1, 3)] == "六月"  # text in a date-formatted cell is text
    assert isinstance(got[(1, 4)], BadCell) and "2020-13-45" in got[(1, 4)].message
    assert isinstance(got[(1, 5)], BadCell) and "编号 99" in got[(1, 5)].message


def test_a_huge_number_in_a_date_formatted_money_cell_is_a_problem_at_that_cell(tmp_path):
    from generator import load
    content = set_cell(department(), "收入", "C3", 777, "yyyy-mm-dd")
    content = raw_value(content, "收入", "C3", "1.2345678901234568E+30")
    loaded = load(write(tmp_path, content))
    assert [p.place for p in loaded.errors if "不是有效日期" in p.message] == ["收入!C3"]


# ---------------------------------------------------------------- caps


def test_a_part_past_its_cap_is_refused_naming_the_part(tmp_path):
    content = one_sheet("<row r='1'><c r='A1' t='s'><v>0</v></c></row>",
                        strings=b'<sst xmlns="' + TRANSITIONAL + b'"><si><t>' + b"x" * 5000 + b"</t></si></sst>")
    with pytest.raises(UnreadableWorkbook, match="xl/sharedStrings.xml 解压后超过"):
        read_xlsx(write(tmp_path, content), limits=Limits(part_bytes=4096))
    assert read_xlsx(write(tmp_path, content)).sheets["S"].cells[(1, 1)] == "x" * 5000


def test_rows_and_columns_past_the_cap_are_refused_naming_the_cell(tmp_path):
    limits = Limits(rows=100, columns=10)
    with pytest.raises(UnreadableWorkbook, match="“S”的单元格 A101 超出可读取的范围（最多 100 行、10 列"):
        read_xlsx(write(tmp_path, one_sheet('<row r="101"><c r="A101"><v>1</v></c></row>')), limits=limits)
    with pytest.raises(UnreadableWorkbook, match="K1 超出"):
        read_xlsx(write(tmp_path, one_sheet('<row r="1"><c r="K1"><v>1</v></c></row>')), limits=limits)
    # a formatted but empty cell far away (common in real files) holds nothing and is no problem
    got = read_xlsx(write(tmp_path, one_sheet('<row r="1"><c r="A1"><v>1</v></c></row>'
                                              '<row r="1048576"><c r="XFD1048576" s="0"/></row>')), limits=limits)
    assert got.sheets["S"].cells == {(1, 1): Decimal(1)}


def test_merged_ranges_past_the_cap_are_refused(tmp_path):
    content = one_sheet('<row r="1"><c r="A1"><v>1</v></c><c r="J1"><v>1</v></c></row>'
                        '<row r="100"><c r="A100"><v>1</v></c></row>', '<mergeCells><mergeCell ref="A1:J100"/></mergeCells>')
    with pytest.raises(UnreadableWorkbook, match="合并单元格过大（A1:J100）"):
        read_xlsx(write(tmp_path, content), limits=Limits(merged_cells=500))


def bomb(path, unpacked_mb: int) -> None:
    """A workbook whose sharedStrings.xml unpacks to `unpacked_mb` MB, written in chunks (never held whole)."""
    content = one_sheet("<row r='1'><c r='A1' t='s'><v>0</v></c></row>", strings=b"")
    with zipfile.ZipFile(io.BytesIO(content)) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED,
                                                                      compresslevel=9) as dst:
        for item in src.infolist():
            if item.filename != "xl/sharedStrings.xml":
                dst.writestr(item.filename, src.read(item.filename))
        with dst.open("xl/sharedStrings.xml", "w") as fh:
            fh.write(b'<sst xmlns="' + TRANSITIONAL + b'">')
            chunk = b"<si><t>" + "赫山区商务局".encode() * 100 + b"</t></si>"
            for _ in range(unpacked_mb * 1024 * 1024 // len(chunk)):
                fh.write(chunk)
            fh.write(b"</sst>")


def test_a_shared_strings_bomb_is_refused_after_the_cap_not_unpacked(tmp_path):
    """400 MB of shared strings in a file of about a megabyte: refused at 50 MB, with what to do.
    (Peak memory measured by hand with /usr/bin/time -v: see CHANGELOG.)"""
    path = tmp_path / "bomb.xlsx"
    bomb(path, 400)
    assert path.stat().st_size < 3 * 1024 * 1024
    with pytest.raises(UnreadableWorkbook, match="xl/sharedStrings.xml 解压后超过 50 MB"):
        read_xlsx(path)


# ---------------------------------------------------------------- signatures


def ole2(*streams: str) -> bytes:
    """The start of an OLE2 compound file and directory entries naming `streams` (UTF-16LE)."""
    head = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    return head + b"".join(s.encode("utf-16-le").ljust(64, b"\0") + b"\0" * 64 for s in streams)


@pytest.mark.parametrize("content, expected", [
    (ole2("Root Entry", "Workbook", "SummaryInformation"), "这是旧版 Excel 97-2003 (.xls) 文件，请在 Excel/WPS 中另存为 .xlsx"),
    (ole2("Root Entry", "EncryptionInfo", "EncryptedPackage"), "工作簿设有打开密码"),
    (ole2("Root Entry", "WordDocument"), "这是旧版 Word (.doc) 文件"),
    (b"", "文件是空的"),
    (b"%PDF-1.7\n", "这是 PDF 文件"),
    (b"\xef\xbb\xbf<html><table><tr><td>1</td></tr></table></html>", "这是网页或 XML 格式的表格"),
    (b"\xd0\xc5,\xbd\xf0\xb6\xee\n1,2\n", "这是文本文件"),
    (zipped({"word/document.xml": b"<w/>", "[Content_Types].xml": CT}), "这是 Word 文档（.docx）"),
    (zipped({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"}), "OpenDocument"),
    (zipped({"xl/workbook.bin": b"\0", "[Content_Types].xml": CT}), "二进制工作簿（.xlsb）"),
    (zipped({"a.txt": b"hello"}), "是 zip 压缩包，但不是 Excel 工作簿"),
    (b"PK\x03\x04 not really a zip", "文件不完整或已损坏"),
])
def test_files_that_are_no_workbook_are_named_by_their_signature(tmp_path, content, expected):
    for source in (write(tmp_path, content), None):  # from the file, and from bytes already read
        with pytest.raises(UnreadableWorkbook) as err:
            read_xlsx(source or tmp_path / "x.xlsx", None if source else content)
        assert expected in str(err.value) and "File is not a zip file" not in str(err.value)
