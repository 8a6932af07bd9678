"""A total score or grade typed into the 文字 sheet must match what the report shows."""
import builders
from generator import load
from generator.errors import Severity


def _with_text(workbook, sentence, section="存在的问题"):
    data = builders.department()
    for row in data["文字"]:
        if row["部分"] == section:
            row["内容"] = sentence
    return load(workbook(data))


def test_quoted_total_that_differs_is_an_error_naming_the_text_cell(workbook):
    clean = load(workbook(builders.department(), name="clean.xlsx"))
    assert clean.scores.total is not None and not clean.errors
    loaded = _with_text(workbook, "经自评，本单位综合得分为12.34分。")
    [p] = [p for p in loaded.errors if p.sheet == "文字"]
    row = next(t for t in loaded.data.文字 if t.部分 == "存在的问题")
    assert p.place == row.cell("内容")
    assert "12.34" in p.message and str(clean.scores.total) in p.message


def test_quoted_total_that_matches_passes(workbook):
    total = load(workbook(builders.department(), name="clean.xlsx")).scores.total
    loaded = _with_text(workbook, f"绩效评价得分{total}分，该项指标得分为2分。")
    assert not loaded.errors


def test_indicator_points_are_not_read_as_the_total(workbook):
    loaded = _with_text(workbook, "主要扣分事项为预算完成率（5分），该项指标得分为2分。")
    assert not loaded.errors


def test_quoted_grade_that_differs_is_an_error(workbook):
    clean = load(workbook(builders.department(), name="clean.xlsx"))
    other = "差" if clean.scores.grade != "差" else "优"
    loaded = _with_text(workbook, f"评价等次为“{other}”。")
    [p] = [p for p in loaded.errors if p.sheet == "文字"]
    assert p.severity is Severity.ERROR and other in p.message and clean.scores.grade in p.message


def test_grade_aliases_match(workbook):
    grade = load(workbook(builders.department(), name="clean.xlsx")).scores.grade
    alias = {"优": "优秀", "良": "良好", "中": "合格", "差": "不合格"}[grade]
    assert not _with_text(workbook, f"评价等次为{alias}。").errors
