"""Consistency checks of a department workbook (domain.md §3): every total must equal the sum of its parts.

Each failure names the cell of the total, the cells of every term and the
difference, so a finance officer can go straight to the figure to fix.
Amounts in 万元 are rounded from 元, so they may differ by 0.01 per term summed,
no more; amounts in 元 are exact to the cent and must add up exactly.
"""
from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from generator.errors import Problem, Severity
from generator.kinds.common.checks import TOLERANCE_PER_TERM, Term, at, check_sum, fmt
from generator.kinds.department.indicators import item_name
from generator.kinds.department.models import ADJUSTMENT_ROW, INSTITUTION_TABLES, DepartmentData
from generator.units import convert_exact
from generator.workbook.schema import Row

def term(row: Row, field: str, label: str | None = None, sign: int = 1, unit: str = "万元") -> Term:
    return Term(label or field, row.cell(field), getattr(row, field), sign, unit == "万元")


# Row-level identities of the four institution tables: total field = signed parts.
ROW_RULES: dict[str, list[tuple[str, list[tuple[str, int]]]]] = {
    "收入": [("收入合计", [("上年结转", 1), ("公共财政拨款", 1), ("政府基金拨款", 1),
                        ("纳入专户管理的非税收入拨款", 1), ("其他收入", 1)])],
    "支出和结余": [
        ("支出合计", [("基本支出", 1), ("项目支出", 1)]),
        ("基本支出", [("人员支出", 1), ("公用支出", 1)]),
    ],
    "三公经费": [("三公经费合计", [("公务接待费", 1), ("公务用车运维费", 1), ("公务用车购置费", 1),
                              ("因公出国出境费", 1)])],
    "固定资产": [("固定资产合计", [("在用固定资产", 1), ("出租固定资产", 1), ("其他", 1)])],
}
SIGNED_FIELDS = {"当年结余", "累计结余"}  # a balance may be negative; nothing else may


def row_identities(data: DepartmentData, skip: set[str]) -> list[Problem]:
    problems = []
    for sheet, rules in ROW_RULES.items():
        if sheet in skip:
            continue
        for row in getattr(data, sheet):
            for total, parts in rules:
                u = _unit(data)
                p = check_sum(term(row, total, unit=u), [term(row, f, sign=s, unit=u) for f, s in parts])
                if p:
                    problems.append(p)
    return problems


def balances(data: DepartmentData, skip: set[str]) -> list[Problem]:
    """Rule 3: 累计结余 = 收入合计 − 支出合计; 当年结余 = 收入合计 − 上年结转 − 支出合计, per institution."""
    if {"收入", "支出和结余"} & skip:
        return []
    problems = []
    incomes, expenses = data.收入, data.支出和结余
    if len(incomes) != len(expenses):
        problems.append(Problem("支出和结余", "", f"机构行数 {len(expenses)} 与“收入”表的 {len(incomes)} 行不一致"))
        return problems
    for inc, exp in zip(incomes, expenses):
        u = _unit(data)
        checks = [
            (term(exp, "累计结余", unit=u), [term(inc, "收入合计", unit=u), term(exp, "支出合计", sign=-1, unit=u)]),
            (term(exp, "当年结余", unit=u), [term(inc, "收入合计", unit=u), term(inc, "上年结转", sign=-1, unit=u),
                                           term(exp, "支出合计", sign=-1, unit=u)]),
        ]
        problems += [p for total, parts in checks if (p := check_sum(total, parts))]
    return problems


def summary_rows(data: DepartmentData, skip: set[str]) -> list[Problem]:
    """Rule 5: the first (summary) row is the column-wise sum of the institution rows."""
    problems = []
    for sheet in INSTITUTION_TABLES:
        rows = getattr(data, sheet)
        if sheet in skip or len(rows) < 2:
            continue
        head, members = rows[0], rows[1:]
        if "汇总" not in head.机构名称 and "合计" not in head.机构名称:
            problems.append(Problem(sheet, head.cell("机构名称")[len(sheet) + 1:],
                                    f"第一行应为汇总行（机构名称含“汇总”或“合计”），实际为“{head.机构名称}”"))
            continue
        for field in money_fields(head):
            if any(getattr(r, field) is None for r in members):  # an optional column given on the summary only
                continue
            p = check_sum(term(head, field, f"{field}汇总", unit=_unit(data)),
                          [term(r, field, r.机构名称, unit=_unit(data)) for r in members])
            if p:
                problems.append(p)
    return problems


