"""The department indicators where the workbook lacks a 经费控制 row (issue 15: survivors of indicators.py).

What the user sees: the cell a blocking problem points at (the first empty row of 经费控制, where the
missing item is to be added) and the report's indicator sentences, which leave out an indicator the
workbook cannot give instead of failing. The workbook is builders.BASE (万元), changed as each test says.
"""
from decimal import Decimal as D

import builders
from generator import load
from generator.kinds.base import Options
from generator.kinds.department.indicators import indicator_map


def only_adjustment_row() -> dict:
    """BASE without its 三公经费 rows: 经费控制 keeps only 部门整体支出预算调整 (sheet row 2)."""
    data = builders.department()
    data["经费控制"] = [r for r in data["经费控制"] if r["项目"] == "部门整体支出预算调整"]
    return data


def test_an_empty_control_sheet_points_at_its_first_row(workbook):
    # hunan scores 三公经费变动率 and 预算控制率, both from 经费控制 rows; with none there, both go in row 2
    loaded = load(workbook(builders.department(经费控制=[])))
    assert [(p.sheet, p.cell, p.message.split("。")[0]) for p in loaded.errors] == [
        ("经费控制", "A2", "无法计算三公经费变动率：经费控制表缺少“三公经费”行"),
        ("经费控制", "A2", "无法计算预算控制率：经费控制表缺少“部门整体支出预算调整”行")]


def test_a_missing_item_points_below_the_last_control_row(workbook):
    [problem] = load(workbook(only_adjustment_row())).errors
    assert (problem.sheet, problem.cell) == ("经费控制", "A3")
    assert problem.message.startswith("无法计算三公经费变动率：经费控制表缺少“三公经费”行。请在此添加一行")


def test_the_report_leaves_out_the_sangong_sentence_without_its_row(workbook):
    # kept scores (综合得分 85, 良) let the report be made; its sentences, worked by hand:
    # 18/20 = 90.00%; (300 − 10)/300 = 96.67%; 年初预算 300 − 20 − 10 + 0 = 270, 10/270 = 3.70%;
    # 10/290 = 3.45%; (10 − 20)/20 = −50.00%; 70/80 = 87.50%. No 三公经费, 公用经费 or 采购 row: no sentence.
    data = only_adjustment_row()
    data["单位信息"] = [dict(data["单位信息"][0], 综合得分=D("85"), 评价等次="良")]
    loaded = load(workbook(data), Options(keep_entered_scores=True))
    assert loaded.problems == []
    context = loaded.kind.context(loaded.data, loaded.scores, "万元", False)
    assert context["指标句"] == [
        "在职人员控制率为90.00%（实有在职人员18人，核定编制20人）。",
        "预算完成率为96.67%（全年可用资金300.00万元，年末结余10.00万元）。",
        "预算调整率为3.70%（本年追加10.00万元、追减0.00万元，年初预算270.00万元）。",
        "预算控制率为3.70%（本年追加10.00万元，年初预算270.00万元）。",
        "结转结余率为3.45%（年末结转和结余10.00万元，支出合计290.00万元）。",
        "年末结转和结余10.00万元，较上年减少10.00万元，下降50.00%。",
        "固定资产利用率为87.50%（在用固定资产70.00万元，固定资产总额80.00万元）。",
    ]


RATIO_RULES = ('[[rule]]\nindicator = "政府采购执行率"\nweight = 10\nmethod = "ratio"\n'
               '[[rule]]\nindicator = "公用经费控制率"\nweight = 10\nmethod = "ratio"\n[performance]\nweight = 80\n')


def scored(workbook, tmp_path, data) -> dict:
    """The score grid's (数据, 值, 得分) by indicator under RATIO_RULES."""
    rules = tmp_path / "rules.toml"
    rules.write_text(RATIO_RULES, encoding="utf-8")
    loaded = load(workbook(data), Options(rules=str(rules)))
    [grid] = loaded.kind.score_grids(loaded.scores)
    return {r[0]: (r[2], r[3], r[5]) for r in grid.rows}


