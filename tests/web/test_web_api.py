"""The HTTP API through Starlette's test client: validate, render, and every refusal (400, 413, 422)."""
from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document
from web_support import CLEAN, PROJECT, WRONG, WRONG_CELLS, cells, client, unbalanced, xlsx


@pytest.fixture
def api(tmp_path):
    with client(tmp_path / "data") as c:
        yield c


def test_validate_clean_sample_has_no_errors(api):
    r = api.post("/api/validate", files={"file": xlsx(CLEAN)})
    assert r.status_code == 200
    body = r.json()
    assert body["errors"] == 0
    assert body["warnings"] == len(body["problems"])


def test_validate_names_every_error_cell_of_002_with_200(api):
    r = api.post("/api/validate", files={"file": xlsx(WRONG)})
    assert r.status_code == 200  # errors in the data are an answer, not a failure of the request
    body = r.json()
    assert body["errors"] == 5
    assert cells(body["problems"]) == WRONG_CELLS
    d2 = next(p for p in body["problems"] if p["cell"] == "D2")
    assert set(d2) == {"sheet", "cell", "message", "severity"}
    assert "基本支出" in d2["message"] and d2["severity"] == "error"


def test_validate_own_unbalanced_workbook(api, tmp_path):
    r = api.post("/api/validate", files={"file": xlsx(unbalanced(tmp_path))})
    body = r.json()
    assert ("支出和结余", "B2") in cells(body["problems"])
    b2 = next(p for p in body["problems"] if p["cell"] == "B2")
    assert "290.00" in b2["message"] and "291.00" in b2["message"]


def test_validate_with_template_checks_the_kind(api):
    r = api.post("/api/validate", files={"file": xlsx(PROJECT)}, data={"template": "provincial"})
    body = r.json()
    assert body["errors"] == 1
    assert "模板“provincial”需要部门整体支出工作簿" in body["problems"][0]["message"]


