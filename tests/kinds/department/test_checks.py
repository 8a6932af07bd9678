"""Consistency rules 1–6 (domain.md §3): a passing and a failing case each, messages name the cells."""
from decimal import Decimal as D

import builders
import pytest
from generator import load


def errors(path):
    return [str(p) for p in load(path).errors]


def test_base_workbook_passes_every_rule(workbook):
    assert errors(workbook()) == []


def test_rule1_income_total(workbook):
    data = builders.department()
    data["收入"][1]["收入合计"] = D("201.00")
    data["收入"][0]["收入合计"] = D("301.00")
    got = errors(workbook(data))
    assert ("收入!B3: 收入合计 201.00 ≠ 上年结转(C3) 20.00 + 公共财政拨款(D3) 170.00 + 政府基金拨款(E3) 10.00 + "
            "纳入专户管理的非税收入拨款(F3) 0.00 + 其他收入(G3) 0.00 = 200.00（相差 1.00）") in got


def test_rule2_expense_and_basic_split(workbook):
    data = builders.department()
    data["支出和结余"][0]["项目支出"] = D("101.00")
    data["支出和结余"][1]["人员支出"] = D("96.00")
    got = errors(workbook(data))
    assert "支出和结余!B2: 支出合计 290.00 ≠ 基本支出(C2) 190.00 + 项目支出(F2) 101.00 = 291.00（相差 1.00）" in got
    assert "支出和结余!C3: 基本支出 120.00 ≠ 人员支出(D3) 96.00 + 公用支出(E3) 25.00 = 121.00（相差 1.00）" in got


def test_rule3_balances(workbook):
    data = builders.department()
    data["支出和结余"][2]["当年结余"] = D("6.00")
    data["支出和结余"][2]["累计结余"] = D("4.00")
    data["支出和结余"][0]["当年结余"] = D("-9.00")
    data["支出和结余"][0]["累计结余"] = D("9.00")
    got = errors(workbook(data))
    assert "支出和结余!H4: 累计结余 4.00 ≠ 收入合计(收入!B4) 100.00 − 支出合计(B4) 95.00 = 5.00（相差 1.00）" in got
    assert ("支出和结余!G4: 当年结余 6.00 ≠ 收入合计(收入!B4) 100.00 − 上年结转(收入!C4) 0.00 − 支出合计(B4) 95.00"
            " = 5.00（相差 1.00）") in got


def test_rule3_negative_current_year_balance_is_allowed(workbook):
    # seed 002: 3867 − 860 − 3186 = −179
    assert errors(workbook()) == []
    assert load(workbook()).data.支出和结余[0].当年结余 == D("-10.00")


def test_rule4_sangong_and_assets(workbook):
    data = builders.department()
    data["三公经费"][0]["公务用车运维费"] = D("2.50")
    data["固定资产"][0]["其他"] = D("11.00")
    data["经费控制"][0]["本年决算数"] = D("3.50")
    data["经费控制"][1]["本年决算数"] = D("1.00")
    got = errors(workbook(data))
    assert any(m.startswith("三公经费!B2: 三公经费合计 3.00 ≠ 公务接待费(C2) 1.00 + 公务用车运维费(D2) 2.50") for m in got)
    assert any(m.startswith("固定资产!B2: 固定资产合计 80.00 ≠ 在用固定资产(C2) 70.00") for m in got)


def test_rule5_summary_row_is_the_sum_of_institutions(workbook):
    data = builders.department()
    data["收入"][0]["上年结转"] = D("25.00")
    data["收入"][0]["公共财政拨款"] = D("265.00")
    got = errors(workbook(data))
    assert "收入!C2: 上年结转汇总 25.00 ≠ 本级(C3) 20.00 + 服务中心(C4) 0.00 = 20.00（相差 5.00）" in got
    assert "收入!D2: 公共财政拨款汇总 265.00 ≠ 本级(D3) 170.00 + 服务中心(D4) 100.00 = 270.00（相差 5.00）" in got


