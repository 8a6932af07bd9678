"""Common department indicators (domain.md §4), each against figures worked by hand.

The workbook is seed 002's summary rows (万元) with an invented 经费控制 table; each test
states the figures it relies on.
"""
from decimal import Decimal as D

import builders
import pytest
from generator import load
from generator.kinds.department.indicators import CATALOGUE, compute_indicators, indicator_map, rate

SEED_002 = builders.SEED_002


def indicators(workbook, **sheets):
    loaded = load(workbook(builders.department(**{**SEED_002, **sheets})))
    assert loaded.data is not None
    return indicator_map(loaded.data)


@pytest.fixture
def seed(workbook):
    return indicators(workbook)


def test_asset_use_is_seed_002_figure(seed):
    ind = seed["asset_use"]
    assert ind.value == D("11.44")  # 1092 / 9548 = 0.114369…
    assert ind.display == "11.44%"
    assert ind.figures == "在用固定资产1092.00万元 / 固定资产合计9548.00万元"
    assert ind.name == "固定资产利用率" and ind.note == ""


def test_staff_control_shows_people(seed):
    ind = seed["staff_control"]
    assert (ind.value, ind.display) == (D("100.00"), "100.00%")
    assert ind.figures == "实有人数76人 / 编制数76人"
    assert ind.formula == "在职人数 / 编制数 × 100%"


def test_carryover_change_is_this_years_balance_over_carried(seed):
    # 当年结余 = 收入合计 − 上年结转 − 支出合计 = 3867 − 860 − 3186 = −179 = 累计结余 681 − 上年结转 860
    assert D("3867") - D("860") - D("3186") == D("-179") == D("681") - D("860")
    ind = seed["carryover_change"]
    assert ind.value == D("-20.81")  # −179 / 860 = −0.208139…
    assert "累计结余681.00万元 − 上年结转860.00万元" in ind.figures


def test_carryover_rate(seed):
    assert seed["carryover"].value == D("21.37")  # 681 / 3186 = 0.213748…


def test_sangong_change_negative_rounds_half_up_away_from_zero(seed):
    ind = seed["sangong_change"]
    assert ind.value == D("-16.67")  # (50 − 60) / 60 = −0.16666…
    assert ind.display == "-16.67%"
    assert ind.figures == "(本年决算数50.00万元 − 上年决算数60.00万元) / 上年决算数60.00万元"


def test_control_rates(seed):
    assert seed["sangong_control"].value == D("90.91")  # 50 / 55
    assert seed["public_funds"].value == D("107.86")  # 453 / 420 = 1.078571…
    assert seed["procurement"].value == D("75.00")  # 150 / 200
    assert seed["key_spending"].value == D("80.79")  # 900 / 1114 = 0.807899…, numbered 「1、业务工作专项」


def test_budget_completion_is_spent_over_funds(seed):
    ind = seed["budget_completion"]
    # (860 + 年初预算 + 886 − 681) / (860 + 年初预算 + 886) with the three = 收入合计 3867: 3186 / 3867
    assert ind.value == D("82.39")
    assert ind.figures == "(收入合计3867.00万元 − 年末结余681.00万元) / 收入合计3867.00万元"


def test_budget_adjustment_uses_derived_initial_budget(seed):
    # 年初预算 = 3867 − 860 − 886 = 2121; 886 / 2121 = 0.417727…
    for key in ("budget_adjustment", "budget_control"):
        ind = seed[key]
        assert ind.value == D("41.77"), key
        assert "年初预算2121.00万元" in ind.figures


def test_every_value_is_decimal_and_display_matches(seed):
    for ind in seed.values():
        assert isinstance(ind.value, D), ind.key
        assert ind.display == f"{ind.value}%"


def test_order_follows_catalogue_without_payment_progress(workbook):
    loaded = load(workbook(builders.department(**SEED_002)))
    keys = [i.key for i in compute_indicators(loaded.data)]
    assert keys == [k for k in CATALOGUE if k != "payment_progress"]


