"""Guards the department consistency checks where a slip changes which problem a user sees (issue 15,
mutation survivors of generator/kinds/department/checks.py): the exact bounds of each warning, the
rounding slack of mixed units, sheets with unreadable cells left unchecked, and each message's cell."""
from decimal import Decimal as D

import builders
import pytest
from generator import load
from generator.kinds.department.models import DEPARTMENT_SHEETS

CONTROL = next(s for s in DEPARTMENT_SHEETS if s.name == "经费控制")
COL = {field: chr(ord("A") + i) for i, (_, field) in enumerate(CONTROL.columns())}
WARNING_START = "经费控制!D5: 部门整体支出预算调整的本年预算数 "


def problems(workbook, data):
    loaded = load(workbook(data))
    return [str(p) for p in loaded.errors], [str(p) for p in loaded.warnings]


def adjustment(data: dict, **figures) -> dict:
    next(r for r in data["经费控制"] if r["项目"] == "部门整体支出预算调整").update(figures)
    return data


def budget_warned(workbook, **figures) -> bool:
    _, warnings = problems(workbook, adjustment(builders.department(), **figures))
    return any(w.startswith(WARNING_START) for w in warnings)


# ------------------------------------------------------------------ 年初预算 plausibility: its bounds

def test_budget_warning_text_in_full(workbook):
    # 收入合计 300 − 上年结转 20 − 追加 10 (the net 本年决算数, no 追加/追减 given) + 追减 0 = 270
    _, warnings = problems(workbook, adjustment(builders.department(), 本年预算数=D("134.99")))
    assert warnings == [WARNING_START + "134.99 应为部门年初预算，而收入合计 − 上年结转 − 追加 + 追减 = 270.00，相差一倍以上："
                        "追加、追减的预算请填在“本年追加”“本年追减”列，年初预算不知道时本年预算数可留空"]


@pytest.mark.parametrize("budget, warned", [("134.99", True), ("135", False), ("540", False), ("540.01", True)])
def test_budget_within_half_to_double_of_income_is_not_warned(workbook, budget, warned):
    # net adjustment +10 counts as 追加: 300 − 20 − 10 = 270; half 135, double 540
    assert budget_warned(workbook, 本年预算数=D(budget)) == warned


@pytest.mark.parametrize("budget, warned", [("144.99", True), ("145", False), ("580", False), ("580.01", True)])
def test_a_negative_net_adjustment_counts_as_a_cut(workbook, budget, warned):
    # 本年决算数 −10, no 追加/追减 given: a cut of 10, so 300 − 20 − 0 + 10 = 290
    assert budget_warned(workbook, 本年预算数=D(budget), 本年决算数=D("-10")) == warned


@pytest.mark.parametrize("budget, warned", [("124.99", True), ("125", False), ("500", False), ("500.01", True)])
def test_stated_additions_and_cuts_are_used(workbook, budget, warned):
    # 300 − 20 − 40 + 10 = 250
    assert budget_warned(workbook, 本年预算数=D(budget), 本年追加=D("40"), 本年追减=D("10"), 本年决算数=D("30")) == warned


@pytest.mark.parametrize("budget, warned", [("119.99", True), ("120", False)])
def test_an_addition_alone_is_used_and_no_cut_assumed(workbook, budget, warned):
    # 300 − 20 − 40 + 0 = 240, even though 本年决算数 (0) disagrees with the 追加
    assert budget_warned(workbook, 本年预算数=D(budget), 本年追加=D("40"), 本年决算数=D("0")) == warned


@pytest.mark.parametrize("budget, warned", [("580", False), ("580.01", True)])
def test_a_cut_alone_is_used_and_no_addition_assumed(workbook, budget, warned):
    # 300 − 20 − 0 + 10 = 290
    assert budget_warned(workbook, 本年预算数=D(budget), 本年追减=D("10"), 本年决算数=D("-10")) == warned


def test_no_warning_when_income_implies_no_budget(workbook):
    # 本年决算数 280: 300 − 20 − 280 = 0, nothing to compare with
    assert not budget_warned(workbook, 本年预算数=D("5"), 本年决算数=D("280"))
    # 本年决算数 279: 1, and 5 is more than double of it
    assert budget_warned(workbook, 本年预算数=D("5"), 本年决算数=D("279"))


# ------------------------------------------------------------------ 追加 / 追减 sums

def test_an_addition_alone_must_make_the_net_adjustment(workbook):
    errors, _ = problems(workbook, adjustment(builders.department(), 本年追加=D("40"), 本年决算数=D("30")))
    assert errors == [f"经费控制!{COL['本年决算数']}5: 部门整体支出预算调整本年决算数（预算调整净额） 30.00 ≠ "
                      f"本年追加({COL['本年追加']}5) 40.00 = 40.00（相差 10.00）"]


