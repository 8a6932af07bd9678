"""Checks and scores of a project workbook (财预〔2020〕10号 项目支出绩效自评表).

Funds add up per column (年度资金总额 = 当年财政拨款 + 上年结转资金 + 其他资金), spending above
budget is a warning, the 分值 of the 绩效指标 add up to 90 (预算执行率 has the other 10), and every
score is computed from the figures, with the working kept for the report and `genreport score`.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from .errors import Problem, Severity
from .project_models import ProjectData, ProjectIndicatorRow
from .rules import Term, check_sum
from .scoring import grade_of, score_execution, score_qualitative, score_quantitative

EXECUTION_POINTS = Decimal(10)
INDICATOR_POINTS = Decimal(90)
PARTS = ("当年财政拨款", "上年结转资金", "其他资金")
COLUMNS = ("年初预算数", "全年预算数", "全年执行数")
_NUMBER = re.compile(r"^\s*(?:[≥≤＝=<>]=?)?\s*(-?\d+(?:\.\d+)?)\s*([^\d\s]*)\s*$")


def parse_figure(text: str) -> Decimal | None:
    """95, 95%, ≥95, 98.17亿元 → the number; words → None."""
    m = _NUMBER.match(text.replace(",", "").replace("，", ""))
    return Decimal(m.group(1)) if m else None


def _at(row, field_name: str, message: str, severity=Severity.ERROR) -> Problem:
    sheet, cell = row.cell(field_name).split("!", 1)
    return Problem(sheet, cell, message, severity)


def _known_projects(data: ProjectData) -> tuple[set[str], list[Problem]]:
    problems, seen = [], {}
    for p in data.项目:
        if p.项目名称 in seen:
            problems.append(_at(p, "项目名称", f"项目“{p.项目名称}”重复（另见第 {seen[p.项目名称]} 行）"))
        seen.setdefault(p.项目名称, p.row_number)
    for rows in (data.资金, data.目标, data.指标, [t for t in data.文字 if t.项目名称]):
        for r in rows:
            if r.项目名称 not in seen:
                problems.append(_at(r, "项目名称", f"项目“{r.项目名称}”不在“项目信息”中"))
    return set(seen), problems


def check_funds(data: ProjectData, unit_of: dict[str, str]) -> list[Problem]:
    problems = []
    by_project: dict[str, dict] = defaultdict(dict)
    for r in data.资金:
        if r.资金类别 in by_project[r.项目名称]:
            problems.append(_at(r, "资金类别", f"项目“{r.项目名称}”的“{r.资金类别}”重复"))
        by_project[r.项目名称][r.资金类别] = r
        if r.全年执行数 > r.全年预算数:
            problems.append(_at(r, "全年执行数", f"全年执行数 {r.全年执行数:.2f} 超过全年预算数 {r.全年预算数:.2f}",
                                Severity.WARNING))
    for p in data.项目:
        rows = by_project.get(p.项目名称, {})
        total = rows.get("年度资金总额")
        if total is None:
            problems.append(_at(p, "项目名称", f"项目“{p.项目名称}”在“项目资金”中没有“年度资金总额”行"))
            continue
        parts = [rows[k] for k in PARTS if k in rows]
        rounded = unit_of.get(p.项目名称) == "万元"
        for column in COLUMNS:
            if not parts:
                break
            t = Term(f"年度资金总额{column}", total.cell(column), getattr(total, column), rounded=rounded)
            terms = [Term(r.资金类别, r.cell(column), getattr(r, column), rounded=rounded) for r in parts]
            if (pr := check_sum(t, terms)) is not None:
                problems.append(pr)
    return problems


def check_indicators(data: ProjectData) -> list[Problem]:
    problems = []
    by_project: dict[str, list[ProjectIndicatorRow]] = defaultdict(list)
    for r in data.指标:
        by_project[r.项目名称].append(r)
        if r.指标性质 == "定性":
            if r.完成档次 is None:
                problems.append(_at(r, "完成档次", "定性指标需选择完成档次（达成、部分达成、未达成）"))
            if r.得分 is None:
                problems.append(_at(r, "得分", "定性指标的得分由评价组填写，实际为空"))
        else:
            for name in ("指标值", "实际完成值"):
                if parse_figure(getattr(r, name)) is None:
                    problems.append(_at(r, name, f"定量指标（{r.指标性质}）的{name}应为数字，实际为“{getattr(r, name)}”"))
        if r.得分 is not None and not Decimal(0) <= r.得分 <= r.分值:
            problems.append(_at(r, "得分", f"得分 {r.得分} 应在 0 到分值 {r.分值} 之间"))
    for p in data.项目:
        rows = by_project.get(p.项目名称, [])
        if not rows:
            problems.append(_at(p, "项目名称", f"项目“{p.项目名称}”在“绩效指标”中没有指标"))
            continue
        total = sum((r.分值 for r in rows), Decimal(0))
        if total != INDICATOR_POINTS:
            cells = "、".join(r.cell("分值").split("!")[1] for r in rows)
            problems.append(_at(rows[0], "分值", f"项目“{p.项目名称}”各指标分值({cells})合计 {total}，应为 90"
                                               f"（预算执行率另占 10 分）"))
    return problems


def check_goals(data: ProjectData) -> list[Problem]:
    counts = defaultdict(int)
    for g in data.目标:
        counts[g.项目名称] += 1
    return [_at(p, "项目名称", f"项目“{p.项目名称}”在“年度总体目标”中应有 1 行，实际 {counts[p.项目名称]} 行")
            for p in data.项目 if counts[p.项目名称] != 1]


def check_project(data: ProjectData, skip: set[str]) -> list[Problem]:
    if "项目信息" in skip:
        return []
    names, problems = _known_projects(data)
    unit_of = {p.项目名称: p.金额单位 for p in data.项目}
    if "项目资金" not in skip:
        problems += check_funds(data, unit_of)
    if "绩效指标" not in skip:
        problems += check_indicators(data)
    if "年度总体目标" not in skip:
        problems += check_goals(data)
    return problems


# ---------------------------------------------------------------- scores
@dataclass
class IndicatorScore:
    row: ProjectIndicatorRow
    computed: Decimal | None
    used: Decimal | None
    basis: str


@dataclass
class ProjectScore:
    name: str
    execution_rate: Decimal | None
    execution_score: Decimal | None
    indicators: list[IndicatorScore] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        parts = [self.execution_score or Decimal(0)] + [i.used or Decimal(0) for i in self.indicators]
        return sum(parts, Decimal(0))

    @property
    def grade(self) -> str:
        return grade_of(self.total)


def _score_indicator(r: ProjectIndicatorRow, keep_entered: bool) -> IndicatorScore:
    if r.指标性质 == "定性":
        q = score_qualitative(r.完成档次 or "达成", r.得分, r.分值)
        return IndicatorScore(r, q.score, q.score, q.problem or f"定性指标，评价组按“{r.完成档次}”档评分")
    target, actual = parse_figure(r.指标值), parse_figure(r.实际完成值)
    computed = score_quantitative(r.指标性质, target, actual, r.分值)
    used = r.得分 if keep_entered and r.得分 is not None else computed
    return IndicatorScore(r, computed, used, _working(r.指标性质, target, actual, r.分值))


def _working(nature: str, target: Decimal, actual: Decimal, points: Decimal) -> str:
    """The basis as a reader checks it: the figures in the order the formula divides them."""
    met = {"≥": actual >= target, "≤": actual <= target, "＝": actual == target}[nature]
    if met:
        return f"{nature} 完成值{actual}达到指标值{target}，得满分"
    if nature == "≥":
        return f"≥ 完成值/指标值×分值：{actual}/{target}×{points}"
    if nature == "≤":
        return f"≤ 指标值/完成值×分值：{target}/{actual}×{points}"
    low, high = sorted((abs(target), abs(actual)))
    return f"＝ 未相等，按较小值/较大值×分值：{low}/{high}×{points}"


def score_projects(data: ProjectData, keep_entered: bool = False) -> dict[str, ProjectScore]:
    """Each project's 预算执行率 points and indicator points, with the working."""
    funds = {(r.项目名称, r.资金类别): r for r in data.资金}
    scores = {}
    for p in data.项目:
        total = funds.get((p.项目名称, "年度资金总额"))
        execution = score_execution(total.全年预算数, total.全年执行数, EXECUTION_POINTS) if total else None
        s = ProjectScore(p.项目名称, execution.rate if execution else None, execution.score if execution else None)
        s.indicators = [_score_indicator(r, keep_entered) for r in data.指标 if r.项目名称 == p.项目名称]
        scores[p.项目名称] = s
    return scores


def entered_score_warnings(scores: dict[str, ProjectScore]) -> list[Problem]:
    """Where the evaluators typed a score that differs from the computed one."""
    problems = []
    for s in scores.values():
        for i in s.indicators:
            r = i.row
            if r.指标性质 != "定性" and r.得分 is not None and i.computed is not None and r.得分 != i.computed:
                problems.append(_at(r, "得分", f"填写的得分 {r.得分} 与按公式计算的 {i.computed}（{i.basis}）不一致；"
                                              f"报告采用计算值，如需采用填写值请加 --keep-entered-scores",
                                    Severity.WARNING))
    return problems
