"""Department scoring as the user sees it, row by row (issue 15: survivors of scoring.py).

Each test states one workbook (builders.BASE, 万元, changed where the test is about) and the exact
row of the score table (`genreport score`, the web page's grid), the 计分依据 or the problem message
with its sheet and cell that the scoring must give; the figures are worked by hand in the comments.
A rules file written here is a small one, so the row it gives is the one the test is about.
"""
from decimal import Decimal as D

import builders
from generator import load
from generator.kinds.base import Options

SANGONG_FORMULA = "(本年三公经费 − 上年三公经费) / 上年三公经费 × 100%"
APPEAL = "。请补齐数据或填写得分，或加 --keep-entered-scores 采用评价组填写的综合得分"


def grid_rows(loaded) -> dict:
    """The score grid (the web page's table) by indicator: (公式, 数据, 值, 分值, 得分, 计分依据)."""
    [grid] = loaded.kind.score_grids(loaded.scores)
    return {r[0]: r[1:] for r in grid.rows}


def rules_file(tmp_path, text: str) -> str:
    path = tmp_path / "rules.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def sangong(before: str, now: str) -> dict:
    """三公经费 last year `before`, this year `now` (万元), all of it 公务接待, in both tables."""
    data = builders.department()
    controls = data["经费控制"]
    controls[0].update(上年决算数=D(before), 本年预算数=D("2.00"), 本年决算数=D(now))
    controls[1].update(上年决算数=D("0"), 本年预算数=D("0"), 本年决算数=D("0"))
    controls[2].update(上年决算数=D(before), 本年决算数=D(now))
    data["三公经费"] = [{"机构名称": "汇总", "三公经费合计": D(now), "公务接待费": D(now), "公务用车运维费": D("0"),
                      "公务用车购置费": D("0"), "因公出国出境费": D("0")}]
    return data


def performance(*rows) -> dict:
    return builders.department(绩效指标=list(rows))


def quantitative(name, points=None, score=None, **more) -> dict:
    return {"类型": "定量", "一级指标": "产出目标", "二级指标": "数量指标", "指标名称": name, "绩效目标": "目标",
            "完成情况": "完成", "分值": None if points is None else D(points),
            "得分": None if score is None else D(score), **more}


# ------------------------------------------------------------------ computed indicators

def test_a_rule_without_basis_shows_the_working_alone(workbook, tmp_path):
    # 实有人数 18 / 编制 20 = 90.00%, not over 100% → the full 20 points; no basis text to put first
    rules = rules_file(tmp_path, '[[rule]]\nindicator = "在职人员控制率"\nweight = 20\nmethod = "over"\nlimit = 100\n'
                                 'deduct = 1\n[performance]\nweight = 80\n')
    loaded = load(workbook(), Options(rules=rules))
    assert grid_rows(loaded)["在职人员控制率"] == (
        "在职人数 / 编制数 × 100%", "实有人数18人 / 编制数20人", "90.00%", "20.00", "20.00",
        "在职人员控制率90.00%，未超过100%，得满分")


ZERO_RULE = ('[[rule]]\nindicator = "三公经费变动率"\nweight = 20\nmethod = "over"\nlimit = 0\ndeduct = 1\n'
             '[performance]\nweight = 80\n')


def test_x_over_zero_without_a_zero_rule_names_denominator_zero(workbook, tmp_path):
    # 上年 0, 本年 2.00: (2.00 − 0) / 0 is x/0, and the rule has no denominator_zero
    loaded = load(workbook(sangong("0", "2.00")), Options(rules=rules_file(tmp_path, ZERO_RULE)))
    basis = "上年三公经费决算数为0，无法计算；分母为0（x/0），规则未规定如何计分（denominator_zero），无法计分"
    assert grid_rows(loaded)["三公经费变动率"] == (
        SANGONG_FORMULA, "(本年决算数2.00万元 − 上年决算数0.00万元) / 上年决算数0.00万元", "—", "20.00", "—", basis)
    [problem] = loaded.errors
    assert (problem.sheet, problem.cell) == ("经费控制", "C2")  # 三公经费's 上年决算数
    assert problem.message == f"无法计算综合得分：三公经费变动率（{basis}）{APPEAL}"


