"""Checks of the project workbook, rule by rule, on the 004 sample with one thing changed each time.

Rows of the sample (sheet row numbers): 项目信息 2 招商节会, 3 农贸市场提质改造; 项目资金 2–5 招商节会
(年度资金总额 200.00 = 当年财政拨款 200.00 + 0 + 0 in every column, 执行 196.50), 6–9 农贸市场; 绩效指标
2–8 招商节会 (7 is 定性 达成, 分值 15, 得分 14), 9–14 农贸市场.
"""
import sys
from decimal import Decimal as D

import builders
import pytest
from conftest import ROOT
from generator import load
from generator.kinds.project.checks import parse_figure

sys.path.insert(0, str(ROOT / "samples"))
import make_project_sample  # noqa: E402

P1, P2 = "招商节会", "农贸市场提质改造"


@pytest.fixture
def project(tmp_path):
    def make(change=None):
        return builders.write_project(tmp_path / "p.xlsx", builders.project(make_project_sample.DATA, change))
    return make


def problems(path, severity=None):
    return [str(p) for p in load(path).problems if severity is None or p.severity.value == severity]


@pytest.mark.parametrize("text, number", [
    ("95", D("95")), ("95%", D("95")), ("≥95", D("95")), ("≤ 50", D("50")), ("＝100", D("100")), (">=90", D("90")),
    ("98.17亿元", D("98.17")), ("1,200", D("1200")), ("1，200个", D("1200")), (" -3.5 ", D("-3.5")),
])
def test_figures_written_with_signs_units_and_separators_are_read(text, number):
    assert parse_figure(text) == number


@pytest.mark.parametrize("text", ["十多场", "有效提升", "95 以上 100", "", "约95"])
def test_words_are_not_figures(text):
    assert parse_figure(text) is None


def test_sample_is_clean(project):
    assert problems(project()) == []


def test_funds_in_wanyuan_may_be_off_by_one_cent_per_part(project):
    def total(value):
        def change(data):
            data["项目资金"][0]["年初预算数"] = D(value)
        return change
    assert problems(project(total("200.03"))) == []
    assert problems(project(total("200.04"))) == [
        "项目资金!C2: 年度资金总额年初预算数 200.04 ≠ 当年财政拨款(C3) 200.00 + 上年结转资金(C4) 0.00 + "
        "其他资金(C5) 0.00 = 200.00（相差 0.04）"]


def test_funds_in_yuan_must_add_up_to_the_cent(project):
    def change(data):
        data["项目信息"][0]["金额单位"] = "元"
        data["项目资金"][0]["全年预算数"] = D("200.01")
    assert problems(project(change), "错误") == [
        "项目资金!D2: 年度资金总额全年预算数 200.01 ≠ 当年财政拨款(D3) 200.00 + 上年结转资金(D4) 0.00 + "
        "其他资金(D5) 0.00 = 200.00（相差 0.01）"]


def test_each_fund_column_is_checked(project):
    def change(data):
        data["项目资金"][5]["全年预算数"] = D("251.00")  # 农贸市场 当年财政拨款: 251 + 30 ≠ 280
        data["项目资金"][5]["全年执行数"] = D("232.00")  # 232 + 30 ≠ 262.40
    got = problems(project(change), "错误")
    assert [m.split(":")[0] for m in got] == ["项目资金!D6", "项目资金!E6"]
    assert got[1].endswith("= 262.00（相差 0.40）")


def test_spending_equal_to_budget_is_no_warning(project):
    def change(data):
        data["项目资金"][0]["全年执行数"] = data["项目资金"][1]["全年执行数"] = D("200.00")
    assert problems(project(change)) == []


def test_a_project_without_its_total_row_is_named(project):
    def change(data):
        del data["项目资金"][0]
    assert "项目信息!A2: 项目“招商节会”在“项目资金”中没有“年度资金总额”行" in problems(project(change))


