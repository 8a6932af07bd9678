"""Clients, workbooks and page readers shared by the web tests (no tests here)."""
from __future__ import annotations

import io
import os
import re
import zipfile
from decimal import Decimal as D
from pathlib import Path

import builders
import pytest
from conftest import SAMPLES

try:
    from starlette.testclient import TestClient
except ImportError:
    if os.environ.get("CI"):  # CI installs the [web] extra: a missing one is a broken setup, not a skip
        raise
    pytest.skip("the [web] extra is not installed: pip install -e '.[test,web]'", allow_module_level=True)

from generator.web.app import create_app  # noqa: E402
from generator.web.site import Settings  # noqa: E402

CLEAN = SAMPLES / "003-heshan-2024.xlsx"
WRONG = SAMPLES / "002-xiangxi-2019.xlsx"
PROJECT = SAMPLES / "004-furong-2021.xlsx"
# The cells of 002's five original errors, as `genreport validate` names them (README).
WRONG_CELLS = {("支出明细", "D2"), ("支出明细", "D3"), ("支出明细", "D89"), ("支出明细", "D92"), ("支出明细", "D93")}


def client(data: Path, password: str | None = None, max_bytes: int = 20 * 1024 * 1024) -> TestClient:
    """A test client of a fresh app over `data` (enter it with `with` to run start-up and shutdown)."""
    return TestClient(create_app(Settings(Path(data), password, max_bytes)))


def xlsx(path: Path) -> tuple[str, bytes, str]:
    return (path.name, path.read_bytes(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def unbalanced(tmp: Path) -> Path:
    """The builders' workbook with 项目支出 of the summary row 1.00 too high: 190.00 + 101.00 = 291.00,
    not the 290.00 in 支出合计 (支出和结余!B2)."""
    data = builders.department()
    data["支出和结余"][0]["项目支出"] = D("101.00")
    return builders.write(tmp / "unbalanced.xlsx", data)


def cells(problems: list[dict], severity: str = "error") -> set[tuple[str, str]]:
    return {(p["sheet"], p["cell"]) for p in problems if p["severity"] == severity}


def links(html: str, prefix: str) -> list[str]:
    """The ids in the page's links /prefix/<id>, in page order, each once."""
    return list(dict.fromkeys(re.findall(rf'href="/{prefix}/([A-Za-z0-9_-]+)"', html)))


def table_rows(html: str, table_id: str) -> list[list[str]]:
    """The body rows of <table id=…> as cell texts (tags stripped)."""
    body = re.search(rf'<table id="{table_id}">.*?<tbody>(.*?)</tbody>', html, re.S).group(1)
    return [[re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)]


def zip_names(content: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        return z.namelist()
