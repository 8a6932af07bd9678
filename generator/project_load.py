"""Read and check a project (项目支出) workbook."""
from __future__ import annotations

from .context import unknown_sections
from .project_models import PROJECT_SHEETS, PROJECT_TEXT_SECTIONS, ProjectData
from .project_rules import check_project
from .reader import read_sheets
from .xlsx import Workbook


def load_project(source: str, wb: Workbook):
    from .pipeline import Loaded

    result = read_sheets(wb, PROJECT_SHEETS)
    problems = list(result.problems)
    data = ProjectData.model_construct(source=source, **{s.key: result.rows(s.name) for s in PROJECT_SHEETS})
    problems += check_project(data, result.failed_sheets)
    problems += unknown_sections(data.文字, PROJECT_TEXT_SECTIONS)
    usable = bool(data.项目) and "项目信息" not in result.failed_sheets
    return Loaded(source, "project", data if usable else None, problems)
