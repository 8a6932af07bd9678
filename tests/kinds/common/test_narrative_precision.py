"""How precise the figure a 文字 cell quotes must be. A score the engine works out is exact, so a text
must agree with it to the cent whatever digits it carries (9 points is 9.00: 9.4 is wrong). An amount
from the tables is only as precise as its last non-zero digit: a formula's 300.000000001 is read as
300.00, which may have been typed as 300, so a text's 300.4 agrees with it."""
from decimal import Decimal as D

import builders
import pytest
from generator import load
from generator.kinds.common.narrative import Quoted, narrative_figure_problems


def Text(content, row=7):  # noqa: N802 - named as the row it stands for
    return builders.TextRow(content, row)


@pytest.mark.parametrize("score", ["9", "9.0", "9.00"])
def test_a_score_is_compared_to_the_cent_however_few_digits_it_holds(score):
    known = [Quoted(("预算执行率",), D(score), "score", shown="9分")]
    assert narrative_figure_problems([Text("预算执行率得分为9分。")], known) == []
    [p] = narrative_figure_problems([Text("预算执行率得分为9.4分。")], known)
    assert p.message.startswith("文字中写的“预算执行率得分为9.4分”与计算结果不一致：预算执行率得分应为9分")


@pytest.mark.parametrize("typed, wrong", [("300.4", False), ("300.43", False), ("300", False), ("301", True),
                                          ("299.4", True)])
def test_an_amount_cut_from_formula_noise_is_as_precise_as_its_last_digit(workbook, typed, wrong):
    data = builders.department()
    data["收入"][0]["收入合计"] = D("300.000000001")  # what an Excel sum may store; read as 300.00
    for row in data["文字"]:
        if row["部分"] == "经济性":
            row["内容"] = f"全年收入合计{typed}万元。"
    loaded = load(workbook(data))
    assert loaded.data.收入[0].收入合计 == D("300.00")
    errors = [str(p) for p in loaded.errors]
    assert errors == ([f"文字!B7: 文字中写的“收入合计{typed}万元”与计算结果不一致：收入合计应为300.00万元；"
                       "请改正文字（报告中的表格和指标句按计算结果写出）"] if wrong else [])
