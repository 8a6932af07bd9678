"""Sum rules of the department workbook as a user meets them through `load`: which parts each total
includes (domain.md §3 rule 4: 三公经费合计 = all four of its parts) and the rounding slack per part."""
from decimal import Decimal as D

import builders
import pytest
from generator import load

SANGONG_PARTS = {"公务接待费": "C2", "公务用车运维费": "D2", "公务用车购置费": "E2", "因公出国出境费": "F2"}


def errors(path):
    return [str(p) for p in load(path).errors]


def four_part_sangong(**changes):
    """三公经费 10.00 = 1.00 + 2.00 + 3.00 + 4.00, every part non-zero; 经费控制 agrees."""
    data = builders.department()
    row = {"机构名称": "汇总", "三公经费合计": D("10.00"), "公务接待费": D("1.00"), "公务用车运维费": D("2.00"),
           "公务用车购置费": D("3.00"), "因公出国出境费": D("4.00")}
    row.update(changes)
    data["三公经费"] = [row]
    data["经费控制"][0]["本年决算数"] = D("10.00")
    data["经费控制"][1]["本年决算数"] = D("9.00")  # its 其中 rows: 公务用车购置和维护经费 9.00 + 公务接待 1.00
    return data


def test_sangong_total_of_all_four_parts_passes(workbook):
    assert errors(workbook(four_part_sangong())) == []


@pytest.mark.parametrize("part", SANGONG_PARTS)
def test_sangong_total_missing_one_part_is_refused_naming_that_part(workbook, part):
    data = four_part_sangong(**{part: four_part_sangong()["三公经费"][0][part] + D("1.00")})
    got = [m for m in errors(workbook(data)) if m.startswith("三公经费!")]
    assert len(got) == 1
    assert got[0].startswith("三公经费!B2: 三公经费合计 10.00 ≠ ")
    assert f"{part}({SANGONG_PARTS[part]})" in got[0]
    assert got[0].endswith("= 11.00（相差 1.00）")


def test_assets_total_may_be_off_by_one_cent_per_part_in_wanyuan(workbook):
    # 固定资产合计 = 在用 70.00 + 出租 0 + 其他 10.00: three parts, so up to 0.03
    data = builders.department()
    data["固定资产"][0]["固定资产合计"] = D("80.03")
    assert errors(workbook(data)) == []
    data["固定资产"][0]["固定资产合计"] = D("80.04")
    got = errors(workbook(data))
    assert [m for m in got if m.startswith("固定资产!B2:")] == [
        "固定资产!B2: 固定资产合计 80.04 ≠ 在用固定资产(C2) 70.00 + 出租固定资产(D2) 0.00 + 其他(E2) 10.00"
        " = 80.00（相差 0.04）"]


def test_in_yuan_one_cent_off_is_an_error(workbook):
    data = builders.department()
    data["单位信息"][0]["金额单位"] = "元"
    assert errors(workbook(data)) == []
    data["固定资产"][0]["固定资产合计"] = D("80.01")
    assert [m for m in errors(workbook(data)) if m.startswith("固定资产!B2:")] == [
        "固定资产!B2: 固定资产合计 80.01 ≠ 在用固定资产(C2) 70.00 + 出租固定资产(D2) 0.00 + 其他(E2) 10.00"
        " = 80.00（相差 0.01）"]


def test_income_sum_of_five_parts_may_be_off_by_five_cents(workbook):
    data = builders.department()
    data["收入"][2]["收入合计"] = D("100.05")  # 0 + 100 + 0 + 0 + 0
    data["收入"][0]["收入合计"] = D("300.05")  # summary: 200 + 100.05, and its own parts 20+270+10+0+0
    data["支出和结余"][2]["累计结余"] = D("5.05")  # 100.05 − 95: the balance rule holds again
    data["支出和结余"][2]["当年结余"] = D("5.05")
    data["支出和结余"][0]["累计结余"] = D("10.05")
    data["支出和结余"][0]["当年结余"] = D("-9.95")
    data["支出和结余"][1]["累计结余"] = D("5.00")
    assert errors(workbook(data)) == []
    data["收入"][2]["收入合计"] = D("100.06")
    assert any(m.startswith("收入!B4: 收入合计 100.06 ≠ ") and m.endswith("（相差 0.06）")
               for m in errors(workbook(data)))
