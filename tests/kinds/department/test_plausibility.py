"""Department checks beyond the sums: figures that are possible but wrong (errors) or usually a slip
(warnings), 经费控制 其中 items, and tables that do not line up."""
from datetime import date
from decimal import Decimal as D

import builders
import pytest
from generator import load
from generator.kinds.department.models import DEPARTMENT_SHEETS

# 经费控制's column letters by field, as the workbook writer lays them out
CONTROL = next(s for s in DEPARTMENT_SHEETS if s.name == "经费控制")
COL = {field: chr(ord("A") + i) for i, (_, field) in enumerate(CONTROL.columns())}


def problems(workbook, data):
    loaded = load(workbook(data))
    return [str(p) for p in loaded.errors], [str(p) for p in loaded.warnings]


def with_unit(**changes):
    data = builders.department()
    data["单位信息"][0].update(changes)
    return data


@pytest.mark.parametrize("year", [2000, 2024, 2100])
def test_a_four_digit_year_is_accepted(workbook, year):
    assert problems(workbook, with_unit(年度=year, 报告日期=date(2100, 12, 31)))[0] == []


@pytest.mark.parametrize("year", [1999, 2101, 24])
def test_a_year_outside_2000_to_2100_is_an_error(workbook, year):
    errors, _ = problems(workbook, with_unit(年度=year))
    assert f"单位信息!B2: 年度应为四位年份（2000–2100），实际为 {year}" in errors


def test_a_report_dated_before_the_year_it_evaluates_is_a_warning(workbook):
    errors, warnings = problems(workbook, with_unit(报告日期=date(2023, 12, 31)))
    assert errors == [] and warnings == ["单位信息!J2: 报告日期 2023-12-31 早于评价年度 2024"]
    assert problems(workbook, with_unit(报告日期=date(2024, 1, 1))) == ([], [])


@pytest.mark.parametrize("field, cell", [("人员编制", "G2"), ("实有人数", "H2")])
def test_negative_staff_is_an_error_at_its_own_cell(workbook, field, cell):
    errors, _ = problems(workbook, with_unit(**{field: -1}))
    assert f"单位信息!{cell}: {field}不能为负数，实际为 -1" in errors


@pytest.mark.parametrize("score", ["0", "100", "97.5"])
def test_an_entered_total_from_0_to_100_is_accepted(workbook, score):
    errors, _ = problems(workbook, with_unit(综合得分=D(score)))
    assert not any("应在 0–100 之间" in m for m in errors)


@pytest.mark.parametrize("score", ["100.01", "-0.01"])
def test_an_entered_total_outside_0_to_100_is_an_error(workbook, score):
    errors, _ = problems(workbook, with_unit(综合得分=D(score)))
    assert f"单位信息!L2: 综合得分应在 0–100 之间，实际为 {score}" in errors


def test_ten_billion_in_wanyuan_asks_whether_the_unit_is_yuan(workbook):
    data = builders.department()
    data["收入"][0]["收入合计"] = D("1000000.00")
    _, warnings = problems(workbook, data)
    assert "收入!B2: 收入合计 1000000.00 万元（超过 100 亿元），金额单位是否应为“元”？" in warnings
    data["收入"][0]["收入合计"] = D("999999.99")
    assert not any("金额单位" in w for w in problems(workbook, data)[1])


@pytest.mark.parametrize("total, warned", [("9999.99", True), ("10000.00", False), ("0", False)])
def test_under_ten_thousand_yuan_asks_whether_the_unit_is_wanyuan(workbook, total, warned):
    data = with_unit(金额单位="元")
    data["收入"][0]["收入合计"] = D(total)
    _, warnings = problems(workbook, data)
    expected = f"收入!B2: 收入合计 {D(total):.2f} 元（不足 1 万元），金额单位是否应为“万元”？"
    assert (expected in warnings) == warned


