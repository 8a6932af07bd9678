"""How figures are printed (domain.md §6): two decimals, rounded half-up, never half-even.

Python's own formatting of a Decimal (f"{x:.2f}") rounds half to even: 95.625 would print 95.62.
Each case below sits exactly on a half, where the two ways differ.
"""
from datetime import date
from decimal import Decimal as D

import pytest
from generator.formatting import (Figures, cn_date, cn_number, heading_number, money, money_typed, paragraphs, percent,
                                  score)
from generator.units import convert_exact, in_unit, round_cent


@pytest.mark.parametrize("ratio, text", [
    (D("0.95625"), "95.63%"),  # 95.625 %
    (D("0.12345"), "12.35%"),  # 12.345 %
    (D("0.00005"), "0.01%"),  # 0.005 %
    (D("1.157149"), "115.71%"),
    (D("0.125"), "12.50%"),
    (D("1"), "100.00%"),
    (D("0"), "0.00%"),
    (D("-0.00125"), "-0.13%"),  # 三公经费变动率 may fall: −0.125 % rounds away from zero
])
def test_percent_two_decimals_half_up(ratio, text):
    assert percent(ratio) == text


def test_percent_of_nothing_is_a_dash():
    assert percent(None) == "—"


@pytest.mark.parametrize("value, text", [
    (D("97.125"), "97.13"),
    (D("89.995"), "90.00"),
    (D("0.005"), "0.01"),
    (D("97"), "97.00"),
    (D("96.994"), "96.99"),
])
def test_score_two_decimals_half_up(value, text):
    assert score(value) == text


def test_score_of_nothing_is_a_dash():
    assert score(None) == "—"


@pytest.mark.parametrize("amount, plain, separated", [
    (D("7038.465"), "7038.47", "7,038.47"),
    (D("31859312.445"), "31859312.45", "31,859,312.45"),
    (D("0.125"), "0.13", "0.13"),
    (D("-179"), "-179.00", "-179.00"),
    (D("1000000"), "1000000.00", "1,000,000.00"),
])
def test_money_two_decimals_half_up_with_or_without_separators(amount, plain, separated):
    assert money(amount) == plain
    assert money(amount, separators=True) == separated


def test_money_of_nothing_is_a_dash():
    assert money(None) == "—"
    assert money(None, separators=True) == "—"


def test_units_convert_only_when_asked_and_round_half_up():
    assert convert_exact(D("1234567.89"), "元", "万元") == D("123.456789")
    assert convert_exact(D("1.5"), "万元", "元") == D("15000")
    assert convert_exact(D("7.005"), "万元", "万元") == D("7.005")
    assert in_unit(D("1234565.00"), "元", "万元") == D("123.46")  # 123.4565 → 123.46
    assert in_unit(D("12.345"), "万元", "万元") == D("12.35")
    assert round_cent(D("2.675")) == D("2.68")
    assert round_cent(D("-2.675")) == D("-2.68")


def test_figures_write_amounts_in_the_report_unit():
    wan_from_yuan = Figures("元", "万元", separators=False)
    assert wan_from_yuan.text(D("31859312.45")) == "3185.93"
    assert wan_from_yuan.text(D("12345.00")) == "1.23"
    assert wan_from_yuan.text(D("12350.00")) == "1.24"  # 1.235 → 1.24
    assert wan_from_yuan.text(None) == "—"
    assert wan_from_yuan.value(D("5000"), "万元") == D("5000.00")  # a figure declared in 万元 stays
    yuan = Figures("万元", "元", separators=True)
    assert yuan.text(D("3185.931245")) == "31,859,312.45"
    assert yuan.text(D("1.5"), "元") == "1.50"


def test_figures_row_writes_every_field_as_text():
    class Row:
        def __iter__(self):
            return iter([("机构名称", "本级"), ("收入合计", D("1234567.00")), ("年度", 2024), ("备注", None)])

    assert Figures("元", "万元", separators=True).row(Row()) == {
        "机构名称": "本级", "收入合计": "123.46", "年度": "2024", "备注": ""}


def test_dates_and_numbers_in_words():
    assert cn_date(date(2020, 6, 22)) == "2020年6月22日"
    assert [cn_number(n) for n in (1, 9, 10, 11, 12, 20, 21, 99)] == ["一", "九", "十", "十一", "十二", "二十", "二十一", "九十九"]
    assert cn_number(0) == "0" and cn_number(100) == "100"


def test_heading_numbers_of_each_level():
    assert [heading_number(1, n) for n in (1, 10, 11)] == ["一、", "十、", "十一、"]
    assert heading_number(2, 3) == "（三）"
    assert heading_number(3, 12) == "12."
    assert heading_number(4, 2) == "（2）"


def test_paragraphs_of_a_cell():
    assert paragraphs("第一段。\n\n  第二段。  \n") == ["第一段。", "第二段。"]
    assert paragraphs("") == [] and paragraphs(None) == []


@pytest.mark.parametrize("amount, plain, separated", [
    (D("12.345"), "12.345", "12.345"),  # the decimals typed are kept
    (D("12.3"), "12.30", "12.30"),  # two at least
    (D("1E+2"), "100.00", "100.00"),
    (D("1234567.123456"), "1234567.123456", "1,234,567.123456"),  # six kept
    (D("0.1234565"), "0.123457", "0.123457"),  # a seventh is rounded away, half-up (half-even gives …456)
    (D("-0.0000004"), "0.000000", "0.000000"),  # no signed zero
    (None, "—", "—"),
])
def test_money_as_typed_keeps_up_to_six_decimals_half_up(amount, plain, separated):
    assert money_typed(amount) == plain
    assert money_typed(amount, separators=True) == separated


def test_figures_keep_typed_decimals_only_in_the_unit_typed():
    wan = Figures("万元", "万元", separators=False)
    assert wan.typed(D("12.345")) == "12.345" and wan.typed(None) == "—"
    assert wan.typed(D("1.5"), "元") == "0.00"  # converted: to the cent, in the report unit
    yuan = Figures("万元", "元", separators=True)
    assert yuan.typed(D("12.345")) == "123,450.00"
    assert yuan.typed(D("12345.6789"), "元") == "12,345.6789"
