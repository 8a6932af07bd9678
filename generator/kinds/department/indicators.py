"""The common department indicators (domain.md §4, 财预〔2013〕53号 框架) computed from the workbook.

Every indicator keeps its working: the formula in words, the figures used (amounts
in the workbook unit 单位信息!金额单位), the value as a percentage rounded half-up
to two decimals at the end, and, when it cannot be computed, 「—」 with a note
saying why. Nothing here raises for missing or zero figures.

Where each figure is read ("汇总行" is the first row of an institution table;
经费控制 rows are matched by 项目, ignoring numbering such as 「1、」 and quotes):

| indicator | numerator | denominator |
|---|---|---|
| 在职人员控制率 | 单位信息 实有人数 | 单位信息 人员编制 |
| 三公经费变动率 | 经费控制「三公经费」本年决算数 − 上年决算数 | 同行 上年决算数 |
| 三公经费控制率 | 经费控制「三公经费」本年决算数 | 同行 本年预算数 |
| 重点支出安排率 | 经费控制「业务工作专项」(或「重点项目支出」) 本年决算数 | 经费控制「项目支出」本年决算数 |
| 预算完成率 | 收入汇总行 收入合计 − 支出和结余汇总行 累计结余 | 收入汇总行 收入合计 |
| 预算调整率 | 经费控制「部门整体支出预算调整」本年追加 + 本年追减 (预算调整数, 53号: 追加、追减的资金总和) | 同行 本年预算数 (年初预算) |
| 预算控制率 | 同行 本年追加 | 同行 本年预算数 (年初预算) |
| 支付进度率 | 经费控制「支付进度」本年决算数 (实际支付) | 同行 本年预算数 (既定支付); only when the row exists |
| 结转结余率 | 支出和结余汇总行 累计结余 | 同行 支出合计 |
| 结转结余变动率 | 累计结余 − 收入汇总行 上年结转 (= 当年结余) | 收入汇总行 上年结转 |
| 公用经费控制率 | 经费控制「公用经费」本年决算数 | 同行 本年预算数 |
| 政府采购执行率 | 经费控制「政府采购金额」本年决算数 | 同行 本年预算数 |
| 固定资产利用率 | 固定资产汇总行 在用固定资产 | 同行 固定资产合计 |

The 「部门整体支出预算调整」 row holds the department's budget: 本年预算数 its 年初预算, 本年追加 and
本年追减 the year's changes, 本年决算数 (as in the published 基础数据表) the net change 追加 − 追减.
Only what is left blank is derived, and the working says so: with 追加 and 追减 blank, the net
本年决算数 is read as 追加 (or, when negative, 追减); with 年初预算 blank (or 0, as the 53号 table
leaves it), 年初预算 = 收入合计 − 上年结转 − 追加 + 追减 (the year's income taken as the budget as
adjusted). 预算完成率 = (收入合计 − 累计结余) / 收入合计 = 支出合计 / 收入合计 on the same assumption.
Last year's closing balance is this year's 上年结转, which is what makes 结转结余变动率 computable.

A zero denominator gives no value; the indicator keeps its numerator and denominator so that a
rules file can say what 0/0 and x/0 mean (rules.ZERO_RULES), and `place` names the cell to look at.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from generator.formatting import money
from generator.kinds.department.models import ADJUSTMENT_ROW, ControlRow, DepartmentData

HUNDRED = Decimal(100)
RATE_PLACES = Decimal("0.01")
DASH = "—"

# key → name, in the order of domain.md §4 (the order the score table and templates list them).
CATALOGUE: dict[str, str] = {
    "staff_control": "在职人员控制率",
    "sangong_change": "三公经费变动率",
    "key_spending": "重点支出安排率",
    "budget_completion": "预算完成率",
    "budget_adjustment": "预算调整率",
    "budget_control": "预算控制率",
    "payment_progress": "支付进度率",
    "carryover": "结转结余率",
    "carryover_change": "结转结余变动率",
    "public_funds": "公用经费控制率",
    "sangong_control": "三公经费控制率",
    "procurement": "政府采购执行率",
    "asset_use": "固定资产利用率",
}

# 经费控制 项目 names each figure is looked up under (first name is the one named in notes).
CONTROL_ROWS: dict[str, tuple[str, ...]] = {
    "三公经费": ("三公经费", "三公经费合计"),
    "公用经费": ("公用经费",),
    "政府采购金额": ("政府采购金额", "政府采购"),
    "部门整体支出预算调整": ("部门整体支出预算调整", "预算调整"),
    "项目支出": ("项目支出",),
    "业务工作专项": ("业务工作专项", "重点项目支出", "重点项目"),
    "支付进度": ("支付进度",),
}


@dataclass(frozen=True)
class Indicator:
    key: str
    name: str
    formula: str
    figures: str  # the working, amounts in the workbook unit
    value: Decimal | None  # the rate as a percentage: Decimal("11.44") means 11.44%
    display: str
    note: str = ""  # why there is no value, or which figure was derived and how
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    amounts: tuple[tuple[str, Decimal], ...] = ()  # (label, amount in the workbook unit) for the report sentence
    place: str = ""  # 工作表!单元格 of the figure to look at when there is no value

    def amount(self, label: str) -> Decimal | None:
        return next((v for k, v in self.amounts if k == label), None)


def rate(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    """numerator / denominator as a percentage, half-up to 0.01; None for a zero denominator."""
    if denominator == 0:
        return None
    return (Decimal(numerator) * HUNDRED / Decimal(denominator)).quantize(RATE_PLACES, rounding=ROUND_HALF_UP)


def display(value: Decimal | None) -> str:
    return DASH if value is None else f"{value}%"


def key_of(name_or_key: str) -> str | None:
    """The catalogue key for an indicator given by key or by Chinese name."""
    if name_or_key in CATALOGUE:
        return name_or_key
    return next((k for k, n in CATALOGUE.items() if n == name_or_key), None)


def item_name(name: str) -> str:
    """「1、公用经费」「（一）“三公”经费」「其中：办公经费」 → the bare item name."""
    name = re.sub(r"[\s\"'“”‘’「」]", "", name)
    # the number needs its delimiter, or 「三公经费」 would lose its 三
    name = re.sub(r"^(其中[:：])?([(（][0-9一二三四五六七八九十]+[)）]|[0-9一二三四五六七八九十]+[、.．])?", "", name)
    return name


def control_row(data: DepartmentData, item: str) -> ControlRow | None:
    """The 经费控制 row for one of CONTROL_ROWS, a top-level row preferred over a 其中 one."""
    names = set(CONTROL_ROWS.get(item, (item,)))
    found = [r for r in data.经费控制 if item_name(r.项目) in names]
    top = [r for r in found if not r.上级项目]
    return (top or found or [None])[0]


def next_control_place(data: DepartmentData) -> str:
    """The first empty row of 经费控制, where a missing item is to be added."""
    last = max((r.row_number for r in data.经费控制), default=1)
    return f"经费控制!A{last + 1}"


class _Builder:
    """Makes indicators for one workbook, writing amounts in its unit."""

    def __init__(self, data: DepartmentData):
        self.data = data
        self.unit = data.单位.金额单位

    def amount(self, label: str, value: Decimal) -> str:
        return f"{label}{money(value, separators=self.unit == '元')}{self.unit}"

    def ratio(self, key: str, formula: str, figures: str, num: Decimal, den: Decimal, zero_note: str,
              amounts: tuple = (), place: str = "", note: str = "") -> Indicator:
        value = rate(num, den)
        return Indicator(key, CATALOGUE[key], formula, figures, value, display(value),
                         zero_note if value is None else note, num, den, tuple(amounts), place)

    def missing(self, key: str, formula: str, note: str, place: str = "") -> Indicator:
        return Indicator(key, CATALOGUE[key], formula, "", None, DASH, note, place=place)

    def missing_row(self, key: str, formula: str, item: str) -> Indicator:
        return self.missing(key, formula, _no_row(item), next_control_place(self.data))

    def control(self, key: str, formula: str, item: str, num_label: str, den_label: str,
                what: str) -> Indicator:
        """本年决算数 / 本年预算数 of one 经费控制 row."""
        row = control_row(self.data, item)
        if row is None:
            return self.missing_row(key, formula, item)
        budget = row.本年预算数 if row.本年预算数 is not None else Decimal(0)
        figures = f"{self.amount(num_label, row.本年决算数)} / {self.amount(den_label, budget)}"
        return self.ratio(key, formula, figures, row.本年决算数, budget, f"{what}为0，无法计算",
                          ((num_label, row.本年决算数), (den_label, budget)), row.cell("本年预算数"))


def _no_row(item: str) -> str:
    return f"经费控制表缺少“{item}”行，无法计算"


def _no_summary(sheet: str) -> str:
    return f"“{sheet}”表没有汇总行，无法计算"


def staff_control(b: _Builder) -> Indicator:
    unit = b.data.单位
    figures = f"实有人数{unit.实有人数}人 / 编制数{unit.人员编制}人"
    return b.ratio("staff_control", "在职人数 / 编制数 × 100%", figures, Decimal(unit.实有人数),
                   Decimal(unit.人员编制), "编制数为0，无法计算", place=unit.cell("人员编制"))


def sangong_change(b: _Builder) -> Indicator:
    formula = "(本年三公经费 − 上年三公经费) / 上年三公经费 × 100%"
    row = control_row(b.data, "三公经费")
    if row is None:
        return b.missing_row("sangong_change", formula, "三公经费")
    now, before = b.amount("本年决算数", row.本年决算数), b.amount("上年决算数", row.上年决算数)
    figures = f"({now} − {before}) / {before}"
    return b.ratio("sangong_change", formula, figures, row.本年决算数 - row.上年决算数, row.上年决算数,
                   "上年三公经费决算数为0，无法计算", (("本年", row.本年决算数), ("上年", row.上年决算数)),
                   row.cell("上年决算数"))


def sangong_control(b: _Builder) -> Indicator:
    return b.control("sangong_control", "三公经费实际支出 / 三公经费预算数 × 100%", "三公经费",
                     "本年决算数", "本年预算数", "三公经费本年预算数")


def public_funds(b: _Builder) -> Indicator:
    return b.control("public_funds", "实际公用经费 / 预算公用经费 × 100%", "公用经费",
                     "本年决算数", "本年预算数", "公用经费本年预算数")


def procurement(b: _Builder) -> Indicator:
    return b.control("procurement", "实际政府采购金额 / 政府采购预算 × 100%", "政府采购金额",
                     "本年决算数", "本年预算数", "政府采购金额本年预算数")


def payment_progress(b: _Builder) -> Indicator:
    return b.control("payment_progress", "实际支付进度 / 既定支付进度 × 100%", "支付进度",
                     "实际支付", "既定支付", "既定支付进度")


def key_spending(b: _Builder) -> Indicator:
    formula = "重点项目支出 / 项目总支出 × 100%"
    key_row, all_row = control_row(b.data, "业务工作专项"), control_row(b.data, "项目支出")
    if key_row is None or all_row is None:
        return b.missing_row("key_spending", formula, "业务工作专项" if key_row is None else "项目支出")
    figures = f"{b.amount('重点项目支出', key_row.本年决算数)} / {b.amount('项目支出', all_row.本年决算数)}"
    return b.ratio("key_spending", formula, figures, key_row.本年决算数, all_row.本年决算数,
                   "项目支出本年决算数为0，无法计算",
                   (("重点项目支出", key_row.本年决算数), ("项目支出", all_row.本年决算数)), all_row.cell("本年决算数"))


@dataclass(frozen=True)
class Budget:
    """The department's 年初预算, 本年追加 and 本年追减, and how any of them was derived."""

    initial: Decimal
    added: Decimal
    cut: Decimal
    derived: tuple[str, ...]  # one sentence per derived figure
    place: str  # the 年初预算 cell


