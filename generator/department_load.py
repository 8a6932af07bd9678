"""Read and check a department (部门整体支出) workbook."""
from __future__ import annotations

from .context import unknown_sections
from .models import DEPARTMENT_SHEETS, DepartmentData
from .reader import read_sheets
from .rules import check_department
from .xlsx import Workbook


def load_department(source: str, wb: Workbook):
    from .pipeline import Loaded

    result = read_sheets(wb, DEPARTMENT_SHEETS)
    problems = list(result.problems)
    fields = {spec.key: result.rows(spec.name) for spec in DEPARTMENT_SHEETS}
    fields["单位"] = fields["单位"][0] if fields["单位"] else None
    data = DepartmentData.model_construct(source=source, **fields)
    skip = result.failed_sheets | ({"单位信息"} if data.单位 is None else set())
    problems += check_department(data, skip)
    problems += unknown_sections(data.文字)
    return Loaded(source, "department", data if data.单位 is not None else None, problems)
