"""The library API: workbook → validated data → scores → Word report (→ PDF).

Each stage takes what the one before returned: the workbook's cells (workbook), the
kind's data and problems, its scores, its template context, the rendered .docx, the PDF.
The kind is decided once, from the sheets, and everything kind-specific is reached
through its `Kind` record. The CLI is a thin layer over these functions, which another
program can call directly.
"""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.errors import ConversionError, FileAccessError, InputProblems, Problem, Severity, errors_of
from generator.kinds.base import Kind, Options
from generator.kinds.common.sections import missing_sections
from generator.kinds.registry import KINDS, kind_of
from generator.output import check_free, file_error, fitted_stem, write_atomic
from generator.pdf.office import PdfConverter
from generator.pdf.preview import preview_pngs
from generator.render.docx import load_template
from generator.render.registry import TemplateInfo, template_info
from generator.workbook.xlsx import read_xlsx

__all__ = ["Loaded", "Options", "load", "read_input", "validate", "check_for_template", "output_name", "render_docx", "split",
           "generate_all", "generate", "to_pdf"]


@dataclass
class Loaded:
    """A workbook read, checked and scored: the data (None when unusable) and every problem found."""

    source: str
    kind: Kind
    data: Any | None
    problems: list[Problem] = field(default_factory=list)
    scores: Any | None = None

    @property
    def errors(self) -> list[Problem]:
        return errors_of(self.problems)

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]


def load(path: str | Path, options: Options = Options(), content: bytes | None = None) -> Loaded:
    """Read, check and score a workbook; every problem of every sheet is collected, none raised.

    `content`: the file's bytes, when the caller has read them already. A file that cannot be
    read (no permission, a folder, gone) is a FileAccessError naming it."""
    wb = read_xlsx(path, read_input(path) if content is None else content)
    kind = kind_of(wb.sheets)
    data, problems = kind.load(str(path), wb)
    loaded = Loaded(str(path), kind, data, problems)
    if data is not None and not loaded.errors:
        loaded.scores = kind.score(data, options)
        loaded.problems += loaded.scores.problems
    return loaded


def read_input(path: str | Path) -> bytes:
    """The bytes of an input file; a FileAccessError naming it if it cannot be read or is no file at all
    (a pipe or a device would block or never end)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise FileAccessError(f"“{path}”不是一个普通文件，不能作为工作簿读取", str(path))
        return Path(path).read_bytes()
    except OSError as exc:
        raise file_error(exc, path, "读取") from None


def check_for_template(loaded: Loaded, info: TemplateInfo) -> list[Problem]:
    """Problems that only matter for this template (the wrong kind, a part it needs and lacks)."""
    if loaded.kind.name != info.kind:
        wanted = KINDS[info.kind].label
        return [Problem("", "", f"模板“{info.name}”需要{wanted}工作簿，这是{loaded.kind.label}工作簿"
                                f"（用 genreport init --kind {info.kind} 生成）")]
    if loaded.data is None:
        return []
    return missing_sections(loaded.data.文字, info.sections, loaded.kind.text_sections)


def validate(path: str | Path, template: str | None = None, options: Options = Options()) -> list[Problem]:
    """Every problem of the workbook (and, given a template, of using it with that template)."""
    loaded = load(path, options)
    if template and not loaded.errors:
        loaded.problems += check_for_template(loaded, template_info(template))
    return loaded.problems


def output_name(loaded: Loaded, info: TemplateInfo) -> str:
    """The report's file name: 「单位名称[-项目名称]-2024年度」 and the template's suffix, fitted to 255 bytes.

    Only for data that rendered (render_docx first): the name is made from fields that must be valid."""
    who, dash, year = loaded.kind.report_name(loaded.data).rpartition("-")  # the year has no "-" in it
    return fitted_stem(who, f"{dash}{year}{info.file_suffix}") + ".docx"


def render_docx(loaded: Loaded, info: TemplateInfo) -> bytes:
    """The report as .docx bytes; raises InputProblems if anything blocks it."""
    problems = loaded.problems + check_for_template(loaded, info)
    if loaded.data is None and not errors_of(problems):  # a kind returns no data only with an error; make sure
        problems = problems + [Problem("", "", "工作簿中没有可用的数据")]
    if errors_of(problems):
        raise InputProblems(problems, loaded.source)
    context = loaded.kind.context(loaded.data, loaded.scores, info.report_unit, info.separators)
    return load_template(info).render(context)


def split(loaded: Loaded) -> list[Loaded]:
    """One Loaded per report of `--each` (a project workbook of several projects gives one per project)."""
    parts = loaded.kind.split(loaded.data, loaded.scores)
    if len(parts) == 1:
        return [loaded]
    return [Loaded(loaded.source, loaded.kind, data, loaded.problems, scores) for data, scores in parts]


def generate_all(path: str | Path, template: str = "provincial", out_dir: str | Path = ".", force: bool = False,
                 options: Options = Options(), each: bool = False) -> list[Path]:
    """Render one workbook (or, with `each`, one report per project) into out_dir; returns the paths.

    Every report is rendered (so every problem is known) and every name checked before the first
    file is written: a problem in one project leaves no report of another behind."""
    info = template_info(template)
    loaded = load(path, options)
    units = split(loaded) if each and not loaded.errors else [loaded]
    rendered = [(render_docx(u, info), u) for u in units]  # raises InputProblems before any name is made
    targets = [Path(out_dir) / output_name(u, info) for _, u in rendered]
    _check_targets(targets, force)
    return [write_atomic(target, data, force=force) for target, (data, _) in zip(targets, rendered)]


def _check_targets(targets: list[Path], force: bool) -> None:
    """Two reports of one run never share a file; none overwrites an existing file without `force`."""
    seen: set[Path] = set()
    for target in targets:
        if target in seen:
            raise InputProblems([Problem("项目信息", "", f"两个项目的报告文件名相同（{target.name}）；"
                                                      f"请让每个项目的项目名称各不相同")])
        seen.add(target)
        check_free(target, force)


def generate(path: str | Path, template: str = "provincial", out_dir: str | Path = ".", force: bool = False,
             options: Options = Options()) -> Path:
    """Render one workbook with one template into out_dir; returns the path written."""
    return generate_all(path, template, out_dir, force, options)[0]


def to_pdf(docx_paths: list[Path], force: bool = False, preview: bool = False, workers: int | None = None) -> list[Path]:
    """A PDF beside each .docx (and, with `preview`, a PNG per page); the .docx stay as they are.

    Raises ConversionError naming every document that failed (or how to install LibreOffice)."""
    jobs = [(p, p.with_suffix(".pdf")) for p in docx_paths]
    for _, pdf in jobs:
        check_free(pdf, force)
    # One office per core at most: each costs a start-up of a second or two and ~250 MB.
    workers = workers or max(1, min(len(jobs), os.cpu_count() or 1))
    with PdfConverter(workers=workers) as converter:
        results = converter.convert_many(jobs)
    failed = [r for r in results if not r.ok]
    if failed:
        raise ConversionError("；".join(r.error for r in failed))  # each error names its file
    written = [r.pdf for r in results]
    if preview:
        for pdf in list(written):
            written += preview_pngs(pdf, pdf.parent)
    return written