def test_zero_over_zero_without_a_zero_rule_names_both_zero(workbook, tmp_path):
    loaded = load(workbook(sangong("0", "0")), Options(rules=rules_file(tmp_path, ZERO_RULE)))
    basis = "上年三公经费决算数为0，无法计算；分子、分母均为0（0/0），规则未规定如何计分（both_zero），无法计分"
    assert grid_rows(loaded)["三公经费变动率"] == (
        SANGONG_FORMULA, "(本年决算数0.00万元 − 上年决算数0.00万元) / 上年决算数0.00万元", "—", "20.00", "—", basis)
    [problem] = loaded.errors
    assert problem.message == f"无法计算综合得分：三公经费变动率（{basis}）{APPEAL}"


def test_x_over_zero_under_hunan_scores_nothing_and_says_why(workbook):
    # hunan.toml: denominator_zero = "none" for 三公经费变动率 (5 points)
    loaded = load(workbook(sangong("0", "2.00")))
    assert grid_rows(loaded)["三公经费变动率"] == (
        SANGONG_FORMULA, "(本年决算数2.00万元 − 上年决算数0.00万元) / 上年决算数0.00万元", "—", "5.00", "0.00",
        "上年三公经费决算数为0；分母为0（x/0），按规则不得分")


def test_missing_control_row_names_the_item_and_the_row_to_add(workbook):
    # without the 三公经费 rows 经费控制 keeps only 部门整体支出预算调整 (row 2): the item goes in row 3
    data = builders.department()
    data["经费控制"] = [r for r in data["经费控制"] if r["项目"] == "部门整体支出预算调整"]
    loaded = load(workbook(data))
    [problem] = loaded.errors
    assert (problem.sheet, problem.cell) == ("经费控制", "A3")
    assert problem.message == ("无法计算三公经费变动率：经费控制表缺少“三公经费”行。请在此添加一行，项目填“三公经费”"
                               "（可从下拉列表选择）并填写各列金额；否则无法计算综合得分")


def test_when_nothing_can_be_scored_the_table_still_shows_a_zero_total(workbook, tmp_path):
    # the one rule is on 支付进度率, which BASE has no row for: no row scored, total 0.00, grade open
    rules = rules_file(tmp_path, '[[rule]]\nindicator = "支付进度率"\nweight = 100\nmethod = "ratio"\n')
    loaded = load(workbook(), Options(rules=rules))
    assert "综合得分：0.00    评价等次：—" in loaded.kind.score_table(loaded.scores)
    [grid] = loaded.kind.score_grids(loaded.scores)
    assert grid.notes[0] == "综合得分：0.00    评价等次：—"


# ------------------------------------------------------------------ the 绩效指标 sheet and its weight

def test_without_a_performance_weight_the_sheet_is_not_scored(workbook, tmp_path):
    rules = rules_file(tmp_path, '[[rule]]\nindicator = "在职人员控制率"\nweight = 100\nmethod = "over"\nlimit = 100\n'
                                 'deduct = 1\n')
    loaded = load(workbook(), Options(rules=rules))
    assert list(grid_rows(loaded)) == ["在职人员控制率"]
    assert loaded.scores.total == D("100.00")


def test_a_performance_weight_of_one_point_still_scores_the_sheet(workbook, tmp_path):
    # BASE 分值 20 + 20 + 10 = 50 → × 1/50: 指标1 (12 ≥ 10) 0.40 of 0.40, 指标2 (得分 20) 0.40, 满意度 0.20
    rules = rules_file(tmp_path, '[[rule]]\nindicator = "在职人员控制率"\nweight = 99\nmethod = "over"\nlimit = 100\n'
                                 'deduct = 1\n[performance]\nweight = 1\n')
    loaded = load(workbook(), Options(rules=rules))
    rows = grid_rows(loaded)
    assert rows["绩效指标：产出目标/数量指标/指标1"][3:5] == ("0.40", "0.40")
    assert rows["绩效指标：产出目标/质量指标/指标2"][3:] == ("0.40", "0.40", "采用评价组评分；分值合计50，按权重1折算")
    assert loaded.scores.total == D("100.00")  # 99 + 0.40 + 0.40 + 0.20


def test_a_row_without_points_beside_rows_with_points_is_shown_blank(workbook):
    # BASE: the 定性 总体目标 row has no 分值 while the others do
    loaded = load(workbook())
    assert grid_rows(loaded)["绩效指标：定性目标/总体目标"] == ("", "", "—", "0.00", "0.00", "未设分值，不计分")


