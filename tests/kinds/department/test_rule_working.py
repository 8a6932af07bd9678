"""The working printed beside each rule's score (计分依据), worked by hand for each method."""
from decimal import Decimal as D

import pytest
from generator.kinds.department.rules import load_rules
from generator.kinds.department.scoring import apply_rule


def hunan(name):
    return next(r for r in load_rules("hunan").rules if r.name == name)


def test_over_limit_working():
    staff = hunan("在职人员控制率")  # over 100, 0.5 off per point, weight 5
    assert apply_rule(staff, D("95")) == (D("5.00"), "在职人员控制率95%，未超过100%，得满分")
    assert apply_rule(staff, D("100")) == (D("5.00"), "在职人员控制率100%，未超过100%，得满分")
    assert apply_rule(staff, D("100.5")) == (
        D("4.75"), "在职人员控制率100.5%，超过100% 0.5个百分点，每超过1个百分点扣0.5分（按比例），扣0.25分")
    assert apply_rule(staff, D("120")) == (
        D("0.00"), "在职人员控制率120%，超过100% 20个百分点，每超过1个百分点扣0.5分（按比例），扣5.00分")


def test_under_limit_working():
    done = hunan("预算完成率")  # under 100, 2 off per 5 points, weight 5
    assert apply_rule(done, D("100")) == (D("5.00"), "预算完成率100%，未低于100%，得满分")
    assert apply_rule(done, D("96.67")) == (
        D("3.67"), "预算完成率96.67%，低于100% 3.33个百分点，每低于5个百分点扣2分（按比例），扣1.33分")


def test_bands_working():
    control = hunan("预算控制率")  # 0 → 5, ≤10 → 4, ≤20 → 3, ≤30 → 2, else 0
    assert apply_rule(control, D("0")) == (D("5.00"), "预算控制率0%，不超过0%，得5分")
    assert apply_rule(control, D("3.70")) == (D("4.00"), "预算控制率3.70%，不超过10%，得4分")
    assert apply_rule(control, D("41.77")) == (D("0.00"), "预算控制率41.77%，超过30%，得0分")


def test_ratio_working():
    [rule] = [r for r in load_rules("strict-example").rules if r.name == "政府采购执行率"]
    assert apply_rule(rule, D("75")) == (D("3.75"), "政府采购执行率75%，按 75%/100% × 5分计分（封顶）")


@pytest.mark.parametrize("steps, score, words", [("whole", "4.00", "按整档"), ("started", "3.00", "不足一档按一档")])
def test_step_counting_is_named_in_the_working(tmp_path, steps, score, words):
    path = tmp_path / "r.toml"
    path.write_text(f'[[rule]]\nindicator = "预算完成率"\nweight = 5\nmethod = "under"\nlimit = 100\nstep = 5\n'
                    f'deduct = 1\nsteps = "{steps}"\n[performance]\nweight = 95\n', "utf-8")
    [rule] = load_rules(str(path)).rules
    got = apply_rule(rule, D("94"))  # 6 short: 1 whole step, 2 started steps
    assert got[0] == D(score) and f"（{words}）" in got[1]