def money_fields(row: Row) -> list[str]:
    return [n for n, v in row if isinstance(v, Decimal) and n not in ("综合得分",)]


def signed_fields(sheet: str, row) -> set[str]:
    """A balance may be negative; so may the budget adjustment row's 决算数, a net 追加 − 追减 (负数计为追减)."""
    if sheet == "经费控制" and item_name(row.项目) == ADJUSTMENT_ROW:
        return SIGNED_FIELDS | {"上年决算数", "本年决算数"}
    return SIGNED_FIELDS


def negatives(data: DepartmentData, skip: set[str]) -> list[Problem]:
    problems = []
    for sheet in INSTITUTION_TABLES + ("经费控制",):
        if sheet in skip:
            continue
        for row in getattr(data, sheet):
            for field in money_fields(row):
                if field not in signed_fields(sheet, row) and getattr(row, field) < 0:
                    sh, cell = row.cell(field).split("!", 1)
                    problems.append(Problem(sh, cell, f"{field} 应为非负数，实际为 {fmt(getattr(row, field))}"))
    return problems


def breakdowns(data: DepartmentData, skip: set[str]) -> list[Problem]:
    """Rule 6: in 支出明细, the items under a parent add up to the parent (units converted exactly)."""
    if "支出明细" in skip:
        return []
    problems = []
    groups: dict[str, list] = defaultdict(list)
    for row in data.支出明细:
        groups[row.分组].append(row)
    for name, rows in groups.items():
        by_name: dict[str, Row] = {}
        for row in rows:
            if row.项目 in by_name:
                problems.append(at(row, "项目", f"分组“{name}”中项目“{row.项目}”重复（另见第 {by_name[row.项目].row_number} 行）"))
            else:
                by_name[row.项目] = row
        children: dict[str, list] = defaultdict(list)
        for row in rows:
            if row.上级项目:
                if row.上级项目 not in by_name:
                    problems.append(at(row, "上级项目", f"上级项目“{row.上级项目}”不在分组“{name}”中"))
                else:
                    children[row.上级项目].append(row)
        problems += _cycles(by_name)
        for parent_name, kids in children.items():
            parent = by_name[parent_name]
            total = Term(parent.项目, parent.cell("金额"), parent.金额, rounded=parent.金额单位 == "万元")
            terms = [Term(k.项目, k.cell("金额"), convert_exact(k.金额, k.金额单位, parent.金额单位),
                          rounded=k.金额单位 == "万元") for k in kids]
            p = check_sum(total, terms)
            if p:
                problems.append(p)
    return problems


def _cycles(by_name: dict[str, Row]) -> list[Problem]:
    problems = []
    for start in by_name.values():
        seen, node = set(), start
        while node is not None and node.上级项目:
            if node.项目 in seen:
                problems.append(at(start, "上级项目", f"“{start.项目}”的上级项目形成循环"))
                break
            seen.add(node.项目)
            node = by_name.get(node.上级项目)
    return problems


# 其中 rows that make up their parent by default (domain.md §2: the 53号 三公经费 rows); any other
# parent only bounds its 其中 rows, unless its 其中项合计 says 等于本项.
WHOLE_BY_DEFAULT = {"三公经费", "三公经费合计", "公务用车购置和维护经费"}
CONTROL_AMOUNTS = ("上年决算数", "本年预算数", "本年追加", "本年追减", "调整预算数", "本年决算数")
# 经费控制's 三公经费 parts (53号 names) and the 三公经费 table's columns they are this year's figure of.
SANGONG_PARTS = {"公务接待": "公务接待费", "公车运行维护": "公务用车运维费", "公车购置": "公务用车购置费",
                 "出国经费": "因公出国出境费"}