def budget_of(b: _Builder) -> Budget | str:
    """The budget figures from the 「部门整体支出预算调整」 row, or why they cannot be had."""
    row = control_row(b.data, ADJUSTMENT_ROW)
    if row is None:
        return _no_row(ADJUSTMENT_ROW)
    derived = []
    if row.本年追加 is None and row.本年追减 is None:
        net = row.本年决算数
        added, cut = max(net, Decimal(0)), max(-net, Decimal(0))
        derived.append(f"本年追加、本年追减未填，按本年决算数（预算调整净额）{b.amount('', net)}计为"
                       + ("本年追加" if net >= 0 else "本年追减"))
    else:
        added, cut = row.本年追加 or Decimal(0), row.本年追减 or Decimal(0)
    if row.本年预算数:
        return Budget(row.本年预算数, added, cut, tuple(derived), row.cell("本年预算数"))
    if not b.data.收入:
        return _no_summary("收入")
    head = b.data.收入[0]
    initial = head.收入合计 - head.上年结转 - added + cut
    derived.append(f"年初预算未填，按 {b.amount('收入合计', head.收入合计)} − {b.amount('上年结转', head.上年结转)} − "
                   f"{b.amount('本年追加', added)} + {b.amount('本年追减', cut)} 推算为{b.amount('', initial)}")
    return Budget(initial, added, cut, tuple(derived), row.cell("本年预算数"))