def test_a_cut_alone_must_make_the_net_adjustment(workbook):
    errors, _ = problems(workbook, adjustment(builders.department(), 本年追减=D("10"), 本年决算数=D("10")))
    assert errors == [f"经费控制!{COL['本年决算数']}5: 部门整体支出预算调整本年决算数（预算调整净额） 10.00 ≠ "
                      f"−本年追减({COL['本年追减']}5) 10.00 = -10.00（相差 20.00）"]


def test_adjusted_budget_is_initial_plus_additions_less_cuts(workbook):
    data = builders.department()
    data["经费控制"][0].update(本年追加=D("1.00"), 本年追减=D("0.50"), 调整预算数=D("6.00"))
    errors, _ = problems(workbook, data)
    assert errors == [f"经费控制!{COL['调整预算数']}2: 三公经费调整预算数 6.00 ≠ 本年预算数({COL['本年预算数']}2) 5.00 + "
                      f"本年追加({COL['本年追加']}2) 1.00 − 本年追减({COL['本年追减']}2) 0.50 = 5.50（相差 0.50）"]
    data["经费控制"][0]["调整预算数"] = D("5.50")
    assert problems(workbook, data) == ([], [])


def test_adjusted_budget_is_not_checked_without_an_initial_budget(workbook):
    data = adjustment(builders.department(), 本年预算数=None, 本年追加=D("40"), 调整预算数=D("40"), 本年决算数=D("40"))
    assert problems(workbook, data)[0] == []


# ------------------------------------------------------------------ 支出明细 in mixed units

def test_a_parent_in_wanyuan_allows_a_cent_per_item_even_if_the_items_are_in_yuan(workbook):
    data = builders.department()
    data["支出明细"][2].update(金额=D("400100.00"), 金额单位="元")  # 150 万元 + 40.01 万元 = 190.01 万元
    assert problems(workbook, data)[0] == []


def test_yuan_items_under_a_yuan_parent_must_add_up_to_the_cent(workbook):
    data = builders.department()
    data["支出明细"] = [
        {"分组": "G", "项目": "合计", "金额": D("100.00"), "金额单位": "元"},
        {"分组": "G", "项目": "甲", "上级项目": "合计", "金额": D("60.00"), "金额单位": "元"},
        {"分组": "G", "项目": "乙", "上级项目": "合计", "金额": D("40.01"), "金额单位": "元"},
    ]
    assert problems(workbook, data)[0] == ["支出明细!D2: 合计 100.00 ≠ 甲(D3) 60.00 + 乙(D4) 40.01 = 100.01（相差 0.01）"]


def test_a_wanyuan_item_under_a_yuan_parent_allows_a_cent(workbook):
    data = builders.department()
    data["支出明细"] = [
        {"分组": "G", "项目": "合计", "金额": D("1000000.01"), "金额单位": "元"},
        {"分组": "G", "项目": "甲", "上级项目": "合计", "金额": D("100.00"), "金额单位": "万元"},
    ]
    assert problems(workbook, data)[0] == []


def test_cycles_are_named_at_each_row_in_them_and_at_rows_leading_into_them(workbook):
    data = builders.department()
    data["支出明细"] = [
        {"分组": "G", "项目": "A", "上级项目": "B", "金额": D("1"), "金额单位": "元"},
        {"分组": "G", "项目": "B", "上级项目": "A", "金额": D("1"), "金额单位": "元"},
        {"分组": "G", "项目": "C", "上级项目": "A", "金额": D("0"), "金额单位": "元"},
    ]
    errors, _ = problems(workbook, data)
    assert [e for e in errors if "循环" in e] == ["支出明细!C2: “A”的上级项目形成循环", "支出明细!C3: “B”的上级项目形成循环",
                                                 "支出明细!C4: “C”的上级项目形成循环"]


# ------------------------------------------------------------------ summary rows, negatives

def test_a_summary_with_one_institution_must_equal_it(workbook):
    data = builders.department()
    data["固定资产"] = [dict(data["固定资产"][0], 机构名称="汇总"),
                     dict(data["固定资产"][0], 机构名称="本级", 其他=D("11.00"), 固定资产合计=D("81.00"))]
    errors, _ = problems(workbook, data)
    assert errors == ["固定资产!B2: 固定资产合计汇总 80.00 ≠ 本级(B3) 81.00 = 81.00（相差 1.00）",
                      "固定资产!E2: 其他汇总 10.00 ≠ 本级(E3) 11.00 = 11.00（相差 1.00）"]


