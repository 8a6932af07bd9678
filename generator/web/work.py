"""The library calls one request makes, plain and synchronous: the endpoints run them in a worker thread.

`check` is what the CLI's validate and render do, on uploaded bytes instead of a path; `PdfMaker`
keeps one LibreOffice running for the server's lifetime, as a batch worker does.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from generator.errors import Problem, Severity, errors_of
from generator.kinds.base import Options, ScoreGrid
from generator.pdf.office import PdfConverter, find_soffice
from generator.pdf.preview import preview_pngs
from generator.pipeline import check_for_template, load, output_name, render_docx
from generator.render.registry import TemplateInfo

# Problems name the upload by this, never by the client's file name.
SOURCE = "上传的工作簿.xlsx"
PDF_TIMEOUT = 120


@dataclass
class Outcome:
    """What became of one upload: every problem, the figures, and the report when nothing blocked it."""

    problems: list[Problem]
    unit: str | None = None
    year: int | None = None
    score: Decimal | None = None
    grade: str | None = None
    grids: list[ScoreGrid] = field(default_factory=list)
    docx: bytes | None = None
    report_name: str = ""  # the file name the CLI would give the report

    @property
    def errors(self) -> int:
        return len(errors_of(self.problems))

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors


def check(content: bytes, info: TemplateInfo | None, rules: str, render: bool) -> Outcome:
    """Read, check and score `content`; with a template, its own checks too, and with `render` the .docx.

    Raises UnreadableWorkbook for bytes that are no workbook we can read."""
    loaded = load(SOURCE, Options(rules), content)
    out = Outcome(list(loaded.problems))
    if info is not None and not loaded.errors:
        out.problems += check_for_template(loaded, info)
    if loaded.data is not None:
        out.unit, out.year = loaded.kind.who(loaded.data)
    if loaded.scores is not None:
        out.grids = loaded.kind.score_grids(loaded.scores)
        if loaded.scores.total is not None:
            out.score, out.grade = loaded.scores.total, loaded.scores.grade
    if render and info is not None and loaded.data is not None and not errors_of(out.problems):
        out.docx = render_docx(loaded, info)
        out.report_name = output_name(loaded, info)
    elif render and info is not None and not out.errors:  # no usable data and, oddly, no error saying why
        out.problems.append(Problem("", "", "工作簿中没有可用的数据，未生成报告"))
    return out


def year_problem(out: Outcome, year: int | None) -> list[Problem]:
    """A warning when the workbook is of another year than the collection asks for."""
    if year is None or out.year is None or out.year == year:
        return []
    return [Problem("", "", f"工作簿的年度是 {out.year}，收集任务要求的是 {year} 年度", Severity.WARNING)]


def problem_rows(problems: list[Problem]) -> list[dict]:
    """Problems as the API and the index keep them; severity as `error` / `warning`."""
    return [{"sheet": p.sheet, "cell": p.cell, "message": p.message,
             "severity": "error" if p.is_error else "warning"} for p in problems]


class PdfMaker:
    """One LibreOffice kept running for all requests (started on first use), and page previews."""

    def __init__(self, timeout: float = PDF_TIMEOUT):
        self.timeout = timeout
        self._converter: PdfConverter | None = None
        self._lock = threading.Lock()

    @property
    def available(self) -> bool:
        return find_soffice() is not None

    def make(self, docx: Path, preview: bool = True) -> tuple[Path, list[Path]]:
        """The PDF beside `docx` and (with `preview`) one PNG per page; raises ConversionError in Chinese."""
        with self._lock:
            if self._converter is None:
                self._converter = PdfConverter(1, self.timeout)
            converter = self._converter
        pdf = converter.convert(docx, docx.with_suffix(".pdf"))  # waits its turn for the office
        return pdf, preview_pngs(pdf, docx.parent, dpi=50) if preview else []

    def close(self) -> None:
        with self._lock:
            if self._converter is not None:
                self._converter.close()
                self._converter = None
