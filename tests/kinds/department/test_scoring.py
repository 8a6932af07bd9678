"""Scores and grades: project scoring (财预〔2020〕10号), rules files, department scoring, entered scores."""
from decimal import Decimal as D

import builders
import pytest
from generator import load
from generator.errors import Severity, UsageError
from generator.kinds.department.rules import load_rules
from generator.kinds.department.score_table import render_score_table
from generator.kinds.common.scoring import grade_of, score_execution, score_qualitative, score_quantitative
from generator.kinds.department.scoring import apply_rule, entered_score_problems, score_department

# 绩效指标 rows with 分值 summing to 80, worked by hand:
#   指标1 ≥ 95, done 98.17 → 30;  指标2 ≥ 86.8, done 83.74 → 83.74/86.8 × 20 = 19.29;
#   满意度 kept as entered → 9;   指标3 ≤ 5, done 8 → 5/8 × 20 = 12.50;  sum 70.79.
PERFORMANCE = [
    {"类型": "定性", "指标名称": "总体目标", "绩效目标": "扩大开放", "完成情况": "全面完成"},
    {"类型": "定量", "一级指标": "产出目标", "二级指标": "数量指标", "指标名称": "指标1", "绩效目标": "95亿元",
     "完成情况": "98.17亿元", "指标性质": "≥", "指标值": D("95"), "完成值": D("98.17"), "度量单位": "亿元",
     "分值": D("30")},
    {"类型": "定量", "一级指标": "产出目标", "二级指标": "数量指标", "指标名称": "指标2", "绩效目标": "86.8亿元",
     "完成情况": "83.74亿元", "指标性质": "≥", "指标值": D("86.8"), "完成值": D("83.74"), "度量单位": "亿元",
     "分值": D("20")},
    {"类型": "定量", "一级指标": "满意度", "二级指标": "服务对象满意度", "指标名称": "指标1", "绩效目标": "≥95%",
     "完成情况": "96%", "分值": D("10"), "得分": D("9")},
    {"类型": "定量", "一级指标": "产出目标", "二级指标": "时效指标", "指标名称": "指标3", "绩效目标": "≤5天",
     "完成情况": "8天", "指标性质": "≤", "指标值": D("5"), "完成值": D("8"), "度量单位": "天", "分值": D("20")},
]


def loaded(workbook, **sheets):
    result = load(workbook(builders.department(**{**builders.SEED_002, "绩效指标": PERFORMANCE, **sheets})))
    assert result.data is not None
    return result.data


def rules_file(tmp_path, body: str, name="rules.toml"):
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


ONE_RULE = """
name = "测试"
[[rule]]
indicator = "{indicator}"
weight = {weight}
{params}
[performance]
weight = {rest}
"""


def one_rule(tmp_path, indicator="在职人员控制率", weight=10, **params):
    lines = "\n".join(f"{k} = {v}" for k, v in params.items())
    body = ONE_RULE.format(indicator=indicator, weight=weight, rest=100 - weight, params=lines)
    return load_rules(rules_file(tmp_path, body)).rules[0]


# ---------------------------------------------------------------- grades and project scoring
@pytest.mark.parametrize("score, grade", [("59.99", "差"), ("60.00", "中"), ("79.99", "中"), ("80.00", "良"),
                                          ("89.99", "良"), ("90.00", "优"), ("100", "优"), ("0", "差")])
def test_grade_boundaries(score, grade):
    assert grade_of(D(score)) == grade


def test_grade_of_nothing_is_dash():
    assert grade_of(None) == "—"


def test_execution_rate_and_points():
    assert score_execution(D("8175.55"), D("7038.47")) == (D("86.09"), D("8.61"))  # 0.860910…
    rate, score = score_execution(D("100"), D("120"))
    assert (rate, score) == (D("120.00"), D("10.00"))  # capped at 10


def test_execution_zero_budget_has_no_rate_and_says_why():
    result = score_execution(D("0"), D("5"))
    assert (result.rate, result.score) == (None, None)
    assert result.note == "全年预算数为0，无法计算预算执行率"


