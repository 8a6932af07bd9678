"""Build and bend .xlsx files in tests: through openpyxl where it can say it, by rewriting XML where it cannot."""
from __future__ import annotations

import io
import re
import sys
import zipfile
from pathlib import Path

from openpyxl import load_workbook

import builders
from conftest import ROOT
from generator.kinds.department.models import DEPARTMENT_SHEETS
from generator.kinds.project.models import PROJECT_SHEETS
from generator.workbook.writer import workbook_bytes

sys.path.insert(0, str(ROOT / "samples"))
import make_project_sample  # noqa: E402

TRANSITIONAL = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STRICT = b"http://purl.oclc.org/ooxml/spreadsheetml/main"


def department(data: dict | None = None) -> bytes:
    return workbook_bytes(DEPARTMENT_SHEETS, builders.department() if data is None else data)


def project(change=None) -> bytes:
    return workbook_bytes(PROJECT_SHEETS, builders.project(make_project_sample.DATA, change))


def entries(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        return {i.filename: z.read(i.filename) for i in z.infolist()}


def zipped(parts: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return buf.getvalue()


def edit(content: bytes, change) -> bytes:
    """The workbook after `change(openpyxl_workbook)`."""
    wb = load_workbook(io.BytesIO(content))
    change(wb)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def sheet_part(content: bytes, name: str) -> str:
    """The zip path of the sheet called `name`."""
    parts = entries(content)
    wb = parts["xl/workbook.xml"].decode()
    rid = re.search(rf'<sheet [^>]*name="{re.escape(name)}"[^>]*r:id="(rId\d+)"', wb).group(1)
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    target = re.search(rf'<Relationship [^>]*Id="{rid}"[^>]*Target="([^"]+)"|<Relationship [^>]*Target="([^"]+)"[^>]*Id="{rid}"',
                       rels)
    target = (target.group(1) or target.group(2)).lstrip("/")
    return target if target.startswith("xl/") else "xl/" + target


def rewrite(content: bytes, change, only: str | None = None) -> bytes:
    """The workbook with `change(bytes) -> bytes` applied to every part (or to part `only`)."""
    parts = entries(content)
    return zipped({n: (change(d) if only in (None, n) else d) for n, d in parts.items()})


def set_cell(content: bytes, sheet: str, ref: str, value, number_format: str | None = None) -> bytes:
    def change(wb):
        wb[sheet][ref] = value
        if number_format:
            wb[sheet][ref].number_format = number_format
    return edit(content, change)


def raw_value(content: bytes, sheet: str, ref: str, text: str) -> bytes:
    """The number cell `ref` of `sheet` holding `text` in its <v>, exactly as given."""
    part = sheet_part(content, sheet)
    pattern = re.compile(rb'(<c r="' + ref.encode() + rb'"[^>]*>)<v>[^<]*</v>')

    def change(data: bytes) -> bytes:
        new, n = pattern.subn(lambda m: m.group(1) + b"<v>" + text.encode() + b"</v>", data)
        assert n == 1, f"{sheet}!{ref} is not a number cell"
        return new
    return rewrite(content, change, part)


def write(tmp_path: Path, content: bytes, name: str = "data.xlsx") -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path
