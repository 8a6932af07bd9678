"""The project (项目支出) kind: how its workbook is read, checked, scored and shown."""
from __future__ import annotations

from generator.kinds.base import Kind
from generator.kinds.common.sections import unknown_sections
from generator.kinds.project.checks import check_project
from generator.kinds.project.context import project_context
from generator.kinds.project.models import PROJECT_SHEETS, PROJECT_TEXT_SECTIONS, ProjectData
from generator.kinds.project.rules import DEFAULT_RULES, load_project_rules
from generator.kinds.project.score_table import score_grids, score_table
from generator.kinds.project.scoring import ProjectScores, score
from generator.workbook.reader import read_sheets
from generator.workbook.xlsx import Workbook


def load_project(source: str, wb: Workbook) -> tuple[ProjectData | None, list]:
    """The data (None without a usable 项目信息) and every problem of every sheet."""
    result = read_sheets(wb, PROJECT_SHEETS)
    problems = list(result.problems)
    data = ProjectData.model_construct(source=source, **{s.key: result.rows(s.name) for s in PROJECT_SHEETS})
    problems += check_project(data, result.failed_sheets)
    problems += unknown_sections(data.文字, PROJECT_TEXT_SECTIONS)
    usable = bool(data.项目) and "项目信息" not in result.failed_sheets
    return (data if usable else None), problems


def _report_name(data: ProjectData) -> str:
    first = data.项目[0]
    who = f"{first.单位名称}-{first.项目名称}" if len(data.项目) == 1 else first.单位名称
    return f"{who}-{first.年度}年度"


def _split(data: ProjectData, scores: ProjectScores) -> list[tuple[ProjectData, ProjectScores]]:
    if len(data.项目) < 2:
        return [(data, scores)]
    return [(data.only(p.项目名称), scores.only(p.项目名称) if scores else None) for p in data.项目]


def _who(data: ProjectData) -> tuple[str, int]:
    return data.项目[0].单位名称, data.项目[0].年度


PROJECT = Kind(
    name="project", label="项目支出", init_title="项目支出绩效自评 数据填报表",
    sheets=PROJECT_SHEETS, text_sections=PROJECT_TEXT_SECTIONS, load=load_project, score=score,
    context=project_context, report_name=_report_name, split=_split, score_table=score_table, score_grids=score_grids,
    who=_who, default_rules=DEFAULT_RULES, load_rules=load_project_rules, init_rows=lambda rules: {},
    init_notes=lambda rules: ("绩效指标：各指标分值合计通常为 90（产出指标 50、效益指标 30、满意度指标 10），"
                              "余下的 10 分归预算执行率；其他分配照常计分并给出警告。",),
)
