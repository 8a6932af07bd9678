"""Turn one cell's raw value into the type its column declares, or say why not (in Chinese)."""
from __future__ import annotations

import re
import types
import typing
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from generator.workbook.xlsx import ErrorValue, FormulaWithoutValue, as_date

CENT = Decimal("0.01")
# Tabs and line breaks are text; every other C0/C1 control character is a fault in the data.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_DATE_TEXT = re.compile(r"\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*")
_SYMBOLS = {">=": "≥", "=>": "≥", "<=": "≤", "=<": "≤", "=": "＝", "＞＝": "≥", "＜＝": "≤"}


class CellFault(Exception):
    """The cell cannot be read as its column's type; the message says expected and found."""


class Rounded(Exception):
    """The value was read but changed (rounded): a warning that carries the value kept."""

    def __init__(self, value, message: str):
        super().__init__(message)
        self.value = value


def shown(value) -> str:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, (date, datetime)):
        return value.strftime("%Y-%m-%d")
    return str(value)


def unwrap(annotation):
    """(inner type, optional?) for Optional[X] / X | None."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return args[0], True
    return annotation, False


def check_text(text: str) -> str:
    m = _CONTROL.search(text)
    if m:
        raise CellFault(f"含有不可见的控制字符 U+{ord(m.group()):04X}（第 {m.start() + 1} 个字符），请删除后重试")
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def to_text(value) -> str:
    if isinstance(value, str):
        return check_text(value)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")
    if isinstance(value, (date, datetime)):
        return value.strftime("%Y-%m-%d")
    raise CellFault(f"应为文字，实际为“{shown(value)}”")


def to_decimal(value) -> Decimal:
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise CellFault("应为数字，实际为无效数字")
        return value
    if isinstance(value, str):
        cleaned = check_text(value).replace(",", "").replace("，", "").replace(" ", "")
        try:
            number = Decimal(cleaned)
            if number.is_finite():
                return number
        except InvalidOperation:
            pass
        raise CellFault(f"应为数字，实际为文字“{value.strip()}”")
    raise CellFault(f"应为数字，实际为“{shown(value)}”")


def to_money(value) -> Decimal:
    number = to_decimal(value)
    if number.as_tuple().exponent >= -2:
        return number
    rounded = number.quantize(CENT, rounding=ROUND_HALF_UP)
    if abs(rounded - number) < Decimal("1e-6"):  # binary noise from an Excel formula
        return rounded
    raise Rounded(rounded, f"金额最多两位小数，实际为 {shown(number)}；已四舍五入为 {rounded}")


def to_int(value) -> int:
    number = to_decimal(value)
    if number != number.to_integral_value():
        raise CellFault(f"应为整数，实际为 {shown(number)}")
    return int(number)


def to_date(value) -> date:
    d = as_date(value)
    if d is not None:
        return d
    if isinstance(value, str):
        m = _DATE_TEXT.fullmatch(value)
        if m:
            try:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                pass
        raise CellFault(f"应为日期（如 2020-06-22），实际为“{value.strip()}”")
    raise CellFault(f"应为日期（如 2020-06-22），实际为“{shown(value)}”（请把单元格设为日期格式）")


def _normal_choice(text: str) -> str:
    text = text.replace("(", "（").replace(")", "）").replace(" ", "")
    return _SYMBOLS.get(text, text)


def to_choice(value, choices: tuple[str, ...]) -> str:
    text = to_text(value)
    wanted = {_normal_choice(c): c for c in choices}
    hit = wanted.get(_normal_choice(text))
    if hit is None:
        raise CellFault(f"应为 {'、'.join(choices)} 之一，实际为“{text}”")
    return hit


def convert(value, annotation, plain_number: bool = False):
    """The value as `annotation` wants it; raises CellFault (expected/found) or Rounded.

    A Decimal column is money (at most two decimals) unless `plain_number`."""
    if isinstance(value, FormulaWithoutValue):
        raise CellFault(f"公式 ={value.formula} 没有计算结果，请在 Excel 中打开并保存后重试")
    if isinstance(value, ErrorValue):
        raise CellFault(f"单元格是 Excel 错误值 {value.code}，应为有效数据")
    if isinstance(value, bool):
        raise CellFault(f"应为数据，实际为逻辑值 {'TRUE' if value else 'FALSE'}")
    inner, _ = unwrap(annotation)
    if typing.get_origin(inner) is typing.Literal:
        return to_choice(value, typing.get_args(inner))
    if inner is Decimal:
        return to_decimal(value) if plain_number else to_money(value)
    if inner is int:
        return to_int(value)
    if inner is date:
        return to_date(value)
    return to_text(value)
