"""check_sum: a total and its parts, with the rounding slack README §金额与核对规则 promises.

Amounts in 万元 are rounded from 元, so each added figure may be off by 0.01: a total of two
parts may be off by 0.02, of four parts by 0.04. Amounts in 元 must add up to the cent.
"""
from decimal import Decimal as D

import pytest
from generator.kinds.common.checks import Term, check_sum


def wan(label, cell, value, sign=1):
    return Term(label, cell, D(value), sign, rounded=True)


def yuan(label, cell, value, sign=1):
    return Term(label, cell, D(value), sign, rounded=False)


def two_parts(total, make=wan):
    return check_sum(make("支出合计", "支出和结余!B2", total),
                     [make("基本支出", "支出和结余!C2", "100.00"), make("项目支出", "支出和结余!F2", "50.00")])


@pytest.mark.parametrize("total", ["150.02", "149.98", "150.01", "150.00"])
def test_wanyuan_sum_of_two_may_be_off_by_two_cents_either_way(total):
    assert two_parts(total) is None


@pytest.mark.parametrize("total, diff", [("150.03", "0.03"), ("149.97", "0.03"), ("151.00", "1.00")])
def test_wanyuan_sum_of_two_off_by_three_cents_is_a_problem_at_the_total(total, diff):
    p = two_parts(total)
    assert (p.sheet, p.cell) == ("支出和结余", "B2")
    assert p.message == (f"支出合计 {total} ≠ 基本支出(C2) 100.00 + 项目支出(F2) 50.00 = 150.00（相差 {diff}）")


def test_slack_grows_with_the_number_of_parts():
    parts = [wan(f"部分{i}", f"表!C{i}", "1.00") for i in range(1, 5)]  # four parts: 4.00, slack 0.04
    assert check_sum(wan("合计", "表!B1", "4.04"), parts) is None
    assert check_sum(wan("合计", "表!B1", "3.96"), parts) is None
    assert check_sum(wan("合计", "表!B1", "4.05"), parts) is not None
    one = [wan("部分1", "表!C1", "1.00")]  # one part: slack 0.01
    assert check_sum(wan("合计", "表!B1", "1.01"), one) is None
    assert check_sum(wan("合计", "表!B1", "1.02"), one) is not None


@pytest.mark.parametrize("total", ["150.01", "149.99"])
def test_yuan_must_add_up_to_the_cent(total):
    p = two_parts(total, yuan)
    assert p is not None and p.message.endswith("（相差 0.01）")


def test_yuan_that_adds_up_passes():
    assert two_parts("150.00", yuan) is None


def test_one_rounded_figure_gives_the_sum_its_slack():
    # a parent in 元 with one child given in 万元 (converted exactly): that child was rounded
    total = yuan("基本支出", "支出明细!C2", "1900000.00")
    parts = [yuan("工资", "支出明细!C3", "1500000.00"), wan("公用", "支出明细!C4", "399999.99")]
    assert check_sum(total, parts) is None
    rounded_total = wan("基本支出", "支出明细!C2", "1900000.00")
    assert check_sum(rounded_total, [yuan("工资", "支出明细!C3", "1500000.00"),
                                     yuan("公用", "支出明细!C4", "399999.99")]) is None


def test_signed_terms_are_subtracted_and_shown_with_a_minus():
    # 当年结余 = 收入合计 − 上年结转 − 支出合计: 300 − 20 − 290 = −10
    total = wan("当年结余", "支出和结余!G2", "-10.00")
    parts = [wan("收入合计", "收入!B2", "300.00"), wan("上年结转", "收入!C2", "20.00", -1),
             wan("支出合计", "支出和结余!B2", "290.00", -1)]
    assert check_sum(total, parts) is None
    p = check_sum(wan("当年结余", "支出和结余!G2", "10.00"), parts)
    assert p.message == ("当年结余 10.00 ≠ 收入合计(收入!B2) 300.00 − 上年结转(收入!C2) 20.00 − 支出合计(B2) 290.00"
                         " = -10.00（相差 20.00）")


def test_a_first_term_subtracted_is_written_with_a_leading_minus():
    p = check_sum(wan("差额", "表!B1", "7.00"), [wan("甲", "表!C1", "3.00", -1), wan("乙", "表!D1", "10.00")])
    assert p is None
    p = check_sum(wan("差额", "表!B1", "6.00"), [wan("甲", "表!C1", "3.00", -1), wan("乙", "表!D1", "10.00")])
    assert p.message == "差额 6.00 ≠ −甲(C1) 3.00 + 乙(D1) 10.00 = 7.00（相差 1.00）"
