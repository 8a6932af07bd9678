"""One cell to one typed value: numbers as offices type them, the bound on width, text Word can hold."""
from datetime import datetime
from decimal import Decimal as D

import pytest

from generator.workbook.convert import (CellFault, Figure, Rounded, check_text, to_decimal, to_figure, to_money,
                                        to_text, visible)
from generator.workbook.xlsx import BadCell, Percent


@pytest.mark.parametrize("typed, number", [
    ("2,468,000.50", D("2468000.50")),
    ("7,001", D("7001")),
    ("-12,345.6", D("-12345.6")),
    ("３，２１０．７５", D("3210.75")),  # full-width digits, comma and point
    ("　４０６　", D("406")),  # full-width spaces around
    ("－８．５", D("-8.5")),  # full-width minus
    ("−2.25", D("-2.25")),  # the minus sign U+2212
    ("3 500 000", D("3500000")),  # spaces between groups of three
    ("-0", D("0")),
    ("-0.00", D("0.00")),
])
def test_numbers_typed_as_text_are_read(typed, number):
    got = to_decimal(typed)
    assert got == number and str(got) == str(number)  # −0 reads as 0, never "-0"


@pytest.mark.parametrize("typed", ["7,5", "1,23", "12,34,567", "1,2345", ",500", "3.1,5", "8 8"])
def test_a_comma_that_does_not_group_thousands_is_refused(typed):
    with pytest.raises(CellFault, match="千位分隔符应每三位一组"):
        to_decimal(typed)


@pytest.mark.parametrize("value", [D("1E+15"), D("-2.5E+18"), D("1234567890123460000000000000000"), "1000000000000000",
                                   "999,999,999,999,999,999"])
def test_numbers_past_what_a_budget_can_be_are_refused_saying_the_limit(value):
    with pytest.raises(CellFault, match=r"超出可处理的范围：绝对值应小于 10\^15"):
        to_decimal(value)


def test_just_under_the_limit_is_read_and_rounds_to_cents_without_error():
    assert to_money(D("999999999999999.99")) == D("999999999999999.99")
    assert to_decimal("-999,999,999,999,999") == D("-999999999999999")


def test_a_computation_giving_minus_nothing_is_zero():
    with pytest.raises(Rounded) as w:
        to_money(D("-0.0004"))
    assert str(w.value.value) == "0.00"
    assert str(to_money(D("-0E-2"))) == "0.00"


@pytest.mark.parametrize("text, code, what", [
    ("年度\ufffe目标", "U+FFFE", "非字符"),
    ("\uffff", "U+FFFF", "非字符"),
    ("前\ud83d后", "U+D83D", "不成对的代理字符"),
    ("a\x0bb", "U+000B", "控制字符"),
    ("\x85", "U+0085", "控制字符"),
])
def test_text_word_cannot_hold_is_refused_naming_the_character(text, code, what):
    with pytest.raises(CellFault) as err:
        check_text(text)
    assert code in str(err.value) and what in str(err.value)
    assert visible(text).count("[U+") == 1 and "\ufffe" not in visible(text)


def test_tabs_and_line_breaks_are_text():
    assert check_text(" 第一段\r\n第二段\t完 ") == "第一段\n第二段\t完"


@pytest.mark.parametrize("value, figure", [
    ("≥88%", Figure(D("88"), "≥", True)),
    (">= 88", Figure(D("88"), "≥", False)),
    ("＜＝３", Figure(D("3"), "≤", False)),
    ("=100%", Figure(D("100"), "＝", True)),
    ("88", Figure(D("88"))),
    ("88 %", Figure(D("88"), None, True)),
    (D("12.5"), Figure(D("12.5"))),
    (Percent(D("0.88")), Figure(D("88"), None, True)),
    (Percent(D("1.075")), Figure(D("107.5"), None, True)),
    ("明显改善", None),
    ("2,500 个", None),  # a unit after the number: words, kept as typed on a text column
])
def test_figures_in_every_form(value, figure):
    assert to_figure(value) == figure


def test_a_figure_with_a_misplaced_comma_is_refused():
    with pytest.raises(CellFault, match="千位分隔符"):
        to_figure("≥9,5%")


def test_a_percent_cell_outside_a_figure_column_is_its_stored_value_or_what_excel_shows():
    assert to_decimal(Percent(D("0.88"))) == D("0.88")
    assert to_text(Percent(D("0.885"))) == "88.5%"


def test_a_date_where_a_number_belongs_says_the_cell_is_date_formatted():
    with pytest.raises(CellFault, match="实际为日期“2023-03-15”.*日期格式"):
        to_decimal(datetime(2023, 3, 15))


def test_a_bad_cell_is_a_fault_with_its_own_message():
    from generator.workbook.convert import convert
    with pytest.raises(CellFault, match="^不是有效日期$"):
        convert(BadCell("不是有效日期"), D)
