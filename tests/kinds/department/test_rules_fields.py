"""Scores a rules file and a 绩效指标 row give, at the edges the other rule/scoring tests leave open
(issue 15, survivors of generator/kinds/common/scoring.py score_quantitative): a ≤ target met
exactly at zero or below it, and a completed value written as −0."""
from decimal import Decimal as D

import builders
import pytest
from generator import load
from generator.kinds.common.scoring import score_quantitative


# ------------------------------------------------------------------ ≤ met exactly

@pytest.mark.parametrize("target, actual", [
    ("0", "0"),     # 安全事故 ≤ 0 起, 0 起: met exactly, full points
    ("-5", "-5"),   # 三公经费压减 ≤ −5%, −5%: met exactly
    ("-5", "-6"),   # −6 ≤ −5: met, better than the ceiling
])
def test_a_ceiling_met_at_or_below_zero_earns_full_points(target, actual):
    assert str(score_quantitative("≤", D(target), D(actual), D("10"))) == "10.00"


@pytest.mark.parametrize("nature", ["≤", "<=", "反向"])
def test_a_zero_ceiling_reached_exactly_is_met_by_every_spelling(nature):
    assert score_quantitative(nature, D("0"), D("0"), D("7.5")) == D("7.50")


def test_a_zero_accident_row_on_the_sheet_gets_the_whole_sheet_weight(workbook):
    # the only 绩效指标 row, ≤ 0 起 and 0 起 done: met, so its 10 points are all earned, and the
    # hunan sheet weight (100 − 4 × 5 = 80) goes to it whole; the four rules give 5 + 5 + 0 + 0
    row = {"类型": "定量", "一级指标": "产出目标", "二级指标": "质量指标", "指标名称": "安全事故", "绩效目标": "≤0起",
           "完成情况": "0起", "指标性质": "≤", "指标值": D("0"), "完成值": D("0"), "度量单位": "起", "分值": D("10")}
    result = load(workbook(builders.department(**{**builders.SEED_002, "绩效指标": [row]})))
    sheet = result.scores.sheet
    [mine] = [r for r in sheet.rows if r.indicator == "绩效指标：产出目标/质量指标/安全事故"]
    assert (mine.points, mine.score, mine.computed) == (D("80.00"), D("80.00"), D("10.00"))
    assert mine.basis == "达到指标值，得满分；分值合计10，按权重80折算"
    assert (sheet.total, sheet.grade) == (D("90.00"), "优")


# ------------------------------------------------------------------ −0 is nothing, not "−0.00"

@pytest.mark.parametrize("nature, target, actual", [
    ("≥", "5", "-0"),   # a project's 实际完成值 is text: "-0" is read as −0; ≥ 5 not met, nothing earned
    ("≤", "-0", "3"),   # ceiling written "-0", 3 done: not met, nothing earned
])
def test_minus_zero_earns_plain_zero_points(nature, target, actual):
    # load().scores hands these Decimals to a program; 0 points are 0.00, never −0.00
    assert str(score_quantitative(nature, D(target), D(actual), D("10"))) == "0.00"
