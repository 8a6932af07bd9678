"""Figures typed into the 文字 sheet must be the ones the report shows (domain.md §3 rule 7).

The narrative is free text, but it sits in the same published report as the tables; if a figure
differs, the report contradicts itself. Checked: total scores and grades (综合得分, 总分, 评价等次 …),
and any figure quoted right after a name the engine knows (an indicator's rate or score, a headline
amount such as 收入 or 三公经费). An unnamed figure (「该项指标得分为2分」) is never guessed at.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

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


# ------------------------------------------------------------------ figures quoted by name
# A named figure in the text: 「三公经费变动率为-13.79%」「部门决算收入为3867.00万元」「预算控制率得4分」.
# Only a name right after a plain lead-in (start, punctuation, 年/全年/本年/部门/决算/其中 …) counts, so
# that 「一般公共预算基本支出」 or 「销售收入」 is not taken for the 基本支出 or 收入 of the tables.
LEADS = ("年", "年度", "本年", "全年", "当年", "部门", "本部门", "单位", "本单位", "决算", "其中", "的", "和", "及", "与", "我局")
_NUMBER = r"(-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?)"
_AMOUNT_TAIL = r"(?:支出|经费|合计|总额|总计|数)?(?:为|是|：|:|达|共|共计|合计)?\s*" + _NUMBER + r"\s*(%|％|万元|元)"
_SCORE_TAIL = r"(?:指标)?(?:得分为|得分是|得分：|得)\s*(\d+(?:\.\d+)?)\s*分"
FACTOR = {"元": Decimal(1), "万元": Decimal(10000)}
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Quoted:
    """A figure the engine knows, by the names a text may call it."""

    names: tuple[str, ...]
    value: Decimal
    kind: str  # "percent" (value in %), "money" (in `unit`) or "score"
    unit: str = ""
    shown: str = ""  # how the report prints it


def _plain(text: str) -> str:
    return re.sub(r"[“”\"「」‘’']", "", text)


def _led(text: str, start: int) -> bool:
    if start == 0 or not "\u4e00" <= text[start - 1] <= "\u9fff":
        return True
    return any(text[:start].endswith(lead) for lead in LEADS)


def _quantum(x: Decimal, normal: bool = False) -> Decimal:
    """The precision a figure carries: as written (262.00 is to the cent), or, `normal`, to its last
    non-zero digit."""
    exponent = (x.normalize() if normal else x).as_tuple().exponent
    return Decimal(1).scaleb(min(exponent, 0) if isinstance(exponent, int) else 0)


def _same(typed: Decimal, ours: Decimal, computed: bool) -> bool:
    """Equal at the coarser precision of the two; a figure typed to the cent must agree to the cent.

    A rate or score the engine computed is exact and printed to the cent at least (−25 is −25.00 %,
    so 「−25.40%」 is wrong). An amount read from the tables is only as precise as it was typed, and a
    cell holding 2072 may have been typed whole: a text's 2071.68 agrees with it."""
    own = min(_quantum(ours), CENT) if computed else _quantum(ours, normal=True)
    q = max(_quantum(typed), own)
    return typed.quantize(q, rounding=ROUND_HALF_UP) == ours.quantize(q, rounding=ROUND_HALF_UP)


def _check(q: Quoted, number: str, unit: str) -> str | None:
    """Why a quoted figure disagrees with the engine's, or None when it agrees (or is no such figure)."""
    value = Decimal(number.replace(",", ""))
    if q.kind == "percent":
        if unit not in ("%", "％"):
            return None
        return None if _same(value, q.value, computed=True) else (q.shown or f"{q.value}%")
    if q.kind == "money":
        if unit not in FACTOR:
            return None
        in_ours = value * FACTOR[unit] / FACTOR[q.unit]
        return None if _same(in_ours, q.value, computed=False) else q.shown
    return None if _same(value, q.value, computed=True) else q.shown


def narrative_figure_problems(texts, known: list[Quoted]) -> list[Problem]:
    """Errors where the 文字 sheet quotes an indicator's rate, a headline amount or an indicator's score
    otherwise than the engine computes it; each names the 文字 cell and gives both values."""
    names = sorted({n for q in known for n in q.names}, key=len, reverse=True)
    if not names:
        return []
    by_name = {}
    for q in known:
        for n in q.names:
            by_name.setdefault((n, q.kind == "score"), q)
    alternation = "|".join(re.escape(n) for n in names)
    patterns = ((re.compile(f"({alternation}){_SCORE_TAIL}"), True), (re.compile(f"({alternation}){_AMOUNT_TAIL}"), False))
    problems = []
    for row in texts:
        content = _plain(row.内容 or "")
        sheet, _, ref = row.cell("内容").partition("!")
        for pattern, is_score in patterns:
            for m in pattern.finditer(content):
                q = by_name.get((m.group(1), is_score))
                if q is None or not _led(content, m.start()):
                    continue
                unit = "分" if is_score else m.group(3)
                expected = _check(q, m.group(2), unit)
                if expected is not None:
                    problems.append(Problem(sheet, ref, (
                        f"文字中写的“{m.group(0)}”与计算结果不一致：{m.group(1)}{'得分' if is_score else ''}应为"
                        f"{expected}；请改正文字（报告中的表格和指标句按计算结果写出）"), Severity.ERROR))
    return problems
