"""Rules files as a user writes them by hand: what is read, and every fault named with file and key."""
from decimal import Decimal as D

import pytest
from generator.errors import UsageError
from generator.kinds.department.indicators import CATALOGUE
from generator.kinds.common.rules_file import RULES_DIR, available_rules
from generator.kinds.department.rules import load_rules

PERF = "\n[performance]\nweight = {rest}\n"
EXAMPLE = "应为非空数组，如 [{ upto = 0, points = 5 }, { upto = 10, points = 4 }]"


def write(tmp_path, body, name="本地.toml"):
    path = tmp_path / name
    path.write_text(body, "utf-8")
    return path


def rule(tmp_path, weight=10, **params):
    lines = "\n".join(f"{k} = {v}" for k, v in params.items())
    body = f'[[rule]]\nindicator = "在职人员控制率"\nweight = {weight}\n{lines}\n' + PERF.format(rest=100 - weight)
    return write(tmp_path, body)


def fault(path) -> str:
    with pytest.raises(UsageError) as caught:
        load_rules(str(path))
    message = str(caught.value)
    assert message.startswith(f"规则文件 {path}") or message.startswith("找不到")
    return message


def test_shipped_rules_are_listed_by_name():
    assert available_rules() == ["hunan", "project-2020", "strict-example"]
    assert load_rules("hunan").source == str(RULES_DIR / "hunan.toml")


def test_a_file_by_path_reads_every_field(tmp_path):
    path = rule(tmp_path, weight=10, method='"over"', limit=-5, step="2.5", deduct="0.5", steps='"whole"',
                basis='"每超过2.5个百分点扣0.5分"')
    rules = load_rules(str(path))
    [r] = rules.rules
    assert (rules.name, rules.source, rules.performance_weight) == ("本地", str(path), D(90))
    assert (r.key, r.name, r.weight, r.method, r.basis) == ("staff_control", "在职人员控制率", D(10), "over",
                                                             "每超过2.5个百分点扣0.5分")
    assert r.params == {"limit": D(-5), "steps": "whole", "step": D("2.5"), "deduct": D("0.5")}


def test_defaults_of_a_rule(tmp_path):
    [r] = load_rules(str(rule(tmp_path, method='"under"', limit=100, deduct=2))).rules
    assert r.params == {"limit": D(100), "steps": "proportional", "step": D(1), "deduct": D(2)}
    assert r.basis == ""
    [r] = load_rules(str(rule(tmp_path, method='"ratio"'))).rules
    assert r.params == {"target": D(100)}
    [r] = load_rules(str(rule(tmp_path, method='"bands"', bands="[{ upto = 0, points = 10 }]"))).rules
    assert r.params == {"bands": [(D(0), D(10))], "otherwise": D(0)}


def test_the_name_in_the_file_wins_over_the_file_name(tmp_path):
    path = write(tmp_path, 'name = "某市"\n' + PERF.format(rest=100))
    assert load_rules(str(path)).name == "某市"


def test_a_rule_may_be_found_by_indicator_key(tmp_path):
    body = '[[rule]]\nindicator = "asset_use"\nweight = 5\nmethod = "ratio"\n' + PERF.format(rest=95)
    assert load_rules(str(write(tmp_path, body))).rules[0].name == "固定资产利用率"


def test_missing_files_are_usage_errors(tmp_path):
    assert fault("guangdong") == "找不到评分规则“guangdong”；可用：hunan、project-2020、strict-example，或给出 .toml 文件路径"
    assert fault(tmp_path / "无此文件.toml") == f"找不到评分规则文件 {tmp_path / '无此文件.toml'}"
    assert fault("规则/无此.toml") == "找不到评分规则文件 规则/无此.toml"
    assert fault("无此") == "找不到评分规则“无此”；可用：hunan、project-2020、strict-example，或给出 .toml 文件路径"


def test_not_toml_or_not_utf8(tmp_path):
    path = write(tmp_path, "name = \n")
    assert fault(path).startswith(f"规则文件 {path} 不是有效的 TOML：")
    bad = tmp_path / "gbk.toml"
    bad.write_bytes('name = "湖南"\n'.encode("gbk"))
    assert "不是有效的 TOML" in fault(bad)


