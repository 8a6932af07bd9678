"""The indicators and the year-on-year changes in plain report Chinese, in the report's unit.

「三公经费支出12.30万元，较上年减少2.00万元，下降13.99%。」 rather than the working
「(本年决算数12.30万元 − 上年决算数14.30万元) / 上年决算数14.30万元」: the working stays in the
score table and `genreport score`; the report says what the figures mean. Amounts are the ones
the tables print (converted to the report unit and rounded there), so a reader who subtracts the
printed figures gets the printed difference; percentages come from the exact figures, half-up to
two decimals.
"""
from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from generator.formatting import Figures
from generator.kinds.department.indicators import Indicator, control_row
from generator.kinds.department.models import DepartmentData

CENT = Decimal("0.01")


def change(now: Decimal | None, before: Decimal | None, fig: Figures) -> str:
    """「较上年增加12.34万元，增长5.67%」, 「较上年减少…，下降…%」, 「与上年持平」; "" without last year's figure."""
    if now is None or before is None:
        return ""
    diff = fig.value(now) - fig.value(before)
    if diff == 0 and now == before:
        return "与上年持平"
    word, growth = ("增加", "增长") if now > before else ("减少", "下降")
    text = f"较上年{word}{fig.text(abs(diff), fig.report_unit)}{fig.report_unit}"
    if before == 0:  # from nothing: an amount, no percentage
        return text
    pct = (abs(now - before) * 100 / abs(before)).quantize(CENT, rounding=ROUND_HALF_UP)
    return f"{text}，{growth}{pct}%"


def year_on_year(data: DepartmentData, fig: Figures) -> dict[str, str]:
    """`同比` for templates: 收入, 支出 and 三公经费 against last year ("" where last year is not given)."""
    income = data.收入[0] if data.收入 else None
    spending = data.支出和结余[0] if data.支出和结余 else None
    sangong = control_row(data, "三公经费")
    return {
        "收入": change(income.收入合计, income.上年收入合计, fig) if income else "",
        "支出": change(spending.支出合计, spending.上年支出合计, fig) if spending else "",
        "三公经费": change(sangong.本年决算数, sangong.上年决算数, fig) if sangong else "",
    }


def _money(ind: Indicator, label: str, fig: Figures) -> str:
    return f"{fig.text(ind.amount(label))}{fig.report_unit}"


def _pair(ind: Indicator, fig: Figures, first: str, second: str, words: tuple[str, str]) -> str:
    """「名称为x%（词一a，词二b）」 for a ratio of two amounts."""
    return (f"{ind.name}为{ind.display}（{words[0]}{_money(ind, first, fig)}，"
            f"{words[1]}{_money(ind, second, fig)}）")


def _sangong_change(ind: Indicator, fig: Figures) -> str:
    now, before = ind.amount("本年"), ind.amount("上年")
    if now is None:
        return ""
    return f"三公经费支出{fig.text(now)}{fig.report_unit}，{change(now, before, fig)}"


def _carryover_change(ind: Indicator, fig: Figures) -> str:
    now, before = ind.amount("本年"), ind.amount("上年")
    if now is None or ind.value is None:
        return ""
    return f"年末结转和结余{fig.text(now)}{fig.report_unit}，{change(now, before, fig)}"


def _budget(ind: Indicator, fig: Figures, gross: bool) -> str:
    if ind.value is None:
        return ""
    added = f"本年追加{_money(ind, '本年追加', fig)}"
    moves = f"{added}、追减{_money(ind, '本年追减', fig)}" if gross else added
    return f"{ind.name}为{ind.display}（{moves}，年初预算{_money(ind, '年初预算', fig)}）"


PAIRS = {
    "key_spending": ("重点项目支出", "项目支出", ("重点项目支出", "项目支出")),
    "budget_completion": ("收入合计", "年末结余", ("全年可用资金", "年末结余")),
    "carryover": ("累计结余", "支出合计", ("年末结转和结余", "支出合计")),
    "public_funds": ("本年决算数", "本年预算数", ("公用经费支出", "预算")),
    "sangong_control": ("本年决算数", "本年预算数", ("三公经费支出", "预算")),
    "procurement": ("本年决算数", "本年预算数", ("政府采购", "采购预算")),
    "payment_progress": ("实际支付", "既定支付", ("实际支付", "既定支付")),
    "asset_use": ("在用固定资产", "固定资产合计", ("在用固定资产", "固定资产总额")),
}


def indicator_sentence(ind: Indicator, fig: Figures, data: DepartmentData) -> str:
    """One indicator as a sentence of the report ("" when there is nothing to say)."""
    if ind.key == "sangong_change":
        text = _sangong_change(ind, fig)
    elif ind.key == "carryover_change":
        text = _carryover_change(ind, fig)
    elif ind.key in ("budget_adjustment", "budget_control"):
        text = _budget(ind, fig, gross=ind.key == "budget_adjustment")
    elif ind.value is None:
        text = ""
    elif ind.key == "staff_control":
        unit = data.单位
        text = f"{ind.name}为{ind.display}（实有在职人员{unit.实有人数}人，核定编制{unit.人员编制}人）"
    elif ind.key in PAIRS:
        first, second, words = PAIRS[ind.key]
        text = _pair(ind, fig, first, second, words)
    else:
        text = f"{ind.name}为{ind.display}"
    return f"{text}。" if text else ""


def _plain(text: str) -> str:
    return text.replace("“", "").replace("”", "").replace('"', "")


def _states_rate(text: str, name: str) -> bool:
    """「编制内在职人员控制率为100%」 states the rate; 「预算完成率较低」 does not."""
    return re.search(re.escape(name) + r"[^。；，,\d]{0,4}-?\d+(?:\.\d+)?\s*[%％]", text) is not None


def indicator_sentences(data: DepartmentData, indicators: list[Indicator], fig: Figures) -> list[str]:
    """The sentences of 经济性分析, leaving out an indicator whose rate the workbook's own 经济性 text
    already states (that figure is checked against ours, so the report does not print it twice)."""
    own = _plain(" ".join(t.内容 for t in data.文字 if t.部分 == "经济性"))
    out = []
    for ind in indicators:
        if _states_rate(own, ind.name):
            continue
        sentence = indicator_sentence(ind, fig, data)
        if sentence:
            out.append(sentence)
    return out