@pytest.mark.parametrize("nature, target, actual, points, expected", [
    ("≥", "10", "12", "20", "20.00"),   # over target: capped at full points
    ("≥", "10", "8", "20", "16.00"),    # 8/10 × 20
    ("≥", "86.8", "83.74", "20", "19.29"),
    ("≤", "5", "4", "10", "10.00"),
    ("≤", "5", "8", "10", "6.25"),      # 5/8 × 10
    ("＝", "100", "100", "10", "10.00"),
    ("＝", "100", "80", "10", "8.00"),   # 80/100
    ("＝", "100", "125", "10", "8.00"),  # 100/125
    ("≥", "0", "0", "5", "5.00"),       # a zero target met
    ("≤", "0", "3", "5", "0.00"),       # a zero ceiling exceeded
])
def test_quantitative_by_nature(nature, target, actual, points, expected):
    assert score_quantitative(nature, D(target), D(actual), D(points)) == D(expected)


def test_quantitative_unknown_nature_is_refused():
    with pytest.raises(ValueError, match="指标性质"):
        score_quantitative("~", D(1), D(1), D(1))


@pytest.mark.parametrize("band, entered, kept", [
    ("达成", "10", True), ("达成", "8", True), ("达成", "7.9", False),
    ("部分达成", "7.99", True), ("部分达成", "6", True), ("部分达成", "8", False), ("部分达成", "5", False),
    ("未达成", "5.99", True), ("未达成", "0", True), ("未达成", "6", False),
])
def test_qualitative_keeps_score_within_band(band, entered, kept):
    result = score_qualitative(band, D(entered), D(10))
    if kept:
        assert result == (D(entered), None)
    else:
        assert result.score is None and entered in result.problem and band in result.problem


def test_qualitative_without_score_is_a_problem():
    assert score_qualitative("达成", None, D(10)).problem == "达成档应在8.00–10.00分之间评分，未填得分"
    with pytest.raises(ValueError):
        score_qualitative("优秀", D(9), D(10))


# ---------------------------------------------------------------- rules files
def test_shipped_rules_load_and_weigh_100():
    for name in ("hunan", "strict-example"):
        rules = load_rules(name)
        assert sum(r.weight for r in rules.rules) + rules.performance_weight == 100
    hunan = load_rules()
    assert [r.name for r in hunan.rules] == ["在职人员控制率", "三公经费变动率", "预算完成率", "预算控制率"]
    assert hunan.name == "湖南" and hunan.performance_weight == 80


def test_rules_by_path(tmp_path):
    path = rules_file(tmp_path, '[performance]\nweight = 100\n', "all-sheet.toml")
    rules = load_rules(str(path))
    assert rules.rules == () and rules.name == "all-sheet"


def test_unknown_indicator_names_file_and_key(tmp_path):
    path = rules_file(tmp_path, ONE_RULE.format(indicator="在职率", weight=10, rest=90, params='method = "ratio"'))
    with pytest.raises(UsageError) as e:
        load_rules(path)
    assert str(path) in str(e.value) and "rule[1].indicator" in str(e.value) and "在职率" in str(e.value)


def test_weights_must_sum_to_100(tmp_path):
    body = ONE_RULE.format(indicator="在职人员控制率", weight=10, rest=80, params='method = "ratio"')
    with pytest.raises(UsageError, match=r"合计为 90，应为 100"):
        load_rules(rules_file(tmp_path, body))


@pytest.mark.parametrize("params, key", [
    ({"method": '"bands"', "bands": "[{ upto = 10, points = 4 }, { upto = 5, points = 5 }]"}, "rule[1].bands[2].upto"),
    ({"method": '"bands"', "bands": "[{ upto = 10, points = 40 }]"}, "rule[1].bands[1].points"),
    ({"method": '"bands"', "bands": "[{ upto = 10 }]"}, "rule[1].bands[1].points"),
    ({"method": '"bands"', "bands": "[]"}, "rule[1].bands"),
    ({"method": '"over"', "limit": 100, "dedcut": 1}, "dedcut"),
    ({"method": '"over"', "limit": 100}, "rule[1].deduct"),
    ({"method": '"over"', "limit": 100, "deduct": 1, "step": 0}, "rule[1].step"),
    ({"method": '"over"', "limit": 100, "deduct": 1, "steps": '"half"'}, "rule[1].steps"),
    ({"method": '"guess"'}, "rule[1].method"),
    ({"method": '"ratio"', "target": '"100%"'}, "rule[1].target"),
])
def test_malformed_rules_name_the_key(tmp_path, params, key):
    with pytest.raises(UsageError) as e:
        one_rule(tmp_path, **params)
    assert key in str(e.value) and "rules.toml" in str(e.value)


