"""A score or grade typed into the 文字 sheet must be the one the report shows.

The narrative is free text, but a total score or grade quoted in it sits in the same published
report as the 自评表; if the two differ, the report contradicts itself (domain.md §3 rule 7).
Only totals are checked (综合得分, 自评得分, 评价得分, 总分 …): a single indicator's points
(「该项指标得分为2分」) are not a total, and guessing which indicator is meant would raise false alarms.
"""
from __future__ import annotations

import re
from decimal import Decimal

from generator.errors import Problem, Severity
from generator.formatting import score as score_text
from generator.kinds.common.scoring import GRADE_ALIASES

_TOTAL = re.compile(r"(综合得分|自评得分|评价得分|总得分|总分)[为是：:\s]*(\d{1,3}(?:\.\d{1,2})?)\s*分")
_GRADE = re.compile(r"(评价等次|评价等级|自评等次|等次)[为是：:\s]*[“\"「]?(优秀|良好|不合格|合格|优|良|中|差)")


def narrative_score_problems(texts, total: Decimal | None, grade: str) -> list[Problem]:
    """`texts`: rows with 内容 and cell(); total/grade: what the report shows (None/— when unknown)."""
    problems = []
    for row in texts:
        content = row.内容 or ""
        where = row.cell("内容")
        sheet, _, ref = where.partition("!")
        if total is not None:
            for m in _TOTAL.finditer(content):
                if Decimal(m.group(2)) != total:
                    problems.append(Problem(sheet, ref, (
                        f"文字中写的{m.group(1)}为 {m.group(2)} 分，而报告的得分为 {score_text(total)} 分；"
                        "请改正或删去文字中的分数（报告会自动写出得分），"
                        "如应采用评价组填写的得分请加 --keep-entered-scores"), Severity.ERROR))
        if grade and grade != "—":
            for m in _GRADE.finditer(content):
                if GRADE_ALIASES.get(m.group(2), m.group(2)) != GRADE_ALIASES.get(grade, grade):
                    problems.append(Problem(sheet, ref, (
                        f"文字中写的{m.group(1)}为“{m.group(2)}”，而报告的评价等次为“{grade}”；"
                        "请改正或删去文字中的等次"), Severity.ERROR))
    return problems
