"""The library API: workbook → validated data → figures → Word report.

Each stage hands its result forward; nothing reaches back. The CLI is a thin
layer over `validate` and `generate`, which another program can call directly.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from .context import department_context, missing_sections, unknown_sections
from .errors import InputProblems, Problem, Severity, UsageError, errors_of
from .models import DEPARTMENT_SHEETS, DepartmentData
from .output import safe_filename, write_atomic
from .reader import read_workbook
from .render import TemplateInfo, load_template, template_info
from .rules import check_department
from .scoring import grade_of


@dataclass
class Loaded:
    """A workbook read and checked: the data (None when unusable) and every problem found."""

    source: str
    kind: str
    data: DepartmentData | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return errors_of(self.problems)

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]


def load(path: str | Path) -> Loaded:
    """Read and check a workbook; every problem of every sheet is collected, none raised."""
    result = read_workbook(path, DEPARTMENT_SHEETS)
    problems = list(result.problems)
    fields = {spec.key: result.rows(spec.name) for spec in DEPARTMENT_SHEETS}
    fields["单位"] = fields["单位"][0] if fields["单位"] else None
    data = DepartmentData.model_construct(source=str(path), **fields)
    problems += check_department(data, result.failed_sheets | ({"单位信息"} if data.单位 is None else set()))
    problems += unknown_sections(data)
    return Loaded(str(path), "department", data if data.单位 is not None else None, problems)


def check_for_template(loaded: Loaded, info: TemplateInfo) -> list[Problem]:
    """Problems that only matter for this template (a part it needs and the workbook lacks)."""
    if loaded.kind != info.kind:
        return [Problem("", "", f"模板“{info.name}”需要{_KIND_NAMES[info.kind]}工作簿，"
                                f"这是{_KIND_NAMES[loaded.kind]}工作簿")]
    problems = missing_sections(loaded.data, info.sections) if loaded.data else []
    if loaded.data and loaded.data.单位.综合得分 is None:
        unit = loaded.data.单位
        problems.append(Problem(*unit.cell("综合得分").split("!"),
                                "绩效自评表需要综合得分，实际为空"))
    return problems


_KIND_NAMES = {"department": "部门整体支出", "project": "项目支出"}


def validate(path: str | Path, template: str | None = None) -> list[Problem]:
    """Every problem of the workbook (and, given a template, of using it with that template)."""
    loaded = load(path)
    if template and not loaded.errors:
        loaded.problems += check_for_template(loaded, template_info(template))
    return loaded.problems


def output_name(loaded: Loaded, info: TemplateInfo) -> str:
    unit = loaded.data.单位
    return safe_filename(f"{unit.单位名称}-{unit.年度}年度{info.file_suffix}") + ".docx"


def render_docx(loaded: Loaded, info: TemplateInfo) -> bytes:
    """The report as .docx bytes; raises InputProblems if anything blocks it."""
    problems = loaded.problems + check_for_template(loaded, info)
    if errors_of(problems):
        raise InputProblems(problems, loaded.source)
    data = loaded.data
    score = data.单位.综合得分
    grade = data.单位.评价等次 or grade_of(score)
    context = department_context(data, info.report_unit, info.separators, f"{score:.2f}", grade)
    return load_template(info).render(context)


def generate(path: str | Path, template: str = "provincial", out_dir: str | Path = ".",
             force: bool = False) -> Path:
    """Render one workbook with one template into out_dir; returns the path written."""
    info = template_info(template)
    loaded = load(path)
    if loaded.data is None and not loaded.errors:
        raise UsageError(f"{path}: 无法读取工作簿")
    data = render_docx(loaded, info)
    target = Path(out_dir) / output_name(loaded, info)
    return write_atomic(target, data, force=force)


__all__ = ["Loaded", "load", "validate", "generate", "render_docx", "check_for_template", "Decimal"]
