"""Project scores and the working `genreport score` prints, worked by hand on the 004 sample.

招商节会: 预算执行率 196.50 / 200.00 = 98.25 % → 9.83; indicators 20 + 15 + 10 + 5 + 15 + 14 (定性, 达成)
+ 10 = 89; total 98.83, 优. 新注册三类500强企业 is met exactly (2 of 2).
"""
import sys
from decimal import Decimal as D

import builders
import pytest
from click.testing import CliRunner
from conftest import ROOT
from generator import load
from generator.cli import main
from generator.kinds.project.scoring import score_projects

sys.path.insert(0, str(ROOT / "samples"))
import make_project_sample  # noqa: E402

P1, P2 = "招商节会", "农贸市场提质改造"


@pytest.fixture
def project(tmp_path):
    def make(change=None, name="p.xlsx"):
        return builders.write_project(tmp_path / name, builders.project(make_project_sample.DATA, change))
    return make


def score_output(path) -> str:
    result = CliRunner().invoke(main, ["score", str(path)])
    assert result.exit_code == 0, result.output
    return result.output


def only_first_project(data):
    for sheet in ("项目信息", "项目资金", "年度总体目标", "绩效指标"):
        data[sheet] = [r for r in data[sheet] if r["项目名称"] == P1]
    data["文字"] = [t for t in data["文字"] if t.get("项目名称") in (None, P1)]


def test_score_shows_each_project_by_name_with_its_working(project):
    out = score_output(project())
    assert "项目支出绩效自评评分：招商节会" in out and "项目支出绩效自评评分：农贸市场提质改造" in out
    # the terminal table sets each figure apart so that it wraps whole
    assert "≥ 完成值 2达到指标值 2，得满分" in out  # met exactly counts as met
    assert "定性指标，评价组按“达成”档评分" in out
    assert "≥ 完成值/指标值×分值： 5/6× 25" in out  # 农贸市场: 5 of 6 markets, 20.83 of 25
    assert "总分：98.83    评价等次：优" in out


def test_a_reverse_indicator_met_exactly_gets_full_points(project):
    def change(data):
        data["绩效指标"][9]["实际完成值"] = "50"  # 单个市场补助标准 ≤ 50, exactly 50
    loaded = load(project(change))
    s = loaded.scores.projects[P2]
    cost = next(i for i in s.indicators if i.row.三级指标 == "单个市场补助标准")
    assert (cost.used, cost.basis) == (D("10.00"), "≤ 完成值50达到指标值50，得满分")


def test_a_qualitative_score_outside_its_band_is_not_counted_and_says_why(project):
    def change(data):
        data["绩效指标"][5]["得分"] = D("11")  # 达成 on 15 points is 12–15
    s = load(project(change)).scores.projects[P1]
    quality = next(i for i in s.indicators if i.row.指标性质 == "定性")
    assert quality.used is None
    assert quality.basis == "得分11.00不在“达成”档12.00–15.00分之内"
    assert s.total == D("84.83")


def test_entered_scores_are_used_only_when_asked(project):
    def change(data):
        data["绩效指标"][0]["得分"] = D("18")  # computed: 20
    data = load(project(change)).data
    assert score_projects(data)[P1].total == D("98.83")
    assert score_projects(data, keep_entered=True)[P1].total == D("96.83")


def test_a_project_without_its_total_row_has_no_execution_score_and_no_crash(project):
    def change(data):
        del data["项目资金"][0]
    data = load(project(change)).data
    s = score_projects(data)[P1]
    assert (s.execution_rate, s.execution_score) == (None, None)
    assert s.total == D("89")


def test_text_for_the_whole_report_is_checked_only_when_there_is_one_project(project):
    def wrong(data):
        data["文字"].append({"部分": "其他", "内容": "自评总分为12分。"})

    assert [p for p in load(project(wrong)).errors if p.sheet == "文字"] == []  # two projects: whose total?

    def single(data):
        only_first_project(data)
        wrong(data)
    [p] = [p for p in load(project(single, "one.xlsx")).errors if p.sheet == "文字"]
    assert "为 12 分，而报告的得分为 98.83 分" in p.message

    def single_right(data):
        only_first_project(data)
        data["文字"].append({"部分": "其他", "内容": "自评总分为98.83分。"})
    assert load(project(single_right, "right.xlsx")).errors == []


def test_a_projects_text_quoting_another_grade_is_an_error(project):
    def change(data):
        data["文字"].append({"项目名称": P1, "部分": "其他", "内容": "评价等次为“良”。"})
    [p] = [p for p in load(project(change)).errors if p.sheet == "文字"]
    assert "评价等次为“良”，而报告的评价等次为“优”" in p.message