def test_a_fund_kind_given_twice_is_named(project):
    def change(data):
        data["项目资金"].append(dict(data["项目资金"][3]))
    assert problems(project(change)) == ["项目资金!B10: 项目“招商节会”的“其他资金”重复"]


def test_a_total_without_parts_is_not_summed(project):
    def change(data):
        data["项目资金"] = [r for r in data["项目资金"] if r["项目名称"] != P1 or r["资金类别"] == "年度资金总额"]
    assert problems(project(change)) == []


def test_a_project_named_twice_is_named(project):
    def change(data):
        data["项目信息"].append(dict(data["项目信息"][0]))
    assert "项目信息!A4: 项目“招商节会”重复（另见第 2 行）" in problems(project(change))


@pytest.mark.parametrize("sheet, index, cell", [("项目资金", 0, "项目资金!A2"), ("年度总体目标", 0, "年度总体目标!A2"),
                                                ("绩效指标", 0, "绩效指标!A2")])
def test_rows_of_an_unknown_project_are_named(project, sheet, index, cell):
    def change(data):
        data[sheet][index]["项目名称"] = "招商会"
    assert f"{cell}: 项目“招商会”不在“项目信息”中" in problems(project(change))


def test_text_of_an_unknown_project_is_named_but_text_for_the_whole_report_is_not(project):
    def change(data):
        data["文字"].append({"项目名称": "招商会", "部分": "其他", "内容": "无。"})
        data["文字"].append({"部分": "有关建议", "内容": "无。"})
    row = len(make_project_sample.DATA["文字"]) + 2
    assert problems(project(change)) == [f"文字!A{row}: 项目“招商会”不在“项目信息”中"]


def test_a_qualitative_indicator_needs_its_band(project):
    def change(data):
        data["绩效指标"][5]["完成档次"] = None
    assert "绩效指标!I7: 定性指标需选择完成档次（达成、部分达成、未达成）" in problems(project(change))


def test_a_quantitative_target_in_words_is_named(project):
    def change(data):
        data["绩效指标"][0]["指标值"] = "十场以上"
    assert "绩效指标!F2: 定量指标（≥）的指标值应为数字，实际为“十场以上”" in problems(project(change))


@pytest.mark.parametrize("index, score, cell, points", [(5, "16", "K7", "15"), (5, "-1", "K7", "15"), (0, "21", "K2", "20")])
def test_a_score_outside_zero_to_points_is_named(project, index, score, cell, points):
    def change(data):
        data["绩效指标"][index]["得分"] = D(score)
    assert f"绩效指标!{cell}: 得分 {score} 应在 0 到分值 {points} 之间" in problems(project(change))


@pytest.mark.parametrize("score", ["15", "12"])
def test_a_score_at_the_edge_of_its_points_is_accepted(project, score):
    def change(data):
        data["绩效指标"][5]["得分"] = D(score)
    assert problems(project(change)) == []


def test_a_project_without_indicators_is_named(project):
    def change(data):
        data["绩效指标"] = [r for r in data["绩效指标"] if r["项目名称"] != P2]
    assert problems(project(change)) == ["项目信息!A3: 项目“农贸市场提质改造”在“绩效指标”中没有指标"]


@pytest.mark.parametrize("first, total", [("35", "100"), ("36", "101")])
def test_points_leaving_nothing_for_the_execution_rate_are_named_for_each_project(project, first, total):
    def change(data):
        data["绩效指标"][7]["分值"] = D(first)  # 农贸市场: 90 − 25 + first
    assert problems(project(change), "错误") == [
        f"绩效指标!J9: 项目“农贸市场提质改造”各指标分值(J9、J10、J11、J12、J13、J14)合计 {total}，应小于 100"
        "（余下的分值归预算执行率，通常 90，预算执行率 10）"]


@pytest.mark.parametrize("first", ["24", "34"])
def test_points_under_100_are_not_an_error_the_rest_is_the_execution_rate(project, first):
    def change(data):
        data["绩效指标"][7]["分值"] = D(first)  # 农贸市场: 89 or 99, 预算执行率 11 or 1
    assert problems(project(change), "错误") == []