def test_render_gives_a_docx_python_docx_opens(api):
    r = api.post("/api/render", files={"file": xlsx(CLEAN)}, data={"template": "provincial"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert "filename*=UTF-8''" in r.headers["content-disposition"]
    text = "\n".join(p.text for p in Document(io.BytesIO(r.content)).paragraphs)
    assert "赫山区商务局" in text


def test_render_is_the_same_report_as_the_library(api):
    from generator import load, render_docx
    from generator.render.registry import template_info
    r = api.post("/api/render", files={"file": xlsx(CLEAN)}, data={"template": "provincial"})
    assert r.content == render_docx(load(CLEAN), template_info("provincial"))  # deterministic: byte-identical


def test_render_with_errors_is_422_with_the_problems(api):
    r = api.post("/api/render", files={"file": xlsx(WRONG)}, data={"template": "provincial"})
    assert r.status_code == 422
    assert cells(r.json()["problems"]) == WRONG_CELLS


def test_render_project_workbook_with_department_template_is_422(api):
    r = api.post("/api/render", files={"file": xlsx(PROJECT)}, data={"template": "provincial"})
    assert r.status_code == 422
    assert r.json()["errors"] == 1


@pytest.mark.parametrize("content", [b"", b"not a workbook at all", b"PK\x03\x04broken zip"])
def test_not_a_workbook_is_400(api, content):
    r = api.post("/api/validate", files={"file": ("data.xlsx", content)})
    assert r.status_code == 400
    assert "不是 .xlsx 工作簿" in r.json()["error"]


def test_a_zip_that_is_not_a_spreadsheet_is_400(api):
    """A .docx is a zip with [Content_Types].xml too, but declares no spreadsheetml part."""
    docx = api.post("/api/render", files={"file": xlsx(CLEAN)}, data={"template": "provincial"}).content
    r = api.post("/api/render", files={"file": ("report.xlsx", docx)}, data={"template": "provincial"})
    assert r.status_code == 400


def test_a_spreadsheet_zip_the_reader_cannot_read_is_400(api):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:  # declares a workbook, has none
        z.writestr("[Content_Types].xml", '<Types><Override ContentType="application/vnd.openxmlformats-'
                                          'officedocument.spreadsheetml.sheet.main+xml"/></Types>')
    r = api.post("/api/validate", files={"file": ("x.xlsx", buf.getvalue())})
    assert r.status_code == 400
    assert r.json()["error"]


def test_the_content_decides_not_the_name(api):
    r = api.post("/api/validate", files={"file": ("数据.txt", CLEAN.read_bytes(), "text/plain")})
    assert r.status_code == 200 and r.json()["errors"] == 0


def test_missing_file_field_is_400(api):
    r = api.post("/api/validate", data={"template": "provincial"})
    assert r.status_code == 400


def test_unknown_template_and_rules_path_are_400(api):
    r = api.post("/api/render", files={"file": xlsx(CLEAN)}, data={"template": "nope"})
    assert r.status_code == 400 and "nope" in r.json()["error"]
    # a rules *path* would make the server read a file of the client's choosing
    r = api.post("/api/validate", files={"file": xlsx(CLEAN)}, data={"rules": "/etc/passwd"})
    assert r.status_code == 400


def test_oversized_upload_is_413_by_content_length(tmp_path):
    with client(tmp_path / "data", max_bytes=100_000) as c:
        r = c.post("/api/validate", files={"file": ("big.xlsx", b"x" * 200_000)})
    assert r.status_code == 413
    assert "MB" in r.json()["error"]


def test_oversized_upload_is_413_while_streaming(tmp_path):
    """No Content-Length (chunked): the limit is counted as the body comes in."""
    boundary = "b0undary"
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.xlsx\"\r\n"
            f"Content-Type: application/octet-stream\r\n\r\n").encode()

    def body():
        yield head
        for _ in range(50):
            yield b"x" * 10_000
        yield f"\r\n--{boundary}--\r\n".encode()

    with client(tmp_path / "data", max_bytes=100_000) as c:
        r = c.post("/api/validate", content=body(), headers={"content-type": f"multipart/form-data; boundary={boundary}"})
    assert r.status_code == 413


def test_body_limit_stops_reading_past_the_limit():
    """The middleware refuses at the first chunk past the limit; the rest of the body is never asked for."""
    import anyio
    from generator.web.upload import BodyLimit
    from starlette.exceptions import HTTPException
    asked = []

    async def receive():
        asked.append(1)
        return {"type": "http.request", "body": b"x" * 1000, "more_body": True}

    async def app(scope, receive, send):
        while True:
            await receive()

    async def run():
        scope = {"type": "http", "headers": [(b"content-type", b"multipart/form-data; boundary=x")]}
        await BodyLimit(app, limit=4500)(scope, receive, None)

    with pytest.raises(HTTPException) as caught:
        anyio.run(run)
    assert caught.value.status_code == 413
    assert len(asked) == 5  # 5000 bytes > 4500: the fifth chunk is the last one read


def test_upload_under_the_limit_passes(tmp_path):
    with client(tmp_path / "data", max_bytes=CLEAN.stat().st_size + 2000) as c:
        assert c.post("/api/validate", files={"file": xlsx(CLEAN)}).status_code == 200


@pytest.mark.pdf
def test_render_with_pdf_gives_a_zip_of_docx_and_pdf(api):
    import os
    from generator.pdf.office import find_soffice
    if not find_soffice():
        if os.environ.get("CI"):
            pytest.fail("the PDF test needs LibreOffice: run .ci/setup")
        pytest.skip("LibreOffice is not installed")
    r = api.post("/api/render", files={"file": xlsx(CLEAN)}, data={"template": "provincial", "pdf": "1"})
    assert r.status_code == 200 and r.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(r.content)) as z:
        names = sorted(z.namelist())
        assert [n.rsplit(".", 1)[1] for n in names] == ["docx", "pdf"]
        assert z.read(names[1]).startswith(b"%PDF")


def test_render_with_pdf_and_no_libreoffice_is_503(api, monkeypatch):
    monkeypatch.setenv("GENREPORT_SOFFICE", "/nonexistent/soffice")
    r = api.post("/api/render", files={"file": xlsx(CLEAN)}, data={"template": "provincial", "pdf": "1"})
    assert r.status_code == 503 and "LibreOffice" in r.json()["error"]


def test_a_bug_is_one_chinese_sentence_not_a_traceback(tmp_path, monkeypatch):
    from generator.web import work
    from starlette.testclient import TestClient
    from generator.web.app import create_app
    from generator.web.site import Settings

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(work, "check", broken)
    with TestClient(create_app(Settings(tmp_path)), raise_server_exceptions=False) as c:
        r = c.post("/api/validate", files={"file": xlsx(CLEAN)})
        assert r.status_code == 500 and "内部错误" in r.json()["error"] and "boom" not in r.text
        r = c.post("/check", files={"file": xlsx(CLEAN)}, data={"template": "provincial"})
        assert r.status_code == 500 and "内部错误" in r.text and "Traceback" not in r.text


def test_a_template_path_from_a_client_is_refused(api):
    """Only the offered templates by name: a path would render (and so read) any .docx on the server."""
    from generator.render.registry import TEMPLATES_DIR
    path = str(TEMPLATES_DIR / "provincial.docx")
    r = api.post("/api/render", files={"file": xlsx(CLEAN)}, data={"template": path})
    assert r.status_code == 400
    assert "没有名为" in r.text