def test_payment_progress_only_with_its_row(workbook):
    rows = SEED_002["经费控制"] + [{"项目": "支付进度", "上年决算数": D("0"), "本年预算数": D("400"),
                                  "本年决算数": D("350")}]
    ind = indicators(workbook, 经费控制=rows)["payment_progress"]
    assert ind.value == D("87.50")
    assert ind.figures == "实际支付350.00万元 / 既定支付400.00万元"


def test_zero_staff_quota_gives_dash_and_note(workbook):
    unit = dict(SEED_002["单位信息"][0], 人员编制=0)
    ind = indicators(workbook, 单位信息=[unit])["staff_control"]
    assert (ind.value, ind.display, ind.note) == (None, "—", "编制数为0，无法计算")


def test_zero_denominators_never_raise(workbook):
    controls = [dict(r, 上年决算数=D("0"), 本年预算数=D("0")) for r in SEED_002["经费控制"]]
    assets = [dict(SEED_002["固定资产"][0], 固定资产合计=D("0"), 在用固定资产=D("0"), 出租固定资产=D("0"),
                   其他=D("0"))]
    got = indicators(workbook, 经费控制=controls, 固定资产=assets)
    assert got["sangong_change"].note == "上年三公经费决算数为0，无法计算"
    assert got["public_funds"].note == "公用经费本年预算数为0，无法计算"
    assert got["asset_use"].note == "固定资产合计为0，无法计算"
    for key in ("sangong_change", "sangong_control", "public_funds", "procurement", "asset_use"):
        assert (got[key].value, got[key].display) == (None, "—"), key


def test_zero_carried_over_gives_dash(workbook):
    income = [dict(SEED_002["收入"][0], 收入合计=D("3007"), 上年结转=D("0"))]
    ind = indicators(workbook, 收入=income)["carryover_change"]
    assert ind.display == "—" and ind.note == "上年结转为0，无法计算"


def test_missing_control_rows_are_named(workbook):
    got = indicators(workbook, 经费控制=[])
    assert got["public_funds"].note == "经费控制表缺少“公用经费”行，无法计算"
    assert got["procurement"].note == "经费控制表缺少“政府采购金额”行，无法计算"
    assert got["budget_adjustment"].note == "经费控制表缺少“部门整体支出预算调整”行，无法计算"
    assert got["sangong_change"].display == "—"
    # what does not need 经费控制 is still computed
    assert got["budget_completion"].value == D("82.39")


def test_adjustment_larger_than_income_is_not_a_rate(workbook):
    rows = [dict(r, 本年决算数=D("5000")) if r["项目"] == "部门整体支出预算调整" else r
            for r in SEED_002["经费控制"]]
    ind = indicators(workbook, 经费控制=rows)["budget_adjustment"]
    assert ind.value is None and "为负数" in ind.note


def test_control_row_names_ignore_numbering_and_quotes(workbook):
    rows = [{"项目": "“三公”经费", "上年决算数": D("40"), "本年预算数": D("50"), "本年决算数": D("45")},
            {"项目": "（三）公用经费", "上年决算数": D("1"), "本年预算数": D("8"), "本年决算数": D("2")}]
    got = indicators(workbook, 经费控制=rows)
    assert got["sangong_change"].value == D("12.50")  # (45 − 40) / 40
    assert got["public_funds"].value == D("25.00")


def test_yuan_amounts_carry_separators_and_unit(workbook):
    unit = dict(SEED_002["单位信息"][0], 金额单位="元")
    assets = [{"机构名称": "汇总", "固定资产合计": D("95480000"), "在用固定资产": D("10920000"),
               "出租固定资产": D("83390000"), "其他": D("1170000")}]
    ind = indicators(workbook, 单位信息=[unit], 固定资产=assets)["asset_use"]
    assert ind.figures == "在用固定资产10,920,000.00元 / 固定资产合计95,480,000.00元"
    assert ind.value == D("11.44")


def test_rate_rounds_half_up_not_half_even():
    assert rate(D("0.12345"), D("1")) == D("12.35")  # half-even would give 12.34
    assert rate(D("-0.12345"), D("1")) == D("-12.35")
    assert rate(D("1"), D("0")) is None