def test_rule5_summary_row_must_come_first(workbook):
    data = builders.department()
    data["收入"][0]["机构名称"] = "局机关"
    assert "收入!A2: 第一行应为汇总行（机构名称含“汇总”或“合计”），实际为“局机关”" in errors(workbook(data))


def test_rounding_tolerance_in_wanyuan_is_one_cent_per_term(workbook):
    # 001: 基本支出 432.64 vs 人员 377.44 + 公用 55.21 = 432.65 is rounding, not an error.
    data = builders.department()
    for row in data["支出和结余"]:
        if row["机构名称"] == "本级":
            row.update(基本支出=D("120.00"), 人员支出=D("95.01"), 公用支出=D("25.00"))
    assert errors(workbook(data)) == []
    row = data["支出和结余"][1]
    row["人员支出"] = D("95.03")
    assert "支出和结余!C3: 基本支出 120.00 ≠ 人员支出(D3) 95.03 + 公用支出(E3) 25.00 = 120.03（相差 0.03）" in errors(workbook(data))


def test_rule6_breakdown_in_yuan_must_add_up_to_the_cent(workbook):
    data = builders.department()
    data["支出明细"] = [
        {"分组": "基本支出（经济分类）", "项目": "工资福利支出", "金额": D("9406684.00"), "金额单位": "元"},
        {"分组": "基本支出（经济分类）", "项目": "基本工资", "上级项目": "工资福利支出", "金额": D("9406683.99"), "金额单位": "元"},
        {"分组": "基本支出（经济分类）", "项目": "奖金", "上级项目": "工资福利支出", "金额": D("0.10"), "金额单位": "元"},
    ]
    got = errors(workbook(data))
    assert got == ["支出明细!D2: 工资福利支出 9406684.00 ≠ 基本工资(D3) 9406683.99 + 奖金(D4) 0.10 = 9406684.09（相差 0.09）"]


def test_rule6_mixed_units_are_converted_exactly(workbook):
    # base: 190.00 万元 = 1,500,000.00 元 + 40.00 万元
    assert errors(workbook()) == []
    data = builders.department()
    data["支出明细"][1]["金额"] = D("1510000.00")
    assert errors(workbook(data)) == ["支出明细!D2: 基本支出 190.00 ≠ 一般公共服务支出(D3) 151.00 + 社会保障和就业支出(D4) 40.00"
                                      " = 191.00（相差 1.00）"]


def test_rule6_unknown_parent_duplicate_and_cycle(workbook):
    data = builders.department()
    data["支出明细"] = [
        {"分组": "G", "项目": "A", "上级项目": "B", "金额": D("1"), "金额单位": "元"},
        {"分组": "G", "项目": "B", "上级项目": "A", "金额": D("1"), "金额单位": "元"},
        {"分组": "G", "项目": "C", "上级项目": "无此项", "金额": D("1"), "金额单位": "元"},
        {"分组": "G", "项目": "C", "金额": D("1"), "金额单位": "元"},
    ]
    got = errors(workbook(data))
    assert "支出明细!C4: 上级项目“无此项”不在分组“G”中" in got
    assert "支出明细!B5: 分组“G”中项目“C”重复（另见第 4 行）" in got
    assert any("上级项目形成循环" in m for m in got)


def test_control_items_cannot_exceed_their_parent(workbook):
    data = builders.department()
    data["经费控制"] += [
        {"项目": "公用经费", "上年决算数": D("30.00"), "本年预算数": D("35.00"), "本年决算数": D("40.00")},
        {"项目": "办公经费", "上级项目": "公用经费", "上年决算数": D("12.00"), "本年预算数": D("36.00"),
         "本年决算数": D("9.00")},
    ]
    got = errors(workbook(data))
    # 公用经费's 其中 rows only bound it: 9.00 of 40.00 is fine, 36.00 of 35.00 is not
    assert got == ["经费控制!D6: 公用经费本年预算数 35.00 小于其中各项(D7) 之和 36.00"]


