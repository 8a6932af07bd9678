"""How a cell's value is quoted back in a message (huge and tiny numbers, a formula, an unreadable
cell) and spaces inside a typed number; a number cell in a text column, a value of the wrong kind in a
指标值/完成值 column, and a blank that only spaces fill: the cases the mutation run found untested in convert.py."""
from decimal import Decimal as D

import pytest
from generator import load
from generator.workbook.convert import CellFault, convert, shown, to_decimal
from generator.workbook.xlsx import BadCell, FormulaWithoutValue
from xlsx_kit import department, raw_value, set_cell, write

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


# --- cells read into a workbook's columns ----------------------------------------------------------

# 绩效指标 row 2 of the department workbook: 定性, 总体目标. Columns: C 二级指标 (optional text), D 指标名称
# (required text), I 完成值 (a figure column: 95, 95%, ≥95%).


def problems(tmp_path, content):
    loaded = load(write(tmp_path, content))
    return loaded, [(p.place, p.message) for p in loaded.problems]


# --- a number cell in a text column ----------------------------------------------------------------

@pytest.mark.parametrize("stored, text", [
    ("2024.0", "2024"),  # as a program writing floats stores 2024: Excel shows 2024, so does the report
    ("7.000", "7"),
    ("1.50E+3", "1500"),
    ("2024.50", "2024.50"),  # not whole: kept with the digits stored
])
def test_a_whole_number_in_a_text_column_reads_as_excel_shows_it(tmp_path, stored, text):
    content = raw_value(set_cell(department(), "绩效指标", "D2", 5), "绩效指标", "D2", stored)
    loaded, found = problems(tmp_path, content)
    assert found == []
    assert loaded.data.绩效指标[0].指标名称 == text


def test_a_number_cell_holding_no_number_in_a_text_column_is_a_fault_at_its_cell(tmp_path):
    # <v>abc</v> in a number cell: no number Excel can hold, read as an invalid number
    content = raw_value(set_cell(department(), "绩效指标", "D2", 5), "绩效指标", "D2", "abc")
    _, found = problems(tmp_path, content)
    assert found == [("绩效指标!D2", "应为文字，实际为无效数字")]


@pytest.mark.parametrize("number", [D("NaN"), D("Infinity"), D("-Infinity")])
def test_an_invalid_number_where_text_belongs_is_named_as_such(number):
    with pytest.raises(CellFault) as caught:
        convert(number, str)
    assert str(caught.value) == "应为文字，实际为无效数字"


# --- a 指标值/完成值 cell holding what is no figure --------------------------------------------------

def test_a_date_in_a_figure_column_says_the_cell_is_date_formatted(tmp_path):
    # 45000 with a date format is 2023-03-15 in Excel
    _, found = problems(tmp_path, set_cell(department(), "绩效指标", "I2", 45000, "yyyy-mm-dd"))
    assert found == [("绩效指标!I2", "应为数字，实际为日期“2023-03-15”（单元格设成了日期格式？请把格式改为“数值”后重新输入）")]


@pytest.mark.parametrize("code", ["#N/A", "#DIV/0!", "#VALUE!"])
def test_an_excel_error_in_a_figure_column_is_a_fault_quoting_the_error(tmp_path, code):
    # the user must see which error value the cell holds (not an empty or made-up value)
    _, found = problems(tmp_path, set_cell(department(), "绩效指标", "I2", code))
    [(place, message)] = found
    assert place == "绩效指标!I2" and code in message and "None" not in message


# --- blanks: spaces only ------------------------------------------------------------------------

def test_a_required_text_cell_holding_only_spaces_is_blank(tmp_path):
    _, found = problems(tmp_path, set_cell(department(), "绩效指标", "D2", "   "))
    assert found == [("绩效指标!D2", "“指标名称”为必填项，实际为空白")]


@pytest.mark.parametrize("ref", ["C2", "J2"])  # 二级指标, 度量单位: optional
def test_an_optional_text_cell_holding_only_spaces_is_no_fault(tmp_path, ref):
    loaded, found = problems(tmp_path, set_cell(department(), "绩效指标", ref, "   "))
    assert found == []
    assert loaded.data.绩效指标[0].指标名称 == "总体目标"


# --- a special cell in a figure column ------------------------------------------------------------

# These columns are read as figures (95、95%、≥95%); they once said 应为数字，实际为“True” (Python's spelling),
# “（无法读取的单元格）” (the reason lost) or “=1/0” (no advice to recalculate) instead.

@pytest.mark.parametrize("value, number_format, message", [
    ("=1/0", None, "公式 =1/0 没有计算结果，请在 Excel 中打开并保存后重试"),
    (True, None, "应为数据，实际为逻辑值 TRUE"),
    ("#N/A", None, "单元格是 Excel 错误值 #N/A，应为有效数据"),
    (-5, "yyyy-mm-dd", "单元格设为日期格式，但其中的数值 -5 不是有效日期；请把单元格格式改为“常规”或“数值”，或重新输入日期"),
])
def test_a_special_cell_in_a_figure_column_gets_the_message_any_other_column_gives(tmp_path, value, number_format,
                                                                                   message):
    loaded = load(write(tmp_path, set_cell(department(), "绩效指标", "I2", value, number_format)))  # I2: 完成值
    assert [(p.place, p.message) for p in loaded.problems] == [("绩效指标!I2", message)]
