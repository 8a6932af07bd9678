"""The 绩效指标 sheet's rows in the department score table: points, score and working, by hand."""
from decimal import Decimal as D

import builders
from generator import load
from generator.kinds.department.rules import load_rules
from generator.kinds.department.scoring import score_department


def quantitative(name, nature, target, actual, unit, points, score=None):
    return {"类型": "定量", "一级指标": "产出目标", "二级指标": "数量指标", "指标名称": name, "绩效目标": "目标",
            "完成情况": "完成", "指标性质": nature, "指标值": D(target) if target else None,
            "完成值": D(actual) if actual else None, "度量单位": unit, "分值": D(points) if points else None,
            "得分": D(score) if score is not None else None}


def rows_of(workbook, indicator_rows):
    data = load(workbook(builders.department(绩效指标=indicator_rows))).data
    return [r for r in score_department(data, load_rules("hunan")).rows if r.indicator.startswith("绩效指标")]


def test_points_adding_up_to_the_weight_are_used_as_they_are(workbook):
    # 20 + 20 + 10 + 15 + 15 = 80, the 绩效指标 weight of hunan.toml: no scaling
    rows = rows_of(workbook, [
        quantitative("招商", "≥", "10", "12", "亿元", "20"),
        quantitative("合格率", None, None, None, None, "20", "19.5"),
        quantitative("满意度", "≥", "83.73999999999999", "96", "%", "10"),
        quantitative("单价", "≤", "50", "60", "万元", "15"),
        quantitative("验收", "＝", "100", "98", "%", "15"),
    ])
    got = [(r.indicator, r.formula, r.figures, r.value, r.points, r.score, r.basis) for r in rows]
    assert got == [
        ("绩效指标：产出目标/数量指标/招商", "完成值 / 指标值 × 分值", "指标值≥10亿元，完成值12亿元", "12亿元", D("20"),
         D("20.00"), "达到指标值，得满分"),
        ("绩效指标：产出目标/数量指标/合格率", "评价组评分", "", "—", D("20"), D("19.50"), "采用评价组评分"),
        ("绩效指标：产出目标/数量指标/满意度", "完成值 / 指标值 × 分值", "指标值≥83.74%，完成值96%", "96%", D("10"),
         D("10.00"), "达到指标值，得满分"),
        ("绩效指标：产出目标/数量指标/单价", "指标值 / 完成值 × 分值", "指标值≤50万元，完成值60万元", "60万元", D("15"),
         D("12.50"), "未达到指标值，50/60 × 15.00 = 12.50"),
        ("绩效指标：产出目标/数量指标/验收", "较小值 / 较大值 × 分值", "指标值＝100%，完成值98%", "98%", D("15"),
         D("14.70"), "未达到指标值，较小值/较大值 × 15.00 = 14.70"),
    ]
    assert [r.computed for r in rows] == [D("20.00"), D("19.50"), D("10.00"), D("12.50"), D("14.70")]
    assert [r.entered for r in rows] == [None, D("19.5"), None, None, None]


def test_points_adding_up_to_something_else_are_scaled_to_the_weight_and_say_so(workbook):
    rows = rows_of(workbook, [quantitative("招商", "≥", "6", "5", "个", "30"), quantitative("合格率", None, None, None,
                                                                                    None, "20", "20")])
    # 30 + 20 = 50 → × 80/50 = 1.6; 招商 5/6 × 30 = 25.00 → 40.00; 合格率 20 → 32.00
    assert [(r.points, r.score) for r in rows] == [(D("48.00"), D("40.00")), (D("32.00"), D("32.00"))]
    assert rows[0].basis == "未达到指标值，5/6 × 30.00 = 25.00；分值合计50，按权重80折算"
    assert rows[1].basis == "采用评价组评分；分值合计50，按权重80折算"


def test_a_row_without_points_beside_rows_with_points_is_commentary(workbook):
    qualitative = {"类型": "定性", "指标名称": "总体目标", "绩效目标": "扩大开放", "完成情况": "全面完成"}
    rows = rows_of(workbook, [qualitative, quantitative("招商", "≥", "10", "12", "亿元", "80")])
    assert (rows[0].indicator, rows[0].points, rows[0].score, rows[0].basis) == (
        "绩效指标：定性目标/总体目标", D("0"), D("0"), "未设分值，不计分")
    assert rows[1].score == D("80.00")


def test_an_entered_score_that_cannot_be_used_says_why(workbook):
    rows = rows_of(workbook, [quantitative("合格率", None, None, None, None, "40"),
                              quantitative("满意度", None, None, None, None, "40", "41")])
    assert [(r.score, r.basis) for r in rows] == [(None, "未填得分，无法计分"), (None, "得分41.00超出0–40.00分")]
