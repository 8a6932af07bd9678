"""One cell's raw value to its column's type (workbook/convert.py), and what a user is told when it cannot be."""
from datetime import date, datetime
from decimal import Decimal as D
from typing import Literal, Optional

import builders
import pytest
from generator import load
from generator.workbook.convert import CellFault, Rounded, convert
from generator.workbook.xlsx import ErrorValue, FormulaWithoutValue


def fault(value, annotation, **kw) -> str:
    with pytest.raises(CellFault) as caught:
        convert(value, annotation, **kw)
    return str(caught.value)


# --- numbers typed as text -------------------------------------------------------------------

@pytest.mark.parametrize("text, number", [
    ("1,500,000.00", D("1500000.00")),
    ("1，500，000.00", D("1500000.00")),  # full-width commas, as a Chinese IME types them
    (" 2,345.6 ", D("2345.6")),
    ("1 500 000", D("1500000")),
    ("-1,234.50", D("-1234.50")),
])
def test_thousands_separators_in_text_are_stripped(text, number):
    assert convert(text, D) == number


def test_separated_text_in_a_workbook_reads_as_the_amount(workbook):
    data = builders.department()
    data["支出明细"][1]["金额"] = "1,500,000.00"  # typed as text in a 元 row
    loaded = load(workbook(data))
    assert loaded.errors == []
    assert loaded.data.支出明细[1].金额 == D("1500000.00")


@pytest.mark.parametrize("text", ["约二十", "1.2.3", "", "NaN", "Infinity", "12元"])
def test_text_that_is_not_a_number_is_a_fault_quoting_it(text):
    assert fault(text, D) == f"应为数字，实际为文字“{text.strip()}”"


def test_an_infinite_number_is_refused():
    assert fault(D("Infinity"), D) == "应为数字，实际为无效数字"
    assert fault(D("NaN"), D, plain_number=True) == "应为数字，实际为无效数字"


# --- money: at most two decimals ------------------------------------------------------------

def test_money_with_two_decimals_or_fewer_is_kept_exactly():
    assert convert(D("12.34"), D) == D("12.34")
    assert convert(D("12"), D) == D("12")
    assert convert(D("1E+3"), D) == D("1000")


def test_money_with_binary_noise_is_rounded_silently():
    assert convert(D("83.73999999999999"), D) == D("83.74")
    assert convert(D("0.1000000001"), D) == D("0.10")


@pytest.mark.parametrize("value, kept", [(D("1.005"), D("1.01")), (D("2.675"), D("2.68")), (D("1.0049"), D("1.00"))])
def test_money_with_a_third_decimal_is_rounded_half_up_with_a_warning(value, kept):
    with pytest.raises(Rounded) as caught:
        convert(value, D)
    assert caught.value.value == kept
    assert str(caught.value) == f"金额最多两位小数，实际为 {value}；已四舍五入为 {kept}"


def test_a_plain_number_column_keeps_every_decimal():
    assert convert(D("95.125"), D, plain_number=True) == D("95.125")
    assert convert("95.125", Optional[D], plain_number=True) == D("95.125")


# --- integers, dates, text, choices -----------------------------------------------------------

def test_integers():
    assert convert(D("20"), int) == 20
    assert convert("1,200", int) == 1200
    assert convert(D("20.0"), int) == 20
    assert fault(D("20.5"), int) == "应为整数，实际为 20.5"


@pytest.mark.parametrize("value", ["2025-03-31", "2025/3/31", "2025.03.31", "2025年3月31日", " 2025 年 3 月 31 日 ",
                                   date(2025, 3, 31), datetime(2025, 3, 31, 15, 30)])
def test_dates_as_dates_or_as_text(value):
    assert convert(value, date) == date(2025, 3, 31)


def test_impossible_or_wordy_dates_are_faults():
    assert fault("2025-02-30", date) == "应为日期（如 2020-06-22），实际为“2025-02-30”"
    assert fault(" 六月底 ", date) == "应为日期（如 2020-06-22），实际为“六月底”"
    assert fault(D("45000"), date) == "应为日期（如 2020-06-22），实际为“45000”（请把单元格设为日期格式）"


def test_text_columns():
    assert convert("  职责一  ", str) == "职责一"
    assert convert("第一行\r\n第二行\r第三行", str) == "第一行\n第二行\n第三行"
    assert convert("甲\t乙", str) == "甲\t乙"
    assert convert(D("2024"), str) == "2024"
    assert convert(D("2024.50"), str) == "2024.50"
    assert convert(D("1E+2"), str) == "100"
    assert convert(date(2025, 3, 1), str) == "2025-03-01"
    assert convert(datetime(2025, 3, 1, 8, 0), Optional[str]) == "2025-03-01"


@pytest.mark.parametrize("char, code, at", [("\x1b", "001B", 3), ("\x00", "0000", 3), ("\x7f", "007F", 3),
                                             ("\x85", "0085", 3), ("\x0b", "000B", 3), ("\x9f", "009F", 3)])
def test_control_characters_are_faults_with_their_code_and_position(char, code, at):
    assert fault(f"贯彻{char}执行", str) == f"含有不可见的控制字符 U+{code}（第 {at} 个字符），Word 文档无法容纳，请删除后重试"


def test_control_characters_in_a_number_are_faults_too():
    assert fault("12\x0334", D).startswith("含有不可见的控制字符 U+0003")


def test_choices_accept_half_width_forms_and_return_the_listed_spelling():
    Unit = Literal["元", "万元"]
    Way = Literal["部门(单位)绩效自评", "财政部门组织评价"]
    Nature = Literal["＝", "≥", "≤"]
    assert convert(" 万元 ", Unit) == "万元"
    assert convert("部门（单位）绩效自评", Way) == "部门(单位)绩效自评"
    assert convert("部门 (单位) 绩效自评", Optional[Way]) == "部门(单位)绩效自评"
    assert [convert(s, Nature) for s in (">=", "=>", "<=", "=<", "=", "＞＝", "＜＝")] == ["≥", "≥", "≤", "≤", "＝", "≥", "≤"]
    assert fault("千元", Unit) == "应为 元、万元 之一，实际为“千元”"


def test_excel_specials_are_faults_saying_what_to_do():
    assert fault(FormulaWithoutValue("C3+D3"), D) == "公式 =C3+D3 没有计算结果，请在 Excel 中打开并保存后重试"
    assert fault(ErrorValue("#DIV/0!"), D) == "单元格是 Excel 错误值 #DIV/0!，应为有效数据"
    assert fault(True, D) == "应为数据，实际为逻辑值 TRUE"
    assert fault(False, str) == "应为数据，实际为逻辑值 FALSE"


def test_a_value_of_the_wrong_kind_is_named_as_found():
    assert fault(date(2025, 3, 1), D).startswith("应为数字，实际为日期“2025-03-01”")
    assert fault(D("3.5"), Optional[int]) == "应为整数，实际为 3.5"
    assert fault(3.5, str) == "应为文字，实际为“3.5”"


def test_a_tiny_fraction_is_shown_in_plain_digits_not_exponent_form():
    assert fault(D("1E-7"), int) == "应为整数，实际为 0.0000001"
