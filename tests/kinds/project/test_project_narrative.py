"""A project's 文字 quoting its own figures by name is checked against the engine, as the department's is.

农贸市场提质改造 in the 004 sample, worked by hand: 年度资金总额 年初预算数 250.00, 全年预算数 280.00,
全年执行数 262.40 万元; 预算执行率 262.40 / 280.00 = 93.714… % → 93.71 %, worth 10 points → 9.37;
群众购物环境 (定性, 达成) 18.00 of 20.
"""
import sys

import builders
import pytest
from conftest import ROOT
from generator import load

sys.path.insert(0, str(ROOT / "samples"))
import make_project_sample  # noqa: E402

P1, P2 = "招商节会", "农贸市场提质改造"


@pytest.fixture
def with_text(tmp_path):
    def make(text, project=P2):
        def change(data):
            data["文字"].append({"项目名称": project, "部分": "其他", "内容": text})
        path = builders.write_project(tmp_path / "p.xlsx", builders.project(make_project_sample.DATA, change))
        return [p.message for p in load(path).errors if p.sheet == "文字"]
    return make


@pytest.mark.parametrize("text", [
    "项目预算执行率为93.71%。", "全年预算执行率93.7%，", "预算执行率得9.37分。",  # coarser typing of the same figure
    "全年预算数280万元，全年执行数为262.40万元，年初预算数2,500,000元。",  # 元 for a 万元 workbook
    "群众购物环境指标得分为18分。", "该项指标得分为2分。",  # unnamed: never guessed at
    "预算执行率为95万元。",  # a rate is only compared when written as a percentage
])
def test_figures_that_match_pass(with_text, text):
    assert with_text(text) == []


@pytest.mark.parametrize("text, expected", [
    ("本年预算执行率为95.00%。", "预算执行率应为93.71%"),
    ("预算执行率得10分。", "预算执行率得分应为9.37分"),
    ("全年执行数为262.00万元。", "全年执行数应为262.40万元"),
    ("年初预算数2,800,000元。", "年初预算数应为250.00万元"),
    ("群众购物环境得20分", "群众购物环境得分应为18.00分"),
])
def test_a_figure_that_differs_is_an_error_naming_both(with_text, text, expected):
    [message] = with_text(text)
    assert message.startswith("文字中写的“") and expected in message


def test_each_project_is_checked_against_its_own_figures(with_text):
    # 招商节会: 196.50 / 200.00 = 98.25 %; the same sentence is wrong for 农贸市场
    assert with_text("预算执行率为98.25%。", project=P1) == []
    assert len(with_text("预算执行率为98.25%。", project=P2)) == 1
