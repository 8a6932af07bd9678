"""Grades from scores (domain.md §4): 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 < 60."""
from __future__ import annotations

from decimal import Decimal

GRADE_BANDS = ((Decimal(90), "优"), (Decimal(80), "良"), (Decimal(60), "中"), (Decimal(0), "差"))


def grade_of(score: Decimal | None) -> str:
    if score is None:
        return "—"
    for floor, grade in GRADE_BANDS:
        if score >= floor:
            return grade
    return "差"
