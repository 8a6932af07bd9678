"""The single-unit pages: upload, problems by cell, score table, downloads, blank workbooks, links."""
from __future__ import annotations

import io

import pytest
from docx import Document
from openpyxl import load_workbook
from web_support import CLEAN, PROJECT, WRONG, WRONG_CELLS, client, table_rows, xlsx


@pytest.fixture
def web(tmp_path):
    with client(tmp_path / "data") as c:
        yield c


def submit(web, path, template="provincial", **data):
    r = web.post("/check", files={"file": xlsx(path)}, data={"template": template, **data}, follow_redirects=False)
    assert r.status_code == 303
    return r.headers["location"]


def test_front_page_offers_every_template_and_both_blank_workbooks(web):
    from generator.render.registry import registry
    html = web.get("/").text
    for name in registry():
        assert f'<option value="{name}">' in html
    assert 'href="/blank/department.xlsx"' in html and 'href="/blank/project.xlsx"' in html


def test_errors_show_as_a_table_of_sheet_cell_problem_severity(web):
    html = web.get(submit(web, WRONG)).text
    assert "<th>工作表</th><th>单元格</th><th>问题</th><th>严重程度</th>" in html
    rows = table_rows(html, "problems")
    assert {(r[0], r[1]) for r in rows if r[3] == "错误"} == WRONG_CELLS
    assert "有错误，未生成报告" in html and "report.docx" not in html


def test_clean_workbook_shows_scores_and_gives_the_report(web):
    location = submit(web, CLEAN)
    html = web.get(location).text
    assert "报告已生成" in html
    # the score table with its working: every row of the library's score sheet, with its 计分依据
    from generator import load
    loaded = load(CLEAN)
    for row in loaded.scores.sheet.rows:
        assert f"<td>{row.indicator}</td>" in html
    assert f"综合得分：{loaded.scores.sheet.total:.2f}" in html
    r = web.get(f"{location}/report.docx")
    assert r.status_code == 200
    assert "赫山区商务局" in "\n".join(p.text for p in Document(io.BytesIO(r.content)).paragraphs)


def test_project_workbook_shows_each_projects_scores(web):
    from generator import load
    loaded = load(PROJECT)
    html = web.get(submit(web, PROJECT, template="project")).text
    for name in loaded.scores.projects:
        assert f"项目支出绩效自评评分：{name}" in html


def test_result_links_are_unguessable_and_wrong_ones_404(web):
    first, second = submit(web, CLEAN), submit(web, CLEAN)
    ids = [first.rsplit("/", 1)[1], second.rsplit("/", 1)[1]]
    assert ids[0] != ids[1]
    assert all(len(i) >= 22 for i in ids)  # token_urlsafe(16): 128 random bits
    assert web.get("/r/1").status_code == 404
    assert web.get(f"/r/{ids[0][:-1]}").status_code == 404
    assert web.get(f"{first}/report.pdf").status_code == 404  # no PDF was asked for


def test_client_file_name_is_never_a_path(web, tmp_path):
    r = web.post("/check", files={"file": ("../../evil.xlsx", CLEAN.read_bytes())}, data={"template": "provincial"},
                 follow_redirects=False)
    sid = r.headers["location"].rsplit("/", 1)[1]
    data = tmp_path / "data"
    assert not (tmp_path / "evil.xlsx").exists() and not list(data.rglob("evil.xlsx"))
    assert sorted(p.name for p in (data / "submissions" / sid).iterdir()) == ["input.xlsx", "report.docx"]
    assert "evil.xlsx" in web.get(r.headers["location"]).text  # shown, as text


def test_a_non_workbook_upload_gets_a_chinese_error_page(web):
    r = web.post("/check", files={"file": ("a.xlsx", b"plain text")}, data={"template": "provincial"})
    assert r.status_code == 400
    assert "不是 .xlsx 工作簿" in r.text and "<html" in r.text


def test_page_markup_is_escaped(web, tmp_path):
    import builders
    data = builders.department()
    data["单位信息"][0]["单位名称"] = "<script>alert(1)</script>局"
    html = web.get(submit(web, builders.write(tmp_path / "x.xlsx", data))).text
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html


@pytest.mark.parametrize("kind", ["department", "project"])
def test_blank_workbook_is_the_init_workbook(web, kind):
    from generator.kinds.registry import KINDS
    from generator.workbook.writer import workbook_bytes
    r = web.get(f"/blank/{kind}.xlsx")
    assert r.status_code == 200
    assert r.content == workbook_bytes(KINDS[kind].sheets, title=KINDS[kind].init_title)
    assert "填表说明" in load_workbook(io.BytesIO(r.content)).sheetnames
    assert web.get("/blank/other.xlsx").status_code == 404


@pytest.mark.pdf
def test_pdf_and_page_previews(web):
    from generator.pdf.office import find_soffice
    import os
    if not find_soffice():
        if os.environ.get("CI"):
            pytest.fail("the PDF test needs LibreOffice: run .ci/setup")
        pytest.skip("LibreOffice is not installed")
    location = submit(web, CLEAN, pdf="1")
    html = web.get(location).text
    assert 'id="download-pdf"' in html and "页面预览" in html
    assert web.get(f"{location}/report.pdf").content.startswith(b"%PDF")
    png = web.get(f"{location}/page-1.png")
    assert png.status_code == 200 and png.content.startswith(b"\x89PNG")
    pages = html.count('<img src="/r/')
    assert pages > 1 and web.get(f"{location}/page-{pages}.png").status_code == 200
    assert web.get(f"{location}/page-{pages + 1}.png").status_code == 404
    assert web.get(f"{location}/page-0.png").status_code == 404