def test_a_control_item_is_found_under_its_other_name(workbook, tmp_path):
    # 「政府采购」 is one of the names of 政府采购金额: 30 / 40 = 75.00% → 75% of 10 = 7.50
    data = builders.department()
    data["经费控制"].append({"项目": "政府采购", "上年决算数": D("10"), "本年预算数": D("40"), "本年决算数": D("30")})
    assert scored(workbook, tmp_path, data)["政府采购执行率"] == ("本年决算数30.00万元 / 本年预算数40.00万元", "75.00%", "7.50")


def test_a_top_level_item_is_preferred_over_a_sub_item_of_the_same_name(workbook, tmp_path):
    # 「其中：公用经费」 under 基本支出 (15 / 20) comes first; the top-level 公用经费 (36 / 40 = 90.00%) is the one
    # scored: 90% of 10 = 9.00
    data = builders.department()
    data["经费控制"][1:1] = [
        {"项目": "基本支出", "上年决算数": D("50"), "本年预算数": D("60"), "本年决算数": D("40")},
        {"项目": "其中：公用经费", "上级项目": "基本支出", "上年决算数": D("10"), "本年预算数": D("20"),
         "本年决算数": D("15")}]
    data["经费控制"].append({"项目": "公用经费", "上年决算数": D("30"), "本年预算数": D("40"), "本年决算数": D("36")})
    assert scored(workbook, tmp_path, data)["公用经费控制率"] == ("本年决算数36.00万元 / 本年预算数40.00万元", "90.00%", "9.00")


def test_no_staff_quota_points_at_the_quota_cell(workbook):
    # 人员编制 0: 18 / 0 is x/0, and hunan has no denominator_zero for 在职人员控制率
    data = builders.department()
    data["单位信息"] = [dict(data["单位信息"][0], 人员编制=0)]
    [problem] = load(workbook(data)).errors
    assert (problem.sheet, problem.cell) == ("单位信息", "G2")  # 人员编制 is column G
    assert problem.message.startswith("无法计算综合得分：在职人员控制率（编制数为0，无法计算；分母为0（x/0）")


def test_the_budget_rates_show_their_formulas(workbook, tmp_path):
    rules = tmp_path / "rules.toml"
    rules.write_text('[[rule]]\nindicator = "预算调整率"\nweight = 10\nmethod = "ratio"\n[[rule]]\nindicator = "预算控制率"\n'
                     'weight = 10\nmethod = "ratio"\n[performance]\nweight = 80\n', encoding="utf-8")
    loaded = load(workbook(), Options(rules=str(rules)))
    [grid] = loaded.kind.score_grids(loaded.scores)
    formulas = {r[0]: r[1] for r in grid.rows}
    assert formulas["预算调整率"] == "(本年追加 + 本年追减) / 年初预算 × 100%"
    assert formulas["预算控制率"] == "本年追加 / 年初预算 × 100%"


def test_a_blank_control_budget_is_named_and_its_rate_is_worked_from_zero(workbook):
    # seed 002's 公用经费 row (sheet row 6) with 本年预算数 left blank: 453 / 0 cannot be worked out
    controls = [dict(r, 本年预算数=None) if r["项目"] == "公用经费" else r for r in builders.SEED_002["经费控制"]]
    data = builders.department(**{**builders.SEED_002, "经费控制": controls})
    loaded = load(workbook(data))
    assert [str(p) for p in loaded.errors] == ["经费控制!D6: 公用经费的本年预算数（年初预算）为必填项，实际为空（金额为零请填 0）"]
    ind = indicator_map(loaded.data)["public_funds"]
    assert (ind.value, ind.display, ind.note, ind.place) == (None, "—", "公用经费本年预算数为0，无法计算", "经费控制!D6")
    assert ind.figures == "本年决算数453.00万元 / 本年预算数0.00万元"
    assert ind.amounts == (("本年决算数", D("453")), ("本年预算数", D("0")))


def test_an_indicator_without_its_row_keeps_its_formula(workbook):
    got = indicator_map(load(workbook(builders.department(经费控制=[]))).data)
    assert (got["public_funds"].formula, got["public_funds"].note) == (
        "实际公用经费 / 预算公用经费 × 100%", "经费控制表缺少“公用经费”行，无法计算")
    assert got["sangong_control"].formula == "三公经费实际支出 / 三公经费预算数 × 100%"
