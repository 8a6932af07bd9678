"""The print layout rules of the built-in templates (issue 10), checked on the .docx themselves, so an
edit made in Word or WPS that breaks one is caught without LibreOffice. The PDF side of the same
rules is tests/pdf/test_layout.py."""
from __future__ import annotations

import re
import zipfile

import pytest
from lxml import etree
from generator.render.registry import TEMPLATES_DIR, registry

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ALL = sorted(TEMPLATES_DIR.rglob("*.docx"))
TEMPLATES = [TEMPLATES_DIR / info.file for info in registry().values()]
MM = 1440 / 25.4
TEXT_WIDTH, TEXT_HEIGHT = 156 * MM, 225 * MM
# rows of free text that may be longer than a page (the 基础数据表's 职能职责, 工作内容, 运行情况)
MAY_SPLIT = ("职能职责概述", "年度主要工作内容", "年度部门（单位）")


def xml(docx, name):
    with zipfile.ZipFile(docx) as z:
        return etree.fromstring(z.read(name))


def text(node) -> str:
    return "".join(node.itertext())


@pytest.mark.parametrize("docx", TEMPLATES, ids=lambda p: p.name)
def test_document_grid_is_28_characters_by_22_lines(docx):
    grid = xml(docx, "word/document.xml").find(f".//{W}sectPr/{W}docGrid")
    assert grid.get(f"{W}type") == "linesAndChars"
    pitch = int(grid.get(f"{W}linePitch"))
    assert 22 * pitch <= TEXT_HEIGHT < 23 * pitch
    # Word's character pitch: the body size plus charSpace/4096 pt; 28 of them fill the line
    char_pt = 16 + int(grid.get(f"{W}charSpace")) / 4096
    assert int(TEXT_WIDTH / 20 / char_pt) == 28
    # the body text is set as closely without the grid (see README 内置模板): 28 characters fit
    normal = xml(docx, "word/styles.xml").find(f"{W}style[@{W}styleId='Normal']")
    spacing = int(normal.find(f"{W}rPr/{W}spacing").get(f"{W}val")) / 20
    assert int(TEXT_WIDTH / 20 / (16 + spacing)) == 28


def tables(docx):
    return list(xml(docx, "word/document.xml").iter(f"{W}tbl"))


@pytest.mark.parametrize("docx", ALL, ids=lambda p: p.name)
def test_column_widths_agree_between_grid_and_cells(docx):
    """WPS lays a table out by w:tblGrid: each cell's width is the width of the grid columns it spans."""
    for tbl in tables(docx):
        grid = [int(g.get(f"{W}w")) for g in tbl.find(f"{W}tblGrid")]
        width = tbl.find(f"{W}tblPr/{W}tblW")
        assert width.get(f"{W}type") == "dxa" and int(width.get(f"{W}w")) == sum(grid)
        assert sum(grid) <= TEXT_WIDTH + 2
        for tr in tbl.findall(f"{W}tr"):
            col = 0
            for tc in tr.findall(f"{W}tc"):
                span = tc.find(f"{W}tcPr/{W}gridSpan")
                n = int(span.get(f"{W}val")) if span is not None else 1
                assert int(tc.find(f"{W}tcPr/{W}tcW").get(f"{W}w")) == sum(grid[col:col + n]), text(tr)[:30]
                col += n
            assert col == len(grid), text(tr)[:30]


@pytest.mark.parametrize("docx", ALL, ids=lambda p: p.name)
def test_rows_do_not_split_and_headers_repeat(docx):
    for tbl in tables(docx):
        rows = tbl.findall(f"{W}tr")
        for tr in rows:
            if not text(tr).startswith(MAY_SPLIT):
                assert tr.find(f"{W}trPr/{W}cantSplit") is not None, text(tr)[:30]
        loops = [i for i, tr in enumerate(rows) if "{%tr for" in text(tr)]
        # the rows above a row loop are its header, repeated on each page (unless they hold data, as
        # the 项目名称 rows of the project 自评表's small 资金 table: a header must be the first rows)
        if loops and loops[0] > 0 and not any("{{" in text(tr) for tr in rows[:loops[0]]):
            assert all(tr.find(f"{W}trPr/{W}tblHeader") is not None for tr in rows[:loops[0]]), text(rows[0])[:30]


def caption_styles(docx):
    body = xml(docx, "word/document.xml").find(f"{W}body")
    for p in body.findall(f"{W}p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        yield p, style.get(f"{W}val") if style is not None else "Normal"


@pytest.mark.parametrize("docx", ALL, ids=lambda p: p.name)
def test_titles_and_unit_lines_keep_with_their_table(docx):
    styles = xml(docx, "word/styles.xml")
    keeps = {s.get(f"{W}styleId") for s in styles.findall(f"{W}style") if s.find(f"{W}pPr/{W}keepNext") is not None}
    for p, style in caption_styles(docx):
        if style in ("表格标题", "表注", "附件标题") or (style == "表头" and text(p).strip()):
            assert style in keeps or p.find(f"{W}pPr/{W}keepNext") is not None, text(p)


@pytest.mark.parametrize("docx", ALL, ids=lambda p: p.name)
def test_header_labels_break_between_words(docx):
    """A long header label is set on lines broken at word boundaries, never left to wrap mid-word."""
    for label in ("纳入专户管理的非税收入拨款", "偏差原因分析及改进措施", "整体支出绩效定性目标及实施计划完成情况"):
        for tbl in tables(docx):
            for run in tbl.iter(f"{W}r"):
                if text(run) == label:
                    assert len(run.findall(f"{W}br")) >= 1, f"{label} without line breaks in {docx.name}"


def test_sign_rows_leave_room_to_sign():
    body = xml(TEMPLATES_DIR / "blocks" / "signatures.docx", "word/document.xml")
    heights = {}
    for tr in body.iter(f"{W}tr"):
        h = tr.find(f"{W}trPr/{W}trHeight")
        if h is not None:
            heights[re.sub(r"\s", "", text(tr))[:8]] = int(h.get(f"{W}val")) / MM
    assert heights["{{e.姓名}}"] >= 10
    assert heights["评价组组长（签字"] >= 30 and heights["部门（单位）意见"] >= 30 and heights["财政部门归口业务"] >= 30