@pytest.mark.parametrize("params, where, says", [
    ({"method": '"over"', "limit": 100}, "rule[1].deduct", "缺失"),
    ({"method": '"over"', "limit": '"100%"', "deduct": 1}, "rule[1].limit", "应为数字，实际为“100%”"),
    ({"method": '"over"', "limit": "true", "deduct": 1}, "rule[1].limit", "应为数字，实际为“True”"),
    ({"method": '"over"', "limit": 100, "deduct": -1}, "rule[1].deduct", "应为非负数，实际为 -1"),
    ({"method": '"over"', "limit": 100, "deduct": 1, "step": 0}, "rule[1].step", "应为正数，实际为 0"),
    ({"method": '"over"', "limit": 100, "deduct": 1, "steps": '"half"'}, "rule[1].steps",
     "为未知取值“half”；可用：proportional、whole、started"),
    ({"method": '"ratio"', "target": 0}, "rule[1].target", "应为正数，实际为 0"),
    ({"method": '"ratio"', "limit": 100}, "rule[1]", "有未知的键 limit；可用：basis、both_zero、denominator_zero、indicator、method、target、weight"),
    ({"method": '"guess"'}, "rule[1].method", "为未知计分方法“guess”；可用：over、under、bands、ratio"),
    ({"method": '"bands"', "bands": "[]"}, "rule[1].bands", EXAMPLE),
    ({"method": '"bands"', "bands": '"0-10"'}, "rule[1].bands", EXAMPLE),
    ({"method": '"bands"', "bands": "[{ points = 5 }]"}, "rule[1].bands[1].upto", "缺失"),
    ({"method": '"bands"', "bands": "[5]"}, "rule[1].bands[1]", "应为 { upto = 上限, points = 得分 }"),
    ({"method": '"bands"', "bands": "[{ upto = 0, points = 5, note = 1 }]"}, "rule[1].bands[1]", "有未知的键 note；可用：points、upto"),
    ({"method": '"bands"', "bands": "[{ upto = 10, points = 4 }, { upto = 10, points = 5 }]"}, "rule[1].bands[2].upto",
     "10 应大于上一档的 10（各档按上限递增排列）"),
    ({"method": '"bands"', "bands": "[{ upto = 0, points = 11 }]"}, "rule[1].bands[1].points", "11 超过该指标权重 10"),
    ({"method": '"bands"', "bands": "[{ upto = 0, points = 10 }]", "otherwise": 11}, "rule[1].otherwise",
     "11 超过该指标权重 10"),
])
def test_faults_in_a_rule_name_the_key(tmp_path, params, where, says):
    path = rule(tmp_path, **params)
    assert fault(path) == f"规则文件 {path}：{where} {says}"


def test_a_band_of_full_weight_and_a_negative_threshold_are_allowed(tmp_path):
    [r] = load_rules(str(rule(tmp_path, method='"bands"', bands="[{ upto = -5, points = 10 }, { upto = 0, points = 6 }]",
                              otherwise=10))).rules
    assert r.params == {"bands": [(D(-5), D(10)), (D(0), D(6))], "otherwise": D(10)}


@pytest.mark.parametrize("body, says", [
    ("[[rules]]\nweight = 1\n" + PERF.format(rest=100), "顶层 有未知的键 rules；可用：description、kind、name、performance、rule"),
    ('rule = "x"\n' + PERF.format(rest=100), "rule 应写作 [[rule]] 表数组"),
    ("rule = [1]\n" + PERF.format(rest=100), "rule[1] 应为表"),
    ("performance = 100\n", "performance 应写作 [performance] 表"),
    ("[performance]\nweight = 100\nshare = 1\n", "performance 有未知的键 share；可用：weight"),
    ('[[rule]]\nindicator = "在职率"\nweight = 100\nmethod = "ratio"\n',
     "rule[1].indicator 为未知指标“在职率”；可用：" + "、".join(CATALOGUE.values())),
    ('[[rule]]\nweight = 100\nmethod = "ratio"\n', "rule[1].indicator 为未知指标“None”；可用：" + "、".join(CATALOGUE.values())),
    ('[[rule]]\nindicator = "在职人员控制率"\nweight = 10.5\nmethod = "ratio"\n' + PERF.format(rest="89.4"),
     "weight 各 [[rule]] 的 weight 与 performance.weight 合计为 99.9，应为 100"),
    ('name = "空"\n', "weight 各 [[rule]] 的 weight 与 performance.weight 合计为 0，应为 100"),
    ('[[rule]]\nindicator = "在职人员控制率"\nweight = 0\nmethod = "ratio"\n' + PERF.format(rest=100),
     "rule[1].weight 应为正数，实际为 0"),
    ('[[rule]]\nindicator = "在职人员控制率"\nweight = "5"\nmethod = "ratio"\n' + PERF.format(rest=95),
     "rule[1].weight 应为数字，实际为“5”"),
    ("[performance]\nweight = -1\n", "performance.weight 应为非负数，实际为 -1"),
])
def test_faults_in_the_file_name_the_key(tmp_path, body, says):
    path = write(tmp_path, body)
    assert fault(path) == f"规则文件 {path}：{says}"


def test_weights_adding_up_to_exactly_100_pass(tmp_path):
    body = '[[rule]]\nindicator = "在职人员控制率"\nweight = 10.5\nmethod = "ratio"\n' + PERF.format(rest="89.5")
    assert load_rules(str(write(tmp_path, body))).performance_weight == D("89.5")


def test_a_rules_file_without_performance_gives_the_sheet_no_weight(tmp_path):
    body = '[[rule]]\nindicator = "在职人员控制率"\nweight = 100\nmethod = "ratio"\n'
    assert load_rules(str(write(tmp_path, body))).performance_weight == 0


def test_an_indicator_given_twice_is_named_at_its_second_place(tmp_path):
    one = '[[rule]]\nindicator = "{}"\nweight = 5\nmethod = "ratio"\n'
    body = one.format("在职人员控制率") + one.format("公用经费控制率") + one.format("staff_control") + PERF.format(rest=85)
    path = write(tmp_path, body)
    assert fault(path) == f"规则文件 {path}：rule[3].indicator “在职人员控制率”重复出现"
