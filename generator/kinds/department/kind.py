"""The department (部门整体支出) kind: how its workbook is read, checked, scored and shown."""
from __future__ import annotations

from generator.kinds.base import Kind
from generator.kinds.common.sections import unknown_sections
from generator.kinds.department.checks import check_department
from generator.kinds.department.context import department_context
from generator.kinds.department.models import DEPARTMENT_SHEETS, TEXT_SECTIONS, DepartmentData
from generator.kinds.department.score_table import score_grids, score_table
from generator.kinds.department.scoring import DepartmentScores, score
from generator.workbook.reader import read_sheets
from generator.workbook.xlsx import Workbook


def load_department(source: str, wb: Workbook) -> tuple[DepartmentData | None, list]:
    """The data (None without a usable 单位信息) and every problem of every sheet."""
    result = read_sheets(wb, DEPARTMENT_SHEETS)
    problems = list(result.problems)
    fields = {spec.key: result.rows(spec.name) for spec in DEPARTMENT_SHEETS}
    fields["单位"] = fields["单位"][0] if fields["单位"] else None
    data = DepartmentData.model_construct(source=source, **fields)
    skip = result.failed_sheets | ({"单位信息"} if data.单位 is None else set())
    problems += check_department(data, skip)
    problems += unknown_sections(data.文字, TEXT_SECTIONS)
    return (data if data.单位 is not None else None), problems


def _report_name(data: DepartmentData) -> str:
    return f"{data.单位.单位名称}-{data.单位.年度}年度"


def _split(data: DepartmentData, scores: DepartmentScores) -> list[tuple[DepartmentData, DepartmentScores]]:
    return [(data, scores)]  # a department workbook is one report already


def _who(data: DepartmentData) -> tuple[str, int]:
    return data.单位.单位名称, data.单位.年度


DEPARTMENT = Kind(
    name="department", label="部门整体支出", init_title="部门整体支出绩效自评 数据填报表",
    sheets=DEPARTMENT_SHEETS, text_sections=TEXT_SECTIONS, load=load_department, score=score,
    context=department_context, report_name=_report_name, split=_split, score_table=score_table, score_grids=score_grids,
    who=_who,
)