def controls(data: DepartmentData, skip: set[str]) -> list[Problem]:
    """经费控制: 其中 items add up to (or stay within) their parent; budgets add up; the 三公经费 row
    matches the 三公经费 table; every row but the budget adjustment gives its 年初预算."""
    if "经费控制" in skip:
        return []
    problems = []
    by_name = {r.项目: r for r in data.经费控制}
    for row in data.经费控制:
        if row.上级项目 and row.上级项目 not in by_name:
            problems.append(at(row, "上级项目", f"上级项目“{row.上级项目}”不在本表中"))
        if row.本年预算数 is None and item_name(row.项目) != ADJUSTMENT_ROW:
            problems.append(at(row, "本年预算数", f"{row.项目}的本年预算数（年初预算）为必填项，实际为空（金额为零请填 0）"))
        problems += _budget_sums(data, row)
    for parent in data.经费控制:
        kids = [r for r in data.经费控制 if r.上级项目 == parent.项目]
        if kids:
            problems += _parts(data, parent, kids)
    if data.三公经费 and "三公经费" not in skip:
        problems += _sangong_table(data)
    return problems


def _sangong_table(data: DepartmentData) -> list[Problem]:
    """This year's 三公经费 in 经费控制 (the total and each 53号 part given) is the 三公经费 table's."""
    head, rounded = data.三公经费[0], _unit(data) == "万元"
    pairs = [("三公经费", "三公经费合计", "合计"), *((item, column, column) for item, column in SANGONG_PARTS.items())]
    problems = []
    for item, column, label in pairs:
        row = next((r for r in data.经费控制 if item_name(r.项目) == item), None)
        if row is None:
            continue
        p = check_sum(Term(f"经费控制 {item}本年决算数", row.cell("本年决算数"), row.本年决算数, rounded=rounded),
                      [Term(f"三公经费表 {label}", head.cell(column), getattr(head, column), rounded=rounded)])
        if p:
            problems.append(p)
    return problems


def _parts(data: DepartmentData, parent, kids: list) -> list[Problem]:
    """The 其中 rows of one parent, column by column: equal to it (whole) or not more than it."""
    whole = (parent.其中项合计 or ("等于本项" if item_name(parent.项目) in WHOLE_BY_DEFAULT else "不超过本项")) == "等于本项"
    u = _unit(data)
    problems = []
    for field in CONTROL_AMOUNTS:
        if getattr(parent, field) is None or any(getattr(k, field) is None for k in kids):
            continue
        if whole:
            p = check_sum(term(parent, field, f"{parent.项目}{field}", unit=u),
                          [term(k, field, k.项目, unit=u) for k in kids])
            if p:
                problems.append(Problem(p.sheet, p.cell, p.message + "；其中各项之和应等于本项"))
            continue
        total = sum((getattr(k, field) for k in kids), Decimal(0))
        slack = TOLERANCE_PER_TERM * len(kids) if u == "万元" else 0
        if total - getattr(parent, field) > slack:
            cells = "、".join(k.cell(field).split("!")[1] for k in kids)
            problems.append(at(parent, field, f"{parent.项目}{field} {fmt(getattr(parent, field))} 小于其中各项"
                                               f"({cells}) 之和 {fmt(total)}"))
    return problems


def _budget_sums(data: DepartmentData, row) -> list[Problem]:
    """调整预算数 = 本年预算数 + 本年追加 − 本年追减; on the budget adjustment row, 本年决算数 = 追加 − 追减."""
    if row.本年追加 is None and row.本年追减 is None:
        return []
    u = _unit(data)
    changes = [term(row, "本年追加", unit=u)] if row.本年追加 is not None else []
    changes += [term(row, "本年追减", sign=-1, unit=u)] if row.本年追减 is not None else []
    problems = []
    if row.调整预算数 is not None and row.本年预算数 is not None:
        p = check_sum(term(row, "调整预算数", f"{row.项目}调整预算数", unit=u), [term(row, "本年预算数", unit=u), *changes])
        problems += [p] if p else []
    if item_name(row.项目) == ADJUSTMENT_ROW:
        p = check_sum(term(row, "本年决算数", f"{row.项目}本年决算数（预算调整净额）", unit=u), changes)
        problems += [p] if p else []
    return problems