def test_duplicate_rule_and_bad_toml(tmp_path):
    twice = '[[rule]]\nindicator = "在职人员控制率"\nweight = 5\nmethod = "ratio"\n' * 2
    with pytest.raises(UsageError, match=r"rule\[2\]\.indicator.*重复"):
        load_rules(rules_file(tmp_path, twice + "[performance]\nweight = 90\n"))
    with pytest.raises(UsageError, match="不是有效的 TOML"):
        load_rules(rules_file(tmp_path, "name = \n"))


def test_unknown_rules_name_lists_the_shipped_ones():
    with pytest.raises(UsageError) as e:
        load_rules("guangdong")
    assert "guangdong" in str(e.value) and "hunan" in str(e.value) and "strict-example" in str(e.value)


# ---------------------------------------------------------------- rule methods
@pytest.mark.parametrize("value, score", [("100", "5.00"), ("90", "5.00"), ("102.5", "3.75"), ("110", "0.00"),
                                          ("130", "0.00")])
def test_over_limit_deducts_per_point(tmp_path, value, score):
    rule = one_rule(tmp_path, method='"over"', limit=100, step=1, deduct=0.5, weight=5)
    assert apply_rule(rule, D(value))[0] == D(score)


def test_over_zero_for_sangong_change(tmp_path):
    rule = one_rule(tmp_path, "三公经费变动率", method='"over"', limit=0, deduct=0.5, weight=5)
    assert apply_rule(rule, D("-16.67"))[0] == D("5.00")  # a fall is full marks
    score, basis = apply_rule(rule, D("3"))
    assert score == D("3.50") and "扣1.50分" in basis


@pytest.mark.parametrize("steps, score", [("proportional", "3.80"), ("whole", "5.00"), ("started", "3.00")])
def test_under_limit_step_counting(tmp_path, steps, score):
    # 预算完成率 97%: 3 points short of 100, 2 off per 5
    rule = one_rule(tmp_path, "预算完成率", method='"under"', limit=100, step=5, deduct=2, steps=f'"{steps}"',
                    weight=5)
    assert apply_rule(rule, D("97"))[0] == D(score)


@pytest.mark.parametrize("value, score", [("-3", "5.00"), ("0", "5.00"), ("0.01", "4.00"), ("10", "4.00"),
                                          ("10.01", "3.00"), ("20", "3.00"), ("30", "2.00"), ("30.01", "0.00"),
                                          ("41.77", "0.00")])
def test_budget_control_bands(value, score):
    rule = next(r for r in load_rules("hunan").rules if r.name == "预算控制率")
    assert apply_rule(rule, D(value))[0] == D(score)


def test_ratio_is_capped(tmp_path):
    rule = one_rule(tmp_path, "政府采购执行率", method='"ratio"', weight=5)
    assert apply_rule(rule, D("75"))[0] == D("3.75")
    assert apply_rule(rule, D("105.7"))[0] == D("5.00")


# ---------------------------------------------------------------- department scoring
def test_hunan_total_worked_by_hand(workbook):
    sheet = score_department(loaded(workbook), load_rules("hunan"))
    by_name = {r.indicator: r for r in sheet.rows}
    # 在职 100% → 5; 三公 −16.67% → 5; 预算完成率 82.39% (17.61 short, 7.04 off, capped) → 0; 预算控制率 41.77% → 0
    assert [by_name[n].score for n in ("在职人员控制率", "三公经费变动率", "预算完成率", "预算控制率")] == \
        [D("5.00"), D("5.00"), D("0.00"), D("0.00")]
    assert by_name["绩效指标：产出目标/数量指标/指标2"].score == D("19.29")
    assert by_name["绩效指标：产出目标/时效指标/指标3"].score == D("12.50")
    assert by_name["绩效指标：定性目标/总体目标"].points == 0  # no 分值: commentary
    assert sheet.total == D("80.79") and sheet.grade == "良" and sheet.complete


def test_second_rules_file_changes_the_total(workbook):
    data = loaded(workbook)
    strict = score_department(data, load_rules("strict-example"))
    # rules: 4 + 6 + 0 + 0 + 公用经费 107.86% (6 − 3.93 = 2.07) + 采购 75% (3.75) + 资产 11.44% (0.57) = 16.39
    # sheet at 60/80: 22.50 + 14.47 + 6.75 + 9.38 = 53.10
    assert strict.total == D("69.49") and strict.grade == "中"
    assert strict.total != score_department(data, load_rules("hunan")).total


