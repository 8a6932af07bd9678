"""generator/pdf/layout.py: every built-in template passes the layout checks with its sample and with
the long case (builders.long_department), and each check fires on a PDF made to fail it."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import builders
import pytest
from click.testing import CliRunner
from conftest import SAMPLES
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from generator import load, render_docx
from generator.cli import main
from generator.pdf.layout import Finding, Line, Word, check_pages, check_pdf, layout_findings
from generator.render.registry import template_info
from pdf_support import CASES, case_id, convert, converted_cases, need_tools

LONG_TEMPLATES = ("provincial", "prefecture")


@pytest.fixture(scope="module")
def long_case(tmp_path_factory):
    """The long case rendered with the department templates whose tables and lists grow with it."""
    need_tools()
    folder = tmp_path_factory.mktemp("long")
    loaded = load(builders.write(folder / "long.xlsx", builders.long_department()))
    assert not loaded.errors, loaded.problems
    docs = {}
    for template in LONG_TEMPLATES:
        docx = folder / f"{template}--long.docx"
        docx.write_bytes(render_docx(loaded, template_info(template)))
        docs[template] = (docx, docx.with_suffix(".pdf"))
    return convert(docs)


@pytest.mark.pdf
@pytest.mark.parametrize("template,sample", CASES)
def test_every_template_with_its_sample_passes_the_layout_checks(template, sample, tmp_path_factory):
    pdf = converted_cases(tmp_path_factory.mktemp("pdf"))[case_id(template, sample)][1]
    assert check_pdf(pdf) == []


@pytest.mark.pdf
@pytest.mark.parametrize("template", LONG_TEMPLATES)
def test_the_long_case_passes_the_layout_checks(template, long_case):
    assert check_pdf(long_case[template][1]) == []


@pytest.mark.pdf
def test_the_long_case_is_long(long_case):
    """What the long case must exercise: 13-character figures printed whole, the evaluators over two
    pages, the blocks on the page where the list ends."""
    import subprocess

    text = subprocess.run(["pdftotext", "-layout", str(long_case["prefecture"][1]), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "12,345,678.90" in text and "-1,234,567.89" in text
    pages = text.split("\f")
    with_list = [n for n, page in enumerate(pages) if "职务/职称" in page]
    with_blocks = [n for n, page in enumerate(pages) if "财政部门归口业务科室意见" in page]
    assert len(with_list) >= 2 and with_blocks == with_list[-1:]


# --- each check fires on a PDF made to fail it ------------------------------------------------

def gb_document() -> Document:
    """A blank document on the GB/T 9704 page, body in 16 pt 仿宋 (without the templates' 28-a-line
    condensing, so its full lines carry 27 characters)."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = Mm(37), Mm(35), Mm(28), Mm(26)
    style = doc.styles["Normal"]
    style.font.size = Pt(16)
    style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋_GB2312")
    return doc


def page_break(doc):
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def score_table(doc, rows, total):
    table = doc.add_table(rows=0, cols=4)
    table.style = "Table Grid"
    for cells in [("项目", "依据", "分值", "得分"), *rows, ("综合得分", "", "", total)]:
        row = table.add_row()
        for cell, text in zip(row.cells, cells):
            cell.text = text
            for run in cell.paragraphs[0].runs:
                run.font.size = Pt(9)
    return table


def narrow_figure(doc):
    table = doc.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.autofit = False
    for cell, width, text in zip(table.rows[0].cells, (Mm(60), Mm(12)), ("收入合计", "1,234,567.89")):
        cell.width = width
        cell.text = text
        cell.paragraphs[0].runs[0].font.size = Pt(9)
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), (Mm(60), Mm(12))):
        col.set(qn("w:w"), str(int(width.twips)))


def faulty_documents() -> dict[str, Document]:
    body = "本单位严格执行预算管理制度，加强资金使用管理，提高财政资金使用效益。" * 6
    docs = {}
    doc = gb_document()
    doc.add_paragraph(body)
    docs["lines"] = doc
    doc = gb_document()
    doc.add_paragraph("评价组组长（签字）：")
    doc.add_paragraph("部门（单位）意见：")
    page_break(doc)
    doc.add_paragraph("财政部门归口业务科室意见：" + body)
    docs["blocks"] = doc
    doc = gb_document()
    people = doc.add_table(rows=2, cols=4)
    people.style = "Table Grid"
    for cell, text in zip(people.rows[0].cells + people.rows[1].cells,
                          ("姓名", "职务/职称", "单位", "签字", "王组长", "局长", "测试县商务局", "")):
        cell.text = text
    page_break(doc)
    for label in ("评价组组长（签字）：", "部门（单位）意见：", "财政部门归口业务科室意见："):
        doc.add_paragraph(label)
    docs["list"] = doc
    doc = gb_document()
    doc.add_paragraph(body * 3)
    page_break(doc)
    doc.add_paragraph("某某局").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    docs["empty"] = doc
    doc = gb_document()
    doc.add_paragraph(body * 2)
    title = doc.add_paragraph("年度收入情况")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    page_break(doc)
    score_table(doc, [("甲", "", "10.00", "9.00")], "9.00")
    docs["title"] = doc
    doc = gb_document()
    doc.add_paragraph(body)
    score_table(doc, [("甲", "达到指标值", "10.00", "9.00"), ("乙", "达到指标值", "10.00", "8.00")], "18.00")
    narrow_figure(doc)
    docs["table"] = doc
    return docs


