"""How a cell's value is quoted back in a message (huge and tiny numbers, a formula, an unreadable
cell) and spaces inside a typed number: the cases the mutation run found untested in convert.py."""
from decimal import Decimal as D

import pytest
from generator import load
from generator.workbook.convert import CellFault, convert, shown, to_decimal
from generator.workbook.xlsx import BadCell, FormulaWithoutValue
from xlsx_kit import department, set_cell, write

LIMIT_TEXT = "超出可处理的范围：绝对值应小于 10^15（1,000,000,000,000,000）"


def fault(value, annotation=D) -> str:
    with pytest.raises(CellFault) as caught:
        convert(value, annotation)
    return str(caught.value)


# --- a number past the limit is quoted as written: digits up to 30 places, then in E notation ----

@pytest.mark.parametrize("typed, quoted", [
    ("1e29", "100000000000000000000000000000"),  # 30 digits: still written out
    ("1e30", "1E+30"),  # 31 digits would be: E notation
    ("-2.5e40", "-2.5E+40"),
    ("1.2345678901234568E+30", "1.2345678901234568E+30"),  # as Excel stores a huge double
])
def test_a_number_past_the_limit_is_quoted_in_full_or_in_e_notation(typed, quoted):
    assert fault(typed) == f"数值 {quoted} {LIMIT_TEXT}"


def test_a_huge_stored_number_is_quoted_in_e_notation():
    assert fault(D("1E+35")) == f"数值 1E+35 {LIMIT_TEXT}"


@pytest.mark.parametrize("typed, quoted", [
    ("1e-29", "0.00000000000000000000000000001"),
    ("1e-30", "1E-30"),
    ("2.5", "2.5"),
])
def test_a_fraction_where_a_whole_number_belongs_is_quoted_the_same_way(typed, quoted):
    assert fault(typed, int) == f"应为整数，实际为 {quoted}"


# --- what a header cell that is not text shows as ------------------------------------------------

def test_a_formula_without_a_value_is_quoted_as_its_formula():
    assert shown(FormulaWithoutValue("SUM(B2:B9)")) == "=SUM(B2:B9)"
    assert shown(FormulaWithoutValue("A1&\x07")) == "=A1&[U+0007]"


def test_an_unreadable_cell_is_quoted_as_such():
    assert shown(BadCell("逻辑值“x”无效")) == "（无法读取的单元格）"


def test_a_formula_header_never_calculated_is_named_as_an_unknown_column(tmp_path):
    loaded = load(write(tmp_path, set_cell(department(), "收入", "I1", "=A1&B1")))
    [p] = [p for p in loaded.problems if p.place == "收入!I1"]
    assert p.message.startswith("未知的列“=A1&B1”；本表的列应为：机构名称、")


# --- spaces inside a typed number ---------------------------------------------------------------

@pytest.mark.parametrize("typed, number", [
    ("- 8", D("-8")),  # a space after the minus sign
    ("－　８．５", D("-8.5")),  # full-width minus, ideographic space, full-width digits
    ("+ 12.5", D("12.5")),
    ("3 .25", D("3.25")),  # a space before the point
])
def test_a_space_that_does_not_separate_digit_groups_is_ignored(typed, number):
    assert to_decimal(typed) == number
    assert convert(typed, D) == number


# --- the first and last of the surrogates are named as such; noise below a millionth only ---------

@pytest.mark.parametrize("text, message", [
    ("甲\ud800", "含有不成对的代理字符（半个字符，多见于从网页或其他程序复制的文字） U+D800（第 2 个字符），Word 文档无法容纳，请删除后重试"),
    ("\udfff乙", "含有不成对的代理字符（半个字符，多见于从网页或其他程序复制的文字） U+DFFF（第 1 个字符），Word 文档无法容纳，请删除后重试"),
    ("目标\uffff", "含有非字符 U+FFFF（第 3 个字符），Word 文档无法容纳，请删除后重试"),
    ("\x7f", "含有不可见的控制字符 U+007F（第 1 个字符），Word 文档无法容纳，请删除后重试"),
])
def test_each_kind_of_character_word_cannot_hold_is_named_with_its_place(text, message):
    assert fault(text, str) == message


def test_money_off_by_a_millionth_or_more_is_rounded_with_a_warning():
    from generator.workbook.convert import Rounded
    assert convert(D("2.0000009"), D) == D("2.00")  # below a millionth: binary noise, rounded silently
    with pytest.raises(Rounded) as caught:
        convert(D("2.000001"), D)
    assert caught.value.value == D("2.00") and str(caught.value) == "金额最多两位小数，实际为 2.000001；已四舍五入为 2.00"
