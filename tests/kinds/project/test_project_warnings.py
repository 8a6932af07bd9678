"""Warnings of project scoring, each for the project it is about, word for word.

004 sample, worked by hand: 招商节会 98.83 (9.83 + 89), 农贸市场提质改造 90.20 (9.37 + 80.83).
"""
import sys
from decimal import Decimal as D

import builders
import pytest
from conftest import ROOT
from generator import Options, load

sys.path.insert(0, str(ROOT / "samples"))
import make_project_sample  # noqa: E402

P1, P2 = "招商节会", "农贸市场提质改造"


@pytest.fixture
def warnings(tmp_path):
    def make(change, keep=False):
        path = builders.write_project(tmp_path / "p.xlsx", builders.project(make_project_sample.DATA, change))
        loaded = load(path, Options(keep_entered_scores=keep))
        return [f"{p.sheet}!{p.cell}: {p.message}" for p in loaded.warnings]
    return make


@pytest.mark.parametrize("keep, used", [(False, "报告采用计算值，如需采用填写值请加 --keep-entered-scores"),
                                        (True, "报告采用填写值")])
def test_a_typed_total_that_differs_is_warned_for_its_own_project_after_one_that_agrees(warnings, keep, used):
    def change(data):
        data["项目信息"][0]["综合得分"] = D("98.83")  # agrees: no warning, and the next project is still looked at
        data["项目信息"][1]["综合得分"] = D("91")
    assert warnings(change, keep) == [
        f"项目信息!J3: 项目“{P2}”填写的综合得分 91.00 与按公式计算的 90.20 不一致；{used}"]


def test_a_split_without_one_level_names_it_at_nought(warnings):
    def change(data):
        # 农贸市场 without its 满意度指标 row (市民满意度, 10): 产出 50, 效益 30, 满意度 0, 预算执行率 20
        data["绩效指标"] = [r for r in data["绩效指标"] if not (r["项目名称"] == P2 and r["一级指标"] == "满意度指标")]
    assert warnings(change) == [
        f"绩效指标!J9: 项目“{P2}”的分值为 预算执行率20.00、产出指标50.00、效益指标30.00、满意度指标0.00，与评分规则"
        "“财预〔2020〕10号”的 预算执行率10.00、产出指标50.00、效益指标30.00、满意度指标10.00 不同；按工作簿所填分值计分"]

