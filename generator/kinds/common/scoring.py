"""Scoring both kinds share (domain.md §4): grades, 预算执行率, quantitative ratios, qualitative bands.

Scores are rounded half-up to 0.01.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from generator.formatting import score as score_text

GRADE_BANDS = ((Decimal(90), "优"), (Decimal(80), "良"), (Decimal(60), "中"), (Decimal(0), "差"))
GRADE_ALIASES = {"优秀": "优", "良好": "良", "合格": "中", "不合格": "差"}
CENT = Decimal("0.01")
ZERO = Decimal(0)


def grade_of(score: Decimal | None) -> str:
    if score is None:
        return "—"
    for floor, grade in GRADE_BANDS:
        if score >= floor:
            return grade
    return "差"


def cent(x: Decimal) -> Decimal:
    return x.quantize(CENT, rounding=ROUND_HALF_UP)


class Execution(NamedTuple):
    rate: Decimal | None  # 执行率 as a percentage, 0.01
    score: Decimal | None

    @property
    def note(self) -> str:
        return "全年预算数为0，无法计算预算执行率" if self.rate is None else ""


def score_execution(budget: Decimal, spent: Decimal, points: Decimal = Decimal(10)) -> Execution:
    """预算执行率 = 全年执行数 / 全年预算数; its points 执行率 × 分值, capped at 分值."""
    if budget == 0:
        return Execution(None, None)
    ratio = Decimal(spent) / Decimal(budget)
    return Execution(cent(ratio * 100), cent(max(min(ratio, Decimal(1)), ZERO) * points))


NATURES = {"≥": "≥", ">=": "≥", "正向": "≥", "≤": "≤", "<=": "≤", "反向": "≤", "＝": "＝", "=": "＝"}


def score_quantitative(nature: str, target: Decimal, actual: Decimal, points: Decimal) -> Decimal:
    """≥: 完成值/指标值 × 分值; ≤: 指标值/完成值 × 分值; ＝: full if equal, else the smaller
    over the larger × 分值. Always capped at 分值 and never below 0."""
    kind = NATURES.get(nature)
    if kind is None:
        raise ValueError(f"未知的指标性质“{nature}”，应为 ＝、≥ 或 ≤")
    met = {"≥": actual >= target, "≤": actual <= target, "＝": actual == target}[kind]
    if met:
        return cent(points)
    if kind == "＝":
        low, high = sorted((abs(target), abs(actual)))
        num, den = low, high
    else:
        num, den = (actual, target) if kind == "≥" else (target, actual)
    if den <= 0 or num <= 0:  # a ratio of signs means nothing; not met is 0
        return ZERO.quantize(CENT)
    return cent(min(num / den, Decimal(1)) * points)


QUALITATIVE_BANDS = {  # share of 分值: 达成 [80%,100%], 部分达成 [60%,80%), 未达成 [0,60%)
    "达成": (Decimal("0.8"), Decimal(1), True),
    "部分达成": (Decimal("0.6"), Decimal("0.8"), False),
    "未达成": (ZERO, Decimal("0.6"), False),
}


class Qualitative(NamedTuple):
    score: Decimal | None
    problem: str | None


def score_qualitative(band: str, entered: Decimal | None, points: Decimal) -> Qualitative:
    """Keep the evaluators' score when it lies in its band; otherwise no score and why."""
    if band not in QUALITATIVE_BANDS:
        raise ValueError(f"未知的定性评价档次“{band}”，应为 达成、部分达成 或 未达成")
    low, high, closed = QUALITATIVE_BANDS[band]
    lo, hi = cent(low * points), cent(high * points)
    span = f"{score_text(lo)}–{score_text(hi)}分" + ("" if closed else f"（不含{score_text(hi)}）")
    if entered is None:
        return Qualitative(None, f"{band}档应在{span}之间评分，未填得分")
    inside = lo <= entered <= hi if closed else lo <= entered < hi
    if not inside:
        return Qualitative(None, f"得分{score_text(entered)}不在“{band}”档{span}之内")
    return Qualitative(entered, None)
