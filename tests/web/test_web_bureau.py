"""A bureau's collection: upload links, statuses, re-uploads, the zip with 汇总.xlsx, the password, a restart."""
from __future__ import annotations

import io
import sys
import zipfile
from concurrent.futures import ThreadPoolExecutor

import pytest
from click.testing import CliRunner
from docx import Document
from openpyxl import load_workbook
from web_support import CLEAN, WRONG, client, links, table_rows, xlsx

from generator.cli import main
from generator.errors import UsageError
from generator.web.serve import settings_for


def create(web, units="赫山区商务局\n湘西州商务局", year="2024", template="provincial") -> str:
    r = web.post("/c", data={"name": "2024年度部门整体支出绩效自评", "year": year, "template": template,
                             "rules": "hunan", "units": units}, follow_redirects=False)
    assert r.status_code == 303, r.text
    return r.headers["location"]


def upload(web, token, path):
    r = web.post(f"/u/{token}", files={"file": xlsx(path)}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/u/{token}"


@pytest.fixture
def web(tmp_path):
    with client(tmp_path / "data") as c:
        yield c


def test_collection_lists_units_with_status_score_grade_and_problems(web):
    page = create(web, units="赫山区商务局\n湘西州商务局\n未交单位")
    tokens = links(web.get(page).text, "u")
    assert len(tokens) == 3 and len(set(tokens)) == 3 and all(len(t) >= 22 for t in tokens)
    upload(web, tokens[0], CLEAN)
    upload(web, tokens[1], WRONG)
    rows = table_rows(web.get(page).text, "units")
    from generator import load
    clean = load(CLEAN)
    assert [r[:2] for r in rows] == [["赫山区商务局", "已生成"], ["湘西州商务局", "有错误"], ["未交单位", "未提交"]]
    assert rows[0][2:4] == [str(clean.scores.total), clean.scores.grade]
    assert rows[0][4] == str(len(clean.problems))
    assert rows[1][4] == "6" and rows[1][2:4] == ["", ""]  # 5 errors, and a warning: 2019's workbook, not 2024's
    assert rows[2][4:6] == ["", ""]
    assert rows[0][5] and rows[1][5]  # submission time


def test_zip_has_every_report_and_the_batch_summary(web):
    page = create(web, units="赫山区商务局\n湘西州商务局\n未交单位")
    tokens = links(web.get(page).text, "u")
    upload(web, tokens[0], CLEAN)
    upload(web, tokens[1], WRONG)
    r = web.get(f"{page}/download.zip")
    assert r.status_code == 200
    with zipfile.ZipFile(io.BytesIO(r.content)) as z:
        docx = [n for n in z.namelist() if n.endswith(".docx")]
        assert sorted(z.namelist()) == sorted(docx + ["汇总.xlsx"]) and len(docx) == 1
        assert "赫山区商务局" in docx[0]
        Document(io.BytesIO(z.read(docx[0])))
        wb = load_workbook(io.BytesIO(z.read("汇总.xlsx")))
    summary = [[c.value for c in row] for row in wb["汇总"].iter_rows(min_row=2)]
    assert [(r[1], r[3]) for r in summary] == [("赫山区商务局", "成功"), ("湘西州商务局", "失败"), ("未交单位", "失败")]
    assert summary[0][7] == docx[0]
    assert summary[1][6] == 6 and summary[2][8] == "未提交"  # 5 errors and the warning of another year
    problems = [[c.value for c in row] for row in wb["问题"].iter_rows(min_row=2)]
    assert {(p[1], p[2]) for p in problems if p[0] == "002-xiangxi-2019.xlsx" and p[3] == "错误"} == {
        ("支出明细", c) for c in ("D2", "D3", "D89", "D92", "D93")}


def test_two_units_with_the_same_report_name_both_reach_the_zip(web):
    page = create(web, units="甲\n乙")
    for token in links(web.get(page).text, "u"):
        upload(web, token, CLEAN)
    names = zipfile.ZipFile(io.BytesIO(web.get(f"{page}/download.zip").content)).namelist()
    first = next(n for n in names if "赫山区" in n and "(2)" not in n)
    assert sorted(n for n in names if n.endswith(".docx")) == sorted([first, first.removesuffix(".docx") + "(2).docx"])


def test_reupload_replaces_the_report_and_keeps_the_previous_upload(web, tmp_path):
    page = create(web, units="赫山区商务局")
    token = links(web.get(page).text, "u")[0]
    upload(web, token, WRONG)
    upload(web, token, CLEAN)
    html = web.get(f"/u/{token}").text
    assert '<span class="status-已生成" id="status">已生成</span>' in html
    history = links(html, "r")
    assert len(history) == 2
    # both uploads are kept as received
    kept = sorted((tmp_path / "data" / "submissions" / sid / "input.xlsx").read_bytes() for sid in history)
    assert kept == sorted([WRONG.read_bytes(), CLEAN.read_bytes()])
    assert table_rows(web.get(page).text, "units")[0][1] == "已生成"


def test_workbook_of_another_year_gets_a_warning(web):
    page = create(web, units="赫山区商务局", year="2023")
    token = links(web.get(page).text, "u")[0]
    upload(web, token, CLEAN)
    assert "工作簿的年度是 2024，收集任务要求的是 2023 年度" in web.get(f"/u/{token}").text


def test_two_uploads_at_once_are_both_kept(web):
    page = create(web, units="甲\n乙")
    tokens = links(web.get(page).text, "u")
    jobs = [(tokens[0], CLEAN), (tokens[1], CLEAN), (tokens[0], WRONG), (tokens[1], CLEAN)]
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda job: upload(web, *job), jobs))
    assert len(links(web.get(f"/u/{tokens[0]}").text, "r")) == 2
    assert len(links(web.get(f"/u/{tokens[1]}").text, "r")) == 2
    assert table_rows(web.get(page).text, "units")[1][1] == "已生成"


