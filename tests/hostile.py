"""Shared by the hostile-input tests (no tests here): workbooks made hostile in code, a full disk,
and the one check every case makes — its exit code, no traceback, and the place or path named."""
from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

import builders
from click.testing import CliRunner
from conftest import ROOT
from generator.cli import main
from generator.output import NAME_MAX, TEMP_EXTRA
from generator.workbook.writer import write_workbook
from generator.kinds.registry import KINDS
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

sys.path.insert(0, str(ROOT / "samples"))
import make_project_sample  # noqa: E402

PROJECTS = [p["项目名称"] for p in make_project_sample.DATA["项目信息"]]


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def check(result, code: int, *named: str) -> str:
    """The exit code is `code`, nothing shows a traceback or calls itself a bug, and every `named`
    text (a sheet!cell, a path) is in the output. Returns the output."""
    out = result.output
    assert result.exit_code == code, out
    assert "Traceback" not in out and "内部错误" not in out, out
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    for text in named:
        assert str(text) in out, (text, out)
    return out


def leftovers(folder: Path) -> list[Path]:
    """write_atomic's temporaries (.NAME.XXXXXXXX.part): none may outlive a run, whatever stopped it."""
    return list(Path(folder).rglob("*.part")) if Path(folder).exists() else []


def fits(name: str) -> bool:
    """`name` and write_atomic's temporary for it both fit one file name (255 bytes)."""
    return len(name.encode("utf-8")) + TEMP_EXTRA <= NAME_MAX


# ---------------------------------------------------------------- workbooks

def cell(sheet: str, header: str, row: int = 2) -> str:
    """`sheet!F2`: where the column `header` of `sheet` is in a workbook `init` would make."""
    spec = next(s for kind in KINDS.values() for s in kind.sheets if s.name == sheet)
    column = [h for h, _ in spec.columns()].index(header)
    return f"{sheet}!{get_column_letter(column + 1)}{row}"


def department(path: Path, change=None) -> Path:
    data = builders.department()
    if change:
        change(data)
    return builders.write(path, data)


def unit_named(path: Path, name: str) -> Path:
    return department(path, lambda d: d["单位信息"][0].update(单位名称=name))


def project(path: Path, change=None) -> Path:
    return builders.write_project(path, builders.project(make_project_sample.DATA, change))


def rename_projects(data: dict, names: list[str]) -> None:
    """Give the sample's projects new 项目名称, on every sheet that names them."""
    new = dict(zip(PROJECTS, names))
    for rows in data.values():
        for row in rows:
            if row.get("项目名称") in new:
                row["项目名称"] = new[row["项目名称"]]


def renamed_sheet(path: Path, old: str, new: str, kind: str = "department") -> Path:
    (department if kind == "department" else project)(path)
    wb = load_workbook(path)
    wb[old].title = new
    wb.save(path)
    return path


def blank(path: Path, kind: str) -> Path:
    """The workbook `genreport init --kind KIND` gives, nothing filled in."""
    return write_workbook(path, KINDS[kind].sheets, title=KINDS[kind].init_title)


# ---------------------------------------------------------------- a full disk

class FullDisk:
    """os.fdopen for files whose name contains `marker`: writes half of what it is given, then
    fails with ENOSPC, as a disk that fills up in the middle of a file does."""

    def __init__(self, monkeypatch, marker: str = ""):
        self.real = os.fdopen
        self.marker = marker
        monkeypatch.setattr(os, "fdopen", self)

    def __call__(self, fd, *args, **kwargs):
        fh = self.real(fd, *args, **kwargs)
        name = os.readlink(f"/proc/self/fd/{fd}") if os.path.exists(f"/proc/self/fd/{fd}") else ""
        return _Filling(fh) if self.marker in name else fh


class _Filling:
    def __init__(self, fh):
        self.fh = fh

    def write(self, data):
        self.fh.write(bytes(data)[: len(data) // 2])
        self.fh.flush()
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name):
        return getattr(self.fh, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.fh.close()


def failing(monkeypatch, target, name: str, code: int, only=lambda *a, **k: True):
    """Make `target.name` raise OSError(code) (for calls where `only(*args)` holds), like the OS would."""
    real = getattr(target, name)

    def fake(*args, **kwargs):
        if only(*args, **kwargs):
            path = kwargs.get("dir") or (args[0] if args else "")
            raise OSError(code, os.strerror(code), str(path))
        return real(*args, **kwargs)
    monkeypatch.setattr(target, name, fake)