@pytest.fixture(scope="module")
def faulty(tmp_path_factory):
    need_tools()
    folder = tmp_path_factory.mktemp("faulty")
    docs = {}
    for name, doc in faulty_documents().items():
        doc.save(folder / f"{name}.docx")
        docs[name] = (folder / f"{name}.docx", folder / f"{name}.pdf")
    return {name: check_pdf(pdf) for name, (_, pdf) in convert(docs).items()}


@pytest.mark.pdf
@pytest.mark.parametrize("name,page,words", [
    ("lines", 1, "正文每行27字，应为28字"),
    ("blocks", 1, "签字审批栏被分在第1–2页"),
    ("list", 2, "评价人员名单与签字审批栏不在同一页"),
    ("empty", 2, "本页几乎没有内容"),
    ("title", 1, "表格标题“年度收入情况”在页末"),
    ("table", 1, "得分列合计17.00，表中打印的总分为18.00"),
    ("table", 1, "数字“1,234,567.89”在表格单元格中被折成两行"),
])
def test_each_check_fires_on_a_pdf_made_to_fail_it(faulty, name, page, words):
    assert any(f.page == page and words in f.message for f in faulty[name]), faulty[name]


# --- the checks on word boxes, without LibreOffice ---------------------------------------------

def line(y, *words):
    """A line at height y (pt from the top) of (text, x0, x1) words, 9 pt table text."""
    return Line([Word(text, x0, y, x1, y + 11.7) for text, x0, x1 in words])


def test_a_figure_split_in_its_cell_is_found_and_two_rows_are_not():
    split = [line(200, ("15.0", 400, 420)), line(212, ("0", 415, 420))]
    rows = [line(200, ("15.00", 400, 425)), line(212, ("10.00", 400, 425))]
    text = [line(200, ("340", 300, 315), ("亿元，增速", 318, 380)), line(212, ("66.57", 300, 325))]
    filler = [line(120 + 14 * i, ("正文正文正文正文正文正文正文正文正文正文", 100, 400)) for i in range(3)]
    assert check_pages([filler + split]) == [Finding(1, "数字“15.00”在表格单元格中被折成两行")]
    assert check_pages([filler + rows]) == [] and check_pages([filler + text]) == []


def test_scores_are_added_under_the_score_header_only():
    filler = [line(120 + 14 * i, ("正文正文正文正文正文正文正文正文正文正文", 100, 400)) for i in range(3)]
    table = [line(200, ("评分项目", 100, 140), ("计分依据", 250, 290), ("分值", 440, 455), ("得分", 480, 495)),
             line(214, ("甲", 100, 110), ("= 9.65", 300, 330), ("10.00", 435, 460), ("9.65", 478, 498)),
             line(228, ("乙", 100, 110), ("10.00", 435, 460), ("10.00", 476, 500)),
             line(242, ("绩效自评综合得分", 100, 180), ("19.65", 476, 500))]
    assert check_pages([filler + table]) == []
    wrong = table[:-1] + [line(242, ("绩效自评综合得分", 100, 180), ("20.00", 476, 500))]
    assert check_pages([filler + wrong]) == [Finding(1, f"得分列合计{Decimal('19.65')}，表中打印的总分为20.00")]


def test_genreport_pdf_prints_layout_findings_as_warnings(tmp_path, monkeypatch):
    """The --pdf hook: findings of each PDF written, prefixed 版面检查 (here a stand-in check)."""
    calls = []

    def fake_to_pdf(paths, force=False, preview=False):
        calls.append(paths)
        pdf = paths[0].with_suffix(".pdf")
        pdf.write_bytes(b"%PDF-1.4")
        return [pdf]

    monkeypatch.setattr("generator.cli.to_pdf", fake_to_pdf)
    monkeypatch.setattr("generator.cli.font_problems", lambda: [])
    monkeypatch.setattr("generator.cli.layout_findings",
                        lambda path: [Finding(3, "签字审批栏被分在第3–4页，应在同一页")] if path.suffix == ".pdf" else [])
    template, sample = CASES[-1]
    result = CliRunner().invoke(main, ["render", str(SAMPLES / sample), "-t", template, "-o", str(tmp_path), "--pdf"])
    assert result.exit_code == 0, result.output
    assert calls
    assert "警告：版面检查：" in result.output and "第3页：签字审批栏被分在第3–4页" in result.output


def test_layout_findings_skip_files_that_are_not_pdfs(tmp_path):
    assert layout_findings(Path(tmp_path / "a.png")) == []
