"""Cells read into a workbook's columns (workbook/convert.py): a number cell in a text column, a value
of the wrong kind in a 指标值/完成值 column, and a blank that only spaces fill."""
from decimal import Decimal as D

import pytest
from generator import load
from generator.workbook.convert import CellFault, convert
from xlsx_kit import department, raw_value, set_cell, write

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
