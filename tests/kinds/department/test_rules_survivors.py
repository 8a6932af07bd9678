"""Guards what a department rules file may hold, key by key (issue 15, mutation survivors of
generator/kinds/department/rules.py): each value read back exactly, each default, each bound and the
exact UsageError text of each fault (file, key path, message)."""
from decimal import Decimal as D

import pytest
from generator.errors import UsageError
from generator.kinds.common.rules_file import RULES_DIR
from generator.kinds.department.rules import Rule, load_rules

from test_rules_files import PERF, rule, write  # noqa: E402  (the same hand-written files as there)

OVER_KEYS = "basis、both_zero、deduct、denominator_zero、indicator、limit、method、step、steps、weight"


def fault(path) -> str:
    with pytest.raises(UsageError) as caught:
        load_rules(str(path))
    return str(caught.value)


def one(path) -> Rule:
    [r] = load_rules(str(path)).rules
    return r


# ------------------------------------------------------------------ what is read back

def test_an_over_rule_is_read_back_whole(tmp_path):
    path = rule(tmp_path, method='"over"', limit=-1000000, deduct=3, basis='"依据"', both_zero='"full"',
                denominator_zero='"none"')
    assert one(path) == Rule("staff_control", "在职人员控制率", D(10), "over",
                             {"limit": D(-1000000), "steps": "proportional", "step": D(1), "deduct": D(3)},
                             "依据", "full", "none")


@pytest.mark.parametrize("steps", ["proportional", "whole", "started"])
def test_every_steps_choice_is_read(tmp_path, steps):
    r = one(rule(tmp_path, method='"under"', limit=95, step=5, deduct=2, steps=f'"{steps}"'))
    assert r.params == {"limit": D(95), "steps": steps, "step": D(5), "deduct": D(2)}
    assert (r.method, r.both_zero, r.denominator_zero, r.basis) == ("under", "error", "error", "")


def test_zero_rules_are_read_each_on_its_own(tmp_path):
    r = one(rule(tmp_path, method='"ratio"', denominator_zero='"full"'))
    assert (r.both_zero, r.denominator_zero) == ("error", "full")
    r = one(rule(tmp_path, method='"ratio"', both_zero='"none"', denominator_zero='"error"'))
    assert (r.both_zero, r.denominator_zero) == ("none", "error")


def test_a_ratio_rule_reads_its_target(tmp_path):
    assert one(rule(tmp_path, method='"ratio"', target=90)) == Rule(
        "staff_control", "在职人员控制率", D(10), "ratio", {"target": D(90)})
    assert one(rule(tmp_path, method='"ratio"')).params == {"target": D(100)}


def test_a_bands_rule_reads_every_band_and_otherwise(tmp_path):
    r = one(rule(tmp_path, method='"bands"', otherwise="2.5",
                 bands="[{ upto = 0, points = 10 }, { upto = 5, points = 9 }, { upto = 20, points = 0 }]"))
    assert r == Rule("staff_control", "在职人员控制率", D(10), "bands",
                     {"bands": [(D(0), D(10)), (D(5), D(9)), (D(20), D(0))], "otherwise": D("2.5")})


def test_a_band_threshold_may_be_below_an_earlier_bands_points(tmp_path):
    # the thresholds are compared with each other, not with the points
    r = one(rule(tmp_path, method='"bands"', bands="[{ upto = 0, points = 8 }, { upto = 3, points = 6 }]"))
    assert r.params["bands"] == [(D(0), D(8)), (D(3), D(6))]


def test_weight_of_exactly_100_is_allowed(tmp_path):
    body = '[[rule]]\nindicator = "在职人员控制率"\nweight = 100\nmethod = "ratio"\n[performance]\nweight = 0\n'
    rules = load_rules(str(write(tmp_path, body)))
    assert rules.rules[0].weight == D(100) and rules.performance_weight == D(0)


def test_performance_weight_of_exactly_100_is_allowed(tmp_path):
    rules = load_rules(str(write(tmp_path, "[performance]\nweight = 100\n")))
    assert (rules.rules, rules.performance_weight) == ((), D(100))


def test_weights_of_rules_and_performance_add_up(tmp_path):
    one_rule = '[[rule]]\nindicator = "{}"\nweight = {}\nmethod = "ratio"\n'
    body = one_rule.format("在职人员控制率", 30) + one_rule.format("公用经费控制率", 20) + PERF.format(rest=50)
    rules = load_rules(str(write(tmp_path, body)))
    assert [(r.key, r.weight) for r in rules.rules] == [("staff_control", D(30)), ("public_funds", D(20))]
    assert rules.performance_weight == D(50)


