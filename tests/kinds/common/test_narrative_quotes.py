"""What a 文字 cell quoting a total, a grade or a named figure is told, word for word, and the cell it is
told at (kinds/common/narrative.py)."""
from decimal import Decimal as D

import builders
import pytest
from generator.errors import Severity
from generator.kinds.common.narrative import Quoted, narrative_figure_problems, narrative_score_problems

SCORE_ADVICE = "请改正或删去文字中的分数（报告会自动写出得分），如应采用评价组填写的得分请加 --keep-entered-scores"
FIGURE_ADVICE = "请改正文字（报告中的表格和指标句按计算结果写出）"


def Text(content, row=9):  # noqa: N802 - named as the row it stands for
    return builders.TextRow(content, row)


def said(problems):
    return [(p.sheet, p.cell, p.severity, p.message) for p in problems]


# --- totals and grades --------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, name, quoted", [
    ("经自评，综合得分为88分。", "综合得分", "88"),
    ("自评得分是 88.5 分", "自评得分", "88.5"),
    ("评价得分：88.25分", "评价得分", "88.25"),
    ("总得分:100分", "总得分", "100"),
    ("总分 0分", "总分", "0"),
])
def test_a_wrong_total_is_told_with_both_scores_and_what_to_do(sentence, name, quoted):
    # the report's total is 91.73 (seed 002), printed to the cent
    problems = narrative_score_problems([Text(sentence)], D("91.73"), "优")
    assert said(problems) == [("文字", "B9", Severity.ERROR,
                               f"文字中写的{name}为 {quoted} 分，而报告的得分为 91.73 分；{SCORE_ADVICE}")]


def test_a_whole_total_is_printed_to_the_cent_in_the_message():
    [p] = narrative_score_problems([Text("综合得分为90分")], D("91"), "优")
    assert p.message == f"文字中写的综合得分为 90 分，而报告的得分为 91.00 分；{SCORE_ADVICE}"


@pytest.mark.parametrize("sentence, name, quoted", [
    ("评价等次为“良”。", "评价等次", "良"),
    ("评价等级：中", "评价等级", "中"),
    ("自评等次是「差」", "自评等次", "差"),
    ("等次 合格", "等次", "合格"),  # 合格 is 中, not 优
])
def test_a_wrong_grade_is_told_with_both_grades(sentence, name, quoted):
    problems = narrative_score_problems([Text(sentence)], D("91.73"), "优")
    assert said(problems) == [("文字", "B9", Severity.ERROR,
                               f"文字中写的{name}为“{quoted}”，而报告的评价等次为“优”；请改正或删去文字中的等次")]


def test_a_grade_is_checked_even_when_the_total_is_unknown():
    [p] = narrative_score_problems([Text("综合得分为60分，评价等次为良好。")], None, "优秀")
    assert p.message == "文字中写的评价等次为“良好”，而报告的评价等次为“优秀”；请改正或删去文字中的等次"


def test_each_row_is_told_at_its_own_cell_and_an_empty_row_is_skipped():
    rows = [Text("综合得分为80分。", 3), Text(None, 4), Text("", 5), Text("评价等次为良。", 6)]
    problems = narrative_score_problems(rows, D("91.73"), "优")
    assert [(p.cell, p.message[:12]) for p in problems] == [("B3", "文字中写的综合得分为 8"), ("B6", "文字中写的评价等次为“良")]


# --- figures quoted by name ---------------------------------------------------------------------

RATE = Quoted(("三公经费变动率",), D("-25.00"), "percent", shown="-25.00%")
INCOME = Quoted(("收入合计", "收入"), D("300.00"), "money", "万元", "300.00万元")
POINTS = Quoted(("预算控制率",), D("4"), "score", shown="4.00分")
SHARE = Quoted(("预算控制率",), D("3.70"), "percent", shown="3.70%")


@pytest.mark.parametrize("sentence, quoted, expected", [
    ("三公经费变动率为-13.79%，控制较好。", "三公经费变动率为-13.79%", "三公经费变动率应为-25.00%"),
    ("全年收入合计为3,100,000.00元。", "收入合计为3,100,000.00元", "收入合计应为300.00万元"),
    ("部门收入达 310万元", "收入达 310万元", "收入应为300.00万元"),
    ("预算控制率得分为3分。", "预算控制率得分为3分", "预算控制率得分应为4.00分"),
    ("预算控制率为3.80%。", "预算控制率为3.80%", "预算控制率应为3.70%"),
])
def test_a_wrong_figure_is_told_with_the_quote_and_the_engines_figure(sentence, quoted, expected):
    problems = narrative_figure_problems([Text(sentence)], [RATE, INCOME, POINTS, SHARE])
    assert said(problems) == [("文字", "B9", Severity.ERROR,
                               f"文字中写的“{quoted}”与计算结果不一致：{expected}；{FIGURE_ADVICE}")]


def test_a_score_and_a_rate_of_the_same_name_are_each_checked_as_their_own():
    # 预算控制率 3.70% earns 4 points: both quoted right, then both wrong
    known = [SHARE, POINTS]
    assert narrative_figure_problems([Text("预算控制率为3.70%，得4分；预算控制率得4分。")], known) == []
    problems = narrative_figure_problems([Text("预算控制率为3.7%。预算控制率得5分。"), Text("预算控制率为4.7%。", 10)],
                                         known)
    assert [(p.cell, p.message) for p in problems] == [
        ("B9", f"文字中写的“预算控制率得5分”与计算结果不一致：预算控制率得分应为4.00分；{FIGURE_ADVICE}"),
        ("B10", f"文字中写的“预算控制率为4.7%”与计算结果不一致：预算控制率应为3.70%；{FIGURE_ADVICE}")]


def test_without_known_figures_nothing_is_checked():
    assert narrative_figure_problems([Text("三公经费变动率为45%。")], []) == []


def test_an_empty_row_is_skipped():
    assert narrative_figure_problems([Text(None), Text("")], [RATE, INCOME]) == []
