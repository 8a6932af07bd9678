"""A score quoted in 文字 is compared as a number with the report's score (97 = 97.0 = 97.00; 96.99 ≠ 97)."""
from decimal import Decimal as D

import builders
import pytest
from generator import load
from generator.errors import Severity
from generator.kinds.base import Options
from generator.kinds.common.narrative import Quoted, narrative_figure_problems, narrative_score_problems


def Text(content, row=5):  # noqa: N802 - named as the row it stands for
    return builders.TextRow(content, row)


def check(content, total, grade="优"):
    return narrative_score_problems([Text(content)], None if total is None else D(total), grade)


@pytest.mark.parametrize("sentence", ["综合得分为97分", "综合得分为97.0分。", "自评得分：97.00 分", "总分 97分",
                                      "评价得分是97分", "总得分97分"])
def test_the_same_score_written_another_way_is_no_error(sentence):
    assert check(sentence, "97.00") == []


@pytest.mark.parametrize("sentence, quoted", [("综合得分为96.99分", "96.99"), ("综合得分为97.01分", "97.01"),
                                              ("自评得分：79分", "79"), ("总分为9.7分", "9.7")])
def test_a_different_score_is_an_error_at_the_text_cell(sentence, quoted):
    [p] = check(sentence, "97")
    assert (p.sheet, p.cell, p.severity) == ("文字", "B5", Severity.ERROR)
    assert p.message.startswith("文字中写的") and f"为 {quoted} 分，而报告的得分为 97.00 分" in p.message
    assert "--keep-entered-scores" in p.message


def test_each_wrong_quote_is_reported():
    problems = narrative_score_problems([Text("综合得分为90分，自评得分为91分。", 3), Text("总分97分。", 4)],
                                        D("97"), "优")
    assert [(p.cell, "为 90 分" in p.message or "为 91 分" in p.message) for p in problems] == [("B3", True), ("B3", True)]


def test_without_a_total_no_score_is_checked():
    assert check("综合得分为12分", None) == []


def test_an_indicators_points_are_not_a_total():
    assert check("该项指标得分为2分，预算完成率得分5分。", "97") == []


@pytest.mark.parametrize("quoted, grade", [("优秀", "优"), ("优", "优秀"), ("良好", "良"), ("合格", "中"), ("不合格", "差"),
                                           ("良", "良")])
def test_a_grade_quoted_by_another_name_is_the_same_grade(quoted, grade):
    assert check(f"评价等次为“{quoted}”。", "97", grade) == []


def test_a_different_grade_is_an_error():
    [p] = check("评价等级为良好。", "97", "优")
    assert p.cell == "B5" and p.message.startswith("文字中写的评价等级为“良好”，而报告的评价等次为“优”")


def test_an_open_grade_is_not_checked():
    assert check("评价等次为良。", "97", "—") == []
    assert check("评价等次为良。", "97", "") == []


def test_a_whole_number_entered_score_quoted_without_decimals_passes_load(workbook):
    data = builders.department()
    data["单位信息"][0].update({"综合得分": D("97.00"), "评价等次": "优"})
    for row in data["文字"]:
        if row["部分"] == "评价目的":
            row["内容"] = "经自评，本单位综合得分为97分，评价等次为优秀。"
    loaded = load(workbook(data), Options(keep_entered_scores=True))
    assert loaded.scores.total == D("97.00")
    assert [p for p in loaded.errors if p.sheet == "文字"] == []
    data["文字"][4]["内容"] = "经自评，本单位综合得分为96.99分。"
    wrong = load(workbook(data, name="wrong.xlsx"), Options(keep_entered_scores=True))
    [p] = [p for p in wrong.errors if p.sheet == "文字"]
    assert p.message.startswith("文字中写的综合得分为 96.99 分，而报告的得分为 97.00 分")


def figures(content, value, kind="percent", unit=""):
    return narrative_figure_problems([Text(content)], [Quoted(("三公经费变动率",), D(value), kind, unit, "shown")])


@pytest.mark.parametrize("content, value, wrong", [
    ("三公经费变动率为12.3%", "12.34", False),  # typed to 0.1: 12.34 rounds to 12.3
    ("三公经费变动率为12.30%", "12.34", True),  # typed to the hundredth: 12.30 is not 12.34
    ("三公经费变动率为12%", "12.34", False),
    ("三公经费变动率为12.35%", "12.345", False),  # half-up at the typed precision
    ("三公经费变动率为12.34%", "12.345", True),
    ("三公经费变动率为-12.30%", "-12.3", False),  # the engine's 12.3 is as precise as it gets
])
def test_a_figure_is_compared_at_the_precision_it_was_typed_with(content, value, wrong):
    assert bool(figures(content, value)) == wrong


def test_a_full_width_percent_sign_is_a_percentage_and_the_message_gives_ours():
    [p] = narrative_figure_problems([Text("三公经费变动率为12.30％。")], [Quoted(("三公经费变动率",), D("12.34"), "percent")])
    assert p.message == ("文字中写的“三公经费变动率为12.30％”与计算结果不一致：三公经费变动率应为12.34%；"
                         "请改正文字（报告中的表格和指标句按计算结果写出）")
    assert narrative_figure_problems([Text("三公经费变动率为12.30万元")], [Quoted(("三公经费变动率",), D("12.34"), "percent")]) == []
