"""A warning about an entered score names its sheet and cell separately (汇总.xlsx lists them in two columns)."""
from decimal import Decimal as D

import builders
from generator import load


def test_entered_total_that_differs_is_a_warning_at_its_own_cell(workbook):
    data = builders.department()
    data["单位信息"][0]["综合得分"] = D("90.00")
    loaded = load(workbook(data))
    [w] = [p for p in loaded.warnings if "综合得分" in p.message]
    assert f"{w.sheet}!{w.cell}" == loaded.data.单位.cell("综合得分")
    assert w.sheet == "单位信息" and w.cell[0].isalpha() and w.cell[-1] == "2"