def test_name_description_and_kind(tmp_path):
    rules = load_rules(str(write(tmp_path, 'kind = "department"\ndescription = "说明"\n' + PERF.format(rest=100),
                                 name="某县.toml")))
    assert rules.name == "某县"
    assert load_rules(str(write(tmp_path, 'name = ""\n' + PERF.format(rest=100), name="空名.toml"))).name == "空名"


@pytest.mark.parametrize("given", ["", None])
def test_no_name_means_the_hunan_rules(given):
    rules = load_rules(given)
    assert (rules.name, rules.source) == ("湖南", str(RULES_DIR / "hunan.toml"))


# ------------------------------------------------------------------ faults, exactly

@pytest.mark.parametrize("params, says", [
    ({"method": '"bands"', "bands": "[{ upto = 0, points = 5 }, 3]"}, "rule[1].bands[2] 应为 { upto = 上限, points = 得分 }"),
    ({"method": '"bands"', "bands": "[{ upto = 0, points = 5 }, { upto = 10, points = 4 }, { upto = 5, points = 3 }]"},
     "rule[1].bands[3].upto 5 应大于上一档的 10（各档按上限递增排列）"),
    ({"method": '"bands"', "bands": "[{ upto = 0, points = 5 }, { upto = -1, points = 4 }]"},
     "rule[1].bands[2].upto -1 应大于上一档的 0（各档按上限递增排列）"),
    ({"method": '"bands"', "bands": "[{ upto = 0 }]"}, "rule[1].bands[1].points 缺失"),
    ({"method": '"bands"', "bands": "[{ upto = 0, points = -1 }]"}, "rule[1].bands[1].points 应为非负数，实际为 -1"),
    ({"method": '"bands"', "bands": "[{ upto = -1000001, points = 1 }]"},
     "rule[1].bands[1].upto 应在 -1000000 到 1000000 之间，实际为 -1000001"),
    ({"method": '"bands"', "bands": "[{ upto = 0, points = 10.01 }]"}, "rule[1].bands[1].points 10.01 超过该指标权重 10"),
    ({"method": '"bands"', "bands": "[{ upto = 0, points = 1, UPTO = 2 }]"}, "rule[1].bands[1] 有未知的键 UPTO；可用：points、upto"),
    ({"method": '"bands"'}, "rule[1].bands 应为非空数组，如 [{ upto = 0, points = 5 }, { upto = 10, points = 4 }]"),
    ({"method": '"bands"', "bands": "[{ upto = 0, points = 1 }]", "otherwise": "10.01"},
     "rule[1].otherwise 10.01 超过该指标权重 10"),
    ({"method": '"bands"', "bands": "[{ upto = 0, points = 1 }]", "otherwise": -1}, "rule[1].otherwise 应为非负数，实际为 -1"),
    ({"method": '"bands"', "bands": "[{ upto = 0, points = 1 }]", "target": 1},
     "rule[1] 有未知的键 target；可用：bands、basis、both_zero、denominator_zero、indicator、method、otherwise、weight"),
    ({"method": '"ratio"', "target": -1}, "rule[1].target 应为正数，实际为 -1"),
    ({"method": '"ratio"', "target": '"90"'}, "rule[1].target 应为数字，实际为“90”"),
    ({"method": '"over"', "deduct": 1}, "rule[1].limit 缺失"),
    ({"method": '"over"', "limit": -1000001, "deduct": 1}, "rule[1].limit 应在 -1000000 到 1000000 之间，实际为 -1000001"),
    ({"method": '"over"', "limit": 0, "deduct": 1, "step": -1}, "rule[1].step 应为正数，实际为 -1"),
    ({"method": '"over"', "limit": 0, "deduct": 1, "step": '"1"'}, "rule[1].step 应为数字，实际为“1”"),
    ({"method": '"over"', "limit": 0, "deduct": '"1"'}, "rule[1].deduct 应为数字，实际为“1”"),
    ({"method": '"under"', "limit": 0, "deduct": 1, "steps": "1"}, "rule[1].steps 应为文字（加引号），实际为“1”"),
    ({"method": '"under"', "limit": 0, "deduct": 1, "target": 1}, f"rule[1] 有未知的键 target；可用：{OVER_KEYS}"),
    ({"method": '"over"', "limit": 0, "deduct": 1, "otherwise": 1}, f"rule[1] 有未知的键 otherwise；可用：{OVER_KEYS}"),
    ({"method": "5"}, "rule[1].method 为未知计分方法“5”；可用：over、under、bands、ratio"),
    ({}, "rule[1].method 为未知计分方法“None”；可用：over、under、bands、ratio"),
    ({"method": '"ratio"', "both_zero": '"zero"'}, "rule[1].both_zero 为未知取值“zero”；可用：full、none、error"),
    ({"method": '"ratio"', "denominator_zero": '"zero"'}, "rule[1].denominator_zero 为未知取值“zero”；可用：full、none、error"),
    ({"method": '"ratio"', "denominator_zero": "1"}, "rule[1].denominator_zero 应为文字（加引号），实际为“1”"),
    ({"method": '"ratio"', "basis": "1"}, "rule[1].basis 应为文字（加引号），实际为“1”"),
])
def test_faults_in_a_rule_are_named_exactly(tmp_path, params, says):
    path = rule(tmp_path, **params)
    assert fault(path) == f"规则文件 {path}：{says}"