def test_a_score_typed_on_a_row_without_points_is_warned_at_its_cell(workbook):
    data = builders.department()
    data["绩效指标"][0]["得分"] = D("5")
    loaded = load(workbook(data))
    [warning] = loaded.warnings
    assert (warning.sheet, warning.cell) == ("绩效指标", "L2")  # 得分 is column L
    assert warning.message == ("绩效指标：定性目标/总体目标 评价组得分5.00，按规则“湖南”计算为无法计算（未设分值，不计分）")


def test_points_all_zero_are_not_scaled(workbook):
    # 分值 0 on the only row (得分 0): nothing to scale, the basis says no 折算
    loaded = load(workbook(performance(quantitative("合格率", "0", "0"))))
    assert grid_rows(loaded)["绩效指标：产出目标/数量指标/合格率"] == (
        "评价组评分", "", "—", "0.00", "0.00", "采用评价组评分")


def test_without_any_points_an_entered_score_cannot_be_used(workbook):
    # no 分值 anywhere: 80 shared by two rows; 合格率 has only a typed 得分, which is on no known scale
    loaded = load(workbook(performance(quantitative("合格率", score="18"),
                                       quantitative("招商", 指标性质="≥", 指标值=D("10"), 完成值=D("12")))))
    assert grid_rows(loaded)["绩效指标：产出目标/数量指标/合格率"] == (
        "评价组评分", "", "—", "40.00", "—", "未设分值，无法采用评价组评分")


# ------------------------------------------------------------------ one 绩效指标 row on its own points

def test_figures_without_a_relation_fall_back_to_the_entered_score(workbook):
    # 指标值 and 完成值 given but no 指标性质: nothing to compare by, so the typed 18 of 80 is used
    loaded = load(workbook(performance(quantitative("招商", "80", "18", 指标值=D("10"), 完成值=D("12")))))
    assert grid_rows(loaded)["绩效指标：产出目标/数量指标/招商"] == (
        "评价组评分", "", "—", "80.00", "18.00", "采用评价组评分")


def test_figures_on_a_qualitative_row_fall_back_to_the_entered_score(workbook):
    row = {"类型": "定性", "指标名称": "总体目标", "绩效目标": "扩大开放", "完成情况": "全面完成", "指标性质": "≥",
           "指标值": D("10"), "完成值": D("5"), "分值": D("80"), "得分": D("70")}
    loaded = load(workbook(performance(row)))
    assert grid_rows(loaded)["绩效指标：定性目标/总体目标"] == ("评价组评分", "", "—", "80.00", "70.00", "采用评价组评分")


def test_a_figure_without_a_unit_is_shown_bare(workbook):
    # ≥ 10, done 12, no 度量单位: full 80
    loaded = load(workbook(performance(quantitative("招商", "80", 指标性质="≥", 指标值=D("10"), 完成值=D("12")))))
    assert grid_rows(loaded)["绩效指标：产出目标/数量指标/招商"] == (
        "完成值 / 指标值 × 分值", "指标值≥10，完成值12", "12", "80.00", "80.00", "达到指标值，得满分")


def test_a_row_without_score_or_figures_is_shown_as_unscored(workbook):
    loaded = load(workbook(performance(quantitative("合格率", "80"))))
    assert grid_rows(loaded)["绩效指标：产出目标/数量指标/合格率"] == (
        "评价组评分", "", "—", "80.00", "—", "未填得分，无法计分")


def test_an_entered_zero_is_a_score(workbook):
    loaded = load(workbook(performance(quantitative("合格率", "80", "0"))))
    assert grid_rows(loaded)["绩效指标：产出目标/数量指标/合格率"] == (
        "评价组评分", "", "—", "80.00", "0.00", "采用评价组评分")
    assert loaded.scores.sheet.complete


def test_an_entered_score_above_its_points_is_shown_as_unscored(workbook):
    loaded = load(workbook(performance(quantitative("合格率", "80", "81"))))
    assert grid_rows(loaded)["绩效指标：产出目标/数量指标/合格率"] == (
        "评价组评分", "", "—", "80.00", "—", "得分81.00超出0–80.00分")