@pytest.mark.parametrize("first, total, wrong", [("0", "0", True), ("0.5", "0.5", False), ("1", "1", False)])
def test_points_must_be_more_than_nothing(project, first, total, wrong):
    def change(data):
        for r in data["绩效指标"][7:13]:  # 农贸市场's six rows; 得分 within 分值
            r["分值"], r["得分"] = D(0), None if r["指标性质"] != "定性" else D(0)
        data["绩效指标"][7]["分值"] = D(first)
    expected = [f"绩效指标!J9: 项目“农贸市场提质改造”各指标分值(J9、J10、J11、J12、J13、J14)合计 {total}，应大于 0"
                "（余下的分值归预算执行率，通常 90，预算执行率 10）"]
    assert problems(project(change), "错误") == (expected if wrong else [])


def test_goals_need_exactly_one_row_per_project(project):
    def change(data):
        data["年度总体目标"].append(dict(data["年度总体目标"][0]))
    assert problems(project(change)) == ["项目信息!A2: 项目“招商节会”在“年度总体目标”中应有 1 行，实际 2 行"]


def test_a_sheet_with_an_unreadable_cell_is_not_checked_for_sums(project):
    def change(data):
        data["项目资金"][1]["全年执行数"] = "约两百"
        data["项目资金"][0]["年初预算数"] = D("999.00")
    got = problems(project(change), "错误")
    assert "项目资金!E3: 应为数字，实际为文字“约两百”" in got
    assert not any("≠" in m for m in got)


def test_indicators_with_an_unreadable_cell_are_not_summed(project):
    def change(data):
        data["绩效指标"][0]["分值"] = "二十"
    got = problems(project(change), "错误")
    assert "绩效指标!J2: 应为数字，实际为文字“二十”" in got
    assert not any("合计" in m for m in got)


def test_goals_with_an_unreadable_cell_are_not_counted(project):
    def change(data):
        data["年度总体目标"][0]["预期目标"] = None
        data["年度总体目标"].append(dict(data["年度总体目标"][1]))
    assert problems(project(change), "错误") == ["年度总体目标!B2: “预期目标”为必填项，实际为空（金额为零请填 0）"]


def test_unreadable_project_information_stops_the_checks_there(project):
    def change(data):
        data["项目信息"][0]["年度"] = "二〇二一"
        data["项目资金"][0]["年初预算数"] = D("999.00")
    got = problems(project(change), "错误")
    assert got == ["项目信息!E2: 应为数字，实际为文字“二〇二一”"]


def test_a_score_of_zero_is_accepted(project):
    def change(data):
        data["绩效指标"][0]["得分"] = D("0")  # a quantitative row: computed 20, so only a warning
    assert problems(project(change), "错误") == []


def test_every_project_is_checked_after_one_without_indicators(project):
    def change(data):
        data["绩效指标"] = [r for r in data["绩效指标"] if r["项目名称"] != P1]
        data["绩效指标"][0]["分值"] = D("35")  # 农贸市场: 100, nothing left for 预算执行率
    got = problems(project(change))
    assert got[0] == "项目信息!A2: 项目“招商节会”在“绩效指标”中没有指标"
    assert got[1].startswith("绩效指标!J2: 项目“农贸市场提质改造”各指标分值") and "合计 100，应小于 100" in got[1]


def test_every_project_is_checked_after_one_without_funds(project):
    def change(data):
        data["项目资金"] = [r for r in data["项目资金"] if r["项目名称"] != P1]
        data["项目资金"][1]["全年执行数"] = D("232.00")  # 农贸市场 当年财政拨款: 232 + 30 ≠ 262.40
    got = problems(project(change), "错误")
    assert got[0] == "项目信息!A2: 项目“招商节会”在“项目资金”中没有“年度资金总额”行"
    assert got[1].startswith("项目资金!E2: 年度资金总额全年执行数 262.40 ≠ ")