def test_a_weight_over_100_is_named(tmp_path):
    body = '[[rule]]\nindicator = "在职人员控制率"\nweight = 100.5\nmethod = "ratio"\n'
    path = write(tmp_path, body)
    assert fault(path) == f"规则文件 {path}：rule[1].weight 应在 0 到 100 之间，实际为 100.5"
    path = write(tmp_path, '[[rule]]\nindicator = "在职人员控制率"\nmethod = "ratio"\n' + PERF.format(rest=100))
    assert fault(path) == f"规则文件 {path}：rule[1].weight 缺失"


def test_an_indicator_that_is_not_text_is_named(tmp_path):
    from generator.kinds.department.indicators import CATALOGUE
    path = write(tmp_path, '[[rule]]\nindicator = 5\nweight = 100\nmethod = "ratio"\n')
    assert fault(path) == f"规则文件 {path}：rule[1].indicator 为未知指标“5”；可用：{'、'.join(CATALOGUE.values())}"


@pytest.mark.parametrize("value, shown", [("[1]", "数组"), ("{ a = 1 }", "表"), ("true", "True")])
def test_an_indicator_of_another_type_is_named(tmp_path, value, shown):
    from generator.kinds.department.indicators import CATALOGUE
    path = write(tmp_path, f'[[rule]]\nindicator = {value}\nweight = 100\nmethod = "ratio"\n')
    assert fault(path) == f"规则文件 {path}：rule[1].indicator 为未知指标“{shown}”；可用：{'、'.join(CATALOGUE.values())}"


def test_the_second_rule_is_named_by_its_place(tmp_path):
    one_rule = '[[rule]]\nindicator = "{}"\nweight = 5\nmethod = "{}"\n'
    path = write(tmp_path, one_rule.format("在职人员控制率", "ratio") + one_rule.format("公用经费控制率", "x")
                 + PERF.format(rest=90))
    assert fault(path) == f"规则文件 {path}：rule[2].method 为未知计分方法“x”；可用：over、under、bands、ratio"
    path = write(tmp_path, one_rule.format("在职人员控制率", "ratio") + one_rule.format("在职人员控制率", "ratio")
                 + PERF.format(rest=90))
    assert fault(path) == f"规则文件 {path}：rule[2].indicator “在职人员控制率”重复出现"


@pytest.mark.parametrize("body, says", [
    ('kind = "project"\n' + PERF.format(rest=100),
     'kind 为“project”：这不是部门整体支出的评分规则（部门工作簿的规则不写 kind，或写 kind = "department"）'),
    ("kind = 5\n" + PERF.format(rest=100), "顶层.kind 应为文字（加引号），实际为“5”"),
    ("name = 5\n" + PERF.format(rest=100), "顶层.name 应为文字（加引号），实际为“5”"),
    ("description = 5\n" + PERF.format(rest=100), "顶层.description 应为文字（加引号），实际为“5”"),
    ("NAME = 5\n" + PERF.format(rest=100), "顶层 有未知的键 NAME；可用：description、kind、name、performance、rule"),
    ("[performance]\nweight = 101\n", "performance.weight 应在 0 到 100 之间，实际为 101"),
    ("[performance]\nweight = 100.01\n", "performance.weight 应在 0 到 100 之间，实际为 100.01"),
    ("[performance]\nweight = \"100\"\n", "performance.weight 应为数字，实际为“100”"),
    ("[performance]\nWEIGHT = 100\n", "performance 有未知的键 WEIGHT；可用：weight"),
    ("[performance]\nweight = 99\n", "weight 各 [[rule]] 的 weight 与 performance.weight 合计为 99，应为 100"),
    ("name = \"x\"\n", "weight 各 [[rule]] 的 weight 与 performance.weight 合计为 0，应为 100"),
])
def test_faults_in_the_file_are_named_exactly(tmp_path, body, says):
    path = write(tmp_path, body)
    assert fault(path) == f"规则文件 {path}：{says}"


def test_a_missing_file_is_named(tmp_path):
    path = tmp_path / "无.toml"
    assert fault(path) == f"找不到评分规则文件 {path}"