def _adjustment(b: _Builder, key: str, formula: str, gross: bool) -> Indicator:
    """预算调整率 ((追加 + 追减) / 年初预算) and 预算控制率 (追加 / 年初预算)."""
    budget = budget_of(b)
    if isinstance(budget, str):
        place = next_control_place(b.data) if budget.startswith("经费控制表缺少") else "收入!A2"
        return b.missing(key, formula, budget, place)
    change = budget.added + budget.cut if gross else budget.added
    num = (f"({b.amount('本年追加', budget.added)} + {b.amount('本年追减', budget.cut)})" if gross
           else b.amount("本年追加", budget.added))
    figures = f"{num} / {b.amount('年初预算', budget.initial)}" + "".join(f"；{d}" for d in budget.derived)
    amounts = (("本年追加", budget.added), ("本年追减", budget.cut), ("年初预算", budget.initial))
    if budget.initial < 0:  # more adjusted than received: the derivation does not hold for this workbook
        return Indicator(key, CATALOGUE[key], formula, figures, None, DASH, "年初预算为负数，无法计算",
                         place=budget.place)
    return b.ratio(key, formula, figures, change, budget.initial, "年初预算为0，无法计算", amounts,
                   budget.place, "；".join(budget.derived))


def budget_adjustment(b: _Builder) -> Indicator:
    return _adjustment(b, "budget_adjustment", "(本年追加 + 本年追减) / 年初预算 × 100%", gross=True)


