"""The library API: workbook → validated data → scores → Word report.

Each stage hands its result forward; nothing reaches back. The CLI is a thin
layer over `validate` and `generate`, which another program can call directly.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputProblems, Problem, Severity, errors_of
from .output import safe_filename, write_atomic
from .render import TemplateInfo, load_template, template_info
from .scoring_stage import Scores, score
from .xlsx import read_xlsx

KIND_NAMES = {"department": "部门整体支出", "project": "项目支出"}


@dataclass(frozen=True)
class Options:
    """Choices that change the figures: the scoring rules and whose scores the report shows."""

    rules: str = "hunan"
    keep_entered_scores: bool = False


@dataclass
class Loaded:
    """A workbook read, checked and scored: the data (None when unusable) and every problem found."""

    source: str
    kind: str
    data: object | None
    problems: list[Problem] = field(default_factory=list)
    scores: Scores | None = None

    @property
    def errors(self) -> list[Problem]:
        return errors_of(self.problems)

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]


def workbook_kind(sheet_names) -> str:
    return "project" if "项目信息" in sheet_names and "单位信息" not in sheet_names else "department"


def load(path: str | Path, options: Options = Options(), content: bytes | None = None) -> Loaded:
    """Read, check and score a workbook; every problem of every sheet is collected, none raised.

    `content`: the file's bytes, when the caller has read them already."""
    wb = read_xlsx(path, content)
    if workbook_kind(wb.sheets) == "project":
        from .project_load import load_project

        loaded = load_project(str(path), wb)
    else:
        from .department_load import load_department

        loaded = load_department(str(path), wb)
    if loaded.data is not None and not loaded.errors:
        loaded.scores = score(loaded.kind, loaded.data, options)
        loaded.problems += loaded.scores.problems
    return loaded


def check_for_template(loaded: Loaded, info: TemplateInfo) -> list[Problem]:
    """Problems that only matter for this template (the wrong kind, a part it needs and lacks)."""
    if loaded.kind != info.kind:
        return [Problem("", "", f"模板“{info.name}”需要{KIND_NAMES[info.kind]}工作簿，"
                                f"这是{KIND_NAMES[loaded.kind]}工作簿（用 genreport init --kind {info.kind} 生成）")]
    if loaded.data is None:
        return []
    from .context import missing_sections

    return missing_sections(loaded.data, info.sections, loaded.kind)


def validate(path: str | Path, template: str | None = None, options: Options = Options()) -> list[Problem]:
    """Every problem of the workbook (and, given a template, of using it with that template)."""
    loaded = load(path, options)
    if template and not loaded.errors:
        loaded.problems += check_for_template(loaded, template_info(template))
    return loaded.problems


def output_name(loaded: Loaded, info: TemplateInfo) -> str:
    if loaded.kind == "project":
        first = loaded.data.项目[0]
        who = f"{first.单位名称}-{first.项目名称}" if len(loaded.data.项目) == 1 else first.单位名称
        return safe_filename(f"{who}-{first.年度}年度{info.file_suffix}") + ".docx"
    unit = loaded.data.单位
    return safe_filename(f"{unit.单位名称}-{unit.年度}年度{info.file_suffix}") + ".docx"


def render_docx(loaded: Loaded, info: TemplateInfo) -> bytes:
    """The report as .docx bytes; raises InputProblems if anything blocks it."""
    problems = loaded.problems + check_for_template(loaded, info)
    if errors_of(problems):
        raise InputProblems(problems, loaded.source)
    return load_template(info).render(loaded.scores.context(loaded.data, info))


def split(loaded: Loaded) -> list[Loaded]:
    """One Loaded per project (a department workbook is one report already)."""
    if loaded.kind != "project" or len(loaded.data.项目) < 2:
        return [loaded]
    parts = []
    for p in loaded.data.项目:
        data = loaded.data.only(p.项目名称)
        parts.append(Loaded(loaded.source, loaded.kind, data, loaded.problems,
                            loaded.scores.only(p.项目名称) if loaded.scores else None))
    return parts


def generate_all(path: str | Path, template: str = "provincial", out_dir: str | Path = ".", force: bool = False,
                 options: Options = Options(), each: bool = False) -> list[Path]:
    """Render one workbook (or, with `each`, one report per project) into out_dir; returns the paths."""
    info = template_info(template)
    loaded = load(path, options)
    units = split(loaded) if each and not loaded.errors else [loaded]
    rendered = [(Path(out_dir) / output_name(u, info), render_docx(u, info)) for u in units]
    return [write_atomic(target, data, force=force) for target, data in rendered]


def generate(path: str | Path, template: str = "provincial", out_dir: str | Path = ".", force: bool = False,
             options: Options = Options()) -> Path:
    """Render one workbook with one template into out_dir; returns the path written."""
    return generate_all(path, template, out_dir, force, options)[0]


def to_pdf(docx_paths: list[Path], force: bool = False, preview: bool = False, workers: int | None = None) -> list[Path]:
    """A PDF beside each .docx (and, with `preview`, a PNG per page); the .docx stay as they are.

    Raises ConversionError naming every document that failed (or how to install LibreOffice)."""
    import os

    from .errors import ConversionError
    from .output import check_free
    from .pdf import PdfConverter, preview_pngs

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
