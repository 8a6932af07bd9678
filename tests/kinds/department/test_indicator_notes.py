"""What a department indicator says about itself in the report: formula, figures, and why it is 「—」."""
from decimal import Decimal as D

import builders
from generator import load
from generator.kinds.department.indicators import indicator_map

SEED_002 = builders.SEED_002


def indicators(workbook, **sheets):
    return indicator_map(load(workbook(builders.department(**{**SEED_002, **sheets}))).data)


def with_payment(workbook, planned, paid):
    rows = SEED_002["经费控制"] + [{"项目": "支付进度", "上年决算数": D("0"), "本年预算数": D(planned),
                                  "本年决算数": D(paid)}]
    return indicators(workbook, 经费控制=rows)["payment_progress"]


def test_payment_progress_names_its_formula(workbook):
    ind = with_payment(workbook, "400", "350")
    assert (ind.name, ind.formula, ind.display) == ("支付进度率", "实际支付进度 / 既定支付进度 × 100%", "87.50%")


def test_payment_progress_without_a_plan_says_why(workbook):
    ind = with_payment(workbook, "0", "350")
    assert (ind.value, ind.display, ind.note) == (None, "—", "既定支付进度为0，无法计算")
    assert ind.figures == "实际支付350.00万元 / 既定支付0.00万元"


def test_an_indicator_without_its_row_keeps_its_formula_and_has_no_figures(workbook):
    rows = [r for r in SEED_002["经费控制"] if r["项目"] != "三公经费"]
    ind = indicators(workbook, 经费控制=rows)["sangong_change"]
    assert (ind.formula, ind.figures, ind.value, ind.display) == (
        "(本年三公经费 − 上年三公经费) / 上年三公经费 × 100%", "", None, "—")
    assert ind.note == "经费控制表缺少“三公经费”行，无法计算"