def test_income_and_expense_tables_need_the_same_institutions(workbook):
    data = builders.department()
    del data["支出和结余"][2]
    data["支出和结余"][0].update(支出合计=D("195.00"), 基本支出=D("120.00"), 人员支出=D("95.00"), 公用支出=D("25.00"),
                              项目支出=D("75.00"), 当年结余=D("-15.00"), 累计结余=D("5.00"))
    errors, _ = problems(workbook, data)
    assert "支出和结余: 机构行数 2 与“收入”表的 3 行不一致" in errors


def test_a_summary_row_may_be_called_heji(workbook):
    data = builders.department()
    data["收入"][0]["机构名称"] = "全局合计"
    assert problems(workbook, data) == ([], [])


def bounded(data):
    """经费控制's 三公经费 marked as a parent its 其中 items only bound (其中项合计 = 不超过本项)."""
    data["经费控制"][0]["其中项合计"] = "不超过本项"
    return data


def test_control_items_in_wanyuan_may_exceed_their_parent_by_rounding_per_item(workbook):
    data = bounded(builders.department())
    data["经费控制"][1]["本年预算数"] = D("3.01")
    data["经费控制"][2]["本年预算数"] = D("2.01")  # two items: 0.02 of slack over 三公经费 5.00
    assert problems(workbook, data)[0] == []
    data["经费控制"][1]["本年预算数"] = D("3.02")
    assert problems(workbook, data)[0] == ["经费控制!D2: 三公经费本年预算数 5.00 小于其中各项(D3、D4) 之和 5.03"]


def test_control_items_under_a_bounding_parent_may_sum_to_less(workbook):
    data = bounded(builders.department())
    data["经费控制"][1]["本年预算数"] = D("1.00")  # 1.00 + 2.00 < 5.00: allowed when the parent only bounds
    assert problems(workbook, data)[0] == []
    data["经费控制"][0]["其中项合计"] = None  # 三公经费's parts make up the whole by default
    assert problems(workbook, data)[0] == [
        "经费控制!D2: 三公经费本年预算数 5.00 ≠ 公务用车购置和维护经费(D3) 1.00 + 公务接待(D4) 2.00 = 3.00（相差 2.00）；"
        "其中各项之和应等于本项"]


def test_control_items_in_yuan_may_not_exceed_their_parent_at_all(workbook):
    data = bounded(with_unit(金额单位="元"))
    data["经费控制"][1]["上年决算数"] = D("2.51")
    assert problems(workbook, data)[0] == ["经费控制!C2: 三公经费上年决算数 4.00 小于其中各项(C3、C4) 之和 4.01"]


def test_an_optional_column_left_empty_is_not_compared(workbook):
    data = bounded(builders.department())
    data["经费控制"][0]["调整预算数"] = D("5.00")  # the items leave it empty
    assert problems(workbook, data)[0] == []
    data["经费控制"][1]["调整预算数"] = D("3.50")
    data["经费控制"][2]["调整预算数"] = D("2.00")
    assert problems(workbook, data)[0] == [f"经费控制!{COL['调整预算数']}2: 三公经费调整预算数 5.00 小于其中各项"
                                           f"({COL['调整预算数']}3、{COL['调整预算数']}4) 之和 5.50"]


def test_a_control_item_under_an_unknown_parent_is_named(workbook):
    data = builders.department()
    data["经费控制"][1]["上级项目"] = "三公"
    assert "经费控制!B3: 上级项目“三公”不在本表中" in problems(workbook, data)[0]


def test_sangong_row_and_table_must_agree_to_the_cent_in_yuan(workbook):
    data = with_unit(金额单位="元")
    data["经费控制"][0]["本年决算数"] = D("3.01")
    data["经费控制"][1]["本年决算数"] = D("2.01")  # its parts still make it up; the 三公经费 table says 3.00
    assert problems(workbook, data)[0] == [
        f"经费控制!{COL['本年决算数']}2: 经费控制 三公经费本年决算数 3.01 ≠ 三公经费表 合计(三公经费!B2) 3.00 = 3.00（相差 0.01）"]
    data = builders.department()
    data["经费控制"][0]["本年决算数"] = D("3.01")  # 万元: one term, 0.01 of slack
    data["经费控制"][1]["本年决算数"] = D("2.01")
    assert problems(workbook, data)[0] == []