def test_sheet_weight_is_shared_by_points(workbook):
    sheet = score_department(loaded(workbook), load_rules("hunan"))
    performance = [r for r in sheet.rows if r.indicator.startswith("绩效指标")]
    assert sum(r.points for r in performance) == 80
    assert sum(r.points for r in sheet.rows) == 100


def test_unscorable_row_leaves_grade_open(workbook):
    rows = [dict(r) for r in PERFORMANCE]
    del rows[3]["得分"]
    data = loaded(workbook, 绩效指标=rows)
    sheet = score_department(data, load_rules("hunan"))
    assert not sheet.complete and sheet.grade == "—"
    assert [r.basis for r in sheet.unscored] == ["未填得分，无法计分"]
    assert sheet.total == D("71.79")  # 80.79 without the 9
    assert all("综合得分" not in p.message for p in entered_score_problems(data, sheet))


def test_missing_control_row_is_unscored_not_an_error(workbook):
    sheet = score_department(loaded(workbook, 经费控制=[]), load_rules("hunan"))
    row = next(r for r in sheet.rows if r.indicator == "三公经费变动率")
    assert row.score is None and "经费控制表缺少“三公经费”行" in row.basis


def test_without_any_points_the_weight_is_shared_equally(workbook):
    rows = [{k: v for k, v in r.items() if k not in ("分值", "得分")} for r in PERFORMANCE]
    sheet = score_department(loaded(workbook, 绩效指标=rows), load_rules("hunan"))
    performance = [r for r in sheet.rows if r.indicator.startswith("绩效指标")]
    assert {r.points for r in performance} == {D("16.00")}  # 80 / 5 rows
    assert performance[1].score == D("16.00")  # 指标1 met
    assert performance[4].score == D("10.00")  # 指标3: 5/8 × 16
    assert performance[0].score is None  # 定性: no scale for an entered score


def test_entered_scores_that_differ_are_warnings_with_cells(workbook):
    rows = [dict(r) for r in PERFORMANCE]
    rows[2]["得分"] = D("20")  # computed 19.29
    unit = dict(builders.SEED_002["单位信息"][0], 综合得分=D("91.73"), 评价等次="优秀")
    data = loaded(workbook, 绩效指标=rows, 单位信息=[unit])
    sheet = score_department(data, load_rules("hunan"))
    problems = entered_score_problems(data, sheet)
    assert all(p.severity is Severity.WARNING for p in problems)
    places = {p.place: p.message for p in problems}
    row_cell = data.绩效指标[2].cell("得分")
    assert "20.00" in places[row_cell] and "19.29" in places[row_cell]
    total_cell = data.单位.cell("综合得分")
    assert total_cell.startswith("单位信息!") and "91.73" in places[total_cell] and "80.79" in places[total_cell]
    assert "良" in places[data.单位.cell("评价等次")]
    assert len(problems) == 3


def test_matching_entered_scores_give_no_warning(workbook):
    rows = [dict(r) for r in PERFORMANCE]
    rows[2]["得分"] = D("19.29")
    unit = dict(builders.SEED_002["单位信息"][0], 综合得分=D("80.79"), 评价等次="良好")
    data = loaded(workbook, 绩效指标=rows, 单位信息=[unit])
    assert entered_score_problems(data, score_department(data, load_rules("hunan"))) == []


def test_entered_score_above_its_points_is_reported(workbook):
    rows = [dict(r) for r in PERFORMANCE]
    rows[3]["得分"] = D("12")  # of 10
    data = loaded(workbook, 绩效指标=rows)
    sheet = score_department(data, load_rules("hunan"))
    problems = entered_score_problems(data, sheet)
    assert [p.place for p in problems] == [data.绩效指标[3].cell("得分")]
    assert "超出0–10.00分" in problems[0].message


def test_render_shows_working_total_and_grade(workbook):
    text = render_score_table(score_department(loaded(workbook), load_rules("hunan")), width=400)
    for header in ("指标", "公式", "数据", "值", "分值", "得分"):
        assert header in text
    assert "实有人数 76人 / 编制数 76人" in text and "100.00%" in text
    assert "综合得分：80.79" in text and "评价等次：良" in text