def test_a_negative_control_amount_is_named_at_its_cell(workbook):
    # 公务接待 (row 4) spent −1.00 last year; its parent 三公经费 is lowered to match (2.50 − 1.00)
    data = builders.department()
    data["经费控制"][2]["上年决算数"] = D("-1.00")
    data["经费控制"][0]["上年决算数"] = D("1.50")
    errors, _ = problems(workbook, data)
    assert errors == [f"经费控制!{COL['上年决算数']}4: 上年决算数 应为非负数，实际为 -1.00"]


def test_the_adjustment_rows_net_cut_may_be_negative_but_not_its_budget(workbook):
    # 部门整体支出预算调整 (row 5): 本年决算数 and 上年决算数 are 追加 − 追减, negative for a net cut;
    # 本年追减 10 gives 年初预算 300 − 20 − 0 + 10 = 290, which the row states
    data = builders.department()
    data["经费控制"][3].update(本年预算数=D("290"), 本年追减=D("10"), 本年决算数=D("-10"), 上年决算数=D("-5"))
    assert problems(workbook, data) == ([], [])
    data["经费控制"][3]["本年预算数"] = D("-290")
    errors, _ = problems(workbook, data)
    assert f"经费控制!{COL['本年预算数']}5: 本年预算数 应为非负数，实际为 -290.00" in errors


def test_a_negative_income_part_is_named_at_its_cell(workbook):
    data = builders.department()
    data["收入"][2].update(上年结转=D("-1.00"), 公共财政拨款=D("101.00"))
    data["收入"][0].update(上年结转=D("19.00"), 公共财政拨款=D("271.00"))
    data["支出和结余"][2]["当年结余"] = D("6.00")
    data["支出和结余"][0]["当年结余"] = D("-9.00")
    errors, _ = problems(workbook, data)
    assert errors == ["收入!C4: 上年结转 应为非负数，实际为 -1.00"]


# ------------------------------------------------------------------ 单位信息 plausibility

def test_no_staff_is_not_negative_staff(workbook):
    data = builders.department()
    data["单位信息"][0].update(人员编制=0, 实有人数=0)
    errors, _ = problems(workbook, data)
    assert not any("不能为负数" in e for e in errors)


def test_a_large_total_in_yuan_is_not_asked_about(workbook):
    data = builders.department()
    data["单位信息"][0]["金额单位"] = "元"
    data["收入"][0]["收入合计"] = D("2000000.00")
    assert problems(workbook, data)[1] == []


def test_one_yuan_of_income_is_asked_about(workbook):
    data = builders.department()
    data["单位信息"][0]["金额单位"] = "元"
    data["收入"][0]["收入合计"] = D("1.00")
    assert problems(workbook, data)[1] == ["收入!B2: 收入合计 1.00 元（不足 1 万元），金额单位是否应为“万元”？"]


# ------------------------------------------------------------------ sheets with unreadable cells

@pytest.mark.parametrize("sheet, row, field, says", [
    ("收入", 2, "收入合计", "收入!B4: 应为数字，实际为文字“一百”"),
    ("支出和结余", 2, "支出合计", "支出和结余!B4: 应为数字，实际为文字“一百”"),
    ("三公经费", 0, "三公经费合计", "三公经费!B2: 应为数字，实际为文字“一百”"),
    ("固定资产", 0, "固定资产合计", "固定资产!B2: 应为数字，实际为文字“一百”"),
    ("经费控制", 0, "本年决算数", "经费控制!H2: 应为数字，实际为文字“一百”"),
    ("支出明细", 1, "金额", "支出明细!D3: 应为数字，实际为文字“一百”"),
])
def test_a_sheet_with_an_unreadable_cell_is_not_checked(workbook, sheet, row, field, says):
    data = builders.department()
    data[sheet][row][field] = "一百"
    adjustment(data, 本年预算数=D("1000"))  # far from what the income implies: warned only if both sheets are read
    data["单位信息"][0]["金额单位"] = "元"
    data["收入"][0]["公共财政拨款"] = D("269.99")  # 元: one cent off in 收入, reported only if 收入 is read
    errors, warnings = problems(workbook, data)
    budget_warning = (WARNING_START + "1000.00 应为部门年初预算，而收入合计 − 上年结转 − 追加 + 追减 = 270.00，相差一倍以上："
                      "追加、追减的预算请填在“本年追加”“本年追减”列，年初预算不知道时本年预算数可留空")
    unit_warning = "收入!B2: 收入合计 300.00 元（不足 1 万元），金额单位是否应为“万元”？"
    if sheet == "收入":
        assert (errors, warnings) == ([says], [])
    else:
        assert warnings == ([unit_warning] if sheet == "经费控制" else [budget_warning, unit_warning])
        assert says in errors
        assert "收入!B2: 收入合计 300.00 ≠ 上年结转(C2) 20.00 + 公共财政拨款(D2) 269.99 + 政府基金拨款(E2) 10.00 + "\
               "纳入专户管理的非税收入拨款(F2) 0.00 + 其他收入(G2) 0.00 = 299.99（相差 0.01）" in errors


