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


# Figures quoted by name. builders.BASE: 三公经费变动率 (3.00 − 4.00) / 4.00 = −25.00%; 收入合计 300.00 万元;
# 基本支出 190.00 万元; 预算控制率 10 / (300 − 20 − 10) = 3.70% → 4 points under the Hunan rules.

def _figure_errors(workbook, sentence):
    loaded = _with_text(workbook, sentence, section="经济性")
    return [p for p in loaded.errors if p.sheet == "文字"], loaded


def test_a_quoted_rate_that_differs_names_the_cell_and_both_values(workbook):
    [p], loaded = _figure_errors(workbook, "三公经费变动率为45.10%，控制较好。")
    row = next(t for t in loaded.data.文字 if t.部分 == "经济性")
    assert p.place == row.cell("内容")
    assert "三公经费变动率为45.10%" in p.message and "应为-25.00%" in p.message


def test_quoted_figures_compare_as_numbers_at_the_precision_shown(workbook):
    for sentence in ("“三公”经费变动率为-25%。", "三公经费变动率为-25.00%。", "全年收入300万元，其中基本支出190.00万元。",
                     "部门决算收入为3,000,000.00元。", "预算控制率为3.7%，该项得4分。", "预算控制率得4分。"):
        errors, _ = _figure_errors(workbook, sentence)
        assert errors == [], (sentence, errors)


def test_amounts_in_another_unit_are_converted_before_comparing(workbook):
    [p], _ = _figure_errors(workbook, "本年基本支出1,850,000.00元。")  # 185.00 万元, the table says 190.00
    assert "基本支出应为190.00万元" in p.message


def test_a_quoted_indicator_score_is_checked(workbook):
    [p], _ = _figure_errors(workbook, "预算控制率得分为3分。")
    assert "预算控制率得分应为4.00分" in p.message


def test_qualified_names_and_unnamed_figures_are_not_guessed_at(workbook):
    for sentence in ("一般公共预算基本支出为150.00万元。", "销售收入12万元。", "该项指标得分为2分。", "项目资金实际支出60万元。"):
        errors, _ = _figure_errors(workbook, sentence)
        assert errors == [], sentence