def budget_control(b: _Builder) -> Indicator:
    return _adjustment(b, "budget_control", "本年追加 / 年初预算 × 100%", gross=False)


def budget_completion(b: _Builder) -> Indicator:
    key = "budget_completion"
    formula = ("(上年结转 + 年初预算 + 本年追加 − 年末结余) / (上年结转 + 年初预算 + 本年追加) × 100%，"
               "其中 上年结转 + 年初预算 + 本年追加 = 收入合计")
    if not b.data.收入 or not b.data.支出和结余:
        return b.missing(key, formula, _no_summary("收入" if not b.data.收入 else "支出和结余"))
    available, balance = b.data.收入[0].收入合计, b.data.支出和结余[0].累计结余
    total = b.amount("收入合计", available)
    figures = f"({total} − {b.amount('年末结余', balance)}) / {total}"
    return b.ratio(key, formula, figures, available - balance, available, "收入合计为0，无法计算",
                   (("收入合计", available), ("年末结余", balance)), b.data.收入[0].cell("收入合计"))


def carryover(b: _Builder) -> Indicator:
    formula = "结转结余总额 / 支出合计 × 100%"
    if not b.data.支出和结余:
        return b.missing("carryover", formula, _no_summary("支出和结余"))
    head = b.data.支出和结余[0]
    figures = f"{b.amount('累计结余', head.累计结余)} / {b.amount('支出合计', head.支出合计)}"
    return b.ratio("carryover", formula, figures, head.累计结余, head.支出合计, "支出合计为0，无法计算",
                   (("累计结余", head.累计结余), ("支出合计", head.支出合计)), head.cell("支出合计"))


def carryover_change(b: _Builder) -> Indicator:
    formula = "(本年结转结余 − 上年结转结余) / 上年结转结余 × 100%"
    if not b.data.收入 or not b.data.支出和结余:
        return b.missing("carryover_change", formula, _no_summary("收入" if not b.data.收入 else "支出和结余"))
    before, now = b.data.收入[0].上年结转, b.data.支出和结余[0].累计结余
    figures = f"({b.amount('累计结余', now)} − {b.amount('上年结转', before)}) / {b.amount('上年结转', before)}"
    return b.ratio("carryover_change", formula, figures, now - before, before, "上年结转为0，无法计算",
                   (("本年", now), ("上年", before)), b.data.收入[0].cell("上年结转"))


def asset_use(b: _Builder) -> Indicator:
    formula = "在用固定资产 / 固定资产总额 × 100%"
    if not b.data.固定资产:
        return b.missing("asset_use", formula, _no_summary("固定资产"))
    head = b.data.固定资产[0]
    figures = f"{b.amount('在用固定资产', head.在用固定资产)} / {b.amount('固定资产合计', head.固定资产合计)}"
    return b.ratio("asset_use", formula, figures, head.在用固定资产, head.固定资产合计,
                   "固定资产合计为0，无法计算",
                   (("在用固定资产", head.在用固定资产), ("固定资产合计", head.固定资产合计)), head.cell("固定资产合计"))


COMPUTE = {
    "staff_control": staff_control, "sangong_change": sangong_change, "key_spending": key_spending,
    "budget_completion": budget_completion, "budget_adjustment": budget_adjustment,
    "budget_control": budget_control, "payment_progress": payment_progress, "carryover": carryover,
    "carryover_change": carryover_change, "public_funds": public_funds,
    "sangong_control": sangong_control, "procurement": procurement, "asset_use": asset_use,
}


def compute_indicators(data: DepartmentData) -> list[Indicator]:
    """Every catalogue indicator, in catalogue order; 支付进度率 only when its row exists."""
    b = _Builder(data)
    out = []
    for key in CATALOGUE:
        # 支付进度 is not part of the 基础数据表; listing it as 「—」 everywhere would only be noise.
        if key == "payment_progress" and control_row(data, "支付进度") is None:
            continue
        out.append(COMPUTE[key](b))
    return out


def indicator_of(data: DepartmentData, key: str) -> Indicator:
    """One indicator by key, also 支付进度率 without its row (a rules file that scores it must say where
    the row goes)."""
    return COMPUTE[key](_Builder(data))


def indicator_map(data: DepartmentData) -> dict[str, Indicator]:
    """The indicators by key (e.g. `staff_control`), for templates and scoring."""
    return {i.key: i for i in compute_indicators(data)}