def test_with_the_unit_unreadable_sums_allow_wanyuan_rounding(workbook):
    data = builders.department()
    data["单位信息"][0]["金额单位"] = "一百"
    data["固定资产"][0]["固定资产合计"] = D("80.01")
    errors, warnings = problems(workbook, data)
    assert errors == ["单位信息!I2: 应为 元、万元 之一，实际为“一百”"]


def test_an_empty_sangong_table_is_reported_once(workbook):
    data = builders.department()
    data["三公经费"] = []
    assert problems(workbook, data)[0] == ["三公经费!A2: 至少应填 1 行数据，实际为 0 行"]


# ------------------------------------------------------------------ 元: every sum exact to the cent

def in_yuan():
    data = builders.department()
    data["单位信息"][0]["金额单位"] = "元"
    return data


def test_balances_in_yuan_must_hold_to_the_cent(workbook):
    data = in_yuan()
    data["支出和结余"][2].update(累计结余=D("5.01"), 当年结余=D("5.01"))
    errors, _ = problems(workbook, data)
    assert "支出和结余!H4: 累计结余 5.01 ≠ 收入合计(收入!B4) 100.00 − 支出合计(B4) 95.00 = 5.00（相差 0.01）" in errors
    assert ("支出和结余!G4: 当年结余 5.01 ≠ 收入合计(收入!B4) 100.00 − 上年结转(收入!C4) 0.00 − 支出合计(B4) 95.00"
            " = 5.00（相差 0.01）") in errors


def test_summary_rows_in_yuan_must_hold_to_the_cent(workbook):
    data = in_yuan()
    data["收入"][0].update(其他收入=D("0.01"), 收入合计=D("300.01"))
    errors, _ = problems(workbook, data)
    assert "收入!G2: 其他收入汇总 0.01 ≠ 本级(G3) 0.00 + 服务中心(G4) 0.00 = 0.00（相差 0.01）" in errors
    assert "收入!B2: 收入合计汇总 300.01 ≠ 本级(B3) 200.00 + 服务中心(B4) 100.00 = 300.00（相差 0.01）" in errors


def test_control_parts_in_yuan_must_make_the_whole_to_the_cent(workbook):
    data = in_yuan()
    data["经费控制"][2]["上年决算数"] = D("1.51")
    errors, _ = problems(workbook, data)
    assert errors == ["经费控制!C2: 三公经费上年决算数 4.00 ≠ 公务用车购置和维护经费(C3) 2.50 + 公务接待(C4) 1.51 = 4.01"
                      "（相差 0.01）；其中各项之和应等于本项"]


def test_budget_sums_in_yuan_must_hold_to_the_cent(workbook):
    data = adjustment(in_yuan(), 本年追加=D("40"), 本年追减=D("10"), 本年决算数=D("30.01"))
    data["经费控制"][0].update(本年追加=D("1.00"), 本年追减=D("0.50"), 调整预算数=D("5.51"))
    errors, _ = problems(workbook, data)
    assert errors == [f"经费控制!{COL['调整预算数']}2: 三公经费调整预算数 5.51 ≠ 本年预算数({COL['本年预算数']}2) 5.00 + "
                      f"本年追加({COL['本年追加']}2) 1.00 − 本年追减({COL['本年追减']}2) 0.50 = 5.50（相差 0.01）",
                      f"经费控制!{COL['本年决算数']}5: 部门整体支出预算调整本年决算数（预算调整净额） 30.01 ≠ "
                      f"本年追加({COL['本年追加']}5) 40.00 − 本年追减({COL['本年追减']}5) 10.00 = 30.00（相差 0.01）"]


def test_budget_sums_in_wanyuan_allow_a_cent_per_term(workbook):
    data = adjustment(builders.department(), 本年追加=D("40"), 本年追减=D("10"), 本年决算数=D("30.02"))
    data["经费控制"][0].update(本年追加=D("1.00"), 本年追减=D("0.50"), 调整预算数=D("5.53"))
    assert problems(workbook, data)[0] == []


def test_budget_sums_name_both_faults_of_the_adjustment_row(workbook):
    data = adjustment(builders.department(), 本年追加=D("40"), 本年追减=D("10"), 调整预算数=D("31"), 本年决算数=D("30"))
    assert problems(workbook, data)[0] == [
        f"经费控制!{COL['调整预算数']}5: 部门整体支出预算调整调整预算数 31.00 ≠ 本年预算数({COL['本年预算数']}5) 0.00 + "
        f"本年追加({COL['本年追加']}5) 40.00 − 本年追减({COL['本年追减']}5) 10.00 = 30.00（相差 1.00）"]
