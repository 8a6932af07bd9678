"""Inputs and checks shared by the batch tests (no tests here)."""
from __future__ import annotations

import io
import shutil
import zipfile
from decimal import Decimal as D
from pathlib import Path

import builders
import pytest
from click.testing import CliRunner
from docx import Document
from generator.cli import main
from generator.kinds.department.models import DEPARTMENT_SHEETS
from generator.render.registry import template_info
from generator.workbook.writer import workbook_bytes
from openpyxl import load_workbook

SUFFIX = template_info("provincial").file_suffix
MONEY_SHEETS = ("收入", "支出和结余", "三公经费", "固定资产", "经费控制", "支出明细")


def unit(name: str, factor: int = 1) -> dict:
    """The builders' workbook for another unit: its name, and every amount times `factor` (sums still hold)."""
    data = builders.department()
    data["单位信息"][0]["单位名称"] = name
    for sheet in MONEY_SHEETS:
        for row in data[sheet]:
            row.update({k: v * factor for k, v in row.items() if isinstance(v, D)})
    return data


def report(name: str) -> str:
    return f"{name}-2024年度{SUFFIX}.docx"


_POOL: list[Path] = []


@pytest.fixture(scope="session")
def pool(tmp_path_factory) -> list[Path]:
    """36 consistent workbooks of differently named units with different figures, written once.

    Kept in a module global as well: each test module that imports this fixture gets its own
    copy of it, and writing the workbooks is the slowest part of the setup. Written again when
    the files are gone: a process that runs pytest twice (mutmut) gets a new tmp folder."""
    if not all(p.is_file() for p in _POOL) or not _POOL:
        _POOL.clear()
        folder = tmp_path_factory.mktemp("pool")
        _POOL.extend(builders.write(folder / f"unit-{i:02d}.xlsx", unit(f"第{i:02d}单位", i + 1)) for i in range(36))
    return list(_POOL)


def copy(files: list[Path], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [Path(shutil.copy(f, folder / f.name)) for f in files]


def invoke(*args):
    return CliRunner().invoke(main, ["batch", *map(str, args)])


def rows(path: Path, sheet: str) -> list[dict]:
    ws = load_workbook(path)[sheet]
    values = list(ws.iter_rows(values_only=True))
    return [dict(zip(values[0], r)) for r in values[1:]]


def text_of(docx: Path) -> str:
    """The whole text of a report; opening it is the check that it is complete."""
    with zipfile.ZipFile(docx) as z:
        assert z.testzip() is None
    doc = Document(str(docx))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def missing_sheet(path: Path, name: str = "缺表单位") -> Path:
    wb = load_workbook(io.BytesIO(workbook_bytes(DEPARTMENT_SHEETS, unit(name))))
    del wb["收入"]
    wb.save(path)
    return path


def arithmetic_error(path: Path, name: str = "算错单位") -> Path:
    """The summary row's 项目支出 1.00 too high: 支出合计 (支出和结余!B2) no longer equals 基本支出 + 项目支出."""
    data = unit(name)
    data["支出和结余"][0]["项目支出"] = D("101.00")
    return builders.write(path, data)


def leftovers(out: Path) -> list[Path]:
    """Temporary files of write_atomic, zip writing or staging: none may outlive a run."""
    staged = out / ".genreport" / "staging"
    return [p for p in out.rglob("*.part")] + ([p for p in staged.rglob("*") if p.is_file()] if staged.exists() else [])