def budget_plausibility(data: DepartmentData, skip: set[str]) -> list[Problem]:
    """A 年初预算 far from what the income implies was probably typed in the wrong column (a warning)."""
    if {"经费控制", "收入"} & skip or not data.收入:
        return []
    row = next((r for r in data.经费控制 if item_name(r.项目) == ADJUSTMENT_ROW), None)
    if row is None or not row.本年预算数:
        return []
    head = data.收入[0]
    added, cut = row.本年追加 or Decimal(0), row.本年追减 or Decimal(0)
    if row.本年追加 is None and row.本年追减 is None:
        added, cut = max(row.本年决算数, Decimal(0)), max(-row.本年决算数, Decimal(0))
    expected = head.收入合计 - head.上年结转 - added + cut
    if expected > 0 and not expected / 2 <= row.本年预算数 <= expected * 2:
        return [at(row, "本年预算数", f"{row.项目}的本年预算数 {fmt(row.本年预算数)} 应为部门年初预算，而收入合计 − 上年结转 − "
                                     f"追加 + 追减 = {fmt(expected)}，相差一倍以上：追加、追减的预算请填在“本年追加”"
                                     f"“本年追减”列，年初预算不知道时本年预算数可留空", Severity.WARNING)]
    return []


def plausibility(data: DepartmentData, skip: set[str]) -> list[Problem]:
    """Warnings (not errors) for figures that are possible but usually a slip."""
    problems = []
    unit = data.单位
    if unit is None:
        return problems
    if not 2000 <= unit.年度 <= 2100:
        problems.append(at(unit, "年度", f"年度应为四位年份（2000–2100），实际为 {unit.年度}", Severity.ERROR))
    if unit.报告日期.year < unit.年度:
        problems.append(at(unit, "报告日期", f"报告日期 {unit.报告日期} 早于评价年度 {unit.年度}", Severity.WARNING))
    for field in ("人员编制", "实有人数"):
        if getattr(unit, field) < 0:
            problems.append(at(unit, field, f"{field}不能为负数，实际为 {getattr(unit, field)}", Severity.ERROR))
    if unit.综合得分 is not None and not 0 <= unit.综合得分 <= 100:
        problems.append(at(unit, "综合得分", f"综合得分应在 0–100 之间，实际为 {unit.综合得分}", Severity.ERROR))
    if "收入" not in skip and data.收入:
        total = data.收入[0].收入合计
        if unit.金额单位 == "万元" and total >= Decimal("1000000"):
            problems.append(at(data.收入[0], "收入合计", f"收入合计 {fmt(total)} 万元（超过 100 亿元），金额单位是否应为“元”？",
                                Severity.WARNING))
        if unit.金额单位 == "元" and Decimal(0) < total < Decimal("10000"):
            problems.append(at(data.收入[0], "收入合计", f"收入合计 {fmt(total)} 元（不足 1 万元），金额单位是否应为“万元”？",
                                Severity.WARNING))
    return problems


def _unit(data: DepartmentData) -> str:
    # With 单位信息 unreadable the unit is unknown; 万元's rounding slack avoids false alarms.
    return data.单位.金额单位 if data.单位 is not None else "万元"



DEPARTMENT_RULES = (row_identities, balances, summary_rows, negatives, breakdowns, controls, budget_plausibility,
                    plausibility)


def check_department(data: DepartmentData, skip: set[str]) -> list[Problem]:
    """All consistency problems; sheets in `skip` had unreadable cells and are not checked."""
    problems: list[Problem] = []
    for rule in DEPARTMENT_RULES:
        problems += rule(data, skip)
    return problems