def test_a_target_is_shown_rounded_half_up_at_six_decimals(workbook):
    # 10.0000005 → 10.000001 (half-up; half-even would give 10); 12 ≥ it → full 80
    loaded = load(workbook(performance(quantitative("招商", "80", 指标性质="≥", 指标值=D("10.0000005"),
                                                    完成值=D("12"), 度量单位="亿元"))))
    assert grid_rows(loaded)["绩效指标：产出目标/数量指标/招商"][1] == "指标值≥10.000001亿元，完成值12亿元"


# ------------------------------------------------------------------ what the evaluators typed

# 在职人员控制率 90.00% → 20 of 20; the BASE sheet at 80/50 = 1.6: 指标1 20 → 32.00, 指标2 (得分 20) → 32.00,
# 满意度 (96 ≥ 95) 10 → 16.00: total 100.00, 优
PLAIN_RULES = ('name = "测试"\n[[rule]]\nindicator = "在职人员控制率"\nweight = 20\nmethod = "over"\nlimit = 100\n'
               'deduct = 1\n[performance]\nweight = 80\n')


def with_unit(**fields) -> dict:
    data = builders.department()
    data["单位信息"] = [dict(data["单位信息"][0], **fields)]
    return data


def test_a_typed_row_score_that_differs_is_warned_with_ours(workbook, tmp_path):
    data = builders.department()
    data["绩效指标"][1]["得分"] = D("15")  # 指标1: 12 ≥ 10, ours 20.00 on its own 20 points
    loaded = load(workbook(data), Options(rules=rules_file(tmp_path, PLAIN_RULES)))
    [warning] = loaded.warnings
    assert (warning.sheet, warning.cell) == ("绩效指标", "L3")
    assert warning.message == "绩效指标：产出目标/数量指标/指标1 评价组得分15.00，按规则“测试”计算为20.00"


def test_a_typed_grade_in_the_short_form_that_matches_is_not_warned(workbook, tmp_path):
    loaded = load(workbook(with_unit(综合得分=D("100"), 评价等次="优")), Options(rules=rules_file(tmp_path, PLAIN_RULES)))
    assert loaded.scores.total == D("100.00") and loaded.problems == []


def test_a_typed_grade_that_differs_is_warned_with_our_total(workbook, tmp_path):
    loaded = load(workbook(with_unit(综合得分=D("100"), 评价等次="良")), Options(rules=rules_file(tmp_path, PLAIN_RULES)))
    [warning] = loaded.warnings
    assert warning.sheet == "单位信息"
    assert warning.message == "评价组填写的评价等次“良”，按计算得分100.00应为“优”"


# ------------------------------------------------------------------ figures the 文字 sheet quotes

def texts(*contents) -> list:
    return [{"部分": name, "内容": content} for name, content in zip(("机构设置", "经济性"), contents)]


def test_a_rate_followed_by_an_amount_is_not_read_as_the_rate(workbook):
    # 「在职人员控制率为18万元」 quotes no percentage: nothing to compare with our 90.00%
    loaded = load(workbook(builders.department(文字=texts("在职人员控制率为18万元。"))))
    assert [p for p in loaded.problems if p.sheet == "文字"] == []


def test_a_score_quoted_for_an_indicator_that_could_not_be_scored_is_not_compared(workbook, tmp_path):
    # 支付进度率 has no row in BASE: unscored, so a text giving it a score has nothing to be checked against
    rules = rules_file(tmp_path, '[[rule]]\nindicator = "支付进度率"\nweight = 20\nmethod = "ratio"\n'
                                 '[performance]\nweight = 80\n')
    loaded = load(workbook(builders.department(文字=texts("支付进度率得5分。"))), Options(rules=rules))
    assert [p for p in loaded.problems if p.sheet == "文字"] == []
    assert [p.message[:15] for p in loaded.errors] == ["无法计算支付进度率：经费控制表"]


def test_a_wrong_amount_in_yuan_is_corrected_with_separators(workbook):
    # the long workbook is in 元: 收入合计 12,345,678.90 元, written as the report writes 元 amounts
    data = builders.long_department()
    data["文字"][0]["内容"] = "收入合计12,345,678.00元。"
    loaded = load(workbook(data))
    [problem] = [p for p in loaded.problems if p.sheet == "文字"]
    assert problem.message == ("文字中写的“收入合计12,345,678.00元”与计算结果不一致：收入合计应为12,345,678.90元；"
                               "请改正文字（报告中的表格和指标句按计算结果写出）")