def test_sangong_parts_must_make_up_the_whole_in_every_year(workbook):
    data = builders.department()
    # 上年: 公务用车购置和维护经费 2.40 + 公务接待 1.50 = 3.90, but 三公经费 says 4.00
    data["经费控制"][1]["上年决算数"] = D("2.40")
    got = errors(workbook(data))
    assert got == ["经费控制!C2: 三公经费上年决算数 4.00 ≠ 公务用车购置和维护经费(C3) 2.40 + 公务接待(C4) 1.50 = 3.90"
                   "（相差 0.10）；其中各项之和应等于本项"]


def test_parts_flagged_equal_must_add_up_and_wan_yuan_allows_a_cent_per_term(workbook):
    data = builders.department()
    data["经费控制"] += [
        {"项目": "公用经费", "上年决算数": D("30.00"), "本年预算数": D("35.00"), "本年决算数": D("40.00"),
         "其中项合计": "等于本项"},
        {"项目": "办公经费", "上级项目": "公用经费", "上年决算数": D("20.01"), "本年预算数": D("20.00"),
         "本年决算数": D("25.00")},
        {"项目": "会议费、培训费", "上级项目": "公用经费", "上年决算数": D("10.01"), "本年预算数": D("15.00"),
         "本年决算数": D("14.00")},
    ]
    got = errors(workbook(data))
    # 上年 20.01 + 10.01 = 30.02: 0.02 off over two terms is rounding; 本年决算 25 + 14 = 39 is 1.00 short
    assert got == ["经费控制!H6: 公用经费本年决算数 40.00 ≠ 办公经费(H7) 25.00 + 会议费、培训费(H8) 14.00 = 39.00"
                   "（相差 1.00）；其中各项之和应等于本项"]


def test_sangong_control_row_matches_sangong_table(workbook):
    data = builders.department()
    data["经费控制"][0]["本年决算数"] = D("3.50")
    got = errors(workbook(data))
    assert any(m.startswith("经费控制!H2: 经费控制 三公经费本年决算数 3.50 ≠ 三公经费表 合计(三公经费!B2) 3.00") for m in got)


@pytest.mark.parametrize("field", ["上年结转", "其他收入"])
def test_negative_amounts_are_errors(workbook, field):
    data = builders.department()
    data["收入"][2][field] = D("-1.00")
    data["收入"][2]["公共财政拨款"] = D("101.00")
    data["收入"][0][field] = D("-1.00") if field == "其他收入" else D("19.00")
    data["收入"][0]["公共财政拨款"] = D("271.00")
    got = errors(workbook(data))
    assert any(m.startswith("收入!") and f"{field} 应为非负数，实际为 -1.00" in m for m in got)


def test_unit_slip_is_a_warning_not_an_error(workbook):
    data = builders.department()
    data["单位信息"][0]["金额单位"] = "元"
    loaded = load(workbook(data))
    assert loaded.errors == []
    assert [p.message for p in loaded.warnings] == ["收入合计 300.00 元（不足 1 万元），金额单位是否应为“万元”？"]


def test_sangong_parts_match_the_sangong_table(workbook):
    data = builders.department()
    # 公务接待 1.00 → 1.40 in both 经费控制 and its parent, but the 三公经费 table still says 公务接待费 1.00
    data["经费控制"][0]["本年决算数"] = D("3.40")
    data["经费控制"][2]["本年决算数"] = D("1.40")
    data["三公经费"][0].update(三公经费合计=D("3.40"), 公务用车运维费=D("2.40"))
    got = errors(workbook(data))
    assert got == ["经费控制!H4: 经费控制 公务接待本年决算数 1.40 ≠ 三公经费表 公务接待费(三公经费!C2) 1.00 = 1.00（相差 0.40）"]
