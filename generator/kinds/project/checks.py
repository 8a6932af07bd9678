"""Consistency checks of a project workbook (财预〔2020〕10号 项目支出绩效自评表).

Funds add up per column (年度资金总额 = 当年财政拨款 + 上年结转资金 + 其他资金), spending above
budget is a warning, and the 分值 of the 绩效指标 leave 预算执行率 its share of 100 (how the split
compares with the rules file is said when scoring, scoring.split_warnings). Amounts keep the
decimals typed, up to six (published 自评表 carry 12.345 万元).
"""
from __future__ import annotations

import re
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from generator.errors import Problem, Severity
from generator.kinds.common.checks import Term, at, check_sum
from generator.kinds.project.models import ProjectData, ProjectIndicatorRow

TOTAL_POINTS = Decimal(100)
AMOUNT_PLACES = 6
PARTS = ("当年财政拨款", "上年结转资金", "其他资金")
COLUMNS = ("年初预算数", "全年预算数", "全年执行数")
_NUMBER = re.compile(r"^\s*(?:[≥≤＝=<>]=?)?\s*(-?\d+(?:\.\d+)?)\s*([^\d\s]*)\s*$")


def parse_figure(text: str) -> Decimal | None:
    """95, 95%, ≥95, 98.17亿元 → the number; words → None."""
    m = _NUMBER.match(text.replace(",", "").replace("，", ""))
    return Decimal(m.group(1)) if m else None



def _known_projects(data: ProjectData) -> tuple[set[str], list[Problem]]:
    problems, seen = [], {}
    for p in data.项目:
        if p.项目名称 in seen:
            problems.append(at(p, "项目名称", f"项目“{p.项目名称}”重复（另见第 {seen[p.项目名称]} 行）"))
        seen.setdefault(p.项目名称, p.row_number)
    for rows in (data.资金, data.目标, data.指标, [t for t in data.文字 if t.项目名称]):
        for r in rows:
            if r.项目名称 not in seen:
                problems.append(at(r, "项目名称", f"项目“{r.项目名称}”不在“项目信息”中"))
    return set(seen), problems


def check_funds(data: ProjectData, unit_of: dict[str, str]) -> list[Problem]:
    problems = []
    by_project: dict[str, dict] = defaultdict(dict)
    for r in data.资金:
        if r.资金类别 in by_project[r.项目名称]:
            problems.append(at(r, "资金类别", f"项目“{r.项目名称}”的“{r.资金类别}”重复"))
        by_project[r.项目名称][r.资金类别] = r
        if r.全年执行数 > r.全年预算数:
            problems.append(at(r, "全年执行数", f"全年执行数 {r.全年执行数:.2f} 超过全年预算数 {r.全年预算数:.2f}",
                                Severity.WARNING))
    for p in data.项目:
        rows = by_project.get(p.项目名称, {})
        total = rows.get("年度资金总额")
        if total is None:
            problems.append(at(p, "项目名称", f"项目“{p.项目名称}”在“项目资金”中没有“年度资金总额”行"))
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
                problems.append(at(r, "完成档次", "定性指标需选择完成档次（达成、部分达成、未达成）"))
            if r.得分 is None:
                problems.append(at(r, "得分", "定性指标的得分由评价组填写，实际为空"))
        else:
            for name in ("指标值", "实际完成值"):
                if parse_figure(getattr(r, name)) is None:
                    problems.append(at(r, name, f"定量指标（{r.指标性质}）的{name}应为数字，实际为“{getattr(r, name)}”"))
        if r.得分 is not None and not Decimal(0) <= r.得分 <= r.分值:
            problems.append(at(r, "得分", f"得分 {r.得分} 应在 0 到分值 {r.分值} 之间"))
    for p in data.项目:
        rows = by_project.get(p.项目名称, [])
        if not rows:
            problems.append(at(p, "项目名称", f"项目“{p.项目名称}”在“绩效指标”中没有指标"))
            continue
        total = sum((r.分值 for r in rows), Decimal(0))
        if not 0 < total < TOTAL_POINTS:
            cells = "、".join(r.cell("分值").split("!")[1] for r in rows)
            bound = "应小于 100" if total >= TOTAL_POINTS else "应大于 0"
            problems.append(at(rows[0], "分值", f"项目“{p.项目名称}”各指标分值({cells})合计 {total}，{bound}"
                                               f"（余下的分值归预算执行率，通常 90，预算执行率 10）"))
    return problems


def check_goals(data: ProjectData) -> list[Problem]:
    counts = defaultdict(int)
    for g in data.目标:
        counts[g.项目名称] += 1
    return [at(p, "项目名称", f"项目“{p.项目名称}”在“年度总体目标”中应有 1 行，实际 {counts[p.项目名称]} 行")
            for p in data.项目 if counts[p.项目名称] != 1]


def check_amounts(data: ProjectData) -> list[Problem]:
    """Amounts are read as typed; more than six decimals is a slip (a formula's binary noise is cut silently)."""
    problems = []
    quantum = Decimal(1).scaleb(-AMOUNT_PLACES)
    for r in data.资金:
        for column in COLUMNS:
            value = getattr(r, column)
            if value.as_tuple().exponent >= -AMOUNT_PLACES:
                continue
            kept = value.quantize(quantum, rounding=ROUND_HALF_UP)  # the message says 四舍五入
            if abs(kept - value) >= Decimal("1e-9"):
                problems.append(at(r, column, f"金额最多六位小数，实际为 {value}；已四舍五入为 {kept.normalize()}",
                                   Severity.WARNING))
            setattr(r, column, kept)
    return problems


def check_project(data: ProjectData, skip: set[str]) -> list[Problem]:
    if "项目信息" in skip:
        return []
    names, problems = _known_projects(data)
    unit_of = {p.项目名称: p.金额单位 for p in data.项目}
    if "项目资金" not in skip:
        problems += check_amounts(data)
        problems += check_funds(data, unit_of)
    if "绩效指标" not in skip:
        problems += check_indicators(data)
    if "年度总体目标" not in skip:
        problems += check_goals(data)
    return problems
