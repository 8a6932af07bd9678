"""The scoring both kinds share (domain.md §4), figures worked by hand."""
from decimal import Decimal as D

import pytest
from generator.kinds.common.scoring import grade_of, score_execution, score_qualitative, score_quantitative


@pytest.mark.parametrize("score, grade", [(D("100"), "优"), (D("90"), "优"), (D("89.99"), "良"), (D("80"), "良"),
                                          (D("79.99"), "中"), (D("60"), "中"), (D("59.99"), "差"), (D("0"), "差"),
                                          (D("-1"), "差"), (None, "—")])
def test_grade_bands(score, grade):
    assert grade_of(score) == grade


@pytest.mark.parametrize("budget, spent, rate, points", [
    ("200.00", "196.50", "98.25", "9.83"),  # 9.825 → 9.83
    ("2000", "1913", "95.65", "9.57"),  # 9.565 → 9.57 (half-even would give 9.56)
    ("8", "7.65", "95.63", "9.56"),  # 95.625 % → 95.63 %
    ("100", "120", "120.00", "10.00"),  # over budget: capped at the points
    ("100", "0", "0.00", "0.00"),
    ("100", "-5", "-5.00", "0.00"),  # a refund larger than spending: never below 0
])
def test_budget_execution_rate_and_points(budget, spent, rate, points):
    e = score_execution(D(budget), D(spent))
    assert (e.rate, e.score) == (D(rate), D(points))
    assert e.note == ""


def test_execution_points_follow_the_weight():
    assert score_execution(D("200"), D("150"), D("20")).score == D("15.00")


def test_zero_budget_has_no_rate_and_says_why():
    e = score_execution(D("0"), D("10"))
    assert (e.rate, e.score) == (None, None)
    assert e.note == "全年预算数为0，无法计算预算执行率"


@pytest.mark.parametrize("nature, target, actual, points, score", [
    ("≥", "10", "12", "20", "20.00"),  # met
    ("≥", "10", "10", "20", "20.00"),  # met exactly
    ("≥", "6", "5", "25", "20.83"),  # 5/6 × 25 = 20.833…
    ("正向", "6", "5", "25", "20.83"),
    (">=", "8", "1", "10", "1.25"),
    ("≤", "50", "48", "10", "10.00"),
    ("≤", "50", "50", "10", "10.00"),
    ("≤", "50", "60", "10", "8.33"),  # 50/60 × 10
    ("反向", "50", "80", "8", "5.00"),
    ("<=", "3", "4", "10", "7.50"),
    ("＝", "100", "100", "15", "15.00"),
    ("=", "100", "98", "15", "14.70"),  # 98/100 × 15
    ("＝", "98", "100", "15", "14.70"),  # the smaller over the larger, either way
    ("＝", "-4", "2", "10", "5.00"),  # sizes compared: 2/4
    ("≥", "10", "0", "20", "0.00"),
    ("≥", "10", "-2", "20", "0.00"),  # a negative result earns nothing, not negative points
    ("≤", "0", "5", "10", "0.00"),  # target 0 not met: no ratio to take
    ("≥", "0.3", "0.1", "10", "3.33"),
    ("≥", "8", "1", "10.005", "1.25"),  # 1.250625 → 1.25
    ("≥", "8", "3", "10.02", "3.76"),  # 3.7575 → 3.76
])
def test_quantitative_points(nature, target, actual, points, score):
    assert score_quantitative(nature, D(target), D(actual), D(points)) == D(score)


def test_quantitative_points_are_given_to_the_cent():
    assert str(score_quantitative("≥", D("10"), D("0"), D("20"))) == "0.00"
    assert str(score_quantitative("≥", D("10"), D("12"), D("20"))) == "20.00"


def test_unknown_nature_is_refused_by_name():
    with pytest.raises(ValueError) as caught:
        score_quantitative("约", D("1"), D("1"), D("10"))
    assert str(caught.value) == "未知的指标性质“约”，应为 ＝、≥ 或 ≤"


@pytest.mark.parametrize("band, entered, points", [
    ("达成", "15", "15"), ("达成", "12", "15"), ("达成", "14.5", "15"),
    ("部分达成", "9", "15"), ("部分达成", "11.99", "15"),
    ("未达成", "0", "15"), ("未达成", "8.99", "15"),
])
def test_qualitative_score_inside_its_band_is_kept(band, entered, points):
    q = score_qualitative(band, D(entered), D(points))
    assert (q.score, q.problem) == (D(entered), None)


@pytest.mark.parametrize("band, entered, message", [
    ("达成", "11.99", "得分11.99不在“达成”档12.00–15.00分之内"),
    ("达成", "15.01", "得分15.01不在“达成”档12.00–15.00分之内"),
    ("部分达成", "12", "得分12.00不在“部分达成”档9.00–12.00分（不含12.00）之内"),
    ("部分达成", "8.99", "得分8.99不在“部分达成”档9.00–12.00分（不含12.00）之内"),
    ("未达成", "9", "得分9.00不在“未达成”档0.00–9.00分（不含9.00）之内"),
    ("未达成", "-1", "得分-1.00不在“未达成”档0.00–9.00分（不含9.00）之内"),
])
def test_qualitative_score_outside_its_band_is_not_kept_and_says_why(band, entered, message):
    q = score_qualitative(band, D(entered), D("15"))
    assert (q.score, q.problem) == (None, message)


def test_qualitative_band_edges_are_rounded_to_the_cent():
    # 80 % of 7.5 = 6.00; 60 % of 7.55 = 4.53 (4.530): the edges as printed are the edges used
    assert score_qualitative("达成", D("6"), D("7.5")).score == D("6")
    assert score_qualitative("部分达成", D("4.53"), D("7.55")).score == D("4.53")
    assert score_qualitative("部分达成", D("4.52"), D("7.55")).problem == "得分4.52不在“部分达成”档4.53–6.04分（不含6.04）之内"


def test_qualitative_without_a_score_says_which_range_to_use():
    assert score_qualitative("达成", None, D("10")) == (None, "达成档应在8.00–10.00分之间评分，未填得分")
    assert score_qualitative("未达成", None, D("10")) == (None, "未达成档应在0.00–6.00分（不含6.00）之间评分，未填得分")


def test_unknown_band_is_refused_by_name():
    with pytest.raises(ValueError) as caught:
        score_qualitative("基本达成", D("8"), D("10"))
    assert str(caught.value) == "未知的定性评价档次“基本达成”，应为 达成、部分达成 或 未达成"
