"""Project amounts keep up to six decimals as typed; more is rounded half-up with a warning at its cell,
and a formula's binary noise (under 1e-9) is cut silently. Rows 2 and 3 of 项目资金 in the 004 sample
are 招商节会's 年度资金总额 and 当年财政拨款 (equal, so the sum still holds when both change)."""
import sys
from decimal import Decimal as D

import builders
import pytest
from conftest import ROOT
from generator import load

sys.path.insert(0, str(ROOT / "samples"))
import make_project_sample  # noqa: E402


def loaded_with(tmp_path, typed: str):
    def change(data):
        data["项目资金"][0]["年初预算数"] = D(typed)
        data["项目资金"][1]["年初预算数"] = D(typed)
    return load(builders.write_project(tmp_path / "p.xlsx", builders.project(make_project_sample.DATA, change)))


@pytest.mark.parametrize("typed, kept, warned", [
    ("200.1234565", "200.123457", True),  # half-up; half-even would keep …456
    ("200.1234575", "200.123458", True),
    ("1.000000001", "1.000000", True),  # 1e-9 off: a slip, said
    ("262.400000000001", "262.400000", False),  # 1e-12 off: a formula's binary noise, cut silently
    ("12.123456", "12.123456", False),  # six decimals are kept as typed
    ("262.4", "262.4", False),  # fewer are kept as typed too (the report prints 262.4, not 262.400000)
])
def test_more_than_six_decimals_are_rounded_half_up(tmp_path, typed, kept, warned):
    loaded = loaded_with(tmp_path, typed)
    assert loaded.errors == []
    assert [str(loaded.data.资金[i].年初预算数) for i in (0, 1)] == [kept, kept]
    expected = [f"项目资金!C{row}: 金额最多六位小数，实际为 {typed}；已四舍五入为 {D(kept).normalize()}" for row in (2, 3)]
    assert [str(p) for p in loaded.warnings if "六位小数" in p.message] == (expected if warned else [])


def test_an_unreadable_indicator_sheet_is_not_checked_for_missing_indicators(tmp_path):
    def change(data):
        for r in data["绩效指标"][7:13]:  # every row of 农贸市场提质改造
            r["分值"] = "二十"
    loaded = load(builders.write_project(tmp_path / "p.xlsx", builders.project(make_project_sample.DATA, change)))
    assert [str(p) for p in loaded.errors] == [f"绩效指标!J{n}: 应为数字，实际为文字“二十”" for n in range(9, 15)]


def test_every_amount_column_is_checked_not_only_the_first(tmp_path):
    # 招商节会's 年度资金总额 and 当年财政拨款 (rows 2, 3): 年初预算数 as typed, 全年执行数 with seven decimals
    def change(data):
        for i in (0, 1):
            data["项目资金"][i]["全年执行数"] = D("196.5000005")
    loaded = load(builders.write_project(tmp_path / "p.xlsx", builders.project(make_project_sample.DATA, change)))
    assert [str(loaded.data.资金[i].全年执行数) for i in (0, 1)] == ["196.500001", "196.500001"]
    assert [str(p) for p in loaded.warnings if "六位小数" in p.message] == [
        f"项目资金!E{row}: 金额最多六位小数，实际为 196.5000005；已四舍五入为 196.500001" for row in (2, 3)]