def test_unknown_upload_link_is_404(web):
    assert web.get("/u/not-a-token").status_code == 404
    assert web.post("/u/not-a-token", files={"file": xlsx(CLEAN)}).status_code == 404


def test_bad_collection_form_is_400(web):
    r = web.post("/c", data={"name": "x", "year": "24", "template": "provincial", "rules": "hunan"})
    assert r.status_code == 400 and "年度" in r.text
    r = web.post("/c", data={"name": "x", "year": "2024", "template": "nope", "rules": "hunan"})
    assert r.status_code == 400


def test_restart_on_the_same_data_folder_loses_nothing(tmp_path):
    with client(tmp_path / "data") as first:
        page = create(first, units="赫山区商务局\n湘西州商务局")
        token = links(first.get(page).text, "u")[0]
        upload(first, token, CLEAN)
        before = first.get(f"{page}/download.zip").content
    with client(tmp_path / "data") as second:
        assert page.rsplit("/", 1)[1] in links(second.get("/c").text, "c")
        rows = table_rows(second.get(page).text, "units")
        assert [r[:2] for r in rows] == [["赫山区商务局", "已生成"], ["湘西州商务局", "未提交"]]
        assert second.get(f"/u/{token}").status_code == 200
        after = second.get(f"{page}/download.zip").content
    assert zipfile.ZipFile(io.BytesIO(after)).namelist() == zipfile.ZipFile(io.BytesIO(before)).namelist()


# the password

def test_bureau_pages_need_the_password_when_one_is_set(tmp_path):
    with client(tmp_path / "data", password="s3cret") as web:
        r = web.get("/c", follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/login?next=/c"
        assert web.post("/c", data={"name": "x", "year": "2024"}, follow_redirects=False).status_code == 303
        assert web.post("/login", data={"password": "wrong", "next": "/c"}).status_code == 403
        r = web.post("/login", data={"password": "s3cret", "next": "/c"}, follow_redirects=False)
        assert r.status_code == 303 and "httponly" in r.headers["set-cookie"].lower()
        assert "samesite=strict" in r.headers["set-cookie"].lower()
        page = create(web, units="甲")
        token = links(web.get(page).text, "u")[0]
        web.cookies.clear()
        assert web.get(page, follow_redirects=False).status_code == 303
        assert web.get(f"{page}/download.zip", follow_redirects=False).status_code == 303
        # a unit's link works without the password
        upload(web, token, CLEAN)
        assert web.get(f"/u/{token}").status_code == 200


def test_login_goes_only_to_pages_of_this_site(tmp_path):
    with client(tmp_path / "data", password="pw") as web:
        for target in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
            r = web.post("/login", data={"password": "pw", "next": target}, follow_redirects=False)
            assert r.headers["location"] == "/c"


def test_a_cookie_from_another_password_is_refused(tmp_path):
    with client(tmp_path / "data", password="old") as web:
        web.post("/login", data={"password": "old"})
        cookie = dict(web.cookies)
    with client(tmp_path / "data", password="new") as web:
        web.cookies.update(cookie)
        assert web.get("/c", follow_redirects=False).status_code == 303


def test_listening_beyond_this_machine_needs_a_password(tmp_path, monkeypatch):
    monkeypatch.delenv("GENREPORT_PASSWORD", raising=False)
    with pytest.raises(UsageError):
        settings_for("0.0.0.0", tmp_path, None, 20)
    assert settings_for("127.0.0.1", tmp_path, None, 20).password is None
    assert settings_for("::1", tmp_path, None, 20).password is None
    assert settings_for("0.0.0.0", tmp_path, "pw", 20).password == "pw"
    monkeypatch.setenv("GENREPORT_PASSWORD", "from-env")
    assert settings_for("192.168.1.10", tmp_path, None, 20).password == "from-env"


def test_serve_refuses_to_start_open_to_the_network(tmp_path, monkeypatch):
    monkeypatch.delenv("GENREPORT_PASSWORD", raising=False)
    result = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0", "--data", str(tmp_path / "d")])
    assert result.exit_code == 2
    assert "--password" in result.output
    assert not (tmp_path / "d").exists()


def test_serve_without_the_web_extra_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "generator.web.serve", None)  # as if starlette/uvicorn were missing
    result = CliRunner().invoke(main, ["serve"])
    assert result.exit_code == 2
    assert "pip install" in result.output and "[web]" in result.output
