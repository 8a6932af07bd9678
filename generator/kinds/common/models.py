"""Sheets both kinds of workbook share."""
from __future__ import annotations

from generator.workbook.schema import Row, col


class EvaluatorRow(Row):
    姓名: str = col("评价人员姓名")
    职务职称: str = col("职务或职称", alias="职务/职称")
    单位: str = col("所在单位")
